"""Desktop fixtures: windows on the session's tiny engine (wrapped to count model calls), real temp folders."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.store import Store
from desktop_app.gui.settings import load_settings
from tests.desktop_app.helpers import CountingEngine


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread() -> Iterator[None]:
    """On a shared 2-core machine, OpenMP threads spinning against other processes slow torch 10x."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def desktop_engine(tiny_model_dir: Path, lexical_encoder):
    """The tiny model in bigger batches with short outputs: thousands of files described in seconds."""
    from core.describe.engine import DescriptionEngine, GenerationSettings

    return DescriptionEngine(str(tiny_model_dir), device="cpu", lexical=lexical_encoder, batch_size=32,
                             settings=GenerationSettings(max_new_tokens=8))


@pytest.fixture()
def counting_engine(desktop_engine) -> CountingEngine:
    return CountingEngine(desktop_engine)


@pytest.fixture()
def make_window(qtbot, counting_engine) -> Iterator[Callable]:
    """Build windows on the counting engine; each is shown (the engine loads on show) and closed at the end."""
    from desktop_app.gui.icons import use_system_icon_theme
    from desktop_app.gui.main_window import MainWindow

    use_system_icon_theme()
    stores: list[Store] = []

    def make(folder: Path | str | None = None, *, factory=None, **options):
        store = Store.open()
        stores.append(store)
        window = MainWindow(store, load_settings(), engine_factory=factory or (lambda settings, store: counting_engine),
                            **options)
        qtbot.addWidget(window)
        window.show()
        if folder is not None:
            assert window.open_folder(str(folder))
        return window

    yield make
    for store in stores:
        store.close()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A folder with a few realistic names."""
    root = tmp_path / "Documents"
    root.mkdir()
    for name in ("Invoice_2024-03.pdf", "holiday_photo.jpg", "meeting_notes.md"):
        (root / name).write_text("x")
    return root
