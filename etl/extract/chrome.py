"""Separate the article from the page around it. Pure: lines in, a selection out.

The page is read as header (before the title), article, and tail (from the first
tail marker on: related lists, footers, disclaimers, prev/next links). Lines that are
chrome wherever they stand (app banners, image file names, share bars) are dropped too.
Every removed line is kept with the name of the rule that removed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.extract.lines import Line
from etl.knowledge.rules import PatternSet, Rules

_SENTENCE_END = re.compile(r"[。；;]$")
_QUESTION_END = re.compile(r"[?？]$")
_NORM = re.compile(r"[\s\u3000?？!！。.,，:：、]+")


@dataclass
class Selection:
    title: str | None
    title_index: int | None
    kept: list[int] = field(default_factory=list)            # indexes of article lines, in order
    cut: list[tuple[int, str]] = field(default_factory=list)  # (line index, rule name)
    byline: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)


MAX_RULE_LINE = 300  # a longer "line" is a flattened page, not chrome: rules never drop it whole


def _first_match(patterns: PatternSet, text: str) -> str | None:
    if len(text) > MAX_RULE_LINE:
        return None
    return patterns.first(text)


def norm(text: str) -> str:
    return _NORM.sub("", text).lower()


def _is_paragraph(line: Line) -> bool:
    t = line.text
    return (len(t) >= 40 and not _QUESTION_END.search(t)) or bool(_SENTENCE_END.search(t))


def find_title(lines: list[Line], rules: Rules) -> int | None:
    """Index of the headline line of a scrape, or None."""
    limit = max(12, int(len(lines) * 0.4))
    for i, line in enumerate(lines[:limit]):
        t = line.text
        if len(t) < 6 or len(t) > 100 or line.kind == "li":
            continue
        if _first_match(rules.drop_lines, t) or _first_match(rules.header_lines, t) or _first_match(rules.tail_markers, t):
            continue
        if any(p.name == "brand_line" and p.regex.search(t) for p in rules.site_name_patterns):
            continue  # a site's own name ("中科西部干细胞") heads the page, not the article
        if _SENTENCE_END.search(t) or "。" in t:
            continue
        if line.kind == "heading" and line.level <= 2:
            return i
        if _QUESTION_END.search(t):
            return i
        if any(_is_paragraph(n) for n in lines[i + 1 : i + 3]):
            return i
    for i, line in enumerate(lines[:limit]):
        if len(line.text) >= 6 and not _first_match(rules.drop_lines, line.text):
            return i
    return None


def select(lines: list[Line], rules: Rules, title_hint: str | None = None, has_container: bool = False) -> Selection:
    """Choose the article lines.

    ``title_hint`` is a title known from metadata (front matter, og:title); when the
    page came from a known content container (``has_container``) there is no header to cut.
    """
    title_index: int | None = None
    title = title_hint
    if title_hint:
        want = norm(title_hint)
        for i, line in enumerate(lines[: max(12, int(len(lines) * 0.4))]):
            if want and norm(line.text) == want:
                title_index = i
                break
    elif not has_container:
        title_index = find_title(lines, rules)
        if title_index is not None:
            title = lines[title_index].text

    sel = Selection(title=title, title_index=title_index)
    start = 0
    if title_index is not None:
        for i in range(title_index):
            rule = _first_match(rules.drop_lines, lines[i].text) or _first_match(rules.header_lines, lines[i].text) or "header"
            sel.cut.append((i, rule))
            sel.header.append(lines[i].text)
        start = title_index + 1
    in_tail: str | None = None
    title_norm = norm(title) if title else None
    after_title = 0
    for i in range(start, len(lines)):
        t = lines[i].text
        if in_tail:
            sel.cut.append((i, in_tail))
            sel.tail.append(t)
            continue
        after_title += 1
        if title_index is not None and after_title <= rules.byline_max_lines and len(t) <= rules.byline_max_chars and rules.byline.search(t):
            sel.cut.append((i, "byline"))
            sel.byline.append(t)
            continue
        if title_index is not None and after_title <= rules.byline_max_lines + 1 and rules.summary.search(t):
            sel.cut.append((i, "summary"))
            continue
        marker = _first_match(rules.tail_markers, t)
        if marker:
            in_tail = marker
            sel.cut.append((i, marker))
            sel.tail.append(t)
            continue
        dropped = _first_match(rules.drop_lines, t)
        if dropped:
            sel.cut.append((i, dropped))
            continue
        if title_norm and norm(t) == title_norm:
            sel.cut.append((i, "repeated_title"))
            continue
        sel.kept.append(i)
    sel.cut.sort()
    return sel
