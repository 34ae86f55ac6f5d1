"""Load and validate the annotation knowledge: the vocabulary sections and the cue files.

Files (under etl/knowledge/data/):
  vocabulary.yaml         claim_classes, red_flag_bases, citation_kinds, study_designs, evidence_levels
  rules/claims.yaml       wording cues, reported-speech cues, citation markers
  rules/red_flags.yaml    statute-mapped advertising red flags
  rules/credibility.yaml  JAMA / HONcode / DISCERN cues
  rules/evidence.yaml     trial registries, citation kinds, study designs

Everything is checked when loaded: a bad regex, an unknown id or a missing field raises
:class:`RulesError` naming the file, the line and the entry, so a curator's typo never
silently switches a rule off.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.errors import RulesError
from etl.knowledge.scan import GroupFilter, accelerate
from etl.knowledge.yamlfile import read_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY = DATA_DIR / "vocabulary.yaml"
RULES_DIR = DATA_DIR / "rules"
ANNOTATION_SECTIONS = ("claim_classes", "red_flag_bases", "citation_kinds", "study_designs", "evidence_levels")
STANCES = ("asserted", "hedged", "negated", "neutral")
SCOPES = ("article", "chrome", "both")
GUARDS = ("negation", "report", "question")
CITATION_FIELDS = ("raw", "url", "container", "title", "doi", "pmid", "style")
CRITERIA = ("attribution", "disclosure", "currency", "hon_disclaimer", "hon_contact", "hon_ad_labelled",
            "discern_risks", "discern_uncertainty", "discern_alternatives")
SIGNAL_KINDS = ("phone", "wechat", "qq", "call_to_action", "disclaimer", "address")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,60}$")
FLAGS = re.I | re.M


def _line(entry: object) -> int | None:
    return entry.get("__line__") if isinstance(entry, dict) else None


def compile_pattern(path: Path, entry: object, where: str, pattern: object) -> re.Pattern[str]:
    """Compile one regex of a data file (case-insensitive, multi-line) or fail with file, line and entry."""
    if not isinstance(pattern, str) or not pattern:
        raise RulesError(str(path), _line(entry), f"{where}: pattern must be a non-empty string")
    try:
        rx = re.compile(pattern, FLAGS)
    except re.error as exc:
        raise RulesError(str(path), _line(entry), f"{where}: invalid regex {pattern!r}: {exc}") from exc
    if rx.search(""):
        raise RulesError(str(path), _line(entry), f"{where}: pattern {pattern!r} matches the empty string")
    return accelerate(rx)


# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Term:
    """One vocabulary value."""

    id: str
    label: str
    description: str
    extra: dict[str, Any] = field(default_factory=dict)
    line: int | None = None


def load_vocabulary_sections(path: Path = VOCABULARY, sections: tuple[str, ...] = ANNOTATION_SECTIONS
                             ) -> dict[str, dict[str, Term]]:
    """The named sections of the vocabulary: section -> id -> Term (in file order)."""
    data = read_yaml(path)
    out: dict[str, dict[str, Term]] = {}
    for section in sections:
        entries = data.get(section)
        if not isinstance(entries, list) or not entries:
            raise RulesError(str(path), _line(data), f"{section}: must be a non-empty list")
        terms: dict[str, Term] = {}
        for i, e in enumerate(entries):
            where = f"{section}[{i}]"
            if not isinstance(e, dict):
                raise RulesError(str(path), None, f"{where}: must be a mapping")
            tid = e.get("value")
            if not isinstance(tid, str) or not _ID.match(tid):
                raise RulesError(str(path), _line(e), f"{where}: value {tid!r} must be snake_case")
            if tid in terms:
                raise RulesError(str(path), _line(e), f"{where}: duplicate id {tid!r}")
            if not isinstance(e.get("label"), str) or not e["label"].strip():
                raise RulesError(str(path), _line(e), f"{section} {tid}: needs a label")
            extra = {k: v for k, v in e.items() if k not in ("value", "label", "description", "__line__")}
            terms[tid] = Term(tid, e["label"], str(e.get("description") or e.get("explanation") or ""), extra, _line(e))
        out[section] = terms
    _check_vocabulary(path, data, out)
    return out


def _check_vocabulary(path: Path, data: dict, vocab: dict[str, dict[str, Term]]) -> None:
    levels = vocab["evidence_levels"]
    ranks = []
    for t in levels.values():
        rank = t.extra.get("rank")
        if not isinstance(rank, int) or rank < 1:
            raise RulesError(str(path), t.line, f"evidence_levels {t.id}: rank must be a positive integer")
        ranks.append(rank)
    if sorted(ranks) != list(range(1, len(ranks) + 1)):
        raise RulesError(str(path), None, "evidence_levels: ranks must be 1..n without gaps or repeats")
    for section in ("citation_kinds", "study_designs"):
        for t in vocab[section].values():
            lv = t.extra.get("level")
            if lv is not None and lv not in levels:
                raise RulesError(str(path), t.line, f"{section} {t.id}: unknown evidence level {lv!r}")
    for t in vocab["study_designs"].values():
        if t.extra.get("level") is None:
            raise RulesError(str(path), t.line, f"study_designs {t.id}: needs a level")
    for t in vocab["red_flag_bases"].values():
        for key, value in (("law", t.extra.get("law")), ("article", t.extra.get("article")), ("explanation", t.description)):
            if not isinstance(value, str) or not value.strip():
                raise RulesError(str(path), t.line, f"red_flag_bases {t.id}: needs {key}")


# ---------------------------------------------------------------- cue files


@dataclass(frozen=True)
class WordingCue:
    claim_class: str
    regex: re.Pattern[str]
    adjacent: bool


@dataclass(frozen=True)
class ClaimCues:
    stance_strength: tuple[str, ...]
    wording: tuple[WordingCue, ...]
    reported: re.Pattern[str]
    termination: re.Pattern[str]
    citation_marker: re.Pattern[str]
    inline_citation: re.Pattern[str]


@dataclass(frozen=True)
class Basis:
    id: str
    law: str
    article: str
    item: str | None
    explanation: str
    label: str


@dataclass(frozen=True)
class RedFlagRule:
    id: str
    basis: Basis
    why: str
    scope: str
    kind: str                                   # text | page
    patterns: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...] = ()
    guards: frozenset[str] = frozenset()
    signal_kinds: frozenset[str] = frozenset()
    signal_exclude: re.Pattern[str] | None = None
    requires: re.Pattern[str] | None = None


@dataclass(frozen=True)
class RedFlagRules:
    negation: re.Pattern[str]
    report: re.Pattern[str]
    rules: tuple[RedFlagRule, ...]
    prefilter: GroupFilter | None = None     # which rules' patterns can match a text, by rule id


@dataclass(frozen=True)
class Criterion:
    id: str
    scope: str
    patterns: tuple[re.Pattern[str], ...]
    absent: re.Pattern[str] | None = None


@dataclass(frozen=True)
class CredibilityCues:
    credentials: re.Pattern[str]
    byline: re.Pattern[str]
    criteria: dict[str, Criterion]
    prefilter: GroupFilter | None = None     # which criteria's patterns can match a text, by criterion id


@dataclass(frozen=True)
class EvidenceCues:
    registries: tuple[tuple[str, re.Pattern[str]], ...]
    kinds: tuple[tuple[str, str, re.Pattern[str]], ...]       # (kind, field, regex)
    designs: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class AnnotationKnowledge:
    """Everything the annotation functions read, validated and compiled once."""

    vocabulary: dict[str, dict[str, Term]]
    claims: ClaimCues
    red_flags: RedFlagRules
    credibility: CredibilityCues
    evidence: EvidenceCues
    fingerprint: str

    def ids(self, section: str) -> tuple[str, ...]:
        return tuple(self.vocabulary[section])

    def level_rank(self, level: str) -> int:
        return int(self.vocabulary["evidence_levels"][level].extra["rank"])


def _list(path: Path, data: dict, key: str) -> list:
    v = data.get(key)
    if not isinstance(v, list) or not v:
        raise RulesError(str(path), _line(data), f"{key}: must be a non-empty list")
    return v


def load_claim_cues(path: Path, vocab: dict[str, dict[str, Term]]) -> ClaimCues:
    data = read_yaml(path)
    strength = tuple(data.get("stance_strength") or ())
    if sorted(strength) != sorted(STANCES):
        raise RulesError(str(path), _line(data), f"stance_strength must order exactly {STANCES}")
    cues = []
    for i, e in enumerate(_list(path, data, "wording")):
        if not isinstance(e, dict) or e.get("class") not in vocab["claim_classes"]:
            raise RulesError(str(path), _line(e), f"wording[{i}]: class must be one of {tuple(vocab['claim_classes'])}")
        cues.append(WordingCue(e["class"], compile_pattern(path, e, f"wording[{i}] ({e['class']})", e.get("pattern")),
                               bool(e.get("adjacent", False))))
    missing = set(vocab["claim_classes"]) - {c.claim_class for c in cues}
    if missing:
        raise RulesError(str(path), None, f"wording: no cue for claim classes {sorted(missing)}")
    return ClaimCues(strength, tuple(cues),
                     *(compile_pattern(path, data, k, data.get(k))
                       for k in ("reported", "termination", "citation_marker", "inline_citation")))


def load_red_flag_rules(path: Path, vocab: dict[str, dict[str, Term]]) -> RedFlagRules:
    data = read_yaml(path)
    guards = data.get("guards") or {}
    if not isinstance(guards, dict):
        raise RulesError(str(path), None, "guards must be a mapping")
    negation = compile_pattern(path, guards, "guards.negation", guards.get("negation"))
    report = compile_pattern(path, guards, "guards.report", guards.get("report"))
    rules: list[RedFlagRule] = []
    seen: set[str] = set()
    for i, e in enumerate(_list(path, data, "rules")):
        if not isinstance(e, dict):
            raise RulesError(str(path), None, f"rules[{i}] must be a mapping")
        rid = e.get("id")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise RulesError(str(path), _line(e), f"rules[{i}]: id {rid!r} must be snake_case")
        where = f"rule {rid}"
        if rid in seen:
            raise RulesError(str(path), _line(e), f"{where}: duplicate id")
        seen.add(rid)
        base = vocab["red_flag_bases"].get(e.get("basis"))  # type: ignore[arg-type]
        if base is None:
            raise RulesError(str(path), _line(e), f"{where}: unknown basis {e.get('basis')!r}; "
                             f"use one of {tuple(vocab['red_flag_bases'])} (vocabulary.yaml red_flag_bases)")
        if not isinstance(e.get("why"), str) or not e["why"].strip():
            raise RulesError(str(path), _line(e), f"{where}: needs 'why' (what the patterns look for)")
        scope = e.get("scope")
        if scope not in SCOPES:
            raise RulesError(str(path), _line(e), f"{where}: scope {scope!r} must be one of {SCOPES}")
        kind = e.get("kind", "text")
        if kind not in ("text", "page"):
            raise RulesError(str(path), _line(e), f"{where}: kind {kind!r} must be text or page")
        g = e.get("guards") or []
        if not isinstance(g, list) or any(x not in GUARDS for x in g):
            raise RulesError(str(path), _line(e), f"{where}: guards must be a list of {GUARDS}")
        pats = e.get("patterns")
        if not isinstance(pats, list) or not pats:
            raise RulesError(str(path), _line(e), f"{where}: patterns must be a non-empty list")
        excl = e.get("exclude") or []
        if not isinstance(excl, list):
            raise RulesError(str(path), _line(e), f"{where}: exclude must be a list")
        sk = e.get("signal_kinds") or []
        if kind == "page" and (not isinstance(sk, list) or not sk or any(k not in SIGNAL_KINDS for k in sk)):
            raise RulesError(str(path), _line(e), f"{where}: a page rule needs signal_kinds from {SIGNAL_KINDS}")
        basis = Basis(base.id, base.extra["law"], str(base.extra["article"]),
                      str(base.extra["item"]) if base.extra.get("item") else None, base.description, base.label)
        rules.append(RedFlagRule(
            rid, basis, e["why"].strip(), scope, kind,
            tuple(compile_pattern(path, e, f"{where} patterns[{j}]", p) for j, p in enumerate(pats)),
            tuple(compile_pattern(path, e, f"{where} exclude[{j}]", p) for j, p in enumerate(excl)),
            frozenset(g), frozenset(sk),
            compile_pattern(path, e, f"{where} signal_exclude", e["signal_exclude"]) if e.get("signal_exclude") else None,
            compile_pattern(path, e, f"{where} requires", e["requires"]) if e.get("requires") else None,
        ))
    return RedFlagRules(negation, report, tuple(rules), GroupFilter({r.id: r.patterns for r in rules}))


def load_credibility_cues(path: Path) -> CredibilityCues:
    data = read_yaml(path)
    crit = data.get("criteria")
    if not isinstance(crit, dict):
        raise RulesError(str(path), None, "criteria must be a mapping")
    out: dict[str, Criterion] = {}
    for cid in CRITERIA:
        e = crit.get(cid)
        if not isinstance(e, dict):
            raise RulesError(str(path), _line(crit), f"criteria: missing {cid}")
        if e.get("scope") not in SCOPES:
            raise RulesError(str(path), _line(e), f"criterion {cid}: scope must be one of {SCOPES}")
        pats = e.get("patterns")
        if not isinstance(pats, list) or not pats:
            raise RulesError(str(path), _line(e), f"criterion {cid}: patterns must be a non-empty list")
        absent = compile_pattern(path, e, f"criterion {cid} absent", e["absent"]) if e.get("absent") else None
        out[cid] = Criterion(cid, e["scope"], tuple(compile_pattern(path, e, f"criterion {cid} patterns[{j}]", p)
                                                    for j, p in enumerate(pats)), absent)
    unknown = set(crit) - set(CRITERIA) - {"__line__"}
    if unknown:
        raise RulesError(str(path), _line(crit), f"criteria: unknown {sorted(unknown)}; known: {CRITERIA}")
    return CredibilityCues(compile_pattern(path, data, "credentials", data.get("credentials")),
                           compile_pattern(path, data, "byline", data.get("byline")), out,
                           GroupFilter({cid: c.patterns for cid, c in out.items()}))


def load_evidence_cues(path: Path, vocab: dict[str, dict[str, Term]]) -> EvidenceCues:
    data = read_yaml(path)
    regs = []
    for i, e in enumerate(_list(path, data, "registries")):
        if not isinstance(e, dict) or not isinstance(e.get("registry"), str):
            raise RulesError(str(path), _line(e), f"registries[{i}]: needs 'registry' and 'pattern'")
        regs.append((e["registry"], compile_pattern(path, e, f"registries[{i}]", e.get("pattern"))))
    kinds = []
    for i, e in enumerate(_list(path, data, "kinds")):
        if not isinstance(e, dict) or e.get("kind") not in vocab["citation_kinds"]:
            raise RulesError(str(path), _line(e), f"kinds[{i}]: kind must be one of {tuple(vocab['citation_kinds'])}")
        if e.get("field") not in CITATION_FIELDS:
            raise RulesError(str(path), _line(e), f"kinds[{i}]: field must be one of {CITATION_FIELDS}")
        kinds.append((e["kind"], e["field"], compile_pattern(path, e, f"kinds[{i}] ({e['kind']})", e.get("pattern"))))
    designs = []
    for i, e in enumerate(_list(path, data, "designs")):
        if not isinstance(e, dict) or e.get("design") not in vocab["study_designs"]:
            raise RulesError(str(path), _line(e), f"designs[{i}]: design must be one of {tuple(vocab['study_designs'])}")
        designs.append((e["design"], compile_pattern(path, e, f"designs[{i}] ({e['design']})", e.get("pattern"))))
    return EvidenceCues(tuple(regs), tuple(kinds), tuple(designs))


def knowledge_files(data_dir: Path = DATA_DIR) -> tuple[Path, ...]:
    rules = data_dir / "rules"
    return (data_dir / "vocabulary.yaml", rules / "claims.yaml", rules / "red_flags.yaml",
            rules / "credibility.yaml", rules / "evidence.yaml")


def knowledge_fingerprint(data_dir: str | None = None) -> str:
    """The hash of the annotation data files' bytes (AnnotationKnowledge.fingerprint), without
    compiling them: a run whose files are those of its last successful run needs no more."""
    h = hashlib.sha256()
    for p in knowledge_files(Path(data_dir) if data_dir else DATA_DIR):
        try:
            h.update(p.read_bytes())
        except OSError as exc:
            raise RulesError(str(p), None, f"cannot read: {exc.strerror or exc}") from exc
    return h.hexdigest()[:16]


@lru_cache(maxsize=4)
def load_annotation_knowledge(data_dir: str | None = None) -> AnnotationKnowledge:
    """Load and validate every annotation data file (cached per folder)."""
    vocab_p, claims_p, flags_p, cred_p, evid_p = knowledge_files(Path(data_dir) if data_dir else DATA_DIR)
    vocab = load_vocabulary_sections(vocab_p)
    return AnnotationKnowledge(vocab, load_claim_cues(claims_p, vocab), load_red_flag_rules(flags_p, vocab),
                               load_credibility_cues(cred_p), load_evidence_cues(evid_p, vocab),
                               knowledge_fingerprint(data_dir))
