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
    Regex::new(r"(?-u:\b)(?:Action Office|Info Office|MRN|Date ?[lI1|]? ?DTG|From|Action|Info|E O|TAGS|Captions|Reference|Pass Line|Subject)(?-u:\b)").unwrap()
});
/// Where a 1990s printout's routing and print block begins (`PTP6721`, `@INFO`, `ORIGIN
/// EAP-01`, `INFO LOG-00`, `DRAFTED BY`, `PAGE 01 STATE 099063`): no paragraph runs on past it.
static ROUTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u:\b)(?:PTP\d{3,}|ORIGIN [A-Z]{2,}-\d\d|INFO LOG-\d\d|DRAFTED BY|APPROVED BY|CLEARED BY|RELEASED BY",
        r"|(?P<page>PAGE \d\d [A-Z]{3,} \d{5,6}(?: \d\d OF \d\d)?(?: \d{6}Z)?)|SEC PTP|NNNN)(?-u:\b)|@(?:INFO|ACTION)(?-u:\b)",
    ))
    .unwrap()
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
    // A draft has no date-time group or message reference number, only its address lines:
    // `IMMEDIATE ASUNCION IMMEDIATE BRASILIA ...`, two addressees or more, each after its
    // precedence.
    if !DTG.is_match(text) && !text.contains("MRN ") {
        draft_addresses(text, &mut breaks);
    }
    printed_by(text, &mut breaks);
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
    paragraph_numbers(text, &mut breaks);
    for c in ROUTING.captures_iter(text) {
        breaks.push(c.get(0).unwrap().start());
        // A print header is a line of its own: what follows it (a stamp) is not.
        if let Some(page) = c.name("page") {
            breaks.push(page.end());
        }
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

/// An archive printout's header, `Post STATE MRN 234299 Printed by Soltis Marjorie A 12 4 00
/// 10 21 PRIORITY CONFID NTIAL`: the precedence and the classification stand on lines of
/// their own after the print time.
fn printed_by(text: &str, breaks: &mut Vec<usize>) {
    static PRINTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?-u:\b)Printed by [A-Za-z ,.'-]{3,40}? \d{1,2} \d{1,2} \d{2,4} \d{1,2} \d{2}",
            r"(?: (?P<prec>NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH))?(?-u:\b)",
        ))
        .unwrap()
    });
    if let Some(c) = PRINTED.captures(text) {
        breaks.push(c.get(0).unwrap().start());
        if let Some(p) = c.name("prec") {
            breaks.push(p.start());
        }
        breaks.push(c.get(0).unwrap().end());
    }
}

fn draft_addresses(text: &str, breaks: &mut Vec<usize>) {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH) [A-Z]{3,}")
            .unwrap()
    });
    let found: Vec<regex::Match> = ADDRESS.find_iter(text).collect();
    if let Some(w) = found.windows(2).find(|w| w[1].start() < w[0].end() + 40) {
        breaks.push(w[0].start());
    }
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

/// Numbered paragraphs in sequence, after the telegram's captions. A number followed by its
/// portion mark (`3 SBU High-level`) is a strong candidate, and may skip a withheld paragraph
/// or start a second telegram again at 1; it brings the heading run before it. A bare number,
/// where the marks were lost or OCR garbled them (`2 -4Q4 DEPUTY`), is a weaker one, and none
/// where it reads as a count, a date or a reference (`WITH 2 MEN`, `APRIL 25`, `PARA 3`). The
/// paragraphs are the chain of candidates, in text order and in number order, that the
/// evidence supports best: one misread number does not lose the ones after it.
fn paragraph_numbers(text: &str, breaks: &mut Vec<usize>) {
    // Numbering starts after a telegram's captions; without them only marked numbers count.
    let smart_subject = text
        .find("MRN ")
        .and_then(|m| text[m..].find("Subject ").map(|s| m + s));
    let start = ["SUBJECT", "SUBJ "]
        .iter()
        .filter_map(|l| text.find(l))
        .chain(smart_subject)
        .min();
    // In an all-capitals telegram, lower case and digits after a number are an OCR'd
    // portion mark (`2 e1 PRESIDENT`, `3 52 1 PRESIDENT`), not the next word of a sentence.
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let lower = text.chars().filter(|c| c.is_lowercase()).count();
    let shouting = lower * 10 < letters;

    let mut candidates: Vec<Candidate> = Vec::new();
    for c in PARA_START.captures_iter(text) {
        let m = c.get(1).unwrap();
        // `Page 2 C O 6 6 9...`: a page number and the doc-number stamp.
        let prev = text[..m.start()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        if prev.eq_ignore_ascii_case("page") || m.as_str().starts_with('0') {
            continue;
        }
        if let Ok(n) = m.as_str().parse() {
            candidates.push(Candidate {
                at: m.start(),
                n,
                weight: MARKED,
            });
        }
    }
    let marked_numbers: Vec<u32> = candidates.iter().map(|c| c.n).collect();
    if let Some(start) = start {
        // `P4 Kim responded`: OCR glued a letter to the number (`.P4.`); `G Kim then
        // raised`: it read 6 as G.
        static NUM: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?P<glued>[A-Z])?(?P<n>\d{1,2}) |(?-u:\b)(?P<g>G) [A-Z][a-z]")
                .unwrap()
        });
        for c in NUM.captures_iter(&text[start..]) {
            let (m, n) = match (c.name("n"), c.name("g")) {
                (Some(m), _) => match m.as_str().parse::<u32>() {
                    Ok(n) if !m.as_str().starts_with('0') => (m, n),
                    _ => continue,
                },
                (None, Some(g)) if !shouting => (g, 6),
                _ => continue,
            };
            // `O1`, `I0`: a digit OCR read as a letter, not one glued on.
            if c.name("glued")
                .is_some_and(|g| matches!(g.as_str(), "O" | "I" | "L" | "D"))
            {
                continue;
            }
            let at = start + c.get(0).unwrap().start();
            if marked_numbers.contains(&n) {
                continue;
            }
            let ocr = c.name("glued").is_some() || c.name("g").is_some();
            if let Some(w) = bare_number_weight(text, at, m.end() + start, shouting) {
                candidates.push(Candidate {
                    at,
                    n,
                    weight: if ocr { w.min(DOUBTFUL) } else { w },
                });
            }
        }
    }
    candidates.sort_by_key(|c| c.at);
    for i in chain(&candidates) {
        let c = &candidates[i];
        breaks.push(c.at);
        if c.weight >= MARKED {
            if let Some(h) = heading_before(text, c.at) {
                breaks.push(h);
            }
        }
    }
}

