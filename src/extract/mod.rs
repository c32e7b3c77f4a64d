//! Facts from a parsed document, with the vocabularies of `data/vocab`: agencies named in
//! each paragraph and on each addressee line, dates mentioned in the text, violence figures
//! and assistance requests. Reads only the model; never the database.

pub mod requests;
pub mod text;
pub mod violence;
pub mod vocab;

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;

pub use vocab::{Vocab, VocabFiles};

use crate::model::{
    AgencyMention, AssistanceRequest, DateMention, Document, ParagraphKind, Precision,
};
use crate::parse::dates;

/// Paragraphs facts are read from: the text itself, not headers, routing or stamps.
fn is_text(kind: ParagraphKind) -> bool {
    matches!(kind, ParagraphKind::Body | ParagraphKind::Signature)
}

/// Add every fact the vocabularies find to `doc` (replacing any found before).
pub fn extract(doc: &mut Document, vocab: &Vocab) {
    doc.agency_mentions.clear();
    doc.violence.clear();
    doc.requests.clear();
    doc.dates.retain(|d| d.kind != "mentioned");

    for a in &mut doc.addressees {
        a.agency = vocab.agency_of_addressee(&a.name).map(|i| {
            let ag = &vocab.agencies[i];
            (ag.acronym.clone(), ag.country.clone())
        });
    }
    let reference = doc.doc_date.or(doc.sent_at.map(|t| t.date()));
    // (paragraph, offset, date)
    let mut mentions: Vec<(usize, usize, DateMention)> = Vec::new();
    // Each paragraph read once for every list: its agencies, violence and request words.
    let scans: Vec<Option<vocab::Scanned>> = doc
        .paragraphs
        .iter()
        .map(|p| (is_text(p.kind) || p.kind == ParagraphKind::Note).then(|| vocab.scan(&p.text)))
        .collect();
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let Some(scan) = &scans[i] else {
            continue;
        };
        for &(agency, count) in &scan.agencies {
            let ag = &vocab.agencies[agency];
            doc.agency_mentions.push(AgencyMention {
                paragraph: i,
                agency: (ag.acronym.clone(), ag.country.clone()),
                count,
            });
        }
        for (offset, mut d) in dates_mentioned(&p.text, reference) {
            d.paragraph = Some(i);
            mentions.push((i, offset, d));
        }
    }
    // A document about a disaster, a disease or an accident: most of its harm words are
    // of that kind (`the earthquake`, `cholera`), not of violence.
    // Read only where a violence term occurs at all (most documents have none).
    // (Each paragraph is asked once; the figures are read only from those that do.)
    let text_scan = |i: usize| {
        scans[i]
            .as_ref()
            .filter(|_| is_text(doc.paragraphs[i].kind))
    };
    let violence_at: Vec<bool> = (0..doc.paragraphs.len())
        .map(|i| text_scan(i).is_some_and(|s| s.violence))
        .collect();
    let violent = violence_at.contains(&true);
    let disaster = violent && {
        let (mut harm, mut violence) = (0usize, 0usize);
        for s in (0..doc.paragraphs.len()).filter_map(text_scan) {
            harm += s.harm.0;
            violence += s.harm.1;
        }
        harm >= 2 && harm > violence
    };
    // Who the text has named so far, for `he`, `they`, `his` in later paragraphs; read up
    // to the last paragraph that holds a request phrase, and not at all without one.
    let mut discourse = requests::Discourse::default();
    let asks: Vec<bool> = (0..doc.paragraphs.len())
        .map(|i| text_scan(i).is_some_and(|s| s.request))
        .collect();
    let last_request = asks.iter().rposition(|a| *a);
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if !is_text(p.kind) {
            continue;
        }
        let flat = text::stripped(&p.text);
        // A text printed twice (an email and its attachment) states its facts once.
        let figures = if violence_at[i] {
            violence::figures(vocab, i, &p.text, flat, disaster)
        } else {
            Vec::new()
        };
        for f in figures {
            let seen = doc.violence.iter().any(|g| {
                g.value == f.value
                    && g.unit == f.unit
                    && g.class == f.class
                    && g.sentence == f.sentence
            });
            if !seen {
                doc.violence.push(f);
            }
        }
        if last_request.is_none_or(|l| i > l) {
            continue;
        }
        for item in requests::requests(vocab, &p.text, flat, asks[i], &mut discourse) {
            if doc
                .requests
                .iter()
                .any(|r| r.item == item.item && r.sentence == item.sentence)
            {
                continue;
            }
            // The date of the meeting the text last named, up to the request.
            let told = mentions
                .iter()
                .rev()
                .find(|(pi, off, d)| {
                    d.precision == Precision::Day && (*pi < i || (*pi == i && *off <= item.offset))
                })
                .and_then(|(_, _, d)| NaiveDate::parse_from_str(&d.value, "%Y-%m-%d").ok())
                .or_else(|| summary_date(&mentions, i, reference));
            doc.requests.push(AssistanceRequest {
                paragraph: Some(i),
                requester: item.requester,
                requester_source: item.requester_source.map(str::to_string),
                asked_of: item.asked_of,
                item: item.item,
                category: item.category,
                date: told.or(reference),
                date_source: if told.is_some() { "text" } else { "document" }.to_string(),
                sentence: item.sentence,
                confidence: item.confidence,
            });
        }
    }
    doc.dates.extend(mentions.into_iter().map(|(_, _, d)| d));
}

