"""FileScribe desktop application (PySide6) and the `filescribe` command line."""
