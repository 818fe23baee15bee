"""The map's streamlit-folium component, built once per page view and shown on every run.

``st_folium(m, …)`` renders the folium map on every script run (jinja templates compiled for each of its
elements, the map's script and header rebuilt): about half the server's work of a click, measured
(``benchmarks/load_bench.py``), for a map that does not change with the click (the selection is drawn in the
browser: :class:`dashboard.map.mapview.SelectionOutline`). Here ``st_folium``'s own code computes the
component's arguments once (a copy of the function whose call of the component returns its arguments instead,
so nothing is reimplemented and nothing global is patched), and :func:`show` hands them to the component on
each run: the same element, the same widget, the same value as ``st_folium`` would give.

Only :mod:`dashboard.app` uses this module (it imports Streamlit).
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
import streamlit_folium


@dataclass(frozen=True)
class MapComponent:
    """What ``st_folium`` passes to streamlit-folium's component for one map (but its ``on_change``)."""

    args: Mapping[str, Any]

    @property
    def state_key(self) -> str:
        """The component's own session-state key (streamlit-folium derives it from the map's script)."""
        return self.args["key"]


def _capturing_st_folium() -> Callable[..., dict[str, Any]]:
    """``streamlit_folium.st_folium``, run by its own code, returning the arguments of its component call."""
    original = streamlit_folium.st_folium
    namespace = {**original.__globals__, "_component_func": lambda **kwargs: kwargs}
    copy = types.FunctionType(original.__code__, namespace, original.__name__, original.__defaults__)
    copy.__kwdefaults__ = original.__kwdefaults__
    return copy


def map_component(m: folium.Map, **options: Any) -> MapComponent:
    """The component's arguments for ``st_folium(m, **options)`` (``key`` included; ``on_change`` not)."""
    args = _capturing_st_folium()(m, **options)
    args.pop("on_change", None)
    return MapComponent(types.MappingProxyType(args))


def show(component: MapComponent, key: str, on_change: Callable[[], None] | None = None) -> Any:
    """Show the map, as ``st_folium(…, key=key, on_change=on_change)`` does: the component's value is copied to
    ``st.session_state[key]`` before ``on_change`` runs."""

    def changed() -> None:
        st.session_state[key] = st.session_state.get(component.state_key, {})
        if on_change is not None:
            on_change()

    return streamlit_folium._component_func(**component.args, on_change=changed)
