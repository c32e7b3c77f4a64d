//! The TAGS caption's value, as printed in every archive: codes separated by spaces,
//! commas or both, in any case; person tags after `OVIP` (`OVIP CLINTON HILLARY PREL`,
//! `ovip (steinberg, james b.)`); keywords after the codes (`HUMAN RIGHTS`); codes run
//! together without spaces (`ETRDEINVECINPGOVCS`), split where every piece is a known code;
//! handling words that are not tags (`SIPDIS`).
//!
//! The known codes are the TAGS vocabulary of `data/vocab/tags.csv`, built into the binary:
//! the parser never reads the catalog.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Every code of the built-in TAGS vocabulary, upper case.
static KNOWN: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let text = include_str!("../../data/vocab/tags.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    rdr.records()
        .filter_map(|r| r.ok())
        .filter_map(|r| r.get(0).map(|c| c.trim().to_ascii_uppercase()))
        .filter(|c| !c.is_empty())
        .collect()
});

/// Words that stand on a TAGS line but are handling captions, not tags.
const NOT_TAGS: &[&str] = &[
    "SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SUBJECT", "SUBJ", "REF", "REFS",
];

/// A code of the TAGS vocabulary (two letters at least: the one-letter categories are not
/// written on TAGS lines).
pub fn is_known(code: &str) -> bool {
    code.len() >= 2 && KNOWN.contains(code)
}

fn code_shaped(w: &str) -> bool {
    (2..=6).contains(&w.len())
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && w.bytes().any(|b| b.is_ascii_uppercase())
}

/// A known code misread with one letter too many (`MOPPS`, `UNDESCO`).
fn one_extra_letter(w: &str) -> Option<&'static str> {
    if w.len() < 5 {
        return None;
    }
    let mut found: Option<&'static str> = None;
    for i in 0..w.len() {
        let cand = format!("{}{}", &w[..i], &w[i + 1..]);
        if let Some(code) = KNOWN.get(&cand) {
            let code = code.as_str();
            match found {
                Some(f) if f != code => return None,
                _ => found = Some(code),
            }
        }
    }
    found
}

/// The letters OCR reads as digits, put back (`12` -> `IZ`, `0MAN` -> `OMAN`).
fn letters_for_digits(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            '0' => 'O',
            '1' => 'I',
            '2' => 'Z',
            '5' => 'S',
            '8' => 'B',
            c => c,
        })
        .collect()
}

/// `KFRDKIRFCVIS...`: known codes run together. The split with the fewest pieces, only when
/// every piece is a known code and no two country codes stand side by side (so that an
/// ordinary word, `ECONOMIC`, is never read as `ECON OM IC`).
fn run_together(w: &str) -> Option<Vec<String>> {
    let n = w.len();
    if n < 5 || !w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    // best[i]: fewest pieces covering w[..i], with the piece lengths to get there.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1]; // (pieces, last piece len)
    best[0] = Some((0, 0));
    for i in 1..=n {
        for len in 2..=6.min(i) {
            let Some((k, _)) = best[i - len] else {
                continue;
            };
            if !is_known(&w[i - len..i]) {
                continue;
            }
            if best[i].is_none_or(|(b, _)| k + 1 < b) {
                best[i] = Some((k + 1, len));
            }
        }
    }
    best[n]?;
    let mut pieces = Vec::new();
    let mut i = n;
    while i > 0 {
        let (_, len) = best[i].unwrap();
        pieces.push(w[i - len..i].to_string());
        i -= len;
    }
    pieces.reverse();
    let two_countries = pieces
        .windows(2)
        .any(|w| w[0].len() == 2 && w[1].len() == 2);
    (pieces.len() >= 2 && !two_countries).then_some(pieces)
}

#[derive(Debug, PartialEq)]
enum Word {
    Code(String),
    /// A word that is no known code: a keyword, a name, OCR debris.
    Other(String),
}

