"""Sources of a Google Search grounded answer, shown beside the transcript: the pages the
answer drew on (links) and Google's search entry point (its `renderedContent`, which the terms
for Search grounding ask apps to show with the answer). Hidden until an answer is grounded."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGroupBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.events import Grounding
from desktop.core.grounding import merge, sources_html


class GroundingPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groundingPanel")
        self.setTitle(self.tr("Sources (Google Search)"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("groundingSources")
        self.browser.setAccessibleName(self.tr("Sources of the answer"))
        self.browser.setAccessibleDescription(
            self.tr("The pages the answer drew on, and Google's search suggestions.")
        )
        self.browser.setOpenExternalLinks(True)
        self.browser.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.browser)
        self.grounding: Grounding | None = None
        self.hide()

    def show_grounding(self, grounding: Grounding) -> None:
        """The answer of `grounding.turn`; a newer answer's grounding replaces it."""
        self.grounding = (
            merge(self.grounding, grounding) if self.grounding is not None else grounding
        )
        shown = self.grounding
        parts = [sources_html(shown)]
        if shown.queries:
            searched = ", ".join(shown.queries)
            parts.append(f"<p>{self.tr('Searched for:')} {html.escape(searched)}</p>")
        if shown.entry_point_html:
            parts.append(shown.entry_point_html)  # Google's own markup, shown as given
        self.browser.setHtml("".join(parts))
        self.show()

    def source_links(self) -> list[tuple[str, str]]:
        return [(s.title, s.uri) for s in self.grounding.sources] if self.grounding else []
