"""The training commands: train, evaluate, embeddings, qa prepare, qa training and the starter model."""
