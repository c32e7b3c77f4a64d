//! Page furniture: the release banner printed on every page (`UNCLASSIFIED U.S. Department of
//! State Case No. F-... Doc No. C... Date: ...`), its five-line Benghazi form, print headers
//! (`[Page 2]`, `POEMS Automated Telegram Handler`, `Page 1 of 5`) and collection footers.
//!
//! The banner's values are read from every copy and decided by vote, so OCR damage on a few
//! pages (`10121 2013`) does not win. Everything found here is removed from the body.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::clean::{is_noise, line_starts};
use super::dates;

#[derive(Debug, Default)]
pub struct Furniture {
    pub doc_no: Option<String>,
    pub case_no: Option<String>,
    pub release_date: Option<NaiveDate>,
    /// How many copies of the banner the text holds.
    pub banners: usize,
    /// Page count where the text marks pages.
    pub pages: Option<u32>,
    /// Byte ranges of furniture, sorted, not overlapping.
    pub spans: Vec<Range<usize>>,
}

static DOC_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)Doc\.?\s*No\.?\s*[:.]?\s*(C\s?[0-9O]{8})(?-u:\b)").unwrap()
});
static CASE_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)Case\s*No\.?\s*[:.]?\s*(F\s?-\s?\d{4}\s?-\s?\d{5})(?-u:\b)").unwrap()
});
static BANNER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)Date\s*[:;.]?[ \t]*([0-9][0-9/ .\-]{5,11}[0-9])").unwrap()
});
static DEPARTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[-'_.:=,;\w]*(?:UNCLASSIFIED|IFIED|IED)[\s.:,]*)?(?-u:\b)U\s?\.?\s?S\s?\.?\s+Department\s+of\s+State(?-u:\b)")
        .unwrap()
});
static UNCLASSIFIED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[-'_]*(?-u:\b)UNCLASSIFIED(?-u:\b)").unwrap());
/// Pieces of page furniture that can stand anywhere, each with a word it always holds (the
/// day-stamped print header has none but its time and year: `FURNITURE_DAY_KEY`).
const FURNITURE_PARTS: &[(Option<&str>, &str)] = &[
    // Benghazi production stamp, in whole or broken over two lines.
    (
        Some("PRODUCED"),
        r"STATE\s+DEPT\.?\s*-?\s*PRODUCED\s+TO\s+HOUSE\s+SELECT\s+BENGHAZI\s+COMM\.?",
    ),
    (
        Some("AGREEMENT"),
        r"SUBJECT\s+TO\s+AGREEMENT\s+ON\s+SENSITIVE\s+INFORMATION\s*&?\s*REDACTIONS\.?\s*NO\s+FOIA\s+WAIVER\.?",
    ),
    (Some("STATE-SCB"), r"(?-u:\b)STATE-SCB\d+(?-u:\b)"),
    // Print headers of scanned telegrams.
    (Some("[Page"), r"(?m)^\s*\[Page\s+\d+\]\s*$"),
    (Some("Automated"), r"(?m)^.{0,6}P.EMS\.?\s*Automated.*$"),
    (Some("Item"), r"(?m)^\W{0,3}Item\s+Subject\s*:.*$"),
    (
        None,
        r"(?m)^.{0,12}(?-u:\b)(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+\w{3}\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+\d{4}\s+\[.*$",
    ),
    (
        Some("PAGE"),
        r"(?m)^\s*PAGE\s+\d\d\s+\.?[A-Z]{3,}\s+\d{3,6}(?-u:\b).*$",
    ),
    (
        Some("CLASSIFICATION:"),
        r"(?m)^\s*CLASSIFICATION:\s*UNCLASSIFIED\s*$",
    ),
    (Some("Page"), r"(?m)^\s*Page\s+\d+\s+of\s+\d+\s*$"),
    // The same print headers with their punctuation and line breaks stripped.
    (
        Some("Page"),
        r"(?-u:\b)Page\s+\d+\s+C\s?[O0Q]?\s?(?:\d\s?){5,9}(?-u:\b)",
    ),
    (
        Some("Automated"),
        r"(?-u:\b)P.EMS\s+Automated\s+Te.?legram\s+Handler\s+-\s+\S+.{0,40}?\s[ap]m\s+Page\s*\d*",
    ),
    // The National Security Archive's footer.
    (
        Some("holdings"),
        r"(?s:This\s+document\s+is\s+from\s+the\s+holdings\s+of\s+[Tt]he\s+National\s+Security\s+Archive.{0,400}?nsarchiv@gwu\.?\s?edu)",
    ),
];

/// The pieces in one alternation, so the text is scanned once.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    let alternation: Vec<String> = FURNITURE_PARTS
        .iter()
        .map(|(_, p)| format!("(?:{})", p.trim_start_matches("(?m)")))
        .collect();
    Regex::new(&format!("(?m){}", alternation.join("|"))).unwrap()
});
/// The pieces' words: text with none of them holds no furniture, and most text has none
/// (425 of the population's 24,221 files).
static FURNITURE_KEYS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    // Leftmost-first: the kind that searches with vector instructions (Teddy) first.
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(FURNITURE_PARTS.iter().filter_map(|(key, _)| *key))
        .unwrap()
});
static FURNITURE_DAY_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d\d:\d\d:\d\d\s+\d{4}\s+\[").unwrap());

fn may_hold_furniture(text: &str) -> bool {
    FURNITURE_KEYS.is_match(text) || (text.contains('[') && FURNITURE_DAY_KEY.is_match(text))
}

/// The vertical doc-number stamp OCR runs into the banner: `C O 6 6 9 7 8 2 3`.
static DOC_STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)C\s?[O0Q]?\s?(?:\d\s?){5,9}").unwrap());

