//! Atom feeds (RFC 4287): one for the whole site, one for each subject and
//! each agency, and one for each policy's own developments (its court
//! actions and commentary) unless the site sets `policy_feeds = false`.
//!
//! Atom needs absolute URLs: an entry's `id` must be an absolute IRI, and a
//! feed is read by programs that do not know where it came from. Without a
//! `base_url` no feed is written and no page links to one (`docket build`
//! says so), rather than writing feeds with made-up ids that readers would
//! keep forever.
//!
//! Entry bodies are included as HTML, in CDATA sections, whose links are
//! relative to the entry's page (`../../policies/1400/index.html`); `xml:base` on the
//! content names that page, so feed readers resolve them correctly.

use rayon::prelude::*;

use super::change_feed;
use super::xml::{push_cdata, push_timestamp, Xml};
use crate::config::Vocab;
use crate::content::{Id, Kind};
use crate::site::feeds::{self, Scope};
use crate::site::paths::{self, absolute};
use crate::site::{Model, Output};
use chrono::NaiveDate;

/// How many entries the site, subject and agency feeds carry: the newest.
/// A policy's feed carries all its developments.
pub const LIMIT: usize = 50;

/// One entry of a feed: an entry, by its kind and its position among the
/// entries of that kind; or, in the site's feed, a case known by its file
/// alone (a tracker of lawsuits has only those), by its place among the
/// cases, with its file's place and its date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Entry(Kind, usize),
    Case {
        case: usize,
        file: usize,
        date: crate::content::Date,
    },
}

/// Every feed of the site, each handed to `sink` as soon as it is made;
/// none without a `base_url`.
pub fn files<E: Send>(
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

/// (last change, date, kind, id): the order of a feed, newest first; a
/// case after the entries of its dates.
fn key(model: &Model<'_>, item: Item) -> (NaiveDate, crate::content::Date, Option<(Kind, Id)>) {
    match item {
        Item::Entry(kind, i) => {
            let e = model.site.corpus.entry(kind, i);
            (e.last_change(), e.date, Some((kind, e.id)))
        }
        Item::Case { file, date, .. } => {
            let start = date.start();
            let updated = model.site.corpus.cases[file].updated;
            (updated.unwrap_or(start).max(start), date, None)
        }
    }
}

/// The `i`th case as an item of the site's feed, when it is known by its
/// file alone and dated.
fn dated_case(model: &Model<'_>, i: usize) -> Option<Item> {
    let (file, date) = model.site.graph.cases[i].by_its_file()?;
    Some(Item::Case {
        case: i,
        file,
        date,
    })
}

/// The entries of a feed, newest first.
fn items(model: &Model<'_>, scope: Scope) -> Vec<Item> {
    let c = &model.site.corpus;
    let (mut items, limit): (Vec<Item>, usize) = match scope {
        Scope::Site => (
            Kind::ALL
                .into_iter()
                .flat_map(|k| (0..c.count(k)).map(move |i| Item::Entry(k, i)))
                .chain((0..model.site.graph.cases.len()).filter_map(|i| dated_case(model, i)))
                .collect(),
            LIMIT,
        ),
        Scope::Term(v, i) => (
            model.terms.vocabs[&v].terms[i]
                .1
                .policies
                .iter()
                .map(|p| Item::Entry(Kind::Policy, p.get()))
                .collect(),
            LIMIT,
        ),
        Scope::Policy(ix) => {
            let links = &model.site.graph.policies[ix.get()];
            (
                links
                    .court_actions
                    .iter()
                    .map(|x| Item::Entry(Kind::CourtAction, x.get()))
                    .chain(
                        links
                            .commentary
                            .iter()
                            .map(|x| Item::Entry(Kind::Commentary, x.get())),
                    )
                    .collect(),
                usize::MAX,
            )
        }
        Scope::Changes => (Vec::new(), 0),
    };
    items.sort_by_cached_key(|&it| std::cmp::Reverse((key(model, it), it)));
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
        Scope::Policy(ix) => key(model, Item::Entry(Kind::Policy, ix.get())).0,
        _ => model.site.date().start(),
    }
}

