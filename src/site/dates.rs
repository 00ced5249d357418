//! Dates as every page and file writes them: ISO for machines, words for
//! readers, the same wherever a date appears.

use chrono::Datelike;

use crate::content::date::{Date, Precision};
use serde::Serialize;

/// Month names, for dates and chart labels written the same way everywhere.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Serialize)]
pub struct DateView {
    /// `2025-01-31`
    pub iso: String,
    /// `January 31, 2025`
    pub display: String,
    pub year: i32,
}

impl DateView {
    /// A day, or a month or year whose day is not known, written as far as
    /// it is known (`June 1948`, `1948`).
    pub fn new(date: impl Into<Date>) -> DateView {
        // Written out digit by digit rather than through chrono's strftime
        // (which parses its format string on every call) or `format!`:
        // dates are on every row of every list and in every citation, and
        // formatting them was 5% of `check`.
        let date = date.into();
        let d = date.start();
        let (y, m, day) = (d.year(), d.month(), d.day());
        let month = MONTHS[d.month0() as usize];
        let Ok(year @ 0..=9999) = u32::try_from(y) else {
            return DateView::formatted(date.precision(), y, m, day);
        };
        let mut iso = String::with_capacity(10);
        let mut display = String::with_capacity(month.len() + 9);
        digits(&mut iso, year, 4);
        match date.precision() {
            Precision::Day => {
                iso.push('-');
                digits(&mut iso, m, 2);
                iso.push('-');
                digits(&mut iso, day, 2);
                display.push_str(month);
                display.push(' ');
                digits(&mut display, day, 1);
                display.push_str(", ");
            }
            Precision::Month => {
                iso.push('-');
                digits(&mut iso, m, 2);
                display.push_str(month);
                display.push(' ');
            }
            Precision::Year => {}
        }
        digits(&mut display, year, 1);
        DateView {
            iso,
            display,
            year: y,
        }
    }

    /// The same through `format!`, for years of more or fewer than four
    /// digits (`-0044`, `12345`), as far from any real entry's as they are.
    fn formatted(precision: Precision, y: i32, m: u32, day: u32) -> DateView {
        let month = MONTHS[(m - 1) as usize % 12];
        let (iso, display) = match precision {
            Precision::Day => (
                format!("{y:04}-{m:02}-{day:02}"),
                format!("{month} {day}, {y}"),
            ),
            Precision::Month => (format!("{y:04}-{m:02}"), format!("{month} {y}")),
            Precision::Year => (format!("{y:04}"), format!("{y}")),
        };
        DateView {
            iso,
            display,
            year: y,
        }
    }
}

/// `n` (below 10,000) in decimal, with zeros in front up to `width` digits.
fn digits(out: &mut String, mut n: u32, width: usize) {
    let mut buf = [b'0'; 4];
    let mut start = buf.len();
    loop {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    let start = start.min(buf.len() - width.min(buf.len()));
    for &b in &buf[start..] {
        out.push(char::from(b));
    }
}

#[cfg(test)]
mod tests {
    use super::DateView;
    use chrono::NaiveDate;

    #[test]
    fn dates_read_as_chrono_writes_them() {
        let mut d = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap_or_default();
        for _ in 0..400 {
            let v = DateView::new(d);
            assert_eq!(v.iso, d.format("%Y-%m-%d").to_string());
            assert_eq!(v.display, d.format("%B %-d, %Y").to_string());
            d += chrono::Duration::days(29);
        }
    }

    #[test]
    fn every_precision_reads_as_format_writes_it() {
        use crate::content::date::{Date, Precision};
        for y in [-44, 0, 7, 99, 476, 1000, 1948, 2025, 9999, 10000, 123456] {
            for (m, day) in [(1, 1), (2, 9), (6, 10), (9, 30), (12, 31)] {
                let Some(d) = NaiveDate::from_ymd_opt(y, m, day) else {
                    continue;
                };
                let dates = [
                    (Date::day(d), Precision::Day, day),
                    (Date::from(d), Precision::Day, day),
                ]
                .into_iter()
                .chain(Date::in_month(y, m).map(|m| (m, Precision::Month, 1)))
                .chain(Date::in_year(y).map(|y| (y, Precision::Year, 1)));
                for (date, p, day) in dates {
                    let m = if p == Precision::Year { 1 } else { m };
                    let v = DateView::new(date);
                    let w = DateView::formatted(p, y, m, day);
                    assert_eq!((&v.iso, &v.display, v.year), (&w.iso, &w.display, w.year));
                }
            }
        }
    }
}
