"""A Simplified-Chinese shadow of a text, so rules written in Simplified also match Traditional pages.

Two views, both pure and cheap:

- :func:`simplify` maps each character on its own (Traditional -> Simplified with OpenCC's
  ``t2s`` table, applied to single characters, plus a few variant forms such as 癥 -> 症), so
  the result has exactly the length of the input and every offset indexes the original.
  Full-width letters and digits and small Roman numerals fold the same way (ＡＬＳ, ⅰ型).
- :func:`shadow` also drops the pinyin that some machine converters leave after characters
  (``細(xì)胞``), which splits words; the compacted text keeps a map back to the original, so a
  match found in it still gives offsets into the original text.

Per-character conversion cannot use OpenCC's phrase tables (乾隆 stays 干隆), which is fine
for matching disease names and cue words; the shadow is never shown to anyone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# Variants that OpenCC's t2s leaves alone but that pages write for a Simplified character.
EXTRA_VARIANTS = {
    "痺": "痹",  # 麻痺 / 小兒麻痺 (Taiwan and Hong Kong spelling)
    "睪": "睾",
    "簷": "檐",
    "瘉": "愈",
    "甦": "苏",
}
# Characters that t2s or hk2s must not change here: 著 is also Simplified (显著, 著名).
KEEP = frozenset("著")
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin syllable in brackets right after a Han character, with at least one tone mark:
# (xì), （yī）. Abbreviations such as (ALS) or list markers such as (a) carry no tone mark.
PINYIN_DEBRIS = re.compile(rf"[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # the character before the debris (checked apart: faster)


@lru_cache(maxsize=1)
def _lookup() -> list[int]:
    """The table as a list indexed by code point: str.translate is about 2.5x faster with it
    than with a dict (characters beyond the list raise IndexError and stay as they are)."""
    lookup = list(range(0x10000))
    for cp, ch in _table().items():
        lookup[cp] = ord(ch)
    return lookup


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Character table for str.translate, built once (about 0.1 s)."""
    import opencc

    t2s, hk2s = opencc.OpenCC("t2s"), opencc.OpenCC("hk2s")
    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            if ch in KEEP:
                continue
            s = t2s.convert(ch)
            if s == ch:
                s = hk2s.convert(ch)
            if s != ch and len(s) == 1:
                table[cp] = s
    for k, v in EXTRA_VARIANTS.items():
        table[ord(k)] = v
    # Full-width letters and digits (ＡＬＳ, ２型) and small Roman numerals (ⅰ型) fold to the
    # forms the rules are written in; punctuation is left alone (rules name both widths).
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for cp in range(lo, hi + 1):
            table[cp] = chr(cp - 0xFEE0)
    for cp in range(0x2170, 0x2180):
        table[cp] = chr(cp - 0x10)
    return table


@lru_cache(maxsize=1)
def _changes() -> re.Pattern[str]:
    """One character class of every character :func:`simplify` changes: a C-level test."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_table())) + "]")


def simplify(text: str) -> str:
    """Per-character Simplified form of ``text``: same length, same offsets.

    Most text has nothing to convert (a Simplified page): one scan for a convertible character
    in C, about ten times faster than the per-character table, returns it as it is.
    """
    if _changes().search(text) is None:
        return text
    return text.translate(_lookup())


@lru_cache(maxsize=1)
def _drop_changed() -> list[int | None]:
    """Like :func:`_lookup`, but deleting every character that :func:`simplify` changes."""
    drop: list[int | None] = list(range(0x10000))
    for cp in _table():
        drop[cp] = None
    return drop


def count_changed(text: str) -> int:
    """How many characters of ``text`` :func:`simplify` changes (one C-level pass)."""
    return len(text) - len(text.translate(_drop_changed()))


@dataclass(frozen=True)
class Shadow:
    """A simplified, debris-free view of a text and the way back to the original's offsets.

    ``cuts`` holds, for each dropped span, the shadow position where it was dropped and the
    number of original characters dropped up to and including it.
    """

    text: str
    original_length: int
    cuts: tuple[tuple[int, int], ...] = ()
    _positions: tuple[int, ...] = field(default=(), repr=False)

    def start(self, i: int) -> int:
        """Original offset of the shadow character at ``i`` (a match's start)."""
        if not self.cuts:
            return i
        k = bisect.bisect_right(self._positions, i) - 1
        return i + (self.cuts[k][1] if k >= 0 else 0)

    def end(self, j: int) -> int:
        """Original offset just after the shadow character at ``j - 1`` (a match's end)."""
        if not self.cuts or j <= 0:
            return j
        return self.start(j - 1) + 1

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.start(i), self.end(j)


def shadow(text: str, drop: Iterable[tuple[int, int]] = ()) -> Shadow:
    """Simplified text with pinyin debris removed; map offsets back with Shadow.start/end.

    ``drop``: further spans of ``text`` to leave out of the shadow (e.g. the line break of a
    Chinese line wrapped in mid-word), sorted and not overlapping.
    """
    simple = simplify(text)
    spans = list(drop)
    if "(" in simple or "（" in simple:
        debris = [(m.start(), m.end()) for m in PINYIN_DEBRIS.finditer(simple)
                  if m.start() > 0 and _HAN.match(simple, m.start() - 1)]
        spans = sorted([*spans, *debris])
    if not spans:
        return Shadow(simple, len(text))
    parts: list[str] = []
    cuts: list[tuple[int, int]] = []
    last = removed = 0
    for a, b in spans:
        if a < last or b <= a:
            continue  # overlapping or empty: keep the first
        parts.append(simple[last:a])
        cuts.append((a - removed, removed + b - a))
        removed += b - a
        last = b
    parts.append(simple[last:])
    return Shadow("".join(parts), len(text), tuple(cuts), tuple(p for p, _ in cuts))
