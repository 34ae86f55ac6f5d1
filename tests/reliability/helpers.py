"""Checks shared by the reliability tests: the seeds/warehouse invariant, integrity, digests.

Every check opens the warehouse the way users do (a short read-only connection) and
reads every row of every table, so a torn or corrupt file fails here, not later.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.load.manifest import is_manifest
from tests.conftest import ROOT, SEEDS
from warehouse.db import TMP_MARK, reading

TABLES = ("articles", "documents", "cut_blocks", "sections", "citations", "commercial_signals", "diseases",
          "disease_mentions", "lexicon_candidates", "candidate_terms", "source_files", "quarantine", "etl_runs")
CHILD_TABLES = ("documents", "cut_blocks", "sections", "citations", "commercial_signals", "disease_mentions",
                "candidate_terms")


def ignored(name: str) -> bool:
    """Names discover skips on purpose (documented in etl/load/discover.py): hidden files and editor backups."""
    return name.startswith(".") or name.endswith("~")


def as_text(rel: str) -> str:
    """A path as the warehouse stores it: bytes that are not UTF-8 written as \\xNN escapes."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def expected_paths(seeds: Path) -> set[str]:
    """Every entry under ``seeds`` the ETL must account for, found independently of etl.load.discover.

    Regular files, FIFOs, symbolic links (to files, to folders, broken or looping) count;
    real folders are walked; hidden names and "~" backups are skipped.
    """
    out: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(seeds, followlinks=False):
        base = Path(dirpath)
        keep = []
        for d in dirnames:
            if ignored(d):
                continue
            if (base / d).is_symlink():
                out.add(as_text((base / d).relative_to(seeds).as_posix()))
            else:
                keep.append(d)
        dirnames[:] = keep
        out.update(as_text((base / f).relative_to(seeds).as_posix()) for f in filenames if not ignored(f))
    return out


def assert_invariant(db: Path, seeds: Path, skip: set[str] | frozenset[str] = frozenset(),
                     stand_ins: set[str] | frozenset[str] = frozenset()) -> None:
    """Every file under seeds/ is in articles or in quarantine, never neither and never both.

    ``skip``: files the check leaves out (racing files, files the ETL could not see);
    ``stand_ins``: entries that are not files but may be quarantined for them (an unlistable folder).
    """
    with reading(db) as con:
        arts = [r[0] for r in con.execute("SELECT source_path FROM articles").fetchall()]
        quar = [r[0] for r in con.execute("SELECT source_path FROM quarantine").fetchall()]
    loaded, quarantined = set(arts), set(quar)
    assert len(arts) == len(loaded) and len(quar) == len(quarantined)
    both = loaded & quarantined
    assert not both, f"in both articles and quarantine: {sorted(both)}"
    files = expected_paths(seeds) - set(skip)
    neither = files - loaded - quarantined
    assert not neither, f"in neither articles nor quarantine: {sorted(neither)}"
    stale = (loaded | quarantined) - expected_paths(seeds) - set(skip) - set(stand_ins)
    assert not stale, f"rows for files that no longer exist: {sorted(stale)}"


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> object:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


