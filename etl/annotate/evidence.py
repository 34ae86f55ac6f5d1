"""Citation evidence: what kind of work each citation is, its study design and evidence level. Pure.

Kinds, designs and the ordered evidence scale are in etl/knowledge/data/vocabulary.yaml; the cues
that find them in etl/knowledge/data/rules/evidence.yaml. A journal article's level comes from
the design its title states; any other kind has the level of its kind (a trial-registry entry is
a registered clinical study, a news item is not research). An article's best level is the
strongest (lowest rank) among its citations and the trial-registry ids found in its text.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from etl.extract.citations import Citation
from etl.knowledge.annotation import AnnotationKnowledge
from etl.knowledge.scan import first_start

REGISTRY_LEVEL_KIND = "trial_registry"


@dataclass
class CitationEvidence:
    citation_no: int
    kind: str
    study_design: str | None    # journal articles and registry entries only
    evidence_level: str
    registry_id: str | None


@dataclass
class RegistryId:
    registry: str
    trial_id: str
    start_char: int
    end_char: int


_second = operator.itemgetter(1)   # the pattern of a (name, pattern) entry


def find_registry_ids(kn: AnnotationKnowledge, text: str) -> list[RegistryId]:
    """Trial-registry ids (NCT01234567, ChiCTR2000012345 ...) in ``text``, in order, without repeats."""
    first = first_start(kn.evidence.registries, text, of=_second)
    if first is None:
        return []
    hits = sorted((m.start(), m.end(), reg) for reg, rx in kn.evidence.registries for m in rx.finditer(text, first))
    out: list[RegistryId] = []
    seen: set[str] = set()
    for s, e, reg in hits:
        tid = text[s:e]
        if tid.upper() in seen:
            continue
        seen.add(tid.upper())
        out.append(RegistryId(reg, tid, s, e))
    return out


def study_design(kn: AnnotationKnowledge, title: str | None) -> str:
    """The design a title states, or ``other`` when it states none."""
    if title and first_start(kn.evidence.designs, title, of=_second) is not None:
        for design, rx in kn.evidence.designs:
            if rx.search(title):
                return design
    return "other"


def _field(c: Citation, name: str) -> str:
    v = getattr(c, name)
    return v if isinstance(v, str) else ""


def citation_kind(kn: AnnotationKnowledge, c: Citation) -> tuple[str, str | None]:
    """(kind, registry id) of one citation; the first matching cue decides, ``other`` when none does."""
    regs = find_registry_ids(kn, " ".join(x for x in (c.raw, c.url or "") if x))
    if regs:
        return REGISTRY_LEVEL_KIND, regs[0].trial_id
    for kind, fld, rx in kn.evidence.kinds:
        value = _field(c, fld)
        if value and rx.search(value):
            return kind, None
    return "other", None


def classify_citation(kn: AnnotationKnowledge, c: Citation) -> CitationEvidence:
    kind, reg = citation_kind(kn, c)
    vocab = kn.vocabulary
    design = None
    if kind in ("journal_article", REGISTRY_LEVEL_KIND):
        design = study_design(kn, c.title or (c.raw if kind == REGISTRY_LEVEL_KIND else None))
    if kind == "journal_article":
        level = vocab["study_designs"][design or "other"].extra["level"]
    else:
        level = vocab["citation_kinds"][kind].extra["level"]
    return CitationEvidence(c.citation_no, kind, design, level, reg)


def classify_citations(kn: AnnotationKnowledge, citations: Sequence[Citation]) -> list[CitationEvidence]:
    return [classify_citation(kn, c) for c in citations]


def best_level(kn: AnnotationKnowledge, levels: Iterable[str]) -> str | None:
    """The strongest evidence level among ``levels`` (None when there are none)."""
    found = [lv for lv in levels if lv]
    return min(found, key=kn.level_rank) if found else None


def article_best_level(kn: AnnotationKnowledge, evidence: Sequence[CitationEvidence],
                       registry_ids: Sequence[RegistryId]) -> str | None:
    """Best level of an article: its citations, plus a registered-trial level for each registry id in its text."""
    reg_level = kn.vocabulary["citation_kinds"][REGISTRY_LEVEL_KIND].extra["level"]
    return best_level(kn, [e.evidence_level for e in evidence] + [reg_level for _ in registry_ids])
