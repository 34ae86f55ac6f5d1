"""Read and parse one file into a typed outcome.

:func:`process_file` is the seam for engines: a plain function of (path, previous hash,
size limit) returning a picklable :data:`Outcome`, with the rules, lexicon, triggers and
annotation knowledge loaded once per process. The engines (etl/load/engines.py) map it over
the jobs in this process, a local process pool or a Dask cluster.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass

import pyarrow as pa

from etl import errors
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import ParsedDocument, parse_document


@dataclass(frozen=True)
class Parsed:
    """Parsed: the document itself (in this process), or, from a worker, its rows as Arrow.

    A worker sends the rows of every parsed file of a chunk as one Arrow part (etl/load/parts.py)
    on the chunk's last parsed file (``tables``), ``doc`` None on all of them.
    """

    rel: str
    size: int
    mtime_ns: int
    article_id: str
    content_sha256: str
    doc: ParsedDocument | None = None
    tables: dict[str, pa.Table] | None = None


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
    _KNOWLEDGE["annotation"] = load_annotation_knowledge()
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


def process_file(rel: str, path: str, old_sha: str | None, max_bytes: int, address: str | None = None) -> Outcome:
    """Read one file and parse it unless its content is unchanged. Never raises for a bad file.

    ``address``: where the page was fetched (the manifest), part of the parse input.
    """
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
        doc = parse_document(rel, data, _KNOWLEDGE["rules"], _KNOWLEDGE["lexicon"], _KNOWLEDGE["triggers"],  # type: ignore[arg-type]
                             _KNOWLEDGE["annotation"], address=address)  # type: ignore[arg-type]
    except errors.Rejected as rj:
        return rejected(rj.reason, rj.detail)
    except RecursionError:
        return rejected("parse_error", "structure nested too deeply to parse")
    except MemoryError:
        return rejected("parse_error", "ran out of memory while parsing")
    except Exception as exc:  # a bug must not lose the batch: quarantine with the error
        return rejected("parse_error", f"{type(exc).__name__}: {exc}"[:500])
    return Parsed(rel, after.st_size, after.st_mtime_ns, doc.article_id, doc.content_sha256, doc)
