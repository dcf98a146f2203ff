from __future__ import annotations

import struct
import zlib

from desktop.emulator.media import image_size, jpeg_size, png_size


def fake_jpeg(width: int, height: int, sof: int = 0xC0) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + bytes(65)
    sof_segment = (
        bytes([0xFF, sof])
        + struct.pack(">HBHHB", 17, 8, height, width, 3)
        + bytes([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
    )
    return b"\xff\xd8" + app0 + dqt + sof_segment + b"\xff\xda\x00\x02" + b"\x00" * 10 + b"\xff\xd9"


def fake_png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk


def test_baseline_and_progressive_jpeg() -> None:
    assert jpeg_size(fake_jpeg(1024, 576)) == (1024, 576)
    assert jpeg_size(fake_jpeg(640, 480, sof=0xC2)) == (640, 480)


def test_fill_bytes_before_markers() -> None:
    data = fake_jpeg(300, 200)
    assert jpeg_size(data[:2] + b"\xff\xff" + data[2:]) == (300, 200)


def test_not_a_jpeg_or_truncated() -> None:
    assert jpeg_size(b"") is None
    assert jpeg_size(b"hello world") is None
    assert jpeg_size(fake_jpeg(10, 10)[:30]) is None
    assert jpeg_size(b"\xff\xd8\xff\xda\x00\x02") is None


def test_png_and_dispatch() -> None:
    assert png_size(fake_png(800, 600)) == (800, 600)
    assert image_size(fake_png(800, 600)) == (800, 600)
    assert image_size(fake_jpeg(1024, 576)) == (1024, 576)
    assert image_size(b"GIF89a") is None


def test_real_jpeg_from_an_encoder_if_available() -> None:
    # Qt is not a dependency of the emulator; use a fixed minimal real JPEG (2x3, from PIL).
    real = bytes.fromhex(
        "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c14"
        "0d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d"
        "38323c2e333432ffc0000b080003000201011100ffc4001f0000010501010101010100000000000000"
        "000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105"
        "122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a2526"
        "2728292a3435363738393a434445464748494a535455565758595a636465666768696a73747576"
        "7778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9ba"
        "c2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faff"
        "da0008010100003f00fbfcffd9"
    )
    assert jpeg_size(real) == (2, 3)
