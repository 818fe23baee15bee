"""The embed: the current view as one self-contained, interactive HTML file for any web page (``--format html``).

Everything is inside the file: Leaflet's script and stylesheet (the checksum-verified files of ``assets.toml``), the
compact boundaries of Ukraine's 27 units and of the neighbouring countries (:mod:`dashboard.places.topology`), the
styles (colour by claim, pattern by control: :mod:`dashboard.style`), each unit's status with its verbatim
excerpts and the source line, the legend and the boundaries' attribution. It makes no request when opened from
disk or from any static host: no tiles (the background is plain), no fonts, no images; its Content-Security-Policy
allows nothing to be fetched and only its own script (by hash) to run.

Text from a source is untrusted. The page is built from ``embed_files/embed.html.j2`` with autoescaping; the data
travels as JSON inside ``<script type="application/json">`` (:func:`dashboard.core.text.script_json`: ``<``, ``>``,
``&``, U+2028/2029 escaped), and the script builds tooltips and panels with ``textContent`` only. Links to the
original are only ``http(s)`` URLs (:func:`dashboard.sources.reader.safe_url`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path
from typing import Any

import jinja2

from dashboard import style
from dashboard.claims.selection import PageView
from dashboard.claims.source_views import CombinedUnit
from dashboard.claims.statements import Statement
from dashboard.claims.vocab import ORIGIN_LABELS
from dashboard.core import assets
from dashboard.core.errors import DataError
from dashboard.core.text import script_json
from dashboard.export.image.settings import check_title
from dashboard.places import boundaries, topology
from dashboard.sources.model import SourceMeta
from dashboard.sources.reader import safe_url

FILES = Path(__file__).with_name("embed_files")
"""The embed's template, script and stylesheet."""
TEMPLATE = "embed.html.j2"
SCRIPT = "embed.js"
STYLESHEET = "embed.css"

BUDGET_BYTES = 250_000
"""The most the seed's embed may weigh (``tests/test_embed.py`` keeps it)."""

UKRAINE_BOUNDS = [[44.38, 22.14], [52.38, 40.23]]
"""South-west and north-east corners (lat, lon) the map is fitted to (as the dashboard's map)."""

FIELDS = (("claim", "Claim"), ("control", "Control"))
TOUCH_HINT = "Use two fingers to move the map"
"""Shown over the map when one finger swipes it on a touch screen (the page scrolls), as the dashboard does."""
LEGEND_KEY = "legend"
"""The claim key of the legend's control swatches: the hatch on white (pattern ids ``cm-legend-<control>``)."""


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FILES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _file(name: str) -> str:
    try:
        return (FILES / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"dashboard/export/embed_files/{name}", f"cannot read it: {exc}") from None


def _stamps(*names: str) -> tuple:
    """(path, mtime, size) of Leaflet's files and the embed's ``names``: what the built script and CSS depend on."""
    files = [a.file for a in assets.load_assets() if a.kind in ("js", "css")] + [FILES / n for n in names]
    out = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            st = None
        out.append((str(f), st and st.st_mtime_ns, st and st.st_size))
    return tuple(out)


def page_script() -> str:
    """The embed's one script: Leaflet (verbatim, licence banner kept), the boundary decoder, then ``embed.js``
    (built once per version of the files: the downloads check it on every page draw).

    Raises
    ------
    DataError
        If Leaflet is not the declared file, or the script could close its own ``<script>`` element.
    """
    return _page_script(_stamps(SCRIPT))


@functools.lru_cache(maxsize=4)
def _page_script(_stamps: tuple) -> str:
    script = _lf(f"{assets.leaflet_script()}\n;\nwindow.claimsEmbedDecode = {topology.DECODER_JS};\n{_file(SCRIPT)}")
    lowered = script.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise DataError("dashboard/export/embed_files", "the embed's script holds '</script' or '<!--'")
    return script


def page_css() -> str:
    """Leaflet's stylesheet (checked), then ``embed.css`` (built once per version of the files)."""
    return _page_css(_stamps(STYLESHEET))


@functools.lru_cache(maxsize=4)
def _page_css(_stamps: tuple) -> str:
    css = _lf(f"{assets.leaflet_css()}\n{_file(STYLESHEET)}")
    if "</style" in css.lower():
        raise DataError("dashboard/export/embed_files", "the embed's stylesheet holds '</style'")
    return css


