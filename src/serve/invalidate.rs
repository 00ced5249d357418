//! What an edit affects: which pages of the served site can change when
//! some entries change, so that the preview renders only those again. Its
//! answers are checked against full builds by the tests: whatever is
//! served is the same bytes a full build gives.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::files::Key;
use crate::config::Vocab;
use crate::content::Id;
use crate::content::Kind;
use crate::graph::{self, PolicyIx};
use crate::site::bodies::{self, Bodies};
use crate::site::lists::{List, PAGE_SIZE};
use crate::site::markdown::Rendered;
use crate::site::paths::Page;
use crate::site::terms::{Taxonomy, Terms};
use crate::site::{Model, PerKind, Site};

/// What a rebuild renders.
pub(super) enum Affected {
    /// Every page.
    All,
    /// These pages of a site whose pages are the same as before.
    Pages(BTreeSet<Page>),
    /// The pages at these paths, and the pages the site did not have.
    Paths(BTreeSet<String>),
}

/// Maps the position of an entry of `kind` in `new` to the same entry's
/// in `old`, for the entries that did not change (not in `touched`).
pub(super) fn unchanged<'a>(
    old: &Site,
    new: &'a Site,
    kind: Kind,
    touched: &'a BTreeSet<Key>,
) -> impl Fn(usize) -> Option<usize> + 'a {
    let old_positions: HashMap<Id, usize> = (0..old.corpus.count(kind))
        .map(|i| (old.corpus.entry(kind, i).id, i))
        .collect();
    move |i: usize| {
        let id = new.corpus.entry(kind, i).id;
        (!touched.contains(&(kind, id)))
            .then(|| old_positions.get(&id).copied())
            .flatten()
    }
}

/// The pages an edit of the entries `touched` changes, between two states
/// of the site whose page names are the same.
pub(super) fn affected(
    old_model: &Model<'_>,
    new_model: &Model<'_>,
    touched: &BTreeSet<Key>,
    same_universe: bool,
) -> Affected {
    let mut old_pages = neighbourhood(old_model, touched);
    let mut new_pages = neighbourhood(new_model, touched);
    old_pages.extend(renamed_lineages(old_model, new_model, touched));
    new_pages.extend(renamed_lineages(new_model, old_model, touched));
    let lists = list_changes(old_model, new_model, &old_pages, &new_pages);
    if same_universe && old_model.pages() == new_model.pages() {
        // The same entries at the same places and the same names: a page
        // of the old site is the same page of the new.
        let mut pages = lists;
        pages.extend(old_pages);
        pages.extend(new_pages);
        Affected::Pages(pages)
    } else {
        let mut paths: BTreeSet<String> = lists.into_iter().map(|p| new_model.path(p)).collect();
        paths.extend(old_pages.into_iter().map(|p| old_model.path(p)));
        paths.extend(new_pages.into_iter().map(|p| new_model.path(p)));
        Affected::Paths(paths)
    }
}

/// Whether two states of the site have the same entries (and drafts) at
/// the same places, from the same files, and the same documents: then an
/// entry's body, which links to entries, files and documents, can only
/// have changed if the entry did, and a page of one is a page of the other.
pub(super) fn same_universe(old: &Site, new: &Site) -> bool {
    let (a, b) = (&old.corpus, &new.corpus);
    a.drafts == b.drafts
        && a.documents == b.documents
        && a.len() == b.len()
        && a.entries()
            .zip(b.entries())
            .all(|((ka, ia, x), (kb, ib, y))| {
                (ka, ia) == (kb, ib) && old.sources.get(x.file).name == new.sources.get(y.file).name
            })
}

/// Bodies of `site`, the same entries at the same places as `old`'s
/// (see [`same_universe`]), reusing those of entries not in `touched`.
pub(super) fn reuse_bodies(old: &Bodies, site: &Site, touched: &BTreeSet<Key>) -> Bodies {
    let files = std::sync::OnceLock::new();
    let c = &site.corpus;
    PerKind::new(|kind| {
        old.get(kind)
            .iter()
            .enumerate()
            .map(|(i, previous): (usize, &Arc<Rendered>)| {
                let e = c.entry(kind, i);
                if touched.contains(&(kind, e.id)) {
                    let files = files.get_or_init(|| bodies::file_index(site));
                    bodies::render_body(site, files, e.common)
                } else {
                    Arc::clone(previous)
                }
            })
            .collect()
    })
}

