#!/usr/bin/env python3
"""Writes a folder of text files as JSON Lines shards, one record per file.

    python3 make_shards.py FOLDER OUT --shards 8 [--ext txt,md]

Files are taken in path order and cut into SHARDS runs of about equal size, so that the
files of one site stay together in a shard (corpuslint counts a shard's records as one
folder). A record is {"id": PATH-IN-FOLDER, "text": TEXT}. Files that are not UTF-8 are
skipped and named on standard error.
"""

import argparse
import json
import os
import sys


def files_of(folder, extensions):
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.rsplit(".", 1)[-1] in extensions:
                found.append(os.path.join(root, name))
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("out")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--ext", default="txt,md")
    args = parser.parse_args()
    files = files_of(args.folder, set(args.ext.split(",")))
    sizes = [os.path.getsize(f) for f in files]
    total = sum(sizes) or 1
    os.makedirs(args.out, exist_ok=True)
    shard, written, out = 0, 0, None
    for path, size in zip(files, sizes):
        if out is None or (written >= total * (shard + 1) / args.shards and shard + 1 < args.shards):
            if out is not None:
                out.close()
                shard += 1
            out = open(os.path.join(args.out, f"part-{shard:05d}.jsonl"), "w", encoding="utf-8")
        written += size
        try:
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
        except UnicodeDecodeError:
            print(f"skipped (not UTF-8): {path}", file=sys.stderr)
            continue
        record = {"id": os.path.relpath(path, args.folder), "text": text}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not None:
        out.close()


if __name__ == "__main__":
    main()
