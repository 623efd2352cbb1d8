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


RSS_PATHS = ["/rss/", "/tag/europe/rss/", "/author/mara-ellison/rss/"]
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


@pytest.mark.parametrize("path", RSS_PATHS)
def test_every_rss_feed_keeps_the_rules_feedparser_forgives(seeded_site, path):
    """RSS 2.0's required elements and dates, the feed's own address, and absolute links inside
    the entries: feedparser reads a feed with relative links or a wrong self link without a
    complaint, but a reader showing the entry elsewhere cannot follow them."""
    import email.utils
    from lxml import etree, html as lxml_html

    origin = seeded_site.url("/").rstrip("/")
    resp = seeded_site.get(path)
    assert resp.header("Content-Type").startswith("application/rss+xml"), resp.describe()
    rss = etree.fromstring(resp.body)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channels = rss.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), f"{path}: channel has no {required}"
    assert channel.findtext("link").startswith(origin + "/")
    selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in selfs] == [origin + path], f"{path}: self link {selfs}"
    assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")).tzinfo is not None

    items = channel.findall("item")
    assert items, f"{path} has no items"
    guids = []
    links_checked = 0
    for item in items:
        title = item.findtext("title") or ""
        assert title.strip() or (item.findtext("description") or "").strip(), "an item needs a title or description"
        link = item.findtext("link") or ""
        assert link.startswith(origin + "/"), f"{title}: link {link!r}"
        guid = item.find("guid")
        assert guid is not None and guid.text, f"{title}: no guid"
        if guid.get("isPermaLink", "true") == "true":
            assert guid.text.startswith("http"), f"{title}: permalink guid {guid.text!r}"
        guids.append(guid.text)
        published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert published.tzinfo is not None, f"{title}: pubDate without a zone"
        for field in ("description", CONTENT_ENCODED):
            text = item.findtext(field)
            if not text or "<" not in text:
                continue
            fragment = lxml_html.fragment_fromstring(text, create_parent="div")
            for element in fragment.iter():
                for attribute in ("href", "src"):
                    value = element.get(attribute)
                    if value is not None:
                        links_checked += 1
                        assert re.match(r"(https?:|mailto:)", value), f"{title}: relative {attribute}={value!r}"
    assert len(guids) == len(set(guids)), f"{path}: two items share a guid"
    if path == "/rss/":
        # The seed article's READ ALSO is a link in its entry: the check above had work to do.
        assert links_checked > 0, "no link inside any entry was checked"
