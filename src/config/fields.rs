//! `[fields]` of `docket.toml`: which keys each kind of entry has. A
//! standard key may be declared "required", "optional" or "absent", and a
//! site may add fields of its own, each with a type. Nothing declared keeps
//! the content format as the book gives it.
//!
//! The kinds are named here as on the command line (`policy`,
//! `court-action`, `commentary`): `config` sits below `content`, so it
//! knows kinds by name only.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::Vocabulary;
use crate::diag::{nearest, Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

/// The kinds, as `[fields.NAME]` and the command line name them.
pub const KINDS: [&str; 3] = ["policy", "court-action", "commentary"];

/// Why a standard key cannot be declared, for the keys that cannot.
const FIXED: &[(&str, &str)] = &[
    ("id", "every entry has an id"),
    ("title", "every entry has a title"),
    (
        "announced",
        "a policy's date orders the lists, feeds and timelines",
    ),
    (
        "date",
        "an entry's date orders the lists, feeds and timelines",
    ),
    ("case", "a court action's case is what its filings share"),
    (
        "docket",
        "a court action's court and docket number make its case",
    ),
    (
        "court",
        "a court action's court and docket number make its case",
    ),
];

/// The standard keys of each kind, as in `content::keys`, which a test
/// keeps equal to this list.
pub const STANDARD: [&[&str]; 3] = [
    &[
        "id",
        "title",
        "administration",
        "announced",
        "effective",
        "status",
        "action",
        "subjects",
        "agencies",
        "current_status",
        "identifiers",
        "supersedes",
        "implements",
        "documents",
        "updated",
        "draft",
        "aliases",
    ],
    &[
        "id",
        "title",
        "date",
        "case",
        "docket",
        "court",
        "filing",
        "challenges",
        "url",
        "documents",
        "updated",
        "draft",
        "aliases",
    ],
    &[
        "id",
        "title",
        "date",
        "source",
        "url",
        "about",
        "documents",
        "updated",
        "draft",
        "aliases",
    ],
];

/// Whether a standard key must be written, may be, or must not be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Required,
    Optional,
    Absent,
}

const LEVELS: [(&str, Level); 3] = [
    ("required", Level::Required),
    ("optional", Level::Optional),
    ("absent", Level::Absent),
];

/// What a field of a site's own holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Text,
    /// A TOML date, `2025-01-31`.
    Date,
    /// An http or https address.
    Url,
    /// A TOML integer or float.
    Number,
    /// One value of a vocabulary.
    Term,
    /// Several values of a vocabulary.
    Terms,
    /// Several texts.
    List,
}

const TYPES: [(&str, FieldType); 7] = [
    ("text", FieldType::Text),
    ("date", FieldType::Date),
    ("url", FieldType::Url),
    ("number", FieldType::Number),
    ("term", FieldType::Term),
    ("terms", FieldType::Terms),
    ("list", FieldType::List),
];

impl FieldType {
    /// Its name in `docket.toml`.
    pub fn name(self) -> &'static str {
        TYPES
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("text", |(n, _)| n)
    }
}

/// A field of a site's own, as `[fields.KIND]` declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    /// What readers see beside the value.
    pub label: String,
    pub ty: FieldType,
    /// The list of `[vocabulary]` a term's values are checked against;
    /// without one, any value is accepted.
    pub vocabulary: Option<String>,
    pub required: bool,
}

/// The declarations of one kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindFields {
    /// The levels of the standard keys that are declared.
    pub levels: BTreeMap<String, Level>,
    /// The fields of the site's own, in the order `docket.toml` gives them.
    pub extra: Vec<Field>,
}

impl KindFields {
    /// The level of a standard key: as declared, or else as the content
    /// format has it.
    pub fn level(&self, key: &str, required_by_default: bool) -> Level {
        match self.levels.get(key) {
            Some(level) => *level,
            None if required_by_default => Level::Required,
            None => Level::Optional,
        }
    }

    /// The field of the site's own called `key`.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.extra.iter().find(|f| f.key == key)
    }
}

/// `[fields]`: the declarations of each kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    kinds: [KindFields; 3],
    /// What a name that is not a kind has: nothing declared.
    none: KindFields,
}

