//! An email's `Sent:` date where OCR damaged it, read from what is left and checked against
//! what else the release says.
//!
//! pdftotext drops letters (`Se tember`, `Februa`, `Janua`, `Wednesda`, `A ril`), misreads
//! digits (`201i`, `2d12`, `2. 11`) and loses whole stretches (`Friday, F          10 12:13
//! AM`). What is left are clues: a weekday, the letters of a month, a day, some digits of the
//! year. A date is read from them only when the clues settle it:
//! - a month is a month whose name holds the letters left, in order, from its first letter
//!   (the letters OCR drops), or one OCR letter away from it (`Aucust`, `Decemoer`);
//! - a year agrees with the digits left (`201?`, `2?12`), and the printed weekday picks the
//!   one year where the day falls on it;
//! - the date is not after the release banner's date, nor before the messages the email
//!   quotes (the thread), nor more than a month after them; where the day or month is lost, the first day after the thread's
//!   last message that fits every clue is taken.
//!
//! A date that needs any repair is kept only when the weekday agrees with it; without a
//! weekday only a date whose month, day and year are all readable is kept.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
/// The earliest year an email in a release can carry.
const FIRST_YEAR: i32 = 1990;
/// How long after the last message it quotes a repaired date may fall.
const THREAD_DAYS: i64 = 31;

/// What a damaged `Sent:` value still says.
#[derive(Debug, Default, PartialEq)]
pub struct Clues {
    pub weekday: Option<Weekday>,
    /// Months the letters left can be, with the OCR edits each needs (0 when the letters are
    /// the name with some dropped).
    pub months: Vec<(u32, u32)>,
    /// Whether any letters of a month were left at all.
    pub month_read: bool,
    /// The month is printed whole, or as its usual abbreviation.
    pub month_whole: bool,
    pub day: Option<u32>,
    /// Digits of the year as printed, `None` where a digit is unreadable.
    pub year: Vec<Option<u32>>,
    /// The year's digits are its last ones (`'09`, `)10` after a gap), not its first.
    pub year_tail: bool,
}

impl Clues {
    fn agrees(&self, d: NaiveDate) -> Option<u32> {
        if self.weekday.is_some_and(|w| w != d.weekday()) {
            return None;
        }
        if self.day.is_some_and(|x| x != d.day()) {
            return None;
        }
        let month_cost = if self.month_read {
            self.months
                .iter()
                .find(|(m, _)| *m == d.month())
                .map(|(_, c)| *c)?
        } else {
            0
        };
        Some(month_cost + self.year_cost(d.year())?)
    }

    /// Digits of `y` that disagree with the printed ones; at most one may.
    fn year_cost(&self, y: i32) -> Option<u32> {
        if self.year.is_empty() {
            return Some(0);
        }
        let digits: Vec<u32> = y
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        if self.year.len() > digits.len() {
            return None;
        }
        let aligned: &[u32] = if self.year_tail {
            &digits[digits.len() - self.year.len()..]
        } else {
            &digits[..self.year.len()]
        };
        let wrong = self
            .year
            .iter()
            .zip(aligned)
            .filter(|(p, d)| p.is_some_and(|p| p != **d))
            .count() as u32;
        (wrong <= 1).then_some(wrong)
    }

    /// The year printed whole, a year a release can carry.
    fn readable_year(&self, last_year: i32) -> Option<i32> {
        if self.year.len() != 4 || self.year.iter().any(Option::is_none) {
            return None;
        }
        let y = self
            .year
            .iter()
            .fold(0, |acc, d| acc * 10 + d.unwrap() as i32);
        (FIRST_YEAR..=last_year).contains(&y).then_some(y)
    }

    fn unreadable_year_digits(&self) -> usize {
        if self.year.is_empty() {
            return 4;
        }
        let missing = 4usize.saturating_sub(self.year.len());
        missing + self.year.iter().filter(|d| d.is_none()).count()
    }
}

/// Clock time at the end of the value: `7:34 PM`, `6 31 AM`, `4. 4 PM`, `825 AM`, `• PM`.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|\s)(?:\d{1,2}\s?[:.]\s?\d{1,2}(?::\d{2})?|\d{1,2} \d{2}|\d{3,4})\s*-?\s*[AP]\.?\s?M\.?[\s,.]*$",
        r"|[\s•.]*[AP]\.?\s?M\.?[\s,.]*$",
        r"|(?:^|\s)\d{1,2}:\d{2}(?::\d{2})?[\s,.]*$",
    ))
        .unwrap()
});

