"""HTML to lines plus page metadata: libxml2's HTML parser through lxml, walked directly. Pure.

Measured on the HTML pages of the benchmark corpus (100 pages, 1.5 MB): beautifulsoup4's tree
built by the lxml builder took 0.51 s, by html.parser 1.18 s, lxml.html's own tree 0.05 s. The
tree is libxml2's either way (beautifulsoup4's lxml builder feeds the same parser), so this
module walks lxml's tree and keeps beautifulsoup4's rules where they shaped the text: runs of
ASCII whitespace become one space or newline outside <pre>, strings inside script, style,
template, rt and rp do not count as text. beautifulsoup4's html.parser stays as the repair
path for markup lxml gives up on.

The walk over the tree is iterative, so absurdly deep nesting cannot exhaust the stack.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from lxml import etree

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
    outside_before: int = 0    # how many lines of outside_text stand before the container
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
    "articletitle": "title", "citation_title": "title", "sitename": "site_name",   # a government CMS's and a journal's tags
    "dc.title": "title", "dcterms.title": "title",   # Dublin Core, which government sites (a Taiwanese county's press releases) fill
    "og:url": "url", "author": "author", "article:author": "author", "article:published_time": "date",
    "pubdate": "date", "publishdate": "date", "publish_date": "date", "date": "date", "datepublished": "date",
    "dc.date": "date", "dc.date.issued": "date", "dcterms.issued": "date", "dcterms.created": "date",
    "citation_publication_date": "date", "citation_online_date": "date", "citation_date": "date",
    "publication_date": "date", "pub_date": "date", "parsely-pub-date": "date", "sailthru.date": "date",
}
_AUTHOR_CLASSES = {"author", "author-name", "AuthorInfo-name"}


# Strings in these elements are not text to get_text() (beautifulsoup4's string containers).
_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})
_PRESERVE_WS = frozenset({"pre", "textarea"})
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"


# _ALIVE: a walk keeps the lxml proxy of every element it has visited until it ends. When the
# proxy of an element dies, lxml looks up its ancestors for one that still has a proxy (to know
# what it may free), so dropping each proxy as the walk moves on cost the depth of the element:
# quadratic in the nesting, 15 s per walk over 100,000 nested <b> tags. Freed after the walk, in
# reverse document order, each finds its parent's proxy still alive at once.
# (tests/reliability/test_hostile_files.py::test_deep_inline_nesting_is_linear)


def _name(el: etree._Element) -> str:
    """Lower-case tag name; "" for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _ws(s: str, pre: bool) -> str:
    """A string of ASCII whitespace only is stored as one newline or space, as beautifulsoup4 does."""
    if not pre and not s.strip(_ASCII_SPACES):
        return "\n" if "\n" in s else " "
    return s


def _in_pre(el: etree._Element) -> bool:
    return _name(el) in _PRESERVE_WS or any(_name(a) in _PRESERVE_WS for a in el.iterancestors())


def _pi_text(el: etree._Element) -> str:
    return f"{el.target} {el.text or ''}"


def _strings(el: etree._Element) -> list[str]:
    """The strings get_text() joins, in document order: no comments, nothing inside script,
    style, template, rt or rp."""
    out: list[str] = []
    stack: list[tuple[object, bool, bool]] = [(el, False, _in_pre(el))]
    visited: list[etree._Element] = []  # proxies kept alive: see _ALIVE
    while stack:
        node, hidden, pre = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        assert isinstance(node, etree._Element)
        visited.append(node)
        for child in reversed(node):
            if child.tail and not hidden:
                stack.append((_ws(child.tail, pre), hidden, pre))
            name = _name(child)
            if name:
                stack.append((child, hidden or name in _NOT_TEXT, pre or name in _PRESERVE_WS))
        if node.text and not hidden:
            stack.append((_ws(node.text, pre), hidden, pre))
    return out


def _get_text(el: etree._Element, sep: str = " ", strip: bool = False) -> str:
    strings = _strings(el)
    if strip:
        return sep.join(t for t in (x.strip() for x in strings) if t)
    return sep.join(strings)


