"""The question panel: panel, worker and answer formatting."""
