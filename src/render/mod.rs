//! Rendering: the site model → the bytes of every page.
//!
//! Rendering returns data and never touches the output folder: `build`
//! hands each page to [`crate::output`], `check` drops it. Everything a
//! page needs that is shared (rendered bodies, the vocabulary index, the
//! order of policies by date) is derived once per build, before any page.

pub mod charts;
pub mod context;
pub mod embedded;
pub mod filters;
pub mod generated;
pub mod links;
pub mod lists;
pub mod markdown;
pub mod search;
pub mod terms;
pub mod theme;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Vocab;
use crate::content::{Common, Kind};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::source::Span;
use crate::Site;
use context::EntryLink;
use markdown::Rendered;
use terms::Terms;
pub use theme::Theme;

/// Rendered Markdown bodies, parallel to the corpus lists. Shared, so
/// that a live preview can keep the bodies of entries that did not change.
pub struct Bodies {
    pub policies: Vec<Arc<Rendered>>,
    pub court_actions: Vec<Arc<Rendered>>,
    pub commentary: Vec<Arc<Rendered>>,
}

/// What pages are rendered from: the site and what is derived from it once.
pub struct Model<'s> {
    pub site: &'s Site,
    pub bodies: &'s Bodies,
    pub terms: &'s Terms,
    /// Policies by announcement date, then id.
    pub by_date: &'s [PolicyIx],
}

/// Every kind of page docket writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Page {
    Home,
    Policies,
    CourtActions,
    Cases,
    CommentaryList,
    Policy(PolicyIx),
    CourtAction(CourtActionIx),
    Case(CaseIx),
    Commentary(CommentaryIx),
    Vocabulary(Vocab),
    Term(Vocab, usize),
    Search,
    /// Page 2 and on of a list ([`lists`]); the first pages are above.
    More(lists::List, usize),
    NotFound,
    /// "Download the data": the exports, their sizes and row counts.
    Download,
}

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    settings: &'a toml::Table,
    generator: &'static str,
    vocabularies: Vec<VocabLink>,
    /// The date of the data ([`crate::Site::date`]).
    updated: context::DateView,
}

#[derive(Serialize)]
struct VocabLink {
    key: &'static str,
    title: &'static str,
    url: String,
}

/// Facts about the page being rendered, as `page`.
#[derive(Serialize)]
struct PageView<'a> {
    /// Site-relative path of this page.
    path: &'a str,
    title: &'a str,
    /// `home`, `policy`, `policies`, … : what kind of page this is.
    kind: &'static str,
    description: &'a str,
    canonical: Option<String>,
    /// Atom feeds for `<link rel="alternate">`: the site's, then the page's own.
    feeds: Vec<crate::output::feed::FeedLink>,
}

/// What the download page lists: the data files with their sizes, and the
/// offline archive when `--archive` wrote one.
#[derive(Clone, Debug, Default)]
pub struct Downloads {
    pub files: Vec<crate::output::export::DataFile>,
    pub archive: Option<crate::output::archive::Archive>,
}

/// One page, rendered.
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders bodies (reporting links that lead nowhere) and the vocabulary index.
pub fn prepare(site: &Site, diags: &mut Diagnostics) -> (Bodies, Terms, Vec<PolicyIx>) {
    let files = file_index(site);
    let c = &site.corpus;
    let policies: Vec<_> = c
        .policies
        .par_iter()
        .map(|p| render_body(site, &files, &p.common))
        .collect();
    let court_actions: Vec<_> = c
        .court_actions
        .par_iter()
        .map(|x| render_body(site, &files, &x.common))
        .collect();
    let commentary: Vec<_> = c
        .commentary
        .par_iter()
        .map(|x| render_body(site, &files, &x.common))
        .collect();
    let bodies = Bodies {
        policies,
        court_actions,
        commentary,
    };
    diags.extend(body_diagnostics(site, &bodies));
    (bodies, terms(site), policies_by_date(c))
}

/// The vocabulary index and the ordered lists, derived once per build.
pub fn terms(site: &Site) -> Terms {
    let mut terms = Terms::build(&site.corpus, &site.config);
    terms.lists = lists::Lists::build(&site.corpus, &site.graph);
    terms
}

/// Renders one entry's Markdown body.
pub fn render_body(
    site: &Site,
    files: &HashMap<&str, (Kind, u32)>,
    common: &Common,
) -> Arc<Rendered> {
    let text = common.body(&site.sources);
    let name = &site.sources.get(common.file).name;
    let links = links::Links::new(site, files);
    let resolve = |url: &str| links.resolve(name, url);
    Arc::new(markdown::render(text, site.config.unsafe_html, &resolve))
}

