"""Voice benchmark: the app's voice path against a plain google-genai client, side by side.

Runs a private PulseAudio (null-sink speaker, pipe-source mic: tests/support/pulse.py) and the
bundled emulator in a subprocess on loopback, then, in one run:

- plain: an SDK client sends the same speech (push-to-talk brackets) and times activity_end ->
  first model audio message received;
- app: `Voice` + `LiveSession` (push-to-talk) with real PortAudio: release -> first model
  sample recorded on the speaker's monitor (that includes PortAudio's and PulseAudio's output
  buffers and ~10 ms of monitor capture);
- barge-in: `interrupted` event -> last model sample on the monitor;
- mic callback jitter, CPU per minute of conversation (this process, emulator excluded);
- ERLE of the echo canceller on a loop through the null sink (speaker monitor as the mic).

    .venv/bin/python -m bench.bench_voice [--trials 8]

Prints a table; the numbers go into docs/benchmarks.md.
"""

# A benchmark polls on purpose: it measures, it does not pace work.
# ruff: noqa: ASYNC109, ASYNC110
from __future__ import annotations

import argparse
import asyncio
import os
import re
import ssl
import subprocess
import sys
import time
from typing import Any

import numpy as np
from desktop.audio import devices
from desktop.audio.voice import Voice
from desktop.core.audio_level import erle_db
from desktop.core.events import Event, Interrupted, ModelAudio, SessionState, TurnComplete
from desktop.core.fanout import EventFanout
from desktop.core.live_config import build_connect_config, model_path
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings
from tests.support.pulse import PulseAudio, Recorder, speech

PTT = Settings(talk_mode="push-to-talk", echo_mode="off")
LOUD = 300


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def start_emulator() -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.emulator", "--port", "0", "--reply-delay", "0",
         "--chunk-delay", "0.005"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    url = re.search(r"at (\S+)", proc.stdout.readline())
    ca = re.search(r"CA file: (\S+)", proc.stdout.readline())
    assert url and ca
    return proc, url.group(1), ca.group(1)


async def plain_client(url: str, ca: str, pcm: bytes, trials: int) -> list[float]:
    from google import genai
    from google.genai import types

    options = types.HttpOptions(
        api_version="v1beta",
        base_url=url,
        async_client_args={"ssl": ssl.create_default_context(cafile=ca)},
    )
    client = genai.Client(api_key="bench", http_options=options)
    out = []
    config: Any = build_connect_config(PTT)
    async with client.aio.live.connect(model=model_path(PTT.model), config=config) as session:
        for _ in range(trials):
            await session.send_realtime_input(activity_start=types.ActivityStart())
            for i in range(0, len(pcm), 640):
                blob = types.Blob(data=pcm[i : i + 640], mime_type="audio/pcm;rate=16000")
                await session.send_realtime_input(audio=blob)
                await asyncio.sleep(0.02)
            sent = time.monotonic()
            await session.send_realtime_input(activity_end=types.ActivityEnd())
            first = None
            async for message in session.receive():
                if first is None and message.data:
                    first = time.monotonic()
                if message.server_content and message.server_content.turn_complete:
                    break
            assert first is not None
            out.append(first - sent)
    return out


class App:
    def __init__(self, url: str, ca: str, settings: Settings) -> None:
        self.times: list[tuple[float, Event]] = []
        self.fanout = EventFanout()
        self.fanout.subscribe(lambda e: self.times.append((time.monotonic(), e)))
        self.voice = Voice(settings)
        self.fanout.subscribe(self.voice.on_event)
        self.session = LiveSession(
            Endpoint("bench", url, ca, True, "emulator"), settings, self.fanout
        )
        self.voice.attach(self.session)

    async def __aenter__(self) -> App:
        await self.voice.start()
        self.task = asyncio.create_task(self.session.run())
        while self.session.state is not SessionState.LIVE:
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.session.stop()
        await self.task
        await self.voice.stop()

    def count(self, kind: type) -> int:
        return sum(1 for _, e in self.times if isinstance(e, kind))

    async def wait(self, kind: type, n: int, timeout: float = 30) -> float:
        deadline = time.monotonic() + timeout
        while self.count(kind) < n:
            if time.monotonic() > deadline:
                raise TimeoutError(kind.__name__)
            await asyncio.sleep(0.005)
        return [t for t, e in self.times if isinstance(e, kind)][n - 1]


def first_sound_after(recorder: Recorder, t: float) -> float:
    samples, times = recorder.timeline()
    loud = np.nonzero((np.abs(samples) > LOUD) & (times > t))[0]
    return float(times[loud[0]]) if loud.size else float("nan")


def last_sound_before(recorder: Recorder, t: float, until: float) -> float:
    samples, times = recorder.timeline()
    loud = np.nonzero((np.abs(samples) > LOUD) & (times > t) & (times < until))[0]
    return float(times[loud[-1]]) if loud.size else t


async def app_latency(
    pulse: PulseAudio, url: str, ca: str, pcm: bytes, trials: int
) -> dict[str, Any]:
    assert pulse.feeder is not None
    latency, received = [], []
    async with App(url, ca, PTT) as app:
        recorder = pulse.record()
        wall0, cpu0 = time.monotonic(), time.process_time()
        for n in range(1, trials + 1):
            done = len(pulse.feeder.finished_at)
            app.voice.press()
            pulse.say(pcm)
            while len(pulse.feeder.finished_at) == done:
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.4)  # a held button (longer than a click) past the speech
            released = time.monotonic()
            app.voice.release()
            await app.wait(TurnComplete, n)
            while app.voice.speaker.speaking or app.voice.speaker.queued_ms > 0:
                await asyncio.sleep(0.05)
            latency.append(first_sound_after(recorder, released) - released)
            audio = [t for t, e in app.times if isinstance(e, ModelAudio) and t > released]
            received.append(audio[0] - released)
        wall, used = time.monotonic() - wall0, time.process_time() - cpu0
        recorder.stop()
        gaps = np.diff(app.voice.mic.callback_times[-3000:]) * 1000
    return {
        "latency": latency,
        "received": received,
        "cpu_per_min": used / (wall / 60),
        "gaps": list(gaps),
    }


