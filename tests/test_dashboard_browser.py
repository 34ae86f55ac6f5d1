# ruff: noqa: F811  -- fixtures imported from tests.dashboard_support are re-bound as test parameters
"""End to end: the real app (`streamlit run` via dashboard.launch) in Debian's headless Chromium.

Never downloads a browser: Playwright drives /usr/bin/chromium. Screenshots of every page
are saved to artifacts/screenshots/<page>.png.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.launch import run_dashboard
from tests.dashboard_support import (  # noqa: F401  (fixtures)
    ROOT,
    SEEDS,
    XSS_IDS,
    dashboard_db,
    dashboard_xss_db,
    expect,
    expect_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
]
ARTIFACTS = ROOT / "artifacts"
SHOTS = ARTIFACTS / "screenshots"
PAGES = {  # screenshot name -> url path (claims: test_claims_page_in_chromium)
    "overview": "", "topics": "topics", "sources": "sources", "articles": "articles",
    "health": "health", "sql": "sql",
}
WIDTH = 1440


# -- server and browser --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path, log: Path, seeds: Path | None = None) -> Iterator[str]:
    """Start `streamlit run` on ``db`` as a subprocess; always stopped in the finally."""
    port = free_port()
    with log.open("w") as out:
        proc = run_dashboard(db, port, seeds, headless=True, address="127.0.0.1", stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise AssertionError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
                with contextlib.suppress(OSError):
                    if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                        break
                if time.monotonic() > deadline:
                    raise AssertionError(f"streamlit did not become healthy:\n{log.read_text()}")
                time.sleep(0.3)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Tab:
    """A page plus everything that must never happen on it: dialogs, page errors."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.page = browser.new_page(viewport={"width": WIDTH, "height": 1000}, locale="zh-CN")
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}")
        try:
            self.settle()
        except Exception as exc:
            raise AssertionError(f"/{path} did not settle: {exc}\n{self.page.content()[:3000]}") from exc

    def settle(self, timeout: float = 30) -> None:
        """Wait until the script run is over (no running status, no stale elements) and every
        chart is drawn, twice in a row: a rerun just triggered may not have started yet."""
        p = self.page
        p.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=timeout * 1000)
        for _ in range(2):
            p.wait_for_timeout(400)
            p.wait_for_function(
                """() => !document.querySelector('[data-testid="stStatusWidget"]')
                      && !document.querySelector('[data-stale="true"]')
                      && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                            .every(c => c.querySelector('svg, canvas'))""",
                timeout=timeout * 1000,
            )

    def text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def until(self, read, expected, timeout: float = 30):
        """What ``read()`` returns once it equals ``expected``, or after ``timeout`` seconds: the rerun
        an interaction triggers may start after settle() has seen a quiet page (a loaded machine
        starts it late), so an assertion right after an interaction waits for its value."""
        deadline = time.monotonic() + timeout
        value = read()
        while value != expected and time.monotonic() < deadline:
            self.page.wait_for_timeout(200)
            try:
                value = read()
            except Exception:  # an element replaced mid-rerun: read it again
                value = None
        return value

    def assert_clean(self) -> None:
        p = self.page
        assert p.locator('[data-testid="stException"]').count() == 0, self.text()[:2000]
        assert p.locator('[data-testid="stAlertContentError"]').count() == 0, self.text()[:2000]
        assert "Page not found" not in p.content()
        assert not self.dialogs, self.dialogs
        assert not self.errors, self.errors

    def screenshot(self, name: str, folder: Path = SHOTS) -> Path:
        """The whole page (Streamlit scrolls inside stMain, so grow the viewport to fit it)."""
        p = self.page
        height = p.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        p.set_viewport_size({"width": WIDTH, "height": int(min(max(height, 1000), 12000))})
        p.wait_for_timeout(800)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        p.screenshot(path=str(path))
        p.set_viewport_size({"width": WIDTH, "height": 1000})
        assert path.stat().st_size > 10_000
        return path

    def metric(self, label: str) -> str:
        m = self.page.locator('[data-testid="stMetric"]').filter(
            has=self.page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(f"^{re.escape(label)}$")))
        return m.locator('[data-testid="stMetricValue"]').inner_text().strip()


def sentences_heading(tab: Tab) -> int:
    heading = tab.page.get_by_role("heading", name=re.compile(r"^Matching sentences \(")).inner_text()
    return int(re.search(r"\(([\d,]+)\)", heading).group(1).replace(",", ""))


