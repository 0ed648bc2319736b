"""FileScribe training: datasets, fine-tuning, evaluation and data preparation."""
