"""The browser's boundary encoding: shared borders once, numbers as text, and every point back in its place."""

from __future__ import annotations

import json

import pytest

from dashboard.places import boundaries, topology


def square(x: int, y: int, size: int = 10) -> list[tuple[int, int]]:
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


@pytest.mark.parametrize(
    "values",
    [[], [0], [1, -1], [15, 16, -16, -17], [2**30, -(2**30)], [520_000, 400_000, -3, 0, 7], list(range(-70, 70))],
)
def test_numbers_round_trip(values):
    text = topology.encode_numbers(values)
    assert all("?" <= ch <= "~" for ch in text)
    assert "\\" not in json.dumps(text).replace("\\\\", "")  # only the backslash itself is escaped in JSON
    assert topology.decode_numbers(text) == values


@pytest.mark.parametrize(("text", "message"), [("a!", "'!'"), ("_", "middle of one"), ("é", "'é'")])
def test_bad_number_text_is_refused_with_the_bad_part(text, message):
    with pytest.raises(ValueError, match=message):
        topology.decode_numbers(text)


def test_neighbours_share_their_border_once_and_come_back_exactly():
    left = [(0, 0), (10, 0), (10, 5), (10, 10), (0, 10), (0, 0)]
    # The right square shares the left one's east side, walked the other way, and starts elsewhere.
    right = [(20, 10), (10, 10), (10, 5), (10, 0), (20, 0), (20, 10)]
    shapes = [[[left]], [[right]]]
    arcs, encoded = topology.encode(shapes)
    assert topology.decode([arcs, encoded]) == shapes
    points = sum(len(topology.decode_numbers(a)) // 2 for a in arcs)
    assert points < len(left) + len(right)  # the shared side is kept once
    refs = [r for shape in encoded for polygon in shape for ring in polygon for r in ring[1:]]
    assert any(r < 0 for r in refs)  # one ring walks a shared arc backwards


def test_a_hole_that_is_another_unit_and_rings_with_no_junction():
    outer = square(0, 0, 30)
    hole = [(10, 20), (20, 20), (20, 10), (10, 10), (10, 20)]  # begins at no particular point
    enclave = [(20, 10), (20, 20), (10, 20), (10, 10), (20, 10)]  # the same ring, other way round
    island = square(100, 100)
    shapes = [[[outer, hole], [island]], [[enclave]]]
    arcs, encoded = topology.encode(shapes)
    assert topology.decode([arcs, encoded]) == shapes
    assert len(arcs) == 3  # outer, the shared hole, the island


def test_open_or_tiny_rings_are_refused():
    with pytest.raises(ValueError, match="closed ring"):
        topology.encode([[[[(0, 0), (1, 0), (1, 1), (0, 1)]]]])
    with pytest.raises(ValueError, match="closed ring"):
        topology.encode([[[[(0, 0), (1, 0), (0, 0)]]]])


@pytest.mark.parametrize("payload", [None, [], [["?"], [[[[0, 5]]]]], [[7], []], [["??"], [[[["x"]]]]]])
def test_malformed_payload_is_refused_clearly(payload):
    with pytest.raises(ValueError):
        topology.decode(payload)


def test_the_simplified_file_round_trips_point_for_point_with_a_third_fewer_points():
    units = boundaries.load_units("simplified")
    payload = topology.units_payload()
    arcs, listed = payload
    assert [u[0] for u in listed] == list(units["iso_3166_2"])
    decoded = topology.decode_payload(payload)
    for feature, geom in zip(decoded["features"], units.geometry, strict=True):
        assert feature["geometry"]["type"] == geom.geom_type
        polygons = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
        coords = feature["geometry"]["coordinates"]
        coords = [coords] if geom.geom_type == "Polygon" else coords
        expected = [[[list(p) for p in ring.coords] for ring in [poly.exterior, *poly.interiors]] for poly in polygons]
        assert coords == expected  # same points, same order, same start: exact, not within a tolerance
    sent = sum(len(topology.decode_numbers(a)) // 2 for a in arcs)
    total = sum(
        len(ring.coords)
        for g in units.geometry
        for p in getattr(g, "geoms", [g])
        for ring in [p.exterior, *p.interiors]
    )
    assert sent < 0.7 * total
