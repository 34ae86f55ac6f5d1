"""Choose a page's title by scoring candidates. Pure.

Order of trust: a title from metadata (front matter, og:title, <title>, <h1>: ``hint``), a
``标题: ...`` / ``Title: ...`` field of a header block, a "how to cite" line; otherwise the
lines above the article are scored on evidence (the line repeated elsewhere on the page, a
byline or date just under it, the article starting right after it, words shared with the
body). Lines that cannot be headlines (author lists, e-mails, addresses, dates, document
numbers, bylines, breadcrumbs, numbered section headings, captions, over-long lines) are never
chosen. When no line has enough evidence the title is None: a page that starts mid-body has
none, and a wrong title is worse than no title; but a short line right under the breadcrumb that
repeats its last crumb names the page (``crumb``: a department's page, 血液内科), and so does a
last crumb as long as a headline when the page shows its title nowhere else (_crumb_headline).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass, field

from etl.extract.evidence import ANSWERER_CARDS, MAX_RULE_LINE, LineInfo, is_menu, name_line, norm, same_text
from etl.extract.lines import Line, clean
from etl.extract.script import simplify
from etl.knowledge.money import ends_with_price
from etl.knowledge.rules import Rules

MIN_SCORE = 2.0
DECK_RATIO = 1.5   # a deck under a headline is this much longer (a second headline, an ad's line over a headline, is not)
FURNITURE_UNITS = 12      # a shorter line without sentence marks under a headline is furniture, not its text
# chrome rules of lines that belong to a byline: the authors and their units, a writer's credit
# (撰文/某某 图片提供/某某) and a poster's line with its relative time (匿名 · 某某大学 · 3 天前)
BYLINE_RULES = ("affiliation", "author_list", "credit_line", "poster_line", "user_card")
HEADER_SCAN = 40          # lines from the top searched for header fields and cite lines
LATE_SCAN = 8             # lines into the article searched for a late headline
NEXT_TEXT_LINES = 5       # lines under a headline searched for its text (an answerer's card not counted) ...
NEXT_TEXT_REACH = 12      # ... up to this many lines in all (a Q&A page's buttons, counts and answerer card)
HINT_SCAN = 400           # lines searched for the line that repeats a metadata title
_SEPARATOR = re.compile(r"\s*(?:[-_|｜–]|——)\s*")
_NOT_BIGRAM_CJK = re.compile(r"[^\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z]{3,}")
_FIRST_SECTION = re.compile(r"^\W{0,2}(一\s*[、.．]|1\s*[、.．]|1\s+\S|第一[章节部分]|I\.\s|[(（]\s*[一1]\s*[)）])")
_QUESTION = re.compile(r"[?？]|[!！]$")   # a question (anywhere: 告别扎针？细胞疗法…) or an exclamation at the end
_BY_NAME = re.compile(r"^By\s+[A-Z][a-z]+\s")   # a byline that names its writer (By Priya Natarajan, …)
# The heading of a decision, notice or judgment with its number (行政处罚决定书(某市监处罚〔2023〕217号)):
# the parties' fields under it are no byline, so it needs its own evidence.
_DECISION_HEADING = re.compile(r"(决定书|通知书|告知书|判决书|裁定书|公示|公告|通告|通报)\s*[(（][^()（）]{2,30}〔\d{4}〕\d+号[)）]$")
# The asker's own text under a question (问题补充：…, 病情描述：…): part of the question, not its answer.
PICTURE_LINES = ("caption", "image_placeholder")   # a picture and its caption between a headline and its text
_SPENT = re.compile(r"(?i:\b(?:spend|spending|spent|paid|pay|paying|costs?|costing|charged|charges|charging|lost|raised|worth|"
                    r"over|under|than|nearly|almost|up to)\s*[$€£¥]?\s*[\d,.]+\s*[kKmM]?\s*$)|(?:花了|花费|花掉|付了|交了|亏了|骗走|骗了)\S{0,3}[\d,.]+")
NAME_UNITS = 14   # a blog's or an account's name over its date line is no longer than this
_ITEM_LABEL = re.compile(r"^\s*(?:Q\d+|[问問答]\d*)\s*[:：.、]")   # Q1: / 问： opens a Q&A item, not a headline
DECK_UNITS = 80   # a deck under a headline is one sentence, shorter than this
DECK_MARKS_LATIN = 2   # ... with at most one sentence mark, or two commas in English (X, Y and Z, agency says)
_SENTENCE_END = ("。", ".", "！", "!", "；", ";", "…", "，", ",", "、")   # a line ending so is a sentence or a cut one
_CRUMB = re.compile(r"\s[>›»]\s")   # a breadcrumb's separator: a line with it heads no deck
_NOT_DECK = re.compile(r"[?？|｜]")     # a question is a headline, cells are a card: neither is a deck
QUESTION_DETAIL = re.compile(r"^(问题补充|问题描述|病情描述|补充说明|详细描述)\s*[:：]")
_DECISION_NAME = re.compile(r"(决定书|通知书|告知书|判决书|裁定书)$")   # ... with its number on the next line
# An official document's heading (关于某某建议的答复, 关于开展某某工作的通知): a headline by its form.
_OFFICIAL_HEADING = re.compile(r"^(关于|对)\S{2,60}的(答复|复函|通知|公告|通告|意见|批复|决定|报告|办法|规定|通报|说明|函)$")


@dataclass
class TitleChoice:
    index: int | None            # line holding the title (None: from metadata, or no title)
    text: str | None
    how: str                     # hint | field | cite_line | scored | crumb | none (original_field: a 原标题 line, internal)
    fields: dict[str, str] = field(default_factory=dict)  # header-block fields: group -> value
    field_lines: list[int] = field(default_factory=list)  # header-block lines read as metadata
    rejected: dict[int, str] = field(default_factory=dict)  # candidate line -> why it was refused


_BRACKETED = re.compile(r"【([^【】]{6,})】")


def strip_prefix(text: str, rules: Rules) -> str:
    """The headline of a title line: without a "changed title" prefix (原标题：) or a site-name
    suffix (…_某某网), unless nothing would be left, and without the lenticular brackets of a
    post's headline (【…】)."""
    tr = rules.chrome.titles
    text = tr.strip_prefix.sub("", text)
    if tr.strip_suffix is not None:
        text = tr.strip_suffix.sub("", text, count=1) or text
    whole = _BRACKETED.fullmatch(text.strip())
    return clean(whole.group(1) if whole else text)   # 【以案说法｜…】: a post's headline in lenticular brackets


