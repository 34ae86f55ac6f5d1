"""Domain errors. Each carries what a person needs to act on it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every stemwatch command (README: "Exit codes"), defined once."""

    OK = 0            # success; a run that quarantined files still succeeded
    FAILED = 1        # the run or query failed
    USAGE = 2         # bad usage or configuration (a malformed rule, sources or gold file)
    BUSY = 3          # another ETL run holds the warehouse
    INTERRUPTED = 130  # stopped by Ctrl-C / SIGTERM before finishing


class StemwatchError(Exception):
    """Base class; the CLI prints these without a traceback."""


class Rejected(StemwatchError):
    """A file cannot be loaded; it goes to quarantine with ``reason`` and ``detail``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class RulesError(StemwatchError):
    """A rule, lexicon or sources file is malformed; names the file and the line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
