//! Foreign Relations of the United States (FRUS) TEI XML: every `<div type="document">` of a
//! file is a document, with its heading (`Telegram From the Embassy in South Africa to the
//! Department of State`), dateline (`Cape Town, May 7, 1973, 1035Z`), source note
//! (`Confidential; Immediate; Limdis.`), paragraphs and footnotes.
//!
//! Read with a real XML parser (quick-xml); FRUS files declare the `frus:` prefix at the
//! volume's root, so a document cut out of a volume is read without namespace checks.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use regex::Regex;

use super::clean::squash;
use super::paragraphs::numbered;
use crate::model::{DateMention, DocType, Document, Paragraph, ParagraphKind, Precision};

#[derive(Debug)]
enum Child {
    Node(Node),
    Text(String),
}

#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Child>,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Text of the element, footnotes left out when `skip_notes`.
    fn text(&self, skip_notes: bool) -> String {
        let mut out = String::new();
        self.collect(skip_notes, &mut out);
        squash(&out)
    }

    fn collect(&self, skip_notes: bool, out: &mut String) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Node(n) if skip_notes && n.name == "note" => {}
                Child::Node(n) if n.name == "lb" => out.push(' '),
                Child::Node(n) => n.collect(skip_notes, out),
            }
        }
    }

    fn find<'a>(&'a self, name: &str) -> Option<&'a Node> {
        for c in &self.children {
            if let Child::Node(n) = c {
                if n.name == name {
                    return Some(n);
                }
                if n.name != "note" {
                    if let Some(found) = n.find(name) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if let Child::Node(n) = c {
                if n.name == name {
                    out.push(n);
                }
                n.all(name, out);
            }
        }
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    s.rsplit(':').next().unwrap_or("").to_string()
}

fn node_from(e: &BytesStart) -> Node {
    let attrs = e
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).to_string();
            let value = a
                .unescape_value()
                .map(|v| v.to_string())
                .unwrap_or_default();
            (key, value)
        })
        .collect();
    Node {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

pub fn is_tei(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.contains("<div") && head.contains("type=\"document\"")
        || head.contains("<TEI")
        || head.contains("http://www.tei-c.org/ns")
}

/// Every document of a FRUS TEI file.
pub fn parse(text: &str) -> Result<Vec<Document>, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Node> = Vec::new();
    let mut docs = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let node = node_from(&e);
                let is_doc = node.name == "div" && node.attr("type") == Some("document");
                if is_doc || !stack.is_empty() {
                    stack.push(node);
                }
            }
            Event::Empty(e) => {
                if let Some(top) = stack.last_mut() {
                    top.children.push(Child::Node(node_from(&e)));
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let s = t.decode().map(|c| c.to_string()).unwrap_or_default();
                    top.children.push(Child::Text(s));
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.children
                        .push(Child::Text(String::from_utf8_lossy(&t).to_string()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            let name = r.decode().map(|c| c.to_string()).unwrap_or_default();
                            quick_xml::escape::resolve_xml_entity(&name)
                                .map(str::to_string)
                                .unwrap_or_else(|| format!("&{name};"))
                        }
                    };
                    top.children.push(Child::Text(resolved));
                }
            }
            Event::End(_) => {
                if let Some(node) = stack.pop() {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Child::Node(node)),
                        None => docs.push(document(&node)),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("XML ends inside a <div type=\"document\">".into());
    }
    Ok(docs)
}

static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\.\s*)?(?:(?:Telegram|Memorandum|Letter|Message|Airgram|Note|Backchannel Message)\s+)?(?:From\s+)?(.+?)\s+to\s+(.+)$").unwrap()
});
static CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(top secret|secret|confidential|limited official use|unclassified)(?-u:\b)",
    )
    .unwrap()
});
static PRECEDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(niact immediate|flash|immediate|priority|routine)(?-u:\b)").unwrap()
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,7})\.\s+(.*)$").unwrap());
static SUBJ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^Subj(?:ect)?\s*[:.]?\s*(.+?)(?:\.\s+Ref(?-u:\b).*|\.\s*\[\d+\].*|\.\s*$|$)")
        .unwrap()
});
static ZULU: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)\d{4}\s?Z(?-u:\b)").unwrap());

fn strip_the(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    squash(s).to_uppercase()
}