def reject_reason(line: Line, info: LineInfo, rules: Rules) -> str | None:
    """Why a line can never be a headline, or None."""
    tr = rules.chrome.titles
    t = line.text
    if info.chrome:
        return info.chrome
    if line.kind in ("link", "li"):
        return line.kind
    if info.author_list:
        return "author_list"
    if is_menu(t):
        return "menu"
    if QUESTION_DETAIL.match(info.simp):
        return "question_detail"
    if ends_with_price(t) and not _SPENT.search(t):
        return "price"   # an item of a price list (a headline that tells what was spent is none)
    latin_only = info.cjk == 0
    if (latin_only and len(t) > tr.max_latin) or (not latin_only and info.cjk > tr.max_cjk):
        return "too_long"
    if (latin_only and info.words < tr.min_latin_words) or (not latin_only and info.cjk < tr.min_cjk and info.words < tr.min_latin_words):
        return "too_short"
    if "。" in t or (latin_only and t.endswith(".") and info.words > 12):
        return "sentence"
    for r in tr.reject:
        if r.regex.search(info.simp):
            return r.name
    return None


# A blog's category or tag with its count of posts (心情日記 (86), Recipes (12)): in a sidebar list of them.
_COUNTED = re.compile(r"^\S.{0,30}?\s*[(（]\d{1,5}[)）]$")


def counted_entry(i: int, lines: list[Line]) -> str | None:
    """'category_list' when line ``i`` and the line above or below it are each a name and a count."""
    if not _COUNTED.match(lines[i].text):
        return None
    near = (lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines))
    return "category_list" if any(_COUNTED.match(t) for t in near) else None


def _credit(info: LineInfo, rules: Rules) -> bool:
    """A writer's credit that no chrome rule cut (文/某编辑部 咨询/某医师): a headline's byline."""
    return any(r.name == "byline" and r.regex.search(info.simp) for r in rules.chrome.titles.reject)


def _salutation(info: LineInfo, rules: Rules) -> bool:
    """A letter's or reply's salutation (某某代表:, Dear Dr. X,): between its heading and its text."""
    return info.units < 30 and any(r.name == "salutation" and r.regex.search(info.simp) for r in rules.chrome.titles.reject)


def _bigrams(simp: str) -> set[str]:
    han = _NOT_BIGRAM_CJK.sub("", simp)   # the Han characters, in order
    grams = set(map(operator.add, han, han[1:]))   # han[i:i + 2] for each i
    grams.update(_WORD.findall(simp.lower()))
    return grams


