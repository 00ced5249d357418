//! Links in entry bodies: where each one leads in the site.
//!
//! Contributors link to entries by kind and id (`[EO 14159](policy:1400)`,
//! `court-action:1`, `commentary:1`), to cases by their address
//! (`case:w-d-wash-2-17-cv-00141`), or by a relative path to another
//! entry's or case file's `.md` file or to a file of `content/documents/`. Each becomes a
//! relative link in the site; one that leads nowhere becomes a diagnostic
//! at its line, with the nearest existing target where there is one.

use super::bodies::FileIndex;
use super::markdown::{self, Target};
use super::{paths, Site};
use crate::content::Id;
use crate::content::{DocPath, Kind};
use crate::diag::{nearest, nearest_id};
use crate::diag::{Code, Diagnostic};
use crate::percent;
use crate::source::{FileId, Span};

/// Bodies are shown on entry pages, two folders deep
/// (`policies/1491/index.html`).
const ROOT: &str = "../../";

/// Resolves the links of every body of one site.
pub struct Links<'s> {
    site: &'s Site,
    /// Entry files by display name (`content/policies/1491-x.md`), from
    /// [`super::bodies::file_index`].
    files: &'s FileIndex<'s>,
}

impl<'s> Links<'s> {
    pub fn new(site: &'s Site, files: &'s FileIndex<'s>) -> Links<'s> {
        Links { site, files }
    }

    /// Where `url`, written in the body of the entry file `from`, leads.
    pub fn resolve(&self, from: &str, url: &str) -> Target {
        if let Some((scheme, rest)) = url.split_once(':') {
            if let Some(kind) = Kind::from_name(scheme) {
                return self.by_id(kind, rest);
            }
            if scheme == "case" {
                return self.by_case(rest);
            }
            if markdown::scheme(url).is_some() {
                return Target::Keep;
            }
        }
        if url.starts_with('#') || url.starts_with('/') || url.is_empty() {
            return Target::Keep;
        }
        self.by_path(from, url)
    }

    /// `policy:1400`, `court-action:1#relief`.
    fn by_id(&self, kind: Kind, rest: &str) -> Target {
        let (id_text, fragment) = split_fragment(rest);
        let id_text = id_text.trim();
        let id = match Id::parse(id_text) {
            Ok(id) => id,
            Err(why) => {
                return broken(
                    format!("`{}:{id_text}` does not name an entry: {why}", kind.name()),
                    format!(
                    "after `{}:` comes the entry's id as its file gives it, like {}:1 or {}:9973-A",
                    kind.name(),
                    kind.name(),
                    kind.name()
                ),
                )
            }
        };
        if self.site.graph.contains(kind, id) {
            return self.entry(kind, id, fragment);
        }
        if self.site.corpus.drafts.contains(&(kind, id)) {
            return broken(
                format!(
                    "{} {id} is a draft and is not part of this build",
                    kind.name()
                ),
                "publish the draft first, or check with --drafts to see the site with it".into(),
            );
        }
        if self.site.corpus.unreadable.contains(&(kind, id)) {
            // Its own errors are reported; the link will work once they are fixed.
            return Target::Keep;
        }
        let help = match nearest_id(id, self.ids(kind)) {
            Some(near) => format!(
                "did you mean {}:{near}, \"{}\"?",
                kind.name(),
                self.title(kind, near)
            ),
            None => format!(
                "check the id on the {}'s page; entries are linked by kind and id, like [EO 14159](policy:1400)",
                kind.label().to_lowercase()
            ),
        };
        broken(
            format!("link to {} {id}, which does not exist", kind.name()),
            help,
        )
    }

    /// `url`, a link to a page with a body (an entry's, a case's), with its
    /// fragment naming an id of that body as the body is written
    /// ([`markdown::in_body`]).
    fn to_body(&self, url: String) -> String {
        if self.site.config.unsafe_html {
            url
        } else {
            markdown::in_body(url)
        }
    }

    /// A link to the page of an entry of this build.
    fn entry(&self, kind: Kind, id: Id, fragment: &str) -> Target {
        Target::Entry {
            url: self.to_body([ROOT, &paths::entry(kind, id), fragment].concat()),
            kind,
            id,
        }
    }

    /// `case:w-d-wash-2-17-cv-00141`: a case by the name of its page's
    /// folder, as the site's addresses have it.
    fn by_case(&self, rest: &str) -> Target {
        let (slug, fragment) = split_fragment(rest);
        let slug = slug.trim();
        let cases = &self.site.graph.cases;
        if let Some(case) = cases.iter().find(|c| c.slug == slug) {
            return Target::Rewrite(self.to_body(format!("{ROOT}{}{fragment}", paths::case(case))));
        }
        let help = match nearest(slug, cases.iter().map(|c| c.slug.as_str())) {
            Some(near) => format!("did you mean case:{near}?"),
            None => "after `case:` comes the name of the case's folder in the site, as its address has it, like case:w-d-wash-2-17-cv-00141".into(),
        };
        broken(format!("link to case {slug}, which does not exist"), help)
    }

    /// The page of the case whose case file is `name`
    /// (`content/cases/x.md`), if that file gives a case.
    fn case_file(&self, name: &str) -> Option<String> {
        let corpus = &self.site.corpus;
        self.site
            .graph
            .cases
            .iter()
            .find(|c| {
                c.file
                    .is_some_and(|f| self.site.sources.get(corpus.cases[f].file).name == name)
            })
            .map(paths::case)
    }

    /// A path relative to the entry's own file. Its names may be
    /// percent-encoded, as they must be in Markdown for a space
    /// (`a%20b.pdf`): they are decoded before they are looked up.
    fn by_path(&self, from: &str, url: &str) -> Target {
        let (path, fragment) = split_fragment(url);
        let (path, query) = split_query(path);
        let mut parts: Vec<String> = from.split('/').map(str::to_string).collect();
        parts.pop();
        for seg in path.split('/') {
            // A name that does not decode is looked up as written, and
            // found missing.
            let seg = percent::decode(seg).unwrap_or(std::borrow::Cow::Borrowed(seg));
            match &*seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return broken(
                            format!("link to {path} leads outside the site"),
                            "a relative link starts from the entry's own folder; link to entries by kind and id instead, like [EO 14159](policy:1400)".into(),
                        );
                    }
                }
                _ => parts.push(seg.into_owned()),
            }
        }
        let joined = parts.join("/");
        if joined.ends_with(".md") {
            if let Some(&(kind, id)) = self.files.get(joined.as_str()) {
                return self.entry(kind, id, fragment);
            }
            if let Some(page) = self.case_file(&joined) {
                return Target::Rewrite(self.to_body(format!("{ROOT}{page}{fragment}")));
            }
            if (0..self.site.sources.len() as u32)
                .any(|i| self.site.sources.get(FileId(i)).name == joined)
            {
                // A draft, or a file with errors of its own (reported there).
                return broken(
                    format!("link to {joined}, which is a draft or has errors, and is not part of this build"),
                    "publish or fix that entry; a link by id, like [EO 14159](policy:1400), says the same".into(),
                );
            }
            // Compare file names: the folders are shared by most entries.
            let near = nearest(file_name(&joined), self.files.keys().map(|k| file_name(k)))
                .and_then(|near| self.files.keys().find(|k| file_name(k) == near));
            let help = match near {
                Some(near) => format!(
                    "did you mean {}?",
                    percent::encode_path(&relative(from, near))
                ),
                None => "link to entries by kind and id, like [EO 14159](policy:1400)".into(),
            };
            return broken(
                format!("link to {joined}, which is not an entry of this site"),
                help,
            );
        }
        if let Some(doc) = joined.strip_prefix("content/documents/") {
            let documents = &self.site.corpus.documents;
            let wanted = DocPath(doc.to_string());
            if documents.contains(&wanted) {
                return Target::Rewrite(format!(
                    "{ROOT}{}{query}{fragment}",
                    paths::document_url(&wanted)
                ));
            }
            let help = match nearest(doc, documents.iter().map(|d| d.0.as_str())) {
                Some(near) => format!(
                    "did you mean {}?",
                    percent::encode_path(&relative(from, &format!("content/documents/{near}")))
                ),
                None => "put the file in content/documents/ first".into(),
            };
            return broken(format!("link to {joined}, which does not exist"), help);
        }
        // The site's own static files are published at the same path.
        if let Some(rest) = joined.strip_prefix(&format!("{}/", paths::STATIC_DIR)) {
            return Target::Rewrite(format!(
                "{ROOT}{}{query}{fragment}",
                percent::encode_path(&paths::static_file(rest))
            ));
        }
        // Anything else is not published: the link would lead nowhere.
        let documents = "content/documents/";
        let help = match joined.get(..documents.len()) {
            Some(p) if p.eq_ignore_ascii_case(documents) => {
                let doc = &joined[documents.len()..];
                match nearest(doc, self.site.corpus.documents.iter().map(|d| d.0.as_str())) {
                    Some(near) => format!(
                        "did you mean {}?",
                        percent::encode_path(&relative(from, &format!("{documents}{near}")))
                    ),
                    None => format!("the folder of documents is {documents}, in lower case"),
                }
            }
            _ => "a body links to entries by kind and id, like [EO 14159](policy:1400), to the files of content/documents/ and to the site's static/ files; put the file in content/documents/ and link to it there".into(),
        };
        broken(
            format!("link to {joined}, which is not part of the published site"),
            help,
        )
    }

    fn ids(&self, kind: Kind) -> Vec<Id> {
        let c = &self.site.corpus;
        match kind {
            Kind::Policy => c.policies.iter().map(|p| p.id.0).collect(),
            Kind::CourtAction => c.court_actions.iter().map(|x| x.id.0).collect(),
            Kind::Commentary => c.commentary.iter().map(|x| x.id.0).collect(),
        }
    }

    fn title(&self, kind: Kind, id: Id) -> &str {
        let c = &self.site.corpus;
        let Some(i) = self.site.graph.position(kind, id) else {
            return "";
        };
        match kind {
            Kind::Policy => &c.policies[i].common.title,
            Kind::CourtAction => &c.court_actions[i].common.title,
            Kind::Commentary => &c.commentary[i].common.title,
        }
    }
}

