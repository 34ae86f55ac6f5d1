"""Claims on short texts written for this test: wording class, own vs reported voice, nearby citations."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from etl.annotate.claims import build_claims, mention_is_reported, reported_in_sentence, wording
from etl.annotate.mentions import Mention, find_mentions
from etl.extract.sections import Section
from etl.knowledge.annotation import load_annotation_knowledge
from etl.knowledge.lexicon import load_lexicon, load_triggers


@pytest.fixture(scope="module")
def kn():
    return load_annotation_knowledge()


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(), load_triggers()


def _claims(kn, lex, text: str, sections: list[Section] | None = None):
    secs = sections or [Section(0, 1, "", text, 0, len(text))]
    mentions = find_mentions(lex[0], lex[1], text, len(text), [s.start_char for s in secs])
    return {c.canonical_name: c for c in build_claims(kn, mentions, text, secs)}, mentions


@pytest.mark.parametrize(("sentence", "name", "cls", "cue"), [
    ("干细胞可以根治糖尿病。", "糖尿病", "cure", "根治"),
    ("干细胞能够治愈帕金森病。", "帕金森病", "cure", "治愈"),
    ("医院用干细胞治疗脑瘫。", "脑性瘫痪", "treat", "治疗"),
    ("干细胞回输可以改善糖尿病患者的血糖控制。", "糖尿病", "improve", "改善"),
    ("干细胞可以逆转肝硬化。", "肝硬化", "reverse", "逆转"),
    ("定期回输干细胞可以预防阿尔茨海默病。", "阿尔茨海默病", "prevent", "预防"),
    ("干细胞有助于延缓衰老。", "衰老", "anti_ageing", "延缓衰老"),
    ("干细胞让皮肤年轻化，还能抗糖尿病。", "糖尿病", "treat", "抗"),
    ("返老还童的秘密：干细胞对抗衰老。", "衰老", "anti_ageing", "抗衰老"),
    ("Stem cells can cure diabetes.", "糖尿病", "cure", "cure"),
    ("Clinics treat autism with cord blood.", "孤独症", "treat", "treat"),
    ("The infusion may reverse diabetes in mice.", "糖尿病", "reverse", "reverse"),
    ("在糖尿病患者中，干细胞能够分化为胰岛细胞，帮助修复受损的胰腺。", "糖尿病", "improve", "修复"),
    ("糖尿病是一种常见的慢性病。", "糖尿病", None, None),
])
def test_wording_class(kn, lex, sentence, name, cls, cue):
    claims, _ = _claims(kn, lex, sentence)
    c = claims[name]
    assert (c.wording_class, c.wording_text) == (cls, cue)


def test_a_cue_after_a_termination_does_not_count(kn):
    s = "糖尿病很常见，但是干细胞可以治愈它"
    assert wording(kn.claims, s, 0, 3) is None


def test_reported_claims_are_kept_apart_from_the_own_voice(kn, lex):
    text = "有些机构宣传干细胞能治疗糖尿病和帕金森病，这些说法没有临床试验支持。干细胞移植可用于治疗白血病。"
    claims, mentions = _claims(kn, lex, text)
    for name in ("糖尿病", "帕金森病"):
        c = claims[name]
        assert (c.voice, c.own_stance, c.own_mentions, c.reported_mentions) == ("reported", None, 0, 1)
        assert c.reported_stance is not None and c.own_mention_no is None
        assert c.reported_mention_no == c.mention_no
    leuk = claims["白血病"]
    assert (leuk.voice, leuk.reported_stance, leuk.reported_mentions) == ("own", None, 0)
    assert leuk.own_stance == next(m.context for m in mentions if m.canonical_name == "白血病")


@pytest.mark.parametrize(("sentence", "pos", "expected"), [
    ("有人声称干细胞能治愈糖尿病", 10, True),
    ("所谓干细胞包治糖尿病的说法", 7, True),
    ("Some clinics claim that stem cells cure diabetes", 36, True),
    ("so-called stem cell cures for diabetes", 30, True),
    ("宣传册上说干细胞对糖尿病有效，但是医生认为干细胞可以缓解糖尿病", 27, False),
    ("干细胞可以缓解糖尿病", 6, False),
])
def test_reported_in_sentence(kn, sentence, pos, expected):
    assert reported_in_sentence(kn.claims, sentence, pos) is expected


def test_a_reported_flag_from_the_stance_stage_wins(kn):
    @dataclass
    class Flagged(Mention):
        reported: bool | None = None

    base = dict(mention_no=0, start_char=6, end_char=9, surface="糖尿病", concept_id="diabetes_mellitus",
                canonical_name="糖尿病", icd10="E14", mention_type="disease", context="asserted", trigger="能治疗",
                sentence="有人宣传能治疗糖尿病", sentence_start=0)
    assert mention_is_reported(Flagged(**base), kn.claims) is True           # no flag: the sentence decides
    assert mention_is_reported(Flagged(**base, reported=False), kn.claims) is False


def test_strongest_own_stance_decides_the_claim_sentence(kn, lex):
    text = "干细胞治疗糖尿病可能有效。干细胞可以治愈糖尿病。糖尿病患者应控制饮食。"
    claims, mentions = _claims(kn, lex, text)
    c = claims["糖尿病"]
    assert c.mentions == 3 == c.own_mentions
    order = kn.claims.stance_strength
    assert c.own_stance == min((m.context for m in mentions), key=order.index)
    decider = next(m for m in mentions if m.mention_no == c.mention_no)
    assert decider.context == c.own_stance
    assert text[c.sentence_start:c.sentence_end] == c.sentence
    assert text[c.start_char:c.end_char] == "糖尿病"


def test_citation_in_sentence_in_section_or_none(kn, lex):
    text = ("干细胞治疗\n一、糖尿病\n干细胞可以改善糖尿病[1]。\n二、帕金森病\n已有研究（Smith et al., 2019）。"
            "干细胞可以缓解帕金森病。\n三、脑瘫\n干细胞可以治疗脑瘫。")
    heads = [text.index("一、"), text.index("二、"), text.index("三、")]
    secs = [Section(0, 1, "干细胞治疗", "", 0, heads[0])] + [
        Section(i + 1, 2, "", "", h, heads[i + 1] if i + 1 < len(heads) else len(text)) for i, h in enumerate(heads)]
    claims, _ = _claims(kn, lex, text, secs)
    assert (claims["糖尿病"].citation, claims["糖尿病"].citation_text) == ("in_sentence", "[1]")
    assert claims["帕金森病"].citation == "in_section"
    assert claims["帕金森病"].citation_text.startswith("et al")
    assert (claims["脑性瘫痪"].citation, claims["脑性瘫痪"].citation_text) == ("none", None)


def test_the_claims_sentence_is_the_one_that_makes_it_not_the_heading_over_it(kn, lex):
    """A numbered heading takes its claim from the paragraph under it (一、糖尿病 / 干细胞可以改善糖尿病[1]);
    the claim's sentence, wording and citation are those of the sentence that makes it."""
    text = "干细胞治疗\n一、糖尿病\n干细胞可以改善糖尿病[1]。"
    claims, _ = _claims(kn, lex, text, [Section(0, 1, "干细胞治疗", "", 0, len(text))])
    assert claims["糖尿病"].own_stance == "asserted"
    assert "[1]" in claims["糖尿病"].sentence and claims["糖尿病"].citation == "in_sentence"
