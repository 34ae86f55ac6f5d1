"""Disease mentions: longest-match automaton over a Simplified shadow of the body, then stance.

Matching runs over ``etl.extract.script.shadow`` of the body (Traditional -> Simplified per
character, pinyin debris dropped), so Simplified lexicon forms find Traditional text; every
offset and surface is mapped back to the original ``main_text``.

Stance is ConText/NegEx-style (triggers in etl/knowledge/data/lexicon/context_triggers.csv), decided within
the sentence that holds the mention: a trigger covers the text after it (forward), before it
(backward) or both, never across a termination cue (但, 然而 ...), across more than
MAX_CLAUSES clause breaks, or beyond MAX_SCOPE characters of text (other disease names in a
list do not count, so a long list stays in scope; nothing beyond HARD_SCOPE characters does).
A trigger in the mention's own clause beats one in another clause, except that a negation
always competes (a debunk often follows the claim: "X，目前尚未被证实有效") and so does a hedge
in the next clause (X有效，还处于探索阶段); then negated beats hedged beats asserted, then the
nearest wins. The hard scope counts an English word as 2, so an English list is measured in
words as a Chinese one is in characters.

Then the labelling guideline's neutral cases: conventional (non-cell) care named in a sentence
with no cell cue (二甲双胍能控制X), a side effect in the mention's clause (X是常见的不良反应), a
contraindication (合并X的患者暂不适合, which no list heading overrides),
a definition question (什么是…) or a named treatment as a topic (细胞疗法治疗X的作用机制). A question
about a treatment is hedged, never asserted, and so is a marketing term in scare quotes
(“干细胞逆龄”) or a reported claim beside one. The short lines under a treatment-list heading
(适应症：, 治疗范围：) are asserted like the items of an inline list. Claims made by someone else (宣传, 声称,
so-called) set ``reported``. Lines wrapped in the middle of a sentence are joined before
sentences are split. Pure.
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from etl.extract.lines import CELL_SEPARATORS, cell_separators
from etl.extract.script import Shadow, shadow, simplify
from etl.knowledge.lexicon import ASCII_LOWER, MAX_TRIGGER_CHARS, Lexicon, Term, TriggerSet
from etl.knowledge.money import PRICE

SENTENCE_SPLIT = re.compile(r"[。！？!?；;\n.]")  # a full stop ends an English sentence only as _sentences says
_STOP_AFTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz)]\"'’”")
MAX_SCOPE = 40      # characters of text between trigger and mention (other mentions and spaces not counted)
HARD_SCOPE = 150    # units between trigger and mention, counting everything (a Han character 1, an English word 2)
RAW_SCOPE = 450     # characters between trigger and mention: the window HARD_SCOPE units of English can span
FRAME_SPAN = 210    # longest frame gap (max_gap up to 200) plus its head
MAX_CLAUSES = 2     # clause breaks (，,) a trigger may cross
MAX_SENTENCE = 300  # a stored sentence is cut to a window around its mention
CLAUSE_BREAK = re.compile(r"，|,(?!\d{3})")  # not the comma of 36,000
_CITATION = re.compile(r"\[[0-9,，\-–^ ]{1,20}\]")  # [5,6] is a citation marker, not a clause break
QUESTION_END = frozenset("?？")
QUOTE_OPEN, QUOTE_CLOSE = "“「", "”」"
HEADING_END = ("：", ":")
# Words that say who must not be treated: in a label (EXCLUSION_LABEL) and anywhere in an item (_EXCLUDES).
_EXCLUDE_WORDS = r"不适合|不适用|不宜|禁忌|排除|慎用|contraindicat|not a candidate"
# A line label that names who must not be treated or what can go wrong (不适合人群：X; Risks: X):
# the line is not an item of an asserted list above it.
EXCLUSION_LABEL = re.compile(_EXCLUDE_WORDS + r"|风险|副作用|不良反应|exclusion|not suitable|not eligible|risks?\b|side effects?")
LIST_QUESTION = ("哪些", "which", "what can", "what conditions", "什么病")  # 干细胞能治疗哪些疾病？ above its answer list is a heading too
ITEM_MAX = 40          # a list item under a heading is a short line (in units: a Han character 1, an English word 2)
BARE_HEADING_MAX = 12  # a heading without a colon (适应症) is shorter still and names no disease
HEADING_ITEMS = 60     # item lines one heading reaches
QUOTE_SPAN = 12     # a scare quote holds a term, not a sentence
CLAIM_QUOTE_SPAN = 60   # a quoted claim (“一针根治X、Y”) holds a clause or two
# A denial that the quoted claim is true (没有证据, 不可信, 别信, 谣言, no evidence), not one of something
# else the sentence goes on to deny (机构都没有获得批准, 病情却没有任何改善: the quote is a scare-quoted term).
_DISBELIEF = re.compile(r"证据|依据|证实|证明|数据|可信|信|谣言|站不住|evidence|proof|proven|unsupported|false|myth", re.I)
DISBELIEF_SPAN = 16
# A warning before the claim (警惕宣称可根治X的机构; Be wary of any clinic that promises to cure X)
# tells readers not to believe it: the claim is denied, as a rebuttal after it would.
_WARNING = re.compile(r"警惕|谨防|慎防|提防|当心|小心|(?i:\bbe (?:wary|careful|cautious|suspicious) of\b|\bbeware\b|"
                      r"\bwatch out for\b|\bsteer clear of\b|\bavoid\b|\b(?:caution|warn)(?:ed|s)?(?: \w+){0,2} against\b)")
WARNING_SPAN = 40   # characters from the warning to the claim's trigger
# A denial that excludes patients (合并肝癌的患者暂不适合; 癌症患者、孕妇不建议施打) names a
# contraindication, a risk of the treatment (neutral), when the mention is a comorbidity (合并X, 有X病史)
# or sits in a list beside pregnancy; 该疗法不适合晚期肝硬化患者 still denies the treatment for X.
CONTRAINDICATION = frozenset({"不建议", "不适合", "暂不适合", "不宜", "慎用", "禁用"})
_COMORBID_BEFORE = re.compile(r"(?:合并|伴有|并发|患有|有)$")
_COMORBID_OPENS = re.compile(r"合并|伴有|并发|患有")
_COMORBID_AFTER = re.compile(r"^[^，,。；;]{0,6}?(?:病史|(?<![患学])者)")
_PREGNANCY = re.compile(r"孕妇|孕期|怀孕|哺乳")
# A price next to a mention prices a treatment for it (Knee osteoarthritis: $4,500; 帕金森病综合疗程
# $198,000起; 治疗糖尿病一个疗程3万元): asserted, as the guidelines' "priced for". Read only on a short
# line (a price list) or in a sentence naming a cell treatment: 糖尿病每年造成千亿元支出 is no offer.
PRICE_GAP = 12      # characters between a price and the mention it prices
_SCARE_QUOTE = re.compile(r"[“「][^“”「」]{2,8}[”」]")
QUOTE_NEAR = 20     # a scare quote hedges a reported claim only this near the mention
# A quoted name (微信公众号“某某健康”, a shop or brand) is no scare quote: it hedges no claim.
_QUOTED_NAME_BEFORE = re.compile(r"(公众号|账号|抖音号|视频号|小程序|平台|品牌|商标|名为|名叫|叫做|店|中心|公司)\s*$")
# Reported speech shifts 'can' to 'could': "advertised that its drips could reverse X" reports a claim.
REPORTED_BACKSHIFT = frozenset({"could", "would"})
# "Not yet" (尚未获批, 尚未成为常规治疗) beside a research stage (仍处于临床研究阶段) says the claim is
# unproven, not false: the stage's hedge wins over the denial it would otherwise lose to.
NOT_YET = frozenset({"尚未"})
# A bare 可能 or may hedges a claim only in a sentence about a treatment: 患者可能终身面临截瘫 and
# patients may develop joint pain speak of the disease. Anything that may point at one (研究显示…,
# 它可能…, 治, MSC, 受益, 改善; treat, study, it, improve) keeps the hedge.
MODAL_HEDGES = frozenset({"可能", "有可能", "may", "might"})
_THERAPY_HINT = re.compile(r"[治疗研究试验它其药术针注输植益效]|细胞|改善|缓解|帮助|好转|恢复|修复|(?i:msc|ips|stem|cell|therap|\b(?:treat|inject|infus|trial|stud|research|it|they|these|this|benefit|improv|help|reliev|reduc|slow|result|respon|notice|feel|program|outcome))")
CLAUSE_END = frozenset("，,。；;！？!?：:\n )）」』”\"'")
PRIORITY = {"negated": 3, "hedged": 2, "asserted": 1}
STANCES = ("asserted", "hedged", "negated")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ASCII_WORDS = re.compile(r"[A-Za-z0-9'’-]+")
_SPACES = re.compile(r"\s+")
# A full stop after these is not the end of an English sentence.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "al", "vs", "dr", "mr", "mrs", "ms", "prof", "fig", "no", "st", "approx",
                            "inc", "ltd", "co", "jr", "sr", "ph.d", "u.s", "u.k"})
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ENDS_LINE = frozenset("\n。！？!?；;：:）)」』】”\"'.…")
WRAP_MIN = 16  # a line shorter than this never continues on the next line
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
# A heading that calls the list under it false (下列说法均无科学依据：, 常见虚假宣传话术：, Common myths:).
DEBUNK_HEADING = re.compile(r"虚假宣传|不实宣传|虚假|不实|无科学依据|没有科学依据|缺乏科学依据|均无依据|谣言|误区|骗局|话术|"
                            r"伪科学|(?i:\bmyths?\b|false claims?|misleading claims?)")
# A myth's label opening its line (说法1：“…”, 误区二：…, Myth: …): what follows is the myth, its truth is below.
MYTH_LABEL = re.compile(r"^\W{0,3}(说法|谣言|误区|传言|流言|迷思|错误观念|(?i:myth))\s*[0-9一二三四五六七八九十]{0,3}\s*[:：]")
_LIST_MARKER = re.compile(r"^\s*(?:[0-9０-９]{1,3}[.、．)）]|[（(][0-9一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|[•·\-*#>])")
# A listed claim in quotation marks, after its number if it has one ((一)“干细胞能根治糖尿病”).
QUOTED_ITEM = re.compile(_LIST_MARKER.pattern + r"?\s*[“\"「『]")

# Candidate disease-like terms: a run of Han characters ending in a disease suffix that is
# not the start of a longer word (症状, 病人, 病因, 炎症 ...).
CANDIDATE_SUFFIX = re.compile(
    r"(?:综合征|综合症|衰竭|损伤|病变|缺陷|癌|瘤|病(?![状人因史毒情理灶例程原房床友号假患])"
    r"|症(?![状候])|炎(?![症性热]))")
_HAN = re.compile(r"[\u4e00-\u9fff]{1,10}$")
# Words that cannot start a disease name: the candidate begins after the last of them.
CANDIDATE_STOP = re.compile(
    r"治疗|缓解|减轻|修复|导致|引起|造成|预防|改善|出现|发生|患有|伴有|包括|例如|比如|避免|加重|激发|防止|对抗|"
    r"保护|取代|取样|监测|存在|具有|属于|针对|用于|用来|以及|或者|还是|因为|由于|通过|可以|能够|可能|已经|一些|"
    r"某些|多种|各种|这些|那些|哪些|其他|不同|常见|严重|明显|完全|主要|一种|达到|到达|再生|减少|降低|提高|换来|受到|影响|治愈|"
    r"[的了在是和与及或等对为从把被让使于患得有治抗防该其此这那种如若时后前中将可能会要也都还又即并而且但则就才再已曾正疗愈至促]")
_CANDIDATE_BAD = re.compile(r"^(疾病|病症|病变|炎症|癌症|肿瘤|患病|发病|生病|看病|治病|疾|功能障碍|禁忌症|并发症|适应症|后遗症|临床疾病)$|炎症$")


@dataclass
class Mention:
    mention_no: int
    start_char: int
    end_char: int
    surface: str
    concept_id: str
    canonical_name: str
    icd10: str | None
    mention_type: str
    context: str
    trigger: str | None
    sentence: str
    sentence_start: int
    section_no: int | None = None
    reported: bool = False


@dataclass(frozen=True)
class Stance:
    context: str
    trigger: str | None
    reported: bool = False
    settled: bool = False  # neutral for a reason of its own (a contraindication): a list heading does not override it


def find_terms(lex: Lexicon, text: str) -> list[tuple[int, int, Term]]:
    """Leftmost-longest, non-overlapping matches with ASCII word boundaries and case checks, and
    the abbreviations the text defines for them (:func:`page_abbreviations`)."""
    terms = _lexicon_terms(lex, text)
    defined = page_abbreviations(lex, text, terms)
    if not defined:
        return terms
    taken = [(a, b) for a, b, _ in terms]
    extra = []
    for m in _ABBR_USE.finditer(text):
        term = defined.get(m.group(1))
        if term is None:
            continue
        i = bisect.bisect_right(taken, (m.start(), len(text))) - 1
        if i >= 0 and taken[i][1] > m.start():
            continue   # inside a lexicon match
        if _CAPS_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _CAPS_AFTER.match(text, m.end()):
            continue   # a word of an upper-case heading (WHAT IS ALS), not the abbreviation
        extra.append((m.start(), m.end(), Term(term.concept_id, m.group(0), True, (True, True))))
    return sorted(terms + extra, key=lambda t: t[0])


# An abbreviation written in brackets right after a disease name, alone or after the English name:
# 缺血性脑卒中(IS), spinal cord injury (SCI), 脊髓损伤（spinal cord injury，SCI）. Two capitals at
# least, so (Ia) or (Type) is not one; an English name starts with the abbreviation's letter, so
# pain (VAS) names the scale, not the pain.
_ABBR_DEFINED = re.compile(r"\s?[（(]\s*(?:([A-Za-z][A-Za-z'’ -]{2,60})[,，;；]\s*)?([A-Z][A-Za-z0-9-]{1,7})\s*[)）]")
_ABBR_USE = re.compile(r"(?<![A-Za-z0-9-])([A-Z][A-Za-z0-9-]{1,7}?)s?(?![A-Za-z0-9-])")
_CAPS_BEFORE = re.compile(r"[A-Z]{2,}[ \t]+$")
_CAPS_AFTER = re.compile(r"[ \t]+[A-Z]{2,}\b")


def page_abbreviations(lex: Lexicon, text: str, terms: list[tuple[int, int, Term]]) -> dict[str, Term]:
    """Abbreviation -> the lexicon term it stands for, as the text itself defines it (a review writes
    "缺血性脑卒中(IS)" once, then "IS" throughout). A form the lexicon knows keeps its own meaning."""
    out: dict[str, Term] = {}
    for start, end, term in terms:
        m = _ABBR_DEFINED.match(text, end)
        if m is None:
            continue
        abbr = m.group(2)
        name = m.group(1) or text[start:end]
        if name.isascii() and name[:1].upper() != abbr[0]:
            continue
        if abbr.endswith("s"):
            abbr = abbr[:-1]   # (DFUs): its uses are DFU and DFUs
        if abbr in out or sum(c.isupper() for c in abbr) < 2:
            continue
        known = _lexicon_terms(lex, abbr)
        if known and (known[0][2].concept_id != term.concept_id or known[0][:2] != (0, len(abbr))):
            continue
        out[abbr] = term
    return out


def _lexicon_terms(lex: Lexicon, text: str) -> list[tuple[int, int, Term]]:
    if not text:
        return []
    out = []
    n = len(text)
    for start, end, term in lex.matcher.find(text):
        if term.case_sensitive and text[start:end] != term.surface:
            continue
        if term.ascii_edges[0] and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
            continue
        if term.ascii_edges[1] and end < n and _ASCII_ALNUM.match(text[end]):
            continue
        if text[end - 1] == "干" and text.startswith("细胞", end):
            continue   # 进口干细胞 is imported stem cells, not 口干 (dry mouth)
        out.append((start, end, term))
    return out


def _line_at(text: str, pos: int, forward: bool) -> str:
    """The line ending at ``pos`` (forward=False) or starting at ``pos`` (forward=True)."""
    if forward:
        e = text.find("\n", pos)
        return text[pos:e if e >= 0 else len(text)]
    return text[text.rfind("\n", 0, pos) + 1:pos]


_LABELLED = re.compile(r"[^，,。：:\s]{1,10}[：:]\S")   # a short label and its colon open the line


def is_wrapped(text: str, nl: int) -> bool:
    """True when the line break at ``nl`` falls inside a sentence (a hard-wrapped line).

    Joined: a line ending in a comma-like mark, an English line going on in lower case, or a
    long Chinese line without end punctuation whose length matches the line before it (text
    wrapped at a fixed width). Headings, list items and short lines stay apart.
    """
    j = nl - 1
    while j >= 0 and text[j] in " \t\u3000\r":
        j -= 1
    if j < 0 or text[j] in _ENDS_LINE:
        return False  # most lines end with 。 or a closing bracket: decided without reading them
    prev = _line_at(text, nl, False).rstrip()
    nxt = _line_at(text, nl + 1, True).strip()
    if not prev or not nxt or _LIST_MARKER.match(nxt) or _LABELLED.match(nxt):
        return False   # an item or a labelled line (骨关节：X、Y) starts a line of its own
    last = prev[-1]
    if last in "，、,":
        return len(prev.strip()) >= 4
    if last.isascii() and last.isalpha() and nxt[0].isascii() and nxt[0].islower():
        return len(prev) >= 30
    if not (_HAN_CHAR.match(last) and _HAN_CHAR.match(nxt[0]) and len(prev.strip()) >= WRAP_MIN):
        return False
    start = nl - len(_line_at(text, nl, False))
    if start <= 0:
        return False
    before = _line_at(text, start - 1, False).rstrip()
    return abs(len(before.strip()) - len(prev.strip())) <= 2 and before[-1:] not in "。！？!?；;:："


def wrap_breaks(text: str) -> list[tuple[int, int]]:
    """Spans of the line breaks (with the spaces around them) inside wrapped Chinese sentences.

    The shadow leaves them out, so a term or trigger split by the wrap (糖尿\\n病) still matches;
    an English wrap keeps its break, which then only stops being a sentence end.
    """
    out = []
    pos = text.find("\n")
    while pos >= 0:
        if is_wrapped(text, pos):
            a = pos
            while a > 0 and text[a - 1] in " \t\u3000":
                a -= 1
            b = pos + 1
            while b < len(text) and text[b] in " \t\u3000":
                b += 1
            if a > 0 and b < len(text) and not (text[a - 1].isascii() and text[b].isascii()):
                out.append((a, b))
        pos = text.find("\n", pos + 1)
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in SENTENCE_SPLIT.finditer(text):
        ch = m.group()
        if ch == "\n" and m.start() > 0 and text[m.start() - 1] not in _ENDS_LINE and is_wrapped(text, m.start()):
            continue
        if ch == ".":
            p = m.start()
            if p == 0 or text[p - 1] not in _STOP_AFTER or (p + 1 < len(text) and not text[p + 1].isspace()):
                continue  # 3.5, e.g.x, a URL: not the end of a sentence
            w = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
            if w and (w.group(1).lower() in _ABBREVIATIONS or len(w.group(1)) == 1):
                continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class _Hits:
    scoped: list[tuple[int, int, str, str, str, int | None]]  # start, end, context, direction, phrase, max_gap
    terms: list[int]       # termination positions
    frames: list[tuple[int, int, str, str]]  # gap start, gap end, context, phrase (sorted)
    question: str | None  # the cue that makes the sentence a question
    treatment: bool
    other_question: bool
    definition: bool         # 什么是: a question asking for a definition
    cells: list[int]         # positions of cell-treatment cues (干细胞, 脐带血), in reading order
    conventional: bool       # a non-cell treatment is named (药物, 手术)
    quotes: bool             # the sentence holds an opening quotation mark
    starts: list[int]        # of scoped, for windows
    frame_starts: list[int]  # of frames
    undoubted: bool = False  # a question about price (多少钱) or why it works (为什么能): not a doubt about the treatment


def _edges_ok(sentence: str, start: int, end: int, edges: tuple[bool, bool]) -> bool:
    if edges[0] and start > 0 and _ASCII_ALNUM.match(sentence[start - 1]):
        return False
    return not (edges[1] and end < len(sentence) and _ASCII_ALNUM.match(sentence[end]))


def _triggers_in(ts: TriggerSet, sentence: str) -> _Hits:
    hits, terms = [], []
    question: str | None = None
    treatment = other_question = definition = conventional = cost = presupposed = False
    cells: list[int] = []
    priced: list[tuple[int, int]] = []
    longer: dict[int, int] = {}
    for start, end, trig in ts.matcher.find(sentence):
        if not _edges_ok(sentence, start, end, trig.ascii_edges):
            continue
        longer[start] = end
        ctx = trig.context
        if ctx == "termination":
            terms.append(start)
        elif ctx == "question":
            # A one-character particle (吗, 呢) asks only at the end of a clause.
            if end - start > 1 or end == len(sentence) or sentence[end] in CLAUSE_END:
                question = question or sentence[start:end]
        elif ctx in ("treatment", "cell"):
            treatment = True
        elif ctx in ("other_question", "definition"):
            other_question = True
            definition = definition or ctx == "definition"
        elif ctx == "conventional":
            conventional = True
        elif ctx == "cost":
            cost = True
            priced.append((start, end))
        elif ctx == "presupposed":
            presupposed = True
        elif ctx != "pseudo":
            hits.append((start, end, ctx, trig.direction, sentence[start:end], trig.max_gap))
    if ts.cells:  # looked up apart: 干细胞 inside the longer trigger 干细胞治疗 still names a cell treatment
        low = sentence.translate(ASCII_LOWER)
        for phrase in ts.cells:
            at = low.find(phrase)
            while at >= 0:
                cells.append(at)
                at = low.find(phrase, at + 1)
        cells.sort()   # in reading order, for windows (bisect)
    treatment = treatment or bool(cells)
    frames = []
    folded = sentence.translate(ASCII_LOWER) if ts.frames else sentence   # frames are lower case (No…detected)
    for fr in ts.frames:
        if fr.head not in folded or fr.tail not in folded:
            continue
        for m in fr.pattern.finditer(folded):
            if longer.get(m.start(), 0) > m.start(1):
                continue  # the head is part of a longer trigger (无法 is not 无…)
            if fr.context == "pseudo":
                continue
            if fr.direction == "inside":
                frames.append((m.start(1), m.end(1), fr.context, fr.phrase))
            else:  # the whole match is one trigger (无任何…数据支持); its own span limits the gap
                hits.append((m.start(), m.end(), fr.context, fr.direction, sentence[m.start():m.end()], None))
    if PRICE.search(sentence) and (treatment or _units(sentence) <= ITEM_MAX):
        for m in PRICE.finditer(sentence):   # priced for the disease: a line of a price list, or beside a treatment
            hits.append((m.start(), m.end(), "price", "both", m.group(), PRICE_GAP))
    if cost or presupposed:
        question = None  # 干细胞治疗X多少钱? / 为什么能治X? takes the treatment as sold or working, not doubted
        if treatment:  # X干细胞治疗多少钱: priced for the disease, as a price beside it is
            hits.extend((a, b, "price", "both", sentence[a:b], PRICE_GAP) for a, b in priced)
    frames.sort()
    hits.sort()
    return _Hits(hits, terms, frames, question, treatment, other_question, definition, cells, conventional,
                 any(q in sentence for q in QUOTE_OPEN), [h[0] for h in hits], [f[0] for f in frames], undoubted=cost or presupposed)


@dataclass(frozen=True)
class _Distances:
    """Prefix sums over a sentence, so the distance between any two points costs O(1).

    ``text``: characters that count as distance (other mentions, spaces and citation markers
    such as [5,6] do not; an English word counts 2). ``clauses``: clause breaks (，,) outside
    citation markers. ``span``: the same with other mentions counted, for the hard scope, so a
    list of English names is measured in words, as a Chinese one is in characters.
    """

    text: array
    clauses: array
    span: array

    def units(self, a: int, b: int) -> int:
        return self.span[b] - self.span[a] if b > a else 0

    def gap(self, a: int, b: int) -> int:
        return self.text[b] - self.text[a] if b > a else 0

    def breaks(self, a: int, b: int) -> int:
        return self.clauses[b] - self.clauses[a] if b > a else 0


def _distances(sentence: str, others: list[tuple[int, int]]) -> _Distances:
    n = len(sentence)
    weight = bytearray(b"\x01") * n
    brk = bytearray(n)
    ends, starts = {b for _, b in others}, {a for a, _ in others}
    for m in CLAUSE_BREAK.finditer(sentence):
        if not _list_comma(sentence, m.start(), m.end(), ends, starts):
            brk[m.start()] = 1
    for m in _ASCII_WORDS.finditer(sentence):
        weight[m.start():m.end()] = b"\x02" + bytes(m.end() - m.start() - 1)
    for m in _SPACES.finditer(sentence):
        weight[m.start():m.end()] = bytes(m.end() - m.start())
    for m in _CITATION.finditer(sentence):
        weight[m.start():m.end()] = bytes(m.end() - m.start())
        brk[m.start():m.end()] = bytes(m.end() - m.start())
    span = array("i", accumulate(weight, initial=0))
    for a, b in others:
        weight[a:b] = bytes(b - a)
    for (_, b), (a, _) in itertools.pairwise(sorted(others)):
        if 0 < a - b <= MAX_JOIN and _LIST_SEP.fullmatch(sentence, b, a):
            weight[b:a] = bytes(a - b)   # X、Y、Z: a list counts as one name, its separators too
    return _Distances(array("i", accumulate(weight, initial=0)), array("i", accumulate(brk, initial=0)), span)


_LIST_SEP = re.compile(r"\s*(?:[、，,/]|[、，,]?\s*(?:以及|和|及|与|或|and|or|as well as))\s*")   # between two names of a list
MAX_JOIN = 12


_LIST_JOIN = re.compile(r"\s*(?:(?:and|or|as well as)\s+|以及|和|及|或)?")


def _list_comma(sentence: str, a: int, b: int, ends: set[int], starts: set[int]) -> bool:
    """A comma and a space between two disease names (treats multiple sclerosis, autism, COPD and
    ...) join a list; they do not break a clause."""
    left = a
    while left > 0 and sentence[left - 1].isspace():  # no slice: a long line has many commas
        left -= 1
    if left not in ends or not sentence[b:b + 1].isspace():
        return False  # 严重肢体缺血(Critical limb ischemia,CLI): a name and its abbreviation, not a list
    m = _LIST_JOIN.match(sentence, b)
    return m is not None and m.end() in starts


def classify(ts: TriggerSet, sentence: str, m_start: int, m_end: int,
             cache: dict | None = None, key: object = None) -> tuple[str, str | None]:
    """Context and trigger of the span [m_start, m_end) of ``sentence`` (offsets relative to it)."""
    st = stance(ts, simplify(sentence), m_start, m_end, cache=cache, key=key)
    return st.context, st.trigger


def stance(ts: TriggerSet, sentence: str, m_start: int, m_end: int, *, others: list[tuple[int, int]] | None = None,
           terminator: str = "", cache: dict | None = None, key: object = None) -> Stance:
    """Stance of the span [m_start, m_end) of a Simplified ``sentence``.

    ``others``: spans of the sentence's other mentions (a list of diseases is not distance).
    ``terminator``: the character that ended the sentence (? makes it a question).
    ``cache``/``key``: trigger hits and distances of the current sentence, keyed by its span
    (hashing the text of a long sentence again for each of its mentions made a 10 MB line take
    40 s); only one sentence is kept, so a 50 MB text does not hold arrays for all of them.
    """
    k = key if key is not None else sentence
    if cache is None:
        cache = {}
    if cache.get("_key") != k:  # only the current sentence is kept: memory stays bounded
        cache["_key"], cache["_hits"], cache["_dists"] = k, _triggers_in(ts, sentence), None
    found: _Hits = cache["_hits"]

    def distances() -> _Distances:
        if cache["_dists"] is None:  # built once per sentence, and only when a trigger is near
            cache["_dists"] = _distances(sentence, others or [])
        return cache["_dists"]

    best: tuple[int, int, int, str, str, int | None] | None = None
    stage: tuple[int, int, int, str, str, int | None, int, int] | None = None   # a research-stage hedge that judges
    reported = risk = adverse = topic = False
    risk_at: list[int] = []   # where risk and side-effect cues start
    # Only triggers within RAW_SCOPE characters can apply: a window keeps a long sentence linear.
    lo = bisect.bisect_left(found.starts, m_start - RAW_SCOPE - MAX_TRIGGER_CHARS)
    hi = bisect.bisect_right(found.starts, m_end + RAW_SCOPE)
    for t_start, t_end, ctx, direction, text, max_gap in found.scoped[lo:hi]:
        if t_end <= m_start and direction in ("forward", "both", "list"):
            a, b = t_end, m_start
        elif t_start >= m_end and direction in ("backward", "both"):
            a, b = m_end, t_start
        else:
            continue
        if b - a > RAW_SCOPE:
            continue
        if a == m_end and ctx == "hedged" and _OTHERS.search(sentence, a, b):
            continue  # 治疗X、Y，其他大多还在研究中: the hedge is about the others
        i = bisect.bisect_left(found.terms, a)
        if i < len(found.terms) and found.terms[i] < b:
            continue  # a termination cue (但, 然而) between them
        dists = distances()
        if dists.units(a, b) > HARD_SCOPE:
            continue
        clauses = dists.breaks(a, b)
        dist = dists.gap(a, b)
        if direction != "list" and (clauses > MAX_CLAUSES or dist > (MAX_SCOPE if max_gap is None else max_gap)):
            continue
        if ctx == "price":
            if clauses:
                continue  # only a price in the mention's own clause (…等事件，违规者最高可罚2000万元 is a fine)
            ctx = "asserted"
        if ctx == "asserted" and a == m_end and (neg := _NEGATOR.search(sentence, a, b)) is not None \
                and not _EXCLUDED_GROUP.search(sentence, a, neg.start()):
            # X目前无法用干细胞治愈; X的患者，干细胞并不能使肾功能恢复: the outcome after the mention is denied
            ctx, text = "negated", neg.group(0)
        if ctx == "reported":
            reported = reported or a == t_end  # a claim reported before it is made
            continue
        if ctx == "risk":
            risk = True
            risk_at.append(t_start)
            continue
        if ctx == "finding":  # 研究显示…: the finding of a study about a treatment is a claim, epidemiology is not
            if not found.treatment:
                continue
            ctx = "asserted"
        if ctx == "adverse":
            risk_at.append(t_start)
        if ctx in ("adverse", "topic"):
            # A side effect in the mention's clause, or a list of them after the cue with no other
            # cue between (Possible side effects include fever, headache and fatigue).
            adverse = adverse or (ctx == "adverse" and (clauses == 0 or (a == t_end and _bare_gap(found, a, b)
                                                                          and _listed(sentence, others or [], a, b))))
            topic = topic or ctx == "topic"
            continue
        # A denial, or a hedge in the clause after the claim (…，还处于探索阶段), judges the whole claim;
        # a hedge further on is weighed by its distance like any other cue.
        judges = ctx == "negated" or (ctx == "hedged" and clauses <= 1)
        level = 0 if judges or direction == "list" else clauses
        cand = (level, -PRIORITY[ctx], dist, ctx, text, max_gap, a, b)
        if best is None or cand[:3] < best[:3]:
            best = cand
        if judges and ctx == "hedged" and "阶段" in text and (stage is None or dist < stage[2]):
            stage = cand
    if best is not None and best[3] == "negated" and best[4] in NOT_YET and stage is not None:
        best = stage   # 仍处于临床研究阶段，尚未获批: not yet proven, still studied
    f_lo = bisect.bisect_left(found.frame_starts, m_start - FRAME_SPAN)
    f_hi = bisect.bisect_right(found.frame_starts, m_start)
    for g_start, g_end, ctx, text in found.frames[f_lo:f_hi]:
        if g_start <= m_start and m_end <= g_end:
            cand = (0, -PRIORITY[ctx], 0, ctx, text, None, m_start, m_start)
            if best is None or cand[:3] < best[:3]:
                best = cand
    question = found.question or (terminator if terminator in QUESTION_END and not found.undoubted else None)
    quoted = _scare_quoted(sentence, m_start, m_end, found.cells) if found.quotes else None
    if best is None and not question:
        topic = (_topic_comment(sentence, m_start, m_end, found) if found.cells else None) \
            or _heading_comment(sentence, m_start, m_end, found, others or [])
        if topic is not None:
            return Stance("asserted", topic, reported)   # 对于X，干细胞可刺激… / 2. X：干细胞可以…: the comment on the topic claims it
        outcome = None if risk or adverse else _outcome_after_treatment(sentence, m_start, m_end, found)
        if outcome is not None:
            return Stance("asserted", outcome, reported)   # X患者回输后就能停药 / 打完后手抖轻了: a result told as a fact
    if best is None:
        if quoted:
            return Stance("hedged", quoted, reported)  # “干细胞逆龄”: a marketing term held at a distance
        if question and found.treatment and not found.other_question:
            return Stance("hedged", question, reported)
        return Stance("neutral", None, reported)
    ctx, trig = best[3], best[4]
    if ctx == "hedged" and reported and trig in REPORTED_BACKSHIFT:
        ctx = "asserted"  # advertised that its drips could reverse X: 'can', reported (a rebuttal still negates it)
    if ctx == "negated" and ((trig in CONTRAINDICATION and (_comorbidity(sentence, m_start, m_end, others or [])
                                                            or _under_label(sentence, m_start, trig)))
                             or _excluded(sentence, m_start, m_end, trig, best[6], best[7])):
        return Stance("neutral", None, reported, settled=True)  # 合并X的患者暂不适合: who should not be treated
    if ctx == "negated" and any(best[6] <= at < best[7] and sentence[best[6]:at].strip() for at in risk_at):
        # 未经批准的疗法可能导致X / unapproved injections can cause X: the denial is of the treatment,
        # and X is what it may cause (a risk), not a claim denied; 不会导致X (the cue right after the
        # denial) denies the risk itself and stays negated
        return Stance("neutral", None, reported, settled=True)
    if ctx == "hedged" and trig.lower() in MODAL_HEDGES and not found.treatment and not _THERAPY_HINT.search(sentence):
        return Stance("neutral", None, reported)
    if ctx == "negated":
        return Stance(ctx, trig, reported)  # absence stays negated even beside conventional care (几乎没有X)
    if ctx == "asserted" and reported:
        rebuttal = _rebuttal_after(found, m_end)
        if rebuttal is not None:  # 宣传能治X、Y，同样没有可靠证据: a claim reported, then rebutted in the sentence
            return Stance("negated", rebuttal, reported)
    claim_at = _trigger_before(sentence, trig, best[6], m_start) if ctx == "asserted" else None
    if claim_at is not None and _quoted_trigger(sentence, claim_at, claim_at + len(trig)):
        return Stance("hedged", trig, reported)  # can "cure" X / 可「根治」X: the claim's verb held at a distance
    if claim_at is not None and (warning := _warned(sentence, claim_at)) is not None \
            and _claim_quote_end(sentence, m_start, m_end) is None:
        return Stance("negated", warning, reported)
    if ctx == "asserted" and (close := _claim_quote_end(sentence, m_start, m_end)) is not None:
        rebuttal = _rebuttal_after(found, close, sentence, _DISBELIEF)
        if rebuttal is not None:  # 网上流传的“脐带血可以治疗X”，目前没有证据支持: a quoted claim, rebutted after the quote
            return Stance("negated", rebuttal, reported)
    if found.conventional and not found.cells:
        return Stance("neutral", None, reported)  # 二甲双胍能控制X: conventional care, not a cell treatment
    if ((risk or adverse) and ctx == "hedged") or (adverse and ctx == "asserted"):
        return Stance("neutral", None, reported)  # 可能导致X, X是常见的不良反应: a side effect, not a claim
    if (question and found.definition) or (topic and ctx == "asserted" and best[5] is not None):
        return Stance("neutral", None, reported)  # 什么是细胞治疗X? / 细胞疗法治疗X的作用机制: a subject, not a claim
    if ctx == "asserted" and (question or quoted or (reported and _marketing_quote(sentence, m_start, m_end))):
        return Stance("hedged", trig, reported)  # asked, or a claim someone else makes in scare quotes
    return Stance(ctx, trig, reported)


# A topic phrase and its comment: 对于X、Y，干细胞可以… / For COPD, stem cells reduce … The comment, the
# clause after the topic's comma, speaks of a cell treatment with one of these verbs and no cue of its own.
_TOPIC = re.compile(r"(?:对于|针对|对|(?<![a-z])for)\s*$", re.I)
_COMMENT_VERB = re.compile(r"可以|能够|可|能|有助|有效|改善|修复|促进|缓解|提升|帮助|具有|刺激|"
                           r"(?i:\b(?:can|helps?|reduces?|improves?|repairs?|restores?|relieves?|promotes?)\b)")
TOPIC_SPAN = 40   # characters from the topic marker to its comma


def _topic_comment(sentence: str, m_start: int, m_end: int, found: _Hits) -> str | None:
    """The topic marker when the mention stands in a topic phrase (对于X、Y，) whose comment claims
    a cell treatment works: the comment holds a cell cue and an ability verb, and no trigger."""
    head = sentence[max(0, m_start - TOPIC_SPAN):m_start]
    cut = max(head.rfind(c) for c in "，,。；;：:\n")
    phrase = head[cut + 1:]
    marker = re.match(r"\s*(对于|针对|对|(?i:for))(?![a-z])", phrase)
    if marker is None:
        return None
    if not re.fullmatch(r"\s*(?:对于|针对|对|(?i:for))[^，,。；;：:\n]*", phrase):
        return None
    comma = next((i for i in range(m_end, min(len(sentence), m_end + TOPIC_SPAN)) if sentence[i] in "，,"), None)
    if comma is None or any(sentence[i] in "。；;：:\n" for i in range(m_end, comma)):
        return None
    end = next((i for i in range(comma + 1, len(sentence)) if sentence[i] in "，,。；;！？!?\n"), len(sentence))
    if any(comma < h[0] < end and h[2] != "asserted" for h in found.scoped):
        return None   # a hedge, a denial or a risk in the comment decides, not the topic
    if not any(comma < c < end for c in found.cells):
        return None
    return marker.group(1) if _COMMENT_VERB.search(sentence, comma + 1, end) else None


# An item's heading and its comment: 2. 糖尿病：干细胞可以分化成胰岛细胞… / Diabetes: stem cells can …
# The disease (or a list of them) opens the sentence after an item number and ends at a colon; the
# comment speaks of a cell treatment with an ability verb, or of repair or relief itself.
_ITEM_START = re.compile(r"\s*(?:\d{1,2}\s*[.．、)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*\d{1,2}\s*[)）]|[•·・▪■●◆▶►-])?\s*")
_LIST_GLUE = re.compile(r"[\s、，,/和及与或]*|\s*(?:and|or)\s*", re.I)
# A denial between a mention and the outcome claimed after it (X目前无法用干细胞治愈). 能不能 asks, and
# 患者不能… excludes patients (a contraindication, _EXCLUDED_GROUP): neither denies the outcome.
_NEGATOR = re.compile(r"(?<![能可])(?:无法|不能|不可能|未能|没法|没能)")
_OTHERS = re.compile(r"[，,；;]\s*(?:其他|其它|其余|别的|(?i:others?\b|the rest\b))")
_HEADING_EXTRA = re.compile(r"(?:及其|及|和)?(?:并发症|相关疾病|等疾病|疾病|等)")   # 三、糖尿病及并发症
_REPAIR_VERB = re.compile(r"改善|修复|缓解|恢复|逆转|再生|治愈|根治|(?i:\b(?:improves?|repairs?|restores?|reverses?|regenerates?|relieves?)\b)")
HEADING_SPAN = 30   # characters from the mention to the colon that ends its heading
HEADING_HEAD = 60   # characters before the mention at most: an item's number and the diseases listed with it


def _heading_comment(sentence: str, m_start: int, m_end: int, found: _Hits, others: list[tuple[int, int]]) -> str | None:
    """The comment's verb when the mention heads an item (2. X：…, X、Y：…) whose comment claims a
    cell treatment works (a cell cue and an ability verb, or a repair verb) and holds no cue of its own.

    A heading opens its sentence: a mention further in than HEADING_HEAD characters returns at once,
    and only the other mentions near the heading are looked at (``others`` is in reading order),
    so a sentence of thousands of mentions stays linear."""
    if m_start > HEADING_HEAD:
        return None
    colon = next((i for i in range(m_end, min(len(sentence), m_end + HEADING_SPAN)) if sentence[i] in "：:"), None)
    if colon is None:
        return None
    end = next((i for i in range(colon + 1, len(sentence)) if sentence[i] in "。；;！？!?\n"), len(sentence))
    clause = next((i for i in range(colon + 1, end) if sentence[i] in "，,"), end)
    near = others[:bisect.bisect_left(others, (clause,))]   # the mentions that start before the comment's clause ends

    def bare(a: int, b: int) -> str:   # the text between a and b without the other mentions in it
        out, at = [], a
        for s, e in near:
            if s < b and e > a:
                out.append(sentence[at:max(a, s)])
                at = max(at, min(b, e))
        return "".join(out) + sentence[at:b]
    head = bare(0, m_start)
    if not _LIST_GLUE.fullmatch(head, _ITEM_START.match(head).end()):   # only an item number and other diseases before it
        return None
    between = re.sub(r"[(（][^()（）]{1,12}[)）]", "", bare(m_end, colon))   # 慢阻肺(COPD)：
    if not _LIST_GLUE.fullmatch(between):
        return None
    for h in found.scoped[bisect.bisect_right(found.starts, colon):]:
        if h[0] >= end:
            break
        if h[2] != "asserted":
            return None   # a hedge, a denial or a risk in the comment decides

    def verb(rx: re.Pattern[str]) -> str | None:   # not a word inside a disease's name (再生障碍性贫血)
        return next((v.group(0) for v in rx.finditer(sentence, colon + 1, clause)
                     if not any(s <= v.start() < e for s, e in near)), None)
    k = bisect.bisect_right(found.cells, colon)
    if k < len(found.cells) and found.cells[k] < end and (
            (said := verb(_COMMENT_VERB)) is not None or (said := verb(_DELIVERY)) is not None):
        return said   # …: the comment says the cells work, or names how they are given (・糖尿病：静脉点滴自体干细胞)
    return verb(_REPAIR_VERB)


# How a cell treatment is given, named in an item's comment after its disease: the item offers it.
_DELIVERY = re.compile(r"注射|输注|点滴|回输|移植|疗程|(?i:\b(?:injections?|infusions?|IV)\b)")


LABEL_REACH = 12   # characters from a contraindication cue to the colon of the label it is in
# Who a denial excludes rather than what it denies: the list of patients ends before the cue
# (…、有恶性肿瘤病史者，暂不建议注射; 若正在接受X治疗、或患有Y，则不适合…), or the cue refuses to take
# patients with the condition (We do not accept patients with active cancer).
_EXCLUDED_GROUP = re.compile(r"(?:者|患者|病史|的人|人群|的孩子)\s*[,，]?\s*(?:则|均|都|暂|也|一律)?\s*$")
_IF_THEN = re.compile(r"[,，]\s*(?:则|就|便)\s*$")
_IF_OPENS = re.compile(r"若|如果|如有|假如|凡是|凡")
_REFUSES_PATIENTS = re.compile(r"^\s*(?i:(?:accept|treat|enrol+|admit|take)\s+(?:patients|people|anyone|children|adults)\s+"
                               r"(?:with|who have|who has)\b)")


def _excluded(sentence: str, m_start: int, m_end: int, trig: str, a: int, b: int) -> bool:
    """The denial ``trig`` (``a``-``b``: the gap from the mention to it, or from it to the mention)
    names who must not be treated: a contraindication, not a denial that it works (…患者疗效有限
    still denies it)."""
    if a == m_end and b > a and trig in CONTRAINDICATION:   # the cue follows the mention
        gap = sentence[a:b]
        return bool(_EXCLUDED_GROUP.search(gap)) or (
            bool(_IF_THEN.search(gap)) and _opens_clause(_IF_OPENS, sentence, m_start))
    if b == m_start and b > a:   # the cue precedes it
        return bool(_REFUSES_PATIENTS.match(sentence[a:b]))
    return False


def _under_label(sentence: str, m_start: int, trig: str) -> bool:
    """The mention stands after a label that names the contraindication (暂不适合治疗的情况：X、Y):
    a list of who must not be treated, not a denial that the treatment works for X."""
    colon = max(sentence.rfind("：", 0, m_start), sentence.rfind(":", 0, m_start))
    if colon <= 0:
        return False
    at = sentence.rfind(trig, 0, colon)
    return at >= 0 and colon - (at + len(trig)) <= LABEL_REACH


def _marketing_quote(sentence: str, m_start: int, m_end: int) -> bool:
    """A scare-quoted term (“干细胞逆龄”) within QUOTE_NEAR characters of the mention, other than a
    quoted name (公众号“某某”): a product's name further off in the sentence hedges no claim."""
    return any(not _QUOTED_NAME_BEFORE.search(sentence, max(0, q.start() - 4), q.start())
               for q in _SCARE_QUOTE.finditer(sentence, max(0, m_start - QUOTE_NEAR), m_end + QUOTE_NEAR))


