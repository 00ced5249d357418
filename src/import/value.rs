//! A cell's value as the TOML of a front matter key: a text, a list split
//! at the separator, a date, an id, ids, `true` or `false`.
//!
//! Only what a value is made of is checked here (a date is a day, an id a
//! whole number). What it means (a vocabulary value, a policy that
//! exists) is checked by the same loading as `docket check`, on the
//! entries made of the rows.

use chrono::NaiveDate;

use super::sheet::{number_text, Cell};
use crate::content::write::{id_toml, toml_string};
use crate::content::{Id, Ty};
use crate::diag::Code;

/// How the cells of one spreadsheet are read.
pub struct Reading<'a> {
    /// Between the values of a list in one cell.
    pub separator: &'a str,
    /// More ways of writing dates than those read anyway (chrono's `%…`).
    pub date_formats: &'a [String],
}

/// Why a cell's value cannot be the key's.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    pub help: String,
}

fn problem(code: Code, message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem {
        code,
        message: message.into(),
        help: help.into(),
    }
}

const ID_FORMS: &str =
    "an id is a whole number from 1, like 1491, or a short code of letters, digits, `-` and `.`, like 9973-A";

/// The TOML of `cell` as a value of a key of type `ty` (one that is not
/// empty: an empty cell is the caller's to decide on).
pub fn toml(ty: Ty, key: &str, cell: &Cell, how: &Reading<'_>) -> Result<String, Problem> {
    match ty {
        Ty::Id => id(cell).map(id_toml),
        Ty::Ids => {
            let ids: Vec<String> = items(cell, how, key)?
                .iter()
                .map(|t| id(&Cell::Text(t.clone())).map(id_toml))
                .collect::<Result<_, _>>()
                .map_err(|p| relation_help(p, key, how))?;
            Ok(format!("[{}]", ids.join(", ")))
        }
        Ty::Date => match partial_date(cell) {
            // A month or a year whose day the sheet does not know.
            Some(d) => Ok(toml_string(&d.iso())),
            None => date(cell, how).map(|d| d.to_string()),
        },
        Ty::Text | Ty::Table => one_line(key, &text(cell)?).map(|t| toml_string(&t)),
        Ty::List => {
            let values: Vec<String> = items(cell, how, key)?
                .iter()
                .map(|v| one_line(key, v).map(|v| toml_string(&v)))
                .collect::<Result<_, _>>()?;
            Ok(format!("[{}]", values.join(", ")))
        }
        Ty::Bool => boolean(cell).map(|b| b.to_string()),
        Ty::Documents => Err(problem(
            Code::ImportColumn,
            "`documents` cannot be imported from a column",
            "add [[documents]] tables to the entries after the import",
        )),
    }
}

/// A cell as a number of a field of the site's own: a number cell, or a
/// text that reads as one.
pub fn number(cell: &Cell) -> Result<String, Problem> {
    let written = match cell {
        Cell::Number(n) => return Ok(number_text(*n)),
        Cell::Text(t) => t.trim().to_string(),
        other => text(other)?,
    };
    let plain = written.replace([',', '_'], "");
    if plain.parse::<i64>().is_ok() {
        return Ok(plain);
    }
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x.to_string()),
        _ => Err(problem(
            Code::WrongType,
            format!("\"{written}\" is not a number"),
            "write a number, like 12 or 1.5",
        )),
    }
}

/// A cell's text, for a text key or the body.
pub fn text(cell: &Cell) -> Result<String, Problem> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Text(t) => Ok(t.trim().to_string()),
        Cell::Number(n) => Ok(number_text(*n)),
        Cell::Bool(b) => Ok(b.to_string()),
        Cell::Date(d) => Ok(d.to_string()),
        Cell::DateTime(dt) => Ok(dt.to_string()),
        Cell::List(_) => Err(problem(
            Code::WrongType,
            "expected a text, found a list",
            "write one value in quotes, like \"Final/Actual\"",
        )),
        Cell::Error(e) => Err(cell_error(e)),
    }
}

fn cell_error(e: &str) -> Problem {
    problem(
        Code::WrongType,
        format!("the cell holds {e}, not a value"),
        "correct the cell in the spreadsheet, or empty it",
    )
}

