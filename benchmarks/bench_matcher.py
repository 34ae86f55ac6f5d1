"""Matcher throughput: disease mentions (terms + context) over main text of the generated corpus.

Target (issue 3): at least 50 MB/s of main text on one core for the matcher. Reports the
automaton alone and the whole mention step (context classification included).
Run: python -m benchmarks.bench_matcher [N] [REPEAT]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import make_corpus
from benchmarks.stats import Target, cpu_timed, median, write_report
from etl.annotate.mentions import find_mentions, find_terms
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import parse_document


def main(n: int = 2_000, repeat: int = 5) -> list[Target]:
    rules, lex, trig = load_rules(), load_lexicon(), load_triggers()
    with tempfile.TemporaryDirectory() as d:
        make_corpus(Path(d), n)
        texts = [parse_document(p.name, p.read_bytes(), rules, lex, trig).main_text for p in sorted(Path(d).rglob("*.*"))]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    terms = cpu_timed(lambda: [find_terms(lex, t) for t in texts], repeat)
    whole = cpu_timed(lambda: [find_mentions(lex, trig, t, len(t)) for t in texts], repeat)
    big = "\n".join(texts)
    one = cpu_timed(lambda: find_terms(lex, big), repeat)
    n_mentions = sum(len(find_terms(lex, t)) for t in texts)
    write_report("matcher", "Disease matcher throughput (one core)", [
        f"Main text of {n} generated documents: {mb:.1f} MB (UTF-8), {n_mentions} term matches; "
        f"lexicon {len(lex.concepts)} concepts, {lex.terms} surface forms.",
        "",
        "| measurement | median | target |",
        "|---|---|---|",
        f"| automaton, per document | **{mb / median(terms):.1f} MB/s** | >= 50 MB/s |",
        f"| automaton, one concatenated text | {mb / median(one):.1f} MB/s | |",
        f"| mentions incl. sentence split and context | {mb / median(whole):.1f} MB/s | |",
        "",
        "Rates are MB per CPU second of the benchmark process (time.process_time): one core's "
        "throughput, whatever other sessions on the machine take.",
        "",
        f"Runs (CPU s): per document {[round(x, 3) for x in terms]}, concatenated {[round(x, 3) for x in one]}, "
        f"with context {[round(x, 3) for x in whole]}.",
    ])
    return [Target("matcher throughput per document (one core, per CPU second)", mb / median(terms), ">=", 50, " MB/s")]


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
