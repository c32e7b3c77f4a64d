//! Telegram headers, in the shapes the corpus holds: the date-time group and routing block
//! (`R 122235Z JAN 10` / `FM` / `TO` / `INFO`), the classification and serial line
//! (`CONFIDENTIAL MEXICO 000045`), and the captions (`E.O. 12958: DECL: ...`, `TAGS:`,
//! `SUBJECT:`, `REF:`, `CLASSIFIED BY: ... REASON ...`). The routing block may stand after
//! the body, as in 1990s printouts; it is found wherever it is.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use regex::Regex;

use super::classification;
use super::classified_by;
use super::clean::{fix_routing_word, similar, squash};
use super::dates;
use super::tags;
use super::Source;

/// A date-time group with its precedence prosign: `R 122235Z JAN 10`, OCR `P 1513302 OCT 96`,
/// `0 180048Z DEC 98`, `OQ 2720232 NOV 96` (a speck after the prosign). OCR reads the zone
/// letter `Z` as `2`, `7` or `%`, or as two characters (`13225024 NOV 96`): with the
/// prosign before the group and the month after it, the shape is a date-time group still.
pub static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[\s•.*])(?P<p>[ZOPR0][A-Z]?(?:\s[ZOPR])?)\s+(?P<d>[0-3]\d)(?P<h>[0-2]\d)(?P<mi>[0-5]\d)\s?(?:[Zz27%]|[Zz2][0-9])\s*",
        r"(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+(?P<y>\d{2})(?-u:\b)",
    ))
    .unwrap()
});
/// A date-time group without prosign, as in `Date/DTG: Aug 03, 2010 / 031406Z AUG 10` (or
/// `0314062 AUG 10`, `0318497 FEB 12`, `281221% DEC 11`: the `Z` read as `2`, `7` or `%` by
/// OCR, as in the routing block's groups).
pub static DTG_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<d>[0-3]\d)(?P<h>[0-2]\d)(?P<mi>[0-5]\d)\s?[Zz27%]\s*(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+(?P<y>\d{2})(?-u:\b)")
        .unwrap()
});
static FM_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)FM(?-u:\b)[:\s]\s*(.*)$").unwrap());
static TO_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W{0,2}TO(?-u:\b)[:\s]\s*(.*)$").unwrap());
static INFO_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W{0,2}INFO(?-u:\b)[:\s]\s*(.*)$").unwrap());
static EO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)E\s?\.?\s?O\s?\.?\s*:?\s*(1\d{3,4}|N/?A)(?-u:\b)\s*:?\s*(?:DECL(?:ASSIFY)?\s*[:.]?\s*(.*))?",
    )
    .unwrap()
});
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^\w(]{0,4}(?:\w{1,5}\s+)?(?:SUBJECT|SUBJ)(?-u:\b)\s*[:.;]?\s*(.*)$").unwrap()
});
static REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W{0,2}REFS?(?-u:\b)\s*[:.]?\s*(.*)$").unwrap());
static SERIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([A-Za-z][A-Za-z\-]{2,})\s?0*(\d{1,6})(?-u:\b)").unwrap()
});
static CAPTION_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:SIPDIS|NODIS|EXDIS|LIMDIS|STADIS|E\.?\s?O\.?|TAGS|SUBJE?C?T?|REFS?|FOR(?-u:\b)|DEPT\s+FOR|PASS(?-u:\b)|QUOTE|SECTION\s+\d|CORRECTED|C O R R E C T E D|MERCURY|CHEROKEE|(?i:classified\s+by)|\d+\.)")
        .unwrap()
});

#[derive(Debug, Clone)]
pub struct Dtg {
    pub at: NaiveDateTime,
    pub precedence: Option<&'static str>,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct CableHeader {
    pub dtg: Option<Dtg>,
    pub origin: Option<String>,
    pub to: Vec<String>,
    pub info: Vec<String>,
    pub niact: bool,
    /// Precedence of a draft without a date-time group, from its address lines.
    pub draft_precedence: Option<&'static str>,
    pub class_line: Option<&'static str>,
    /// The line holding the classification and serial.
    pub class_line_no: Option<usize>,
    pub serial: Option<u32>,
    pub eo: Option<String>,
    pub declassify_on: Option<NaiveDate>,
    pub decl_raw: Option<String>,
    pub tags: Vec<String>,
    pub subject: Option<String>,
    pub refs: Vec<String>,
    pub classified_by: Option<String>,
    /// Routing indicators printed before a station: (TO?, index in `to`/`info`, indicator).
    pub routing_indicators: Vec<(bool, usize, String)>,
    /// Lines read as header captions.
    pub lines: BTreeSet<usize>,
}

impl CableHeader {
    pub fn station(&self) -> Option<String> {
        station_of(self.origin.as_deref()?)
    }

    pub fn cable_id(&self) -> Option<String> {
        let dtg = self.dtg.as_ref()?;
        let station = self.station()?;
        let serial = self.serial?;
        Some(format!("{}{}{}", dtg.at.format("%y"), station, serial))
    }

    pub fn precedence(&self) -> Option<&'static str> {
        if self.niact {
            return Some("NIACT IMMEDIATE");
        }
        self.dtg
            .as_ref()
            .and_then(|d| d.precedence)
            .or(self.draft_precedence)
    }
}

