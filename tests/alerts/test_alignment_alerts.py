"""The alignment-change rule: a state's alignment index moving by more than X between two
periods fires once per period, cites the events behind the move, and survives restarts."""

from __future__ import annotations

import json
from datetime import date, datetime
from email import message_from_bytes
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from blocwatch.alerts.rules import alignment_move
from blocwatch.analysis.alignment import AlignmentPoint
from blocwatch.cli import app
from blocwatch.model import (
    AlertRule,
    Article,
    Event,
    EventActor,
    Evidence,
    RuleConditions,
    Span,
)
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store
from blocwatch.store.alerts import AlertState
from tests.alerts.conftest import Mailbox, Receiver

KAZAKHSTAN = EventActor("KAZ", "Kazakhstan", "KAZ")
RUSSIA = EventActor("RUS", "Russia", "RUS")
UNITED_STATES = EventActor("USA", "United States", "USA")
EUROPEAN_UNION = EventActor("EU", "European Union", "EU")
TURKEY = EventActor("TUR", "Turkey", "TUR")

# (article id, outlet, lead sentence, source, target, type, Goldstein, day)
Report = tuple[str, str, str, EventActor, EventActor, str, float, str]

AUTUMN_WITH_THE_WEST: list[Report] = [
    (
        "nov-1",
        "Steppe Wire",
        "Kazakhstan and the European Union signed a partnership on rare earths in Astana.",
        KAZAKHSTAN,
        EUROPEAN_UNION,
        "COOPERATE",
        6.0,
        "2026-11-04",
    ),
    (
        "nov-2",
        "Caspian Daily Post",
        "Kazakh and American officials agreed to expand a grain rail corridor to the Caspian.",
        KAZAKHSTAN,
        UNITED_STATES,
        "COOPERATE",
        6.0,
        "2026-11-12",
    ),
    (
        "nov-3",
        "Eurasia Ledger",
        "Turkey's foreign minister met his Kazakh counterpart to discuss a new pipeline route.",
        TURKEY,
        KAZAKHSTAN,
        "CONSULT",
        4.0,
        "2026-11-19",
    ),
    (
        "nov-4",
        "Steppe Wire",
        "Kazakh and Russian officials held routine talks on marking their shared border.",
        KAZAKHSTAN,
        RUSSIA,
        "CONSULT",
        1.0,
        "2026-11-25",
    ),
]

WINTER_WITH_MOSCOW: list[Report] = [
    (
        "dec-1",
        "Steppe Wire",
        "Kazakhstan signed a ten-year gas supply deal with Russia's Gazprom in Moscow.",
        KAZAKHSTAN,
        RUSSIA,
        "COOPERATE",
        6.0,
        "2026-12-02",
    ),
    (
        "dec-2",
        "Northern Herald Online",
        "Kazakh troops joined Russian forces for air-defence drills near Orenburg.",
        KAZAKHSTAN,
        RUSSIA,
        "COOPERATE",
        6.0,
        "2026-12-09",
    ),
    (
        "dec-3",
        "Caspian Daily Post",
        "Kazakhstan expelled an American diplomat it accused of meeting opposition activists.",
        KAZAKHSTAN,
        UNITED_STATES,
        "COERCE",
        -7.0,
        "2026-12-15",
    ),
]


def _article(report: Report) -> Article:
    article_id, outlet, lead, source, target, event_type, goldstein, day = report
    text = f"{lead} The foreign ministry gave no further details on the matter."
    sentences = split_sentences(text)
    first = sentences[0]
    event = Event(
        type=event_type,
        source=source,
        target=target,
        evidence=Evidence(article_id, 0, Span(first.span.start, first.span.end), first.text),
        goldstein=goldstein,
        quad_class=1 if goldstein > 0 else 4,
        date=day,
    )
    return Article(
        id=article_id,
        raw_id=None,
        text=text,
        title=lead[:60],
        url=f"https://{outlet.lower().replace(' ', '-')}.example/{article_id}",
        outlet=outlet,
        published_at=datetime.fromisoformat(f"{day}T16:00:00+00:00"),
        language="en",
        sentences=sentences,
        events=[event],
    )


def _rule(store: Store, receiver: Receiver, shift: float = 0.8) -> None:
    AlertState(store).add_rule(
        AlertRule(
            "Kazakhstan swings",
            RuleConditions(alignment_state="KAZ", alignment_shift=shift),
            channels=(f"webhook:{receiver.url}", "email:desk@newsroom.example"),
        )
    )


