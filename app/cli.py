"""`stemwatch` command line: a thin layer over the library.

Exit codes: 0 success (a run that quarantined files still succeeded), 1 the run or
query failed, 2 bad usage or configuration (a malformed rule/lexicon/gold file, a missing
seeds folder or warehouse), 3 another ETL run holds the warehouse, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path
from typing import NoReturn

from app.terminal import PrintableFormatter, json_safe, printable
from etl import __version__, settings
from etl.errors import ExitCode, RulesError, StemwatchError
from warehouse.csvsafe import safe_rows

log = logging.getLogger("stemwatch")


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])


def _progress_printer() -> tuple:
    """A progress bar on a terminal, plain log lines every 10% otherwise."""
    tty = sys.stderr.isatty()
    state = {"last": -1, "t": time.perf_counter()}

    def show(done: int, total: int) -> None:
        if total <= 0:
            return
        pct = done * 100 // total
        if tty:
            if pct != state["last"] or done == total:
                bar = "#" * (pct // 4)
                sys.stderr.write(f"\r  extracting {done}/{total} [{bar:<25}] {pct:3d}%")
                if done == total:
                    sys.stderr.write("\n")
                sys.stderr.flush()
        elif pct // 10 != state["last"] // 10 or done == total:
            log.info("extracting: %d/%d files (%d%%)", done, total, pct)
        state["last"] = pct

    return show, tty



def _error(exc: BaseException, code: ExitCode) -> ExitCode:
    """A domain error as one line on stderr, and the exit code that goes with it."""
    print(f"error: {exc}", file=sys.stderr)
    return code

def cmd_etl(args: argparse.Namespace) -> int:
    from etl.load.run import MassDeleteRefused, WarehouseInSeeds, run_etl
    from warehouse.db import WarehouseBusy

    seeds = settings.path("seeds", args.seeds)
    db = settings.path("db", args.db)
    show, _ = _progress_printer()
    try:
        res = run_etl(seeds, db, full=args.full, trigger=args.trigger, sources=settings.resolve("sources", args.sources) or None,
                      workers=int(settings.number("workers", args.workers)),
                      max_file_mb=int(settings.number("max_file_mb")), progress=show,
                      wait=args.wait, allow_mass_delete=args.allow_mass_delete,
                      engine=args.engine, scheduler=args.scheduler)
    except WarehouseBusy as exc:
        print(f"error: {exc}; try again when it has finished, or pass --wait", file=sys.stderr)
        return ExitCode.BUSY
    except (MassDeleteRefused, WarehouseInSeeds) as exc:
        return _error(exc, ExitCode.USAGE)
    except ValueError as exc:   # an unknown engine
        return _error(exc, ExitCode.USAGE)
    except (RulesError, FileNotFoundError) as exc:
        return _error(exc, ExitCode.USAGE)
    except StemwatchError as exc:
        return _error(exc, ExitCode.FAILED)
    print(f"run {res.run_id} ({res.mode}) published {db} in {res.seconds:.2f}s")
    print(f"  files seen:   {res.files_seen}")
    print(f"  loaded:       {res.files_loaded}")
    print(f"  unchanged:    {res.files_unchanged}")
    print(f"  removed:      {res.files_removed}")
    print(f"  quarantined:  {len(res.quarantined_now)} this run, {res.files_quarantined} in quarantine")
    for path, reason, detail in res.quarantined_now:
        print(f"    {printable(path)}: {printable(reason)}: {printable(detail)}")
    if res.input_bytes and res.seconds:
        print(f"  throughput:   {res.input_bytes / 2**20 / res.seconds:.2f} MiB/s of input")
    return ExitCode.OK


def cmd_status(args: argparse.Namespace) -> int:
    from etl.refresh.status import status_report

    db = settings.path("db", args.db)
    seeds = settings.path("seeds", args.seeds)
    try:
        report = status_report(db, seeds)
    except FileNotFoundError as exc:
        return _error(exc, ExitCode.USAGE)
    if args.format == "json":
        print(json_safe(json.dumps(report, default=str, ensure_ascii=False, indent=2)))
        return ExitCode.OK
    print(f"warehouse: {printable(report['db'])}  ({report['db_bytes'] / 2**20:.1f} MiB)")
    f = report["freshness"]
    print(f"last successful refresh: {f['last_success_at'] or 'never'}")
    print(f"newest seed change:      {f['seeds_newest_mtime'] or 'unknown'}")
    print(f"behind seeds:            {'yes' if f['behind'] else 'no'}  ({printable(f['behind_reason'])})")
    print("counts: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items()))
    print("last runs:")
    for r in report["runs"]:
        print(f"  #{r['run_id']:<4} {r['status']:<8} {r['mode']:<11} {printable(r['trigger_kind']):<8} {r['started_at']}  "
              f"{printable(r['message'])}")
    if report["quarantine"]:
        print("quarantine:")
        for q in report["quarantine"]:
            print(f"  {printable(q['source_path'])}: {printable(q['reason'])}: {printable(q['detail'])}")
    return ExitCode.OK


CELL_WIDTH = 80  # terminal columns a table cell may take before it is cut with "…"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and full-width characters take two,
    combining marks none, so columns of Chinese cells line up."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def fit(text: str, width: int = CELL_WIDTH) -> str:
    """``text`` cut to at most ``width`` terminal columns (ending in "…" when cut)."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _render(rows: list[tuple], columns: list[str], fmt: str, tty: bool = False) -> str:
    """Rows as a table, CSV or JSON. Tables never carry control characters; JSON escapes them
    (same value); CSV cells are neutralised against spreadsheet formulas, and escaped on a terminal."""
    if fmt == "json":
        return json_safe(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False, indent=2))
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(safe_rows([columns])[0])
        w.writerows(safe_rows(rows))
        text = buf.getvalue().rstrip("\n")
        return printable(text, keep_newlines=True) if tty else text
    columns = [printable(c) for c in columns]
    cells = [[fit(printable(("" if v is None else str(v)).replace("\n", " "))) for v in r] for r in rows]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def cmd_sql(args: argparse.Namespace) -> int:
    """One read-only statement, checked by the dashboard console's checker (warehouse/statements.py)."""
    import duckdb

    from warehouse.db import WarehouseMissing, connect_read_only
    from warehouse.statements import Refused, check_statement, first_line

    db = settings.path("db", args.db)
    try:
        check_statement(args.query)
    except Refused as exc:
        print(f"error: {printable(exc)} (stemwatch sql only reads; `stemwatch export` writes files)", file=sys.stderr)
        return ExitCode.USAGE
    try:
        con = connect_read_only(db)
    except WarehouseMissing as exc:
        return _error(exc, ExitCode.USAGE)
    try:
        # The engine agrees with the checker: no files, no network, and no statement can undo it.
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        log.debug("running the query")
        columns, rows = _query_interruptibly(con, args.query, args.limit)
    except (duckdb.InterruptException, KeyboardInterrupt):
        _exit_interrupted()
    except RuntimeError as exc:
        if not _is_interruption(exc):
            raise
        _exit_interrupted()
    except duckdb.PermissionException as exc:
        print(f"error: stemwatch sql reads only the warehouse, not files or the network: {printable(first_line(exc))}",
              file=sys.stderr)
        return ExitCode.USAGE
    except duckdb.Error as exc:
        print(f"error: {printable(first_line(exc))}", file=sys.stderr)
        return ExitCode.FAILED
    finally:
        with contextlib.suppress(duckdb.Error):   # after an interrupt DuckDB may still call it busy; we exit anyway
            con.close()
    print(_render(rows, columns, args.format, tty=sys.stdout.isatty()))
    return ExitCode.OK


