"""Per-line evidence for separating article from chrome and for choosing the title. Pure.

Each line gets what it shows by itself (length, sentence punctuation, digits, a chrome pattern,
a field of a ``key: value`` header, an author list) and a weight: positive for text that reads
like an article, negative for chrome. Patterns run over the line's Simplified shadow
(``etl.extract.script.simplify``: same length), so rules written in Simplified Chinese also
hold on Traditional pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from etl.extract.lines import Line, cell_separators
from etl.extract.script import simplify
from etl.knowledge.chrome_rules import normalise_key
from etl.knowledge.money import PRICE
from etl.knowledge.rules import PatternSet, Rules

MAX_RULE_LINE = 300  # a longer "line" is a flattened page, not chrome: rules never drop it whole
MAX_FLOATING = 160   # patterns that may match anywhere in a line are tried on lines up to this long
PROSE_MIN = 40       # a longer line with a 。 in it is prose ...
PROSE_PREFIX = 40    # ... and rules see only its start
SHORT_PROSE = 60     # a prose line this short is a notice or a credit as often as text: all rules see its start
MEASURE_CHARS = 4000 # weights saturate long before: a 10 MB line is measured on its start
_MARKS = re.compile("[，。；！？、,;!?]")
STRONG_UNITS = 40    # a paragraph at least this long (Han characters, or Latin words x 2.5) ...
STRONG_PUNCT = 2     # ... with this many sentence marks is article text on its own evidence

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[，。；！？、,;!?]|[.:](?=\s|$)|[：]")
_NORM = re.compile(r"[\s\u3000?？!！。.,，:：、\-—_|｜·•]+")
_ROLE = re.compile(r"(综述|审校|执笔|整理|编译|等|著|译|et al\.?)$", re.I)
_SUPERSCRIPT = re.compile(r"[\d*†‡#§¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_HAN_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
# Title-case words of a heading or a list of conditions, never of a person's name
# (Multiple Sclerosis, Spinal Cord Injury and Heart Failure is not an author list).
_NOT_NAME = re.compile(r"\b(Disease|Diseases|Disorder|Disorders|Injury|Injuries|Failure|Syndrome|Cancer|Sclerosis|Palsy|"
                       r"Arthritis|Diabetes|Stroke|Therapy|Therapies|Treatment|Cells?|Stem|Clinic|Hospital|Center|Centre|"
                       r"University|Institute|Care|Health|Medicine|Research)\b")
_MARKED = re.compile(r"\S[\d¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}(,[\d¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})*\*?\s*$")  # a name with its affiliation mark
_LATIN_NAME = re.compile(r"^([A-ZÀ-Þ][a-zA-ZÀ-ÿ'’-]*\.?|[A-Z]\.)(\s+([A-ZÀ-Þ][a-zA-ZÀ-ÿ'’-]*\.?|[A-Z]\.|de|van|von|da|del|bin|binti)){1,4}$")


@dataclass(slots=True)
class LineInfo:
    """What one line shows by itself, and the weight that follows from it."""
    simp: str                  # Simplified shadow of the text (same length)
    cjk: int
    words: int
    punct: int
    digits: int
    rule: str | None = None    # a chrome pattern that matched (drop_lines, between_lines)
    between: bool = False      # the rule is a between_lines one: cut, but weighed as a short line
    meta: bool = False         # the rule is a meta_lines one: cut, weighed by its own evidence
    marker: str | None = None  # a tail marker (heading of a related list, footer, ...)
    fields: list[str] = field(default_factory=list)  # normalised keys when a "key: value" line
    author_list: bool = False
    prose: bool = False         # a sentence line: counted fast, rules see its start only
    tainted: str | None = None  # marker above this line whose list it belongs to
    item: bool = False          # a row of a table, or an item of a list the text introduces
    weight: float = 0.0

    @property
    def units(self) -> float:
        return self.cjk + 2.5 * self.words

    @property
    def date_like(self) -> bool:
        """A short line that is mostly a date or time ("2023-11-01 15:00:27", "21-06-19"), not a
        price ("单膝注射 一次 $38,000": a clinic's price list is text)."""
        return self.digits >= 4 and self.units < 12 and PRICE.search(self.simp) is None

    @property
    def chrome(self) -> str | None:
        """The name of the evidence that makes this line chrome, or None."""
        if self.rule:
            return self.rule
        if self.marker:
            return self.marker
        if self.fields:
            return "fields"
        if self.tainted:
            return self.tainted
        return None

    @property
    def strong(self) -> bool:
        return self.chrome is None and self.punct >= STRONG_PUNCT and self.units >= STRONG_UNITS


def norm(text: str) -> str:
    """Text for comparing lines: no spaces or punctuation, lower case, Simplified."""
    return simplify(_NORM.sub("", text)).lower()


def same_text(text: str, wanted: str | None) -> bool:
    """``norm(text) == wanted``, without normalising lines far longer than ``wanted``."""
    return bool(wanted) and len(text) <= 3 * len(wanted) + 20 and norm(text) == wanted


def first_match(patterns: PatternSet, text: str, prose: bool | None = None, short: bool = False) -> str | None:
    """The first rule matching a line. Patterns that may match anywhere are slow on long text and
    are tried only on short lines that do not read as prose (a sentence ending in 。), and on the
    start of a short prose line (``short``: a notice or a credit of a sentence or two, not a paragraph)."""
    n = len(text)
    if n > MAX_RULE_LINE:
        return None
    # prose=True: ``text`` is the start of a prose line (LineInfo.simp), not the whole line.
    prefix = bool(prose)
    if prose is None:
        prose = n > PROSE_MIN and "。" in text
    return patterns.first(text, floating=(short or not prose) and n <= MAX_FLOATING, prefix=prefix)


_FOR_GROUP = re.compile(r"\s*[,，;]?\s*(?i:(for|on behalf of) the\s.{3,80})$")


def is_author_list(text: str, rules: Rules) -> bool:
    """Three or more personal names separated by commas, 、 or spaces (superscripts allowed), or
    two when each carries an affiliation mark (王小明1，李建国2)."""
    if len(text) > 300 or "。" in text or ":" in text or "：" in text or len(text) < 5:
        return False
    seps = sum(text.count(c) for c in ",，、 \u3000")
    if seps < 1:
        return False
    surnames = rules.chrome.surnames
    text = _FOR_GROUP.sub("", text)   # … , for the APRMC Ethics Working Group: the group is no name
    parts = [p for p in re.split(r"\s*[,，、;；]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", text) if p.strip()]
    if len(parts) < 3:
        parts = parts if len(parts) == 2 and all(_MARKED.search(p) for p in parts) else text.split()
    marked = len(parts) == 2 and all(_MARKED.search(p) for p in parts)
    if seps < 2 and not marked:
        return False  # fewer than three parts
    names = han_names = with_surname = 0
    for part in parts:
        p = _ROLE.sub("", _SUPERSCRIPT.sub("", part).strip()).strip(" *")
        if not p:
            continue
        han = re.sub(r"\s+", "", p)
        if _HAN_NAME.match(han):
            han_names += 1
            with_surname += han[0] in surnames
        elif not _LATIN_NAME.match(p) or _NOT_NAME.search(p):
            return False
        names += 1
    # Most Chinese names start with a common surname; a few (巴特, 欧阳...) need not.
    return names >= (2 if marked else rules.chrome.min_names) and with_surname >= 0.7 * han_names


def field_keys(simp: str, rules: Rules) -> list[str]:
    """Normalised keys when the line is a ``key: value`` field line, else []."""
    fr = rules.chrome.fields
    if len(simp) > 250:
        return []
    keys = [normalise_key(m.group("key")) for m in fr.anywhere.finditer(simp)]
    if len(keys) >= 2:
        return keys
    m = fr.start.match(simp)
    if m and len(simp) <= fr.max_chars_one_key and "。" not in simp[m.end():]:
        return [normalise_key(m.group("key"))]   # a value with a full sentence in it is a paragraph
    return []


def _weight(line: Line, info: LineInfo) -> float:
    if info.meta:
        return min(_text_weight(line, info), -0.25)  # a post's meta line: no text, whatever its marks
    if info.rule and not info.between:
        return -2.0
    if info.marker:
        return -1.0  # the list under it is tainted (-0.75 a line): one box in the text is bridged
    if info.fields:
        return -1.5
    if line.kind == "link":
        # A whole-line link is a menu entry or a related headline more often than text,
        # but one that reads as a sentence may be a paragraph with a link in it.
        return 0.0 if info.punct else -0.5
    return _text_weight(line, info)


def _text_weight(line: Line, info: LineInfo) -> float:
    """The weight of a line by its length, marks and digits alone."""
    u = info.units
    if info.date_like:
        return -1.0
    if info.punct == 0 and u < 40:
        # A short line: a heading or a phrase of a poster-style article when it is Chinese
        # text (close to neutral, so runs of them inside the text are bridged), a menu
        # entry or a button more often when it is a few Latin words.
        return -0.05 if info.cjk >= 4 else -0.25
    if info.punct == 0:
        return u / 80
    return max(0.2, min(u, 400) / 40)


def _measure(t: str) -> LineInfo:
    """Counts for one line. A prose line (a sentence ending in 。) is the common case on a big
    page: it is measured with C-level string methods, and only its start is simplified, as
    the rules that can match prose are anchored at the start of the line."""
    if len(t) > PROSE_MIN and "。" in t:
        m = t[:MEASURE_CHARS]
        cjk = (len(m.encode("utf-8")) - len(m)) // 2
        words = len(_WORD.findall(m)) if cjk < STRONG_UNITS else 0  # Chinese prose is strong already
        return LineInfo(simplify(t[:PROSE_PREFIX]), cjk, words, len(_MARKS.findall(m)), 0, prose=True)
    simp = simplify(t) if len(t) <= MAX_RULE_LINE else t  # no rule reads a longer line
    m = t[:MEASURE_CHARS]
    return LineInfo(simp, len(_CJK.findall(m)), len(_WORD.findall(m)) if _LATIN.search(m) else 0,
                    len(_PUNCT.findall(m)), len(_DIGIT.findall(m)))


# Glyphs a template sets before a heading (block elements, geometric shapes, stars): ▍延伸阅读, ■相关文章.
_DECORATION = re.compile(r"[\u2580-\u25ff\u2605\u2606]+\s*(?=\S)")
_FRAMED = re.compile(r"^[-—–=~]{1,6}\s*([^-—–=~\s].{0,18}?)\s*[-—–=~]{1,6}$")   # a short heading between rules

# A label that opens the full text under a paper's abstract and its metadata (正文, Full text), the
# full text's first heading (0 引言, 1. Introduction) or, once there is text above, the abstract in
# the other language (Abstract under the Chinese one's keywords) or a Background heading (an abstract's
# own first heading when nothing is above it): it ends the taint of the keywords and citation lines.
_BODY_LABEL = re.compile(r"^\s*(?:正文|全文|(?i:full text|main text)"
                         r"|(?:[0-9]{1,2}\s*[.．、]?\s*|[一1][、.．]\s*)?(?:引言|前言|(?i:introduction))"
                         r"|(?P<later>摘\s*要|英文摘要|研究背景|(?i:abstract|background)))\s*[:：]?\s*$")
BODY_LABEL_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 2.0   # a paragraph of text, not a headline or an author line
BODY_LABEL_CHARS = 20   # a longer line is no bare label: the pattern is not tried on it


def analyse(lines: list[Line], rules: Rules) -> list[LineInfo]:
    """Evidence and weight for every line; lines under a chrome heading inherit its name."""
    out: list[LineInfo] = []
    memo = _line_memo(rules)
    for line in lines:
        seen = memo.get(line.text)
        if seen is not None:
            info = LineInfo(**dict(zip(OWN_FIELDS, seen, strict=True)))
            info.fields = list(info.fields)
            out.append(info)
            continue
        info = _by_itself(line.text, rules)
        if len(line.text) <= MEMO_LINE:
            if len(memo) >= MEMO_LINES:
                memo.clear()
            memo[line.text] = tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(info, f) for f in OWN_FIELDS))
        out.append(info)
    _context(lines, out, rules)
    return out