/// Read the clues of a `Sent:` value.
pub fn clues(value: &str) -> Clues {
    let mut c = Clues::default();
    let value = match TIME.find(value) {
        Some(m) => &value[..m.start()],
        None => value,
    };
    let chars: Vec<char> = value.chars().collect();
    let mut i = 0;
    let skip = |i: &mut usize, pred: &dyn Fn(char) -> bool| {
        while *i < chars.len() && pred(chars[*i]) {
            *i += 1;
        }
    };
    skip(&mut i, &|ch| !ch.is_ascii_alphanumeric());
    // The weekday, perhaps glued to the month (`WednesdayFebrua`).
    let start = i;
    skip(&mut i, &|ch| ch.is_ascii_alphabetic());
    let first: String = chars[start..i].iter().collect::<String>().to_lowercase();
    let mut month_letters = String::new();
    if let Some((w, rest)) = weekday(&first) {
        c.weekday = Some(w);
        month_letters.push_str(rest);
    } else {
        month_letters.push_str(&first);
    }
    // The month: letters up to the first digit, whatever OCR put between them.
    while i < chars.len() && !chars[i].is_ascii_digit() {
        if chars[i].is_ascii_alphabetic() {
            month_letters.push(chars[i].to_ascii_lowercase());
        }
        i += 1;
    }
    c.month_read = !month_letters.is_empty();
    if c.month_read {
        c.months = months(&month_letters);
        c.month_whole = c.months.len() == 1
            && MONTHS.iter().any(|m| {
                *m == month_letters
                    || (month_letters.len() == 3 && m.starts_with(&month_letters))
                    || month_letters == "sept"
            });
    }
    // A wide gap before the first number: what stood between was lost, the number ends the
    // date (the year's last digits).
    let gap_before = gap_ending_at(&chars, i);
    let numbers: String = chars[i..].iter().collect();
    read_numbers(&mut c, numbers.trim_end(), gap_before);
    c
}

/// How many blanks or OCR specks (`)`, `•`) stand just before position `i`.
fn gap_ending_at(chars: &[char], i: usize) -> usize {
    chars[..i]
        .iter()
        .rev()
        .take_while(|c| !c.is_ascii_alphanumeric())
        .count()
}

fn read_numbers(c: &mut Clues, s: &str, gap_before: usize) {
    if s.is_empty() {
        return;
    }
    let chars: Vec<char> = s.chars().collect();
    let lead = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest: String = chars[lead..].iter().collect();
    let gap_after = rest.chars().take_while(|c| *c == ' ').count();
    let lead_digits: String = chars[..lead].iter().collect();
    if gap_before >= 4 && rest.trim().is_empty() {
        // `Friday,                11`: only the end of the year is left.
        c.year = year_digits(&lead_digits);
        c.year_tail = true;
        return;
    }
    if lead == 0 || lead > 2 {
        return;
    }
    if gap_after >= 4 {
        // `Marc 2       2010`: the day may have lost a digit; the year stands after the gap.
        c.year = year_digits(rest.trim());
        c.year_tail = c.year.len() < 4;
        return;
    }
    c.day = lead_digits.parse().ok().filter(|d| (1..=31).contains(d));
    // Separators between day and year: `, `, `; `, `,.`, `:`, `'` (of `'09`).
    let year = rest
        .trim_start_matches([',', ';', '.', ':', '\'', ' '])
        .trim();
    c.year = year_digits(year);
    c.year_tail = c.year.len() == 2;
}

/// `2d12` -> 2?12, `2. 11` -> 2?11, `201i` -> 2011, `201Z` -> 2012: digits, with the glyphs OCR
/// takes them for read as the digit, and anything else one unreadable digit.
fn year_digits(s: &str) -> Vec<Option<u32>> {
    let mut out = Vec::new();
    let mut in_junk = false;
    for ch in s.chars() {
        let d = match ch {
            '0'..='9' => ch.to_digit(10),
            'O' | 'o' | 'Q' | 'D' => Some(0),
            'l' | 'I' | 'i' | '|' | '!' | ']' | '[' => Some(1),
            'Z' | 'z' => Some(2),
            'S' | 's' => Some(5),
            _ => None,
        };
        match d {
            Some(d) => {
                out.push(Some(d));
                in_junk = false;
            }
            None if !in_junk => {
                out.push(None);
                in_junk = true;
            }
            None => {}
        }
    }
    while out.last() == Some(&None) {
        out.pop();
    }
    while out.first() == Some(&None) {
        out.remove(0);
    }
    if out.len() > 4 || out.iter().all(Option::is_none) {
        return Vec::new();
    }
    out
}

