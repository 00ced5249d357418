//! Atom feeds (RFC 4287): one for the whole site, one for each subject and
//! each agency, and one for each policy's own developments (its court
//! actions and commentary).
//!
//! Atom needs absolute URLs: an entry's `id` must be an absolute IRI, and a
//! feed is read by programs that do not know where it came from. Without a
//! `base_url` no feed is written and no page links to one (`docket build`
//! says so), rather than writing feeds with made-up ids that readers would
//! keep forever.
//!
//! Entry bodies are included as HTML whose links are relative to the
//! entry's page (`../../policies/1400/index.html`); `xml:base` on the
//! content names that page, so feed readers resolve them correctly.

use rayon::prelude::*;

use super::xml::{escape, timestamp};
use crate::config::Vocab;
use crate::content::Kind;
use crate::graph::{CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::feeds::{self, Scope};
use crate::site::paths::{self, absolute};
use crate::site::{Model, Output};
use chrono::NaiveDate;

/// How many entries the site, subject and agency feeds carry: the newest.
/// A policy's feed carries all its developments.
pub const LIMIT: usize = 50;

/// One entry of a feed.
#[derive(Clone, Copy, Debug)]
enum Item {
    Policy(PolicyIx),
    CourtAction(CourtActionIx),
    Commentary(CommentaryIx),
}

/// Every feed of the site, each handed to `sink` as soon as it is made;
/// none without a `base_url`.
pub fn feeds<E: Send>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let Some(base) = model.site.config.base_url.as_deref() else {
        return Ok(());
    };
    feeds::scopes(model)
        .par_iter()
        .try_for_each(|&scope| sink(render(model, base, scope)))
}

/// (last change, date, kind, id): the order of a feed, newest first.
fn key(model: &Model<'_>, item: Item) -> (NaiveDate, NaiveDate, Kind, u32) {
    let c = &model.site.corpus;
    let (date, updated, kind, id) = match item {
        Item::Policy(ix) => {
            let p = &c.policies[ix.get()];
            (p.announced, p.common.updated, Kind::Policy, p.id.0)
        }
        Item::CourtAction(ix) => {
            let x = &c.court_actions[ix.get()];
            (x.date, x.common.updated, Kind::CourtAction, x.id.0)
        }
        Item::Commentary(ix) => {
            let x = &c.commentary[ix.get()];
            (x.date, x.common.updated, Kind::Commentary, x.id.0)
        }
    };
    (updated.unwrap_or(date).max(date), date, kind, id)
}

/// The entries of a feed, newest first.
fn items(model: &Model<'_>, scope: Scope) -> Vec<Item> {
    let c = &model.site.corpus;
    let (mut items, limit): (Vec<Item>, usize) = match scope {
        Scope::Site => (
            (0..c.policies.len() as u32)
                .map(|i| Item::Policy(PolicyIx(i)))
                .chain(
                    (0..c.court_actions.len() as u32).map(|i| Item::CourtAction(CourtActionIx(i))),
                )
                .chain((0..c.commentary.len() as u32).map(|i| Item::Commentary(CommentaryIx(i))))
                .collect(),
            LIMIT,
        ),
        Scope::Term(v, i) => (
            model.terms.vocabs[&v].terms[i]
                .1
                .policies
                .iter()
                .map(|&p| Item::Policy(p))
                .collect(),
            LIMIT,
        ),
        Scope::Policy(ix) => {
            let links = &model.site.graph.policies[ix.get()];
            (
                links
                    .court_actions
                    .iter()
                    .map(|&x| Item::CourtAction(x))
                    .chain(links.commentary.iter().map(|&x| Item::Commentary(x)))
                    .collect(),
                usize::MAX,
            )
        }
    };
    items.sort_by_cached_key(|&it| std::cmp::Reverse(key(model, it)));
    items.truncate(limit);
    items
}

/// When the feed last changed: its newest entry, or for an empty feed the
/// policy it follows, or the date of the data.
fn updated(model: &Model<'_>, scope: Scope, items: &[Item]) -> NaiveDate {
    if let Some(first) = items.first() {
        return key(model, *first).0;
    }
    match scope {
        Scope::Policy(ix) => key(model, Item::Policy(ix)).0,
        _ => model.site.date(),
    }
}

