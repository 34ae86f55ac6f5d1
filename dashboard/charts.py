"""Altair charts: each function takes a query/shaping result and returns an ``alt.Chart``.

Every chart is finished with ``_finish`` which sets a CJK font for all text, so disease
names, site names and chapter titles render as Chinese rather than tofu boxes. Source types,
signal kinds and claim contexts keep their stored values in the data (selections return
them) and are drawn with the labels and colours of the warehouse's vocabulary table.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from dashboard import shaping

FONT = "Noto Sans CJK SC, Noto Sans CJK, Source Sans Pro, sans-serif"
LABEL_LIMIT = 360
ROW_PX = 24
COUNT_AXIS = alt.Axis(format="d", tickMinStep=1)  # counts: no 0.5 ticks

FALLBACK_COLOUR = "#888888"  # a value the vocabulary gives no colour
BASIS_LABEL_PX = 420  # legal-basis labels are long: the tooltip has them whole
BAR_PX = 36
LEGEND_ROW_PX = 20


def label_expr(labels: dict[str, str]) -> str:
    """A Vega expression showing each value's label (the value itself when it has none)."""
    expr = "datum.label"
    for value, label in reversed(labels.items()):
        expr = f"datum.value === {json.dumps(value)} ? {json.dumps(label)} : ({expr})"
    return expr


def _scale(vocab: shaping.Vocabulary, name: str, present: list[str] | None = None) -> alt.Scale:
    """One colour per value of a vocabulary, the same on every chart (``present``: only these
    values, in the legend too)."""
    values = vocab.values(name) if present is None else present
    colours = vocab.colours(name)
    return alt.Scale(domain=values, range=[colours.get(v, FALLBACK_COLOUR) for v in values])


def _axis(vocab: shaping.Vocabulary, name: str, **kwargs: object) -> alt.Axis:
    return alt.Axis(labelExpr=label_expr(vocab.labels(name)), **kwargs)


def _colour(field: str, vocab: shaping.Vocabulary, name: str, title: str, legend: bool = True,
            present: list[str] | None = None, **legend_args: object) -> alt.Color:
    return alt.Color(f"{field}:N", scale=_scale(vocab, name, present), title=title,
                     legend=alt.Legend(labelExpr=label_expr(vocab.labels(name)), **legend_args) if legend else None)


def _finish(chart: alt.TopLevelMixin, title: str | None = None) -> alt.TopLevelMixin:
    if title:
        chart = chart.properties(title=title)
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelLimit=LABEL_LIMIT)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelLimit=LABEL_LIMIT)
        .configure_title(font=FONT, anchor="start")
        .configure_header(labelFont=FONT, titleFont=FONT)
    )


def _rows(step: int = ROW_PX) -> alt.Step:
    """Height by row: each band of a y axis gets ``step`` pixels, however many rows there are."""
    return alt.Step(step)


def source_type_bar(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """Articles per source type (overview)."""
    order = vocab.order("source_types", df["source_type"]) if not df.empty else []
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("source_type:N", sort=order, title="source type", axis=_axis(vocab, "source_types")),
        x=alt.X("articles:Q", title="articles", axis=COUNT_AXIS),
        color=_colour("source_type", vocab, "source_types", "source type", legend=False),
        tooltip=["source_type", "articles", "sites"],
    ).properties(height=_rows())
    return _finish(chart, "Articles by source type")


