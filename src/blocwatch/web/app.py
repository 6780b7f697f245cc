"""FastAPI app factory: the store is handed in, never read from a global, so tests swap it."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from blocwatch import __version__
from blocwatch.store import Store
from blocwatch.web import api, pages


def create_app(store: Store) -> FastAPI:
    app = FastAPI(
        title="blocwatch",
        version=__version__,
        description="News intelligence for geopolitics. Every fact links to the sentence that supports it.",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.store = store
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("blocwatch.web") / "static")),
        name="static",
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