def test_an_alignment_move_fires_once_per_period_with_the_events_behind_it(
    store: Store, receiver: Receiver, mailbox: tuple[Mailbox, int], engine_for: Any
) -> None:
    store.save_articles([_article(r) for r in AUTUMN_WITH_THE_WEST])
    _rule(store, receiver)
    assert engine_for(store).run().raised == 0

    # Two December events are too few to say where December stands.
    store.save_articles([_article(r) for r in WINTER_WITH_MOSCOW[:2]])
    assert engine_for(store).run().raised == 0
    store.save_articles([_article(WINTER_WITH_MOSCOW[2])])
    first = engine_for(store).run()
    assert (first.raised, first.delivered) == (1, 2)

    [alert] = AlertState(store).alerts()
    assert alert.event_key == "ALIGNMENT|KAZ|month|2026-12"
    # November: 16 toward the West against 1 toward Moscow; December: all 19 toward Moscow.
    assert alert.title.startswith("KAZ alignment moved +1.88 toward RUS in 2026-12")
    assert "index -0.88 in 2026-11, +1.00 now" in alert.title
    sentences = [item["sentence"] for item in alert.evidence]
    assert sentences == [
        "Kazakhstan expelled an American diplomat it accused of meeting opposition activists.",
        "Kazakhstan signed a ten-year gas supply deal with Russia's Gazprom in Moscow.",
        "Kazakh troops joined Russian forces for air-defence drills near Orenburg.",
    ]
    [(_, body)] = receiver.received
    payload = json.loads(body)
    assert payload["event_key"] == "ALIGNMENT|KAZ|month|2026-12"
    assert [e["article_id"] for e in payload["evidence"]] == ["dec-3", "dec-1", "dec-2"]
    [mail] = [message_from_bytes(m) for m in mailbox[0].messages]
    assert "Orenburg" in mail.get_payload()

    # Five more outlets report the gas deal: the same move, no new alert.
    again = [
        _article(
            (
                f"dec-1-{n}",
                f"Regional Outlet {n}",
                f"Gazprom and Kazakhstan agreed a long gas contract, outlet {n} reported.",
                KAZAKHSTAN,
                RUSSIA,
                "COOPERATE",
                6.0,
                "2026-12-02",
            )
        )
        for n in range(5)
    ]
    store.save_articles(again)
    assert engine_for(store).run().raised == 0
    # A restart (a new engine on the same database) raises and sends nothing twice.
    restarted = engine_for(store).run()
    assert (restarted.raised, restarted.delivered) == (0, 0)
    assert len(receiver.received) == 1 and len(mailbox[0].messages) == 1

    # January swings back west: a new crossing, a new alert.
    january: list[Report] = [
        (
            f"jan-{n}",
            "Steppe Wire",
            f"Kazakhstan and the European Union opened talks on a visa deal, round {n}.",
            KAZAKHSTAN,
            EUROPEAN_UNION,
            "CONSULT",
            4.0,
            f"2027-01-{5 + 7 * n:02d}",
        )
        for n in range(3)
    ]
    store.save_articles([_article(r) for r in january])
    assert engine_for(store).run().raised == 1
    newest = AlertState(store).alerts()[0]
    assert newest.event_key == "ALIGNMENT|KAZ|month|2027-01"
    assert "toward the US and allies" in newest.title
    assert {item["article_id"] for item in newest.evidence} == {"jan-0", "jan-1", "jan-2"}


def test_a_move_smaller_than_the_shift_raises_nothing(
    sqlite_store: Store, receiver: Receiver, engine_for: Any
) -> None:
    sqlite_store.save_articles([_article(r) for r in AUTUMN_WITH_THE_WEST])
    _rule(sqlite_store, receiver, shift=1.9)
    sqlite_store.save_articles([_article(r) for r in WINTER_WITH_MOSCOW])
    assert engine_for(sqlite_store).run().raised == 0
    assert AlertState(sqlite_store).alerts() == []


def _point(label: str, index: float | None, votes: int) -> AlignmentPoint:
    return AlignmentPoint(label, date(2026, 1, 1), index, None, None, votes, 0, ())


def test_only_two_neighbouring_periods_with_enough_votes_are_compared() -> None:
    moved = alignment_move([_point("2026-10", -0.5, 4), _point("2026-11", 0.4, 3)], 0.5)
    assert moved is not None and round(moved.shift, 2) == 0.9 and moved.toward_a
    assert alignment_move([_point("2026-10", -0.5, 4), _point("2026-11", 0.4, 2)], 0.5) is None
    gap = [_point("2026-09", -0.5, 4), _point("2026-10", None, 0), _point("2026-11", 0.4, 3)]
    assert alignment_move(gap, 0.5) is None
    assert alignment_move([_point("2026-11", 0.4, 3)], 0.5) is None


def test_alignment_rules_from_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'alerts.db'}"
    add = ["alerts", "add", "kaz", "--alignment", "kaz", "--shift", "0.6", "--period", "week"]
    added = runner.invoke(app, [*add, "--db", db])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["alerts", "list", "--db", db])
    [rule] = [line.split("\t") for line in listed.stdout.splitlines() if line.startswith("rule")]
    assert json.loads(rule[2]) == {
        "alignment_state": "KAZ",
        "alignment_shift": 0.6,
        "alignment_period": "week",
    }
    wrong = runner.invoke(app, ["alerts", "add", "x", "--alignment", "KAZ", "--shift", "3"])
    assert wrong.exit_code == 2 and "between 0 and 2" in wrong.output
    assert runner.invoke(app, ["alerts", "run", "--db", db]).exit_code == 0
