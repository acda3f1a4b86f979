"""Overlap removal: boxes (a node and its label, a community) placed where none intersects another."""
from __future__ import annotations

import math

import numpy as np


def _pairs(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) whose intervals [lo, hi) intersect on one axis (sweep: sorted by `lo`)."""
    order = np.argsort(lo, kind="stable")
    lo_s, hi_s = lo[order], hi[order]
    ends = np.searchsorted(lo_s, hi_s, side="left")  # the first interval starting at or after i's end
    count = np.maximum(ends - np.arange(len(lo_s)) - 1, 0)
    total = int(count.sum())
    if not total:
        return np.empty(0, dtype=int), np.empty(0, dtype=int)
    first = np.repeat(np.arange(len(lo_s)), count)
    offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    second = first + 1 + offsets
    return order[first], order[second]


def overlapping(pos: np.ndarray, boxes: np.ndarray, gap: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of boxes (offsets left, top, right, bottom around `pos`) closer than `gap`."""
    left, right = pos[:, 0] + boxes[:, 0] - gap / 2, pos[:, 0] + boxes[:, 2] + gap / 2
    top, bottom = pos[:, 1] + boxes[:, 1] - gap / 2, pos[:, 1] + boxes[:, 3] + gap / 2
    i, j = _pairs(left, right)
    keep = (np.minimum(bottom[i], bottom[j]) > np.maximum(top[i], top[j])) & \
           (np.minimum(right[i], right[j]) > np.maximum(left[i], left[j]))
    return i[keep], j[keep]


def _spiral(step: float):
    """Offsets around a point, nearest first: the point, then rings `step` apart (at most 36 spots a ring)."""
    yield 0.0, 0.0
    k = 1
    while True:
        r = k * step
        count = min(36, max(6, int(2 * math.pi * r / step)))
        for m in range(count):
            a = 2 * math.pi * m / count
            yield r * math.cos(a), r * math.sin(a)
        k += 1


def place_boxes(pos: np.ndarray, boxes: np.ndarray, gap: float, step: float = 6.0) -> np.ndarray:
    """Positions where no two boxes (offsets left, top, right, bottom around each position) come closer than
    `gap`: boxes are placed in order (the most important first keep their place), each at the free spot nearest
    to where the layout put it, found on a spiral around it. Deterministic."""
    n = len(pos)
    out = np.array(pos, dtype=float)
    if n < 2:
        return out
    widths = boxes[:, 2] - boxes[:, 0] + gap
    cell = max(float(np.median(widths)), 20.0)
    grid: dict[tuple[int, int], list[int]] = {}
    placed = np.zeros((n, 4))  # absolute boxes, gap included

    def cells(b):
        return [(cx, cy) for cx in range(math.floor(b[0] / cell), math.floor(b[2] / cell) + 1)
                for cy in range(math.floor(b[1] / cell), math.floor(b[3] / cell) + 1)]

    half = gap / 2
    for i in range(n):
        x0, y0 = out[i]
        left, top, right, bottom = boxes[i]
        for dx, dy in _spiral(step):
            x, y = x0 + dx, y0 + dy
            b = (x + left - half, y + top - half, x + right + half, y + bottom + half)
            free = True
            for c in cells(b):
                for j in grid.get(c, ()):
                    p = placed[j]
                    if p[0] < b[2] and b[0] < p[2] and p[1] < b[3] and b[1] < p[3]:
                        free = False
                        break
                if not free:
                    break
            if free:
                out[i] = (x, y)
                placed[i] = b
                for c in cells(b):
                    grid.setdefault(c, []).append(i)
                break
    return out
