"""Article metadata: dates, site, language and source type with its evidence. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from etl.knowledge.rules import Rules

_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d-])(?P<y>\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
]
_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z]")
# Redirect wrappers whose real target is in a query parameter.
_REDIRECT_PARAMS = ("target", "url", "u", "to", "redirect", "link")


def parse_date(text: str) -> dt.date | None:
    """First plausible date in ``text`` (YYYY-MM-DD, YYYY年M月D日, YY-MM-DD)."""
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text[:2000]):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if y < 100:
                y += 2000
            try:
                date = dt.date(y, mo, d)
            except ValueError:
                continue
            if dt.date(1990, 1, 1) <= date <= dt.date.today() + dt.timedelta(days=1):
                return date
    return None


def language(text: str) -> str:
    sample = text[:4000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cjk == 0 and latin == 0:
        return "und"
    if cjk >= 0.2 * (cjk + latin / 5):
        return "zh"
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
    """(site name, how we know it)."""
    host = domain(url)
    for site in rules.sites:
        if host and any(host == d or host.endswith("." + d) for d in site.domains):
            return site.name, f"domain {host}"
    for site in rules.sites:
        for p in site.patterns:
            if p in page_text:
                return site.name, f"page chrome '{p}'"
    if meta_site:
        return meta_site, "og:site_name"
    for p in rules.site_name_patterns:
        for line in [*header, *tail]:
            m = p.regex.search(line)
            if m and m.groupdict().get("site"):
                return m.group("site"), f"{p.name}: '{line[:40]}'"
    return None, None


def classify_source(rules: Rules, fields: dict[str, str], site: str | None, url: str | None) -> SourceDecision:
    """sources.csv first (site name or domain), then the weighted cues of source_types.yaml."""
    host = domain(url)
    candidates = []
    if host:
        parts = host.split(".")
        candidates += [".".join(parts[i:]) for i in range(len(parts) - 1)]
    if site:
        candidates.append(site.lower())
    for c in candidates:
        if c in rules.sources:
            return SourceDecision(rules.sources[c], [f"sources file: {c} -> {rules.sources[c]}"])
    scores: dict[str, int] = {}
    evidence: dict[str, list[str]] = {}
    for cue in rules.cues:
        value = fields.get(cue.field) or ""
        if not value:
            continue
        m = cue.regex.search(value)
        if m:
            scores[cue.type] = scores.get(cue.type, 0) + cue.weight
            evidence.setdefault(cue.type, []).append(f"{cue.name} ({cue.field}: '{m.group(0)[:30]}', +{cue.weight})")
    if not scores:
        return SourceDecision("other", ["no source cue matched"])
    best = max(scores, key=lambda t: (scores[t], -list(scores).index(t)))
    if scores[best] < rules.min_score:
        return SourceDecision("other", [f"best cue score {scores[best]} for {best} below {rules.min_score}", *evidence[best]])
    others = [f"also {t}={s}" for t, s in sorted(scores.items(), key=lambda kv: -kv[1]) if t != best]
    return SourceDecision(best, [f"rules: {best} score {scores[best]}", *evidence[best], *others])
