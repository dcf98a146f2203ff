"""`screenmate --headless` answers the model's function calls, as a subprocess against the real
emulator: the tools the settings enable reach the setup, every call is answered with its id."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator
from desktop.settings import Settings, SettingsStore, config_dir

from tests.support.xvfb import XServer

REPO = Path(__file__).resolve().parents[2]


def save_settings(**changes: Any) -> None:
    """The subprocess reads them from SCREENMATE_CONFIG_DIR (set for every test)."""
    SettingsStore(config_dir() / "settings.json").save(Settings(**changes))


async def headless(emu: LiveEmulator, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "desktop", "--headless", "--no-history",
        "--base-url", emu.base_url, "--ca-file", str(emu.ca_file), "--timeout", "60", *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 90)
    lines = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    assert proc.returncode is not None
    return proc.returncode, lines, err.decode()


def of(lines: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [line for line in lines if line["event"] == name]


def responses(emu: LiveEmulator) -> list[dict[str, Any]]:
    return [
        item
        for r in emu.received_of("tool_response")
        for item in r.raw["tool_response"]["functionResponses"]
    ]


def issued_ids(emu: LiveEmulator) -> list[str]:
    return [
        call["id"]
        for sent in emu.sent_of("toolCall")
        for call in sent.message["toolCall"]["functionCalls"]
    ]


def declared(emu: LiveEmulator) -> list[str]:
    names = []
    for tool in emu.setups[0].get("tools", []):
        names += [d["name"] for d in tool.get("function_declarations", [])]
        names += ["google_search"] if "google_search" in tool else []
    return names


async def test_headless_answers_calls_without_opening_or_copying_anything(
    emulator: LiveEmulator,
) -> None:
    save_settings(tools_open_url=True, tools_clipboard=True, tools_google_search=True)
    emulator.script_tool_call("open_url", {"url": "https://example.com/"})
    emulator.script_tool_call("copy_to_clipboard", {"text": "ls -la"})
    code, lines, err = await headless(emulator, "--say", "open the page", "--say", "copy it")
    assert code == 0, err
    assert sorted(declared(emulator)) == [
        "copy_to_clipboard",
        "google_search",
        "open_url",
        "point_at",
    ]
    ids = issued_ids(emulator)
    answers = responses(emulator)
    assert [a["id"] for a in answers] == ids and len(ids) == 2
    assert [a["name"] for a in answers] == ["open_url", "copy_to_clipboard"]
    assert "nobody to confirm" in answers[0]["response"]["error"]
    assert "no clipboard" in answers[1]["response"]["error"]
    ended = [t for t in of(lines, "tool") if t["status"] != "running"]
    assert [(t["call_id"], t["name"], t["status"]) for t in ended] == [
        (ids[0], "open_url", "error"),
        (ids[1], "copy_to_clipboard", "error"),
    ]
    assert len(of(lines, "turn_complete")) == 2


async def test_tools_that_are_off_are_not_declared(emulator: LiveEmulator) -> None:
    save_settings(tools_point_at=False)
    code, _lines, err = await headless(emulator, "--say", "hello")
    assert code == 0, err
    assert "tools" not in emulator.setups[0]


@pytest.mark.x11
async def test_point_at_prints_where_it_points_on_the_screen(
    x_server: XServer, emulator: LiveEmulator
) -> None:
    save_settings()  # point_at is on by default
    emulator.script_tool_call("point_at", {"box": [0, 0, 500, 500], "label": "top left"})
    code, lines, err = await headless(
        emulator, "--source", "region:300,200,640,360", "--say", "where is it?"
    )
    assert code == 0, err
    (pointed,) = of(lines, "point_at")
    assert pointed["rect"] == [300, 200, 320, 180] and pointed["label"] == "top left"
    (answer,) = responses(emulator)
    assert answer["id"] == issued_ids(emulator)[0]
    assert "x=300, y=200" in answer["response"]["result"]
