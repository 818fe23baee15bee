"""The interactive map (folium): every unit of Ukraine, coloured by claim, hatched by control.

Pure functions from a map frame (:func:`dashboard.claims.view_frames.map_frame` shape: ``iso_3166_2``, ``name``,
``named``, ``claim``, ``control``, ``status``, ``geometry``) to folium objects; the Streamlit script only shows
them. Each feature carries its ISO code in ``properties.iso_3166_2``: a click is read back by that stable id,
never by coordinates. Tooltips are built in the browser with ``textContent``, so text from a data file or an
article can never become markup.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import xyzservices
from jinja2 import Template

from dashboard import style
from dashboard.map import dom, hatches, map_clicks, mention_links, offline, panel_reveal, touch_gestures
from dashboard.map.scripts import SCRIPT_MACRO, Script, style_sheet
from dashboard.places import boundaries

UKRAINE_BOUNDS = [[44.38, 22.14], [52.38, 40.23]]
"""South-west and north-east corners (lat, lon) the map opens on."""

RETURNED_OBJECTS = list(map_clicks.IMMEDIATE_KEYS)
"""What ``st_folium`` returns: a click's values only, so that panning and zooming never rerun the script."""

FOCUS_CSS = "<style>.leaflet-interactive:focus { outline: none; }</style>"
"""A focused unit is drawn with the hover outline (its own shape, in the selection colour), not the browser's box
around its bounds, which a mouse click also drew and the unit's tooltip half covered."""

TOOLTIP_CLASS = "cm-tooltip"
LABEL_CLASS = "cm-label"
"""The class of a unit's short label on the map (``map/css/unit_labels.css``)."""
TOOLTIP_CSS = (
    f"<style>.leaflet-tooltip.{TOOLTIP_CLASS} {{ white-space: normal; width: max-content; max-width: 14rem; }}</style>"
)
"""Leaflet's tooltips never wrap: a status such as "Annexation declared by Russia in 2022 · Russian forces control
most of it" made a box wider than the map, and for the eastern units (drawn left of the pointer) it began off
the map, name included. Wrapped at 14rem, a tooltip fits beside the pointer on either half of the map."""

BASEMAP = xyzservices.providers.OpenStreetMap.Mapnik
"""The optional basemap's tiles, as xyzservices' provider: given by name, folium searches every provider on each
map built (~4 ms of each rerun here)."""
BASEMAP_NAME = "OpenStreetMap basemap (needs internet)"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


def unit_properties(frame: gpd.GeoDataFrame) -> dict[str, dict[str, Any]]:
    """What the page says about each unit, keyed by ISO code: ``name``, ``status``, ``named`` (by a source) and
    ``style`` (Leaflet options).

    The geometry is not here: the browser has it once, from :func:`dashboard.map.offline.ensure_map_js`.
    """
    out = {}
    for row in frame.itertuples(index=False):
        named = bool(getattr(row, "named", row.claim is not None))
        out[row.iso_3166_2] = {
            "name": row.name,
            "status": row.status,
            "named": named,
            "style": style.path_style(row.claim, row.control, named, bool(getattr(row, "suggested", False))),
        }
    return out


class UnitsLayer(Script):
    """All units as one Leaflet GeoJSON layer: geometry from the served ``map.js``, the rest from the page.

    Each feature keeps ``properties.iso_3166_2`` (and gets ``name``/``status``), so streamlit-folium's
    ``last_active_drawing`` names the clicked unit by its stable id. Tooltips are built with ``textContent``.
    Each unit is named (``role="button"``, ``aria-label`` "name: status"); those the sources name are tab stops
    (Leaflet opens the tooltip on focus), and Enter or Space on one dispatches the same click a mouse would;
    ``window.claimsMapChoose(iso)`` does the same for the article's mention links (:mod:`dashboard.map.mention_links`).
    The layer is created while the map script runs, so streamlit-folium's click handlers reach every unit.
    """

    def __init__(self, units: dict[str, dict[str, Any]]):
        super().__init__(
            "units_layer",
            units=units,
            unitsGlobal=offline.UNITS_GLOBAL,
            chooseGlobal=mention_links.CHOOSE_GLOBAL,
            hoverColour=style.SELECTED_OUTLINE,
            tooltipClass=TOOLTIP_CLASS,
        )


