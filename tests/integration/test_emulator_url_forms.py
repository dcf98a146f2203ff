"""The URL forms and credentials Google's SDKs dial with, and Google's close codes, against the
real emulator: `//ws` (the JS SDK, or any base URL ending in `/`), `?key=`, the
`x-goog-api-key` header, ephemeral tokens as `?access_token=` and `Authorization: Token`."""

from __future__ import annotations

import asyncio
import json
import ssl
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import Endpoint, normalise_base_url, open_endpoint
from desktop.session.sdk_io import Link, build_client
from desktop.settings import Settings
from google import genai
from google.genai import errors, types
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

METHOD = "google.ai.generativelanguage.{v}.GenerativeService.BidiGenerateContent"
SETUP = {"setup": {"model": "models/gemini-3.8-live"}}
KEY = "the-right-key"
TIMEOUT = 10.0


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[LiveEmulator]:
    async with LiveEmulator(port=0, cert_dir=tmp_path / "certs", api_key=KEY) as emulator:
        yield emulator


def ctx(emu: LiveEmulator) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=emu.ca_file)


def js_url(emu: LiveEmulator, query: str, *, constrained: bool = False, v: str = "v1beta") -> str:
    """Exactly what @google/genai dials: a double slash, the credential in the query."""
    method = METHOD.format(v=v) + ("Constrained" if constrained else "")
    return f"wss://127.0.0.1:{emu.port}//ws/{method}?{query}"


async def setup_answer(ws: ClientConnection) -> dict[str, Any] | tuple[int | None, str]:
    """setupComplete, or (close code, reason) if the server closed instead."""
    await ws.send(json.dumps(SETUP))
    try:
        return dict(json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT)))
    except ConnectionClosed as closed:
        frame = closed.rcvd
        return (frame.code, frame.reason) if frame else (None, "")


async def test_js_sdk_url_with_key_in_the_query(emu: LiveEmulator) -> None:
    async with connect(js_url(emu, f"key={KEY}"), ssl=ctx(emu)) as ws:
        assert await setup_answer(ws) == {"setupComplete": {}}
    (handshake,) = emu.handshakes
    assert handshake.path.startswith("//ws/") and handshake.version == "v1beta"
    assert handshake.credential_form == "query"


async def test_wrong_key_in_the_query_is_refused_as_google_does(emu: LiveEmulator) -> None:
    async with connect(js_url(emu, "key=wrong"), ssl=ctx(emu)) as ws:
        code, reason = await setup_answer(ws)  # type: ignore[misc]
    assert (code, reason) == (1007, "API key not valid. Please pass a valid API key.")


async def test_ephemeral_token_in_the_query_on_the_constrained_method(emu: LiveEmulator) -> None:
    token = emu.create_ephemeral_token()
    url = js_url(emu, f"access_token={token}", constrained=True, v="v1alpha")
    async with connect(url, ssl=ctx(emu)) as ws:
        assert await setup_answer(ws) == {"setupComplete": {}}
    assert emu.handshakes[-1].credential_form == "token-query"
    assert emu.handshakes[-1].constrained
    forged = js_url(emu, "access_token=auth_tokens/forged", constrained=True, v="v1alpha")
    async with connect(forged, ssl=ctx(emu)) as ws:
        code, _ = await setup_answer(ws)  # type: ignore[misc]
    assert code == 1007
    # The API key is no ephemeral token: not accepted on the constrained method.
    async with connect(js_url(emu, f"access_token={KEY}", constrained=True), ssl=ctx(emu)) as ws:
        code, _ = await setup_answer(ws)  # type: ignore[misc]
    assert code == 1007


async def test_python_sdk_forms_header_key_and_token_header(emu: LiveEmulator) -> None:
    path = f"wss://127.0.0.1:{emu.port}/ws/{METHOD.format(v='v1beta')}"
    async with connect(path, ssl=ctx(emu), additional_headers={"x-goog-api-key": KEY}) as ws:
        assert await setup_answer(ws) == {"setupComplete": {}}
    assert emu.handshakes[-1].credential_form == "header"
    token = emu.create_ephemeral_token()
    headers = {"Authorization": f"Token {token}"}
    async with connect(path + "Constrained", ssl=ctx(emu), additional_headers=headers) as ws:
        assert await setup_answer(ws) == {"setupComplete": {}}
    assert emu.handshakes[-1].credential_form == "token-header"


