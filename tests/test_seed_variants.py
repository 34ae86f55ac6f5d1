"""The five seeds give the same facts in other clothes (issue 12, "Done when").

Each seed is converted to Traditional Chinese (OpenCC s2t, at test time), saved as GB18030,
and wrapped as an HTML page with its own <header>/<nav>/<footer> navigation; each variant
must give the original's title, date, source type, citation count and disease concepts.
"""

from __future__ import annotations

import html
from functools import cache

import opencc
import pytest

from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.parse import ParsedDocument, parse_document
from tests.conftest import SEED_NAMES, seed_path

VARIANTS = ("traditional", "gb18030", "html")
# The site navigation around the wrapped page names diseases on purpose: none may leak.
NAV = ("<header><div class='logo'>健康资讯网</div><nav><a href='/'>首页</a> <a href='/tnb'>糖尿病专题</a> "
       "<a href='/pjs'>帕金森病专区</a> <a href='/ask'>在线问答</a></nav></header>")
FOOTER = "<footer><a href='/gyh'>肝硬化</a> <a href='/about'>关于我们</a> 版权所有</footer>"

# Variants known to fail, with the reason (none today: the chrome rules run on the Simplified shadow).
CHROME_XFAIL: dict[tuple[str, str], str] = {}


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _parse(name: str, data: bytes) -> ParsedDocument:
    return parse_document(name, data, load_rules(), load_lexicon(), load_triggers())


def _wrap_html(text: str, title: str | None) -> tuple[str, str]:
    """(file name suffix, page): the seed inside a page with its own navigation."""
    if text.lstrip().startswith("---"):  # front matter + HTML body: keep the front matter on top
        first = text.index("---")
        end = text.index("---", first + 3) + 3
        return ".txt", f"{text[:end]}\n<html><body>{NAV}<main>{text[end:]}</main>{FOOTER}</body></html>"
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    head = f"<head><meta charset='utf-8'><title>{html.escape(title or '')} - 健康资讯网</title></head>"
    return ".html", f"<html>{head}<body>{NAV}<main>{paras}</main>{FOOTER}</body></html>"


def _variant(prefix: str, kind: str) -> tuple[str, bytes]:
    path = seed_path(prefix)
    text = path.read_text(encoding="utf-8")
    if kind == "traditional":
        return path.name, _s2t().convert(text).encode("utf-8")
    if kind == "gb18030":
        return path.name, text.encode("gb18030")
    suffix, page = _wrap_html(text, _parse(path.name, path.read_bytes()).title)
    return path.stem + suffix, page.encode("utf-8")


def _facts(doc: ParsedDocument) -> dict:
    return {
        "title": doc.title,
        "date": doc.published_date,
        "source_type": doc.source_type,
        "citations": len(doc.citations),
        "concepts": sorted({m.concept_id for m in doc.mentions}),
    }


@pytest.mark.parametrize("kind", VARIANTS)
@pytest.mark.parametrize("prefix", sorted(n[:3] for n in SEED_NAMES))
def test_variant_gives_the_same_facts(prefix: str, kind: str, request: pytest.FixtureRequest) -> None:
    if (prefix, kind) in CHROME_XFAIL:
        request.applymarker(pytest.mark.xfail(reason=CHROME_XFAIL[(prefix, kind)], strict=True))
    path = seed_path(prefix)
    want = _facts(_parse(path.name, path.read_bytes()))
    if kind == "traditional" and want["title"]:
        want["title"] = _s2t().convert(want["title"])
    got = _facts(_parse(*_variant(prefix, kind)))
    assert got == want


def test_variants_really_differ() -> None:
    """The conversions change the bytes (a test of nothing would pass as well)."""
    for prefix in sorted(n[:3] for n in SEED_NAMES):
        original = seed_path(prefix).read_bytes()
        for kind in VARIANTS:
            assert _variant(prefix, kind)[1] != original, (prefix, kind)


@pytest.mark.parametrize("config", ["s2tw", "s2hk", "s2twp"])
@pytest.mark.parametrize("prefix", ["000", "001"])
def test_citations_survive_every_traditional_converter(prefix: str, config: str) -> None:
    """Taiwan (with its phrases) and Hong Kong conversions keep every reference and its parsed
    fields: the reference headings and the Chinese volume/issue/page forms (卷, 期, 頁) are
    matched on the Simplified shadow."""
    def fields(doc: ParsedDocument) -> list[tuple]:
        return [(c.style, c.year, c.volume, c.issue, c.pages, c.doi, c.pmid, c.url) for c in doc.citations]

    path = seed_path(prefix)
    want = fields(_parse(path.name, path.read_bytes()))
    converted = opencc.OpenCC(config).convert(path.read_text(encoding="utf-8"))
    assert converted.encode("utf-8") != path.read_bytes()
    assert want and fields(_parse(path.name, converted.encode("utf-8"))) == want
