//! The date of an entry or a document as its source knows it: a day, or
//! only a month or a year when the day is not recorded. Old executive
//! orders and filings are often known only as "June 1948"; docket shows
//! them so and never invents a day.
//!
//! Everything that needs one day to compute with (periods in force,
//! timelines, feeds) takes the first day of the period, [`Date::start`];
//! everything a reader or a tool sees is the date as written.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A day, a month or a year. Dates sort by their first day, and a less
/// precise date before a more precise one that starts the same day:
/// 1948 < 1948-01 < 1948-01-01 < 1948-01-02 < 1948-02.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    start: NaiveDate,
    precision: Precision,
}

impl Date {
    pub fn day(d: NaiveDate) -> Date {
        Date {
            start: d,
            precision: Precision::Day,
        }
    }

    /// A month of a year; `None` when the month is not 1 to 12 or the year
    /// is out of range.
    pub fn in_month(year: i32, month: u32) -> Option<Date> {
        Some(Date {
            start: NaiveDate::from_ymd_opt(year, month, 1)?,
            precision: Precision::Month,
        })
    }

    pub fn in_year(year: i32) -> Option<Date> {
        Some(Date {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            precision: Precision::Year,
        })
    }

    /// Reads `1948`, `1948-06` or `1948-06-28`, the ISO forms this type
    /// writes.
    pub fn parse(s: &str) -> Option<Date> {
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
        match parts[1..] {
            [] => Date::in_year(year),
            [m] => Date::in_month(year, number(m, 2)?),
            [m, d] => NaiveDate::from_ymd_opt(year, number(m, 2)?, number(d, 2)?).map(Date::day),
            _ => None,
        }
    }

