from __future__ import annotations

import struct

import numpy as np
from desktop.emulator.conversation import Conversation, DefaultKnobs, Phase
from desktop.emulator.resumption import ResumptionStore
from desktop.emulator.setup import SessionConfig
from desktop.emulator.vad import VadConfig
from desktop.emulator.wire import (
    ActivityEnd,
    ActivityStart,
    AudioIn,
    AudioStreamEnd,
    ClientContent,
    ContentTurn,
    FunctionResponse,
    TextIn,
    ToolResponse,
    VideoIn,
)

RATE = 16000


def fake_jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes(9)
    return b"\xff\xd8" + sof + b"\xff\xda\x00\x02\xff\xd9"


def tone(seconds: float) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()


def config(**kwargs: object) -> SessionConfig:
    base: dict[str, object] = {
        "input_transcription": True,
        "output_transcription": True,
    }
    base.update(kwargs)
    return SessionConfig(**base)  # type: ignore[arg-type]


def transcript(conv: Conversation) -> str:
    plan = conv._plan
    return "".join(
        s.message["serverContent"].get("outputTranscription", {}).get("text", "")
        for s in plan.steps
        if "serverContent" in s.message
    )


def test_text_turn_plan_and_completion() -> None:
    conv = Conversation(config())
    decision = conv.handle(TextIn("hello"))
    assert decision.respond and not decision.interrupt
    plan = conv.begin_reply()
    assert conv.phase is Phase.GENERATING
    assert plan.text == (
        'You wrote: "hello". I heard 0.0 seconds of audio and saw no frames. This is reply 1.'
    )
    assert transcript(conv) == plan.text
    first = plan.steps[0].message["serverContent"]
    assert first["modelTurn"]["parts"][0]["inlineData"]["mimeType"] == "audio/pcm;rate=24000"
    assert "inputTranscription" not in first  # typed text is not transcribed
    generation, final = conv.complete_reply()
    # Google: generationComplete alone, then turnComplete with the usage.
    assert generation == {"serverContent": {"generationComplete": True}}
    assert final["serverContent"] == {"turnComplete": True}
    usage = final["usageMetadata"]
    assert usage["promptTokenCount"] == 2
    assert usage["responseTokensDetails"][0]["modality"] == "AUDIO"
    assert conv.phase is Phase.IDLE and conv.state.replies == 1


def test_prompt_tokens_grow_with_context() -> None:
    conv = Conversation(config())
    prompts = []
    for text in ["one", "two", "three"]:
        conv.handle(TextIn(text))
        conv.begin_reply()
        prompts.append(conv.complete_reply()[1]["usageMetadata"]["promptTokenCount"])
    assert prompts[0] < prompts[1] < prompts[2]


def test_text_modality_replies_with_text_parts() -> None:
    conv = Conversation(config(response_modalities=("TEXT",)))
    conv.handle(TextIn("hi"))
    plan = conv.begin_reply()
    texts = [s.message["serverContent"]["modelTurn"]["parts"][0]["text"] for s in plan.steps]
    assert "".join(texts) == plan.text
    assert all("outputTranscription" not in s.message["serverContent"] for s in plan.steps)
    usage = conv.complete_reply()[1]["usageMetadata"]
    assert usage["responseTokensDetails"] == [
        {"modality": "TEXT", "tokenCount": usage["responseTokenCount"]}
    ]


def test_server_vad_turn_with_frames() -> None:
    conv = Conversation(config())
    conv.handle(VideoIn(fake_jpeg(1024, 576), "image/jpeg"))
    conv.handle(VideoIn(fake_jpeg(1024, 576), "image/jpeg"))
    decisions = [conv.handle(AudioIn(tone(1.0), RATE)), conv.handle(AudioIn(bytes(22400), RATE))]
    assert decisions[-1].respond
    plan = conv.begin_reply()
    assert plan.text.startswith("I heard 1.0 seconds of audio and saw 2 frames of 1024x576.")
    first = plan.steps[0].message["serverContent"]
    assert first["inputTranscription"] == {"text": "(1.0 seconds of speech)"}
    assert "modelTurn" in first and "outputTranscription" in first
    usage = conv.complete_reply()[1]["usageMetadata"]
    modalities = {d["modality"] for d in usage["promptTokensDetails"]}
    assert modalities == {"TEXT", "AUDIO", "IMAGE"}


def test_transcriber_hook_receives_the_utterance() -> None:
    heard: list[bytes] = []

    def transcribe(pcm: bytes) -> str:
        heard.append(pcm)
        return "what is on my screen"

    conv = Conversation(config(), knobs=DefaultKnobs(transcriber=transcribe))
    conv.handle(AudioIn(tone(0.5) + bytes(20000), RATE))
    plan = conv.begin_reply()
    assert heard and heard[0] == tone(0.5)[: len(heard[0])]
    assert plan.text.startswith('You said: "what is on my screen".')


def test_push_to_talk_brackets_the_turn() -> None:
    conv = Conversation(config(vad=VadConfig(disabled=True)))
    assert not conv.handle(AudioIn(tone(0.5), RATE)).respond  # outside brackets
    conv.handle(ActivityStart())
    conv.handle(AudioIn(tone(0.3) + bytes(6400), RATE))
    assert conv.handle(ActivityEnd()).respond
    plan = conv.begin_reply()
    assert plan.text.startswith("I heard 0.5 seconds of audio")


