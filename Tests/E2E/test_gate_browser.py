"""The subscriber gate and the subscribe overlay in Chromium, on the demo site.

The demo site gates its oldest articles by the "archive for subscribers" rule. The tests find
the gated and the public articles by fetching every demo article's page (a `.gate` element
marks a gated one), never by dates written here, and use a sentence from the end of each
article's file in Demo/articles/ as a canary: it must not be in the page an anonymous reader
gets of a gated article, and it must be there once the reader has subscribed (and on public
articles), so a page that shows no text at all cannot pass.

- The overlay: hidden in the HTML (the `hidden` attribute: without JavaScript nothing shows);
  scrolling past the share buttons opens it as a modal dialog with focus inside; Tab stays in
  it; Escape, "Continue reading" and a click on the backdrop close it and focus goes back; the
  dismissal (localStorage) keeps it closed on the next article; a reader who used the subscribe
  box is not asked again, and it waits while the subscribe box is in view rather than cover
  it; members never get it.
- The gate: preview paragraphs and the gate visible, the rest of the article not in the page;
  subscribing with the gate's form and confirming by the emailed link lands the reader back on
  the same article with the full text and "Your account" in the masthead; an existing member
  who follows "Continue reading" signs in and lands back on the article too.
- axe-core on the gated page and on a page with the overlay open; the Nu HTML checker on a
  gated and a public article.

Screenshots at 1280 and 375 px (light and dark) go to /tmp/byline-shots/ (gate-*.png,
overlay-*.png).
"""

from __future__ import annotations

import re
import shutil
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import byline_e2e as e2e
from test_member_signup_browser import (
    MOBILE_WIDTH,
    SMTPTestServer,
    axe_problems,
    current_path,
    heading,
    member_status,
    no_overflow,
    set_width,
    wait_until,
)

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/byline-shots")
DEMO_ARTICLES = e2e.REPO / "Demo" / "articles"
DISMISS_KEY = "byline.overlay.dismissedUntil"
GATE_HEADING = "Subscribe now to keep reading and get access to the full archive."
OVERLAY_TEXT = "Subscribe now to keep reading and get access to the full archive."
# The demo site's free preview of a gated article (issue 10: "its first 3 paragraphs").
DEMO_PREVIEW_PARAGRAPHS = 3
# How long a closed overlay is given to (wrongly) open again after a scroll.
SETTLE = 1.0


# --------------------------------------------------------------------------
# The demo articles, from their files and their pages


@dataclass
class DemoArticle:
    file: Path
    title: str
    date: str
    lines: list  # the body's non-empty lines (paragraphs), in order
    path: str = ""
    gated: bool = False

    @property
    def opening(self) -> str:
        """A plain fragment of the first paragraph: always in the preview."""
        return plain_fragment(self.lines[0])

    @property
    def canaries(self) -> list:
        """Plain fragments of the last two paragraphs: never in a preview."""
        return [plain_fragment(line) for line in self.lines[-2:]]


def plain_fragment(line: str) -> str:
    """The longest run of letters, digits and spaces in `line` (up to 70 characters): text that
    reads the same in HTML source whatever the renderer escapes or quotes."""
    runs = sorted(re.findall(r"[A-Za-z0-9 ]+", line), key=len, reverse=True)
    run = runs[0].strip() if runs else ""
    assert len(run) >= 20, f"no plain fragment of 20+ characters in {line!r}"
    return run[:70].strip()


def read_demo_article(file: Path) -> DemoArticle:
    lines = file.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    # Title, blank line, author, header lines ("Key: value"), blank line, then the body.
    i = 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    header_start = i
    while i < len(lines) and lines[i].strip():
        i += 1
    headers = lines[header_start:i]
    date = next((h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("date:")), "")
    body = [line.strip() for line in lines[i:] if line.strip()]
    assert body, f"{file.name}: no body"
    return DemoArticle(file=file, title=title, date=date, lines=body)


def discover_articles(site) -> list:
    """Every demo article with its path (the slug the site stored for its title) and whether
    the page an anonymous reader gets carries the gate."""
    articles = [read_demo_article(f) for f in sorted(DEMO_ARTICLES.glob("*.txt"))]
    assert articles, f"no demo articles in {DEMO_ARTICLES}"
    for article in articles:
        rows = e2e.db_query(site.data_dir, "SELECT slug FROM posts WHERE title = ?", (article.title,))
        assert rows, f"the demo site has no post titled {article.title!r} ({article.file.name})"
        article.path = f"/{rows[0][0]}/"
        resp = site.get(article.path)
        assert resp.status == 200, resp.describe()
        doc = e2e.parse_html(resp.text)
        article.gated = doc.select_one(".gate") is not None
    return articles


