"""Fixtures for the Byline end-to-end suite (real binary, HTTP and Chromium)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import byline_e2e as e2e

# Servers currently running; their logs are attached to any failing report.
_RUNNING: list = []


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: needs Chromium")


def pytest_sessionstart(session):
    problems = []
    if not e2e.BYLINE_BIN.is_file():
        problems.append(f"byline binary not found: {e2e.BYLINE_BIN} (set BYLINE_BIN)")
    if not e2e.SEED_FILE.is_file():
        problems.append(f"seed article not found: {e2e.SEED_FILE} (set BYLINE_FIXTURES)")
    if problems:
        raise pytest.UsageError("; ".join(problems))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        for server in list(_RUNNING):
            rep.sections.append(
                (f"byline serve log (port {server.port}, last 200 lines)", server.log_tail()))


class ServerFactory:
    def __init__(self, tmp_factory):
        self._tmp = tmp_factory
        self._servers = []

    def start(self, demo: bool = True, data_dir: Path | None = None, args: list | None = None) -> e2e.Server:
        base = self._tmp.mktemp("byline")
        data = Path(data_dir) if data_dir else base / "data"
        server = e2e.Server(data, base / "server.log", demo=demo, args=args)
        self._servers.append(server)
        server.start()
        _RUNNING.append(server)
        return server

    def stop(self, server: e2e.Server) -> None:
        if server in _RUNNING:
            _RUNNING.remove(server)
        server.stop()

    def stop_all(self) -> None:
        errors = []
        for server in self._servers:
            try:
                self.stop(server)
            except AssertionError as err:
                errors.append(str(err))
        self._servers.clear()
        if errors:
            raise AssertionError("\n\n".join(errors))


@pytest.fixture
def servers(tmp_path_factory):
    """Start servers inside a test; each is stopped (SIGTERM, exit 0 in 10 s) afterwards."""
    factory = ServerFactory(tmp_path_factory)
    yield factory
    factory.stop_all()


@pytest.fixture(scope="module")
def module_servers(tmp_path_factory):
    factory = ServerFactory(tmp_path_factory)
    yield factory
    factory.stop_all()


@pytest.fixture(scope="module")
def seeded_site(module_servers):
    """A demo site ("Scoop Hub") with the seed article imported while it runs."""
    server = module_servers.start(demo=True)
    proc = e2e.run_import(server.data_dir, e2e.SEED_FILE)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    resp, _ = e2e.wait_for(lambda: server.get(e2e.SEED_PATH).status == 200, e2e.LIVE_TIMEOUT)
    assert resp, f"seed not served at {e2e.SEED_PATH} within {e2e.LIVE_TIMEOUT} s of import"
    return server


@pytest.fixture
def byline_import():
    """Run `byline import --data DIR FILE...`; returns a CompletedProcess with text output."""
    return e2e.run_import


@pytest.fixture
def seed_text() -> str:
    return e2e.SEED_FILE.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# Chromium


def _chrome_options(width: int = 1280, height: int = 900):
    from selenium import webdriver

    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--hide-scrollbars",
                "--disable-gpu", "--no-first-run", "--disable-extensions"):
        opts.add_argument(arg)
    return opts


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    service = Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=_chrome_options(), service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def chrome(browser):
    """The session browser, reset to a 1280x900 desktop window."""
    try:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    except Exception:
        pass
    browser.set_window_size(1280, 900)
    try:
        browser.delete_all_cookies()
    except Exception:
        pass
    return browser