def _comorbidity(sentence: str, m_start: int, m_end: int, others: list[tuple[int, int]]) -> bool:
    """The mention names a condition a patient has besides (合并X, 有X病史, X者) or sits in an
    exclusion list with pregnancy (癌症患者、孕妇不建议施打)."""
    if _PREGNANCY.search(sentence) or _COMORBID_BEFORE.search(sentence, max(0, m_start - 2), m_start):
        return True
    if _opens_clause(_COMORBID_OPENS, sentence, m_start):  # 若合并X、Y急性发作，都不适合: a list after 合并
        return True
    after = sentence[m_end:m_end + 40]
    for a, b in sorted(others, reverse=True):  # another mention of the list is not distance
        if m_end <= a < m_end + 40:
            after = after[:a - m_end] + after[b - m_end:]
    return bool(_COMORBID_AFTER.match(after))


_ALSO_HAS = re.compile(r"合并|同时伴有|同时患有")
# An item that opens with a denial is an exclusion criterion (No active cancer or uncontrolled infection;
# 无严重心脏病; 3. 排除X者) even under an eligibility heading: what the patient must not have is no claim.
_EXCLUSION_ITEM = re.compile(r"\s*(?:(?:[-–•·▪■●◆*]|[0-9]{1,2}\s*[.、．)）])\s*)?(?:(?i:no|not|without)\b|无|没有|不伴有|排除)")


