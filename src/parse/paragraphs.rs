//! Paragraphs: numbered paragraphs with their portion markings (`1. (SBU)`, `1 SBU`,
//! `16 C`, OCR `.P4.` and `G.`), section headings before them, unnumbered text in order,
//! header and routing blocks, stamps in the margin, and the signature line.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::clean::squash;
use super::Source;
use crate::model::{Paragraph, ParagraphKind};

/// A paragraph and the byte range of `Source::text` it came from.
#[derive(Debug, Clone)]
pub struct Located {
    pub paragraph: Paragraph,
    pub span: Range<usize>,
}

pub struct Layout<'a> {
    /// Lines read as header captions.
    pub header: &'a BTreeSet<usize>,
    /// Where numbered paragraphs may begin (None: nowhere).
    pub numbered_from: Option<usize>,
    /// Whether the document signs off with a name line (telegrams).
    pub signed: bool,
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    // The paragraph's text is the rest of the line after the match: no group for it, so
    // the groups are read over the number and its marking, not the whole line.
    Regex::new(r"^\s*[^\w\s]{0,3}\s*[A-Z]?(\d{1,2})\s?[.,)]\s*(?:\(([A-Za-z/]{1,9})\)\s*)?")
        .unwrap()
});
static LETTERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[A-H]\.\s").unwrap());
static NUMBERED_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{1,2})\s+\(?(SBU NF|SBU|C NF|S NF|LOU|TS|C|S|U|S/NF|C/NF)\)?\s+(\S)")
        .unwrap()
});
static OCR_DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*([GSlIOBZ])\.\s+").unwrap());
static MARKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:U|SBU|C|S|LOU|TS|S/NF|C/NF|SBU/NF|S/REL|C/REL|NF|U/FOUO|FOUO)$").unwrap()
});
static ROUTING_ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?m)^[ \t]*(?:@INFO:|@ACTION:|ORIGIN\s+[A-Z]+-\d+|INFO\s+LOG-\d+|ACTION\s+[A-Z]+-\d+|DRAFTED\s+BY|APPROVED\s+BY",
        r"|CLEARED\s+BY|RELEASED\s+BY|DESIRED\s+DISTRIBUTION|SOURCE:|PTP\d+|SEC=|\d{6}L\s+[A-Z]{3}\s+\d\d",
        r"|[0-9A-Z]{6}\s+\d{6}[Zz]\s+/\d\d|NNNN(?-u:\b)|Signature:|Drafted\s+By:|Cleared\s+By:|Approved\s+By:",
        r"|Released\s+By:|Action\s+Post:|Dissemination\s+Rule:|Action\s+Office:|Info\s+Office:",
        r"|.*\(TOTAL\s+COPIES|(?:.*(?-u:\b)[A-Z]{1,6}\s?\([0-9O]{2}\)){2}|(?:.*(?-u:\b)[A-Z0-9]{1,6}-\d\d(?-u:\b)){3}",
        r"|(?:[A-Z0-9]{1,6}[ \t]?\([0-9O]{2}\)[,. \t]*)+$)",
    ))
    .unwrap()
});

fn ocr_digit(c: &str) -> Option<u32> {
    Some(match c {
        "G" => 6,
        "S" => 5,
        "l" | "I" => 1,
        "O" => 0,
        "B" => 8,
        "Z" => 2,
        _ => return None,
    })
}

pub(crate) struct Start {
    pub number: u32,
    pub marking: Option<String>,
    pub rest_offset: usize,
}

/// Could `line` begin a numbered paragraph at all? A digit or an OCR'd one near its start.
fn may_be_numbered(line: &str) -> bool {
    line.trim_start()
        .bytes()
        .take(5)
        .any(|b| b.is_ascii_digit() || matches!(b, b'G' | b'S' | b'l' | b'I' | b'O' | b'B' | b'Z'))
}

/// Whether `line` begins numbered paragraph `expected` (or a later one, or a restart).
pub(crate) fn numbered(line: &str, expected: u32) -> Option<Start> {
    numbered_in(line, expected, true, false)
}

