"""One document, bytes in, rows out: the pure heart of the ETL (no I/O, no database)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from etl.annotate.annotations import Annotations, annotate
from etl.annotate.mentions import Mention, find_candidates, find_mentions
from etl.errors import Rejected
from etl.extract import chrome as boilerplate
from etl.extract.citations import Citation, extract_citations, reference_region
from etl.extract.decode import decode_bytes
from etl.extract.evidence import CARD_RULES, norm
from etl.extract.frontmatter import split_front_matter
from etl.extract.html import html_to_page
from etl.extract.lines import Line, clean
from etl.extract.metadata import (
    PageDate,
    SourceInputs,
    classify_source,
    decode_redirect,
    domain,
    find_dates,
    header_url,
    identify_site,
    language,
    page_date,
    parse_date,
    score_cues,
    source_fields,
    url_date,
)
from etl.extract.script import simplify
from etl.extract.sections import PlacedLine, Section, build_sections, detect_headings
from etl.extract.signals import Signal, find_signals
from etl.extract.text import text_to_lines
from etl.extract.titles import QUESTION_DETAIL
from etl.extract.unwrap import unwrap
from etl.knowledge.annotation import AnnotationKnowledge, load_annotation_knowledge
from etl.knowledge.lexicon import Lexicon, TriggerSet
from etl.knowledge.rules import DateRules, Rules

_WHOLE_DOCUMENT = re.compile(r"<(!doctype|html|head|body)\b", re.I)
_HTML_HINT = re.compile(r"<(html|body|div|p|article|section|h[1-6]|span|br|table|ul|li|strong|a)\b[^>]*>", re.I)
MAX_LINE_CHARS = 200_000  # a "line" longer than this is cut into pieces for extraction


def article_id_for(source_path: str) -> str:
    return hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """What extraction knows about one file: everything but the annotations."""

    article_id: str
    source_path: str
    content_sha256: str
    file_bytes: int
    encoding: str
    raw_text: str
    format: str
    title: str | None
    author: str | None
    site_name: str | None
    url: str | None
    published_date: dt.date | None
    date_source: str | None
    url_date: dt.date | None
    language: str
    source_type: str
    source_type_evidence: list[str]
    source_inputs: SourceInputs   # what classify_source read (stored, so a sources edit re-classifies)
    main_text: str
    body_end_char: int
    cut_chars: int
    warnings: list[str]
    cut: list[tuple[str, str]] = field(default_factory=list)      # (rule, text)
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    outside: str = ""   # text of an HTML page outside its article container (annotation reads it as chrome)
    url_source: str | None = None   # manifest | front_matter | html_meta | header
    domain: str | None = None       # host of url, no leading www.


@dataclass
class DocumentAnnotations:
    """What annotation adds to a Document; depends only on the Document and the knowledge files."""

    mentions: list[Mention] = field(default_factory=list)
    candidates: dict[str, tuple[int, str]] = field(default_factory=dict)   # term -> (occurrences, example)
    annotations: Annotations = field(default_factory=Annotations)   # claims, red flags, credibility, evidence


@dataclass
class ParsedDocument(Document):
    """A Document with its Annotations: what a full parse of one file gives."""

    mentions: list[Mention] = field(default_factory=list)
    candidates: dict[str, tuple[int, str]] = field(default_factory=dict)
    annotations: Annotations = field(default_factory=Annotations)   # claims, red flags, credibility, evidence


def _split_long(lines: list[Line]) -> list[Line]:
    out = []
    for ln in lines:
        if len(ln.text) <= MAX_LINE_CHARS:
            out.append(ln)
            continue
        for i in range(0, len(ln.text), MAX_LINE_CHARS):
            out.append(Line(ln.text[i:i + MAX_LINE_CHARS], ln.kind, ln.level, ln.href))
    return out


_PARAGRAPH = re.compile(r"[。！？]")
# A word for the minimum article length: one CJK character, or one run of letters of any other script.
_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W\d_]+")


def article_words(text: str, enough: int) -> int:
    """Words in ``text`` as the minimum article length counts them, up to ``enough`` (a long page
    stops being counted once it has enough)."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), enough))


