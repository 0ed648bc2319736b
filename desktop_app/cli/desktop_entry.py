"""`filescribe desktop-entry --install|--print`: FileScribe in the application menu of a Linux desktop, as a
freedesktop.org .desktop file in $XDG_DATA_HOME/applications and the app's icon in the hicolor theme."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from core.atomic import write_atomically, write_text_atomically
from core.errors import FileScribeError
from desktop_app.gui.platforms import free_desktop
from resources import APP_ICON

NEEDS_MODEL = False
APP_ID = "filescribe"  # the desktop file's name, as the app announces it (QGuiApplication.setDesktopFileName)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `desktop-entry` sub-command."""
    parser = subparsers.add_parser(
        "desktop-entry", help="add FileScribe to the desktop's application menu (Linux)",
        description=f"--install: write {APP_ID}.desktop to $XDG_DATA_HOME/applications (default "
                    "~/.local/share/applications) and the icon to $XDG_DATA_HOME/icons/hicolor/scalable/apps; "
                    "--print: print the entry instead.")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--install", action="store_true", help="install the menu entry and its icon")
    action.add_argument("--print", action="store_true", help="print the menu entry, install nothing")
    return parser


def run(args: argparse.Namespace) -> int:
    """Print or install the desktop entry (and its icon); a clear error where there is no freedesktop menu."""
    if not free_desktop():
        raise FileScribeError("desktop-entry writes a freedesktop.org menu entry, for Linux desktops only; "
                              f"on {sys.platform} start FileScribe with the `filescribe` command")
    data_home = xdg_data_home()
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    entry = desktop_entry(launch_command(), icon)
    if args.print:
        print(entry, end="")
        return 0
    with open(APP_ICON, "rb") as source:
        write_atomically(icon, lambda out: shutil.copyfileobj(source, out))
    target = data_home / "applications" / f"{APP_ID}.desktop"
    write_text_atomically(target, [entry])
    if not args.quiet:
        print(f"installed {target} and {icon}", file=sys.stderr)
    return 0


def xdg_data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path (as the specification asks), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """How the menu starts the app: the running `filescribe` script, else this Python with `-m desktop_app`."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == APP_ID and script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "desktop_app"]


def exec_argument(argument: str) -> str:
    """One argument of the Exec key, quoted as the Desktop Entry Specification asks."""
    argument = argument.replace("%", "%%")
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'.replace("\\", "\\\\")  # the key's value is a string: its backslashes are escaped again


def desktop_entry(command: list[str], icon: Path) -> str:
    """The text of the .desktop file that starts `command` with `icon`."""
    lines = {
        "Type": "Application", "Version": "1.5", "Name": "FileScribe", "GenericName": "File Describer",
        "Comment": "List a folder's files with descriptions written by a local model",
        "Exec": " ".join(map(exec_argument, command)), "Icon": str(icon), "Terminal": "false",
        "Categories": "Utility;FileTools;", "Keywords": "files;describe;folder;comment;", "StartupNotify": "true",
    }
    return "[Desktop Entry]\n" + "".join(f"{key}={value}\n" for key, value in lines.items())