/// The links of every body that lead nowhere, at their place in the file.
pub fn body_diagnostics(site: &Site, bodies: &Bodies) -> Vec<Diagnostic> {
    let c = &site.corpus;
    let commons = c
        .policies
        .iter()
        .map(|p| &p.common)
        .zip(&bodies.policies)
        .chain(
            c.court_actions
                .iter()
                .map(|x| &x.common)
                .zip(&bodies.court_actions),
        )
        .chain(
            c.commentary
                .iter()
                .map(|x| &x.common)
                .zip(&bodies.commentary),
        );
    let mut out = Vec::new();
    for (common, body) in commons {
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
    out.extend(links::check_unparsed(
        site,
        &links::Links::new(site, &files),
    ));
    out
}

/// Policies by announcement date, then id.
pub fn policies_by_date(corpus: &crate::content::Corpus) -> Vec<PolicyIx> {
    let mut by_date: Vec<PolicyIx> = (0..corpus.policies.len() as u32).map(PolicyIx).collect();
    by_date.sort_by_key(|p| {
        let p = &corpus.policies[p.get()];
        (p.announced, p.id)
    });
    by_date
}

/// Entry files by their display name, for relative `.md` links.
pub fn file_index(site: &Site) -> HashMap<&str, (Kind, u32)> {
    site.corpus
        .entries()
        .map(|(k, id, common)| (site.sources.get(common.file).name.as_str(), (k, id)))
        .collect()
}

impl<'s> Model<'s> {
    /// Every page of the site, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let c = &self.site.corpus;
        let mut pages = vec![
            Page::Home,
            Page::Policies,
            Page::CourtActions,
            Page::Cases,
            Page::CommentaryList,
            Page::Search,
            Page::NotFound,
            Page::Download,
        ];
        pages.extend((0..c.policies.len() as u32).map(|i| Page::Policy(PolicyIx(i))));
        pages
            .extend((0..c.court_actions.len() as u32).map(|i| Page::CourtAction(CourtActionIx(i))));
        pages.extend((0..self.site.graph.cases.len() as u32).map(|i| Page::Case(CaseIx(i))));
        pages.extend((0..c.commentary.len() as u32).map(|i| Page::Commentary(CommentaryIx(i))));
        for v in Vocab::ALL {
            pages.push(Page::Vocabulary(v));
            if let Some(vt) = self.terms.vocabs.get(&v) {
                pages.extend(
                    vt.terms
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, e))| e.count() > 0)
                        .map(|(i, _)| Page::Term(v, i)),
                );
            }
        }
        pages.extend(self.more_pages());
        pages
    }

    /// The pages `theme` renders: [`Model::pages`], less the search page
    /// for a theme without a `search.html` (one made before it existed).
    pub fn pages_for(&self, theme: &Theme) -> Vec<Page> {
        let mut pages = self.pages();
        if !theme.tera.get_template_names().any(|n| n == "search.html") {
            pages.retain(|p| !matches!(p, Page::Search));
        }
        pages
    }

    /// Site-relative path of a page's file.
    pub fn path(&self, page: Page) -> String {
        let c = &self.site.corpus;
        match page {
            Page::Home => "index.html".into(),
            Page::Policies => "policies/index.html".into(),
            Page::CourtActions => "court-actions/index.html".into(),
            Page::Cases => "cases/index.html".into(),
            Page::CommentaryList => "commentary/index.html".into(),
            Page::NotFound => "404.html".into(),
            Page::Search => format!("{}/index.html", search::DIR),
            Page::Download => format!("{}/index.html", crate::output::archive::DIR),
            Page::Policy(ix) => Kind::Policy.page_path(c.policies[ix.get()].id.0),
            Page::CourtAction(ix) => Kind::CourtAction.page_path(c.court_actions[ix.get()].id.0),
            Page::Case(ix) => context::case_path(&self.site.graph.cases[ix.get()]),
            Page::Commentary(ix) => Kind::Commentary.page_path(c.commentary[ix.get()].id.0),
            Page::Vocabulary(v) => format!("{}/index.html", v.slug()),
            Page::Term(v, i) => format!(
                "{}/{}/index.html",
                v.slug(),
                self.terms.vocabs[&v].terms[i].1.slug
            ),
            Page::More(list, n) => self.list_path(list, n),
        }
    }

    /// Renders one page. An error says where in which template, and on
    /// which page.
    pub fn render(&self, theme: &Theme, page: Page) -> Result<Output, String> {
        self.render_with(theme, page, None)
            .map_err(|(path, msg)| format!("{msg} (rendering {path})"))
    }

    /// Renders the download page with what is known of the files it lists
    /// (their sizes, and the offline archive if there is one).
    pub fn render_download(&self, theme: &Theme, downloads: &Downloads) -> Result<Output, String> {
        self.render_with(theme, Page::Download, Some(downloads))
            .map_err(|(path, msg)| format!("{msg} (rendering {path})"))
    }

    fn render_with(
        &self,
        theme: &Theme,
        page: Page,
        downloads: Option<&Downloads>,
    ) -> Result<Output, (String, String)> {
        let (path, template, ctx) = self
            .context(theme, page, downloads)
            .map_err(|msg| (self.path(page), msg))?;
        match theme.tera.render(template, &ctx) {
            Ok(html) => Ok(Output {
                path,
                bytes: html.into_bytes(),
            }),
            Err(e) => Err((path, theme.explain(&e))),
        }
    }

    /// A page's file, its template and everything the template sees: the
    /// template contract of the book's "Themes and templates" chapter. For
    /// the download page, `downloads` gives the sizes of the files (they
    /// are computed here when it is `None`).
    pub fn context(
        &self,
        theme: &Theme,
        page: Page,
        downloads: Option<&Downloads>,
    ) -> Result<(String, &'static str, Context), String> {
        let path = self.path(page);
        let depth = path.matches('/').count();
        let site = &self.site.config;
        // 404.html is served by hosts at any address that has no page, at
        // any depth, so its links cannot be relative to where it lies. With
        // a base_url they are absolute; without one they are relative to
        // the site root, and a script in the page finds the root at run
        // time (the template's `site_folders`).
        let root = match (page, site.base_url.as_deref()) {
            (Page::NotFound, Some(base)) => base.to_string(),
            (Page::NotFound, None) => String::new(),
            _ => "../".repeat(depth),
        };
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView {
                title: &site.title,
                description: &site.description,
                language: &site.language,
                base_url: site.base_url.as_deref(),
                settings: &theme.settings,
                generator: concat!("docket ", env!("CARGO_PKG_VERSION")),
                updated: context::DateView::new(self.site.date()),
                vocabularies: Vocab::ALL
                    .iter()
                    .map(|v| VocabLink {
                        key: v.key(),
                        title: v.title(),
                        url: format!("{}/index.html", v.slug()),
                    })
                    .collect(),
            },
        );
        let (template, kind, title, description): (&str, &str, String, String) = match page {
            Page::Home => {
                ctx.insert("counts", &self.counts());
                ctx.insert("recent", &self.recent(12));
                ctx.insert(
                    "charts",
                    &HomeCharts {
                        monthly: charts::monthly(self),
                        by_status: charts::by_status(self),
                    },
                );
                (
                    "index.html",
                    "home",
                    site.title.clone(),
                    site.description.clone(),
                )
            }
            Page::Policies => self.list_page(theme, lists::List::Policies, 1, &mut ctx)?,
            Page::CourtActions => self.list_page(theme, lists::List::CourtActions, 1, &mut ctx)?,
            Page::Cases => self.list_page(theme, lists::List::Cases, 1, &mut ctx)?,
            Page::CommentaryList => self.list_page(theme, lists::List::Commentary, 1, &mut ctx)?,
            Page::More(list, n) => self.list_page(theme, list, n, &mut ctx)?,
            Page::Search => (
                "search.html",
                "search",
                "Search".into(),
                "Search every entry of the database".into(),
            ),
            Page::NotFound => {
                ctx.insert("site_folders", &self.site_folders());
                (
                    "404.html",
                    "not-found",
                    "Page not found".into(),
                    String::new(),
                )
            }
            Page::Download => {
                let computed;
                let downloads = match downloads {
                    Some(d) => d,
                    None => {
                        computed = Downloads {
                            files: crate::output::export::summary(self),
                            archive: None,
                        };
                        &computed
                    }
                };
                ctx.insert("downloads", &self.downloads_view(downloads));
                (
                    "download.html",
                    "download",
                    "Download the data".into(),
                    "The whole database as JSON and CSV, and the site to take offline".into(),
                )
            }
            Page::Policy(ix) => {
                let view = self.policy_view(ix);
                let (prev, next) = self.neighbours(ix);
                ctx.insert("prev", &prev);
                ctx.insert("next", &next);
                let t = view.row.title.to_string();
                let d = view.summary.to_string();
                ctx.insert("policy", &view);
                ("policy.html", "policy", t, d)
            }
            Page::CourtAction(ix) => {
                let view = self.court_action_view(ix);
                let (t, d) = (view.row.title.to_string(), view.summary.to_string());
                ctx.insert("court_action", &view);
                ("court_action.html", "court-action", t, d)
            }
            Page::Case(ix) => {
                let view = self.case_page(ix);
                let t = view.case.name.to_string();
                let d = format!(
                    "{} ({}), No. {}",
                    view.case.name, view.case.court.name, view.case.docket
                );
                ctx.insert("case", &view);
                ("case.html", "case", t, d)
            }
            Page::Commentary(ix) => {
                let view = self.commentary_view(ix);
                let (t, d) = (view.link.title.to_string(), view.summary.to_string());
                ctx.insert("commentary", &view);
                ("commentary.html", "commentary", t, d)
            }
            Page::Vocabulary(v) => {
                ctx.insert("vocabulary", &self.vocabulary_view(v));
                (
                    "vocabulary.html",
                    "vocabulary",
                    v.title().into(),
                    String::new(),
                )
            }
            Page::Term(v, i) => self.list_page(theme, lists::List::Term(v, i), 1, &mut ctx)?,
        };
        if let Some(filters) = self.list_filters(page) {
            ctx.insert("filters", &filters);
        }
        let canonical = site
            .base_url
            .as_deref()
            .filter(|_| !matches!(page, Page::NotFound))
            .map(|b| crate::output::xml::absolute(b, &path));
        ctx.insert(
            "page",
            &PageView {
                path: &path,
                title: &title,
                kind,
                description: &description,
                canonical,
                feeds: crate::output::feed::links(self, page),
            },
        );
        ctx.insert("root", &root);
        Ok((path, template, ctx))
    }

    /// The top-level folders of the site, from which the 404 page's script
    /// tells where the site's root is in an address.
    fn site_folders(&self) -> Vec<String> {
        let mut folders: std::collections::BTreeSet<String> = self
            .pages()
            .into_iter()
            .map(|p| self.path(p))
            .chain(self.alias_paths())
            .filter_map(|p| p.split_once('/').map(|(first, _)| first.to_string()))
            // Only names that are safe to write into a script as they are.
            .filter(|f| {
                f.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
            })
            .collect();
        folders.extend(
            [
                "static",
                "documents",
                crate::output::export::DIR,
                crate::output::archive::DIR,
            ]
            .map(String::from),
        );
        folders.into_iter().collect()
    }

    fn alias_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.site
            .corpus
            .entries()
            .flat_map(|(_, _, common)| common.aliases.iter().map(|a| a.value.clone()))
    }

    fn downloads_view<'d>(&self, d: &'d Downloads) -> context::DownloadsView<'d> {
        context::DownloadsView {
            files: &d.files,
            archive: d.archive.as_ref(),
            feed: self
                .site
                .config
                .base_url
                .is_some()
                .then(|| "feed.xml".to_string()),
            date: context::DateView::new(self.site.date()),
        }
    }

    fn date_key(&self, p: PolicyIx) -> (chrono::NaiveDate, crate::content::PolicyId) {
        let p = &self.site.corpus.policies[p.get()];
        (p.announced, p.id)
    }

    fn neighbours(&self, ix: PolicyIx) -> (Option<EntryLink<'s>>, Option<EntryLink<'s>>) {
        let pos = self
            .by_date
            .binary_search_by_key(&self.date_key(ix), |p| self.date_key(*p));
        match pos {
            Ok(i) => (
                i.checked_sub(1).map(|j| self.policy_link(self.by_date[j])),
                self.by_date.get(i + 1).map(|&p| self.policy_link(p)),
            ),
            Err(_) => (None, None),
        }
    }

    fn counts(&self) -> Counts<'s> {
        let c = &self.site.corpus;
        let in_litigation = c
            .policies
            .iter()
            .filter(|p| p.status.iter().any(|s| s.as_str() == "In Litigation"))
            .count();
        let by_current_status = self
            .terms
            .vocabs
            .get(&Vocab::CurrentStatuses)
            .map(|v| {
                v.terms
                    .iter()
                    .map(|(name, e)| context::TermCount {
                        name,
                        url: (e.count() > 0).then(|| {
                            format!("{}/{}/index.html", Vocab::CurrentStatuses.slug(), e.slug)
                        }),
                        count: e.count(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let assessed: usize = c
            .policies
            .iter()
            .filter(|p| p.current_status.is_some())
            .count();
        Counts {
            policies: c.policies.len(),
            in_litigation,
            in_litigation_url: self
                .terms
                .slug(Vocab::Statuses, "In Litigation")
                // The term's page exists only when some policy has the term.
                .filter(|_| in_litigation > 0)
                .map(|s| format!("{}/{s}/index.html", Vocab::Statuses.slug())),
            court_actions: c.court_actions.len(),
            cases: self.site.graph.cases.len(),
            commentary: c.commentary.len(),
            by_current_status,
            not_assessed: c.policies.len() - assessed,
        }
    }

    /// The `n` newest entries of any kind.
    fn recent(&self, n: usize) -> Vec<EntryLink<'s>> {
        let c = &self.site.corpus;
        let mut all: Vec<(chrono::NaiveDate, Kind, u32, usize)> = c
            .policies
            .iter()
            .enumerate()
            .map(|(i, p)| (p.announced, Kind::Policy, p.id.0, i))
            .chain(
                c.court_actions
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.date, Kind::CourtAction, x.id.0, i)),
            )
            .chain(
                c.commentary
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.date, Kind::Commentary, x.id.0, i)),
            )
            .collect();
        let n = n.min(all.len());
        if n == 0 {
            return Vec::new();
        }
        all.select_nth_unstable_by(n - 1, |a, b| (b.0, b.1, b.2).cmp(&(a.0, a.1, a.2)));
        all.truncate(n);
        all.sort_by_key(|b| std::cmp::Reverse((b.0, b.1, b.2)));
        all.into_iter()
            .map(|(_, kind, _, i)| match kind {
                Kind::Policy => self.policy_link(PolicyIx(i as u32)),
                Kind::CourtAction => self.court_action_link(CourtActionIx(i as u32)),
                Kind::Commentary => self.commentary_link_entry(CommentaryIx(i as u32)),
            })
            .collect()
    }
}