def _header_fields(lines: list[Line], rules: Rules, stop: int) -> TitleChoice | None:
    """A header block of ``key: value`` lines with a title key, or a "how to cite" line."""
    fr = rules.chrome.fields
    for i in range(min(stop, len(lines))):
        simp = simplify(lines[i].text[:1000])
        m = fr.start.match(simp)
        # 标题：X followed by a sentence (。) on the same line is a paragraph that starts with a label
        # (原标题：X) in brackets is a repost's note of another headline, not this page's title field
        if m and fr.group_of.get(re.sub(r"\s+", "", m.group("key")).lower()) == "title" and "。" not in simp[m.end():] \
                and not simp.lstrip().startswith(("(", "（")):
            cells = [clean(c) for c in re.split(r"[|｜]", lines[i].text[m.end():]) if clean(c)]
            value = strip_prefix(cells[0], rules) if cells else ""
            if value:
                # 原标题：X names the headline a repost started from: only a fallback (choose_title)
                how = "original_field" if m.group("key").strip().startswith("原") else "field"
                return TitleChoice(i, value, how, field_lines=[i])
        c = rules.chrome.titles.cite_line.search(simp)
        if c:
            value = strip_prefix(clean(lines[i].text[c.start("title"):c.end("title")]), rules)   # …研究[J]
            if _CJK_CHAR.search(value) or not _chinese_header(lines, i):
                return TitleChoice(i, value, "cite_line", field_lines=[i])
            # a Chinese journal's English "Cite this article" line: its title is the translation, the
            # page's own headline above it is the title (scored)
    return None


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _chinese_header(lines: list[Line], stop: int) -> bool:
    """More Chinese characters than Latin letters in the lines above ``stop``."""
    text = "".join(line.text for line in lines[:stop])
    return len(_CJK_CHAR.findall(text)) > sum(ch.isascii() and ch.isalpha() for ch in text)


def _collect_fields(lines: list[Line], infos: list[LineInfo], rules: Rules, stop: int) -> tuple[dict[str, str], list[int]]:
    """Values of the header's field lines (one key per line), by group."""
    fr = rules.chrome.fields
    out: dict[str, str] = {}
    used: list[int] = []
    for i in range(min(stop, len(lines))):
        info = infos[i]
        if len(info.fields) != 1:
            continue
        m = fr.start.match(info.simp)
        if not m:
            continue
        group = fr.group_of.get(re.sub(r"\s+", "", m.group("key")).lower())
        value = clean(lines[i].text[m.end():]).strip("|｜ ")
        if group and group != "other" and value:
            out.setdefault(group, value)
            used.append(i)
    return out, used


