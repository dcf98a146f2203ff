"""The Qt window of Screenmate. The only package that imports Qt (and qasync).

Entry point: `desktop.ui.gui_app.run_gui`. Widgets only show session events and report user
actions; session decisions live in `desktop.session` and `desktop.core`.
"""

# qasync binds to whichever Qt package is imported first; make that PySide6.
import PySide6  # noqa: F401