impl Fields {
    /// The declarations of the kind named `kind` (as on the command line).
    pub fn of(&self, kind: &str) -> &KindFields {
        match KINDS.iter().position(|k| *k == kind) {
            Some(i) => &self.kinds[i],
            None => &self.none,
        }
    }
}

impl Fields {
    /// Whether `docket.toml` declares the key of `vocab` absent: its
    /// vocabulary has no values, and the site's menu leaves it out.
    pub fn absent(&self, vocab: super::Vocab) -> bool {
        let (kind, key) = vocab.source();
        self.of(kind).levels.get(key) == Some(&Level::Absent)
    }
}

/// The names of the lists of `[vocabulary]` that fields name, read before
/// `[vocabulary]` is, so that a list of a site's own is not taken for a
/// misspelt standard one.
pub(super) fn vocabulary_names(value: Option<&Spanned<DeValue<'_>>>) -> Vec<String> {
    let mut names = Vec::new();
    let Some(DeValue::Table(kinds)) = value.map(Spanned::get_ref) else {
        return names;
    };
    for kind in kinds.values() {
        let DeValue::Table(keys) = kind.get_ref() else {
            continue;
        };
        for decl in keys.values() {
            if let DeValue::Table(t) = decl.get_ref() {
                if let Some(DeValue::String(s)) = t.get("vocabulary").map(Spanned::get_ref) {
                    names.push(s.to_string());
                }
            }
        }
    }
    names
}

/// Where problems are reported.
struct Cx<'a> {
    file: FileId,
    diags: &'a mut Diagnostics,
}

impl Cx<'_> {
    fn error(&mut self, at: Range<usize>, message: String, label: &str, help: String) {
        self.diags.push(
            Diagnostic::error(Code::Config, Span::new(self.file, at), message)
                .label(label)
                .help(help),
        );
    }
}

/// Reads `[fields]`, reporting every bad declaration at its place; the
/// good ones are kept, so that the entries are still checked.
pub(super) fn read(
    value: Spanned<DeValue<'_>>,
    vocabulary: &Vocabulary,
    file: FileId,
    diags: &mut Diagnostics,
) -> Fields {
    let mut cx = Cx { file, diags };
    let mut fields = Fields::default();
    let span = value.span();
    let DeValue::Table(kinds) = value.into_inner() else {
        cx.error(
            span,
            "`fields` must be a table".into(),
            "not a table",
            "write a section for each kind, like [fields.policy] with subjects = \"optional\""
                .into(),
        );
        return fields;
    };
    for (name, decls) in in_written_order(kinds) {
        let Some(i) = KINDS.iter().position(|k| *k == name.get_ref().as_ref()) else {
            unknown_kind(&name, &mut cx);
            continue;
        };
        let at = decls.span();
        match decls.into_inner() {
            DeValue::Table(t) => fields.kinds[i] = kind(KINDS[i], i, t, vocabulary, &mut cx),
            _ => cx.error(
                at,
                format!("`fields.{}` must be a table", KINDS[i]),
                "not a table",
                format!(
                    "write it as a [fields.{}] section, with lines like url = \"optional\"",
                    KINDS[i]
                ),
            ),
        }
    }
    fields
}

type Entry<'a> = (Spanned<toml::de::DeString<'a>>, Spanned<DeValue<'a>>);

