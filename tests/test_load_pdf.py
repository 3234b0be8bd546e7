"""PDF sources (the pdf extra): page-aware text, transcripts in PDFs, damaged files."""

from __future__ import annotations

import pytest

from sourcetrace import _errors as errors
from sourcetrace.fetch import PAGE_SEPARATOR, document_from_pdf, load, page_at

pytest.importorskip("pypdf", reason="the pdf extra (pypdf) is not installed")


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal PDF with one Helvetica text line per entry, built by hand."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for index, lines in enumerate(pages):
        content_id = page_ids[index] + 1
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
            ).encode()
        )
        ops = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 720 Td {ops} ET".encode("latin-1")
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    info_id = None
    if title is not None:
        objects.append(f"<< /Title ({_escape(title)}) >>".encode())
        info_id = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    info = f" /Info {info_id} 0 R" if info_id else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


BRIEFING_PAGES = [
    [
        "MR MERCER: Good afternoon. The corridor near Dravik stays open.",
        "QUESTION: Will it stay open through the winter?",
    ],
    [
        "MR MERCER: We are not going to put a date on it.",
        "QUESTION: Thank you.",
    ],
]


def test_pdf_text_is_page_aware() -> None:
    doc = document_from_pdf(make_pdf(BRIEFING_PAGES, title="Department Press Briefing"))
    assert doc.media_type == "application/pdf"
    assert doc.title == "Department Press Briefing"
    assert doc.text.count(PAGE_SEPARATOR) == 1
    first, second = doc.text.split("\f")
    assert "The corridor near Dravik stays open." in first
    assert "We are not going to put a date on it." in second
    assert page_at(doc, doc.text.index("Dravik")) == 1
    assert page_at(doc, doc.text.index("put a date")) == 2


def test_pdf_transcript_turns_cross_pages() -> None:
    doc = document_from_pdf(make_pdf(BRIEFING_PAGES))
    assert doc.kind == "transcript"
    assert [t.speaker for t in doc.turns] == ["MR MERCER", "QUESTION"] * 2
    for turn in doc.turns:
        assert turn.span.points_into(doc.text)


def test_pdf_bytes_through_load() -> None:
    doc = load(make_pdf(BRIEFING_PAGES))
    assert doc.media_type == "application/pdf"
    assert "Dravik" in doc.text


def test_pdf_file_through_load(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "briefing.pdf"
    path.write_bytes(make_pdf(BRIEFING_PAGES))
    assert page_at(load(path), 0) == 1


def test_pdf_without_text_layer_is_empty() -> None:
    with pytest.raises(errors.EmptyInputError, match="OCR"):
        document_from_pdf(make_pdf([[], []]))


def test_pdf_damaged_is_a_decoding_error() -> None:
    with pytest.raises(errors.DecodingError, match="damaged"):
        document_from_pdf(b"%PDF-1.4\n" + b"garbage " * 20)


def test_page_at_is_none_for_other_documents() -> None:
    assert page_at(load("Plain text."), 0) is None
