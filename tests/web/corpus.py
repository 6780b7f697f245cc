"""A small store with every kind of fact the pages show, written for the web tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from blocwatch.model import (
    Actor,
    ActorKind,
    Article,
    CopyGroup,
    DatePrecision,
    Event,
    EventActor,
    Evidence,
    Mention,
    Quote,
    QuoteKind,
    Role,
    Span,
    Story,
    SummarySentence,
    TimeExpression,
)
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store

HOSTILE = '<script>alert("x")</script>'

ACTORS = [
    Actor("ARM", "Armenia", ActorKind.STATE, "ARM", ("Yerevan",)),
    Actor("AZE", "Azerbaijan", ActorKind.STATE, "AZE", ("Baku",)),
    Actor("KAZ", "Kazakhstan", ActorKind.STATE, "KAZ", ("Astana",)),
    Actor("CHN", "China", ActorKind.STATE, "CHN", ("Beijing",)),
    Actor("RUS", "Russia", ActorKind.STATE, "RUS", ("Moscow",)),
    Actor("USA", "United States", ActorKind.STATE, "USA", ("Washington",)),
    Actor(
        "person:ararat-mirzoyan",
        "Ararat Mirzoyan",
        ActorKind.PERSON,
        "ARM",
        ("Mirzoyan",),
        (Role("foreign minister", "ARM", date(2021, 8, 19)),),
    ),
]


def _evidence(article: Article, phrase: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(phrase, start + 1)
    span = Span(start, start + len(phrase))
    sentence = next(s for s in article.sentences if s.span.start <= start < s.span.end)
    return Evidence(article.id, sentence.index, span, phrase)


def _article(
    article_id: str,
    title: str,
    text: str,
    outlet: str,
    day: int,
    agencies: tuple[str, ...] = (),
    month: int = 5,
) -> Article:
    return Article(
        id=article_id,
        text=text,
        title=title,
        outlet=outlet,
        url=f"https://example.org/{article_id}",
        published_at=datetime(2022, month, day, 9, 30, tzinfo=UTC),
        language="en",
        origin_agency=list(agencies),
        sentences=split_sentences(text),
    )


def _mentions(article: Article, *names: tuple[str, str, ActorKind]) -> list[Mention]:
    found = []
    for phrase, actor_id, kind in names:
        start = 0
        while (start := article.text.find(phrase, start)) >= 0:
            end = start + len(phrase)
            sentence = next(s for s in article.sentences if s.span.start <= start < s.span.end)
            role = "foreign minister" if kind is ActorKind.PERSON else None
            found.append(
                Mention(
                    actor_id,
                    phrase,
                    kind,
                    Evidence(article.id, sentence.index, Span(start, end), phrase),
                    country=actor_id if kind is ActorKind.STATE else "ARM",
                    role=role,
                )
            )
            start = end
    return found


def _event(
    article: Article,
    phrase: str,
    kind: str,
    source: str,
    target: str,
    quad: int,
    goldstein: float,
    day: str | None = None,
) -> Event:
    names = {a.id: a.name for a in ACTORS}
    return Event(
        kind,
        EventActor(source, names[source], source),
        EventActor(target, names[target], target),
        _evidence(article, phrase),
        cameo="040",
        goldstein=goldstein,
        quad_class=quad,
        date=day,
    )


def build_corpus(
    store: Store, *, hostile: bool = True, tone: Callable[[Article], Article] | None = None
) -> None:
    """Stories (one with a syndicated copy), facts in each, and an article with a script.

    ``tone`` scores the articles before they are stored (as the pipeline's tone step does).
    """
    talks, copy, second = _talks_articles()
    gas = _gas_article()
    evil = _hostile_article()
    earlier = _earlier_months()
    store.save_actors(ACTORS)
    articles = [talks, copy, second, gas, *([evil] if hostile else []), *earlier]
    store.save_articles([tone(a) for a in articles] if tone else articles)
    gas_lead = "Kazakhstan signed a gas supply deal with China on 14 May."
    stories = [
        _talks_story(talks, second),
        _one_article_story("story-gas", "Kazakhstan and China sign a gas deal", gas, gas_lead),
    ]
    if hostile:
        body = f"Body with {HOSTILE} inside."
        stories.append(_one_article_story("story-evil", f"Story {HOSTILE}", evil, body))
    for a in earlier:
        lead = a.sentences[0].text
        stories.append(_one_article_story(f"story-{a.id}", a.title or "", a, lead.rstrip(), lead))
    store.replace_stories(stories, {})


def _talks_articles() -> tuple[Article, Article, Article]:
    """Border talks reported by a wire, a syndicated copy crediting it, and a second
    report a day later naming the minister as a former one (a claim)."""
    talks_text = (
        "Armenia and Azerbaijan resumed border talks in Brussels on 12 May.\n\n"
        "Foreign minister Ararat Mirzoyan said the sides agreed to meet again. "
        '"We are ready to continue the work on the border," Mirzoyan said.\n\n'
        "Azerbaijan welcomed the meeting."
    )
    talks = _article(
        "talks01", "Armenia and Azerbaijan resume border talks", talks_text, "Caucasus Wire", 12
    )
    copy = _article(
        "talks02",
        "Border talks resume in Brussels",
        talks_text + " Based on materials from Caucasus Wire.",
        "Daily Yerevan",
        12,
        ("Caucasus Wire",),
    )
    for article in (talks, copy):
        _add_talks_facts(article)
    second = _article(
        "talks03",
        "Baku and Yerevan meet, little progress",
        "Azerbaijan accused Armenia of delaying the demarcation. Talks in Brussels ended without a date. "
        "Former foreign minister Ararat Mirzoyan attended.",
        "Regional Review",
        13,
    )
    second.mentions = _mentions(
        second, ("Azerbaijan", "AZE", ActorKind.STATE), ("Armenia", "ARM", ActorKind.STATE)
    )
    second.mentions.append(
        Mention(
            "person:ararat-mirzoyan",
            "Ararat Mirzoyan",
            ActorKind.PERSON,
            _evidence(second, "Ararat Mirzoyan"),
            country="ARM",
            role="former foreign minister",
            claim=True,
        )
    )
    second.events = [
        _event(second, "Azerbaijan accused Armenia", "ACCUSE", "AZE", "ARM", 3, -2.0, "2022-05-13")
    ]
    return talks, copy, second


def _add_talks_facts(article: Article) -> None:
    """The facts the wire report and its copy share: two states, the minister, his quote,
    the date and two events."""
    article.mentions = _mentions(
        article,
        ("Armenia", "ARM", ActorKind.STATE),
        ("Azerbaijan", "AZE", ActorKind.STATE),
        ("Ararat Mirzoyan", "person:ararat-mirzoyan", ActorKind.PERSON),
    )
    article.quotes = [
        Quote(
            "Mirzoyan",
            "person:ararat-mirzoyan",
            "said",
            "We are ready to continue the work on the border",
            QuoteKind.DIRECT,
            _evidence(article, "We are ready to continue the work on the border"),
        )
    ]
    article.times = [
        TimeExpression("12 May", "2022-05-12", DatePrecision.DAY, _evidence(article, "12 May"))
    ]
    article.events = [
        _event(
            article,
            "Armenia and Azerbaijan resumed border talks",
            "CONSULT",
            "ARM",
            "AZE",
            1,
            1.0,
            "2022-05-12",
        ),
        _event(article, "Azerbaijan welcomed the meeting", "SUPPORT", "AZE", "ARM", 1, 3.4),
    ]


def _gas_article() -> Article:
    """A deal between two states, and in the same article a criticism between two others."""
    gas = _article(
        "gas01",
        "Kazakhstan and China sign a gas deal",
        "Kazakhstan signed a gas supply deal with China on 14 May. Russia criticised the United States over sanctions.",
        "Steppe News",
        14,
    )
    gas.mentions = _mentions(
        gas,
        ("Kazakhstan", "KAZ", ActorKind.STATE),
        ("China", "CHN", ActorKind.STATE),
        ("Russia", "RUS", ActorKind.STATE),
        ("United States", "USA", ActorKind.STATE),
    )
    gas.events = [
        _event(
            gas,
            "Kazakhstan signed a gas supply deal with China",
            "AGREE",
            "KAZ",
            "CHN",
            2,
            6.0,
            "2022-05-14",
        ),
        _event(gas, "Russia criticised the United States", "ACCUSE", "RUS", "USA", 3, -2.0),
    ]
    return gas


def _hostile_article() -> Article:
    """A script in the title and the body: every page must show it as text."""
    evil = _article(
        "evil01",
        f"Title {HOSTILE}",
        f"Body with {HOSTILE} inside. Kazakhstan was named here.",
        "Hostile Outlet",
        2,
    )
    evil.mentions = _mentions(evil, ("Kazakhstan", "KAZ", ActorKind.STATE))
    return evil


def _talks_story(talks: Article, second: Article) -> Story:
    """The talks story: three reports, one copy group, and a summary whose first sentence
    the copy supports."""
    first = "Armenia and Azerbaijan resumed border talks in Brussels on 12 May."
    return Story(
        "story-talks",
        "Armenia and Azerbaijan resume border talks",
        ["talks01", "talks02", "talks03"],
        first_seen=talks.published_at,
        last_seen=second.published_at,
        copy_groups=[CopyGroup("talks01", ("talks02",), ("Daily Yerevan",), ("Caucasus Wire",))],
        summary=[
            SummarySentence(first, _evidence(talks, first), ("talks02",)),
            SummarySentence(
                "Talks in Brussels ended without a date.",
                _evidence(second, "Talks in Brussels ended without a date."),
            ),
        ],
    )


def _one_article_story(
    story_id: str, title: str, article: Article, phrase: str, sentence: str | None = None
) -> Story:
    """A story of one article summarised by one sentence (``sentence`` as shown, ``phrase``
    as cited in the text, when they differ)."""
    return Story(
        story_id,
        title,
        [article.id],
        first_seen=article.published_at,
        last_seen=article.published_at,
        summary=[SummarySentence(sentence or phrase, _evidence(article, phrase))],
    )


EARLIER = [
    # id, month, day, title, text, event phrase, type, source, target, quad, goldstein
    ("m01", 1, 20, "Moscow and Baku discuss transit", "Russia and Azerbaijan discussed a transit corridor in Moscow.", "Russia and Azerbaijan discussed a transit corridor", "CONSULT", "RUS", "AZE", 1, 1.0),
    ("m02", 2, 8, "Yerevan turns to Washington for aid", "The United States sent humanitarian aid to Armenia after the floods.", "The United States sent humanitarian aid to Armenia", "AID", "USA", "ARM", 2, 7.4),
    ("m03", 3, 15, "Armenia criticises Russia over peacekeepers", "Armenia accused Russia of failing to keep the corridor open.", "Armenia accused Russia", "ACCUSE", "ARM", "RUS", 3, -2.0),
    ("m04", 4, 2, "Armenia and the United States hold talks", "Armenia and the United States held talks on reforms in Yerevan.", "Armenia and the United States held talks", "CONSULT", "ARM", "USA", 1, 1.0),
    ("m05", 4, 21, "Azerbaijan and Russia sign an allied declaration", "Azerbaijan signed an allied declaration with Russia in Moscow.", "Azerbaijan signed an allied declaration with Russia", "AGREE", "AZE", "RUS", 1, 4.0),
    ("m06", 5, 3, "Armenia rejects a Russian proposal", "Armenia rejected a proposal from Russia on the border checkpoints.", "Armenia rejected a proposal from Russia", "REJECT", "ARM", "RUS", 3, -4.0),
]  # fmt: skip


def _earlier_months() -> list[Article]:
    """Events between the Caucasus states and the poles in the months before, for the charts."""
    names = {a.id: a.name for a in ACTORS}
    articles = []
    for article_id, month, day, title, text, phrase, kind, source, target, quad, score in EARLIER:
        article = _article(article_id, title, text, "Regional Review", day, month=month)
        article.mentions = _mentions(
            article,
            *((names[c], c, ActorKind.STATE) for c in (source, target)),
        )
        article.events = [
            _event(
                article, phrase, kind, source, target, quad, score, f"2022-{month:02d}-{day:02d}"
            )
        ]
        articles.append(article)
    return articles
