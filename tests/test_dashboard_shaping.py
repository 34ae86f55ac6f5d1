"""The topic and claims pages' in-memory shaping (dashboard/shaping.py) on small hand-made
grains: crossfilter, ranking and ties, NULLs. The page tests (test_dashboard_app.py) check
the same views against a real warehouse; these pin the rules one by one."""

from __future__ import annotations

import pandas as pd

from dashboard import shaping

CONTEXTS = ("asserted", "hedged", "negated", "neutral")


def _grain(rows: list[tuple]) -> pd.DataFrame:
    """topic_grain.sql's columns; mentions is the sum of the four contexts."""
    cols = ["concept_id", "canonical_name", "mention_type", "icd10_chapter", "source_type", "articles",
            "asserted", "hedged", "negated", "neutral"]
    frame = pd.DataFrame(rows, columns=cols)
    frame.insert(6, "mentions", frame[list(CONTEXTS)].sum(axis=1).astype("int64"))
    return frame


GRAIN = _grain([
    # concept, name, type, chapter, source type, articles, asserted, hedged, negated, neutral
    ("diabetes", "糖尿病", "disease", "E", "commercial_clinic", 3, 4, 1, 0, 0),
    ("diabetes", "糖尿病", "disease", "E", "social_qa", 2, 0, 2, 0, 1),
    ("stroke", "中风", "disease", "I", "commercial_clinic", 4, 2, 0, 0, 0),
    ("stroke", "中风", "disease", "I", "news", 1, 0, 0, 1, 0),
    ("obesity", "肥胖", "disease", "E", "news", 1, 1, 0, 0, 0),
    ("aging", "衰老", "condition", None, "commercial_clinic", 5, 6, 0, 0, 0),
])


def test_topic_views_without_a_selection_rank_and_sum_every_row() -> None:
    views = shaping.topic_views(GRAIN, shaping.Focus(), CONTEXTS, top_n=2, top_diseases=3)
    # heatmap: the top 2 diseases by mentions (aging 6, diabetes 8 -> diabetes first), by source type
    heat = views["heatmap"]
    assert heat[["concept_id", "source_type"]].values.tolist() == [
        ["diabetes", "commercial_clinic"], ["diabetes", "social_qa"], ["aging", "commercial_clinic"]]
    assert heat["disease_mentions"].tolist() == [8, 8, 6]
    # disease bars: by articles, then mentions, then id; the NULL chapter gets its label
    dis = views["diseases"]
    assert dis["concept_id"].tolist() == ["diabetes", "aging", "stroke"]  # 5 articles each
    assert dis["icd10_chapter"].tolist() == ["E", shaping.NO_CHAPTER, "I"]
    assert dis[["articles", "mentions", "asserted", "hedged", "neutral"]].values.tolist()[0] == [5, 8, 4, 3, 1]
    # chapters: mentions and distinct diseases, most mentions first
    assert views["chapters"].values.tolist() == [["E", 9, 2], [shaping.NO_CHAPTER, 6, 1], ["I", 3, 1]]
    # contexts by source type: only those with mentions, by source type then context
    assert views["contexts"].values.tolist() == [
        ["commercial_clinic", "asserted", 12], ["commercial_clinic", "hedged", 1],
        ["news", "asserted", 1], ["news", "negated", 1],
        ["social_qa", "hedged", 2], ["social_qa", "neutral", 1]]
    assert views["total"] == 18


def test_topic_views_narrow_every_chart_but_the_one_selected() -> None:
    focus = shaping.Focus(cells=(("stroke", "news"),))
    views = shaping.topic_views(GRAIN, focus, CONTEXTS)
    assert len(views["heatmap"]) == len(GRAIN)  # the heatmap keeps its own selection's context
    assert views["diseases"]["concept_id"].tolist() == ["stroke"]
    assert views["chapters"].values.tolist() == [["I", 1, 1]]
    assert views["contexts"].values.tolist() == [["news", "negated", 1]]
    assert views["total"] == 1

    by_chapter = shaping.topic_views(GRAIN, shaping.Focus(chapters=("E",)), CONTEXTS)
    assert set(by_chapter["heatmap"]["concept_id"]) == {"diabetes", "obesity"}
    assert set(by_chapter["diseases"]["concept_id"]) == {"diabetes", "obesity"}
    assert len(by_chapter["chapters"]) == 3  # the chapter bars are not narrowed by themselves
    assert by_chapter["total"] == 9

    by_disease = shaping.topic_views(GRAIN, shaping.Focus(concepts=("aging",)), CONTEXTS)
    assert len(by_disease["diseases"]) == 4  # nor the disease bars
    assert by_disease["chapters"].values.tolist() == [[shaping.NO_CHAPTER, 6, 1]]


def test_topic_views_of_an_empty_grain_or_selection() -> None:
    for grain, focus in ((GRAIN.iloc[0:0], shaping.Focus()), (GRAIN, shaping.Focus(concepts=("unknown",)))):
        views = shaping.topic_views(grain, focus, CONTEXTS)
        assert views["heatmap"].empty and views["contexts"].empty and views["total"] == 0
        assert list(views["heatmap"].columns) == ["concept_id", "canonical_name", "source_type", "articles",
                                                  "mentions", "disease_mentions"]


def _stance(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["concept_id", "canonical_name", "source_type", "voice", "stance", "claims"])


def test_stance_views_keep_the_top_diseases_with_ties_by_id_and_nulls_last() -> None:
    grain = _stance([
        ("b", "乙", "news", "own", "asserted", 2),
        ("b", "乙", "news", "own", None, 1),
        ("b", "乙", "news", "own", "hedged", 1),
        ("a", "甲", "social_qa", "own", "asserted", 4),
        ("c", "丙", "news", "reported", "negated", 3),
    ])
    views = shaping.stance_views(grain, top_n=2)
    stance = views["stance"]
    # a and b both have 4 claims: the tie goes to the smaller id, and c (3) is cut
    assert stance["concept_id"].tolist() == ["a", "b", "b", "b"]
    assert stance["stance"].tolist()[1:3] == ["asserted", "hedged"] and shaping.missing(stance["stance"].iloc[3])
    assert stance["disease_claims"].tolist() == [4, 4, 4, 4]
    assert set(stance["all_claims"]) == {11} and set(stance["all_asserted"]) == {6}
    # the drill-down lists every disease, most claims first
    assert views["diseases"].values.tolist() == [["disease", "a", "甲", 4], ["disease", "b", "乙", 4],
                                                 ["disease", "c", "丙", 3]]
    assert shaping.choice_labels(views["diseases"], "disease") == {"a": "甲 (4)", "b": "乙 (4)", "c": "丙 (3)"}


def test_basis_options_sum_hits_by_basis_and_skip_rows_without_one() -> None:
    flags = pd.DataFrame([
        ("ad-9", None, "news", 1, 1),
        ("ad-9", "广告法 第9条", "commercial_clinic", 5, 2),
        ("ad-16", "广告法 第16条", "news", 6, 3),
        (None, "?", "news", 9, 9),
    ], columns=["basis_id", "basis", "source_type", "hits", "articles"])
    assert shaping.basis_options(flags).values.tolist() == [["basis", "ad-16", "广告法 第16条", 6],
                                                            ["basis", "ad-9", "广告法 第9条", 6]]
    assert shaping.basis_options(flags.iloc[0:0]).empty
