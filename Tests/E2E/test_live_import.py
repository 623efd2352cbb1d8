"""Importing into a running site: shows within 2 s, updates keep URL and id,
READ ALSO resolves when its target arrives later."""

from __future__ import annotations

import urllib.parse

import byline_e2e as e2e

OLD_PARAGRAPH = ("The last time representatives from both countries sat down for formal peace "
                 "discussions was in March 2022, just a month after Russia launched its "
                 "full-scale invasion.")
NEW_PARAGRAPH = ("Edited by the end-to-end suite: negotiators last met formally in the spring "
                 "of 2022, weeks after the full-scale invasion began.")


def page_state(server, path):
    resp = server.get(path)
    return resp, (e2e.parse_html(resp.text) if resp.status == 200 else None)


def post_id_on_page(doc):
    article = doc.select_one("article.post[data-post-id]")
    assert article is not None, "no article.post[data-post-id]"
    return int(article.get("data-post-id"))


def test_import_while_serving_creates_then_updates(servers, tmp_path, seed_text):
    server = servers.start(demo=True)
    resp = server.get(e2e.SEED_PATH)
    assert resp.status == 404, resp.describe()
    count_before = e2e.post_count(server.data_dir)

    proc = e2e.run_import(server.data_dir, e2e.SEED_FILE)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert proc.stdout.splitlines() == [f"created {e2e.SEED_SLUG} {e2e.SEED_TITLE}"], \
        e2e.describe_proc(proc)

    def live():
        if server.get(e2e.SEED_PATH).status != 200:
            return False
        home = server.get("/")
        return e2e.SEED_PATH in e2e.links(e2e.parse_html(home.text), server.url("/"), e2e.SEED_SLUG)

    ok, elapsed = e2e.wait_for(live, e2e.LIVE_TIMEOUT)
    assert ok, (f"within {e2e.LIVE_TIMEOUT} s of import the seed is not both 200 at "
                f"{e2e.SEED_PATH} and linked from /: {server.get(e2e.SEED_PATH).describe()}")

    _, doc = page_state(server, e2e.SEED_PATH)
    page_id = post_id_on_page(doc)
    assert e2e.post_id_by_slug(server.data_dir, e2e.SEED_SLUG) == page_id
    count_after_create = e2e.post_count(server.data_dir)
    assert count_after_create == count_before + 1

    assert OLD_PARAGRAPH in seed_text, "fixture changed; update OLD_PARAGRAPH"
    edited = tmp_path / "seed-edited.txt"
    edited.write_text(seed_text.replace(OLD_PARAGRAPH, NEW_PARAGRAPH), encoding="utf-8")
    proc = e2e.run_import(server.data_dir, edited)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert proc.stdout.splitlines() == [f"updated {e2e.SEED_SLUG} {e2e.SEED_TITLE}"], \
        e2e.describe_proc(proc)

    def updated():
        resp, doc = page_state(server, e2e.SEED_PATH)
        if doc is None:
            return None
        paragraphs = [p.clean_text for p in e2e.body_paragraphs(doc)]
        if NEW_PARAGRAPH in paragraphs and OLD_PARAGRAPH not in paragraphs:
            return doc
        return None

    doc, elapsed = e2e.wait_for(updated, e2e.LIVE_TIMEOUT)
    assert doc is not None, (f"edited paragraph not shown at {e2e.SEED_PATH} within "
                             f"{e2e.LIVE_TIMEOUT} s of re-import")
    assert len(e2e.body_paragraphs(doc)) == e2e.SEED_PARAGRAPHS
    assert post_id_on_page(doc) == page_id, "re-import changed the post id on the page"
    assert e2e.post_id_by_slug(server.data_dir, e2e.SEED_SLUG) == page_id
    assert e2e.post_count(server.data_dir) == count_after_create, "re-import added a row"


def body_links_do_not_404(server, doc, page_path):
    base = server.url(page_path)
    body = doc.select_one(".post-body")
    assert body is not None, "no .post-body"
    broken = []
    for a in body.select("a[href]"):
        target = urllib.parse.urljoin(base, a.get("href"))
        if urllib.parse.urlsplit(target).netloc != urllib.parse.urlsplit(base).netloc:
            continue
        resp = e2e.http(target)
        if resp.status in (301, 302, 307, 308):
            resp = e2e.http(urllib.parse.urljoin(target, resp.header("Location", "")))
        if resp.status >= 400:
            broken.append(f"{a.clean_text!r} -> {target}: {resp.status}")
    assert not broken, "broken links in .post-body:\n" + "\n".join(broken)


def test_read_also_resolves_when_target_is_imported_later(servers, tmp_path):
    server = servers.start(demo=False)
    proc = e2e.run_import(server.data_dir, e2e.SEED_FILE)
    assert proc.returncode == 0, e2e.describe_proc(proc)

    ok, _ = e2e.wait_for(lambda: server.get(e2e.SEED_PATH).status == 200, e2e.LIVE_TIMEOUT)
    assert ok, server.get(e2e.SEED_PATH).describe()
    _, doc = page_state(server, e2e.SEED_PATH)
    assert doc.select(".read-also a") == [], "READ ALSO links to a post that does not exist yet"
    body_links_do_not_404(server, doc, e2e.SEED_PATH)
    assert len(e2e.body_paragraphs(doc)) == e2e.SEED_PARAGRAPHS

    target = e2e.article_file(tmp_path / "uk-pm.txt", e2e.UKPM_TITLE, author="Test Writer",
                              headers=["Tags: Europe, Diplomacy"])
    proc = e2e.run_import(server.data_dir, target)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert proc.stdout.splitlines() == [f"created {e2e.UKPM_SLUG} {e2e.UKPM_TITLE}"], \
        e2e.describe_proc(proc)

    def resolved():
        _, doc = page_state(server, e2e.SEED_PATH)
        return doc.select(".read-also a") if doc is not None else None

    anchors, _ = e2e.wait_for(resolved, e2e.LIVE_TIMEOUT)
    assert anchors, (f"seed page has no '.read-also a' within {e2e.LIVE_TIMEOUT} s of importing "
                     f"{e2e.UKPM_TITLE!r}")
    assert len(anchors) == 1
    assert anchors[0].clean_text == e2e.UKPM_TITLE
    href = urllib.parse.urljoin(server.url(e2e.SEED_PATH), anchors[0].get("href"))
    assert urllib.parse.urlsplit(href).path == e2e.UKPM_PATH
    resp = e2e.http(href)
    assert resp.status == 200, resp.describe()
    h1 = e2e.parse_html(resp.text).select_one("h1.post-title")
    assert h1 is not None and h1.clean_text == e2e.UKPM_TITLE