# Words that exclude a patient anywhere in an item (Patients with active cancer are not eligible;
# 排除活躍性感染及腫瘤): a risk or a side effect named in an item does not (面临截肢风险的X患者).
_EXCLUDES = re.compile(_EXCLUDE_WORDS + r"|exclu|not (?:be )?(?:suitable|eligible)")


def _also_has(sentence: str, m_start: int) -> bool:
    """The mention, in its clause, is a condition the patient has besides the one treated (4. 合并X、Y等
    慢性病; 同时伴有X、Y的孩子): an item of an indication list that names it is no claim for it."""
    return _opens_clause(_ALSO_HAS, sentence, m_start)


CLAUSE_REACH = 20   # characters back from a mention to look for what opens its clause


def _opens_clause(rx: re.Pattern[str], sentence: str, m_start: int) -> bool:
    """``rx`` occurs between the start of the mention's clause (after the last comma, semicolon or
    colon) and the mention, within CLAUSE_REACH characters."""
    lo = max(0, m_start - CLAUSE_REACH)
    clause = max(sentence.rfind(c, lo, m_start) for c in "，,；;：:")
    return rx.search(sentence, max(clause + 1, lo), m_start) is not None


def _rebuttal_after(found: _Hits, m_end: int, sentence: str = "", about: re.Pattern[str] | None = None) -> str | None:
    """A denial after the mention in the same sentence (within RAW_SCOPE characters), if any: the
    guidelines' "a claim quoted without rebuttal in the same sentence is asserted" read the other
    way round. ``about``: only a denial whose words (from its start, DISBELIEF_SPAN characters of
    ``sentence``) say the claim is not to be believed."""
    i = bisect.bisect_left(found.starts, m_end)
    for t_start, _t_end, ctx, _direction, text, _gap in found.scoped[i:]:
        if t_start - m_end > RAW_SCOPE:
            break
        if ctx == "negated" and (about is None or about.search(sentence, t_start, t_start + DISBELIEF_SPAN)):
            return text
    return None


