"""Plotly figures as plain JSON-ready dicts, drawn in the browser by the bundled plotly.js.

Figures are built as dicts (plotly's own JSON schema) rather than through
``plotly.graph_objects``: validation there costs tens of milliseconds per figure, and the
pages have a 200 ms budget. Every point that stands for events carries in ``customdata``
the link to those events, so a click drills down to the sentences.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import numpy as np

from blocwatch.model import QUAD_CLASSES

QUAD_COLOURS = {1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b"}
_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}
_MAX_IDS_IN_LINK = 200
_MAX_CLUSTERS_IN_LINK = 300

Figure = dict[str, Any]


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def events_link(ids: Sequence[int]) -> str:
    return "/events?" + urlencode({"ids": ",".join(str(i) for i in ids[:_MAX_IDS_IN_LINK])})


def clusters_link(ids: Sequence[int]) -> str:
    """The page that lists the event clusters behind a point, each with its sentences."""
    return "/clusters?" + urlencode({"ids": ",".join(str(i) for i in ids[:_MAX_CLUSTERS_IN_LINK])})


def evidence_note(points: Sequence[Any], min_events: int) -> str:
    """What a chart rests on, in plain words: events, outlets, and the points left out."""
    events = sum(len(_field(p, "cluster_ids", ()) or ()) for p in points)
    outlets = len({o for p in points for o in (_field(p, "outlets", ()) or ())})
    thin = sum(1 for p in points if (_field(p, "cluster_ids") or ()) and not _field(p, "enough"))
    note = (
        f"This chart rests on {events} event{'' if events == 1 else 's'} "
        f"from {outlets} outlet{'' if outlets == 1 else 's'}; each real-world event counts "
        "once, however many articles reported it."
    )
    if thin:
        note += (
            f" {thin} period{' is' if thin == 1 else 's are'} left undrawn: fewer than "
            f"{min_events} events."
        )
    return note


def _rests_on(point: Any) -> str:
    events = len(_field(point, "cluster_ids", ()) or ())
    outlets = len(_field(point, "outlets", ()) or ())
    return f"{events} event{'' if events == 1 else 's'} from {outlets} outlet{'' if outlets == 1 else 's'}"


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "font": _FONT,
        "margin": {"l": 48, "r": 48, "t": 16, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.18, "traceorder": "normal"},
        "hovermode": "closest",
    }
    layout.update(extra)
    return layout


def relation_chart(points: Sequence[Any]) -> Figure:
    """Events per period stacked by quad class, with the mean Goldstein score on a second axis.

    Bars are drawn for every period given, empty ones too (a gap of eleven months shows
    as eleven months); the mean is drawn only where the point has ``enough`` events, with
    its 95% interval, and not across the periods between (``connectgaps`` off).
    """
    periods = [str(_field(p, "period")) for p in points]
    links = [clusters_link(list(_field(p, "cluster_ids", ()) or ())) for p in points]
    rests_on = [_rests_on(p) for p in points]
    data = _quad_bars(points, periods, links, rests_on)
    most = max((int(_field(p, "events", 0) or 0) for p in points), default=0)
    if len(periods) < 4:
        for trace in data:
            trace["width"] = 0.5
    data.append(_goldstein_line(points, periods, links, rests_on))
    return {
        "data": data,
        "layout": _layout(
            barmode="stack",
            height=320,
            xaxis={"type": "category"},
            yaxis={"title": {"text": "events"}, "rangemode": "tozero"}
            | ({"dtick": 1} if most <= 6 else {}),
            yaxis2={
                "title": {"text": "Goldstein"},
                "overlaying": "y",
                "side": "right",
                "range": [-10, 10],
                "dtick": 5,
                "showgrid": False,
                "zeroline": False,
            },
        ),
    }


def _quad_bars(
    points: Sequence[Any], periods: list[str], links: list[str], rests_on: list[str]
) -> list[dict[str, Any]]:
    """One bar trace per quad class, its events per period."""
    data: list[dict[str, Any]] = []
    for quad, label in QUAD_CLASSES.items():
        counts = [int((_field(p, "quad_counts") or {}).get(quad, 0)) for p in points]
        data.append(
            {
                "type": "bar",
                "name": label,
                "x": periods,
                "y": counts,
                "marker": {"color": QUAD_COLOURS[quad]},
                "customdata": links,
                "text": rests_on,
                "textposition": "none",
                "hovertemplate": f"%{{x}}: %{{y}} {label} (%{{text}})<extra></extra>",
            }
        )
    return data


def _goldstein_line(
    points: Sequence[Any], periods: list[str], links: list[str], rests_on: list[str]
) -> dict[str, Any]:
    """The mean Goldstein score per period with its interval, where there are ``enough``."""
    shown = [bool(_field(p, "enough")) for p in points]
    means = [
        round(float(_field(p, "goldstein_mean", 0.0) or 0.0), 2) if ok else None
        for p, ok in zip(points, shown, strict=True)
    ]
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": "mean Goldstein (95% interval)",
        "x": periods,
        "y": means,
        "connectgaps": False,
        "yaxis": "y2",
        "line": {"color": "#1d2430", "width": 2},
        "error_y": _error_bars(points, means, "goldstein_low", "goldstein_high", "#1d2430"),
        "customdata": links,
        "text": rests_on,
        "hovertemplate": "%{x}: mean Goldstein %{y} over %{text}<extra></extra>",
    }


def _error_bars(
    points: Sequence[Any], values: Sequence[float | None], low: str, high: str, colour: str
) -> dict[str, Any]:
    """Asymmetric error bars from each point's interval (none where it is not drawn)."""
    plus, minus = [], []
    for point, value in zip(points, values, strict=True):
        top, bottom = _field(point, high), _field(point, low)
        plus.append(round(top - value, 3) if value is not None and top is not None else None)
        minus.append(round(value - bottom, 3) if value is not None and bottom is not None else None)
    return {
        "type": "data",
        "symmetric": False,
        "array": plus,
        "arrayminus": minus,
        "thickness": 1,
        "width": 3,
        "color": colour + "88",
    }