_INVISIBLE = re.compile(r"<(script|style|head|noscript|template)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def _joined(texts: Iterable[str], cap: int) -> str:
    """Lines joined with newlines, stopping once ``cap`` characters are reached."""
    out: list[str] = []
    size = 0
    for t in texts:
        out.append(t[: cap - size])
        size += len(out[-1]) + 1
        if size >= cap:
            break
    return "\n".join(out)[:cap]


def _visible_top(markup: str, n: int = 25) -> list[str]:
    """The first visible text lines of an HTML page, navigation included (source-type cues
    read a site's own furniture there, which the article extraction drops)."""
    text = _TAG.sub("\n", _INVISIBLE.sub("\n", markup[:20000]))
    return [t for t in (clean(x) for x in text.splitlines()) if t][:n]


def _meta_lines(lines: list[Line]) -> list[str]:
    """The texts of ``lines`` up to the first paragraph: the short meta lines a date may stand on."""
    out = []
    for ln in lines:
        if len(ln.text) >= 160 or _PARAGRAPH.search(ln.text):
            break
        out.append(ln.text)
    return out


def _date_zones(lines: list[Line], sel: boilerplate.Selection, byline_lines: int, untitled_lines: int
                ) -> tuple[list[str], str | None, list[str], list[str]]:
    """(header, title, byline, lead): the lines where a page states its own date.

    The byline zone is the few lines under the title up to the first paragraph; a page
    without a title line gives its first short lines as header.
    """
    if sel.title_index is None:
        # Only the lines above the article's first kept line: an untitled page's first kept
        # line is text (perhaps a headline the title rules did not trust), never a date line.
        first_kept = min(sel.kept, default=len(lines))
        header = _meta_lines(lines[:min(untitled_lines, first_kept)])
        return header, sel.title, list(sel.byline), [ln.text for ln in lines[:3]]
    below = sel.title_index + 1
    if below < len(lines) and QUESTION_DETAIL.match(simplify(lines[below].text[:20])):
        below += 1   # the asker's details (病情描述:…) between a question and its date line
    authors = {i for i, rule in sel.cut if rule in PAPER_AUTHOR_LINES}
    while below in authors:
        below += 1   # a paper's authors and their affiliations between its title and its history line
    byline = _meta_lines(lines[below : below + byline_lines])
    lead = [ln.text for ln in lines[sel.title_index + 1 : sel.title_index + 4]]
    header = [ln.text for ln in lines[max(0, sel.title_index - untitled_lines): sel.title_index]]  # above the title only
    return header, sel.title, byline, lead


PAPER_AUTHOR_LINES = ("author_list", "affiliation")
ANSWER_CARDS = ("doctor_card", "qa_furniture", "answers_label", "user_card", "author_card")   # what heads an answer: a card or 最佳答案
ANSWER_CARDS_READ = 3   # cards read for the answer's date when the page has no doctor's card
THREAD_LINES_READ = 2   # a thread's poster lines read for its first post's date (the poster's name, its date)


REPLY_LINES = 30   # lines under the title searched for a reply's date when the page gives only a letter's


def _reply_date(lines: list[Line], title_index: int | None, rules: DateRules) -> PageDate | None:
    """A published date on a meta line further down, when the page's own zones give only the date
    a letter or document was written (来信时间: 2024-09-17 … the letter … 答复时间: 2024-09-29)."""
    start = (title_index or 0) + 1
    for ln in lines[start: start + REPLY_LINES]:
        if len(ln.text) >= 160 or _PARAGRAPH.search(ln.text):
            continue
        found = page_date(rules, [], None, [ln.text], [])
        if found is not None and found.kind == "publish":
            return found
    return None


SHOWN_LINES = 12   # lines under the title (or at the top of an untitled page) searched for a metadata date


def _shows(lines: list[Line], title_index: int | None, date: dt.date) -> bool:
    """Whether the top of the page, down to a few lines under the title, shows ``date``."""
    top = "\n".join(ln.text[:200] for ln in lines[: (title_index or 0) + SHOWN_LINES])
    return any(f.date == date for f in find_dates(top, limit=6000))


def _answer_date(lines: list[Line], sel: boilerplate.Selection, rules: DateRules) -> PageDate | None:
    """The date on or under the first answerer's card below the title (anywhere on an untitled
    page): where a Q&A page dates its answer."""
    top = -1 if sel.title_index is None else sel.title_index
    cards = [(i, rule) for i, rule in sel.cut if rule in ANSWER_CARDS and i > top]
    # a doctor's card when the page has one; else the first answer's label (最佳答案) or the answerer's
    # card, or the next one when the first is the asker's (Asked by a member · 2,310 views)
    doctor = next((i for i, rule in cards if rule == "doctor_card"), None)
    for card in ([doctor] if doctor is not None else [i for i, _ in cards[:ANSWER_CARDS_READ]]):
        found = page_date(rules, [], None, _meta_lines(lines[card : card + 1 + rules.byline_lines]), [])
        if found:   # the card's own line may hold the date
            return found
    # a thread: the date line of its first post, next to the floor label (1楼 … 2024-05-06 21:37 / 回复(28))
    posts = [i for i, rule in sel.cut if rule == "poster_line" and i > top][:THREAD_LINES_READ]
    return next(filter(None, (page_date(rules, [], None, [lines[i].text], []) for i in posts)), None)


# A site's name joined to a <title> without spaces (咨询…能否医保报销-某某市人民政府, 标题|某某网).
_SITE_SUFFIX = re.compile(r"(?<=\S)[-–—|｜]\s*[^-–—|｜\s]{2,16}(?:人民政府|政府|政府网|网|網|网站|網站|委员会|委員會|管理局|局|"
                          r"医院|醫院|中心|官网|官網|频道|頻道|平台|门户|門戶)$")
HINT_LINES = 400   # lines searched for the part of a <title> the page shows
_TITLE_PARTS = re.compile(r"\s*[|｜]\s*|\s+[-_–—]\s+|_")


_HAN_DASH = re.compile(r"(?<=[\u4e00-\u9fff])[-–—](?=[\u4e00-\u9fff])")   # 某縣衛生局-新聞稿-標題


def _html_title_part(html_title: str, lines: list[Line]) -> str | None:
    """The headline inside a <title> of parts (headline - site, or site - section - headline): the
    part the page shows as a line of its own, else the first part without a site suffix. A dash
    between two Han characters parts a <title> only when one of its parts is shown so."""
    parts = [p.strip() for p in _TITLE_PARTS.split(html_title) if p.strip()]
    shown: set[str] | None = None
    for split in (parts, [q.strip() for p in parts for q in _HAN_DASH.split(p) if q.strip()]):
        if len(split) > 1:
            shown = _shown_lines(lines) if shown is None else shown
            for part in split:
                if len(part) >= 6 and norm(part) in shown:
                    return part
    return (_SITE_SUFFIX.sub("", parts[0]).strip() or None) if parts else None


def _shown_lines(lines: list[Line]) -> set[str]:
    """The lines near the top of the page, normalised (``norm``): a text is shown as a line of its
    own when its ``norm`` is among them."""
    return {norm(ln.text) for ln in lines[:HINT_LINES] if len(ln.text) <= 200}


def _headline_h1(meta: dict[str, str]) -> bool:
    """The <h1> reads as a headline, not as the site's logo: longer than a name, and not the site's
    name (og:site_name, or a part of og:title or <title> after the first)."""
    h1 = norm(meta["h1"])
    if len(h1) < 12 or (len(simplify(meta["h1"]).split()) < 3 and not re.search(r"[\u4e00-\u9fff]{6}", meta["h1"])):
        return False
    names = {norm(meta.get("site_name") or "")}
    for key in ("title", "html_title"):
        names.update(norm(p) for p in _TITLE_PARTS.split(meta.get(key) or "")[1:])
    return h1 not in names


def _meta_title(meta: dict[str, str]) -> str | None:
    """The page's og:title, or its <h1> when the og:title (less a site's name after it) is the
    start of a longer <h1> (og:title 某疗法｜某诊所 over <h1>某疗法：说明与案例</h1>), or all of it."""
    og, h1 = meta.get("title"), meta.get("h1")
    if og and h1:
        head = simplify(_TITLE_PARTS.split(og.strip())[0]).replace(" ", "")
        whole = simplify(h1).replace(" ", "")
        if len(head) >= 4 and whole.startswith(head) and (len(whole) > len(head) or len(head) < len(simplify(og).replace(" ", ""))):
            return h1   # og:title 某疗法｜某诊所 over <h1>某疗法</h1> too: the rest is the site's name
    return og or h1


BESIDE_LINES = 6   # lines of an HTML page read for its date right above and right below its content container


def _beside_container(outside: list[str], before: int, rules: DateRules, title: str | None = None) -> PageDate | None:
    """The date of an HTML page whose headline and info line stand outside its content container
    (<h1> and 发布时间:… above div.content, 发表于 … in the post's footer): a labelled date on the meta
    lines right above the container (or any date on the one right under the headline: 原创 某某
    某号 2024-03-12 08:30 浙江), then on a labelled meta line right below it."""
    above = _meta_lines([Line(t, "p", 0) for t in reversed(outside[max(0, before - BESIDE_LINES):before])])
    found = page_date(rules, above[::-1], None, [], [])
    under_title = title is not None and before >= 2 and outside[before - 2].strip() == title \
        and outside[before - 1] in above
    if found and (found.kind != "bare" or under_title):   # a bare date elsewhere there is the site's clock (Thursday, 20 Jun 2024)
        return PageDate(found.date, "byline", found.evidence, found.kind)   # the info line under an <h1> outside it
    if rules.after_text_words is None:
        return None
    below = [t for t in outside[before:before + BESIDE_LINES]
             if _meta_lines([Line(t, "p", 0)]) and rules.after_text_words.search(simplify(t))]
    found = page_date(rules, [], None, below, []) if below else None
    return PageDate(found.date, "after_text", found.evidence, found.kind) if found else None


AFTER_CREDITS = ("credit_line", "editor_line", "byline")   # chrome rules of the credit lines that end a text
# A date with its time and nothing else, right under the text: a news page's stamp at its foot
# (2024年6月21日（星期五）18:04).
_STAMP_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})\s*"
                         r"(?:[(（]?(?:星期|周)[一二三四五六日天][)）]?)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*$")


