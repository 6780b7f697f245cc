"""Sending an alert: a signed JSON webhook, or an email through an SMTP server.

A webhook body is signed with HMAC-SHA256 over the exact bytes sent
(``X-Blocwatch-Signature: sha256=<hex>``), so a receiver can check it came from this
blocwatch and was not altered; ``X-Blocwatch-Delivery`` carries the alert id, so a
receiver that got a delivery twice (blocwatch died between sending and recording it)
can drop the copy. Webhook URLs go through the same private-address guard and pinned
transport as every fetch.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import httpx

from blocwatch.errors import BlocwatchError
from blocwatch.ingest.urls import USER_AGENT, AddressPolicy, PinnedTransport, UrlFetcher
from blocwatch.model import Alert


class DeliveryError(BlocwatchError):
    """An alert could not be handed over; it is tried again later."""


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    webhook_secret: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_sender: str = "blocwatch@localhost"
    timeout: float = 10.0
    allow_private: bool = False


def alert_payload(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "rule": alert.rule_name,
        "event_key": alert.event_key,
        "title": alert.title,
        "raised_at": alert.raised_at.isoformat(),
        "evidence": list(alert.evidence),
    }


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def send_webhook(url: str, alert: Alert, settings: DeliverySettings) -> None:
    body = json.dumps(alert_payload(alert), ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Blocwatch-Delivery": str(alert.id),
    }
    if settings.webhook_secret:
        headers["X-Blocwatch-Signature"] = signature(settings.webhook_secret, body)
    policy = AddressPolicy(settings.allow_private)
    UrlFetcher(allow_private=settings.allow_private).check_url(url, policy)
    try:
        with httpx.Client(
            transport=PinnedTransport(policy), timeout=settings.timeout, trust_env=False
        ) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook failed: {type(exc).__name__}: {exc}", source=url) from exc
    if response.status_code >= 300:
        raise DeliveryError(f"webhook answered HTTP {response.status_code}", source=url)


def email_message(address: str, alert: Alert, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"[blocwatch] {alert.rule_name}: {alert.title}"
    message["From"] = sender
    message["To"] = address
    message["X-Blocwatch-Delivery"] = str(alert.id)
    lines = [alert.title, "", "Evidence:"]
    for item in alert.evidence:
        lines.append(f"- {item.get('outlet') or 'unknown outlet'}: {item.get('sentence')}")
        if item.get("url"):
            lines.append(f"  {item['url']}")
    message.set_content("\n".join(lines))
    return message


def send_email(address: str, alert: Alert, settings: DeliverySettings) -> None:
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout) as smtp:
            smtp.send_message(email_message(address, alert, settings.smtp_sender))
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(
            f"email failed: {type(exc).__name__}: {exc}", source=f"smtp://{settings.smtp_host}"
        ) from exc


def deliver(channel: str, alert: Alert, settings: DeliverySettings) -> None:
    """Hand ``alert`` to ``channel`` (``webhook:<url>`` or ``email:<address>``)."""
    kind, _, target = channel.partition(":")
    if kind == "webhook":
        send_webhook(target, alert, settings)
    elif kind == "email":
        send_email(target, alert, settings)
    else:
        raise DeliveryError(f"unknown channel {channel!r}: use webhook:<url> or email:<address>")
