"""The explorer page in headless Chromium against a live `geokg serve` holding our test article.

A person's path through the page: search "Pyongyang", see North Korea's
relations drawn with the PRK–RUS edges, click an edge on the canvas and read
its evidence with the relation's words marked, do the same from the keyboard,
filter, replay the timeline, export the view. Screenshots and the page's own
timings go to tests/artifacts/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from live import chromium
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

pytestmark = pytest.mark.slow

WEAPONS = "PRK:providesWeaponsTo:RUS"


def search(driver: webdriver.Chrome, site: str, name: str) -> None:
    driver.get(site + "/")
    box = driver.find_element(By.ID, "query")
    box.send_keys(name)
    box.send_keys(Keys.ENTER)


def wait_for_graph(driver: webdriver.Chrome, entity: str) -> dict[str, Any]:
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "graph").get_attribute("data-rendered") == entity)
    return driver.execute_script("return window.geokgExplorer.timings")  # type: ignore[no-any-return]


def drawn_edges(driver: webdriver.Chrome) -> set[tuple[str, str, str]]:
    rows = driver.execute_script("""return window.geokgExplorer.cy.edges(':visible').map(
        (e) => [e.source().id(), e.data('predicate'), e.target().id()]);""")
    return {tuple(row) for row in rows}


def listed_edges(driver: webdriver.Chrome) -> list[str]:
    """The relations in the list, read in one go (the list is rebuilt while filters change)."""
    return driver.execute_script(  # type: ignore[no-any-return]
        "return Array.from(document.querySelectorAll('#edge-list button'), (b) => b.firstChild.textContent);")


def wait_for_evidence(driver: webdriver.Chrome) -> str:
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence-body .claim mark"))
    return driver.find_element(By.ID, "evidence-body").text


def console_errors(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_search_draw_click_an_edge_and_read_its_evidence(site: str, browser: webdriver.Chrome,
                                                         artifacts: Path) -> None:
    browser.get(site + "/")
    assert "Search for an entity" in browser.find_element(By.ID, "status").text
    assert browser.find_element(By.ID, "relations-empty").text == "No entity chosen yet."

    search(browser, site, "Pyongyang")
    timings = wait_for_graph(browser, "PRK")
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("North Korea") and "Pyongyang" in status
    edges = drawn_edges(browser)
    assert ("PRK", "providesWeaponsTo", "RUS") in edges
    assert {(s, o) for s, _, o in edges} >= {("PRK", "RUS"), ("RUS", "PRK")}
    assert "North Korea → provides weapons to → Russia" in listed_edges(browser)

    graph = browser.find_element(By.ID, "graph")
    x, y = browser.execute_script(
        "const p = window.geokgExplorer.cy.$id(arguments[0]).renderedMidpoint(); return [p.x, p.y];", WEAPONS)
    ActionChains(browser).move_to_element_with_offset(
        graph, x - graph.rect["width"] / 2, y - graph.rect["height"] / 2).click().perform()
    evidence = wait_for_evidence(browser)
    assert evidence.startswith("North Korea → provides weapons to → Russia")
    assert "North Korea has shipped more than a million artillery shells to Russia" in evidence
    marked = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#evidence-body .claim mark")]
    assert "shipped" in marked  # the claimed relation's words are highlighted in its sentence
    assert "according to" in evidence and "published 2023-10-12" in evidence
    link = browser.find_element(By.CSS_SELECTOR, "#evidence-body .claim .source a")
    assert link.get_attribute("href") == "https://news.example/rail-shells"
    pressed = browser.find_element(By.CSS_SELECTOR, "#edge-list button[aria-pressed='true']")
    assert pressed.get_attribute("data-edge") == WEAPONS
    browser.save_screenshot(str(artifacts / "explorer.png"))
    (artifacts / "explorer-timings.json").write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")
    assert console_errors(browser) == []


def test_the_keyboard_reaches_every_edge_and_the_filters(site: str, browser: webdriver.Chrome) -> None:
    search(browser, site, "Pyongyang")
    wait_for_graph(browser, "PRK")
    buttons = browser.find_elements(By.CSS_SELECTOR, "#edge-list button")
    target = next(b for b in buttons if b.text.startswith("United States → criticizes → North Korea"))
    target.send_keys(Keys.ENTER)
    evidence = wait_for_evidence(browser)
    assert "Washington criticized Pyongyang over the arms transfers." in evidence
    assert browser.find_element(By.CSS_SELECTOR, "#evidence-body mark").text == "criticized"
    assert browser.execute_script("return window.geokgExplorer.cy.$('edge.chosen').id()") == "USA:criticizes:PRK"

    timeline = browser.find_element(By.ID, "timeline")
    timeline.send_keys(Keys.HOME)  # the first month: only the September pact was seen by then
    assert browser.find_element(By.ID, "timeline-value").text == "relations first seen by 2023-09"
    assert all("agree" in edge for edge in listed_edges(browser)) and len(listed_edges(browser)) == 3
    assert ("PRK", "providesWeaponsTo", "RUS") not in drawn_edges(browser)
    assert "until=2023-09-30" in (browser.find_element(By.ID, "export-link").get_attribute("href") or "")
    timeline.send_keys(Keys.END)
    assert len(listed_edges(browser)) == 5

    confidence = browser.find_element(By.ID, "confidence")
    confidence.send_keys(Keys.END)  # 1.00: nothing is that sure
    assert listed_edges(browser) == []
    assert "No relation passes the filters" in browser.find_element(By.ID, "relations-empty").text
    confidence.send_keys(Keys.HOME)
    browser.find_element(By.CSS_SELECTOR, "#predicate-list input[value='providesWeaponsTo']").send_keys(Keys.SPACE)
    assert "North Korea → provides weapons to → Russia" not in listed_edges(browser)

    browser.find_element(By.ID, "negative").send_keys(Keys.SPACE)  # denials come from the service: a reload
    WebDriverWait(browser, 15).until(
        lambda d: any("(denied)" in text for text in listed_edges(d)))
    assert console_errors(browser) == []


def test_the_export_link_downloads_the_view_shown(site: str, browser: webdriver.Chrome) -> None:
    search(browser, site, "Pyongyang")
    wait_for_graph(browser, "PRK")
    Select(browser.find_element(By.ID, "export-format")).select_by_value("gexf")
    href = browser.find_element(By.ID, "export-link").get_attribute("href") or ""
    assert "format=gexf" in href and "entity=PRK" in href
    answer = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async (r) => done([r.status, await r.text()]));""", href)
    assert answer[0] == 200 and 'mode="dynamic"' in answer[1] and 'id="PRK:providesWeaponsTo:RUS"' in answer[1]