@pytest.fixture(scope="module")
def smtp(tmp_path_factory):
    server = SMTPTestServer(tmp_path_factory.mktemp("mail")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def gate_site(module_servers, smtp):
    """A fresh demo site (gating its oldest articles) mailing through the SMTP test server."""
    return module_servers.start(demo=True, args=["--smtp-url", f"smtp://127.0.0.1:{smtp.port}?tls=none"])


@pytest.fixture(scope="module")
def articles(gate_site):
    found = discover_articles(gate_site)
    gated = [a for a in found if a.gated]
    public = [a for a in found if not a.gated]
    summary = ", ".join(f"{a.date} {'GATED' if a.gated else 'public'} {a.path}" for a in found)
    assert gated, f"no demo article carries a .gate for an anonymous reader: {summary}"
    assert len(public) >= 2, f"need two public demo articles for the overlay: {summary}"
    # The archive rule gates by age: every gated article is older than every public one.
    assert max(a.date for a in gated) < min(a.date for a in public), summary
    return {"gated": sorted(gated, key=lambda a: a.date), "public": sorted(public, key=lambda a: a.date, reverse=True)}


# --------------------------------------------------------------------------
# Browser helpers


def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def color_scheme(driver, scheme: str | None) -> None:
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


def clear_storage(driver, site) -> None:
    """No remembered dismissal: a page of the site, its localStorage cleared."""
    driver.get(site.url("/healthz"))
    driver.execute_script("window.localStorage.clear();")


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def overlay_state(driver) -> dict:
    return js(driver, """
        const o = document.querySelector('.subscribe-overlay');
        if (!o) return {present: false};
        const a = document.activeElement;
        const r = o.getBoundingClientRect();
        return {present: true, hidden: o.hidden, shown: !o.hidden && getComputedStyle(o).display !== 'none'
                  && r.width > 0 && r.height > 0,
                focusInside: !!a && o.contains(a),
                active: a ? (a.tagName + (a.id ? '#' + a.id : '') + (a.className ? '.' + a.className : '')) : ''};
    """)


def overlay_shown(driver) -> bool:
    return overlay_state(driver).get("shown", False)


def scroll_past_share(driver) -> None:
    """Scroll the window until the share buttons sit at its top edge: past the article's
    middle, and past the subscribe box above them (the overlay waits while that is in view)."""
    js(driver, """
        const s = document.querySelector('.share');
        window.scrollTo(0, Math.max(1, s.getBoundingClientRect().top + window.scrollY - 8));
    """)


def focus_byline_link(driver):
    """Focus a link near the top of the article (the author): where focus must come back to."""
    link = driver.find_element(By.CSS_SELECTOR, "a.post-author")
    js(driver, "arguments[0].focus({preventScroll: true});", link)
    assert driver.switch_to.active_element == link
    return link


def open_overlay(driver, site, article: DemoArticle):
    """Load a public article with nothing remembered, scroll past the share: the overlay opens."""
    driver.get(site.url(article.path))
    state = overlay_state(driver)
    assert state["present"], f"no .subscribe-overlay on the public article {article.path}"
    assert state["hidden"] and not state["shown"], f"overlay showing at load on {article.path}: {state}"
    before = focus_byline_link(driver)
    scroll_past_share(driver)
    wait_until(driver, f"the overlay opening on {article.path} after scrolling past the share", overlay_shown)
    # Its fade-in over: Selenium reads a transparent element as not displayed.
    wait_until(driver, "the overlay's opening animation to end",
               lambda d: js(d, "return document.getAnimations().every(a => a.playState !== 'running');"))
    return before


def dismissed_until(driver):
    value = js(driver, f"return window.localStorage.getItem('{DISMISS_KEY}');")
    return int(value) if value else None


def press(driver, key) -> None:
    ActionChains(driver).send_keys(key).perform()


def click_at(driver, x: int, y: int) -> None:
    """A real pointer click at window coordinates."""
    builder = ActionBuilder(driver)
    builder.pointer_action.move_to_location(x, y)
    builder.pointer_action.click()
    builder.perform()


def page_text(driver) -> str:
    return e2e.norm_space(driver.find_element(By.TAG_NAME, "body").text)


def masthead_account(driver):
    links = driver.find_elements(By.CSS_SELECTOR, "header.masthead a.masthead-account")
    assert links, f"no header.masthead a.masthead-account on {driver.current_url}"
    assert links[0].is_displayed(), "the masthead account link is not visible"
    return links[0]


def account_text(driver) -> str:
    """The masthead link's words as written (the theme shows them in capitals)."""
    return e2e.norm_space(masthead_account(driver).get_attribute("textContent"))


def scroll_gate_into_view(driver):
    gate = driver.find_element(By.CSS_SELECTOR, ".gate")
    js(driver, "arguments[0].scrollIntoView({block: 'end'}); window.scrollBy(0, 80);", gate)
    return gate


def emailed_link(message, path: str) -> str:
    """The whole `path?...` link (token and anything after it) of a message's text part."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, f"no text/plain part in {message['Subject']!r}"
    text = part.get_content()
    found = re.search(r"https?://[^\s<>\"]+" + re.escape(path) + r"\?[^\s<>\"]+", text)
    assert found, f"no {path} link in:\n{text}"
    return found.group(0)


def press_link_button(driver, action: str) -> None:
    buttons = driver.find_elements(By.CSS_SELECTOR, f"form[action='{action}'] button")
    assert buttons, f"no button posting to {action} on {driver.current_url}"
    buttons[0].click()


def subscribe_through_gate(driver, site, smtp, article: DemoArticle, address: str) -> None:
    """Anonymous reader on a gated article: the gate's form, the emailed link, the button,
    and back on the same article (the full text is checked by the caller)."""
    driver.delete_all_cookies()
    driver.get(site.url(article.path))
    gate = scroll_gate_into_view(driver)
    form = gate.find_element(By.CSS_SELECTOR, "form[action='/subscribe']")
    field = form.find_element(By.CSS_SELECTOR, "input[type=email][name=email]")
    field.send_keys(address)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(driver, "the signup answer", lambda d: current_path(d) == "/subscribe" and heading(d))
    assert heading(driver) == "Check your inbox", driver.page_source[:600]
    assert member_status(site, address) == "pending"
    message = smtp.wait_for_message(address)
    link = emailed_link(message, "/members/confirm")
    assert link.startswith(site.base + "/members/confirm?"), link
    driver.get(link)
    press_link_button(driver, "/members/confirm")
    wait_until(driver, f"back on {article.path} after confirming",
               lambda d: current_path(d) == article.path and heading(d), timeout=15)
    assert member_status(site, address) == "confirmed"


def assert_full_article(driver, article: DemoArticle, who: str) -> None:
    source = driver.page_source
    assert not driver.find_elements(By.CSS_SELECTOR, ".gate"), f"{who}: the gate is still on {article.path}"
    for canary in article.canaries:
        assert canary in source, f"{who}: {canary!r} (end of {article.file.name}) not on {article.path}"
    assert article.canaries[-1] in page_text(driver), f"{who}: the last paragraph is not visible"
    assert account_text(driver) == "Your account", account_text(driver)
    href = masthead_account(driver).get_attribute("href")
    assert urllib.parse.urlsplit(href).path == "/members/account", href


# --------------------------------------------------------------------------
# HTML (no browser): what the server sends


def test_gated_pages_send_only_the_preview_and_the_gate(gate_site, articles):
    """Every gated demo article: preview, gate with its form and sign-in link, and none of the
    article's last paragraphs in the HTML; every public one: the whole text and the overlay."""
    for article in articles["gated"]:
        resp = gate_site.get(article.path)
        assert resp.status == 200, resp.describe()
        source = resp.text
        for canary in article.canaries:
            assert canary not in source, f"gated {article.path} leaks {canary!r} ({article.file.name})"
        doc = e2e.parse_html(source)
        paragraphs = e2e.body_paragraphs(doc)
        assert paragraphs, f"gated {article.path}: no preview paragraphs in .post-body"
        assert len(paragraphs) < len(article.lines), f"gated {article.path}: the preview is the whole article"
        assert len(paragraphs) == DEMO_PREVIEW_PARAGRAPHS, \
            f"gated {article.path}: {len(paragraphs)} preview paragraphs, the demo shows {DEMO_PREVIEW_PARAGRAPHS}"
        assert article.opening in e2e.norm_space(paragraphs[0].text), \
            f"gated {article.path}: the preview does not start with the article's first paragraph"
        gates = doc.select(".gate")
        assert len(gates) == 1, f"gated {article.path}: {len(gates)} .gate elements"
        gate = gates[0]
        assert "gated-content" in gate.classes, gate
        assert GATE_HEADING in gate.clean_text, gate.clean_text
        form = gate.select_one("form[action=/subscribe]")
        assert form is not None and form.get("method", "").lower() == "post", "the gate has no POST /subscribe form"
        assert form.select_one("input[name=email][type=email]") is not None
        assert form.select_one("input[name=website]") is not None, "the gate's form has no honeypot"
        return_to = form.select_one("input[name=return_to]")
        assert return_to is not None and return_to.get("value") == article.path, return_to
        signin = [a for a in gate.select("a[href]") if a.clean_text == "Continue reading"]
        assert signin, f"gated {article.path}: no 'Continue reading' link in the gate"
        href = urllib.parse.urlsplit(signin[0].get("href"))
        assert href.path == "/members/signin", href
        assert urllib.parse.parse_qs(href.query).get("return_to") == [article.path], href
        assert "Already a subscriber?" in gate.clean_text, gate.clean_text
        # No overlay and no second subscribe box on a locked article; ids stay unique.
        assert doc.select_one(".subscribe-overlay") is None, f"gated {article.path} carries the overlay"
        assert doc.select_one(".subscribe-box") is None, f"gated {article.path} carries the subscribe box"
        ids = [n.get("id") for n in doc.iter() if n.get("id")]
        assert len(ids) == len(set(ids)), f"duplicate ids on {article.path}: {sorted(ids)}"
        account = doc.select_one("header.masthead a.masthead-account")
        assert account is not None and account.get("href") == "/members/signin", account

    for article in articles["public"]:
        resp = gate_site.get(article.path)
        source = resp.text
        for canary in article.canaries:
            assert canary in source, f"public {article.path}: {canary!r} missing (positive control)"
        doc = e2e.parse_html(source)
        overlay = doc.select_one(".subscribe-overlay")
        assert overlay is not None, f"public {article.path}: no .subscribe-overlay (is the overlay setting on?)"
        assert "hidden" in overlay.attrs, f"public {article.path}: the overlay is not rendered hidden"
        assert overlay.get("role") == "dialog" and overlay.get("aria-modal") == "true", overlay
        labelled = overlay.get("aria-labelledby")
        assert labelled and doc.select_one(f"#{labelled}") is not None, overlay
        assert any(overlay is a for a in doc.select_one(f"#{labelled}").ancestors()), "label outside the dialog"
        assert 10 <= int(overlay.get("data-scroll-percent")) <= 90, overlay
        assert int(overlay.get("data-dismiss-days")) >= 0, overlay
        assert any(overlay is a for a in doc.select_one("article").iter()), "the overlay is not inside <article>"
        ret = overlay.select_one("input[name=return_to]")
        assert ret is not None and ret.get("value") == article.path, ret
        scripts = [s.get("src") for s in doc.select("script[src]")]
        reader = [s for s in scripts if re.search(r"/assets/reader\.[^/]*js$", s or "")]
        assert reader, f"public {article.path}: no /assets/reader.*.js script in {scripts}"
        assert "defer" in doc.select_one(f"script[src={reader[0]}]").attrs, "reader.js is not deferred"
        asset = gate_site.get(reader[0])
        assert asset.status == 200 and DISMISS_KEY in asset.text, asset.describe()
        ids = [n.get("id") for n in doc.iter() if n.get("id")]
        assert len(ids) == len(set(ids)), f"duplicate ids on {article.path}: {sorted(ids)}"


def test_gated_and_public_articles_pass_the_nu_html_checker(gate_site, articles, tmp_path):
    """The gate's and the overlay's markup are valid HTML (ids unique, attributes allowed)."""
    from test_validity import vnu_report

    if shutil.which("java") is None:
        pytest.fail("java is not installed (needed for the Nu HTML checker)")
    files = {}
    for kind in ("gated", "public"):
        article = articles[kind][0]
        resp = gate_site.get(article.path)
        assert resp.status == 200, resp.describe()
        files[kind] = tmp_path / f"{kind}.html"
        files[kind].write_bytes(resp.body)
    report = vnu_report(list(files.values()))
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m.get('message')}"
              f" …{m.get('extract', '').strip()}…"
              for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(errors)


