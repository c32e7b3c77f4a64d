//! Reading text for facts: words with their offsets, sentences (or windows where the
//! punctuation was stripped), and numbers as OCR prints them (`5 200`, `11 %`, `two percent`,
//! `nine`).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Lower case; borrowed when the text has no capitals.
    pub lower: Cow<'a, str>,
    pub range: Range<usize>,
}

/// The days of the week, in lower case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words (letters, with inner apostrophes and hyphens), numbers (`5,200`, `1.3`, `$24`,
/// `4%`), and the marks that end clauses or items (`;` `:` `.` `!` `?` `--` `,`, a lone `%`).
pub fn tokens<'a>(text: &'a str) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token<'a>> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let push = |out: &mut Vec<Token<'a>>, a: usize, b: usize| {
        let t = &text[a..b];
        // ASCII, as most words are: its bytes say (and lower-case it as `to_lowercase` does).
        let lower = if t.is_ascii() {
            if t.bytes().any(|c| c.is_ascii_uppercase()) {
                Cow::Owned(t.to_ascii_lowercase())
            } else {
                Cow::Borrowed(t)
            }
        } else if t.chars().any(char::is_uppercase) {
            Cow::Owned(t.to_lowercase())
        } else {
            Cow::Borrowed(t)
        };
        out.push(Token {
            text: t,
            lower,
            range: a..b,
        });
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() || (b == b'$' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let a = i;
            i += 1;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() {
                    i += 1;
                } else if matches!(bytes[i], b'.' | b',')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    i += 2;
                } else {
                    break;
                }
            }
            if bytes.get(i) == Some(&b'%') {
                i += 1;
            }
            push(&mut out, a, i);
        } else if b.is_ascii_alphabetic() || b >= 0x80 {
            let c = text[i..].chars().next().unwrap();
            if !c.is_alphabetic() {
                i += c.len_utf8();
                continue;
            }
            let a = i;
            while i < bytes.len() {
                // ASCII letters, apostrophes and hyphens by their byte.
                if bytes[i].is_ascii_alphabetic() || matches!(bytes[i], b'\'' | b'-') {
                    i += 1;
                    continue;
                }
                if bytes[i] < 0x80 {
                    break;
                }
                let c = text[i..].chars().next().unwrap();
                if c.is_alphabetic()
                    || c == '\''
                    || c == '’'
                    || c == '-'
                    || (c as u32) >= 0x300 && (c as u32) < 0x370
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            // `U.S.`, `U.N.`, `D.C.`: initials with their stops are one word, and so are
            // the titles `Mr.`, `Dr.`, `Gen.`; a stop after them ends no sentence.
            if bytes.get(i) == Some(&b'.') {
                let word = &text[a..i];
                let initial = i - a == 1
                    && word.chars().all(|c| c.is_ascii_uppercase())
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_uppercase())
                    && bytes.get(i + 2) == Some(&b'.');
                if initial {
                    i += 1;
                    while i + 1 < bytes.len()
                        && bytes[i].is_ascii_uppercase()
                        && bytes[i + 1] == b'.'
                    {
                        i += 2;
                    }
                } else if ABBREVIATIONS.contains(&word)
                    || i - a == 1
                        && word.chars().all(|c| c.is_ascii_uppercase())
                        && bytes.get(i + 1) == Some(&b' ')
                        && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase())
                        && a > 0
                        && bytes[a - 1] == b' '
                        && a >= 2
                        && bytes[a - 2].is_ascii_alphabetic()
                {
                    // `Paul D. Wolfowitz`: a middle initial.
                    i += 1;
                }
            }
            push(&mut out, a, i);
        } else if matches!(b, b';' | b':' | b'.' | b'!' | b'?' | b'%' | b',' | b'&') {
            push(&mut out, i, i + 1);
            i += 1;
        } else if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
            push(&mut out, i, i + 2);
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// Titles written with a stop, kept with it in one word.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Lt", "Col", "St", "Amb", "Gov", "Sgt", "Capt",
    "Maj", "Adm", "Jr", "Sr", "Prof", "Pres", "No", "Nos", "Mt", "Ft", "MR", "DR", "GEN", "AMB",
];