/// A value that is one line on every page: a line break in it is refused.
fn one_line(key: &str, value: &str) -> Result<String, Problem> {
    if value.contains(['\n', '\r']) {
        return Err(problem(
            Code::WrongType,
            format!("`{key}` holds a line break: it is one line of text"),
            "remove the line break from the cell",
        ));
    }
    Ok(value.to_string())
}

/// The values of a list cell, split at the separator.
fn items(cell: &Cell, how: &Reading<'_>, key: &str) -> Result<Vec<String>, Problem> {
    match cell {
        Cell::List(values) => Ok(values.iter().map(|v| v.trim().to_string()).collect()),
        Cell::Text(t) => Ok(t
            .split(how.separator)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()),
        other => text(other).map(|t| vec![t]).map_err(|p| Problem {
            message: format!("bad value for `{key}`: {}", p.message),
            ..p
        }),
    }
}

/// The TOML of a cell of a relation whose items may name what is not an
/// entry (`outside = true`, and a case's `challenges`): each item that is
/// an id with a digit in it (`1491`, `9973-A`) is an id, and any other
/// (`Executive Order 14160`, `Firing of the inspector general`) the title
/// of something the site does not hold, `{ title = "…" }`.
pub fn ids_or_outside(key: &str, cell: &Cell, how: &Reading<'_>) -> Result<String, Problem> {
    let items: Vec<String> = items(cell, how, key)?
        .iter()
        .map(|t| {
            let id = Id::parse(t)
                .ok()
                .filter(|_| t.chars().any(|c| c.is_ascii_digit()));
            match id {
                Some(id) => Ok(id_toml(id)),
                None => one_line(key, t).map(|t| format!("{{ title = {} }}", toml_string(&t))),
            }
        })
        .collect::<Result<_, _>>()?;
    Ok(format!("[{}]", items.join(", ")))
}

/// A relation names policies by their ids in the site; a bad one may be
/// two ids joined by another separator, or an official number.
fn relation_help(mut p: Problem, key: &str, how: &Reading<'_>) -> Problem {
    p.help = format!(
        "`{key}` names policies by their ids in this site, not by official numbers; separate the ids of one cell with \"{}\"",
        how.separator
    );
    p
}

/// An id: a whole number, in a number cell or written as text, or a code
/// such as `9973-A`.
pub fn id(cell: &Cell) -> Result<Id, Problem> {
    let help = "an id is the entry's own short code in this site: keep an official name like \"Executive Order 9973-A\" as an identifier (map its column to `identifiers.Executive Order`), and give the id column only the code (9973-A), or leave it out: docket then numbers the rows";
    let found = match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n < 1e15 => Id::number(*n as u64),
        Cell::Text(t) => Id::parse(t.trim()).ok(),
        _ => None,
    };
    found.ok_or_else(|| {
        let shown = match cell {
            Cell::Number(n) => number_text(*n),
            other => text(other).unwrap_or_default(),
        };
        problem(
            Code::InvalidId,
            format!("`{shown}` is not an id: {ID_FORMS}"),
            help,
        )
    })
}

fn boolean(cell: &Cell) -> Result<bool, Problem> {
    let t = match cell {
        Cell::Bool(b) => return Ok(*b),
        other => text(other)?,
    };
    match t.to_lowercase().as_str() {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        _ => Err(problem(
            Code::WrongType,
            format!("expected true or false, found \"{t}\""),
            "write true or false (or yes or no)",
        )),
    }
}

/// A text cell holding a month (`1948-06`, `June 1948`, `Sept. 1948`) or
/// a year (`1948`).
fn partial_date(cell: &Cell) -> Option<crate::content::Date> {
    let Cell::Text(t) = cell else { return None };
    crate::content::Date::read_loosely(t)
        .filter(|d| d.precision() != crate::content::date::Precision::Day)
}

/// A date: a date cell, or a text written a way no reader takes for
/// another day ([`crate::content::Date::read_loosely`]: `2025-01-20`,
/// `January 20, 2025`, `20 Jan 2025`) or in one of the mapping's
/// `date_formats`. A number is refused: it may be a year, or an Excel date
/// whose cell lost its format; the help says which day it would be.
pub fn date(cell: &Cell, how: &Reading<'_>) -> Result<NaiveDate, Problem> {
    use chrono::Datelike;
    let d = any_date(cell, how)?;
    // A front matter date has a year of four digits.
    if !(1..=9999).contains(&d.year()) {
        return Err(problem(
            Code::InvalidDate,
            format!("{d} is not a date of the years 1 to 9999"),
            "check the cell: a number formatted as a date gives such a day",
        ));
    }
    Ok(d)
}

