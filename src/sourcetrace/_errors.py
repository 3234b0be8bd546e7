"""The exceptions sourcetrace raises.

Every exception is a subclass of :class:`SourcetraceError`, so one ``except`` clause
catches them all::

    SourcetraceError
    ├── InputError            the article or a source cannot be used as given
    │   ├── EmptyInputError   nothing to trace (empty or whitespace-only text)
    │   ├── UnsupportedInputError   binary bytes, a directory, an unknown source type
    │   └── DecodingError     bytes that are not text in any encoding we can detect
    ├── FetchError            a URL could not be fetched (recorded on the report, not raised,
    │   │                     when it is one source among several)
    │   ├── BlockedURLError   refused before any request: scheme, private address, robots.txt
    │   ├── ResponseTooLargeError
    │   └── HTTPStatusError
    ├── ConfigError           a TraceConfig value that cannot work
    └── MissingDependencyError   an optional extra is needed and not installed

Messages say what went wrong *and* what to do about it.
"""

from __future__ import annotations

__all__ = [
    "BlockedURLError",
    "ConfigError",
    "DecodingError",
    "EmptyInputError",
    "FetchError",
    "HTTPStatusError",
    "InputError",
    "MissingDependencyError",
    "ResponseTooLargeError",
    "SourcetraceError",
    "UnsupportedInputError",
]


class SourcetraceError(Exception):
    """Base class of every error sourcetrace raises."""


class InputError(SourcetraceError, ValueError):
    """The article or a source cannot be used as given."""


class EmptyInputError(InputError):
    """There is no text to trace."""


class UnsupportedInputError(InputError):
    """The input is of a kind sourcetrace cannot read (binary data, a directory ...)."""


class DecodingError(InputError):
    """The bytes could not be decoded as text."""


class ConfigError(SourcetraceError, ValueError):
    """A configuration value that cannot work."""


class FetchError(SourcetraceError):
    """A URL could not be fetched.

    Attributes:
        url: the URL that was asked for.
        attempts: how many requests were made before giving up.
    """

    def __init__(self, message: str, *, url: str, attempts: int = 0) -> None:
        super().__init__(message)
        self.url = url
        self.attempts = attempts


class BlockedURLError(FetchError):
    """The URL was refused before any request was made."""


class ResponseTooLargeError(FetchError):
    """The response body was larger than ``TraceConfig.max_response_bytes``."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, *, url: str, status_code: int, attempts: int = 0) -> None:
        super().__init__(message, url=url, attempts=attempts)
        self.status_code = status_code


class MissingDependencyError(SourcetraceError, ImportError):
    """A feature needs an optional extra that is not installed; the message names it."""