def alignment_chart(series: Mapping[str, Sequence[Any]]) -> Figure:
    """One line per state, +1 leaning wholly to the first pole and -1 to the second.

    Every period is on the time axis; a point is drawn only where ``enough`` events voted,
    with its 95% interval, and the line is broken where a period has too few (never drawn
    across a gap). The hover says how many events and outlets a point rests on.
    """
    palette = ["#1f5fbf", "#c2410c", "#047857", "#7c3aed", "#b91c1c", "#0e7490", "#a16207"]
    data: list[dict[str, Any]] = []
    for n, (state, points) in enumerate(series.items()):
        colour = palette[n % len(palette)]
        index = [
            float(_field(p, "index"))
            if _field(p, "index") is not None and _field(p, "enough", True)
            else None
            for p in points
        ]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": state,
                "x": [_when(p) for p in points],
                "y": index,
                "connectgaps": False,
                "line": {"color": colour, "width": 1.5},
                "marker": {"size": 8},
                "error_y": _error_bars(points, index, "low", "high", colour),
                "customdata": [
                    clusters_link(list(_field(p, "cluster_ids", ()) or ())) for p in points
                ],
                "text": [f"{_field(p, 'period')}: {_votes(p)}; {_rests_on(p)}" for p in points],
                "hovertemplate": f"{state} %{{y:.2f}}<br>%{{text}}<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": _layout(
            height=340,
            xaxis={"type": "date"},
            yaxis={"title": {"text": "alignment"}, "range": [-1.1, 1.1], "zeroline": True},
        ),
    }


def _when(point: Any) -> str:
    start = _field(point, "start")
    return start.isoformat() if start is not None else str(_field(point, "period"))


def _votes(point: Any) -> str:
    toward_a, toward_b = _field(point, "toward_a"), _field(point, "toward_b")
    if toward_a is None and toward_b is None:
        return f"{_field(point, 'events', 0)} events"
    return f"{toward_a or 0} events toward the first pole, {toward_b or 0} toward the second"


