"""Small parts of the pairing dialog: the QR code picture and "seen 5 min ago" (in the
PairingDialog translation context, like the rest of the dialog)."""

from __future__ import annotations

import io

import segno
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPixmap


def qr_pixmap(text: str, scale: int = 6) -> QPixmap:
    """A QR code (error correction M) as a pixmap, drawn by segno."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def ago(seconds: float) -> str:
    """When a device was last seen, said in the interface language."""
    if seconds < 60:
        return QCoreApplication.translate("PairingDialog", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("PairingDialog", "%1 min ago").replace(
            "%1", str(int(seconds // 60))
        )
    if seconds < 86400:
        return QCoreApplication.translate("PairingDialog", "%1 h ago").replace(
            "%1", str(int(seconds // 3600))
        )
    return QCoreApplication.translate("PairingDialog", "%1 d ago").replace(
        "%1", str(int(seconds // 86400))
    )
