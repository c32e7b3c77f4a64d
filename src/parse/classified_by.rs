//! The `Classified By:` caption: who classified the cable, as printed (title and name), in
//! the shapes archives print it: the name on the next line, a line wrapped in the middle of a
//! word (`Hoyt Y` / `ee for reasons`, `REA` / `SONS`), the reason written any way (`for
//! reasons 1.4 (b) and (d)`, `- 1.5 B,D.`, `PER 1.5 (B)`, `under Section 1.4`, `E.O. 12958`),
//! repeated labels (`Classified By: Classified by DCM ...`), and no person at all
//! (`CLASSIFIED BY SECTION 1.5 (B) AND (D)`, `CLASSIFIED BY LINE ADDED`).

use std::sync::LazyLock;

use regex::Regex;

use super::clean::squash;
use super::Source;

/// Where the reason begins: a reason word, a reason code (`1.4`, `1.5`, OCR `1,4`), the E.O.
/// number.
static REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:reasons?|reaons|resons|rasons|reas0n|reason\(s\)|sea3on)(?-u:\b)",
        r"|\(?(?-u:\b)1\s?[.,]\s?\d(?-u:\b)",
        r"|(?-u:\b)1\.\s*$",
        r"|(?-u:\b)E\.?\s?O\.?\s*12958|(?-u:\b)12958(?-u:\b)",
    ))
    .unwrap()
});
/// Words that join the name to its reason, left at the end once the reason is cut.
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[\s,;:/\-]|(?-u:\b)(?:for|per|under|section|based\s+(?:on|0n|upon)|due\s+to|fr|f0r|and|for\s+r\w{0,4})(?-u:\b))+$",
    )
    .unwrap()
});
/// What stands before the classifier: portion marks, a paragraph number, the label again.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\s:;,.\-]+|\(\w{1,3}\)|\d{1,2}\.|this\s+message(?-u:\b)|classi?fi?ed\s+by(?-u:\b)\s*:?)+")
        .unwrap()
});
/// A line that is not the classifier's going on: a paragraph, a heading, a caption.
static STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\d{1,2}\s?\.|\(\w{1,4}\)|¶|-{3,}|(?i:summary|subject|tags|ref|e\.o)(?-u:\b))",
    )
    .unwrap()
});

/// Words a wrapped line splits that are joined again without a space.
fn glued_word(tail: &str, head: &str) -> bool {
    let word = format!("{tail}{head}").to_lowercase();
    let word = word.trim_end_matches([':', '.', ',']);
    const WORDS: &[&str] = &[
        "reason",
        "reasons",
        "for",
        "and",
        "section",
        "affairs",
        "counselor",
    ];
    WORDS.contains(&word)
}

/// Join a wrapped line to the text before it: `Hoyt Y` + `ee for` is `Hoyt Yee for`.
fn join(text: &mut String, next: &str) {
    let next = next.trim();
    let tail: String = text
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let head: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    let trimmed_len = text.trim_end().len();
    let digits = text.trim_end().ends_with("1.") && next.starts_with(|c: char| c.is_ascii_digit());
    let mid_word = !tail.is_empty()
        && !head.is_empty()
        && (glued_word(&tail, &head)
            || (tail.starts_with(|c: char| c.is_uppercase())
                && tail.len() <= 5
                && head.starts_with(|c: char| c.is_lowercase())
                && !matches!(
                    head.as_str(),
                    "for" | "per" | "reason" | "reasons" | "under"
                )));
    if digits || mid_word {
        text.truncate(trimmed_len);
    } else {
        text.truncate(trimmed_len);
        text.push(' ');
    }
    text.push_str(next);
}

