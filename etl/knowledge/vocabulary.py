"""The vocabulary (etl/knowledge/data/vocabulary.yaml): every closed set of stored values, defined once.

Source types, signal kinds, claim contexts (and whatever list a stage adds) are data: the
rule files are validated against them, the ETL writes them into the warehouse's
``vocabulary`` table, whose rows fill the schema's CHECKs and give the dashboard its labels
and colours. Adding a value is one edit to the YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from etl.errors import RulesError
from etl.knowledge.yamlfile import SAFE_LOADER


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary, with what the dashboard shows for it."""

    value: str
    label: str
    description: str
    colour: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Vocabulary name -> its terms in display order."""

    lists: dict[str, tuple[Term, ...]]
    path: str = ""

    def values(self, name: str) -> tuple[str, ...]:
        return tuple(t.value for t in self.lists[name])

    def rows(self) -> list[dict[str, object]]:
        """Rows of the warehouse's ``vocabulary`` table (warehouse/schema.sql)."""
        return [{"vocabulary": name, "value": t.value, "position": i, "label": t.label,
                 "colour": t.colour, "description": t.description}
                for name, terms in self.lists.items() for i, t in enumerate(terms)]


# The vocabularies the code relies on; other stages may add more keys to the same file.
REQUIRED = ("source_types", "signal_kinds", "claim_contexts")
FIELDS = ("value", "label", "colour", "description")
# Fields a stage may add to its own vocabularies (read by etl/knowledge/annotation.py); a red-flag
# basis's explanation stands in for its description.
EXTRA_FIELDS = ("law", "article", "item", "explanation", "rank", "level")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")          # a vocabulary's name
_VALUE = re.compile(r"^[A-Za-z0-9][a-z0-9_]*$")   # a stored value, snake_case (evidence levels start L1_...)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def default_path() -> Path:
    return Path(str(resources.files("etl.knowledge").joinpath("data", "vocabulary.yaml")))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _term(path: str, name: str, node: yaml.Node, seen: set[str]) -> Term:
    if not isinstance(node, yaml.MappingNode):
        raise RulesError(path, _line(node), f"{name}: each entry must be a mapping {{value, label, colour?, description}}")
    entry: dict[str, str] = {}
    for key, val in node.value:
        k = key.value
        if k not in FIELDS and k not in EXTRA_FIELDS:
            raise RulesError(path, _line(key), f"{name}: unknown field {k!r}; use {', '.join(FIELDS + EXTRA_FIELDS)}")
        if not isinstance(val, yaml.ScalarNode) or not str(val.value).strip():
            raise RulesError(path, _line(val), f"{name}: {k!r} must be a non-empty text")
        entry[k] = str(val.value).strip()
    where = _line(node)
    if "description" not in entry and "explanation" in entry:
        entry["description"] = entry["explanation"]
    for k in ("value", "label", "description"):
        if k not in entry:
            raise RulesError(path, where, f"{name}: entry needs {k!r}")
    value = entry["value"]
    if not _VALUE.match(value):
        raise RulesError(path, where, f"{name}: value {value!r} must be snake_case (a-z, 0-9, _; a capital first letter is allowed)")
    if value in seen:
        raise RulesError(path, where, f"{name}: value {value!r} is listed twice")
    seen.add(value)
    colour = entry.get("colour")
    if colour is not None and not _COLOUR.match(colour):
        raise RulesError(path, where, f"{name}: colour {colour!r} of {value!r} must be #rrggbb")
    return Term(value, entry["label"], entry["description"], colour)


def parse_vocabulary(text: str, path: str) -> Vocabulary:
    """Validate the YAML text of a vocabulary file; errors name the file and the line."""
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RulesError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise RulesError(path, None, "expected one key per vocabulary at the top level")
    lists: dict[str, tuple[Term, ...]] = {}
    for key, val in root.value:
        name = key.value
        if not _NAME.match(str(name)):
            raise RulesError(path, _line(key), f"vocabulary name {name!r} must be lower snake_case")
        if name in lists:
            raise RulesError(path, _line(key), f"vocabulary {name!r} is defined twice")
        if not isinstance(val, yaml.SequenceNode) or not val.value:
            raise RulesError(path, _line(key), f"{name}: must be a non-empty list of entries")
        seen: set[str] = set()
        lists[name] = tuple(_term(path, name, item, seen) for item in val.value)
    missing = [n for n in REQUIRED if n not in lists]
    if missing:
        raise RulesError(path, None, f"missing vocabulary: {', '.join(missing)}")
    return Vocabulary(lists, path)


def load_vocabulary_file(path: Path) -> Vocabulary:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(str(path), None, f"cannot read vocabulary: {exc.strerror}") from exc
    return parse_vocabulary(text, str(path))


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The project's vocabulary (cached: it is read by every rule load and schema build)."""
    return load_vocabulary_file(default_path())
