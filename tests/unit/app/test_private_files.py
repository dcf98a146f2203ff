"""Issue 14: transcripts, settings, paired devices and keys are this user's only, including
files an older version left readable to everyone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop.companion.store import DeviceStore
from desktop.core.events import LineSource, Role, TranscriptLine
from desktop.core.pairing import DeviceRegistry
from desktop.outputs.history_db import HistoryStore
from desktop.settings import Settings, SettingsStore, config_dir, data_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_history_settings_and_devices_are_private() -> None:
    old_umask = os.umask(0o022)  # the usual one: files 0644, folders 0755 by default
    try:
        store = HistoryStore(data_dir() / "history.db")
        line = TranscriptLine(1, Role.USER, "secret plans", LineSource.TYPED, 1.0, 2.0)
        store.add_line(store.begin_session(1.0, "m", ""), line)
        SettingsStore().save(Settings())
        DeviceStore(data_dir() / "companion" / "devices.json").save(
            DeviceRegistry(lambda: 0.0, os.urandom)
        )
        for name in ("history.db", "history.db-wal", "companion/devices.json"):
            assert mode(data_dir() / name) == 0o600, name
        assert mode(config_dir() / "settings.json") == 0o600
        assert mode(data_dir()) == mode(config_dir()) == mode(data_dir() / "companion") == 0o700
        store.close()
    finally:
        os.umask(old_umask)


def test_files_left_readable_by_an_older_version_are_narrowed_at_start_up() -> None:
    data, config = data_dir(), config_dir()
    for directory in (data, config, data / "companion"):
        directory.mkdir(parents=True, exist_ok=True)
        directory.chmod(0o755)
    old = [data / "history.db", config / "settings.json", data / "companion" / "devices.json"]
    HistoryStore(old[0]).close()
    old[1].write_text("{}")
    old[2].write_text('{"version": 1, "devices": []}')
    for path in old:
        path.chmod(0o644)
    SettingsStore().load()  # what every start-up does first
    HistoryStore(old[0]).close()
    DeviceStore(old[2]).load()
    assert [mode(p) for p in old] == [0o600] * 3
    assert mode(data) == mode(config) == mode(data / "companion") == 0o700


def test_history_survives_text_that_is_not_unicode() -> None:
    """A lone surrogate (from a companion, before the edge refused them) blocked the writer."""
    from desktop.outputs.history import HistoryRecorder

    recorder = HistoryRecorder(path=data_dir() / "history.db")
    bad = TranscriptLine(1, Role.USER, "bad \ud800 line", LineSource.TYPED, 1.0, 2.0)
    good = TranscriptLine(2, Role.MODEL, "after it", LineSource.TEXT, 2.0, 3.0)
    recorder(bad)
    recorder(good)
    assert recorder.flush()  # nothing left waiting
    assert recorder.store is not None and recorder.session_id is not None
    texts = [row.text for row in recorder.store.lines(recorder.session_id)]
    assert texts == ["bad \ufffd line", "after it"]
    recorder.close()
