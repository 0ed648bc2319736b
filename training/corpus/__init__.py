"""The starter corpus: harvesting well-known file names and their descriptions."""
