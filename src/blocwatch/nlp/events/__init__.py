"""Event coding: who did what to whom, in PLOVER types with CAMEO codes and Goldstein
scores, each event with the words that support it.

``EventCoder().code(...)`` codes an article from its sentences, actor mentions, dates and
quotes; ``EventCoder().code_sentence(text)`` finds the actors and dates itself.
"""

from blocwatch.nlp.events.coder import EventCoder
from blocwatch.nlp.events.lexicon import Lexicon, default_lexicon
from blocwatch.nlp.events.ontology import (
    PLOVER_TYPES,
    cameo_type,
    goldstein,
    intent_code,
    quad_class,
)

__all__ = [
    "PLOVER_TYPES",
    "EventCoder",
    "Lexicon",
    "cameo_type",
    "default_lexicon",
    "goldstein",
    "intent_code",
    "quad_class",
]