def spring_layout(
    nodes: Sequence[str], edges: Sequence[tuple[str, str, float]], *, rounds: int = 120
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in [-1, 1]: partners close together, strangers apart.

    Deterministic (it starts from a circle), so a page looks the same on every visit.
    """
    count = len(nodes)
    if count == 0:
        return {}
    index = {code: i for i, code in enumerate(nodes)}
    angles = np.linspace(0, 2 * np.pi, count, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    weights = np.zeros((count, count))
    for a, b, w in edges:
        if a in index and b in index:
            weights[index[a], index[b]] += w
            weights[index[b], index[a]] += w
    if weights.max() > 0:
        weights = np.log1p(weights) / np.log1p(weights.max())
    k = 2.4 / np.sqrt(count)
    step = 0.1
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = (k * k / distance**2 - weights * distance / k)[:, :, None] * delta
        move = force.sum(axis=1)
        length = np.maximum(np.linalg.norm(move, axis=-1, keepdims=True), 1e-9)
        pos += move / length * np.minimum(length, step)
        step *= 0.97
    pos -= pos.mean(axis=0)
    # Hubs pull their partners into a knot; spreading radii (r -> sqrt r) opens the centre.
    radius = np.maximum(np.linalg.norm(pos, axis=1, keepdims=True), 1e-9)
    pos *= np.sqrt(radius / radius.max()) / radius
    pos /= np.maximum(np.abs(pos).max(axis=0), 1e-9)  # fill the wide chart, not a square
    return {code: (float(pos[i, 0]), float(pos[i, 1])) for code, i in index.items()}


def _label(name: str, code: str) -> str:
    """Long names ("Collective Security Treaty Organization") by their code on the graph."""
    return name if len(name) <= 18 else code


def network_chart(
    edges: Sequence[Any], names: Mapping[str, str], *, max_nodes: int = 40, height: int = 600
) -> Figure:
    """States and organisations, partners close; edges green for cooperation, red for conflict.

    Edges are drawn as one line trace per colour (segments separated by gaps), with an
    invisible marker at each edge's middle carrying its hover text and its link, so a
    graph of hundreds of edges stays a handful of traces.
    """
    weight: dict[str, int] = {}
    for edge in edges:
        for end in (_field(edge, "a"), _field(edge, "b")):
            weight[end] = weight.get(end, 0) + int(_field(edge, "events", 0))
    nodes = sorted(weight, key=lambda code: (-weight[code], code))[:max_nodes]
    position = spring_layout(
        nodes,
        [
            (_field(e, "a"), _field(e, "b"), float(_field(e, "events", 1)))
            for e in edges
            if _field(e, "a") in weight and _field(e, "b") in weight
        ],
    )
    data = _edge_traces(edges, position, names)
    data.append(_node_trace(nodes, position, weight, names))
    return {
        "data": data,
        "layout": _layout(
            height=height,
            xaxis={"visible": False, "range": [-1.15, 1.15]},
            yaxis={"visible": False, "range": [-1.12, 1.18]},
        ),
    }


_EDGE_COLOURS = {"cooperation": "#1b7837", "conflict": "#b2182b", "mixed": "#a3a3a3"}


def _edge_traces(
    edges: Sequence[Any], position: Mapping[str, tuple[float, float]], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One line trace per tone and width, then the invisible markers at the edges' middles."""
    buckets: dict[str, dict[str, list[Any]]] = {}
    middles: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "customdata": []}
    busiest = max((int(_field(e, "events", 0)) for e in edges), default=1)
    for edge in edges:
        a, b = _field(edge, "a"), _field(edge, "b")
        if a not in position or b not in position:
            continue
        share = float(_field(edge, "cooperation_share", 0.5) or 0.0)
        mean = float(_field(edge, "goldstein_mean", 0.0) or 0.0)
        tone = "cooperation" if share >= 0.6 else "conflict" if share <= 0.4 else "mixed"
        events = int(_field(edge, "events", 0))
        width = 1 + round(5 * events / busiest)
        bucket = buckets.setdefault(f"{tone}:{width}", {"x": [], "y": []})
        (ax, ay), (bx, by) = position[a], position[b]
        bucket["x"] += [ax, bx, None]
        bucket["y"] += [ay, by, None]
        middles["x"].append((ax + bx) / 2)
        middles["y"].append((ay + by) / 2)
        middles["text"].append(
            f"{names.get(a, a)} – {names.get(b, b)}: {events} events, "
            f"{share:.0%} cooperation, mean Goldstein {mean:+.1f}"
        )
        middles["customdata"].append(f"/relations/{a}/{b}")
    data = _line_traces(buckets)
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            **middles,
            "marker": {"size": 14, "opacity": 0},
            "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
        }
    )
    return data


