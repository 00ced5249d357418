//! Entry bodies as HTML: each body's Markdown rendered once per build
//! ([`super::markdown`]), its links resolved ([`super::links`]), and the
//! links that lead nowhere reported at their place in the file.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::links::{self, Links};
use super::markdown::{self, Rendered};
use super::Html;
use super::{PerKind, Site};
use crate::content::Id;
use crate::content::{Common, Kind};
use crate::diag::{Code, Diagnostic};
use crate::graph::unlinked;
use crate::source::{FileId, Span};

/// Rendered Markdown bodies, parallel to the corpus's lists. Shared, so
/// that a live preview can keep the bodies of entries that did not change.
pub type Bodies = PerKind<Vec<Arc<Rendered>>>;

/// Entry files by their display name, for relative `.md` links.
pub type FileIndex<'s> = HashMap<&'s str, (Kind, Id)>;

impl Bodies {
    /// Every body of the site, rendered in parallel.
    pub fn render(site: &Site, html: Html) -> Bodies {
        let files = file_index(site);
        let c = &site.corpus;
        PerKind::new(|kind| {
            // Pieces of at most 32 bodies, shared out to the end, as the
            // files are read (`content::read_all`).
            (0..c.count(kind))
                .into_par_iter()
                .with_max_len(32)
                .map(|i| {
                    let common = c.entry(kind, i).common;
                    render_text(site, &files, common.file, common.body_start, html)
                })
                .collect()
        })
    }

    /// The links of every body that lead nowhere, at their place in the
    /// file, and the policies that neither the front matter nor any body
    /// relates to another entry (`W-unlinked`).
    pub fn diagnostics(&self, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (entry, body) in site.corpus.all().zip(self.iter().flat_map(|(_, b)| b)) {
            out.extend(broken_links(
                entry.common.file,
                entry.common.body_start,
                body,
            ));
        }
        if !site.config.lints.silent(Code::BrokenFragment) {
            out.extend(broken_fragments(site, self));
        }
        let files = file_index(site);
        out.extend(links::check_unparsed(site, &Links::new(site, &files)));
        // A link in a body relates two entries as `supersedes` does: the
        // graph is given each body's links as plain (kind, id) pairs.
        let linked = site
            .corpus
            .all()
            .zip(self.iter().flat_map(|(_, b)| b))
            .map(|(entry, body)| ((entry.kind, entry.id), body.links.as_slice()));
        if !site.config.lints.silent(Code::Unlinked) {
            out.extend(unlinked::check(&site.corpus, &site.graph, linked));
        }
        out
    }
}

/// The links of one body that lead nowhere, at their place in its file.
fn broken_links(
    file: FileId,
    body_start: usize,
    body: &Rendered,
) -> impl Iterator<Item = Diagnostic> + '_ {
    body.broken.iter().map(move |b| {
        let span = in_file(file, body_start, &b.range);
        Diagnostic::error(Code::BrokenLink, span, b.message.clone())
            .label("this link")
            .help(b.help.clone())
    })
}

/// The links to a part of a body that has no heading, footnote or id of
/// that name (`W-broken-fragment`), with the nearest that it has. A body
/// with raw HTML may have ids of its own, which are not looked for: links
/// into it are taken as they are.
fn broken_fragments(site: &Site, bodies: &Bodies) -> Vec<Diagnostic> {
    if bodies
        .iter()
        .all(|(_, b)| b.iter().all(|r| r.fragments.is_empty()))
    {
        return Vec::new();
    }
    let entries = || site.corpus.all().zip(bodies.iter().flat_map(|(_, b)| b));
    let by_entry: HashMap<(Kind, Id), &Rendered> = entries()
        .map(|(entry, body)| ((entry.kind, entry.id), body.as_ref()))
        .collect();
    let mut out = Vec::new();
    for (entry, body) in entries() {
        for link in &body.fragments {
            let target = match link.entry {
                None => body.as_ref(),
                Some(key) => match by_entry.get(&key) {
                    Some(target) => target,
                    None => continue,
                },
            };
            if target.raw_html || target.ids.contains(&link.fragment) {
                continue;
            }
            let whose = match link.entry {
                None => "this entry's body".to_string(),
                Some((kind, id)) => format!("the body of {} {id}", kind.name()),
            };
            let ids = target.ids.iter().map(String::as_str);
            let help = match crate::diag::nearest(&link.fragment, ids) {
                Some(near) => format!("did you mean `#{near}`?"),
                None if target.ids.is_empty() => {
                    "it has no heading: link to the entry without `#…`, or give it a heading".into()
                }
                None => format!(
                    "its headings and notes: {}",
                    target
                        .ids
                        .iter()
                        .map(|i| format!("`#{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let span = in_file(entry.common.file, entry.common.body_start, &link.range);
            out.push(
                Diagnostic::warning(
                    Code::BrokenFragment,
                    span,
                    format!("link to `#{}`, which {whose} does not have", link.fragment),
                )
                .label("this link")
                .help(help),
            );
        }
    }
    out
}

/// The place in its file of `range`, a byte range of a body that begins
/// at `body_start`.
fn in_file(file: FileId, body_start: usize, range: &std::ops::Range<usize>) -> Span {
    Span::new(file, range.start + body_start..range.end + body_start)
}

/// Renders one entry's Markdown body.
pub fn render_body(site: &Site, files: &FileIndex<'_>, common: &Common) -> Arc<Rendered> {
    render_text(site, files, common.file, common.body_start, Html::Write)
}

fn render_text(
    site: &Site,
    files: &FileIndex<'_>,
    file: FileId,
    start: usize,
    html: Html,
) -> Arc<Rendered> {
    let source = site.sources.get(file);
    let links = Links::new(site, files);
    let resolve = |url: &str| links.resolve(&source.name, url);
    let text = &source.text[start..];
    Arc::new(markdown::render(
        text,
        site.config.unsafe_html,
        html,
        &resolve,
    ))
}

/// The bodies of the case files, parallel to [`crate::content::Corpus::cases`].
/// A case page sits as deep in the site as an entry's, so links resolve
/// alike.
pub fn render_cases(site: &Site, html: Html) -> Vec<Arc<Rendered>> {
    if site.corpus.cases.is_empty() {
        // The index of entry files is made for nothing then.
        return Vec::new();
    }
    let files = file_index(site);
    site.corpus
        .cases
        .iter()
        .map(|c| render_text(site, &files, c.file, c.body_start, html))
        .collect()
}

/// The links of the case files' bodies that lead nowhere.
pub fn case_diagnostics(site: &Site, bodies: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    site.corpus
        .cases
        .iter()
        .zip(bodies)
        .flat_map(|(c, body)| broken_links(c.file, c.body_start, body).collect::<Vec<_>>())
        .collect()
}

/// Entry files by their display name, for relative `.md` links.
pub fn file_index(site: &Site) -> FileIndex<'_> {
    site.corpus
        .entries()
        .map(|(k, id, common)| (site.sources.get(common.file).name.as_str(), (k, id)))
        .collect()
}
