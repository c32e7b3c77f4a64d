//! Date primitives: month names, two-digit years, numeric and written dates as releases
//! print them (`10/21/2013`, `10 21 2013`, `2020/01/12`, `5/1/06`, `Tuesday, August 3, 2010`,
//! `Sun Jun 28 13:12:52 2009`, `January 24, 199.4`).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

pub fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    if n.len() < 3 {
        return None;
    }
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
    if n == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == n || (n.len() == 3 && m.starts_with(&n)))
        .map(|i| i as u32 + 1)
}

/// Two-digit years in releases run from the 1940s to the 2030s.
pub fn expand_year(yy: i32) -> i32 {
    if yy >= 100 {
        yy
    } else if yy < 40 {
        2000 + yy
    } else {
        1900 + yy
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A numeric date: `MM/DD/YYYY`, `M/D/YY`, `YYYY/MM/DD`, with `/`, `-`, `.` or spaces.
pub fn numeric(s: &str) -> Option<NaiveDate> {
    let (first, second, third) = numeric_parts(s.trim())?;
    let a: i32 = first.parse().ok()?;
    let b: u32 = second.parse().ok()?;
    let z: i32 = third.parse().ok()?;
    if first.len() == 4 {
        ymd(a, b, z as u32)
    } else if third.len() == 2 || third.len() == 4 {
        ymd(expand_year(z), a as u32, b)
    } else {
        None
    }
}

/// The three numbers of a numeric date, read as the pattern
/// `^\(?\s*(\d{1,4})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})\s*\)?$` reads them (digits in
/// ASCII: others could not be read as numbers anyway), without a pattern: called for every
/// date a banner or stamp holds, the pattern cost more than all the rest of reading one.
fn numeric_parts(s: &str) -> Option<(&str, &str, &str)> {
    let s = s.strip_prefix('(').unwrap_or(s).trim_start();
    let (first, rest) = digits(s, 1, 4)?;
    let (second, rest) = digits(separator(rest)?, 1, 2)?;
    let (third, rest) = digits(separator(rest)?, 2, 4)?;
    let rest = rest.trim_start();
    rest.strip_prefix(')')
        .unwrap_or(rest)
        .is_empty()
        .then_some((first, second, third))
}

/// The run of `min` to `max` ASCII digits `s` starts with (no more follow), and the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (min..=max).contains(&n).then(|| s.split_at(n))
}

/// What follows a date's separator: white space around one of `/ . -`, or white space that
/// holds a space.
fn separator(s: &str) -> Option<&str> {
    let rest = s.trim_start();
    match rest.strip_prefix(['/', '.', '-']) {
        Some(after) => Some(after.trim_start()),
        None => s[..s.len() - rest.len()].contains(' ').then_some(rest),
    }
}

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?",
        r"(?:",
        // August 3, 2010 / Aug 03, 2010 / Sun Jun 28 13:12:52 2009 / OCR: April 1,2011 and
        // 201. 1 and 199.4
        r"(?P<m1>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(?:(?P<t1>\d{1,2}:\d{2}(?::\d{2})?)\s+)?(?P<y1>[12]\d{2}[., ]{0,2}\d|[12]\d{3})",
        r"|",
        // 3 August 2010
        r"(?P<d2>\d{1,2})\s+(?P<m2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<y2>[12]\d{3})",
        r")",
    ))
    .unwrap()
});

/// The first written date in `s`, with its byte range.
pub fn find_written(s: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    WRITTEN.captures_iter(s).find_map(|c| {
        let whole = c.get(0).unwrap();
        // The year ends the date, unless a clock time is glued on (`20111:30 PM`,
        // `201110:42 AM`: the year's four digits, then an hour of one or two).
        let rest = &s[whole.end()..];
        if rest.starts_with(|ch: char| ch.is_ascii_alphanumeric()) && !glued_clock(rest) {
            return None;
        }
        let (m, d, y) = if let Some(m) = c.name("m1") {
            (m.as_str(), &c["d1"], c["y1"].replace(['.', ',', ' '], ""))
        } else {
            (&c["m2"], &c["d2"], c["y2"].to_string())
        };
        let date = ymd(y.parse().ok()?, month(m)?, d.parse().ok()?)?;
        Some((date, whole.range()))
    })
}

/// `10:42 AM` right after a year: an hour of one or two digits, a colon, two of minutes.
fn glued_clock(rest: &str) -> bool {
    let b = rest.as_bytes();
    let hour = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&hour)
        && b.get(hour) == Some(&b':')
        && b.get(hour + 1..hour + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
        && std::str::from_utf8(&b[..hour])
            .ok()
            .and_then(|h| h.parse::<u32>().ok())
            .is_some_and(|h| h < 24)
}