pub fn prosign(p: &str) -> Option<&'static str> {
    match p.trim().chars().next()? {
        'Z' => Some("FLASH"),
        'O' | '0' => Some("IMMEDIATE"),
        'P' => Some("PRIORITY"),
        'R' => Some("ROUTINE"),
        _ => None,
    }
}

pub fn dtg_from(c: &regex::Captures) -> Option<NaiveDateTime> {
    dates::dtg(
        c["d"].parse().ok()?,
        c["h"].parse().ok()?,
        c["mi"].parse().ok()?,
        &c["mon"],
        c["y"].parse().ok()?,
    )
}

pub fn parse(src: &Source) -> CableHeader {
    let mut h = CableHeader::default();
    find_dtg(src, &mut h);
    if let Some(line) = h.dtg.as_ref().map(|d| d.line) {
        routing(src, line, &mut h);
    } else {
        draft_addresses(src, &mut h);
        if h.to.is_empty() && h.info.is_empty() {
            routing_without_dtg(src, &mut h);
        }
    }
    captions(src, &mut h);
    h.serial = serial(src, &h);
    h
}

/// What every date-time group ends with (`JAN 10`): a search that finds it or not in a
/// fraction of `DTG`'s time, for most releases (emails, memos) hold none.
static DTG_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+\d{2}").unwrap()
});

fn find_dtg(src: &Source, h: &mut CableHeader) {
    if !DTG_MONTH.is_match(&src.masked) {
        return;
    }
    let mut first: Option<Dtg> = None;
    for c in DTG.captures_iter(&src.masked) {
        let Some(at) = dtg_from(&c) else { continue };
        let start = c.name("p").unwrap().start();
        let line = src.line_of(start);
        let dtg = Dtg {
            at,
            precedence: prosign(&c["p"]),
            line,
        };
        // The header's group is the one the FM line follows.
        let follows =
            (line..(line + 3).min(src.line_count())).any(|l| FM_LINE.is_match(src.masked_line(l)));
        if follows {
            h.dtg = Some(dtg);
            return;
        }
        first.get_or_insert(dtg);
    }
    h.dtg = first;
}

fn routing(src: &Source, dtg_line: usize, h: &mut CableHeader) {
    h.lines.insert(dtg_line);
    let n = src.line_count();
    let mut l = dtg_line;
    // FM on the group's line or just after it
    let mut fm_line = None;
    while l < n && l <= dtg_line + 2 {
        if let Some(c) = FM_LINE.captures(src.masked_line(l)) {
            let value = cut_at_to(&c[1]);
            h.origin = Some(fix_words(&squash(&value)));
            fm_line = Some(l);
            break;
        }
        l += 1;
    }
    let Some(fm_line) = fm_line else { return };
    h.lines.insert(fm_line);
    let l = address_lines(src, fm_line + 1, h);
    class_and_serial_line(src, l, h);
}

/// An address block printed without its date-time group (a header excerpt, a page torn
/// off): an FM line naming a station, or TO and INFO lines naming stations.
fn routing_without_dtg(src: &Source, h: &mut CableHeader) {
    let n = src.line_count().min(80);
    for l in 0..n {
        if src.furniture_line[l] {
            continue;
        }
        let line = src.masked_line(l);
        let head = line.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        if !(head.starts_with("FM") || head.starts_with("TO") || head.starts_with("INFO")) {
            continue;
        }
        if let Some(c) = FM_LINE.captures(line) {
            let value = squash(&cut_at_to(&c[1]));
            if head.starts_with("FM") && starts_with_station(&value) {
                h.origin = Some(fix_words(&value));
                h.lines.insert(l);
                let end = address_lines(src, l + 1, h);
                class_and_serial_line(src, end, h);
                return;
            }
        }
        let value = TO_LINE
            .captures(line)
            .or_else(|| INFO_LINE.captures(line))
            .map(|c| c.get(1).unwrap().as_str().to_string());
        if let Some(value) = value {
            let value = strip_page_header(&value);
            if starts_with_station(strip_routing_indicator(value.trim())) {
                let end = address_lines(src, l, h);
                class_and_serial_line(src, end, h);
                return;
            }
        }
    }
}

/// `AMEMBASSY ATHENS`, `SECSTATE WASHDC`, `RUEHTH/AMEMBASSY ATHENS`: an addressee's first word.
fn starts_with_station(value: &str) -> bool {
    let first = value.split_whitespace().next().unwrap_or("");
    let first = fix_routing_word(first).unwrap_or(first);
    STARTERS.contains(&first)
}

/// `RUEHTH/AMEMBASSY ATHENS 0121`: the routing indicator before the station is no part of
/// its name.
fn strip_routing_indicator(value: &str) -> &str {
    split_routing_indicator(value).1
}

fn split_routing_indicator(value: &str) -> (Option<&str>, &str) {
    static RI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(R[A-Z0-9]{3,6})\s?/\s?").unwrap());
    match RI.captures(value) {
        Some(c) => (
            Some(c.get(1).unwrap().as_str()),
            &value[c.get(0).unwrap().end()..],
        ),
        None => (None, value),
    }
}

