"""The Python Q&A dock: answers on its own thread, quick ones by word match while the index is built in the
background (with progress), then full ones; cancel, sources, history."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor

from core.qa.answerer import EXTRACTIVE, NO_WORD_MATCH, QUICK, QAOptions
from core.qa.index import INDEX_FILENAME, open_index, register_qa_file
from core.qa.session import QASession
from desktop_app.gui.qa.format import source_link
from desktop_app.gui.qa.panel import PANEL_WIDTH, QAPanel
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.settings_dialog import SettingsDialog
from tests.core.qa.test_index import fixture_docs, write_qa_file

REMOVE = "How do I remove an item from a list?"
JSON = "How do I convert a dictionary to a JSON string?"
WAIT_MS = 20_000


def held(released: threading.Event, stop: threading.Event, seconds: float = 60) -> None:
    """Wait until `released` or `stop` is set (at most `seconds`)."""
    for _ in range(int(seconds * 100)):
        if stop.is_set() or released.is_set():
            return
        threading.Event().wait(0.01)


class Opener:
    """A QA factory on the fixture documentation and the session's MiniLM; records what it opened and where.

    `hold`: each question waits until `release` is set; `hold_build`: building the vector index waits until
    `release_build` is set (the word index is never held).
    """

    def __init__(self, encoder, cache_dir: Path, hold: bool = False, hold_build: bool = False) -> None:
        self.encoder, self.cache_dir = encoder, cache_dir
        self.specs: list[str] = []
        self.threads: set[int] = set()  # where questions were answered
        self.asking = threading.Event()  # a held question has started
        self.release = threading.Event()  # lets a held question go on
        self.saw_stop = threading.Event()
        self.building = threading.Event()  # a held index build has started
        self.release_build = threading.Event()
        if not hold:
            self.release.set()
        if not hold_build:
            self.release_build.set()

    def __call__(self, options: QAOptions) -> QASession:
        self.specs.append(options.model_spec)
        options.cache_dir = self.cache_dir
        return HeldSession(options, self)


class HeldSession(QASession):
    """A session on the fixture documentation whose questions and index build wait for the opener's events."""

    def __init__(self, options: QAOptions, opener: Opener) -> None:
        super().__init__(options, docs=fixture_docs(), encoder=opener.encoder)
        self.opener = opener

    def open_full(self, progress=None, stop=None):
        if not self.index_cached():
            self.opener.building.set()
            held(self.opener.release_build, stop)
        return super().open_full(progress, stop)  # raises Cancelled when stopped

    def ask(self, question: str, k: int = 5, stop=None):
        self.opener.threads.add(threading.get_ident())
        self.opener.asking.set()
        held(self.opener.release, stop)
        if stop.is_set():
            self.opener.saw_stop.set()
        return super().ask(question, k=k, stop=stop)  # raises Cancelled when stopped


@pytest.fixture()
def encoder(lexical_encoder, monkeypatch: pytest.MonkeyPatch):
    """The session's MiniLM, never writing vectors to a store while these tests use it."""
    monkeypatch.setattr(lexical_encoder, "backing", None)
    return lexical_encoder


@pytest.fixture()
def make_panel(qtbot, encoder, tmp_path: Path):
    """Build a shown panel on an Opener (`hold=True`: questions wait for `opener.release`); `cached`: the
    documentation index is built before (else the first answers are quick ones while it builds)."""
    panels: list[QAPanel] = []

    def make(settings: AppSettings | None = None, hold: bool = False, cached: bool = True,
             hold_build: bool = False) -> tuple[QAPanel, Opener]:
        opener = Opener(encoder, tmp_path / "cache", hold, hold_build)
        if cached:
            open_index(encoder, docs=fixture_docs(), cache_dir=opener.cache_dir)
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


def full_answer_of(qtbot, panel: QAPanel, question: str) -> None:
    """Ask and wait for the full answer (it replaces a quick one once the index is built)."""
    assert panel.ask(question) is not None
    qtbot.waitUntil(lambda: not panel.is_busy() and panel.shown is not None and panel.shown.mode != QUICK,
                    timeout=WAIT_MS)


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


