"""Logging for every FileScribe process: one rotating log file per program (gui, cli, training) in the user log
folder, and command messages (`train: ...`) printed on stderr that reach the log file as well.

Each program has its own file, so the window and the training run it starts never rotate one file under each
other (Windows cannot rename a file another process holds open).
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from pathlib import Path

LOG_DIR_ENV = "FILESCRIBE_LOG_DIR"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 3  # gui.log plus gui.log.1 .. gui.log.3: at most 8 MB per program
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
EXIT_ERROR = 1  # a runtime error (usage errors exit 2, from argparse)
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
COMMAND_LOGGERS = "command"  # parent of the loggers whose records are also printed on stderr as `PROG: message`


def default_log_dir() -> Path:
    """FILESCRIBE_LOG_DIR if set, else the platform's user log folder."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_log_dir

    return Path(user_log_dir("filescribe", appauthor=False))


def log_file_handler() -> logging.handlers.RotatingFileHandler | None:
    """The root logger's log file handler, if `set_up_logging` installed one."""
    return next((h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)),
                None)


def current_log_file() -> Path | None:
    """The file this process logs to, or None."""
    handler = log_file_handler()
    return Path(handler.baseFilename) if handler is not None else None


def set_up_logging(program: str, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> Path | None:
    """Log INFO and above of this process to `program`.log in the log folder, rotated; returns the file.

    Idempotent for the same file (another folder replaces the handler). A folder that cannot be written is said
    on stderr and gives None: the program runs on without a log file.
    """
    path = (default_log_dir() / f"{program}.log").absolute()
    root = logging.getLogger()
    installed = log_file_handler()
    if installed is not None:
        if Path(installed.baseFilename) == path:
            return path
        root.removeHandler(installed)
        installed.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backup_count,
                                                       encoding="utf-8")
    except OSError as exc:
        print(f"filescribe: no log file ({exc})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)
    return path


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a record comes (tests and redirections replace it)."""

    @property
    def stream(self):
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        """Ignored: the stream is always the current `sys.stderr`."""


def command_logger(prog: str) -> logging.Logger:
    """The logger of command `prog`'s messages: each is printed as `prog: message` on stderr and logged."""
    logger = logging.getLogger(f"{COMMAND_LOGGERS}.{prog}")
    if not logger.handlers:
        handler = StderrHandler()
        handler.setFormatter(logging.Formatter(f"{prog}: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger


def run_command(prog: str, command: Callable[[], int | None]) -> int:
    """Run a command and return its exit status: an error is reported as `prog: error: ...` and exits 1 (an
    unexpected one leaves its traceback in the log file), Ctrl-C exits 130."""
    from core.errors import FileScribeError

    messages = command_logger(prog)
    try:
        return int(command() or 0)
    except FileScribeError as exc:
        messages.error("error: %s", exc)
    except KeyboardInterrupt:
        messages.error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - any failure becomes a message and exit status 1, never a lost trace
        logging.getLogger(__name__).exception("%s failed", prog)  # the log file, else stderr (logging.lastResort)
        where = current_log_file()
        messages.error("error: %s: %s%s", type(exc).__name__, exc, f" (the traceback is in {where})" if where else "")
    return EXIT_ERROR
