//! Emails: the top message's header (`From:`, `Sent:`, `To:`, `Subject:`), and the cable a
//! message forwards in the 2009-2012 SMART layout (`MRN:`, `Date/DTG:`, `From:`, `Action:`,
//! `E.O.:`, `TAGS:`, `Captions:`, `Reference:`, `Subject:`), whose labels may stand on lines
//! of their own with the value a few lines below.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use regex::Regex;

use super::cable::{dtg_from, split_addressees, DTG_BARE};
use super::clean::{fix_routing_word, squash};
use super::dates;
use super::sent;
use super::Source;

/// A header label and what separates it from its value: the value is the rest of the line.
/// (Without a group for the value, a match ends after the separator, and the groups are
/// read over those few bytes, not over the whole line: these run on every header line.)
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*[•*·]?\s*(?P<label>Date\s?[/!lI1|]\s?D[TIl1]G|From|Sent|Date|To|Cc|Ce|Bcc|Subject|Attachments|Importance",
        r"|MRN|Action|Info|E\.?\s?O\.?|TAGS|Captions|Reference|Pass\s+Line",
        r"|Action\s+Office|Info\s+Office|Signature|Drafted\s+By|Cleared\s+By|Approved\s+By",
        r"|Released\s+By|Action\s+Post|Dissemination\s+Rule)",
        r"(?:\s*[:;!]\s*|\s{2,}|\s*$)",
    ))
    .unwrap()
});

/// In the punctuation-stripped shape a label is followed by a single space.
static LABEL_FLAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?P<label>Date\s?[/!lI1| ]\s?D[TIl1]G|From|Sent|Date|To|Cc|Bcc|Subject|Attachments|Importance",
        r"|MRN|Action|Info|E\s?O|TAGS|Captions|Reference|Pass\s+Line",
        r"|Action\s+Office|Info\s+Office)",
        r"(?:\s+|$)",
    ))
    .unwrap()
});

/// `Seat: *Friday, September 18, 2009 7:08 AM`, `Sant: Tuesday, April 26, 2011 923 AM`: the
/// `Sent:` label OCR-damaged, known by its shape (an `S`, two letters, a `t`, a colon) and by
/// the date after it.
static OCR_SENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<label>S[a-z]{2}t)\s*:\s*").unwrap());

/// A label line: its label as printed, and its value (the rest of the line).
struct Label<'a> {
    label: &'a str,
    value: &'a str,
    /// Where the value begins in the line.
    value_start: usize,
}

impl<'a> Label<'a> {
    fn read(re: &Regex, line: &'a str) -> Option<Label<'a>> {
        let c = re.captures(line)?;
        let end = c.get(0).unwrap().end();
        Some(Label {
            label: c.name("label").unwrap().as_str(),
            value: &line[end..],
            value_start: end,
        })
    }

    /// The common labels as mail programs print them (`From: `, `Sent: `): what `LABEL`
    /// reads, without running it. `None` when the line is anything else.
    fn plain(line: &'a str) -> Option<Label<'a>> {
        const PLAIN: &[&str] = &[
            "From",
            "Sent",
            "To",
            "Cc",
            "Subject",
            "Date",
            "Attachments",
            "Importance",
            "Bcc",
        ];
        let rest = line.trim_start_matches([' ', '\t']);
        let word = PLAIN.iter().find(|w| rest.starts_with(**w))?;
        let after = rest[word.len()..].strip_prefix(':')?;
        let value = after.trim_start();
        Some(Label {
            label: &rest[..word.len()],
            value,
            value_start: line.len() - value.len(),
        })
    }
}

fn label_of<'a>(src: &Source, line: &'a str) -> Option<Label<'a>> {
    if !src.flat {
        if let Some(l) = Label::plain(line) {
            return Some(l);
        }
    }
    if may_be_label(line) {
        let c = Label::read(if src.flat { &LABEL_FLAT } else { &LABEL }, line);
        if c.is_some() {
            return c;
        }
    }
    let t = line.trim_start().as_bytes();
    if src.flat || t.len() < 8 || t[0] != b'S' || t[3] != b't' || t[4] != b':' {
        return None;
    }
    Label::read(&OCR_SENT, line)
        .filter(|c| !c.value.is_empty())
        .filter(|c| sent_date(c.value.trim_start_matches(['*', '-', '•'])).is_some())
}

