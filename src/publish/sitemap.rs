//! `sitemap.xml` (the sitemaps.org protocol 0.9) and `robots.txt`.
//!
//! A sitemap lists absolute URLs, so it is written only with a `base_url`.
//! `robots.txt` is always written (it lets every crawler in) and names the
//! sitemap when there is one; crawlers only read it at the root of a host,
//! so under a sub-path it is harmless but unused.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::xml::escape;
use crate::content::Kind;
use crate::graph::{CaseIx, PolicyIx};
use crate::site::lists::List;
use crate::site::paths::{self, absolute, Page};
use crate::site::terms::Taxonomy;
use crate::site::{Model, Output};

/// The most URLs one sitemap file may list (sitemaps.org); a larger site
/// gets a sitemap index pointing at numbered parts.
pub const MAX_URLS: usize = 50_000;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// `sitemap.xml` (and its parts, for a large site) and `robots.txt`.
pub fn files(model: &Model<'_>) -> Vec<Output> {
    let base = model.site.config.base_url.as_deref();
    let mut out = Vec::new();
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        out.extend(sitemaps(model, base));
        robots.push_str(&format!("\nSitemap: {}\n", absolute(base, paths::SITEMAP)));
    }
    out.push(Output {
        path: paths::ROBOTS.into(),
        bytes: robots.into_bytes(),
    });
    out
}

fn sitemaps(model: &Model<'_>, base: &str) -> Vec<Output> {
    let lastmods = Lastmods::new(model);
    let urls: Vec<(String, Option<NaiveDate>)> = model
        .pages()
        .into_iter()
        .filter(|p| !matches!(p, Page::NotFound) && !unrecorded(model, *p))
        .map(|p| (absolute(base, &model.path(p)), lastmods.of(p)))
        .collect();
    if urls.len() <= MAX_URLS {
        return vec![urlset(paths::SITEMAP.into(), &urls)];
    }
    let mut out = Vec::new();
    let mut index =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{NS}\">\n");
    for (n, chunk) in urls.chunks(MAX_URLS).enumerate() {
        let path = paths::sitemap_part(n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc>",
            escape(&absolute(base, &path))
        ));
        if let Some(d) = chunk.iter().filter_map(|u| u.1).max() {
            index.push_str(&format!("<lastmod>{}</lastmod>", d.format("%Y-%m-%d")));
        }
        index.push_str("</sitemap>\n");
        out.push(urlset(path, chunk));
    }
    index.push_str("</sitemapindex>\n");
    out.push(Output {
        path: paths::SITEMAP.into(),
        bytes: index.into_bytes(),
    });
    out
}

/// Whether `p` is the empty list of a kind the site does not record
/// ([`crate::site::Site::records`]): written for themes that link to it,
/// but nothing for a search engine to index.
fn unrecorded(model: &Model<'_>, p: Page) -> bool {
    let has = model.site.recorded();
    !match p {
        Page::Policies => has.policies,
        Page::CourtActions => has.court_actions,
        Page::Cases => has.litigation,
        Page::CommentaryList => has.commentary,
        Page::Changes => has.entries,
        _ => true,
    }
}

fn urlset(path: String, urls: &[(String, Option<NaiveDate>)]) -> Output {
    let mut x = String::with_capacity(100 + urls.len() * 96);
    x.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{NS}\">\n"
    ));
    for (loc, lastmod) in urls {
        x.push_str(&format!("  <url><loc>{}</loc>", escape(loc)));
        if let Some(d) = lastmod {
            x.push_str(&format!("<lastmod>{}</lastmod>", d.format("%Y-%m-%d")));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    Output {
        path,
        bytes: x.into_bytes(),
    }
}

/// When each page last changed: for an entry its `updated` date or else its
/// date; for a page that lists entries (a lineage's too), the newest of them. The newest of
/// each list and term is found once: every page of a list has the same
/// date, and a list of 100,000 entries has a thousand pages.
struct Lastmods<'m> {
    model: &'m Model<'m>,
    policies: Option<NaiveDate>,
    court_actions: Option<NaiveDate>,
    commentary: Option<NaiveDate>,
    /// The newest entry of each term, by its set of terms, in the terms'
    /// order.
    terms: BTreeMap<Taxonomy, Vec<Option<NaiveDate>>>,
}

