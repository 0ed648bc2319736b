"""The Training tab: retrain the model on the user's corrections in a child process, watch it learn, compare it
with the base on held-out corrections, and choose which model describes the files. It shows and forwards: the
run is driven by TrainingRunner, the data and records live in desktop_app.gui.training.plan and
desktop_app.gui.training.runs.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.store import Store
from desktop_app.gui.colors import hint_color
from desktop_app.gui.icons import themed
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.text_format import format_time
from desktop_app.gui.training.charts import LossChart
from desktop_app.gui.training.history import STATUS_TEXT, RunHistory
from desktop_app.gui.training.inputs import TrainingInputs
from desktop_app.gui.training.plan import TrainingOptions, TrainingProgress, start_blocker
from desktop_app.gui.training.report import ExamplesTable, ReportView
from desktop_app.gui.training.runner import TRAINING, TrainingRunner
from desktop_app.gui.training.runs import (
    CANCELLED,
    FAILED,
    FINISHED,
    RunDetails,
    RunRecord,
    RunRegistry,
    run_details,
    run_name,
)
from desktop_app.gui.widgets import Banner
from training.comparison import BETTER, Verdict

INPUTS_WIDTH = 410
LOSS_PAGE, REPORT_PAGE, EXAMPLES_PAGE, LOG_PAGE = range(4)


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless area that scrolls vertically when the window is too low for it."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(widget.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area


class TrainingTab(QWidget):
    """Inputs on the left; on the right the run controls, the shown run (loss, report, log) and the history."""

    activate_requested = Signal(str)  # the model spec the app should use from now on

    def __init__(self, store: Store, tasks: TaskRunner, registry: RunRegistry, settings: Callable[[], AppSettings],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.tasks, self.registry, self.settings = store, tasks, registry, settings
        self.fixed_options: dict[str, Any] = {}  # options without a control (threads, starter_check): scripts, tests
        self.records: list[RunRecord] = []
        self.model_spec = settings().model_spec
        self.shown: RunRecord | None = None
        self.verdict: Verdict | None = None  # of the shown run, once its report is read
        self._choose_next: str | None = None  # the run that just ended: its default choice gets the focus
        self._loaded = False
        self.runner = TrainingRunner(registry, tasks, parent=self)
        self.inputs = TrainingInputs()
        self.history = RunHistory()
        self._build()
        self._connect()
        self._update_controls()

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        sp = QStyle.StandardPixmap
        self.start_button = QPushButton(themed(("media-playback-start",), sp.SP_MediaPlay), "Start Training")
        self.cancel_button = QPushButton(themed(("process-stop",), sp.SP_BrowserStop), "Cancel")
        self.cancel_button.setAccessibleName("Cancel training")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName("Training progress")
        self.progress.hide()
        controls = QHBoxLayout()
        controls.addWidget(self.start_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.status, 1)
        controls.addWidget(self.progress)
        self.run_title = QLabel()
        bold = QFont(self.run_title.font())
        bold.setBold(True)
        self.run_title.setFont(bold)
        self.keep_button = QPushButton("Keep Current Model")
        self.use_button = QPushButton("Use This Model")
        title_row = QHBoxLayout()
        title_row.addWidget(self.run_title, 1)
        title_row.addWidget(self.keep_button)
        title_row.addWidget(self.use_button)
        for button in (self.keep_button, self.use_button):
            button.setAutoDefault(True)  # Enter presses the focused one
        self.error_banner = Banner("error")
        self.loss_chart = LossChart()
        self.report = ReportView()
        self.examples = ExamplesTable()
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName("Training log")
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log.setFont(QFont("monospace"))
        self.details = QTabWidget()
        self.details.setAccessibleName("Run details")
        self.details.setDocumentMode(True)
        for page, name in ((self.loss_chart, "Loss"), (scrolling(self.report), "Report"), (self.examples, "Examples"),
                           (self.log, "Log")):
            self.details.addTab(page, name)
        self._enable_report(False)
        shown_run = QWidget()
        shown_layout = QVBoxLayout(shown_run)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.addLayout(title_row)
        shown_layout.addWidget(self.error_banner)
        shown_layout.addWidget(self.details, 1)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(shown_run)
        right_split.addWidget(self.history)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 1)
        right_split.setSizes([480, 120])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(controls)
        right_layout.addWidget(right_split, 1)
        split = QSplitter()
        split.addWidget(scrolling(self.inputs))
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([INPUTS_WIDTH, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.use_button.clicked.connect(self._use_shown)
        self.keep_button.clicked.connect(self._keep_current)
        self.inputs.changed.connect(self._update_controls)
        self.history.selected.connect(self._show)
        self.history.use_base_requested.connect(lambda: self.activate_requested.emit(self.base_spec()))
        self.history.delete_requested.connect(self._delete)
        self.runner.started.connect(self._run_started)
        self.runner.status.connect(self._status_changed)
        self.runner.progressed.connect(self._progressed)
        self.runner.logged.connect(self._logged)
        self.runner.ended.connect(self._run_ended)

    # Loading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The history is read (runs left running by a closed app marked failed) once, the corrections each time."""
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.tasks.run(self.registry.recover, self._set_records)
        self.refresh_corrections()

    def refresh_corrections(self) -> None:
        """Read the store's corrections again (on the store thread)."""
        self.tasks.run(self.store.corrections, self.inputs.set_corrections,
                       lambda message: self.inputs.summary.setText(f"Could not read your corrections: {message}"))

    def _reload_records(self, select: str | None = None) -> None:
        self.tasks.run(self.registry.records, lambda records: self._set_records(records, select))

    def _set_records(self, records: list[RunRecord], select: str | None = None) -> None:
        """Show the history and one run: `select`, else the one selected before, else the newest."""
        self.records = records
        self._update_history()
        current = self.history.current()
        self.history.select(select or (current.id if current else None) or (records[0].id if records else None))
        self._show(self.history.current())

    def _update_history(self) -> None:
        active = self.registry.run_of(self.model_spec)
        self.history.set_records(self.records, [self.registry.run_title(r, self.records) for r in self.records],
                                 active if any(r.id == active for r in self.records) else None,
                                 self.model_name(self.base_spec()))
        self._update_choice()

    def model_name(self, spec: str) -> str:
        """How the tab names a model: "starter", "Run 3", a hub id or a folder's name."""
        return self.registry.model_name(spec, self.records)

    # The model in use ------------------------------------------------------------------------

    def base_spec(self) -> str:
        """The model a new run starts from and "Use the Base Model" goes back to."""
        return self.registry.base_of(self.model_spec, self.records)

    def set_model_spec(self, spec: str) -> None:
        """The app now uses `spec` (after the settings or an activation changed it)."""
        self.model_spec = spec
        self._update_history()

    def _use_shown(self) -> None:
        if self.shown is not None and self.shown.status == FINISHED:
            self.activate_requested.emit(str(self.registry.model_dir(self.shown.id)))

    def _keep_current(self) -> None:
        if self.shown is not None:
            self.status.setText(f"{self.model_name(self.model_spec)} stays in use; {run_name(self.shown)} stays in "
                                "the history should you want it later.")

    def _update_choice(self) -> None:
        """Keep Current Model and Use This Model for a finished run not in use; Use This Model is the default only
        when the run's verdict says it does better (a worse or unclear run keeps the current model by default)."""
        shown = self.shown
        finished = shown is not None and shown.status == FINISHED
        in_use = finished and shown.id == self.history.active_id
        self.use_button.setVisible(finished)
        self.use_button.setEnabled(finished and not in_use)
        self.use_button.setText("In Use" if in_use else "Use This Model")
        self.keep_button.setVisible(finished and not in_use)
        better = self.verdict is not None and self.verdict.outcome == BETTER
        self.use_button.setDefault(finished and not in_use and better)
        self.keep_button.setDefault(finished and not in_use and not better)
        if finished:
            run, current = run_name(shown), self.model_name(self.model_spec)
            self.use_button.setToolTip(f"Describe files with {run} from now on (your corrections stay)")
            self.keep_button.setToolTip(f"Go on describing files with {current}; {run} stays in the history")

    def default_choice(self) -> QPushButton | None:
        """The button Enter presses on the shown run's report, if it offers a choice."""
        return next((b for b in (self.use_button, self.keep_button) if b.isVisible() and b.isDefault()), None)

    # Running ----------------------------------------------------------------------------------

    def options(self) -> TrainingOptions:
        """The run's options: the controls, the app's settings and the fixed options."""
        return self.inputs.options(self.settings(), **self.fixed_options)

    def start(self) -> None:
        """Start a run on the ticked corrections and the extra files (disabled, with the reason, when too few)."""
        options = self.options()
        if self.runner.running or start_blocker(len(self.inputs.ticked()), options):
            return
        self.shown = None
        self.history.select(None)
        self.run_title.setText("New run")
        self.runner.start(self.base_spec(), self.inputs.ticked(), self.inputs.extra_files(), options)
        self._show_live()
        self._update_controls()

    def _run_started(self, record: RunRecord) -> None:
        self._set_records([record, *self.records], select=record.id)

    def _is_live(self, record: RunRecord | None) -> bool:
        live = self.runner.record
        return record is not None and self.runner.running and live is not None and record.id == live.id

    def _status_changed(self, text: str) -> None:
        """The status line and the bar: steps while training, busy while loading, evaluating or saving."""
        self.status.setText(text)
        self.status.setStyleSheet("")
        progress = self.runner.progress
        if progress.scoring is not None and progress.scored < progress.to_score:
            self.progress.setRange(0, progress.to_score)
            self.progress.setValue(progress.scored)
            return
        steps = progress.max_steps if self.runner.stage == TRAINING else 0
        self.progress.setRange(0, steps)
        self.progress.setValue(progress.step if steps else 0)

    def _progressed(self, progress: TrainingProgress) -> None:
        if self.shown is None or self._is_live(self.shown):
            self.loss_chart.set_curves(progress.train_loss, progress.valid_loss, progress.max_steps)

    def _logged(self, line: str) -> None:
        if self.shown is None or self._is_live(self.shown):
            self.log.appendPlainText(line)

    def _run_ended(self, record: RunRecord) -> None:
        self._update_controls()
        if record.id:
            self._reload_records(select=record.id)
        else:  # the registry could not record it
            self.error_banner.show_message(record.error or "The run failed.")
            self.details.setCurrentIndex(LOG_PAGE)
        self._choose_next = record.id if record.status == FINISHED else None
        done = {FINISHED: "The run finished: its report says whether it does better than the model it started from.",
                CANCELLED: "The run was cancelled; nothing was kept.", FAILED: f"The run failed: {record.error}"}
        self.status.setText(done.get(record.status, ""))

    def confirm_close(self) -> bool:
        """Closing the app: a training or evaluating process is stopped cleanly if the user agrees; False keeps the
        app open. (Between processes there is nothing to stop: a run cut short there is found failed next time.)"""
        if not self.runner.process.running():
            return True
        answer = QMessageBox.question(self, "Stop training?", "A training run is in progress. Stop it and quit? "
                                      "The run is cancelled and leaves no model behind.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.runner.stop_and_wait()
        return True

    def _update_controls(self) -> None:
        running = self.runner.running
        blocker = start_blocker(len(self.inputs.ticked()), self.options())
        self.start_button.setEnabled(not running and blocker is None)
        self.start_button.setToolTip(blocker or "Train a new model on the ticked corrections")
        self.cancel_button.setEnabled(running)
        self.inputs.set_enabled_while_running(running)
        self.progress.setVisible(running)
        if not running:
            self.status.setText(blocker or f"Ready to train on {len(self.inputs.ticked())} corrections.")
            self.status.setStyleSheet(f"color: {hint_color()};" if blocker else "")

    # The shown run ----------------------------------------------------------------------------

    def _show(self, record: RunRecord | None) -> None:
        """Show a run: live while it runs, else its saved log, report and loss curves."""
        self.shown, self.verdict = record, None
        self._update_choice()
        if record is None:
            if not self.runner.running:
                self.run_title.setText("No run selected" if self.records else "No run yet")
            return
        self.run_title.setText(f"{self.registry.run_title(record, self.records)} · "
                               f"{STATUS_TEXT.get(record.status, '')} · {format_time(record.created)}")
        if self._is_live(record):
            self._show_live()
            return
        if record.status == FAILED:
            self.error_banner.show_message(record.error or "The run failed.")
        else:
            self.error_banner.hide()
        self.tasks.run(lambda: run_details(self.registry, record.id), lambda d: self._show_details(record, d))

    def _show_live(self) -> None:
        """The running run: its loss curves and log so far (more arrive as it goes)."""
        progress = self.runner.progress
        self.loss_chart.set_curves(progress.train_loss, progress.valid_loss, progress.max_steps)
        self.log.setPlainText(self.runner.log_text())
        self.error_banner.hide()
        self._enable_report(False)
        self.details.setCurrentIndex(LOSS_PAGE)

    def _show_details(self, record: RunRecord, details: RunDetails) -> None:
        """The saved parts of a run that is not running; a failed one opens on its log."""
        if self.shown is None or self.shown.id != record.id or self._is_live(record):
            return
        self.loss_chart.set_curves(details.train_loss, details.valid_loss, 0)
        self.log.setPlainText(details.log)
        self._enable_report(details.report is not None)
        if details.report is not None:
            self.verdict = details.verdict
            self.report.show_report(details.report, record.starter_test, details.verdict, run_name(record),
                                    self.model_name(record.base))
            self.examples.show_examples(details.report.get("examples", []))
        self.details.setCurrentIndex(REPORT_PAGE if details.report is not None else LOG_PAGE)
        self._update_choice()
        if self._choose_next == record.id and self.isVisible():
            self._choose_next = None
            choice = self.default_choice()
            if choice is not None:
                choice.setFocus()

    def _enable_report(self, enabled: bool) -> None:
        for page in (REPORT_PAGE, EXAMPLES_PAGE):
            self.details.setTabEnabled(page, enabled)

    def _delete(self, record: RunRecord | None) -> None:
        if record is None:
            return
        answer = QMessageBox.question(self, "Delete run?", f"Delete {self.registry.run_title(record, self.records)}, "
                                      "its model and its log?")
        if answer == QMessageBox.StandardButton.Yes:
            self.tasks.run(lambda: self.registry.delete(record.id), lambda _: self._reload_records())
