"""Load and validate a gold file (the format of the dev corpus's gold.json).

A researcher labels their own pages by hand, so a typo must come back as a message that
names the entry and the field, never as a KeyError halfway through scoring.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from etl.errors import StemwatchError
from etl.knowledge.vocabulary import load_vocabulary

LABELS = ("asserted", "hedged", "negated", "neutral")


class GoldError(StemwatchError):
    """The gold file is malformed; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class GoldMention:
    surface: str
    canonical: str
    context: str | None       # None: the occurrence counts for precision/recall, not for context
    sentence: str


@dataclass(frozen=True)
class GoldPage:
    file: str
    url: str | None
    title: str | None
    published_date: str | None
    source_type: str
    language: str
    must_contain: tuple[str, ...]
    must_not_contain: tuple[str, ...]
    mentions: tuple[GoldMention, ...]
    mentions_optional: tuple[str, ...]


def _where(path: str, i: int, entry: object) -> str:
    name = entry.get("file") if isinstance(entry, dict) else None
    return f"{path}: entry {i}" + (f" ({name})" if isinstance(name, str) else "")


def _str_list(where: str, entry: dict, key: str, required: bool = True) -> tuple[str, ...]:
    if key not in entry:
        if required:
            raise GoldError(f"{where}: missing field {key!r}")
        return ()
    val = entry[key]
    if not isinstance(val, list) or not all(isinstance(s, str) and s.strip() for s in val):
        raise GoldError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(val)


def _opt_str(where: str, entry: dict, key: str) -> str | None:
    if key not in entry:
        raise GoldError(f"{where}: missing field {key!r} (use null when unknown)")
    val = entry[key]
    if val is not None and (not isinstance(val, str) or not val.strip()):
        raise GoldError(f"{where}: {key!r} must be a non-empty string or null, got {val!r}")
    return val


def _mention(where: str, j: int, m: object) -> GoldMention:
    here = f"{where}: mentions[{j}]"
    if not isinstance(m, dict):
        raise GoldError(f"{here}: must be an object")
    for key in ("surface", "canonical", "sentence"):
        if not isinstance(m.get(key), str) or not m[key].strip():
            raise GoldError(f"{here}: {key!r} must be a non-empty string")
    ctx = m.get("context")
    if ctx is not None and ctx not in LABELS:
        raise GoldError(f"{here}: context {ctx!r} is not one of {', '.join(LABELS)} (or null)")
    if m["surface"] not in m["sentence"]:
        raise GoldError(f"{here}: surface {m['surface']!r} does not occur in its sentence {m['sentence']!r}")
    return GoldMention(m["surface"], m["canonical"], ctx, m["sentence"])


def parse_gold(data: object, path: str = "gold") -> list[GoldPage]:
    """Validate decoded JSON into GoldPage records (pure: tests feed it data directly)."""
    if not isinstance(data, list):
        raise GoldError(f"{path}: the gold file must be a JSON list of page objects")
    pages: list[GoldPage] = []
    seen: set[str] = set()
    for i, entry in enumerate(data):
        where = _where(path, i, entry)
        if not isinstance(entry, dict):
            raise GoldError(f"{where}: must be an object")
        file = entry.get("file")
        if not isinstance(file, str) or not file.strip():
            raise GoldError(f"{where}: 'file' must be the page's file name under the pages folder")
        if file in seen:
            raise GoldError(f"{where}: file {file!r} appears twice")
        seen.add(file)
        date = _opt_str(where, entry, "published_date")
        if date is not None:
            try:
                ok = dt.date.fromisoformat(date).isoformat() == date
            except ValueError:
                ok = False
            if not ok:
                raise GoldError(f"{where}: published_date {date!r} is not a YYYY-MM-DD date")
        st = entry.get("source_type")
        source_types = load_vocabulary().values("source_types")
        if st not in source_types:
            raise GoldError(f"{where}: source_type {st!r} is not one of {', '.join(source_types)}")
        lang = entry.get("language")
        if not isinstance(lang, str) or not lang.strip():
            raise GoldError(f"{where}: 'language' must be a string such as zh-Hans, zh-Hant or en")
        mentions = entry.get("mentions", [])
        if not isinstance(mentions, list):
            raise GoldError(f"{where}: 'mentions' must be a list")
        url = entry.get("url")
        pages.append(GoldPage(
            file=file, url=url if isinstance(url, str) else None, title=_opt_str(where, entry, "title"),
            published_date=date, source_type=st, language=lang,
            must_contain=_str_list(where, entry, "must_contain"),
            must_not_contain=_str_list(where, entry, "must_not_contain", required=False),
            mentions=tuple(_mention(where, j, m) for j, m in enumerate(mentions)),
            mentions_optional=_str_list(where, entry, "mentions_optional", required=False)))
    return pages


def load_gold(path: Path) -> list[GoldPage]:
    """Read and validate a gold file; GoldError for anything a person must fix."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GoldError(f"{path}: gold file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the gold file: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    return parse_gold(data, str(path))
