//! Release and review stamps: the release status (`RELEASE IN PART`), every withholding and
//! classification code wherever it stands (`B1`, `B7(E)`, `(b)(6)`, `1.4(B)`, `1 4 B D`,
//! `1.5(b) (d)`, `1.6(X5)`, `25X6`, and `131` misread for `B1` inside a stamp), and the
//! reviewer's stamps (`Classified by DAS, A/GIS, DoS on ... Class: ... Declassify on: ...`).
//!
//! Codes are normalized as the gold format wants them: `b1`, `b7(e)`, `1.4(b)`, `25x6`.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::classification;
use super::dates;
use crate::model::ReleaseStatus;

#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub code: String,
    pub raw: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewDate {
    /// `review` (the reviewer's action), `review_declassify_on`, `classification_extended`.
    pub kind: &'static str,
    pub date: NaiveDate,
    pub raw: String,
    pub range: Range<usize>,
}

#[derive(Debug, Default)]
pub struct Stamps {
    pub status: Option<ReleaseStatus>,
    pub codes: Vec<Code>,
    /// `Class:` of a reviewer's (re)classification stamp.
    pub reviewer_class: Option<&'static str>,
    /// `Class:` of a `Classification Extended` stamp: not the original classification.
    pub extended_class: Option<&'static str>,
    pub reviewer: Option<String>,
    pub review_dates: Vec<ReviewDate>,
    /// Every byte range that is stamp text, for masking before header parsing.
    pub spans: Vec<Range<usize>>,
}

static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\[(|]?(?-u:\b)RELEASED?\s+IN\s+(FULL|PART)[A-Z1|\]]?|(?-u:\b)(?:DENIED|DENY)\s+IN\s+FULL(?-u:\b)|(?-u:\b)RELEASE\s+DENIED(?-u:\b)")
        .unwrap()
});
static FOIA_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(b\)\s?\(([1-9])\)(?:\s?\(([a-f])\))?").unwrap());
static FOIA_B: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)B([1-9])(?:\s?\(([A-F])[)\]]?|\s([A-F]))?(?-u:\b)(?:\s+CIA\s+PERS\s?/?\s?ORG(?-u:\b))?")
        .unwrap()
});
static X_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(25|50)\s?X\s?([1-9])(?:\s?-\s?(HUM|WMD))?(?-u:\b)").unwrap()
});
/// `1.4`, `1 4`, `01 4`, `1.5`: a section number with something between its two digits;
/// glued (`14B`, `14(B)`) only when the letter follows at once, since `16 C` is paragraph 16
/// marked Confidential.
/// (Searched only where a section may start: `eo_section_matches`.)
const EO_SECTION: &str = r"(?:^|[^\w.])(0?1(?:\s?[.,]\s?|\s)([4-6])|0?1([4-6])[(A-Ha-h])";
static STAMP_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\[(]?(?-u:\b)(?:DECLASSIFIED|DECONTROLLED|DECAPTIONED)(?-u:\b)[\]1I)]?").unwrap()
});
static STAMP_131: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)131(?-u:\b)").unwrap());
static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:Portions\s+)?(?:Re)?classified\s+by\s+[^\n]{0,40}?(?-u:\b)(?-i:DoS)(?-u:\b)\s+on(?:\s*:?\s*([0-9][0-9/. \-]{5,10}[0-9]))?",
        r"|Classification\s+Extended\s+on\s*:?(?:\s*([0-9][0-9/. \-]{5,10}[0-9]))?",
    ))
    .unwrap()
});
static REVIEW_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}").unwrap());
static REVIEW_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)Class\s*:?\s").unwrap());
static REVIEW_REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)Reason\s*:?|(?-u:\b)Authority\s*:\s*[A-Z]+\s*[\d\-]*").unwrap()
});
static REVIEW_DECLASSIFY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)Declassify\s+on\s*:?\s*([0-9][0-9/. \-]{5,10}[0-9])").unwrap()
});
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)Declassification\s+Authority\s*:?\s*([^\n]*?)\s*(?:\n\s*)?([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})?$",
        r"|REVIEW\s+AUTHORITY\s*:?\s*(.{0,60}?Reviewer)(?-u:\b)",
    ))
    .unwrap()
});

