"""A writer in Chromium: sign in to the newsroom, write a post in Markdown, preview it,
publish it, find it on the home page, rename its slug (the old URL redirects), and the
newsroom's layout at 1280 and 375 px (screenshots in /tmp/byline-shots/)."""

from __future__ import annotations

import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import byline_e2e as e2e

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/byline-shots")
MOBILE_WIDTH = 375

EMAIL = "writer@newsroom.example"
NAME = "Wren Writer"
TITLE = "Ferry Service Returns to the Northern Isles"
MARKDOWN = (
    "## What changed\n"
    "\n"
    "The ferry runs **twice a day** from Monday.\n"
    "\n"
    "- Morning sailing at 07:30\n"
    "- Evening sailing at 18:00\n"
    "\n"
    "Timetables are on the [operator's site](https://ferries.example/timetable).\n"
)
NEW_SLUG = "ferry-returns-northern-isles"


def add_staff_user(data_dir: Path, email: str, name: str, role: str) -> str:
    """`byline user add`; returns the one-time password it prints (`password: <pw>`)."""
    cmd = [str(e2e.BYLINE_BIN), "user", "add", "--email", email, "--name", name, "--role", role,
           "--data", str(data_dir)]
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=e2e.IMPORT_TIMEOUT, env=e2e.child_env())
    assert proc.returncode == 0, e2e.describe_proc(proc)
    found = re.search(r"^password: (\S+)\s*$", proc.stdout, re.MULTILINE)
    assert found, f"no `password: <pw>` line in the output of {' '.join(cmd)}:\n{proc.stdout}"
    return found.group(1)


def current_path(driver) -> str:
    return urllib.parse.urlsplit(driver.current_url).path


def wait_until(driver, what: str, condition, timeout: float = 10):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"{what}: not so within {timeout} s at {driver.current_url}")


def wait_path(driver, pattern: str, timeout: float = 10) -> str:
    wait_until(driver, f"path matching {pattern}",
               lambda d: re.fullmatch(pattern, current_path(d)), timeout)
    return current_path(driver)


def one(driver, css: str):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    assert found, f"no element matches {css!r} on {driver.current_url}"
    return found[0]


def button(driver, text: str):
    for el in driver.find_elements(By.CSS_SELECTOR, "button, a.button"):
        if e2e.norm_space(el.text) == text and el.is_displayed():
            return el
    shown = [e2e.norm_space(el.text) for el in driver.find_elements(By.CSS_SELECTOR, "button, a.button")]
    raise AssertionError(f"no visible button {text!r} on {driver.current_url}; buttons: {shown}")


def click(driver, el):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
    el.click()


def set_mobile(driver):
    driver.set_window_size(MOBILE_WIDTH, 812)
    if driver.execute_script("return window.innerWidth") != MOBILE_WIDTH:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": MOBILE_WIDTH, "height": 812, "deviceScaleFactor": 1, "mobile": False})


def set_desktop(driver):
    try:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    except Exception:
        pass
    driver.set_window_size(1280, 900)


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                                 + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
  .catch(e => done(['axe failed: ' + e]));
"""


def axe_violations(driver, name: str) -> list:
    """axe-core's findings on the current page (the same checker test_validity uses)."""
    import axe_selenium_python

    script = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    driver.execute_script(script.read_text(encoding="utf-8"))
    return [f"{name}: {v}" for v in driver.execute_async_script(AXE_RUN)]


