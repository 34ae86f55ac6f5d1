"""etl/knowledge/scan.py: the accelerated scanner finds exactly the matches of the plain pattern."""

from __future__ import annotations

import pickle
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.knowledge import scan
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.rules import load_rules
from etl.knowledge.scan import _FOLDS, Scanner, accelerate

FLAGS = re.I | re.M

# Cue lists shaped like the rules: Chinese words with English alternatives, classes, lookarounds.
PATTERNS = [
    r"副作用|不良反应|风险|\bside[- ]effects?\b|\brisks?\b",
    r"(?<!细胞)药物(?:治疗|干预)|其他(?:疗法|方法)|\balternatives?\b",
    r"(?:无|零)(?:任何)?副作用|(?:百分之百|100\s*[%％])安全|\bno\s+side\s+effects\b",
    r"[（(【\[]\s*(?:广告|推广)\s*[)）】\]]|\bsponsored\b",
    r"(?:发布|更新)(?:时间|日期)\s*[:：]?\s*(?:19|20)\d{2}|\bpublished\b",
    r"(?:有效|治愈)[^，,。\n]{0,8}?\d{1,3}\s*[%％]|\bcure\s+rates?\b",
    r"(?:skin|kidney|stem)\s+cells?|K细胞",
    r"(?:收费|\d+(?:\.\d+)?\s*万?元)|\bfees?\b",      # \d in the first set: the scout names the category
    r"(?:副作用)*风险|(?:药物|治)?疗法|药{2,3}费|(?:无|零?)任何|side(?=s)|效\b",   # repeats, optional parts, lookarounds
    r"^\s*(?:广告|推广)|[（(]\s*广告\s*[)）]|^(?i:doi)\s*[:：]|\Asponsored",       # alternatives that start a line
]
TEXTS = [
    "干细胞治疗无任何副作用，效果100%安全。Side effects are rare; SIDE-EFFECT reports exist.",
    "细胞药物治疗与药物治疗不同（广告）其他疗法 alternatives… ſide effects? Kidney cells, KIDNEY CELLS.",
    "发布时间：2026-05-12\n更新日期 2025年\n有效率达 98% 治愈，cure rates of 90%\nK细胞 k细胞",
    "",
    "no side effects\nNo Side Effects\n【推广】 sponsored SPONSORED ſponsored",
    "收费3000元，优惠 2.5万元 FEES 12 ٣元 (an Arabic-Indic digit is a \\d too) fee1元",
    "药药费 药药药费 药费 副作用副作用风险 风险 治疗法 药物疗法 疗法 零任何 无任何 sides side 效 效果",
    "  广告 in the middle\n  广告\n推广 (广告)\nDOI: 10.1/x doi：2 sponsored\nsponsored",
]