def choose_title(lines: list[Line], infos: list[LineInfo], block: tuple[int, int] | None, rules: Rules,
                 hint: str | None = None) -> TitleChoice:
    """The title and where it stands; see the module docstring for the order of trust."""
    n = len(lines)
    start = block[0] if block else n
    head_stop = min(n, max(start + 1, 12), HEADER_SCAN)
    fields, field_lines = _collect_fields(lines, infos, rules, head_stop)
    if hint:
        want = norm(hint)
        for i in range(min(n, max(12, int(n * 0.4)), HINT_SCAN)):
            if same_text(lines[i].text, want):
                return TitleChoice(i, hint, "hint", fields, field_lines)
        return TitleChoice(None, hint, "hint", fields, field_lines)
    found = _header_fields(lines, rules, head_stop)
    original = None
    if found and found.how == "original_field":
        original, found = found, None  # a repost's 原标题：X: its own headline, when it has one, wins
    if found:
        found.fields, found.field_lines = fields, sorted({*field_lines, *found.field_lines})
        return found

    if not block:
        start = min(n, 12)  # no article text to anchor on: only the top of the page is searched
    first = max(0, start - HEADER_SCAN)   # bounded windows: a page of 100,000 menu lines stays linear
    grams = {i: _bigrams(simplify(lines[i].text[:1000])) for i in range(start, min(n, start + 60))}
    body = _Body(grams)
    norms = {j: norm(lines[j].text[:MAX_RULE_LINE]) for j in range(first, min(n, start + HEADER_SCAN))}
    scored: list[tuple[float, int]] = []
    evidence_of: dict[int, set[str]] = {}
    rejected: dict[int, str] = {}
    seen_strong = False
    owner = _owner_words(lines, infos)
    faq = sum(1 for j in range(first, min(n, start + HEADER_SCAN)) if _ASKED.match(lines[j].text[:40])) >= FAQ_QUESTIONS
    for i in range(first, min(n, start + LATE_SCAN)):
        line, info = lines[i], infos[i]
        late = i >= start and seen_strong
        if i >= start and info.strong and not _unended_heading(line, info, rules) \
                and not (i == start and _ASKED.match(line.text[:40])):
            seen_strong = True   # (a labelled question opening the text is a Q&A page's own question)
            continue
        why = reject_reason(line, info, rules) or (_names_owner(line.text, owner) if i < start else None) \
            or ("masthead" if i == 0 and n > 1 and _TAGLINE.search(line.text) and is_menu(lines[1].text) else None) \
            or _over_follow_button(i, lines, infos) or counted_entry(i, lines)
        if why == "notice" and i < start and line.text.lstrip()[:1] in "【[" and i + 1 < n \
                and (infos[i + 1].date_like or infos[i + 1].meta):
            why = None   # a clinic's 【公告】 headline over its date line is the page's own notice, not one inside a text
        if why == "sentence" and info.cjk == 0 and i + 1 < n and _BY_NAME.match(lines[i + 1].text):
            why = None   # an English headline with its deck on one line (X are encouraging. Experts urge patience.) over "By …"
        if why:
            rejected[i] = why
            continue
        score, evidence = _score(i, lines, infos, norms, body, start, rules)
        if "question_label" in evidence and faq:
            score -= QUESTION_LABEL_BONUS   # an FAQ's questions (Q：… / Q：… / Q：…) are its sections, not the page's question
        if late and not ({"repeated", "byline_after"} & evidence or "first_section_after" in evidence):
            rejected[i] = "late_without_evidence"
            continue
        scored.append((score, i))
        evidence_of[i] = evidence
    best = max(scored, key=lambda s: (s[0], -abs(start - s[1])), default=None)
    asked = next(((sc, j) for sc, j in scored if j <= start and "question_label" in evidence_of[j] and sc >= MIN_SCORE), None)
    if asked is not None and best is not None and best[1] > asked[1]:
        best = asked   # a Q&A page's labelled question (問：…？) over the asker's details below it; a headline above it stays
    above = max(((sc, j) for sc, j in scored if j <= start and sc >= MIN_SCORE), default=None)
    if best is not None and above is not None and best[1] > start and _lead_above(lines, infos, start - 1, best[1]) \
            and not _lead_above(lines, infos, above[1], start):
        best = above   # a headline above the text beats a line after text with a date under it (a thread's reply)
    if (best is None or best[0] < MIN_SCORE) and original is not None:
        original.how = "field"
        original.fields, original.field_lines = fields, sorted({*field_lines, *original.field_lines})
        return original
    if best is None or best[0] < MIN_SCORE:
        crumb = _crumb_title(lines, infos, first, start, rejected)
        if crumb is not None:
            return TitleChoice(crumb, lines[crumb].text.strip(), "crumb", fields, field_lines, rejected)
        headline = _crumb_headline(lines, infos, first, start)
        if headline is not None:
            return TitleChoice(None, headline, "crumb", fields, field_lines, rejected)
        return TitleChoice(None, None, "none", fields, field_lines, rejected)
    i = best[1]
    cands = dict((j, sc) for sc, j in scored)
    if infos[i].cjk == 0 and i - 1 in cands and infos[i - 1].cjk >= 5 and block and infos[start].cjk > infos[start].words:
        i -= 1   # a Chinese paper's headline over its English translation: the text is Chinese
    elif infos[i].punct == 0 and infos[i].units < FURNITURE_UNITS and cands.get(i - 1, 0.0) >= MIN_SCORE - 0.5 \
            and infos[i - 1].units >= FURNITURE_UNITS:
        i -= 1   # an account's name between the headline and the date line: the byline's, not a headline
    elif cands.get(i - 1, 0.0) >= MIN_SCORE and infos[i - 1].units >= FURNITURE_UNITS \
            and "repeated" in evidence_of[i - 1]:
        i -= 1   # a headline over its second deck: the page repeats the headline (its <title>)
    elif _english_deck(i, lines, cands, evidence_of):
        i -= 1   # a headline over its much longer deck, both over the byline (State fines clinic … / Regulators say …)
    elif i - 1 in cands and i <= start and _asker_account(lines[i - 1].text, lines[i].text):
        i -= 1   # a Q&A page's question over the asker's own account of it (我爸…，…靠谱吗？)
    if original is not None:  # the repost's 原标题 line stays metadata
        field_lines = sorted({*field_lines, *original.field_lines})
    return TitleChoice(i, strip_prefix(lines[i].text, rules), "scored", fields, field_lines, rejected)


