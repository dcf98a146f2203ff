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


def test_settings_ok_does_not_ask_the_keychain_unless_this_app_changed_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OK in Settings asks whether the key changed. The keychain is a D-Bus round trip (or a
    25 s timeout when its service hangs) on the UI thread: it is asked only after this app
    stored, deleted or set a key for this run."""
    from desktop.session.endpoint import Endpoint, key_unchanged

    from desktop import api_key

    asked: list[int] = []

    def keychain() -> ApiKey | None:
        asked.append(1)
        return None

    monkeypatch.setattr(api_key, "key_from_keychain", keychain)
    monkeypatch.setattr(api_key, "_this_run", None)
    for name in api_key.ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    endpoint = Endpoint("offline-demo", "https://127.0.0.1:1", None, True, "demo",
                        api_key.changes())  # fmt: skip
    assert key_unchanged(endpoint) and key_unchanged(endpoint)
    assert asked == []
    api_key.use_for_this_run("a-new-key")  # what Settings does when the keychain is missing
    assert not key_unchanged(endpoint)  # now it looks: the run's key wants Google instead
    assert asked == []  # the run's key comes before the keychain
    api_key.use_for_this_run(None)
    with pytest.raises(KeychainUnavailable):
        store_in_keychain("abc")  # conftest: keyring's "fail" backend
    assert key_unchanged(endpoint)  # looked (nothing stored): still the emulator
    assert asked == [1]
