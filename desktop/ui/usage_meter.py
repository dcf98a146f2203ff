"""The live usage and cost meter: tokens of this session by modality, and what they cost.

Sums the `usageMetadata` of every turn (each turn re-bills the context, so the sum is the bill)
and prices it with the user's editable table (`prices.json` in the config directory).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.events import Event, Usage
from desktop.core.pricing import PriceTable, UsageMeter, format_cost


class UsageMeterLabel(QLabel):
    def __init__(self, prices: PriceTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageMeter")
        self.setStyleSheet("color: palette(placeholder-text);")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.prices = prices
        self.model = ""
        self.meter = UsageMeter()
        self._refresh()

    def start_session(self, model: str) -> None:
        self.model = model
        self.meter = UsageMeter()
        self._refresh()

    def on_event(self, event: Event) -> None:
        if isinstance(event, Usage):
            self.meter.add(event)
            self._refresh()

    @property
    def cost(self) -> float:
        return self.meter.cost(self.prices.for_model(self.model))

    def _refresh(self) -> None:
        m = self.meter
        self.setText(
            self.tr("Session: %1 tokens · ≈ %2")
            .replace("%1", f"{m.total_tokens:,}")
            .replace("%2", format_cost(self.cost))
        )
        turns = (
            self.tr("1 turn") if m.turns == 1 else self.tr("%1 turns").replace("%1", str(m.turns))
        )
        rows = [self.tr("This session, summed over %1").replace("%1", turns)]
        for title, counts in ((self.tr("Input"), m.prompt), (self.tr("Output"), m.response)):
            detail = ", ".join(f"{k.lower()} {v:,}" for k, v in sorted(counts.items()))
            rows.append(f"{title}: {detail or '0'}")
        rows.append(
            self.tr(
                "Estimated with prices as of %1 (edit prices.json in the config folder)."
            ).replace("%1", self.prices.as_of or "?")
        )
        self.setToolTip("\n".join(rows))
