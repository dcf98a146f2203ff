"""What the emulated model sees in a frame: plain numpy over the pixels it received.

The emulator cannot read, but it can say what is in the picture it was sent: its size, its
main colours named in words, where the busy, text-like parts are (high-contrast edges per grid
cell), and the shapes in it (connected areas of one named colour). It finds something to
point at from that: the largest shape of a named colour, the most button-like shape (a filled
rectangle, not touching the border, with detail inside) or the busiest text-like area.

Boxes are the Live API's: `[ymin, xmin, ymax, xmax]` normalised to 0-1000 over the frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import simplejpeg

from desktop.emulator.pixels import (
    COLOUR_WORDS,
    COLOURS,
    GRID_COLS,
    GRID_ROWS,
    Shape,
    cell_density,
    colour_names,
    decode,
    edge_map,
    shapes_of,
)

# Shapes are found on a grid of at most this long side (one label per grid pixel).
SHAPE_SIDE = 160
TEXT_DENSITY = 0.08  # share of edge pixels in a cell that makes it text-like
MIN_COLOUR_SHARE = 0.03  # a colour named in a description covers at least this much

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Found:
    """Something to point at: its box (0-1000), what it is, and where, in words."""

    box: Box
    what: str  # "red shape", "button-like shape", "text-like area"
    share: float  # of the frame's area

    @property
    def place(self) -> str:
        ymin, xmin, ymax, xmax = self.box
        return place((xmin + xmax) / 2000, (ymin + ymax) / 2000)


@dataclass(frozen=True)
class FrameView:
    width: int
    height: int
    colours: tuple[tuple[str, float], ...]  # (name, share of the frame), most first
    density: npt.NDArray[np.float64]  # edge share per grid cell, GRID_ROWS x GRID_COLS
    edges: npt.NDArray[np.bool_]  # per pixel of the decoded picture
    labels: npt.NDArray[np.uint8]  # colour per pixel of the decoded picture
    shapes: tuple[Shape, ...]  # largest first, on a grid of every `step`th decoded pixel
    grid: tuple[int, int]  # shape grid (height, width)
    step: int

    @property
    def background(self) -> str:
        return self.shapes[0].colour if self.shapes else ""


def place(cx: float, cy: float) -> str:
    """Where a point (0-1 over the frame) is, in words: "at the top left", "in the middle"."""
    row = "top" if cy < 1 / 3 else "bottom" if cy > 2 / 3 else ""
    col = "left" if cx < 1 / 3 else "right" if cx > 2 / 3 else ""
    if row and col:
        return f"at the {row} {col}"
    if row:
        return f"at the {row}"
    if col:
        return f"on the {col}"
    return "in the middle"


def look(data: bytes) -> FrameView | None:
    """Look at a JPEG frame; None when it cannot be decoded."""
    try:
        height, width, _, _ = simplejpeg.decode_jpeg_header(data)
    except (ValueError, TypeError, OSError):
        return None
    rgb = decode(data)
    if rgb is None or rgb.size == 0:
        return None
    labels = colour_names(rgb)
    counts = np.bincount(labels.ravel(), minlength=len(COLOURS)) / labels.size
    colours = tuple((COLOURS[i], float(counts[i])) for i in np.argsort(-counts) if counts[i] > 0)
    edges = edge_map(rgb)
    step = max(1, -(-max(labels.shape) // SHAPE_SIDE))
    small = labels[::step, ::step]
    return FrameView(
        int(width), int(height), colours, cell_density(edges), edges, labels,
        tuple(shapes_of(small)), (int(small.shape[0]), int(small.shape[1])), step,
    )  # fmt: skip


def _box(view: FrameView, shape: Shape) -> Box:
    """The shape's box, its edges found again in the decoded picture (the grid is coarse)."""
    h, w = view.labels.shape
    top, left = max(0, (shape.top - 1) * view.step), max(0, (shape.left - 1) * view.step)
    window = view.labels[top : (shape.bottom + 1) * view.step, left : (shape.right + 1) * view.step]
    ys, xs = np.nonzero(window == COLOURS.index(shape.colour))
    if not len(ys):
        gh, gw = view.grid
        return (round(1000 * shape.top / gh), round(1000 * shape.left / gw),
                round(1000 * shape.bottom / gh), round(1000 * shape.right / gw))  # fmt: skip
    return (
        round(1000 * (top + int(ys.min())) / h),
        round(1000 * (left + int(xs.min())) / w),
        round(1000 * (top + int(ys.max()) + 1) / h),
        round(1000 * (left + int(xs.max()) + 1) / w),
    )


def _place_of(view: FrameView, shape: Shape) -> str:
    gh, gw = view.grid
    return place((shape.left + shape.right) / 2 / gw, (shape.top + shape.bottom) / 2 / gh)


