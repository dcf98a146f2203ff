"""The one REST call a Live client makes: `GET /v1beta/models` (`client.models.list()`), so that
a model picker can be filled from the emulator as from Google. Answered before any WebSocket
handshake; everything else on the port is the Live endpoint (or a 404)."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from http import HTTPStatus
from typing import Any

from desktop.emulator.access import split_target
from desktop.emulator.models import MODEL_LIST

MODELS_PATH = re.compile(r"^/+(?P<version>v\w+)/models/?$")


def models_page(known: Collection[str] | None) -> dict[str, Any]:
    """Google's `ListModelsResponse` for what this emulator accepts (all it emulates when it
    accepts any model). Live models list `bidiGenerateContent` among their methods."""
    described = dict(MODEL_LIST)
    names = sorted(m.removeprefix("models/") for m in known) if known else list(described)
    return {
        "models": [
            {
                "name": f"models/{name}",
                "displayName": described.get(name, name),
                "supportedGenerationMethods": ["bidiGenerateContent", "countTokens"],
            }
            for name in names
        ]
    }


def rest_answer(
    target: str, headers: Mapping[str, str], api_key: str | None, known: Collection[str] | None
) -> tuple[HTTPStatus, bytes] | None:
    """(status, JSON body) for a REST request this emulator answers, else None."""
    path, query = split_target(target)
    if MODELS_PATH.match(path) is None:
        return None
    keys = query.get("key") or [""]
    key = headers.get("x-goog-api-key") or keys[0]
    if api_key is not None and key != api_key:
        error = {
            "error": {
                "code": 400,
                "message": "API key not valid. Please pass a valid API key.",
                "status": "INVALID_ARGUMENT",
            }
        }
        return HTTPStatus.BAD_REQUEST, json.dumps(error).encode()
    return HTTPStatus.OK, json.dumps(models_page(known)).encode()
