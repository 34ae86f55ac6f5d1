"""Claims, red flags, credibility and citation evidence of the five real seeds, field by field.

Expectations were checked by reading the seeds. Mention stance belongs to the stance stage and may
improve; these tests pin what the annotation stage owns (voice, wording, citations, flags, scores)
and check stances only for consistency with the mentions, except where the issue fixes them.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from etl.parse import ParsedDocument
from tests.conftest import parse_seed

ADV, SUP, GUA, CMP = "disguised_health_ad", "superlative", "efficacy_safety_guarantee", "comparison"
PROMO_SENTENCE = "其他的宣传干细胞能治疗癌症、抗糖尿病、延缓衰老、抗阿尔兹海默症等都没有临床试验支持"


@lru_cache(maxsize=8)
def doc(prefix: str) -> ParsedDocument:
    return parse_seed(prefix)


def claims(prefix: str) -> dict:
    return {c.canonical_name: c for c in doc(prefix).annotations.claims}


# ---------------------------------------------------------------- claims


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_one_claim_per_concept_with_consistent_fields(prefix):
    d = doc(prefix)
    cs = d.annotations.claims
    assert [c.concept_id for c in cs] == list(dict.fromkeys(m.concept_id for m in d.mentions))
    by_no = {m.mention_no: m for m in d.mentions}
    for c in cs:
        ms = [m for m in d.mentions if m.concept_id == c.concept_id]
        assert c.mentions == len(ms) == c.own_mentions + c.reported_mentions
        assert d.main_text[c.start_char:c.end_char] == by_no[c.mention_no].surface
        assert d.main_text[c.sentence_start:c.sentence_end] == c.sentence
        assert c.sentence_start <= c.start_char < c.end_char <= c.sentence_end
        assert (c.own_stance is None) == (c.own_mentions == 0) == (c.own_mention_no is None)
        assert (c.reported_stance is None) == (c.reported_mentions == 0) == (c.reported_mention_no is None)
        assert c.voice == ("own" if c.own_mentions else "reported")
        if c.own_stance:
            assert by_no[c.own_mention_no].context == c.own_stance
        assert c.citation in ("in_sentence", "in_section", "none")


def test_000_promoted_claims_are_reported_never_own_voice():
    d = doc("000")
    cs = claims("000")
    promo = d.main_text.index(PROMO_SENTENCE)
    in_promo = [m for m in d.mentions if promo <= m.start_char < promo + len(PROMO_SENTENCE)]
    assert {m.canonical_name for m in in_promo} == {"癌症", "糖尿病", "衰老", "阿尔茨海默病"}
    for name in ("癌症", "糖尿病", "衰老", "阿尔茨海默病"):
        c = cs[name]
        assert c.reported_stance == "negated", name
        assert c.reported_mentions == 1
        rep = next(m for m in d.mentions if m.mention_no == c.reported_mention_no)
        assert promo <= rep.start_char < promo + len(PROMO_SENTENCE)
        # An own-voice claim, if any, comes from another sentence of the page.
        if c.own_mention_no is not None:
            own = next(m for m in d.mentions if m.mention_no == c.own_mention_no)
            assert not promo <= own.start_char < promo + len(PROMO_SENTENCE)
    cancer = cs["癌症"]
    assert (cancer.voice, cancer.own_stance, cancer.own_mentions, cancer.wording_class, cancer.wording_text,
            cancer.citation) == ("reported", None, 0, "treat", "治疗", "none")
    assert cancer.sentence == PROMO_SENTENCE
    # Only the promoted sentence is reported speech on this page.
    assert {n for n, c in cs.items() if c.reported_mentions} == {"癌症", "糖尿病", "衰老", "阿尔茨海默病"}


@pytest.mark.parametrize(("prefix", "name", "wording", "cue"), [
    ("000", "衰老", "anti_ageing", "延缓衰老"),
    ("000", "白血病", "treat", "治疗"),
    ("001", "孤独症", "treat", "用于"),
    ("001", "神经退行性疾病", "treat", "治疗"),
    ("003", "乏力", "improve", "改善"),
    ("004", "心脏病", "improve", "修复"),
    ("004", "糖尿病", "improve", "改善"),
    ("004", "白血病", "improve", "恢复"),
    ("003", "肝性脑病", None, None),
])
def test_seed_wording_classes(prefix, name, wording, cue):
    c = claims(prefix)[name]
    assert (c.wording_class, c.wording_text) == (wording, cue)


def test_no_seed_claim_cites_a_source_next_to_it():
    # The seeds with reference lists (000, 001) use no [n] markers or inline references in their bodies.
    for prefix in ("000", "001", "002", "003", "004"):
        assert {c.citation for c in doc(prefix).annotations.claims} == {"none"}, prefix


def test_other_seeds_speak_in_their_own_voice():
    for prefix in ("001", "002", "003", "004"):
        assert all(c.voice == "own" and c.reported_mentions == 0 for c in doc(prefix).annotations.claims), prefix


# ---------------------------------------------------------------- red flags


def _flags(prefix: str) -> list[tuple]:
    d = doc(prefix)
    out = []
    for f in d.annotations.red_flags:
        if f.location == "article":
            assert d.main_text[f.start_char:f.end_char] == f.matched_text
            assert f.matched_text in f.sentence
            assert (f.cut_no, f.chrome_text, f.chrome_start) == (None, None, None)
            out.append((f.rule_id, "article", f.matched_text))
        else:
            assert f.start_char is None and f.end_char is None
            assert f.chrome_text[f.chrome_start:].startswith(f.matched_text)
            assert d.cut[f.cut_no][1] == f.chrome_text
            out.append((f.rule_id, "chrome", f.matched_text, f.chrome_text))
    return out


def test_000_red_flags():
    assert _flags("000") == [(CMP, "article", "较传统的药物治疗有许多优势: 毒性小")]


def test_001_hotlines_and_address_are_a_disguised_ad():
    assert _flags("001") == [
        (SUP, "article", "最佳"),
        (GUA, "article", "没有副作用"),
        (ADV, "chrome", "中国,浙江,杭州", "中国,浙江,杭州"),
        (ADV, "chrome", "400-622-0089", "400-622-0089/139-6700-7000"),
        (ADV, "chrome", "139-6700-7000", "400-622-0089/139-6700-7000"),
    ]
    f = doc("001").annotations.red_flags[3]
    assert (f.basis_id, f.law, f.law_article, f.chrome_start) == ("internet_ad_8", "互联网广告管理办法（2023）", "第八条", 0)


def test_002_red_flags():
    assert _flags("002") == [(CMP, "article", "与传统治疗方法相比,细胞治疗具有更")]


def test_003_red_flags():
    flags = _flags("003")
    assert flags[0] == (GUA, "article", "无感染、出血、过敏等风险")
    assert [f[:3] for f in flags[1:]] == [(ADV, "chrome", "591574114"), (ADV, "chrome", "详情咨询客服")]
    assert flags[1][3] == "咨询微信:591574114"
    # The title asks a question (…真的能根治慢性肝衰竭吗?): no guarantee flag for it.
    assert not any(f[2] == "根治" for f in flags)


def test_004_free_consultation_is_a_disguised_ad():
    assert _flags("004") == [(ADV, "chrome", "免费在线咨询", "免费在线咨询")]


# ---------------------------------------------------------------- credibility

CREDIBILITY = {
    #        auth attr disc curr | discl contact ad | risks uncert altern
    "000": ((1, 1, 0, 1), (0, 0, 0), (1, 1, 1)),
    "001": ((0, 1, 0, 0), (1, 1, 0), (1, 1, 1)),
    "002": ((0, 0, 0, 0), (0, 0, 0), (1, 1, 1)),
    "003": ((0, 0, 0, 1), (1, 1, 0), (1, 0, 1)),
    "004": ((0, 0, 0, 0), (0, 0, 0), (1, 1, 0)),
}


@pytest.mark.parametrize("prefix", sorted(CREDIBILITY))
def test_credibility_scores(prefix):
    cr = doc(prefix).annotations.credibility
    jama, hon, discern = CREDIBILITY[prefix]
    got = tuple(int(cr.items[k].met) for k in cr.items)
    assert got == jama + hon + discern
    assert cr.jama_total == sum(jama)
    for key, item in cr.items.items():
        if item.met:
            assert item.evidence, key
        if item.location == "article":
            text = doc(prefix).main_text
            assert item.start_char is not None and 0 <= item.start_char < len(text)


def test_credibility_evidence_spans():
    c0 = doc("000").annotations.credibility.items
    assert "医学博士" in c0["authorship"].evidence and c0["authorship"].location == "chrome"  # the bio beside the name
    assert c0["currency"].evidence == "2021-10-28 (front_matter)"
    assert c0["attribution"].evidence.startswith("5 reference(s)")
    c1 = doc("001").annotations.credibility.items
    assert "不能替代医生" in c1["hon_disclaimer"].evidence and c1["hon_disclaimer"].location == "chrome"
    assert c1["hon_contact"].evidence == "address: 中国,浙江,杭州"
    c3 = doc("003").annotations.credibility.items
    assert c3["currency"].evidence == "2021-06-19 (byline)"
    assert c3["hon_contact"].evidence == "wechat: 591574114"
    c4 = doc("004").annotations.credibility.items
    assert "仍需进一步验证" in c4["discern_uncertainty"].evidence


# ---------------------------------------------------------------- citation evidence


def test_seed_citation_evidence():
    e0 = doc("000").annotations.citation_evidence
    assert [(e.kind, e.study_design, e.evidence_level) for e in e0] == [
        ("encyclopedia", None, "L6_non_research"),
        ("journal_article", "review", "L5_preclinical_or_opinion"),
        ("journal_article", "review", "L5_preclinical_or_opinion"),
        ("journal_article", "review", "L5_preclinical_or_opinion"),
        ("journal_article", "review", "L5_preclinical_or_opinion"),
    ]
    assert doc("000").annotations.best_evidence_level == "L5_preclinical_or_opinion"
    e1 = doc("001").annotations.citation_evidence
    assert len(e1) == 25 and {e.kind for e in e1} == {"journal_article"}
    designs = {e.citation_no: e.study_design for e in e1}
    assert designs[7] == designs[16] == "preclinical"      # mouse model; canine cells in vivo and in vitro
    assert designs[10] == designs[22] == "clinical_study"  # patients with heart failure; children treated
    assert designs[11] == designs[23] == "review"
    assert doc("001").annotations.best_evidence_level == "L3_clinical_study"
    for prefix in ("002", "003", "004"):
        a = doc(prefix).annotations
        assert (a.citation_evidence, a.registry_ids, a.best_evidence_level) == ([], [], None)
