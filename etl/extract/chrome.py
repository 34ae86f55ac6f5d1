"""Separate the article from the page around it, by evidence. Pure: lines in, a selection out.

Every line is weighed on its own evidence (``etl.extract.evidence``); the article is the
densest run of weight, so one related-articles box inside the text does not end it and a lead
paragraph above a late headline stays. Around that run: the header (above the title), the
lines between title and text (kept unless they are chrome: bylines, fields, author lists),
and the tail (after the text). Every removed line is kept with the name of the evidence or
rule that removed it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from etl.extract.evidence import (
    CARD_RULES,
    STAMP,
    LineInfo,
    analyse,
    densest_block,
    first_match,
    heading_like,
    norm,
    same_text,
)
from etl.extract.lines import Line
from etl.extract.titles import BYLINE_RULES, FURNITURE_UNITS, TitleChoice, choose_title
from etl.knowledge.rules import Rules

LATE_DATE_LINES = 6   # a date line this near under the title (a question's 提问时间 under its text) is its byline
EXTEND_BEFORE = 2   # short headings just above the text are kept when there is no title
EXTEND_AFTER = 3    # ... and just below it (a page cut off after a heading)
# A card (an answering doctor's, a poster's, an account's) is a run of short lines without a
# sentence mark; rules know some of its lines (the title and department, the verified badge, the
# vote bar, the date). The rule's name says which ones make the run a card.
CARD_LINE_UNITS = 15   # a card's line is shorter than this (Han characters; an English word counts 2.5)
CARD_RUN = 3           # lines in a run, at least one of them known to a card rule
CARD_REACH = 3         # lines of a run cut on either side of a known card line
_CELL_BAR = re.compile(r"\S\s+[|｜]\s+\S")


@dataclass
class Selection:
    title: str | None
    title_index: int | None
    kept: list[int] = field(default_factory=list)            # indexes of article lines, in order
    cut: list[tuple[int, str]] = field(default_factory=list)  # (line index, rule name)
    byline: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    tail_at: set[int] = field(default_factory=set)           # indexes of the tail's lines
    fields: dict[str, str] = field(default_factory=dict)     # header-block metadata: group -> value
    title_how: str = "none"


def _header_rule(line: Line, info: LineInfo, rules: Rules) -> str:
    return info.chrome or first_match(rules.header_lines, info.simp, info.prose) or (
        "author_list" if info.author_list else "header")


def select(lines: list[Line], rules: Rules, title_hint: str | None = None, has_container: bool = False) -> Selection:
    """Choose the article lines and the title.

    ``title_hint`` is a title known from metadata (front matter, og:title); when the page came
    from a known content container (``has_container``), lines above the text are cut only on
    evidence of their own.
    """
    infos = analyse(lines, rules)
    n = len(lines)
    block = densest_block(infos)
    choice = choose_title(lines, infos, block, rules, hint=title_hint)
    if has_container and choice.how != "hint":
        choice = TitleChoice(None, None, "none", choice.fields, choice.field_lines)
    s, e = block if block else (0, n - 1)
    t = choice.index
    sel = Selection(title=choice.text, title_index=t, fields=choice.fields, title_how=choice.how)
    decided: dict[int, str | None] = {}   # line -> rule that cuts it, or None to keep
    field_lines = set(choice.field_lines)
    title_norm = norm(choice.text) if choice.text else None

    # Above the text. A title that starts the text (t == s) heads it like one above it: the
    # lines over it are the page's header, and a byline may follow it inside the text.
    if t is not None and t <= s:
        for i in range(t):
            decided[i] = _header_rule(lines[i], infos[i], rules)
        decided[t] = "title_field" if t in field_lines else None
        between = range(t + 1, s)
    else:
        between = range(0, s)
        if t is not None:
            decided[t] = "title_field" if t in field_lines else None
    keep_before: set[int] = set()
    if t is None or t > s:
        i = s - 1
        while i >= 0 and len(keep_before) < EXTEND_BEFORE and heading_like(lines[i], infos[i]) and not has_container:
            keep_before.add(i)
            i -= 1
    def byline_at(i: int) -> bool:
        return i < n and len(lines[i].text) <= rules.byline_max_chars and bool(rules.byline.search(infos[i].simp)) \
            and not infos[i].strong

    def furniture_at(i: int) -> bool:
        """A poster's handle or an unnamed button row under the title (LunaRae84, 举报 0 分享至):
        short, a digit and no sentence mark, and no rule of its own."""
        info = infos[i]
        return info.chrome is None and info.punct == 0 and info.units < FURNITURE_UNITS and info.digits > 0 \
            and not info.item and lines[i].kind != "heading" and not first_match(rules.header_lines, info.simp, info.prose)

    def name_over_byline(i: int) -> bool:
        """An account's or author's name alone on a line (杏林小贴士), right under the title, over the
        byline or the author's affiliation."""
        named = infos[i].chrome is None and infos[i].punct == 0 and infos[i].units < FURNITURE_UNITS
        return t is not None and i == t + 1 and named and i + 1 < n \
            and (byline_at(i + 1) or infos[i + 1].rule in BYLINE_RULES or infos[i + 1].rule == "follow_button")

    card = _card_lines(lines, infos, rules)
    after_title = 0
    for i in between:
        if i in decided:
            continue
        line, info = lines[i], infos[i]
        after_title += 1
        if i in field_lines:
            decided[i] = "fields"
        elif t is not None and t < s and after_title <= rules.byline_max_lines and (
                byline_at(i) or name_over_byline(i) or furniture_at(i)):
            decided[i] = "byline"
        elif t is not None and t < s and after_title <= rules.byline_max_lines + 1 and rules.summary.search(info.simp):
            decided[i] = "summary"
        elif same_text(line.text, title_norm):
            decided[i] = "repeated_title"
        elif i in card:
            decided[i] = "card"
        elif info.chrome or info.author_list or info.date_like or line.kind == "link" \
                or first_match(rules.header_lines, info.simp, info.prose):
            decided[i] = _header_rule(line, info, rules)
        elif (t is not None and t < s) or has_container or i in keep_before:
            decided[i] = None if info.cjk >= 3 or (info.words and len(line.text) >= 6) else "fragment"
        else:
            decided[i] = _header_rule(line, info, rules)

    # The text, and what follows it. Above a headline inside the densest run, lines without a
    # sentence mark (a record's cells, 建议编号 | 第126号) are its header; a paragraph there stays.
    cells_above = t is not None and t > s and all(infos[k].punct == 0 for k in range(s, t))
    extend = 0
    for i in range(s, n):
        if i in decided:
            continue
        line, info = lines[i], infos[i]
        if i > e:
            if extend < EXTEND_AFTER and heading_like(line, info) and (i == e + 1 or decided.get(i - 1, "x") is None):
                extend += 1
                decided[i] = None
            else:
                decided[i] = info.chrome or ("author_list" if info.author_list else "after_article")
            continue
        if same_text(line.text, title_norm):
            decided[i] = "repeated_title"
        elif cells_above and i < t:
            decided[i] = _header_rule(line, info, rules)
        elif t is not None and 0 < i - t <= rules.byline_max_lines and (
                byline_at(i) or (t <= s and (name_over_byline(i) or furniture_at(i)))):
            decided[i] = "byline"    # under a title that starts the text, that the text starts under, or inside it
        elif t is not None and t <= s and 0 < i - t <= rules.byline_max_lines and info.author_list:
            decided[i] = "author_list"  # the authors under a paper's title, the text starting with them or after
        elif t is not None and 0 < i - t <= rules.byline_max_lines + 1 and rules.summary.search(info.simp):
            decided[i] = "summary"   # a teaser under the byline repeats the lead
        elif t is None and i == s and byline_at(i) and not info.prose and info.chrome is None:
            decided[i] = "byline"    # an untitled page's first line is its byline (转载自：某某 2024年1月9日 阅读 9)
        elif info.date_like and not info.item and info.chrome is None and STAMP.search(line.text):
            decided[i] = "date_line"   # a date alone between paragraphs (回答日期 2024/02/29): a stamp, not text
        elif i in card:
            decided[i] = "card"   # a name, a hospital, a badge next to a doctor card's known lines
        else:
            decided[i] = info.chrome

    for i in range(n):
        rule = decided.get(i)
        if i == t and rule is None:
            continue
        if rule is None:
            sel.kept.append(i)
            continue
        sel.cut.append((i, rule))
        text = lines[i].text
        if rule == "byline" or (i < s and ("date" in _groups(infos[i], rules) or (infos[i].date_like and t is not None and abs(i - t) <= 2))) \
                or (rule == "date_line" and t is not None and 0 < i - t <= LATE_DATE_LINES):
            sel.byline.append(text)
        if i < s or (t is not None and i < t) or rule == "byline":
            sel.header.append(text)
        else:
            sel.tail.append(text)
            sel.tail_at.add(i)
    return sel


