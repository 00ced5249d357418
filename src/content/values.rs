//! The values of front matter checked one by one, each problem reported
//! at the value: text, dates, vocabulary terms, ids, URLs, aliases and
//! documents. [`super::meta`] puts the checked values together into
//! entries.

use std::ops::Range;

use toml::Spanned;

use super::fields::Extra;
use super::front::{DocumentFront, IdList, Key, List};
use super::related::Related;
use super::{vocab, DocPath, Document, DocumentSource, Id, Term};
use crate::config::{Config, KindFields, Relations, Vocab};
use crate::diag::{Code, Diagnostic};
use crate::source::{At, FileId, Span};
use crate::url::is_web_url;

/// Where diagnostics of one file go, and how to turn front-matter-relative
/// positions into file positions.
pub(super) struct Cx<'a> {
    pub(super) file: FileId,
    /// Offset of the front matter in the file.
    offset: usize,
    /// The opening `+++`: where problems of the front matter as a whole point.
    pub(super) fence: Span,
    ds: &'a mut Vec<Diagnostic>,
    config: &'a Config,
    /// The keys of this kind of entry, for examples in help.
    keys: &'static [Key],
    /// What `docket.toml` declares of this kind's keys.
    pub(super) fields: &'a KindFields,
    /// The kind's name, as `[fields.NAME]` writes it.
    pub(super) kind: &'static str,
    /// The checked values of the site's own fields, in declaration order.
    pub(super) extra: Vec<Extra>,
    /// The relations `docket.toml` declares; the entry writes those of
    /// its kind ([`Relations::of`]).
    pub(super) relations: &'a Relations,
    /// The checked items of each declared relation the entry writes.
    pub(super) related: Vec<Related>,
    /// Whether a problem of this file was an error: then it gives no entry.
    pub(super) failed: bool,
    /// The front matter's text when its TOML had syntax errors: a key
    /// may then be unread only because of them, so a required key is
    /// reported missing only if its name is written nowhere in it.
    pub(super) recovered: Option<Box<str>>,
    /// Where syntax errors are: a bad value there is already reported.
    pub(super) syntax: Vec<Range<usize>>,
}

