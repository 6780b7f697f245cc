from __future__ import annotations

from blocwatch.model import Event, EventActor, Evidence, MediaType, RawDocument, Span
from blocwatch.stages import actors_in, clean_document, learn_furniture
from tests.factories import make_article

SLOGAN = "Steppe Ledger: independent reporting from the heart of Eurasia since 1998"

STORIES = [
    (
        "Kazakhstan raises grain export quota",
        "Kazakhstan raised its grain export quota for the season after a strong harvest in the north, the agriculture ministry said on Monday, adding that rail capacity to China would be expanded.",
    ),
    (
        "Uzbekistan opens new rail link",
        "Uzbekistan opened a new rail link between Tashkent and the Fergana valley on Tuesday, cutting travel times by half, the transport ministry said in a statement published after the ceremony.",
    ),
    (
        "Kyrgyz parliament approves budget",
        "The Kyrgyz parliament approved next year's budget on Wednesday after two days of debate, with spending on roads and schools rising and the deficit projected to narrow slightly, officials said.",
    ),
    (
        "Tajikistan and China sign water deal",
        "Tajikistan and China signed an agreement on water management on Thursday during a visit by a Chinese delegation to Dushanbe, covering irrigation projects and hydrological data sharing.",
    ),
]


def _page(title: str, body: str) -> RawDocument:
    text = f"Steppe Ledger\n\n{title}\n\n{body}\n\n{SLOGAN}\n\nSteppe Ledger\n"
    return RawDocument(source=f"{title}.txt", content=text.encode(), media_type=MediaType.TEXT)


def test_lines_an_outlet_repeats_are_learned_as_furniture() -> None:
    pages = [_page(title, body) for title, body in STORIES]
    assert SLOGAN in clean_document(pages[0]).text
    furniture = learn_furniture(pages)
    cleaned = clean_document(pages[0], furniture)
    assert SLOGAN not in cleaned.text
    assert cleaned.text.startswith("Kazakhstan raised its grain export quota")
    assert cleaned.title == "Kazakhstan raises grain export quota"


def test_a_record_headline_is_not_taken_from_its_body() -> None:
    record = RawDocument(
        source="feed.jsonl:1",
        content=STORIES[1][1].encode(),
        media_type=MediaType.TEXT,
        title="Uzbekistan opens new rail link",
        published="2023-04-04T10:00:00+05:00",
    )
    article = clean_document(record)
    assert article.title == "Uzbekistan opens new rail link"
    assert article.text == STORIES[1][1]
    assert (
        article.published_at is not None
        and article.published_at.isoformat() == "2023-04-04T10:00:00+05:00"
    )
    assert article.published_source == "source metadata"


def test_states_events_refer_to_are_kept_even_when_never_named() -> None:
    article = make_article(
        "a", "The minister met his counterpart in Abu Dhabi. They signed a memorandum."
    )
    article.events = [
        Event(
            "CONSULT",
            EventActor(None, "the minister", "ARE"),
            EventActor(None, "counterpart", "KAZ"),
            Evidence("a", 0, Span(0, 10), "The minist"),
        )
    ]
    assert {actor.id for actor in actors_in([article])} >= {"ARE", "KAZ"}
