//! The front matter as written: what serde reads of each kind of entry,
//! key by key, and the reading of one table with every problem in it
//! reported (unknown keys with the nearest known one, missing required
//! keys, each bad value at its place). [`super::meta`] turns what is read
//! into the typed entries.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::de::{DeserializeOwned, Error as _};
use serde::Deserialize;
use toml::de::{DeTable, DeValue, Deserializer};
use toml::Spanned;

use super::date::Precision;
use super::values::Cx;
use super::{Date, Id};
use crate::config::Level;
use crate::diag::{nearest, Code, Diagnostic};
use crate::syntax;

/// An id as written, a whole number or a code in quotes; which kind it
/// names depends on the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawId(pub Id);

impl<'de> Deserialize<'de> for RawId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdVisitor)?.map_err(D::Error::custom)
    }
}

/// One id of a list, read without failing: a bad one is reported at its own
/// place in the list, and the others are still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct IdItem(pub(super) Result<RawId, String>);

impl<'de> Deserialize<'de> for IdItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdVisitor).map(IdItem)
    }
}

/// What an id is, for every message about a bad one.
pub(super) const ID_FORMS: &str =
    "an id is a whole number from 1, like 1491, or a short code in quotes, like \"9973-A\"";

/// Reads an id as whatever TOML holds, so that every wrong value, however
/// large, is told in docket's words rather than the parser's ("u64 value
/// was too large").
struct IdVisitor;

impl IdVisitor {
    fn number(n: i128) -> Result<RawId, String> {
        match u64::try_from(n).ok().and_then(Id::number) {
            Some(id) => Ok(RawId(id)),
            None if n > 0 => Err(format!(
                "{n} is too large for an id: a number id is at most {}",
                super::id::MAX_NUMBER
            )),
            None => Err(format!("{n} is not an id: {ID_FORMS}")),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for IdVisitor {
    type Value = Result<RawId, String>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(ID_FORMS)
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Self::number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Self::number(n.into()))
    }

    fn visit_i128<E>(self, n: i128) -> Result<Self::Value, E> {
        Ok(Self::number(n))
    }

    fn visit_u128<E>(self, n: u128) -> Result<Self::Value, E> {
        Ok(Self::number(i128::try_from(n).unwrap_or(i128::MAX)))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Err(format!(
            "the number {n} is not an id: {ID_FORMS} (a code with a dot is written in quotes)"
        )))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Err(format!("`{b}` is not an id: {ID_FORMS}")))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Id::parse(s)
            .map(RawId)
            .map_err(|why| format!("\"{s}\" is not an id: {why}")))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        // Read to the end, so that the parser carries on after the list.
        let _ = toml::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Err(format!("a list is not an id: {ID_FORMS}")))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        // A TOML date comes as a map too.
        let v = toml::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Err(format!("{} is not an id: {ID_FORMS}", describe(&v))))
    }
}

/// A date as an entry gives it: a TOML date (`2025-01-31`), or where the
/// day is not known, a month or a year in quotes (`"1948-06"`, `"1948"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontDate(pub Date);

impl<'de> Deserialize<'de> for FrontDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) => match Date::parse(s.trim()) {
                Some(date) if date.precision() != Precision::Day => Ok(FrontDate(date)),
                // A day in quotes: `day` says to take them off.
                Some(_) => day(toml::Value::String(s)).map(|d| FrontDate(Date::day(d))).map_err(D::Error::custom),
                None => Err(D::Error::custom(format!(
                    "expected a date, found the text \"{s}\": a day is written without quotes, like 2025-01-31, and a month or a year whose day is not known in quotes, like \"1948-06\" or \"1948\""
                ))),
            },
            v => day(v).map(|d| FrontDate(Date::day(d))).map_err(D::Error::custom),
        }
    }
}

/// A day, written as an unquoted TOML date (`2025-01-31`): an entry's
/// `updated` is always known to the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontDay(pub NaiveDate);

impl<'de> Deserialize<'de> for FrontDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        day(toml::Value::deserialize(d)?)
            .map(FrontDay)
            .map_err(D::Error::custom)
    }
}

fn day(v: toml::Value) -> Result<NaiveDate, String> {
    match v {
        toml::Value::Datetime(dt) => date_of(&dt),
        toml::Value::String(s) => Err(format!(
            "expected a date, found the text \"{s}\": write the date without quotes, like 2025-01-31"
        )),
        other => Err(format!(
            "expected a date like 2025-01-31, found {}",
            describe(&other)
        )),
    }
}