impl<'a> Cx<'a> {
    /// The checks of one file, whose front matter starts at `offset` and
    /// whose entry kind has the keys `keys`.
    pub(super) fn new(
        file: FileId,
        offset: usize,
        ds: &'a mut Vec<Diagnostic>,
        config: &'a Config,
        kind: &'static str,
        keys: &'static [Key],
    ) -> Cx<'a> {
        Cx {
            file,
            offset,
            fence: Span::new(file, 0..3),
            ds,
            config,
            keys,
            fields: config.fields.of(kind),
            kind,
            extra: Vec::new(),
            relations: &config.relations,
            related: Vec::new(),
            failed: false,
            recovered: None,
            syntax: Vec::new(),
        }
    }

    pub(super) fn config(&self) -> &'a Config {
        self.config
    }

    pub(super) fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.file, r.start + self.offset..r.end + self.offset)
    }

    pub(super) fn error(&mut self, d: Diagnostic) {
        self.failed = true;
        self.ds.push(d);
    }

    /// A problem that does not keep the file from giving an entry.
    pub(super) fn warning(&mut self, d: Diagnostic) {
        self.ds.push(d);
    }

    pub(super) fn term(
        &mut self,
        vocab: Vocab,
        key: &str,
        value: &Spanned<String>,
    ) -> Option<Term> {
        let span = self.span(value.span());
        if value.get_ref().trim().is_empty() {
            let help = match vocab::choices(&self.config.vocabulary, vocab) {
                Some(list) => format!("choose one of {list}"),
                None => format!("write it like {}", self.example(key)),
            };
            self.empty(key, span, help);
            return None;
        }
        match vocab::check(&self.config.vocabulary, vocab, key, value.get_ref(), span) {
            Ok(t) => Some(t),
            Err(d) => {
                self.error(d);
                None
            }
        }
    }

    pub(super) fn terms(&mut self, vocab: Vocab, key: &str, list: &Option<List>) -> Vec<Term> {
        let Some(list) = list else { return Vec::new() };
        if list.get_ref().is_empty() {
            let span = self.span(list.span());
            let help = match vocab::choices(&self.config.vocabulary, vocab) {
                Some(list) => format!("choose one or more of {list}"),
                None => format!("write it like {}", self.example(key)),
            };
            self.error(
                Diagnostic::error(
                    Code::EmptyList,
                    span,
                    format!("`{key}` needs at least one value"),
                )
                .label("empty list")
                .help(help),
            );
        }
        list.get_ref()
            .iter()
            .filter_map(|v| self.term(vocab, key, v))
            .collect()
    }

    /// A required text, which may not be left empty.
    pub(super) fn text(&mut self, key: &str, value: Option<Spanned<String>>) -> Option<At<String>> {
        let value = value?;
        let span = self.span(value.span());
        if value.get_ref().trim().is_empty() {
            self.empty(key, span, format!("write it like {}", self.example(key)));
            return None;
        }
        Some(At {
            span,
            value: value.into_inner(),
        })
    }

    /// The example of the standard key `k` for help, with the site's own
    /// first allowed value where the site controls its vocabulary
    /// (`action = "Bill"` rather than the default's `"Agency Directive"`).
    pub(super) fn example_of(&self, k: &super::front::Key) -> String {
        let vocab = Vocab::ALL
            .into_iter()
            .chain([Vocab::CaseStatuses])
            .find(|v| v.source() == (self.kind, k.name));
        let first = vocab
            .and_then(|v| self.config.vocabulary.allowed(v))
            .and_then(|a| a.first());
        match first {
            Some(v) if k.example.contains('[') => {
                format!("{} = [{}]", k.name, super::write::toml_string(v))
            }
            Some(v) => format!("{} = {}", k.name, super::write::toml_string(v)),
            None => k.example.to_string(),
        }
    }

    pub(super) fn example(&self, key: &str) -> &'static str {
        self.keys
            .iter()
            .find(|k| k.name == key)
            .map_or("the book shows", |k| k.example)
    }

    pub(super) fn empty(&mut self, key: &str, span: Span, help: String) {
        self.error(
            Diagnostic::error(Code::EmptyValue, span, format!("`{key}` is empty"))
                .label("no value yet")
                .help(help),
        );
    }

    /// The ids of a relation; `required` lists need at least one.
    pub(super) fn ids<T>(
        &mut self,
        key: &str,
        list: Option<IdList>,
        required: bool,
        make: fn(Id) -> T,
    ) -> Vec<At<T>> {
        let Some(list) = list else { return Vec::new() };
        if required && list.get_ref().is_empty() {
            let span = self.span(list.span());
            self.error(
                Diagnostic::error(
                    Code::EmptyList,
                    span,
                    format!("`{key}` needs at least one policy id"),
                )
                .label("empty list")
                .help(format!(
                    "give the id of each policy, like {key} = [1491]; the id is the number on the policy's page"
                )),
            );
        }
        let mut out = Vec::new();
        for item in list.into_inner() {
            let span = self.span(item.span());
            match item.into_inner().0 {
                Ok(id) => out.push(At {
                    span,
                    value: make(id.0),
                }),
                Err(why) => self.error(
                    Diagnostic::error(Code::InvalidId, span, format!("bad id in `{key}`: {why}"))
                        .label("not a policy id")
                        .help(format!("write each policy's id as its file gives it, like {key} = [1491] or {key} = [\"9973-A\"]")),
                ),
            }
        }
        out
    }

    pub(super) fn url(&mut self, key: &str, url: Option<Spanned<String>>) -> Option<String> {
        let url = url?;
        if is_web_url(url.get_ref()) {
            return Some(url.into_inner());
        }
        let span = self.span(url.span());
        self.error(
            Diagnostic::error(
                Code::InvalidUrl,
                span,
                format!("`{key}` must be an http or https URL"),
            )
            .label("not an http(s) URL")
            .help(crate::url::web_url_help(url.get_ref())),
        );
        None
    }

    /// Old paths of the entry, each normalised to the file a redirect is
    /// written to (`old/path/` → `old/path/index.html`).
    pub(super) fn aliases(&mut self, aliases: Option<Vec<Spanned<String>>>) -> Vec<At<String>> {
        let mut out = Vec::new();
        for a in aliases.unwrap_or_default() {
            let span = self.span(a.span());
            match alias_path(a.get_ref()) {
                Ok(path) => out.push(At { value: path, span }),
                Err(why) => self.error(
                    Diagnostic::error(
                        Code::InvalidAlias,
                        span,
                        format!("alias \"{}\" {why}", a.get_ref()),
                    )
                    .label("this alias")
                    .help("an alias is the entry's old path inside the site, like aliases = [\"old/path/\"] or [\"policy-1491.html\"]"),
                ),
            }
        }
        out
    }

    pub(super) fn documents(&mut self, docs: Option<Vec<Spanned<DocumentFront>>>) -> Vec<Document> {
        let mut out = Vec::new();
        for d in docs.unwrap_or_default() {
            let table = self.span(d.span());
            let d = d.into_inner();
            let title = match d.title {
                Some(t) => t.into_inner(),
                None => {
                    self.error(
                        Diagnostic::error(Code::MissingKey, table, "a document needs a `title`")
                            .label("this document has no title")
                            .help("add title = \"…\" to the [[documents]] table"),
                    );
                    continue;
                }
            };
            let (source, span) = match (d.file, d.url) {
                (Some(file), None) => {
                    let span = self.span(file.span());
                    match doc_path(file.get_ref()) {
                        Ok(p) => (DocumentSource::File(p), span),
                        Err(why) => {
                            self.error(
                                Diagnostic::error(Code::DocumentOutside, span, format!("document path \"{}\" {why}", file.get_ref()))
                                    .label("outside content/documents/")
                                    .help("put the file in content/documents/ and give its path from there, like file = \"2025-01-31-directive.pdf\""),
                            );
                            continue;
                        }
                    }
                }
                (None, Some(url)) => {
                    let span = self.span(url.span());
                    match self.url("url", Some(url)) {
                        Some(u) => (DocumentSource::Url(u), span),
                        None => continue,
                    }
                }
                (file, url) => {
                    let both = file.is_some() && url.is_some();
                    self.error(
                        Diagnostic::error(
                            Code::DocumentSource,
                            table,
                            if both {
                                "a document has both `file` and `url`"
                            } else {
                                "a document has neither `file` nor `url`"
                            },
                        )
                        .label("in this document")
                        .help("give exactly one: file = \"…\" for a file in content/documents/, or url = \"https://…\""),
                    );
                    continue;
                }
            };
            out.push(Document {
                title,
                date: d.date.map(|d| d.0),
                source,
                source_span: span,
            });
        }
        out
    }
}