_CRUMB_SEP = re.compile(r"\s*(?:>|›|»|＞|/|>>)\s*")


def _crumb_title(lines: list[Line], infos: list[LineInfo], first: int, start: int, rejected: dict[int, str]) -> int | None:
    """With no headline found: a short line right under the breadcrumb that repeats its last crumb
    (当前位置:首页 > 科室导航 > 血液内科 / 血液内科): the name of a department's or a section's own page."""
    for j in range(first, min(start, len(lines) - 1)):
        if infos[j].rule != "breadcrumb" or rejected.get(j + 1) != "too_short":
            continue
        last = _CRUMB_SEP.split(lines[j].text.strip())[-1]
        if len(last) >= 2 and norm(last) == norm(lines[j + 1].text):
            return j + 1
    return None


CRUMB_HEADLINE_CJK = 10   # a last crumb this long (Han characters) is the page's headline, not a section


def _crumb_headline(lines: list[Line], infos: list[LineInfo], first: int, start: int) -> str | None:
    """With no headline found: the last crumb of a breadcrumb of three or more crumbs when it reads
    as a headline (首頁 > 健康 > 醫療新知 > 中風後遺症幹細胞臨床試驗 招募50名病人): some pages show
    their title only there."""
    for j in range(first, min(start, len(lines))):
        if infos[j].rule != "breadcrumb":
            continue
        crumbs = [c for c in _CRUMB_SEP.split(lines[j].text.strip()) if c]
        last = crumbs[-1] if len(crumbs) >= 3 else ""
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in last)
        if han >= CRUMB_HEADLINE_CJK or (han == 0 and len(last.split()) >= 5):
            return clean(last)
    return None


_LOWER_WORD = re.compile(r"(?<![\w'])[a-z]{3,}\b")


def _english_deck(i: int, lines: list[Line], cands: dict[int, float], evidence_of: dict[int, set[str]]) -> bool:
    """Line ``i``, chosen over the byline, is the deck of the English headline above it: the
    headline is a candidate in sentence case (two lower-case words or more: not a menu, a journal's
    tool row or a blog's name in title case, nor a line opening with digits) that does not end with
    a full stop, and the deck is longer: it ends with a full stop, or it is DECK_RATIO times as long
    with the headline over the byline too."""
    if i - 1 not in cands or "byline_after" not in evidence_of[i]:
        return False
    h, d = lines[i - 1].text.strip(), lines[i].text.strip()
    if not (h.isascii() and d.isascii() and len(d) > len(h) and not h.endswith(".")
            and len(_LOWER_WORD.findall(h)) >= 2 and not any(c.isdigit() for c in h[:4])):
        return False
    return d.endswith(".") or ("byline_after" in evidence_of[i - 1] and cands[i - 1] >= MIN_SCORE
                               and len(d) >= DECK_RATIO * len(h))


# A site's name with its tagline (某某的小窝 —— 一个程序员妈妈的碎碎念), the first line of a page, over its menu.
_TAGLINE = re.compile(r"\S\s*(?:——|—|--)\s*\S")
_ASKS = re.compile(r"[？?]|[吗嗎呢]\s*$")
_FIRST_PERSON = re.compile(r"^\s*(?:我|本人|(?:I|I'm|I've|My)\b)")
_CLAUSE_MARK = re.compile(r"[，,。.；;]")


def _asker_account(question: str, below: str) -> bool:
    """``below`` tells the asker's own story (first person, several clauses, much longer) under
    ``question``, a short question: the question is the page's title, the story its details."""
    q, b = question.strip(), below.strip()
    return bool(_ASKS.search(q)) and len(q) <= 60 and len(b) >= max(40, int(1.5 * len(q))) \
        and bool(_FIRST_PERSON.match(b)) and len(_CLAUSE_MARK.findall(b)) >= 2


def _unended_heading(line: Line, info: LineInfo, rules: Rules) -> bool:
    """A long English headline with commas in it (…low back pain: a randomised, double-blind,
    sham-controlled trial) counts as a strong line, but it ends without a sentence mark."""
    t = line.text.rstrip()
    return info.cjk == 0 and len(t) <= rules.chrome.titles.max_latin and t[-1:] not in ".!?。！？\"”'’)）:;：；…"


def _lead_above(lines: list[Line], infos: list[LineInfo], i: int, start: int) -> bool:
    """Whether a strong paragraph stands strictly between lines ``i`` and ``start`` (a lead above a
    late headline, or text above a reply)."""
    return any(infos[k].strong for k in range(i + 1, start))


