"""Source type from families of evidence: one small page per type and per known trap.

Every page here is written for the test; each reproduces the structure of a kind of page
(a newsroom byline, a reply to a deputy, a doctor-answer card, a journal header, a repost
footer, a clinic's hotline, an SEO explainer, a gambling mirror), not any real page's text.
"""

from __future__ import annotations

import opencc
import pytest

from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import ParsedDocument, parse_document

PARA = "干细胞研究近年来进展很快，但多数疗法仍处在临床试验阶段，患者应当理性看待各种宣传。"
EN_PARA = ("Researchers said the trial will test whether an infusion of donor cells improves recovery, and that "
           "patients should not pay for unproven treatments offered abroad while the study runs.")


def parse(text: str, name: str = "page.txt") -> ParsedDocument:
    return parse_document(name, text.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())


def html_page(url: str, body: str, title: str = "干细胞治疗的现状与展望") -> str:
    return (f'<html><head><title>{title}</title><link rel="canonical" href="{url}"></head>'
            f"<body><h1>{title}</h1>{body}</body></html>")


PAGES = {
    "news": (
        "首页 > 健康 > 正文\n"
        "干细胞美容乱象调查\n"
        "2023-03-02 09:15 来源：南方晚报\n"
        "本报讯（记者 李明 通讯员 张华）近日，多家美容院被曝以干细胞名义推销抗衰项目。\n"
        f"{PARA}\n"
        "记者走访发现，部分机构并无医疗资质。\n"
        "责任编辑：王芳\n"
    ),
    "government": (
        "索引号：11400000/2023-00012 发布机构：某市卫生健康委员会\n"
        "关于市政协五届二次全会第27号提案的答复\n"
        "发布时间：2023-06-30\n"
        "王委员：您提出的关于规范干细胞临床研究的提案收悉，现答复如下：\n"
        f"一、工作情况。我委高度重视干细胞临床研究的备案管理工作。{PARA}\n"
    ),
    "social_qa": (
        "当前位置：首页 > 问题库 > 内科\n"
        "干细胞能治疗糖尿病吗？\n"
        "病情描述：家里老人糖尿病十年了，想问问干细胞治疗有没有用。\n"
        "医生回答（2）\n"
        "张强 主任医师\n"
        f"{PARA}\n"
    ),
    "academic": (
        "干细胞移植治疗脊髓损伤的研究进展\n"
        "王小明1，李红2\n"
        "（1某某大学附属医院 神经外科，北京 100000；2某某研究所）\n"
        "摘要：目的 综述干细胞移植治疗脊髓损伤的研究进展。\n"
        "关键词：干细胞；脊髓损伤；综述\n"
        "基金项目：某省自然科学基金（2020A001）\n"
        f"{PARA}\n"
    ),
    "content_aggregator": (
        "打开APP 阅读全文\n"
        "干细胞抗衰到底靠不靠谱\n"
        "本文来自微信公众号：健康观察（ID：jkgc），作者：陈一，原文标题：《干细胞抗衰的真相》\n"
        f"{PARA}\n"
        f"{PARA}\n"
    ),
    "commercial_clinic": (
        "某某干细胞医院\n"
        "免费咨询热线：400-123-4567 周一至周日 8:00-20:00\n"
        "干细胞治疗膝关节炎效果怎么样\n"
        f"{PARA}\n"
        "我院采用自体脂肪间充质干细胞技术，欢迎来电预约。\n"
    ),
    "commercial_blog": (
        "干细胞治疗帕金森病效果怎么样？如何选择？\n"
        "帕金森病困扰着许多老年人，本文将带您了解干细胞疗法的原理和选择要点。\n"
        f"一、什么是帕金森病\n{PARA}\n"
        f"二、干细胞疗法的原理\n{PARA}\n"
        f"三、如何选择治疗机构\n{PARA}\n"
    ),
    "other": (
        "干细胞产业的发展现状\n"
        f"{PARA}\n"
        "本文来源：澳门新葡京娱乐城-www.example-bet.icu\n"
    ),
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_one_page_per_type(kind: str) -> None:
    doc = parse(PAGES[kind])
    assert doc.source_type == kind, doc.source_type_evidence
    # The deciding evidence is kept: a rules line, then the cues that fired for that type.
    assert doc.source_type_evidence[0].startswith(f"rules: {kind}")
    assert len(doc.source_type_evidence) >= 2


def test_english_pages() -> None:
    news = parse(
        "Stem cell therapy prices released\n"
        "By JANE DOE | City Daily | Updated: 2023-04-23 09:47\n"
        "The city health board listed the approved cell therapies and their fees on Monday, a first for the region.\n"
        "Officials said the treatments would be reviewed every year.\n", "en.txt")
    assert news.source_type == "news"
    guide = parse(
        "How much does stem cell therapy cost abroad?\n"
        "Medical tourism has made stem cell therapy a popular choice for international patients.\n"
        "The cost of stem cell therapy depends on the condition, the cell type and the number of sessions.\n",
        "guide.txt")
    assert guide.source_type == "commercial_blog"
    paper = parse(
        "Skip to main content\n"
        ". 2021 Mar 9;7:104455. doi: 10.1234/example.2021.104455\n"
        "Managing hopes about cell therapy for children\n"
        "PMCID: PMC0000001  PMID: 30000001\n"
        "Stem cell therapy has been offered to many families, but the evidence remains weak and uneven.\n",
        "paper.txt")
    assert paper.source_type == "academic"


def test_no_evidence_is_other() -> None:
    doc = parse(f"干细胞的基本知识\n{PARA}\n{PARA}\n")
    assert doc.source_type == "other"
    assert doc.source_type_evidence == ["no source cue matched"]


# ---------------------------------------------------------------- traps

def test_company_news_page_is_still_the_company() -> None:
    """A /news/ path is a hint; a company's hotline and site sections decide."""
    body = ("<div>首页 | 关于我们 | 产品中心 | 公司新闻</div>"
            "<div>全国服务热线：400-888-1234</div>"
            f"<p>{PARA}</p><p>本公司建有GMP标准的细胞实验室。</p>")
    doc = parse(html_page("https://www.example-biotech.com/news/2023/0512/88.html", body), "co.html")
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence
    assert doc.url_date is not None and doc.published_date is None  # a URL date is not the publication date


def test_ivf_agency_news_path_is_a_clinic() -> None:
    body = ("<div>试管婴儿 | 海外助孕 | 免费咨询 | 在线预约</div>"
            f"<p>{PARA}</p><p>我们的专家团队为您定制方案，名额有限，欢迎咨询。</p>")
    doc = parse(html_page("https://www.example-ivf.com/news/186.html", body, "试管婴儿与干细胞抗衰"), "ivf.html")
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence
    assert "also news=1" in doc.source_type_evidence  # the /news/ path was seen, and outweighed


def test_podcast_summary_heading_is_not_academic() -> None:
    doc = parse(
        "健康夜话 第12期\n"
        "干细胞能让人年轻吗\n"
        "摘要\n"
        "本期节目里，两位主播聊了聊最近很火的干细胞抗衰项目，以及它们背后的营销话术。\n"
        f"{PARA}\n")
    assert doc.source_type != "academic", doc.source_type_evidence


def test_news_path_alone_does_not_make_news() -> None:
    doc = parse(html_page("https://www.example.com/news/12345.html", f"<p>{PARA}</p><p>{PARA}</p>"), "n.html")
    assert doc.source_type == "other"
    assert "news path" in " ".join(doc.source_type_evidence)


def test_government_domain_decides() -> None:
    doc = parse(html_page("https://www.example.gov.cn/zwgk/2023/content_1.htm", f"<p>{PARA}</p>"), "g.html")
    assert doc.source_type == "government"


def test_url_only_from_canonical_or_header_line() -> None:
    """A bare link in the page is not the page's address; a ``URL:`` header line is."""
    linked = parse(f"https://www.example.gov.cn/\n干细胞政策解读\n{PARA}\n{PARA}\n")
    assert linked.url is None and linked.source_type != "government"
    stated = parse(f"标题：干细胞政策解读\nURL: https://www.example.gov.cn/zcjd/1.htm\n干细胞政策解读\n{PARA}\n{PARA}\n")
    assert stated.url == "https://www.example.gov.cn/zcjd/1.htm"
    assert stated.source_type == "government"


@pytest.mark.parametrize("kind", ["news", "government", "social_qa", "academic", "content_aggregator", "commercial_clinic"])
def test_traditional_pages_get_the_same_type(kind: str) -> None:
    traditional = opencc.OpenCC("s2t").convert(PAGES[kind])
    assert traditional != PAGES[kind]
    doc = parse(traditional)
    assert doc.source_type == kind, doc.source_type_evidence


def test_pinyin_debris_and_signals_keep_original_text() -> None:
    """A converter that left pinyin after characters (諮(zī)詢) still matches, and the stored
    signal is the original text at its original offset."""
    doc = parse("某某細(xì)胞醫(yī)院\n免費諮(zī)詢熱線：400-123-4567\n幹細胞治療膝關節炎效果怎麼樣\n"
                "幹細(xì)胞研究近年來進展很快，但多數療法仍處在臨牀試驗階段，我院歡迎來電預約。\n")
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence
    cta = [s for s in doc.signals if s.kind == "call_to_action"]
    assert cta and cta[0].text.startswith("免費諮(zī)詢")
    for s in doc.signals:
        if s.start_char is not None:
            assert doc.main_text[s.start_char:s.start_char + len(s.text)] == s.text


def test_platform_account_post_with_editor_line_is_an_aggregator() -> None:
    doc = parse("干细胞抗衰真相调查\n2023-05-12 10:00 来自网易号：健康前沿\n"
                f"{PARA}\n{PARA}\n责任编辑：刘洋\n")
    assert doc.source_type == "content_aggregator", doc.source_type_evidence


def test_seo_summary_and_tag_lines_are_not_a_paper() -> None:
    doc = parse("干细胞可以治疗糖尿病吗\n摘要：本文介绍干细胞治疗糖尿病的常见问题。\n关键词：干细胞,糖尿病,治疗费用\n"
                f"{PARA}\n{PARA}\n")
    assert doc.source_type != "academic", doc.source_type_evidence


@pytest.mark.parametrize(("kind", "page"), [
    ("news", f"江城晚报 数字报\n第A05版：健康\n干细胞疗法热背后的冷思考\n{PARA}\n{PARA}\n"),
    ("academic", f"干细胞移植治疗帕金森病的临床观察\n引言\n{PARA}\n资料与方法\n{PARA}\n结果\n{PARA}\n讨论\n{PARA}\n"),
    ("social_qa", "Can stem cells cure type 1 diabetes?\nAsked by a parent in Health\n3 Answers\n"
                  "Answered by Dr. Lee, endocrinologist\nNot yet. Islet cell transplants help some patients, "
                  "but stem cell therapy for type 1 diabetes is still in clinical trials.\n"),
])
def test_more_furniture(kind: str, page: str) -> None:
    doc = parse(page)
    assert doc.source_type == kind, doc.source_type_evidence


# ---------------------------------------------------------------- the crawl address

def at(address: str, text: str, name: str = "page.txt") -> ParsedDocument:
    """Parse a page the way the run does when the seeds folder's manifest gives its address."""
    return parse_document(name, text.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(),
                          address=address)


PLAIN = f"{PARA}\n{PARA}\n"   # a body excerpt with no publisher furniture at all


@pytest.mark.parametrize(("address", "kind"), [
    # user-account platforms: the platform is the publisher, whatever the account reposts
    ("https://www.163.com/dy/article/ABCDEFG0123.html", "content_aggregator"),
    ("https://www.sohu.com/a/712345678_121123456", "content_aggregator"),
    ("https://baijiahao.baidu.com/s?id=1770000000000000000", "content_aggregator"),
    ("https://mp.weixin.qq.com/s/AbCdEfGh", "content_aggregator"),
    # Q&A hosts and paths, doctor-answer sites
    ("https://zhidao.baidu.com/question/123456.html", "social_qa"),
    ("https://m.example-health.com/ask/ABCD123.html", "social_qa"),
    ("https://www.120ask.com/wenda/12345.htm", "social_qa"),
    # government domains, journals and DOIs in the path
    ("https://wsjkw.example.gov.cn/zwgk/2024/content_123.htm", "government"),
    ("https://www.health.example.gov.hk/tc/page.html", "government"),
    ("https://doi.org/10.1000/xyz123", "academic"),
    ("https://www.example-journal.org/article/10.12345/1001-0001.2024.01.003", "academic"),
    # a provider in the host of a site that is no platform: hospital, clinic, IVF, stem cells, booking
    ("https://int.examplehospital.com/web-stories/stem-cells", "commercial_clinic"),
    ("https://www.exampleivf.com/hangye/12.html", "commercial_clinic"),
    ("https://www.example-stemcell.cn/news/33.html", "commercial_clinic"),
    ("https://appointment.example-care.com/news/some-topic", "commercial_clinic"),
    # news outlets, medical-tourism guides
    ("https://news.example.com/health/2024/01/01/123.html", "news"),
    ("https://www.example-medicaltourism.com/faq/cost.html", "commercial_blog"),
])
def test_address_families(address: str, kind: str) -> None:
    doc = at(address, PLAIN)
    assert doc.source_type == kind, doc.source_type_evidence
    assert doc.url == address and doc.url_source == "manifest"
    assert any("host" in e or "url" in e or "path" in e or "sources file" in e for e in doc.source_type_evidence)


def test_address_without_a_family_stays_other() -> None:
    doc = at("https://www.example.com/a/b/123.html", PLAIN)
    assert doc.source_type == "other" and doc.domain == "example.com"


def test_company_news_path_in_the_address_is_still_the_company() -> None:
    """A /news/ path is a hint; the stem-cell company in the host decides."""
    doc = at("https://www.example-stemcell.com/news/2024/88.html", f"干细胞行业动态\n{PLAIN}")
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence
    assert any(e.startswith("also news=") for e in doc.source_type_evidence)


def test_page_furniture_can_outweigh_a_hint_in_the_address() -> None:
    """A Q&A path is good evidence, not a verdict: a newsroom page under /question/ stays news."""
    doc = at("https://www.example.com/question/12.html", PAGES["news"])
    assert doc.source_type == "news", doc.source_type_evidence


def test_crawl_address_wins_over_the_stated_one() -> None:
    page = html_page("https://www.example.gov.cn/zcjd/1.htm", f"<p>{PARA}</p>")
    stated = parse(page, "p.html")
    crawled = at("https://www.163.com/dy/article/X1.html", page, "p.html")
    assert (stated.url_source, stated.source_type) == ("html_meta", "government")
    assert (crawled.url_source, crawled.domain, crawled.source_type) == ("manifest", "163.com", "content_aggregator")


def test_front_matter_source_url_is_the_page_address() -> None:
    doc = parse(f"---\ntitle: 干细胞问答\nsource_url: https://zhidao.baidu.com/question/9.html\n---\n{PLAIN}", "q.md")
    assert (doc.url_source, doc.domain, doc.source_type) == ("front_matter", "zhidao.baidu.com", "social_qa")


@pytest.mark.parametrize(("text", "lang"), [
    (PLAIN, "zh-Hans"),
    (opencc.OpenCC("s2t").convert(PLAIN), "zh-Hant"),
    ("幹細(xì)胞研究近年來進展很快，但多數療法仍處在臨牀試驗階段，患者應當理性看待各種宣傳。\n" * 2, "zh-Hant"),
    ("Stem cell research has moved fast, but most therapies are still in clinical trials. "
     "Patients should weigh claims with care.\n" * 2, "en"),
    (f"ALS, MSC and iPSC: {PARA}\n", "zh-Hans"),
])
def test_language_is_the_body_script(text: str, lang: str) -> None:
    assert parse(text).language == lang


def test_a_providers_news_subdomain_is_still_the_provider() -> None:
    doc = at("https://news.example-hospital.com/2024/12.html", PLAIN)
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence
    assert at("https://news.example.com/2024/12.html", PLAIN).source_type == "news"


@pytest.mark.parametrize("cta", ["Book a Free Consultation", "Request Your Free Evaluation", "Free Consultation"])
def test_english_booking_chrome_in_title_case(cta: str) -> None:
    doc = parse(
        "Stem Cell Therapy for Autism Spectrum Disorder\n"
        "Umbilical cord cells are given by infusion over several days, and families stay nearby during the course.\n"
        "Each child is assessed before the course, and the plan is explained to the parents in detail.\n"
        f"{cta}\n", "autism.txt")
    assert doc.source_type == "commercial_clinic"


def test_public_account_article_without_its_address_is_an_aggregator() -> None:
    doc = parse("\n".join([
        "关节弹响、上楼梯疼？聊聊软骨修复的新办法", "原创 小编 某某健康观察 2024-03-08 09:15 发表于浙江",
        "收录于合集 #关节健康 8个", PARA, PARA, "预览时标签不可点", "微信扫一扫", "关注该公众号"]), "account.txt")
    assert doc.source_type == "content_aggregator"


def test_platform_disclaimer_names_an_aggregator() -> None:
    doc = parse("\n".join(["干细胞治疗狼疮的十年随访", PARA, PARA,
                           "特别声明：本文为某某号作者上传并发布，仅代表作者观点，不代表本平台立场。某某号系信息发布平台，仅提供信息存储空间服务。"]))
    assert doc.source_type == "content_aggregator"


def test_taiwan_free_call_number_and_cord_blood_bank() -> None:
    doc = parse("\n".join(["某某臍帶血銀行", "免付費專線 0800-091-000", "臍帶血保存五問", PARA, PARA]), "bank.txt")
    assert doc.source_type == "commercial_clinic"


def test_your_clinic_is_not_our_clinic() -> None:
    doc = parse("\n".join([
        "Questions to ask before a stem cell treatment",
        "Ask your clinic for the published evidence, the cell source and the licence before you pay anything.",
        "Ask your doctors whether the treatment is part of a registered trial, and who pays if something goes wrong."]),
        "guide.txt")
    assert doc.source_type != "commercial_clinic"


@pytest.mark.parametrize("furniture", ["某某健康观察\n2024-05-12 08:30·来自广东", "（本文来自某某号，仅代表作者观点）", "发布于 2024-05-12 · IP 属地广东"])
def test_account_post_marks_name_an_aggregator(furniture: str) -> None:
    doc = parse("\n".join(["iPSC治疗帕金森病新进展：首批受试者随访结果公布", furniture, "责任编辑：王小明", PARA, PARA]))
    assert doc.source_type == "content_aggregator"


def test_english_forum_thread_is_users_posts() -> None:
    """A forum thread (Started by …, 14 replies, Reply · Like): users' own posts, 'other'. This test
    expected social_qa, as set b's labeller had it; the labellers of i, l, n, o, y and aj call such
    threads other, as the dev guidelines' "personal UGC posts" do (changed 2026-12-07)."""
    doc = parse("\n".join([
        "Example Joint Forum", "Stem cell injections for knee arthritis: worth it?", "Started by hikingfan_58 · 3 days ago · 14 replies",
        "I had two injections last spring. The pain eased for three months and then came back.",
        "Reply · Like (11) · Report"]), "forum.txt")
    assert doc.source_type == "other"


def test_english_news_wording_is_news() -> None:
    doc = parse("\n".join([
        "Regulators warn patients after eye injections go wrong", "By Sam Writer",
        "Federal regulators on Thursday renewed warnings about unapproved stem cell products after a case series.",
        '"Patients are being harmed," said Dr. Ann Example, who was not involved in the report.',
        'The clinic did not respond, and an agency spokesperson said Mr. Lee would review the case.']), "news.txt")
    assert doc.source_type == "news"


EN = ("Cord blood banks sell private storage to new parents, although most families will never use "
      "the cells and public banks accept donations for free.")


@pytest.mark.parametrize(("page", "address", "expected"), [
    # A platform account's post: the platform's creator label under the headline.
    (f"某某号 首页 推荐 登录\n脐带血要不要存\n小鹿健康笔记\n2024-03-09 08:40 来自浙江省 · 健康领域创作者\n{PARA}\n{PARA}\n",
     None, "content_aggregator"),
    # A creators' platform, by its own header; and a user account's path on one.
    (f"某某 Penwork｜創作者的內容平台 探索 登入\n臍帶血要不要存\n{PARA}\n{PARA}\n", None, "content_aggregator"),
    (f"脐带血要不要存\n{PARA}\n{PARA}\n", "https://www.pennotes.example/@mama_lab/p/7a1c-cord-blood", "content_aggregator"),
    # An SEO article network's byline.
    (f"某某知识网 首页\n干细胞能治哪些病\n作者：小编 来源：网络整理 阅读：2381\n{PARA}\n{PARA}\n", None, "commercial_blog"),
    # Paid content written as a news story: labelled 廣編特輯, doctors quoted.
    ("某某健康誌 首頁 › 骨科 › 廣編特輯\n膝蓋痛不能爬山？幹細胞讓她重拾行走\n"
     "王醫師表示，患者需要評估。\n李醫師表示，治療後要復健。\n" + PARA + "\n", None, "commercial_blog"),
    # An affiliate disclosure beats the news-style byline of a travel guide.
    (f"Stem Cell Therapy Abroad: A Cost Guide\nBy Jane Roe | Updated June 2, 2024\n"
     f"This article contains affiliate links; we may earn a commission if you book.\n{EN}\n{EN}\n", None, "commercial_blog"),
    # A local TV station's byline: a name, the station, then the time.
    (f"Woman says clinic injections left her nearly blind\nBy Sam Ortiz, KXYZ | Published: 5:42 PM MST October 4, 2023\n{EN}\n{EN}\n",
     None, "news"),
])
def test_platform_seo_paid_and_station_cues(page: str, address: str | None, expected: str) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize(("page", "address", "expected"), [
    # An advertorial dressed as a news story (责任编辑, people quoted) that labels itself paid content.
    ("某某养生网 · 《某某养生》杂志官方网站\n【合作推广】\n细胞疗法让糖友看到希望\n"
     "王医生表示，患者需要评估。\n公司负责人表示，回输方案已帮助上千人。\n" + PARA + "\n责任编辑：吴静\n", None, "commercial_blog"),
    # A journal's own site, known by its address only.
    (f"三、臨床試驗現況\n{PARA}\n{PARA}\n", "https://www.example-regen.org.tw/journal/vol12/issue2/review.html", "academic"),
    # A doctor's short video answer on a video platform.
    (f"干细胞能治自闭症吗？\nUP主：儿童神经科-王医生 关注 1.8万\n{PARA}\n{PARA}\n", None, "social_qa"),
])
def test_paid_labels_journal_paths_and_doctor_videos(page: str, address: str | None, expected: str) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize(("page", "address", "expected"), [
    # A clinic's post on an account platform, with its hotline: the platform publishes it.
    (f"某某号首页 > 母婴 > 正文\n脐带血该不该存？\n2024-04-02 14:31 来源：某某脐带血库 发布于：广东省\n{PARA}\n"
     f"咨询热线：400-000-2189\n本院专家团队为您解答。\n{PARA}\n", "https://www.sohu.com/a/700000001_120000002",
     "content_aggregator"),
    (f"首页 / 健康\n下载某某号App 登录\n帕金森病的新希望？\n健康观察站 2024-01-17 08:30 · 广东\n{PARA}\n{PARA}\n", None,
     "content_aggregator"),
    (f"某某頭條 首頁 健康\n中風後遺症能靠幹細胞治好嗎？\n2019-05-12 由 健康百事通 發表于 健康\n{PARA}\n{PARA}\n", None,
     "content_aggregator"),
    # An English news story known by its dateline and section navigation, not its footer's contact link.
    (f"The Example Courier\nNation | World | Business | Health | Sport\nClinic raided\nBy Ann Lee\n"
     f"KUALA LUMPUR: Officers raided an unlicensed stem cell centre on Monday.\n{EN}\nContact us\n", None, "news"),
    # A paper's abstract in capitals is not a dateline (no cue at all here, so not news).
    (f"Mesenchymal cells in knee osteoarthritis: a trial\nBACKGROUND: Few trials exist.\nMETHODS: We randomised 80 "
     f"patients.\nRESULTS: Pain fell.\n{EN}\n", None, "other"),
    (f"学位论文 | 期刊 | 会议\n外泌体对糖尿病肾病大鼠的作用研究\n作者：某某 导师：某某 学位授予单位：某某医科大学 学位类型：硕士\n"
     f"【摘要】{PARA}\n", None, "academic"),
    # A clinic's own press release opens with a dateline, under the menu of what it treats (blind set ck, read).
    (f"Example Regenerative Institute\nCall +1 (619) 555-0100 | Free Consultation\nHome Treatments Conditions We Treat "
     f"Patient Stories Pricing Newsroom Contact\nExample Institute expands its cord-cell program\nMarch 3, 2025\n"
     f"TIJUANA, Mexico - Example Regenerative Institute announced today that its program now takes patients with COPD.\n"
     f"{EN}\n", None, "commercial_clinic"),
    # A platform's repost of an account's article, with the list of the account's other posts.
    (f"每日某某\n首頁 國際 生活 健康\n中風後手腳無力　幹細胞能幫上忙嗎？\n{PARA}\n{PARA}\n更多來自 某某健康教室\n"
     f"・血壓量不準？居家量測一次看懂\n", None, "content_aggregator"),
    # A blogger's group-buy post sells the serum it reviews (blind set ck, read).
    (f"某某媽的美麗日記\n關於我 ｜ 保養心得 ｜ 團購專區\n★ 本月團購：某某精華 結團倒數5天 ★\n[團購] 用了三瓶幹細胞精華，我的痘疤淡了！\n"
     f"2023-10-30 ｜ 某某媽 ｜ 留言(46)\n哈囉大家好～我是某某媽！\n{PARA}\n", None, "commercial_blog"),
    # A medical-travel agent is not a clinic, though it gives a hotline.
    (f"某某医疗旅游 首页\n赴日干细胞治疗全攻略\n我们的医疗顾问将为您对接合作诊所。\n{PARA}\n咨询热线：400-000-2750\n", None,
     "commercial_blog"),
    (f"MediExample | Compare clinics · Get a free quote\nStem Cell Therapy Abroad in 2024\n{EN}\n"
     "Our service is free for patients; partner clinics pay us a referral fee.\n", None, "commercial_blog"),
    (f"Home  Treatments  About Us\nWhatsApp +852 5000 0000 | Book Now\nExosome Facial\n{EN}\n{EN}\n",
     "https://www.example-aesthetic.com.hk/treatments/exosome", "commercial_clinic"),
    (f"Can stem cells cure lupus? - AnswerExample\n3 answers\n{EN}\nContent mirrored from public sources.\n", None, "other"),
])
def test_platform_reposts_datelines_theses_travel_agents_and_mirrors(page: str, address: str | None, expected: str) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == expected, doc.source_type_evidence


def test_an_auto_collected_answer_page_is_a_mirror() -> None:
    page = f"某某问答网\n乙肝能用干细胞治吗？\n3个回答\n{PARA}\n本页内容由程序自动采集于网络,如有侵权请联系删除\n"
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
    assert doc.source_type == "other", doc.source_type_evidence


def test_a_repost_by_permission_is_an_aggregator() -> None:
    page = f"某某健康頭條 首頁 › 皮膚\n白斑能用幹細胞治嗎？\n{PARA}\n{PARA}\n本文經某某醫院授權轉載\n"
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
    assert doc.source_type == "content_aggregator", doc.source_type_evidence


@pytest.mark.parametrize(("page", "address", "expected"), [
    # An answer library on every topic (问答库): Zhidao's furniture, anonymous answers, no doctor.
    (f"某某问答库 - 有问必答 首页 | 健康 | 教育 | 生活 | 数码\n脐带血能治白血病吗？\n网友提问 浏览 1.2万次 2个回答\n最佳答案\n{PARA}\n",
     "https://www.wendaku-example.com/jiankang/q123456.html", "other"),
    (f"知識問答庫 - 你的問題這裡都有答案\n首頁 › 健康 › 正文\n幹細胞能治小腦萎縮嗎?\n匿名用戶 | 3天前\n最佳答案\n{PARA}\n",
     "https://www.zhishiwenda-example.net/jiankang/39127.html", "other"),
    (f"以下內容來自網路，僅供參考，不代表本站立場。\n最佳答案\n我父親確診漸凍症後，我們諮詢過很多醫院。\n{PARA}\n",
     None, "other"),
    # A health Q&A site with 'wenda' in its address and a doctor's answer stays social_qa (guard).
    (f"醫師問答 > 骨科 > 膝關節\n膝關節炎打幹細胞有用嗎?\n提問者:匿名\n{PARA}\n王某某醫師 骨科專科|回覆於 2023/03/15\n{PARA}\n",
     "https://www.jiankangwenda-example.com.tw/qa/ortho/2023031501", "social_qa"),
])
def test_answer_libraries_are_mirrors_and_health_qa_sites_are_not(page: str, address: str | None, expected: str) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == expected, doc.source_type_evidence


def test_a_sponsors_credit_makes_an_advertorial() -> None:
    """A magazine's article credited to a clinic as an ad (本文由某诊所提供 广告 / 本文由某中心赞助) is
    paid content, not the clinic's own page nor news."""
    for credit in ("本文由某某骨科診所提供 廣告", "本文由某某再生醫學中心贊助"):
        page = f"某某健康誌 首頁 › 醫療新知\n膝蓋退化打幹細胞有用嗎?\n{PARA}\n{PARA}\n歡迎來電 (02)2700-0000 某某骨科診所\n{credit}\n"
        doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
        assert doc.source_type == "commercial_blog", doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    # An English local paper: section navigation spaced out, the writer's post in the byline.
    (f"THE EXAMPLE LEDGER\nSubscribe for $1 | Sign in\nNews  Health  Business  Opinion  Sports  Obituaries\n"
     f"Clinic fined over stem cell shots\nBy Ann Lee, Staff Writer\n{EN}\n{EN}\n", "news"),
    # A Malaysian Chinese paper's dateline with the day only.
    (f"某某快讯\n国内 > 社会\n卫生部:国内未批准任何干细胞美容疗程\n(布城7日讯)卫生部提醒公众,目前国内并未批准任何干细胞美容疗程。\n{PARA}\n",
     "news"),
    # An English repost by permission on a reader app.
    (f"{EN}\n{EN}\nOriginally published on Example Weekly, Aug 21, 2023. Republished with permission.\n+ Follow\n",
     "content_aggregator"),
])
def test_spaced_news_sections_staff_bylines_day_datelines_and_english_reposts(page: str, expected: str) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
    assert doc.source_type == expected, doc.source_type_evidence


