"""Several stateless `byline serve` nodes on one PostgreSQL database, behind nginx.

A real PostgreSQL server (scripts/pg-test-server, on a private port) and real nginx; nothing is
mocked. Covers: migrating a SQLite site to PostgreSQL, two nodes behind round-robin nginx,
a save reaching every node's page cache within a second, and a database outage (cached pages
keep being served, the rest answers 503 with Retry-After, the node recovers by itself).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

import byline_e2e as e2e

PG_SCRIPT = e2e.REPO / "scripts" / "pg-test-server"


class PostgresServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = e2e.free_port()
        self.url = None

    def start(self) -> "PostgresServer":
        out = subprocess.run(["bash", str(PG_SCRIPT), "start", str(self.folder), str(self.port)],
                             capture_output=True, text=True, timeout=180)
        assert out.returncode == 0, f"PostgreSQL did not start:\n{out.stdout}\n{out.stderr}"
        self.url = out.stdout.strip().splitlines()[-1]
        return self

    def pg_ctl(self, *args: str) -> None:
        out = subprocess.run(
            ["runuser", "-u", "postgres", "--", "pg_ctl", "-D", str(self.folder / "data"), *args],
            capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, f"pg_ctl {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"

    def stop_server(self) -> None:
        self.pg_ctl("stop", "-m", "fast", "-w")

    def start_server(self) -> None:
        self.pg_ctl("start", "-w", "-l", str(self.folder / "restart.log"), "-o",
                    f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1")

    def create_database(self) -> str:
        name = "e2e_" + uuid.uuid4().hex[:12]
        out = subprocess.run(["psql", self.url, "-qc", f"CREATE DATABASE {name}"],
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        subprocess.run(["bash", str(PG_SCRIPT), "stop", str(self.folder)], capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def postgres():
    # The postgres user must reach the folder: pytest's own temp folders are private to root.
    parent = Path(tempfile.mkdtemp(prefix="byline-e2e-pg."))
    parent.chmod(0o755)
    folder = parent / "cluster"
    server = PostgresServer(folder).start()
    yield server
    server.stop()
    shutil.rmtree(folder.parent, ignore_errors=True)


def pg_node(tmp_path: Path, name: str, database_url: str, demo: bool = False,
            extra: list[str] | None = None, env: dict | None = None) -> e2e.Server:
    return e2e.Server(tmp_path / f"{name}-data", tmp_path / f"{name}.log", demo=demo,
                      args=["--database-url", database_url, "--public-url", "http://news.test", *(extra or [])],
                      env=env)


# The test.sleep job kind exists only for tests: nodes and the CLI offer it when this is set.
TEST_JOBS = {"BYLINE_TEST_JOBS": "1"}


def byline(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(e2e.BYLINE_BIN), *args], capture_output=True, text=True, timeout=timeout,
                          env={**e2e.child_env(), **(env or {})}, stdin=subprocess.DEVNULL)


def wait_until(probe, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what} (last: {last!r})")


def test_a_sqlite_site_migrates_to_postgresql_and_serves_the_same_pages(postgres, tmp_path):
    sqlite_site = e2e.Server(tmp_path / "sqlite", tmp_path / "sqlite.log", demo=True,
                             args=["--public-url", "http://news.test"]).start()
    try:
        assert e2e.run_import(sqlite_site.data_dir, e2e.SEED_FILE).returncode == 0
        before = wait_until(lambda: (r := sqlite_site.get(e2e.SEED_PATH)).status == 200 and r, 5, "seed served")
        home_before = sqlite_site.get("/").body
    finally:
        sqlite_site.stop()

    url = postgres.create_database()
    copy = byline("migrate-store", "--from", f"sqlite:{sqlite_site.data_dir}", "--to", url)
    assert copy.returncode == 0, copy.stdout + copy.stderr
    assert "copied and verified" in copy.stdout
    assert "posts                 13      13" in copy.stdout, copy.stdout

    again = byline("migrate-store", "--from", f"sqlite:{sqlite_site.data_dir}", "--to", url)
    assert again.returncode == 1 and "already has content" in again.stderr, again.stderr

    node = pg_node(tmp_path, "pg", url).start()
    try:
        after = node.get(e2e.SEED_PATH)
        assert after.status == 200
        assert after.body == before.body, "the article renders differently from PostgreSQL"
        assert node.get("/").body == home_before
    finally:
        node.stop()


def nginx_round_robin(tmp_path: Path, ports: list[int]) -> tuple[subprocess.Popen, int]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is missing (scripts/test-e2e installs it)"
    port = e2e.free_port()
    work = tmp_path / "nginx"
    work.mkdir()
    upstream = "\n".join(f"        server 127.0.0.1:{p};" for p in ports)
    (work / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
error_log {work}/error.log warn;
pid {work}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    upstream byline {{
{upstream}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://byline;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_next_upstream error timeout http_502 http_503;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
""")
    proc = subprocess.Popen([nginx, "-c", str(work / "nginx.conf")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    wait_until(lambda: _reachable(port), 10, "nginx listening")
    return proc, port


def _reachable(port: int) -> bool:
    try:
        return e2e.http(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200
    except OSError:
        return False


def test_two_nodes_behind_nginx_share_one_database_and_every_cache_follows_a_save(postgres, tmp_path):
    url = postgres.create_database()
    a = pg_node(tmp_path, "a", url, demo=True).start()
    b = pg_node(tmp_path, "b", url, demo=True).start()
    proxy = None
    try:
        proxy, port = nginx_round_robin(tmp_path, [a.port, b.port])
        upstreams = set()
        for _ in range(6):
            resp = e2e.http(f"http://127.0.0.1:{port}/")
            assert resp.status == 200, resp.describe()
            upstreams.add(resp.header("X-Upstream"))
        assert len(upstreams) == 2, f"round robin reached {upstreams}"
        # Both nodes started with --demo at once: the demo is there once, not twice.
        status = e2e.http(f"http://127.0.0.1:{port}/archive/2026/05/").text.count('href="/uk-pm-putin')
        assert status == 1

        env = {"DATABASE_URL": url}
        seed = tmp_path / "seed.txt"
        seed.write_text(e2e.SEED_FILE.read_text())
        assert byline("import", str(seed), env=env).returncode == 0
        for node in (a, b):
            wait_until(lambda: node.get(e2e.SEED_PATH).status == 200, 2, f"seed on node {node.port}")
            assert "opulent Dolmabahce Palace" in node.get(e2e.SEED_PATH).text  # now cached on both nodes

        seed.write_text(seed.read_text().replace("opulent Dolmabahce Palace", "restored Yildiz Palace"))
        saved = byline("import", str(seed), env=env)
        assert saved.returncode == 0 and saved.stdout.startswith("updated "), saved.stdout + saved.stderr
        started = time.monotonic()
        for node in (a, b):
            wait_until(lambda: "restored Yildiz Palace" in node.get(e2e.SEED_PATH).text, 1.0,
                       f"the save reaching node {node.port}'s cache")
        assert time.monotonic() - started < 2.0
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(10)
        a.stop()
        b.stop()


def test_a_database_outage_keeps_cached_pages_served_and_recovers_by_itself(postgres, tmp_path):
    url = postgres.create_database()
    node = pg_node(tmp_path, "outage", url, demo=True).start()
    cached = e2e.UKPM_PATH
    try:
        assert node.get(cached).status == 200  # rendered once: now in the page cache
        failures: list[str] = []
        stop = threading.Event()

        def load():
            # Bounded: one loopback client, at most ~60 s, stops when told.
            deadline = time.monotonic() + 60
            while not stop.is_set() and time.monotonic() < deadline:
                try:
                    resp = node.get(cached, timeout=5)
                    if resp.status != 200:
                        failures.append(f"{resp.status}")
                except OSError as err:
                    failures.append(repr(err))

        worker = threading.Thread(target=load)
        worker.start()
        try:
            postgres.stop_server()
            down = node.get("/tag/energy/")
            assert down.status == 503, down.describe()
            assert down.header("Retry-After"), down.describe()
            assert node.get("/healthz").status == 200
            time.sleep(1)
            postgres.start_server()
            wait_until(lambda: node.get("/tag/energy/").status == 200, 30, "the node reconnecting")
        finally:
            stop.set()
            worker.join(30)
        assert not failures, f"the cached page failed during the outage: {failures[:5]} ({len(failures)} in all)"
        # Writes work again too, and reach the cache.
        seed = tmp_path / "seed.txt"
        seed.write_text(e2e.SEED_FILE.read_text())
        assert byline("import", str(seed), env={"DATABASE_URL": url}).returncode == 0
        wait_until(lambda: node.get(e2e.SEED_PATH).status == 200, 2, "a post saved after the outage")
    finally:
        node.stop()


def cluster_pids(folder: Path) -> list[int]:
    """The postmaster and every backend of the test cluster."""
    pid_file = next(folder.rglob("postmaster.pid"))
    postmaster = int(pid_file.read_text().splitlines()[0])
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True, timeout=10)
    return [postmaster, *[int(pid) for pid in children.stdout.split()]]


def test_a_stalled_database_gets_503_within_the_deadline_while_cached_pages_are_served(postgres, tmp_path):
    """A server that stops answering (every PostgreSQL process stopped with SIGSTOP, as a hung
    host would) must not hold requests: cached pages keep coming, others get 503 within the
    5 s database deadline, and the node recovers by itself when the server answers again."""
    url = postgres.create_database()
    node = pg_node(tmp_path, "stall", url, demo=True).start()
    cached = e2e.UKPM_PATH
    stopped: list[int] = []
    try:
        assert node.get(cached).status == 200  # now in the page cache
        stopped = cluster_pids(postgres.folder)
        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)
        started = time.monotonic()
        assert node.get(cached, timeout=5).status == 200
        down = node.get("/tag/energy/", timeout=20)
        waited = time.monotonic() - started
        assert down.status == 503, down.describe()
        assert down.header("Retry-After"), down.describe()
        assert waited < 8, f"503 after {waited:.1f} s"
        assert node.get("/healthz", timeout=5).status == 200
        assert node.get(cached, timeout=5).status == 200
    finally:
        for pid in stopped:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
    try:
        wait_until(lambda: node.get("/tag/energy/", timeout=10).status == 200, 40, "the node recovering")
    finally:
        node.stop()


def psql(url: str, sql: str) -> list[list[str]]:
    out = subprocess.run(["psql", url, "-AtF", "\t", "-c", sql], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def test_background_jobs_are_shared_by_nodes_and_survive_a_killed_node(postgres, tmp_path):
    url = postgres.create_database()
    lease = ["--job-lease-seconds", "2"]
    a = pg_node(tmp_path, "job-a", url, extra=lease, env=TEST_JOBS).start()
    b = pg_node(tmp_path, "job-b", url, extra=lease, env=TEST_JOBS).start()
    try:
        env = {"DATABASE_URL": url, **TEST_JOBS}
        queued = byline("jobs", "enqueue-test", "--count", "24", "--milliseconds", "400", env=env)
        assert queued.returncode == 0, queued.stderr
        ids = queued.stdout.split()
        assert len(ids) == 24

        # Kill node A (no graceful shutdown) while it holds a job, after it has finished one.
        marker = f"-{a.proc.pid}-"

        def a_busy_after_finishing_one():
            rows = psql(url, f"SELECT id, status FROM jobs WHERE locked_by LIKE '%{marker}%'")
            running = [r[0] for r in rows if r[1] == "running"]
            return running if running and any(r[1] == "done" for r in rows) else None

        held = [[job] for job in wait_until(a_busy_after_finishing_one, 20, "node A working on its second job")]
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait(10)
        a.proc = None
        killed_job = held[0][0]

        def finished():
            status = json.loads(byline("jobs", "status", env=env).stdout)
            return status if status["done"] == 24 else None

        status = wait_until(finished, 60, "every job done")
        assert status["failed"] == 0 and status["queued"] == 0 and status["running"] == 0, status
        rows = psql(url, "SELECT id, status, attempts, locked_by FROM jobs ORDER BY id")
        assert [r[0] for r in rows] == ids
        assert all(r[1] == "done" for r in rows), rows
        by_id = {r[0]: r for r in rows}
        # The job A died holding was taken over after its lease and finished by B, once.
        assert int(by_id[killed_job][2]) == 2, by_id[killed_job]
        assert marker not in by_id[killed_job][3], by_id[killed_job]
        # Nothing ran twice otherwise: every other job needed exactly one attempt.
        others = [r for r in rows if r[0] != killed_job and marker not in r[3]]
        assert all(int(r[2]) == 1 for r in others), others
        # Both nodes shared the work before A died.
        workers = {r[3].rsplit("-", 2)[0] + "-" + r[3].rsplit("-", 2)[1] for r in rows}
        assert len(workers) == 2, workers
    finally:
        if a.proc is not None:
            a.stop()
        b.stop()