/// `TO PAGE 02 STATE 015113 182333Z`: the page header of a continued telegram printed
/// between the address lines.
fn strip_page_header(line: &str) -> String {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"PAGE\s+\d{1,3}\s+[A-Z][A-Z ]{1,24}?\s+\d{3,6}\s+(?:\d{1,2}\s+OF\s+\d{1,2}\s+)?\d{6}Z",
        )
        .unwrap()
    });
    if !line.contains("PAGE") {
        return line.to_string();
    }
    PAGE.replace_all(line, "").to_string()
}

/// The TO and INFO lines from `start` on; returns the line after them. Stations after `XMT`
/// are the ones a collective leaves out: not addressees.
fn address_lines(src: &Source, start: usize, h: &mut CableHeader) -> usize {
    let n = src.line_count();
    let mut role: Option<bool> = None; // Some(true) = TO, Some(false) = INFO
    let mut excluded = false;
    let mut l = start;
    while l < n {
        if src.furniture_line[l] {
            l += 1;
            continue;
        }
        let line = strip_page_header(src.masked_line(l));
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if src.clean_line(l).trim().is_empty() && role.is_some() {
                break;
            }
            l += 1;
            continue;
        }
        let (value, new_role) = if let Some(c) = TO_LINE.captures(&line) {
            excluded = false;
            (c.get(1).unwrap().as_str().to_string(), Some(true))
        } else if let Some(c) = INFO_LINE.captures(&line) {
            excluded = false;
            (c.get(1).unwrap().as_str().to_string(), Some(false))
        } else if role.is_some() && is_addressee_line(trimmed) {
            (trimmed.to_string(), role)
        } else {
            break;
        };
        role = new_role;
        if value.contains("NIACT") {
            h.niact = true;
        }
        let mut value = value.trim();
        if let Some(rest) = value.strip_prefix("XMT") {
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                excluded = true;
                value = rest;
            }
        }
        if !excluded {
            let (indicator, value) = split_routing_indicator(value);
            let names: Vec<String> = split_addressees(value)
                .into_iter()
                .filter(|n| plausible_addressee(n))
                .collect();
            let list = if role == Some(true) {
                &mut h.to
            } else {
                &mut h.info
            };
            if let (Some(ri), false) = (indicator, names.is_empty()) {
                h.routing_indicators
                    .push((role == Some(true), list.len(), ri.to_string()));
            }
            list.extend(names);
        }
        h.lines.insert(l);
        l += 1;
    }
    l
}

fn class_and_serial_line(src: &Source, l: usize, h: &mut CableHeader) {
    let n = src.line_count();
    // The classification and serial line closes the routing block.
    for k in l..(l + 3).min(n) {
        let line = src.masked_line(k);
        if let Some(class) = class_before_station(line, h.station().as_deref()) {
            h.class_line = Some(class);
            h.class_line_no = Some(k);
            h.lines.insert(k);
            break;
        }
        if let Some((class, _)) = classification::find_word(line) {
            if line.trim().len() < 40 {
                h.class_line = Some(class);
                h.lines.insert(k);
                break;
            }
        }
    }
}

/// A draft telegram has no routing block, only its address lines: `IMMEDIATE ASUNCION,
/// IMMEDIATE BRASILIA, ... GEORGETOWN +`, action first, then info after a blank line.
fn draft_addresses(src: &Source, h: &mut CableHeader) {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH)\s+[A-Z][A-Z .]+(?:,|\+|$)",
        )
        .unwrap()
    });
    let n = src.line_count();
    let Some(first) = (0..n.min(80)).find(|&l| ADDRESS.is_match(src.masked_line(l))) else {
        return;
    };
    let mut role_to = true;
    let mut l = first;
    let mut blank = false;
    while l < n {
        let line = src.masked_line(l).trim();
        if line.is_empty() || src.furniture_line[l] {
            blank = true;
            l += 1;
            continue;
        }
        let Some(c) = ADDRESS.captures(line) else {
            break;
        };
        if blank && l > first {
            role_to = false;
        }
        blank = false;
        if h.dtg.is_none() && h.to.is_empty() && h.info.is_empty() {
            h.draft_precedence = Some(match &c[1] {
                "NIACT IMMEDIATE" => "NIACT IMMEDIATE",
                "IMMEDIATE" => "IMMEDIATE",
                "PRIORITY" => "PRIORITY",
                "ROUTINE" => "ROUTINE",
                _ => "FLASH",
            });
        }
        for part in line.split(',') {
            let name = part
                .trim()
                .trim_end_matches('+')
                .trim()
                .trim_start_matches("NIACT ")
                .split_once(' ')
                .filter(|(p, _)| PRECEDENCE_WORDS.contains(p))
                .map(|(_, rest)| rest.trim().to_string())
                .unwrap_or_else(|| part.trim().trim_end_matches('+').trim().to_string());
            if name.is_empty() {
                continue;
            }
            if role_to {
                h.to.push(name);
            } else {
                h.info.push(name);
            }
        }
        h.lines.insert(l);
        l += 1;
    }
}

fn cut_at_to(value: &str) -> String {
    static TO_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s(?:TO|INFO)\s").unwrap());
    match TO_WORD.find(value) {
        Some(m) => value[..m.start()].to_string(),
        None => value.to_string(),
    }
}

