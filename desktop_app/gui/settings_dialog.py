"""The settings dialog: description and Q&A models, device, downloads, which files are listed, file comments."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.files.comments import comments_unsupported
from desktop_app.gui.colors import hint_color
from desktop_app.gui.settings import AppSettings

MODEL_CHOICES = (
    ("auto", "Automatic: google/flan-t5-small if downloaded, else the starter model"),
    ("starter", "The starter model shipped with FileScribe"),
    ("google/flan-t5-small", "google/flan-t5-small (Hugging Face)"),
)
QA_MODEL_CHOICES = (
    ("auto", "Automatic: google/flan-t5-small if downloaded, else answers quoted from the documentation"),
    ("google/flan-t5-small", "google/flan-t5-small (Hugging Face)"),
)
DEVICE_CHOICES = (("auto", "Automatic (GPU if available)"), ("cpu", "CPU"), ("cuda", "NVIDIA GPU (CUDA)"),
                  ("mps", "Apple GPU (MPS)"))


class SettingsDialog(QDialog):
    """Edits a copy of the settings; `settings()` returns the result after the dialog was accepted."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("FileScribe Settings")
        self._original = settings
        form = QFormLayout()
        self.model = model_choice(MODEL_CHOICES, settings.model_spec,
                                  "starter, auto, a model folder, or a Hugging Face model id")
        form.addRow("Model:", with_browse(self.model))
        self.qa_model = model_choice(QA_MODEL_CHOICES, settings.qa_model_spec,
                                     "auto, a Q&A model folder (`filescribe train --task qa`) or a Hugging Face id")
        form.addRow("Q&A model:", with_browse(self.qa_model))
        self.device = QComboBox()
        for value, label in DEVICE_CHOICES:
            self.device.addItem(label, value)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))
        form.addRow("Device:", self.device)
        self.use_memory = QCheckBox("Show the model similar examples: your corrections and the starter corpus")
        self.use_memory.setChecked(settings.use_memory)
        form.addRow("Examples:", self.use_memory)
        self.allow_download = QCheckBox("Allow downloading models from the Hugging Face hub")
        self.allow_download.setChecked(settings.allow_download)
        form.addRow("Network:", self.allow_download)
        self.recursive = QCheckBox("Include the files of subfolders")
        self.recursive.setChecked(settings.recursive)
        self.show_hidden = QCheckBox("Show hidden files")
        self.show_hidden.setChecked(settings.show_hidden)
        form.addRow("Listing:", self.recursive)
        form.addRow("", self.show_hidden)
        self.write_comments = QCheckBox("Write descriptions to the files' comment attribute (user.xdg.comment)")
        self.write_comments.setChecked(settings.write_comments)
        unsupported = comments_unsupported(settings.recent_folders[0] if settings.recent_folders else str(Path.home()))
        self.write_comments.setEnabled(unsupported is None)
        note = QLabel("Other file managers can then show them. Off by default: it changes the files' metadata."
                      if unsupported is None else f"Not available: {unsupported}.")
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {hint_color()};")
        form.addRow("Comments:", self.write_comments)
        form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def settings(self) -> AppSettings:
        """The settings as edited (recent folders kept)."""
        return dataclasses.replace(
            self._original,
            model_spec=self.model.currentText().strip() or "auto",
            qa_model_spec=self.qa_model.currentText().strip() or "auto",
            device=self.device.currentData(),
            allow_download=self.allow_download.isChecked(),
            use_memory=self.use_memory.isChecked(),
            recursive=self.recursive.isChecked(),
            show_hidden=self.show_hidden.isChecked(),
            write_comments=self.write_comments.isChecked(),
        )


def model_choice(choices: tuple[tuple[str, str], ...], current: str, tip: str) -> QComboBox:
    """An editable list of model specs, each explained in its tooltip, showing `current`."""
    box = QComboBox()
    box.setEditable(True)
    box.setToolTip(tip)
    for spec, label in choices:
        box.addItem(spec)
        box.setItemData(box.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
    box.setCurrentText(current)
    return box


def with_browse(box: QComboBox) -> QHBoxLayout:
    """`box` with a "Folder…" button beside it that puts a chosen folder in it."""
    def browse() -> None:
        folder = QFileDialog.getExistingDirectory(box, "Choose a model folder")
        if folder:
            box.setCurrentText(folder)

    button = QPushButton("Folder…")
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(box, 1)
    row.addWidget(button)
    return row
