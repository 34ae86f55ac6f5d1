"""Claims: one per article x disease concept, built from the disease mentions. Pure.

A claim keeps the page's strongest own-voice stance apart from the strongest stance it only
reports (宣传…, 声称…, 号称…, so-called): a debunking article that quotes clinics' promises must
not count as claiming them. The claim sentence is the one of the deciding mention (the strongest
own-voice mention, or the strongest reported one when the page has no own-voice mention; among
equals, one whose own sentence holds its cue); its
efficacy wording class and whether a citation stands next to it are read from that sentence.

Whether a mention is reported comes from the mention itself when the stance stage provides a
``reported`` flag, else from :func:`reported_in_sentence` (a swappable ``ReportedFn``).
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from etl.annotate.mentions import Mention
from etl.extract.script import simplify
from etl.extract.sections import Section
from etl.knowledge.annotation import AnnotationKnowledge, ClaimCues
from etl.knowledge.scan import first_start

CLAUSE_BREAK = re.compile(r"[，,：:；;（）()]")
MAX_REPORTED_SCOPE = 80   # a reporting cue covers mentions up to this many characters after it
MAX_SECTION_SCAN = 200_000  # characters of a section searched for a citation


@dataclass
class Claim:
    concept_id: str
    canonical_name: str
    mention_type: str
    mentions: int
    own_mentions: int
    reported_mentions: int
    own_stance: str | None          # strongest stance of the page's own-voice mentions
    reported_stance: str | None     # strongest stance of the mentions it attributes to others
    voice: str                      # own | reported: whose words the claim sentence is
    mention_no: int                 # the deciding mention (disease_mentions.mention_no)
    start_char: int
    end_char: int
    own_mention_no: int | None
    reported_mention_no: int | None
    sentence: str
    sentence_start: int
    sentence_end: int
    wording_class: str | None       # vocabulary claim_classes
    wording_text: str | None
    citation: str                   # in_sentence | in_section | none
    citation_text: str | None


ReportedFn = Callable[[Mention, ClaimCues], bool]


@lru_cache(maxsize=8192)
def _spans(rx: re.Pattern[str], sentence: str) -> tuple[tuple[int, int], ...]:
    """Matches of ``rx`` in a sentence, cached: the mentions of one sentence share them (a 50 MB page
    has 200,000 mentions)."""
    return tuple((m.start(), m.end()) for m in rx.finditer(sentence))


def reported_in_sentence(cues: ClaimCues, sentence: str, pos: int) -> bool:
    """True when a reporting cue (宣传, 声称, 所谓, claims ...) stands before ``pos`` in ``sentence``,
    within MAX_REPORTED_SCOPE characters and with no termination cue (但是, 然而 ...) in between."""
    before = [e for s, e in _spans(cues.reported, sentence) if s >= pos - MAX_REPORTED_SCOPE and e <= pos]
    if not before:
        return False
    last_end = before[-1]
    return not any(s >= last_end and e <= pos for s, e in _spans(cues.termination, sentence))


def mention_is_reported(m: Mention, cues: ClaimCues) -> bool:
    """The mention's own ``reported`` flag when the stance stage sets one, else the sentence cue test."""
    flag = getattr(m, "reported", None)
    if isinstance(flag, bool):
        return flag
    return reported_in_sentence(cues, m.sentence, max(0, m.start_char - m.sentence_start))


_regex = operator.attrgetter("regex")


def wording(cues: ClaimCues, sentence: str, pos: int, end: int) -> tuple[str, str] | None:
    """Efficacy wording class for the mention at [pos, end) of ``sentence``: a cue overlapping or touching
    it, else the nearest cue before it, else the nearest after it in its clause, else in its sentence
    (never across a termination cue such as 但是)."""
    found: dict[int, tuple[int, str, bool]] = {}
    first = first_start(cues.wording, sentence, of=_regex)
    if first is None:
        return None
    for cue in cues.wording:
        for m in cue.regex.finditer(sentence, first):
            s, e = m.start(), m.end()
            if cue.adjacent and e != pos:
                continue
            if s not in found or e > found[s][0]:
                found[s] = (e, cue.claim_class, cue.adjacent)
    if not found:
        return None
    spans = sorted((s, e, c) for s, (e, c, _a) in found.items())
    touching = [x for x in spans if x[0] < end and x[1] >= pos]
    if touching:
        s, e, c = max(touching, key=lambda x: x[1] - x[0])
        return c, sentence[s:e]
    before = [x for x in spans if x[1] <= pos and not cues.termination.search(sentence, x[1], pos)]
    if before:
        s, e, c = max(before, key=lambda x: (x[1], x[1] - x[0]))
        return c, sentence[s:e]
    after = [x for x in spans if x[0] >= end and not cues.termination.search(sentence, end, x[0])]
    in_clause = [x for x in after if not CLAUSE_BREAK.search(sentence, end, x[0])]
    if in_clause or after:
        s, e, c = min(in_clause or after, key=lambda x: x[0])
        return c, sentence[s:e]
    return None