fn fix_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            fix_routing_word(w)
                .map(str::to_string)
                .unwrap_or_else(|| w.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_addressee_line(line: &str) -> bool {
    if line.len() > 80 || CAPTION_STOP.is_match(line) {
        return false;
    }
    if line.chars().any(|c| c.is_ascii_lowercase()) {
        return false;
    }
    if classification::find_word(line).is_some() {
        return false;
    }
    // A classification and serial line (`STATE 099063`) ends the block.
    static SERIAL_LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\W*\S*\s*[A-Z]{3,}\s?\d{5,6}(?-u:\b)").unwrap());
    !SERIAL_LINE.is_match(line) && line.chars().any(|c| c.is_ascii_alphabetic())
}

/// Handling captions and OCR debris that stand where addressees do.
fn plausible_addressee(name: &str) -> bool {
    const CAPTIONS: &[&str] = &[
        "NODIS",
        "EXDIS",
        "LIMDIS",
        "SIPDIS",
        "STADIS",
        "CHEROKEE",
        "ROGER",
        "MERCURY",
        "DECAPTIONED",
    ];
    let letters = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
    letters >= 3
        && !name.chars().any(|c| c.is_ascii_lowercase())
        && !name.split_whitespace().all(|w| CAPTIONS.contains(&w))
}

const PRECEDENCE_WORDS: &[&str] = &["IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH", "NIACT"];
const STARTERS: &[&str] = &[
    "AMEMBASSY",
    "AMCONSUL",
    "AMCONGEN",
    "USMISSION",
    "SECSTATE",
    "SECDEF",
    "CDR",
    "USDAO",
    "JOINT",
    "DEPT",
    "WHITE",
    "FBI",
    "DEA",
    "DIA",
    "CIA",
    "NSA",
    "HQ",
    "ALL",
    "USCINCPAC",
    "CINCPAC",
    "USINT",
    "USLO",
];
/// State codes that end an addressee (`PETERSON AFB CO`, `MIAMI FL`); the ones that are also
/// English words (`IN`, `OR`, `ME`...) are left out.
const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "FL", "GA", "HI", "ID", "IL", "IA", "KS", "KY", "MD",
    "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "PA", "RI",
    "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
];

/// One routing line can hold several addressees when the line breaks were stripped:
/// they end at `WASHDC`, `WASHINGTON DC`, `COLLECTIVE`, a state code, a precedence word or a
/// sequence number, and start at `AMEMBASSY`, `SECDEF`, `CDR`...
pub fn split_addressees(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let flush = |cur: &mut Vec<String>, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(cur.join(" "));
            cur.clear();
        }
    };
    for raw in value.split_whitespace() {
        let word = raw.trim_matches(|c: char| c == ',' || c == ';' || c == '•' || c == '.');
        if word.is_empty() {
            continue;
        }
        let fixed = fix_routing_word(word)
            .map(str::to_string)
            .unwrap_or_else(|| word.to_string());
        if PRECEDENCE_WORDS.contains(&fixed.as_str())
            || (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        {
            flush(&mut cur, &mut out);
            continue;
        }
        if STARTERS.contains(&fixed.as_str()) && !cur.is_empty() {
            flush(&mut cur, &mut out);
        }
        let ends = fixed == "WASHDC"
            || fixed == "COLLECTIVE"
            || (fixed == "DC" && cur.last().map(String::as_str) == Some("WASHINGTON"))
            || (STATES.contains(&fixed.as_str()) && cur.len() >= 2);
        cur.push(fixed);
        if ends {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// `SECSTATE WASHDC` -> `STATE`, `AMEMBASSY BUENOS AIRES` -> `BUENOSAIRES`,
/// `USMISSION USUN NEW YORK` -> `USUNNEWYORK`: the station part of a cable id.
pub fn station_of(origin: &str) -> Option<String> {
    let words: Vec<&str> = origin.split_whitespace().collect();
    let first = *words.first()?;
    let rest = || words[1..].concat();
    let station = match first {
        "SECSTATE" => "STATE".to_string(),
        "AMEMBASSY" | "AMCONSUL" | "AMCONGEN" | "USMISSION" | "USLO" | "USINT" | "USDEL"
            if words.len() > 1 =>
        {
            rest()
        }
        _ => return None,
    };
    station
        .chars()
        .all(|c| c.is_ascii_alphabetic())
        .then_some(station)
}

/// `CONFIDENTIALMEXIOO000045`, `S E C R E T STATE 099063`, `SECRETSTATE 099063`: the
/// classification written before the station and serial.
fn class_before_station(line: &str, station: Option<&str>) -> Option<&'static str> {
    let station = station?;
    for c in SERIAL.captures_iter(line) {
        let token = c.get(1).unwrap();
        let Some(glued) = station_match(token.as_str(), station) else {
            continue;
        };
        let before = &line[..token.start()];
        let prefix = format!("{before}{glued}");
        if let Some(level) = classification::level_of(prefix.trim()) {
            return Some(level);
        }
        if let Some((level, _)) = classification::find_word(&prefix) {
            return Some(level);
        }
        let squeezed: String = prefix.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if squeezed.len() >= 5
            && squeezed.len() <= 7
            && strsim::levenshtein(&squeezed.to_uppercase(), "SECRET") <= 1
        {
            return Some("SECRET");
        }
    }
    None
}

/// Whether `token` is the station, OCR-damaged or glued to a classification word; returns
/// what stands glued before it.
fn station_match<'a>(token: &'a str, station: &str) -> Option<&'a str> {
    let t = token.to_ascii_uppercase();
    if t == station {
        return Some("");
    }
    if t == "SECSTATE" {
        return None;
    }
    if t.len() > station.len() {
        let tail = &t[t.len() - station.len()..];
        if tail == station || (station.len() >= 5 && similar(tail, station) >= 0.66) {
            return Some(&token[..t.len() - station.len()]);
        }
    }
    if t.len() >= 5 && (station.starts_with(&t) || station.ends_with(&t)) {
        return Some("");
    }
    if station.len() >= 5 && t.len() + 1 >= station.len() && similar(&t, station) >= 0.66 {
        return Some("");
    }
    None
}

