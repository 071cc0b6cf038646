#!/usr/bin/env python3
"""Compares two findings files (JSON Lines, as `check --format jsonl` writes), rule by
rule: each rule's findings must be the same, as a multiset of whole findings.

    python3 compare.py EXPECTED ACTUAL

Prints one line per rule that differs, then `N passed, N failed` (rules); exits 1 when a
rule differs or when EXPECTED has no finding at all.
"""

import collections
import json
import sys


def by_rule(path):
    found = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                finding = json.loads(line)
                found[finding["code"]][json.dumps(finding, sort_keys=True)] += 1
    return found


def main():
    expected, actual = by_rule(sys.argv[1]), by_rule(sys.argv[2])
    passed = failed = 0
    for code in sorted(set(expected) | set(actual)):
        if expected[code] == actual[code]:
            passed += 1
            continue
        failed += 1
        missing = sum((expected[code] - actual[code]).values())
        extra = sum((actual[code] - expected[code]).values())
        print(f"{code}: {sum(expected[code].values())} expected, "
              f"{missing} missing, {extra} unexpected")
        for finding in list((expected[code] - actual[code]).elements())[:2]:
            print(f"  missing: {finding[:300]}")
        for finding in list((actual[code] - expected[code]).elements())[:2]:
            print(f"  unexpected: {finding[:300]}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