def _line_traces(buckets: Mapping[str, Mapping[str, list[Any]]]) -> list[dict[str, Any]]:
    """Edge segments of one tone and width as one trace; each tone in the legend once."""
    data: list[dict[str, Any]] = []
    shown: set[str] = set()
    for key, bucket in sorted(buckets.items()):
        tone, width_text = key.split(":")
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": bucket["x"],
                "y": bucket["y"],
                "line": {"color": _EDGE_COLOURS[tone], "width": int(width_text)},
                "opacity": 0.7,
                "hoverinfo": "skip",
                "name": tone,
                "legendgroup": tone,
                "showlegend": tone not in shown,
            }
        )
        shown.add(tone)
    return data


def _node_trace(
    nodes: Sequence[str],
    position: Mapping[str, tuple[float, float]],
    weight: Mapping[str, int],
    names: Mapping[str, str],
) -> dict[str, Any]:
    """The actors as labelled markers sized by their events, each linking to its page."""
    top = max(weight.values(), default=1)
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": [position[c][0] for c in nodes],
        "y": [position[c][1] for c in nodes],
        "text": [_label(names.get(c, c), c) for c in nodes],
        "hovertext": [names.get(c, c) for c in nodes],
        "textposition": "top center",
        "customdata": [f"/actors/{c}" for c in nodes],
        "marker": {
            "size": [10 + 22 * math.sqrt(weight[c] / top) for c in nodes],
            "color": "#1f5fbf",
            "line": {"color": "#fff", "width": 1.5},
        },
        "hovertemplate": "%{hovertext}<extra></extra>",
        "showlegend": False,
    }


def volume_chart(
    series: Mapping[str, Sequence[tuple[str, int]]], *, unit: str = "", height: int = 240
) -> Figure:
    """One line per series of (period's first day, count): attention over time, compared."""
    palette = ["#1f5fbf", "#c2410c", "#047857", "#7c3aed", "#b91c1c", "#0e7490", "#a16207"]
    periods = sorted({period for points in series.values() for period, _ in points})
    data = []
    for n, (name, points) in enumerate(series.items()):
        counts = dict(points)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": periods,
                "y": [counts.get(period, 0) for period in periods],
                "line": {"color": palette[n % len(palette)], "width": 2},
                "hovertemplate": f"%{{x}}: %{{y}} {unit or name}<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": _layout(
            height=height,
            showlegend=len(data) > 1,
            margin={"l": 40, "r": 16, "t": 8, "b": 40},
            xaxis={"type": "date", "automargin": True},
            yaxis={"rangemode": "tozero", "automargin": True},
        ),
    }


def tone_chart(series: Mapping[str, Sequence[Any]], *, height: int = 240) -> Figure:
    """Mean sentence tone per period (-1..+1), one line per series, gaps where nothing was said.

    Points carry how many sentences they rest on: a period's mean over two sentences is
    drawn as a small marker, over many as a large one.
    """
    palette = ["#7c3aed", "#0e7490", "#c2410c", "#047857"]
    data = []
    for n, (name, points) in enumerate(series.items()):
        counts = [int(_field(p, "sentences", 0) or 0) for p in points]
        most = max(counts, default=1) or 1
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": [str(_field(p, "period")) for p in points],
                "y": [_field(p, "tone") for p in points],
                "customdata": counts,
                "connectgaps": False,
                "line": {"color": palette[n % len(palette)], "width": 2},
                "marker": {"size": [4 + 8 * math.sqrt(c / most) for c in counts]},
                "hovertemplate": "%{x}: tone %{y:+.2f} over %{customdata} sentences<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": _layout(
            height=height,
            showlegend=len(data) > 1,
            margin={"l": 40, "r": 16, "t": 8, "b": 40},
            xaxis={"type": "date", "automargin": True},
            yaxis={"range": [-1, 1], "zeroline": True, "title": {"text": "tone"}},
        ),
    }
