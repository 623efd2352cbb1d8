"""`byline site show|set`: a site's identity from scripts. Values are read back as set, a bad
key exits 64 and a refused value 1, each with a message and nothing saved, and a running server
shows a change within the 2 s the site promises for writes from other processes."""

from __future__ import annotations

import subprocess

import byline_e2e as e2e


def site(*args, data) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(e2e.BYLINE_BIN), "site", *map(str, args), "--data", str(data)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
                          env=e2e.child_env())
    return proc


def shown(data) -> dict:
    proc = site("show", data=data)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    return dict(line.split(": ", 1) for line in proc.stdout.splitlines())


def test_set_then_show_every_key(tmp_path):
    data = tmp_path / "site"
    before = shown(data)
    assert before["title"] == "Byline" and before["accent"] == "" and before["posts-per-page"] == "10"
    values = {
        "title": "The Evening Ledger", "description": "Local news, every evening.", "accent": "#1d4ed8",
        "footer": "Published by Ledger Ltd.", "language": "pt-BR", "timezone": "Europe/Lisbon",
        "posts-per-page": "12", "navigation": "World=/tag/world/,About us=https://about.example/team",
    }
    for key, value in values.items():
        proc = site("set", key, value, data=data)
        assert proc.returncode == 0, e2e.describe_proc(proc)
        assert proc.stdout == f"{key}: {value}\n", e2e.describe_proc(proc)
    assert shown(data) == values
    one = site("show", "accent", data=data)
    assert (one.returncode, one.stdout) == (0, "#1d4ed8\n"), e2e.describe_proc(one)
    # A colour is stored as #rrggbb in lower case; "" gives the theme's colour back.
    assert site("set", "accent", "#1E3A8A", data=data).stdout == "accent: #1e3a8a\n"
    assert site("set", "accent", "", data=data).returncode == 0
    assert shown(data)["accent"] == ""


def test_bad_keys_and_values_exit_non_zero_and_save_nothing(tmp_path):
    data = tmp_path / "site"
    assert site("set", "title", "Kept", data=data).returncode == 0
    before = shown(data)

    unknown = site("set", "colour", "#1d4ed8", data=data)
    assert unknown.returncode == 64, e2e.describe_proc(unknown)
    assert "colour" in unknown.stderr and "posts-per-page" in unknown.stderr, e2e.describe_proc(unknown)

    for key, value, words in [
        ("accent", "#ffff00", "too light for links and buttons"),
        ("accent", "blue", "#rrggbb"),
        ("timezone", "Mars/Olympus", "IANA time zone"),
        ("posts-per-page", "0", "from 1 to 100"),
        ("navigation", "World", "Label=/path/"),
        ("navigation", "Evil=javascript:alert(1)", "neither a path"),
        ("title", " ", "cannot be empty"),
    ]:
        proc = site("set", key, value, data=data)
        assert proc.returncode == 1, e2e.describe_proc(proc)
        assert f"{key}: " in proc.stderr and words in proc.stderr, e2e.describe_proc(proc)
    assert shown(data) == before

    missing = site("set", "title", data=data)
    assert missing.returncode == 64, e2e.describe_proc(missing)


def test_a_running_server_shows_a_change_at_once(servers):
    server = servers.start(demo=True)
    assert "<title>Scoop Hub</title>" in server.get("/").text
    proc = site("set", "title", "The Evening Ledger", data=server.data_dir)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    proc = site("set", "accent", "#1e3a8a", data=server.data_dir)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    page, _ = e2e.wait_for(
        lambda: (lambda r: r if "--accent:#1e3a8a" in r.text else None)(server.get("/")), e2e.LIVE_TIMEOUT)
    assert page, f"the home page did not show the new accent within {e2e.LIVE_TIMEOUT} s"
    assert "<title>The Evening Ledger</title>" in page.text
