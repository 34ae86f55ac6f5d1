"""Citation kinds, study designs and evidence levels on citation strings written for this test."""

from __future__ import annotations

import pytest

from etl.annotate.evidence import (
    article_best_level,
    best_level,
    classify_citation,
    classify_citations,
    find_registry_ids,
    study_design,
)
from etl.extract.citations import parse_entry
from etl.knowledge.annotation import load_annotation_knowledge


@pytest.fixture(scope="module")
def kn():
    return load_annotation_knowledge()


# (entry as it would stand in a reference list, kind, design, level)
CASES = [
    ("[1] Wang L, Zhou Q, Li H. Mesenchymal stem cells for knee osteoarthritis: a systematic review and meta-analysis "
     "of randomized controlled trials. Stem Cell Res Ther. 2021;12(1):143. doi:10.1186/s13287-021-00000-0",
     "journal_article", "systematic_review", "L1_systematic_review"),
    ("[2] Chen Y, Ma X. Umbilical cord MSC infusion in type 2 diabetes: a randomized, double-blind, placebo-controlled "
     "trial. Diabetes Care. 2020;43(5):1010-1018.", "journal_article", "randomised_trial", "L2_randomised_trial"),
    ("[3] 李明, 王芳. 脐带间充质干细胞治疗失代偿期肝硬化的随机对照研究[J]. 中华肝脏病杂志, 2019, 27(3):201-205.",
     "journal_article", "randomised_trial", "L2_randomised_trial"),
    ("[4] Park S, Kim J. Safety of autologous adipose-derived stem cells in patients with spinal cord injury: "
     "a phase I open-label study. Spine J. 2018;18(4):600-607. PMID: 29000000",
     "journal_article", "clinical_study", "L3_clinical_study"),
    ("[5] 张伟. 干细胞移植治疗脊髓损伤1例报告[J]. 临床医学杂志, 2017, 33(2):88-90.",
     "journal_article", "case_report", "L4_case_series"),
    ("[6] Rossi A, Bianchi M. Bone marrow MSCs reduce infarct size in a rat model of myocardial infarction. "
     "Cardiovasc Res. 2016;110(2):200-210.", "journal_article", "preclinical", "L5_preclinical_or_opinion"),
    ("[7] 刘洋, 陈静. 间充质干细胞在自身免疫病中的应用进展[J]. 中国免疫学杂志, 2022, 38(1):1-6.",
     "journal_article", "review", "L5_preclinical_or_opinion"),
    ("[8] Smith J, Jones K. Stem cells and the immune system. Nat Rev Immunol 14, 100–110 (2014).",
     "journal_article", "other", "L5_preclinical_or_opinion"),
    ("[9] Umbilical cord MSCs for acute respiratory distress syndrome (NCT04355728). "
     "https://clinicaltrials.gov/ct2/show/NCT04355728", "trial_registry", "other", "L3_clinical_study"),
    ("[10] 脐带间充质干细胞治疗膝骨关节炎的随机对照试验. 中国临床试验注册中心 ChiCTR2000031234.",
     "trial_registry", "randomised_trial", "L3_clinical_study"),
    ("[11] 国家卫生计生委, 国家食品药品监管总局. 干细胞临床研究管理办法（试行）. 2015.",
     "government", None, "L6_non_research"),
    ("[12] https://www.nmpa.gov.cn/xxgk/ggtg/index.html", "government", None, "L6_non_research"),
    ("[13] 干细胞. 百度百科. https://baike.baidu.com/item/干细胞", "encyclopedia", None, "L6_non_research"),
    ("[14] https://en.wikipedia.org/wiki/Mesenchymal_stem_cell", "encyclopedia", None, "L6_non_research"),
    ("[15] 王强. 我国首个干细胞药物获批上市[N]. 人民日报, 2024-01-03(4).", "news", None, "L6_non_research"),
    ("[16] https://www.reuters.com/business/healthcare/stem-cell-clinic-fined-2023-05-01/",
     "news", None, "L6_non_research"),
    ("[17] 某某生物科技有限公司. 产品介绍: 脐带间充质干细胞储存服务. 2023.", "company", None, "L6_non_research"),
    ("[18] 王医生. 干细胞到底是什么. 个人博客, 2020.", "other", None, "L6_non_research"),
]


@pytest.mark.parametrize(("raw", "kind", "design", "level"), CASES, ids=[c[0][:4] for c in CASES])
def test_citation_kind_design_and_level(kn, raw, kind, design, level):
    c = parse_entry(raw)
    c.citation_no = 1
    ev = classify_citation(kn, c)
    assert (ev.kind, ev.study_design, ev.evidence_level) == (kind, design, level)


def test_registry_entries_keep_their_id(kn):
    c = parse_entry(CASES[9][0])
    assert classify_citation(kn, c).registry_id == "ChiCTR2000031234"


@pytest.mark.parametrize(("title", "design"), [
    ("Intravenous MSCs in mice with experimental colitis", "preclinical"),
    ("人脐带间充质干细胞体外诱导分化为肝细胞的研究", "preclinical"),
    ("骨髓干细胞移植治疗糖尿病足的Meta分析", "systematic_review"),
    ("干细胞治疗系统性红斑狼疮的系统评价", "systematic_review"),
    ("随机对照试验：干细胞治疗心力衰竭", "randomised_trial"),
    ("Autologous stem cell therapy for multiple sclerosis: a case series of 12 patients", "case_report"),
    ("干细胞治疗帕金森病研究进展", "review"),
    ("Long-term follow-up of patients treated with stem cells: a prospective cohort", "clinical_study"),
    ("Stem cells", "other"),
    (None, "other"),
])
def test_study_design_from_title(kn, title, design):
    assert study_design(kn, title) == design


def test_registry_ids_in_text(kn):
    text = "该试验已在ClinicalTrials.gov注册（NCT01234567），另一项为ChiCTR-IOR-17011234；再次提到NCT01234567。"
    ids = find_registry_ids(kn, text)
    assert [(r.registry, r.trial_id) for r in ids] == [("clinicaltrials.gov", "NCT01234567"),
                                                       ("chictr", "ChiCTR-IOR-17011234")]
    assert text[ids[0].start_char:ids[0].end_char] == "NCT01234567"
    assert find_registry_ids(kn, "电话 NCT123 和 12345678 都不是注册号") == []


def test_best_level_is_the_lowest_rank(kn):
    evs = classify_citations(kn, [parse_entry(CASES[i][0]) for i in (5, 14, 3)])
    assert best_level(kn, [e.evidence_level for e in evs]) == "L3_clinical_study"
    assert article_best_level(kn, evs[:2], []) == "L5_preclinical_or_opinion"
    assert article_best_level(kn, evs[:2], find_registry_ids(kn, "注册号NCT09876543")) == "L3_clinical_study"
    assert article_best_level(kn, [], []) is None


def test_levels_are_ordered_in_the_vocabulary(kn):
    levels = kn.vocabulary["evidence_levels"]
    assert [kn.level_rank(x) for x in levels] == list(range(1, len(levels) + 1))
    for section in ("citation_kinds", "study_designs"):
        for t in kn.vocabulary[section].values():
            assert t.extra["level"] is None or t.extra["level"] in levels
