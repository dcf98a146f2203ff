"""The Live models a key may use, from Google's models list (`client.models.list()`): those
whose supported actions include `bidiGenerateContent`. Against the bundled emulator this is
its own list (`emulator/rest.py`)."""

from __future__ import annotations

import asyncio
import logging
import ssl
from typing import Any

from google import genai
from google.genai import types

from desktop.core.live_models import live_models
from desktop.session.endpoint import Endpoint, normalise_base_url

log = logging.getLogger(__name__)

LIST_TIMEOUT_S = 10.0
API_VERSION = "v1beta"


async def list_live_models(endpoint: Endpoint, timeout_s: float = LIST_TIMEOUT_S) -> list[str]:
    """The Live-capable model names (no `models/` prefix), in the list's order. Raises what
    the SDK raises (a bad key, no network) or TimeoutError."""
    client_args: dict[str, Any] = {}
    if endpoint.ca_file:
        client_args["verify"] = ssl.create_default_context(cafile=endpoint.ca_file)
    options = types.HttpOptions(
        api_version=API_VERSION,
        base_url=normalise_base_url(endpoint.base_url),
        async_client_args=client_args or None,
    )
    client = genai.Client(api_key=endpoint.api_key, http_options=options)
    entries: list[dict[str, Any]] = []

    async def collect() -> None:
        pager = await client.aio.models.list(config={"page_size": 100})
        async for model in pager:
            entries.append(
                {"name": model.name or "", "supported_actions": list(model.supported_actions or [])}
            )

    await asyncio.wait_for(collect(), timeout_s)
    names = live_models(entries)
    log.info("the models list offers %d Live models", len(names))
    return names
