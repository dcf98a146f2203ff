"""History for `--headless` runs (a headless session is a user-visible session too)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop.core.fanout import EventFanout
from desktop.outputs.history import HistoryRecorder
from desktop.outputs.price_file import load_prices
from desktop.settings import Settings


def start_headless_history(
    fanout: EventFanout,
    settings: Settings,
    endpoint_label: str,
    print_json: Callable[[dict[str, Any]], None],
    args: argparse.Namespace,
) -> HistoryRecorder | None:
    """Subscribe a recorder to `fanout` (None with --no-history). Problems become
    `history_problem` events; the path is announced as a `history` event."""
    if getattr(args, "no_history", False):
        return None

    def problem(message: str) -> None:
        print_json({"event": "history_problem", "message": message})

    prices, price_problem = load_prices()
    if price_problem:
        problem(price_problem)
    recorder = HistoryRecorder(prices=prices, on_problem=problem)
    if recorder.store is None:
        return None
    recorder.new_session(settings.model, endpoint_label)
    fanout.subscribe(recorder, first=True)  # written before it is printed
    print_json({"event": "history", "path": str(recorder.store.path)})
    return recorder
