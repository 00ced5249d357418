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
    let all = aliases(model);
    if all.is_empty() {
        return Vec::new();
    }
    let taken = Folded::new(taken);
    let mut written = BTreeSet::new();
    all.into_iter()
        .filter(|a| collision(a.path, &taken).is_none() && written.insert(fold(a.path)))
        .map(|a| Output {
            path: a.path.to_string(),
            bytes: page(a.path, &a.target, a.title, base).into_bytes(),
        })
        .collect()
}

/// Reports each alias that would overwrite a page or file of the site, or
/// that another entry claims too, at the alias as written.
pub fn check(model: &Model<'_>, taken: &BTreeSet<String>, diags: &mut Diagnostics) {
    let all = aliases(model);
    if all.is_empty() {
        return;
    }
    let taken = Folded::new(taken);
    let mut first: BTreeMap<String, &Alias<'_>> = BTreeMap::new();
    for a in &all {
        if let Some(what) = collision(a.path, &taken) {
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
        match first.get(&fold(a.path)) {
            Some(prev) if prev.target == a.target => {}
            Some(prev) => diags.push(
                Diagnostic::error(
                    Code::AliasCollision,
                    a.span,
                    format!(
                        "alias {} is claimed by two entries: {} and {}{}",
                        a.path,
                        prev.target,
                        a.target,
                        if prev.path == a.path {
                            String::new()
                        } else {
                            format!(" (as {}: {ONE_NAME})", prev.path)
                        }
                    ),
                )
                .label("second claim")
                .note(prev.span, "first claimed here")
                .help("an old path can lead to one entry only: remove one of the aliases"),
            ),
            None => {
                first.insert(fold(a.path), a);
            }
        }
    }
}

/// Why two names that differ only in case or in how an accent is encoded
/// collide.
const ONE_NAME: &str = "names that differ only in case or in how accents are encoded are one file on macOS and Windows";

/// A path as a file system that tells neither case nor Unicode's
/// encodings of one letter apart sees it (macOS's and Windows' defaults):
/// `Index.HTML` and `index.html`, `café` written with é or with e and a
/// combining accent, are one file there.
fn fold(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Nearly every path is ASCII (ids, slugs), which NFC leaves as it is.
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    path.chars().flat_map(char::to_lowercase).nfc().collect()
}

/// The site's files by their [`fold`]ed paths.
struct Folded<'t>(BTreeMap<String, &'t str>);

impl<'t> Folded<'t> {
    fn new(taken: &'t BTreeSet<String>) -> Folded<'t> {
        Folded(taken.iter().map(|t| (fold(t), t.as_str())).collect())
    }
}

/// What an alias's file would replace: the same file, or a file where the
/// alias needs a folder (`policies/1/index.html/…`), on any file system.
/// Generated files are told by their path ([`Generator::owner`]), so that
/// the answer does not wait for them to be generated.
fn collision(path: &str, taken: &Folded<'_>) -> Option<String> {
    let folded = fold(path);
    let file = |p: &str| {
        taken
            .0
            .get(p)
            .map(|t| t.to_string())
            .or_else(|| Generator::owner(p).map(|_| p.to_string()))
    };
    let why = |t: &str| {
        if t == path {
            String::new()
        } else {
            format!(" ({ONE_NAME})")
        }
    };
    if let Some(t) = file(&folded) {
        return Some(format!("the file {t} of the site{}", why(&t)));
    }
    let mut prefix = folded.as_str();
    while let Some((parent, _)) = prefix.rsplit_once('/') {
        if let Some(t) = file(parent) {
            return Some(format!("the file {t} of the site"));
        }
        prefix = parent;
    }
    if let Some(dir) = Generator::FOLDERS.iter().find(|d| **d == folded) {
        return Some(format!("the folder {dir}/ of the site"));
    }
    let folder = format!("{folded}/");
    taken
        .0
        .range(folder.clone()..)
        .next()
        .filter(|(t, _)| t.starts_with(&folder))
        .map(|(_, t)| format!("the folder of {t}"))
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
        let taken: BTreeSet<String> = ["policies/1/index.html", "subjects/caf\u{e9}/index.html"]
            .map(String::from)
            .into();
        let taken = Folded::new(&taken);
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
        // One file where names differ only in case or in how an accent is
        // encoded, as on macOS and Windows.
        for same in [
            "Policies/1/index.html",
            "policies/1/INDEX.HTML",
            "policies/1/Index.html/x.html",
            "Feed.xml",
            "subjects/cafe\u{301}/index.html",
            "SUBJECTS/CAF\u{c9}/index.html",
        ] {
            assert!(collision(same, &taken).is_some(), "{same}");
        }
        let said = collision("Policies/1/index.html", &taken).unwrap_or_default();
        assert!(
            said.contains("policies/1/index.html")
                && said.contains("one file on macOS and Windows"),
            "{said}"
        );
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