/// The broken links of the bodies whose front matter has errors: those
/// entries are not rendered, but their links are checked in the same run.
pub fn check_unparsed(site: &Site, links: &Links<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &(file, start) in &site.corpus.unparsed_bodies {
        let source = site.sources.get(file);
        let Some(body) = source.text.get(start..) else {
            continue;
        };
        let resolve = |url: &str| links.resolve(&source.name, url);
        for b in markdown::render(body, true, super::Html::Skip, &resolve).broken {
            let span = Span::new(file, b.range.start + start..b.range.end + start);
            out.push(
                Diagnostic::error(Code::BrokenLink, span, b.message)
                    .label("this link")
                    .help(b.help),
            );
        }
    }
    out
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn broken(message: String, help: String) -> Target {
    Target::Broken { message, help }
}

/// `a?b` → (`a`, `?b`); no `?` → (`a`, ``).
fn split_query(s: &str) -> (&str, &str) {
    match s.find('?') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

/// `a#b` → (`a`, `#b`); no `#` → (`a`, ``).
fn split_fragment(s: &str) -> (&str, &str) {
    match s.find('#') {
        Some(i) if i + 1 < s.len() => (&s[..i], &s[i..]),
        Some(i) => (&s[..i], ""),
        None => (s, ""),
    }
}

/// The path of `to` relative to the folder of `from`, both `/`-separated
/// from the site root: how the contributor would write the link.
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').collect();
    let from = &from[..from.len().saturating_sub(1)];
    let to: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_from_an_entry() {
        assert_eq!(
            relative("content/policies/1.md", "content/policies/2.md"),
            "2.md"
        );
        assert_eq!(
            relative("content/policies/1.md", "content/documents/a.pdf"),
            "../documents/a.pdf"
        );
        assert_eq!(
            relative("content/policies/x/1.md", "content/commentary/1.md"),
            "../../commentary/1.md"
        );
    }

    #[test]
    fn fragments() {
        assert_eq!(split_fragment("1#a"), ("1", "#a"));
        assert_eq!(split_fragment("1#"), ("1", ""));
        assert_eq!(split_fragment("1"), ("1", ""));
        assert_eq!(split_query("a.pdf?page=2"), ("a.pdf", "?page=2"));
        assert_eq!(split_query("a.pdf"), ("a.pdf", ""));
    }
}