/// Whether the line's first word begins with a label's (`From`, `Date/DTG`, OCR `DatelDTG`):
/// most lines are text, and the label patterns cost far more than this look.
fn may_be_label(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "Date",
        "From",
        "Sent",
        "To",
        "Cc",
        "Ce",
        "Bcc",
        "Subject",
        "Attachments",
        "Importance",
        "MRN",
        "Action",
        "Info",
        "E",
        "TAGS",
        "Captions",
        "Reference",
        "Pass",
        "Signature",
        "Drafted",
        "Cleared",
        "Approved",
        "Released",
        "Dissemination",
    ];
    let word = line
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '•' | '*' | '·'))
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    WORDS.iter().any(|w| word.starts_with(w))
}

/// One `Label: value` of a header block.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub value: String,
    pub first_line: usize,
    pub last_line: usize,
}

fn label_key(label: &str) -> String {
    let l: String = label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    // `Date/DTG`, OCR `DatelDTG`, `Date/DIG`.
    if l.starts_with("date") && l.len() > 6 && l.ends_with('g') && l[l.len() - 3..].starts_with('d')
    {
        "datedtg".into()
    } else if l.len() == 4 && l.starts_with('s') && l.ends_with('t') {
        // OCR's `Seat:`, `Sant:` (label_of takes them only before a date).
        "sent".into()
    } else if l == "ce" {
        // OCR reads the `c` of `Cc:` as `e`.
        "cc".into()
    } else {
        l
    }
}

/// Read the header block whose first label line is `start`: labelled lines, values wrapped
/// onto indented lines, and labels whose value stands on a later line.
pub fn read_block(src: &Source, start: usize, max_blank_run: usize) -> Vec<Field> {
    let n = src.line_count();
    let mut fields: Vec<Field> = Vec::new();
    let mut l = start;
    let mut blank_run = 0;
    let mut value_col = 0usize;
    let mut pending: Option<usize> = None; // field waiting for its value
                                           // Where the values of labels printed with theirs begin: a value below an empty label
                                           // stands there too; text that does not is the message, the label empty (`Subject:`).
    let mut inline_col: Option<usize> = None;
    // Blank lines around a page break are the page's margins, not the end of the block.
    let mut after_break = false;
    while l < n {
        if src.furniture_line[l] {
            after_break = true;
            l += 1;
            continue;
        }
        let line = src.masked_line(l);
        if line.trim().is_empty() {
            if after_break || page_break_follows(src, l) {
                l += 1;
                continue;
            }
            blank_run += 1;
            if blank_run > max_blank_run && pending.is_none() {
                break;
            }
            l += 1;
            continue;
        }
        if let Some(c) = label_of(src, line) {
            let label = label_key(c.label);
            // A label seen before starts the next message's header, not more of this one.
            if fields.iter().any(|f| f.label == label) {
                break;
            }
            let value = c.value.trim().to_string();
            value_col = c.value_start;
            // A label before this one that had no value keeps it empty.
            pending = None;
            fields.push(Field {
                label,
                value: value.clone(),
                first_line: l,
                last_line: l,
            });
            if value.is_empty() {
                pending = Some(fields.len() - 1);
            } else if !src.flat {
                inline_col.get_or_insert(value_col);
            }
            blank_run = 0;
            after_break = false;
            l += 1;
            continue;
        }
        // Not a label: a value standing below its label, or a wrapped value.
        let indent = line.len() - line.trim_start().len();
        after_break = false;
        // A speck of OCR (`-`, `•`) between a label and its value is neither.
        if pending.is_some() && !line.chars().any(char::is_alphanumeric) {
            l += 1;
            continue;
        }
        if pending.is_some() && inline_col.is_some_and(|c| c > 4 && indent.abs_diff(c) > 2) {
            break;
        }
        if let Some(i) = pending.take() {
            fields[i].value = line.trim().to_string();
            fields[i].last_line = l;
            blank_run = 0;
            l += 1;
            continue;
        }
        if let Some(last) = fields.last_mut().filter(|_| !src.flat) {
            let wrapped =
                blank_run == 0 && (indent + 2 >= value_col.max(1) || value_col <= indent + 8);
            // A date wraps only when what stands on its line is no date yet
            // (`Friday:January` / `, 6, 2012 2:25 PM`).
            let wraps = || match last.label.as_str() {
                "datedtg" | "mrn" => false,
                "sent" | "date" => sent_date(&last.value).is_none(),
                _ => true,
            };
            if wrapped && wraps() {
                last.value.push(' ');
                last.value.push_str(line.trim());
                last.last_line = l;
                l += 1;
                continue;
            }
        }
        break;
    }
    fields
}

