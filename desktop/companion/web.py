"""The HTTP side of the companion port: the web client's files, and who may ask for them.

Served from the same port as the WebSocket through websockets' `process_request`. Only a
fixed set of files from resources/companion is served (no paths are resolved from requests),
with headers that keep the page to its own origin.
"""

from __future__ import annotations

from pathlib import Path

from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from desktop.core import companion_protocol as proto
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
WS_PATH = "/ws"
ALLOWED_METHODS = ("GET", "HEAD")
# Headers whose meaning decides who may connect: exactly one of each, or none.
SINGLE_HEADERS = (
    "Host",
    "Origin",
    "Upgrade",
    "Connection",
    "Sec-WebSocket-Key",
    "Sec-WebSocket-Version",
)

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

    def response(self, path: str, *, head: bool = False) -> Response | None:
        """The file for a request path (query ignored), or None for 404."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path == CERT_PATH and self._cert_file is not None:
            # The CA certificate a phone installs (name-constrained: companion/certs.py).
            return _response(self._cert_file.read_bytes(), "application/x-x509-ca-cert", head)
        file = self._files.get(path)
        if file is None or not file.is_file():
            return None
        return _response(file.read_bytes(), CONTENT_TYPES[file.suffix], head)


def _response(body: bytes, content_type: str, head: bool = False) -> Response:
    headers = Headers(
        {"Content-Type": content_type, "Content-Length": str(len(body)), **SECURITY_HEADERS}
    )
    return Response(200, "OK", headers, b"" if head else body)


def plain_response(
    status: int, reason: str, text: str, extra: dict[str, str] | None = None
) -> Response:
    body = (text + "\n").encode("utf-8")
    headers = Headers(
        {
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": str(len(body)),
            **SECURITY_HEADERS,
            **(extra or {}),
        }
    )
    return Response(status, reason, headers, body)


class RequestCheck:
    """What the companion port answers before a WebSocket exists (websockets'
    `process_request`): a `Response` to send, or None to go on with the upgrade.

    Order: method (405), duplicated security headers (400), Host (421, DNS rebinding), static
    files (404), then for `/ws` the Origin (403). `can_upgrade` is asked last (503)."""

    def __init__(self, files: StaticFiles, allowed_hosts: frozenset[str], scheme: str) -> None:
        self._files = files
        self._allowed_hosts = allowed_hosts
        self._scheme = scheme

    def __call__(self, request: Request) -> tuple[Response | None, str]:
        """(the response, or None to upgrade; why, for the log when refused)."""
        if request.method not in ALLOWED_METHODS:
            return plain_response(
                405, "Method Not Allowed", "GET or HEAD only", {"Allow": "GET, HEAD"}
            ), f"method {request.method[:16]!r}"
        headers = request.headers
        for name in SINGLE_HEADERS:
            if len(headers.get_all(name)) > 1:
                return plain_response(400, "Bad Request", f"one {name} header only"), (
                    f"duplicate {name}"
                )
        host = headers.get("Host")
        if not proto.host_allowed(host, self._allowed_hosts):
            return plain_response(421, "Misdirected Request", "unknown host"), (
                f"host {str(host)[:80]!r}"
            )
        path = request.path
        upgrade = headers.get("Upgrade")
        if upgrade is None or upgrade.strip().lower() != "websocket":
            if upgrade is not None:
                return plain_response(400, "Bad Request", "only WebSocket upgrades"), (
                    f"upgrade {upgrade[:40]!r}"
                )
            found = self._files.response(path, head=request.method == "HEAD")
            if found is None:
                return plain_response(404, "Not Found", "not found"), ""
            return found, ""
        if request.method != "GET":
            return plain_response(400, "Bad Request", "a WebSocket opens with GET"), "HEAD /ws"
        if path.split("?", 1)[0] != WS_PATH:
            return plain_response(404, "Not Found", "the companion socket is at /ws"), ""
        origin = headers.get("Origin")
        if not proto.origin_allowed(origin, host, self._scheme):
            return plain_response(403, "Forbidden", "foreign origin"), (
                f"origin {str(origin)[:80]!r}"
            )
        return None, ""
