"""Read and parse one file, and the local process pool that maps that over the jobs.

:func:`process_file` is the seam for engines: a plain function of (path, previous hash,
size limit) returning a picklable :data:`Outcome`, with the rules, lexicon and triggers
loaded once per process. The local engine runs it in this process or a ``spawn`` pool;
another engine (etl/load/engines.py) may map the same function over a cluster.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from etl import errors
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.load.plan import Job
from etl.parse import ParsedDocument, parse_document

PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class Parsed:
    rel: str
    size: int
    mtime_ns: int
    doc: ParsedDocument


@dataclass(frozen=True)
class Unchanged:
    """Read, but the bytes hash as before: nothing to extract."""

    rel: str
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class Rejected:
    """Cannot be loaded: quarantined with a reason a person understands."""

    rel: str
    sha256: str | None
    size: int
    mtime_ns: int
    reason: str
    detail: str


@dataclass(frozen=True)
class Unstable:
    """Changed while it was read: the previous version is kept and it is read again next run."""

    rel: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Gone:
    """Deleted between discovery and reading."""

    rel: str


Outcome = Parsed | Unchanged | Rejected | Unstable | Gone

_KNOWLEDGE: dict[str, object] = {}


def init_knowledge(sources: str | None) -> None:
    """Load the rules, lexicon and triggers once per process (workers call this at start)."""
    if _KNOWLEDGE.get("sources", object()) == sources and "rules" in _KNOWLEDGE:
        return
    _KNOWLEDGE["rules"] = load_rules(sources)
    _KNOWLEDGE["lexicon"] = load_lexicon()
    _KNOWLEDGE["triggers"] = load_triggers()
    _KNOWLEDGE["sources"] = sources


def _init_pool_worker(sources: str | None) -> None:
    """A worker process exits when the run that started it dies.

    ProcessPoolExecutor workers hold both ends of their task pipe, so when the ETL was
    killed (SIGKILL, OOM killer) they blocked on it forever, each holding the lexicon in
    memory (tests/reliability/test_crash_safety.py).
    """
    # The pid recorded at spawn, not getppid() now: the run may already be dead.
    spawner = multiprocessing.parent_process()
    parent = spawner.pid if spawner is not None and spawner.pid else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="stemwatch-parent-watch", daemon=True).start()
    init_knowledge(sources)


def process_file(rel: str, path: str, old_sha: str | None, max_bytes: int) -> Outcome:
    """Read one file and parse it unless its content is unchanged. Never raises for a bad file."""
    try:
        before = os.stat(path)
        if before.st_size > max_bytes:
            return Rejected(rel, None, before.st_size, before.st_mtime_ns, "too_large",
                             f"{before.st_size / 2**20:.1f} MiB is over the {max_bytes / 2**20:.0f} MiB limit (STEMWATCH_MAX_FILE_MB)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
        after = os.stat(path)
    except FileNotFoundError:
        return Gone(rel)
    except OSError as exc:
        return Rejected(rel, None, 0, 0, "unreadable", f"cannot read: {exc.strerror or exc}")
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        return Unstable(rel, before.st_size, before.st_mtime_ns)
    sha = hashlib.sha256(data).hexdigest()
    if old_sha is not None and sha == old_sha:
        return Unchanged(rel, after.st_size, after.st_mtime_ns, sha)

    def rejected(reason: str, detail: str) -> Rejected:
        return Rejected(rel, sha, after.st_size, after.st_mtime_ns, reason, detail)

    if "rules" not in _KNOWLEDGE:
        init_knowledge(None)
    try:
        doc = parse_document(rel, data, _KNOWLEDGE["rules"], _KNOWLEDGE["lexicon"], _KNOWLEDGE["triggers"])  # type: ignore[arg-type]
    except errors.Rejected as rj:
        return rejected(rj.reason, rj.detail)
    except RecursionError:
        return rejected("parse_error", "structure nested too deeply to parse")
    except MemoryError:
        return rejected("parse_error", "ran out of memory while parsing")
    except Exception as exc:  # a bug must not lose the batch: quarantine with the error
        return rejected("parse_error", f"{type(exc).__name__}: {exc}"[:500])
    return Parsed(rel, after.st_size, after.st_mtime_ns, doc)


def _process_job(job: Job, max_bytes: int) -> Outcome:
    return process_file(job.rel, job.path, job.old_sha, max_bytes)


class Engine(Protocol):
    """Maps :func:`process_file` over jobs; outcomes may come back in any order."""

    def outcomes(self, jobs: Sequence[Job], max_bytes: int, sources: str | None) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class LocalEngine:
    """This process for a few files, a ``spawn`` process pool of ``workers`` for many."""

    workers: int = 0

    def outcomes(self, jobs: Sequence[Job], max_bytes: int, sources: str | None) -> Iterator[Outcome]:
        if not jobs:
            return
        workers = self.workers or (os.cpu_count() or 1)
        if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
            _KNOWLEDGE.clear()
            init_knowledge(sources)
            for job in jobs:
                yield _process_job(job, max_bytes)
            return
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_pool_worker,
                                    initargs=(sources,)) as pool:
            chunk = max(1, min(64, len(jobs) // (workers * 8) or 1))
            yield from pool.map(_process_job, jobs, [max_bytes] * len(jobs), chunksize=chunk)


def run_jobs(jobs: Sequence[Job], engine: Engine, max_bytes: int, sources: str | None) -> Iterator[Outcome]:
    """The outcomes of ``jobs`` on ``engine`` (the run consumes them as they arrive)."""
    return engine.outcomes(jobs, max_bytes, sources)