# What a line shows by itself depends on its text and the rules alone: a site's template repeats
# its menu, footer and card lines on every page, so the evidence of a line already weighed is
# reused. The memo belongs to one Rules object (a new object, as after an edit, starts empty).
MEMO_LINES = 20_000  # lines remembered per process (about 330 bytes each); past this the memo starts over
MEMO_LINE = 300      # longer lines are prose, not template furniture: not remembered
# The fields of LineInfo that _by_itself sets; the context passes set the others (tainted, item, weight).
OWN_FIELDS = ("simp", "cjk", "words", "punct", "digits", "rule", "between", "meta", "marker", "fields", "author_list",
              "prose")
_MEMOS: dict[int, tuple[Rules, dict[str, tuple]]] = {}   # id(rules) -> (rules, text -> LineInfo fields)


def _line_memo(rules: Rules) -> dict[str, tuple]:  # type: ignore[type-arg]
    entry = _MEMOS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_MEMOS) >= 4:
            _MEMOS.clear()   # a process that loads rules again and again keeps only the latest
        entry = (rules, {})
        _MEMOS[id(rules)] = entry
    return entry[1]


def _by_itself(text: str, rules: Rules) -> LineInfo:
    """The evidence of one line read alone: its counts, and the rules its text matches."""
    info = _measure(text)
    if len(text) <= MAX_RULE_LINE:
        short = info.prose and len(text) <= SHORT_PROSE
        # the rules read a heading without the block or bullet a template sets before it (▍延伸阅读, ■ 相关文章)
        key = info.simp[d.end():] if (d := _DECORATION.match(info.simp)) else info.simp
        _match_rules(info, key, rules, short)
        if not (info.rule or info.marker) and (f := _FRAMED.match(key)) is not None:
            _match_rules(info, f.group(1), rules, short)   # -往期推荐-, —— 相关阅读 ——: a heading between rules
    if not info.prose:
        if not info.rule and not info.marker and _keyword_bar(info.simp):
            info.rule = "search_tags"
        if not info.rule and not info.marker:
            info.fields = field_keys(info.simp, rules)
        if not info.rule and not info.marker and not info.fields and rules.meta_lines.patterns:
            info.rule = first_match(rules.meta_lines, info.simp, info.prose)
            info.meta = info.rule is not None
        info.author_list = len(text) <= MAX_RULE_LINE and is_author_list(info.simp, rules)
    return info


