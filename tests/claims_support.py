"""A seeds warehouse with the annotation tables, until the annotation stage is on main.

``claims_db`` copies the warehouse the real ETL builds from the five seeds and adds what the
annotation stage (issue 9, items 2-5) will write: the tables ``claims``, ``red_flags``,
``credibility``, ``articles.best_evidence_level``, their views and vocabularies, with the
DDL of that stage's warehouse/schema.sql and views.sql. The rows are written here from the
seeds' own mentions, cut lines and metadata (a handful, by hand-written rules), so the
offsets are real offsets into the seeds' text. When the annotation stage is merged this
file goes and the dashboard tests read the real ETL output.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

DDL = """
ALTER TABLE articles ADD COLUMN best_evidence_level VARCHAR;

CREATE TABLE claims (
    article_id           VARCHAR NOT NULL,
    concept_id           VARCHAR NOT NULL,
    canonical_name       VARCHAR NOT NULL,
    mention_type         VARCHAR NOT NULL,
    mentions             INTEGER NOT NULL CHECK (mentions >= 1),
    own_mentions         INTEGER NOT NULL CHECK (own_mentions >= 0),
    reported_mentions    INTEGER NOT NULL CHECK (reported_mentions >= 0),
    own_stance           VARCHAR CHECK (own_stance IN ('asserted', 'hedged', 'negated', 'neutral')),
    reported_stance      VARCHAR CHECK (reported_stance IN ('asserted', 'hedged', 'negated', 'neutral')),
    voice                VARCHAR NOT NULL CHECK (voice IN ('own', 'reported')),
    mention_no           INTEGER NOT NULL CHECK (mention_no >= 0),
    own_mention_no       INTEGER,
    reported_mention_no  INTEGER,
    start_char           INTEGER NOT NULL CHECK (start_char >= 0),
    end_char             INTEGER NOT NULL,
    sentence             VARCHAR NOT NULL,
    sentence_start       INTEGER NOT NULL CHECK (sentence_start >= 0),
    sentence_end         INTEGER NOT NULL,
    wording_class        VARCHAR,
    wording_text         VARCHAR,
    citation             VARCHAR NOT NULL CHECK (citation IN ('in_sentence', 'in_section', 'none')),
    citation_text        VARCHAR,
    PRIMARY KEY (article_id, concept_id),
    CHECK (mentions = own_mentions + reported_mentions),
    CHECK ((voice = 'own') = (own_mentions > 0)),
    CHECK ((citation = 'none') = (citation_text IS NULL)),
    CHECK (sentence_start <= start_char AND start_char < end_char AND end_char <= sentence_end)
);

CREATE TABLE red_flags (
    article_id    VARCHAR NOT NULL,
    flag_no       INTEGER NOT NULL CHECK (flag_no >= 0),
    rule_id       VARCHAR NOT NULL,
    basis_id      VARCHAR NOT NULL,
    law           VARCHAR NOT NULL,
    law_article   VARCHAR NOT NULL,
    law_item      VARCHAR,
    location      VARCHAR NOT NULL CHECK (location IN ('article', 'chrome')),
    matched_text  VARCHAR NOT NULL,
    start_char    INTEGER,
    end_char      INTEGER,
    cut_no        INTEGER,
    chrome_text   VARCHAR,
    chrome_start  INTEGER,
    sentence      VARCHAR NOT NULL,
    PRIMARY KEY (article_id, flag_no),
    CHECK ((location = 'article') = (start_char IS NOT NULL AND end_char IS NOT NULL)),
    CHECK ((location = 'chrome') = (chrome_text IS NOT NULL AND chrome_start IS NOT NULL))
);

CREATE TABLE credibility (
    article_id                     VARCHAR PRIMARY KEY,
    jama_authorship                SMALLINT NOT NULL,
    jama_authorship_evidence       VARCHAR,
    jama_attribution               SMALLINT NOT NULL,
    jama_attribution_evidence      VARCHAR,
    jama_disclosure                SMALLINT NOT NULL,
    jama_disclosure_evidence       VARCHAR,
    jama_currency                  SMALLINT NOT NULL,
    jama_currency_evidence         VARCHAR,
    hon_disclaimer                 SMALLINT NOT NULL,
    hon_disclaimer_evidence        VARCHAR,
    hon_contact                    SMALLINT NOT NULL,
    hon_contact_evidence           VARCHAR,
    hon_ad_labelled                SMALLINT NOT NULL,
    hon_ad_labelled_evidence       VARCHAR,
    discern_risks                  SMALLINT NOT NULL,
    discern_risks_evidence         VARCHAR,
    discern_uncertainty            SMALLINT NOT NULL,
    discern_uncertainty_evidence   VARCHAR,
    discern_alternatives           SMALLINT NOT NULL,
    discern_alternatives_evidence  VARCHAR,
    jama_total                     SMALLINT NOT NULL CHECK (jama_total BETWEEN 0 AND 4),
    CHECK (jama_total = jama_authorship + jama_attribution + jama_disclosure + jama_currency)
);

