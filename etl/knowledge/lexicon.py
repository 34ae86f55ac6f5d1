"""The disease lexicon and the context-trigger lexicon: load, validate, build matchers.

A malformed row fails early with the file, the line and the reason; nothing is skipped
silently. Traditional-Chinese forms of every term are generated with OpenCC, so the
matcher finds 類風濕性關節炎 as well as 类风湿性关节炎 with offsets unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

from etl.errors import RulesError

COLUMNS = ["concept_id", "canonical_name", "english_name", "icd10", "category", "mention_type", "synonyms"]
CATEGORIES = ("neurological", "mental_behavioural", "autoimmune_rheumatic", "metabolic_endocrine", "cardiovascular",
              "liver_digestive", "kidney_urinary", "respiratory", "musculoskeletal", "eye", "skin",
              "reproductive_obstetric", "hematologic", "blood_cancer", "solid_tumour", "aging_related", "infectious",
              "ent_dental", "congenital_genetic", "injury", "general")
MENTION_TYPES = ("disease", "disease_group", "symptom")
# asserted/hedged/negated decide a mention's context; termination ends a trigger's scope; pseudo
# hides a shorter trigger inside it; reported marks a claim made by someone else (宣传, 声称);
# risk marks the mention as an outcome (导致X, 引起X), which a possibility cue (可能) does not
# make a hedged claim; question marks a question (是否, 吗 at a clause end); treatment marks a
# sentence about a treatment, which makes a question in it hedged rather than neutral, unless
# other_question says it asks about something else (安全吗, 为什么); definition asks what
# something is (什么是), which keeps even a named treatment neutral. cell marks a cell treatment
# (干细胞, 脐带血; also a treatment); conventional marks a non-cell treatment (药物, 手术, 肝移植):
# a sentence with one and no cell cue speaks of conventional care, which is neutral. adverse marks
# a side effect (副作用, 不良反应) in the mention's own clause: neutral, unless denied. topic marks a
# topic noun right after the mention (细胞疗法治疗X的作用机制): a named treatment there is a subject, not a claim.
# finding marks a study's quoted finding (研究表明): asserted when the sentence names a treatment.
# cost marks a question about price (干细胞治疗X多少钱?): it takes the treatment as sold, so it
# does not hedge the claim the way 能治X吗 does; presupposed asks why a treatment works (为什么能治X?),
# which takes the claim as given and does not hedge it either.
CONTEXTS = ("asserted", "hedged", "negated", "termination", "pseudo", "reported", "risk", "question", "treatment",
            "other_question", "definition", "cell", "conventional", "adverse", "topic", "finding", "cost", "presupposed")
MAX_TRIGGER_CHARS = 40  # longer phrases are refused: stance looks for triggers in a window this wide
FRAME_GAP = "…"  # 无…风险: the mention stands between the two parts, within one clause
# list: forward over a list that the trigger introduces (适应症为 X, Y, Z), across commas,
# up to the hard scope. inside: a two-part trigger (无…风险) that applies to a mention between
# its parts; a two-part trigger with another direction (无任何…支持) acts as one trigger.
DIRECTIONS = ("forward", "backward", "both", "list", "inside")
_ID = re.compile(r"^[a-z][a-z0-9_]{1,80}$")
_ICD = re.compile(r"^[A-Z]\d{2}(\.\d{1,2})?$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# Lower-cases ASCII letters only, so offsets never move (str.lower can change lengths).
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# WHO ICD-10 chapters by first character and number range.
_CHAPTERS = [
    ("A00", "B99", "I Certain infectious and parasitic diseases"),
    ("C00", "D48", "II Neoplasms"),
    ("D50", "D89", "III Diseases of the blood and immune mechanism"),
    ("E00", "E90", "IV Endocrine, nutritional and metabolic diseases"),
    ("F00", "F99", "V Mental and behavioural disorders"),
    ("G00", "G99", "VI Diseases of the nervous system"),
    ("H00", "H59", "VII Diseases of the eye and adnexa"),
    ("H60", "H95", "VIII Diseases of the ear and mastoid process"),
    ("I00", "I99", "IX Diseases of the circulatory system"),
    ("J00", "J99", "X Diseases of the respiratory system"),
    ("K00", "K93", "XI Diseases of the digestive system"),
    ("L00", "L99", "XII Diseases of the skin and subcutaneous tissue"),
    ("M00", "M99", "XIII Diseases of the musculoskeletal system and connective tissue"),
    ("N00", "N99", "XIV Diseases of the genitourinary system"),
    ("O00", "O99", "XV Pregnancy, childbirth and the puerperium"),
    ("P00", "P96", "XVI Certain conditions originating in the perinatal period"),
    ("Q00", "Q99", "XVII Congenital malformations and chromosomal abnormalities"),
    ("R00", "R99", "XVIII Symptoms, signs and abnormal findings"),
    ("S00", "T98", "XIX Injury, poisoning and other consequences of external causes"),
    ("V01", "Y98", "XX External causes of morbidity and mortality"),
    ("Z00", "Z99", "XXI Factors influencing health status"),
    ("U00", "U99", "XXII Codes for special purposes"),
]


def icd10_chapter(code: str | None) -> str | None:
    if not code:
        return None
    key = code[:3]
    for lo, hi, name in _CHAPTERS:
        if lo <= key <= hi:
            return name
    return None


class Matcher:
    """Multi-pattern matching with character offsets: leftmost-longest, or ``maximal``.

    A DFA over the text with ASCII letters lower-cased (lowered as UTF-8 bytes, which touches
    nothing else, so no offset moves); ahocorasick-rs maps the offsets back to characters in
    Rust. Measured on the benchmark text (benchmarks/bench_matcher.py, CPU time, alternating
    runs): the byte automaton with offsets mapped back in Python matched at 47-55 MB/s, this
    one at 67-77 MB/s; the DFA takes about 0.3 s to build, once per process.
    """

    def __init__(self, keys: list[str], values: list[object], *, maximal: bool = False) -> None:
        # A hyphen matches a space (spinal-cord injury, graft versus host disease): keys and text are
        # folded alike, one character for one, so no offset moves. The first of two keys that fold
        # to one form keeps it.
        folded: dict[str, object] = {}
        for k, v in zip(keys, values, strict=True):
            folded.setdefault(k.replace("-", " "), v)
        keys, values = list(folded), list(folded.values())
        self.values = values
        self.keys = keys
        self.maximal = maximal
        kind = MatchKind.Standard if maximal else MatchKind.LeftmostLongest
        self._ac = AhoCorasick(keys, matchkind=kind, implementation=Implementation.DFA) if keys else None

    def find(self, text: str) -> list[tuple[int, int, object]]:
        """Matches as (start, end, value) in character offsets, sorted by start.

        ``maximal``: every match not inside a longer one, overlaps allowed (干细胞治疗 and
        治疗的疾病主要有 both count), instead of leftmost-longest non-overlapping matches.
        """
        if not text or self._ac is None:
            return []
        low = text.lower() if text.isascii() else text.encode("utf-8").lower().decode("utf-8")
        if "-" in low:
            low = low.replace("-", " ")
        values = self.values
        if self.maximal:
            return self._find_maximal(low)
        return [(s, e, values[i]) for i, s, e in self._ac.find_matches_as_indexes(low)]

    def _find_maximal(self, low: str) -> list[tuple[int, int, object]]:
        assert self._ac is not None
        hits = sorted(self._ac.find_matches_as_indexes(low, overlapping=True), key=lambda h: (h[1], -h[2]))
        out = []
        reach = -1
        for i, s, e in hits:
            if e <= reach:
                continue  # inside a longer match that starts at or before it
            reach = e
            out.append((s, e, self.values[i]))
        return out


@dataclass(frozen=True)
class Concept:
    concept_id: str
    canonical_name: str
    english_name: str | None
    icd10: str | None
    icd10_chapter: str | None
    category: str
    mention_type: str
    synonyms: tuple[str, ...]
    lexicon_file: str


@dataclass(frozen=True)
class Term:
    concept_id: str
    surface: str
    case_sensitive: bool
    ascii_edges: tuple[bool, bool]


@dataclass
class Lexicon:
    concepts: dict[str, Concept]
    matcher: Matcher
    terms: int
    fingerprint: str
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Trigger:
    phrase: str
    context: str
    direction: str
    max_gap: int | None = None  # at most this many characters between trigger and mention
    ascii_edges: tuple[bool, bool] = (False, False)  # English words match whole words only


@dataclass(frozen=True)
class Frame:
    """A two-part trigger: 无…风险 (inside) covers a mention between its parts; 无任何…支持
    (backward) is one trigger spanning both parts."""

    phrase: str
    context: str
    pattern: re.Pattern[str]
    direction: str = "inside"
    max_gap: int | None = None
    head: str = ""  # the two parts, for a cheap test before the regular expression
    tail: str = ""


@dataclass
class TriggerSet:
    matcher: Matcher
    triggers: dict[str, Trigger]
    fingerprint: str
    frames: list[Frame] = field(default_factory=list)
    cells: tuple[str, ...] = ()  # cell-treatment cues, also looked for inside longer triggers (干细胞治疗)


def lexicon_dir() -> Path:
    return Path(str(resources.files("etl.knowledge").joinpath("data", "lexicon")))


def _is_case_sensitive(term: str) -> bool:
    """Upper-case abbreviations (ALS, SLE, T1DM) must match as written."""
    return term.isascii() and any(c.isupper() for c in term) and len(term) <= 8 and " " not in term


# The same medical word as Taiwan, Hong Kong or everyday mainland pages write it, in the Simplified
# shadow the matcher reads: a term holding the first part also matches with the second
# (多囊卵巢综合征 -> 多囊卵巢症候群, 急性髓系白血病 -> 急性骨髓性白血病, 胰腺癌 -> 胰脏癌).
REGIONAL_FORMS = (("综合征", "症候群"), ("综合征", "综合症"), ("免疫缺陷", "免疫缺乏"), ("胰腺", "胰脏"),
                  ("前列腺", "摄护腺"), ("髓系白血病", "骨髓性白血病"), ("淋巴细胞白血病", "淋巴性白血病"),
                  ("淋巴细胞", "淋巴球"), ("白细胞", "白血球"), ("红细胞", "红血球"), ("乙型肝炎", "B型肝炎"),
                  ("丙型肝炎", "C型肝炎"),
                  ("周围神经", "周边神经"))


def _variants(term: str) -> set[str]:
    """Traditional-Chinese and regional forms of a Simplified term; the plural of an English one,
    and its form with a typographic apostrophe (’)."""
    if term.isascii():
        out = _plural(term)
        if "'" in term:   # Parkinson’s disease: pages set the apostrophe as a typographic one
            curly = term.replace("'", "\u2019")
            out |= {curly, *_plural(curly)}
        return out
    out = {term.replace(part, regional) for part, regional in REGIONAL_FORMS if part in term}
    for conv in _converters():
        v = conv.convert(term)
        if v != term and len(v) == len(term):
            out.add(v)
    return out


def _plural(term: str) -> set[str]:
    """The English plural of a term's last word: pages write "blood cancers", "meniscus tears",
    "infections". Abbreviations (ALS), short words and words that already end in s (diabetes,
    arthritis) have none. A plural that is another concept's form never takes it over (the
    variants are added after every listed form)."""
    head, _, last = term.rpartition(" ")
    if len(last) < 4 or not last.isalpha() or not last.islower() or last.endswith("s"):
        return set()
    if last.endswith("y") and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(("x", "z", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return {f"{head} {plural}" if head else plural}


@lru_cache(maxsize=1)
def _converters() -> tuple:
    import opencc

    return tuple(opencc.OpenCC(cfg) for cfg in ("s2t", "s2tw", "s2hk"))


def read_concepts(files: list[Path]) -> list[tuple[Concept, Path, int]]:
    """Parse and validate lexicon rows; raise RulesError(file, line, reason) on the first bad row."""
    out: list[tuple[Concept, Path, int]] = []
    seen_ids: dict[str, str] = {}
    seen_forms: dict[str, tuple[str, str]] = {}
    for path in files:
        rel = f"etl/knowledge/data/lexicon/diseases/{path.name}"
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesError(rel, None, f"cannot read lexicon file: {exc}") from exc
        rows = list(csv.reader(text.splitlines()))
        if not rows or [c.strip() for c in rows[0]] != COLUMNS:
            raise RulesError(rel, 1, f"header must be exactly: {','.join(COLUMNS)}")
        for lineno, row in enumerate(rows[1:], start=2):
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(COLUMNS):
                raise RulesError(rel, lineno, f"expected {len(COLUMNS)} columns, found {len(row)}")
            cid, name, en, icd, cat, mtype, syn = (c.strip() for c in row)
            if not _ID.match(cid):
                raise RulesError(rel, lineno, f"concept_id {cid!r} must be lower-case snake_case ASCII")
            if cid in seen_ids:
                raise RulesError(rel, lineno, f"concept_id {cid!r} already defined in {seen_ids[cid]}")
            if not name or len(name) < 2:
                raise RulesError(rel, lineno, f"canonical_name {name!r} must have at least 2 characters")
            if icd and not _ICD.match(icd):
                raise RulesError(rel, lineno, f"icd10 {icd!r} is not of the form A00 or A00.0")
            if cat not in CATEGORIES:
                raise RulesError(rel, lineno, f"category {cat!r} is not one of {', '.join(CATEGORIES)}")
            if mtype not in MENTION_TYPES:
                raise RulesError(rel, lineno, f"mention_type {mtype!r} is not one of {', '.join(MENTION_TYPES)}")
            synonyms = tuple(s.strip() for s in syn.split("|") if s.strip())
            for form in (name, *synonyms):
                if len(form) < 2:
                    raise RulesError(rel, lineno, f"surface form {form!r} is shorter than 2 characters")
                key = form if _is_case_sensitive(form) else form.translate(ASCII_LOWER)
                if key in seen_forms and seen_forms[key][0] != cid:
                    other_id, where = seen_forms[key]
                    raise RulesError(rel, lineno, f"surface form {form!r} already maps to {other_id} ({where})")
                seen_forms[key] = (cid, f"{rel}:{lineno}")
            seen_ids[cid] = f"{rel}:{lineno}"
            out.append((Concept(cid, name, en or None, icd or None, icd10_chapter(icd or None), cat, mtype,
                                synonyms, rel), path, lineno))
    return out


@lru_cache(maxsize=4)
def load_lexicon(directory: str | None = None) -> Lexicon:
    files = lexicon_files(directory)
    rows = read_concepts(files)
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    keys: dict[str, Term] = {}

    def add(form: str, cid: str) -> None:
        cs = _is_case_sensitive(form)
        key = form if cs else form.translate(ASCII_LOWER)
        if cs:
            key = form.translate(ASCII_LOWER)  # automaton runs on ASCII-lowered text; case checked after
        if key in keys:
            return
        edges = (bool(_ASCII_WORD.match(form[0])), bool(_ASCII_WORD.match(form[-1])))
        keys[key] = Term(cid, form, cs, edges)

    concepts: dict[str, Concept] = {}
    for concept, _path, _line in rows:
        concepts[concept.concept_id] = concept
        for form in (concept.canonical_name, *concept.synonyms):
            add(form, concept.concept_id)
    # Traditional variants after all Simplified forms, so they never steal a form.
    for concept, _path, _line in rows:
        for form in (concept.canonical_name, *concept.synonyms):
            for v in _variants(form):
                add(v, concept.concept_id)
    matcher = Matcher(list(keys), list(keys.values()))
    return Lexicon(concepts, matcher, len(keys), h.hexdigest()[:16], [f.name for f in files])


def concept_keys(concept: Concept) -> set[str]:
    """The matcher keys of a concept's forms, Traditional variants included, as load_lexicon makes them."""
    return {v.translate(ASCII_LOWER) for form in (concept.canonical_name, *concept.synonyms)
            for v in (form, *_variants(form))}