# --------------------------------------------------------------------------
# The overlay


def test_overlay_opens_on_scrolling_closes_and_stays_closed(chrome, gate_site, articles):
    site = gate_site
    first, second, third = (articles["public"] * 3)[:3]
    shots()
    problems = []

    # 1. Open by scrolling; focus moves in, Tab stays in, Escape closes, focus comes back.
    set_width(chrome, 1280)
    clear_storage(chrome, site)
    before = open_overlay(chrome, site, first)
    state = overlay_state(chrome)
    assert state["focusInside"], f"focus did not move into the overlay: {state}"
    dialog = chrome.find_element(By.CSS_SELECTOR, ".subscribe-overlay")
    text = e2e.norm_space(dialog.text)
    assert "Discover more from" in text and OVERLAY_TEXT in text, text
    assert dialog.find_element(By.CSS_SELECTOR, "input[type=email]").is_displayed()
    assert dialog.find_element(By.CSS_SELECTOR, ".subscribe-overlay-close").text.strip().startswith("Continue reading")
    chrome.save_screenshot(str(SHOTS / "overlay-1280.png"))
    problems += axe_problems(chrome, f"{first.path} with the overlay open")
    seen = set()
    for _ in range(6):
        press(chrome, Keys.TAB)
        state = overlay_state(chrome)
        assert state["focusInside"], f"Tab left the open overlay: focus on {state['active']}"
        seen.add(state["active"])
    assert len(seen) >= 3, f"Tab did not cycle through the email field and both buttons: {seen}"
    press(chrome, Keys.SHIFT + Keys.TAB)
    assert overlay_state(chrome)["focusInside"], "Shift+Tab left the open overlay"
    press(chrome, Keys.ESCAPE)
    wait_until(chrome, "the overlay closing on Escape", lambda d: not overlay_shown(d))
    assert chrome.switch_to.active_element == before, \
        f"focus did not return to the author link: {overlay_state(chrome)['active']}"
    until = dismissed_until(chrome)
    assert until and until > time.time() * 1000 + 3_600_000, f"{DISMISS_KEY} = {until}: no dismissal remembered"
    # Scrolling on does not bring it back on this page.
    js(chrome, "window.scrollTo(0, document.documentElement.scrollHeight);")
    time.sleep(SETTLE)
    assert not overlay_shown(chrome), "the overlay opened again on the same page"

    # 2. The next article: remembered, it stays closed.
    chrome.get(site.url(second.path))
    scroll_past_share(chrome)
    time.sleep(SETTLE)
    js(chrome, "window.scrollTo(0, document.documentElement.scrollHeight);")
    time.sleep(SETTLE)
    assert not overlay_shown(chrome), f"the dismissed overlay opened again on {second.path}"

    # 3. "Continue reading" closes it; focus comes back.
    clear_storage(chrome, site)
    before = open_overlay(chrome, site, second)
    chrome.find_element(By.CSS_SELECTOR, ".subscribe-overlay .subscribe-overlay-close").click()
    wait_until(chrome, "the overlay closing on 'Continue reading'", lambda d: not overlay_shown(d))
    assert chrome.switch_to.active_element == before, "focus did not return after 'Continue reading'"
    assert dismissed_until(chrome), "'Continue reading' did not remember the dismissal"

    # 4. A click on the backdrop closes it; a click on the card does not.
    clear_storage(chrome, site)
    open_overlay(chrome, site, third)
    chrome.find_element(By.CSS_SELECTOR, ".subscribe-overlay-heading").click()
    assert overlay_shown(chrome), "a click inside the card closed the overlay"
    click_at(chrome, 6, 6)
    wait_until(chrome, "the overlay closing on a backdrop click", lambda d: not overlay_shown(d))
    assert dismissed_until(chrome)

    # 5. Phone width, light and dark: the card fits the screen.
    for scheme in ("light", "dark"):
        color_scheme(chrome, scheme)
        for width in (MOBILE_WIDTH, 1280):
            set_width(chrome, width)
            clear_storage(chrome, site)
            open_overlay(chrome, site, first)
            no_overflow(chrome, f"overlay at {width}")
            box = js(chrome, "const r = document.querySelector('.subscribe-overlay-card').getBoundingClientRect();"
                             "return [r.left, r.right, r.top, r.bottom, window.innerWidth, window.innerHeight];")
            left, right, top, bottom, vw, vh = box
            assert left >= 0 and right <= vw and top >= 0 and bottom <= vh, \
                f"overlay card {box[:4]} outside the {vw}x{vh} window at {width} ({scheme})"
            name = f"overlay-{width}.png" if scheme == "light" else f"overlay-dark-{width}.png"
            chrome.save_screenshot(str(SHOTS / name))
            press(chrome, Keys.ESCAPE)
            wait_until(chrome, "the overlay closing", lambda d: not overlay_shown(d))
    color_scheme(chrome, None)
    set_width(chrome, 1280)
    assert not problems, "\n".join(problems)


