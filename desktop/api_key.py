"""Where the Gemini API key comes from: the environment first, then a key entered for this run
only, then the OS keychain.

The key is never written to the settings file, any other file, or a log. A keychain that is
locked or absent is reported with a readable reason; the settings then keep the key in memory
for this run (`use_for_this_run`) and show the line that sets GEMINI_API_KEY for good.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.key_check import KeyTestFailure, KeyVerdict, classify_key_failure

log = logging.getLogger(__name__)

ENV_VARS = ("GEMINI_API_KEY", "GOOGLE_API_KEY")
KEYRING_SERVICE = "screenmate"
KEYRING_USER = "gemini-api-key"


class KeychainUnavailable(Exception):
    """The OS keychain cannot be used; the message says why and what to do instead."""


@dataclass(frozen=True)
class ApiKey:
    value: str
    source: str  # "GEMINI_API_KEY", "GOOGLE_API_KEY", "keychain" or "command line"

    def __repr__(self) -> str:  # keep the secret out of logs and tracebacks
        return f"ApiKey(source={self.source!r}, value=<{len(self.value)} chars>)"


_this_run: ApiKey | None = None
# How many times this app has changed where the key comes from (keychain or this run). The
# environment is fixed for the process, so an unchanged count means an unchanged key, known
# without asking the keychain (a D-Bus round trip, or a timeout when its service hangs).
_changes = 0


def changes() -> int:
    return _changes


def _changed() -> None:
    global _changes
    _changes += 1


def use_for_this_run(value: str | None) -> None:
    """Keep a key in memory until the app quits (None forgets it); never written anywhere."""
    global _this_run
    _this_run = ApiKey(value.strip(), "this run") if value and value.strip() else None
    _changed()


def key_for_this_run() -> ApiKey | None:
    return _this_run


def key_from_env(env: Mapping[str, str] | None = None) -> ApiKey | None:
    env = os.environ if env is None else env
    for name in ENV_VARS:
        value = env.get(name, "").strip()
        if value:
            return ApiKey(value, name)
    return None


def key_from_keychain() -> ApiKey | None:
    """None when no key is stored or the keychain cannot be read (the reason is logged)."""
    try:
        import keyring
        import keyring.errors

        value = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception as exc:  # any backend failure: locked, absent, D-Bus down...
        log.info("OS keychain not readable: %s", exc)
        return None
    return ApiKey(value, "keychain") if value else None


def resolve_api_key(env: Mapping[str, str] | None = None) -> ApiKey | None:
    """The environment wins, so a script can always override; then a key entered for this run
    (only set when the keychain could not take it), then the keychain."""
    return key_from_env(env) or _this_run or key_from_keychain()


def store_in_keychain(value: str) -> None:
    """Raises KeychainUnavailable with a user-readable reason; never falls back to a file."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, value.strip())
    except Exception as exc:
        raise KeychainUnavailable(
            f"The OS keychain could not store the key ({exc}). Set GEMINI_API_KEY in the "
            "environment instead."
        ) from exc
    finally:
        _changed()  # even a failed write may have changed what the keychain holds


def delete_from_keychain() -> None:
    try:
        import keyring
        import keyring.errors

        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception as exc:
        if type(exc).__name__ == "PasswordDeleteError":
            return  # nothing was stored
        raise KeychainUnavailable(f"The OS keychain could not delete the key ({exc}).") from exc
    finally:
        _changed()


async def check_key(
    value: str,
    timeout_s: float = 10.0,
    base_url: str | None = None,
    ca_file: str | None = None,
) -> KeyVerdict | None:
    """Ask Google (or the endpoint at `base_url`) whether a key works by listing one model;
    None when it does, else what is wrong (`desktop.core.key_check` decides)."""
    import asyncio
    import ssl
    from typing import Any

    try:
        from google import genai
        from google.genai import types

        client_args: dict[str, Any] = {}
        if ca_file:
            client_args["verify"] = ssl.create_default_context(cafile=ca_file)
        options = types.HttpOptions(
            base_url=base_url.rstrip("/") if base_url else None,
            async_client_args=client_args or None,
        )
        client = genai.Client(api_key=value, http_options=options)
        pager = await asyncio.wait_for(client.aio.models.list(config={"page_size": 1}), timeout_s)
        del pager
    except Exception as exc:
        verdict = classify_key_failure(failure_of(exc), value)
        log.info("key test failed (%s): %s", verdict.problem, verdict.detail)
        return verdict
    return None


def failure_of(exc: BaseException) -> KeyTestFailure:
    """What an SDK/HTTP exception tells: Google's status if it answered, else the cause chain."""
    types: list[str] = []
    errno: int | None = None
    seen: BaseException | None = exc
    for _ in range(8):  # the cause chain, bounded
        if seen is None:
            break
        types.append(type(seen).__name__)
        if errno is None and isinstance(getattr(seen, "errno", None), int):
            errno = seen.errno  # type: ignore[attr-defined]
        seen = seen.__cause__ or seen.__context__
    code = getattr(exc, "code", None)
    status = getattr(exc, "status", None)
    return KeyTestFailure(
        text=str(exc) or type(exc).__name__,
        status_code=code if isinstance(code, int) else None,
        status=status if isinstance(status, str) else "",
        types=tuple(types),
        errno=errno,
    )
