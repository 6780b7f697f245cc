"""Stories: syndicated copies, story clustering and extractive summaries."""

from blocwatch.stories.copies import CopyDetector

__all__ = ["CopyDetector"]
