import pytest
from desktop.core.failures import FailureKind, classify


@pytest.mark.parametrize(
    ("code", "reason", "retryable", "needle"),
    [
        (1011, "Internal error encountered.", True, "internal error"),
        (1006, "", True, "dropped"),
        (1007, "Request contains an invalid argument.", False, "invalid"),
        (1008, "API key not valid. Please pass a valid API key.", False, "API key"),
        (1008, "models/x is not found for API version v1beta", False, "not available"),
        (1011, "You exceeded your current quota", False, "Quota"),
        (1000, "", True, "ended"),
        (1013, "", True, "busy"),
    ],
)
def test_close_codes(code: int, reason: str, retryable: bool, needle: str) -> None:
    failure = classify(FailureKind.CLOSED, code, reason)
    assert failure.retryable is retryable
    assert needle.lower() in failure.message.lower()
    assert failure.code == code


def test_refused_handle_means_reconnect_as_new_session() -> None:
    failure = classify(FailureKind.CLOSED, 1008, "Invalid session resumption handle")
    assert failure.retryable and failure.drop_handle


def test_connection_level_failures_name_the_endpoint() -> None:
    refused = classify(FailureKind.REFUSED, where="127.0.0.1:9")
    assert refused.retryable and "127.0.0.1:9" in refused.message
    tls = classify(FailureKind.TLS, reason="self-signed certificate", where="x:1")
    assert not tls.retryable and "certificate" in tls.message
    assert not classify(FailureKind.HTTP, 404).retryable
    assert not classify(FailureKind.HTTP, 401).retryable
    assert classify(FailureKind.HTTP, 503).retryable
    assert classify(FailureKind.MALFORMED, reason="bad").retryable