def _card_lines(lines: list[Line], infos: list[LineInfo], rules: Rules) -> set[int]:
    """The lines no rule knows in a card: a run of at least CARD_RUN short lines without a sentence
    mark (陈某某医生 / 骨科专科医生 ✔ 已认证 / 回答于 2023年11月3日), one of them cut by a card rule
    or a short byline, and within CARD_REACH lines of such a line. The run's last line stays when
    text follows it: a heading over its paragraph."""
    def short(i: int) -> bool:
        info = infos[i]
        return info.punct == 0 and 0 < info.units < CARD_LINE_UNITS and not info.item and lines[i].kind != "link" \
            and not _CELL_BAR.search(lines[i].text)   # a record's key | value rows are a table, not a card

    def known(i: int) -> bool:
        info = infos[i]
        return info.rule in CARD_RULES or (info.units < CARD_LINE_UNITS and not _CELL_BAR.search(lines[i].text)
                                           and bool(rules.byline.search(info.simp)))

    out: set[int] = set()
    n, i = len(lines), 0
    while i < n:
        if not (short(i) or known(i)):
            i += 1
            continue
        j = i
        while j < n and (short(j) or known(j)):
            j += 1
        run = range(i, j)
        cards = [k for k in run if known(k)]
        if len(run) >= CARD_RUN and cards:
            last = j - 1 if j < n and infos[j].units >= CARD_LINE_UNITS else j
            # Only the lines near a card's known line: a list of short items above a card (Conditions
            # We Treat / Knee osteoarthritis / … / Dr. Ann Lee, MD) is the text's, not the card's.
            # Reach counts the unknown lines between (a share bar's cut lines are no distance).
            plain = [k for k in run if infos[k].chrome is None and not known(k)]
            for r, k in enumerate(plain):
                if k < last and any(_between(plain, r, k, c) < CARD_REACH for c in cards):
                    out.add(k)
        i = j
    return out


def _between(plain: list[int], r: int, k: int, card: int) -> int:
    """How many of the ``plain`` lines (sorted; line ``k`` is ``plain[r]``) lie between ``k`` and ``card``."""
    at = bisect.bisect_left(plain, card)
    return at - r - 1 if k < card else r - at


def _groups(info: LineInfo, rules: Rules) -> set[str]:
    g = rules.chrome.fields.group_of
    return {g.get(k, "other") for k in info.fields}
