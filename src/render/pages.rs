//! What each page's template sees (which pages there are and where each
//! lies is [`crate::site::paths`]).
//!
//! [`Renderer::context`](super::Renderer::context) is the template
//! contract of the book's "Themes and templates" chapter: every page sees
//! `site`, `page` and `root`, and each
//! kind of page adds its own view (one `fill_*` function per kind; the
//! lists' pages are in [`super::lists`], the home page in `home.rs`).

use serde::Serialize;
use tera::Context;

use super::views::{self as context, EntryLink, VocabLink};
use super::{RenderError, RenderErrorKind, Renderer, Theme};
use crate::config::Vocab;
use crate::content::Kind;
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, PolicyIx};
use crate::site::downloads::Downloads;
use crate::site::feeds::{self, FeedLink};
use crate::site::lists::List;
use crate::site::paths::{self, Page};
use crate::site::terms::Taxonomy;
use crate::site::{Html, Model};

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    settings: &'a toml::Table,
    generator: &'static str,
    /// The standard vocabularies a site has, then its term fields with
    /// pages.
    vocabularies: Vec<VocabLink<'a>>,
    /// The date of the data ([`crate::Site::date`]).
    updated: context::DateView,
    /// The addresses of the pages every page links to.
    urls: SiteUrls,
    /// What the navigation calls the page at `urls.topics`: "Topics" for
    /// the subjects, else the title of the vocabulary it is.
    topics_label: &'static str,
    /// The standard keys of each kind that `docket.toml` declares absent
    /// in `[fields]`: a page shows nothing of them, not even "not yet
    /// assessed".
    absent: Absent<'a>,
    /// The built-in relations by what pages call them.
    relations: BuiltinViews<'a>,
    /// What the site records ([`crate::site::Site::recorded`]):
    /// `site.has.policies`, `litigation`, `court_actions`, `commentary`.
    has: crate::site::Recorded,
    /// What the site's search finds, as nouns ("policy", "court action",
    /// "case", "commentary"), those of what it records.
    searched: Vec<&'static str>,
}

/// The built-in relations, as `site.relations.supersedes` and so on.
#[derive(Serialize)]
struct BuiltinViews<'a> {
    supersedes: BuiltinView<'a>,
    implements: BuiltinView<'a>,
    challenges: BuiltinView<'a>,
    about: BuiltinView<'a>,
}

/// What pages call a built-in relation, and what they say when an entry
/// has none of it.
#[derive(Serialize)]
struct BuiltinView<'a> {
    /// The heading on the page of the entry that writes it: `Supersedes`.
    label: &'a str,
    /// The heading on the page of the policy it names: `Superseded by`.
    inverse: &'a str,
    /// The label inside a sentence: `supersedes`.
    label_in_sentence: String,
    /// The inverse inside a sentence: `superseded by`.
    inverse_in_sentence: String,
    /// Under the label's heading when there is nothing to list.
    none: &'static str,
    /// Under the inverse's heading when there is nothing to list.
    inverse_none: &'static str,
    /// Whether the site renamed it.
    renamed: bool,
}

impl<'a> BuiltinViews<'a> {
    fn of(builtins: &'a crate::config::Builtins) -> BuiltinViews<'a> {
        let defaults = crate::config::Builtins::default();
        // Each default sentence for "none" speaks the relation's own word;
        // once renamed it would contradict the heading above it.
        let view =
            |b: &'a crate::config::Builtin, d: &crate::config::Builtin, none, inverse_none| {
                BuiltinView {
                    label: &b.label,
                    inverse: &b.inverse,
                    label_in_sentence: super::time::in_sentence(&b.label),
                    inverse_in_sentence: super::time::in_sentence(&b.inverse),
                    none: if b.label == d.label {
                        none
                    } else {
                        "None recorded."
                    },
                    inverse_none: if b.inverse == d.inverse {
                        inverse_none
                    } else {
                        "None recorded."
                    },
                    renamed: b.renamed,
                }
            };
        BuiltinViews {
            supersedes: view(
                &builtins.supersedes,
                &defaults.supersedes,
                "No earlier policy recorded.",
                "Not superseded.",
            ),
            implements: view(
                &builtins.implements,
                &defaults.implements,
                "No parent policy recorded.",
                "None recorded.",
            ),
            challenges: view(
                &builtins.challenges,
                &defaults.challenges,
                "None recorded.",
                "No court action recorded.",
            ),
            about: view(
                &builtins.about,
                &defaults.about,
                "None recorded.",
                "No commentary recorded.",
            ),
        }
    }
}

