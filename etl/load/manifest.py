"""The crawl manifest: the address each page was fetched from, beside the pages themselves.

A crawler always knows the address it fetched, and the page's own text often does not say
who publishes it (an untitled excerpt, a clinic's knowledge page without its navigation).
A seeds folder may therefore hold, at its top level:

- ``manifest.csv``: a header with the columns ``file`` and ``url`` (any others are ignored),
  one row per page: ``file`` is the path relative to the seeds folder (forward slashes);
- ``manifest.jsonl``: one JSON object per line with the keys ``file`` and ``url``;
- ``manifest.json``: a JSON list of such objects, or one object mapping file to url.

``path``/``filename`` are read as ``file`` and ``address``/``source_url`` as ``url`` (crawlers
name them differently). Several may be present; they are read together. A manifest is never a page itself: it is
recorded in ``source_files`` with status ``manifest`` (so a change to it triggers a run), and
the address of each page it names becomes part of that page's parse input
(:func:`etl.parse.parse_document`'s ``address``), stored in ``source_files.crawl_url``: when a
page's address changes, that page alone is parsed again on the next incremental run.

Bad rows (no file, an address that is not http(s), one file given two addresses) are skipped
and listed in one quarantine row for the manifest (reason ``bad_manifest``); the run goes on
and the pages they name are loaded without a crawl address. Rows naming a file that is not in
the folder are not errors (a crawl manifest lists pages that failed to download too).

Reading is split in two: :func:`parse_manifest` (text in, addresses and problems out: pure)
and :func:`read_manifest` (opens the files).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from etl.load.discover import SeedFile

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl", "manifest.json")
FILE_KEYS = ("file", "path", "filename", "file_name")
URL_KEYS = ("url", "address", "source_url")
MAX_ADDRESS = 2048
MAX_MANIFEST_BYTES = 64 * 2**20
SHOWN_PROBLEMS = 20   # problems spelled out in the quarantine detail; the rest are counted


def is_manifest(rel: str) -> bool:
    """Is this seeds entry (relative path) a manifest rather than a page?"""
    return rel in MANIFEST_NAMES


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")
# The common shape, decided without urlsplit: an http(s) scheme, a plain host name, an optional
# port, then a path, query, fragment or the end (a 100,000-row manifest is read at every run).
_PLAIN_WEB_ADDRESS = re.compile(r"(?i:https?)://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?(?:[/?#]|\Z)")


def address_problem(url: object) -> str | None:
    """Why ``url`` cannot be a page's crawl address (None when it can)."""
    if not isinstance(url, str) or not url.strip():
        return "no address in 'url'"
    url = url.strip()
    if len(url) > MAX_ADDRESS:
        return f"address longer than {MAX_ADDRESS} characters"
    if _SPACE_OR_CONTROL.search(url):
        return "address contains spaces or control characters"
    if _PLAIN_WEB_ADDRESS.match(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return f"not a web address: {url[:80]!r}"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return f"not an http(s) address: {url[:80]!r}"
    return None


def file_key(name: str) -> str:
    """A manifest's ``file`` as a seeds-relative path: forward slashes, no leading ``./``."""
    key = name.strip().replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


@dataclass
class Manifest:
    """Addresses by page (seeds-relative path) and, per manifest file, what was wrong with it."""

    addresses: dict[str, str] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)   # manifest name -> problems
    files: list[SeedFile] = field(default_factory=list)            # the manifest entries themselves
    held: list[str] = field(default_factory=list)                  # still being written: not read this run

    def detail(self, name: str) -> str:
        """The quarantine detail for manifest ``name``: its problems, the first few spelled out."""
        probs = self.problems.get(name, [])
        shown = "; ".join(probs[:SHOWN_PROBLEMS])
        more = f"; ... {len(probs) - SHOWN_PROBLEMS} more" if len(probs) > SHOWN_PROBLEMS else ""
        return f"{len(probs)} manifest row(s) skipped: {shown}{more}"


Row = tuple[int, object, object]   # (line or entry number, file, url)


def _pick(obj: dict, keys: tuple[str, ...]) -> object:
    return next((obj[k] for k in keys if k in obj), None)


def _rows_csv(text: str) -> tuple[list[Row], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not set(header) & set(FILE_KEYS) or not set(header) & set(URL_KEYS):
        return [], ["line 1: the header must name the columns 'file' and 'url'"]
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, _pick(row, FILE_KEYS), _pick(row, URL_KEYS)))
    except csv.Error as exc:
        return rows, [f"line {reader.line_num}: not valid CSV ({exc})"]
    return rows, []


