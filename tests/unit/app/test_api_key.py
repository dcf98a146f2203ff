import pytest
from desktop.api_key import (
    ApiKey,
    KeychainUnavailable,
    key_from_env,
    resolve_api_key,
    store_in_keychain,
)


def test_env_order_and_blank_values() -> None:
    assert key_from_env({"GOOGLE_API_KEY": "g", "GEMINI_API_KEY": "m"}) == ApiKey(
        "m", "GEMINI_API_KEY"
    )
    assert key_from_env({"GEMINI_API_KEY": "  ", "GOOGLE_API_KEY": "g"}) == ApiKey(
        "g", "GOOGLE_API_KEY"
    )
    assert key_from_env({}) is None


def test_repr_hides_the_secret() -> None:
    assert "secret-value" not in repr(ApiKey("secret-value", "GEMINI_API_KEY"))


def test_no_keychain_means_no_key_and_a_readable_store_error() -> None:
    # conftest selects keyring's "fail" backend: a machine without any keychain.
    assert resolve_api_key({}) is None
    with pytest.raises(KeychainUnavailable, match="GEMINI_API_KEY"):
        store_in_keychain("abc")


def test_a_key_for_this_run_is_used_after_the_environment() -> None:
    from desktop.api_key import key_for_this_run, use_for_this_run

    use_for_this_run("  typed-key \n")
    found = resolve_api_key({})
    assert found == ApiKey("typed-key", "this run") and key_for_this_run() == found
    assert resolve_api_key({"GEMINI_API_KEY": "env"}) == ApiKey("env", "GEMINI_API_KEY")
    use_for_this_run(None)
    assert resolve_api_key({}) is None


def test_failure_of_reads_googles_answer_and_the_cause_chain() -> None:
    import socket

    from desktop.api_key import failure_of
    from desktop.core.key_check import KeyProblem, classify_key_failure
    from google.genai import errors

    answer = errors.ClientError(
        400,
        {
            "error": {
                "code": 400,
                "message": "API key not valid. Please pass a valid API key.",
                "status": "INVALID_ARGUMENT",
            }
        },
    )
    failure = failure_of(answer)
    assert (failure.status_code, failure.status) == (400, "INVALID_ARGUMENT")
    assert classify_key_failure(failure).problem is KeyProblem.INVALID_KEY

    try:  # the chain google-genai raises offline: ConnectError from socket.gaierror(-2)
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise ConnectionError("[Errno -2] Name or service not known") from exc
    except ConnectionError as offline:
        failure = failure_of(offline)
    assert failure.errno == -2 and failure.types == ("ConnectionError", "gaierror")
    assert classify_key_failure(failure).problem is KeyProblem.NO_NETWORK
