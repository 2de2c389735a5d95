"""Point labels placed by ``charts._text.place_labels`` keep clear of each other, of the points and
of the obstacles given (quadrant names), and stay in the plot.

Oracle: the label boxes recomputed here by hand from the returned anchors — a 4-letter label in
10 px type is 4 × 6 = 24 px wide and 12.5 px high (0.6 em per Latin letter, 1.25 em per line).
"""
from __future__ import annotations

import itertools

from servicelab.charts._text import place_labels

W, H = 24.0, 12.5


def _box(x, y, align):
    x0 = x if align == "left" else x - W if align == "right" else x - W / 2
    return (x0, y - H / 2, x0 + W, y + H / 2)


def _meet(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_crowded_points_get_labels_that_do_not_meet():
    points = [(100, 100), (104, 102), (98, 106), (300, 38), (395, 150)]  # a cluster, one under the name, one at the edge
    name = (150, 0, 400, 30)                                           # a quadrant name in the top right corner
    spots = place_labels(points, ["AAAA"] * 5, 400, 300, obstacles=[name])
    boxes = [_box(*s) for s in spots]
    assert not [(i, j) for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2) if _meet(a, b)]
    assert not [i for i, b in enumerate(boxes) if _meet(b, name)]
    assert not [(i, j) for i, b in enumerate(boxes) for j, (x, y) in enumerate(points) if _meet(b, (x - 6, y - 6, x + 6, y + 6))]
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= 400 and b[3] <= 300 for b in boxes)