_FOLLOW_END = re.compile(r"(关注|订阅|追踪)\s*$")
QUESTION_LABEL_BONUS = 3.0   # a labelled question's score: the question a Q&A page is about ...
FAQ_QUESTIONS = 2            # ... unless this many labelled questions near the top make the page an FAQ
# A Q&A page's labelled question (問：…？, Q: …?), and the answerer's card of level and acceptance rate.
_ASKED = re.compile(r"^\s*(?:问|問|Q|提问|提問|问题|問題|(?i:question))\s*[:：]\s*\S")
_ANSWERER_CARD = re.compile(r"^LV\s?\d{1,2}\s*[|｜·]|采纳率\s*[:：]?\s*\d|回答被采纳")
# A social post's time with nothing but a separator after it (the audience icon's place): 2024年4月2日 ·
_POST_TIME = re.compile(r"^\s*\S.{0,30}?\s*[·•]\s*$")
_FOLLOW_SEGMENT = re.compile(r"(?:^|[·•|｜]\s*)(?:已关注|\+\s*关注|关注)\s*(?:[·•|｜]|$)")   # a segment of a post's meta line


def _follows(info: LineInfo) -> bool:
    """A follow button, alone or closing an account's card (+ 关注)."""
    return info.rule == "follow_button" or (info.rule == "user_card" and bool(_FOLLOW_END.search(info.simp))) \
        or (info.meta and bool(_FOLLOW_SEGMENT.search(info.simp)))   # 2023-12-06 16:20 · 已关注 · 来自广西


def _over_follow_button(i: int, lines: list[Line], infos: list[LineInfo]) -> str | None:
    """"account_name" for a short name over a follow button (小满爱碎碎念 / 关注) or over a
    thread's floor number (某某妈妈 / 1楼): an account's card, a poster's name."""
    info = infos[i]
    if info.punct or info.units >= FURNITURE_UNITS:
        return None
    for k in range(i + 1, min(len(lines), i + 3)):
        nxt = infos[k]
        if nxt.rule == "floor_label" or _follows(nxt) or (k == i + 1 and _ANSWERER_CARD.search(nxt.simp)):
            return "account_name"   # an answerer's name over the card of level and acceptance rate
        if k == i + 1 and nxt.date_like and _POST_TIME.match(lines[k].text):
            return "account_name"   # a page's name over its post's time and audience mark (2024年4月2日 · )
        if not (nxt.date_like or nxt.meta):
            break   # the card's date line may stand between the name and its follow button
    return None


def _owner_words(lines: list[Line], infos: list[LineInfo]) -> set[str]:
    """Words of the copyright lines (© 2024 Some Clinic Limited): the site's owner."""
    out: set[str] = set()
    for line, info in zip(lines, infos, strict=True):
        if info.rule == "copyright":
            out.update(w.lower() for w in line.text.split())
    return out


def _names_owner(text: str, owner: set[str]) -> str | None:
    """"site_name" when most words of a line above the text name the copyright's owner (the logo
    line Some Clinic 某某中心 over © 2024 Some Clinic Limited)."""
    words = text.split()
    if not owner or len(words) < 2:
        return None
    return "site_name" if sum(w.lower() in owner for w in words) >= 0.6 * len(words) else None


class _Body:
    """The bigrams of the lines below the text's start, each line's own left out on demand: what
    ``set().union(*(g for j, g in grams.items() if j != i))`` is, without building it per line."""

    def __init__(self, grams: dict[int, set[str]]) -> None:
        self.grams = grams
        self.counts = Counter(g for gs in grams.values() for g in gs)
        self.filled = sum(1 for gs in grams.values() if gs)

    def shared(self, i: int, mine: set[str]) -> int | None:
        """How many of ``mine`` other lines than ``i`` hold (None: the other lines hold none at all)."""
        own = self.grams.get(i, set())
        if self.filled - (1 if own else 0) == 0:
            return None
        counts = self.counts
        return sum(1 for g in mine if counts[g] - (g in own) > 0)


def _headline_over_deck(i: int, lines: list[Line], infos: list[LineInfo], rules: Rules) -> bool:
    """Line ``i`` ends a sentence and the line above it is a short unpunctuated headline candidate."""
    above = infos[i - 1]
    return above.chrome is None and above.punct <= 1 and not lines[i - 1].text.rstrip().endswith((".", "。")) \
        and 8 <= above.units < infos[i].units and reject_reason(lines[i - 1], above, rules) is None


