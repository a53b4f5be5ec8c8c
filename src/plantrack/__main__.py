"""Allow ``python -m plantrack``; ``run`` is also the ``plantrack`` command's entry point."""

from plantrack.cli import startup


def run() -> None:
    """Run the command line of this process: the CLI's code loads with the cycle collector
    paused (see ``cli/startup.py``), then ``main`` runs and exits with its code."""
    startup.own_process()
    with startup.loading():
        from plantrack.cli.app import main
    main()


if __name__ == "__main__":
    run()
