//! The values of the fields a site declares of its own (`[fields]` of
//! `docket.toml`), checked at their place in the front matter like the
//! standard keys: the type, a term against its vocabulary, a URL's scheme.

use std::fmt;

use serde::Serialize;
use toml::de::DeValue;
use toml::Spanned;

use super::values::Cx;
use super::{vocab, Date, Term};
use crate::config::{Field, FieldType};
use crate::diag::{Code, Diagnostic};
use crate::url::is_web_url;

/// A number as written: whole numbers stay whole on the page and in the
/// exports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Whole(i64),
    Decimal(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Whole(n) => n.fmt(f),
            // Zero without a sign, and the very large and very small with
            // an exponent (`1e308`, not 309 digits), as they are written.
            Number::Decimal(x) if *x == 0.0 => f.write_str("0"),
            Number::Decimal(x) if !(1e-6..1e16).contains(&x.abs()) => write!(f, "{x:e}"),
            Number::Decimal(x) => x.fmt(f),
        }
    }
}

#[cfg(test)]
mod number_tests {
    use super::Number;

    #[test]
    fn decimals_are_shown_as_short_as_they_are_written() {
        for (x, shown) in [
            (0.3, "0.3"),
            (2.5, "2.5"),
            (-0.0, "0"),
            (1e308, "1e308"),
            (1e-320, "1e-320"),
            (1.5e20, "1.5e20"),
            (123456.75, "123456.75"),
        ] {
            assert_eq!(Number::Decimal(x).to_string(), shown);
        }
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Number::Whole(n) => s.serialize_i64(*n),
            Number::Decimal(x) => s.serialize_f64(*x),
        }
    }
}

/// The checked value of a field of the site's own.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    /// A day, or a month or a year whose day is not known.
    Date(Date),
    Url(String),
    Number(Number),
    Term(Term),
    Terms(Vec<Term>),
    List(Vec<String>),
}

/// As the data exports write it: a date as `YYYY-MM-DD`, a number as a
/// number, terms and lists as arrays of strings.
impl Serialize for FieldValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldValue::Text(t) | FieldValue::Url(t) => s.serialize_str(t),
            FieldValue::Date(d) => s.serialize_str(&d.iso()),
            FieldValue::Number(n) => n.serialize(s),
            FieldValue::Term(t) => t.serialize(s),
            FieldValue::Terms(ts) => ts.serialize(s),
            FieldValue::List(ts) => ts.serialize(s),
        }
    }
}

impl FieldValue {
    /// The values of a term or terms field, as written; none for another
    /// type.
    pub fn terms(&self) -> &[Term] {
        match self {
            FieldValue::Term(t) => std::slice::from_ref(t),
            FieldValue::Terms(ts) => ts,
            _ => &[],
        }
    }

    /// The value in one cell of a CSV file, a list's values joined with
    /// `separator`.
    pub fn cell(&self, separator: &str) -> String {
        match self {
            FieldValue::Text(t) | FieldValue::Url(t) => t.clone(),
            FieldValue::Date(d) => d.iso(),
            FieldValue::Number(n) => n.to_string(),
            FieldValue::Term(t) => t.0.clone(),
            FieldValue::Terms(ts) => ts
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(separator),
            FieldValue::List(ts) => ts.join(separator),
        }
    }
}

/// One field of the site's own that an entry has, in the order
/// `docket.toml` declares them.
#[derive(Clone, Debug, PartialEq)]
pub struct Extra {
    pub key: String,
    pub value: FieldValue,
}

/// An example of a value of `field`, for the help of a diagnostic.
pub fn example(field: &Field, allowed: Option<&[String]>) -> String {
    let term = allowed.and_then(|a| a.first()).map_or("…", String::as_str);
    let value = match field.ty {
        FieldType::Text => "\"…\"".to_string(),
        FieldType::Date => "2025-01-31".to_string(),
        FieldType::Url => "\"https://…\"".to_string(),
        FieldType::Number => "12".to_string(),
        FieldType::Term => format!("\"{term}\""),
        FieldType::Terms => format!("[\"{term}\"]"),
        FieldType::List => "[\"…\", \"…\"]".to_string(),
    };
    format!("{} = {value}", field.key)
}

