//! Every page of the site: which pages there are, where each one lies,
//! and what its template sees.
//!
//! [`Model::context`] is the template contract of the book's "Themes and
//! templates" chapter: every page sees `site`, `page` and `root`, and each
//! kind of page adds its own view (one `fill_*` function per kind; the
//! lists' pages are in [`super::lists`], the home page in [`super::home`]).

use serde::Serialize;
use tera::Context;

use super::views::{self as context, EntryLink};
use super::lists::List;
use super::{Downloads, Model, Theme};
use crate::publish::search;
use crate::config::Vocab;
use crate::content::Kind;
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};

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
    /// A lineage's page, by its oldest root ([`crate::graph::lineage`]).
    Lineage(PolicyIx),
    Vocabulary(Vocab),
    Term(Vocab, usize),
    Search,
    /// Page 2 and on of a list ([`super::lists`]); the first pages are above.
    More(List, usize),
    NotFound,
    /// "Download the data": the exports, their sizes and row counts.
    Download,
}

/// Whether `theme` has the template `name`.
fn has_template(theme: &Theme, name: &str) -> bool {
    theme.tera.get_template_names().any(|n| n == name)
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
    feeds: Vec<crate::publish::feed::FeedLink>,
}

/// What a page is, for its template and its `<head>`: the template that
/// renders it, its kind (`page.kind`), title and description.
pub struct Head {
    pub template: &'static str,
    pub kind: &'static str,
    pub title: String,
    pub description: String,
}

impl Head {
    pub fn new(
        template: &'static str,
        kind: &'static str,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> Head {
        Head {
            template,
            kind,
            title: title.into(),
            description: description.into(),
        }
    }
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
        pages.extend(
            self.site
                .graph
                .lineages
                .iter()
                .map(|l| Page::Lineage(l.root)),
        );
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
    /// and the lineages' pages for a theme without a `search.html` or a
    /// `lineage.html` (one made before they existed).
    pub fn pages_for(&self, theme: &Theme) -> Vec<Page> {
        let mut pages = self.pages();
        if !has_template(theme, "search.html") {
            pages.retain(|p| !matches!(p, Page::Search));
        }
        if !has_template(theme, "lineage.html") {
            pages.retain(|p| !matches!(p, Page::Lineage(_)));
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
            Page::Lineage(root) => context::lineage_path(c.policies[root.get()].id.0),
            Page::Vocabulary(v) => format!("{}/index.html", v.slug()),
            Page::Term(v, i) => format!(
                "{}/{}/index.html",
                v.slug(),
                self.terms.vocabs[&v].terms[i].1.slug
            ),
            Page::More(list, n) => self.list_path(list, n),
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
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_view(theme));
        let head = match page {
            Page::Home => self.fill_home(&mut ctx),
            Page::Policies => self.list_page(theme, List::Policies, 1, &mut ctx)?,
            Page::CourtActions => self.list_page(theme, List::CourtActions, 1, &mut ctx)?,
            Page::Cases => self.list_page(theme, List::Cases, 1, &mut ctx)?,
            Page::CommentaryList => self.list_page(theme, List::Commentary, 1, &mut ctx)?,
            Page::More(list, n) => self.list_page(theme, list, n, &mut ctx)?,
            Page::Term(v, i) => self.list_page(theme, List::Term(v, i), 1, &mut ctx)?,
            Page::Search => Head::new(
                "search.html",
                "search",
                "Search",
                "Search every entry of the database",
            ),
            Page::NotFound => {
                ctx.insert("site_folders", &self.site_folders());
                Head::new("404.html", "not-found", "Page not found", "")
            }
            Page::Download => self.fill_download(downloads, &mut ctx),
            Page::Policy(ix) => self.fill_policy(ix, has_template(theme, "lineage.html"), &mut ctx),
            Page::Lineage(root) => self.fill_lineage(root, &mut ctx)?,
            Page::CourtAction(ix) => self.fill_court_action(ix, &mut ctx),
            Page::Case(ix) => self.fill_case(ix, &mut ctx),
            Page::Commentary(ix) => self.fill_commentary(ix, &mut ctx),
            Page::Vocabulary(v) => {
                ctx.insert("vocabulary", &self.vocabulary_view(v));
                Head::new("vocabulary.html", "vocabulary", v.title(), "")
            }
        };
        if let Some(filters) = self.list_filters(page) {
            ctx.insert("filters", &filters);
        }
        let site = &self.site.config;
        let canonical = site
            .base_url
            .as_deref()
            .filter(|_| !matches!(page, Page::NotFound))
            .map(|b| crate::publish::xml::absolute(b, &path));
        ctx.insert(
            "page",
            &PageView {
                path: &path,
                title: &head.title,
                kind: head.kind,
                description: &head.description,
                canonical,
                feeds: crate::publish::feed::links(self, page),
            },
        );
        ctx.insert("root", &self.root(page, &path));
        Ok((path, head.template, ctx))
    }