/// Whether the next line with anything on it is page furniture.
fn page_break_follows(src: &Source, l: usize) -> bool {
    (l + 1..src.line_count())
        .find(|&k| !src.text_line(k).trim().is_empty())
        .is_some_and(|k| src.furniture_line[k])
}

#[derive(Debug, Default)]
pub struct EmailHeader {
    pub from: Option<String>,
    pub sent: Option<NaiveDate>,
    pub sent_raw: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub lines: BTreeSet<usize>,
}

/// The top message of an email: a `From:` line with `Sent:` (or `Date:`) close below it, near
/// the top of the document. `released` is the banner's date: no message is sent after it.
pub fn top_message(src: &Source, released: Option<NaiveDate>) -> Option<EmailHeader> {
    let mut seen = 0;
    for l in 0..src.line_count() {
        if src.furniture_line[l] || src.masked_line(l).trim().is_empty() {
            continue;
        }
        seen += 1;
        if seen > 40 {
            return None;
        }
        let Some(c) = label_of(src, src.masked_line(l)) else {
            continue;
        };
        if label_key(c.label) != "from" {
            continue;
        }
        let fields = read_block(src, l, 3);
        let has_sent = fields
            .iter()
            .take(8)
            .any(|f| f.label == "sent" || f.label == "date");
        if !has_sent {
            continue;
        }
        let mut h = EmailHeader::default();
        for f in &fields {
            for k in f.first_line..=f.last_line {
                h.lines.insert(k);
            }
            match f.label.as_str() {
                "from" if h.from.is_none() && src.flat => h.from = sender_flat(&f.value),
                "from" if h.from.is_none() => h.from = sender(&f.value),
                "sent" | "date" if h.sent.is_none() => {
                    h.sent_raw = Some(f.value.clone());
                    h.sent = sent_date(&f.value)
                        .or_else(|| repaired_sent(src, f, released, fields.last()));
                }
                "to" if h.to.is_none() => h.to = Some(f.value.clone()),
                "subject" if h.subject.is_none() => {
                    h.subject = Some(trim_stamp_debris(&f.value)).filter(|s| !s.is_empty())
                }
                _ => {}
            }
        }
        if src.flat {
            if let Some(subject) = h.subject.take() {
                h.subject = Some(flat_subject(
                    src,
                    &subject,
                    fields.last().map_or(l, |f| f.last_line),
                ));
            }
        }
        return Some(h);
    }
    None
}