def test_overlay_waits_while_the_subscribe_box_is_in_view(chrome, gate_site, articles):
    """The subscribe box sits past the overlay's threshold: reaching it does not bring the
    overlay over it; scrolling on past it does."""
    site = gate_site
    article = articles["public"][0]
    for width in (1280, MOBILE_WIDTH):
        set_width(chrome, width)
        clear_storage(chrome, site)
        chrome.get(site.url(article.path))
        box = chrome.find_element(By.CSS_SELECTOR, ".subscribe-box")
        js(chrome, "arguments[0].scrollIntoView({block: 'center'});", box)
        time.sleep(SETTLE)
        assert not overlay_shown(chrome), f"the overlay covered the subscribe box at {width}"
        field = box.find_element(By.CSS_SELECTOR, "input[type=email]")
        assert field.is_displayed() and field.is_enabled()
        scroll_past_share(chrome)
        wait_until(chrome, f"the overlay opening once past the subscribe box at {width}", overlay_shown)
    set_width(chrome, 1280)


def test_overlay_not_shown_to_a_reader_who_used_the_subscribe_box(chrome, gate_site, articles):
    site = gate_site
    article = articles["public"][0]
    set_width(chrome, 1280)
    clear_storage(chrome, site)
    chrome.get(site.url(article.path))
    field = chrome.find_element(By.CSS_SELECTOR, ".subscribe-box input[type=email]")
    # The box sits past the overlay's threshold: reach it (focus, then type) before scrolling.
    js(chrome, "arguments[0].focus({preventScroll: true});", field)
    field.send_keys("someone@example")
    assert not overlay_shown(chrome), "the overlay opened over a reader typing in the subscribe box"
    scroll_past_share(chrome)
    time.sleep(SETTLE)
    js(chrome, "window.scrollTo(0, document.documentElement.scrollHeight);")
    time.sleep(SETTLE)
    assert not overlay_shown(chrome), "the overlay opened over a reader typing in the subscribe box"