def _match_rules(info: LineInfo, key: str, rules: Rules, short: bool) -> None:
    """The drop, tail-marker and between rules ``key`` (a line's text as the rules read it) matches."""
    info.rule = first_match(rules.drop_lines, key, info.prose, short)
    if not info.rule:
        info.marker = first_match(rules.tail_markers, key, info.prose, short)
        if info.marker and not info.prose and is_menu(key):
            # a menu that has 最新文章 among its entries (最新文章|醫療新知|養生保健|…) is the list
            # itself, not the heading of one: cut, and nothing under it is tainted
            info.rule, info.marker = info.marker, None
    if not info.rule and not info.marker and rules.between_lines.patterns:
        info.rule = first_match(rules.between_lines, key, info.prose, short)
        info.between = info.rule is not None


def _context(lines: list[Line], out: list[LineInfo], rules: Rules) -> None:
    """What each line shows beside its neighbours: table rows, items, lists under a marker, cards ..."""
    _info_table_cells(out, rules)
    cells = [cell_separators(line.text) for line in lines]
    _table_rows_are_text(cells, out)
    _mark_items(lines, cells, out)
    taint: str | None = None
    bio = False   # the line above is an author box's heading (关于作者, About the author)
    text_above = False   # a paragraph above this line (a second abstract's label bridges to it)
    for i, (line, info) in enumerate(zip(lines, out, strict=True)):
        label = _BODY_LABEL.match(info.simp) if len(info.simp) <= BODY_LABEL_CHARS else None
        body_label = label is not None and (text_above or label.group("later") is None)
        if info.marker:
            taint = info.marker
        elif taint and i < MENU_TAINT_LINES and info.rule == "follow_button":
            taint = None   # Trending in a news app's menu, then the outlet's card (… / Follow): the story follows
        elif taint and bio and not info.chrome and (taint != "author_box" or _BIO_LINE.search(info.simp, 0, BIO_HEAD)):
            info.tainted = taint   # the paragraph under 关于作者 is the author's bio, however long
        elif taint and (info.strong or line.kind == "heading" or info.rule == "breadcrumb" or body_label):
            taint = None   # a breadcrumb starts the page's content: a menu's 联系我们 above it taints nothing
        elif taint and not info.chrome:
            info.tainted = taint
        info.weight = _weight(line, info)
        if body_label and not info.chrome:
            info.weight = BODY_LABEL_WEIGHT   # the text starts here: it bridges the metadata above to it
        if info.item and not info.chrome:
            info.weight = max(info.weight, ITEM_WEIGHT)   # a list or table the text holds is text
        if info.tainted:
            info.weight = min(info.weight, -0.75)
        text_above = text_above or (info.weight >= PARAGRAPH_WEIGHT and not info.chrome)
        bio = info.marker in BIO_MARKERS and bool(_BIO_HEADING.match(info.simp))
    _thread_furniture(out)
    _later_posters(out)
    _answer_footers(out)
    _quotes_and_signatures(lines, out)
    _ad_slots(out)
    _related_between_answers(out)
    _inset_boxes(out)
    _weigh_between_runs(out)


