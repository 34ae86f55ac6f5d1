"""Which stages a run chooses from the fingerprints (pure), and which lexicon keys an edit touches.

The end-to-end checks (no file read, tables equal to a full rebuild) are in tests/test_restage.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from etl.extract.metadata import SourceDecision, SourceInputs, classify_source
from etl.knowledge.lexicon import Concept, Matcher, changed_keys
from etl.knowledge.rules import load_rules
from etl.load.plan import Fingerprints, plan_stages
from etl.load.rows import SOURCE_INPUT_COLUMNS, source_input_columns, stored_source_inputs

OLD = Fingerprints(extract="e", annotate="a", lexicon="l", sources="s", schema="x")


@pytest.mark.parametrize(("changed", "names", "reason"), [
    ({}, ["extract"], "files changed"),
    ({"lexicon": "l2"}, ["extract", "annotate_changed"], "disease lexicon changed"),
    ({"annotate": "a2"}, ["extract", "annotate_all"], "annotation code, triggers or rules changed"),
    ({"annotate": "a2", "lexicon": "l2"}, ["extract", "annotate_all"],
     "annotation code, triggers or rules changed; disease lexicon changed"),
    ({"sources": "s2"}, ["extract", "classify_all"], "sources file changed"),
    ({"lexicon": "l2", "sources": "s2"}, ["extract", "annotate_changed", "classify_all"],
     "disease lexicon changed; sources file changed"),
    ({"extract": "e2", "sources": "s2"}, ["extract", "annotate", "classify"], "extraction code or rules changed"),
    ({"schema": "x2", "lexicon": "l2"}, ["extract", "annotate", "classify"], "warehouse schema changed"),
])
def test_stages_follow_the_fingerprints_that_moved(changed: dict[str, str], names: list[str], reason: str) -> None:
    stages = plan_stages(OLD, replace(OLD, **changed), readable=True, forced_full=False)
    assert (stages.names(), stages.reason) == (names, reason)


def test_no_previous_fingerprints_or_a_forced_run_rebuild_everything() -> None:
    assert plan_stages(None, OLD, readable=True, forced_full=False).full
    assert plan_stages(OLD, OLD, readable=False, forced_full=False).full
    assert plan_stages(OLD, OLD, readable=True, forced_full=True).reason == "full rebuild requested"


def concept(cid: str, name: str, *synonyms: str, icd10: str | None = None) -> Concept:
    return Concept(cid, name, None, icd10, None, "test", "disease", synonyms, "test.csv")


def test_changed_keys_are_the_forms_of_changed_concepts_with_their_variants() -> None:
    old = [concept("a", "肝硬化", "Liver Cirrhosis"), concept("b", "痛风"), concept("c", "类风湿关节炎")]
    new = [concept("a", "肝硬化", "Liver Cirrhosis", icd10="K74"),   # changed code
           concept("b", "痛风"),                                    # unchanged
           concept("d", "帕金森病")]                                  # added; c removed
    keys = changed_keys(old, new)
    assert {"肝硬化", "liver cirrhosis", "类风湿关节炎", "帕金森病"} <= keys
    assert "痛风" not in keys
    # a text holding only the Traditional form of the removed concept is found, one with only 痛风 is not
    matcher = Matcher(sorted(keys), sorted(keys))
    assert matcher.find("他患有類風濕關節炎多年")
    assert not matcher.find("他患有痛风多年")


def test_a_form_two_concepts_share_counts_as_changed() -> None:
    """Which concept owns a shared form follows file and row order, which the diseases table does not keep."""
    both = [concept("a", "干眼症", "眼干"), concept("b", "眼干燥症", "眼干")]
    assert "眼干" in changed_keys(both, both)
    assert changed_keys([concept("a", "干眼症")], [concept("a", "干眼症")]) == set()


def test_the_classifier_inputs_round_trip_through_their_columns() -> None:
    inputs = SourceInputs(site="某医院", url="https://www.example-hospital.cn/a/1", page_type="commercial_clinic",
                          page_evidence=("rules: commercial_clinic score 4", "hotline (+2)"))
    columns = source_input_columns(inputs)
    assert set(columns) == set(SOURCE_INPUT_COLUMNS.values())
    assert stored_source_inputs(columns) == inputs
    rules = load_rules()
    # no sources row for this site: the page's own decision stands
    assert classify_source(rules, inputs) == SourceDecision("commercial_clinic", list(inputs.page_evidence))
    # a sources row for the domain wins over the page's cues
    listed = replace(inputs, url="https://www.zhihu.com/question/1")
    decided = classify_source(rules, listed)
    assert decided.source_type == "social_qa" and decided.evidence[0].startswith("sources file: zhihu.com")
