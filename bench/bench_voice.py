"""Voice benchmark: the app's voice path against a plain google-genai client, at the speaker.

Runs a private PulseAudio (null-sink speaker, pipe-source mic: tests/support/pulse.py) and the
bundled emulator in a subprocess on loopback, then:

- latency, paired trials (plain, app, plain, app, ...): the plain client (bench/voice_plain.py:
  the SDK plus a PortAudio stream with the app's device settings on the same sink) sends the
  same speech in push-to-talk brackets; the app (`Voice` + `LiveSession`, real mic) is pressed,
  hears it, released. Both are timed from the release to the first model sample recorded on
  the sink's monitor (the monitor's capture delay is in both and cancels in the difference);
- barge-in: `interrupted` event -> last model sample on the monitor;
- stress: long replies back to back for `--stress-seconds` while two busy processes spin,
  counting the jitter buffer's real underruns and late device callbacks per minute of audio;
- mic callback jitter, CPU per minute of conversation; with `--erle` the echo canceller's ERLE
  on a loop through the null sink (speaker monitor as the mic).

    .venv/bin/python -m bench.bench_voice [--trials 10] [--stress-seconds 60] [--erle]

Prints a table; the numbers go into docs/benchmarks.md.
"""

# A benchmark polls on purpose: it measures, it does not pace work.
# ruff: noqa: ASYNC109, ASYNC110
from __future__ import annotations

import argparse
import asyncio
import functools
import os
import re
import subprocess
import sys
import time
from math import nan
from typing import Any

import numpy as np
from desktop.audio import devices
from desktop.audio.voice import Voice
from desktop.core.audio_level import erle_db
from desktop.core.events import Event, Interrupted, ModelAudio, SessionState, TurnComplete
from desktop.core.fanout import EventFanout
from desktop.emulator import LiveEmulator
from desktop.outputs.speaker import block_ms_for
from desktop.session.endpoint import Endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings
from tests.support.pulse import PulseAudio, Recorder, speech

from bench.voice_plain import PlainPlayer, plain_session, plain_trial

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

    async def idle(self) -> None:
        """Until the speaker has played everything (and its device buffer emptied)."""
        await self.voice.speaker.drain(margin_s=30)
        await asyncio.sleep(0.2)

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
    """The end of the last model sound between `t` and `until` on the monitor: a stretch of
    at least 8 ms whose 2 ms envelope is loud (the 3 ms fade to silence after a barge-in is
    not model audio); `t` if there is none."""
    samples, times = recorder.timeline()
    if samples.size < 48:
        return t
    envelope = np.lib.stride_tricks.sliding_window_view(np.abs(samples), 48).max(axis=1)
    loud = (envelope > LOUD) & (times[: envelope.size] > t) & (times[: envelope.size] < until)
    edges = np.diff(np.concatenate([[0], loud.astype(np.int8), [0]]))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    long = [(a, b) for a, b in zip(starts, ends, strict=True) if b - a >= 192]
    return float(times[long[-1][1] - 1]) if long else t


async def app_trial(
    app: App, pulse: PulseAudio, recorder: Recorder, pcm: bytes, n: int
) -> tuple[float, float]:
    """Push-to-talk through the real mic; (release -> first sample, -> first ModelAudio)."""
    assert pulse.feeder is not None
    done = len(pulse.feeder.finished_at)
    app.voice.press()
    pulse.say(pcm)
    while len(pulse.feeder.finished_at) == done:
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.4)  # a held button (longer than a click) past the speech
    released = time.monotonic()
    app.voice.release()
    await app.wait(TurnComplete, n)
    await app.idle()
    audio = [t for t, e in app.times if isinstance(e, ModelAudio) and t > released]
    return first_sound_after(recorder, released) - released, audio[0] - released


async def latency(
    pulse: PulseAudio, url: str, ca: str, pcm: bytes, trials: int, settings: Settings
) -> dict[str, Any]:
    """Plain and app trials alternate, so both see the same moments of the machine's load."""
    out: dict[str, Any] = {"plain": [], "plain_msg": [], "app": [], "app_msg": []}
    player = PlainPlayer(block_ms_for(settings.echo_mode == "aec"))
    try:
        async with plain_session(url, ca, settings) as session, App(url, ca, settings) as app:
            recorder = pulse.record()
            await asyncio.sleep(0.5)
            wall0, cpu0 = time.monotonic(), time.process_time()
            for n in range(1, trials + 1):
                heard = functools.partial(first_sound_after, recorder)
                speaker, message = await plain_trial(session, player, heard, pcm)
                out["plain"].append(speaker)
                out["plain_msg"].append(message)
                speaker, message = await app_trial(app, pulse, recorder, pcm, n)
                out["app"].append(speaker)
                out["app_msg"].append(message)
            out["wall"] = time.monotonic() - wall0
            out["cpu"] = time.process_time() - cpu0
            recorder.stop()
            out["gaps"] = list(np.diff(app.voice.mic.callback_times[-3000:]) * 1000)
            out["underruns"] = app.voice.speaker.underruns
            out["device_underruns"] = app.voice.speaker.device_underruns
    finally:
        player.close()
    return out


