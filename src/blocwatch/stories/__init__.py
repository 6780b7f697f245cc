"""Stories: syndicated copies, story clustering and extractive summaries.

:class:`CopyDetector` folds republished copies of one text, :class:`StoryClusterer`
groups reports of one event as they arrive, :func:`summarize_article` and
:func:`summarize_story` make extractive summaries whose sentences carry evidence,
:func:`report_notes` says what each report of a story adds, and
:func:`build_stories` runs the three over a stream of articles.
"""

from blocwatch.stories.build import build_stories
from blocwatch.stories.clustering import (
    Embedder,
    SentenceEmbedder,
    StoryClusterer,
    TfidfEmbedder,
    default_embedder,
)
from blocwatch.stories.copies import CopyDetector
from blocwatch.stories.summaries import report_notes, summarize_article, summarize_story

__all__ = [
    "CopyDetector",
    "Embedder",
    "SentenceEmbedder",
    "StoryClusterer",
    "TfidfEmbedder",
    "build_stories",
    "default_embedder",
    "report_notes",
    "summarize_article",
    "summarize_story",
]
