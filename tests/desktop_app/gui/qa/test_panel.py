"""The Python Q&A dock: answers on its own thread, progress while the index is built, cancel, sources, history."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor

from core.qa.answerer import QAEngine
from core.qa.index import register_qa_file
from desktop_app.gui.qa.format import source_link
from desktop_app.gui.qa.panel import PANEL_WIDTH, QAPanel
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.settings_dialog import SettingsDialog
from tests.core.qa.test_index import fixture_docs, write_qa_file

REMOVE = "How do I remove an item from a list?"
JSON = "How do I convert a dictionary to a JSON string?"
WAIT_MS = 20_000


class Opener:
    """A QA factory on the fixture documentation and the session's MiniLM; records what it opened and where."""

    def __init__(self, encoder, cache_dir: Path, hold: bool = False) -> None:
        self.encoder, self.cache_dir, self.hold = encoder, cache_dir, hold
        self.specs: list[str] = []
        self.threads: set[int] = set()
        self.asking = threading.Event()  # a held question has started
        self.release = threading.Event()  # lets a held question go on
        self.saw_stop = threading.Event()

    def __call__(self, options, progress, stop) -> QAEngine:
        self.specs.append(options.model_spec)
        self.threads.add(threading.get_ident())
        options.cache_dir = self.cache_dir
        engine = QAEngine.open(options, encoder=self.encoder, docs=fixture_docs(), progress=progress, stop=stop)
        return HeldEngine(engine, self) if self.hold else engine


class HeldEngine:
    """A slow engine: each question waits (up to 10 s) until released or cancelled, then the real engine answers."""

    def __init__(self, engine: QAEngine, opener: Opener) -> None:
        self.engine, self.opener = engine, opener

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def ask(self, question: str, k: int, stop: threading.Event):
        self.opener.threads.add(threading.get_ident())
        self.opener.asking.set()
        for _ in range(1000):
            if stop.is_set() or self.opener.release.is_set():
                break
            threading.Event().wait(0.01)
        if stop.is_set():
            self.opener.saw_stop.set()
        return self.engine.ask(question, k=k, stop=stop)  # raises Cancelled when stopped


@pytest.fixture()
def encoder(lexical_encoder, monkeypatch: pytest.MonkeyPatch):
    """The session's MiniLM, never writing vectors to a store while these tests use it."""
    monkeypatch.setattr(lexical_encoder, "backing", None)
    return lexical_encoder


@pytest.fixture()
def make_panel(qtbot, encoder, tmp_path: Path):
    """Build a shown panel on an Opener (`hold=True`: questions wait for `opener.release`)."""
    panels: list[QAPanel] = []

    def make(settings: AppSettings | None = None, hold: bool = False) -> tuple[QAPanel, Opener]:
        opener = Opener(encoder, tmp_path / "cache", hold)
        current = settings or AppSettings(device="cpu")
        panel = QAPanel(lambda: current, factory=opener)
        qtbot.addWidget(panel)
        panel.resize(460, 640)
        panel.show()
        panels.append(panel)
        return panel, opener

    yield make
    for panel in panels:
        panel.shutdown()


def answer_of(qtbot, panel: QAPanel, question: str) -> None:
    """Ask and wait for the answer."""
    assert panel.ask(question) is not None
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=WAIT_MS)


def test_the_panel_answers_on_its_thread_while_the_window_keeps_working(qtbot, make_panel) -> None:
    panel, opener = make_panel(hold=True)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    panel.question.setText(REMOVE)
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)
    assert panel.is_busy() and panel.ask_button.text() == "Cancel"
    qtbot.waitUntil(opener.asking.is_set, timeout=WAIT_MS)
    ticks.clear()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)  # the event loop runs while the question waits
    assert panel.is_busy() and panel.progress.isVisible() and panel.progress.maximum() == 0  # a busy bar
    opener.release.set()
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=WAIT_MS)
    timer.stop()
    assert threading.get_ident() not in opener.threads and len(opener.threads) == 1
    assert panel.ask_button.text() == "Ask" and not panel.progress.isVisible()
    assert "s.remove(x)" in panel.answer_view.toPlainText()
    assert panel.status.text() == "Answers quoted from the documentation."
    assert [panel.history_list.item(i).text() for i in range(panel.history_list.count())] == [REMOVE]


def test_a_question_can_be_cancelled_and_the_next_one_answered(qtbot, make_panel) -> None:
    panel, opener = make_panel(hold=True)
    panel.ask(REMOVE)
    qtbot.waitUntil(opener.asking.is_set, timeout=WAIT_MS)
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)  # it says Cancel now
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)  # well before the held question's 10 s
    assert opener.saw_stop.is_set() and panel.status.text() == "Cancelled."
    assert panel.history == [] and panel.shown is None
    opener.release.set()
    answer_of(qtbot, panel, JSON)
    assert opener.specs == ["auto"]  # the engine stayed open
    assert [q for q, _ in panel.history] == [JSON]


