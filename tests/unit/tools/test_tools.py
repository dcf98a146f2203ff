"""Declarations from typed signatures, argument checks, call bookkeeping, box mapping."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from desktop.core.geometry import FrameGeometry, Rect, Screen
from desktop.core.live_config import build_connect_config
from desktop.core.tool_box import BoxError, box_to_logical
from desktop.core.tool_calls import CallBook, Verdict, error_response, ok_response
from desktop.core.tool_schema import ArgumentError, Limits, declaration_of, validate_args
from desktop.settings import Settings
from desktop.tools.builtin import POINT_AT_INSTRUCTION, PrintEffects, build_registry

Pct = Annotated[float, Limits(minimum=0, maximum=100)]


def sample(query: str, count: int = 3, scale: Pct = 50.0, tags: list[str] = []) -> str:  # noqa: B006
    """Look something up.

    Args:
        query: What to look for,
            over two lines.
        count: How many.
        scale: A percentage.
    """
    return query


def mode(kind: Literal["fast", "slow"], on: bool) -> None:
    """Pick a mode."""


def test_declaration_from_signature_and_docstring() -> None:
    decl = declaration_of(sample)
    assert decl["name"] == "sample"
    assert decl["description"] == "Look something up."
    params = decl["parameters"]
    assert params["required"] == ["query"]
    assert params["properties"]["query"] == {
        "type": "STRING",
        "description": "What to look for, over two lines.",
    }
    assert params["properties"]["count"]["type"] == "INTEGER"
    assert params["properties"]["scale"] == {
        "type": "NUMBER",
        "minimum": 0,
        "maximum": 100,
        "description": "A percentage.",
    }
    assert params["properties"]["tags"] == {"type": "ARRAY", "items": {"type": "STRING"}}
    assert declaration_of(mode)["parameters"]["properties"]["kind"] == {
        "type": "STRING",
        "enum": ["fast", "slow"],
    }


def test_declaration_needs_docstring_and_types() -> None:
    def bare(x: int) -> None:
        pass

    with pytest.raises(ValueError, match="docstring"):
        declaration_of(bare)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ({}, "missing argument(s): query"),
        ({"query": 3}, "query must be a string"),
        ({"query": "a", "count": 2.5}, "count must be a whole number"),
        ({"query": "a", "count": True}, "count must be a number"),
        ({"query": "a", "scale": 101}, "scale must be between 0 and 100, not 101"),
        ({"query": "a", "tags": "x"}, "tags must be a list"),
        ({"query": "a", "nope": 1}, "unknown argument(s): nope"),
        ([1], "arguments must be an object"),
    ],
)
def test_bad_arguments_have_a_reason(args: object, reason: str) -> None:
    with pytest.raises(ArgumentError) as info:
        validate_args(declaration_of(sample), args)
    assert str(info.value) == reason


def test_arguments_are_coerced() -> None:
    got = validate_args(declaration_of(sample), {"query": "a", "count": 4.0, "scale": 7})
    assert got == {"query": "a", "count": 4, "scale": 7.0}
    assert isinstance(got["count"], int) and isinstance(got["scale"], float)


def test_call_book_never_answers_cancelled_or_stale_calls() -> None:
    book = CallBook()
    book.issued("a", "f", link=1)
    book.issued("b", "f", link=1)
    book.issued("c", "f", link=1)
    assert book.cancelled(["a", "zzz"]) == ["a"]
    assert book.answer("a") is Verdict.CANCELLED
    assert book.answer("b") is Verdict.SEND
    assert book.answer("b") is Verdict.ANSWERED
    assert book.open_on(1) == 1
    assert book.connection_gone(1) == ["c"]
    assert book.answer("c") is Verdict.CANCELLED
    assert book.answer("never") is Verdict.UNKNOWN
    book.forget_link(1)
    assert book.open_on(1) == 0


def test_responses() -> None:
    assert ok_response({"a": 1}) == {"result": {"a": 1}}
    assert ok_response(object())["result"].startswith("<object")
    assert error_response("nope") == {"error": "nope"}


SCREENS = [
    Screen.from_logical(1, "left", Rect(0, 0, 1920, 1080), 1.0),
    Screen.from_logical(2, "hidpi", Rect(1920, 0, 1280, 800), 2.0),
]


def test_box_maps_through_the_shared_region_hidpi() -> None:
    # A region on the 2x screen: device (4000, 200, 1000, 500), sent as a 500x250 frame.
    fg = FrameGeometry(Rect(4000, 200, 1000, 500), 500, 250)
    rect = box_to_logical(fg, [0, 0, 500, 500], SCREENS)
    # Device (4000, 200, 500, 250) -> logical on screen 2: 1920 + (4000 - 3840) / 2 = 2000.
    assert rect == Rect(2000, 100, 250, 125)


def test_box_on_the_plain_screen() -> None:
    fg = FrameGeometry(Rect(100, 100, 800, 400), 800, 400)
    assert box_to_logical(fg, [250, 500, 750, 1000], SCREENS) == Rect(500, 200, 400, 200)


@pytest.mark.parametrize(
    ("fg", "box", "reason"),
    [
        (FrameGeometry(Rect(0, 0, 10, 10), 10, 10), [0, 0, 1001, 10], "outside the frame"),
        (FrameGeometry(Rect(0, 0, 10, 10), 10, 10), [500, 0, 400, 10], "empty"),
        (FrameGeometry(Rect(0, 0, 10, 10), 10, 10), [1, 2, 3], "ymin, xmin"),
        (None, [0, 0, 10, 10], "nothing is shared"),
        (FrameGeometry(None, 640, 480), [0, 0, 10, 10], "camera"),
    ],
)
def test_bad_boxes(fg: FrameGeometry | None, box: list[float], reason: str) -> None:
    with pytest.raises(BoxError, match=reason):
        box_to_logical(fg, box, SCREENS)


def test_registry_follows_settings_and_point_at_runs_headless() -> None:
    effects = PrintEffects(FrameGeometry(Rect(0, 0, 1000, 1000), 500, 500), SCREENS[:1])
    registry = build_registry(Settings(), effects)
    assert registry.names == ["point_at"]
    decl = registry.declarations()[0]
    assert "[ymin, xmin, ymax, xmax]" in decl["parameters"]["properties"]["box"]["description"]
    assert decl["parameters"]["properties"]["box"]["min_items"] == 4
    tool = registry.get("point_at")
    assert tool is not None
    tool.fn(box=[100, 200, 300, 400], label="Save")
    assert effects.log == [("highlight", (Rect(200, 100, 200, 200), "Save"))]
    everything = Settings(tools_clipboard=True, tools_open_url=True)
    assert build_registry(everything, effects).names == [
        "point_at",
        "copy_to_clipboard",
        "open_url",
    ]
    assert len(build_registry(Settings(tools_point_at=False), effects)) == 0


async def test_look_closer_only_when_enabled_and_its_image_goes_with_the_response() -> None:
    import asyncio

    from desktop.core.events import FunctionCall, ToolCallRequested
    from desktop.core.tool_calls import ToolImage
    from desktop.tools.runner import ToolRunner

    assert "look_closer" not in build_registry(Settings(), PrintEffects()).names
    image = ToolImage(b"jpeg", 3000, 2000, note="a picture")

    class Shared(PrintEffects):
        async def fresh_look(self) -> ToolImage | str:
            return image

    for effects, expected_images, expected in [
        (Shared(), (image,), {"result": "a picture"}),
        (PrintEffects(), (), {"error": "no picture: nothing is shared"}),
    ]:
        registry = build_registry(Settings(tools_point_at=False, tools_fresh_look=True), effects)
        assert registry.names == ["look_closer"]
        decl = registry.declarations()[0]
        assert "fine print" in decl["description"]
        sent: list[tuple[str, dict[str, object], tuple[ToolImage, ...]]] = []
        done = asyncio.Event()

        def respond(call_id, name, response, images, sent=sent, done=done):  # type: ignore[no-untyped-def]
            sent.append((call_id, response, tuple(images)))
            done.set()

        runner = ToolRunner(registry, respond)
        runner.on_event(ToolCallRequested((FunctionCall("c1", "look_closer", {}),)))
        await asyncio.wait_for(done.wait(), 5)
        assert sent == [("c1", expected, expected_images)]


def test_connect_config_tools_and_instruction() -> None:
    decls = build_registry(Settings(), PrintEffects()).declarations()
    config = build_connect_config(
        Settings(tools_google_search=True),
        function_declarations=decls,
        instruction_addition=POINT_AT_INSTRUCTION,
    )
    # gemini-3.8-live (the default) calls functions asynchronously: NON_BLOCKING.
    non_blocking = [{**d, "behavior": "NON_BLOCKING"} for d in decls]
    assert config["tools"] == [{"function_declarations": non_blocking}, {"google_search": {}}]
    text = config["system_instruction"]["parts"][0]["text"]
    assert text.startswith(Settings().system_instruction) and text.endswith(POINT_AT_INSTRUCTION)
    assert "tools" not in build_connect_config(Settings())
