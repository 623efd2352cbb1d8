"""HTTP contract: statuses, trailing-slash redirects, caching headers, odd requests."""

from __future__ import annotations

import re
import urllib.parse

import pytest

import byline_e2e as e2e


@pytest.fixture(scope="module")
def site(seeded_site):
    return seeded_site


@pytest.fixture(scope="module")
def tag_path(site):
    return e2e.find_tag_path(site)


def month_paths(site) -> list:
    """The /archive/YYYY/MM/ pages that /archive/ links to, in page order."""
    resp = site.get("/archive/")
    assert resp.status == 200, resp.describe()
    found = e2e.links(e2e.parse_html(resp.text), site.url("/archive/"), "/archive/")
    return [p for p in found if re.fullmatch(r"/archive/\d{4}/\d{2}/", p)]


@pytest.fixture(scope="module")
def month_path(site):
    """The archive month of the UK PM article (18 May 2026)."""
    months = month_paths(site)
    assert "/archive/2026/05/" in months, f"/archive/ links to months {months}"
    return "/archive/2026/05/"


def location_of(site, resp) -> str:
    loc = resp.header("Location")
    assert loc, f"no Location header: {resp.describe()}"
    return e2e.url_path(loc, site.url("/"))


def test_healthz_is_200_and_never_redirected(site):
    for path in ["/healthz", "/healthz?probe=1"]:
        resp = site.get(path)
        assert resp.status == 200, resp.describe()


@pytest.mark.parametrize("which", ["/", e2e.SEED_PATH, e2e.SEED_AUTHOR_PATH, "/archive/", "tag", "month"])
def test_content_pages_are_200_html(site, tag_path, month_path, which):
    path = {"tag": tag_path, "month": month_path}.get(which, which)
    resp = site.get(path)
    assert resp.status == 200, resp.describe()
    assert resp.header("Content-Type", "").startswith("text/html"), resp.describe()


def redirect_cases(tag_path, month_path):
    tag = tag_path.rstrip("/")
    month = month_path.rstrip("/")
    return [
        (f"/{e2e.SEED_SLUG}", f"/{e2e.SEED_SLUG}/"),
        (tag, tag + "/"),
        ("/author/abiola", "/author/abiola/"),
        ("/archive", "/archive/"),
        ("/page/2", "/page/2/"),
        (f"/{e2e.SEED_SLUG}?utm_source=e2e&x=1", f"/{e2e.SEED_SLUG}/?utm_source=e2e&x=1"),
        ("/archive?ref=e2e", "/archive/?ref=e2e"),
        (tag + "?a=1&b=two", tag + "/?a=1&b=two"),
        (month, month + "/"),
        (month + "/page/1/", month + "/"),
    ]


def test_missing_trailing_slash_redirects_301_keeping_query(site, tag_path, month_path):
    problems = []
    for path, want in redirect_cases(tag_path, month_path):
        resp = site.get(path)
        if resp.status != 301:
            problems.append(f"GET {path}: status {resp.status}, want 301 -> {want}")
            continue
        got = location_of(site, resp)
        if got != want:
            problems.append(f"GET {path}: Location {resp.header('Location')!r}, want {want!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [
    "/this-post-does-not-exist/",
    "/tag/no-such-tag-e2e/",
    "/author/no-such-author-e2e/",
    "/some/deeply/nested/unknown/path/",
    "/archive/1999/01/",
    "/archive/2026/13/",
    "/archive/2026/05/page/99/",
    "/sitemap-posts-999999.xml",
])
def test_unknown_paths_are_404_html(site, path):
    resp = site.get(path)
    assert resp.status == 404, resp.describe()
    assert resp.header("Content-Type", "").startswith("text/html"), resp.describe()
    assert "<html" in resp.text.lower(), resp.describe()


def test_percent_encoded_junk_is_404(site):
    resp = site.get("/%ff%fe/")
    assert resp.status == 404, resp.describe()
    for path in ["/%E2%82/", "/%00/", "/tag/%ff/", "/%2e%2e/%2e%2e/etc/passwd/", "/%zz/"]:
        resp = site.get(path)
        assert 400 <= resp.status < 500, f"GET {path}: {resp.describe()}"


