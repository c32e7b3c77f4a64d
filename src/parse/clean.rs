//! Text normalization shared by every parser stage: line endings, page breaks, control
//! characters, and the small OCR-tolerant comparisons the other stages use.

use std::sync::LazyLock;

use regex::Regex;

/// Line endings to `\n`, form feeds to page breaks (`\n`), a leading BOM dropped, NUL and
/// other control characters to spaces, trailing blanks trimmed from every line.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unescaped;
    let text = if text.contains("\\n") {
        unescaped = escaped_line_breaks(text);
        unescaped.as_str()
    } else {
        text
    };
    // Most text needs nothing but its trailing blanks trimmed.
    // (Substring searches, not a scan by characters: this runs on every file.)
    // A form feed (pdftotext's page break, in every page of a whole release) is a line break.
    let plain = !has_control(text.as_bytes())
        && (text.is_ascii()
            || !["\u{a0}", "\u{2028}", "\u{2029}", "\u{feff}"]
                .iter()
                .any(|c| text.contains(c)));
    if plain {
        let mut out = String::with_capacity(text.len());
        let mut start = 0;
        for end in memchr::memchr2_iter(b'\n', 0x0c, text.as_bytes()) {
            out.push_str(text[start..end].trim_end());
            out.push('\n');
            start = end + 1;
        }
        out.push_str(text[start..].trim_end());
        return out;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\x0c' | '\x0b' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\u{a0}' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // Trim trailing blanks on every line (OCR leaves them everywhere).
    let mut trimmed = String::with_capacity(out.len());
    for (i, line) in out.split('\n').enumerate() {
        if i > 0 {
            trimmed.push('\n');
        }
        trimmed.push_str(line.trim_end());
    }
    trimmed
}

/// The lines of `normalize(text)` on which a new page begins: the line after each form
/// feed (a form feed is a line break there). Empty when the text has no form feeds.
pub fn page_breaks(text: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    if !text.contains('\x0c') {
        return breaks;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut line = 0usize;
    // Lines end only at `\n` and form feeds in most text: count those alone.
    let bytes = text.as_bytes();
    if memchr::memchr2(b'\r', 0x0b, bytes).is_none()
        && !text.contains('\u{2028}')
        && !text.contains('\u{2029}')
    {
        for at in memchr::memchr2_iter(b'\n', 0x0c, bytes) {
            line += 1;
            if bytes[at] == 0x0c {
                breaks.push(line);
            }
        }
        return breaks;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() != Some(&'\n') => line += 1,
            '\n' | '\x0b' | '\u{2028}' | '\u{2029}' => line += 1,
            '\x0c' => {
                line += 1;
                breaks.push(line);
            }
            _ => {}
        }
    }
    breaks
}

/// The seed's shape: punctuation stripped and the whole document on one or a few lines.
/// Text exported with its line breaks written as `\n` (a CSV or JSON dump of cables:
/// `TAGS: PREL\nSUBJECT: ...`) gets them back; a `\n` before a lower-case letter (a path,
/// `C:\new`) is left alone.
fn escaped_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\n") {
        let after = rest[i + 2..].chars().next();
        let escaped = !rest[..i].ends_with('\\') && !after.is_some_and(|c| c.is_ascii_lowercase());
        out.push_str(&rest[..i]);
        out.push_str(if escaped { "\n" } else { "\\n" });
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

pub fn is_flat(text: &str) -> bool {
    let len = text.trim().len();
    // Flat: at most two lines holding anything in more than 150 bytes, or lines of more
    // than 600 bytes on average in 400 or more (`len / lines > 600`, that is `lines <=
    // len / 601`). Lines are counted only as far as that limit: most text has many.
    let limit = if len > 150 { 2 } else { 0 }.max(if len >= 400 { len / 601 } else { 0 });
    let lines = text
        .lines()
        .filter(|l| !is_blank(l))
        .take(limit + 1)
        .count()
        .max(1);
    lines <= limit
}

#[cfg(test)]
mod page_tests {
    use super::*;

