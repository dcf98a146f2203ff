"""The URL forms and credentials Google's SDKs dial with, read as Google's endpoint reads them.

- Python SDK: `wss://host/ws/google.ai.generativelanguage.v1beta.GenerativeService.
  BidiGenerateContent` with the key in the `x-goog-api-key` header; an ephemeral token
  (`auth_tokens/...`) goes to `...BidiGenerateContentConstrained` as `Authorization: Token T`.
- JavaScript SDK: the same path after a double slash (`wss://host:port//ws/...`: its base URL
  always ends in `/`), the key in the query (`?key=K`), an ephemeral token as
  `?access_token=auth_tokens/...` on `...Constrained`.
- A base URL the user typed with a trailing `/` makes the Python SDK dial `//ws/...` too.

A request target is not a URL: `urlsplit("//ws/...")` takes `ws` for a host name, so the path
and query are split by hand here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

PATH = re.compile(
    r"^/+ws/google\.ai\.generativelanguage\.(?P<version>v\w+)\.GenerativeService\."
    r"(?P<method>BidiGenerateContent(?:Constrained)?)$"
)


@dataclass(frozen=True)
class Target:
    """One handshake's request target: what was asked for and how the caller identified."""

    path: str
    version: str | None  # None: not a Live endpoint (404)
    constrained: bool
    key: str | None  # x-goog-api-key header, else ?key=
    token: str | None  # Authorization: Token ..., else ?access_token=
    credential_form: str  # "header", "query", "token-header", "token-query" or "none"

    @property
    def live(self) -> bool:
        return self.version is not None


def split_target(target: str) -> tuple[str, dict[str, list[str]]]:
    """`//ws/x?key=K` -> ("//ws/x", {"key": ["K"]}); no host is ever read out of the path."""
    path, _, query = target.partition("?")
    path = path.partition("#")[0]
    return path, parse_qs(query, keep_blank_values=True)


def _first(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name) or []
    return values[0] if values else None


def read_target(target: str, headers: Mapping[str, str] | None) -> Target:
    path, query = split_target(target)
    match = PATH.match(path)
    header = (lambda name: headers.get(name)) if headers is not None else (lambda name: None)
    key_header = header("x-goog-api-key")
    auth = header("Authorization") or ""
    token_header = auth[len("Token ") :] if auth.startswith("Token ") else None
    key_query, token_query = _first(query, "key"), _first(query, "access_token")
    key = key_header if key_header is not None else key_query
    token = token_header if token_header is not None else token_query
    form = (
        "token-header"
        if token_header is not None
        else "token-query"
        if token_query is not None
        else "header"
        if key_header is not None
        else "query"
        if key_query is not None
        else "none"
    )
    return Target(
        path=path,
        version=match.group("version") if match else None,
        constrained=bool(match and match.group("method").endswith("Constrained")),
        key=key,
        token=token,
        credential_form=form,
    )


def authorised(target: Target, api_key: str | None, tokens: Collection[str]) -> bool:
    """With no `api_key` required, anyone; on `...Constrained` only a token the emulator
    issued; elsewhere the key, from the header or the query."""
    if api_key is None:
        return True
    if target.constrained:
        return target.token is not None and target.token in tokens
    return target.key == api_key
