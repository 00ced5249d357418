//! Entry bodies as HTML: each body's Markdown rendered once per build
//! ([`super::markdown`]), its links resolved ([`super::links`]), and the
//! links that lead nowhere reported at their place in the file.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::links::{self, Links};
use super::markdown::{self, Rendered};
use super::{PerKind, Site};
use crate::content::Id;
use crate::content::{Common, Kind};
use crate::diag::{Code, Diagnostic};
use crate::graph::unlinked;
use crate::source::Span;

/// Rendered Markdown bodies, parallel to the corpus's lists. Shared, so
/// that a live preview can keep the bodies of entries that did not change.
pub type Bodies = PerKind<Vec<Arc<Rendered>>>;

/// Entry files by their display name, for relative `.md` links.
pub type FileIndex<'s> = HashMap<&'s str, (Kind, Id)>;

impl Bodies {
    /// Every body of the site, rendered in parallel.
    pub fn render(site: &Site) -> Bodies {
        let files = file_index(site);
        let c = &site.corpus;
        PerKind::new(|kind| {
            (0..c.count(kind))
                .into_par_iter()
                .map(|i| render_body(site, &files, c.entry(kind, i).common))
                .collect()
        })
    }

    /// The links of every body that lead nowhere, at their place in the
    /// file, and the policies that neither the front matter nor any body
    /// relates to another entry (`W-unlinked`).
    pub fn diagnostics(&self, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (entry, body) in site.corpus.all().zip(self.iter().flat_map(|(_, b)| b)) {
            let common = entry.common;
            for b in &body.broken {
                let span = Span::new(
                    common.file,
                    b.range.start + common.body_start..b.range.end + common.body_start,
                );
                out.push(
                    Diagnostic::error(Code::BrokenLink, span, b.message.clone())
                        .label("this link")
                        .help(b.help.clone()),
                );
            }
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
        out.extend(unlinked::check(&site.corpus, &site.graph, linked));
        out
    }
}

/// Renders one entry's Markdown body.
pub fn render_body(site: &Site, files: &FileIndex<'_>, common: &Common) -> Arc<Rendered> {
    let text = common.body(&site.sources);
    let name = &site.sources.get(common.file).name;
    let links = Links::new(site, files);
    let resolve = |url: &str| links.resolve(name, url);
    Arc::new(markdown::render(text, site.config.unsafe_html, &resolve))
}

/// Entry files by their display name, for relative `.md` links.
pub fn file_index(site: &Site) -> FileIndex<'_> {
    site.corpus
        .entries()
        .map(|(k, id, common)| (site.sources.get(common.file).name.as_str(), (k, id)))
        .collect()
}