def test_code_shows_as_code_and_sources_open_in_the_viewer(qtbot, make_panel) -> None:
    panel, _ = make_panel()
    answer_of(qtbot, panel, JSON)
    answer = panel.shown
    assert answer is not None and answer.sources[0].title == "stdlib:json.dumps"
    code = panel.answer_view.document().find(">>> json.dumps(")
    assert not code.isNull() and code.charFormat().fontFamilies() == [panel.fixed_family]
    link = panel.answer_view.document().find("[1] stdlib:json.dumps#1")
    assert link.charFormat().anchorHref() == source_link(1)
    cursor = QTextCursor(link)
    cursor.setPosition(link.selectionStart() + 2)
    where = panel.answer_view.cursorRect(cursor).center()
    qtbot.mouseClick(panel.answer_view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a click on the link
    qtbot.waitUntil(lambda: panel.viewer is not None and panel.viewer.isVisible())
    assert panel.viewer.windowTitle() == "[1] stdlib:json.dumps#1"
    assert "Use it to turn a Python dictionary" in panel.viewer.text.toPlainText()


def test_the_first_question_builds_the_index_with_progress_and_history_shows_earlier_answers(qtbot,
                                                                                           make_panel) -> None:
    panel, _ = make_panel()
    seen: list[tuple[int, int, str]] = []
    panel.progress.valueChanged.connect(lambda value: seen.append((value, panel.progress.maximum(),
                                                                   panel.status.text())))
    answer_of(qtbot, panel, REMOVE)
    assert seen and seen[-1][0] == seen[-1][1] > 0  # the bar counted up to the total
    assert seen[-1][2] == f"Indexing the Python documentation (first use only): {seen[-1][1]} of {seen[-1][1]}"
    answer_of(qtbot, panel, JSON)
    assert [panel.history_list.item(i).text() for i in range(2)] == [JSON, REMOVE]
    panel.history_list.itemClicked.emit(panel.history_list.item(1))
    assert "s.remove(x)" in panel.answer_view.toPlainText() and panel.shown is panel.history[0][1]


def test_another_q_and_a_setting_reopens_the_engine_and_a_failed_model_is_told(qtbot, make_panel,
                                                                               tmp_path: Path) -> None:
    panel, opener = make_panel()
    answer_of(qtbot, panel, REMOVE)
    missing = str(tmp_path / "no-such-model")
    panel.settings = lambda: AppSettings(device="cpu", qa_model_spec=missing)
    answer_of(qtbot, panel, REMOVE)
    assert panel.status.text().startswith("No answer: No model folder at") and len(panel.history) == 1
    panel.settings = lambda: AppSettings(device="cpu")
    answer_of(qtbot, panel, JSON)
    answer_of(qtbot, panel, REMOVE)
    assert opener.specs == ["auto", missing, "auto"] and len(panel.history) == 3


def test_imported_pairs_are_searched_and_a_new_import_reopens_the_engine(qtbot, make_panel,
                                                                         isolated_data_dir: Path,
                                                                         tmp_path: Path) -> None:
    panel, opener = make_panel()
    answer_of(qtbot, panel, "How do I install numpy?")
    assert not [s for s in panel.shown.sources if s.id.startswith("so:")]
    register_qa_file(write_qa_file(tmp_path / "so.jsonl"), isolated_data_dir)
    answer_of(qtbot, panel, "How do I install numpy?")
    assert panel.shown.sources[0].id == "so:11:12#1" and len(opener.specs) == 2
    assert "python -m pip install numpy" in panel.answer_view.toPlainText()


def test_the_qa_model_is_chosen_in_the_settings_dialog(qtbot) -> None:
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    assert dialog.qa_model.currentText() == "auto"
    dialog.qa_model.setCurrentText("/models/python-qa")
    assert dialog.settings().qa_model_spec == "/models/python-qa"


def test_the_main_window_has_the_dock_and_stops_its_thread_on_close(qtbot, make_window) -> None:
    window = make_window()
    toggle = window.qa_panel.toggleViewAction()
    assert not window.qa_panel.isVisible() and toggle in window.toolbar.actions()  # the file list keeps its room
    assert toggle.text() == "Python Q&&A"
    toggle.trigger()
    assert window.qa_panel.isVisible()
    qtbot.waitUntil(lambda: abs(window.qa_panel.width() - PANEL_WIDTH) < 10)  # room for a line of code
    thread = window.qa_panel.worker._thread
    assert thread.isRunning()
    window.close()
    assert thread.isFinished()
