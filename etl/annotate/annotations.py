"""One entry point for the annotation stage: an extracted document in, its annotations out. Pure.

It reads only what extraction stored (main text, sections, citations, cut lines, signals,
mentions, metadata), so a change of the knowledge files can re-annotate stored documents
without reading their files again.

The cue scans (red flags, credibility, registry ids) read at most MAX_SCAN_CHARS (500,000) of the body
and of the page chrome: a long article is 20-50 thousand characters, and scanning a 50 MB compilation
with every cue regex took 150 s (tests/reliability/test_large_files.py). Claims come from all mentions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.annotate.claims import Claim, ReportedFn, build_claims, mention_is_reported
from etl.annotate.credibility import Credibility, assess_credibility
from etl.annotate.evidence import (
    CitationEvidence,
    RegistryId,
    article_best_level,
    classify_citations,
    find_registry_ids,
)
from etl.annotate.mentions import Mention
from etl.annotate.red_flags import ChromeLine, RedFlag, find_red_flags
from etl.extract.citations import Citation
from etl.extract.sections import Section
from etl.extract.signals import Signal
from etl.knowledge.annotation import AnnotationKnowledge


@dataclass
class Annotations:
    claims: list[Claim] = field(default_factory=list)
    red_flags: list[RedFlag] = field(default_factory=list)
    credibility: Credibility | None = None
    citation_evidence: list[CitationEvidence] = field(default_factory=list)
    registry_ids: list[RegistryId] = field(default_factory=list)
    best_evidence_level: str | None = None


MAX_SCAN_CHARS = 500_000


def chrome_lines(cut: Sequence[tuple[str, str]], outside: str = "", limit: int = MAX_SCAN_CHARS) -> list[ChromeLine]:
    """The page furniture: each cut line (numbered as in cut_blocks), then text outside the article
    container; lines after the first ``limit`` characters are left out, a longer line is cut."""
    lines = [ChromeLine(i, text) for i, (_rule, text) in enumerate(cut)]
    lines += [ChromeLine(None, ln.strip()) for ln in outside.splitlines() if ln.strip()]
    out: list[ChromeLine] = []
    total = 0
    for ln in lines:
        if total >= limit:
            break
        out.append(ln if len(ln.text) <= limit - total else ChromeLine(ln.cut_no, ln.text[:limit - total]))
        total += len(ln.text)
    return out


def annotate(kn: AnnotationKnowledge, *, main_text: str, body_end: int, sections: Sequence[Section],
             citations: Sequence[Citation], cut: Sequence[tuple[str, str]], signals: Sequence[Signal],
             mentions: Sequence[Mention], author: str | None, published_date: dt.date | None,
             date_source: str | None, raw_text: str = "", outside: str = "",
             reported: ReportedFn = mention_is_reported) -> Annotations:
    chrome = chrome_lines(cut, outside, MAX_SCAN_CHARS)
    scan_end = min(body_end, MAX_SCAN_CHARS)
    evidence = classify_citations(kn, citations)
    registry = find_registry_ids(kn, main_text[:scan_end])
    return Annotations(
        claims=build_claims(kn, mentions, main_text, sections, reported),
        red_flags=find_red_flags(kn, main_text, scan_end, chrome, signals, has_mentions=bool(mentions)),
        credibility=assess_credibility(kn, main_text=main_text, body_end=scan_end, author=author,
                                       published_date=published_date, date_source=date_source,
                                       citations=citations, chrome=chrome, signals=signals, raw_text=raw_text),
        citation_evidence=evidence,
        registry_ids=registry,
        best_evidence_level=article_best_level(kn, evidence, registry),
    )
