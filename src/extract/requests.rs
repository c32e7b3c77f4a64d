//! Assistance requests: someone asks another party for help (FACTS.md) — `The key ask from
//! Municipal Director Leyzaola was for equipment primarily vests and armored cars`, `Zelaya
//! asked for assistance in setting up talks`, `"We need the entry of outside armed forces,"
//! Otunbayeva told reporters`. One row per item asked for, with who asks (resolved through
//! `he`, `they`, `his` to the nearest named actor), whom it is asked of, a category, and how
//! sure the rule is.
//!
//! The phrases, items, categories and the words that name actors are data
//! (`request_phrases.csv`, `request_items.csv`, `actors.csv`); what is here is the grammar of
//! who asks whom for what, and the near-misses of FACTS.md it rules out, each explained where
//! it is decided.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::text::{sentences, shouting, tokens, Token, WEEKDAYS};
use super::vocab::{ActorKind, PhraseKind, Vocab};

/// One requested item, before it is dated.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub requester: Option<String>,
    /// `text` or `pronoun`: named where it is asked, or resolved from a pronoun.
    pub requester_source: Option<&'static str>,
    pub asked_of: Option<String>,
    pub item: String,
    pub category: String,
    pub sentence: String,
    /// Byte offset in the paragraph, to date it by what the text said before.
    pub offset: usize,
    pub confidence: f64,
}

/// Who the text has named so far, nearest last: what `he`, `they` and `his` refer to.
#[derive(Debug, Default, Clone)]
pub struct Discourse {
    actors: Vec<Actor>,
    /// The paragraph being read, counted from the first.
    paragraph: usize,
    /// Sentences not read for their actors yet: `(paragraph, all in capitals, text)`.
    pending: Vec<(usize, bool, String)>,
}

/// How much text before a request is read for who `he` or `they` is: the sentences and
/// paragraphs nearest it, about a page.
const PENDING: usize = 3_000;

impl Discourse {
    /// Keep only the text nearest the end: what a pronoun can reach back to.
    fn trim_pending(&mut self) {
        let mut total: usize = self.pending.iter().map(|(_, _, s)| s.len()).sum();
        while total > PENDING && self.pending.len() > 1 {
            total -= self.pending.remove(0).2.len();
        }
        if let Some((_, _, s)) = self.pending.first_mut() {
            if s.len() > PENDING {
                let mut cut = s.len() - PENDING;
                while !s.is_char_boundary(cut) {
                    cut += 1;
                }
                *s = s[cut..].to_string();
            }
        }
    }

    /// Read the waiting sentences for the actors they name.
    fn read_pending(&mut self, vocab: &Vocab) {
        for (para, caps, s) in std::mem::take(&mut self.pending) {
            let mut actors = actors_in(vocab, &tokens(&s), caps);
            for a in &mut actors {
                a.para = para;
            }
            self.actors.extend(actors);
        }
        if self.actors.len() > 24 {
            self.actors.drain(..self.actors.len() - 24);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Actor {
    name: String,
    /// In a subject's place (`The Governor made`, `Eric Nordstrom, who`), not an object's or
    /// a preposition's (`asked Governor Schwarzenegger`, `in Tripoli`).
    subject: bool,
    /// A person (`Governor Osuna`, `Eric Nordstrom`): what `he` and `she` can stand for.
    person: bool,
    /// An office, a government, a people (`the Mexican delegation`, `Mexican
    /// interlocutors`): what `they` and `its` can stand for.
    group: bool,
    /// Token range in its sentence.
    start: usize,
    end: usize,
    /// The paragraph it was named in (`Discourse::paragraph`).
    para: usize,
}

/// How sure a rule is. Reports show 0.5 and above by default (`-p min_confidence=0` shows all).
const ASKED: f64 = 0.9; // an explicit ask of a concrete thing, requester named
const ASKED_UNNAMED: f64 = 0.8; // the same, nobody named
const HELP_WITH_PURPOSE: f64 = 0.75; // `asked for our help in turning around the image`
const NEEDED: f64 = 0.75; // `"We need the entry of outside armed forces," Otunbayeva told`
const CAN_HELP: f64 = 0.65; // `areas where they believe the USG can help: some technology`
const SUGGESTED: f64 = 0.6; // `He suggested a road along the border fence`
const UNLISTED: f64 = 0.45; // an ask of something no item term names
const OWN_NEED: f64 = 0.4; // `we need` outside a quotation: the writer's own office
const FIRST_PERSON: f64 = 0.4; // `I asked for`: the writer, an official among officials
const MEETING: f64 = 0.3; // a meeting, call or visit: its own category, not assistance

/// After `asked`, a question, not a request.
const QUESTION_WORDS: &[&str] = &[
    "what", "whether", "if", "how", "why", "when", "where", "who", "about", "which",
];
/// Words that end an item: what follows comments on the request. (A purpose, `to
/// facilitate patrols`, stays: it often says what the thing is.)
const ITEM_STOPS: &[&[&str]] = &[
    &["rather", "than"],
    &["stating"],
    &["because"],
    &["but"],
    &["noting"],
    &["saying"],
    &["although"],
    &["while"],
    &["whereas"],
    &["however"],
    &["that", "has"],
    &["that", "have"],
    &["which"],
    &["who"],
    &["said"],
    &["told"],
    &["is"],
    &["are"],
    &["was"],
    &["were"],
    &["will"],
    &["would"],
    &["has"],
    &["have"],
    &["had"],
    &["follows"],
    &["neither"],
    &["nor"],
    &["and", "she"],
    &["and", "he"],
    &["and", "they"],
    &["and", "we"],
    &["and", "i"],
    &["and", "it"],
    &["even", "if"],
    &["because"],
    &["unless"],
];
/// Words that begin a new item of a list whose commas were lost (`some technology lots of
/// intelligence sharing limited equipment`).
const QUANTIFIERS: &[&str] = &[
    "some",
    "lots",
    "limited",
    "more",
    "better",
    "additional",
    "increased",
    "greater",
    "further",
    "new",
    "extra",
    "urgent",
    "immediate",
    "emergency",
];
/// Words that join the items of a list.
const LIST_WORDS: &[&str] = &[",", "and", "or", "plus", "as", "well", "also", "&"];
/// Words that open the specific items of a general one (`equipment primarily vests and
/// armored cars`): the general word is no item of its own.
const SPECIFIERS: &[&str] = &[
    "primarily",
    "including",
    "especially",
    "such",
    "namely",
    "mainly",
    "particularly",
    "notably",
    "specifically",
    "like",
    "chiefly",
    "mostly",
];
/// Acts asked of another party that are themselves help (`to press the IMF`, `to
/// intervene`), when no item term names a thing.
const ACTS_OF_HELP: &[&str] = &[
    "press",
    "pressure",
    "intervene",
    "mediate",
    "help",
    "support",
    "assist",
    "facilitate",
    "protect",
    "broker",
    "intercede",
    "urge",
    "persuade",
    "convince",
    "lobby",
    "rescue",
    "evacuate",
    "airlift",
    "defend",
];
/// Acts that are demands on a government's policy, not help (`calls on Britain, France and
/// the US to stop using force`, `urged the U.S. and Israel to sign`, `ask the US to remove
/// all tactical nuclear weapons`).
const ACTS_OF_POLICY: &[&str] = &[
    "stop",
    "end",
    "cease",
    "halt",
    "lift",
    "withdraw",
    "remove",
    "pull",
    "sign",
    "ratify",
    "recognize",
    "recognise",
    "condemn",
    "denounce",
    "emulate",
    "refrain",
    "reconsider",
    "reverse",
    "abandon",
    "drop",
    "suspend",
    "impose",
    "adopt",
    "repeal",
    "respect",
    "apologize",
    "apologise",
    "resign",
    "join",
    "boycott",
    "abide",
    "comply",
    "renounce",
    "revoke",
    "rescind",
];
/// Verbs said of a need that report or change it rather than voice it (`make the need for
/// emergency food aid more frequent`, `reduce the need for`, `meet the need for`).
const CHANGES_OF_A_NEED: &[&str] = &[
    "make",
    "makes",
    "made",
    "making",
    "increase",
    "increases",
    "increased",
    "increasing",
    "reduce",
    "reduces",
    "reduced",
    "reducing",
    "eliminate",
    "eliminates",
    "eliminated",
    "lessen",
    "lessens",
    "lessened",
    "avoid",
    "avoids",
    "avoided",
    "obviate",
    "obviates",
    "minimize",
    "minimizes",
    "create",
    "creates",
    "created",
    "meet",
    "meets",
    "met",
    "meeting",
    "address",
    "addresses",
    "addressed",
    "underscore",
    "underscores",
    "underscored",
    "highlight",
    "highlights",
    "highlighted",
];
/// Verbs that make a request of the noun after them (`issued an appeal for`, `made a request
/// for`): their subject is the asker.
const MAKES_A_REQUEST: &[&str] = &[
    "issued",
    "issues",
    "issue",
    "launched",
    "launches",
    "launch",
    "made",
    "makes",
    "make",
    "submitted",
    "submits",
    "submit",
    "sent",
    "sends",
    "filed",
    "files",
    "lodged",
    "lodges",
    "renewed",
    "renews",
    "repeated",
    "repeats",
    "delivered",
    "conveyed",
    "transmitted",
];
/// Words that may stand between a preposition and the noun it governs.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "their", "his", "her", "its", "all", "both", "each", "this", "that",
    "these", "those", "own", "other", "some", "any", "every", "my", "your",
];
/// Nouns that ask for the thing after them (`the entry of outside armed forces`, `delivery
/// of food`): a term they govern is what is asked for.
const TRANSPARENT: &[&str] = &[
    "entry",
    "deployment",
    "delivery",
    "provision",
    "dispatch",
    "sending",
    "supply",
    "transfer",
    "shipment",
    "shipments",
    "arrival",
    "release",
    "return",
    "loan",
    "donation",
    "sale",
];
/// Categories of things that are counted one by one: `vests and armored cars` are two
/// items. Activities and kinds of help joined by `and` describe one thing (`coordination of
/// operations and information-sharing`).
const CONCRETE: &[&str] = &[
    "equipment",
    "supplies",
    "infrastructure",
    "personnel",
    "funding",
];
/// Words that only say help is wanted: an item of these alone names nothing asked for
/// unless a purpose follows (`our help in turning around the image of Tijuana`).
const GENERIC: &[&str] = &["support", "help", "assistance", "aid", "cooperation"];
/// Words between a verb of asking and the actor before it: `he had also asked`.
const AUXILIARIES: &[&str] = &[
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "also",
    "then",
    "specifically",
    "finally",
    "repeatedly",
    "reportedly",
    "again",
    "formally",
    "officially",
    "publicly",
    "urgently",
    "personally",
    "already",
    "recently",
    "earlier",
    "later",
    "once",
    "still",
    "explicitly",
    "directly",
    "previously",
    "subsequently",
    "further",
    "even",
    "would",
    "will",
    "been",
    "had",
    "now",
    "today",
    "yesterday",
    "just",
    "privately",
    "quietly",
    "specifically",
    "strongly",
    "desperately",
    "urgently",
    "pointedly",
    "hasn't",
    "haven't",
    "hadn't",
    "didn't",
    "wasn't",
    "has",
    "does",
    "did",
];
/// Verbs that follow a speaker: `Otunbayeva told reporters`, `SHAHBAZ CONCLUDED`.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "noted",
    "notes",
    "added",
    "adds",
    "concluded",
    "stated",
    "stressed",
    "emphasized",
    "explained",
    "replied",
    "responded",
    "argued",
    "insisted",
    "declared",
    "wrote",
    "warned",
    "urged",
    "asserted",
    "commented",
    "remarked",
    "observed",
    "continued",
    "acknowledged",
    "announced",
    "complained",
    "lamented",
    "pleaded",
    "affirmed",
    "confirmed",
    "reiterated",
];
/// Past forms that do not end in `-ed`, for telling a subject (`The Governor made`) from a
/// name used as a modifier (`the HACFO budget`).
const IRREGULAR_VERBS: &[&str] = &[
    "made", "said", "told", "met", "gave", "took", "sought", "brought", "put", "sent", "left",
    "held", "led", "spoke", "wrote", "thought", "felt", "saw", "came", "went", "got", "kept",
    "became", "began", "ran", "stood", "drew", "was", "is", "has", "had", "will", "would", "can",
    "could", "does", "did", "may", "might", "must", "should", "also", "then", "again",
];
/// Verbs whose object is an actor asked, met or spoken to, not one who acts.
const OBJECT_VERBS: &[&str] = &[
    "asked",
    "told",
    "met",
    "urged",
    "called",
    "thanked",
    "informed",
    "invited",
    "visited",
    "briefed",
    "pressed",
    "assured",
    "reminded",
    "warned",
    "congratulated",
    "welcomed",
    "asking",
    "asks",
    "ask",
    "meet",
    "meeting",
    "with",
    "see",
    "saw",
    "write",
    "wrote",
    "contact",
    "contacted",
    "telephoned",
    "phoned",
];
const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "on",
    "to",
    "from",
    "of",
    "for",
    "with",
    "by",
    "into",
    "near",
    "toward",
    "towards",
    "across",
    "about",
    "against",
    "between",
    "among",
    "over",
    "under",
    "through",
    "during",
    "after",
    "before",
    "since",
    "until",
    "via",
    "like",
    "than",
    "within",
    "outside",
    "inside",
    "around",
    "behind",
    "beyond",
    "upon",
    "throughout",
];
/// Capitalized words that open sentences without naming anyone.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "our",
    "its",
    "also",
    "however",
    "finally",
    "then",
    "today",
    "yesterday",
    "most",
    "well",
    "so",
    "as",
    "since",
    "although",
    "despite",
    "according",
    "per",
    "note",
    "comment",
    "summary",
    "end",
    "there",
    "here",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "thanks",
    "thank",
    "please",
    "fyi",
    "re",
    "fw",
    "fwd",
    "subject",
    "sent",
    "from",
    "to",
    "cc",
    "ok",
    "yes",
    "no",
    "not",
    "all",
    "some",
    "many",
    "one",
    "two",
    "both",
    "each",
    "every",
    "any",
    "my",
    "your",
    "you",
    "me",
    "us",
    "him",
    "them",
    "mr",
    "mrs",
    "ms",
    "dr",
    "just",
    "only",
    "even",
    "still",
    "now",
    "again",
    // and the days of the week (WEEKDAYS, added to the set below)
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "unclassified",
    "confidential",
    "secret",
    "sbu",
    "release",
    "released",
    "part",
    "full",
    "b1",
    "b5",
    "b6",
    "state",
    "department",
    "case",
    "doc",
    "date",
    "meanwhile",
    "instead",
    "indeed",
    "overall",
    "first",
    "second",
    "third",
    "next",
    "last",
    "another",
    "other",
    "such",
    "given",
    "following",
    "regarding",
    "during",
    "without",
    "with",
    "by",
    "of",
    "reuters",
    "thus",
    "hence",
    "therefore",
    "moreover",
    "furthermore",
    "nevertheless",
    "meanwhile",
    "dear",
    "hi",
    "hello",
    "madam",
    "sir",
    "ap",
    "afp",
    "upi",
    "bloomberg",
    "xinhua",
    "itar-tass",
    "cnn",
    "bbc",
    "ians",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "his", "her", "their", "its", "it"];
