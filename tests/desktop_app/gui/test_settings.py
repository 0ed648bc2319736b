"""Settings round-trip as JSON, tolerate damage, and remember recent folders."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import desktop_app
from desktop_app.gui.settings import RECENT_LIMIT, AppSettings, load_settings, save_settings, settings_path


def test_settings_round_trip_with_odd_paths() -> None:
    settings = AppSettings(model_spec="starter", device="cpu", allow_download=True, show_hidden=True,
                           recursive=True, write_comments=True, use_memory=False)
    settings.remember_folder("/home/u/caf\udce9")
    save_settings(settings)
    assert load_settings() == settings


def test_missing_damaged_or_mistyped_settings_fall_back_to_defaults() -> None:
    assert load_settings() == AppSettings()
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json")
    assert load_settings() == AppSettings()
    settings_path().write_text('{"device": 3, "recursive": true, "recent_folders": [1], "unknown": 1}')
    assert load_settings() == AppSettings(recursive=True)


def test_recent_folders_are_unique_newest_first_and_bounded() -> None:
    settings = AppSettings()
    for index in range(RECENT_LIMIT + 3):
        settings.remember_folder(f"/f{index}")
    settings.remember_folder("/f5")
    assert settings.recent_folders[0] == "/f5" and len(settings.recent_folders) == RECENT_LIMIT
    assert len(set(settings.recent_folders)) == RECENT_LIMIT


def test_what_a_change_of_settings_needs() -> None:
    base = AppSettings()
    assert AppSettings(device="cpu").reloads_model(base) and not AppSettings(device="cpu").relists(base)
    assert AppSettings(show_hidden=True).relists(base) and not AppSettings(write_comments=True).reloads_model(base)
    assert AppSettings(use_memory=False).reloads_model(base)


def test_every_setting_is_read_by_the_app() -> None:
    """A setting that nothing reads but the settings file and the dialog is dead."""
    root = Path(desktop_app.__file__).parent
    skipped = {root / "gui" / "settings.py", root / "gui" / "settings_dialog.py"}
    read = {node.attr for path in root.rglob("*.py") if path not in skipped
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)}
    assert {field.name for field in dataclasses.fields(AppSettings)} - read == set()
