//! REF lines split into the cables they cite: `A) 10 KINSHASA 858 B) 10 KINSHASA 205` is two
//! citations, `TIJUANA 1275 MEXICO 3468` two, each with its canonical cable id
//! (`10KINSHASA858`). A citation without its year (`STATE 86734`) takes the citing cable's:
//! posts cite their own year's traffic that way.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Reference;

/// `A)`, `A.`, `(A)`, `B -`: the letter a REF line gives each citation.
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s;,])\(?(?P<l>[A-Z])(?:\)|\.|\s-)(?:\s|$)").unwrap());

/// Words that stand before a number in a REF line without being a station.
const NOT_STATIONS: &[&str] = &[
    "AND",
    "OR",
    "OF",
    "THE",
    "YOUR",
    "OUR",
    "MY",
    "DATED",
    "EMAIL",
    "E-MAIL",
    "TELCON",
    "MEMCON",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "SEPTEL",
    "ON",
    "IN",
    "AT",
    "NO",
    "NUMBER",
    "NR",
    "TO",
    "FROM",
    "REF",
    "REFS",
    "REFTEL",
    "REFTELS",
    "PAGE",
    "SECTION",
    "PART",
    "LETTER",
    "NOTE",
    "DIPLOMATIC",
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "MAY",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "SEPT",
    "OCT",
    "NOV",
    "DEC",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "DTG",
    "CABLE",
    "STATE'S",
    "AS",
    "BY",
    "ALSO",
    "PREVIOUS",
    "AMENDED",
];
/// The longest station name, in words (`PORT AU PRINCE`, `USUN NEW YORK`).
const STATION_WORDS: usize = 4;

/// Split the REF lines of a document into its citations. `year` is the two-digit year of the
/// citing cable, for citations printed without one.
pub fn split(lines: &[String], year: Option<u32>) -> Vec<Reference> {
    let mut out = Vec::new();
    for line in lines {
        let parts = labelled_parts(line);
        for (label, part) in parts {
            let cited = citations(part, year);
            if cited.is_empty() {
                let text = part.trim_matches(|c: char| c == ';' || c == ',' || c.is_whitespace());
                if !text.is_empty() {
                    out.push(Reference {
                        text: text_with_label(line, label, text),
                        label: label.map(str::to_string),
                        cable_id: None,
                    });
                }
                continue;
            }
            let whole = cited.len() == 1;
            for (span, id) in cited {
                let text = if whole {
                    part.trim_matches(|c: char| c == ';' || c == ',' || c.is_whitespace())
                } else {
                    span
                };
                out.push(Reference {
                    text: text_with_label(line, label, text),
                    label: label.map(str::to_string),
                    cable_id: id,
                });
            }
        }
    }
    out
}

/// The citation as printed, with its letter: `A) 10 KINSHASA 858`.
fn text_with_label(line: &str, label: Option<&str>, text: &str) -> String {
    let Some(l) = label else {
        return text.to_string();
    };
    // The letter as the line prints it (`A)`, `A.`, `(A)`).
    let printed = LABEL
        .captures_iter(line)
        .find(|c| &c["l"] == l)
        .map(|c| {
            c.get(0)
                .unwrap()
                .as_str()
                .trim_matches(|ch: char| ch == ';' || ch == ',' || ch.is_whitespace())
                .to_string()
        })
        .unwrap_or_else(|| format!("{l}."));
    format!("{printed} {text}")
}

/// The line cut at its letters; a line without letters is one part.
fn labelled_parts(line: &str) -> Vec<(Option<&str>, &str)> {
    let marks: Vec<(usize, usize, &str)> = LABEL
        .captures_iter(line)
        .map(|c| {
            let whole = c.get(0).unwrap();
            let l = c.name("l").unwrap();
            (whole.start(), whole.end(), l.as_str())
        })
        .collect();
    // Letters count only in order, from A or from the start of the line (`B. STATE 82581`
    // on a line of its own): a stray `I.` or `S.` is no label.
    let in_order = marks
        .first()
        .is_some_and(|m| m.2 == "A" || line[..m.0].trim().is_empty())
        && marks
            .iter()
            .enumerate()
            .all(|(i, m)| m.2.as_bytes()[0] == marks[0].2.as_bytes()[0] + i as u8);
    if marks.is_empty() || !in_order {
        return vec![(None, line)];
    }
    let mut parts = Vec::new();
    let head = &line[..marks[0].0];
    if !head.trim().is_empty() {
        parts.push((None, head));
    }
    for (i, m) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(line.len(), |n| n.0);
        parts.push((Some(m.2), &line[m.1..end]));
    }
    parts
}

