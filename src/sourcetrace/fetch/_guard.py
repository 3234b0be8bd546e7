"""The SSRF guard: which URLs and addresses may be fetched at all.

URLs come from untrusted articles, so every host is resolved and every address it
resolves to is checked before a connection is made, on the first hop and on every
redirect. Private, loopback, link-local (cloud metadata), multicast, unspecified and
reserved addresses are refused unless ``TraceConfig.allow_hosts`` opens them.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .._config import TraceConfig
from .._errors import BlockedURLError

__all__ = ["AddressGuard", "CheckedURL", "check_url_syntax", "parse_numeric_ipv4"]

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]

_ALLOWED_SCHEMES = frozenset({"http", "https"})

# Named explicitly although the generic checks already cover them, so that a change in
# ``ipaddress``'s tables can never quietly open the cloud metadata endpoints.
_METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("169.254.170.2"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")

_NUMERIC_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class CheckedURL:
    """A URL that passed the syntax checks: scheme, host and port split out."""

    url: str
    scheme: str
    host: str
    """The host in lower case, without IPv6 brackets."""
    port: int
    literal: IPAddress | None
    """The address, when the host is written as an IP address in any form."""


def parse_numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a host written in ``inet_aton`` form stands for, if it is one.

    Resolvers accept ``2130706433``, ``0177.0.0.1``, ``0x7f.1`` and friends as
    127.0.0.1; an attacker uses them to slip past checks that only know dotted decimal.

    Examples:
        >>> str(parse_numeric_ipv4("2130706433"))
        '127.0.0.1'
        >>> str(parse_numeric_ipv4("0177.0.0.1"))
        '127.0.0.1'
        >>> parse_numeric_ipv4("example.org") is None
        True
    """
    text = host.rstrip(".")
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.match(p) for p in parts):
        return None
    values: list[int] = []
    for part in parts:
        lowered = part.lower()
        if lowered.startswith("0x"):
            values.append(int(lowered[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if any(c in "89" for c in part):
                return None
            values.append(int(part, 8))
        else:
            values.append(int(part))
    # The last part fills all the bytes the earlier parts leave over (inet_aton rules).
    *leading, last = values
    if any(v > 255 for v in leading) or last >= 256 ** (4 - len(leading)):
        return None
    number = 0
    for v in leading:
        number = number * 256 + v
    number = number * 256 ** (4 - len(leading)) + last
    return ipaddress.IPv4Address(number)


def check_url_syntax(url: str) -> CheckedURL:
    """Split ``url`` and refuse what can never be fetched (scheme, credentials, no host).

    Raises:
        BlockedURLError: not an ``http``/``https`` URL, or a malformed one.
    """
    try:
        parts = urlsplit(url.strip())
        port_value = parts.port
    except ValueError as exc:
        raise BlockedURLError(
            f"{url!r} is not a valid URL ({exc}); check it for typos", url=url
        ) from exc
    scheme = parts.scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        raise BlockedURLError(
            f"refusing {url!r}: only http and https URLs are fetched "
            f"(got scheme {scheme or 'none'!r})",
            url=url,
        )
    host = (parts.hostname or "").lower()
    if not host:
        raise BlockedURLError(f"refusing {url!r}: the URL has no host name", url=url)
    if "%" in host:
        raise BlockedURLError(
            f"refusing {url!r}: IPv6 zone identifiers are not allowed in URLs", url=url
        )
    port = port_value if port_value is not None else (443 if scheme == "https" else 80)
    literal: IPAddress | None
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = parse_numeric_ipv4(host)
    return CheckedURL(url=url, scheme=scheme, host=host, port=port, literal=literal)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    packed = address.packed
    # IPv4-compatible form (::a.b.c.d, deprecated but still routed by some stacks).
    if packed[:12] == bytes(12) and int(address) > 1:
        return ipaddress.IPv4Address(packed[12:])
    return None


def blocked_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched by default, or ``None`` if it is public.

    Examples:
        >>> blocked_reason(ipaddress.ip_address("169.254.169.254"))
        'a cloud metadata address'
        >>> blocked_reason(ipaddress.ip_address("93.184.215.14")) is None
        True
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = blocked_reason(embedded)
            if inner is not None:
                return f"{inner} embedded in an IPv6 address"
    if address in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (
        ("a loopback address", address.is_loopback),
        ("a link-local address", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("the unspecified address", address.is_unspecified),
        ("a reserved address", address.is_reserved),
        ("a private address", address.is_private),
        ("a shared (carrier-grade NAT) address", address in _CGNAT),
        ("a non-global address", not address.is_global),
    )
    for reason, hit in checks:
        if hit:
            return reason
    return None


class AddressGuard:
    """Decides, for one trace, whether a host and its addresses may be contacted.

    Args:
        config: the trace's settings; ``allow_hosts`` opens host names (exactly as
            written in the URL) and addresses or networks.
    """

    def __init__(self, config: TraceConfig) -> None:
        names: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in config.allow_hosts:
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                names.add(entry.rstrip("."))
        self._names = frozenset(names)
        self._networks = tuple(networks)
        self.resolver: Resolver | None = None
        """A replacement for the system resolver (``loop.getaddrinfo``): an async callable
        ``(host, port) -> [address, ...]``, e.g. a DNS-over-HTTPS client."""

    def host_allowed(self, host: str) -> bool:
        """Whether ``host`` is opened by name in ``allow_hosts``."""
        return host.rstrip(".") in self._names

    def address_allowed(self, address: IPAddress) -> bool:
        """Whether ``address`` lies in a network of ``allow_hosts``."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return any(address.version == net.version and address in net for net in self._networks)

    def check_address(self, url: str, host: str, address: IPAddress) -> None:
        """Refuse ``address`` (one address of ``host``) unless it is public or allowed.

        Raises:
            BlockedURLError: the address is private, loopback, link-local ...
        """
        reason = blocked_reason(address)
        if reason is None or self.host_allowed(host) or self.address_allowed(address):
            return
        logger.info("refusing %s: %s resolves to %s (%s)", url, host, address, reason)
        raise BlockedURLError(
            f"refusing {url!r}: {host} is {reason} ({address}); sourcetrace does not "
            "fetch internal addresses from untrusted articles. To fetch it anyway, add "
            f"{host!r} to TraceConfig.allow_hosts",
            url=url,
        )

    def check_syntax(self, url: str) -> CheckedURL:
        """Check ``url``'s scheme and, when its host is an IP address, that address."""
        checked = check_url_syntax(url)
        if checked.literal is not None:
            self.check_address(url, checked.host, checked.literal)
        return checked

    async def resolve(self, checked: CheckedURL) -> list[IPAddress]:
        """Resolve ``checked``'s host and check every address it resolves to.

        Returns:
            The addresses, in the resolver's order, all of them allowed.

        Raises:
            BlockedURLError: one of the addresses is refused (one bad address is enough:
                an attacker controls which one a client would pick).
            OSError: the name does not resolve.
        """
        if checked.literal is not None:
            self.check_address(checked.url, checked.host, checked.literal)
            return [checked.literal]
        if self.resolver is not None:
            texts = list(await self.resolver(checked.host, checked.port))
        else:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(
                checked.host, checked.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
            )
            texts = [str(info[4][0]) for info in infos]
        addresses: list[IPAddress] = []
        for text in texts:
            try:
                address = ipaddress.ip_address(text.split("%", 1)[0])
            except ValueError as exc:
                raise OSError(f"{checked.host} resolved to {text!r}, not an address") from exc
            self.check_address(checked.url, checked.host, address)
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise OSError(f"{checked.host} resolved to no address")
        return addresses
