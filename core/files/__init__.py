"""Files on disk: scanning, folder listings, the watcher, correction moves and file comments."""
