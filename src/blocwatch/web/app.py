"""FastAPI app factory: the store is handed in, never read from a global, so tests swap it."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import Scope
from swagger_ui_bundle import swagger_ui_path

from blocwatch import __version__
from blocwatch.errors import QueryError
from blocwatch.store import Store
from blocwatch.store.actor_lookup import UnknownActorError
from blocwatch.web import api, clusters, pages
from blocwatch.web import watch as watch_pages
from blocwatch.web.analysis import Analysis, default_analysis
from blocwatch.web.deps import templates
from blocwatch.web.security import LOCAL_HOSTS, RefuseNul, SecurityHeaders

STATIC_CACHE = "public, max-age=86400"
"""Scripts and styles change only with a new version: browsers keep them a day."""


class CachedStaticFiles(StaticFiles):
    """Static files with a Cache-Control header, so pages do not fetch them again."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers.setdefault("Cache-Control", STATIC_CACHE)
        return response


def plotly_js_path() -> Path:
    """plotly.js as shipped inside the installed ``plotly`` package: charts work offline."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def create_app(
    store: Store,
    *,
    analysis: Analysis | None = None,
    trusted_hosts: Sequence[str] = LOCAL_HOSTS,
) -> FastAPI:
    """The app over ``store``; it answers only requests whose Host is in ``trusted_hosts``
    (``["*"]`` turns the check off), see :mod:`blocwatch.web.security`."""
    app = FastAPI(
        title="blocwatch",
        version=__version__,
        description="News intelligence for geopolitics. Every fact links to the sentence that supports it.",
        docs_url=None,
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.store = store
    app.state.analysis = analysis if analysis is not None else default_analysis()
    _add_assets(app)
    _add_error_pages(app)
    app.include_router(api.router)
    app.include_router(clusters.router)
    app.include_router(pages.router)
    app.include_router(watch_pages.router)
    # Added last runs first: the headers go on every answer, refusals included.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(RefuseNul)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(trusted_hosts), www_redirect=False)
    app.add_middleware(SecurityHeaders)
    return app


def _add_assets(app: FastAPI) -> None:
    """Static files, Swagger UI and plotly.js, all served from installed packages."""
    app.mount(
        "/static",
        CachedStaticFiles(directory=str(resources.files("blocwatch.web") / "static")),
        name="static",
    )
    app.mount(
        "/assets/swagger-ui",
        CachedStaticFiles(directory=swagger_ui_path),
        name="swagger-ui",
    )

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """Swagger UI from the ``swagger-ui-bundle`` package: the docs work offline."""
        return templates.TemplateResponse(request, "api_docs.html", {})

    @app.get("/assets/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        path = plotly_js_path()
        if not path.is_file():
            raise HTTPException(404, f"plotly.js is missing from the plotly package: {path}")
        return FileResponse(
            path, media_type="text/javascript", headers={"Cache-Control": STATIC_CACHE}
        )


def _add_error_pages(app: FastAPI) -> None:
    """Errors as a page for people and as JSON for the API; the asker's mistakes are 4xx."""

    @app.exception_handler(StarletteHTTPException)
    async def error_page(request: Request, exc: StarletteHTTPException) -> Response:
        """People get a page saying what went wrong; the API and scripts get JSON."""
        if request.url.path.startswith(("/api", "/static", "/assets")):
            return await http_exception_handler(request, exc)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code,
        )

    @app.exception_handler(DataError)
    @app.exception_handler(OverflowError)
    async def out_of_range(request: Request, exc: Exception) -> Response:
        """A parameter the database cannot hold (an offset past 64 bits) is the asker's
        mistake: 400 naming it, never a 500."""
        return await error_page(
            request,
            StarletteHTTPException(400, "a parameter is out of the range the database can hold"),
        )

    @app.exception_handler(UnknownActorError)
    async def unknown_actor(request: Request, exc: UnknownActorError) -> Response:
        """A name that resolves to no actor: 404 saying so, with the nearest actors."""
        if request.url.path.startswith("/api"):
            return JSONResponse(exc.as_json(), status_code=404)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": 404, "detail": str(exc), "suggestions": exc.suggestions},
            status_code=404,
        )

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        """A query the search will not run is the asker's to change: 400 with the reason."""
        return await error_page(request, StarletteHTTPException(400, exc.reason))
