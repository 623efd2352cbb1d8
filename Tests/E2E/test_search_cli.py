"""`byline search compact`: the search index rebuilt compactly on demand (what `byline import`
does itself after 1,000 posts), finding what it found before; a missing site is refused with a
message and left uncreated."""

from __future__ import annotations

import re
import subprocess

import byline_e2e as e2e


def search_cli(*args, data) -> subprocess.CompletedProcess:
    return subprocess.run([str(e2e.BYLINE_BIN), "search", *map(str, args), "--data", str(data)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
                          env=e2e.child_env())


def index_rows(data) -> int:
    """Rows of FTS5's own storage: one segment at least per post saved on its own."""
    return e2e.db_query(data, "SELECT COUNT(*) FROM post_search_data")[0][0]


def found(data, word: str) -> list:
    return sorted(row[0] for row in e2e.db_query(
        data, "SELECT rowid FROM post_search WHERE post_search MATCH ?", (word,)))


def test_compact_merges_the_index_and_finds_the_same(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(1, 41):
        e2e.article_file(folder / f"a{n:02}.txt", f"Harbour works story number {n}", paragraphs=[
            f"The council said plan {n} for the harbour would go ahead with new rail links.",
            f"A second paragraph about budgets and schools, number {n}.",
        ])
    data = tmp_path / "site"
    imported = e2e.run_import(data, folder)
    assert imported.returncode == 0, e2e.describe_proc(imported)
    before_rows, before_harbour, before_schools = index_rows(data), found(data, "harbour"), found(data, "schools")
    assert len(before_harbour) == 40 and len(before_schools) == 40

    proc = search_cli("compact", data=data)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert re.fullmatch(r"compacted the search index \(1 part\) in \d+\.\d s\n", proc.stdout), proc.stdout
    # Forty posts indexed one by one left many small segments; compacted, they are one.
    assert index_rows(data) < before_rows, (index_rows(data), before_rows)
    assert found(data, "harbour") == before_harbour and found(data, "schools") == before_schools

    again = search_cli("compact", data=data)
    assert again.returncode == 0, e2e.describe_proc(again)


def test_compact_refuses_a_missing_site(tmp_path):
    data = tmp_path / "no-such-site"
    proc = search_cli("compact", data=data)
    assert proc.returncode == 1, e2e.describe_proc(proc)
    assert f"no site in {data}" in proc.stderr, proc.stderr
    assert not data.exists()