/// The standard keys declared absent, by kind.
#[derive(Serialize)]
struct Absent<'a> {
    policy: Vec<&'a str>,
    court_action: Vec<&'a str>,
    commentary: Vec<&'a str>,
}

impl<'a> Absent<'a> {
    fn of(fields: &'a crate::config::Fields) -> Absent<'a> {
        let keys = |kind: Kind| {
            fields
                .of(kind.name())
                .levels
                .iter()
                .filter(|(_, l)| **l == crate::config::Level::Absent)
                .map(|(k, _)| k.as_str())
                .collect()
        };
        Absent {
            policy: keys(Kind::Policy),
            court_action: keys(Kind::CourtAction),
            commentary: keys(Kind::Commentary),
        }
    }
}

/// The site-relative addresses of the pages a site's navigation links to.
#[derive(Serialize)]
struct SiteUrls {
    home: String,
    policies: String,
    court_actions: String,
    cases: String,
    commentary: String,
    /// The vocabulary shown as the site's topics (`subjects`).
    topics: String,
    search: String,
    download: String,
    /// The site's recent changes.
    changes: String,
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
    feeds: Vec<FeedLink>,
    /// The entry's record as JSON, relative to the page (`index.json`),
    /// when the site writes one.
    data: Option<&'static str>,
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
    /// A page's file, its template and everything the template sees: the
    /// template contract of the book's "Themes and templates" chapter.
    pub(super) fn context(
        &self,
        r: &Renderer<'_>,
        page: Page,
    ) -> Result<(String, &'static str, Context), RenderError> {
        let path = self.path(page);
        let mut ctx = Context::new();
        let site = r
            .rows
            .site(|| tera::Value::from_serializable(&self.site_view(r.theme)));
        ctx.insert_value("site", site);
        let head = match page {
            Page::Home => self.fill_home(&mut ctx),
            Page::Policies => self.list_page(r, List::Policies, 1, &mut ctx)?,
            Page::CourtActions => self.list_page(r, List::CourtActions, 1, &mut ctx)?,
            Page::Cases => self.list_page(r, List::Cases, 1, &mut ctx)?,
            Page::CommentaryList => self.list_page(r, List::Commentary, 1, &mut ctx)?,
            Page::Changes => self.list_page(r, List::Changes, 1, &mut ctx)?,
            Page::More(list, n) => self.list_page(r, list, n, &mut ctx)?,
            Page::Term(v, i) => self.list_page(r, List::Term(v, i), 1, &mut ctx)?,
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
            Page::Download => self.fill_download(r.downloads, &mut ctx)?,
            Page::Policy(ix) => self.fill_policy(
                ix,
                r.theme.has_template("lineage.html"),
                r.theme.html,
                &mut ctx,
            ),
            Page::Lineage(root) => self.fill_lineage(root, &mut ctx)?,
            Page::CourtAction(ix) => self.fill_court_action(ix, &mut ctx),
            Page::Case(ix) => self.fill_case(ix, &mut ctx),
            Page::Commentary(ix) => self.fill_commentary(ix, &mut ctx),
            Page::Vocabulary(t) => {
                ctx.insert("vocabulary", &self.vocabulary_view(t));
                Head::new("vocabulary.html", "vocabulary", self.terms.title(t), "")
            }
        };
        if let Some(filters) = self.list_filters(page) {
            ctx.insert("filters", &filters);
        }
        ctx.insert("cite", &self.page_cite(page, r.theme.html));
        let site = &self.site.config;
        let canonical = site
            .base_url
            .as_deref()
            .filter(|_| !matches!(page, Page::NotFound))
            .map(|b| paths::absolute(b, &path));
        ctx.insert(
            "page",
            &PageView {
                path: &path,
                title: &head.title,
                kind: head.kind,
                description: &head.description,
                canonical,
                feeds: feeds::links(self, page),
                data: (site.entry_json
                    && matches!(
                        page,
                        Page::Policy(_) | Page::CourtAction(_) | Page::Commentary(_)
                    ))
                .then_some("index.json"),
            },
        );
        ctx.insert("root", &self.root(page, &path));
        Ok((path, head.template, ctx))
    }