def _trigger_before(sentence: str, trigger: str, gap_start: int, m_start: int) -> int | None:
    """Where the claim's trigger starts when it stands before the mention (its gap starts after
    it); None for a trigger after the mention (X疗效显著)."""
    t_start = sentence.rfind(trigger, 0, gap_start)
    return None if t_start < 0 or gap_start > m_start else t_start


def _quoted_trigger(sentence: str, t_start: int, t_end: int) -> bool:
    """True when the claim's trigger stands alone in quotation marks."""
    return t_start > 0 and sentence[t_start - 1] in QUOTE_OPEN + '"' and t_end < len(sentence) \
        and sentence[t_end] in QUOTE_CLOSE + '"'


# A result told after a treatment (testimonials, clinics' statistics, what a salesperson says):
# 回输后/注射后/打完/做完 … 就能停药/可以自己走路/不痛了/明显减轻. A cell treatment named in the
# sentence, or the cue itself being one (回输, 输注); no other cue decided the mention, and no risk
# or side effect is in reach (回输后出现发热，一般1-2天消退 tells of a side effect).
_AFTER_TREATMENT = re.compile(r"(?:回输|输注|注射|移植|治疗|疗程|干细胞)(?:[^。；;！？]{0,10}?(?:个月|周|天|年|次|针)(?:之)?后|(?:之)?(?:后|完|以后))|(?:打|做)完")
_OWN_AFTER = re.compile(r"回输|输注")
_OUTCOME = re.compile(r"(?:就|都|也|即|便|还|已)?(?:能|可以)(?:自己|独立|扶着|正常|停|开口|说话|走路|下床|上下楼|下楼|摆脱|扔掉|认人)"
                      r"|摆脱|停药|停用|不痛了|不疼了|减轻|轻了|好转|改善|没了|下降|降低|恢复|变淡|长回来|明显(?:好|提高|减少)|减少")