/// The classifier named after a `CLASSIFIED BY` label whose value starts at `value_start` on
/// line `l`, and the last line read.
pub fn read(src: &Source, l: usize, value_start: usize) -> (Option<String>, usize) {
    let n = src.line_count();
    // Read with its reason codes, which the stamp pass blanked in the masked text.
    let line = src.clean_line(l);
    let mut text = line[value_start.min(line.len())..].to_string();
    let mut last = l;
    let mut k = l + 1;
    let mut added = 0;
    // In a second column (a reviewer's stamp beside an email's header) the lines below
    // belong to the first column too: the caption is read on its own line only.
    let second_column = line[..value_start.min(line.len())].contains("     ")
        && !line[..value_start.min(line.len())].trim().is_empty();
    while k < n && added < 3 && !src.flat && !second_column {
        let so_far = LEAD.replace(&text, "");
        let t = so_far.trim_end();
        // The reason is there, or a sentence ended (`CLASSIFIED BY AMBASSADOR TOM MCDONALD.`).
        if REASON.is_match(t) || (t.ends_with('.') && t.len() > 1 && !ends_with_initial(t)) {
            break;
        }
        if src.furniture_line[k] {
            k += 1;
            continue;
        }
        let next = src.clean_line(k);
        if next.trim().is_empty() || STOP.is_match(next) {
            break;
        }
        join(&mut text, next);
        last = k;
        added += 1;
        k += 1;
    }
    (classifier(&text), last)
}

fn ends_with_initial(t: &str) -> bool {
    let last = t
        .trim_end_matches('.')
        .rsplit([' ', '.'])
        .next()
        .unwrap_or("");
    last.chars().count() == 1
        || matches!(
            last.to_ascii_lowercase().as_str(),
            "jr" | "sr" | "amb" | "a.i" | "ai"
        )
}

/// The classifier in a caption's text: the reason cut off, the label and marks before it
/// dropped; None where no person is named.
pub fn classifier(text: &str) -> Option<String> {
    let text = LEAD.replace(text, "");
    let cut = REASON.find(&text).map(|m| m.start()).unwrap_or(text.len());
    let mut name = text[..cut].to_string();
    loop {
        let before = name.len();
        name = CONNECTOR.replace(&name, "").to_string();
        // A final initial or `Jr.` keeps its period; a sentence's goes.
        if name.ends_with('.') && !ends_with_initial(&name) {
            name.pop();
        }
        if name.len() == before {
            break;
        }
    }
    let name = squash(&name);
    // A number of three digits is a reference or a date, not a person.
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{3,}").unwrap());
    let upper = name.to_uppercase();
    let no_person = name.chars().filter(|c| c.is_alphabetic()).count() < 2
        || NUMBER.is_match(&name)
        || matches!(upper.as_str(), "SECTION" | "LINE ADDED" | "LINE" | "DECL");
    (!no_person).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_cut_in_every_spelling() {
        assert_eq!(
            classifier("Ambassador Glyn T. Davies for reasons 1.4 b and d").as_deref(),
            Some("Ambassador Glyn T. Davies")
        );
        assert_eq!(
            classifier("AMBASSADOR RICAHRD E. HOAGLAND: 1.2 (B), (D)").as_deref(),
            Some("AMBASSADOR RICAHRD E. HOAGLAND")
        );
        assert_eq!(
            classifier("Abassador Robert O. Blake, Jr. for reasons").as_deref(),
            Some("Abassador Robert O. Blake, Jr.")
        );
        assert_eq!(classifier("SECTION 1.5 (B) AND (D)."), None);
        assert_eq!(classifier("LINE ADDED"), None);
        assert_eq!(classifier("ADANA 222"), None);
    }

    #[test]
    fn wrapped_words_joined() {
        let mut t = String::from("Deputy Coordinator Hoyt Y ");
        join(&mut t, "ee for reasons 1.4 (b) and (d)");
        assert_eq!(t, "Deputy Coordinator Hoyt Yee for reasons 1.4 (b) and (d)");
        let mut t = String::from("OFFICER LAURENT CHARBONNET.  REA ");
        join(&mut t, "SONS: 1.4 (B,D)");
        assert_eq!(t, "OFFICER LAURENT CHARBONNET.  REASONS: 1.4 (B,D)");
    }
}
