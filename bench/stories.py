"""Story clustering on ECB+ (reports of one real-world event) and on the seed pages.

Usage: bench/stories.py --ecb FILE [--seeds DIR --gold FILE]

Prints one JSON line per system: the adjusted Rand index of the stories against the
``subtopic`` labels (each ECB+ topic holds two similar but different events), for
blocwatch's online clusterer (articles fed one at a time in file order) and for the
baseline, plain TF-IDF with average-link agglomerative clustering over the whole set
at a cosine distance of ``--baseline-distance`` (0.85, the baseline's best on a sweep
of 0.7-0.9). ECB+ has no dates, so the time window
plays no part: the text carries it all. ``--embeddings`` adds a run with sentence
embeddings as the text view (needs the ``[embeddings]`` extra).

With ``--seeds`` the five seed pages are clustered too (published dates from the gold
file; page furniture crudely dropped: lines of fewer than six words and lines repeated
across pages) and the line reports which pages were merged.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from blocwatch.model import Article
from blocwatch.stories import SentenceEmbedder, StoryClusterer


def run_blocwatch(texts: list[str], *, embeddings: bool = False) -> list[str]:
    clusterer = StoryClusterer(embedder=SentenceEmbedder() if embeddings else None)
    for i, text in enumerate(texts):
        clusterer.add(Article(id=str(i), text=text))
    story_of = {i: story.id for story in clusterer.stories() for i in story.article_ids}
    return [story_of[str(i)] for i in range(len(texts))]


def run_baseline(texts: list[str], distance: float) -> list[int]:
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    return [int(label) for label in clustering.fit_predict(matrix.toarray())]


def seeds(directory: Path, gold_file: Path) -> dict[str, object]:
    gold = json.loads(gold_file.read_text())["documents"]
    pages = {path.name: path.read_text() for path in sorted(directory.glob("*.txt"))}
    line_counts = Counter(line.strip() for text in pages.values() for line in text.splitlines())
    clusterer = StoryClusterer()
    for name, text in pages.items():
        lines = [
            line.strip()
            for line in text.splitlines()
            if len(line.split()) >= 6 and line_counts[line.strip()] == 1
        ]
        published = gold[name]["published"]
        article = Article(
            id=name[:3],
            text="\n\n".join(lines),
            title=gold[name]["title"],
            published_at=datetime.fromisoformat(published).replace(tzinfo=None)
            if published
            else None,
        )
        clusterer.add(article)
    groups = sorted(story.article_ids for story in clusterer.stories())
    return {"system": "blocwatch-seeds", "stories": groups}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb", type=Path, required=True)
    parser.add_argument("--baseline-distance", type=float, default=0.85)
    parser.add_argument("--embeddings", action="store_true", help="also with sentence embeddings")
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--gold", type=Path)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.ecb.read_text().splitlines() if line.strip()]
    texts = [re.sub(r" (?=[,.;:!?')])|(?<=[(]) ", "", row["text"]) for row in rows]
    gold = [row["subtopic"] for row in rows]
    systems = ["blocwatch", "tfidf_average_link"]
    if args.embeddings:
        systems.append("blocwatch_embeddings")
    for system in systems:
        started = time.perf_counter()
        if system.startswith("blocwatch"):
            predicted: list[str] | list[int] = run_blocwatch(
                texts, embeddings=system == "blocwatch_embeddings"
            )
        else:
            predicted = run_baseline(texts, args.baseline_distance)
        elapsed = time.perf_counter() - started
        result = {
            "system": system,
            "documents": len(texts),
            "ari": round(float(adjusted_rand_score(gold, predicted)), 4),
            "stories": len(set(predicted)),
            "gold_stories": len(set(gold)),
            "articles_per_s": round(len(texts) / elapsed, 1),
        }
        print(json.dumps(result))
    if args.seeds and args.gold:
        print(json.dumps(seeds(args.seeds, args.gold)))


if __name__ == "__main__":
    main()