/// Mostly capital letters: a telegram, or OCR of one.
pub fn shouting(text: &str) -> bool {
    // Counted without branches, in vector instructions: this runs on every paragraph.
    let bytes = text.as_bytes();
    let letters = bytes
        .iter()
        .map(|b| b.is_ascii_alphabetic() as u32)
        .sum::<u32>() as usize;
    let lower = bytes
        .iter()
        .map(|b| b.is_ascii_lowercase() as u32)
        .sum::<u32>() as usize;
    letters > 20 && lower * 10 < letters
}

/// Too little punctuation to find sentences by: the stripped shape.
pub fn stripped(text: &str) -> bool {
    // Counted pairwise, without branches or a value carried from byte to byte (a word
    // starts where a non-space follows a space, or starts the text), so the compiler uses
    // vector instructions: this runs on every paragraph.
    let bytes = text.as_bytes();
    let space = |b: u8| b.is_ascii_whitespace();
    let words = bytes.first().is_some_and(|&b| !space(b)) as usize
        + bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .map(|(&a, &b)| (space(a) & !space(b)) as u32)
            .sum::<u32>() as usize;
    let stops = bytes
        .iter()
        .map(|&b| matches!(b, b'.' | b',' | b';' | b':' | b'?' | b'!') as u32)
        .sum::<u32>() as usize;
    words > 30 && stops * 40 < words
}

/// Whether a sentence holds a number at all (digits, or a number word).
pub fn has_number(text: &str) -> bool {
    static WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(UNITS.iter().map(|(w, _)| *w).chain(["hundred", "thousand"]))
            .unwrap()
    });
    text.bytes().any(|b| b.is_ascii_digit()) || WORDS.is_match(text)
}

