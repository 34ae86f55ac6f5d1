"""The run: plan, work, apply, publish. The only code that writes a warehouse.

1. plan (etl/load/plan.py, pure): which files to read, skip, quarantine or forget, and which
   stages must run over every stored article because their code or knowledge changed;
2. work (etl/load/workers.py, etl/load/engines.py): read and parse the files on an engine (this
   process, a local process pool or a Dask cluster);
3. apply (etl/load/write.py, etl/load/ledger.py, etl/load/restage.py): write rows to the next
   warehouse, built beside the live one (etl/load/publish.py);
4. publish: swap it in atomically. The live file is never opened for writing.

An incremental run changes only the rows of the files that changed, and records their keys in
its etl_runs row (etl/load/delta.py): the next run replays them onto the previous generation, and
the rollups are recomputed only for the terms and concepts of those articles. Each phase's wall
and CPU seconds are in ``RunResult.timings`` and ``RunResult.cpu_timings`` (benchmarks/bench_refresh.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import logging
import shutil
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from etl import PARSER_VERSION, __version__
from etl.errors import StemwatchError
from etl.knowledge import lexicon as lexmod
from etl.knowledge.annotation import knowledge_fingerprint, load_annotation_knowledge
from etl.knowledge.rules import Rules, load_rules, sources_file, unreadable_sources
from etl.knowledge.vocabulary import load_vocabulary
from etl.load import publish, restage
from etl.load.clock import Clock
from etl.load.delta import Changes, nothing_changed
from etl.load.discover import discover
from etl.load.engines import PARALLEL_THRESHOLD, Engine, make_engine, run_jobs
from etl.load.ledger import Ledger, RunCounts, RunRecord, now, write_run
from etl.load.manifest import Manifest, is_manifest, read_manifest
from etl.load.parts import concat_parts, insert_arrow, release_arrow_memory
from etl.load.plan import FilePlan, Fingerprints, Stages, mass_delete, plan_files, plan_stages
from etl.load.publish import Build, OldState, read_old_state
from etl.load.rows import doc_rows
from etl.load.workers import Gone, Parsed, Rejected, Unchanged, Unstable
from etl.load.write import (
    ARTICLE_TABLES,
    delete_articles,
    insert_rows,
    replace_lexicon,
    stored_concepts,
    summarise,
)
from etl.parse import article_id_for
from warehouse import db as wh

log = logging.getLogger("stemwatch.etl")

BATCH = 500

__all__ = ["PARALLEL_THRESHOLD", "MassDeleteRefused", "OldState", "RunResult", "build_hash", "fingerprints", "read_old_state", "run_etl"]


class MassDeleteRefused(StemwatchError):
    """The run would remove most of the warehouse (an unmounted or emptied seeds folder?)."""


class WarehouseInSeeds(StemwatchError):
    """The warehouse file lies inside the seeds folder: every run would read its own files as seeds."""


@dataclass(kw_only=True)
class RunResult(RunCounts):
    """What the caller learns about a run (the CLI and the scheduler print it)."""

    run_id: int
    status: str
    mode: str
    seconds: float = 0.0
    quarantined_now: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason, detail)
    message: str = ""
    published: bool = False
    stages: list[str] = field(default_factory=list)
    stage_reason: str = ""
    built_on: str = ""      # what the next warehouse was built on: fresh, spare, copy or snapshot
    caught_up: str = ""     # how a spare was brought up to date: replay or diff
    timings: dict[str, float] = field(default_factory=dict)       # wall seconds per phase (etl/load/clock.py)
    cpu_timings: dict[str, float] = field(default_factory=dict)   # CPU seconds per phase


# ---------------------------------------------------------------- fingerprints

_PKG = Path(__file__).resolve().parent.parent
# What each stage depends on, as paths under etl/. Anything else under etl/knowledge counts
# for extraction, so a new module or data file re-extracts everything without being listed.
ANNOTATE_PARTS = ("annotate", "knowledge/lexicon.py", "knowledge/data/lexicon", "knowledge/annotation.py",
                  "knowledge/data/rules/claims.yaml", "knowledge/data/rules/credibility.yaml",
                  "knowledge/data/rules/evidence.yaml", "knowledge/data/rules/red_flags.yaml")
EXTRACT_PARTS = ("extract", "knowledge", "parse.py")
# The disease lexicon's concept files: an edit of them alone re-annotates only the articles that
# hold a form of a changed concept (etl/load/restage.py).
LEXICON_PARTS = ("knowledge/data/lexicon/diseases",)


def _files(part: str) -> list[Path]:
    root = _PKG / part
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _digest(paths: list[Path], *extra: str) -> str:
    h = hashlib.sha256()
    for part in extra:
        h.update(part.encode())
    for p in paths:
        h.update(p.relative_to(_PKG).as_posix().encode() if p.is_relative_to(_PKG) else p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def fingerprints(sources_path: str | None = None) -> Fingerprints:
    """Per-stage fingerprints of the code and knowledge the stages run with (``sources_path``:
    the sources file given, else the packaged one). Read from the files' bytes: nothing is compiled."""
    given = sources_file(sources_path)
    sources = given.resolve()
    try:
        sources_digest = _digest([sources])
    except OSError as exc:   # a sources file given that does not exist: the run fails naming it
        raise unreadable_sources(given, exc) from exc
    annotate = {p for part in ANNOTATE_PARTS for p in _files(part)}
    lexicon = {p for part in LEXICON_PARTS for p in _files(part)}
    extract = [p for part in EXTRACT_PARTS for p in _files(part) if p not in annotate and p.resolve() != sources]
    return Fingerprints(
        extract=_digest(sorted(set(extract)), PARSER_VERSION),
        annotate=_digest(sorted(annotate - lexicon), knowledge_fingerprint()),
        lexicon=_digest(sorted(lexicon)),
        sources=sources_digest,
        schema=wh.schema_hash(),
    )


