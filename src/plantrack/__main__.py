"""Allow ``python -m plantrack``."""

from plantrack.cli.app import main

if __name__ == "__main__":
    main()
