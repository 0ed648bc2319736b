"""FileScribe desktop application (PySide6) and the `filescribe` command line."""

__version__ = "0.1.0"  # the distribution's version (pyproject reads it from here)