/// Normalises a `file` value to a path inside `content/documents/`.
pub(super) fn doc_path(raw: &str) -> Result<DocPath, &'static str> {
    let raw = raw.replace('\\', "/");
    let raw = raw.strip_prefix("content/documents/").unwrap_or(&raw);
    if raw.starts_with('/') || raw.get(1..2) == Some(":") {
        return Err("is absolute");
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in raw.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("leads outside content/documents/");
                }
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err("names no file");
    }
    Ok(DocPath(parts.join("/")))
}

/// Normalises an alias to the site-relative file its redirect page is
/// written to. A leading `/` means the site's root, not the host's, so that
/// the site can live under any sub-path; a path without an extension is a
/// folder (`old/path` → `old/path/index.html`).
pub fn alias_path(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    if raw.contains("://") || raw.starts_with("//") {
        return Err("is a URL; an alias is a path inside the site");
    }
    // What a URL path or a file name on Windows, macOS or Linux cannot
    // hold, and the invisible marks that reorder how a path reads.
    if raw.contains(['\\', '?', '#', '"', '<', '>', ':', '|', '*'])
        || raw.chars().any(|c| {
            c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
    {
        return Err("has a character that cannot be part of a file path (\\ ? # \" < > : | * or an invisible control)");
    }
    let trimmed = raw.trim_start_matches('/');
    let folder = trimmed.ends_with('/');
    let parts: Vec<&str> = trimmed.trim_end_matches('/').split('/').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(if trimmed.is_empty() {
            "names the site's home page, which is never an alias"
        } else {
            "has an empty folder name (`//`)"
        });
    }
    if parts.iter().any(|p| p.starts_with('.')) {
        return Err("has a part starting with `.`: `..` cannot leave the site, and hidden files are not served");
    }
    if parts.iter().any(|p| p.ends_with(['.', ' '])) {
        return Err("has a part ending in `.` or a space, which Windows leaves off the name");
    }
    if parts.iter().any(|p| super::id::is_device_name(p)) {
        return Err("has a part Windows keeps for a device (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9), which no folder or file can be called");
    }
    // An alias must be written as it is, so it cannot be shortened the way
    // slugs are; a name file systems refuse would pass `check` and fail `build`.
    if parts.iter().any(|p| p.len() > 255) {
        return Err("has a folder or file name longer than 255 bytes, which file systems refuse");
    }
    let last = parts[parts.len() - 1];
    let page = !folder && (last.ends_with(".html") || last.ends_with(".htm"));
    let mut path = parts.join("/");
    if !page {
        path.push_str("/index.html");
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_the_files_of_their_redirects() {
        assert_eq!(
            alias_path("old/path/").as_deref(),
            Ok("old/path/index.html")
        );
        assert_eq!(
            alias_path("/old/path").as_deref(),
            Ok("old/path/index.html")
        );
        assert_eq!(alias_path("p/1491.html").as_deref(), Ok("p/1491.html"));
        assert_eq!(
            alias_path("p/1491.html/").as_deref(),
            Ok("p/1491.html/index.html")
        );
        assert!(alias_path("").is_err());
        assert!(alias_path("/").is_err());
        assert!(alias_path("../x/").is_err());
        assert!(alias_path("a//b").is_err());
        assert!(alias_path("a/.git/").is_err());
        assert!(alias_path("https://example.org/x/").is_err());
        assert!(alias_path("x?y=1").is_err());
        // Names Windows refuses: a site is also unpacked there.
        for bad in [
            "x\"y/",
            "a<b/",
            "c:/",
            "CON/",
            "old/nul.html",
            "trail./",
            "sp /",
            "a\u{202e}b/",
            "a|b",
            "a*b",
        ] {
            assert!(alias_path(bad).is_err(), "{bad}");
        }
        assert!(alias_path("console/").is_ok());
        assert!(alias_path("old/caf\u{e9}/").is_ok());
        assert!(alias_path(&format!("old/{}/", "x".repeat(256))).is_err());
        assert!(alias_path(&format!("old/{}/", "x".repeat(255))).is_ok());
    }

    #[test]
    fn document_paths_stay_inside_documents() {
        assert_eq!(doc_path("a/b.pdf"), Ok(DocPath("a/b.pdf".into())));
        assert_eq!(
            doc_path("content/documents/a.pdf"),
            Ok(DocPath("a.pdf".into()))
        );
        assert_eq!(doc_path("./a/../b.pdf"), Ok(DocPath("b.pdf".into())));
        assert!(doc_path("../docket.toml").is_err());
        assert!(doc_path("a/../../x").is_err());
        assert!(doc_path("/etc/passwd").is_err());
        assert!(doc_path("C:\\x").is_err());
        assert!(doc_path("").is_err());
    }
}
