"""Hostile and odd seed files, generated here: every run completes, and every file is
either loaded with sane text or quarantined with a reason (never neither, never both).

One corpus holds the real seeds plus every small hostile case; it is loaded serially in
this process, then again by the CLI with two worker processes (the parallel path), then
once more incrementally. The large files (50 MB, 10 MB on one line) have their own test.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from etl.knowledge.lexicon import load_lexicon, load_triggers
from etl.knowledge.rules import load_rules
from etl.load.run import RunResult, run_etl
from etl.parse import parse_document
from tests.conftest import CASES, SEEDS
from tests.reliability.helpers import (
    assert_integrity,
    assert_invariant,
    digest,
    expected_paths,
    growth,
    leftover_temps,
    make_variants,
    run_cli_etl,
)
from warehouse.db import reading

pytestmark = pytest.mark.reliability

SEED_FM = (SEEDS / "000_0599147d7e992c2f.txt").read_bytes()     # front matter + HTML (知乎)
SEED_TXT = (SEEDS / "003_381a1204328354fb.txt").read_bytes()    # a plain-text scrape
SENTENCE = "干细胞治疗糖尿病的临床研究仍在进行，目前尚无确切证据表明其安全有效。"
PWNED = Path(f"/tmp/stemwatch-yaml-pwned-{uuid.uuid4().hex}")
DEEP = 10_000
# Every accented letter is followed by a letter, so GB18030 reads each pair as one Han character.
CP1252_PAGE = ("Stem cell clinics in Zürich\n" + "Doctor Müller of the Zürich clinic sold naïve patients injections "
               "for their knees, a façade of medicine with no trial behind it, said Björk Gödel. " * 6)


def _main_text(name: str, data: bytes) -> str:
    """main_text of the well-formed original, for comparing re-encoded copies against."""
    return parse_document(name, data, load_rules(), load_lexicon(), load_triggers()).main_text


@dataclass
class Case:
    rel: str
    make: Callable[[Path], None]
    expect: str                                  # loaded | quarantined | either
    reasons: frozenset[str] = frozenset()        # allowed quarantine reasons (empty: any)
    check: Callable[[dict], None] | None = None  # extra checks on the loaded article
    tags: tuple[str, ...] = field(default_factory=tuple)


def write(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def same_text_as(original: bytes, name: str = "x.txt", encoding: str | None = None) -> Callable[[dict], None]:
    want = _main_text(name, original)

    def check(a: dict) -> None:
        assert a["main_text"] == want, "re-encoded copy does not give the original's text"
        if encoding:
            assert a["encoding"] == encoding
    return check


def contains(*needles: str, absent: tuple[str, ...] = (), warning: str | None = None) -> Callable[[dict], None]:
    def check(a: dict) -> None:
        for n in needles:
            assert n in a["main_text"], f"{n!r} missing from main_text"
        for n in absent:
            assert n not in a["main_text"], f"{n!r} leaked into main_text"
        if warning:
            assert any(warning in w for w in a["parse_warnings"]), a["parse_warnings"]
    return check


def symlink(target: str) -> Callable[[Path], None]:
    return lambda p: p.symlink_to(target)


def fifo(p: Path) -> None:
    os.mkfifo(p)


def sparse(size: int) -> Callable[[Path], None]:
    def make(p: Path) -> None:
        with open(p, "wb") as fh:
            fh.write("干细胞".encode())
            fh.truncate(size)   # a hole: costs no disk, stat says 65 MiB
    return make


def article(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def with_front_matter(front: str) -> bytes:
    body = SEED_FM.decode().split("\n---\n", 1)[1]
    return f"---\n{front}\n---\n{body}".encode()


def yaml_bomb(levels: int, width: int) -> str:
    lines = [f'a0: &a0 ["{"lol" * 3}"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\ntitle: 炸弹之后的标题"


XSS_HTML = article("干细胞与白血病：一篇带脚本的页面", f"""
<p>{SENTENCE}<script>document.title='XSS_SCRIPT_BODY'</script></p>
<p>第二段：<img src=x onerror="alert('XSS_IMG_ONERROR')">造血干细胞移植用于治疗白血病已有数十年历史。</p>
<p><a href="javascript:alert('XSS_JS_LINK')">点击查看更多关于帕金森病的内容</a></p>
<p><a href="JaVaScRiPt:alert(1)">混合大小写的伪协议链接，仍然只是文字。</a></p>
<iframe src="javascript:alert('XSS_IFRAME_SRC')">XSS_IFRAME_BODY</iframe>
<svg onload="alert('XSS_SVG')"><text>XSS_SVG_TEXT</text></svg>
<style>body{{background:url("javascript:alert('XSS_STYLE')")}}</style>
<object data="javascript:alert('XSS_OBJECT')">XSS_OBJECT_BODY</object>
<p>&lt;script&gt;alert('escaped')&lt;/script&gt; 这一行里的尖括号是文字，不是标签。</p>
""")

XXE_HTML = """<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<html><body><article><h1>实体炸弹</h1><p>&xxe;</p><p>&lol3;</p><p>""" + SENTENCE + "</p></article></body></html>"


def cases() -> list[Case]:
    rng = random.Random(6)
    seed_txt = SEED_TXT.decode()
    seed_fm = SEED_FM.decode()
    mixed = "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(seed_txt.split("\n")))
    few_bad = SEED_TXT.replace(b"\n\n", b"\n\xff\n", 2)
    few_nul = SEED_TXT.replace(b"\n\n", b"\n\x00\n", 2)
    cut_mid_char = SEED_TXT[: len(SEED_TXT) // 2]
    while (cut_mid_char[-1] & 0xC0) != 0x80:   # end inside a multi-byte character
        cut_mid_char = cut_mid_char[:-1]
    deep_closed = article("深层嵌套", "<div>" * DEEP + f"<p>{SENTENCE}</p>" + "</div>" * DEEP)
    deep_open = "<html><body>" + "<div><span><b>" * DEEP + f"<h1>未闭合的深层嵌套</h1><p>{SENTENCE}"
    loaded_variant = SEED_TXT + "\n\n文件名测试。\n".encode()
    return [
        # --- bytes that are not a page
        Case("empty.txt", write(b""), "quarantined", frozenset({"empty_file"})),
        Case("image.png", write(b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000)), "quarantined", frozenset({"binary_file"})),
        Case("jpeg_named.html", write(b"\xff\xd8\xff\xe0" + rng.randbytes(4000)), "quarantined", frozenset({"binary_file"})),
        Case("archive.txt.gz", write(gzip.compress(SEED_TXT)), "quarantined", frozenset({"binary_file"})),
        Case("nul_bytes.txt", write(bytes(rng.choice([0, 0, 1, 65, 200]) for _ in range(8000))), "quarantined",
             frozenset({"binary_file"})),
        Case("control_chars.txt", write(bytes(rng.randrange(1, 9) for _ in range(4000))), "quarantined",
             frozenset({"binary_file"})),
        Case("random_high_bytes.txt", write(bytes(rng.randrange(0x80, 0x100) for _ in range(20000))), "quarantined",
             frozenset({"undecodable", "binary_file"})),
        Case("whitespace_only.txt", write(" \n\t\u3000\n\r\n".encode()), "quarantined", frozenset({"no_text"})),
        Case("zero_width_only.txt", write(("\u200b\ufeff\u00a0" * 500).encode()), "quarantined", frozenset({"no_text"})),
        Case("script_only.html", write(b"<html><head><script>var a=1;</script></head><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>"),
             "quarantined", frozenset({"no_text"})),
        Case("sparse_65mb.txt", sparse(65 * 2**20), "quarantined", frozenset({"too_large"})),
        # --- encodings and line endings
        Case("invalid_utf8.txt", write(few_bad), "loaded",
             check=contains("干细胞注射对肝脏的修复作用", absent=("\ufffd\ufffd",), warning="U+FFFD")),
        Case("nul_in_text.txt", write(few_nul), "loaded", check=contains("干细胞注射对肝脏的修复作用", absent=("\x00",))),
        Case("cut_mid_character.txt", write(cut_mid_char), "loaded", check=contains("干细胞注射对肝脏的修复作用")),
        Case("gb18030.txt", write(seed_txt.encode("gb18030")), "loaded", check=same_text_as(SEED_TXT, encoding="gb18030")),
        Case("gb18030_fm.txt", write(seed_fm.encode("gb18030")), "loaded", check=same_text_as(SEED_FM, encoding="gb18030")),
        Case("utf16_le_bom.txt", write(seed_txt.encode("utf-16")), "loaded", check=same_text_as(SEED_TXT, encoding="utf-16")),
        Case("utf16_be_bom.txt", write(codecs.BOM_UTF16_BE + seed_fm.encode("utf-16-be")), "loaded",
             check=same_text_as(SEED_FM, encoding="utf-16")),
        Case("utf8_bom.txt", write(codecs.BOM_UTF8 + SEED_TXT), "loaded", check=same_text_as(SEED_TXT)),
        # Without a byte-order mark: were quarantined as binary (NUL bytes).
        Case("utf16_le_no_bom.txt", write(seed_txt.encode("utf-16-le")), "loaded",
             check=same_text_as(SEED_TXT, encoding="utf-16-le")),
        Case("utf16_be_no_bom.txt", write(seed_txt.encode("utf-16-be")), "loaded",
             check=same_text_as(SEED_TXT, encoding="utf-16-be")),
        # A windows-1252 page: GB18030 decoded it, each accented byte and the letter after it
        # one Han character (crème as cr + 篓 + e ...).
        Case("cp1252_page.txt", write(CP1252_PAGE.encode("cp1252")), "loaded",
             check=contains("Doctor Müller", "naïve", warning="cp1252")),
        Case("utf16_bom_odd_length.txt", write(seed_txt.encode("utf-16") + b"\x00"), "quarantined",
             frozenset({"undecodable"})),
        Case("mixed_line_endings.txt", write(mixed.encode()), "loaded", check=same_text_as(SEED_TXT)),
        Case("cr_only.txt", write(seed_txt.replace("\n", "\r").encode()), "loaded", check=same_text_as(SEED_TXT)),
        # --- HTML that is deep, broken or hostile
        Case("deep_nesting.html", write(deep_closed.encode()), "loaded", check=contains(SENTENCE)),
        Case("deep_unclosed.html", write(deep_open.encode()), "loaded", check=contains(SENTENCE)),
        Case("unclosed_tags.html", write(f"<html><body><article><h1>未闭合的标签<p>{SENTENCE}<p>第二段<b>加粗<i>斜体<div><a href='x".encode()),
             "loaded", check=contains("干细胞治疗糖尿病的临床研究")),
        Case("stray_close_tags.html", write(f"</div></p></body></html><p>{SENTENCE}</p></article></html></html>".encode()),
             "loaded", check=contains(SENTENCE)),
        Case("unclosed_comment.html", write(f"<html><body><p>{SENTENCE}</p><!-- 注释没有结束 <p>看不见".encode()),
             "loaded", check=contains(SENTENCE, absent=("看不见",))),
        Case("xml_entities.html", write(XXE_HTML.encode()), "loaded",
             check=contains(SENTENCE, absent=("root:x:0:0", "lollollollollollollollollollollol"))),
        Case("entity_flood.html", write(article("实体洪水", "&amp;&lt;&#x5e72;" * 50_000 + f"<p>{SENTENCE}</p>").encode()),
             "loaded", check=contains(SENTENCE)),
        Case("xss_generated.html", write(XSS_HTML.encode()), "loaded",
             check=contains(SENTENCE, "造血干细胞移植", "<script>alert('escaped')</script>",
                            absent=("XSS_SCRIPT_BODY", "XSS_IFRAME", "XSS_SVG", "XSS_STYLE", "XSS_OBJECT", "XSS_IMG",
                                    "onerror", "javascript:"))),
        Case("xss_page.html", write((CASES / "xss" / "xss_page.html").read_bytes()), "loaded",
             check=contains("干细胞治疗银屑病尚未被证实有效", absent=("head-script", "inline-script", "body-onload"))),
        Case("xss_script.txt", write((CASES / "xss" / "xss_script.txt").read_bytes()), "loaded",
             check=contains("但目前没有临床试验支持", absent=("alert('xss-script')", "xss-iframe", "onerror"))),
        # --- front matter
        Case("bad_yaml.md", write(with_front_matter("title: [没有闭合\nfoo: : :\n  - bar")), "loaded",
             check=contains("最近有朋友咨询我关于干细胞治疗", warning="invalid YAML")),
        Case("yaml_bomb.md", write(with_front_matter(yaml_bomb(9, 9))), "loaded",
             check=contains("最近有朋友咨询我关于干细胞治疗")),
        Case("yaml_bomb_wide.md", write(with_front_matter(yaml_bomb(12, 12))), "loaded",
             check=contains("最近有朋友咨询我关于干细胞治疗", warning="alias")),
        Case("yaml_deep.md", write(with_front_matter("a: " + "[" * 20_000 + "]" * 20_000)), "loaded",
             check=contains("最近有朋友咨询我关于干细胞治疗")),
        Case("yaml_python_tag.md", write(with_front_matter(f"title: !!python/object/apply:os.system ['touch {PWNED}']")),
             "loaded", check=contains("最近有朋友咨询我关于干细胞治疗", warning="invalid YAML")),
        Case("yaml_huge.md", write(with_front_matter("tags:\n" + "\n".join(f"  - 标签{i}" for i in range(20_000)))),
             "loaded", check=contains("最近有朋友咨询我关于干细胞治疗", warning="larger than")),
        Case("yaml_not_mapping.md", write(with_front_matter("- 只是\n- 一个列表")), "loaded",
             check=contains("最近有朋友咨询我关于干细胞治疗", warning="not a mapping")),
        # --- names
        Case("with space in name.txt", write(loaded_variant), "loaded"),
        Case("中文文件名：干细胞.txt", write(loaded_variant + b"1"), "loaded"),
        Case("emoji 🧬🔬 文件.html", write(loaded_variant + b"2"), "loaded"),
        Case("quote'\"semi;colon%20#hash.txt", write(loaded_variant + b"3"), "loaded"),
        Case("new\nline.txt", write(loaded_variant + b"4"), "loaded"),
        Case("长" * 80 + ".txt", write(loaded_variant + b"5"), "loaded"),
        Case("nested/a/b/c/deep_file.txt", write(loaded_variant + b"6"), "loaded"),
        Case("文件夹 🗂/子文件.txt", write(loaded_variant + b"7"), "loaded"),
        # --- links, loops and special files
        Case("loop_a.txt", symlink("loop_b.txt"), "quarantined", frozenset({"unreadable"})),
        Case("loop_b.txt", symlink("loop_a.txt"), "quarantined", frozenset({"unreadable"})),
        Case("self_loop.txt", symlink("self_loop.txt"), "quarantined", frozenset({"unreadable"})),
        Case("dir_loop", symlink("."), "quarantined", frozenset({"unreadable"})),
        Case("nested/up", symlink("../.."), "quarantined", frozenset({"outside_seeds"})),   # issue 11 item 1
        Case("broken_link.txt", symlink("does_not_exist.txt"), "quarantined", frozenset({"unreadable"})),
        # issue 11 item 1: a link out of the seeds folder is never read
        Case("link_to_outside.txt", symlink("../outside/real.txt"), "quarantined", frozenset({"outside_seeds"})),
        Case("pipe.txt", fifo, "quarantined", frozenset({"not_regular_file"})),
    ]


IGNORED = {".hidden.txt": SEED_TXT, "backup.txt~": SEED_TXT, ".git/objects/blob.txt": SEED_TXT}


def build_corpus(root: Path) -> tuple[Path, list[Case]]:
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    for p in seeds.iterdir():
        p.chmod(0o644)
    outside = root / "outside"
    outside.mkdir()
    (outside / "real.txt").write_bytes(SEED_TXT)
    all_cases = cases()
    for c in all_cases:
        p = seeds / c.rel
        p.parent.mkdir(parents=True, exist_ok=True)
        c.make(p)
    for rel, data in IGNORED.items():
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        (seeds / rel).write_bytes(data)
    return seeds, all_cases


def rows(db: Path) -> tuple[dict[str, dict], dict[str, tuple[str, str]]]:
    with reading(db) as con:
        cur = con.execute("""SELECT a.source_path, a.main_text, a.title, a.format, a.parse_warnings, d.encoding
                             FROM articles a JOIN documents d USING (article_id)""")
        cols = [d[0] for d in cur.description]
        arts = {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}
        quar = {r[0]: (r[1], r[2]) for r in con.execute("SELECT source_path, reason, detail FROM quarantine").fetchall()}
    return arts, quar


def check_cases(db: Path, all_cases: list[Case]) -> None:
    arts, quar = rows(db)
    problems = []
    for c in all_cases:
        try:
            if c.rel in arts:
                assert c.expect in ("loaded", "either"), f"loaded, expected quarantine ({sorted(c.reasons)})"
                a = arts[c.rel]
                assert a["main_text"].strip(), "loaded with an empty main_text"
                assert "\r" not in a["main_text"] and "\x00" not in a["main_text"]
                if c.check:
                    c.check(a)
            elif c.rel in quar:
                reason, detail = quar[c.rel]
                assert c.expect in ("quarantined", "either"), f"quarantined ({reason}: {detail}), expected loaded"
                assert reason and detail, "quarantined without a reason"
                assert not c.reasons or reason in c.reasons, f"reason {reason} ({detail}), expected {sorted(c.reasons)}"
            else:
                raise AssertionError("in neither articles nor quarantine")
        except AssertionError as exc:
            problems.append(f"{c.rel!r}: {exc}")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def serial_run(corpus: tuple[Path, list[Case]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult]:
    seeds, _ = corpus
    db = tmp_path_factory.mktemp("hostile_db") / "stemwatch.duckdb"
    res = run_etl(seeds, db, workers=1)
    return db, res


def test_every_hostile_file_is_loaded_or_quarantined(corpus: tuple[Path, list[Case]],
                                                     serial_run: tuple[Path, RunResult]) -> None:
    seeds, all_cases = corpus
    db, res = serial_run
    assert res.status == "success" and res.published
    assert_invariant(db, seeds)
    assert_integrity(db)
    check_cases(db, all_cases)
    arts, quar = rows(db)
    for name in os.listdir(SEEDS):
        assert name in arts, f"real seed {name} not loaded next to the hostile files"
    for rel in IGNORED:
        assert rel not in arts and rel not in quar, f"{rel} should be ignored (hidden or backup)"
    assert not PWNED.exists(), "YAML front matter executed code"
    assert not leftover_temps(db)


def test_parallel_cli_run_gives_the_same_outcome(corpus: tuple[Path, list[Case]], serial_run: tuple[Path, RunResult],
                                                 tmp_path: Path) -> None:
    """The same corpus through `python -m app.cli etl --workers 2` (more than 64 files: worker processes)."""
    seeds, all_cases = corpus
    extra = seeds / "zz_parallel_padding"
    try:
        make_variants(extra, 40)
        db = tmp_path / "parallel.duckdb"
        proc = run_cli_etl(seeds, db, "--workers", "2")
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert_invariant(db, seeds)
        assert_integrity(db)
        check_cases(db, all_cases)
        serial, parallel = digest(serial_run[0]), digest(db)
        keep = {c.rel for c in all_cases} | set(os.listdir(SEEDS))
        assert [a for a in parallel.articles if a[0] in keep] == list(serial.articles)
        assert [q for q in parallel.quarantine if q[0] in keep] == list(serial.quarantine)
    finally:
        shutil.rmtree(extra)


def test_rerun_is_incremental_and_converged(corpus: tuple[Path, list[Case]], serial_run: tuple[Path, RunResult],
                                            tmp_path: Path) -> None:
    seeds, _ = corpus
    db = tmp_path / "again.duckdb"
    shutil.copy(serial_run[0], db)
    before = digest(db)
    res = run_etl(seeds, db, workers=1)
    assert res.mode == "incremental"
    assert res.files_loaded == 0, "an unchanged file was parsed again"
    assert digest(db) == before
    assert_invariant(db, seeds)
    assert_integrity(db)


def test_non_utf8_file_name_does_not_break_the_run(tmp_path: Path) -> None:
    """Linux file names are bytes; one that is not UTF-8 cannot be stored as text as it is."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    os.chmod(seeds, 0o755)
    bad = os.path.join(os.fsencode(seeds), b"latin1_caf\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(SEED_TXT)
    db = tmp_path / "w.duckdb"
    res = run_etl(seeds, db, workers=1)
    assert res.status == "success"
    assert_integrity(db)
    arts, quar = rows(db)
    assert len(arts) + len(quar) == len(os.listdir(SEEDS)) + 1
    escaped = "latin1_caf\\xe9.txt"
    assert escaped in quar and quar[escaped][0] == "bad_file_name", (sorted(arts), quar)
    assert_invariant(db, seeds)


def test_a_loaded_file_that_becomes_unreadable_leaves_articles(tmp_path: Path) -> None:
    """A file replaced by a FIFO, a link loop or a broken link moves from articles to quarantine."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    names = sorted(os.listdir(seeds))
    db = tmp_path / "w.duckdb"
    run_etl(seeds, db, workers=1)
    assert_invariant(db, seeds)
    for name, make in zip(names[:3], (fifo, symlink("loop_elsewhere"), symlink("missing.txt")), strict=True):
        (seeds / name).unlink()
        make(seeds / name)
    (seeds / "loop_elsewhere").symlink_to(names[1])
    res = run_etl(seeds, db, workers=1)
    assert res.status == "success"
    assert_integrity(db)
    assert_invariant(db, seeds)
    arts, quar = rows(db)
    for name in names[:3]:
        assert name in quar and name not in arts


def test_warehouse_path_with_quote_and_space_keeps_history(tmp_path: Path) -> None:
    """A full rebuild carries etl_runs over by ATTACHing the old file: its path must be quoted."""
    folder = tmp_path / "it's a [folder]"
    folder.mkdir()
    db = folder / "stem'watch [1].duckdb"
    run_etl(SEEDS, db, workers=1)
    assert_invariant(db, SEEDS)
    stale = db.with_name(f".{db.name}.tmp-99999999")   # what a killed run leaves behind
    stale.write_bytes(b"half a warehouse")
    run_etl(SEEDS, db, workers=1, full=True)
    with reading(db) as con:
        assert con.execute("SELECT list(run_id ORDER BY run_id) FROM etl_runs").fetchone()[0] == [1, 2]
    assert_integrity(db)
    assert_invariant(db, SEEDS)
    assert not leftover_temps(db), "a stale temporary file survived the next run"


@pytest.mark.parametrize("closed", [True, False])
def test_deep_nesting_is_fast(closed: bool) -> None:
    """10,000 nested blocks: the walk kept a stack it re-scanned at every tag (about a minute)."""
    from etl.extract.html import html_to_page

    inner = f"<h2>小标题</h2><ul><li>{SENTENCE}</li></ul><p>{SENTENCE}</p>"
    html = "<html><body>" + "<div><section>" * DEEP + inner + ("</section></div>" * DEEP if closed else "")
    t0 = time.process_time()  # CPU time: other load on the machine does not count
    page = html_to_page(html)
    took = time.process_time() - t0
    assert [(ln.kind, ln.level) for ln in page.lines] == [("heading", 2), ("li", 0), ("p", 0)]
    assert took < 10, f"{took:.1f} CPU s for {DEEP:,} nested blocks"


@pytest.mark.parametrize("shape", ["closed", "unclosed"])
def test_deep_inline_nesting_is_linear(shape: str) -> None:
    """Nested inline tags: every element's walk paid for its depth when lxml freed its proxy,
    so 100,000 nested <b> took 31 CPU s (50,000 unclosed <div><span> 32 s); about 1 s now."""
    from etl.extract.html import html_to_page

    def page(n: int) -> str:
        if shape == "closed":
            return "<html><body><p>" + "<b>" * n + SENTENCE + "</b>" * n + "</p></body></html>"
        return "<html><body>" + "<div><span>" * (n // 2) + SENTENCE

    assert SENTENCE in "\n".join(ln.text for ln in html_to_page(page(50_000)).lines)
    grew = growth(lambda n: html_to_page(page(n)), 6_250)
    assert grew < 24, f"8x the nesting cost {grew:.0f}x the CPU time (linear: ~8x, quadratic: ~64x)"


def test_expected_paths_helper_matches_discover(corpus: tuple[Path, list[Case]]) -> None:
    """The invariant's own walk agrees with etl.load.discover (so the invariant is not circular by accident)."""
    from etl.load.discover import discover

    seeds, _ = corpus
    assert {f.rel for f in discover(seeds)} == expected_paths(seeds)
