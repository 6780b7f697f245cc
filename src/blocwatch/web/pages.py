"""Server-rendered pages. Everything that comes from articles is escaped by the templates."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from blocwatch.web.deps import StoreDep, templates

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, page: int = Query(1, ge=1)) -> HTMLResponse:
    articles = store.list_articles(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "articles": articles,
            "page": page,
            "total": store.count_articles(),
            "page_size": PAGE_SIZE,
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    paragraphs: dict[int, list[object]] = {}
    for sentence in article.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    return templates.TemplateResponse(
        request, "article.html", {"article": article, "paragraphs": list(paragraphs.values())}
    )
