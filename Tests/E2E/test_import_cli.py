"""`byline import`: per-file errors, the good files still imported, exit codes, CRLF."""

from __future__ import annotations

import os
import re

import pytest

import byline_e2e as e2e


@pytest.fixture(scope="module")
def site(module_servers):
    """An empty site (no demo) that the import tests write into."""
    return module_servers.start(demo=False)


def make_empty(path):
    path.write_bytes(b"")
    return path


def make_binary(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    return path


def make_whitespace_only(path):
    path.write_text("   \n\n\t \n  \r\n\n", encoding="utf-8")
    return path


def make_date_first(path):
    path.write_text("Date: 2026-01-01\n\nSome Author\n\nA paragraph without a headline.\n",
                    encoding="utf-8")
    return path


def make_not_utf8(path):
    path.write_bytes(b"Title\n\nAuthor\n\n\xff\xfe body\n")
    return path


def make_missing(path):
    return path.with_name("does-not-exist.txt")


def make_dangling_symlink(path):
    link = path.with_name("dangling-link.txt")
    link.symlink_to(path.with_name("no-such-target.txt"))
    return link


def make_unreadable(path):
    if os.geteuid() == 0:
        # Root reads a chmod 000 file; a link to /proc/self/mem opens but fails on read (EIO),
        # which is an unreadable file for root too.
        path.symlink_to("/proc/self/mem")
        return path
    path.write_text("Readable Title\n\nAuthor\n\nBody.\n", encoding="utf-8")
    path.chmod(0)
    return path


def make_directory(path):
    # A folder imports its .txt files; one without any is an error.
    folder = path.with_name("a-folder")
    folder.mkdir()
    (folder / "inner.md").write_text("Inner Title\n\nAuthor\n\nBody.\n", encoding="utf-8")
    return folder


BAD_FILES = {
    "empty": make_empty,
    "binary": make_binary,
    "whitespace-only": make_whitespace_only,
    "date-as-first-line": make_date_first,
    "not-utf8": make_not_utf8,
    "nonexistent": make_missing,
    "dangling-symlink": make_dangling_symlink,
    "unreadable": make_unreadable,
    "directory": make_directory,
}


def assert_error_lines(proc, bad_paths):
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(bad_paths), \
        f"want {len(bad_paths)} 'error: <path>: <reason>' line(s)\n{e2e.describe_proc(proc)}"
    for path in bad_paths:
        prefix = f"error: {path}: "
        mine = [line for line in errors if line.startswith(prefix)]
        assert len(mine) == 1, f"no single line starting {prefix!r}\n{e2e.describe_proc(proc)}"
        assert mine[0][len(prefix):].strip(), f"no reason given: {mine[0]!r}"


def wait_served(site, path):
    ok, elapsed = e2e.wait_for(lambda: site.get(path).status == 200, e2e.LIVE_TIMEOUT)
    assert ok, f"{path} not 200 within {e2e.LIVE_TIMEOUT} s: {site.get(path).describe()}"


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_reported_and_good_file_still_imported(site, tmp_path, case):
    bad = BAD_FILES[case](tmp_path / f"bad-{case}.txt")
    title = f"Harbour Ferry Timetable Changes for Case {case.replace('-', ' ').title()}"
    slug = e2e.slugify(title)
    good = e2e.article_file(tmp_path / "good.txt", title)
    before = e2e.post_count(site.data_dir)

    proc = e2e.run_import(site.data_dir, bad, good)

    assert proc.returncode == 1, e2e.describe_proc(proc)
    assert_error_lines(proc, [bad])
    assert proc.stdout.splitlines() == [f"created {slug} {title}"], e2e.describe_proc(proc)
    wait_served(site, f"/{slug}/")
    assert e2e.post_count(site.data_dir) == before + 1, "a bad file created a post"


def test_several_bad_files_each_reported_once(site, tmp_path):
    bads = [make_empty(tmp_path / "empty.txt"), make_missing(tmp_path / "x.txt"),
            make_not_utf8(tmp_path / "latin1.txt")]
    title = "Harbour Ferry Timetable Changes for Several Bad Files"
    good = e2e.article_file(tmp_path / "good.txt", title)
    proc = e2e.run_import(site.data_dir, bads[0], good, *bads[1:])
    assert proc.returncode == 1, e2e.describe_proc(proc)
    assert_error_lines(proc, bads)
    assert proc.stdout.splitlines() == [f"created {e2e.slugify(title)} {title}"], \
        e2e.describe_proc(proc)


def test_all_good_files_exit_zero(site, tmp_path):
    titles = ["Night Trains Return to the Northern Line", "Library Opens a Seed Exchange Shelf"]
    files = [e2e.article_file(tmp_path / f"{i}.txt", t) for i, t in enumerate(titles)]
    proc = e2e.run_import(site.data_dir, *files)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert proc.stdout.splitlines() == [f"created {e2e.slugify(t)} {t}" for t in titles], \
        e2e.describe_proc(proc)
    assert not [l for l in proc.stderr.splitlines() if l.startswith("error:")], e2e.describe_proc(proc)
    for t in titles:
        wait_served(site, f"/{e2e.slugify(t)}/")


def test_no_files_is_usage_error(tmp_path):
    proc = e2e.run_import(tmp_path / "data")
    assert proc.returncode == 64, e2e.describe_proc(proc)
    assert proc.stderr.strip(), "usage error without a message"


def article_view(server, path):
    resp, doc = server.doc(path)
    assert resp.status == 200, resp.describe()
    title = doc.select_one("h1.post-title")
    author = doc.select_one("a.post-author")
    reading = doc.select_one(".post-reading-time")
    return {
        "title": title.clean_text if title else None,
        "author": author.clean_text if author else None,
        "reading": reading.clean_text.lower() if reading else None,
        "paragraphs": [p.clean_text for p in e2e.body_paragraphs(doc)],
        "raw": resp.text,
    }


def test_crlf_seed_imports_like_lf(servers, tmp_path, seed_text):
    crlf = tmp_path / "seed-crlf.txt"
    crlf.write_bytes(seed_text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
    views = {}
    for name, source in [("lf", e2e.SEED_FILE), ("crlf", crlf)]:
        data = tmp_path / f"data-{name}"
        data.mkdir()
        proc = e2e.run_import(data, source)
        assert proc.returncode == 0, e2e.describe_proc(proc)
        assert proc.stdout.splitlines() == [f"created {e2e.SEED_SLUG} {e2e.SEED_TITLE}"], \
            e2e.describe_proc(proc)
        server = servers.start(demo=False, data_dir=data)
        views[name] = article_view(server, e2e.SEED_PATH)
        servers.stop(server)

    crlf_view, lf_view = views["crlf"], views["lf"]
    assert crlf_view["title"] == e2e.SEED_TITLE
    assert crlf_view["author"] == e2e.SEED_AUTHOR
    assert crlf_view["reading"] == e2e.SEED_READING_TIME
    assert len(crlf_view["paragraphs"]) == e2e.SEED_PARAGRAPHS, crlf_view["paragraphs"]
    assert crlf_view["paragraphs"] == lf_view["paragraphs"]
    assert "\r" not in crlf_view["raw"] or "\r" in lf_view["raw"], "stray CR in the CRLF import"
    assert re.search(r"&#13;|&#x0?d;", crlf_view["raw"], re.I) is None, "escaped CR in page"


def test_new_site_scheduled_post_and_dropped_chrome_are_reported(tmp_path):
    later = tmp_path / "later.txt"
    later.write_text("Embargoed Harbour Report\nMara Ellison\nDate: 2099-01-15\n\nNot yet.\n\n"
                     "Share This Article\n\nSubscribe to the plan\n", encoding="utf-8")
    data = tmp_path / "data"
    proc = e2e.run_import(data, later)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert f"No site in {data}: creating a new one." in proc.stderr.splitlines(), e2e.describe_proc(proc)
    assert proc.stdout.splitlines() == ["scheduled embargoed-harbour-report for 2099-01-15 12:00 UTC"], \
        e2e.describe_proc(proc)
    assert '  dropped page chrome: "Share This Article"' in proc.stderr.splitlines(), e2e.describe_proc(proc)
    assert "Subscribe to the plan" not in proc.stderr, "a short line that is not known chrome was dropped"

    again = e2e.run_import(data, later)
    assert again.returncode == 0, e2e.describe_proc(again)
    assert "No site in" not in again.stderr, e2e.describe_proc(again)
    assert again.stdout.splitlines() == ["updated embargoed-harbour-report Embargoed Harbour Report"], \
        e2e.describe_proc(again)
