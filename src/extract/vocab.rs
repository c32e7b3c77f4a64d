//! The terms extraction works from, loaded from `data/vocab/*.csv` (built in, or a
//! librarian's edited copies stored in the catalog): agencies, violence terms, request
//! phrases and item categories. Nothing of this is written in code.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use anyhow::{Context, Result};

/// One agency of `agencies.csv`.
#[derive(Debug, Clone)]
pub struct Agency {
    pub acronym: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub aliases: Vec<String>,
    /// The acronym is also an everyday word (`ICE`, `PEP`, `AF`): matched only in upper case,
    /// and not at all in all-capitals text.
    pub word: bool,
    pub source: String,
}

/// How a violence term is said of the number it counts (`violence_terms.csv`, `form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermForm {
    /// Said of the people harmed: `13 policemen were killed`, `killing 16 civilians`.
    Verb,
    /// Counts the harm or the events itself: `15 deaths`, `18 attacks`, `the death toll`.
    Noun,
    /// Names the people, not the harm: `23 hostages were killed` (the verb decides; alone,
    /// `hostages` are taken hostage).
    Victim,
}

#[derive(Debug, Clone)]
pub struct ViolenceTerm {
    pub measure: String,
    /// killed, injured, kidnapped, casualties or attacks; empty for a victim word that says
    /// no harm of its own (`victims`).
    pub class: String,
    pub form: TermForm,
    /// Ambiguous terms (`deaths`, `injured`, `lost`) count only with a violence word nearby.
    pub needs_context: bool,
}

/// How a request phrase is read (`request_phrases.csv`, `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// An ask whose object follows: `asked for`, `request for`, `key ask`.
    Ask,
    /// A verb of asking that names whom it asks first: `asked X for Y`, `asked X to provide Y`.
    AskBare,
    /// A need stated by the party that has it: `we need`, `are urgently needed`.
    Need,
    /// A proposal of a thing: `suggested a road`.
    Suggest,
    /// What another party can do for the speaker: `the USG can help`.
    Help,
    /// A public call (`called for assistance`): a request when a party calls for help for
    /// itself, a policy when it calls for support of someone else.
    Call,
}

/// What a word of `actors.csv` says of who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A title before a name: `Governor`, `FM`.
    Title,
    /// An office or government: `government`, `delegation`.
    Body,
    /// The US government and its offices.
    Us,
    /// A country or its people (`Qatar`, `Mexican`): a government.
    Country,
}

/// Every term, ready for matching.
pub struct Vocab {
    pub agencies: Vec<Agency>,
    /// Acronyms, matched case-sensitively: pattern index -> agency index.
    acronyms: AhoCorasick,
    acronym_agency: Vec<usize>,
    /// Names and aliases, matched ignoring case.
    names: AhoCorasick,
    name_agency: Vec<usize>,
    pub violence: FxHashMap<String, ViolenceTerm>,
    /// Words that make an ambiguous term a violence figure.
    pub context: FxHashSet<String>,
    /// Words that rule a figure out near them, with why: disaster, disease, accident,
    /// judicial, poll, detention.
    pub excluders: FxHashMap<String, String>,
    /// Request phrases, lower case, longest first, with how each is read.
    pub request_phrases: Vec<(Vec<String>, PhraseKind)>,
    /// Words that name who asks (lower case; multi-word entries by their words).
    pub actors: FxHashMap<String, ActorKind>,
    pub actor_phrases: Vec<(Vec<String>, ActorKind)>,
    /// Verbs that make `asked X to <verb>` a request (`share`, `provide`), lower case.
    pub object_verbs: FxHashSet<String>,
    /// Item terms (lower-case word sequences) and their category, longest first.
    pub items: Vec<(Vec<String>, String)>,
    /// Request phrases and item terms by their first word (indexes into the lists above).
    pub phrases_by_first: FxHashMap<String, Vec<usize>>,
    pub items_by_first: FxHashMap<String, Vec<usize>>,
    /// Quick tests, before a paragraph is read word by word: does it hold a violence term,
    /// a violence context word, the first word of a request phrase?
    violence_any: AhoCorasick,
    /// The names, the violence terms, the request words and the harm words of the lists
    /// above in one automaton, for reading a whole paragraph in one pass (`scan`).
    paragraph_words: WordLists,
    /// Words of disaster, disease and accident, and the violence terms that need no
    /// context, each list alone: `scan` reads them with the other lists, and its test
    /// checks it against these.
    #[cfg(test)]
    disaster_any: AhoCorasick,
    #[cfg(test)]
    plain_violence_any: AhoCorasick,
    context_any: AhoCorasick,
    request_any: AhoCorasick,
}

