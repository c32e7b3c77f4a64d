#!/usr/bin/env python3
"""Seeded draw of 50 Clinton-email documents for the facts HOLDOUT label set
(facts-holdout.jsonl), labelled blind (without looking at cablecat output).

Groups (disjoint; a document is drawn at most once, in this order):
  random   - 15 from the whole population
  violence - 20 among documents whose text has violence wording within 40
             characters of a digit or number word
  request  - 15 among documents whose text matches request wording, stratified
             across the 5 request patterns (round-robin over the patterns, each
             time taking the next not-yet-chosen document in seeded shuffle order
             that matches that pattern), so no one pattern dominates
Excluded: every file whose doc number appears in shared/gold/facts-dev.jsonl,
bench/facts/facts-pop.jsonl or bench/facts/facts-req.jsonl.
Skipped (the next candidate is drawn): image-only / empty files, i.e. fewer than
5 words of 3+ letters once the release banners are removed (same rule as
facts-pop-sample.py / facts-req-sample.py); and near-duplicates, i.e. a file whose
word trigrams are >= 80% contained in (or contain) those of an already-labelled
document or of a document already drawn. The population holds many re-releases of
one email under other doc numbers (e.g. four copies of dev C05782012 in the request
pool); a holdout that repeats labelled text would not measure anything blind.
Skips are listed as "# skip" lines.

Usage: python3 facts-holdout-sample.py [--stats]
  -> prints "group<TAB>stratum<TAB>path" (path relative to shared/population)
"""
import glob
import os
import random
import re
import sys

from sampling import HERE, POP, SHARED, body, is_empty, labelled, names_of, violence_near_a_number

EXCLUDE_LABELS = [
    os.path.join(SHARED, "gold", "facts-dev.jsonl"),
    os.path.join(HERE, "facts-pop.jsonl"),
    os.path.join(HERE, "facts-req.jsonl"),
]
SEED = 4242
N_RANDOM, N_VIOLENCE, N_REQUEST = 15, 20, 15

VIOLENCE = violence_near_a_number(
    r"killed|killing|dead|deaths|died|wounded|injured|kidnapp\w*|abduct\w*|"
    r"hostages?|casualties|attacks?|bombings?|massacre\w*"
)

# Request wording from the brief. Whitespace matches across line breaks.
PATTERNS = {
    "asked_party": r"\basked (?:the )?(?:U\.?S\.?|United States|Washington|USG|us) (?:for|to)\b",
    "appeal_for": r"\bappeal(?:ed|s)? for\b",
    "request_aid": r"\brequest(?:ed|s)? (?:for )?(?:assistance|aid|help|support|equipment|"
                   r"training|funding|troops|security)\b",
    "urgently_needed": r"\burgently needed\b",
    "sought_help": r"\bsought .{0,30}?(?:help|aid|assistance|support)\b",
}
REGEX = {k: re.compile(v.replace(" ", r"\s+"), re.I | re.S) for k, v in PATTERNS.items()}


def shingles(text):
    w = re.findall(r"[a-z]{3,}", body(text).lower())
    return set(zip(w, w[1:], w[2:]))


def overlap(a, b):
    return len(a & b) / max(1, min(len(a), len(b)))


def label_path(f):
    for root in (POP, os.path.join(SHARED, "corpus")):
        p = os.path.join(root, f)
        if os.path.exists(p):
            return p
    return None


def main():
    excluded = set()
    seen = []  # (doc_no, trigram set) of labelled documents, then of drawn ones
    for d in labelled(EXCLUDE_LABELS):
        excluded |= names_of(d)
        p = label_path(d["file"])
        if p:
            with open(p, errors="replace") as lf:
                seen.append((d["doc_no"], shingles(lf.read())))
    skips = []

    def dup_of(f):
        s = shingles(texts[f])
        for n, t in seen:
            if overlap(s, t) >= 0.8:
                return n
        return None

    def take(group, k, f):
        taken.add(f)
        chosen.append((group, k, f))
        seen.append((os.path.basename(f)[:-4], shingles(texts[f])))

    def ok(group, f):
        if f in taken or is_empty(texts[f]):
            return False
        n = dup_of(f)
        if n:
            skips.append("%s\t%s\tnear-duplicate of %s" % (group, f, n))
            taken.add(f)  # never reconsider it
            return False
        return True

    files = sorted(
        os.path.relpath(p, POP) for p in glob.glob(os.path.join(POP, "clinton", "*", "*.txt"))
    )
    files = [f for f in files if os.path.basename(f)[:-4] not in excluded]

    texts, viol, hits = {}, [], {}
    for f in files:
        with open(os.path.join(POP, f), errors="replace") as fh:
            texts[f] = fh.read()
        b = body(texts[f])
        if VIOLENCE.search(b):
            viol.append(f)
        m = [k for k, rx in REGEX.items() if rx.search(b)]
        if m:
            hits[f] = m
    req = [f for f in files if f in hits]

    random.seed(SEED)
    chosen, taken = [], set()
    for group, pool, n in (("random", files, N_RANDOM), ("violence", viol, N_VIOLENCE)):
        order = list(pool)
        random.shuffle(order)
        got = 0
        for f in order:
            if got == n:
                break
            if not ok(group, f):
                continue
            take(group, "-", f)
            got += 1

    order = list(req)
    random.shuffle(order)
    by_pattern = {k: [f for f in order if k in hits[f] and not is_empty(texts[f])] for k in PATTERNS}
    got = 0
    while got < N_REQUEST and any(f not in taken for v in by_pattern.values() for f in v):
        for k in PATTERNS:
            if got == N_REQUEST:
                break
            nxt = next((f for f in by_pattern[k] if ok("request", f)), None)
            if nxt is None:
                continue
            take("request", k, nxt)
            got += 1

    print("# population %d (after exclusions), violence pool %d, request pool %d, seed %d"
          % (len(files), len(viol), len(req), SEED))
    if "--stats" in sys.argv:
        for k in PATTERNS:
            print("# pattern %-16s %d" % (k, sum(k in v for v in hits.values())))
    for line in skips:
        print("# skip\t" + line)
    for group, k, f in chosen:
        extra = ",".join(hits.get(f, [])) if group == "request" else ""
        print("%s\t%s\t%s%s" % (group, k, f, ("\t" + extra) if extra else ""))


if __name__ == "__main__":
    main()
