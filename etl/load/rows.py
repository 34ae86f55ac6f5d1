"""Rows of the warehouse tables from parsed documents: plain dicts, built in the parse workers.

Pure and free of DuckDB (a worker process does not import it); the writes are in
etl/load/write.py. Public so tests and tools can build a warehouse the way the run does.
"""

from __future__ import annotations

from etl.extract.metadata import SourceInputs
from etl.knowledge.lexicon import Concept
from etl.parse import Document, DocumentAnnotations, ParsedDocument

EXTRACT_TABLES = ("articles", "documents", "cut_blocks", "sections", "citations", "commercial_signals")
ANNOTATE_TABLES = ("disease_mentions", "candidate_terms", "claims", "red_flags", "credibility")
# Annotation columns of extraction tables: the article's and each citation's evidence.
ARTICLE_EVIDENCE = ("best_evidence_level", "trial_registry_ids")
CITATION_EVIDENCE = ("kind", "study_design", "evidence_level", "registry_id")
_CLAIM_FIELDS = ("concept_id", "canonical_name", "mention_type", "mentions", "own_mentions", "reported_mentions",
                 "own_stance", "reported_stance", "voice", "mention_no", "own_mention_no", "reported_mention_no",
                 "start_char", "end_char", "sentence", "sentence_start", "sentence_end", "wording_class",
                 "wording_text", "citation", "citation_text")
_FLAG_FIELDS = ("flag_no", "rule_id", "basis_id", "law", "law_article", "law_item", "location", "matched_text",
                "start_char", "end_char", "cut_no", "chrome_text", "chrome_start", "sentence")
# The articles column each input of the source-type classifier is stored in (etl/extract/metadata.py
# SourceInputs): written by every load, read back to re-classify after a sources-file edit.
SOURCE_INPUT_COLUMNS = {"site": "site_name", "url": "url", "page_type": "page_source_type",
                        "page_evidence": "page_source_evidence"}


def source_input_columns(inputs: SourceInputs) -> dict[str, object]:
    """The articles columns of these classifier inputs (sequences as lists)."""
    out = {}
    for name, column in SOURCE_INPUT_COLUMNS.items():
        value = getattr(inputs, name)
        out[column] = list(value) if isinstance(value, tuple) else value
    return out


def stored_source_inputs(row: dict[str, object]) -> SourceInputs:
    """The classifier inputs of one stored article, from its SOURCE_INPUT_COLUMNS."""
    return SourceInputs(**{name: tuple(v) if isinstance(v := row[column], list) else v
                           for name, column in SOURCE_INPUT_COLUMNS.items()})


def extract_rows(doc: Document, run_id: int) -> dict[str, list[dict]]:
    """Rows of the extraction tables (EXTRACT_TABLES) for one document."""
    aid = doc.article_id
    return {
        "articles": [{
            "article_id": aid, "source_path": doc.source_path, "content_sha256": doc.content_sha256,
            "file_bytes": doc.file_bytes, "format": doc.format, "title": doc.title, "author": doc.author,
            "site_name": doc.site_name, "url": doc.url, "url_source": doc.url_source, "domain": doc.domain, "published_date": doc.published_date,
            "date_source": doc.date_source, "url_date": doc.url_date, "language": doc.language, "source_type": doc.source_type,
            "source_type_evidence": doc.source_type_evidence, "main_text": doc.main_text,
            "main_chars": len(doc.main_text), "body_end_char": doc.body_end_char, "raw_chars": len(doc.raw_text),
            "cut_chars": doc.cut_chars, "parse_warnings": doc.warnings, "run_id": run_id,
            **source_input_columns(doc.source_inputs)}],
        "documents": [{"article_id": aid, "source_path": doc.source_path, "encoding": doc.encoding, "raw_text": doc.raw_text,
                       "outside_text": doc.outside}],
        "cut_blocks": [{"article_id": aid, "cut_no": i, "rule": r, "text": t} for i, (r, t) in enumerate(doc.cut)],
        "sections": [{"article_id": aid, "section_no": s.section_no, "level": s.level, "heading": s.heading,
                      "body": s.body, "start_char": s.start_char, "end_char": s.end_char} for s in doc.sections],
        "citations": [{"article_id": aid, "citation_no": c.citation_no, "raw": c.raw, "style": c.style,
                       "authors": c.authors, "title": c.title, "container": c.container, "year": c.year,
                       "volume": c.volume, "issue": c.issue, "pages": c.pages, "doi": c.doi, "pmid": c.pmid,
                       "url": c.url, "start_char": c.start_char, "end_char": c.end_char} for c in doc.citations],
        "commercial_signals": [{"article_id": aid, "signal_no": i, "kind": s.kind, "text": s.text,
                                "location": s.location, "start_char": s.start_char} for i, s in enumerate(doc.signals)],
    }


