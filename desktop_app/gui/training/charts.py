"""Two small charts drawn with QPainter (PySide6-Essentials has no QtCharts): the live loss curves of a training
run and the grouped ROUGE bars of its evaluation. Both share the frame: title, legend, y axis with grid lines.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.gui.colors import LINE_CONTRAST, hint_color, readable, shade
from training.rouge import ROUGE_NAMES

Series = Sequence[tuple[float, float]]
TRAIN_COLOR, VALID_COLOR = QColor("#1a73e8"), QColor("#e8710a")
BASE_COLOR, TUNED_COLOR = QColor("#9aa0a6"), QColor("#1a5fb4")
MARGINS = (52, 30, 14, 34)  # left, top, right, bottom (axis labels, title and legend live there)
SMOOTHING = 0.8  # the training loss of single batches is noisy: its moving average is the curve, the raw one faint


def nice_step(span: float, count: int) -> float:
    """A round tick spacing (1, 2, 2.5 or 5 times a power of ten) giving about `count` ticks over `span`."""
    raw = span / max(count, 1) if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude * (1 + 1e-9))


def axis_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round ticks from the last one at or below `low` to the first one at or above `high` (two at least)."""
    step = nice_step(high - low if high > low else abs(high) * 0.1 or 1.0, count)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [step * n for n in range(first, max(last, first + 1) + 1)]


def smoothed(points: Series, weight: float = SMOOTHING) -> list[tuple[float, float]]:
    """The points' exponential moving average, debiased at the start (TensorBoard's smoothing)."""
    average, result = 0.0, []
    for number, (x, y) in enumerate(points, start=1):
        average = weight * average + (1 - weight) * y
        result.append((x, average / (1 - weight**number)))
    return result