    /// The date a person most likely meant by `s`, written another way
    /// than [`Date::parse`] reads: `2025-3`, `2025-3-5`, `March 2025`,
    /// `Sept. 2025`, `March 5, 2025`, `5 March 2025`. Month names are
    /// English, whole or cut short; the year must be written whole, four
    /// digits. For the nearest valid value in help, and for spreadsheets.
    pub fn read_loosely(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some(d) = Date::parse(s) {
            return Some(d);
        }
        let digits = |p: &str, most: usize| {
            (!p.is_empty() && p.len() <= most && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let year = |p: &str| (p.len() == 4).then(|| digits(p, 4)).flatten();
        let on = |y: u32, m: u32, d: Option<u32>| match d {
            Some(d) => NaiveDate::from_ymd_opt(y as i32, m, d).map(Date::day),
            None => Date::in_month(y as i32, m),
        };
        // Digits: 2025-3, 2025-3-5, 2025/03/05.
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        if let [y, m, ref rest @ ..] = parts[..] {
            if let (Some(y), Some(m)) = (year(y), digits(m, 2)) {
                return match rest {
                    [] => on(y, m, None),
                    [d] => on(y, m, Some(digits(d, 2)?)),
                    _ => None,
                };
            }
        }
        // Words: a month by its name, a day perhaps, and the year last.
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let month = |w: &str| {
            let w = w.trim_end_matches('.');
            if w.eq_ignore_ascii_case("sept") {
                Some(9)
            } else {
                w.parse::<chrono::Month>()
                    .ok()
                    .map(|m| m.number_from_month())
            }
        };
        match words[..] {
            [m, y] => on(year(y)?, month(m)?, None),
            [m, d, y] if month(m).is_some() => on(year(y)?, month(m)?, Some(digits(d, 2)?)),
            [d, m, y] => on(year(y)?, month(m)?, Some(digits(d, 2)?)),
            _ => None,
        }
    }

    /// The date as an entry's front matter writes it: a day as a TOML date,
    /// a month or a year in quotes.
    pub fn toml(&self) -> String {
        match self.precision {
            Precision::Day => self.iso(),
            _ => format!("\"{}\"", self.iso()),
        }
    }

    /// The first day of the period: what computations use.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day of the period.
    pub fn end(&self) -> NaiveDate {
        let d = self.start;
        match self.precision {
            Precision::Day => d,
            Precision::Month => {
                let next =
                    Date::in_month(d.year() + i32::from(d.month() == 12), d.month() % 12 + 1);
                next.and_then(|n| n.start.pred_opt()).unwrap_or(d)
            }
            Precision::Year => NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
        }
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    pub fn year(&self) -> i32 {
        self.start.year()
    }

    /// `Jun 28, 1948`, `Jun 1948` or `1948`, for labels with little room.
    pub fn short(&self) -> String {
        match self.precision {
            Precision::Day => self.start.format("%b %-d, %Y").to_string(),
            Precision::Month => self.start.format("%b %Y").to_string(),
            Precision::Year => self.start.year().to_string(),
        }
    }

    /// `1948`, `1948-06` or `1948-06-28`.
    pub fn iso(&self) -> String {
        let d = self.start;
        if !(0..=9999).contains(&d.year()) {
            // Signed, or longer than four digits, as `{:04}` writes them.
            return match self.precision {
                Precision::Year => format!("{:04}", d.year()),
                Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
                Precision::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            };
        }
        // The digits written out: dates are on every row of every list,
        // and `format!` cost ten times as much.
        let mut out = [0u8; 10];
        let mut put = |at: usize, n: u32, width: usize| {
            let mut n = n;
            for i in (at..at + width).rev() {
                out[i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(0, d.year() as u32, 4);
        put(5, d.month(), 2);
        put(8, d.day(), 2);
        out[4] = b'-';
        out[7] = b'-';
        let len = match self.precision {
            Precision::Year => 4,
            Precision::Month => 7,
            Precision::Day => 10,
        };
        String::from_utf8_lossy(&out[..len]).into_owned()
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Date {
        Date::day(d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Written as the ISO form of what is known, in exports and templates.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_other_ways_are_read_as_meant() {
        for (written, meant) in [
            ("2025-3", "\"2025-03\""),
            ("2025-3-5", "2025-03-05"),
            ("2025/03/05", "2025-03-05"),
            ("March 2025", "\"2025-03\""),
            ("Sept. 2025", "\"2025-09\""),
            ("sep 2025", "\"2025-09\""),
            ("March 5, 2025", "2025-03-05"),
            ("Mar. 5 2025", "2025-03-05"),
            ("5 March 2025", "2025-03-05"),
            (" 1948 ", "\"1948\""),
            ("1948-06-28", "1948-06-28"),
        ] {
            let read = Date::read_loosely(written).map(|d| d.toml());
            assert_eq!(read.as_deref(), Some(meant), "{written}");
        }
        for nonsense in [
            "March 20 25",
            "March 202",
            "2025-13",
            "February 30, 2025",
            "Smarch 2025",
            "25-03-05",
            "next week",
            "",
        ] {
            assert_eq!(Date::read_loosely(nonsense), None, "{nonsense}");
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s} is a date"))
    }

    #[test]
    fn iso_is_what_format_wrote() {
        for (y, m, day) in [
            (1948, 6, 28),
            (1, 1, 1),
            (999, 12, 9),
            (9999, 12, 31),
            (10000, 1, 2),
            (-44, 3, 15),
            (0, 2, 29),
        ] {
            let start = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            let all = [
                (Date::day(start), format!("{y:04}-{m:02}-{day:02}")),
                (Date::in_month(y, m).unwrap(), format!("{y:04}-{m:02}")),
                (Date::in_year(y).unwrap(), format!("{y:04}")),
            ];
            for (date, expected) in all {
                assert_eq!(date.iso(), expected);
            }
        }
    }

    #[test]
    fn dates_read_and_write_what_is_known() {
        for s in ["1948", "1948-06", "1948-06-28", "2024-02-29"] {
            assert_eq!(d(s).iso(), s);
        }
        for bad in [
            "48",
            "1948-6",
            "1948-13",
            "1948-02-30",
            "1948-06-28-1",
            "",
            "1948-",
            "abcd",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn less_precise_dates_sort_first_among_those_that_start_the_same_day() {
        let mut v = [
            d("1948-02"),
            d("1948-01-02"),
            d("1948-01-01"),
            d("1948"),
            d("1948-01"),
        ];
        v.sort();
        let got: Vec<String> = v.iter().map(Date::iso).collect();
        assert_eq!(
            got,
            ["1948", "1948-01", "1948-01-01", "1948-01-02", "1948-02"]
        );
    }

    #[test]
    fn a_period_ends_on_its_last_day() {
        assert_eq!(d("1948").end(), d("1948-12-31").start());
        assert_eq!(d("1948-12").end(), d("1948-12-31").start());
        assert_eq!(d("2024-02").end(), d("2024-02-29").start());
        assert_eq!(d("1948-06-28").end(), d("1948-06-28").start());
    }
}