def test_overlay_stays_hidden_without_javascript(chrome, gate_site, articles):
    site = gate_site
    article = articles["public"][0]
    set_width(chrome, 1280)
    clear_storage(chrome, site)
    chrome.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        chrome.get(site.url(article.path))
        assert overlay_state(chrome)["present"]
        scroll_past_share(chrome)
        time.sleep(SETTLE)
        js(chrome, "window.scrollTo(0, document.documentElement.scrollHeight);")
        time.sleep(SETTLE / 2)
        assert not overlay_shown(chrome), "the overlay shows without JavaScript"
        last = chrome.find_elements(By.CSS_SELECTOR, ".post-body p")[-1]
        js(chrome, "arguments[0].scrollIntoView({block: 'center'});", last)
        assert last.is_displayed()
        text = page_text(chrome)
        for canary in article.canaries:
            assert canary in text, f"without JavaScript {canary!r} is not readable on {article.path}"
    finally:
        chrome.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    # The control: the same page and scroll with JavaScript open it.
    clear_storage(chrome, site)
    open_overlay(chrome, site, article)


# --------------------------------------------------------------------------
# The gate


def test_gated_article_subscribe_confirm_and_read_on(chrome, gate_site, smtp, articles):
    site = gate_site
    article = articles["gated"][0]
    shots()
    problems = []

    # Anonymous: the preview and the gate, at both widths, light and dark.
    for scheme in ("light", "dark"):
        color_scheme(chrome, scheme)
        for width in (1280, MOBILE_WIDTH):
            set_width(chrome, width)
            chrome.delete_all_cookies()
            clear_storage(chrome, site)
            chrome.get(site.url(article.path))
            source = chrome.page_source
            for canary in article.canaries:
                assert canary not in source, f"the gated page leaks {canary!r} into the browser"
            first = chrome.find_elements(By.CSS_SELECTOR, ".post-body p")[0]
            assert first.is_displayed() and article.opening in e2e.norm_space(first.text)
            gate = scroll_gate_into_view(chrome)
            assert gate.is_displayed()
            assert GATE_HEADING in e2e.norm_space(gate.text), gate.text
            assert gate.find_element(By.CSS_SELECTOR, "input[type=email]").is_displayed()
            assert gate.find_element(By.LINK_TEXT, "Continue reading").is_displayed()
            assert account_text(chrome) == "Sign in", account_text(chrome)
            assert not overlay_state(chrome)["present"], "a gated article carries the overlay"
            no_overflow(chrome, f"gated article at {width} ({scheme})")
            name = f"gate-{width}.png" if scheme == "light" else f"gate-dark-{width}.png"
            chrome.save_screenshot(str(SHOTS / name))
            if width == 1280 and scheme == "light":
                problems += axe_problems(chrome, f"gated {article.path}")
            # Scrolling a gated page never opens an overlay.
            js(chrome, "window.scrollTo(0, document.documentElement.scrollHeight);")
            assert not overlay_shown(chrome)
    color_scheme(chrome, None)
    set_width(chrome, 1280)
    js(chrome, "window.scrollTo(0, 0);")
    chrome.save_screenshot(str(SHOTS / "gate-masthead-signin-1280.png"))

    # Subscribe with the gate's form, confirm by email: back on the article, full text.
    address = "e2e.gate.reader@example.com"
    subscribe_through_gate(chrome, site, smtp, article, address)
    assert_full_article(chrome, article, "the new subscriber")
    js(chrome, "window.scrollTo(0, 0);")
    chrome.save_screenshot(str(SHOTS / "gate-member-1280.png"))
    set_width(chrome, MOBILE_WIDTH)
    js(chrome, "window.scrollTo(0, 0);")
    chrome.save_screenshot(str(SHOTS / "gate-member-375.png"))
    set_width(chrome, 1280)

    # The member's session reaches every gated article, and no overlay on public ones.
    for other in articles["gated"]:
        chrome.get(site.url(other.path))
        assert_full_article(chrome, other, "the member")
    public = articles["public"][0]
    clear_storage(chrome, site)
    chrome.get(site.url(public.path))
    scroll_past_share(chrome)
    time.sleep(SETTLE)
    assert not overlay_shown(chrome), "the overlay opened for a signed-in member"
    assert account_text(chrome) == "Your account"
    assert len(smtp.messages_to(address)) == 1, "more than the confirmation email was sent"
    assert not problems, "\n".join(problems)


