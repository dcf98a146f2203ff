import json
from pathlib import Path

from desktop.settings import Settings, SettingsStore, settings_from_dict


def test_missing_file_gives_defaults_and_save_round_trips(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "s" / "settings.json")
    assert store.load() == Settings()
    changed = Settings(model="m", voice="Kore", language="de-DE", ping_timeout_s=30)
    store.save(changed)
    assert store.load() == changed


def test_wrong_types_and_unknown_keys_keep_defaults() -> None:
    s = settings_from_dict(
        {"model": 3, "voice": "Kore", "nope": 1, "session_resumption": "yes", "ping_timeout_s": 5}
    )
    assert s.model == Settings().model
    assert s.voice == "Kore"
    assert s.session_resumption is True
    assert s.ping_timeout_s == 5.0


def test_broken_file_is_kept_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert SettingsStore(path).load() == Settings()
    assert (tmp_path / "settings.json.broken").read_text(encoding="utf-8") == "{not json"


def test_the_key_is_never_a_setting(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings())
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert not any("key" in name for name in saved)