# -- tests ---------------------------------------------------------------------------------------


def test_every_page_in_chromium(browser, dashboard_db: Path, tmp_path: Path) -> None:
    counts = expect(dashboard_db, "SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM disease_mentions) AS m, "
                                  "(SELECT count(*) FROM etl_runs) AS r").iloc[0]
    top = expect_value(dashboard_db, "SELECT canonical_name FROM disease_mentions GROUP BY concept_id, canonical_name "
                                     "ORDER BY count(DISTINCT article_id) FILTER (WHERE context IN ('asserted', 'hedged')) "
                                     "DESC, count(DISTINCT article_id) DESC, concept_id LIMIT 1")
    with serving(dashboard_db, tmp_path / "server.log", seeds=SEEDS) as base:
        tab = Tab(browser, base)

        tab.open(PAGES["overview"])
        assert tab.metric("Articles") == f"{counts.a:,}"
        assert tab.metric("Mentions") == f"{counts.m:,}"
        assert "Up to date with the seeds folder." in tab.text()
        # Chinese disease names are drawn in the chart, in the CJK font
        label = tab.page.locator('[data-testid="stVegaLiteChart"] svg text', has_text=top).first
        # settle() waits for each chart's svg, which can exist before vega has drawn its text: wait
        # for the label (fails after 30 s; on a loaded machine the count was once taken too early).
        label.wait_for(state="attached", timeout=30_000)
        assert label.count() == 1
        assert "Noto Sans CJK SC" in label.evaluate("t => getComputedStyle(t).fontFamily")
        tab.assert_clean()
        tab.screenshot("overview")

        tab.open(PAGES["topics"])
        assert sentences_heading(tab) == counts.m
        # The chart's svg can exist before vega has drawn its marks: wait for one (fails after 30 s).
        marks = '.st-key-topic_heatmap_0 path[aria-roledescription="rect mark"]'
        tab.page.wait_for_selector(marks, state="attached", timeout=30_000)
        assert tab.page.locator(marks).count() > 0
        tab.assert_clean()
        tab.screenshot("topics")

        tab.open(PAGES["sources"])
        for text in ("Source types", "Publication timeline", "Sites"):
            assert text in tab.text()
        tab.assert_clean()
        tab.screenshot("sources")

        first = expect(dashboard_db, "SELECT article_id, title FROM articles ORDER BY published_date DESC NULLS LAST, "
                                     "article_id LIMIT 1").iloc[0]
        marks = expect_value(dashboard_db, "SELECT count(*) FROM disease_mentions WHERE article_id = ?", [first.article_id])
        tab.open(PAGES["articles"])
        assert tab.page.locator("h2", has_text=first.title).count() >= 1
        assert tab.page.locator(".sw-main-text mark").count() == marks
        tab.assert_clean()
        tab.screenshot("articles")

        tab.open(PAGES["health"])
        assert f"ETL runs ({counts.r})" in tab.text()
        assert "Lexicon candidates" in tab.text()
        tab.assert_clean()
        tab.screenshot("health")

        tab.open(PAGES["sql"])
        assert "Schema and data dictionary" in tab.text()
        area = tab.page.locator('.st-key-sql_text textarea')
        area.fill("COPY articles TO '/tmp/stemwatch-browser-leak.csv'")
        tab.page.get_by_role("button", name="Run").click()
        tab.settle()
        assert "Refused: COPY reads or writes files" in tab.text()
        assert not Path("/tmp/stemwatch-browser-leak.csv").exists()
        area.fill("SELECT source_type, count(*) AS n FROM articles GROUP BY ALL")
        tab.page.get_by_role("button", name="Run").click()
        tab.settle()
        n_types = expect_value(dashboard_db, "SELECT count(DISTINCT source_type) FROM articles")
        assert f"{n_types} rows in" in tab.text()
        assert tab.page.get_by_role("button", name="Download CSV").count() == 1
        tab.assert_clean()
        tab.screenshot("sql")


