//! The model of a built site: the loaded site ([`Site`]: config, sources,
//! corpus, graph, date) and what is derived from it once, before any page
//! or file is made ([`Derived`]: the bodies as HTML, the vocabulary index,
//! the order of every list). [`paths`] is the one place that knows where
//! each page and file lies.
//!
//! Everything here is plain data and pure functions of it: no template, no
//! file written. Pages ([`crate::render`]) and the other files
//! ([`crate::publish`]) are both made from a [`Model`], and neither needs
//! the other.

pub mod bodies;
pub mod dates;
pub mod downloads;
pub mod facets;
pub mod feeds;
pub mod links;
pub mod lists;
pub mod markdown;
pub mod paths;
pub mod similar;
pub mod terms;
pub mod time;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::content::date::Date;
use crate::content::{Corpus, Kind};
use crate::diag::Diagnostics;
use crate::graph::{Graph, PolicyIx};
use crate::history::{History, Unavailable};
use crate::source::Sources;
pub use bodies::Bodies;
use lists::Lists;
use markdown::Rendered;
use terms::Terms;
use time::Time;

/// A loaded site: plain data, read by every later stage.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub sources: Sources,
    pub corpus: Corpus,
    pub graph: Graph,
    /// The entries' history from git, when the site has one
    /// ([`crate::pipeline::load`] reads it); shared, so that the live
    /// preview keeps it across rebuilds until `HEAD` moves.
    pub history: Option<Arc<History>>,
    /// Why the site has no history, when it was read and there is none.
    pub no_history: Option<Unavailable>,
    /// The day `SOURCE_DATE_EPOCH` names, when it is set.
    source_date: Option<chrono::NaiveDate>,
    /// The newest date or `updated` of any entry or case file, found once:
    /// every page shows the date of the data ([`Site::date`]).
    entries_date: Date,
    /// The day of the newest commit that changed an entry file at `HEAD`.
    history_date: Option<chrono::NaiveDate>,
}

impl Site {
    /// Links a loaded corpus into a site. `source_date`, the day
    /// `SOURCE_DATE_EPOCH` names when it is set, replaces the newest
    /// entry's date as the date of the data.
    pub fn new(
        root: PathBuf,
        config: Config,
        sources: Sources,
        corpus: Corpus,
        graph: Graph,
        source_date: Option<chrono::NaiveDate>,
    ) -> Site {
        let entries_date = newest_date(&corpus);
        Site {
            root,
            config,
            sources,
            corpus,
            graph,
            history: None,
            no_history: None,
            source_date,
            entries_date,
            history_date: None,
        }
    }

    /// What the site records ([`Recorded`]). A tracker of legislation
    /// records no litigation, one of executive orders perhaps no
    /// commentary, one of lawsuits only case files: their pages say nothing
    /// of what the site does not record, rather than "none recorded" on
    /// every page, and have no vocabulary of what it lacks.
    pub fn recorded(&self) -> Recorded {
        let c = &self.corpus;
        let litigation = !c.court_actions.is_empty() || !c.cases.is_empty();
        Recorded {
            // A site of nothing yet is a site of policies, as docket's
            // model is.
            policies: !c.policies.is_empty() || (!litigation && c.commentary.is_empty()),
            litigation,
            court_actions: !c.court_actions.is_empty(),
            commentary: !c.commentary.is_empty(),
            entries: !c.is_empty() || c.cases.is_empty(),
        }
    }

    /// Whether the site records entries of `kind` (of court actions:
    /// litigation, any court action or case file); see [`Site::recorded`].
    pub fn records(&self, kind: Kind) -> bool {
        let r = self.recorded();
        match kind {
            Kind::Policy => r.policies,
            Kind::CourtAction => r.litigation,
            Kind::Commentary => r.commentary,
        }
    }

