//! `[relations]` of `docket.toml`: the relations between policies that a
//! site names beyond `supersedes` and `implements`, such as *amends* or
//! *revokes*, each with the name of its inverse and what it means: whether
//! it ends the force of the policy it names, whether an item may carry a
//! note ("sections 2 and 3"), whether it may name something that is
//! not an entry (a proclamation the site does not track), and whether it
//! joins policies into lineages as `supersedes` does. The content
//! format's own relations (`supersedes`, `implements`, `challenges`,
//! `about`) are declared here by default; a site may rename them, and
//! nothing else, since the rest of docket relies on what they mean.

use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use super::{read_table, unknown_keys};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

const KEYS: &[(&str, &str)] = &[
    ("label", "label = \"Revokes\""),
    ("inverse", "inverse = \"Revoked by\""),
    ("ends_force", "ends_force = true"),
    ("notes", "notes = true"),
    ("outside", "outside = true"),
    ("lineage", "lineage = true"),
    ("from", "from = \"commentary\""),
    ("to", "to = \"policy\""),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    label: Option<String>,
    inverse: Option<Spanned<String>>,
    ends_force: Option<bool>,
    notes: Option<bool>,
    outside: Option<bool>,
    lineage: Option<bool>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
}

/// One relation a site declares, from entries of one kind to entries of
/// one kind: policies to policies unless it says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The key entries write it under, `revokes`.
    pub key: String,
    /// What the page of the policy that writes it says, `Revokes`.
    pub label: String,
    /// What the page of the policy it names says, `Revoked by`.
    pub inverse: String,
    /// The named policy's force ends when the naming one takes force, as
    /// with `supersedes`.
    pub ends_force: bool,
    /// An item may be `{ id = 12, note = "sections 2 and 3" }`.
    pub notes: bool,
    /// An item may be `{ title = "Proclamation 9645", url = "https://…" }`,
    /// naming what is not an entry of the site.
    pub outside: bool,
    /// The policy that names another follows it in its lineage, as one
    /// that supersedes it does: the two share a lineage's page and picture,
    /// and the relation is checked for cycles and date order.
    pub lineage: bool,
    /// The kind of the entries that write it, as `[fields.KIND]` names
    /// kinds: `policy`, `court-action` or `commentary`.
    pub from: &'static str,
    /// The kind of the entries its items name.
    pub to: &'static str,
}

/// Every declared relation, in the order `docket.toml` gives them, and
/// the built-in ones as the site names them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    pub list: Vec<Relation>,
    pub builtins: Builtins,
}

impl Relations {
    pub fn get(&self, key: &str) -> Option<(usize, &Relation)> {
        self.list.iter().enumerate().find(|(_, r)| r.key == key)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The relations entries of `kind` write, with their positions.
    pub fn of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = (usize, &'a Relation)> + 'a {
        self.list
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.from == kind)
    }

    /// The positions of the relations that join lineages (`lineage = true`).
    pub fn lineage(&self) -> impl Iterator<Item = usize> + '_ {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, r)| r.lineage)
            .map(|(i, _)| i)
    }
}

/// Reads `[relations]`, reporting every bad declaration at its place.
pub(super) fn read(
    value: Spanned<DeValue<'_>>,
    extra_keys: &dyn Fn(&str) -> Vec<String>,
    file: FileId,
    diags: &mut Diagnostics,
) -> Relations {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        diags.push(
            Diagnostic::error(Code::Config, Span::new(file, span), "`relations` must be a table")
                .label("not a table")
                .help("declare each relation in a section of its own, like [relations.revokes] with inverse = \"Revoked by\""),
        );
        return Relations::default();
    };
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let mut out = Relations::default();
    for (key, decl) in entries {
        let name = key.get_ref().to_string();
        let at = Span::new(file, key.span());
        if let Some(builtin) = out.builtins.get_mut(&name) {
            rename(builtin, decl, file, diags);
            continue;
        }
        let Some(r) = relation(name, decl, at, file, diags) else {
            continue;
        };
        if let Some(why) = bad_name(&r.key, r.from, &extra_keys(r.from)) {
            diags.push(
                Diagnostic::error(Code::Config, at, format!("`relations.{}` {why}", r.key))
                    .label("this relation")
                    .help("name a relation by the key entries write it under, in lower case with `_`, like revokes or revokes_in_part"),
            );
            continue;
        }
        out.list.push(r);
    }
    out
}