    /// How a page's links reach the site's root.
    fn root(&self, page: Page, path: &str) -> String {
        // 404.html is served by hosts at any address that has no page, at
        // any depth, so its links cannot be relative to where it lies: they
        // are relative to the site root, and the page sets its base to the
        // root (the template's script, with `site_folders`). Not to the
        // base_url, even when there is one: the page must work from disk
        // and under `docket serve` too, where that host is not the site.
        match page {
            Page::NotFound => String::new(),
            _ => "../".repeat(path.matches('/').count()),
        }
    }

    fn site_view<'t>(&self, theme: &'t Theme) -> SiteView<'t>
    where
        's: 't,
    {
        let site = &self.site.config;
        SiteView {
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
        }
    }

    fn fill_policy(&self, ix: PolicyIx, lineage_pages: bool, ctx: &mut Context) -> Head {
        let view = self.policy_view(ix, lineage_pages);
        let (prev, next) = self.neighbours(ix);
        ctx.insert("prev", &prev);
        ctx.insert("next", &next);
        let head = Head::new(
            "policy.html",
            "policy",
            view.row.title.to_string(),
            view.summary.to_string(),
        );
        ctx.insert("policy", &view);
        head
    }

    fn fill_lineage(&self, root: PolicyIx, ctx: &mut Context) -> Result<Head, String> {
        let view = self
            .lineage_view(root)
            .ok_or_else(|| "this policy has no lineage".to_string())?;
        let head = Head::new(
            "lineage.html",
            "lineage",
            format!("Lineage of {}", view.root.title),
            format!(
                "{} policies linked by supersession, from {} to {}",
                view.count, view.first.display, view.latest.display
            ),
        );
        ctx.insert("lineage", &view);
        Ok(head)
    }

    fn fill_court_action(&self, ix: CourtActionIx, ctx: &mut Context) -> Head {
        let view = self.court_action_view(ix);
        let head = Head::new(
            "court_action.html",
            "court-action",
            view.row.title.to_string(),
            view.summary.to_string(),
        );
        ctx.insert("court_action", &view);
        head
    }

    fn fill_case(&self, ix: CaseIx, ctx: &mut Context) -> Head {
        let view = self.case_page(ix);
        let c = &view.case;
        let head = Head::new(
            "case.html",
            "case",
            c.name.to_string(),
            format!("{} ({}), No. {}", c.name, c.court.name, c.docket),
        );
        ctx.insert("case", &view);
        head
    }

    fn fill_commentary(&self, ix: CommentaryIx, ctx: &mut Context) -> Head {
        let view = self.commentary_view(ix);
        let head = Head::new(
            "commentary.html",
            "commentary",
            view.link.title.to_string(),
            view.summary.to_string(),
        );
        ctx.insert("commentary", &view);
        head
    }

    fn fill_download(&self, downloads: Option<&Downloads>, ctx: &mut Context) -> Head {
        let computed;
        let downloads = match downloads {
            Some(d) => d,
            None => {
                computed = Downloads {
                    files: crate::publish::export::summary(self),
                    archive: None,
                };
                &computed
            }
        };
        ctx.insert("downloads", &self.downloads_view(downloads));
        Head::new(
            "download.html",
            "download",
            "Download the data",
            "The whole database as JSON and CSV, and the site to take offline",
        )
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
                crate::publish::export::DIR,
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
}