    /// The citation of an entry's page; `None` on other pages.
    fn page_cite(&self, page: Page, html: Html) -> Option<super::cite::CiteView<'s>> {
        let (kind, i) = match page {
            Page::Policy(ix) => (Kind::Policy, ix.get()),
            Page::CourtAction(ix) => (Kind::CourtAction, ix.get()),
            Page::Commentary(ix) => (Kind::Commentary, ix.get()),
            _ => return None,
        };
        let standing = match page {
            // Its state alone: the whole box is made once, for the page.
            Page::Policy(ix) => Some(self.state(ix).0),
            _ => None,
        };
        Some(self.cite_view(kind, i, standing, html))
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
            _ => paths::root_of(path),
        }
    }

    fn site_view<'t>(&self, theme: &'t Theme) -> SiteView<'t>
    where
        's: 't,
    {
        let site = &self.site.config;
        // The navigation's "Topics": the subjects, or the first vocabulary
        // a site that records none keeps (the courts of a tracker of
        // lawsuits).
        let taxonomies = self.taxonomies();
        let topics = taxonomies
            .iter()
            .find_map(|t| match t {
                Taxonomy::Vocab(v) => Some(*v),
                Taxonomy::Field(_) => None,
            })
            .unwrap_or(Vocab::Subjects);
        let has = self.site.recorded();
        SiteView {
            title: &site.title,
            description: &site.description,
            language: &site.language,
            base_url: site.base_url.as_deref(),
            settings: &theme.settings,
            generator: concat!("docket ", env!("CARGO_PKG_VERSION")),
            updated: context::DateView::new(self.site.date()),
            vocabularies: taxonomies.into_iter().map(|t| self.vocab_link(t)).collect(),
            absent: Absent::of(&site.fields),
            relations: BuiltinViews::of(&site.relations.builtins),
            has,
            searched: [
                (has.policies, "policy"),
                (has.court_actions, "court action"),
                (has.litigation, "case"),
                (has.commentary, "commentary"),
            ]
            .into_iter()
            .filter_map(|(recorded, noun)| recorded.then_some(noun))
            .collect(),
            topics_label: match topics {
                Vocab::Subjects => "Topics",
                v => v.title(),
            },
            urls: SiteUrls {
                home: self.path(Page::Home),
                policies: self.path(Page::Policies),
                court_actions: self.path(Page::CourtActions),
                cases: self.path(Page::Cases),
                commentary: self.path(Page::CommentaryList),
                topics: self.path(Page::Vocabulary(Taxonomy::Vocab(topics))),
                search: self.path(Page::Search),
                download: self.path(Page::Download),
                changes: self.path(Page::Changes),
            },
        }
    }

    fn fill_policy(
        &self,
        ix: PolicyIx,
        lineage_pages: bool,
        html: Html,
        ctx: &mut Context,
    ) -> Head {
        let view = self.policy_view(ix, lineage_pages, html);
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
        ctx.insert("history", &self.history_view(Kind::Policy, ix.get()));
        ctx.insert("force", &self.force_view(ix));
        ctx.insert("standing", &self.standing_view(ix));
        head
    }

    fn fill_lineage(&self, root: PolicyIx, ctx: &mut Context) -> Result<Head, RenderError> {
        let view = self
            .lineage_view(root)
            .ok_or_else(|| RenderError::new(None, RenderErrorKind::NoLineage))?;
        let head = Head::new(
            "lineage.html",
            "lineage",
            format!("Lineage of {}", view.root.title),
            format!(
                "{} policies linked by {}, from {} to {}",
                view.count, view.linked_by, view.first.display, view.latest.display
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
        ctx.insert("history", &self.history_view(Kind::CourtAction, ix.get()));
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
        ctx.insert("history", &self.history_view(Kind::Commentary, ix.get()));
        head
    }

    fn fill_download(
        &self,
        downloads: Option<&Downloads>,
        ctx: &mut Context,
    ) -> Result<Head, RenderError> {
        let downloads =
            downloads.ok_or_else(|| RenderError::new(None, RenderErrorKind::NoDownloads))?;
        ctx.insert("downloads", &self.downloads_view(downloads));
        Ok(Head::new(
            "download.html",
            "download",
            "Download the data",
            "The whole database as JSON and CSV, and the site to take offline",
        ))
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
                paths::STATIC_DIR,
                paths::DOCUMENTS_DIR,
                paths::DATA_DIR,
                paths::DOWNLOAD_DIR,
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
                .then(|| paths::FEED.to_string()),
            date: context::DateView::new(self.site.date()),
            entry_json: self.site.config.entry_json,
            policy_feeds: self.site.config.policy_feeds,
        }
    }

    fn date_key(&self, p: PolicyIx) -> (crate::content::Date, crate::content::PolicyId) {
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
