//! Text in, `Document` out. Never touches the database.
//!
//! The stages, each in its own module:
//! 1. `clean` normalizes line endings and page breaks; `reline` gives the punctuation-stripped
//!    one-line shape its line breaks back.
//! 2. `banner` finds page furniture (release banners, print headers) and votes on the banner's
//!    values; furniture is blanked, keeping byte offsets, and left out of the body.
//! 3. `stamps` finds the release stamp, every exemption and classification code and the
//!    reviewer's stamps; these are blanked too before headers are read, so a stamp run into a
//!    header line (`FM AMEMBASSY MEXICO 1 4 B B1`) does not end up in its value.
//! 4. `email` and `cable` read the headers; `paragraphs` segments what is left.
//! 5. `frus` reads FRUS TEI XML, a file that may hold many documents.

pub mod banner;
pub mod cable;
pub mod classification;
pub mod classified_by;
pub mod clean;
pub mod dates;
pub mod email;
pub mod frus;
pub mod memo;
pub mod paragraphs;
pub mod references;
pub mod reline;
pub mod sent;
pub mod stamps;
pub mod tags;

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use thiserror::Error;

use crate::decode::{self, DecodeError};
use crate::model::{
    Addressee, AddresseeRole, DateMention, DocType, Document, ExemptionMark, Precision,
};

#[derive(Debug, Error)]
pub enum ParseError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("not a readable FRUS TEI file: {0}")]
    Xml(String),
    #[error("an XML file without any <div type=\"document\">")]
    NoDocuments,
}

/// The text of one document in the three forms the stages read.
pub struct Source {
    /// Normalized text (relined when it came flat).
    pub text: String,
    /// `text` with page furniture blanked.
    pub clean: String,
    /// `clean` with stamps blanked too: what headers are read from.
    pub masked: String,
    starts: Vec<usize>,
    /// Lines that are nothing but page furniture.
    pub furniture_line: Vec<bool>,
    pub flat: bool,
}

impl Source {
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn range(&self, l: usize) -> Range<usize> {
        let start = self.starts[l];
        let end = self
            .starts
            .get(l + 1)
            .map(|s| s - 1)
            .unwrap_or(self.text.len());
        start..end
    }

    pub fn text_line(&self, l: usize) -> &str {
        &self.text[self.range(l)]
    }

    pub fn clean_line(&self, l: usize) -> &str {
        &self.clean[self.range(l)]
    }

    pub fn masked_line(&self, l: usize) -> &str {
        &self.masked[self.range(l)]
    }

    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

fn blank(text: &str, spans: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        clean::blank_out(&mut bytes, s.clone());
    }
    // Spans start and end on ASCII or line boundaries, so this stays UTF-8; fall back to a
    // lossy conversion rather than panic if a span ever cuts a character.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Decode a file's bytes and parse every document in it.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Document>, ParseError> {
    parse_decoded(path, &decode::decode(bytes)?)
}

/// Parse every document of a file already decoded.
pub fn parse_decoded(path: &Path, decoded: &decode::Decoded) -> Result<Vec<Document>, ParseError> {
    let is_xml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    if is_xml || frus::is_tei(&decoded.text) {
        let docs = frus::parse(&decoded.text).map_err(ParseError::Xml)?;
        if docs.is_empty() {
            return Err(ParseError::NoDocuments);
        }
        return Ok(docs);
    }
    Ok(vec![parse_text(&decoded.text)])
}

static MEMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\W{0,3}(?:MEMORANDUM(?-u:\b)|INFORMATION\s+MEMO(?-u:\b)|ACTION\s+MEMO(?-u:\b)|BRIEFING\s+MEMO(?-u:\b)|MEMO\s+(?:FOR|TO)(?-u:\b))").unwrap()
});
/// A memo's own header block; a routing slip that only lists memo types has none.
static MEMO_FIELDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?im)^\W{0,3}(?:FROM|SUBJECT|THROUGH)\s*:").unwrap());
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^\W{0,3}Dear[\s,]+\w").unwrap());
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:Sincerely|Yours|Best regards|With best regards|Respectfully)").unwrap()
});
/// The same, where line breaks were stripped.
static LETTER_FLAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)Dear\s+(?:Mr|Mrs|Ms|Dr|Sir|Madam|Madame|Professor|Senator|Ambassador|Minister|Secretary|President)(?-u:\b)").unwrap()
});
static SIGN_OFF_FLAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Sincerely|Respectfully yours|Yours sincerely)(?-u:\b)").unwrap()
});
/// Stripped of its slashes: `08 24 2009`, with a four-digit year.
static NUMERIC_DATE_FLAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2} \d{1,2} (?:19|20)\d\d)(?-u:\b)").unwrap());
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))(?-u:\b)").unwrap());

