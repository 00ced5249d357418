//! How to cite an entry: the "Cite this entry" block (plain text, BibTeX,
//! CSL-JSON), the Highwire `citation_*` tags reference managers read, and
//! the schema.org JSON-LD of the page's head. All of it names the entry's
//! permanent address (absolute with a `base_url`, else its path in the
//! site) and the date of the data it was built from.

use serde::Serialize;
use serde_json::{json, Value};

use super::views::DateView;
use crate::content::date::Precision;
use crate::content::Id;
use crate::content::Kind;
use crate::site::paths;
use crate::site::Model;

/// What the page of an entry says about citing it.
#[derive(Serialize)]
pub struct CiteView<'a> {
    pub title: &'a str,
    pub id: Id,
    /// `Policy`, `Court action`, `Commentary`.
    pub kind_label: &'static str,
    /// The entry's permanent address: absolute with a `base_url`, else
    /// its site-relative path.
    pub url: String,
    /// Whether `url` is absolute.
    pub absolute: bool,
    /// Its date: a policy's announcement, the others' date.
    pub date: DateView,
    /// The date of the data the site was built from.
    pub as_of: DateView,
    /// The site's title, the publisher of the entry.
    pub publisher: &'a str,
    /// The date for `citation_publication_date` (`2025/01/31`).
    pub highwire_date: String,
    pub text: String,
    pub bibtex: String,
    /// CSL-JSON, for Zotero, Mendeley and citeproc.
    pub csl_json: String,
    /// schema.org JSON-LD, safe to write inside `<script>` as it is.
    pub json_ld: String,
}

impl<'s> Model<'s> {
    /// The citation of the `i`th entry of `kind`; `standing` (a policy's,
    /// `in-force`, `ended`, …) gives its legal force in the JSON-LD.
    pub fn cite_view(&self, kind: Kind, i: usize, standing: Option<&str>) -> CiteView<'s> {
        let site = &self.site.config;
        let e = self.site.corpus.entry(kind, i);
        let path = paths::entry(kind, e.id);
        let url = site
            .base_url
            .as_deref()
            .map_or_else(|| path.clone(), |b| paths::absolute(b, &path));
        let date = DateView::new(e.date);
        let as_of = DateView::new(self.site.date());
        let title: &'s str = &e.common.title;
        let c = Citation {
            kind,
            id: e.id,
            title,
            url: &url,
            date: e.date,
            as_of: self.site.date(),
            publisher: &site.title,
        };
        CiteView {
            text: c.text(),
            bibtex: c.bibtex(),
            csl_json: serde_json::to_string_pretty(&c.csl()).unwrap_or_default(),
            json_ld: script_json(&c.json_ld(e.common.updated, standing, site.base_url.as_deref())),
            highwire_date: e.date.iso().replace('-', "/"),
            title,
            id: e.id,
            kind_label: kind.label(),
            absolute: site.base_url.is_some(),
            url,
            date,
            as_of,
            publisher: &site.title,
        }
    }
}

/// The facts every form of a citation is made of.
struct Citation<'a> {
    kind: Kind,
    id: Id,
    title: &'a str,
    url: &'a str,
    date: crate::content::Date,
    as_of: chrono::NaiveDate,
    publisher: &'a str,
}

