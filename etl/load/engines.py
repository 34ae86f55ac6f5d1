"""Engines: where the pure parse stage runs. The single writer (etl/load/run.py) consumes outcomes.

- ``local``: a process pool on this machine (``spawn``), chunks of files per task.
- ``dask``: a Dask map over chunks of file paths on a ``dask.distributed`` cluster (a
  ``LocalCluster`` when no scheduler address is given). Workers need the same seeds folder at
  the same path (a shared file system) and the same stemwatch installed.

Both send back per-file outcome tuples (the ones ``etl.load.run._process`` returns) in job
order, with the parsed documents' rows as Arrow parts (etl/load/parts.py) instead of the
documents, so the writer loads and publishes exactly as in a serial run.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from collections.abc import Iterator, Sequence

ENGINES = ("local", "dask")
Job = tuple[str, str, str | None]   # (relative path, absolute path, previous sha256)
# Files per task: large enough that a task's overhead (pickling, a scheduler round trip) is
# small against parsing ~30 files (~50 ms), small enough to keep every worker busy to the end.
CHUNK = 32
_LOADED: dict[str, object] = {}


def parse_chunk(jobs: Sequence[Job], sources: str | None, max_bytes: int, run_id: int) -> list[tuple]:
    """Read and parse a chunk of files in this worker; parsed documents become one Arrow part.

    Pure apart from reading the files it is given; loads the rules and the lexicon once per
    process (for these ``sources``).
    """
    from etl.load import run as runmod
    from etl.load.parts import RowsPart, build_part

    if _LOADED.get("sources", ...) != sources or not runmod._WORKER:
        runmod._init_worker(sources)
        _release_build_memory()
        _LOADED["sources"] = sources
    outs = [runmod._process(rel, path, old, max_bytes) for rel, path, old in jobs]
    parsed = [i for i, o in enumerate(outs) if o[0] == "parsed"]
    if not parsed:
        return outs
    part = build_part([outs[i][4] for i in parsed], run_id, runmod.doc_rows)
    for i in parsed:
        tag, rel, size, mtime, doc = outs[i]
        outs[i] = (tag, rel, size, mtime, RowsPart(doc.article_id, doc.content_sha256,
                                                   part if i == parsed[-1] else None))
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


def _init_local(sources: str | None) -> None:
    from etl.load.run import _init_pool_worker

    _init_pool_worker(sources)
    _release_build_memory()
    _LOADED["sources"] = sources


def chunks(jobs: Sequence[Job], size: int = CHUNK) -> list[list[Job]]:
    return [list(jobs[i:i + size]) for i in range(0, len(jobs), size)]


def local_outcomes(jobs: Sequence[Job], workers: int, sources: str | None, max_bytes: int,
                   run_id: int) -> Iterator[tuple]:
    """Today's process pool, a chunk of files per task."""
    ctx = multiprocessing.get_context("spawn")
    size = max(1, min(CHUNK, len(jobs) // (workers * 4) or 1))
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_local,
                                initargs=(sources,)) as pool:
        parts = chunks(jobs, size)
        n = len(parts)
        for outs in pool.map(parse_chunk, parts, [sources] * n, [max_bytes] * n, [run_id] * n):
            yield from outs


def dask_outcomes(jobs: Sequence[Job], workers: int, sources: str | None, max_bytes: int, run_id: int,
                  scheduler: str | None = None) -> Iterator[tuple]:
    """A Dask map over chunks of paths; results gathered in job order as they complete."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # an optional extra
        from etl.errors import StemwatchError

        raise StemwatchError("the dask engine needs dask[distributed]: pip install 'stemwatch[dask]'") from exc

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        parts = chunks(jobs)
        futures = client.map(parse_chunk, parts, sources=sources, max_bytes=max_bytes, run_id=run_id,
                             pure=False)
        for fut in futures:   # in order: the writer sees files as a serial run would
            yield from fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def outcomes(engine: str, jobs: Sequence[Job], workers: int, sources: str | None, max_bytes: int,
             run_id: int, scheduler: str | None = None) -> Iterator[tuple]:
    if engine == "dask":
        return dask_outcomes(jobs, workers, sources, max_bytes, run_id, scheduler)
    if engine == "local":
        return local_outcomes(jobs, workers, sources, max_bytes, run_id)
    raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
