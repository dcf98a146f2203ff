"""The emulator's "voice": one soft tone per word, streamed as 24 kHz PCM16 chunks.

Each word gets a note of a pentatonic scale picked deterministically from the word, a length
that grows with the word, a raised-cosine attack and release (so no clicks) and a short gap
after it (a longer one at the end of a sentence). The transcription of a chunk is the words
whose tones start in it, so playing the audio and showing the transcription line up.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 24000
CHUNK_MS = 80
AMPLITUDE = 0.22
ATTACK_S = 0.015
RELEASE_S = 0.03
GAP_S = 0.06
SENTENCE_GAP_S = 0.18
MIN_WORD_S = 0.12
PER_CHAR_S = 0.025
MAX_WORD_S = 0.42

# C major pentatonic over two octaves from C4: pleasant whatever the order.
_BASE_HZ = 261.63
_SEMITONES = (0, 2, 4, 7, 9, 12, 14, 16, 19, 21)


@dataclass(frozen=True)
class AudioChunk:
    pcm: bytes
    text: str  # transcription of the words that start in this chunk ("" if none)
    words: int  # words whose tone starts in this chunk


def split_words(text: str) -> list[str]:
    return text.split()


def word_pitch(word: str) -> float:
    core = word.strip(".,;:!?\"'()").lower() or word
    index = zlib.crc32(core.encode("utf-8")) % len(_SEMITONES)
    return _BASE_HZ * 2.0 ** (_SEMITONES[index] / 12.0)


def word_duration(word: str) -> float:
    return min(MAX_WORD_S, MIN_WORD_S + PER_CHAR_S * len(word))


def gap_after(word: str) -> float:
    return SENTENCE_GAP_S if word.rstrip("\"')").endswith((".", "!", "?")) else GAP_S


def envelope(n: int, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Raised-cosine attack and release around a gentle decay; zero at both ends."""
    t = np.arange(n, dtype=np.float64)
    env = np.exp(-t / (n * 2.5 + 1))
    attack = min(n // 2, int(ATTACK_S * sample_rate))
    release = min(n - attack, int(RELEASE_S * sample_rate))
    if attack:
        env[:attack] *= 0.5 - 0.5 * np.cos(np.pi * np.arange(attack) / attack)
    if release:
        env[n - release :] *= 0.5 + 0.5 * np.cos(np.pi * (np.arange(release) + 1) / release)
    return env


def tone(word: str, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """The float tone of one word in [-1, 1]."""
    n = max(1, int(word_duration(word) * sample_rate))
    t = np.arange(n, dtype=np.float64) / sample_rate
    f = word_pitch(word)
    wave = (
        np.sin(2 * np.pi * f * t)
        + 0.25 * np.sin(2 * np.pi * 2 * f * t)
        + 0.08 * np.sin(2 * np.pi * 3 * f * t)
    ) / 1.33
    return wave * envelope(n, sample_rate)


def synthesize(words: list[str], sample_rate: int = SAMPLE_RATE) -> tuple[np.ndarray, list[int]]:
    """PCM16 samples of the whole utterance and the start sample of each word."""
    pieces: list[np.ndarray] = []
    starts: list[int] = []
    pos = 0
    for word in words:
        starts.append(pos)
        wave = tone(word, sample_rate)
        gap = np.zeros(int(gap_after(word) * sample_rate))
        pieces += [wave, gap]
        pos += len(wave) + len(gap)
    if not pieces:
        return np.zeros(0, dtype=np.int16), []
    signal = np.concatenate(pieces) * AMPLITUDE * 32767.0
    return np.round(signal).astype(np.int16), starts


def speak(text: str, chunk_ms: int = CHUNK_MS, sample_rate: int = SAMPLE_RATE) -> list[AudioChunk]:
    """The reply `text` as audio chunks of `chunk_ms` with the transcription spread over them."""
    words = split_words(text)
    samples, starts = synthesize(words, sample_rate)
    per_chunk = sample_rate * chunk_ms // 1000
    count = max(1, -(-len(samples) // per_chunk)) if len(samples) else 0
    padded = np.zeros(count * per_chunk, dtype=np.int16)
    padded[: len(samples)] = samples
    texts: list[list[str]] = [[] for _ in range(count)]
    for i, (word, start) in enumerate(zip(words, starts, strict=True)):
        texts[start // per_chunk].append(word if i == 0 else " " + word)
    return [
        AudioChunk(
            pcm=padded[i * per_chunk : (i + 1) * per_chunk].astype("<i2").tobytes(),
            text="".join(texts[i]),
            words=len(texts[i]),
        )
        for i in range(count)
    ]


def text_parts(text: str, words_per_part: int = 4) -> list[str]:
    """The reply `text` split into streamed text parts that concatenate back to it."""
    words = split_words(text)
    parts: list[str] = []
    for i in range(0, len(words), words_per_part):
        piece = " ".join(words[i : i + words_per_part])
        parts.append(piece if i == 0 else " " + piece)
    return parts
