"""PDF documents (with the ``pdf`` extra: ``pip install 'sourcetrace[pdf]'``)."""

from __future__ import annotations

import importlib
import io
import logging
from typing import Any

from .._errors import DecodingError, EmptyInputError, UnsupportedInputError
from .._models import Document
from ._text import document_from_text

__all__ = ["PAGE_SEPARATOR", "document_from_pdf", "page_at"]

logger = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n\f"
"""Put between the text of two pages: a form feed, so page ``n`` of a document is
``text.split("\\f")[n]`` and a passage's page is the count of form feeds before it."""


def _reader(data: bytes) -> Any:
    try:
        pypdf = importlib.import_module("pypdf")
    except ImportError as exc:
        raise UnsupportedInputError(
            "this source is a PDF; install the PDF extra to read it: pip install 'sourcetrace[pdf]'"
        ) from exc
    try:
        return pypdf.PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise DecodingError(f"the PDF could not be read ({exc}); it may be damaged") from exc


def document_from_pdf(data: bytes, *, url: str | None = None, source: str = "the PDF") -> Document:
    """A Document of a PDF's text, page by page (pages separated by :data:`PAGE_SEPARATOR`).

    Raises:
        UnsupportedInputError: ``pypdf`` is not installed.
        DecodingError: the PDF is damaged or encrypted.
        EmptyInputError: the PDF has no text layer (a scan: run OCR first).
    """
    reader = _reader(data)
    if getattr(reader, "is_encrypted", False):
        raise DecodingError(f"{source} is encrypted; save an unlocked copy and try again")
    pages: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append((page.extract_text() or "").strip())
        except Exception as exc:  # one bad page must not lose the others
            logger.warning("page %d of %s could not be read: %s", number, source, exc)
            pages.append("")
    text = PAGE_SEPARATOR.join(pages)
    if not text.replace("\f", "").strip():
        raise EmptyInputError(
            f"{source} has no text layer (it is probably a scan); run OCR on it first"
        )
    metadata = getattr(reader, "metadata", None)
    title = str(metadata.title) if metadata is not None and metadata.title else None
    doc = document_from_text(text, url=url, title=title, raw=data)
    doc.media_type = "application/pdf"
    return doc


def page_at(document: Document, offset: int) -> int | None:
    """The 1-based PDF page that holds character ``offset`` (``None`` if not a PDF).

    Examples:
        >>> from sourcetrace._models import Document
        >>> doc = Document(id="d", text="Page one." + PAGE_SEPARATOR + "Page two.",
        ...                media_type="application/pdf")
        >>> page_at(doc, 0), page_at(doc, doc.text.index("two"))
        (1, 2)
    """
    if document.media_type != "application/pdf":
        return None
    if not 0 <= offset <= len(document.text):
        raise ValueError(f"offset {offset} is outside a text of {len(document.text)} characters")
    return document.text.count("\f", 0, offset) + 1
