"""Site search on the demo site with the seed article: the masthead's form finds an article
over plain HTTP and in Chromium (with and without JavaScript: the form is a plain GET), the
query is echoed escaped, snippets mark the matching words, the page is `noindex` and never
cached, and the box fits a 375 px screen without horizontal scrolling.

Screenshots of the results page at 1280 and 375 px go to /tmp/byline-shots/search-*.png.
"""

from __future__ import annotations

import html
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import byline_e2e as e2e
from test_member_signup_browser import MOBILE_WIDTH, no_overflow, set_width, wait_until

SHOTS = Path("/tmp/byline-shots")


def search(server, query: str) -> e2e.Response:
    return server.get("/search?q=" + urllib.parse.quote(query))


def test_the_masthead_form_is_a_labelled_get_to_search(seeded_site):
    home = seeded_site.get("/").text
    assert '<form class="masthead-search" role="search" aria-label="Site search" action="/search" method="get">' in home
    assert 'id="masthead-search-q" type="search" name="q" aria-label="Search stories"' in home


def test_a_search_finds_the_seed_article_by_title_and_body_words(seeded_site):
    resp = search(seeded_site, "Ukraine Turkey")
    assert resp.status == 200, resp.describe()
    page = resp.text
    assert f'href="{e2e.SEED_PATH}"' in page, "the seed article is listed"
    assert "<mark>Ukraine</mark>" in page
    assert '<meta name="robots" content="noindex">' in page
    assert resp.header("Cache-Control") == "private, no-cache"
    # A phrase of the seed's title as typed, in quotes.
    phrase = search(seeded_site, '"direct peace talks"')
    assert f'href="{e2e.SEED_PATH}"' in phrase.text
    assert "0 results" in search(seeded_site, "zzyzxnonexistentword").text


def test_hostile_queries_are_echoed_inert(seeded_site):
    for query in ['"><script>alert(1)</script>', "NEAR(", "a AND OR", "'; DROP TABLE posts; --", '"', "*"]:
        resp = search(seeded_site, query)
        assert resp.status == 200, f"{query}: {resp.describe()}"
        assert "<script>alert(1)" not in resp.text
    echoed = search(seeded_site, '"><script>alert(1)</script>').text
    assert 'value="' + html.escape('"><script>alert(1)</script>', quote=True).replace("&#x27;", "&#39;") + '"' in echoed


def test_an_empty_search_asks_for_a_term(seeded_site):
    for path in ["/search", "/search?q=", "/search?q=%20%20"]:
        resp = seeded_site.get(path)
        assert resp.status == 200, resp.describe()
        assert "Enter a search term" in resp.text


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, MOBILE_WIDTH])
def test_the_masthead_box_searches_in_chromium(chrome, seeded_site, width):
    set_width(chrome, width)
    chrome.get(seeded_site.url("/"))
    box = chrome.find_element(By.ID, "masthead-search-q")
    assert box.is_displayed()
    no_overflow(chrome, f"home at {width} px")
    box.send_keys("peace talks", Keys.ENTER)
    wait_until(chrome, "the results page", lambda d: "/search?q=" in d.current_url)
    results = chrome.find_elements(By.CSS_SELECTOR, ".search-result-title a")
    assert any(r.get_attribute("href").endswith(e2e.SEED_PATH) for r in results)
    assert chrome.find_element(By.ID, "search-page-q").get_attribute("value") == "peace talks"
    marks = chrome.find_elements(By.CSS_SELECTOR, ".search-result-snippet mark, .search-result-title mark")
    assert marks and all(m.text.lower() in ("peace", "talks") for m in marks)
    no_overflow(chrome, f"results at {width} px")
    SHOTS.mkdir(parents=True, exist_ok=True)
    chrome.save_screenshot(str(SHOTS / f"search-{width}.png"))
