"""Stance of a mention: scope, questions, reported claims, absence, English, wrapped lines.

Sentences written for these tests; each names the rule it checks.
"""

from __future__ import annotations

import pytest

from etl.annotate.mentions import Mention, find_mentions
from etl.knowledge.lexicon import load_lexicon, load_triggers


def mentions(text: str) -> list[Mention]:
    return find_mentions(load_lexicon(), load_triggers(), text, len(text))


def stance_of(text: str, surface: str) -> Mention:
    ms = [m for m in mentions(text) if m.surface == surface]
    assert ms, f"{surface!r} not found in {text!r}"
    return ms[0]


def assert_stance(text: str, surface: str, context: str) -> None:
    m = stance_of(text, surface)
    assert m.context == context, (m.context, m.trigger)


@pytest.mark.parametrize("text", [
    "干细胞可以治疗帕金森病吗？",
    "干细胞能治疗帕金森病吗",
    "请问干细胞是否能治疗帕金森病",
    "干细胞治疗帕金森病真的有效吗?",
    "Can stem cells cure Parkinson's disease?",
    "脐带血能不能治好脑瘫呢？",
])
def test_questions_are_hedged_never_asserted(text: str) -> None:
    m = next(m for m in mentions(text))
    assert m.context == "hedged", (text, m.context, m.trigger)


@pytest.mark.parametrize(("text", "surface"), [
    ("什么是帕金森病？", "帕金森病"),
    ("为什么干细胞受到糖尿病患者关注？", "糖尿病"),
    ("干细胞注射治疗糖尿病安全吗？", "糖尿病"),
])
def test_questions_about_definitions_or_safety_stay_neutral(text: str, surface: str) -> None:
    assert stance_of(text, surface).context == "neutral"


def test_morphine_is_not_a_question() -> None:
    # 吗 asks only at the end of a clause; 吗啡 is a drug.
    assert stance_of("干细胞可以治疗糖尿病，无需吗啡镇痛。", "糖尿病").context == "asserted"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("该诊所宣传干细胞能治愈糖尿病。", "糖尿病", "asserted"),
    ("有商家声称干细胞可以治疗自闭症，但没有任何证据。", "自闭症", "negated"),   # rebutted in the sentence
    ("所谓的干细胞抗衰老疗法，号称能治疗阿尔茨海默病，其实没有证据。", "阿尔茨海默病", "negated"),
    ("The clinic claims its injections cure diabetes.", "diabetes", "asserted"),
    ("So-called stem cell cures for autism are unproven.", "autism", "negated"),
])
def test_reported_claims_are_flagged(text: str, surface: str, context: str) -> None:
    m = stance_of(text, surface)
    assert m.reported and m.context == context, (m.context, m.trigger, m.reported)


def test_own_voice_is_not_reported() -> None:
    m = stance_of("我院采用干细胞治疗糖尿病，效果显著。", "糖尿病")
    assert m.context == "asserted" and not m.reported


def test_scope_ends_at_but() -> None:
    text = "干细胞不能治愈糖尿病，但可以改善糖尿病足的症状。"
    assert stance_of(text, "糖尿病").context == "negated"
    assert stance_of(text, "糖尿病足").context == "asserted"


def test_scope_ends_with_the_clause_chain() -> None:
    # The hedge sits three clauses away from 高血压: out of scope.
    text = "干细胞研究有望带来新疗法，患者需要定期复查，饮食要清淡，高血压患者应按时服药。"
    assert stance_of(text, "高血压").context == "neutral"


def test_a_trigger_far_away_in_unpunctuated_text_never_applies() -> None:
    filler = "患者每天坚持散步并记录饮食情况和睡眠时间以便复诊时交给医生参考" * 6
    text = "干细胞可以治愈" + filler + "高血压患者也要按时服药"
    assert len(filler) > 150
    assert stance_of(text, "高血压").context == "neutral"


def test_a_long_list_stays_in_scope() -> None:
    text = ("干细胞已成功用于治疗白血病、再生障碍性贫血、地中海贫血、淋巴瘤、多发性骨髓瘤、"
            "系统性红斑狼疮、类风湿关节炎、克罗恩病、帕金森病和糖尿病。")
    assert stance_of(text, "糖尿病").context == "asserted"


def test_a_claim_that_reaches_new_diseases() -> None:
    assert stance_of("细胞治疗已从血液病扩展至实体瘤，如乳腺癌。", "实体瘤").context == "asserted"


def test_a_claim_with_no_evidence_behind_it() -> None:
    text = "号称能治愈肝硬化的项目很多，九成处于早期阶段，无任何三期数据支持。"
    m = stance_of(text, "肝硬化")
    assert m.context == "negated" and m.reported


def test_an_indication_list_across_commas() -> None:
    text = "干细胞治疗的适应症为,1型糖尿病,糖尿病肾病,糖尿病足"
    assert {m.surface: m.context for m in mentions(text)}["糖尿病足"] == "asserted"


@pytest.mark.parametrize(("text", "surface"), [
    ("干细胞注射无感染、出血等风险。", "出血"),
    ("细胞来源于自身，可避免免疫排斥反应。", "免疫排斥反应"),
    ("目前尚无肝性脑病的相关报道。", "肝性脑病"),
    ("目前尚无证据表明干细胞能治疗自闭症。", "自闭症"),
    ("随访期间几乎没有发热病例。", "发热"),
    ("非恶性肿瘤患者方可入组。", "恶性肿瘤"),
    ("干细胞并非能够治愈帕金森病。", "帕金森病"),
    ("干细胞对渐冻症的疗效十分有限。", "渐冻症"),
])
def test_absence_avoidance_and_denial_are_negated(text: str, surface: str) -> None:
    m = stance_of(text, surface)
    assert m.context == "negated", (m.context, m.trigger)


@pytest.mark.parametrize(("text", "surface"), [
    ("自闭症并非单一疾病，而是一组症状。", "自闭症"),
    ("渐冻症不是一种传染病。", "渐冻症"),
    ("渐冻症目前仍无有效的治疗药物。", "渐冻症"),
])
def test_definitions_are_not_denials(text: str, surface: str) -> None:
    assert stance_of(text, surface).context == "neutral"


@pytest.mark.parametrize(("text", "surface"), [
    ("注射后可能导致感染。", "感染"),
    ("部分患者可能出现发热和头痛。", "发热"),
])
def test_possible_side_effects_are_neutral(text: str, surface: str) -> None:
    assert stance_of(text, surface).context == "neutral"


