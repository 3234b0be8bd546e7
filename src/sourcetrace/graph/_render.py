"""Draw a provenance graph as self-contained SVG (no script, no external resource).

A layered layout, left to right: a node's column is the length of the longest path that
reaches it, so a claim stands left of the reports it came through and the statement it
quotes. Cycles (which PROV allows, e.g. an activity that used the article whose claims it
generated) are broken at the edges that close them, in a fixed order, so the picture is
deterministic.
"""

from __future__ import annotations

import html
import textwrap

from .._models import GraphNode, ProvenanceGraph

__all__ = ["readable", "render_svg"]

_NODE_WIDTH = 180
_NODE_HEIGHT = 48
_COLUMN_GAP = 150
_ROW_GAP = 22
_MARGIN = 16

_FILL = {"entity": "#fff6d5", "agent": "#fde0c5", "activity": "#dbe8ff"}
_STROKE = {"entity": "#b59a2d", "agent": "#b8733b", "activity": "#4a6fb5"}
_VERDICT_COLOURS = {
    "verbatim": "#2e7d32",
    "minor_edit": "#558b2f",
    "paraphrase": "#1565c0",
    "truncated": "#ef6c00",
    "altered": "#c62828",
    "misattributed": "#ad1457",
    "not_found": "#616161",
}


_BOOKKEEPING = frozenset({"used", "wasGeneratedBy", "wasAssociatedWith"})


def readable(graph: ProvenanceGraph) -> ProvenanceGraph:
    """The graph without the trace's own bookkeeping, for pictures.

    Drops the trace activity, the software agent and the article node with their edges:
    every claim comes from the article and was found by the trace, so drawing it says
    nothing and crowds the picture.
    """
    drop = {
        node.id
        for node in graph.nodes
        if node.prov == "activity" or node.type in {"software", "article"}
    }
    edges = [
        edge
        for edge in graph.edges
        if edge.source not in drop
        and edge.target not in drop
        and edge.relation not in _BOOKKEEPING
    ]
    linked = {edge.source for edge in edges} | {edge.target for edge in edges}
    # What only the dropped nodes tied in (the article's publisher) goes too.
    return ProvenanceGraph(
        nodes=[node for node in graph.nodes if node.id not in drop and node.id in linked],
        edges=edges,
    )


def _layers(graph: ProvenanceGraph) -> dict[str, int]:
    order = [node.id for node in graph.nodes]
    successors: dict[str, list[str]] = {node_id: [] for node_id in order}
    for edge in graph.edges:
        # A document is laid out right of its passages (reading order: claim, passage,
        # the document it is part of), though PROV draws membership the other way.
        source, target = edge.source, edge.target
        if edge.relation == "hadMember":
            source, target = target, source
        if target not in successors[source]:
            successors[source].append(target)
    # Drop the edges that close cycles (depth-first, in node order: deterministic).
    state: dict[str, int] = {}
    acyclic: dict[str, list[str]] = {node_id: [] for node_id in order}
    for root in order:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            current, index = stack.pop()
            targets = successors[current]
            if index < len(targets):
                stack.append((current, index + 1))
                target = targets[index]
                if state.get(target) == 1:
                    continue  # a back edge: it would close a cycle
                acyclic[current].append(target)
                if target not in state:
                    state[target] = 1
                    stack.append((target, 0))
            else:
                state[current] = 2
    # Longest path layering over the acyclic edges (Kahn's order).
    indegree = {node_id: 0 for node_id in order}
    for targets in acyclic.values():
        for target in targets:
            indegree[target] += 1
    layer = dict.fromkeys(order, 0)
    ready = [node_id for node_id in order if indegree[node_id] == 0]
    while ready:
        current = ready.pop(0)
        for target in acyclic[current]:
            layer[target] = max(layer[target], layer[current] + 1)
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return layer


def _label_lines(node: GraphNode) -> list[str]:
    lines = textwrap.wrap(node.label, width=27, max_lines=2, placeholder="…") or [""]
    return lines


