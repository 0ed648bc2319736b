"""Answering questions: the documentation index, passages, retrieval and the answerer."""
