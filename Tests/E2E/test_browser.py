"""A reader in Chromium: home page -> seed article -> READ ALSO; mobile layout."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import byline_e2e as e2e

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/byline-shots")
MOBILE_WIDTH = 375


def text_of(el) -> str:
    # textContent ignores CSS text-transform, so "4 min read" stays as served.
    return e2e.norm_space(el.get_attribute("textContent"))


def one(driver, css: str):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    assert found, f"no element matches {css!r} on {driver.current_url}"
    return found[0]


def current_path(driver) -> str:
    return urllib.parse.urlsplit(driver.current_url).path


def wait_path(driver, path: str, timeout: float = 10):
    try:
        WebDriverWait(driver, timeout, poll_frequency=0.1).until(
            lambda d: current_path(d) == path)
    except TimeoutException:
        raise AssertionError(f"expected to land on {path}, still at {driver.current_url}")


def click(driver, el):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
    el.click()


def first_displayed(driver, css: str):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    assert found, f"no element matches {css!r} on {driver.current_url}"
    for el in found:
        if el.is_displayed():
            return el
    raise AssertionError(f"{len(found)} element(s) match {css!r} on {driver.current_url}, none visible")


def test_reader_opens_seed_from_home_and_follows_read_also(chrome, seeded_site):
    chrome.get(seeded_site.url("/"))
    link = first_displayed(chrome, f'a[href*="{e2e.SEED_SLUG}"]')
    click(chrome, link)
    wait_path(chrome, e2e.SEED_PATH)

    assert text_of(one(chrome, "h1.post-title")) == e2e.SEED_TITLE

    author = one(chrome, "a.post-author")
    assert text_of(author) == e2e.SEED_AUTHOR
    assert urllib.parse.urlsplit(author.get_attribute("href")).path == e2e.SEED_AUTHOR_PATH

    assert text_of(one(chrome, ".post-reading-time")).lower() == e2e.SEED_READING_TIME
    assert text_of(one(chrome, "time.post-date")), "time.post-date is empty"
    one(chrome, ".share")

    article = one(chrome, "article.post[data-post-id]")
    post_id = article.get_attribute("data-post-id")
    assert post_id and post_id.strip().isdigit(), f"data-post-id={post_id!r}"

    paragraphs = chrome.execute_script("""
        return Array.from(document.querySelectorAll('.post-body p'))
          .filter(p => !p.matches('.read-also, .read-also *') && !p.querySelector('.read-also'))
          .map(p => p.textContent.trim());
    """)
    assert len(paragraphs) == e2e.SEED_PARAGRAPHS, paragraphs
    assert paragraphs[0].startswith("In a rare diplomatic development")
    assert paragraphs[-1].startswith("Still, the Istanbul meeting")

    body_text = one(chrome, ".post-body").get_attribute("textContent")
    leaked = [c for c in e2e.PAGE_CHROME if c.lower() in body_text.lower()]
    assert not leaked, f"page chrome inside .post-body: {leaked}"

    read_also = chrome.find_elements(By.CSS_SELECTOR, ".read-also a")
    assert len(read_also) == 1, f"{len(read_also)} '.read-also a' elements"
    assert text_of(read_also[0]) == e2e.UKPM_TITLE
    assert urllib.parse.urlsplit(read_also[0].get_attribute("href")).path == e2e.UKPM_PATH

    click(chrome, read_also[0])
    wait_path(chrome, e2e.UKPM_PATH)
    assert text_of(one(chrome, "h1.post-title")) == e2e.UKPM_TITLE


def set_mobile(driver):
    driver.set_window_size(MOBILE_WIDTH, 800)
    driver.get("about:blank")
    if driver.execute_script("return window.innerWidth") != MOBILE_WIDTH:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": MOBILE_WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})


def test_no_horizontal_scroll_at_375px(chrome, seeded_site):
    pages = ["/", e2e.SEED_PATH, e2e.find_tag_path(seeded_site), "/archive/"]
    set_mobile(chrome)
    problems = []
    for path in pages:
        chrome.get(seeded_site.url(path))
        inner, scroll, culprits = chrome.execute_script("""
            const w = document.documentElement.clientWidth;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.right > w + 0.5 && wide.length < 5)
                wide.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '') + ' right=' + Math.round(r.right));
            }
            return [window.innerWidth, document.documentElement.scrollWidth, wide];
        """)
        assert inner == MOBILE_WIDTH, f"window.innerWidth is {inner}, want {MOBILE_WIDTH}"
        if scroll > MOBILE_WIDTH:
            problems.append(f"{path}: scrollWidth {scroll} > {MOBILE_WIDTH}; widest: {culprits}")
    assert not problems, "\n".join(problems)


def test_mobile_viewport_meta(seeded_site):
    for path in ["/", e2e.SEED_PATH]:
        _, doc = seeded_site.doc(path)
        metas = [m for m in doc.select("meta[name=viewport]")]
        assert metas and "width=device-width" in metas[0].get("content", "").replace(" ", ""), \
            f"{path}: no <meta name=viewport content=width=device-width...>"


def test_save_screenshots(chrome, seeded_site):
    """For humans: /tmp/byline-shots/{home,article}-{1280,375}.png (not asserted)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in [(1280, 900), (MOBILE_WIDTH, 800)]:
        if width == MOBILE_WIDTH:
            set_mobile(chrome)
        else:
            chrome.set_window_size(width, height)
        for name, path in [("home", "/"), ("article", e2e.SEED_PATH)]:
            chrome.get(seeded_site.url(path))
            chrome.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