MENU_TAINT_LINES = 15   # a follow button this near the top ends a list a menu item (Trending) began


KEYWORD_BAR_TOKENS = 5   # a content farm's keyword bar: at least this many phrases on one line ...
KEYWORD_BAR_SHARED = 4   # ... of which this many start with the same three characters


def _keyword_bar(simp: str) -> bool:
    """A content farm's bar of search phrases (某某站 干细胞抗衰老 干细胞美容 干细胞多少钱一针 干细胞医院排名 …):
    space-separated phrases without sentence marks, four or more of them starting alike."""
    tokens = simp.split()
    if len(tokens) < KEYWORD_BAR_TOKENS or any(len(t) > 12 or not _CJK.search(t) for t in tokens) or _MARKS.search(simp):
        return False
    heads = Counter(t[:3] for t in tokens if len(t) >= 4)
    return bool(heads) and heads.most_common(1)[0][1] >= KEYWORD_BAR_SHARED


def _answer_footers(infos: list[LineInfo]) -> None:
    """An answer's footer above the next answerer's card: a post's meta line (2024/10/06 回覆 · 👍 42
    · 感謝醫師) and its sign-off (以上回答仅供参考，不能代替面诊。), over its vote bar, up to
    FOOTER_LINES lines: furniture between two answers, weighed with the card as one separator.
    Where the next answer opens with its votes (58 人赞同了该回答), the answerer's name and headline
    above them are its card, and the answer above ends in its edit time and comment bar."""
    for i, card in enumerate(infos):
        if not (card.between and not card.tainted and (card.rule in ANSWERER_CARDS or (
                card.rule == "qa_furniture" and _VOTES_OVER_ANSWER.match(card.simp)))):
            continue
        top = i - 1
        if card.rule == "qa_furniture":
            while top >= max(0, i - 1 - POSTER_LINES) and _poster(infos[top]) and infos[top].punct == 0 \
                    and infos[top].units > 0:   # a name or a headline, not a date
                infos[top].rule, infos[top].between = "poster_line", True
                top -= 1
        for j in range(top, max(-1, top - FOOTER_LINES), -1):
            info = infos[j]
            if info.tainted or not (info.meta or info.rule in ("closing_notice", *ANSWER_FOOTERS) or info.between):
                break
            info.between = True