/// The cable's serial: votes from the classification line, page headers (`PAGE 01 STATE
/// 99063`, `[STATE 235297]`) and any other `STATION NNNNNN`, never from REF lines.
fn serial(src: &Source, h: &CableHeader) -> Option<u32> {
    let station = h.station()?;
    let near: Option<usize> = h.lines.iter().next_back().copied();
    let mut votes: Vec<(u32, usize, usize)> = Vec::new(); // serial, weight, order
    for l in 0..src.line_count() {
        // Stamps are blanked (`FM AMEMBASSY MEXICO 1 4 B`); page headers are read as printed.
        let line = if src.furniture_line[l] {
            src.text_line(l)
        } else {
            src.masked_line(l)
        };
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if REF.is_match(line) || line.contains("REF:") || line.contains("MRN") {
            continue;
        }
        let weight = if h.class_line_no == Some(l) {
            5
        } else if near.is_some_and(|x| l >= x.saturating_sub(1) && l <= x + 3) {
            3
        } else if line.trim_start().starts_with("PAGE") || line.contains('[') {
            2
        } else {
            1
        };
        let before = votes.len();
        for c in SERIAL.captures_iter(line) {
            let token = c.get(1).unwrap().as_str();
            if station_match(token, &station).is_none() {
                continue;
            }
            let digits = &c[2];
            let Ok(n) = digits.parse::<u32>() else {
                continue;
            };
            if n == 0 {
                continue;
            }
            votes.push((n, weight, votes.len()));
        }
        if votes.len() == before {
            for n in loose_serials(line, &station) {
                votes.push((n, weight, votes.len()));
            }
        }
    }
    let mut totals: Vec<(u32, usize, usize)> = Vec::new();
    for (n, w, order) in votes {
        match totals.iter_mut().find(|t| t.0 == n) {
            Some(t) => t.1 += w,
            None => totals.push((n, w, order)),
        }
    }
    totals
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|t| t.0)
}

/// `TEL AVIV 012345`, `STATE O99O63`, `ANKARA 0 12345`: a station of several words, digits OCR
/// read as letters, a serial split by a space, where the plain pattern finds none.
fn loose_serials(line: &str, station: &str) -> Vec<u32> {
    // A classification and serial line, a page header, is short; and only a line that
    // spells the end of the station can hold one.
    let tail = &station[station.len().saturating_sub(4)..];
    if line.len() > 120 || !line.contains(tail) {
        return Vec::new();
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    let mut out = Vec::new();
    for i in 0..words.len() {
        let names_station =
            (1..=3.min(i + 1)).any(|k| words[i + 1 - k..=i].concat().eq_ignore_ascii_case(station));
        if !names_station {
            continue;
        }
        let Some(first) = words.get(i + 1).and_then(|w| serial_digits(w)) else {
            continue;
        };
        let digits = match words.get(i + 2).and_then(|w| serial_digits(w)) {
            Some(rest) if first.len() <= 2 && (5..=6).contains(&(first.len() + rest.len())) => {
                first + &rest
            }
            _ => first,
        };
        if let Ok(n) = digits.parse::<u32>() {
            if n > 0 {
                out.push(n);
            }
        }
    }
    out
}

/// A serial as OCR printed it: digits, with `O` for 0, `l`/`I` for 1, `S` for 5, at most six.
fn serial_digits(word: &str) -> Option<String> {
    if word.is_empty() || word.len() > 6 || !word.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    word.chars()
        .map(|c| match c {
            '0'..='9' => Some(c),
            'O' | 'o' => Some('0'),
            'l' | 'I' | '|' => Some('1'),
            'S' => Some('5'),
            _ => None,
        })
        .collect()
}

/// Caption keywords: a line is read for a caption only if it holds the caption's word,
/// found for all lines in one pass. Leftmost-first, not every overlapping match: only words
/// that start a word count, and no keyword starts with a letter another holds after a word
/// break (`E O`, `E.O`, `E. O` break before an `O`), so no match hides one that counts.
static CAPTION_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build([
            "E.O",
            "E O",
            "EO",
            "E. O",
            "TAG",
            "AGS",
            "SUBJ",
            "REF",
            "CLASSIFIED",
            "CLASSFIED",
            "CLASIFIED",
            "DECL",
        ])
        .unwrap()
});
const HAS_EO: u8 = 1;
const HAS_TAGS: u8 = 2;
const HAS_SUBJECT: u8 = 4;
const HAS_REF: u8 = 8;
const HAS_CLASSIFIED: u8 = 16;
const HAS_DECL: u8 = 32;

