"""load/aload: text, HTML, files, bytes and the errors that tell the user what to do."""

from __future__ import annotations

import asyncio
import codecs
from pathlib import Path

import pytest

from sourcetrace import _errors as errors
from sourcetrace._models import Document
from sourcetrace.fetch import aload, decode_bytes, document_from_text, load

DATA = Path(__file__).parent / "data" / "fetch"


def test_load_plain_text_is_kept_exactly() -> None:
    text = "  The minister said on Friday the talks would resume.\r\n\r\nMore later.  "
    doc = load(text)
    assert doc.text == text
    assert doc.kind == "unknown"
    assert doc.id == Document.make_id(text)


def test_load_html_string_is_cleaned() -> None:
    doc = load("<html><body><nav>Menu</nav><p>Officials met.</p></body></html>")
    assert doc.text == "Officials met."
    assert doc.media_type == "text/html"


def test_load_text_with_angle_brackets_is_not_html() -> None:
    text = "The vote was 3 < 4 and the result <disputed> by some."
    assert load(text).text == text


@pytest.mark.parametrize("name", ["briefing.txt", "article.html"])
def test_load_file_path_str_and_pathlike(name: str) -> None:
    path = DATA / name
    from_path = load(path)
    from_str = load(str(path))
    assert from_path.text == from_str.text
    if name.endswith(".txt"):
        assert from_path.text == path.read_text(encoding="utf-8")
        assert from_path.kind == "transcript"
    else:
        assert from_path.title == "Talks on training mission to resume Friday"


def test_load_missing_file_that_looks_like_a_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    with pytest.raises(errors.InputError, match=r"file not found: .*check the path"):
        load(str(missing))
    with pytest.raises(errors.InputError, match="file not found"):
        load(missing)


def test_load_short_text_ending_like_a_filename_with_spaces_is_text() -> None:
    text = "He read the memo.txt"
    assert load(text).text == text


def test_load_directory_is_unsupported(tmp_path: Path) -> None:
    with pytest.raises(errors.UnsupportedInputError, match="is a directory"):
        load(tmp_path)


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_load_empty_text(text: str) -> None:
    with pytest.raises(errors.EmptyInputError, match="empty"):
        load(text)


def test_load_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(errors.EmptyInputError):
        load(path)


def test_load_document_passes_through() -> None:
    doc = document_from_text("A statement.")
    assert load(doc) is doc


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Déclaration du ministère".encode(), "Déclaration du ministère"),
        ("Déclaration".encode("utf-16"), "Déclaration"),
        ("Café in Zürich".encode("cp1252"), "Café in Zürich"),
        ("“Curly” quotes".encode("cp1252"), "“Curly” quotes"),
        ("Café in Zürich".encode(), "Café in Zürich"),
    ],
)
def test_load_bytes_are_decoded(data: bytes, expected: str) -> None:
    assert load(data).text == expected


def test_load_bytes_declared_charset_in_meta_is_used() -> None:
    html = '<html><head><meta charset="koi8-r"></head><body><p>Привет, мир</p></body></html>'
    doc = load(html.encode("koi8-r"))
    assert doc.text == "Привет, мир"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text\x00with\x00nuls", b"PK\x03\x04zipdata"],
)
def test_load_binary_bytes_are_unsupported(data: bytes) -> None:
    with pytest.raises(errors.UnsupportedInputError, match="binary data, not text"):
        load(data)


def test_load_pdf_without_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if the extra were not installed
    with pytest.raises(errors.UnsupportedInputError, match=r"sourcetrace\[pdf\]"):
        load(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")


def test_decode_bytes_utf8_wins_over_wrong_latin1_declaration() -> None:
    assert decode_bytes("Señora Núñez".encode(), "iso-8859-1") == "Señora Núñez"


def test_decode_bytes_wrong_utf8_declaration_falls_back() -> None:
    assert decode_bytes("Señora Núñez".encode("latin-1"), "utf-8") == "Señora Núñez"


def test_decode_bytes_bad_bom_is_a_decoding_error() -> None:
    with pytest.raises(errors.DecodingError, match="byte order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa bad")


def test_load_other_schemes_are_refused() -> None:
    with pytest.raises(errors.BlockedURLError, match="only http and https"):
        load("ftp://files.example/statement.txt")
    with pytest.raises(errors.BlockedURLError, match="file's path"):
        load("file:///etc/passwd")


def test_load_unknown_type_is_unsupported() -> None:
    with pytest.raises(errors.UnsupportedInputError, match="cannot load a int"):
        load(42)  # type: ignore[arg-type]


def test_load_inside_a_running_loop_points_to_aload() -> None:
    async def main() -> None:
        with pytest.raises(errors.SourcetraceError, match="aload"):
            load("Some text.")
        doc = await aload("Some text.")
        assert doc.text == "Some text."

    asyncio.run(main())


@pytest.mark.parametrize(
    "source", ["www.harborledger.example/world/talks", "harborledger.example/a/b.html"]
)
def test_load_url_without_scheme_says_to_add_it(source: str) -> None:
    with pytest.raises(errors.InputError, match=r"without its scheme.*'https://"):
        load(source)


def test_load_existing_file_wins_over_url_lookalike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "statement.example.txt").write_text("A statement.", encoding="utf-8")
    assert load("statement.example.txt").text == "A statement."


def test_load_missing_relative_file_name_is_not_taken_for_a_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(errors.InputError, match=r"file not found: 'article\.txt'"):
        load("article.txt")


def _shared_dir() -> Path | None:
    """``<repo>/../shared``, else ``$SOURCETRACE_SHARED`` (the seed article lives there)."""
    import os

    candidates = [Path(__file__).resolve().parents[1].parent / "shared"]
    if os.environ.get("SOURCETRACE_SHARED"):
        candidates.append(Path(os.environ["SOURCETRACE_SHARED"]))
    return next((c for c in candidates if c.is_dir()), None)


def test_load_seed_article_is_kept_exactly() -> None:
    shared = _shared_dir()
    if shared is None:
        pytest.skip("the shared folder (seed article) is not beside this checkout")
    path = shared / "seed" / "article.txt"
    text = path.read_text(encoding="utf-8")
    doc = load(path)
    assert doc.text == text
    assert doc.title == text.splitlines()[0].strip()
    # A news article, not a transcript: no speaker turns however many colons it has.
    assert doc.turns == []
    assert doc.kind != "transcript"


def test_text_with_surrounding_space_is_text_even_if_it_names_a_folder() -> None:
    from sourcetrace import load

    # "." names the current folder, but ". " with a space is a (tiny) article.
    assert load(". ").text == ". "


def test_a_capital_letterhead_gives_way_to_the_heading_below_it() -> None:
    from sourcetrace.fetch import document_from_text

    doc = document_from_text(
        "MINISTRY OF PORTS\nBriefing on the Harbour Gates\n\n"
        "MS OKAFOR: Good morning.\nQUESTION: Thank you.\n"
    )
    assert doc.title == "Briefing on the Harbour Gates"
    hearing = document_from_text("HEARING ON WATER\nSubject: Oversight\n\nCHAIR: Welcome.\n")
    assert hearing.title == "HEARING ON WATER"
