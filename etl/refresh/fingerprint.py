"""Has the seeds folder changed since the warehouse was built?

A cheap stat pass first (one ``stat`` per file, no reading), compared with the
``source_files`` table of the published warehouse; only a file whose size stayed the same
while its mtime moved is hashed, to tell a real edit from a touch. A file whose stat moved
between two looks is still being written and is left for the next tick.

The scan is etl/load/discover.py's own walk (the one definition of which files are seeds),
kept to strings and one stat per entry, so an idle look at 10,000 files stays well under a
tenth of a second.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from etl.load.discover import SeedFile, examine, walk
from warehouse import db as wh

# (size, mtime_ns, ctime_ns) of one seed; (0, 0, 0) for an entry discover() reports as unreadable.
Stat = tuple[int, int, int]
NO_STAT: Stat = (0, 0, 0)


def _stat(found: SeedFile) -> Stat:
    return (found.size, found.mtime_ns, found.ctime_ns) if found.size is not None else NO_STAT


def scan(seeds: Path) -> dict[str, Stat]:
    """Every entry discover() returns, by relative path (forward slashes): its stat, or NO_STAT."""
    return {f.rel: _stat(f) for f in walk(seeds)}


def stat_one(seeds: Path, rel: str) -> Stat | None:
    """One entry's stat as scan() would record it; None when it vanished."""
    full = os.path.join(seeds, rel)
    found = examine(rel, full, os.path.islink(full), os.path.realpath(seeds))
    return None if found is None else _stat(found)


@dataclass(frozen=True)
class Loaded:
    """What the published warehouse says it loaded: ``source_files`` by path."""

    files: dict[str, tuple[int, int, str]]   # rel -> (file_bytes, mtime_ns, content_sha256)
    version: wh.Version | None


def read_loaded(db: Path) -> Loaded:
    """The warehouse's ``source_files``; empty when there is no readable warehouse yet."""
    v = wh.version(db)
    if v is None:
        return Loaded({}, None)
    try:
        with wh.reading(db) as con:
            rows = con.execute("SELECT source_path, file_bytes, mtime_ns, content_sha256 FROM source_files").fetchall()
    except Exception:  # unreadable or foreign file: everything counts as added, the ETL rebuilds
        return Loaded({}, v)
    return Loaded({r[0]: (int(r[1]), int(r[2]), r[3] or "") for r in rows}, v)


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class HashCache:
    """sha256 by (path, size, mtime_ns), so a touched file is hashed once, not on every tick."""

    known: dict[tuple[str, int, int], str] = field(default_factory=dict)
    hashed: int = 0

    def get(self, seeds: Path, rel: str, st: Stat) -> str | None:
        key = (rel, st[0], st[1])
        if key not in self.known:
            try:
                self.known[key] = sha256_file(os.path.join(seeds, rel))
            except OSError:
                return None
            self.hashed += 1
        return self.known[key]

    def keep_only(self, snapshot: Mapping[str, Stat]) -> None:
        self.known = {k: v for k, v in self.known.items() if snapshot.get(k[0], NO_STAT)[:2] == k[1:]}


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    touched: tuple[str, ...] = ()      # mtime moved, content identical: no run needed

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)

    def __bool__(self) -> bool:
        return self.count > 0

    def describe(self, limit: int = 3) -> str:
        parts = []
        for label, paths in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            if paths:
                shown = ", ".join(paths[:limit]) + (f", ... {len(paths) - limit} more" if len(paths) > limit else "")
                parts.append(f"{len(paths)} {label} ({shown})")
        return "; ".join(parts) or "no change"


def compare(seeds: Path, snapshot: Mapping[str, Stat], loaded: Loaded, hashes: HashCache,
            covered: Mapping[str, Stat] | None = None) -> Changes:
    """Diff the folder against the warehouse.

    ``covered`` holds stats a successful run has already seen for paths it recorded
    differently (an unreadable file is stored with size 0 and mtime 0): seeing the same
    stat again is not a change, or such a file would trigger a run on every tick.
    """
    covered = covered or {}
    added, changed, touched = [], [], []
    for rel, st in snapshot.items():
        old = loaded.files.get(rel)
        if old is None:
            added.append(rel)
            continue
        if (st[0], st[1]) == (old[0], old[1]) or covered.get(rel) == st:
            continue
        if st[0] != old[0] or not old[2] or st == NO_STAT:
            changed.append(rel)     # another size (or nothing to compare): changed, no need to hash
            continue
        sha = hashes.get(seeds, rel, st)
        if sha is not None and sha == old[2]:
            touched.append(rel)
        else:
            changed.append(rel)
    removed = [rel for rel in loaded.files if rel not in snapshot]
    return Changes(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(removed)), tuple(sorted(touched)))


