"""`stemwatch` command line: a thin layer over the library.

Exit codes: 0 success (a run that quarantined files still succeeded), 1 the run or
query failed, 2 bad usage or configuration (a malformed rule/lexicon/gold file, a missing
seeds folder or warehouse), 3 another ETL run holds the warehouse, 130 interrupted.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
import time
from pathlib import Path

from etl import __version__, settings
from etl.errors import RulesError, StemwatchError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
log = logging.getLogger("stemwatch")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)


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


def cmd_etl(args: argparse.Namespace) -> int:
    from etl.load.run import MassDeleteRefused, run_etl
    from warehouse.db import WarehouseBusy

    seeds = settings.path("seeds", args.seeds)
    db = settings.path("db", args.db)
    show, _ = _progress_printer()
    try:
        res = run_etl(seeds, db, full=args.full, trigger=args.trigger, sources=settings.resolve("sources", args.sources) or None,
                      workers=int(settings.resolve("workers", args.workers)),
                      max_file_mb=int(settings.resolve("max_file_mb", None)), progress=show,
                      wait=args.wait, allow_mass_delete=args.allow_mass_delete)
    except WarehouseBusy as exc:
        print(f"error: {exc}; try again when it has finished, or pass --wait", file=sys.stderr)
        return EXIT_BUSY
    except MassDeleteRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (RulesError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StemwatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"run {res.run_id} ({res.mode}) published {db} in {res.seconds:.2f}s")
    print(f"  files seen:   {res.files_seen}")
    print(f"  loaded:       {res.files_loaded}")
    print(f"  unchanged:    {res.files_unchanged}")
    print(f"  removed:      {res.files_removed}")
    print(f"  quarantined:  {len(res.quarantined_now)} this run, {res.files_quarantined} in quarantine")
    for path, reason, detail in res.quarantined_now:
        print(f"    {path}: {reason}: {detail}")
    if res.input_bytes and res.seconds:
        print(f"  throughput:   {res.input_bytes / 2**20 / res.seconds:.2f} MiB/s of input")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from etl.refresh.status import status_report

    db = settings.path("db", args.db)
    seeds = settings.path("seeds", args.seeds)
    try:
        report = status_report(db, seeds)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(report, default=str, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"warehouse: {report['db']}  ({report['db_bytes'] / 2**20:.1f} MiB)")
    f = report["freshness"]
    print(f"last successful refresh: {f['last_success_at'] or 'never'}")
    print(f"newest seed change:      {f['seeds_newest_mtime'] or 'unknown'}")
    print(f"behind seeds:            {'yes' if f['behind'] else 'no'}  ({f['behind_reason']})")
    print("counts: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items()))
    print("last runs:")
    for r in report["runs"]:
        print(f"  #{r['run_id']:<4} {r['status']:<8} {r['mode']:<11} {r['trigger_kind']:<8} {r['started_at']}  {r['message']}")
    if report["quarantine"]:
        print("quarantine:")
        for q in report["quarantine"]:
            print(f"  {q['source_path']}: {q['reason']}: {q['detail']}")
    return EXIT_OK


def _render(rows: list[tuple], columns: list[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    cells = [[("" if v is None else str(v)).replace("\n", " ")[:80] for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    from warehouse.db import WarehouseMissing, connect_read_only

    db = settings.path("db", args.db)
    try:
        con = connect_read_only(db)
    except WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        cur = con.execute(args.query)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchmany(args.limit) if args.limit else cur.fetchall()
    except duckdb.Error as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        con.close()
    print(_render(rows, columns, args.format))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from etl.load.export import export_tables
    from warehouse.db import WarehouseMissing

    db = settings.path("db", args.db)
    try:
        written = export_tables(db, Path(args.dir), args.format)
    except WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for table, path, n in written:
        print(f"{table:<20} {n:>8} rows  -> {path}")
    return EXIT_OK


def cmd_lexicon_check(args: argparse.Namespace) -> int:
    from etl.knowledge.lexicon import load_lexicon, load_triggers

    try:
        lex = load_lexicon()
        trig = load_triggers()
    except RulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    by_type: dict[str, int] = {}
    for c in lex.concepts.values():
        by_type[c.mention_type] = by_type.get(c.mention_type, 0) + 1
    print(f"lexicon ok: {len(lex.concepts)} concepts ({', '.join(f'{k} {v}' for k, v in sorted(by_type.items()))}), "
          f"{lex.terms} surface forms incl. Traditional variants, {len(trig.triggers)} context triggers")
    db = settings.path("db", args.db)
    if not db.exists():
        print(f"(no warehouse at {db}: run `stemwatch etl` to list lexicon candidates)")
        return EXIT_OK
    from warehouse.db import reading

    with reading(db) as con:
        rows = con.execute("SELECT term, occurrences, articles, example_sentence FROM lexicon_candidates "
                           "ORDER BY occurrences DESC, articles DESC, term LIMIT ?", [args.limit]).fetchall()
    print(f"lexicon candidates (disease-like terms not in the lexicon), top {len(rows)}:")
    print(_render(rows, ["term", "occurrences", "articles", "example_sentence"], "table"))
    return EXIT_OK


def cmd_schema_doc(args: argparse.Namespace) -> int:
    from warehouse.docs import schema_markdown

    text = schema_markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        print(text)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from etl.evaluate import evaluate
    from etl.evaluate.gold import GoldError
    from etl.evaluate.report import render_json, render_text
    from warehouse.db import WarehouseBusy

    try:
        result = evaluate(Path(args.gold), Path(args.pages), sources=settings.resolve("sources", args.sources) or None)
    except (GoldError, RulesError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WarehouseBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except StemwatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(render_json(result) if args.format == "json" else render_text(result, details=args.details))
    return EXIT_OK


def cmd_dashboard(args: argparse.Namespace) -> int:
    from dashboard.launch import run_dashboard

    db = settings.path("db", args.db)
    port = int(settings.resolve("port", args.port))
    proc = run_dashboard(db, port, settings.path("seeds", args.seeds), headless=True)
    print(f"dashboard on http://localhost:{port} (warehouse {db}); Ctrl-C to stop")
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(10)
        return EXIT_OK


def cmd_schedule(args: argparse.Namespace) -> int:
    from etl.refresh.schedule import run_scheduler

    return run_scheduler(seeds=settings.path("seeds", args.seeds), db=settings.path("db", args.db),
                         interval=float(settings.resolve("interval", args.interval)), cron=args.cron,
                         watch=not args.no_watch, sources=settings.resolve("sources", args.sources) or None)


def cmd_up(args: argparse.Namespace) -> int:
    from app.up import run_up

    return run_up(seeds=settings.path("seeds", args.seeds), db=settings.path("db", args.db),
                  port=int(settings.resolve("port", args.port)),
                  interval=float(settings.resolve("interval", args.interval)), cron=args.cron)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stemwatch", description="Warehouse and dashboard of Chinese online articles about stem-cell therapy.")
    p.add_argument("--version", action="version", version=f"stemwatch {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def seeds_db(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--seeds", help=f"{settings.SETTINGS['seeds'].help} (env STEMWATCH_SEEDS, default seeds/)")
        sp.add_argument("--db", help=f"{settings.SETTINGS['db'].help} (env STEMWATCH_DB, default warehouse/stemwatch.duckdb)")

    sp = sub.add_parser("etl", help="load the seeds folder into the warehouse (incremental; publishes atomically)")
    seeds_db(sp)
    sp.add_argument("--full", action="store_true", help="rebuild everything from scratch instead of only what changed")
    sp.add_argument("--wait", action="store_true",
                    help="wait for another ETL run holding the warehouse to finish (default: exit 3 at once)")
    sp.add_argument("--allow-mass-delete", action="store_true",
                    help="allow a run that removes more than half of the loaded articles, or all of them "
                         "(refused by default: an unmounted or emptied seeds folder looks like that)")
    sp.add_argument("--sources", help="sources file overriding source-type rules (env STEMWATCH_SOURCES)")
    sp.add_argument("--workers", help="parser processes (env STEMWATCH_WORKERS; 0 = one per core)")
    sp.add_argument("--trigger", default="cli", help=argparse.SUPPRESS)
    sp.set_defaults(func=cmd_etl)

    sp = sub.add_parser("status", help="last runs, counts, quarantine and freshness")
    seeds_db(sp)
    sp.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    sp.set_defaults(func=cmd_status)

    sp = sub.add_parser("sql", help="run a read-only SQL query on the warehouse")
    sp.add_argument("query", help="the SQL to run (read-only connection)")
    sp.add_argument("--db", help="the DuckDB warehouse file (env STEMWATCH_DB)")
    sp.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default table)")
    sp.add_argument("--limit", type=int, default=0, help="at most this many rows (0 = all)")
    sp.set_defaults(func=cmd_sql)

    sp = sub.add_parser("export", help="write every table as Parquet or CSV files into DIR")
    sp.add_argument("dir", help="output folder (created if missing)")
    sp.add_argument("--db", help="the DuckDB warehouse file (env STEMWATCH_DB)")
    sp.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="file format (default parquet)")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("lexicon", help="lexicon tools")
    lsub = sp.add_subparsers(dest="lexicon_command", required=True, metavar="ACTION")
    lp = lsub.add_parser("check", help="validate the lexicon and list disease-like terms it does not know")
    lp.add_argument("--db", help="the DuckDB warehouse file (env STEMWATCH_DB)")
    lp.add_argument("--limit", type=int, default=50, help="how many candidates to list (default 50)")
    lp.set_defaults(func=cmd_lexicon_check)

    sp = sub.add_parser("schema-doc", help="print the data dictionary (docs/schema.md) from the schema's comments")
    sp.add_argument("--output", "-o", help="write to this file instead of standard output")
    sp.set_defaults(func=cmd_schema_doc)

    sp = sub.add_parser("evaluate", help="score the ETL on a folder of labelled pages against a gold file")
    sp.add_argument("gold", help="gold file (JSON list of labelled pages; format in docs/evaluate.md)")
    sp.add_argument("--pages", required=True, help="folder of the pages the gold file names")
    sp.add_argument("--format", choices=["text", "json"], default="text", help="output format (json always lists every miss)")
    sp.add_argument("--details", action="store_true", help="text format: list every miss (page, field, expected, got, cause)")
    sp.add_argument("--sources", help="sources file overriding source-type rules (env STEMWATCH_SOURCES)")
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("dashboard", help="serve the Streamlit dashboard on the warehouse (read-only)")
    seeds_db(sp)
    sp.add_argument("--port", help="port (env STEMWATCH_PORT, default 8501)")
    sp.set_defaults(func=cmd_dashboard)

    def sched_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--interval", type=float, help="seconds between looks at the seeds folder (env STEMWATCH_INTERVAL, default 60)")
        sp.add_argument("--cron", help="crontab expression for a forced full rebuild, e.g. '0 3 * * *' (nightly)")

    sp = sub.add_parser("schedule", help="refresh the warehouse whenever the seeds folder changes")
    seeds_db(sp)
    sched_opts(sp)
    sp.add_argument("--sources", help="sources file overriding source-type rules (env STEMWATCH_SOURCES)")
    sp.add_argument("--no-watch", action="store_true", help="poll only; do not react to file events")
    sp.set_defaults(func=cmd_schedule)

    sp = sub.add_parser("up", help="initial load, scheduler and dashboard together; Ctrl-C stops all")
    seeds_db(sp)
    sched_opts(sp)
    sp.add_argument("--port", help="dashboard port (env STEMWATCH_PORT, default 8501)")
    sp.set_defaults(func=cmd_up)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
