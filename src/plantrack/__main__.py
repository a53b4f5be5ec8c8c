"""Allow ``python -m plantrack``."""

from plantrack.cli import startup

if __name__ == "__main__":
    startup.own_process()
    with startup.loading():
        from plantrack.cli.app import main
    main()