/// The calendar date a TOML date names; a time or an offset is refused.
pub(super) fn date_of(dt: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(date), None, None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| format!("{date} is not a day of the calendar")),
        (Some(date), _, _) => Err(format!(
            "expected a date alone, found a date with a time: write {date}"
        )),
        (None, _, _) => Err("expected a date like 2025-01-31, found a time of day".into()),
    }
}

fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("the text \"{s}\""),
        toml::Value::Integer(i) => format!("the number {i}"),
        toml::Value::Float(f) => format!("the number {f}"),
        toml::Value::Boolean(b) => format!("`{b}`"),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
    }
}

/// What a key holds: the diagnostic code of a bad value depends on it,
/// and `docket import` reads a cell for it accordingly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// An entry's own id.
    Id,
    /// A list of policy ids.
    Ids,
    Date,
    /// One line of text (a vocabulary value, a name, a URL).
    Text,
    /// A list of texts (vocabulary values, aliases).
    List,
    Bool,
    /// A table of names to texts (`identifiers`).
    Table,
    /// `[[documents]]` tables.
    Documents,
}

/// A front matter key: its name, whether it is required, what it holds,
/// and an example written into the help of a diagnostic about it. The
/// lists of keys ([`keys`]) are the one place that says which keys each
/// kind of entry has.
#[derive(Debug, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub required: bool,
    pub ty: Ty,
    pub example: &'static str,
}

pub(super) const fn key(name: &'static str, required: bool, ty: Ty, example: &'static str) -> Key {
    Key {
        name,
        required,
        ty,
        example,
    }
}

// The keys every kind of entry has, in each kind's list: only `updated`'s
// example differs, and it comes between them.
const DOCUMENTS: Key = key(
    "documents",
    false,
    Ty::Documents,
    "[[documents]] with title = \"…\" and file = \"…\" or url = \"https://…\"",
);
const DRAFT: Key = key("draft", false, Ty::Bool, "draft = true");
const ALIASES: Key = key("aliases", false, Ty::List, ALIASES_EXAMPLE);

/// The keys of the front matter of `kind`, in the order the book lists them.
pub fn keys(kind: super::Kind) -> &'static [Key] {
    match kind {
        super::Kind::Policy => PolicyFront::KEYS,
        super::Kind::CourtAction => CourtActionFront::KEYS,
        super::Kind::Commentary => CommentaryFront::KEYS,
    }
}

const ALIASES_EXAMPLE: &str = "aliases = [\"old/path/\"]";

pub(super) trait Front: DeserializeOwned + Default {
    const KEYS: &'static [Key];
}

pub(super) type List = Spanned<Vec<Spanned<String>>>;
pub(super) type IdList = Spanned<Vec<Spanned<IdItem>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PolicyFront {
    pub(super) id: Option<Spanned<RawId>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) administration: Option<Spanned<String>>,
    pub(super) announced: Option<FrontDate>,
    pub(super) effective: Option<FrontDate>,
    pub(super) status: Option<List>,
    pub(super) action: Option<Spanned<String>>,
    pub(super) subjects: Option<List>,
    pub(super) agencies: Option<List>,
    pub(super) current_status: Option<Spanned<String>>,
    pub(super) identifiers: Option<BTreeMap<String, String>>,
    pub(super) supersedes: Option<IdList>,
    pub(super) implements: Option<IdList>,
    pub(super) documents: Option<Vec<Spanned<DocumentFront>>>,
    pub(super) updated: Option<FrontDay>,
    pub(super) draft: Option<bool>,
    pub(super) aliases: Option<Vec<Spanned<String>>>,
}

