"""Shared helpers for the Byline end-to-end tests.

Everything here talks to the real `byline` binary: it starts servers as
subprocesses, runs `byline import`, speaks HTTP with urllib (redirects are
never followed automatically) and parses HTML with a tiny standard-library
DOM so tests can use the page hooks without a browser.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BYLINE_BIN = Path(os.environ.get("BYLINE_BIN", REPO / ".build" / "debug" / "byline"))
FIXTURES = Path(os.environ.get("BYLINE_FIXTURES", REPO.parent / "shared" / "fixtures"))
SEED_FILE = FIXTURES / "seed-article.txt"

SEED_SLUG = "russia-and-ukraine-hold-first-direct-peace-talks-in-three-years-in-turkey"
SEED_PATH = f"/{SEED_SLUG}/"
SEED_TITLE = "Russia and Ukraine Hold First Direct Peace Talks in Three Years in Turkey"
SEED_AUTHOR = "Abiola"
SEED_AUTHOR_PATH = "/author/abiola/"
SEED_READING_TIME = "4 min read"
SEED_PARAGRAPHS = 11

UKPM_TITLE = "UK PM: Putin Must Face Consequences for Dodging Peace in Ukraine"
UKPM_SLUG = "uk-pm-putin-must-face-consequences-for-dodging-peace-in-ukraine"
UKPM_PATH = f"/{UKPM_SLUG}/"

# Text that belongs to the source site's page chrome; never part of a body.
PAGE_CHROME = [
    "Discover more from",
    "Subscribe to get the latest posts",
    "Share This Article",
    "Leave a comment",
    "Continue reading",
]

# Every wait in the suite is bounded by one of these.
STARTUP_TIMEOUT = 60.0
SHUTDOWN_TIMEOUT = 10.0
LIVE_TIMEOUT = 2.0
POLL_INTERVAL = 0.1
HTTP_TIMEOUT = 15.0
IMPORT_TIMEOUT = 60.0


def child_env() -> dict:
    """Environment for byline subprocesses: always the SQLite store."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


from mini_dom import norm_space  # noqa: E402,F401  (the tests use it from here)


def wait_for(probe, timeout: float, interval: float = POLL_INTERVAL):
    """Call probe() until it returns a truthy value or timeout elapses.

    Returns (value, elapsed). The last attempt starts before the deadline, so
    a probe that becomes true exactly at the bound still counts.
    """
    start = time.monotonic()
    deadline = start + timeout
    value = None
    while True:
        value = probe()
        if value:
            return value, time.monotonic() - start
        if time.monotonic() >= deadline:
            return value, time.monotonic() - start
        time.sleep(interval)


# --------------------------------------------------------------------------
# HTTP