fn document(div: &Node) -> Document {
    let mut doc = Document {
        part: div.attr("xml:id").map(str::to_string),
        ..Default::default()
    };
    let head = div.find("head");
    let title = head.map(|h| h.text(true)).unwrap_or_default();
    let title_bare = title
        .split_once(". ")
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        .map(|(_, t)| t.to_string())
        .unwrap_or_else(|| title.clone());
    let mut notes: Vec<&Node> = Vec::new();
    div.all("note", &mut notes);
    let source_note = notes
        .iter()
        .find(|n| n.attr("type") == Some("source"))
        .map(|n| n.text(false))
        .unwrap_or_default();

    let lower = format!("{title} {source_note}").to_lowercase();
    doc.doc_type = Some(if lower.contains("telegram") || lower.contains("airgram") {
        DocType::Cable
    } else if lower.contains("memorandum") {
        DocType::Memo
    } else if lower.contains("letter") {
        DocType::Letter
    } else if title_bare.contains(" to ") {
        DocType::Cable
    } else {
        DocType::Other
    });
    if let Some(c) = HEAD.captures(&title_bare) {
        doc.origin = Some(strip_the(&c[1]));
        doc.addressees.push(crate::model::Addressee {
            role: crate::model::AddresseeRole::To,
            name: strip_the(&c[2]),
            agency: None,
            routing_indicator: None,
        });
    }

    // Date and place from the dateline.
    let dateline = div.find("dateline");
    let date_node = dateline.and_then(|d| d.find("date"));
    let when = date_node
        .and_then(|d| d.attr("when"))
        .or_else(|| div.attr("frus:doc-dateTime-min"));
    let date_text = date_node.map(|d| d.text(true)).unwrap_or_default();
    if let Some(w) = when {
        let (date, utc) = parse_when(w, ZULU.is_match(&date_text));
        doc.doc_date = date;
        doc.sent_at = utc;
        if let Some(d) = date {
            doc.dates.push(DateMention {
                kind: "document".into(),
                value: d.format("%Y-%m-%d").to_string(),
                precision: Precision::Day,
                raw: w.to_string(),
                paragraph: None,
            });
        }
    }
    let place = dateline
        .and_then(|d| d.find("placeName").map(|p| p.text(true)))
        .or_else(|| {
            dateline.and_then(|d| d.text(true).split(',').next().map(|s| s.trim().to_string()))
        })
        .filter(|p| !p.is_empty());

    // Classification and precedence from the source note, else the opener.
    let opener = div.find("opener").map(|o| o.text(true)).unwrap_or_default();
    let class_src = format!("{source_note} {opener}");
    doc.classification = CLASS.captures(&class_src).map(|c| c[1].to_uppercase());
    doc.precedence = PRECEDENCE
        .captures(&source_note)
        .map(|c| c[1].to_uppercase());

    // Paragraphs; the first may carry the telegram number and subject.
    let mut ps: Vec<&Node> = Vec::new();
    div.all("p", &mut ps);
    let mut expected = 1u32;
    let mut telegram_no: Option<u64> = None;
    for (i, p) in ps.iter().enumerate() {
        let text = p.text(true);
        if text.is_empty() {
            continue;
        }
        if i == 0 {
            if let Some(c) = NUMBER.captures(&text) {
                let n: u64 = c[1].parse().unwrap_or(0);
                if n >= 100 || SUBJ.is_match(&c[2]) {
                    telegram_no = Some(n);
                    if let Some(s) = SUBJ.captures(&c[2]) {
                        doc.subject = Some(s[1].trim().to_string());
                    }
                    doc.paragraphs.push(Paragraph {
                        number: None,
                        marking: None,
                        heading: None,
                        kind: ParagraphKind::Header,
                        text,
                        page: None,
                    });
                    continue;
                }
            }
        }
        let start = numbered(&text, expected);
        let (number, body) = match start {
            Some(s) => {
                expected = s.number + 1;
                (Some(s.number), squash(&text[s.rest_offset..]))
            }
            None => (None, text),
        };
        doc.paragraphs.push(Paragraph {
            number,
            marking: None,
            heading: None,
            kind: ParagraphKind::Body,
            text: body,
            page: None,
        });
    }
    for n in &notes {
        let text = n.text(false);
        if text.is_empty() {
            continue;
        }
        let label = n.attr("n").map(|x| format!("[{x}] ")).unwrap_or_default();
        doc.paragraphs.push(Paragraph {
            number: None,
            marking: None,
            heading: None,
            kind: ParagraphKind::Note,
            text: format!("{label}{text}"),
            page: None,
        });
    }
    if doc.doc_type == Some(DocType::Cable) {
        if let (Some(n), Some(place), Some(date)) = (telegram_no, place.as_ref(), doc.doc_date) {
            let station = if place.eq_ignore_ascii_case("washington") {
                "STATE".to_string()
            } else {
                place
                    .to_uppercase()
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .collect()
            };
            doc.cable_id = Some(format!("{}{}{}", date.format("%y"), station, n));
        }
    }
    doc.body = std::iter::once(title.clone())
        .chain(
            doc.paragraphs
                .iter()
                .filter(|p| p.kind != ParagraphKind::Note)
                .map(|p| match p.number {
                    Some(n) => format!("{n}. {}", p.text),
                    None => p.text.clone(),
                }),
        )
        .collect::<Vec<_>>()
        .join("\n\n");
    doc.paragraphs.insert(
        0,
        Paragraph {
            number: None,
            marking: None,
            heading: None,
            kind: ParagraphKind::Header,
            text: [title, dateline.map(|d| d.text(true)).unwrap_or_default()]
                .join("\n")
                .trim()
                .to_string(),
            page: None,
        },
    );
    doc
}

