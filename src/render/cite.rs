//! How to cite an entry: the "Cite this entry" block (plain text, BibTeX,
//! CSL-JSON), the Highwire `citation_*` tags reference managers read, and
//! the schema.org JSON-LD of the page's head. All of it names the entry's
//! permanent address (absolute with a `base_url`, else its path in the
//! site) and the date of the data it was built from.

use serde::Serialize;

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

impl<'a> Citation<'a> {
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

    /// The CSL-JSON of the entry: one item.
    fn csl(&self) -> [CslItem<'a>; 1] {
        let kind = match self.kind {
            Kind::Policy => "legislation",
            Kind::CourtAction => "legal_case",
            Kind::Commentary => "webpage",
        };
        [CslItem {
            url: self.url,
            accessed: CslDate::of(self.as_of.into()),
            author: [CslName {
                literal: self.publisher,
            }],
            id: self.key(),
            issued: CslDate::of(self.date),
            number: self.id.to_string(),
            publisher: self.publisher,
            title: self.title,
            kind,
        }]
    }

    fn json_ld(
        &self,
        updated: Option<chrono::NaiveDate>,
        standing: Option<&str>,
        base_url: Option<&'a str>,
    ) -> JsonLd<'a> {
        let policy = self.kind == Kind::Policy;
        let force = match standing {
            Some("in-force") => Some("https://schema.org/InForce"),
            Some("ended" | "never") => Some("https://schema.org/NotInForce"),
            _ => None,
        };
        JsonLd {
            context: "https://schema.org",
            kind: if policy {
                "Legislation"
            } else {
                "CreativeWork"
            },
            date_modified: updated.map(|u| u.to_string()),
            date_published: self.date.to_string(),
            identifier: self.id.to_string(),
            is_part_of: Organization {
                kind: "Dataset",
                name: self.publisher,
                url: base_url,
            },
            legislation_date: policy.then(|| self.date.to_string()),
            legislation_identifier: policy.then(|| self.id.to_string()),
            legislation_legal_force: force.filter(|_| policy),
            name: self.title,
            publisher: Organization {
                kind: "Organization",
                name: self.publisher,
                url: None,
            },
            sd_date_published: self.as_of.to_string(),
            url: base_url.map(|_| self.url),
        }
    }
}

// The JSON of a citation is written from these types rather than built as
// `serde_json::Value` maps first, which cost a fifth of a citation. Their
// fields are in the order of their names, the order serde_json's maps
// (sorted) wrote them in, so the bytes are the same.

/// An item of CSL-JSON.
#[derive(Serialize)]
struct CslItem<'a> {
    #[serde(rename = "URL")]
    url: &'a str,
    accessed: CslDate,
    author: [CslName<'a>; 1],
    id: String,
    issued: CslDate,
    number: String,
    publisher: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

/// A date of CSL-JSON, as far as it is known: `[[2025, 1, 31]]`.
#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    parts: [Vec<i64>; 1],
}

impl CslDate {
    fn of(d: crate::content::Date) -> CslDate {
        use chrono::Datelike;
        let s = d.start();
        let (y, m, day) = (
            i64::from(s.year()),
            i64::from(s.month()),
            i64::from(s.day()),
        );
        CslDate {
            parts: [match d.precision() {
                Precision::Year => vec![y],
                Precision::Month => vec![y, m],
                Precision::Day => vec![y, m, day],
            }],
        }
    }
}

/// The schema.org description of an entry.
#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(rename = "datePublished")]
    date_published: String,
    identifier: String,
    #[serde(rename = "isPartOf")]
    is_part_of: Organization<'a>,
    #[serde(rename = "legislationDate", skip_serializing_if = "Option::is_none")]
    legislation_date: Option<String>,
    #[serde(
        rename = "legislationIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    legislation_identifier: Option<String>,
    #[serde(
        rename = "legislationLegalForce",
        skip_serializing_if = "Option::is_none"
    )]
    legislation_legal_force: Option<&'static str>,
    name: &'a str,
    publisher: Organization<'a>,
    #[serde(rename = "sdDatePublished")]
    sd_date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The publisher, or the dataset an entry is part of.
