"""REFRESH: deciding when the warehouse is behind its seeds folder, and the scheduler that acts on it."""
