"""Alembic environment: runs on the connection the store hands over (see ``Store.upgrade``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from blocwatch.store.schema import Base
from blocwatch.store.search import compare_column_types, include_in_schema_comparison

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_in_schema_comparison,
            compare_type=compare_column_types,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_in_schema_comparison,
            compare_type=compare_column_types,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
