"""Article metadata: dates, site, language and source type with its evidence. Pure."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit

from etl.extract.script import count_changed, shadow, simplify
from etl.knowledge.rules import Cue, DateRules, Rules
from etl.knowledge.scan import Prefilter

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MON = (r"(?P<mon>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![a-z]))")
# Every date form we read, most specific first. Day-first and month-first numeric forms
# (12/05/2026) are ambiguous and are not read, unless the day is over 12 (03/18/2025 is month
# first, 18-03-2025 day first).
_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?<![A-Za-z]){_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}\s*,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})\s+{_MON}\s+(?P<d>\d{{1,2}})(?!\d)", re.I),
    # ctime, as BBS posts state their time: Sun Mar 17 23:05:41 2024
    re.compile(rf"(?<![A-Za-z]){_MON}\s+(?P<d>\d{{1,2}})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)", re.I),
    re.compile(r"(?<![\d-])(?P<y>\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
    # a post's stamp with a two-digit year and a time, as Weibo dates an older post: 23-5-9 21:14
    re.compile(r"(?<![\d-])(?P<y>\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=\s+\d{1,2}:\d{2}(?!\d))"),
    re.compile(r"(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])([-/.])(?P<d>1[3-9]|2\d|3[01])\2(?P<y>(?:19|20)\d{2})(?![\d/.-])"),
    re.compile(r"(?<![\d/.-])(?P<d>1[3-9]|2\d|3[01])([-/.])(?P<m>0?[1-9]|1[0-2])\2(?P<y>(?:19|20)\d{2})(?![\d/.-])"),
]
_FULLWIDTH_DIGITS = {0xFF10 + i: str(i) for i in range(10)}
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbf]+")
_LATINS = re.compile(r"[A-Za-z]+")
# Redirect wrappers whose real target is in a query parameter.
_REDIRECT_PARAMS = ("target", "url", "u", "to", "redirect", "link")


_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern[str]:
    """Characters the shadow changes (Traditional forms, full-width letters) or that pinyin
    debris needs (tone marks: 細(xì)): a text without any is its own shadow."""
    every = "".join(chr(c) for c in range(0x2000, 0x10000) if not 0xD800 <= c < 0xE000)
    changed = {a for a, b in zip(every, simplify(every), strict=True) if a != b}
    return re.compile("[" + re.escape("".join(sorted(changed | set(_TONE_MARKED)))) + "]")


def needs_fold(text: str) -> bool:
    """False when ``text`` is already Simplified and debris-free (the common case, and a
    regex scan is much cheaper than converting a large page)."""
    return _foldable().search(text) is not None


def fold(text: str) -> str:
    """The Simplified, debris-free shadow rules are matched on (發佈時間, 發(fā)佈 -> 发布).

    Only for matching: a date or cue read from it is a value, not an offset into the page.
    """
    return shadow(text).text if needs_fold(text) else text


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int


def find_dates(text: str, limit: int = 2000) -> list[FoundDate]:
    """Every plausible date in the first ``limit`` characters, in reading order.

    Numeric (2026-05-12, 2026/5/12, 2026.05.12, 2026年5月12日, 26-05-12) and English
    (May 12, 2026; 12 May 2026; 2026 May 12) forms; a span claimed by an earlier, more
    specific form is not read again.
    """
    text = text[:limit].translate(_FULLWIDTH_DIGITS)
    out: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    latest = dt.date.today() + dt.timedelta(days=1)
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            y, d = int(groups["y"]), int(groups["d"])
            mo = _MONTHS.get(groups["mon"][:3].lower()) if groups.get("mon") else int(groups["m"])
            if y < 100:
                y += 2000
            try:
                date = dt.date(y, mo or 0, d)
            except ValueError:
                continue
            if dt.date(1990, 1, 1) <= date <= latest:
                out.append(FoundDate(date, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def parse_date(text: str) -> dt.date | None:
    """First plausible date in ``text`` (any form :func:`find_dates` reads)."""
    found = find_dates(text)
    return found[0].date if found else None


# A sentence, not a meta line: Chinese sentence punctuation, a comma before more Chinese
# text, or a run of eight English words.
_SENTENCE = re.compile(r"[。！？；]|[，,](?=\s*[\u4e00-\u9fff])|(?:\b[A-Za-z]{2,}\b[\s,]+){8}")
_OTHER = re.compile(r"[A-Za-z0-9\u3400-\u9fff]")
_CELL_SPLIT = re.compile(r"\s*[|｜]\s*")
# Ranks: a labelled publication date, then a dateline, then a bare date on a meta line,
# then a labelled update date; within a rank the first in reading order wins.
_RANK = {"publish": 0, "written": 1, "dateline": 2, "bare": 3, "update": 4}


@dataclass(frozen=True)
class PageDate:
    date: dt.date
    source: str      # header | byline | dateline
    evidence: str
    kind: str = ""   # publish | written | dateline | bare | update


def _label_kind(rules: DateRules, before: str) -> str | None:
    # the last cell before the date (the longest label: First published online); an empty cell
    # between label and date is skipped (发布日期: | 2024-08-02 in an index table)
    window = next((w for w in reversed(re.split(r"\s{2,}|[|｜]", before[-28:])) if w.strip()), "")
    for lab in rules.labels:
        if lab.regex.search(window):
            return lab.kind
    return None


# A Minguo (Republic of China) date, as Taiwan's government and hospital pages write it: 民国113年2月27日,
# or 113-02-27 after a date label. Years 100-129 (2011-2040); read only there, never as a bare number.
_MINGUO = re.compile(r"(?<![\d/.-])(?P<era>民国\s*)?(?P<y>1[0-2]\d)\s*(?:年|[-/.])\s*(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})(?![\d/.-])")


def _minguo_dates(rules: DateRules, simple: str) -> list[tuple[str, dt.date]]:
    out = []
    for m in _MINGUO.finditer(simple):
        kind = _label_kind(rules, simple[: m.start()])
        if kind == "received":
            continue
        if kind is None and not m.group("era"):
            continue
        try:
            date = dt.date(int(m.group("y")) + 1911, int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if date <= dt.date.today() + dt.timedelta(days=1):
            out.append((kind or "bare", date))
    return out


def _line_dates(rules: DateRules, line: str, max_other: int | None = None) -> list[tuple[str, dt.date]]:
    """(rank, date) for every date a header or byline line states of the page itself."""
    simple = fold(line)
    if len(simple) > 300 or (rules.skip and rules.skip.search(simple)):
        return []
    found = find_dates(simple, limit=300)
    out = []
    unlabelled = []
    received = False
    for f in found:
        kind = _label_kind(rules, simple[: f.start]) or (
            "publish" if rules.label_after is not None and rules.label_after.match(simple, f.end) else None)
        if kind == "received":
            received = True
            continue   # the manuscript's dates (收稿日期, 修回日期), not the article's
        if kind:
            out.append((kind, f.date))
        else:
            unlabelled.append(f.date)
    if not found:
        out += _minguo_dates(rules, simple)
    if out and unlabelled and all(kind == "update" for kind, _ in out):
        # 2024/10/22 18:05 (最后更新:2024/10/23 09:12): the date the update is set against is the page's own
        out.append(("bare", unlabelled[0]))
    if out:
        return out
    if found and not received and max_other is None and found[0].start <= 1 and rules.post_fields is not None \
            and (label := rules.post_fields.search(simple, found[0].end)) is not None \
            and len(_OTHER.findall(_TIME.sub(" ", simple[found[0].end:label.start()]))) <= DATE_LEAD_OTHER:
        return [("bare", found[0].date)]   # 2023-10-14 周六 晴　分类：育儿日记　标签：…: the date leads the post's fields
    if not found or received or _SENTENCE.search(simple):
        return []
    rest = simple
    for f in reversed(found):
        rest = rest[: f.start] + " " + rest[f.end:]
    rest = _TIME.sub(" ", rest)
    if len(_OTHER.findall(rest)) <= (rules.max_other_chars if max_other is None else max_other):
        return [("bare", found[0].date)]
    if max_other is None and _BYLINE_START.match(simple):
        # By Ann Example | Medically reviewed by Dr. B | 12 February 2024: a byline of fields between
        # bars, one of them the date alone
        for seg in _FIELD_BAR.finditer(simple):
            inside = [f for f in found if seg.start() <= f.start and f.end <= seg.end()]
            if inside and len(_OTHER.findall(_TIME.sub(" ", simple[seg.start():inside[0].start]
                                                       + simple[inside[0].end:seg.end()]))) <= BAR_FIELD_OTHER:
                return [("bare", inside[0].date)]
    return []


DATE_LEAD_OTHER = 4   # characters between a leading date and the first field (周六 晴: the weekday and the weather)
_BYLINE_START = re.compile(r"\s*(?:(?i:by)\s|作者|记者|来源|编辑|文\s*[/／])")
_FIELD_BAR = re.compile(r"[^|｜·•]+")   # the fields of a line set between bars or dots
BAR_FIELD_OTHER = 4   # other characters beside the date in a byline's date field


def _table_dates(rules: DateRules, lines: list[str]) -> list[tuple[str, dt.date]]:
    """A label row above a value row (``答复日期 | …`` then ``… | 2026-05-12``)."""
    out = []
    for above, below in itertools.pairwise(lines):
        heads = _CELL_SPLIT.split(fold(above).strip(" |｜"))
        cells = _CELL_SPLIT.split(below.strip(" |｜"))
        if len(heads) < 2 or len(heads) != len(cells):
            continue
        for head, cell in zip(heads, cells, strict=True):
            kind = next((lab.kind for lab in rules.label_cell if lab.regex.search(head)), None)
            found = find_dates(cell, limit=40) if kind and kind != "received" else []
            if found:
                out.append((kind, found[0].date))
    return out


# A date followed by its weekday on a line above the title: a site's clock in its masthead.
_CLOCK = re.compile(r"\d\s*日\s*[,，]?\s*(星期|周|礼拜|禮拜)[一二三四五六日天]|(?i:\b(monday|tuesday|wednesday|thursday|friday|"
                    r"saturday|sunday)\b)")


def page_date(rules: DateRules, header: list[str], title: str | None, byline: list[str],
              lead: list[str]) -> PageDate | None:
    """The article's own date from the lines where pages state it.

    ``header``: lines above the title (or the first lines of an untitled page); ``byline``:
    the lines just under the title; ``lead``: the first paragraphs, read only for a dateline.
    The title is read only when it is itself a date line (a scrape whose "title" is its
    byline), so a date inside a headline never counts.
    """
    best: tuple[int, int, dt.date, str, str] | None = None
    n = 0

    def offer(kind: str, date: dt.date, where: str, line: str) -> None:
        nonlocal best, n
        n += 1
        cand = (_RANK[kind], n, date, where, line)
        if best is None or cand[:2] < best[:2]:
            best = cand

    for kind, date in _line_dates(rules, title, max_other=4) if title else []:
        offer(kind, date, "byline", title)  # a title that is only a date line
    dated_byline = any(_line_dates(rules, line) for line in byline)
    for where, lines in (("header", header), ("byline", byline)):
        found = [(kind, date, line) for line in lines for kind, date in _line_dates(rules, line)]
        near = [*lines, *([title] if title and where == "header" else [])]
        bare = {date for line in near for kind, date in _line_dates(rules, line) if kind == "bare"}
        if len(bare) >= 2:
            # A list of dated links (latest news, neighbours) above the article: none is its date.
            found = [f for f in found if f[0] != "bare"]
        if where == "header" and dated_byline:
            # 首页 本地 社会 | 2024年6月21日 星期五 above a dated byline: the site's clock, not the article's date
            found = [f for f in found if f[0] != "bare" or not _CLOCK.search(f[2])]
        for kind, date, line in found:
            offer(kind, date, where, line)
    for kind, date in _table_dates(rules, [*header, *([title] if title else []), *byline]):
        offer(kind, date, "header", "table")
    for line in lead[:3]:
        simple = fold(line)
        for pat in rules.datelines:
            m = pat.regex.search(simple)
            found = find_dates(m.group(0)) if m else []
            if found:
                offer("dateline", found[0].date, "dateline", line)
                break
    if best is None:
        return None
    rank, _, date, where, line = best
    label = next(k for k, v in _RANK.items() if v == rank)
    return PageDate(date, where, f"{label}: {line[:60]}", label)


_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/_.]?(?P<m>0[1-9]|1[0-2])[-/_.]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


def url_date(url: str | None) -> dt.date | None:
    """A date written in the URL's path (/2026/0512/, /2026-05/12/, /20260512/), or None.

    Kept apart from published_date: a URL date is often the upload or archive date.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for m in _URL_DATE.finditer(path):
        try:
            date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if dt.date(1990, 1, 1) <= date <= dt.date.today() + dt.timedelta(days=1):
            return date
    return None