/// A `Sent:` value OCR damaged (`Wednesda , Februa 3, 2010`), or wrapped onto the next line
/// (`Friday:January` / `, 6, 2012 2:25 PM`): read from its clues, within the banner's date
/// and after the messages quoted below it (see `sent`).
fn repaired_sent(
    src: &Source,
    f: &Field,
    released: Option<NaiveDate>,
    last: Option<&Field>,
) -> Option<NaiveDate> {
    let after = last.map_or(f.last_line, |l| l.last_line);
    let thread = thread_dates(src, after + 1).into_iter().max();
    let mut value = f.value.clone();
    if let Some(next) = (f.last_line + 1..src.line_count())
        .find(|&k| !src.furniture_line[k] && !src.masked_line(k).trim().is_empty())
        .filter(|&k| label_of(src, src.masked_line(k)).is_none())
    {
        let joined = format!("{value} {}", src.masked_line(next).trim());
        if let Some(d) = sent_date(&joined).filter(|d| released.is_none_or(|r| *d <= r)) {
            return Some(d);
        }
        if value.split_whitespace().count() <= 1 {
            value = joined;
        }
    }
    sent::settle(&sent::clues(&value), released, thread)
}

/// The dates of the messages an email quotes: every `Sent:` or `Date:` below `from` that
/// reads as printed.
fn thread_dates(src: &Source, from: usize) -> Vec<NaiveDate> {
    (from..src.line_count())
        .filter(|&l| !src.furniture_line[l])
        .filter_map(|l| {
            let line = src.masked_line(l);
            if !(line.contains("Sent") || line.contains("Date")) {
                return None;
            }
            let c = label_of(src, line)?;
            matches!(label_key(c.label).as_str(), "sent" | "date")
                .then(|| sent_date(c.value))
                .flatten()
        })
        .collect()
}

/// Without punctuation, `McHale Judith A McHaleJA@state gov` is `MCHALE, JUDITH A`: the
/// address ends the name, and a name whose address begins with its first word, or that
/// ends in an initial, is written surname first.
pub fn sender_flat(value: &str) -> Option<String> {
    let words: Vec<&str> = value
        .split_whitespace()
        .take_while(|w| !w.contains('@') && !w.eq_ignore_ascii_case("mailto"))
        .collect();
    let address = value
        .split_whitespace()
        .find(|w| w.contains('@'))
        .unwrap_or("");
    if words.is_empty() {
        return None;
    }
    let first = words[0].to_ascii_lowercase();
    let surname_first = words.len() >= 2
        && words.len() <= 4
        && (address.to_ascii_lowercase().starts_with(&first)
            || words
                .last()
                .is_some_and(|w| w.len() == 1 && words.len() == 3));
    let name = if surname_first {
        format!("{}, {}", words[0], words[1..].join(" "))
    } else {
        words.join(" ")
    };
    Some(name.to_uppercase())
}

/// A stripped subject runs on into the text below it; where the same subject stands again
/// lower down (a forwarded message, the cable itself), the two agree only as far as the
/// subject goes.
fn flat_subject(src: &Source, subject: &str, after: usize) -> String {
    static PREFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:(?:re|fw|fwd)\s+)+").unwrap());
    let top_words: Vec<&str> = subject.split_whitespace().collect();
    let lead = PREFIX
        .find(subject)
        .map(|m| m.as_str().split_whitespace().count())
        .unwrap_or(0);
    let core = &top_words[lead..];
    let mut best = 0;
    // The forwarded cable's own `SUBJECT` caption counts too.
    static CAPTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*SUBJECT\s+(?P<value>.*)$").unwrap());
    for l in after + 1..src.line_count() {
        let line = src.masked_line(l);
        let Some(value) = Label::read(&LABEL_FLAT, line)
            .filter(|c| label_key(c.label) == "subject")
            .map(|c| c.value)
            .or_else(|| CAPTION.captures(line).map(|c| c.get(1).unwrap().as_str()))
        else {
            continue;
        };
        let skip = PREFIX
            .find(value)
            .map(|m| m.as_str().split_whitespace().count())
            .unwrap_or(0);
        let common = value
            .split_whitespace()
            .skip(skip)
            .zip(core.iter())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count();
        best = best.max(common);
    }
    if best == 0 {
        return subject.to_string();
    }
    top_words[..lead + best].join(" ")
}

/// What a masked stamp leaves at the end of a line (`Fw: Oil deal reached — , —`).
fn trim_stamp_debris(value: &str) -> String {
    let s = squash(value);
    s.trim_end_matches(|c: char| matches!(c, '—' | '–' | '-' | ',' | ';') || c.is_whitespace())
        .to_string()
}