def test_audio_stream_end_flushes_speech() -> None:
    conv = Conversation(config())
    assert not conv.handle(AudioIn(tone(0.6), RATE)).respond
    assert conv.handle(AudioStreamEnd()).respond
    assert conv.begin_reply().text.startswith("I heard 0.6 seconds")


def test_barge_in_cuts_the_reply() -> None:
    conv = Conversation(config())
    conv.handle(TextIn("first"))
    plan = conv.begin_reply()
    decision = conv.handle(TextIn("second"))
    assert decision.interrupt and decision.respond
    messages = conv.interrupt(delivered_steps=3)
    assert messages[0] == {"serverContent": {"interrupted": True}}
    assert messages[1]["serverContent"] == {"turnComplete": True}
    assert conv.state.replies == 0
    delivered_words = sum(s.words for s in plan.steps[:3])
    assert conv.state.history[-1][1].split()[:-1] == plan.text.split()[:delivered_words]
    assert conv.begin_reply().text.startswith('You wrote: "second".')


def test_no_turn_complete_after_interrupt_when_switched_off() -> None:
    conv = Conversation(config(), knobs=DefaultKnobs(turn_complete_after_interrupt=False))
    conv.handle(TextIn("first"))
    conv.begin_reply()
    assert conv.interrupt(1) == [{"serverContent": {"interrupted": True}}]


def test_speech_start_interrupts_but_not_with_no_interruption() -> None:
    conv = Conversation(config())
    conv.handle(TextIn("x"))
    conv.begin_reply()
    assert conv.handle(AudioIn(tone(0.1), RATE)).interrupt
    calm = Conversation(config(activity_handling="NO_INTERRUPTION"))
    calm.handle(TextIn("x"))
    calm.begin_reply()
    assert not calm.handle(AudioIn(tone(0.1), RATE)).interrupt
    assert not calm.handle(TextIn("y")).interrupt


def test_client_content_without_turn_complete_only_appends() -> None:
    conv = Conversation(config())
    turn = ContentTurn("user", ("context",))
    assert not conv.handle(ClientContent((turn,), turn_complete=False)).respond
    assert conv.handle(ClientContent((ContentTurn("user", ("go",)),), True)).respond
    assert conv.begin_reply().text.startswith('You wrote: "context" and "go".')


def test_tool_call_round_trip() -> None:
    conv = Conversation(config(function_names=("get_time",)), call_id_prefix="fc")
    conv.handle(TextIn("please call get_time"))
    plan = conv.begin_reply()
    assert plan.awaits_tools and conv.phase is Phase.AWAITING_TOOL
    call = plan.steps[-1].message["toolCall"]["functionCalls"][0]
    assert call == {"id": "fc-1", "name": "get_time", "args": {}}
    assert not conv.handle(ToolResponse((FunctionResponse("nope", "x", {}),))).resume
    decision = conv.handle(ToolResponse((FunctionResponse("fc-1", "get_time", {"t": "noon"}),)))
    assert decision.resume
    reply = conv.continue_after_tools()
    assert 'I called get_time and it returned {"t": "noon"}.' in reply.text
    assert conv.complete_reply()[1]["serverContent"]["turnComplete"]


def test_scripted_tool_call_and_cancellation() -> None:
    conv = Conversation(config())
    conv.handle(TextIn("hi"))
    conv.begin_reply(tool_call=("lookup", {"q": "x"}))
    messages, ready = conv.cancel_tool_calls(None)
    assert messages == [{"toolCallCancellation": {"ids": ["function-call-1"]}}]
    assert ready
    assert "The call to lookup was cancelled." in conv.continue_after_tools().text


def test_barge_in_during_tool_call_cancels_it() -> None:
    conv = Conversation(config())
    conv.handle(TextIn("hi"))
    conv.begin_reply(tool_call=("lookup", {}))
    assert conv.handle(TextIn("never mind")).interrupt
    messages = conv.interrupt(1)
    assert messages[0] == {"toolCallCancellation": {"ids": ["function-call-1"]}}
    assert messages[1] == {"serverContent": {"interrupted": True}}


def test_scripted_reply_text() -> None:
    conv = Conversation(config())
    conv.handle(TextIn("hi"))
    assert conv.begin_reply(script="Scripted words.").text == "Scripted words."


def test_resumption_handles_carry_the_state() -> None:
    store = ResumptionStore()
    conv = Conversation(config(resumption=True), store=store)
    conv.handle(TextIn("hi"))
    conv.begin_reply()
    _, final, update = conv.complete_reply()
    handle = update["sessionResumptionUpdate"]["newHandle"]
    assert update["sessionResumptionUpdate"]["resumable"] is True
    state = store.restore(handle)
    assert state is not None and state.replies == 1
    resumed = Conversation(config(resumption=True), store=store, state=state)
    resumed.handle(TextIn("again"))
    assert resumed.begin_reply().text.endswith("This is reply 2.")
    usage = resumed.complete_reply()[1]["usageMetadata"]
    assert usage["promptTokenCount"] > final["usageMetadata"]["promptTokenCount"]
