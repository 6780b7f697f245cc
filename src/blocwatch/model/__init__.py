"""The data model every stage shares.

Stages hand each other these typed records, never untyped dicts: a reader yields
:class:`RawDocument`, cleaning turns it into an :class:`Article`, and the NLP stages
fill the article's ``sentences``, ``mentions``, ``times``, ``quotes`` and ``events``.
Stories are built across articles, event clusters across reports, alerts from events.

Every extracted fact carries :class:`Evidence` (article, sentence, character span into
``Article.text``) so a reader can always go back to the words that support it.

The records live in private modules by stage (an article and its facts, event clusters,
stories, watching and alerts); import them from here.
"""

from blocwatch.model._article import (
    QUAD_CLASSES,
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    Event,
    EventActor,
    EventStatus,
    Evidence,
    MediaType,
    Mention,
    Parse,
    Quote,
    QuoteKind,
    RawDocument,
    Rejection,
    Role,
    Sector,
    Sentence,
    Span,
    TimeExpression,
    Token,
    content_id,
)
from blocwatch.model._clusters import (
    ClusterReport,
    ClusterSource,
    EventCluster,
    ExplainedCluster,
    PairPeriod,
    PairTotal,
)
from blocwatch.model._stories import (
    CopyGroup,
    ReportNote,
    ReportRole,
    Story,
    SummarySentence,
)
from blocwatch.model._watch import (
    Alert,
    AlertRule,
    Delivery,
    EventHit,
    ItemStatus,
    RuleConditions,
    SourceHealth,
    WatchItem,
)

__all__ = [
    "QUAD_CLASSES",
    "Actor",
    "ActorKind",
    "Alert",
    "AlertRule",
    "Article",
    "ClusterReport",
    "ClusterSource",
    "CopyGroup",
    "DatePrecision",
    "Delivery",
    "Event",
    "EventActor",
    "EventCluster",
    "EventHit",
    "EventStatus",
    "Evidence",
    "ExplainedCluster",
    "ItemStatus",
    "MediaType",
    "Mention",
    "PairPeriod",
    "PairTotal",
    "Parse",
    "Quote",
    "QuoteKind",
    "RawDocument",
    "Rejection",
    "ReportNote",
    "ReportRole",
    "Role",
    "RuleConditions",
    "Sector",
    "Sentence",
    "SourceHealth",
    "Span",
    "Story",
    "SummarySentence",
    "TimeExpression",
    "Token",
    "WatchItem",
    "content_id",
]
