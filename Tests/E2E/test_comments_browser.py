"""A member leaves a comment on the seed article in Chromium, and it appears.

The reader signs up from the seed article's subscribe box and confirms through the emailed
link (scripts/smtp-test-server), which signs the browser in. Their first comment is held for
moderation (the site's default): the browser lands on their own page of it, which says so. The
demo's owner approves it in the newsroom's comment queue; the comment then shows on the article
for the member (the members' cached copy) and for an anonymous reader, who gets "Sign in to
comment" and no form. A reply from the member, through the Reply box that needs no JavaScript,
appears under it at once (a member with a published comment is trusted). Screenshots go to
/tmp/byline-shots/comments-*.png.
"""

from __future__ import annotations

import urllib.parse

import pytest
from selenium.webdriver.common.by import By

import byline_e2e as e2e
from test_member_signup_browser import (  # noqa: F401 (fixtures are found by name)
    SHOTS, confirm, mailing_site, set_width, sign_up, smtp_server, wait_until)
from test_newsletter_browser import sign_in_staff

pytestmark = pytest.mark.browser

READER = "e2e.commenter@example.com"
COMMENT = "Thank you for this report. More on the sanctions, please: https://example.org/sanctions"
REPLY = "Replying to myself <script>alert(1)</script> to add a source."


def comments_text(driver, required: bool = True) -> str:
    """The comments section's text; inside a wait (`required=False`) a page still loading has none yet."""
    sections = driver.find_elements(By.CSS_SELECTOR, "#comments")
    assert sections or not required, f"no #comments on {driver.current_url}"
    return e2e.norm_space(sections[0].text) if sections else ""


def test_a_member_comments_on_the_seed_article_and_sees_it_appear(chrome, mailing_site, smtp_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    site = mailing_site
    chrome.delete_all_cookies()
    set_width(chrome, 1280)

    # Anonymous: the comments and a way to sign in, no form.
    chrome.get(site.url(e2e.SEED_PATH))
    assert "Sign in to comment" in comments_text(chrome)
    assert not chrome.find_elements(By.CSS_SELECTOR, "#comments form.comment-form")

    sign_up(chrome, site, READER, 1280)
    confirm(chrome, site, smtp_server, READER, 1280)

    # Signed in: the form, posting plain text.
    chrome.get(site.url(e2e.SEED_PATH))
    forms = chrome.find_elements(By.CSS_SELECTOR, "#comments > form.comment-form")
    assert forms, "no comment form for a signed-in member"
    form = forms[0]
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'});", form)
    form.find_element(By.CSS_SELECTOR, "textarea[name=body]").send_keys(COMMENT)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(chrome, "the held comment's page",
               lambda d: urllib.parse.urlsplit(d.current_url).path.startswith("/members/comments/"))
    assert "Your comment is awaiting moderation." in chrome.find_element(By.TAG_NAME, "body").text
    chrome.save_screenshot(str(SHOTS / "comments-held-1280.png"))
    rows = e2e.db_query(site.data_dir, "SELECT id, status FROM comments")
    assert len(rows) == 1 and rows[0][1] == "pending", rows
    comment_id = rows[0][0]

    # The owner approves it in the newsroom, then leaves (the member's cookie stays).
    sign_in_staff(chrome, site)
    chrome.get(site.url("/admin/comments?status=pending"))
    row = chrome.find_element(By.CSS_SELECTOR, f"#comment-{comment_id}")
    assert "Thank you for this report" in row.text
    row.find_element(By.XPATH, ".//button[normalize-space()='Approve']").click()
    wait_until(chrome, "the approved comment",
               lambda d: e2e.db_query(site.data_dir, "SELECT status FROM comments")[0][0] == "published")
    chrome.delete_cookie("byline_staff")

    # The member's copy of the article shows it, with its anchor and a real link.
    chrome.get(site.url(e2e.SEED_PATH + f"#comment-{comment_id}"))
    wait_until(chrome, "the comment on the member's page",
               lambda d: "Thank you for this report" in comments_text(d, required=False))
    comment = chrome.find_element(By.CSS_SELECTOR, f"#comment-{comment_id}")
    link = comment.find_element(By.CSS_SELECTOR, ".comment-body a")
    assert link.get_attribute("href") == "https://example.org/sanctions"
    assert "nofollow" in link.get_attribute("rel")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'});", comment)
    chrome.save_screenshot(str(SHOTS / "comments-member-1280.png"))

    # A reply without JavaScript's help: the <details> box holds its own form.
    comment.find_element(By.CSS_SELECTOR, "details.comment-reply-box summary").click()
    reply_form = comment.find_element(By.CSS_SELECTOR, "form.comment-reply-form")
    reply_form.find_element(By.CSS_SELECTOR, "textarea[name=body]").send_keys(REPLY)
    reply_form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(chrome, "the reply on the article",
               lambda d: "Replying to myself" in comments_text(d, required=False) and "#comment-" in d.current_url)
    replies = chrome.find_elements(By.CSS_SELECTOR, f"#comment-{comment_id} .comment-replies .comment-body")
    assert replies and "<script>alert(1)</script>" in replies[0].text, [r.text for r in replies]
    assert not chrome.execute_script("return document.querySelectorAll('#comments script').length")

    # Anonymous readers see both, and still no form.
    chrome.delete_all_cookies()
    chrome.get(site.url(e2e.SEED_PATH))
    text = comments_text(chrome)
    assert "Thank you for this report" in text and "Replying to myself" in text
    assert "Sign in to comment" in text
    assert not chrome.find_elements(By.CSS_SELECTOR, "#comments form.comment-form")
    set_width(chrome, 375)
    section = chrome.find_element(By.CSS_SELECTOR, "#comments")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'start'});", section)
    chrome.save_screenshot(str(SHOTS / "comments-anonymous-375.png"))
    # A card of the article (on the home page, when it is listed there) counts them.
    chrome.get(site.url("/"))
    if chrome.find_elements(By.CSS_SELECTOR, f".card-title a[href='{e2e.SEED_PATH}']"):
        counts = chrome.find_elements(By.CSS_SELECTOR, f"a.card-comments[href='{e2e.SEED_PATH}#comments']")
        assert counts and counts[0].text == "2 comments", [c.text for c in counts]
