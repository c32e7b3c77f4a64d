#!/usr/bin/env python3
"""Seeded draw of 90 Clinton-email documents for the second facts label set.

Groups (disjoint; a document is drawn at most once):
  random   - 30 from the whole population
  violence - 30 among documents whose text matches violence wording near a number
  request  - 30 among documents whose text matches request wording
Excluded: any file whose doc number appears in shared/gold/facts-dev.jsonl.
Skipped (the next candidate is drawn): image-only / empty files, i.e. fewer than
5 words of 3+ letters once the release banners are removed.

Usage: python3 facts-pop-sample.py   -> prints "group<TAB>path" (path relative to
shared/population), in draw order.
"""
import glob
import json
import os
import random
import re

from sampling import GOLD, POP, body, is_empty, violence_near_a_number

N = 30

VIOLENCE = violence_near_a_number(
    r"killed|killing|dead|deaths|wounded|injured|kidnapp\w*|abduct\w*|hostages?|"
    r"casualties|attacks?|bombings?|massacre\w*"
)
REQUEST = re.compile(
    r"\b(?:asked for|requested|request for|appealed for|asking for|key ask|we need|sought|"
    r"called for|asked (?:us|the U\.?S\.?|Washington) to)\b",
    re.I,
)


def main():
    excluded = set()
    with open(GOLD) as fh:
        for line in fh:
            d = json.loads(line)
            excluded.add(d["doc_no"])
            excluded.add(os.path.basename(d["file"])[:-4])

    files = sorted(
        os.path.relpath(p, POP) for p in glob.glob(os.path.join(POP, "clinton", "*", "*.txt"))
    )
    files = [f for f in files if os.path.basename(f)[:-4] not in excluded]
    texts = {}

    def text(f):
        if f not in texts:
            with open(os.path.join(POP, f), errors="replace") as fh:
                texts[f] = fh.read()
        return texts[f]

    viol = [f for f in files if VIOLENCE.search(body(text(f)))]
    req = [f for f in files if REQUEST.search(body(text(f)))]

    random.seed(20261201)
    chosen = []
    taken = set()
    for group, pool in (("random", files), ("violence", viol), ("request", req)):
        order = list(pool)
        random.shuffle(order)
        got = 0
        for f in order:
            if got == N:
                break
            if f in taken or is_empty(text(f)):
                continue
            taken.add(f)
            chosen.append((group, f))
            got += 1
    print("# population %d, violence pool %d, request pool %d" % (len(files), len(viol), len(req)))
    for group, f in chosen:
        print("%s\t%s" % (group, f))


if __name__ == "__main__":
    main()