    /// The date of the data, shown as "data as of" and used wherever a date
    /// is needed that no single entry gives (an empty feed, the timestamps
    /// in the offline archive): `SOURCE_DATE_EPOCH` if set, else the newest
    /// of the entries' dates and `updated` dates and, when the site has a
    /// history, of the commits that changed its entries. A month or a year
    /// stays one ("data as of March 2025"), never given a day. Never the
    /// clock, so that the same content always gives the same bytes.
    pub fn date(&self) -> Date {
        if let Some(d) = self.source_date {
            return Date::day(d);
        }
        self.history_date
            .map_or(self.entries_date, |h| self.entries_date.max(Date::day(h)))
    }

    /// Keeps the history read for this site (shared with the live
    /// preview's later builds), or why there is none.
    pub fn keep_history(&mut self, history: Result<Arc<History>, Unavailable>) {
        match history {
            Ok(h) => {
                self.history_date = h.newest_change();
                self.history = Some(h);
                self.no_history = None;
            }
            Err(why) => {
                self.history_date = None;
                self.history = None;
                self.no_history = Some(why);
            }
        }
    }
}

fn newest_date(c: &Corpus) -> Date {
    let cases = c
        .cases
        .iter()
        .flat_map(|f| f.updated.map(Date::day).into_iter().chain(f.filed));
    c.all()
        .flat_map(|e| e.common.updated.map(Date::day).into_iter().chain([e.date]))
        .chain(cases)
        .max()
        .unwrap_or_else(|| Date::day(chrono::NaiveDate::default()))
}

/// One value per kind of entry, for data kept beside the corpus's three
/// lists (the bodies, the rows of lists): written once for all kinds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PerKind<T> {
    pub policies: T,
    pub court_actions: T,
    pub commentary: T,
}

impl<T> PerKind<T> {
    /// A value for each kind, made by `f`.
    pub fn new(mut f: impl FnMut(Kind) -> T) -> PerKind<T> {
        PerKind {
            policies: f(Kind::Policy),
            court_actions: f(Kind::CourtAction),
            commentary: f(Kind::Commentary),
        }
    }

    pub fn get(&self, kind: Kind) -> &T {
        match kind {
            Kind::Policy => &self.policies,
            Kind::CourtAction => &self.court_actions,
            Kind::Commentary => &self.commentary,
        }
    }

    pub fn get_mut(&mut self, kind: Kind) -> &mut T {
        match kind {
            Kind::Policy => &mut self.policies,
            Kind::CourtAction => &mut self.court_actions,
            Kind::Commentary => &mut self.commentary,
        }
    }

    /// Each kind with its value, in the order of [`Kind::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Kind, &T)> {
        Kind::ALL.into_iter().map(move |k| (k, self.get(k)))
    }
}

/// What is derived from a site once per build, before any page or file:
/// everything pages share, so that no page computes it again.
pub struct Derived {
    pub bodies: Bodies,
    /// The case files' bodies, parallel to [`Corpus::cases`].
    pub case_bodies: Vec<Arc<Rendered>>,
    pub terms: Terms,
    pub lists: Lists,
    /// Policies by announcement date, then id.
    pub by_date: Vec<PolicyIx>,
    /// The site's changes and the policies' periods in force.
    pub time: Time,
    /// What pages show of entries other than their own, as Tera's values.
    pub shown: Shown,
}

/// Tera's values of what the pages of other entries show of an entry,
/// made on first use and shared by every page that shows it: a policy is
/// linked from the pages of the policies and cases related to it, a
/// filing from the pages of its case's other filings, and converting the
/// same link again for each of them was a twentieth of the views' cost.
pub struct Shown {
    /// Links to entries (`render::views::EntryLink`), parallel to the
    /// corpus's lists.
    pub links: PerKind<Vec<OnceLock<tera::Value>>>,
    /// Court actions as filings of their case (`render::views::FilingView`).
    pub filings: Vec<OnceLock<tera::Value>>,
    /// The dates the entries give (`render::views::DateValue`), sorted: an
    /// entry's date is on its page, on the pages that link to it and in
    /// the rows of its lists, and its day, month and year written out and
    /// turned into Tera's value again on each was a fiftieth of `check`.
    pub dates: Vec<(Date, OnceLock<tera::Value>)>,
}

