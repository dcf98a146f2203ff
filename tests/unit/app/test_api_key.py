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
