"""The explorer's analyst panels in headless Chromium: a pair over time (Chart.js) and the disputed relations.

Against a live `geokg serve` holding our rail-shells article: Seoul's spy agency
and US officials say North Korea arms Russia, the Kremlin denies it; the two
signed an agreement in September. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_explorer import console_errors, search, wait_for_graph

pytestmark = pytest.mark.slow

ARMS = "North Korea → provides weapons to → Russia"


def wait_for_disputes(driver: webdriver.Chrome, scope: str) -> list[dict[str, Any]]:
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "dispute-list").get_attribute("data-rendered") == scope)
    return driver.execute_script("return window.geokgExplorer.disputes")  # type: ignore[no-any-return]


def wait_for_dyad(driver: webdriver.Chrome, rendered: str) -> dict[str, Any]:
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "dyad-body").get_attribute("data-rendered") == rendered)
    return driver.execute_script("return window.geokgExplorer.dyad")  # type: ignore[no-any-return]


def chart(driver: webdriver.Chrome) -> dict[str, Any]:
    """What Chart.js holds and has drawn: labels, datasets, and whether the canvas has any ink on it."""
    return driver.execute_script("""
        const chart = window.geokgExplorer.dyadChart;
        const canvas = document.getElementById('dyad-chart');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1;
        return {labels: chart.data.labels, inked: inked, width: canvas.width,
                datasets: chart.data.datasets.map((d) => ({label: d.label, data: d.data, type: d.type}))};""")


def test_the_disputes_panel_shows_who_says_yes_and_who_says_no(site: str, browser: webdriver.Chrome,
                                                                artifacts: Path) -> None:
    browser.get(site + "/")
    everything = wait_for_disputes(browser, "*")
    assert [d["predicate"] for d in everything] == ["providesWeaponsTo"]
    panel = browser.find_element(By.ID, "disputes")
    item = panel.find_element(By.CSS_SELECTOR, ".dispute")
    assert item.find_element(By.TAG_NAME, "h3").text.startswith(ARMS)
    yes, no = item.find_element(By.CSS_SELECTOR, ".side-yes"), item.find_element(By.CSS_SELECTOR, ".side-no")
    assert yes.find_element(By.TAG_NAME, "h4").text == "Say so (2)" and no.find_element(By.TAG_NAME, "h4").text == "Deny it (1)"
    assert "South Korea" in yes.text and "according to US officials" in yes.text
    assert "Russia" in no.text and "The Kremlin denied that Russia had received any weapons" in no.text
    assert "shipped" in [mark.text for mark in yes.find_elements(By.TAG_NAME, "mark")]

    search(browser, site, "Pyongyang")
    wait_for_graph(browser, "PRK")
    assert [d["object"]["label"] for d in wait_for_disputes(browser, "PRK")] == ["Russia"]
    search(browser, site, "Washington")
    wait_for_graph(browser, "USA")
    wait_for_disputes(browser, "USA")
    assert "No relation involving United States is both asserted and denied." in \
        browser.find_element(By.ID, "disputes-scope").text
    search(browser, site, "Pyongyang")
    wait_for_graph(browser, "PRK")
    wait_for_disputes(browser, "PRK")
    browser.find_element(By.ID, "disputes").screenshot(str(artifacts / "explorer-disputes.png"))
    assert console_errors(browser) == []


def test_choosing_a_relation_charts_the_pair_over_time(site: str, browser: webdriver.Chrome, artifacts: Path) -> None:
    search(browser, site, "Pyongyang")
    wait_for_graph(browser, "PRK")
    assert browser.find_element(By.ID, "dyad-body").get_attribute("hidden") is not None
    button = next(b for b in browser.find_elements(By.CSS_SELECTOR, "#edge-list button") if b.text.startswith(ARMS))
    button.send_keys(Keys.ENTER)
    timeline = wait_for_dyad(browser, "PRK:RUS:month")
    months = [p["period"] for p in timeline["periods"]]
    assert months == ["2023-09", "2023-10"]
    drawn = chart(browser)
    assert drawn["labels"] == months and drawn["inked"] > 2000 and drawn["width"] > 300
    bars = {d["label"]: d["data"] for d in drawn["datasets"] if d["type"] == "bar"}
    assert bars["material cooperation"] == [0, 2] and bars["verbal cooperation"][0] >= 1  # the shells; the pact
    [line] = [d for d in drawn["datasets"] if d["type"] == "line"]
    assert line["data"][1] == timeline["periods"][1]["goldstein_mean"] > 0
    summary = browser.find_element(By.ID, "dyad-summary").text
    assert summary.startswith("North Korea and Russia:") and "from 2023-09 to 2023-10" in summary
    csv_link = browser.find_element(By.ID, "dyad-csv").get_attribute("href") or ""
    assert "format=csv" in csv_link and "source=PRK" in csv_link
    answer = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async (r) => done([r.status, await r.text()]));""", csv_link)
    assert answer[0] == 200 and answer[1].splitlines()[0].startswith("period,start,claims")
    assert len(answer[1].splitlines()) == 1 + len(months)
    browser.find_element(By.CSS_SELECTOR, ".dyad-numbers summary").click()
    table_rows = browser.find_elements(By.CSS_SELECTOR, "#dyad-table tr")
    assert len(table_rows) == 1 + len(months) and table_rows[2].text.startswith("2023-10 2")
    browser.find_element(By.ID, "dyad").screenshot(str(artifacts / "explorer-dyad.png"))

    Select(browser.find_element(By.ID, "dyad-interval")).select_by_value("week")
    weeks = wait_for_dyad(browser, "PRK:RUS:week")
    assert all("-W" in p["period"] for p in weeks["periods"]) and weeks["imprecise"] >= 1  # "in September"
    assert chart(browser)["labels"] == [p["period"] for p in weeks["periods"]]
    assert console_errors(browser) == []


def test_a_dispute_opens_its_pair_and_the_whole_page_reads_well(site: str, artifacts: Path) -> None:
    from live import chromium

    with chromium(1280, 1900) as tall:
        search(tall, site, "Pyongyang")
        wait_for_graph(tall, "PRK")
        wait_for_disputes(tall, "PRK")
        tall.find_element(By.CSS_SELECTOR, "#dispute-list .dispute button").click()
        timeline = wait_for_dyad(tall, "PRK:RUS:month")
        assert timeline["source"]["label"] == "North Korea" and timeline["target"]["label"] == "Russia"
        assert tall.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        tall.save_screenshot(str(artifacts / "explorer-analysis.png"))
        assert console_errors(tall) == []
