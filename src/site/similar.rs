//! `W-similar-value`: values of one field that differ only in case,
//! accents, spaces or punctuation ("D.D.C" beside "D.D.C."), warned at
//! each place that writes the rarer spelling. Nearly always one is a slip
//! for the other, and the two split the entries between two pages, or
//! between two choices of a list's filter. The value suggested is the one
//! that keeps the address ([`Claim`]: the listed one, else the one written
//! in more files); a listed value is never reported. [`crate::slug::fold`]
//! decides what is alike.
//!
//! Every field of values is looked at: the vocabularies and term fields
//! with pages (their terms, from [`super::terms::Terms`]), the term fields
//! with `pages = false`, and the statuses of case files.

use std::collections::BTreeMap;

use super::terms::TermEntries;
use super::Site;
use crate::config::Vocab;
use crate::diag::{count, Code, Diagnostic};
use crate::slug::Claim;
use crate::source::FileId;

/// A value of a field and the files that write it.
pub struct Written<'a> {
    pub name: &'a str,
    /// Whether the field's list in `docket.toml` has it.
    pub listed: bool,
    pub files: Vec<FileId>,
}

impl<'a> Written<'a> {
    /// A term with pages: the files of its entries, and the case files of
    /// a court's cases.
    pub fn term(site: &Site, name: &'a str, listed: bool, e: &TermEntries) -> Written<'a> {
        let corpus = &site.corpus;
        let files = e
            .policies
            .iter()
            .map(|p| corpus.policies[p.get()].common.file)
            .chain(
                e.court_actions
                    .iter()
                    .map(|c| corpus.court_actions[c.get()].common.file),
            )
            .chain(
                e.commentary
                    .iter()
                    .map(|c| corpus.commentary[c.get()].common.file),
            )
            .chain(e.cases.iter().filter_map(|c| {
                let file = site.graph.cases[c.get()].file?;
                Some(corpus.cases[file].file)
            }))
            .collect();
        Written {
            name,
            listed,
            files,
        }
    }
}

/// The warnings for the values of the field written `key` in front matter,
/// given in display order (the listed values first): ties between
/// unlisted values written in as many files go to the one shown first.
pub fn similar(site: &Site, key: &str, values: &[Written<'_>]) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, v) in values.iter().enumerate() {
        let folded = crate::slug::fold(v.name);
        if !folded.is_empty() {
            groups.entry(folded).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let claim = |i: usize| (Claim::new(values[i].listed, values[i].files.len()), i);
        let Some(&kept) = members.iter().min_by_key(|&&i| claim(i)) else {
            continue;
        };
        for &i in members {
            if i != kept && !values[i].listed {
                found.extend(variant(site, key, &values[i], &values[kept]));
            }
        }
    }
    found
}

/// The warnings for each place that writes `variant` where `kept` is meant.
fn variant(site: &Site, key: &str, variant: &Written<'_>, kept: &Written<'_>) -> Vec<Diagnostic> {
    let (name, kept_name) = (variant.name, kept.name);
    let files = |w: &Written<'_>| count(w.files.len(), "file", "files");
    let (written, kept_files) = (files(variant), files(kept));
    variant
        .files
        .iter()
        .filter_map(|&file| {
            let span = crate::content::meta::value_span(site.sources.get(file), file, key, name)?;
            Some(
                Diagnostic::warning(
                    Code::SimilarValue,
                    span,
                    format!(
                        "`{key}` value \"{name}\" differs from \"{kept_name}\" only in case, accents, spaces or punctuation"
                    ),
                )
                .label(format!("written so in {written}; \"{kept_name}\" in {kept_files}"))
                .help(format!(
                    "if they mean the same, write \"{kept_name}\"; if they differ, allow the lint in docket.toml: [lints] W-similar-value = \"allow\""
                )),
            )
        })
        .collect()
}

/// The warnings for the fields without pages: the term fields of the
/// site's own with `pages = false` (a key declared for several kinds is
/// one field), and the statuses of case files. Their values still split a
/// list's filter in two.
pub fn without_pages(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut found = Vec::new();
    for super::terms::TermField {
        field,
        kinds,
        cases,
    } in super::terms::term_fields(config, false)
    {
        let list = field
            .vocabulary
            .as_deref()
            .and_then(|list| config.vocabulary.list(list))
            .unwrap_or_default();
        let mut files: BTreeMap<&str, Vec<FileId>> = BTreeMap::new();
        for kind in kinds {
            for i in 0..site.corpus.count(kind) {
                let common = site.corpus.entry(kind, i).common;
                for t in crate::site::facets::terms_of(common, &field.key) {
                    files.entry(t).or_default().push(common.file);
                }
            }
        }
        if cases {
            for case in &site.corpus.cases {
                for t in crate::site::facets::terms_in(&case.extra, &field.key) {
                    files.entry(t).or_default().push(case.file);
                }
            }
        }
        found.extend(similar(site, &field.key, &in_display_order(list, files)));
    }
    let mut statuses: BTreeMap<&str, Vec<FileId>> = BTreeMap::new();
    for case in &site.corpus.cases {
        if let Some(status) = &case.status {
            statuses.entry(status.as_str()).or_default().push(case.file);
        }
    }
    let list = config
        .vocabulary
        .allowed(Vocab::CaseStatuses)
        .unwrap_or_default();
    let (_, key) = Vocab::CaseStatuses.source();
    found.extend(similar(site, key, &in_display_order(list, statuses)));
    found
}

/// The values written, the listed ones first in the list's order, then the
/// others as a reader reads them.
fn in_display_order<'a>(
    list: &'a [String],
    mut files: BTreeMap<&'a str, Vec<FileId>>,
) -> Vec<Written<'a>> {
    let mut values: Vec<Written<'a>> = list
        .iter()
        .filter_map(|name| {
            let files = files.remove(name.as_str())?;
            Some(Written {
                name,
                listed: true,
                files,
            })
        })
        .collect();
    let mut others: Vec<(&str, Vec<FileId>)> = files.into_iter().collect();
    others.sort_by(|(a, _), (b, _)| crate::slug::alphabetical(a, b));
    values.extend(others.into_iter().map(|(name, files)| Written {
        name,
        listed: false,
        files,
    }));
    values
}