def test_filter_and_chart_click_narrow_the_topic_page(browser, dashboard_db: Path, tmp_path: Path) -> None:
    source_type = expect_value(dashboard_db, "SELECT source_type FROM disease_mentions JOIN articles USING (article_id) "
                                             "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
    n_type = expect_value(dashboard_db, "SELECT count(*) FROM disease_mentions JOIN articles USING (article_id) "
                                        "WHERE source_type = ?", [source_type])
    with serving(dashboard_db, tmp_path / "server.log") as base:
        tab = Tab(browser, base)
        tab.open("topics")
        # a filter: pick one source type in the multiselect (it shows the vocabulary's label)
        label = expect_value(dashboard_db, "SELECT label FROM vocabulary WHERE vocabulary = 'source_types' "
                                           "AND value = ?", [source_type])
        assert label != source_type
        box = tab.page.locator(".st-key-topic_source_types")
        box.click()
        tab.page.get_by_role("option", name=label, exact=True).click()
        tab.page.keyboard.press("Escape")
        tab.settle()
        assert tab.until(lambda: sentences_heading(tab), n_type) == n_type

        # a click on a heatmap cell narrows the rest of the page ...
        cell = expect(dashboard_db, """SELECT concept_id, canonical_name, count(*) AS n
            FROM disease_mentions JOIN articles USING (article_id) WHERE source_type = ?
            GROUP BY ALL ORDER BY n DESC, concept_id LIMIT 1""", [source_type]).iloc[0]
        which = f'[aria-label*="concept_id: {cell.concept_id}; source_type: {source_type};"]'
        rect = tab.page.locator(f'.st-key-topic_heatmap_0 path[aria-roledescription="rect mark"]{which}')
        number = tab.page.locator(f'.st-key-topic_heatmap_0 text[aria-roledescription="text mark"]{which}')
        assert rect.count() == 1 and number.count() == 1
        rect.click(position={"x": 4, "y": 4})  # the cell's corner, clear of its number
        tab.settle()
        assert tab.until(lambda: sentences_heading(tab), cell.n) == cell.n
        assert f"Narrowed to: {cell.canonical_name} × {source_type}" in tab.text()
        tab.assert_clean()
        tab.screenshot("topics-narrowed")

        tab.page.get_by_role("button", name="Clear selections").click()
        tab.settle()
        assert tab.until(lambda: sentences_heading(tab), n_type) == n_type

        # ... and so does a click on the number drawn in the middle of the cell
        tab.page.locator(f'.st-key-topic_heatmap_1 text[aria-roledescription="text mark"]{which}').click()
        tab.settle()
        assert tab.until(lambda: sentences_heading(tab), cell.n) == cell.n
        tab.assert_clean()


def test_hostile_seed_shows_as_text_and_never_runs(browser, dashboard_xss_db: Path, tmp_path: Path) -> None:
    hostile = expect(dashboard_xss_db, "SELECT article_id FROM articles WHERE main_text LIKE '%<script%' "
                                       "OR main_text LIKE '%onerror%' OR main_text LIKE '%javascript:%'")["article_id"]
    assert len(hostile) >= 1
    injected = ", ".join(f"#{i}" for i in XSS_IDS)
    with serving(dashboard_xss_db, tmp_path / "server.log") as base:
        tab = Tab(browser, base)
        for n, article_id in enumerate(hostile):
            tab.open(f"articles?article={article_id}")
            text = tab.page.locator(".sw-main-text").inner_text()
            assert "<script" in text or "onerror" in text or "javascript:" in text
            if n == 0:
                tab.screenshot("xss-article")
            # expand the cut boilerplate too: it is document text as well
            tab.page.get_by_text("Text cut as boilerplate").click()
            tab.page.wait_for_timeout(500)
            assert tab.page.locator(injected).count() == 0
            assert tab.page.locator('[data-testid="stMain"] script, [data-testid="stMain"] iframe').count() == 0
            assert tab.page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
            assert tab.page.locator('[data-testid="stMain"] a[href^="javascript"]').count() == 0
            tab.assert_clean()
        for path in ("", "topics", "sources", "claims", "health"):
            tab.open(path)
            assert tab.page.locator(injected).count() == 0
            tab.assert_clean()
        tab.page.wait_for_timeout(1000)  # an onerror fires late: give it the chance
        assert not tab.dialogs


def marks(tab: Tab, key: str, role: str) -> list[str]:
    """The text of each mark of one Vega role (bar, rect mark, text mark) in the chart keyed ``key``."""
    return tab.page.locator(f'.st-key-{key} [aria-roledescription="{role}"]').all_text_contents()


def test_claims_page_in_chromium(browser, dashboard_db: Path, tmp_path: Path) -> None:
    """The claims page draws its three charts with the seeds' data (as many marks as the
    warehouse has cells, the numbers written in the credibility cells add up to its articles,
    the legal bases named by their labels), and the drill-down shows the flagged sentence with
    the hit highlighted; screenshots in artifacts/screenshots/claims*.png."""
    own = expect_value(dashboard_db, "SELECT count(*) FROM v_claims WHERE voice = 'own'")
    every = expect_value(dashboard_db, "SELECT count(*) FROM v_claims")
    stance_bars = expect_value(dashboard_db, """WITH own AS (SELECT * FROM v_claims WHERE voice = 'own'),
        top AS (SELECT concept_id FROM own GROUP BY 1 ORDER BY count(*) DESC, concept_id LIMIT 15)
        SELECT count(*) FROM (SELECT DISTINCT concept_id, source_type, stance FROM own
                              WHERE concept_id IN (SELECT concept_id FROM top))""")
    flag_cells = expect(dashboard_db, """SELECT f.basis_id, v.label, count(DISTINCT f.source_type) AS types
        FROM v_red_flags f JOIN vocabulary v ON v.vocabulary = 'red_flag_bases' AND v.value = f.basis_id
        WHERE f.location = 'article' GROUP BY ALL""")
    cred = expect(dashboard_db, "SELECT count(*) AS articles, count(DISTINCT source_type) AS types FROM v_credibility").iloc[0]
    flag = expect(dashboard_db, """SELECT basis_id, matched_text, count(*) OVER (PARTITION BY basis_id) AS n FROM v_red_flags
        WHERE location = 'chrome' ORDER BY n DESC, basis_id, published_date DESC NULLS LAST, article_id, flag_no
        LIMIT 1""").iloc[0]
    assert own < every and stance_bars > 0 and len(flag_cells) > 0 and cred.articles > 0
    with serving(dashboard_db, tmp_path / "server.log") as base:
        tab = Tab(browser, base)
        tab.open("claims")
        tab.page.wait_for_selector('[data-testid="stVegaLiteChart"] svg')  # the chart code loads on first use
        tab.settle()
        assert tab.metric("Claims") == f"{own:,}"
        assert len(marks(tab, "claims_stance_chart", "bar")) == stance_bars
        assert len(marks(tab, "claims_flags_chart", "bar")) == int(flag_cells["types"].sum())
        axis = " ".join(tab.page.locator(".st-key-claims_flags_chart svg text").all_text_contents())
        assert all(label in axis for label in flag_cells["label"]), axis
        assert "ad_law" not in axis
        cells = marks(tab, "claims_credibility_chart", "text mark")
        assert len(cells) == 5 * cred.types
        assert sum(int(t) for t in cells) == cred.articles
        assert tab.page.locator(".sw-sentence mark").count() == 1
        tab.assert_clean()
        tab.screenshot("claims")

        tab.page.locator(".st-key-claims_reported label").click()
        tab.settle()
        assert tab.until(lambda: tab.metric("Claims"), f"{every:,}") == f"{every:,}"
        tab.page.locator(".st-key-claims_chrome label").click()
        tab.settle()
        tab.page.locator(".st-key-claims_drill_mode").get_by_text("legal basis").click()
        tab.settle()
        mark = tab.page.locator(".sw-sentence mark").first
        assert tab.until(lambda: mark.inner_text(), flag.matched_text) == flag.matched_text
        tab.assert_clean()
        tab.screenshot("claims-drill-legal-basis")


def test_a_published_refresh_shows_without_restarting(browser, tmp_path: Path) -> None:
    from etl.load.run import run_etl

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "stemwatch.duckdb"
    run_etl(seeds, db, workers=1)
    before = expect_value(db, "SELECT count(*) FROM articles")
    with serving(db, tmp_path / "server.log", seeds=seeds) as base:
        tab = Tab(browser, base)
        tab.open("")
        assert tab.metric("Articles") == str(before)
        sorted(seeds.iterdir())[0].unlink()
        run_etl(seeds, db, workers=1)  # publishes a new file over the served path
        tab.page.wait_for_function(
            """n => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
                   m.innerText.startsWith('Articles') && m.innerText.trim().endsWith(String(n)))""",
            arg=int(before) - 1, timeout=30_000,
        )
        tab.assert_clean()
