"""The whole promise of the seed page's box, in Chromium against the real binary: a reader
subscribes from the seed article and confirms; an editor publishes the next post with "Send by
email"; the reader's inbox (scripts/smtp-test-server) gets it with a one-click unsubscribe that
works. Screenshots of the editor's choice and the newsletter page go to /tmp/byline-shots/.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import byline_e2e as e2e
from test_member_signup_browser import (  # noqa: F401 (fixtures are found by name)
    SHOTS, confirm, mailing_site, set_width, sign_up, smtp_server, wait_until)

pytestmark = pytest.mark.browser

READER = "e2e.newsletter@example.com"
TITLE = "Ferry Services Resume After Week of Storms"


def owner_password(site) -> tuple:
    found = re.search(r"as (\S+) with the password (\S+)", site.log_tail(400))
    assert found, "the demo server printed no owner sign-in:\n" + site.log_tail(40)
    return found.group(1), found.group(2)


def sign_in_staff(driver, site) -> None:
    email, password = owner_password(site)
    driver.get(site.url("/admin/signin"))
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_until(driver, "the newsroom after sign-in", lambda d: "/admin/posts" in d.current_url)


def subscriptions(site, address: str) -> list:
    return [row[0] for row in e2e.db_query(
        site.data_dir,
        "SELECT n.slug FROM members m JOIN member_newsletters mn ON mn.member_id = m.id "
        "JOIN newsletters n ON n.id = mn.newsletter_id WHERE m.email = ? ORDER BY n.slug", (address,))]


def test_a_subscriber_gets_the_next_post_by_email_and_leaves_in_one_click(chrome, mailing_site, smtp_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    site = mailing_site
    chrome.delete_all_cookies()
    set_width(chrome, 1280)
    sign_up(chrome, site, READER, 1280)
    confirm(chrome, site, smtp_server, READER, 1280)
    assert "daily-briefing" in subscriptions(site, READER)

    # The newsroom: a new post, saved, then published with "Send by email".
    chrome.delete_all_cookies()
    sign_in_staff(chrome, site)
    chrome.get(site.url("/admin/posts/new"))
    chrome.find_element(By.NAME, "title").send_keys(TITLE)
    chrome.find_element(By.NAME, "markdown").send_keys(
        "Ferries to the islands sailed again on Monday after a week of storms.")
    chrome.find_element(By.CSS_SELECTOR, "form.editor button.primary[type=submit]").click()
    wait_until(chrome, "the saved draft's editor", lambda d: re.search(r"/admin/posts/\d+/edit", d.current_url))
    choice = Select(chrome.find_element(By.NAME, "newsletter"))
    choice.select_by_value("daily-briefing")
    field = chrome.find_element(By.NAME, "newsletter")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    chrome.save_screenshot(str(SHOTS / "newsletter-editor-choice-1280.png"))
    chrome.find_element(By.CSS_SELECTOR, "button[data-publish-button]").click()
    wait_until(chrome, "the published post's editor", lambda d: "notice=published" in d.current_url)

    # The reader's inbox: the confirmation, then the post.
    message = smtp_server.wait_for_message(READER, count=2)
    assert str(message["Subject"]) == TITLE
    assert re.fullmatch(r"<newsletter\.\d+\.\d+@[^>]+>", str(message["Message-ID"])), message["Message-ID"]
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Ferries to the islands sailed again" in html
    unsubscribe = str(message["List-Unsubscribe"]).strip("<>")
    assert unsubscribe.startswith(site.base + "/members/unsubscribe?token="), unsubscribe
    assert unsubscribe in html

    # The newsroom shows the send.
    chrome.get(site.url("/admin/newsletters"))
    row = chrome.find_element(By.CSS_SELECTOR, "table.newsletter-sends tbody tr")
    assert TITLE in row.text
    chrome.save_screenshot(str(SHOTS / "newsletter-admin-1280.png"))

    # The mail program's one click (RFC 8058): no cookie, no token, a POST.
    path = urllib.parse.urlsplit(unsubscribe)
    resp = e2e.http(unsubscribe, method="POST", data=b"List-Unsubscribe=One-Click",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert resp.status == 200, resp.describe()
    assert "daily-briefing" not in subscriptions(site, READER)
    assert path.path == "/members/unsubscribe"