/// `1973-05-07T10:35:00` (with `1035Z` printed: UTC), `1946-02-22T21:00:00+03:00` (local, so
/// converted), `1972-11-27` (a day only).
fn parse_when(when: &str, zulu: bool) -> (Option<NaiveDate>, Option<NaiveDateTime>) {
    if let Ok(dt) = DateTime::parse_from_rfc3339(when) {
        return (Some(dt.date_naive()), Some(dt.naive_utc()));
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(when, "%Y-%m-%dT%H:%M:%S") {
        return (Some(dt.date()), zulu.then_some(dt));
    }
    let date = NaiveDate::parse_from_str(when.get(..10).unwrap_or(when), "%Y-%m-%d").ok();
    (date, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const D74: &str = r##"<div type="document" n="74" xml:id="d74" frus:doc-dateTime-min="1973-05-07T10:35:00">
      <head>74. Telegram From the Embassy in South Africa to the Department of
        State<note n="1" xml:id="d74fn1" type="source">Source: National Archives. Confidential; Immediate; <gloss target="#t">Limdis</gloss>.</note></head>
      <dateline>Cape Town, <date when="1973-05-07T10:35:00">May 7, 1973, 1035Z</date>.</dateline>
      <p>345. Subj: Namibia in <gloss>SC</gloss>: SAG Position. Ref: USUN 1669.<note n="2">In telegram 1669 &amp; more.</note></p>
      <p>1. After studying SAG response.</p>
      <p>2. I would like reiterate.</p>
      <p>(A) First is my conviction.</p>
      <p>3. We &#8220;should&#8221; act.</p>
    </div>"##;

    #[test]
    fn telegram_from_a_frus_volume() {
        let docs = parse(D74).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.part.as_deref(), Some("d74"));
        assert_eq!(d.doc_type, Some(DocType::Cable));
        assert_eq!(d.cable_id.as_deref(), Some("73CAPETOWN345"));
        assert_eq!(d.origin.as_deref(), Some("EMBASSY IN SOUTH AFRICA"));
        assert_eq!(d.addressees[0].name, "DEPARTMENT OF STATE");
        assert_eq!(d.classification.as_deref(), Some("CONFIDENTIAL"));
        assert_eq!(d.precedence.as_deref(), Some("IMMEDIATE"));
        assert_eq!(d.subject.as_deref(), Some("Namibia in SC: SAG Position"));
        assert_eq!(
            d.sent_at
                .map(|t| crate::model::format_sent_at(&t))
                .as_deref(),
            Some("1973-05-07T10:35Z")
        );
        assert_eq!(d.numbered_paragraphs(), 3);
        assert!(d.paragraphs.iter().any(|p| p.text.contains("“should”")));
        assert!(d
            .paragraphs
            .iter()
            .any(|p| p.kind == ParagraphKind::Note && p.text.contains("1669 & more")));
    }

    #[test]
    fn local_time_is_converted_to_utc() {
        let (date, utc) = parse_when("1946-02-22T21:00:00+03:00", false);
        assert_eq!(date, NaiveDate::from_ymd_opt(1946, 2, 22));
        assert_eq!(utc.unwrap().format("%H:%M").to_string(), "18:00");
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(parse("<div type=\"document\"><p>unclosed").is_err());
    }
}