fn render(model: &Model<'_>, base: &str, scope: Scope) -> Output {
    let config = &model.site.config;
    let items = items(model, scope);
    let changes = change_feed::items(model, scope);
    let path = feeds::path(model, scope);
    let self_url = absolute(base, &path);
    // Room for every entry's body and the elements around it: a feed
    // that grew by doubling copied its bodies again and again.
    let room: usize = items
        .iter()
        .map(|&item| {
            let body = body(model, item);
            body.html.len() + body.summary.len() + 1024
        })
        .sum();
    let mut x = String::with_capacity(4096 + room);
    x.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .raw("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
        .esc(&config.language)
        .raw("\">\n  <title>")
        .esc(&feeds::title(model, scope))
        .raw("</title>\n");
    if matches!(scope, Scope::Site) && !config.description.is_empty() {
        x.raw("  <subtitle>")
            .esc(&config.description)
            .raw("</subtitle>\n");
    }
    x.raw("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
        .esc(&self_url)
        .raw("\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"")
        .esc(&absolute(base, &feeds::page_path(model, scope)))
        .raw("\"/>\n  <id>")
        .esc(&self_url)
        .raw("</id>\n  <updated>")
        .raw(&change_feed::updated(
            model,
            &changes,
            updated(model, scope, &items),
        ))
        .raw("</updated>\n  <author><name>")
        .esc(&config.title)
        .raw("</name><uri>")
        .esc(base)
        .raw(concat!(
            "</uri></author>\n  <generator version=\"",
            env!("CARGO_PKG_VERSION"),
            "\">docket</generator>\n"
        ));
    for item in items {
        entry(model, base, item, &mut x);
    }
    change_feed::entries(model, base, &changes, &mut x);
    x.push_str("</feed>\n");
    Output {
        path,
        bytes: x.into_bytes(),
    }
}

/// What an entry of a feed shows beyond what every kind has.
#[derive(Default)]
struct Extra<'a> {
    /// The item elsewhere (a court docket, an article).
    related: Option<&'a str>,
    author: Option<&'a str>,
    /// (vocabulary folder, term)
    categories: Vec<(&'static str, &'a str)>,
}

/// The body of an item: an entry's, or a case file's.
fn body<'a>(model: &Model<'a>, item: Item) -> &'a crate::site::markdown::Rendered {
    match item {
        Item::Entry(kind, i) => &model.bodies.get(kind)[i],
        Item::Case { file, .. } => &model.case_bodies[file],
    }
}

fn extra<'a>(model: &Model<'a>, item: Item) -> Extra<'a> {
    let c = &model.site.corpus;
    let (kind, i) = match item {
        Item::Entry(kind, i) => (kind, i),
        Item::Case { case: i, .. } => {
            let case = &model.site.graph.cases[i];
            return Extra {
                related: case.url.as_deref(),
                categories: vec![(Vocab::Courts.slug(), case.court.as_str())],
                ..Extra::default()
            };
        }
    };
    match kind {
        Kind::Policy => {
            let p = &c.policies[i];
            let subjects = p
                .subjects
                .iter()
                .map(|t| (Vocab::Subjects.slug(), t.as_str()));
            let agencies = p
                .agencies
                .iter()
                .map(|t| (Vocab::Agencies.slug(), t.as_str()));
            Extra {
                categories: subjects.chain(agencies).collect(),
                ..Extra::default()
            }
        }
        Kind::CourtAction => {
            let a = &c.court_actions[i];
            Extra {
                related: a.url.as_deref(),
                categories: a
                    .filing
                    .iter()
                    .map(|f| (Vocab::Filings.slug(), f.as_str()))
                    .collect(),
                ..Extra::default()
            }
        }
        Kind::Commentary => {
            let m = &c.commentary[i];
            Extra {
                related: m.url.as_deref(),
                author: m.source.as_deref(),
                ..Extra::default()
            }
        }
    }
}

fn entry(model: &Model<'_>, base: &str, item: Item, x: &mut String) {
    let (title, path, (term, label)) = match item {
        Item::Entry(kind, i) => {
            let e = model.site.corpus.entry(kind, i);
            (
                e.common.title.as_str(),
                paths::entry(kind, e.id),
                (kind.name(), kind.label()),
            )
        }
        Item::Case { case: i, .. } => {
            let case = &model.site.graph.cases[i];
            (case.name.as_str(), paths::case(case), ("case", "Case"))
        }
    };
    let body = body(model, item);
    let Extra {
        related,
        author,
        categories,
    } = extra(model, item);
    let (updated, published, _) = key(model, item);
    let url = absolute(base, &path);
    x.raw("  <entry>\n    <title>")
        .esc(title)
        .raw("</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"")
        .esc(&url)
        .raw("\"/>\n");
    if let Some(r) = related {
        x.raw("    <link rel=\"related\" href=\"")
            .esc(r)
            .raw("\"/>\n");
    }
    x.raw("    <id>").esc(&url).raw("</id>\n    <published>");
    push_timestamp(x, published.start());
    x.raw("</published>\n    <updated>");
    push_timestamp(x, updated);
    x.raw("</updated>\n");
    if let Some(a) = author {
        x.raw("    <author><name>").esc(a).raw("</name></author>\n");
    }
    x.raw("    <category term=\"")
        .raw(term)
        .raw("\" label=\"")
        .raw(label)
        .raw("\"/>\n");
    for (scheme, term) in categories {
        x.raw("    <category term=\"")
            .esc(term)
            .raw("\" scheme=\"")
            .esc(base)
            .esc(scheme)
            .raw("/\"/>\n");
    }
    if !body.summary.is_empty() {
        x.raw("    <summary type=\"text\">")
            .esc(&body.summary)
            .raw("</summary>\n");
    }
    x.raw("    <content type=\"html\" xml:base=\"")
        .esc(&url)
        .raw("\">");
    push_cdata(x, &body.html);
    x.push_str("</content>\n");
    x.push_str("  </entry>\n");
}