const MAX_ITEM_WORDS: usize = 24;
/// The most words between a verb of asking and the first thing asked for.
const FIRST_ITEM_WITHIN: usize = 6;
/// The most words between two items of one list.
const MAX_GAP: usize = 14;

fn lower_is(t: &Token, words: &[&str]) -> bool {
    words.contains(&t.lower.as_ref())
}

// The long word lists, hashed: they are asked of every word of every sentence read.
static NOT_NAMES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().chain(WEEKDAYS).copied().collect());
static PREPOSITIONS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| PREPOSITIONS.iter().copied().collect());
static AUXILIARIES_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| AUXILIARIES.iter().copied().collect());
static SPEECH_VERBS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| SPEECH_VERBS.iter().copied().collect());
static IRREGULAR_VERBS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| IRREGULAR_VERBS.iter().copied().collect());
static OBJECT_VERBS_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| OBJECT_VERBS.iter().copied().collect());

fn in_set(t: &Token, set: &FxHashSet<&'static str>) -> bool {
    set.contains(t.lower.as_ref())
}

fn is_break(t: &Token) -> bool {
    matches!(t.text, "--" | "." | ";" | "?" | "!" | ":")
}

fn capital(t: &Token) -> bool {
    t.text.chars().next().is_some_and(|c| c.is_uppercase())
}

fn phrase_at(toks: &[Token], i: usize, phrase: &[String]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.lower == *w))
}

fn item_term_at(vocab: &Vocab, toks: &[Token], i: usize) -> Option<(usize, String)> {
    // Candidates share the first word; the list keeps the longest first.
    vocab
        .items_by_first
        .get(toks[i].lower.as_ref())?
        .iter()
        .map(|&k| &vocab.items[k])
        .find(|(words, _)| phrase_at(toks, i, words))
        .map(|(words, cat)| (words.len(), cat.clone()))
}

fn actor_kind(vocab: &Vocab, t: &Token) -> Option<ActorKind> {
    vocab.actors.get(t.lower.trim_end_matches('.')).copied()
}

/// A trigger found in a sentence.
#[derive(Debug, Clone, Copy)]
struct Trigger {
    start: usize,
    end: usize,
    kind: PhraseKind,
}

