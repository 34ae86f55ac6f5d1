"""Where a load spends its time, stage by stage: wraps the functions each stage calls.

The wrappers are installed on the names that ``etl.parse`` and ``etl.load.run`` look up at call
time, so the code measured is the code that runs; nothing in ``etl`` knows about them. A serial
run (one process) gives the whole account: time not covered by a stage is reported as "other"
(discovery, reading files, the ledger, CHECKPOINT, assembling the document).
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator

# stage -> (module, attribute) pairs: the functions whose time counts for that stage.
STAGES: dict[str, list[tuple[str, str]]] = {
    "decode": [("etl.parse", "decode_bytes"), ("etl.parse", "split_front_matter")],
    "html": [("etl.parse", "html_to_page"), ("etl.parse", "text_to_lines")],
    "chrome": [("etl.extract.chrome", "select")],
    "metadata": [("etl.parse", "identify_site"), ("etl.parse", "classify_source"), ("etl.parse", "score_cues"), ("etl.parse", "parse_date"),
                 ("etl.parse", "language"), ("etl.parse", "decode_redirect")],
    "sections": [("etl.parse", "detect_headings"), ("etl.parse", "build_sections")],
    "citations": [("etl.parse", "find_reference_region"), ("etl.parse", "extract_citations")],
    "signals": [("etl.parse", "find_signals")],
    "mentions": [("etl.parse", "find_mentions"), ("etl.parse", "find_candidates")],
    "annotate": [("etl.parse", "annotate")],
    "rows": [("etl.load.run", "doc_rows"), ("etl.load.engines", "build_part")],
    "insert": [("etl.load.run", "insert_rows"), ("etl.load.run", "insert_arrow"), ("etl.load.run", "delete_articles"),
               ("etl.load.run", "summarise")],
    "publish": [("warehouse.db", "publish")],
}


class Clock(dict):
    """Wall seconds per stage (the dict itself) and CPU seconds per stage (``cpu``): CPU time of
    this process (all its threads, so DuckDB's too), which other sessions' load does not inflate."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu: dict[str, float] = defaultdict(float)

    def __missing__(self, key: str) -> float:
        return 0.0


def _wrap(fn: Callable, stage: str, acc: Clock, depth: list[int]) -> Callable:
    def timed(*args: object, **kwargs: object) -> object:
        if depth[0]:  # nested stage calls count once, for the outer stage
            return fn(*args, **kwargs)
        depth[0] += 1
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[stage] = acc[stage] + time.perf_counter() - t
            acc.cpu[stage] += time.process_time() - c
            depth[0] -= 1

    return timed


@contextlib.contextmanager
def stage_clock() -> Iterator[Clock]:
    """Seconds per stage, accumulated while the block runs (single process only)."""
    import importlib

    acc = Clock()
    depth = [0]
    saved: list[tuple[object, str, object]] = []
    for stage, targets in STAGES.items():
        for mod_name, attr in targets:
            try:
                mod = importlib.import_module(mod_name)
            except ImportError:
                continue
            fn = getattr(mod, attr, None)
            if fn is None:
                continue
            saved.append((mod, attr, fn))
            setattr(mod, attr, _wrap(fn, stage, acc, depth))
    try:
        yield acc
    finally:
        for mod, attr, fn in reversed(saved):
            setattr(mod, attr, fn)