def test_non_small_cell_lung_cancer_is_not_negated() -> None:
    # 非 belongs to the disease name here, not to the sentence.
    m = stance_of("干细胞可以治疗非小细胞肺癌。", "非小细胞肺癌")
    assert m.context == "asserted"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Stem cells may help patients with Parkinson's disease.", "Parkinson's disease", "hedged"),
    ("Mesenchymal cells could one day treat type 1 diabetes.", "type 1 diabetes", "hedged"),
    ("There is no evidence that stem cells cure autism.", "autism", "negated"),
    ("These injections are not approved for knee osteoarthritis.", "knee osteoarthritis", "negated"),
    ("The therapy is effective for leukemia in children.", "leukemia", "asserted"),
    ("Bone marrow transplants are used to treat leukemia.", "leukemia", "asserted"),
    ("Diabetes affects millions of adults.", "Diabetes", "neutral"),
    ("There is no cure for ALS yet.", "ALS", "neutral"),
    ("Stem cells cannot cure ALS.", "ALS", "negated"),
    ("The approved therapy, which costs 36,000 yuan, targets knee osteoarthritis.", "knee osteoarthritis", "asserted"),
    ("Eligibility: adults with heart failure, diabetes, or chronic kidney disease.", "chronic kidney disease",
     "asserted"),
    ("These cells might cause infection.", "infection", "neutral"),
    # English clause scope: a contrast ends it; trial stage hedges; "not a cure" denies.
    ("Cells may one day help, but today diabetes is managed with insulin.", "diabetes", "neutral"),
    ("No product is approved for autism, although some clinics treat Parkinson's disease with cells.",
     "Parkinson's disease", "asserted"),
    ("Stem cell therapy is not a cure for diabetes.", "diabetes", "negated"),
    ("Patients with lupus were treated with donor cells in a phase 2 trial.", "lupus", "hedged"),
    ("Daily insulin remains the standard therapy for type 1 diabetes.", "type 1 diabetes", "neutral"),
    ("Teams are testing whether the cells can slow multiple sclerosis.", "multiple sclerosis", "hedged"),
])
def test_english_triggers(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


def test_english_words_match_whole_words_only() -> None:
    # "cure" inside "secure", "may" inside "mayor": no trigger.
    assert stance_of("The mayor met diabetes patients at a secure site.", "diabetes").context == "neutral"


def test_english_sentences_end_at_a_full_stop() -> None:
    text = "Stem cells may help in future. Diabetes affects many adults, e.g. older ones."
    assert stance_of(text, "Diabetes").context == "neutral"


def test_hard_wrapped_lines_are_joined() -> None:
    # Text wrapped at a fixed width: the claim on line 2 reaches the disease on line 3.
    text = ("本院多年来开展干细胞移植技术的临床实践，积累了\n"
            "丰富的经验，实践证明该技术可以有效治疗严重的\n"
            "糖尿病足和下肢缺血等疾病，患者恢复良好。")
    assert stance_of(text, "糖尿病足").context == "asserted"
    # The same lines as separate paragraphs (end punctuation) stay apart.
    apart = "本院多年来开展干细胞移植技术的临床实践。\n实践证明该技术可以有效治疗。\n糖尿病足是常见并发症。"
    assert stance_of(apart, "糖尿病足").context == "neutral"
    wrapped = ("我们的团队多年来一直在研究干细胞的临床应用效果\n"
               "目前干细胞治疗帕金森病的研究仍处于临床试验阶\n"
               "段。阿尔茨海默病患者的家属常常来院咨询相关问题。")
    assert stance_of(wrapped, "帕金森病").context == "hedged"
    assert stance_of(wrapped, "阿尔茨海默病").context == "neutral"


def test_headings_are_not_joined() -> None:
    """The heading stays a sentence of its own (its stance comes from the paragraph under it only by
    the rule for numbered headings, test_a_numbered_heading_that_only_names_diseases_…)."""
    text = "二、糖尿病\n干细胞可以改善胰岛功能。"
    assert "干细胞" not in stance_of(text, "糖尿病").sentence
    assert stance_of("二、糖尿病患者\n干细胞可以改善胰岛功能。", "糖尿病").context == "neutral"


def test_traditional_and_pinyin_debris_keep_offsets() -> None:
    text = "幹細(xì)胞能否治療漸凍癥？醫(yī)生說(shuō)仍處於臨床試驗階段。"
    m = stance_of(text, "漸凍癥")
    assert m.context == "hedged"
    assert text[m.start_char:m.end_char] == "漸凍癥" and m.surface in m.sentence


def test_stance_on_a_long_dense_sentence() -> None:
    # One unpunctuated "sentence" with mentions and triggers every few characters: every mention is
    # found with its own clause's stance. (Its speed is measured in benchmarks/bench_matcher.py,
    # not here: a timed test fails on a busy machine.)
    unit = "幹細(xì)胞可能治療糖尿病，無感染風險但無法根治高血壓"
    text = unit * 2_000
    ms = mentions(text)
    assert len(ms) == 6_000
    assert all(text[m.start_char:m.end_char] == m.surface for m in ms)
    assert [m.context for m in ms[:3]] == [m.context for m in mentions(unit)]


def test_a_term_split_by_a_wrap_still_matches() -> None:
    text = ("本院多年来开展干细胞移植技术的临床实践，积累了\n"
            "丰富的经验，实践证明该技术可以有效治疗严重的糖尿\n"
            "病足和下肢缺血等疾病，患者恢复良好。")
    m = stance_of(text, "糖尿\n病足")
    assert m.concept_id == "diabetic_foot" and m.context == "asserted"
    assert text[m.start_char:m.end_char] == m.surface and m.surface in m.sentence


# ---- Guideline structures (the dev corpus README's "Context" section), each on sentences written here.

@pytest.mark.parametrize(("text", "surface", "context"), [
    # A study's finding quoted without rebuttal is asserted; a hedge or a denial inside it still wins.
    ("一项对照试验显示，接受脐带血回输的孤独症儿童社交评分明显上升。", "孤独症", "asserted"),
    ("研究发现，干细胞或许能延缓帕金森病的进展。", "帕金森病", "hedged"),
    ("调查显示，我国成人糖尿病的患病率逐年上升，研究表明与饮食有关。", "糖尿病", "neutral"),
    ("Studies have shown that patients with heart failure walked further after the infusion.", "heart failure",
     "asserted"),
    # A debunked myth is negated.
    ("误区三：干细胞可以根治糖尿病。", "糖尿病", "negated"),
    ("It is a myth that stem cells cure autism.", "autism", "negated"),
    # Research or trial stage, feasibility, outcomes that depend on something: hedged.
    ("细胞疗法的相关研究近年进展迅速，例如针对脊髓损伤和脑卒中。", "脑卒中", "hedged"),
    ("团队正在为新试验招募渐冻症志愿者。", "渐冻症", "hedged"),
    ("研究者评估了间充质干细胞改善肝硬化的可行性。", "肝硬化", "hedged"),
    ("疗效如何，取决于骨关节炎的分期。", "骨关节炎", "hedged"),
    ("The program aims to ease seizures in children with epilepsy.", "epilepsy", "hedged"),
    # The treatment presented as working for, fit for or priced for the disease: asserted.
    ("干细胞回输可减少哮喘的发作次数。", "哮喘", "asserted"),
    ("该疗法适合早期肝硬化患者。", "肝硬化", "asserted"),
    ("该疗法不适合晚期肝硬化患者。", "肝硬化", "negated"),
    ("细胞治疗价目：膝骨关节炎 3.6万元/疗程。", "膝骨关节炎", "asserted"),
    ("The price sheet lists rheumatoid arthritis (48,000 yuan per course).", "rheumatoid arthritis", "asserted"),
])
def test_guideline_structures(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    # Conventional (non-cell) treatment is neutral; a sentence that names a cell treatment keeps its claim.
    ("二甲双胍等降糖药物可以有效控制糖尿病患者的血糖。", "糖尿病", "neutral"),
    ("每日注射胰岛素仍是1型糖尿病的标准疗法。", "1型糖尿病", "neutral"),
    ("与降糖药物相比，干细胞可以改善糖尿病患者的胰岛功能。", "糖尿病", "asserted"),
    ("无需手术，一次注射即可改善膝骨关节炎。", "膝骨关节炎", "asserted"),
    # Absence stays negated even beside conventional care.
    ("与肾移植不同，该方法几乎没有免疫排斥反应。", "免疫排斥反应", "negated"),
    # Side effects and risks are neutral; a claim of no side effects is not one.
    ("发热是最常见的副作用，通常休息后即可好转。", "发热", "neutral"),
    ("回输后的头痛可能会持续数小时。", "头痛", "neutral"),
    ("即使严格消毒，也无法完全避免出血。", "出血", "neutral"),
    ("干细胞治疗膝骨关节炎无副作用。", "膝骨关节炎", "asserted"),
])
def test_conventional_care_and_side_effects(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    # A named treatment as the subject of a heading or a definition question is not a claim ...
    ("细胞疗法治疗帕金森病的作用机制\n", "帕金森病", "neutral"),
    ("什么是间充质细胞治疗糖尿病？", "糖尿病", "neutral"),
    # ... a promotional heading or a verb claim is.
    ("干细胞治疗帕金森病：疗程与费用\n", "帕金森病", "asserted"),
    ("干细胞能治疗糖尿病的原理在于修复胰岛。", "糖尿病", "asserted"),
])
def test_topics_and_definitions(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


def test_a_hedge_judges_the_claim_only_from_the_next_clause() -> None:
    assert stance_of("干细胞可以治疗白血病，目前仍处于探索阶段。", "白血病").context == "hedged"
    far = "造血干细胞移植治疗白血病，技术已经成熟，其他疾病的治疗仍处于探索阶段。"
    assert stance_of(far, "白血病").context == "asserted"


def test_an_exception_ends_the_scope() -> None:
    # 除X外，其他…: what follows speaks of the others, not of X.
    m = stance_of("除骨髓移植治疗白血病外，别的细胞疗法都未获批准。", "白血病")
    assert m.context == "asserted", (m.context, m.trigger)


def test_scare_quoted_marketing_terms_are_hedged() -> None:
    # A marketing term held in quotes, and a reported claim beside a scare quote, are kept at a distance.
    assert stance_of("网上到处是“细胞抗衰老”套餐的广告。", "衰老").context == "hedged"
    m = stance_of("有商家声称干细胞能治好糖尿病，堪称“万能细胞”。", "糖尿病")
    assert m.context == "hedged" and m.reported, (m.context, m.trigger, m.reported)


def test_an_english_list_is_measured_in_words() -> None:
    # An eligibility list reaches its last item although the English runs past 150 characters.
    text = ("Eligibility: adults who have tried standard care for at least one full year without success, for "
            "instance those living with long-standing rheumatoid arthritis and, in a second group, chronic kidney disease.")
    assert text.index("chronic") - len("Eligibility") > 150
    m = stance_of(text, "chronic kidney disease")
    assert m.context == "asserted", (m.context, m.trigger)


@pytest.mark.parametrize("text", [
    "本中心细胞治疗范围：\n1. 帕金森病\n2. 肝硬化\n3. 渐冻症\n",
    "适应症\n帕金森病\n肝硬化\n渐冻症",
    "可治疗的疾病：\n- 帕金森病；\n- 肝硬化；\n- 渐冻症。",
    "细胞疗法能治疗哪些疾病？\n1. 帕金森病\n2. 肝硬化\n3. 渐冻症",
])
def test_items_under_a_treatment_list_heading_are_asserted(text: str) -> None:
    assert {m.surface: m.context for m in mentions(text)} == {"帕金森病": "asserted", "肝硬化": "asserted",
                                                             "渐冻症": "asserted"}


def test_list_headings_reach_only_their_items() -> None:
    en = "Conditions we treat:\n- Parkinson's disease\n- type 1 diabetes"
    assert {m.context for m in mentions(en)} == {"asserted"}
    # An item with its own hedge keeps it; a paragraph ends the list.
    text = ("适应症：\n肝硬化\n渐冻症（临床试验阶段）\n"
            "本院的医生团队每周会对所有接受回输的患者进行随访评估，并记录各项指标的变化，帕金森病患者也不例外。")
    got = {m.surface: m.context for m in mentions(text)}
    assert got == {"肝硬化": "asserted", "渐冻症": "hedged", "帕金森病": "neutral"}, got
    # A list of risks or symptoms under its heading is no claim.
    assert {m.context for m in mentions("回输后可能出现的不良反应：\n发热\n头痛")} == {"neutral"}
    assert {m.context for m in mentions("常见症状：\n发热\n头痛")} == {"neutral"}
    # A question that is not asking for the list heads nothing.
    assert stance_of("细胞疗法能治疗帕金森病吗？\n肝硬化", "肝硬化").context == "neutral"
    # A bare line must name a list: a page title above a numbered section heading is not one.
    assert stance_of("细胞治疗\n一、帕金森病\n患者常有震颤。", "帕金森病").context == "neutral"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("国家从未批准任何干细胞产品用于治疗高血压。", "高血压", "negated"),
    ("目前国家没有批准任何干细胞产品用于脑瘫。", "脑瘫", "negated"),
    ("没有任何干细胞疗法被证明能逆转渐冻症。", "渐冻症", "negated"),
    ("目前没有获批上市的干细胞产品可以用于糖尿病。", "糖尿病", "negated"),
    ("国家没有批准干细胞在临床上的使用，除了骨髓干细胞移植治疗白血病。", "白血病", "asserted"),
    ("臍帶血幹細胞可望改善腦性麻痺孩童的運動功能。", "腦性麻痺", "hedged"),
    ("关节腔注射干细胞可有效缓解膝骨关节炎患者的疼痛。", "膝骨关节炎", "asserted"),
    ("间充质干细胞已在狼疮性肾炎中得到应用。", "狼疮性肾炎", "asserted"),
    ("Cell therapy did not improve heart failure in the trial.", "heart failure", "negated"),
    ("There is no approved stem cell treatment for macular degeneration.", "macular degeneration", "negated"),
    ("Clinics sell the same injections for glaucoma, without evidence.", "glaucoma", "negated"),
])
def test_denials_exceptions_and_claims_in_more_wordings(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


def test_an_introduction_may_stand_between_a_list_heading_and_its_items() -> None:
    """A clinic's Conditions We Treat page: heading, a paragraph, then items grouped under short
    category lines; English items are measured in words (a 51-character item is 16 units)."""
    text = ("Conditions We Treat\n"
            "Our doctors use cultured cord-blood cells to help adults with long-standing conditions of many kinds.\n"
            "Joints\nHip and shoulder osteoarthritis\nDegenerative disc disease and chronic low back pain\n"
            "Nerves\nParkinson's disease\n")
    got = {m.surface: m.context for m in mentions(text)}
    assert got == {"osteoarthritis": "asserted", "Degenerative disc disease": "asserted",
                   "low back pain": "asserted", "Parkinson's disease": "asserted"}, got
    # Only one paragraph, and only a heading above it: a page title two paragraphs up heads nothing.
    text = ("Conditions We Treat\n" + "Our doctors use cultured cord-blood cells to help adults with long-standing "
            "conditions of many kinds, and they follow each patient.\n" * 2 + "Parkinson's disease\n")
    assert stance_of(text, "Parkinson's disease").context == "neutral"


@pytest.mark.parametrize("text", [
    "干细胞适用病症\n一、神经系统\n帕金森病、脊髓损伤\n二、肝脏\n肝硬化\n",
    "干细胞可以治疗的疾病\n1、帕金森病。干细胞可以分化为多种神经细胞。\n2、肝硬化。一个疗程后肝功能指标改善。\n3、脊髓损伤。\n",
    "Most clinics we visited list the following conditions:\nParkinson's disease and spinal cord injury in adults\n"
    "Liver cirrhosis\n",
])
def test_bare_list_headings_numbered_paragraphs_and_following_conditions(text: str) -> None:
    """A bare heading naming a list (适用病症, 可以治疗的疾病), the label of each numbered paragraph
    (1、X。prose), and "the following conditions:" head their items."""
    got = {m.surface: m.context for m in mentions(text) if m.surface in ("帕金森病", "脊髓损伤", "肝硬化",
                                                                        "Parkinson's disease", "spinal cord injury",
                                                                        "Liver cirrhosis")}
    assert got and set(got.values()) == {"asserted"}, got
    # The prose of a numbered paragraph keeps its own stance.
    text = "干细胞可以治疗的疾病\n1、肝硬化。一些医生认为糖尿病也可能受益。\n"
    assert stance_of(text, "糖尿病").context == "hedged"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("衛福部並未核准任何幹細胞療法用於失智症。", "失智症", "negated"),
    ("卵巢早衰並不在核准的適應症內。", "卵巢早衰", "negated"),
    ("Possible side effects include low-grade fever, headache and temporary fatigue.", "headache", "neutral"),
    ("Possible side effects include low-grade fever, headache and temporary fatigue.", "fatigue", "neutral"),
    ("副作用少，可有效治疗糖尿病。", "糖尿病", "asserted"),
])
def test_taiwan_approval_wording_and_side_effect_lists(text: str, surface: str, context: str) -> None:
    """核准 is Taiwan's 批准 (an unapproved treatment, 未經核准的, denies nothing); a list of side
    effects after its cue is neutral, unless another cue stands between (a claim after 副作用少)."""
    assert_stance(text, surface, context)
    assert stance_of("未經核准的細胞治療可能引發感染。", "感染").context != "negated"


