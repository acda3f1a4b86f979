"""Label metrics: a label's width in the views' font, labels wrapped into lines, the box a node and its label take."""
from __future__ import annotations

import textwrap
import unicodedata

#: Advance widths of DejaVu Sans (the views' first font) for ASCII 32-126, in thousandths of the font size, as
#: Chromium measures them.
_ASCII = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
          636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
          295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
          500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
          392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838]
_OTHER = {"\u2018": 318, "\u2019": 318, "\u201c": 518, "\u201d": 518, "\u2013": 500, "\u2014": 1000,
          "\u2026": 1000, "\u00b7": 318}
#: Characters per line before a label wraps, and at most this many lines (the rest ends in "…").
WRAP_AT, MAX_LINES = 24, 3
#: vis draws a label's text with a white stroke this wide (world units), half of it outside the glyphs.
STROKE = 3


def char_width(c: str) -> int:
    o = ord(c)
    if 32 <= o < 127:
        return _ASCII[o - 32]
    if c in _OTHER:
        return _OTHER[c]
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1000
    if unicodedata.combining(c):
        return 0
    return 640  # accented Latin and the like: about a lower-case letter


def text_width(text: str, size: float) -> float:
    """The width of one line of `text` at font size `size` (pixels at scale 1)."""
    return sum(char_width(c) for c in text) * size / 1000.0


def wrap(label: str) -> str:
    """The label in lines of at most WRAP_AT characters where it has spaces (vis breaks lines at "\\n")."""
    label = " ".join(label.split())
    if len(label) <= WRAP_AT:
        return label
    lines = textwrap.wrap(label, WRAP_AT, break_long_words=False, break_on_hyphens=False) or [label]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: WRAP_AT - 1].rstrip() + "\u2026"
    return "\n".join(lines)


def label_size(label: str, size: float) -> tuple[float, float]:
    """(width, height) of a label drawn at font size `size`: the widest line, one font size per line."""
    lines = label.split("\n") if label else []
    if not lines:
        return 0.0, 0.0
    return max(text_width(line, size) for line in lines) + STROKE, len(lines) * size + STROKE / 2


def node_box(label: str, font: float, radius: float) -> tuple[float, float, float, float]:
    """The box a node (a shape of `radius`) and the label vis hangs below it take, as offsets from the node's
    centre: (left, top, right, bottom). vis starts a label half a font size and 4 pixels below the shape."""
    w, h = label_size(label, font)
    half = max(radius, w / 2)
    return -half, -radius, half, radius + (font / 2 + 4 + h if label else 0.0)
