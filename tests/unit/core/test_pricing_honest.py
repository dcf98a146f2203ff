"""The cost meter never shows a guess as a fact (issue 11)."""

from desktop.core.events import Usage
from desktop.core.live_codec import parse_usage
from desktop.core.pricing import ModelPrices, UsageMeter

PRICES = ModelPrices(
    input={"TEXT": 0.5, "AUDIO": 3.0, "IMAGE": 3.0},
    output={"TEXT": 2.0, "AUDIO": 12.0},
)


def test_tokens_the_details_leave_out_are_priced_at_the_dearest_rate() -> None:
    meter = UsageMeter()
    meter.add(Usage(1000, 500, 1500, {"TEXT": 400}, {}))
    assert (meter.unlabelled_prompt, meter.unlabelled_response) == (600, 500)
    expected = (400 * 0.5 + 600 * 3.0 + 500 * 12.0) / 1e6
    assert abs(meter.cost(PRICES) - expected) < 1e-12


def test_thoughts_and_tool_use_tokens_are_read_and_billed() -> None:
    usage = parse_usage(
        {
            "prompt_token_count": 100,
            "response_token_count": 10,
            "thoughts_token_count": 40,
            "tool_use_prompt_token_count": 20,
            "prompt_tokens_details": [{"modality": "TEXT", "token_count": 100}],
            "response_tokens_details": [{"modality": "AUDIO", "token_count": 10}],
        }
    )
    assert (usage.thoughts_tokens, usage.tool_use_prompt_tokens) == (40, 20)
    assert usage.total_tokens == 170
    meter = UsageMeter()
    meter.add(usage)
    expected = (100 * 0.5 + 10 * 12.0 + 40 * 2.0 + 20 * 0.5) / 1e6
    assert abs(meter.cost(PRICES) - expected) < 1e-12
    assert meter.to_dict()["thoughts_tokens"] == 40


def test_turns_without_usage_are_counted_not_priced_as_free() -> None:
    meter = UsageMeter()
    meter.turn_without_usage()
    meter.turn_without_usage()
    assert meter.unknown_turns == 2 and meter.to_dict()["turns_without_usage"] == 2
