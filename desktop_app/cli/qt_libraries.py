"""Before Qt starts on Linux: are the system libraries of Qt's X11 platform plugin (xcb) there, and if not, which
packages hold them. Without them Qt aborts with "Could not load the Qt platform plugin "xcb"" and no word on what
to install. Nothing here imports Qt.
"""
from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Mapping

# What PySide6's plugins/platforms/libqxcb.so and the Qt libraries it loads (XcbQpa, Gui, Widgets, DBus, Core; and
# Network, for the single-instance server) need from the system, beyond the C and C++ runtime and zlib, as `ldd`
# lists them; tests/desktop_app/cli/test_qt_libraries.py checks this table against the installed plugin.
# soname: (Debian/Ubuntu package, Fedora package)
XCB_LIBRARIES = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
    "libgssapi_krb5.so.2": ("libgssapi-krb5-2", "krb5-libs"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
}


def qt_platform(environ: Mapping[str, str]) -> str:
    """The platform plugin Qt tries first on Linux: QT_QPA_PLATFORM's first choice, else wayland in a Wayland
    session, else xcb."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    return chosen or ("wayland" if environ.get("XDG_SESSION_TYPE") == "wayland" else "xcb")


def missing_libraries(load: Callable[[str], object] | None = None) -> list[str]:
    """The sonames of XCB_LIBRARIES the dynamic loader (`load`, default ctypes.CDLL) cannot load, as Qt's plugin
    loader would not find them."""
    missing = []
    for soname in XCB_LIBRARIES:
        try:
            (load or ctypes.CDLL)(soname)
        except OSError:
            missing.append(soname)
    return missing


def install_message(missing: list[str]) -> str:
    """What to install for the `missing` libraries, with Debian/Ubuntu and Fedora package names."""
    debian, fedora = (" ".join(dict.fromkeys(XCB_LIBRARIES[soname][index] for soname in missing)) for index in (0, 1))
    return (f"filescribe: the desktop app needs system libraries that are missing: {', '.join(missing)}\n"
            "Install them, then start FileScribe again:\n"
            f"  Debian/Ubuntu: sudo apt install {debian}\n"
            f"  Fedora:        sudo dnf install {fedora}\n"
            "(The command-line tools need none of them, e.g. `filescribe describe FOLDER`.)")


def desktop_libraries_problem(environ: Mapping[str, str], load: Callable[[str], object] | None = None) -> str | None:
    """The install message when Qt will use xcb on Linux and some of its libraries are missing, else None."""
    if not sys.platform.startswith("linux") or qt_platform(environ) != "xcb":
        return None
    missing = missing_libraries(load)
    return install_message(missing) if missing else None
