"""Pure facts for Help › About: the version, and the licence of each component that ships with
the app, read from the installed packages' metadata (so the list never drifts from the
build)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, util
from typing import Any

APP_LICENCE = "Apache-2.0"
# What runs inside the app, in the order a reader cares about.
COMPONENTS = (
    ("Qt for Python (PySide6)", "PySide6-Essentials"),
    ("Google Gen AI SDK", "google-genai"),
    ("qasync", "qasync"),
    ("websockets", "websockets"),
    ("NumPy", "numpy"),
    ("sounddevice (PortAudio)", "sounddevice"),
    ("python-soxr", "soxr"),
    ("LiveKit (echo cancellation on macOS and Windows)", "livekit"),
    ("mss", "mss"),
    ("simplejpeg", "simplejpeg"),
    ("python-xlib", "python-xlib"),
    ("pynput", "pynput"),
    ("segno", "segno"),
    ("python-zeroconf", "zeroconf"),
    ("cryptography", "cryptography"),
    ("keyring", "keyring"),
    ("platformdirs", "platformdirs"),
)
# Native libraries the app binds itself: (title, licence, the binding's module). Listed when the
# binding is there, with no version: the library is the desktop's own (About says "system").
NATIVE = (
    ("WebRTC audio processing (echo cancellation)", "BSD-3-Clause", "desktop.audio._webrtc_apm"),
)
_CLASSIFIER_NAMES = {
    "MIT License": "MIT",
    "BSD License": "BSD",
    "Apache Software License": "Apache-2.0",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0",
}


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def licence_of(meta: metadata.PackageMetadata) -> str:
    """SPDX expression if declared, else a short name from the trove classifiers, else the
    first line of the free-text licence field."""
    fields: Any = meta  # an email.message.Message underneath: it has .get()
    expression = fields.get("License-Expression")
    if expression:
        return str(expression)
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License :: OSI Approved :: "):
            name = classifier.rsplit(" :: ", 1)[-1]
            return _CLASSIFIER_NAMES.get(name, name)
    text = str(fields.get("License") or "").strip().splitlines()
    return text[0][:40] if text else "?"


def components() -> list[Component]:
    found = []
    for title, dist in COMPONENTS:
        try:
            meta = metadata.metadata(dist)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(title, str(meta["Version"]), licence_of(meta)))
    for title, licence, module in NATIVE:
        try:
            present = util.find_spec(module) is not None
        except ImportError:
            present = False
        if present:
            found.append(Component(title, "", licence))
    return found


def app_version() -> str:
    from desktop import __version__

    return __version__
