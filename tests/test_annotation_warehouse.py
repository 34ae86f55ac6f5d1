"""The annotation tables in a real warehouse: the vocabulary and the schema's CHECKs agree, offsets
point at the text they claim to, and the views answer the dashboard's questions."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from etl.knowledge.annotation import load_annotation_knowledge
from warehouse.db import schema_sql

# (table, column) -> vocabulary section whose ids the column's CHECK must list.
CHECKED = {
    ("claims", "wording_class"): "claim_classes",
    ("red_flags", "basis_id"): "red_flag_bases",
    ("citations", "kind"): "citation_kinds",
    ("citations", "study_design"): "study_designs",
    ("citations", "evidence_level"): "evidence_levels",
    ("articles", "best_evidence_level"): "evidence_levels",
}


def _check_values(table: str, column: str) -> list[str]:
    ddl = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", schema_sql(), re.S).group(1)  # type: ignore[union-attr]
    m = re.search(rf"\n\s*{column}\s+VARCHAR[^\n]*?CHECK \({column} IN \((.*?)\)\)", ddl, re.S)
    assert m, f"{table}.{column} has no IN (...) CHECK"
    return re.findall(r"'([^']+)'", m.group(1))


@pytest.mark.parametrize(("table", "column"), sorted(CHECKED))
def test_schema_checks_list_exactly_the_vocabulary(table, column):
    kn = load_annotation_knowledge()
    assert _check_values(table, column) == list(kn.ids(CHECKED[(table, column)]))


def test_red_flag_rule_bases_exist_in_the_vocabulary():
    kn = load_annotation_knowledge()
    assert {r.basis.id for r in kn.red_flags.rules} <= set(kn.ids("red_flag_bases"))


def test_annotation_offsets_hold_in_the_seeded_warehouse(seeded_db: Path):
    con = duckdb.connect(str(seeded_db), read_only=True)
    try:
        assert con.execute("""
            SELECT count(*) FROM claims c JOIN articles a USING (article_id)
            WHERE substr(a.main_text, c.sentence_start + 1, c.sentence_end - c.sentence_start) <> c.sentence
               OR substr(c.sentence, c.start_char - c.sentence_start + 1, c.end_char - c.start_char)
                  <> (SELECT surface FROM disease_mentions m
                      WHERE m.article_id = c.article_id AND m.mention_no = c.mention_no)""").fetchone() == (0,)
        assert con.execute("""
            SELECT count(*) FROM red_flags f JOIN articles a USING (article_id)
            WHERE (f.location = 'article' AND substr(a.main_text, f.start_char + 1, f.end_char - f.start_char) <> f.matched_text)
               OR (f.location = 'chrome' AND substr(f.chrome_text, f.chrome_start + 1, length(f.matched_text)) <> f.matched_text)
               OR (f.cut_no IS NOT NULL AND f.chrome_text <> (SELECT text FROM cut_blocks b
                                                              WHERE b.article_id = f.article_id AND b.cut_no = f.cut_no))
            """).fetchone() == (0,)
        # Every article has one credibility row; every concept mentioned has one claim.
        assert con.execute("SELECT count(*) FROM articles WHERE article_id NOT IN (SELECT article_id FROM credibility)"
                           ).fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM (SELECT DISTINCT article_id, concept_id FROM disease_mentions)"
                           ).fetchone() == con.execute("SELECT count(*) FROM claims").fetchone()
    finally:
        con.close()


def test_views_answer_the_dashboard_questions(seeded_db: Path):
    con = duckdb.connect(str(seeded_db), read_only=True)
    try:
        disguised = con.execute("""
            SELECT DISTINCT split_part(a.source_path, '_', 1) FROM v_red_flags f JOIN articles a USING (article_id)
            WHERE f.basis_id = 'internet_ad_8' ORDER BY 1""").fetchall()
        assert disguised == [("001",), ("003",), ("004",)]
        reported = con.execute("""
            SELECT canonical_name, stance FROM v_claims WHERE voice = 'reported' ORDER BY 1""").fetchall()
        assert reported == [("癌症", "negated")]
        hl = con.execute("""
            SELECT substr(sentence, highlight_start + 1, highlight_end - highlight_start) FROM v_claims
            WHERE canonical_name = '癌症' AND voice = 'reported'""").fetchone()
        assert hl == ("癌症",)
        jama = con.execute("SELECT source_type, jama_total FROM v_credibility ORDER BY jama_total DESC, 1").fetchall()
        assert jama[0] == ("social_qa", 3)
        summary = con.execute("""
            SELECT sum(hits) FROM v_red_flag_summary""").fetchone()[0]
        assert summary == con.execute("SELECT count(*) FROM red_flags").fetchone()[0]
        levels = con.execute("""
            SELECT kind, evidence_level, count(*) FROM citations GROUP BY ALL ORDER BY ALL""").fetchall()
        assert levels[0][0] == "encyclopedia" and sum(n for *_, n in levels) == 30
    finally:
        con.close()
