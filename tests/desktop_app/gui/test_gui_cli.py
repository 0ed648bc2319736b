"""`filescribe gui`: the default command, a screenshot run end to end, and headless commands without Qt."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.main import main

ROOT = Path(__file__).parents[3]


@pytest.fixture()
def launched(monkeypatch) -> list:
    """Arguments the desktop app would have been started with."""
    calls: list = []
    monkeypatch.setattr("desktop_app.gui.app.run_app", lambda args: calls.append(args) or 0)
    return calls


def test_the_app_is_the_default_command(launched: list, folder: Path) -> None:
    assert main([]) == 0 and launched[-1].command == "gui" and launched[-1].folder is None
    assert main([str(folder)]) == 0 and launched[-1].folder == folder
    assert main(["gui", str(folder), "--model", "starter", "--no-memory", "--size", "800x600"]) == 0
    from desktop_app.gui.app import overrides_of

    assert launched[-1].size == (800, 600)
    assert overrides_of(launched[-1]) == {"model_spec": "starter", "use_memory": False}


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    code = ("import sys; from desktop_app.cli.main import main; "
            f"assert main(['corrections', 'export', {str(tmp_path / 'c.jsonl')!r}, '-q']) == 0; "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'watchdog'))], 'Qt imported'")
    env = {**os.environ, "FILESCRIBE_DATA_DIR": str(tmp_path / "data")}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)


def test_screenshot_renders_the_described_folder(folder: Path, tiny_model_dir: Path, tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    env = {**os.environ, "FILESCRIBE_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from desktop_app.cli.main import main; sys.exit(main())", "gui",
         str(folder), "--model", str(tiny_model_dir), "--device", "cpu", "--no-memory", "--screenshot", str(shot),
         "--size", "900x500", "--timeout", "120"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (900, 500)
    settings = (tmp_path / "data" / "settings.json").read_text()
    assert str(tiny_model_dir) not in settings  # --model is for this session only
