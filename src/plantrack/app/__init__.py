"""The application layer: one module per use case, typed arguments in, typed results out;
nothing here prints. ``plantrack.api`` re-exports it; the CLI calls only this layer."""
