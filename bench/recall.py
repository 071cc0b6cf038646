#!/usr/bin/env python3
"""Recall and unexplained findings of `corpuslint check` on a generated corpus.

    corpuslint check CORPUS --format jsonl > findings.jsonl
    python3 bench/recall.py CORPUS findings.jsonl

CORPUS.truth.jsonl (written by make_corpus.py beside the corpus) says what was injected in
each file. Recall is counted per document: a document with an injected defect counts as
found when corpuslint reports a finding of the matching rule in it, or (duplicates) one
whose related span points into it. A finding is
unexplained when the truth record of its file lists nothing that rule is meant to find.
Standard library only.
"""

import json
import os
import sys
from collections import Counter, defaultdict

# Injected kind -> (test on the truth record, codes that find it).
KINDS = {
    "exact duplicate within a file": (lambda t: t["dup_within"] > 0, {"D001"}),
    "exact duplicate across files": (lambda t: t["dup_cross"] > 0, {"D002", "D004"}),
    "syndicated copy": (lambda t: t["dup_syndicated"] > 0, {"D004"}),
    "near-duplicate": (lambda t: t["near_dup"] > 0, {"D003"}),
    "mojibake": (lambda t: t["mojibake_doc"] or t["mojibake_para"], {"E009"}),
    "NBSP": (lambda t: t["nbsp"], {"E005"}),
    "invalid UTF-8": (lambda t: t["invalid_utf8"], {"E001"}),
    "CRLF": (lambda t: t["crlf"], {"E003"}),
    # CRLF applied after mixing leaves every line CRLF: E003 then, not E004.
    "mixed line endings": (lambda t: t["mixed_eol"] and not t["crlf"], {"E004"}),
    "BOM": (lambda t: t["bom"], {"E002"}),
    "NFD": (lambda t: t["nfd"], {"E010"}),
    "control characters": (lambda t: t["control"], {"E007"}),
    "missing author": (lambda t: not t["author"], {"M001"}),
    "missing date": (lambda t: not t["date"], {"M002"}),
    "missing source": (lambda t: not t["source"], {"M003"}),
    "chrome": (lambda t: t["chrome_top"] or t["chrome_bottom"], {"C001", "C002", "C003", "C004"}),
}

# What each code may legitimately flag beyond its own kind: a syndicated copy repeats
# paragraphs across files, an invalid-UTF-8 (cp1252) file has its typographic characters
# read back as replacement characters, a mojibake paragraph may hold mojibake's C1 bytes.
ALSO_EXPLAINED_BY = {
    "D002": lambda t: t["dup_syndicated"] > 0 or t["syndicated_of"] is not None,
    "D001": lambda t: t["dup_syndicated"] > 0,
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
    codes_in = defaultdict(Counter)
    # A duplicate is reported on whichever copy comes later in path order, which need not
    # be the one the generator made later: a document also takes part in the duplicate
    # findings whose related span points into it.
    taking_part = defaultdict(set)
    findings = []
    with open(findings_path, encoding="utf-8") as f:
        for line in f:
            finding = json.loads(line)
            findings.append(finding)
            rel = os.path.relpath(finding["path"], corpus)
            codes_in[rel][finding["code"]] += 1
            taking_part[rel].add(finding["code"])
            for related in finding.get("related") or []:
                if related.get("path"):
                    taking_part[os.path.relpath(related["path"], corpus)].add(finding["code"])

    print(f"| injected | documents | found | recall |")
    print(f"|---|---:|---:|---:|")
    for kind, (injected, codes) in KINDS.items():
        docs = [p for p, t in truth.items() if injected(t)]
        found = sum(1 for p in docs if codes & taking_part[p])
        recall = found / len(docs) if docs else float("nan")
        print(f"| {kind} | {len(docs)} | {found} | {recall:.3f} |")

    def explains(path, code):
        t = truth.get(path)
        if t is None:
            return False
        return any(
            code in codes and injected(t) for injected, codes in KINDS.values()
        ) or ALSO_EXPLAINED_BY.get(code, lambda _: False)(t)

    total = len(findings)
    unexplained = Counter()
    for finding in findings:
        paths = [finding["path"]]
        if finding["code"].startswith("D"):
            paths += [r["path"] for r in finding.get("related") or [] if r.get("path")]
        if not any(explains(os.path.relpath(p, corpus), finding["code"]) for p in paths):
            unexplained[finding["code"]] += 1
    share = sum(unexplained.values()) / total if total else 0.0
    print()
    print(f"findings: {total}; unexplained by the truth file: "
          f"{sum(unexplained.values())} ({share:.2%})")
    for code, n in unexplained.most_common():
        print(f"  {code}: {n}")


if __name__ == "__main__":
    main()