#[derive(Serialize)]
struct Counts<'a> {
    policies: usize,
    in_litigation: usize,
    in_litigation_url: Option<String>,
    court_actions: usize,
    cases: usize,
    commentary: usize,
    by_current_status: Vec<context::TermCount<'a>>,
    not_assessed: usize,
}

/// The home page's pictures.
#[derive(Serialize)]
struct HomeCharts {
    monthly: Option<charts::Monthly>,
    by_status: Option<String>,
}

/// Runs every generator of files ([`generated::run`]), then renders every
/// page in parallel, handing each file to `sink` as it is done, so the site
/// is never held in memory whole. Returns the number of pages rendered.
pub fn render_all<E: Send>(
    model: &Model<'_>,
    theme: &Theme,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    diags: &mut Diagnostics,
) -> Result<usize, E> {
    let downloads = Downloads {
        files: generated::run(model, Some(theme), diags, sink)?,
        archive: None,
    };
    render_pages(model, theme, &downloads, sink, diags)
}

/// Renders every page in parallel and hands each to `sink` as it is done.
/// Template failures become diagnostics (at most 20, one per distinct
/// cause, with the number of pages it broke); the sink's errors end the run.
pub fn render_pages<E: Send>(
    model: &Model<'_>,
    theme: &Theme,
    downloads: &Downloads,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
    diags: &mut Diagnostics,
) -> Result<usize, E> {
    diags.extend(theme.warnings.iter().cloned());
    let pages = model.pages_for(theme);
    let results: Vec<Result<Option<(String, String)>, E>> = pages
        .par_iter()
        .map(|&page| {
            let d = matches!(page, Page::Download).then_some(downloads);
            match model.render_with(theme, page, d) {
                Ok(out) => sink(out).map(|()| None),
                Err(failure) => Ok(Some(failure)),
            }
        })
        .collect();
    let mut failures: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut count = 0;
    for r in results {
        match r? {
            None => count += 1,
            Some((path, msg)) => failures.entry(msg).or_default().push(path),
        }
    }
    for (msg, mut paths) in failures.into_iter().take(20) {
        paths.sort();
        let on = match paths.len() {
            1 => format!("rendering {}", paths[0]),
            n => format!("rendering {} and {} other pages", paths[0], n - 1),
        };
        diags.push(theme::template_error(format!("{msg} ({on})")));
    }
    Ok(count)
}