impl Shown {
    /// Room for every entry of `site`, and for every date its entries and
    /// case files give, nothing made yet.
    pub fn new(site: &Site) -> Shown {
        let corpus = &site.corpus;
        let none = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        let mut dates: Vec<Date> = vec![site.date()];
        for e in corpus.all() {
            dates.push(e.date);
            dates.extend(e.common.updated.map(Date::from));
        }
        dates.extend(corpus.policies.iter().filter_map(|p| p.effective));
        let documents = (corpus.policies.iter().flat_map(|p| &p.documents))
            .chain(corpus.court_actions.iter().flat_map(|c| &c.documents))
            .chain(corpus.commentary.iter().flat_map(|c| &c.documents));
        dates.extend(documents.filter_map(|d| d.date));
        for c in &corpus.cases {
            dates.extend(c.filed);
            dates.extend(c.updated.map(Date::from));
        }
        dates.sort_unstable();
        dates.dedup();
        Shown {
            links: PerKind::new(|kind| none(corpus.count(kind))),
            filings: none(corpus.court_actions.len()),
            dates: dates.into_iter().map(|d| (d, OnceLock::new())).collect(),
        }
    }

    /// The room for `date`'s value, if the entries give that date.
    pub fn date(&self, date: Date) -> Option<&OnceLock<tera::Value>> {
        let i = self.dates.binary_search_by(|(d, _)| d.cmp(&date)).ok()?;
        Some(&self.dates[i].1)
    }
}

/// What a site records, as templates see it (`site.has`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Recorded {
    /// Policies: false only on a site that records other things and no
    /// policy (a tracker of lawsuits, each a case file).
    pub policies: bool,
    /// Litigation: court actions or case files.
    pub litigation: bool,
    /// Court actions themselves: a tracker of case files may have none.
    pub court_actions: bool,
    pub commentary: bool,
    /// Entries of any kind: false only on a tracker of case files alone,
    /// whose history of entries (the recent changes) has nothing to list.
    pub entries: bool,
}

/// Whether the HTML docket makes itself (a body's, a lineage's picture, a
/// citation) is written. `docket check` reads what a body says (its links,
/// its summary) and shows no page, so it skips the writing: a fifth of the
/// cost of a body, and most of a policy's page beside its template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Html {
    Write,
    /// No HTML: what would have some is a single space instead, so that a
    /// template's `{% if policy.body %}` takes the same branch in `check`
    /// as in `build`, and an error in it fails both.
    Skip,
}

impl Derived {
    /// Renders every body (reporting links that lead nowhere) and derives
    /// the rest.
    pub fn new(site: &Site, diags: &mut Diagnostics) -> Derived {
        Derived::derive(site, Html::Write, diags)
    }

    /// [`Derived::new`] for `docket check`: the same diagnostics, and
    /// bodies without their HTML, which no page it renders is written with.
    pub fn checked(site: &Site, diags: &mut Diagnostics) -> Derived {
        Derived::derive(site, Html::Skip, diags)
    }

    fn derive(site: &Site, html: Html, diags: &mut Diagnostics) -> Derived {
        let bodies = Bodies::render(site, html);
        // The checks of the bodies' links and the rest of what is derived
        // run on one thread each: on their own, each left the other cores
        // idle.
        let (found, rest) = rayon::join(|| bodies.diagnostics(site), || Rest::build(site, html));
        diags.extend(found);
        let derived = rest.with(bodies, site);
        diags.extend(derived.diagnostics(site));
        derived
    }

    /// What is found in what was derived besides the entries' bodies: the
    /// links of the case files' bodies that lead nowhere, and values that
    /// differ from another only in case or punctuation (`similar`).
    pub fn diagnostics(&self, site: &Site) -> Vec<crate::diag::Diagnostic> {
        let mut found = bodies::case_diagnostics(site, &self.case_bodies);
        found.extend(self.terms.similar_values(site));
        found.extend(similar::without_pages(site));
        found
    }