/// Every `[YY] STATION SERIAL` in `text`, with its span and canonical id.
fn citations(text: &str, year: Option<u32>) -> Vec<(&str, Option<String>)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut out = Vec::new();
    let mut used = 0; // words before this index belong to an earlier citation
    for i in 0..words.len() {
        let serial = words[i].1.trim_end_matches([',', ';', '.', ')']);
        if serial.is_empty() || serial.len() > 6 || !serial.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // The station: the words before, back to the year or what is no station.
        let mut first = i;
        while first > used && i - first < STATION_WORDS && is_station_word(words[first - 1].1) {
            first -= 1;
        }
        if first == i {
            continue;
        }
        let printed_year = (first > used)
            .then(|| words[first - 1].1)
            .filter(|y| y.len() == 2 && y.bytes().all(|b| b.is_ascii_digit()));
        let start_word = if printed_year.is_some() {
            first - 1
        } else {
            first
        };
        let yy = printed_year.and_then(|y| y.parse::<u32>().ok()).or(year);
        let station: String = words[first..i]
            .iter()
            .map(|(_, w)| w.to_ascii_uppercase())
            .collect();
        let n: u64 = serial.parse().unwrap_or(0);
        let id = yy
            .filter(|_| n > 0)
            .map(|yy| format!("{yy:02}{station}{n}"));
        let start = words[start_word].0;
        let end = words[i].0 + serial.len();
        out.push((&text[start..end], id));
        used = i + 1;
    }
    out
}

fn is_station_word(w: &str) -> bool {
    w.len() >= 2
        && w.bytes().all(|b| b.is_ascii_alphabetic())
        && w.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && !NOT_STATIONS.contains(&w.to_ascii_uppercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(line: &str, year: Option<u32>) -> Vec<(String, Option<String>)> {
        split(&[line.to_string()], year)
            .into_iter()
            .map(|r| (r.text, r.cable_id))
            .collect()
    }

    fn r(text: &str, id: &str) -> (String, Option<String>) {
        (text.to_string(), Some(id.to_string()))
    }

    #[test]
    fn lettered_citations() {
        assert_eq!(
            ids("A) 10 KINSHASA 858 B) 10 KINSHASA 205", Some(10)),
            [
                r("A) 10 KINSHASA 858", "10KINSHASA858"),
                r("B) 10 KINSHASA 205", "10KINSHASA205")
            ]
        );
        assert_eq!(
            ids("A) FREETOWN 3730; B) FREETOWN 3692", Some(96)),
            [
                r("A) FREETOWN 3730", "96FREETOWN3730"),
                r("B) FREETOWN 3692", "96FREETOWN3692")
            ]
        );
        assert_eq!(
            ids(
                "A) 12 PORT AU PRINCE 1218 B) 12 PORT AU PRINCE 1682",
                Some(12)
            ),
            [
                r("A) 12 PORT AU PRINCE 1218", "12PORTAUPRINCE1218"),
                r("B) 12 PORT AU PRINCE 1682", "12PORTAUPRINCE1682")
            ]
        );
        assert_eq!(
            ids("A. STATE 86734", Some(9)),
            [r("A. STATE 86734", "09STATE86734")]
        );
        assert_eq!(
            ids("B. STATE 82581", Some(9)),
            [r("B. STATE 82581", "09STATE82581")]
        );
        assert_eq!(
            ids("A) 11 TEL AVIV 930", Some(11)),
            [r("A) 11 TEL AVIV 930", "11TELAVIV930")]
        );
    }

    #[test]
    fn year_from_the_citing_cable() {
        assert_eq!(
            ids("STATE 86734", Some(96)),
            [r("STATE 86734", "96STATE86734")]
        );
        assert_eq!(
            ids("Seoul 6230", Some(96)),
            [r("Seoul 6230", "96SEOUL6230")]
        );
        assert_eq!(
            ids("STATE 086734", None),
            [("STATE 086734".to_string(), None)]
        );
    }

    #[test]
    fn unlettered_citations_on_one_line() {
        assert_eq!(
            ids("TIJUANA 1275 MEXICO 3468", Some(10)),
            [
                r("TIJUANA 1275", "10TIJUANA1275"),
                r("MEXICO 3468", "10MEXICO3468")
            ]
        );
        assert_eq!(
            ids("11 STATE 121442", Some(11)),
            [r("11 STATE 121442", "11STATE121442")]
        );
    }

    #[test]
    fn what_is_no_cable_is_kept_as_printed() {
        assert_eq!(
            ids("A) YOUR EMAIL OF 12 MAY B) 09 MEXICO 3573", Some(9)),
            [
                ("A) YOUR EMAIL OF 12 MAY".to_string(), None),
                r("B) 09 MEXICO 3573", "09MEXICO3573")
            ]
        );
        assert_eq!(
            ids("E-1058/12", Some(12)),
            [("E-1058/12".to_string(), None)]
        );
    }
}
