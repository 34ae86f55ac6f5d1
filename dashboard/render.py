"""HTML for document text: every text segment escaped, only our own <mark> tags added.

Document text comes from scraped web pages and may contain ``<script>``, ``onerror=``
attributes or ``javascript:`` links. It is only ever shown as escaped text: the pages pass
the result of these functions to ``st.html`` (which also sanitises with DOMPurify) and
never pass document text to ``components.html``. Pure functions, no streamlit import.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

# A mention whose context the vocabulary does not know is drawn as this one, in grey.
FALLBACK_CONTEXT = "neutral"
FALLBACK_TINT = "#e5e7eb"
TINT = 0.6  # highlights are the chart colour of the context (vocabulary claim_contexts) mixed with white

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


def tint(colour: str, amount: float = TINT) -> str:
    """``colour`` (#rrggbb) mixed with ``amount`` of white: a background that keeps text readable."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def highlight_colours(colours: Mapping[str, str]) -> dict[str, str]:
    """Context -> highlight colour, from the claim contexts' chart colours."""
    return {ctx: tint(c) for ctx, c in colours.items()}


def escape(text: object) -> str:
    return html.escape(text if isinstance(text, str) else "", quote=True)


def highlight(text: str, spans: Iterable[Span], colours: Mapping[str, str]) -> str:
    """``text`` as escaped HTML with each span wrapped in a <mark> coloured by its context.

    ``colours``: context -> background (highlight_colours of the vocabulary's claim contexts).

    Spans outside the text, empty, or overlapping an earlier span are skipped rather than
    trusted: offsets come from the warehouse, and a bad one must not break the escaping.
    """
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start < pos or span.end <= span.start or span.end > len(text):
            continue
        context = span.context if span.context in colours else FALLBACK_CONTEXT
        background = colours.get(context, FALLBACK_TINT)
        out.append(escape(text[pos:span.start]))
        out.append(
            f'<mark class="sw-mention sw-{escape(context)}" data-context="{escape(context)}" '
            f'title="{escape(span.label)}" style="background-color: {escape(background)}; '
            f'padding: 0 2px; border-radius: 3px;">{escape(text[span.start:span.end])}</mark>'
        )
        pos = span.end
    out.append(escape(text[pos:]))
    return "".join(out)


def article_text_html(text: str, spans: Iterable[Span], colours: Mapping[str, str]) -> str:
    return f'<div class="sw-main-text" style="{TEXT_STYLE}">{highlight(text, spans, colours)}</div>'


def legend_html(labels: Mapping[str, str], colours: Mapping[str, str]) -> str:
    """The claim contexts' labels on their highlight colours."""
    items = "".join(
        f'<mark style="background-color: {escape(colour)}; padding: 0 6px; margin-right: 0.6rem; '
        f'border-radius: 3px;">{escape(labels.get(ctx, ctx))}</mark>'
        for ctx, colour in colours.items()
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


SENTENCE_STYLE = (
    "line-height: 1.9; font-size: 1.05rem; padding: 0.6rem 0.9rem; margin: 0.3rem 0; "
    "border-left: 4px solid rgba(128,128,128,0.45); background: rgba(128,128,128,0.06); "
    "font-family: 'Noto Sans CJK SC', 'Source Sans Pro', sans-serif;"
)


def sentence_html(text: str, spans: Iterable[Span], colours: Mapping[str, str]) -> str:
    """One claim or red-flag sentence, escaped, with its span(s) highlighted."""
    return f'<blockquote class="sw-sentence" style="{SENTENCE_STYLE}">{highlight(text, spans, colours)}</blockquote>'


def facts_html(facts: Iterable[tuple[str, object]]) -> str:
    """Label: value lines (both escaped); a value that is None or "" shows as a dash."""
    rows = "".join(
        f'<div><span style="opacity: 0.7">{escape(label)}:</span> '
        f'{escape(value if isinstance(value, str) and value else "—")}</div>'
        for label, value in facts
    )
    return f'<div class="sw-facts" style="line-height: 1.7; margin-bottom: 1rem">{rows}</div>'
