//! Every address in the site: the one place that knows where each page and
//! each file lies. Pages are named by [`Page`] and placed by
//! [`Model::path`]; the files that are not pages (data, feeds, search,
//! filters, sitemaps, documents, the theme's static files) by the functions
//! and folders here. Nothing else writes a path: views, generated files and
//! the preview all ask here, so a page's address cannot differ between the
//! page, the links to it, the sitemap and the feeds.
//!
//! Paths are relative to the site's root and use `/`. A folder's page is
//! its `index.html`, so that every link works from `file://` as well as from
//! a host; [`absolute`] gives the address a host serves it at.

use super::lists::List;
use super::terms::Taxonomy;
use super::Model;
use crate::config::Vocab;
use crate::content::Id;
use crate::content::{DocPath, Kind};
use crate::graph::{Case, CaseIx, CommentaryIx, CourtActionIx, PolicyIx};

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
    /// A vocabulary's terms with their counts.
    Vocabulary(Taxonomy),
    /// The first page of a term's entries: the set of terms and the term's
    /// place in it.
    Term(Taxonomy, usize),
    Search,
    /// Page 2 and on of a list ([`super::lists`]); the first pages are above.
    More(List, usize),
    NotFound,
    /// "Download the data": the exports, their sizes and row counts.
    Download,
    /// The site's recent changes, from its history ([`super::time`]).
    Changes,
}

impl Page {
    /// The page of the `i`th entry of `kind`.
    pub fn entry(kind: Kind, i: usize) -> Page {
        let i = i as u32;
        match kind {
            Kind::Policy => Page::Policy(PolicyIx(i)),
            Kind::CourtAction => Page::CourtAction(CourtActionIx(i)),
            Kind::Commentary => Page::Commentary(CommentaryIx(i)),
        }
    }
}

/// The page of a folder, as hosts serve it for the folder's address.
pub const INDEX: &str = "index.html";
/// The home page.
pub const HOME: &str = INDEX;
/// The page hosts serve for an address that has no page.
pub const NOT_FOUND: &str = "404.html";
/// The site's own Atom feed.
pub const FEED: &str = "feed.xml";
/// The folder of the whole-database exports.
pub const DATA_DIR: &str = "data";
/// The whole database as JSON, and its schema.
pub const DATA_JSON: &str = "data/docket.json";
pub const DATA_SCHEMA: &str = "data/docket.schema.json";
/// The cases as a table, a row each.
pub const CASES_CSV: &str = "data/cases.csv";
/// The folder of the search page and the search index.
pub const SEARCH_DIR: &str = "search";
/// The folder of the lists' data files for filtering.
pub const FILTERS_DIR: &str = "filters";
/// The folder of the lineages' pages.
pub const LINEAGE_DIR: &str = "lineages";
/// The folder of the recent changes' pages and their feed.
pub const CHANGES_DIR: &str = "changes";
/// The folder of the download page and the offline copy.
pub const DOWNLOAD_DIR: &str = "download";
/// The sitemap, or the sitemap index of a site too large for one.
pub const SITEMAP: &str = "sitemap.xml";
/// The folder of the parts of a sitemap too large for one file.
pub const SITEMAPS_DIR: &str = "sitemaps";
pub const ROBOTS: &str = "robots.txt";
/// The folder of the theme's static files in the site.
pub const STATIC_DIR: &str = "static";
/// The folder of the content's documents in the site.
pub const DOCUMENTS_DIR: &str = "documents";

/// The page of the folder `dir`, as hosts serve it for `dir/`.
pub fn folder_page(dir: &str) -> String {
    [dir, "/", INDEX].concat()
}

/// An entry's page: `policies/1491/index.html`. Paths are joined with
/// `concat` rather than `format!`: every page asks for dozens of them, and
/// the formatting machinery cost ten times the copying.
pub fn entry(kind: Kind, id: Id) -> String {
    [kind.dir(), "/", id.as_str(), "/index.html"].concat()
}