def _object_row(n: int, obj: object, rows: list[Row], problems: list[str], where: str) -> None:
    if isinstance(obj, dict):
        rows.append((n, _pick(obj, FILE_KEYS), _pick(obj, URL_KEYS)))
    else:
        problems.append(f"{where} {n}: must be a JSON object with 'file' and 'url'")


def _rows_jsonl(text: str) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    problems: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            problems.append(f"line {n}: JSON nested too deeply")
            continue
        _object_row(n, obj, rows, problems, "line")
    return rows, problems


def _rows_json(text: str) -> tuple[list[Row], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [f"line {exc.lineno}: not valid JSON ({exc.msg})"]
    except RecursionError:
        return [], ["JSON nested too deeply"]
    rows: list[Row] = []
    problems: list[str] = []
    if isinstance(data, dict):   # {"a.txt": "https://...", ...}
        return [(n, k, v) for n, (k, v) in enumerate(data.items(), start=1)], []
    if not isinstance(data, list):
        return [], ["must be a JSON list of {file, url} objects or an object mapping file to url"]
    for n, obj in enumerate(data, start=1):
        _object_row(n, obj, rows, problems, "entry")
    return rows, problems


def unit_of(name: str) -> str:
    """What a manifest's row numbers count: lines, or entries of a JSON list."""
    return "entry" if name.endswith(".json") else "line"


def parse_manifest(name: str, text: str) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """(address and line by file, problems) of one manifest's text. Pure.

    A file listed twice with the same address is fine; with two addresses it gets neither
    (which one the crawler fetched is unknown).
    """
    text = text.removeprefix("\ufeff")
    read = _rows_jsonl if name.endswith(".jsonl") else _rows_json if name.endswith(".json") else _rows_csv
    rows, problems = read(text)
    unit = unit_of(name)
    out: dict[str, tuple[int, str]] = {}
    conflicted: set[str] = set()
    for line, file, url in rows:
        if not isinstance(file, str) or not file_key(file):
            problems.append(f"{unit} {line}: no file name in 'file'")
            continue
        key = file_key(file)
        why = address_problem(url)
        if why:
            problems.append(f"{unit} {line}: {key}: {why}")
            continue
        url = str(url).strip()
        if key in out and out[key][1] != url:
            problems.append(f"{unit} {line}: {key}: a second, different address (first on {unit} {out[key][0]}); "
                            "the page is loaded without one")
            conflicted.add(key)
            continue
        out.setdefault(key, (line, url))
    for key in conflicted:
        out.pop(key, None)
    return out, problems


def _read_text(f: SeedFile) -> tuple[str | None, str | None]:
    """(text, problem) of a manifest file."""
    if f.error:
        return None, f.error[1]
    try:
        with open(f.path, "rb") as fh:
            data = fh.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if len(data) > MAX_MANIFEST_BYTES:
        return None, f"larger than {MAX_MANIFEST_BYTES // 2**20} MiB"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte {exc.start})"


def read_manifest(files: Sequence[SeedFile], given: Mapping[str, str] | None = None, *,
                  hold: Collection[str] = (), previous: Mapping[str, str] | None = None) -> Manifest:
    """The addresses of the manifests among ``files``; ``given`` (e.g. a gold file's urls) is
    checked the same way and wins over a manifest row for the same page.

    ``hold``: entries still being written (the scheduler's look); when a manifest is among them
    none is read this run and every page keeps ``previous`` (the addresses it was parsed with).
    """
    manifests = [f for f in files if is_manifest(f.rel)]
    if any(f.rel in hold for f in manifests):
        m = Manifest(addresses=dict(previous or {}), held=[f.rel for f in manifests])
    else:
        m = _read_all(manifests)
    for key, url in (given or {}).items():
        if address_problem(url) is None:
            m.addresses[file_key(key)] = url.strip()
    return m


def _read_all(manifests: list[SeedFile]) -> Manifest:
    m = Manifest(files=manifests)
    found: dict[str, tuple[str, str]] = {}   # file -> (address, where)
    conflicted: set[str] = set()
    for f in sorted(m.files, key=lambda f: f.rel):
        text, why = _read_text(f)
        if text is None:
            m.problems[f.rel] = [why or "unreadable"]
            continue
        rows, problems = parse_manifest(f.rel, text)
        for key, (line, url) in rows.items():
            if key in found and found[key][0] != url:
                problems.append(f"{unit_of(f.rel)} {line}: {key}: another address than {found[key][1]}; "
                                "the page is loaded without one")
                conflicted.add(key)
                continue
            found.setdefault(key, (url, f"{f.rel} {unit_of(f.rel)} {line}"))
        if problems:
            m.problems[f.rel] = problems
    m.addresses = {k: v[0] for k, v in found.items() if k not in conflicted}
    return m
