"""A refresh costs what changed: one changed file at 10,000 and 50,000 documents.

Targets (issue 10.2): one changed file refreshes in under 1 s at 10,000 documents, and at
50,000 documents in less than twice the 10,000 figure.

The corpus files are written by benchmarks/corpus.py. Full-loading 50,000 of them takes about
half an hour on this 2-core machine, so the warehouse they are measured against is built the
way the run builds one, but from a real load of the first TEMPLATE documents: every corpus file
gets the rows of template document (i mod TEMPLATE) under its own path and article id (in
article-id order, as a run appends them), and
source_files holds every file's real stat, so the run sees the files as unchanged. The refresh
itself is the real run: it stats every file, reads and parses the changed one, and publishes.

Run: python -m benchmarks.bench_refresh [REPEAT] [SIZES...]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from benchmarks.corpus import make_corpus
from benchmarks.stats import Target, median, write_report
from etl.knowledge.vocabulary import load_vocabulary
from etl.load.run import run_etl
from etl.load.write import ARTICLE_TABLES
from warehouse import db as wh

TEMPLATE = 200


def synthesize(seeds: Path, template_db: Path, db: Path) -> None:
    """A warehouse for every file under ``seeds`` from the rows of ``template_db`` (see the docstring)."""
    files = sorted(p for p in seeds.rglob("*") if p.is_file())
    rels = [p.relative_to(seeds).as_posix() for p in files]
    stats = [os.stat(p) for p in files]
    tmp = wh.temp_path(db)
    con = wh.open_for_build(tmp)
    con.execute("SET memory_limit = '1GB'")   # one statement copies 50,000 articles' rows; not the run's writer
    wh.create_schema(con, load_vocabulary().rows())
    quoted = template_db.as_posix().replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS tmpl (READ_ONLY)")
    tmpl_ids = [r[0] for r in con.execute("SELECT article_id FROM tmpl.articles ORDER BY article_id").fetchall()]
    con.register("_files", pa.table({
        "source_path": rels,
        "tmpl_id": [tmpl_ids[i % len(tmpl_ids)] for i in range(len(rels))],
        "file_bytes": [s.st_size for s in stats],
        "mtime_ns": [s.st_mtime_ns for s in stats],
    }))
    con.execute("CREATE TEMP TABLE _map AS SELECT *, substr(sha256(source_path), 1, 16) AS article_id FROM _files")
    for t in ARTICLE_TABLES:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'build' AND table_name = ? ORDER BY column_index", [t]).fetchall()]
        sel = ", ".join("m.article_id" if c == "article_id" else "m.source_path" if c == "source_path"
                        else "m.file_bytes" if (t, c) == ("articles", "file_bytes") else f"t.{c}" for c in cols)
        # In article-id order, as a run appends them (etl/load/plan.py: jobs in article-id order).
        con.execute(f"INSERT INTO {t} SELECT {sel} FROM tmpl.{t} t JOIN _map m ON t.article_id = m.tmpl_id "
                    "ORDER BY m.article_id, t.rowid")
    con.execute("""INSERT INTO source_files BY NAME SELECT m.source_path, m.file_bytes, m.mtime_ns, a.content_sha256, 'loaded' AS status
                   FROM _map m JOIN articles a USING (article_id)""")
    con.execute("INSERT INTO diseases SELECT * FROM tmpl.diseases")
    con.execute("INSERT INTO etl_runs SELECT * FROM tmpl.etl_runs")
    wh.rebuild_rollups(con)
    con.execute("DETACH tmpl")
    con.execute("CHECKPOINT")
    con.close()
    wh.publish(tmp, db)


def measure(n: int, repeat: int, work: Path) -> dict[str, object]:
    seeds, db = work / f"seeds{n}", work / f"w{n}.duckdb"
    make_corpus(seeds, n)
    tmpl_seeds = work / f"tmpl{n}"
    tmpl_seeds.mkdir()
    for p in sorted(seeds.rglob("*"))[:TEMPLATE * 2]:
        if p.is_file() and len(list(tmpl_seeds.iterdir())) < TEMPLATE:
            shutil.copy2(p, tmpl_seeds / p.name)
    tmpl_db = work / f"tmpl{n}.duckdb"
    run_etl(tmpl_seeds, tmpl_db, full=True, workers=1)
    t0 = time.perf_counter()
    synthesize(seeds, tmpl_db, db)
    built = time.perf_counter() - t0
    noop = run_etl(seeds, db, workers=1)
    assert noop.files_unchanged == n and noop.files_loaded == 0, noop.message
    targets = sorted(p for p in seeds.rglob("*.txt"))
    one: list[float] = []
    cpu: list[float] = []
    bases: list[str] = []
    walls: list[dict[str, float]] = []
    cpus: list[dict[str, float]] = []
    for k in range(repeat + 1):
        target = targets[k * 7 % len(targets)]
        target.write_bytes(target.read_bytes() + f"\n补充说明{k}。\n".encode())
        t, c = time.perf_counter(), time.process_time()
        r = run_etl(seeds, db, workers=1)
        one.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert r.files_loaded == 1 and r.files_unchanged == n - 1, r.message
        bases.append(f"{r.built_on} ({r.caught_up})" if r.caught_up else r.built_on)
        walls.append(r.timings)
        cpus.append(r.cpu_timings)
    phases = {p: (median([w.get(p, 0.0) for w in walls[1:]]), median([c.get(p, 0.0) for c in cpus[1:]]))
              for p in walls[-1]}
    return {"n": n, "size": db.stat().st_size, "built": built, "first": one[0], "runs": one[1:], "cpu": cpu[1:],
            "bases": bases, "phases": phases}


def main(repeat: int = 5, *sizes: int) -> list[Target]:
    import logging

    sizes = sizes or (10_000, 50_000)
    logging.getLogger("stemwatch").setLevel(logging.WARNING)
    load_before = os.getloadavg()[0]
    results = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("STEMWATCH_BENCH_DIR")) as d:
        for n in sizes:
            results.append(measure(n, repeat, Path(d)))
            print(results[-1])
    by_n = {r["n"]: median(r["runs"]) for r in results}
    lines = [
        "One file of the corpus is changed (a line appended) and `run_etl` refreshes the warehouse: stat every file,",
        "read and parse the changed one, bring the spare generation up to date, apply, CHECKPOINT, fsync, swap.",
        f"The warehouse is synthesized from a real load of {TEMPLATE} documents (see the module docstring).",
        "",
        "| documents | warehouse | one changed file, median | CPU time, median | runs | first refresh (no spare yet: copies the file) | target | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        n = r["n"]
        if n == 10_000:
            target, met = "< 1 s", by_n[n] < 1.0
        elif n == 50_000 and 10_000 in by_n:
            target, met = f"< 2 x the 10,000 figure = {2 * by_n[10_000]:.2f} s", by_n[n] < 2 * by_n[10_000]
        else:
            target, met = "", None
        verdict = "" if met is None else ("**met**" if met else "**missed**")
        lines.append(f"| {n:,} | {r['size'] / 2**20:.0f} MiB | **{median(r['runs']):.2f} s** | {median(r['cpu']):.2f} s | "
                     f"{len(r['runs'])} | "
                     f"{r['first']:.2f} s | {target} | {verdict} |")
    lines += ["", f"Load average (1 min) on this shared 2-core machine: {load_before:.1f} at the start, "
              f"{os.getloadavg()[0]:.1f} at the end; other sessions' work runs alongside, so figures vary from run to run.",
              "", "CPU time is this process's, DuckDB's threads included: what the refresh costs, with less of the",
              "other processes' noise than wall time.", "",
              "Phases, median over the refreshes built on the spare (wall s / CPU s):", "",
              "| phase | " + " | ".join(f"{r['n']:,}" for r in results) + " |",
              "|---|" + "---|" * len(results)]
    for p in results[0]["phases"]:
        lines.append(f"| {p} | " + " | ".join(
            f"{r['phases'][p][0]:.3f} / {r['phases'][p][1]:.3f}" if p in r["phases"] else "" for r in results) + " |")
    lines += ["", "All runs: " + "; ".join(f"{r['n']:,}: {[round(x, 3) for x in r['runs']]} (built on {r['bases']})"
                                       for r in results)]
    write_report("refresh", "Refresh cost with one changed file", lines)
    targets = [Target("one changed file at 10,000 documents", by_n.get(10_000), "<", 1.0, " s")]
    if 10_000 in by_n and 50_000 in by_n:
        targets.append(Target("one changed file at 50,000 documents", by_n[50_000], "<", 2 * by_n[10_000], " s"))
    return targets


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