CREATE VIEW v_claims AS
SELECT c.article_id, a.title, a.site_name, a.source_type, a.published_date, a.url,
       c.concept_id, c.canonical_name, c.mention_type, d.icd10, d.icd10_chapter, d.category, c.voice,
       CASE c.voice WHEN 'own' THEN c.own_stance ELSE c.reported_stance END AS stance,
       c.own_stance, c.reported_stance, c.mentions, c.own_mentions, c.reported_mentions,
       c.wording_class, c.wording_text, c.citation, c.citation_text, c.sentence, c.sentence_start,
       c.sentence_end, c.start_char - c.sentence_start AS highlight_start,
       c.end_char - c.sentence_start AS highlight_end, rm.sentence AS reported_sentence, a.best_evidence_level
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN diseases d USING (concept_id)
LEFT JOIN disease_mentions rm ON rm.article_id = c.article_id AND rm.mention_no = c.reported_mention_no;

CREATE VIEW v_red_flags AS
SELECT f.article_id, a.title, a.site_name, a.source_type, a.published_date, a.url, f.flag_no, f.rule_id,
       f.basis_id, f.law, f.law_article, f.law_item,
       f.law || ' ' || f.law_article || coalesce(f.law_item, '') AS basis,
       f.location, f.matched_text, f.sentence,
       CASE WHEN f.location = 'article' THEN f.start_char ELSE f.chrome_start END AS offset_in_source,
       f.start_char, f.end_char, f.cut_no, f.chrome_text, f.chrome_start
FROM red_flags f
JOIN articles a USING (article_id);

CREATE VIEW v_credibility AS
SELECT a.article_id, a.title, a.site_name, a.source_type, a.published_date, a.url, k.jama_total,
       k.jama_authorship, k.jama_attribution, k.jama_disclosure, k.jama_currency,
       k.hon_disclaimer + k.hon_contact + k.hon_ad_labelled AS hon_signals,
       k.hon_disclaimer, k.hon_contact, k.hon_ad_labelled,
       k.discern_risks + k.discern_uncertainty + k.discern_alternatives AS discern_items,
       k.discern_risks, k.discern_uncertainty, k.discern_alternatives, a.best_evidence_level,
       (SELECT count(*) FROM citations c WHERE c.article_id = a.article_id) AS citations,
       (SELECT count(*) FROM red_flags f WHERE f.article_id = a.article_id) AS red_flags