/// An entry as JSON, beside its page: `policies/1491/index.json`.
pub fn entry_data(kind: Kind, id: Id) -> String {
    [kind.dir(), "/", id.as_str(), "/index.json"].concat()
}

/// A policy's feed of its developments, beside its page.
pub fn policy_feed(id: Id) -> String {
    [Kind::Policy.dir(), "/", id.as_str(), "/", FEED].concat()
}

/// The feed of the site's recent changes, beside their page.
pub fn changes_feed() -> String {
    format!("{CHANGES_DIR}/{FEED}")
}

/// A case's page, by the case's slug.
pub fn case(case: &Case) -> String {
    ["cases/", &case.slug, "/index.html"].concat()
}

/// The page of the lineage whose oldest root is policy `id`.
pub fn lineage(id: Id) -> String {
    [LINEAGE_DIR, "/", id.as_str(), "/index.html"].concat()
}

/// A vocabulary's page: its terms with their counts.
pub fn vocabulary(v: Vocab) -> String {
    vocabulary_at(v.slug())
}

/// The page of the terms whose pages are in `folder`.
pub fn vocabulary_at(folder: &str) -> String {
    [folder, "/index.html"].concat()
}

/// The first page of a term, by the folder of its vocabulary's pages
/// and the term's slug.
pub fn term(folder: &str, slug: &str) -> String {
    [folder, "/", slug, "/index.html"].concat()
}

/// A term's feed, beside its page.
pub fn term_feed(v: Vocab, slug: &str) -> String {
    [v.slug(), "/", slug, "/", FEED].concat()
}

/// Page `n` (from 1) of a list in `dir`: `policies/index.html`,
/// `policies/page-2.html`, … Later pages sit beside the first, so that all
/// pages of a list reach the root the same way.
pub fn list_page(dir: &str, n: usize) -> String {
    if n <= 1 {
        [dir, "/index.html"].concat()
    } else {
        format!("{dir}/page-{n}.html")
    }
}

/// The search page.
pub fn search_page() -> String {
    format!("{SEARCH_DIR}/index.html")
}

/// A file of the search index: `search/index.js`, `search/t3.js`, …
pub fn search_file(name: &str) -> String {
    format!("{SEARCH_DIR}/{name}.js")
}

/// The data file of a filterable list: `filters/policies.js`.
pub fn filter_data(list: &str) -> String {
    format!("{FILTERS_DIR}/{list}.js")
}

/// The download page.
pub fn download_page() -> String {
    format!("{DOWNLOAD_DIR}/index.html")
}

/// The offline copy of the site, `download/<name>-offline.zip`.
pub fn archive(name: &str) -> String {
    format!("{DOWNLOAD_DIR}/{name}-offline.zip")
}

/// An entry kind's CSV export.
pub fn csv(kind: Kind) -> String {
    format!("{DATA_DIR}/{}.csv", kind.dir())
}

/// Part `n` (from 1) of a sitemap too large for one file.
pub fn sitemap_part(n: usize) -> String {
    format!("{SITEMAPS_DIR}/sitemap-{n}.xml")
}

/// A static file of the theme, by its path in the theme's `static/`.
pub fn static_file(rel: &str) -> String {
    format!("{STATIC_DIR}/{rel}")
}

/// A document of `content/documents/`, where it is written in the site.
pub fn document(doc: &DocPath) -> String {
    format!("{DOCUMENTS_DIR}/{}", doc.0)
}

/// A document as a link: its name percent-encoded.
pub fn document_url(doc: &DocPath) -> String {
    format!("{DOCUMENTS_DIR}/{}", crate::percent::encode_path(&doc.0))
}

