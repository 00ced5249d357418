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
use serde::Serialize;

use super::xml::{absolute, escape, timestamp};
use crate::config::Vocab;
use crate::content::Kind;
use crate::graph::{CommentaryIx, CourtActionIx, PolicyIx};
use crate::render::{Model, Output, Page};
use chrono::NaiveDate;

/// How many entries the site, subject and agency feeds carry: the newest.
/// A policy's feed carries all its developments.
pub const LIMIT: usize = 50;

/// A feed a page links to with `<link rel="alternate">`.
#[derive(Clone, Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    /// Site-relative, like every URL in the template context.
    pub url: String,
}

/// What a feed follows.
#[derive(Clone, Copy, Debug)]
enum Scope {
    Site,
    /// A term of [`Vocab::Subjects`] or [`Vocab::Agencies`], by position.
    Term(Vocab, usize),
    Policy(PolicyIx),
}

/// One entry of a feed.
#[derive(Clone, Copy, Debug)]
enum Item {
    Policy(PolicyIx),
    CourtAction(CourtActionIx),
    Commentary(CommentaryIx),
}

/// The vocabularies whose terms have feeds.
const FEED_VOCABS: [Vocab; 2] = [Vocab::Subjects, Vocab::Agencies];

/// Every feed of the site, each handed to `sink` as soon as it is made;
/// none without a `base_url`.
pub fn feeds<E: Send>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let Some(base) = model.site.config.base_url.as_deref() else {
        return Ok(());
    };
    scopes(model)
        .par_iter()
        .try_for_each(|&scope| sink(render(model, base, scope)))
}

/// The feeds `page` links to: the site's, and the page's own if it has one.
pub fn links(model: &Model<'_>, page: Page) -> Vec<FeedLink> {
    if model.site.config.base_url.is_none() {
        return Vec::new();
    }
    let mut out = vec![link(model, Scope::Site)];
    let own = match page {
        Page::Term(v, i) if FEED_VOCABS.contains(&v) && has_feed(model, v, i) => {
            Some(Scope::Term(v, i))
        }
        Page::Policy(ix) => Some(Scope::Policy(ix)),
        _ => None,
    };
    out.extend(own.map(|s| link(model, s)));
    out
}

fn link(model: &Model<'_>, scope: Scope) -> FeedLink {
    FeedLink {
        title: title(model, scope),
        url: path(model, scope),
    }
}

fn has_feed(model: &Model<'_>, v: Vocab, i: usize) -> bool {
    model
        .terms
        .vocabs
        .get(&v)
        .and_then(|vt| vt.terms.get(i))
        .is_some_and(|(_, e)| !e.policies.is_empty())
}

fn scopes(model: &Model<'_>) -> Vec<Scope> {
    let mut out = vec![Scope::Site];
    for v in FEED_VOCABS {
        if let Some(vt) = model.terms.vocabs.get(&v) {
            out.extend(
                (0..vt.terms.len())
                    .filter(|&i| has_feed(model, v, i))
                    .map(|i| Scope::Term(v, i)),
            );
        }
    }
    out.extend((0..model.site.corpus.policies.len() as u32).map(|i| Scope::Policy(PolicyIx(i))));
    out
}

/// Site-relative path of a feed: beside the page it belongs to.
fn path(model: &Model<'_>, scope: Scope) -> String {
    match scope {
        Scope::Site => "feed.xml".into(),
        Scope::Term(v, i) => format!(
            "{}/{}/feed.xml",
            v.slug(),
            model.terms.vocabs[&v].terms[i].1.slug
        ),
        Scope::Policy(ix) => format!(
            "{}/{}/feed.xml",
            Kind::Policy.dir(),
            model.site.corpus.policies[ix.get()].id
        ),
    }
}

/// Site-relative path of the page a feed belongs to.
fn page_path(model: &Model<'_>, scope: Scope) -> String {
    match scope {
        Scope::Site => "index.html".into(),
        Scope::Term(v, i) => model.terms.url(v, &model.terms.vocabs[&v].terms[i].0),
        Scope::Policy(ix) => Kind::Policy.page_path(model.site.corpus.policies[ix.get()].id.0),
    }
}

fn title(model: &Model<'_>, scope: Scope) -> String {
    let site = &model.site.config.title;
    match scope {
        Scope::Site => site.clone(),
        Scope::Term(v, i) => format!(
            "{site}: {} – {}",
            v.title(),
            model.terms.vocabs[&v].terms[i].0
        ),
        Scope::Policy(ix) => {
            let p = &model.site.corpus.policies[ix.get()];
            format!("{site}: developments of ID #{} – {}", p.id, p.common.title)
        }
    }
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
    let path = path(model, scope);
    let self_url = absolute(base, &path);
    let mut x = String::with_capacity(4096 + items.len() * 2048);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    x.push_str(&format!(
        "  <title>{}</title>\n",
        escape(&title(model, scope))
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
        escape(&absolute(base, &page_path(model, scope)))
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
    let url = absolute(base, &kind.page_path(id));
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
