"""Russian: the same facts as in English, read with Russian tools and Russian data.

The algorithms are the English ones where they are about meaning (the event coder reads
roles and status from a dependency parse; quotes need a cue and a speaker; dates are
resolved on the publication date). What is Russian is in data files
(``data/*/…_ru.*``) and in three adapters:

* :mod:`.syntax` parses with natasha's models (``slovnet`` morphology and Universal
  Dependencies syntax over ``navec`` embeddings, ``razdel`` tokens) and lemmatises with
  ``pymorphy3``, giving the same :class:`~blocwatch.model.Parse` records as spaCy;
* :mod:`.actors` matches the dictionary's Russian names on lemmas, so
  "Лавров", "Лаврова" and "Лаврову" are one person;
* :mod:`.dates` and :mod:`.quotes` read Russian calendar words and Russian typography.

The packages are the optional extra ``blocwatch[ru]``. Without them a Russian article
is kept, cleaned and searchable, and :func:`require` says what to install.
"""

from __future__ import annotations

import importlib.util

from blocwatch.errors import ConfigError

PACKAGES = ("natasha", "slovnet", "navec", "razdel", "pymorphy3")
INSTALL_HINT = "pip install 'blocwatch[ru]'"


def available() -> bool:
    """Whether the Russian packages are installed (checked without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in PACKAGES)


def require() -> None:
    """Raise a :class:`ConfigError` naming what to install when Russian cannot be read."""
    missing = [name for name in PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise ConfigError(
            f"Russian text needs {', '.join(missing)}: {INSTALL_HINT} "
            "(the article is kept, but no actors, quotes, dates or events are read from it)"
        )
