//! Plain data: what a parsed release is, before it reaches the catalog.
//!
//! The parser fills these; `store` writes them; nothing here knows about SQL or text shapes.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// What kind of record a release is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    Cable,
    Email,
    Memo,
    Letter,
    Other,
}

impl DocType {
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Cable => "cable",
            DocType::Email => "email",
            DocType::Memo => "memo",
            DocType::Letter => "letter",
            DocType::Other => "other",
        }
    }
}

/// The release stamp: how much of the document the reviewer released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReleaseStatus {
    Full,
    Part,
    Denied,
}

impl ReleaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStatus::Full => "full",
            ReleaseStatus::Part => "part",
            ReleaseStatus::Denied => "denied",
        }
    }
}

/// Which part of the document a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Routing, addressing and caption lines before the text.
    Header,
    /// The text itself.
    Body,
    /// The sender's signature line.
    Signature,
    /// Distribution lists, drafting and clearance blocks, print routing.
    Routing,
    /// Release and review stamps, margin codes.
    Stamp,
    /// Footnotes of an edited publication (FRUS).
    Note,
}

impl ParagraphKind {
    pub fn parse(s: &str) -> Option<ParagraphKind> {
        Some(match s {
            "header" => ParagraphKind::Header,
            "body" => ParagraphKind::Body,
            "signature" => ParagraphKind::Signature,
            "routing" => ParagraphKind::Routing,
            "stamp" => ParagraphKind::Stamp,
            "note" => ParagraphKind::Note,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Header => "header",
            ParagraphKind::Body => "body",
            ParagraphKind::Signature => "signature",
            ParagraphKind::Routing => "routing",
            ParagraphKind::Stamp => "stamp",
            ParagraphKind::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// The paragraph's own number as printed (`3.` -> 3); None for unnumbered text.
    pub number: Option<u32>,
    /// Portion marking: `U`, `SBU`, `C`, `S`, `LOU`, `S/NF`...
    pub marking: Option<String>,
    /// Section heading printed before the paragraph.
    pub heading: Option<String>,
    pub kind: ParagraphKind,
    pub text: String,
    /// The page it starts on, where the release marks its pages (a PDF's pages, a text
    /// file's form feeds); None where it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AddresseeRole {
    To,
    Info,
}

impl AddresseeRole {
    pub fn as_str(self) -> &'static str {
        match self {
            AddresseeRole::To => "to",
            AddresseeRole::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Addressee {
    pub role: AddresseeRole,
    pub name: String,
    /// The agency the addressee line names, as `(acronym, country)` of the agency vocabulary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<(String, String)>,
    /// The routing indicator printed before the station (`RUEHTH` of `RUEHTH/AMEMBASSY
    /// ATHENS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_indicator: Option<String>,
}

/// How often a paragraph names an agency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyMention {
    pub paragraph: usize,
    /// `(acronym, country)` of the agency vocabulary.
    pub agency: (String, String),
    pub count: u32,
}

/// A quantitative statement about violence: a number of people killed, injured or
/// kidnapped, of casualties, or of violent events (FACTS.md's five classes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViolenceFigure {
    pub paragraph: Option<usize>,
    /// The class and who: `killed (police)`, `attacks (car bombs)`.
    pub measure: String,
    /// `killed`, `injured`, `kidnapped`, `casualties` or `attacks`.
    pub class: String,
    /// Who was harmed, as the text names them (`police`, `Iranian relief workers`).
    pub victim: Option<String>,
    /// The number, or the low end of a range (`145 to 160`).
    pub value: f64,
    /// The high end of a range.
    pub value_max: Option<f64>,
    /// `count`, `percent` or `rate`.
    pub unit: String,
    pub place: Option<String>,
    pub period: Option<String>,
    /// The sentence it came from (a window of words where punctuation was stripped).
    pub sentence: String,
    /// How sure the rule that read it is, 0 to 1; reports show 0.5 and above by default.
    pub confidence: f64,
}

/// One thing someone asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssistanceRequest {
    pub paragraph: Option<usize>,
    pub requester: Option<String>,
    /// `text` when the requester is named where the request is made, `pronoun` when it was
    /// resolved from `he`, `they`, `his` to the nearest named actor before it.
    pub requester_source: Option<String>,
    /// Whom it was asked of, when the text says (`the USG`, `Russia`).
    pub asked_of: Option<String>,
    pub item: String,
    /// From the item vocabulary: equipment, training, intelligence, technology... and
    /// `meeting` for a meeting, call or visit asked for.
    pub category: String,
    /// The date of the meeting or request when the text gives it, else the document's date.
    pub date: Option<NaiveDate>,
    /// `text` or `document`: where the date came from.
    pub date_source: String,
    pub sentence: String,
    /// How sure the rule that read it is, 0 to 1; reports show 0.5 and above by default.
    pub confidence: f64,
}

/// One citation of a REF line: the cable it names, as printed and as a canonical id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// The citation as printed, with its letter: `A) 10 KINSHASA 858`.
    pub text: String,
    /// Its letter on the REF line: `A`, `B`.
    pub label: Option<String>,
    /// The cited cable's canonical id (`10KINSHASA858`); None when it names no cable.
    pub cable_id: Option<String>,
}

/// A withholding or classification code marked on the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExemptionMark {
    /// Normalized code: `b1`, `b7(e)`, `1.4(b)`, `25x6`.
    pub code: String,
    /// The text as printed.
    pub raw: String,
    /// Index into `Document::paragraphs` of the paragraph it stands in.
    pub paragraph: Option<usize>,
}

