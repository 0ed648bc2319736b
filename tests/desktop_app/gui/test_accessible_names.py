"""Screen readers can name the window's main widgets."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

NAMED = {
    "Files": lambda w: w.files.table, "Search files": lambda w: w.files.search.box,
    "Folders": lambda w: w.files.folders, "Folder path": lambda w: w.files.path_bar,
    "Files and Training": lambda w: w.tabs, "Python question": lambda w: w.qa_panel.question,
    "Answer": lambda w: w.qa_panel.answer_view, "Questions asked": lambda w: w.qa_panel.history_list,
    "Start Training": lambda w: w.training.start_button, "Cancel training": lambda w: w.training.cancel_button,
    "Training progress": lambda w: w.training.progress, "Training log": lambda w: w.training.log,
    "Run details": lambda w: w.training.details, "Training runs": lambda w: w.training.history.table,
    "Corrections to train on": lambda w: w.training.inputs.table,
    "Extra example files": lambda w: w.training.inputs.extra_list,
    "Keep general knowledge": lambda w: w.training.inputs.replay, "Held out": lambda w: w.training.inputs.held_out,
    "Minimum": lambda w: w.training.inputs.minimum, "Max. epochs": lambda w: w.training.inputs.epochs,
    "Learning rate": lambda w: w.training.inputs.lr, "Batch size": lambda w: w.training.inputs.batch_size,
}


def test_the_main_widgets_have_accessible_names(make_window) -> None:
    window = make_window()
    named = {widget.accessibleName(): widget for widget in window.findChildren(QWidget) if widget.accessibleName()}
    for name, widget_of in NAMED.items():
        widget = widget_of(window)
        assert (widget.accessibleName() or widget.text()) == name  # a button's text is its name
        assert widget.accessibleName() == "" or named[name] is widget
