//! `[fields]` of `docket.toml`: which keys each kind of entry has. A
//! standard key may be declared "required", "optional" or "absent", and a
//! site may add fields of its own, each with a type. Nothing declared keeps
//! the content format as the book gives it.
//!
//! The kinds are named here as on the command line (`policy`,
//! `court-action`, `commentary`): `config` sits below `content`, so it
//! knows kinds by name only.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::Diagnostics;
use crate::source::FileId;

mod declare;
mod read;

pub(super) use read::read;

/// The kinds, as `[fields.NAME]` and the command line name them.
pub const KINDS: [&str; 3] = ["policy", "court-action", "commentary"];

/// What `[fields]` declares the fields of: the kinds of entries, then case
/// files (`[fields.case]`).
pub const SECTIONS: [&str; 4] = ["policy", "court-action", "commentary", "case"];

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
    ("docket", "a court and a docket number make a case"),
    ("court", "a court and a docket number make a case"),
    ("name", "a case file's name is its title"),
];

/// The standard keys of a case file that cannot be declared: read with
/// the case's links, they are always optional.
const CASE_FIXED: &[&str] = &["appeal_of", "consolidated_with", "challenges"];

/// Why the standard key `name` of the section `kind` cannot be declared,
/// and whether it is always required (else always optional).
pub(super) fn fixed(kind: &str, name: &str) -> Option<(&'static str, bool)> {
    if kind == "case" && CASE_FIXED.contains(&name) {
        return Some((
            "it is read with the case's links, and is always optional",
            false,
        ));
    }
    FIXED
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, why)| (*why, true))
}

/// The standard keys of each kind and of case files, as in
/// `content::keys` and `content::case::keys`, which a test keeps equal to
/// this list.
pub const STANDARD: [&[&str]; 4] = [
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
    &[
        "name",
        "court",
        "docket",
        "status",
        "filed",
        "url",
        "appeal_of",
        "consolidated_with",
        "challenges",
        "updated",
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
    /// For a term or terms field: whether each of its values has a page
    /// listing the entries that have it, in the field's folder
    /// ([`Field::folder`]), as a standard vocabulary's terms do.
    pub pages: bool,
}

impl Field {
    /// The folder of the field's pages ([`folder_of`]).
    pub fn folder(&self) -> String {
        folder_of(&self.key)
    }
}

/// The folder of the pages of the field `key`: its key, `_` written `-`.
fn folder_of(key: &str) -> String {
    key.replace('_', "-")
}

/// The folders at the top of a built site that docket names itself; a
/// field's pages may not take one. `site::paths` has a test that keeps
/// this list whole.
pub const TAKEN_FOLDERS: &[&str] = &[
    "policies",
    "court-actions",
    "commentary",
    "cases",
    "lineages",
    "search",
    "filters",
    "changes",
    "download",
    "data",
    "sitemaps",
    "static",
    "documents",
    "administrations",
    "statuses",
    "actions",
    "current-statuses",
    "subjects",
    "agencies",
    "courts",
    "filings",
    "case-statuses",
];

/// The declarations of one kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindFields {
    /// The levels of the standard keys that are declared.
    pub levels: BTreeMap<String, Level>,
    /// The fields of the site's own, in the order `docket.toml` gives them.
    pub extra: Vec<Field>,
    /// The keys of the relations `[relations]` declares that entries of
    /// this kind write, like `supersedes`: lists of ids.
    pub relations: Vec<String>,
    /// The keys of fields whose declaration has an error (reported in
    /// docket.toml): entries may write them, unchecked, so that the one
    /// mistake is not told again at every entry as an unknown key.
    pub unreadable: Vec<String>,
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
    /// In the order of [`SECTIONS`].
    kinds: [KindFields; 4],
    /// What a name that is not a kind has: nothing declared.
    none: KindFields,
}

impl Fields {
    /// The declarations of the kind named `kind` (as on the command line),
    /// or of case files (`case`).
    pub fn of(&self, kind: &str) -> &KindFields {
        match SECTIONS.iter().position(|k| *k == kind) {
            Some(i) => &self.kinds[i],
            None => &self.none,
        }
    }
}

impl Fields {
    /// Adds the keys of the relations `[relations]` declares to the keys
    /// policies have.
    pub(super) fn declare_relations(&mut self, keys: Vec<(&str, String)>) {
        for (kind, key) in keys {
            if let Some(i) = KINDS.iter().position(|k| *k == kind) {
                self.kinds[i].relations.push(key);
            }
        }
    }

    /// The declarations with every field of the site's own optional: an
    /// old version of an entry, written before a field was declared, is
    /// still a version of it.
    pub fn open(&self) -> Fields {
        let mut open = self.clone();
        for kind in &mut open.kinds {
            for field in &mut kind.extra {
                field.required = false;
            }
        }
        open
    }

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

/// Takes the site's own lists out of `[vocabulary]`: those a field of
/// `[fields]` names (any other key is a standard list, or a typo of one).
pub(super) fn own_lists(
    table: &mut DeTable<'_>,
    names: &[String],
    file: FileId,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<String>> {
    let standard = |k: &str| {
        super::vocabulary::VOCABULARY_KEYS
            .iter()
            .any(|(n, _)| *n == k)
    };
    // A field that names a list by a near miss (`state` for `states`)
    // takes the nearest one as its own too: the field's declaration is
    // then told the list it means, and the list is not an unknown key.
    let others: Vec<String> = table
        .keys()
        .map(|k| k.get_ref().to_string())
        .filter(|k| !standard(k))
        .collect();
    let meant: Vec<&str> = names
        .iter()
        .filter(|n| !others.contains(n))
        .filter_map(|n| crate::diag::nearest(n, others.iter().map(String::as_str)))
        .collect();
    let keys: Vec<_> = table
        .keys()
        .filter(|k| {
            let k: &str = k.get_ref();
            !standard(k) && (names.iter().any(|n| n == k) || meant.contains(&k))
        })
        .cloned()
        .collect();
    let mut own = DeTable::new();
    for k in keys {
        if let Some((k, v)) = table.remove_entry(&k) {
            own.insert(k, v);
        }
    }
    let examples: Vec<(String, String)> = own
        .keys()
        .map(|k| {
            (
                k.get_ref().to_string(),
                format!("{} = [\"…\"]", k.get_ref()),
            )
        })
        .collect();
    let examples: Vec<(&str, &str)> = examples
        .iter()
        .map(|(k, e)| (k.as_str(), e.as_str()))
        .collect();
    let lists: BTreeMap<String, Vec<Spanned<String>>> = super::read_table(
        Spanned::new(0..0, own),
        &examples,
        "vocabulary.",
        file,
        diags,
    );
    lists
        .into_iter()
        .map(|(name, list)| {
            // Values are told apart by their slugs in the list's filter.
            super::vocabulary::same_name(
                &name,
                &list,
                ("filter value", "filter value"),
                file,
                diags,
            );
            (name, super::vocabulary::non_empty(list))
        })
        .collect()
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
