"""Engines: where the pure parse stage runs. The single writer (etl/load/run.py) consumes outcomes.

One seam: an :class:`Engine` maps :func:`etl.load.workers.process_file` over the jobs and yields
its typed outcomes (Parsed, Unchanged, Rejected, Unstable, Gone) in job order.

- ``local`` (:class:`LocalEngine`): this process for a few files, else a ``spawn`` process pool
  on this machine, a chunk of files per task.
- ``dask`` (:class:`DaskEngine`): a Dask map over chunks of file paths on a ``dask.distributed``
  cluster (a ``LocalCluster`` when no scheduler address is given). Workers need the same seeds
  folder at the same path (a shared file system) and the same stemwatch installed.

A worker sends the parsed documents of a chunk back as one Arrow part (etl/load/parts.py) on a
``Parsed`` outcome instead of the documents, so the writer only concatenates and inserts.
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib.abc
import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from etl.load import workers
from etl.load.parts import build_part
from etl.load.plan import Job
from etl.load.rows import doc_rows
from etl.load.workers import Outcome, Parsed

ENGINES = ("local", "dask")
PARALLEL_THRESHOLD = 64   # fewer jobs than this are parsed in this process by the local engine
# Files per task: large enough that a task's overhead (pickling, a scheduler round trip) is
# small against parsing ~30 files (~50 ms), small enough to keep every worker busy to the end.
CHUNK = 32
# Chunks submitted ahead per worker. Submitting every chunk at once (Executor.map, Client.map)
# let finished parts pile up in the writer whenever it fell behind the workers (its memory grew
# with the corpus); a few per worker keep every worker busy and bound what waits for the writer.
AHEAD = 2


def parse_chunk(jobs: Sequence[Job], sources: str | None, max_bytes: int, run_id: int) -> list[Outcome]:
    """Read and parse a chunk of files in this worker; parsed documents become one Arrow part.

    Pure apart from reading the files it is given; loads the knowledge once per process (for
    these ``sources``).
    """
    if workers._KNOWLEDGE.get("sources", ...) != sources or "rules" not in workers._KNOWLEDGE:
        workers.init_knowledge(sources)
        _release_build_memory()
    outs = [workers.process_file(j.rel, j.path, j.old_sha, max_bytes, j.address) for j in jobs]
    parsed = [i for i, o in enumerate(outs) if isinstance(o, Parsed)]
    if not parsed:
        return outs
    part = build_part([outs[i].doc for i in parsed], run_id, doc_rows)  # type: ignore[union-attr]
    for i in parsed:
        outs[i] = replace(outs[i], doc=None, tables=part if i == parsed[-1] else None)  # type: ignore[type-var]
    return outs


def _release_build_memory() -> None:
    """Drop what only building the lexicon needed (OpenCC's dictionaries, ~45 MB per worker).

    Freed C++ memory stays in the process unless glibc is asked to return it (malloc_trim):
    measured 204 -> 160 MB of RSS per worker.
    """
    import ctypes
    import gc

    from etl.knowledge import lexicon

    lexicon._converters.cache_clear()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is simply kept
        pass


def init_pool_worker(sources: str | None) -> None:
    """Initializer of a local pool process (parsing files, or re-annotating stored articles)."""
    _keep_pandas_out()
    workers._init_pool_worker(sources)
    _release_build_memory()


class _NoPandas(importlib.abc.MetaPathFinder):
    """Refuses to import pandas (ModuleNotFoundError, as if it were not installed)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"{name} is not imported in a stemwatch pool process", name=name)


def _keep_pandas_out() -> None:
    """Keep pandas out of this pool process; nothing a worker runs uses it.

    pyarrow imports pandas, when it is installed (Streamlit needs it), the first time it builds
    an array from a Python list, only to ask whether the list is a pandas Series; that import
    cost ~50 MB of RSS in each worker (tests/test_memory_bounds.py). Told pandas is missing, pyarrow
    builds the same arrays without it. A worker that already has pandas keeps it.
    """
    if not any(isinstance(f, _NoPandas) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoPandas())