@dataclass
class Response:
    status: int
    headers: "http.client.HTTPMessage"  # noqa: F821 (only for the reader)
    body: bytes
    url: str

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def describe(self) -> str:
        head = "\n".join(f"  {k}: {v}" for k, v in self.headers.items())
        snippet = self.text[:400].replace("\n", "\\n")
        return f"{self.status} for {self.url}\n{head}\n  body[:400]: {snippet}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def http(url: str, method: str = "GET", headers: dict | None = None,
         data: bytes | None = None, timeout: float = HTTP_TIMEOUT) -> Response:
    """One HTTP exchange; never follows redirects, never raises on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            return Response(resp.status, resp.headers, resp.read(), url)
    except urllib.error.HTTPError as err:
        body = err.read() if err.fp is not None else b""
        return Response(err.code, err.headers, body, url)


def raw_http(host: str, port: int, request: bytes, timeout: float = HTTP_TIMEOUT):
    """Send raw bytes, read until the server closes; returns (head, body)."""
    chunks = []
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(request)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError(f"no complete HTTP head in reply: {data[:300]!r}")
    return head.decode("latin-1"), body


# The mini DOM lives in mini_dom.py; these names are part of this module's API.
from mini_dom import Node, parse_html  # noqa: E402,F401


def body_paragraphs(doc: Node) -> list:
    """`.post-body p` without the READ ALSO paragraph."""
    out = []
    for p in doc.select(".post-body p"):
        if "read-also" in p.classes:
            continue
        if p.select_one(".read-also") is not None:
            continue
        if any("read-also" in a.classes for a in p.ancestors()):
            continue
        out.append(p)
    return out


def url_path(href: str, base: str) -> str:
    """Path (with query) of href resolved against base."""
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, href))
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --------------------------------------------------------------------------
# The binary


class ServerError(AssertionError):
    pass


class Server:
    """`byline serve` as a subprocess on a free loopback port."""

    def __init__(self, data_dir: Path, log_path: Path, demo: bool,
                 args: list | None = None, env: dict | None = None):
        self.data_dir = Path(data_dir)
        self.log_path = Path(log_path)
        self.demo = demo
        self.args = list(args or [])
        self.env = dict(env or {})
        self.port = None
        self.proc = None
        self._log = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def get(self, path: str, **kw) -> Response:
        return http(self.url(path), **kw)

    def doc(self, path: str) -> tuple:
        resp = self.get(path)
        return resp, parse_html(resp.text)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "byline.sqlite"

    def log_tail(self, lines: int = 200) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as err:
            return f"(no log: {err})"
        return "\n".join(text.splitlines()[-lines:])

    def start(self) -> "Server":
        if not BYLINE_BIN.is_file():
            raise ServerError(f"byline binary not found at {BYLINE_BIN}")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for attempt in range(3):
            self.port = free_port()
            cmd = [str(BYLINE_BIN), "serve", "--data", str(self.data_dir),
                   "--host", "127.0.0.1", "--port", str(self.port)]
            if self.demo:
                cmd.append("--demo")
            cmd += self.args
            self._log = open(self.log_path, "ab")
            self._log.write(f"$ {' '.join(cmd)}\n".encode())
            self._log.flush()
            self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, env={**child_env(), **self.env})
            if self._wait_healthy():
                return self
            code = self.proc.poll()
            self._log.close()
            if code is not None and "in use" in self.log_tail(20).lower() and attempt < 2:
                continue  # lost the port race; try another port
            self._kill()
            raise ServerError(
                f"byline serve did not become healthy within {STARTUP_TIMEOUT:.0f} s "
                f"(exit code {code}).\n--- server log ---\n{self.log_tail()}")
        raise ServerError("could not start byline serve")

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if http(self.url("/healthz"), timeout=2).status == 200:
                    return True
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        return False

    def _kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass

    def stop(self) -> None:
        """SIGTERM; the server must exit with 0 within SHUTDOWN_TIMEOUT."""
        if self.proc is None:
            return
        try:
            if self.proc.poll() is not None:
                raise ServerError(
                    f"byline serve died during the test (exit code {self.proc.returncode})."
                    f"\n--- server log ---\n{self.log_tail()}")
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(SHUTDOWN_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._kill()
                raise ServerError(
                    f"byline serve did not exit within {SHUTDOWN_TIMEOUT:.0f} s of SIGTERM."
                    f"\n--- server log ---\n{self.log_tail()}")
            if code != 0:
                raise ServerError(
                    f"byline serve exited with {code} after SIGTERM (want 0)."
                    f"\n--- server log ---\n{self.log_tail()}")
        finally:
            if self._log is not None and not self._log.closed:
                self._log.close()
            self.proc = None


def run_import(data_dir: Path, *files, timeout: float = IMPORT_TIMEOUT) -> subprocess.CompletedProcess:
    cmd = [str(BYLINE_BIN), "import", "--data", str(data_dir), *[str(f) for f in files]]
    proc = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=timeout, env=child_env())
    proc.stdout = proc.stdout.decode("utf-8", errors="replace")
    proc.stderr = proc.stderr.decode("utf-8", errors="replace")
    return proc


def describe_proc(proc: subprocess.CompletedProcess) -> str:
    return (f"$ {' '.join(map(str, proc.args))}\nexit code {proc.returncode}\n"
            f"--- stdout ---\n{proc.stdout}--- stderr ---\n{proc.stderr}")


def db_query(data_dir: Path, sql: str, params=()) -> list:
    path = Path(data_dir) / "byline.sqlite"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def post_count(data_dir: Path) -> int:
    return db_query(data_dir, "SELECT COUNT(*) FROM posts")[0][0]


def post_id_by_slug(data_dir: Path, slug: str):
    rows = db_query(data_dir, "SELECT id FROM posts WHERE slug = ?", (slug,))
    return rows[0][0] if rows else None


def article_file(path: Path, title: str, author: str = "Test Writer",
                 paragraphs=None, headers=()) -> Path:
    """Write a small article text file in the documented format."""
    paragraphs = paragraphs or [
        f"This is the opening paragraph of {title.lower()}, written for the end-to-end tests.",
        "A second paragraph follows so the body has more than one block of text.",
    ]
    lines = [title, "", author, *headers, ""]
    for p in paragraphs:
        lines += [p, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def links(doc: Node, base: str, contains: str) -> list:
    """Resolved paths of <a href> whose path contains `contains`, in page order."""
    out = []
    for a in doc.select("a[href]"):
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, a.get("href")))
        if parts.netloc and parts.netloc != urllib.parse.urlsplit(base).netloc:
            continue
        if contains in parts.path and parts.path not in out:
            out.append(parts.path)
    return out


def find_tag_path(server: "Server") -> str:
    """A tag archive that exists on the site (discovered from its own links)."""
    seen = []
    for path in ["/", "/archive/", UKPM_PATH]:
        resp = server.get(path)
        if resp.status != 200:
            continue
        doc = parse_html(resp.text)
        for tag_path in links(doc, server.url(path), "/tag/"):
            if re.fullmatch(r"/tag/[^/]+/", tag_path):
                return tag_path
        seen.append(path)
    raise AssertionError(f"no link to a /tag/<slug>/ page found on {seen}")
