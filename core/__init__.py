"""FileScribe core engine: models, descriptions, store and scanning. No Qt here."""