def chunks(jobs: Sequence[Job], size: int = CHUNK) -> list[list[Job]]:
    return [list(jobs[i:i + size]) for i in range(0, len(jobs), size)]


def bounded_map(submit: Callable[[list[Job]], object], result: Callable[[object], list[Outcome]],
                parts: Iterable[list[Job]], window: int) -> Iterator[Outcome]:
    """The outcomes of every part in order, with at most ``window`` parts submitted and not yet consumed.

    Backpressure: a part is submitted only when the writer has taken an earlier one, so a slow
    writer holds ``window`` parts at most, never the whole corpus's. ``submit`` returns a handle
    (a future) and ``result`` waits for it.
    """
    it = iter(parts)
    pending = deque(submit(p) for p in itertools.islice(it, max(1, window)))
    while pending:
        handle = pending.popleft()
        outs = result(handle)
        nxt = next(it, None)
        if nxt is not None:      # keep the workers busy while the writer takes these outcomes
            pending.append(submit(nxt))
        yield from outs


class Engine(Protocol):
    """Maps :func:`etl.load.workers.process_file` over jobs; outcomes come back in job order."""

    def outcomes(self, jobs: Sequence[Job], max_bytes: int, sources: str | None, run_id: int) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class LocalEngine:
    """This process for a few files (documents, no Arrow), a ``spawn`` process pool for many."""

    workers: int = 0

    def outcomes(self, jobs: Sequence[Job], max_bytes: int, sources: str | None, run_id: int) -> Iterator[Outcome]:
        if not jobs:
            return
        n = self.workers or (os.cpu_count() or 1)
        if n <= 1 or len(jobs) < PARALLEL_THRESHOLD:
            workers._KNOWLEDGE.clear()
            workers.init_knowledge(sources)
            for job in jobs:
                yield workers.process_file(job.rel, job.path, job.old_sha, max_bytes, job.address)
            return
        ctx = multiprocessing.get_context("spawn")
        size = max(1, min(CHUNK, len(jobs) // (n * 4) or 1))
        pool = cf.ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=init_pool_worker, initargs=(sources,))
        try:
            yield from bounded_map(lambda part: pool.submit(parse_chunk, part, sources, max_bytes, run_id),
                                   lambda fut: fut.result(),  # type: ignore[attr-defined]
                                   chunks(jobs, size), AHEAD * n)
        finally:   # a writer that stopped early does not wait for the parts submitted ahead
            pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class DaskEngine:
    """A Dask map over chunks of paths; results gathered in job order as they complete."""

    workers: int = 0
    scheduler: str | None = None

    def outcomes(self, jobs: Sequence[Job], max_bytes: int, sources: str | None, run_id: int) -> Iterator[Outcome]:
        if not jobs:
            return
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # an optional extra
            from etl.errors import StemwatchError

            raise StemwatchError("the dask engine needs dask[distributed]: pip install 'stemwatch[dask]'") from exc

        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
        def result(fut: object) -> list[Outcome]:
            outs = fut.result()   # type: ignore[attr-defined]
            fut.release()         # type: ignore[attr-defined]
            return outs

        try:
            slots = sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()) \
                or self.workers or os.cpu_count() or 1
            # In order (the writer sees files as a serial run would), a bounded number ahead.
            yield from bounded_map(lambda part: client.submit(parse_chunk, part, sources=sources, max_bytes=max_bytes,
                                                              run_id=run_id, pure=False),
                                   result, chunks(jobs), AHEAD * slots)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_engine(name: str, workers: int = 0, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (``--engine``); ValueError for an unknown name."""
    if name == "local":
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(workers, scheduler)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def run_jobs(jobs: Sequence[Job], engine: Engine, max_bytes: int, sources: str | None,
             run_id: int = 0) -> Iterator[Outcome]:
    """The outcomes of ``jobs`` on ``engine`` (the run consumes them as they arrive)."""
    return engine.outcomes(jobs, max_bytes, sources, run_id)
