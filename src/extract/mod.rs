//! Facts from a parsed document, with the vocabularies of `data/vocab`: agencies named in
//! each paragraph and on each addressee line, dates mentioned in the text, violence figures
//! and assistance requests. Reads only the model; never the database.

pub mod requests;
pub mod text;
pub mod violence;
pub mod vocab;

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

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
    let mut mentions: Vec<(usize, usize, DateMention)> = Vec::new(); // (paragraph, offset, date)
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if !(is_text(p.kind) || p.kind == ParagraphKind::Note) {
            continue;
        }
        for (agency, count) in vocab.agencies_in(&p.text) {
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
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if !is_text(p.kind) {
            continue;
        }
        let flat = text::stripped(&p.text);
        // A text printed twice (an email and its attachment) states its facts once.
        for f in violence::figures(vocab, i, &p.text, flat) {
            let seen = doc.violence.iter().any(|g| {
                g.value == f.value
                    && g.unit == f.unit
                    && g.measure == f.measure
                    && g.sentence == f.sentence
            });
            if !seen {
                doc.violence.push(f);
            }
        }
        for item in requests::requests(vocab, &p.text, flat) {
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
                .and_then(|(_, _, d)| NaiveDate::parse_from_str(&d.value, "%Y-%m-%d").ok());
            doc.requests.push(AssistanceRequest {
                paragraph: Some(i),
                requester: item.requester,
                item: item.item,
                category: item.category,
                date: told.or(reference),
                date_source: if told.is_some() { "text" } else { "document" }.to_string(),
                sentence: item.sentence,
            });
        }
    }
    doc.dates.extend(mentions.into_iter().map(|(_, _, d)| d));
}

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?",
        r"\s+(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>(?:19|20)\d\d)(?-u:\b))?|(?P<ym>(?:19|20)\d\d)(?-u:\b))",
    ))
    .unwrap()
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?P<d>[0-3]?\d)\s+(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)(?:,?\s+(?P<y>(?:19|20)\d\d))?(?-u:\b)").unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:in|since|during|of|by|until|from|to)\s+((?:19|20)\d\d)(?-u:\b)")
        .unwrap()
});

/// Dates a paragraph mentions, normalized with their precision: `December 3` in a cable of
/// January 2010 is 2009-12-03; `August 2012` is 2012-08; `in 2008` is 2008.
pub fn dates_mentioned(text: &str, reference: Option<NaiveDate>) -> Vec<(usize, DateMention)> {
    let mut out: Vec<(usize, DateMention)> = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mention = |value: String, precision: Precision, raw: &str| DateMention {
        kind: "mentioned".into(),
        value,
        precision,
        raw: raw.to_string(),
        paragraph: None,
    };
    for c in DAY_MONTH
        .captures_iter(text)
        .chain(MONTH_DAY.captures_iter(text))
    {
        let whole = c.get(0).unwrap();
        if taken
            .iter()
            .any(|r| r.start < whole.end() && whole.start() < r.end)
        {
            continue;
        }
        // `may` in lower case is the verb.
        if &c["m"] == "may" {
            continue;
        }
        let Some(month) = dates::month(&c["m"]) else {
            continue;
        };
        if let Some(y) = c.name("ym") {
            let y: i32 = y.as_str().parse().unwrap_or(0);
            out.push((
                whole.start(),
                mention(dates::iso_month(y, month), Precision::Month, whole.as_str()),
            ));
            taken.push(whole.range());
            continue;
        }
        let Some(day) = c.name("d").and_then(|d| d.as_str().parse::<u32>().ok()) else {
            continue;
        };
        let date = match c.name("y") {
            Some(y) => dates::ymd(y.as_str().parse().unwrap_or(0), month, day),
            None => reference.and_then(|r| dates::same_or_previous_year(r, month, day)),
        };
        if let Some(date) = date {
            out.push((
                whole.start(),
                mention(
                    date.format("%Y-%m-%d").to_string(),
                    Precision::Day,
                    whole.as_str(),
                ),
            ));
            taken.push(whole.range());
        }
    }
    for c in YEAR.captures_iter(text) {
        let g = c.get(1).unwrap();
        if taken
            .iter()
            .any(|r| r.start <= g.start() && g.end() <= r.end)
        {
            continue;
        }
        let y: i32 = g.as_str().parse().unwrap_or(0);
        if reference.is_some_and(|r| y > r.year() + 1) && y > 2030 {
            continue;
        }
        out.push((
            g.start(),
            mention(format!("{y:04}"), Precision::Year, g.as_str()),
        ));
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
