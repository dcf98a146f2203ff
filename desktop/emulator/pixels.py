"""Pixel primitives for the emulator's eyes (`vision`): colour names, edges, grid density,
connected shapes, and decoding a JPEG at a small size. Plain numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import simplejpeg

# The frame is decoded at (at least) this long side, by the JPEG decoder's own scaling.
DECODE_SIDE = 320
GRID_COLS, GRID_ROWS = 8, 6
EDGE_STEP = 48  # luminance step (0-255) between neighbours that counts as an edge

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