/// The page names that depend on more than one entry: term and case slugs.
pub(super) fn slugs(terms: &Terms, site: &Site) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (v, vt) in &terms.vocabs {
        for (name, e) in &vt.terms {
            out.insert(format!("{}\0{name}", v.key()), e.slug.clone());
        }
    }
    for f in &terms.fields {
        for (name, e) in &f.terms.terms {
            out.insert(format!("field\0{}\0{name}", f.key), e.slug.clone());
        }
    }
    for case in &site.graph.cases {
        out.insert(
            format!("case\0{}\0{}", case.court.as_str(), case.docket),
            case.slug.clone(),
        );
    }
    out
}

/// Every page whose output depends on the entries `keys` in this state of
/// the site, plus the pages that depend on every entry.
fn neighbourhood(model: &Model<'_>, keys: &BTreeSet<Key>) -> BTreeSet<Page> {
    let site = model.site;
    let c = &site.corpus;
    let g = &site.graph;
    let mut pages: BTreeSet<Page> = BTreeSet::new();
    // The pages of the long lists are `list_changes`'s to choose; the
    // download page is made on request.
    pages.insert(Page::Home);
    pages.insert(Page::NotFound);
    pages.extend(model.taxonomies().into_iter().map(Page::Vocabulary));
    let term = |pages: &mut BTreeSet<Page>, t: Taxonomy, name: &str| {
        if let Some(i) = model
            .terms
            .of(t)
            .and_then(|vt| vt.terms.iter().position(|(n, _)| n == name))
        {
            pages.insert(Page::Term(t, i));
        }
    };
    let vocab_term =
        |pages: &mut BTreeSet<Page>, v: Vocab, name: &str| term(pages, Taxonomy::Vocab(v), name);
    for &(kind, id) in keys {
        let Some(pos) = g.position(kind, id) else {
            continue;
        };
        // The pages of its values of the site's own term fields.
        for extra in &c.entry(kind, pos).common.extra {
            let Some(f) = model.terms.fields.iter().position(|f| f.key == extra.key) else {
                continue;
            };
            for t in extra.value.terms() {
                term(&mut pages, Taxonomy::Field(f as u16), t.as_str());
            }
        }
        // The entries it names or is named by in a declared relation list
        // it, and a policy may be out of force by it.
        for r in g.related(kind, pos) {
            for linked in r.names.iter().chain(&r.named_by) {
                if let Some((k, i)) = linked.target.entry_of() {
                    pages.insert(Page::entry(k, i));
                }
            }
        }
        match kind {
            Kind::Policy => {
                let ix = PolicyIx(pos as u32);
                let p = &c.policies[pos];
                let l = &g.policies[pos];
                pages.insert(Page::Policy(ix));
                // The pages whose lineage picture draws it or reads its
                // relations: a generation further than drawn, for the mark
                // that the lineage goes on. And its lineage's page.
                let reach = graph::lineage::reach(g, ix, crate::render::charts::DEPTH + 1);
                for other in l.implements.iter().chain(&l.derivatives).chain(&reach) {
                    pages.insert(Page::Policy(*other));
                }
                pages.extend(g.lineage(ix).map(|l| Page::Lineage(l.root)));
                pages.extend(l.court_actions.iter().map(|x| Page::CourtAction(*x)));
                pages.extend(l.commentary.iter().map(|x| Page::Commentary(*x)));
                pages.extend(l.cases.iter().map(|x| Page::Case(*x)));
                if let Some(i) = model.by_date.iter().position(|x| *x == ix) {
                    if i > 0 {
                        pages.insert(Page::Policy(model.by_date[i - 1]));
                    }
                    if let Some(next) = model.by_date.get(i + 1) {
                        pages.insert(Page::Policy(*next));
                    }
                }
                for (v, t) in [
                    (Vocab::Administrations, &p.administration),
                    (Vocab::Actions, &p.action),
                    (Vocab::CurrentStatuses, &p.current_status),
                ] {
                    if let Some(t) = t {
                        vocab_term(&mut pages, v, t.as_str());
                    }
                }
                for (v, list) in [
                    (Vocab::Statuses, &p.status),
                    (Vocab::Subjects, &p.subjects),
                    (Vocab::Agencies, &p.agencies),
                ] {
                    for t in list {
                        vocab_term(&mut pages, v, t.as_str());
                    }
                }
            }
            Kind::CourtAction => {
                let ca = &c.court_actions[pos];
                let l = &g.court_actions[pos];
                let case = &g.cases[l.case.get()];
                pages.insert(Page::Case(l.case));
                // The case's timeline and name show on every filing and every policy it challenges.
                pages.extend(case.filings.iter().map(|x| Page::CourtAction(*x)));
                pages.extend(case.policies.iter().map(|x| Page::Policy(*x)));
                pages.extend(l.challenges.iter().map(|x| Page::Policy(*x)));
                vocab_term(&mut pages, Vocab::Courts, ca.court.as_str());
                if let Some(t) = &ca.filing {
                    vocab_term(&mut pages, Vocab::Filings, t.as_str());
                }
            }
            Kind::Commentary => {
                pages.insert(Page::Commentary(crate::graph::CommentaryIx(pos as u32)));
                pages.extend(g.commentary[pos].about.iter().map(|x| Page::Policy(*x)));
            }
        }
    }
    pages
}

