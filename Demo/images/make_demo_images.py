#!/usr/bin/env python3
"""Draws the demo site's feature images and author pictures: original charts and simple
illustrations made from each demo story's own figures, never photographs or anything downloaded.

Run once after changing a story or a drawing; the outputs are committed next to this script:

    python3 -m venv /tmp/mpl && /tmp/mpl/bin/pip install matplotlib
    /tmp/mpl/bin/python Demo/images/make_demo_images.py

Each article `Demo/articles/NN-name.txt` gets `Demo/images/NN-name.jpg` (1600 x 900 px), and each
demo author `Demo/images/authors/<slug>.png` (400 x 400 px, initials on a colour). Drawing is
deterministic (fixed seeds, no dates), so a rerun gives the same pictures.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patches  # noqa: E402

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT, DPI = 16, 9, 100  # 1600 x 900 px

INK = "#1d2433"
PAPER = "#f4efe6"
ACCENT = "#c2410c"
SEA = "#2f6f8f"
LEAF = "#4d7c0f"
SAND = "#d9b26f"
MUTED = "#8a8f99"

plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 22,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "text.color": INK,
        "svg.hashsalt": "byline",
    }
)


def canvas(background=PAPER):
    figure = plt.figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    figure.patch.set_facecolor(background)
    return figure


def plain_axes(figure, background=PAPER):
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 16)
    axes.set_ylim(0, 9)
    axes.set_axis_off()
    axes.set_facecolor(background)
    return axes


def chart_axes(figure, rect=(0.09, 0.14, 0.86, 0.68)):
    axes = figure.add_axes(rect)
    axes.set_facecolor(PAPER)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return axes


def caption(figure, title, note=""):
    figure.text(0.09, 0.9, title, fontsize=34, weight="bold", color=INK)
    if note:
        figure.text(0.09, 0.845, note, fontsize=20, color=MUTED)


def save(figure, name):
    path = HERE / f"{name}.jpg"
    figure.savefig(path, dpi=DPI, facecolor=figure.get_facecolor(), pil_kwargs={"quality": 84, "optimize": True})
    plt.close(figure)
    print(f"wrote {path.relative_to(HERE.parent.parent)}")


# --- one drawing per story ----------------------------------------------------------------


def ceasefire_calendar():
    """01: the unconditional 30-day ceasefire London asks for, as thirty days on a calendar."""
    figure = canvas()
    axes = plain_axes(figure)
    caption(figure, "A 30-day ceasefire as the starting point", "What London says any negotiation should begin with")
    for day in range(35):
        row, column = divmod(day, 7)
        x, y = 2.2 + column * 1.65, 5.9 - row * 1.15
        inside = day < 30
        axes.add_patch(
            patches.FancyBboxPatch(
                (x, y), 1.4, 0.9, boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor=ACCENT if inside else "#e3dccf", edgecolor=PAPER, linewidth=3,
            )
        )
        if inside:
            axes.text(x + 0.7, y + 0.45, str(day + 1), ha="center", va="center", color="white", fontsize=20)
    save(figure, "01-uk-pm-putin-consequences")


def prisoner_exchange():
    """02: about 1,000 prisoners of war on each side, as two fields of 1,000 dots."""
    figure = canvas()
    axes = plain_axes(figure)
    caption(figure, "About 1,000 prisoners each way", "The largest single exchange since February 2022")
    for side, (left, colour) in enumerate(((1.0, SEA), (9.4, SAND))):
        for index in range(1000):
            row, column = divmod(index, 40)
            axes.add_patch(patches.Circle((left + column * 0.145, 0.9 + row * 0.245), 0.055, color=colour))
    axes.annotate("", xy=(9.1, 4.6), xytext=(7.0, 4.6), arrowprops={"arrowstyle": "-|>", "lw": 4, "color": INK})
    axes.annotate("", xy=(7.0, 3.6), xytext=(9.1, 3.6), arrowprops={"arrowstyle": "-|>", "lw": 4, "color": INK})
    save(figure, "02-istanbul-talks-prisoner-exchange")


def inflation_peak():
    """03: inflation peaked above 75 percent in 2024 and has fallen a long way since (shape only)."""
    figure = canvas()
    axes = chart_axes(figure)
    caption(figure, "After the peak", "Illustration: Turkish inflation topped 75% in 2024 and has fallen since")
    months = list(range(0, 37))
    shape = [40 + 36 * math.exp(-((m - 10) / 6.5) ** 2) - 0.55 * max(0, m - 10) for m in months]
    axes.fill_between(months, shape, color=ACCENT, alpha=0.18)
    axes.plot(months, shape, color=ACCENT, linewidth=5)
    axes.axhline(75, color=MUTED, linestyle="--", linewidth=2)
    axes.text(23, 76.5, "75%", color=MUTED, fontsize=20)
    axes.set_ylim(0, 85)
    axes.set_xticks([0, 12, 24, 36], ["2023", "2024", "2025", "2026"])
    axes.set_yticks([0, 25, 50, 75], ["0", "25", "50", "75%"])
    save(figure, "03-turkey-central-bank-holds-rates")


def grain_storage():
    """04: steel silos and grain sleeves beside a ripening field."""
    figure = canvas("#dfe8ef")
    axes = plain_axes(figure, "#dfe8ef")
    axes.add_patch(patches.Rectangle((0, 0), 16, 3.2, color=SAND))
    rng = random.Random(4)
    for _ in range(420):
        x, y = rng.uniform(0, 16), rng.uniform(0.1, 3.0)
        axes.plot([x, x + rng.uniform(-0.05, 0.05)], [y, y + 0.35], color="#b8893b", linewidth=1.5)
    for index, x in enumerate((2.0, 4.4, 6.8)):
        height = 3.6 + 0.4 * (index % 2)
        axes.add_patch(patches.Rectangle((x, 3.2), 1.9, height, facecolor="#c9ced6", edgecolor=INK, linewidth=2))
        axes.add_patch(patches.Polygon([(x - 0.1, 3.2 + height), (x + 0.95, 3.2 + height + 1.0), (x + 2.0, 3.2 + height)],
                                       facecolor="#aab1bb", edgecolor=INK, linewidth=2))
        for ring in range(1, 6):
            axes.plot([x, x + 1.9], [3.2 + ring * height / 6] * 2, color=MUTED, linewidth=1)
    for row in range(3):
        axes.add_patch(patches.FancyBboxPatch((9.6, 3.35 + row * 0.75), 5.6, 0.55,
                                              boxstyle="round,pad=0.02,rounding_size=0.27",
                                              facecolor="white", edgecolor=MUTED, linewidth=2))
    save(figure, "04-ukrainian-wheat-storage")


def startup_rounds():
    """05: disclosed investment up by roughly a third on the year; more than 180 rounds."""
    figure = canvas()
    axes = chart_axes(figure)
    caption(figure, "Up by about a third", "Disclosed startup investment in Istanbul, first half, previous year = 100")
    bars = axes.bar(["First half, last year", "First half, this year"], [100, 133], color=[MUTED, ACCENT], width=0.55)
    for bar, label in zip(bars, ["100", "≈133"]):
        axes.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 3, label, ha="center", fontsize=26, weight="bold")
    axes.set_ylim(0, 150)
    axes.set_yticks([0, 50, 100])
    save(figure, "05-istanbul-tech-startups")


def grid_network():
    """06: eight transmission operators and the interconnectors that fill up in winter."""
    figure = canvas(INK)
    axes = plain_axes(figure, INK)
    nodes = [(2.2, 6.6), (5.0, 7.4), (8.4, 6.9), (11.6, 7.3), (13.8, 5.2), (10.6, 3.6), (6.6, 2.6), (3.2, 3.4)]
    links = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 0), (1, 6), (2, 5), (0, 6), (3, 5)]
    congested = {(2, 5), (5, 6), (3, 4)}
    for a, b in links:
        (x1, y1), (x2, y2) = nodes[a], nodes[b]
        busy = (a, b) in congested
        axes.plot([x1, x2], [y1, y2], color=ACCENT if busy else "#5b6b86", linewidth=9 if busy else 4, solid_capstyle="round")
    for x, y in nodes:
        axes.add_patch(patches.Circle((x, y), 0.42, facecolor=PAPER, edgecolor=SAND, linewidth=5))
    save(figure, "06-grid-operators-winter-prices")


def rebuilt_bridge():
    """07: the valley, the rebuilt bridge, and the 40-kilometre detour it ends."""
    figure = canvas("#e6eef2")
    axes = plain_axes(figure, "#e6eef2")
    axes.add_patch(patches.Polygon([(0, 0), (0, 5.2), (5.6, 4.6), (7.2, 1.2), (8.8, 1.2), (10.4, 4.6), (16, 5.4), (16, 0)],
                                   facecolor="#7a9a5b", edgecolor="none"))
    axes.add_patch(patches.Rectangle((6.9, 0), 2.2, 1.3, color=SEA))
    axes.plot([5.5, 10.5], [4.6, 4.6], color=INK, linewidth=8)
    arch = [(8 + 2.4 * math.cos(t / 40 * math.pi), 1.3 + 3.1 * math.sin(t / 40 * math.pi)) for t in range(41)]
    axes.plot([p[0] for p in arch], [p[1] for p in arch], color=INK, linewidth=5)
    for x in (6.2, 7.0, 8.0, 9.0, 9.8):
        top = 1.3 + 3.1 * math.sqrt(max(0.0, 1 - ((x - 8) / 2.4) ** 2))
        axes.plot([x, x], [top, 4.6], color=INK, linewidth=2)
    detour = [(2.5, 5.1), (3.5, 7.6), (8, 8.3), (12.5, 7.6), (13.5, 5.2)]
    axes.plot([p[0] for p in detour], [p[1] for p in detour], color=ACCENT, linestyle=(0, (2, 2)), linewidth=4)
    axes.text(8, 8.45, "40 km detour, 2023–2026", ha="center", fontsize=22, color=ACCENT, weight="bold")
    save(figure, "07-rebuilt-bridge-reopens")


def wind_bidders():
    """08: six bidding groups, six turbines at sea."""
    figure = canvas("#d7e6f0")
    axes = plain_axes(figure, "#d7e6f0")
    axes.add_patch(patches.Rectangle((0, 0), 16, 2.6, color=SEA))
    for wave in range(9):
        axes.plot([0.5 + wave * 1.8, 1.3 + wave * 1.8], [1.2 + (wave % 3) * 0.4] * 2, color="#a9cbe0", linewidth=3)
    for index in range(6):
        x = 1.6 + index * 2.55
        top = 6.4 + (index % 2) * 0.5
        axes.plot([x, x], [2.3, top], color="white", linewidth=6)
        for blade in range(3):
            angle = math.radians(90 + blade * 120 + index * 17)
            axes.plot([x, x + 1.25 * math.cos(angle)], [top, top + 1.25 * math.sin(angle)], color="white", linewidth=5,
                      solid_capstyle="round")
        axes.add_patch(patches.Circle((x, top), 0.13, color=INK))
    save(figure, "08-baltic-offshore-wind-auction")


def eurozone_prices():
    """09: the flash estimate's figures for October."""
    figure = canvas()
    axes = chart_axes(figure)
    caption(figure, "Euro-area inflation, October flash estimate", "Annual change, percent")
    labels = ["Headline\nSeptember", "Headline\nOctober", "Core", "Energy"]
    values = [2.1, 1.9, 2.3, -2.4]
    colours = [MUTED, ACCENT, SEA, LEAF]
    bars = axes.bar(labels, values, color=colours, width=0.6)
    for bar, value in zip(bars, values):
        offset = 0.15 if value >= 0 else -0.45
        axes.text(bar.get_x() + bar.get_width() / 2, value + offset, f"{value:+.1f}".replace("+", ""), ha="center",
                  fontsize=26, weight="bold")
    axes.axhline(0, color=INK, linewidth=2)
    axes.set_ylim(-3.2, 3.2)
    save(figure, "09-eurozone-inflation-eases")


