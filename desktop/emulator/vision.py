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

# The frame is decoded at (at least) this long side, by the JPEG decoder's own scaling.
DECODE_SIDE = 320
# Shapes are found on a grid of at most this long side (one label per grid pixel).
SHAPE_SIDE = 160
GRID_COLS, GRID_ROWS = 8, 6
EDGE_STEP = 48  # luminance step (0-255) between neighbours that counts as an edge
TEXT_DENSITY = 0.08  # share of edge pixels in a cell that makes it text-like
MIN_COLOUR_SHARE = 0.03  # a colour named in a description covers at least this much

COLOURS = (
    "black",
    "dark grey",
    "grey",
    "light grey",
    "white",
    "red",
    "orange",
    "brown",
    "yellow",
    "green",
    "cyan",
    "blue",
    "purple",
    "pink",
)
# Words a question may use -> the colours they stand for.
COLOUR_WORDS: dict[str, tuple[str, ...]] = {
    "black": ("black",),
    "grey": ("dark grey", "grey", "light grey"),
    "gray": ("dark grey", "grey", "light grey"),
    "white": ("white",),
    "red": ("red",),
    "orange": ("orange",),
    "brown": ("brown",),
    "yellow": ("yellow",),
    "green": ("green",),
    "cyan": ("cyan",),
    "teal": ("cyan",),
    "turquoise": ("cyan",),
    "blue": ("blue",),
    "purple": ("purple",),
    "violet": ("purple",),
    "pink": ("pink",),
    "magenta": ("pink",),
}
# Hue bands (degrees, upper bound exclusive) of the saturated colours.
_HUES = ((15, "red"), (40, "orange"), (70, "yellow"), (165, "green"), (195, "cyan"),
         (255, "blue"), (290, "purple"), (345, "pink"), (361, "red"))  # fmt: skip

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Shape:
    """A connected area of one colour on the shape grid."""

    colour: str
    area: int  # grid pixels
    top: int
    left: int
    bottom: int  # exclusive
    right: int  # exclusive

    @property
    def box_area(self) -> int:
        return (self.bottom - self.top) * (self.right - self.left)


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
    shapes: tuple[Shape, ...]  # largest first
    grid: tuple[int, int]  # shape grid (height, width)

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