/// `wednesday`, `wednesda`, `sunda`, `thu`; `wednesdayfebrua` -> Wednesday and `februa`.
/// A short word must be a weekday's abbreviation (`may` is no `monday`).
fn weekday(word: &str) -> Option<(Weekday, &str)> {
    for (name, w) in WEEKDAYS {
        if let Some(rest) = word.strip_prefix(name) {
            return Some((w, rest));
        }
    }
    if word.len() < 3 {
        return None;
    }
    let hits: Vec<Weekday> = WEEKDAYS
        .iter()
        .filter(|(name, _)| {
            name.starts_with(word)
                || (word.len() >= 5 && name.starts_with(&word[..1]) && subsequence(word, name))
        })
        .map(|(_, w)| *w)
        .collect();
    (hits.len() == 1).then(|| (hits[0], ""))
}

/// Months the letters can be: a name holding them in order from its first letter, or one
/// OCR letter away from the name (two for names of eight letters or more).
fn months(letters: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (i, name) in MONTHS.iter().enumerate() {
        let m = i as u32 + 1;
        if name.starts_with(&letters[..1]) && subsequence(letters, name) {
            out.push((m, 0));
            continue;
        }
        if letters.len() >= 4 {
            // Against the whole name, or the abbreviation it may be cut to.
            let whole = strsim::levenshtein(letters, name);
            let cut = strsim::levenshtein(letters, &name[..letters.len().min(name.len())]);
            let edits = whole.min(cut) as u32;
            let allowed = if name.len() >= 8 { 2 } else { 1 };
            if edits <= allowed {
                out.push((m, edits));
            }
        }
    }
    out
}

/// Whether `a`'s letters stand in `b` in the same order.
fn subsequence(a: &str, b: &str) -> bool {
    let mut it = b.chars();
    a.chars().all(|c| it.any(|x| x == c))
}

