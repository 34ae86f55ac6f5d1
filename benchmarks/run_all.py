"""Run every benchmark in turn (`make bench`) and say, for every target, whether it was met.

Each ``benchmarks/bench_*.py`` module's ``main()`` writes its report to benchmarks/results/
and returns its targets (benchmarks.stats.Target) with what this run measured. A benchmark
that raises is reported as an error and the others still run. Exit status: 1 when a
benchmark errored, 0 otherwise (with ``--strict``, also 1 when a target was missed).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import traceback

import benchmarks
from benchmarks.stats import Target


def bench_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))


def run(names: list[str]) -> dict[str, list[Target] | BaseException]:
    """Each benchmark's targets, or the exception it raised."""
    out: dict[str, list[Target] | BaseException] = {}
    for mod in names:
        print(f"== {mod}", flush=True)
        try:
            verdicts = importlib.import_module(f"benchmarks.{mod}").main()
            if not isinstance(verdicts, list) or not all(isinstance(t, Target) for t in verdicts):
                raise TypeError(f"{mod}.main() must return a list of benchmarks.stats.Target, got {verdicts!r}")
            out[mod] = verdicts
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            out[mod] = exc
    return out


def summary(results: dict[str, list[Target] | BaseException]) -> tuple[str, int, int, int]:
    """The met/missed table, and the numbers of errors, missed and met targets."""
    lines, errors, missed, met = ["", "== targets"], 0, 0, 0
    for mod, res in results.items():
        if isinstance(res, BaseException):
            errors += 1
            lines.append(f"{mod}: ERROR {type(res).__name__}: {res}")
            continue
        if not res:
            lines.append(f"{mod}: no targets")
        for t in res:
            missed += t.met is False
            met += t.met is True
            lines.append(f"{mod}: {t.line()}")
    lines.append(f"{met} met, {missed} missed, {errors} benchmark(s) failed")
    return "\n".join(lines), errors, missed, met


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("only", nargs="*", help="benchmarks to run (module names, default all)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target was missed, too")
    args = ap.parse_args(argv)
    names = [n for n in bench_modules() if not args.only or n in args.only]
    text, errors, missed, _ = summary(run(names))
    print(text)
    return 1 if errors or (args.strict and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
