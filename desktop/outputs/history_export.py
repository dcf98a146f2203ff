"""One history session as Markdown (to read) or JSON (to process)."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from desktop.core.pricing import format_cost
from desktop.outputs.history_db import LineRow, SessionRow

ROLE_NAMES = {"user": "You", "model": "Gemini"}


def _when(ts: float, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return time.strftime(fmt, time.localtime(ts))


def duration_text(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def to_markdown(session: SessionRow, lines: list[LineRow]) -> str:
    out = [
        f"# Screenmate session, {_when(session.started_at, '%Y-%m-%d %H:%M')}",
        "",
        f"- Model: {session.model or 'unknown'}"
        + (f" ({session.endpoint})" if session.endpoint else ""),
        f"- Duration: {duration_text(session.duration_s)}",
        f"- Tokens: {session.total_tokens:,} (prompt {session.prompt_tokens:,},"
        f" response {session.response_tokens:,})",
        f"- Estimated cost: {format_cost(session.cost)}",
        "",
    ]
    for line in lines:
        who = ROLE_NAMES.get(line.role, line.role)
        marks = []
        if line.source == "typed":
            marks.append("typed")
        if line.interrupted:
            marks.append("interrupted")
        note = f" _({', '.join(marks)})_" if marks else ""
        text = line.text.replace("\n", "  \n")
        out.append(f"**{who}** [{_when(line.started_at, '%H:%M:%S')}]{note}: {text}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_json(session: SessionRow, lines: list[LineRow]) -> dict[str, Any]:
    meta = dataclasses.asdict(session)
    meta["duration_s"] = round(session.duration_s, 3)
    return {
        "format": "screenmate-history/1",
        "session": meta,
        "lines": [dataclasses.asdict(line) for line in lines],
    }
