#!/usr/bin/env python3
"""Seeded draw of 40 Clinton-email documents rich in assistance-request wording
(third facts label set, facts-req.jsonl).

Pool: documents under shared/population/clinton whose text (release banners
removed) matches at least one STRONG request pattern below.
Excluded: every doc number already labelled in shared/gold/facts-dev.jsonl or
bench/facts/facts-pop.jsonl.
Skipped (the next candidate is drawn): image-only / empty files, i.e. fewer than
5 words of 3+ letters once the release banners are removed (same rule as
facts-pop-sample.py).

Draw: stratified by pattern (round-robin over the patterns, see main()), because
"we need" alone would otherwise supply ~80% of the draw.

Usage: python3 facts-req-sample.py           -> prints "path<TAB>stratum<TAB>patterns matched"
       python3 facts-req-sample.py --stats   -> pool size per pattern as well
(path relative to shared/population), in draw order.
"""
import glob
import os
import random
import re
import sys

from sampling import GOLD, HERE, POP, body, is_empty, labelled, names_of

EXCLUDE_LABELS = [GOLD, os.path.join(HERE, "facts-pop.jsonl")]
N = 40
SEED = 7

# Strong request wording (from the brief). Case-insensitive, whitespace across line breaks.
PATTERNS = {
    "asked_party": r"\basked (?:the )?(?:U\.?S\.?|United States|Washington|USG|us|NATO|the UN|"
                   r"donors|the international community) (?:for|to)\b",
    "appeal_for": r"\bappeal(?:ed|s)? (?:to \w+ )?for\b",
    "request_aid": r"\brequest(?:ed|s)? (?:for )?(?:U\.?S\.? )?(?:assistance|aid|help|support|"
                   r"equipment|training|funding|troops|security)\b",
    "sought_help": r"\b(?:sought|seeks|seeking) .{0,40}?(?:help|aid|assistance|support|funding)\b",
    "key_ask": r"\bkey ask\b",
    "we_need": r"\bwe need\b",
    "urgently_needed": r"\burgently needed\b",
}
REGEX = {k: re.compile(v.replace(" ", r"\s+"), re.I | re.S) for k, v in PATTERNS.items()}


def main():
    excluded = set()
    for d in labelled(EXCLUDE_LABELS):
        excluded |= names_of(d)

    files = sorted(
        os.path.relpath(p, POP) for p in glob.glob(os.path.join(POP, "clinton", "*", "*.txt"))
    )
    files = [f for f in files if os.path.basename(f)[:-4] not in excluded]

    pool = []
    hits = {}
    per_pattern = {k: 0 for k in PATTERNS}
    for f in files:
        with open(os.path.join(POP, f), errors="replace") as fh:
            t = fh.read()
        b = body(t)
        m = [k for k, rx in REGEX.items() if rx.search(b)]
        if m:
            pool.append(f)
            hits[f] = (m, is_empty(t))
            for k in m:
                per_pattern[k] += 1

    # Stratified draw: "we need" alone matches ~80% of the pool (mostly office talk),
    # so the draw cycles through the patterns in a fixed order, taking each time the
    # next not-yet-chosen, non-empty document (in seeded shuffle order) that matches
    # that pattern. Each pattern with matches gets about N / 6 documents.
    random.seed(SEED)
    order = list(pool)
    random.shuffle(order)
    by_pattern = {k: [f for f in order if k in hits[f][0] and not hits[f][1]] for k in PATTERNS}
    chosen = []
    taken = set()
    while len(chosen) < N and any(f not in taken for v in by_pattern.values() for f in v):
        for k in PATTERNS:
            if len(chosen) == N:
                break
            nxt = next((f for f in by_pattern[k] if f not in taken), None)
            if nxt is None:
                continue
            taken.add(nxt)
            chosen.append((k, nxt))

    print("# population %d (after exclusions), request pool %d, seed %d" % (len(files), len(pool), SEED))
    if "--stats" in sys.argv:
        for k, n in per_pattern.items():
            print("# pattern %-16s %d" % (k, n))
    for k, f in chosen:
        print("%s\t%s\t%s" % (f, k, ",".join(hits[f][0])))


if __name__ == "__main__":
    main()
