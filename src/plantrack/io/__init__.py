"""The only disk and git access: repository layout, YAML loading, atomic writes, git log."""
