"""Things routes share, injected as FastAPI dependencies."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from blocwatch.store import Store


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]

templates = Jinja2Templates(directory=str(resources.files("blocwatch.web") / "templates"))
"""Autoescaping is on for .html templates: text from articles is always shown as text."""