@pytest.fixture(autouse=True, params=["loop", "short"])
def scout_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs twice: every text through the loop over candidates (the run's way for long
    texts), then every text as a short one (re searching on from the first candidate)."""
    monkeypatch.setattr(scan, "SHORT", 0 if request.param == "loop" else 10**9)


def spans(rx: re.Pattern[str] | Scanner, text: str, pos: int = 0, endpos: int | None = None) -> list:
    end = len(text) if endpos is None else endpos
    return [(m.span(), m.group(0), m.groups()) for m in rx.finditer(text, pos, end)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_re(pattern: str) -> None:
    rx = re.compile(pattern, FLAGS)
    fast = accelerate(rx)
    assert isinstance(fast, Scanner)
    for text in TEXTS:
        assert spans(fast, text) == spans(rx, text)
        for pos in range(0, len(text), 7):
            end = min(len(text), pos + 25)
            assert spans(fast, text, pos, end) == spans(rx, text, pos, end)
            a, b = fast.search(text, pos, end), rx.search(text, pos, end)
            assert (a.span() if a else None) == (b.span() if b else None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="副作用风险药物细胞治疗其他疗法无零任何安全%％ 100sideSIDEfectsKkſ-\n（）广告【】收费万元.٣", max_size=60),
       st.sampled_from(PATTERNS))
def test_same_matches_on_any_text(text: str, pattern: str) -> None:
    rx = re.compile(pattern, FLAGS)
    assert spans(accelerate(rx), text) == spans(rx, text)


def test_packaged_rules_keep_their_matches() -> None:
    kn = load_annotation_knowledge()
    rules = load_rules()
    pats = [rx for c in kn.credibility.criteria.values() for rx in c.patterns]
    pats += [rx for r in kn.red_flags.rules for rx in r.patterns] + [kn.red_flags.negation, kn.red_flags.report]
    pats += [c.regex for c in rules.cues]
    assert any(isinstance(p, Scanner) for p in pats)
    text = "\n".join(TEXTS) * 3
    for p in pats:
        plain = p.regex if isinstance(p, Scanner) else p
        assert spans(p, text) == spans(plain, text), plain.pattern


def test_a_case_insensitive_group_in_a_case_sensitive_pattern() -> None:
    """(?i:side) starts matches with S, s and ſ too, though the pattern itself is case-sensitive."""
    rx = re.compile(r"(?i:side)\s*effects|(?i:K)细胞|副作用", re.M)
    fast = accelerate(rx)
    assert isinstance(fast, Scanner)
    for text in TEXTS:
        assert spans(fast, text) == spans(rx, text)
    assert spans(fast, TEXTS[1]) and spans(fast, TEXTS[2])


def test_scouts_read_the_second_character() -> None:
    """A scout stops only where the first two characters can start a match: after 比, one of
    传 and 其; after a letter that can end a match, anything (or the end of the text)."""
    scout = scan._scout2(re.compile(r"比(?:传统|其他)|有效率|治愈?", FLAGS))
    assert scout is not None
    assert [m.start() for m in scout.finditer("比较比传统有其他有效率治")] == [2, 8, 11]
    # A digit starts a match: the category takes its own branch.
    scout = scan._scout2(re.compile(r"\d+元|收费|1号", FLAGS))
    assert scout is not None
    assert [m.start() for m in scout.finditer("12元 3号 收 收费 1号 ٣元")] == [0, 1, 9, 12, 15]
    # Nothing follows the first character for sure: the one-class scout.
    assert scan._scout2(re.compile(r"副|作\w*", FLAGS)) is None


def _alphabet(patterns: list[str]) -> str:
    """The characters the patterns name, and a few others: random texts then hold matches."""
    named = {c for p in patterns for c in p if not c.isspace() and c not in "\\()[]{}?*+|^$.:<=!-"}
    return "".join(sorted(named)) + " \n，。1Kſ"


_KNOWLEDGE, _CHROME = load_annotation_knowledge(), load_rules()
_RULES = [plain for plain in (scan.plain_pattern(p) for p in (
    [rx for c in _KNOWLEDGE.credibility.criteria.values() for rx in c.patterns]
    + [rx for r in _KNOWLEDGE.red_flags.rules for rx in r.patterns]
    + [c.regex for c in _CHROME.cues]
    + [p.regex for name in ("drop_lines", "tail_markers", "header_lines") for p in getattr(_CHROME, name)]
    + [getattr(_CHROME, name)._any.whole for name in ("drop_lines", "tail_markers", "header_lines")
       if getattr(_CHROME, name)._any is not None]))
    if plain is not None and isinstance(accelerate(plain), Scanner)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_packaged_rules_match_the_same_on_texts_made_of_their_characters(data: st.DataObject) -> None:
    rx = data.draw(st.sampled_from(_RULES))
    text = data.draw(st.text(alphabet=_alphabet([rx.pattern]), max_size=80))
    assert spans(accelerate(rx), text) == spans(rx, text), rx.pattern


def test_patterns_it_cannot_help_stay_plain() -> None:
    for pattern in (r"^\s*广告", r"\w+@\w+", r"a*", r"治疗", r"[治疗]费用", r".药", r"\d{1,3}(?:\.\d+)?\s*[%％]"):
        rx = re.compile(pattern, FLAGS)
        assert accelerate(rx) is rx


def test_case_folds_of_ascii_letters_are_complete() -> None:
    """re.I matches these non-ASCII characters to ASCII letters and no others (the scout's table)."""
    letters = re.compile("[a-z]", re.I)
    found: dict[str, str] = {}
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        if letters.match(ch):
            low = next(c for c in string.ascii_lowercase if re.match(c, ch, re.I))
            found[low] = found.get(low, "") + ch
    assert found == _FOLDS


def test_pickles_and_compares_like_the_pattern() -> None:
    rx = re.compile(PATTERNS[0], FLAGS)
    fast = accelerate(rx)
    back = pickle.loads(pickle.dumps(fast))
    assert isinstance(back, Scanner) and back == fast == rx and hash(back) == hash(rx)
    assert back.pattern == rx.pattern and spans(back, TEXTS[0]) == spans(rx, TEXTS[0])


# PatternSet's combined regexes of the patterns anchored at ^, the ^ taken off: they are only
# ever tried with match() at the start of a line, so an unbounded start costs nothing there (the
# patterns themselves, ^ included, are walked through PatternSet.patterns).
MATCH_ONLY = ("_start", "_start_open")


def _packaged_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern the packaged rules and annotation knowledge hold, with where it is."""
    import dataclasses

    seen: set[int] = set()
    out: list[tuple[str, re.Pattern[str]]] = []

    def walk(o: object, path: str, depth: int = 0) -> None:
        if id(o) in seen or depth > 8:
            return
        seen.add(id(o))
        if isinstance(o, Scanner):
            out.append((path, o.regex))
        elif isinstance(o, re.Pattern):
            out.append((path, o))
        elif dataclasses.is_dataclass(o):
            for f in dataclasses.fields(o):
                walk(getattr(o, f.name), f"{path}.{f.name}", depth + 1)
        elif isinstance(o, dict):
            for k, v in o.items():
                walk(v, f"{path}[{k!r}]", depth + 1)
        elif isinstance(o, (list, tuple)):
            for i, v in enumerate(o):
                walk(v, f"{path}[{i}]", depth + 1)
        elif type(o).__module__.startswith("etl") and hasattr(o, "__dict__"):
            for k, v in vars(o).items():
                if k in MATCH_ONLY:
                    continue
                walk(v, f"{path}.{k}", depth + 1)

    walk(load_rules(), "rules")
    walk(load_annotation_knowledge(), "knowledge")
    return out


def _branches(seq: list) -> list[list]:  # type: ignore[type-arg]
    if not seq:
        return [[]]
    op, av = seq[0]
    if op is scan._c.BRANCH:
        return [list(b) + seq[1:] for b in av[1]]
    if op is scan._c.SUBPATTERN:
        return [b + seq[1:] for b in _branches(list(av[-1]))]
    return [seq]


def test_no_packaged_pattern_starts_with_an_unguarded_unbounded_run() -> None:
    """A pattern that starts with an unbounded run (\\d+, [\\w.+-]+) and then needs more is tried
    from every position inside a long run of those characters: quadratic time, and a page with
    one 100,000-character line of Han text took a minute in the e-mail pattern. Such a start
    must be guarded by a lookbehind ((?<!\\d)\\d+元), so a match is only tried where a run begins.
    Checked on the parsed patterns, not by timing them."""
    repeats = {scan._c.MAX_REPEAT, scan._c.MIN_REPEAT, getattr(scan._c, "POSSESSIVE_REPEAT", None)}
    found = []
    for where, rx in _packaged_patterns():
        for branch in _branches(list(scan._p.parse(rx.pattern, rx.flags))):
            if len(branch) > 1 and branch[0][0] in repeats and branch[0][1][1] is scan._c.MAXREPEAT:
                found.append(f"{where}: {rx.pattern[:80]}")
    assert not found, found
    assert len(_packaged_patterns()) > 200   # the walk reached the rules and the knowledge


def test_every_chrome_pattern_set_stays_accelerated() -> None:
    """One floating pattern whose first character cannot be listed (a form's blank fields written
    as (\\S{1,6}:___){2,}) turned the whole drop_lines alternation back into a plain regex tried at
    every character of every line: parsing CPU over 300 benchmark documents rose by about a
    fifth. Each set's floating alternation must stay a Scanner."""
    rules = load_rules()
    for name in ("drop_lines", "between_lines"):
        assert isinstance(getattr(rules, name)._any.whole, Scanner), name
    # Sets whose every branch is anchored at the line's start (tail_markers, meta_lines) have no
    # floating alternation at all; if one comes back, it must be a Scanner too.
    for name in ("tail_markers", "meta_lines"):
        assert getattr(rules, name)._any is None or isinstance(getattr(rules, name)._any.whole, Scanner), name


def _chrome_sets() -> list[tuple[str, object]]:
    rules = load_rules()
    return [(name, getattr(rules, name)) for name in ("drop_lines", "between_lines", "tail_markers", "meta_lines", "header_lines")]


def _plain_first(ps: object, text: str, prefix: bool) -> int | None:
    """The index of the first anchored pattern of ``ps`` that matches at the start (the plain alternation)."""
    d = ps._start_open if prefix else ps._start   # type: ignore[attr-defined]
    if d is None:
        return None
    m = d.whole.match(text)
    return int(m.lastgroup[1:]) if m and m.lastgroup else None


def _dispatched_first(ps: object, text: str, prefix: bool) -> int | None:
    d = ps._start_open if prefix else ps._start   # type: ignore[attr-defined]
    if d is None:
        return None
    m = d.match(text)
    return int(m.lastgroup[1:]) if m and m.lastgroup else None


_LINE_ALPHABET = st.sampled_from([*"首页分享收藏评论关注医生主任医师回答者提问浏览次(（)）:：|｜·•>»-—_ 0123456789"
                                   "ABCDabcdShareEmailPrintLog inSearch©【】[]#@+👍▸◆一二三", "\u3000", "\t"])


def _plain_any(ps: object, text: str) -> tuple[int, int] | None:
    """(start, index) of the leftmost floating match of ``ps`` by the plain alternation."""
    d = ps._any   # type: ignore[attr-defined]
    m = d.whole.search(text) if d is not None else None
    return (m.start(), int(m.lastgroup[1:])) if m and m.lastgroup else None


def _filtered_any(ps: object, text: str) -> tuple[int, int] | None:
    d = ps._any   # type: ignore[attr-defined]
    m = d.search(text) if d is not None else None
    return (m.start(), int(m.lastgroup[1:])) if m and m.lastgroup else None


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE_ALPHABET, max_size=30).map("".join), st.booleans())
def test_start_dispatch_matches_the_plain_alternation(text: str, prefix: bool) -> None:
    """The first-character and literal dispatch of the chrome patterns names the same pattern as
    the whole alternation on any line (hypothesis draws lines from chrome vocabulary), anchored
    at the start and floating."""
    for _name, ps in _chrome_sets():
        assert _dispatched_first(ps, text, prefix) == _plain_first(ps, text, prefix), (_name, text)
        assert _filtered_any(ps, text) == _plain_any(ps, text), (_name, text)


