"""What a failed API-key test means, in terms a user can act on.

Settings › Test Key asks Google for one model with the typed key. When that fails, the SDK
edge (`desktop/api_key.py`) hands over what it saw: the HTTP status and Google's status word
when Google answered, the exception class names along the cause chain, an OS error number when
there was one, and the text. This module decides which `KeyProblem` that is; the settings UI
words each problem in the user's language. The raw text only ever appears (redacted) for a
problem nobody recognised.

Google's answers, as the REST API gives them:
  400 INVALID_ARGUMENT "API key not valid. Please pass a valid API key." (reason API_KEY_INVALID)
  400 INVALID_ARGUMENT "API key expired. Please renew the API key." (API_KEY_EXPIRED)
  400 FAILED_PRECONDITION "User location is not supported for the API use."
  403 PERMISSION_DENIED "... has not been used in project ... or it is disabled" (SERVICE_DISABLED)
  403 PERMISSION_DENIED "Requests to this API ... are blocked." (API_KEY_SERVICE_BLOCKED)
  429 RESOURCE_EXHAUSTED "You exceeded your current quota, ..."
  5xx INTERNAL / UNAVAILABLE "The model is overloaded. Please try again later."
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class KeyProblem(StrEnum):
    NO_NETWORK = "no_network"  # DNS failed, no route, connection refused or reset
    TIMEOUT = "timeout"  # no answer in time
    TLS = "tls"  # the certificate was not trusted (often an intercepting proxy)
    PROXY = "proxy"  # the configured proxy refused or failed
    INVALID_KEY = "invalid_key"
    EXPIRED_KEY = "expired_key"
    PERMISSION = "permission"  # the key's project may not use the Gemini API
    QUOTA = "quota"
    REGION = "region"  # the user's location is not supported
    SERVER = "server"  # Google's side failed; the key may well be fine
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class KeyTestFailure:
    """What the edge saw. `types` are exception class names along the cause chain."""

    text: str = ""
    status_code: int | None = None
    status: str = ""  # Google's status word: INVALID_ARGUMENT, RESOURCE_EXHAUSTED...
    types: Sequence[str] = ()
    errno: int | None = None


@dataclass(frozen=True)
class KeyVerdict:
    problem: KeyProblem
    detail: str = ""  # redacted, shortened: shown only for UNKNOWN, logged for the others
    status_code: int | None = None


# getaddrinfo (-2/-3/-5 glibc, 8 macOS, 11001/11004 Windows), unreachable, refused, reset.
_NETWORK_ERRNOS = {-2, -3, -5, 8, 11001, 11002, 11004, 101, 113, 111, 104, 10061, 10065, 10051}
_NETWORK_WORDS = (
    "name or service not known",
    "temporary failure in name resolution",
    "nodename nor servname",
    "getaddrinfo failed",
    "no address associated",
    "network is unreachable",
    "no route to host",
    "connection refused",
    "connection reset",
    "cannot connect to host",
    "all connection attempts failed",
    "failed to establish a new connection",
    "server disconnected",
)
_NETWORK_TYPES = {
    "ConnectError",
    "ClientConnectorError",
    "ClientConnectorDNSError",
    "ConnectionError",
    "gaierror",
}
_TIMEOUT_TYPES = {
    "TimeoutError",
    "ConnectTimeout",
    "ReadTimeout",
    "PoolTimeout",
    "ServerTimeoutError",
}
# Not "ssl:" alone: aiohttp labels every connection "host:443 ssl:default".
_TLS_WORDS = ("certificate verify failed", "certificate_verify_failed", "[ssl:", "tlsv1 alert")
_KEY_PATTERN = re.compile(r"AIza[0-9A-Za-z_\-]{10,}")


def redact(text: str, key: str = "") -> str:
    """The text with the key (and anything shaped like a Google key) removed, shortened."""
    if key:
        text = text.replace(key, "<key>")
    text = _KEY_PATTERN.sub("<key>", text)
    text = " ".join(text.split())
    return text if len(text) <= 240 else text[:239] + "…"


def classify_key_failure(failure: KeyTestFailure, key: str = "") -> KeyVerdict:
    """Google's own status first, then what the connection did; words are a fallback."""
    lowered = failure.text.lower()
    types = set(failure.types)
    code = failure.status_code
    status = failure.status.upper()

    def verdict(problem: KeyProblem) -> KeyVerdict:
        return KeyVerdict(problem, redact(failure.text, key), code)

    if code is not None or status:
        return verdict(_classify_answer(code, status, lowered))
    if types & _TIMEOUT_TYPES or "timed out" in lowered:
        return verdict(KeyProblem.TIMEOUT)
    if "ProxyError" in types or ("proxy" in lowered and "407" in lowered):
        return verdict(KeyProblem.PROXY)
    if types & {"SSLCertVerificationError", "SSLError", "ClientConnectorCertificateError"} or any(
        word in lowered for word in _TLS_WORDS
    ):
        return verdict(KeyProblem.TLS)
    if (
        failure.errno in _NETWORK_ERRNOS
        or types & _NETWORK_TYPES
        or any(word in lowered for word in _NETWORK_WORDS)
    ):
        return verdict(KeyProblem.NO_NETWORK)
    return verdict(_classify_answer(None, "", lowered))


def _classify_answer(code: int | None, status: str, lowered: str) -> KeyProblem:
    """Google answered (or its words are all there is)."""
    if "location is not supported" in lowered or (
        "region" in lowered and "not supported" in lowered
    ):
        return KeyProblem.REGION
    if "api_key_expired" in lowered or "key expired" in lowered:
        return KeyProblem.EXPIRED_KEY
    if (
        "api_key_invalid" in lowered
        or "api key not valid" in lowered
        or "api key not found" in lowered
        or code == 401
        or status == "UNAUTHENTICATED"
    ):
        return KeyProblem.INVALID_KEY
    if code == 429 or status == "RESOURCE_EXHAUSTED" or "quota" in lowered:
        return KeyProblem.QUOTA
    if code == 403 or status == "PERMISSION_DENIED":
        return KeyProblem.PERMISSION
    if code is not None and code >= 500:
        return KeyProblem.SERVER
    return KeyProblem.UNKNOWN


def clean_pasted_key(text: str) -> str:
    """What was meant by a paste: spaces, quotes and an `export GEMINI_API_KEY=` line dropped."""
    text = text.strip()
    match = re.fullmatch(
        r"(?:export\s+|set\s+|setx\s+)?(?:GEMINI_API_KEY|GOOGLE_API_KEY)\s*[= ]\s*(.*)", text
    )
    if match:
        text = match.group(1).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return "".join(text.split())


def env_command(key: str, platform: str) -> str:
    """One line for a terminal that sets GEMINI_API_KEY for the user's future sessions.

    Linux (the case without a keychain in practice: no Secret Service running) and other Unix:
    appended to ~/.profile, read at the next login. macOS: ~/.zprofile. Windows: `setx`, which
    stores it in the user's environment for programs started afterwards."""
    if platform == "win32":
        return f'setx GEMINI_API_KEY "{key}"'
    profile = "~/.zprofile" if platform == "darwin" else "~/.profile"
    return f"echo \"export GEMINI_API_KEY='{key}'\" >> {profile}"


def mask_key(key: str) -> str:
    """Enough of a key to recognise it, not enough to use it."""
    if len(key) <= 10:
        return "•" * len(key)
    return f"{key[:4]}…{key[-4:]}"