/// The lines of every message header in an email chain (`From:` ... `Subject:`), not only
/// the top one: forwarded and replied-to messages carry their own.
pub fn all_headers(src: &Source) -> BTreeSet<usize> {
    let mut lines = BTreeSet::new();
    let mut l = 0;
    while l < src.line_count() {
        let is_from = !src.furniture_line[l]
            && src.masked_line(l).contains("From")
            && label_of(src, src.masked_line(l)).is_some_and(|c| label_key(c.label) == "from");
        if !is_from {
            l += 1;
            continue;
        }
        let fields = read_block(src, l, 2);
        let message = fields
            .iter()
            .take(6)
            .any(|f| matches!(f.label.as_str(), "sent" | "date" | "subject" | "to"));
        if message {
            for f in &fields {
                lines.extend(f.first_line..=f.last_line);
            }
            l = fields.last().map_or(l, |f| f.last_line) + 1;
        } else {
            l += 1;
        }
    }
    lines
}

/// `McHale, Judith A <McHaleJA@state.gov>` -> `MCHALE, JUDITH A`.
pub fn sender(value: &str) -> Option<String> {
    // The address, however OCR printed its brackets, ends the name.
    let cut = value
        .find(['<', '[', '«', '‹', '〈'])
        .or_else(|| value.find("(mailto"))
        .or_else(|| value.find(" mailto"))
        .unwrap_or(value.len());
    let name = value[..cut]
        .trim()
        .trim_matches(|c: char| c == '\'' || c == '"' || c == ',')
        .trim_end_matches(|c: char| matches!(c, '_' | '-' | '—') || c.is_whitespace());
    let name = squash(name).to_uppercase();
    (!name.is_empty()).then_some(name)
}

/// `Tuesday, August 3, 2010 10:52 AM`, `2/3/2012 2:55:30 PM`, `Sun Jun 28 13:12:52 2009`.
pub fn sent_date(value: &str) -> Option<NaiveDate> {
    if let Some((d, _)) = dates::find_written(value) {
        return Some(d);
    }
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})(?-u:\b)").unwrap()
    });
    if let Some(d) = NUMERIC.captures(value).and_then(|c| dates::numeric(&c[1])) {
        return Some(d);
    }
    // Stripped of its slashes: `2 3 2012 2 55 30 PM`.
    static SPACED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(\d{1,2} \d{1,2} (?:19|20)\d\d)(?-u:\b)").unwrap());
    SPACED.captures(value).and_then(|c| dates::numeric(&c[1]))
}

/// A cable forwarded in an email, in the SMART layout.
#[derive(Debug, Default)]
pub struct SmartCable {
    pub cable_id: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub origin: Option<String>,
    pub to: Vec<String>,
    pub info: Vec<String>,
    pub precedence: Option<&'static str>,
    pub eo: Option<String>,
    pub tags: Vec<String>,
    pub captions: Option<String>,
    pub subject: Option<String>,
    pub references: Vec<String>,
    pub lines: BTreeSet<usize>,
    /// First line after the header block: where the cable's text begins.
    pub body_start: usize,
}

pub fn smart_cable(src: &Source) -> Option<SmartCable> {
    let start = (0..src.line_count()).find(|&l| {
        !src.furniture_line[l]
            && src.masked_line(l).contains("MRN")
            && label_of(src, src.masked_line(l)).is_some_and(|c| label_key(c.label) == "mrn")
    })?;
    // The block may begin a few labels above MRN (`Action Office:`).
    let fields = read_block(src, start, 6);
    let mut c = SmartCable::default();
    let mut last = start;
    for f in &fields {
        for k in f.first_line..=f.last_line {
            c.lines.insert(k);
        }
        last = last.max(f.last_line);
        let v = f.value.as_str();
        match f.label.as_str() {
            "mrn" => c.cable_id = mrn(v),
            "datedtg" => {
                c.sent_at = DTG_BARE.captures(v).and_then(|cap| dtg_from(&cap));
            }
            "from" if c.origin.is_none() => c.origin = Some(squash(v).to_uppercase()),
            "action" => {
                let (names, prec) = action_list(v);
                c.to = names;
                c.precedence = prec;
            }
            "info" => c.info = action_list(v).0,
            "eo" => c.eo = Some(squash(v)),
            "tags" => c.tags = super::cable::tags(v),
            "captions" => c.captions = Some(squash(v)),
            "reference" => c.references.push(squash(v)),
            "subject" => c.subject = Some(squash(v)),
            _ => {}
        }
    }
    c.body_start = last + 1;
    Some(c)
}

