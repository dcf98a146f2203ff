"""What went wrong with a connection, in words a user can act on, and whether to retry.

The SDK surfaces a server close as `APIError(code, reason)`; connection-level failures arrive
as exceptions. The session edge maps those to a `FailureKind` and a code/reason; this module
decides the message and the policy, so both are testable without a network.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cause(StrEnum):
    """What a close most likely means, from its code and (as hints) its words."""

    TRANSIENT = "transient"  # dropped, internal error, unavailable: retry with back-off
    RESUME = "resume"  # the resumption handle is stale or refused
    INTERMITTENT = "intermittent"  # a 1008 seen at random: retry, fatal if it keeps coming
    INVALID = "invalid"  # 1007 invalid argument: the setup (fatal) or an input (poison rule)
    MODEL = "model"  # the model does not exist for this key / API version
    KEY = "key"  # the API key is invalid or expired
    PERMISSION = "permission"
    REGION = "region"  # the user's location is not supported
    QUOTA = "quota"
    LOCAL = "local"  # our side or the network setup: TLS, HTTP, a bug


class FailureKind(StrEnum):
    CLOSED = "closed"  # the server closed the WebSocket with a code
    REFUSED = "refused"  # nothing listens at the address
    UNREACHABLE = "unreachable"  # DNS failure, no route, network down
    TIMEOUT = "timeout"  # connecting or the opening handshake timed out
    TLS = "tls"  # certificate not trusted, or TLS handshake failed
    HTTP = "http"  # the server answered the upgrade with an HTTP status
    MALFORMED = "malformed"  # the server sent something that is not valid JSON
    STALLED = "stalled"  # the server stopped answering while a reply was due
    INTERNAL = "internal"  # a bug on our side: reported, never swallowed


@dataclass(frozen=True)
class Failure:
    message: str
    retryable: bool
    code: int | None = None
    # The resumption handle was refused: reconnect, but as a new session.
    drop_handle: bool = False
    cause: Cause = Cause.TRANSIENT


def classify(
    kind: FailureKind, code: int | None = None, reason: str = "", where: str = ""
) -> Failure:
    """`where` names the endpoint for messages ("127.0.0.1:8443", "Google")."""
    reason = (reason or "").strip().rstrip(".")
    lowered = reason.lower()
    suffix = f": {reason}" if reason else ""
    at = f" {where}" if where else ""
    if kind is FailureKind.REFUSED:
        return Failure(f"Cannot connect to{at}: connection refused.", True)
    if kind is FailureKind.UNREACHABLE:
        return Failure(f"Cannot reach{at}{suffix}. Check the network connection.", True)
    if kind is FailureKind.TIMEOUT:
        return Failure(f"Connecting to{at} timed out.", True)
    if kind is FailureKind.TLS:
        return Failure(
            f"Secure connection to{at} failed{suffix}. The server's certificate is not trusted.",
            False,
            cause=Cause.LOCAL,
        )
    if kind is FailureKind.HTTP:
        if code in (401, 403):
            return Failure(
                f"The server refused access (HTTP {code}). Check the API key.",
                False,
                code,
                cause=Cause.KEY,
            )
        if code == 404:
            return Failure(
                f"The Live API endpoint was not found at{at} (HTTP 404).",
                False,
                code,
                cause=Cause.LOCAL,
            )
        if code == 429:
            return Failure(
                "Too many requests (HTTP 429). Try again later.", True, code, cause=Cause.TRANSIENT
            )
        retryable = code is None or code >= 500
        return Failure(
            f"The server answered HTTP {code}{suffix}.",
            retryable,
            code,
            cause=Cause.TRANSIENT if retryable else Cause.LOCAL,
        )
    if kind is FailureKind.STALLED:
        return Failure(f"The server at{at} stopped answering{suffix}.", True)
    if kind is FailureKind.MALFORMED:
        return Failure(f"The server sent a malformed message{suffix}.", True)
    if kind is FailureKind.INTERNAL:
        return Failure(f"Internal error{suffix}.", False, cause=Cause.LOCAL)
    return _classify_close(code, reason, lowered, suffix)


def _classify_close(code: int | None, reason: str, lowered: str, suffix: str) -> Failure:
    """Words are hints here; `decide` weighs them against the code and what happened."""
    cause = _cause_of_words(lowered)
    if cause is Cause.KEY:
        return Failure(
            f"The API key was rejected{suffix}. Check or renew the key in Settings.",
            False,
            code,
            cause=cause,
        )
    if cause is Cause.PERMISSION:
        return Failure(
            f"Permission denied{suffix}. Check that the key's project may use the Live API.",
            False,
            code,
            cause=cause,
        )
    if cause is Cause.REGION:
        return Failure(
            f"The Live API is not available where you are{suffix}.", False, code, cause=cause
        )
    if cause is Cause.QUOTA:
        return Failure(
            f"Quota exceeded{suffix}. Check the plan and billing of the key's project, or try "
            "again later.",
            False,
            code,
            cause=cause,
        )
    if cause is Cause.RESUME:
        return Failure(
            f"The session could not be resumed{suffix}; starting a new one.",
            True,
            code,
            drop_handle=True,
            cause=cause,
        )
    if cause is Cause.MODEL:
        return Failure(
            f"The model is not available{suffix}. Pick another in Settings.",
            False,
            code,
            cause=cause,
        )
    if code == 1007:
        return Failure(
            f"The server rejected the request as invalid{suffix}.", False, code, cause=Cause.INVALID
        )
    if code == 1008:
        # "Requested entity was not found" (at random after a tool response), "Operation is
        # not implemented, or supported, or enabled." (intermittent), the reason-less close at
        # a goAway deadline: retried with back-off, fatal only if it keeps happening.
        return Failure(
            f"The server refused the session (policy){suffix}.",
            True,
            code,
            cause=Cause.INTERMITTENT,
        )
    if code == 1011:
        return Failure(f"The server had an internal error{suffix}.", True, code)
    if code == 1013:
        return Failure(f"The server is busy{suffix}.", True, code)
    if code == 1006 or code is None:
        return Failure("The connection dropped.", True, code)
    if code in (1000, 1001):
        return Failure(f"The server ended the connection{suffix}.", True, code)
    return Failure(f"The connection closed with code {code}{suffix}.", True, code)


def _cause_of_words(lowered: str) -> Cause | None:
    if "api key" in lowered or "api_key" in lowered:
        return Cause.KEY
    if "permission" in lowered:
        return Cause.PERMISSION
    if "location is not supported" in lowered or "region" in lowered:
        return Cause.REGION
    if "quota" in lowered or "resource_exhausted" in lowered or "rate limit" in lowered:
        return Cause.QUOTA
    if "session not found" in lowered or "handle" in lowered or "resum" in lowered:
        return Cause.RESUME
    if "models/" in lowered or ("model" in lowered and "not found" in lowered):
        return Cause.MODEL
    return None


# -- deciding with context ----------------------------------------------------------------

# Consecutive unhealthy failures of an "intermittent" kind (a 1008 without a recognised
# reason, a 1007 on a live connection) tolerated before the session gives up on them.
INTERMITTENT_LIMIT = 4
# A resume that fails this many times in a row (any code) starts a fresh session instead.
RESUME_LIMIT = 2
_STOPPING = frozenset({Cause.KEY, Cause.PERMISSION, Cause.REGION, Cause.QUOTA})


class Action(StrEnum):
    RETRY = "retry"  # reconnect (resuming with the handle, if any) after the back-off
    FRESH = "fresh"  # reconnect as a new session, seeded with the recent conversation
    STOP = "stop"  # fatal: say what to do


@dataclass(frozen=True)
class Context:
    """What happened around a failure, as the session saw it."""

    during_setup: bool = False  # before setupComplete (the server refused the setup)
    resuming: bool = False  # the connection presented a resumption handle
    after_go_away: bool = False  # the server announced the close (goAway) on this connection
    resume_failures: int = 0  # resumes in a row that failed before proving healthy, this one too
    repeats: int = 1  # the same failure (code, cause) in a row, unhealthy, this one included


@dataclass(frozen=True)
class Verdict:
    action: Action
    message: str


def decide(failure: Failure, ctx: Context) -> Verdict:
    """What to do about `failure`: by what the code and the session's history say first, the
    reason's words only as hints (they drift; the code and the behaviour do not)."""
    cause = failure.cause
    if cause in _STOPPING:
        return Verdict(Action.STOP, failure.message)
    closed = failure.code is not None and failure.code >= 1000
    if ctx.after_go_away and closed and failure.code != 1007:
        # The server said it would close: whatever code it closes with, the session goes on.
        return Verdict(Action.RETRY, "The server ended the connection as announced; resuming.")
    if ctx.resuming and (cause is Cause.RESUME or ctx.resume_failures >= RESUME_LIMIT):
        return Verdict(Action.FRESH, f"{failure.message.rstrip('.')}; starting a new session.")
    if ctx.resuming and ctx.during_setup and cause in (Cause.MODEL, Cause.INVALID):
        # A stale handle can be refused in these words too: count it as a failed resume.
        return Verdict(Action.RETRY, failure.message)
    if cause is Cause.INVALID and not ctx.during_setup:
        cause = Cause.INTERMITTENT  # an input the server failed on: the poison rule decides
    if cause is Cause.INTERMITTENT:
        if ctx.repeats >= INTERMITTENT_LIMIT:
            return Verdict(
                Action.STOP,
                f"{failure.message.rstrip('.')}, {ctx.repeats} times in a row. Check the model "
                "and the key in Settings, then reconnect.",
            )
        return Verdict(Action.RETRY, failure.message)
    if not failure.retryable:
        return Verdict(Action.STOP, failure.message)
    return Verdict(Action.RETRY, failure.message)
