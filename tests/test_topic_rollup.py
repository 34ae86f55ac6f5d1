"""topic_cells (warehouse/rollups.sql): the topic aggregate read from the rollup equals the one
summed from every article x concept row, for every context and source-type filter."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries, shaping
from etl.load.run import run_etl
from tests.conftest import SEEDS

EVERY_DAY = {"date_from": dt.date(1, 1, 1), "date_to": dt.date(9999, 12, 31), "include_undated": True}


def _grain(db: Path, filters: shaping.TopicFilters) -> pd.DataFrame:
    with queries.direct_runner(db) as run:
        return run("topic_grain", filters.params()).reset_index(drop=True)


def _both_paths(db: Path, **kw: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(from the rollup, from article_concepts): a date range that covers every day takes the second."""
    rolled = _grain(db, shaping.TopicFilters(**kw))  # type: ignore[arg-type]
    detailed = _grain(db, shaping.TopicFilters(**kw, **EVERY_DAY))  # type: ignore[arg-type]
    return rolled, detailed


CONTEXTS = ("asserted", "hedged", "negated", "neutral")


@pytest.mark.parametrize("contexts", [(), *itertools.combinations(CONTEXTS, 1), ("asserted", "hedged"),
                                      ("hedged", "negated", "neutral")])
def test_rollup_equals_the_article_rows(seeded_db: Path, contexts: tuple[str, ...]) -> None:
    rolled, detailed = _both_paths(seeded_db, contexts=contexts)
    pd.testing.assert_frame_equal(rolled, detailed, check_dtype=False)
    if not contexts:
        assert len(rolled) > 10


def test_rollup_with_source_type_and_mention_type_filters(seeded_db: Path) -> None:
    grain = _grain(seeded_db, shaping.TopicFilters())
    st = grain["source_type"].iloc[0]
    rolled, detailed = _both_paths(seeded_db, source_types=(st,), mention_types=("disease",))
    pd.testing.assert_frame_equal(rolled, detailed, check_dtype=False)
    assert set(rolled["source_type"]) == {st} and set(rolled["mention_type"]) == {"disease"}


def test_an_incremental_run_rebuilds_the_rollup(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    before = _grain(db, shaping.TopicFilters())
    sorted(seeds.iterdir())[0].unlink()
    run_etl(seeds, db, workers=1)
    rolled, detailed = _both_paths(db)
    pd.testing.assert_frame_equal(rolled, detailed, check_dtype=False)
    assert int(rolled["articles"].sum()) < int(before["articles"].sum())
