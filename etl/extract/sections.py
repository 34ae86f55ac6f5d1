"""Article outline: headings with levels and the body under each. Pure.

Headings come from HTML structure (h1-h6, bold-only paragraphs) and from plain-text
conventions (一、 1. （1） and short question or label lines followed by a paragraph).
Levels follow the order in which heading styles first appear (as Markdown setext
headings do): the first style seen is level 2, the next new one level 3, and so on;
level 1 is the article title (section 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.extract.lines import Line
from etl.extract.metadata import fold

STYLE_PATTERNS = [
    ("cn_num", re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]")),
    ("paren", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    ("arabic", re.compile(r"^\d{1,2}\s*[.、．](?!\d)")),
]
NUMBER_ONLY = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]?$")
LABEL_COLON = re.compile(r"^(\d{1,2}\s*[.、．]\s*[^:：。，,]{2,14})[:：](?=\S)")
REFERENCE_HEADING = re.compile(r"^(参考资料|参考文献|参考|引用文献|文献来源|references?|bibliography)\s*[:：]?$", re.I)
_TERMINAL = re.compile(r"[。；;，,！!]$")
_SENTENCE_END = re.compile(r"[。；;]$")


@dataclass
class PlacedLine:
    """A kept line and where it stands in main_text."""

    line: Line
    start: int
    end: int


@dataclass
class Section:
    section_no: int
    level: int
    heading: str
    body: str
    start_char: int
    end_char: int


def _is_paragraph(line: Line | None) -> bool:
    return line is not None and (len(line.text) >= 30 or bool(_SENTENCE_END.search(line.text)))


def _numbering_style(text: str) -> str | None:
    for name, pat in STYLE_PATTERNS:
        if pat.match(text):
            return name
    return None


def detect_headings(placed: list[PlacedLine], skip_first: bool) -> list[tuple[int, str, str, int]]:
    """Return (index into placed, style, heading text, lines used) for each heading."""
    out: list[tuple[int, str, str, int]] = []
    i = 1 if skip_first else 0
    n = len(placed)
    while i < n:
        ln = placed[i].line
        t = ln.text
        nxt = placed[i + 1].line if i + 1 < n else None
        nxt2 = placed[i + 2].line if i + 2 < n else None
        style: str | None = None
        heading = t
        used = 1
        if REFERENCE_HEADING.match(fold(t)):  # 參考文獻 on Traditional pages too
            style = "references"
        elif ln.kind == "heading":
            style = f"h{ln.level}"
        elif ln.kind == "li" or ln.kind == "link":
            style = None
        elif NUMBER_ONLY.match(t) and nxt is not None and len(nxt.text) <= 40 and not _TERMINAL.search(nxt.text):
            style = _numbering_style(t + ".") or "arabic"
            heading = f"{t.rstrip('.、．')}. {nxt.text}" if t[-1:] not in ".、．" else f"{t} {nxt.text}"
            used = 2
        elif ln.kind == "bold":
            if len(t) <= 60 and not _SENTENCE_END.search(t):
                style = _numbering_style(t) or "bold"
        else:
            num = _numbering_style(t)
            m = LABEL_COLON.match(t)
            if num and len(t) <= 30 and not _TERMINAL.search(t):
                style = num
            elif num == "arabic" and m:
                style, heading = num, m.group(1)
            elif not num and len(t) <= 40 and re.search(r"[?？]$", t) and _is_paragraph(nxt):
                style = "plain"
            elif not num and len(t) <= 20 and not _TERMINAL.search(t) and _is_paragraph(nxt) and not re.search(r"[?？]", t[:-1]):
                style = "plain"
        if style is not None and used == 2 and nxt2 is None:
            pass
        if style is not None:
            out.append((i, style, heading, used))
            i += used
            continue
        i += 1
    return out


def build_sections(main_text: str, placed: list[PlacedLine], has_title: bool, title: str | None,
                   heads: list[tuple[int, str, str, int]] | None = None) -> list[Section]:
    if heads is None:
        heads = detect_headings(placed, skip_first=has_title)
    order: dict[str, int] = {}
    levels = []
    for _, style, _, _ in heads:
        if style == "references":
            levels.append(2)
            continue
        if style.startswith("h") and style[1:].isdigit():
            levels.append(max(2, min(6, int(style[1:]))))
            continue
        if style not in order:
            order[style] = min(6, 2 + len(order))
        levels.append(order[style])
    sections: list[Section] = []
    first_start = placed[heads[0][0]].start if heads else len(main_text)
    title_end = placed[0].end if (has_title and placed) else 0
    sections.append(Section(0, 1, title or "", main_text[title_end:first_start].strip(), 0, first_start))
    for k, ((idx, _style, heading, used), level) in enumerate(zip(heads, levels, strict=True)):
        start = placed[idx].start
        head_end = placed[idx + used - 1].end
        if used == 1 and heading != placed[idx].line.text:
            head_end = start + len(heading) + 1  # label before a colon: body starts after it
        end = placed[heads[k + 1][0]].start if k + 1 < len(heads) else len(main_text)
        body = main_text[min(head_end, end):end].strip()
        sections.append(Section(k + 1, level, heading, body, start, max(start, end)))
    return sections
