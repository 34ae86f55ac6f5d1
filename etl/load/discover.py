"""Find the seed files: every regular file under the seeds folder, recursively.

Hidden entries (names starting with ".") and editor backups ("~" suffix) are ignored.
Symbolic links to files inside the seeds folder are followed; links to folders are not
(they could loop) and, like broken links, link loops, FIFOs and devices, come back with an
error so the run quarantines them with a reason instead of hanging or crashing. A link whose
resolved path is outside the seeds folder is never read (``ln -s /etc/passwd seeds/x.txt``
published the password file): it is quarantined as ``outside_seeds``. Names that are not
UTF-8 (Linux names are bytes) cannot be stored as text, so they are quarantined as
``bad_file_name`` under their name with the bad bytes written as ``\\xNN``; when that text
is already another entry's name, a suffix keeps the two apart (see :func:`stored_names`).
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


def as_text(rel: str) -> str:
    """``rel`` as storable text: undecodable bytes (surrogate escapes from os.walk) become ``\\xNN``.

    A name that is not UTF-8 used to reach article_id_for() and the warehouse as a lone
    surrogate, and the UnicodeEncodeError failed every run until the file was renamed
    (tests/reliability/test_hostile_files.py::test_non_utf8_file_name_does_not_break_the_run).
    """
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def stored_names(rels: list[str]) -> dict[str, str]:
    """The text each entry is stored under, keyed by its raw relative path (surrogate-escaped).

    ``as_text`` can map two names to one text ("caf\\xe9" spelled out and the byte 0xE9);
    dropping one left a file in neither articles nor quarantine. Readable names keep their
    text; an escaped name that is taken gets ``" (undecodable name N)"`` with the first free N,
    in sorted order, so discover() and the scheduler's scan agree on every name.
    """
    out = {rel: rel for rel in rels if as_text(rel) == rel}
    taken = set(out.values())
    for rel in sorted(r for r in rels if r not in out):
        text = as_text(rel)
        n = 1
        while text in taken:
            n += 1
            text = f"{as_text(rel)} (undecodable name {n})"
        taken.add(text)
        out[rel] = text
    return out


_BAD_NAME = ("bad_file_name", "the file or folder name is not valid UTF-8, so it cannot be stored; rename the file")
OUTSIDE = ("outside_seeds", "symbolic link to a path outside the seeds folder: never read")
_FOLDER_LINK = ("unreadable", "symbolic link to a folder: not followed, so it cannot loop")


def inside(real: str, root: str) -> bool:
    """Is the resolved path ``real`` the folder ``root`` (resolved) or under it?"""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def link_problem(full: str, root: str, is_dir: bool) -> tuple[str, str] | None:
    """Why a symbolic link that stat() could follow must not be read, or None when it may be."""
    if not inside(os.path.realpath(full), root):
        return OUTSIDE
    return _FOLDER_LINK if is_dir else None


def discover(seeds: Path) -> list[SeedFile]:
    if not seeds.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds} does not exist or is not a folder")
    root = os.path.realpath(seeds)
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
                out.append(SeedFile(rel, full, error=link_problem(str(full), root, True)))
                continue
            keep_dirs.append(d)
        dirnames[:] = keep_dirs
        for name in sorted(filenames):
            if _ignored(name):
                continue
            full = base / name
            rel = full.relative_to(seeds).as_posix()
            if as_text(rel) != rel:
                out.append(SeedFile(rel, full, error=_BAD_NAME))
                continue
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
            path = full
            if full.is_symlink():
                problem = link_problem(str(full), root, statmod.S_ISDIR(st.st_mode))
                if problem is not None:
                    out.append(SeedFile(rel, full, error=problem))
                    continue
                # Read the resolved target, checked inside: a link retargeted after this look
                # cannot send the reader outside the folder.
                path = Path(os.path.realpath(full))
            if not statmod.S_ISREG(st.st_mode):
                out.append(SeedFile(rel, full, st.st_size, st.st_mtime_ns,
                                    error=("not_regular_file", "not a regular file (FIFO, socket or device): never opened")))
                continue
            out.append(SeedFile(rel, path, st.st_size, st.st_mtime_ns))
    for exc in walk_errors:
        if exc.filename:
            try:
                rel = Path(exc.filename).relative_to(seeds).as_posix()
            except ValueError:
                continue
            if rel != ".":
                out.append(SeedFile(rel, Path(exc.filename), error=("unreadable", f"cannot list folder: {exc.strerror}")))
    names = stored_names([f.rel for f in out])
    unique: dict[str, SeedFile] = {}
    for f in out:
        text = names[f.rel]
        if text != f.rel:
            f = SeedFile(text, f.path, error=_BAD_NAME)
        unique.setdefault(text, f)
    return [unique[k] for k in sorted(unique)]
