"""pyproject.toml installs every module and data file the code reads, and nothing as a package
that is not one (checked in the source tree; `pip install -e .` in a throwaway venv then prints
no setuptools deprecation warning)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = CONFIG["tool"]["setuptools"]


def test_license_is_an_spdx_string_and_the_backend_knows_it() -> None:
    assert CONFIG["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in CONFIG["build-system"]["requires"])


def test_every_folder_with_modules_is_a_package_and_no_data_folder_is() -> None:
    packages = set(SETUPTOOLS["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in ("etl", "dashboard", "warehouse", "app")
             for p in (ROOT / top).rglob("__init__.py")}
    assert packages == found
    assert SETUPTOOLS["include-package-data"] is False


def test_package_data_covers_every_data_file() -> None:
    globs = SETUPTOOLS["package-data"]
    missing = []
    for package in SETUPTOOLS["packages"]:
        base = ROOT.joinpath(*package.split("."))
        for f in base.rglob("*"):
            if not f.is_file() or f.suffix in (".py", ".pyc") or "__pycache__" in f.parts:
                continue
            owner = max((p for p in SETUPTOOLS["packages"] if f.is_relative_to(ROOT.joinpath(*p.split(".")))),
                        key=len)
            if owner != package:
                continue
            rel = f.relative_to(base).as_posix()
            if not any(fnmatch.fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs.get(package, [])):
                missing.append(f.relative_to(ROOT).as_posix())
    assert not missing, f"data files pip would not install: {missing}"
