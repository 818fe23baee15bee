"""Lossless compact encoding of polygon rings for the browser: shared borders sent once, numbers as short text.

Neighbouring units share their border: in the simplified file about a third of all boundary points are written
twice, once for each side. Here, as in TopoJSON, each ring is cut into *arcs* at its junctions (points where
rings that run together part ways) and an arc that two rings share is kept once; a ring is the list of its arcs,
``~i`` meaning arc ``i`` walked backwards. Each arc is one string: its points as integers (first absolute, then
the step from each point to the next), each number written as in Google's encoded polyline format (zig-zag sign,
five bits per character, characters ``?`` to ``~``, so nothing in it needs escaping in JSON or HTML).

Nothing is lost: every point of every ring comes back in its order, starting where it started (a ring that was
turned to begin at a junction carries how far it was turned). :func:`decode` does in Python what the browser's
decoder (``dashboard.map.offline``) does in JavaScript; tests compare both with the source file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

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


__all__ = ["decode", "decode_numbers", "encode", "encode_numbers"]
