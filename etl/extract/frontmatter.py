"""YAML front matter (Hexo/Jekyll style) at the top of a Markdown/HTML file. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from etl.knowledge.yamlfile import SAFE_LOADER


class _FrontMatterLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader without YAML's implicit timestamps: a date stays the text it was, read by
    our own date parser. PyYAML raised ValueError on an impossible one (date: 2023-13-45) and
    the whole front matter, title and url included, was dropped for it."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()}

_FM = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
MAX_FRONT_MATTER = 64 * 1024
_SCALARS = (str, int, float, bool)


@dataclass
class FrontMatter:
    fields: dict[str, object] = field(default_factory=dict)
    body: str = ""
    present: bool = False
    warning: str | None = None


def _scalar(v: object) -> str | None:
    if isinstance(v, _SCALARS):
        return str(v)[:1000]
    if hasattr(v, "isoformat"):  # date / datetime parsed by YAML
        return v.isoformat()  # type: ignore[no-any-return]
    return None


def split_front_matter(text: str) -> FrontMatter:
    """Split off front matter. Invalid YAML keeps the body and reports a warning.

    Only scalar values and flat lists of scalars are kept, so a YAML alias bomb
    (nested references) is never expanded into memory.
    """
    m = _FM.match(text)
    if not m:
        return FrontMatter(body=text)
    raw, body = m.group(1), text[m.end():]
    if len(raw) > MAX_FRONT_MATTER:
        return FrontMatter(body=body, present=True, warning=f"front matter larger than {MAX_FRONT_MATTER} bytes ignored")
    if raw.count("*") > 100 and raw.count("&") > 10:
        return FrontMatter(body=body, present=True, warning="front matter with many YAML aliases ignored (possible alias bomb)")
    try:
        data = yaml.load(raw, Loader=_FrontMatterLoader)  # the C safe loader, dates as text
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return FrontMatter(body=body, present=True, warning=f"invalid YAML front matter ignored: {first}")
    except RecursionError:
        return FrontMatter(body=body, present=True, warning="front matter nested too deeply; ignored")
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise plain ValueError on impossible timestamps
        # ("date: 2021-13-45"), which escaped parse_document as a parse_error instead of
        # a warning (tests/test_properties.py::test_parse_pages_offsets_schema_and_idempotence).
        return FrontMatter(body=body, present=True, warning=f"invalid YAML front matter ignored: {exc}"[:300])
    if data is None:
        return FrontMatter(body=body, present=True)
    if not isinstance(data, dict):
        return FrontMatter(body=body, present=True, warning="front matter is not a mapping; ignored")
    fields: dict[str, object] = {}
    for k, v in list(data.items())[:100]:
        key = str(k).lower()
        s = _scalar(v)
        if s is not None:
            fields[key] = s
        elif isinstance(v, list):
            items = [x for x in (_scalar(i) for i in v[:50]) if x is not None]
            fields[key] = items
    return FrontMatter(fields, body, True)
