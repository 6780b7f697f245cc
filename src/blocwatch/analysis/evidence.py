"""From the event ids behind a chart point to the sentences that state them."""

from __future__ import annotations

from collections.abc import Sequence

from blocwatch.store import Store
from blocwatch.store.analysis_reads import EventEvidence, events_with_sentences

__all__ = ["EventEvidence", "event_evidence"]


def event_evidence(store: Store, event_ids: Sequence[int]) -> list[EventEvidence]:
    """The events with these ids, newest article first, each with its sentence.

    Ids that do not exist (any more) are skipped: a chart may outlive a re-ingest.
    """
    return sorted(
        events_with_sentences(store, event_ids),
        key=lambda e: (
            e.published_at is None,
            -e.published_at.timestamp() if e.published_at else 0.0,
            e.event_id,
        ),
    )
