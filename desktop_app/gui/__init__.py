"""The desktop GUI: app shell, main window, settings and app state only the GUI uses."""