def test_member_signs_in_from_the_gate_and_reads_on(chrome, gate_site, smtp, articles):
    """An existing member, signed out: "Continue reading" in the gate, the sign-in link by
    email, and back on the gated article with the full text."""
    site = gate_site
    gated = articles["gated"]
    article = gated[-1] if len(gated) > 1 else gated[0]
    address = "e2e.gate.returning@example.com"
    set_width(chrome, 1280)
    subscribe_through_gate(chrome, site, smtp, article, address)

    chrome.delete_all_cookies()
    chrome.get(site.url(article.path))
    assert chrome.find_elements(By.CSS_SELECTOR, ".gate"), "signed out, the gate should be back"
    gate = scroll_gate_into_view(chrome)
    gate.find_element(By.LINK_TEXT, "Continue reading").click()
    wait_until(chrome, "the sign-in page", lambda d: current_path(d) == "/members/signin" and heading(d))
    forms = chrome.find_elements(By.CSS_SELECTOR, "form[action^='/members/signin']")
    assert forms, f"no sign-in form on {chrome.current_url}"
    forms[0].find_element(By.CSS_SELECTOR, "input[name=email]").send_keys(address)
    # The sign-in form is stamped: a form posted within two seconds of rendering is a bot's.
    time.sleep(2.2)
    forms[0].find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(chrome, "the sign-in answer", lambda d: heading(d) == "Check your inbox")
    message = smtp.wait_for_message(address, count=2)
    link = emailed_link(message, "/members/auth")
    chrome.get(link)
    press_link_button(chrome, "/members/auth")
    wait_until(chrome, f"back on {article.path} after signing in",
               lambda d: current_path(d) == article.path and heading(d), timeout=15)
    assert_full_article(chrome, article, "the returning member")
