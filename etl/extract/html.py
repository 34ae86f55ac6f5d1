"""HTML to lines plus page metadata, with beautifulsoup4 (lxml tree builder). Pure.

The walk over the tree is iterative, so absurdly deep nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from bs4 import (
    BeautifulSoup,
    Comment,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)

from etl.extract.lines import Line, clean

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
# By category: bs4 attributes this warning to our call site, so module="bs4" below missed it
# and a short page such as "x.html" printed a warning (seen in tests/test_properties.py).
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
warnings.filterwarnings("ignore", module="bs4")

# Never article text.
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "nav", "footer", "aside", "form",
              "button", "input", "select", "textarea", "svg", "canvas", "object", "embed", "head", "frame", "frameset"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption", "br", "hr",
               "address", "center", "body", "html", "tbody", "thead", "caption"}
_BOLD_TAGS = {"strong", "b"}
_HEADING = re.compile(r"^h([1-6])$")
# Containers that hold the article on common sites, tried in order (the first with enough text wins).
CONTENT_SELECTORS = ("div.content", "div.RichText", "div.RichContent-inner", "#js_content", "article",
                     "div.article-content", "div.article_content", "div.post-content", "div.entry-content",
                     "div#content", "div.content-inner", "main")
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass
class HtmlPage:
    lines: list[Line]
    meta: dict[str, str] = field(default_factory=dict)
    outside_text: str = ""     # visible text outside the content container (page chrome)
    warnings: list[str] = field(default_factory=list)


def _parse_selector(sel: str) -> tuple[str | None, str | None, str | None]:
    """'div.content' -> ('div', 'content', None); '#js_content' -> (None, None, 'js_content')."""
    m = re.fullmatch(r"([a-z0-9]*)(?:\.([\w-]+))?(?:#([\w-]+))?", sel)
    if not m:
        raise ValueError(f"unsupported content selector {sel!r}")
    return (m.group(1) or None, m.group(2), m.group(3))


_SELECTORS = [_parse_selector(s) for s in CONTENT_SELECTORS]
_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "og:site_name": "site_name", "application-name": "site_name",
    "og:url": "url", "author": "author", "article:author": "author", "article:published_time": "date",
    "pubdate": "date", "publishdate": "date", "publish_date": "date", "date": "date", "datepublished": "date",
    "dc.date": "date",
}
_AUTHOR_CLASSES = {"author", "author-name", "AuthorInfo-name"}


def _scan(soup: BeautifulSoup) -> tuple[dict[str, str], list[list[Tag]]]:
    """One pass over all tags: page metadata, and the candidates for each content selector."""
    out: dict[str, str] = {}
    candidates: list[list[Tag]] = [[] for _ in _SELECTORS]

    def put(key: str, value: object) -> None:
        if isinstance(value, str) and value.strip() and key not in out:
            out[key] = clean(value)[:1000]

    for tag in soup.find_all(True):
        name = tag.name
        attrs = tag.attrs or {}
        classes = attrs.get("class") or ()
        if isinstance(classes, str):
            classes = classes.split()
        tid = attrs.get("id")
        for k, (t, c, i) in enumerate(_SELECTORS):
            if (t is None or t == name) and (c is None or c in classes) and (i is None or i == tid):
                candidates[k].append(tag)
        if name == "meta":
            key = str(attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key in _META_KEYS:
                put(_META_KEYS[key], attrs.get("content"))
        elif name == "link" and "canonical" in (attrs.get("rel") or ()):
            put("url", attrs.get("href"))
        elif name == "title":
            put("html_title", tag.get_text(" "))
        elif name == "time":
            put("date", attrs.get("datetime") or tag.get_text(" "))
        elif name == "h1":
            put("h1", tag.get_text(" "))
        elif name == "a" and "originUrl" in classes:
            put("url", attrs.get("href"))
        if _AUTHOR_CLASSES.intersection(classes) and name in ("span", "a", "div"):
            put("author", tag.get_text(" ").rstrip("，,:： "))
    return out, candidates


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _walk(root: Tag, skip: Tag | None = None) -> list[Line]:
    """Iterative DFS with enter/exit events, flushing a line at every block boundary."""
    lines: list[Line] = []
    buf: list[str] = []
    state = {"bold_chars": 0, "chars": 0, "link_chars": 0, "hrefs": [], "kind": "p", "level": 0}
    bold_depth = 0
    link_depth = 0

    def flush() -> None:
        text = clean("".join(buf).replace("\n", " "))
        if text:
            kind, level = state["kind"], state["level"]
            if kind == "p" and state["chars"] and state["bold_chars"] >= state["chars"] * 0.95:
                kind = "bold"
            href = None
            if kind in ("p", "bold") and state["hrefs"] and state["link_chars"] >= state["chars"] * 0.9:
                kind, href = "link", state["hrefs"][0]
            lines.append(Line(text, kind, level, href))
        buf.clear()
        state.update(bold_chars=0, chars=0, link_chars=0, hrefs=[])

    def add(text: str) -> None:
        """Append a piece of text to the line, counting how much of it is bold or inside a link."""
        buf.append(text)
        n = len(text.strip())
        state["chars"] += n
        if bold_depth:
            state["bold_chars"] += n
        if link_depth:
            state["link_chars"] += n

    # One entry per open block: the kind of the innermost deciding block (heading, list
    # item or paragraph-like) at that depth, so a push or pop is O(1). Re-scanning the
    # stack of open blocks on every event was quadratic: 10,000 nested <div>s took about a minute
    # (tests/reliability/test_hostile_files.py::test_deep_nesting_is_fast).
    kind_stack: list[tuple[str, int]] = []

    def push_kind(name: str) -> None:
        m = _HEADING.match(name)
        if m:
            decided = ("heading", int(m.group(1)))
        elif name in ("li", "dt", "dd"):
            decided = ("li", 0)
        elif name in ("p", "td", "th", "blockquote", "figcaption", "pre"):
            decided = ("p", 0)
        else:  # div, section, ...: inherit the enclosing block's kind
            decided = kind_stack[-1] if kind_stack else ("p", 0)
        kind_stack.append(decided)
        set_kind()

    def set_kind() -> None:
        state["kind"], state["level"] = kind_stack[-1] if kind_stack else ("p", 0)

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, exiting = stack.pop()
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            s = str(node)
            if not s.strip():
                if _BLANK_LINE.search(s):
                    flush()  # a blank line in text: a scrape with a few tags in it, not layout
                elif buf and not buf[-1].endswith(" "):
                    buf.append(" ")
                continue
            pieces = _BLANK_LINE.split(s)
            for extra in pieces[:-1]:
                if extra.strip():
                    add(extra)
                flush()
            if pieces[-1].strip():
                add(pieces[-1])
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower() if node.name else ""
        if exiting:
            if name in _BOLD_TAGS:
                bold_depth -= 1
            elif name == "a":
                link_depth -= 1
            if name in _BLOCK_TAGS:
                flush()
                if kind_stack:
                    kind_stack.pop()
                set_kind()
            continue
        if name in _DROP_TAGS or node is skip or _is_hidden(node):
            continue
        if name in _BLOCK_TAGS:
            flush()
            push_kind(name)
        elif name in _BOLD_TAGS:
            # A second bold run in a line that is bold so far starts a new line:
            # <strong>问题？</strong><strong>（1）小标题</strong> are two headings.
            if bold_depth == 0 and state["chars"] and state["bold_chars"] >= state["chars"]:
                flush()
            bold_depth += 1
        elif name == "a":
            link_depth += 1
            href = node.get("href")
            if isinstance(href, str) and href.strip():
                state["hrefs"].append(href.strip())
        elif name == "img":
            continue
        stack.append((node, True))
        for child in reversed(list(node.children)):
            stack.append((child, False))
    flush()
    return lines


def html_to_page(html: str) -> HtmlPage:
    warns: list[str] = []
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as exc:  # lxml gives up on some pathological input; fall back
        warns.append(f"lxml could not parse the HTML ({type(exc).__name__}); used html.parser")
        soup = BeautifulSoup(html, "html.parser")
    meta, candidates = _scan(soup)
    body = soup.body or soup
    root: Tag = body
    total = len(body.get_text(" ", strip=True)) if isinstance(body, Tag) else 0
    for cands in candidates:
        for cand in cands:
            n = len(cand.get_text(" ", strip=True))
            if n >= 200 or (total and n >= 0.3 * total):
                root = cand
                break
        if root is not body:
            break
    lines = _walk(root)
    outside = ""
    if root is not body:
        outside_lines = _walk_outside(body, root)
        outside = "\n".join(outside_lines)
    return HtmlPage(lines, meta, outside, warns)


def _walk_outside(body: Tag, root: Tag) -> list[str]:
    """Visible text of the page outside the content container (for source cues and signals)."""
    return [ln.text for ln in _walk(body, skip=root)]