def _citation(cues: ClaimCues, main_text: str, m: Mention, sections: Sequence[Section],
              by_section: dict[int, str | None]) -> tuple[str, str | None]:
    """A citation in the mention's sentence, else in its section (``by_section`` caches each section's
    first citation: the claims of one section share it, and a 10 MB one-section page has many claims)."""
    for rx in (cues.citation_marker, cues.inline_citation):
        hit = rx.search(m.sentence)
        if hit:
            return "in_sentence", hit.group(0)
    sec = _section_of(m, sections)
    if sec is not None:
        if sec.start_char not in by_section:
            end = min(sec.end_char, sec.start_char + MAX_SECTION_SCAN)
            hits = (rx.search(main_text, sec.start_char, end) for rx in (cues.citation_marker, cues.inline_citation))
            by_section[sec.start_char] = next((h.group(0) for h in hits if h), None)
        if by_section[sec.start_char] is not None:
            return "in_section", by_section[sec.start_char]
    return "none", None


def _section_of(m: Mention, sections: Sequence[Section]) -> Section | None:
    if not sections:
        return None
    if m.section_no is not None and 0 <= m.section_no < len(sections) and sections[m.section_no].section_no == m.section_no:
        return sections[m.section_no]
    k = bisect.bisect_right([s.start_char for s in sections], m.start_char) - 1
    return sections[max(0, k)]


def _deciding_order(strength: dict[str, int], m: Mention) -> tuple[int, bool, int]:
    """The strongest stance first; among equals, a mention whose own sentence holds the cue that
    decided it (干细胞可以改善糖尿病[1]) before one that took its stance from a heading or the
    paragraph under it (一、糖尿病), so the claim's sentence, wording and citation are the claim's;
    then the first."""
    elsewhere = bool(m.trigger) and m.trigger not in m.sentence.lower() and m.trigger not in simplify(m.sentence).lower()
    return strength.get(m.context, 99), elsewhere, m.start_char


def build_claims(kn: AnnotationKnowledge, mentions: Sequence[Mention], main_text: str,
                 sections: Sequence[Section], reported: ReportedFn = mention_is_reported) -> list[Claim]:
    """One claim per concept, in order of the concept's first mention."""
    cues = kn.claims
    strength = {s: i for i, s in enumerate(cues.stance_strength)}   # lower index = stronger
    groups: dict[str, list[tuple[Mention, bool]]] = {}
    by_section: dict[int, str | None] = {}
    for m in mentions:
        groups.setdefault(m.concept_id, []).append((m, reported(m, cues)))
    out: list[Claim] = []
    for items in groups.values():
        own = [m for m, r in items if not r]
        rep = [m for m, r in items if r]
        best_own = min(own, key=lambda m: _deciding_order(strength, m)) if own else None
        best_rep = min(rep, key=lambda m: _deciding_order(strength, m)) if rep else None
        deciding = best_own or best_rep
        assert deciding is not None
        pos = deciding.start_char - deciding.sentence_start
        w = wording(cues, deciding.sentence, pos, pos + (deciding.end_char - deciding.start_char))
        cite, cite_text = _citation(cues, main_text, deciding, sections, by_section)
        first = items[0][0]
        out.append(Claim(
            first.concept_id, first.canonical_name, first.mention_type, len(items), len(own), len(rep),
            best_own.context if best_own else None, best_rep.context if best_rep else None,
            "own" if best_own else "reported", deciding.mention_no, deciding.start_char, deciding.end_char,
            best_own.mention_no if best_own else None, best_rep.mention_no if best_rep else None,
            deciding.sentence, deciding.sentence_start, deciding.sentence_start + len(deciding.sentence),
            w[0] if w else None, w[1] if w else None, cite, cite_text))
    return out