# Share of Chinese characters with a different Simplified form above which a text is
# Traditional: Traditional prose runs at 20-35%, Simplified text near 0 (a quoted name or a
# character such as 於 now and then).
TRADITIONAL_SHARE = 0.08


def language(text: str) -> str:
    """The body's script: zh-Hans, zh-Hant (also machine-converted pages), en, or und (no letters)."""
    sample = text[:4000]
    han = _NOT_CJK.sub("", sample)   # the Han characters, one C-level pass
    cjk = len(han)
    latin = len(sample) - len(_LATINS.sub("", sample))
    if cjk == 0 and latin == 0:
        return "und"
    if cjk >= 0.2 * (cjk + latin / 5):
        traditional = count_changed(han)
        return "zh-Hant" if traditional > TRADITIONAL_SHARE * cjk else "zh-Hans"
    return "en" if latin > cjk else "und"


def decode_redirect(url: str) -> str:
    """link.zhihu.com/?target=https%3A//x -> https://x (and similar wrappers)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.query and parts.netloc:
        q = parse_qs(parts.query)
        for key in _REDIRECT_PARAMS:
            if q.get(key):
                target = unquote(q[key][0])
                if re.match(r"^https?:/", target):
                    return re.sub(r"^(https?:)/(?!/)", r"\1//", target)
    return url


def domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


@dataclass
class SourceDecision:
    source_type: str
    evidence: list[str] = field(default_factory=list)


def identify_site(rules: Rules, url: str | None, page_text: str, header: list[str], tail: list[str],
                  meta_site: str | None) -> tuple[str | None, str | None]:
    """(site name, how we know it).

    Patterns are matched on the Simplified shadow (a Traditional page's 個人圖書館 is
    个人图书馆); a name read from the page keeps the page's own characters.
    """
    host = domain(url)
    for site in rules.sites:
        if host and any(host == d or host.endswith("." + d) for d in site.domains):
            return site.name, f"domain {host}"
    folded = fold(page_text)
    for site in rules.sites:
        for p in site.patterns:
            if p in folded:
                return site.name, f"page chrome '{p}'"
    if meta_site:
        return meta_site, "og:site_name"
    for p in rules.site_name_patterns:
        for line in [*header, *tail]:
            sh = shadow(line)
            m = p.regex.search(sh.text)
            if m and m.groupdict().get("site"):
                start, end = sh.span(m.start("site"), m.end("site"))
                return line[start:end], f"{p.name}: '{line[:40]}'"
    return None, None


def _cue_hits(cue: Cue, value: str) -> re.Match[str] | None:
    """The first match when the cue's pattern matches ``value`` at least ``cue.count`` times."""
    if cue.count <= 1:
        return cue.regex.search(value)
    first = None
    for n, m in enumerate(cue.regex.finditer(value), start=1):
        first = first or m
        if n >= cue.count:
            return first
    return None