/// `10 BERLIN 1052` -> `10BERLIN1052`; `10 USUN NEW YORK 45` -> `10USUNNEWYORK45`.
fn mrn(v: &str) -> Option<String> {
    static MRN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{2})\s+([A-Z][A-Z ]*?[A-Z])\s+0*(\d+)(?-u:\b)").unwrap());
    let c = MRN.captures(v.trim())?;
    Some(format!("{}{}{}", &c[1], c[2].replace(' ', ""), &c[3]))
}

/// `WASHDC, SECSTATE IMMEDIATE; SECDEF WASHINGTON DC IMMEDIATE` -> names and the first
/// addressee's precedence. OCR glues the precedence on: `AMEMBASSYRounNE`.
fn action_list(v: &str) -> (Vec<String>, Option<&'static str>) {
    let mut names = Vec::new();
    let mut first_prec = None;
    // Without semicolons (stripped text) each addressee still ends in its precedence.
    let parts: Vec<String> = if v.contains(';') {
        v.split(';').map(str::to_string).collect()
    } else {
        let mut parts = vec![String::new()];
        for w in v.split_whitespace() {
            let last = parts.last_mut().unwrap();
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(w);
            if precedence_word(w).is_some() || glued_precedence(w).is_some() {
                parts.push(String::new());
            }
        }
        parts
    };
    for part in &parts {
        let mut words: Vec<String> = part.split_whitespace().map(str::to_string).collect();
        let mut prec = None;
        if let Some(last) = words.last().cloned() {
            if let Some(p) = precedence_word(&last) {
                prec = Some(p);
                words.pop();
            } else if let Some((head, p)) = glued_precedence(&last) {
                prec = Some(p);
                words.pop();
                words.push(head);
            }
        }
        if words.is_empty() {
            continue;
        }
        if first_prec.is_none() {
            first_prec = prec;
        }
        let name = words
            .iter()
            .map(|w| {
                let bare = w.trim_end_matches(',');
                match fix_routing_word(bare) {
                    Some(fixed) if w.ends_with(',') => format!("{fixed},"),
                    Some(fixed) => fixed.to_string(),
                    None => w.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        names.push(restore_post_comma(&name));
    }
    if names.is_empty() && !v.trim().is_empty() {
        names = split_addressees(v);
    }
    (names, first_prec)
}

/// `WASHDC SECSTATE` -> `WASHDC, SECSTATE`: SMART writes the place, a comma, then the post.
fn restore_post_comma(name: &str) -> String {
    if name.contains(',') {
        return name.to_string();
    }
    match name.rsplit_once(' ') {
        Some((place, post))
            if matches!(
                post,
                "SECSTATE" | "AMEMBASSY" | "AMCONSUL" | "AMCONGEN" | "USMISSION" | "USOFFICE"
            ) =>
        {
            format!("{place}, {post}")
        }
        _ => name.to_string(),
    }
}

fn precedence_word(w: &str) -> Option<&'static str> {
    let u = w.to_ascii_uppercase();
    ["IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH"]
        .into_iter()
        .find(|p| *p == u || (u.len() >= 6 && strsim::levenshtein(p, &u) <= 2))
}

fn glued_precedence(w: &str) -> Option<(String, &'static str)> {
    let u = w.to_ascii_uppercase();
    for head in ["AMEMBASSY", "AMCONSUL", "SECSTATE", "USMISSION", "WASHDC"] {
        if let Some(rest) = u.strip_prefix(head) {
            if rest.len() >= 4 {
                if let Some(p) = precedence_word(rest) {
                    return Some((head.to_string(), p));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick reading of common labels reads what the pattern reads, or leaves the line
    /// to it.
    #[test]
    fn plain_labels_read_as_the_pattern_does() {
        let plain = [
            "From: Mills, Cheryl D <MillsCD@state.gov>",
            "Sent:   Tuesday, August 3, 2010 10:52 AM",
            "To:",
            "   Cc: \u{a0}H",
            "\tSubject:\tRe: Haiti",
            "Date: 02/03/2012",
            "Attachments: memo.docx",
        ];
        for line in plain {
            let p = Label::plain(line).map(|l| (l.label, l.value, l.value_start));
            let read = Label::read(&LABEL, line).map(|l| (l.label, l.value, l.value_start));
            assert!(p.is_some(), "{line}");
            assert_eq!(p, read, "{line}");
        }
        // The rest is the pattern's to read (or not).
        for line in [
            "Tomorrow: x",
            "DatelDTG: 1",
            "From : Sullivan",
            "Subjects: a",
            "• From: A",
        ] {
            assert!(Label::plain(line).is_none(), "{line}");
        }
        assert!(Label::plain("Tomorrow: the meeting").is_none());
        assert_eq!(Label::plain("Sent:   Tuesday").unwrap().value, "Tuesday");
    }

    #[test]
    fn senders() {
        assert_eq!(
            sender("McHale, Judith A <McHaleJA@state.gov>").as_deref(),
            Some("MCHALE, JUDITH A")
        );
        assert_eq!(sender("H < hrod17@clintonemaii.com>").as_deref(), Some("H"));
        assert_eq!(
            sender("Mills, Cheryl D [mailba:MillsCD©state.govi").as_deref(),
            Some("MILLS, CHERYL D")
        );
        assert_eq!(sender("svcsmartmfi").as_deref(), Some("SVCSMARTMFI"));
        assert_eq!(sender("H ‹hrod17@clintonemailcom>").as_deref(), Some("H"));
        assert_eq!(
            sender("Anne-Marie Slaughter _").as_deref(),
            Some("ANNE-MARIE SLAUGHTER")
        );
    }

    #[test]
    fn action_lines() {
        assert_eq!(
            action_list("WASHDC, SECSTATE IMMEDIATE; SECDEF WASHINGTON DC IMMEDIATE; LONDON, AMEMBASSY ROUTINE"),
            (
                vec!["WASHDC, SECSTATE".into(), "SECDEF WASHINGTON DC".into(), "LONDON, AMEMBASSY".into()],
                Some("IMMEDIATE")
            )
        );
        assert_eq!(
            action_list("MONROVIA, AMEMBASSYRounNE"),
            (vec!["MONROVIA, AMEMBASSY".into()], Some("ROUTINE"))
        );
    }

    #[test]
    fn stripped_shapes() {
        assert_eq!(
            sender_flat("McHale Judith A McHaleJA@state gov").as_deref(),
            Some("MCHALE, JUDITH A")
        );
        assert_eq!(
            sender_flat("H hrod17@clintonemail com").as_deref(),
            Some("H")
        );
        assert_eq!(
            action_list(
                "WASHDC SECSTATE IMMEDIATE SECDEF WASHINGTON DC IMMEDIATE LONDON AMEMBASSY ROUTINE"
            ),
            (
                vec![
                    "WASHDC, SECSTATE".into(),
                    "SECDEF WASHINGTON DC".into(),
                    "LONDON, AMEMBASSY".into()
                ],
                Some("IMMEDIATE")
            )
        );
    }

    #[test]
    fn mrn_to_cable_id() {
        assert_eq!(mrn("10 BERLIN 1052").as_deref(), Some("10BERLIN1052"));
        assert_eq!(mrn("12 STATE 10280").as_deref(), Some("12STATE10280"));
    }
}
