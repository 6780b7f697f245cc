from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from typing import Any

import defusedxml.ElementTree as DefusedET

from blocwatch.alerts import AlertEngine, DeliverySettings, alerts_feed, event_keys
from blocwatch.model import (
    AlertRule,
    Article,
    Event,
    EventActor,
    EventHit,
    EventStatus,
    Evidence,
    RuleConditions,
    Span,
)
from blocwatch.nlp.sentences import split_sentences
from blocwatch.store import Store
from blocwatch.store.alerts import AlertState
from tests.alerts.conftest import SECRET, Mailbox, Receiver

RUSSIA = EventActor("RUS", "Russia", "RUS")
UKRAINE = EventActor("UKR", "Ukraine", "UKR")
GEORGIA = EventActor("GEO", "Georgia", "GEO")


def _report(
    article_id: str,
    outlet: str,
    sentence: str,
    *,
    source: EventActor = RUSSIA,
    target: EventActor = UKRAINE,
    event_type: str = "ASSAULT",
    day: str | None = "2026-12-01",
    published: datetime = datetime(2026, 12, 1, 18, 0, tzinfo=UTC),
    status: EventStatus = EventStatus.HAPPENED,
    goldstein: float = -10.0,
    quad_class: int = 4,
) -> Article:
    text = f"{sentence} Officials gave no casualty figures late on Tuesday."
    sentences = split_sentences(text)
    first = sentences[0]
    event = Event(
        type=event_type,
        source=source,
        target=target,
        evidence=Evidence(article_id, 0, Span(first.span.start, first.span.end), first.text),
        goldstein=goldstein,
        quad_class=quad_class,
        date=day,
        status=status,
    )
    return Article(
        id=article_id,
        raw_id=None,
        text=text,
        title=sentence[:40],
        url=f"https://{outlet.lower().replace(' ', '')}.example/{article_id}",
        outlet=outlet,
        published_at=published,
        language="en",
        sentences=sentences,
        events=[event],
    )


def _pair_rule(store: Store, receiver: Receiver) -> None:
    AlertState(store).add_rule(
        AlertRule(
            "Russia-Ukraine strikes",
            RuleConditions(pair=("UKR", "RUS"), quad_classes=(4,)),
            channels=(f"webhook:{receiver.url}", "email:desk@newsroom.example"),
        )
    )


