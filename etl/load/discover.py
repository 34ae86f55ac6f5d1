"""Find the seed files: every regular file under the seeds folder, recursively.

Hidden entries (names starting with ".") and editor backups ("~" suffix) are ignored.
Symbolic links to files are followed; links to folders are not (they could loop) and,
like broken links, link loops, FIFOs and devices, come back with an error so the run
quarantines them with a reason instead of hanging or crashing. So do names that are not
UTF-8 (Linux names are bytes): they cannot be stored as text, so they are quarantined as
``bad_file_name`` under their name with the bad bytes written as ``\\xNN``.
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
    path: str                # full path to open (a string: 50,000 Path objects cost ~0.3 s a run)
    size: int | None = None
    mtime_ns: int | None = None
    error: tuple[str, str] | None = None   # (reason, detail) when it cannot be read at all


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def as_text(rel: str) -> str:
    """``rel`` as storable text: undecodable bytes (surrogate escapes from os.walk) become ``\\xNN``.

    A name that is not UTF-8 used to reach article_id_for() and the warehouse as a lone
    surrogate, and the UnicodeEncodeError failed every run until the file was renamed
    (tests/reliability/test_hostile_files.py::test_non_utf8_file_name_does_not_break_the_run).
    """
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_BAD_NAME = ("bad_file_name", "the file or folder name is not valid UTF-8, so it cannot be stored; rename the file")


def _entry(rel: str, full: str, **kw: object) -> SeedFile:
    text = as_text(rel)
    if text != rel:
        return SeedFile(text, full, error=_BAD_NAME)
    return SeedFile(rel, full, **kw)  # type: ignore[arg-type]


def discover(seeds: Path) -> list[SeedFile]:
    if not seeds.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds} does not exist or is not a folder")
    out: list[SeedFile] = []
    walk_errors: list[OSError] = []
    root = os.fspath(seeds)
    # Plain strings inside the walk: pathlib's joins and relative_to cost ~50 us a file, which at
    # 50,000 files was most of a one-file refresh (benchmarks/results/refresh.md).
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=walk_errors.append):
        rel_dir = os.path.relpath(dirpath, root)
        prefix = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
        keep_dirs = []
        for d in sorted(dirnames):
            if _ignored(d):
                continue
            full_s = os.path.join(dirpath, d)
            if os.path.islink(full_s):
                out.append(_entry(prefix + d, full_s, error=("unreadable", "symbolic link to a folder: not followed, so it cannot loop")))
                continue
            keep_dirs.append(d)
        dirnames[:] = keep_dirs
        for name in sorted(filenames):
            if _ignored(name):
                continue
            full_s = os.path.join(dirpath, name)
            rel = prefix + name
            if as_text(rel) != rel:
                out.append(_entry(rel, full_s))
                continue
            try:
                st = os.stat(full_s)
            except OSError as exc:
                is_link = os.path.islink(full_s)
                if exc.errno == errno.ELOOP:
                    detail = "symbolic link loop"
                elif exc.errno == errno.ENOENT:
                    detail = "broken symbolic link or file deleted while scanning" if is_link else "file deleted while scanning"
                    if not is_link:
                        continue  # gone: nothing to account for
                else:
                    detail = f"cannot stat: {exc.strerror}"
                out.append(SeedFile(rel, full_s, error=("unreadable", detail)))
                continue
            if not statmod.S_ISREG(st.st_mode):
                out.append(SeedFile(rel, full_s, st.st_size, st.st_mtime_ns,
                                    error=("not_regular_file", "not a regular file (FIFO, socket or device): never opened")))
                continue
            out.append(SeedFile(rel, full_s, st.st_size, st.st_mtime_ns))
    for exc in walk_errors:
        if exc.filename:
            try:
                rel = Path(exc.filename).relative_to(seeds).as_posix()
            except ValueError:
                continue
            if rel != ".":
                out.append(_entry(rel, os.fspath(exc.filename), error=("unreadable", f"cannot list folder: {exc.strerror}")))
    # Escaping can map two names to one text ("caf\\xe9" spelled out and the byte 0xE9):
    # keep one entry per path (the readable one), or the run would fail on a primary key.
    unique: dict[str, SeedFile] = {}
    for f in sorted(out, key=lambda f: (f.rel, f.error is not None)):
        unique.setdefault(f.rel, f)
    return list(unique.values())