def colour_names(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Index into COLOURS of each pixel of an RGB picture."""
    px = rgb.astype(np.float32) / 255.0
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    mx = np.maximum(np.maximum(r, g), b)
    mn = np.minimum(np.minimum(r, g), b)
    chroma = mx - mn
    sat = np.where(mx > 0, chroma / np.maximum(mx, 1e-6), 0.0)
    safe = np.maximum(chroma, 1e-6)
    hue = (
        np.where(
            mx == r,
            ((g - b) / safe) % 6,
            np.where(mx == g, (b - r) / safe + 2, (r - g) / safe + 4),
        )
        * 60.0
    )
    out = np.empty(rgb.shape[:2], np.uint8)
    bands = [(lim, COLOURS.index(name)) for lim, name in _HUES]
    out[...] = bands[-1][1]
    for lim, index in reversed(bands):
        out[hue < lim] = index
    brown = (hue >= 15) & (hue < 45) & (mx < 0.6)
    out[brown] = COLOURS.index("brown")
    greys = (sat < 0.2) | (chroma < 0.08)
    for lower, name in ((0.0, "black"), (0.22, "dark grey"), (0.4, "grey"), (0.7, "light grey"),
                        (0.92, "white")):  # fmt: skip
        out[greys & (mx >= lower)] = COLOURS.index(name)
    out[mx < 0.16] = COLOURS.index("black")
    return out


def edge_map(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Pixels with a strong luminance step to their right or lower neighbour."""
    luma = rgb[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    step = np.zeros(luma.shape, np.float32)
    step[:, :-1] = np.abs(np.diff(luma, axis=1))
    step[:-1, :] = np.maximum(step[:-1, :], np.abs(np.diff(luma, axis=0)))
    return step >= EDGE_STEP


def cell_density(edges: npt.NDArray[np.bool_], rows: int = GRID_ROWS, cols: int = GRID_COLS
                 ) -> npt.NDArray[np.float64]:  # fmt: skip
    h, w = edges.shape
    ys = np.linspace(0, h, rows + 1).astype(int)
    xs = np.linspace(0, w, cols + 1).astype(int)
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            cell = edges[ys[i] : ys[i + 1], xs[j] : xs[j + 1]]
            out[i, j] = float(cell.mean()) if cell.size else 0.0
    return out


def shapes_of(labels: npt.NDArray[np.integer], names: tuple[str, ...] = COLOURS) -> list[Shape]:
    """The 4-connected areas of equal label, largest first (runs per row, union-find)."""
    h, w = labels.shape
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    runs: list[tuple[int, int, int, int]] = []  # (row, x0, x1, label)
    previous: list[tuple[int, int, int, int]] = []  # (x0, x1, label, run id)
    for y in range(h):
        row = labels[y]
        cuts = (np.flatnonzero(row[1:] != row[:-1]) + 1).tolist()
        current: list[tuple[int, int, int, int]] = []
        j = 0
        for x0, x1 in zip([0, *cuts], [*cuts, w], strict=True):
            label = int(row[x0])
            rid = len(parent)
            parent.append(rid)
            runs.append((y, x0, x1, label))
            while j < len(previous) and previous[j][1] <= x0:
                j += 1
            k = j
            while k < len(previous) and previous[k][0] < x1:
                if previous[k][2] == label:
                    a, b = root(rid), root(previous[k][3])
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                k += 1
            current.append((x0, x1, label, rid))
        previous = current
    boxes: dict[int, list[int]] = {}  # root -> [label, area, top, left, bottom, right]
    for rid, (y, x0, x1, label) in enumerate(runs):
        r = root(rid)
        box = boxes.get(r)
        if box is None:
            boxes[r] = [label, x1 - x0, y, x0, y + 1, x1]
        else:
            box[1] += x1 - x0
            box[3], box[4], box[5] = min(box[3], x0), y + 1, max(box[5], x1)
    shapes = [Shape(names[b[0]], b[1], b[2], b[3], b[4], b[5]) for b in boxes.values()]
    return sorted(shapes, key=lambda s: -s.area)


def decode(data: bytes) -> npt.NDArray[np.uint8] | None:
    """The frame as RGB, decoded at about DECODE_SIDE on its long side; None if unreadable."""
    try:
        height, width, _, _ = simplejpeg.decode_jpeg_header(data)
        factor = max(1.0, max(width, height) / DECODE_SIDE)
        rgb = simplejpeg.decode_jpeg(
            data,
            colorspace="RGB",
            fastdct=True,
            min_factor=1.0,
            min_width=int(width / factor),
            min_height=int(height / factor),
        )
    except (ValueError, TypeError, OSError):  # simplejpeg says ValueError for a broken JPEG
        return None
    return np.asarray(rgb)


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
        int(width), int(height), colours, cell_density(edges), edges,
        tuple(shapes_of(small)), (int(small.shape[0]), int(small.shape[1])),
    )  # fmt: skip


def _box(view: FrameView, shape: Shape) -> Box:
    gh, gw = view.grid
    return (
        round(1000 * shape.top / gh),
        round(1000 * shape.left / gw),
        round(1000 * shape.bottom / gh),
        round(1000 * shape.right / gw),
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
    """Edge share inside a shape's box (text on a button, an icon)."""
    gh, gw = view.grid
    h, w = view.edges.shape
    part = view.edges[shape.top * h // gh : shape.bottom * h // gh,
                      shape.left * w // gw : shape.right * w // gw]  # fmt: skip
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
    if not 1.0 <= width / height <= 12.0:
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
