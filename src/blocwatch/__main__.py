"""``python -m blocwatch``: the same as the ``blocwatch`` command."""

from blocwatch.cli import main

main()