def test_a_pair_rule_fires_once_per_event_by_webhook_and_email_with_evidence(
    store: Store, receiver: Receiver, mailbox: tuple[Mailbox, int], engine_for: Any
) -> None:
    _pair_rule(store, receiver)
    store.save_articles(
        [_report("a1", "Steppe Wire", "Russian forces shelled Kharkiv overnight, Ukraine said.")]
    )
    first = engine_for(store).run()
    assert (first.raised, first.delivered) == (1, 2)

    [(headers, body)] = receiver.received
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["x-blocwatch-signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["rule"] == "Russia-Ukraine strikes"
    assert payload["event_key"].startswith("CLUSTER|ASSAULT|")
    assert payload["evidence"][0]["cluster_id"] is not None
    [evidence] = payload["evidence"]
    assert evidence["sentence"] == "Russian forces shelled Kharkiv overnight, Ukraine said."
    assert evidence["article_id"] == "a1" and evidence["outlet"] == "Steppe Wire"
    [mail] = [message_from_bytes(m) for m in mailbox[0].messages]
    assert mail["To"] == "desk@newsroom.example"
    assert "Russian forces shelled Kharkiv overnight" in mail.get_payload()

    # Five more outlets report the same strike (one dates it by the next day's edition).
    more = [
        _report(f"b{n}", f"Outlet {n}", f"Kharkiv was shelled by Russia, report number {n} says.")
        for n in range(4)
    ]
    more.append(
        _report(
            "b4",
            "Late Edition",
            "Russia's shelling of Kharkiv drew condemnation.",
            day=None,
            published=datetime(2026, 12, 2, 6, 0, tzinfo=UTC),
        )
    )
    store.save_articles(more)
    assert engine_for(store).run().raised == 0

    # A restart (a new engine on the same database) raises and delivers nothing twice.
    again = engine_for(store).run()
    assert (again.raised, again.delivered) == (0, 0)
    assert len(receiver.received) == 1 and len(mailbox[0].messages) == 1

    # A strike four days later is a new event; a strike on Georgia is not this pair.
    store.save_articles(
        [
            _report("c1", "Steppe Wire", "Russian drones struck Odesa.", day="2026-12-05"),
            _report("c2", "Steppe Wire", "Russian jets bombed Gori.", target=GEORGIA),
            _report(
                "c3",
                "Steppe Wire",
                "Russia threatened to strike Lviv.",
                day="2026-12-06",
                status=EventStatus.PLANNED,
            ),
        ]
    )
    assert engine_for(store).run().raised == 1
    [odesa, kharkiv] = AlertState(store).alerts()
    assert kharkiv.event_key == payload["event_key"]
    assert odesa.event_key != kharkiv.event_key
    assert odesa.evidence[0]["sentence"] == "Russian drones struck Odesa."


def test_a_failed_webhook_is_retried_later_and_delivered_once(
    sqlite_store: Store, receiver: Receiver, engine_for: Any
) -> None:
    _pair_rule(sqlite_store, receiver)
    receiver.fail_first = 1
    sqlite_store.save_articles([_report("a1", "Steppe Wire", "Russian forces shelled Kharkiv.")])
    now = datetime.now(UTC)
    first = engine_for(sqlite_store, clock=lambda: now).run()
    assert (first.raised, first.delivered, first.retrying) == (1, 1, 1)  # email went, webhook not
    assert receiver.received == []
    too_soon = engine_for(sqlite_store, clock=lambda: now + timedelta(seconds=5)).run()
    assert too_soon.delivered == 0
    later = engine_for(sqlite_store, clock=lambda: now + timedelta(seconds=31)).run()
    assert later.delivered == 1 and len(receiver.received) == 1
    log = AlertState(sqlite_store).delivery_log()
    webhook = next(entry for entry in log if entry[1].startswith("webhook:"))
    assert webhook[2:4] == ("delivered", 2)


def test_rules_watch_what_arrives_after_them(
    sqlite_store: Store, receiver: Receiver, engine_for: Any
) -> None:
    sqlite_store.save_articles([_report("old", "Archive", "Russian forces shelled Kharkiv.")])
    _pair_rule(sqlite_store, receiver)
    assert engine_for(sqlite_store).run().raised == 0


def test_same_event_keys_span_a_day_either_side() -> None:
    article = _report("k1", "Wire", "Russian forces shelled Kharkiv.", day="2026-12-01T22:00")
    hit = EventHit(article.events[0], "k1", "", "Wire", "en", None, None, None)
    assert event_keys(hit) == [
        "ASSAULT|RUS|UKR|2026-12-01",
        "ASSAULT|RUS|UKR|2026-11-30",
        "ASSAULT|RUS|UKR|2026-12-02",
    ]


def test_the_atom_feed_escapes_what_articles_say(sqlite_store: Store, receiver: Receiver) -> None:
    _pair_rule(sqlite_store, receiver)
    sqlite_store.save_articles(
        [_report("x1", "Wire <b>", "Russia shelled <script>alert(1)</script> Kharkiv.")]
    )
    AlertEngine(sqlite_store, DeliverySettings()).scan()
    feed = alerts_feed(AlertState(sqlite_store).alerts(), feed_id="urn:blocwatch:alerts")
    assert b"<script>" not in feed
    root = DefusedET.fromstring(feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    summary = root.find("a:entry/a:summary", ns)
    assert summary is not None and "<script>alert(1)</script>" in (summary.text or "")
    link = root.find("a:entry/a:link", ns)
    assert link is not None and link.get("href") == "https://wire<b>.example/x1"


def test_alert_rules_from_the_command_line(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from blocwatch.cli import app

    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'alerts.db'}"
    added = runner.invoke(
        app,
        [
            "alerts",
            "add",
            "strikes",
            "--pair",
            "RUS,UKR",
            "--quad",
            "4",
            "--db",
            db,
            "--webhook",
            "https://hooks.example/x",
            "--email",
            "desk@newsroom.example",
        ],
    )
    assert added.exit_code == 0, added.output
    wrong = runner.invoke(app, ["alerts", "add", "bad", "--pair", "RUS", "--db", db])
    assert wrong.exit_code == 2 and "two codes" in wrong.output
    listed = runner.invoke(app, ["alerts", "list", "--db", db])
    [rule] = [line.split("\t") for line in listed.stdout.splitlines() if line.startswith("rule")]
    assert rule[1] == "strikes" and json.loads(rule[2]) == {
        "pair": ["RUS", "UKR"],
        "quad_classes": [4],
    }
    assert rule[3] == "webhook:https://hooks.example/x email:desk@newsroom.example"
    feed = runner.invoke(app, ["alerts", "feed", "--db", db])
    assert feed.exit_code == 0 and "<feed" in feed.stdout
    assert runner.invoke(app, ["alerts", "remove", "strikes", "--db", db]).exit_code == 0


def test_a_change_rule_fires_once_when_a_pairs_week_turns_negative(
    sqlite_store: Store, receiver: Receiver, engine_for: Any
) -> None:
    AlertState(sqlite_store).add_rule(
        AlertRule(
            "Russia-Ukraine turn",
            RuleConditions(pair=("RUS", "UKR"), relation_turns_negative=True),
        )
    )
    talks = [
        _report(
            f"w1-{n}",
            "Steppe Wire",
            f"Russian and Ukrainian envoys held talks in Istanbul, round {n}.",
            event_type="CONSULT",
            day=f"2026-11-2{n + 3}",
            goldstein=4.0,
            quad_class=1,
        )
        for n in range(3)
    ]
    sqlite_store.save_articles(talks)
    assert engine_for(sqlite_store).run().raised == 0
    sqlite_store.save_articles(
        [_report("w2-0", "Steppe Wire", "Russian forces shelled Kharkiv.", day="2026-12-01")]
    )
    assert engine_for(sqlite_store).run().raised == 1
    sqlite_store.save_articles(
        [_report("w2-1", "Other Wire", "Russia shelled Sumy.", day="2026-12-02")]
    )
    assert engine_for(sqlite_store).run().raised == 0
    [alert] = AlertState(sqlite_store).alerts()
    assert alert.event_key == "RELATION_NEGATIVE|RUS|UKR|2026-W49"
    assert alert.title.startswith("RUS–UKR relations turned negative in 2026-W49")
    assert alert.evidence[0]["sentence"] == "Russian forces shelled Kharkiv."


def test_a_claimed_strike_fires_only_for_a_rule_that_takes_claims(
    sqlite_store: Store, engine_for: Any
) -> None:
    state = AlertState(sqlite_store)
    state.add_rule(AlertRule("strict", RuleConditions(pair=("RUS", "UKR"))))
    state.add_rule(
        AlertRule("claims too", RuleConditions(pair=("RUS", "UKR"), include_claimed=True))
    )
    sqlite_store.save_articles(
        [
            _report(
                "k1",
                "Steppe Wire",
                "Russia fired missiles at a power plant in Kharkiv, Ukrainian officials said.",
                status=EventStatus.CLAIMED,
            ),
            _report(
                "k2",
                "Steppe Wire",
                "Russia is expected to strike Lviv next week, a Ukrainian general warned.",
                day="2026-12-08",
                status=EventStatus.PLANNED,
            ),
        ]
    )
    assert engine_for(sqlite_store).run().raised == 1
    [alert] = state.alerts()
    assert alert.rule_name == "claims too" and alert.evidence[0]["article_id"] == "k1"


def test_alert_rules_take_actor_names_and_refuse_unknown_ones(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from blocwatch.cli import app

    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'alerts.db'}"
    named = ["alerts", "add", "named", "--pair", "Russia,Ukraine", "--actor", "Kazakhstan"]
    added = runner.invoke(app, [*named, "--db", db])
    assert added.exit_code == 0, added.output
    unknown = runner.invoke(app, ["alerts", "add", "odd", "--actor", "Atlantis", "--db", db])
    assert unknown.exit_code == 2 and "no actor called 'Atlantis'" in unknown.output
    listed = runner.invoke(app, ["alerts", "list", "--db", db])
    [rule] = [line.split("\t") for line in listed.stdout.splitlines() if line.startswith("rule")]
    assert json.loads(rule[2]) == {"actors": ["KAZ"], "pair": ["RUS", "UKR"]}
