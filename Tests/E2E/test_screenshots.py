"""Screenshot references: home, an article, a tag page and an author page of the demo site at
375 and 1280 px, each compared with the PNG stored in Tests/E2E/screenshots/, so that a layout
broken by accident fails. A positive control shows the comparison catches a broken stylesheet.

Update the references on purpose, after a design change (one command, then look at the PNGs
and commit them):

    BYLINE_UPDATE_SCREENSHOTS=1 bash scripts/test-e2e -k screenshots

Deterministic input: the demo's articles have fixed dates and the site shows them in UTC; the
only text that moves with the clock, the footer's copyright year, is pinned before the shot.
Fonts come from the Debian packages scripts/test-e2e installs (fonts-dejavu-core)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import byline_e2e as e2e

REFERENCES = Path(__file__).parent / "screenshots"
UPDATE = os.environ.get("BYLINE_UPDATE_SCREENSHOTS") == "1"
WIDTHS = [375, 1280]
# The newest demo article (public, with a READ ALSO link and related stories), a tag and an author.
ARTICLE = "/nordic-town-heats-homes-with-waste-warmth-from-data-centre/"
PAGES = {
    "home": "/",
    "article": ARTICLE,
    "tag": "/tag/europe/",
    "author": "/author/mara-ellison/",
}
# A pixel differs when one of its channels moves by more than this (anti-aliasing noise is less);
# a shot fails when more than this share of its pixels differ.
CHANNEL_THRESHOLD = 40
MAX_DIFFERING_SHARE = 0.005


@pytest.fixture(scope="module")
def demo_site(module_servers):
    return module_servers.start(demo=True)


def full_page_png(driver, url: str, width: int, path: Path) -> Path:
    """A screenshot of the whole page at `width` CSS pixels, scale 1, light colour scheme."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "light"},
                     {"name": "prefers-reduced-motion", "value": "reduce"}]})
    status = e2e.http(url).status
    assert status == 200, f"{url} answers {status}: a reference of an error page would test nothing"
    driver.get(url)
    driver.execute_script("""
        for (const el of document.querySelectorAll('.footer-meta'))
          el.textContent = el.textContent.replace(/\\d{4}/, '2026');
    """)
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    # Every image in the now tall viewport loaded (lazy ones included), fonts settled.
    e2e.wait_for(lambda: driver.execute_script(
        "return document.fonts.status === 'loaded' && [...document.images].every(i => i.complete)"), 20)
    driver.save_screenshot(str(path))
    return path


def compare(actual: Path, reference: Path) -> str | None:
    """None when `actual` matches `reference` within the tolerance, else what differs; a
    picture of the differences is saved next to `actual`."""
    got = Image.open(actual).convert("RGB")
    want = Image.open(reference).convert("RGB")
    if got.size != want.size:
        return f"size {got.size[0]}x{got.size[1]}, reference {want.size[0]}x{want.size[1]}"
    red, green, blue = ImageChops.difference(got, want).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    differing = largest.point(lambda v: 255 if v > CHANNEL_THRESHOLD else 0)
    count = differing.histogram()[255]
    share = count / (got.size[0] * got.size[1])
    if share <= MAX_DIFFERING_SHARE:
        return None
    differing.save(actual.with_name(actual.stem + "-diff.png"))
    box = differing.getbbox()
    return f"{count} pixels ({share:.2%}) differ by more than {CHANNEL_THRESHOLD}, within {box}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", list(PAGES))
def test_screenshot_matches_reference(chrome, demo_site, tmp_path, page, width):
    name = f"{page}-{width}.png"
    shot = full_page_png(chrome, demo_site.url(PAGES[page]), width, tmp_path / name)
    reference = REFERENCES / name
    if UPDATE:
        REFERENCES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, reference)
        return
    assert reference.is_file(), (
        f"no reference {reference}; make them with BYLINE_UPDATE_SCREENSHOTS=1 bash scripts/test-e2e -k screenshots")
    problem = compare(shot, reference)
    if problem:
        kept = Path("/tmp/byline-screenshot-failures")
        kept.mkdir(parents=True, exist_ok=True)
        for produced in tmp_path.glob("*.png"):
            shutil.copyfile(produced, kept / produced.name)
    assert problem is None, (
        f"{PAGES[page]} at {width} px no longer looks like {reference.name}: {problem}. "
        f"Shot and differences in /tmp/byline-screenshot-failures/. If the change is intended, "
        f"update the references: BYLINE_UPDATE_SCREENSHOTS=1 bash scripts/test-e2e -k screenshots")


def test_screenshot_comparison_catches_a_broken_stylesheet(chrome, tmp_path_factory):
    """Positive control: the same demo site with `body{width:50%}` added to its stylesheet must
    fail the comparison with the home page's reference; an unbroken copy of the theme passes."""
    reference = REFERENCES / "home-1280.png"
    assert reference.is_file(), f"no reference {reference}"
    base = tmp_path_factory.mktemp("broken-theme")
    results = {}
    for label, extra in [("intact", ""), ("broken", "\nbody{width:50%}\n")]:
        theme = base / label / "theme"
        shutil.copytree(e2e.REPO / "Themes" / "default", theme)
        with open(theme / "style.css", "a", encoding="utf-8") as css:
            css.write(extra)
        server = e2e.Server(base / label / "data", base / label / "server.log", demo=True,
                            env={"BYLINE_THEME_DIR": str(theme)})
        server.start()
        try:
            shot = full_page_png(chrome, server.url("/"), 1280, base / label / "home-1280.png")
        finally:
            server.stop()
        results[label] = compare(shot, reference)
    assert results["intact"] is None, f"an unchanged copy of the theme differs: {results['intact']}"
    assert results["broken"] is not None, "a stylesheet that halves the page passed the comparison"
