"""Moving a test store to another revision of its schema.

Upgrade tests take a store with rows back to an old revision and forward again, to show
that a migration's data fill gives what a fresh store holds. They all drive the project's
own migrations on the store's connection, so the steps live here once.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config

from blocwatch.store import Store


def migrate(store: Store, revision: str) -> None:
    """Upgrade ``store`` to ``"head"``, or take it down to an older ``revision``."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("blocwatch.store") / "migrations")
    )
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)
