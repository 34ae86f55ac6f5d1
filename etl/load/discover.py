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

This is the one definition of which files are seeds: ``walk`` applies it with strings and
one ``stat`` per entry (no Path objects, so the scheduler's idle look at 10,000 files stays
cheap); ``discover`` (the run) and etl/refresh/fingerprint.py (has the folder changed?)
both read its entries, and the scheduler's file watcher asks ``ignored`` about each name.
"""

from __future__ import annotations

import errno
import os
import stat as statmod
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple


class SeedFile(NamedTuple):
    """A seed entry as the run sees it (a tuple: tens of thousands are made per run, cheaply)."""

    rel: str                 # path relative to the seeds folder, forward slashes, as storable text
    path: str                # full path to open (a string: 50,000 Path objects cost ~0.3 s a run)
    size: int | None = None              # None when the entry cannot be stat'ed at all
    mtime_ns: int | None = None
    error: tuple[str, str] | None = None   # (reason, detail) when it cannot be read at all
    ctime_ns: int | None = None          # for the scheduler's look (etl/refresh/fingerprint.py)


def _seed(rel: str, path: str, st: os.stat_result | None, error: tuple[str, str] | None = None) -> SeedFile:
    if st is None:
        return SeedFile(rel, path, None, None, error)
    return SeedFile(rel, path, st.st_size, st.st_mtime_ns, error, st.st_ctime_ns)


def ignored(name: str) -> bool:
    """Hidden entries and editor backups are not seeds (a name, not a path)."""
    return name.startswith(".") or name.endswith("~")


def as_text(rel: str) -> str:
    """``rel`` as storable text: undecodable bytes (surrogate escapes from os.walk) become ``\\xNN``.

    A name that is not UTF-8 used to reach article_id_for() and the warehouse as a lone
    surrogate, and the UnicodeEncodeError failed every run until the file was renamed
    (tests/reliability/test_hostile_files.py::test_non_utf8_file_name_does_not_break_the_run).
    """
    if rel.isascii():
        return rel
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


def _unreadable(rel: str, path: str, detail: str) -> SeedFile:
    # The raw rel: walk() turns an undecodable one into its stored name (bad_file_name).
    return _seed(rel, path, None, _BAD_NAME if as_text(rel) != rel else ("unreadable", detail))


def examine(rel: str, path: str, is_symlink: bool, root: str) -> SeedFile | None:
    """The entry at ``path`` (not a real folder) as a seed; None when it vanished meanwhile.

    ``root`` is the resolved seeds folder: a link whose target lies outside it is never read.
    An undecodable ``rel`` comes back raw with ``bad_file_name``; walk() names it.
    """
    if as_text(rel) != rel:
        return _seed(rel, path, None, _BAD_NAME)
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _seed(rel, path, None, ("unreadable", "symbolic link loop"))
        if exc.errno == errno.ENOENT:
            if not is_symlink:
                return None  # deleted while scanning: nothing to account for
            return _seed(rel, path, None, ("unreadable", "broken symbolic link or file deleted while scanning"))
        return _seed(rel, path, None, ("unreadable", f"cannot stat: {exc.strerror}"))
    if is_symlink:
        problem = link_problem(path, root, statmod.S_ISDIR(st.st_mode))
        if problem is not None:
            return _seed(rel, path, None, problem)
        # Read the resolved target, checked inside: a link retargeted after this look
        # cannot send the reader outside the folder.
        path = os.path.realpath(path)
    if not statmod.S_ISREG(st.st_mode):
        return _seed(rel, path, st, ("not_regular_file", "not a regular file (FIFO, socket or device): never opened"))
    return _seed(rel, path, st)


def _entries(seeds: Path, root: str) -> list[SeedFile]:
    stack: list[tuple[str, str]] = [(os.fspath(seeds), "")]
    stat, is_reg, seed = os.stat, statmod.S_ISREG, SeedFile._make
    out: list[SeedFile] = []
    add = out.append
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            if prefix:
                add(_unreadable(prefix[:-1], folder, f"cannot list folder: {exc.strerror}"))
            continue
        for e in entries:
            name = e.name
            if name[0] == "." or name[-1] == "~":   # ignored(name), inline: 50,000 calls a run
                continue
            rel = prefix + name
            try:
                link = e.is_symlink()
                real_dir = not link and e.is_dir(follow_symlinks=False)
            except OSError as exc:
                add(_unreadable(rel, e.path, f"cannot stat: {exc.strerror}"))
                continue
            if real_dir:
                stack.append((e.path, rel + "/"))
                continue
            if not link and (rel.isascii() or as_text(rel) == rel):
                # The common case, inline (a call and a tuple less per file: 50,000 a run).
                path = e.path
                try:
                    st = stat(path)
                except OSError:
                    pass      # examine() below says why
                else:
                    if is_reg(st.st_mode):
                        add(seed((rel, path, st.st_size, st.st_mtime_ns, None, st.st_ctime_ns)))
                        continue
            found = examine(rel, e.path, link, root)
            if found is not None:
                add(found)
    return out


def walk(seeds: Path) -> list[SeedFile]:
    """Every seed entry under ``seeds``, one per stored name, sorted by stored name.

    Loaded or quarantined with the reason in ``error``; the one list both the run and the
    scheduler's look (etl/refresh/fingerprint.py) read.
    """
    if not seeds.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds} does not exist or is not a folder")
    found = _entries(seeds, os.path.realpath(seeds))
    if all(f.error is not _BAD_NAME for f in found):
        # Every name is its own stored text, and paths are distinct: nothing to rename.
        found.sort(key=itemgetter(0))   # by rel
        return found
    # Escaping can map two names to one text ("caf\\xe9" spelled out and the byte 0xE9):
    # stored_names gives the escaped one a suffix, so neither file is dropped.
    names = stored_names([f.rel for f in found])
    out: dict[str, SeedFile] = {}
    for f in found:
        text = names[f.rel]
        if text != f.rel:
            f = _seed(text, f.path, None, _BAD_NAME)
        out.setdefault(text, f)
    return [out[k] for k in sorted(out)]


def discover(seeds: Path) -> list[SeedFile]:
    """The seed files a run accounts for: loaded, or quarantined with the reason in ``error``."""
    return walk(seeds)
