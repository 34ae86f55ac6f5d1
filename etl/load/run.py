"""The run: discover, extract what changed, write the next warehouse, publish it atomically.

This is the only module that writes. It never opens the live warehouse for writing:
an incremental run copies the live file to a temporary file beside it, applies the
changes there and swaps it in with os.replace (see warehouse/db.py for the pattern).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import PARSER_VERSION, __version__
from etl.errors import Rejected, StemwatchError
from etl.knowledge import lexicon as lexmod
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.lexicon import Concept, load_lexicon, load_triggers
from etl.knowledge.rules import Rules, load_rules
from etl.load.discover import SeedFile, discover
from etl.load.parts import RowsPart, concat_parts, insert_arrow
from etl.parse import ParsedDocument, article_id_for, parse_document
from warehouse import db as wh

log = logging.getLogger("stemwatch.etl")

ARTICLE_TABLES = ("articles", "documents", "cut_blocks", "sections", "citations", "commercial_signals",
                  "article_concepts", "article_stats",
                  "disease_mentions", "candidate_terms", "claims", "red_flags", "credibility")
PARALLEL_THRESHOLD = 64
BATCH = 500
SUMMARY_SLICE = 10_000   # articles per summary pass at the end of a full load


@dataclass
class RunResult:
    run_id: int
    status: str
    mode: str
    files_seen: int = 0
    files_loaded: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    files_quarantined: int = 0
    input_bytes: int = 0
    seconds: float = 0.0
    quarantined_now: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason, detail)
    message: str = ""
    published: bool = False


@dataclass
class OldState:
    files: dict[str, tuple[int, int, str, str]]   # rel -> (size, mtime_ns, sha256, status)
    build_hash: str | None
    schema_hash: str | None
    max_run_id: int
    readable: bool


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# The code and data that decide what is extracted and annotated: whole stage folders, so a new
# module in any of them re-extracts everything without being listed anywhere.
EXTRACTION_PARTS = ("extract", "annotate", "knowledge", "parse.py")


def _tree_digest(h: hashlib._Hash, root: Path) -> None:
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for p in paths:
        h.update(str(p.relative_to(root.parent if root.is_file() else root)).encode())
        h.update(p.read_bytes())


def build_hash(rules: Rules) -> str:
    """Everything extraction depends on; when it changes, the next run rebuilds from scratch."""
    h = hashlib.sha256()
    for part in (PARSER_VERSION, rules.fingerprint, lexmod.fingerprint(), wh.schema_hash(),
                 load_annotation_knowledge().fingerprint):
        h.update(part.encode())
    pkg = Path(__file__).resolve().parent.parent
    for part in EXTRACTION_PARTS:
        _tree_digest(h, pkg / part)
    return h.hexdigest()[:16]


def read_old_state(db_path: Path, copy: Path | None = None) -> OldState:
    """What the live warehouse holds, read from ``copy`` (a snapshot of it) when given."""
    if not db_path.exists():
        return OldState({}, None, None, 0, readable=False)
    try:
        with wh.reading(copy or db_path) as con:
            files = {r[0]: (r[1], r[2], r[3], r[4]) for r in con.execute(
                "SELECT source_path, file_bytes, mtime_ns, content_sha256, status FROM source_files").fetchall()}
            last = con.execute("SELECT build_hash, schema_hash FROM etl_runs WHERE status = 'success' ORDER BY run_id DESC LIMIT 1").fetchone()
            max_id = con.execute("SELECT coalesce(max(run_id), 0) FROM etl_runs").fetchone()[0]
        return OldState(files, last[0] if last else None, last[1] if last else None, int(max_id), readable=True)
    except Exception as exc:  # a file we cannot read is rebuilt, never patched
        log.warning("cannot read the existing warehouse %s (%s): rebuilding from scratch", db_path, exc)
        max_id = 0
        return OldState({}, None, None, max_id, readable=False)


# ---------------------------------------------------------------- parsing (in workers)

_WORKER: dict[str, object] = {}


def _init_worker(sources: str | None) -> None:
    _WORKER["rules"] = load_rules(sources)
    _WORKER["lexicon"] = load_lexicon()
    _WORKER["triggers"] = load_triggers()


def _init_pool_worker(sources: str | None) -> None:
    """A worker process exits when the run that started it dies.

    ProcessPoolExecutor workers hold both ends of their task pipe, so when the ETL was
    killed (SIGKILL, OOM killer) they blocked on it forever, each holding the lexicon in
    memory (tests/reliability/test_crash_safety.py::test_sigkill_at_random_points).
    """
    # The pid recorded at spawn, not getppid() now: the run may already be dead.
    spawner = multiprocessing.parent_process()
    parent = spawner.pid if spawner is not None and spawner.pid else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="stemwatch-parent-watch", daemon=True).start()
    _init_worker(sources)


def _process(rel: str, path: str, old_sha: str | None, max_bytes: int) -> tuple:
    """Read one file and parse it. Returns a tagged tuple (picklable)."""
    try:
        before = os.stat(path)
        if before.st_size > max_bytes:
            return ("rejected", rel, None, before.st_size, before.st_mtime_ns, "too_large",
                    f"{before.st_size / 2**20:.1f} MiB is over the {max_bytes / 2**20:.0f} MiB limit (STEMWATCH_MAX_FILE_MB)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
        after = os.stat(path)
    except FileNotFoundError:
        return ("gone", rel)
    except OSError as exc:
        return ("rejected", rel, None, 0, 0, "unreadable", f"cannot read: {exc.strerror or exc}")
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        return ("unstable", rel, before.st_size, before.st_mtime_ns)
    sha = hashlib.sha256(data).hexdigest()
    if old_sha is not None and sha == old_sha:
        return ("unchanged", rel, after.st_size, after.st_mtime_ns, sha)
    try:
        doc = parse_document(rel, data, _WORKER["rules"], _WORKER["lexicon"], _WORKER["triggers"])  # type: ignore[arg-type]
    except Rejected as rj:
        return ("rejected", rel, sha, after.st_size, after.st_mtime_ns, rj.reason, rj.detail)
    except RecursionError:
        return ("rejected", rel, sha, after.st_size, after.st_mtime_ns, "parse_error", "structure nested too deeply to parse")
    except MemoryError:
        return ("rejected", rel, sha, after.st_size, after.st_mtime_ns, "parse_error", "ran out of memory while parsing")
    except Exception as exc:  # a bug must not lose the batch: quarantine with the error
        return ("rejected", rel, sha, after.st_size, after.st_mtime_ns, "parse_error", f"{type(exc).__name__}: {exc}"[:500])
    return ("parsed", rel, after.st_size, after.st_mtime_ns, doc)


def _results(jobs: list[tuple[str, str, str | None]], workers: int, sources: str | None, max_bytes: int,
             engine: str = "local", scheduler: str | None = None, run_id: int = 0) -> Iterator[tuple]:
    """Per-file outcomes in job order: in this process for a few files, else from an engine (etl/load/engines.py)."""
    if not jobs:
        return
    if engine == "local" and (workers <= 1 or len(jobs) < PARALLEL_THRESHOLD):
        _init_worker(sources)
        for rel, path, old in jobs:
            yield _process(rel, path, old, max_bytes)
        return
    from etl.load import engines

    yield from engines.outcomes(engine, jobs, workers, sources, max_bytes, run_id, scheduler)


# ---------------------------------------------------------------- rows

def doc_rows(doc: ParsedDocument, run_id: int) -> dict[str, list[dict]]:
    aid = doc.article_id
    rows = {
        "articles": [{
            "article_id": aid, "source_path": doc.source_path, "content_sha256": doc.content_sha256,
            "file_bytes": doc.file_bytes, "format": doc.format, "title": doc.title, "author": doc.author,
            "site_name": doc.site_name, "url": doc.url, "published_date": doc.published_date,
            "date_source": doc.date_source, "url_date": doc.url_date, "language": doc.language, "source_type": doc.source_type,
            "source_type_evidence": doc.source_type_evidence, "main_text": doc.main_text,
            "main_chars": len(doc.main_text), "body_end_char": doc.body_end_char, "raw_chars": len(doc.raw_text),
            "cut_chars": doc.cut_chars, "parse_warnings": doc.warnings, "run_id": run_id}],
        "documents": [{"article_id": aid, "source_path": doc.source_path, "encoding": doc.encoding, "raw_text": doc.raw_text}],
        "cut_blocks": [{"article_id": aid, "cut_no": i, "rule": r, "text": t} for i, (r, t) in enumerate(doc.cut)],
        "sections": [{"article_id": aid, "section_no": s.section_no, "level": s.level, "heading": s.heading,
                      "body": s.body, "start_char": s.start_char, "end_char": s.end_char} for s in doc.sections],
        "citations": [{"article_id": aid, "citation_no": c.citation_no, "raw": c.raw, "style": c.style,
                       "authors": c.authors, "title": c.title, "container": c.container, "year": c.year,
                       "volume": c.volume, "issue": c.issue, "pages": c.pages, "doi": c.doi, "pmid": c.pmid,
                       "url": c.url, "start_char": c.start_char, "end_char": c.end_char} for c in doc.citations],
        "commercial_signals": [{"article_id": aid, "signal_no": i, "kind": s.kind, "text": s.text,
                                "location": s.location, "start_char": s.start_char} for i, s in enumerate(doc.signals)],
        "disease_mentions": [{"article_id": aid, "mention_no": m.mention_no, "section_no": m.section_no,
                              "start_char": m.start_char, "end_char": m.end_char, "surface": m.surface,
                              "concept_id": m.concept_id, "canonical_name": m.canonical_name, "icd10": m.icd10,
                              "mention_type": m.mention_type, "context": m.context, "trigger": m.trigger,
                              "sentence": m.sentence, "reported": m.reported} for m in doc.mentions],
        "candidate_terms": [{"article_id": aid, "term": t, "occurrences": n, "example_sentence": ex}
                            for t, (n, ex) in sorted(doc.candidates.items())],
    }
    _add_annotation_rows(rows, doc)
    return rows


def _add_annotation_rows(rows: dict[str, list[dict]], doc: ParsedDocument) -> None:
    """The annotation stage's rows: tables claims, red_flags and credibility, and the evidence
    fields of the article and of each citation."""
    aid, ann = doc.article_id, doc.annotations
    rows["articles"][0] |= {"best_evidence_level": ann.best_evidence_level,
                            "trial_registry_ids": [r.trial_id for r in ann.registry_ids]}
    evidence = {e.citation_no: e for e in ann.citation_evidence}
    for row in rows["citations"]:
        e = evidence[row["citation_no"]]
        row |= {"kind": e.kind, "study_design": e.study_design, "evidence_level": e.evidence_level,
                "registry_id": e.registry_id}
    rows["claims"] = [{"article_id": aid, **{k: getattr(c, k) for k in (
        "concept_id", "canonical_name", "mention_type", "mentions", "own_mentions", "reported_mentions",
        "own_stance", "reported_stance", "voice", "mention_no", "own_mention_no", "reported_mention_no",
        "start_char", "end_char", "sentence", "sentence_start", "sentence_end", "wording_class", "wording_text",
        "citation", "citation_text")}} for c in ann.claims]
    rows["red_flags"] = [{"article_id": aid, **{k: getattr(f, k) for k in (
        "flag_no", "rule_id", "basis_id", "law", "law_article", "law_item", "location", "matched_text",
        "start_char", "end_char", "cut_no", "chrome_text", "chrome_start", "sentence")}} for f in ann.red_flags]
    rows["credibility"] = []
    if ann.credibility is not None:
        cred: dict[str, object] = {"article_id": aid, "jama_total": ann.credibility.jama_total}
        for key, item in ann.credibility.items.items():
            col = f"jama_{key}" if key in ("authorship", "attribution", "disclosure", "currency") else key
            cred |= {col: int(item.met), f"{col}_evidence": item.evidence,
                     f"{col}_start": item.start_char if item.met else None}
        rows["credibility"].append(cred)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows)
    con.register("_batch", arrow)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch")
    finally:
        con.unregister("_batch")


def _delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    if not ids:
        return
    con.register("_ids", pa.table({"article_id": ids}))
    try:
        for t in ARTICLE_TABLES:
            con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT article_id FROM _ids)")
    finally:
        con.unregister("_ids")


def _summarise(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """(Re)build the summary rows (warehouse/summaries.sql) of the articles just loaded."""
    if not ids:
        return
    con.register("_ids", pa.table({"article_id": ids}))
    try:
        for stmt in wh.summary_statements():
            con.execute(stmt)
    finally:
        con.unregister("_ids")


def _lexicon_rows(concepts: list[Concept]) -> list[dict]:
    return [{"concept_id": c.concept_id, "canonical_name": c.canonical_name, "english_name": c.english_name,
             "icd10": c.icd10, "icd10_chapter": c.icd10_chapter, "category": c.category,
             "mention_type": c.mention_type, "synonyms": list(c.synonyms), "lexicon_file": c.lexicon_file}
            for c in concepts]


# ---------------------------------------------------------------- the run

def run_etl(seeds: Path, db_path: Path, *, full: bool = False, trigger: str = "cli", sources: str | None = None,
            workers: int = 0, max_file_mb: int = 64,
            progress: Callable[[int, int], None] | None = None, hold: Collection[str] = (),
            engine: str = "local", scheduler: str | None = None) -> RunResult:
    """Run the ETL once and publish. Raises StemwatchError for problems a person must fix.

    ``hold``: paths the scheduler saw still being written; they are treated like a file that
    changed while being read (previous version kept, or quarantined as unstable) and retried next run.
    ``engine``/``scheduler``: where files are parsed (etl/load/engines.py: "local" or "dask").
    """
    seeds = Path(seeds)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with wh.writer_lock(db_path):
        for p in wh.remove_stale_temps(db_path):
            log.info("removed %s left by an interrupted run", p.name)
        started = _now()
        t0 = time.perf_counter()
        snap = wh.snapshot(db_path)   # read our own copy: never open (and so lock) the live file
        old = read_old_state(db_path, snap)
        run_id = old.max_run_id + 1
        mode = "full" if full else "incremental"
        try:
            rules = load_rules(sources or None)
            load_annotation_knowledge()           # a malformed annotation data file fails here, before any work
            concepts = lexmod.validate()          # a malformed lexicon row fails here, before any work
            bh = build_hash(rules)
            if not full and (not old.readable or old.build_hash != bh or old.schema_hash != wh.schema_hash()):
                mode = "full"
                if old.readable and old.build_hash:
                    log.info("rules, lexicon, schema or parser changed since the last run: rebuilding everything")
            result = _build(seeds, db_path, old, run_id, mode, started, t0, concepts, bh, trigger,
                            sources, workers, max_file_mb * 2**20, progress, frozenset(hold), snap,
                            engine, scheduler)
            return result
        except Exception as exc:
            message = str(exc) if isinstance(exc, StemwatchError | FileNotFoundError) else f"{type(exc).__name__}: {exc}"
            log.error("run %s failed: %s", run_id, message)
            _record_failure(db_path, old, run_id, mode, started, trigger, message)
            raise
        finally:
            if snap is not None:
                snap.unlink(missing_ok=True)


def _record_failure(db_path: Path, old: OldState, run_id: int, mode: str, started: dt.datetime, trigger: str,
                    message: str) -> None:
    """Publish the live warehouse plus one failed etl_runs row (best effort; never damages it)."""
    tmp = wh.temp_path(db_path)
    try:
        if old.readable:
            shutil.copyfile(db_path, tmp)
            con = wh.open_for_build(tmp)
        else:
            if db_path.exists():
                return  # unreadable live file: leave it for a person to look at
            con = wh.open_for_build(tmp)
            wh.create_schema(con)
        con.execute(
            "INSERT INTO etl_runs VALUES (?, ?, ?, 'failed', ?, ?, 0, 0, 0, 0, "
            "(SELECT count(*) FROM quarantine), 0, NULL, ?, '', ?, ?)",
            [run_id, started, _now(), mode, trigger, wh.schema_hash(), message[:2000], __version__])
        con.execute("CHECKPOINT")
        con.close()
        wh.publish(tmp, db_path)
    except Exception as exc:
        log.error("could not record the failed run: %s", exc)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _build(seeds: Path, db_path: Path, old: OldState, run_id: int, mode: str, started: dt.datetime, t0: float,
           concepts: list[Concept], bh: str, trigger: str, sources: str | None,
           workers: int, max_bytes: int, progress: Callable[[int, int], None] | None,
           hold: frozenset[str] = frozenset(), snapshot: Path | None = None,
           engine: str = "local", scheduler: str | None = None) -> RunResult:
    files = discover(seeds)
    res = RunResult(run_id, "success", mode, files_seen=len(files))
    prior = old.files if mode == "incremental" else {}
    current = {f.rel for f in files}
    removed = sorted(set(prior) - current)

    jobs: list[tuple[str, str, str | None]] = []
    unchanged_stat: list[SeedFile] = []
    errors: list[SeedFile] = []
    held = [f.rel for f in files if f.rel in hold]
    for f in files:
        if f.rel in hold:
            continue
        if f.error:
            errors.append(f)
            continue
        p = prior.get(f.rel)
        if p is not None and p[0] == f.size and p[1] == f.mtime_ns:
            unchanged_stat.append(f)
        else:
            jobs.append((f.rel, str(f.path), p[2] if p else None))

    tmp = wh.temp_path(db_path)
    if mode == "incremental":
        if snapshot is not None:
            os.replace(snapshot, tmp)     # the copy run_etl read the old state from
        else:
            shutil.copyfile(db_path, tmp)
        con = wh.open_for_build(tmp)
    else:
        con = wh.open_for_build(tmp)
        wh.create_schema(con)
        if old.readable:
            _copy_history(con, snapshot or db_path)
    try:
        now = _now()
        if mode == "full":  # an unchanged build hash means the lexicon in the file is current
            con.execute("DELETE FROM diseases")
            _insert(con, "diseases", _lexicon_rows(concepts))
        _delete_articles(con, [article_id_for(r) for r in removed])
        if removed:
            con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT unnest(?))", [removed])
            con.execute("DELETE FROM source_files WHERE source_path IN (SELECT unnest(?))", [removed])
        res.files_removed = sum(1 for r in removed if prior[r][3] == "loaded")

        source_rows: list[dict] = []
        quarantine_rows: list[dict] = []
        n_workers = workers or (os.cpu_count() or 1)
        batch: dict[str, list[dict]] = {t: [] for t in ARTICLE_TABLES}
        batch_ids: list[str] = []
        parts: list[dict[str, pa.Table]] = []   # Arrow rows sent by workers (etl/load/parts.py)
        loaded_ids: list[str] = []
        done = 0
        fresh = mode == "full"   # a new file: nothing to delete; summaries built once at the end

        def flush() -> None:
            if not fresh:
                _delete_articles(con, batch_ids)
            sent = concat_parts(parts)
            for t in ARTICLE_TABLES:
                _insert(con, t, batch[t])
                batch[t].clear()
                if t in sent:
                    insert_arrow(con, t, sent[t])
            parts.clear()
            if fresh:
                loaded_ids.extend(batch_ids)
            else:
                _summarise(con, batch_ids)
            batch_ids.clear()

        requeue: list[str] = list(held)
        for out in _results(jobs, n_workers, sources, max_bytes, engine, scheduler, run_id):
            done += 1
            if progress:
                progress(done, len(jobs))
            tag, rel = out[0], out[1]
            if tag == "parsed":
                _, _, size, mtime, doc = out
                if isinstance(doc, RowsPart):
                    if doc.tables:
                        parts.append(doc.tables)
                else:
                    for t, rows in doc_rows(doc, run_id).items():
                        batch[t].extend(rows)
                batch_ids.append(doc.article_id)
                source_rows.append({"source_path": rel, "file_bytes": size, "mtime_ns": mtime,
                                    "content_sha256": doc.content_sha256, "status": "loaded"})
                res.files_loaded += 1
                res.input_bytes += size
                if len(batch_ids) >= BATCH:
                    flush()
            elif tag == "unchanged":
                _, _, size, mtime, sha = out
                source_rows.append({"source_path": rel, "file_bytes": size, "mtime_ns": mtime,
                                    "content_sha256": sha, "status": prior[rel][3]})
                res.files_unchanged += 1
            elif tag == "rejected":
                _, _, sha, size, mtime, reason, detail = out
                quarantine_rows.append({"source_path": rel, "content_sha256": sha, "reason": reason,
                                        "detail": detail, "seen_at": now, "run_id": run_id})
                source_rows.append({"source_path": rel, "file_bytes": size or 0, "mtime_ns": mtime or 0,
                                    "content_sha256": sha or "", "status": "quarantined"})
                batch_ids.append(article_id_for(rel))  # a file that turned bad loses its old rows
                res.quarantined_now.append((rel, reason, detail))
                res.input_bytes += size or 0
            elif tag == "unstable":
                requeue.append(rel)
            elif tag == "gone":
                removed.append(rel)
                batch_ids.append(article_id_for(rel))
                if rel in prior and prior[rel][3] == "loaded":
                    res.files_removed += 1
        flush()
        # In slices: one pass over 100,000 articles ran out of the writer's capped memory
        # (warehouse/db.py BUILD_MEMORY_LIMIT) in the summaries' joins.
        for i in range(0, len(loaded_ids), SUMMARY_SLICE):
            _summarise(con, loaded_ids[i:i + SUMMARY_SLICE])
        # A file that was loaded and can no longer be opened (now a FIFO, a link loop, a broken
        # link) must lose its article rows, or it sits in articles and in quarantine at once
        # (tests/reliability/test_hostile_files.py::test_a_loaded_file_that_becomes_unreadable_leaves_articles).
        _delete_articles(con, [article_id_for(f.rel) for f in errors])
        for f in errors:
            reason, detail = f.error  # type: ignore[misc]
            quarantine_rows.append({"source_path": f.rel, "content_sha256": None, "reason": reason,
                                    "detail": detail, "seen_at": now, "run_id": run_id})
            source_rows.append({"source_path": f.rel, "file_bytes": f.size or 0, "mtime_ns": f.mtime_ns or 0,
                                "content_sha256": "", "status": "quarantined"})
            res.quarantined_now.append((f.rel, reason, detail))
        gone = [r for r in removed if r in prior or r in current]
        if gone:
            con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT unnest(?))", [gone])
            con.execute("DELETE FROM source_files WHERE source_path IN (SELECT unnest(?))", [gone])
        for rel in requeue:
            # Changed while we read it: keep the previous version (if any) and retry next run.
            if rel not in prior:
                quarantine_rows.append({"source_path": rel, "content_sha256": None, "reason": "unstable",
                                        "detail": "the file changed while it was being read; it will be read again on the next run",
                                        "seen_at": now, "run_id": run_id})
                source_rows.append({"source_path": rel, "file_bytes": 0, "mtime_ns": 0, "content_sha256": "",
                                    "status": "quarantined"})
                res.quarantined_now.append((rel, "unstable", "changed while being read"))
            else:
                res.files_unchanged += 1
        res.files_unchanged += len(unchanged_stat)
        touched = [r["source_path"] for r in source_rows]
        if touched:
            con.execute("DELETE FROM source_files WHERE source_path IN (SELECT unnest(?))", [touched])
            loaded_now = [r["source_path"] for r in source_rows if r["status"] == "loaded"]
            if loaded_now:
                con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT unnest(?))", [loaded_now])
            q_paths = [r["source_path"] for r in quarantine_rows]
            if q_paths:
                con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT unnest(?))", [q_paths])
            _insert(con, "source_files", source_rows)
            _insert(con, "quarantine", quarantine_rows)

        con.execute("DELETE FROM lexicon_candidates")
        con.execute("""
            INSERT INTO lexicon_candidates
            SELECT term, sum(occurrences), count(*), arg_min(example_sentence, article_id), min(article_id)
            FROM candidate_terms GROUP BY term""")
        wh.rebuild_rollups(con)
        res.files_quarantined = con.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        newest = max((f.mtime_ns for f in files if f.mtime_ns), default=None)
        newest_ts = dt.datetime.fromtimestamp(newest / 1e9, dt.UTC).replace(tzinfo=None) if newest else None
        res.seconds = time.perf_counter() - t0
        res.message = _summary(res)
        con.execute(
            "INSERT INTO etl_runs VALUES (?, ?, ?, 'success', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, started, _now(), mode, trigger, res.files_seen, res.files_loaded, res.files_unchanged,
             res.files_removed, res.files_quarantined, res.input_bytes, newest_ts, wh.schema_hash(), bh,
             res.message, __version__])
        con.execute("CHECKPOINT")
        con.close()
    except BaseException:
        with contextlib.suppress(Exception):
            con.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    wh.publish(tmp, db_path)
    res.published = True
    res.seconds = time.perf_counter() - t0
    return res


def _copy_history(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Keep etl_runs across a full rebuild (columns matched by name)."""
    try:
        # Quote the path as an SQL string: a "'" in it used to lose the whole run history
        # (tests/reliability/test_hostile_files.py::test_warehouse_path_with_quote_and_space_keeps_history).
        quoted = db_path.as_posix().replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS old_wh (READ_ONLY)")
        try:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'old_wh' AND table_name = 'etl_runs'").fetchall()]
            mine = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND table_name = 'etl_runs'").fetchall()]
            common = [c for c in mine if c in cols]
            if common and set(mine) - set(common) <= {"trigger_kind", "input_bytes", "seeds_newest_mtime", "build_hash"}:
                col_list = ", ".join(common)
                con.execute(f"INSERT INTO etl_runs ({col_list}) SELECT {col_list} FROM old_wh.etl_runs")
        finally:
            con.execute("DETACH old_wh")
    except duckdb.Error as exc:
        log.warning("could not carry over run history: %s", exc)


def _summary(res: RunResult) -> str:
    return (f"{res.files_loaded} loaded, {res.files_unchanged} unchanged, {res.files_removed} removed, "
            f"{len(res.quarantined_now)} quarantined this run ({res.files_quarantined} in quarantine) "
            f"of {res.files_seen} files")
