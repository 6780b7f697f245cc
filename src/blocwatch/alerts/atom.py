"""An Atom feed of alerts, so any feed reader can follow them.

Built with ElementTree, which escapes every text and attribute: nothing from an article
reaches the feed as markup. Links are given only for http(s) URLs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from blocwatch.model import Alert

ATOM = "http://www.w3.org/2005/Atom"


def _is_http(url: object) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def alerts_feed(alerts: Sequence[Alert], *, feed_id: str, title: str = "blocwatch alerts") -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    updated = max((a.raised_at for a in alerts), default=datetime.now(UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    for alert in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{feed_id}/{alert.id}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{alert.rule_name}: {alert.title}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = alert.raised_at.isoformat()
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = "blocwatch"
        lines = [
            f"{item.get('outlet') or 'unknown outlet'}: {item.get('sentence')}"
            for item in alert.evidence
        ]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = "\n".join(lines)
        for item in alert.evidence:
            if _is_http(item.get("url")):
                ET.SubElement(entry, f"{{{ATOM}}}link", href=str(item["url"]), rel="related")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