FROM articles a
JOIN credibility k USING (article_id);
"""

# (vocabulary, value, label, colour, description): the annotation stage's vocabularies, abridged.
VOCABULARY = [
    ("claim_classes", "cure", "cure", None, "Promises the disease goes away for good."),
    ("claim_classes", "treat", "treat", None, "Says the therapy treats the disease."),
    ("claim_classes", "improve", "improve", None, "Promises relief or improvement."),
    ("red_flag_bases", "ad_law_9_3", "广告法 第九条(三) 绝对化用语", "#b91c1c",
     "An advertisement may not rank itself at the top with absolute words."),
    ("red_flag_bases", "ad_law_16_1", "广告法 第十六条(一) 功效、安全性的断言或保证", "#c2410c",
     "Medical advertising may not assert or guarantee that a treatment works or is safe."),
    ("red_flag_bases", "internet_ad_7", "互联网广告管理办法 第七条 以健康知识变相发布广告", "#7c3aed",
     "Health information may not carry the provider's contact details or booking on the same page."),
    ("evidence_levels", "L1_systematic_review", "L1 systematic review", None, "Systematic review or meta-analysis."),
    ("evidence_levels", "L5_preclinical_or_opinion", "L5 preclinical or opinion", None, "Animal work or review."),
    ("evidence_levels", "L6_non_research", "L6 not research", None, "Not a research report."),
]

_RANK = {"asserted": 0, "hedged": 1, "negated": 2, "neutral": 3}
_WORDING = [("根治", "cure"), ("治愈", "cure"), ("改善", "improve"), ("治疗", "treat")]
# (article text to find, rule, basis, law, law article, law item): article hits in the seeds' text
_ARTICLE_FLAGS = [
    ("根治", "efficacy_safety_guarantee", "ad_law_16_1", "中华人民共和国广告法", "第十六条", "第一款(一)"),
    ("最佳", "superlative", "ad_law_9_3", "中华人民共和国广告法", "第九条", "(三)"),
]
_CHROME_CUES = ("400-", "微信", "在线咨询")  # contact and booking lines cut from the page


def _claims(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    texts = dict(con.execute("SELECT article_id, main_text FROM articles").fetchall())
    cited = {r[0] for r in con.execute("SELECT DISTINCT article_id FROM citations").fetchall()}
    best: dict[tuple[str, str], tuple[Any, ...]] = {}
    counts: dict[tuple[str, str], int] = {}
    for aid, no, cid, name, mtype, ctx, s, e, sentence in con.execute(
            "SELECT article_id, mention_no, concept_id, canonical_name, mention_type, context, start_char, end_char, "
            "sentence FROM disease_mentions ORDER BY article_id, mention_no").fetchall():
        text = texts[aid]
        start = text.find(sentence)
        while 0 <= start and start + len(sentence) < e:
            start = text.find(sentence, start + 1)
        if start < 0 or start > s:
            continue
        key = (aid, cid)
        counts[key] = counts.get(key, 0) + 1
        if key not in best or _RANK[ctx] < _RANK[best[key][4]]:
            best[key] = (name, mtype, no, s, ctx, e, sentence, start)
    rows = []
    for i, ((aid, cid), (name, mtype, no, s, ctx, e, sentence, start)) in enumerate(sorted(best.items())):
        n = counts[(aid, cid)]
        reported = i % 7 == 3  # a few claims the page only reports
        wording = next(((cls, w) for w, cls in _WORDING if w in sentence), (None, None))
        citation = ("in_section", "[1]") if aid in cited else ("none", None)
        rows.append((aid, cid, name, mtype, n, 0 if reported else n, n if reported else 0,
                     None if reported else ctx, ctx if reported else None, "reported" if reported else "own",
                     no, None if reported else no, no if reported else None, s, e, sentence, start,
                     start + len(sentence), wording[0], wording[1], *citation))
    return rows


def _red_flags(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    n: dict[str, int] = {}
    for aid, text in con.execute("SELECT article_id, main_text FROM articles ORDER BY article_id").fetchall():
        for word, rule, basis, law, article, item in _ARTICLE_FLAGS:
            at = text.find(word)
            if at >= 0:
                lo = max(text.rfind("\n", 0, at), text.rfind("。", 0, at)) + 1
                hi = min(x for x in (text.find("\n", at), text.find("。", at), len(text)) if x >= 0)
                rows.append((aid, n.setdefault(aid, 0), rule, basis, law, article, item, "article", word,
                             at, at + len(word), None, None, None, text[lo:hi]))
                n[aid] += 1
    for aid, cut_no, line in con.execute("SELECT article_id, cut_no, text FROM cut_blocks ORDER BY ALL").fetchall():
        for cue in _CHROME_CUES:
            at = line.find(cue)
            if at >= 0:
                rows.append((aid, n.setdefault(aid, 0), "disguised_health_ad", "internet_ad_7", "互联网广告管理办法（2023）",
                             "第七条", "第三、四款", "chrome", cue, None, None, cut_no, line, at, line))
                n[aid] += 1
                break
    return rows


def _credibility(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    rows = []
    for aid, author, dated, cites, contact, disclaimer in con.execute("""
            SELECT a.article_id, a.author, a.published_date IS NOT NULL,
                   (SELECT count(*) FROM citations c WHERE c.article_id = a.article_id),
                   (SELECT count(*) FROM commercial_signals g WHERE g.article_id = a.article_id
                                                                AND g.kind IN ('phone', 'wechat')),
                   (SELECT count(*) FROM commercial_signals g WHERE g.article_id = a.article_id AND g.kind = 'disclaimer')
            FROM articles a ORDER BY a.article_id""").fetchall():
        crit = [int(bool(author)), int(cites > 0), 0, int(bool(dated))]
        hon = [int(disclaimer > 0), int(contact > 0), 0]
        rows.append((aid, crit[0], author or None, crit[1], "参考文献" if crit[1] else None, crit[2], None,
                     crit[3], "dated" if crit[3] else None, hon[0], None, hon[1], None, hon[2], None,
                     1, "副作用", 0, None, 0, None, sum(crit)))
    return rows


def add_annotation_tables(db: Path) -> None:
    """Add the annotation tables, views, vocabularies and rows to a seeds warehouse."""
    con = duckdb.connect(str(db))
    try:
        con.execute(DDL)
        start = con.execute("SELECT count(*) FROM vocabulary").fetchone()[0]
        con.executemany("INSERT INTO vocabulary VALUES (?, ?, ?, ?, ?, ?)",
                        [[v, value, start + i, label, colour, desc]
                         for i, (v, value, label, colour, desc) in enumerate(VOCABULARY)])
        con.executemany(f"INSERT INTO claims VALUES ({', '.join(['?'] * 22)})", _claims(con))
        con.executemany(f"INSERT INTO red_flags VALUES ({', '.join(['?'] * 15)})", _red_flags(con))
        con.executemany(f"INSERT INTO credibility VALUES ({', '.join(['?'] * 22)})", _credibility(con))
        con.execute("""UPDATE articles SET best_evidence_level = CASE WHEN article_id IN (SELECT article_id FROM citations)
                       THEN 'L5_preclinical_or_opinion' END""")
    finally:
        con.close()


@pytest.fixture(scope="session")
def claims_db(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds warehouse with claims, red flags and credibility (see the module docstring)."""
    db = tmp_path_factory.mktemp("claims") / "stemwatch.duckdb"
    shutil.copyfile(seeded_db, db)
    add_annotation_tables(db)
    return db
