"""Credibility of a page: JAMA benchmark, HONcode-style signals, automatable DISCERN items. Pure.

JAMA (Silberg et al. 1997) asks four things of a health page: who wrote it and with which
credentials, which sources it rests on, who owns or pays for it, and when it was written; each is
0 or 1 here, total 0-4. HONcode-style signals: a disclaimer that the page does not replace a
doctor, a way to contact the publisher, advertising labelled as such. DISCERN items a machine can
check: risks, uncertainty and alternatives mentioned. Every criterion keeps the span that met it,
so a reader can check the score. Cues: etl/knowledge/data/rules/credibility.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.annotate.red_flags import ChromeLine
from etl.extract.citations import Citation
from etl.extract.signals import Signal
from etl.knowledge.annotation import AnnotationKnowledge, Criterion
from etl.knowledge.scan import GroupFilter, first_start

JAMA = ("authorship", "attribution", "disclosure", "currency")
HON = ("hon_disclaimer", "hon_contact", "hon_ad_labelled")
DISCERN = ("discern_risks", "discern_uncertainty", "discern_alternatives")
ITEMS = JAMA + HON + DISCERN
CONTACT_SIGNALS = ("phone", "wechat", "qq", "address")
MAX_EVIDENCE = 200
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass
class CredibilityItem:
    met: bool
    evidence: str | None = None
    start_char: int | None = None   # offset in main_text when the evidence stands in the article
    location: str | None = None     # article | chrome | metadata


@dataclass
class Credibility:
    items: dict[str, CredibilityItem] = field(default_factory=dict)

    @property
    def jama_total(self) -> int:
        return sum(1 for k in JAMA if self.items[k].met)


def _snippet(text: str, start: int, end: int, pad: int = 20) -> str:
    return _SPACE.sub(" ", text[max(0, start - pad):end + pad]).strip()[:MAX_EVIDENCE]


def _search(c: Criterion, text: str, prefilter: GroupFilter | None = None) -> re.Match[str] | None:
    if prefilter is not None and c.id in prefilter and not prefilter.may_match(c.id, text):
        return None   # none of the literals its patterns need is in the text
    first = first_start(c.patterns, text)
    if first is None:
        return None
    for rx in c.patterns:
        for m in rx.finditer(text, first):
            if c.absent is not None and c.absent.search(text[max(0, m.start() - 6):m.start()]):
                continue
            return m
    return None


def _criterion(c: Criterion, body: str, chrome: Sequence[ChromeLine], prefilter: GroupFilter | None = None
               ) -> CredibilityItem:
    if c.scope in ("article", "both"):
        m = _search(c, body, prefilter)
        if m:
            return CredibilityItem(True, _snippet(body, m.start(), m.end()), m.start(), "article")
    if c.scope in ("chrome", "both"):
        for ln in chrome:
            m = _search(c, ln.text, prefilter)
            if m:
                return CredibilityItem(True, _snippet(ln.text, m.start(), m.end(), pad=40), None, "chrome")
    return CredibilityItem(False)


def _authorship(kn: AnnotationKnowledge, author: str | None, main_text: str, chrome: Sequence[ChromeLine],
                raw_text: str) -> CredibilityItem:
    """A named author with credentials, found in the author field, a byline, or next to the name."""
    cues = kn.credibility
    name = (author or "").strip()
    head = main_text[:600]
    if not name:
        for text in (head, *(ln.text for ln in chrome)):
            m = cues.byline.search(text)
            if m:
                name = m.group("name")
                break
    if not name:
        return CredibilityItem(False)
    m = cues.credentials.search(name)
    if m:
        return CredibilityItem(True, name[:MAX_EVIDENCE], None, "metadata")
    k = main_text.find(name)
    if 0 <= k < 2000:
        m = cues.credentials.search(main_text, k, k + len(name) + 60)
        if m:
            return CredibilityItem(True, _snippet(main_text, k, m.end(), pad=0), k, "article")
    for ln in chrome:
        if name in ln.text:
            m = cues.credentials.search(ln.text)
            if m:
                return CredibilityItem(True, _snippet(ln.text, m.start(), m.end(), pad=40), None, "chrome")
    k = raw_text.find(name)
    if k >= 0:
        window = _SPACE.sub(" ", _TAG.sub(" ", raw_text[k:k + 400]))[:120]
        m = cues.credentials.search(window)
        if m:
            return CredibilityItem(True, window[:m.end()].strip()[:MAX_EVIDENCE], None, "metadata")
    return CredibilityItem(False, f"{name[:60]} (no credentials found)", None, None)


def assess_credibility(kn: AnnotationKnowledge, *, main_text: str, body_end: int, author: str | None,
                       published_date: dt.date | None, date_source: str | None, citations: Sequence[Citation],
                       chrome: Sequence[ChromeLine], signals: Sequence[Signal], raw_text: str = "") -> Credibility:
    """Score one page. ``chrome``: the cut lines; ``raw_text``: the decoded file (author bios outside the body)."""
    body = main_text[:body_end]
    crit = kn.credibility.criteria
    pf = kn.credibility.prefilter
    items: dict[str, CredibilityItem] = {"authorship": _authorship(kn, author, main_text, chrome, raw_text)}
    if citations:
        first = citations[0]
        items["attribution"] = CredibilityItem(
            True, f"{len(citations)} reference(s); first: {first.raw}"[:MAX_EVIDENCE], first.start_char, "article")
    else:
        items["attribution"] = _criterion(crit["attribution"], body, chrome, pf)
    items["disclosure"] = _criterion(crit["disclosure"], body, chrome, pf)
    if published_date is not None:
        items["currency"] = CredibilityItem(True, f"{published_date.isoformat()} ({date_source or 'metadata'})",
                                            None, "metadata")
    else:
        items["currency"] = _criterion(crit["currency"], body, chrome, pf)
    items["hon_disclaimer"] = _criterion(crit["hon_disclaimer"], body, chrome, pf)
    contact = next((s for s in signals if s.kind in CONTACT_SIGNALS), None)
    if contact is not None:
        items["hon_contact"] = CredibilityItem(
            True, f"{contact.kind}: {contact.text}"[:MAX_EVIDENCE], contact.start_char,
            "article" if contact.location == "main_text" else "chrome")
    else:
        items["hon_contact"] = _criterion(crit["hon_contact"], body, chrome, pf)
    for key in ("hon_ad_labelled", *DISCERN):
        items[key] = _criterion(crit[key], body, chrome, pf)
    return Credibility({k: items[k] for k in ITEMS})