/// As `numbered`; `ocr_letters` allows `G.` to be read as `6.`, which is wrong inside a
/// paragraph that runs a lettered list (`A.`, `B.` ... `G.`).
/// `flat`: the line was cut by relining stripped text, so a bare number at its start is a
/// paragraph number when it comes in sequence.
fn numbered_in(line: &str, expected: u32, ocr_letters: bool, flat: bool) -> Option<Start> {
    if !may_be_numbered(line) {
        return None;
    }
    let strong_text = |rest: &str| {
        rest.trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '(' || c == '"' || c == '\'')
    };
    let accept = |n: u32, marked: bool, rest: &str| {
        n >= 1
            && (n == expected
                || (n > expected && n <= expected + 5 && (marked || strong_text(rest)))
                || (n < expected && (marked || n == 1) && strong_text(rest)))
    };
    if let Some(c) = NUMBERED_BARE.captures(line) {
        let n: u32 = c[1].parse().ok()?;
        let rest = &line[c.get(3).unwrap().start()..];
        if accept(n, true, rest) {
            return Some(Start {
                number: n,
                marking: Some(c[2].replace(' ', "/")),
                rest_offset: c.get(3).unwrap().start(),
            });
        }
    }
    if let Some(c) = NUMBERED.captures(line) {
        // The match starts the line (offsets in it are the line's); its text runs to the end.
        let num = c.get(1).unwrap();
        // `1.5 million`, `10.5`: a decimal is not a paragraph number.
        let after = &line[num.end()..];
        if after.len() > 1 && after.as_bytes()[1].is_ascii_digit() {
            return None;
        }
        // `(1)` is an item of a list inside a paragraph.
        let before = &line[..num.start()];
        if before.trim_end().ends_with('(') && after.starts_with(')') {
            return None;
        }
        let n: u32 = num.as_str().parse().ok()?;
        let marking = c
            .get(2)
            .map(|m| m.as_str().to_ascii_uppercase())
            .filter(|m| MARKING.is_match(m));
        let rest_offset = c.get(0).unwrap().end();
        let rest = &line[rest_offset..];
        // A letter glued before the number (`.P4.`) is OCR noise, trusted only in sequence.
        let prefixed = line[..num.start()].chars().any(|c| c.is_ascii_alphabetic());
        if prefixed && n != expected {
            return None;
        }
        if accept(n, marking.is_some(), rest) {
            return Some(Start {
                number: n,
                marking,
                rest_offset,
            });
        }
    }
    if flat {
        if let Some((n, ocr, rest_offset)) = flat_number(line) {
            // `P4 Kim`, `G Kim`: OCR's `.P4.` and `G.`, only as the number due.
            if ocr && (n != expected || !ocr_letters) {
                return None;
            }
            let rest = &line[rest_offset..];
            if n == expected || (n > expected && n <= expected + 3 && strong_text(rest)) {
                return Some(Start {
                    number: n,
                    marking: None,
                    rest_offset,
                });
            }
        }
    }
    if let Some(c) = OCR_DIGIT.captures(line).filter(|_| ocr_letters) {
        let rest_offset = c.get(0).unwrap().end();
        if ocr_digit(&c[1]) == Some(expected) && expected > 1 && strong_text(&line[rest_offset..]) {
            return Some(Start {
                number: expected,
                marking: None,
                rest_offset,
            });
        }
    }
    None
}

/// A bare number starting a relined line (`3 SUMMARY`), OCR's letter glued to it (`P4 Kim`),
/// or its 6 read as `G` (`G Kim then`): the number, whether OCR was read through, and where
/// the text after it begins.
fn flat_number(line: &str) -> Option<(u32, bool, usize)> {
    let b = line.as_bytes();
    let mut i = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    if b.get(i) == Some(&b'G')
        && b.get(i + 1) == Some(&b' ')
        && b.get(i + 2).is_some_and(u8::is_ascii_uppercase)
        && b.get(i + 3).is_some_and(u8::is_ascii_lowercase)
    {
        return Some((6, true, i + 2));
    }
    let glued = b.get(i).is_some_and(u8::is_ascii_uppercase);
    if glued {
        i += 1;
    }
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let n: u32 = line[i..i + digits].parse().ok()?;
    let after = i + digits;
    match b.get(after) {
        None => Some((n, glued, after)),
        Some(c) if c.is_ascii_whitespace() => {
            let rest = after
                + b[after..]
                    .iter()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
            Some((n, glued, rest))
        }
        _ => None,
    }
}

