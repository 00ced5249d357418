//! Reading `[fields]`: each kind's section, each declaration of a
//! standard key's level, every problem reported at its place.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::declare::field;
use super::{Field, FieldType, Fields, KindFields, Level, LEVELS, SECTIONS, STANDARD};
use crate::config::Vocabulary;
use crate::diag::{nearest, Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

/// Where problems are reported.
pub(super) struct Cx<'a> {
    file: FileId,
    diags: &'a mut Diagnostics,
}

impl Cx<'_> {
    pub(super) fn error(&mut self, at: Range<usize>, message: String, label: &str, help: String) {
        self.diags.push(
            Diagnostic::error(Code::Config, Span::new(self.file, at), message)
                .label(label)
                .help(help),
        );
    }

    pub(super) fn warning(
        &mut self,
        code: Code,
        at: Range<usize>,
        message: String,
        label: &str,
        help: String,
    ) {
        self.diags.push(
            Diagnostic::warning(code, Span::new(self.file, at), message)
                .label(label)
                .help(help),
        );
    }
}

/// Reads `[fields]`, reporting every bad declaration at its place; the
/// good ones are kept, so that the entries are still checked.
pub(in crate::config) fn read(
    value: Spanned<DeValue<'_>>,
    vocabulary: &Vocabulary,
    file: FileId,
    diags: &mut Diagnostics,
) -> Fields {
    let mut cx = Cx { file, diags };
    let mut fields = Fields::default();
    // The term fields read so far, by kind: one key is one set of pages.
    let mut paged: Vec<(&'static str, Field)> = Vec::new();
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
        let Some(i) = SECTIONS.iter().position(|k| *k == name.get_ref().as_ref()) else {
            unknown_kind(&name, &mut cx);
            continue;
        };
        let at = decls.span();
        match decls.into_inner() {
            DeValue::Table(t) => {
                fields.kinds[i] = kind(SECTIONS[i], i, t, vocabulary, &mut paged, &mut cx)
            }
            _ => cx.error(
                at,
                format!("`fields.{}` must be a table", SECTIONS[i]),
                "not a table",
                format!(
                    "write it as a [fields.{}] section, with lines like url = \"optional\"",
                    SECTIONS[i]
                ),
            ),
        }
    }
    fields
}

type Entry<'a> = (Spanned<toml::de::DeString<'a>>, Spanned<DeValue<'a>>);

/// The keys of a table in the order they are written: the `toml` crate
/// keeps them sorted, and the order of fields is the order readers see.
pub(super) fn in_written_order(table: DeTable<'_>) -> Vec<Entry<'_>> {
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

fn unknown_kind(name: &Spanned<toml::de::DeString<'_>>, cx: &mut Cx<'_>) {
    let written = name.get_ref().as_ref();
    let plural = [
        ("policies", "policy"),
        ("court-actions", "court-action"),
        ("cases", "case"),
    ];
    let near = plural
        .iter()
        .find(|(p, _)| *p == written)
        .map(|(_, k)| *k)
        .or_else(|| nearest(written, SECTIONS));
    let help = match near {
        Some(k) => format!("did you mean `fields.{k}`?"),
        None => {
            "the kinds are `policy`, `court-action`, `commentary` and `case` (case files)".into()
        }
    };
    cx.error(
        name.span(),
        format!("unknown kind of entry `fields.{written}` in docket.toml"),
        "not a kind of entry",
        help,
    );
}

/// The declarations of one kind (`i` in [`SECTIONS`]); `paged`, the term
/// fields of the kinds before it.
fn kind(
    kind: &'static str,
    i: usize,
    table: DeTable<'_>,
    vocabulary: &Vocabulary,
    paged: &mut Vec<(&'static str, Field)>,
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
            DeValue::Table(t) => match field(kind, &key, t, span, vocabulary, cx) {
                Some(field) => {
                    if matches!(field.ty, FieldType::Term | FieldType::Terms) {
                        one_set_of_pages(kind, &key, &field, paged, cx);
                        paged.push((kind, field.clone()));
                    }
                    out.extra.push(field);
                }
                None => out.unreadable.push(name.to_string()),
            },
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

/// A key that two kinds declare as terms is one set of pages: both must
/// have pages, or neither.
fn one_set_of_pages(
    kind: &str,
    key: &Spanned<toml::de::DeString<'_>>,
    field: &Field,
    paged: &[(&'static str, Field)],
    cx: &mut Cx<'_>,
) {
    let Some((other, before)) = paged.iter().find(|(_, f)| f.key == field.key) else {
        return;
    };
    if before.pages == field.pages {
        return;
    }
    let name = &field.key;
    let (with, without) = if field.pages {
        (kind, *other)
    } else {
        (*other, kind)
    };
    cx.error(
        key.span(),
        format!(
            "`fields.{with}.{name}` has pages and `fields.{without}.{name}` has none: a key has one set of pages for every kind"
        ),
        "declared otherwise for another kind",
        "write `pages` alike in both, or give one of the fields another name".into(),
    );
}

fn standard_level(
    kind: &str,
    key: &Spanned<toml::de::DeString<'_>>,
    level: &str,
    span: Range<usize>,
    cx: &mut Cx<'_>,
) -> Option<Level> {
    let name = key.get_ref().as_ref();
    if let Some((why, required)) = super::fixed(kind, name) {
        cx.error(
            key.span(),
            format!("`{name}` of a {kind} cannot be declared"),
            if required {
                "always required"
            } else {
                "always optional"
            },
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
