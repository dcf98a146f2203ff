"""The talk controller: what is sent when, in each mode (pure, microseconds)."""

from __future__ import annotations

from desktop.core.audio_talk import (
    EndActivity,
    EndAudioStream,
    PreRoll,
    SendAudio,
    SilenceSpeaker,
    StartActivity,
    Talk,
    TalkMode,
)


def block(value: int, samples: int = 320) -> bytes:
    return value.to_bytes(2, "little", signed=True) * samples


def ptt(**kwargs: object) -> Talk:
    return Talk(TalkMode.PUSH_TO_TALK, **kwargs)  # type: ignore[arg-type]


def test_hands_free_sends_every_block_and_ends_the_stream_when_muted() -> None:
    talk = Talk(TalkMode.HANDS_FREE)
    assert talk.mic(block(1)) == [SendAudio(block(1))]
    assert talk.set_muted(True) == [EndAudioStream()]
    assert talk.mic(block(2)) == []
    assert talk.set_muted(True) == []
    assert talk.set_muted(False) == []
    assert talk.mic(block(3)) == [SendAudio(block(3))]


def test_hands_free_stream_end_is_sent_once_and_only_after_audio() -> None:
    talk = Talk(TalkMode.HANDS_FREE)
    assert talk.mic_lost() == []
    talk.mic(block(1))
    assert talk.mic_lost() == [EndAudioStream()]
    assert talk.mic_lost() == []


def test_hands_free_ignores_the_talk_button() -> None:
    talk = Talk(TalkMode.HANDS_FREE)
    assert talk.press(0.0) == [] and talk.release(1.0) == [] and talk.toggle() == []
    assert not talk.talking


def test_push_to_talk_sends_nothing_until_pressed_then_the_pre_roll_first() -> None:
    talk = ptt(pre_roll_ms=100)  # 100 ms = five 20 ms blocks
    for i in range(10):
        assert talk.mic(block(i)) == []
    actions = talk.press(10.0)
    assert actions[:2] == [SilenceSpeaker(), StartActivity()]
    assert actions[2:] == [SendAudio(block(i)) for i in range(5, 10)]
    assert talk.mic(block(42)) == [SendAudio(block(42))]
    assert talk.release(11.0) == [EndActivity()]
    assert talk.mic(block(43)) == []


def test_pre_roll_keeps_whole_blocks_covering_its_length() -> None:
    ring = PreRoll(max_samples=500)
    for i in range(5):
        ring.push(block(i, 200))
    assert ring.samples == 600  # 3 blocks: the fewest that still cover 500 samples
    assert ring.take() == [block(2, 200), block(3, 200), block(4, 200)]
    assert ring.samples == 0


def test_a_short_click_latches_and_the_next_press_ends_the_talk() -> None:
    talk = ptt(click_s=0.35)
    assert StartActivity() in talk.press(1.0)
    assert talk.release(1.1) == []  # a click: keep talking
    assert talk.talking and talk.state.latched
    assert talk.press(5.0) == [EndActivity()]
    assert talk.release(5.1) == []  # the release of the ending press does nothing
    assert not talk.talking


def test_holding_longer_than_a_click_ends_on_release() -> None:
    talk = ptt(click_s=0.35)
    talk.press(1.0)
    assert talk.release(2.0) == [EndActivity()]


def test_toggle_starts_and_stops() -> None:
    talk = ptt()
    assert talk.toggle()[:2] == [SilenceSpeaker(), StartActivity()]
    assert talk.talking
    assert talk.toggle() == [EndActivity()]


def test_muting_while_talking_closes_the_activity_and_blocks_the_button() -> None:
    talk = ptt()
    talk.press(0.0)
    assert talk.set_muted(True) == [EndActivity()]
    assert talk.press(1.0) == []


def test_half_duplex_gates_hands_free_while_the_model_speaks() -> None:
    talk = Talk(TalkMode.HANDS_FREE, half_duplex=True)
    talk.mic(block(1))
    assert talk.model_speaking(True) == [EndAudioStream()]
    assert talk.mic(block(2)) == []
    assert talk.model_speaking(False) == []
    assert talk.mic(block(3)) == [SendAudio(block(3))]


def test_half_duplex_push_to_talk_still_barges_in_and_drops_echo_from_the_pre_roll() -> None:
    talk = ptt(half_duplex=True)
    talk.mic(block(1))
    talk.model_speaking(True)
    talk.mic(block(2))  # the model's echo: not kept
    actions = talk.press(0.0)
    assert actions == [SilenceSpeaker(), StartActivity()]
    assert talk.mic(block(3)) == [SendAudio(block(3))]  # pressing opens the gate


def test_switching_mode_closes_what_is_open() -> None:
    talk = ptt()
    talk.press(0.0)
    assert talk.set_mode(TalkMode.HANDS_FREE) == [EndActivity()]
    talk.mic(block(1))
    assert talk.set_mode(TalkMode.PUSH_TO_TALK) == [EndAudioStream()]
    assert talk.set_mode(TalkMode.PUSH_TO_TALK) == []


def test_reset_forgets_a_talk_in_progress() -> None:
    talk = ptt()
    talk.press(0.0)
    talk.reset()
    assert not talk.talking and talk.end_input() == []
