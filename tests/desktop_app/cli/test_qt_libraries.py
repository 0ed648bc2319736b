"""The check before Qt starts on Linux: which platform plugin Qt will load, the libraries xcb needs (checked against
PySide6's own plugin), and the packages named when some are missing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.qt_libraries import (
    XCB_LIBRARIES,
    desktop_libraries_problem,
    install_message,
    missing_libraries,
    qt_platform,
)

ROOT = Path(__file__).parents[3]
MISSING = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-randr.so.0"}
C_RUNTIME = ("libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "ld-linux", "libpthread.so", "libdl.so",
             "libresolv.so", "libz.so", "linux-vdso.so")


def loader_without(missing: set[str]):
    """A stand-in for ctypes.CDLL that cannot find the `missing` sonames."""
    def load(soname: str) -> None:
        if soname in missing:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
    return load


def test_the_platform_qt_tries_first() -> None:
    assert qt_platform({}) == "xcb"
    assert qt_platform({"XDG_SESSION_TYPE": "x11"}) == "xcb"
    assert qt_platform({"XDG_SESSION_TYPE": "wayland"}) == "wayland"
    assert qt_platform({"QT_QPA_PLATFORM": "offscreen", "XDG_SESSION_TYPE": "x11"}) == "offscreen"
    assert qt_platform({"QT_QPA_PLATFORM": "xcb:display=:1;wayland", "XDG_SESSION_TYPE": "wayland"}) == "xcb"
    assert qt_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"


def test_missing_libraries_are_named_with_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert sorted(missing_libraries(loader_without(MISSING))) == sorted(MISSING)
    message = desktop_libraries_problem({}, loader_without(MISSING))
    assert message == install_message([soname for soname in XCB_LIBRARIES if soname in MISSING])
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-randr0\n" in message
    assert "sudo dnf install xcb-util-cursor xcb-util-wm libxcb\n" in message
    assert desktop_libraries_problem({}, loader_without(set())) is None


@pytest.mark.parametrize(("platform", "environ"), [
    ("linux", {"QT_QPA_PLATFORM": "offscreen"}), ("linux", {"QT_QPA_PLATFORM": "wayland"}),
    ("linux", {"XDG_SESSION_TYPE": "wayland"}), ("win32", {}), ("darwin", {})])
def test_no_check_where_xcb_is_not_used(monkeypatch: pytest.MonkeyPatch, platform: str, environ: dict) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert desktop_libraries_problem(environ, loader_without(set(XCB_LIBRARIES))) is None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="Linux with ldd")
def test_the_table_covers_what_pyside6_loads_from_the_system() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    needed: set[str] = set()
    for library in [qt / "plugins" / "platforms" / "libqxcb.so", *(qt / "lib").glob("libQt6Network.so.6")]:
        listing = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True).stdout
        needed |= {line.split()[0] for line in listing.splitlines() if "=>" in line or "not found" in line}
    bundled = {path.name for path in (qt / "lib").iterdir()}
    from_system = {soname for soname in needed - bundled if not soname.startswith(C_RUNTIME)}
    # ldd lists dependencies of dependencies too; those of the table's libraries come with their packages
    transitive = {"libXau.so.6", "libXdmcp.so.6", "libpcre2-8.so.0", "libexpat.so.1", "libpng16.so.16",
                  "libbrotlicommon.so.1", "libbsd.so.0", "libmd.so.0", "libsystemd.so.0", "libcap.so.2",
                  "libgcrypt.so.20", "libgpg-error.so.0", "liblzma.so.5", "liblz4.so.1", "libGLdispatch.so.0",
                  "libGLX.so.0", "libkrb5.so.3", "libk5crypto.so.3", "libcom_err.so.2", "libkrb5support.so.0",
                  "libkeyutils.so.1", "libffi.so.8"}
    assert from_system - transitive <= set(XCB_LIBRARIES)
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"} <= from_system


def test_the_app_stops_before_qt_with_exit_status_1(tmp_path: Path) -> None:
    code = ("import ctypes, sys\n"
            "def load(soname):\n"
            "    if soname == 'libxcb-keysyms.so.1': raise OSError(soname)\n"
            "ctypes.CDLL = load\n"
            "from desktop_app.cli.main import main\n"
            "code = main([])\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
            "sys.exit(code)")
    environ = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "XDG_SESSION_TYPE")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**environ, "FILESCRIBE_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 1, result.stderr
    assert "missing: libxcb-keysyms.so.1" in result.stderr and "sudo apt install libxcb-keysyms1" in result.stderr
    assert "sudo dnf install xcb-util-keysyms" in result.stderr and not (tmp_path / "data").exists()


@pytest.mark.parametrize(("command", "column"), [("sudo apt install", 0), ("sudo dnf install", 1)])
def test_the_readme_lists_every_package(command: str, column: int) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    (line,) = [line for line in text.splitlines() if line.startswith(command)]
    assert line.split()[3:] == list(dict.fromkeys(packages[column] for packages in XCB_LIBRARIES.values()))