/// What a value of the field's type is, in words.
fn expected(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "a text",
        FieldType::Date => "a date",
        FieldType::Url => "a web address",
        FieldType::Number => "a number",
        FieldType::Term => "one value",
        FieldType::Terms => "a list of values",
        FieldType::List => "a list of texts",
    }
}

fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the text \"{s}\""),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(x) => format!("the number {}", x.as_str()),
        DeValue::Boolean(b) => format!("`{b}`"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// Checks the value of `field`, reporting each problem at its place.
pub(super) fn check(field: &Field, value: Spanned<DeValue<'_>>, cx: &mut Cx<'_>) -> Option<Extra> {
    let at = value.span();
    let value = match (field.ty, value.into_inner()) {
        (FieldType::Text, DeValue::String(s)) => FieldValue::Text(text(field, &s, at, cx)?),
        (FieldType::Url, DeValue::String(s)) => FieldValue::Url(url(field, &s, at, cx)?),
        (FieldType::Date, DeValue::Datetime(d)) => match super::front::date_of(&d) {
            Ok(date) => FieldValue::Date(Date::day(date)),
            Err(why) => return wrong(field, Code::InvalidDate, why, at, cx, None),
        },
        (FieldType::Number, DeValue::Integer(i)) => {
            match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => FieldValue::Number(Number::Whole(n)),
                Err(_) => {
                    let why = format!("{} is too large", i.as_str());
                    return wrong(field, Code::WrongType, why, at, cx, None);
                }
            }
        }
        (FieldType::Number, DeValue::Float(x)) => match x.as_str().parse::<f64>() {
            Ok(n) if n.is_finite() => FieldValue::Number(Number::Decimal(n)),
            _ => {
                let why = format!("{} is not a number a page can show", x.as_str());
                return wrong(field, Code::WrongType, why, at, cx, None);
            }
        },
        (FieldType::Term, DeValue::String(s)) => FieldValue::Term(term(field, &s, at, cx)?),
        (FieldType::Terms | FieldType::List, DeValue::Array(items)) => {
            return list(field, items.into_iter().collect(), at, cx);
        }
        (FieldType::Date, DeValue::String(s)) => match Date::parse(s.trim()) {
            // A month or a year whose day is not known, as for the
            // standard dates.
            Some(d) if s.len() <= 7 => FieldValue::Date(d),
            _ => {
                let why = format!("expected a date, found the text \"{s}\": write a day without quotes, like 2025-01-31, and a month or a year whose day is not known in quotes, like \"1948-06\" or \"1948\"");
                // A date written another way gets the one it most likely means.
                let meant = Date::read_loosely(&s)
                    .map(|d| format!("write it like {} = {}", field.key, d.toml()));
                return wrong(field, Code::InvalidDate, why, at, cx, meant);
            }
        },
        (ty, other) => {
            let why = format!("expected {}, found {}", expected(ty), found(&other));
            let code = match ty {
                FieldType::Date => Code::InvalidDate,
                _ => Code::WrongType,
            };
            return wrong(field, code, why, at, cx, None);
        }
    };
    Some(Extra {
        key: field.key.clone(),
        value,
    })
}

/// Reports a value of the wrong kind; `help` replaces the field's example
/// when given.
fn wrong(
    field: &Field,
    code: Code,
    why: String,
    at: std::ops::Range<usize>,
    cx: &mut Cx<'_>,
    help: Option<String>,
) -> Option<Extra> {
    // A value the TOML parser could not read is reported already.
    if cx
        .syntax
        .iter()
        .any(|s| s.start < at.end && at.start < s.end)
    {
        return None;
    }
    let span = cx.span(at);
    let help =
        help.unwrap_or_else(|| format!("write it like {}", example(field, allowed(field, cx))));
    cx.error(
        Diagnostic::error(
            code,
            span,
            format!("wrong kind of value for `{}`: {why}", field.key),
        )
        .label("this value")
        .help(help),
    );
    None
}

