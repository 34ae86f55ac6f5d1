"""HTML for document text: every text segment escaped, only our own <mark> tags added.

Document text comes from scraped web pages and may contain ``<script>``, ``onerror=``
attributes or ``javascript:`` links. It is only ever shown as escaped text: the pages pass
the result of these functions to ``st.html`` (which also sanitises with DOMPurify) and
never pass document text to ``components.html``. Pure functions, no streamlit import.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

CONTEXT_COLOURS: dict[str, str] = {
    "asserted": "#fca5a5",  # a claim that it works: red
    "hedged": "#fde68a",  # may / is expected to: amber
    "negated": "#a7f3d0",  # no evidence / cannot: green
    "neutral": "#dbeafe",  # plain mention: light blue
}

TEXT_STYLE = (
    "white-space: pre-wrap; line-height: 1.8; font-size: 1rem; max-height: 70vh; overflow-y: auto; "
    "padding: 0.75rem 1rem; border: 1px solid rgba(128,128,128,0.3); border-radius: 0.5rem; "
    "font-family: 'Noto Sans CJK SC', 'Source Sans Pro', sans-serif;"
)


@dataclass(frozen=True)
class Span:
    start: int  # code-point offsets into the text, end exclusive (Python str indices)
    end: int
    context: str
    label: str = ""  # shown as a tooltip, e.g. canonical name and trigger


def escape(text: object) -> str:
    return html.escape(text if isinstance(text, str) else "", quote=True)


def highlight(text: str, spans: Iterable[Span]) -> str:
    """``text`` as escaped HTML with each span wrapped in a <mark> coloured by its context.

    Spans outside the text, empty, or overlapping an earlier span are skipped rather than
    trusted: offsets come from the warehouse, and a bad one must not break the escaping.
    """
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start < pos or span.end <= span.start or span.end > len(text):
            continue
        context = span.context if span.context in CONTEXT_COLOURS else "neutral"
        out.append(escape(text[pos:span.start]))
        out.append(
            f'<mark class="sw-mention sw-{context}" data-context="{context}" '
            f'title="{escape(span.label)}" style="background-color: {CONTEXT_COLOURS[context]}; '
            f'padding: 0 2px; border-radius: 3px;">{escape(text[span.start:span.end])}</mark>'
        )
        pos = span.end
    out.append(escape(text[pos:]))
    return "".join(out)


def article_text_html(text: str, spans: Iterable[Span]) -> str:
    return f'<div class="sw-main-text" style="{TEXT_STYLE}">{highlight(text, spans)}</div>'


def legend_html() -> str:
    items = "".join(
        f'<mark style="background-color: {colour}; padding: 0 6px; margin-right: 0.6rem; '
        f'border-radius: 3px;">{name}</mark>'
        for name, colour in CONTEXT_COLOURS.items()
    )
    return f'<div class="sw-legend">Claim context: {items}</div>'


def safe_link(url: object) -> str | None:
    """``url`` if it is an http(s) link fit to show as a link, else None (show it as text)."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()


def outline_html(sections: Iterable[tuple[int, str]]) -> str:
    """An indented outline of (level, heading) pairs, headings escaped."""
    rows = []
    for level, heading in sections:
        indent = max(0, int(level) - 1) * 1.25
        rows.append(f'<div style="margin-left: {indent}rem">{escape(heading)}</div>')
    return f'<div class="sw-outline" style="line-height: 1.7">{"".join(rows)}</div>'


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$"


def markdown_escape(text: str) -> str:
    """Backslash-escape markdown syntax so a string shows literally in st.info / st.caption."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