impl Front for PolicyFront {
    const KEYS: &'static [Key] = &[
        key("id", true, Ty::Id, "id = 1491"),
        key("title", true, Ty::Text, "title = \"Interim Guidance on …\""),
        key(
            "administration",
            true,
            Ty::Text,
            "administration = \"Trump 2.0\"",
        ),
        key("announced", true, Ty::Date, "announced = 2025-01-31"),
        key("effective", false, Ty::Date, "effective = 2025-01-31"),
        key(
            "status",
            true,
            Ty::List,
            "status = [\"Final/Actual\", \"In Litigation\"]",
        ),
        key("action", true, Ty::Text, "action = \"Agency Directive\""),
        key(
            "subjects",
            true,
            Ty::List,
            "subjects = [\"Interior Enforcement\"]",
        ),
        key("agencies", true, Ty::List, "agencies = [\"ICE\"]"),
        key(
            "current_status",
            false,
            Ty::Text,
            "current_status = \"Fully in Effect\"",
        ),
        key(
            "identifiers",
            false,
            Ty::Table,
            "identifiers = { \"Directive\" = \"11005.4\" }",
        ),
        key("supersedes", false, Ty::Ids, "supersedes = [312, 1102]"),
        key("implements", false, Ty::Ids, "implements = [1400]"),
        DOCUMENTS,
        key("updated", false, Ty::Date, "updated = 2025-02-10"),
        DRAFT,
        ALIASES,
    ];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CourtActionFront {
    pub(super) id: Option<Spanned<RawId>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) date: Option<FrontDate>,
    pub(super) case: Option<Spanned<String>>,
    pub(super) docket: Option<Spanned<String>>,
    pub(super) court: Option<Spanned<String>>,
    pub(super) filing: Option<Spanned<String>>,
    pub(super) challenges: Option<IdList>,
    pub(super) url: Option<Spanned<String>>,
    pub(super) documents: Option<Vec<Spanned<DocumentFront>>>,
    pub(super) updated: Option<FrontDay>,
    pub(super) draft: Option<bool>,
    pub(super) aliases: Option<Vec<Spanned<String>>>,
}

impl Front for CourtActionFront {
    const KEYS: &'static [Key] = &[
        key("id", true, Ty::Id, "id = 1"),
        key(
            "title",
            true,
            Ty::Text,
            "title = \"Complaint - ICWC v. Noem\"",
        ),
        key("date", true, Ty::Date, "date = 2025-10-14"),
        key(
            "case",
            true,
            Ty::Text,
            "case = \"Immigration Center for Women and Children v. Noem\"",
        ),
        key("docket", true, Ty::Text, "docket = \"2:25-cv-09848\""),
        key("court", true, Ty::Text, "court = \"C.D. Cal.\""),
        key("filing", true, Ty::Text, "filing = \"Complaint\""),
        key("challenges", true, Ty::Ids, "challenges = [1491]"),
        key(
            "url",
            false,
            Ty::Text,
            "url = \"https://www.courtlistener.com/…\"",
        ),
        DOCUMENTS,
        key("updated", false, Ty::Date, "updated = 2025-11-01"),
        DRAFT,
        ALIASES,
    ];
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CommentaryFront {
    pub(super) id: Option<Spanned<RawId>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) date: Option<FrontDate>,
    pub(super) source: Option<Spanned<String>>,
    pub(super) url: Option<Spanned<String>>,
    pub(super) about: Option<IdList>,
    pub(super) documents: Option<Vec<Spanned<DocumentFront>>>,
    pub(super) updated: Option<FrontDay>,
    pub(super) draft: Option<bool>,
    pub(super) aliases: Option<Vec<Spanned<String>>>,
}

impl Front for CommentaryFront {
    const KEYS: &'static [Key] = &[
        key("id", true, Ty::Id, "id = 1"),
        key(
            "title",
            true,
            Ty::Text,
            "title = \"AILA Practice Alert: …\"",
        ),
        key("date", true, Ty::Date, "date = 2025-03-03"),
        key(
            "source",
            true,
            Ty::Text,
            "source = \"American Immigration Lawyers Association (AILA)\"",
        ),
        key("url", false, Ty::Text, "url = \"https://www.aila.org/…\""),
        key("about", true, Ty::Ids, "about = [1491]"),
        DOCUMENTS,
        key("updated", false, Ty::Date, "updated = 2025-03-10"),
        DRAFT,
        ALIASES,
    ];
}

/// One `[[documents]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentFront {
    pub(super) title: Option<Spanned<String>>,
    pub(super) date: Option<FrontDate>,
    pub(super) file: Option<Spanned<String>>,
    pub(super) url: Option<Spanned<String>>,
}

