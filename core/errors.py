"""The project's own exceptions: each carries a message meant for the user."""


class FileScribeError(Exception):
    """Base of every error FileScribe reports to the user as a plain message."""


class ModelError(FileScribeError):
    """A model spec cannot be resolved, or a model folder is missing, partial or corrupt."""


class DeviceError(FileScribeError):
    """The requested compute device is not available."""


class StoreError(FileScribeError):
    """The description store cannot be opened or written."""
