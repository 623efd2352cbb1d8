"""The CLI as a new user meets it: version, user accounts, the demo's sign-in line, a port in
use, robots.txt, and signing in to the newsroom over plain HTTP with the printed password."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import byline_e2e as e2e


def run(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(e2e.BYLINE_BIN), *map(str, args)], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, env=e2e.child_env())
    proc.stdout = proc.stdout.decode("utf-8", errors="replace")
    proc.stderr = proc.stderr.decode("utf-8", errors="replace")
    return proc


def password_in(output: str) -> str:
    found = re.search(r"^password: (\S+)$", output, re.M)
    assert found, f"no 'password: ...' line in:\n{output}"
    return found.group(1)


def sign_in(server, email: str, password: str) -> e2e.Response:
    """What a browser does: load the form (CSRF field + cookie), post it back."""
    form = server.get("/admin/signin")
    assert form.status == 200, form.describe()
    token = re.search(r'name="_csrf" value="([^"]+)"', form.text)
    assert token, form.describe()
    cookies = "; ".join(c.split(";", 1)[0] for c in form.headers.get_all("Set-Cookie") or [])
    body = urllib.parse.urlencode({"email": email, "password": password, "_csrf": token.group(1)})
    return server.get("/admin/signin", method="POST", data=body.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies})


def test_version_is_printed():
    proc = run("--version")
    assert proc.returncode == 0, e2e.describe_proc(proc)
    assert re.fullmatch(r"\d+\.\d+\.\d+\n", proc.stdout), e2e.describe_proc(proc)


def test_user_add_then_reset_password(tmp_path):
    data = tmp_path / "site"
    added = run("user", "add", "--data", data, "--email", "Ed@News.example", "--name", "Ed Okafor",
                "--role", "editor")
    assert added.returncode == 0, e2e.describe_proc(added)
    assert "created editor Ed@News.example (Ed Okafor)" in added.stdout
    first = password_in(added.stdout)
    assert len(first) >= 16

    again = run("user", "add", "--data", data, "--email", "ed@news.example", "--name", "Other",
                "--role", "author")
    assert again.returncode == 1, e2e.describe_proc(again)
    assert "already has an account" in again.stderr, e2e.describe_proc(again)

    bad_role = run("user", "add", "--data", data, "--email", "x@news.example", "--name", "X",
                   "--role", "boss")
    assert bad_role.returncode == 64, e2e.describe_proc(bad_role)
    assert "--role must be one of: owner, administrator, editor, author, contributor" in bad_role.stderr

    reset = run("user", "reset-password", "--data", data, "--email", "ED@news.example")
    assert reset.returncode == 0, e2e.describe_proc(reset)
    assert password_in(reset.stdout) != first

    unknown = run("user", "reset-password", "--data", data, "--email", "nobody@news.example")
    assert unknown.returncode == 1, e2e.describe_proc(unknown)
    assert "not found" in unknown.stderr


def test_demo_prints_how_to_sign_in_and_the_password_works(servers):
    server = servers.start(demo=True)
    # The log is a file: the lines must be there at once, not at shutdown.
    log = server.log_path.read_text()
    assert f"Byline is serving http://127.0.0.1:{server.port}/" in log, log
    found = re.search(r"Newsroom: sign in at (\S+) as (\S+) with the password (\S+)", log)
    assert found, log
    assert found.group(1) == f"http://127.0.0.1:{server.port}/admin/"

    wrong = sign_in(server, found.group(2), "not the password")
    assert wrong.status == 401, wrong.describe()
    assert "byline_staff=" not in (wrong.header("Set-Cookie") or "")

    signed_in = sign_in(server, found.group(2), found.group(3))
    assert signed_in.status == 303, signed_in.describe()
    cookie = next(c for c in signed_in.headers.get_all("Set-Cookie") if c.startswith("byline_staff="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
    assert "Secure" not in cookie, cookie  # served over plain http here
    posts = server.get("/admin/posts/", headers={"Cookie": cookie.split(";", 1)[0]})
    assert posts.status == 200, posts.describe()
    assert posts.header("Cache-Control") == "private, no-cache"


def test_a_port_in_use_is_said_in_words(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run("serve", "--data", tmp_path / "site", "--port", port, timeout=60)
    assert proc.returncode == 1, e2e.describe_proc(proc)
    output = proc.stdout + proc.stderr
    assert f"cannot listen on 127.0.0.1:{port}: the port is already in use" in output, output
    assert "errno" not in output and "bind(descriptor" not in output, output


def test_robots_names_only_paths_that_exist(servers):
    server = servers.start(demo=False)
    robots = server.get("/robots.txt")
    assert robots.status == 200
    disallowed = re.findall(r"^Disallow: (\S+)$", robots.text, re.M)
    assert disallowed == ["/admin/", "/api/", "/members/", "/search"], robots.text
    # Each exists: the newsroom sends to sign-in, the API asks for a token, members sign in.
    assert server.get("/admin/").status == 303
    assert server.get("/api/admin/posts").status == 401
    assert server.get("/members/signin").status == 200
    assert server.get("/search?q=news").status == 200


def test_metrics_answer_loopback(servers):
    server = servers.start(demo=False)
    metrics = server.get("/metrics")
    assert metrics.status == 200
    assert "byline_" in metrics.text or "http_" in metrics.text
