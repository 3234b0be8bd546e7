"""Dump every claim and agent the rule-based extractor finds, to check that a change to
how it computes leaves what it finds byte for byte the same.

    PYTHONPATH=src python benchmarks/check_extract_identity.py --out before.jsonl \\
        --text path/to/seed/article.txt --dir path/to/news/texts
    # ... change the code ...
    PYTHONPATH=src python benchmarks/check_extract_identity.py --out after.jsonl \\
        --text path/to/seed/article.txt --dir path/to/news/texts --against before.jsonl

The texts read are: the generated collection of ``bench_extract.py`` (fixed seed; each
article on its own and the whole collection as one article), ``examples/article.txt``,
every ``--text`` file and every ``*.txt`` of every ``--dir``, each with ``beliefs`` and
``acts`` off, each one alone on, and both on. One JSON line per text and setting holds
its claims and agents as ``model_dump(mode="json")`` gives them. Nothing is written but
``--out``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from sourcetrace._models import Document
from sourcetrace.extract import RuleBasedExtractor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import make_collection

REPO = Path(__file__).resolve().parents[1]
SETTINGS = [(False, False), (True, False), (False, True), (True, True)]


def texts(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """(name, text) of every text to dump, in a fixed order."""
    collection = make_collection(args.mb)
    for index, text in enumerate(collection):
        yield f"generated/{index}", text
    yield "generated/one", "\n".join(collection)
    yield "examples/article.txt", (REPO / "examples" / "article.txt").read_text("utf-8")
    for path in args.text:
        yield f"text/{Path(path).name}", Path(path).read_text("utf-8")
    for folder in args.dir:
        for path in sorted(Path(folder).glob("*.txt")):
            yield f"dir/{path.name}", path.read_text("utf-8")


def dump(args: argparse.Namespace) -> list[str]:
    extractors = {
        setting: RuleBasedExtractor(beliefs=setting[0], acts=setting[1]) for setting in SETTINGS
    }
    lines: list[str] = []
    for name, text in texts(args):
        document = Document(id=name, text=text, kind="article")
        for (beliefs, acts), extractor in extractors.items():
            found = extractor.extract(document)
            record = {
                "text": name,
                "beliefs": beliefs,
                "acts": acts,
                "claims": [claim.model_dump(mode="json") for claim in found.claims],
                "agents": [agent.model_dump(mode="json") for agent in found.agents],
            }
            lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="where to write the dump (JSON lines)")
    parser.add_argument("--against", help="an earlier dump to compare with")
    parser.add_argument("--text", action="append", default=[], help="a text file to add")
    parser.add_argument("--dir", action="append", default=[], help="a folder of *.txt to add")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the generated collection")
    args = parser.parse_args()
    lines = dump(args)
    body = "\n".join(lines) + "\n"
    Path(args.out).write_text(body, "utf-8")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    print(f"{len(lines)} records, sha256 {digest}, written to {args.out}")
    if not args.against:
        return 0
    before = Path(args.against).read_text("utf-8").splitlines()
    if before == lines:
        print(f"identical to {args.against}")
        return 0
    differing = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
    print(
        f"DIFFERENT from {args.against}: {len(before)} vs {len(lines)} records, "
        f"{len(differing)} differ"
    )
    for index in differing[:10]:
        record = json.loads(lines[index])
        print(f"  {record['text']} beliefs={record['beliefs']} acts={record['acts']}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
