"""The user's editable price table: `prices.json` in the config directory.

Written with the documented defaults the first time, so there is a file to edit. A file that
cannot be read is kept as `prices.json.broken` and the defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from desktop.core.pricing import PriceTable
from desktop.settings import config_dir

log = logging.getLogger(__name__)


def default_path() -> Path:
    return config_dir() / "prices.json"


def load_prices(path: Path | None = None) -> tuple[PriceTable, str]:
    """The price table and a message for the user ("" when all is well)."""
    path = path or default_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        table = PriceTable()
        with contextlib.suppress(OSError):
            save_prices(table, path)
        return table, ""
    except OSError as exc:
        return PriceTable(), f"Cannot read the price table {path} ({exc}); using the defaults."
    try:
        return PriceTable.from_dict(json.loads(text)), ""
    except ValueError as exc:
        broken = path.with_suffix(".json.broken")
        with contextlib.suppress(OSError):
            os.replace(path, broken)
        log.warning("price table %s is unreadable (%s); kept as %s", path, exc, broken)
        return PriceTable(), f"The price table was unreadable ({exc}); kept as {broken.name}."


def save_prices(table: PriceTable, path: Path | None = None) -> None:
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(table.to_dict(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