def _lf(text: str) -> str:
    """Line ends as the HTML parser gives them to the page (LF): the Content-Security-Policy hashes what it sees
    (Leaflet's stylesheet ships with CRLF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def check_files() -> None:
    """Read what every embed inlines (the downloads ask before offering it).

    Raises
    ------
    DataError
        Naming the file at fault.
    """
    page_script()
    page_css()
    _environment().get_template(TEMPLATE)


def _source(meta: SourceMeta) -> dict[str, Any]:
    return {"line": meta.source_line(), "url": safe_url(meta.url)}


def _statement(unit: CombinedUnit, statement: Statement, title: str, sources: dict[str, int]) -> dict[str, Any]:
    """One field of a unit's status as the panel shows it (all text; the script writes it with textContent)."""
    view = unit.source_of(statement)
    out: dict[str, Any] = {
        "title": title,
        "label": statement.label,
        "stated": statement.stated,
        "origin": statement.origin if statement.stated else None,
        "origin_label": ORIGIN_LABELS[statement.origin] if statement.stated else None,
        "excerpts": [e.text for e in statement.excerpts],
        "source": sources.get(view.path) if view is not None and statement.stated else None,
    }
    if statement.suggested and statement.cue:
        out["cue"] = statement.cue
    if statement.attributed_to:
        out["attributed_to"] = statement.attributed_to
    if statement.note:
        out["note"] = statement.note
    if statement.field in unit.status.disagree:
        out["disagree"] = [
            f"{other_view.meta.source_line()}: {other.status.of(statement.field).label} "
            f"({other.status.of(statement.field).origin_label})"
            for other_view, other in unit.by_date()
            if other.status.of(statement.field).stated
        ]
    return out


def embed_data(view: PageView, region: str | None = None) -> dict[str, Any]:
    """What the embed's script reads: every unit's name, status line, style and (named ones) each field with its
    verbatim excerpts and source; the sources' lines and links; the selected unit; the bounds and hint.

    Only plain data (strings, numbers, booleans, lists): it is written as JSON, never as markup.
    """
    sources = {v.path: i for i, v in enumerate(view.combined.sources)}
    units: dict[str, Any] = {}
    named_rows = view.frame[view.frame["named"].astype(bool)]
    label_at = boundaries.representative_points(named_rows) if len(named_rows) else {}
    for row in view.frame.itertuples(index=False):
        named = bool(row.named)
        entry: dict[str, Any] = {
            "name": row.name,
            "named": named,
            "status": row.status,
            "suggested": bool(row.suggested),
            "style": style.path_style(row.claim, row.control, named, bool(row.suggested)),
        }
        if named:  # a short label inside the unit, as on the dashboard's map and in the images
            entry["label_at"] = [round(c, 4) for c in label_at[row.iso_3166_2]]
        unit = view.combined.unit(row.iso_3166_2) if named else None
        if unit is not None:
            entry["fields"] = [_statement(unit, unit.status.of(f), title, sources) for f, title in FIELDS]
        units[row.iso_3166_2] = entry
    return {
        "units": units,
        "order": list(view.combined.named_units),
        "sources": [_source(v.meta) for v in view.combined.sources],
        "selected": region if region in units else None,
        "bounds": UKRAINE_BOUNDS,
        "hint": TOUCH_HINT,
        "scale": topology.SCALE,
        "sea": style.SEA,
        "context_style": style.CONTEXT_STYLE,
    }


def _legend(view: PageView) -> dict[str, Any]:
    return {
        "claims": [(label, colour) for _, label, colour in style.CLAIM_LEGEND],
        "controls": [(label, style.pattern_id(LEGEND_KEY, key) if h.kind != "none" else None)
                     for key, label, h in style.CONTROL_LEGEND],
        "suggested": bool(view.frame["suggested"].any()),
        "suggested_label": ORIGIN_LABELS["suggested"],
    }  # fmt: skip


def _patterns() -> str:
    """The SVG patterns of the map (:func:`dashboard.style.all_patterns`) and of the legend (hatch on white): all
    values from :mod:`dashboard.style`, none from a source."""
    legend = [
        style.pattern_svg(LEGEND_KEY, "#ffffff", key)
        for key, hatch in style.CONTROL_HATCHES.items()
        if hatch.kind != "none"
    ]
    return "".join([*style.all_patterns(), *legend])


def embed_html(view: PageView, *, title: str | None = None, region: str | None = None) -> str:
    """The embed of ``view`` (see the module docstring), opening on ``region``'s panel when given.

    Raises
    ------
    DataError
        For a title that is too long or not text, an unknown region, or a file the embed inlines that is missing
        or not the declared one.
    """
    known = set(view.frame["iso_3166_2"])
    if region is not None and region not in known:
        raise DataError("--region", f"unknown ISO 3166-2 code {region!r}")
    title = check_title(title) if title else view.default_title()
    script, css = page_script(), page_css()
    data = {
        **embed_data(view, region),
        "units_payload": topology.units_payload(),
        "context_payload": topology.context_payload(),
    }
    sources = [_source(v.meta) for v in view.combined.sources]
    undated = [v.meta.source_line() for v in view.undated] if view.as_of is not None else []
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template(TEMPLATE)
    return template.render(
        title=title,
        csp=csp,
        css=css,
        script=script,
        data_json=script_json(data),
        patterns=_patterns(),
        legend=_legend(view),
        sources=sources,
        as_of_line=view.as_of_line(),
        undated=undated,
        attribution=boundaries.attribution(),
    )
