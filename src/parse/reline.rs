//! The seed's shape: a release whose punctuation and line breaks were stripped, so the whole
//! document is one line. Relining puts line breaks back where the structure of a telegram
//! puts them (date-time group, FM, TO, INFO, classification line, E.O., TAGS, SUBJECT, REF,
//! CLASSIFIED BY, numbered paragraphs and their headings), so the line-based parser that
//! reads ordinary releases reads this shape too.

use std::sync::LazyLock;

use regex::Regex;

use super::cable::DTG;

static FM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)FM(?-u:\b)").unwrap());
static TO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)TO(?-u:\b)").unwrap());
static INFO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)INFO(?-u:\b)").unwrap());
static AFTER_ADDRESSEES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u:\b)(?:UNCLAS\w*|CONFIDENTIAL\w*|SECRET\w*|LIMITED OFFICIAL USE|C O N F I D E N T I A L|S E C R E T)",
        r"|(?-u:\b)E O 1\d{4}(?-u:\b)|(?-u:\b)SIPDIS(?-u:\b)|(?-u:\b)TAGS(?-u:\b)|(?-u:\b)SUBJECT(?-u:\b)|(?-u:\b)[A-Z]{3,}\s?\d{6}(?-u:\b)",
    ))
    .unwrap()
});
static LABELS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?-u:\b)E O 1\d{4}(?-u:\b)",
        r"(?-u:\b)TAGS(?-u:\b)",
        r"(?-u:\b)SUBJECT(?-u:\b)|(?-u:\b)SUBJ(?-u:\b)",
        r"(?-u:\b)REFS?(?-u:\b)",
        r"(?-u:\b)SIPDIS(?-u:\b)",
    ]
    .iter()
    .map(|p| Regex::new(p).unwrap())
    .collect()
});
static PARA_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2}) (SBU NF|SBU|C NF|S NF|LOU|TS|C|S|U) [A-Z0-9\-]").unwrap()
});
/// Labels broken before wherever they stand.
static EVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)CLASSIFIED BY(?-u:\b)|(?-u:\b)Classified [Bb]y(?-u:\b)").unwrap()
});
static EMAIL_FROM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)From(?-u:\b)").unwrap());
static EMAIL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Sent|Date|To|Cc|Bcc|Subject|Attachments|Importance)(?-u:\b)").unwrap()
});
static SMART_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Action Office|Info Office|MRN|Date DTG|From|Action|Info|E O|TAGS|Captions|Reference|Pass Line|Subject)(?-u:\b)").unwrap()
});
static END_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)END (?:SUMMARY|COMMENT|NOTE|TEXT)(?-u:\b)").unwrap());

