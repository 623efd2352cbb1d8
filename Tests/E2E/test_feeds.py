"""Every feed of the demo site, read by Python's feedparser as a feed reader would (RSS; the
JSON Feed by its required fields, as feedparser 6.0 does not read that format).

feedparser sets `bozo` when a feed is not well-formed or breaks its format; every feed must
parse cleanly, list its entries with titles and links, and be advertised with
`<link rel="alternate">` on the pages it belongs to. The seed article is imported so that a
real article with non-ASCII punctuation is in every feed.
"""

from __future__ import annotations

import json
import re

import feedparser
import pytest


@pytest.mark.parametrize("path", ["/rss/", "/tag/europe/rss/", "/author/mara-ellison/rss/"])
def test_every_feed_parses_cleanly(seeded_site, path):
    resp = seeded_site.get(path)
    assert resp.status == 200, resp.describe()
    feed = feedparser.parse(resp.body, response_headers={"content-type": resp.header("Content-Type")})
    assert feed.bozo == 0, f"{path}: {feed.get('bozo_exception')}"
    assert feed.entries, f"{path} lists no entries"
    for entry in feed.entries:
        assert entry.title and entry.link.startswith("http"), entry
    if path.startswith("/tag/"):
        assert feed.feed.title.startswith("Europe – "), feed.feed.title
    if path.startswith("/author/"):
        assert all(entry.get("author") == "Mara Ellison" for entry in feed.entries if "author" in entry)


def test_the_json_feed_follows_json_feed_1_1(seeded_site):
    """feedparser 6.0 (the newest on PyPI) reads no JSON Feed: the format's required fields by hand."""
    resp = seeded_site.get("/feed.json")
    assert resp.status == 200 and resp.header("Content-Type").startswith("application/feed+json"), resp.describe()
    feed = json.loads(resp.body)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"].endswith("/feed.json") and feed["home_page_url"]
    assert feed["items"], "no items"
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith("http") and item["title"], item
        assert item.get("content_html") or item.get("content_text"), item


def test_the_seed_article_is_in_the_site_feed(seeded_site):
    feed = feedparser.parse(seeded_site.get("/rss/").body)
    titles = [entry.title for entry in feed.entries]
    assert "Russia and Ukraine Hold First Direct Peace Talks in Three Years in Turkey" in titles


def test_pages_advertise_their_feeds(seeded_site):
    home = seeded_site.get("/").text
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/rss/"' in home
    assert 'type="application/feed+json"' in home and 'href="/feed.json"' in home
    tag = seeded_site.get("/tag/europe/").text
    assert 'href="/tag/europe/rss/"' in tag
    author = seeded_site.get("/author/mara-ellison/").text
    assert 'href="/author/mara-ellison/rss/"' in author
    # Each advertised feed answers.
    for href in re.findall(r'<link rel="alternate"[^>]*href="([^"]+)"', tag):
        assert seeded_site.get(href).status == 200, href
