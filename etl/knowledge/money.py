"""Prices: the one pattern for an amount of money as pages write it.

A currency sign or code before the number ($4,500, HK$198,000, ¥3800, RM 12,800, USD 900) or a
unit after it (3万元, 800 美元, 1200港币, 500 MYR). Used by extraction (a price-list line is not a
date line, and never a title: etl/extract/evidence.py, etl/extract/titles.py) and by annotation
(a price beside a mention prices a treatment for it: etl/annotate/mentions.py).
"""

from __future__ import annotations

import re

PRICE = re.compile(
    r"(?:(?<![A-Za-z])(?:HK|NT|US|S|A|C)?\$|[¥￥€£]|(?<![A-Za-z])(?:RM|MYR|SGD|HKD|USD|RMB|NTD)\s?)\s?\d[\d,]*(?:\.\d+)?(?:\s?[kK万])?"
    r"|(?<![\d.,])(?:\d[\d,]*(?:\.\d+)?\s?[万千]?\s?[-–—~～至到]\s?)?"   # a range's low end (12万-20万元) is the price's start
    r"\d[\d,]*(?:\.\d+)?\s?(?:万元|千元|元|美元|港元|港币|新台币|(?:USD|HKD|RMB|NTD|MYR|SGD)(?![A-Za-z]))")

# What may follow a price at the end of a price-list line: 起 (from), per session.
PRICE_TAIL = frozenset({"", "起", "/次", "／次", "每次", "/疗程"})


def ends_with_price(text: str) -> bool:
    """True when the line ends with a price (a price-list item: 糖尿病专案（3次输注）RM 38,000)."""
    ends = [m.end() for m in PRICE.finditer(text)]
    return bool(ends) and text[ends[-1]:].strip() in PRICE_TAIL