pub fn find(text: &str) -> Stamps {
    let mut s = Stamps::default();

    // Release status: the first stamp decides; a split stamp (`RELEASE IN` / `PART B6`) reads
    // as one because furniture between its halves is already blanked.
    // Each pattern runs only where its key word occurs at all (a memchr-fast test); where it
    // does not, it is given no text. (A filter on the matches would still run the search.)
    let has = |w: &str| text.contains(w);
    let has_ci = |w: &str| contains_ignore_ascii_case(text.as_bytes(), w.as_bytes());
    let release = has("RELEASE") || has("DEN");
    for m in RELEASE.captures_iter(if release { text } else { "" }) {
        let whole = m.get(0).unwrap();
        s.spans.push(whole.range());
        if s.status.is_none() {
            s.status = Some(match m.get(1).map(|g| g.as_str()) {
                Some("FULL") => ReleaseStatus::Full,
                Some(_) => ReleaseStatus::Part,
                None => ReleaseStatus::Denied,
            });
        }
    }

    let paren = has("(b)") || has("(B)");
    for c in FOIA_PAREN.captures_iter(if paren { text } else { "" }) {
        let sub = c.get(2).filter(|_| &c[1] == "7");
        s.push_code(
            foia(&c[1], sub.map(|g| g.as_str())),
            c.get(0).unwrap(),
            text,
        );
    }
    for c in FOIA_B.captures_iter(text) {
        let sub = c.get(2).or(c.get(3)).filter(|_| &c[1] == "7");
        let whole = c.get(0).unwrap();
        // `B7 E`: the letter belongs to the code only for b7.
        let raw_end = if sub.is_none() && c.get(3).is_some() {
            c.get(1).unwrap().end()
        } else {
            whole.end()
        };
        s.codes.push(Code {
            code: foia(&c[1], sub.map(|g| g.as_str())),
            raw: text[whole.start()..raw_end].to_string(),
            range: whole.start()..raw_end,
        });
        s.spans.push(whole.start()..raw_end);
    }
    let x = has_ci("x");
    for c in X_CODE.captures_iter(if x { text } else { "" }) {
        let code = match c.get(3) {
            Some(tail) => format!("{}x{}-{}", &c[1], &c[2], tail.as_str().to_lowercase()),
            None => format!("{}x{}", &c[1], &c[2]),
        };
        s.push_code(code, c.get(0).unwrap(), text);
    }
    eo_codes(text, &mut s);
    if has("131") {
        misread_b1(text, &mut s);
    }
    for m in STAMP_WORDS.find_iter(text) {
        s.spans.push(m.range());
    }
    let authority = has_ci("authority");
    if has_ci("lassif") || authority {
        review_stamps(text, authority, &mut s);
    }

    s.codes.sort_by_key(|c| c.range.start);
    s.codes
        .dedup_by(|a, b| a.range == b.range && a.code == b.code);
    s
}

/// Where `EO_SECTION` may match in `text`: the places of a `1` (or `01`) that starts the
/// text or follows no word character or `.`, and stands before a section digit as the
/// pattern has it (`1.4`, `1 5`, `1 . 6`, `14(`, `14B`); each as the offset a match would
/// start at (the character before, which the pattern takes, or 0). Most texts hold none (the
/// `1` of `2011 4:56 PM` follows a digit), and where they do the pattern is tried there
/// alone: it has no literal to look for first, and read every byte of every text.
fn eo_section_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let section = |c: char| ('4'..='6').contains(&c);
    let sep = |c: char| c == '.' || c == ',';
    // A character outside ASCII may or may not be a word character: let the pattern say.
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'1', bytes).filter_map(move |at| {
        let start = if at > 0 && bytes[at - 1] == b'0' {
            at - 1
        } else {
            at
        };
        if start > 0 && word(bytes[start - 1]) {
            return None;
        }
        // `1` is ASCII: what follows starts a character.
        let mut next = ['\0'; 4];
        for (slot, c) in next.iter_mut().zip(text[at + 1..].chars()) {
            *slot = c;
        }
        let space = char::is_whitespace; // `\s`: Unicode White_Space, as the pattern's
        let shaped = match next {
            [a, b, ..]
                if section(a) && (b == '(' || ('A'..='H').contains(&b.to_ascii_uppercase())) =>
            {
                true
            }
            [a, b, ..] if (space(a) || sep(a)) && section(b) => true,
            [a, b, c, _] if ((space(a) && sep(b)) || (sep(a) && space(b))) && section(c) => true,
            [a, b, c, d] => space(a) && sep(b) && space(c) && section(d),
        };
        // The character before `start`, which `[^\w.]` takes (`^` takes none at 0).
        let before = (0..start)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        shaped.then_some(before)
    })
}

