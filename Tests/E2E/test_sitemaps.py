"""The demo site's sitemaps, checked as a search engine reads them.

Every sitemap is validated against Byline's own XML Schema for the Sitemaps protocol 0.9
(schemas/sitemap.xsd, written from the protocol's description), then against the protocol's
rules a schema cannot express: the index and every child on this site's origin, at most 50 MB
each, and every listed page answering 200 with itself as its canonical address and not marked
`noindex` (a sitemap listing duplicates or hidden pages wastes a crawler's visits). The schema
refuses a broken document first, so a lenient schema cannot pass everything.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import byline_e2e as e2e

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "sitemap.xsd"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MAX_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def test_the_schema_refuses_what_the_protocol_forbids(schema):
    """The positive control: each of these breaks one protocol rule, and the schema must say so."""
    broken = [
        "<urlset xmlns='{ns}'><url><loc>/relative/</loc></url></urlset>",
        "<urlset xmlns='{ns}'><url><loc>http://127.0.0.1/a/</loc><lastmod>yesterday</lastmod></url></urlset>",
        "<urlset xmlns='{ns}'><url><loc>http://127.0.0.1/a/</loc><priority>2</priority></url></urlset>",
        "<urlset xmlns='{ns}'><url><loc>http://127.0.0.1/a/</loc><changefreq>often</changefreq></url></urlset>",
        "<urlset xmlns='{ns}'><url><lastmod>2026-01-01</lastmod></url></urlset>",
        "<sitemapindex xmlns='{ns}'></sitemapindex>",
        "<urlset xmlns='http://example.com/other'><url><loc>http://127.0.0.1/a/</loc></url></urlset>",
    ]
    for text in broken:
        document = etree.fromstring(text.format(ns=NS["sm"]).encode())
        assert not schema.validate(document), f"the schema accepted {text}"
    fine = "<urlset xmlns='{ns}'><url><loc>http://127.0.0.1/a/</loc><lastmod>2026-01-01T10:00:00Z</lastmod></url></urlset>"
    assert schema.validate(etree.fromstring(fine.format(ns=NS["sm"]).encode())), schema.error_log


def read_sitemap(site, path, schema):
    resp = site.get(path)
    assert resp.status == 200, resp.describe()
    assert resp.header("Content-Type").startswith(("application/xml", "text/xml")), resp.describe()
    assert len(resp.body) <= MAX_BYTES, f"{path} is {len(resp.body)} bytes"
    assert resp.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), resp.body[:80]
    document = etree.fromstring(resp.body)
    assert schema.validate(document), f"{path}: {schema.error_log}"
    return document


def test_every_sitemap_is_valid_and_lists_only_canonical_pages(seeded_site, schema):
    origin = seeded_site.url("/").rstrip("/")
    index = read_sitemap(seeded_site, "/sitemap.xml", schema)
    assert etree.QName(index).localname == "sitemapindex"
    children = index.xpath("sm:sitemap/sm:loc/text()", namespaces=NS)
    assert children, "the index names no sitemap"

    pages = []
    for loc in children:
        assert loc.startswith(origin + "/"), f"{loc} is not on {origin}"
        child = read_sitemap(seeded_site, e2e.url_path(loc, origin + "/"), schema)
        assert etree.QName(child).localname == "urlset", loc
        pages += child.xpath("sm:url/sm:loc/text()", namespaces=NS)

    assert len(pages) == len(set(pages)), "a page is listed twice"
    assert origin + e2e.SEED_PATH in pages, "the seed article is not listed"
    for loc in pages:
        assert loc.startswith(origin + "/"), f"{loc} is not on {origin}"
        resp = seeded_site.get(e2e.url_path(loc, origin + "/"))
        assert resp.status == 200, f"{loc}: {resp.describe()}"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', resp.text)
        assert canonical and canonical.group(1) == loc, f"{loc} names {canonical and canonical.group(1)} canonical"
        assert 'name="robots" content="noindex' not in resp.text, f"{loc} is listed but noindex"


def test_robots_names_the_index_by_its_absolute_address(seeded_site):
    robots = seeded_site.get("/robots.txt")
    assert robots.status == 200, robots.describe()
    named = re.findall(r"^Sitemap: (\S+)$", robots.text, re.M)
    assert named == [seeded_site.url("/sitemap.xml")], robots.text