class _FieldFilter:
    """The cues of one field, by their index in the rules: which can match a value (scan.Prefilter)."""

    def __init__(self, index: list[int], patterns: list[re.Pattern[str]]) -> None:
        self._index = index
        self._filter = Prefilter(patterns)

    def candidates(self, value: str) -> set[int]:
        return {self._index[k] for k in self._filter.candidates(value)} if value else set()


_FILTERS: dict[int, tuple[tuple[Cue, ...], dict[str, _FieldFilter]]] = {}   # id(rules.cues) -> (cues, filters)
MAX_FILTER_SETS = 8


def _cue_filters(cues: tuple[Cue, ...]) -> dict[str, _FieldFilter]:
    """One prefilter per field of the cues, built once per rules object (cached by identity)."""
    entry = _FILTERS.get(id(cues))
    if entry is None or entry[0] is not cues:
        fields: dict[str, list[int]] = {}
        for i, cue in enumerate(cues):
            fields.setdefault(cue.field, []).append(i)
        entry = (cues, {f: _FieldFilter(ix, [cues[i].regex for i in ix]) for f, ix in fields.items()})
        if len(_FILTERS) >= MAX_FILTER_SETS:
            _FILTERS.clear()   # rules reloaded many times in one process (a long-lived scheduler): stay bounded
        _FILTERS[id(cues)] = entry
    return entry[1]


