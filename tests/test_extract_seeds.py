"""Each extractor on each of the five real seeds, with expectations checked by reading them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.conftest import SEED_NAMES, parse_seed

# What must and must not be in each article's main text (trafilatura-style gold snippets).
GOLD = {
    "000": {
        "must": ["目前真正走入临床且技术成熟的干细胞治疗，只有骨髓移植。", "干细胞治疗需要注意哪些问题？",
                 "原位治疗可以在功能障碍的组织器官处利用干细胞原位修复"],
        "must_not": ["查看知乎讨论", "查看知乎原文", "headimg", "thumbnail", "<p>", "referrerpolicy"],
    },
    "001": {
        "must": ["在当今世界,干细胞治疗的安全性问题一直备受关注。", "Pandey A.C., Semon J.A."],
        "must_not": ["公司地址", "400-622-0089", "免责说明", "上一篇", "下一篇", "干细胞疗法治疗精神疾病:未来几十年的真正希望",
                     "即时推送国内外干细胞临床医学资讯"],
    },
    "002": {
        "must": ["间充质干细胞(MSCs)是干细胞中的“王者”", "结语:就目前全球的临床研究数据显示"],
        "must_not": ["打开APP", "开通VIP", "猜你喜欢", "类似文章", "长达4年随访发现", "渐冻症 | 比癌症更恐怖的绝症",
                     "母义明", "本站仅提供存储服务", "联系客服", "算一算2024你的财运"],
    },
    "003": {
        "must": ["我国是肝病高发国家", "可以肯定的是,随着大量临床转化治疗开展"],
        "must_not": ["什么是痛风", "首页", "围观781", "咨询微信", "591574114", ".png", "Tags:", "本站分享的产品是食品"],
    },
    "004": {
        "must": ["干细胞回输(Stem Cell Infusion)是近年来医学领域中的一个重要治疗手段", "为更多患者带来福音。"],
        "must_not": ["免费在线咨询", "相关阅读", "热门推荐", "中科西部干细胞"],
    },
}


@pytest.mark.parametrize("prefix", sorted(GOLD))
def test_main_text_gold_snippets(prefix: str) -> None:
    doc = parse_seed(prefix)
    for s in GOLD[prefix]["must"]:
        assert s in doc.main_text, f"{prefix}: missing {s!r}"
    for s in GOLD[prefix]["must_not"]:
        assert s not in doc.main_text, f"{prefix}: boilerplate {s!r} leaked into main_text"
    # What was cut is kept for audit, and the full text is kept too.
    assert doc.raw_text and len(doc.raw_text) > len(doc.main_text)


def test_every_seed_is_covered() -> None:
    assert sorted(n[:3] for n in SEED_NAMES) == sorted(GOLD)


def test_zhihu_answer_metadata() -> None:
    doc = parse_seed("000")
    assert doc.format == "markdown_html"
    assert doc.title == "什么是干细胞治疗？有用吗？"
    assert doc.author == "倩Sur"          # the answerer, not front matter's "author: 知乎"
    assert doc.site_name == "知乎"
    assert doc.url == "https://www.zhihu.com/question/479001028/answer/2190961378"
    assert doc.published_date == dt.date(2021, 10, 28) and doc.date_source == "front_matter"
    assert doc.source_type == "social_qa"
    assert doc.language == "zh-Hans"
    assert doc.source_type_evidence[0].startswith("sources file")


def test_clinic_page_metadata_ignores_neighbouring_article_dates() -> None:
    doc = parse_seed("001")
    assert doc.title == "干细胞治疗的安全性到底怎么样?"
    assert doc.site_name == "杭吉干细胞"
    assert doc.source_type == "commercial_clinic"
    # "« 上一篇 2025年1月9日" dates the previous/next article links, not this one.
    assert doc.published_date is None
    assert any("400 hotline" in e for e in doc.source_type_evidence)


def test_aggregator_metadata() -> None:
    doc = parse_seed("002")
    assert doc.title == "间充质干细胞治疗会产生依赖性吗?为何要多次输注?"
    assert doc.site_name == "360doc个人图书馆"
    assert doc.source_type == "content_aggregator"
    assert doc.published_date is None


def test_blog_metadata_date_from_byline() -> None:
    doc = parse_seed("003")
    assert doc.title == "干细胞注射治疗肝衰竭安全吗?干细胞疗法真的能根治慢性肝衰竭吗?"
    assert doc.published_date == dt.date(2021, 6, 19) and doc.date_source == "byline"
    assert doc.site_name == "什么是痛风"
    assert doc.source_type == "commercial_blog"
    rules = {r for r, _ in doc.cut}
    assert {"breadcrumb", "byline", "summary", "image_placeholder", "contact"} <= rules


def test_clinic_brand_is_site_not_title() -> None:
    doc = parse_seed("004")
    assert doc.title == "干细胞回输是什么原理??细胞治疗真实效果怎么样??苏州哪个医院可以注射干细胞?"
    assert doc.site_name == "中科西部干细胞"
    assert doc.source_type == "commercial_clinic"


def _outline(prefix: str) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for s in parse_seed(prefix).sections]


def test_sections_from_html_bold_paragraphs() -> None:
    out = _outline("000")
    assert out[0] == (1, "什么是干细胞治疗？有用吗？")
    assert (2, "什么是干细胞治疗？和器官移植有什么区别？") in out
    # Two <strong> runs in one <p> are two headings, the numbered one a level below.
    i = out.index((2, "干细胞治疗需要注意哪些问题？"))
    assert out[i + 1] == (3, "（1）干细胞制剂的质量和数量")
    assert (2, "参考资料") == out[-1]


def test_sections_from_plain_text_conventions() -> None:
    assert (2, "1. 什么是间充质干细胞?") in _outline("002")      # lone "1." joined to its line
    assert (3, "剂量方面") in _outline("002")
    out3 = _outline("003")
    assert (2, "一、肝衰竭传统干预方法无法满足患者需求") in out3
    assert any(h == "2.归巢性" for _, h in out3)                 # label before a colon
    out4 = _outline("004")
    assert (2, "一、干细胞回输的基本概念") in out4 and (3, "1. 组织修复与再生") in out4
    assert (2, "什么是干细胞?") in _outline("001")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("prefix", sorted(GOLD))
def test_section_offsets_index_main_text(prefix: str) -> None:
    doc = parse_seed(prefix)
    prev = -1
    sections = list(doc.sections)
    for i, s in enumerate(sections):
        assert 0 <= s.start_char <= s.end_char <= len(doc.main_text)
        assert s.start_char > prev or s.section_no == 0
        prev = s.start_char
        # The span is the heading (a label may lose its colon) followed by the body, nothing else
        # (whitespace aside: a lone number line is joined to the line after it).
        span, heading, body = (_compact(t) for t in (doc.main_text[s.start_char:s.end_char], s.heading, s.body))
        assert heading, s
        assert span in (heading + body, heading + ":" + body, heading + "：" + body), (s.heading, span[:60])
        if not body:  # only a heading directly followed by its first subheading has no body
            nxt = sections[i + 1]
            assert nxt.level > s.level and _compact(doc.main_text[s.end_char:nxt.start_char]) == "", s.heading


def test_zhihu_citations() -> None:
    cits = parse_seed("000").citations
    assert len(cits) == 5
    url, van, gb1, gb2, gb3 = cits
    assert url.style == "url" and url.url == "https://en.wikipedia.org/wiki/Stem-cell_therapy"  # link.zhihu.com decoded
    assert van.style == "vancouver" and van.authors == ["Biehl JK", "Russell B"]
    assert (van.title, van.container, van.year, van.volume, van.issue, van.pages, van.doi) == (
        "Introduction to stem cell therapy", "J Cardiovasc Nurs", 2009, "24", "2", "98-105", "10.1097/JCN.0b013e318197a6a5")
    assert gb1.style == "gbt7714" and gb1.authors == ["王佃亮"]
    assert (gb1.title, gb1.container, gb1.year, gb1.volume, gb1.issue, gb1.pages) == (
        "干细胞治疗现状、策略与前景展望", "转化医学杂志", 2018, "007", "006", "329-333")
    assert (gb2.container, gb2.year, gb2.volume, gb2.issue, gb2.pages) == ("中国医药生物技术", 2020, "15", "3", "290-294")
    assert gb2.authors == ["何萍", "程涛", "郝莎"]
    assert (gb3.container, gb3.year, gb3.volume, gb3.issue) == ("中华细胞与干细胞杂志（电子版）", 2020, "10", "05")


def test_clinic_page_trailing_reference_list() -> None:
    doc = parse_seed("001")
    cits = doc.citations
    assert len(cits) == 25
    assert all(c.year and 1990 <= c.year <= 2016 for c in cits)
    assert all(c.title and c.container and c.authors for c in cits)
    with_doi = [c.citation_no for c in cits if c.doi]
    raw_with_doi = [c.citation_no for c in cits if "doi" in c.raw.lower()]
    assert with_doi == raw_with_doi == list(range(18, 26))
    assert cits[0].authors[:2] == ["Pandey A.C.", "Semon J.A."] and cits[0].container == "Stem Cell Research & Therapy"
    assert cits[23].style == "nature" and cits[23].doi == "10.1038/nbt.2816" and cits[23].year == 2014
    assert cits[19].authors[0] == "De la Fuente" and cits[19].doi == "10.1158/0008-5472.CAN-10-2451"
    # The reference list is not body text: mentions stop before it.
    assert doc.body_end_char == cits[0].start_char
    assert all(m.end_char <= doc.body_end_char for m in doc.mentions)


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_no_reference_list_no_citations(prefix: str) -> None:
    doc = parse_seed(prefix)
    assert doc.citations == []
    assert doc.body_end_char == len(doc.main_text)


def test_commercial_signals() -> None:
    s1 = {(s.kind, s.text) for s in parse_seed("001").signals}
    assert {("phone", "400-622-0089"), ("phone", "139-6700-7000")} <= s1
    assert any(k == "disclaimer" and t.startswith("免责说明") for k, t in s1)
    s3 = {(s.kind, s.text) for s in parse_seed("003").signals}
    assert ("wechat", "591574114") in s3 and ("call_to_action", "详情咨询客服") in s3
    s4 = parse_seed("004").signals
    assert [(s.kind, s.text, s.location) for s in s4] == [("call_to_action", "免费在线咨询", "boilerplate")]
    assert parse_seed("000").signals == []


@pytest.mark.parametrize("prefix", sorted(GOLD))
def test_signal_offsets(prefix: str) -> None:
    doc = parse_seed(prefix)
    for s in doc.signals:
        if s.location == "main_text":
            assert doc.main_text[s.start_char:s.start_char + len(s.text)] == s.text
        else:
            assert s.start_char is None


@pytest.mark.parametrize("prefix", sorted(GOLD))
def test_parse_is_deterministic(prefix: str) -> None:
    assert parse_seed(prefix) == parse_seed(prefix)