@pytest.mark.parametrize(("text", "surface"), [
    ("脐带间充质干细胞治疗膝骨关节炎有效性与安全性的Meta分析", "膝骨关节炎"),
    ("自体骨髓干细胞治疗肝硬化的随机对照研究", "肝硬化"),
    ("Cultured stromal cells are attractive candidates for sepsis and lung injury.", "sepsis"),
])
def test_trials_reviews_and_candidates_are_research_stage(text: str, surface: str) -> None:
    """A paper's title naming its design (a randomised trial, a meta-analysis) or cells called
    candidates: research, so hedged, not a claim (they read as asserted or neutral)."""
    assert_stance(text, surface, "hedged")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Knee osteoarthritis: $4,500", "Knee osteoarthritis", "asserted"),
    ("Autism and cerebral palsy: $15,000", "cerebral palsy", "asserted"),
    ("帕金森病综合疗程 HK$198,000起", "帕金森病", "asserted"),
    ("糖尿病每年造成的医疗支出超过千亿元，患者负担沉重，需要长期用药和定期复查血糖。", "糖尿病", "neutral"),
    ("再生医疗法要求通报不良反应，例如发烧、过敏或感染等事件，违规者最高可罚2000万元。", "感染", "neutral"),
])
def test_a_price_beside_a_mention_prices_a_treatment_for_it(text: str, surface: str, context: str) -> None:
    """A price list line, or a price in the clause of a sentence naming a cell treatment, is
    "priced for" (asserted); an expense in a long sentence, or a fine in another clause, is not."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("这些机构往往同时宣传能治帕金森病、脊髓损伤，同样没有可靠证据。", "帕金森病", "negated"),
    ("部分门店宣称可治疗哮喘、痛风等，均缺乏充分的科学依据。", "痛风", "negated"),
    ("有诊所声称干细胞可治中风及糖尿病，市民切勿轻信。", "糖尿病", "negated"),
    ("被告虚构“回输干细胞可以治愈癌症、尿毒症”等事实骗取钱财。", "尿毒症", "negated"),
    ("该诊所宣传干细胞能治愈糖尿病。", "糖尿病", "asserted"),
    ("确诊狼疮后应规范治疗，不要轻信网上的各种说法。", "狼疮", "neutral"),
])
def test_a_claim_reported_then_rebutted_in_the_sentence_is_negated(text: str, surface: str, context: str) -> None:
    """The guidelines' "a claim quoted without rebuttal in the same sentence is asserted", read
    the other way round: a denial after a reported claim (宣传…，没有可靠证据; 声称…，切勿轻信;
    虚构“…”) negates it. Unrebutted, it stays asserted; 切勿轻信 alone rebuts nothing before it."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("坊间流传的“脐带血可以治疗哮喘、延缓衰老”，至今都没有足够的证据支持。", "哮喘", "negated"),
    ("街坊群里说\"两次回输治愈痛风\"的，大家千万别信。", "痛风", "negated"),
    ("某些宣传单上“一针根治类风湿关节炎”的说法缺乏充分证据。", "类风湿关节炎", "negated"),
    ("该店宣传“干细胞治疗肝硬化，有效率达九成”，经查所称疗效无临床数据支持。", "肝硬化", "negated"),
    ("Flyers promise that \"stem cells reverse emphysema\", a claim with no evidence behind it.", "emphysema", "negated"),
    # a scare-quoted slogan whose sentence goes on to deny something else stays as it was
    ("打着“干细胞根治痛风”旗号收费的几家门店，都没有获得批准。", "痛风", "hedged"),
    ("她看到“干细胞逆转痛风”的广告后做了三次，病情却没有任何改善。", "痛风", "hedged"),
    ("「自體脂肪幹細胞治療退化性關節炎」是開放項目之一，診所不能自行施打。", "退化性關節炎", "asserted"),
    ("院长介绍说：“我们的干细胞疗法可以治疗哮喘，很多患者已经停药。”", "哮喘", "asserted"),
])
def test_a_quoted_claim_rebutted_after_the_quote_is_negated(text: str, surface: str, context: str) -> None:
    """Words in quotation marks are someone else's claim: a denial after the quotation that says
    the claim is not to be believed (没有证据, 缺乏…证据, 无…数据支持, 别信, 不可信, no evidence)
    negates it even with no 宣称 before it. A denial of something else (not approved, no
    improvement, not allowed) leaves the quotation a scare-quoted term or a plain claim."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("“打了这几针，你爸的痛风和哮喘都能好。”回想起那场推销会，她仍然后悔。", "痛风", "asserted"),
    ("“只要回输一次干细胞，痛风、哮喘都能慢慢停药。”", "哮喘", "asserted"),
    ("销售顾问说：“打一针年轻十岁，失眠、中风后遗症都能调理。”", "失眠", "asserted"),
    ("主管机关统计，已核准两百多件细胞治疗计划，其中以退化性关节炎最多。", "退化性关节炎", "asserted"),
])
def test_a_sellers_all_can_be_cured_and_the_most_approved_use(text: str, surface: str, context: str) -> None:
    """Read sets ab, ag, b, cb, cd, cg and the Taiwan statistics of ae, ag, am, d, m, z (2026-12-07,
    seventh session): X、Y都能好/调理/停药 is a claim of what a treatment does for the diseases named
    before it; 已核准的计划，其中以X最多 says what approved treatment is mostly for."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("合作诊所宣称可改善的症状\n・退化性膝关节炎、运动伤害\n・哮喘、慢性疲劳", "哮喘", "asserted"),
    ("干细胞可治疗的疾病\n・退化性膝关节炎\n不适合的人\n正在接受癌症治疗、怀孕中、有严重心脏病者，诊所通常会婉拒。", "心脏病", "neutral"),
    ("适应症\n・膝骨关节炎\n・股骨头坏死\n禁忌症\n・恶性肿瘤\n・活动性感染", "恶性肿瘤", "neutral"),
    ("适应症\n・膝骨关节炎\n・股骨头坏死\n禁忌症\n・恶性肿瘤\n・活动性感染", "股骨头坏死", "asserted"),
])
def test_an_exclusion_heading_ends_the_asserted_list_above_it(text: str, surface: str, context: str) -> None:
    """Blind set cg (read; 2026-12-07, seventh session): a list heading of what a treatment improves
    (可改善的症状) asserts its items; a short heading of who is not treated (不适合的人, 禁忌症) under
    it starts a list of its own: the asserted heading above no longer reaches its items."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("有商家声称干细胞可『逆转』痛风或哮喘，这些说法并未获证实。", "哮喘", "negated"),
    ("目前，间充质干细胞用于狼疮、肝硬化等疾病的研究仍在进行中。", "肝硬化", "hedged"),
    ("造血干细胞移植已成为治疗白血病、淋巴瘤等血液系统疾病的重要手段。", "淋巴瘤", "asserted"),
    ("化疗是治疗白血病的常规手段。", "白血病", "neutral"),   # conventional care, no cell treatment named
])
def test_use_in_research_established_means_and_unconfirmed_claims(text: str, surface: str, context: str) -> None:
    """Blind set ck (read; 2026-12-07, seventh session): 用于X的研究 is research, not use (hedged);
    已成为治疗X的重要手段 presents an established use (asserted); 这些说法并未获证实 rebuts a
    reported claim (negated)."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("The company moved its cell therapy into Phase 2 for heart failure last year.", "heart failure"),
    ("该公司针对克罗恩病肛瘘的干细胞研发管线进展顺利。", "克罗恩病肛瘘"),
    ("其干细胞新药治疗膝骨关节炎已进入II期临床。", "膝骨关节炎"),
])
def test_trial_phases_and_pipelines_are_research_stage(text: str, surface: str) -> None:
    assert_stance(text, surface, "hedged")


def test_a_phase_word_is_matched_as_a_word() -> None:
    assert stance_of("Cells were given in phase in which heart failure was stable.", "heart failure").context == "neutral"