def _share(view: FrameView, shape: Shape) -> float:
    return shape.area / (view.grid[0] * view.grid[1])


def find_colour(view: FrameView, word: str) -> Found | None:
    """The largest shape of the colour a word names (e.g. "red", "gray")."""
    names = COLOUR_WORDS.get(word.lower(), ())
    for shape in view.shapes:  # largest first
        if shape.colour in names and shape.area >= 4:
            return Found(_box(view, shape), f"{word.lower()} shape", _share(view, shape))
    return None


def _detail(view: FrameView, shape: Shape) -> float:
    """Edge share inside a shape, away from its outline (a label on a button, an icon)."""
    gh, gw = view.grid
    h, w = view.edges.shape
    top, bottom = shape.top * h // gh, shape.bottom * h // gh
    left, right = shape.left * w // gw, shape.right * w // gw
    dy, dx = (bottom - top) // 5, (right - left) // 8
    part = view.edges[top + dy : bottom - dy, left + dx : right - dx]
    return float(part.mean()) if part.size else 0.0


def button_score(view: FrameView, shape: Shape) -> float:
    """How much a shape looks like a button: a filled, compact, wider-than-tall rectangle of
    moderate size that does not touch the frame's edge, with something drawn inside."""
    gh, gw = view.grid
    share = _share(view, shape)
    height, width = shape.bottom - shape.top, shape.right - shape.left
    if shape.colour == view.background or share < 0.001 or share > 0.25:
        return 0.0
    if height < 2 or width < 3:
        return 0.0
    fill = shape.area / shape.box_area
    if fill < 0.5:
        return 0.0
    score = fill * (1.0 + 10.0 * min(_detail(view, shape), 0.2))
    if not 1.5 <= width / height <= 10.0:  # buttons are wider than tall
        score *= 0.5
    if shape.top == 0 or shape.left == 0 or shape.bottom == gh or shape.right == gw:
        score *= 0.3
    return score


def find_button(view: FrameView) -> Found | None:
    scored = [(button_score(view, s), s) for s in view.shapes[:200]]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    if best[1] is None or best[0] <= 0:
        return None
    return Found(_box(view, best[1]), "button-like shape", _share(view, best[1]))


def text_areas(view: FrameView) -> list[Found]:
    """Groups of neighbouring text-like grid cells, busiest first, each box tightened to the
    edges inside it."""
    busy = (view.density >= TEXT_DENSITY).astype(np.uint8)
    groups = [s for s in shapes_of(busy, ("plain", "text")) if s.colour == "text"]
    groups.sort(key=lambda s: -float(view.density[s.top : s.bottom, s.left : s.right].sum()))
    h, w = view.edges.shape
    found = []
    for group in groups:
        top, left = group.top * h // GRID_ROWS, group.left * w // GRID_COLS
        part = view.edges[top : group.bottom * h // GRID_ROWS, left : group.right * w // GRID_COLS]
        ys, xs = np.nonzero(part)
        box = (
            round(1000 * (top + int(ys.min())) / h),
            round(1000 * (left + int(xs.min())) / w),
            round(1000 * (top + int(ys.max()) + 1) / h),
            round(1000 * (left + int(xs.max()) + 1) / w),
        )
        area = (box[2] - box[0]) * (box[3] - box[1]) / 1e6
        found.append(Found(box, "text-like area", area))
    return found


def find_text(view: FrameView) -> Found | None:
    """The busiest text-like area."""
    areas = text_areas(view)
    return areas[0] if areas else None


def _percent(share: float) -> str:
    return f"{max(1, round(share * 100))} %"


def describe(view: FrameView) -> str:
    """A few sentences about the picture, from its pixels alone."""
    named = [(n, s) for n, s in view.colours if s >= MIN_COLOUR_SHARE][:4]
    first, rest = named[0], named[1:]
    sentences = [f"It is {view.width}x{view.height}, mostly {first[0]} ({_percent(first[1])})"]
    if rest:
        others = [f"{n} ({_percent(s)})" for n, s in rest]
        listed = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
        sentences[0] += f", then {listed}"
    sentences[0] += "."
    shapes = [s for s in view.shapes[1:6] if _share(view, s) >= 0.02]
    if shapes:
        parts = [
            f"a {s.colour} area {_place_of(view, s)} ({_percent(_share(view, s))})"
            for s in shapes[:3]
        ]
        sentences.append("The largest shapes: " + "; ".join(parts) + ".")
    areas = text_areas(view)
    if areas:
        parts = [f"{a.place} (about {_percent(a.share)} of the picture)" for a in areas[:3]]
        sentences.append("Text-like detail (dense high-contrast edges): " + "; ".join(parts) + ".")
    else:
        sentences.append("I see no text-like detail: it is mostly flat colour.")
    return " ".join(sentences)
