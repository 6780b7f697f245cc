"""Pages for watching: source health, alerts (and their Atom feed), saved searches.

The saved-search forms are the app's only writes. They are plain POST forms answered by
a redirect; a POST whose Origin is another site is refused (a page elsewhere must not be
able to switch a reader's alerts), and every value is shown back escaped.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from blocwatch.alerts import alerts_feed
from blocwatch.errors import ConfigError
from blocwatch.store.alerts import AlertState
from blocwatch.store.watch import WatchState
from blocwatch.web.deps import StoreDep, templates

router = APIRouter(include_in_schema=False)


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise HTTPException(403, f"a form from {origin} cannot change this app")


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, store: StoreDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "sources.html", {"sources": WatchState(store).health()}
    )


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, store: StoreDep) -> HTMLResponse:
    state = AlertState(store)
    return templates.TemplateResponse(
        request,
        "alerts.html",
        {"alerts": state.alerts(limit=100), "rules": state.rules()},
    )


@router.get("/alerts.atom")
def alerts_atom(request: Request, store: StoreDep) -> Response:
    feed = alerts_feed(
        AlertState(store).alerts(limit=100), feed_id=str(request.url_for("alerts_page"))
    )
    return Response(feed, media_type="application/atom+xml")


@router.get("/saved", response_class=HTMLResponse)
def saved_page(request: Request, store: StoreDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "saved.html", {"searches": AlertState(store).saved_searches()}
    )


@router.post("/saved")
def save_search(
    request: Request,
    store: StoreDep,
    name: Annotated[str, Form(min_length=1, max_length=200)],
    q: Annotated[str, Form(min_length=1, max_length=500)],
) -> RedirectResponse:
    _same_origin(request)
    try:
        AlertState(store).save_search(name.strip(), q.strip())
    except ConfigError as exc:
        raise HTTPException(409, exc.reason) from exc
    return RedirectResponse("/saved", status_code=303)


@router.post("/saved/{search_id}/alert")
def switch_alert(
    request: Request, store: StoreDep, search_id: int, on: Annotated[bool, Form()] = False
) -> RedirectResponse:
    _same_origin(request)
    try:
        AlertState(store).set_search_alert(search_id, on)
    except ConfigError as exc:
        raise HTTPException(404, exc.reason) from exc
    return RedirectResponse("/saved", status_code=303)


@router.post("/saved/{search_id}/delete")
def delete_search(request: Request, store: StoreDep, search_id: int) -> RedirectResponse:
    _same_origin(request)
    AlertState(store).remove_search(search_id)
    return RedirectResponse("/saved", status_code=303)