def test_a_taiwan_qa_page_with_a_shopping_headline_stays_social_qa() -> None:
    """A question whose headline asks the price (一針要多少錢?) on a Taiwan Q&A site: the page's Q&A
    furniture (網友提問, 1 位醫師回答, 回答日期) outweighs the headline's shopping cue and a
    partner-hospital phrase in the answer."""
    page = (f"☰ 選單\n某某醫答網\n首頁 › 骨科 › 膝關節\n膝蓋退化打幹細胞真的能長回軟骨嗎?一針要多少錢?\n網友提問\n{PARA}\n1 位醫師回答\n"
            f"王某某 醫師\n骨科 | 某某骨科診所 院長\n回答日期 2024/02/29\n您好。{PARA}如需治療,請至與衛福部合作的醫院評估。\n")
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
    assert doc.source_type == "social_qa", doc.source_type_evidence


@pytest.mark.parametrize(("page", "address"), [
    (f"小熊妈的生活笔记\n首页 | 育儿 | 旅行 | 美食 | 生活日记 | 关于我\n陪妈妈去做干细胞回输的真实心得(不是业配)\n{PARA}\n{PARA}\n", None),
    (f"问答汇 | 问题 专栏 话题\n首页 > 健康 > 正文\n干细胞可以治红斑狼疮吗\n提问者:匿名用户 浏览:5次 共2个回答\n最佳答案\n{PARA}\n",
     "https://www.wendahui-example.cc/q/1234.html"),
])
def test_a_personal_blog_and_an_answer_collection_are_other(page: str, address: str | None) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == "other", doc.source_type_evidence


