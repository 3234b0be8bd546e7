"""Telling text from binary, HTML from plain text, and bytes into text."""

from __future__ import annotations

import codecs
import logging
import re

from .._errors import DecodingError, UnsupportedInputError

__all__ = [
    "TEXTUAL_MEDIA_TYPES",
    "decode_bytes",
    "is_textual_media_type",
    "looks_binary",
    "looks_like_html",
    "parse_content_type",
    "sniff_media_type",
]

logger = logging.getLogger(__name__)

TEXTUAL_MEDIA_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "text/xml",
        "application/xml",
        "application/json",
        "application/ld+json",
        "application/rss+xml",
        "application/atom+xml",
        "application/pdf",
    }
)

# C0 control characters other than tab, newline, form feed, carriage return and escape.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|html|body|article|span|a|h[1-6]|li|td)>", re.IGNORECASE)

# Magic numbers of common binary formats served by mistake (or malice) as text.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"MZ",
    b"RIFF",
    b"OggS",
    b"\x00\x00\x00",
    b"ID3",
    b"fLaC",
    b"%!PS",
)


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """The media type (lower case) and charset of a ``Content-Type`` header value.

    Examples:
        >>> parse_content_type('text/html; charset="ISO-8859-1"')
        ('text/html', 'iso-8859-1')
    """
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def is_textual_media_type(media_type: str | None) -> bool:
    """Whether sourcetrace reads documents of ``media_type`` (``None``: unknown, sniff)."""
    if media_type is None:
        return True
    if media_type in TEXTUAL_MEDIA_TYPES or media_type.startswith("text/"):
        return True
    return media_type.endswith("+xml") or media_type.endswith("+json")


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is binary rather than text (NUL bytes, magic numbers).

    UTF-16/32 text with a byte order mark is text although it holds NUL bytes.
    """
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if head.startswith(b"%PDF-"):
        return True
    if any(head.startswith(magic) for magic in _BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.1


def sniff_media_type(data: bytes, declared: str | None = None) -> str:
    """The media type of ``data``: PDF by magic number, else ``declared``, else HTML or text."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "application/pdf"
    if declared and declared not in ("application/octet-stream", "binary/octet-stream"):
        return declared
    head = data[:4096].decode("ascii", "ignore")
    return "text/html" if looks_like_html(head) else "text/plain"


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML markup rather than plain text.

    Examples:
        >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
        True
        >>> looks_like_html("He said 3 < 4 and left.")
        False
    """
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(text[:20000])) >= 2


def _declared_charset(data: bytes, declared: str | None) -> str | None:
    if declared:
        return declared
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        logger.debug("unknown charset %r ignored", name)
        return None


def decode_bytes(data: bytes, declared: str | None = None, *, source: str = "input") -> str:
    """Decode ``data`` to text, trusting a byte order mark, then UTF-8, then the charset.

    Servers and CMSs often declare Latin-1 for what is really UTF-8, so bytes that are
    valid UTF-8 are read as UTF-8 whatever the declaration says (Latin-1 would accept
    them too, as mojibake); otherwise the declared charset (HTTP header, ``<meta>``,
    XML declaration), then ``charset-normalizer``'s guess, then Windows-1252.

    Args:
        data: the bytes.
        declared: the charset declared out of band (HTTP ``Content-Type``), if any.
        source: how to name the input in error messages.

    Raises:
        UnsupportedInputError: the bytes are binary (an image, an archive, a PDF ...).
        DecodingError: no encoding reads them.

    Examples:
        >>> decode_bytes("café".encode("utf-8"), "iso-8859-1")
        'café'
        >>> decode_bytes("café".encode("cp1252"), "utf-8")
        'café'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"{source} starts with a {encoding} byte order mark but is not valid "
                    f"{encoding} ({exc.reason} at byte {exc.start}); save it again as UTF-8"
                ) from exc
    if looks_binary(data):
        kind = "a PDF" if data[:1024].lstrip().startswith(b"%PDF-") else "binary data"
        hint = (
            "install the PDF extra (pip install 'sourcetrace[pdf]') to read PDFs"
            if kind == "a PDF"
            else "give sourcetrace an HTML page or a text file"
        )
        raise UnsupportedInputError(f"{source} is {kind}, not text; {hint}")
    candidates: list[str] = ["utf-8"]
    declared_codec = _codec(_declared_charset(data, declared))
    if declared_codec and declared_codec not in candidates:
        candidates.append(declared_codec)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"{source} could not be decoded as text in any encoding tried "
            f"({', '.join(candidates)}, cp1252); save it as UTF-8 and try again"
        ) from exc


# charset-normalizer cannot tell the Latin single-byte code pages apart on news text
# (it likes cp1250 for French); Windows-1252 is by far the most common of them on the web.
_LATIN_FAMILY = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "ascii",
    }
)


def _guess(data: bytes) -> str | None:
    """A non-Latin encoding guessed by charset-normalizer (Cyrillic, Greek, CJK ...)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - optional speed-up
        return None
    if len(data) < 64:
        return None  # too little to guess from; Windows-1252 is the better bet
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None or best.encoding in _LATIN_FAMILY:
        return None
    if best.encoding.startswith(("utf_16", "utf_32")):
        return None  # without a BOM and with no NUL bytes this is never right
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
