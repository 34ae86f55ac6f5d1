"""Article explorer: one article's metadata, outline, highlighted text, citations, cut boilerplate.

Everything is bounded (dashboard/queries.py: article): the text comes in parts of
TEXT_PART_CHARS characters with a pager, with only the mentions inside the part, and each
table has at most ROWS_PER_TABLE rows of at most CELL_CHARS characters per cell, so one huge
article cannot break the page.

All document text is escaped (dashboard/render.py) before it reaches st.html; tables show it
as text. The article can be deep-linked with ?article=<article_id>.
"""

from __future__ import annotations

import streamlit as st

from dashboard import queries, render, shaping, ui


def _pick(run: queries.Runner) -> str | None:
    wanted = st.query_params.get("article")
    vocab = queries.vocabulary(run)
    c1, c2 = st.columns([2, 1])
    q = c1.text_input("Search title, site, path or article id", key="article_q",
                      placeholder="e.g. 帕金森, 知乎, 001_")
    types = c2.multiselect("Source type", vocab.values("source_types"), key="article_types",
                           format_func=lambda v: vocab.label("source_types", v), placeholder="all source types")
    matches = queries.article_search(run, q, types)
    labels = {r["article_id"]: shaping.article_label(r) for r in matches.to_dict("records")}
    if wanted and wanted not in labels and not q.strip():  # a deep link outside the first page of results
        found = run("article_meta", {"article_id": wanted})
        if not found.empty:
            labels = {wanted: shaping.article_label(found.iloc[0].to_dict()), **labels}
    if not labels:
        st.warning("No article matches the search.")
        return None
    options = list(labels)
    st.caption(f"{len(matches):,} matching articles" + (" (first 200)" if len(matches) >= queries.SEARCH_LIMIT else ""))
    chosen = st.selectbox("Article", options, index=options.index(wanted) if wanted in labels else 0,
                          format_func=labels.__getitem__)
    if chosen != wanted:
        st.query_params["article"] = chosen
    return chosen


METADATA_FIELDS = ["article_id", "title", "author", "site_name", "url", "published_date", "date_source",
                   "source_type", "source_type_evidence", "language", "format", "source_path", "file_bytes",
                   "raw_chars", "main_chars", "cut_chars", "parse_warnings", "run_id"]


def _part_picker(article_id: str, total_chars: int) -> int:
    """Which part of the text to show (0-based); a pager only when there is more than one."""
    parts = max(1, -(-total_chars // queries.TEXT_PART_CHARS))
    if parts == 1:
        return 0
    part = st.number_input(f"Part of the text (1–{parts:,})", min_value=1, max_value=parts, value=1, step=1,
                           key=f"article_part_{article_id}")
    return int(part) - 1


def _bounded_note(shown: int, total: int, what: str) -> None:
    if total > shown:
        st.caption(f"Showing the first {shown:,} of {total:,} {what}.")


def render_article(run: queries.Runner, article_id: str) -> None:
    meta_rows = run("article_meta", {"article_id": article_id})
    if meta_rows.empty:
        st.warning("This article is no longer in the warehouse.")
        return
    meta = meta_rows.iloc[0].to_dict()
    total_chars = int(meta.get("main_text_chars") or 0)
    ui.text_html("(untitled)" if shaping.missing(meta.get("title")) else meta["title"], tag="h2")
    part = _part_picker(article_id, total_chars)
    data = queries.article(run, article_id, part)
    counts = data["counts"].iloc[0].to_dict()
    vocab: shaping.Vocabulary = data["vocabulary"]

    mentions, citations, signals, cut = data["mentions"], data["citations"], data["signals"], data["cut"]
    cols = st.columns(5)
    cols[0].metric("Source type", vocab.label("source_types", meta["source_type"]))
    cols[1].metric("Mentions", int(counts["mentions"]))
    cols[2].metric("Citations", int(counts["citations"]))
    cols[3].metric("Commercial signals", int(counts["signals"]))
    cols[4].metric("Characters cut", f"{int(meta['cut_chars']):,}")

    left, right = st.columns([1, 2])
    with left:
        st.subheader("Metadata")
        ui.table(shaping.metadata_rows(meta, METADATA_FIELDS, vocab), key="article_metadata")
        link = render.safe_link(meta.get("url"))
        if link:
            st.link_button("Open the original page", link)
        st.subheader("Outline")
        sections = data["sections"]
        if sections.empty:
            st.caption("No sections.")
        else:
            st.html(render.outline_html(zip(sections["level"], sections["heading"], strict=True)))
            _bounded_note(len(sections), int(counts["sections"]), "sections")
    with right:
        st.subheader("Main text")
        colours = render.highlight_colours(vocab.colours("claim_contexts"))
        st.html(render.legend_html(vocab.labels("claim_contexts"), colours))
        start, text = data["part"]["start"], data["part"]["text"]
        if total_chars > len(text):
            st.caption(f"A long article: showing characters {start + 1:,}–{start + len(text):,} of {total_chars:,} "
                       f"(part {part + 1:,} of {-(-total_chars // queries.TEXT_PART_CHARS):,}), with the "
                       f"{len(mentions):,} mentions inside it. Pick another part above to read on.")
        if len(mentions) >= queries.PART_MENTIONS:
            st.caption(f"Only the first {queries.PART_MENTIONS:,} mentions of this part are highlighted.")
        spans = [
            render.Span(int(m["start_char"]) - start, int(m["end_char"]) - start, m["context"],
                        f"{m['canonical_name']} ({vocab.label('claim_contexts', m['context'])}"
                        + (")" if shaping.missing(m["trigger"]) else f": {m['trigger']})"))
            for m in mentions.to_dict("records")
        ]
        st.html(render.article_text_html(text, spans, colours))

    st.subheader(f"Citations ({int(counts['citations'])})")
    if citations.empty:
        st.caption("No reference list.")
    else:
        ui.table(citations, key="article_citations", vocab=vocab, vocabularies={"kind": "citation_kinds"})
        _bounded_note(len(citations), int(counts["citations"]), "citations")

    in_part = "" if total_chars <= queries.TEXT_PART_CHARS else f", {len(mentions):,} in this part"
    with st.expander(f"Disease mentions ({int(counts['mentions'])}{in_part})"):
        ui.table(mentions, key="article_mentions", vocab=vocab)
    with st.expander(f"Commercial signals ({int(counts['signals'])})"):
        ui.table(signals, key="article_signals", vocab=vocab, vocabularies={"kind": "signal_kinds"})
        _bounded_note(len(signals), int(counts["signals"]), "signals")
    with st.expander(f"Text cut as boilerplate ({int(counts['cut'])} lines, {int(meta['cut_chars']):,} characters)",
                     expanded=False):
        if cut.empty:
            st.caption("Nothing was cut.")
        else:
            ui.table(cut, key="article_cut")
            _bounded_note(len(cut), int(counts["cut"]), "cut lines")


def page() -> None:
    st.title("Article explorer")
    with ui.runner() as run:
        article_id = _pick(run)
        if article_id:
            render_article(run, article_id)


if __name__ == "__main__":
    page()