def soil_moisture_trigger():
    """10: index insurance pays when measured soil moisture falls below the agreed line."""
    figure = canvas()
    axes = chart_axes(figure)
    caption(figure, "When the soil gets too dry, the policy pays", "Illustration: soil moisture through a summer, and the payout line")
    days = list(range(0, 121))
    moisture = [62 - 0.32 * d + 9 * math.sin(d / 9) + (0.45 * max(0, d - 95)) for d in days]
    trigger = 35
    axes.plot(days, moisture, color=SEA, linewidth=5)
    axes.axhline(trigger, color=ACCENT, linestyle="--", linewidth=3)
    axes.fill_between(days, moisture, trigger, where=[m < trigger for m in moisture], color=ACCENT, alpha=0.3)
    axes.set_xticks([0, 30, 61, 92], ["June", "July", "August", "September"])
    axes.set_yticks([])
    axes.set_ylim(10, 80)
    save(figure, "10-drought-insurance-central-europe")


def waste_heat():
    """11: servers' warmth, through heat pumps, to homes: about a third of the network's heat."""
    figure = canvas("#1f2a37")
    axes = plain_axes(figure, "#1f2a37")
    for rack in range(3):
        x = 1.2 + rack * 1.5
        axes.add_patch(patches.Rectangle((x, 2.0), 1.2, 4.6, facecolor="#394b61", edgecolor="#8fa3bc", linewidth=2))
        for slot in range(9):
            axes.add_patch(patches.Rectangle((x + 0.15, 2.25 + slot * 0.48), 0.9, 0.3, color="#5b7594"))
            axes.add_patch(patches.Circle((x + 0.95, 2.4 + slot * 0.48), 0.05, color="#7ee787"))
    for y in (3.2, 4.3, 5.4):
        axes.annotate("", xy=(9.4, y), xytext=(6.0, y),
                      arrowprops={"arrowstyle": "simple,head_width=1.2,head_length=1", "color": ACCENT, "alpha": 0.85})
    for index, x in enumerate((10.2, 12.2, 14.2)):
        axes.add_patch(patches.Rectangle((x - 0.8, 2.0), 1.6, 2.2 + index * 0.3, facecolor=PAPER))
        axes.add_patch(patches.Polygon([(x - 1.0, 4.2 + index * 0.3), (x, 5.3 + index * 0.3), (x + 1.0, 4.2 + index * 0.3)],
                                       facecolor=ACCENT))
        axes.add_patch(patches.Rectangle((x - 0.35, 2.6), 0.7, 0.7, facecolor="#f6c453"))
    wedge = patches.Wedge((13.3, 7.3), 1.0, 90, 210, facecolor=ACCENT)
    axes.add_patch(patches.Circle((13.3, 7.3), 1.0, facecolor="#394b61"))
    axes.add_patch(wedge)
    axes.text(11.9, 7.2, "≈⅓", ha="right", va="center", fontsize=34, color=PAPER, weight="bold")
    save(figure, "11-data-centre-waste-heat")