def build_hash(sources_path: str | None = None) -> str:
    """All five fingerprints at once: equal means the same code and knowledge."""
    return _combined(fingerprints(sources_path))


def _combined(fp: Fingerprints) -> str:
    return hashlib.sha256(f"{fp.extract}{fp.annotate}{fp.lexicon}{fp.sources}{fp.schema}".encode()).hexdigest()[:16]


def _old_fingerprints(old: OldState) -> Fingerprints | None:
    last = old.last
    if last is None or not (last.extract_hash and last.annotate_hash and last.lexicon_hash and last.sources_hash
                            and last.schema_hash):
        return None
    return Fingerprints(last.extract_hash, last.annotate_hash, last.lexicon_hash, last.sources_hash, last.schema_hash)


# ---------------------------------------------------------------- the run

def run_etl(seeds: Path, db_path: Path, *, full: bool = False, trigger: str = "cli", sources: str | None = None,
            workers: int = 0, max_file_mb: int = 64,
            progress: Callable[[int, int], None] | None = None, hold: Collection[str] = (),
            wait: bool = True, allow_mass_delete: bool = False, engine: str | Engine = "local",
            scheduler: str | None = None, addresses: Mapping[str, str] | None = None) -> RunResult:
    """Run the ETL once and publish. Raises StemwatchError for problems a person must fix.

    ``hold``: paths the scheduler saw still being written; they are treated like a file that
    changed while being read (previous version kept, or quarantined as unstable) and retried next run.
    ``wait``: wait for another run holding the warehouse (else raise WarehouseBusy at once).
    ``allow_mass_delete``: remove more than half of the articles, or all (else MassDeleteRefused).
    ``engine``/``scheduler``: where files are parsed (etl/load/engines.py: "local", "dask" or an Engine).
    ``addresses``: crawl addresses by page (relative path), read exactly as the folder's manifest
    rows are and winning over them (``stemwatch evaluate`` passes a gold file's urls).
    """
    runner = make_engine(engine, workers, scheduler) if isinstance(engine, str) else engine
    seeds = Path(seeds)
    db_path = Path(db_path)
    if db_path.resolve().is_relative_to(seeds.resolve()):
        raise WarehouseInSeeds(f"the warehouse {db_path} lies inside the seeds folder {seeds}: each run would read the "
                               "warehouse's own files as seed pages; give --db a path outside it")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with wh.writer_lock(db_path, wait=wait):
        for p in wh.remove_stale_temps(db_path):
            log.info("removed %s left by an interrupted run", p.name)
        started = now()
        t0 = time.perf_counter()
        clock = Clock()
        with clock.phase("read_state"), _no_cycle_collection():
            old = read_old_state(db_path)
        rec = RunRecord(run_id=old.max_run_id + 1, started_at=started, status="failed",
                        mode="full" if full else "incremental", trigger_kind=trigger,
                        schema_hash=wh.schema_hash(), stemwatch_version=__version__)
        try:
            with clock.phase("fingerprints"):
                fp = fingerprints(sources or None)
            stages = plan_stages(_old_fingerprints(old), fp, readable=old.readable, forced_full=full)
            # A malformed lexicon row, rules file or annotation data file fails here, before any
            # work. Files with the fingerprint of the last successful run were valid then: not
            # read again (compiling the rules and the annotation knowledge took ~1 s of a no-op
            # `stemwatch etl`; a run that parses files compiles them where it parses).
            restages = stages.full or stages.reannotate or stages.lexicon
            concepts = lexmod.validate() if restages else []
            rules = load_rules(sources or None) if restages or stages.reclassify else None
            if restages:
                load_annotation_knowledge()
            if stages.full and not full and old.readable and old.build_hash:
                log.info("%s since the last run: rebuilding everything", stages.reason)
            elif stages.reannotate or stages.lexicon or stages.reclassify:
                log.info("%s since the last run: re-running %s over the stored articles", stages.reason,
                         " and ".join(s for s, on in (("annotation", stages.reannotate or stages.lexicon),
                                                      ("classification", stages.reclassify)) if on))
            rec.mode = "full" if stages.full else "incremental"
            rec.extract_hash, rec.annotate_hash, rec.sources_hash = fp.extract, fp.annotate, fp.sources
            rec.lexicon_hash = fp.lexicon
            rec.build_hash = _combined(fp)
            rec.stages, rec.stage_reason = stages.names(), stages.reason
            with clock.phase("discover"), _no_cycle_collection():
                found = discover(seeds)
                manifest = read_manifest(found, addresses, hold=frozenset(hold),
                                         previous={r: p.crawl_url for r, p in old.files.items() if p.crawl_url})
                files = [f for f in found if not is_manifest(f.rel)]
                prior = old.files if not stages.full else {}
                plan = plan_files(files, prior, frozenset(hold), manifest.addresses,
                                  old.last.started_ns if old.last and prior else None)
            emptied = sum(1 for f in files if f.size == 0 and f.rel in old.files and old.files[f.rel].status == "loaded")
            refusal = mass_delete(plan, old.files, len(files), emptied) if old.readable else None
            if refusal and not allow_mass_delete:
                raise MassDeleteRefused(
                    f"refusing to run: {refusal} (is the seeds folder {seeds} mounted and complete?); "
                    "the warehouse is unchanged. Run with --allow-mass-delete if this is intended.")
            res = _apply(seeds, db_path, old, rec, stages, plan, files, concepts, sources, rules,
                         runner, max_file_mb * 2**20, progress, clock, manifest)
            res.seconds = time.perf_counter() - t0
            return res
        except MassDeleteRefused:
            _drop_snapshot(old)
            raise
        except Exception as exc:
            message = str(exc) if isinstance(exc, StemwatchError | FileNotFoundError) else f"{type(exc).__name__}: {exc}"
            log.error("run %s failed: %s", rec.run_id, message)
            _drop_snapshot(old)
            rec.message = message[:2000]
            rec.finished_at = now()
            _record_failure(db_path, old, rec)
            raise
        except BaseException:
            _drop_snapshot(old)
            raise


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a run makes a tuple or two per file.

    Reading source_files and listing the seeds make 100,000+ small tuples at 50,000 files, none
    in a reference cycle; each 700 allocations started a collection that walked the objects made
    so far again (the old state included), so the cost grew faster than the folder: the discover
    phase of a 50,000-file refresh took 0.95 s CPU with the collector and 0.72 s without.
    Reference counting still frees everything at once; the collector runs again afterwards.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _drop_snapshot(old: OldState) -> None:
    if old.snapshot is not None:
        old.snapshot.unlink(missing_ok=True)
        old.snapshot = None


