"""Stories: syndicated copies, story clustering and extractive summaries."""

from blocwatch.stories.copies import CopyDetector
from blocwatch.stories.summaries import summarize_article, summarize_story

__all__ = ["CopyDetector", "summarize_article", "summarize_story"]
