# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""The vocabulary (etl/knowledge/data/vocabulary.yaml) is the one place a source type, signal
kind or claim context is defined: a new value is one edit there (plus the rule that produces it,
itself data), and the schema, the summaries and the dashboard follow."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, queries, render
from etl.errors import RulesError
from etl.knowledge import rules as rules_mod
from etl.knowledge import vocabulary as vocab_mod
from etl.load.run import run_etl
from tests.dashboard_support import APP, app_env, release_warehouses  # noqa: F401  (fixtures)
from warehouse import db as wdb

pytestmark = pytest.mark.usefixtures("release_warehouses")
PROJECT_VOCABULARY = vocab_mod.default_path

GOOD = """\
source_types:
  - {value: news, label: News, colour: '#112233', description: a news site}
signal_kinds:
  - {value: phone, label: Phone, description: a phone number}
claim_contexts:
  - {value: neutral, label: neutral, description: a plain mention}
"""


def test_the_data_file_loads_and_names_every_value_the_rules_use() -> None:
    v = vocab_mod.load_vocabulary()
    rules = rules_mod.load_rules()
    assert {c.type for c in rules.cues} <= set(v.values("source_types"))
    assert {s.kind for s in rules.signals} <= set(v.values("signal_kinds"))
    assert set(rules.sources.values()) <= set(v.values("source_types"))
    assert v.values("claim_contexts") == ("asserted", "hedged", "negated", "neutral")


@pytest.mark.parametrize(("text", "line", "message"), [
    (GOOD.replace("'#112233'", "'red'"), 2, "must be #rrggbb"),
    (GOOD.replace("label: Phone, ", ""), 4, "needs 'label'"),
    (GOOD + "  - {value: neutral, label: again, description: twice}\n", 7, "listed twice"),
    (GOOD.replace("value: news", "value: news-site"), 2, "must be snake_case"),
    (GOOD.replace("label: News,", "label: News, color: x,"), 2, "unknown field 'color'"),
    (GOOD.replace("claim_contexts:\n  - {value: neutral, label: neutral, description: a plain mention}\n", ""),
     None, "missing vocabulary: claim_contexts"),
])
def test_a_bad_entry_names_file_and_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(RulesError) as err:
        vocab_mod.parse_vocabulary(text, "vocabulary.yaml")
    assert err.value.path == "vocabulary.yaml" and err.value.line == line
    assert message in str(err.value)


def test_the_schema_checks_come_from_the_vocabulary() -> None:
    rows = vocab_mod.parse_vocabulary(GOOD, "v.yaml").rows()
    con = duckdb.connect()
    wdb.create_schema(con, rows)
    assert con.execute("SELECT vocabulary, value, label, colour FROM vocabulary ORDER BY ALL").fetchall() == [
        ("claim_contexts", "neutral", "neutral", None), ("signal_kinds", "phone", "Phone", None),
        ("source_types", "news", "News", "#112233")]
    cols = ("article_id, source_path, content_sha256, file_bytes, format, language, source_type, "
            "source_type_evidence, page_source_type, page_source_evidence, main_text, main_chars, body_end_char, "
            "raw_chars, cut_chars, parse_warnings, run_id, trial_registry_ids")
    sql = f"INSERT INTO articles ({cols}) VALUES (?, ?, ?, 1, 'text', 'zh-Hans', ?, [], ?, [], 't', 1, 1, 1, 0, [], 1, [])"
    con.execute(sql, ["a", "p", "0" * 64, "news", "news"])
    for bad in (["b", "q", "0" * 64, "social_qa", "news"], ["c", "r", "0" * 64, "news", "social_qa"]):
        with pytest.raises(duckdb.ConstraintException):  # a value the default vocabulary knows, this one does not
            con.execute(sql, bad)


PAGE = """<html><head><title>干细胞治疗帕金森病的经历</title>
<link rel="canonical" href="https://bbs.patients.example.org/t/1"></head>
<body><h1>干细胞治疗帕金森病的经历</h1><p>我的邮箱 someone@example.org ，欢迎交流。</p></body></html>
"""