pub fn reline(text: &str) -> String {
    let mut breaks: Vec<usize> = Vec::new();

    // The routing block hangs off the date-time group.
    for dtg in DTG.find_iter(text) {
        breaks.push(dtg.start());
        let mut pos = dtg.end();
        if let Some(fm) = FM.find_at(text, pos).filter(|m| m.start() - pos < 200) {
            breaks.push(fm.start());
            pos = fm.end();
            if let Some(to) = TO.find_at(text, pos).filter(|m| m.start() - pos < 300) {
                breaks.push(to.start());
                pos = to.end();
            }
            if let Some(info) = INFO.find_at(text, pos).filter(|m| m.start() - pos < 600) {
                breaks.push(info.start());
                pos = info.end();
            }
            if let Some(end) = AFTER_ADDRESSEES.find_at(text, pos) {
                breaks.push(end.start());
            }
        }
    }
    // Caption labels: the first of each.
    for re in LABELS.iter() {
        if let Some(m) = re.find(text) {
            breaks.push(m.start());
        }
    }
    for m in EVERY.find_iter(text) {
        breaks.push(m.start());
    }
    email_headers(text, &mut breaks);
    // Numbered paragraphs in sequence, with the heading run before each.
    let mut found = 0;
    let mut expected = 1u32;
    for c in PARA_START.captures_iter(text) {
        let n: u32 = c[1].parse().unwrap_or(0);
        // `Page 2 C O 6 6 9...`: a page number and the doc-number stamp.
        let prev = text[..c.get(0).unwrap().start()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        if prev.eq_ignore_ascii_case("page") {
            continue;
        }
        let ok = n == expected || (n > expected && n <= expected + 4) || (n == 1 && expected > 3);
        if !ok {
            continue;
        }
        expected = n + 1;
        found += 1;
        let start = c.get(0).unwrap().start();
        breaks.push(start);
        if let Some(h) = heading_before(text, start) {
            breaks.push(h);
        }
    }
    if found < 2 {
        unmarked_paragraphs(text, &mut breaks);
    }
    for m in END_MARK.find_iter(text) {
        breaks.push(m.end());
    }

    breaks.sort_unstable();
    breaks.dedup();
    let mut out = String::with_capacity(text.len() + breaks.len());
    let mut last = 0;
    for b in breaks {
        if b <= last || !text.is_char_boundary(b) {
            continue;
        }
        out.push_str(text[last..b].trim_end_matches(' '));
        out.push('\n');
        last = b;
        while last < text.len() && text.as_bytes()[last] == b' ' {
            last += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Message headers: a `From` with `Sent` (or `Date`) close after it starts one, and its labels
/// follow within the next lines' worth of text; the SMART cable block starts at `MRN`.
fn email_headers(text: &str, breaks: &mut Vec<usize>) {
    for from in EMAIL_FROM.find_iter(text) {
        let window_end = floor(text, (from.end() + 250).min(text.len()));
        let has_sent = EMAIL_LABEL
            .find_iter(&text[from.end()..window_end])
            .any(|m| matches!(m.as_str(), "Sent" | "Date"));
        if !has_sent {
            continue;
        }
        breaks.push(from.start());
        let end = floor(text, (from.end() + 1500).min(text.len()));
        let mut seen: Vec<&str> = Vec::new();
        for m in EMAIL_LABEL.find_iter(&text[from.end()..end]) {
            let label = m.as_str();
            if seen.contains(&label) {
                break;
            }
            seen.push(label);
            breaks.push(from.end() + m.start());
            if label == "Attachments" || label == "Importance" {
                break;
            }
        }
    }
    if let Some(mrn) = text.find("MRN ") {
        let start = floor(text, mrn.saturating_sub(120));
        let end = floor(text, (mrn + 900).min(text.len()));
        let mut seen: Vec<&str> = Vec::new();
        for m in SMART_LABEL.find_iter(&text[start..end]) {
            let label = m.as_str();
            if (start + m.start() < mrn && !label.ends_with("Office")) || seen.contains(&label) {
                continue;
            }
            seen.push(label);
            breaks.push(start + m.start());
        }
    }
}

/// Telegrams whose portion marks were lost: the next paragraph number in sequence, where it
/// does not read as a count or a date (`WITH 2 MEN`, `APRIL 25`, `37 000 TROOPS`).
fn unmarked_paragraphs(text: &str, breaks: &mut Vec<usize>) {
    const BEFORE: &[&str] = &[
        "THE",
        "A",
        "AN",
        "OF",
        "TO",
        "IN",
        "ON",
        "AT",
        "BY",
        "FOR",
        "WITH",
        "FROM",
        "AND",
        "OR",
        "ABOUT",
        "SOME",
        "OVER",
        "UNDER",
        "NEARLY",
        "ALMOST",
        "ONLY",
        "LAST",
        "NEXT",
        "FIRST",
        "PARA",
        "PARAS",
        "PARAGRAPH",
        "REF",
        "SEE",
        "NO",
        "NUMBER",
        "TOTAL",
        "ALL",
        "THESE",
        "THOSE",
        "PAGE",
        "TABLE",
        "ITEM",
        "ARTICLE",
        "SECTION",
        "CHAPTER",
        "STATE",
        "USUN",
        "REASON",
        "REASONS",
        "DECL",
        "PAGE",
        "Page",
    ];
    const AFTER: &[&str] = &[
        "PERCENT", "MILLION", "BILLION", "THOUSAND", "HUNDRED", "YEARS", "YEAR", "MONTHS", "MONTH",
        "DAYS", "DAY", "WEEKS", "WEEK", "HOURS", "MINUTES", "OF", "TO", "AND", "OR", "PM", "AM",
        "TIMES", "PEOPLE", "MEN", "WOMEN", "MEMBERS", "OTHER", "OTHERS", "MORE",
    ];
    static NUM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2}) ").unwrap());
    // Numbering starts after a telegram's captions; without them there is none to find.
    let smart_subject = text
        .find("MRN ")
        .and_then(|m| text[m..].find("Subject ").map(|s| m + s));
    let Some(start) = ["SUBJECT", "SUBJ "]
        .iter()
        .filter_map(|l| text.find(l))
        .chain(smart_subject)
        .min()
    else {
        return;
    };
    // In an all-capitals telegram, lower case and digits after a number are an OCR'd
    // portion mark (`2 e1 PRESIDENT`, `3 52 1 PRESIDENT`), not the next word of a sentence.
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let lower = text.chars().filter(|c| c.is_lowercase()).count();
    let shouting = lower * 10 < letters;
    let mut expected = 1u32;
    let mut last = start;
    for c in NUM.captures_iter(&text[start..]) {
        let m = c.get(1).unwrap();
        let at = start + m.start();
        let Ok(n) = m.as_str().parse::<u32>() else {
            continue;
        };
        if n != expected || at < last + 20 {
            continue;
        }
        let prev = text[..at].split_whitespace().next_back().unwrap_or("");
        let next = text[start + m.end()..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let prev_up = prev.to_ascii_uppercase();
        let next_up = next.to_ascii_uppercase();
        let month = |w: &str| super::dates::month(w).is_some() && w.len() >= 3;
        // A number between numbers is part of a date or a figure (`DECL 12 07 08`).
        let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
        if (digits(prev) && digits(next))
            || BEFORE.contains(&prev_up.as_str())
            || AFTER.contains(&next_up.as_str())
            || month(&prev_up)
            || month(&next_up)
            || (!shouting
                && next
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_lowercase()))
        {
            continue;
        }
        breaks.push(at);
        last = at;
        expected += 1;
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An ALL-CAPS run of one to eight words just before a paragraph number, in text that is
/// otherwise mixed case, is the section heading (`... programs END SUMMARY BILATERAL TEAM
/// CONCEPT 3 SBU High-level`).
fn heading_before(text: &str, start: usize) -> Option<usize> {
    let before = &text[..start];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut end = before.trim_end().len();
    while let Some(sp) = before[..end].rfind(' ') {
        let w = &before[sp + 1..end];
        words.push((sp + 1, w));
        end = sp;
        if words.len() > 10 {
            break;
        }
    }
    let mut run = 0;
    for (i, (_, w)) in words.iter().enumerate() {
        let caps = w.chars().any(|c| c.is_ascii_uppercase())
            && !w
                .chars()
                .any(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !caps {
            // The word before the run must be ordinary mixed-case text, not a capitals word
            // with an OCR'd lower-case letter (`CONVERSATIdN`).
            let letters = w.chars().filter(|c| c.is_ascii_alphabetic()).count();
            let lower = w.chars().filter(|c| c.is_ascii_lowercase()).count();
            if lower == 0 || lower * 2 < letters {
                return None;
            }
            break;
        }
        run = i + 1;
        if matches!(*w, "SUMMARY" | "COMMENT" | "NOTE" | "TEXT")
            && words.get(i + 1).map(|x| x.1) == Some("END")
        {
            // `END SUMMARY` closes the paragraph before; the heading is after it.
            run = i;
            break;
        }
    }
    let run_words = &words[..run];
    if !(2..=8).contains(&run) || !run_words.iter().any(|(_, w)| w.len() >= 4) {
        return None;
    }
    Some(words[run - 1].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_header_gets_its_lines_back() {
        let flat = "R 122235Z JAN 10 RELEASED IN PART FM AMEMBASSY MEXICO 1 4 B B1 TO SECSTATE WASHDC 0028 \
                    INFO ALL US CONSULATES IN MEXICO COLLECTIVE CONFIDENTIALMEXIOO000045 SIPDIS E O 12958 DECL 2020 01 12 \
                    TAGS PREL MX SUBJECT Tijuana Bilateral Assessment REF TIJUANA 1275 CLASSIFIED BY Carlos Pascual \
                    REASON 1 4 B D 1 SBU SUMMARY AND NEXT STEPS One of the early programs END SUMMARY BILATERAL TEAM \
                    CONCEPT 2 SBU High-level talks";
        let relined = reline(flat);
        let lines: Vec<&str> = relined.lines().collect();
        assert!(
            lines.contains(&"FM AMEMBASSY MEXICO 1 4 B B1"),
            "{lines:#?}"
        );
        assert!(lines.contains(&"TO SECSTATE WASHDC 0028"), "{lines:#?}");
        assert!(
            lines.contains(&"INFO ALL US CONSULATES IN MEXICO COLLECTIVE"),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"SUBJECT Tijuana Bilateral Assessment"),
            "{lines:#?}"
        );
        assert!(lines.contains(&"BILATERAL TEAM CONCEPT"), "{lines:#?}");
        assert!(lines.contains(&"2 SBU High-level talks"), "{lines:#?}");
    }

    #[test]
    fn subject_with_an_ocr_lower_case_letter_is_not_a_heading() {
        // talbott/C06698642, stripped: the subject's second half stays on its line.
        let flat = "E O 12958 DECL 11 27 26 TAGS PREL PGOV PBTS TU AJ AM SUBJECT C THE DEPUTY \
                    SECRETARY'S CONVERSATIdN WITH TURKISH FOREIGN MINISTRY UNDER SECRETARY OYMEN 1 U \
                    NODIS MERCURY CLASSIFIED BY WILLIAM J BURNS EXECUTIVE SECRETARY S S DEPARTMENT OF \
                    STATE REASON 1 5 D 1 6 X5 and X6 2 1 e THIS CABLE CONTAINS A MEMORANDUM";
        let relined = reline(flat);
        let lines: Vec<&str> = relined.lines().collect();
        assert!(
            lines.contains(&"SUBJECT C THE DEPUTY SECRETARY'S CONVERSATIdN WITH TURKISH FOREIGN MINISTRY UNDER SECRETARY OYMEN"),
            "{lines:#?}"
        );
    }

    #[test]
    fn declassification_date_is_not_a_paragraph_number() {
        // talbott/C06814965, stripped: the routing block after six paragraphs.
        let flat = "SUBJECT MOLDOVAN AMBASSADOR-DESIGNATE CESLAV CIOBANU 1 MOLDOVAN AMBASSADOR-DESIGNATE \
                    PRESENTED COPIES OF HIS CREDENTIALS 2 TALBOTT CONGRATULATED CIOBANU ON HIS APPOINTMENT \
                    3 CIOBANU EXPRESSED APPRECIATION FOR THE OPPORTUNITY 4 CIOBANU ALSO CONVEYED HIS THANKS \
                    5 CIOBANU CONVEYED TO THE ACTING SECRETARY TWO WRITTEN MESSAGES 6 THE ACTING SECRETARY \
                    NOTED WE WERE WORKING ON SCHEDULING P 212315Z DEC 98 FM SECSTATE WASHDC TO AMEMBASSY \
                    CHISINAU PRIORITY STATE 234299 E O 12958 DECL 12 07 08 TAGS PREL PGOV ECON EALD UP";
        let relined = reline(flat);
        let lines: Vec<&str> = relined.lines().collect();
        assert!(lines.contains(&"E O 12958 DECL 12 07 08"), "{lines:#?}");
    }
}