_VOTES_OVER_ANSWER = re.compile(r"^[\d,.]+\s*万?\s*人赞同了该回答$")
ANSWER_FOOTERS = ("ip_region", "comment_box")   # an answer's edit time and region, its comment bar
POSTER_LINES = 2   # an answerer's name and headline over the votes that open the answer


def _poster(o: LineInfo) -> bool:
    """A poster's name or a post's date: a short line no rule knows, with no sentence mark or a date."""
    return o.rule is None and not o.marker and not o.fields and not o.tainted and not o.item \
        and o.units < POSTER_UNITS and (o.date_like or o.punct == 0)


FOOTER_LINES = 3   # an answer's footer above the next card: its sign-off or meta line, its bar


def _later_posters(infos: list[LineInfo]) -> None:
    """Under the label of a Q&A page's other answers (其他回答(2)), each answer is headed by its
    poster's name and date (热心网友 2023-06-15; 老街看海 / 2023-06-16 13:55) and the one above it
    ends in its bar (评论 (4) 赞 27): all of them are furniture between two answers, weighed as one
    separator, down to the next heading of a list (相关问题)."""
    label = False
    for i, info in enumerate(infos):
        if info.marker or info.tainted:
            label = False
        elif info.rule == "answers_label":
            label = True
        elif label and info.rule is None and not info.fields and not info.item and info.punct == 0 \
                and info.digits >= 4 and info.units < POSTER_UNITS and STAMP.search(info.simp):
            info.rule, info.between = "poster_line", True
            k = i - 1
            if k >= 0 and infos[k].rule is None and not infos[k].marker and not infos[k].fields \
                    and infos[k].punct == 0 and 0 < infos[k].units < POSTER_UNITS and infos[k].digits == 0:
                infos[k].rule, infos[k].between = "poster_line", True   # the name on the line above the date
                k -= 1
            if k >= 0 and infos[k].rule in ANSWER_BARS and not infos[k].tainted:
                infos[k].between = True


STAMP = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}:\d{2}")   # a date or a time in a short line
THREAD_RULES = ("floor_label", "poster_line", "forum_header", "quote_header")
_SIGNED = re.compile(r"^\s*(?:——|--)\s*\S")
SIGNATURE_UNITS = 30   # a forum signature is shorter
QUOTE_LINES = 3        # quoted lines read under a quote's header ...
QUOTE_REACH = 200      # ... and looked for in this many lines above it
QUOTE_CHARS = 2000     # a quoted line is shorter; lines above are compared on this many characters


def _quotes_and_signatures(lines: list[Line], infos: list[LineInfo]) -> None:
    """On a thread (two or more floor, poster or quote lines): the lines a reply quotes under its
    quote's header (引用：某某 於 … 發表) when they repeat what the thread said above, and a poster's
    signature (the short line under a rule of dashes, the rule being a separator line; a short line
    led by ——) are furniture between two posts."""
    if sum(1 for o in infos if o.rule in THREAD_RULES) < 2:
        return
    seen: list[str] = []
    for i, (line, info) in enumerate(zip(lines, infos, strict=True)):
        if info.rule == "quote_header":
            above = "\n".join(seen[-QUOTE_REACH:])
            for j in range(i + 1, min(len(lines), i + 1 + QUOTE_LINES)):
                quoted = norm(lines[j].text[:QUOTE_CHARS])
                if infos[j].chrome or len(quoted) < 4 or len(lines[j].text) > QUOTE_CHARS or quoted not in above:
                    break
                infos[j].rule, infos[j].between = "quote", True
        elif info.chrome is None and info.units < SIGNATURE_UNITS and not info.strong and (
                _SIGNED.match(line.text) or (i > 0 and infos[i - 1].rule == "separator")):
            info.rule, info.between = "signature", True
        seen.append(norm(line.text[:QUOTE_CHARS]))


RELATED_REACH = 8   # lines from a related list's heading to the next answerer's card


def _related_between_answers(infos: list[LineInfo]) -> None:
    """A Q&A page that puts its related questions between two answers (… Share / Related questions /
    three questions / the next answerer's name / their card · Answered Jun 2, 2022): the list, with the
    share bar right above it, is furniture between two answers, weighed as one separator, so the next
    answer stays. Only after an answerer's card above, and only when the next card is within reach."""
    carded = False
    for i, info in enumerate(infos):
        if info.rule in ANSWERER_CARDS and info.between:
            carded = True
        if not (carded and info.marker == "related_list"):
            continue
        card = next((j for j in range(i + 1, min(len(infos), i + 1 + RELATED_REACH))
                     if infos[j].rule in ANSWERER_CARDS and infos[j].between), None)
        if card is None:
            continue
        for k in range(i, card):
            infos[k].rule, infos[k].tainted, infos[k].between = infos[k].rule or "related_list", None, True
        if i > 0 and infos[i - 1].rule in ANSWER_BARS:
            infos[i - 1].between = True


INSET_LINES = 10   # an inset box of related stories inside an article is at most this long
INSET_TEXT = 1.0   # ... and the article goes on under it: a paragraph, then a line of at least this weight