def _after_text(lines: list[Line], sel: boilerplate.Selection, rules: DateRules) -> list[str]:
    """The first lines after the text that date it (2024-01-09 发布, 编辑于 2023-09-18)."""
    if not sel.kept or rules.after_text_words is None:
        return []
    last = max(sel.kept)
    cut = dict(sel.cut)
    out = []
    # A meta line with a publication word, or any meta line right under the credits (撰文／某某
    # 攝影／某某); a notice between the text and its date line (本文为合作推广内容。) is passed over.
    for k in range(last + 1, min(len(lines), last + 1 + rules.after_text_lines)):
        t = lines[k].text
        if _meta_lines([lines[k]]) and (rules.after_text_words.search(simplify(t)) or cut.get(k - 1) in AFTER_CREDITS
                                        or _signature_date(lines, k) or (k == last + 1 and _STAMP_LINE.match(simplify(t)))):
            out.append(t)
    return out


_DATE_ONLY_EXTRA = re.compile(r"(?i)\b(ends|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
                              r"星期[一二三四五六日天]|周[一二三四五六日]|[\s/,，.。()（）]")


def _signature_date(lines: list[Line], k: int) -> bool:
    """A line that is only a date, right under a short line without sentence marks: the date under a
    notice's or letter's signature (HEALTH SCIENCES AUTHORITY / 21 MARCH 2024; 某某委员会 / 2024年7月26日),
    or a press release's closing Ends/Friday, May 3, 2024."""
    t = lines[k].text
    if len(t) > 40:
        return False
    found = find_dates(t, limit=40)
    if len(found) != 1:
        return False
    after = t[found[0].end:]
    rest = _DATE_ONLY_EXTRA.sub("", t[: found[0].start] + (after[1:] if after.startswith("日") else after))
    if rest:
        return False
    above = lines[k - 1].text if k > 0 else ""
    return t.lower().startswith("ends") or (0 < len(above) <= 40 and not _PARAGRAPH.search(above))


