#!/usr/bin/env python3
"""Generate a corpus of scraped-news-like .txt files, with known defects, for benchmarks.

    python3 bench/make_corpus.py OUT --mb 200 [--seed 1] [--force]

Writes OUT/<site>/<id>-<slug>.txt (plus the sidecars and manifests some sites keep),
OUT.truth.jsonl (one record per file: what was injected where) and OUT.summary.json
(totals) beside OUT. The prose comes from the Debian packages `anarchism`,
`debian-handbook` and `python3-doc` (`apt-get install anarchism debian-handbook
python3-doc`). The same seed, size and package versions give the same bytes. Standard library only; see bench/README.md.
"""

import argparse
import json
import os
import random
import shutil
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpusgen import pool  # noqa: E402
from corpusgen.generator import RATES, Generator  # noqa: E402

# Truth fields summed into the summary: counts, then documents where a flag is set.
COUNTS = ["organic", "dup_within", "dup_cross", "dup_syndicated", "near_dup", "reused"]
FLAGS = ["chrome_top", "typographic", "nbsp", "zero_width", "control", "html_entity", "replacement",
         "glued", "mojibake_para", "mojibake_doc", "nfd", "invalid_utf8", "crlf", "mixed_eol", "bom",
         "no_final_newline", "extra_blank", "unseparated", "trailing_ws", "empty_field", "conflict",
         "manifest_missing", "manifest_stale"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output folder")
    ap.add_argument("--mb", type=float, required=True, help="size: MB (10^6 bytes) of .txt files")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace OUT if it exists")
    ap.add_argument("--doc-root", default=pool.DOC_ROOT, help="where the packages' docs are (default %(default)s)")
    args = ap.parse_args(argv)

    out = args.out.rstrip("/")
    if os.path.exists(out):
        if not args.force:
            sys.exit(f"{out} exists (use --force to replace it)")
        shutil.rmtree(out)
    started = time.monotonic()
    pools, pool_digest = pool.load(args.doc_root)
    for lang, p in pools.items():
        print(f"text pool {lang}: {len(p.sentences)} sentences, {len(p.headings)} headings", file=sys.stderr)

    gen = Generator(pools, random.Random(args.seed))
    for site in gen.sites:
        os.makedirs(os.path.join(out, site.slug), exist_ok=True)
    limit = int(args.mb * 1e6)
    totals, by_lang, by_site = Counter(), Counter(), Counter()
    doc_id = 0
    with open(out + ".truth.jsonl", "w", encoding="utf-8") as truth:
        while totals["bytes"] < limit:
            rec, files = gen.document(doc_id)
            for rel, data in files:
                with open(os.path.join(out, rel), "wb") as f:
                    f.write(data)
            truth.write(json.dumps(rec, ensure_ascii=False) + "\n")
            doc_id += 1
            totals["docs"] += 1
            totals["bytes"] += rec["bytes"]
            totals["paragraphs"] += rec["paragraphs"]
            totals["extra_files"] += len(files) - 1
            for k in COUNTS:
                totals[k] += rec[k]
            for k in FLAGS:
                totals[k] += bool(rec[k])
            for k in ("author", "date", "source"):
                totals["no_" + k] += not rec[k]
            totals["chrome_blocks"] += len(rec["chrome"])
            by_lang[rec["lang"]] += 1
            by_site[rec["site"]] += 1
            if doc_id % 5000 == 0:
                print(f"  {doc_id} documents, {totals['bytes'] / 1e6:.0f} MB", file=sys.stderr)
    for slug, entries in sorted(gen.manifests.items()):
        with open(os.path.join(out, slug, "metadata.jsonl"), "w", encoding="utf-8") as f:
            for e in entries:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    summary = {
        "generator": "bench/make_corpus.py", "seed": args.seed, "mb": args.mb,
        "pool_sha256": pool_digest, "pool_sentences": {k: len(p.sentences) for k, p in pools.items()},
        "rates": RATES, "totals": dict(totals), "documents_by_language": dict(by_lang),
        "documents_by_site": dict(sorted(by_site.items())),
        "seconds": round(time.monotonic() - started, 1),
    }
    with open(out + ".summary.json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{totals['docs']} documents, {totals['bytes'] / 1e6:.1f} MB in {summary['seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
