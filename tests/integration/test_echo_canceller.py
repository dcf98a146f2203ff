"""The echo canceller the app loads (on Linux the desktop's libwebrtc-audio-processing through
desktop/audio/_webrtc_apm.cc), fed real speech (espeak-ng) through a simulated room: a delay,
a 0.4 s reverberation tail and a loudspeaker's soft clipping. No sound server: the room is
arithmetic, so the echo's delay is known exactly and the canceller is the only real part.

Measured when the binding was written (docs/benchmarks.md has the live loop through PulseAudio):
44-45 dB of echo removed for echo delays from 10 ms before the hint to 80 ms after it, 36-40
dB at 90, 16-23 dB at 110, less beyond.
"""

from __future__ import annotations

import numpy as np
import pytest
from desktop.audio.echo import FRAME, RATE, EchoCanceller, load_echo_canceller
from desktop.core.audio_level import erle_db

from tests.support.pulse import speech

MODEL = (
    "The red box is in the top left corner of your screen. Next to it there is a blue button "
    "labelled save. I can also see a spreadsheet with numbers in three columns."
)
USER = "Wait, stop. What about the green one?"


def room(far: np.ndarray, delay_ms: int, seed: int = 1) -> np.ndarray:
    """What a mic hears of `far` (floats): direct sound, a 0.4 s tail, soft clipping."""
    rng = np.random.default_rng(seed)
    t60 = 0.4
    t = np.arange(int(t60 * RATE)) / RATE
    rir = rng.standard_normal(len(t)) * np.exp(-6.9 * t / t60) * 0.08
    rir[0] = 0.6
    wet = np.tanh(2.5 * np.convolve(far, rir)[: len(far)]) / 2.5
    return np.concatenate([np.zeros(delay_ms * RATE // 1000), wet])[: len(far)]


def pcm(x: np.ndarray) -> np.ndarray:
    return np.clip(x * 32767, -32768, 32767).astype(np.int16)


def run(
    canceller: EchoCanceller, far: np.ndarray, mic: np.ndarray, block: int, jitter: int = 0
) -> np.ndarray:
    """The speaker's played blocks and the mic's blocks of the same times, each stamped with its
    device time; with `jitter`, the played blocks reach the canceller up to that many blocks
    early or late, as the two streams' bursts reach the app's loop."""
    rng = np.random.default_rng(7)
    out, played, blocks = [], 0, len(far) // block
    for n in range(blocks):
        lead = int(rng.integers(-jitter, jitter + 1)) if jitter else 0
        while played < min(blocks, max(n + 1 + lead, played)):
            start = played * block
            canceller.far_end(far[start : start + block].tobytes(), RATE, start / RATE)
            played += 1
        start = n * block
        out.append(canceller.process(mic[start : start + block].tobytes(), start / RATE))
    return np.frombuffer(b"".join(out), dtype=np.int16)


def erle_after_5_s(echo: np.ndarray, mic: np.ndarray, out: np.ndarray) -> float:
    """Echo removed (dB) once the canceller has converged, where there is echo to remove."""
    loud = np.convolve(echo**2, np.ones(320) / 320, "same")[: len(out)] > 1e-5
    keep = np.zeros(len(out), bool)
    keep[5 * RATE :] = True
    keep &= loud
    return erle_db(mic[: len(out)][keep], out[keep])


@pytest.fixture(scope="module")
def model_speech() -> np.ndarray:
    words = np.frombuffer(speech(MODEL, RATE), dtype="<i2").astype(np.float32) / 32768
    return np.concatenate([words, words])  # ~20 s: time to converge, then the measurement


def fresh(output_latency_s: float) -> EchoCanceller:
    canceller, why = load_echo_canceller()
    assert canceller is not None, why
    canceller.set_output_latency(output_latency_s)
    return canceller


@pytest.mark.parametrize("extra_ms", [0, 40, 70])
def test_the_echo_of_the_model_is_removed(model_speech: np.ndarray, extra_ms: int) -> None:
    """The echo comes back after the output latency (40 ms, the app's setting with the
    canceller) plus 0-70 ms of capture latency and air (the filter reaches ~90 ms past its
    hint); 20 ms blocks, as the app sends them."""
    echo = room(model_speech, 40 + extra_ms)
    far, mic = pcm(model_speech), pcm(echo)
    erle = erle_after_5_s(echo, mic, run(fresh(0.040), far, mic, block=FRAME * 2))
    assert erle > 40, f"only {erle:.1f} dB of echo removed with {40 + extra_ms} ms of delay"


def test_blocks_reaching_the_app_out_of_step_are_paired_by_their_device_times(
    model_speech: np.ndarray,
) -> None:
    """The speaker's and the mic's blocks reach the loop in bursts whose order wanders by a
    block or two. Paired in arrival order the canceller removed 26-31 dB (the tests' PulseAudio
    loop measured ~30); paired by the devices' times, as much as with no wandering at all."""
    echo = room(model_speech, 60)
    far, mic = pcm(model_speech), pcm(echo)
    steady = erle_after_5_s(echo, mic, run(fresh(0.040), far, mic, FRAME * 2))
    wandering = erle_after_5_s(echo, mic, run(fresh(0.040), far, mic, FRAME * 2, jitter=2))
    assert wandering > 40 and abs(steady - wandering) < 3, (steady, wandering)


def test_the_user_talking_over_the_model_gets_through(model_speech: np.ndarray) -> None:
    """Double talk, the hard case for barge-in: the user speaks ~4 dB below the echo. The
    canceller may duck the user, but must not swallow them, while the echo alone stays gone."""
    user = np.frombuffer(speech(USER, RATE), dtype="<i2").astype(np.float32) / 32768 * 0.7
    echo = room(model_speech, 60)
    start = 12 * RATE
    near = np.zeros(len(echo))
    near[start : start + len(user)] = user[: len(echo) - start]
    far, mic = pcm(model_speech), pcm(echo + near)
    out = run(fresh(0.040), far, mic, block=FRAME * 2).astype(np.float64)
    both = slice(start, start + len(user))

    def level(x: np.ndarray) -> float:
        return float(10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-12))

    # The user's speech through the canceller vs the user's speech alone, over the overlap.
    kept = level(out[both]) - level(pcm(near[both]))
    assert kept > -20, f"the user's speech came through {kept:.1f} dB down"
    echo_only = slice(start - 3 * RATE, start - RATE // 2)
    gone = level(mic[echo_only]) - level(out[echo_only])
    assert gone > 30, f"only {gone:.1f} dB of echo removed before the user spoke"


def test_frames_of_the_wrong_size_are_refused_not_misread() -> None:
    """The binding checks every frame's size: a short frame is a clear error, never a read
    past the buffer."""
    canceller = fresh(0.040)
    with pytest.raises(ValueError, match="320 bytes"):
        canceller.module.near(b"\0" * 10, 0)
    with pytest.raises(ValueError, match="320 bytes"):
        canceller.module.far(b"\0" * 322)
    # Blocks of any length are fine at the canceller's level: it keeps the rest for next time.
    assert canceller.process(b"\0" * 300, 0.0) == b""  # 150 samples: less than a frame, kept
    assert len(canceller.process(b"\0" * 340, 0.01)) == 320 * 2  # 150 + 170 = two frames
