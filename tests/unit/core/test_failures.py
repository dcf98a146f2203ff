import pytest
from desktop.core.failures import (
    INTERMITTENT_LIMIT,
    Action,
    Context,
    FailureKind,
    classify,
    decide,
)


@pytest.mark.parametrize(
    ("code", "reason", "retryable", "needle"),
    [
        (1011, "Internal error encountered.", True, "internal error"),
        (1006, "", True, "dropped"),
        (1007, "Request contains an invalid argument.", False, "invalid"),
        (1008, "API key not valid. Please pass a valid API key.", False, "API key"),
        (1008, "models/x is not found for API version v1beta", False, "not available"),
        (1008, "Requested entity was not found.", True, "policy"),
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


# -- every real close reason in the Live API notes, decided with its context (issue 11) ----

DEADLINE = Context(after_go_away=True)
LIVE = Context()
SETUP = Context(during_setup=True)
RESUME = Context(during_setup=True, resuming=True, resume_failures=1)
RESUME_TWICE = Context(during_setup=True, resuming=True, resume_failures=2)


@pytest.mark.parametrize(
    ("code", "reason", "ctx", "action", "needle"),
    [
        # 1011: unavailable / internal / deadline-style traces: retried with back-off.
        (1011, "The service is currently unavailable.", LIVE, Action.RETRY, "internal"),
        (1011, "Internal error occurred.", LIVE, Action.RETRY, "internal"),
        (1011, "Internal error encountered.", SETUP, Action.RETRY, "internal"),
        (1011, "RPC::DEADLINE_EXCEEDED: stream timed out [trace 0x9f]", LIVE, Action.RETRY, ""),
        # The close at a goAway deadline is never fatal, whatever it looks like.
        (1011, "Deadline expired before operation could complete.", DEADLINE, Action.RETRY, ""),
        (1008, "", DEADLINE, Action.RETRY, "as announced"),
        (1000, "", DEADLINE, Action.RETRY, "as announced"),
        # A 1011 quota message stops and says what to do.
        (
            1011,
            "You exceeded your current quota, please check your plan",
            LIVE,
            Action.STOP,
            "billing",
        ),
        # 1008 session not found: a stale handle; resumed -> a new session at once.
        (1008, "BidiGenerateContent session not found", RESUME, Action.FRESH, "new session"),
        # 1008 seen at random after a tool response / intermittently: retried.
        (1008, "Requested entity was not found.", LIVE, Action.RETRY, "policy"),
        (1008, "Operation is not implemented, or supported, or enabled.", LIVE, Action.RETRY, ""),
        (1008, "", LIVE, Action.RETRY, "policy"),
        (1008, "Permission denied on resource project 12345.", SETUP, Action.STOP, "project"),
        # 1007: invalid argument at setup is our request (fatal); on a live connection it is
        # about an input (retried; the poison rule stops a repeat).
        (1007, "Request contains an invalid argument.", SETUP, Action.STOP, "invalid"),
        (1007, "Request contains an invalid argument.", LIVE, Action.RETRY, "invalid"),
        (1007, "API key expired. Please renew the API key.", SETUP, Action.STOP, "renew"),
        (1007, "User location is not supported for the API use.", SETUP, Action.STOP, "where"),
        # A resume that fails twice in a row, whatever the code, starts a new session.
        (1011, "Internal error encountered.", RESUME_TWICE, Action.FRESH, "new session"),
        (1007, "Request contains an invalid argument.", RESUME, Action.RETRY, "invalid"),
        # Cut at 123 bytes: the hints still work on what is left.
        (
            1011,
            ("You exceeded your current quota, please check your plan and billing " * 3)[:123],
            LIVE,
            Action.STOP,
            "quota",
        ),
    ],
)
def test_every_real_close_reason(
    code: int, reason: str, ctx: Context, action: Action, needle: str
) -> None:
    verdict = decide(classify(FailureKind.CLOSED, code, reason), ctx)
    assert verdict.action is action
    assert needle.lower() in verdict.message.lower()


def test_intermittent_1008_becomes_fatal_only_when_it_keeps_coming() -> None:
    failure = classify(FailureKind.CLOSED, 1008, "Requested entity was not found.")
    for repeats in range(1, INTERMITTENT_LIMIT):
        assert decide(failure, Context(repeats=repeats)).action is Action.RETRY
    stop = decide(failure, Context(repeats=INTERMITTENT_LIMIT))
    assert stop.action is Action.STOP and "times in a row" in stop.message


def test_a_model_that_does_not_exist_is_fatal_at_setup_but_not_when_resuming() -> None:
    failure = classify(FailureKind.CLOSED, 1008, "models/nope is not found for API version v1beta")
    assert decide(failure, SETUP).action is Action.STOP
    assert decide(failure, RESUME).action is Action.RETRY  # counted as a failed resume
    assert decide(failure, RESUME_TWICE).action is Action.FRESH


def test_local_problems_stop_and_transient_ones_retry() -> None:
    assert decide(classify(FailureKind.TLS, reason="x"), LIVE).action is Action.STOP
    assert decide(classify(FailureKind.REFUSED), SETUP).action is Action.RETRY
    assert decide(classify(FailureKind.STALLED), LIVE).action is Action.RETRY
    assert decide(classify(FailureKind.HTTP, 429), SETUP).action is Action.RETRY
