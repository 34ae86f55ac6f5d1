"""The article's own date: every form pages write it in, and where it may (not) come from.

The pages are written for the test; each reproduces where a kind of page states its date
(a labelled header line, a byline, a dateline, a table row), and the traps (a date in the
headline, in the body, in the site's clock, only in the URL).
"""

from __future__ import annotations

import datetime as dt

import opencc
import pytest

from etl.extract.metadata import find_dates, parse_date, url_date
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import ParsedDocument, parse_document

D = dt.date(2023, 5, 12)
PARA = "干细胞研究近年来进展很快，但多数疗法仍处在临床试验阶段，患者应当理性看待各种宣传。"
TITLE = "干细胞治疗的现状与展望"


def parse(text: str, name: str = "page.txt") -> ParsedDocument:
    return parse_document(name, text.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())


@pytest.mark.parametrize("text", [
    "May 12, 2023", "May 12 2023", "12 May 2023", "12th May, 2023", "2023 May 12", "Posted Fri, 12 May 2023",
    "2023-05-12", "2023/5/12", "2023.05.12", "2023年5月12日", "2023 年 05 月 12 日", "２０２３年５月１２日",
    "23-05-12",
])
def test_each_format(text: str) -> None:
    assert parse_date(text) == D


@pytest.mark.parametrize("text", ["12/05/2023", "05/12/2023", "2023-13-01", "Mayday 12, 2023", "1880-01-01"])
def test_ambiguous_or_impossible_dates_are_not_read(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_in_reading_order() -> None:
    found = find_dates("更新于 June 1, 2023，发布于 2023-05-12")
    assert [f.date for f in found] == [dt.date(2023, 6, 1), D]


@pytest.mark.parametrize(("page", "source"), [
    (f"首页 > 资讯\n发布时间：2023-05-12 10:20\n{TITLE}\n{PARA}\n", "header"),
    (f"{TITLE}\n發佈時間：2023年05月12日  閱讀：1024\n{PARA}\n", "byline"),
    (f"{TITLE}\n来源：某某健康网  作者：张三  2023-05-12 15:00:27\n{PARA}\n", "byline"),
    (f"{TITLE}\nBy JOHN SMITH | Published: May 12, 2023\n{PARA}\n", "byline"),
    (f"{TITLE}\n日期：2023.05.12\n{PARA}\n", "byline"),
    (f"2023-05-12 15:00:27\n{TITLE}\n{PARA}\n", "header"),
    (f"{TITLE}\n【本报讯 北京時間2023年05月12日訊】{PARA}\n", "dateline"),
    (f"{TITLE}\n新华社北京2023年5月12日电（记者 李明）{PARA}\n", "dateline"),
    (f"{TITLE}\nBEIJING, May 12, 2023 /Newswire/ -- The city health board listed the approved cell therapies and their fees.\n", "dateline"),
    # a US press release: city, state, then the date (blind set bd, session 33)
    (f"{TITLE}\nSCOTTSDALE, Ariz., May 12, 2023 /Example Wire/ -- The city health board listed the approved cell therapies and their fees.\n",
     "dateline"),
    (f"{TITLE}\n公示日期：2023年05月12日\n{PARA}\n", "byline"),
])
def test_where_pages_state_their_date(page: str, source: str) -> None:
    doc = parse(page)
    assert doc.published_date == D, doc.title
    # Above or under the title depends on which line chrome selection took as the title.
    assert doc.date_source == source or {doc.date_source, source} <= {"header", "byline"}


@pytest.mark.parametrize("tail", ["2023-05-12 发布 · 播放 2.1万 · 有用 356", "编辑于 2023-05-12 09:14",
                                  "回答者：匿名用户　2023-05-12"])
def test_a_date_right_after_the_text_dates_an_undated_page(tail: str) -> None:
    """A video answer or a Zhihu answer dates itself after the text; read only when nothing above does."""
    doc = parse(f"{TITLE}\n{PARA}\n{PARA}\n{tail}\n相关问题\n")
    assert (doc.published_date, doc.date_source) == (D, "after_text")
    assert tail not in doc.main_text
    # A date above wins; a dated link after the text (no 发布/编辑于) is no date of the page.
    doc = parse(f"{TITLE}\n发布时间：2023-05-11\n{PARA}\n{PARA}\n{tail}\n")
    assert (doc.published_date, doc.date_source) == (dt.date(2023, 5, 11), "byline")
    doc = parse(f"{TITLE}\n{PARA}\n{PARA}\n2023-05-12 干细胞储存有必要吗\n")
    assert doc.published_date is None


def test_published_beats_updated() -> None:
    doc = parse(f"{TITLE}\nUpdated: June 1, 2023 | Published: May 12, 2023\n{PARA}\n")
    assert doc.published_date == D


@pytest.mark.parametrize("header", ["成文日期：2023-05-08\n发布日期：2023-05-12", "发布日期：2023-05-12\n成文日期：2023-05-08",
                                    "发文日期：2023-05-08 发布日期：2023-05-12"])
def test_publication_beats_the_date_a_document_was_signed(header: str) -> None:
    doc = parse(f"{TITLE}\n{header}\n{PARA}\n")
    assert doc.published_date == D


@pytest.mark.parametrize("line", ["發布日期：112-05-12", "更新日期：112/05/12", "民國112年5月12日"])
def test_minguo_dates_of_taiwan_pages(line: str) -> None:
    doc = parse(f"{TITLE}\n{line}\n{PARA}\n")
    assert doc.published_date == D


def test_a_minguo_like_number_without_a_label_is_not_a_date() -> None:
    doc = parse(f"{TITLE}\n電話 112-05-12\n{PARA}\n")
    assert doc.published_date is None


def test_signing_date_alone_is_used() -> None:
    doc = parse(f"{TITLE}\n成文日期：2023-05-12\n{PARA}\n")
    assert doc.published_date == D


def test_updated_alone_is_used() -> None:
    doc = parse(f"{TITLE}\n更新时间：2023-05-12\n{PARA}\n")
    assert doc.published_date == D


def test_label_row_of_a_table() -> None:
    """A label row above a value row, as reply records list them; other dates in the table lose."""
    doc = parse("题目 | 关于加强干细胞监管的建议 |\n"
                "主办单位 | 交办日期 |\n"
                "卫生健康委员会 | 2023-03-01 |\n"
                "承办单位 | 答复日期 | 答复内容 |\n"
                "卫生健康委员会 | 2023-05-12 | 查看\n"
                f"{PARA}{PARA}\n")
    assert doc.published_date == D


def test_headline_date_is_ignored() -> None:
    doc = parse(f"关于2012年7月1日前停止未经批准的干细胞临床研究的通知\n{PARA}\n{PARA}\n")
    assert doc.published_date is None


def test_body_date_is_ignored() -> None:
    doc = parse(f"{TITLE}\n2021年9月3日，一个研究小组在学术会议上报告了间充质干细胞的随访数据，引起关注。\n{PARA}\n")
    assert doc.published_date is None
    doc = parse(f"{TITLE}\n{PARA}\n{PARA}\n2019年3月8日某市举行细胞产业推介会\n{PARA}\n")
    assert doc.published_date is None


def test_site_clock_is_ignored() -> None:
    doc = parse(f"今天是2023年5月12日 星期五\n首页 > 资讯\n{TITLE}\n{PARA}\n")
    assert doc.published_date is None


def test_neighbour_link_dates_in_the_tail_are_ignored() -> None:
    doc = parse(f"{TITLE}\n{PARA}\n{PARA}\n上一篇：干细胞与糖尿病 2023年5月12日\n下一篇：干细胞与帕金森病 2023年5月13日\n")
    assert doc.published_date is None


def test_url_only_date_is_not_the_published_date() -> None:
    page = (f'<html><head><title>{TITLE}</title><link rel="canonical" href="https://news.example.com/2023-05/12/c_1.htm">'
            f"</head><body><h1>{TITLE}</h1><p>{PARA}</p></body></html>")
    doc = parse(page, "u.html")
    assert doc.published_date is None
    assert doc.url_date == D


@pytest.mark.parametrize(("url", "date"), [
    ("https://x.example.com/2023/0512/1.html", D),
    ("https://x.example.com/a/202305/12/WS1.html", D),
    ("https://x.example.com/content/20230512_77.htm", D),
    ("https://x.example.com/article/14807321.shtml", None),
    ("https://x.example.com/2023/1399/1.html", None),
    (None, None),
])
def test_url_date(url: str | None, date: dt.date | None) -> None:
    assert url_date(url) == date


def test_traditional_and_english_labels_match() -> None:
    s2t = opencc.OpenCC("s2t")
    doc = parse(s2t.convert(f"首页 > 资讯\n{TITLE}\n发表于 2023-05-12\n{PARA}\n"))
    assert doc.published_date == D
    doc = parse(f"Stem cell therapy today\nLast updated 12 May 2023\n{PARA}\n")
    assert doc.published_date == D


def test_machine_converted_label_with_pinyin_debris() -> None:
    doc = parse(f"{TITLE}\n發(fā)佈時(shí)間：2023-05-12\n{PARA}\n")
    assert doc.published_date == D


def test_dated_link_list_above_the_title_is_not_the_date() -> None:
    doc = parse("最新资讯\n干细胞新规解读 2023-05-10\n脐带血储存指南 2023-05-08\n间充质干细胞问答 2023-04-30\n"
                f"{TITLE}\n{PARA}\n{PARA}\n")
    assert doc.published_date is None


def test_an_impossible_front_matter_date_loses_only_itself() -> None:
    """YAML's own timestamps raised on date: 2023-13-45 and the whole front matter, title and
    url included, was dropped; now the date alone is ignored, with a warning."""
    doc = parse(f"---\ntitle: 干细胞治疗肝硬化\ndate: 2023-13-45\nurl: https://example.org/a\n---\n{PARA}\n{PARA}\n", "a.md")
    assert (doc.title, doc.url, doc.published_date) == ("干细胞治疗肝硬化", "https://example.org/a", None)
    assert any("2023-13-45" in w for w in doc.warnings)
    doc = parse(f"---\ntitle: T\ndate: 2023-05-12 10:20:00\n---\n{PARA}\n{PARA}\n", "b.md")
    assert (doc.published_date, doc.date_source) == (D, "front_matter")


@pytest.mark.parametrize("url", ["http://exa mple.org/x", "https:///no-host", "https://[broken/x", "https://.example.org/x"])
def test_a_malformed_stated_url_is_not_stored(url: str) -> None:
    doc = parse(f"---\ntitle: T\nurl: {url}\n---\n{PARA}\n{PARA}\n", "a.md")
    assert doc.url is None and any("malformed URL" in w for w in doc.warnings), (doc.url, doc.warnings)


def test_a_journal_history_line_dates_the_page_by_its_publication() -> None:
    """Received, accepted and published dates on one line: the publication date, whose label
    ("Published online") is longer than the 16 characters the label window read."""
    en = "Cultured stromal cells were given to 40 patients with decompensated liver disease in an open trial."
    doc = parse(f"Stromal cells in decompensated cirrhosis: an open trial\n"
                f"Received 14 Nov 2022 | Accepted 3 Mar 2023 | Published online 12 May 2023\n{en}\n{en}\n")
    assert doc.published_date == D


@pytest.mark.parametrize(("line", "want"), [
    ("某某医院 2023-05-12 16:45 发布于浙江 · 本文来自某某号作者，不代表平台观点", D),
    ("收稿日期: 2022-11-09 发布日期: 2023-05-12", D),
    ("By Ann Lee | Senior Reporter, Cell & Gene Therapy | Boston | Published May 12, 2023 6:05 AM ET | Updated May 13, 2023 9:40 AM ET", D),
])
def test_a_publish_label_after_the_date_and_long_bylines(line: str, want: dt.date) -> None:
    """发布 after a date (and its time) labels it, unless it starts the next date's label; a
    byline of 130 characters is still read (the zone stopped at 120)."""
    doc = parse(f"{TITLE}\n{line}\n{PARA}\n{PARA}\n")
    assert doc.published_date == want


@pytest.mark.parametrize(("page", "source"), [
    # A BBS post states its time as ctime under a 時間 label.
    (f"作者 walker99 (小走)\n標題 [心得] {TITLE}\n時間 Fri May 12 23:05:41 2023\n{PARA}\n{PARA}\n", None),
    # The date line after a notice that follows the text; the Traditional 編輯於.
    (f"{TITLE}\n{PARA}\n{PARA}\n（本文为合作推广内容，不代表本刊观点。）\n发布时间：2023-05-12 14:20 责任编辑：吴静\n", "after_text"),
    # (an answer's edit stamp is a byline wherever it stands, as 推荐于/回答于 stamps are: since 2026-12-06)
    (f"{PARA}\n{PARA}\n編輯於 2023-05-12 · 著作權歸作者所有\n贊同 412　評論 57\n", "byline"),
])
def test_bbs_times_and_dates_after_a_notice_or_in_traditional(page: str, source: str | None) -> None:
    doc = parse(page)
    assert doc.published_date == D
    assert source is None or doc.date_source == source


def _cms_page(info_above: str = "", info_below: str = "", topbar: str = "", head: str = "") -> str:
    """A CMS article page whose <h1> and info line stand outside the content container (div.content)."""
    body = "".join(f"<p>{PARA}{k}</p>" for k in range(4))
    return (f"<html><head><title>{TITLE}_某某中心</title>{head}</head><body>"
            f'<div class="top">{topbar}</div><div class="nav"><a href="/">首页</a> <a href="/news/">新闻动态</a></div>'
            f'<div class="position">当前位置:首页 &gt; 新闻动态 &gt; 正文</div>'
            f'<div class="article"><h1>{TITLE}</h1><div class="info">{info_above}</div>'
            f'<div class="content">{body}</div><div class="meta">{info_below}</div></div>'
            f'<div class="side"><h3>热门文章</h3><ul><li><a href="/1.html">干细胞与糖尿病</a></li></ul></div>'
            "</body></html>")


def test_an_info_line_above_the_content_container_dates_the_page() -> None:
    doc = parse(_cms_page(info_above="发布时间:2023-05-12 10:26 &nbsp; 来源:本站 &nbsp; 浏览:1289次"), "c.html")
    assert doc.published_date == D and doc.date_source == "byline"


def test_a_labelled_line_below_the_content_container_dates_the_page() -> None:
    doc = parse(_cms_page(info_below="发表于 2023年5月12日 分类:干细胞 阅读 5,276"), "c.html")
    assert doc.published_date == D and doc.date_source == "after_text"


def test_the_sites_clock_above_the_container_is_not_the_pages_date() -> None:
    doc = parse(_cms_page(topbar="Friday, 12 May 2023 Subscribe Sign in"), "c.html")
    assert doc.published_date is None


def test_the_date_the_page_shows_beats_its_meta_published_time() -> None:
    """A guide updated after it was first published: the reader sees the update date in the byline,
    the meta tag still holds the first publication. The page's stated date is its date."""
    page = (f'<html><head><title>{TITLE}</title><meta property="article:published_time" content="2022-11-20T08:00:00Z">'
            f"</head><body><article><h1>{TITLE}</h1><p>作者:某某 · 更新于 2023年5月12日</p>"
            + "".join(f"<p>{PARA}</p>" for _ in range(4)) + "</article></body></html>")
    assert parse(page, "u.html").published_date == D


def test_a_papers_citation_publication_date_meta_is_read() -> None:
    page = (f'<html><head><title>{TITLE}</title><meta name="citation_publication_date" content="2023/05/12">'
            f"</head><body><h1>{TITLE}</h1>" + "".join(f"<p>{PARA}</p>" for _ in range(4)) + "</body></html>")
    doc = parse(page, "u.html")
    assert doc.published_date == D and doc.date_source == "html_meta"


def test_a_label_and_its_date_in_separate_cells_of_an_index_table() -> None:
    """A government page's index table: 发布日期: | 2023-05-12 (the label's cell, then the date's)."""
    page = (f"索 引 号: | 000000/2023-00001 | 主题分类: | 卫生健康\n发布机构: | 某某省卫生健康委员会 | 成文日期: | 2023-05-08\n"
            f"文    号: | 某卫提函〔2023〕61号 | 发布日期: | 2023-05-12\n{TITLE}\n{PARA}\n{PARA}\n")
    assert parse(page).published_date == D


@pytest.mark.parametrize(("signature", "date_line"), [
    ("某某省卫生健康委员会", "2023年5月12日"),
    ("HEALTH SCIENCES AUTHORITY", "12 MAY 2023"),
    ("", "Ends/Friday, May 12, 2023"),
])
def test_the_date_under_a_notices_signature(signature: str, date_line: str) -> None:
    """A notice or press release dated only under its signature, after the text."""
    lines = [TITLE, PARA, PARA, *([signature] if signature else []), date_line, "相关链接", "干细胞与糖尿病"]
    doc = parse("\n".join(lines))
    assert doc.published_date == D and doc.date_source == "after_text"


def test_a_bare_date_after_a_paragraph_is_not_a_signature() -> None:
    """The first item of a dated list after the text is no signature date (guard)."""
    doc = parse(f"{TITLE}\n{PARA}\n{PARA}\n2023年5月12日\n干细胞与糖尿病 2023年5月13日\n")
    assert doc.published_date is None


def test_a_journals_publication_date_after_the_abstract() -> None:
    doc = parse(f"{TITLE}\n摘要:{PARA}\n{PARA}\n关键词:干细胞;脊髓损伤\n收稿日期:2023-01-10  出版日期:2023-05-12\n")
    assert doc.published_date == D


def test_a_journals_dates_under_its_keywords_fund_and_doi_lines() -> None:
    doc = parse(f"{TITLE}\n摘要:{PARA}\n{PARA}\n关键词:干细胞;脊髓损伤\n基金项目:某某省自然科学基金(2020-01)\n"
                f"DOI:10.00000/j.issn.0000-0000.2023.06.007\n收稿日期:2023-01-10  出版日期:2023-05-12\n")
    assert doc.published_date == D


def test_a_papers_online_date_over_its_received_and_revised_dates() -> None:
    """收稿日期 and 修回日期 date the manuscript; 网络出版日期 is the article's."""
    doc = parse("\n".join([TITLE, "某某1, 某某2", "收稿日期:2023-01-03  修回日期:2023-03-20  网络出版日期:2023-05-12",
                           "摘要", PARA, PARA]))
    assert doc.published_date == D


def test_a_mirrors_collection_time_is_not_the_date() -> None:
    """An answer mirror's 收录时间 over the title is when it copied the page; the answer's own
    发布于 line after the text dates it."""
    doc = parse("\n".join(["某某问答镜像站", "收录时间:2023-10-30 03:12:45  来源:网络  热度:2887", TITLE, PARA, PARA,
                           "发布于 2023-05-12 · 著作权归作者所有", "相关问题"]))
    assert doc.published_date == D


def test_an_answers_time_after_its_text_dates_a_question_without_a_year() -> None:
    doc = parse("\n".join(["某某健康网-医生在线解答", "首页 > 问医生 > 问题详情", TITLE + "?", "问题描述:" + PARA,
                           "(女,55岁) 05-10 提问", "王某 副主任医师", "医生回答:", PARA, PARA,
                           "回答时间:2023.05.12 09:12", "本回答仅供参考,不能作为诊断及医疗的依据。"]))
    assert doc.published_date == D


@pytest.mark.parametrize(("line", "want"), [
    ("回覆日期:114/09/30", dt.date(2025, 9, 30)),
    ("【收稿日期】2025-03-11 【网络首发日期】2025-07-28", dt.date(2025, 7, 28)),
])
def test_a_reply_date_written_with_fu_and_a_bracketed_online_first_label(line: str, want: dt.date) -> None:
    """Blind set ab (2026-12-06): a Taiwan answer's 回覆日期 in a Minguo year, and a journal's labels in
    brackets (the online-first date is the page's, not the received date)."""
    doc = parse(f"{TITLE}\n{line}\n{PARA}\n{PARA}\n")
    assert doc.published_date == want


def test_a_metadata_date_the_page_shows_picks_between_two_shown_dates() -> None:
    """An index table with 成文日期 above the title and 发布日期 below it, cell by cell: the page
    shows both, and its metadata (PubDate) says which one is the publication's."""
    rows = [("索 引 号:", "11530000-2025-00087"), ("发文机关:", "某某省卫生健康委员会"), ("成文日期:", "2025年02月27日"),
            ("标 题:", "关于公布第三批干细胞临床研究备案项目的通知"), ("发文字号:", "某卫科教发〔2025〕6号"),
            ("发布日期:", "2025年03月05日")]
    table = "".join(f"<tr><td>{rows[i][0]}</td><td>{rows[i][1]}</td><td>{rows[i + 1][0]}</td><td>{rows[i + 1][1]}</td></tr>"
                    for i in range(0, len(rows), 2))
    html = ('<html><head><meta name="ArticleTitle" content="关于公布第三批干细胞临床研究备案项目的通知">'
            '<meta name="PubDate" content="2025-03-05 16:30"><title>某某省卫生健康委员会 关于公布第三批干细胞临床研究备案项目的通知'
            f"</title></head><body><p>首页 | 政务公开 | 通知公告</p><table>{table}</table>"
            f"<h2>关于公布第三批干细胞临床研究备案项目的通知</h2><p>各有关单位:</p><p>{PARA}</p><p>{PARA}</p></body></html>")
    doc = parse(html, "page.html")
    assert str(doc.published_date) == "2025-03-05"


@pytest.mark.parametrize(("text", "want"), [
    # an update set against the page's own date on one line: the page's date
    (f"聯晨新聞網\n首頁 > 健康\n{TITLE}\n2024/10/22 18:05(最後更新:2024/10/23 09:12)\n{PARA}\n{PARA}\n", "2024-10-22"),
    # a paper's manuscript dates are not its date; its publication date on the same line is
    (f"{TITLE}\n收稿日期:2023-02-16 网络出版日期:2023-08-25\n{PARA}\n{PARA}\n", "2023-08-25"),
    (f"{TITLE}\n作者:某某某\n收稿日期:2023-04-11\n{PARA}\n{PARA}\n", "None"),
    # month first when the day is over 12
    (f"Stem Cell Treatment in Mexico: 2025 Cost Guide\nPosted 03/18/2025 by Example Team\n{PARA}\n{PARA}\n", "2025-03-18"),
    # a letter's date, then the reply's under the letter: the reply dates a mailbox page
    (f"信件标题:{TITLE}\n信件编号:YC-0386 来信时间:2024-09-17 办理状态:已办结\n{PARA}\n答复单位:某某市卫生健康委员会 答复时间:2024-09-29\n{PARA}\n",
     "2024-09-29"),
])
def test_update_received_month_first_and_reply_dates_of_blind_set_ag(text: str, want: str) -> None:
    """Date forms blind set ag (2026-12-07) showed."""
    assert str(parse(text).published_date) == want


@pytest.mark.parametrize(("text", "want"), [
    # a newspaper site's clock in its masthead, over the article's dated byline
    (f"某某晚报 数字报 | 首页 本地 社会 健康 | 2024年6月21日 星期五\n健康周刊 > 医药新闻\n{TITLE}\n"
     f"2024-06-20 07:45 来源:某某晚报 记者 某某\n{PARA}\n{PARA}\n", "2024-06-20"),
    # with no dated byline, a date in the masthead is still read
    (f"某某晚报 | 2024年6月21日 星期五\n{TITLE}\n{PARA}\n{PARA}\n", "2024-06-21"),
    # a doctor's answer dated after its text (2025-02-12 09:15 回答)
    (f"某某问医生网\n首页 > 问答 > 血液科\n{TITLE}\n病情描述:女,24岁,去年确诊,想了解治疗方法。\n医生回答\n某某某 副主任医师\n"
     f"{PARA}\n{PARA}\n2025-02-12 09:15 回答\n有帮助(86) 没帮助(3)\n", "2025-02-12"),
    # an English paper's manuscript dates are not its date
    ("Repeated intrathecal cell injections in a motor neuron disease: an open-label study\nExample A, Example B, Example C\n"
     f"Received 14 September 2022; accepted 2 February 2023\n{PARA}\n{PARA}\n", "None"),
    ("Repeated intrathecal cell injections in a motor neuron disease: an open-label study\n"
     f"Received 3 March 2024; Accepted 1 May 2024; Published 20 May 2024\n{PARA}\n{PARA}\n", "2024-05-20"),
])
def test_a_mastheads_clock_an_answer_time_after_the_text_and_english_manuscript_dates(text: str, want: str) -> None:
    """Date forms blind sets ai and am (2026-12-07) showed."""
    assert str(parse(text).published_date) == want


def test_a_shown_headline_and_its_updated_byline_over_an_unshown_og_title_and_meta_date() -> None:
    """og:title and article:published_time that the page does not show, over an <h1> and a byline
    (Updated 14 January 2025) it does: the page's headline and its stated date (blind set ai)."""
    html = ('<html><head><title>Stem Cell Treatment Abroad: Clinics, Costs &amp; Evidence (2025) | Example Travel</title>'
            '<meta property="og:title" content="Stem Cell Treatment Abroad: Clinics, Costs and Evidence">'
            '<meta property="article:published_time" content="2023-05-02T08:00:00+00:00"></head><body>'
            '<nav>Destinations Treatments Prices About</nav><article>'
            '<h1>Stem Cell Treatment Abroad: Clinics, Costs and What the Evidence Says</h1>'
            '<div class="byline">By Example Writer, Travel Editor · Updated <time datetime="2025-01-14">14 January 2025</time>'
            ' · 9 min read</div><p>Families living with a rare inherited movement disorder often read about stem cell '
            'treatment abroad, and clinics in several countries advertise it with confident claims.</p><p>This guide '
            'sets out what the clinics offer, what they charge and what the published evidence really shows so far.</p>'
            '</article></body></html>')
    doc = parse(html, "page.html")
    assert doc.title == "Stem Cell Treatment Abroad: Clinics, Costs and What the Evidence Says"
    assert str(doc.published_date) == "2025-01-14"


def test_an_english_answer_is_dated_by_its_answered_line() -> None:
    """'Orthopaedic surgeon, … · Answered 14 March 2023' under the answerer's name dates a Q&A page."""
    doc = parse("\n".join([
        "Someask", "Home", "Health & Medicine › Orthopedics",
        "Do stem cell injections for knee arthritis really work, or is it a scam?", "7 Answers", "Dr. Some One",
        "Orthopaedic surgeon, sports medicine, Chennai · Answered 14 March 2023",
        "Short answer: for most people with knee osteoarthritis, stem cell injections have not been shown to regrow "
        "cartilage, and the relief some patients feel is similar to what other injections give.",
        "What clinics usually inject is bone marrow aspirate concentrate or fat-derived cells, which contain very few "
        "true stem cells, and the trials so far are small and short.",
        "Side effects are usually minor: swelling and stiffness for a few days."]))
    assert str(doc.published_date) == "2023-03-14"


def test_a_news_pages_stamp_at_its_foot_dates_an_undated_page() -> None:
    """Blind set by (read; 2026-12-07, sixth session): a Hong Kong paper prints its date and time
    right under the text (2024年6月21日（星期五）18:04); a stamp further down (a related item's)
    does not."""
    stamp = "2024年6月21日（星期五）18:04"
    page = f"【某某日報】{PARA}\n{PARA}\n{PARA}\n"
    assert str(parse(page + f"{stamp}\n相關新聞\n某某新聞一則\n").published_date) == "2024-06-21"
    assert parse(page + f"相關新聞\n某某新聞一則\n{stamp}\n").published_date is None


def test_a_papers_online_first_date_after_its_keywords() -> None:
    """A CNKI-style record dates the paper by its 网络首发日期 line among the lines after the abstract."""
    doc = parse(f"某某学报\n{TITLE}\n摘要：{PARA}{PARA}\n关键词：间充质干细胞；肝硬化\nDOI：10.1234/j.x.2023.06.011\n"
                "网络首发日期：2023-06-20\n下载 PDF下载 CAJ下载 在线阅读\n")
    assert str(doc.published_date) == "2023-06-20"


def test_an_account_articles_unlabelled_date_under_its_headline_outside_the_content() -> None:
    """A WeChat-style article: the <h1> and the meta line (原创 author account 2024-03-12 08:30 浙江)
    stand outside the content container; the bare date on the line right under the headline is the
    article's (a bare date elsewhere outside is the site's clock)."""
    html = ("<html><head><title>x</title></head><body><div id='activity-detail'>"
            f"<h1 class='rich_media_title'>{TITLE}</h1>"
            "<div class='rich_media_meta_list'><span>原创</span> <span>某某</span> <a>某某科普君</a> "
            "<em id='publish_time'>2024-03-12 08:30</em> <em>浙江</em></div>"
            f"<div class='rich_media_content' id='js_content'><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div>"
            "</div></body></html>")
    assert str(parse(html, "page.html").published_date) == "2024-03-12"


@pytest.mark.parametrize(("byline", "expected"), [
    ("By Dana Example | Medically reviewed by Dr. P. Example | 12 February 2024", dt.date(2024, 2, 12)),
    ("作者：某某 | 来源：某某健康网 | 2024-03-02", dt.date(2024, 3, 2)),
    ("By Dana Example | Senior Reporter | Boston", None),
])
def test_a_byline_of_fields_between_bars_with_the_date_as_one_field(byline: str, expected: dt.date | None) -> None:
    """Blind set cm (read; eighth session): a byline set between bars whose last field is the date
    alone dates the page, though the whole line has more words beside the date than a date line."""
    body = ("Injections of concentrated cells have not been shown to regrow cartilage in advanced knee "
            "osteoarthritis, and most guidelines do not recommend them outside a clinical trial.")
    doc = parse("\n".join(["Example Health Guide", "Home | Guides | Clinics", "Stem cell therapy abroad: costs and what it can treat",
                           byline, body, body.replace("knee", "hip")]))
    assert doc.published_date == expected


def test_a_posts_stamp_with_a_two_digit_year_and_a_time() -> None:
    """Weibo dates a post of an earlier year as 23-5-9 21:14 above the client it came from."""
    doc = parse(f"某某的微博\n23-5-9 21:14 来自 iPhone客户端\n{PARA}\n{PARA}\n")
    assert str(doc.published_date) == "2023-05-09"


def test_a_papers_history_line_under_its_authors_and_affiliations() -> None:
    """A journal page: title, authors, three affiliations, then Received · Accepted · Published:
    the published date, read past the authors' lines."""
    doc = parse("Example Journal of Regenerative Medicine\nHome  Current Issue  Archive\n"
                "Volume 14, Issue 3 · March 2024 · pp. 211–226\n"
                "Mesenchymal stromal cells for chronic spinal cord injury: a systematic review\n"
                "Ann Example 1, Bo Example 2, Cy Example 1\n1 Department of Neurosurgery, Example University School of Medicine\n"
                "2 Institute of Clinical Medicine, Example Harbour University\n3 Center for Spinal Repair, Example University Hospital\n"
                "Received: 12 September 2023 · Accepted: 22 January 2024 · Published: 5 March 2024\n"
                "Abstract\nSpinal cord injury often causes lasting paralysis, and no treatment restores function.\n"
                "We searched four databases for studies of stromal cell transplantation in adults.\n")
    assert str(doc.published_date) == "2024-03-05"
