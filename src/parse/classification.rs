//! Classification words as OCR prints them: `CONFIDENTIAL`, `CONPIDENTIAL`,
//! `C O N F I D E N T I A L`, `SECRETSTATE`, `S E C R E T`, `UNCLAS`, portion marks `(C)`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::clean::within_edits;

pub const LEVELS: &[&str] = &[
    "TOP SECRET",
    "SECRET",
    "CONFIDENTIAL",
    "LIMITED OFFICIAL USE",
    "SENSITIVE BUT UNCLASSIFIED",
    "UNCLASSIFIED",
];

/// Rank for "the highest of": higher is more restricted.
pub fn rank(level: &str) -> u8 {
    match level {
        "TOP SECRET" => 6,
        "SECRET" => 5,
        "CONFIDENTIAL" => 4,
        "LIMITED OFFICIAL USE" => 3,
        "SENSITIVE BUT UNCLASSIFIED" => 2,
        "UNCLASSIFIED" => 1,
        _ => 0,
    }
}

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?-u:\b)TOP\s+SECRET|(?-u:\b)T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T(?-u:\b))",
        r"|(?:(?-u:\b)SENSITIVE\s+BUT\s+UNCLASSIFIED(?-u:\b))",
        r"|(?:(?-u:\b)LIMITED\s+OFFICIAL\s+USE(?-u:\b))",
        r"|(?:(?-u:\b)UNCLAS(?:SIFIED)?)",
        r"|(?:(?-u:\b)C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L(?-u:\b))",
        r"|(?:(?-u:\b)S\s?E\s?C\s?R\s?E\s?T(?-u:\b))",
        r"|(?:(?-u:\b)[A-Z]{9,13}(?-u:\b))",
        r"|(?:(?-u:\b)[A-Z]{5,7})",
    ))
    .unwrap()
});

/// The length in bytes of `word` without its white space (a spaced-out word's length), found
/// without copying it.
pub fn squeezed_len(word: &str) -> usize {
    word.chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum()
}

/// The classification a word (or spaced-out word) stands for, tolerating one or two OCR errors.
pub fn level_of(word: &str) -> Option<&'static str> {
    // Only words of the lengths below can be one (most words asked are not): known before
    // anything is copied.
    if !matches!(squeezed_len(word), 6 | 9 | 10..=14 | 18 | 24) {
        return None;
    }
    let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
    let w = w.to_ascii_uppercase();
    match w.as_str() {
        "TOPSECRET" => return Some("TOP SECRET"),
        "SECRET" => return Some("SECRET"),
        "CONFIDENTIAL" => return Some("CONFIDENTIAL"),
        "UNCLASSIFIED" | "UNCLAS" => return Some("UNCLASSIFIED"),
        "SENSITIVEBUTUNCLASSIFIED" => return Some("SENSITIVE BUT UNCLASSIFIED"),
        "LIMITEDOFFICIALUSE" => return Some("LIMITED OFFICIAL USE"),
        _ => {}
    }
    if w.len() >= 10 && w.len() <= 13 && within_edits(&w, "CONFIDENTIAL", 2) {
        return Some("CONFIDENTIAL");
    }
    if w.len() >= 10 && w.len() <= 14 && within_edits(&w, "UNCLASSIFIED", 2) {
        return Some("UNCLASSIFIED");
    }
    None
}

/// The first classification word in `s`, with its range.
pub fn find_word(s: &str) -> Option<(&'static str, Range<usize>)> {
    WORD.find_iter(s)
        .find_map(|m| level_of(m.as_str()).map(|l| (l, m.range())))
}

/// A portion marking `(C)`, `(S)`, `(SBU)`, `(U)`, `(LOU)`, `(S/NF)`, `(TS)` as a level.
pub fn level_of_marking(marking: &str) -> Option<&'static str> {
    let m = marking.to_ascii_uppercase();
    let head = m.split(['/', ' ']).next().unwrap_or("");
    Some(match head {
        "TS" => "TOP SECRET",
        "S" => "SECRET",
        "C" => "CONFIDENTIAL",
        "LOU" => "LIMITED OFFICIAL USE",
        "SBU" => "SENSITIVE BUT UNCLASSIFIED",
        "U" => "UNCLASSIFIED",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_damaged_words() {
        assert_eq!(level_of("CONPIDENTIAL"), Some("CONFIDENTIAL"));
        assert_eq!(level_of("C O N F I D E N T I A L"), Some("CONFIDENTIAL"));
        assert_eq!(level_of("S E C R E T"), Some("SECRET"));
        assert_eq!(level_of("UNCLAS"), Some("UNCLASSIFIED"));
        assert_eq!(level_of("CONSIDERABLE"), None);
    }

    #[test]
    fn first_word_in_text() {
        assert_eq!(
            find_word("Class: CONFIDENTIAL - Reason").map(|x| x.0),
            Some("CONFIDENTIAL")
        );
        assert_eq!(
            find_word("Class:\n  S E C R E T STATE 099063").map(|x| x.0),
            Some("SECRET")
        );
    }
}