def unsettled(seeds: Path, paths: Iterable[str], snapshot: Mapping[str, Stat],
              previous: Mapping[str, Stat] | None, wait: float,
              sleep: Callable[[float], None] = time.sleep, now: Callable[[], float] = time.time) -> list[str]:
    """The paths still being written: their stat differs between two looks ``wait`` seconds apart.

    The first look can be the previous tick, when it saw the same stat (quiet for a whole
    interval). A file whose mtime is already ``wait`` seconds old has not been written since
    (a writer moves the mtime with every write), so the folder's own record serves as the
    earlier look; only files written more recently get a second look, after the rest of ``wait``.
    """
    fresh = [rel for rel in paths if snapshot[rel] != NO_STAT      # nothing readable there: nothing to wait for
             and (previous is None or previous.get(rel) != snapshot[rel])]
    t = now()
    young = {rel: t - snapshot[rel][1] / 1e9 for rel in fresh}
    young = {rel: age for rel, age in young.items() if age < wait}
    if not young:
        return []
    sleep(min(wait, max(wait - age for age in young.values())))
    return [rel for rel in young if stat_one(seeds, rel) != snapshot[rel]]


def newest_mtime_ns(snapshot: Mapping[str, Stat]) -> int | None:
    return max((st[1] for st in snapshot.values() if st[1]), default=None)


def pending(seeds: Path, db: Path) -> Changes:
    """What a refresh would pick up now (used by `stemwatch status`)."""
    return compare(seeds, scan(seeds), read_loaded(db), HashCache())


@dataclass
class Check:
    """One look at the folder: what changed, what is still being written, and when we looked."""

    snapshot: dict[str, Stat]
    changes: Changes
    unsettled: tuple[str, ...]
    seconds: float

    @property
    def settled(self) -> Changes:
        """The changes a run can load now: everything but the files still being written."""
        waiting = set(self.unsettled)
        c = self.changes
        return Changes(tuple(r for r in c.added if r not in waiting), tuple(r for r in c.changed if r not in waiting),
                       c.removed, c.touched)

    @property
    def ready(self) -> bool:
        return bool(self.settled)


class Tracker:
    """The scheduler's memory between ticks: last look, the warehouse's source_files, hashes."""

    def __init__(self, seeds: Path, db: Path, settle_seconds: float = 0.5) -> None:
        self.seeds = Path(seeds)
        self.db = Path(db)
        self.settle_seconds = settle_seconds
        self.previous: dict[str, Stat] | None = None
        self.covered: dict[str, Stat] = {}
        self.hashes = HashCache()
        self._loaded: Loaded | None = None

    def loaded(self) -> Loaded:
        """source_files of the published warehouse, re-read only when a run has published."""
        v = wh.version(self.db)
        if self._loaded is None or self._loaded.version != v:
            self._loaded = read_loaded(self.db)
        return self._loaded

    def check(self) -> Check:
        t0 = time.perf_counter()
        snap = scan(self.seeds)
        changes = compare(self.seeds, snap, self.loaded(), self.hashes, self.covered)
        moving = unsettled(self.seeds, (*changes.added, *changes.changed), snap, self.previous, self.settle_seconds)
        self.previous = snap
        self.hashes.keep_only(snap)
        return Check(snap, changes, tuple(sorted(moving)), time.perf_counter() - t0)

    def after_run(self, check: Check | None) -> None:
        """Remember what a successful run was shown, so a file it stored as (0, 0) is not re-run forever."""
        self._loaded = None
        if check is None:
            self.covered.clear()
            return
        waiting = set(check.unsettled)
        loaded = self.loaded().files
        self.covered = {rel: st for rel, st in check.snapshot.items()
                        if rel not in waiting and rel in loaded and (st[0], st[1]) != loaded[rel][:2]}
