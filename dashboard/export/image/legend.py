"""The claim and control legends, in the web legend's order, with the suggestion and emphasis entries when used."""

from __future__ import annotations

import math
import textwrap

import geopandas as gpd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.patches import Patch

from dashboard import style
from dashboard.core.text import xml_safe
from dashboard.export.image.layers import style_hatch
from dashboard.export.image.settings import CLAIM_TITLE, CONTROL_TITLE, FONT_FAMILY, SUGGESTED_LABEL, Sizes

WRAP_AT = 34
"""Legend labels are wrapped at this many characters."""


def legend_entries(units: gpd.GeoDataFrame, sizes: Sizes, region: str | None) -> tuple[list, list]:
    """(claim handles and labels, control handles and labels), in the web legend's order."""
    edge = dict(edgecolor=style.OUTLINE, linewidth=sizes.line)
    claims = [(Patch(facecolor=colour, **edge), label) for _key, label, colour in style.CLAIM_LEGEND]
    named = units[units["named"]]
    if named["suggested"].any():
        claims.append(
            (Patch(facecolor="white", edgecolor=style.OUTLINE, linewidth=sizes.line * 2, linestyle=(0, (4, 3))),
             SUGGESTED_LABEL)
        )  # fmt: skip
    if region is not None:
        name = units.loc[units["iso_3166_2"] == region, "name"].iloc[0]
        claims.append(
            (
                Patch(facecolor="none", edgecolor=style.SELECTED_OUTLINE, linewidth=sizes.line * 4),
                f"Emphasised: {xml_safe(name)}",
            )
        )
    controls = []
    for _key, label, hatch in style.CONTROL_LEGEND:
        patch = Patch(facecolor="white", hatch=hatch.matplotlib, **edge)
        style_hatch(patch)
        controls.append((patch, label))
    return claims, controls


def legends(fig: Figure, sizes: Sizes, units: gpd.GeoDataFrame, region: str | None, scale: float = 1.0) -> list[Legend]:
    """The claim and control legends (placed later by the layout); ``scale`` enlarges their type and swatches
    (a tall page gives them its spare height)."""
    out = []
    for title, entries in zip((CLAIM_TITLE, CONTROL_TITLE), legend_entries(units, sizes, region), strict=True):
        handles = [h for h, _ in entries]
        labels = [balanced_wrap(label, WRAP_AT) for _, label in entries]
        legend = fig.legend(
            handles,
            labels,
            title=title,
            loc="upper left",
            frameon=False,
            prop=FontProperties(family=FONT_FAMILY, size=sizes.legend * scale),
            title_fontproperties=FontProperties(family=FONT_FAMILY, size=sizes.legend * scale * 1.05, weight="bold"),
            alignment="left",
            handlelength=2.4,
            handleheight=1.5,
            handletextpad=0.6,
            labelspacing=0.45 * scale,
            borderpad=0.0,
            borderaxespad=0.0,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
        out.append(legend)
    return out


def balanced_wrap(text: str, width: int) -> str:
    """``text`` on as few lines of at most ``width`` characters as possible, the lines about equally long."""
    if len(text) <= width:
        return text
    lines = len(textwrap.wrap(text, width))
    for narrower in range(math.ceil(len(text) / lines), width + 1):
        wrapped = textwrap.wrap(text, narrower)
        if len(wrapped) <= lines:
            return "\n".join(wrapped)
    return textwrap.fill(text, width)


def place(fig: Figure, legend: Legend, x_in: float, y_in: float) -> None:
    """Put a legend's top left corner at (x, y) inches from the figure's bottom left."""
    w, h = fig.get_size_inches()
    legend.set_bbox_to_anchor((x_in / w, y_in / h), transform=fig.transFigure)


def legend_size(fig: Figure, legend: Legend) -> tuple[float, float]:
    """A legend's width and height in inches."""
    box = legend.get_window_extent(fig.canvas.get_renderer())
    return box.width / fig.dpi, box.height / fig.dpi
