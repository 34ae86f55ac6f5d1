"""`make bench` keeps every benchmark's verdict: each target met or missed, errors counted."""

from __future__ import annotations

import sys
import types

import pytest

from benchmarks import run_all
from benchmarks.stats import Target


def _module(name: str, main) -> None:  # type: ignore[no-untyped-def]
    mod = types.ModuleType(f"benchmarks.{name}")
    mod.main = main  # type: ignore[attr-defined]
    sys.modules[f"benchmarks.{name}"] = mod


@pytest.fixture()
def fake_benches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    def broken() -> list[Target]:
        raise RuntimeError("corpus missing")

    _module("bench_zz_ok", lambda: [Target("speed", 12.0, ">=", 6, " MB/s"), Target("latency", 2.5, "<", 1, " s")])
    _module("bench_zz_broken", broken)
    _module("bench_zz_no_verdict", lambda: None)
    names = ["bench_zz_ok", "bench_zz_broken", "bench_zz_no_verdict"]
    yield names
    for n in names:
        sys.modules.pop(f"benchmarks.{n}", None)


def test_targets_met_missed_and_errors_are_reported(fake_benches: list[str], capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_all, "bench_modules", lambda: fake_benches)
    assert run_all.main([]) == 1                 # a benchmark raised (and one returned no verdicts)
    out = capsys.readouterr().out
    assert "bench_zz_ok: met     speed: 12 MB/s (target >= 6 MB/s)" in out
    assert "bench_zz_ok: missed  latency: 2.5 s (target < 1 s)" in out
    assert "bench_zz_broken: ERROR RuntimeError: corpus missing" in out
    assert "bench_zz_no_verdict: ERROR TypeError" in out
    assert "1 met, 1 missed, 2 benchmark(s) failed" in out


def test_strict_fails_on_a_missed_target(fake_benches: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_all, "bench_modules", lambda: fake_benches[:1])
    assert run_all.main([]) == 0
    assert run_all.main(["--strict"]) == 1


def test_target_verdicts() -> None:
    assert Target("x", 1.0, "<", 1).met is False and Target("x", 1.0, "<=", 1).met is True
    assert Target("x", None, ">=", 1).verdict == "no data"


def test_every_real_benchmark_declares_its_targets() -> None:
    import inspect

    for name in run_all.bench_modules():
        mod = __import__(f"benchmarks.{name}", fromlist=["main"])
        assert "Target" in str(inspect.signature(mod.main).return_annotation), name
