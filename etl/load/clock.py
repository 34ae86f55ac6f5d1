"""Phase timings of a run: wall and CPU seconds per phase, for benchmarks and ``-v`` logs.

CPU time (this process, every DuckDB thread included) is reported beside wall time because on
a shared machine wall time mostly measures the other processes; CPU time is what the phase costs.
Phases may nest (the run's ``open_build`` holds the spare's ``catch_up`` or the ``copy``), so
they do not add up to the run's time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Clock:
    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    _open: dict[str, tuple[float, float]] = field(default_factory=dict)

    def start(self, name: str) -> None:
        self._open[name] = (time.perf_counter(), time.process_time())

    def stop(self, name: str) -> None:
        """Add the time since ``start(name)`` to phase ``name``."""
        t, c = self._open.pop(name)
        self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - t
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - c

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Add the time spent in the ``with`` block to phase ``name``."""
        self.start(name)
        try:
            yield
        finally:
            self.stop(name)

    def line(self) -> str:
        return ", ".join(f"{k} {v:.3f}s (cpu {self.cpu[k]:.3f}s)" for k, v in self.wall.items())