def top_diseases_bar(df: pd.DataFrame, title: str = "Top claimed diseases (articles)") -> alt.TopLevelMixin:
    """Diseases by number of articles that claim them (overview), stacked with those that only name them."""
    parts = {"claimed": "claim it (asserted or hedged)", "other": "only name it (negated or neutral)"}
    chart = alt.Chart(df).transform_fold(list(parts), as_=["part", "articles"]).transform_calculate(
        articles_that=f"{parts!r}[datum.part]",
        part_rank=f"indexof({list(parts)!r}, datum.part)",
    ).mark_bar().encode(
        y=alt.Y("canonical_name:N", sort=list(df["canonical_name"]), title=None),
        x=alt.X("articles:Q", title="articles", axis=COUNT_AXIS, stack="zero"),
        color=alt.Color("articles_that:N", title="articles that",
                        scale=alt.Scale(domain=list(parts.values()), range=["#4c78a8", "#c7d3e3"]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        order=alt.Order("part_rank:Q"),
        tooltip=["canonical_name", "concept_id", "mention_type", "claimed", "mentioned", "mentions"],
    ).properties(height=_rows())
    return _finish(chart, title)


def coverage_heatmap(df: pd.DataFrame, vocab: shaping.Vocabulary, measure: str = "articles") -> alt.TopLevelMixin:
    """Disease x source type; click a cell (shift-click for more) to narrow the page."""
    pick = alt.selection_point(name=shaping.HEATMAP_SELECTION, fields=["concept_id", "source_type"], toggle="event.shiftKey")
    # The numbers sit on top of the cells and catch the clicks there, so they carry a
    # selection of their own; the page reads both as one (shaping.HEATMAP_SELECTIONS).
    pick_number = alt.selection_point(name=shaping.HEATMAP_NUMBER_SELECTION, fields=["concept_id", "source_type"],
                                      toggle="event.shiftKey")
    order = vocab.order("source_types", df["source_type"]) if not df.empty else []
    diseases = list(dict.fromkeys(df["canonical_name"])) if not df.empty else []
    base = alt.Chart(df).encode(
        x=alt.X("source_type:N", sort=order, title="source type",
                axis=_axis(vocab, "source_types", labelAngle=-30, orient="top", labelOverlap=False)),
        y=alt.Y("canonical_name:N", sort=diseases, title=None),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(f"{measure}:Q", title=measure, scale=alt.Scale(scheme="orangered"),
                        legend=alt.Legend(format="d", tickMinStep=1)),
        opacity=alt.condition(pick | pick_number, alt.value(1.0), alt.value(0.25)),
        tooltip=[
            alt.Tooltip("canonical_name:N", title="disease"), "concept_id", "source_type",
            "articles", "mentions",
        ],
    ).add_params(pick)
    dark = float(df[measure].max()) * 0.6 if not df.empty else 0.0
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text(f"{measure}:Q"),
        color=alt.condition(f"datum['{measure}'] > {dark}", alt.value("white"), alt.value("#111")),
        tooltip=[alt.Tooltip("canonical_name:N", title="disease"), "concept_id", "source_type",
                 "articles", "mentions"],
    ).add_params(pick_number)
    chart = alt.layer(rect, text).properties(height=_rows(26))
    return _finish(chart, f"Disease × source type ({measure})")


def disease_context_bar(long: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """Top diseases, mentions stacked by claim context; click a bar to narrow the page."""
    pick = alt.selection_point(name=shaping.DISEASE_SELECTION, fields=["concept_id"], toggle="event.shiftKey")
    names = list(dict.fromkeys(long["canonical_name"])) if not long.empty else []
    chart = alt.Chart(long).mark_bar().encode(
        y=alt.Y("canonical_name:N", sort=names, title=None),
        x=alt.X("mentions:Q", title="mentions", stack="zero", axis=COUNT_AXIS),
        color=_colour("context", vocab, "claim_contexts", "context"),
        order=alt.Order("context_rank:Q"),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.3)),
        tooltip=[alt.Tooltip("canonical_name:N", title="disease"), "concept_id", "articles", "context", "mentions"],
    ).add_params(pick).transform_calculate(
        context_rank=f"indexof({vocab.values('claim_contexts')!r}, datum.context)"
    ).properties(height=_rows())
    return _finish(chart, "Top diseases: mentions by claim context")


def chapter_bar(df: pd.DataFrame) -> alt.TopLevelMixin:
    """ICD-10 chapters by mentions; click a bar to narrow the page."""
    pick = alt.selection_point(name=shaping.CHAPTER_SELECTION, fields=["icd10_chapter"], toggle="event.shiftKey")
    chart = alt.Chart(df).mark_bar(color="#72b7b2").encode(
        y=alt.Y("icd10_chapter:N", sort="-x", title=None),
        x=alt.X("mentions:Q", title="mentions", axis=COUNT_AXIS),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.3)),
        tooltip=["icd10_chapter", "mentions", alt.Tooltip("diseases:Q", title="distinct diseases")],
    ).add_params(pick).properties(height=_rows())
    return _finish(chart, "ICD-10 chapters (mentions)")


