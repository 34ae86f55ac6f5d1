"""Warehouses for the dashboard tests.

``dashboard_db`` / ``dashboard_xss_db`` are what the dashboard tests use. They point at the
lead's ``seeded_db`` / ``xss_db`` fixtures (tests/conftest.py: warehouses built by the real
ETL from seeds/) when those exist, and otherwise at a small warehouse built here with
``warehouse.db.create_schema`` and inserts, so the tests can run before the ETL lands.

Tests must read expected values from the warehouse they are given (never hard-code counts),
so the same test holds for either warehouse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from warehouse import db as wdb

XSS_PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "javascript:alert(3)",
)


def _aid(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:16]


DISEASES = [
    # concept_id, canonical, english, icd10, chapter, category, mention_type, synonyms
    ("parkinsons_disease", "帕金森病", "Parkinson's disease", "G20", "VI Diseases of the nervous system", "neurological", "disease", ["帕金森"]),
    ("diabetes_mellitus", "糖尿病", "Diabetes mellitus", "E14", "IV Endocrine, nutritional and metabolic diseases", "endocrine", "disease", []),
    ("liver_failure", "肝衰竭", "Hepatic failure", "K72", "XI Diseases of the digestive system", "digestive", "disease", ["肝功能衰竭"]),
    ("autism", "孤独症", "Autism", "F84.0", "V Mental and behavioural disorders", "mental", "disease", ["自闭症"]),
    ("knee_osteoarthritis", "膝骨关节炎", "Knee osteoarthritis", "M17", "XIII Diseases of the musculoskeletal system and connective tissue", "musculoskeletal", "disease", []),
    ("autoimmune_disease", "自身免疫性疾病", "Autoimmune disease", None, None, "autoimmune_rheumatic", "disease_group", []),
    ("fever", "发热", "Fever", "R50", "XVIII Symptoms, signs and abnormal findings", "symptom", "symptom", []),
]

# (path, site, source_type, date, title, body paragraphs, mentions [(surface, concept, context, trigger)],
#  citations [(raw, style, doi)], signals [(kind, text, location)], cut lines [(rule, text)])
ARTICLES = [
    ("000_zhihu.txt", "知乎", "social_qa", dt.date(2021, 10, 28), "什么是干细胞治疗？有用吗？",
     ["干细胞是骗人的吗？目前来说，干细胞治疗帕金森病仍处在临床试验阶段。",
      "一些机构宣称干细胞能治愈糖尿病，但没有临床试验支持。",
      "参考资料"],
     [("帕金森病", "parkinsons_disease", "hedged", "临床试验阶段"),
      ("糖尿病", "diabetes_mellitus", "negated", "没有临床试验支持")],
     [("Lindvall O. Stem cells for Parkinson's disease. Nat Rev Neurol. 2013;9:1-10. doi:10.1038/nrneurol.2013.1", "vancouver", "10.1038/nrneurol.2013.1"),
      ("https://www.zhihu.com/question/479001028", "url", None)],
     [], [("header", "打开知乎App"), ("footer", "© 2021 知乎")]),
    ("001_clinic.txt", "中科西部干细胞", "commercial_clinic", dt.date(2023, 3, 5), "干细胞回输能治疗哪些疾病？",
     ["干细胞回输可以治疗糖尿病、肝衰竭和膝骨关节炎，效果显著。",
      "对于孤独症患者，干细胞治疗有望改善症状。",
      "咨询热线：400-622-0089，添加微信 zkxb120 立即预约。"],
     [("糖尿病", "diabetes_mellitus", "asserted", "可以治疗"),
      ("肝衰竭", "liver_failure", "asserted", "可以治疗"),
      ("膝骨关节炎", "knee_osteoarthritis", "asserted", "可以治疗"),
      ("孤独症", "autism", "hedged", "有望")],
     [], [("phone", "400-622-0089", "main_text"), ("wechat", "zkxb120", "main_text"),
          ("call_to_action", "立即预约", "main_text"), ("phone", "139-6700-7000", "boilerplate")],
     [("header", "免费在线咨询"), ("related_list", "相关文章：干细胞抗衰老")]),
    ("002_360doc.txt", "360doc个人图书馆", "content_aggregator", dt.date(2022, 6, 1), "间充质干细胞治疗会产生依赖性吗？",
     ["间充质干细胞可能改善自身免疫性疾病的症状。", "部分患者回输后出现发热。"],
     [("自身免疫性疾病", "autoimmune_disease", "hedged", "可能"), ("发热", "fever", "neutral", None)],
     [("王某, 李某. 间充质干细胞治疗系统性红斑狼疮[J]. 中华内科杂志, 2019, 58(3): 200-205.", "gbt7714", None)],
     [("call_to_action", "开通VIP", "boilerplate")], [("header", "打开APP"), ("header", "开通VIP,畅享免费电子书")]),
    ("003_blog.txt", "什么是痛风", "commercial_blog", None, "干细胞注射治疗肝衰竭安全吗？",
     ["干细胞疗法能根治慢性肝衰竭。", "干细胞注射治疗帕金森病效果明显。"],
     [("肝衰竭", "liver_failure", "asserted", "能根治"), ("帕金森病", "parkinsons_disease", "asserted", "治疗")],
     [], [("disclaimer", "本文仅供参考", "boilerplate")], [("header", "首页 > 什么是痛风 博客日记")]),
    ("004_news.txt", "新华网", "news", dt.date(2024, 1, 15), "国家药监局提醒：干细胞治疗须经临床试验",
     ["目前没有证据表明干细胞可以治愈孤独症。", "帕金森病的干细胞疗法仍在研究中。"],
     [("孤独症", "autism", "negated", "没有证据表明"), ("帕金森病", "parkinsons_disease", "hedged", "研究中")],
     [("Kim JY, et al. Stem cell therapy. Lancet. 2020;395:100-110. PMID: 31234567", "vancouver", None)],
     [], []),
]

XSS_ARTICLE = (
    "005_xss.txt", "<b>坏站</b>", "other", dt.date(2024, 2, 2), "<script>alert(1)</script>干细胞治疗糖尿病",
    ["干细胞可以治疗糖尿病<script>alert(1)</script>。", "图片<img src=x onerror=alert(2)>展示了效果。",
     "点击<a href=\"javascript:alert(3)\">这里</a>了解帕金森病。"],
    [("糖尿病", "diabetes_mellitus", "asserted", "可以治疗"), ("帕金森病", "parkinsons_disease", "neutral", None)],
    [("<img src=x onerror=alert(2)> javascript:alert(3)", "other", None)],
    [("call_to_action", "<script>alert(1)</script>", "boilerplate")],
    [("footer", "<script>alert(1)</script><img src=x onerror=alert(2)>")],
)


def build_demo_warehouse(path: Path, *, xss: bool = False) -> Path:
    """A small, internally consistent warehouse (offsets index main_text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        wdb.create_schema(con)
        for d in DISEASES:
            con.execute("INSERT INTO diseases VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'demo.csv')", list(d))
        rows = [*ARTICLES, XSS_ARTICLE] if xss else ARTICLES
        for spec in rows:
            _insert_article(con, *spec)
        started = dt.datetime(2025, 1, 1, 8, 0, 0)
        con.execute(
            "INSERT INTO etl_runs VALUES (1, ?, ?, 'failed', 'full', 'cli', 5, 0, 0, 0, 0, 0, NULL, 'h', 'b', "
            "'parse error in rules', '0.1.0')",
            [started, started + dt.timedelta(seconds=3)],
        )
        con.execute(
            "INSERT INTO etl_runs VALUES (2, ?, ?, 'success', 'full', 'cli', ?, ?, 0, 0, 1, 52445, ?, 'h', 'b', "
            "'loaded', '0.1.0')",
            [started + dt.timedelta(hours=1), started + dt.timedelta(hours=1, seconds=4),
             len(rows) + 1, len(rows), dt.datetime(2024, 12, 31, 23, 0, 0)],
        )
        con.execute(
            "INSERT INTO quarantine VALUES ('broken/empty.txt', NULL, 'empty_file', '文件为空 (0 bytes)', ?, 2)",
            [started + dt.timedelta(hours=1)],
        )
        con.execute("INSERT INTO source_files VALUES ('broken/empty.txt', 0, 0, ?, 'quarantined')", ["0" * 64])
        con.execute("INSERT INTO lexicon_candidates VALUES ('脊髓损伤', 3, 2, '干细胞修复脊髓损伤。', ?)",
                    [_aid("001_clinic.txt")])
        con.execute("INSERT INTO lexicon_candidates VALUES ('系统性红斑狼疮', 1, 1, '治疗系统性红斑狼疮。', ?)",
                    [_aid("002_360doc.txt")])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def _insert_article(con, path, site, source_type, date, title, paras, mentions, citations, signals, cuts) -> None:
    aid = _aid(path)
    body = "\n".join(paras)
    main_text = title + "\n" + body
    refs_at = main_text.find("参考资料")
    ref_lines = [c[0] for c in citations]
    if citations and refs_at < 0:
        main_text += "\n参考文献"
        refs_at = main_text.rfind("参考文献")
    cit_spans = []
    for raw in ref_lines:
        main_text += "\n" + raw
        cit_spans.append((len(main_text) - len(raw), len(main_text)))
    body_end = refs_at if citations else len(main_text)
    raw_text = "\n".join([c[1] for c in cuts] + [main_text])
    sha = hashlib.sha256(raw_text.encode()).hexdigest()
    con.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, 'text', ?, NULL, ?, NULL, ?, ?, 'zh', ?, ?, ?, ?, ?, ?, ?, [], 2)",
        [aid, path, sha, len(raw_text.encode()), title, site, date, "byline" if date else None, source_type,
         [f"demo: {source_type}"], main_text, len(main_text), body_end, len(raw_text),
         sum(len(c[1]) for c in cuts)],
    )
    con.execute("INSERT INTO documents VALUES (?, ?, 'utf-8', ?)", [aid, path, raw_text])
    con.execute("INSERT INTO source_files VALUES (?, ?, 0, ?, 'loaded')", [path, len(raw_text.encode()), sha])
    for i, (rule, text) in enumerate(cuts):
        con.execute("INSERT INTO cut_blocks VALUES (?, ?, ?, ?)", [aid, i, rule, text])
    con.execute("INSERT INTO sections VALUES (?, 0, 1, ?, ?, 0, ?)", [aid, title, body, len(main_text)])
    pos = len(title) + 1
    for n, (surface, concept, context, trigger) in enumerate(mentions):
        start = main_text.index(surface, pos)
        pos = start + len(surface)
        sent_start = max(main_text.rfind("\n", 0, start), main_text.rfind("。", 0, start)) + 1
        sent_end = main_text.find("。", start)
        sentence = main_text[sent_start: (sent_end + 1 if sent_end >= 0 else len(main_text))]
        d = next(x for x in DISEASES if x[0] == concept)
        con.execute(
            "INSERT INTO disease_mentions VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [aid, n, start, start + len(surface), surface, concept, d[1], d[3], d[6], context, trigger, sentence],
        )
    for n, ((raw, style, doi), (s, e)) in enumerate(zip(citations, cit_spans, strict=True), start=1):
        pmid = "31234567" if "PMID" in raw else None
        con.execute(
            "INSERT INTO citations VALUES (?, ?, ?, ?, [], NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, NULL, ?, ?)",
            [aid, n, raw, style, doi, pmid, s, e],
        )
    for n, (kind, text, location) in enumerate(signals):
        start = main_text.find(text) if location == "main_text" else None
        con.execute("INSERT INTO commercial_signals VALUES (?, ?, ?, ?, ?, ?)", [aid, n, kind, text, location, start])


# -- fixtures ------------------------------------------------------------------------------------
# Once tests/conftest.py provides `seeded_db` / `xss_db`, these two fixtures return them.


@pytest.fixture(scope="session")
def dashboard_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_warehouse(tmp_path_factory.mktemp("dash") / "demo.duckdb")


@pytest.fixture(scope="session")
def dashboard_xss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_warehouse(tmp_path_factory.mktemp("dashxss") / "xss.duckdb", xss=True)
