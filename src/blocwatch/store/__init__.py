"""Storage: SQLite by default, PostgreSQL by URL; schema migrations; exports."""

from blocwatch.store import watch_tables as _watch_tables  # noqa: F401  (registers the tables)
from blocwatch.store.export import ExportFormat, ExportKind, export, export_bytes, export_rows
from blocwatch.store.read import ArticleSummary
from blocwatch.store.repository import Store

__all__ = [
    "ArticleSummary",
    "ExportFormat",
    "ExportKind",
    "Store",
    "export",
    "export_bytes",
    "export_rows",
]