fn allowed<'a>(field: &Field, cx: &Cx<'a>) -> Option<&'a [String]> {
    let name = field.vocabulary.as_deref()?;
    cx.config().vocabulary.list(name)
}

fn text(field: &Field, s: &str, at: std::ops::Range<usize>, cx: &mut Cx<'_>) -> Option<String> {
    if s.trim().is_empty() {
        let span = cx.span(at);
        let help = format!(
            "write it like {}, or leave the key out",
            example(field, None)
        );
        cx.empty(&field.key, span, help);
        return None;
    }
    Some(s.to_string())
}

fn url(field: &Field, s: &str, at: std::ops::Range<usize>, cx: &mut Cx<'_>) -> Option<String> {
    if is_web_url(s) {
        return Some(s.to_string());
    }
    let span = cx.span(at);
    cx.error(
        Diagnostic::error(
            Code::InvalidUrl,
            span,
            format!("`{}` must be an http or https URL", field.key),
        )
        .label("not an http(s) URL")
        .help(crate::url::web_url_help(s)),
    );
    None
}

fn term(field: &Field, s: &str, at: std::ops::Range<usize>, cx: &mut Cx<'_>) -> Option<Term> {
    let list = allowed(field, cx);
    if s.trim().is_empty() {
        let span = cx.span(at);
        let help = match list {
            Some(values) => format!("choose one of {}", vocab::quote_list(values)),
            None => format!("write it like {}", example(field, None)),
        };
        cx.empty(&field.key, span, help);
        return None;
    }
    let name = field.vocabulary.as_deref().unwrap_or(&field.key);
    match vocab::check_in(list, name, &field.key, s, cx.span(at)) {
        Ok(t) => Some(t),
        Err(d) => {
            cx.error(d);
            None
        }
    }
}

/// A `terms` or `list` field: each item checked at its place.
fn list(
    field: &Field,
    items: Vec<Spanned<DeValue<'_>>>,
    at: std::ops::Range<usize>,
    cx: &mut Cx<'_>,
) -> Option<Extra> {
    if items.is_empty() {
        let span = cx.span(at);
        cx.error(
            Diagnostic::error(
                Code::EmptyList,
                span,
                format!("`{}` needs at least one value", field.key),
            )
            .label("empty list")
            .help(format!(
                "write it like {}, or leave the key out",
                example(field, allowed(field, cx))
            )),
        );
        return None;
    }
    let mut texts = Vec::new();
    let mut ok = true;
    for item in items {
        let at = item.span();
        match item.into_inner() {
            DeValue::String(s) if field.ty == FieldType::Terms => match term(field, &s, at, cx) {
                Some(t) => texts.push(t.0),
                None => ok = false,
            },
            DeValue::String(s) => match text(field, &s, at, cx) {
                Some(t) => texts.push(t),
                None => ok = false,
            },
            other => {
                let why = format!("expected a text in the list, found {}", found(&other));
                wrong(field, Code::WrongType, why, at, cx, None);
                ok = false;
            }
        }
    }
    let value = match field.ty {
        FieldType::Terms => FieldValue::Terms(texts.into_iter().map(Term).collect()),
        _ => FieldValue::List(texts),
    };
    ok.then(|| Extra {
        key: field.key.clone(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{keys, Kind};
    use crate::config::fields::{KINDS, STANDARD};

    #[test]
    fn docket_toml_knows_the_keys_of_the_content_format() {
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            let names: Vec<&str> = keys(kind).iter().map(|k| k.name).collect();
            assert_eq!(names, STANDARD[i], "{kind:?}");
            assert_eq!(KINDS[i], kind.name());
        }
        let names: Vec<&str> = super::super::case::keys().iter().map(|k| k.name).collect();
        assert_eq!(names, STANDARD[3], "case files");
    }
}