/// The requests of one paragraph; `discourse` carries who was named before it.
///
/// `asks` says whether the paragraph holds a request phrase at all
/// (`Vocab::mentions_request`); one that does not is only kept for who it names.
pub fn requests(
    vocab: &Vocab,
    text: &str,
    flat: bool,
    asks: bool,
    discourse: &mut Discourse,
) -> Vec<Item> {
    let mut out = Vec::new();
    if !asks {
        discourse.paragraph += 1;
        discourse
            .pending
            .push((discourse.paragraph, shouting(text), text.to_string()));
        discourse.trim_pending();
        return out;
    }
    let spans = sentences(text, flat);
    let caps = shouting(text);
    discourse.paragraph += 1;
    for sentence in spans {
        let s = &text[sentence.clone()];
        // Who a sentence names matters only to a request after it: a sentence waits, unread,
        // until a request comes (most never do), and is read with the others before it then.
        let read = vocab.mentions_request(s) && {
            let toks = tokens(s);
            let paragraph = discourse.paragraph;
            // Read for its actors only if a request needs them.
            let actors = std::cell::OnceCell::new();
            let actors_of = || {
                actors.get_or_init(|| {
                    let mut found = actors_in(vocab, &toks, caps);
                    for a in &mut found {
                        a.para = paragraph;
                    }
                    found
                })
            };
            let found = read_sentence(
                vocab,
                text,
                sentence.start,
                s,
                &toks,
                &actors_of,
                discourse,
                flat,
                &mut out,
            );
            if found {
                discourse.actors.extend(actors_of().iter().cloned());
                if discourse.actors.len() > 24 {
                    discourse.actors.drain(..discourse.actors.len() - 24);
                }
            }
            found
        };
        if !read {
            discourse
                .pending
                .push((discourse.paragraph, caps, s.to_string()));
            discourse.trim_pending();
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn read_sentence<'a>(
    vocab: &Vocab,
    paragraph: &str,
    offset: usize,
    s: &str,
    toks: &[Token],
    actors: &dyn Fn() -> &'a Vec<Actor>,
    discourse: &mut Discourse,
    flat: bool,
    out: &mut Vec<Item>,
) -> bool {
    // `Why are health workers asking for money?` asks nothing of anyone.
    if s.trim_end()
        .trim_end_matches(['"', '”', '\'', '’', ')'])
        .ends_with('?')
    {
        return false;
    }
    let mut found = false;
    let mut triggers: Vec<Trigger> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let found = vocab
            .phrases_by_first
            .get(toks[i].lower.as_ref())
            .and_then(|c| {
                c.iter()
                    .map(|&k| &vocab.request_phrases[k])
                    .find(|(p, _)| phrase_at(toks, i, p))
            });
        if let Some((p, kind)) = found {
            triggers.push(Trigger {
                start: i,
                end: i + p.len(),
                kind: *kind,
            });
            i += p.len();
        } else {
            i += 1;
        }
    }
    for (n, t) in triggers.iter().enumerate() {
        let limit = triggers
            .get(n + 1)
            .map(|x| clause_start(toks, actors(), x.start).max(t.end))
            .unwrap_or(toks.len());
        if negated(toks, t.start) {
            continue;
        }
        let quoted = inside_quote(paragraph, offset + toks[t.start].range.start);
        let Some(reading) = read_trigger(vocab, toks, t, limit) else {
            continue;
        };
        let mut items = split_items(vocab, toks, reading.from, reading.to);
        let of_us = reading
            .asked_of
            .as_deref()
            .is_some_and(|a| vocab.names_us(&tokens(a).iter().map(|x| x.text).collect::<Vec<_>>()));
        // Asked of the US to act (`to make high-level calls to Arab League members to press
        // them`): the act is what is asked, not the calls it names.
        if of_us
            && reading.verb.is_some()
            && items.first().is_some_and(|i| {
                matches!(
                    i.category.as_str(),
                    "meeting" | "data" | "other" | "logistics"
                )
            })
        {
            items.clear();
        }
        // `asked the United States to press the IMF to complete a deal`: what is asked for
        // is the act itself.
        if items.is_empty() {
            if let Some(v) = reading.verb.filter(|&v| {
                lower_is(&toks[v], ACTS_OF_HELP)
                    || of_us
                    || reading.asked_of.as_deref().is_some_and(|a| {
                        helpers(&tokens(a).iter().map(|x| x.text).collect::<Vec<_>>())
                    })
            }) {
                let end = (v + 1..reading.to.min(v + 16))
                    .find(|&k| is_break(&toks[k]) || comment_at(toks, k) || toks[k].text == ",")
                    .unwrap_or(reading.to.min(v + 16));
                if end > v + 1 {
                    // `asked the Secretary to meet with Mr. X`: a meeting asked for.
                    let meeting = lower_is(&toks[v], &["meet", "visit", "receive", "see", "host"]);
                    items.push(ListItem {
                        start: v,
                        end,
                        category: if meeting { "meeting" } else { "support" }.to_string(),
                        generic: true,
                        for_others: false,
                    });
                }
            }
        }
        if items.is_empty() {
            continue;
        }
        // Only now is who the text named before worth reading.
        discourse.read_pending(vocab);
        found = true;
        let (requester, source) = requester(
            vocab,
            paragraph,
            offset,
            toks,
            t,
            actors(),
            discourse,
            quoted,
        );
        // `Hamas' calls for help`: the possessive's apostrophe is no part of the name.
        let requester = requester.map(|r| {
            r.strip_suffix(['\'', '’'])
                .filter(|n| n.ends_with('s'))
                .map_or(r.clone(), str::to_string)
        });
        let quote = if flat {
            let a = toks[subject_start(toks, t.start)].range.start;
            let b = toks[reading.to.saturating_sub(1).max(reading.from)]
                .range
                .end;
            squash(&s[a..b])
        } else {
            squash(s)
        };
        let head = toks[t.start].lower.as_ref();
        let before = {
            let mut k = t.start;
            while k > 0
                && in_set(&toks[k - 1], &AUXILIARIES_SET)
                && !lower_is(&toks[k - 1], &["was", "were", "is", "are", "been", "be"])
            {
                k -= 1;
            }
            k
        };
        let subject_word = before
            .checked_sub(1)
            .map(|k| toks[k].lower.to_string())
            .unwrap_or_default();
        let case = Case {
            kind: t.kind,
            seek: matches!(head, "sought" | "seeks" | "seeking" | "seek"),
            noun: is_noun_trigger(t, toks),
            passive: matches!(
                subject_word.as_str(),
                "be" | "is" | "was" | "were" | "been" | "being"
            ) && matches!(head, "asked" | "requested")
                && !toks[t.end..].iter().take(12).any(|x| x.lower == "by"),
            first_person: !quoted
                && matches!(
                    subject_word.as_str(),
                    "i" | "we" | "you" | "i've" | "we've" | "i'd" | "we'd"
                )
                && requester.is_none(),
            us: requester.as_deref().is_some_and(|r| us_side(vocab, r)),
            named: requester.is_some(),
            quoted,
            asked_pronoun: reading.asked_of.as_deref().is_some_and(|a| {
                matches!(
                    a.to_lowercase().as_str(),
                    "us" | "me" | "you" | "him" | "her" | "them"
                )
            }),
            budget: budget_request(toks),
            headline: headline(toks),
            indefinite: matches!(
                subject_word.as_str(),
                "someone" | "somebody" | "anyone" | "anybody" | "nobody" | "everyone" | "whoever"
            ),
            urge: matches!(head, "urged" | "urging" | "urges" | "urge"),
            of_us: reading.asked_of.as_deref().is_some_and(|a| {
                vocab.names_us(&tokens(a).iter().map(|x| x.text).collect::<Vec<_>>())
            }),
            official: requester.as_deref().is_some_and(|r| {
                let t = tokens(r);
                t.iter()
                    .any(|x| actor_kind(vocab, x) == Some(ActorKind::Title))
                    || vocab.names_government(&t.iter().map(|x| x.text).collect::<Vec<_>>())
            }),
            act: reading.verb.is_some(),
            demand: reading.verb.is_some_and(|v| demand_at(toks, v, reading.to)),
            polite: head == "would",
            resolved: source == Some("pronoun") && is_noun_trigger(t, toks),
            bare_ask: matches!(head, "asked" | "asks" | "asking" | "ask"),
            of_helpers: reading
                .asked_of
                .as_deref()
                .is_some_and(|a| helpers(&tokens(a).iter().map(|x| x.text).collect::<Vec<_>>())),
            asked_government: reading.asked_of.as_deref().is_some_and(|a| {
                let t = tokens(a);
                vocab.names_government(&t.iter().map(|x| x.text).collect::<Vec<_>>())
                    || t.iter()
                        .any(|x| actor_kind(vocab, x) == Some(ActorKind::Title))
            }),
            of_congress: reading.asked_of.as_deref().is_some_and(|a| {
                let a = a.to_lowercase();
                a.contains("congress")
                    || a.contains("senate")
                    || a.contains("house")
                    || a.contains("lawmakers")
            }),
        };
        let tail = shared_tail(toks, &items);
        for (k, it) in items.iter().enumerate() {
            let Some(confidence) = judge(&case, it, toks, reading.from) else {
                continue;
            };
            let mut item = squash(&s[toks[it.start].range.start..toks[it.end - 1].range.end]);
            if let Some(t) = tail.filter(|_| k + 1 < items.len() && it.end - it.start <= 3) {
                item = format!(
                    "{item} {}",
                    squash(&s[toks[t].range.start..toks[items[items.len() - 1].end - 1].range.end])
                );
            }
            // A quotation ends what was asked for in it.
            let item = match item.find(['"', '”']) {
                Some(q) if q > 0 => item[..q].to_string(),
                _ => item,
            };
            let item = item
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '$')
                .to_string();
            if item.is_empty() {
                continue;
            }
            out.push(Item {
                requester: requester.clone(),
                requester_source: requester.as_ref().and(source),
                asked_of: reading.asked_of.clone(),
                item,
                category: it.category.clone(),
                sentence: quote.clone(),
                offset: offset + toks[it.start].range.start,
                confidence,
            });
        }
    }
    found
}

/// What a trigger's sentence says of who asks, as the near-misses of FACTS.md turn on it.
struct Case {
    kind: PhraseKind,
    /// The act asked is a demand on policy (`to stop using force`, `not to set
    /// pre-conditions`, `to get off the bench and sign`), not help.
    demand: bool,
    /// `sought`, `seeking`: as often a search (`seeking protection`, `sought deeper
    /// cooperation`) as an ask of another party.
    seek: bool,
    /// A request named as a noun (`a request for`, `the key ask`).
    noun: bool,
    /// `will be asked to give evidence`: the subject is the one asked, the asker unnamed.
    passive: bool,
    /// `I`, `we`, `you` outside a quotation: the writer's own office.
    first_person: bool,
    /// The requester is the US government or one of its offices.
    us: bool,
    named: bool,
    quoted: bool,
    /// `asked us to provide you with the following information`: asked of the writer.
    asked_pronoun: bool,
    /// The sentence speaks of Congress or a budget.
    budget: bool,
    /// Asked of Congress or one of its houses.
    of_congress: bool,
    /// The requester is a government, an office or an official (a body or title word).
    official: bool,
    /// The sentence is a headline in title case.
    headline: bool,
    /// `someone asks you for a 16-person detail`: nobody in particular, a hypothesis.
    indefinite: bool,
    /// `urged the NTC to protect`: an urging is an ask for help only when the US is urged.
    urge: bool,
    /// Asked of the US government or one of its offices.
    of_us: bool,
    /// `asked X to provide Y`, `called on X to protect Y`: an act asked of someone.
    act: bool,
    /// `would welcome`, `would appreciate`.
    polite: bool,
    /// The requester was found through a pronoun or `the request`, not named there.
    resolved: bool,
    /// The verb is `ask` itself.
    bare_ask: bool,
    /// Asked of those who give help between nations: the world, the international
    /// community, the UN, donors (`appealed to the world to save lives in Libya`).
    of_helpers: bool,
    /// Asked of a government, an office, an official or a country (`Qatar`, `the UK
    /// officials`), not of a person (`Obama asked Gips to help edit his book`).
    asked_government: bool,
}

const CONCRETE_ASKS: &[&str] = &[
    "equipment",
    "supplies",
    "infrastructure",
    "personnel",
    "training",
];

