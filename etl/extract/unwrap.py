"""Hard-wrapped text joined back into paragraphs. Pure.

Text taken from a PDF (a journal article, a government document) keeps the PDF's line breaks: a
paragraph comes as lines of one width, each cut mid-sentence (…完全缓解(CR)17例,部分缓解(PR) /
12例,总有效率…; …insulin indepen- / dence…). A page is read as wrapped when enough of its
lines stand at one width and most of those end without a sentence mark; then each such line is
joined to the next one, unless the next one starts a block of its own (a numbered heading, a
bullet, a running head's symbol). A web page's paragraphs (one line each, of any length, ending
in a sentence mark) are never wrapped, so they are left as they are.
"""

from __future__ import annotations

import re

from etl.extract.lines import Line, cell_separators

MIN_WIDTH = 48          # display columns: narrower "wraps" are lists of short items, not a PDF's lines
FULL = 0.85             # a line at least this share of the wrap width is a full line
SHORT = 0.7             # ... or this share, when it stops on a hyphenated word or a bare Chinese character
OVER = 1.15             # a line wider than this share of the wrap width is a paragraph of its own
MAX_OVER = 0.15         # ... and a wrapped page has few of them (its header, a long title)
BAND = 0.9              # the lines of one wrap width stand within this share of the widest
MIN_WRAPPED = 5         # full lines without a sentence mark a page needs to be read as wrapped
MIN_SHARE = 0.6         # ... and their share of its full lines
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:.…][”’\"'」』）)\]】]*$")
_STARTS_BLOCK = re.compile(
    r"^([^\w(（\[【“\"‘']|[¹²³⁰-⁹*†‡§]|\d+(\.\d+)*\s|\d+\s*[、.．]\s*\S|[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十\d]+[章节条部]"
    r"|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|(?i:abstract|keywords?|references|introduction|background|methods|results"
    r"|discussion|conclusions?)\b|(摘要|关键词|参考文献|引言|前言|结论|讨论|附件)\s*[:：]?)")
_LATIN_LOWER_START = re.compile(r"^[a-z(]")
_HYPHEN_END = re.compile(r"(?<=[A-Za-z])-$")
_HAN_END = re.compile(r"[\u3400-\u9fff]$")
_HAN = re.compile(r"[\u3400-\u9fff]")
_NARROW = re.compile(r"[\x00-\u2e7f]+")
SHORTEST = int(SHORT * MIN_WIDTH) // 2


def width(text: str) -> int:
    """Display columns: a CJK or full-width character takes two (counted at C speed: the text
    less its narrow characters is its wide ones)."""
    return len(text) + len(_NARROW.sub("", text))


def _wrap_width(widths: list[int]) -> int | None:
    """The width the page's lines were wrapped at (the widest band of ±10% that holds the most
    lines), or None when too few lines are wide."""
    wide = sorted(w for w in widths if w >= MIN_WIDTH)
    if len(wide) < MIN_WRAPPED:
        return None
    best, best_count, lo = None, 0, 0
    for hi, w in enumerate(wide):
        while wide[lo] < BAND * w:
            lo += 1
        if hi - lo + 1 >= best_count:
            best, best_count = w, hi - lo + 1
    return best


def unwrap(lines: list[Line]) -> list[Line]:
    """``lines`` with each hard-wrapped paragraph joined into one line (see the module docstring)."""
    if len(lines) < MIN_WRAPPED:
        return lines
    # a line of SHORTEST characters or fewer is narrower than any threshold below (SHORT * MIN_WIDTH
    # columns at two a character): it is not measured
    widths = [width(ln.text) if ln.kind == "p" and len(ln.text) > SHORTEST and not cell_separators(ln.text) else 0
              for ln in lines]
    w = _wrap_width(widths)
    if w is None:
        return lines
    wide = [wd for wd in widths if wd >= MIN_WIDTH]
    if sum(wd > OVER * w for wd in wide) > MAX_OVER * len(wide):
        return lines   # a web page: its paragraphs run far past any "width" its short lines share
    full = [i for i, wd in enumerate(widths) if FULL * w <= wd <= w]
    open_ended = [i for i in full if not _ENDS_SENTENCE.search(lines[i].text)]
    if len(open_ended) < MIN_WRAPPED or len(open_ended) < MIN_SHARE * len(full):
        return lines
    # a word hyphenated at the break (indepen- / dence), or a Chinese line that stops on a bare
    # character (…MSC具 / 有低免疫原性…), is wrapped even a little short of the width
    wrapped = set(open_ended) | {i for i, ln in enumerate(lines[:-1]) if widths[i] >= SHORT * w and (
        (_HYPHEN_END.search(ln.text) and lines[i + 1].text[:1].islower()) or _HAN_END.search(ln.text))}
    out: list[Line] = []
    for i, ln in enumerate(lines):
        prev = out[-1] if out else None
        if prev is not None and (i - 1) in wrapped and _continues(prev.text, ln):
            out[-1] = Line(_join(prev.text, ln.text), "p")
        else:
            out.append(ln)
    return out


# A paper's author line under its title: two to four Han characters each, with affiliation marks
# (孟某某1 宋某某1,2 褚某某2): never the rest of the title's sentence.
_AUTHOR_LINE = re.compile(r"^([\u4e00-\u9fff]{2,4}\s*[\d,，*]*\s+)+[\u4e00-\u9fff]{2,4}\s*[\d,，*]*$")


def _continues(above: str, ln: Line) -> bool:
    """``ln`` goes on with the sentence the wrapped line ``above`` leaves open."""
    t = ln.text
    if ln.kind != "p" or _STARTS_BLOCK.match(t) or _AUTHOR_LINE.match(t):
        return False
    if ord(above[-1]) >= 0x2E80 or ord(t[0]) >= 0x2E80:
        return True   # Chinese text runs on across the break
    return bool(_LATIN_LOWER_START.match(t)) or t[0].isdigit()


def _join(above: str, below: str) -> str:
    if _HYPHEN_END.search(above) and below[:1].islower():
        return above[:-1] + below   # indepen- / dence
    if _HAN.search(above[-10:]) or _HAN.search(below[:10]):
        return above + below   # Chinese text takes no space at the break: (PR) / 12例 is (PR)12例
    return above + " " + below