def _inset_boxes(infos: list[LineInfo]) -> None:
    """A box of related stories set into an article (a paragraph / ADVERTISEMENT / RELATED STORIES /
    three headlines / a newsletter sign-up / the article goes on with two paragraphs), or a paper's
    keywords one a line between its abstract and its Introduction: the box is furniture between two
    paragraphs, weighed as one separator, so the rest of the article stays. The list after an
    article's last paragraph, with no text under it, still ends the text."""
    n = len(infos)
    for i, info in enumerate(infos):
        if info.marker not in ("related_list", "tags"):
            continue
        above = next((j for j in range(i - 1, max(-1, i - 3), -1)
                      if not (infos[j].rule == "advertisement" or infos[j].between)), None)
        if above is None or not infos[above].strong:
            continue
        end = i + 1
        while end < n and end - i <= INSET_LINES and infos[end].tainted == info.marker:
            end += 1
        if end + 1 >= n:
            continue
        if info.marker == "tags":
            # a paper's keywords, one a line, between its abstract and its body (Keywords / … / Introduction / text)
            if not (infos[end].chrome is None and _BODY_LABEL.match(infos[end].simp) and infos[end + 1].strong):
                continue
        elif not (infos[end].strong and infos[end + 1].chrome is None and infos[end + 1].weight >= INSET_TEXT):
            continue   # no text under the box: the article's tail
        for k in range(above + 1, end):
            infos[k].rule, infos[k].tainted, infos[k].between = infos[k].rule or info.marker, None, True


AD_LABEL_UNITS = 40   # an ad slot's label (Sponsored by Some Clinics) is shorter


def _ad_slots(infos: list[LineInfo]) -> None:
    """The one line between an ad slot's label and its button (Sponsored by Some Clinics / Stem cell
    treatment for … Book a free consult / Learn more) is the advertisement's text; the three lines are
    one slot between two answers, weighed as one separator."""
    for i in range(1, len(infos) - 1):
        label, ad, button = infos[i - 1], infos[i], infos[i + 1]
        if label.rule == "advertisement" and label.units < AD_LABEL_UNITS and ad.chrome is None \
                and button.rule in ("more_link", "call_to_action"):
            ad.rule, ad.between = "advertisement", True
            button.between = True   # the slot's button is the slot's: weighed with it as one separator


ANSWERER_CARDS = ("doctor_card", "user_card")
# The rules that know a card's lines (the title and department, the verified badge, the vote bar,
# the date): a run of short lines with one of them is a card (etl.extract.chrome).
CARD_RULES = frozenset(("author_card", "user_card", "doctor_card", "vote_bar", "follow_button", "qa_furniture",
                        "meta_line", "answers_label", "forum_bar"))


def _weigh_between_runs(infos: list[LineInfo]) -> None:
    """A doctor card, or a date and vote bar, between two answers must not end the text: a
    between_lines line weighs as a short line, and a run of them (the card, its answer time,
    其他回答(1)) separates two answers as one line does."""
    run = False   # the line above is a between_lines one
    for info in infos:
        if info.between and not info.tainted:
            info.weight = BETWEEN_RUN_WEIGHT if run else BETWEEN_WEIGHT
        run = info.between and not info.tainted


def _thread_furniture(infos: list[LineInfo]) -> None:
    """A thread's poster name and post date next to a floor label (某某妈妈 / 2楼 … 2024-05-06 22:10 /
    回复(15)) are furniture between two posts: cut, and weighed with the label as one separator
    (_weigh_between_runs), so a date under a post does not end the thread as it ends an article
    over its comments."""
    for i, info in enumerate(infos):
        if info.tainted or info.rule not in ("floor_label", "answers_label"):
            continue
        if info.rule == "answers_label" and i > 0 and infos[i - 1].rule in ANSWER_BARS and not infos[i - 1].tainted:
            # the votes and shares of the answer above (赞 126 评论 18 / 其他回答): furniture between two
            # answers, weighed with the label as one separator, not a wall that ends the text
            infos[i - 1].between = True
        # next to a floor label; under the label of a Q&A page's other answers, the first
        # answerer's name and date (其他回答(6) / 某某 / 2023-09-02)
        near = (i - 1, i + 1) if info.rule == "floor_label" else (i + 1, i + 2)
        if info.rule == "floor_label" and i > 1 and infos[i - 1].rule == "user_card" and infos[i - 1].between:
            near = (i - 2, i + 1)   # the poster's name over the member's rank and counts (某某 / 楼主 · 帖子 37 · 积分 112)
        for j in near:
            if 0 <= j < len(infos) and _poster(infos[j]):
                infos[j].rule, infos[j].between = "poster_line", True
            elif info.rule == "answers_label":
                break   # the answer's text is under its name: nothing past it is a name or a date