impl<'m> Lastmods<'m> {
    fn new(model: &'m Model<'m>) -> Lastmods<'m> {
        let c = &model.site.corpus;
        let terms = model
            .taxonomies()
            .into_iter()
            .filter_map(|t| {
                let newest = model
                    .terms
                    .of(t)?
                    .terms
                    .iter()
                    .map(|(_, e)| {
                        e.policies
                            .iter()
                            .map(|&p| policy(model, p))
                            .chain(e.court_actions.iter().map(|a| action(model, a.get())))
                            .chain(e.commentary.iter().map(|a| comment(model, a.get())))
                            .chain(e.cases.iter().filter_map(|&k| case(model, k)))
                            .max()
                    })
                    .collect();
                Some((t, newest))
            })
            .collect();
        Lastmods {
            model,
            policies: (0..c.policies.len() as u32)
                .map(|i| policy(model, PolicyIx(i)))
                .max(),
            court_actions: (0..c.court_actions.len()).map(|i| action(model, i)).max(),
            commentary: (0..c.commentary.len()).map(|i| comment(model, i)).max(),
            terms,
        }
    }

    fn term(&self, t: Taxonomy, i: usize) -> Option<NaiveDate> {
        self.terms.get(&t)?.get(i).copied().flatten()
    }

    /// The day of the newest change, first in the list.
    fn changes(&self) -> Option<NaiveDate> {
        let first = *self.model.time.changes.first()?;
        self.model.change_event(first).map(|e| e.date)
    }

    fn of(&self, page: Page) -> Option<NaiveDate> {
        let model = self.model;
        match page {
            Page::Policy(ix) => Some(policy(model, ix)),
            Page::CourtAction(ix) => Some(action(model, ix.get())),
            Page::Commentary(ix) => Some(comment(model, ix.get())),
            Page::Case(ix) => case(model, ix),
            Page::Lineage(root) => model
                .site
                .graph
                .lineage(root)?
                .members
                .iter()
                .map(|&p| policy(model, p))
                .max(),
            Page::Term(t, i) => self.term(t, i),
            Page::Vocabulary(t) => self.terms.get(&t)?.iter().copied().flatten().max(),
            Page::Policies => self.policies,
            Page::CourtActions | Page::Cases => self.court_actions,
            Page::CommentaryList => self.commentary,
            Page::Changes | Page::More(List::Changes, _) => self.changes(),
            Page::Home | Page::Download => {
                self.policies.max(self.court_actions).max(self.commentary)
            }
            Page::More(list, _) => match list {
                List::Policies => self.policies,
                List::CourtActions | List::Cases => self.court_actions,
                List::Commentary => self.commentary,
                List::Term(t, i) => self.term(t, i),
                List::Changes => self.changes(),
            },
            Page::NotFound | Page::Search => None,
        }
    }
}

/// A case's page: the newest of its filings, its case file's `updated`
/// and its latest date.
fn case(model: &Model<'_>, ix: CaseIx) -> Option<NaiveDate> {
    let case = &model.site.graph.cases[ix.get()];
    let file = case.file.and_then(|f| model.site.corpus.cases[f].updated);
    let filings = case.filings.iter().map(|f| action(model, f.get()));
    filings
        .chain(file)
        .chain(case.latest.map(|d| d.start()))
        .max()
}

fn policy(model: &Model<'_>, ix: PolicyIx) -> NaiveDate {
    changed(model, Kind::Policy, ix.get())
}

fn action(model: &Model<'_>, i: usize) -> NaiveDate {
    changed(model, Kind::CourtAction, i)
}

fn comment(model: &Model<'_>, i: usize) -> NaiveDate {
    changed(model, Kind::Commentary, i)
}

/// When the `i`th entry of `kind` last changed.
fn changed(model: &Model<'_>, kind: Kind, i: usize) -> NaiveDate {
    model.site.corpus.entry(kind, i).last_change()
}
