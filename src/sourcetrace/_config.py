"""`TraceConfig`: every knob of a trace in one immutable, documented object."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ._version import __version__

__all__ = ["DEFAULT_USER_AGENT", "TraceConfig"]

DEFAULT_USER_AGENT = f"sourcetrace/{__version__} (+https://pypi.org/project/sourcetrace/)"

Seconds = Annotated[float, Field(gt=0)]
Score = Annotated[float, Field(ge=0, le=100)]


class TraceConfig(BaseModel):
    """Settings of one trace: limits, timeouts, matching thresholds.

    The object is frozen: derive a variant with ``config.model_copy(update={...})``.
    Every field has a default that suits a careful newsroom deployment; the defaults are
    part of the documented behaviour and changes to them go into the changelog.

    Examples:
        >>> from sourcetrace import TraceConfig
        >>> strict = TraceConfig(min_quote_score=95)
        >>> strict.min_quote_score
        95.0
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- fetching -------------------------------------------------------------------
    request_timeout: Seconds = 20.0
    """Seconds allowed for one HTTP request: connecting, and each wait for bytes."""

    trace_timeout: Seconds = 300.0
    """Seconds allowed for all the fetching of one trace; sources still pending then
    are recorded as errors and the trace goes on with what it has."""

    max_response_bytes: int = Field(default=20_000_000, gt=0)
    """Largest body read from one response, counted after decompression. A larger
    body is abandoned and recorded as an error."""

    max_redirects: int = Field(default=20, ge=0)
    """Redirects followed for one URL before giving up."""

    max_connections: int = Field(default=16, gt=0)
    """Requests in flight at once, over all hosts."""

    max_connections_per_host: int = Field(default=8, gt=0)
    """Requests in flight at once to any one host."""

    retries: int = Field(default=2, ge=0)
    """Extra attempts after a 429, a 503 or a connection error."""

    retry_backoff: Seconds = 0.5
    """First wait between attempts, doubled each time; a ``Retry-After`` header wins
    when it asks for longer (capped at ``request_timeout``)."""

    user_agent: str = DEFAULT_USER_AGENT
    """The ``User-Agent`` header sent with every request."""

    allow_hosts: tuple[str, ...] = ()
    """Hosts or networks (``"127.0.0.1"``, ``"10.0.0.0/8"``, ``"intranet.example"``)
    that may be fetched although they are private, loopback or link-local addresses.
    Everything of that kind is refused by default: URLs come from untrusted articles."""

    respect_robots: bool = True
    """Honour each site's ``robots.txt`` for the product token of ``user_agent``
    (``sourcetrace``): a disallowed URL is refused with ``BlockedURLError`` and recorded,
    never requested. A missing or unreachable ``robots.txt`` allows everything."""

    cache_dir: Path | None = None
    """Directory of the durable HTTP cache (one SQLite file in WAL mode, safe for several
    processes at once); ``None``: no cache. Responses are reused while fresh according to
    ``Cache-Control``/``Expires`` and revalidated with ``ETag``/``Last-Modified`` after."""

    offline: bool = False
    """Never touch the network: answer from ``cache_dir`` only (stale entries included).
    A URL that is not cached is an error. Needs ``cache_dir``."""

    archive: Path | None = None
    """A WARC file (``.warc.gz``) to which every response fetched is appended, for audit
    and to re-run a trace with no network (``sourcetrace.fetch.ReplayTransport``)."""

    # --- discovery ------------------------------------------------------------------
    follow_links: bool = False
    """Also fetch the article's own outbound links as candidate sources."""

    max_links: int = Field(default=100, ge=0)
    """Largest number of the article's links followed, however many it has."""

    depth: int = Field(default=0, ge=0, le=10)
    """How many hops to follow back toward a primary source. When a claim's best
    evidence is a secondary source (another outlet's report that itself attributes the
    words), that report is read as an article, its own claim is extracted and matched
    against the sources (and, with ``follow_links``, the report's own links), up to
    ``depth`` times. ``0`` stops at the first source."""

    # --- matching -------------------------------------------------------------------
    min_quote_score: Score = 80.0
    """Lowest alignment score (0-100, rapidfuzz ``partial_ratio`` on normalised text)
    at which a direct quote counts as found in a passage. Applies to quotes of
    ``long_quote_chars`` characters or more."""

    min_short_quote_score: Score = 92.0
    """The same threshold for quotes shorter than ``short_quote_chars``: a short quote
    matches unrelated text by chance far more often, so it must match more closely.
    Between the two lengths the threshold falls linearly."""

    short_quote_chars: int = Field(default=25, gt=0)
    long_quote_chars: int = Field(default=120, gt=0)

    min_paraphrase_score: Score = 72.0
    """Lowest content-word overlap (rapidfuzz ``token_set_ratio`` on content words)
    at which indirect speech counts as a paraphrase of a passage. Conservative on
    purpose: a false "paraphrase" verdict is worse than "not found"."""

    max_ellipsis_gap_chars: int = Field(default=2_000, ge=0)
    """The farthest apart two segments of an elided quote ("... " or "[...]") may be
    in a source before the quote is called ``truncated`` rather than ``minor_edit``."""

    max_evidence_per_claim: int = Field(default=3, gt=0)
    """Evidence kept per claim, best first (at least one, ``not_found``, is always kept)."""

    @model_validator(mode="after")
    def _check_offline(self) -> TraceConfig:
        if self.offline and self.cache_dir is None:
            raise ValueError(
                "offline=True needs a cache: set cache_dir to the directory of an earlier "
                "run's cache; to re-run from a WARC archive instead, pass "
                "transport=ReplayTransport(path) to the Fetcher"
            )
        return self

    @field_validator("allow_hosts")
    @classmethod
    def _check_hosts(cls, hosts: tuple[str, ...]) -> tuple[str, ...]:
        for host in hosts:
            if "/" in host:
                try:
                    ipaddress.ip_network(host, strict=False)
                except ValueError as exc:
                    raise ValueError(
                        f"allow_hosts entry {host!r} is not a valid network; "
                        "write it like '10.0.0.0/8' or give a plain host name"
                    ) from exc
            elif not host.strip():
                raise ValueError("allow_hosts entries must not be empty")
        return tuple(h.strip().lower() for h in hosts)

    def quote_threshold(self, quote_chars: int) -> float:
        """The score a quote of ``quote_chars`` characters must reach to count as found."""
        if quote_chars <= self.short_quote_chars:
            return self.min_short_quote_score
        if quote_chars >= self.long_quote_chars:
            return self.min_quote_score
        span = self.long_quote_chars - self.short_quote_chars
        fraction = (quote_chars - self.short_quote_chars) / span
        return self.min_short_quote_score - fraction * (
            self.min_short_quote_score - self.min_quote_score
        )