def assert_integrity(db: Path, *, files_settled: bool = True) -> None:
    """The warehouse opens and its tables agree with each other and with the last etl_runs row.

    ``files_settled`` is False when files vanished or changed during the last run; the
    count of files seen then legitimately differs from the rows kept.
    """
    with reading(db) as con:
        for t in TABLES:  # read every column of every row: a torn file fails here
            con.execute(f"SELECT count(*), sum(hash({t})) FROM {t}").fetchone()
        for t in CHILD_TABLES:
            orphans = scalar(con, f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT article_id FROM articles)")
            assert orphans == 0, f"{orphans} rows of {t} without an article"
        assert scalar(con, "SELECT count(*) FROM articles") == scalar(con, "SELECT count(*) FROM documents")
        _assert_mention_offsets(con)
        assert scalar(con, "SELECT count(*) FROM disease_mentions WHERE concept_id NOT IN (SELECT concept_id FROM diseases)") == 0
        for t in ("sections", "citations"):
            bad = scalar(con, f"""SELECT count(*) FROM {t} x JOIN articles a USING (article_id)
                                 WHERE x.start_char < 0 OR x.end_char > a.main_chars OR x.start_char > x.end_char""")
            assert bad == 0, f"{bad} {t} rows with offsets outside main_text"
        assert scalar(con, "SELECT count(*) FROM articles WHERE main_chars <> length(main_text)") == 0
        assert scalar(con, "SELECT count(*) FROM articles WHERE run_id NOT IN "
                           "(SELECT run_id FROM etl_runs WHERE status = 'success')") == 0
        # source_files is the ledger: loaded <-> articles, quarantined <-> quarantine.
        sf_loaded = {r[0] for r in con.execute("SELECT source_path FROM source_files WHERE status = 'loaded'").fetchall()}
        sf_quar = {r[0] for r in con.execute("SELECT source_path FROM source_files WHERE status = 'quarantined'").fetchall()}
        arts = {r[0] for r in con.execute("SELECT source_path FROM articles").fetchall()}
        quar = {r[0] for r in con.execute("SELECT source_path FROM quarantine").fetchall()}
        assert sf_loaded == arts, f"source_files/articles disagree: {sorted(sf_loaded ^ arts)[:5]}"
        assert sf_quar == quar, f"source_files/quarantine disagree: {sorted(sf_quar ^ quar)[:5]}"
        assert not arts & quar
        cand = con.execute("""SELECT (SELECT coalesce(sum(occurrences), 0) FROM lexicon_candidates),
                                     (SELECT coalesce(sum(occurrences), 0) FROM candidate_terms)""").fetchone()
        assert cand[0] == cand[1], f"lexicon_candidates {cand[0]} <> candidate_terms {cand[1]}"
        assert scalar(con, "SELECT count(*) FROM diseases") > 0
        # The last row of etl_runs is a success whose counts are the tables' counts.
        last = con.execute("""SELECT run_id, status, mode, files_seen, files_loaded, files_unchanged, files_quarantined
                              FROM etl_runs ORDER BY run_id DESC LIMIT 1""").fetchone()
        assert last is not None and last[1] == "success", f"last run is not a success: {last}"
        run_id, _, mode, seen, loaded, unchanged, quarantined = last
        assert quarantined == len(quar), f"etl_runs says {quarantined} quarantined, table has {len(quar)}"
        assert scalar(con, "SELECT max(run_id) FROM etl_runs") == run_id
        assert len(set(r[0] for r in con.execute("SELECT run_id FROM etl_runs").fetchall())) == \
            scalar(con, "SELECT count(*) FROM etl_runs")
        if files_settled:
            pages = len(arts) + sum(not is_manifest(q) for q in quar)   # files_seen counts pages, not manifests
            assert seen == pages, f"etl_runs saw {seen} files, tables hold {pages}"
            if mode == "full":
                assert loaded == len(arts) and unchanged == 0, (loaded, unchanged, len(arts))


def _assert_mention_offsets(con: duckdb.DuckDBPyConnection) -> None:
    """substr(main_text, start_char + 1, end_char - start_char) = surface, for every mention.

    Checked in Python, one article at a time: DuckDB's substr walks the UTF-8 string from
    its start, so doing it in SQL is quadratic on a 20-million-character article.
    """
    # Aggregate before joining: a join row per mention would copy main_text once per mention.
    cur = con.execute("""SELECT a.article_id, a.main_text, a.body_end_char, m.spans
                         FROM articles a JOIN (SELECT article_id, list((start_char, end_char, surface)) AS spans
                                               FROM disease_mentions GROUP BY article_id) m USING (article_id)""")
    while rows := cur.fetchmany(50):
        for article_id, text, body_end, mentions in rows:
            for start, end, surface in mentions:
                assert text[start:end] == surface and end <= body_end, \
                    f"mention {article_id}[{start}:{end}] is not {surface!r}"


def leftover_temps(db: Path) -> list[Path]:
    prefix = f".{db.name}{TMP_MARK}"
    return sorted(p for p in db.parent.iterdir() if p.name.startswith(prefix))