    #[test]
    fn page_breaks_are_the_lines_after_form_feeds() {
        let text = "page one\r\nstill one\n\x0cpage two\x0c\x0cpage four\n";
        let norm = normalize(text);
        let lines: Vec<&str> = norm.split('\n').collect();
        let breaks = page_breaks(text);
        assert_eq!(breaks, vec![3, 4, 5]);
        assert_eq!(lines[3], "page two");
        assert_eq!(lines[5], "page four");
        assert!(page_breaks("no pages\n").is_empty());
        // Text whose lines end only at `\n` and form feeds (pdftotext's) is counted apart.
        assert_eq!(page_breaks("a\nb\x0cc\x0c\x0cd"), vec![2, 3, 4]);
        assert_eq!(page_breaks("a\u{2028}b\x0cc"), vec![2]);
    }

    #[test]
    fn squash_collapses_white_space_as_split_whitespace_does() {
        for s in [
            "one two",
            "  one   two\tthree\r\n",
            "a\x0bb\x0cc",
            "caf\u{e9}  au\u{a0}\u{a0}lait",
            "",
            "   ",
            "x",
        ] {
            let want: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(squash(s), want.join(" "), "{s:?}");
        }
    }

    #[test]
    fn flat_text_is_few_long_lines() {
        let word = "word ";
        for (lines, per_line) in [
            (1, 20),
            (1, 40),
            (2, 31),
            (3, 31),
            (3, 121),
            (2, 200),
            (5, 121),
            (5, 119),
            (40, 10),
            (0, 0),
        ] {
            let line = word.repeat(per_line);
            let text = vec![line.trim_end(); lines].join("\n\n");
            let len = text.trim().len();
            let n = text.lines().filter(|l| !is_blank(l)).count().max(1);
            let want = (n <= 2 && len > 150) || (len >= 400 && len / n > 600);
            assert_eq!(is_flat(&text), want, "{lines} lines of {per_line} words");
        }
    }

