"""Read-only DuckDB connections for the dashboard, and the SQL console sandbox.

Every dashboard connection is a private in-memory DuckDB instance that ATTACHes the
published warehouse READ_ONLY, makes it the default catalog and detaches the in-memory
one, then turns external access off. Attaching (rather than ``duckdb.connect(path)``)
matters twice: DuckDB's per-path instance cache would hand a new connection the instance
of a file the ETL has since replaced, and it refuses a second connection with a different
configuration than one already open in the process (e.g. a test's own connection).

Three layers keep the console harmless:

1. The statement type (warehouse/statements.py, shared with `stemwatch sql`): one SELECT,
   PIVOT or EXPLAIN of one, parsed by DuckDB's parser before anything runs.
2. The engine. Read-only warehouse, nothing else attached, external access, extension
   autoload/autoinstall and community extensions off, memory/thread limits and
   ``max_execution_time``; the console then sets ``lock_configuration`` so no statement
   can loosen them. This alone stops ``COPY``, ``ATTACH``, ``INSTALL``/``LOAD``,
   ``read_csv('/etc/passwd')``, http URLs and writes to the warehouse.
3. The process. The engine's limits do not hold for everything: ``repeat('x', 10^9)``
   allocates outside the buffer manager and never checks for interruption (14 s, 2.25 GB in
   the dashboard's own process). So each query runs in a child process
   (dashboard/console_worker.py) with an address-space cap, killed when the time limit
   has passed, and a cap on the size of the result it may send back.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from warehouse.db import WarehouseMissing, open_with_retry
from warehouse.statements import Refused, check_statement

if TYPE_CHECKING:
    import pandas as pd

MAX_EXECUTION_MS = 5_000
MEMORY_LIMIT = "1GB"
CATALOG = "warehouse"
# The child's whole address space: the engine's MEMORY_LIMIT plus Python, DuckDB, Arrow and
# thread stacks (about 1.1 GB of mappings before the first query).
CHILD_ADDRESS_SPACE = int(2.5 * 2**30)
KILL_GRACE_S = 0.5            # after the time limit, before the child is killed
STARTUP_TIMEOUT_S = 30.0      # imports and opening the warehouse, on a busy machine
MAX_RESULT_BYTES = 32 * 2**20  # Arrow bytes a result may have; more is refused, not drawn

# Set when the instance is created; enable_external_access goes off after the ATTACH.
READ_CONFIG: dict[str, object] = {
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": MEMORY_LIMIT,
    "threads": 2,
    "max_execution_time": MAX_EXECUTION_MS,
    "temp_directory": "",  # never spill to disk
}

DEFAULT_ROW_LIMIT = 1_000
MAX_ROW_LIMIT = 10_000

ConsoleRefused = Refused   # one class: the statement check's refusals and the console's are caught alike


class ConsoleLimit(Refused):
    """The query was stopped by one of the console's limits: ``limit`` is time, memory or result."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame
    truncated: bool
    elapsed_ms: float
    statement_type: str


def open_read_only(db: str | os.PathLike[str], retries: int = 20) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse with the dashboard's engine limits
    (retried like every read-only open: warehouse.db.open_with_retry)."""

    def attach(path: Path) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:", config=READ_CONFIG)
        try:
            con.execute(f"ATTACH ? AS {CATALOG} (READ_ONLY)", [str(path)])
            con.execute(f"USE {CATALOG}")
            con.execute("DETACH memory")
            con.execute("SET enable_external_access = false")
            return con
        except BaseException:
            con.close()
            raise

    return open_with_retry(db, attach, retries)


def open_sandbox(db: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection whose limits cannot be changed by what runs on it."""
    con = open_read_only(db)
    try:
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def run_console_query(db: str | Path, sql: str, limit: int = DEFAULT_ROW_LIMIT) -> ConsoleResult:
    """Run one user query in the sandbox, in a child process, and return at most ``limit`` rows.

    Raises ConsoleRefused (with a message for the user) for anything it will not run and for
    engine refusals (file or network access); ConsoleLimit when the time, memory or result
    size limit stopped it; the duckdb error of an ordinary mistake (a missing column).
    """
    limit = max(1, min(int(limit), MAX_ROW_LIMIT))
    kind = check_statement(sql)           # parse only: refusals need no child
    if not Path(db).exists():
        raise WarehouseMissing(f"no warehouse at {db}: run `stemwatch etl` first")
    header, body = _in_child(str(db), sql, limit)
    if header.get("ok"):
        import pyarrow as pa

        frame = pa.ipc.open_stream(body).read_all().to_pandas()
        return ConsoleResult(frame.head(limit), len(frame) > limit, float(header["elapsed_ms"]), header.get("kind", kind))
    raise _error(header)


