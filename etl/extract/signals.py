"""Commercial signals (hotlines, WeChat/QQ ids, calls to action, disclaimers). Pure."""

from __future__ import annotations

from dataclasses import dataclass

from etl.extract.metadata import needs_fold
from etl.extract.script import Shadow, shadow
from etl.knowledge.rules import Rules


@dataclass
class Signal:
    kind: str
    text: str
    location: str          # main_text | boilerplate
    start_char: int | None


def find_signals(rules: Rules, main_text: str, cut_lines: list[str]) -> list[Signal]:
    """Search the article text and the cut lines; de-duplicate by (kind, text).

    Patterns are matched on the Simplified, debris-free shadow (免費諮詢 and 免費諮(zī)詢 are
    免费咨询), and the stored text is the original's, at the original offsets.
    """
    found: list[Signal] = []
    seen: set[tuple[str, str]] = set()
    last_end: dict[tuple[str, str], int] = {}  # (kind, location) -> end of the last kept span
    cut_text = "\n".join(cut_lines)
    for where, text in (("main_text", main_text), ("boilerplate", cut_text)):
        hits = []
        sh = shadow(text) if needs_fold(text) else Shadow(text, len(text))
        for rule in rules.signals:
            for m in rule.regex.finditer(sh.text):
                if rule.whole_line:
                    start = text.rfind("\n", 0, sh.start(m.start())) + 1
                    end = text.find("\n", sh.end(m.end()))
                    value = text[start:end if end >= 0 else len(text)]
                    start += len(value) - len(value.lstrip())
                    hits.append((start, rule.kind, value.strip()[:300], start + len(value.strip()[:300])))
                    continue
                grp = "value" if "value" in rule.regex.groupindex and m.group("value") else 0
                start, stop = sh.span(m.start(grp), m.end(grp))
                value = text[start:stop]
                hits.append((start, rule.kind, value.strip()[:300], start + len(value)))
        for start, kind, value, end in sorted(hits):
            if not value or (kind, value) in seen:
                continue
            if start < last_end.get((kind, where), -1):
                continue  # two patterns found the same disclaimer (hits are sorted by start)
            seen.add((kind, value))
            last_end[(kind, where)] = max(end, last_end.get((kind, where), -1))
            found.append(Signal(kind, value, where, start if where == "main_text" else None))
    return found