/// A short title line: few words, no closing punctuation, capitalized.
fn heading_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if t.len() < 3 || t.len() > 60 || words > 8 {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':', '-']) {
        return false;
    }
    let first = t.chars().next().unwrap();
    if !first.is_uppercase() {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters * 2 >= t.len()
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Blank,
    Header,
    Routing,
    Stamp,
    Text,
}

struct Builder {
    kind: ParagraphKind,
    number: Option<u32>,
    marking: Option<String>,
    heading: Option<String>,
    lines: Vec<String>,
    /// Whether a line of `lines` is a lettered subparagraph (`A. `): kept as lines come, so
    /// it is not asked of every line again at each line after.
    lettered: bool,
    span: Range<usize>,
    /// Lines of a numbered paragraph that open, after a blank line, with a portion marking of
    /// their own: where paragraphs whose numbers OCR lost may begin.
    breaks: Vec<Break>,
}

#[derive(Debug, Clone)]
struct Break {
    /// Index into `lines`.
    line: usize,
    /// Where the line begins in `Source::text`.
    start: usize,
    marking: String,
}

impl Builder {
    fn new(kind: ParagraphKind, span: Range<usize>) -> Self {
        Builder {
            kind,
            number: None,
            marking: None,
            heading: None,
            lines: Vec::new(),
            lettered: false,
            span,
            breaks: Vec::new(),
        }
    }

    fn push(&mut self, line: String) {
        self.lettered |= LETTERED.is_match(&line);
        self.lines.push(line);
    }
}

/// A portion marking opening a line (`(SBU) Upon learning of the incident`).
static MARKED_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(([A-Za-z/]{1,9})\)\s+\S").unwrap());

/// A numbered paragraph that ran on over paragraphs whose numbers OCR lost (`1. (SBU) ...`,
/// then `(SBU) Upon learning ...` and four more, then `7. (SBU) ...`): when the marked
/// paragraphs inside it fill the gap to the next number exactly, they are those numbers.
fn restore_lost_numbers(out: &mut Vec<Located>, held: Vec<(usize, Vec<String>, Vec<Break>)>) {
    // Back to front, so that the indices of the paragraphs still to split hold.
    for (i, lines, breaks) in held.into_iter().rev() {
        let Some(n) = out[i].paragraph.number else {
            continue;
        };
        let Some(m) = out[i + 1..].iter().find_map(|l| l.paragraph.number) else {
            continue;
        };
        if m <= n || (m - n - 1) as usize != breaks.len() {
            continue;
        }
        let first = out[i].clone();
        let mut pieces = Vec::with_capacity(breaks.len() + 1);
        let piece = |from: usize, to: usize, start: usize, end: usize| Located {
            paragraph: Paragraph {
                text: lines[from..to].join("\n").trim().to_string(),
                ..first.paragraph.clone()
            },
            span: start..end,
        };
        pieces.push(piece(0, breaks[0].line, first.span.start, breaks[0].start));
        for (k, b) in breaks.iter().enumerate() {
            let (to, end) = breaks
                .get(k + 1)
                .map_or((lines.len(), first.span.end), |x| (x.line, x.start));
            let mut p = piece(b.line, to, b.start, end);
            p.paragraph.number = Some(n + 1 + k as u32);
            p.paragraph.marking = Some(b.marking.clone());
            p.paragraph.heading = None;
            let text = &p.paragraph.text;
            let mark_end = text.find(')').map_or(0, |e| e + 1);
            p.paragraph.text = text[mark_end..].trim_start().to_string();
            pieces.push(p);
        }
        out.splice(i..=i, pieces);
    }
}

