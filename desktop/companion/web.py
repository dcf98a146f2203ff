"""The HTTP side of the companion port: the web client's files, and who may ask for them.

Served from the same port as the WebSocket through websockets' `process_request`. Only a
fixed set of files from resources/companion is served (no paths are resolved from requests),
with headers that keep the page to its own origin.
"""

from __future__ import annotations

from pathlib import Path

from websockets.datastructures import Headers
from websockets.http11 import Response

from desktop.resources import resource_path

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
}
CERT_PATH = "/screenmate-companion.crt"

SECURITY_HEADERS = {
    # 'self' covers ws(s) to the same host and port in current browsers.
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:;"
    " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none';"
    " frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "microphone=(self)",
    "Cache-Control": "no-cache",
}


def web_client_dir() -> Path:
    return resource_path("companion")


class StaticFiles:
    def __init__(self, root: Path, cert_file: Path | None = None) -> None:
        self._files = {f"/{p.name}": p for p in sorted(root.iterdir()) if p.suffix in CONTENT_TYPES}
        self._files["/"] = root / "index.html"
        self._cert_file = cert_file

    def response(self, path: str) -> Response | None:
        """The file for a request path (query ignored), or None for 404."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path == CERT_PATH and self._cert_file is not None:
            return _response(self._cert_file.read_bytes(), "application/x-x509-ca-cert")
        file = self._files.get(path)
        if file is None or not file.is_file():
            return None
        return _response(file.read_bytes(), CONTENT_TYPES[file.suffix])


def _response(body: bytes, content_type: str) -> Response:
    headers = Headers(
        {"Content-Type": content_type, "Content-Length": str(len(body)), **SECURITY_HEADERS}
    )
    return Response(200, "OK", headers, body)


def plain_response(status: int, reason: str, text: str) -> Response:
    body = (text + "\n").encode("utf-8")
    headers = Headers(
        {
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": str(len(body)),
            **SECURITY_HEADERS,
        }
    )
    return Response(status, reason, headers, body)
