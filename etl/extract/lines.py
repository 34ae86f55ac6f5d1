"""The common line model: both extractors turn a page into a list of Line."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whitespace that scrapes carry around lines: ASCII, NBSP, ideographic space, zero-width.
_WS = " \t\r\n\u00a0\u3000\u200b\u200c\u200d\ufeff\u2002\u2003\u2009"
_INNER_WS = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]{2,}")


@dataclass
class Line:
    text: str
    kind: str = "p"        # p | heading | bold | li | link
    level: int = 0         # heading level for kind == "heading" (from h1-h6 or Markdown #)
    href: str | None = None  # link target when the whole line is a link


def clean(text: str) -> str:
    """Strip edge whitespace (incl. full-width and zero-width) and fold runs of spaces."""
    return _INNER_WS.sub(" ", text.strip(_WS))


# What separates the cells of a table row written as text (病种 | 疗程 | 费用; a tab-separated row).
CELL_SEPARATORS = ("|", "｜", "\t")


def cell_separators(text: str) -> int:
    """How many cell separators a line holds (a table's rows hold as many each)."""
    return sum(text.count(c) for c in CELL_SEPARATORS)
