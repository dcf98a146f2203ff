"""Companion devices: a LAN listener serving a web client to watches and phones that share the
live session (see docs/companion-protocol.md). Pure decisions live in `desktop.core`
(`companion_protocol`, `companion_flow`, `pairing`, `floor`); this package is the glue."""

from desktop.companion.hub import CompanionHub, ReplyAudio
from desktop.companion.server import CompanionServer, ServerLimits
from desktop.companion.service import DEFAULT_PORT, CompanionService

__all__ = [
    "DEFAULT_PORT",
    "CompanionHub",
    "CompanionServer",
    "CompanionService",
    "ReplyAudio",
    "ServerLimits",
]
