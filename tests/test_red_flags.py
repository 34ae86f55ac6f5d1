"""Red-flag precision on sentences written for this test (half must not fire), the page rule, and
validation of the rule file. Sentences imitate the kinds of page stemwatch reads: clinic ads,
testimonials, news reports quoting the law, warnings, and plain health information."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.annotate.red_flags import ChromeLine, drop_reason, find_red_flags, sentence_flags
from etl.errors import RulesError
from etl.extract.signals import find_signals
from etl.knowledge.annotation import DATA_DIR, load_annotation_knowledge
from etl.knowledge.rules import load_rules

SUP, GUA, RATE, CMP, END, IMP, FEE, ADV = ("superlative", "efficacy_safety_guarantee", "cure_or_effective_rate",
                                            "comparison", "endorsement_testimonial", "implied_cure",
                                            "stem_cell_research_fee", "disguised_health_ad")

# (sentence, rule ids it should raise). An empty set: nothing may fire.
POSITIVE: list[tuple[str, set[str]]] = [
    ("我院干细胞治疗技术全国领先，是糖尿病患者的首选机构。", {SUP}),
    ("本中心拥有国家级细胞制备实验室和顶级专家团队。", {SUP}),
    ("干细胞回输可根治类风湿关节炎，一个疗程见效，无效退款。", {GUA}),
    ("自体干细胞来自患者本人，零风险、无任何副作用。", {GUA}),
    ("我们承诺治疗100%安全，绝不复发。", {GUA}),
    ("经统计，本院干细胞治疗脑瘫的总有效率高达96.8%。", {RATE}),
    ("临床数据显示，92%的患者治疗后症状明显好转。", {RATE}),
    ("与传统激素治疗相比，干细胞疗法副作用更小、效果更好。", {CMP}),
    ("干细胞治疗股骨头坏死，告别手术，无需换关节。", {CMP}),
    ("干细胞移植效果远超传统药物，比其他医院的方案更有效。", {CMP}),
    ("来看看张阿姨的康复案例：注射干细胞三个月后，她又能下地走路了。", {END}),
    ("患者家属专程送来锦旗和感谢信，感谢医院让孩子重获新生。", {END, IMP}),
    ("多位院士联合推荐的干细胞抗衰方案。", {END}),
    ("只需三次回输，让您告别轮椅，像正常人一样生活。", {IMP}),
    ("糖尿病患者接受干细胞治疗后，彻底摆脱胰岛素。", {IMP}),
    ("参加本院干细胞临床研究项目，每位受试者收费6.8万元。", {FEE}),
    ("干细胞临床试验名额有限，报名费用仅需19800元。", {FEE}),
    ("Our world-leading clinic offers the best stem cell therapy for autism.", {SUP}),
    ("Stem cell injections are 100% safe with no side effects, guaranteed.", {GUA}),
    ("Over 90% of patients improved after a single infusion, a success rate unmatched by surgery.", {RATE}),
    ("Read our patient testimonials from people who walked again after treatment.", {END, IMP}),
    ("干细胞治疗股骨头坏死有效率高达90%以上，疗效优于手术。", {RATE, CMP}),
    # Written after the rules were first tuned (held out): 7 of 11 expected rules fired at first.
    ("本院特邀美国专家亲自坐诊，干细胞抗衰效果立竿见影。", {GUA, END}),
    ("干细胞美容，让您返老还童、重返青春，效果保证满意。", {GUA}),
    ("细胞疗法治疗帕金森病成功率达85%，远高于药物治疗。", {RATE, CMP}),
    ("我们是华南地区唯一一家获得资质的干细胞机构。", {SUP}),
    ("三位老病友现身说法，讲述干细胞治疗后的变化。", {END}),
    ("打了干细胞后我的血糖恢复正常，再也不用打胰岛素了！", {IMP}),
    ("干细胞临床研究入组费用为5万元/疗程。", {FEE}),
    ("治疗费用：干细胞回输套餐价 29800元。", {ADV}),
]

NEGATIVE: list[str] = [
    "目前干细胞治疗无法根治糖尿病，患者仍需规范用药。",
    "任何正规医院都不能保证治愈，也无法承诺疗效。",
    "没有任何一家正规医院能给出干细胞治疗的治愈率。",
    "广告法规定，医疗广告不得含有“保证治愈”“最佳”等用语。",
    "市场监管部门近日查处一家诊所，其广告宣称干细胞“包治百病”。",
    "警惕！所谓“无副作用、零风险”的干细胞疗法多为骗局。",
    "干细胞疗法真的能根治慢性肝病吗？",
    "早期诊断是治疗的最佳时机。",
    "早期胃癌的标准术式是根治性切除术。",
    "该研究结果发表在国家级期刊上。",
    "干细胞移植后少数患者可能出现发热、头痛等副作用。",
    "一项纳入120名患者的随机对照试验显示，治疗组与安慰剂组差异无统计学意义。",
    "干细胞疗法目前仍处于临床研究阶段，其长期安全性有待观察。",
    "与安慰剂相比，两组不良事件发生率相近。",
    "患者应在正规医院接受治疗，并遵医嘱定期复查。",
    "任何治疗都不是零风险的，干细胞治疗也不例外。",
    "机构不得向受试者收取干细胞临床研究相关费用。",
    "由于干细胞药物临床研究周期长、费用昂贵，很多项目进展缓慢。",
    "国家卫健委提醒，未经备案的干细胞治疗一律不得收费。",
    "There is no evidence that stem cells can cure autism, and clinics that claim a 90% success rate are misleading.",
    "Regulators have warned clinics that advertise stem cell therapy as risk-free.",
    "Is stem cell therapy the best option for knee arthritis?",
    "第一次注射后，医生会观察患者两个小时。",
    "间充质干细胞是目前临床研究最多的一类干细胞。",
    # Held out, like the last positives.
    "医生提醒，目前没有任何药物能够根治阿尔茨海默病。",
    "记者调查发现，部分机构在宣传中使用“治愈率99%”等夸大用语。",
    "研究者指出，该疗法的有效性和安全性仍需更大样本的试验验证。",
    "这家医院的干细胞科成立于2015年。",
    "与对照组相比，治疗组的肺功能指标改善更明显。",
    "如果出现严重不良反应，应立即停止回输并就医。",
    "受试者参加临床试验无需支付任何费用。",
    "Clinics that promise a cure for ALS are not approved by the FDA.",
    # Added after a look at the dev corpus: a superlative about a journal is not self-promotion.
    "该成果发表在国际顶级医学期刊上。",
]

CASES = POSITIVE + [(s, set()) for s in NEGATIVE]


@pytest.fixture(scope="module")
def kn():
    return load_annotation_knowledge()


def _score(kn) -> tuple[int, int, int, int, list[str]]:
    tp = fp = found = expected = 0
    wrong: list[str] = []
    for sentence, rules in CASES:
        hits = sentence_flags(kn, sentence)
        for rule_id, text in hits:
            if rule_id in rules:
                tp += 1
            else:
                fp += 1
                wrong.append(f"{rule_id} on {text!r} in {sentence}")
        fired = {r for r, _ in hits}
        expected += len(rules)
        found += len(rules & fired)
    return tp, fp, found, expected, wrong


def test_the_sentence_set_is_large_and_half_negative():
    assert len(CASES) >= 40
    assert len(NEGATIVE) >= len(CASES) / 2
    assert len({s for s, _ in CASES}) == len(CASES)


def test_red_flag_precision_and_recall(kn):
    tp, fp, found, expected, wrong = _score(kn)
    precision = tp / (tp + fp)
    recall = found / expected
    assert precision >= 0.9, wrong
    assert recall >= 0.85, (found, expected)


def test_negative_sentences_fire_nothing(kn):
    fired = {s: sentence_flags(kn, s) for s in NEGATIVE}
    assert {s: h for s, h in fired.items() if h} == {}


def test_every_rule_has_positive_cases():
    ids = {r.id for r in load_annotation_knowledge().red_flags.rules}
    covered = set().union(*(rules for _, rules in POSITIVE))
    assert ids == covered


@pytest.mark.parametrize(("sentence", "reason"), [
    ("目前干细胞治疗无法根治糖尿病。", "negation"),
    ("广告法规定，医疗广告不得出现“根治”。", "report"),
    ("干细胞真的能根治糖尿病吗？", "question"),
    ("早期胃癌可以做根治性切除术。", "exclude"),
])
def test_guards_say_why_a_match_is_dropped(kn, sentence, reason):
    rule = next(r for r in kn.red_flags.rules if r.id == GUA)
    k = sentence.index("根治")
    assert drop_reason(kn.red_flags, rule, sentence, k, k + 2) == reason


def test_hits_carry_basis_and_offsets(kn):
    text = "干细胞科普\n本院干细胞技术全国领先。\n参考文献\n[1] 最佳实践指南"
    body_end = text.index("参考文献")
    hits = find_red_flags(kn, text, body_end, (), (), has_mentions=False)
    assert [(h.rule_id, h.basis_id, h.law, h.law_article, h.law_item, h.location) for h in hits] == [
        (SUP, "ad_law_9_3", "中华人民共和国广告法", "第九条", "(三)", "article")]
    h = hits[0]
    assert text[h.start_char:h.end_char] == "全国领先" == h.matched_text
    assert h.sentence == "本院干细胞技术全国领先。"
    assert (h.cut_no, h.chrome_text, h.chrome_start) == (None, None, None)


def _page(kn, main_text: str, cut: list[str], has_mentions: bool = True):
    signals = find_signals(load_rules(), main_text, cut)
    chrome = [ChromeLine(i, t) for i, t in enumerate(cut)]
    return find_red_flags(kn, main_text, len(main_text), chrome, signals, has_mentions)


def test_health_page_with_a_hotline_in_the_chrome_is_a_disguised_ad(kn):
    main = "干细胞能治疗膝关节炎吗\n膝关节炎是一种退行性疾病，干细胞治疗目前仍在研究中。"
    cut = ["首页 > 健康科普", "咨询热线：400-123-4567", "免费在线咨询"]
    hits = [h for h in _page(kn, main, cut) if h.rule_id == ADV]
    assert [(h.location, h.matched_text, h.cut_no, h.chrome_start, h.basis_id) for h in hits] == [
        ("chrome", "400-123-4567", 1, 5, "internet_ad_8"),
        ("chrome", "免费在线咨询", 2, 0, "internet_ad_8")]
    assert all(h.law_article == "第八条" for h in hits)


def test_contact_in_the_article_gets_main_text_offsets(kn):
    main = "干细胞治疗糖尿病的原理\n干细胞可以分化为胰岛细胞。预约请加微信：stemcell88"
    hits = [h for h in _page(kn, main, []) if h.rule_id == ADV]
    assert len(hits) == 1 and hits[0].location == "article"
    assert main[hits[0].start_char:hits[0].end_char] == "stemcell88"


def test_no_disguised_ad_without_health_content_or_without_contacts(kn):
    assert not [h for h in _page(kn, "公司年会通知\n今年年会在杭州举行。", ["联系电话：0571-88886666"], False)
                if h.rule_id == ADV]
    # A content site's own customer-service link is not the provider's contact line.
    assert not [h for h in _page(kn, "干细胞治疗的原理\n干细胞可以修复组织。", ["联系客服"]) if h.rule_id == ADV]


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    d = tmp_path / "data"
    shutil.copytree(DATA_DIR, d)
    p = d / "rules" / "red_flags.yaml"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return d


@pytest.mark.parametrize(("old", "new", "message"), [
    ("basis: ad_law_9_3", "basis: ad_law_99", "rule superlative: unknown basis 'ad_law_99'"),
    ("'国家级|最高级", "'国家级(|最高级", "rule superlative patterns[0]: invalid regex"),
    ("scope: both\n    guards: [negation, report, question]\n    patterns:\n      - '根治",
     "scope: page\n    guards: [negation, report, question]\n    patterns:\n      - '根治",
     "rule efficacy_safety_guarantee: scope 'page'"),
    ("guards: [negation, report, question]", "guards: [negation, maybe]", "rule superlative: guards"),
])
def test_a_broken_rule_file_names_file_line_and_rule(tmp_path, old, new, message):
    d = _broken_copy(tmp_path, old, new)
    with pytest.raises(RulesError) as err:
        load_annotation_knowledge(str(d))
    text = str(err.value)
    assert "red_flags.yaml:" in text and message in text
    assert err.value.line is not None


def test_cue_scans_stop_at_the_scan_limit(kn, monkeypatch):
    import etl.annotate.annotations as ann

    text = "干细胞科普\n" + "干细胞治疗仍在研究中。" * 10 + "本院技术全国领先。"
    cut = [("footer", "全国领先的干细胞机构"), ("footer", "顶级专家团队")]

    def flags() -> list[tuple[str, str]]:
        a = ann.annotate(kn, main_text=text, body_end=len(text), sections=[], citations=[], cut=cut, signals=[],
                         mentions=[], author=None, published_date=None, date_source=None)
        return [(f.location, f.matched_text) for f in a.red_flags]

    assert flags() == [("article", "全国领先"), ("chrome", "全国领先"), ("chrome", "顶级")]
    monkeypatch.setattr(ann, "MAX_SCAN_CHARS", 60)    # the article's flag stands after character 60
    assert flags() == [("chrome", "全国领先"), ("chrome", "顶级")]
    monkeypatch.setattr(ann, "MAX_SCAN_CHARS", 11)    # ... and the second chrome line after the first 11
    assert flags() == [("chrome", "全国领先")]
    assert [ln.text for ln in ann.chrome_lines(cut, "", 12)] == ["全国领先的干细胞机构", "顶级"]
