#!/usr/bin/env python3
"""Seeded draw of 90 Clinton-email documents for the second facts label set.

Groups (disjoint; a document is drawn at most once):
  random   - 30 from the whole population
  violence - 30 among documents whose text matches violence wording near a number
  request  - 30 among documents whose text matches request wording
Excluded: any file whose doc number appears in /work/shared/gold/facts-dev.jsonl.
Skipped (the next candidate is drawn): image-only / empty files, i.e. fewer than
5 words of 3+ letters once the release banners are removed.

Usage: python3 facts-pop-sample.py   -> prints "group<TAB>path" (path relative to
/work/shared/population), in draw order.
"""
import glob
import json
import os
import random
import re

POP = "/work/shared/population"
GOLD = "/work/shared/gold/facts-dev.jsonl"
N = 30

BANNER = re.compile(
    r"UNCLASSIFIED|U\.S\. Department of State|Case No\. ?F-[\d-]+|Doc No\. ?C\d+|"
    r"Date: ?[\d/]+|RELEASE IN (?:FULL|PART)|\bB\d\b|"
    r"STATE DEPT\. - PRODUCED TO HOUSE SELECT BENGHAZI COMM\.|"
    r"SUBJECT TO AGREEMENT ON SENSITIVE INFORMATION & REDACTIONS\. NO FOIA WAIVER\.|"
    r"STATE-SCB\d+"
)

NUM = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
       r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
       r"forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|"
       r"dozen|dozens|scores)")
VWORD = (r"(?:killed|killing|dead|deaths|wounded|injured|kidnapp\w*|abduct\w*|hostages?|"
         r"casualties|attacks?|bombings?|massacre\w*)")
# violence word with a number within 40 characters before or after it
VIOLENCE = re.compile(
    r"\b" + NUM + r"\b.{0,40}?\b" + VWORD + r"\b|\b" + VWORD + r"\b.{0,40}?\b" + NUM + r"\b",
    re.I | re.S,
)
REQUEST = re.compile(
    r"\b(?:asked for|requested|request for|appealed for|asking for|key ask|we need|sought|"
    r"called for|asked (?:us|the U\.?S\.?|Washington) to)\b",
    re.I,
)


def body(text):
    return BANNER.sub(" ", text)


def is_empty(text):
    return len(re.findall(r"[A-Za-z]{3,}", body(text))) < 5


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
