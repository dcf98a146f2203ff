"""What went wrong with a connection, in words a user can act on, and whether to retry.

The SDK surfaces a server close as `APIError(code, reason)`; connection-level failures arrive
as exceptions. The session edge maps those to a `FailureKind` and a code/reason; this module
decides the message and the policy, so both are testable without a network.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
        )
    if kind is FailureKind.HTTP:
        if code in (401, 403):
            return Failure(
                f"The server refused access (HTTP {code}). Check the API key.", False, code
            )
        if code == 404:
            return Failure(f"The Live API endpoint was not found at{at} (HTTP 404).", False, code)
        return Failure(
            f"The server answered HTTP {code}{suffix}.", code is None or code >= 500, code
        )
    if kind is FailureKind.STALLED:
        return Failure(f"The server at{at} stopped answering{suffix}.", True)
    if kind is FailureKind.MALFORMED:
        return Failure(f"The server sent a malformed message{suffix}.", True)
    if kind is FailureKind.INTERNAL:
        return Failure(f"Internal error{suffix}.", False)
    return _classify_close(code, reason, lowered, suffix)


def _classify_close(code: int | None, reason: str, lowered: str, suffix: str) -> Failure:
    if "api key" in lowered or "api_key" in lowered or "permission" in lowered:
        return Failure(f"The API key was rejected{suffix}. Check the key in Settings.", False, code)
    if "quota" in lowered or "resource_exhausted" in lowered or "rate limit" in lowered:
        return Failure(f"Quota exceeded{suffix}. Try again later.", False, code)
    if "handle" in lowered or "resum" in lowered:
        return Failure(
            f"The session could not be resumed{suffix}; starting a new one.",
            True,
            code,
            drop_handle=True,
        )
    if code == 1007:
        return Failure(f"The server rejected the request as invalid{suffix}.", False, code)
    if code == 1008:
        if "not found" in lowered or "not supported" in lowered:
            return Failure(
                f"The model is not available{suffix}. Pick another in Settings.", False, code
            )
        return Failure(f"The server refused the session (policy){suffix}.", False, code)
    if code == 1011:
        return Failure(f"The server had an internal error{suffix}.", True, code)
    if code == 1013:
        return Failure(f"The server is busy{suffix}.", True, code)
    if code == 1006 or code is None:
        return Failure("The connection dropped.", True, code)
    if code in (1000, 1001):
        return Failure(f"The server ended the connection{suffix}.", True, code)
    return Failure(f"The connection closed with code {code}{suffix}.", True, code)
