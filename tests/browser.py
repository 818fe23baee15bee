"""Helpers for driving the dashboard in Debian's Chromium with Playwright (used by tests and benchmarks)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg

CHROMIUM = "/usr/bin/chromium"
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
POLYGONS_JS = "() => window.map && document.querySelectorAll('path.leaflet-interactive').length"
READY_JS = """(minimum) => {
    if (!window.map || map._animatingZoom) return false;
    if (document.querySelectorAll('path.leaflet-interactive').length < minimum) return false;
    const svg = document.querySelector('.leaflet-overlay-pane svg');  // sized to the container: clickable
    return !!svg && Number(svg.getAttribute('width')) >= map.getSize().x;
}"""


@dataclass
class Watch:
    """What a page did: hosts it asked for, blocked requests, console errors, dialogs, reruns it requested, and the
    websocket messages it received (decompressed)."""

    allowed_host: str
    hosts: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    reruns: int = 0
    received: list[bytes] = field(default_factory=list)
    socket: object = None

    def attach(self, page) -> None:
        page.on("request", lambda r: self.hosts.add(urlsplit(r.url).netloc))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("dialog", self._on_dialog)
        page.on("websocket", self._on_socket)
        # Offline by construction: anything not served by the app is refused and recorded.
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == self.allowed_host:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _on_socket(self, ws) -> None:
        self.socket = ws
        ws.on("framesent", self._on_frame_sent)
        ws.on("framereceived", lambda p: self.received.append(p if isinstance(p, bytes) else p.encode()))

    def _on_frame_sent(self, payload) -> None:
        if is_rerun(payload):
            self.reruns += 1


def is_rerun(payload) -> bool:
    """True if a websocket frame the page sent asks Streamlit to rerun the script (a ``rerun_script`` BackMsg)."""
    data = payload if isinstance(payload, bytes) else payload.encode()
    with contextlib.suppress(Exception):
        return BackMsg.FromString(data).WhichOneof("type") == "rerun_script"
    return False


def map_frame(page, minimum: int = 27, timeout_ms: int = 60_000):
    """The map's iframe once at least ``minimum`` polygons are painted in it and can all be clicked."""
    element = page.wait_for_selector(MAP_IFRAME, timeout=timeout_ms)
    frame = element.content_frame()
    frame.wait_for_function(READY_JS, arg=minimum, timeout=timeout_ms)
    return frame


def point_on_page(frame, lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates of (lat, lon) on the Leaflet map in ``frame`` (``map.latLngToContainerPoint``)."""
    box = frame.frame_element().bounding_box()
    x, y, left, top = frame.evaluate(
        """([la, lo]) => { const p = map.latLngToContainerPoint([la, lo]);
             const r = map.getContainer().getBoundingClientRect(); return [p.x, p.y, r.left, r.top]; }""",
        [lat, lon],
    )
    return box["x"] + left + x, box["y"] + top + y


def touch_swipe(cdp, x: float, y: float, dy: float, fingers: int = 1, steps: int = 12) -> None:
    """Swipe ``fingers`` fingers (40 px apart) from (x, y) by ``dy`` px, through a CDP session on the page.

    Chromium's own input pipeline handles the touches, so the page scrolls or the map moves as on a phone.
    """

    def points(k: int) -> list[dict]:
        return [{"x": x + 40 * i, "y": y + dy * k / steps, "id": i} for i in range(fingers)]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
    for k in range(1, steps + 1):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(k)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
