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


def location_of(site, resp) -> str:
    loc = resp.header("Location")
    assert loc, f"no Location header: {resp.describe()}"
    return e2e.url_path(loc, site.url("/"))


def test_healthz_is_200_and_never_redirected(site):
    for path in ["/healthz", "/healthz?probe=1"]:
        resp = site.get(path)
        assert resp.status == 200, resp.describe()


@pytest.mark.parametrize("which", ["/", e2e.SEED_PATH, e2e.SEED_AUTHOR_PATH, "/archive/", "tag"])
def test_content_pages_are_200_html(site, tag_path, which):
    path = tag_path if which == "tag" else which
    resp = site.get(path)
    assert resp.status == 200, resp.describe()
    assert resp.header("Content-Type", "").startswith("text/html"), resp.describe()


def redirect_cases(tag_path):
    tag = tag_path.rstrip("/")
    return [
        (f"/{e2e.SEED_SLUG}", f"/{e2e.SEED_SLUG}/"),
        (tag, tag + "/"),
        ("/author/abiola", "/author/abiola/"),
        ("/archive", "/archive/"),
        ("/page/2", "/page/2/"),
        (f"/{e2e.SEED_SLUG}?utm_source=e2e&x=1", f"/{e2e.SEED_SLUG}/?utm_source=e2e&x=1"),
        ("/archive?ref=e2e", "/archive/?ref=e2e"),
        (tag + "?a=1&b=two", tag + "/?a=1&b=two"),
    ]


def test_missing_trailing_slash_redirects_301_keeping_query(site, tag_path):
    problems = []
    for path, want in redirect_cases(tag_path):
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


@pytest.mark.parametrize("which", ["home", "article", "archive", "tag"])
def test_html_has_no_cache_and_strong_etag_with_304(site, tag_path, which):
    path = {"home": "/", "article": e2e.SEED_PATH, "archive": "/archive/", "tag": tag_path}[which]
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