def _score(i: int, lines: list[Line], infos: list[LineInfo], norms: dict[int, str], body: _Body, start: int,
           rules: Rules) -> tuple[float, set[str]]:
    line, info = lines[i], infos[i]
    n = len(lines)
    ev: set[str] = set()
    score = 0.0
    me = norms.get(i) or norm(line.text)
    for j, other in norms.items():
        if j == i or not me:
            continue
        if other == me:
            ev.add("repeated")
        elif other.startswith(me) and len(other) > len(me):
            first = _SEPARATOR.split(lines[j].text, maxsplit=1)[0]
            if norm(first) == me:
                ev.add("repeated")  # "headline - section - site": the page's <title> scraped as a line
    if "repeated" in ev:
        score += 2.5
    above = lines[i - 1].text.strip() if i > 0 and infos[i - 1].rule == "breadcrumb" and me else ""
    crumb = norm(_CRUMB_SEP.split(above)[-1]) if above else ""
    if (crumb and crumb == me) or (above and not crumb and _CRUMB_SEP.search(above[-2:])):
        # the breadcrumb right above ends in this line (首页 > 储存服务 > 自体储存流程), or ends in a
        # separator that leads into it (首頁 » 健康 » 內分泌 »)
        ev.add("crumb_above")
        score += 2.0
    elif len(crumb) >= 4 and crumb in me:
        ev.add("crumb_in")   # Home / Conditions / Multiple Sclerosis over "Stem Cell Therapy for Multiple Sclerosis in …"
        score += 1.0
    def byline(k: int) -> bool:
        return bool(infos[k].fields or infos[k].author_list or infos[k].date_like or infos[k].rule in BYLINE_RULES or (
            len(lines[k].text) <= rules.byline_max_chars and (rules.byline.search(infos[k].simp) or _credit(infos[k], rules))))

    def furniture(k: int) -> bool:
        """Not yet the text: chrome, a date, authors, or a short line without a sentence mark (a
        poster's name, a flair, an unnamed button row, a menu of short words) between a headline and its text."""
        inf = infos[k]
        return k in decks or bool(inf.chrome or inf.date_like or inf.author_list or (inf.punct == 0 and inf.units < FURNITURE_UNITS)
                    or is_menu(lines[k].text) or _salutation(inf, rules)
                    or over_card(k) or reject_reason(lines[k], inf, rules) in PICTURE_LINES)

    def over_card(k: int) -> bool:
        """An answerer's name right above their card (Dr. Some One / Orthopaedic surgeon, … · Answered …)."""
        return infos[k].units < FURNITURE_UNITS and not infos[k].strong and k + 1 < n and infos[k + 1].rule in ANSWERER_CARDS

    decks: set[int] = set()   # a deck under this headline: furniture of its, not the text
    j = first = i + 1
    if first < n and infos[first].rule == "repost_notice":
        j = first = i + 2   # a platform's repost notice right under the headline: its byline follows
    while j < min(n, first + 3):
        ninfo = infos[j]
        if byline(j):
            ev.add("byline_after")
        elif QUESTION_DETAIL.match(ninfo.simp):
            pass   # the asker's details between the question and its date line
        elif not ninfo.chrome and ninfo.units >= 3:
            # An account's or author's name alone on a line (杏林小贴士) over the date line is
            # part of the byline; any other text line ends the search: the byline is above it.
            # A one-sentence deck between a headline and its byline (a guidance page's summary
            # over From: … / Published …) is the headline's too.
            deck = ninfo.punct <= (DECK_MARKS_LATIN if ninfo.cjk == 0 else 1) and FURNITURE_UNITS <= ninfo.units < DECK_UNITS and info.units >= FURNITURE_UNITS \
                and not ninfo.strong and not _NOT_DECK.search(lines[j].text) and (
                lines[j].text.rstrip().endswith((".", "。"))
                or (ninfo.units >= 0.8 * info.units and not _CRUMB.search(line.text)))
            if j == first and deck and j + 1 == start and not (start < n and byline(j + 1)) \
                    and reject_reason(lines[j], ninfo, rules) is None:   # an organisation under a paper's title is no deck
                decks.add(j)   # a deck right over the text, with no byline: the headline's still
                ev.add("deck_after")
                score += 0.5
                break
            if not (j == first and (name_line(ninfo) or deck) and j + 1 < n
                    and (byline(j + 1) or (name_line(ninfo) and infos[j + 1].rule == "follow_button"))):
                break
            if not name_line(ninfo):
                decks.add(j)
        j += 1
    if "byline_after" in ev:
        # Under a headline the byline is followed by the text; a date between two lines
        # heads the second one more often than it closes the first.
        k = next((k for k in range(j, min(n, j + 6)) if not furniture(k) and not byline(k) and infos[k].units >= 3), None)
        # … or by a section label right above the text (Abstract, 摘要) on a paper's page
        label = k is not None and k == start - 1 and reject_reason(lines[k], infos[k], rules) == "section_label"
        # A headline that starts the densest run: the text resumes at k, after its byline.
        # Unless k reads as a headline itself, right over the text: then this line is a blog's or an
        # account's name over the date, and the headline follows (blog name / date / headline / text).
        headline_below = k is not None and k == start and i < k and k + 1 < n and (infos[k + 1].strong or infos[k + 1].prose) \
            and not infos[k].strong and infos[k].punct <= 2 and FURNITURE_UNITS <= infos[k].units < DECK_UNITS \
            and not lines[k].text.rstrip().endswith((*_SENTENCE_END, ":", "：")) and "repeated" not in ev \
            and info.units <= NAME_UNITS < infos[k].units and not _ITEM_LABEL.match(lines[k].text) \
            and reject_reason(lines[k], infos[k], rules) is None
        score += 2.0 if (k is None or k == start or i == start or label or infos[k].strong or "repeated" in ev) \
            and not headline_below else 0.5
    if i > 0 and (infos[i - 1].date_like or infos[i - 1].author_list or (
            len(lines[i - 1].text) <= rules.byline_max_chars and rules.byline.search(infos[i - 1].simp)
            and infos[i - 1].digits >= 4) or (
            i > 1 and _follows(infos[i - 1]) and (infos[i - 2].date_like or infos[i - 2].meta
                                                  or (infos[i - 2].punct == 0 and 0 < infos[i - 2].units < FURNITURE_UNITS)))):
        # a date line or the authors right above the headline, or an account's card (date or name, + 关注)
        ev.add("byline_above")
        score += 1.0
    nxt_text = None   # the first text line within NEXT_TEXT_LINES lines; an answerer's card is no distance
    plain = 0
    for j in range(i + 1, min(n, i + 1 + NEXT_TEXT_REACH)):
        if not furniture(j) and norms.get(j) != me:
            nxt_text = j
            break
        plain += not (infos[j].rule in ANSWERER_CARDS or over_card(j))
        if plain >= NEXT_TEXT_LINES:
            break
    if nxt_text is not None and (infos[nxt_text].strong or i < start <= nxt_text):
        ev.add("body_after")
        score += 1.5
    elif 0 <= start - i <= 4:
        score += 0.5
    if nxt_text is not None and _FIRST_SECTION.match(infos[nxt_text].simp):
        ev.add("first_section_after")
        score += 0.5
    if line.kind == "heading" and line.level <= 2:
        score += 1.0
    elif line.kind == "bold":
        score += 0.3
    if _QUESTION.search(line.text):
        score += 0.5
        if _ASKED.match(line.text):
            ev.add("question_label")   # 問：…？ on a Q&A page: the question the page is about
            score += QUESTION_LABEL_BONUS
    if _DECISION_HEADING.search(info.simp) or _OFFICIAL_HEADING.match(info.simp) or (
            _DECISION_NAME.search(info.simp) and i + 1 < n
            and reject_reason(lines[i + 1], infos[i + 1], rules) == "document_number"):
        ev.add("decision_heading")
        score += 1.5
    grams = _bigrams(info.simp)
    shared = body.shared(i, grams) if grams else None
    if grams and shared is not None:
        score += 2.0 * shared / len(grams)
        if i == 0 and "body_after" in ev and nxt_text == 1 and shared >= 0.2 * len(grams) and info.punct <= 2 \
                and FURNITURE_UNITS <= info.units < DECK_UNITS and not line.text.rstrip().endswith(_SENTENCE_END):
            ev.add("opens_page")   # the page's first line, no sentence, right over a text that shares its words: its headline
            score += 0.5
    if info.cjk < 8 and info.words < 5:
        score -= 0.5
    if i + 1 < n and (i - 1) >= 0 and (line.text.rstrip().endswith((".", "。")) or i + 1 == start or (
            i + 2 == start and reject_reason(lines[i + 1], infos[i + 1], rules) == "byline"
            and not _NOT_DECK.search(lines[i - 1].text))) \
            and _headline_over_deck(i, lines, infos, rules):
        # a one-sentence deck under a headline (ending a sentence, right over the text, or over the
        # byline that opens the text: 本报记者 某某; then the line above must be no bar of cells): the
        # headline above it is the title
        score -= 1.0
    if i < start - 6:
        score -= 0.1 * (start - 6 - i)
    return score, ev

