from desktop.core.casing import camel, camel_keys, snake, snake_keys


def test_snake_and_camel_round_trip() -> None:
    assert snake("mimeType") == "mime_type"
    assert snake("mime_type") == "mime_type"
    assert snake("promptTokenCount") == "prompt_token_count"
    assert camel("mime_type") == "mimeType"
    assert camel("mimeType") == "mimeType"


def test_nested_keys_normalised_values_untouched() -> None:
    raw = {"serverContent": {"modelTurn": {"parts": [{"inlineData": {"mimeType": "audio/pcm"}}]}}}
    assert snake_keys(raw) == {
        "server_content": {"model_turn": {"parts": [{"inline_data": {"mime_type": "audio/pcm"}}]}}
    }
    assert camel_keys(snake_keys(raw)) == raw
    assert snake_keys({"text": "keepCamelInValues"}) == {"text": "keepCamelInValues"}
