"""robots.txt (RFC 9309): parsing and matching, longest rule wins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

__all__ = ["RobotsPolicy", "parse_robots", "product_token"]

_MAX_ROBOTS_BYTES = 500 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB; anything after is ignored."""


def product_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against.

    Examples:
        >>> product_token("sourcetrace/0.1.0 (+https://pypi.org/project/sourcetrace/)")
        'sourcetrace'
    """
    token = re.match(r"[A-Za-z_-]+", user_agent.strip())
    return token.group(0).lower() if token else user_agent.strip().lower()


def _normalise_path(path: str) -> str:
    # Compare percent-encoded forms: "/a%3Cb" and "/a<b" are the same path.
    return quote(unquote(path), safe="/?=&;:@!$'()*+,-._~%")


@dataclass(frozen=True)
class _Rule:
    allow: bool
    pattern: str
    regex: re.Pattern[str]


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(part) for part in _normalise_path(body).split("*"))
    return re.compile(regex + ("$" if anchored else ""))


@dataclass
class RobotsPolicy:
    """The rules of one robots.txt that apply to one product token."""

    rules: list[_Rule] = field(default_factory=list)

    def allows(self, url: str) -> bool:
        """Whether ``url``'s path may be fetched: the longest matching rule decides, and
        ``Allow`` wins a tie (RFC 9309, section 2.2.2).

        Examples:
            >>> policy = parse_robots("User-agent: *\\nDisallow: /private\\nAllow: /private/ok")
            >>> policy.allows("https://x.example/private/a"), policy.allows(
            ...     "https://x.example/private/ok/1")
            (False, True)
        """
        parts = urlsplit(url)
        path = _normalise_path((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        if path == "/robots.txt":
            return True
        best: _Rule | None = None
        for rule in self.rules:
            if not rule.regex.match(path):
                continue
            if (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow and not best.allow)
            ):
                best = rule
        return best is None or best.allow


def parse_robots(text: str, token: str = "sourcetrace") -> RobotsPolicy:
    """The rules of robots.txt ``text`` for product ``token`` (else the ``*`` group).

    Several groups naming the same agent are merged, as RFC 9309 requires; unknown
    lines (``Crawl-delay``, ``Sitemap`` ...) are ignored.
    """
    token = token.lower()
    groups: list[tuple[set[str], list[_Rule]]] = []
    agents: set[str] = set()
    rules: list[_Rule] = []
    in_rules = False
    for raw_line in text[:_MAX_ROBOTS_BYTES].splitlines():
        line = raw_line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, _, value = line.partition(":")
        key = key.strip().lower()
        value = value.strip()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, rules))
                agents, rules, in_rules = set(), [], False
            agents.add(product_token(value))  # "sourcetrace/1.0" names "sourcetrace"
        elif key in ("allow", "disallow"):
            in_rules = True
            if not agents:
                continue  # rules before any User-agent line belong to no group
            if not value:
                continue  # "Disallow:" with no path allows everything
            pattern = value if value.startswith(("/", "*")) else "/" + value
            rules.append(_Rule(key == "allow", pattern, _compile(pattern)))
    if agents:
        groups.append((agents, rules))
    wanted = token if any(token in names for names, _ in groups) else "*"
    return RobotsPolicy([rule for names, group in groups if wanted in names for rule in group])