/// How sure a request is, or None when a reader strikes it out.
fn judge(c: &Case, it: &ListItem, toks: &[Token], from: usize) -> Option<f64> {
    let cat = it.category.as_str();
    let concrete = CONCRETE_ASKS.contains(&cat);
    // Office logistics and favours of ordinary life (`asked me to send the memo`), and a
    // policy called for (`called for the arms embargo to be lifted`).
    if cat == "logistics" || cat == "policy" {
        return None;
    }
    // A budget request to Congress, or money the US asks of itself (FACTS.md).
    let amount = (from..it.end).any(|k| {
        toks[k].text.starts_with('$') || matches!(toks[k].lower.as_ref(), "million" | "billion")
    });
    let money = cat == "funding"
        || amount
        || (it.start..it.end).any(|k| {
            matches!(
                toks[k].lower.as_ref(),
                "funds" | "funding" | "money" | "appropriations" | "spending"
            )
        });
    if money && (c.budget || amount && (c.us || c.first_person)) {
        return None;
    }
    // A headline (`DCC Seeks More US Assurances`) restates its story at best.
    if c.headline {
        return Some(UNLISTED - 0.05);
    }
    // Asked of Congress: a budget or a law, not help. Asked by nobody in particular: a
    // hypothesis. Urged on someone other than the US: a demand, not an ask for help.
    if c.of_congress || c.indefinite || c.urge && !c.of_us {
        return None;
    }
    // An act asked of someone: help when a government is asked it (`Zidan will ask Qatar to
    // assist`); a favour when a person is (`asked Gips to help edit his campaign book`); a
    // demand when another than the US is called on or appealed to (`called on the EAF to
    // protect and secure churches`).
    if c.act && c.demand {
        return None;
    }
    if c.act
        && (if c.bare_ask {
            !c.asked_government
        } else {
            !(c.of_us || c.of_helpers)
        })
    {
        return None;
    }
    // Asked of the writer for information or a meeting: office business.
    if c.asked_pronoun && matches!(cat, "data" | "meeting" | "other") {
        return None;
    }
    let mut confidence = match c.kind {
        PhraseKind::Ask | PhraseKind::AskBare if cat == "other" => UNLISTED,
        // `officers always are asking for more support`: help wanted by no one named.
        PhraseKind::Ask | PhraseKind::AskBare if it.generic && !c.named => UNLISTED,
        PhraseKind::Ask | PhraseKind::AskBare if it.generic => HELP_WITH_PURPOSE,
        PhraseKind::Ask | PhraseKind::AskBare if c.named => ASKED,
        // `a request for additional security at the mission`: a thing, unnamed asker; an
        // unnamed request for information or money is as often a form's or an office's.
        PhraseKind::Ask | PhraseKind::AskBare if concrete => ASKED_UNNAMED,
        PhraseKind::Ask | PhraseKind::AskBare => UNLISTED,
        PhraseKind::Need if c.quoted || c.named => NEEDED,
        PhraseKind::Need => OWN_NEED,
        PhraseKind::Help => CAN_HELP,
        // `called for support of Libya's efforts`: support for someone else is a policy; a
        // call needs a named caller who is not the US.
        // Only a call for help itself (`called for assistance`, `called for international
        // aid`) asks for it; a call for an intervention, a march or a reform is a policy.
        PhraseKind::Call
            if c.us || !c.named || !it.generic || it.for_others || it.start > from + 2 =>
        {
            return None
        }
        PhraseKind::Call => HELP_WITH_PURPOSE,
        PhraseKind::Suggest if c.named && concrete => SUGGESTED,
        PhraseKind::Suggest => UNLISTED,
    };
    // Information asked for is assistance when a government or an office asks it (`the
    // Mexican delegation specifically requested a briefing`); between people and companies it
    // is business (`Cheryl asked Harold for more details`, `GM asked Germany to provide`).
    if cat == "data" && !c.official {
        confidence = confidence.min(UNLISTED);
    }
    // `the Italians would welcome the U.S. initiative`: a polite ask is for help itself,
    // not for what someone else offers.
    if c.polite && !it.generic {
        return None;
    }
    // Information asked for by an asker found only through `the requests`: unknown.
    if cat == "data" && c.resolved {
        confidence = confidence.min(UNLISTED);
    }
    // A meeting, call or visit: its own category, not assistance (FACTS.md: optional).
    if cat == "meeting" {
        confidence = confidence.min(MEETING);
    }
    // `seeking protection`, `sought biometric information`: an ask of another party only
    // when the text names who would give it (`sought U.S. support`, `from the Department`) or
    // a foreign party seeks a concrete thing.
    if c.seek {
        // Who would give it: a name or a giver's word right before a word of help or money
        // (`U.S. support`, `CERF funding`, `your mentorship`), or `from` someone.
        let giver = |k: usize| {
            capital(&toks[k])
                || matches!(
                    toks[k].lower.as_ref(),
                    "u.s."
                        | "us"
                        | "usg"
                        | "american"
                        | "international"
                        | "western"
                        | "nato"
                        | "un"
                        | "u.n."
                        | "foreign"
                        | "your"
                        | "our"
                        | "outside"
                )
        };
        let source = (from..it.end).any(|k| {
            toks[k].lower == "from"
                && toks
                    .get(k + 1)
                    .is_some_and(|x| capital(x) || x.lower == "the")
                || k + 1 < it.end
                    && giver(k)
                    && (GENERIC.contains(&toks[k + 1].lower.as_ref())
                        || matches!(
                            toks[k + 1].lower.as_ref(),
                            "funding" | "funds" | "mentorship" | "assurances" | "backing"
                        ))
        });
        if !source || matches!(cat, "data" | "other") {
            confidence = confidence.min(UNLISTED - 0.05);
        }
    }
    // The writer's own office asking (`we requested`, `you requested $1.3 billion`): a
    // reader keeps it only for the people or things a post needs (`we request additional
    // security`).
    if c.first_person && !(concrete && c.noun) {
        confidence = confidence.min(FIRST_PERSON);
    }
    // The US asking others for their cooperation or information is diplomacy, not
    // assistance; asking for its own mission's security is.
    if c.us && !concrete {
        confidence = confidence.min(FIRST_PERSON);
    }
    if c.passive {
        confidence = confidence.min(FIRST_PERSON);
    }
    Some(confidence)
}

/// Most words capitalized, in mixed-case text: a headline.
fn headline(toks: &[Token]) -> bool {
    let words: Vec<&Token> = toks
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|t| capital(t)).count();
    let lower = words.iter().any(|t| t.text.chars().any(char::is_lowercase));
    words.len() >= 4
        && lower
        && caps * 10 >= words.len() * 7
        && words.iter().any(|t| {
            t.text.chars().all(char::is_alphabetic)
                && t.text.chars().skip(1).any(char::is_lowercase)
        })
}

/// Whether `words` name those who give help between nations: the world, the international
/// community, the UN, donors, NATO, the EU.
fn helpers(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "world" | "international" | "un" | "u.n." | "donors" | "nato" | "eu" | "community"
        )
    }) || words.windows(2).any(|w| w == ["United", "Nations"])
}

/// Whether a requester is the US government or one of its offices.
fn us_side(vocab: &Vocab, requester: &str) -> bool {
    let toks = tokens(requester);
    toks.iter().any(|t| {
        actor_kind(vocab, t) == Some(ActorKind::Us) && t.lower != "our" && t.lower != "your"
    }) || requester.contains("U.S.")
        || requester.contains("U S ")
        || requester.to_lowercase().contains("administration")
        || requester.to_lowercase().contains("state department")
        || [
            "House",
            "Senate",
            "Congress",
            "Congressional",
            "congressional",
        ]
        .iter()
        .any(|w| requester.split_whitespace().any(|x| x == *w))
        // `Charge raised this with the MFA`, `the Ambassador asked for`: in a cable, a title
        // with no name is the post's own officer.
        || !toks.is_empty()
            && toks
                .iter()
                .all(|t| actor_kind(vocab, t) == Some(ActorKind::Title) || t.lower == "the")
            && toks.iter().any(|t| {
                matches!(
                    t.lower.as_ref(),
                    "ambassador" | "charge" | "dcm" | "secretary" | "consul" | "a/s" | "deputy"
                )
            })
}

/// `a request for`, `the key ask`, `appeals for`: a request named as a noun.
fn is_noun_trigger(t: &Trigger, toks: &[Token]) -> bool {
    let head = toks[t.start].lower.as_ref();
    t.kind == PhraseKind::Ask
        && (head == "key"
            || head.starts_with("request") && !head.ends_with("ed") && !head.ends_with("ing")
            || matches!(
                head,
                "plea" | "pleas" | "appeal" | "formal" | "official" | "made"
            ))
}

/// Where the object of a trigger lies, and whom it is asked of.
struct Reading {
    from: usize,
    to: usize,
    asked_of: Option<String>,
    /// `asked the United States to press the IMF`: the verb of what is asked for.
    verb: Option<usize>,
}

fn read_trigger(vocab: &Vocab, toks: &[Token], t: &Trigger, limit: usize) -> Option<Reading> {
    let head = toks[t.start].lower.as_ref();
    let words = |a: usize, b: usize| -> Option<String> {
        let w: Vec<&str> = toks[a..b]
            .iter()
            .filter(|x| x.text != ",")
            .map(|x| x.text)
            .collect();
        (!w.is_empty() && w.len() <= 8).then(|| w.join(" "))
    };
    let next_is_question = |k: usize| toks.get(k).is_some_and(|x| lower_is(x, QUESTION_WORDS));
    match t.kind {
        PhraseKind::AskBare => {
            // `asked X for Y`, `asked X to provide Y`, `appealed to Russia for help`; a
            // question (`asked whether`) or a demand to stop asks for nothing.
            for j in t.end..(t.end + 10).min(limit) {
                let w = toks[j].lower.as_ref();
                if lower_is(&toks[j], QUESTION_WORDS) || is_break(&toks[j]) {
                    return None;
                }
                if w == "for" {
                    return Some(Reading {
                        from: j + 1,
                        to: limit,
                        asked_of: words(t.end, j),
                        verb: None,
                    });
                }
                if w == "to" || w == "that" {
                    // `asked X to share`, `asked that we let her know`: a request only with
                    // a verb of giving or doing for the asker, within a few words; asked of
                    // the US (`asked the United States to make calls`, `asked that the US
                    // jam Libyan television`), any act is one.
                    let named = |a: usize, b: usize| {
                        let w: Vec<&str> = toks[a..b].iter().map(|x| x.text).collect();
                        vocab.names_us(&w) || helpers(&w)
                    };
                    let (asked_of, verb) = if w == "that" {
                        let mut e = j + 1;
                        while e < limit
                            && e < j + 6
                            && (capital(&toks[e])
                                || actor_kind(vocab, &toks[e]).is_some()
                                || toks[e].lower == "the")
                        {
                            e += 1;
                        }
                        if e > j + 1 && e < limit && named(j + 1, e) {
                            // `asked that the UN Mission in Liberia (UNMIL) withdraw`: the
                            // verb comes after the subject's own prepositional phrase.
                            let mut v = e;
                            while v < limit
                                && v < e + 6
                                && (in_set(&toks[v], &PREPOSITIONS_SET)
                                    || capital(&toks[v])
                                    || !toks[v].text.chars().any(char::is_alphabetic))
                            {
                                v += 1;
                            }
                            let v = if v < limit && v < e + 6 { v } else { e };
                            (words(j + 1, e), Some(v))
                        } else {
                            (None, None)
                        }
                    } else if named(t.end, j) && j + 1 < limit {
                        (words(t.end, j), Some(j + 1))
                    } else {
                        (words(t.end, j), None)
                    };
                    let verb = match verb {
                        Some(v) if toks[v].text.chars().all(char::is_lowercase) => v,
                        _ => (j + 1..(j + 4).min(limit))
                            .find(|&v| vocab.object_verbs.contains(toks[v].lower.as_ref()))?,
                    };
                    return Some(Reading {
                        from: verb + 1,
                        to: limit,
                        asked_of: asked_of.or_else(|| words(t.end, j)),
                        verb: Some(verb),
                    });
                }
            }
            None
        }
        PhraseKind::Ask | PhraseKind::Call => {
            // `seeking ways to`, `sought to`: an aim, not a thing asked for.
            if next_is_question(t.end)
                || toks.get(t.end).is_some_and(|x| {
                    matches!(
                        x.lower.as_ref(),
                        "ways" | "way" | "means" | "to" | "opportunities"
                    )
                })
            {
                return None;
            }
            // `The key ask from X was for Y`, `requests from officials ... for Y`: the object
            // follows `for`.
            let from_first = head == "key"
                || matches!(toks[t.end - 1].lower.as_ref(), "from" | "by")
                || (head.starts_with("request")
                    && toks.get(t.end).is_some_and(|x| x.lower == "from"));
            let mut from = t.end;
            // `an official request for a field hospital`
            if toks.get(from).is_some_and(|x| x.lower == "for") {
                from += 1;
            }
            if from_first {
                from = (t.end..(t.end + 12).min(limit)).find(|&j| toks[j].lower == "for")? + 1;
            }
            (from < limit).then_some(Reading {
                from,
                to: limit,
                asked_of: None,
                verb: None,
            })
        }
        PhraseKind::Need => {
            let passive = matches!(head, "are" | "is");
            if passive {
                // `the items listed above (gas, diesel ...) are urgently needed`: the things
                // needed come before.
                let mut a = t.start;
                while a > 0
                    && !is_break(&toks[a - 1])
                    && !in_set(&toks[a - 1], &SPEECH_VERBS_SET)
                    && !matches!(toks[a - 1].lower.as_ref(), "that" | "but" | "which" | "who")
                    && t.start - a < 16
                {
                    a -= 1;
                }
                return (a < t.start).then_some(Reading {
                    from: a,
                    to: t.start,
                    asked_of: None,
                    verb: None,
                });
            }
            // `we need to talk`: a plan, not a thing needed; `the improvements we need in
            // light of ...`: the thing needed came before, and is no request.
            if toks.get(t.end).is_some_and(|x| {
                x.lower == "to" || in_set(x, &PREPOSITIONS_SET) && x.lower != "for"
            }) {
                return None;
            }
            // `will only make the need for emergency food aid more frequent`, `to reduce the
            // need for`, `meeting the need for food`: a need spoken of, not one voiced.
            if matches!(head, "need" | "needs")
                && t.start >= 2
                && toks[t.start - 1].lower == "the"
                && lower_is(&toks[t.start - 2], CHANGES_OF_A_NEED)
            {
                return None;
            }
            // `the need for burden-sharing`: a need of no one in particular; `A NEED FOR U.S.
            // HELP IN THE AREA OF INTELLIGENCE` names help wanted.
            if matches!(head, "need" | "needs")
                && !(t.end..(t.end + 4).min(limit))
                    .any(|k| GENERIC.contains(&toks[k].lower.as_ref()))
            {
                return None;
            }
            let from = if toks.get(t.end).is_some_and(|x| x.lower == "for") {
                t.end + 1
            } else {
                t.end
            };
            (from < limit).then_some(Reading {
                from,
                to: limit,
                asked_of: None,
                verb: None,
            })
        }
        PhraseKind::Suggest => {
            // `suggested that ...`, `suggested women's shelters were home to immorality`: a
            // statement, not a proposal of a thing.
            let clause = (t.end..(t.end + 8).min(limit)).any(|k| {
                matches!(
                    toks[k].lower.as_ref(),
                    "was"
                        | "were"
                        | "is"
                        | "are"
                        | "would"
                        | "could"
                        | "should"
                        | "had"
                        | "has"
                        | "have"
                        | "will"
                        | "might"
                        | "may"
                )
            });
            if next_is_question(t.end)
                || toks.get(t.end).is_some_and(|x| x.lower == "that")
                || clause
            {
                return None;
            }
            (t.end < limit).then_some(Reading {
                from: t.end,
                to: limit,
                asked_of: None,
                verb: None,
            })
        }
        PhraseKind::Help => {
            // `where they believe the USG can help: some technology`: the helper is named
            // before the phrase; `help with`, `help in` open the object. Only the US (or
            // `you`, the reader) helping a party who wants it is a request; `I can help`,
            // `NGOs can help support the transition` are offers and opinions.
            let mut from = t.end;
            while toks
                .get(from)
                .is_some_and(|x| matches!(x.lower.as_ref(), "with" | "in" | "on" | ":" | "by"))
            {
                from += 1;
            }
            let mut a = t.start;
            while a > 0
                && (capital(&toks[a - 1]) && !in_set(&toks[a - 1], &NOT_NAMES_SET)
                    || actor_kind(vocab, &toks[a - 1]).is_some()
                    || toks[a - 1].text.len() == 1
                        && toks[a - 1].text.chars().all(|c| c.is_uppercase()))
            {
                a -= 1;
            }
            if a > 0 && toks[a - 1].lower == "the" {
                a -= 1;
            }
            let helper = words(a, t.start).unwrap_or_default();
            let us_helper = toks[a..t.start].iter().any(|x| {
                actor_kind(vocab, x) == Some(ActorKind::Us)
                    && !matches!(x.lower.as_ref(), "we" | "our" | "you" | "your")
            }) || helper.contains("U.S.")
                || helper.contains("U S");
            if !us_helper {
                return None;
            }
            (from < limit).then_some(Reading {
                from,
                to: limit,
                asked_of: words(a, t.start),
                verb: None,
            })
        }
    }
}