fn any_date(cell: &Cell, how: &Reading<'_>) -> Result<NaiveDate, Problem> {
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::DateTime(dt) => Err(problem(
            Code::InvalidDate,
            format!("{dt} is a date with a time of day"),
            format!(
                "give the day alone, {}: format the cell as a date without time",
                dt.date()
            ),
        )),
        Cell::Number(n) => {
            let as_excel = (n.fract() == 0.0 && (1.0..2_958_466.0).contains(n))
                .then(|| NaiveDate::from_ymd_opt(1899, 12, 30))
                .flatten()
                .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(*n as u64)));
            let help = match as_excel {
                Some(d) => format!("format the column as dates in the spreadsheet, or write the date as text; as an Excel date, {} is {d}", number_text(*n)),
                None => "write the date as text, like 2025-01-20".to_string(),
            };
            Err(problem(
                Code::InvalidDate,
                format!("the number {} is not a date", number_text(*n)),
                help,
            ))
        }
        other => {
            let t = text(other)?;
            date_text(&t, how)
        }
    }
}

/// Whether the year of `d`, read from `t` with format `f`, is written in
/// `t` as four digits. chrono's `%d` takes what digits it can, so `%B %d
/// %Y` reads `March 2025` as March 20 of the year 25.
fn year_as_written(t: &str, f: &str, d: NaiveDate) -> bool {
    use chrono::Datelike;
    if !f.contains("%Y") {
        return true;
    }
    let year = format!("{:04}", d.year());
    t.split(|c: char| !c.is_ascii_digit()).any(|n| n == year)
}