def changed_keys(old: Iterable[Concept], new: Iterable[Concept]) -> set[str]:
    """The matcher keys whose match may differ between two lexicons.

    Every key of a concept added, removed or changed (any field: its forms, names, codes, type or
    file), and every key two concepts share, whose owner follows file and row order. A text in
    which none of these keys occurs gets the same mentions from both lexicons: leftmost-longest
    matching depends only on the keys that occur, and a mention's fields only on its concept.
    """
    old_by = {c.concept_id: c for c in old}
    new_by = {c.concept_id: c for c in new}
    out: set[str] = set()
    owners: dict[str, set[str]] = {}
    for c in (*old_by.values(), *new_by.values()):
        keys = concept_keys(c)
        if old_by.get(c.concept_id) != new_by.get(c.concept_id):
            out |= keys
        for k in keys:
            owners.setdefault(k, set()).add(c.concept_id)
    return out | {k for k, ids in owners.items() if len(ids) > 1}


def triggers_path(path: str | None = None) -> Path:
    return Path(path) if path else lexicon_dir() / "context_triggers.csv"


def lexicon_files(directory: str | None = None) -> list[Path]:
    d = Path(directory) if directory else lexicon_dir() / "diseases"
    files = sorted(d.glob("*.csv"))
    if not files:
        raise RulesError(str(d), None, "no lexicon files (*.csv) found")
    return files