/// Whether the act asked at `v` is a demand on policy: its verb is one (`to stop`, `to
/// sign`), it is asked not to be done (`not to set`), or a demand is joined to it (`to get
/// off the bench and sign`). An act of help (`to help stop the violence`) is none.
fn demand_at(toks: &[Token], v: usize, to: usize) -> bool {
    if lower_is(&toks[v], ACTS_OF_HELP) {
        return false;
    }
    let not_to = v >= 2 && toks[v - 1].lower == "to" && toks[v - 2].lower == "not";
    let joined = (v + 1..to.min(v + 8))
        .any(|k| toks[k - 1].lower == "and" && lower_is(&toks[k], ACTS_OF_POLICY));
    // `to take a serious position against the film producers`, `to take a firm stand`: a
    // position asked for is policy, not help.
    let position = toks[v].lower == "take"
        && (v + 1..to.min(v + 5)).any(|k| {
            matches!(
                toks[k].lower.as_ref(),
                "position" | "positions" | "stand" | "stance" | "line"
            )
        });
    not_to || position || lower_is(&toks[v], ACTS_OF_POLICY) || joined
}

/// `did not ask for`, `never requested`, `no request for`.
fn negated(toks: &[Token], at: usize) -> bool {
    let lo = at.saturating_sub(3);
    toks[lo..at].iter().any(|t| {
        matches!(
            t.lower.as_ref(),
            "not" | "never" | "no" | "didn't" | "don't" | "doesn't" | "won't" | "nor" | "neither"
        )
    })
}

/// A budget request to Congress (`the President's budget request of $2.8 billion`).
fn budget_request(toks: &[Token]) -> bool {
    toks.iter().any(|t| {
        matches!(
            t.lower.as_ref(),
            "congress"
                | "budget"
                | "appropriations"
                | "appropriation"
                | "supplemental"
                | "house"
                | "senate"
                | "senator"
                | "senators"
                | "congressional"
                | "lawmakers"
                | "legislation"
        )
    })
}

/// Whether byte `at` of the paragraph lies inside a quotation.
fn inside_quote(paragraph: &str, at: usize) -> bool {
    let before = &paragraph[..at.min(paragraph.len())];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

/// Where the words of the asker before a trigger begin (`He suggested`, `The Mexican
/// delegation specifically requested`): the object of the trigger before ends there.
fn clause_start(toks: &[Token], actors: &[Actor], trigger: usize) -> usize {
    let mut k = trigger;
    while k > 0 && (in_set(&toks[k - 1], &AUXILIARIES_SET) || toks[k - 1].lower == "not") {
        k -= 1;
    }
    if k > 0
        && matches!(
            toks[k - 1].lower.as_ref(),
            "he" | "she" | "they" | "we" | "i" | "and" | "his" | "her" | "their"
        )
    {
        return k - 1;
    }
    if let Some(a) = actors.iter().find(|a| a.end == k) {
        return a.start;
    }
    k
}

/// The token where the clause holding a trigger begins: after the last break, looking
/// back at most eight words.
fn subject_start(toks: &[Token], trigger: usize) -> usize {
    let lo = trigger.saturating_sub(8);
    let mut k = trigger;
    while k > lo && !is_break(&toks[k - 1]) {
        k -= 1;
    }
    k
}

/// The actors a sentence names: capitalized names with their titles and offices
/// (`Municipal Director Leyzaola`, `the Chilean government`, `Mexican interlocutors`,
/// `State-level SSP`); in text all in capitals, a title and the words after it (`PRESIDENT
/// KABBAH`) or the words before a verb of speech (`SHAHBAZ CONCLUDED`).
fn actors_in(vocab: &Vocab, toks: &[Token], caps: bool) -> Vec<Actor> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        let kind = actor_kind(vocab, t);
        let starts = if caps {
            kind == Some(ActorKind::Title)
        } else {
            (capital(t) && !in_set(t, &NOT_NAMES_SET) && !heading_word(t))
                || kind.is_some_and(|k| k != ActorKind::Us)
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| capital(n) && !in_set(n, &NOT_NAMES_SET))
        };
        if !starts {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        if caps {
            // Titles, then at most two name words.
            while end < toks.len() && actor_kind(vocab, &toks[end]) == Some(ActorKind::Title) {
                end += 1;
            }
            let mut names = 0;
            while end < toks.len()
                && names < 2
                && toks[end]
                    .text
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-' || c == '.')
                && !in_set(&toks[end], &NOT_NAMES_SET)
                && !in_set(&toks[end], &SPEECH_VERBS_SET)
                && !in_set(&toks[end], &IRREGULAR_VERBS_SET)
                && !in_set(&toks[end], &PREPOSITIONS_SET)
                && !toks[end].lower.ends_with("ed")
            {
                end += 1;
                names += 1;
            }
            if names == 0 {
                k = end;
                continue;
            }
        } else {
            while end < toks.len() {
                let n = &toks[end];
                let name = capital(n) && !in_set(n, &NOT_NAMES_SET) && !heading_word(n);
                let office =
                    actor_kind(vocab, n).is_some_and(|k| k != ActorKind::Us) && !capital(n);
                let connector = matches!(
                    n.lower.as_ref(),
                    "of" | "de" | "al" | "bin" | "el" | "la" | "del"
                ) && toks
                    .get(end + 1)
                    .is_some_and(|x| capital(x) && !in_set(x, &NOT_NAMES_SET));
                // `the International Organization for Migration`, `the High Commissioner
                // for Refugees`: `for` inside the name of an office or a post.
                // The word before `for` is the office itself (`Secretary Clinton for Apache
                // helicopters` is a name and a thing asked for).
                let office_for = n.lower == "for"
                    && capital(&toks[end - 1])
                    && matches!(
                        actor_kind(vocab, &toks[end - 1]),
                        Some(ActorKind::Title | ActorKind::Body)
                    )
                    && toks
                        .get(end + 1)
                        .is_some_and(|x| capital(x) && !in_set(x, &NOT_NAMES_SET));
                if name || office || connector || office_for {
                    end += 1;
                } else {
                    break;
                }
            }
        }
        out.push(Actor {
            name: join(&toks[k..end]),
            // `Minister Afzali views you as a role model`: a person before a verb in `-s`.
            subject: subject_place(toks, k, end)
                || person_like(vocab, &toks[k..end])
                    && toks.get(end).is_some_and(|n| {
                        n.lower.ends_with('s')
                            && !n.lower.ends_with("ss")
                            && n.text.chars().all(char::is_lowercase)
                    }),
            person: person_like(vocab, &toks[k..end]),
            group: group_like(vocab, &toks[k..end]),
            start: k,
            end,
            para: 0,
        });
        k = end;
    }
    // `meet with Defense Minister Rodianov, Foreign Minister Primakov, and Prime Minister
    // Chernomyrdin`: the names of a list share the place of the first.
    for i in 1..out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        let joined = b.start >= a.end
            && b.start - a.end <= 2
            && toks[a.end..b.start]
                .iter()
                .all(|t| matches!(t.lower.as_ref(), "," | "and" | "or"));
        if joined && !a.subject {
            out[i].subject = false;
        }
    }
    // In capitals, the words before a verb of speech name the speaker.
    if caps {
        for (j, t) in toks.iter().enumerate() {
            if !in_set(t, &SPEECH_VERBS_SET) || j == 0 {
                continue;
            }
            if out.iter().any(|a| a.end == j) {
                continue;
            }
            let mut a = j;
            while a > 0
                && j - a < 2
                && toks[a - 1]
                    .text
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'')
                && !in_set(&toks[a - 1], &NOT_NAMES_SET)
                && !lower_is(&toks[a - 1], PRONOUNS)
                && !in_set(&toks[a - 1], &IRREGULAR_VERBS_SET)
            {
                a -= 1;
            }
            if a < j {
                out.push(Actor {
                    name: join(&toks[a..j]),
                    subject: true,
                    person: true,
                    group: false,
                    start: a,
                    end: j,
                    para: 0,
                });
            }
        }
        out.sort_by_key(|a| a.start);
    }
    out
}

