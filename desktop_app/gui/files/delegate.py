"""Editing a description in place: a plain one-line editor that stays inside its cell."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget


class DescriptionDelegate(QStyledItemDelegate):
    """Enter saves, Esc cancels (Qt's delegate behaviour); the editor says so while empty."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setPlaceholderText("Describe this file — Enter saves, Esc cancels, empty goes back to the model's")
        return editor