def fingerprint(directory: str | None = None, triggers: str | None = None) -> str:
    """Hash of the lexicon and trigger files, without building the matchers."""
    h = hashlib.sha256()
    for f in [*lexicon_files(directory), triggers_path(triggers)]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def validate(directory: str | None = None, triggers: str | None = None) -> list[Concept]:
    """Check both files row by row (cheap: no OpenCC, no automaton); raise RulesError on the first bad row."""
    _read_triggers(triggers)
    return [c for c, _, _ in read_concepts(lexicon_files(directory))]


FRAME_MAX_GAP = 30
# Characters a frame's gap may not cross: it stays within one clause.
_FRAME_GAP_CHARS = r"[^，,。；;！？!?：:\n]"
_FRAME_GAP_SENTENCE = r"[^。；;！？!?\n]"


@lru_cache(maxsize=4)
def load_triggers(path: str | None = None) -> TriggerSet:
    triggers, text = _read_triggers(path)
    entries: dict[str, Trigger] = {}
    frames: list[Frame] = []
    for key, trig in triggers.items():
        if FRAME_GAP in trig.phrase:
            head, tail = trig.phrase.translate(ASCII_LOWER).split(FRAME_GAP)   # matched on the ASCII-lowered sentence
            # Within one clause by default; a frame given a max_gap may cross commas (对 X、Y，Z 有帮助).
            chars = _FRAME_GAP_CHARS if trig.max_gap is None else _FRAME_GAP_SENTENCE
            gap = f"{chars}{{1,{trig.max_gap or FRAME_MAX_GAP}}}?"
            frames.append(Frame(trig.phrase, trig.context, re.compile(f"{re.escape(head)}({gap}){re.escape(tail)}"),
                                trig.direction, trig.max_gap, head, tail))
        else:
            entries[key] = trig
    for trig in list(entries.values()):
        for v in _variants(trig.phrase):
            entries.setdefault(v.translate(ASCII_LOWER), trig)
    matcher = Matcher(list(entries), list(entries.values()), maximal=True)
    cells = tuple(k for k, t in triggers.items() if t.context == "cell")
    return TriggerSet(matcher, triggers, hashlib.sha256(text.encode()).hexdigest()[:16], frames, cells)


