"""Report a click on the map at once, instead of after streamlit-folium's 250 ms debounce.

streamlit-folium records a click on a layer in ``window.__GLOBAL_DATA__`` and reports the map's state 250 ms
after the last map event, so that a drag or a zoom (dozens of events) sends one value. For a click that wait is
pure delay: the reader waits 250 ms before the script even starts. This element sends the same value the
component would send, as soon as the click's handlers have run, through the component library the page already
exposes (``window.Streamlit.setComponentValue``); it records it as the component's ``previous_data``, so the
debounced report that follows finds nothing new and sends nothing. One click, one rerun, 250 ms sooner.

It only acts when the returned value is one it can build exactly: ``returned_objects`` limited to
:data:`IMMEDIATE_KEYS` and no longitude wrapping. Otherwise, or if a future streamlit-folium names things
differently, it does nothing and the component's own (debounced) report still works.
"""

from __future__ import annotations

from dashboard.map.scripts import Script

IMMEDIATE_KEYS = ("last_object_clicked", "last_active_drawing")
"""The values a click changes, in the order streamlit-folium builds its returned object."""


class ImmediateClickReport(Script):
    """After each click on the map, send streamlit-folium's value for it at once (see the module docstring)."""

    def __init__(self):
        super().__init__("immediate_click_report", keys=list(IMMEDIATE_KEYS))