def test_start_dispatch_matches_on_every_seed_and_test_line() -> None:
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    lines = [ln for p in sorted((root / "seeds").rglob("*")) if p.is_file()
             for ln in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines += [ln for p in sorted((root / "tests" / "cases").rglob("*.txt"))
              for ln in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert len(lines) > 500
    for _name, ps in _chrome_sets():
        for ln in lines:
            for prefix in (False, True):
                assert _dispatched_first(ps, ln[:300], prefix) == _plain_first(ps, ln[:300], prefix), (_name, ln[:60])
            assert _filtered_any(ps, ln[:160]) == _plain_any(ps, ln[:160]), (_name, ln[:60])


def test_start_dispatch_tries_only_the_alternatives_whose_literals_the_line_holds() -> None:
    """An alternative that needs a word the line does not hold (客服, 热线) is left out of the
    alternation tried on it, whatever its first character; one the first character excludes is
    left out too, and the match is the one the whole alternation gives."""
    from etl.knowledge.scan import StartDispatch
    d = StartDispatch([("g0", r"\S{0,10}客服\S{0,6}[:：]"), ("g1", r"[^。]{0,20}热线"), ("g2", r"首页"), ("g3", r"\S+")])
    assert d.filter.mask("全国热线 400") == 0b1010            # g1 by its literal, g3 has none to need
    assert d.filter.mask("在线客服：您好") == 0b1001
    assert d.match("在线客服：您好").lastgroup == "g0"
    assert d.match("全国热线 400").lastgroup == "g1"
    assert d.match("首页 > 新闻").lastgroup == "g2"        # 首 is a first character of g2: g2 before g3
    assert d.match("关于我们").lastgroup == "g3"
    for text in ("在线客服：您好", "全国热线 400", "首页 > 新闻", "关于我们", "", " "):
        m, w = d.match(text), d.whole.match(text)
        assert (m and (m.lastgroup, m.span())) == (w and (w.lastgroup, w.span())), text


def test_rule_sets_share_one_literal_pass_per_line() -> None:
    """The chrome rule sets tried on one line in turn share one prefilter, which answers a second
    set's question about the same line from its last pass, and a new line with a new pass."""
    rules = load_rules()
    shared = rules.drop_lines._start.filter.prefilter
    for name in ("between_lines", "tail_markers", "meta_lines", "header_lines"):
        for d in getattr(rules, name).dispatchers():
            assert d.filter.prefilter is shared, name
    a, b = "在线客服：您好", "全国免费咨询热线：400-000-0000"
    assert shared.mask(a) == shared.mask(a) != shared.mask(b) == shared.mask(b)
    for text in (a, b, a):   # alternating lines: each answer is the line's own
        for _name, ps in _chrome_sets():
            assert _dispatched_first(ps, text, False) == _plain_first(ps, text, False), (_name, text)
            assert _filtered_any(ps, text) == _plain_any(ps, text), (_name, text)


def test_anchored_branches_of_a_mixed_pattern_are_tried_on_a_prose_start() -> None:
    """A pattern written as x|^a|^b has branches that start at ^: they are tried on the start of a
    prose line as anchored patterns are, under the pattern's name, while x stays a floating branch.
    (The whole pattern used to count as floating, and a long repost credit written with it was
    never matched on a prose line.)"""
    from etl.knowledge.rules import NamedPattern, PatternSet, _anchored
    ps = PatternSet((NamedPattern("credit", re.compile("不得转载|^本文转载自|^本文(原载|首发)于")),
                     NamedPattern("other", re.compile("^其他"))))
    assert ps.first("本文转载自某某公众号,原标题", floating=False, prefix=True) == "credit"
    assert ps.first("前文不得转载", floating=True) == "credit"
    assert ps.first("前文不得转载", floating=False) is None
    assert _anchored("^a|^b") and not _anchored("x|^a")


def test_a_dispatchers_compiled_subsets_stay_bounded_and_right() -> None:
    """Lines that call for ever new subsets of alternatives (a corpus of many sites) do not grow the
    compiled alternations past MAX_SUBSETS, and each match is still the whole alternation's."""
    import random

    from etl.knowledge.scan import FEW, MAX_SUBSETS
    d = load_rules().drop_lines._start
    rng = random.Random(7)
    n = len(d.alternatives)
    for _ in range(3 * MAX_SUBSETS):
        keep = 0
        for j in rng.sample(range(n), FEW + 1):   # a smaller subset is never compiled
            keep |= 1 << j
        d._joined.of(keep)
        assert len(d._joined._by_set) <= MAX_SUBSETS and len(d._joined._seen) <= MAX_SUBSETS
    for line in ("在线客服：您好", "首页 > 新闻 > 正文", "24小时免费咨询热线：400-000-0000", "关于我们"):
        m, w = d.match(line), d.whole.match(line)
        assert (m and (m.lastgroup, m.span())) == (w and (w.lastgroup, w.span())), line


def test_a_few_alternatives_are_tried_one_at_a_time_as_their_alternation_would() -> None:
    """A subset of at most FEW alternatives is not compiled: its alternatives are tried one at a
    time, and match (the first that matches at 0) and search (the leftmost match, the earlier
    alternative on a tie) give what the subset's compiled alternation gives, name and span."""
    from itertools import combinations

    from etl.knowledge.scan import COMPILE_AFTER, FEW, _Few, _Joined
    alts = [("g0", r"ab"), ("g1", r"a"), ("g2", r"b+c"), ("g3", r"\d+"), ("g4", r"(?<=x)a\w*")]
    joined = _Joined(alts, 0, re.compile("|".join(f"(?P<{g}>{p})" for g, p in alts)))
    texts = ["ab", "xab", "bbc a", "12 ab", "", "c", "xa1 ab", "a bc", "9"]
    for size in range(1, FEW + 1):
        for chosen in combinations(range(len(alts)), size):
            keep = sum(1 << i for i in chosen)
            few = joined.of(keep)
            assert isinstance(few, _Few)
            whole = re.compile("|".join(f"(?P<{alts[i][0]}>{alts[i][1]})" for i in chosen))
            for text in texts:
                for got, want in ((few.match(text), whole.match(text)), (few.search(text), whole.search(text))):
                    assert (got and (got.lastgroup, got.span())) == (want and (want.lastgroup, want.span())), (chosen, text)
    # More than FEW: the whole alternation answers (the others cannot match the text the subset
    # was read from) until the subset has been asked for COMPILE_AFTER times; then it is compiled, once.
    whole = re.compile("|".join(f"(?P<{g}>{p})" for g, p in alts[:4]))
    for k in range(COMPILE_AFTER):
        got = joined.of(0b1111)
        assert not isinstance(got, _Few) and (0b1111 in joined._by_set) == (k == COMPILE_AFTER - 1)
        for text in ("ab", "12 ab", "bbc a"):
            m, w = got.match(text), whole.match(text)
            assert (m and (m.lastgroup, m.span())) == (w and (w.lastgroup, w.span())), text


def test_a_line_start_inside_a_case_insensitive_group_is_scouted() -> None:
    """(?i:^follow source$|…) once crashed the scout (the line-start marker was case-closed as a
    code point); it now compiles, and the accelerated pattern finds what the plain one finds."""
    rx = re.compile(r"(?i:^follow source$|get the full story in the [\w ]{2,20} app)", re.M)
    fast = accelerate(rx)
    text = "Health\nFollow source\nA trial begins.\nGet the full story in the Pulse app. Open\n"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in rx.finditer(text)]
    assert len(list(fast.finditer(text))) == 2