struct Candidate {
    at: usize,
    n: u32,
    weight: f32,
}

const MARKED: f32 = 3.0;
const BARE: f32 = 1.0;
const DOUBTFUL: f32 = 0.4;
/// What a number missing from the chain costs: lost to OCR, or withheld.
const MISSING: f32 = 0.6;

/// The best-supported chain of paragraph numbers among `candidates` (sorted by position):
/// each the one after the last (a marked one may skip up to four withheld), starting at 1
/// (or 2 when 1 was lost), starting again at 1 after a telegram of more than three, or
/// (marked) counting again from a number a little before.
fn chain(candidates: &[Candidate]) -> Vec<usize> {
    const WINDOW: usize = 400;
    let mut score = vec![f32::NEG_INFINITY; candidates.len()];
    let mut back: Vec<Option<usize>> = vec![None; candidates.len()];
    for (i, c) in candidates.iter().enumerate() {
        let marked = c.weight >= MARKED;
        score[i] = match c.n {
            1 => c.weight,
            2 => c.weight - MISSING,
            _ => f32::NEG_INFINITY,
        };
        for j in i.saturating_sub(WINDOW)..i {
            if score[j] == f32::NEG_INFINITY {
                continue;
            }
            let p = &candidates[j];
            if !marked && c.at < p.at + 20 {
                continue;
            }
            let gain = if c.n == p.n + 1 {
                c.weight
            } else if marked && c.n > p.n + 1 && c.n <= p.n + 5 {
                c.weight - MISSING * (c.n - p.n - 1) as f32
            } else if !marked && c.n == p.n + 2 {
                // A lost number: worth it only for the ones it leads to.
                c.weight - BARE
            } else if c.n == 1 && p.n > 3 && c.weight >= BARE {
                c.weight
            } else if marked && c.n <= p.n && c.n + 3 > p.n {
                // Misnumbered: the drafter counted again from an earlier number.
                c.weight - MISSING
            } else {
                continue;
            };
            if score[j] + gain > score[i] {
                score[i] = score[j] + gain;
                back[i] = Some(j);
            }
        }
    }
    let Some(end) = (0..candidates.len())
        .filter(|&i| score[i] > 0.0)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
    else {
        return Vec::new();
    };
    let mut out = vec![end];
    let mut at = end;
    while let Some(j) = back[at] {
        out.push(j);
        at = j;
    }
    out.reverse();
    out
}

/// How far a bare number may be a paragraph's: none where it is a count, date or reference
/// (`WITH 2 MEN`, `APRIL 25`, `PARA 3`) or the release banner's garbled document number
/// (`9 IFIED U S Department of State`) or between numbers (`5 1 06`, `12 4 00`); doubtful
/// between a number and a letter, where codes stand (`1 4 D`).
fn bare_number_weight(text: &str, at: usize, end: usize, shouting: bool) -> Option<f32> {
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
        "COPY",
        "PAGE",
        "Page",
    ];
    const AFTER: &[&str] = &[
        "PERCENT", "MILLION", "BILLION", "THOUSAND", "HUNDRED", "YEARS", "YEAR", "MONTHS", "MONTH",
        "DAYS", "DAY", "WEEKS", "WEEK", "HOURS", "MINUTES", "OF", "TO", "AND", "OR", "PM", "AM",
        "TIMES", "PEOPLE", "MEN", "WOMEN", "MEMBERS", "OTHER", "OTHERS", "MORE",
    ];
    let prev = text[..at].split_whitespace().next_back().unwrap_or("");
    let next = text[end..].split_whitespace().next().unwrap_or("");
    let prev_up = prev.to_ascii_uppercase();
    let next_up = next.to_ascii_uppercase();
    let month = |w: &str| super::dates::month(w).is_some() && w.len() >= 3;
    let banner = text[end..floor(text, (end + 40).min(text.len()))].contains("Department of State");
    if banner
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
        return None;
    }
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if number(prev) && number(next) {
        return None;
    }
    Some(if number(prev) && next.len() == 1 {
        DOUBTFUL
    } else {
        BARE
    })
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
            // The word before the run must be ordinary mixed-case text.
            let lower = w.chars().any(|c| c.is_ascii_lowercase());
            if !lower {
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
}
