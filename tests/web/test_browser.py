"""The real app in headless Chromium: what a person does on their first visit.

Runs the app with uvicorn on a free local port over a database it fills (the bundled
sample corpus through the whole pipeline when the package ships one, else the test
corpus), and drives Debian's ``chromium`` through ``chromium-driver`` with Selenium.
Screenshots go to pytest's ``tmp_path``; set ``BLOCWATCH_SCREENSHOTS=docs/screenshots``
to also write them where the README shows them.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx
import pyarrow.parquet as pq
import pytest
import uvicorn
from sqlalchemy import text

from blocwatch.demo import run_demo, sample_corpus_dir
from blocwatch.store import Store
from blocwatch.web import create_app
from tests.factories import make_article
from tests.web.corpus import HOSTILE, build_corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
        reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
        "/usr/bin/chromedriver): `make browser-deps` installs them",
    ),
]

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def _fill(store: Store) -> str:
    """The demo database when the sample corpus yields stories and actors, else the test corpus.

    A demo that fails is reported as a warning, not hidden: the pages are still tested on
    the test corpus.
    """
    if sample_corpus_dir().is_dir():
        try:
            run_demo(store)
        except Exception as exc:  # the demo's own tests say why; here the pages are tested
            warnings.warn(f"the demo pipeline failed, using the test corpus: {exc!r}", stacklevel=1)
        else:
            with store.engine.connect() as connection:
                stories = connection.execute(text("SELECT count(*) FROM stories")).scalar_one()
                mentions = connection.execute(text("SELECT count(*) FROM mentions")).scalar_one()
            if stories and mentions:
                return "demo"
    with store.engine.begin() as connection:
        for table in ("summary_sentences", "stories", "articles", "raw_documents"):
            connection.execute(text(f"DELETE FROM {table}"))
    build_corpus(store, hostile=False)
    return "test corpus"


@dataclasses.dataclass(frozen=True)
class Served:
    url: str
    store: Store


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.db'}")
    _fill(store)
    app = create_app(store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", store)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    )
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: WebDriver, folder: Path, name: str) -> Path:
    """A screenshot of the whole page (up to a tall limit), also to $BLOCWATCH_SCREENSHOTS."""
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(700, min(int(height), 2200)))
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    extra = os.environ.get("BLOCWATCH_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(extra) / f"{name}.png"))
    driver.set_window_size(1280, 900)
    assert path.stat().st_size > 10_000
    return path


def _wait(driver: WebDriver, css: str, timeout: float = 15) -> None:
    WebDriverWait(driver, timeout).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def _wait_url(driver: WebDriver, part: str, timeout: float = 15) -> None:
    """Wait for the page a click leads to: the page before it may hold the same elements."""
    WebDriverWait(driver, timeout).until(expected_conditions.url_contains(part))


def test_a_first_visit_from_search_to_evidence(
    browser: WebDriver, served: Served, tmp_path: Path
) -> None:
    base_url = served.url
    browser.get(base_url + "/")
    assert browser.find_elements(By.CSS_SELECTOR, "article.story")
    _shot(browser, tmp_path, "home")

    top_state = httpx.get(base_url + "/api/actors", params={"kind": "state", "limit": 1}).json()[0]
    actor_field = browser.find_element(By.NAME, "actor")
    actor_field.send_keys(top_state["name"])
    actor_field.submit()
    _wait(browser, "ol.hits li")
    assert "naming" in browser.find_element(By.CSS_SELECTOR, ".result-count").text
    _shot(browser, tmp_path, "search")

    stories = httpx.get(base_url + "/api/stories", params={"limit": 8}).json()
    busiest = max(stories, key=lambda story: story["article_count"])
    browser.get(base_url + "/")
    browser.find_element(
        By.CSS_SELECTOR, f'article.story h3 a[href="/stories/{busiest["id"]}"]'
    ).click()
    _wait(browser, "ol.summary a.cite")
    assert "/stories/" in browser.current_url
    _shot(browser, tmp_path, "story")

    browser.find_element(By.CSS_SELECTOR, "ol.summary a.cite").click()
    _wait(browser, ".sentence")
    assert "/articles/" in browser.current_url and "#s" in browser.current_url
    anchor = browser.current_url.rsplit("#", 1)[1]
    cited = browser.find_element(By.ID, anchor)
    assert cited.text and cited.is_displayed()
    _shot(browser, tmp_path, "article")

    browser.find_element(By.CSS_SELECTOR, "a.mention, ul.chips a").click()
    _wait_url(browser, "/actors/")
    _wait(browser, "h1")
    assert "/actors/" in browser.current_url
    _shot(browser, tmp_path, "actor")

    states = httpx.get(base_url + "/api/actors", params={"kind": "state", "limit": 6}).json()
    chosen = [s["id"] for s in states if s["id"] != "RUS"][:3]  # Russia is the default pole
    browser.get(f"{base_url}/relations?states={quote(','.join(chosen))}")
    _wait(browser, "h1")
    for chart in browser.find_elements(By.CSS_SELECTOR, "[data-chart]"):
        _wait(browser, f"#{chart.get_attribute('id')}[data-drawn] .main-svg")
    _shot(browser, tmp_path, "relations")


def test_a_script_in_an_article_is_shown_as_text(browser: WebDriver, served: Served) -> None:
    served.store.save_articles(
        [make_article("hostile1", f"Body with {HOSTILE} inside. More.", title=f"Title {HOSTILE}")]
    )
    browser.get(served.url + "/articles/hostile1")
    _wait(browser, "h1")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == f"Title {HOSTILE}"
    assert HOSTILE in browser.find_element(By.CSS_SELECTOR, ".body").text
    assert not browser.find_elements(By.CSS_SELECTOR, ".body script, h1 script")


def test_pages_work_under_the_content_security_policy(browser: WebDriver, served: Served) -> None:
    """Charts draw and a select still submits its form with no inline script allowed, and
    the browser reports no policy violation; a javascript: source URL is not a link."""
    served.store.save_articles(
        [
            dataclasses.replace(
                make_article("jsurl", "Leaders met in Astana. More talks follow.", title="JS"),
                url=" JaVaScRiPt:alert(1)",
            )
        ]
    )
    browser.get_log("browser")
    browser.get(served.url + "/articles/jsurl")
    _wait(browser, "h1")
    assert not browser.find_elements(By.PARTIAL_LINK_TEXT, "source")

    states = httpx.get(served.url + "/api/actors", params={"kind": "state", "limit": 1}).json()
    browser.get(f"{served.url}/actors/{states[0]['id']}")
    _wait(browser, "h1")
    for chart in browser.find_elements(By.CSS_SELECTOR, "[data-chart]"):
        _wait(browser, f"#{chart.get_attribute('id')}[data-drawn] .main-svg")
    selects = browser.find_elements(By.CSS_SELECTOR, "select[name=granularity]")
    if selects:
        Select(selects[0]).select_by_visible_text("week")
        WebDriverWait(browser, 15).until(lambda d: "granularity=week" in d.current_url)
    violations = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]
    assert violations == []


def _shot_at(driver: WebDriver, folder: Path, name: str, width: int) -> None:
    """A screenshot ``width`` pixels wide (also to $BLOCWATCH_SCREENSHOTS), after checking
    that nothing on the page is wider than the window."""
    driver.set_window_size(width, 900)
    driver.execute_script("window.scrollTo(0, 0)")
    _fits(driver, width)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(700, min(int(height), 2200)))
    driver.save_screenshot(str(folder / f"{name}-{width}.png"))
    extra = os.environ.get("BLOCWATCH_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(extra) / f"{name}-{width}.png"))
    driver.set_window_size(1280, 900)


def _fits(driver: WebDriver, width: int) -> None:
    """Nothing is wider than the window (charts get a moment to redraw at the new width)."""
    measure = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    deadline = time.monotonic() + 5
    wide, room = driver.execute_script(measure)
    while wide > room and time.monotonic() < deadline:
        time.sleep(0.2)
        wide, room = driver.execute_script(measure)
    assert wide <= room, f"{driver.current_url} overflows at {width} px: {wide} > {room}"


def _charts_drawn(driver: WebDriver) -> None:
    for chart in driver.find_elements(By.CSS_SELECTOR, "[data-chart]"):
        _wait(driver, f"#{chart.get_attribute('id')}[data-drawn] .main-svg")


def test_an_analyst_from_search_to_filtered_events_their_export_map_and_timelines(
    browser: WebDriver, served: Served, tmp_path: Path
) -> None:
    base_url = served.url
    browser.get(base_url + "/search?q=summit")
    _wait(browser, "ol.hits li")
    _charts_drawn(browser)
    for width in (1400, 400):
        _shot_at(browser, tmp_path, "search-facets", width)
    # a facet narrows the search to exactly the count it showed
    facet = browser.find_element(By.CSS_SELECTOR, '[data-facet="outlet"] li')
    outlet, count = (
        facet.find_element(By.TAG_NAME, "a").text,
        facet.find_element(By.CLASS_NAME, "count").text,
    )
    facet.find_element(By.TAG_NAME, "a").click()
    _wait_url(browser, "outlet=")
    _wait(browser, ".result-count")
    assert browser.find_element(By.CSS_SELECTOR, ".result-count").text.startswith(
        f"{count} article"
    )
    assert f"outlet={quote_plus(outlet)}" in browser.current_url

    # the events explorer with two filters: an actor and a quad class
    top = httpx.get(base_url + "/api/events/facets", timeout=60).json()["actors"]
    actor = next(iter(top))
    browser.get(f"{base_url}/events?actor={quote(actor)}")
    Select(browser.find_element(By.NAME, "quad")).select_by_value("1")
    browser.find_element(By.CSS_SELECTOR, "form.explorer button").click()
    _wait_url(browser, "quad=1")
    _wait(browser, "table.events-table tbody tr")
    assert f"actor={quote(actor)}" in browser.current_url and "quad=1" in browser.current_url
    shown = int(browser.find_element(By.CSS_SELECTOR, ".result-count").text.split()[0])
    assert shown > 0
    assert browser.find_elements(By.CSS_SELECTOR, "td.sentence-cell mark")
    _charts_drawn(browser)
    for width in (1400, 400):
        _shot_at(browser, tmp_path, "events-explorer", width)

    # the download linked from the page holds exactly the filtered rows
    link = browser.find_element(By.CSS_SELECTOR, 'a.export[data-format="parquet"]').get_attribute(
        "href"
    )
    assert link
    download = tmp_path / "events.parquet"
    download.write_bytes(httpx.get(link, timeout=60).content)
    table = pq.read_table(download)
    assert table.num_rows == shown
    assert set(table.column("quad_class").to_pylist()) == {1}
    rows = table.to_pylist()
    assert all(
        actor in (r["source_code"], r["target_code"], r["source_actor_id"], r["target_actor_id"])
        for r in rows
    )
    assert all(r["sentence_text"] for r in rows)

    # the map with the same filter
    browser.find_element(By.CSS_SELECTOR, "a.map-link").click()
    _wait_url(browser, "/map")
    _wait(browser, "figure.map svg")
    assert f"actor={quote(actor)}" in browser.current_url and "quad=1" in browser.current_url
    for width in (1400, 400):
        _shot_at(browser, tmp_path, "map", width)

    # an actor's attention and tone over time
    browser.get(f"{base_url}/actors/{quote(actor)}")
    _wait(browser, "section.over-time")
    _wait(browser, "#attention-chart[data-drawn] .main-svg")
    _wait(browser, "#tone-chart[data-drawn] .main-svg")
    for width in (1400, 400):
        _shot_at(browser, tmp_path, "actor-over-time", width)
    for page in ("/relations", "/", "/stories", "/api/docs"):
        browser.get(base_url + page)
        _wait(browser, "body")
        browser.set_window_size(400, 900)
        _fits(browser, 400)
        browser.set_window_size(1280, 900)
