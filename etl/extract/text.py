"""Plain-text and Markdown scrapes to lines. Pure."""

from __future__ import annotations

import re

from etl.extract.lines import Line, clean

_BULLET = re.compile(r"^([•·●▪■◆\-–—*]\s*)(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def text_to_lines(text: str, markdown: bool = False) -> list[Line]:
    out: list[Line] = []
    for raw in text.splitlines():
        t = clean(raw)
        if not t:
            continue
        if markdown:
            t = clean(_MD_IMAGE.sub("", t))
            if not t:
                continue
            m = _MD_HEADING.match(t)
            if m:
                out.append(Line(clean(m.group(2)), "heading", len(m.group(1))))
                continue
            links = _MD_LINK.findall(t)
            t = _MD_LINK.sub(lambda mm: mm.group(1) or mm.group(2), t)
            # clean() again and skip what is left empty: "**" alone used to become an empty
            # line, "** 标题 **" one with spaces at its edges
            # (tests/test_properties.py::test_text_to_lines_never_raises).
            t = clean(t.replace("**", "").replace("__", ""))
            if not t:
                continue
            if links and len(links) == 1 and clean(t) == (links[0][0] or links[0][1]):
                out.append(Line(clean(t), "link", href=links[0][1]))
                continue
        kind = "li" if _BULLET.match(t) else "p"
        out.append(Line(t, kind))
    return out