def screenshots(driver, name: str) -> list:
    """Saves the current page at 1280 and 375 px; returns its problems: horizontal overflow at
    375 px, and what axe-core finds."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    url = driver.current_url
    for width in (1280, MOBILE_WIDTH):
        if width == MOBILE_WIDTH:
            set_mobile(driver)
        else:
            set_desktop(driver)
        driver.get(url)
        one(driver, "main")
        if width == MOBILE_WIDTH:
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            if scroll > MOBILE_WIDTH:
                problems.append(f"{name}: scrollWidth {scroll} > {MOBILE_WIDTH}")
        # The whole page, not just the window: the editor's settings sit below the fold.
        height = min(driver.execute_script("return document.documentElement.scrollHeight"), 4000)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.save_screenshot(str(SHOTS / f"newsroom-{name}-{width}.png"))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    set_desktop(driver)
    driver.get(url)
    return problems + axe_violations(driver, name)


def test_writer_signs_in_writes_previews_publishes_and_renames(chrome, servers):
    server = servers.start(demo=True)
    password = add_staff_user(server.data_dir, EMAIL, NAME, "owner")

    # Signed out, the newsroom sends the browser to the sign-in form and back afterwards.
    chrome.get(server.url("/admin/posts/"))
    wait_path(chrome, r"/admin/signin")
    problems = screenshots(chrome, "signin")
    one(chrome, 'input[name="email"]').send_keys(EMAIL)
    one(chrome, 'input[name="password"]').send_keys("not the password")
    click(chrome, button(chrome, "Sign in"))
    wait_until(chrome, "the wrong-password message",
               lambda d: "Email or password is wrong" in d.page_source)
    email_field = one(chrome, 'input[name="email"]')
    assert email_field.get_attribute("value") == EMAIL
    one(chrome, 'input[name="password"]').send_keys(password)
    click(chrome, button(chrome, "Sign in"))
    wait_path(chrome, r"/admin/posts/?")
    assert NAME in one(chrome, ".admin-bar").text

    # The demo's posts are listed, with status badges.
    assert chrome.find_elements(By.CSS_SELECTOR, ".post-table .badge-published"), "no published post listed"
    problems += screenshots(chrome, "posts")

    # A new post in Markdown; the live preview renders it while typing.
    click(chrome, button(chrome, "New post"))
    wait_path(chrome, r"/admin/posts/new")
    one(chrome, 'input[name="title"]').send_keys(TITLE)
    one(chrome, "textarea#markdown").send_keys(MARKDOWN)
    wait_until(chrome, "the live preview shows the heading",
               lambda d: d.find_elements(By.CSS_SELECTOR, "#preview h2")
               and d.find_element(By.CSS_SELECTOR, "#preview h2").text == "What changed")
    assert one(chrome, "#preview strong").text == "twice a day"
    assert len(chrome.find_elements(By.CSS_SELECTOR, "#preview li")) == 2
    click(chrome, button(chrome, "Create draft"))
    edit_path = wait_path(chrome, r"/admin/posts/\d+/edit")
    post_id = int(edit_path.split("/")[3])
    assert "Draft created" in one(chrome, ".alert-ok").text
    problems += screenshots(chrome, "editor")

    # Typing in a draft saves it by itself and says when.
    one(chrome, "textarea#markdown").send_keys("\nBookings open today.")
    wait_until(chrome, "the autosave indicator",
               lambda d: one(d, "#save-status").text.startswith("Saved at"), timeout=15)
    stored = e2e.db_query(server.data_dir, "SELECT body FROM posts WHERE id = ?", (post_id,))
    assert stored and "Bookings open today." in stored[0][0], f"autosave did not store the text: {stored}"

    # Preview: the public article page, marked as a preview, kept out of search engines.
    click(chrome, button(chrome, "Preview"))
    wait_path(chrome, rf"/admin/posts/{post_id}/preview")
    assert one(chrome, "h1.post-title").text == TITLE
    assert one(chrome, ".post-body h2").text == "What changed"
    assert one(chrome, ".post-body strong").text == "twice a day"
    assert "Bookings open today." in one(chrome, ".post-body").text
    assert [li.text for li in chrome.find_elements(By.CSS_SELECTOR, ".post-body li")] == [
        "Morning sailing at 07:30", "Evening sailing at 18:00"]
    link = one(chrome, ".post-body a")
    assert link.get_attribute("href") == "https://ferries.example/timetable"
    assert "Preview" in one(chrome, ".byline-preview-banner").text
    assert chrome.find_elements(By.CSS_SELECTOR, 'meta[name="robots"][content="noindex"]')
    slug = e2e.slugify(TITLE)
    assert server.get(f"/{slug}/").status == 404, "a draft must not be public"

    # Publish from the editor.
    click(chrome, one(chrome, ".byline-preview-banner a"))
    wait_path(chrome, rf"/admin/posts/{post_id}/edit")
    click(chrome, button(chrome, "Publish"))
    wait_until(chrome, "the published notice", lambda d: "Published: readers can see it now" in d.page_source)
    assert one(chrome, ".status-line .badge").text.lower() == "published"

    # Readers see it on the home page at once.
    chrome.get(server.url("/"))
    home_links = [urllib.parse.urlsplit(a.get_attribute("href")).path
                  for a in chrome.find_elements(By.CSS_SELECTOR, "a[href]")]
    assert f"/{slug}/" in home_links, f"/{slug}/ not linked from the home page"
    article = server.get(f"/{slug}/")
    assert article.status == 200, article.describe()

    # Rename the slug; the old address redirects to the new one.
    chrome.get(server.url(f"/admin/posts/{post_id}/edit"))
    slug_field = one(chrome, 'input[name="slug"]')
    assert slug_field.get_attribute("value") == slug
    slug_field.clear()
    slug_field.send_keys(NEW_SLUG)
    click(chrome, button(chrome, "Update and view"))
    wait_path(chrome, rf"/{NEW_SLUG}/")
    assert one(chrome, "h1.post-title").text == TITLE
    old = server.get(f"/{slug}/")
    assert old.status == 301, old.describe()
    assert old.header("Location") == f"/{NEW_SLUG}/"
    assert server.get(f"/{NEW_SLUG}/").status == 200

    # The revisions kept on the way: created, saved, published; the oldest compared with now.
    chrome.get(server.url(f"/admin/posts/{post_id}/revisions"))
    rows = chrome.find_elements(By.CSS_SELECTOR, ".revision-table tbody tr")
    assert len(rows) >= 2, f"{len(rows)} revision(s) listed"
    problems += screenshots(chrome, "revisions")

    assert not problems, "\n".join(problems)
