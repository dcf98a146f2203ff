"""The offline showcase in the conversation: questions about the screen are answered from the
last frame received, and "where is ..." becomes a real pointing call with a box."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from desktop.emulator.conversation import Conversation, DefaultKnobs, Phase
from desktop.emulator.setup import SessionConfig, parse_setup
from desktop.emulator.showcase import EMULATED, clean_target, read_ask, target_after
from desktop.emulator.wire import FunctionResponse, TextIn, ToolResponse, VideoIn

from tests.unit.emulator.test_emu_vision import inside, jpeg, ui_picture

POINT_AT = {
    "name": "point_at",
    "parameters": {
        "type": "OBJECT",
        "properties": {
            "box": {"type": "ARRAY", "items": {"type": "NUMBER"}, "min_items": 4},
            "label": {"type": "STRING"},
        },
        "required": ["box"],
    },
}


def config(*declarations: dict[str, Any]) -> SessionConfig:
    setup: dict[str, Any] = {"model": "models/emulator", "output_audio_transcription": {}}
    if declarations:
        setup["tools"] = [{"function_declarations": list(declarations)}]
    return parse_setup(setup)


def call_of(conv: Conversation) -> dict[str, Any]:
    call: dict[str, Any] = conv._plan.steps[-1].message["toolCall"]["functionCalls"][0]
    return call


def answer(conv: Conversation, call: dict[str, Any], response: dict[str, Any]) -> str:
    decision = conv.handle(ToolResponse((FunctionResponse(call["id"], call["name"], response),)))
    assert decision.resume
    return conv.continue_after_tools().text


def test_reading_what_is_asked() -> None:
    assert read_ask(["Where is the save button?"]) == read_ask(["where's the save button"])
    assert read_ask(["Where is the save button?"]).target == "save button"  # type: ignore[union-attr]
    assert read_ask(["Can you point at my red box on the screen?"]).target == "red box"  # type: ignore[union-attr]
    assert read_ask(["What do you see?"]).kind == "describe"  # type: ignore[union-attr]
    assert read_ask(["Please describe this"]).kind == "describe"  # type: ignore[union-attr]
    assert read_ask(["what's on my screen"]).kind == "describe"  # type: ignore[union-attr]
    assert read_ask(["Show me where the blue button is"]).target == "blue button"  # type: ignore[union-attr]
    assert read_ask(["show me a joke"]) is None
    assert read_ask(["hello"]) is None
    assert read_ask(["please call point_at"]) is None
    assert target_after(["please call point_at the red box."], "point_at") == "red box"
    assert clean_target("  the Blue thing in the window ") == "Blue thing"


def test_pointing_functions_are_read_from_the_setup() -> None:
    plain = {"name": "get_time"}
    assert config(POINT_AT, plain).pointers == ("point_at",)
    assert config(plain).pointers == ()


def test_where_is_calls_point_at_with_a_box_on_the_red_box() -> None:
    conv = Conversation(config(POINT_AT), call_id_prefix="fc")
    conv.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    conv.handle(TextIn("Where is the red box?"))
    plan = conv.begin_reply()
    assert plan.awaits_tools and conv.phase is Phase.AWAITING_TOOL
    call = call_of(conv)
    assert call["name"] == "point_at" and call["args"]["label"] == "red box"
    assert inside(call["args"]["box"], (480, 100, 560, 260), (1024, 576))
    text = answer(conv, call, {"result": "highlighted on the screen at x=1, y=2, 3x4"})
    assert text == (
        f"{EMULATED} There: I pointed at the largest red shape I saw, at the bottom left."
    )


def test_where_is_the_save_button_points_at_the_most_button_like_shape() -> None:
    conv = Conversation(config(POINT_AT))
    conv.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    conv.handle(TextIn("Where is the save button?"))
    conv.begin_reply()
    call = call_of(conv)
    assert call["args"]["label"] == "save button"
    assert inside(call["args"]["box"], (400, 800, 440, 920), (1024, 576))
    text = answer(conv, call, {"error": "nothing is shared, so there is no frame to point into"})
    assert text.startswith(f"{EMULATED} I tried to point at the most button-like shape I saw")
    assert text.endswith("point_at failed: nothing is shared, so there is no frame to point into.")


def test_where_is_without_point_at_or_without_a_frame_is_said_in_words() -> None:
    words = Conversation(config())
    words.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    words.handle(TextIn("where is the red box?"))
    plan = words.begin_reply()
    assert not plan.awaits_tools
    assert plan.text.startswith(f'{EMULATED} For "red box" I would pick the largest red shape')
    assert "from 10 to 26 % across and 83 to 97 % down the last frame." in plan.text

    blind = Conversation(config(POINT_AT))
    blind.handle(TextIn("where is the red box?"))
    plan = blind.begin_reply()
    assert not plan.awaits_tools
    assert 'I have no picture of your screen, so I cannot tell where "red box" is' in plan.text

    nothing = Conversation(config(POINT_AT))
    nothing.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    nothing.handle(TextIn("where is the green box?"))
    plan = nothing.begin_reply()
    assert not plan.awaits_tools
    assert plan.text == f'{EMULATED} I see nothing in the last frame that could be "green box".'


def test_describe_comes_from_the_frame_received() -> None:
    conv = Conversation(config())
    conv.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    conv.handle(TextIn("What do you see?"))
    text = conv.begin_reply().text
    assert text.startswith(f"{EMULATED} I saw 1 frame of 1024x576. In the last frame: ")
    assert "It is 1024x576, mostly white" in text and "red area at the bottom left" in text
    conv.complete_reply()
    # A later turn still describes the last frame, and says no new one came.
    conv.handle(TextIn("describe it again"))
    again = conv.begin_reply().text
    assert again.startswith(f"{EMULATED} I saw no new frame. In the last frame")


def test_describe_without_a_frame_or_with_an_unreadable_one() -> None:
    conv = Conversation(config())
    conv.handle(TextIn("what do you see?"))
    assert "I saw no frames: share a region" in conv.begin_reply().text
    conv.complete_reply()
    conv.handle(VideoIn(b"\xff\xd8\xff\xd9", "image/jpeg"))
    conv.handle(TextIn("what do you see?"))
    assert "I could not decode the last frame I received." in conv.begin_reply().text


def test_call_point_at_outright_carries_a_box() -> None:
    conv = Conversation(config(POINT_AT))
    conv.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    conv.handle(TextIn("please call point_at the red box"))
    conv.begin_reply()
    call = call_of(conv)
    assert inside(call["args"]["box"], (480, 100, 560, 260), (1024, 576))
    # With no frame at all, the whole picture, said as such (the app answers with its error).
    blind = Conversation(config(POINT_AT))
    blind.handle(TextIn("please call point_at"))
    blind.begin_reply()
    call = call_of(blind)
    assert call["args"] == {"box": [0, 0, 1000, 1000], "label": ""}
    text = answer(blind, call, {"error": "nothing is shared"})
    assert "I tried to point at the whole picture (no frame has arrived)" in text


@pytest.mark.parametrize("question", ["where is the red box?", "what do you see?"])
def test_a_responder_still_scripts_every_reply(question: str) -> None:
    conv = Conversation(config(POINT_AT), knobs=DefaultKnobs(responder=lambda t: "scripted"))
    conv.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    conv.handle(TextIn(question))
    assert conv.begin_reply().text == "scripted"


def test_an_asynchronous_pointing_call_says_where_it_pointed_when_the_result_comes() -> None:
    """3.8 Live calls NON_BLOCKING functions asynchronously: the pointing sentence comes in the
    turn that says the result."""

    @dataclass
    class AsyncKnobs(DefaultKnobs):
        async_calls: bool = True

    conv = Conversation(config({**POINT_AT, "behavior": "NON_BLOCKING"}), knobs=AsyncKnobs())
    conv.handle(VideoIn(jpeg(ui_picture()), "image/jpeg"))
    conv.handle(TextIn("where is the red box?"))
    plan = conv.begin_reply()
    assert plan.text == "One moment, I am on it." and not plan.awaits_tools
    call = call_of_async(plan.steps)
    conv.complete_reply()
    response = FunctionResponse(call["id"], "point_at", {"result": "ok"}, scheduling="WHEN_IDLE")
    decision = conv.handle(ToolResponse((response,)))
    assert decision.results
    said = conv.speak_results().text
    assert (
        said == f"{EMULATED} There: I pointed at the largest red shape I saw, at the bottom left."
    )


def call_of_async(steps: list[Any]) -> dict[str, Any]:
    (call,) = [s.message["toolCall"]["functionCalls"][0] for s in steps if "toolCall" in s.message]
    assert call["name"] == "point_at"
    return dict(call)