#[cfg(test)]
fn may_hold_eo_section(text: &str) -> bool {
    eo_section_starts(text).next().is_some()
}

/// `EO_SECTION`'s matches, as its `captures_iter` finds them, found by trying it only where
/// `eo_section_starts` says a match may start: a match starts at one of them, and at the
/// leftmost one where it does, an anchored search prefers what the unanchored one would.
fn eo_section_matches(text: &str) -> Vec<regex_automata::util::captures::Captures> {
    use regex_automata::{Anchored, Input};
    static PATTERN: LazyLock<regex_automata::meta::Regex> =
        LazyLock::new(|| regex_automata::meta::Regex::new(EO_SECTION).unwrap());
    let mut out = Vec::new();
    let mut free_from = 0;
    let mut last_tried = None;
    let mut caps = PATTERN.create_captures();
    for at in eo_section_starts(text) {
        if at < free_from || last_tried == Some(at) {
            continue;
        }
        last_tried = Some(at);
        PATTERN.search_captures(
            &Input::new(text).range(at..).anchored(Anchored::Yes),
            &mut caps,
        );
        if let Some(m) = caps.get_match() {
            // An empty match cannot happen (a digit is needed), but would loop nowhere.
            free_from = m.end().max(at + 1);
            out.push(caps.clone());
        }
    }
    out
}

/// Whether `hay` holds `needle`, ASCII case aside: the places its first letter stands (in
/// either case) found with memchr, the rest compared there.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay).any(|at| {
        hay.get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

impl Stamps {
    fn push_code(&mut self, code: String, m: regex::Match, text: &str) {
        self.codes.push(Code {
            code,
            raw: text[m.range()].to_string(),
            range: m.range(),
        });
        self.spans.push(m.range());
    }
}

fn foia(n: &str, sub: Option<&str>) -> String {
    match sub {
        Some(letter) => format!("b{n}({})", letter.to_ascii_lowercase()),
        None => format!("b{n}"),
    }
}

/// `1.4(B)`, `1.4(B), 1.4(D)`, `1 4 B D`, `1.5(b) (d)`, `1.5 (B,D)`, `1.5\n(B) & (D)`,
/// `1.6(X5) and (X6)`, OCR `1.4(Dy`: a section followed by one or more letters.
fn eo_codes(text: &str, s: &mut Stamps) {
    let bytes = text.as_bytes();
    for c in eo_section_matches(text) {
        let sec = c.get_group(1).unwrap();
        let (section, mut pos) = match c.get_group(2) {
            Some(g) => (&text[g.range()], sec.end),
            None => (&text[c.get_group(3).unwrap().range()], sec.end - 1),
        };
        let mut letters: Vec<(String, usize)> = Vec::new();
        loop {
            let mut p = pos;
            // separators: white space, commas, ampersands, `and`
            let mut saw_sep = false;
            while p < bytes.len() {
                match bytes[p] {
                    b' ' | b'\n' | b',' | b'&' | b';' => {
                        p += 1;
                        saw_sep = true;
                    }
                    b'a' | b'A'
                        if text[p..]
                            .get(..4)
                            .is_some_and(|w| w.eq_ignore_ascii_case("and ")) =>
                    {
                        p += 4;
                        saw_sep = true;
                    }
                    _ => break,
                }
            }
            let _ = saw_sep;
            let open = p < bytes.len() && bytes[p] == b'(';
            if open {
                p += 1;
            }
            let Some((letter, mut q)) = eo_letter(text, p, section) else {
                break;
            };
            let mut closed = false;
            // `)`, or what OCR makes of it after an opening paren: `(Dy`, `(D|`, `(Dl`.
            let closer = q < bytes.len()
                && (matches!(bytes[q], b')' | b']')
                    || (open && matches!(bytes[q], b'y' | b'|' | b'l')));
            if closer {
                q += 1;
                closed = true;
            }
            // `(B,D)`: the first letter's paren closes after the last one.
            let next_ok = q >= bytes.len()
                || !bytes[q].is_ascii_alphanumeric()
                || (closed && !bytes[q].is_ascii_alphabetic());
            if !next_ok {
                break;
            }
            // Beyond the first letter, stop where a new paragraph number or word begins.
            if !letters.is_empty() && p - pos > 12 {
                break;
            }
            letters.push((letter, q));
            pos = q;
        }
        if let Some(&(_, end)) = letters.last() {
            let range = sec.start..end;
            for (letter, _) in &letters {
                s.codes.push(Code {
                    code: format!("1.{section}({letter})"),
                    raw: text[range.clone()].trim().to_string(),
                    range: range.clone(),
                });
            }
            s.spans.push(range);
        }
    }
}