/// The pages of `model`'s policies whose lineage has another root in
/// `other` (or none): each links to its lineage's page, named after the
/// root. Only a lineage with a policy of `keys` in it can change.
fn renamed_lineages(model: &Model<'_>, other: &Model<'_>, keys: &BTreeSet<Key>) -> BTreeSet<Page> {
    let (c, g) = (&model.site.corpus, &model.site.graph);
    let (oc, og) = (&other.site.corpus, &other.site.graph);
    let root_id = |p: PolicyIx| g.lineage(p).map(|l| c.policies[l.root.get()].id);
    let other_root_id = |id| {
        let p = og.policy(id)?;
        og.lineage(p).map(|l| oc.policies[l.root.get()].id)
    };
    let mut pages = BTreeSet::new();
    let mut done = BTreeSet::new();
    for &(kind, id) in keys {
        let Some(pos) = g.position(kind, id).filter(|_| kind == Kind::Policy) else {
            continue;
        };
        let Some(lineage) = g.lineage(PolicyIx(pos as u32)) else {
            continue;
        };
        if !done.insert(lineage.root) {
            continue;
        }
        for &p in &lineage.members {
            if root_id(p) != other_root_id(c.policies[p.get()].id) {
                pages.insert(Page::Policy(p));
            }
        }
    }
    pages
}

/// The pages of long lists that change between `old` and `new`, given the
/// pages of entries rendered again in each (`old_pages`, `new_pages`): a
/// page whose items are not the same entries in the same order, or that
/// shows an entry rendered again; every page of a list whose length or
/// filters changed, since each page shows the total and the filters.
fn list_changes(
    old: &Model<'_>,
    new: &Model<'_>,
    old_pages: &BTreeSet<Page>,
    new_pages: &BTreeSet<Page>,
) -> BTreeSet<Page> {
    let mut lists = vec![
        List::Policies,
        List::CourtActions,
        List::Cases,
        List::Commentary,
        List::Changes,
    ];
    // Term indices are the same in both models: a rebuild that adds or
    // removes a term renames pages, and renders all.
    lists.extend(old_pages.iter().chain(new_pages).filter_map(|p| match p {
        Page::Term(v, i) => Some(List::Term(*v, *i)),
        _ => None,
    }));
    lists.sort();
    lists.dedup();
    let mut out = BTreeSet::new();
    for list in lists {
        let a = old.list_items(list);
        let b = new.list_items(list);
        let (ka, kb): (Vec<Item<'_>>, Vec<Item<'_>>) = (
            a.iter().map(|p| item(old, *p)).collect(),
            b.iter().map(|p| item(new, *p)).collect(),
        );
        // Every page of a list shows the filters of the whole list.
        let filters = |m: &Model<'_>| {
            let first = Page::More(list, 1);
            serde_json::to_string(&m.list_filters(first)).unwrap_or_default()
        };
        let same_filters = filters(old) == filters(new);
        let pages = new.list_pages(list);
        for n in 1..=pages {
            let range = (n - 1) * PAGE_SIZE..(n * PAGE_SIZE).min(b.len());
            let changed = a.len() != b.len()
                || !same_filters
                || ka[range.clone()] != kb[range.clone()]
                || b[range.clone()].iter().any(|p| new_pages.contains(p))
                || a[range].iter().any(|p| old_pages.contains(p));
            if changed {
                out.insert(list.page(n));
            }
        }
    }
    out
}

/// An item of a list, the same in two models whatever its position.
#[derive(PartialEq)]
enum Item<'a> {
    Entry(Kind, Id),
    Case(&'a str),
}

fn item<'a>(model: &Model<'a>, page: Page) -> Item<'a> {
    let c = &model.site.corpus;
    match page {
        Page::Policy(ix) => Item::Entry(Kind::Policy, c.policies[ix.get()].id.0),
        Page::CourtAction(ix) => Item::Entry(Kind::CourtAction, c.court_actions[ix.get()].id.0),
        Page::Commentary(ix) => Item::Entry(Kind::Commentary, c.commentary[ix.get()].id.0),
        Page::Case(ix) => Item::Case(&model.site.graph.cases[ix.get()].slug),
        // Lists hold entries and cases only.
        _ => Item::Case(""),
    }
}
