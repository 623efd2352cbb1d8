"""Images in Chromium: the demo's articles and home page show their pictures in responsive
sizes (only the lead one loaded eagerly), and a writer uploads a feature image in the editor
(the file input, as a person picking a file would) and sees it on the published article.
Screenshots in /tmp/byline-shots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

import byline_e2e as e2e
from test_newsroom_browser import add_staff_user, button, click, one, wait_path, wait_until

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/byline-shots")
PICTURE = e2e.REPO / "Demo" / "images" / "08-baltic-offshore-wind-auction.jpg"


def full_page_shot(driver, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(width, 900)
    driver.execute_script("window.scrollTo(0, 0)")
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), 6000)
    driver.set_window_size(width, height)
    driver.save_screenshot(str(SHOTS / f"images-{name}-{width}.png"))
    driver.set_window_size(1280, 900)


def loaded_images(driver) -> list:
    """Every <img> with the source the browser chose and whether it has loaded."""
    return driver.execute_script(
        "return [...document.images].map(i => ({src: i.currentSrc, done: i.complete && i.naturalWidth > 0,"
        " lazy: i.loading, w: i.getAttribute('width'), h: i.getAttribute('height')}))")


def test_demo_pages_show_their_pictures(chrome, servers):
    server = servers.start(demo=True)
    chrome.get(server.url("/"))
    lead = one(chrome, "main picture img")
    # Eager (the default, said outright): the W3C checker here does not know fetchpriority yet.
    assert lead.get_dom_attribute("loading") == "eager"
    wait_until(chrome, "the lead picture loads", lambda d: d.execute_script(
        "const i = document.querySelector('main picture img'); return i.complete && i.naturalWidth > 0"))
    chosen = chrome.execute_script("return document.querySelector('main picture img').currentSrc")
    assert re.search(r"/images/[0-9a-f]{20}/[a-z0-9-]+-\d+\.webp$", chosen), chosen
    others = chrome.find_elements(By.CSS_SELECTOR, "main picture img")[1:]
    assert others and all(img.get_dom_attribute("loading") == "lazy" for img in others)
    full_page_shot(chrome, "home", 1280)
    full_page_shot(chrome, "home", 375)

    chrome.get(server.url("/"))
    href = one(chrome, "main article h2 a").get_attribute("href")
    chrome.get(href)
    figure = one(chrome, "article.post figure picture img")
    assert figure.get_attribute("alt"), "the feature image has no alt text"
    assert figure.get_dom_attribute("width") == "1600" and figure.get_dom_attribute("height") == "900"
    wait_until(chrome, "the article's picture loads", lambda d: d.execute_script(
        "const i = document.querySelector('article.post figure img'); return i.complete && i.naturalWidth > 0"))
    og = one(chrome, 'meta[property="og:image"]').get_attribute("content")
    assert og.startswith(server.url("/images/")) and og.endswith("-1280.jpg"), og
    full_page_shot(chrome, "article", 1280)
    full_page_shot(chrome, "article", 375)


def test_writer_uploads_a_feature_image_in_the_editor(chrome, servers):
    server = servers.start(demo=True)
    email = "photo@newsroom.example"
    password = add_staff_user(server.data_dir, email, "Pia Photo", "owner")
    chrome.get(server.url("/admin/signin"))
    one(chrome, 'input[name="email"]').send_keys(email)
    one(chrome, 'input[name="password"]').send_keys(password)
    click(chrome, button(chrome, "Sign in"))
    wait_path(chrome, r"/admin/posts/?")

    click(chrome, button(chrome, "New post"))
    wait_path(chrome, r"/admin/posts/new")
    one(chrome, 'input[name="title"]').send_keys("Turbines Rise Off the Coast")
    one(chrome, "textarea#markdown").send_keys("Six groups bid for the new wind zone.")
    # What a person picking a file does: the file's path into the file input.
    one(chrome, 'input[type="file"][data-image-upload="feature_image"]').send_keys(str(PICTURE))
    wait_until(chrome, "the upload fills the address",
               lambda d: re.fullmatch(r"/images/[0-9a-f]{20}/08-baltic-offshore-wind-auction\.jpg",
                                      one(d, 'input[name="feature_image"]').get_attribute("value") or ""),
               timeout=20)
    assert one(chrome, "[data-image-preview]").is_displayed()
    one(chrome, 'input[name="feature_image_alt"]').send_keys("Six wind turbines standing in the sea")
    one(chrome, 'input[name="feature_image_caption"]').send_keys("Drawing: Scoop Hub")
    click(chrome, button(chrome, "Create draft"))
    wait_path(chrome, r"/admin/posts/\d+/edit")
    click(chrome, button(chrome, "Publish"))
    # The editor's own page may say "published" already: wait for the redirect after the
    # publish, or the next navigation races the form's.
    wait_until(chrome, "published", lambda d: "notice=published" in d.current_url)

    chrome.get(server.url("/turbines-rise-off-the-coast/"))
    img = one(chrome, "article.post figure picture img")
    assert img.get_attribute("alt") == "Six wind turbines standing in the sea"
    assert "Drawing: Scoop Hub" in one(chrome, "article.post figure figcaption").text
    wait_until(chrome, "the uploaded picture loads", lambda d: d.execute_script(
        "const i = document.querySelector('article.post figure img'); return i.complete && i.naturalWidth > 0"))
    full_page_shot(chrome, "uploaded-article", 1280)