fn bad_name(name: &str, from: &str, extra_keys: &[String]) -> Option<String> {
    if name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Some("is not a key entries can write: lower case letters, digits and `_`, starting with a letter".into());
    }
    // The standard keys of the kind that writes it are the content format's own.
    let standard = super::fields::KINDS
        .iter()
        .position(|k| *k == from)
        .map_or(&[][..], |i| super::fields::STANDARD[i]);
    if standard.contains(&name) {
        return Some(format!(
            "is a key of the content format: `{name}` cannot also be a relation"
        ));
    }
    if extra_keys.iter().any(|k| k == name) {
        return Some(format!(
            "is also declared in [fields.{from}]: one key cannot be both a field and a relation"
        ));
    }
    None
}

fn relation(
    key: String,
    decl: Spanned<DeValue<'_>>,
    at: Span,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<Relation> {
    let span = decl.span();
    let prefix = format!("relations.{key}.");
    let raw: RawRelation = match decl.into_inner() {
        DeValue::Table(mut t) => {
            unknown_keys(&mut t, KEYS, &prefix, file, diags);
            read_table(Spanned::new(span, t), KEYS, &prefix, file, diags)
        }
        _ => {
            let settings = "inverse = \"…\" and the other settings";
            not_a_table(&key, settings, Span::new(file, span), diags);
            return None;
        }
    };
    let default_label = super::fields::default_label(&key);
    let Some(inverse) = raw.inverse.filter(|i| !i.get_ref().trim().is_empty()) else {
        diags.push(
            Diagnostic::error(
                Code::Config,
                at,
                format!("`relations.{key}` has no `inverse`"),
            )
            .label("this relation")
            .help("name what the page of a policy it names says, like inverse = \"Revoked by\" for revokes"),
        );
        return None;
    };
    let from = kind(&key, "from", raw.from, file, diags)?;
    let to = kind(&key, "to", raw.to, file, diags)?;
    let ends_force = raw.ends_force.unwrap_or(false);
    let lineage = raw.lineage.unwrap_or(false);
    if (ends_force || lineage) && (from != "policy" || to != "policy") {
        let setting = if ends_force { "ends_force" } else { "lineage" };
        diags.push(
            Diagnostic::error(
                Code::Config,
                at,
                format!("`relations.{key}` joins {from} to {to}, and `{setting}` joins policies only"),
            )
            .label("this relation")
            .help(format!(
                "only a policy's force and lineage can follow from a relation: remove `{setting}`, or make it from = \"policy\" and to = \"policy\""
            )),
        );
        return None;
    }
    Some(Relation {
        label: raw
            .label
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(default_label),
        key,
        inverse: inverse.into_inner(),
        ends_force,
        notes: raw.notes.unwrap_or(false),
        outside: raw.outside.unwrap_or(false),
        lineage,
        from,
        to,
    })
}

/// The kind `from` or `to` names (`policy` when it names none), or an
/// error at the value with the nearest kind.
fn kind(
    key: &str,
    setting: &str,
    value: Option<Spanned<String>>,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<&'static str> {
    let Some(value) = value else {
        return Some("policy");
    };
    let kinds = super::fields::KINDS;
    if let Some(k) = kinds.iter().find(|k| **k == value.get_ref().as_str()) {
        return Some(k);
    }
    let list = kinds.map(|k| format!("\"{k}\"")).join(", ");
    let help = match crate::diag::nearest(value.get_ref(), kinds) {
        Some(near) => format!("did you mean \"{near}\"? a relation joins kinds of entries: {list}"),
        None => format!("a relation joins kinds of entries: {list}"),
    };
    diags.push(
        Diagnostic::error(
            Code::Config,
            Span::new(file, value.span()),
            format!(
                "`relations.{key}.{setting}` names \"{}\", which is not a kind of entry",
                value.get_ref()
            ),
        )
        .label("not a kind of entry")
        .help(help),
    );
    None
}

/// The keys a built-in relation may set: its meaning is the content
/// format's, so only what its pages call it can change.
const BUILTIN_KEYS: &[(&str, &str)] = &[
    ("label", "label = \"Replaces\""),
    ("inverse", "inverse = \"Replaced by\""),
];

/// One of the content format's own relations, `supersedes`, `implements`,
/// `challenges` and `about`, with what pages call it: declared by default,
/// renamed in `[relations.KEY]` with `label` and `inverse` only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Builtin {
    /// The key entries write it under.
    pub key: &'static str,
    /// What the page of the entry that writes it says, `Supersedes`.
    pub label: String,
    /// What the page of the policy it names says, `Superseded by`.
    pub inverse: String,
    /// Whether `docket.toml` renamed it: the pages' sentences that say it
    /// in their own words (`Not superseded.`) then say it by its names.
    pub renamed: bool,
}