@pytest.mark.parametrize(("text", "surface", "context"), [
    # An outcome reported after the treatment: the treatment presented as working.
    ("做完两次细胞回输后，她的湿疹基本消失了。", "湿疹", "asserted"),
    ("儿子的癫痫发作次数减少，已经能上幼儿园。", "癫痫", "asserted"),
    ("治疗三个月后关节肿胀消退。", "肿胀", "asserted"),
    ("多年的银屑病终于在细胞输注后得到控制。", "银屑病", "asserted"),
    ("结论：脐带MSC局部注射可促进压疮愈合，安全性良好。", "压疮", "asserted"),
    ("结论：关节腔注射可缓解髋关节炎患者的疼痛。", "髋关节炎", "asserted"),
    ("Patients described fewer migraine attacks after the infusions.", "migraine", "asserted"),
    # Established therapies and courses sold for a disease.
    ("骨髓移植早已是治疗地中海贫血的成熟疗法。", "地中海贫血", "asserted"),
    ("另有针对痛风的专属疗程，每次八万元起。", "痛风", "asserted"),
    ("Our 10-day lupus protocol includes two infusions.", "lupus", "asserted"),
    # The same words where they claim nothing.
    ("该患者的压疮久不愈合已有两年。", "压疮", "neutral"),
    ("帕金森病的发生，主要是因为多巴胺神经元逐渐减少。", "帕金森病", "neutral"),
])
def test_outcomes_established_therapies_and_courses_are_asserted(text: str, surface: str, context: str) -> None:
    """A symptom that 消失/减少/消退 after the treatment, a disease 得到控制, 可缓解/可促进…愈合 in a
    conclusion, an established therapy (成熟疗法) and a course or protocol sold for a disease are
    claims that the treatment works; a wound that 久不愈合 or a cell count that 减少 in a
    definition are not."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("合并肾衰竭、严重出血的患者暂不适合。", "肾衰竭", "neutral"),
    ("肿瘤患者、孕妇不建议施打。", "肿瘤", "neutral"),
    ("有心脏病病史者不宜接受回输。", "心脏病", "neutral"),
    ("治疗前全面体检，排除结核等禁忌情况。", "结核", "neutral"),
    ("该疗法不适合晚期肝硬化患者。", "肝硬化", "negated"),
])
def test_a_contraindication_is_a_risk_not_a_denial(text: str, surface: str, context: str) -> None:
    """Who must not be treated (合并X的患者暂不适合, X患者、孕妇不建议施打, 有X病史者不宜) names a risk
    of the treatment, neutral as the guidelines' side effects are; the treatment denied for the
    disease it is sold for stays negated."""
    assert_stance(text, surface, context)


def test_a_contraindication_under_a_list_heading_stays_neutral() -> None:
    text = "哪些肝硬化患者适合干细胞治疗？\n1、代偿期肝硬化患者；\n2、合并肝癌的患者不建议治疗。"
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["肝癌"] == "neutral"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("细胞疗法让渐冻症患者看到了曙光。", "渐冻症", "hedged"),
    ("干细胞对急性心梗的疗效仍无定论。", "急性心梗", "hedged"),
    ("The firm runs preclinical work on cells for Huntington's disease.", "Huntington's disease", "hedged"),
    ("干细胞治疗肺纤维化目前还在研究中。", "肺纤维化", "hedged"),
    ("说“脑瘫孩子打一针就能走路”，这是假的。", "脑瘫", "negated"),
    ("佢讲打完针之后个柏金遜症完全冇改善。", "柏金遜症", "negated"),
    ("医生说脑梗软化灶干细胞是修复不了的。", "脑梗", "negated"),
    ("本中心不提供癌症治疗。", "癌症", "negated"),
    ("宣称能根治痛风的机构，请提高警惕。", "痛风", "negated"),
    ("A large trial in patients with heart failure found no benefit.", "heart failure", "negated"),
    ("输注来源不明的细胞，可能带来发热、皮疹，甚至感染的风险。", "皮疹", "neutral"),
])
def test_hope_open_questions_rumours_and_risks(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("干细胞治疗痛风多少钱一次？", "痛风", "asserted"),
    ("痛风干细胞治疗要多少钱？", "痛风", "asserted"),
    ("How much does stem cell therapy for lupus cost?", "lupus", "asserted"),
    ("干细胞能治疗痛风吗？", "痛风", "hedged"),
    ("痛风吃什么药，多少钱？", "痛风", "neutral"),
])
def test_a_price_question_prices_the_treatment(text: str, surface: str, context: str) -> None:
    """干细胞治疗X多少钱? asks what a treatment sold for X costs ("priced for", asserted), not
    whether it works (能治X吗?, hedged); a price asked of conventional care claims nothing."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    # A comma and a space between two disease names join a list: the cue before it reaches the end.
    ("Our partner clinics treat lupus, psoriasis, Crohn's disease, gout and asthma with cord cells.", "asthma",
     "asserted"),
    ("干细胞可以治疗严重肢体缺血(Critical limb ischemia,CLI)。", "CLI", "asserted"),
    ("适应人群：\n1. 脊髓损伤恢复期患者；\n2. 伴有截瘫的患者。", "截瘫", "asserted"),
    ("网上宣称干细胞能治疗痛风、银屑病的广告，均未获得批准。", "银屑病", "negated"),
    ("No clinic can honestly promise a cure for Huntington's disease.", "Huntington's disease", "negated"),
    ("Patients treated at such clinics have suffered blindness and infections.", "infections", "neutral"),
    ("对高尿酸血症等慢性病也有辅助调理作用。", "高尿酸血症", "asserted"),
    ("两组均未发生感染。", "感染", "negated"),
    ("打干细胞对股骨头坏死有一定作用，但因人而异。", "股骨头坏死", "asserted"),
])
def test_english_lists_eligibility_headings_and_more_wording(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("不适用人群：恶性肿瘤患者、孕妇及哺乳期妇女。", "恶性肿瘤", "neutral"),
    ("适应症：膝骨关节炎（经保守治疗六个月无效者）。", "膝骨关节炎", "asserted"),
    ("该男子谎称干细胞可治帕金森病，骗取钱财。", "帕金森病", "negated"),
    ("No stem cell product has been approved for the treatment of lupus.", "lupus", "negated"),
    # Reported speech shifts 'can' to 'could': the claim is reported, not doubted.
    ("The centre had advertised that its drips could reverse diabetes.", "diabetes", "asserted"),
    ("Stem cells could one day help patients with diabetes.", "diabetes", "hedged"),
    # A quoted name far off in the sentence does not make a reported claim a scare-quoted one.
    ("当事人在其微信公众号“某某细胞健康”发布文章，宣称干细胞回输可以治疗痛风、银屑病。", "银屑病", "asserted"),
    ("有商家宣称“干细胞逆龄”可以治疗痛风。", "痛风", "hedged"),
])
def test_exclusion_lists_false_claims_and_reported_speech(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


def test_an_english_question_heading_asks_for_its_list() -> None:
    text = "What can it treat?\n- Acne scars and enlarged pores\n- Melasma and uneven pigmentation"
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["Acne scars"] == "asserted" and ms["Melasma"] == "asserted"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("干细胞为什么能治痛风？", "痛风", "asserted"),
    ("The spa had advertised that its drips could cure gout, claims the ministry said had no scientific basis.",
     "gout", "negated"),
    ("最明显的变化是湿疹好了很多。", "湿疹", "asserted"),
    ("半年后疼痛指数从8分降到3分。", "疼痛", "asserted"),
    ("复查时评分没什么变化，僵硬还是老样子。", "僵硬", "negated"),
    ("说实话对运动症状帮助不大，别指望能治好帕金森病。", "帕金森病", "negated"),
    ("No cases of septic arthritis were reported.", "septic arthritis", "negated"),
    ("追踪期间无受试者出现肿瘤。", "肿瘤", "negated"),
    ("诊所宣称干细胞可「根治」痛风，民众应提高警觉。", "痛风", "negated"),
    ("类风湿关节炎造成的关节破坏，也不在目前核准范围。", "类风湿关节炎", "negated"),
    ("细胞治疗存在一定的未知风险，也存在感染等潜在风险。", "感染", "neutral"),
    ("一岁时仍不会抬头翻身，确诊为脑瘫。", "脑瘫", "neutral"),
    ("Partner clinics offer stem cell programs for lupus and gout.", "gout", "asserted"),
    # The unchanged: 不要轻信 before a scare-quoted claim stays hedged, as labellers read it.
    ("不要轻信网上“干细胞一针治好红斑狼疮”的广告。", "红斑狼疮", "hedged"),
])
def test_testimonials_rebuttals_absences_and_milestones(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Partner clinics offer umbilical cord MSC infusions for lupus and gout.", "gout", "asserted"),
    ("● PRP注射:运动损伤、肩袖损伤、网球肘", "网球肘", "asserted"),
    ("目的 评价脐带间充质干细胞关节腔注射治疗髋关节炎的安全性和有效性。", "髋关节炎", "hedged"),
    ("外泌体对黄褐斑的改善作用目前只有少量小样本研究。", "黄褐斑", "hedged"),
    ("自体脂肪干细胞治疗骨关节炎的小型研究显示疼痛改善。", "骨关节炎", "hedged"),
])
def test_offers_of_infusions_treatment_labels_study_aims_and_small_studies(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("接受未经审批的细胞注射，可能引致感染、过敏反应等严重后果。", "过敏反应", "neutral"),
    ("食药署核准首件再生医疗制剂，用于治疗类固醇无效之急性移植物抗宿主病。", "急性移植物抗宿主病", "asserted"),
    ("对于孤独症、脑瘫等，目前国内外均无获批的干细胞疗法。", "脑瘫", "negated"),
    ("There is currently no scientific evidence that stem cells can cure autism.", "autism", "negated"),
    ("Cord blood transplants are well established for sickle cell disease.", "sickle cell disease", "asserted"),
    ("若合并类风湿关节炎、痛风急性发作，或膝盖有感染，都不适合施打。", "痛风", "neutral"),
])
def test_hong_kong_risk_wording_failed_steroids_no_approval_and_lists_after_a_comorbidity(
        text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("目前视网膜色素变性还没有根治的办法。", "视网膜色素变性", "neutral"),
    ("“干细胞根治牛皮癣”这类广告语，基本可以判定是营销话术。", "牛皮癣", "negated"),
    ("医生：无证据可逆转渐冻症。", "渐冻症", "negated"),
    ("No serious adverse events, such as tumor formation, were seen.", "tumor", "negated"),
    ("本港未有注册任何干细胞产品用于治疗神经系统疾病。", "神经系统疾病", "negated"),
])
def test_no_cure_exists_marketing_talk_and_nothing_registered(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("適合人士\n・受暗瘡凹洞困擾多年的女士\n・面部出現皺紋、輪廓鬆弛", "暗瘡凹洞", "asserted"),
    ("Who is suitable?\n• Partial meniscus tears\n• Chronic knee pain after physiotherapy", "meniscus tears", "asserted"),
    ("自体脂肪干细胞移植:退化性关节炎、膝关节软骨缺损", "退化性关节炎", "asserted"),
    ("干细胞能调节免疫,所以对红斑狼疮这类免疫病效果都很好。", "红斑狼疮", "asserted"),
    ("不少病人接受注射后,膝痛及肿胀都明显减轻。", "肿胀", "asserted"),
    ("Most of our patients report less pain within 12 weeks.", "pain", "asserted"),
    ("已经到第四期的严重退化性关节炎,干细胞的效果就很有限。", "退化性关节炎", "negated"),
    ("出血性中风目前不在适用范围内。", "出血性中风", "negated"),
    ("到了晚期骨关节炎,打干细胞基本解决不了问题。", "骨关节炎", "negated"),
])
def test_eligibility_headings_treatments_over_lists_outcomes_and_limited_effect(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("干细胞来源经第三方实验室检测,确保无乙型肝炎、梅毒等病原体。", "梅毒", "negated"),
    ("At 12 months no disc infection or tumour formation was observed.", "tumour", "negated"),
    ("Allogeneic HSCT remains a curative option for many haematological malignancies.", "haematological malignancies",
     "asserted"),
    ("The only cleared products are cord blood preparations used in transplants for certain blood cancers.",
     "blood cancers", "asserted"),
])
def test_absence_in_safety_claims_and_established_transplants(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("注射部位可能出现短暂肿胀及疼痛，抽脂处可能有瘀青。", "肿胀", "neutral"),
    ("打完还可能有发烧、感染等风险。", "感染", "neutral"),
    ("长期血糖控制不好,孩子还可能突发糖尿病酮症酸中毒。", "糖尿病酮症酸中毒", "neutral"),
    ("结论 脐带间充质干细胞移植可能有助于改善缺血性脑卒中患者的运动功能。", "缺血性脑卒中", "hedged"),
    ('"There is no credible evidence that these products treat COPD," said a lung specialist.', "COPD", "negated"),
])
def test_side_effects_after_may_have_and_no_credible_evidence(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("label_line", "surface"), [
    ("不适合人群：恶性肿瘤患者、孕妇", "恶性肿瘤"),
    ("排除条件：活动性感染或肿瘤病史", "感染"),
    ("Not suitable: active cancer or pregnancy", "cancer"),
])
def test_a_labelled_exclusion_line_under_an_asserted_list_is_not_an_item(label_line: str, surface: str) -> None:
    """A line under its own label naming who must not be treated ends its list's claim: the
    conditions on it are neutral, though the heading above claims its items."""
    text = f"Conditions We Treat\n- Multiple sclerosis\n- Autism spectrum disorder\n{label_line}"
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["Multiple sclerosis"] == "asserted"
    assert ms[surface] == "neutral"


def test_a_category_label_keeps_its_line_an_item_of_the_list() -> None:
    """骨关节：X、Y under a list heading: a category, not an exclusion; its conditions are claimed."""
    text = "可以治疗哪些疾病？\n1. 骨关节：膝关节炎、运动损伤；\n2. 糖尿病及其并发症：2型糖尿病、糖尿病足。"
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["膝关节炎"] == "asserted" and ms["糖尿病足"] == "asserted"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("對於皮膚老化,幹細胞可刺激骨膠原增生,改善皺紋。", "皮膚老化", "asserted"),
    ("对于糖尿病足、糖尿病周围神经病变等并发症,干细胞也有较好的改善作用。", "糖尿病周围神经病变", "asserted"),
    ("For COPD, stem cells reduce inflammation in the airways.", "COPD", "asserted"),
    ("对于糖尿病患者,医生建议先控制饮食。", "糖尿病", "neutral"),
    ("对于1型糖尿病,国外有团队在探索干细胞疗法。", "1型糖尿病", "hedged"),
    ("对于晚期骨关节炎,干细胞无法逆转软骨磨损。", "骨关节炎", "negated"),
])
def test_a_topic_phrase_takes_the_stance_of_its_comment(text: str, surface: str, context: str) -> None:
    """对于X、Y，<comment>: the comment after the topic's comma speaks of X. A comment on a cell
    treatment with an ability verb (可刺激, 也有…改善作用, reduce) and no cue of its own claims it; a
    comment without a cell treatment, or with a hedge or a denial, does not."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("2. 糖尿病:干细胞可以分化成胰岛β细胞,替代受损的细胞。", "糖尿病", "asserted"),
    ("5. 肝硬化:可以改善肝功能,减少腹水。", "肝硬化", "asserted"),
    ("脑梗死、帕金森病：干细胞能够修复受损的神经。", "帕金森病", "asserted"),
    ("Diabetes: stem cells can replace damaged islet cells.", "Diabetes", "asserted"),
    ("糖尿病：饮食控制和运动仍是基础。", "糖尿病", "neutral"),
    ("常见不良反应：发热、头痛。", "头痛", "neutral"),
    ("3. 孤独症:目前仍在临床研究阶段,疗效尚不明确。", "孤独症", "hedged"),
    ("• 血液疾病:急性白血病、再生障碍性贫血", "血液疾病", "neutral"),
])
def test_an_items_heading_takes_the_stance_of_its_comment(text: str, surface: str, context: str) -> None:
    """2. X：<comment>: a disease heading an item (after its number, alone or with others) takes the
    stance of the comment after its colon when that claims a cell treatment works (a cell cue and an
    ability verb, or a repair verb) and holds no cue of its own."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("連濕疹、暗瘡都可一併改善。", "暗瘡", "asserted"),
    ("疗程结束后,头痛、失眠均可改善。", "失眠", "asserted"),
    ("28天长出新发,彻底告别脱发、斑秃。", "斑秃", "asserted"),
    ("治疗后约七成中风患者的肢体活动能力获得改善。", "中风", "asserted"),
    ("中风患者的肢体活动能力没有获得改善。", "中风", "negated"),
])
def test_an_advertisements_promise_after_the_disease_or_before_it(text: str, surface: str, context: str) -> None:
    """X、Y都可一并改善 / 均可改善 / 获得改善 (the disease before the promise), 告别X (after it);
    没有获得改善 denies."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("三、哪些患者适合干细胞治疗?\n1. 乙肝肝硬化患者;\n4. 合并糖尿病、高血压等慢性病,不能耐受手术者。", "高血压", "neutral"),
    ("三、哪些患者适合干细胞治疗?\n1. 乙肝肝硬化患者;\n4. 合并糖尿病、高血压等慢性病,不能耐受手术者。", "乙肝肝硬化", "asserted"),
    ("适合人群:\n1. 中重度脑瘫患儿;\n2. 同时伴有癫痫、脑积水的孩子需先评估。", "脑积水", "neutral"),
    ("干细胞对晚期股骨头坏死基本无能为力。", "股骨头坏死", "negated"),
    ("这类宣传号称能治股骨头坏死、关节炎一大堆病,其实拿不出像样的证据。", "关节炎", "negated"),
    ("打了对皱纹、黄褐斑不会有额外作用。", "黄褐斑", "negated"),
])
def test_comorbidities_in_an_indication_list_and_plain_denials(text: str, surface: str, context: str) -> None:
    """An item of an indication list names the treated disease; a condition the patient has besides
    (合并X、Y等慢性病, 同时伴有X) is no claim for X (伴有截瘫的患者 under 适应人群 still is, above).
    无能为力, 拿不出像样的证据 and 不会有额外作用 deny."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("The agency said that no cell product has been approved for MS, arthritis or autism.", "autism", "negated"),
    ("Some clinics advertise stem cell injections for arthritis, autism and dementia, although none of these "
     "uses has been shown to be safe or effective.", "dementia", "negated"),
    ("The drinks are promoted on social media as able to reverse diabetes and even shrink cancer, claims that "
     "have not been evaluated by the regulator.", "diabetes", "negated"),
    ("Clinics advertise stem cell injections for knee arthritis.", "knee arthritis", "asserted"),
])
def test_english_warnings_deny_the_claims_they_report(text: str, surface: str, context: str) -> None:
    """A regulator's wording: no cell product approved for X; clinics advertise X, although none of
    these uses has been shown ...; promoted as able to reverse X, claims that have not been
    evaluated. An advertised use reported without a rebuttal stays asserted."""
    assert_stance(text, surface, context)