@dataclass(frozen=True)
class Digest:
    """What a run produced, independent of run ids and timestamps."""

    articles: tuple[tuple[str, str], ...]      # (source_path, content_sha256)
    quarantine: tuple[tuple[str, str], ...]    # (source_path, reason)
    mentions: int
    sections: int

    def __str__(self) -> str:
        return f"<{len(self.articles)} articles, {len(self.quarantine)} quarantined, {self.mentions} mentions>"


def digest(db: Path) -> Digest:
    with reading(db) as con:
        return Digest(
            tuple(con.execute("SELECT source_path, content_sha256 FROM articles ORDER BY 1").fetchall()),
            tuple(con.execute("SELECT source_path, reason FROM quarantine ORDER BY 1").fetchall()),
            int(scalar(con, "SELECT count(*) FROM disease_mentions")),  # type: ignore[arg-type]
            int(scalar(con, "SELECT count(*) FROM sections")),  # type: ignore[arg-type]
        )


def cli_env() -> dict[str, str]:
    """The environment for `python -m app.cli` subprocesses: no STEMWATCH_* settings leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEMWATCH_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def cli_etl_cmd(seeds: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", "etl", "--seeds", str(seeds), "--db", str(db), *extra]


def run_cli_etl(seeds: Path, db: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_etl_cmd(seeds, db, *extra), cwd=ROOT, env=cli_env(), capture_output=True,
                          text=True, timeout=timeout, check=False)


def seed_texts() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(SEEDS.iterdir()) if p.is_file()]


def make_variants(folder: Path, copies: int, salt: str = "") -> list[Path]:
    """``copies`` files made from the real seeds, each with a different hash (and a subfolder or two)."""
    seeds = seed_texts()
    out = []
    for i in range(copies):
        name, data = seeds[i % len(seeds)]
        sub = folder / f"batch{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"v{i:04d}_{name}"
        p.write_bytes(data + f"\n\n编号{i}{salt}：干细胞治疗糖尿病的随访仍在进行。\n".encode())
        out.append(p)
    return out


def table_rows(db: Path, ignore: frozenset[str] = frozenset({"run_id", "seen_at"}),
               skip: frozenset[str] = frozenset({"etl_runs"})) -> dict[str, list[tuple]]:
    """Every row of every table (but ``skip``), sorted, without the ``ignore`` columns: for comparing builds."""
    out: dict[str, list[tuple]] = {}
    with reading(db) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        for t in tables:
            if t in skip:
                continue
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [t]).fetchall()
                if r[0] not in ignore]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[t] = con.execute(f"SELECT {quoted} FROM {t} ORDER BY ALL").fetchall()
    return out


def growth(run: Callable[[int], object], n: int, times: int = 8) -> float:
    """How much the CPU time of ``run(times * n)`` exceeds ``run(n)``'s, best of three each.

    A linear pass grows ``times``-fold, a quadratic one ``times**2``-fold. Process CPU time of the
    same process at two sizes is compared, never a wall-clock limit: other work on the machine
    slows both sizes alike, so the ratio does not depend on the machine or its load. The small
    size is run ``times`` times as often (the same CPU budget as the large one): a run of a few
    milliseconds, best of three, could still catch a busy moment of a loaded machine and pass
    for a superlinear growth (24.03x for a linear ~10x once, in a CI run beside two other jobs).
    """
    def best(size: int, rounds: int) -> float:
        spent = []
        for _ in range(rounds):
            t0 = time.process_time()
            run(size)
            spent.append(time.process_time() - t0)
        return max(min(spent), 1e-4)
    run(n)  # warm caches (lexicon, compiled patterns) outside the measurement
    # The cyclic garbage collector is off while measuring: late in a long test process its full
    # collections walk every object the earlier tests left, and a large run that triggers one
    # read 26x for a linear ~10x (CI at 916a49a). What is measured is the code's own work.
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        return best(times * n, 3) / best(n, 3 * times)
    finally:
        if was_enabled:
            gc.enable()