def test_empty_states_and_mistakes_are_explained(site: str, browser: webdriver.Chrome) -> None:
    browser.get(site + "/")
    browser.find_element(By.ID, "query").send_keys(Keys.ENTER)
    status = browser.find_element(By.ID, "status")
    assert "Type a name first" in status.text and status.get_attribute("role") == "alert"
    search(browser, site, "Atlantis")
    WebDriverWait(browser, 15).until(lambda d: "Nothing in the graph is called" in d.find_element(By.ID, "status").text)
    search(browser, site, "Pyongyang")
    wait_for_graph(browser, "PRK")
    browser.find_element(By.ID, "since").send_keys("last week")
    assert "takes a year, a month or a day" in browser.find_element(By.ID, "status").text


def test_a_narrow_screen_stacks_the_panels_without_sideways_scrolling(site: str, artifacts: Path) -> None:
    with chromium(390, 844) as phone:
        search(phone, site, "Pyongyang")
        wait_for_graph(phone, "PRK")
        assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        assert phone.find_element(By.ID, "filters").get_attribute("open") is None  # folded to save room
        graph, relations = phone.find_element(By.ID, "graph"), phone.find_element(By.ID, "relations")
        assert relations.rect["y"] > graph.rect["y"] and relations.rect["width"] > 300
        phone.save_screenshot(str(artifacts / "explorer-narrow.png"))


def test_a_busy_entity_shows_its_best_sourced_relations_and_more_on_demand(site: str, browser: webdriver.Chrome,
                                                                         artifacts: Path) -> None:
    browser.get(site + "/")
    browser.execute_script("window.geokgExplorer.show({id: 'PRK', label: 'North Korea'}, 1)")
    wait_for_graph(browser, "PRK")
    bounded = browser.find_element(By.ID, "bounded")
    assert bounded.is_displayed() and "Showing the 1 best-sourced of" in bounded.text
    assert drawn_edges(browser) == {("PRK", "providesWeaponsTo", "RUS")}
    browser.save_screenshot(str(artifacts / "explorer-bounded.png"))
    browser.find_element(By.ID, "more").click()
    WebDriverWait(browser, 15).until(lambda d: len(drawn_edges(d)) == 2)
    assert console_errors(browser) == []
