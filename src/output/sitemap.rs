//! `sitemap.xml` (the sitemaps.org protocol 0.9) and `robots.txt`.
//!
//! A sitemap lists absolute URLs, so it is written only with a `base_url`.
//! `robots.txt` is always written (it lets every crawler in) and names the
//! sitemap when there is one; crawlers only read it at the root of a host,
//! so under a sub-path it is harmless but unused.

use chrono::NaiveDate;

use super::xml::{absolute, escape};
use crate::config::Vocab;
use crate::graph::PolicyIx;
use crate::render::lists::List;
use crate::render::{Model, Output, Page};

/// The folder of the sitemaps of a site too large for one.
pub const DIR: &str = "sitemaps";

/// The most URLs one sitemap file may list (sitemaps.org); a larger site
/// gets a sitemap index pointing at numbered parts.
pub const MAX_URLS: usize = 50_000;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// `sitemap.xml` (and its parts, for a large site) and `robots.txt`.
pub fn files(model: &Model<'_>) -> Vec<Output> {
    let base = model.site.config.base_url.as_deref();
    let mut out = Vec::new();
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        out.extend(sitemaps(model, base));
        robots.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    out.push(Output {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    });
    out
}

fn sitemaps(model: &Model<'_>, base: &str) -> Vec<Output> {
    let urls: Vec<(String, Option<NaiveDate>)> = model
        .pages()
        .into_iter()
        .filter(|p| !matches!(p, Page::NotFound))
        .map(|p| (absolute(base, &model.path(p)), lastmod(model, p)))
        .collect();
    if urls.len() <= MAX_URLS {
        return vec![urlset("sitemap.xml".into(), &urls)];
    }
    let mut out = Vec::new();
    let mut index =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{NS}\">\n");
    for (n, chunk) in urls.chunks(MAX_URLS).enumerate() {
        let path = format!("{DIR}/sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc>",
            escape(&absolute(base, &path))
        ));
        if let Some(d) = chunk.iter().filter_map(|u| u.1).max() {
            index.push_str(&format!("<lastmod>{}</lastmod>", d.format("%Y-%m-%d")));
        }
        index.push_str("</sitemap>\n");
        out.push(urlset(path, chunk));
    }
    index.push_str("</sitemapindex>\n");
    out.push(Output {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    out
}

fn urlset(path: String, urls: &[(String, Option<NaiveDate>)]) -> Output {
    let mut x = String::with_capacity(100 + urls.len() * 96);
    x.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{NS}\">\n"
    ));
    for (loc, lastmod) in urls {
        x.push_str(&format!("  <url><loc>{}</loc>", escape(loc)));
        if let Some(d) = lastmod {
            x.push_str(&format!("<lastmod>{}</lastmod>", d.format("%Y-%m-%d")));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    Output {
        path,
        bytes: x.into_bytes(),
    }
}

/// When a page last changed: for an entry its `updated` date or else its
/// date; for a page that lists entries, the newest of them.
pub fn lastmod(model: &Model<'_>, page: Page) -> Option<NaiveDate> {
    let c = &model.site.corpus;
    let policy = |ix: PolicyIx| {
        let p = &c.policies[ix.get()];
        p.common.updated.unwrap_or(p.announced).max(p.announced)
    };
    let action = |i: usize| {
        let a = &c.court_actions[i];
        a.common.updated.unwrap_or(a.date).max(a.date)
    };
    let comment = |i: usize| {
        let m = &c.commentary[i];
        m.common.updated.unwrap_or(m.date).max(m.date)
    };
    let policies = || (0..c.policies.len() as u32).map(|i| policy(PolicyIx(i)));
    let actions = || (0..c.court_actions.len()).map(action);
    let comments = || (0..c.commentary.len()).map(comment);
    let term = |v: Vocab, i: usize| {
        let e = &model.terms.vocabs.get(&v)?.terms.get(i)?.1;
        e.policies
            .iter()
            .map(|&p| policy(p))
            .chain(e.court_actions.iter().map(|a| action(a.get())))
            .max()
    };
    match page {
        Page::Policy(ix) => Some(policy(ix)),
        Page::CourtAction(ix) => Some(action(ix.get())),
        Page::Commentary(ix) => Some(comment(ix.get())),
        Page::Case(ix) => model.site.graph.cases[ix.get()]
            .filings
            .iter()
            .map(|f| action(f.get()))
            .max(),
        Page::Term(v, i) => term(v, i),
        Page::Vocabulary(v) => {
            let n = model.terms.vocabs.get(&v).map_or(0, |vt| vt.terms.len());
            (0..n).filter_map(|i| term(v, i)).max()
        }
        Page::Policies => policies().max(),
        Page::CourtActions | Page::Cases => actions().max(),
        Page::CommentaryList => comments().max(),
        Page::Home | Page::Download => policies().chain(actions()).chain(comments()).max(),
        Page::More(list, _) => match list {
            List::Policies => policies().max(),
            List::CourtActions | List::Cases => actions().max(),
            List::Commentary => comments().max(),
            List::Term(v, i) => term(v, i),
        },
        Page::NotFound | Page::Search => None,
    }
}