def context_by_source_bar(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """How the selected mentions are claimed, per source type (share of mentions)."""
    order = vocab.order("source_types", df["source_type"]) if not df.empty else []
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("source_type:N", sort=order, title="source type", axis=_axis(vocab, "source_types")),
        x=alt.X("mentions:Q", stack="normalize", title="share of mentions", axis=alt.Axis(format="%")),
        color=_colour("context", vocab, "claim_contexts", "context"),
        order=alt.Order("context_rank:Q"),
        tooltip=["source_type", "context", "mentions"],
    ).transform_calculate(
        context_rank=f"indexof({vocab.values('claim_contexts')!r}, datum.context)"
    ).properties(height=_rows())
    return _finish(chart, "Claim context by source type")


def signals_chart(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """Share of each source type's articles that show each commercial signal."""
    order = vocab.order("source_types", df["source_type"]) if not df.empty else []
    kinds = vocab.order("signal_kinds", df["kind"]) if not df.empty else []
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("kind:N", sort=kinds, title="signal", axis=_axis(vocab, "signal_kinds")),
        yOffset=alt.YOffset("source_type:N", sort=order),
        x=alt.X("share_of_articles:Q", title="share of the source type's articles", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=_colour("source_type", vocab, "source_types", "source type"),
        tooltip=["source_type", "kind", "signals", "articles", "type_articles",
                 alt.Tooltip("share_of_articles:Q", format=".0%")],
    ).properties(height=_rows(9))
    return _finish(chart, "Commercial signals per source type")


def evidence_chart(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """Citations per article by source type."""
    order = vocab.order("source_types", df["source_type"]) if not df.empty else []
    chart = alt.Chart(df).mark_bar(color="#54a24b").encode(
        y=alt.Y("source_type:N", sort=order, title="source type", axis=_axis(vocab, "source_types")),
        x=alt.X("citations_per_article:Q", title="citations per article"),
        tooltip=["source_type", "articles", "citations", "citations_per_article",
                 alt.Tooltip("share_with_citations:Q", format=".0%"), "citations_with_id"],
    ).properties(height=_rows())
    return _finish(chart, "Evidence: citations per article")


def timeline_chart(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("yearmonth(month):T", title="publication month"),
        y=alt.Y("sum(articles):Q", title="articles", axis=COUNT_AXIS),
        color=_colour("source_type", vocab, "source_types", "source type"),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="month"), "source_type", "sum(articles):Q"],
    ).properties(height=260)
    return _finish(chart, "Articles per publication month")


def quarantine_reasons_chart(df: pd.DataFrame) -> alt.TopLevelMixin:
    chart = alt.Chart(df).mark_bar(color="#e45756").encode(
        y=alt.Y("reason:N", sort="-x", title=None),
        x=alt.X("files:Q", title="files", axis=COUNT_AXIS),
        tooltip=["reason", "files"],
    ).properties(height=_rows())
    return _finish(chart, "Quarantine reasons")


def runs_chart(df: pd.DataFrame) -> alt.TopLevelMixin:
    chart = alt.Chart(df).mark_bar().encode(
        x=alt.X("run_id:O", title="run"),
        y=alt.Y("files_loaded:Q", title="files loaded", axis=COUNT_AXIS),
        color=alt.Color("status:N", scale=alt.Scale(domain=["success", "failed"], range=["#54a24b", "#e45756"])),
        tooltip=["run_id", "status", "mode", "trigger_kind", "started_at", "seconds", "files_seen",
                 "files_loaded", "files_quarantined", "message"],
    ).properties(height=220)
    return _finish(chart, "Files loaded per run")


def _rank(vocab: shaping.Vocabulary, name: str, field: str) -> str:
    """A Vega expression: the position of ``field`` in vocabulary ``name`` (stack order)."""
    return f"indexof({json.dumps(vocab.values(name))}, datum.{field})"


def _label_of(vocab: shaping.Vocabulary, name: str, field: str) -> str:
    """A Vega expression: the label of ``field``'s value in vocabulary ``name`` (for tooltips)."""
    return f"({json.dumps(vocab.labels(name), ensure_ascii=False)})[datum.{field}] || datum.{field}"


