//! Redirect pages for `aliases`: each old path of an entry gets a small
//! page that sends readers on to the entry's page, so moved or renumbered
//! entries keep their old links working on any static host.
//!
//! The page redirects three ways: a `<meta http-equiv="refresh">` (works
//! everywhere, no script), a canonical link (search engines move their
//! index to the new address), and a plain link for people. The target is
//! relative, so the redirect works from disk and under any sub-path too.

use std::collections::{BTreeMap, BTreeSet};

use super::xml::escape;
use super::Generator;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::site::paths;
use crate::site::paths::absolute;
use crate::site::{Model, Output};
use crate::source::Span;

/// One alias: where it is written, the entry it leads to, and where it was
/// declared.
struct Alias<'a> {
    path: &'a str,
    target: String,
    title: &'a str,
    span: Span,
}

fn aliases<'a>(model: &Model<'a>) -> Vec<Alias<'a>> {
    let mut out: Vec<Alias<'a>> = model
        .site
        .corpus
        .entries()
        .flat_map(|(kind, id, common)| {
            common.aliases.iter().map(move |a| Alias {
                path: &a.value,
                target: paths::entry(kind, id),
                title: &common.title,
                span: a.span,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.path, a.span).cmp(&(b.path, b.span)));
    out
}

/// The redirect pages. An alias that collides with another file is left
/// out here and reported by [`check`].
pub fn pages(model: &Model<'_>, taken: &BTreeSet<String>) -> Vec<Output> {
    let base = model.site.config.base_url.as_deref();
    let mut written = BTreeSet::new();
    aliases(model)
        .into_iter()
        .filter(|a| collision(a.path, taken).is_none() && written.insert(a.path))
        .map(|a| Output {
            path: a.path.to_string(),
            bytes: page(a.path, &a.target, a.title, base).into_bytes(),
        })
        .collect()
}

/// Reports each alias that would overwrite a page or file of the site, or
/// that another entry claims too, at the alias as written.
pub fn check(model: &Model<'_>, taken: &BTreeSet<String>, diags: &mut Diagnostics) {
    let mut first: BTreeMap<&str, &Alias<'_>> = BTreeMap::new();
    let all = aliases(model);
    for a in &all {
        if let Some(what) = collision(a.path, taken) {
            diags.push(
                Diagnostic::error(
                    Code::AliasCollision,
                    a.span,
                    format!("alias {} would replace {what}", a.path),
                )
                .label("this alias")
                .help("an alias must be a path the site does not use; remove it or pick another"),
            );
            continue;
        }
        match first.get(a.path) {
            Some(prev) if prev.target == a.target => {}
            Some(prev) => diags.push(
                Diagnostic::error(
                    Code::AliasCollision,
                    a.span,
                    format!(
                        "alias {} is claimed by two entries: {} and {}",
                        a.path, prev.target, a.target
                    ),
                )
                .label("second claim")
                .note(prev.span, "first claimed here")
                .help("an old path can lead to one entry only: remove one of the aliases"),
            ),
            None => {
                first.insert(a.path, a);
            }
        }
    }
}

/// What an alias's file would replace: the same file, or a file where the
/// alias needs a folder (`policies/1/index.html/…`).
/// Generated files are told by their path ([`Generator::owner`]), so that
/// the answer does not wait for them to be generated.
fn collision(path: &str, taken: &BTreeSet<String>) -> Option<String> {
    let is_file = |p: &str| taken.contains(p) || Generator::owner(p).is_some();
    if is_file(path) {
        return Some(format!("the file {path} of the site"));
    }
    let mut prefix = path;
    while let Some((parent, _)) = prefix.rsplit_once('/') {
        if is_file(parent) {
            return Some(format!("the file {parent} of the site"));
        }
        prefix = parent;
    }
    if let Some(dir) = Generator::FOLDERS.iter().find(|d| **d == path) {
        return Some(format!("the folder {dir}/ of the site"));
    }
    let folder = format!("{path}/");
    taken
        .range(folder.clone()..)
        .next()
        .filter(|t| t.starts_with(&folder))
        .map(|t| format!("the folder of {t}"))
}

fn page(path: &str, target: &str, title: &str, base: Option<&str>) -> String {
    let to = format!("{}{target}", "../".repeat(path.matches('/').count()));
    let canonical = base.map_or_else(|| to.clone(), |b| absolute(b, target));
    let (to, canonical, title) = (escape(&to), escape(&canonical), escape(title));
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n\
         <p>This page has moved to <a href=\"{to}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_are_files_and_folders() {
        let taken: BTreeSet<String> = ["policies/1/index.html"].map(String::from).into();
        assert!(collision("policies/1/index.html", &taken).is_some());
        assert!(collision("feed.xml/index.html", &taken).is_some());
        assert!(collision("subjects/x/feed.xml", &taken).is_some());
        assert!(collision("data/docket.json", &taken).is_some());
        assert!(collision("data", &taken).is_some());
        assert!(collision("search/index.js", &taken).is_some());
        assert!(collision("data/index.html", &taken).is_none());
        assert!(collision("policies/index.html", &taken).is_none());
        assert!(collision("policies/1", &taken).is_some());
        assert!(collision("old/1/index.html", &taken).is_none());
    }

    #[test]
    fn the_redirect_is_relative_to_the_alias() {
        let p = page(
            "old/1491/index.html",
            "policies/1491/index.html",
            "A & B",
            None,
        );
        assert!(p.contains("url=../../policies/1491/index.html\""));
        assert!(p.contains("<a href=\"../../policies/1491/index.html\">A &amp; B</a>"));
        let p = page(
            "p.html",
            "policies/1/index.html",
            "x",
            Some("https://e.org/t/"),
        );
        assert!(p.contains("url=policies/1/index.html\""));
        assert!(p.contains("rel=\"canonical\" href=\"https://e.org/t/policies/1/\""));
    }
}