def parse_document(source_path: str, data: bytes, rules: Rules, lexicon: Lexicon, triggers: TriggerSet,
                   knowledge: AnnotationKnowledge | None = None, *, address: str | None = None) -> ParsedDocument:
    """Parse one file: extract, then annotate. Raises :class:`Rejected` when the file cannot be loaded at all.

    ``knowledge``: the annotation data files (default: the packaged ones, loaded once per process).
    ``address``: the address the page was fetched from (the seeds folder's manifest), if known.
    """
    doc = extract_document(source_path, data, rules, address=address)
    ann = annotate_document(doc, lexicon, triggers, knowledge)
    return ParsedDocument(**vars(doc), mentions=ann.mentions, candidates=ann.candidates, annotations=ann.annotations)


def annotate_document(document: Document, lexicon: Lexicon, triggers: TriggerSet,
                      knowledge: AnnotationKnowledge | None = None) -> DocumentAnnotations:
    """Mentions (with claim context), lexicon candidates, claims, red flags, credibility and
    citation evidence of an extracted document.

    Reads only what the warehouse stores (articles, documents, sections, cut blocks, citations,
    commercial signals), so a lexicon, trigger or annotation-rule edit re-annotates stored
    documents without the files (etl/load/restage.py).
    """
    starts = [s.start_char for s in document.sections]
    mentions = find_mentions(lexicon, triggers, document.main_text, document.body_end_char, starts)
    candidates = find_candidates(document.main_text, document.body_end_char, mentions)
    annotations = annotate(knowledge or load_annotation_knowledge(), main_text=document.main_text,
                           body_end=document.body_end_char, sections=document.sections,
                           citations=document.citations, cut=document.cut, signals=document.signals,
                           mentions=mentions, author=document.author, published_date=document.published_date,
                           date_source=document.date_source, raw_text=document.raw_text, outside=document.outside)
    return DocumentAnnotations(mentions, candidates, annotations)