@pytest.mark.parametrize("which", ["home", "article", "archive", "month", "tag"])
def test_html_has_no_cache_and_strong_etag_with_304(site, tag_path, month_path, which):
    path = {"home": "/", "article": e2e.SEED_PATH, "archive": "/archive/", "month": month_path,
            "tag": tag_path}[which]
    first = site.get(path)
    assert first.status == 200, first.describe()
    cache = [d.strip().lower() for d in (first.header("Cache-Control") or "").split(",")]
    assert cache == ["no-cache"], f"Cache-Control {first.header('Cache-Control')!r}, want 'no-cache'"
    etag = first.header("ETag")
    assert etag and re.fullmatch(r'"[^"\s]+"', etag), f"want a strong ETag, got {etag!r}"

    second = site.get(path)
    assert second.header("ETag") == etag, "ETag changes between identical GETs"

    cached = site.get(path, headers={"If-None-Match": etag})
    assert cached.status == 304, cached.describe()
    assert cached.body == b"", f"304 with a body: {cached.body[:200]!r}"

    stale = site.get(path, headers={"If-None-Match": '"not-the-current-etag"'})
    assert stale.status == 200, stale.describe()


@pytest.mark.parametrize("path", ["/", e2e.SEED_PATH])
def test_head_gives_headers_without_body(site, path):
    get = site.get(path)
    head, body = e2e.raw_http("127.0.0.1", site.port, (
        f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1:{site.port}\r\nConnection: close\r\n\r\n"
    ).encode())
    status_line, *header_lines = head.split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
    assert status_line.split()[1] == "200", head
    assert body == b"", f"HEAD answered with a body: {body[:200]!r}"
    assert headers.get("content-type", "").startswith("text/html"), head
    assert headers.get("etag") == get.header("ETag"), head
    assert headers.get("cache-control") == get.header("Cache-Control"), head


def test_stylesheet_is_fingerprinted_and_cached_forever(site):
    home = e2e.parse_html(site.get("/").text)
    hrefs = [e2e.url_path(l.get("href", ""), site.url("/"))
             for l in home.select("link[rel=stylesheet]")]
    styles = [h for h in hrefs if re.fullmatch(r"/assets/style\.[A-Za-z0-9_-]+\.css", h)]
    assert styles, f"no /assets/style.<hash>.css stylesheet link; stylesheet links: {hrefs}"
    resp = site.get(styles[0])
    assert resp.status == 200, resp.describe()
    assert resp.header("Content-Type", "").startswith("text/css"), resp.describe()
    cache = {d.strip().lower() for d in (resp.header("Cache-Control") or "").split(",")}
    assert cache == {"public", "max-age=31536000", "immutable"}, resp.describe()
    assert resp.body, "empty stylesheet"


def test_post_to_home_is_rejected_cleanly(site):
    resp = site.get("/", method="POST", data=b"title=x&body=y",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert resp.status in (404, 405), resp.describe()


def test_ten_kilobyte_url_is_a_client_error(site):
    path = "/" + "a" * 10240 + "/"
    try:
        resp = site.get(path, timeout=10)
    except OSError as err:
        pytest.fail(f"GET of a 10 KB path got no HTTP answer: {err!r}")
    assert 400 <= resp.status < 500, resp.describe()
    # and the server still works afterwards
    assert site.get("/healthz").status == 200


def test_archive_lists_months_and_a_month_lists_its_posts(site, month_path):
    archive = site.get("/archive/")
    assert e2e.UKPM_PATH not in archive.text, "/archive/ lists months, not posts"
    months = month_paths(site)
    assert months == sorted(months, reverse=True), f"months not newest first: {months}"
    month = site.get(month_path)
    assert month.status == 200, month.describe()
    posts = e2e.links(e2e.parse_html(month.text), site.url(month_path), "/")
    assert e2e.UKPM_PATH in posts, f"{month_path} does not link to {e2e.UKPM_PATH}: {posts}"


def sitemap_locations(text: str) -> list:
    return re.findall(r"<loc>([^<]+)</loc>", text)


def test_sitemap_is_an_index_whose_children_list_every_page(site, tag_path):
    index = site.get("/sitemap.xml")
    assert index.status == 200, index.describe()
    assert index.header("Content-Type", "").startswith("application/xml"), index.describe()
    assert "<sitemapindex" in index.text and "<urlset" not in index.text, index.text[:500]
    children = [e2e.url_path(loc, site.url("/")) for loc in sitemap_locations(index.text)]
    assert "/sitemap-pages.xml" in children, children
    assert "/sitemap-posts-1.xml" in children, children
    listed = []
    for child in children:
        resp = site.get(child)
        assert resp.status == 200, resp.describe()
        assert "<urlset" in resp.text, resp.text[:500]
        listed += [e2e.url_path(loc, site.url("/")) for loc in sitemap_locations(resp.text)]
    for path in ["/", "/archive/", e2e.SEED_PATH, e2e.UKPM_PATH, e2e.SEED_AUTHOR_PATH, tag_path]:
        assert path in listed, f"{path} is in no child sitemap"
    robots = site.get("/robots.txt")
    assert re.search(r"^Sitemap: \S+/sitemap\.xml$", robots.text, re.M), robots.text
