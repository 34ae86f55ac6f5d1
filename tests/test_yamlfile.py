"""The knowledge files are read with libyaml (etl/knowledge/yamlfile.py): the same data as PyYAML's
pure-Python safe loader, lines included, and errors that still name the line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etl.errors import RulesError
from etl.knowledge import yamlfile
from etl.knowledge.yamlfile import read_yaml

DATA = Path(yamlfile.__file__).parent / "data"


def test_pyyaml_here_has_libyaml() -> None:
    assert yamlfile.SAFE_LOADER is yaml.CSafeLoader


class _PureLineLoader(yaml.SafeLoader):
    pass


def _with_line(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_PureLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _with_line)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_packaged_file_reads_as_with_the_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read_yaml(path) == yaml.load(text, Loader=_PureLineLoader)
    assert read_yaml(path, with_lines=False) == yaml.safe_load(text)


def test_lines_of_nested_mappings(tmp_path: Path) -> None:
    p = tmp_path / "r.yaml"
    p.write_text("rules:\n  - name: a\n    pattern: 'x'\n\n  - name: b\n    pattern: |\n      y\n      z\n  - {name: c}\n",
                 encoding="utf-8")
    data = read_yaml(p)
    assert [r["__line__"] for r in data["rules"]] == [2, 5, 9]
    assert data["__line__"] == 1
    assert data["rules"][1]["pattern"] == "y\nz\n"


@pytest.mark.parametrize(("text", "line"), [
    ("rules:\n  - name: a\n   bad: indent\n", 3),
    ("rules: [a, b\n", 2),
    ("a: 1\na: [\n", 3),
])
def test_invalid_yaml_names_the_line(tmp_path: Path, text: str, line: int) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        read_yaml(p)
    assert err.value.line == line
    assert "invalid YAML" in str(err.value)
