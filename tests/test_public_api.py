"""The public surface is what we say it is, and its names never silently disappear."""

from __future__ import annotations

import inspect

import sourcetrace

# Names users' code depends on. Removing or renaming one is a breaking change: it needs a
# CHANGELOG entry and a deliberate edit of this list.
CONTRACT = {
    "trace", "atrace", "TraceConfig", "TraceReport", "extract_claims", "locate", "Corpus",
    "Document", "Span", "Agent", "Claim", "Cue", "Evidence", "ProvenanceGraph",
    "SourcetraceError", "load", "aload", "Extractor", "RuleBasedExtractor",
}


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(sourcetrace) if not name.startswith("_")}
    # Subpackages are importable but are not part of the curated namespace.
    modules = {name for name in public if inspect.ismodule(getattr(sourcetrace, name))}
    assert public - modules == set(sourcetrace.__all__) - {"__version__"}


def test_contract_names_are_exported() -> None:
    assert set(sourcetrace.__all__) >= CONTRACT


def test_public_objects_present_themselves_as_sourcetrace() -> None:
    for name in sourcetrace.__all__:
        obj = getattr(sourcetrace, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__module__ == "sourcetrace", name


def test_every_exception_is_a_sourcetrace_error() -> None:
    for name in sourcetrace.__all__:
        obj = getattr(sourcetrace, name)
        if inspect.isclass(obj) and issubclass(obj, Exception):
            assert issubclass(obj, sourcetrace.SourcetraceError), name
