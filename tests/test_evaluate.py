"""`stemwatch evaluate`: gold validation, the arithmetic of every metric, and the CLI end to end.

Pages and gold here are written for the tests (never dev-corpus text). The scoring tests build
extracted pages by hand, so each figure is known; the CLI tests run the real ETL and assert
only what does not depend on extraction quality (deliberately planted hits and misses).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.evaluate.gold import GoldError, GoldMention, GoldPage, load_gold, parse_gold
from etl.evaluate.report import render_json, render_text
from etl.evaluate.runner import PredMention, PredPage
from etl.evaluate.score import normalise, same_title, score

ROOT = Path(__file__).resolve().parent.parent


def gold_page(file: str = "p.txt", **kw: object) -> GoldPage:
    base: dict = {"file": file, "url": None, "title": None, "published_date": None, "source_type": "news",
                  "language": "zh-Hans", "must_contain": (), "must_not_contain": (), "mentions": (),
                  "mentions_optional": ()}
    base.update(kw)
    return GoldPage(**base)


def pred_page(file: str = "p.txt", main_text: str = "", raw_text: str | None = None, **kw: object) -> PredPage:
    base: dict = {"file": file, "title": None, "published_date": None, "source_type": "news",
                  "main_text": main_text, "raw_text": main_text if raw_text is None else raw_text, "mentions": ()}
    base.update(kw)
    return PredPage(**base)


def pm(text: str, surface: str, canonical: str, context: str, nth: int = 0) -> PredMention:
    """A predicted mention at the nth occurrence of ``surface`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return PredMention(at, at + len(surface), surface, canonical, context)


# ------------------------------------------------------------------ gold file

def valid_entry(**kw: object) -> dict:
    e = {"file": "a.txt", "url": "https://example.org/a", "title": "标题", "published_date": "2024-01-02",
         "source_type": "news", "language": "zh-Hans", "must_contain": ["正文第一句"], "must_not_contain": [],
         "mentions": [{"surface": "糖尿病", "canonical": "糖尿病", "context": "asserted", "sentence": "可以治疗糖尿病"}],
         "mentions_optional": []}
    e.update(kw)
    return e


def test_gold_loads_and_allows_null_context(tmp_path: Path) -> None:
    entry = valid_entry(mentions=[{"surface": "糖尿病", "canonical": "糖尿病", "context": None, "sentence": "可以治疗糖尿病"}])
    f = tmp_path / "gold.json"
    f.write_text(json.dumps([entry], ensure_ascii=False), encoding="utf-8")
    [g] = load_gold(f)
    assert g.title == "标题" and g.published_date == "2024-01-02" and g.mentions[0].context is None


@pytest.mark.parametrize(("change", "message"), [
    ({"source_type": "blog"}, "source_type 'blog'"),
    ({"published_date": "2024-13-01"}, "not a YYYY-MM-DD date"),
    ({"published_date": "2024/01/02"}, "not a YYYY-MM-DD date"),
    ({"title": 3}, "'title' must be a non-empty string or null"),
    ({"must_contain": "正文"}, "'must_contain' must be a list"),
    ({"mentions": [{"surface": "糖尿病", "canonical": "糖尿病", "context": "maybe", "sentence": "治疗糖尿病"}]},
     "mentions[0]: context 'maybe'"),
    ({"mentions": [{"surface": "肝炎", "canonical": "肝炎", "context": "neutral", "sentence": "治疗糖尿病"}]},
     "does not occur in its sentence"),
])
def test_malformed_gold_names_the_entry(change: dict, message: str) -> None:
    data = [valid_entry(), valid_entry(file="b.txt", **change)]
    with pytest.raises(GoldError) as err:
        parse_gold(data, "g.json")
    assert "g.json: entry 1 (b.txt)" in str(err.value) and message in str(err.value)


def test_malformed_gold_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="must be a JSON list"):
        parse_gold({"file": "a.txt"}, "g.json")
    with pytest.raises(GoldError, match="appears twice"):
        parse_gold([valid_entry(), valid_entry()], "g.json")
    with pytest.raises(GoldError, match="missing field 'published_date'"):
        parse_gold([{k: v for k, v in valid_entry().items() if k != "published_date"}], "g.json")
    bad = tmp_path / "bad.json"
    bad.write_text('[{"file": "a.txt",\n  oops}]', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad.json:2: not valid JSON"):
        load_gold(bad)


# ------------------------------------------------------------------ page-level metrics

def test_titles_dates_and_source_types() -> None:
    gold = [gold_page("a", title="干细胞 与  膝关节", published_date="2024-01-02", source_type="news"),
            gold_page("b", title="正确的标题", published_date="2024-01-02", source_type="academic"),
            gold_page("c", title=None, published_date=None, source_type="academic"),
            gold_page("d", title=None, published_date=None, source_type="other")]
    pred = {"a": pred_page("a", title="干细胞 与\n膝关节", published_date="2024-01-02", source_type="news"),
            "b": pred_page("b", title="作者甲,作者乙", published_date="2023-12-31", source_type="other"),
            "c": pred_page("c", title="某个标题", published_date="2020-01-01", source_type="other"),
            "d": pred_page("d", title=None, published_date=None, source_type="other")}
    r = score(gold, pred)["overall"]
    assert r["title"] == {"correct": 1, "total": 2, "accuracy": 0.5, "null_gold": 2, "null_gold_with_title": 1}
    assert r["date"] == {"correct": 1, "total": 2, "accuracy": 0.5, "null_gold": 2, "null_gold_with_date": 1}
    assert r["source_type"]["correct"] == 2 and r["source_type"]["accuracy"] == 0.5
    assert r["source_type"]["confusion"] == {"academic": {"other": 2}, "news": {"news": 1}, "other": {"other": 1}}


def test_title_whitespace_is_normalised_but_text_is_not() -> None:
    assert same_title("A  title\u3000here", " A title here\n")
    assert not same_title("标题一", "标题二") and not same_title("标题", None)


def test_chrome_and_missing_body_shares() -> None:
    gold = [gold_page("a", must_contain=("第一段正文内容",), must_not_contain=("客服热线:400", "上一篇")),
            gold_page("b", must_contain=("第一段正文内容", "最后一段正文"), must_not_contain=("上一篇",)),
            gold_page("c", must_contain=("第一段\n正文内容",))]
    pred = {"a": pred_page("a", "第一段正文内容\n客服热线:400-000\n"),
            "b": pred_page("b", "第一段正文内容", raw_text="第一段正文内容\n最后一段正文\n上一篇"),
            "c": pred_page("c", "第一段正文\n内容")}
    res = score(gold, pred)
    r = res["overall"]
    assert r["chrome"] == {"pages_with_chrome": 1, "pages": 3, "share": 0.3333, "snippets_found": 1, "snippets": 3}
    assert r["missing_body"] == {"pages_missing_body": 1, "pages": 3, "share": 0.3333, "snippets_missing": 1, "snippets": 4}
    body = [m for m in res["misses"] if m["field"] == "body"]
    assert body == [{"page": "b", "field": "body", "expected": "最后一段正文", "got": None, "cause": "cut from main_text"}]
    assert [m["got"] for m in res["misses"] if m["field"] == "chrome"] == ["客服热线:400"]


def test_missing_page_counts_as_wrong_everywhere() -> None:
    g = gold_page("gone.txt", title="标题", published_date="2024-01-01", must_contain=("正文",),
                  mentions=(GoldMention("糖尿病", "糖尿病", "asserted", "治疗糖尿病"),))
    r = score([g], {})["overall"]
    assert r["pages_not_extracted"] == 1 and r["title"]["correct"] == 0 and r["date"]["correct"] == 0
    assert r["missing_body"]["pages_missing_body"] == 1 and r["mentions"]["fn"] == 1


# ------------------------------------------------------------------ mentions and context

TEXT = ("干细胞可以治疗糖尿病，也用于\n帕金森病患者。\n"
        "目前没有证据表明它能治愈肝硬化。\n"
        "干细胞能治好自闭症吗？\n"
        "本品可以抗衰老，兼治头痛。\n"
        "国际糖尿病联盟发布了报告。")


def mention_case() -> tuple[GoldPage, PredPage]:
    gold = gold_page(mentions=(
        GoldMention("糖尿病", "糖尿病", "asserted", "可以治疗糖尿病"),            # TP, context right
        GoldMention("帕金森病", "帕金森病", "asserted", "也用于\n帕金森病患者"),    # TP across a line break, context wrong
        GoldMention("肝硬化", "肝硬化", "negated", "它能治愈肝硬化"),              # TP, canonical differs -> FN
        GoldMention("自闭症", "孤独症", "hedged", "干细胞能治好自闭症吗"),          # TP, question labelled asserted
        GoldMention("头痛", "头痛", "neutral", "兼治头痛"),                        # FN: nothing predicted
        GoldMention("失眠", "失眠症", "neutral", "长期失眠的人"),                  # FN: sentence not in the page
    ), mentions_optional=("抗衰老", "国际糖尿病联盟"))
    pred = pred_page(main_text=TEXT, raw_text=TEXT, mentions=(
        pm(TEXT, "糖尿病", "糖尿病", "asserted"),
        pm(TEXT, "帕金森病", "帕金森病", "hedged"),
        pm(TEXT, "肝硬化", "肝纤维化", "negated"),
        pm(TEXT, "自闭症", "孤独症", "asserted"),
        pm(TEXT, "衰老", "衰老", "neutral"),                   # inside an optional occurrence: ignored
        pm(TEXT, "糖尿病", "糖尿病", "neutral", nth=1),        # inside 国际糖尿病联盟: ignored
        pm(TEXT, "报告", "报告病", "neutral"),                 # FP: no gold there
    ))
    return gold, pred


def test_mention_precision_recall_f1_and_causes() -> None:
    gold, pred = mention_case()
    res = score([gold], {gold.file: pred})
    m = res["overall"]["mentions"]
    assert (m["tp"], m["fp"], m["fn"], m["optional_ignored"], m["gold"]) == (3, 2, 3, 2, 6)
    assert (m["precision"], m["recall"], m["f1"]) == (0.6, 0.5, 0.5455)
    assert m["fn_by_cause"] == {"not found by the lexicon": 1, "other concept predicted": 1, "sentence not found in page": 1}
    assert m["fp_by_cause"] == {"not a gold mention": 1, "other concept than gold": 1}


def test_context_accuracy_per_label_recall_and_questions() -> None:
    gold, pred = mention_case()
    c = score([gold], {gold.file: pred})["overall"]["context"]
    assert (c["matched"], c["correct"], c["accuracy"]) == (3, 1, 0.3333)
    assert c["per_label"]["asserted"] == {"gold": 2, "matched": 2, "correct": 1, "recall": 0.5}
    assert c["per_label"]["hedged"] == {"gold": 1, "matched": 1, "correct": 0, "recall": 0.0}
    assert c["per_label"]["negated"] == {"gold": 1, "matched": 0, "correct": 0, "recall": None}
    assert c["confusion"] == {"asserted": {"asserted": 1, "hedged": 1}, "hedged": {"asserted": 1}}
    assert (c["questions_matched"], c["questions_labelled_asserted"]) == (1, 1)


def test_an_english_sentence_ends_at_its_full_stop() -> None:
    text = "Stem cells may treat autism. Can they cure diabetes?"
    g = gold_page(mentions=(GoldMention("autism", "孤独症", "hedged", "may treat autism"),
                            GoldMention("diabetes", "糖尿病", "hedged", "they cure diabetes")))
    p = pred_page(main_text=text, mentions=(pm(text, "autism", "孤独症", "asserted"), pm(text, "diabetes", "糖尿病", "asserted")))
    c = score([g], {g.file: p})["overall"]["context"]
    assert (c["questions_matched"], c["questions_labelled_asserted"]) == (1, 1)


def test_null_context_counts_for_recall_not_for_context() -> None:
    text = "干细胞可以治疗糖尿病。"
    g = gold_page(mentions=(GoldMention("糖尿病", "糖尿病", None, "可以治疗糖尿病"),))
    r = score([g], {g.file: pred_page(main_text=text, mentions=(pm(text, "糖尿病", "糖尿病", "hedged"),))})["overall"]
    assert r["mentions"]["tp"] == 1 and r["context"]["matched"] == 0


def test_repeated_sentence_takes_the_next_occurrence_and_cut_sentences_are_named() -> None:
    text = "糖尿病的治疗\n正文\n糖尿病的治疗"
    raw = "导航\n" + text + "\n相关文章:肝病的治疗\n糖尿病的治疗"
    g = gold_page(mentions=(GoldMention("糖尿病", "糖尿病", "neutral", "糖尿病的治疗"),
                            GoldMention("糖尿病", "糖尿病", "neutral", "糖尿病的治疗"),
                            GoldMention("糖尿病", "糖尿病", "neutral", "糖尿病的治疗"),
                            GoldMention("肝病", "肝病", "neutral", "相关文章:肝病的治疗"),
                            GoldMention("失眠", "失眠症", "neutral", "长期失眠的人")))
    p = pred_page(main_text=text, raw_text=raw, mentions=(pm(text, "糖尿病", "糖尿病", "neutral"),
                                                            pm(text, "糖尿病", "糖尿病", "neutral", nth=1)))
    m = score([g], {g.file: p})["overall"]["mentions"]
    assert (m["tp"], m["fn"], m["fp"]) == (2, 3, 0)
    assert m["fn_by_cause"] == {"sentence cut from main_text": 2, "sentence not found in page": 1}


def test_per_language_breakdown() -> None:
    gold = [gold_page("a", title="甲", language="zh-Hans"), gold_page("b", title="B", language="en"),
            gold_page("c", title="C", language="en")]
    pred = {"a": pred_page("a", title="甲"), "b": pred_page("b", title="B"), "c": pred_page("c", title="x")}
    res = score(gold, pred)
    assert list(res["by_language"]) == ["en", "zh-Hans"]
    assert res["by_language"]["en"]["title"]["correct"] == 1 and res["by_language"]["en"]["title"]["total"] == 2
    assert res["by_language"]["zh-Hans"]["title"]["accuracy"] == 1.0 and res["overall"]["title"]["correct"] == 2


def test_normalise_maps_offsets_back() -> None:
    n = normalise("ab\n c d")
    assert n.text == "abcd" and n.span(1, 3) == (1, 5)


def test_renderers() -> None:
    gold, pred = mention_case()
    res = score([gold], {gold.file: pred})
    text = render_text(res, details=True)
    assert "mention F1" in text and "0.55 (3/6)" not in text and "0.50 (3/6)" in text and "questions labelled asserted" in text
    assert "p.txt | mention | 头痛 (头痛)" in text
    doc = json.loads(render_json(res))
    assert doc["format"] == "stemwatch-evaluate/1" and doc["overall"]["mentions"]["f1"] == 0.5455
    assert render_json(res) == render_json(score([gold], {gold.file: pred}))   # stable


# ------------------------------------------------------------------ CLI on the real ETL

PAGE_A = """---
title: '干细胞能治好膝关节炎吗'
date: 2024-05-06 10:00:00
---

有读者来信问我们，干细胞是否真的可以修复关节。
研究表明，间充质干细胞可以治疗糖尿病，
并且已经用于临床。另一方面，目前没有证据表明干细胞能治愈帕金森病。
这篇文章讨论的是抗衰老产品的广告。
"""

PAGE_B = """首页 > 健康资讯 > 正文
脐带血保存的十个常见问题
发布时间：2023-02-01
脐带血中含有丰富的造血干细胞，可用于治疗白血病等血液疾病。
很多家庭在孩子出生时选择保存脐带血，以备将来使用。
也有家长问青蓝斑症能不能用脐带血治疗。
"""

GOLD = [
    {"file": "a.md", "url": None, "title": "干细胞能治好膝关节炎吗", "published_date": "2024-05-06",
     "source_type": "government", "language": "zh-Hans",
     "must_contain": ["有读者来信问我们"], "must_not_contain": [],
     "mentions": [
         {"surface": "膝关节炎", "canonical": "膝骨关节炎", "context": None, "sentence": "干细胞能治好膝关节炎吗"},
         {"surface": "糖尿病", "canonical": "糖尿病", "context": None, "sentence": "可以治疗糖尿病，\n并且已经用于临床"},
         {"surface": "帕金森病", "canonical": "帕金森病", "context": "negated", "sentence": "没有证据表明干细胞能治愈帕金森病"}],
     "mentions_optional": ["抗衰老"]},
    {"file": "b.txt", "url": None, "title": None, "published_date": "2023-02-01",
     "source_type": "commercial_clinic", "language": "zh-Hans",
     # planted: a body line listed as chrome, and a snippet the page does not have
     "must_contain": ["很多家庭在孩子出生时", "这句话不在页面里"], "must_not_contain": ["以备将来使用"],
     "mentions": [
         {"surface": "白血病", "canonical": "白血病", "context": "asserted", "sentence": "可用于治疗白血病等"},
         {"surface": "青蓝斑症", "canonical": "青蓝斑症", "context": "hedged", "sentence": "也有家长问青蓝斑症能不能"}],
     "mentions_optional": []},
]


def sw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("labelled")
    pages = d / "pages"
    pages.mkdir()
    (pages / "a.md").write_text(PAGE_A, encoding="utf-8")
    (pages / "b.txt").write_text(PAGE_B, encoding="utf-8")
    (pages / "unlabelled.txt").write_text("一篇没有标注的文章，讲的是干细胞。\n", encoding="utf-8")
    gold = d / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False, indent=1), encoding="utf-8")
    return gold, pages


def test_cli_json(labelled: tuple[Path, Path]) -> None:
    gold, pages = labelled
    r = sw("evaluate", str(gold), "--pages", str(pages), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    o = doc["overall"]
    assert o["pages"] == 2 and doc["unlabelled_pages"] == ["unlabelled.txt"]
    assert (o["title"]["correct"], o["title"]["total"]) == (1, 1)
    assert (o["date"]["correct"], o["date"]["total"]) == (2, 2)
    assert o["source_type"]["confusion"]["government"].get("government", 0) == 0
    assert o["chrome"]["pages_with_chrome"] == 1 and o["chrome"]["snippets_found"] == 1
    assert o["missing_body"]["snippets_missing"] == 1
    m = o["mentions"]
    assert (m["tp"], m["fn"], m["fp"], m["optional_ignored"]) == (4, 1, 1, 1)
    assert m["fn_by_cause"] == {"not found by the lexicon": 1}
    assert o["context"]["matched"] == 2 and o["context"]["per_label"]["negated"]["matched"] == 1
    fields = {(x["page"], x["field"]) for x in doc["misses"]}
    assert {("a.md", "source_type"), ("b.txt", "chrome"), ("b.txt", "body"), ("b.txt", "mention")} <= fields


def test_cli_text(labelled: tuple[Path, Path]) -> None:
    gold, pages = labelled
    r = sw("evaluate", str(gold), "--pages", str(pages), "--details")
    assert r.returncode == 0, r.stderr
    assert "stemwatch evaluate: 2 gold pages" in r.stdout and "title accuracy" in r.stdout
    assert "mention recall                      0.80 (4/5)" in r.stdout
    assert "b.txt | body | 这句话不在页面里 |  | not in the stored page" in r.stdout


def test_cli_malformed_gold_exit_2(tmp_path: Path, labelled: tuple[Path, Path]) -> None:
    _, pages = labelled
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps([GOLD[0], {**GOLD[1], "source_type": "clinic"}], ensure_ascii=False), encoding="utf-8")
    r = sw("evaluate", str(bad), "--pages", str(pages))
    assert r.returncode == 2 and "entry 1 (b.txt)" in r.stderr and "'clinic'" in r.stderr and "Traceback" not in r.stderr
    r = sw("evaluate", str(tmp_path / "missing.json"), "--pages", str(pages))
    assert r.returncode == 2 and "gold file not found" in r.stderr
    r = sw("evaluate", str(labelled[0]), "--pages", str(tmp_path / "nope"))
    assert r.returncode == 2 and "does not exist" in r.stderr


def test_cli_names_the_folder_when_no_gold_page_is_found(labelled: tuple[Path, Path]) -> None:
    gold, pages = labelled
    r = sw("evaluate", str(gold), "--pages", str(pages.parent))
    assert r.returncode == 0, r.stderr
    assert "warning: none of the 2 gold pages was found" in r.stdout
    assert f"pass --pages {pages}" in r.stdout
    r = sw("evaluate", str(gold), "--pages", str(pages), "--format", "json")
    assert "hint" not in json.loads(r.stdout)
