"""The demo: the bundled sample corpus through the whole pipeline into a database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from blocwatch.ingest.files import read_inputs
from blocwatch.run import IngestReport, ingest_corpus
from blocwatch.store import Store


def sample_corpus_dir() -> Path:
    """The folder of sample articles shipped inside the package."""
    return Path(str(resources.files("blocwatch") / "data" / "sample"))


def run_demo(store: Store) -> IngestReport:
    corpus = sample_corpus_dir()
    inputs = [
        str(p)
        for p in sorted(corpus.iterdir())
        if p.is_file() and p.name != "MANIFEST.json" and not p.name.startswith(".")
    ]
    return ingest_corpus(store, read_inputs(inputs), learn_from=read_inputs(inputs))