def test_rows_of_a_table_that_claims_or_prices_its_rows_are_asserted() -> None:
    """A price list as a table: the header claims its rows (适用人群) or prices them (价格), and each
    row names the conditions it sells for. A table of research projects claims nothing."""
    text = ("套餐名称 | 适用人群 | 疗程 | 价格(元)\n控糖调理套餐 | 2型糖尿病 | 4次 | 128,000\n以上为参考价格。\n"
            "病种 | 细胞类型 | 疗程 | 费用\n卵巢早衰 | 脐带间充质干细胞 | 3次 | 6万~15万\n备案项目如下。\n"
            "项目 | 病种 | 单位 | 时间\n某某研究 | 膝骨关节炎 | 某某医院 | 2021年4月\n某某研究 | 肝硬化 | 某某医院 | 2022年1月")
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["2型糖尿病"] == "asserted" and ms["卵巢早衰"] == "asserted"
    assert ms["膝骨关节炎"] == "neutral" and ms["肝硬化"] == "neutral"


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("宣稱可施打幹細胞改善巴金森,那就是違規的不實廣告。", "巴金森", "negated"),
    ("聲稱治糖尿病 衞生署:無科學根據", "糖尿病", "negated"),
    ("其广告中使用“专治中风偏瘫、关节炎”等虚假用语。", "关节炎", "negated"),
    ("对方承诺包治颈椎病,花费数万元后症状毫无改善。", "颈椎病", "negated"),
    ("该公司宣称其产品具有治疗帕金森病的功效,经查无任何依据。", "帕金森病", "negated"),
    ("本院专治脑瘫,欢迎咨询。", "脑瘫", "asserted"),
    ("“干细胞治疗中风后遗症”等违法广告", "中风后遗症", "hedged"),
])
def test_a_claim_called_false_in_its_sentence_is_denied(text: str, surface: str, context: str) -> None:
    """A claim the same sentence calls false (不实广告, 虚假用语, 无科学根据, 毫无改善, 无任何依据) is
    negated; an illegal advertisement (违法广告) says nothing of whether it works: a scare-quoted
    claim in it stays hedged."""
    assert_stance(text, surface, context)


def test_a_price_table_whose_rows_wrap_in_the_matching_text() -> None:
    """Rows that end without a mark (…5万~12万) are joined by the matching text's wrapped-line rule:
    the table is found on the text as written, so every row keeps its table's claim."""
    text = ("病种 | 细胞类型 | 参考疗程 | 参考费用(元)\n膝骨关节炎 | 脂肪间充质干细胞 | 1~2次 | 3万~8万\n"
            "股骨头坏死 | 骨髓间充质干细胞 | 2~3次 | 5万~12万\n糖尿病 | 脐带间充质干细胞 | 4次 | 8万~20万")
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["股骨头坏死"] == "asserted" and ms["糖尿病"] == "asserted"


def test_a_providers_list_of_what_it_treats_under_sub_headings() -> None:
    text = ("我院细胞治疗中心目前开展以下病种的干细胞治疗,具体方案需经专家评估后确定:\n一、神经系统\n· 脊髓损伤\n· 帕金森病\n"
            "二、骨与关节\n· 股骨头坏死\n暂不适合治疗的情况:未控制的恶性肿瘤、活动性感染。")
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["脊髓损伤"] == "asserted" and ms["股骨头坏死"] == "asserted"
    assert ms["恶性肿瘤"] == "neutral"   # who must not be treated, under its label: no denial


def test_a_long_bare_heading_that_names_a_list_heads_it() -> None:
    text = ("Conditions We Treat with Regenerative Cell Therapy\nOur physicians use cell-based products to support repair.\n"
            "Joints & Sports\n• Plantar fasciitis\n• Recovery after stroke (investigational protocol)")
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["Plantar fasciitis"] == "asserted"
    assert ms["stroke"] == "hedged"


def test_a_trial_applications_proposed_indication_heads_no_claim() -> None:
    text = "序号 受理号 药品名称 申请人 拟定适应症\n1 CXSL0000001 某某细胞注射液 某某生物科技有限公司 特发性肺纤维化"
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["特发性肺纤维化"] != "asserted"


@pytest.mark.parametrize(("text", "surface"), [
    ("类风湿关节炎活动期、存在感染、严重膝内翻畸形或有恶性肿瘤病史者,暂不建议注射。", "类风湿关节炎"),
    ("类风湿关节炎活动期、存在感染、严重膝内翻畸形或有恶性肿瘤病史者,暂不建议注射。", "感染"),
    ("若正在接受癌症治疗、或患有凝血功能异常,则不适合接受此疗程。", "癌症"),
    ("We do not accept patients with active cancer or an uncontrolled infection.", "cancer"),
    ("We do not treat patients with cancer under active treatment or poorly controlled diabetes.", "diabetes"),
])
def test_who_a_treatment_excludes_is_no_denial_that_it_works(text: str, surface: str) -> None:
    """A contraindication (blind sets aa and ac, 2026-12-06): the patients a denial excludes, listed
    before it (…病史者,暂不建议注射; 若…,则不适合…) or refused after it (We do not accept patients
    with X), are neutral."""
    assert_stance(text, surface, "neutral")


@pytest.mark.parametrize(("text", "surface"), [
    ("该疗法不适合晚期肝硬化患者。", "肝硬化"),
    ("对合并严重下肢缺血的患者疗效有限,尚需多中心研究验证。", "严重下肢缺血"),
    ("We do not recommend stem cells for autism.", "autism"),
])
def test_a_denial_of_the_treatment_for_a_disease_stays_negated(text: str, surface: str) -> None:
    assert_stance(text, surface, "negated")


def test_a_cord_blood_banks_list_of_established_uses_claims_them() -> None:
    text = "已確立的治療用途\n‧ 血液癌症:急性淋巴細胞白血病、淋巴瘤\n‧ 遺傳性血液病:重型地中海貧血、鐮狀細胞貧血症"
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["淋巴瘤"] == "asserted" and ms["鐮狀細胞貧血症"] == "asserted", ms


def test_a_list_of_claims_a_heading_calls_false_is_negated() -> None:
    """二、识别常见虚假宣传话术。下列说法均无科学依据： over quoted claims: each claim it lists is
    denied, even the one that asserts in its own words (能根治X)."""
    text = ("二、识别常见虚假宣传话术。下列说法均无科学依据：\n（一）“干细胞能根治糖尿病，回输后可停用胰岛素”；\n"
            "（二）“干细胞对高血压、冠心病、失眠等百病皆宜”。\n三、了解潜在风险。")
    for surface in ("糖尿病", "高血压", "冠心病", "失眠"):
        assert_stance(text, surface, "negated")


def test_a_myths_label_denies_the_myth_and_leaves_its_truth_alone() -> None:
    """说法1：“…” is the myth; the 真相 line under it has its own stance."""
    text = "说法1：“打一针干细胞，糖尿病就能根治”\n真相：造血干细胞移植是治疗白血病的成熟手段。"
    assert_stance(text, "糖尿病", "negated")
    assert_stance(text, "白血病", "asserted")


def test_a_providers_list_under_good_results_is_claimed() -> None:
    """对以下疾病均有良好疗效： over numbered category lines claims every disease listed."""
    text = "多年临床应用证明，干细胞对以下疾病均有良好疗效：\n一、神经系统疾病：脑卒中后遗症、脑瘫、帕金森病\n二、代谢性疾病：2型糖尿病、糖尿病足"
    for surface in ("脑瘫", "帕金森病", "2型糖尿病", "糖尿病足"):
        assert_stance(text, surface, "asserted")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("證據不支持以幹細胞治療自閉症或腦性麻痺。", "自閉症", "negated"),
    ("二、別相信「治癒癌症」的說法", "癌症", "negated"),
    ("目前類風濕性關節炎不在特管辦法核准的適應症內。", "類風濕性關節炎", "negated"),
    ("需要提醒的是，静脉回输并非零风险，文献中报告过发热、皮疹、呕吐。", "皮疹", "neutral"),
    ("以下人群暂不建议接受治疗：严重感染尚未控制者；妊娠期女性。", "感染", "neutral"),
    ("医生说干细胞对帕金森病的作用目前还在研究，我们这才明白。", "帕金森病", "hedged"),
    ("干细胞局部注射治疗糖尿病足溃疡的效果较为明确。", "糖尿病足溃疡", "asserted"),
])
def test_cues_blind_set_ah_showed(text: str, surface: str, context: str) -> None:
    """Blind set ah (2026-12-07, claims and stance): a consensus's verdict, a warning not to believe,
    an indication not approved, a risk that is no denial, an uncontrolled infection that excludes, a
    question still in research, an effect called clear."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("以下为本中心目前接受咨询的主要病种：\n一、神经系统：脑卒中后遗症、脊髓损伤、帕金森病；", "帕金森病", "asserted"),
    ("造血干细胞移植是白血病、淋巴瘤等血液肿瘤的成熟治疗手段。", "淋巴瘤", "asserted"),
    ("另外像退化性關節炎、脊髓損傷，也都有醫院提出計畫並獲核准。", "脊髓損傷", "asserted"),
    ("分别针对卵巢早衰和1型糖尿病，研究结果尚未得出结论。", "卵巢早衰", "hedged"),
    ("中風後遺症及糖尿病的療效在醫學界仍有爭議。", "糖尿病", "hedged"),
    ("别信：抗衰、治癌、治自闭症。", "自闭症", "negated"),
    ("网上说的干细胞治疗白癜风、银屑病，基本都是商业宣传。", "银屑病", "negated"),
    ("两组48周生存率、肝性脑病发生率差异均无统计学意义。", "肝性脑病", "negated"),
    ("The clinic admitted the infusions will not reverse advanced dementia.", "dementia", "negated"),
    ("The shots did nothing for her shortness of breath.", "shortness of breath", "negated"),
    ("对于肌萎缩侧索硬化等疾病，现有证据并未显示干细胞能够逆转病情。", "肌萎缩侧索硬化", "negated"),
    ("No tumour formation was detected in any patient.", "tumour", "negated"),
])
def test_cues_blind_set_aj_showed(text: str, surface: str, context: str) -> None:
    """Blind set aj (2026-12-07, several stances in one page): a provider's list of 病种, an
    established treatment, approved items, an open or disputed result, claims not to believe or
    called advertising, a null result, English denials, an absence written with a capital No."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("治疗半年后，大部分病人的震颤和步态都有改善。", "震颤"),
    ("腿脚麻木、间歇性跛行等症状也有不同程度改善。", "腿脚麻木"),
    ("After the second infusion my knee pain is much better.", "knee pain"),
    ("Two months on, my MS fatigue is almost gone.", "fatigue"),
    ("Patients with lupus feel less joint pain after the course.", "joint pain"),
])
def test_an_outcome_after_the_treatment_is_claimed(text: str, surface: str) -> None:
    """Outcomes reported after a treatment, in the forms testimonials and case stories use (都有改善,
    不同程度改善, is much better, is almost gone, feel less): asserted, as 明显减轻 is."""
    assert_stance(text, surface, "asserted")


