"""`filescribe desktop-entry`: the menu entry and the icon under $XDG_DATA_HOME, or printed; an error off Linux."""
from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from resources import APP_ICON


@pytest.fixture()
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setattr(sys, "platform", "linux")
    return home


def keys_of(text: str) -> dict[str, str]:
    """The [Desktop Entry] group's keys."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


def exec_arguments(value: str) -> list[str]:
    """The Exec key's command line: string escapes first, then the quoting rules (a shell's double quotes, in
    which a backslash also escapes $ and `, which shlex does not know)."""
    return shlex.split(value.replace("\\\\", "\\").replace("\\$", "$").replace("\\`", "`"))


def test_install_writes_the_entry_and_the_icon(data_home: Path) -> None:
    assert main(["desktop-entry", "--install", "--quiet"]) == 0
    entry = data_home / "applications" / "filescribe.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "filescribe.svg"
    assert icon.read_bytes() == APP_ICON.read_bytes()
    keys = keys_of(entry.read_text(encoding="utf-8"))
    assert {k: keys[k] for k in ("Type", "Name", "Icon", "Terminal")} == {
        "Type": "Application", "Name": "FileScribe", "Icon": str(icon), "Terminal": "false"}
    assert exec_arguments(keys["Exec"]) in ([str(Path(sys.argv[0]).resolve())], [sys.executable, "-m", "desktop_app"])
    assert "Utility" in keys["Categories"].split(";")
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_print_shows_the_entry_and_installs_nothing(data_home: Path, capsys) -> None:
    assert main(["desktop-entry", "--print"]) == 0
    keys = keys_of(capsys.readouterr().out)
    assert keys["Name"] == "FileScribe" and keys["Icon"].startswith(str(data_home))
    assert not data_home.exists()


def test_the_running_filescribe_script_is_what_the_menu_starts(data_home: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    script = tmp_path / "my $apps" / "filescribe"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "desktop-entry", "--print"])
    assert main() == 0
    assert exec_arguments(keys_of(capsys.readouterr().out)["Exec"]) == [str(script)]


def test_the_python_module_starts_the_app_without_the_script(data_home: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/pytest"])
    assert main(["desktop-entry", "--print"]) == 0
    assert exec_arguments(keys_of(capsys.readouterr().out)["Exec"]) == [sys.executable, "-m", "desktop_app"]


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_other_platforms_get_a_clear_error(data_home: Path, monkeypatch, capsys, platform: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert main(["desktop-entry", "--install"]) != 0
    assert "for Linux desktops only" in capsys.readouterr().err
    assert not data_home.exists()


def test_the_app_icon_loads(qapp) -> None:
    from desktop_app.gui.icons import app_icon

    assert not app_icon().isNull() and not app_icon().pixmap(64, 64).isNull()
