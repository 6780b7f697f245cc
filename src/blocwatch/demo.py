"""The demo: the bundled sample corpus through the whole pipeline into a database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from blocwatch.ingest.files import read_inputs
from blocwatch.run import IngestReport, ingest, rebuild_stories
from blocwatch.stages import actors_in, default_pipeline, learn_furniture
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
    furniture = learn_furniture(read_inputs(inputs))
    report = ingest(
        store, read_inputs(inputs), default_pipeline(furniture=furniture), actors_of=actors_in
    )
    rebuild_stories(store)
    return report