/// How much of a date the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
    Minute,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Minute => "minute",
        }
    }
}

/// A date the parser found, normalized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// `sent`, `released`, `declassify_on`, `document`, `mentioned`, `review`...
    pub kind: String,
    /// ISO form: `2010-01-12`, `2010-01`, `2010`, `2010-01-12T22:35Z`.
    pub value: String,
    pub precision: Precision,
    pub raw: String,
    pub paragraph: Option<usize>,
}

/// One catalogued release, as the parser read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Position of the document inside its file, for files that hold several (FRUS volumes).
    pub part: Option<String>,
    pub doc_type: Option<DocType>,
    pub doc_no: Option<String>,
    pub case_no: Option<String>,
    pub release_date: Option<NaiveDate>,
    pub release_status: Option<ReleaseStatus>,
    pub cable_id: Option<String>,
    #[serde(serialize_with = "serialize_sent_at")]
    pub sent_at: Option<NaiveDateTime>,
    pub doc_date: Option<NaiveDate>,
    pub precedence: Option<String>,
    pub origin: Option<String>,
    pub classification: Option<String>,
    pub subject: Option<String>,
    pub declassify_on: Option<NaiveDate>,
    pub classified_by: Option<String>,
    pub addressees: Vec<Addressee>,
    pub tags: Vec<String>,
    /// REF lines, one citation each.
    pub references: Vec<Reference>,
    pub paragraphs: Vec<Paragraph>,
    pub exemptions: Vec<ExemptionMark>,
    pub dates: Vec<DateMention>,
    /// Page count, where the text marks pages.
    pub pages: Option<u32>,
    /// Facts extraction adds (see `extract`).
    pub agency_mentions: Vec<AgencyMention>,
    pub violence: Vec<ViolenceFigure>,
    pub requests: Vec<AssistanceRequest>,
    /// The text with page banners removed.
    pub body: String,
}

impl Document {
    pub fn numbered_paragraphs(&self) -> usize {
        self.paragraphs
            .iter()
            .filter(|p| p.number.is_some())
            .count()
    }
}

fn serialize_sent_at<S: serde::Serializer>(
    t: &Option<NaiveDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_sent_at(t)),
        None => s.serialize_none(),
    }
}

/// `2010-01-12T22:35Z`: the catalog's form of a date-time group.
pub fn format_sent_at(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%MZ").to_string()
}
