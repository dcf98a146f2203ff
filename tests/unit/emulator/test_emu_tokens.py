from __future__ import annotations

from desktop.emulator.tokens import (
    Tokens,
    audio_tokens,
    image_tokens,
    text_tokens,
    usage_metadata,
)


def test_counts() -> None:
    assert text_tokens("") == 0
    assert text_tokens("abcd") == 1
    assert text_tokens("abcde") == 2
    assert audio_tokens(2.5) == 80
    assert image_tokens(3) == 3 * 258
    assert image_tokens(3, "MEDIA_RESOLUTION_LOW") == 3 * 66


def test_usage_metadata_shape() -> None:
    usage = usage_metadata(Tokens(text=10, audio=64, image=258), Tokens(audio=100))
    assert usage == {
        "promptTokenCount": 332,
        "responseTokenCount": 100,
        "totalTokenCount": 432,
        "promptTokensDetails": [
            {"modality": "TEXT", "tokenCount": 10},
            {"modality": "AUDIO", "tokenCount": 64},
            {"modality": "IMAGE", "tokenCount": 258},
        ],
        "responseTokensDetails": [{"modality": "AUDIO", "tokenCount": 100}],
    }


def test_text_only_response_details() -> None:
    usage = usage_metadata(Tokens(text=5), Tokens(text=7))
    assert usage["responseTokensDetails"] == [{"modality": "TEXT", "tokenCount": 7}]
    assert usage["promptTokensDetails"] == [{"modality": "TEXT", "tokenCount": 5}]


def test_tokens_add() -> None:
    assert Tokens(1, 2, 3) + Tokens(4, 5, 6) == Tokens(5, 7, 9)
    assert Tokens(1, 2, 3).total == 6