def test_a_provider_speaking_of_its_patients_with_a_disease_claims_it() -> None:
    """Many of our X patients tell us …: the provider treats X (asserted); a clinic's staff who merely
    see patients with X make no claim."""
    assert_stance("Many of our COPD patients tell us they climb stairs again.", "COPD", "asserted")
    assert_stance("Our doctors see patients with autism every week.", "autism", "neutral")


def test_a_heading_that_warns_of_false_claims_before_a_list_of_trials_denies_none() -> None:
    """为防止虚假宣传，现将备案项目公布如下： the cue names why the list is published, not what it is."""
    text = "为防止虚假宣传，现将已备案的研究病种公布如下：\n1. 膝骨关节炎\n2. 帕金森病"
    assert stance_of(text, "帕金森病").context != "negated"


@pytest.mark.parametrize(("text", "surface", "context"), [
    # a provider's list under a bare English heading that names it
    ("Injuries we commonly treat\nPartial rotator cuff tears\nTennis elbow\nPlantar fasciitis that has not healed", "Tennis elbow", "asserted"),
    ("We also treat multiple sclerosis, lupus and Crohn's disease.", "lupus", "asserted"),
    ("我们还治疗\n膝骨关节炎、运动损伤\n孤独症谱系障碍（4岁以上）\n类风湿关节炎", "孤独症谱系障碍", "asserted"),  # blind set av
    # outcomes claimed in the forms testimonials and scam pitches use
    ("療程後，更年期綜合癥引起的潮熱得到紓緩。", "潮熱", "asserted"),
    ("他们说高血压、糖尿病一起调理好。", "高血压", "asserted"),
    ("干细胞移植让糖尿病足患者免于截肢。", "糖尿病足", "asserted"),
    ("再生療法為骨質疏鬆患者提供另一個選擇。", "骨質疏鬆", "asserted"),
    ("A single infusion halts aggressive multiple sclerosis, the study found.", "multiple sclerosis", "asserted"),
    # denials: of the claim itself, of an approval, of a result, of a link, of an adverse event
    ("本院也不宣稱細胞治療可以治癒癌症或失智症。", "失智症", "negated"),
    ("自閉症、腦性麻痺等目前均非核准適應症。", "腦性麻痺", "negated"),
    ("核准的細胞治療項目並不包括紅斑性狼瘡。", "紅斑性狼瘡", "negated"),
    ("花了十几万，糖尿病没治好还进了ICU。", "糖尿病", "negated"),
    ("这种移植适用于白血病，但和渐冻症无关。", "渐冻症", "negated"),
    ("随访两年，移植后未出现肿瘤。", "肿瘤", "negated"),
])
def test_stances_of_blind_sets_ak_and_al(text: str, surface: str, context: str) -> None:
    """Blind sets ak and al (2026-12-07, read after two sessions unseen)."""
    assert_stance(text, surface, context)


def test_a_table_under_a_proposed_indication_header_hedges_its_rows() -> None:
    """受理号 | 药品名称 | 拟定适应症 over its rows (a regulator's list of trial applications): the
    conditions in the rows are proposed, not approved (hedged), as 适应症 over rows asserts them."""
    text = ("受理号 | 药品名称 | 拟定适应症 | 承办日期\nCXSL0001 | 人脐带间充质干细胞注射液 | 中重度膝骨关节炎 | 2024-03-01\n"
            "CXSL0002 | 人胎盘间充质干细胞注射液 | 激素耐药的急性移植物抗宿主病 | 2024-03-05\n")
    assert stance_of(text, "膝骨关节炎").context == "hedged"
    assert stance_of(text, "急性移植物抗宿主病").context == "hedged"
    approved = "药品名称 | 适应症 | 规格\n某某注射液 | 中重度膝骨关节炎 | 1ml\n某某片 | 类风湿关节炎 | 10mg\n"
    assert stance_of(approved, "膝骨关节炎").context == "asserted"


@pytest.mark.parametrize(("text", "surface", "context"), [
    # a claim reported in the words of marketing is asserted (unless rebutted), as 宣称能治X is
    ("The infusions are marketed for progressive MS and chronic fatigue.", "MS", "asserted"),
    ("A clinic near me says their injections also help with back pain and rotator cuff tears.", "rotator cuff tears",
     "asserted"),
    ("He read about a clinic offering stem cell drips for heart failure.", "heart failure", "asserted"),
    ("Targeted joint injections are offered against degenerative knee arthritis.",
     "degenerative knee arthritis", "asserted"),
    ("This clinic is best for neuro problems like autism and cerebral palsy.", "cerebral palsy", "asserted"),
    # eligibility headings over their lists; an item that names what the patient must not have stays neutral
    ("Who can benefit?\n- Children with cerebral palsy\n- Adults with autism", "autism", "asserted"),
    ("Who is a candidate?\n- Adults with type 2 diabetes for less than 15 years\n"
     "- No active cancer or uncontrolled infection", "type 2 diabetes", "asserted"),
    ("Who is a candidate?\n- Adults with type 2 diabetes for less than 15 years\n"
     "- No active cancer or uncontrolled infection", "infection", "neutral"),
    ("适合人群：\n■ 膝骨关节炎患者\n■ 无严重心脏病", "心脏病", "neutral"),
    ("适合人群：\n■ 膝骨关节炎患者\n■ 无严重心脏病", "膝骨关节炎", "asserted"),
])
def test_marketing_verbs_and_eligibility_lists(text: str, surface: str, context: str) -> None:
    """Probe sets read 2026-12-07 (session 33): the English forms clinics and their critics use."""
    assert_stance(text, surface, context)


def test_imported_stem_cells_are_no_dry_mouth_and_taiwanese_skin_terms_match() -> None:
    """进口干细胞 (imported stem cells) held 口干 (dry mouth) on three probe pages; 異位性皮膚炎 and 搔癢
    are Taiwan's words for atopic dermatitis and itching."""
    assert [m.canonical_name for m in mentions("某店宣传“进口干细胞冻干粉”，称可治疗糖尿病。")] == ["糖尿病"]
    assert [m.canonical_name for m in mentions("口干、眼干是干燥综合征的常见表现。")][:1] == ["口干"]
    assert {m.canonical_name for m in mentions("女兒從小就有異位性皮膚炎，晚上搔癢睡不好。")} == {"特应性皮炎", "瘙痒"}


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Unapproved stem cell treatments can cause tumors, blindness and infections.", "blindness", "neutral"),
    ("未经批准的干细胞疗法可能导致感染和肿瘤。", "感染", "neutral"),
    # the risk cue right after the denial denies the risk itself
    ("干细胞治疗不会导致肿瘤。", "肿瘤", "negated"),
    ("The cells do not cause tumors.", "tumors", "negated"),
])
def test_a_risk_cue_between_a_denial_and_the_mention_makes_it_a_risk(text: str, surface: str, context: str) -> None:
    """Probe sets (session 33): 'neutral -> negated' was the fifth confusion cell; the largest
    trigger behind it was 'unapproved' reaching over 'can cause' to the harms listed after it."""
    assert_stance(text, surface, context)


def test_whether_there_is_is_no_denial() -> None:
    """有没有X (a check or a question: whether there is X) read as 没有X (absence) on nine probe pages."""
    assert_stance("抽搐要先去查有没有癫痫。", "癫痫", "neutral")
    assert_stance("孩子现在没有癫痫发作。", "癫痫", "negated")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("人脐带间充质干细胞治疗慢加急性肝衰竭的安全性和有效性研究", "慢加急性肝衰竭", "hedged"),
    ("异体干细胞治疗难治性系统性红斑狼疮的5年随访研究", "系统性红斑狼疮", "hedged"),
    ("幹細胞治療缺血性腦中風的安全性尚可接受。", "缺血性腦中風", "hedged"),
    ("間質幹細胞治療肝硬化：現況與展望", "肝硬化", "hedged"),
    # a promotional headline stays a claim
    ("干细胞治疗癌症：原理与患者实用指南", "癌症", "asserted"),
])
def test_a_study_title_after_the_treatment_hedges_it(text: str, surface: str, context: str) -> None:
    """'hedged -> asserted' over the probe sets: 干细胞治疗X was read as a claim when X is followed by
    what a study title names (安全性和有效性研究, 随访研究, 现况与展望), as 研究进展 already hedged it."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("核准項目涵蓋退化性關節炎、慢性缺血性腦中風、脊髓損傷等。", "脊髓損傷", "asserted"),
    ("核准計畫以退化性關節炎、慢性傷口及脊髓損傷為大宗。", "慢性傷口", "asserted"),
    ("退化性關節炎及膝關節軟骨缺損均屬核准的適應症。", "退化性關節炎", "asserted"),
    ("周邊血幹細胞移植是治療急性白血病、淋巴瘤等血液腫瘤的重要方法。", "淋巴瘤", "asserted"),
    ("渐冻症、自闭症、脑瘫，我们都有成功案例。", "自闭症", "asserted"),
    ("干细胞对脂肪肝、肝硬化有很好的辅助作用。", "肝硬化", "asserted"),
    ("回输后3个月：蛋白尿转阴。", "蛋白尿", "asserted"),
    ("我舅舅打了干细胞回输，腹水没了。", "腹水", "asserted"),
    ("多年的潮热、盗汗少了很多。", "盗汗", "asserted"),
    ("Patients with knee osteoarthritis reported less pain and better mobility.", "pain", "asserted"),
    # an established therapy denied stays negated
    ("干细胞不是治疗糖尿病的方法。", "糖尿病", "negated"),
])
def test_approved_lists_established_therapies_and_outcomes_claimed(text: str, surface: str, context: str) -> None:
    """'asserted -> neutral' on the probe sets read in session 33: Taiwan's approved lists (项目涵盖,
    为大宗, 属核准), an established therapy (是治疗X的重要方法), a provider's success cases and the
    outcomes testimonials claim (转阴, 没了, 少了很多, reported less)."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("中風後遺癥有救了？幹細胞療法最新消息", "中風後遺癥", "hedged"),
    ("漸凍症有解？幹細胞療法新進展", "漸凍症", "hedged"),
    ("MSCs在ALS等疾病之角色仍待證實。", "ALS", "hedged"),
    ("Such infusions are unlikely to help in progressive MS.", "MS", "negated"),
    ("睡眠好了一些，但手抖没有任何变化。", "手抖", "negated"),
    ("I saw no serious infections or tumours in the follow-up.", "tumours", "negated"),
])
def test_hopes_held_out_and_effects_that_did_not_come(text: str, surface: str, context: str) -> None:
    """'hedged -> neutral' and 'negated -> neutral' on the sets read in session 33."""
    assert_stance(text, surface, context)