def _record_failure(db_path: Path, old: OldState, rec: RunRecord) -> None:
    """Publish the live warehouse plus one failed etl_runs row (best effort; never damages it).

    The copy gets a name of its own and any WAL beside that name is deleted first: the failure
    copy used to share the build's name, so a build WAL left by a full disk was replayed into
    it ("Duplicate key run_id") and no failed row was written.
    """
    tmp = wh.temp_path(db_path, "failed")
    wal = tmp.with_name(tmp.name + ".wal")
    # What it changes: one etl_runs row on the live state (or everything, in a new file).
    rec.based_on_run_id = old.max_run_id if old.readable else None
    rec.changed = nothing_changed() if old.readable else None
    try:
        for p in (tmp, wal):
            p.unlink(missing_ok=True)
        if old.readable:
            shutil.copyfile(db_path, tmp)
            build = Build(wh.open_for_build(tmp), tmp, "copy")
        else:
            if db_path.exists():
                log.error("the warehouse %s cannot be read; the failed run is not recorded in it", db_path)
                return
            build = Build(wh.open_for_build(tmp), tmp, "fresh")
            wh.create_schema(build.con, load_vocabulary().rows())
        write_run(build.con, rec)
        build.publish(db_path)
    except Exception as exc:
        reason = "the disk is full" if (isinstance(exc, OSError) and exc.errno == 28) or "No space left" in str(exc) \
            else str(exc)
        log.error("could not record the failed run in %s (%s); the previous warehouse is unchanged", db_path, reason)
        for p in (tmp, wal):
            with contextlib.suppress(OSError):
                p.unlink()