/// Reads `table` into `T`, reporting every unknown key, missing required key
/// and bad value. Keys with bad values are left out, so that the checks of
/// the other keys still run. The fields the site declares of its own are
/// checked too, and kept in `cx`.
pub(super) fn deserialize<T: Front>(table: Spanned<DeTable<'_>>, cx: &mut Cx<'_>) -> T {
    let span = table.span();
    let map = table.into_inner();
    let fields = cx.fields;
    let level = |k: &Key| fields.level(k.name, k.required);
    let known = |k: &str| {
        T::KEYS
            .iter()
            .any(|key| key.name == k && level(key) != Level::Absent)
    };
    let absent = |k: &str| T::KEYS.iter().any(|key| key.name == k) && !known(k);
    let relations = cx.relations;
    let kind = cx.kind;
    let own = |k: &str| {
        fields.field(k).is_some()
            || fields.unreadable.iter().any(|u| u == k)
            || relations.of(kind).any(|(_, r)| r.key == k)
    };

    let suggested = unknown_keys::<T>(&map, &known, &own, cx);
    for (k, _) in map.iter().filter(|(k, _)| absent(k.get_ref())) {
        absent_key(k, cx);
    }
    let (own_values, map): (Vec<_>, Vec<_>) = map.into_iter().partition(|(k, _)| own(k.get_ref()));
    let mut map: DeTable<'_> = map
        .into_iter()
        .filter(|(k, _)| known(k.get_ref()))
        .collect();
    let written: Vec<&str> = map
        .keys()
        .chain(own_values.iter().map(|(k, _)| k))
        .map(|k| k.get_ref().as_ref())
        .collect();
    missing_keys::<T>(&written, &suggested, cx);
    for field in &fields.extra {
        let value = own_values
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == field.key.as_str());
        if let Some((_, value)) = value {
            if let Some(extra) = super::fields::check(field, value.clone(), cx) {
                cx.extra.push(extra);
            }
        }
    }
    for (i, rel) in relations.of(kind) {
        let value = own_values
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == rel.key.as_str());
        if let Some((_, value)) = value {
            if let Some(related) = super::related::check(i, rel, value.clone(), cx) {
                cx.related.push(related);
            }
        }
    }

    match T::deserialize(Deserializer::from(Spanned::new(span.clone(), map.clone()))) {
        Ok(t) => t,
        Err(_) => {
            // Find each key whose value is at fault, report it, and read the rest.
            let keys: Vec<_> = map.keys().cloned().collect();
            for k in keys {
                let mut single = DeTable::new();
                if let Some((key, value)) = map.get_key_value(&k) {
                    single.insert(key.clone(), value.clone());
                }
                if let Err(e) =
                    T::deserialize(Deserializer::from(Spanned::new(span.clone(), single)))
                {
                    let spec = T::KEYS.iter().find(|s| s.name == k.get_ref().as_ref());
                    report_value(e, &k, map.get(&k), spec, cx);
                    map.remove(&k);
                }
            }
            T::deserialize(Deserializer::from(Spanned::new(span, map))).unwrap_or_default()
        }
    }
}

