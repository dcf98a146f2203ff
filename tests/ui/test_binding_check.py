"""The start-up check that refuses a Python/PySide6 pair which miscounts None/True references.

Proven once against the broken pair (PySide6 6.12.0 on CPython 3.11.7, a throw-away venv):
`python -m desktop.ui.binding_check` printed "None lost 200, True lost 200 over 200 calls ->
BROKEN" and exited 1. These tests run the same check on what we install, so a binding release
with the defect fails CI in a second instead of aborting users' windows after two minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from desktop.ui import binding_check
from desktop.ui.binding_check import ReferenceDrift, binding_problem, measure_drift
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]


def test_the_installed_pair_loses_no_references() -> None:
    drift = measure_drift()
    assert (drift.none, drift.true) == (0, 0), drift
    assert binding_problem(drift) is None


def test_a_drifting_pair_is_refused_with_the_fix_named() -> None:
    problem = binding_problem(ReferenceDrift(calls=200, none=200, true=200))
    assert problem is not None
    assert "none_dealloc" in problem
    assert "scripts/setup.sh" in problem and "PySide6-Essentials<6.12" in problem


def test_an_unrelated_reference_or_two_is_not_a_drift() -> None:
    assert not ReferenceDrift(calls=200, none=2, true=-1).broken
    assert ReferenceDrift(calls=200, none=0, true=150).broken


def test_the_module_runs_on_its_own_for_checking_a_new_binding() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.ui.binding_check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "-> ok" in result.stdout


def test_run_gui_refuses_a_drifting_pair_before_any_window(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.ui import gui_app
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        binding_check, "measure_drift", lambda calls=200: ReferenceDrift(calls, calls, 0)
    )
    # The real dialog is modal; here it only records what the user would read.
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    code = gui_app.run_gui(base_url=None, ca_file=None, model=None)
    assert code == 3
    assert shown and "PySide6" in shown[0]
    assert "none_dealloc" in capsys.readouterr().err
