"""`screenmate --headless`: the same session code, no window, JSON lines on stdout.

Every session event becomes one JSON object on its own line. Lines to say come from `--say`
or, without it, from stdin (one per line). The process exits 0 after the wanted number of
model turns (or at EOF of stdin once every line was answered), and 1 with a message on stderr
when the session fails (bad key, unreachable URL, TLS error) or `--timeout` passes.

Retries are bounded by `HEADLESS_BUDGET`: an endpoint never reached fails after 3 attempts;
once connected, only an outage longer than a minute or 8 unhealthy failures in a row end the
run (a 2 s outage is survived).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from typing import Any, TextIO

from desktop.core.fanout import EventFanout
from desktop.core.session_machine import RetryBudget
from desktop.headless.history import start_headless_history
from desktop.headless.pacer import HeadlessRun
from desktop.headless.tools import HeadlessTools
from desktop.headless.vision import start_headless_vision
from desktop.headless.voice import start_headless_voice, voice_settings
from desktop.session.endpoint import Endpoint, open_endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import SettingsStore

HEADLESS_BUDGET = RetryBudget(first_attempts=3, max_failures=8, max_outage_s=60.0)


def _read_stdin_lines(run: HeadlessRun, loop: asyncio.AbstractEventLoop) -> None:
    """Feed stdin lines to the loop. A daemon thread: stdin cannot be awaited portably, and
    a daemon never holds up exit while it is blocked in readline."""

    def reader() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(run.add_line, line)
        loop.call_soon_threadsafe(run.stdin_closed)

    threading.Thread(target=reader, name="stdin-reader", daemon=True).start()


async def run_headless(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    settings = SettingsStore().load()
    if args.model:
        settings = settings.replace(model=args.model)
    settings = voice_settings(settings, args)
    try:
        endpoint, close_endpoint = await open_endpoint(base_url=args.base_url, ca_file=args.ca_file)
    except Exception as exc:  # e.g. the emulator cannot bind or write its certificate
        print(f"screenmate: cannot start: {exc}", file=sys.stderr)
        return 1

    # One event stream for the JSON lines and the companion hub (--companion-port).
    fanout = EventFanout()
    tools = HeadlessTools(settings)

    def make_session(on_event: Any) -> LiveSession:
        fanout.subscribe(on_event)
        return LiveSession(
            endpoint,
            settings,
            fanout,
            budget=HEADLESS_BUDGET,
            **tools.session_options(),
        )

    run = HeadlessRun(make_session, out, list(args.say or []), args.turns)
    run.print(_endpoint_json(endpoint, settings.model))
    companions = None
    if getattr(args, "companion_port", None) is not None:
        from desktop.headless.companions import HeadlessCompanions

        try:
            companions = await HeadlessCompanions.start(
                fanout,
                lambda: run.session,
                settings,
                run.print,
                host=args.companion_host,
                port=args.companion_port,
            )
        except OSError as exc:
            print(f"screenmate: cannot listen for companions: {exc}", file=sys.stderr)
            await close_endpoint()
            return 1
    history = start_headless_history(fanout, settings, endpoint.label, run.print, args)
    vision = start_headless_vision(run, settings, args.source, args.fps_max)
    tools.attach(run.session, fanout, run.print, vision.pipeline if vision else None)
    run.async_calls, tools.on_result = tools.runner.schedules, run.result_sent
    voice = await start_headless_voice(run, settings, args)
    if not args.say:
        _read_stdin_lines(run, asyncio.get_running_loop())
    session_task = asyncio.create_task(run.session.run())
    done_task = asyncio.create_task(run.done.wait())
    timed_out = False
    try:
        finished, _ = await asyncio.wait(
            {session_task, done_task},
            timeout=args.timeout or None,
            return_when=asyncio.FIRST_COMPLETED,
        )
        timed_out = not finished
        if voice is not None and done_task in finished and not run.failure:
            await voice.drain()  # the last answer is heard to its end, then the devices close
    finally:
        await tools.aclose()
        if vision is not None:
            await vision.aclose()
        if voice is not None:
            await voice.aclose()
        await run.session.stop()
        done_task.cancel()
        await asyncio.gather(session_task, done_task, return_exceptions=True)
        if companions is not None:
            await companions.stop()
        await close_endpoint()
        if history is not None:
            history.close()
    if timed_out:
        print(f"screenmate: timed out after {args.timeout:g} s", file=sys.stderr)
        return 1
    if run.failure:
        print(f"screenmate: error: {run.failure}", file=sys.stderr)
        return 1
    return 0


def _endpoint_json(endpoint: Endpoint, model: str) -> dict[str, Any]:
    return {
        "event": "endpoint",
        "label": endpoint.label,
        "emulated": endpoint.emulated,
        "base_url": endpoint.base_url,
        "model": model,
    }