pub fn find(text: &str) -> Furniture {
    let mut f = Furniture::default();
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut doc_votes: Vec<String> = Vec::new();
    let mut case_votes: Vec<String> = Vec::new();
    let mut date_votes: Vec<NaiveDate> = Vec::new();

    for m in DOC_NO.captures_iter(text) {
        let whole = m.get(0).unwrap();
        let lo = floor_boundary(text, whole.start().saturating_sub(260));
        let before = &text[lo..whole.start()];
        let Some(case) = CASE_NO.captures_iter(before).last() else {
            continue;
        };
        f.banners += 1;
        doc_votes.push(m[1].replace(' ', "").replace('O', "0"));
        case_votes.push(case[1].chars().filter(|c| !c.is_whitespace()).collect());
        let case_range = case.get(0).unwrap().range();
        pieces.push(lo + case_range.start..lo + case_range.end);
        pieces.push(whole.range());
        if let Some(dep) = DEPARTMENT.find_iter(before).last() {
            pieces.push(lo + dep.start()..lo + dep.end());
            // `UNCLASSIFIED` may stand a column or a line above the department.
            let lo2 = floor_boundary(text, lo + dep.start().saturating_sub(80));
            if let Some(u) = UNCLASSIFIED_WORD
                .find_iter(&text[lo2..lo + dep.start()])
                .last()
            {
                pieces.push(lo2 + u.start()..lo2 + u.end());
            }
        }
        let hi = ceil_boundary(text, (whole.end() + 200).min(text.len()));
        if let Some(d) = BANNER_DATE.captures(&text[whole.end()..hi]) {
            let r = d.get(0).unwrap().range();
            pieces.push(whole.end() + r.start..whole.end() + r.end);
            if let Some(date) = dates::numeric(&d[1]) {
                date_votes.push(date);
            }
        }
    }
    f.doc_no = vote(doc_votes);
    f.case_no = vote(case_votes);
    f.release_date = vote(date_votes);

    if may_hold_furniture(text) {
        pieces.extend(FURNITURE.find_iter(text).map(|m| m.range()));
    }
    f.pages = count_pages(text, f.banners);
    f.spans = widen_to_lines(text, pieces);
    f
}

