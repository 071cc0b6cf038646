#!/usr/bin/env python3
"""Recall and unexplained findings of `corpuslint check` on a generated corpus.

    corpuslint check CORPUS --format jsonl > findings.jsonl
    python3 bench/recall.py CORPUS findings.jsonl

CORPUS.truth.jsonl (written by the generator beside the corpus) says what was injected in
each file. Recall is counted per document: a document with an injected defect counts as
found when corpuslint reports a finding of the matching rule in it, or (duplicates) one
whose related span points into it. Where the truth file gives the lines of the site
template it injected (bench/make_corpus.py does), chrome is also counted per block and per
line, and chrome findings on the article's lines are counted. A finding is unexplained
when the truth record of its file lists nothing that rule is meant to find.

Reads the truth files of bench/make_corpus.py and of the older outside generator: a kind
its truth file does not record is left out. Standard library only.
"""

import json
import os
import sys
from collections import Counter, defaultdict

CHROME_CODES = {"C001", "C002", "C003", "C004", "C005", "C006"}


def flag(key):
    return lambda t: bool(t.get(key))


def count(key):
    return lambda t: (t.get(key) or 0) > 0


def missing(key):
    return lambda t: not t[key]


# Injected kind -> (truth field it needs, test on the truth record, codes that find it).
KINDS = [
    ("exact duplicate within a file", "dup_within", count("dup_within"), {"D001"}),
    ("exact duplicate across files", "dup_cross", count("dup_cross"), {"D002", "D004"}),
    ("syndicated copy", "dup_syndicated", count("dup_syndicated"), {"D004"}),
    ("near-duplicate", "near_dup", count("near_dup"), {"D003"}),
    ("reused passage (re-split, cut)", "reused", count("reused"), {"D005"}),
    ("invalid UTF-8", "invalid_utf8", flag("invalid_utf8"), {"E001"}),
    ("BOM", "bom", flag("bom"), {"E002"}),
    ("CRLF", "crlf", flag("crlf"), {"E003"}),
    # CRLF applied after mixing leaves every line CRLF: E003 then, not E004.
    ("mixed line endings", "mixed_eol", lambda t: t["mixed_eol"] and not t["crlf"], {"E004"}),
    ("NBSP", "nbsp", flag("nbsp"), {"E005"}),
    ("zero-width characters", "zero_width", flag("zero_width"), {"E006"}),
    ("control characters", "control", flag("control"), {"E007"}),
    ("U+FFFD", "replacement", flag("replacement"), {"E008"}),
    ("mojibake", "mojibake_doc", lambda t: t["mojibake_doc"] or t["mojibake_para"], {"E009"}),
    ("NFD", "nfd", flag("nfd"), {"E010"}),
    ("HTML entities", "html_entity", flag("html_entity"), {"E011"}),
    ("glued words", "glued", flag("glued"), {"E012"}),
    ("trailing whitespace", "trailing_ws", flag("trailing_ws"), {"E013"}),
    ("no final newline", "no_final_newline", flag("no_final_newline"), {"E014"}),
    ("extra blank lines", "extra_blank", flag("extra_blank"), {"L001"}),
    ("paragraphs one per line", "unseparated", flag("unseparated"), {"L002"}),
    ("missing author", "author", missing("author"), {"M001"}),
    ("missing date", "date", missing("date"), {"M002"}),
    ("missing source", "source", missing("source"), {"M003"}),
    ("empty byline label", "empty_field", flag("empty_field"), {"M005"}),
    ("conflicting dates", "conflict", flag("conflict"), {"M007"}),
    ("stale manifest sha256", "manifest_stale", flag("manifest_stale"), {"M008"}),
    ("missing from manifest", "manifest_missing", flag("manifest_missing"), {"M009"}),
    ("chrome", "chrome_top", lambda t: t["chrome_top"] or t["chrome_bottom"], CHROME_CODES),
]