    #[test]
    fn within_edits_is_levenshtein_bounded() {
        let words = [
            "SECRET",
            "CECRET",
            "5ECRET",
            "SECRFT",
            "SEKRET",
            "ECRETS",
            "TERCES",
            "SECRETARY",
            "CONFIDENTIAL",
            "CONPIDENTIAL",
            "CONFIDENTAIL",
            "CONSIDERABLE",
            "UNCLASSIFIED",
            "UNCLASS1FIED",
            "DECLASSIFIED",
            "",
            "S",
            "SÉCRET",
            "CONFIDENCE",
        ];
        for a in words {
            for b in words {
                for k in 0..4 {
                    assert_eq!(
                        within_edits(a, b, k),
                        strsim::levenshtein(a, b) <= k,
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn blank_lines_are_white_space_as_trim_sees_it() {
        for line in ["", "  \t", "\u{a0} ", "\u{3000}", " \u{2003}\r"] {
            assert!(is_blank(line), "{line:?}");
            assert!(line.trim().is_empty());
        }
        for line in [" x", "\u{e9}", "  \u{a0}.", "\x01", " \u{2003}\u{e9}"] {
            assert!(!is_blank(line), "{line:?}");
            assert!(!line.trim().is_empty());
        }
    }
}

/// Whether `a` is at most `edits` single-character edits (Levenshtein) from `b`. Most words
/// asked are far from it, and say so by their bytes: the distance is at least how far apart the
/// lengths are, and at least how many letters of one the other lacks (the bag distance); only
/// a word within both bounds is measured.
pub fn within_edits(a: &str, b: &str, edits: usize) -> bool {
    // (Bytes are characters only in ASCII.)
    if !a.is_ascii() || !b.is_ascii() {
        return strsim::levenshtein(a, b) <= edits;
    }
    if a.len().abs_diff(b.len()) > edits {
        return false;
    }
    let mut counts = [0i32; 256];
    for &c in a.as_bytes() {
        counts[c as usize] += 1;
    }
    for &c in b.as_bytes() {
        counts[c as usize] -= 1;
    }
    let (surplus, lack) = counts.iter().fold((0usize, 0usize), |(s, l), &n| {
        (s + n.max(0) as usize, l + (-n).max(0) as usize)
    });
    if surplus.max(lack) > edits {
        return false;
    }
    strsim::levenshtein(a, b) <= edits
}

/// Similarity of two words for OCR-damaged matching (normalized Levenshtein, 0..1).
pub fn similar(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// `AMEMBASSY`, `ANENBASSY`, `AMEMBASSV` all read as the routing word they stand for.
pub fn fix_routing_word(word: &str) -> Option<&'static str> {
    const WORDS: &[&str] = &[
        "AMEMBASSY",
        "AMCONSUL",
        "USMISSION",
        "SECSTATE",
        "WASHDC",
        "SECDEF",
        "USDAO",
        "AMCONGEN",
        "USLO",
        "USINT",
        "COLLECTIVE",
        "IMMEDIATE",
        "PRIORITY",
        "ROUTINE",
    ];
    let upper = word.to_ascii_uppercase();
    if upper.len() < 5 {
        return None;
    }
    WORDS.iter().copied().find(|w| {
        *w == upper || (w.len() >= 6 && upper.len() + 1 >= w.len() && similar(w, &upper) >= 0.75)
    })
}

/// Collapse runs of white space to one space and trim.
pub fn squash(s: &str) -> String {
    let b = s.as_bytes();
    let ascii = s.is_ascii();
    // Already single-spaced: copy it. (Counted, not searched for: this runs on every line,
    // lines are short, and a count over every byte compiles to vector instructions without
    // the setup of four searches.)
    let simple = ascii
        && !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && b.iter()
            .map(|&c| matches!(c, b'\t'..=b'\r') as u32)
            .sum::<u32>()
            + b.iter()
                .zip(b.iter().skip(1))
                .map(|(&x, &y)| (x == b' ' && y == b' ') as u32)
                .sum::<u32>()
            == 0;
    if simple {
        return s.to_string();
    }
    if ascii {
        // ASCII white space is known by its byte (as `split_whitespace` has it).
        // One byte at a time into a buffer as long as the text (the result is no longer):
        // a run of white space becomes one space where a word follows it.
        let mut bytes = vec![0u8; b.len()];
        let mut n = 0;
        let mut gap = false;
        for &c in b {
            if matches!(c, b'\t'..=b'\r' | b' ') {
                gap = n > 0;
            } else {
                if gap {
                    bytes[n] = b' ';
                    n += 1;
                    gap = false;
                }
                bytes[n] = c;
                n += 1;
            }
        }
        bytes.truncate(n);
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `b` holds a control character other than a line break or a form feed. Folded
/// over blocks without an early exit, so the compiler can use vector instructions: this
/// runs over every file.
fn has_control(b: &[u8]) -> bool {
    b.chunks(64).any(|block| {
        block.iter().fold(false, |found, &c| {
            found | ((c < 0x20 && c != b'\n' && c != 0x0c) || c == 0x7f)
        })
    })
}

/// Whether a line is only white space, as `str::trim` sees it.
pub fn is_blank(line: &str) -> bool {
    let b = line.as_bytes();
    if b.iter().all(|&c| matches!(c, b'\t'..=b'\r' | b' ')) {
        return true;
    }
    // A printable ASCII character (or a control one, which is no white space) settles it.
    if b.iter()
        .any(|&c| c < 0x80 && !matches!(c, b'\t'..=b'\r' | b' '))
    {
        return false;
    }
    line.trim().is_empty()
}

/// A line of only OCR noise: no word of three letters or more.
pub fn is_noise(line: &str) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z]{3,}").unwrap());
    !WORD.is_match(line)
}

/// Replace the bytes of `range` with spaces, keeping line breaks, so offsets stay valid.
pub fn blank_out(buf: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut buf[range] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

/// Byte offsets of the start of each line.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_line_endings_and_page_breaks() {
        assert_eq!(normalize("\u{feff}a\r\nb \rc\x0cd\t"), "a\nb\nc\nd");
        assert_eq!(
            normalize("TAGS: PREL\\nSUBJECT: X"),
            "TAGS: PREL\nSUBJECT: X"
        );
        assert_eq!(normalize("C:\\new"), "C:\\new");
        // pdftotext's pages, form feeds and nothing else to undo (the quick path).
        assert_eq!(
            normalize("page one  \n\x0cpage two\x0c\x0cpage four \x0c"),
            "page one\n\npage two\n\npage four\n"
        );
    }

    #[test]
    fn routing_words_survive_ocr() {
        assert_eq!(fix_routing_word("ANENBASSY"), Some("AMEMBASSY"));
        assert_eq!(fix_routing_word("WiSHDC"), Some("WASHDC"));
        assert_eq!(fix_routing_word("MEXICO"), None);
    }

    #[test]
    fn flat_text_is_recognized() {
        let flat = "word ".repeat(300);
        assert!(is_flat(&flat));
        let lined = "a line of text\n".repeat(100);
        assert!(!is_flat(&lined));
    }
}