/// The keys of a table in the order they are written: the `toml` crate
/// keeps them sorted, and the order of fields is the order readers see.
fn in_written_order(table: DeTable<'_>) -> Vec<Entry<'_>> {
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

fn unknown_kind(name: &Spanned<toml::de::DeString<'_>>, cx: &mut Cx<'_>) {
    let written = name.get_ref().as_ref();
    let plural = [("policies", "policy"), ("court-actions", "court-action")];
    let near = plural
        .iter()
        .find(|(p, _)| *p == written)
        .map(|(_, k)| *k)
        .or_else(|| nearest(written, KINDS));
    let help = match near {
        Some(k) => format!("did you mean `fields.{k}`?"),
        None => "the kinds are `policy`, `court-action` and `commentary`".into(),
    };
    cx.error(
        name.span(),
        format!("unknown kind of entry `fields.{written}` in docket.toml"),
        "not a kind of entry",
        help,
    );
}

/// The declarations of one kind (`i` in [`KINDS`]).
fn kind(
    kind: &str,
    i: usize,
    table: DeTable<'_>,
    vocabulary: &Vocabulary,
    cx: &mut Cx<'_>,
) -> KindFields {
    let mut out = KindFields::default();
    for (key, value) in in_written_order(table) {
        let name = key.get_ref().as_ref();
        let standard = STANDARD[i].contains(&name);
        let span = value.span();
        match value.into_inner() {
            DeValue::String(level) if standard => {
                if let Some(level) = standard_level(kind, &key, &level, span, cx) {
                    out.levels.insert(name.to_string(), level);
                }
            }
            DeValue::String(_) => not_standard(kind, i, &key, cx),
            DeValue::Table(_) if standard => cx.error(
                key.span(),
                format!("`{name}` is a standard key of a {kind}, not a field of the site's own"),
                "a standard key",
                format!(
                    "declare it \"required\", \"optional\" or \"absent\", or give the field another name, like {name}_note"
                ),
            ),
            DeValue::Table(t) => {
                if let Some(field) = field(kind, &key, t, span, vocabulary, cx) {
                    out.extra.push(field);
                }
            }
            _ => cx.error(
                span,
                format!("bad declaration of `fields.{kind}.{name}`"),
                "this value",
                format!(
                    "write \"required\", \"optional\" or \"absent\" for a standard key, or a table for a field of the site's own, like {name} = {{ type = \"text\" }}"
                ),
            ),
        }
    }
    out
}

fn standard_level(
    kind: &str,
    key: &Spanned<toml::de::DeString<'_>>,
    level: &str,
    span: Range<usize>,
    cx: &mut Cx<'_>,
) -> Option<Level> {
    let name = key.get_ref().as_ref();
    if let Some((_, why)) = FIXED.iter().find(|(k, _)| *k == name) {
        cx.error(
            key.span(),
            format!("`{name}` of a {kind} cannot be declared"),
            "always required",
            format!("{why}: remove this line"),
        );
        return None;
    }
    if let Some((_, l)) = LEVELS.iter().find(|(n, _)| *n == level) {
        return Some(*l);
    }
    let help = match nearest(level, LEVELS.iter().map(|(n, _)| *n)) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => "a standard key is \"required\", \"optional\" or \"absent\"".into(),
    };
    cx.error(
        span,
        format!("\"{level}\" is not a level of `fields.{kind}.{name}`"),
        "not required, optional or absent",
        help,
    );
    None
}

fn not_standard(kind: &str, i: usize, key: &Spanned<toml::de::DeString<'_>>, cx: &mut Cx<'_>) {
    let name = key.get_ref().as_ref();
    let help = match nearest(name, STANDARD[i].iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? to add a field of the site's own, give its type: {name} = {{ type = \"text\" }}"
        ),
        None => format!(
            "to add a field of the site's own, give its type: {name} = {{ type = \"text\" }}"
        ),
    };
    cx.error(
        key.span(),
        format!("`{name}` is not a standard key of a {kind}"),
        "not a standard key",
        help,
    );
}

/// The keys of a field's declaration.
const FIELD_KEYS: [&str; 4] = ["type", "label", "vocabulary", "required"];

