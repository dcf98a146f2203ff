"""What a session that runs all day costs: no wake-ups while idle, no journal piling up.

`LiveSession._sleep` once turned a missing stall deadline into "now + 10 ms" and woke the loop
~100 times a second forever (6-8 % of a core in an idle window). These tests count the timed
callbacks the loop schedules while nothing happens - a count, not a timing, so a busy shared
machine cannot make them flaky.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.events import SessionState, TurnComplete
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings

from tests.support.events import EventLog

IDLE_S = 3.0


class TimerCount:
    """Counts `call_at` (every call_later and timeout goes through it) by the delay asked."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.delays: Counter[float] = Counter()
        self._loop = loop
        self._original: Callable[..., Any] = loop.call_at

    def __enter__(self) -> TimerCount:
        def call_at(when: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
            self.delays[round(max(when - self._loop.time(), 0.0), 2)] += 1
            return self._original(when, callback, *args, **kwargs)

        self._loop.call_at = call_at  # type: ignore[method-assign]
        return self

    def __exit__(self, *_: object) -> None:
        self._loop.call_at = self._original  # type: ignore[method-assign]

    def short(self, below_s: float = 0.2) -> int:
        return sum(n for delay, n in self.delays.items() if 0 < delay < below_s)


async def test_a_live_session_with_nothing_to_do_sleeps(emulator: LiveEmulator) -> None:
    log = EventLog()
    endpoint = Endpoint("test-key", emulator.base_url, str(emulator.ca_file), True, "emulator")
    session = LiveSession(endpoint, Settings(), log)
    task = asyncio.create_task(session.run())
    await log.wait_for(lambda: session.state is SessionState.LIVE)
    session.send_text("hello")  # one answered turn first: the state after real use
    await log.wait_for(lambda: log.of(TurnComplete))
    await asyncio.sleep(0.5)
    with TimerCount(asyncio.get_running_loop()) as timers:
        await asyncio.sleep(IDLE_S)
    await session.stop()
    await task
    # The session's own watch wakes about once a second; the bug woke it 100 times a second.
    assert timers.short() <= 3, timers.delays.most_common(5)
    assert sum(timers.delays.values()) <= 4 * IDLE_S + 5, timers.delays.most_common(5)


async def test_the_offline_demos_emulator_keeps_no_journal(tmp_path: Path) -> None:
    """The emulator's journal is for tests; the app's offline demo runs for hours with a live
    mic, and kept every message (~6 MB a minute in the window soak)."""
    emu = LiveEmulator(port=0, cert_dir=tmp_path / "certs", journal=False)
    await emu.start()
    try:
        log = EventLog()
        endpoint = Endpoint("k", emu.base_url, str(emu.ca_file), True, "emulator")
        session = LiveSession(endpoint, Settings(), log)
        task = asyncio.create_task(session.run())
        await log.wait_for(lambda: session.state is SessionState.LIVE)
        for n in range(3):
            session.send_text(f"hello {n}")
            await log.wait_for(lambda n=n: len(log.of(TurnComplete)) > n)
            session.send_audio(b"\x00\x01" * 16_000)
        await session.stop()
        await task
    finally:
        await emu.stop()
    assert emu.received == [] and emu.sent == []
