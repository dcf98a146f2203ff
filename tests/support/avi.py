"""Write a small Motion-JPEG AVI (no encoder needed beyond libjpeg-turbo) for camera tests:
the machines have no camera, so Qt's media pipeline plays this file instead."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import simplejpeg


def _chunk(fourcc: bytes, data: bytes) -> bytes:
    pad = b"\0" if len(data) % 2 else b""
    return fourcc + struct.pack("<I", len(data)) + data + pad


def _list(kind: bytes, payload: bytes) -> bytes:
    return b"LIST" + struct.pack("<I", len(payload) + 4) + kind + payload


def write_mjpeg_avi(path: Path, frames: list[np.ndarray], fps: int = 10) -> Path:
    """`frames`: H x W x 3 RGB uint8 arrays of one size."""
    h, w = frames[0].shape[:2]
    jpegs = [simplejpeg.encode_jpeg(np.ascontiguousarray(f), quality=90) for f in frames]
    avih = struct.pack(
        "<IIIIIIIIII4I",
        1_000_000 // fps, max(map(len, jpegs)) * fps, 0, 0x10,  # usec/frame, rate, pad, HASINDEX
        len(jpegs), 0, 1, max(map(len, jpegs)), w, h, 0, 0, 0, 0,
    )  # fmt: skip
    strh = struct.pack(
        "<4s4sIHHIIIIIIIIhhhh",
        b"vids", b"MJPG", 0, 0, 0, 0, 1, fps, 0, len(jpegs), max(map(len, jpegs)),
        0xFFFFFFFF, 0, 0, 0, w, h,
    )  # fmt: skip
    strf = struct.pack("<IiiHH4sIiiII", 40, w, h, 1, 24, b"MJPG", w * h * 3, 0, 0, 0, 0)
    hdrl = _list(
        b"hdrl",
        _chunk(b"avih", avih) + _list(b"strl", _chunk(b"strh", strh) + _chunk(b"strf", strf)),
    )
    movi_items = b""
    index = b""
    offset = 4
    for jpeg in jpegs:
        chunk = _chunk(b"00dc", jpeg)
        index += struct.pack("<4sIII", b"00dc", 0x10, offset, len(jpeg))
        movi_items += chunk
        offset += len(chunk)
    body = b"AVI " + hdrl + _list(b"movi", movi_items) + _chunk(b"idx1", index)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path
