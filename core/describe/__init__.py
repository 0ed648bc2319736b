"""Describing files: the fused model, its loading, prompts, example memory, decoding, engine and queues."""
