"""The Files tab: table model, filter, description delegate and feed, engine worker, folder session."""
