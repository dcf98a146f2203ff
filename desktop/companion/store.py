"""Paired devices on disk: `companion/devices.json` in the user data dir, token hashes only."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

from desktop.core.pairing import DeviceRegistry, PairedDevice
from desktop.private_files import private_dir, private_file, write_private

log = logging.getLogger(__name__)


class DeviceStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[PairedDevice]:
        if self.path.parent.exists():
            private_dir(self.path.parent)
        private_file(self.path)
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            backup = self.path.with_suffix(".json.broken")
            log.warning(
                "paired devices file %s is unreadable (%s); kept as %s", self.path, exc, backup
            )
            with contextlib.suppress(OSError):
                self.path.replace(backup)
            return []
        return DeviceRegistry.devices_from_json(raw)

    def save(self, registry: DeviceRegistry) -> None:
        """Atomic, and readable by this user only (0600 from the start, in a 0700 folder)."""
        write_private(self.path, json.dumps(registry.to_json(), indent=2).encode("utf-8"))
