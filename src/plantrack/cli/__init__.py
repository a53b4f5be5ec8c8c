"""The command-line shell: parse options, call one api function, render, return an exit code."""