/// A clock time printed after a date: `10:52 AM`, `2:55:30 PM`, `13:12:52`.
pub fn find_time(s: &str) -> Option<NaiveTime> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\d{1,2})[: ](\d{2})(?:[: ](\d{2}))?\s*([AP]\.?M\.?)?(?-u:\b)")
            .unwrap()
    });
    let c = TIME.captures(s)?;
    let mut h: u32 = c[1].parse().ok()?;
    let m: u32 = c[2].parse().ok()?;
    if let Some(ap) = c.get(4) {
        let pm = ap.as_str().to_ascii_uppercase().starts_with('P');
        if h == 12 {
            h = 0;
        }
        if pm {
            h += 12;
        }
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A date-time group: `122235Z JAN 10` -> 2010-01-12 22:35 UTC.
pub fn dtg(day: u32, hour: u32, minute: u32, mon: &str, yy: i32) -> Option<NaiveDateTime> {
    let date = ymd(expand_year(yy), month(mon)?, day)?;
    let time = NaiveTime::from_hms_opt(hour, minute, 0)?;
    Some(date.and_time(time))
}

/// ISO form with the precision the text gives.
pub fn iso_month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub fn same_or_previous_year(reference: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    // A day without a year in a document takes the document's year, or the year before when
    // that would put it months after the document (`December 3` in a January cable).
    let this = ymd(reference.year(), month, day)?;
    if this > reference && (this - reference).num_days() > 60 {
        ymd(reference.year() - 1, month, day)
    } else {
        Some(this)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numeric dates are read as the pattern the reading replaced reads them, in every
    /// shape: separators, spaces of every kind, parentheses, digit runs too long or short,
    /// digits of other scripts.
    #[test]
    fn numeric_dates_read_as_the_pattern_does() {
        let pattern =
            Regex::new(r"^\(?\s*(\d{1,4})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})\s*\)?$")
                .unwrap();
        let by_pattern = |s: &str| {
            pattern
                .captures(s.trim())
                .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        };
        let shapes = [
            "05/13/2015",
            "5/3/15",
            "2015/05/13",
            "05-13-2015",
            "05.13.2015",
            "05 13 2015",
            "(05/13/2015)",
            "( 05 / 13 / 2015 )",
            "05 /13/ 2015",
            "05\t/\t13/2015",
            "05\t13 2015",
            "05  13  2015",
            "05\u{a0}13\u{a0}2015",
            "05\u{a0} 13 2015",
            "05//13/2015",
            "05/13/2015)",
            "(05/13/2015",
            "05/13/20155",
            "05/133/2015",
            "12345/1/15",
            "05/13/2",
            "05/13/٢٠١٥",
            "05/1٣/2015",
            "",
            "/",
            "05/13",
            "05/13/2015 x",
            "x05/13/2015",
            "05 - 13 - 2015",
            "05-/13/2015",
            "  05/13/2015  ",
            "((05/13/2015))",
            "05/13/2015 )",
        ];
        for s in shapes {
            let ours = numeric_parts(s.trim()).map(|(a, b, c)| (a.into(), b.into(), c.into()));
            let theirs = by_pattern(s);
            // The pattern's `\d` takes digits of every script, which no number is read
            // from: where it does, neither reading gives a date.
            if theirs
                .as_ref()
                .is_some_and(|(a, b, c): &(String, String, String)| {
                    !(a.is_ascii() && b.is_ascii() && c.is_ascii())
                })
            {
                assert_eq!(ours, None, "{s:?}");
                continue;
            }
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numeric_dates_in_every_order() {
        assert_eq!(numeric("10/21/2013"), Some(d(2013, 10, 21)));
        assert_eq!(numeric("10 21 2013"), Some(d(2013, 10, 21)));
        assert_eq!(numeric("2020/01/12"), Some(d(2020, 1, 12)));
        assert_eq!(numeric("2020 01 12"), Some(d(2020, 1, 12)));
        assert_eq!(numeric("5/1/06"), Some(d(2006, 5, 1)));
        assert_eq!(numeric("(10/18/26)"), Some(d(2026, 10, 18)));
        assert_eq!(numeric("10121 2013"), None);
        assert_eq!(numeric("13/45/2013"), None);
    }

    #[test]
    fn written_dates() {
        let f = |s: &str| find_written(s).map(|x| x.0);
        assert_eq!(f("Tuesday, August 3, 2010 10:52 AM"), Some(d(2010, 8, 3)));
        assert_eq!(f("Sent: Aug 03, 2010 / 031406Z"), Some(d(2010, 8, 3)));
        assert_eq!(f("Sun Jun 28 13:12:52 2009"), Some(d(2009, 6, 28)));
        assert_eq!(f("January 24, 199.4"), Some(d(1994, 1, 24)));
        assert_eq!(f("January 24 199 4 Dear"), Some(d(1994, 1, 24)));
        assert_eq!(f("Friday. April 1,2011 11:53 AM"), Some(d(2011, 4, 1)));
        assert_eq!(f("Thursday, October 6, 20111:30 PM"), Some(d(2011, 10, 6)));
        assert_eq!(f("Thursday, May 12, 201111:08 AM"), Some(d(2011, 5, 12)));
        assert_eq!(
            f("Saturday, October 29, 201110:42 AM"),
            Some(d(2011, 10, 29))
        );
        assert_eq!(f("May 12, 201199:08"), None);
        assert_eq!(
            f("Saturday, December 10, 201. 1 12:07 PM"),
            Some(d(2011, 12, 10))
        );
        assert_eq!(f("May 7, 19731"), None);
        assert_eq!(f("on 22 February 1946 at"), Some(d(1946, 2, 22)));
        assert_eq!(f("Sunday September 23 2012 10 37 PM"), Some(d(2012, 9, 23)));
    }

    #[test]
    fn times() {
        assert_eq!(find_time("10:52 AM"), NaiveTime::from_hms_opt(10, 52, 0));
        assert_eq!(find_time("12:05 AM"), NaiveTime::from_hms_opt(0, 5, 0));
        assert_eq!(find_time("2:55:30 PM"), NaiveTime::from_hms_opt(14, 55, 0));
    }

    #[test]
    fn a_day_without_a_year_takes_it_from_the_document() {
        assert_eq!(
            same_or_previous_year(d(2010, 1, 12), 12, 3),
            Some(d(2009, 12, 3))
        );
        assert_eq!(
            same_or_previous_year(d(2010, 1, 12), 1, 5),
            Some(d(2010, 1, 5))
        );
    }
}