def test_the_first_answers_come_by_word_match_while_the_index_builds_then_full_ones_replace_them(
        qtbot, make_panel, tmp_path: Path) -> None:
    panel, opener = make_panel(cached=False, hold_build=True)
    seen: list[tuple[int, int, str]] = []
    panel.index_progress.valueChanged.connect(lambda value: seen.append((value, panel.index_progress.maximum(),
                                                                         panel.index_status.text())))
    answer_of(qtbot, panel, JSON)
    answer_of(qtbot, panel, REMOVE)
    assert opener.building.is_set() and not (tmp_path / "cache" / INDEX_FILENAME).exists()  # held: no index yet
    assert [answer.mode for _, answer in panel.history] == [QUICK, QUICK]
    assert "s.remove(x)" in panel.answer_view.toPlainText() and "Quick answer by word match" in \
        panel.answer_view.toPlainText()
    assert panel.status.text() == "Quick answers by word match until the documentation index is built."
    assert panel.index_status.isVisible() and panel.index_progress.isVisible()
    opener.release_build.set()
    qtbot.waitUntil(lambda: panel.shown.mode == EXTRACTIVE and not panel.is_busy(), timeout=WAIT_MS)
    assert seen and seen[-1][0] == seen[-1][1] > 0  # the bar counted up to the total
    assert seen[-1][2].endswith(f"{seen[-1][1]} of {seen[-1][1]} sentences")
    assert not panel.index_status.isVisible() and panel.status.text() == "Answers quoted from the documentation."
    assert [answer.mode for _, answer in panel.history] == [QUICK, EXTRACTIVE]  # the shown one was replaced
    assert "s.remove(x)" in panel.answer_view.toPlainText() and "Quick answer" not in panel.answer_view.toPlainText()
    assert [panel.history_list.item(i).text() for i in range(2)] == [REMOVE, JSON]
    panel.history_list.itemClicked.emit(panel.history_list.item(1))  # the earlier quick answer, selected
    qtbot.waitUntil(lambda: panel.history[0][1].mode == EXTRACTIVE and not panel.is_busy(), timeout=WAIT_MS)
    assert panel.shown is panel.history[0][1] and "json.dumps" in panel.answer_view.toPlainText()
    assert len(panel.history) == 2 and opener.specs == ["auto"]


def test_a_question_that_shares_no_word_with_the_documentation_says_so(qtbot, make_panel) -> None:
    panel, _ = make_panel(cached=False, hold_build=True)
    answer_of(qtbot, panel, "Xyzzy plugh?")
    assert panel.shown.mode == QUICK and panel.shown.text == NO_WORD_MATCH
    assert NO_WORD_MATCH in panel.answer_view.toPlainText()


def test_another_q_and_a_setting_reopens_the_engine_and_a_failed_model_is_told(qtbot, make_panel,
                                                                               tmp_path: Path) -> None:
    panel, opener = make_panel()
    answer_of(qtbot, panel, REMOVE)
    missing = str(tmp_path / "no-such-model")
    panel.settings = lambda: AppSettings(device="cpu", qa_model_spec=missing)
    answer_of(qtbot, panel, REMOVE)  # a quick answer, and why there is no full one
    assert panel.status.text().startswith("No full answers: No model folder at") and panel.shown.mode == QUICK
    panel.settings = lambda: AppSettings(device="cpu")
    answer_of(qtbot, panel, JSON)
    answer_of(qtbot, panel, REMOVE)
    assert opener.specs == ["auto", missing, "auto"] and len(panel.history) == 4
    assert [answer.mode for _, answer in panel.history] == [EXTRACTIVE, QUICK, EXTRACTIVE, EXTRACTIVE]


def test_imported_pairs_are_searched_and_a_new_import_reopens_the_engine(qtbot, make_panel,
                                                                         isolated_data_dir: Path,
                                                                         tmp_path: Path) -> None:
    panel, opener = make_panel()
    answer_of(qtbot, panel, "How do I install numpy?")
    assert not [s for s in panel.shown.sources if s.id.startswith("so:")]
    register_qa_file(write_qa_file(tmp_path / "so.jsonl"), isolated_data_dir)
    full_answer_of(qtbot, panel, "How do I install numpy?")  # a quick one first: the index is built again
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
    threads = window.qa_panel.worker._threads
    assert all(thread.isRunning() for thread in threads) and len(threads) == 2
    window.close()
    assert all(thread.isFinished() for thread in threads)