/// A request in a cable's summary, before the text names any date, was made at the meeting
/// the cable reports: the first day it names in the paragraphs after, when that day is at
/// most 60 days before the document (`Assistance requests modest ...` in a cable of January
/// 12, whose next paragraphs tell of a visit on December 3 and 4).
fn summary_date(
    mentions: &[(usize, usize, DateMention)],
    paragraph: usize,
    reference: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let reference = reference?;
    if mentions
        .iter()
        .any(|(pi, _, d)| *pi <= paragraph && d.precision == Precision::Day)
    {
        return None;
    }
    mentions
        .iter()
        .filter(|(pi, _, d)| {
            *pi > paragraph && *pi <= paragraph + 8 && d.precision == Precision::Day
        })
        .filter_map(|(_, _, d)| NaiveDate::parse_from_str(&d.value, "%Y-%m-%d").ok())
        .next()
        .filter(|d| *d <= reference && (reference - *d).num_days() <= 60)
}

/// Month names and their abbreviations, found in one pass.
static MONTHS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build([
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
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sept",
            "sep",
            "oct",
            "nov",
            "dec",
        ])
        .unwrap()
});
const MONTH_OF_PATTERN: [u32; 24] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12,
];

/// Digits at `i` (at most `max`), and where they end.
fn digits_at(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < b.len() && j - i < max && b[j].is_ascii_digit() {
        j += 1;
    }
    if j == i || (j < b.len() && b[j].is_ascii_digit()) {
        return None;
    }
    std::str::from_utf8(&b[i..j])
        .ok()?
        .parse()
        .ok()
        .map(|v| (v, j))
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\n') {
        i += 1;
    }
    i
}

fn is_year(y: u32) -> bool {
    (1900..2100).contains(&y)
}