def _page_url(address: str | None, stated: list[tuple[str, object]], warnings: list[str]) -> tuple[str | None, str | None]:
    """(url, where from): the crawl address first, else the first web address the page states
    of itself (``stated``: (source, value) in order of trust)."""
    if address:
        return address, "manifest"
    for where, value in stated:
        if not isinstance(value, str) or not value.strip():
            continue
        url = decode_redirect(value.strip())
        if not url.lower().startswith(("http://", "https://")):
            warnings.append(f"non-web URL ignored: {url[:60]}")  # never store javascript: or data: links
        elif not _web_address(url):
            warnings.append(f"malformed URL ignored: {url[:60]}")  # https://, http://exa mple.org
        else:
            return url, where
    return None, None


def _web_address(url: str) -> bool:
    """An http(s) address with a host name (a dot in it, or localhost) and no spaces."""
    if any(c.isspace() for c in url):
        return False
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:   # an unbalanced [ in the host, an invalid port
        return False
    return host == "localhost" or ("." in host and not host.startswith(".") and not host.endswith(".."))


def extract_document(source_path: str, data: bytes, rules: Rules, *, address: str | None = None) -> Document:
    """Bytes (and the crawl address, when known) to a Document (text, metadata, sections,
    citations, signals). Raises :class:`Rejected`."""
    sha = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = list(decoded.warnings)

    fm = split_front_matter(text)
    if fm.warning:
        warnings.append(fm.warning)
    body = fm.body
    lower_name = source_path.lower()
    is_html = lower_name.endswith((".html", ".htm", ".xhtml")) or bool(_HTML_HINT.search(body[:20000]))
    meta: dict[str, str] = {}
    outside = ""
    outside_before = 0
    has_container = False
    if is_html:
        fmt = "markdown_html" if fm.present else "html"
        if lower_name.endswith(".txt") and not fm.present and not _WHOLE_DOCUMENT.search(body[:20000]):
            # A text file with tags left in it (a scrape's <p>…</p> lines between plain lines): its
            # line breaks still part its blocks, as in any text file.
            body = body.replace("\n", "<br>\n")
        try:
            page = html_to_page(body)
        except RecursionError as exc:
            raise Rejected("parse_error", "HTML nested too deeply to parse") from exc
        lines = page.lines
        meta, outside, outside_before = page.meta, page.outside_text, page.outside_before
        warnings += page.warnings
        has_container = bool(outside)
    else:
        fmt = "markdown_html" if fm.present else "text"
        markdown = fm.present or lower_name.endswith(".md")
        lines = text_to_lines(body, markdown=markdown)
        if not markdown:
            lines = unwrap(lines)   # a PDF's hard-wrapped paragraphs, one line each again
    lines = _split_long(lines)

    fields = fm.fields
    fm_title = fields.get("title") if isinstance(fields.get("title"), str) else None
    title_hint = clean(fm_title) if fm_title else _meta_title(meta)
    if not fm_title and title_hint and meta.get("h1") and title_hint != meta["h1"]:
        shown = _shown_lines(lines)
        if norm(title_hint) not in shown and ((norm(meta["h1"]) and norm(meta["h1"]) in shown) or _headline_h1(meta)):
            # og:title not shown: the <h1> the page shows is its headline, and so is one above the
            # content container (shown by neither) unless it reads as the site's name
            title_hint = meta["h1"]
    if not title_hint and meta.get("html_title"):
        title_hint = _html_title_part(meta["html_title"], lines)
    sel = boilerplate.select(lines, rules, title_hint=title_hint, has_container=has_container)
    kept = [lines[i] for i in sel.kept]
    title = clean(sel.title) if sel.title else None
    if not kept and not title:
        raise Rejected("no_text", "no article text found after removing navigation and boilerplate")

    # Assemble main_text: the title line, then every kept line.
    parts: list[str] = []
    placed: list[PlacedLine] = []
    pos = 0
    has_title = bool(title)
    if title:
        placed.append(PlacedLine(Line(title, "heading", 1), 0, len(title)))
        parts.append(title)
        pos = len(title) + 1
    for ln in kept:
        placed.append(PlacedLine(ln, pos, pos + len(ln.text)))
        parts.append(ln.text)
        pos += len(ln.text) + 1
    main_text = "\n".join(parts)
    words = article_words(main_text[len(title) + 1:] if title else main_text, rules.min_article_words)
    if words < rules.min_article_words:
        raise Rejected("no_text", f"only {words} word{'s' if words != 1 else ''} of article text after removing "
                                  f"navigation and boilerplate (an article needs at least {rules.min_article_words}): "
                                  "not an article")

    heads = detect_headings(placed, skip_first=has_title)
    region = reference_region(placed, [h[0] for h in heads])
    ref_start, ref_end = region if region else (None, None)
    body_end = placed[ref_start].start if ref_start is not None else len(main_text)
    sections = build_sections(main_text, placed, has_title, title, heads)
    citations = extract_citations(placed, ref_start, ref_end)

    cut = [(rule, lines[i].text) for i, rule in sel.cut]
    cut_lines = [t for _, t in cut]
    if outside:
        cut_lines.append(outside)
    signals = find_signals(rules, main_text, cut_lines)

    # Metadata.
    cats = fields.get("categories") or fields.get("tags") or []
    categories = " ".join(cats) if isinstance(cats, list) else str(cats)
    url, url_source = _page_url(address, [
        ("html_meta", meta.get("url")), ("front_matter", fields.get("url")),
        ("front_matter", fields.get("source_url")), ("front_matter", fields.get("link")),
        ("header", sel.fields.get("url"))], warnings)   # sel.fields: a "URL: ..." line of the header block
    all_text = "\n".join([*sel.header, outside, *sel.byline, *sel.tail, categories])
    cards = {lines[i].text for i, rule in sel.cut if rule == "card" or rule in CARD_RULES}
    header = [h for h in sel.header if h not in cards]   # a doctor card's hospital is the answerer's, not the site's
    site, _how = identify_site(rules, url, all_text, [*header, *outside.splitlines()[:20]], sel.tail,
                               meta.get("site_name"))
    if not site and categories:
        for c in cats if isinstance(cats, list) else []:
            if c in (s.name for s in rules.sites):
                site = c
    author = meta.get("author")
    if not author and isinstance(fields.get("author"), str):
        author = fields["author"]
    if not author and sel.fields.get("author"):
        author = sel.fields["author"]
    if author and site and author == site:
        author = None  # front matter "author: 知乎" names the site, not a person
    pub: dt.date | None = None
    date_source = None
    if fields.get("date"):
        pub = parse_date(str(fields["date"]))
        date_source = "front_matter" if pub else None
        if pub is None:
            warnings.append(f"front matter date not understood, ignored: {str(fields['date'])[:40]}")
    header, _title, byline, lead = _date_zones(lines, sel, rules.dates.byline_lines, rules.dates.untitled_lines)
    if pub is None:
        # The date the page shows beats its metadata (a visible "Updated March 2, 2024" over a
        # meta published_time): the gold standard is the date stated in the page.
        found = page_date(rules.dates, header, _title, byline, lead)
        if found is not None and found.kind == "written":
            found = _reply_date(lines, sel.title_index, rules.dates) or found
        late = [sel_line for sel_line in sel.byline if sel_line not in byline] if found is None else []
        if late:     # a byline the text put further down (a Q&A question's 男 67岁 | 2023-05-14 line)
            found = page_date(rules.dates, [], None, late, [])
        if found is None:   # a Q&A page: no date with the question, the first answer's date
            found = _answer_date(lines, sel, rules.dates)
        if found is None and outside:
            found = _beside_container(outside.splitlines(), outside_before, rules.dates, title)
        meta_date = parse_date(meta["date"]) if meta.get("date") else None
        if meta_date and (found is None or (found.date != meta_date and _shows(lines, sel.title_index, meta_date))):
            # no date shown, or the page shows two (成文日期 and 发布日期; published and updated) and
            # its metadata says which one is the publication's
            found = PageDate(meta_date, "html_meta", "html_meta", "meta")
        if found:
            pub, date_source = found.date, found.source
        else:
            after = _after_text(lines, sel, rules.dates)
            found = page_date(rules.dates, [], None, after, []) if after else None
            if found:
                pub, date_source = found.date, "after_text"
    if url is None:
        url = header_url(rules, [*header, *byline])
        url_source = "header" if url else None
    outside_lines = outside.splitlines()[:30]
    # Each field is capped: cues look for page furniture, not for every word of a huge page.
    cue_fields = source_fields(
        url,
        site=site or "",
        title=title or "",
        header="\n".join([*sel.header, *outside_lines])[:20000],
        byline="\n".join(byline)[:5000],
        chrome="\n".join([*sel.header, *outside_lines, *byline, *sel.tail, *(ln.text for ln in lines[:10])])[:50000],
        top="\n".join([*outside_lines[:15], *(_visible_top(body) if is_html else []),
                       *(ln.text for ln in lines[:25])])[:20000],
        lead="\n".join(lead)[:5000],
        tail="\n".join(sel.tail)[:50000],
        body=main_text[:body_end][:50000],
        page=_joined((ln.text for i, ln in enumerate(lines) if i not in sel.tail_at), 50000),
        all=text[:200000],
        categories=categories,
    )
    page = score_cues(rules, cue_fields)
    inputs = SourceInputs(site=site, url=url, page_type=page.source_type, page_evidence=tuple(page.evidence))
    decision = classify_source(rules, inputs)

    return Document(
        article_id=article_id_for(source_path),
        source_path=source_path,
        content_sha256=sha,
        file_bytes=len(data),
        encoding=decoded.encoding,
        raw_text=decoded.text,
        format=fmt,
        title=title[:1000] if title else None,
        author=clean(author)[:200] if author else None,
        site_name=site,
        url=url,
        published_date=pub,
        date_source=date_source,
        url_date=url_date(url),
        language=language(main_text),
        source_type=decision.source_type,
        source_type_evidence=decision.evidence,
        source_inputs=inputs,
        main_text=main_text,
        body_end_char=body_end,
        cut_chars=sum(len(t) for _, t in cut),
        warnings=warnings,
        cut=cut,
        sections=sections,
        citations=citations,
        signals=signals,
        outside=outside,
        url_source=url_source,
        domain=domain(url),
    )
