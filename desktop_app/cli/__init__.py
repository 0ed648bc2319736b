"""The `filescribe` command line: the headless commands and the GUI launcher."""
