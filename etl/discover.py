"""Find the seed files: every regular file under the seeds folder, recursively.

Hidden entries (names starting with ".") and editor backups ("~" suffix) are ignored.
Symbolic links to files are followed; links to folders are not (they could loop) and,
like broken links, link loops, FIFOs and devices, come back with an error so the run
quarantines them with a reason instead of hanging or crashing.
"""

from __future__ import annotations

import errno
import os
import stat as statmod
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SeedFile:
    rel: str                 # path relative to the seeds folder, forward slashes
    path: Path
    size: int | None = None
    mtime_ns: int | None = None
    error: tuple[str, str] | None = None   # (reason, detail) when it cannot be read at all


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def discover(seeds: Path) -> list[SeedFile]:
    if not seeds.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds} does not exist or is not a folder")
    out: list[SeedFile] = []
    walk_errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(seeds, followlinks=False, onerror=walk_errors.append):
        base = Path(dirpath)
        keep_dirs = []
        for d in sorted(dirnames):
            if _ignored(d):
                continue
            full = base / d
            if full.is_symlink():
                rel = full.relative_to(seeds).as_posix()
                out.append(SeedFile(rel, full, error=("unreadable", "symbolic link to a folder: not followed, so it cannot loop")))
                continue
            keep_dirs.append(d)
        dirnames[:] = keep_dirs
        for name in sorted(filenames):
            if _ignored(name):
                continue
            full = base / name
            rel = full.relative_to(seeds).as_posix()
            try:
                st = os.stat(full)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    detail = "symbolic link loop"
                elif exc.errno == errno.ENOENT:
                    detail = "broken symbolic link or file deleted while scanning" if full.is_symlink() else "file deleted while scanning"
                    if not full.is_symlink():
                        continue  # gone: nothing to account for
                else:
                    detail = f"cannot stat: {exc.strerror}"
                out.append(SeedFile(rel, full, error=("unreadable", detail)))
                continue
            if not statmod.S_ISREG(st.st_mode):
                out.append(SeedFile(rel, full, st.st_size, st.st_mtime_ns,
                                    error=("not_regular_file", "not a regular file (FIFO, socket or device): never opened")))
                continue
            out.append(SeedFile(rel, full, st.st_size, st.st_mtime_ns))
    for exc in walk_errors:
        if exc.filename:
            try:
                rel = Path(exc.filename).relative_to(seeds).as_posix()
            except ValueError:
                continue
            if rel != ".":
                out.append(SeedFile(rel, Path(exc.filename), error=("unreadable", f"cannot list folder: {exc.strerror}")))
    out.sort(key=lambda f: f.rel)
    return out
