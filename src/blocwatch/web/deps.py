"""Things routes share, injected as FastAPI dependencies."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from blocwatch.model import QUAD_CLASSES
from blocwatch.nlp.languages import support
from blocwatch.store import Store
from blocwatch.web.analysis import Analysis
from blocwatch.web.security import http_url


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_analysis(request: Request) -> Analysis:
    analysis: Analysis = request.app.state.analysis
    return analysis


StoreDep = Annotated[Store, Depends(get_store)]
AnalysisDep = Annotated[Analysis, Depends(get_analysis)]


def reading_note(language: str | None) -> str:
    return support(language).note


templates = Jinja2Templates(directory=str(resources.files("blocwatch.web") / "templates"))
"""Autoescaping is on for .html templates: text from articles is always shown as text."""
templates.env.globals["quad_labels"] = QUAD_CLASSES
templates.env.filters["http_url"] = http_url
templates.env.globals["reading"] = reading_note
"""``{{ reading(article.language) }}``: in which language the article's facts were read, or
why none were (an unsupported language, the Russian extra not installed)."""
"""``{% set link = x.url|http_url %}{% if link %}<a href="{{ link }}">``: the one way a URL
from an article, outlet or feed becomes a link; anything but http(s) gives None."""