def test_a_diagnosis_confirmed_is_no_treatment_proven() -> None:
    """证实患上X / 化验证实为X confirm what a patient had after an injection (probe sets of Hong Kong
    news): 证实 there proves no treatment, and the symptoms before it are no claim either."""
    assert_stance("兩名婦人注射後出現發燒、發冷，其後證實患上敗血症。", "敗血症", "neutral")
    assert_stance("兩名婦人注射後出現發燒、發冷，其後證實患上敗血症。", "發燒", "neutral")
    assert_stance("化驗證實為細菌感染，目前情況穩定。", "細菌感染", "neutral")
    assert_stance("临床试验证实干细胞对膝骨关节炎有效。", "膝骨关节炎", "asserted")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("间充质干细胞治疗慢性心力衰竭的研究现状", "慢性心力衰竭", "hedged"),
    ("目前幹細胞治療中風仍屬研究性質。", "中風", "hedged"),
    ("干细胞治疗肝硬化效果好不好、价格贵不贵？", "肝硬化", "hedged"),
    ("干细胞疗法慢性肝衰竭效果怎么样", "慢性肝衰竭", "hedged"),
    ("間質幹細胞治療退化性膝關節炎之臨床證據", "退化性膝關節炎", "hedged"),
    ("人脐带间充质干细胞治疗系统性红斑狼疮的疗效及安全性", "系统性红斑狼疮", "hedged"),
])
def test_more_study_and_question_titles_hedge_the_treatment(text: str, surface: str, context: str) -> None:
    """More of what follows 干细胞治疗X in a review's or a question's title (session 33; one seed's
    heading, 干细胞疗法慢性肝衰竭效果怎么样, is labelled hedged and now reads so)."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("【代谢调理计划】\n适用：2型糖尿病、脂肪肝、高脂血症", "脂肪肝", "asserted"),
    ("不适用：活动性感染、恶性肿瘤", "恶性肿瘤", "neutral"),
    ("哪些人可以考虑？\n1. 确诊卵巢早衰，有生育需求；\n2. 宫腔粘连导致的不孕。", "宫腔粘连", "asserted"),
    ("哪些人可以考虑？\n1. 确诊卵巢早衰，有生育需求；\n3. 排除恶性肿瘤者。", "恶性肿瘤", "neutral"),
    ("適合接受治療的情況\n・確診自閉症的兒童\n・腦癱兒童亦可評估", "自閉症", "asserted"),
    ("Who we help\nRelapsing-remitting MS\nSecondary progressive MS", "MS", "asserted"),
    ("適合接受治療的情況\n・確診自閉症的兒童\n費用參考\n有沒有副作用？\n少數兒童輸注後有低燒或疲倦，一兩日內消退。",
     "低燒", "neutral"),
])
def test_indication_labels_eligibility_headings_and_where_their_lists_end(text: str, surface: str, context: str) -> None:
    """Session 34: a package's 适用： label claims what it lists; 哪些人可以考虑 and 適合接受治療的情況
    head eligibility lists (排除X者 in one is an exclusion); a question line (有沒有副作用？) starts
    its own answer, so a side effect under it is no item of the list above."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("该中心已累计完成脐血移植300余例，病种涵盖白血病、重型再生障碍性贫血。", "重型再生障碍性贫血", "asserted"),
    ("現行特管辦法開放的細胞治療項目，包括退化性關節炎、慢性傷口。", "退化性關節炎", "asserted"),
    ("2018年获批用于治疗儿童激素难治性急性移植物抗宿主病。", "急性移植物抗宿主病", "asserted"),
    ("Who may qualify?\nModerate to severe COPD (GOLD stage 2-4)\nPulmonary fibrosis (case-by-case review)",
     "Pulmonary fibrosis", "asserted"),
    ("Who may qualify?\nModerate to severe COPD (GOLD stage 2-4)\n"
     "Patients with active cancer or uncontrolled heart failure are not eligible.", "heart failure", "neutral"),
    ("适用人群：\n1. 膝骨关节炎患者\n2. 抽血化验，排除活动性感染及肿瘤", "感染", "neutral"),
])
def test_programme_lists_steroid_refractory_forms_and_exclusions_inside_eligibility_lists(
        text: str, surface: str, context: str) -> None:
    """Session 34 (blind sets bk and bl): 病种涵盖 and 项目，包括 list what a programme treats;
    激素难治性 names the disease's form, not conventional care; an item that excludes patients
    (are not eligible, 排除X) claims nothing, even under an eligibility heading."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("Most patients report reduced pain at 3 months.", "pain"),
    ("Many patients report lasting pain relief and better mobility.", "pain"),
    ("Our injections help repair cartilage and relieve stiffness.", "stiffness"),
    ("Panama is especially popular with MS patients.", "MS"),
    ("Bangkok hospitals offer anti-aging and erectile dysfunction packages.", "erectile dysfunction"),
    ("Our top-rated clinics for MS", "MS"),
])
def test_english_outcomes_and_offers_are_claimed(text: str, surface: str) -> None:
    """Blind sets bq and bs (session 34): English outcomes (reduced pain, pain relief, relieve
    stiffness) and what clinics and brokers sell (popular with MS patients, X packages, clinics for X)."""
    assert_stance(text, surface, "asserted")


@pytest.mark.parametrize(("text", "surface"), [
    ("Reduced blood flow to the brain can cause a stroke.", "stroke"),
    ("The risk of tumors was not reduced in the trial.", "tumors"),
])
def test_reduced_claims_nothing_of_a_disease_it_does_not_stand_before(text: str, surface: str) -> None:
    """'reduced' claims only what stands right after it."""
    ms = [m for m in mentions(text) if m.surface == surface]
    assert ms and ms[0].context != "asserted"


def test_labelled_lines_of_equal_length_are_not_one_wrapped_sentence() -> None:
    """Category lines of a clinic's list (骨关节：X、Y / 女性健康：X、Y) can be as long as each other, as
    a hard-wrapped paragraph's lines are; a line opening with a short label and its colon starts a
    line of its own, so each stays an item under the heading that claims them."""
    text = ("适用范围\n神经系统：帕金森病、脑卒中后遗症、脊髓损伤、脑瘫\n代谢与内分泌：2型糖尿病及其并发症\n"
            "骨关节：膝关节骨性关节炎、股骨头坏死\n女性健康：卵巢早衰、薄型子宫内膜\n抗衰老与亚健康调理\n治疗流程\n")
    ms = {m.surface: m.context for m in mentions(text)}
    assert ms["卵巢早衰"] == "asserted" and ms["股骨头坏死"] == "asserted"


def test_a_price_range_prices_the_condition_before_it() -> None:
    """约12万-20万元 is one price: its low end stands within reach of the condition it prices."""
    assert_stance("糖尿病（1型、2型）：约12万-20万元人民币", "糖尿病", "asserted")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("已经出现严重肾衰竭的患者，干细胞基本起不到作用。", "肾衰竭", "negated"),
    ("已经发展成髋关节骨关节炎，干细胞就帮不上忙了。", "髋关节骨关节炎", "negated"),
    ("干细胞对老爸的糖尿病作用很有限。", "糖尿病", "negated"),
    ("打完后高血压一点没好，药还得照吃。", "高血压", "negated"),
    ("父亲的手抖一点都没见好。", "手抖", "negated"),
    ("回来后丈夫的吞咽困难和呼吸困难反而加重。", "吞咽困难", "negated"),
    ("回来后出现颅内感染，病情反而加重。", "颅内感染", "neutral"),
    ("有机构说干细胞能治好耳鸣、耳聋，那都是没有依据的。", "耳鸣", "negated"),
])
def test_denials_written_after_the_disease(text: str, surface: str, context: str) -> None:
    """Session 34: what patients and doctors say after naming the disease (起不到作用, 帮不上忙, 作用很有限,
    一点没好, 没见好, X反而加重, 没有依据) denies it; a complication followed by 病情反而加重 is not denied."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("本中心采用自主研发的激活技术，已成功治疗脑瘫、自闭症患儿3000余例。", "脑瘫", "asserted"),
    ("某集团自主研发的干细胞制剂已帮助数千名糖尿病、肝硬化患者重获健康。", "肝硬化", "asserted"),
    ("部分研究显示可能短期改善胰岛功能，但距离根治还很远，更谈不上逆转糖尿病肾病。", "糖尿病肾病", "negated"),
    ("结论　单次注射可在一定程度上缓解中度膝骨关节炎患者的疼痛。", "膝骨关节炎", "asserted"),
    ("目前臨床上以荷爾蒙補充療法緩解更年期症狀，但無法恢復卵巢功能。", "更年期症狀", "neutral"),
    ("某药正在研发中，拟用于治疗肝硬化。", "肝硬化", "hedged"),
])
def test_claims_of_blind_set_bw(text: str, surface: str, context: str) -> None:
    """Blind set bw (read; 2026-12-07, sixth session): 自主研发 (developed in-house) is a selling point,
    not research in progress (研发中 still is); 帮助…患者重获健康 and 一定程度上缓解 claim; 更谈不上
    denies; hormone replacement is conventional care."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("heading", "items", "surface"), [
    ("適合族群", ["✔ 退化性膝關節炎一至三期", "✔ 五十肩、網球肘等肌腱炎"], "網球肘"),
    ("療程功效", ["• 提升免疫力，減少感冒", "• 預防糖尿病、高血壓等慢性病"], "高血壓"),
])
def test_a_clinics_eligibility_and_benefit_headings_claim_their_items(heading: str, items: list[str], surface: str) -> None:
    assert_stance("\n".join([heading, *items, "療程費用"]), surface, "asserted")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("父亲打完三针，震颤和便秘一点没变。", "便秘", "negated"),
    ("打完就是发烧两天，别的没啥变化。", "发烧", "neutral"),
    ("我阿姨喺外地打完，中風後遺症冇乜改善。", "中風後遺症", "negated"),
    ("本港暫時冇批准任何幹細胞療法醫中風。", "中風", "negated"),
    ("目前没有一种干细胞产品获批用于脑卒中后遗症的常规治疗。", "脑卒中后遗症", "negated"),
    ("No. MS cannot be cured by stem cells or anything else yet.", "MS", "negated"),
    ("He felt more energetic for a while, but his tremor never improved.", "tremor", "negated"),
    ("注射可舒緩早中期膝關節炎的痛楚。", "膝關節炎", "asserted"),
    ("3、明显减少腹水，改善乏力。", "腹水", "asserted"),
    ("用药四周后，患儿腹泻次数明显减少。", "腹泻", "asserted"),
    ("多數病人注射後疼痛分數下降。", "疼痛", "asserted"),
])
def test_outcomes_and_denials_of_blind_set_bu(text: str, surface: str, context: str) -> None:
    """Blind set bu (read; 2026-12-07, sixth session): outcomes told by patients, forums (Cantonese
    冇乜改善, 冇批准) and clinics; 别的没啥变化 denies the rest, not the fever before it."""
    assert_stance(text, surface, context)


def test_a_numbered_heading_that_only_names_diseases_takes_the_claim_of_the_paragraph_under_it() -> None:
    """Blind set by (read; 2026-12-07, sixth session): an SEO list's numbered headings (一、神经系统疾病)
    over paragraphs that open on what a cell treatment does are claimed; a heading that says more than
    the disease (糖尿病的病因), or one over a hedged paragraph, is not."""
    text = ("干细胞能治哪些病？大盘点\n一、神经系统疾病\n干细胞可以分化为神经细胞，修复受损神经。\n"
            "三、糖尿病及并发症\n干细胞能修复胰岛β细胞，减少胰岛素用量。\n四、糖尿病的病因\n糖尿病是遗传和环境共同作用的结果。\n"
            "五、高血压\n干细胞治疗高血压仍在研究中。")
    ms = mentions(text)
    got = [(m.surface, m.context) for m in ms]
    assert ("神经系统疾病", "asserted") in got and got[1] == ("糖尿病", "asserted")
    assert got[2] == ("糖尿病", "neutral") and ("高血压", "neutral") in got


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("专家：阿尔茨海默病目前无法用干细胞治愈。", "阿尔茨海默病", "negated"),
    ("已经进入尿毒症期的患者，干细胞并不能使肾功能恢复。", "尿毒症期", "negated"),
    ("孩子得了1型糖尿病，能不能用干细胞根治？", "1型糖尿病", "hedged"),
    ("癌症患者不能接受注射治疗。", "癌症", "neutral"),
])
def test_a_denial_between_the_disease_and_the_outcome_claimed_after_it(text: str, surface: str, context: str) -> None:
    """Blind set cb (read; 2026-12-07, sixth session): 无法/不能 between a disease and the cure or
    recovery named after it denies it; 能不能 asks, and 患者不能… says who is excluded."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("术前请问清楚可能的风险，例如注射部位肿胀与感染。", "感染"),
    ("少数人可能发生过敏反应；以细胞治疗取代标准治疗，也可能延误肿瘤的治疗时机。", "肿瘤"),
    ("来源不明的细胞制剂可能携带细菌，注射后轻则发热、皮疹。", "发热"),
    ("老人说的手麻、视物模糊，可能已经有糖尿病周围神经病变。", "糖尿病周围神经病变"),
    ("患者晚期可能因呼吸衰竭而需要使用呼吸器。", "呼吸衰竭"),
    ("遗传、母体感染与免疫失调皆可能参与其中。", "感染"),
])
def test_may_before_a_risk_or_a_course_is_no_hedge(text: str, surface: str) -> None:
    # 可能 hedges a claim about the treatment (干细胞可能改善X), not a risk (可能延误X的治疗),
    # a guess at a diagnosis (可能已经有X) or the course of a disease (最后可能因X…).
    assert_stance(text, surface, "neutral")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("干细胞治疗心衰目前仍处于临床研究阶段，尚未获准临床应用。", "心衰", "hedged"),
    ("对于糖尿病、脑瘫等疾病，脐带血治疗目前仍处于临床研究阶段，尚未成为常规治疗。", "脑瘫", "hedged"),
    ("目前干细胞治疗糖尿病尚未获批进入临床常规应用。", "糖尿病", "negated"),   # no stage named: denied
])
def test_not_yet_beside_a_research_stage_is_hedged(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("请警惕宣称可根治脑瘫的机构和广告。", "脑瘫", "negated"),
    ("Be wary of any clinic that promises to cure diabetes.", "diabetes", "negated"),
    ("Avoid clinics that claim to cure cancer, diabetes or dementia.", "dementia", "negated"),
    ("干细胞可以治愈糖尿病，但要小心感染。", "糖尿病", "asserted"),   # the warning comes after, of another thing
    ("患者应警惕打着“干细胞根治渐冻症”旗号的机构。", "渐冻症", "hedged"),   # the claim quoted: held at a distance
])
def test_a_warning_before_a_claim_denies_it(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ('The flyer says the injections can "cure" arthritis and asthma.', "asthma"),
    ("商家宣称干细胞可「根治」糖尿病。", "糖尿病"),
])
def test_a_claim_verb_in_quotation_marks_is_hedged(text: str, surface: str) -> None:
    assert_stance(text, surface, "hedged")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("脊髓损伤后，患者可能终身面临截瘫。", "截瘫", "neutral"),
    ("嗅觉减退可能是帕金森病的早期征兆。", "帕金森病", "neutral"),
    ("乙肝和脂肪肝都有可能逐步发展为肝硬化。", "脂肪肝", "neutral"),
    ("研究显示，它可能在短期内缓解疼痛。", "疼痛", "hedged"),      # 它 may be the treatment
    ("干细胞可能改善糖尿病患者的胰岛功能。", "糖尿病", "hedged"),
])
def test_may_hedges_only_a_sentence_about_treatment(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Would an MSC infusion help my asthma?", "asthma", "hedged"),          # a question about a cell treatment
    ("结论 UC-MSC联合常规治疗可改善肝硬化患者的肝功能。", "肝硬化", "asserted"),   # not conventional care alone
])
def test_msc_names_a_cell_treatment(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Lupus affects many organs, and patients may develop fatigue, joint pain and rashes.", "joint pain", "neutral"),
    ("Cerebral palsy is a group of movement disorders; children with CP may also have seizures.", "seizures", "neutral"),
    ("MSC injection may relieve pain in knee osteoarthritis.", "knee osteoarthritis", "hedged"),
])
def test_english_may_hedges_only_a_sentence_about_treatment(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("Unapproved stem cell injections have caused blindness and infections in some patients.", "infections"),
    ("Unapproved stem cell products have been linked to tumors in patients.", "tumors"),
])
def test_harms_of_an_unapproved_treatment_are_risks_not_denials(text: str, surface: str) -> None:
    assert_stance(text, surface, "neutral")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("目前仅有造血干细胞移植用于治疗白血病等血液病，其余干细胞疗法尚处于研究阶段。", "白血病", "asserted"),
    ("Cord blood transplants treat leukemia, while the other uses are still in early research.", "leukemia", "asserted"),
    ("干细胞治疗帕金森病，其疗效还在研究中。", "帕金森病", "hedged"),   # 其 is the treatment itself
    ("3. 自闭症：毫无根据", "自闭症", "negated"),
])
def test_a_hedge_about_the_others_and_a_myths_verdict(text: str, surface: str, context: str) -> None:
    # The clause after a claim hedges it, unless it speaks of the others (其余/其他…还在研究中).
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("不少尿毒症患者回输干细胞后摆脱了透析。", "尿毒症", "asserted"),
    ("王先生患帕金森病八年，打完干细胞以后就能自己扣扣子了。", "帕金森病", "asserted"),
    ("李阿姨，膝关节炎8年，在本中心完成3次回输，3个月后可以自己上下楼梯。", "膝关节炎", "asserted"),
    ("少数孩子回输后出现一过性发热，一般1-2天自行消退。", "发热", "neutral"),      # a side effect that passes
    ("糖尿病患者服药后血糖下降。", "糖尿病", "neutral"),                            # no cell treatment
])
def test_a_result_told_after_a_treatment_is_a_claim(text: str, surface: str, context: str) -> None:
    # Testimonials and clinics' tallies: 回输后/打完… 就能停药, 摆脱透析 claim the treatment works.
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("Our clinic believes stem cells can heal arthritis and lupus.", "lupus", "asserted"),
    ("A foot wound that refuses to heal is a worry for anyone living with diabetes.", "diabetes", "neutral"),
    ("We accept adults with relapsing-remitting MS.", "MS", "asserted"),
    ("Stem cell treatment is only permitted for blood disorders such as leukaemia.", "leukaemia", "asserted"),
    ("Our surgeons use stem cells for degenerative disc disease.", "degenerative disc disease", "asserted"),
    ("The programme is designed to help patients with type 2 diabetes.", "type 2 diabetes", "asserted"),
    ("One injection produced a durable reduction in knee pain.", "knee pain", "asserted"),
])
def test_english_claims_of_use_eligibility_and_approval(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("No excess of arrhythmia was reported in the cell group.", "arrhythmia", "negated"),
    ("There was no association with thrombosis during follow-up.", "thrombosis", "negated"),
    ("It is not recommended once MS has become progressive.", "MS", "negated"),
    ("She spent her savings on it for pulmonary fibrosis with zero improvement.", "pulmonary fibrosis", "negated"),
    ("Why do families consider stem cells for autism?", "autism", "hedged"),
])
def test_english_absence_advice_against_and_consideration(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("脐带血造血干细胞移植已成为下列疾病的标准治疗选项之一：\n一、血液恶性疾病：急性淋巴性白血病、淋巴瘤\n二、骨髓衰竭疾病：重型再生障碍性贫血\n", "淋巴瘤"),
    ("哪些病人需要造血干细胞移植？\n・急性白血病、慢性白血病\n・淋巴瘤、多发性骨髓瘤\n", "多发性骨髓瘤"),
])
def test_a_list_of_the_diseases_a_treatment_is_for(text: str, surface: str) -> None:
    """Blind set cq (read; eighth session): 下列疾病/以下疾病 and 哪些病人需要…？ head a list of what the
    treatment is used for, as 以下病种 does."""
    assert_stance(text, surface, "asserted")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("慢性缺血性脑中风是核准项目之一。", "缺血性脑中风", "asserted"),
    ("于移植物抗宿主病，异体MSCs已在多国取得上市许可。", "移植物抗宿主病", "asserted"),
    ("用于糖尿病的干细胞产品目前未获准上市。", "糖尿病", "negated"),
])
def test_an_approved_item_and_a_marketing_authorisation(text: str, surface: str, context: str) -> None:
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("4. Stem Cells For Hair Loss", "Hair Loss", "asserted"),
    ("Stem cells can help diabetes, say the clinic's ads.", "diabetes", "asserted"),
    ("A man in the support group swore it helped his tremor.", "tremor", "asserted"),
    ("Joint pain and arthritis can be fixed with only one injection.", "arthritis", "asserted"),
    ("Transplants are an established treatment only for blood disorders such as leukaemia.", "leukaemia", "asserted"),
    ("Researchers are studying stem cells for macular degeneration.", "macular degeneration", "hedged"),
    ("Mesenchymal Stem Cells for Spinal Cord Injury: A Review of Clinical Studies", "Spinal Cord Injury", "hedged"),
    ("Nobody has shown that these infusions halt motor neuron disease.", "motor neuron disease", "negated"),
    ("At present the product is not authorised for arthritis.", "arthritis", "negated"),
    ("Stem cells are definitely not a proven cure for spinal stenosis.", "spinal stenosis", "negated"),
    ("Some people say stem cells can cure cancer but this is not true.", "cancer", "negated"),
    ("Doctors warned against clinics that claim to cure diabetes.", "diabetes", "negated"),
])
def test_english_headings_helps_reviews_and_denials_of_blind_set_cp(text: str, surface: str, context: str) -> None:
    """Blind set cp (read; eighth session, English pages only)."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface"), [
    ("Many patients with MS report better mobility after the infusions.", "MS"),
    ("The coordinator says 70% of their ALS patients see improvement.", "ALS"),
    ("Most patients with knee arthritis report less pain within weeks.", "knee arthritis"),
    ("A clinic in the capital specialized in Alzheimer's disease and autism.", "Alzheimer's disease"),
    ("The register lists products for uses such as severe burns.", "burns"),
    ("The centre evaluates adults with persistent joint pain.", "joint pain"),
])
def test_english_results_reported_after_the_patients(text: str, surface: str) -> None:
    """Blind set cp and the older English pages: patients with X report better/less, see improvement;
    a clinic specialized in X, uses such as X, a centre that evaluates adults with X."""
    assert_stance(text, surface, "asserted")


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("・糖尿病：靜脈點滴自體幹細胞，每月一次", "糖尿病", "asserted"),
    ("3. 膝骨关节炎：自体脂肪干细胞关节腔注射", "膝骨关节炎", "asserted"),
    ("・糖尿病：干细胞治疗仍在临床研究阶段", "糖尿病", "hedged"),
    ("针对哮喘、支气管扩张症的细胞治疗也已开展。", "支气管扩张症", "asserted"),
    ("针对帕金森病的干细胞治疗目前仍处于临床试验阶段。", "帕金森病", "hedged"),
    ("中心亦为柏金逊症、脑退化症患者提供干细胞疗程。", "脑退化症", "asserted"),
    ("医院为糖尿病患者提供饮食指导。", "糖尿病", "neutral"),
    ("• Knee osteoarthritis: stem cell injections into the joint", "Knee osteoarthritis", "asserted"),
])
def test_a_providers_list_of_what_its_cells_are_given_for(text: str, surface: str, context: str) -> None:
    """A provider's list names the disease and how the cells are given (・X：静脉点滴自体干细胞), the cell
    treatment for X it runs (针对X的细胞治疗), or the patients it gives cells to (为X患者提供干细胞):
    asserted, unless a hedge or a denial in the sentence says otherwise; care without cells stays neutral."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("干细胞对脑瘫到底有没有效果？", "脑瘫", "hedged"),
    ("干细胞治疗肝硬化，到底靠不靠谱？", "肝硬化", "hedged"),
    ("打干细胞治股骨头坏死管不管用", "股骨头坏死", "hedged"),
    ("打了两次，对脑瘫没有效果。", "脑瘫", "negated"),
    ("晚期股骨头坏死靠干细胞是救不回来的。", "股骨头坏死", "negated"),
    ("回输了四次，关节的肿胀一点没减轻。", "肿胀", "negated"),
    ("但要说治愈渐冻症，别信。", "渐冻症", "negated"),
    ("早期股骨头坏死可以试试，更别信打几针骨头再生的广告。", "股骨头坏死", "neutral"),
    ("Nobody should read this as a treatment for paralysis.", "paralysis", "negated"),
    ("No increase in malignancy has been reported.", "malignancy", "negated"),
    ("部分诊所宣称干细胞可根治糖尿病，此说法缺乏依据。", "糖尿病", "negated"),
])
def test_questions_that_hold_a_denial_and_denials_of_sets_cr_cs_and_ct(text: str, surface: str, context: str) -> None:
    """Sets cr, cs and ct (session 38, read): 有没有效果 and 靠不靠谱 ask, though 没有效果 and 不靠谱 deny;
    救不回来, 一点没减轻, 要说…，别信, Nobody should read this as, No increase in deny. 别信 before a claim
    does not reach back to a disease two clauses earlier."""
    assert_stance(text, surface, context)


@pytest.mark.parametrize(("text", "surface", "context"), [
    ("已为3000余名患者提供干细胞治疗，涉及糖尿病、膝骨关节炎、帕金森病、肝硬化等多种疾病。", "肝硬化", "asserted"),
    ("已为3000余名患者提供干细胞治疗，涉及糖尿病、膝骨关节炎、帕金森病、肝硬化等多种疾病。", "帕金森病", "asserted"),
    ("核准項目另包括慢性缺血性腦中風、脊髓損傷、膝關節軟骨缺損及困難傷口等。", "困難傷口", "asserted"),
    ("核准項目另包括慢性缺血性腦中風、脊髓損傷、膝關節軟骨缺損及困難傷口等。", "脊髓損傷", "asserted"),
])
def test_a_lists_items_are_as_near_the_cue_as_its_first(text: str, surface: str, context: str) -> None:
    """Sets cz and da (ninth session, read): the separators of a list (、, 及, and) count no distance,
    as its names did not, so a cue that must stand right before a disease (干细胞治疗X) reaches every
    item; Taiwan's 核准項目 (approved items) lists what is approved."""
    assert_stance(text, surface, context)
