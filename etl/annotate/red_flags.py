"""Statute-mapped advertising red flags. Pure: text, cut lines and signals in, hits out.

The rules are data (etl/knowledge/data/rules/red_flags.yaml); each names its legal basis
(vocabulary.yaml ``red_flag_bases``). A text rule's pattern match is a hit unless a guard
drops it: a negation before it in its clause (不能保证, 没有…治愈率), a sentence that reports,
forbids or debunks the wording (news quoting the law, a warning about scams), or a question.
The page rule (disguised health advertising) fires when health-knowledge text shares the page
with the provider's contact details, booking calls or prices: one hit per such item.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.extract.signals import Signal
from etl.knowledge.annotation import AnnotationKnowledge, RedFlagRule, RedFlagRules
from etl.knowledge.scan import first_start

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CLAUSE_BREAK = re.compile(r"[，,：:；;。！？!?\n]")
QUESTION_TAIL = re.compile(r"(?:吗|呢|么)\s*[\"'”’」』）)]*\s*$")
MAX_PREFIX = 30      # characters of a clause searched for a negation before a hit
MAX_SENTENCE = 300   # a stored context sentence is cut to this many characters around the hit
MAX_REACH = 1000     # how far a guard looks for the ends of a hit's sentence


@dataclass
class RedFlag:
    flag_no: int
    rule_id: str
    basis_id: str
    law: str
    law_article: str
    law_item: str | None
    location: str              # article | chrome
    matched_text: str
    start_char: int | None     # offsets in main_text (article hits only)
    end_char: int | None
    cut_no: int | None         # chrome hits: the cut line (cut_blocks.cut_no); None for text outside the container
    chrome_text: str | None    # chrome hits: the cut line
    chrome_start: int | None   # chrome hits: offset of the match within chrome_text
    sentence: str              # the sentence (or chrome line) holding the hit, for drill-down


@dataclass(frozen=True)
class ChromeLine:
    """A line cut from the page as furniture (header, footer, contact block ...)."""

    cut_no: int | None
    text: str


class CueIndex:
    """Where the report and negation cues stand in one text, each found in one pass.

    Searching every hit's sentence again made an unpunctuated 1 MB page take minutes (each
    sentence window is long and the cue alternations are slow); with the index a guard is a bisect.
    """

    def __init__(self, rules: RedFlagRules, text: str) -> None:
        self._rules, self._text = rules, text
        self._spans: dict[str, tuple[list[int], list[int]]] = {}
        self._ends: list[int] | None = None

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end), looked for at most MAX_REACH characters either side
        (an unpunctuated 10 MB line must not make every hit's sentence the whole line)."""
        if self._ends is None:
            self._ends = [m.end() for m in SENTENCE_END.finditer(self._text)]
        ends = self._ends
        i = bisect.bisect_right(ends, start) - 1
        a = max(ends[i] if i >= 0 else 0, start - MAX_REACH)
        j = bisect.bisect_right(ends, end)   # first sentence end after the hit ends
        b = min(ends[j] if j < len(ends) else len(self._text), end + MAX_REACH)
        return a, b

    def _index(self, which: str) -> tuple[list[int], list[int]]:
        if which not in self._spans:
            rx = self._rules.report if which == "report" else self._rules.negation
            ms = [(m.start(), m.end()) for m in rx.finditer(self._text) if m.end() > m.start()]
            self._spans[which] = ([a for a, _ in ms], [b for _, b in ms])
        return self._spans[which]

    def within(self, which: str, a: int, b: int) -> bool:
        """True when a cue of kind ``which`` (report or negation) lies inside [a, b)."""
        starts, ends = self._index(which)
        i = bisect.bisect_left(starts, a)
        return i < len(starts) and ends[i] <= b


def drop_reason(rules: RedFlagRules, rule: RedFlagRule, text: str, start: int, end: int,
                cues: CueIndex | None = None) -> str | None:
    """Why a pattern match is not a hit (negation, report, question, exclude), or None when it is one."""
    for rx in rule.exclude:
        lo, hi = max(0, start - 20), min(len(text), end + 20)
        for m in rx.finditer(text, lo, hi):
            if m.start() < end and m.end() > start:
                return "exclude"
    cues = cues or CueIndex(rules, text)
    a, b = cues.sentence(start, end)
    if "question" in rule.guards:
        tail = text[max(a, b - 40):b].rstrip()
        if tail.endswith(("?", "？")) or QUESTION_TAIL.search(tail.rstrip("。.!！;；\n")):
            return "question"
    if "report" in rule.guards and cues.within("report", a, b):
        return "report"
    if "negation" in rule.guards:
        c = max(a, start - MAX_PREFIX)
        for m in CLAUSE_BREAK.finditer(text, c, start):
            c = m.end()
        if cues.within("negation", c, start):
            return "negation"
    return None


