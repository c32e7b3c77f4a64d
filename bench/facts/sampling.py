"""What the seeded samplers of bench/facts share: where the population and the labels are,
the release banners to set aside before a text is searched, and the number and violence
wording the draws look for."""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))
POP = os.path.join(SHARED, "population")
GOLD = os.path.join(SHARED, "gold", "facts-dev.jsonl")

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


def violence_near_a_number(words):
    """A violence word (an alternation) with a number within 40 characters before or after."""
    vword = "(?:" + words + ")"
    return re.compile(
        r"\b" + NUM + r"\b.{0,40}?\b" + vword + r"\b|\b" + vword + r"\b.{0,40}?\b" + NUM + r"\b",
        re.I | re.S,
    )


def body(text):
    """The text without its release banners."""
    return BANNER.sub(" ", text)


def is_empty(text):
    """An image-only or empty release: fewer than 5 words of 3+ letters once banners go."""
    return len(re.findall(r"[A-Za-z]{3,}", body(text))) < 5


def labelled(paths):
    """Every labelled release of the label sets at `paths` (JSON lines), in order."""
    for path in paths:
        with open(path) as fh:
            for line in fh:
                yield json.loads(line)


def names_of(label):
    """The names a labelled release goes by: its document number and its file's stem."""
    return {label["doc_no"], os.path.basename(label["file"])[:-4]}
