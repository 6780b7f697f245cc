"""A Russian report and its English rewrite land in one story; another event does not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from blocwatch.model import Article, MediaType, RawDocument
from blocwatch.stages import default_pipeline
from blocwatch.stories import StoryClusterer

RUSSIAN = """Мирзоян и Байрамов провели переговоры в Алма-Ате

Министр иностранных дел Армении Арарат Мирзоян и министр иностранных дел Азербайджана Джейхун Байрамов в пятницу провели переговоры в Алма-Ате. Встречу принимал министр иностранных дел Казахстана Мурат Нуртлеу.

Стороны обсудили 17 статей мирного договора, сообщили в МИД Армении."""

ENGLISH = """Mirzoyan and Bayramov hold talks in Almaty

Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov held talks in Almaty on Friday. The meeting was hosted by Kazakh Foreign Minister Murat Nurtleu.

The sides discussed 17 articles of the peace treaty, the Armenian Foreign Ministry said."""

OTHER = """Захарова раскритиковала заявление НАТО

Официальный представитель МИД России Мария Захарова в пятницу назвала новое заявление НАТО о Белоруссии провокационным. По её словам, альянс наращивает силы у границ Союзного государства."""


@pytest.fixture(scope="module")
def read() -> dict[str, Article]:
    docs = [
        RawDocument(
            source=name, content=text.encode(), media_type=MediaType.TEXT, published=published
        )
        for name, text, published in (
            ("ru.txt", RUSSIAN, "2024-05-10T15:00:00+03:00"),
            ("en.txt", ENGLISH, "2024-05-10T17:00:00+00:00"),
            ("other.txt", OTHER, "2024-05-10T12:00:00+03:00"),
        )
    ]
    articles = list(default_pipeline().run(docs))
    assert all(isinstance(a, Article) for a in articles)
    return dict(zip(("ru", "en", "other"), articles, strict=True))


def test_russian_report_and_english_rewrite_are_one_story(read: dict[str, Article]) -> None:
    russian, english, other = (replace(read[k]) for k in ("ru", "en", "other"))
    assert (russian.language, english.language, other.language) == ("ru", "en", "ru")
    clusterer = StoryClusterer()
    for article in (other, russian, english):
        clusterer.add(article)
    groups = sorted(sorted(s.article_ids) for s in clusterer.stories())
    assert sorted([russian.id, english.id]) in groups
    assert [other.id] in groups


def test_words_alone_do_not_join_the_two_languages(read: dict[str, Article]) -> None:
    """The same two reports with their languages hidden: the word view cannot see that
    they agree, which is why the language-independent particulars are needed."""
    russian = replace(read["ru"], language=None)
    english = replace(read["en"], language=None)
    clusterer = StoryClusterer()
    clusterer.add(russian)
    clusterer.add(english)
    assert len(clusterer.stories()) == 2