def busy(seconds: float) -> list[subprocess.Popen[bytes]]:
    """Two processes that spin for `seconds` (killed by `timeout` even if we crash)."""
    spin = [sys.executable, "-c", "while True: pass"]
    return [subprocess.Popen(["timeout", f"{seconds:.0f}", *spin]) for _ in range(2)]


async def stress(url: str, ca: str, seconds: float) -> dict[str, Any]:
    """Long replies back to back while two busy processes compete for the 2 cores."""
    text = "Please read this back to me slowly. " * 6
    async with App(url, ca, Settings(echo_mode="off")) as app:
        speaker = app.voice.speaker
        procs = busy(seconds + 5)
        try:
            t0, played0 = time.monotonic(), speaker.played_s
            n = 0
            while time.monotonic() - t0 < seconds:
                n += 1
                app.session.send_text(text)
                await app.wait(TurnComplete, n, timeout=60)
                await app.idle()
            played = speaker.played_s - played0
        finally:
            for proc in procs:
                proc.kill()
                proc.wait()
        return {
            "minutes": played / 60,
            "underruns": speaker.underruns,
            "device_underruns": speaker.device_underruns,
            "target_ms": speaker.target_ms,
            "device_ms": speaker.latency.current_s * 1000,
            "log": speaker.underrun_log,
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
            await app.idle()
        recorder.stop()
    return out


async def echo_erle(pulse: PulseAudio, url: str, ca: str) -> tuple[float, float, float, int]:
    """The model's voice loops from the null sink's monitor into the mic: ERLE (whole clip,
    after 3 s), how long after its reference frame the echo reached the canceller (ms) and the
    canceller's delay hint (ms)."""
    pulse.pactl("load-module", "module-remap-source", "source_name=echo_mic",
                "master=speaker.monitor", "rate=16000", "channels=1",
                "resample_method=soxr-mq")  # fmt: skip
    pulse.pactl("set-default-source", "echo_mic")
    devices.refresh()
    try:
        async with App(url, ca, Settings(echo_mode="aec")) as app:
            canceller = app.voice._echo
            assert canceller is not None, "echo cancellation did not load"
            module = canceller.module
            far_frames: list[bytes] = []
            near: list[tuple[int, bytes, bytes]] = []  # (far frames so far, mic, result)
            far, process = module.far, module.near

            def tap_far(frame: bytes) -> None:
                far_frames.append(frame)
                far(frame)

            def tap_near(frame: bytes, delay_ms: int) -> bytes:
                out = process(frame, delay_ms)
                near.append((len(far_frames), frame, out))
                return out

            module.far, module.near = tap_far, tap_near  # type: ignore[method-assign]
            line = "This is the model talking through the loudspeaker for a while. "
            voice = speech(line * 4, 24_000)
            start = len(near)
            for i in range(0, len(voice), 9600):
                app.fanout(ModelAudio(voice[i : i + 9600]))
            await app.idle()
            hint = canceller.delay_hint_ms
    finally:
        pulse.pactl("set-default-source", "mic")
        devices.refresh()
    taken = near[start:]
    echo = np.frombuffer(b"".join(mic for _, mic, _ in taken), dtype="<i2")
    rest = np.frombuffer(b"".join(out for _, _, out in taken), dtype="<i2")
    settled = 16_000 * 3
    delay = echo_delay_ms(far_frames, taken)
    return erle_db(echo, rest), erle_db(echo[settled:], rest[settled:]), delay, hint


def echo_delay_ms(far_frames: list[bytes], near: list[tuple[int, bytes, bytes]]) -> float:
    """How far behind its reference the echo came: the lag of the best match between the far
    frames and the mic frames, minus how far ahead the far frames were when each mic frame came
    (so: the delay the canceller must cover, the quantity its hint is about)."""
    frame = 160
    far = np.frombuffer(b"".join(far_frames), dtype="<i2").astype(np.float64)
    mic = np.frombuffer(b"".join(m for _, m, _ in near), dtype="<i2").astype(np.float64)
    ahead = np.median([count * frame - i * frame for i, (count, _, _) in enumerate(near)])
    n = min(len(far), len(mic))
    spectrum = np.fft.rfft(mic[:n], 2 * n) * np.conj(np.fft.rfft(far[:n], 2 * n))
    corr = np.fft.irfft(spectrum / (np.abs(spectrum) + 1e-9))  # PHAT: a sharp peak
    lag = int(np.argmax(corr[: n // 2]))  # mic[t] ~ far[t - lag], both in their own counts
    return float((lag + ahead) / 16.0)


async def main(trials: int, stress_s: float, erle: bool, echo: str) -> None:
    pulse = PulseAudio()
    pulse.start()
    os.environ.update(pulse.client_env)
    devices.refresh()
    emulator, url, ca = start_emulator()
    try:
        pcm = speech("What can you see on my screen right now?")
        settings = PTT.replace(echo_mode=echo)
        lat = await latency(pulse, url, ca, pcm, trials, settings)
        lat["block_ms"] = block_ms_for(echo == "aec")
        barge = [x * 1000 for x in await barge_in(pulse, trials)]
        hard = await stress(url, ca, stress_s) if stress_s > 0 else None
        erle_all, erle_settled, echo_ms, hint_ms = (
            await echo_erle(pulse, url, ca) if erle else (nan, nan, nan, 0)
        )
    finally:
        emulator.terminate()
        pulse.cleanup()
    ms = {k: [x * 1000 for x in lat[k]] for k in ("plain", "plain_msg", "app", "app_msg")}
    added = [a - b for a, b in zip(ms["app"], ms["plain"], strict=True)]
    jitter = [abs(g - 20) for g in lat["gaps"]]
    minutes = lat["wall"] / 60
    rows = [
        (
            "plain: release -> first audio message",
            pct(ms["plain_msg"], 50),
            pct(ms["plain_msg"], 90),
        ),
        ("app: release -> first ModelAudio event", pct(ms["app_msg"], 50), pct(ms["app_msg"], 90)),
        (
            "plain: release -> first sample on the speaker",
            pct(ms["plain"], 50),
            pct(ms["plain"], 90),
        ),
        ("app: release -> first sample on the speaker", pct(ms["app"], 50), pct(ms["app"], 90)),
        ("app added at the speaker (paired trials)", pct(added, 50), pct(added, 90)),
        ("barge-in: interrupted -> speaker silent", pct(barge, 50), pct(barge, 90)),
        ("mic callback jitter |interval - 20 ms| (p50, p99)", pct(jitter, 50), pct(jitter, 99)),
        ("CPU s per minute of conversation (app process)", lat["cpu"] / minutes, nan),
    ]
    print(f"\necho mode {echo}: both play {lat['block_ms']} ms blocks")
    print(f"\nvoice benchmark ({trials} paired trials, emulator on loopback, private PulseAudio)\n")
    print(f"| {'metric (ms)':<52} | {'p50':>8} | {'p90':>8} |")
    print(f"|{'-' * 54}|{'-' * 10}|{'-' * 10}|")
    for name, x, y in rows:
        second = "" if np.isnan(y) else f"{y:8.1f}"
        print(f"| {name:<52} | {x:8.1f} | {second:>8} |")
    pairs = list(zip(np.round(ms["plain"], 1), np.round(ms["app"], 1), strict=True))
    print(f"\nraw paired trials (plain, app) ms: {[(float(p), float(a)) for p, a in pairs]}")
    quiet = (lat["underruns"], lat["device_underruns"])
    print(f"quiet run: {quiet[0]} jitter-buffer underruns, {quiet[1]} late device callbacks")
    if hard is not None:
        per_min = 1 / max(hard["minutes"], 1e-9)
        jb, dev = hard["underruns"], hard["device_underruns"]
        print(
            f"stress ({stress_s:.0f} s, 2 busy processes): {hard['minutes']:.2f} min of audio, "
            f"{jb} jitter-buffer underruns ({jb * per_min:.1f}/min), {dev} late device "
            f"callbacks ({dev * per_min:.1f}/min), start level now {hard['target_ms']:.0f} ms, "
            f"device latency now {hard['device_ms']:.0f} ms, "
            f"underrun log (sample, new level ms) {hard['log']}"
        )
    if erle:
        print(f"echo canceller ERLE: {erle_all:.1f} dB whole clip, {erle_settled:.1f} dB after 3 s")
        print(
            f"echo delay past its reference: {echo_ms:.0f} ms; the canceller's hint {hint_ms} ms "
            "(its filter covers the hint -10..+90 ms)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--stress-seconds", type=float, default=60.0)
    parser.add_argument("--erle", action="store_true", help="also measure the echo canceller")
    parser.add_argument("--echo", default="off", choices=["off", "aec"], help="the app's echo mode")
    args = parser.parse_args()
    asyncio.run(main(args.trials, args.stress_seconds, args.erle, args.echo))
