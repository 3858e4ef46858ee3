#!/usr/bin/env python3
"""Builds the raw seed corpus of every fuzz target from the repository's examples and the
shared conformance cases and JSONata suite. `make fuzz-corpus` then minimises it with
afl-cmin into fuzz/corpus/<target>/, which is what is committed.

Usage: seed.py OUT_DIR [SHARED_DIR]   (SHARED_DIR defaults to /work/shared; missing parts
are skipped, so the examples alone still give a corpus.)

Expression targets take `EXPRESSION\\0JSON` (see fuzz/src/lib.rs); the engine target takes a
definition whose "FuzzInput" field is the execution input.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("asl", "jsonpath", "intrinsics", "jsonata", "engine")
# Seeds over this size only slow the fuzzer down (the targets skip inputs over 64 KiB).
MAX_SEED = 16 * 1024
# An expression's document over this size is left out (the target then uses its default
# document): the JSONata suite's datasets would otherwise make up most of the corpus.
MAX_DOCUMENT = 2 * 1024


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Corpus:
    def __init__(self, out):
        self.out = Path(out)
        self.counts = dict.fromkeys(TARGETS, 0)
        for t in TARGETS:
            (self.out / t).mkdir(parents=True, exist_ok=True)

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not data or len(data) > MAX_SEED:
            return
        name = hashlib.sha1(data).hexdigest()[:16]
        path = self.out / target / name
        if not path.exists():
            path.write_bytes(data)
            self.counts[target] += 1

    def expression(self, target, text, document):
        doc = b"" if document is None else compact(document).encode("utf-8", "surrogatepass")
        if len(doc) > MAX_DOCUMENT:
            doc = b""
        self.add(target, text.encode("utf-8", "surrogatepass") + (b"\0" + doc if doc else b""))


def strings_in(value):
    """Every (key, string) pair in a JSON value, keys included as strings of their own."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, k
            if isinstance(v, str):
                yield k, v
            else:
                yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, str):
                yield None, v
            else:
                yield from strings_in(v)


def expressions(definition, document, corpus):
    """JSONPath, intrinsic and JSONata expressions written in a definition."""
    for _key, s in strings_in(definition):
        s_stripped = s.strip()
        if s_stripped.startswith("{%") and s_stripped.endswith("%}"):
            corpus.expression("jsonata", s_stripped[2:-2].strip(), document)
        elif s.startswith("States."):
            corpus.expression("intrinsics", s, document)
        elif s.startswith("$"):
            corpus.expression("jsonpath", s, document)


def definitions(shared):
    """(definition value, definition text or None, execution input) from every source."""
    for path in sorted((ROOT / "examples").glob("*.asl.*")):
        text = path.read_text(encoding="utf-8")
        stem = path.name.split(".asl.")[0]
        input_file = ROOT / "examples" / "run" / f"{stem}.input.json"
        document = json.loads(input_file.read_text()) if input_file.exists() else {}
        value = json.loads(text) if path.suffix == ".json" else None
        yield value, text, document
    for sub in ("conformance/cases", "conformance/extra"):
        for path in sorted((shared / sub).rglob("*.json")):
            try:
                case = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(case, dict) and isinstance(case.get("definition"), dict):
                yield case["definition"], None, case.get("input", {})
    for path in sorted((shared / "realworld").rglob("*.asl.*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        value = None
        if path.suffix == ".json":
            try:
                value = json.loads(text)
            except ValueError:
                pass
        yield value, text, {}


def jsonata_suite(shared, corpus):
    suite = shared / "jsonata-suite"
    datasets = {}
    for path in sorted((suite / "groups").rglob("*.json")):
        try:
            cases = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        for case in cases if isinstance(cases, list) else [cases]:
            if not isinstance(case, dict) or not isinstance(case.get("expr"), str):
                continue
            if "data" in case:
                document = case["data"]
            elif case.get("dataset"):
                name = case["dataset"]
                if name not in datasets:
                    file = suite / "datasets" / f"{name}.json"
                    datasets[name] = json.loads(file.read_text()) if file.exists() else None
                document = datasets[name]
            else:
                document = None
            corpus.expression("jsonata", case["expr"], document)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    corpus = Corpus(sys.argv[1])
    shared = Path(sys.argv[2] if len(sys.argv) > 2 else "/work/shared")
    for value, text, document in definitions(shared):
        corpus.add("asl", text if text is not None else json.dumps(value, indent=2))
        if isinstance(value, dict):
            corpus.add("engine", compact({**value, "FuzzInput": document}))
            expressions(value, document, corpus)
        elif text is not None:
            corpus.add("engine", text)
    if shared.exists():
        jsonata_suite(shared, corpus)
    for t in TARGETS:
        print(f"{t}: {corpus.counts[t]} seeds in {os.path.join(sys.argv[1], t)}")


if __name__ == "__main__":
    main()