fn eo_letter(text: &str, p: usize, section: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(p)?;
    let up = b.to_ascii_uppercase();
    if section == "6" && up == b'X' {
        let d = *bytes.get(p + 1)?;
        if (b'1'..=b'9').contains(&d) {
            return Some((format!("x{}", d as char), p + 2));
        }
        return None;
    }
    let max = if section == "4" { b'H' } else { b'G' };
    if (b'A'..=max).contains(&up) {
        Some(((up as char).to_ascii_lowercase().to_string(), p + 1))
    } else {
        None
    }
}

/// `131` is how OCR reads `B1` in a stamp: only where the line is a list of codes or follows
/// a release stamp.
fn misread_b1(text: &str, s: &mut Stamps) {
    for m in STAMP_131.find_iter(text) {
        let line_start = text[..m.start()].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text[m.end()..]
            .find('\n')
            .map(|i| m.end() + i)
            .unwrap_or(text.len());
        let before = &text[line_start..m.start()];
        let in_stamp = before.contains("RELEASE") && before.contains("IN PART");
        let others_are_codes = s
            .codes
            .iter()
            .any(|c| c.range.start >= line_start && c.range.end <= line_end);
        let line = text[line_start..line_end].trim();
        let alone = line == "131";
        let near = s
            .codes
            .iter()
            .any(|c| c.range.end <= m.start() && m.start() - c.range.end <= 3)
            || s.codes
                .iter()
                .any(|c| c.range.start >= m.end() && c.range.start - m.end() <= 3);
        if in_stamp || (alone && others_are_codes) || near {
            s.codes.push(Code {
                code: "b1".into(),
                raw: "131".into(),
                range: m.range(),
            });
            s.spans.push(m.range());
        }
    }
}