async def barge_in(pulse: PulseAudio, trials: int) -> list[float]:
    """`interrupted` from the server mid-reply -> the last model sample on the monitor. The
    emulator runs in process here: its next reply is held back so it cannot blur the end."""
    out = []
    async with (
        LiveEmulator(port=0) as emu,
        App(emu.base_url, emu.ca_file, Settings(echo_mode="off")) as app,
    ):
        recorder = pulse.record()
        for n in range(1, trials + 1):
            emu.reply_delay_s = 0.0
            emu.script_reply(" ".join(["wonderful"] * 30) + ".")
            app.session.send_text("talk for a while")
            while not app.voice.model_speaking:
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.4)
            emu.reply_delay_s = 1.5
            app.session.send_text("stop")
            cut = await app.wait(Interrupted, n)
            await asyncio.sleep(1.0)
            out.append(last_sound_before(recorder, cut, cut + 1.2) - cut)
            await app.wait(TurnComplete, 2 * n, timeout=30)
            while app.voice.speaker.speaking or app.voice.speaker.queued_ms > 0:
                await asyncio.sleep(0.05)
        recorder.stop()
    return out


async def echo_erle(pulse: PulseAudio, url: str, ca: str) -> tuple[float, float]:
    """The model's voice loops from the null sink's monitor into the mic; ERLE after 3 s."""
    pulse.pactl("load-module", "module-remap-source", "source_name=echo_mic",
                "master=speaker.monitor", "rate=16000", "channels=1")  # fmt: skip
    pulse.pactl("set-default-source", "echo_mic")
    devices.refresh()
    try:
        async with App(url, ca, Settings(echo_mode="aec")) as app:
            canceller = app.voice._echo
            assert canceller is not None, "echo cancellation did not load"
            before: list[bytes] = []
            after: list[bytes] = []
            process = canceller.process

            def tap(pcm: bytes) -> bytes:
                out = process(pcm)
                before.append(pcm[: len(out)])
                after.append(out)
                return out

            canceller.process = tap  # type: ignore[method-assign]
            line = "This is the model talking through the loudspeaker for a while. "
            voice = speech(line * 4, 24_000)
            start = len(before)
            for i in range(0, len(voice), 9600):
                app.fanout(ModelAudio(voice[i : i + 9600]))
            while app.voice.speaker.queued_ms > 0 or app.voice.speaker.speaking:
                await asyncio.sleep(0.05)
    finally:
        pulse.pactl("set-default-source", "mic")
        devices.refresh()
    echo = np.frombuffer(b"".join(before[start:]), dtype="<i2")
    rest = np.frombuffer(b"".join(after[start:]), dtype="<i2")
    settled = 16_000 * 3
    return erle_db(echo, rest), erle_db(echo[settled:], rest[settled:])


async def main(trials: int) -> None:
    pulse = PulseAudio()
    pulse.start()
    os.environ.update(pulse.client_env)
    devices.refresh()
    emulator, url, ca = start_emulator()
    try:
        pcm = speech("What can you see on my screen right now?")
        plain = await plain_client(url, ca, pcm, trials)
        app = await app_latency(pulse, url, ca, pcm, trials)
        barge = [x * 1000 for x in await barge_in(pulse, trials)]
        erle_all, erle_settled = await echo_erle(pulse, url, ca)
    finally:
        emulator.terminate()
        pulse.cleanup()
    lat = [x * 1000 for x in app["latency"]]
    base = [x * 1000 for x in plain]
    added = [a - b for a, b in zip(lat, base, strict=False)]
    got = [x * 1000 for x in app["received"]]
    jitter = [abs(g - 20) for g in app["gaps"]]
    rows = [
        ("plain SDK: activity_end -> first audio message (ms)", pct(base, 50), pct(base, 90)),
        ("app: release -> first ModelAudio event (ms)", pct(got, 50), pct(got, 90)),
        ("app: release -> first sample on the speaker (ms)", pct(lat, 50), pct(lat, 90)),
        (
            "  of which output buffers + monitor capture (ms)",
            pct(lat, 50) - pct(got, 50),
            float("nan"),
        ),
        ("app added latency over plain (ms)", pct(lat, 50) - pct(base, 50), pct(added, 90)),
        ("barge-in: interrupted -> speaker silent (ms)", pct(barge, 50), pct(barge, 90)),
        ("mic callback jitter |interval - 20 ms| (ms)", pct(jitter, 50), pct(jitter, 99)),
        ("mic callback interval max (ms)", max(app["gaps"]), float("nan")),
        ("CPU seconds per minute of conversation", app["cpu_per_min"], float("nan")),
        ("echo canceller ERLE, whole clip (dB)", erle_all, float("nan")),
        ("echo canceller ERLE, after 3 s convergence (dB)", erle_settled, float("nan")),
    ]
    print(f"\nvoice benchmark ({trials} trials, emulator on loopback, private PulseAudio)\n")
    print(f"| {'metric':<56} | {'p50':>8} | {'p90/p99':>8} |")
    print(f"|{'-' * 58}|{'-' * 10}|{'-' * 10}|")
    for name, a, b in rows:
        second = "" if np.isnan(b) else f"{b:8.1f}"
        print(f"| {name:<56} | {a:8.1f} | {second:>8} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8)
    asyncio.run(main(parser.parse_args().trials))
