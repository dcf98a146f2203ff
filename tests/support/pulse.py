"""A private PulseAudio server for the voice tests: a real microphone and speaker, no sound card.

`PulseAudio.start()` runs `pulseaudio` in the foreground (our own child process, our own socket
under a temporary directory: nothing is shared with the machine's or another test run's sound
server), then loads
- `speaker`: a null sink at 24 kHz mono (what the app plays; `record()` taps its monitor), with a
  silent keep-alive stream (an idle null sink stalls new streams for up to ~2 s);
- `mic`: a pipe source at 16 kHz mono fed by a thread that writes real-time-paced 20 ms blocks
  of silence, or the speech given to `say()` (a pipe source delivers nothing while nobody writes).
PortAudio reaches it through ALSA's `pulse` plugin (libasound2-plugins), `PULSE_SERVER` pointing
at our socket. `kill()` makes every device vanish at once (as an unplugged headset or a crashed
sound server does), `start()` brings them back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import deque
from pathlib import Path

import numpy as np

MIC_RATE = 16_000
SPEAKER_RATE = 24_000
BLOCK = MIC_RATE // 50  # 20 ms

NEEDED = ("pulseaudio", "pactl", "pacat", "espeak-ng")
INSTALL_HINT = (
    "run scripts/setup.sh --test (it installs pulseaudio pulseaudio-utils libasound2-plugins "
    "espeak-ng), or: apt-get install -y pulseaudio pulseaudio-utils libasound2-plugins espeak-ng"
)


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process dies, even if it crashes."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class MicFeeder(threading.Thread):
    """Writes the pipe source's FIFO in real time: queued speech, else silence."""

    def __init__(self, fifo: Path) -> None:
        super().__init__(name="pulse-mic-feeder", daemon=True)
        self.fifo = fifo
        self._pending: deque[np.ndarray] = deque()
        self._lock = threading.Lock()
        self._halt = threading.Event()
        self.quiet = threading.Event()  # set: write nothing (the source delivers nothing)
        self.started_at: list[float] = []  # when each said clip's first block was written
        self.finished_at: list[float] = []  # when each said clip's last block was written

    def say(self, pcm: bytes) -> None:
        with self._lock:
            self._pending.append(np.frombuffer(pcm, dtype="<i2").copy())

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def stop(self) -> None:
        self._halt.set()
        self.join(5)

    def run(self) -> None:
        fd = -1
        start, n = time.monotonic(), 0
        offset = 0
        while not self._halt.is_set():
            if fd < 0:
                try:
                    fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
                    os.set_blocking(fd, True)
                    start, n = time.monotonic(), 0
                except OSError:
                    time.sleep(0.05)
                    continue
            if self.quiet.is_set():
                time.sleep(0.02)
                start, n = time.monotonic(), 0
                continue
            block = np.zeros(BLOCK, dtype=np.int16)
            with self._lock:
                if self._pending:
                    clip = self._pending[0]
                    if offset == 0:
                        self.started_at.append(time.monotonic())
                    piece = clip[offset : offset + BLOCK]
                    block[: piece.size] = piece
                    offset += BLOCK
                    if offset >= clip.size:
                        self._pending.popleft()
                        offset = 0
                        self.finished_at.append(time.monotonic())
            try:
                os.write(fd, block.tobytes())
            except OSError:  # the server went away
                with contextlib.suppress(OSError):
                    os.close(fd)
                fd = -1
                continue
            n += 1
            delay = start + n * 0.02 - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.5:  # far behind (CPU steal): do not burst to catch up
                start, n = time.monotonic(), 0
        if fd >= 0:
            os.close(fd)


