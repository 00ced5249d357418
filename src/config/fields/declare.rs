//! A field of the site's own as `[fields.KIND]` declares it: its name,
//! type, label, vocabulary and whether it is required.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::read::{in_written_order, Cx};
use super::{default_label, Field, FieldType, TYPES};
use crate::config::Vocabulary;
use crate::diag::{nearest, Code};

/// The keys of a field's declaration.
const FIELD_KEYS: [&str; 5] = ["type", "label", "vocabulary", "required", "pages"];

/// What a field's declaration writes, as far as it is good.
#[derive(Default)]
struct Written {
    ty: Option<FieldType>,
    /// Whether `type` is written at all (a bad one is reported as bad,
    /// not as missing).
    has_type: bool,
    label: Option<String>,
    vocabulary: Option<(String, Range<usize>)>,
    required: bool,
    /// `pages` as written, and where.
    pages: Option<(bool, Range<usize>)>,
    /// No problem found.
    good: bool,
}

/// A field of the site's own, if its declaration is good.
pub(super) fn field(
    kind: &str,
    key: &Spanned<toml::de::DeString<'_>>,
    table: DeTable<'_>,
    span: Range<usize>,
    vocabulary: &Vocabulary,
    cx: &mut Cx<'_>,
) -> Option<Field> {
    let name = key.get_ref().as_ref();
    let named = good_name(name, key.span(), cx);
    let mut w = written(kind, name, table, cx);
    let Some(ty) = w.ty else {
        if !w.has_type {
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
    if let Some((list, at)) = &w.vocabulary {
        w.good &= vocabulary_ok(kind, name, ty, list, at.clone(), vocabulary, cx);
    }
    let has_terms = matches!(ty, FieldType::Term | FieldType::Terms);
    let mut pages = match w.pages.clone() {
        // Reported, and the field kept without pages: its entries'
        // values are still checked, rather than each told the key is
        // unknown.
        Some((_, at)) if !has_terms => {
            cx.error(
                at,
                format!(
                    "`fields.{kind}.{name}` is of type \"{}\", whose values have no pages",
                    ty.name()
                ),
                "only for a term or terms",
                "remove `pages`, or make the field's type \"term\" or \"terms\"".into(),
            );
            false
        }
        Some((pages, _)) => pages,
        None => has_terms,
    };
    if named && pages && has_terms && !folder_free(kind, name, key.span(), w.pages.is_some(), cx) {
        pages = false;
    }
    (named && w.good).then(|| Field {
        key: name.to_string(),
        label: w.label.unwrap_or_else(|| default_label(name)),
        ty,
        vocabulary: w.vocabulary.map(|(list, _)| list),
        required: w.required,
        pages,
    })
}

/// Reads the keys of a field's declaration, reporting each bad one.
fn written(kind: &str, name: &str, table: DeTable<'_>, cx: &mut Cx<'_>) -> Written {
    let mut w = Written {
        good: true,
        ..Written::default()
    };
    for (k, v) in in_written_order(table) {
        let at = v.span();
        match (k.get_ref().as_ref(), v.into_inner()) {
            ("type", DeValue::String(t)) => {
                w.has_type = true;
                w.ty = field_type(&t, at, cx);
                w.good &= w.ty.is_some();
            }
            ("label", DeValue::String(l)) if !l.trim().is_empty() => w.label = Some(l.to_string()),
            ("vocabulary", DeValue::String(n)) => w.vocabulary = Some((n.to_string(), at)),
            ("required", DeValue::Boolean(b)) => w.required = b,
            ("pages", DeValue::Boolean(b)) => w.pages = Some((b, at)),
            (k @ ("type" | "label" | "vocabulary" | "required" | "pages"), _) => {
                // Without a good type or list the field cannot be read;
                // without a good label, level or `pages` it is read with
                // the defaults, so that its entries are not each told of it.
                w.good &= !matches!(k, "type" | "vocabulary");
                w.has_type |= k == "type";
                let example = match k {
                    "type" => "type = \"text\"",
                    "label" => "label = \"Signed by\"",
                    "vocabulary" => "vocabulary = \"dispositions\"",
                    "pages" => "pages = false",
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
                w.good = false;
                let help = match nearest(other, FIELD_KEYS) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "a field has `type`, and may have `label`, `vocabulary`, `required` and `pages`"
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
    w
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

/// Whether the folder of a term field's pages is free: docket's own
/// folders ([`super::TAKEN_FOLDERS`]) are not. A field that asks for
/// pages (`pages = true`) there is an error; one that has them by default
/// is warned and goes without, so that a `docket.toml` written before
/// fields had pages still builds.
fn folder_free(kind: &str, name: &str, at: Range<usize>, asked: bool, cx: &mut Cx<'_>) -> bool {
    let folder = super::folder_of(name);
    if !super::TAKEN_FOLDERS.contains(&folder.as_str()) {
        return true;
    }
    if asked {
        cx.error(
            at,
            format!("the pages of `fields.{kind}.{name}` would be in `{folder}/`, where docket puts its own"),
            "its values' pages would go in a folder of docket's",
            format!("give the field another name, like `{name}_terms`"),
        );
    } else {
        cx.warning(
            Code::FieldPages,
            at,
            format!("the values of `fields.{kind}.{name}` have no pages: `{folder}/` is docket's own folder"),
            "its values' pages would go in a folder of docket's",
            format!("give the field another name, like `{name}_terms`, for pages, or write `pages = false` to say it has none"),
        );
    }
    false
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
