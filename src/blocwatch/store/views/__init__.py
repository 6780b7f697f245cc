"""The read models the pages and the API show: story cards and details, actor profiles and
listings, an article's context, events between two actors.

Each query reads only what one page shows (a page of rows, counts computed by the
database), so pages stay fast on large stores. Results are small frozen records that
both the templates and the JSON API render (the API's schema is derived from them), and
the aggregating ones are answered from the store's read cache while nothing is written.

One private module per page family (stories, actors, the filters' facets); everything a
page reads is re-exported here.
"""

from blocwatch.store.views._actors import (
    ActorListing,
    ActorProfile,
    ObservedRole,
    actor_profile,
    list_actors,
    resolve_actor,
)
from blocwatch.store.views._common import QuoteView
from blocwatch.store.views._facets import (
    actor_names,
    events_between,
    events_by_id,
    known_actor_names,
    outlets,
)
from blocwatch.store.views._stories import (
    NOTED_REPORTS,
    ArticleContext,
    Citation,
    CopyGroupView,
    StoryCard,
    StoryDetail,
    TimelineEntry,
    article_context,
    count_stories,
    fold_mirrors,
    latest_articles,
    latest_stories,
    report_notes,
    story_cursor,
    story_detail,
)

__all__ = [
    "NOTED_REPORTS",
    "ActorListing",
    "ActorProfile",
    "ArticleContext",
    "Citation",
    "CopyGroupView",
    "ObservedRole",
    "QuoteView",
    "StoryCard",
    "StoryDetail",
    "TimelineEntry",
    "actor_names",
    "actor_profile",
    "article_context",
    "count_stories",
    "events_between",
    "events_by_id",
    "fold_mirrors",
    "known_actor_names",
    "latest_articles",
    "latest_stories",
    "list_actors",
    "outlets",
    "report_notes",
    "resolve_actor",
    "story_cursor",
    "story_detail",
]
