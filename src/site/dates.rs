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
        // Written out rather than through chrono's strftime, which parses
        // its format string on every call: dates are on every row of every
        // list, and this was 3% of a build.
        let date = date.into();
        let d = date.start();
        let (y, m, day) = (d.year(), d.month(), d.day());
        let month = MONTHS[d.month0() as usize];
        let (iso, display) = match date.precision() {
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
}
