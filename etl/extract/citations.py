"""Find the reference list and parse its entries into fields. Pure.

Styles: Vancouver/NLM (``Biehl JK, Russell B. Title. J Cardiovasc Nurs. 2009;24(2):98-105.``),
Nature (``Ankrum, J. & Karp, J. Title. Nat Biotechnol 32, 252–260 (2014).``), GB/T 7714
(``[1]王佃亮. 标题[J]. 转化医学杂志, 2018, 007(006):329-333.``) and bare URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.extract.metadata import decode_redirect, fold
from etl.extract.script import simplify
from etl.extract.sections import REFERENCE_HEADING, PlacedLine

NUMBERING = re.compile(r"^\s*(?:\[\s*\d{1,3}\s*\]|［\d{1,3}］|【\d{1,3}】|\d{1,3}\s*[.、．)）](?!\d)|[（(]\d{1,3}[）)])\s*")
URL = re.compile(r"https?://[^\s<>\"'，。）)]+", re.I)
DOI = re.compile(r"(?:doi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;，；]+)", re.I)
BARE_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,;，；]+)")
PMID = re.compile(r"PMID\s*[:：]?\s*(\d{5,9})", re.I)
YEAR = re.compile(r"(?<!\d)((?:18|19|20)\d{2})(?!\d)")
GB_TYPE = re.compile(r"\[(J|M|D|C|N|R|S|P|Z|EB/OL|J/OL|M/OL|DB/OL|A|G)\]", re.I)
# Vancouver tail: Container. 2009;24(2):98-105   or  Container. 2004 Nov 26;306(5701):1568-71
# (anchored on the year; the container is the text back to the previous period).
VANCOUVER_YEAR = re.compile(
    r"\.?\s+(?P<year>(?:18|19|20)\d{2})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*"
    r"(?P<volume>\w+)?\s*(?:\((?P<issue>[^)]+)\))?\s*(?::\s*(?P<pages>[A-Za-z]?\d[\w\-–]*))?"
)
# Nature tail: Container 32, 252–260 (2014)
NATURE_YEAR = re.compile(r"\s+(?P<volume>\d+)\s*,\s*(?P<pages>[A-Za-z]?\d[\d\-–]*)\s*\((?P<year>(?:18|19|20)\d{2})\)")
MAX_ENTRY = 2000  # a longer line is not a reference entry


@dataclass
class Tail:
    start: int
    container: str
    year: int
    volume: str | None
    issue: str | None
    pages: str | None


def _tail(pattern: re.Pattern[str], text: str, capital: bool) -> Tail | None:
    for m in pattern.finditer(text):
        k = text.rfind(".", 0, m.start())
        container = text[k + 1:m.start()].strip()
        if not (2 <= len(container) <= 120) or (capital and not container[:1].isupper()):
            continue
        gd = m.groupdict()
        return Tail(k + 1, container, int(gd["year"]), gd.get("volume"), gd.get("issue"), gd.get("pages"))
    return None
_INITIALS = r"(?:[A-Z](?:\.|\b)\s?-?){1,4}"
_SURNAME = r"(?:(?:[Dd]e|[Dd]a|[Dd]i|[Vv]an|[Vv]on|[Dd]er|[Ll]a|[Ll]e|[Dd]el|[Dd]os)\s+)*[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?"
AUTHOR = re.compile(rf"{_SURNAME},?\s+{_INITIALS}")
AUTHOR_LIST = re.compile(
    rf"^(?P<authors>(?:{_SURNAME},?\s+{_INITIALS}\s*(?:,\s*|&\s*|and\s+))*{_SURNAME},?\s+{_INITIALS}(?:,?\s*et\s+al\.?)?)\.?\s+(?=\S)"
)
_CN_SEP = re.compile(r"\s*[,，、;；]\s*")


@dataclass
class Citation:
    citation_no: int
    raw: str
    style: str
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    container: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    start_char: int = 0
    end_char: int = 0


def _looks_like_citation(text: str) -> bool:
    body = NUMBERING.sub("", text, count=1)
    if URL.match(body):
        return True
    if GB_TYPE.search(body):
        return True
    if len(body) > MAX_ENTRY:
        return False
    has_year = bool(YEAR.search(body))
    return has_year and (bool(DOI.search(body)) or _tail(VANCOUVER_YEAR, body, False) is not None
                         or _tail(NATURE_YEAR, body, True) is not None or bool(AUTHOR_LIST.match(body)))


MAX_TRAILING_CHROME = 8  # lines after an unheaded reference list that are not entries


def reference_region(placed: list[PlacedLine], heading_indexes: list[int]) -> tuple[int, int] | None:
    """(first, end) indexes into ``placed`` of the reference region.

    A reference heading (参考文献, 參考文獻, References) opens a region that runs to the end;
    otherwise a run of numbered, citation-looking lines near the end is one, even when a few
    lines of page chrome (a disclaimer, prev/next links the chrome rules did not cut) follow it.
    """
    for i in heading_indexes:
        if REFERENCE_HEADING.match(fold(placed[i].line.text)):
            return i, len(placed)
    n = len(placed)
    for skipped in range(min(MAX_TRAILING_CHROME, n) + 1):
        end = n - skipped
        if skipped and NUMBERING.match(placed[end].line.text) and _looks_like_citation(placed[end].line.text):
            break  # that line belongs to a run already tried
        j = end
        while j > 0:
            t = placed[j - 1].line.text
            if NUMBERING.match(t) and _looks_like_citation(t):
                j -= 1
            else:
                break
        if end - j >= (2 if skipped == 0 else 3):
            return j, end
    return None


def find_reference_region(placed: list[PlacedLine], heading_indexes: list[int]) -> int | None:
    """Index into ``placed`` of the first line of the reference region (heading or entry)."""
    region = reference_region(placed, heading_indexes)
    return region[0] if region else None


def _clean_doi(doi: str) -> str:
    return doi.rstrip(".。)")


def _split_authors_latin(s: str) -> list[str]:
    s = re.sub(r",?\s*et\s+al\.?$", "", s.strip().rstrip("."))
    parts = [p.strip() for p in re.split(r"\s*(?:,\s*(?=(?:[A-Z][\w'’\-]*|(?:de|da|van|von|la|le|del)\s))|&|\band\b)\s*", s) if p.strip()]
    # "Ankrum, J., Ong, J." splits surnames from initials: glue them back.
    out: list[str] = []
    for p in parts:
        if out and re.fullmatch(r"(?:[A-Z]\.?\s?-?){1,4}", p):
            out[-1] = f"{out[-1]}, {p}"
        else:
            out.append(p.rstrip(","))
    return out


def parse_entry(raw: str) -> Citation:
    text = NUMBERING.sub("", raw, count=1).strip()
    c = Citation(0, text[:MAX_ENTRY], "other")
    if len(text) > MAX_ENTRY:
        return c
    m = DOI.search(text) or BARE_DOI.search(text)
    if m:
        c.doi = _clean_doi(m.group(1))
    m = PMID.search(text)
    if m:
        c.pmid = m.group(1)
    urls = URL.findall(text)
    if urls:
        c.url = decode_redirect(urls[0].rstrip(".,;"))

    # Bare link.
    if URL.fullmatch(text.rstrip(".")):
        c.style = "url"
        return c

    # GB/T 7714: 作者. 题名[J]. 刊名, 年, 卷(期):页.
    gb = GB_TYPE.search(text)
    if gb:
        c.style = "gbt7714"
        before, after = text[: gb.start()], text[gb.end():]
        head = re.split(r"\s*[.．。]\s*", before, maxsplit=1)
        if len(head) == 2:
            c.authors = [a for a in _CN_SEP.split(head[0].strip()) if a and a not in ("等", "et al")]
            c.title = head[1].strip() or None
        else:
            c.title = before.strip() or None
        after = after.lstrip(".．。 ")
        m = re.match(r"(?P<container>[^,，\d]+?(?:（[^）]*）|\([^)]*\))?)\s*(?:[,，]|\s(?=\d{4}))", after)
        if m:
            c.container = m.group("container").strip()
        rest = after[m.end():] if m else after
        y = YEAR.search(rest)
        if y:
            c.year = int(y.group(1))
        vm = re.search(r"(?:18|19|20)\d{2}\s*[,，]\s*(?P<vol>\w+)?\s*(?:[（(](?P<iss>[^)）]+)[)）])?\s*[:：]\s*(?P<pages>[\d\-–~]+)", rest)
        if vm:
            c.volume, c.issue, c.pages = vm.group("vol"), vm.group("iss"), vm.group("pages")
        else:
            cn = re.search(r"(?:18|19|20)\d{2}\s*年\s*(?P<vol>\d+)\s*卷\s*(?:(?P<iss>\d+)\s*期)?\s*[,，]?\s*(?P<pages>[\d\-–]+)\s*页", simplify(rest))
            if cn:
                c.volume, c.issue, c.pages = cn.group("vol"), cn.group("iss"), cn.group("pages")
        return c

    # Nature: Authors. Title. Container Vol, pages (Year).
    nt = _tail(NATURE_YEAR, text, True)
    vt = _tail(VANCOUVER_YEAR, text, False)
    tail = None
    if nt and (not vt or nt.start <= vt.start):
        c.style, tail = "nature", nt
    elif vt:
        c.style, tail = "vancouver", vt
    if tail is None:
        y = YEAR.search(text)
        c.year = int(y.group(1)) if y else None
        am = AUTHOR_LIST.match(text)
        if am:
            c.authors = _split_authors_latin(am.group("authors"))
            c.title = text[am.end():].strip().rstrip(".") or None
        return c
    c.year, c.volume, c.issue, c.pages = tail.year, tail.volume, tail.issue, tail.pages
    prefix = text[: tail.start].strip()
    container = tail.container
    am = AUTHOR_LIST.match(prefix + " ") if prefix else None
    if am:
        c.authors = _split_authors_latin(am.group("authors"))
        rest = (prefix + " ")[am.end():].strip()
    else:
        # Authors without initials ("De la Fuente, Bernad A, ..."): up to the first ". ".
        k = prefix.find(". ")
        c.authors = _split_authors_latin(prefix[:k]) if k > 0 else []
        rest = prefix[k + 2:].strip() if k > 0 else prefix
    if rest:
        c.title = rest.rstrip(".").strip() or None
        c.container = container.strip(" .") or None
    else:
        # The container regex swallowed the title: split "Title. Container" at the last ". ".
        k = container.rfind(". ")
        if k > 0:
            c.title, c.container = container[:k].strip(), container[k + 2:].strip(" .")
        else:
            c.title = container.strip(" .") or None
    if c.title:
        c.title = re.sub(r"^et\s+al\.?\s*", "", c.title) or None
    if c.title and c.container is None:
        k = c.title.rfind(". ")
        if k > 0:
            c.title, c.container = c.title[:k], c.title[k + 2:]
    return c


def extract_citations(placed: list[PlacedLine], region_start: int | None, region_end: int | None = None) -> list[Citation]:
    if region_start is None:
        return []
    out: list[Citation] = []
    for pl in placed[region_start:region_end]:
        t = pl.line.text
        if REFERENCE_HEADING.match(fold(t)):
            continue
        c = parse_entry(t)
        if pl.line.href and not c.url:
            c.url = decode_redirect(pl.line.href)
            if c.style == "other" and (URL.search(t) or "." in t):
                c.style = "url"
        elif pl.line.href and c.style == "url":
            c.url = decode_redirect(pl.line.href)
        c.citation_no = len(out) + 1
        c.start_char, c.end_char = pl.start, pl.end
        out.append(c)
    return out
