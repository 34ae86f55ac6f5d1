"""The Simplified shadow: same offsets as the original, pinyin debris mapped back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.annotate.mentions import find_mentions
from etl.extract.script import count_changed, shadow, simplify
from etl.knowledge.lexicon import load_lexicon, load_triggers


def test_simplify_keeps_length_and_offsets() -> None:
    text = "幹細胞能治療漸凍癥嗎？乾細胞與帕金遜症、中風。"
    s = simplify(text)
    assert len(s) == len(text)
    assert s == "干细胞能治疗渐冻症吗？干细胞与帕金逊症、中风。"
    i = s.index("渐冻症")
    assert text[i:i + 3] == "漸凍癥"


def test_variants_and_characters_left_alone() -> None:
    assert simplify("小兒麻痺") == "小儿麻痹"
    assert simplify("療效顯著") == "疗效显著"  # 著 stays: 显著 is Simplified too
    assert simplify("糖尿病 ALS (a) 123") == "糖尿病 ALS (a) 123"
    assert simplify("") == ""
    assert simplify("ＡＬＳ患者，ⅰ型糖尿病２例") == "ALS患者，Ⅰ型糖尿病2例"  # widths fold, punctuation stays


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("幹細胞治療漸凍癥干细胞治疗著小兒麻痺ＡⅰA1 。"), max_size=40))
def test_count_changed_counts_the_characters_simplify_changes(text: str) -> None:
    assert count_changed(text) == sum(a != b for a, b in zip(text, simplify(text), strict=True))


def test_count_changed_on_known_text() -> None:
    assert count_changed("幹細胞治療") == 3     # 幹 細 療
    assert count_changed("干细胞治疗显著") == 0
    assert count_changed("") == 0


def test_pinyin_debris_is_dropped_and_mapped_back() -> None:
    text = "幹細(xì)胞治療中風，醫(yī)學(xué)界認(rèn)為有效（ALS）。"
    sh = shadow(text)
    assert sh.text == "干细胞治疗中风，医学界认为有效（ALS）。"
    i = sh.text.index("干细胞")
    a, b = sh.span(i, i + 3)
    assert text[a:b] == "幹細(xì)胞"
    i = sh.text.index("中风")
    a, b = sh.span(i, i + 2)
    assert text[a:b] == "中風"
    i = sh.text.index("医学")
    a, b = sh.span(i, i + 1)
    assert text[a:b] == "醫"  # a match ending before the debris does not take it
    i = sh.text.index("ALS")
    assert text[sh.start(i):sh.end(i + 3)] == "ALS"


def test_full_width_brackets_and_no_debris() -> None:
    text = "細（xì）胞"
    sh = shadow(text)
    assert sh.text == "细胞" and sh.span(0, 2) == (0, len(text))
    plain = shadow("糖尿病(diabetes) and (b)")
    assert plain.text == "糖尿病(diabetes) and (b)"  # no tone mark, not debris
    assert plain.span(0, 3) == (0, 3)


def test_shadow_of_a_long_text_maps_its_end_back() -> None:
    # (its speed is measured in benchmarks, not asserted here: a timed test fails on a busy machine)
    text = "幹細(xì)胞治療帕金遜症。" * 50_000
    sh = shadow(text)
    assert len(sh.text) == len("干细胞治疗帕金逊症。") * 50_000
    last = len(sh.text) - 5  # 帕 of the last 帕金逊症。
    assert text[sh.start(last):sh.end(last + 3)] == "帕金遜"


_PIECES = ["細", "(xì)", "胞", "糖尿病", "帕金遜症", "（yī）", "\n", "，", "。", "ALS", " ", "(a)", "治療", "癥"]


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_every_mention_maps_back_to_its_surface(pieces: list[str]) -> None:
    text = "".join(pieces)
    sh = shadow(text)
    starts = [sh.start(i) for i in range(len(sh.text))]
    assert starts == sorted(starts) and all(0 <= s < len(text) for s in starts)
    for m in find_mentions(load_lexicon(), load_triggers(), text, len(text)):
        assert text[m.start_char:m.end_char] == m.surface and m.surface in m.sentence