def small_firm_threshold():
    """12: firms below 250 employees exempt from several data requirements."""
    figure = canvas()
    axes = chart_axes(figure)
    caption(figure, "Below 250 staff, fewer reports", "Illustration: fewer firms at each size; the proposal's line at 250 employees")
    sizes = [10, 50, 100, 180, 250, 400, 700, 1000]
    heights = [9, 7.2, 5.6, 4.1, 3.0, 2.1, 1.4, 0.9]
    colours = [LEAF if size < 250 else MUTED for size in sizes]
    axes.bar(range(len(sizes)), heights, color=colours, width=0.7)
    axes.axvline(3.5, color=ACCENT, linewidth=4, linestyle="--")
    axes.text(3.6, 8.6, "250 employees", color=ACCENT, fontsize=22, weight="bold")
    axes.set_xticks(range(len(sizes)), [str(size) for size in sizes])
    axes.set_yticks([])
    axes.set_xlabel("employees")
    save(figure, "12-brussels-simpler-rules-small-firms")


# --- authors -------------------------------------------------------------------------------

AUTHORS = {"mara-ellison": ("Mara Ellison", "#7c3aed"), "tomasz-okafor": ("Tomasz Okafor", "#0f766e")}


def avatar(slug, name, colour):
    figure = plt.figure(figsize=(4, 4), dpi=100)
    figure.patch.set_facecolor(colour)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    axes.text(0.5, 0.5, initials, ha="center", va="center", fontsize=120, color="white", weight="bold",
              transform=axes.transAxes)
    folder = HERE / "authors"
    folder.mkdir(exist_ok=True)
    path = folder / f"{slug}.png"
    figure.savefig(path, dpi=100, facecolor=colour, metadata={"Software": None})
    plt.close(figure)
    print(f"wrote {path.relative_to(HERE.parent.parent)}")


def main():
    for draw in (ceasefire_calendar, prisoner_exchange, inflation_peak, grain_storage, startup_rounds, grid_network,
                 rebuilt_bridge, wind_bidders, eurozone_prices, soil_moisture_trigger, waste_heat,
                 small_firm_threshold):
        draw()
    for slug, (name, colour) in AUTHORS.items():
        avatar(slug, name, colour)


if __name__ == "__main__":
    main()
