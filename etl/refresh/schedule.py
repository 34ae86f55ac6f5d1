"""`stemwatch schedule`: keep the warehouse in step with the seeds folder.

An APScheduler interval job looks at the folder (etl/refresh/fingerprint.py) and runs the
incremental ETL only when a file was added, changed or removed; an optional crontab
expression forces a full rebuild on a calendar. File events (watchdog) wake the same job
early, debounced, with the polling kept as the safety net.

Runs never overlap: every job goes through one single-thread executor, jobs have
``max_instances=1`` and ``coalesce=True``, and the runs themselves share one lock (the
ETL's file lock also keeps other processes out). A failed run is recorded by run_etl in
``etl_runs`` with its reason and retried on the next tick, then less often while it keeps
failing. SIGINT/SIGTERM stop taking work and let a run in progress finish (it publishes or
not, atomically); a second signal, or a run still going after STOP_GRACE seconds, aborts
it before it publishes. (Tests that need a long run wrap this module from test code:
tests/slow_cli.py.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from etl import settings
from etl.errors import ExitCode, StemwatchError
from etl.load.discover import ignored
from etl.load.run import MassDeleteRefused, RunResult, run_etl
from etl.refresh.fingerprint import Check, Tracker

log = logging.getLogger("stemwatch.schedule")

DEBOUNCE_SECONDS = 0.3     # quiet time after the last file event before a watch-triggered look
SETTLE_SECONDS = 0.3       # gap between the two looks that tell a settled file from one being written
STOP_GRACE = 30.0          # how long a stop waits for a run in progress before aborting it
ABORT_WAIT = 10.0          # how long an aborted run may take to unwind before the process exits anyway
MAX_BACKOFF = 300.0        # longest wait between retries of a run that keeps failing


class RunAborted(BaseException):
    """Raised from run_etl's progress callback to abandon a run before it publishes.

    A BaseException so that run_etl does not record it as a failure: the build removes its
    temporary file, releases the writer lock, and the live warehouse stays as it was.
    """


class StopRequest:
    """SIGINT/SIGTERM: the first asks for a clean stop, the second for an abort of the run in progress."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.abort = threading.Event()
        self._old: dict[int, object] = {}

    def _handle(self, signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        if not self.stop.is_set():
            log.info("%s received: stopping (a run in progress finishes first; send it again to abort)", name)
            self.stop.set()
        elif not self.abort.is_set():
            log.warning("%s received again: aborting the run in progress (nothing half-done is published)", name)
            self.abort.set()

    @contextlib.contextmanager
    def installed(self) -> Iterator[StopRequest]:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, self._handle)
        try:
            yield self
        finally:
            for sig, old in self._old.items():
                signal.signal(sig, old)  # type: ignore[arg-type]

    def wait(self, poll: Callable[[], bool] | None = None) -> None:
        """Block the main thread until a stop is requested (or ``poll`` returns True)."""
        while not self.stop.wait(0.5):
            if poll is not None and poll():
                return