# What a code may legitimately flag beyond its own kind: a copy repeats paragraphs across
# files, a re-split passage may keep one paragraph whole or nearly so, a cp1252 file has
# its typographic characters read back as replacement characters, latin-1 mojibake leaves
# C1 controls.
ALSO_EXPLAINED_BY = {
    "D002": lambda t: (t.get("dup_syndicated") or 0) > 0 or t.get("syndicated_of") is not None
    or (t.get("reused") or 0) > 0,
    "D001": lambda t: (t.get("dup_syndicated") or 0) > 0,
    "D003": lambda t: (t.get("reused") or 0) > 0,
    "E008": lambda t: t["invalid_utf8"],
    "E007": lambda t: t["mojibake_doc"] or t["mojibake_para"],
    "E004": lambda t: t["crlf"],
}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpus, findings_path = sys.argv[1].rstrip("/"), sys.argv[2]
    truth = {}
    with open(corpus + ".truth.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            truth[rec["path"]] = rec
    recorded = set().union(*(t.keys() for t in truth.values())) if truth else set()
    # A duplicate is reported on whichever copy comes later in path order, which need not
    # be the one the generator made later: a document also takes part in the duplicate
    # findings whose related span points into it.
    taking_part = defaultdict(set)
    chrome_spans = defaultdict(list)  # path -> [(first line, last line)] of C findings
    findings = []
    with open(findings_path, encoding="utf-8") as f:
        for line in f:
            finding = json.loads(line)
            findings.append(finding)
            rel = os.path.relpath(finding["path"], corpus)
            taking_part[rel].add(finding["code"])
            for related in finding.get("related") or []:
                if related.get("path"):
                    taking_part[os.path.relpath(related["path"], corpus)].add(finding["code"])
            if finding["code"] in CHROME_CODES:
                chrome_spans[rel].append((finding["line"], finding.get("end_line") or finding["line"]))

    print("| injected | documents | found | recall |")
    print("|---|---:|---:|---:|")
    kinds = [(k, test, codes) for k, field, test, codes in KINDS if field in recorded]
    for kind, injected, codes in kinds:
        docs = [p for p, t in truth.items() if injected(t)]
        found = sum(1 for p in docs if codes & taking_part[p])
        recall = found / len(docs) if docs else float("nan")
        print(f"| {kind} | {len(docs)} | {found} | {recall:.3f} |")

    if "chrome" in recorded:
        chrome_table(truth, chrome_spans)

    def explains(path, code):
        t = truth.get(path)
        if t is None:
            return False
        return any(code in codes and injected(t) for _, injected, codes in kinds) or \
            ALSO_EXPLAINED_BY.get(code, lambda _: False)(t)

    template = {p: {n for _, a, b in t.get("chrome") or [] for n in range(a, b + 1)} for p, t in truth.items()}
    total = len(findings)
    unexplained, on_template = Counter(), Counter()
    for finding in findings:
        paths = [finding["path"]]
        if finding["code"].startswith("D"):
            paths += [r["path"] for r in finding.get("related") or [] if r.get("path")]
        if not any(explains(os.path.relpath(p, corpus), finding["code"]) for p in paths):
            lines = range(finding["line"], (finding.get("end_line") or finding["line"]) + 1)
            if template.get(os.path.relpath(finding["path"], corpus), set()).issuperset(lines):
                on_template[finding["code"]] += 1
            else:
                unexplained[finding["code"]] += 1
    n = sum(unexplained.values())
    print()
    print(f"findings: {total}; unexplained by the truth file: {n} ({n / max(1, total):.2%})")
    for code, k in unexplained.most_common():
        print(f"  {code}: {k}")
    if on_template:
        n = sum(on_template.values())
        print(f"unexplained findings on the site template's lines: {n} ({n / max(1, total):.2%})")
        for code, k in on_template.most_common():
            print(f"  {code}: {k}")


def chrome_table(truth, chrome_spans):
    """Per kind of template block: blocks with a chrome finding on one of their lines, and
    lines covered; then chrome findings that touch no template line (on the article)."""
    blocks, found, lines, covered = Counter(), Counter(), Counter(), Counter()
    on_article = 0
    for path, t in truth.items():
        spans = chrome_spans.get(path, [])
        template = set()
        for kind, first, last in t.get("chrome") or []:
            template.update(range(first, last + 1))
            hit = {n for a, b in spans for n in range(max(a, first), min(b, last) + 1)}
            blocks[kind] += 1
            found[kind] += bool(hit)
            lines[kind] += last - first + 1
            covered[kind] += len(hit)
        on_article += sum(1 for a, b in spans if not template.intersection(range(a, b + 1)))
    print()
    print("| template block | blocks | with a chrome finding | lines | lines covered |")
    print("|---|---:|---:|---:|---:|")
    for kind in sorted(blocks, key=lambda k: -blocks[k]):
        print(f"| {kind} | {blocks[kind]} | {found[kind] / blocks[kind]:.3f} | {lines[kind]} "
              f"| {covered[kind] / lines[kind]:.3f} |")
    b, f, n, c = (sum(x.values()) for x in (blocks, found, lines, covered))
    print(f"| all | {b} | {f / max(1, b):.3f} | {n} | {c / max(1, n):.3f} |")
    print()
    print(f"chrome findings on no template line (article text flagged as chrome): {on_article}")


if __name__ == "__main__":
    main()
