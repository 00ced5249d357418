//! The Atom feeds a site has: one for the whole site, one for each subject
//! and each agency that a policy carries, one for each policy's own
//! developments (unless `policy_feeds = false`), and one of the site's
//! recent changes; where each lies, its title, and which feeds a page links
//! to. None without a `base_url` (see [`crate::publish::feed`], which writes
//! them).

use serde::Serialize;

use super::paths::{self, Page};
use super::terms::Taxonomy;
use super::Model;
use crate::config::Vocab;
use crate::graph::PolicyIx;

/// A feed a page links to with `<link rel="alternate">`.
#[derive(Clone, Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    /// Site-relative, like every URL in the template context.
    pub url: String,
}

/// What a feed follows.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Site,
    /// A term of [`Vocab::Subjects`] or [`Vocab::Agencies`], by position.
    Term(Vocab, usize),
    Policy(PolicyIx),
    /// The site's recent changes ([`super::time`]).
    Changes,
}

/// The vocabularies whose terms have feeds.
const FEED_VOCABS: [Vocab; 2] = [Vocab::Subjects, Vocab::Agencies];

/// The feeds `page` links to: the site's, and the page's own if it has one.
pub fn links(model: &Model<'_>, page: Page) -> Vec<FeedLink> {
    if model.site.config.base_url.is_none() {
        return Vec::new();
    }
    let mut out = vec![link(model, Scope::Site)];
    let own = match page {
        Page::Term(Taxonomy::Vocab(v), i) if FEED_VOCABS.contains(&v) && has_feed(model, v, i) => {
            Some(Scope::Term(v, i))
        }
        Page::Policy(ix) if model.site.config.policy_feeds => Some(Scope::Policy(ix)),
        Page::Changes | Page::More(super::lists::List::Changes, _) => Some(Scope::Changes),
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

/// Every feed the site has: the site's, the recent changes', the terms' that
/// carry a policy, and each policy's unless `policy_feeds = false`.
pub fn scopes(model: &Model<'_>) -> Vec<Scope> {
    let mut out = vec![Scope::Site, Scope::Changes];
    for v in FEED_VOCABS {
        if let Some(vt) = model.terms.vocabs.get(&v) {
            out.extend(
                (0..vt.terms.len())
                    .filter(|&i| has_feed(model, v, i))
                    .map(|i| Scope::Term(v, i)),
            );
        }
    }
    if model.site.config.policy_feeds {
        out.extend(
            (0..model.site.corpus.policies.len() as u32).map(|i| Scope::Policy(PolicyIx(i))),
        );
    }
    out
}

/// Site-relative path of a feed: beside the page it belongs to.
pub fn path(model: &Model<'_>, scope: Scope) -> String {
    match scope {
        Scope::Site => paths::FEED.into(),
        Scope::Term(v, i) => paths::term_feed(v, &model.terms.vocabs[&v].terms[i].1.slug),
        Scope::Policy(ix) => paths::policy_feed(model.site.corpus.policies[ix.get()].id.0),
        Scope::Changes => paths::changes_feed(),
    }
}

/// Site-relative path of the page a feed belongs to.
pub fn page_path(model: &Model<'_>, scope: Scope) -> String {
    match scope {
        Scope::Site => paths::HOME.into(),
        Scope::Term(v, i) => model.terms.url(v, &model.terms.vocabs[&v].terms[i].0),
        Scope::Policy(ix) => model.path(Page::Policy(ix)),
        Scope::Changes => model.path(Page::Changes),
    }
}

pub fn title(model: &Model<'_>, scope: Scope) -> String {
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
        Scope::Changes => format!("{site}: recent changes"),
    }
}