@pytest.mark.parametrize("page", [
    f"某某号 > 健康 > 正文\n帕金森病细胞移植首批受试者随访结果公布\n{PARA}\n{PARA}\n阅读 3.2万 | 点赞 218\n",
    f"……{PARA}\n{PARA}\n仁心说糖\n2.3万粉丝 · 内分泌科医生,专注糖尿病科普\n关注\n举报/反馈\n",
    f"{PARA}\n{PARA}\n声明:本文由入驻某某号的作者撰写,观点仅代表作者立场,平台只提供信息存储服务。\n",
])
def test_account_platform_breadcrumbs_cards_and_storage_notices(page: str) -> None:
    """A post on a publishing-account platform shows its platform by the breadcrumb (某某号 > 健康),
    the account's card with its followers (2.3万粉丝 · …) or the storage notice written with 只."""
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
    assert doc.source_type == "content_aggregator", doc.source_type_evidence


@pytest.mark.parametrize(("page", "address", "expected"), [
    # A news site marks its page up as a schema.org NewsArticle; its menus run together in the markup.
    ('<html><head><title>Clinic warned over stem cell claims | The Example Gazette</title>'
     '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
     '"headline":"Clinic warned over stem cell claims"}</script></head><body><nav><a>News</a><a>Health</a></nav>'
     f'<h1>Clinic warned over stem cell claims</h1><p>{EN}</p><p>{EN}</p></body></html>', None, "news"),
    # A clinic's and a Q&A site's structured data name what they are.
    ('<html><head><title>Stem cell knee injections | Example Regen Clinic</title>'
     '<script type="application/ld+json">{"@context":"https://schema.org","@type":"MedicalClinic","name":"Example Regen"}'
     f'</script></head><body><h1>Stem cell knee injections</h1><p>{EN}</p><p>{EN}</p></body></html>', None,
     "commercial_clinic"),
    ('<html><head><title>Do stem cells help knee arthritis?</title>'
     '<script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage"}</script></head>'
     f'<body><h1>Do stem cells help knee arthritis?</h1><p>{EN}</p><p>{EN}</p></body></html>', None, "social_qa"),
    # A Taiwan journal's review: keywords separated by 、, a volume-and-number address, 本文回顧 in the lead.
    (f"摘要\n{PARA}本文回顧幹細胞治療的作用機轉與臨床試驗結果。\n關鍵字:間質幹細胞、細胞治療、臨床試驗\n一、前言\n{PARA}\n",
     "https://www.example-journal.org.tw/archive/v12n3/p45.html", "academic"),
    # A Hong Kong cord-blood bank's knowledge page: its hotline is a 查詢熱線.
    (f"24小時查詢熱線:3000 0000\n關於我們 | 儲存計劃 | 知識庫\n臍帶血可以治療甚麼疾病?\n{PARA}\n{PARA}\n", None,
     "commercial_clinic"),
    # A post whose byline names its account platform as one of its segments.
    (f"{PARA}\n{PARA}\n作者:健康小站 | 某帆号 | 2024-06-11\n举报/反馈\n", None, "content_aggregator"),
    # An English feed's link back to the original story.
    (f"Heart patch trial shows early promise\n{EN}\n{EN}\nRead the original story at example.edu\n", None,
     "content_aggregator"),
])
def test_structured_data_journal_addresses_hotlines_and_account_bylines(page: str, address: str | None,
                                                                        expected: str) -> None:
    name = "page.html" if page.startswith("<html") else "page.txt"
    doc = parse_document(name, page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize("byline", ["作者:阿乔的小号 | 2024-06-11", "网路挂号 | 门诊时间 | 交通指南"])
def test_a_users_second_account_or_online_registration_is_no_account_platform(byline: str) -> None:
    doc = parse(f"{PARA}\n{PARA}\n{byline}\n")
    assert doc.source_type != "content_aggregator", doc.source_type_evidence


@pytest.mark.parametrize(("page", "address", "expected"), [
    # A platform's statement about its account authors, under a post.
    (f"某某网\n首页 新闻 健康\n膝盖软骨磨损了还能长回来吗\n2024-09-18 来源: 某某健康说\n{PARA}\n{PARA}\n"
     "特别声明:本文为某帆号作者上传并发布,仅代表该作者观点。\n", None, "content_aggregator"),
    # The author's other posts under a post, at a platform's /a/<long id> address.
    (f"{PARA}\n{PARA}\n发表评论\n作者最新文章\n宝宝说话晚,什么时候需要看医生?\n", "https://www.example.com/a/7302118856417764398",
     "content_aggregator"),
    # A repost credited at the top (轉載自).
    (f"某某育兒網\n臍帶血真的可以醫治白血病嗎?\n轉載自:某某臍血資訊中心 | 2024-01-30\n{PARA}\n{PARA}\n", None,
     "content_aggregator"),
    # A doctor's short video answer: play count and a card written title first.
    (f"某某视频 - 听医生讲健康\n坏死的股骨头能长回来吗?骨科医生说句实话\n3.2万次播放 · 2023-11-05 发布\n某某某\n副主任医师 | 骨科\n{PARA}\n{PARA}\n",
     None, "social_qa"),
    # A treatment-abroad guide that sells quotes.
    (f"Stem cell therapy for autism abroad: what it costs\n{EN}\nTypical cost by destination (2024)\n{EN}\nGet a free quote\n",
     None, "commercial_blog"),
    # A therapy company's newsroom: its menu names the company's parts.
    (f"Our Science\nPipeline\nFor Patients\nInvestors\nNewsroom\nCareers\nCompany reports phase 2 results\n{EN}\n{EN}\n",
     None, "commercial_clinic"),
])
def test_account_statements_reposts_video_answers_quote_guides_and_company_menus(page: str, address: str | None,
                                                                                  expected: str) -> None:
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    (f"Call US toll-free: 1-888-000-0000\nApply Now\nStem Cell Packages and Pricing 2025\n"
     f"Every protocol at our Tijuana facility uses cells expanded in our own laboratory.\n{EN}\n", "commercial_clinic"),
    (f"{PARA}\n{PARA}\n本文由作者授权某某头条发布,观点仅代表作者本人。\n", "content_aggregator"),
    (f"Islet cells trial shows early promise\n{EN}\n{EN}\nThis story originally appeared on Example Health Daily.\n",
     "content_aggregator"),
    ("外泌體保養新趨勢\n2024-05-02 新聞中心\n[本文由 某某美學診所 邀稿]\n" + opencc.OpenCC("s2t").convert(PARA) + "\n"
     + opencc.OpenCC("s2t").convert(PARA) + "\n", "commercial_blog"),
])
def test_english_providers_author_statements_and_english_reposts(page: str, expected: str) -> None:
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize("page", [
    # a content farm that sells leads: its hotline and consult block do not make it a clinic
    ("首页 | 干细胞百科 | 疾病专题 | 在线咨询\n干细胞治疗肝硬化多少钱?一文说清\n作者：小编 2024-03-02\n"
     f"{PARA}\n一、干细胞是什么\n{PARA}\n二、干细胞治疗的费用\n{PARA}\n咨询热线：400-000-0000\n"),
    # a medical-tourism guide with a free-consultation button and a clinic named at the top
    ("某某再生诊所 | 免费咨询\n日本干细胞治疗全攻略：费用、流程与注意事项\n2024-05-01 编辑部\n"
     f"越来越多的患者选择医疗旅游，到日本接受再生医疗。{PARA}\n{PARA}\n"),
])
def test_a_content_farm_or_a_travel_guide_with_a_hotline_is_a_blog(page: str) -> None:
    """Lead-selling pages carry a hotline or a consult button as clinics do; an SEO network's
    byline (作者：小编) or a medical-tourism guide's wording weighs more (3) than either (2)."""
    doc = parse(page)
    assert doc.source_type == "commercial_blog", doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    (f"THE EXAMPLE LEDGER\nSubscribe | Sign in\nClinic raided after patients fall ill\nBy Ann Example\n"
     f"KUALA LUMPUR - Health officers raided a wellness clinic after three patients fell ill.\n{EN}\n{EN}\n", "news"),
    (f"Open in the Example app for a better experience\nReposted from Example University Health News · Follow\n"
     f"First patients treated in an early trial\n{EN}\n{EN}\nLike 212 · Comment 18 · Share\n", "content_aggregator"),
    (f"Example Life Hacks\nADVERTISEMENT - Shop Detox Teas Now - 40% Off\n{EN}\n{EN}\nTom - This is nonsense.\n", "other"),
])
def test_an_english_dateline_with_a_hyphen_and_a_repost_line(page: str, expected: str) -> None:
    """KUALA LUMPUR - … opens a wire story as KUALA LUMPUR: … does; 'Reposted from …' heads a feed's
    copy; an ad slot's ADVERTISEMENT - … is no dateline."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


def test_an_ad_slot_after_the_answers_is_no_label_of_the_page() -> None:
    """A Q&A page whose tail holds the site's ad slot (【广告】 and a product's pitch): the label marks
    the slot, not the page; a provider's disclosure (本文由…赞助) labels the page wherever it stands."""
    qa = ("某某问答\n首页 › 骨科 › 问答内容\n膝关节退化打干细胞真的有效吗?\n网友 某某 | 女 / 67岁 | 问题编号 58214\n"
          f"{PARA}\n某某 医师 某某医院 骨科部 主治医师 + 关注医师\n{PARA}\n{PARA}\n回复日期:2026/08/22 | 有帮助 218\n"
          "热门问答\n玻尿酸一年可以打几次?\n【广告】关节保养胶囊 买二送一\n关于我们 | 隐私权政策 | 联系我们\n")
    doc = parse(qa)
    assert doc.source_type != "commercial_blog", doc.source_type_evidence
    doc = parse(f"膝关节退化的新疗法\n2024-05-02 健康频道\n{PARA}\n{PARA}\n本文由某某再生医学中心赞助\n相关阅读\n某某\n")
    assert doc.source_type == "commercial_blog", doc.source_type_evidence