def _context(text: str, start: int, end: int, cues: CueIndex) -> str:
    a, b = cues.sentence(start, end)
    if b - a > MAX_SENTENCE:
        half = max(0, (MAX_SENTENCE - (end - start)) // 2)
        a, b = max(a, start - half), min(b, end + half)
    return text[a:b].strip()


def _text_hits(rules: RedFlagRules, rule: RedFlagRule, text: str, guarded: bool = True,
               cues: CueIndex | None = None) -> list[tuple[int, int]]:
    """Non-overlapping (leftmost, then longest) pattern matches of one rule that survive the guards."""
    first = first_start(rule.patterns, text)
    if first is None:
        return []
    found = sorted({(m.start(), m.end()) for rx in rule.patterns for m in rx.finditer(text, first) if m.end() > m.start()},
                   key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    last = -1
    for s, e in found:
        if s < last:
            continue
        if guarded and drop_reason(rules, rule, text, s, e, cues) is not None:
            continue
        out.append((s, e))
        last = e
    return out


def _flag(rule: RedFlagRule, location: str, matched: str, sentence: str, **where: int | str | None) -> RedFlag:
    b = rule.basis
    return RedFlag(0, rule.id, b.id, b.law, b.article, b.item, location, matched[:300],
                   where.get("start_char"), where.get("end_char"), where.get("cut_no"),  # type: ignore[arg-type]
                   where.get("chrome_text"), where.get("chrome_start"), sentence[:MAX_SENTENCE])  # type: ignore[arg-type]


def _scan(rules: RedFlagRules, rule: RedFlagRule, body: str, chrome: Sequence[ChromeLine], guarded: bool,
          cues: dict[int, CueIndex] | None = None) -> list[RedFlag]:
    """Hits of a text rule in the body and the chrome lines; ``cues``: the cue index of each text, by id()."""
    cues = cues if cues is not None else {}
    out: list[RedFlag] = []
    pf = rules.prefilter if rules.prefilter is not None and rule.id in rules.prefilter else None
    # a text none of whose literals the rule's patterns need cannot hold a hit: skipped before any scan
    if rule.scope in ("article", "both") and (pf is None or pf.may_match(rule.id, body)):
        idx = cues.setdefault(id(body), CueIndex(rules, body))
        for s, e in _text_hits(rules, rule, body, guarded, idx):
            out.append(_flag(rule, "article", body[s:e], _context(body, s, e, idx), start_char=s, end_char=e))
    if rule.scope in ("chrome", "both"):
        for ln in chrome:
            if pf is not None and not pf.may_match(rule.id, ln.text):
                continue
            idx = cues.setdefault(id(ln), CueIndex(rules, ln.text))
            for s, e in _text_hits(rules, rule, ln.text, guarded, idx):
                out.append(_flag(rule, "chrome", ln.text[s:e], _context(ln.text, s, e, idx),
                                 cut_no=ln.cut_no, chrome_text=ln.text[:1000], chrome_start=s))
    return out


def _page_hits(kn: AnnotationKnowledge, rule: RedFlagRule, main_text: str, body: str, chrome: Sequence[ChromeLine],
               signals: Sequence[Signal], has_mentions: bool) -> list[RedFlag]:
    if not (has_mentions or (rule.requires is not None and rule.requires.search(body))):
        return []
    out: list[RedFlag] = []
    for sig in signals:
        if sig.kind not in rule.signal_kinds or not sig.text:
            continue
        if rule.signal_exclude is not None and rule.signal_exclude.search(sig.text):
            continue
        if sig.location == "main_text" and sig.start_char is not None:
            s = sig.start_char
            if main_text[s:s + len(sig.text)] != sig.text:
                k = main_text.find(sig.text)
                if k < 0:
                    continue
                s = k
            if rule.scope in ("article", "both"):
                e = s + len(sig.text)
                out.append(_flag(rule, "article", sig.text, _context(main_text, s, e, CueIndex(kn.red_flags, main_text)),
                                 start_char=s, end_char=e))
        elif rule.scope in ("chrome", "both"):
            line = next((ln for ln in chrome if sig.text in ln.text), None)
            if line is None:
                out.append(_flag(rule, "chrome", sig.text, sig.text, chrome_text=sig.text, chrome_start=0))
            else:
                s = line.text.find(sig.text)
                out.append(_flag(rule, "chrome", sig.text, _context(line.text, s, s + len(sig.text), CueIndex(kn.red_flags, line.text)),
                                 cut_no=line.cut_no, chrome_text=line.text[:1000], chrome_start=s))
    # Prices: the rule's patterns, unguarded (a price offered is a price whatever the sentence says).
    out += _scan(kn.red_flags, rule, body, chrome, guarded=False)
    return out


def find_red_flags(kn: AnnotationKnowledge, main_text: str, body_end: int, chrome: Sequence[ChromeLine],
                   signals: Sequence[Signal], has_mentions: bool) -> list[RedFlag]:
    """All red-flag hits of one page: article hits in main_text order, then chrome hits, per rule."""
    body = main_text[:body_end]
    cues: dict[int, CueIndex] = {}   # one index per text, shared by the rules (built when first needed)
    out: list[RedFlag] = []
    for rule in kn.red_flags.rules:
        if rule.kind == "page":
            out += _page_hits(kn, rule, main_text, body, chrome, signals, has_mentions)
        else:
            out += _scan(kn.red_flags, rule, body, chrome, guarded=True, cues=cues)
    for i, f in enumerate(out):
        f.flag_no = i
    return out


def sentence_flags(kn: AnnotationKnowledge, sentence: str) -> list[tuple[str, str]]:
    """(rule id, matched text) of the text rules that fire on one sentence: for tests and curators."""
    hits = find_red_flags(kn, sentence, len(sentence), (), (), has_mentions=False)
    return [(f.rule_id, f.matched_text) for f in hits]
