"""Hard-wrapped text (a PDF's lines) joined back into paragraphs; web text left alone.

The texts are invented for these tests; each reproduces one layout.
"""

from __future__ import annotations

from etl.extract.lines import Line
from etl.extract.text import text_to_lines
from etl.extract.unwrap import unwrap

# A Chinese paper's page as a PDF gives it: ~30 characters a line, cut mid-sentence, a
# running head and a numbered heading between paragraphs.
PDF_ZH = """·188·        某某医学杂志 2023年6月第9卷第3期
2.3 疗效评价
细胞输注后第28天,42例患者中完全缓解(CR)17例,部分缓解(PR)
12例,总有效率(ORR)为69.0%。按受累器官分层,皮肤受累者有效率最
高(81.3%),肠道受累者次之(62.5%),肝脏受累者仅为40.0%。单因素
分析显示,输注前分级为Ⅲ~Ⅳ度者疗效较差(P=0.032)。
2.4 不良反应与并发症
输注过程中2例出现一过性发热,1例出现皮疹,对症处理后均缓解,未
观察到急性输注反应。随访期间发生巨细胞病毒感染再激活9例,侵袭性
真菌感染3例;原发病复发4例。
3 讨论
激素耐药的移植物抗宿主病是移植后非复发死亡的主要原因之一,二线
药物虽已获批,但仍有相当比例的患者治疗无效[8-10]。这类细胞具
有低免疫原性和免疫调节作用,可抑制T细胞增殖并诱导调节性T细胞。"""

PDF_EN = """Example Reviews in Medicine 2024; 12(2): 77-94
Stem cell-derived islets for type 1 diabetes: progress and open problems
A. Author¹, B. Author²
Abstract
Type 1 diabetes (T1D) results from autoimmune destruction of pancreatic beta
cells. Islet grafts from deceased donors can restore insulin indepen-
dence, but donor shortage and lifelong immunosuppression limit its use. Beta
like cells derived from human pluripotent stem cells offer a potentially unlim-
ited source. First-in-human studies have shown engraftment and C-peptide pro-
duction in people with T1D, and a few recipients have become free of insulin
injections. We review these results and discuss the remaining barriers today.
1. Introduction
Around 8.4 million people worldwide live with T1D. Despite modern insulin
pumps, many patients still experience severe hypoglycemia and long-term
complications such as retinopathy and nephropathy in the years that follow."""


def texts(lines: list[Line]) -> list[str]:
    return [ln.text for ln in lines]


def test_a_chinese_papers_wrapped_paragraphs_are_joined() -> None:
    out = texts(unwrap(text_to_lines(PDF_ZH)))
    assert "细胞输注后第28天,42例患者中完全缓解(CR)17例,部分缓解(PR)12例,总有效率(ORR)为69.0%。按受累器官分层," \
           "皮肤受累者有效率最高(81.3%),肠道受累者次之(62.5%),肝脏受累者仅为40.0%。单因素分析显示,输注前分级为Ⅲ~Ⅳ度者疗效较差(P=0.032)。" in out
    assert "这类细胞具有低免疫原性和免疫调节作用" in out[-1]
    # headings and the running head stay lines of their own
    assert "2.3 疗效评价" in out and "2.4 不良反应与并发症" in out and "3 讨论" in out
    assert out[0].startswith("·188·")


def test_an_english_papers_hyphenated_words_are_rejoined() -> None:
    out = texts(unwrap(text_to_lines(PDF_EN)))
    abstract = next(t for t in out if t.startswith("Type 1 diabetes"))
    assert "restore insulin independence, but donor shortage" in abstract
    assert "potentially unlimited source" in abstract and abstract.endswith("remaining barriers today.")
    assert "1. Introduction" in out and "A. Author¹, B. Author²" in out


def test_web_text_with_long_paragraphs_is_left_alone() -> None:
    """A government page: menu lines of one width without sentence marks, then paragraphs that
    run far past that width. Nothing is joined."""
    menu = ["首页 机构概况 政务公开 政务服务 互动交流 专题专栏", "当前位置:首页 > 政务公开 > 建议提案办理 > 答复",
            "关于省十四届人大二次会议第0312号代表建议的答复", "索引号:115108/2024-00391 主题分类:卫生 发文机关:某某委员会",
            "发布日期:2024-05-12 来源:某某市卫生健康委员会 浏览次数:642"]
    paragraphs = ["您提出的《关于加快我省干细胞临床研究与转化应用的建议》收悉。经商省科技厅、省药监局,现答复如下:" * 2,
                  "根据国家有关规定,干细胞临床研究不得向受试者收费,不得以临床研究名义开展治疗性收费服务。" * 3,
                  "下一步,我委将继续加强对备案机构的监督检查,对违规开展收费治疗的机构依法依规严肃处理。" * 2]
    lines = text_to_lines("\n".join([*menu, *paragraphs, *menu]))
    assert texts(unwrap(lines)) == texts(lines)


def test_a_price_table_and_short_pages_are_left_alone() -> None:
    rows = ["自体脂肪干细胞关节注射(单膝) | 退化性关节炎、软骨损伤 | $38,000"] * 8
    lines = text_to_lines("\n".join(["某某诊所 疗程及收费", *rows]))
    assert texts(unwrap(lines)) == texts(lines)
    few = text_to_lines("细胞输注后第28天,42例患者中完全缓解(CR)17例,部分缓解(PR)\n12例,总有效率(ORR)为69.0%。")
    assert texts(unwrap(few)) == texts(few)


def test_a_papers_title_is_not_joined_to_its_author_line() -> None:
    """A title that stops on a Chinese character a little short of the wrap width, over the author
    line (某某某1 某某1,2 …): the authors are no part of the title's sentence (blind set am)."""
    title = "某某干细胞治疗乙型肝炎相关慢加急性肝衰竭的回顾性队列研究"
    authors = "孟某某1 宋某某1 褚某某2 郭某某1"
    out = texts(unwrap(text_to_lines("\n".join([title, authors, *PDF_ZH.splitlines()[2:]]))))
    assert title in out and authors in out