def test_an_ad_slot_on_a_forum_is_no_label_of_the_page() -> None:
    """[廣告] opening a forum's ad slot labels the slot, not the thread as paid content."""
    page = ('<html><head><title>膝頭痛打幹細胞有冇用? - 某某討論區</title></head><body>'
            '<div class="ad-slot">[廣告] 膝痛困擾?再生醫療體驗團 名額有限</div>'
            f'<div class="post"><p>{PARA}</p><p>{PARA}</p></div></body></html>')
    doc = parse_document("page.html", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers())
    assert doc.source_type != "commercial_blog", doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    # a cord-blood bank's FAQ: its name at the top and a WhatsApp line with a word before the number
    ("某某臍帶血庫 Example Cord\n繁 | 简 | EN\nWhatsApp 查詢 9000 0000\n主頁 / 認識臍帶血 / 常見問題\n臍帶血可以治療甚麼疾病?\n"
     f"{PARA}\n{PARA}\n", "commercial_clinic"),
    # an English clinic page whose only booking chrome is its form's heading and a chat bar
    (f"EXAMPLE\nRegenerative Institute\nMENU\nStem Cell Treatment for Heart Failure\n{EN}\n{EN}\nFREE MEDICAL EVALUATION\n"
     "Name | Email | Phone | Condition\nSend\nChat with us | Call now | WhatsApp\n", "commercial_clinic"),
    # a content site's voice (下面小编就为大家…) under a treatment-shopping headline
    ("某某健康网\n手机版 | 客户端\n干细胞治疗肝硬化效果怎么样?费用一般多少钱\n来源:某某健康网 编辑:某某 浏览:5218次\n"
     f"导读:肝硬化到了晚期只能换肝吗?下面小编就为大家详细介绍干细胞治疗肝硬化的效果和费用。\n{PARA}\n{PARA}\n", "commercial_blog"),
])
def test_source_cues_blind_set_ac_showed(page: str, expected: str) -> None:
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    # a feed's copy of a partner's story with an ad slot inside it: the slot labels no page
    (f"Example Feed\nOpen in the Example Feed app for a better reading experience [Open]\nExample Daily · Health · Following\n"
     f"Lab-grown islet cells could free patients from insulin injections\nStory by Ann Example · 4h\n{EN}\n"
     f"Sponsored · GlucoBand - The smartwatch band that reads your glucose\n{EN}\nContinue reading on Example Daily\n",
     "content_aggregator"),
    # a page that is itself paid content, labelled in capitals with its partner
    (f"SPONSORED CONTENT · In partnership with Example Lung Partners\nCan Stem Cells Help You Breathe Easier?\n"
     f"By Ann Example, Contributing Writer\n{EN}\n{EN}\n", "commercial_blog"),
])
def test_a_feeds_partner_story_and_a_sponsored_page(page: str, expected: str) -> None:
    """Blind sets aa and z (2026-12-06): 'Story by …' and 'Continue reading on …' mark a feed's copy
    of a partner's story; 'Sponsored · Brand - …' inside it is an ad slot, while 'SPONSORED CONTENT'
    over the headline labels the page."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


def test_an_seo_writers_pen_name_outweighs_a_consult_button() -> None:
    """作者:小糖编辑 (a 小X编辑 pen name) is an SEO network's byline, as 作者:小编 is (blind set ab)."""
    page = (f"某某健康网\n首页 | 糖尿病 | 新疗法\n干细胞治疗糖尿病多少钱?费用明细\n作者:小糖编辑 发布于 2026-01-17 浏览 8673\n"
            f"{PARA}\n{PARA}\n[在线咨询] 点击获取2026年干细胞医院名单>>\n上一篇:糖尿病人冬季泡脚要注意什么\n")
    doc = parse(page)
    assert doc.source_type == "commercial_blog", doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    # a forum thread: floor numbers under posters' names; its ad slot labels no page
    ("某某吧 | 脑瘫吧 关注:38,216\n只看楼主 收藏 回复\n孩子脑瘫,有没有做过干细胞的家长说说?\n某某的妈妈\n1楼\n"
     f"{PARA}\n2024-05-06 21:37\n回复(28)\n某某爸爸\n2楼\n{PARA}\n【广告】 康复就选某某中心,咨询热线400-000-0000\n", "other"),
    # a personal diary on a notes platform
    ("某某笔记 | 发现 | 写日记\n陪爸爸透析的第三年,我们为什么没去做干细胞\n某某的日记本 · 2024-10-27\n"
     f"{PARA}\n{PARA}\n", "other"),
])
def test_a_forum_thread_and_a_personal_diary_are_user_posts(page: str, expected: str) -> None:
    """Blind set ad (2026-12-07): a thread's floor numbers and a diary mark users' own posts
    ('other'), not a blog that sells; 日记 was a blog cue before."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    # a personal blog on a hosting platform
    ("某某博客 首页 | 发现 | 写博客 | 登录 | 注册\n老周的慢视界\n我去打了干细胞:一个老病号的流水账\n"
     f"2023-06-30 21:47 阅读(2631) 评论(18)\n{PARA}\n{PARA}\n", "other"),
    # a mirror of public-account articles
    ("某某网 - 公众号文章聚合阅读\n首页 科技 健康 财经 搜索公众号/文章\n聊聊干细胞治疗系统性硬化症\n"
     f"某某医院风湿免疫科 2024-03-28\n{PARA}\n{PARA}\n我科门诊时间:周一至周五\n", "content_aggregator"),
    # an answer mirror in English
    (f"ExampleVault — the best answers from around the web\nCan stem cells cure hearing loss?\nTop answer · 1.2k upvotes\n{PARA}\n"
     "This answer was automatically imported. ExampleVault is not affiliated with the original author or site.\n", "other"),
])
def test_a_personal_blog_a_wechat_mirror_and_an_answer_mirror(page: str, expected: str) -> None:
    """Blind set af (2026-12-07): 博客 chrome marks a writer's own posts (other) more often than a
    network that sells; a 公众号文章 mirror is an aggregator; an imported answer is a mirror's."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    # an answer mirror that names itself
    (f"以下内容来自网友回答,仅供参考\n匿名用户 | 2个赞\n{PARA}\n上一个问题 下一个问题\n© 某某问答镜像站\n", "other"),
    # an SEO network's city pages
    ("干细胞治疗网 - 全国干细胞医院查询平台\n热门城市:北京干细胞医院 上海干细胞医院 广州干细胞医院 深圳干细胞医院\n"
     f"干细胞治疗糖尿病足需要几个疗程?\n作者:小细 | 更新时间:3天前\n{PARA}\n{PARA}\n", "commercial_blog"),
    # a doctor's short video answer
    ("健康视频 | 医生讲病\n帕金森病能用干细胞治疗吗?\n[视频] 时长 02:16 | 播放 4.7万\n主讲医生:某某某 主任医师 | 某某医院 神经内科\n"
     f"视频文字版:\n{PARA}\n{PARA}\n", "social_qa"),
])
def test_a_named_mirror_an_seo_city_network_and_a_video_answer(page: str, expected: str) -> None:
    """Blind set ag (2026-12-07)."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence



def parse_at(text: str, address: str) -> ParsedDocument:
    return parse_document("page.txt", text.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(), address=address)


def test_a_news_outlets_name_inside_another_hosts_label_is_no_news_domain() -> None:
    """Blind set al (2026-12-07): a BBS at xifeng.example was read as news because the outlet list
    matched ifeng inside xifeng. The outlet names now start a label of the host."""
    thread = ("某某BBS › 看板 Health\n作者 example (某某)\n標題 [心得] 陪家人去打幹細胞的經過\n"
              f"時間 Sun Mar 15 22:41:07 2026\n{PARA}\n{PARA}\n")
    assert parse_at(thread, "https://www.xifeng.example/bbs/Health/M.1.html").source_type != "news"
    assert parse_at(thread, "https://news.ifeng.com/c/abc").source_type == "news"


@pytest.mark.parametrize(("page", "expected"), [
    # a magazine's promotion section named over the headline, the provider's WhatsApp at its foot
    ("某某生活誌 HEALTHY LIVING\n健康新聞|醫生專欄|養生食譜|推廣專輯\n推廣專輯\n骨質疏鬆唔再係老人專利？再生療法助重建骨骼\n"
     f"撰文：某某編輯部 2025-10-28 分享至 Facebook|WhatsApp\n{PARA}\n銅鑼灣某某中心醫務總監表示，中心與合作醫院已累積經驗，療程需預約。\n"
     "查詢及預約：某某中心 WhatsApp 5000 0000\n", "commercial_blog"),
    # an explainer that ends on a lead magnet which refers readers on
    (f"{PARA}\n一、干细胞为什么能用于这种病？\n{PARA}\n二、干细胞能根治吗？\n{PARA}\n"
     "想了解治疗费用及可开展医院？点击下方按钮，免费获取专家一对一评估↓↓↓\n【立即咨询】已有12,345人获取方案\n", "commercial_blog"),
    # an account's post on a platform: time, the poster's region, the account
    ("某某资讯\n打开APP，阅读体验更佳\n某某快报\n2023-09-14 11:02 广西 · 某某快报官方账号\n关注\n"
     f"7岁男孩告别每月输血\n{PARA}\n{PARA}\n展开全文\n评论 23 | 点赞 156 | 分享\n", "content_aggregator"),
])
def test_a_promotion_section_a_referral_lead_magnet_and_an_accounts_region(page: str, expected: str) -> None:
    """Blind sets ak and al (2026-12-07)."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