def _refresh(stages: Stages) -> bool:
    """A run that re-annotates nothing: it tracks the keys it changes (etl/load/delta.py)."""
    return not (stages.full or stages.reannotate or stages.lexicon or stages.reclassify)


def _small_refresh(stages: Stages, plan: FilePlan) -> bool:
    """A refresh of at most publish.ONE_TRANSACTION files: one transaction, no write-ahead log,
    vacuum off unless it compacts (etl/load/publish.py)."""
    return _refresh(stages) and len(plan.jobs) + len(plan.removed) + len(plan.errors) <= publish.ONE_TRANSACTION


def _apply(seeds: Path, db_path: Path, old: OldState, rec: RunRecord, stages: Stages, plan: FilePlan,
           files: list, concepts: list, sources: str | None, rules: Rules | None, engine: Engine, max_bytes: int,
           progress: Callable[[int, int], None] | None, clock: Clock, manifest: Manifest) -> RunResult:
    """Build the next warehouse from the plan and publish it."""
    res = RunResult(run_id=rec.run_id, status="success", mode=rec.mode, files_seen=len(files), stages=rec.stages,
                    stage_reason=rec.stage_reason or "")
    prior = old.files if not stages.full else {}
    ledger = Ledger(rec.run_id, dict(prior), addresses=manifest.addresses)
    with clock.phase("open_build"):
        if stages.full:
            largest = max((f.size for f in files if f.size and f.size <= max_bytes), default=0)
            build = publish.open_fresh(db_path, old, largest)
        else:
            build = publish.open_incremental(db_path, old, clock, small=_small_refresh(stages, plan))
    con = build.con
    res.built_on, res.caught_up, res.timings, res.cpu_timings = build.base, build.caught_up, clock.wall, clock.cpu
    rec.based_on_run_id = None if stages.full else old.max_run_id
    clock.start("work")
    try:
        old_concepts = stored_concepts(con) if stages.lexicon and not stages.reannotate else []
        if stages.full or stages.reannotate or stages.lexicon:   # else the lexicon in the file is current
            replace_lexicon(con, concepts)
        refresh = _refresh(stages)
        # A refresh of a few files writes in one transaction (~125 statements for one file, else
        # each its own commit; see publish.ONE_TRANSACTION).
        one_transaction = _small_refresh(stages, plan)
        if one_transaction:
            if not publish.compacts(rec.run_id):
                con.execute("SET max_vacuum_tasks = 0")   # the CHECKPOINT writes only new row groups
            con.execute("BEGIN TRANSACTION")
        changes = Changes(con) if refresh else None

        def delete(ids: list[str]) -> None:
            if changes is not None:
                changes.deleting(ids)
            delete_articles(con, ids)

        removed = list(plan.removed)
        delete([article_id_for(r) for r in removed])
        for r in removed:
            ledger.gone(r)
        res.files_removed = sum(1 for r in removed if prior[r].status == "loaded")

        batch: dict[str, list[dict]] = {t: [] for t in ARTICLE_TABLES}
        batch_ids: list[str] = []
        parts: list[dict] = []      # Arrow rows sent by workers (etl/load/parts.py)
        loaded_ids: list[str] = []
        waiting = 0                 # parsed files whose Arrow part has not arrived yet
        done = 0
        fresh = stages.full         # a new file: nothing to delete; summaries built once at the end

        def flush() -> None:
            if not fresh:
                delete(batch_ids)
            for t, rows in batch.items():
                insert_rows(con, t, rows)
                rows.clear()
            for t, table in concat_parts(parts).items():
                insert_arrow(con, t, table)
            parts.clear()
            release_arrow_memory()
            if fresh:
                loaded_ids.extend(batch_ids)
            else:
                summarise(con, batch_ids, replace=False)   # delete() above removed their summary rows
            batch_ids.clear()

        for out in run_jobs(plan.jobs, engine, max_bytes, sources, rec.run_id):
            done += 1
            if progress:
                progress(done, len(plan.jobs))
            if isinstance(out, Parsed):
                if out.doc is not None:
                    for t, rows in doc_rows(out.doc, rec.run_id).items():
                        batch[t].extend(rows)
                elif out.tables is not None:
                    parts.append(out.tables)
                    waiting = 0
                else:
                    waiting += 1
                batch_ids.append(out.article_id)
                ledger.loaded(out.rel, out.size, out.mtime_ns, out.content_sha256)
                res.files_loaded += 1
                res.input_bytes += out.size
                if len(batch_ids) >= BATCH and not waiting:   # a chunk's rows arrive with its last file
                    flush()
            elif isinstance(out, Unchanged):
                ledger.unchanged(out.rel, out.size, out.mtime_ns, out.sha256)
                res.files_unchanged += 1
            elif isinstance(out, Rejected):
                ledger.quarantined(out.rel, out.sha256, out.size, out.mtime_ns, out.reason, out.detail)
                batch_ids.append(article_id_for(out.rel))  # a file that turned bad loses its old rows
                res.input_bytes += out.size or 0
            elif isinstance(out, Unstable):
                res.files_unchanged += ledger.unstable(out.rel)
            elif isinstance(out, Gone):
                ledger.gone(out.rel)
                batch_ids.append(article_id_for(out.rel))
                if out.rel in prior and prior[out.rel].status == "loaded":
                    res.files_removed += 1
        flush()
        # In slices: one pass over 100,000 articles ran out of the writer's capped memory
        # (warehouse/db.py BUILD_MEMORY_LIMIT) in the summaries' joins.
        for i in range(0, len(loaded_ids), wh.SUMMARY_SLICE):
            summarise(con, loaded_ids[i:i + wh.SUMMARY_SLICE], replace=False)   # a new file: none yet
        # A file that was loaded and can no longer be opened (now a FIFO, a link loop, a broken
        # link) must lose its article rows, or it sits in articles and in quarantine at once
        # (tests/reliability/test_hostile_files.py::test_a_loaded_file_that_becomes_unreadable_leaves_articles).
        delete([article_id_for(f.rel) for f in plan.errors])
        for f in plan.errors:
            reason, detail = f.error
            ledger.quarantined(f.rel, None, f.size, f.mtime_ns, reason, detail)
        for rel in plan.held:   # still being written: keep the previous version, retry next run
            res.files_unchanged += ledger.unstable(rel)
        _record_manifests(ledger, manifest, prior)
        res.files_unchanged += len(plan.unchanged)
        clock.stop("work")
        with clock.phase("ledger"):
            ledger.apply(con)
        res.quarantined_now = ledger.quarantined_now

        if stages.reannotate or stages.lexicon or stages.reclassify:
            # As many annotation processes as the engine parses with (0: one per core).
            processes = getattr(engine, "workers", 0)
            assert rules is not None   # loaded in run_etl for these stages
            restage.restage(con, rec.run_id, stages, rules, old_concepts, concepts, clock, processes)
        with clock.phase("rollups"):
            if changes is not None:
                rec.changed = changes.finish(set(ledger.files) | ledger.forget)
            else:
                wh.rebuild_rollups(con)
        res.files_quarantined = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
        newest = max((f.mtime_ns for f in files if f.mtime_ns), default=None)
        res.message = _summary(res)
        rec.status = "success"
        for f in fields(RunCounts):
            setattr(rec, f.name, getattr(res, f.name))
        rec.seeds_newest_mtime = dt.datetime.fromtimestamp(newest / 1e9, dt.UTC).replace(tzinfo=None) if newest else None
        rec.message = res.message
        rec.finished_at = now()
        write_run(con, rec)
        if one_transaction:
            con.execute("COMMIT")
    except BaseException:
        rec.status = "failed"
        build.discard()
        raise
    build.publish(db_path, clock)
    log.debug("run %d phases: %s", rec.run_id, clock.line())
    res.published = True
    return res


