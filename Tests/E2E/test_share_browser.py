"""The article page's share section in Chromium, on the demo site.

- With JavaScript: the "Copy link" button (in the page with the `hidden` attribute) is shown
  by the reader script where `navigator.clipboard` exists; clicking it updates the polite
  status line ("Link copied", or "Copy failed" where the browser refuses the write). "Share…"
  is shown exactly when the browser has `navigator.share` (headless Chromium on Linux has
  not). The reader script is loaded on public articles for anonymous readers only.
- Without JavaScript: both buttons stay hidden and the eight plain share links are there.
- The section wraps without horizontal scrolling at 375 px.

Screenshots of the share section at 1280 and 375 px go to /tmp/byline-shots/share-*.png.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from test_member_signup_browser import MOBILE_WIDTH, no_overflow, set_width, wait_until

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/byline-shots")
NETWORKS = ["X (Twitter)", "Facebook", "LinkedIn", "Email", "WhatsApp", "Telegram", "Bluesky", "Reddit"]
DISMISS_KEY = "byline.overlay.dismissedUntil"


@pytest.fixture(scope="module")
def share_site(module_servers):
    return module_servers.start(demo=True)


@pytest.fixture(scope="module")
def public_article(share_site) -> str:
    """The path of a demo article that loads the reader script for an anonymous reader."""
    home = share_site.get("/")
    assert home.status == 200, home.describe()
    paths = dict.fromkeys(re.findall(r'href="(/[a-z0-9][a-z0-9-]*/)"', home.text))
    for path in paths:
        page = share_site.get(path)
        if page.status == 200 and 'class="share-copy"' in page.text and "<script src=" in page.text:
            return path
    pytest.fail(f"no demo article on the home page loads the reader script: tried {list(paths)}")


def open_article(driver, site, path: str) -> None:
    """Loads the article with the subscribe overlay already dismissed, so it covers nothing."""
    driver.get(site.url(path))
    driver.execute_script(
        "localStorage.setItem(arguments[0], String(Date.now() + 864e5));", DISMISS_KEY)
    driver.get(site.url(path))


def share_state(driver) -> dict:
    return driver.execute_script("""
        const s = document.querySelector('.share');
        const shown = el => !!el && !el.hidden && el.getClientRects().length > 0;
        return {
          copyShown: shown(s.querySelector('.share-copy')),
          nativeShown: shown(s.querySelector('.share-native')),
          hasNativeShare: typeof navigator.share === 'function',
          hasClipboard: !!(navigator.clipboard && navigator.clipboard.writeText),
          status: s.querySelector('.share-status').textContent.trim(),
          liveStatus: s.querySelector('.share-status').getAttribute('aria-live'),
          links: [...s.querySelectorAll('.share-links a')].map(a => [a.textContent.trim(), a.href]),
        };""")


def shoot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    section = driver.find_element(By.CSS_SELECTOR, ".share")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", section)
    time.sleep(0.2)
    section.screenshot(str(SHOTS / f"share-{name}.png"))


def test_copy_link_with_javascript(chrome, share_site, public_article):
    try:
        chrome.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": share_site.base,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    except Exception:
        pass  # without the grant the write may be refused: "Copy failed" is accepted below
    open_article(chrome, share_site, public_article)
    wait_until(chrome, "the Copy link button is shown", lambda d: share_state(d)["copyShown"])
    state = share_state(chrome)
    assert state["hasClipboard"]
    assert state["nativeShown"] == state["hasNativeShare"], state
    assert state["liveStatus"] == "polite"
    assert state["status"] == ""
    assert [name for name, _ in state["links"]] == NETWORKS

    button = chrome.find_element(By.CSS_SELECTOR, ".share-copy")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_until(chrome, "the share status says the copy happened (or failed)",
               lambda d: share_state(d)["status"] in ("Link copied", "Copy failed"))
    status = share_state(chrome)["status"]
    shoot(chrome, "1280-copied")
    print(f"share status after Copy link: {status}")
    if status == "Link copied":
        copied = chrome.execute_async_script(
            "const done = arguments[0]; navigator.clipboard.readText().then(done, () => done(null));")
        if copied is not None:
            # The canonical address: the site's public URL, which need not be this port's.
            assert copied.startswith("http") and copied.endswith(public_article), copied

    for width, name in ((1280, "1280"), (MOBILE_WIDTH, "375")):
        set_width(chrome, width)
        open_article(chrome, share_site, public_article)
        wait_until(chrome, "the Copy link button is shown", lambda d: share_state(d)["copyShown"])
        no_overflow(chrome, f"article at {width} px")
        shoot(chrome, name)
    set_width(chrome, 1280)


def test_without_javascript_buttons_hidden_links_present(chrome, share_site, public_article):
    chrome.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        chrome.get(share_site.url(public_article))
        for selector in (".share-copy", ".share-native"):
            buttons = chrome.find_elements(By.CSS_SELECTOR, selector)
            assert len(buttons) == 1, selector
            assert not buttons[0].is_displayed(), f"{selector} shows without JavaScript"
        links = chrome.find_elements(By.CSS_SELECTOR, ".share-links a")
        assert [a.text.strip() for a in links] == NETWORKS
        for link in links:
            assert link.is_displayed(), link.text
            assert link.get_attribute("rel") == "noopener"
        set_width(chrome, MOBILE_WIDTH)
        chrome.get(share_site.url(public_article))
        no_overflow(chrome, f"article at {MOBILE_WIDTH} px without JavaScript")
        shoot(chrome, "375-nojs")
    finally:
        chrome.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        set_width(chrome, 1280)
