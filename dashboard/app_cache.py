"""What the dashboard's sessions share: the stores, each page view, its map and its panels (caches).

Defined here, in a module imported once per server, rather than in ``app.py``: the script runs again on every
click, and each ``@st.cache_resource`` it declared was made anew on each run (Streamlit reads the function's
source to key it: ~1 ms per decorator, measured). The cached values are shared by every session, keyed by what
they depend on (the sources shown, the version of the curated file, the sources' details and the reviews, the
"as of" date), and bounded (``max_entries``). A click's region panel and article are kept by page view and
region (:func:`drawn`): many readers of one page read the same few.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable

import streamlit as st

from dashboard.claims import curated_claims, reviews, selection
from dashboard.map import component, mapview
from dashboard.sources import store


@st.cache_resource(show_spinner=False)
def source_store() -> store.Store:
    return store.Store()


@st.cache_resource(show_spinner=False)
def review_store() -> reviews.ReviewStore:
    return reviews.ReviewStore(source_store())


@st.cache_resource(show_spinner="Finding the regions the sources name…", max_entries=32)
def page_for(
    ids: tuple[str, ...], _curated: curated_claims.ClaimsData, version: tuple, as_of: dt.date | None = None
) -> selection.PageView:
    """The chosen sources on one map; ``version`` (curated file, sources' metadata, reviews) makes edits show at
    once, in every session."""
    found = [source_store().get(i) for i in ids]
    shown = [(s.article(), s.id, [] if s.read_only else review_store().reviews(s.id)) for s in found if s is not None]
    return selection.page_view(shown, _curated, as_of)


@st.cache_resource(show_spinner=False, max_entries=32)
def map_for(
    ids: tuple[str, ...],
    _curated: curated_claims.ClaimsData,
    version: tuple,
    as_of: dt.date | None,
    key: str,
) -> component.MapComponent:
    """The map of a page view, built once for every click and every session (it does not change with the
    selection); keyed as :func:`page_for`, and by the widget's ``key``."""
    return component.map_component(
        mapview.build_map(page_for(ids, _curated, version, as_of).frame),
        key=key,
        height=520,
        use_container_width=True,
        returned_objects=mapview.RETURNED_OBJECTS,
        render=False,  # the map is rendered once, by st_folium itself (the figure's render adds nothing sent)
    )


DRAWN_MAX = 128
"""How many region panels and articles :func:`drawn` keeps (the least recently used go first)."""

_drawn: OrderedDict[tuple, tuple[weakref.ref, str]] = OrderedDict()
_drawn_lock = threading.Lock()


def drawn(view: selection.PageView, what: tuple, draw: Callable[[], str]) -> str:
    """The HTML ``draw()`` gives for ``view`` and ``what`` (``("panel", region)``, ``("article", path, region)``),
    drawn once for every session and run: it must depend on nothing else. Kept by the view object itself
    (:func:`page_for` gives one per key; an edit makes a new view), never hashed by value."""
    key = (id(view), *what)
    with _drawn_lock:
        hit = _drawn.get(key)
        if hit is not None and hit[0]() is view:  # not a later view that took a collected one's id
            _drawn.move_to_end(key)
            return hit[1]
    html = draw()
    with _drawn_lock:
        _drawn[key] = (weakref.ref(view), html)
        _drawn.move_to_end(key)
        while len(_drawn) > DRAWN_MAX:
            _drawn.popitem(last=False)
    return html
