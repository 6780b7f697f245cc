"""From a stream of articles to stories: copies folded, reports grouped, summaries made."""

from __future__ import annotations

from collections.abc import Iterable

from blocwatch.model import Article, Story
from blocwatch.stories.clustering import StoryClusterer
from blocwatch.stories.copies import CopyDetector
from blocwatch.stories.summaries import summarize_story


def build_stories(
    articles: Iterable[Article],
    *,
    copies: CopyDetector | None = None,
    clusterer: StoryClusterer | None = None,
) -> list[Story]:
    """Stories for ``articles``, taken in arrival order.

    A syndicated copy joins the story of the text it copies without being compared
    again (its text adds nothing, and a cut copy could otherwise drift elsewhere);
    the story lists it among its articles and its copy group among ``copy_groups``.
    The summary is drawn from one version of each text (the canonical), so a wire
    story republished five times is not counted as five agreeing sources.
    """
    copies = copies or CopyDetector()
    clusterer = clusterer or StoryClusterer()
    by_id: dict[str, Article] = {}
    story_of: dict[str, str] = {}
    for article in articles:
        if article.id in by_id:
            continue
        by_id[article.id] = article
        canonical = copies.add(
            article.id,
            article.text,
            published=article.published_at,
            outlet=article.outlet,
            origin_agency=article.origin_agency,
        )
        earlier = [
            member
            for member in copies.members_of(article.id)
            if member != article.id and member in story_of
        ]
        if canonical is not None and earlier:
            story_of[article.id] = clusterer.attach(article, like=earlier[0])
        else:
            story_of[article.id] = clusterer.add(article)
    groups = copies.groups()
    stories = clusterer.stories()
    for story in stories:
        members = set(story.article_ids)
        story.copy_groups = [group for group in groups if group.canonical_id in members]
        copied = {copy_id for group in story.copy_groups for copy_id in group.copy_ids}
        originals = [by_id[i] for i in story.article_ids if i not in copied]
        story.summary = summarize_story(originals)
    return stories