class Recorder(threading.Thread):
    """Records the speaker's monitor with arrival times (for latency and silence checks)."""

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__(name="pulse-recorder", daemon=True)
        self.chunks: list[tuple[float, bytes]] = []
        self._proc = subprocess.Popen(
            ["pacat", "--record", "-d", "speaker.monitor", "--latency-msec=10", "--raw",
             f"--rate={SPEAKER_RATE}", "--channels=1", "--format=s16le"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip

    def run(self) -> None:
        assert self._proc.stdout is not None
        while True:
            data = self._proc.stdout.read1(4800)  # type: ignore[attr-defined]
            if not data:
                return
            self.chunks.append((time.monotonic(), data))

    def stop(self) -> None:
        self._proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(5)
        self.join(5)

    def samples(self, since: float = 0.0) -> np.ndarray:
        data = b"".join(d for t, d in list(self.chunks) if t >= since)
        return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2")

    def timeline(self) -> tuple[np.ndarray, np.ndarray]:
        """(samples, arrival time of each sample, estimated from its chunk's arrival)."""
        chunks = list(self.chunks)
        samples = np.frombuffer(b"".join(d for _, d in chunks), dtype="<i2")
        times = np.empty(samples.size)
        pos = 0
        for at, data in chunks:
            n = len(data) // 2
            times[pos : pos + n] = at - (n - 1 - np.arange(n)) / SPEAKER_RATE
            pos += n
        return samples, times[: samples.size]


class PulseAudio:
    def __init__(self) -> None:
        missing = [tool for tool in NEEDED if shutil.which(tool) is None]
        if missing:
            raise RuntimeError(f"{', '.join(missing)} not installed: {INSTALL_HINT}")
        self.root = Path(tempfile.mkdtemp(prefix="sm-pulse-"))
        self.socket = self.root / "native"
        self.fifo = self.root / "mic.fifo"
        # Clients: our socket, a cookie file and client.conf of our own, no autospawn.
        (self.root / "client.conf").write_text("autospawn = no\n")
        self.env = {
            **os.environ,
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_COOKIE": str(self.root / "cookie"),
            "PULSE_CLIENTCONFIG": str(self.root / "client.conf"),
        }
        self._server: subprocess.Popen[bytes] | None = None
        self._keepalive: subprocess.Popen[bytes] | None = None
        self.feeder: MicFeeder | None = None

    def start(self) -> None:
        server_env = {
            **os.environ,
            "HOME": str(self.root),
            "XDG_RUNTIME_DIR": str(self.root),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "PULSE_RUNTIME_PATH": str(self.root / "runtime"),
            "PULSE_STATE_PATH": str(self.root / "state"),
        }
        self.socket.unlink(missing_ok=True)
        self.fifo.unlink(missing_ok=True)  # the pipe source will not load over an old FIFO
        log = (self.root / "pulseaudio.log").open("ab")
        self._server = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "--disable-shm=yes", "--log-target=stderr",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}"],
            env=server_env, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 15
        while not self._pactl_ok("info"):
            if self._server.poll() is not None or time.monotonic() > deadline:
                tail = (self.root / "pulseaudio.log").read_text(errors="replace")[-2000:]
                self.stop()
                raise RuntimeError(f"pulseaudio did not start:\n{tail}")
            time.sleep(0.05)
        self.pactl("load-module", "module-null-sink", "sink_name=speaker",
                   f"rate={SPEAKER_RATE}", "channels=1")  # fmt: skip
        self.pactl("load-module", "module-pipe-source", "source_name=mic", f"file={self.fifo}",
                   "format=s16le", f"rate={MIC_RATE}", "channels=1")  # fmt: skip
        self.pactl("set-default-sink", "speaker")
        self.pactl("set-default-source", "mic")
        with open("/dev/zero", "rb") as zero:
            self._keepalive = subprocess.Popen(
                ["pacat", "--playback", "-d", "speaker", "--latency-msec=20", "--raw",
                 f"--rate={SPEAKER_RATE}", "--channels=1", "--format=s16le"],
                stdin=zero, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env,
                preexec_fn=_die_with_parent,
            )  # fmt: skip
        self._settle()
        if self.feeder is None or not self.feeder.is_alive():
            self.feeder = MicFeeder(self.fifo)
            self.feeder.start()

    def _settle(self, timeout: float = 10.0) -> None:
        """Wait until the speaker renders steadily. A fresh null sink holds every stream for
        ~2 s once (seen here every time); a test stream opened meanwhile would stall."""
        proc = subprocess.Popen(
            ["pacat", "--record", "-d", "speaker.monitor", "--latency-msec=10", "--raw",
             f"--rate={SPEAKER_RATE}", "--channels=1", "--format=s16le"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=self.env,
        )  # fmt: skip
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout
        steady_since: float | None = None
        last = time.monotonic()
        try:
            while time.monotonic() < deadline:
                if not proc.stdout.read1(4800):  # type: ignore[attr-defined]
                    break
                now = time.monotonic()
                if now - last > 0.1:
                    steady_since = None
                steady_since = steady_since or now
                last = now
                if now - steady_since >= 0.3:
                    return
        finally:
            proc.terminate()
            proc.wait(5)

    def _pactl_ok(self, *args: str) -> bool:
        result = subprocess.run(["pactl", *args], env=self.env, capture_output=True, timeout=10)
        return result.returncode == 0

    @property
    def client_env(self) -> dict[str, str]:
        """The variables a client process needs to use this server."""
        keys = ("PULSE_SERVER", "PULSE_COOKIE", "PULSE_CLIENTCONFIG")
        return {key: self.env[key] for key in keys}

    def pactl(self, *args: str) -> str:
        result = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        if result.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def say(self, pcm: bytes) -> None:
        assert self.feeder is not None
        self.feeder.say(pcm)

    def record(self) -> Recorder:
        recorder = Recorder(self.env)
        recorder.start()
        return recorder

    def kill(self) -> None:
        """Every device vanishes at once (SIGKILL: no goodbye to the clients)."""
        if self._server is not None and self._server.poll() is None:
            self._server.send_signal(signal.SIGKILL)
            self._server.wait(5)
        self._stop_keepalive()

    def _stop_keepalive(self) -> None:
        if self._keepalive is not None:
            self._keepalive.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._keepalive.wait(5)
            self._keepalive = None

    def stop(self) -> None:
        if self.feeder is not None:
            self.feeder.stop()
            self.feeder = None
        self._stop_keepalive()
        if self._server is not None and self._server.poll() is None:
            self._server.terminate()
            try:
                self._server.wait(5)
            except subprocess.TimeoutExpired:
                self._server.kill()
                self._server.wait(5)
        self._server = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def speech(text: str, rate: int = MIC_RATE) -> bytes:
    """Real speech from espeak-ng as mono PCM16 at `rate` (resampled with soxr)."""
    import soxr

    wav = subprocess.run(
        ["espeak-ng", "--stdout", "-s", "170", text], capture_output=True, check=True, timeout=30
    ).stdout
    # espeak-ng writes a 44-byte WAV header for 22050 Hz mono PCM16.
    samples = np.frombuffer(wav[44 : 44 + (len(wav) - 44) // 2 * 2], dtype="<i2")
    out = soxr.resample(samples.astype(np.float32), 22050, rate)
    return np.clip(np.round(out), -32768, 32767).astype("<i2").tobytes()
