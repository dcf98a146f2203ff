"""Request targets as Google's SDKs write them (pure)."""

import pytest
from desktop.emulator.access import authorised, read_target, split_target

LIVE = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


def test_a_double_slash_is_a_path_not_a_host() -> None:
    # urlsplit("//ws/...") would read "ws" as a host name and the rest as the path.
    assert split_target("/" + LIVE + "?key=K") == ("/" + LIVE, {"key": ["K"]})


@pytest.mark.parametrize(
    ("target", "headers", "form", "key", "token", "constrained"),
    [
        (LIVE, {"x-goog-api-key": "K"}, "header", "K", None, False),  # Python SDK
        ("/" + LIVE + "?key=K", {}, "query", "K", None, False),  # JS SDK
        (
            LIVE + "Constrained",
            {"Authorization": "Token auth_tokens/t"},
            "token-header",
            None,
            "auth_tokens/t",
            True,
        ),  # Python SDK, ephemeral token
        (
            "/" + LIVE + "Constrained?access_token=auth_tokens/t",
            {},
            "token-query",
            None,
            "auth_tokens/t",
            True,
        ),  # JS SDK, ephemeral token
        (LIVE, {}, "none", None, None, False),
    ],
)
def test_credential_forms(
    target: str,
    headers: dict[str, str],
    form: str,
    key: str | None,
    token: str | None,
    constrained: bool,
) -> None:
    read = read_target(target, headers)
    assert read.live and read.version == "v1beta"
    assert (read.credential_form, read.key, read.token, read.constrained) == (
        form,
        key,
        token,
        constrained,
    )


def test_only_live_paths_are_live() -> None:
    for target in ("/", "//ws", "/ws/other", "//evil.example/ws/x", LIVE + "/extra"):
        assert not read_target(target, {}).live


def test_authorisation() -> None:
    key = read_target("/" + LIVE + "?key=K", {})
    assert authorised(key, "K", set()) and not authorised(key, "other", set())
    assert authorised(key, None, set())  # no key required: anyone
    token = read_target("/" + LIVE + "Constrained?access_token=auth_tokens/t", {})
    assert authorised(token, "K", {"auth_tokens/t"})
    assert not authorised(token, "K", set())
    # The API key is not an ephemeral token on the constrained method.
    assert not authorised(read_target("/" + LIVE + "Constrained?access_token=K", {}), "K", set())
