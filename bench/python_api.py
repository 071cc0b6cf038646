#!/usr/bin/env python3
"""The Python module against the command on the same texts: records/s and MB/s.

    python bench/python_api.py CORPUS --bin target/release/corpuslint [--runs 1]

CORPUS is a folder of .txt files (bench/make_corpus.py makes one). Run with the Python of
a virtual environment where the corpuslint wheel is installed. Measures, all rules:

- `check CORPUS` (the files, with their sidecars and manifests) and `check SHARD` (the
  same texts as records of one JSON Lines shard, written beside CORPUS), each with
  `--format json` to /dev/null;
- `corpuslint.check_texts` over all texts (one corpus, findings as dicts);
- `corpuslint.check_batch` over batches of 1,000 (each text alone, columns);
- `corpuslint.Corpus`: add in batches of 10,000, then check;
- per partition of 10,000 records, what a Spark `mapInPandas` would do: check_batch,
  or pipe the partition as JSON Lines to `corpuslint check --input-format jsonl -`.

Texts are read into memory before the module's timings start (reading is timed apart).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import corpuslint


def timed(label: str, runs: int, fn):
    best = None
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return label, best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--bin", required=True, help="the corpuslint binary")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    start = time.perf_counter()
    paths = sorted(args.corpus.rglob("*.txt"))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in paths]
    ids = [str(p.relative_to(args.corpus.parent)) for p in paths]
    read = time.perf_counter() - start
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{n} texts, {mb:.1f} MB; read into Python in {read:.1f} s", file=sys.stderr)

    shard = args.corpus.with_name(args.corpus.name + ".jsonl")
    with shard.open("w", encoding="utf-8") as out:
        for id_, text in zip(ids, texts):
            out.write(json.dumps({"id": id_, "text": text}, ensure_ascii=False) + "\n")

    def command(*target: str):
        def run():
            done = subprocess.run(
                [args.bin, "check", "--isolated", "--format", "json", *target],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            assert done.returncode in (0, 1), done.returncode
        return run

    def batches(size: int):
        for at in range(0, n, size):
            yield texts[at : at + size], ids[at : at + size]

    def check_batch():
        found = 0
        for chunk, chunk_ids in batches(1000):
            columns = corpuslint.check_batch({"text": chunk, "id": chunk_ids}, id_column="id")
            found += len(columns["corpuslint_clean"])
        return found

    def corpus():
        c = corpuslint.Corpus()
        for chunk, chunk_ids in batches(10_000):
            c.add(chunk, ids=chunk_ids)
        return len(c.check())

    def pipe_partitions():
        found = 0
        for chunk, chunk_ids in batches(10_000):
            data = "".join(
                json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                for i, t in zip(chunk_ids, chunk)
            ).encode("utf-8")
            done = subprocess.run(
                [args.bin, "check", "--isolated", "--input-format", "jsonl", "--format", "json", "-"],
                input=data,
                capture_output=True,
            )
            found += len(json.loads(done.stdout)["diagnostics"])
        return found

    def api_partitions():
        found = 0
        for chunk, chunk_ids in batches(10_000):
            found += len(corpuslint.check_texts(chunk, ids=chunk_ids))
        return found

    # Rule data and patterns are compiled once per set of settings; the command does it
    # on each run, the module on its first call.
    start = time.perf_counter()
    corpuslint.check_texts([])
    print(f"settings resolved in {time.perf_counter() - start:.2f} s", file=sys.stderr)

    rows = [
        timed("command: check FOLDER (files, sidecars, manifests)", args.runs, command(str(args.corpus))),
        timed("command: check SHARD (the texts as records)", args.runs, command(str(shard))),
        timed("module: check_texts (one corpus, dicts)", args.runs, lambda: len(corpuslint.check_texts(texts, ids=ids))),
        timed("module: check_batch, batches of 1,000 (each text alone)", args.runs, check_batch),
        timed("module: Corpus, add 10,000 at a time, check", args.runs, corpus),
        timed("partitions of 10,000: module check_texts", args.runs, api_partitions),
        timed("partitions of 10,000: JSON Lines piped to the command", args.runs, pipe_partitions),
    ]
    os.remove(shard)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this Python process: {peak:,.0f} MB", file=sys.stderr)
    print("| run | wall (s) | records/s | MB/s | findings |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, wall, result in rows:
        shown = result if isinstance(result, int) else ""
        print(f"| {label} | {wall:.1f} | {n / wall:,.0f} | {mb / wall:.1f} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