fn render(model: &Model<'_>, base: &str, scope: Scope) -> Output {
    let config = &model.site.config;
    let items = items(model, scope);
    let path = feeds::path(model, scope);
    let self_url = absolute(base, &path);
    let mut x = String::with_capacity(4096 + items.len() * 2048);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    x.push_str(&format!(
        "  <title>{}</title>\n",
        escape(&feeds::title(model, scope))
    ));
    if matches!(scope, Scope::Site) && !config.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&config.description)
        ));
    }
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&self_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&absolute(base, &feeds::page_path(model, scope)))
    ));
    x.push_str(&format!("  <id>{}</id>\n", escape(&self_url)));
    x.push_str(&format!(
        "  <updated>{}</updated>\n",
        timestamp(updated(model, scope, &items))
    ));
    x.push_str(&format!(
        "  <author><name>{}</name><uri>{}</uri></author>\n",
        escape(&config.title),
        escape(base)
    ));
    x.push_str(&format!(
        "  <generator version=\"{}\">docket</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for item in items {
        entry(model, base, item, &mut x);
    }
    x.push_str("</feed>\n");
    Output {
        path,
        bytes: x.into_bytes(),
    }
}

/// What an entry of a feed shows, whatever its kind.
struct Parts<'a> {
    kind: Kind,
    id: u32,
    title: &'a str,
    body: &'a crate::site::markdown::Rendered,
    /// The item elsewhere (a court docket, an article).
    related: Option<&'a str>,
    author: Option<&'a str>,
    /// (vocabulary folder, term)
    categories: Vec<(&'static str, &'a str)>,
}

fn parts<'a>(model: &Model<'a>, item: Item) -> Parts<'a> {
    let c = &model.site.corpus;
    match item {
        Item::Policy(ix) => {
            let p = &c.policies[ix.get()];
            let mut categories: Vec<(&str, &str)> = p
                .subjects
                .iter()
                .map(|t| (Vocab::Subjects.slug(), t.as_str()))
                .collect();
            categories.extend(
                p.agencies
                    .iter()
                    .map(|t| (Vocab::Agencies.slug(), t.as_str())),
            );
            Parts {
                kind: Kind::Policy,
                id: p.id.0,
                title: &p.common.title,
                body: &model.bodies.policies[ix.get()],
                related: None,
                author: None,
                categories,
            }
        }
        Item::CourtAction(ix) => {
            let a = &c.court_actions[ix.get()];
            Parts {
                kind: Kind::CourtAction,
                id: a.id.0,
                title: &a.common.title,
                body: &model.bodies.court_actions[ix.get()],
                related: a.url.as_deref(),
                author: None,
                categories: vec![(Vocab::Filings.slug(), a.filing.as_str())],
            }
        }
        Item::Commentary(ix) => {
            let m = &c.commentary[ix.get()];
            Parts {
                kind: Kind::Commentary,
                id: m.id.0,
                title: &m.common.title,
                body: &model.bodies.commentary[ix.get()],
                related: m.url.as_deref(),
                author: Some(&m.source),
                categories: Vec::new(),
            }
        }
    }
}

fn entry(model: &Model<'_>, base: &str, item: Item, x: &mut String) {
    let Parts {
        kind,
        id,
        title,
        body,
        related,
        author,
        categories,
    } = parts(model, item);
    let (updated, published, _, _) = key(model, item);
    let url = absolute(base, &paths::entry(kind, id));
    let url = escape(&url);
    x.push_str("  <entry>\n");
    x.push_str(&format!("    <title>{}</title>\n", escape(title)));
    x.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"
    ));
    if let Some(r) = related {
        x.push_str(&format!(
            "    <link rel=\"related\" href=\"{}\"/>\n",
            escape(r)
        ));
    }
    x.push_str(&format!("    <id>{url}</id>\n"));
    x.push_str(&format!(
        "    <published>{}</published>\n",
        timestamp(published)
    ));
    x.push_str(&format!("    <updated>{}</updated>\n", timestamp(updated)));
    if let Some(a) = author {
        x.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape(a)
        ));
    }
    x.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\"/>\n",
        kind.name(),
        kind.label()
    ));
    for (scheme, term) in categories {
        x.push_str(&format!(
            "    <category term=\"{}\" scheme=\"{}\"/>\n",
            escape(term),
            escape(&format!("{base}{scheme}/"))
        ));
    }
    if !body.summary.is_empty() {
        x.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            escape(&body.summary)
        ));
    }
    x.push_str(&format!(
        "    <content type=\"html\" xml:base=\"{url}\">{}</content>\n",
        escape(&body.html)
    ));
    x.push_str("  </entry>\n");
}