@pytest.fixture()
def extended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the knowledge data with ONE edit to the vocabulary (a source type and a signal
    kind added) and the data that produces them: a sources file line and a signal rule."""
    data = tmp_path / "data"
    shutil.copytree(vocab_mod.default_path().parent, data)
    vocabulary = data / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    text = text.replace("\nsignal_kinds:\n", "\n  - {value: patient_forum, label: Patient forum, colour: '#123456', "
                                             "description: 'Forums where patients write.'}\n\nsignal_kinds:\n")
    text = text.replace("\nclaim_contexts:\n", "\n  - {value: email, label: E-mail address, "
                                               "description: 'An e-mail address to write to.'}\n\nclaim_contexts:\n")
    vocabulary.write_text(text, encoding="utf-8")
    signals = data / "rules" / "signals.yaml"
    signals.write_text(signals.read_text(encoding="utf-8")
                       + "  - {kind: email, pattern: '[\\w.]+@[\\w.]+\\.(?:org|com|cn)'}\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("match,source_type\npatients.example.org,patient_forum\n", encoding="utf-8")
    monkeypatch.setattr(vocab_mod, "default_path", lambda: vocabulary)
    monkeypatch.setattr(rules_mod, "rules_dir", lambda: data / "rules")
    vocab_mod.load_vocabulary.cache_clear()
    rules_mod.load_rules.cache_clear()
    yield tmp_path
    vocab_mod.load_vocabulary.cache_clear()
    rules_mod.load_rules.cache_clear()


def test_a_new_source_type_and_signal_kind_need_one_vocabulary_edit(extended: Path, fresh_seeds: Path,
                                                                    app_env, monkeypatch: pytest.MonkeyPatch) -> None:
    (fresh_seeds / "forum.html").write_text(PAGE, encoding="utf-8")
    db = extended / "w.duckdb"
    res = run_etl(fresh_seeds, db, workers=1, sources=str(extended / "sources.csv"))
    assert res.files_loaded == 6, res.quarantined_now
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT source_type FROM articles WHERE source_path = 'forum.html'").fetchone() == ("patient_forum",)
        assert con.execute("SELECT kind, text FROM commercial_signals JOIN articles USING (article_id) "
                           "WHERE source_path = 'forum.html'").fetchall() == [("email", "someone@example.org")]
        # the summary counts the new kind without a schema change
        assert con.execute("SELECT signal_counts['email'] FROM article_stats JOIN articles USING (article_id) "
                           "WHERE source_path = 'forum.html'").fetchone() == (1,)

    with queries.direct_runner(db) as run:
        vocab = queries.vocabulary(run)
        data = queries.sources(run)
        options = queries.topic_options(run)
    assert "patient_forum" in options["source_types"]
    signals = data["signals"]
    assert ("patient_forum", "email") in set(zip(signals["source_type"], signals["kind"], strict=True))
    spec = str(charts.signals_chart(signals, vocab).to_dict())
    assert "E-mail address" in spec and "Patient forum" in spec and "#123456" in spec
    assert "Patient forum" in str(charts.evidence_chart(data["summary"], vocab).to_dict())

    # the running app takes the labels from the warehouse: the data file is the project's again
    monkeypatch.setattr(vocab_mod, "default_path", PROJECT_VOCABULARY)
    vocab_mod.load_vocabulary.cache_clear()
    assert "patient_forum" not in vocab_mod.load_vocabulary().values("source_types")
    app_env(db)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("views/sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    specs = " ".join(el.proto.spec for el in at.get("vega_lite_chart"))
    assert "E-mail address" in specs and "Patient forum" in specs


def test_highlight_colours_are_the_vocabulary_colours_tinted() -> None:
    v = vocab_mod.load_vocabulary()
    colours = render.highlight_colours({t.value: t.colour for t in v.lists["claim_contexts"] if t.colour})
    assert colours["asserted"] == render.tint("#dc2626") == "#f1a8a8"
    html = render.highlight("甲乙", [render.Span(0, 1, "asserted"), render.Span(1, 2, "<b>")], colours)
    assert 'data-context="asserted"' in html and "#f1a8a8" in html
    assert "<b>" not in html and 'data-context="neutral"' in html  # an unknown context is drawn as neutral


def test_the_scheduler_notices_a_vocabulary_edit() -> None:
    from etl.refresh.schedule import rule_files_stamp

    assert str(vocab_mod.default_path()) in {path for path, *_ in rule_files_stamp(None)}