#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// JSON to write inside `<script>` as it is: nothing in it can close the
/// element or open a comment (`</script>`, `<!--`), since `<`, `>` and `&`
/// are written as escapes, and the two line separators JavaScript once
/// refused are escaped too.
pub fn script_json(v: &impl Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    // Nearly always nothing to escape: `<`, `>`, `&`, or the first byte of
    // the two separators (E2 80 A8 and E2 80 A9).
    if !s.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xe2)) {
        return s;
    }
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
    use serde_json::{json, Value};

    /// The CSL-JSON as it was built before, as a map.
    fn csl_map(c: &Citation<'_>) -> Value {
        use chrono::Datelike;
        let parts = |d: crate::content::Date| {
            let s = d.start();
            json!({"date-parts": [match d.precision() {
                Precision::Year => json!([s.year()]),
                Precision::Month => json!([s.year(), s.month()]),
                Precision::Day => json!([s.year(), s.month(), s.day()]),
            }]})
        };
        let kind = match c.kind {
            Kind::Policy => "legislation",
            Kind::CourtAction => "legal_case",
            Kind::Commentary => "webpage",
        };
        json!([{
            "id": c.key(),
            "type": kind,
            "title": c.title,
            "author": [{"literal": c.publisher}],
            "publisher": c.publisher,
            "number": c.id.to_string(),
            "issued": parts(c.date),
            "accessed": parts(c.as_of.into()),
            "URL": c.url,
        }])
    }

    /// The JSON-LD as it was built before, as a map.
    fn json_ld_map(
        c: &Citation<'_>,
        updated: Option<chrono::NaiveDate>,
        standing: Option<&str>,
        base_url: Option<&str>,
    ) -> Value {
        let mut v = json!({
            "@context": "https://schema.org",
            "@type": if c.kind == Kind::Policy { "Legislation" } else { "CreativeWork" },
            "name": c.title,
            "identifier": c.id.to_string(),
            "datePublished": c.date.to_string(),
            "publisher": {"@type": "Organization", "name": c.publisher},
            "isPartOf": {"@type": "Dataset", "name": c.publisher},
            "sdDatePublished": c.as_of.to_string(),
        });
        if let Some(u) = updated {
            v["dateModified"] = json!(u.to_string());
        }
        if let Some(base) = base_url {
            v["url"] = json!(c.url);
            v["isPartOf"]["url"] = json!(base);
        }
        if c.kind == Kind::Policy {
            v["legislationDate"] = json!(c.date.to_string());
            v["legislationIdentifier"] = json!(c.id.to_string());
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

    #[test]
    fn typed_citations_write_the_bytes_of_json_maps() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let dates = [
            crate::content::Date::day(day(2025, 1, 31)),
            crate::content::Date::in_month(1948, 6).unwrap_or(day(1948, 6, 1).into()),
            crate::content::Date::in_year(1776).unwrap_or(day(1776, 1, 1).into()),
        ];
        let Ok(id) = Id::parse("9973-A") else {
            panic!("9973-A is an id");
        };
        for kind in [Kind::Policy, Kind::CourtAction, Kind::Commentary] {
            for date in dates {
                let c = Citation {
                    kind,
                    id,
                    title: "A \"quoted\" title & <more> \u{2028}",
                    url: "https://example.org/policies/9973-A/",
                    date,
                    as_of: day(2026, 11, 30),
                    publisher: "The Tracker",
                };
                assert_eq!(
                    serde_json::to_string_pretty(&c.csl()).ok(),
                    serde_json::to_string_pretty(&csl_map(&c)).ok()
                );
                for updated in [None, Some(day(2026, 2, 3))] {
                    for standing in [
                        None,
                        Some("in-force"),
                        Some("ended"),
                        Some("never"),
                        Some("pending"),
                    ] {
                        for base in [None, Some("https://example.org/")] {
                            assert_eq!(
                                script_json(&c.json_ld(updated, standing, base)),
                                script_json(&json_ld_map(&c, updated, standing, base))
                            );
                        }
                    }
                }
            }
        }
    }

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
