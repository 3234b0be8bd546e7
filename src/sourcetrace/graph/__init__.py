"""The graph stage: provenance graphs from claims and evidence, and their exports."""

from ._build import build_graph, claim_subgraph
from ._export import NAMESPACE, to_dot, to_mermaid, to_networkx, to_prov, to_turtle
from ._render import readable, render_svg

__all__ = [
    "NAMESPACE",
    "build_graph",
    "claim_subgraph",
    "readable",
    "render_svg",
    "to_dot",
    "to_mermaid",
    "to_networkx",
    "to_prov",
    "to_turtle",
]