def annotation_rows(article_id: str, ann: DocumentAnnotations) -> dict[str, list[dict]]:
    """Rows of the annotation tables (ANNOTATE_TABLES) for one document."""
    ev = ann.annotations
    cred: list[dict] = []
    if ev.credibility is not None:
        row: dict[str, object] = {"article_id": article_id, "jama_total": ev.credibility.jama_total}
        for key, item in ev.credibility.items.items():
            col = f"jama_{key}" if key in ("authorship", "attribution", "disclosure", "currency") else key
            row |= {col: int(item.met), f"{col}_evidence": item.evidence,
                    f"{col}_start": item.start_char if item.met else None}
        cred.append(row)
    return {
        "claims": [{"article_id": article_id, **{k: getattr(c, k) for k in _CLAIM_FIELDS}} for c in ev.claims],
        "red_flags": [{"article_id": article_id, **{k: getattr(f, k) for k in _FLAG_FIELDS}} for f in ev.red_flags],
        "credibility": cred,
        "disease_mentions": [{"article_id": article_id, "mention_no": m.mention_no, "section_no": m.section_no,
                              "start_char": m.start_char, "end_char": m.end_char, "surface": m.surface,
                              "concept_id": m.concept_id, "canonical_name": m.canonical_name, "icd10": m.icd10,
                              "mention_type": m.mention_type, "context": m.context, "trigger": m.trigger,
                              "sentence": m.sentence, "reported": m.reported} for m in ann.mentions],
        "candidate_terms": [{"article_id": article_id, "term": t, "occurrences": n, "example_sentence": ex}
                            for t, (n, ex) in sorted(ann.candidates.items())],
    }


def evidence_rows(article_id: str, ann: DocumentAnnotations) -> tuple[dict, list[dict]]:
    """The annotation columns of the article row (ARTICLE_EVIDENCE) and of its citation rows
    (CITATION_EVIDENCE, keyed by article_id and citation_no)."""
    ev = ann.annotations
    article = {"article_id": article_id, "best_evidence_level": ev.best_evidence_level,
               "trial_registry_ids": [r.trial_id for r in ev.registry_ids]}
    citations = [{"article_id": article_id, "citation_no": e.citation_no, "kind": e.kind,
                  "study_design": e.study_design, "evidence_level": e.evidence_level, "registry_id": e.registry_id}
                 for e in ev.citation_evidence]
    return article, citations


def doc_rows(doc: ParsedDocument, run_id: int) -> dict[str, list[dict]]:
    """Rows of every per-article table but the summaries, for one parsed document."""
    ann = DocumentAnnotations(doc.mentions, doc.candidates, doc.annotations)
    rows = {**extract_rows(doc, run_id), **annotation_rows(doc.article_id, ann)}
    article, citations = evidence_rows(doc.article_id, ann)
    rows["articles"][0] |= article
    by_no = {c["citation_no"]: c for c in citations}
    for row in rows["citations"]:
        row |= by_no[row["citation_no"]]
    return rows


def lexicon_rows(concepts: list[Concept]) -> list[dict]:
    """Rows of the diseases table."""
    return [{"concept_id": c.concept_id, "canonical_name": c.canonical_name, "english_name": c.english_name,
             "icd10": c.icd10, "icd10_chapter": c.icd10_chapter, "category": c.category,
             "mention_type": c.mention_type, "synonyms": list(c.synonyms), "lexicon_file": c.lexicon_file}
            for c in concepts]