def test_a_cord_blood_banks_own_page_in_english() -> None:
    """Blind set ak (2026-12-07): the site is a bank (og:site_name Example Cord Blood Bank)."""
    page = ("<html><head><title>What Can Cord Blood Treat? | Example Cord Blood Bank</title>"
            "<meta property=\"og:site_name\" content=\"Example Cord Blood Bank\"></head><body>"
            "<div>Call a Cord Blood Educator: 1-888-000-0000 · Enroll Now</div><nav>Why Bank Pricing Learn Client Login</nav>"
            "<main><h1>What Can Cord Blood Treat?</h1><p>Cord blood is rich in blood-forming stem cells that can rebuild the "
            "blood and immune systems after treatment for some cancers.</p><p>Cord blood transplants are a standard treatment "
            "for more than eighty diseases, most often from a matched sibling or a public donor.</p></main>"
            "<footer>Example Cord Blood Bank · 2200 Example Drive, Portland</footer></body></html>")
    doc = parse(page, "page.html")
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence


def test_a_headline_labelled_as_promotion_is_a_paid_feature() -> None:
    """Blind set ai (2026-12-07): a men's-health magazine's 【推廣】 headline over a clinic doctor's
    quotes and its hotline is a paid feature (commercial_blog), not the clinic's own page."""
    page = ("某某健康網 VITAL MAN\n主頁 | 男士健康 | 運動 | 營養 | 專題\n主頁 > 男士健康 > 專題\n【推廣】再生療法助重拾自信\n"
            f"撰文：某某健康網編輯部 2024年7月22日\n{PARA}\n中環某某醫學中心醫務總監表示，療程需時約一個月。\n"
            "某某醫學中心 查詢熱線：2000 0000  WhatsApp：6000 0000\n")
    doc = parse(page)
    assert doc.source_type == "commercial_blog", doc.source_type_evidence