def _read_triggers(path: str | None = None) -> tuple[dict[str, Trigger], str]:
    p = triggers_path(path)
    rel = "etl/knowledge/data/lexicon/context_triggers.csv" if path is None else str(p)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RulesError(rel, None, f"cannot read trigger file: {exc}") from exc
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or [c.strip() for c in header[:4]] != ["trigger", "context", "direction", "max_gap"]:
        raise RulesError(rel, 1, "header must start with trigger,context,direction,max_gap")
    triggers: dict[str, Trigger] = {}
    for lineno, row in enumerate(reader, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < 4:
            raise RulesError(rel, lineno, f"expected at least 4 columns, found {len(row)}")
        phrase, ctx, direction, gap = (c.strip() for c in row[:4])
        if not phrase:
            raise RulesError(rel, lineno, "empty trigger")
        if len(phrase) > MAX_TRIGGER_CHARS:
            raise RulesError(rel, lineno, f"trigger longer than {MAX_TRIGGER_CHARS} characters")
        if gap and not (gap.isdigit() and int(gap) <= 200):
            raise RulesError(rel, lineno, f"max_gap {gap!r} must be empty or a whole number up to 200")
        if FRAME_GAP in phrase:
            head, _, tail = phrase.partition(FRAME_GAP)
            if not head or not tail or FRAME_GAP in tail:
                raise RulesError(rel, lineno, f"a frame trigger needs text on both sides of one {FRAME_GAP}: {phrase!r}")
            if ctx not in ("asserted", "hedged", "negated", "pseudo"):
                raise RulesError(rel, lineno, f"a frame trigger must be asserted, hedged, negated or pseudo: {ctx!r}")
            if direction == "list":
                raise RulesError(rel, lineno, "a frame trigger cannot introduce a list")
        elif direction == "inside":
            raise RulesError(rel, lineno, f"direction inside needs a two-part trigger (with {FRAME_GAP})")
        if ctx not in CONTEXTS:
            raise RulesError(rel, lineno, f"context {ctx!r} is not one of {', '.join(CONTEXTS)}")
        if direction not in DIRECTIONS:
            raise RulesError(rel, lineno, f"direction {direction!r} is not one of {', '.join(DIRECTIONS)}")
        key = phrase.translate(ASCII_LOWER)
        if key in triggers:
            raise RulesError(rel, lineno, f"trigger {phrase!r} is listed twice")
        edges = (bool(_ASCII_WORD.match(phrase[0])), bool(_ASCII_WORD.match(phrase[-1])))
        triggers[key] = Trigger(phrase, ctx, direction, int(gap) if gap else None, edges)
    return triggers, text