/// Parse one release from its text.
pub fn parse_text(raw: &str) -> Document {
    let mut text = clean::normalize(raw);
    let flat = clean::is_flat(&text);
    // Relined text has lines of its own, and no pages to speak of.
    let page_breaks = if flat {
        Vec::new()
    } else {
        clean::page_breaks(raw)
    };
    if flat {
        text = reline::reline(&text);
    }
    let furniture = banner::find(&text);
    let clean = blank(&text, &furniture.spans);
    let stamps = stamps::find(&clean);
    let masked = blank(&clean, &stamps.spans);
    let starts = clean::line_starts(&text);
    let furniture_line = (0..starts.len())
        .map(|l| {
            let s = starts[l];
            let e = starts.get(l + 1).map(|x| x - 1).unwrap_or(text.len());
            !text[s..e].trim().is_empty() && clean[s..e].trim().is_empty()
        })
        .collect();
    let src = Source {
        text,
        clean,
        masked,
        starts,
        furniture_line,
        flat,
    };

    let mut doc = Document {
        doc_no: furniture.doc_no.clone(),
        case_no: furniture.case_no.clone(),
        release_date: furniture.release_date,
        release_status: stamps.status,
        pages: furniture.pages,
        ..Default::default()
    };
    if src.clean.trim().is_empty() {
        return doc;
    }

    let mut email = email::top_message(&src, furniture.release_date);
    // A memo that pastes an email exchange below its own label block is the memo (its
    // `From:` and `Date:` read as an email's); its block begins above the email's first
    // header line, so an email whose header opens the text is not looked at again.
    let email_first = email.as_ref().and_then(|e| e.lines.first().copied());
    let room_above = email_first.is_none_or(|e| {
        (0..e).any(|l| !src.furniture_line[l] && !src.masked_line(l).trim().is_empty())
    });
    let memo = if room_above { memo::header(&src) } else { None };
    let memo_first = memo.as_ref().and_then(|m| m.lines.first().copied());
    let memo = match (memo_first, email_first) {
        (Some(m), Some(e)) if m < e => {
            email = None;
            memo
        }
        (_, Some(_)) => None,
        _ => memo,
    };
    let smart = if email.is_some() {
        email::smart_cable(&src)
    } else {
        None
    };
    let cable = cable::parse(&src);

    let is_cable_header = (cable.dtg.is_some() && cable.origin.is_some())
        || (!cable.tags.is_empty() && cable.subject.is_some());
    let doc_type = if email.is_some() {
        DocType::Email
    } else if is_cable_header {
        DocType::Cable
    } else if memo.is_some() || memo_heading(&src) {
        DocType::Memo
    } else if LETTER.is_match(&src.masked)
        || SIGN_OFF.is_match(&src.masked)
        || (src.flat && (LETTER_FLAT.is_match(&src.masked) || SIGN_OFF_FLAT.is_match(&src.masked)))
    {
        DocType::Letter
    } else {
        DocType::Other
    };
    doc.doc_type = Some(doc_type);

    let mut header_lines: BTreeSet<usize> = cable.lines.clone();
    let mut ref_lines: Vec<String> = Vec::new();
    let mut numbered_from = match doc_type {
        DocType::Cable | DocType::Memo => Some(0),
        _ => None,
    };

    match doc_type {
        DocType::Email => {
            let top = email.as_ref().unwrap();
            header_lines.extend(top.lines.iter().copied());
            header_lines.extend(email::all_headers(&src));
            doc.origin = top.from.clone();
            doc.doc_date = top.sent;
            doc.subject = top.subject.clone();
            if let Some(raw) = &top.sent_raw {
                if let Some(d) = top.sent {
                    doc.dates.push(date_mention("sent", d, raw));
                }
            }
            if let Some(s) = &smart {
                header_lines.extend(s.lines.iter().copied());
                numbered_from = Some(s.body_start);
                doc.cable_id = s.cable_id.clone();
                doc.sent_at = s.sent_at;
                doc.precedence = s.precedence.map(str::to_string);
                doc.addressees.extend(s.to.iter().map(|n| Addressee {
                    role: AddresseeRole::To,
                    name: n.clone(),
                    agency: None,
                    routing_indicator: None,
                }));
                doc.addressees.extend(s.info.iter().map(|n| Addressee {
                    role: AddresseeRole::Info,
                    name: n.clone(),
                    agency: None,
                    routing_indicator: None,
                }));
                doc.tags = s.tags.clone();
                ref_lines = s.references.clone();
            }
            if doc.tags.is_empty() {
                doc.tags = cable.tags.clone();
            }
            if doc.cable_id.is_none() && cable.dtg.is_some() && cable.origin.is_some() {
                doc.cable_id = cable.cable_id();
                doc.sent_at = cable.dtg.as_ref().map(|d| d.at);
                doc.precedence = cable.precedence().map(str::to_string);
                add_routing(&mut doc, &cable);
            }
            if numbered_from.is_none() {
                // A cable pasted in without the SMART header: number from its captions.
                if let Some(&last) = cable.lines.iter().next_back() {
                    if cable.subject.is_some() && !cable.tags.is_empty() {
                        numbered_from = Some(last + 1);
                    }
                }
            }
        }
        DocType::Cable => {
            doc.cable_id = cable.cable_id();
            doc.sent_at = cable.dtg.as_ref().map(|d| d.at);
            doc.doc_date = doc.sent_at.map(|t| t.date());
            doc.precedence = cable.precedence().map(str::to_string);
            doc.origin = cable.origin.clone();
            doc.subject = cable.subject.clone();
            doc.tags = cable.tags.clone();
            ref_lines = cable.refs.clone();
            add_routing(&mut doc, &cable);
            if doc.doc_date.is_none() {
                doc.doc_date = first_date(&src, &header_lines, 40);
            }
        }
        DocType::Memo if memo.is_some() => {
            let m = memo.as_ref().unwrap();
            header_lines.extend(m.lines.iter().copied());
            doc.origin = m.from.clone();
            doc.subject = m.subject.clone().or_else(|| cable.subject.clone());
            // A date below the block is one the text mentions; a memo is not written after
            // its release.
            doc.doc_date = m.date.or_else(|| {
                first_date(&src, &BTreeSet::new(), 25)
                    .filter(|d| doc.release_date.is_none_or(|r| *d <= r))
            });
            doc.addressees.extend(m.to.iter().map(|n| Addressee {
                role: AddresseeRole::To,
                name: n.clone(),
                agency: None,
                routing_indicator: None,
            }));
        }
        DocType::Letter | DocType::Memo | DocType::Other => {
            doc.subject = cable.subject.clone();
            doc.doc_date = first_date(&src, &BTreeSet::new(), 25);
            // Caption and address lines read anywhere (a header excerpt, a cable's page).
            doc.tags = cable.tags.clone();
            ref_lines = cable.refs.clone();
            add_routing(&mut doc, &cable);
        }
    }
    doc.declassify_on = cable.declassify_on;
    doc.classified_by = cable.classified_by.clone();
    let year = doc
        .sent_at
        .map(|t| t.date())
        .or(doc.doc_date)
        .map(|d| d.year().rem_euclid(100) as u32);
    doc.references = references::split(&ref_lines, year);
    // Paragraphs, and each stamp code linked to the paragraph it stands in.
    let located = paragraphs::segment(
        &src,
        &paragraphs::Layout {
            header: &header_lines,
            numbered_from,
            signed: doc_type == DocType::Cable,
        },
    );
    let markings: Vec<&str> = located
        .iter()
        .filter_map(|p| p.paragraph.marking.as_deref())
        .collect();
    let private_memo = memo.as_ref().is_some_and(|m| m.private);
    doc.classification = classify(
        &src,
        doc_type,
        private_memo,
        &cable,
        &stamps,
        &markings,
        furniture.banners > 0,
    );
    for code in &stamps.codes {
        let paragraph = located.iter().position(|p| {
            p.span.start <= code.range.start && code.range.start < p.span.end.max(p.span.start + 1)
        });
        doc.exemptions.push(ExemptionMark {
            code: code.code.clone(),
            raw: code.raw.clone(),
            paragraph,
        });
    }
    doc.paragraphs = located
        .into_iter()
        .map(|l| {
            let mut p = l.paragraph;
            if !page_breaks.is_empty() {
                let line = src.line_of(l.span.start);
                p.page = Some(1 + page_breaks.partition_point(|&b| b <= line) as u32);
            }
            p
        })
        .collect();

    // Every date the parser settled on.
    if let Some(t) = doc.sent_at {
        doc.dates.push(DateMention {
            kind: "sent".into(),
            value: crate::model::format_sent_at(&t),
            precision: Precision::Minute,
            raw: t.format("%d%H%MZ %b %y").to_string().to_uppercase(),
            paragraph: None,
        });
    }
    if let Some(d) = doc.doc_date {
        doc.dates.push(date_mention("document", d, &d.to_string()));
    }
    if let Some(d) = doc.release_date {
        doc.dates.push(date_mention("released", d, &d.to_string()));
    }
    if let Some(d) = doc.declassify_on {
        let raw = cable.decl_raw.clone().unwrap_or_else(|| d.to_string());
        doc.dates.push(date_mention("declassify_on", d, &raw));
    }
    for r in &stamps.review_dates {
        doc.dates.push(date_mention(r.kind, r.date, &r.raw));
    }

    doc.body = body(&src);
    doc
}

