"""Property-based tests (hypothesis) of the pure extractors.

For any input: no exception except the documented one (``etl.errors.Rejected``), offsets
that point at what they claim (``main_text[start:end] == surface``), rows the warehouse
schema accepts (one row breaking a constraint would fail a whole run), and the same rows
for the same input, within a process and across processes with different hash seeds.

Inputs are raw bytes, and "page-like" documents assembled from fragments that exercise
the extractors: seed sentences, lexicon terms and context triggers, HTML and Markdown
markup, front matter, references, contact details, odd whitespace and control
characters, in several encodings. A failure prints the example; re-run to shrink it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from etl.errors import Rejected
from etl.extract.decode import _CONTROL as CONTROL
from etl.extract.decode import _MAGIC as MAGIC
from etl.extract.decode import decode_bytes
from etl.extract.frontmatter import split_front_matter
from etl.extract.html import html_to_page
from etl.extract.lines import clean
from etl.extract.text import text_to_lines
from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.load.rows import doc_rows
from etl.load.write import insert_rows
from etl.parse import ParsedDocument, parse_document
from tests.conftest import ROOT, SEEDS
from warehouse.db import create_schema

pytestmark = pytest.mark.reliability

# STEMWATCH_PROPERTY_EXAMPLES=5000 for a deeper hunt than CI's default.
EXAMPLES = int(os.environ.get("STEMWATCH_PROPERTY_EXAMPLES", "250"))
PROPS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def _config() -> tuple:
    return load_rules(), load_lexicon(), load_triggers()


def parse(name: str, data: bytes) -> ParsedDocument:
    return parse_document(name, data, *_config())


@functools.cache
def _fragments() -> list[str]:
    lines: list[str] = []
    for p in sorted(SEEDS.iterdir()):
        lines += [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()][:60]
    lex, trig = _config()[1], _config()[2]
    terms = sorted({c.canonical_name for c in lex.concepts.values()})[:200]
    triggers = sorted(trig.triggers)[:80]
    markup = ["<p>", "</p>", "<h2>", "</h2>", "<h1>", "<b>", "</b>", "<strong>", "</strong>", "<br>", "<li>",
              "<ul>", "</ul>", "<div class='content'>", "</div>", "<article>", "</article>", "<table><tr><td>",
              "</td></tr></table>", "<a href='https://example.com/x?target=https%3A//y.cn'>", "</a>",
              "<a href=\"javascript:alert(1)\">", "<script>alert(1)</script>", "<style>p{}</style>", "<!--",
              "-->", "<iframe src=x>", "<img src=x onerror=alert(1)>", "<title>", "</title>",
              "<meta property='og:title' content='标题'>", "<meta property='og:url' content='javascript:x'>",
              "<time datetime='2021-02-30'>", "<html><body>", "</body></html>", "&amp;", "&lt;", "&#x5e72;",
              "<", ">", "<span class='author'>作者：", "<h7>", "<svg onload=x>", "<nav>首页</nav>"]
    md = ["# ", "## ", "### ", "**", "__", "[链接](http://a.cn)", "![图](x.png)", "- ", "* ", "1. ", "（1）",
          "一、", "二、", "Q：", "A：", "> "]
    front = ["---\ntitle: 干细胞\ndate: 2021-10-28\ncategories:\n - 知乎\n---\n", "---\ntitle: [坏\n---\n",
             "---\n---\n", "---\ndate: 2021-13-45\nurl: javascript:alert(1)\n---\n", "---\na: &a [1]\nb: [*a, *a]\n---\n"]
    refs = ["参考文献", "参考资料：", "[1] Smith J, Li X. Stem cells for diabetes. Nature. 2020;580(7):1-10. doi:10.1038/x1",
            "2. 王明. 干细胞治疗. 中华医学杂志, 2019, 99(3): 1-5.", "PMID: 12345678", "https://pubmed.ncbi.nlm.nih.gov/1/",
            "[3] ???. 1066;(:", "Year 3000. Vol 1."]
    signals = ["电话：138-0013-8000", "400-123-4567", "微信：stemcell_01", "QQ：123456789", "免责声明：仅供参考",
               "地址：北京市朝阳区", "在线咨询", "如有侵权请联系删除", "地址：\n"]
    odd = ["\n", "\n\n", "\r\n", "\r", "\t", " ", "\u3000", "\u00a0", "\u200b", "\ufeff", "\x00", "\x0c", "\x1b",
           "\u2028", "\u202e", "。", "，", "？", "！", "；", "、", "：", "（", "）", "🧬", "\U0010ffff", "\\", "\"", "'"]
    dates = ["2021-10-28", "21-06-19", "1999年1月1日", "2100年", "发布于 2020-02-30", "0000-00-00"]
    _FRONT[:] = front
    _REFS[:] = refs
    return lines + terms + triggers + markup + md + front + refs + signals + odd + dates


_FRONT: list[str] = []
_REFS: list[str] = []


@st.composite
def page_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    frags = _fragments()
    parts = draw(st.lists(st.one_of(st.sampled_from(frags), st.text(max_size=12)), max_size=60))
    seps = draw(st.lists(st.sampled_from(["", "\n", " ", "\n\n", "\r\n"]), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + sep for p, sep in zip(parts, seps, strict=True))
    if draw(st.booleans()):     # a front matter block, which only counts at the very top
        text = draw(st.sampled_from(_FRONT)) + text
    if draw(st.booleans()):     # a reference list, one entry per line, after a heading
        refs = draw(st.lists(st.sampled_from(_REFS), min_size=1, max_size=8))
        text += "\n" + draw(st.sampled_from(["参考文献", "参考资料：", "References", "<h2>参考文献</h2>"])) + "\n"
        text += "\n".join(refs)
    enc = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig", "mangled"]))
    if enc == "mangled":
        raw = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(draw(st.integers(0, 6))):
            pos = draw(st.integers(0, len(raw)))
            raw[pos:pos] = draw(st.binary(min_size=1, max_size=3))
        data = bytes(raw)
    else:
        data = text.encode(enc, "replace")
    name = draw(st.sampled_from(["page.txt", "page.html", "page.md", "页面 🧬.htm", "noext"]))
    return name, data


def check_document(doc: ParsedDocument) -> None:
    """Every offset of a parsed document points into main_text at what it names."""
    t = doc.main_text
    n = len(t)
    assert t.strip(), "a loaded document has an empty main_text"
    assert "\r" not in t and "\x00" not in t
    assert 0 <= doc.body_end_char <= n
    if doc.title:
        assert t.startswith(doc.title), "main_text does not start with the title"
    for m in doc.mentions:
        assert 0 <= m.start_char < m.end_char <= doc.body_end_char, m
        assert t[m.start_char:m.end_char] == m.surface, m
        assert m.surface in m.sentence, m
        if m.section_no is not None:
            assert 0 <= m.section_no < max(1, len(doc.sections)), m
    assert [m.mention_no for m in doc.mentions] == list(range(len(doc.mentions)))
    prev_end = 0
    for s in doc.sections:
        assert 0 <= s.start_char <= s.end_char <= n, s
        assert s.start_char >= prev_end, "sections overlap"
        prev_end = s.end_char
    for c in doc.citations:
        assert 0 <= c.start_char <= c.end_char <= n, c
    for sig in doc.signals:
        if sig.location == "main_text":
            assert sig.start_char is not None and 0 <= sig.start_char < n, sig
    for term, (count, _example) in doc.candidates.items():
        assert count >= 1 and term in t, term


@functools.cache
def _schema_con() -> duckdb.DuckDBPyConnection:
    from etl.knowledge.vocabulary import load_vocabulary

    con = duckdb.connect()
    create_schema(con, load_vocabulary().rows())
    return con


def assert_rows_fit_schema(doc: ParsedDocument) -> None:
    """The rows insert into the real schema (NOT NULL and CHECK constraints), then roll back."""
    con = _schema_con()
    con.execute("BEGIN")
    try:
        for table, rows in doc_rows(doc, 1).items():
            insert_rows(con, table, rows)
    finally:
        con.execute("ROLLBACK")


# Quarantine reasons (warehouse/schema.sql, quarantine.reason) the pure stages may give.
DECODE_REASONS = ("empty_file", "binary_file", "undecodable", "no_text")
PARSE_REASONS = (*DECODE_REASONS, "parse_error")


def rows_digest(doc: ParsedDocument) -> str:
    rows = doc_rows(doc, 1)
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str,
                                     ensure_ascii=False).encode()).hexdigest()


# ---------------------------------------------------------------- decode

@PROPS
@given(st.binary(max_size=5000))
def test_decode_any_bytes_gives_text_or_rejected(data: bytes) -> None:
    try:
        d = decode_bytes(data)
    except Rejected as rj:
        assert rj.reason in DECODE_REASONS and rj.detail, rj.reason
        with pytest.raises(Rejected) as again:
            decode_bytes(data)
        assert again.value.reason == rj.reason
        return
    assert isinstance(d.text, str) and d.text.strip() and "\x00" not in d.text
    assert decode_bytes(data) == d


@PROPS
@given(st.text(max_size=3000), st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig", "utf-16-be"]))
def test_decode_round_trips_encoded_text(text: str, enc: str) -> None:
    """Text we can encode comes back unchanged (or is rejected as not being a page)."""
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return
    if enc == "utf-16-be":
        data = b"\xfe\xff" + data
    try:
        d = decode_bytes(data)
    except Rejected as rj:
        # Valid bytes of a Unicode encoding are only refused as empty, blank or binary-looking.
        if enc == "gb18030":
            assert rj.reason in DECODE_REASONS, rj.reason
            return
        assert rj.reason in ("empty_file", "no_text", "binary_file"), (rj.reason, text[:40])
        if rj.reason in ("empty_file", "no_text"):
            assert not text.replace("\x00", "").strip(), text[:40]
        else:
            assert CONTROL.search(text) or any(data.startswith(m) for m, _ in MAGIC), text[:40]
        return
    if enc in ("utf-8", "utf-8-sig", "utf-16", "utf-16-be") and "\x00" not in text:
        assert d.text == text


# ---------------------------------------------------------------- front matter and line extractors

@PROPS
@given(st.one_of(st.text(max_size=2000),
                 st.builds(lambda a, b: f"---\n{a}\n---\n{b}", st.text(max_size=500), st.text(max_size=200))))
def test_front_matter_never_raises_and_keeps_the_body(text: str) -> None:
    fm = split_front_matter(text)
    assert text.endswith(fm.body)
    assert all(isinstance(k, str) for k in fm.fields)
    assert split_front_matter(text) == fm


@PROPS
@given(st.lists(st.one_of(st.sampled_from(_fragments()), st.text(max_size=20)), max_size=80).map("".join))
def test_html_to_page_never_raises(html: str) -> None:
    page = html_to_page(html)
    for ln in page.lines:
        assert ln.text and clean(ln.text) == ln.text and "\n" not in ln.text
        assert ln.kind in ("p", "heading", "bold", "li", "link")
        assert ln.kind != "heading" or 1 <= ln.level <= 6
    assert html_to_page(html) == page


@PROPS
@given(st.lists(st.one_of(st.sampled_from(_fragments()), st.text(max_size=20)), max_size=80).map("".join),
       st.booleans())
def test_text_to_lines_never_raises(text: str, markdown: bool) -> None:
    lines = text_to_lines(text, markdown=markdown)
    for ln in lines:
        assert ln.text and clean(ln.text) == ln.text and "\n" not in ln.text and "\r" not in ln.text
        assert ln.kind != "heading" or 1 <= ln.level <= 6
    assert text_to_lines(text, markdown=markdown) == lines


# ---------------------------------------------------------------- the whole document

@PROPS
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html", "x.md"]))
def test_parse_any_bytes(data: bytes, name: str) -> None:
    try:
        doc = parse(name, data)
    except Rejected as rj:
        assert rj.reason in PARSE_REASONS and rj.detail, rj.reason
        try:
            decode_bytes(data)
        except Rejected as at_decode:
            assert at_decode.reason == rj.reason  # refused while decoding, for the decoder's reason
        else:
            assert rj.reason in ("no_text", "parse_error"), rj.reason  # decoded, then nothing to keep
        with pytest.raises(Rejected) as again:
            parse(name, data)
        assert again.value.reason == rj.reason
        return
    check_document(doc)


@settings(PROPS, max_examples=EXAMPLES * 8 // 5)
@given(page_bytes())
def test_parse_pages_offsets_schema_and_idempotence(page: tuple[str, bytes]) -> None:
    name, data = page
    try:
        doc = parse(name, data)
    except Rejected as rj:
        event(f"rejected: {rj.reason}")
        assert rj.reason in PARSE_REASONS and rj.detail, rj.reason
        with pytest.raises(Rejected) as again:
            parse(name, data)
        assert again.value.reason == rj.reason
        return
    event(f"loaded as {doc.format}")
    for what, n in (("mentions", len(doc.mentions)), ("citations", len(doc.citations)),
                    ("sections", len(doc.sections) > 1), ("main_text signals", sum(s.start_char is not None for s in doc.signals))):
        if n:
            event(f"has {what}")
    check_document(doc)
    assert_rows_fit_schema(doc)
    assert rows_digest(parse(name, data)) == rows_digest(doc), "same input, different rows"


# ---------------------------------------------------------------- same rows in another process

DIGESTS = r"""
import hashlib, json, sys
from pathlib import Path
from tests.test_properties import parse, rows_digest
from etl.errors import Rejected
out = {}
for p in sorted(Path(sys.argv[1]).iterdir()):
    try:
        out[p.name] = rows_digest(parse(p.name, p.read_bytes()))
    except Rejected as rj:
        out[p.name] = "rejected:" + rj.reason
print(json.dumps(out))
"""


def test_same_rows_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; the rows must not."""
    for p in SEEDS.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
        (tmp_path / f"gb18030_{p.name}").write_bytes(p.read_text(encoding="utf-8").encode("gb18030"))
    (tmp_path / "xss.html").write_bytes((ROOT / "tests" / "cases" / "xss" / "xss_page.html").read_bytes())
    results = []
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-c", DIGESTS, str(tmp_path)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        results.append(json.loads(proc.stdout))
    assert results[0] == results[1]
    assert all(not v.startswith("rejected") for v in results[0].values()), results[0]
