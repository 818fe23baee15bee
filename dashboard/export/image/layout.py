"""Where the map and the legends go on the page (inches), measured rather than guessed.

The title and source line take the top, the attribution the bottom; the legends go right of the map or below it,
whichever leaves the bigger map (right on landscape pages, below on portrait ones; one below the other if they
fit, else side by side), and the map's extent is widened towards the space's shape as far as the context data
reaches. A tall page (A4) has height to spare under a map that already fills the width: the legends take it (their
type grows, up to :data:`MAX_LEGEND_SCALE`), and what is still left is shared equally by the three blank bands
(header to map, map to legends, legends to attribution), so no wide blank band is left on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.legend import Legend

from dashboard.export.image.draw import View, fit_view
from dashboard.export.image.layers import Layers
from dashboard.export.image.legend import legend_size, place
from dashboard.export.image.settings import Sizes

MAX_LEGEND_SCALE = 1.4
"""The legends' type grows at most this much to use a tall page's spare height."""


@dataclass(frozen=True)
class Arrangement:
    """One way to lay out the map and the legends (inches)."""

    legend_right: bool
    stacked: bool
    block: tuple[float, float]
    area: tuple[float, float]
    map_size: tuple[float, float]
    view: View

    @property
    def spare(self) -> float:
        """Height the map leaves unused in its area (inches)."""
        return max(self.area[1] - self.map_size[1], 0.0)


@dataclass(frozen=True)
class Layout:
    """The map axes' rectangle (figure fractions), the map's extent and the legends as placed."""

    rect: list[float]
    view: View
    legends: list[Legend]


def arrange(
    width_in: float, top: float, bottom: float, pad: float, gap: float, sizes_in, layers: Layers, right: bool
) -> Arrangement:
    """The map size and extent with the legends right of the map (``right``) or below it."""
    widths, heights = [w for w, _h in sizes_in], [h for _w, h in sizes_in]
    stacked_block = (max(widths), sum(heights) + gap * 1.5 * (len(heights) - 1))
    row_block = (sum(widths) + gap * 3 * (len(widths) - 1), max(heights))
    # right: one below the other if they fit the height; below: side by side if they fit the width
    stacked = stacked_block[1] <= top - bottom if right else row_block[0] > width_in - 2 * pad
    block = stacked_block if stacked else row_block
    if right:
        area = (width_in - 2 * pad - block[0] - gap * 2, top - bottom)
    else:
        area = (width_in - 2 * pad, top - bottom - block[1] - gap * 2)
    area = (max(area[0], 0.2), max(area[1], 0.2))
    view = fit_view(layers, area[0] / area[1])
    aspect = (view[2] - view[0]) / (view[3] - view[1])
    map_size = (min(area[0], area[1] * aspect), min(area[1], area[0] / aspect))
    return Arrangement(right, stacked, block, area, map_size, view)


def layout(
    fig: Figure,
    sizes: Sizes,
    texts: dict[str, float],
    legends: list[Legend],
    layers: Layers,
    rebuild: Callable[[float], list[Legend]],
) -> Layout:
    """Place the legends (``rebuild(scale)`` draws them again larger, for a tall page); return the map's place.

    If the context data does not reach far enough to fill the space left, the map is narrower (or shorter): the
    map-and-legend block is then centred across (right layout); below the map, the spare height goes first to
    the legends, then to the gaps.
    """
    width_in, height_in = fig.get_size_inches()
    pad, gap = sizes.pad, sizes.gap * 1.6
    top, bottom = height_in - texts["header"] - gap, texts["footer"] + gap

    def best_for(current: list[Legend]) -> tuple[Arrangement, list[tuple[float, float]]]:
        sizes_in = [legend_size(fig, legend) for legend in current]
        options = [arrange(width_in, top, bottom, pad, gap, sizes_in, layers, right) for right in (True, False)]
        landscape = width_in >= height_in
        chosen = max(options, key=lambda a: (round(a.map_size[0] * a.map_size[1], 3), a.legend_right == landscape))
        return chosen, sizes_in

    best, sizes_in = best_for(legends)
    if not best.legend_right and best.spare > gap:
        legends, best, sizes_in = _grow_legends(legends, best, rebuild, best_for)
    map_w, map_h = best.map_size
    if best.legend_right:
        x = pad + (width_in - 2 * pad - (map_w + gap * 2 + best.block[0])) / 2
        y = bottom + (best.area[1] - map_h) / 2
        _place_legends(fig, legends, sizes_in, x + map_w + gap * 2, y + map_h, best.stacked, gap)
    else:
        x = pad + (best.area[0] - map_w) / 2
        free = (height_in - texts["header"] - texts["footer"]) - map_h - best.block[1]
        band = free / 3 if best.spare > 0 else gap  # header, map, legends, footer: equal blank bands between
        y = height_in - texts["header"] - band - map_h if best.spare > 0 else top - map_h
        _place_legends(fig, legends, sizes_in, pad, y - max(band, gap * 2), best.stacked, gap)
    return Layout([x / width_in, y / height_in, map_w / width_in, map_h / height_in], best.view, legends)


def _grow_legends(legends, best: Arrangement, rebuild, best_for):
    """The legends at the largest scale (up to :data:`MAX_LEGEND_SCALE`) that keeps the map as large as it is, with
    their arrangement and sizes. Their height grows about linearly with the scale, so after one try at the
    largest scale the fitting one is interpolated (a few legends drawn, not a search: each costs ~30 ms)."""
    map_area = round(best.map_size[0] * best.map_size[1], 3)
    kept = (legends, best, best_for(legends)[1])

    def attempt(scale: float):
        """(the legends, arrangement and sizes if the map keeps its size, else None; the block's height)"""
        trial = rebuild(scale)
        arrangement, trial_sizes = best_for(trial)
        area = round(arrangement.map_size[0] * arrangement.map_size[1], 3)
        if not arrangement.legend_right and area >= map_area:
            return (trial, arrangement, trial_sizes), arrangement.block[1]
        for legend in trial:
            legend.remove()
        return None, arrangement.block[1]

    found, tallest = attempt(MAX_LEGEND_SCALE)
    if found is None:
        growth = (tallest - best.block[1]) / (MAX_LEGEND_SCALE - 1)
        scale = 1 + 0.98 * best.spare / growth if growth > 0 else 1.0
        while found is None and scale > 1.02:
            found, _height = attempt(min(scale, MAX_LEGEND_SCALE))
            scale -= 0.04
    if found is None:
        return kept
    for legend in legends:
        legend.remove()
    return found


def _place_legends(
    fig: Figure,
    legends: list[Legend],
    sizes_in: list[tuple[float, float]],
    x: float,
    y: float,
    stacked: bool,
    gap: float,
) -> None:
    """Put the legends' top left corners from (x, y) inches on: one below the other, or side by side."""
    for legend, (w, h) in zip(legends, sizes_in, strict=True):
        place(fig, legend, x, y)
        if stacked:
            y -= h + gap * 1.5
        else:
            x += w + gap * 3
