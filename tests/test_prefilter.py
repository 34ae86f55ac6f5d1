"""etl/knowledge/scan.py: the literals a match must contain, and the prefilter built on them, never
rule out a pattern that matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.knowledge import scan
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.rules import load_rules
from etl.knowledge.scan import Prefilter, first_start, literals

ROOT = Path(__file__).resolve().parents[1]
_KN, _RULES = load_annotation_knowledge(), load_rules()
PATTERN_SETS: list[tuple[str, tuple]] = [  # type: ignore[type-arg]
    *((f"credibility {k}", tuple(c.patterns)) for k, c in _KN.credibility.criteria.items()),
    *((f"red flag {r.id}", tuple(r.patterns)) for r in _KN.red_flags.rules),
    ("source cues", tuple(c.regex for c in _RULES.cues)),
    *((name, tuple(p.regex for p in getattr(_RULES, name))) for name in ("drop_lines", "tail_markers", "header_lines")),
]
EVERY_PATTERN = [scan.plain_pattern(p) for _name, ps in PATTERN_SETS for p in ps]


@pytest.mark.parametrize(("pattern", "flags", "want"), [
    (r"本文经.{0,12}授权转载", 0, ({"授权转载"}, False)),
    (r"(?:said|says) Dr\.", 0, ({" Dr."}, False)),
    (r"Get a (?:free )?quote|Cost by destination", 0, ({"Get a ", "Cost by destination"}, False)),
    (r"x(?:ab|cd)+y", 0, ({"ab", "cd"}, False)),
    (r"(?:a|)b", 0, ({"b"}, False)),
    (r"[￥¥]\s*\d+", 0, ({"￥", "¥"}, False)),
    # case-insensitive: lower-cased, and i, k and s end a run (ſ, İ, ı and the Kelvin sign match them)
    (r"\bsponsored by\b", re.I, ({"ored by"}, True)),
    (r"ICP备\d+号", re.I, ({"cp备"}, True)),
    (r"(?i:doi)\s*[:：]|版权所有", 0, ({"do", "版权所有"}, True)),
    # nothing every match must hold
    (r"[讯电]{2}|\d+元?", 0, None),
    (r"(?:干细胞)?", 0, None),
    (r"(\w)\1", 0, None),
    (r"ſ", re.I, None),
])
def test_literals_a_match_must_contain(pattern: str, flags: int, want: tuple[set[str], bool] | None) -> None:
    got = literals(re.compile(pattern, flags))
    assert got == (None if want is None else (frozenset(want[0]), want[1]))


def test_folded_literal_characters_have_no_other_partners() -> None:
    """A character literals keep under re.I is matched only by characters that str.lower maps to it."""
    import _sre
    from re import _casefix

    for cp in range(0x110000):
        low = _sre.unicode_tolower(cp)
        if scan._foldable(low) or scan._foldable(cp):
            assert chr(cp).lower() == chr(low), hex(cp)
        extra = _casefix._EXTRA_CASES.get(cp, ())
        assert not (extra and (scan._foldable(cp) or any(scan._foldable(e) for e in extra))), hex(cp)


def _texts() -> list[str]:
    pages = [*sorted((ROOT / "seeds").iterdir()), *sorted((ROOT / "tests").rglob("*.txt")),
             *sorted((ROOT / "tests").rglob("*.html"))]
    out = [p.read_text(encoding="utf-8", errors="replace") for p in pages if p.is_file()]
    return out + [line for t in out[:40] for line in t.splitlines() if line.strip()]


def test_the_prefilter_keeps_every_pattern_that_matches_a_page() -> None:
    texts = _texts()
    tried = kept_out = 0
    for name, patterns in PATTERN_SETS:
        flt = Prefilter(patterns)
        for text in texts:
            can = flt.candidates(text)
            hits = {i for i, p in enumerate(patterns) if p.search(text)}
            assert hits <= can, (name, [patterns[i].pattern for i in hits - can], text[:80])
            assert flt.any(text) == bool(can)
            tried += len(patterns)
            kept_out += len(patterns) - len(can)
    assert kept_out > tried / 2   # it does rule most patterns out


def _alphabet(pattern: str) -> str:
    named = {c for c in pattern if not c.isspace() and c not in "\\()[]{}?*+|^$.:<=!-"}
    return "".join(sorted(named | {c.upper() for c in named if c.isascii()})) + " \n，。1Kſİı"


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_a_pattern_that_matches_holds_one_of_its_literals(data: st.DataObject) -> None:
    rx = data.draw(st.sampled_from(EVERY_PATTERN))
    text = data.draw(st.text(alphabet=_alphabet(rx.pattern), max_size=80))
    found = literals(rx)
    if found is not None and rx.search(text):
        words, fold = found
        hay = text.lower() if fold else text
        assert any(w in hay for w in words), (rx.pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_first_start_rules_out_only_texts_no_pattern_matches(data: st.DataObject) -> None:
    name, patterns = data.draw(st.sampled_from(PATTERN_SETS))
    alphabet = _alphabet("".join(scan.plain_pattern(p).pattern for p in patterns))
    text = data.draw(st.text(alphabet=alphabet, min_size=scan.SHORT, max_size=scan.SHORT + 60))
    first = first_start(patterns, text)
    hits = [m.start() for p in patterns for m in [p.search(text)] if m]
    if first is None:
        assert not hits, name
    else:
        assert not hits or first <= min(hits)


def test_the_source_cue_filters_stay_bounded_when_rules_are_reloaded() -> None:
    """A long-lived process that reloads its rules builds new filters; the cache does not grow with it."""
    from etl.extract import metadata

    for _ in range(3 * metadata.MAX_FILTER_SETS):
        cues = tuple(list(_RULES.cues))   # a new tuple, as a reload gives
        assert metadata._cue_filters(cues) is metadata._cue_filters(cues)
    assert len(metadata._FILTERS) <= metadata.MAX_FILTER_SETS


def test_the_group_filters_keep_every_rule_and_criterion_that_matches_a_page() -> None:
    """The red-flag rules and the credibility criteria skip a text when one Aho-Corasick pass finds
    none of the literals their patterns need: never a text one of their patterns matches."""
    groups = [(_KN.red_flags.prefilter, {r.id: r.patterns for r in _KN.red_flags.rules}),
              (_KN.credibility.prefilter, {k: c.patterns for k, c in _KN.credibility.criteria.items()})]
    tried = skipped = 0
    for flt, patterns in groups:
        assert flt is not None
        for text in _texts():
            for key, pats in patterns.items():
                may = flt.may_match(key, text)
                assert may or not any(p.search(text) for p in pats), (key, text[:80])
                tried += 1
                skipped += not may
    assert skipped > tried / 2   # most texts are skipped by most rules


def test_prefilter_answers_stay_right_for_texts_asked_in_turn() -> None:
    """The prefilter keeps its answers for the texts asked about last (a page's body and its chrome
    lines, asked by one rule after another); each answer stays the text's own, past the memo's size."""
    flt = Prefilter(tuple(r for rule in _KN.red_flags.rules for r in rule.patterns))
    texts = [f"第{i}条：本院{'疗效显著' if i % 3 else '欢迎咨询'}，{'根治' if i % 2 else '缓解'}" for i in range(scan.MEMO_TEXTS * 2)]
    want = [flt.mask(t) for t in texts]
    assert len(set(want)) > 1
    for _ in range(2):
        assert [flt.mask(t) for t in texts] == want
        assert [flt.mask(t) for t in reversed(texts)] == want[::-1]
    assert len(flt._memo) <= scan.MEMO_TEXTS


def test_knowledge_with_prefilters_pickles() -> None:
    """The automata do not pickle; the knowledge objects holding them still do (a pool or a Dask
    worker may be handed them), and the rule sets sharing one prefilter still share it."""
    import pickle

    rules = pickle.loads(pickle.dumps(_RULES))
    assert rules.drop_lines._start.filter.prefilter is rules.between_lines._any.filter.prefilter
    assert rules.drop_lines.first("在线客服：您好") == _RULES.drop_lines.first("在线客服：您好")
    kn = pickle.loads(pickle.dumps(_KN))
    assert kn.red_flags.prefilter.may_match("superlative", "全国最好的医院") \
        == _KN.red_flags.prefilter.may_match("superlative", "全国最好的医院")
