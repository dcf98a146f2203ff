"""A faithful local emulator of the Gemini Live API (BidiGenerateContent over TLS WebSocket).

The unmodified google-genai SDK connects to it; the app uses it as its offline demo backend and
the integration tests as their backend. Pure logic (conversation, VAD, speech, tokens, wire)
lives in its own modules; `server` and `connection` are the I/O glue. The offline showcase:
`vision` (with `pixels`) looks at the last frame received, and `showcase` answers "what do
you see?" from it and "where is ...?" with a real call of a declared pointing function.
"""

from __future__ import annotations

from desktop.emulator.faults import Fault, FaultKind
from desktop.emulator.server import Closed, LiveEmulator, Received, Sent

__all__ = ["Closed", "Fault", "FaultKind", "LiveEmulator", "Received", "Sent"]
