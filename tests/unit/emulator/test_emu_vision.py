"""The emulator's eyes: what it says about a JPEG it received comes from the pixels."""

from __future__ import annotations

import numpy as np
import simplejpeg
from desktop.emulator import vision


def jpeg(rgb: np.ndarray) -> bytes:
    return bytes(simplejpeg.encode_jpeg(np.ascontiguousarray(rgb), quality=85, colorspace="RGB"))


def ui_picture() -> np.ndarray:
    """1024x576: a white page, ten lines of dark "text" at the top left, a blue button with
    white marks at the bottom right, and a red box at the bottom left."""
    img = np.full((576, 1024, 3), 250, np.uint8)
    rng = np.random.default_rng(7)
    for y in range(60, 300, 24):
        for x in range(40, 600, 9):
            if rng.random() < 0.8:
                img[y : y + 12, x : x + 5] = 30
    img[400:440, 800:920] = (30, 110, 230)
    img[412:428, 815:905:6] = 255
    img[480:560, 100:260] = (220, 30, 30)
    return img


def inside(box: tuple[int, int, int, int], px: tuple[int, int, int, int], size: tuple[int, int]
           ) -> bool:  # fmt: skip
    """Box (0-1000) matches pixel rect (y0, x0, y1, x1) of a (w, h) frame within 0.8 %."""
    w, h = size
    want = (px[0] / h * 1000, px[1] / w * 1000, px[2] / h * 1000, px[3] / w * 1000)
    return all(abs(a - b) <= 8 for a, b in zip(box, want, strict=True))


def test_colour_names_in_words() -> None:
    swatches = np.array(
        [[[250, 250, 250], [128, 128, 128], [10, 10, 10], [220, 30, 30], [30, 160, 40],
          [30, 90, 230], [240, 220, 30], [240, 140, 20], [120, 70, 20], [150, 50, 200],
          [240, 80, 180], [30, 200, 210], [225, 225, 225], [60, 60, 60]]],
        np.uint8,
    )  # fmt: skip
    names = [vision.COLOURS[i] for i in vision.colour_names(swatches)[0]]
    assert names == ["white", "grey", "black", "red", "green", "blue", "yellow", "orange",
                     "brown", "purple", "pink", "cyan", "light grey", "dark grey"]  # fmt: skip


def test_look_reads_size_colours_text_and_shapes() -> None:
    view = vision.look(jpeg(ui_picture()))
    assert view is not None
    assert (view.width, view.height) == (1024, 576)
    assert view.colours[0][0] == "white" and view.colours[0][1] > 0.8
    assert view.background == "white"
    text = vision.describe(view)
    assert text.startswith("It is 1024x576, mostly white (")
    assert "red area at the bottom left" in text
    assert "Text-like detail (dense high-contrast edges): at the top left (about 22 %" in text


def test_find_colour_button_and_text() -> None:
    view = vision.look(jpeg(ui_picture()))
    assert view is not None
    red = vision.find_colour(view, "red")
    assert red is not None and inside(red.box, (480, 100, 560, 260), (1024, 576))
    assert red.place == "at the bottom left"
    button = vision.find_button(view)
    assert button is not None and inside(button.box, (400, 800, 440, 920), (1024, 576))
    text = vision.find_text(view)
    assert text is not None and inside(text.box, (60, 40, 288, 599), (1024, 576))
    assert vision.find_colour(view, "green") is None
    assert vision.find_colour(view, "gray") is None  # only white and near-white around


def test_flat_picture_has_no_text_and_broken_bytes_are_no_picture() -> None:
    flat = np.zeros((200, 300, 3), np.uint8)
    flat[:, :] = (30, 160, 40)
    view = vision.look(jpeg(flat))
    assert view is not None
    assert vision.describe(view) == (
        "It is 300x200, mostly green (100 %). I see no text-like detail: it is mostly flat colour."
    )
    assert vision.find_text(view) is None and vision.find_button(view) is None
    assert vision.look(b"\xff\xd8 not really a jpeg") is None
    assert vision.look(b"") is None


def test_shapes_are_four_connected_areas() -> None:
    labels = np.array(
        [[0, 0, 1, 1],
         [0, 1, 1, 0],
         [2, 2, 0, 0]], np.uint8,
    )  # fmt: skip
    shapes = vision.shapes_of(labels, ("a", "b", "c"))
    by = sorted((s.colour, s.area, s.top, s.left, s.bottom, s.right) for s in shapes)
    assert by == [
        ("a", 3, 0, 0, 2, 2),
        ("a", 3, 1, 2, 3, 4),  # (1,3) joins (2,3) below it
        ("b", 4, 0, 1, 2, 4),
        ("c", 2, 2, 0, 3, 2),
    ]


def test_place_words() -> None:
    assert vision.place(0.1, 0.1) == "at the top left"
    assert vision.place(0.5, 0.5) == "in the middle"
    assert vision.place(0.9, 0.5) == "on the right"
    assert vision.place(0.5, 0.9) == "at the bottom"
