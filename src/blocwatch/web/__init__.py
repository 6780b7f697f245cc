"""The web app: server-rendered pages and a JSON API over one store."""

from blocwatch.web.app import create_app

__all__ = ["create_app"]
