"""A reader signs up in Chromium, from the seed article's subscribe box to a confirmed member.

The server mails through scripts/smtp-test-server (aiosmtpd on loopback), which saves each
message as DIR/NNNNNN.eml; the test reads the confirmation link out of that file as a mail
program would and opens it in the same browser. Screenshots of the subscribe box, the "check
your inbox" page and the confirmed account at 1280 and 375 px go to /tmp/byline-shots/
(members-*.png). A second test changes the member's address through the link mailed to the new
address, and axe-core checks the member pages on the way.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import byline_e2e as e2e

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/byline-shots")
MOBILE_WIDTH = 375
SMTP_SERVER = e2e.REPO / "scripts" / "smtp-test-server"
# Mail leaves right after the form is answered; generous for a loaded 2-core machine.
MAIL_TIMEOUT = 15.0
READER = "e2e.reader@example.com"
SECOND_READER = "e2e.mobile@example.com"


class SMTPTestServer:
    """scripts/smtp-test-server as a subprocess: saves each message under `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.proc = None
        self.port = None

    def start(self) -> "SMTPTestServer":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, str(SMTP_SERVER), "--dir", str(self.folder)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + e2e.STARTUP_TIMEOUT
        seen = []
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("READY "):
                self.port = int(line.split()[1])
                return self
        self.stop()
        raise AssertionError("smtp-test-server did not print READY:\n" + "".join(seen))

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def messages_to(self, address: str) -> list:
        """The saved messages whose envelope names `address`, oldest first, parsed."""
        found = []
        for meta_file in sorted(self.folder.glob("*.json")):
            eml = meta_file.with_suffix(".eml")
            if not eml.is_file():
                continue  # the server writes the .eml last, by rename: not complete yet
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            if address in meta.get("rcpt_tos", []):
                found.append(email.message_from_bytes(eml.read_bytes(), policy=email.policy.default))
        return found

    def wait_for_message(self, address: str, count: int = 1):
        """The `count`th message to `address`, polled for up to MAIL_TIMEOUT seconds."""
        messages, elapsed = e2e.wait_for(lambda: (m := self.messages_to(address)) and len(m) >= count and m,
                                         MAIL_TIMEOUT)
        names = sorted(p.name for p in self.folder.iterdir())
        assert messages, f"no message #{count} to {address} within {elapsed:.1f} s; folder holds {names}"
        return messages[count - 1]


@pytest.fixture
def smtp_server(tmp_path):
    server = SMTPTestServer(tmp_path / "mail").start()
    yield server
    server.stop()


@pytest.fixture
def mailing_site(servers, smtp_server):
    """The demo site with the seed article, mailing through the SMTP test server."""
    server = servers.start(demo=True, args=["--smtp-url", f"smtp://127.0.0.1:{smtp_server.port}?tls=none"])
    proc = e2e.run_import(server.data_dir, e2e.SEED_FILE)
    assert proc.returncode == 0, e2e.describe_proc(proc)
    resp, _ = e2e.wait_for(lambda: server.get(e2e.SEED_PATH).status == 200, e2e.LIVE_TIMEOUT)
    assert resp, f"seed not served at {e2e.SEED_PATH} within {e2e.LIVE_TIMEOUT} s of import"
    return server


def confirmation_link(message) -> str:
    """The /members/confirm link of a confirmation email's plain-text part."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, f"no text/plain part in {message['Subject']!r}"
    text = part.get_content()
    found = re.search(r"https?://\S+/members/confirm\?token=[A-Za-z0-9_-]+", text)
    assert found, f"no confirmation link in:\n{text}"
    return found.group(0)


def current_path(driver) -> str:
    return urllib.parse.urlsplit(driver.current_url).path


def wait_until(driver, what: str, probe, timeout: float = 10):
    def settled(d):
        try:
            return probe(d)
        except WebDriverException:
            return False  # the page was being replaced: look again

    try:
        WebDriverWait(driver, timeout, poll_frequency=0.1).until(settled)
    except TimeoutException:
        raise AssertionError(f"{what}: still not so at {driver.current_url} after {timeout} s")


def heading(driver) -> str:
    """The page's h1, read in one script call: while a form's answer loads, an element found a
    moment before may already belong to the old document."""
    try:
        text = driver.execute_script("const h = document.querySelector('h1'); return h ? h.textContent : '';")
    except WebDriverException:
        return ""  # between two documents
    return e2e.norm_space(text or "")


def set_width(driver, width: int) -> None:
    """A desktop window, or a 375 px one emulated when the window cannot get that narrow."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    if width != MOBILE_WIDTH:
        driver.set_window_size(width, 900)
        return
    driver.set_window_size(MOBILE_WIDTH, 800)
    if driver.execute_script("return window.innerWidth") != MOBILE_WIDTH:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": MOBILE_WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})


def no_overflow(driver, where: str) -> None:
    width, scroll = driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
    assert scroll <= width, f"{where}: scrollWidth {scroll} > {width} (horizontal scroll)"


def subscribe_box(driver):
    """The article's subscribe box, scrolled into view, and its form."""
    forms = driver.find_elements(By.CSS_SELECTOR, "form.subscribe")
    assert forms, f"no form.subscribe on {driver.current_url}"
    form = forms[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", form)
    boxes = driver.find_elements(By.CSS_SELECTOR, ".subscribe-box")
    return (boxes[0] if boxes else form), form


def sign_up(driver, site, address: str, width: int) -> None:
    """From the seed article's box to the "check your inbox" page, with both screenshots."""
    driver.get(site.url(e2e.SEED_PATH))
    box, form = subscribe_box(driver)
    assert box.is_displayed(), "the subscribe box is not visible"
    box.screenshot(str(SHOTS / f"members-subscribe-box-{width}.png"))
    field = form.find_element(By.CSS_SELECTOR, "input[name=email]")
    field.clear()
    field.send_keys(address)
    form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    wait_until(driver, "the signup answer", lambda d: current_path(d) == "/subscribe" and heading(d))
    assert heading(driver) == "Check your inbox", driver.page_source[:500]
    assert "Check your inbox" in driver.find_element(By.TAG_NAME, "body").text
    no_overflow(driver, f"check-inbox page at {width}")
    driver.save_screenshot(str(SHOTS / f"members-check-inbox-{width}.png"))
    problems = axe_problems(driver, "check-inbox page")
    assert not problems, "\n".join(problems)


def confirm(driver, site, smtp, address: str, width: int) -> None:
    """Opens the emailed link, presses the button, lands on the confirmed account."""
    message = smtp.wait_for_message(address)
    assert "Confirm" in str(message["Subject"]), message["Subject"]
    link = confirmation_link(message)
    assert link.startswith(site.base + "/members/confirm?token="), link
    driver.get(link)
    # Opening the link uses nothing up: the member stays pending until the button is pressed.
    assert member_status(site, address) == "pending"
    buttons = driver.find_elements(By.CSS_SELECTOR, "form[action='/members/confirm'] button")
    assert buttons, f"no confirm button on {driver.current_url}"
    buttons[0].click()
    wait_until(driver, "the confirmed account", lambda d: current_path(d) == "/members/account")
    status = driver.find_element(By.CSS_SELECTOR, ".member-status").text
    assert "Subscription confirmed" in status, status
    assert address in driver.find_element(By.CSS_SELECTOR, ".member-email").text
    no_overflow(driver, f"account page at {width}")
    full_page_screenshot(driver, SHOTS / f"members-confirmed-{width}.png", width)
    assert member_status(site, address) == "confirmed"


def full_page_screenshot(driver, path: Path, width: int) -> None:
    """The whole page, not just the window: the account's last forms sit below the fold."""
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), 4000)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.save_screenshot(str(path))
    set_width(driver, width)


def axe_problems(driver, name: str) -> list:
    """What axe-core (the checker test_validity runs on the reading pages) finds on this page."""
    from test_validity import AXE_RUN, axe_script

    driver.execute_script(axe_script())
    result = driver.execute_async_script(AXE_RUN)
    if "error" in result:
        return [f"{name}: axe.run failed: {result['error']}"]
    return [f"{name}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]]


def member_status(site, address: str):
    rows = e2e.db_query(site.data_dir, "SELECT status FROM members WHERE email = ?", (address,))
    return rows[0][0] if rows else None


def test_reader_signs_up_from_the_seed_article_and_confirms(chrome, mailing_site, smtp_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    site = mailing_site
    for width, address in [(1280, READER), (MOBILE_WIDTH, SECOND_READER)]:
        chrome.delete_all_cookies()
        set_width(chrome, width)
        sign_up(chrome, site, address, width)
        assert member_status(site, address) == "pending"
        confirm(chrome, site, smtp_server, address, width)
        # The member's session reaches the account page on its own, not only by the redirect.
        chrome.get(site.url("/members/account"))
        assert current_path(chrome) == "/members/account"
        assert heading(chrome) == "Your account"
    # One email per address: the confirmation, nothing else.
    assert len(smtp_server.messages_to(READER)) == 1
    set_width(chrome, 1280)


def emailed_link(message, path: str) -> str:
    """The `path?token=` link of a message's plain-text part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"https?://\S+" + re.escape(path) + r"\?token=[A-Za-z0-9_-]+", text)
    assert found, f"no {path} link in:\n{text}"
    return found.group(0)


def test_member_changes_email_confirmed_by_the_new_address(chrome, mailing_site, smtp_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    site = mailing_site
    old, new = "e2e.old@example.com", "e2e.new@example.org"
    set_width(chrome, 1280)
    sign_up(chrome, site, old, 1280)
    confirm(chrome, site, smtp_server, old, 1280)

    # An address the browser lets through but the site does not: 422, the typed text kept.
    form = chrome.find_element(By.CSS_SELECTOR, "form.member-change-email")
    form.find_element(By.CSS_SELECTOR, "input[name=email]").send_keys("e2e.new@localhost")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(chrome, "the change-email error",
               lambda d: d.find_elements(By.CSS_SELECTOR, ".member-change-email .error"))
    error = chrome.find_element(By.CSS_SELECTOR, ".member-change-email .error").text
    assert error.startswith("email: "), error
    field = chrome.find_element(By.CSS_SELECTOR, ".member-change-email input[name=email]")
    assert field.get_attribute("value") == "e2e.new@localhost"
    full_page_screenshot(chrome, SHOTS / "members-change-email-invalid-1280.png", 1280)
    problems = axe_problems(chrome, "account page with an error")

    form = chrome.find_element(By.CSS_SELECTOR, "form.member-change-email")
    field = form.find_element(By.CSS_SELECTOR, "input[name=email]")
    field.clear()
    field.send_keys(new)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(chrome, "the change-email answer",
               lambda d: d.find_elements(By.CSS_SELECTOR, ".member-change-email .member-notice"))
    notice = chrome.find_element(By.CSS_SELECTOR, ".member-change-email .member-notice").text
    assert f"We sent a link to {new}" in notice, notice
    assert old in chrome.find_element(By.CSS_SELECTOR, ".member-email").text
    full_page_screenshot(chrome, SHOTS / "members-change-email-sent-1280.png", 1280)

    link = emailed_link(smtp_server.wait_for_message(new), "/members/change-email")
    chrome.get(link)
    assert heading(chrome) == "Confirm your new email address"
    assert member_email_exists(site, old), "opening the link must not change the address"
    chrome.find_element(By.CSS_SELECTOR, "form[action='/members/change-email'] button").click()
    wait_until(chrome, "the changed page", lambda d: heading(d) == "Email address changed")
    assert new in chrome.find_element(By.CSS_SELECTOR, ".member-notice").text
    chrome.save_screenshot(str(SHOTS / "members-email-changed-1280.png"))
    problems += axe_problems(chrome, "email-changed page")
    assert not problems, "\n".join(problems)
    assert member_email_exists(site, new) and not member_email_exists(site, old)

    told = smtp_server.wait_for_message(old, count=2)
    assert "changed" in str(told["Subject"]), told["Subject"]
    assert new in told.get_body(preferencelist=("plain",)).get_content()

    chrome.get(site.url("/members/account"))
    assert new in chrome.find_element(By.CSS_SELECTOR, ".member-email").text


def member_email_exists(site, address: str) -> bool:
    return bool(e2e.db_query(site.data_dir, "SELECT 1 FROM members WHERE email = ?", (address,)))
