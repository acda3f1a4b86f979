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


def _ring(k: int) -> list[tuple[float, float]]:
    """Ring `k` of a spiral of unit step: at most 36 spots, evenly round."""
    count = min(36, max(6, int(2 * math.pi * k)))
    return [(k * math.cos(2 * math.pi * m / count), k * math.sin(2 * math.pi * m / count)) for m in range(count)]


_SPIRAL: list[tuple[float, float]] = [(0.0, 0.0)] + [p for k in range(1, 400) for p in _ring(k)]


def place_boxes(pos: np.ndarray, boxes: np.ndarray, gap: float, step: float = 6.0) -> np.ndarray:
    """Positions where no two boxes (offsets left, top, right, bottom around each position) come closer than
    `gap`: boxes are placed in order (the most important first keep their place), each at the free spot nearest
    to where the layout put it, found on a spiral around it (rings `step` apart, or a third of the box's height
    if more). Deterministic."""
    n = len(pos)
    out = [(float(x), float(y)) for x, y in pos]
    if n < 2:
        return np.array(out, dtype=float).reshape(-1, 2)
    half = gap / 2
    offsets = [(float(b[0]) - half, float(b[1]) - half, float(b[2]) + half, float(b[3]) + half) for b in boxes]
    cell = max(float(np.median([o[2] - o[0] for o in offsets])), 20.0)
    grid: dict[tuple[int, int], list[int]] = {}
    placed: list[tuple[float, float, float, float]] = [(0.0, 0.0, 0.0, 0.0)] * n
    floor = math.floor
    for i in range(n):
        x0, y0 = out[i]
        left, top, right, bottom = offsets[i]
        ring = max(step, (bottom - top) / 5)
        blocker = -1
        k = 0
        while True:
            if k >= len(_SPIRAL):  # pragma: no cover - beyond 400 rings: further out, a coarser spiral
                ring *= 2
                k = 1
            dx, dy = _SPIRAL[k]
            k += 1
            x, y = x0 + dx * ring, y0 + dy * ring
            b0, b1, b2, b3 = x + left, y + top, x + right, y + bottom
            if blocker >= 0:  # the box that blocked the last spot most likely blocks this one too
                p = placed[blocker]
                if p[0] < b2 and b0 < p[2] and p[1] < b3 and b1 < p[3]:
                    continue
            hit = -1
            for cx in range(floor(b0 / cell), floor(b2 / cell) + 1):
                for cy in range(floor(b1 / cell), floor(b3 / cell) + 1):
                    for j in grid.get((cx, cy), ()):
                        p = placed[j]
                        if p[0] < b2 and b0 < p[2] and p[1] < b3 and b1 < p[3]:
                            hit = j
                            break
                    if hit >= 0:
                        break
                if hit >= 0:
                    break
            if hit >= 0:
                blocker = hit
                continue
            out[i] = (x, y)
            placed[i] = (b0, b1, b2, b3)
            for cx in range(floor(b0 / cell), floor(b2 / cell) + 1):
                for cy in range(floor(b1 / cell), floor(b3 / cell) + 1):
                    grid.setdefault((cx, cy), []).append(i)
            break
    return np.array(out, dtype=float)