/// A MEMORANDUM heading with its own header fields in the opening lines (read only for a
/// document that is no email or cable).
fn memo_heading(src: &Source) -> bool {
    let head_text: String = (0..src.line_count().min(60))
        .map(|l| src.masked_line(l))
        .collect::<Vec<_>>()
        .join("\n");
    MEMO.is_match(&head_text) && MEMO_FIELDS.is_match(&head_text)
}

fn add_routing(doc: &mut Document, cable: &cable::CableHeader) {
    let routing = |i: usize, to: bool| {
        cable
            .routing_indicators
            .iter()
            .find(|(role_to, at, _)| *role_to == to && *at == i)
            .map(|(_, _, ri)| ri.clone())
    };
    doc.addressees
        .extend(cable.to.iter().enumerate().map(|(i, n)| Addressee {
            role: AddresseeRole::To,
            name: n.clone(),
            agency: None,
            routing_indicator: routing(i, true),
        }));
    doc.addressees
        .extend(cable.info.iter().enumerate().map(|(i, n)| Addressee {
            role: AddresseeRole::Info,
            name: n.clone(),
            agency: None,
            routing_indicator: routing(i, false),
        }));
}

fn date_mention(kind: &str, d: NaiveDate, raw: &str) -> DateMention {
    DateMention {
        kind: kind.into(),
        value: d.format("%Y-%m-%d").to_string(),
        precision: Precision::Day,
        raw: raw.to_string(),
        paragraph: None,
    }
}

