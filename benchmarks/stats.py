"""Small helpers for reporting medians over repeated runs, and the verdict on each target."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Target:
    """One target of a benchmark and what this run measured; ``met`` is None when not measured."""

    what: str
    measured: float | None
    op: str          # "<" , "<=", ">=" or ">"
    threshold: float
    unit: str = ""

    @property
    def met(self) -> bool | None:
        if self.measured is None:
            return None
        m, t = self.measured, self.threshold
        return {"<": m < t, "<=": m <= t, ">=": m >= t, ">": m > t}[self.op]

    @property
    def verdict(self) -> str:
        return {True: "met", False: "missed", None: "no data"}[self.met]

    def line(self) -> str:
        got = "-" if self.measured is None else f"{self.measured:.3g}{self.unit}"
        return f"{self.verdict:<7} {self.what}: {got} (target {self.op} {self.threshold:g}{self.unit})"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def cpu_timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """CPU seconds of this process per run: a per-core rate that other sessions' load on the
    shared cores does not dilute (wall time would count the time slices they take)."""
    out = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        out.append(time.process_time() - t)
    return out


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def machine() -> str:
    import os

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


def write_report(name: str, title: str, lines: list[str]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.md"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    path.write_text(f"# {title}\n\nMeasured {stamp} on {machine()}.\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(path.read_text(encoding="utf-8"))
    return path
