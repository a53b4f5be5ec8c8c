"""plantrack: track the implementation of a government plan kept as YAML files in git."""

__version__ = "0.1.0"
