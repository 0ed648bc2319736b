"""Read-only data shipped with FileScribe: the starter model, starter datasets, icons."""
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
APP_ICON = RESOURCES_DIR / "icons" / "filescribe.svg"  # the window's and the desktop menu's icon


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource (it may not exist; callers check)."""
    return RESOURCES_DIR.joinpath(*parts)