def _info_table_cells(infos: list[LineInfo], rules: Rules) -> None:
    """An info table flattened to one cell a line (發布日期 / 113-05-08 / 發布單位 / 醫政科 / 點閱次數 /
    2417): a key alone on its line, with another key two lines above or below it, is a label cell,
    and the short line under it its value; both are the page's fields, as ``key: value`` lines are."""
    alone = rules.chrome.fields.alone
    if alone is None:
        return
    keys = [None if info.prose or info.units > CELL_UNITS or (m := alone.match(info.simp)) is None
            else normalise_key(m.group("key")) for info in infos]
    for i, key in enumerate(keys):
        if key is None or not any(0 <= j < len(keys) and keys[j] is not None for j in (i - 2, i + 2)):
            continue
        if not infos[i].rule and not infos[i].marker:
            infos[i].fields = infos[i].fields or [key]
        if i + 1 < len(infos):
            value = infos[i + 1]
            if keys[i + 1] is None and not value.rule and not value.marker and not value.prose \
                    and value.units <= CELL_UNITS and value.punct <= 1:
                value.fields = value.fields or [key]


CELL_UNITS = 20   # an info table's label or value cell is shorter


def _table_rows_are_text(cells: list[int], infos: list[LineInfo]) -> None:
    """A meta line beside a line with as many cell separators (``cells``, one count per line) is a
    table's row, not a post's meta line (病种 | 疗程 | 费用 over 糖尿病 | 4次 | 8万~20万): its rule is
    withdrawn."""
    for i, info in enumerate(infos):
        if info.meta and cells[i] and any(0 <= j < len(cells) and cells[j] == cells[i] for j in (i - 1, i + 1)):
            info.rule, info.meta = None, False


BIO_MARKERS = ("blog_sidebar", "author_box")   # tail markers whose next line is a box's own paragraph
# ... an expert's box (专家简介) only when the line reads as a bio, not as the expert quoted (某某表示，…)
_BIO_LINE = re.compile(r"^[^，,。：:]{2,12}[，,]\s*(?:主任|副主任|主治|住院)?(?:医师|医生|教授|研究员|博士|专家)|擅长|专长|毕业于")
BIO_HEAD = 40   # characters of the line read for the bio's words
_BIO_HEADING = re.compile(r"^[【\[]?(关于作者|作者简介|关于我|(?:专家|医生|医师|讲者|嘉宾|受访专家)(?:简介|介绍)|(?i:about (the )?author|about me))[】\]]?\s*[:：]?$")
BETWEEN_WEIGHT = -0.25      # a between_lines line: cut, weighed as a short line
BETWEEN_RUN_WEIGHT = -0.05  # ... right under another one
ANSWER_BARS = ("share_bar", "vote_bar", "button_row")   # an answer's own bar, right above the other answers' label
POSTER_UNITS = 24           # a poster's name or a post's date line next to a floor label is shorter
TWO_COLUMN_ROWS = 3   # lines in a row with one cell separator each (療程｜價格 / X｜約150萬 / …) make a table
ITEM_WEIGHT = 0.3     # a table's row, or an item of a list the text introduces (短 lines, no marks)
ITEM_UNITS = 40       # an item longer than this is a paragraph, weighed as one
_BULLET = re.compile(r"^\s*(?:[•·●○◆◇▪■□►▶✓✔☑※*＊\-–—]|\d{1,2}[.、)）]|[(（]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,2}、)\s*")
_INTRO_END = re.compile(r"[:：]\s*$")


_LISTING = re.compile(r"包括|包含|如下|以下|下列|有哪些|分为|适应症|适用|范围|条件|人群|对象|项目|标准|(?i:include|including|following|such as|"
                      r"conditions|indications|eligib|candidates|criteria)")


def _list_like(line: Line, info: LineInfo) -> bool:
    """A short line with no sentence in it and no chrome: an item, a cell, a number."""
    return info.chrome is None and line.kind != "link" and not info.prose and info.units < ITEM_UNITS \
        and (info.units >= 1 or info.digits >= 1)


def _mark_items(lines: list[Line], cells: list[int], infos: list[LineInfo]) -> None:
    """Rows of a table (two or more lines with the same number of cell separators, at least two; three or more with one),
    the items of a list a text line introduces (…包括: / …include: over short lines) and a run of
    bulleted or numbered items under a text line are text.

    Without this, a clinic page's treatment list or price table after its last paragraph weighed
    as short lines and was cut as the page's tail."""
    n = len(lines)
    i = 0
    while i < n:   # tables
        c = cells[i]
        j = i
        while j + 1 < n and c >= 1 and cells[j + 1] == c:
            j += 1
        if j > i and (c >= 2 or j - i + 1 >= TWO_COLUMN_ROWS):   # two columns: a header and two rows at least
            for k in range(i, j + 1):
                if infos[k].chrome is None or infos[k].meta:
                    infos[k].item = True
        i = j + 1
    for i in range(n - 2):   # lists under an introducing line, and bulleted runs under text
        intro, info = lines[i], infos[i]
        if info.chrome is not None or info.units < 2:
            continue
        k = i + 1
        if _INTRO_END.search(intro.text) and _LISTING.search(info.simp):
            while k < n and _list_like(lines[k], infos[k]):
                k += 1
        else:
            while k < n and _list_like(lines[k], infos[k]) and _BULLET.match(lines[k].text):
                k += 1
        if k - (i + 1) >= 2:
            for j in range(i + 1, k):
                infos[j].item = True