/// `authority`: whether the text says `authority` (the key word of `AUTHORITY`).
fn review_stamps(text: &str, authority: bool, s: &mut Stamps) {
    // Key words of each pattern: a review stamp names `DoS` (in its case) or says
    // `Extended`; an authority line says `authority`.
    let review = text.contains("DoS") || contains_ignore_ascii_case(text.as_bytes(), b"extended");
    for c in REVIEW.captures_iter(if review { text } else { "" }) {
        let whole = c.get(0).unwrap();
        let extended = whole
            .as_str()
            .to_ascii_lowercase()
            .starts_with("classification");
        let end = whole.end();
        // The date follows at once, or (in a column beside other text) on the next line.
        let date_range = c.get(1).or(c.get(2)).map(|m| m.range()).or_else(|| {
            let hi = floor(text, (whole.end() + 160).min(text.len()));
            REVIEW_DATE
                .find(&text[whole.end()..hi])
                .map(|m| whole.end() + m.start()..whole.end() + m.end())
        });
        if let Some(range) = date_range {
            let raw = &text[range.clone()];
            if let Some(date) = dates::numeric(raw) {
                s.review_dates.push(ReviewDate {
                    kind: if extended {
                        "classification_extended"
                    } else {
                        "review"
                    },
                    date,
                    raw: raw.to_string(),
                    range: range.clone(),
                });
                s.spans.push(range);
            }
        }
        // The stamp's parts may stand on lines shared with another column of text (a
        // subject, a schedule): each part is masked by itself, never the text between.
        let window_end = floor(text, (whole.end() + 400).min(text.len()));
        let window = &text[whole.end()..window_end];
        if let Some(cm) = REVIEW_CLASS.find(window) {
            let after_start = whole.end() + cm.end();
            let after_end = floor(text, (after_start + 200).min(text.len()));
            s.spans.push(whole.end() + cm.start()..after_start);
            if let Some((class, r)) = classification::find_word(&text[after_start..after_end]) {
                if extended {
                    s.extended_class.get_or_insert(class);
                } else {
                    s.reviewer_class.get_or_insert(class);
                }
                s.spans.push(after_start + r.start..after_start + r.end);
            }
        }
        for m in REVIEW_REASON.find_iter(window) {
            s.spans.push(whole.end() + m.start()..whole.end() + m.end());
        }
        if let Some(d) = REVIEW_DECLASSIFY.captures(window) {
            let g = d.get(1).unwrap();
            if let Some(date) = dates::numeric(g.as_str()) {
                s.review_dates.push(ReviewDate {
                    kind: "review_declassify_on",
                    date,
                    raw: g.as_str().to_string(),
                    range: whole.end() + g.start()..whole.end() + g.end(),
                });
            }
            let m = d.get(0).unwrap();
            s.spans.push(whole.end() + m.start()..whole.end() + m.end());
        }
        s.spans.push(whole.start()..end);
    }
    for c in AUTHORITY.captures_iter(if authority { text } else { "" }) {
        let whole = c.get(0).unwrap();
        let who = c.get(1).or(c.get(3)).map(|g| g.as_str().trim().to_string());
        if let Some(who) = who.filter(|w| !w.is_empty()) {
            s.reviewer.get_or_insert(who);
        }
        s.spans.push(whole.range());
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick test for E.O. sections says yes wherever the pattern matches (here, in
    /// every shape the pattern reads, with odd spaces), and no for text without them.
    /// The E.O. section pattern as the `regex` crate searches it, over the whole text.
    static EO_SECTION_EVERYWHERE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(EO_SECTION).unwrap());

    #[test]
    fn eo_section_test_passes_every_section() {
        let shapes = [
            "1.4(B)",
            "1.4(B), 1.4(D)",
            "1 4 B D",
            "1.5(b) (d)",
            "1.5 (B,D)",
            "1.5\n(B) & (D)",
            "1.6(X5)",
            "14(B)",
            "14D",
            "015(c)",
            "1 .4",
            "1, 5",
            "1 , 6",
            "1\u{a0}4",
            "1\u{3000}.\u{2009}5",
            "E.O. 12958, sec. 1.4(b)",
            " 01.4(B)",
            "—1.4(B)",
        ];
        for t in shapes {
            assert!(may_hold_eo_section(t), "{t:?}");
        }
        for t in [
            "Sent: March 15, 2011 4:56 PM",
            "2014",
            "no digits",
            "1.7(a)",
            "17B",
            "x1.4",
            "v.1.4",
            "101 4",
            "_14B",
            "(01 4",
        ] {
            assert_eq!(
                may_hold_eo_section(t),
                EO_SECTION_EVERYWHERE.is_match(t),
                "{t:?}"
            );
        }
        assert!(!may_hold_eo_section(
            "no section here: 2011 3:30 PM, room 112"
        ));
    }

    #[test]
    fn eo_sections_are_found_where_the_pattern_finds_them() {
        let texts = [
            "1.4(B)",
            "E.O. 12958, sec. 1.4(b), 1.4(d) and 01.5(c); 1 4 B D",
            "x1.4 v.1.4 101 4 _14B (01 4 1.7(a) 17B",
            "Reason: 1.4 (B), (D)\n1.5\n(B) & (D)\n—1.4(B) é1.4(C) \u{a0}1\u{a0}4",
            "1 .4 1, 5 1 , 6 14(B) 14D 015(c) 1\u{3000}.\u{2009}5",
            "Sent: March 15, 2011 4:56 PM, room 112; 1.4(B)1.4(C) 1.4(B) 1.4(C)",
        ];
        for t in texts {
            let want: Vec<(usize, usize, Option<usize>, Option<usize>)> = EO_SECTION_EVERYWHERE
                .captures_iter(t)
                .map(|c| {
                    let m = c.get(0).unwrap();
                    (
                        m.start(),
                        m.end(),
                        c.get(2).map(|g| g.start()),
                        c.get(3).map(|g| g.start()),
                    )
                })
                .collect();
            let got: Vec<(usize, usize, Option<usize>, Option<usize>)> = eo_section_matches(t)
                .iter()
                .map(|c| {
                    let m = c.get_match().unwrap();
                    (
                        m.start(),
                        m.end(),
                        c.get_group(2).map(|g| g.start),
                        c.get_group(3).map(|g| g.start),
                    )
                })
                .collect();
            assert!(!want.is_empty(), "{t:?}");
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn key_words_are_found_in_either_case() {
        let hay = b"Declassified by DoS on 2014; REVIEW AUTHORITY: Reviewer";
        assert!(contains_ignore_ascii_case(hay, b"lassif"));
        assert!(contains_ignore_ascii_case(hay, b"uthority"));
        assert!(contains_ignore_ascii_case(hay, b"REVIEWER"));
        assert!(!contains_ignore_ascii_case(hay, b"releASE"));
        assert!(!contains_ignore_ascii_case(b"Review", b"Reviewer"));
    }

    fn codes(text: &str) -> Vec<String> {
        let mut v: Vec<String> = find(text).codes.into_iter().map(|c| c.code).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn stamp_with_codes() {
        assert_eq!(
            codes("RELEASE IN PART\nB1,1.4(B),1.4(D)"),
            ["1.4(b)", "1.4(d)", "b1"]
        );
        assert_eq!(find("[RELEASE IN FULLI").status, Some(ReleaseStatus::Full));
    }

    #[test]
    fn stripped_codes() {
        assert_eq!(
            codes("RELEASED IN PART FM AMEMBASSY MEXICO 1 4 B B1 B7 E 1 4 D TO SECSTATE"),
            ["1.4(b)", "1.4(d)", "b1", "b7(e)"]
        );
        assert_eq!(
            codes("CLASSIFIED BY Carlos Pascual REASON 1 4 B D 1 SBU SUMMARY"),
            ["1.4(b)", "1.4(d)"]
        );
    }

    #[test]
    fn reason_lists() {
        assert_eq!(codes("Reason 1.5(b) (d)"), ["1.5(b)", "1.5(d)"]);
        assert_eq!(codes("REASONS: 1.5 (B,D)"), ["1.5(b)", "1.5(d)"]);
        assert_eq!(codes("REASON: 1.5\n(B) & (D)"), ["1.5(b)", "1.5(d)"]);
        assert_eq!(
            codes("REASON 1.5(D), 1.6(X5) and (X6)."),
            ["1.5(d)", "1.6(x5)", "1.6(x6)"]
        );
        assert_eq!(
            codes("RELEASE IN PART 1.4(B),B1,1.4(Dy"),
            ["1.4(b)", "1.4(d)", "b1"]
        );
    }

    #[test]
    fn paragraph_number_with_marking_is_not_a_code() {
        assert_eq!(
            codes("16 C 131 1 4 D B7 E U S D participants"),
            ["1.4(d)", "b1", "b7(e)"]
        );
        assert_eq!(codes("REASONS:\n1.5 (B) AND (D)."), ["1.5(b)", "1.5(d)"]);
        assert_eq!(codes("stamped 14B and 14(D)"), ["1.4(b)", "1.4(d)"]);
    }

    #[test]
    fn foia_forms() {
        assert_eq!(
            codes("B7(E),B7(C),B7(F),B6"),
            ["b6", "b7(c)", "b7(e)", "b7(f)"]
        );
        assert_eq!(codes("RELEASE IN PART B3 CIA\nPERS/ORG,B6"), ["b3", "b6"]);
        assert_eq!(
            codes("withheld under (b)(6) and (b)(7)(C)"),
            ["b6", "b7(c)"]
        );
        assert_eq!(
            codes("1.4(B),B1,25X6,1.4(D)"),
            ["1.4(b)", "1.4(d)", "25x6", "b1"]
        );
        assert_eq!(codes("SAID THAT HE WOULD. B1 BE AT"), ["b1"]);
    }

    #[test]
    fn misread_b1_only_in_a_stamp() {
        assert_eq!(codes("RELEASE IN PART 131 1 4 D"), ["1.4(d)", "b1"]);
        assert_eq!(codes("there were 131 cases"), Vec::<String>::new());
    }

    #[test]
    fn split_release_stamp() {
        assert_eq!(
            find("RELEASE IN\n                 \n     PART B6").status,
            Some(ReleaseStatus::Part)
        );
    }

    #[test]
    fn reviewer_stamp() {
        let s = find("Classified by DAS, A/GIS, DoS on 12/31/2015 — Class: CONFIDENTIAL — Reason: 1.4(B), 1.4(D) —\nDeclassify on: 09/18/2026");
        assert_eq!(s.reviewer_class, Some("CONFIDENTIAL"));
        assert!(s
            .review_dates
            .iter()
            .any(|d| d.kind == "review_declassify_on"
                && d.date == NaiveDate::from_ymd_opt(2026, 9, 18).unwrap()));
        let s =
            find("Classification Extended on : 06/18/2019 - Class:\nSECRET - Authority: DSCG 11-1");
        assert_eq!(s.extended_class, Some("SECRET"));
        assert_eq!(s.reviewer_class, None);
    }
}