async def test_other_paths_are_404_even_after_a_double_slash(emu: LiveEmulator) -> None:
    for path in ("//nothing/here", "//ws/google.ai.generativelanguage.v1beta.Other", "/"):
        with pytest.raises(InvalidStatus) as info:
            await connect(f"wss://127.0.0.1:{emu.port}{path}", ssl=ctx(emu))
        assert info.value.response.status_code == 404


def sdk_client(base_url: str, emu: LiveEmulator, key: str = KEY) -> genai.Client:
    options = types.HttpOptions(
        base_url=base_url, api_version="v1beta", async_client_args={"ssl": ctx(emu)}
    )
    return genai.Client(api_key=key, http_options=options)


async def test_python_sdk_with_a_trailing_slash_base_url(emu: LiveEmulator) -> None:
    """The SDK dials `//ws/...` for `https://host:port/`; before the fix this was a 404."""
    client = sdk_client(emu.base_url + "/", emu)
    async with client.aio.live.connect(model="gemini-3.8-live", config={}) as session:
        await session.send_realtime_input(text="hello")
        async for message in session.receive():
            if message.server_content and message.server_content.turn_complete:
                break
    assert emu.handshakes[-1].path.startswith("//ws/")
    assert emu.received_texts() == ["hello"]


async def test_the_app_strips_a_trailing_slash_from_its_base_url(emu: LiveEmulator) -> None:
    endpoint, close = await open_endpoint(
        base_url=emu.base_url + "//", ca_file=emu.ca_file, api_key=KEY
    )
    assert endpoint.base_url == emu.base_url
    link = await Link.open(build_client(endpoint, Settings()), Settings(), index=0, handle=None)
    await link.close()
    await close()
    # build_client strips it too, for an Endpoint made by hand.
    direct = Endpoint(KEY, emu.base_url + "/", emu.ca_file, False, "test")
    link = await Link.open(build_client(direct, Settings()), Settings(), index=1, handle=None)
    await link.close()
    assert [h.path[:4] for h in emu.handshakes] == ["/ws/", "/ws/"]


def test_normalise_base_url() -> None:
    assert normalise_base_url("https://h:1/") == "https://h:1"
    assert normalise_base_url(" https://h:1/proxy/// ") == "https://h:1/proxy"
    assert normalise_base_url("https://h:1") == "https://h:1"
    assert normalise_base_url("") is None and normalise_base_url(None) is None


async def test_stale_handle_closes_1008_session_not_found(emu: LiveEmulator) -> None:
    client = sdk_client(emu.base_url, emu)
    config = types.LiveConnectConfig(session_resumption=types.SessionResumptionConfig(handle="x"))
    with pytest.raises(errors.APIError) as info:
        async with client.aio.live.connect(model="gemini-3.8-live", config=config):
            pass
    assert info.value.code == 1008
    assert "BidiGenerateContent session not found" in str(info.value)
    await emu.wait_for(lambda: bool(emu.closed))
    assert emu.closed[-1].reason == "BidiGenerateContent session not found"


async def test_unknown_model_closes_1008_with_googles_words(tmp_path: Path) -> None:
    async with LiveEmulator(cert_dir=tmp_path, known_models={"gemini-3.8-live"}) as emu:
        client = sdk_client(emu.base_url, emu, key="k")
        with pytest.raises(errors.APIError) as info:
            async with client.aio.live.connect(model="gemini-9-live", config={}):
                pass
        await emu.wait_for(lambda: bool(emu.closed))
    assert info.value.code == 1008
    reason = emu.closed[-1].reason
    # Google's reason, cut at the 123 bytes a close frame carries.
    assert reason.startswith("models/gemini-9-live is not found for API version v1beta, or is ")
    assert len(reason.encode()) <= 123


async def test_ephemeral_token_with_the_python_sdk_on_a_trailing_slash(emu: LiveEmulator) -> None:
    token = emu.create_ephemeral_token()
    options = types.HttpOptions(
        base_url=emu.base_url + "/", api_version="v1alpha", async_client_args={"ssl": ctx(emu)}
    )
    client = genai.Client(api_key=token, http_options=options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", errors.ExperimentalWarning)
        async with client.aio.live.connect(model="gemini-3.8-live", config={}) as session:
            assert session.setup_complete is not None
    handshake = emu.handshakes[-1]
    assert handshake.constrained and handshake.credential_form == "token-header"