pub fn segment(src: &Source, layout: &Layout) -> Vec<Located> {
    let n = src.line_count();
    // Routing lines, found in one pass over the text.
    let mut routing = vec![false; n];
    for m in ROUTING_ANY.find_iter(&src.clean) {
        routing[src.line_of(m.start())] = true;
    }
    let classes: Vec<Class> = (0..n)
        .map(|l| {
            let clean = src.clean_line(l);
            if src.furniture_line[l] || clean.trim().is_empty() {
                Class::Blank
            } else if layout.header.contains(&l) {
                Class::Header
            } else if !src.masked_line(l).chars().any(char::is_alphanumeric) {
                Class::Stamp
            } else if routing[l] {
                Class::Routing
            } else {
                Class::Text
            }
        })
        .collect();

    let mut out: Vec<Located> = Vec::new();
    // Numbered paragraphs with marked lines inside: (index in `out`, lines, breaks).
    let mut held: Vec<(usize, Vec<String>, Vec<Break>)> = Vec::new();
    let mut cur: Option<Builder> = None;
    let mut expected = 1u32;
    let mut pending_heading: Option<String> = None;
    let mut blank_before = false;
    let flush = |cur: &mut Option<Builder>,
                 out: &mut Vec<Located>,
                 held: &mut Vec<(usize, Vec<String>, Vec<Break>)>| {
        if let Some(b) = cur.take() {
            let text = b.lines.join("\n").trim().to_string();
            if text.is_empty() && b.number.is_none() {
                return;
            }
            if !b.breaks.is_empty() {
                held.push((out.len(), b.lines, b.breaks));
            }
            out.push(Located {
                paragraph: Paragraph {
                    number: b.number,
                    marking: b.marking,
                    heading: b.heading,
                    kind: b.kind,
                    text,
                    page: None,
                },
                span: b.span,
            });
        }
    };

    for l in 0..n {
        let class = classes[l];
        let range = src.range(l);
        let clean = src.clean_line(l);
        if src.furniture_line[l] {
            continue;
        }
        if class == Class::Blank {
            blank_before = true;
            continue;
        }
        let may_number = layout.numbered_from.is_some_and(|from| l >= from);
        if class == Class::Text && may_number {
            let lettered = cur.as_ref().is_some_and(|b| b.lettered);
            if let Some(start) = numbered_in(clean, expected, !lettered, src.flat) {
                flush(&mut cur, &mut out, &mut held);
                let mut b = Builder::new(ParagraphKind::Body, range.clone());
                b.number = Some(start.number);
                b.marking = start.marking;
                b.heading = pending_heading.take();
                b.push(squash(&clean[start.rest_offset..]));
                expected = start.number + 1;
                cur = Some(b);
                blank_before = false;
                continue;
            }
            // A heading: a short title line with a numbered paragraph next.
            if heading_like(clean) && next_starts(src, &classes, l, expected) {
                flush(&mut cur, &mut out, &mut held);
                pending_heading = Some(squash(clean));
                blank_before = false;
                continue;
            }
        }
        let kind = match class {
            Class::Header => ParagraphKind::Header,
            Class::Routing => ParagraphKind::Routing,
            Class::Stamp => ParagraphKind::Stamp,
            _ => ParagraphKind::Body,
        };
        let joins = match &cur {
            None => false,
            Some(b) if b.number.is_some() => {
                // Numbered paragraphs run on past blank lines and margin stamps.
                matches!(kind, ParagraphKind::Body | ParagraphKind::Stamp)
            }
            Some(b) => b.kind == kind && (!blank_before || kind != ParagraphKind::Body),
        };
        if joins {
            let b = cur.as_mut().unwrap();
            if b.number.is_some() && blank_before && kind == ParagraphKind::Body {
                let marking = MARKED_START
                    .captures(clean)
                    .map(|c| c[1].to_ascii_uppercase())
                    .filter(|m| MARKING.is_match(m));
                if let Some(marking) = marking {
                    b.breaks.push(Break {
                        line: b.lines.len(),
                        start: range.start,
                        marking,
                    });
                }
            }
            b.push(squash(clean));
            b.span.end = range.end;
        } else {
            flush(&mut cur, &mut out, &mut held);
            let mut b = Builder::new(kind, range.clone());
            b.push(squash(clean));
            cur = Some(b);
        }
        blank_before = false;
    }
    flush(&mut cur, &mut out, &mut held);
    restore_lost_numbers(&mut out, held);
    if layout.signed {
        split_signature(&mut out);
    }
    out
}