def _exit_interrupted() -> NoReturn:
    """Ctrl-C during a query: say so and exit 130 at once, without closing the connection.

    Closing it (or the interpreter's teardown of it) waits for DuckDB to wind the interrupted
    query down, which once kept the process alive past 30 s after "interrupted" was printed
    (tests/reliability/test_security.py::test_11_ctrl_c_in_stemwatch_sql_exits_130). The
    connection is read-only: there is nothing to flush but this process's own output.
    """
    print("interrupted", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(ExitCode.INTERRUPTED)


def _is_interruption(exc: BaseException) -> bool:
    """Ctrl-C as DuckDB reports it when it lands inside one of its calls: DuckDB 2 turns the
    KeyboardInterrupt into RuntimeError("Query interrupted"), older versions into InterruptException."""
    return type(exc).__name__ == "InterruptException" or (
        isinstance(exc, RuntimeError) and "query interrupted" in str(exc).lower())


def _exit_on_sigint(signum: int, frame: object) -> None:
    _exit_interrupted()


def _query_interruptibly(con: object, sql: str, limit: int) -> tuple[list[str], list[tuple]]:
    """Run ``sql`` in a thread; Ctrl-C in the main thread interrupts DuckDB at once.

    Python's SIGINT handler only runs when the main thread gets back to Python, which a long
    query inside DuckDB may not do for a long time (Ctrl-C was ignored until it finished).
    """
    out: dict[str, object] = {}

    def work() -> None:
        try:
            cur = con.execute(sql)  # type: ignore[attr-defined]
            out["columns"] = [d[0] for d in cur.description or []]
            out["rows"] = cur.fetchmany(limit) if limit else cur.fetchall()
        except BaseException as exc:  # handed to the main thread
            out["error"] = exc

    worker = threading.Thread(target=work, name="stemwatch-sql", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        while worker.is_alive():   # the connection may only be closed once the query has stopped
            con.interrupt()  # type: ignore[attr-defined]
            worker.join(0.2)
        raise
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["columns"], out["rows"]  # type: ignore[return-value]


def cmd_export(args: argparse.Namespace) -> int:
    from etl.load.export import export_tables
    from warehouse.db import WarehouseMissing

    db = settings.path("db", args.db)
    try:
        written = export_tables(db, Path(args.dir), args.format)
    except WarehouseMissing as exc:
        return _error(exc, ExitCode.USAGE)
    for table, path, n in written:
        print(f"{table:<20} {n:>8} rows  -> {path}")
    return ExitCode.OK


def cmd_lexicon_check(args: argparse.Namespace) -> int:
    from etl.knowledge.lexicon import load_lexicon, load_triggers

    try:
        lex = load_lexicon()
        trig = load_triggers()
    except RulesError as exc:
        return _error(exc, ExitCode.USAGE)
    by_type: dict[str, int] = {}
    for c in lex.concepts.values():
        by_type[c.mention_type] = by_type.get(c.mention_type, 0) + 1
    print(f"lexicon ok: {len(lex.concepts)} concepts ({', '.join(f'{k} {v}' for k, v in sorted(by_type.items()))}), "
          f"{lex.terms} surface forms incl. Traditional variants, {len(trig.triggers)} context triggers")
    db = settings.path("db", args.db)
    if not db.exists():
        print(f"(no warehouse at {db}: run `stemwatch etl` to list lexicon candidates)")
        return ExitCode.OK
    from warehouse.db import reading

    with reading(db) as con:
        rows = con.execute("SELECT term, occurrences, articles, example_sentence FROM lexicon_candidates "
                           "ORDER BY occurrences DESC, articles DESC, term LIMIT ?", [args.limit]).fetchall()
    print(f"lexicon candidates (disease-like terms not in the lexicon), top {len(rows)}:")
    print(_render(rows, ["term", "occurrences", "articles", "example_sentence"], "table"))
    return ExitCode.OK


def cmd_schema_doc(args: argparse.Namespace) -> int:
    from etl.knowledge.vocabulary import load_vocabulary
    from warehouse.docs import schema_markdown

    text = schema_markdown(load_vocabulary().rows())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        print(text)
    return ExitCode.OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from etl.evaluate import evaluate
    from etl.evaluate.gold import GoldError
    from etl.evaluate.report import render_json, render_text
    from warehouse.db import WarehouseBusy

    try:
        result = evaluate(Path(args.gold), Path(args.pages), sources=settings.resolve("sources", args.sources) or None)
    except (GoldError, RulesError, FileNotFoundError) as exc:
        return _error(exc, ExitCode.USAGE)
    except WarehouseBusy as exc:
        return _error(exc, ExitCode.BUSY)
    except StemwatchError as exc:
        return _error(exc, ExitCode.FAILED)
    print(render_json(result) if args.format == "json" else render_text(result, details=args.details))
    return ExitCode.OK


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def dashboard_url(address: str, port: int) -> str:
    host = "localhost" if address in LOOPBACK else address
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


def _serve(proc: subprocess.Popen) -> int:
    """Wait for Streamlit; Ctrl-C or SIGTERM stops it (SIGTERM used to leave it serving)."""
    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return ExitCode.OK
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from dashboard.launch import run_dashboard

    db = settings.path("db", args.db)
    port = int(settings.number("port", args.port))
    address = settings.resolve("address", args.address)
    proc = run_dashboard(db, port, settings.path("seeds", args.seeds), headless=True, address=address)
    print(f"dashboard on {dashboard_url(address, port)} (warehouse {db}); Ctrl-C to stop")
    if address not in LOOPBACK:
        print(f"warning: listening on {address}: the dashboard has no login; anyone who can reach this "
              "address can read the warehouse", file=sys.stderr)
    return _serve(proc)


def cmd_schedule(args: argparse.Namespace) -> int:
    from etl.refresh.schedule import run_scheduler

    return run_scheduler(seeds=settings.path("seeds", args.seeds), db=settings.path("db", args.db),
                         interval=float(settings.number("interval", args.interval)), cron=args.cron,
                         watch=not args.no_watch, sources=settings.resolve("sources", args.sources) or None)


def cmd_up(args: argparse.Namespace) -> int:
    from app.up import run_up

    return run_up(seeds=settings.path("seeds", args.seeds), db=settings.path("db", args.db),
                  port=int(settings.number("port", args.port)), address=settings.resolve("address", args.address),
                  interval=float(settings.number("interval", args.interval)), cron=args.cron)


def _count(text: str) -> int:
    """A whole number >= 0 for --limit (argparse turns the error into a usage message, exit 2)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stemwatch", description="Warehouse and dashboard of Chinese online articles about stem-cell therapy.")
    p.add_argument("--version", action="version", version=f"stemwatch {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def seeds_db(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--seeds", help=settings.flag_help("seeds"))
        sp.add_argument("--db", help=settings.flag_help("db"))

    def address_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--address", help=settings.flag_help("address"))

    sp = sub.add_parser("etl", help="load the seeds folder into the warehouse (incremental; publishes atomically)")
    seeds_db(sp)
    sp.add_argument("--full", action="store_true", help="rebuild everything from scratch instead of only what changed")
    sp.add_argument("--wait", action="store_true",
                    help="wait for another ETL run holding the warehouse to finish (default: exit 3 at once)")
    sp.add_argument("--allow-mass-delete", action="store_true",
                    help="allow a run that removes more than half of the loaded articles, or all of them "
                         "(refused by default: an unmounted or emptied seeds folder looks like that)")
    sp.add_argument("--sources", help=settings.flag_help("sources"))
    sp.add_argument("--workers", help=settings.flag_help("workers"))
    sp.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="where pages are parsed: local processes, or a Dask cluster (extra 'dask')")
    sp.add_argument("--scheduler", help="with --engine dask: the scheduler address, e.g. tcp://host:8786 "
                    "(default: a LocalCluster on this machine)")
    sp.add_argument("--trigger", default="cli", help=argparse.SUPPRESS)
    sp.set_defaults(func=cmd_etl)

    sp = sub.add_parser("status", help="last runs, counts, quarantine and freshness")
    seeds_db(sp)
    sp.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    sp.set_defaults(func=cmd_status)

    sp = sub.add_parser("sql", help="run a read-only SQL query on the warehouse")
    sp.add_argument("query", help="the SQL to run (read-only connection)")
    sp.add_argument("--db", help=settings.flag_help("db"))
    sp.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default table)")
    sp.add_argument("--limit", type=_count, default=0, help="at most this many rows (0 = all)")
    sp.set_defaults(func=cmd_sql)

    sp = sub.add_parser("export", help="write every table as Parquet or CSV files into DIR")
    sp.add_argument("dir", help="output folder (created if missing)")
    sp.add_argument("--db", help=settings.flag_help("db"))
    sp.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="file format (default parquet)")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("lexicon", help="lexicon tools")
    lsub = sp.add_subparsers(dest="lexicon_command", required=True, metavar="ACTION")
    lp = lsub.add_parser("check", help="validate the lexicon and list disease-like terms it does not know")
    lp.add_argument("--db", help=settings.flag_help("db"))
    lp.add_argument("--limit", type=_count, default=50, help="how many candidates to list (default 50)")
    lp.set_defaults(func=cmd_lexicon_check)

    sp = sub.add_parser("schema-doc", help="print the data dictionary (docs/schema.md) from the schema's comments")
    sp.add_argument("--output", "-o", help="write to this file instead of standard output")
    sp.set_defaults(func=cmd_schema_doc)

    sp = sub.add_parser("evaluate", help="score the ETL on a folder of labelled pages against a gold file")
    sp.add_argument("gold", help="gold file (JSON list of labelled pages; format in docs/evaluate.md)")
    sp.add_argument("--pages", required=True, help="folder of the pages the gold file names")
    sp.add_argument("--format", choices=["text", "json"], default="text", help="output format (json always lists every miss)")
    sp.add_argument("--details", action="store_true", help="text format: list every miss (page, field, expected, got, cause)")
    sp.add_argument("--sources", help=settings.flag_help("sources"))
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("dashboard", help="serve the Streamlit dashboard on the warehouse (read-only)")
    seeds_db(sp)
    sp.add_argument("--port", help=settings.flag_help("port"))
    address_opt(sp)
    sp.set_defaults(func=cmd_dashboard)

    def sched_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--interval", type=float, help=settings.flag_help("interval"))
        sp.add_argument("--cron", help="crontab expression for a forced full rebuild, e.g. '0 3 * * *' (nightly)")

    sp = sub.add_parser("schedule", help="refresh the warehouse whenever the seeds folder changes")
    seeds_db(sp)
    sched_opts(sp)
    sp.add_argument("--sources", help=settings.flag_help("sources"))
    sp.add_argument("--no-watch", action="store_true", help="poll only; do not react to file events")
    sp.set_defaults(func=cmd_schedule)

    sp = sub.add_parser("up", help="initial load, scheduler and dashboard together; Ctrl-C stops all")
    seeds_db(sp)
    sched_opts(sp)
    sp.add_argument("--port", help=settings.flag_help("port"))
    address_opt(sp)
    sp.set_defaults(func=cmd_up)
    return p


READ_ONLY = ("sql", "status")   # commands that write nothing: Ctrl-C may end them at once


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    previous = None
    if (args.command in READ_ONLY and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN):   # started with Ctrl-C ignored: keep it so
        # Ctrl-C ends a read-only command at once, wherever it lands. Raised as KeyboardInterrupt,
        # it came back from inside a DuckDB call as a "Query interrupted" traceback (a Ctrl-C
        # during the warehouse check), and once, on a loaded machine, `stemwatch sql` ran on
        # for more than 30 s after it (tests/reliability/test_security.py).
        previous = signal.signal(signal.SIGINT, _exit_on_sigint)
    log.debug("command %s started", args.command)
    try:
        problem = _db_problem(args)
        if problem:
            print(f"error: {printable(problem)}", file=sys.stderr)
            return ExitCode.USAGE
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except settings.SettingError as exc:
        return _error(exc, ExitCode.USAGE)
    except Exception as exc:
        if _is_interruption(exc):
            print("interrupted", file=sys.stderr)
            return ExitCode.INTERRUPTED
        message = _disk_problem(exc)
        if message is None:
            raise
        print(f"error: {printable(message)}", file=sys.stderr)
        return ExitCode.USAGE
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


WRITERS = ("etl", "schedule", "up")   # commands that create or replace the warehouse file


def _db_problem(args: argparse.Namespace) -> str | None:
    """Why --db (or STEMWATCH_DB) cannot be used, before anything opens or replaces it; None if it can.

    Only a missing path or a DuckDB file with stemwatch's tables is accepted (a text file or a
    SQLite database named by --db used to be overwritten), and a writer needs a folder it can write.
    """
    if not hasattr(args, "db"):
        return None
    from warehouse.guard import NotAWarehouse, check_warehouse

    db = settings.path("db", args.db)
    try:
        check_warehouse(db)
    except NotAWarehouse as exc:
        return str(exc)
    if args.command in WRITERS:
        folder = db.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            return f"cannot create the warehouse folder {db.parent}: {folder} is not a folder"
        if not os.access(folder, os.W_OK | os.X_OK):
            why = "read-only file system" if _read_only_fs(folder) else "permission denied"
            return f"cannot write the warehouse folder {folder} ({why}); give a --db path in a folder you can write"
    return None


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _disk_problem(exc: BaseException) -> str | None:
    """A message for a full disk or an unwritable place, found anywhere in the exception's chain."""
    seen = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        text = str(e)
        where = f" ({e.filename})" if isinstance(e, OSError) and e.filename else ""
        if (isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)) or "No space left on device" in text:
            return (f"no space left on the device{where}; the published warehouse was not changed. "
                    "Free some space and run again.")
        if isinstance(e, OSError) and e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"cannot write{where}: {e.strerror}; give a path you can write"
        if "Read-only file system" in text or "Permission denied" in text:
            return f"cannot write: {text.splitlines()[0]}"
        e = e.__cause__ or e.__context__
    return None


if __name__ == "__main__":
    sys.exit(main())
