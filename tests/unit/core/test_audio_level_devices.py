"""Level meter, ERLE and device choice (pure)."""

from __future__ import annotations

import numpy as np
import pytest
from desktop.core.audio_devices import DeviceInfo, Direction, choose_device, device_names
from desktop.core.audio_level import LevelMeter, erle_db, rms_dbfs

DEVICES = [
    DeviceInfo(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)", 2, 2, 48000.0),
    DeviceInfo(1, "USB Headset: Audio (hw:1,0)", 1, 2, 48000.0),
    DeviceInfo(2, "pulse", 32, 32, 44100.0),
    DeviceInfo(3, "default", 32, 32, 44100.0),
    DeviceInfo(4, "HDMI 0 (hw:0,3)", 0, 8, 48000.0),
]


def test_rms_dbfs_of_full_scale_and_silence() -> None:
    full = np.full(160, 32767, dtype=np.int16)
    assert rms_dbfs(full) == pytest.approx(0.0, abs=0.01)
    assert rms_dbfs(np.zeros(160, dtype=np.int16)) == -60.0


def test_meter_rises_at_once_and_falls_slowly() -> None:
    meter = LevelMeter(release_db_per_s=30)
    loud = np.full(320, 16384, dtype=np.int16)  # -6 dBFS
    assert meter.update(loud, 0.02) == pytest.approx(0.9, abs=0.01)
    meter.update(np.zeros(320, dtype=np.int16), 0.1)  # 3 dB lower after 100 ms
    assert meter.db == pytest.approx(-9.0, abs=0.1)


def test_erle_is_the_power_ratio_in_db() -> None:
    echo = np.full(1000, 10000, dtype=np.int16)
    assert erle_db(echo, echo // 10) == pytest.approx(20.0, abs=0.01)


def test_choose_by_exact_name_partial_name_or_default_with_a_note() -> None:
    pick = choose_device(DEVICES, "USB Headset: Audio (hw:1,0)", Direction.INPUT, 3)
    assert pick.device is DEVICES[1] and not pick.note
    assert choose_device(DEVICES, "usb headset", Direction.INPUT, 3).device is DEVICES[1]
    assert choose_device(DEVICES, "default", Direction.INPUT, 3).device is DEVICES[3]
    gone = choose_device(DEVICES, "Bluetooth Buds", Direction.INPUT, 3)
    assert gone.device is DEVICES[3] and "Bluetooth Buds" in gone.note


def test_output_only_devices_are_not_microphones() -> None:
    assert "HDMI 0 (hw:0,3)" not in device_names(DEVICES, Direction.INPUT)
    assert "HDMI 0 (hw:0,3)" in device_names(DEVICES, Direction.OUTPUT)
    assert choose_device(DEVICES, "hdmi", Direction.INPUT, 3).note


def test_no_device_at_all() -> None:
    choice = choose_device([], "default", Direction.OUTPUT, None)
    assert choice.device is None and "No audio output device" in choice.note
