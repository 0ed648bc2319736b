"""The desktop app's settings and recent folders, persisted as JSON beside the store."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from core.atomic import write_text_atomically
from core.store import default_data_dir

SETTINGS_FILENAME = "settings.json"
RECENT_LIMIT = 10


@dataclass
class AppSettings:
    """What the user chose in the settings dialog, plus the folders opened last."""

    model_spec: str = "auto"
    device: str = "auto"
    allow_download: bool = False
    show_hidden: bool = False
    recursive: bool = False
    write_comments: bool = False  # copy descriptions to the files' user.xdg.comment attribute
    use_memory: bool = True  # similar examples (corrections, starter corpus) in the model input
    recent_folders: list[str] = field(default_factory=list)
    qa_model_spec: str = "auto"  # the Python Q&A panel's model (auto: flan-t5-small if cached, else extractive)

    def remember_folder(self, folder: str) -> None:
        """Put `folder` first in the recent folders (kept short, without duplicates)."""
        self.recent_folders = [folder, *(f for f in self.recent_folders if f != folder)][:RECENT_LIMIT]

    def reloads_model(self, other: AppSettings) -> bool:
        """True when going from `other` to these settings needs another model."""
        return (self.model_spec, self.device, self.allow_download, self.use_memory) != (
            other.model_spec, other.device, other.allow_download, other.use_memory)

    def reloads_qa_model(self, other: AppSettings) -> bool:
        """True when going from `other` to these settings needs another Q&A model."""
        return (self.qa_model_spec, self.device, self.allow_download) != (
            other.qa_model_spec, other.device, other.allow_download)

    def relists(self, other: AppSettings) -> bool:
        """True when going from `other` to these settings changes which files are listed."""
        return (self.show_hidden, self.recursive) != (other.show_hidden, other.recursive)


def settings_path(data_dir: Path | None = None) -> Path:
    """The settings file in `data_dir` (default: the store's data folder)."""
    return (data_dir or default_data_dir()) / SETTINGS_FILENAME


def load_settings(data_dir: Path | None = None) -> AppSettings:
    """The saved settings; a missing or damaged file, or a value of the wrong type, gives the default."""
    defaults = AppSettings()
    try:
        saved = json.loads(settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return defaults
    if not isinstance(saved, dict):
        return defaults
    values = {}
    for item in dataclasses.fields(AppSettings):
        value, default = saved.get(item.name), getattr(defaults, item.name)
        if isinstance(value, type(default)) and (not isinstance(value, list) or all(isinstance(v, str) for v in value)):
            values[item.name] = value
    return AppSettings(**values)


def save_settings(settings: AppSettings, data_dir: Path | None = None) -> None:
    """Write the settings atomically (paths that are not valid UTF-8 survive as JSON escapes)."""
    text = json.dumps(dataclasses.asdict(settings), indent=2, ensure_ascii=True)
    write_text_atomically(settings_path(data_dir), [text, "\n"])
