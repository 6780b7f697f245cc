"""Alerts: rules over stored events, raised once per real-world event, delivered by webhook
and email, and listed on a page and in an Atom feed."""

from blocwatch.alerts.atom import alerts_feed
from blocwatch.alerts.deliver import DeliveryError, DeliverySettings, signature
from blocwatch.alerts.engine import AlertEngine, AlertRun
from blocwatch.alerts.rules import event_keys, matches

__all__ = [
    "AlertEngine",
    "AlertRun",
    "DeliveryError",
    "DeliverySettings",
    "alerts_feed",
    "event_keys",
    "matches",
    "signature",
]
