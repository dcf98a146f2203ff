from __future__ import annotations

import numpy as np
from desktop.emulator import speech

TEXT = 'You wrote: "hello". I heard 0.0 seconds of audio and saw no frames. This is reply 1.'


def test_chunks_are_80_ms_of_24khz_pcm16() -> None:
    chunks = speech.speak(TEXT)
    assert len(chunks) > 10
    assert all(len(c.pcm) == 3840 for c in chunks)


def test_transcription_pieces_concatenate_to_the_text() -> None:
    chunks = speech.speak(TEXT)
    assert "".join(c.text for c in chunks) == TEXT
    assert sum(c.words for c in chunks) == len(TEXT.split())
    assert chunks[0].text.startswith("You")


def test_deterministic() -> None:
    assert speech.speak(TEXT) == speech.speak(TEXT)
    assert speech.word_pitch("hello") == speech.word_pitch("hello")


def test_pitch_is_in_a_pleasant_range_and_varies() -> None:
    pitches = {speech.word_pitch(w) for w in TEXT.split()}
    assert len(pitches) > 3
    assert all(250 < p < 900 for p in pitches)


def test_no_clicks_at_word_edges() -> None:
    words = TEXT.split()
    samples, starts = speech.synthesize(words)
    values = samples.astype(np.int32)
    full_scale = 32767
    for word, start in zip(words, starts, strict=True):
        n = int(speech.word_duration(word) * speech.SAMPLE_RATE)
        tone = values[start : start + n]
        # The tone starts and ends at (nearly) zero...
        assert abs(tone[0]) < 0.005 * full_scale
        assert abs(tone[-1]) < 0.005 * full_scale
        # ...and its first and last milliseconds move gently.
        edge = speech.SAMPLE_RATE // 1000
        assert np.max(np.abs(np.diff(tone[: edge + 1]))) < 0.01 * full_scale
        assert np.max(np.abs(np.diff(tone[-edge - 1 :]))) < 0.01 * full_scale
    # Nowhere does the signal jump more than a smooth sine of this loudness can.
    assert np.max(np.abs(np.diff(values))) < 0.15 * full_scale


def test_gaps_between_words_are_silent() -> None:
    words = ["one", "two"]
    samples, starts = speech.synthesize(words)
    end_of_first = starts[0] + int(speech.word_duration("one") * speech.SAMPLE_RATE)
    assert not np.any(samples[end_of_first : starts[1]])


def test_loud_enough_but_not_clipping() -> None:
    samples, _ = speech.synthesize(TEXT.split())
    peak = np.max(np.abs(samples.astype(np.int32)))
    assert 0.1 * 32767 < peak < 0.5 * 32767


def test_text_parts_concatenate() -> None:
    parts = speech.text_parts(TEXT, 4)
    assert "".join(parts) == TEXT
    assert len(parts) == -(-len(TEXT.split()) // 4)


def test_empty_text() -> None:
    assert speech.speak("") == []
    assert speech.text_parts("") == []
