"""Defects this suite found in modules it does not own (etl/annotate/mentions.py, etl/extract/signals.py,
etl/parse.py), all fixed; each keeps its test so that it cannot come back.
"""

from __future__ import annotations

import itertools

import pytest

from etl.annotate.mentions import find_candidates, find_mentions
from etl.extract.signals import find_signals
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import parse_document
from tests.reliability.helpers import growth

pytestmark = pytest.mark.reliability


# A Mention stored its whole sentence with no length cap: a 10 MB single ASCII line naming
# 'diabetes' every 31 characters needed ~23 GB, and the OOM killer ended the whole run.
def test_mention_sentences_stay_bounded_on_a_line_without_punctuation() -> None:
    text = "stem cell therapy for diabetes " * 645          # 20,000 characters, one 'sentence'
    mentions = find_mentions(load_lexicon(), load_triggers(), text, len(text), [0])
    assert len(mentions) >= 600
    stored = sum(len(m.sentence) for m in mentions)
    assert stored <= 100 * len(text), f"{stored:,} characters of sentences for a {len(text):,}-character text"


def _distinct_terms(n: int) -> str:
    han = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土"
    combos = itertools.product(han, repeat=3)
    return "，".join("".join(next(combos)) + "病" for _ in range(n))


# find_candidates ran body.find/rfind per terminator for every new term: quadratic in the number
# of distinct terms (5 MB of varied prose took 30 s).
def test_find_candidates_is_linear() -> None:
    body = _distinct_terms(12_000)
    assert len(find_candidates(body, len(body), [])) == 12_000
    grew = growth(lambda n: find_candidates(body := _distinct_terms(n), len(body), []), 1_500)
    assert grew < 24, f"8x the terms cost {grew:.0f}x the CPU time (linear: ~8x, quadratic: ~64x)"


# find_signals compared each new signal with every span kept so far: quadratic in the number
# of distinct signals (8,000 phone numbers took ~10 s).
def test_find_signals_is_linear() -> None:
    def phones(n: int) -> str:
        return "\n".join(f"电话：1{3 + i % 7}{i:09d}" for i in range(n))
    rules = load_rules()
    assert len(find_signals(rules, phones(4_000), [])) == 4_000
    grew = growth(lambda n: find_signals(rules, phones(n), []), 500)
    assert grew < 24, f"8x the phone numbers cost {grew:.0f}x the CPU time (linear: ~8x, quadratic: ~64x)"


# javascript: and other non-http(s) URLs from og:url, <link rel=canonical> or front matter
# reached articles.url (the dashboard neutralised them; users' own tools might not).
@pytest.mark.parametrize("name, page", [
    ("canonical.html", '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article>'
                       "<h1>标题</h1><p>干细胞治疗糖尿病的研究仍在进行，目前没有确切证据。</p></article></body></html>"),
    ("front.md", '---\ntitle: 标题\nurl: "javascript:alert(3)"\n---\n干细胞治疗糖尿病的研究仍在进行，目前没有确切证据。\n'),
])
def test_article_url_is_never_a_script(name: str, page: str) -> None:
    doc = parse_document(name, page.encode(), load_rules(), load_lexicon(), load_triggers())
    assert doc.url is None or doc.url.lower().startswith(("http://", "https://")), doc.url


# classify() cached trigger hits by the sentence string and re-hashed a 200,000-character sentence
# for each of its mentions (a 10 MB line without punctuation took 41 s); now keyed by the span.
def test_mentions_in_one_long_sentence_are_linear() -> None:
    lex, ts = load_lexicon(), load_triggers()

    def one_sentence(n: int) -> list:
        text = "前言。" + "diabetes " * n + "。后记"            # n mentions in one sentence
        return find_mentions(lex, ts, text, len(text), [0])
    assert len(one_sentence(22_222)) == 22_222
    grew = growth(one_sentence, 2_500)
    assert grew < 24, f"8x the mentions in one sentence cost {grew:.0f}x the CPU time (linear: ~8x)"