def test_an_overseas_centres_chinese_page_is_the_provider() -> None:
    """Blind set av (2026-12-07): a Mexican centre's page for Chinese patients names itself in its
    <title> (某某再生医学中心), with a Chinese-language hotline and a free-assessment button; no clinic
    word in its address."""
    page = ("<html><head><title>墨西哥干细胞治疗多发性硬化 | 某某再生医学中心 Example Regenerative Center</title></head><body>"
            "<header><p>墨西哥 · 坎昆</p><p>中文热线（北京时间 9:00-21:00）：+52 998 000 0000</p>"
            "<nav>首页 关于我们 患者故事 赴墨指南 免费评估</nav></header><main><h1>墨西哥干细胞治疗多发性硬化：中国患者就医全流程</h1>"
            f"<p>{PARA}</p><p>{PARA}</p></main></body></html>")
    doc = parse(page, "page.html")
    assert doc.source_type == "commercial_clinic", doc.source_type_evidence


def test_a_paid_label_outweighs_the_sponsors_contact_details() -> None:
    """Blind set bd (session 33): a magazine's [贊助內容] feature with the sponsor clinic's address,
    WhatsApp and 本中心 in its answers is an advertorial, however much of the clinic it carries."""
    page = ("某某健康周刊 HealthWeekly\n最新 | 醫療 | 保健 | 美容\n首頁 > 專題 > 醫學美容\n【專題】幹細胞療程熱爆 醫生拆解你最關心的5個問題\n"
            "2024年3月28日\n撰文:某某|場地提供:某某再生醫學中心\n[贊助內容]\n"
            f"{PARA}\nQ1:幹細胞從哪裏來?\n某醫生:本中心使用的是經實驗室培養的臍帶間充質幹細胞。\n{PARA}\n"
            "某某再生醫學中心 地址:某區某道88號 WhatsApp:6123 4567 預約熱線:2123 4567\n")
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(),
                         address="https://www.example-weekly.com.hk/feature/stem-cell-5-questions")
    assert doc.source_type == "commercial_blog", doc.source_type_evidence


def test_a_government_body_posting_on_its_own_account_is_government() -> None:
    """Blind set bg (session 33): an account post whose byline names a health commission as its
    author (某市卫生健康委员会 健康某市 2024-01-12 16:05 发表于某市) is the government's page."""
    page = (f"微信公众平台\n健康某市\n警惕！干细胞包治百病是骗局\n某某市卫生健康委员会 健康某市 2024-01-12 16:05 发表于某市\n"
            f"{PARA}\n{PARA}\n")
    doc = parse_document("page.txt", page.encode("utf-8"), load_rules(), load_lexicon(), load_triggers(),
                         address="https://mp.example.cn/s/Hk9Lw2cQ4x")
    assert doc.source_type == "government", doc.source_type_evidence


