"""The line-evidence memo (etl/extract/evidence.py): a line's own evidence, once weighed, is reused
for the same text under the same rules, and reusing it changes nothing a parse returns.

Pages written for this test: two pages of one invented site share its menu, footer and card lines.
"""

from __future__ import annotations

import dataclasses

import pytest

from etl.extract import evidence
from etl.extract.lines import Line
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import parse_document

MENU = ["某某健康网 首页 | 疾病 | 养生 | 问医生", "您的位置：首页 > 干细胞 > 正文"]
FOOT = ["相关阅读", "膝关节疼痛怎么办？", "版权所有 © 2024 某某健康网 备案号：京ICP备00000000号", "联系我们 | 广告服务"]
PAGE_A = [*MENU, "干细胞治疗膝骨关节炎的研究进展", "2024-03-02 10:15 来源：某某健康网", "近年来，间充质干细胞关节腔注射在膝骨关节炎中开展了多项临床研究，部分患者疼痛有所减轻。", "专家提醒，目前证据仍有限，患者应在正规医院评估后再作选择。", *FOOT]
PAGE_B = [*MENU, "脐带血储存有必要吗？", "2024-04-11 09:00 来源：某某健康网", "脐带血中的造血干细胞可用于治疗白血病等血液系统疾病，这是经过验证的用途。", "但网上所说的“存了就能防百病”并没有证据支持，家长应理性看待。", *FOOT]


def lines(texts: list[str]) -> list[Line]:
    return [Line(t) for t in texts]


def fresh(texts: list[str], rules: object) -> list[evidence.LineInfo]:
    """The evidence with an empty memo: every line weighed from its text."""
    evidence._MEMOS.clear()
    return evidence.analyse(lines(texts), rules)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def rules() -> object:
    return load_rules()


def test_reused_evidence_equals_evidence_weighed_afresh(rules: object) -> None:
    expected_b = fresh(PAGE_B, rules)
    evidence._MEMOS.clear()
    evidence.analyse(lines(PAGE_A), rules)            # the site's menu and footer are now remembered
    memo = evidence._line_memo(rules)                   # type: ignore[arg-type]
    assert all(t in memo for t in MENU + FOOT)
    assert evidence.analyse(lines(PAGE_B), rules) == expected_b   # type: ignore[arg-type]


def test_a_later_pass_cannot_change_what_is_remembered(rules: object) -> None:
    first = fresh(PAGE_A, rules)
    expected = [dataclasses.replace(i, fields=list(i.fields)) for i in first]
    for info in first:                                  # what the context passes and callers may do to a line
        info.fields.append("changed")
        info.rule, info.tainted, info.weight = "changed", "changed", -9.0
    assert evidence.analyse(lines(PAGE_A), rules) == expected   # type: ignore[arg-type]


def test_parses_are_the_same_with_and_without_the_memo(rules: object) -> None:
    lexicon, triggers = load_lexicon(), load_triggers()

    def parsed(text: list[str]) -> tuple:  # type: ignore[type-arg]
        doc = parse_document("page.txt", "\n".join(text).encode("utf-8"), rules, lexicon, triggers)  # type: ignore[arg-type]
        return doc.title, doc.main_text, doc.cut, [(m.surface, m.context) for m in doc.mentions]

    evidence._MEMOS.clear()
    alone = parsed(PAGE_B)
    evidence._MEMOS.clear()
    parsed(PAGE_A)
    assert parsed(PAGE_B) == alone
    assert "版权所有 © 2024 某某健康网 备案号：京ICP备00000000号" not in alone[1]


def test_the_memo_is_bounded_and_belongs_to_one_rules_object(rules: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence, "MEMO_LINES", 5)
    evidence._MEMOS.clear()
    evidence.analyse(lines([f"第{i}行 某某健康网 首页" for i in range(40)]), rules)  # type: ignore[arg-type]
    assert len(evidence._line_memo(rules)) <= 5         # type: ignore[arg-type]
    other = load_rules.__wrapped__()                    # a rules object loaded again (an edited file) starts empty
    assert other is not rules and evidence._line_memo(other) == {}
    long_line = "这是一段很长的正文。" * 40                 # prose longer than MEMO_LINE is not remembered
    evidence.analyse(lines([long_line]), other)
    assert long_line not in evidence._line_memo(other)


def test_the_memo_keeps_every_field_a_line_shows_by_itself() -> None:
    """Every field of LineInfo is either remembered (OWN_FIELDS, set by _by_itself) or set by the
    context passes from the neighbours; a new field must be placed in one of the two."""
    context_fields = {"tainted", "item", "weight"}
    names = {f.name for f in dataclasses.fields(evidence.LineInfo)}
    assert set(evidence.OWN_FIELDS) == names - context_fields
    assert len(evidence.OWN_FIELDS) == len(set(evidence.OWN_FIELDS))
