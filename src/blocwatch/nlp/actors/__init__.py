"""Actors: states, organisations, blocs, office-holders and places, under every name.

::

    dictionary = ActorDictionary.default()            # or ActorDictionary.load(my_file)
    mentions = ActorRecognizer(dictionary).recognize(article.id, article.text,
                                                     article.sentences, article.published_day)
    dictionary.state_of("person:sergey-lavrov", date(2022, 5, 13))      # "RUS"
    dictionary.office_holder("foreign minister", "RUS", date(2022, 5, 13))

:func:`mention_row` flattens a mention for exports. Larger actor lists come in through
:func:`import_petrarch` and :func:`import_wikidata`;
the dictionary's file format is described in :mod:`blocwatch.nlp.actors.dictionary`.
Agent nouns ("police", "rebels") and the kind of actor they name:
``AgentDictionary.default().lookup("riot police")``.
"""

from blocwatch.nlp.actors.agents import Agent, AgentDictionary
from blocwatch.nlp.actors.dictionary import PHOENIX_OPTIONAL_PATHS, ActorDictionary, ActorEntry
from blocwatch.nlp.actors.importers import import_petrarch, import_wikidata
from blocwatch.nlp.actors.mentions import actors_from_mentions, mention_row
from blocwatch.nlp.actors.recognizer import ActorRecognizer

__all__ = [
    "PHOENIX_OPTIONAL_PATHS",
    "ActorDictionary",
    "ActorEntry",
    "ActorRecognizer",
    "Agent",
    "AgentDictionary",
    "actors_from_mentions",
    "import_petrarch",
    "import_wikidata",
    "mention_row",
]