def test_a_medical_travel_agents_guide_is_a_commercial_blog() -> None:
    """醫旅 (medical travel) names an agent's site: its guide to treatment abroad, with a
    consultation prompt cut from the text, is a commercial blog, not a clinic's page."""
    doc = parse("\n".join([
        "某某醫旅 Some MedTravel", "日本健檢｜日本幹細胞｜韓國醫美｜關於我們", "首頁 » 日本幹細胞 » 文章",
        "2024日本幹細胞治療全攻略：費用、流程、適應症一次整理", "文／某某醫旅編輯部　更新日期：2024/06/30",
        "日本自2014年實施再生醫療相關法規，私人診所提交治療計畫並獲受理後，即可提供自費幹細胞療程，吸引不少海外病人前往。",
        "常見的療程包括退化性膝關節炎的關節腔注射，以及以抗老化為名的靜脈點滴，費用依診所與細胞數量而定。",
        "出發前應確認診所的計畫編號、醫師資歷與術後追蹤安排，並與台灣的主治醫師充分討論。",
        "📞 想了解合作診所？LINE@someclinic 免費諮詢，專人代約翻譯陪同！"]))
    assert doc.source_type == "commercial_blog"


def test_a_patient_associations_notice_is_other_despite_its_hotline() -> None:
    """A patients' association speaks for itself (本会为…非营利社会组织): its notice is 'other', though
    it prints a 400 hotline as a clinic would."""
    doc = parse("\n".join([
        "某某帕金森病友会", "首页 | 关于本会 | 康复知识 | 活动通知 | 联系我们",
        "关于警惕“干细胞治疗帕金森”虚假宣传的提醒",
        "近期，不少病友反映接到电话，推销所谓“干细胞根治帕金森”的疗程，收费数万元。",
        "目前干细胞治疗帕金森病仍处于临床研究阶段，国内尚无获批上市的干细胞产品，请病友们不要轻信。",
        "如对参加正规临床研究有疑问，可咨询本会志愿者。咨询电话：400-820-0000",
        "本会为在民政部门登记的非营利社会组织，不从事任何医疗活动。"]))
    assert doc.source_type == "other"


def test_a_doctors_short_video_answer_with_its_card_and_play_count_is_social_qa() -> None:
    """A doctor's short video answer: the card (name, department, title | hospital) and the play
    count (播放 3.6万) at the top make it a Q&A page, as the guidelines class doctors' video answers."""
    doc = parse("\n".join([
        "某某通 | 听医生说", "▶ 01:48 | 播放 3.6万", "某某某 骨科 主治医师 | 某某市第三人民医院 [+关注]", "发布于 2023.09.07",
        "干细胞注射能治膝关节骨关节炎吗？",
        "视频文字：很多患者问我，膝盖疼能不能打干细胞。目前关节腔注射干细胞还属于临床研究，对早期患者可能有一定帮助。",
        "但它不能让已经磨损的软骨完全长回来，晚期患者还是要考虑关节置换。"]))
    assert doc.source_type == "social_qa"


EN_STORY = ("A 72-year-old retired teacher is suing a wellness clinic, claiming that a stem cell procedure meant to "
            "save her eyesight left her blind, according to the lawsuit filed Monday.\n"
            "“She walked in with a disease that was progressing slowly, and she walked out with no vision at all,” "
            "said her attorney, Some Lawyer.\n"
            "Eye specialists say there is no approved stem cell treatment for macular degeneration. A handful of "
            "early-stage trials are underway under strict research protocols.\n")


@pytest.mark.parametrize(("top", "address", "expected"), [
    ("SOME NewsChannel 6 | Tri-Cities\nNews\nWeather\nSports\nNEWS › LOCAL NEWS\n"
     "Woman says she went blind after clinic injected stem cells into her eyes\nby: Some Reporter\n"
     "Posted: Oct 17, 2023 / 06:12 PM EDT\nMILLBROOK, Tenn. (SOME) — ",
     "https://www.some6.example/news/local-news/woman-blind-stem-cells/", "news"),
    ("The Some Ledger\nNewsOpinionSportCultureLifestyle\nHealth\n"
     "Patients spending thousands on unproven stem cell treatments abroad, charity warns\n"
     "By Some Writer Health correspondent\nTue 9 Apr 2024 06.00 BST\n",
     "https://www.someledger.example/health/2024/apr/09/stem-cells-abroad", "news"),
    ("LocalPulse\nFor You\nLocal\nTrending\nOpen in App\nSome TV 7 News\nFollow\nJun 4, 2024 · 4 min read\n"
     "Family says clinic promised stem cells would help toddler walk\nABILENE, Texas (SOME) — ",
     "https://www.localpulse.example/n/abilene-tx/family-stem-cells-3f9a21", "content_aggregator"),
])
def test_english_tv_stations_british_papers_and_a_news_apps_repost(top: str, address: str, expected: str) -> None:
    """Blind set bs (session 34, read): a US TV station's page (by: …, Posted: … / … PM EDT, a dateline
    with the state: MILLBROOK, Tenn. (STATION) —), a British paper's (By … Health correspondent,
    06.00 BST) and a local-news app carrying a station's story under its card (Some TV 7 News / Follow)."""
    assert parse_at(top + EN_STORY, address).source_type == expected


def test_a_cost_guide_with_a_newsy_byline_is_a_commercial_blog() -> None:
    """A medical-travel cost guide signs 'By … |' as papers do; its address (…/cost-guide-…) and its
    referral-fee disclosure make it a commercial blog."""
    text = ("Some MediVoyage Guide\nHome > Stem Cell Therapy > Costs\n"
            "Stem Cell Therapy Cost in 2024: Mexico vs Panama vs Thailand\nBy Some Writer | Updated May 2, 2024\n"
            "Disclosure: we may earn a referral fee when you book through our partner clinics.\n"
            "Prices for stem cell therapy abroad vary widely. In Mexico most clinics charge between $5,000 and "
            "$15,000 for a knee protocol, while multiple sclerosis packages in Panama cost far more.\n"
            "Before you book, ask each clinic where its cells are produced and what happens if you fall ill at home.\n")
    assert parse_at(text, "https://www.somevoyage.example/stem-cell-therapy/cost-guide-mexico-panama/").source_type \
        == "commercial_blog"


def test_pinyin_of_a_health_sites_name_is_no_q_and_a_or_fertility_host() -> None:
    """Blind set am (read; 2026-12-07 sixth session): 养生之道 is yangshengzhidao, where zhidao (a Q&A
    host) and shengzhi (生殖, a fertility provider) are only pinyin syllables run together."""
    page = f"干细胞能治哪些病？一文盘点\n{PARA}\n{PARA}\n"
    doc = parse_at(page, "https://www.yangshengzhidao.example/gxb/20231102/1.html")
    assert not any("host" in e for e in doc.source_type_evidence), doc.source_type_evidence
    assert parse_at(page, "https://zhidao.example.com/question/1.html").source_type == "social_qa"


def test_an_answer_mirrors_notice_outweighs_the_q_and_a_furniture_it_copies() -> None:
    """Blind set cb (read; 2026-12-07, sixth session): a general answer site's page says its content
    comes from netizens' answers; its 网友提问 / 网友回答 furniture does not make it a Q&A platform."""
    page = ("欢迎来到某答网！ 登录 | 注册\n首页 健康 教育 生活 数码 汽车\n当前位置：某答网 > 健康 > 皮肤科 > 正文\n"
            "干细胞能治好白癜风吗?\n匿名用户 网友提问于 2024-07-03 分类：皮肤科 浏览：2316\n"
            f"{PARA}\n网友回答：\n匿名网友 2024-07-04\n{PARA}{PARA}\n"
            "免责声明：本页面内容来源于网友回答，仅供参考，不代表本站观点。\n相关问答\n白癜风会遗传给孩子吗\n")
    doc = parse(page)
    assert doc.source_type == "other", doc.source_type_evidence



def test_a_journal_databases_funding_field_is_paper_furniture() -> None:
    """Blind set cd (read; 2026-12-07, sixth session): 基金资助： labels a paper's funding as 基金项目：
    does, so a journal database page with a 400 hotline in its chrome stays academic; 基金资助 inside a
    news sentence (该研究获某某基金资助) is no field."""
    record = ("某源学术 SCHOLAR　首页 | 期刊 | 学位论文 | 高级检索\n某某再生医学杂志 . 2023, 15(4)\n"
              "人脐带间充质干细胞移植治疗慢性脊髓损伤的疗效观察\n赵某远1　孙某2　郭某东1\n摘要：\n"
              f"目的 {PARA}\n关键词：间充质干细胞；脊髓损伤；细胞移植\n基金资助：某某省自然科学基金（2019JJ40217）\n"
              "下载PDF　CAJ下载　在线阅读　引用　收藏　分享\n客服热线：400-000-3706\n")
    assert parse(record).source_type == "academic", parse(record).source_type_evidence


def test_an_seo_sites_section_is_no_site_name_and_its_writer_is_its_editor() -> None:
    """Blind set bo (read; eighth session): an SEO knowledge site's breadcrumb names a section of
    topics (首页 > 干细胞价格 > 正文), not the site, so 干细胞 in it is no clinic's name; its byline
    作者：小编某某 is the article network's editor, as 作者：小编 is."""
    page = ("干细胞知识网 - 专注干细胞科普20年\n首页 > 干细胞价格 > 正文\n"
            "网站导航：干细胞是什么 | 干细胞治疗 | 干细胞价格 | 干细胞医院\n"
            "干细胞回输一次多少钱？2024年最新价格表\n作者：小编阿杰 时间：2024年03月02日 阅读：18694\n"
            f"{PARA}\n{PARA}\n")
    doc = parse(page)
    assert doc.source_type == "commercial_blog", doc.source_type_evidence
    assert not any("site is a clinic" in e for e in doc.source_type_evidence), doc.source_type_evidence