fn date_text(t: &str, how: &Reading<'_>) -> Result<NaiveDate, Problem> {
    if let Some(d) = crate::content::Date::read_loosely(t)
        .filter(|d| d.precision() == crate::content::date::Precision::Day)
    {
        return Ok(d.start());
    }
    for f in how.date_formats.iter().map(String::as_str) {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            if year_as_written(t, f, d) {
                return Ok(d);
            }
        }
    }
    let digits: Vec<&str> = t.split(['/', '.', '-']).collect();
    let numeric = digits.len() == 3
        && digits
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty());
    let (message, help) = if numeric && digits[0].len() == 4 {
        (
            format!("`{t}` is not a day of the calendar"),
            "check the month and the day".to_string(),
        )
    } else if numeric {
        let (a, b, y) = (digits[0], digits[1], digits[2]);
        let sep = &t[a.len()..=a.len()];
        (
            format!("`{t}` could be written month first or day first"),
            format!(
                "say which in the mapping file, like date_formats = [\"%m{sep}%d{sep}%Y\"] for {a} as the month, or [\"%d{sep}%m{sep}%Y\"] for {b} as the month{}",
                if y.len() == 2 { " (with %y for a year of two digits)" } else { "" }
            ),
        )
    } else {
        (
            format!("`{t}` is not a date docket reads"),
            "write a day like 2025-01-20 or January 20, 2025, a month like 2025-01 or January 2025, or a year like 2025, or give the days' format in the mapping file's date_formats".to_string(),
        )
    };
    Err(problem(Code::InvalidDate, message, help))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOW: Reading<'static> = Reading {
        separator: ";",
        date_formats: &[],
    };

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn dates_are_read_in_the_forms_spreadsheets_hold() {
        let day = NaiveDate::from_ymd_opt(2025, 1, 20);
        for written in [
            "2025-01-20",
            "January 20, 2025",
            "Jan 20, 2025",
            "20 January 2025",
            "january 20 2025",
        ] {
            assert_eq!(date(&t(written), &HOW).ok(), day, "{written}");
        }
        assert_eq!(date(&Cell::Date(day.unwrap_or_default()), &HOW).ok(), day);
        let us = date(&t("1/20/2025"), &HOW).unwrap_err();
        assert!(us.help.contains("date_formats = [\"%m/%d/%Y\"]"), "{us:?}");
        let told = Reading {
            separator: ";",
            date_formats: &["%m/%d/%Y".to_string()],
        };
        assert_eq!(date(&t("1/20/2025"), &told).ok(), day);
        let serial = date(&Cell::Number(45677.0), &HOW).unwrap_err();
        assert!(serial.help.contains("45677 is 2025-01-20"), "{serial:?}");
        assert_eq!(
            date(&t("2025-02-30"), &HOW).unwrap_err().message,
            "`2025-02-30` is not a day of the calendar"
        );
    }

    #[test]
    fn a_month_by_its_name_is_a_month_not_a_day_of_another_year() {
        for written in [
            "March 2025",
            "Mar 2025",
            "march, 2025",
            "Mar. 2025",
            " MARCH 2025 ",
        ] {
            assert_eq!(
                toml(Ty::Date, "announced", &t(written), &HOW),
                Ok("\"2025-03\"".into()),
                "{written}"
            );
        }
        assert_eq!(
            toml(Ty::Date, "announced", &t("Sept 1948"), &HOW),
            Ok("\"1948-09\"".into())
        );
        // A year that is not written whole is not read from other digits.
        for bad in ["March 20 25", "Smarch 2025", "March 202"] {
            assert_eq!(
                toml(Ty::Date, "announced", &t(bad), &HOW).map_err(|p| p.code),
                Err(Code::InvalidDate),
                "{bad}"
            );
        }
        let told = Reading {
            separator: ";",
            date_formats: &["%B %Y".to_string()],
        };
        assert_eq!(
            toml(Ty::Date, "announced", &t("December 1999"), &told),
            Ok("\"1999-12\"".into())
        );
    }

    #[test]
    fn a_month_or_a_year_is_kept_as_written() {
        assert_eq!(
            toml(Ty::Date, "announced", &t("1948-06"), &HOW),
            Ok("\"1948-06\"".into())
        );
        assert_eq!(
            toml(Ty::Date, "announced", &t(" 1948 "), &HOW),
            Ok("\"1948\"".into())
        );
    }

    #[test]
    fn items_outside_the_site_are_titles_and_ids_stay_ids() {
        assert_eq!(
            ids_or_outside(
                "challenges",
                &t("14160; 9973-A; Executive Order 14160;Firing of the inspector general; Memo"),
                &HOW
            ),
            Ok("[14160, \"9973-A\", { title = \"Executive Order 14160\" }, { title = \"Firing of the inspector general\" }, { title = \"Memo\" }]".into())
        );
        assert_eq!(
            ids_or_outside("challenges", &Cell::Number(12.0), &HOW),
            Ok("[12]".into())
        );
    }

    #[test]
    fn ids_are_whole_numbers_or_codes() {
        let code = |s: &str| Id::parse(s).unwrap();
        assert_eq!(id(&Cell::Number(1491.0)), Ok(code("1491")));
        assert_eq!(id(&t(" 12 ")), Ok(code("12")));
        assert_eq!(id(&t("9973-A")), Ok(code("9973-A")));
        assert_eq!(
            toml(Ty::Ids, "supersedes", &t("312; 9973-A"), &HOW),
            Ok("[312, \"9973-A\"]".into())
        );
        for bad in [t("EO 9973-A"), t("0"), Cell::Number(2.5), t("-4"), t("012")] {
            assert_eq!(
                id(&bad).map_err(|p| p.code),
                Err(Code::InvalidId),
                "{bad:?}"
            );
        }
        assert_eq!(
            toml(Ty::Ids, "supersedes", &t("312; 1102"), &HOW),
            Ok("[312, 1102]".into())
        );
        let joined = toml(Ty::Ids, "supersedes", &t("312, 1102"), &HOW).unwrap_err();
        assert!(
            joined
                .help
                .contains("separate the ids of one cell with \";\""),
            "{joined:?}"
        );
    }

    #[test]
    fn lists_and_texts_become_toml() {
        assert_eq!(
            toml(Ty::List, "agencies", &t("ICE; CBP ;;"), &HOW),
            Ok("[\"ICE\", \"CBP\"]".into())
        );
        assert_eq!(
            toml(Ty::Text, "title", &t(" A \"quoted\" title "), &HOW),
            Ok("\"A \\\"quoted\\\" title\"".into())
        );
        assert_eq!(
            toml(Ty::Text, "title", &t("two\nlines"), &HOW).map_err(|p| p.code),
            Err(Code::WrongType)
        );
        assert_eq!(toml(Ty::Bool, "draft", &t("Yes"), &HOW), Ok("true".into()));
        assert_eq!(
            toml(Ty::Text, "docket", &Cell::Number(1491.0), &HOW),
            Ok("\"1491\"".into())
        );
    }
}
