"""What is shared, named in the interface language.

The capture side (no Qt) names its sources in English ("Region 640×400 at 0,0", "Screen 1",
"Window “Notes”"); the sharing panel shows them through `localise_source_label`. A label of
another form is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Region (\d+)×(\d+) at (-?\d+),(-?\d+)"),
        str(QT_TRANSLATE_NOOP("SourceLabels", "Region %1×%2 at %3,%4")),
    ),
    (re.compile(r"Screen (\d+)"), str(QT_TRANSLATE_NOOP("SourceLabels", "Screen %1"))),
    (re.compile(r"Window “(.*)”"), str(QT_TRANSLATE_NOOP("SourceLabels", "Window “%1”"))),
    (re.compile(r"Window (0x[0-9a-f]+)"), str(QT_TRANSLATE_NOOP("SourceLabels", "Window %1"))),
    (re.compile(r"Camera “(.*)”"), str(QT_TRANSLATE_NOOP("SourceLabels", "Camera “%1”"))),
)


def localise_source_label(label: str) -> str:
    for pattern, source in _FORMS:
        match = pattern.fullmatch(label)
        if match is None:
            continue
        text = QCoreApplication.translate("SourceLabels", source)
        for i, value in enumerate(match.groups(), start=1):
            text = text.replace(f"%{i}", value)
        return text
    return label
