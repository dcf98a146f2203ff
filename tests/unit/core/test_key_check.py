"""Test Key failures → a problem the user can act on (desktop/core/key_check.py).

The inputs are what the SDK edge really sees: the offline row is the chain google-genai raised
on this machine (httpx ConnectError ← httpcore ConnectError ← socket.gaierror -2); Google's
answers are the REST error bodies as `APIError(code, status, message)` carries them."""

from __future__ import annotations

import pytest
from desktop.core.key_check import (
    KeyProblem,
    KeyTestFailure,
    classify_key_failure,
    clean_pasted_key,
    env_command,
    mask_key,
    redact,
)

KEY = "AIzaSyD-abcdefghijklmnopqrstuvwxyz0123"

CASES = [
    # no network: DNS, routes, refused, across platforms and HTTP stacks
    (
        KeyTestFailure(
            "[Errno -2] Name or service not known",
            types=("ConnectError", "ConnectError", "gaierror"),
            errno=-2,
        ),
        KeyProblem.NO_NETWORK,
    ),
    (
        KeyTestFailure("[Errno -3] Temporary failure in name resolution", errno=-3),
        KeyProblem.NO_NETWORK,
    ),
    (KeyTestFailure("[Errno 101] Network is unreachable", errno=101), KeyProblem.NO_NETWORK),
    (
        KeyTestFailure("[Errno 8] nodename nor servname provided, or not known"),
        KeyProblem.NO_NETWORK,
    ),
    (KeyTestFailure("[Errno 11001] getaddrinfo failed"), KeyProblem.NO_NETWORK),
    (
        KeyTestFailure(
            "Cannot connect to host generativelanguage.googleapis.com:443 ssl:default "
            "[Name or service not known]",
            types=("ClientConnectorDNSError",),
        ),
        KeyProblem.NO_NETWORK,
    ),
    (
        KeyTestFailure("All connection attempts failed", types=("ConnectError",)),
        KeyProblem.NO_NETWORK,
    ),
    # slow or intercepted
    (KeyTestFailure("", types=("TimeoutError",)), KeyProblem.TIMEOUT),
    (KeyTestFailure("timed out", types=("ConnectTimeout",)), KeyProblem.TIMEOUT),
    (
        KeyTestFailure(
            "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate "
            "in certificate chain (_ssl.c:1006)",
            types=("ConnectError", "SSLCertVerificationError"),
        ),
        KeyProblem.TLS,
    ),
    (KeyTestFailure("407 Proxy Authentication Required", types=("ProxyError",)), KeyProblem.PROXY),
    # Google answered
    (
        KeyTestFailure(
            "400 INVALID_ARGUMENT. {'error': {'code': 400, 'message': 'API key not valid. "
            "Please pass a valid API key.', 'status': 'INVALID_ARGUMENT', 'details': "
            "[{'reason': 'API_KEY_INVALID'}]}}",
            400,
            "INVALID_ARGUMENT",
            ("ClientError",),
        ),
        KeyProblem.INVALID_KEY,
    ),
    (
        KeyTestFailure(
            "API key expired. Please renew the API key.", 400, "INVALID_ARGUMENT", ("ClientError",)
        ),
        KeyProblem.EXPIRED_KEY,
    ),
    (
        KeyTestFailure(
            "User location is not supported for the API use.", 400, "FAILED_PRECONDITION"
        ),
        KeyProblem.REGION,
    ),
    (
        KeyTestFailure(
            "You exceeded your current quota, please check your plan and billing details.",
            429,
            "RESOURCE_EXHAUSTED",
        ),
        KeyProblem.QUOTA,
    ),
    (KeyTestFailure("Resource has been exhausted (e.g. check quota).", 429), KeyProblem.QUOTA),
    (
        KeyTestFailure(
            "Generative Language API has not been used in project 123 before or it is "
            "disabled. Enable it by visiting ...",
            403,
            "PERMISSION_DENIED",
        ),
        KeyProblem.PERMISSION,
    ),
    (
        KeyTestFailure("Method doesn't allow unregistered callers", 403, "PERMISSION_DENIED"),
        KeyProblem.PERMISSION,
    ),
    (
        KeyTestFailure("The model is overloaded. Please try again later.", 503, "UNAVAILABLE"),
        KeyProblem.SERVER,
    ),
    (KeyTestFailure("Internal error encountered.", 500, "INTERNAL"), KeyProblem.SERVER),
    (KeyTestFailure("something new", 418, "TEAPOT"), KeyProblem.UNKNOWN),
    (KeyTestFailure("RuntimeError: boom", types=("RuntimeError",)), KeyProblem.UNKNOWN),
]


@pytest.mark.parametrize(("failure", "problem"), CASES)
def test_each_failure_is_classified(failure: KeyTestFailure, problem: KeyProblem) -> None:
    assert classify_key_failure(failure).problem is problem


def test_google_answering_wins_over_words_about_the_network() -> None:
    # A quota message that mentions a connection is still about quota.
    failure = KeyTestFailure("quota exceeded; connection refused by policy", 429)
    assert classify_key_failure(failure).problem is KeyProblem.QUOTA


def test_the_key_never_appears_in_the_detail() -> None:
    failure = KeyTestFailure(f"bad request for key={KEY} and key AIzaSyOTHERotherOTHER123", 400)
    verdict = classify_key_failure(failure, KEY)
    assert KEY not in verdict.detail and "AIzaSyOTHER" not in verdict.detail
    assert verdict.detail.count("<key>") == 2 and verdict.status_code == 400


def test_redact_shortens_and_flattens() -> None:
    text = redact("line one\n  line two " + "x" * 400)
    assert "\n" not in text and len(text) == 240 and text.endswith("…")


@pytest.mark.parametrize(
    "pasted",
    [
        KEY,
        f"  {KEY}\n",
        f'"{KEY}"',
        f"'{KEY}'",
        f"GEMINI_API_KEY={KEY}",
        f"export GEMINI_API_KEY='{KEY}'",
        f'setx GEMINI_API_KEY "{KEY}"',
        f"{KEY[:10]} {KEY[10:]}",
    ],
)
def test_a_pasted_key_is_cleaned(pasted: str) -> None:
    assert clean_pasted_key(pasted) == KEY


def test_env_command_per_platform() -> None:
    assert env_command(KEY, "linux") == f"echo \"export GEMINI_API_KEY='{KEY}'\" >> ~/.profile"
    assert env_command(KEY, "darwin").endswith(">> ~/.zprofile")
    assert env_command(KEY, "win32") == f'setx GEMINI_API_KEY "{KEY}"'


def test_mask_key_shows_only_the_ends() -> None:
    assert mask_key(KEY) == "AIza…0123"
    assert mask_key("short") == "•••••"
