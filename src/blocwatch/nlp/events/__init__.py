"""Event coding: who did what to whom, in PLOVER types with CAMEO codes and Goldstein
scores, each event with the words that support it.

``EventCoder().code(...)`` codes an article from its sentences, actor mentions, dates and
quotes; ``EventCoder().code_sentence(text)`` finds the actors and dates itself.
``VerbDictionary.default().match(lemma, particle, dependent_lemmas, prep_objects, passive)``
gives the CAMEO code PETRARCH2's verb dictionary assigns to one use of a verb.
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
from blocwatch.nlp.events.verbs import VerbDictionary, VerbEntry, VerbMatch

__all__ = [
    "PLOVER_TYPES",
    "EventCoder",
    "Lexicon",
    "VerbDictionary",
    "VerbEntry",
    "VerbMatch",
    "cameo_type",
    "default_lexicon",
    "goldstein",
    "intent_code",
    "quad_class",
]
