"""sourcetrace: trace the attributed claims of a news article back to their primary sources.

>>> from sourcetrace import trace
>>> report = trace("examples/article.txt", sources=["examples/sources/"])
>>> claim = next(c for c in report.claims if "autumn storms" in c.text)
>>> claim.speaker.name, [agent.name for agent in claim.via], report.verdict(claim)
('Dana Okafor', ['Meridian Press'], 'verbatim')

The public names are listed in ``__all__``; everything else lives in private modules and
may change without notice.
"""

from ._config import DEFAULT_USER_AGENT, TraceConfig
from ._errors import (
    BlockedURLError,
    ConfigError,
    DecodingError,
    EmptyInputError,
    FetchError,
    HTTPStatusError,
    InputError,
    MissingDependencyError,
    ResponseTooLargeError,
    SourcetraceError,
    UnsupportedInputError,
)
from ._models import (
    Agent,
    Claim,
    Cue,
    DiffOp,
    Document,
    ErrorRecord,
    Evidence,
    Expectation,
    GraphEdge,
    GraphNode,
    Hop,
    Link,
    ProvenanceGraph,
    Span,
    TraceReport,
    Turn,
)
from ._tracer import atrace, trace
from ._version import __version__
from .extract import Extraction, Extractor, RuleBasedExtractor, extract_claims
from .fetch import aload, load
from .match import Corpus, locate

__all__ = [
    "DEFAULT_USER_AGENT",
    "Agent",
    "BlockedURLError",
    "Claim",
    "ConfigError",
    "Corpus",
    "Cue",
    "DecodingError",
    "DiffOp",
    "Document",
    "EmptyInputError",
    "ErrorRecord",
    "Evidence",
    "Expectation",
    "Extraction",
    "Extractor",
    "FetchError",
    "GraphEdge",
    "GraphNode",
    "HTTPStatusError",
    "Hop",
    "InputError",
    "Link",
    "MissingDependencyError",
    "ProvenanceGraph",
    "ResponseTooLargeError",
    "RuleBasedExtractor",
    "SourcetraceError",
    "Span",
    "TraceConfig",
    "TraceReport",
    "Turn",
    "UnsupportedInputError",
    "__version__",
    "aload",
    "atrace",
    "extract_claims",
    "load",
    "locate",
    "trace",
]

# Show the public names as ``sourcetrace.X`` in reprs, tracebacks and the API docs.
for _name in __all__:
    _obj = globals()[_name]
    if getattr(_obj, "__module__", "").startswith("sourcetrace."):
        _obj.__module__ = "sourcetrace"
del _name, _obj