def build_map(frame: gpd.GeoDataFrame) -> folium.Map:
    """The base map: all units with their status, tooltips and hatch patterns; local assets only.

    An OpenStreetMap basemap is offered in the map's layers control (top right), off until the reader ticks it:
    no tile is requested before (it needs a network; without one the tiles stay blank quietly), and ticking it
    changes the map in the browser only, without rerunning the script. On a touch screen one finger scrolls the
    page and two fingers move the map (:mod:`dashboard.map.touch_gestures`).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        One row per unit of Ukraine (see the module docstring).
    """
    m = offline.local_map(location=[48.4, 31.2], zoom_start=6, zoom_snap=0.25, control_scale=True)
    m.default_js = [("leaflet_and_units", offline.ensure_map_js())]  # one request: Leaflet, then the boundaries
    m.get_root().header.add_child(folium.Element(FOCUS_CSS), name="claims_map_focus")
    m.get_root().header.add_child(folium.Element(TOOLTIP_CSS), name="claims_map_tooltip")
    folium.TileLayer(BASEMAP, attr=OSM_ATTRIBUTION, name=BASEMAP_NAME, overlay=True, show=False, control=True).add_to(m)
    ContextLayer().add_to(m)
    UnitsLayer(unit_properties(frame)).add_to(m)
    UnitLabels(frame).add_to(m)
    hatches.HatchPatterns().add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    FollowContainerSize(UKRAINE_BOUNDS).add_to(m)
    map_clicks.ImmediateClickReport().add_to(m)
    SelectionOutline().add_to(m)
    touch_gestures.TouchGestures().add_to(m)
    panel_reveal.PanelReveal().add_to(m)
    mention_links.MentionLinks().add_to(m)
    return m


class ContextLayer(Script):
    """The sea and the neighbouring countries, plain and catching no click: where Ukraine is, without tiles.

    The countries are drawn in a pane of their own under the tiles, so the optional basemap, when shown, covers
    them; the sea is the map's background (:data:`dashboard.style.SEA`), as in the embed and the images.
    """

    def __init__(self):
        super().__init__(
            "context_layer", contextGlobal=offline.CONTEXT_GLOBAL, style=style.CONTEXT_STYLE, sea=style.SEA
        )


class UnitLabels(Script):
    """Short labels for the units the sources name, at a point inside each (written with ``textContent``).

    Labels catch no pointer (Leaflet's tooltip pane), so a click on a label is a click on its unit.
    """

    _template = Template("{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}" + SCRIPT_MACRO)

    def __init__(self, frame: gpd.GeoDataFrame):
        named = frame[frame["named"].astype(bool)]
        points = boundaries.representative_points(named) if len(named) else {}
        labels = [
            {"name": name, "lat": round(points[iso][0], 4), "lng": round(points[iso][1], 4)}
            for iso, name in zip(named["iso_3166_2"], named["name"], strict=True)
        ]
        super().__init__("unit_labels", labels=labels, className=LABEL_CLASS)
        self.css = style_sheet("unit_labels")


class FollowContainerSize(Script):
    """Keep Leaflet in step with its container's size (the component's iframe is sized after the map starts).

    Without it the SVG overlay keeps its first, narrower size: units beyond it are drawn but cannot be clicked.
    Until the reader moves or zooms the map, each resize also fits Ukraine again (without animation).
    """

    def __init__(self, bounds):
        super().__init__("follow_container_size", bounds=bounds)


class SelectionOutline(Script):
    """A thick outline around the selected unit, drawn over the map without catching clicks.

    The map never changes with the selection: streamlit-folium's arguments stay the same from one click to the
    next, so Streamlit sends a reference to the map it already sent instead of the map again (a click's rerun
    carries the region panel and the article, not the map). The outline follows the page instead: the region
    panel beside the map names the unit in :data:`dashboard.web.dom.SELECTED_ATTRIBUTE`; this script, in the
    map's iframe (served from the page's own origin), watches for it and draws that unit from the geometry the
    browser already has (``map.js``). Where the page cannot be read there is no outline; the panel still says
    which region is shown.
    """

    def __init__(self):
        self.style = {"fill": False, "color": style.SELECTED_OUTLINE, "weight": 4, "interactive": False}
        super().__init__(
            "selection_outline", attribute=dom.SELECTED_ATTRIBUTE, unitsGlobal=offline.UNITS_GLOBAL, style=self.style
        )


def clicked_unit(value: dict[str, Any] | None) -> str | None:
    """The ISO code of the unit a map click chose, from streamlit-folium's returned value (None if none)."""
    if not isinstance(value, dict):
        return None
    drawing = value.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    props = drawing.get("properties")
    iso = props.get("iso_3166_2") if isinstance(props, dict) else None
    return iso if isinstance(iso, str) else None