def densest_block(infos: list[LineInfo]) -> tuple[int, int] | None:
    """[start, end] of the run of lines with the largest total weight (None: no positive line).

    Short negative stretches (a heading, one related-articles box) inside the article are
    bridged because the text on both sides outweighs them.
    """
    best, best_span = 0.0, None
    run, run_start = 0.0, 0
    for i, info in enumerate(infos):
        if run <= 0:
            run, run_start = 0.0, i
        run += info.weight
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


# An English menu entry: one to three capitalised words (About Us, Patient Stories, For Authors, e-Edition).
_MENU_WORDS = frozenset("home about contact contacts blog news pricing prices price treatments treatment conditions "
                        "services service team doctors faq faqs stories story patient patients login log in sign register "
                        "shop research resources locations location careers testimonials reviews book appointment "
                        "appointments search menu us our science clinics clinic programs programme programs insurance "
                        "gallery videos events media press partners donate english destinations compare calculator "
                        "cost costs quote quotes get free guides tools community forum forums help support topics "
                        "hospitals specialists experts therapies therapy technology products solutions company".split())
_MENU_GLUE = frozenset(("a", "&", "and", "of", "the", "to", "中文", "简体", "繁體", "繁体", "EN", "English"))   # … and the language switch
_MENU_ZH = frozenset(("首页", "关于我们", "联系我们", "常见问题", "登录", "登入", "注册", "网站首页", "在线咨询", "新闻中心", "专家团队",
                      "下载app"))
_MENU_ENTRY = re.compile(r"(?:[A-Z0-9&][\w'&+-]*|[a-z]-[A-Z]\w*|of|the|and|for|to|in|a)(?: (?:[A-Z0-9&][\w'&+-]*|of|the|and|for|to|in|a)){0,2}")


def is_menu(text: str) -> bool:
    """Three or more short words separated by spaces, bars or dots, no sentence marks: a menu
    (the site's name may lead it: 某某资讯网 首页 新闻 体育 健康); or four or more English entries of
    one to three capitalised words, set apart by two spaces or a bar (Home  Treatments  Patient Stories)."""
    if _PUNCT.search(text):
        return False
    tokens = [t for t in re.split(r"[\s|｜·•/]+", text) if t]
    if (len(tokens) >= 3 and all(len(t) <= 4 for t in tokens)) or (
            len(tokens) >= 5 and len(tokens[0]) <= 12 and all(len(t) <= 4 for t in tokens[1:])) or (
            len(tokens) >= 6 and len(tokens[0]) <= 12 and all(len(t) <= 6 for t in tokens[1:])
            and sum(len(t) > 4 for t in tokens[1:]) <= 1 and not _LATIN.search(text)):
        return True   # … one longer entry among many short ones (首页 推荐 健康 财经 科技 | 登录 创作者中心)
    if len(tokens) >= 5 and all(len(t) <= 6 for t in tokens) and (len(tokens) >= 6 or not _LATIN.search(text)) \
            and any(simplify(t).lower() in _MENU_ZH for t in tokens):
        return True   # entries of up to six characters, one of them a site's usual (关于我们 脐带血储存 … 常见问题)
    if len(tokens) >= 8 and all(len(t) <= 12 for t in tokens) and sum(len(t) <= 4 for t in tokens) >= 0.6 * len(tokens) \
            and any(simplify(t).lower() in _MENU_ZH for t in tokens):
        return True   # a long menu whose submenu names treatments (首页 关于我们 … 自体脂肪干细胞 ｜ 膝关节软骨缺损 ｜ 最新消息)
    entries = [t.strip() for t in re.split(r"\s{2,}|\s*[|｜·•]\s*", text) if t.strip()]
    if len(entries) >= 4 and all(len(e) <= 24 and _MENU_ENTRY.fullmatch(e) for e in entries):
        return True
    # a site's menu flattened with single spaces (Home Treatments Conditions Pricing Blog Contact):
    # capitalised words, most of them the usual menu entries
    words = text.split()
    # (Get a Free Quote: a button's article and conjunction are not counted)
    words = [w for w in words if w not in _MENU_GLUE]
    return len(words) >= 5 and all(w[:1].isupper() or w[:1].isdigit() for w in words) \
        and sum(w.lower() in _MENU_WORDS for w in words) >= 0.7 * len(words)


def name_line(info: LineInfo) -> bool:
    """A name alone on a line (an account's or author's: 杏林小贴士, 王小明): short, no punctuation."""
    return info.chrome is None and info.punct == 0 and 3 <= info.units < 8


def heading_like(line: Line, info: LineInfo) -> bool:
    """A short text line that may head or continue the article (not chrome, not a link)."""
    return (info.chrome is None and line.kind != "link" and not info.date_like and not info.author_list
            and (info.cjk >= 3 or info.words >= 2) and not is_menu(line.text))