fn caption_lines(src: &Source) -> Vec<u8> {
    let mut flags = vec![0u8; src.line_count()];
    let bytes = src.masked.as_bytes();
    for m in CAPTION_WORDS.find_iter(&src.masked) {
        // Every label starts a word (`people`, `stage`, `prefer` hold none).
        if m.start() > 0 && bytes[m.start() - 1].is_ascii_alphanumeric() {
            continue;
        }
        let bit = match m.pattern().as_usize() {
            0..=3 => HAS_EO,
            4 | 5 => HAS_TAGS,
            6 => HAS_SUBJECT,
            7 => HAS_REF,
            8..=10 => HAS_CLASSIFIED,
            _ => HAS_DECL,
        };
        flags[src.line_of(m.start())] |= bit;
    }
    flags
}

/// The captions a header line can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caption {
    Eo,
    Decl,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
}

/// Where a caption's label stands on a line, and where its value starts.
#[derive(Debug, Clone, Copy)]
struct Label {
    caption: Caption,
    start: usize,
    value: usize,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)E\s?\.?\s?O\s?\.?\s*:?\s*(?:1\d{3,4}|N/?A)(?-u:\b)",
        r"|(?-u:\b)DECL(?:ASSIFY)?\s*:",
        r"|(?-u:\b)T?AGS?(?-u:\b)\s*[:;.]?",
        r"|(?-u:\b)SUBJ(?:ECT)?(?-u:\b)\s*[:.;]?",
        r"|(?-u:\b)REF(?:\(S\)|TELS?|S)?\s*:|(?-u:\b)REFS?(?-u:\b)",
        r"|(?-u:\b)CLASSI?FI?ED\s+BY(?-u:\b)\s*:?",
    ))
    .unwrap()
});

/// Which caption a label matched by `LABEL` is: each alternative starts with its own letter.
fn caption_of(label: &str) -> Caption {
    match label.as_bytes()[0].to_ascii_uppercase() {
        b'E' => Caption::Eo,
        b'D' => Caption::Decl,
        b'T' | b'A' => Caption::Tags,
        b'S' => Caption::Subject,
        b'R' => Caption::Ref,
        _ => Caption::ClassifiedBy,
    }
}

/// The caption labels of a line, in order: the ones at its start, and the ones run into it
/// where line breaks were lost (`SUBJECT: ENERGY INSTALLATIONS REF: BRASILIA 861`, `TAGS:
/// ... SUBJECT: ...`). A label inside a line needs its colon, and unless it is in capitals,
/// a caption before it on the same line; the E.O. line is found anywhere, as it always was.
fn labels(line: &str) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    for m in LABEL.find_iter(line) {
        let caption = caption_of(m.as_str());
        let text = m.as_str();
        let word: String = text
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '.')
            .collect();
        let capitals = !word.chars().any(|c| c.is_lowercase());
        let colon = text.trim_end().ends_with(':');
        let at_start = line[..m.start()]
            .chars()
            .all(|c| !c.is_alphanumeric() && c != '(');
        let ok = match caption {
            // The E.O. line carries its DECL with it.
            Caption::Eo => true,
            Caption::Decl => !out.iter().any(|l| l.caption == Caption::Eo) && (at_start || colon),
            // As it always was: `CLASSIFIED BY` anywhere.
            Caption::ClassifiedBy => true,
            // An email's `Subject:` and `Ref:` are not a cable's captions.
            Caption::Subject | Caption::Ref if at_start && !capitals => false,
            _ => at_start || (colon && (capitals || !out.is_empty())),
        };
        if !ok {
            continue;
        }
        // `TAG` and `AGS` are words too: they count only before a colon or at a line's start.
        if caption == Caption::Tags {
            let bare = word.trim().to_ascii_uppercase();
            if !matches!(bare.as_str(), "TAGS" | "TAG" | "AGS")
                || (bare != "TAGS" && !(colon || at_start))
            {
                continue;
            }
        }
        out.push(Label {
            caption,
            start: m.start(),
            value: m.end(),
        });
    }
    out
}

/// The value of the `i`-th label of a line: up to the next label.
fn label_value<'a>(line: &'a str, found: &[Label], i: usize) -> &'a str {
    let end = found.get(i + 1).map(|n| n.start).unwrap_or(line.len());
    &line[found[i].value..end.max(found[i].value)]
}