fn classify(w: &str) -> Vec<Word> {
    if is_known(w) {
        return vec![Word::Code(w.to_string())];
    }
    if let Some(code) = one_extra_letter(w) {
        return vec![Word::Code(code.to_string())];
    }
    if let Some(pieces) = run_together(w) {
        return pieces.into_iter().map(Word::Code).collect();
    }
    vec![Word::Other(w.to_string())]
}

/// The tags of a TAGS caption's value (the text after the label, up to the next caption).
pub fn read(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |t: String, out: &mut Vec<String>| {
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    };
    // Lower-case TAGS lines (`prel, pgov, pins, tu`) are read as upper case; where capitals
    // are used, a word in lower case is prose after the codes (`... LE IZ Sensitive`).
    let commas = value.contains(',');
    let lower = !value.chars().any(|c| c.is_uppercase());
    let value = if lower {
        value.to_uppercase()
    } else {
        value.to_string()
    };
    let mut rest = value.as_str();
    let mut after_ovip = false;
    'segments: while !rest.is_empty() {
        // A person in parentheses: `OVIP (STEINBERG, JAMES B.)`.
        let trimmed = rest.trim_start_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
        if let Some(inner) = trimmed.strip_prefix('(') {
            let Some(end) = inner.find(')') else { break };
            let person = inner[..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase();
            push(person, &mut out);
            rest = &inner[end + 1..];
            after_ovip = false;
            continue;
        }
        // One comma-separated segment (up to a comma or a parenthesis).
        let end = trimmed.find([',', ';', '(']).unwrap_or(trimmed.len());
        let segment = &trimmed[..end];
        rest = &trimmed[end..];
        if rest.starts_with([',', ';']) {
            rest = &rest[1..];
        }
        let mut others: Vec<String> = Vec::new();
        let words_in_segment = segment.split_whitespace().count();
        let flush = |others: &mut Vec<String>, after_ovip: bool, out: &mut Vec<String>| {
            let whole_segment = others.len() == words_in_segment;
            if others.is_empty() {
                return;
            }
            let tags = if after_ovip && others.len() >= 2 {
                // `OVIP CLINTON HILLARY`: surname, then the given names.
                vec![format!("{}, {}", others[0], others[1..].join(" "))]
            } else if others.iter().any(|w| !code_shaped(w)) || (whole_segment && commas) {
                // A keyword of words (`IRAQI FREEDOM`, `ECONOMIC AFFAIRS`, `..., HUMAN RIGHTS`
                // between commas).
                vec![others.join(" ")]
            } else {
                // Codes the vocabulary does not know (`APECO EALD`) stay codes.
                others.clone()
            };
            others.clear();
            for tag in tags {
                if !out.contains(&tag) {
                    out.push(tag);
                }
            }
        };
        for raw in segment.split_whitespace() {
            let w = raw.trim_matches(|c: char| matches!(c, '.' | ':' | '•' | '*' | '"'));
            if w.is_empty() {
                continue;
            }
            // OCR reads letters of a code as the digits they look like (`12` for `IZ`): codes
            // have no digits, so a word whose digits read as letters give a known code is it.
            let read_as_letters;
            let w = if w.bytes().any(|b| b.is_ascii_digit()) {
                read_as_letters = letters_for_digits(w);
                if is_known(&read_as_letters) {
                    read_as_letters.as_str()
                } else {
                    w
                }
            } else {
                w
            };
            if NOT_TAGS.contains(&w) {
                flush(&mut others, after_ovip, &mut out);
                after_ovip = false;
                continue;
            }
            // Anything that is not a word (a date, a stray mark) ends the tags.
            let wordlike = w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '&' | '/' | '\''));
            if (!wordlike && !code_shaped(w)) || w.chars().any(|c| c.is_lowercase()) {
                flush(&mut others, after_ovip, &mut out);
                break 'segments;
            }
            if after_ovip && !is_known(w) {
                others.push(w.to_string());
                continue;
            }
            for word in classify(w) {
                match word {
                    Word::Code(c) => {
                        flush(&mut others, after_ovip, &mut out);
                        after_ovip = c == "OVIP";
                        push(c, &mut out);
                    }
                    Word::Other(o) => others.push(o),
                }
            }
        }
        flush(&mut others, after_ovip, &mut out);
        after_ovip = after_ovip && segment.trim().ends_with("OVIP");
    }
    out
}