/// The first date in the opening lines: a letter's date line, a draft's drafting date.
fn first_date(src: &Source, skip: &BTreeSet<usize>, lines: usize) -> Option<NaiveDate> {
    let mut seen = 0;
    for l in 0..src.line_count() {
        if src.furniture_line[l] || skip.contains(&l) {
            continue;
        }
        let line = src.masked_line(l);
        if line.trim().is_empty() {
            continue;
        }
        seen += 1;
        if seen > lines {
            break;
        }
        if let Some((d, _)) = dates::find_written(line) {
            return Some(d);
        }
        if let Some(c) = NUMERIC_DATE.captures(line) {
            if let Some(d) = dates::numeric(&c[1]) {
                return Some(d);
            }
        }
        if src.flat {
            if let Some(d) = NUMERIC_DATE_FLAT
                .captures(line)
                .and_then(|c| dates::numeric(&c[1]))
            {
                return Some(d);
            }
        }
    }
    None
}

/// The document's own classification, from the strongest evidence it carries.
fn classify(
    src: &Source,
    doc_type: DocType,
    private_memo: bool,
    cable: &cable::CableHeader,
    stamps: &stamps::Stamps,
    markings: &[&str],
    released: bool,
) -> Option<String> {
    let default = (released || stamps.status.is_some()).then_some("UNCLASSIFIED");
    let pick = |x: Option<&'static str>| x.map(str::to_string);
    // An email's or a private memo's `CONFIDENTIAL` is the writer's word; only the
    // reviewer's stamp says how the released copy was classified.
    if doc_type == DocType::Email || private_memo {
        return pick(stamps.reviewer_class.or(default));
    }
    if let Some(c) = cable.class_line {
        return pick(Some(c));
    }
    // `CONFIDENTIAL - ENTIRE TEXT`, OCR `CDCRET ENTIRE TEXT`: the drafter's own statement of
    // the whole telegram's classification, in its first paragraph.
    if doc_type == DocType::Cable {
        if let Some(level) = entire_text(&src.masked) {
            return pick(Some(level));
        }
    }
    // A classification line of its own: near the top first, else wherever most of them say.
    let mut seen = 0;
    let mut lines: Vec<&'static str> = Vec::new();
    for l in 0..src.line_count() {
        if src.furniture_line[l] {
            continue;
        }
        let line = src.masked_line(l).trim();
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if let Some(level) = standalone_classification(line) {
            if seen <= 30 {
                return pick(Some(level));
            }
            lines.push(level);
        }
    }
    if let Some(level) = banner::vote(lines) {
        return pick(Some(level));
    }
    if let Some(c) = stamps.reviewer_class {
        return pick(Some(c));
    }
    // Portion marks: the highest. `(U)` on the CLASSIFIED BY paragraph of a classified cable
    // says nothing of the whole.
    let marked = markings
        .iter()
        .filter_map(|m| classification::level_of_marking(m))
        .filter(|level| cable.classified_by.is_none() || classification::rank(level) > 2)
        .max_by_key(|level| classification::rank(level));
    if marked.is_some() && doc_type == DocType::Cable {
        return pick(marked);
    }
    // The print header of scanned telegrams carries the classification too.
    static POEMS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^.{0,6}P.EMS.*?Handler\s*-\s*\S+\s+([A-Z ]{6,25}?)\s+\d").unwrap()
    });
    for c in POEMS.captures_iter(&src.text) {
        if let Some(level) = classification::level_of(&c[1]) {
            return pick(Some(level));
        }
    }
    pick(stamps.extended_class.or(default))
}