def limit_message(limit: str) -> str:
    """What the user reads when a limit stopped the query."""
    if limit == "time":
        return f"Stopped: the query ran longer than the {MAX_EXECUTION_MS / 1000:g} s time limit. Add a filter or a LIMIT."
    if limit == "memory":
        return f"Stopped: the query needed more than the {MEMORY_LIMIT} memory limit. Aggregate or add a LIMIT."
    return (f"Stopped: the result is larger than the {MAX_RESULT_BYTES / 2**20:g} MB result limit. "
            "Select fewer or shorter columns (e.g. left(main_text, 200)) or fewer rows.")


def _error(header: dict) -> Exception:
    message = str(header.get("message", ""))
    if header.get("refused"):
        return Refused(message)
    if header.get("limit"):
        return ConsoleLimit(str(header["limit"]), limit_message(str(header["limit"])))
    name = str(header.get("error_type", "Error"))
    line = message.splitlines()[0] if message else name
    if name == "PermissionException":
        return Refused("Refused: the console cannot read files or reach the network "
                       "(read_csv, read_parquet, read_text, glob, http/s3 URLs, ATTACH, COPY). "
                       f"Query the warehouse tables and views instead. [{line}]")
    if name == "InvalidInputException" and ("read-only" in message or "configuration has been locked" in message):
        return Refused(f"Refused: the console is read-only. [{line}]")
    if "Out of Memory" in message:
        return ConsoleLimit("memory", limit_message("memory"))
    cls = getattr(duckdb, name, None)
    if not (isinstance(cls, type) and issubclass(cls, duckdb.Error)):
        cls = duckdb.Error
    return cls(message)


_SPARE: subprocess.Popen | None = None
_SPARE_LOCK = threading.Lock()


def _spawn() -> subprocess.Popen:
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(root), *filter(None, [env.get("PYTHONPATH")])])
    cpu = int(2 * MAX_EXECUTION_MS / 1000 + STARTUP_TIMEOUT_S)
    return subprocess.Popen([sys.executable, "-m", "dashboard.console_worker", str(CHILD_ADDRESS_SPACE), str(cpu)],
                            cwd=str(root), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def prewarm() -> None:
    """Start the reserve worker now (the console page calls this), so the first query is quick."""
    global _SPARE
    with _SPARE_LOCK:
        if _SPARE is not None and _SPARE.poll() is None:
            return
        _SPARE = _spawn()


def _take_worker() -> subprocess.Popen:
    """The warm worker kept in reserve (or a new one), and another started in reserve."""
    global _SPARE
    with _SPARE_LOCK:
        proc, _SPARE = _SPARE, None
    if proc is None or proc.poll() is not None:
        proc = _spawn()

    def refill() -> None:
        global _SPARE
        spare = _spawn()
        with _SPARE_LOCK:
            if _SPARE is None:
                _SPARE = spare
                return
        spare.kill()
        spare.wait()

    threading.Thread(target=refill, name="stemwatch-console-spare", daemon=True).start()
    return proc


def _in_child(db: str, sql: str, limit: int) -> tuple[dict, bytes]:
    """Run the query in a dashboard/console_worker.py process; kill it when the time limit has passed."""
    request = {"db": db, "sql": sql, "limit": limit, "max_bytes": MAX_RESULT_BYTES}
    proc = _take_worker()
    ready = threading.Event()
    chunks: list[bytes] = []
    errors: list[bytes] = []

    def read_out() -> None:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first == b"ready\n":
            ready.set()
        else:
            chunks.append(first)
        chunks.append(proc.stdout.read(MAX_RESULT_BYTES * 2 + 2**20))   # never more than the cap allows
        ready.set()

    def read_err() -> None:
        assert proc.stderr is not None
        errors.append(proc.stderr.read()[-4000:])

    readers = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
    try:
        for t in readers:
            t.start()
        if not ready.wait(STARTUP_TIMEOUT_S):
            raise RuntimeError(f"the console worker did not start within {STARTUP_TIMEOUT_S:g} s")
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):   # the query clock starts here
            proc.stdin.write(json.dumps(request).encode("utf-8"))
            proc.stdin.close()
        readers[0].join(MAX_EXECUTION_MS / 1000 + KILL_GRACE_S)
        if readers[0].is_alive():
            proc.kill()
            proc.wait()
            return {"ok": False, "limit": "time"}, b""
        code = proc.wait(5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for t in readers:
            t.join(5)
    data = b"".join(chunks)
    line, _, body = data.partition(b"\n")
    if line:
        return json.loads(line), body
    if code == -signal.SIGXCPU:          # RLIMIT_CPU: a query that spun past every other stop
        return {"ok": False, "limit": "time"}, b""
    if code < 0:                          # killed by the kernel or aborted (bad_alloc under RLIMIT_AS)
        return {"ok": False, "limit": "memory"}, b""
    raise RuntimeError(f"the console worker failed (exit {code}): {b''.join(errors).decode('utf-8', 'replace')[-500:]}")