class Refresher:
    """Looks at the seeds folder and runs the ETL when needed; one run at a time, whoever asks."""

    def __init__(self, seeds: Path, db: Path, *, sources: str | None = None, workers: int | None = None,
                 max_file_mb: int | None = None, settle: float = SETTLE_SECONDS, interval: float = 60.0,
                 abort: threading.Event | None = None) -> None:
        self.seeds = Path(seeds)
        self.db = Path(db)
        self.sources = sources
        self.workers = int(settings.number("workers")) if workers is None else workers
        self.max_file_mb = int(settings.number("max_file_mb")) if max_file_mb is None else max_file_mb
        self.interval = interval
        self.tracker = Tracker(self.seeds, self.db, settle)
        self.stopping = threading.Event()
        self.abort = abort or threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self.force: str | None = None          # a reason to run at the next tick even without changes
        self.failures = 0
        self.aborted = False                   # a run was abandoned before publishing (stop with abort)
        self._retry_after = 0.0
        self._retry_full = False
        self._lock = threading.Lock()
        self._seeds_missing = False
        self._progress_step = -1
        self._rules_stamp = rule_files_stamp(sources)

    # -------------------------------------------------------------- deciding

    def stale_build(self) -> str | None:
        """Why the warehouse must be rebuilt regardless of the seeds (None when it need not).

        Also validates the rules, sources and lexicon files: raises RulesError when one is malformed.
        """
        from etl.knowledge import lexicon as lexmod
        from etl.knowledge.rules import load_rules
        from etl.load.run import build_hash, read_old_state
        from warehouse.db import schema_hash

        load_rules(self.sources)
        bh = build_hash(self.sources)
        lexmod.validate()
        old = read_old_state(self.db, allow_snapshot=False)
        if not self.db.exists():
            return "no warehouse yet"
        if not old.readable:
            return "the warehouse cannot be read"
        if old.build_hash is None:
            return "no successful refresh yet"
        if old.build_hash != bh or old.schema_hash != schema_hash():
            return "rules, lexicon, schema or parser changed since the last refresh"
        return None

    def tick(self, trigger: str = "schedule") -> bool:
        """One look at the folder; runs the incremental ETL when something changed and has settled.

        Returns True when it started a run (whether or not the run succeeded).
        """
        if self.stopping.is_set():
            return False
        t0 = time.perf_counter()
        stamp = rule_files_stamp(self.sources)
        if stamp != self._rules_stamp:
            self._rules_stamp = stamp
            forget_cached_rules()
            self.force = "rule, sources or lexicon files changed"
            log.info("%s: the next run rebuilds what they affect", self.force)
        try:
            check = self.tracker.check()
        except FileNotFoundError as exc:
            if not self._seeds_missing:
                log.error("%s; the warehouse keeps its last version until the folder is back", exc)
                self._seeds_missing = True
            return False
        if self._seeds_missing:
            log.info("seeds folder %s is back", self.seeds)
            self._seeds_missing = False
        if check.unsettled:
            log.info("waiting for %d file(s) still being written: %s", len(check.unsettled), _names(check.unsettled))
        if check.changes.touched:
            log.debug("touched but unchanged (same sha256): %s", _names(check.changes.touched))
        if self.failures and trigger != "watch" and time.monotonic() < self._retry_after:
            log.debug("tick: waiting to retry after %d failed run(s)", self.failures)
            return False
        if self.failures:
            why, full = f"retry after {self.failures} failed run(s); {check.settled.describe()}", self._retry_full
        elif self.force:
            why, full = self.force, False
        elif check.ready:
            why, full = check.settled.describe(), False
        else:
            log.debug("tick: %d files, no change (%.3fs)", len(check.snapshot), time.perf_counter() - t0)
            return False
        self.run(full=full, trigger=trigger, why=why, check=check)
        return True

    # -------------------------------------------------------------- running

    def run(self, *, full: bool, trigger: str, why: str, check: Check | None = None) -> RunResult | None:
        """Run the ETL now (waits for a run in progress). Returns the RunResult, or None if it did not publish."""
        with self._lock:
            if self.stopping.is_set() or self.abort.is_set():
                return None
            self.idle.clear()
            try:
                return self._run(full, trigger, why, check)
            finally:
                self.idle.set()

    def _run(self, full: bool, trigger: str, why: str, check: Check | None) -> RunResult | None:
        self._progress_step = -1
        hold = check.unsettled if check is not None else ()
        log.info("run starting (%s, %s): %s", trigger, "full rebuild" if full else "incremental", why)
        try:
            res = run_etl(self.seeds, self.db, full=full, trigger=trigger, sources=self.sources,
                          workers=self.workers, max_file_mb=self.max_file_mb, progress=self._progress, hold=hold)
        except MassDeleteRefused as exc:   # an unmounted or emptied folder: skip, keep the warehouse
            log.error("run skipped: %s", exc)
            return None
        except RunAborted:
            self.aborted = True
            log.warning("run aborted before publishing: %s still holds the previous warehouse", self.db)
            return None
        except Exception as exc:  # recorded in etl_runs by run_etl; we only schedule the retry
            self.failures += 1
            self._retry_full = self._retry_full or full
            wait = min(MAX_BACKOFF, self.interval * 2 ** (self.failures - 1))
            self._retry_after = time.monotonic() + wait - min(0.5, self.interval / 2)
            reason = str(exc) if isinstance(exc, StemwatchError | OSError) else f"{type(exc).__name__}: {exc}"
            log.error("run failed (%s): %s; retrying %s", trigger, reason,
                      "at the next tick" if self.failures == 1 else f"in {wait:.0f}s ({self.failures} failures in a row)")
            return None
        self.failures = 0
        self._retry_full = False
        self.force = None
        self.tracker.after_run(check)
        log.info("run %d (%s, %s) published in %.2fs: %s", res.run_id, trigger, res.mode, res.seconds, res.message)
        held = set(check.unsettled) if check is not None else set()
        for path, reason, detail in res.quarantined_now:
            if path not in held:   # a held file is parked as "unstable" until it has settled: not news
                log.warning("quarantined %s: %s: %s", path, reason, detail)
        return res

    def _progress(self, done: int, total: int) -> None:
        if self.abort.is_set():
            raise RunAborted
        if total >= 200:
            step = done * 10 // total
            if step != self._progress_step:
                self._progress_step = step
                log.info("extracting: %d/%d files (%d%%)", done, total, done * 100 // total)


def rule_files_stamp(sources: str | None) -> tuple:
    """(path, size, mtime_ns) of every knowledge data file (rules, lexicon, vocabulary) and the
    sources file: a cheap way to see an edit."""
    from etl.knowledge.lexicon import lexicon_dir
    from etl.knowledge.rules import rules_dir
    from etl.knowledge.vocabulary import default_path as vocabulary_path

    out = []
    for path in [*rules_dir().rglob("*"), *lexicon_dir().rglob("*"), vocabulary_path(),
                 *([Path(sources)] if sources else [])]:
        with contextlib.suppress(OSError):
            st = path.stat()
            out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


def forget_cached_rules() -> None:
    """The rule and lexicon loaders cache per process; a long-running scheduler must see edits."""
    from etl.knowledge import lexicon, rules, vocabulary

    for fn in (vocabulary.load_vocabulary, rules.load_rules, lexicon.load_lexicon, lexicon.load_triggers):
        fn.cache_clear()


def _names(paths: tuple[str, ...] | list[str], limit: int = 3) -> str:
    return ", ".join(paths[:limit]) + (f", ... {len(paths) - limit} more" if len(paths) > limit else "")


# ------------------------------------------------------------------ file events

class Debouncer:
    """Calls ``fn`` once, after events have been quiet for ``quiet`` seconds."""

    def __init__(self, quiet: float, fn: Callable[[int], None]) -> None:
        self.quiet = quiet
        self.fn = fn
        self._cond = threading.Condition()
        self._due: float | None = None
        self._events = 0
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="stemwatch-debounce", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        with self._cond:
            self._due = time.monotonic() + self.quiet
            self._events += 1
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()
        self._thread.join(2)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopped and (self._due is None or self._due > time.monotonic()):
                    self._cond.wait(None if self._due is None else self._due - time.monotonic())
                if self._stopped:
                    return
                self._due, events, self._events = None, self._events, 0
            try:
                self.fn(events)
            except Exception:
                log.exception("reacting to file events failed")


def _watch(seeds: Path, on_event: Callable[[], None]):  # -> watchdog Observer
    """A watchdog observer on the seeds folder that calls ``on_event`` for changes discover() would see."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    root = os.path.abspath(seeds)
    ignored_kinds = {"opened", "closed_no_write"}   # our own reads must not wake us

    def relevant(path: str) -> bool:
        rel = os.path.relpath(path, root)
        if rel == "." or rel.startswith(".."):
            return False
        return not any(ignored(p) for p in rel.split(os.sep))

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ignored_kinds or (event.is_directory and event.event_type == "modified"):
                return
            paths = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
            if any(relevant(os.fsdecode(p)) for p in paths):
                on_event()

    observer = Observer()
    observer.daemon = True
    observer.schedule(Handler(), root, recursive=True)
    return observer


# ------------------------------------------------------------------ the service

class Service:
    """The APScheduler jobs, the file watcher and a clean shutdown around one Refresher."""

    def __init__(self, refresher: Refresher, interval: float, cron: str | None, watch: bool,
                 stop: StopRequest, debounce: float = DEBOUNCE_SECONDS) -> None:
        self.refresher = refresher
        self.interval = interval
        self.cron = cron
        self.stop = stop
        self.watch = watch
        self.debounce = debounce
        self.on_hard_exit: list[Callable[[], None]] = []
        self._state = threading.Lock()
        self._busy = False
        self._pending = False
        self._woken = False
        self._observer = None
        self._debouncer: Debouncer | None = None
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=1)},   # one job at a time, whichever
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        self.scheduler.add_listener(self._on_job_event, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED | EVENT_JOB_ERROR)

    def start(self, first_look_now: bool = True) -> None:
        now = dt.datetime.now(self.scheduler.timezone)
        parts = [f"looking at {self.refresher.seeds} every {self.interval:g}s"]
        if self.watch:
            parts.append("and on file events")
        if self.cron:
            nxt = CronTrigger.from_crontab(self.cron, timezone=self.scheduler.timezone).get_next_fire_time(None, now)
            parts.append(f"full rebuild on '{self.cron}' (next {nxt:%Y-%m-%d %H:%M %Z})")
        log.info("scheduler starting: %s; warehouse %s", ", ".join(parts), self.refresher.db)
        self.scheduler.add_job(self._poll, IntervalTrigger(seconds=self.interval), id="refresh", name="refresh",
                            misfire_grace_time=max(1, int(self.interval)),
                            next_run_time=now if first_look_now else None)
        if self.cron:
            self.scheduler.add_job(self._rebuild, CronTrigger.from_crontab(self.cron), id="rebuild", name="rebuild",
                                misfire_grace_time=3600)
        self.scheduler.start()
        if self.watch:
            self._debouncer = Debouncer(self.debounce, self._on_burst)
            try:
                self._observer = _watch(self.refresher.seeds, self._debouncer.poke)
                self._observer.start()
            except Exception as exc:  # e.g. inotify watch limit: polling still works
                log.warning("file events unavailable (%s); polling every %gs only", exc, self.interval)
                self._observer = None

    # jobs run in the scheduler's single worker thread
    def _poll(self) -> None:
        with self._state:
            self._busy = True
            trigger = "watch" if self._woken else "schedule"
            self._woken = False
        try:
            self.refresher.tick(trigger)
        finally:
            with self._state:
                self._busy = False
                again, self._pending = self._pending, False
            if again:
                self.wake(by_event=False)

    def _rebuild(self) -> None:
        self.refresher.run(full=True, trigger="cron", why=f"scheduled full rebuild ('{self.cron}')")

    def _on_burst(self, events: int) -> None:
        log.info("file events: %d in a burst; looking now", events)
        self.wake()

    def wake(self, by_event: bool = True) -> None:
        """Look at the folder now (after file events, or a tick skipped during a run) instead of at the next tick."""
        if self.refresher.stopping.is_set():
            return
        with self._state:
            self._woken = self._woken or by_event
            if self._busy:
                self._pending = True    # looked at again as soon as the current tick ends
                return
        with contextlib.suppress(Exception):  # the scheduler may be shutting down
            self.scheduler.modify_job("refresh", next_run_time=dt.datetime.now(self.scheduler.timezone))

    def _on_job_event(self, event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_MAX_INSTANCES:
            log.debug("tick skipped: a run is in progress (the next look follows it)")
            with self._state:
                self._pending = True
        elif event.code == EVENT_JOB_MISSED:
            log.debug("tick missed its time (%s); coalesced into the next one", event.job_id)
        elif event.code == EVENT_JOB_ERROR:
            log.error("job %s crashed: %r; the next tick tries again", event.job_id, event.exception)

    def shutdown(self, grace: float = STOP_GRACE) -> bool:
        """Stop taking work, let a run in progress finish (or abort it). Returns True if a run was aborted."""
        self.refresher.stopping.set()
        if self._observer is not None:
            self._observer.stop()
        if self._debouncer is not None:
            self._debouncer.stop()
        with contextlib.suppress(Exception):
            self.scheduler.shutdown(wait=False)
        aborted = False
        deadline = time.monotonic() + grace
        if not self.refresher.idle.is_set():
            log.info("waiting for the run in progress to finish (up to %gs)", grace)
        while not self.refresher.idle.wait(0.2):
            if self.stop.abort.is_set() or time.monotonic() > deadline:
                if not self.stop.abort.is_set():
                    log.warning("the run has not finished after %gs: aborting it", grace)
                    self.stop.abort.set()
                aborted = True
                if not self.refresher.idle.wait(ABORT_WAIT):
                    self.hard_exit()
                break
        if self._observer is not None:
            with contextlib.suppress(Exception):
                self._observer.join(2)
        return aborted or self.refresher.aborted

    def hard_exit(self, code: int = ExitCode.INTERRUPTED) -> None:
        """Last resort when a run will not unwind: kill our children and leave.

        Safe for the warehouse: the live file is only ever replaced whole; the temporary
        file left behind is deleted by the next run.
        """
        log.error("the run did not stop within %gs; exiting now (the published warehouse is untouched)", ABORT_WAIT)
        for fn in self.on_hard_exit:
            with contextlib.suppress(Exception):
                fn()
        for child in multiprocessing.active_children():
            with contextlib.suppress(Exception):
                child.kill()
        logging.shutdown()
        os._exit(code)


def quiet_libraries() -> None:
    """APScheduler logs every job execution at INFO, watchdog every event; our own lines say what happened."""
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    logging.getLogger("watchdog").setLevel(logging.WARNING)   # its DEBUG lines are one per inotify event
    logging.getLogger("tzlocal").setLevel(logging.WARNING)


MAX_INTERVAL = 365 * 86400.0


def check_options(seeds: Path, interval: float, cron: str | None) -> str | None:
    """A usage problem in words, or None."""
    if not seeds.is_dir():
        return f"seeds folder {seeds} does not exist or is not a folder"
    if not 0 < interval <= MAX_INTERVAL:   # inf overflowed APScheduler's timedelta, nan compared false
        return f"--interval must be a positive number of seconds, at most {MAX_INTERVAL:.0f} (a year), not {interval:g}"
    if cron:
        try:
            trigger = CronTrigger.from_crontab(cron)
        except ValueError as exc:
            return f"--cron {cron!r} is not a crontab expression (minute hour day month weekday): {exc}"
        if trigger.get_next_fire_time(None, dt.datetime.now(dt.UTC)) is None:
            return f"--cron {cron!r} never fires (no such date, e.g. 31 February)"
    return None


def run_scheduler(seeds: Path, db: Path, interval: float, cron: str | None = None, watch: bool = True,
                  sources: str | None = None) -> int:
    """Serve until SIGINT/SIGTERM; returns the exit code (0 clean stop, 2 bad usage, 130 a run was aborted)."""
    seeds, db = Path(seeds), Path(db)
    problem = check_options(seeds, interval, cron)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.USAGE
    quiet_libraries()
    stop = StopRequest()
    refresher = Refresher(seeds, db, sources=sources, interval=interval, abort=stop.abort)
    try:
        refresher.force = refresher.stale_build()
    except StemwatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    with stop.installed():
        service = Service(refresher, interval, cron, watch, stop)
        service.start()
        stop.wait()
        aborted = service.shutdown()
    log.info("scheduler stopped%s", " (a run was aborted)" if aborted else "")
    return ExitCode.INTERRUPTED if aborted else ExitCode.OK