/// A field of the site's own, if its declaration is good.
fn field(
    kind: &str,
    key: &Spanned<toml::de::DeString<'_>>,
    table: DeTable<'_>,
    span: Range<usize>,
    vocabulary: &Vocabulary,
    cx: &mut Cx<'_>,
) -> Option<Field> {
    let name = key.get_ref().as_ref();
    let mut good = good_name(name, key.span(), cx);
    let mut ty = None;
    let mut label = None;
    let mut vocab = None;
    let mut required = false;
    for (k, v) in in_written_order(table) {
        let at = v.span();
        match (k.get_ref().as_ref(), v.into_inner()) {
            ("type", DeValue::String(t)) => {
                ty = field_type(&t, at, cx);
                good &= ty.is_some();
            }
            ("label", DeValue::String(l)) if !l.trim().is_empty() => label = Some(l.to_string()),
            ("vocabulary", DeValue::String(n)) => vocab = Some((n.to_string(), at)),
            ("required", DeValue::Boolean(b)) => required = b,
            (k @ ("type" | "label" | "vocabulary" | "required"), _) => {
                good = false;
                let example = match k {
                    "type" => "type = \"text\"",
                    "label" => "label = \"Signed by\"",
                    "vocabulary" => "vocabulary = \"dispositions\"",
                    _ => "required = true",
                };
                cx.error(
                    at,
                    format!("bad value for `{k}` of `fields.{kind}.{name}`"),
                    "this value",
                    format!("write it like {example}"),
                );
            }
            (other, _) => {
                good = false;
                let help = match nearest(other, FIELD_KEYS) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "a field has `type`, and may have `label`, `vocabulary` and `required`"
                        .into(),
                };
                cx.error(
                    k.span(),
                    format!("unknown key `{other}` in the declaration of `fields.{kind}.{name}`"),
                    "here",
                    help,
                );
            }
        }
    }
    let Some(ty) = ty else {
        if good {
            cx.error(
                span,
                format!("the field `fields.{kind}.{name}` has no `type`"),
                "no `type` here",
                format!(
                    "give it one of {}, like {name} = {{ type = \"text\" }}",
                    type_names()
                ),
            );
        }
        return None;
    };
    let vocabulary = match vocab {
        Some((n, at)) => {
            good &= vocabulary_ok(kind, name, ty, &n, at, vocabulary, cx);
            Some(n)
        }
        None => None,
    };
    good.then(|| Field {
        key: name.to_string(),
        label: label.unwrap_or_else(|| default_label(name)),
        ty,
        vocabulary,
        required,
    })
}

fn type_names() -> String {
    TYPES
        .iter()
        .map(|(n, _)| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn field_type(t: &str, at: Range<usize>, cx: &mut Cx<'_>) -> Option<FieldType> {
    if let Some((_, ty)) = TYPES.iter().find(|(n, _)| *n == t) {
        return Some(*ty);
    }
    let help = match nearest(t, TYPES.iter().map(|(n, _)| *n)) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!("the types are {}", type_names()),
    };
    cx.error(
        at,
        format!("\"{t}\" is not a type of field"),
        "not a type",
        help,
    );
    None
}

/// The keys of the export's records that are not keys of entry files: a
/// field of the site's own is written beside them, so cannot take one.
const EXPORTED: &[&str] = &[
    "kind",
    "page",
    "page_url",
    "source_file",
    "summary",
    "body",
    "changes",
    "superseded_by",
    "derivatives",
    "court_actions",
    "commentary",
    "cases",
    "in_force",
    "case_id",
];

/// Whether a field may be called `name`: the name is written in entry
/// files and is the field's key in the exports.
fn good_name(name: &str, at: Range<usize>, cx: &mut Cx<'_>) -> bool {
    if EXPORTED.contains(&name) {
        cx.error(
            at,
            format!("`{name}` cannot name a field: the data exports use it"),
            "a key of the exports",
            format!("give the field another name, like {name}_note"),
        );
        return false;
    }
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        let fixed: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        cx.error(
            at,
            format!("`{name}` cannot name a field"),
            "not a field name",
            format!(
                "a field's name is lower case letters, digits and `_`, starting with a letter, like `{fixed}`"
            ),
        );
    }
    ok
}

fn vocabulary_ok(
    kind: &str,
    name: &str,
    ty: FieldType,
    list: &str,
    at: Range<usize>,
    vocabulary: &Vocabulary,
    cx: &mut Cx<'_>,
) -> bool {
    if !matches!(ty, FieldType::Term | FieldType::Terms) {
        cx.error(
            at,
            format!(
                "`fields.{kind}.{name}` is of type \"{}\", which has no vocabulary",
                ty.name()
            ),
            "only for a term or terms",
            "remove `vocabulary`, or make the field's type \"term\" or \"terms\"".into(),
        );
        return false;
    }
    if vocabulary.list(list).is_some() {
        return true;
    }
    let help = match nearest(list, vocabulary.own_lists()) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!(
            "add it to docket.toml, like [vocabulary] {list} = [\"…\"], or leave out `vocabulary` to accept any value"
        ),
    };
    cx.error(
        at,
        format!("there is no list `{list}` in [vocabulary]"),
        "not a list of [vocabulary]",
        help,
    );
    false
}

/// The label of a field that gives none: `signed_by` is "Signed by".
pub fn default_label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_the_key_in_words() {
        assert_eq!(default_label("signed_by"), "Signed by");
        assert_eq!(default_label("pages"), "Pages");
    }
}