/// The date the clues settle, within what the release allows: not after `not_after` (the
/// banner's date), not before `thread` (the latest date of the messages quoted below).
pub fn settle(
    c: &Clues,
    not_after: Option<NaiveDate>,
    thread: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let last_year = not_after.map_or(2100, |d| d.year());
    let in_bounds = |d: NaiveDate| {
        not_after.is_none_or(|n| d <= n)
            && thread
                .is_none_or(|t| d >= t - Duration::days(1) && d <= t + Duration::days(THREAD_DAYS))
    };
    let mut best: Option<(u32, NaiveDate)> = None;
    let mut tied = false;
    // A year printed whole is the year; another is sought only for one OCR damaged.
    let years = match c.readable_year(last_year) {
        Some(y) => y..=y,
        None => FIRST_YEAR..=last_year,
    };
    if let (Some(day), true) = (c.day, c.month_read) {
        for y in years {
            for &(m, _) in &c.months {
                let Some(d) = NaiveDate::from_ymd_opt(y, m, day) else {
                    continue;
                };
                let Some(cost) = c.agrees(d).filter(|_| in_bounds(d)) else {
                    continue;
                };
                match best {
                    Some((b, _)) if cost > b => {}
                    Some((b, _)) if cost == b => tied = true,
                    _ => {
                        best = Some((cost, d));
                        tied = false;
                    }
                }
            }
        }
    }
    let repaired = |cost: u32| cost > 0 || c.unreadable_year_digits() > 0 || !c.month_whole;
    match best {
        Some((cost, d)) if !tied => {
            if c.weekday.is_some() || !repaired(cost) {
                return Some(d);
            }
            return None;
        }
        Some(_) => {}
        None => {}
    }
    // The day or month is lost: the first day after the thread's last message that fits
    // every clue left, within a week.
    let t = thread?;
    let clues_left = c.weekday.is_some() as u32
        + c.day.is_some() as u32
        + c.month_read as u32
        + (!c.year.is_empty()) as u32;
    if clues_left < 2 {
        return None;
    }
    (0..8)
        .map(|k| t + Duration::days(k))
        .filter(|d| not_after.is_none_or(|n| *d <= n))
        .find(|d| c.agrees(*d).is_some_and(|cost| cost == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn read(s: &str) -> Option<NaiveDate> {
        settle(&clues(s), Some(d(2016, 1, 29)), None)
    }

    #[test]
    fn months_with_the_letters_ocr_drops() {
        assert_eq!(
            read("Thursday, Se tember 24, 2009 10:05 AM"),
            Some(d(2009, 9, 24))
        );
        assert_eq!(
            read("Wednesda , Februa 3, 2010 7:34 PM"),
            Some(d(2010, 2, 3))
        );
        assert_eq!(
            read("Saturday, Janua 21, 2012 1:26 AM"),
            Some(d(2012, 1, 21))
        );
        assert_eq!(read("Friday, A ril 30 2010 6:04 PM"), Some(d(2010, 4, 30)));
        assert_eq!(
            read("Wednesday, Ju y 22, 2009 9:07 AM"),
            Some(d(2009, 7, 22))
        );
        assert_eq!(
            read("Tuesday, Se•tember 8, 2009 10:52 AM"),
            Some(d(2009, 9, 8))
        );
        assert_eq!(
            read("WednesdayFebrua 10, 2010 6:20 PM"),
            Some(d(2010, 2, 10))
        );
        assert_eq!(read("Wednesda Jul6, 2011 5:14 AM"), Some(d(2011, 7, 6)));
        // `Ma` is March or May: the weekday says which.
        assert_eq!(read("Monday, Ma 16, 2011 9:52 PM"), Some(d(2011, 5, 16)));
        assert_eq!(
            read("Friday, Aucust 20, 2010 11:17 AM"),
            Some(d(2010, 8, 20))
        );
        assert_eq!(
            read("Monday, Decemoer 26, 2011 1:13 AM"),
            Some(d(2011, 12, 26))
        );
    }

    #[test]
    fn years_and_separators_ocr_damaged() {
        assert_eq!(read("Sunday, March 27, 201i 9:05 PM"), Some(d(2011, 3, 27)));
        assert_eq!(
            read("Wednesday, November 14, 2d12 1:26 PM"),
            Some(d(2012, 11, 14))
        );
        assert_eq!(
            read("Wednesday, March 9, 2. 11 10:28 AM"),
            Some(d(2011, 3, 9))
        );
        assert_eq!(read("Sunday, June 20,1010 5:51 AM"), Some(d(2010, 6, 20)));
        assert_eq!(read("Sunday, August 9, '09 9:47 AM"), Some(d(2009, 8, 9)));
        assert_eq!(
            read("Wednesday, September 1; 2010 9:07 AM"),
            Some(d(2010, 9, 1))
        );
        assert_eq!(
            read("Saturday, January 21:2012 3:14 PM"),
            Some(d(2012, 1, 21))
        );
        assert_eq!(read("Friday, Au ust 13 201 12:43 PM"), Some(d(2010, 8, 13)));
    }

    #[test]
    fn a_repair_the_weekday_contradicts_is_no_date() {
        // 2010-02-03 was a Wednesday.
        assert_eq!(read("Thursday, Februa 3, 2010 7:34 PM"), None);
        // Without a weekday, only a fully readable date is kept.
        assert_eq!(read("Februa 3, 2010 7:34 PM"), None);
        assert_eq!(read("February 3; 2010 7:34 PM"), Some(d(2010, 2, 3)));
        // Nothing left but the weekday.
        assert_eq!(read("Saturday,"), None);
    }

    #[test]
    fn a_date_after_the_release_or_before_the_thread_is_no_date() {
        let c = clues("Saturday, Janua 30, 2010 9:57 PM");
        assert_eq!(settle(&c, Some(d(2015, 8, 31)), None), Some(d(2010, 1, 30)));
        assert_eq!(settle(&c, Some(d(2009, 12, 31)), None), None);
        assert_eq!(settle(&c, None, Some(d(2010, 3, 1))), None);
        assert_eq!(settle(&c, None, Some(d(2009, 6, 1))), None);
        assert_eq!(settle(&c, None, Some(d(2010, 1, 29))), Some(d(2010, 1, 30)));
    }

    #[test]
    fn lost_day_or_month_taken_from_the_thread() {
        // The quoted message was sent Tue Feb 16 2010; the top one the Friday after.
        let c = clues("Friday, F          10 12:13 AM");
        assert_eq!(
            settle(&c, Some(d(2015, 8, 31)), Some(d(2010, 2, 16))),
            Some(d(2010, 2, 19))
        );
        let c = clues("Friday,                11 11:30 AM");
        assert_eq!(
            settle(&c, Some(d(2016, 1, 7)), Some(d(2011, 2, 18))),
            Some(d(2011, 2, 18))
        );
        // `)10` after a gap ends the year; the quoted messages are of Tue Nov 16 2010.
        let c = clues("Tuesday, November         )10 7:36 AM");
        assert_eq!(
            settle(&c, Some(d(2015, 11, 30)), Some(d(2010, 11, 16))),
            Some(d(2010, 11, 16))
        );
        // A weekday alone is too little.
        assert_eq!(
            settle(&clues("Saturday,"), None, Some(d(2011, 2, 18))),
            None
        );
    }
}