fn any_of<'a>(words: impl Iterator<Item = &'a str>) -> Result<AhoCorasick> {
    let words: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    Ok(AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(words)?)
}

/// How many whole words of `text` `ac` finds (the harm words' reading, which `Vocab::scan`
/// replaced and its test checks it against).
#[cfg(test)]
fn count_words(ac: &AhoCorasick, text: &str) -> usize {
    let bytes = text.as_bytes();
    ac.find_iter(text)
        .filter(|m| whole_word(bytes, m.start(), m.end()))
        .count()
}

/// Whether `ac` finds a whole word of `text`.
fn has_word(ac: &AhoCorasick, text: &str) -> bool {
    let bytes = text.as_bytes();
    ac.find_iter(text)
        .any(|m| whole_word(bytes, m.start(), m.end()))
}

/// Whether `bytes[start..end]` stands as a whole word.
fn whole_word(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
    let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
    before && after
}

/// What `Vocab::scan` found in a paragraph.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scanned {
    /// Agencies named, with how often (as `Vocab::agencies_in`).
    pub agencies: Vec<(usize, u32)>,
    pub violence: bool,
    pub request: bool,
    /// Words of disaster, disease or accident, and violence terms that need no context.
    pub harm: (usize, usize),
}

/// The lists of `WordLists` a paragraph is scanned for.
const NAMES: usize = 0;
const VIOLENCE: usize = 1;
const REQUEST: usize = 2;
const DISASTER: usize = 3;
const PLAIN_VIOLENCE: usize = 4;

/// Word lists matched ignoring ASCII case, all in one pass over a text; each list's matches
/// are the ones a leftmost-longest search of that list alone finds.
struct WordLists {
    /// Every list's words, in one automaton that reports every occurrence.
    all: AhoCorasick,
    /// Pattern of `all` -> (list, the word's place in its list).
    of: Vec<(usize, usize)>,
}

impl WordLists {
    fn build(lists: &[Vec<&str>]) -> Result<WordLists> {
        let mut words = Vec::new();
        let mut of = Vec::new();
        for (list, ws) in lists.iter().enumerate() {
            for (i, w) in ws.iter().enumerate() {
                if !w.is_empty() {
                    words.push(*w);
                    of.push((list, i));
                }
            }
        }
        let all = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)?;
        Ok(WordLists { all, of })
    }

    /// Call `each(list, word)` for every whole word of `text` that a list's own
    /// leftmost-longest search finds, list by list, left to right.
    fn whole_words(&self, text: &str, mut each: impl FnMut(usize, usize)) {
        let bytes = text.as_bytes();
        // (list, start, end, word): every occurrence of every word.
        let mut found: Vec<(usize, usize, usize, usize)> = self
            .all
            .find_overlapping_iter(text)
            .map(|m| {
                let (list, word) = self.of[m.pattern().as_usize()];
                (list, m.start(), m.end(), word)
            })
            .collect();
        // Leftmost first; at one start, the longest; at one span, the word listed first.
        found.sort_unstable_by_key(|&(list, start, end, word)| {
            (list, start, std::cmp::Reverse(end), word)
        });
        let mut list_now = usize::MAX;
        let mut free_from = 0;
        for (list, start, end, word) in found {
            if list != list_now {
                list_now = list;
                free_from = 0;
            }
            // A match takes its span from later ones of its list, whole word or not.
            if start < free_from {
                continue;
            }
            free_from = end;
            if whole_word(bytes, start, end) {
                each(list, word);
            }
        }
    }
}

/// The text of the vocabulary files extraction reads.
#[derive(Debug, Clone)]
pub struct VocabFiles {
    pub agencies: String,
    pub violence_terms: String,
    pub violence_context: String,
    pub request_phrases: String,
    pub request_items: String,
    pub actors: String,
}

impl VocabFiles {
    pub fn builtin() -> VocabFiles {
        VocabFiles {
            agencies: include_str!("../../data/vocab/agencies.csv").into(),
            violence_terms: include_str!("../../data/vocab/violence_terms.csv").into(),
            violence_context: include_str!("../../data/vocab/violence_context.csv").into(),
            request_phrases: include_str!("../../data/vocab/request_phrases.csv").into(),
            request_items: include_str!("../../data/vocab/request_items.csv").into(),
            actors: include_str!("../../data/vocab/actors.csv").into(),
        }
    }
}