OUTCOME_SPAN = 40   # characters from the mention to the treatment cue, and from it to the result


def _outcome_after_treatment(sentence: str, m_start: int, m_end: int, found: _Hits) -> str | None:
    """The treatment cue of a result told after it (回输后…就能停药) within OUTCOME_SPAN of the mention."""
    lo = max(0, m_start - OUTCOME_SPAN)
    for a in _AFTER_TREATMENT.finditer(sentence, lo, min(len(sentence), m_end + OUTCOME_SPAN)):
        if not (found.cells or _OWN_AFTER.search(a.group(0))):
            continue
        end = max(a.end(), m_end)
        o = _OUTCOME.search(sentence, end, min(len(sentence), end + OUTCOME_SPAN))
        if o is not None:
            return a.group(0)
    return None


def _warned(sentence: str, t_start: int) -> str | None:
    """The warning (警惕, be wary of) in the clause of a claim's trigger (at ``t_start``, before the
    mention): who is warned against is the one making the claim."""
    for w in _WARNING.finditer(sentence, max(0, t_start - WARNING_SPAN), t_start):
        if not any(c in "，,；;：:" for c in sentence[w.end():t_start]):
            return w.group(0)
    return None


def _claim_quote_end(sentence: str, m_start: int, m_end: int) -> int | None:
    """Where the quotation holding the mention closes (“三次回输治愈X”, "reverse X"), when the
    mention sits in one of at most CLAIM_QUOTE_SPAN characters: the words of someone else, which a
    denial after the quotation rebuts."""
    lo = max(0, m_start - CLAIM_QUOTE_SPAN)
    op = max(sentence.rfind(q, lo, m_start) for q in QUOTE_OPEN)
    if op >= 0 and not any(q in sentence[op + 1:m_start] for q in QUOTE_CLOSE):
        ends = [e for e in (sentence.find(q, m_end, op + CLAIM_QUOTE_SPAN + 1) for q in QUOTE_CLOSE) if e >= 0]
        return min(ends) + 1 if ends else None
    if sentence.count('"', lo, m_start) % 2 == 1:   # straight quotes: inside when an odd number open in reach
        op = sentence.rfind('"', lo, m_start)
        cl = sentence.find('"', m_end, op + CLAIM_QUOTE_SPAN + 1)
        if cl >= 0:
            return cl + 1
    return None


