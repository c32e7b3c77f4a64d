//! Memos: the label block at the head of a memorandum (`TO:`, `FROM:`, `SUBJECT:`, `DATE:`)
//! and the private memo of the Clinton release (`For: Hillary` / `From: Sid` / `Re: ...`,
//! with a date line above it and often `CONFIDENTIAL` as the writer's own heading).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::clean::squash;
use super::{dates, Source};

/// `For: Hillary`, `From: Sid`, `From Sid`, `From:- Sid`, `Re: Syria`, `SUBJECT: ...`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[•*]?\s*(?P<label>(?i:for|to|from|re|subject|date|cc|through|thru))(?P<sep>\s*[:;]\s*-?\s*|\s+)(?P<value>\S.*)$")
        .unwrap()
});

static MEMO_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)MEMO(?:RANDUM)?(?-u:\b)").unwrap());

/// The head of a memo, as read from its label block.
#[derive(Debug, Default)]
pub struct MemoHeader {
    /// `For:` and `To:` names.
    pub to: Vec<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
    pub date: Option<NaiveDate>,
    /// A `For:` / `From:` / `Re:` memo: a writer's private memo, whose `CONFIDENTIAL` heading
    /// is the writer's own word, not a classification.
    pub private: bool,
    /// Lines of the label block and the date line.
    pub lines: BTreeSet<usize>,
}

/// How many lines with text the label block may start below the top.
const HEAD_LINES: usize = 30;

/// The label block of a memo near the top of the text: at least a sender (`From`), an
/// addressee (`For`, `To`) and a subject (`Re`, `Subject`) on consecutive lines. A `From`
/// without its colon counts only inside a block whose other labels have theirs.
pub fn header(src: &Source) -> Option<MemoHeader> {
    let mut seen = 0;
    let n = src.line_count();
    for l in 0..n {
        if src.furniture_line[l] || src.masked_line(l).trim().is_empty() {
            continue;
        }
        seen += 1;
        if seen > HEAD_LINES {
            return None;
        }
        let Some(label) = label(src.masked_line(l)) else {
            continue;
        };
        if !label.colon || !matches!(label.key.as_str(), "for" | "to" | "from") {
            continue;
        }
        if let Some(h) = block(src, l) {
            return Some(h);
        }
    }
    None
}

/// `MEMORANDUM FOR THE SECRETARY`, `ACTION MEMO FOR ...`: the heading names the addressee.
static MEMO_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:(?:ACTION|INFORMATION|BRIEFING|INFO)\s+)?MEMO(?:RANDUM)?\s+(?:FOR|TO)\s+(?P<value>\S.*)$")
        .unwrap()
});

struct Label<'a> {
    key: String,
    value: &'a str,
    /// Where the value begins on its line.
    column: usize,
    colon: bool,
    /// The memo's heading line, read as its addressee.
    heading: bool,
}

fn label(line: &str) -> Option<Label<'_>> {
    if let Some(c) = MEMO_FOR.captures(line) {
        return Some(Label {
            key: "for".into(),
            value: c.name("value").unwrap().as_str(),
            column: c.name("value").unwrap().start(),
            colon: true,
            heading: true,
        });
    }
    let c = LABEL.captures(line)?;
    let key = c["label"].to_ascii_lowercase();
    Some(Label {
        key: if key == "thru" { "through".into() } else { key },
        value: c.name("value").unwrap().as_str(),
        column: c.name("value").unwrap().start(),
        colon: c["sep"].contains([':', ';']),
        heading: false,
    })
}

fn block(src: &Source, start: usize) -> Option<MemoHeader> {
    let mut h = MemoHeader::default();
    let mut labels: Vec<String> = Vec::new();
    let mut heading = false;
    let mut value_column: Option<usize> = None;
    let mut subject_open = false;
    let mut l = start;
    let mut blank = 0;
    let n = src.line_count();
    while l < n {
        if src.furniture_line[l] {
            l += 1;
            continue;
        }
        let line = src.masked_line(l);
        if line.trim().is_empty() {
            blank += 1;
            if blank > 2 {
                break;
            }
            l += 1;
            continue;
        }
        let Some(label) = label(line) else {
            // A value wrapped onto the next line, aligned under the value above it.
            let indent = line.len() - line.trim_start().len();
            let aligned = value_column.is_some_and(|c| c > 4 && indent.abs_diff(c) <= 1);
            let Some(last) = labels.last().filter(|_| aligned && blank == 0) else {
                break;
            };
            let more = squash(column(line.trim()));
            match last.as_str() {
                "for" | "to" => h.to.push(more.to_uppercase()),
                "from" => {
                    if let Some(f) = h.from.as_mut() {
                        f.push_str("; ");
                        f.push_str(&more.to_uppercase());
                    }
                }
                "re" | "subject" if subject_open => {
                    if let Some(s) = h.subject.as_mut() {
                        s.push(' ');
                        s.push_str(&more);
                    }
                }
                _ => {}
            }
            h.lines.insert(l);
            l += 1;
            continue;
        };
        let key = label.key;
        if labels.contains(&key) || (key != "from" && !label.colon) {
            break;
        }
        blank = 0;
        heading |= label.heading;
        value_column = (!label.heading).then_some(label.column);
        subject_open = h.subject.is_none();
        // A label's value ends where a second column begins (a stamp, a reviewer's line).
        let value = squash(column(label.value));
        match key.as_str() {
            "for" | "to" => h.to.extend(
                value
                    .split([',', ';'])
                    .map(|s| s.trim().to_uppercase())
                    .filter(|s| !s.is_empty()),
            ),
            "from" => h.from = Some(value.to_uppercase()),
            "re" | "subject" if h.subject.is_none() => h.subject = Some(value),
            "date" => h.date = date(&value),
            _ => {}
        }
        h.lines.insert(l);
        labels.push(key);
        l += 1;
    }
    let has = |k: &str| labels.iter().any(|x| x == k);
    let signed = has("from") || heading;
    if !(signed && (has("re") || has("subject")) && (has("for") || has("to"))) {
        return None;
    }
    // A private memo is addressed, signed and captioned and nothing more: no date or route of an
    // office memo, no MEMORANDUM heading above it.
    h.private = has("re")
        && !has("date")
        && !has("through")
        && !heading
        && !(0..start).any(|k| MEMO_WORD.is_match(src.masked_line(k)));
    if h.date.is_none() {
        // The date line stands just above the block.
        let mut k = start;
        let mut looked = 0;
        while k > 0 && looked < 4 {
            k -= 1;
            if src.furniture_line[k] || src.masked_line(k).trim().is_empty() {
                continue;
            }
            looked += 1;
            let line = src.masked_line(k).trim();
            if let Some((d, range)) = dates::find_written(line) {
                if range.len() + 4 >= line.len() {
                    h.date = Some(d);
                    h.lines.insert(k);
                    break;
                }
            }
        }
    }
    Some(h)
}

/// `Hillary         1.4(B), 1.4(D) – Declassify on: 10/19/2024` -> `Hillary`.
fn column(value: &str) -> &str {
    match value.find("     ") {
        Some(i) => &value[..i],
        None => value,
    }
}

fn date(value: &str) -> Option<NaiveDate> {
    if let Some((d, _)) = dates::find_written(value) {
        return Some(d);
    }
    dates::numeric(value.split_whitespace().next()?)
}
