"""The stemwatch CLI with every scheduled ETL run made slow, for tests that stop, kill or overlap
a run on purpose (tests/test_schedule.py). Test code only: production modules carry no hook.

    python -m tests.slow_cli SECONDS schedule --seeds ... --db ...

Each run sleeps SECONDS once it holds the writer lock and has its temporary file open (its
first progress callback), logging "sleeping ... inside the run", and wakes early when the
scheduler aborts the run (a second SIGTERM), exactly where a long extraction would be.
"""

from __future__ import annotations

import logging
import sys

from app import cli
from etl.refresh import schedule

log = logging.getLogger("stemwatch.schedule")


def slow_down(seconds: float) -> None:
    """Patch the scheduler's Refresher so each run sleeps ``seconds`` at its first progress callback."""
    run, progress = schedule.Refresher._run, schedule.Refresher._progress

    def slow_run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._test_slept = False
        return run(self, *args, **kwargs)

    def slow_progress(self, done: int, total: int) -> None:  # type: ignore[no-untyped-def]
        if not self._test_slept:
            self._test_slept = True
            log.info("test: sleeping %.1fs inside the run", seconds)
            self.abort.wait(seconds)
        progress(self, done, total)

    schedule.Refresher._run = slow_run  # type: ignore[method-assign]
    schedule.Refresher._progress = slow_progress  # type: ignore[method-assign]


if __name__ == "__main__":
    slow_down(float(sys.argv[1]))
    sys.exit(cli.main(sys.argv[2:]))
