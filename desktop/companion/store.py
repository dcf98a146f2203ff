"""Paired devices on disk: `companion/devices.json` in the user data dir, token hashes only."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from desktop.core.pairing import DeviceRegistry, PairedDevice

log = logging.getLogger(__name__)


class DeviceStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[PairedDevice]:
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
        """Atomic, and readable by this user only."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".json.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(registry.to_json(), f, indent=2)
        os.replace(tmp, self.path)