    /// The rest derived around bodies already rendered (the live preview
    /// keeps those of entries that did not change).
    pub fn with_bodies(site: &Site, bodies: Bodies) -> Derived {
        Rest::build(site, Html::Write).with(bodies, site)
    }

    /// The model pages and files are made from.
    pub fn model<'s>(&'s self, site: &'s Site) -> Model<'s> {
        Model {
            site,
            bodies: &self.bodies,
            case_bodies: &self.case_bodies,
            terms: &self.terms,
            lists: &self.lists,
            by_date: &self.by_date,
            time: &self.time,
            shown: &self.shown,
        }
    }
}

/// What [`Derived`] holds besides the entries' bodies: each part is a
/// pass over the site of its own, so the parts are made side by side.
struct Rest {
    case_bodies: Vec<Arc<Rendered>>,
    terms: Terms,
    lists: Lists,
    by_date: Vec<PolicyIx>,
    time: Time,
}

impl Rest {
    fn build(site: &Site, html: Html) -> Rest {
        let ((terms, case_bodies), ((lists, by_date), time)) = rayon::join(
            || {
                rayon::join(
                    || Terms::build(&site.corpus, &site.graph, &site.config),
                    || bodies::render_cases(site, html),
                )
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || Lists::build(&site.corpus, &site.graph),
                            || policies_by_date(&site.corpus),
                        )
                    },
                    || Time::build(site),
                )
            },
        );
        Rest {
            case_bodies,
            terms,
            lists,
            by_date,
            time,
        }
    }

    fn with(self, bodies: Bodies, site: &Site) -> Derived {
        Derived {
            shown: Shown::new(site),
            bodies,
            case_bodies: self.case_bodies,
            terms: self.terms,
            lists: self.lists,
            by_date: self.by_date,
            time: self.time,
        }
    }
}

/// Policies by announcement date, then id.
pub fn policies_by_date(corpus: &Corpus) -> Vec<PolicyIx> {
    let mut by_date: Vec<PolicyIx> = (0..corpus.policies.len() as u32).map(PolicyIx).collect();
    by_date.sort_by_key(|p| {
        let p = &corpus.policies[p.get()];
        (p.announced, p.id)
    });
    by_date
}

/// What pages and generated files are made from: the site and what is
/// derived from it ([`Derived::model`]).
#[derive(Clone, Copy)]
pub struct Model<'s> {
    pub site: &'s Site,
    pub bodies: &'s Bodies,
    /// The case files' bodies, parallel to [`Corpus::cases`].
    pub case_bodies: &'s [Arc<Rendered>],
    pub terms: &'s Terms,
    pub lists: &'s Lists,
    /// Policies by announcement date, then id.
    pub by_date: &'s [PolicyIx],
    /// The site's changes and the policies' periods in force.
    pub time: &'s Time,
    pub shown: &'s Shown,
}

/// One file of the site, made in memory: a page or a generated file.
pub struct Output {
    /// Site-relative, `/`-separated ([`paths`]).
    pub path: String,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_the_entries_give_has_room_for_its_value_and_no_other() {
        let dates = ["1948", "1948-01", "1948-01-01", "1948-01-02", "2025-06"];
        let dates: Vec<Date> = dates.iter().map(|d| Date::parse(d).unwrap()).collect();
        let shown = Shown {
            links: PerKind::new(|_| Vec::new()),
            filings: Vec::new(),
            dates: dates.iter().map(|&d| (d, OnceLock::new())).collect(),
        };
        for (i, &d) in dates.iter().enumerate() {
            let room = shown.date(d).expect("a date given has room");
            assert!(std::ptr::eq(room, &shown.dates[i].1), "{d:?}");
        }
        // The same day, month or year at another precision is another date.
        for other in ["1949", "1948-02", "1948-01-03", "2025-06-01", "2025"] {
            assert!(shown.date(Date::parse(other).unwrap()).is_none(), "{other}");
        }
    }
}
