"""The JSON API under /api (its OpenAPI schema at /api/openapi.json)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel

from blocwatch.store import ExportFormat, ExportKind, export_bytes
from blocwatch.store.repository import ArticleSummary
from blocwatch.web.deps import StoreDep

router = APIRouter(prefix="/api", tags=["api"])


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published_at: str | None
    language: str | None
    origin_agency: list[str]
    story_id: str | None
    copy_of: str | None

    @classmethod
    def of(cls, row: ArticleSummary) -> ArticleOut:
        return cls(
            id=row.id,
            title=row.title,
            outlet=row.outlet,
            url=row.url,
            published_at=row.published_local,
            language=row.language,
            origin_agency=list(row.origin_agency),
            story_id=row.story_id,
            copy_of=row.copy_of,
        )


class ArticleDetailOut(ArticleOut):
    text: str
    published_source: str | None


@router.get("/articles", response_model=list[ArticleOut])
def list_articles(
    store: StoreDep,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[ArticleOut]:
    return [
        ArticleOut.of(r)
        for r in store.list_articles(
            limit=limit, offset=offset, outlet=outlet, since=since, until=until
        )
    ]


@router.get("/articles/{article_id}", response_model=ArticleDetailOut)
def get_article(article_id: str, store: StoreDep) -> ArticleDetailOut:
    summary = store.article_summary(article_id)
    article = store.get_article(article_id)
    if summary is None or article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return ArticleDetailOut(
        **ArticleOut.of(summary).model_dump(),
        text=article.text,
        published_source=article.published_source,
    )


_MEDIA = {
    ExportFormat.JSONL: "application/x-ndjson",
    ExportFormat.CSV: "text/csv",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
    ExportFormat.GDELT: "text/tab-separated-values",
}


@router.get("/export/{what}.{fmt}")
def download_export(what: ExportKind, fmt: ExportFormat, store: StoreDep) -> Response:
    if fmt is ExportFormat.GDELT and what is not ExportKind.EVENTS:
        raise HTTPException(400, "the gdelt format is for events only")
    body = export_bytes(store, what, fmt)
    suffix = "tsv" if fmt is ExportFormat.GDELT else fmt.value
    return Response(
        body,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="blocwatch-{what.value}.{suffix}"'},
    )