/// Reports every key that is neither a standard key of the kind nor a
/// field of the site's own, with the nearest of them; gives the keys
/// suggested, so that a misspelt required key is reported once, as
/// unknown with its right spelling, not a second time as missing.
fn unknown_keys<T: Front>(
    map: &DeTable<'_>,
    known: &dyn Fn(&str) -> bool,
    own: &dyn Fn(&str) -> bool,
    cx: &mut Cx<'_>,
) -> Vec<String> {
    let fields = cx.fields;
    let relations = cx.relations;
    let names: Vec<&str> = T::KEYS
        .iter()
        .map(|k| k.name)
        .filter(|k| known(k))
        .chain(fields.extra.iter().map(|f| f.key.as_str()))
        .chain(relations.of(cx.kind).map(|(_, r)| r.key.as_str()))
        .collect();
    let mut suggested = Vec::new();
    let unknown = map
        .keys()
        .filter(|k| !known(k.get_ref()) && !own(k.get_ref()))
        .filter(|k| !T::KEYS.iter().any(|key| key.name == k.get_ref().as_ref()));
    for k in unknown {
        let name = k.get_ref().as_ref();
        let help = match nearest(name, names.iter().copied()) {
            Some(near) => {
                suggested.push(near.to_string());
                format!("did you mean `{near}`?")
            }
            None => format!(
                "the keys of this kind of entry are {}",
                names
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let at = cx.span(k.span());
        cx.error(
            Diagnostic::error(Code::UnknownKey, at, format!("unknown key `{name}`"))
                .label("not a key of this kind of entry")
                .help(help),
        );
    }
    suggested
}

/// A standard key that `docket.toml` declares absent, written all the same.
fn absent_key(key: &Spanned<toml::de::DeString<'_>>, cx: &mut Cx<'_>) {
    let name = key.get_ref().as_ref();
    let at = cx.span(key.span());
    let kind = cx.kind;
    cx.error(
        Diagnostic::error(
            Code::UnknownKey,
            at,
            format!("`{name}` is not part of this site's format"),
        )
        .label("declared absent")
        .help(format!(
            "docket.toml declares it absent ([fields.{kind}] {name} = \"absent\"): remove it here, or declare it \"optional\" there"
        )),
    );
}

/// Reports every required key, standard or of the site's own, that is not
/// written.
fn missing_keys<T: Front>(written: &[&str], suggested: &[String], cx: &mut Cx<'_>) {
    let fields = cx.fields;
    // After a syntax error the table holds what could be read, which may
    // not be every key written: a key is missing only if no word of the
    // text is its name, so that the same run still reports a key the file
    // lacks (and never one that a syntax error hid).
    let recovered = cx.recovered.clone();
    let unread = |name: &str| {
        recovered
            .as_deref()
            .is_some_and(|text| mentions(text, name))
    };
    // The example of a key is made only when the key is missing: every
    // file has its required keys, and writing their examples was 1% of
    // `check`.
    let missing = |name: &str| {
        !written.contains(&name) && !suggested.iter().any(|s| s == name) && !unread(name)
    };
    let standard = T::KEYS
        .iter()
        .filter(|k| fields.level(k.name, k.required) == Level::Required)
        .filter(|k| missing(k.name))
        .map(|k| (k.name, cx.example_of(k)));
    let own = fields
        .extra
        .iter()
        .filter(|f| f.required && missing(&f.key))
        .map(|f| {
            let allowed = f
                .vocabulary
                .as_deref()
                .and_then(|v| cx.config().vocabulary.list(v));
            (f.key.as_str(), super::fields::example(f, allowed))
        });
    let missing: Vec<(&str, String)> = standard.chain(own).collect();
    for (name, example) in missing {
        let fence = cx.fence;
        cx.error(
            Diagnostic::error(
                Code::MissingKey,
                fence,
                format!("missing required key `{name}`"),
            )
            .label(format!("this front matter has no `{name}`"))
            .help(format!("add it, like {example}")),
        );
    }
}

/// Whether `name` is written in `text` as a word of its own, as a key
/// would be (bare, quoted or dotted), and not as part of a longer name.
fn mentions(text: &str, name: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    text.match_indices(name).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(part)
            && !text[at + name.len()..].chars().next().is_some_and(part)
    })
}

fn report_value(
    e: toml::de::Error,
    key: &Spanned<toml::de::DeString<'_>>,
    value: Option<&Spanned<DeValue<'_>>>,
    spec: Option<&Key>,
    cx: &mut Cx<'_>,
) {
    let name = key.get_ref().as_ref();
    let raw = e.span().unwrap_or(key.span());
    if cx
        .syntax
        .iter()
        .any(|s| s.start < raw.end && raw.start < s.end)
    {
        return;
    }
    let at = cx.span(raw);
    let message = e.message().trim().to_string();
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|m| m.split('`').next())
    {
        let help = match nearest(field, ["title", "date", "file", "url"]) {
            Some(near) => format!(
                "did you mean `{near}`? a document has `title`, `date` and one of `file` or `url`"
            ),
            None => "a document has `title`, `date` and one of `file` or `url`".to_string(),
        };
        cx.error(
            Diagnostic::error(
                Code::UnknownKey,
                at,
                format!("unknown key `{field}` in `{name}`"),
            )
            .label("not a key of a document")
            .help(help),
        );
        return;
    }
    let code = match spec.map(|s| s.ty) {
        Some(Ty::Id | Ty::Ids) => Code::InvalidId,
        Some(Ty::Date) => Code::InvalidDate,
        _ => Code::WrongType,
    };
    let message = match (syntax::value_error(&message), code) {
        (Some(plain), _) => format!("wrong kind of value for `{name}`: {plain}"),
        (None, Code::InvalidId) => format!("bad `{name}`: {message}"),
        (None, _) => format!("bad value for `{name}`: {message}"),
    };
    let mut d = Diagnostic::error(code, at, message).label("this value");
    // A date written another way gets the one it most likely means.
    let meant = match (code, value.map(Spanned::get_ref)) {
        (Code::InvalidDate, Some(DeValue::String(s))) => Date::read_loosely(s),
        _ => None,
    };
    // `updated` is always a day (`FrontDay`).
    if let Some(meant) = meant.filter(|m| name != "updated" || m.precision() == Precision::Day) {
        d = d.help(format!("write it like {name} = {}", meant.toml()));
    } else if let Some(spec) = spec {
        d = d.help(format!("write it like {}", cx.example_of(spec)));
    }
    cx.error(d);
}