def _record_manifests(ledger: Ledger, manifest: Manifest, prior: Mapping) -> None:
    """The manifests in source_files (quarantined while rows were skipped); a deleted one is forgotten."""
    names = {f.rel for f in manifest.files} | set(manifest.held)
    for rel in manifest.held:   # still being written: the previous one stands, read next run
        ledger.unstable(rel)
    for f in manifest.files:
        ledger.manifest(f.rel, f.size, f.mtime_ns, _sha(f.path) if not f.error else None,
                        manifest.detail(f.rel) if f.rel in manifest.problems else None)
        if f.rel in manifest.problems:
            log.warning("manifest %s: %s", f.rel, manifest.detail(f.rel))
    for rel in prior:
        if is_manifest(rel) and rel not in names:
            ledger.gone(rel)


def _sha(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _summary(res: RunResult) -> str:
    extra = f"; {', '.join(s for s in res.stages if s.endswith('_all'))} ({res.stage_reason})" \
        if any(s.endswith("_all") for s in res.stages) else ""
    return (f"{res.files_loaded} loaded, {res.files_unchanged} unchanged, {res.files_removed} removed, "
            f"{len(res.quarantined_now)} quarantined this run ({res.files_quarantined} in quarantine) "
            f"of {res.files_seen} files{extra}")