/// Dates a paragraph mentions, normalized with their precision: `December 3` in a cable of
/// January 2010 is 2009-12-03; `3 August 2010`; `August 2012` is 2012-08; `in 2008` is 2008.
pub fn dates_mentioned(text: &str, reference: Option<NaiveDate>) -> Vec<(usize, DateMention)> {
    let mut out: Vec<(usize, DateMention)> = Vec::new();
    let b = text.as_bytes();
    if !b.iter().any(u8::is_ascii_digit) {
        return out;
    }
    let mention = |value: String, precision: Precision, raw: &str| DateMention {
        kind: "mentioned".into(),
        value,
        precision,
        raw: raw.to_string(),
        paragraph: None,
    };
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for m in MONTHS.find_iter(text) {
        let (s, mut e) = (m.start(), m.end());
        let word_start = s == 0 || !b[s - 1].is_ascii_alphanumeric();
        let word_end = e >= b.len() || !b[e].is_ascii_alphabetic();
        // `may` in lower case is the verb.
        if !word_start || !word_end || &text[s..e] == "may" {
            continue;
        }
        let month = MONTH_OF_PATTERN[m.pattern().as_usize()];
        if e < b.len() && b[e] == b'.' {
            e += 1;
        }
        // `3 August 2010`: a day before the month.
        let mut day_before = None;
        let mut start = s;
        if s >= 2 {
            let mut k = s;
            while k > 0 && b[k - 1] == b' ' {
                k -= 1;
            }
            let mut d = k;
            while d > 0 && k - d < 2 && b[d - 1].is_ascii_digit() {
                d -= 1;
            }
            if d < k && k < s && (d == 0 || !b[d - 1].is_ascii_alphanumeric()) {
                day_before = text[d..k].parse::<u32>().ok();
                start = d;
            }
        }
        let i = skip_spaces(b, e);
        let (date, precision, end) = match digits_at(b, i, 4) {
            // `August 2012`
            Some((y, j)) if j - i == 4 && day_before.is_none() && is_year(y) => {
                (Some(dates::iso_month(y as i32, month)), Precision::Month, j)
            }
            // `August 3`, `August 3, 2010`, `August 3rd`
            Some((d, mut j)) if j - i <= 2 && day_before.is_none() => {
                for suffix in ["st", "nd", "rd", "th"] {
                    if text[j..].starts_with(suffix) {
                        j += 2;
                    }
                }
                let mut k = j;
                if k < b.len() && b[k] == b',' {
                    k += 1;
                }
                let k = skip_spaces(b, k);
                let year = digits_at(b, k, 4).filter(|(y, e2)| *e2 - k == 4 && is_year(*y));
                let (date, end) = match year {
                    Some((y, e2)) => (dates::ymd(y as i32, month, d), e2),
                    None => (
                        reference.and_then(|r| dates::same_or_previous_year(r, month, d)),
                        j,
                    ),
                };
                (
                    date.map(|x| x.format("%Y-%m-%d").to_string()),
                    Precision::Day,
                    end,
                )
            }
            // `3 August 2010`, `3 August`
            year => match day_before {
                Some(d) => {
                    let (date, end) = match year.filter(|(y, j)| *j - i == 4 && is_year(*y)) {
                        Some((y, j)) => (dates::ymd(y as i32, month, d), j),
                        None => (
                            reference.and_then(|r| dates::same_or_previous_year(r, month, d)),
                            e,
                        ),
                    };
                    (
                        date.map(|x| x.format("%Y-%m-%d").to_string()),
                        Precision::Day,
                        end,
                    )
                }
                None => (None, Precision::Day, e),
            },
        };
        if let Some(value) = date {
            out.push((start, mention(value, precision, &text[start..end])));
            taken.push(start..end);
        }
    }
    // `in 2008`, `since 1996`: a year alone, after a preposition.
    let mut i = 0;
    while i + 4 <= b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let Some((y, j)) = digits_at(b, i, 4) else {
            i += 1;
            continue;
        };
        if j - i == 4 && is_year(y) && !taken.iter().any(|r| r.start <= i && j <= r.end) {
            let before = text[..i].trim_end();
            let word = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let preposition = ["in", "since", "during", "of", "by", "until", "from", "to"]
                .iter()
                .any(|p| word.eq_ignore_ascii_case(p));
            if preposition {
                out.push((i, mention(format!("{y:04}"), Precision::Year, &text[i..j])));
            }
        }
        i = j.max(i + 1);
    }
    out.sort_by_key(|(o, _)| *o);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_without_a_year_take_the_documents() {
        let got: Vec<(String, Precision)> = dates_mentioned(
            "traveled to Tijuana December 3 and San Diego December 4; in 2008 and August 2012; on 5 March 2011. It may 4 times",
            Some(d(2010, 1, 12)),
        )
        .into_iter()
        .map(|(_, m)| (m.value, m.precision))
        .collect();
        assert_eq!(
            got,
            [
                ("2009-12-03".to_string(), Precision::Day),
                ("2009-12-04".to_string(), Precision::Day),
                ("2008".to_string(), Precision::Year),
                ("2012-08".to_string(), Precision::Month),
                ("2011-03-05".to_string(), Precision::Day),
            ]
        );
    }
}