/// The way from a page at `path` back to the site root (`../../`).
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The absolute URL of a site-relative file, as hosts serve it: a folder's
/// `index.html` is left off (`policies/1491/index.html` →
/// `https://example.org/tracker/policies/1491/`). `base` ends in `/`.
pub fn absolute(base: &str, path: &str) -> String {
    let path = if path == HOME {
        ""
    } else {
        path.strip_suffix("/index.html")
            .map_or(path, |p| &path[..p.len() + 1])
    };
    [base, path].concat()
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
            Page::Changes,
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
        for t in self.taxonomies() {
            pages.push(Page::Vocabulary(t));
            if let Some(vt) = self.terms.of(t) {
                pages.extend(
                    vt.terms
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, e))| e.count() > 0)
                        .map(|(i, _)| Page::Term(t, i)),
                );
            }
        }
        pages.extend(self.more_pages());
        pages
    }

    /// Site-relative path of a page's file.
    pub fn path(&self, page: Page) -> String {
        let c = &self.site.corpus;
        match page {
            Page::Home => HOME.into(),
            Page::Policies => self.list_path(List::Policies, 1),
            Page::CourtActions => self.list_path(List::CourtActions, 1),
            Page::Cases => self.list_path(List::Cases, 1),
            Page::CommentaryList => self.list_path(List::Commentary, 1),
            Page::NotFound => NOT_FOUND.into(),
            Page::Search => search_page(),
            Page::Download => download_page(),
            Page::Changes => self.list_path(List::Changes, 1),
            Page::Policy(ix) => entry(Kind::Policy, c.policies[ix.get()].id.0),
            Page::CourtAction(ix) => entry(Kind::CourtAction, c.court_actions[ix.get()].id.0),
            Page::Case(ix) => case(&self.site.graph.cases[ix.get()]),
            Page::Commentary(ix) => entry(Kind::Commentary, c.commentary[ix.get()].id.0),
            Page::Lineage(root) => lineage(c.policies[root.get()].id.0),
            Page::Vocabulary(t) => vocabulary_at(self.terms.folder(t)),
            Page::Term(t, i) => self.list_path(List::Term(t, i), 1),
            Page::More(list, n) => self.list_path(list, n),
        }
    }

    /// Site-relative path of page `n` (from 1) of `list`.
    pub fn list_path(&self, list: List, n: usize) -> String {
        match list {
            List::Policies => list_page(Kind::Policy.dir(), n),
            List::CourtActions => list_page(Kind::CourtAction.dir(), n),
            List::Cases => list_page("cases", n),
            List::Commentary => list_page(Kind::Commentary.dir(), n),
            List::Changes => list_page(CHANGES_DIR, n),
            List::Term(t, i) => {
                let slug = &self.terms.term(t, i).1.slug;
                list_page(&format!("{}/{slug}", self.terms.folder(t)), n)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_fields_may_not_take_are_every_folder_docket_writes() {
        let mut ours: Vec<&str> = Kind::ALL.iter().map(|k| k.dir()).collect();
        ours.extend([
            "cases",
            LINEAGE_DIR,
            SEARCH_DIR,
            FILTERS_DIR,
            CHANGES_DIR,
            DOWNLOAD_DIR,
            DATA_DIR,
            SITEMAPS_DIR,
            STATIC_DIR,
            DOCUMENTS_DIR,
            Vocab::CaseStatuses.slug(),
        ]);
        ours.extend(Vocab::ALL.iter().map(|v| v.slug()));
        let mut taken = crate::config::fields::TAKEN_FOLDERS.to_vec();
        ours.sort_unstable();
        taken.sort_unstable();
        assert_eq!(ours, taken);
    }

    #[test]
    fn absolute_urls_leave_index_html_off() {
        let b = "https://example.org/t/";
        assert_eq!(absolute(b, "index.html"), "https://example.org/t/");
        assert_eq!(
            absolute(b, "policies/1/index.html"),
            "https://example.org/t/policies/1/"
        );
        assert_eq!(absolute(b, "feed.xml"), "https://example.org/t/feed.xml");
        assert_eq!(absolute(b, "old.html"), "https://example.org/t/old.html");
    }

    #[test]
    fn later_pages_of_a_list_sit_beside_the_first() {
        assert_eq!(list_page("policies", 1), "policies/index.html");
        assert_eq!(list_page("policies", 3), "policies/page-3.html");
        assert_eq!(root_of(&list_page("subjects/border", 2)), "../../");
    }
}
