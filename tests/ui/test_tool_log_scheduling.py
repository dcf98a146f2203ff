"""The tool log names what each result asked of the model (3.8 Live's scheduling)."""

from __future__ import annotations

from desktop.core.tool_calls import ToolRecord, ToolStatus
from desktop.ui.tool_log import COLUMNS, ToolLogPanel
from pytestqt.qtbot import QtBot


def test_the_tool_log_shows_the_scheduling(qtbot: QtBot) -> None:
    panel = ToolLogPanel()
    qtbot.addWidget(panel)
    running = ToolRecord("c1", "point_at", {"label": "Save"}, 0.0)
    panel.show_record(running)
    assert panel.row("c1")[COLUMNS.index("Scheduling")] == ""  # type: ignore[index]
    panel.show_record(running.finished(ToolStatus.DONE, "shown", 0.3, "INTERRUPT"))
    row = panel.row("c1")
    assert row is not None
    assert row[COLUMNS.index("Status")] == "done"
    assert row[COLUMNS.index("Scheduling")] == "interrupt"
    panel.show_record(
        ToolRecord("c2", "copy", {}, 0.0).finished(ToolStatus.DONE, "", 0.1, "SILENT")
    )
    assert panel.row("c2")[COLUMNS.index("Scheduling")] == "silent"  # type: ignore[index]
    # Models before 3.8 take no scheduling: the column stays empty.
    panel.show_record(ToolRecord("c3", "copy", {}, 0.0).finished(ToolStatus.DONE, "", 0.1))
    assert panel.row("c3")[COLUMNS.index("Scheduling")] == ""  # type: ignore[index]