/// A title, or a name of two words or more with no office in it: a person.
fn person_like(vocab: &Vocab, words: &[Token]) -> bool {
    let title = words
        .iter()
        .any(|t| actor_kind(vocab, t) == Some(ActorKind::Title));
    let office = words
        .iter()
        .any(|t| actor_kind(vocab, t) == Some(ActorKind::Body));
    let names = words
        .iter()
        .filter(|t| {
            capital(t)
                && actor_kind(vocab, t).is_none()
                && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
        .count();
    title || (!office && names >= 2)
}

/// An office or a people: a body word, or a plural last word.
fn group_like(vocab: &Vocab, words: &[Token]) -> bool {
    let office = words.iter().any(|t| {
        matches!(
            actor_kind(vocab, t),
            Some(ActorKind::Body | ActorKind::Us | ActorKind::Country)
        )
    });
    let last = words.last().map(|t| t.lower.as_ref()).unwrap_or("");
    office || (last.ends_with('s') && !last.ends_with("ss") && words.len() >= 2)
}

/// An all-capitals word of four letters or more in mixed-case text: a heading run into it.
fn heading_word(t: &Token) -> bool {
    t.text.len() > 5 && t.text.chars().all(|c| !c.is_lowercase())
}

/// Whether an actor at `start..end` stands where a subject does: not after a preposition or
/// a verb that takes a person as object, and followed by a verb, a comma or a relative.
fn subject_place(toks: &[Token], start: usize, end: usize) -> bool {
    let mut b = start;
    if b > 0 && toks[b - 1].lower == "the" {
        b -= 1;
    }
    if b > 0 && (in_set(&toks[b - 1], &PREPOSITIONS_SET) || in_set(&toks[b - 1], &OBJECT_VERBS_SET))
    {
        return false;
    }
    let Some(next) = toks.get(end) else {
        return false;
    };
    let w = next.lower.as_ref();
    let verb = w.ends_with("ed")
        || in_set(next, &IRREGULAR_VERBS_SET)
        || in_set(next, &SPEECH_VERBS_SET)
        || in_set(next, &AUXILIARIES_SET);
    verb || matches!(w, "," | "who" | "and")
}

fn join(toks: &[Token]) -> String {
    toks.iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
}

/// Who asked, and how it was found.
#[allow(clippy::too_many_arguments)]
fn requester(
    vocab: &Vocab,
    paragraph: &str,
    offset: usize,
    toks: &[Token],
    t: &Trigger,
    actors: &[Actor],
    discourse: &Discourse,
    quoted: bool,
) -> (Option<String>, Option<&'static str>) {
    let head = toks[t.start].lower.as_ref();
    // In a quotation, `we` and `I` are the speaker (`"We need ...," Otunbayeva told`).
    let speaker = || speaker_of_quote(vocab, paragraph, offset, toks, t.start, actors);
    let resolve = |at: usize| resolve(toks, actors, discourse, at);
    if is_noun_trigger(t, toks) {
        // `The key ask from Municipal Director Leyzaola`, `requests from officials at the
        // American Embassy in Tripoli for`: the asker after `from`.
        // `pleas for help from Mrs. Clinton`: after what is asked for, `from` names the giver.
        let asked_first = toks[t.start..t.end].iter().any(|x| x.lower == "for")
            || toks.get(t.end).is_some_and(|x| x.lower == "for");
        if let Some(f) = (t.start..(t.end + 2).min(toks.len()))
            .filter(|_| !asked_first)
            .find(|&j| matches!(toks[j].lower.as_ref(), "from" | "by"))
        {
            let to = (f + 1..(f + 10).min(toks.len()))
                .find(|&j| {
                    matches!(
                        toks[j].lower.as_ref(),
                        "was" | "is" | "were" | "for" | "to" | "," | "that"
                    ) || is_break(&toks[j])
                })
                .unwrap_or((f + 10).min(toks.len()));
            if to > f + 1 {
                return (Some(join(&toks[f + 1..to])), Some("text"));
            }
        }
        // `An official request for a field hospital has been made by the Chilean government`
        if let Some(b) = (t.end..toks.len()).find(|&j| {
            toks[j].lower == "by"
                && toks[..j]
                    .iter()
                    .rev()
                    .take(3)
                    .any(|x| x.lower == "made" || x.lower == "submitted")
        }) {
            if let Some(a) = actors.iter().find(|a| a.start == b + 1 || a.start == b + 2) {
                return (Some(a.name.clone()), Some("text"));
            }
        }
        // `his request`, `Kabbah's request`, `HE COUCHED HIS REQUEST`
        let mut k = t.start;
        while k > 0
            && matches!(
                toks[k - 1].lower.as_ref(),
                "key"
                    | "formal"
                    | "official"
                    | "urgent"
                    | "specific"
                    | "latest"
                    | "new"
                    | "initial"
                    | "earlier"
                    | "repeated"
                    | "subsequent"
                    | "previous"
                    | "recent"
                    | "renewed"
                    | "public"
                    | "personal"
                    | "direct"
                    | "written"
                    | "desperate"
                    | "joint"
                    | "emergency"
                    | "humanitarian"
            )
        {
            k -= 1;
        }
        if k > 0 {
            let p = &toks[k - 1];
            if matches!(p.lower.as_ref(), "his" | "her" | "their" | "its") {
                return (resolve(k - 1), Some("pronoun"));
            }
            if p.lower.ends_with("'s") || p.lower.ends_with("’s") {
                if let Some(a) = actors.iter().find(|a| a.end == k) {
                    return (
                        Some(
                            a.name
                                .trim_end_matches("'s")
                                .trim_end_matches("’s")
                                .to_string(),
                        ),
                        Some("text"),
                    );
                }
            }
            // `MOI request for help`, `the UN Flash Appeal for`: the asker named before the noun.
            if let Some(a) = actors.iter().find(|a| a.start < k && a.end >= k) {
                return (Some(join(&toks[a.start..k])), Some("text"));
            }
            // `the IOM and UNHCR issued the joint emergency appeal for aircraft`, `Haiti has
            // made a request for`: whoever makes the request is the subject of that verb.
            let made_at = if matches!(p.lower.as_ref(), "the" | "a" | "an") {
                k.checked_sub(2)
            } else {
                Some(k - 1)
            };
            if let Some(v) = made_at.filter(|&v| lower_is(&toks[v], MAKES_A_REQUEST)) {
                if let (Some(who), how) = subject_before(vocab, toks, actors, discourse, v) {
                    return (Some(who), how);
                }
            }
            // `The request for helicopters`: the request the text is speaking of, by whoever
            // it last had in view; `a request for` names nobody.
            if p.lower == "the" {
                return (resolve(k - 1), Some("pronoun"));
            }
        }
        return (None, None);
    }
    // A verb: its subject, before it (`Zelaya asked for`, `he requested`, `The Maryland-based
    // agency is asking`).
    let mut k = t.start;
    if t.kind == PhraseKind::Help {
        // `they believe the USG can help`: the helper is the one asked; the asker is the
        // subject of the clause around it.
        let a = subject_start(toks, t.start);
        if let Some(p) = (a..t.start)
            .rev()
            .find(|&j| lower_is(&toks[j], PRONOUNS) || lower_is(&toks[j], &["we"]))
        {
            if toks[p].lower == "we" {
                return if quoted { speaker() } else { (None, None) };
            }
            return (resolve(p), Some("pronoun"));
        }
        if let Some(act) = actors.iter().rev().find(|x| x.end <= a && x.subject) {
            return (Some(act.name.clone()), Some("text"));
        }
        return (resolve(a), Some("pronoun"));
    }
    while k > 0 && (in_set(&toks[k - 1], &AUXILIARIES_SET) || toks[k - 1].lower == "not") {
        k -= 1;
    }
    // `HE LATER NOTED A NEED FOR U.S. HELP`: whoever noted the need.
    if t.kind == PhraseKind::Need && matches!(head, "need" | "needs") {
        let lo = t.start.saturating_sub(4);
        if let Some(v) = (lo..t.start).rev().find(|&j| {
            in_set(&toks[j], &SPEECH_VERBS_SET)
                || matches!(
                    toks[j].lower.as_ref(),
                    "expressed" | "cited" | "underlined" | "raised" | "described"
                )
        }) {
            return subject_before(vocab, toks, actors, discourse, v);
        }
        return (None, None);
    }
    if t.kind == PhraseKind::Need && matches!(head, "we" | "are" | "is") {
        if head == "we" {
            return if quoted { speaker() } else { (None, None) };
        }
        // `Tarhouni ... said the items ... are urgently needed`
        if let Some(sv) = (0..t.start)
            .rev()
            .find(|&j| in_set(&toks[j], &SPEECH_VERBS_SET))
        {
            return subject_before(vocab, toks, actors, discourse, sv);
        }
        return if quoted { speaker() } else { (None, None) };
    }
    if matches!(head, "we" | "i") {
        return if quoted { speaker() } else { (None, None) };
    }
    // `Have even sought help from ...`, `Asked for a copy`: a sentence that opens with its
    // verb is the writer's own.
    if k == 0 {
        return (None, None);
    }
    subject_before(vocab, toks, actors, discourse, k)
}

/// The subject of a verb at `k`: an actor ending there, a pronoun resolved, a description
/// (`The Maryland-based agency`), or the subject of a coordinated verb (`Dr. Shah
/// highlighted concerns ...; and asked for help`).
fn subject_before(
    vocab: &Vocab,
    toks: &[Token],
    actors: &[Actor],
    discourse: &Discourse,
    mut k: usize,
) -> (Option<String>, Option<&'static str>) {
    while k > 0 && (in_set(&toks[k - 1], &AUXILIARIES_SET) || toks[k - 1].lower == "not") {
        k -= 1;
    }
    // `Tarhouni, who also holds US citizenship, said`: past the relative clause.
    let mut comma = false;
    if k > 0 && toks[k - 1].text == "," {
        comma = true;
        if let Some(w) = (k.saturating_sub(12)..k - 1).rev().find(|&j| {
            matches!(toks[j].lower.as_ref(), "who" | "which") && j > 0 && toks[j - 1].text == ","
        }) {
            k = w - 1;
            comma = false;
        } else {
            k -= 1;
        }
    }
    if k == 0 {
        return (
            resolve(toks, actors, discourse, 0).filter(|_| !discourse.actors.is_empty()),
            Some("pronoun"),
        );
    }
    let p = &toks[k - 1];
    if lower_is(p, PRONOUNS) {
        return (resolve(toks, actors, discourse, k - 1), Some("pronoun"));
    }
    if matches!(
        p.lower.as_ref(),
        "we" | "i" | "you" | "i've" | "i'd" | "we've" | "we'd" | "i'll" | "we'll"
    ) {
        return (None, None);
    }
    // `The facilitator of the group, Ambassador Laajava, has asked`: a name set off by
    // commas is the subject it renames.
    let apposed = |a: &Actor| a.start > 0 && toks[a.start - 1].text == "," && a.person;
    if let Some(a) = actors
        .iter()
        .find(|a| a.end == k && (a.subject || !comma || apposed(a)))
    {
        return (Some(a.name.clone()), Some("text"));
    }
    // `and asked for`, `..., seeking`: the subject of the verb before.
    if comma {
        return (resolve(toks, actors, discourse, k), Some("pronoun"));
    }
    if matches!(p.lower.as_ref(), "and" | "then") || is_break(p) {
        return (resolve(toks, actors, discourse, k - 1), Some("pronoun"));
    }
    // `The Maryland-based agency`, `the interim government`: a description with an office.
    if actor_kind(vocab, p).is_some_and(|x| x != ActorKind::Title) {
        let mut a = k - 1;
        while a > 0
            && k - a < 5
            && !is_break(&toks[a - 1])
            && !in_set(&toks[a - 1], &PREPOSITIONS_SET)
            && toks[a - 1].text != ","
        {
            a -= 1;
            if matches!(toks[a].lower.as_ref(), "the" | "a" | "an") {
                break;
            }
        }
        return (Some(join(&toks[a..k])), Some("text"));
    }
    (None, None)
}

/// The actor a pronoun (or an elided subject) at `at` stands for: the nearest named actor
/// before it in a subject's place that can be what the pronoun says (`he`: a person;
/// `they`: an office or a people), in this sentence or the ones before; else the nearest
/// subject at all.
fn resolve(toks: &[Token], actors: &[Actor], discourse: &Discourse, at: usize) -> Option<String> {
    let word = toks.get(at).map(|t| t.lower.as_ref()).unwrap_or("");
    let fits = |a: &Actor| match word {
        "he" | "she" | "his" | "her" | "him" => a.person,
        "they" | "their" | "its" | "it" | "them" => a.group,
        _ => true,
    };
    // Nearest first: this sentence, then this paragraph, then the paragraphs before; in
    // each, an actor that fits the pronoun before any other subject.
    let here: Vec<&Actor> = actors.iter().rev().filter(|a| a.end <= at).collect();
    let paragraph: Vec<&Actor> = discourse
        .actors
        .iter()
        .rev()
        .filter(|a| a.para == discourse.paragraph)
        .collect();
    let before: Vec<&Actor> = discourse
        .actors
        .iter()
        .rev()
        .filter(|a| a.para != discourse.paragraph)
        .collect();
    let near: Vec<&Actor> = here.iter().chain(paragraph.iter()).copied().collect();
    near.iter()
        .find(|a| a.subject && fits(a))
        .or_else(|| near.iter().find(|a| a.subject))
        .or_else(|| before.iter().find(|a| a.subject && fits(a)))
        .or_else(|| before.iter().find(|a| a.subject))
        .map(|a| a.name.clone())
}

/// Who speaks a quotation holding the token at `at`: `"...," X said`, `"...," said X`, `X
/// said: "..."`, `"...," SHAHBAZ CONCLUDED`.
fn speaker_of_quote(
    vocab: &Vocab,
    paragraph: &str,
    offset: usize,
    toks: &[Token],
    at: usize,
    actors: &[Actor],
) -> (Option<String>, Option<&'static str>) {
    let _ = vocab;
    let pos = offset + toks[at].range.start;
    let rest = &paragraph[pos..];
    // After the quotation closes.
    if let Some(close) = rest.find(['"', '”']) {
        let after_start = pos + close + 1;
        let after = &paragraph[after_start..(after_start + 160).min(paragraph.len())];
        let after = &after[..after.find(['"', '“']).unwrap_or(after.len())];
        let at = tokens(after);
        let caps = shouting(after) || shouting(paragraph);
        let found = actors_in(vocab, &at, caps);
        let speech = at.iter().position(|t| in_set(t, &SPEECH_VERBS_SET));
        if let Some(sv) = speech.filter(|&sv| sv <= 8) {
            // `X said` or `said X`
            if let Some(a) = found.iter().find(|a| a.end == sv || a.end + 1 == sv) {
                return (Some(a.name.clone()), Some("pronoun"));
            }
            if let Some(a) = found.iter().find(|a| a.start == sv + 1) {
                return (Some(a.name.clone()), Some("pronoun"));
            }
        }
    }
    // Before the quotation opens: `X said: "`
    let before = &paragraph[..pos];
    if let Some(open) = before.rfind(['"', '“']) {
        let lead_start = open.saturating_sub(160);
        let lead_start = (0..=lead_start)
            .rev()
            .find(|&i| paragraph.is_char_boundary(i))
            .unwrap_or(0);
        let lead = &paragraph[lead_start..open];
        let lt = tokens(lead);
        if let Some(sv) = lt.iter().rposition(|t| in_set(t, &SPEECH_VERBS_SET)) {
            let found = actors_in(vocab, &lt, shouting(paragraph));
            if let Some(a) = found.iter().rev().find(|a| a.end <= sv) {
                return (Some(a.name.clone()), Some("pronoun"));
            }
        }
    }
    let _ = actors;
    (None, None)
}

/// One item of a list.
#[derive(Debug, Clone)]
struct ListItem {
    start: usize,
    end: usize,
    category: String,
    /// Only words that say help is wanted, with a purpose after them.
    generic: bool,
    /// Help `of` or `for` someone else (`support of Libya's efforts`).
    for_others: bool,
}

/// Split the object into items. Each item term starts an item where a list word or a
/// quantifier stands before it (`and better equipment`, `lots of intelligence sharing`), where
/// it follows the last concrete thing directly (`armored cars ballistic vests`), or where its
/// category changes and no preposition or verb makes it a modifier of the item before
/// (`more drug treatment centers ... advance warning of repatriation`, but `equipment for all
/// forces`, `training aimed at managing police forces`). A general word followed by the
/// specific things (`equipment primarily vests and armored cars`) is no item of its own. The
/// list ends at a break, a heading run into the text, a long stretch without any item, or a
/// comment (`stating that ...`) with no further item joined by `and`.
fn split_items(vocab: &Vocab, toks: &[Token], from: usize, to: usize) -> Vec<ListItem> {
    let caps_text = !toks.iter().any(|t| t.text.chars().any(char::is_lowercase));
    // Where the first item may begin: the object's start, or past a phrase that governs a
    // term without asking for it.
    let mut near = from;
    let mut terms: Vec<(usize, usize, String)> = Vec::new(); // (start, len, category)
    let mut list_end = to;
    let mut i = from;
    while i < to {
        if is_break(&toks[i]) && !(toks[i].text == ":" && terms.is_empty()) || caps_run(toks, i, to)
        {
            list_end = i;
            break;
        }
        // `requested for cell phone minutes, neither the hospital nor the staff had a
        // phone`: before any item, a comma and a new clause end the object.
        if terms.is_empty()
            && toks[i].text == ","
            && toks.get(i + 1).is_some_and(|n| {
                lower_is(
                    n,
                    &[
                        "neither", "but", "which", "while", "although", "though", "because", "yet",
                        "whereas", "since",
                    ],
                )
            })
        {
            list_end = i;
            break;
        }
        if let Some(last) = terms.last() {
            if i - (last.0 + last.1) > MAX_GAP {
                list_end = last.0 + last.1 + MAX_GAP;
                break;
            }
            if comment_at(toks, i) && !and_item_follows(vocab, toks, i, to) {
                list_end = i;
                break;
            }
        }
        // `the joint emergency appeal for aircraft on Wednesday, some 1,500 migrants`: when
        // the request was made ends what was asked for.
        if !terms.is_empty() && time_adjunct(toks, i) {
            list_end = i;
            break;
        }
        if let Some((len, cat)) = item_term_at(vocab, toks, i) {
            // A word of a name (`Border Enforcement Security Task Force`) is no item term.
            // `the Arab League called for military action, as Rice had been warning`: a
            // capital after a lower-case word is a name, not a thing.
            let in_name = capital(&toks[i])
                && !caps_text
                && (i > from && capital(&toks[i - 1])
                    || i > 0 && toks[i - 1].text.chars().all(char::is_lowercase)
                    || toks
                        .get(i + len)
                        .is_some_and(|n| capital(n) && !in_set(n, &NOT_NAMES_SET)));
            // `a million man march`: an amount only after a number.
            let bare_amount = matches!(toks[i].lower.as_ref(), "million" | "billion")
                && !(i > 0
                    && toks[i - 1]
                        .text
                        .starts_with(|c: char| c.is_ascii_digit() || c == '$'));
            // The first thing asked for is named near the verb, not inside a phrase that
            // says something else (`proposals to improve the performance of Mexican forces`).
            let governed = terms.is_empty()
                && (i.saturating_sub(2).max(from)..i).any(|k| in_set(&toks[k], &PREPOSITIONS_SET))
                && !(from..i).any(|k| lower_is(&toks[k], TRANSPARENT));
            if terms.is_empty() && i - near > FIRST_ITEM_WITHIN {
                return Vec::new();
            }
            // `sought help from McConnell's staff`: the giver, not the thing asked for.
            let giver = (from + 1..i)
                .any(|k| toks[k].lower == "from" && GENERIC.contains(&toks[k - 1].lower.as_ref()));
            if governed {
                near = i + len;
            } else if !in_name && !bare_amount && !giver {
                terms.push((i, len, cat));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    let mut items: Vec<ListItem> = Vec::new();
    let mut prev_end = from;
    for (start, len, cat) in terms {
        let starts_new = match items.last() {
            None => true,
            Some(last) => {
                let listed = (start.saturating_sub(2).max(prev_end)..start).any(|k| {
                    lower_is(&toks[k], LIST_WORDS)
                        || lower_is(&toks[k], QUANTIFIERS)
                        || lower_is(&toks[k], SPECIFIERS)
                        || toks[k].lower == "lots"
                });
                let adjacent = start == prev_end
                    && CONCRETE.contains(&cat.as_str())
                    && !matches!(toks[start].lower.as_ref(), "million" | "billion");
                // `for our own troops`, `for all forces`: a preposition with only
                // determiners after it governs the term; so does a verb just before it
                // (`aimed at managing police forces`).
                let governed_by_preposition = (start.saturating_sub(4).max(prev_end)..start)
                    .rev()
                    .take_while(|&k| {
                        lower_is(&toks[k], DETERMINERS) || in_set(&toks[k], &PREPOSITIONS_SET)
                    })
                    .any(|k| in_set(&toks[k], &PREPOSITIONS_SET));
                let modifier = governed_by_preposition
                    || (start.saturating_sub(2).max(prev_end)..start).any(|k| {
                        let w = toks[k].lower.as_ref();
                        w.ends_with("ing") || w.ends_with("ed")
                    });
                let same_abstract = last.category == cat && !CONCRETE.contains(&cat.as_str());
                let amount = matches!(toks[start].lower.as_ref(), "million" | "billion");
                if amount || same_abstract && !adjacent {
                    false
                } else {
                    listed || adjacent || (last.category != cat && !modifier)
                }
            }
        };
        if starts_new {
            let item_start = boundary_before(toks, prev_end, start, items.is_empty(), from);
            if let Some(last) = items.last_mut() {
                last.end = item_start.max(last.start + 1);
            }
            items.push(ListItem {
                start: item_start,
                end: start + len,
                category: cat,
                generic: false,
                for_others: false,
            });
        } else if let Some(last) = items.last_mut() {
            last.end = start + len;
        }
        prev_end = start + len;
    }
    // The last item takes the words after its term, to the end of the list.
    if let Some(last) = items.last_mut() {
        last.end = list_end.min(last.end + 12).max(last.end);
    }
    for item in &mut items {
        if let Some(stop) = (item.start + 1..item.end).find(|&k| comment_at(toks, k)) {
            item.end = stop;
        }
        item.end = item.end.min(item.start + MAX_ITEM_WORDS);
        while item.start + 1 < item.end
            && (lower_is(&toks[item.start], LIST_WORDS)
                || lower_is(&toks[item.start], SPECIFIERS)
                || matches!(toks[item.start].lower.as_ref(), "for" | "to" | "the"))
        {
            item.start += 1;
        }
        while item.end > item.start + 1
            && (lower_is(&toks[item.end - 1], LIST_WORDS)
                || lower_is(&toks[item.end - 1], SPECIFIERS)
                || matches!(
                    toks[item.end - 1].lower.as_ref(),
                    "for"
                        | "to"
                        | "the"
                        | "in"
                        | "of"
                        | "such"
                        | "that"
                        | "which"
                        | "who"
                        | "a"
                        | "an"
                ))
        {
            item.end -= 1;
        }
    }
    // `$84.5 million for urgent Embassy security`: the thing asked for is the money.
    if let Some(first) = items.first_mut() {
        let lead =
            (from..first.start.min(from + 3)).chain(first.start..(first.start + 2).min(first.end));
        if lead.clone().any(|k| toks[k].text.starts_with('$'))
            || lead
                .clone()
                .any(|k| matches!(toks[k].lower.as_ref(), "million" | "billion"))
        {
            first.category = "funding".to_string();
            first.start = first.start.min(
                (from..first.start)
                    .find(|&k| toks[k].text.starts_with('$'))
                    .unwrap_or(first.start),
            );
        }
    }
    // A general word followed by its specific things of the same kind (`limited equipment
    // armored cars ballistic vests`, `equipment primarily vests`) is no item of its own.
    let mut k = 0;
    while k + 1 < items.len() {
        let a = &items[k];
        let b = &items[k + 1];
        let general = a.end - a.start <= 2
            && (a.start..a.end).any(|j| {
                matches!(
                    toks[j].lower.as_ref(),
                    "equipment" | "supplies" | "items" | "assistance" | "support" | "aid" | "help"
                )
            });
        let specified = (a.end..b.start + 1)
            .any(|j| j < toks.len() && lower_is(&toks[j], SPECIFIERS))
            || b.start == a.end;
        if general && specified && (a.category == b.category || a.category == "support") {
            items.remove(k);
        } else {
            k += 1;
        }
    }
    // `help`, `USG assistance`: a bare appeal names nothing asked for; with a purpose after
    // it (`help turning around the image`, `Russian help to stop ethnic fighting`) it does.
    // `my help`, `your help` are favours between people, not help between governments.
    let listed = items.len() > 1;
    items.retain_mut(|it| {
        if it.category != "support" {
            return true;
        }
        let words = &toks[it.start..it.end];
        if words
            .iter()
            .any(|t| matches!(t.lower.as_ref(), "my" | "your"))
        {
            return false;
        }
        let bare = words.iter().all(|t| {
            GENERIC.contains(&t.lower.as_ref())
                || t.text.chars().all(|c| c.is_uppercase() || c == '.')
                || matches!(
                    t.lower.as_ref(),
                    "our"
                        | "some"
                        | "more"
                        | "any"
                        | "usg"
                        | "u.s"
                        | "u.s."
                        | "us"
                        | "american"
                        | "international"
                        | "further"
                        | "additional"
                        | "continued"
                        | "the"
                        | "for"
                        | "your"
                )
                || capital(t) && t.text.ends_with('n')
        });
        let purpose = words.iter().any(|t| {
            matches!(t.lower.as_ref(), "in" | "to" | "with" | "on" | "for")
                || t.lower.ends_with("ing") && !GENERIC.contains(&t.lower.as_ref())
        });
        it.generic = words
            .iter()
            .take(3)
            .any(|t| GENERIC.contains(&t.lower.as_ref()));
        it.for_others = words.windows(2).any(|w| {
            GENERIC.contains(&w[0].lower.as_ref()) && matches!(w[1].lower.as_ref(), "of" | "for")
        });
        // `your mentorship & support`: support beside another thing asked for is one too.
        (!bare && (purpose || !it.generic)) || listed
    });
    items
}

/// `more guards and safety upgrades to the diplomatic mission`: the last item's `to the ...`
/// belongs to the short items before it too.
fn shared_tail(toks: &[Token], items: &[ListItem]) -> Option<usize> {
    let last = items.last()?;
    if items.len() < 2 {
        return None;
    }
    (last.start + 1..last.end.saturating_sub(1)).find(|&k| {
        matches!(toks[k].lower.as_ref(), "to" | "for" | "at") && toks[k + 1].lower == "the"
    })
}

/// A comment on the request, not part of it: `stating that`, `noting`, `although`.
fn comment_at(toks: &[Token], k: usize) -> bool {
    ITEM_STOPS.iter().any(|s| {
        s.iter()
            .enumerate()
            .all(|(j, w)| toks.get(k + j).is_some_and(|t| t.lower == *w))
    })
}

/// `... rather than how to do operations and support to vetting processes`: the list goes on.
fn and_item_follows(vocab: &Vocab, toks: &[Token], k: usize, to: usize) -> bool {
    (k + 1..(k + 10).min(to)).any(|j| {
        toks[j].lower == "and"
            && (j + 1..(j + 3).min(to)).any(|m| item_term_at(vocab, toks, m).is_some())
    })
}

/// Where the item holding the term at `term` begins: at the last list word or quantifier
/// between the previous item and the term; the first item takes a few words before its term
/// (`the entry of outside armed forces`, `a more robust security force presence`).
fn boundary_before(
    toks: &[Token],
    prev_end: usize,
    term: usize,
    first: bool,
    from: usize,
) -> usize {
    let mut k = term;
    while k > prev_end {
        let w = toks[k - 1].lower.as_ref();
        if QUANTIFIERS.contains(&w) || matches!(w, "a" | "an") && k > prev_end {
            // `a more robust`: the article opens the item.
            let mut j = k - 1;
            while j > prev_end
                && (QUANTIFIERS.contains(&toks[j - 1].lower.as_ref())
                    || matches!(toks[j - 1].lower.as_ref(), "a" | "an"))
            {
                j -= 1;
            }
            return j;
        }
        if w == "of" && k >= 2 && toks[k - 2].lower == "lots" {
            return k - 2;
        }
        if matches!(w, "and" | "plus" | "," | "or") || SPECIFIERS.contains(&w) {
            return k;
        }
        k -= 1;
    }
    if first && term - from <= 7 {
        from
    } else if term - prev_end <= 3 {
        prev_end
    } else {
        term
    }
}

/// A time said of the request at `i`: `on Wednesday`, `yesterday`, `last week`; unless the
/// thing asked for comes after it (`seek Arab support on Thursday for a humanitarian
/// corridor`).
fn time_adjunct(toks: &[Token], i: usize) -> bool {
    let next = |w: &[&str]| toks.get(i + 1).is_some_and(|t| lower_is(t, w));
    let len = match toks[i].lower.as_ref() {
        "on" if next(WEEKDAYS) => 2,
        "yesterday" | "today" | "tonight" => 1,
        "last" | "this" | "earlier" if next(&["week", "weekend", "month", "night", "morning"]) => 2,
        _ => return false,
    };
    !toks
        .get(i + len)
        .is_some_and(|t| lower_is(t, &["for", "of", "and"]))
}

/// Three or more words in capitals in mixed-case text: a section heading the stripping ran
/// into the paragraph.
fn caps_run(toks: &[Token], i: usize, to: usize) -> bool {
    let caps = |t: &Token| {
        t.text.len() > 1
            && t.text.chars().any(|c| c.is_alphabetic())
            && !t.text.chars().any(|c| c.is_lowercase())
    };
    let run = toks[i..to.min(i + 3)]
        .iter()
        .take_while(|t| caps(t))
        .count();
    run >= 3
        && toks
            .iter()
            .any(|t| t.text.chars().any(|c| c.is_lowercase()))
        && i > 0
        && !caps(&toks[i - 1])
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Item> {
        requests(
            &Vocab::builtin(),
            text,
            super::super::text::stripped(text),
            true,
            &mut Discourse::default(),
        )
    }

    fn items(text: &str) -> Vec<String> {
        read(text).into_iter().map(|i| i.item).collect()
    }

    #[test]
    fn run_on_list_of_the_seed() {
        let p1 = "--Assistance requests modest Mexican interlocutors identified discrete areas where they believe the USG can help some technology lots of intelligence sharing limited equipment armored cars ballistic vests training aimed at managing police forces rather than how to do operations and support to vetting processes State and local -- State and local forces are critical";
        let got = read(p1);
        let names: Vec<&str> = got.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(names.len(), 6, "{names:#?}");
        assert!(names[0].contains("technology"));
        assert!(names[1].contains("intelligence sharing"));
        assert_eq!(names[2], "armored cars");
        assert_eq!(names[3], "ballistic vests");
        assert!(names[4].starts_with("training aimed at managing police forces"));
        assert!(names[5].contains("support to vetting processes"));
        assert_eq!(got[0].requester.as_deref(), Some("Mexican interlocutors"));
        assert_eq!(got[0].asked_of.as_deref(), Some("the USG"));
    }

    #[test]
    fn key_ask_and_requester() {
        let r = read("The key ask from Municipal Dirctor Leyzaola was for equipment primarily vests and armored cars and training in professionalism and leadership.");
        let got: Vec<&str> = r.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(
            got,
            [
                "vests",
                "armored cars",
                "training in professionalism and leadership"
            ]
        );
        assert_eq!(
            r[0].requester.as_deref(),
            Some("Municipal Dirctor Leyzaola")
        );
    }

    #[test]
    fn questions_are_not_requests() {
        assert!(items(
            "TALBOTT ASKED WHAT STEPS THE GOVERNMENT WOULD TAKE TO SUPPORT THE ELECTION."
        )
        .is_empty());
    }
}
