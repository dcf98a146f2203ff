"""The live usage and cost meter: tokens of this session by modality, and what they cost.

Sums the `usageMetadata` of every turn (each turn re-bills the context, so the sum is the bill)
and prices it with the user's editable table (`prices.json` in the config directory). Turns
the server reported no usage for are not "free": the meter says the cost is unknown for them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.events import Event, TurnComplete, Usage
from desktop.core.pricing import PriceTable, UsageMeter
from desktop.ui.i18n import money, number


class UsageMeterLabel(QLabel):
    def __init__(self, prices: PriceTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageMeter")
        self.setStyleSheet("color: palette(placeholder-text);")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.prices = prices
        self.model = ""
        self.meter = UsageMeter()  # the whole conversation
        self._segment = UsageMeter()  # since the last change of model, priced at its rates
        self._earlier_cost = 0.0  # before that, at the earlier models' rates
        self._refresh()

    def start_session(self, model: str) -> None:
        self.model = model
        self.meter, self._segment, self._earlier_cost = UsageMeter(), UsageMeter(), 0.0
        self._refresh()

    def change_model(self, model: str) -> None:
        """The conversation goes on with another model: the total stays, what follows is
        priced at the new model's rates."""
        self._earlier_cost = self.cost
        self.model, self._segment = model, UsageMeter()
        self._refresh()

    def on_event(self, event: Event) -> None:
        if isinstance(event, Usage):
            self.meter.add(event)
            self._segment.add(event)
            self._refresh()
        elif isinstance(event, TurnComplete) and not event.usage_known:
            self.meter.turn_without_usage()
            self._refresh()

    @property
    def cost(self) -> float:
        return self._earlier_cost + self._segment.cost(self.prices.for_model(self.model))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh()  # the words and the numbers in the new language
        super().changeEvent(event)

    def _refresh(self) -> None:
        m = self.meter
        unknown = (
            self.tr("cost unknown for %1 turns").replace("%1", str(m.unknown_turns))
            if m.unknown_turns != 1
            else self.tr("cost unknown for 1 turn")
        )
        if m.unknown_turns and not m.turns:
            self.setText(self.tr("Session: %1").replace("%1", unknown[:1].upper() + unknown[1:]))
        else:
            text = (
                self.tr("Session: %1 tokens · ≈ %2")
                .replace("%1", number(m.total_tokens))
                .replace("%2", money(self.cost))
            )
            self.setText(f"{text} · {unknown}" if m.unknown_turns else text)
        turns = (
            self.tr("1 turn") if m.turns == 1 else self.tr("%1 turns").replace("%1", str(m.turns))
        )
        rows = [self.tr("This session, summed over %1").replace("%1", turns)]
        for title, counts in ((self.tr("Input"), m.prompt), (self.tr("Output"), m.response)):
            detail = ", ".join(f"{k.lower()} {number(v)}" for k, v in sorted(counts.items()))
            rows.append(f"{title}: {detail or '0'}")
        extra = [
            (self.tr("Thinking (billed as output text)"), m.thoughts),
            (self.tr("Tool use (billed as input text)"), m.tool_use),
            (
                self.tr("Input without a modality (priced at the dearest input rate)"),
                m.unlabelled_prompt,
            ),
            (
                self.tr("Output without a modality (priced at the dearest output rate)"),
                m.unlabelled_response,
            ),
        ]
        rows += [f"{title}: {number(count)}" for title, count in extra if count]
        if m.unknown_turns:
            rows.append(
                self.tr(
                    "The server reported no usage for %1 turn(s): their cost is unknown."
                ).replace("%1", str(m.unknown_turns))
            )
        rows.append(
            self.tr(
                "Estimated with prices as of %1 (edit prices.json in the config folder)."
            ).replace("%1", self.prices.as_of or "?")
        )
        self.setToolTip("\n".join(rows))
