"""The log file (written, rotated, set up once), command messages on stderr and in the log, exit statuses."""
from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from core.errors import ModelError
from core.logs import command_logger, current_log_file, run_command, set_up_logging


def test_the_log_file_is_written_and_rotates(isolated_log_dir: Path) -> None:
    path = set_up_logging("cli", max_bytes=2000, backup_count=2)
    assert path == isolated_log_dir / "cli.log" == current_log_file()
    assert set_up_logging("cli") == path  # once: a second call adds no second handler
    assert sum(isinstance(h, RotatingFileHandler) for h in logging.getLogger().handlers) == 1
    for number in range(100):
        logging.getLogger("core.example").info("line %03d of the example", number)
    assert sorted(p.name for p in isolated_log_dir.iterdir()) == ["cli.log", "cli.log.1", "cli.log.2"]
    assert all(p.stat().st_size <= 2000 for p in isolated_log_dir.iterdir())
    last = path.read_text(encoding="utf-8").splitlines()[-1]
    assert last.endswith(" INFO core.example: line 099 of the example")
    assert "line 000" not in "".join(p.read_text(encoding="utf-8") for p in isolated_log_dir.iterdir())


def test_a_log_folder_that_cannot_be_written_is_said_and_skipped(isolated_log_dir: Path, monkeypatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    blocker = isolated_log_dir.parent / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FILESCRIBE_LOG_DIR", str(blocker / "logs"))
    assert set_up_logging("cli") is None and current_log_file() is None
    assert capsys.readouterr().err.startswith("filescribe: no log file (")


def test_command_messages_go_to_stderr_and_the_log(isolated_log_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = set_up_logging("training")
    command_logger("train").info("saved runs/mine")
    assert capsys.readouterr().err == "train: saved runs/mine\n"
    assert path.read_text(encoding="utf-8").endswith(" INFO command.train: saved runs/mine\n")


def test_exit_statuses_of_a_command(isolated_log_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = set_up_logging("cli")
    assert run_command("filescribe", lambda: 0) == 0 and run_command("filescribe", lambda: None) == 0

    def fails(error: BaseException):
        def command() -> int:
            raise error
        return command

    assert run_command("filescribe", fails(ModelError("No model folder at /x"))) == 1
    assert capsys.readouterr().err == "filescribe: error: No model folder at /x\n"
    assert run_command("filescribe", fails(KeyboardInterrupt())) == 130
    assert capsys.readouterr().err == "filescribe: interrupted\n"
    assert run_command("filescribe", fails(ValueError("a bug"))) == 1
    assert capsys.readouterr().err == f"filescribe: error: ValueError: a bug (the traceback is in {path})\n"
    logged = path.read_text(encoding="utf-8")
    assert "ERROR command.filescribe: error: No model folder at /x" in logged
    assert "ERROR core.logs: filescribe failed\nTraceback (most recent call last)" in logged
    assert logged.rstrip().endswith("ValueError: a bug (the traceback is in " + str(path) + ")")
