"""The SQL console's child process: runs one query under limits it cannot lift.

Started by dashboard/safe_sql.py (``python -m dashboard.console_worker``), one per query.
Before DuckDB is even imported it caps its own address space (RLIMIT_AS), CPU time and file
size, so a query that allocates outside DuckDB's buffer manager (``repeat('x', 10^9)``) or
never checks for interruption fails or is killed here, never in the dashboard's process.

Protocol: ``python -m dashboard.console_worker ADDRESS_SPACE CPU_SECONDS``; it limits itself,
imports, writes ``ready`` and waits (the dashboard keeps one warm worker in reserve). Then a
JSON request on stdin (db, sql, limit, max_bytes); the parent starts the query clock when it
sends it. The reply is one JSON header line and, on success, the result as an Arrow IPC stream.
"""

from __future__ import annotations

import json
import resource
import sys


def _limit_self(address_space: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))   # no file can be written, whatever runs
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _reply(out, header: dict, body: bytes = b"") -> None:
    out.write(json.dumps(header).encode() + b"\n" + body)
    out.flush()


def main() -> int:
    address_space, cpu_seconds = int(sys.argv[1]), int(sys.argv[2])
    _limit_self(address_space, cpu_seconds)
    out = sys.stdout.buffer
    try:
        import time

        import duckdb
        import pyarrow as pa

        from dashboard.safe_sql import MEMORY_LIMIT, open_sandbox
        from warehouse.statements import Refused, check_statement, first_line
    except MemoryError:
        _reply(out, {"ok": False, "limit": "memory", "message": "the console worker ran out of memory while starting"})
        return 1
    # Warm and waiting: the dashboard keeps one of these ready, so a query does not pay for the imports.
    out.write(b"ready\n")
    out.flush()
    raw = sys.stdin.buffer.read()
    if not raw.strip():
        return 0   # the dashboard went away before it needed us
    request = json.loads(raw.decode("utf-8"))
    try:
        con = open_sandbox(request["db"])
    except Exception as exc:
        _reply(out, {"ok": False, "error_type": "Error", "message": f"cannot open the warehouse: {exc}"})
        return 0
    limit, max_bytes = int(request["limit"]), int(request["max_bytes"])
    try:
        kind = check_statement(request["sql"], con)
        start = time.perf_counter()
        rel = con.sql(request["sql"])
        if kind == "SELECT":
            # The relation is lazy: the limit is pushed into the plan, so
            # `SELECT * FROM articles` does not materialise every main_text.
            rel = rel.limit(limit + 1)
        reader = rel.to_arrow_reader(1024)
        batches, rows, size = [], 0, 0
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            size += batch.nbytes
            if size > max_bytes:
                _reply(out, {"ok": False, "limit": "result",
                             "message": f"the result is larger than {max_bytes / 2**20:g} MB"})
                return 0
            if rows > limit:
                break
        table = pa.Table.from_batches(batches, schema=reader.schema)
        elapsed = (time.perf_counter() - start) * 1000
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        _reply(out, {"ok": True, "kind": kind, "elapsed_ms": elapsed, "rows": table.num_rows},
               sink.getvalue().to_pybytes())
    except Refused as exc:
        _reply(out, {"ok": False, "refused": True, "message": str(exc)})
    except duckdb.InterruptException:
        _reply(out, {"ok": False, "limit": "time", "message": "interrupted by max_execution_time"})
    except (duckdb.OutOfMemoryException, MemoryError) as exc:
        _reply(out, {"ok": False, "limit": "memory", "message": f"over {MEMORY_LIMIT}: {first_line(exc)}"})
    except duckdb.Error as exc:
        _reply(out, {"ok": False, "error_type": type(exc).__name__, "message": str(exc).strip()})
    except Exception as exc:  # a failure of ours: said plainly, never mistaken for a limit
        _reply(out, {"ok": False, "error_type": "Error", "message": f"{type(exc).__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