def _scan(root: etree._Element) -> tuple[dict[str, str], list[list[etree._Element]]]:
    """One pass over all tags: page metadata, and the candidates for each content selector."""
    out: dict[str, str] = {}
    candidates: list[list[etree._Element]] = [[] for _ in _SELECTORS]

    def put(key: str, value: object) -> None:
        if isinstance(value, str) and value.strip() and key not in out:
            out[key] = clean(value)[:1000]

    for tag in list(root.iter(etree.Element)):  # a list keeps the proxies alive: see _ALIVE
        name = _name(tag)
        attrs = tag.attrib
        cls = attrs.get("class")
        classes = cls.split() if cls else ()
        tid = attrs.get("id")
        for k, (t, c, i) in enumerate(_SELECTORS):
            if (t is None or t == name) and (c is None or c in classes) and (i is None or i == tid):
                candidates[k].append(tag)
        if name == "meta":
            key = str(attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key in _META_KEYS:
                put(_META_KEYS[key], attrs.get("content"))
        elif name == "link" and "canonical" in (attrs.get("rel") or "").split():
            put("url", attrs.get("href"))
        elif name == "title":
            put("html_title", _get_text(tag))
        elif name == "time":
            put("date", attrs.get("datetime") or _get_text(tag))
        elif name == "h1":
            put("h1", _get_text(tag))
        elif name == "a" and "originUrl" in classes:
            put("url", attrs.get("href"))
        elif name == "script" and str(attrs.get("type") or "").lower() == "application/ld+json":
            put("date", _ld_date(tag.text or ""))
        if name in ("span", "a", "div") and _AUTHOR_CLASSES.intersection(classes):
            put("author", _get_text(tag).rstrip("，,:： "))
    return out, candidates


_LD_TYPES = {"article", "newsarticle", "blogposting", "medicalwebpage", "webpage", "scholarlyarticle", "report",
             "reportagenewsarticle", "analysisnewsarticle", "healthtopiccontent", "qapage", "question", "posting"}


def _ld_date(text: str) -> str | None:
    """``datePublished`` of the page's article in a JSON-LD block (schema.org NewsArticle,
    BlogPosting …), or None: a block that does not parse, or names no article, gives nothing."""
    if len(text) > 200_000 or "datePublished" not in text:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):   # not JSON, or nested deeper than the parser goes
        return None
    items = data if isinstance(data, list) else [data]
    items = [*items, *(g for d in items if isinstance(d, dict) and isinstance(d.get("@graph"), list) for g in d["@graph"])]
    for item in items:
        if not isinstance(item, dict):
            continue
        kind = item.get("@type")
        kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
        if kinds & _LD_TYPES and isinstance(item.get("datePublished"), str):
            return item["datePublished"]
    return None


def _is_hidden(tag: etree._Element) -> bool:
    attrs = tag.attrib
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


ROW_CELL_CHARS = 80   # a data table's cell is shorter; a layout table's cell holds paragraphs


DATA_ROWS, DATA_CELLS = 3, 3   # a data table has at least this many rows of this many cells


def _cell_count(tr: etree._Element) -> int:
    return sum(1 for c in tr if isinstance(c.tag, str) and _name(c) in ("td", "th"))


def _data_rows(table: etree._Element) -> list[etree._Element]:
    """The rows of ``table`` (not of a table inside it) that stand in a run of DATA_ROWS or more
    neighbouring rows with the same number of cells, DATA_CELLS or more (a <thead>'s row and the
    <tbody>'s first ones are neighbours): a data table (序号 | 项目名称 | 研究机构 | 备案号 | 研究期限), not a
    page laid out in a table or a form of label and value cells (来信人 | 王** | 来信时间 | …,
    發布日期 | 2024-05-08). One pass over the table's rows."""
    rows: list[etree._Element] = []
    todo = [c for c in reversed(table) if isinstance(c.tag, str)]
    while todo:
        el = todo.pop()
        name = _name(el)
        if name == "tr":
            rows.append(el)
        elif name in ("thead", "tbody", "tfoot"):
            todo.extend(c for c in reversed(el) if isinstance(c.tag, str))
    out: list[etree._Element] = []
    i = 0
    while i < len(rows):
        n = _cell_count(rows[i])
        j = i
        while j + 1 < len(rows) and _cell_count(rows[j + 1]) == n:
            j += 1
        if n >= DATA_CELLS and j - i + 1 >= DATA_ROWS:
            out += rows[i:j + 1]
        i = j + 1
    return out


# Blocks a data table's cell may hold: a word processor wraps each cell's text in <p> (a government
# notice's table pasted from Word), which is still one short cell.
_CELL_BLOCKS = ("br", "p", "div")
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?:\s|$)")


def _simple_row(tr: etree._Element) -> str | None:
    """A data table's row as one line, its cells joined by " | " (序号 | 项目名称 | 研究机构 | 备案号), or
    None for a row of a layout table: fewer than two cells, or a cell holding lists, tables or
    headings, long text or markup that is never text."""
    cells = [c for c in tr if isinstance(c.tag, str)]
    if len(cells) < 2 or any(_name(c) not in ("td", "th") for c in cells):
        return None
    texts = []
    for cell in cells:
        paragraph = False
        for d in cell.iterdescendants():
            if not isinstance(d.tag, str):
                continue
            n = _name(d)
            if n in _DROP_TAGS or (n in _BLOCK_TAGS and n not in _CELL_BLOCKS):
                return None
            paragraph = paragraph or n in ("p", "div")
        if _is_hidden(cell):
            return None
        text = clean(" ".join(t for t in cell.itertext() if isinstance(t, str)))
        if len(text) > ROW_CELL_CHARS or (paragraph and _SENTENCE_END.search(text)):
            return None   # a sentence in a paragraph of its own: a page laid out in a table
        texts.append(text)
    return " | ".join(texts) if sum(1 for t in texts if t) >= 2 else None


