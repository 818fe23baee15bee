"""Lossless compact encoding of polygon rings for the browser: shared borders sent once, numbers as short text.

Neighbouring units share their border: in the simplified file about a third of all boundary points are written
twice, once for each side. Here, as in TopoJSON, each ring is cut into *arcs* at its junctions (points where
rings that run together part ways) and an arc that two rings share is kept once; a ring is the list of its arcs,
``~i`` meaning arc ``i`` walked backwards. Each arc is one string: its points as integers (first absolute, then
the step from each point to the next), each number written as in Google's encoded polyline format (zig-zag sign,
five bits per character, characters ``?`` to ``~``, so nothing in it needs escaping in JSON or HTML).

Nothing is lost: every point of every ring comes back in its order, starting where it started (a ring that was
turned to begin at a junction carries how far it was turned). :func:`decode` does in Python what the browser's
decoder (:data:`DECODER_JS`, used by the dashboard's map and by the embed) does in JavaScript; tests compare both
with the source file.

:func:`units_payload` is Ukraine's units in this form, :func:`context_payload` the neighbouring countries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd

from dashboard.core import paths
from dashboard.places import boundaries

Point = tuple[int, int]
Ring = list[Point]
"""A closed ring: its last point repeats its first."""
Encoded = list
"""``[arcs, shapes]``: ``arcs`` a list of strings; ``shapes`` the input with each ring replaced by
``[offset, arc reference, …]``."""

_FIRST = 63
"""The character of digit 0 (``?``); digits run to ``~`` (126), the five-bit groups with the continuation bit."""


def encode_numbers(values: Sequence[int]) -> str:
    """Integers as encoded-polyline text: zig-zag for the sign, then five bits per character, low bits first."""
    out = []
    for value in values:
        v = ~(value << 1) if value < 0 else value << 1
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + _FIRST))
            v >>= 5
        out.append(chr(v + _FIRST))
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    """The integers written by :func:`encode_numbers`.

    Raises
    ------
    ValueError
        If ``text`` holds a character outside ``?``…``~`` or ends in the middle of a number.
    """
    out, v, shift = [], 0, 0
    for ch in text:
        b = ord(ch) - _FIRST
        if not 0 <= b < 64:
            raise ValueError(f"{ch!r} is not a character of encoded numbers")
        v |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            out.append(~(v >> 1) if v & 1 else v >> 1)
            v, shift = 0, 0
    if shift:
        raise ValueError(f"encoded numbers end in the middle of one: {text[-8:]!r}")
    return out


def _arc_text(points: Sequence[Point]) -> str:
    flat, px, py = [], 0, 0
    for x, y in points:
        flat += [x - px, y - py]
        px, py = x, y
    return encode_numbers(flat)


def _arc_points(text: str) -> list[Point]:
    values = decode_numbers(text)
    if len(values) % 2:
        raise ValueError("an arc holds an odd count of numbers")
    points, x, y = [], 0, 0
    for dx, dy in zip(values[::2], values[1::2], strict=True):
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def _junctions(rings: Sequence[Ring]) -> set[Point]:
    """Points whose neighbours differ from one passage to another: where rings that run together part."""
    around: dict[Point, set[frozenset[Point]]] = defaultdict(set)
    for ring in rings:
        body = ring[:-1]
        n = len(body)
        for i, point in enumerate(body):
            around[point].add(frozenset((body[i - 1], body[(i + 1) % n])))
    return {point for point, seen in around.items() if len(seen) > 1}


def encode(shapes: Sequence[Sequence[Sequence[Ring]]]) -> Encoded:
    """Encode shapes (each a list of polygons, each a list of closed rings of integer points).

    Returns
    -------
    list
        ``[arcs, encoded shapes]``; each ring becomes ``[offset, ref, …]``: walk the arcs (``~ref`` backwards,
        dropping each arc's first point after the first arc), then start ``offset`` points from the end.

    Raises
    ------
    ValueError
        If a ring is not closed or has fewer than four points.
    """
    rings = [ring for shape in shapes for polygon in shape for ring in polygon]
    for ring in rings:
        if len(ring) < 4 or ring[0] != ring[-1]:
            raise ValueError(f"not a closed ring of at least 4 points: {list(ring[:3])}…")
    junctions = _junctions(rings)
    arcs: list[str] = []
    known: dict[tuple[Point, ...], int] = {}

    def ref(points: list[Point]) -> int:
        key = tuple(points)
        if key in known:
            return known[key]
        if key[::-1] in known:
            return ~known[key[::-1]]
        known[key] = len(arcs)
        arcs.append(_arc_text(points))
        return known[key]

    def ring_refs(ring: Ring) -> list[int]:
        body = list(ring[:-1])
        n = len(body)
        cuts = [i for i, point in enumerate(body) if point in junctions]
        start = cuts[0] if cuts else body.index(min(body))  # no junction: one arc, begun at a canonical point
        turned = body[start:] + body[:start]
        turned.append(turned[0])
        bounds = [c - start for c in cuts] or [0]
        bounds.append(n)
        return [start, *(ref(turned[a : b + 1]) for a, b in zip(bounds, bounds[1:], strict=False))]

    encoded = [[[ring_refs(list(ring)) for ring in polygon] for polygon in shape] for shape in shapes]
    return [arcs, encoded]


def decode(payload: Encoded) -> list[list[list[Ring]]]:
    """The shapes :func:`encode` was given, point for point.

    Raises
    ------
    ValueError
        If the payload is not in the form :func:`encode` writes.
    """
    try:
        texts, shapes = payload
        arcs = [_arc_points(text) for text in texts]
        out = []
        for shape in shapes:
            polygons = []
            for polygon in shape:
                rings = []
                for offset, *refs in polygon:
                    walked: list[Point] = []
                    for r in refs:
                        points = arcs[r] if r >= 0 else arcs[~r][::-1]
                        walked += points if not walked else points[1:]
                    body = walked[:-1]
                    body = body[len(body) - offset :] + body[: len(body) - offset]  # turned back by offset
                    rings.append([*body, body[0]])
                polygons.append(rings)
            out.append(polygons)
        return out
    except (TypeError, IndexError) as exc:
        raise ValueError(f"not an encoded topology: {exc}") from None


# -- boundaries for the browser --------------------------------------------------------------------------------

SCALE = 10_000
"""Coordinates travel as integers in 1e-4 degrees (about 11 m): the precision of the simplified file, so lossless."""

DECODER_JS = Path(__file__).with_name("topology.js").read_text(encoding="utf-8").rstrip("\n")
"""The browser's decoder, a JavaScript function expression ``(scale, payload) → GeoJSON FeatureCollection`` (each
feature's only property is ``iso_3166_2``, the id the payload carries): :func:`decode_payload` in JavaScript."""


def frame_payload(frame: gpd.GeoDataFrame, id_column: str) -> list:
    """A frame's polygons, compact: ``[arcs, [[id, geometry type, polygons], …]]`` in 1/:data:`SCALE` degree.

    Each border two shapes share is sent once, and numbers travel as short text (:func:`encode`).
    """
    shapes, heads = [], []
    for key, geom in zip(frame[id_column], frame.geometry, strict=True):
        polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        shapes.append(
            [
                [[(round(x * SCALE), round(y * SCALE)) for x, y in ring.coords] for ring in rings]
                for rings in ([p.exterior, *p.interiors] for p in polygons)
            ]
        )
        heads.append((key, geom.geom_type))
    arcs, encoded = encode(shapes)
    return [arcs, [[key, kind, shape] for (key, kind), shape in zip(heads, encoded, strict=True)]]


def units_payload(source: Path = paths.BOUNDARIES_SIMPLIFIED) -> list:
    """Ukraine's 27 units (the simplified file), compact (:func:`frame_payload`), keyed by ISO 3166-2 code.

    Only geometry and the stable id: the script is under a fifth of plain GeoJSON's size (about two fifths,
    gzipped); names and statuses travel with each page (they depend on the sources).
    """
    return frame_payload(boundaries.load_units("simplified", source), "iso_3166_2")


def context_payload(path: str | Path | None = None) -> list:
    """The neighbouring countries (:func:`dashboard.places.boundaries.load_context`), compact, keyed by ISO a3."""
    return frame_payload(boundaries.load_context(path), "iso_a3")


def decode_payload(payload: list) -> dict:
    """The GeoJSON FeatureCollection the browser builds from a payload (:data:`DECODER_JS`, in Python)."""
    arcs, units = payload
    shapes = decode([arcs, [shape for _, _, shape in units]])
    features = []
    for (key, kind, _), polygons in zip(units, shapes, strict=True):
        coordinates = [[[[x / SCALE, y / SCALE] for x, y in ring] for ring in rings] for rings in polygons]
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_3166_2": key},
                "geometry": {"type": kind, "coordinates": coordinates[0] if kind == "Polygon" else coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


__all__ = [
    "DECODER_JS",
    "SCALE",
    "context_payload",
    "decode",
    "decode_numbers",
    "decode_payload",
    "encode",
    "encode_numbers",
    "frame_payload",
    "units_payload",
]
