"""Read a YAML data file as a mapping; every error names the file and the line."""

from __future__ import annotations

from pathlib import Path

import yaml

from etl.errors import RulesError

# libyaml's safe loader when PyYAML was built with it (its wheels are): the same data, the same
# marks, ~10x faster. Every process that loads the knowledge (the writer, each pool worker, each
# `stemwatch` command) read the data files in ~0.4 s with the pure-Python one.
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """Safe loader that remembers the line of every mapping (as the key ``__line__``)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, with_lines: bool = True) -> dict:
    """The top-level mapping of ``path``; ``with_lines`` adds ``__line__`` (1-based) to every mapping,
    so that a validator can name the line of a bad entry."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_LineLoader if with_lines else SAFE_LOADER)  # both are safe loaders
    except OSError as exc:
        raise RulesError(str(path), None, f"cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RulesError(str(path), mark.line + 1 if mark else None, f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(str(path), None, "expected a mapping at the top level")
    return data