class Chart(QWidget):
    """The frame of a chart: title, legend and a y axis with round ticks and grid lines; subclasses draw the data."""

    def __init__(self, title: str, legend: Sequence[tuple[str, QColor]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.legend = title, list(legend)
        self.empty_text = ""
        self.setMinimumSize(200, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def hue(self, color: QColor) -> QColor:
        """A series' colour, moved toward the text colour where it would not stand out from the base colour."""
        return readable(color, self.palette(), LINE_CONTRAST)

    def y_range(self) -> tuple[float, float]:
        """The smallest and largest values to show (the axis extends to round ticks around them)."""
        raise NotImplementedError

    def has_data(self) -> bool:
        raise NotImplementedError

    def draw_data(self, painter: QPainter, plot: QRectF, y_of: Callable[[float], float]) -> None:
        """Draw the data in `plot`; `y_of(value)` is the vertical position of a value."""
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        left, top, right, bottom = MARGINS
        top += self._draw_title_and_legend(painter)
        plot = QRectF(left, top, max(1, self.width() - left - right), max(1, self.height() - top - bottom))
        if not self.has_data():
            painter.setPen(QColor(hint_color(self.palette())))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        ticks = axis_ticks(*self.y_range())

        def y_of(value: float) -> float:
            return plot.bottom() - (value - ticks[0]) / (ticks[-1] - ticks[0]) * plot.height()

        metrics = QFontMetrics(self.font())
        for value in ticks:
            y = y_of(value)
            painter.setPen(QPen(shade(0.15, self.palette()), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.palette().text().color())
            label = f"{value:g}"
            painter.drawText(QPointF(plot.left() - 6 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2 - 1),
                             label)
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        self.draw_data(painter, plot, y_of)

    def draw_x_label(self, painter: QPainter, x: float, plot: QRectF, text: str, line: int = 0) -> None:
        """`text` centred under the x axis at `x`, in the painter's font, on label line `line` (0: the first)."""
        metrics = painter.fontMetrics()
        painter.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2,
                                 plot.bottom() + 4 + metrics.ascent() + line * metrics.height()), text)

    def _draw_title_and_legend(self, painter: QPainter) -> int:
        """The title on the left, the legend on the right of the same line, or on a line of its own when they
        do not fit side by side; returns the height that extra line takes."""
        metrics = QFontMetrics(self.font())
        bold = self.font()
        bold.setBold(True)
        title_width = QFontMetrics(bold).horizontalAdvance(self.title)
        legend_width = sum(metrics.horizontalAdvance(label) + 30 for label, _ in self.legend)
        extra = 0 if MARGINS[0] + title_width + 16 + legend_width <= self.width() - MARGINS[2] else metrics.height()
        baseline = 6 + metrics.ascent()
        painter.setPen(self.palette().text().color())
        painter.setFont(bold)
        painter.drawText(QPointF(MARGINS[0], baseline), self.title)
        painter.setFont(self.font())
        x, baseline = self.width() - MARGINS[2], baseline + extra
        for label, color in reversed(self.legend):
            x -= metrics.horizontalAdvance(label)
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(x, baseline), label)
            x -= 16
            painter.fillRect(QRectF(x, baseline - metrics.ascent() + 2, 11, 11), self.hue(color))
            x -= 14
        return extra


class LossChart(Chart):
    """Training loss per logged step (raw, faint, and smoothed) and validation loss per epoch, against the step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Loss", [("training", TRAIN_COLOR), ("validation", VALID_COLOR)], parent)
        self.empty_text = "The loss curves appear with the first training steps."
        self.train: list[tuple[float, float]] = []
        self.valid: list[tuple[float, float]] = []
        self.x_max = 0.0

    def set_curves(self, train: Series, valid: Series, x_max: float) -> None:
        """Show these points; the x axis runs to `x_max` steps (the run's length, once known)."""
        self.train, self.valid = list(train), list(valid)
        self.x_max = max([x_max, *(x for x, _ in self.train + self.valid)])
        self.update()

    def has_data(self) -> bool:
        return bool(self.train or self.valid)

    def y_range(self) -> tuple[float, float]:
        values = [y for _, y in self.train + self.valid]
        return min(values), max(values)

    def draw_data(self, painter: QPainter, plot: QRectF, y_of: Callable[[float], float]) -> None:
        x_max = self.x_max or 1.0

        def point(x: float, y: float) -> QPointF:
            return QPointF(plot.left() + x / x_max * plot.width(), y_of(y))

        metrics = QFontMetrics(self.font())
        painter.setPen(self.palette().text().color())
        for tick in axis_ticks(0, x_max, 6):
            if tick <= x_max:
                self.draw_x_label(painter, point(tick, 0).x(), plot, f"{tick:g}")
        painter.drawText(QPointF(plot.right() - metrics.horizontalAdvance("step"),
                                 plot.bottom() + 6 + 2 * metrics.ascent()), "step")
        train, valid = self.hue(TRAIN_COLOR), self.hue(VALID_COLOR)
        faint = QColor(train)
        faint.setAlpha(70)
        curves = ((self.train, faint, 1, False), (smoothed(self.train), train, 2, len(self.train) == 1),
                  (self.valid, valid, 2, True))
        for points, color, width, marked in curves:
            if not points:
                continue
            path = QPainterPath(point(*points[0]))
            for x, y in points[1:]:
                path.lineTo(point(x, y))
            painter.setPen(QPen(color, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            if marked:
                painter.setBrush(color)
                for x, y in points:
                    painter.drawEllipse(point(x, y), 3, 3)


class RougeBars(Chart):
    """Base vs fine-tuned ROUGE F-measures, one group of two bars per ROUGE type, values written on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ROUGE", [("base", BASE_COLOR), ("fine-tuned", TUNED_COLOR)], parent)
        self.empty_text = "No evaluation yet."
        self.groups: list[tuple[str, float, float]] = []

    def set_scores(self, base: dict[str, float], finetuned: dict[str, float]) -> None:
        """One group per ROUGE type of `base` (the report's order)."""
        self.groups = [(name, base[name], finetuned[name]) for name in base]
        self.update()

    def has_data(self) -> bool:
        return bool(self.groups)

    def y_range(self) -> tuple[float, float]:
        return 0.0, max(0.1, *(max(b, f) * 1.12 for _, b, f in self.groups))

    def draw_data(self, painter: QPainter, plot: QRectF, y_of: Callable[[float], float]) -> None:
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        small_metrics = QFontMetrics(small)
        width = plot.width() / len(self.groups)
        bar = min(48.0, width * 0.32)
        names = [ROUGE_NAMES.get(name, name) for name, *_ in self.groups]
        label_font, lines = label_layout(names, width - 6, self.font(), small)
        for number, (name, (_, *values)) in enumerate(zip(names, self.groups, strict=True)):
            centre = plot.left() + width * (number + 0.5)
            painter.setPen(self.palette().text().color())
            painter.setFont(label_font)
            for line, text in enumerate(lines(name)):
                self.draw_x_label(painter, centre, plot, text, line)
            painter.setFont(small)
            for offset, value, color in zip((-1, 0), values, map(self.hue, (BASE_COLOR, TUNED_COLOR)), strict=True):
                rect = QRectF(centre + offset * bar, y_of(value), bar - 2, plot.bottom() - y_of(value))
                painter.fillRect(rect, color)
                label = f"{value:.3f}"
                if small_metrics.horizontalAdvance(label) <= bar - 2:  # else the table beside says it
                    painter.drawText(QPointF(rect.center().x() - small_metrics.horizontalAdvance(label) / 2,
                                             rect.top() - 3), label)
        painter.setFont(self.font())


def label_layout(names: Sequence[str], room: float, font: QFont,
                 small: QFont) -> tuple[QFont, Callable[[str], list[str]]]:
    """The font and line split of x labels that fit in `room` pixels: one line, one line smaller, or two smaller
    lines split after the dash ("ROUGE-" over "Lsum"); names are never shortened."""
    def one_line(name: str) -> list[str]:
        return [name]

    def two_lines(name: str) -> list[str]:
        head, dash, tail = name.partition("-")
        return [head + dash, tail] if tail else [name]

    for candidate, lines in ((font, one_line), (small, one_line)):
        metrics = QFontMetrics(candidate)
        if max(metrics.horizontalAdvance(name) for name in names) <= room:
            return candidate, lines
    return small, two_lines