fn next_starts(src: &Source, classes: &[Class], l: usize, expected: u32) -> bool {
    for (k, class) in classes.iter().enumerate().skip(l + 1).take(3) {
        match class {
            Class::Blank => continue,
            Class::Text => return numbered(src.clean_line(k), expected).is_some(),
            _ => return false,
        }
    }
    false
}

/// The sender's name closing a telegram (`PASCUAL`, `TALBOTT`, `BEST REGARDS-HIRSCH`) is its
/// own paragraph.
fn split_signature(paras: &mut Vec<Located>) {
    static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)(?:^|(?-u:\b)END\s+(?:COMMENT|SUMMARY|NOTE|TEXT)\.?\s+|REGARDS\s*-\s*)([A-Z][A-Z'\-]{2,}(?:\s+[A-Z][A-Z'\-]{2,}){0,2})\s*(?:NNNN)?\s*$")
            .unwrap()
    });
    let Some(last_numbered) = paras.iter().rposition(|p| p.paragraph.number.is_some()) else {
        return;
    };
    let p = &paras[last_numbered];
    let text = p.paragraph.text.clone();
    let Some(c) = SIGNOFF.captures(&text) else {
        return;
    };
    let name = c.get(1).unwrap();
    let words: Vec<&str> = name.as_str().split_whitespace().collect();
    // A name, not a shouted sentence: one to three words, the first line of its own or
    // repeated (`PASCUAL PASCUAL`).
    let on_own_line = text[..name.start()].ends_with('\n') || c.get(0).unwrap().start() > 0;
    if words.is_empty() || words.len() > 3 || !on_own_line {
        return;
    }
    let head = text[..name.start()].trim_end().to_string();
    if head.is_empty() {
        return;
    }
    let signature = Located {
        paragraph: Paragraph {
            number: None,
            marking: None,
            heading: None,
            kind: ParagraphKind::Signature,
            text: squash(name.as_str()),
            page: None,
        },
        span: p.span.end..p.span.end,
    };
    paras[last_numbered].paragraph.text = head;
    paras.insert(last_numbered + 1, signature);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_in_sequence_and_ocr() {
        assert_eq!(numbered("1. (SBU) Summary", 1).map(|s| s.number), Some(1));
        assert_eq!(
            numbered("1. (SBU) Summary", 1)
                .and_then(|s| s.marking)
                .as_deref(),
            Some("SBU")
        );
        assert_eq!(
            numbered("16 C The governor", 16).map(|s| s.number),
            Some(16)
        );
        assert_eq!(numbered(".P4. Kim responded", 4).map(|s| s.number), Some(4));
        assert_eq!(numbered("G. Kim then raised", 6).map(|s| s.number), Some(6));
        assert_eq!(
            numbered("10.(SBU) According to", 10).map(|s| s.number),
            Some(10)
        );
        assert_eq!(
            numbered("13.(SBU) Ambassador", 15).map(|s| s.number),
            Some(13)
        );
        assert_eq!(numbered("1.ASSIGNMENT:", 1).map(|s| s.number), Some(1));
        assert!(numbered("1.5 million people", 1).is_none());
        assert!(numbered("3. later", 9).is_none());
        assert_eq!(numbered("(5. (S) THE DEPUTY", 5).map(|s| s.number), Some(5));
        assert!(numbered("(1) the first point", 1).is_none());
        assert!(numbered_in("G. PROPOSED ITINERARY", 6, false, false).is_none());
        assert_eq!(
            numbered_in("3 SUMMARY ANDRES", 3, true, true).map(|s| s.number),
            Some(3)
        );
    }

    #[test]
    fn headings() {
        assert!(heading_like("BILATERAL TEAM CONCEPT"));
        assert!(heading_like("Kim's Trip to Moscow"));
        assert!(!heading_like("He said that this was."));
    }
}
