"""PySide6 6.12 on Python 3.11 releases references to True and None it never took: the guard survives it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CODE = """
from desktop_app.gui.refcount_guard import protect_singletons
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
protected = protect_singletons()
app = QCoreApplication([])
class Emitter(QObject):
    fired = Signal()
emitter = Emitter()
emitter.fired.connect(lambda: None)
for _ in range(100_000):
    emitter.fired.emit()
for _ in range(10_000):
    QTimer.singleShot(0, lambda: None)
    app.processEvents()
print("alive", protected)
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from Python 3.12 on")
def test_a_long_session_of_signals_does_not_free_none_or_true() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=Path(__file__).parents[3])
    assert result.stdout.strip() == "alive True", result.stderr[-500:]