fn count_pages(text: &str, banners: usize) -> Option<u32> {
    static PAGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*\[Page\s+(\d+)\]\s*$").unwrap());
    static PAGE_OF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*Page\s+\d+\s+of\s+(\d+)\s*$").unwrap());
    if let Some(n) = PAGE
        .captures_iter(text)
        .filter_map(|c| c[1].parse().ok())
        .max()
    {
        return Some(n);
    }
    if let Some(n) = PAGE_OF
        .captures_iter(text)
        .filter_map(|c| c[1].parse().ok())
        .max()
    {
        return Some(n);
    }
    (banners > 0).then(|| banners.div_ceil(2) as u32)
}

/// A line made only of furniture and noise goes whole; elsewhere only the pieces go.
fn widen_to_lines(text: &str, mut pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    pieces.sort_by_key(|r| (r.start, r.end));
    let starts = line_starts(text);
    let mut by_line: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for p in &pieces {
        let first = line_index(&starts, p.start);
        let last = line_index(&starts, p.end.saturating_sub(1).max(p.start));
        for l in first..=last {
            let ls = starts[l];
            let le = line_end(text, &starts, l);
            let s = p.start.max(ls);
            let e = p.end.min(le);
            if s < e {
                by_line.entry(l).or_default().push(s..e);
            }
        }
    }
    let mut spans = Vec::new();
    for (l, parts) in by_line {
        let ls = starts[l];
        let le = line_end(text, &starts, l);
        let mut rest = String::new();
        let mut pos = ls;
        let mut sorted = parts.clone();
        sorted.sort_by_key(|r| r.start);
        for p in &sorted {
            if p.start > pos {
                rest.push_str(&text[pos..p.start]);
            }
            pos = pos.max(p.end);
        }
        if pos < le {
            rest.push_str(&text[pos..le]);
        }
        let rest = DOC_STAMP.replace_all(&rest, "");
        if rest.trim().is_empty() || (is_noise(&rest) && rest.trim().len() < 40) {
            spans.push(ls..le);
        } else {
            spans.extend(sorted);
        }
    }
    merge(spans)
}

fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

fn line_index(starts: &[usize], offset: usize) -> usize {
    match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i - 1,
    }
}

fn line_end(text: &str, starts: &[usize], l: usize) -> usize {
    starts.get(l + 1).map(|s| s - 1).unwrap_or(text.len())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The value most copies agree on; the earliest among equals.
pub fn vote<T: Clone + Eq + std::hash::Hash>(values: Vec<T>) -> Option<T> {
    let mut counts: HashMap<&T, (usize, usize)> = HashMap::new();
    for (i, v) in values.iter().enumerate() {
        let e = counts.entry(v).or_insert((0, i));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(v, _)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_values_by_vote() {
        let text = "UNCLASSIFIED U.S. Department of State Case No. F-2010-07760 Doc No. C05288068 Date: 10/21/2013\nbody\n\
                    UNCLASSIFIED U S Department of State Case No F-2010-07760 Doc No C05288068 Date 10121 2013\nmore\n\
                    UNCLASSIFIED U S Department of State Case No F-2010-07760 Doc No C05288068 Date 10 21 2013\n";
        let f = find(text);
        assert_eq!(f.doc_no.as_deref(), Some("C05288068"));
        assert_eq!(f.case_no.as_deref(), Some("F-2010-07760"));
        assert_eq!(f.release_date, NaiveDate::from_ymd_opt(2013, 10, 21));
        assert_eq!(f.banners, 3);
    }

    #[test]
    fn banner_lines_are_removed_whole_but_stamps_beside_them_stay() {
        let text = "C O 6 6 9 7 8 2 3:IED U.S. Department of State Case No. F-2017-13804 Doc No. C06697823 Date: 08/26/2019\n\
                    Date: 05/13/2015   PART B6\n";
        let f = find(text);
        let kept: String = text
            .char_indices()
            .filter(|(i, _)| !f.spans.iter().any(|s| s.contains(i)))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(kept.trim(), "Date: 05/13/2015   PART B6");
    }
}