/// Whether a line goes on with the TAGS codes of the line above (`NATO, UK, CN` under
/// `TAGS: OVIP CLINTON HILLARY PREL KPAL FR IR RS`): every word on it is a known code.
pub fn continues(line: &str) -> bool {
    let mut words = 0;
    for raw in line.split([',', ' ', '\t', ';']) {
        let w = raw.trim().trim_matches('.');
        if w.is_empty() {
            continue;
        }
        words += 1;
        if !is_known(&w.to_uppercase()) || w.len() > 6 {
            return false;
        }
    }
    words > 0
}

/// Whether a TAGS label not printed in capitals (`Tags:`, `tags`) or damaged (`TAG`, `AGS:`)
/// stands before codes: its value is all lower or all upper case (a web page's `Tags: Israel
/// news` is neither), and an upper-case one or a damaged label needs a known code first.
pub fn plausible_value(label: &str, value: &str) -> bool {
    let first = value
        .split([',', ' ', ';', '('])
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty());
    let Some(first) = first else { return false };
    let first_known = is_known(&first.to_uppercase());
    let upper_label = label.bytes().all(|b| !b.is_ascii_lowercase());
    let damaged = !label.eq_ignore_ascii_case("TAGS");
    if damaged {
        return first_known;
    }
    if upper_label {
        return true;
    }
    let letters = || value.chars().filter(|c| c.is_alphabetic());
    if letters().all(|c| c.is_lowercase()) {
        return true;
    }
    letters().all(|c| c.is_uppercase()) && first_known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_together_codes_split_only_into_known_codes() {
        assert_eq!(
            run_together("ETRDEINVECINPGOVCS").unwrap(),
            ["ETRD", "EINV", "ECIN", "PGOV", "CS"]
        );
        assert_eq!(run_together("PHUMBA").unwrap(), ["PHUM", "BA"]);
        assert_eq!(run_together("POLITICS"), None);
        assert_eq!(run_together("ECONOMIC"), None);
        assert_eq!(run_together("APECO"), None);
    }

    #[test]
    fn keywords_and_unknown_codes() {
        // Between commas, words the vocabulary does not know are one keyword.
        assert_eq!(
            read("PHUM, PGOV, HUMAN RIGHTS"),
            ["PHUM", "PGOV", "HUMAN RIGHTS"]
        );
        assert_eq!(
            read("PREL PGOV IRAQI FREEDOM"),
            ["PREL", "PGOV", "IRAQI FREEDOM"]
        );
        // Without commas (the stripped shape), codes it does not know stay codes.
        assert_eq!(
            read("PREL MARR PARM PINR APECO EALD XV NZ US"),
            ["PREL", "MARR", "PARM", "PINR", "APECO", "EALD", "XV", "NZ", "US"]
        );
    }

    #[test]
    fn digits_read_for_letters() {
        assert_eq!(
            read("PREL, PGOV, UNSC, SY, JO, UT, LE, 12"),
            ["PREL", "PGOV", "UNSC", "SY", "JO", "UT", "LE", "IZ"]
        );
        // A digit that gives no known code is no tag.
        assert_eq!(read("PREL, 1996"), ["PREL"]);
    }

    #[test]
    fn one_letter_too_many() {
        assert_eq!(one_extra_letter("MOPPS"), Some("MOPS"));
        assert_eq!(one_extra_letter("UNDESCO"), Some("UNESCO"));
    }
}