def _walk(root: etree._Element, skip: etree._Element | None = None, skipped_at: list[int] | None = None) -> list[Line]:
    """Iterative DFS with enter/exit events, flushing a line at every block boundary.

    ``skip``: an element left out (the content container); ``skipped_at`` receives the number of
    lines before it."""
    lines: list[Line] = []
    buf: list[str] = []
    state = {"bold_chars": 0, "chars": 0, "link_chars": 0, "hrefs": [], "kind": "p", "level": 0}
    bold_depth = 0
    link_depth = 0
    pre_depth = 1 if _in_pre(root) else 0

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
    data_rows: set[etree._Element] = set()   # rows of the data tables entered so far (joined into one line each)

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

    # Entries: (element, exiting) for tags, (string, None) for text in document order.
    stack: list[tuple[object, bool | None]] = [(root, False)]
    while stack:
        node, exiting = stack.pop()
        if exiting is None:
            s = _ws(node, pre_depth > 0)  # type: ignore[arg-type]
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
        assert isinstance(node, etree._Element)
        name = _name(node)
        if exiting:
            if name in _BOLD_TAGS:
                bold_depth -= 1
            elif name == "a":
                link_depth -= 1
            if name in _PRESERVE_WS:
                pre_depth -= 1
            if name in _BLOCK_TAGS:
                flush()
                if kind_stack:
                    kind_stack.pop()
                set_kind()
            continue
        if node is skip:
            if skipped_at is not None:
                flush()
                skipped_at.append(len(lines))
            continue
        if name in _DROP_TAGS or _is_hidden(node):
            continue
        if name == "table":
            data_rows.update(_data_rows(node))
        if name == "tr" and node in data_rows and (row := _simple_row(node)) is not None:
            flush()
            lines.append(Line(row, "p", 0))   # a data table's row, as a text archive shows it
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
        if name in _PRESERVE_WS:
            pre_depth += 1
        stack.append((node, True))
        for child in reversed(node):
            if child.tail:
                stack.append((child.tail, None))
            tag = child.tag
            if isinstance(tag, str):
                stack.append((child, False))
            elif tag is etree.PI:
                stack.append((_pi_text(child), None))
        if node.text:
            stack.append((node.text, None))
    flush()
    return lines


def _parse(html: str, warns: list[str]) -> etree._Element | None:
    """libxml2's tree of the page (a new parser per call: parsers are not shared across threads)."""
    data = html.encode("utf-8", "replace")
    try:
        parser = etree.HTMLParser(encoding="utf-8", recover=True)
        doc = etree.fromstring(data, parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            # libxml2 stops building its own tree 256 levels deep and drops the rest; its
            # parse events go on, so build the tree from them (slower, rare).
            target = etree.HTMLParser(target=etree.TreeBuilder(), encoding="utf-8", recover=True)
            target.feed(data)
            doc = target.close()
        return doc
    except etree.XMLSyntaxError:
        return None  # nothing to parse (an empty document)
    except Exception as exc:  # libxml2 gives up on some pathological input: repair, then retry
        warns.append(f"lxml could not parse the HTML ({type(exc).__name__}); repaired with html.parser")
        repaired = str(BeautifulSoup(html, "html.parser")).encode("utf-8", "replace")
        return etree.fromstring(repaired, etree.HTMLParser(encoding="utf-8", recover=True))


def html_to_page(html: str) -> HtmlPage:
    warns: list[str] = []
    doc = _parse(html, warns)
    if doc is None:
        return HtmlPage([], {}, "", 0, warns)
    meta, candidates = _scan(doc)
    body = doc if _name(doc) == "body" else next(doc.iter("body"), None)
    if body is None:
        body = doc
    root = body
    total = len(_get_text(body, " ", strip=True))
    for cands in candidates:
        for cand in cands:
            n = len(_get_text(cand, " ", strip=True))
            if n >= 200 or (total and n >= 0.3 * total):
                root = _main_around(cand, n)
                break
        if root is not body:
            break
    lines = _walk(root)
    outside = ""
    before = 0
    if root is not body:
        outside_lines, before = _walk_outside(body, root)
        outside = "\n".join(outside_lines)
    return HtmlPage(lines, meta, outside, before, warns)


def _main_around(cand: etree._Element, chars: int) -> etree._Element:
    """The page's <main> when it holds the container chosen and much more text: a Q&A page puts the
    question in an <article> and the answers beside it, both inside <main> (the answers were lost)."""
    for anc in cand.iterancestors():
        if _name(anc) == "main":
            return anc if len(_get_text(anc, " ", strip=True)) >= 1.5 * chars else cand
    return cand


def _walk_outside(body: etree._Element, root: etree._Element) -> tuple[list[str], int]:
    """Visible text of the page outside the content container (for source cues, signals and a
    date line beside the container), and how many of its lines stand before the container."""
    at: list[int] = []
    lines = [ln.text for ln in _walk(body, skip=root, skipped_at=at)]
    return lines, at[0] if at else len(lines)