impl Citation<'_> {
    fn key(&self) -> String {
        let kind = match self.kind {
            Kind::Policy => "policy",
            Kind::CourtAction => "court-action",
            Kind::Commentary => "commentary",
        };
        format!("{kind}-{}", self.id)
    }

    fn text(&self) -> String {
        format!(
            "{}. \u{201c}{}.\u{201d} {}, ID #{}, {}. {} (data as of {}).",
            self.publisher,
            self.title,
            self.kind.label(),
            self.id,
            DateView::new(self.date).display,
            self.url,
            DateView::new(self.as_of).display,
        )
    }

    fn bibtex(&self) -> String {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        use chrono::Datelike;
        // A date known only by its year has no month to cite.
        let month = match self.date.precision() {
            Precision::Year => String::new(),
            _ => format!(
                "\n  month = {},",
                MONTHS[self.date.start().month0() as usize]
            ),
        };
        format!(
            "@misc{{{key},\n  title = {{{{{title}}}}},\n  author = {{{{{publisher}}}}},\n  year = {{{year}}},{month}\n  howpublished = {{{kind}, ID \\#{id}}},\n  url = {{{url}}},\n  urldate = {{{as_of}}},\n  note = {{Data as of {as_of_display}}}\n}}",
            key = self.key(),
            title = bibtex_escape(self.title),
            publisher = bibtex_escape(self.publisher),
            year = self.date.year(),
            kind = self.kind.label(),
            id = self.id,
            url = bibtex_url(self.url),
            as_of = self.as_of,
            as_of_display = DateView::new(self.as_of).display,
        )
    }

    fn csl(&self) -> Value {
        use chrono::Datelike;
        let parts = |d: crate::content::Date| {
            let s = d.start();
            json!({"date-parts": [match d.precision() {
                Precision::Year => json!([s.year()]),
                Precision::Month => json!([s.year(), s.month()]),
                Precision::Day => json!([s.year(), s.month(), s.day()]),
            }]})
        };
        let kind = match self.kind {
            Kind::Policy => "legislation",
            Kind::CourtAction => "legal_case",
            Kind::Commentary => "webpage",
        };
        json!([{
            "id": self.key(),
            "type": kind,
            "title": self.title,
            "author": [{"literal": self.publisher}],
            "publisher": self.publisher,
            "number": self.id.to_string(),
            "issued": parts(self.date),
            "accessed": parts(self.as_of.into()),
            "URL": self.url,
        }])
    }

    fn json_ld(
        &self,
        updated: Option<chrono::NaiveDate>,
        standing: Option<&str>,
        base_url: Option<&str>,
    ) -> Value {
        let mut v = json!({
            "@context": "https://schema.org",
            "@type": if self.kind == Kind::Policy { "Legislation" } else { "CreativeWork" },
            "name": self.title,
            "identifier": self.id.to_string(),
            "datePublished": self.date.to_string(),
            "publisher": {"@type": "Organization", "name": self.publisher},
            "isPartOf": {"@type": "Dataset", "name": self.publisher},
            "sdDatePublished": self.as_of.to_string(),
        });
        if let Some(u) = updated {
            v["dateModified"] = json!(u.to_string());
        }
        if let Some(base) = base_url {
            v["url"] = json!(self.url);
            v["isPartOf"]["url"] = json!(base);
        }
        if self.kind == Kind::Policy {
            v["legislationDate"] = json!(self.date.to_string());
            v["legislationIdentifier"] = json!(self.id.to_string());
            let force = match standing {
                Some("in-force") => Some("https://schema.org/InForce"),
                Some("ended" | "never") => Some("https://schema.org/NotInForce"),
                _ => None,
            };
            if let Some(f) = force {
                v["legislationLegalForce"] = json!(f);
            }
        }
        v
    }
}

/// JSON to write inside `<script>` as it is: nothing in it can close the
/// element or open a comment (`</script>`, `<!--`), since `<`, `>` and `&`
/// are written as escapes, and the two line separators JavaScript once
/// refused are escaped too.
pub fn script_json(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a BibTeX field: its special characters escaped, so that a
/// title with `&`, `%`, `#` or braces reads the same in the bibliography.
fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// An address for a BibTeX `url` field, where only braces need care: they
/// are percent-encoded, which keeps the address.
fn bibtex_url(s: &str) -> String {
    s.replace('{', "%7B").replace('}', "%7D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let v = json!({"name": "a </script><script>alert(1)</script> <!-- & \u{2028}"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, v);
    }

    #[test]
    fn bibtex_special_characters_are_escaped() {
        assert_eq!(
            bibtex_escape("A & B {50%} #1_x"),
            "A \\& B \\{50\\%\\} \\#1\\_x"
        );
        assert_eq!(
            bibtex_url("https://x.org/{a}%20"),
            "https://x.org/%7Ba%7D%20"
        );
    }
}