/// Rows of a CSV as maps from header to value.
pub fn rows(name: &str, text: &str) -> Result<Vec<HashMap<String, String>>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .with_context(|| format!("{name}: no header row"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{name}: row {}", i + 2))?;
        out.push(
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(|v| v.trim().to_string()))
                .collect(),
        );
    }
    Ok(out)
}

fn get<'a>(row: &'a HashMap<String, String>, key: &str) -> &'a str {
    row.get(key).map(String::as_str).unwrap_or("")
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.to_lowercase()).collect()
}

impl Vocab {
    pub fn builtin() -> Vocab {
        Vocab::from_files(&VocabFiles::builtin()).expect("built-in vocabularies are valid")
    }

    pub fn from_files(files: &VocabFiles) -> Result<Vocab> {
        let agencies: Vec<Agency> = rows("agencies.csv", &files.agencies)?
            .iter()
            .filter(|r| !get(r, "acronym").is_empty())
            .map(|r| Agency {
                acronym: get(r, "acronym").to_string(),
                name: get(r, "name").to_string(),
                country: get(r, "country").to_string(),
                kind: get(r, "kind").to_string(),
                aliases: get(r, "aliases")
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
                word: get(r, "word").eq_ignore_ascii_case("yes"),
                source: get(r, "source").to_string(),
            })
            .collect();
        let mut acronym_patterns = Vec::new();
        let mut acronym_agency = Vec::new();
        let mut name_patterns = Vec::new();
        let mut name_agency = Vec::new();
        for (i, a) in agencies.iter().enumerate() {
            acronym_patterns.push(a.acronym.clone());
            acronym_agency.push(i);
            name_patterns.push(a.name.clone());
            name_agency.push(i);
            for alias in &a.aliases {
                // An alias in capitals is an acronym (`USNORTHCOM`); others are names.
                let is_acronym = alias.len() <= 12
                    && alias
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-/".contains(c));
                if is_acronym {
                    acronym_patterns.push(alias.clone());
                    acronym_agency.push(i);
                } else {
                    name_patterns.push(alias.clone());
                    name_agency.push(i);
                }
            }
        }
        // Full DFAs: larger, but the fastest to scan every paragraph with.
        let acronyms = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&acronym_patterns)?;
        let names = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&name_patterns)?;

        let mut violence: FxHashMap<String, ViolenceTerm> = FxHashMap::default();
        for r in rows("violence_terms.csv", &files.violence_terms)? {
            let term = get(&r, "term").to_lowercase();
            if term.is_empty() {
                continue;
            }
            let form = match get(&r, "form") {
                "noun" => TermForm::Noun,
                "victim" => TermForm::Victim,
                "verb" | "" => TermForm::Verb,
                other => anyhow::bail!(
                    "violence_terms.csv: term {term:?} has form {other:?}; the forms are verb, noun, victim"
                ),
            };
            let class = get(&r, "class").to_lowercase();
            if !matches!(
                class.as_str(),
                "killed" | "injured" | "kidnapped" | "casualties" | "attacks" | ""
            ) {
                anyhow::bail!(
                    "violence_terms.csv: term {term:?} has class {class:?}; the classes are killed, injured, kidnapped, casualties, attacks"
                );
            }
            violence.insert(
                term,
                ViolenceTerm {
                    measure: get(&r, "measure").to_string(),
                    class,
                    form,
                    needs_context: get(&r, "needs_context").eq_ignore_ascii_case("yes"),
                },
            );
        }
        let mut context: FxHashSet<String> = FxHashSet::default();
        let mut excluders: FxHashMap<String, String> = FxHashMap::default();
        for r in rows("violence_context.csv", &files.violence_context)? {
            let word = get(&r, "word").to_lowercase();
            if word.is_empty() {
                continue;
            }
            match get(&r, "kind") {
                "" | "violence" => {
                    context.insert(word);
                }
                kind => {
                    excluders.insert(word, kind.to_string());
                }
            }
        }
        let phrase_rows = rows("request_phrases.csv", &files.request_phrases)?;
        let object_verbs = phrase_rows
            .iter()
            .filter(|r| matches!(get(r, "kind"), "object" | "object_verb"))
            .map(|r| get(r, "phrase").to_lowercase())
            .collect();
        let mut request_phrases: Vec<(Vec<String>, PhraseKind)> = Vec::new();
        for r in &phrase_rows {
            let kind = match get(r, "kind") {
                "object" | "object_verb" => continue,
                "ask" | "request" | "" => PhraseKind::Ask,
                "ask_bare" => PhraseKind::AskBare,
                "need" => PhraseKind::Need,
                "suggest" => PhraseKind::Suggest,
                "call" => PhraseKind::Call,
                "help" => PhraseKind::Help,
                other => anyhow::bail!(
                    "request_phrases.csv: phrase {:?} has kind {other:?}; the kinds are ask, ask_bare, need, suggest, help, call, object",
                    get(r, "phrase")
                ),
            };
            let w = words(get(r, "phrase"));
            if !w.is_empty() {
                request_phrases.push((w, kind));
            }
        }
        request_phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut actors: FxHashMap<String, ActorKind> = FxHashMap::default();
        let mut actor_phrases: Vec<(Vec<String>, ActorKind)> = Vec::new();
        for r in rows("actors.csv", &files.actors)? {
            let kind = match get(&r, "kind") {
                "title" => ActorKind::Title,
                "body" => ActorKind::Body,
                "us" => ActorKind::Us,
                "country" => ActorKind::Country,
                other => anyhow::bail!(
                    "actors.csv: word {:?} has kind {other:?}; the kinds are title, body, us, country",
                    get(&r, "word")
                ),
            };
            let w = words(get(&r, "word"));
            match w.len() {
                0 => {}
                1 => {
                    actors.entry(w[0].clone()).or_insert(kind);
                }
                _ => actor_phrases.push((w, kind)),
            }
        }
        actor_phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut items: Vec<(Vec<String>, String)> =
            rows("request_items.csv", &files.request_items)?
                .iter()
                .map(|r| (words(get(r, "term")), get(r, "category").to_string()))
                .filter(|(w, _)| !w.is_empty())
                .collect();
        items.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let violence_words: Vec<&str> = violence.keys().map(String::as_str).collect();
        let disaster_words: Vec<&str> = excluders
            .iter()
            .filter(|(_, k)| matches!(k.as_str(), "disaster" | "disease" | "accident"))
            .map(|(w, _)| w.as_str())
            .collect();
        let plain_violence_words: Vec<&str> = violence
            .iter()
            .filter(|(_, t)| !t.needs_context)
            .map(|(w, _)| w.as_str())
            .collect();
        // The longest word of each phrase is its rarest: `help` of `can help`.
        let request_words: Vec<&str> = request_phrases
            .iter()
            .map(|(p, _)| p.iter().max_by_key(|w| w.len()).unwrap().as_str())
            .collect();
        let violence_any = any_of(violence_words.iter().copied())?;
        #[cfg(test)]
        let disaster_any = any_of(disaster_words.iter().copied())?;
        #[cfg(test)]
        let plain_violence_any = any_of(plain_violence_words.iter().copied())?;
        let context_any = any_of(context.iter().map(String::as_str))?;
        let request_any = any_of(request_words.iter().copied())?;
        let name_words: Vec<&str> = name_patterns.iter().map(String::as_str).collect();
        let mut lists = [Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        lists[NAMES] = name_words;
        lists[VIOLENCE] = violence_words;
        lists[REQUEST] = request_words;
        lists[DISASTER] = disaster_words;
        lists[PLAIN_VIOLENCE] = plain_violence_words;
        let paragraph_words = WordLists::build(&lists)?;
        let mut phrases_by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (p, _)) in request_phrases.iter().enumerate() {
            phrases_by_first.entry(p[0].clone()).or_default().push(i);
        }
        let mut items_by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (w, _)) in items.iter().enumerate() {
            items_by_first.entry(w[0].clone()).or_default().push(i);
        }
        Ok(Vocab {
            phrases_by_first,
            items_by_first,
            violence_any,
            paragraph_words,
            #[cfg(test)]
            disaster_any,
            #[cfg(test)]
            plain_violence_any,
            context_any,
            request_any,
            agencies,
            acronyms,
            acronym_agency,
            names,
            name_agency,
            violence,
            context,
            excluders,
            request_phrases,
            actors,
            actor_phrases,
            object_verbs,
            items,
        })
    }

    /// Agencies named in `text`, with how often: whole words only, acronyms in their case,
    /// acronyms that are also words not at all when the text shouts in capitals.
    pub fn agencies_in(&self, text: &str) -> Vec<(usize, u32)> {
        self.find_agencies(text, super::text::shouting(text))
    }

    /// What a paragraph holds of the vocabularies: its agencies (as `agencies_in`), whether
    /// it mentions violence (`mentions_violence`) or a request (`mentions_request`), and its
    /// harm words (`harm_words`); read in two passes (the acronyms, in their case, and the
    /// other lists together) rather than one pass for each list.
    pub fn scan(&self, text: &str) -> Scanned {
        let shouting = super::text::shouting(text);
        let mut counts: FxHashMap<usize, u32> = FxHashMap::default();
        self.count_acronyms(text, shouting, &mut counts);
        let mut scanned = Scanned::default();
        self.paragraph_words
            .whole_words(text, |list, pattern| match list {
                NAMES => *counts.entry(self.name_agency[pattern]).or_default() += 1,
                VIOLENCE => scanned.violence = true,
                REQUEST => scanned.request = true,
                DISASTER => scanned.harm.0 += 1,
                _ => scanned.harm.1 += 1,
            });
        scanned.agencies = counts.into_iter().collect();
        scanned.agencies.sort();
        scanned
    }

    fn count_acronyms(&self, text: &str, shouting: bool, counts: &mut FxHashMap<usize, u32>) {
        let bytes = text.as_bytes();
        for m in self.acronyms.find_iter(text) {
            if !whole_word(bytes, m.start(), m.end()) {
                continue;
            }
            let agency = self.acronym_agency[m.pattern().as_usize()];
            if shouting && self.agencies[agency].word {
                continue;
            }
            *counts.entry(agency).or_default() += 1;
        }
    }

    fn find_agencies(&self, text: &str, shouting: bool) -> Vec<(usize, u32)> {
        let mut counts: FxHashMap<usize, u32> = FxHashMap::default();
        let bytes = text.as_bytes();
        self.count_acronyms(text, shouting, &mut counts);
        for m in self.names.find_iter(text) {
            if !whole_word(bytes, m.start(), m.end()) {
                continue;
            }
            let agency = self.name_agency[m.pattern().as_usize()];
            *counts.entry(agency).or_default() += 1;
        }
        let mut out: Vec<(usize, u32)> = counts.into_iter().collect();
        out.sort();
        out
    }

    /// Whether `words` name a government, an office or a country (`Qatar`, `the UK
    /// officials`, `the United Arab Emirates`, `the Chilean government`).
    pub fn names_government(&self, words: &[&str]) -> bool {
        let lower: Vec<String> = words
            .iter()
            .map(|w| w.to_lowercase().trim_end_matches(['.', ',']).to_string())
            .collect();
        lower.iter().any(|w| {
            matches!(
                self.actors.get(w.as_str()),
                Some(ActorKind::Body | ActorKind::Us | ActorKind::Country)
            )
        }) || self.actor_phrases.iter().any(|(p, k)| {
            matches!(k, ActorKind::Body | ActorKind::Us | ActorKind::Country)
                && lower.windows(p.len()).any(|w| w == p.as_slice())
        })
    }

    /// Whether `words` name the US government or one of its offices (`the United States`,
    /// `Washington`, `the USG`); `we`, `our` and `you` do not.
    pub fn names_us(&self, words: &[&str]) -> bool {
        let lower: Vec<String> = words
            .iter()
            .map(|w| w.to_lowercase().trim_end_matches(',').to_string())
            .collect();
        // `asked us to provide you`: the pronoun is the writer, `US` the country; the
        // `Washington Post` is a newspaper.
        let newspaper = |k: usize| {
            let w = lower[k].as_str();
            lower
                .get(k + 1)
                .is_some_and(|n| matches!(n.as_str(), "post" | "times" | "examiner"))
                || k > 0 && lower[k - 1] == "washington" && matches!(w, "post" | "times")
        };
        let pronoun = |k: usize| {
            matches!(lower[k].as_str(), "we" | "our" | "you" | "your")
                || lower[k] == "us" && words[k] != "US"
        };
        // `American Jewish groups`, `the American public`: the adjective names the US
        // government only before a word of government (`American officials`).
        let people = |k: usize| {
            lower[k] == "american"
                && lower.get(k + 1).is_some_and(|n| {
                    !matches!(
                        n.as_str(),
                        "officials"
                            | "official"
                            | "diplomats"
                            | "diplomat"
                            | "embassy"
                            | "government"
                            | "administration"
                            | "military"
                            | "forces"
                            | "troops"
                            | "ambassador"
                            | "side"
                            | "delegation"
                            | "authorities"
                            | "negotiators"
                            | "mission"
                            | "consulate"
                            | "officers"
                            | "leaders"
                            | "leadership"
                    )
                })
        };
        (0..lower.len()).any(|k| {
            self.actors.get(lower[k].as_str()) == Some(&ActorKind::Us)
                && !pronoun(k)
                && !newspaper(k)
                && !people(k)
        }) || self
            .actor_phrases
            .iter()
            .any(|(p, k)| *k == ActorKind::Us && lower.windows(p.len()).any(|w| w == p.as_slice()))
    }

    /// Why `word` (lower case) rules a figure out near it, if it does.
    pub fn excluder(&self, word: &str) -> Option<&str> {
        self.excluders.get(word).map(String::as_str)
    }

    /// Words of disaster, disease or accident in `text`, and violence terms that need no
    /// context, each list searched alone (`scan` reads them in its one pass).
    #[cfg(test)]
    pub fn harm_words(&self, text: &str) -> (usize, usize) {
        (
            count_words(&self.disaster_any, text),
            count_words(&self.plain_violence_any, text),
        )
    }

    pub fn mentions_violence(&self, text: &str) -> bool {
        has_word(&self.violence_any, text)
    }

    pub fn violence_context(&self, text: &str) -> bool {
        has_word(&self.context_any, text)
    }

    pub fn mentions_request(&self, text: &str) -> bool {
        has_word(&self.request_any, text)
    }

    /// The agency an addressee line names (`FBI WASHINGTON DC`, `SECSTATE WASHDC`).
    pub fn agency_of_addressee(&self, name: &str) -> Option<usize> {
        // Addressee lines are always in capitals; every acronym counts there.
        self.find_agencies(name, false)
            .into_iter()
            .map(|(a, _)| a)
            .next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass over a paragraph reads it as the separate searches do, where one word of a
    /// list hides another of the same list (`car bomb` and `bomb`), where words run into
    /// other words, and in capitals.
    #[test]
    fn one_scan_reads_a_paragraph_as_each_list_alone() {
        let v = Vocab::builtin();
        let texts = [
            "The FBI and the Drug Enforcement Administration asked for help after the attack.",
            "A car bomb killed 12; xcar bomb; bombs bombed, the bomb.",
            "EMBASSY REQUESTS FBI ASSISTANCE. ICE AND DEA AGENTS WERE SHOT.",
            "The earthquake and cholera outbreak killed 300; the flood destroyed homes.",
            "skilled killers; unattacked; Federal Bureau of Investigationx; the UN, the EU.",
            "",
        ];
        for t in texts {
            let scan = v.scan(t);
            assert_eq!(scan.agencies, v.agencies_in(t), "{t}");
            assert_eq!(scan.violence, v.mentions_violence(t), "{t}");
            assert_eq!(scan.request, v.mentions_request(t), "{t}");
            assert_eq!(scan.harm, v.harm_words(t), "{t}");
        }
        let shadow = WordLists::build(&[vec!["car bomb", "bomb"], vec!["bomb"]]).unwrap();
        let mut seen = Vec::new();
        shadow.whole_words("xcar bomb, a bomb", |list, word| seen.push((list, word)));
        // `car bomb` takes `bomb` in its list (not a whole word, so nothing), not in the
        // other.
        assert_eq!(seen, vec![(0, 1), (1, 0), (1, 0)]);
    }

    #[test]
    fn agencies_by_acronym_name_and_alias() {
        let v = Vocab::builtin();
        let find = |t: &str| -> Vec<String> {
            v.agencies_in(t)
                .into_iter()
                .map(|(a, _)| v.agencies[a].acronym.clone())
                .collect()
        };
        assert_eq!(
            find("The FBI and the Drug Enforcement Administration met SEDENA."),
            ["FBI", "DEA", "SEDENA"]
        );
        assert_eq!(find("ICE agents briefed; thin ice on the pond"), ["ICE"]);
        assert!(
            find("THE ICE ON THE RIVER WAS THICK THIS WINTER").is_empty(),
            "ICE is a word in capitals"
        );
        assert_eq!(find("CDR USNORTHCOM PETERSON AFB CO"), ["NORTHCOM"]);
        assert_eq!(find("Secretaría de la Defensa Nacional"), ["SEDENA"]);
        assert!(find("FBIS reports").is_empty(), "whole words only");
    }

    #[test]
    fn vocabularies_are_large_enough() {
        let v = Vocab::builtin();
        assert!(v.agencies.len() >= 150);
        assert!(v.violence.contains_key("killed"));
        assert!(!v.request_phrases.is_empty() && !v.items.is_empty());
    }
}