fn captions(src: &Source, h: &mut CableHeader) {
    let n = src.line_count();
    let flags = caption_lines(src);
    for (l, &flag) in flags.iter().enumerate() {
        if src.furniture_line[l] || flag == 0 {
            continue;
        }
        let line = src.masked_line(l);
        let found = labels(line);
        for (i, label) in found.iter().enumerate() {
            let last_on_line = i + 1 == found.len();
            let value = label_value(line, &found, i);
            match label.caption {
                Caption::Eo if h.eo.is_none() && flag & HAS_EO != 0 => {
                    let end = found.get(i + 1).map(|n| n.start).unwrap_or(line.len());
                    if let Some(c) = EO.captures(&line[label.start..end]) {
                        h.eo = Some(c[1].to_string());
                        h.lines.insert(l);
                        if let Some(decl) = c.get(2) {
                            set_decl(h, decl.as_str());
                        }
                    }
                }
                Caption::Decl if h.decl_raw.is_none() => {
                    h.lines.insert(l);
                    set_decl(h, value);
                }
                Caption::Tags if h.tags.is_empty() => {
                    let label_text = &line[label.start..label.value];
                    let label_word = label_text.trim_end_matches([':', ';', '.', ' ']).trim();
                    let value = value.trim_start_matches([':', ';', '.', ' ']);
                    if !tags::plausible_value(label_word, value) {
                        continue;
                    }
                    h.lines.insert(l);
                    let mut value = value.to_string();
                    let mut k = l;
                    // Codes going on below: after a trailing comma, or a line of codes only.
                    while last_on_line && k + 1 < n {
                        let next = src.masked_line(k + 1);
                        let next_labels = labels(next);
                        let head =
                            &next[..next_labels.first().map(|x| x.start).unwrap_or(next.len())];
                        let after_comma =
                            value.trim_end().ends_with(',') && !head.trim().is_empty();
                        if !after_comma && !tags::continues(head) {
                            break;
                        }
                        k += 1;
                        value.push(' ');
                        value.push_str(head);
                        h.lines.insert(k);
                        if !next_labels.is_empty() {
                            break;
                        }
                    }
                    h.tags = tags::read(&value);
                }
                Caption::Subject if h.subject.is_none() => {
                    let mut first = if i == 0 {
                        match SUBJECT.captures(line) {
                            Some(c) => {
                                let v = c.get(1).unwrap();
                                let end = found.get(1).map(|x| x.start).unwrap_or(line.len());
                                line[v.start()..end.max(v.start())].trim().to_string()
                            }
                            None => continue,
                        }
                    } else {
                        value.trim().to_string()
                    };
                    if src.flat {
                        first = strip_flat_marking(&first);
                    }
                    if first.is_empty() && (l + 1 >= n || !last_on_line) {
                        continue;
                    }
                    let (subject, last) = if last_on_line {
                        continued(src, l, first)
                    } else {
                        (squash(&first), l)
                    };
                    if !subject.is_empty() {
                        for k in l..=last {
                            h.lines.insert(k);
                        }
                        h.subject = Some(subject);
                    }
                }
                Caption::Ref if h.refs.is_empty() && h.subject.is_some() => {
                    if i == 0 && !REF.is_match(line) {
                        continue;
                    }
                    h.lines.insert(l);
                    let mut refs = vec![squash(value.trim_start_matches([':', ' ']))];
                    let mut k = l + 1;
                    while last_on_line && k < n && is_ref_continuation(src.masked_line(k)) {
                        refs.push(squash(src.masked_line(k)));
                        h.lines.insert(k);
                        k += 1;
                    }
                    h.refs = refs.into_iter().filter(|r| !r.is_empty()).collect();
                }
                Caption::ClassifiedBy if h.classified_by.is_none() => {
                    let (name, last) = classified_by::read(src, l, label.value);
                    if name.is_some() {
                        h.classified_by = name;
                    }
                    // `1. CLASSIFIED BY ...` is a numbered paragraph, not a caption line.
                    if !line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                        for k in l..=last {
                            h.lines.insert(k);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn set_decl(h: &mut CableHeader, value: &str) {
    let v = value.trim();
    h.decl_raw = Some(v.to_string());
    h.declassify_on = decl_date(v);
}

/// `C THE DEPUTY SECRETARY'S...`: a portion mark that lost its parentheses.
fn strip_flat_marking(subject: &str) -> String {
    static MARK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:U|C|S|SBU|LOU|\d{1,2})\s+([A-Z(])").unwrap());
    match MARK.captures(subject) {
        Some(c) => subject[c.get(1).unwrap().start()..].to_string(),
        None => subject.to_string(),
    }
}

fn is_ref_continuation(line: &str) -> bool {
    static CONT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[A-H][.)]\s|[A-H]\)\s?)").unwrap());
    CONT.is_match(line)
}

/// A subject that wraps onto the next lines: a long first line, or one that stops on a word
/// that cannot end it (`WITH`, `a`, a comma), continued by lines that are not captions or
/// paragraphs. An upper-case subject does not go on into mixed-case text, and a caption run
/// into a continuation line ends the subject there.
fn continued(src: &Source, l: usize, first: String) -> (String, usize) {
    let n = src.line_count();
    let mut subject = first;
    let mut last = l;
    let mut prev = src.masked_line(l).trim_end();
    let indent = |line: &str| line.len() - line.trim_start().len();
    // A memo's subject goes on aligned under its first words; the text below it starts
    // further left.
    let mut aligned: Option<usize> = None;
    let mut k = l + 1;
    while k < n && !src.flat {
        if src.furniture_line[k] {
            k += 1;
            continue;
        }
        let next_line = src.masked_line(k);
        let next = next_line.trim();
        if next.is_empty() || CAPTION_STOP.is_match(next) || next.starts_with('(') {
            break;
        }
        if prev.len() < 45 && !ends_open(prev) {
            break;
        }
        let upper = !subject.chars().any(|c| c.is_lowercase());
        if upper && next.chars().any(|c| c.is_lowercase()) {
            break;
        }
        if aligned.is_some_and(|a| indent(next_line) < a) {
            break;
        }
        let found = labels(next_line);
        let part = match found.first() {
            Some(f) => next_line[..f.start].trim(),
            None => next,
        };
        if !part.is_empty() {
            subject.push(' ');
            subject.push_str(part);
            last = k;
        }
        if !found.is_empty() {
            break;
        }
        prev = next_line.trim_end();
        aligned = Some(indent(next_line));
        k += 1;
    }
    (squash(&subject), last)
}

/// A line that stops where a subject cannot end.
fn ends_open(line: &str) -> bool {
    const OPEN: &[&str] = &[
        "A", "AN", "AND", "OF", "THE", "TO", "FOR", "WITH", "IN", "ON", "AT", "BY", "OR", "FROM",
        "ITS", "HIS", "HER", "THEIR", "AS", "OVER", "INTO", "ABOUT", "AFTER",
    ];
    let t = line.trim_end();
    if t.ends_with([',', ';', ':', '-', '/']) {
        return true;
    }
    let last = t.rsplit(' ').next().unwrap_or("").to_ascii_uppercase();
    OPEN.contains(&last.as_str())
}

/// The tags of a TAGS value (also the SMART header's `TAGS:` field).
pub fn tags(value: &str) -> Vec<String> {
    tags::read(value)
}

/// `2020/01/12`, `5/1/06`, `(10/18/26)`, `2020 01 12`; OADR, N/A and events are no date.
pub fn decl_date(v: &str) -> Option<NaiveDate> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?\s*(\d{1,4}\s*[/.\- ]\s*\d{1,2}\s*[/.\- ]\s*\d{2,4})(?-u:\b)").unwrap()
    });
    let c = LEAD.captures(v.trim())?;
    dates::numeric(&c[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressees_split_where_lines_were_lost() {
        assert_eq!(
            split_addressees("ALL US CONSULATES IN MEXICO COLLECTIVE DEPT OF HOMELAND SECURITY WASHINGTON DC WHITE HOUSE NATIONAL SECURITY COUNCIL WASHINGTON DC CDR USNORTHCOM PETERSON AFB CO CDR USSOUTHCOM MIAMI FL"),
            [
                "ALL US CONSULATES IN MEXICO COLLECTIVE",
                "DEPT OF HOMELAND SECURITY WASHINGTON DC",
                "WHITE HOUSE NATIONAL SECURITY COUNCIL WASHINGTON DC",
                "CDR USNORTHCOM PETERSON AFB CO",
                "CDR USSOUTHCOM MIAMI FL",
            ]
        );
        assert_eq!(
            split_addressees("SECSTATE WASHDC PRIORITY 2337"),
            ["SECSTATE WASHDC"]
        );
        assert_eq!(
            split_addressees("ANENBASSY SEOUL IMMEDIATE"),
            ["AMEMBASSY SEOUL"]
        );
    }

    #[test]
    fn stations() {
        assert_eq!(station_of("SECSTATE WASHDC").as_deref(), Some("STATE"));
        assert_eq!(
            station_of("AMEMBASSY BUENOS AIRES").as_deref(),
            Some("BUENOSAIRES")
        );
        assert_eq!(
            station_of("USMISSION USUN NEW YORK").as_deref(),
            Some("USUNNEWYORK")
        );
    }

    #[test]
    fn serials_of_two_word_stations_and_ocr_digits() {
        assert_eq!(loose_serials("SECRET TEL AVIV 012345", "TELAVIV"), [12345]);
        assert_eq!(loose_serials("SECRET STATE O99O63", "STATE"), [99063]);
        assert_eq!(
            loose_serials("CONFIDENTIAL ANKARA 0 12345", "ANKARA"),
            [12345]
        );
        assert_eq!(
            loose_serials("PAGE 01 STATE 23 5297 132253Z", "STATE"),
            [235297]
        );
        assert!(loose_serials("ON THE WAY TO ANKARA FOR 3 DAYS", "ANKARA").is_empty());
    }

    #[test]
    fn class_and_serial_line() {
        assert_eq!(
            class_before_station("CONFIDENTIALMEXIOO000045", Some("MEXICO")),
            Some("CONFIDENTIAL")
        );
        assert_eq!(
            class_before_station("S E C R E T STATE 099063 C•", Some("STATE")),
            Some("SECRET")
        );
        assert_eq!(
            class_before_station("EECRETSTATE 235297", Some("STATE")),
            Some("SECRET")
        );
        assert_eq!(
            class_before_station("C O N F I D E N T I A L STATE 231819", Some("STATE")),
            Some("CONFIDENTIAL")
        );
    }

    #[test]
    fn declassification_dates() {
        assert_eq!(
            decl_date("2020 01 12"),
            NaiveDate::from_ymd_opt(2020, 1, 12)
        );
        assert_eq!(decl_date("5/1/06"), NaiveDate::from_ymd_opt(2006, 5, 1));
        assert_eq!(
            decl_date("(10/18/26) TAGS: PREL"),
            NaiveDate::from_ymd_opt(2026, 10, 18)
        );
        assert_eq!(decl_date("AFTER KOREAN REUNIFICATION"), None);
        assert_eq!(decl_date("OADR"), None);
    }
}