def render_svg(graph: ProvenanceGraph, *, title: str | None = None) -> str:
    """The graph as an SVG document (a string), ready to inline in HTML.

    Entities are rounded boxes, agents are orange, the trace activity is blue, as in the
    PROV conventions; an edge carrying a verdict is drawn in that verdict's colour.
    """
    if not graph.nodes:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>'
    layer = _layers(graph)
    columns: dict[int, list[GraphNode]] = {}
    for node in graph.nodes:
        columns.setdefault(layer[node.id], []).append(node)
    predecessors: dict[str, list[str]] = {}
    for edge in graph.edges:
        predecessors.setdefault(edge.target, []).append(edge.source)
        predecessors.setdefault(edge.source, []).append(edge.target)
    positions: dict[str, tuple[int, int]] = {}
    rows: dict[str, int] = {}
    for column, nodes in sorted(columns.items()):
        # Order each column by the mean row of its already placed neighbours, which
        # keeps related nodes level and edges short; ties keep the graph's order.
        def barycentre(node: GraphNode) -> float:
            placed = [rows[n] for n in predecessors.get(node.id, []) if n in rows]
            return sum(placed) / len(placed) if placed else float("inf")

        nodes.sort(key=barycentre)
        for row, node in enumerate(nodes):
            rows[node.id] = row
            x = _MARGIN + column * (_NODE_WIDTH + _COLUMN_GAP)
            y = _MARGIN + row * (_NODE_HEIGHT + _ROW_GAP)
            positions[node.id] = (x, y)
    width = _MARGIN * 2 + (max(columns) + 1) * (_NODE_WIDTH + _COLUMN_GAP) - _COLUMN_GAP
    height = _MARGIN * 2 + max(len(n) for n in columns.values()) * (_NODE_HEIGHT + _ROW_GAP)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="st-graph" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="11">'
    ]
    if title:
        parts.append(f"<title>{html.escape(title)}</title>")
    parts.append(
        '<defs><marker id="st-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>'
    )
    drawn: dict[tuple[str, str], list[str]] = {}
    verdicts: dict[tuple[str, str], object] = {}
    for edge in graph.edges:
        key = (edge.source, edge.target)
        drawn.setdefault(key, []).append(edge.relation)
        verdicts.setdefault(key, edge.attributes.get("verdict"))
    for (source, target), relations in drawn.items():
        sx, sy = positions[source]
        tx, ty = positions[target]
        verdict = verdicts[(source, target)]
        colour = _VERDICT_COLOURS.get(str(verdict), "#888") if verdict else "#888"
        x1: float
        y1: float
        x2: float
        y2: float
        if tx > sx:
            x1, y1, x2, y2 = sx + _NODE_WIDTH, sy + _NODE_HEIGHT / 2, tx, ty + _NODE_HEIGHT / 2
        elif tx < sx:
            x1, y1, x2, y2 = sx, sy + _NODE_HEIGHT / 2, tx + _NODE_WIDTH, ty + _NODE_HEIGHT / 2
        else:
            below = ty > sy
            x1 = x2 = sx + _NODE_WIDTH / 2
            y1 = sy + (_NODE_HEIGHT if below else 0)
            y2 = ty + (0 if below else _NODE_HEIGHT)
        label = ", ".join(relations) + (f" · {verdict}" if verdict else "")
        parts.append(
            f'<g class="st-edge" data-relation="{" ".join(relations)}">'
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
            f'stroke="{colour}" stroke-width="{2 if verdict else 1.2}" '
            f'marker-end="url(#st-arrow)"/>'
            f'<text x="{(x1 + x2) / 2:.0f}" y="{(y1 + y2) / 2 - 3:.0f}" text-anchor="middle" '
            f'fill="{colour}" font-size="9">{html.escape(label)}</text></g>'
        )
    for node in graph.nodes:
        x, y = positions[node.id]
        lines = _label_lines(node)
        text_rows = "".join(
            f'<tspan x="{x + _NODE_WIDTH / 2:.0f}" dy="{0 if i == 0 else 13}">'
            f"{html.escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        first_y = y + _NODE_HEIGHT / 2 - (len(lines) - 1) * 6.5 + 4
        radius = 14 if node.prov == "entity" else 3
        parts.append(
            f'<g class="st-node" data-id="{html.escape(node.id)}" data-prov="{node.prov}">'
            f"<title>{html.escape(node.type)}: {html.escape(node.label)}</title>"
            f'<rect x="{x}" y="{y}" width="{_NODE_WIDTH}" height="{_NODE_HEIGHT}" rx="{radius}" '
            f'fill="{_FILL[node.prov]}" stroke="{_STROKE[node.prov]}"/>'
            f'<text x="{x + _NODE_WIDTH / 2:.0f}" y="{first_y:.0f}" text-anchor="middle">'
            f"{text_rows}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
