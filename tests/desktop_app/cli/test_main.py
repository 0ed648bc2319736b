"""`filescribe --version`, the exit statuses (2 usage, 1 runtime error, 130 Ctrl-C) and the CLI's log file."""
from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app
from desktop_app.cli import corrections
from desktop_app.cli.main import app_version, main

ROOT = Path(__file__).parents[3]
CLI = "import sys; from desktop_app.cli.main import main; sys.exit(main())"


def filescribe(*args: str) -> subprocess.CompletedProcess[str]:
    """`filescribe ARGS` as a process."""
    return subprocess.run([sys.executable, "-c", CLI, *args], cwd=ROOT, env=os.environ.copy(), capture_output=True,
                          text=True, timeout=120)


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["--version"])
    assert exit_status.value.code == 0
    assert capsys.readouterr().out == f"filescribe {desktop_app.__version__}\n"


def test_version_without_installed_metadata_is_the_package_version(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert app_version() == desktop_app.__version__


def test_exit_statuses_of_usage_and_runtime_errors(tmp_path: Path, isolated_log_dir: Path) -> None:
    usage = filescribe("describe", "--no-such-option")
    assert usage.returncode == 2 and "unrecognized arguments: --no-such-option" in usage.stderr
    missing = tmp_path / "missing.jsonl"
    runtime = filescribe("corrections", "import", str(missing))
    assert runtime.returncode == 1
    assert runtime.stderr == f"filescribe: error: Cannot read {missing}: No such file or directory\n"
    assert f"ERROR command.filescribe: error: Cannot read {missing}" in (isolated_log_dir / "cli.log").read_text()


def test_ctrl_c_exits_130_and_a_bug_exits_1_with_its_traceback_in_the_log(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated_log_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(args) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(corrections, "run", interrupted)
    assert main(["corrections", "export", str(tmp_path / "c.jsonl")]) == 130
    assert capsys.readouterr().err == "filescribe: interrupted\n"

    def broken(args) -> int:
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(corrections, "run", broken)
    assert main(["corrections", "export", str(tmp_path / "c.jsonl")]) == 1
    log_file = isolated_log_dir / "cli.log"
    assert capsys.readouterr().err == ("filescribe: error: AttributeError: 'NoneType' object has no attribute 'x' "
                                       f"(the traceback is in {log_file})\n")
    assert 'raise AttributeError("\'NoneType\' object has no attribute \'x\'")' in log_file.read_text()


def test_the_app_and_the_commands_log_to_their_own_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                         isolated_log_dir: Path) -> None:
    monkeypatch.setattr("desktop_app.gui.app.run_app", lambda args: 0)
    assert main([]) == 0
    assert main(["corrections", "export", str(tmp_path / "c.jsonl"), "-q"]) == 0
    version = desktop_app.__version__
    gui_log = (isolated_log_dir / "gui.log").read_text()
    assert gui_log.endswith(f" INFO desktop_app.cli.main: filescribe {version}: gui\n")
    assert (isolated_log_dir / "cli.log").read_text().endswith(f"filescribe {version}: corrections\n")