def stance_by_source_chart(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """Claims per disease, stacked by stance, one panel per source type; claims the page only
    reports (when shown) are drawn paler."""
    types = vocab.order("source_types", df["source_type"]) if not df.empty else []
    diseases = list(dict.fromkeys(df["canonical_name"])) if not df.empty else []
    panel = alt.Chart(df).mark_bar().encode(
        y=alt.Y("canonical_name:N", sort=diseases, title=None),
        x=alt.X("claims:Q", title="claims (articles)", stack="zero", axis=COUNT_AXIS),
        color=_colour("stance", vocab, "claim_contexts", "stance"),
        opacity=alt.condition("datum.voice === 'own'", alt.value(1.0), alt.value(0.45)),
        order=alt.Order("stance_rank:Q"),
        tooltip=[alt.Tooltip("canonical_name:N", title="disease"), alt.Tooltip("type_label:N", title="source type"),
                 alt.Tooltip("voice_label:N", title="voice"), alt.Tooltip("stance_label:N", title="stance"),
                 alt.Tooltip("claims:Q", title="claims")],
    ).transform_calculate(
        stance_rank=_rank(vocab, "claim_contexts", "stance"),
        type_label=_label_of(vocab, "source_types", "source_type"),
        voice_label=_label_of(vocab, "claim_voices", "voice"),
        stance_label=_label_of(vocab, "claim_contexts", "stance"),
    ).properties(width=170, height=_rows())
    chart = panel.facet(column=alt.Column(
        "source_type:N", sort=types, title=None,
        header=alt.Header(labelExpr=label_expr(vocab.labels("source_types")), labelFontWeight="bold")))
    return _finish(chart, "Stance by disease and source type (claims)")


def red_flags_chart(df: pd.DataFrame, vocab: shaping.Vocabulary) -> alt.TopLevelMixin:
    """Red-flag hits per legal basis, stacked by source type (full width: the basis labels are long)."""
    bases = vocab.order("red_flag_bases", df["basis_id"]) if not df.empty else []
    order = vocab.order("source_types", df["source_type"]) if not df.empty else []
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("basis_id:N", sort=bases, title=None, axis=_axis(vocab, "red_flag_bases", labelLimit=BASIS_LABEL_PX)),
        x=alt.X("hits:Q", title="red-flag hits", stack="zero", axis=COUNT_AXIS),
        color=_colour("source_type", vocab, "source_types", "source type", present=order),
        order=alt.Order("type_rank:Q"),
        tooltip=[alt.Tooltip("basis_label:N", title="legal basis"), alt.Tooltip("basis:N", title="provision"),
                 alt.Tooltip("type_label:N", title="source type"), alt.Tooltip("hits:Q", title="hits"),
                 alt.Tooltip("articles:Q", title="articles")],
    ).transform_calculate(
        type_rank=f"indexof({json.dumps(order)}, datum.source_type)",
        basis_label=_label_of(vocab, "red_flag_bases", "basis_id"),
        type_label=_label_of(vocab, "source_types", "source_type"),
    ).properties(
        height=_rows(max(BAR_PX, -(-LEGEND_ROW_PX * (len(order) + 2) // max(len(bases), 1)))))  # room for the legend
    return _finish(chart, "Red flags by legal basis and source type")


def credibility_chart(grid: pd.DataFrame) -> alt.TopLevelMixin:
    """Articles by JAMA benchmark score (0-4) per source type (shaping.credibility_grid): one row
    per source type, a cell per score shaded by its share of the type's articles, the count written in."""
    types = list(dict.fromkeys(grid["source_type_label"])) if not grid.empty else []
    base = alt.Chart(grid).encode(
        x=alt.X("jama_total:O", title="JAMA benchmark score (criteria met, 0-4)",
                scale=alt.Scale(domain=[0, 1, 2, 3, 4]), axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("source_type_label:N", sort=types, title=None),
        tooltip=[alt.Tooltip("source_type_label:N", title="source type"), alt.Tooltip("jama_total:O", title="score"),
                 alt.Tooltip("articles:Q", title="articles"), alt.Tooltip("share:Q", title="share", format=".0%")],
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("share:Q", title="share of the source type's articles", scale=alt.Scale(
            scheme="blues", domain=[0, 1]), legend=alt.Legend(format="%", orient="bottom")))
    text = base.mark_text(fontSize=13).encode(
        text=alt.Text("articles:Q"),
        color=alt.condition("datum.share > 0.6", alt.value("white"), alt.value("#111")))
    chart = alt.layer(rect, text).properties(height=_rows(BAR_PX))
    return _finish(chart, "Credibility: articles by JAMA benchmark score and source type")