def _bare_gap(found: _Hits, a: int, b: int) -> bool:
    """No trigger starts between ``a`` and ``b``."""
    return bisect.bisect_left(found.starts, a) == bisect.bisect_left(found.starts, b)


def _listed(sentence: str, others: list[tuple[int, int]], a: int, b: int) -> bool:
    """Every clause between ``a`` and ``b`` names a mention: a list (fever, headache and ...),
    not a new clause (副作用少，对于X具有较好的疗效)."""
    left = a
    for m in CLAUSE_BREAK.finditer(sentence, a, b):
        if not any(left <= x < m.start() for x, _ in others):
            return False
        left = m.end()
    return True


def _scare_quoted(sentence: str, m_start: int, m_end: int, cells: list[int]) -> str | None:
    """The short quotation (“干细胞逆龄”) around the mention that also names a cell treatment, if any."""
    op = max(sentence.rfind(q, max(0, m_start - QUOTE_SPAN), m_start) for q in QUOTE_OPEN)
    if op < 0 or any(q in sentence[op + 1:m_start] for q in QUOTE_CLOSE):
        return None
    ends = [e for e in (sentence.find(q, m_end, m_end + QUOTE_SPAN) for q in QUOTE_CLOSE) if e >= 0]
    if not ends:
        return None
    cl = min(ends)
    if cl - op - 1 > QUOTE_SPAN or not any(op < c < cl for c in cells):
        return None
    return sentence[op:cl + 1]


