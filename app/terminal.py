"""Text for a terminal: control characters from titles and file names are shown, not obeyed.

A seed named ``x\\r[INFO] all good.txt`` or a title holding ``\\x1b]0;...\\x07`` forged output
lines and changed the terminal's title when printed as is. Every human-readable line the
CLI writes (tables, status, run summaries, log lines) goes through :func:`printable`.
"""

from __future__ import annotations

import logging
import re

# C0 and C1 controls, DEL, and the bidirectional overrides/isolates that reorder a line.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def printable(text: object, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\e``, ``\\x07``, ``\\u202e``)."""
    s = "" if text is None else str(text)
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in s.split("\n"))
    return _UNSAFE.sub(_escape, s)


def json_safe(dumped: str) -> str:
    """A JSON document with the controls json.dumps leaves raw (DEL, C1, bidi) as \\u escapes; same value."""
    # json.dumps already escapes controls inside strings; the newlines left are its own layout.
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in "\n\r\t" else f"\\u{ord(m.group(0)):04x}", dumped)


class PrintableFormatter(logging.Formatter):
    """Log lines whose message parts cannot carry terminal control sequences."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), keep_newlines=True)
