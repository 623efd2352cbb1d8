"""The public theme in Chromium on the demo site: the phone navigation is one row that scrolls
sideways, card excerpts are clamped to about three lines, the first view is light (one eager
image at most, the lead's), and the demo's fiction note is on its articles only."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

import byline_e2e as e2e

PHONE = 375


@pytest.fixture(scope="module")
def demo_site(module_servers):
    return module_servers.start(demo=True)


def set_viewport(driver, width: int, height: int = 800):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def test_phone_navigation_is_one_row_that_scrolls_sideways(chrome, demo_site):
    set_viewport(chrome, PHONE)
    chrome.get(demo_site.url("/"))
    row = chrome.execute_script("""
        const ul = document.querySelector('.site-nav ul');
        const items = [...ul.querySelectorAll('li')];
        const link = items[0].querySelector('a').getBoundingClientRect();
        return {
          count: items.length,
          tops: [...new Set(items.map(li => Math.round(li.getBoundingClientRect().top)))],
          height: ul.getBoundingClientRect().height, linkHeight: link.height,
          scrollWidth: ul.scrollWidth, clientWidth: ul.clientWidth,
          overflow: getComputedStyle(ul).overflowX,
          page: document.documentElement.scrollWidth,
        };
    """)
    assert row["count"] >= 5, f"the demo's navigation has only {row['count']} links"
    assert len(row["tops"]) == 1, f"the navigation wraps into {len(row['tops'])} rows at {PHONE} px: {row}"
    assert row["height"] < 2 * row["linkHeight"], f"the navigation is taller than one row: {row}"
    assert row["overflow"] in ("auto", "scroll"), row
    assert row["scrollWidth"] > row["clientWidth"], f"the links fit at {PHONE} px; nothing to scroll: {row}"
    assert row["page"] <= PHONE, f"the page itself scrolls sideways: {row}"

    # The last link is off screen, then reachable by scrolling the row (no script of ours).
    last = chrome.find_elements(By.CSS_SELECTOR, ".site-nav li:last-child a")[0]
    assert last.text.strip().lower() == "archive"
    assert last.rect["x"] + last.rect["width"] > PHONE, "the last link was expected past the edge"
    chrome.execute_script("const ul = document.querySelector('.site-nav ul'); ul.scrollLeft = ul.scrollWidth;")
    right = chrome.execute_script(
        "return document.querySelector('.site-nav li:last-child a').getBoundingClientRect().right")
    assert right <= PHONE, f"scrolled to the end, the last link still ends at {right} px"
    last.click()
    e2e.wait_for(lambda: chrome.current_url.endswith("/archive/"), 10)
    assert chrome.current_url.endswith("/archive/")


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_card_excerpts_are_clamped_to_about_three_lines(chrome, demo_site, width):
    set_viewport(chrome, width)
    for path in ["/", e2e.find_tag_path(demo_site)]:
        chrome.get(demo_site.url(path))
        excerpts = chrome.execute_script("""
            return [...document.querySelectorAll('.card-excerpt')].map(p => ({
              height: p.getBoundingClientRect().height,
              line: parseFloat(getComputedStyle(p).lineHeight),
              full: p.scrollHeight, lead: !!p.closest('.card--lead')}));
        """)
        assert len(excerpts) >= 3, f"{path}: {len(excerpts)} excerpts"
        for excerpt in excerpts:
            lines = excerpt["height"] / excerpt["line"]
            # Three lines; the lead story's four.
            assert lines <= (4.2 if excerpt["lead"] else 3.2), f"{path} at {width} px: {lines:.1f} lines: {excerpt}"
            assert lines >= 0.9, f"{path}: an excerpt is empty or hidden: {excerpt}"
        # Positive control: the demo's excerpts are longer than the clamp, so it does cut them.
        assert any(e["full"] > e["height"] + 1 for e in excerpts), f"{path}: no excerpt was clamped"


def test_the_first_view_loads_at_most_one_image_eagerly(chrome, demo_site):
    set_viewport(chrome, 1280, 900)
    chrome.get(demo_site.url("/"))
    eager = chrome.execute_script("""
        return [...document.querySelectorAll('main img')]
          .filter(img => img.getAttribute('loading') !== 'lazy').map(img => img.currentSrc || img.src);
    """)
    assert len(eager) <= 1, f"more than the lead image is loaded eagerly: {eager}"
    lead = chrome.find_elements(By.CSS_SELECTOR, ".card--lead img")
    if lead:
        assert lead[0].get_attribute("loading") != "lazy", "the lead image must not wait for lazy loading"
    # The page and its stylesheet, without images: a light first view.
    sizes = chrome.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        const css = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'link');
        return [nav.decodedBodySize, css.reduce((sum, r) => sum + r.decodedBodySize, 0)];
    """)
    assert sizes[0] < 120_000, f"the home page's HTML is {sizes[0]} bytes"
    assert 0 < sizes[1] < 48_000, f"the stylesheet is {sizes[1]} bytes"


def test_the_demo_note_is_on_articles_not_in_the_footer(demo_site):
    _, home = demo_site.doc("/")
    assert not home.select(".post-note"), "the home page carries an article's note"
    footer = " ".join(p.clean_text for p in home.select(".site-footer p"))
    assert "fiction" not in footer.lower(), f"the footer still says the site is fiction: {footer}"
    _, article = demo_site.doc(e2e.UKPM_PATH)
    notes = article.select("aside.post-note")
    assert len(notes) == 1, f"{e2e.UKPM_PATH}: {len(notes)} notes"
    assert "fiction" in notes[0].text.lower()