/// Sentence ranges of a paragraph; in stripped text (`flat`), the whole paragraph.
pub fn sentences(text: &str, flat: bool) -> Vec<Range<usize>> {
    if flat {
        return std::iter::once(0..text.len()).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (m_start, _) in sentence_breaks(text) {
        let cut = m_start + 1;
        let before = &text[start..m_start];
        let last_word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let abbreviation = last_word.len() <= 3
            && last_word.chars().next().is_some_and(|c| c.is_uppercase())
            && !text[m_start..].starts_with([';', '?', '!']);
        // `the Sept. 11 attacks`, `Capt. Smith`: an abbreviation, not a sentence's end.
        if abbreviation
            || matches!(
                last_word,
                "U.S"
                    | "U.N"
                    | "Mr"
                    | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "Gen"
                    | "Amb"
                    | "St"
                    | "No"
                    | "Sept"
                    | "Capt"
                    | "Prof"
                    | "Pres"
                    | "Govt"
                    | "Corp"
            )
        {
            continue;
        }
        out.push(start..cut);
        start = cut;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

/// Where a sentence may end, as `(start, end)` of the marks: a stop, `!`, `?` or `;`, closing
/// quotes or parentheses, white space and a capital or digit (`... killed. Five wounded`); a
/// blank line; a dash between spaces (` -- `). (The regex
/// `[.!?;]["'”’)]*\s+["“(]?[A-Z0-9]|\n\s*\n|\s--\s`, scanned by hand: it ran on every
/// paragraph and was the costliest step of extraction.)
fn sentence_breaks(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let mut out = Vec::new();
    let mut i = 0;
    // Only at a stop, a line break, or the space before ` -- ` can a sentence end: the
    // next of each is found by vector search (and kept until passed), not byte by byte.
    let mut next = [0usize; 3];
    let find = |kind: usize, from: usize| -> usize {
        let rest = b.get(from..).unwrap_or(&[]);
        let at = match kind {
            0 => memchr::memchr3(b'.', b'!', b'?', rest),
            1 => memchr::memchr2(b';', b'\n', rest),
            _ => memchr::memmem::find(rest, b"--").map(|p| p.saturating_sub(1)),
        };
        at.map_or(usize::MAX, |p| from + p)
    };
    for (kind, n) in next.iter_mut().enumerate() {
        *n = find(kind, 0);
    }
    while i < b.len() {
        for (kind, n) in next.iter_mut().enumerate() {
            if *n < i {
                *n = find(kind, i);
            }
        }
        i = *next.iter().min().unwrap();
        if i >= b.len() {
            break;
        }
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?' | b';') {
            let mut j = i + 1;
            loop {
                if j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
                    j += 1;
                } else if text[j..].starts_with(['”', '’']) {
                    j += 3;
                } else {
                    break;
                }
            }
            let spaces = j;
            while j < b.len() && ws(b[j]) {
                j += 1;
            }
            if j > spaces {
                let mut k = j;
                if k < b.len() && matches!(b[k], b'"' | b'(') {
                    k += 1;
                } else if text[k..].starts_with('“') {
                    k += 3;
                }
                if k < b.len() && (b[k].is_ascii_uppercase() || b[k].is_ascii_digit()) {
                    out.push((i, k + 1));
                    i = k + 1;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if c == b'\n' {
            let mut j = i + 1;
            let mut last = None;
            while j < b.len() && ws(b[j]) {
                if b[j] == b'\n' {
                    last = Some(j);
                }
                j += 1;
            }
            if let Some(l) = last {
                out.push((i, l + 1));
                i = l + 1;
                continue;
            }
        }
        if ws(c)
            && b.get(i + 1) == Some(&b'-')
            && b.get(i + 2) == Some(&b'-')
            && b.get(i + 3).is_some_and(|&x| ws(x))
        {
            out.push((i, i + 4));
            i += 4;
            continue;
        }
        i += 1;
    }
    out
}

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("dozen", 12.0),
];

fn word_value(w: &str) -> Option<f64> {
    if let Some((a, b)) = w.split_once('-') {
        let (x, y) = (word_value(a)?, word_value(b)?);
        return (x >= 20.0 && y < 10.0).then_some(x + y);
    }
    UNITS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

/// A number read from the tokens starting at `i`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    pub percent: bool,
    /// Tokens it spans, `[first, last]`.
    pub first: usize,
    pub last: usize,
    /// Written as digits (not a word).
    pub digits: bool,
}

/// The number at token `i`, if one starts there: `5 200` (a thousands separator lost to
/// OCR or stripping), `11 %`, `4%`, `two percent`, `twenty-one`, `1,300`, `2.5 million`.
pub fn number_at(toks: &[Token], i: usize) -> Option<Number> {
    let t = &toks[i];
    let mut last = i;
    let mut value;
    let digits;
    if t.text.starts_with(|c: char| c.is_ascii_digit()) {
        let raw = t.text.trim_end_matches('%');
        let clean = if raw.contains(',') {
            raw.replace(',', "")
        } else {
            raw.to_string()
        };
        value = clean.parse::<f64>().ok()?;
        digits = true;
        // `5 200`: one to three digits, then groups of exactly three.
        if raw.len() <= 3 && !raw.contains(['.', ',']) {
            let mut k = i + 1;
            while k < toks.len()
                && toks[k].text.len() == 3
                && toks[k].text.chars().all(|c| c.is_ascii_digit())
                && toks[k].range.start == toks[k - 1].range.end + 1
            {
                value = value * 1000.0 + toks[k].text.parse::<f64>().ok()?;
                last = k;
                k += 1;
            }
        }
    } else if t.lower == "a"
        // `a thousand people`, `a hundred`
        && toks
            .get(i + 1)
            .is_some_and(|n| matches!(n.lower.as_ref(), "thousand" | "hundred"))
    {
        value = 1.0;
        digits = false;
    } else {
        value = word_value(&t.lower)?;
        digits = false;
        if t.lower == "dozen" {
            // `a dozen` only
            if i == 0 || toks[i - 1].lower != "a" {
                return None;
            }
        }
    }
    let mut percent = t.text.ends_with('%');
    if let Some(next) = toks.get(last + 1) {
        if next.text == "%"
            || next.lower == "percent"
            || next.lower == "per" && toks.get(last + 2).is_some_and(|x| x.lower == "cent")
        {
            percent = true;
            last += if next.lower == "per" { 2 } else { 1 };
        } else if !digits && next.lower == "dozen" {
            // `three dozen people`
            value *= 12.0;
            last += 1;
        } else if matches!(next.lower.as_ref(), "hundred" | "thousand") {
            // `three hundred and nineteen`, `two thousand five hundred`: the words that
            // follow a multiplier add to it.
            let mut total = 0.0;
            let mut group = value;
            let mut k = last + 1;
            loop {
                match toks.get(k).map(|x| x.lower.as_ref()) {
                    Some("hundred") => {
                        group *= 100.0;
                        last = k;
                        k += 1;
                    }
                    Some("thousand") => {
                        total += group * 1000.0;
                        group = 0.0;
                        last = k;
                        k += 1;
                    }
                    _ if digits => break,
                    Some(w) => {
                        // `hundred and nineteen`, `thousand five hundred`
                        let skip = usize::from(w == "and");
                        let Some(v) = toks
                            .get(k + skip)
                            .and_then(|x| word_value(&x.lower))
                            .filter(|&v| v < 100.0 && v != 12.0)
                        else {
                            break;
                        };
                        group += v;
                        last = k + skip;
                        k += skip + 1;
                    }
                    None => break,
                }
            }
            value = total + group;
        }
    }
    Some(Number {
        value,
        percent,
        first: i,
        last,
        digits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(f64, bool)> {
        let t = tokens(s);
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if let Some(n) = number_at(&t, i) {
                out.push((n.value, n.percent));
                i = n.last + 1;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(read("Three hundred and nineteen persons"), [(319.0, false)]);
        assert_eq!(read("nearly three dozen people"), [(36.0, false)]);
        assert_eq!(read("two thousand five hundred troops"), [(2500.0, false)]);
        assert_eq!(read("a hundred and fifty"), [(150.0, false)]);
        assert_eq!(read("5 hundred and 3 more"), [(500.0, false), (3.0, false)]);
        assert_eq!(read("two hundred and seventy-five"), [(275.0, false)]);
    }

    #[test]
    fn numbers_as_printed() {
        assert_eq!(read("from 11 % to 4%"), [(11.0, true), (4.0, true)]);
        assert_eq!(read("trains 7 000 applicants"), [(7000.0, false)]);
        assert_eq!(read("5 200 troops"), [(5200.0, false)]);
        assert_eq!(
            read("from two percent to seven percent"),
            [(2.0, true), (7.0, true)]
        );
        assert_eq!(
            read("killing 16 civilians, including 9 children, three women"),
            [(16.0, false), (9.0, false), (3.0, false)]
        );
        assert_eq!(
            read("1,300 people and twenty-one others"),
            [(1300.0, false), (21.0, false)]
        );
        assert_eq!(
            read("in 2008 200 people"),
            [(2008.0, false), (200.0, false)]
        );
    }

    #[test]
    fn sentences_and_shapes() {
        let s = "He left. The U.S. side met Mr. Kim; they agreed. Then -- silence";
        let parts: Vec<&str> = sentences(s, false)
            .into_iter()
            .map(|r| s[r].trim())
            .collect();
        assert_eq!(
            parts,
            [
                "He left.",
                "The U.S. side met Mr. Kim; they agreed.",
                "Then",
                "-- silence"
            ]
        );
        assert!(shouting("THE DEPUTY SECRETARY MET THE MINISTER ON TUESDAY"));
        assert!(stripped(&"word ".repeat(50)));
    }
}