impl Builtin {
    fn new(key: &'static str, label: &str, inverse: &str) -> Builtin {
        Builtin {
            key,
            label: label.into(),
            inverse: inverse.into(),
            renamed: false,
        }
    }
}

/// The four built-in relations, as a site names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Builtins {
    pub supersedes: Builtin,
    pub implements: Builtin,
    pub challenges: Builtin,
    pub about: Builtin,
}

impl Default for Builtins {
    fn default() -> Builtins {
        Builtins {
            supersedes: Builtin::new("supersedes", "Supersedes", "Superseded by"),
            implements: Builtin::new("implements", "Implements", "Derivative policies"),
            challenges: Builtin::new("challenges", "Policies challenged", "Court actions"),
            about: Builtin::new("about", "About these policies", "Commentary"),
        }
    }
}

impl Builtins {
    /// The built-in relation written under `key`.
    fn get_mut(&mut self, key: &str) -> Option<&mut Builtin> {
        match key {
            "supersedes" => Some(&mut self.supersedes),
            "implements" => Some(&mut self.implements),
            "challenges" => Some(&mut self.challenges),
            "about" => Some(&mut self.about),
            _ => None,
        }
    }
}

/// Renames the built-in relation `builtin` as `decl` says, reporting
/// anything else it tries to change.
fn rename(
    builtin: &mut Builtin,
    decl: Spanned<DeValue<'_>>,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let key = builtin.key;
    let span = decl.span();
    let DeValue::Table(mut table) = decl.into_inner() else {
        not_a_table(
            key,
            "label = \"…\" and inverse = \"…\"",
            Span::new(file, span),
            diags,
        );
        return;
    };
    // A setting other relations have is named as fixed, not as unknown.
    let fixed: Vec<_> = table
        .keys()
        .filter(|k| KEYS.iter().any(|(name, _)| *name == k.get_ref()))
        .filter(|k| !BUILTIN_KEYS.iter().any(|(name, _)| *name == k.get_ref()))
        .cloned()
        .collect();
    for k in fixed {
        diags.push(
            Diagnostic::error(
                Code::Config,
                Span::new(file, k.span()),
                format!(
                    "`relations.{key}.{}` cannot be set: `{key}` is a relation of the content format, and what it means is fixed",
                    k.get_ref()
                ),
            )
            .label("fixed for a built-in relation")
            .help("only what pages call it can change, with `label` and `inverse`; for a relation that means something else, declare one under a key of your own, like [relations.replaces]"),
        );
        table.remove(&k);
    }
    let prefix = format!("relations.{key}.");
    unknown_keys(&mut table, BUILTIN_KEYS, &prefix, file, diags);
    let raw: RawRelation = read_table(
        Spanned::new(span, table),
        BUILTIN_KEYS,
        &prefix,
        file,
        diags,
    );
    let named = |v: Option<String>| v.filter(|l| !l.trim().is_empty());
    if let Some(label) = named(raw.label) {
        builtin.renamed |= label != builtin.label;
        builtin.label = label;
    }
    if let Some(inverse) = named(raw.inverse.map(Spanned::into_inner)) {
        builtin.renamed |= inverse != builtin.inverse;
        builtin.inverse = inverse;
    }
}

/// A relation declared as something other than a section.
fn not_a_table(key: &str, settings: &str, at: Span, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(
            Code::Config,
            at,
            format!("`relations.{key}` must be a table"),
        )
        .label("not a table")
        .help(format!(
            "write it as a [relations.{key}] section, with {settings}"
        )),
    );
}
