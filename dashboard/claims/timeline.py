"""Time across sources: what changed between two dates, and the map at each source date (an animated GIF or a
series of images), from the sources' own dated statements and nothing between them.

A unit's status "as of" a date is the one :func:`dashboard.claims.selection.page_view` chooses among the sources dated
on or before it; undated sources are never placed on the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO

from PIL import Image

from dashboard.claims.selection import PageView
from dashboard.claims.statements import Statement

GIF_FRAME_MS = 1600
"""How long each date's frame shows in the animated export."""


@dataclass(frozen=True)
class Change:
    """A unit whose claim or control differs between two dates, with the statement (and excerpt) of each."""

    iso: str
    name: str
    field: str
    before: Statement | None
    """None where no source dated on or before the first date names the unit."""
    after: Statement

    @property
    def line(self) -> str:
        was = self.before.label if self.before is not None else "not named"
        return f"{self.name}: {self.field} {was} → {self.after.label}"


def changes(before: PageView, after: PageView) -> list[Change]:
    """The units whose shown claim or control differ between two views (``after`` the later date), by name."""
    out = []
    for unit in after.combined.units:
        earlier = before.combined.unit(unit.iso)
        for field in ("claim", "control"):
            now = unit.status.of(field)
            was = earlier.status.of(field) if earlier is not None else None
            if (was.value if was is not None else None) != now.value and (was is not None or now.stated):
                out.append(Change(unit.iso, after.names.get(unit.iso, unit.name), field, was, now))
    return sorted(out, key=lambda c: (c.name, c.field))


def gif(frames: Sequence[bytes], frame_ms: int = GIF_FRAME_MS) -> bytes:
    """An animated GIF of PNG ``frames`` (deterministic: same frames, same bytes), looping forever.

    Each frame is reduced to its own 255-colour palette (the map's flat colours and hatches fit in it), so ten
    1200 px frames stay well under 2 MB.
    """
    images = []
    for data in frames:
        with Image.open(BytesIO(data)) as image:
            images.append(image.convert("RGB").quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=0))
    if not images:
        raise ValueError("no frame to animate")
    out = BytesIO()
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:], duration=frame_ms, loop=0,
                   optimize=False, disposal=1)  # fmt: skip
    return out.getvalue()


def frames_by_date(timeline: Sequence[dt.date], render: Callable[[dt.date], bytes]) -> list[tuple[dt.date, bytes]]:
    """``render(date)`` for each date of the timeline, oldest first."""
    return [(date, render(date)) for date in sorted(set(timeline))]