def _window(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Span of the sentence (stripped), or of a MAX_SENTENCE window around [a, b) when it is longer."""
    if len(sentence) <= MAX_SENTENCE:
        lead = len(sentence) - len(sentence.lstrip())
        return lead, lead + len(sentence.strip())
    half = max(0, (MAX_SENTENCE - (b - a)) // 2)
    lo = max(0, a - half)
    hi = min(len(sentence), max(b, lo + MAX_SENTENCE))
    return lo, hi


def _units(line: str) -> int:
    """Length as the scopes measure it: a Han character 1, an English word 2, spaces nothing
    (Conditions We Treat is 6, as short as 可治疗的疾病)."""
    return len(_SPACES.sub("", _ASCII_WORDS.sub("··", line)))


class _Headings:
    """List headings: a line ending in a colon (可治疗的疾病：, Conditions we treat:) or asking for
    the list (能治疗哪些疾病？) whose end an asserted trigger reaches, or a bare short line naming a list (适应症), above a run of short lines. Each item line
    with no stance of its own is asserted, as the items of an inline list (适应症为X、Y) are. Only
    asserted headings: a hedge above a list is most often a list of risks (可能出现的风险：).
    """

    def __init__(self, ts: TriggerSet, text: str, sentences: list[tuple[int, int]]) -> None:
        self.ts, self.text, self.sentences = ts, text, sentences
        self._over: dict[int, Stance | None] = {}  # item lines only
        self._items: dict[int, bool] = {}
        self._below: dict[int, Stance | None] = {}   # comment_below, per sentence

    def _line(self, k: int) -> tuple[str, bool, bool]:
        """The sentence stripped, whether it starts a line and whether it ends one."""
        a, b = self.sentences[k]
        prev_end = self.sentences[k - 1][1] if k > 0 else 0
        next_start = self.sentences[k + 1][0] if k + 1 < len(self.sentences) else len(self.text)
        return (self.text[a:b].strip(), k == 0 or "\n" in self.text[prev_end:a],
                next_start >= len(self.text) or "\n" in self.text[b:next_start])

    def _item(self, k: int) -> bool:
        """A short line, or the short first sentence of a numbered paragraph (1、糖尿病。干细胞可以…)."""
        if k not in self._items:  # asked once per sentence, not per mention (a long line holds thousands)
            a, b = self.sentences[k]
            line, starts, ends = self._line(k) if b - a <= 4 * ITEM_MAX else ("", False, False)
            # A numbered label with a colon in it heads its own paragraph ((2) 禁忌证：X): not an item.
            label = not ends and _LIST_MARKER.match(line) is not None and not any(c in line for c in HEADING_END)
            self._items[k] = (starts and (ends or label) and 0 < _units(line) <= ITEM_MAX
                              and not line.endswith(HEADING_END))
        return self._items[k]

    def _own_label(self, k: int) -> bool:
        """A line under its own label that names what is not claimed (不适合人群：X、Y; 禁忌症：X): the
        label, not the asserted heading above, says what the line is. A category label (骨关节：X、Y)
        stays an item of the list."""
        a, b = self.sentences[k]
        cut = min((i for i in (self.text.find(c, a, b) for c in HEADING_END) if i >= 0), default=-1)
        if cut < 0 or not self.text[cut + 1:b].strip():
            return False
        return EXCLUSION_LABEL.search(self.text[a:cut].translate(ASCII_LOWER)) is not None

    def _excluding(self, k: int) -> bool:
        """Line ``k`` is a short heading of who is not treated or what can go wrong (不适合的人, 禁忌症)."""
        line = self._line(k)[0]
        return _units(line) <= BARE_HEADING_MAX and EXCLUSION_LABEL.search(line.translate(ASCII_LOWER)) is not None

    def _asks(self, k: int) -> bool:
        """Sentence ``k`` is a question that ends its line."""
        b = self.sentences[k][1]
        return self.text[b:b + 1] in QUESTION_END and self._line(k)[2]

    def _line_start(self, k: int) -> int:
        """The first sentence of the line sentence ``k`` is on."""
        while k > 0 and not self._line(k)[1]:
            k -= 1
        return k

    def _heading(self, k: int, by_sentence: dict[int, list[tuple[int, int]]]) -> Stance | None:
        line, starts, ends = self._line(k)
        b = self.sentences[k][1]
        asks = self.text[b:b + 1] in ("？", "?") and any(w in line.lower() for w in LIST_QUESTION)
        colon = line.endswith(HEADING_END) or asks
        bare = starts and k not in by_sentence and not colon
        if not ends or not (colon or (bare and _units(line) <= ITEM_MAX)):
            return None
        a = self.sentences[k][0]
        lead = self.text[a:self.sentences[k][1]]
        lead = lead[:len(lead.rstrip().rstrip("".join(HEADING_END)).rstrip())]
        others = [(x - a, y - a) for x, y in by_sentence.get(k, []) if y - a <= len(lead)]
        if bare and _units(line) > BARE_HEADING_MAX:
            if any(c in line for c in CELL_SEPARATORS):
                return None   # a table's header claims its own rows (_Tables), not the lines below the table
            # A longer bare heading heads a list only when it names one, anywhere in it (Conditions
            # We Treat with Regenerative Cell Therapy); a hedge or a denial in it wins.
            hits = _triggers_in(self.ts, lead).scoped
            listing = next((h for h in hits if h[2] == "asserted" and h[3] == "list"), None)
            if listing is None or any(h[2] in ("negated", "hedged", "risk", "adverse") for h in hits):
                return None
            return Stance("asserted", listing[4])
        # the cue must be in the heading's last clause: 为防止虚假宣传，现将备案项目公布如下： lists no false claims
        debunk = DEBUNK_HEADING.search(re.split(r"[，,。；;]", lead)[-1]) if colon else None
        if debunk is not None:
            return Stance("negated", debunk.group())  # 下列说法均无科学依据： over the claims it lists
        st = stance(self.ts, lead, len(lead), len(lead), others=others)
        if st.context != "asserted":
            return None  # 可能的风险： above its items is no claim
        if not colon:  # a bare line must name a list (适应症), not a topic (干细胞治疗 over 一、糖尿病)
            trig = self.ts.triggers.get((st.trigger or "").translate(ASCII_LOWER))
            return st if trig is not None and trig.direction == "list" else None
        return st

    def comment_below(self, k: int, by_sentence: dict[int, list[tuple[int, int]]]) -> Stance | None:
        """A numbered heading that only names diseases (一、神经系统疾病; 三、糖尿病及并发症), over a
        paragraph whose first clause says a cell treatment works on them (干细胞可以分化为神经细胞，修复…)
        and which holds no cue but asserted ones: the heading is claimed, as 2. X：干细胞可以… is."""
        if k in self._below:   # once per sentence, not per mention (a long line holds thousands)
            return self._below[k]
        a, b = self.sentences[k]
        self._below[k] = None if k + 1 >= len(self.sentences) or b - a > 4 * ITEM_MAX else self._comment_below(k, by_sentence)
        return self._below[k]

    def _comment_below(self, k: int, by_sentence: dict[int, list[tuple[int, int]]]) -> Stance | None:
        line, starts, ends = self._line(k)
        if not (starts and ends) or _LIST_MARKER.match(line) is None or _units(line) > ITEM_MAX:
            return None
        a, b = self.sentences[k]
        rest, at = [], a
        for x, y in by_sentence.get(k, []):
            rest.append(self.text[at:x])
            at = max(at, y)
        rest.append(self.text[at:b])
        left = "".join(rest).strip()
        left = _HEADING_EXTRA.sub("", left[_ITEM_START.match(left).end():])
        if not _LIST_GLUE.fullmatch(left):
            return None   # the heading says more than the diseases (一、糖尿病的病因)
        nxt = self.text[self.sentences[k + 1][0]:self.sentences[k + 1][1]]
        found = _triggers_in(self.ts, nxt)
        if not found.cells or any(h[2] not in ("asserted", "cell", "finding") for h in found.scoped):
            return None
        clause = next((i for i, c in enumerate(nxt) if c in "，,"), len(nxt))
        if found.cells[0] >= clause:
            return None   # the treatment is not what the paragraph opens on
        said = _COMMENT_VERB.search(nxt, found.cells[0], clause) or _REPAIR_VERB.search(nxt, 0, len(nxt))
        return Stance("asserted", said.group(0)) if said is not None else None

    def over(self, k: int, by_sentence: dict[int, list[tuple[int, int]]]) -> Stance | None:
        """The stance of the asserted heading above item line ``k``, if it is one."""
        if k in self._over:
            return self._over[k]
        if not self._item(k) or self._own_label(k):
            return None
        run, j, found, intro = [k], k - 1, None, False
        while j >= 0 and len(run) <= HEADING_ITEMS:
            if j in self._over:  # the item line above, already resolved: one walk per run of items
                found = self._over[j]  # a list whose items were under a heading: an explanation within it
                break
            found = self._heading(j, by_sentence)
            if found is not None or intro:
                break  # above an introduction, only a heading
            if self._asks(j):
                break  # a question (有没有副作用？) heads its own answer, not an item of the list above
            if self._excluding(j):
                break  # 不适合的人 / Not suitable for: the lines under it are its own list, not the asserted one's
            if self._item(j):
                run.append(j)
                j -= 1
                continue
            first = self._line_start(j)
            if first < j and self._item(first):  # the rest of a numbered paragraph: its label is the item
                run.append(first)
            else:  # one paragraph may introduce the list: Conditions We Treat / <intro> / <items>
                intro = True
            j = first - 1
        for i in run:
            self._over[i] = found
        return found


# A table's header that prices what its rows name (价格, 费用, Price): each row is priced for its disease.
_PRICE_HEADER = re.compile(r"价格|费用|收费|价钱|价位|(?i:\b(?:price|cost|fee)s?\b)")


def _list_trigger(ts: TriggerSet, trigger: str | None) -> bool:
    trig = ts.triggers.get((trigger or "").translate(ASCII_LOWER))
    return trig is not None and trig.direction == "list"


class _Tables:
    """Tables in the text: runs of two or more lines with the same number of cell separators (at
    least two). A row under a header that claims its rows (适用人群, 适应症, Conditions treated) or
    prices them (价格, 费用, Price), or a row with a price in it, asserts the conditions it names
    when nothing in the row's own cell says otherwise; a header that names a hedged list (拟定适应症)
    hedges them."""

    def __init__(self, ts: TriggerSet, text: str) -> None:
        self.spans: list[tuple[int, int, Stance | None]] = []   # a row's span and its table's claim
        rows, a = [], 0
        for line in text.split("\n"):
            rows.append((a, a + len(line)))
            a += len(line) + 1
        cells = [cell_separators(text[a:b]) for a, b in rows]
        i = 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and cells[i] >= 2 and cells[j + 1] == cells[i]:
                j += 1
            if j > i:
                a, b = rows[i]
                header = simplify(text[a:b])   # the text as written: its Simplified form for the cues
                claim = None
                st = stance(ts, header, len(header), len(header))
                if st.context == "asserted" or (st.context == "hedged" and _list_trigger(ts, st.trigger)):
                    claim = st   # 适应症 claims its rows; 拟定适应症 (a trial's proposed indication) hedges them
                elif _PRICE_HEADER.search(header):
                    claim = Stance("asserted", _PRICE_HEADER.search(header).group())
                for k in range(i + 1, j + 1):
                    ra, rb = rows[k]
                    row_price = PRICE.search(text, ra, rb)
                    self.spans.append((ra, rb, claim or (Stance("asserted", row_price.group()) if row_price else None)))
            i = j + 1
        self.starts = [a for a, _, _ in self.spans]

    def over(self, pos: int) -> Stance | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and pos < self.spans[k][1]:
            return self.spans[k][2]
        return None


def matching_shadow(body: str) -> Shadow:
    """The text lexicon terms are matched in: the Simplified shadow of ``body`` with pinyin notes
    and hard line-wrap breaks taken out (offsets map back to ``body``). Anything that must know
    which terms a text holds (etl/load/restage.py, after a lexicon edit) scans this, not ``body``."""
    return shadow(body, wrap_breaks(body))


def find_mentions(lex: Lexicon, ts: TriggerSet, main_text: str, body_end: int,
                  section_starts: list[int] | None = None) -> list[Mention]:
    body = main_text[:body_end]
    sh: Shadow = matching_shadow(body)
    text = sh.text
    terms = find_terms(lex, text)
    if not terms:
        return []
    sentences = _sentences(text)
    s_starts = [s for s, _ in sentences]
    cache: dict = {}
    headings = _Headings(ts, text, sentences)
    excluded: dict[int, bool] = {}

    def excludes(k: int, sentence: str) -> bool:   # once per sentence: a long one holds thousands of mentions
        if k not in excluded:
            excluded[k] = _EXCLUDES.search(sentence.translate(ASCII_LOWER)) is not None
        return excluded[k]
    # On the text as written: the matching shadow joins wrapped lines, and a table's rows with them.
    tables = _Tables(ts, body) if any(c in body for c in CELL_SEPARATORS) else None
    out: list[Mention] = []
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    term_sentence = []
    for start, end, _term in terms:
        k = bisect.bisect_right(s_starts, start) - 1
        term_sentence.append(k)
        by_sentence.setdefault(k, []).append((start, end))
    for (start, end, term), k in zip(terms, term_sentence, strict=True):
        s_start, s_end = sentences[k] if k >= 0 else (0, len(text))
        sentence = text[s_start:s_end] if cache.get("_span") != (s_start, s_end) else cache["_text"]
        cache["_span"], cache["_text"] = (s_start, s_end), sentence
        if cache.get("_others_k") != k:
            cache["_others_k"] = k
            cache["_others"] = [(a - s_start, b - s_start) for a, b in by_sentence.get(k, [])]
        others = cache["_others"]  # all the sentence's mentions; a gap never contains the mention itself
        st = stance(ts, sentence, start - s_start, end - s_start, others=others,
                    terminator=text[s_end] if s_end < len(text) else "", cache=cache, key=(s_start, s_end))
        if (st.context == "neutral" and not st.settled and k >= 0 and not _also_has(sentence, start - s_start)
                and not _EXCLUSION_ITEM.match(sentence) and not excludes(k, sentence)):
            # An item of a list under 适应症： takes the heading's stance; a neutral decided by a cue
            # (a contraindication) stays, and so does a condition the patient has besides (合并X) or
            # must not have (No active cancer), and an item that says who is excluded or what can go
            # wrong (Patients with active cancer are not eligible).
            st = headings.over(k, by_sentence) or headings.comment_below(k, by_sentence) or st
        elif st.context != "negated" and k >= 0 and QUOTED_ITEM.match(sentence):
            # a quoted claim listed under a heading that debunks its list (虚假宣传话术：(一)“干细胞能根治X”)
            h = headings.over(k, by_sentence)
            st = h if h is not None and h.context == "negated" else st
        myth = MYTH_LABEL.match(sentence) if st.context != "negated" and k >= 0 else None
        if myth is not None and start - s_start >= myth.end():
            st = Stance("negated", myth.group(1), st.reported)   # 说法1：“打一针干细胞，X就能根治” over its 真相
        o_start, o_end = sh.span(start, end)
        if st.context == "neutral" and not st.settled and tables is not None:
            st = tables.over(o_start) or st   # a row of a table that claims or prices its rows
        c = lex.concepts[term.concept_id]
        section_no = None
        if section_starts:
            section_no = max(0, bisect.bisect_right(section_starts, o_start) - 1)
        w_lo, w_hi = _window(sentence, start - s_start, end - s_start)
        shown_start, shown_end = sh.span(s_start + w_lo, s_start + w_hi)
        shown = main_text[shown_start:shown_end]
        out.append(Mention(len(out), o_start, o_end, main_text[o_start:o_end], c.concept_id, c.canonical_name, c.icd10,
                           c.mention_type, st.context, st.trigger, shown, shown_start, section_no, st.reported))
    return out


def find_candidates(main_text: str, body_end: int, mentions: list[Mention]) -> dict[str, tuple[int, str]]:
    """Disease-like terms not covered by a lexicon mention: term -> (count, example sentence)."""
    body = main_text[:body_end]
    covered = [(m.start_char, m.end_char) for m in mentions]
    starts = [s for s, _ in covered]
    found: Counter[str] = Counter()
    examples: dict[str, str] = {}
    sentences = _sentences(body)
    s_starts = [a for a, _ in sentences]
    last_end = 0
    for sm in CANDIDATE_SUFFIX.finditer(body):
        # The Han characters before the suffix (at most 10, not reaching into the previous candidate).
        lead = _HAN.search(body, max(last_end, sm.start() - 10), sm.start())
        if lead is None:
            continue
        last_end = sm.end()
        term = body[lead.start():sm.end()]
        m = lead
        offset = 0
        for stop in CANDIDATE_STOP.finditer(term, 0, len(term) - 1):
            offset = stop.end()
        term = term[offset:]
        s, e = m.start() + offset, sm.end()
        if len(term) < 3 or _CANDIDATE_BAD.search(term):
            continue
        k = bisect.bisect_right(starts, e - 1) - 1
        if k >= 0 and covered[k][1] > s:
            continue  # overlaps a known mention
        found[term] += 1
        if term not in examples:
            k = bisect.bisect_right(s_starts, s) - 1
            a, z = sentences[k] if k >= 0 else (0, len(body))
            lo, hi = _window(body[a:z], s - a, e - a)
            examples[term] = body[a:z][lo:hi]
    return {t: (n, examples[t]) for t, n in found.items()}
