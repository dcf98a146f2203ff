"""Which Live API the app talks to: Google with a key, or the bundled emulator without one."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop import api_key as keys
from desktop.api_key import ApiKey, resolve_api_key
from desktop.settings import cache_dir

log = logging.getLogger(__name__)

EMULATED_LABEL = "Offline demo - emulated model"
GOOGLE_LABEL = "Gemini Live (Google)"
# The emulator accepts any key; the SDK insists on having one.
EMULATOR_KEY = "offline-demo"


@dataclass(frozen=True)
class Endpoint:
    api_key: str
    base_url: str | None  # None means Google's own endpoint
    ca_file: str | None  # a PEM to trust instead of the system's CAs
    emulated: bool
    label: str
    key_changes: int = 0  # api_key.changes() when the key was resolved

    @property
    def where(self) -> str:
        """Host and port for messages ("Google" for Google's endpoint)."""
        if not self.base_url:
            return "Google"
        parts = urlsplit(self.base_url)
        return parts.netloc or self.base_url

    def __repr__(self) -> str:  # keep the key out of logs
        return (
            f"Endpoint(base_url={self.base_url!r}, emulated={self.emulated}, label={self.label!r})"
        )


Closer = Callable[[], Awaitable[None]]


def normalise_base_url(base_url: str | None) -> str | None:
    """A base URL as the SDK wants it: no trailing slash ("" and None mean Google's own)."""
    if base_url is None:
        return None
    stripped = base_url.strip()
    while stripped.endswith("/") and not stripped.endswith("://"):
        stripped = stripped[:-1]
    return stripped or None


def key_unchanged(endpoint: Endpoint) -> bool:
    """Whether the key `endpoint` was opened with is still the one to use. A key saved or
    removed since means the other backend (or another account): a new endpoint is needed.
    Asks the keychain only when this app changed it since (Settings' OK comes here each time;
    a keychain changed by another program is seen at the next start)."""
    if keys.changes() == endpoint.key_changes:
        return True
    key = resolve_api_key()
    if endpoint.emulated:
        return key is None
    return key is not None and key.value == endpoint.api_key


async def _nothing_to_close() -> None:
    return None


async def open_endpoint(
    *, base_url: str | None = None, ca_file: str | None = None, api_key: str | None = None
) -> tuple[Endpoint, Closer]:
    """Resolve where to connect. With no key and no base URL, start the emulator in-process.

    An explicit `base_url` (for example a standalone emulator, or a proxy) is used as given; it
    counts as emulated when no real key is present.
    """
    changes = keys.changes()
    key: ApiKey | None = ApiKey(api_key, "command line") if api_key else resolve_api_key()
    # The SDK appends "/ws/..." to the base URL: "https://host/" would dial "//ws/...".
    base_url = normalise_base_url(base_url)
    if base_url:
        emulated = key is None
        return (
            Endpoint(
                api_key=key.value if key else EMULATOR_KEY,
                base_url=base_url,
                ca_file=ca_file,
                emulated=emulated,
                label=EMULATED_LABEL if emulated else f"Gemini Live at {base_url}",
                key_changes=changes,
            ),
            _nothing_to_close,
        )
    if key is not None:
        log.info("using Google's Live API with the key from %s", key.source)
        endpoint = Endpoint(key.value, None, ca_file, False, GOOGLE_LABEL, changes)
        return endpoint, _nothing_to_close

    from desktop.emulator import LiveEmulator

    emulator = LiveEmulator(port=0, cert_dir=cache_dir() / "emulator", journal=False)
    await emulator.start()
    log.info("no API key: started the bundled emulator at %s", emulator.base_url)
    endpoint = Endpoint(
        EMULATOR_KEY, emulator.base_url, str(emulator.ca_file), True, EMULATED_LABEL, changes
    )
    return endpoint, emulator.stop