/// `CONFIDENTIAL`, `C O N F I D E N T I A L`, `CONFIDENTIAL PTP9184`: a line that is only a
/// classification (a print job number may follow it).
fn standalone_classification(line: &str) -> Option<&'static str> {
    if line.len() > 60 {
        return None;
    }
    static JOB: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)PTP\d+(?-u:\b)").unwrap());
    let bare = JOB.replace_all(line, "");
    let bare = bare.trim_matches(|c: char| !c.is_alphanumeric());
    classification::level_of(bare).or_else(|| secret_ocr(bare, 1))
}

/// `CECRET`, `SECRFT`, `5ECRET`: SECRET a letter or two away, where a word stands alone as a
/// classification (a line of its own, before `ENTIRE TEXT`) and cannot be another word.
fn secret_ocr(word: &str, edits: usize) -> Option<&'static str> {
    if !(5..=7).contains(&classification::squeezed_len(word)) {
        return None;
    }
    let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
    let w = w.to_ascii_uppercase();
    ((5..=7).contains(&w.len()) && clean::within_edits(&w, "SECRET", edits)).then_some("SECRET")
}

/// The level stated before `ENTIRE TEXT`.
fn entire_text(text: &str) -> Option<&'static str> {
    static ENTIRE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)(?:^|[\s(.])([A-Z][A-Z ]{3,24}?)\s*[-.:]*\s*ENTIRE\s+TEXT(?-u:\b)")
            .unwrap()
    });
    if !text.contains("ENTIRE") {
        return None;
    }
    let c = ENTIRE.captures(text)?;
    let words = c[1].trim();
    classification::level_of(words)
        .or_else(|| {
            words
                .split_whitespace()
                .last()
                .and_then(|w| secret_ocr(w, 2))
        })
        .or_else(|| {
            words
                .split_whitespace()
                .last()
                .and_then(classification::level_of)
        })
}

/// The text with furniture gone: lines that were only furniture dropped, runs of blank lines
/// folded to one.
fn body(src: &Source) -> String {
    let mut out = String::with_capacity(src.clean.len());
    let mut blank_run = 0;
    for l in 0..src.line_count() {
        if src.furniture_line[l] {
            continue;
        }
        let line = src.clean_line(l).trim_end();
        let line = if src.flat { line.trim_start() } else { line };
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_stated_before_entire_text() {
        assert_eq!(
            entire_text("2. CONFIDENTIAL - ENTIRE TEXT.\n"),
            Some("CONFIDENTIAL")
        );
        assert_eq!(
            entire_text("1. CDCRET ENTIRE TEXT. CLASSIFIED BY"),
            Some("SECRET")
        );
        assert_eq!(
            entire_text("1. (U) UNCLASSIFIED - ENTIRE TEXT"),
            Some("UNCLASSIFIED")
        );
        assert_eq!(entire_text("THE ENTIRE TEXT OF THE SPEECH"), None);
    }

    #[test]
    fn a_classification_line_ocr_damaged() {
        assert_eq!(standalone_classification("CECRET"), Some("SECRET"));
        assert_eq!(
            standalone_classification("CONFID NTIAL"),
            Some("CONFIDENTIAL")
        );
        assert_eq!(standalone_classification("SECRETARY"), None);
        assert_eq!(standalone_classification("SCREEN"), None);
    }
}
