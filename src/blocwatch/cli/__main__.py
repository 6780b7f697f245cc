"""``python -m blocwatch.cli``: the same as the ``blocwatch`` command."""

from blocwatch.cli import main

main()
