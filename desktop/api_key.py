"""Where the Gemini API key comes from: the environment first, then the OS keychain.

The key is never written to the settings file or a log. A keychain that is locked or absent
is reported with a readable reason, and the environment variable remains the way in.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

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
    """The environment wins over the keychain, so a script can always override."""
    return key_from_env(env) or key_from_keychain()


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


def delete_from_keychain() -> None:
    try:
        import keyring
        import keyring.errors

        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception as exc:
        if type(exc).__name__ == "PasswordDeleteError":
            return  # nothing was stored
        raise KeychainUnavailable(f"The OS keychain could not delete the key ({exc}).") from exc


async def check_key(value: str, timeout_s: float = 10.0) -> tuple[bool, str]:
    """Ask Google whether a key works (lists one model); (ok, a readable reason)."""
    import asyncio

    try:
        from google import genai

        client = genai.Client(api_key=value)
        pager = await asyncio.wait_for(client.aio.models.list(config={"page_size": 1}), timeout_s)
        del pager
    except TimeoutError:
        return False, f"no answer from Google within {timeout_s:.0f} s"
    except Exception as exc:
        text = str(exc) or type(exc).__name__
        if value in text:
            text = text.replace(value, "<key>")
        return False, text[:300]
    return True, ""
