"""Shared fixtures: real warehouses built by the real ETL from the real seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.load.run import run_etl
from etl.parse import ParsedDocument, parse_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"
SEED_NAMES = sorted(p.name for p in SEEDS.iterdir() if p.is_file())


def seed_path(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` (e.g. "001")."""
    matches = [SEEDS / n for n in SEED_NAMES if n.startswith(prefix)]
    assert len(matches) == 1, f"expected one seed starting with {prefix}, found {matches}"
    return matches[0]


def make_corpus(folder: Path, n: int) -> int:
    """``n`` files from the seeds, each made distinct; one binary file that must be quarantined."""
    seeds = sorted(p for p in SEEDS.iterdir() if p.is_file())
    for i in range(n):
        src = seeds[i % len(seeds)]
        sub = folder / f"part{i // 20}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:03d}_{src.name}").write_bytes(src.read_bytes() + f"\n\n（第{i}号）\n".encode())
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return n + 1


def parse_seed(prefix: str) -> ParsedDocument:
    p = seed_path(prefix)
    return parse_document(p.name, p.read_bytes(), load_rules(), load_lexicon(), load_triggers())


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture()
def fresh_seeds(tmp_path: Path) -> Path:
    """A private copy of the five seeds that a test may change."""
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by the real ETL from the five real seeds (treat as read-only)."""
    d = tmp_path_factory.mktemp("seeded")
    db = d / "stemwatch.duckdb"
    res = run_etl(SEEDS, db, workers=1)
    assert res.status == "success" and res.files_loaded == len(SEED_NAMES)
    return db


@pytest.fixture(scope="session")
def xss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus hostile pages (<script>, <img onerror>, javascript: links, <iframe>)."""
    d = tmp_path_factory.mktemp("xss")
    seeds = d / "seeds"
    shutil.copytree(SEEDS, seeds)
    for f in (CASES / "xss").iterdir():
        shutil.copy(f, seeds / f.name)
    db = d / "stemwatch.duckdb"
    res = run_etl(seeds, db, workers=1)
    assert res.files_loaded == len(SEED_NAMES) + 2, res.quarantined_now
    return db