def source_fields(url: str | None, **texts: str) -> dict[str, str]:
    """The fields source-type cues read, each as its Simplified shadow (same offsets)."""
    fields = {k: fold(v or "") for k, v in texts.items()}
    host = domain(url) or ""
    try:
        path = urlsplit(url).path if url else ""
    except ValueError:
        path = ""
    fields.update(url=(url or "").lower(), host=host, path=unquote(path).lower())
    return fields


@dataclass(frozen=True)
class SourceInputs:
    """Everything :func:`classify_source` reads about one page.

    Each field is stored in a column of ``articles`` (etl/load/rows.py SOURCE_INPUT_COLUMNS), so a
    sources-file edit re-classifies the stored articles through this same function without
    reading a file (etl/load/restage.py). An input added here needs its column there.
    """

    site: str | None                   # articles.site_name
    url: str | None                    # articles.url
    page_type: str                     # articles.page_source_type: what the page's own cues say
    page_evidence: tuple[str, ...]     # articles.page_source_evidence


def score_cues(rules: Rules, fields: dict[str, str]) -> SourceDecision:
    """The families of weighted cues, read from the page alone (the sources file plays no part).

    Each source type gathers the weights of its cues that fired; the best total wins when it
    reaches ``min_score``, ties going to the type listed first in ``tie_order``. A page with
    no family's evidence is ``other``.
    """
    scores: dict[str, int] = {}
    evidence: dict[str, list[str]] = {}
    by_field = _cue_filters(rules.cues)
    possible = {f: flt.candidates(fields.get(f) or "") for f, flt in by_field.items()}
    for i, cue in enumerate(rules.cues):
        value = fields.get(cue.field) or ""
        m = _cue_hits(cue, value) if value and i in possible[cue.field] else None
        if m:
            scores[cue.type] = scores.get(cue.type, 0) + cue.weight
            times = f" x{cue.count}+" if cue.count > 1 else ""
            evidence.setdefault(cue.type, []).append(
                f"{cue.name} ({cue.field}: '{m.group(0)[:30]}'{times}, +{cue.weight})")
    if not scores:
        return SourceDecision("other", ["no source cue matched"])
    order = {t: i for i, t in enumerate(rules.tie_order)}
    best = min(scores, key=lambda t: (-scores[t], order.get(t, len(order))))
    if scores[best] < rules.min_score:
        return SourceDecision("other", [f"best cue score {scores[best]} for {best} below {rules.min_score}", *evidence[best]])
    others = [f"also {t}={s}" for t, s in sorted(scores.items(), key=lambda kv: -kv[1]) if t != best]
    return SourceDecision(best, [f"rules: {best} score {scores[best]}", *evidence[best], *others])


def classify_source(rules: Rules, inputs: SourceInputs) -> SourceDecision:
    """sources.csv first (the page's domain or its parent domains, then the site name), else the
    page's own cues (:func:`score_cues`). The one entry point: the parse and the re-classification
    of stored articles both call it."""
    host = domain(inputs.url)
    candidates = []
    if host:
        parts = host.split(".")
        candidates += [".".join(parts[i:]) for i in range(len(parts) - 1)]
    if inputs.site:
        candidates.append(inputs.site.lower())
    for c in candidates:
        if c in rules.sources:
            return SourceDecision(rules.sources[c], [f"sources file: {c} -> {rules.sources[c]}"])
    return SourceDecision(inputs.page_type, list(inputs.page_evidence))


def header_url(rules: Rules, lines: list[str]) -> str | None:
    """The page's own address from a ``URL: https://…`` header line, if the page states one."""
    if rules.url_line is None:
        return None
    for line in lines:
        m = rules.url_line.search(line)
        if m:
            return m.group("url").rstrip(".,;，。)")
    return None
