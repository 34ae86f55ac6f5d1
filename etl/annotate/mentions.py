"""Disease mentions: longest-match automaton over the article body, then claim context.

Context is ConText/NegEx-style: within the mention's sentence, each trigger (etl/knowledge/data/lexicon/
context_triggers.csv) covers the text after it (forward), before it (backward) or both, up
to a termination cue (但是, 然而 ...); beyond MAX_SCOPE characters only inside one clause. Of the triggers covering a
mention, negated beats hedged beats asserted; ties go to the nearest. Pure.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from etl.knowledge.lexicon import Lexicon, Term, TriggerSet

SENTENCE_SPLIT = re.compile(r"[。！？!?；;\n]")
MAX_SCOPE = 60
MAX_SENTENCE = 300  # a stored sentence is cut to a window around its mention
CLAUSE_BREAK = re.compile(r"[，,：:（）()]")
PRIORITY = {"negated": 3, "hedged": 2, "asserted": 1}
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
# Candidate disease-like terms: a run of Han characters ending in a disease suffix that is
# not the start of a longer word (症状, 病人, 病因, 炎症 ...).
CANDIDATE_SUFFIX = re.compile(
    r"(?:综合征|综合症|衰竭|损伤|病变|缺陷|癌|瘤|病(?![状人因史毒情理灶例程原房床友号假患])"
    r"|症(?![状候])|炎(?![症性热]))")
_HAN = re.compile(r"[\u4e00-\u9fff]{1,10}$")
# Words that cannot start a disease name: the candidate begins after the last of them.
CANDIDATE_STOP = re.compile(
    r"治疗|缓解|减轻|修复|导致|引起|造成|预防|改善|出现|发生|患有|伴有|包括|例如|比如|避免|加重|激发|防止|对抗|"
    r"保护|取代|取样|监测|存在|具有|属于|针对|用于|用来|以及|或者|还是|因为|由于|通过|可以|能够|可能|已经|一些|"
    r"某些|多种|各种|这些|那些|哪些|其他|不同|常见|严重|明显|完全|主要|一种|达到|到达|再生|减少|降低|提高|换来|受到|影响|治愈|"
    r"[的了在是和与及或等对为从把被让使于患得有治抗防该其此这那种如若时后前中将可能会要也都还又即并而且但则就才再已曾正疗愈至促]")
_CANDIDATE_BAD = re.compile(r"^(疾病|病症|病变|炎症|癌症|肿瘤|患病|发病|生病|看病|治病|疾|功能障碍|禁忌症|并发症|适应症|后遗症|临床疾病)$|炎症$")


@dataclass
class Mention:
    mention_no: int
    start_char: int
    end_char: int
    surface: str
    concept_id: str
    canonical_name: str
    icd10: str | None
    mention_type: str
    context: str
    trigger: str | None
    sentence: str
    sentence_start: int
    section_no: int | None = None


def find_terms(lex: Lexicon, text: str) -> list[tuple[int, int, Term]]:
    """Leftmost-longest, non-overlapping matches with ASCII word boundaries and case checks."""
    if not text:
        return []
    out = []
    n = len(text)
    for start, end, term in lex.matcher.find(text):
        if term.case_sensitive and text[start:end] != term.surface:
            continue
        if term.ascii_edges[0] and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
            continue
        if term.ascii_edges[1] and end < n and _ASCII_ALNUM.match(text[end]):
            continue
        out.append((start, end, term))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in SENTENCE_SPLIT.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _triggers_in(ts: TriggerSet, sentence: str) -> tuple[list[tuple[int, int, str, str, str]], list[int]]:
    hits = []
    terms = []
    for start, end, trig in ts.matcher.find(sentence):
        if trig.context == "termination":
            terms.append(start)
        elif trig.context != "pseudo":
            hits.append((start, end, trig.context, trig.direction, sentence[start:end]))
    return hits, terms


def classify(ts: TriggerSet, sentence: str, m_start: int, m_end: int,
             cache: dict | None = None, key: object = None) -> tuple[str, str | None]:
    """Context of the span [m_start, m_end) of ``sentence`` (offsets relative to it).

    ``cache``/``key``: trigger hits per sentence, keyed by its span (hashing the text of a
    long sentence again for each of its mentions made a 10 MB line take 40 s).
    """
    k = key if key is not None else sentence
    if cache is not None and k in cache:
        hits, terms = cache[k]
    else:
        hits, terms = _triggers_in(ts, sentence)
        if cache is not None:
            cache[k] = (hits, terms)
    best: tuple[int, int, str, str] | None = None

    def too_far(a: int, b: int) -> bool:
        # Beyond MAX_SCOPE only within one clause (a list joined by 、 stays in scope).
        return b - a > MAX_SCOPE and CLAUSE_BREAK.search(sentence, a, b) is not None

    for t_start, t_end, ctx, direction, text in hits:
        if t_end <= m_start and direction in ("forward", "both"):
            if too_far(t_end, m_start) or any(t_end <= x < m_start for x in terms):
                continue
            dist = m_start - t_end
        elif t_start >= m_end and direction in ("backward", "both"):
            if too_far(m_end, t_start) or any(m_end <= x < t_start for x in terms):
                continue
            dist = t_start - m_end
        else:
            continue
        key = (PRIORITY[ctx], -dist, ctx, text)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return "neutral", None
    return best[2], best[3]


def _window(sentence: str, a: int, b: int) -> tuple[str, int]:
    """The sentence (stripped), or a MAX_SENTENCE window around [a, b) when it is longer."""
    if len(sentence) <= MAX_SENTENCE:
        lead = len(sentence) - len(sentence.lstrip())
        return sentence.strip(), lead
    half = max(0, (MAX_SENTENCE - (b - a)) // 2)
    lo = max(0, a - half)
    hi = min(len(sentence), max(b, lo + MAX_SENTENCE))
    return sentence[lo:hi], lo


def find_mentions(lex: Lexicon, ts: TriggerSet, main_text: str, body_end: int,
                  section_starts: list[int] | None = None) -> list[Mention]:
    body = main_text[:body_end]
    terms = find_terms(lex, body)
    if not terms:
        return []
    sentences = _sentences(body)
    s_starts = [s for s, _ in sentences]
    cache: dict = {}
    out: list[Mention] = []
    for start, end, term in terms:
        k = bisect.bisect_right(s_starts, start) - 1
        s_start, s_end = sentences[k] if k >= 0 else (0, len(body))
        sentence = body[s_start:s_end] if cache.get("_span") != (s_start, s_end) else cache["_text"]
        cache["_span"], cache["_text"] = (s_start, s_end), sentence
        ctx, trig = classify(ts, sentence, start - s_start, end - s_start, cache, (s_start, s_end))
        c = lex.concepts[term.concept_id]
        section_no = None
        if section_starts:
            section_no = max(0, bisect.bisect_right(section_starts, start) - 1)
        shown, shown_start = _window(sentence, start - s_start, end - s_start)
        out.append(Mention(len(out), start, end, main_text[start:end], c.concept_id, c.canonical_name, c.icd10,
                           c.mention_type, ctx, trig, shown, s_start + shown_start, section_no))
    return out


def find_candidates(main_text: str, body_end: int, mentions: list[Mention]) -> dict[str, tuple[int, str]]:
    """Disease-like terms not covered by a lexicon mention: term -> (count, example sentence)."""
    body = main_text[:body_end]
    covered = [(m.start_char, m.end_char) for m in mentions]
    starts = [s for s, _ in covered]
    found: Counter[str] = Counter()
    examples: dict[str, str] = {}
    sentences = _sentences(body)
    s_starts = [a for a, _ in sentences]
    last_end = 0
    for sm in CANDIDATE_SUFFIX.finditer(body):
        # The Han characters before the suffix (at most 10, not reaching into the previous candidate).
        lead = _HAN.search(body, max(last_end, sm.start() - 10), sm.start())
        if lead is None:
            continue
        last_end = sm.end()
        term = body[lead.start():sm.end()]
        m = lead
        offset = 0
        for stop in CANDIDATE_STOP.finditer(term, 0, len(term) - 1):
            offset = stop.end()
        term = term[offset:]
        s, e = m.start() + offset, sm.end()
        if len(term) < 3 or _CANDIDATE_BAD.search(term):
            continue
        k = bisect.bisect_right(starts, e - 1) - 1
        if k >= 0 and covered[k][1] > s:
            continue  # overlaps a known mention
        found[term] += 1
        if term not in examples:
            k = bisect.bisect_right(s_starts, s) - 1
            a, z = sentences[k] if k >= 0 else (0, len(body))
            examples[term] = _window(body[a:z], s - a, e - a)[0]
    return {t: (n, examples[t]) for t, n in found.items()}
