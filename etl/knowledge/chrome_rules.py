"""The parts of boilerplate.yaml that chrome and title selection read: field keys and title rules.

Validated on load; an error names the file and the line of the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl.errors import RulesError

FIELD_GROUPS = ("title", "date", "source", "url", "author", "other")


@dataclass(frozen=True)
class NamedRegex:
    name: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class FieldRules:
    """Keys of ``key: value`` lines; ``group_of`` maps a normalised key to its group."""
    group_of: dict[str, str]
    start: re.Pattern[str]          # a line starting with a key and a colon
    anywhere: re.Pattern[str]       # every "key:" in a line
    max_chars_one_key: int
    alone: re.Pattern[str] | None = None   # a key and nothing else: a label cell of an info table


@dataclass(frozen=True)
class TitleRules:
    max_cjk: int
    max_latin: int
    min_cjk: int
    min_latin_words: int
    reject: tuple[NamedRegex, ...]
    strip_prefix: re.Pattern[str]
    cite_line: re.Pattern[str]
    strip_suffix: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ChromeRules:
    fields: FieldRules
    titles: TitleRules
    surnames: frozenset[str]     # first characters of Chinese names, for author lists
    min_names: int


def _line_index(text: str) -> dict[tuple[str, ...], int]:
    """(section, item index or key) -> 1-based line of that YAML node, for error messages."""
    out: dict[tuple[str, ...], int] = {}
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return out

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        out[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, (*path, str(k.value)))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, (*path, str(i)))

    if root is not None:
        walk(root, ())
    return out


def _key_regex(key: str) -> str:
    """A key matched with optional spaces between its characters ("来   源", "题 目")."""
    if key.isascii():
        return r"\s*".join(re.escape(part) for part in key.split()) if " " in key else re.escape(key)
    return r"\s*".join(re.escape(ch) for ch in key)


def load_chrome_rules(path: Path, data: dict) -> ChromeRules:
    """Build :class:`ChromeRules` from the parsed boilerplate.yaml ``data`` read from ``path``."""
    p = str(path)
    lines = _line_index(path.read_text(encoding="utf-8"))

    def fail(where: tuple[str, ...], msg: str) -> RulesError:
        for n in range(len(where), 0, -1):
            if where[:n] in lines:
                return RulesError(p, lines[where[:n]], msg)
        return RulesError(p, None, msg)

    def compile_(where: tuple[str, ...], pattern: object, flags: int = 0) -> re.Pattern[str]:
        if not isinstance(pattern, str) or not pattern:
            raise fail(where, f"{'.'.join(where)}: pattern must be a non-empty string")
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise fail(where, f"{'.'.join(where)}: invalid regex {pattern!r}: {exc}") from exc

    fd = data.get("fields")
    if not isinstance(fd, dict):
        raise fail(("fields",), "'fields' must be a mapping of key groups")
    group_of: dict[str, str] = {}
    for group, keys in fd.items():
        if group == "max_chars_one_key":
            continue
        if group not in FIELD_GROUPS:
            raise fail(("fields", group), f"fields: unknown group {group!r}; use one of {FIELD_GROUPS}")
        if not isinstance(keys, list) or not all(isinstance(k, str) and k.strip() for k in keys):
            raise fail(("fields", group), f"fields.{group} must be a list of non-empty strings")
        for k in keys:
            group_of[normalise_key(k)] = group
    alternatives = "|".join(_key_regex(k) for k in sorted({k for ks in fd.values() if isinstance(ks, list) for k in ks},
                                                           key=len, reverse=True))
    start = re.compile(rf"^[\s【\[(（]*(?P<key>{alternatives})\s*(?:[:：]|(?<=[^\s])】)", re.I)   # 【关键词】X too
    anywhere = re.compile(rf"(?:^|[\s|｜【\[(（])(?P<key>{alternatives})\s*[:：]", re.I)
    alone = re.compile(rf"^[\s【\[(（]*(?P<key>{alternatives})\s*[】\])）]?\s*$", re.I)
    fields = FieldRules(group_of, start, anywhere, int(fd.get("max_chars_one_key", 90)), alone)

    td = data.get("titles")
    if not isinstance(td, dict):
        raise fail(("titles",), "'titles' must be a mapping")
    reject = []
    for i, e in enumerate(td.get("reject") or []):
        where = ("titles", "reject", str(i))
        if not isinstance(e, dict) or "name" not in e or "pattern" not in e:
            raise fail(where, f"titles.reject[{i}] needs 'name' and 'pattern'")
        reject.append(NamedRegex(str(e["name"]), compile_(where, e["pattern"])))
    cite = compile_(("titles", "cite_line"), td.get("cite_line"))
    if "title" not in cite.groupindex:
        raise fail(("titles", "cite_line"), "titles.cite_line needs a named group 'title'")
    try:
        titles = TitleRules(int(td.get("max_cjk", 60)), int(td.get("max_latin", 150)), int(td.get("min_cjk", 5)),
                            int(td.get("min_latin_words", 4)), tuple(reject),
                            compile_(("titles", "strip_prefix"), td.get("strip_prefix")), cite,
                            compile_(("titles", "strip_suffix"), td["strip_suffix"]) if "strip_suffix" in td else None)
    except (TypeError, ValueError) as exc:
        raise fail(("titles",), f"titles: limits must be integers ({exc})") from exc
    ad = data.get("author_list")
    if not isinstance(ad, dict) or not isinstance(ad.get("surnames"), str) or not ad["surnames"].strip():
        raise fail(("author_list",), "'author_list' needs 'surnames', a string of characters")
    try:
        min_names = int(ad.get("min_names", 3))
    except (TypeError, ValueError) as exc:
        raise fail(("author_list", "min_names"), "author_list.min_names must be an integer") from exc
    return ChromeRules(fields, titles, frozenset(ad["surnames"].replace(" ", "")), min_names)


def normalise_key(key: str) -> str:
    return re.sub(r"\s+", "", key).lower()
