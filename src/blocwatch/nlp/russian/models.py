"""The Russian models, loaded once per process from installed packages (never downloaded).

natasha's wheel carries the ``navec`` news embeddings and the ``slovnet`` morphology,
syntax and NER models; they are loaded from its data folder without importing natasha
itself (whose own lemmatiser needs the unmaintained ``pymorphy2``): lemmas come from
``pymorphy3``.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from blocwatch.nlp.russian import require

_EMBEDDING = "emb/navec_news_v1_1B_250K_300d_100q.tar"
_MORPH = "model/slovnet_morph_news_v1.tar"
_SYNTAX = "model/slovnet_syntax_news_v1.tar"
_NER = "model/slovnet_ner_news_v1.tar"


@dataclass(frozen=True, slots=True)
class RussianModels:
    morph: Any
    syntax: Any
    ner: Any
    analyzer: Any
    """``pymorphy3.MorphAnalyzer``."""


def _data_folder() -> Path:
    spec = importlib.util.find_spec("natasha")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def models(batch_size: int = 32) -> RussianModels:
    """slovnet's morphology, syntax and NER over navec, and pymorphy3's analyser."""
    require()
    import pymorphy3
    from navec import Navec
    from slovnet import NER, Morph, Syntax

    data = _data_folder()
    navec = Navec.load(data / _EMBEDDING)
    return RussianModels(
        morph=Morph.load(data / _MORPH, batch_size=batch_size).navec(navec),
        syntax=Syntax.load(data / _SYNTAX, batch_size=batch_size).navec(navec),
        ner=NER.load(data / _NER, batch_size=batch_size).navec(navec),
        analyzer=pymorphy3.MorphAnalyzer(),
    )


@cache
def analyzer() -> Any:
    """pymorphy3's analyser alone (lemmas for name matching need no neural model)."""
    require()
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_POS_OF_OC = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB",
    "INFN": "VERB", "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM",
    "ADVB": "ADV", "NPRO": "PRON", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART",
}  # fmt: skip


@cache
def lemma(word: str, pos: str = "") -> str:
    """The dictionary form of ``word``, preferring an analysis of part of speech ``pos``
    (UD); words pymorphy3 does not know keep their lower-cased form."""
    parses = analyzer().parse(word)
    if not parses:
        return word.lower()
    if pos:
        for parse in parses:
            oc = parse.tag.POS
            if _POS_OF_OC.get(str(oc)) == pos or (pos == "PROPN" and oc == "NOUN"):
                return str(parse.normal_form)
    return str(parses[0].normal_form)
