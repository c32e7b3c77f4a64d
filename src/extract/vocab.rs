//! The terms extraction works from, loaded from `data/vocab/*.csv` (built in, or a
//! librarian's edited copies stored in the catalog): agencies, violence terms, request
//! phrases and item categories. Nothing of this is written in code.

use std::collections::{HashMap, HashSet};

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

#[derive(Debug, Clone)]
pub struct ViolenceTerm {
    pub measure: String,
    /// Ambiguous terms (`deaths`, `injured`, `lost`) count only with a violence word nearby.
    pub needs_context: bool,
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
    pub violence: HashMap<String, ViolenceTerm>,
    pub context: HashSet<String>,
    /// Request phrases, lower case, longest first.
    pub request_phrases: Vec<Vec<String>>,
    /// Verbs that make `asked X to <verb>` a request (`share`, `provide`), lower case.
    pub object_verbs: HashSet<String>,
    /// Item terms (lower-case word sequences) and their category, longest first.
    pub items: Vec<(Vec<String>, String)>,
    /// Request phrases and item terms by their first word (indexes into the lists above).
    pub phrases_by_first: HashMap<String, Vec<usize>>,
    pub items_by_first: HashMap<String, Vec<usize>>,
    /// Quick tests, before a paragraph is read word by word: does it hold a violence term,
    /// a violence context word, the first word of a request phrase?
    violence_any: AhoCorasick,
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

/// Whether `ac` finds a whole word of `text`.
fn has_word(ac: &AhoCorasick, text: &str) -> bool {
    let bytes = text.as_bytes();
    ac.find_iter(text).any(|m| {
        let before = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
        let after = m.end() >= bytes.len() || !bytes[m.end()].is_ascii_alphanumeric();
        before && after
    })
}

/// The text of the vocabulary files extraction reads.
#[derive(Debug, Clone)]
pub struct VocabFiles {
    pub agencies: String,
    pub violence_terms: String,
    pub violence_context: String,
    pub request_phrases: String,
    pub request_items: String,
}

impl VocabFiles {
    pub fn builtin() -> VocabFiles {
        VocabFiles {
            agencies: include_str!("../../data/vocab/agencies.csv").into(),
            violence_terms: include_str!("../../data/vocab/violence_terms.csv").into(),
            violence_context: include_str!("../../data/vocab/violence_context.csv").into(),
            request_phrases: include_str!("../../data/vocab/request_phrases.csv").into(),
            request_items: include_str!("../../data/vocab/request_items.csv").into(),
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

        let violence: HashMap<String, ViolenceTerm> =
            rows("violence_terms.csv", &files.violence_terms)?
                .iter()
                .filter(|r| !get(r, "term").is_empty())
                .map(|r| {
                    (
                        get(r, "term").to_lowercase(),
                        ViolenceTerm {
                            measure: get(r, "measure").to_string(),
                            needs_context: get(r, "needs_context").eq_ignore_ascii_case("yes"),
                        },
                    )
                })
                .collect();
        let context: HashSet<String> = rows("violence_context.csv", &files.violence_context)?
            .iter()
            .map(|r| get(r, "word").to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let phrase_rows = rows("request_phrases.csv", &files.request_phrases)?;
        let object_verbs = phrase_rows
            .iter()
            .filter(|r| get(r, "kind") == "object_verb")
            .map(|r| get(r, "phrase").to_lowercase())
            .collect();
        let mut request_phrases: Vec<Vec<String>> = phrase_rows
            .iter()
            .filter(|r| get(r, "kind") != "object_verb")
            .map(|r| words(get(r, "phrase")))
            .filter(|w| !w.is_empty())
            .collect();
        request_phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut items: Vec<(Vec<String>, String)> =
            rows("request_items.csv", &files.request_items)?
                .iter()
                .map(|r| (words(get(r, "term")), get(r, "category").to_string()))
                .filter(|(w, _)| !w.is_empty())
                .collect();
        items.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let violence: HashMap<String, ViolenceTerm> = violence;
        let context: HashSet<String> = context;
        let violence_any = any_of(violence.keys().map(String::as_str))?;
        let context_any = any_of(context.iter().map(String::as_str))?;
        // The longest word of each phrase is its rarest: `help` of `can help`.
        let request_any = any_of(
            request_phrases
                .iter()
                .map(|p| p.iter().max_by_key(|w| w.len()).unwrap().as_str()),
        )?;
        let mut phrases_by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in request_phrases.iter().enumerate() {
            phrases_by_first.entry(p[0].clone()).or_default().push(i);
        }
        let mut items_by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (w, _)) in items.iter().enumerate() {
            items_by_first.entry(w[0].clone()).or_default().push(i);
        }
        Ok(Vocab {
            phrases_by_first,
            items_by_first,
            violence_any,
            context_any,
            request_any,
            agencies,
            acronyms,
            acronym_agency,
            names,
            name_agency,
            violence,
            context,
            request_phrases,
            object_verbs,
            items,
        })
    }

    /// Agencies named in `text`, with how often: whole words only, acronyms in their case,
    /// acronyms that are also words not at all when the text shouts in capitals.
    pub fn agencies_in(&self, text: &str) -> Vec<(usize, u32)> {
        self.find_agencies(text, super::text::shouting(text))
    }

    fn find_agencies(&self, text: &str, shouting: bool) -> Vec<(usize, u32)> {
        let mut counts: HashMap<usize, u32> = HashMap::new();
        let bytes = text.as_bytes();
        let whole_word = |s: usize, e: usize| {
            let before = s == 0 || !bytes[s - 1].is_ascii_alphanumeric();
            let after = e >= bytes.len() || !bytes[e].is_ascii_alphanumeric();
            before && after
        };
        for m in self.acronyms.find_iter(text) {
            if !whole_word(m.start(), m.end()) {
                continue;
            }
            let agency = self.acronym_agency[m.pattern().as_usize()];
            if shouting && self.agencies[agency].word {
                continue;
            }
            *counts.entry(agency).or_default() += 1;
        }
        for m in self.names.find_iter(text) {
            if !whole_word(m.start(), m.end()) {
                continue;
            }
            let agency = self.name_agency[m.pattern().as_usize()];
            *counts.entry(agency).or_default() += 1;
        }
        let mut out: Vec<(usize, u32)> = counts.into_iter().collect();
        out.sort();
        out
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