@pytest.mark.parametrize(("page", "expected"), [
    ("Pulse\nFor You   Local   Health   Video\nGet the full story in the Pulse app. Open\nHealth\n"
     "Hospital trial tests donor stem cells after a stroke\nSource: Example University Health · 2 days ago · 4 min read\n"
     "Follow source\n" + EN_PARA + "\n" + EN_PARA + "\n", "content_aggregator"),
    ("ExampleNewsFeed24\nHome  India  World  Health\nHealth | Agencies | Published: Mar 07, 2024\n"
     "(This story has not been edited by ExampleNewsFeed24 staff and is auto-generated from a syndicated feed.)\n"
     "Kochi, Mar 7 (PTI) A seven-year-old girl with thalassaemia major no longer needs transfusions, doctors said.\n"
     + EN_PARA + "\n", "news"),
    ("Example Journal of Clinical Neurology\nHOME | CURRENT ISSUE | ARCHIVES | FOR AUTHORS\nHome > Vol 31, No 2 (2023) > Example\n"
     "Position Statement\nUnproven stem cell interventions for neurological disorders: a position statement\n"
     "Ann Example, Bo Example, on behalf of the Example Working Group\nAbstract\n" + EN_PARA + "\n", "academic"),
])
def test_an_english_news_apps_repost_a_wire_story_and_a_societys_position_statement(page: str, expected: str) -> None:
    """Blind set cp (read; eighth session, English pages only)."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


@pytest.mark.parametrize("top", [
    "干细胞某某网 - 专注干细胞科普知识分享\n首页 干细胞知识 干细胞治疗 细胞存储 行业资讯",
    "干细胞某某在线 | 设为首页 | 网站地图\n首页 干细胞治疗 干细胞存储 干细胞价格\n热门搜索：干细胞治疗多少钱 干细胞抗衰老 脐带血存储",
])
def test_an_seo_knowledge_site_by_its_slogan_search_bar_and_named_editor(top: str) -> None:
    """Sets cs and ct (session 38, written blind, then read): an SEO knowledge site that names cell
    storage and industry news in its menu is still no provider: its slogan says it shares knowledge,
    its bar lists shopping searches, and its editor signs with the site's name (作者：某知小编)."""
    page = (f"{top}\n当前位置：首页 > 干细胞治疗 >\n干细胞治疗肝硬化效果怎么样？费用大概多少？\n"
            f"栏目：干细胞治疗 时间：2020-09-26 作者：某知小编\n{PARA}\n{PARA}\n")
    doc = parse(page)
    assert doc.source_type == "commercial_blog", doc.source_type_evidence


def test_a_notice_mirrored_by_a_news_site_is_the_governments() -> None:
    """Set cw (session 38, read): a city news site carries a notice whose title names its issuers
    before 关于…的通告; the notice is the government's."""
    page = ("某川新闻网——某川市重点新闻网站 手机版 | 数字报\n某川新闻网 首页 时政 民生 财经\n某川新闻网 > 时政 > 政务发布\n"
            "某川市卫生健康委员会 某川市市场监督管理局关于开展非法干细胞治疗专项整治的通告\n"
            f"2024-05-20 10:02 来源：某川市卫生健康委员会\n{PARA}\n{PARA}\n")
    assert parse(page).source_type == "government"


@pytest.mark.parametrize(("page", "expected"), [
    # a doctor's short video answer whose card lists the doctor's hospital, on a site with a 400 hotline
    ("某答快问 - 医生视频科普\n首页 | 科室 | 疾病百科 | 视频问答\n当前位置：首页 > 视频问答 > 神经内科\n渐冻症可以用干细胞治疗吗？\n"
     "播放量 2.4万 | 时长 02:10\n某某某\n副主任医师 神经内科\n某某市第三人民医院\n关注 +\n视频文字版：\n"
     f"{PARA}\n{PARA}\n某答快问 客服热线 400-123-4567\n", "social_qa"),
    # an English Q&A site whose address holds "clinician", not "clinic", with "Our Doctors" in its menu
    (html_page("https://www.askaclinician.example/neurology/q/1201",
               f"<p>Home Browse Topics Ask a Question Our Doctors Sign in</p><p>Asked by someone · 214 views</p><p>{EN_PARA}</p>",
               "Is stem cell transplant a real option for MS?"), "social_qa"),
    # a consensus statement cut mid-sentence: its graded recommendations are the evidence left
    ("者推荐首选同胞供者造血干细胞移植（证据等级Ⅱa，推荐等级A）。\n3.1 移植适应证\n"
     f"（1）年龄≤40岁的新诊断患者，首选同胞相合造血干细胞移植。\n{PARA}\n", "academic"),
    # an English news app that names the newsroom whose story it carries
    ("Feedly Health\nFor You\nFollowing\nOpen in the Feedly Health app for a better reading experience  [Open]\n"
     "From: Example University Medical Center Newsroom · via Feedly Partners\nFollow\n"
     f"Can stem cells repair a damaged heart?\n3 min read · 12 Jan 2025\n{EN_PARA}\n{EN_PARA}\n", "content_aggregator"),
    # a supplement shop's blog post, signed by a coach in a newspaper's byline style
    ("Example Roots Wellness\nShop\nBlog\nCart (0)\nFREE SHIPPING on orders over $59\nBlog / Longevity\n"
     "5 Morning Habits That Support Your Stem Cells\nBy Ann Example, Certified Wellness Coach | Posted on 2023-06-14\n"
     f"{EN_PARA}\n{EN_PARA}\nShop CellBoost now — 30-day money-back guarantee\n"
     "*These statements have not been evaluated by the Food and Drug Administration.\n", "commercial_blog"),
    # a newspaper's page: its masthead and its section menu, one section a line
    ("Subscribe\nLog in\nExample Gazette\nNews\nLocal\nBusiness\nHealth & Science\nSports\nOpinion\nAdvertisement\n"
     f"Stem cell islets let two patients stop insulin\nBy Some Writer\n{EN_PARA}\n{EN_PARA}\n", "news"),
])
def test_video_answers_question_sites_consensus_texts_feeds_shops_and_newspapers_of_sets_cz_and_da(page: str, expected: str) -> None:
    """Blind sets cz and da (ninth session, written blind, then read): evidence each of these pages
    has and no rule read (a card title before the department with a space, 播放量, a host with
    "clinician", graded recommendations, a feed's From: … · via …, a shop's cart, a masthead)."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


def test_a_doctor_cards_hospital_is_no_site_name() -> None:
    """The answering doctor's card names the doctor's hospital; the page's site is the Q&A site."""
    doc = parse("某答快问 - 医生视频科普\n首页 | 科室 | 视频问答\n渐冻症可以用干细胞治疗吗？\n某某某\n副主任医师 神经内科\n"
                f"某某市第三人民医院\n擅长：运动神经元病、周围神经病\n关注 +\n{PARA}\n{PARA}\n")
    assert doc.site_name != "某某市第三人民医院"


def test_an_ad_slot_with_its_offer_in_a_forums_menu_is_not_the_pages_label() -> None:
    """【廣告】 with a price on its line in a forum's header is the site's ad slot, not a label of the thread."""
    doc = parse("登入 | 註冊 某某論壇\n論壇首頁\n健康醫療\n長者護理\n【廣告】長者牙托 即日完成 首次檢查$0\n論壇 › 健康醫療 › 帖子\n"
                f"屋企人有柏金遜症，想去日本做幹細胞，有冇人試過？\n查看: 3862 | 回覆: 4\n{PARA}\n{PARA}\n")
    assert doc.source_type != "commercial_blog", doc.source_type_evidence
    assert doc.site_name != "健康醫療"


@pytest.mark.parametrize(("page", "expected"), [
    # a Hong Kong paper: its masthead with its English name, and a reporter credited as the writer
    ("晨星日報 MORNING STAR HK\n港聞　即時　兩岸　國際　財經　健康\n訂閱 | 登入 | 下載App\n健康 > 醫療\n"
     "研究：幹細胞或助中風病人恢復活動能力\n2024年3月5日 星期二 16:20　撰文：記者 某某某\n"
     f"{PARA}\n{PARA}\n", "news"),
    # a portal's repost of a magazine's article, by permission
    ("某某生活網\n首頁　生活　健康　購物\n健康 › 醫療新知\n中風後遺症別放棄！幹細胞治療的新進展\n2023年9月12日\n"
     f"{PARA}\n{PARA}\n（本文由某某健康誌授權轉載，原文刊載於某某健康誌第287期）\n", "content_aggregator"),
])
def test_a_papers_masthead_with_its_english_name_and_a_portals_repost_by_permission(page: str, expected: str) -> None:
    """Set de (ninth session, read)."""
    doc = parse(page)
    assert doc.source_type == expected, doc.source_type_evidence


def test_the_site_name_that_opens_a_menu_line() -> None:
    """某问帮 首页 问题 专栏 找医生 …: the site's name opens its menu line (set cz, read); on a
    platform that reposts a hospital's article, the platform is the site, not the hospital."""
    doc = parse(f"某问帮 首页 问题 专栏 找医生 下载APP 登录 | 注册\n某问帮 > 健康 > 内分泌\n干细胞能根治糖尿病吗？\n{PARA}\n{PARA}\n")
    assert doc.site_name == "某问帮"
