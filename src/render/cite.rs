//! How to cite an entry: the "Cite this entry" block (plain text, BibTeX,
//! CSL-JSON), the Highwire `citation_*` tags reference managers read, and
//! the schema.org JSON-LD of the page's head. All of it names the entry's
//! permanent address (absolute with a `base_url`, else its path in the
//! site) and the date of the data it was built from.

use serde::Serialize;

use super::views::{DateValue, DateView};
use crate::content::date::Precision;
use crate::content::Id;
use crate::content::Kind;
use crate::escape::push_json;
use crate::site::paths;
use crate::site::{Html, Model};

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
    pub date: DateValue<'a>,
    /// The date of the data the site was built from.
    pub as_of: DateValue<'a>,
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
    /// `in-force`, `ended`, …) gives its legal force in the JSON-LD. With
    /// [`Html::Skip`] the citation's four texts are each a space.
    pub fn cite_view(
        &self,
        kind: Kind,
        i: usize,
        standing: Option<&str>,
        html: Html,
    ) -> CiteView<'s> {
        let site = &self.site.config;
        let e = self.site.corpus.entry(kind, i);
        let path = paths::entry(kind, e.id);
        let url = site
            .base_url
            .as_deref()
            .map_or_else(|| path.clone(), |b| paths::absolute(b, &path));
        let title: &'s str = &e.common.title;
        let c = Citation::new(
            kind,
            e.id,
            title,
            &url,
            e.date,
            self.site.date(),
            &site.title,
        );
        let written = |text: &dyn Fn() -> String| match html {
            Html::Write => text(),
            Html::Skip => " ".into(),
        };
        CiteView {
            text: written(&|| c.text()),
            bibtex: written(&|| c.bibtex()),
            csl_json: written(&|| c.csl_json()),
            json_ld: written(&|| {
                script_safe(c.json_ld(e.common.updated, standing, site.base_url.as_deref()))
            }),
            highwire_date: c.date_view.iso.replace('-', "/"),
            title,
            id: e.id,
            kind_label: kind.label(),
            absolute: site.base_url.is_some(),
            date: self.date(e.date),
            as_of: self.date(self.site.date()),
            url,
            publisher: &site.title,
        }
    }
}

/// The facts every form of a citation is made of.
struct Citation<'a> {
    kind: Kind,
    title: &'a str,
    url: &'a str,
    date: crate::content::Date,
    as_of: crate::content::Date,
    publisher: &'a str,
    /// `id` written out, and `date` and `as_of` as pages write them: each
    /// is in several forms of the citation, made once.
    id_text: String,
    date_view: DateView,
    as_of_view: DateView,
    /// `as_of` as ISO 8601 (`2026-11-30`).
    as_of_iso: String,
}

impl<'a> Citation<'a> {
    fn new(
        kind: Kind,
        id: Id,
        title: &'a str,
        url: &'a str,
        date: crate::content::Date,
        as_of: crate::content::Date,
        publisher: &'a str,
    ) -> Citation<'a> {
        let as_of_view = DateView::new(as_of);
        let as_of_iso = as_of.iso();
        Citation {
            kind,
            title,
            url,
            date,
            as_of,
            publisher,
            id_text: id.to_string(),
            date_view: DateView::new(date),
            as_of_view,
            as_of_iso,
        }
    }

    fn key(&self) -> String {
        let kind = match self.kind {
            Kind::Policy => "policy",
            Kind::CourtAction => "court-action",
            Kind::Commentary => "commentary",
        };
        [kind, "-", &self.id_text].concat()
    }

    fn text(&self) -> String {
        [
            self.publisher,
            ". \u{201c}",
            self.title,
            ".\u{201d} ",
            self.kind.label(),
            ", ID #",
            &self.id_text,
            ", ",
            &self.date_view.display,
            ". ",
            self.url,
            " (data as of ",
            &self.as_of_view.display,
            ").",
        ]
        .concat()
    }

    fn bibtex(&self) -> String {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        use chrono::Datelike;
        let mut out = String::with_capacity(256 + self.title.len() + self.url.len());
        out.push_str("@misc{");
        out.push_str(&self.key());
        out.push_str(",\n  title = {{");
        bibtex_escape(&mut out, self.title);
        out.push_str("}},\n  author = {{");
        bibtex_escape(&mut out, self.publisher);
        out.push_str("}},\n  year = {");
        out.push_str(&self.date.year().to_string());
        out.push_str("},");
        // A date known only by its year has no month to cite.
        if self.date.precision() != Precision::Year {
            out.push_str("\n  month = ");
            out.push_str(MONTHS[self.date.start().month0() as usize]);
            out.push(',');
        }
        out.push_str("\n  howpublished = {");
        out.push_str(self.kind.label());
        out.push_str(", ID \\#");
        out.push_str(&self.id_text);
        out.push_str("},\n  url = {");
        bibtex_url(&mut out, self.url);
        out.push_str("},\n  urldate = {");
        out.push_str(&self.as_of_iso);
        out.push_str("},\n  note = {Data as of ");
        out.push_str(&self.as_of_view.display);
        out.push_str("}\n}");
        out
    }

    /// The CSL-JSON of the entry, one item, as serde_json's
    /// `to_string_pretty` writes it (a test compares the two): written
    /// directly, as serialising the two JSON forms was about a tenth of the
    /// work of building every page's context.
    fn csl_json(&self) -> String {
        let kind = match self.kind {
            Kind::Policy => "legislation",
            Kind::CourtAction => "legal_case",
            Kind::Commentary => "webpage",
        };
        let mut o = String::with_capacity(
            400 + 2 * self.publisher.len() + self.title.len() + self.url.len(),
        );
        o.push_str("[\n  {\n    \"URL\": ");
        push_json(&mut o, self.url);
        o.push_str(",\n    \"accessed\": ");
        csl_date(&mut o, self.as_of);
        o.push_str(",\n    \"author\": [\n      {\n        \"literal\": ");
        push_json(&mut o, self.publisher);
        o.push_str("\n      }\n    ],\n    \"id\": ");
        push_json(&mut o, &self.key());
        o.push_str(",\n    \"issued\": ");
        csl_date(&mut o, self.date);
        o.push_str(",\n    \"number\": ");
        push_json(&mut o, &self.id_text);
        o.push_str(",\n    \"publisher\": ");
        push_json(&mut o, self.publisher);
        o.push_str(",\n    \"title\": ");
        push_json(&mut o, self.title);
        o.push_str(",\n    \"type\": ");
        push_json(&mut o, kind);
        o.push_str("\n  }\n]");
        o
    }

    /// The schema.org description of the entry, as compact JSON with its
    /// keys in the order of their names (as serde_json's sorted maps wrote
    /// them before; a test compares the two).
    fn json_ld(
        &self,
        updated: Option<chrono::NaiveDate>,
        standing: Option<&str>,
        base_url: Option<&str>,
    ) -> String {
        let policy = self.kind == Kind::Policy;
        let force = match standing {
            Some("in-force") => Some("https://schema.org/InForce"),
            Some("ended" | "never") => Some("https://schema.org/NotInForce"),
            _ => None,
        };
        let mut o = String::with_capacity(
            400 + 2 * self.publisher.len() + self.title.len() + 2 * self.url.len(),
        );
        o.push_str("{\"@context\":\"https://schema.org\",\"@type\":");
        o.push_str(if policy {
            "\"Legislation\""
        } else {
            "\"CreativeWork\""
        });
        if let Some(u) = updated {
            o.push_str(",\"dateModified\":");
            push_json(&mut o, &u.to_string());
        }
        o.push_str(",\"datePublished\":");
        push_json(&mut o, &self.date_view.iso);
        o.push_str(",\"identifier\":");
        push_json(&mut o, &self.id_text);
        o.push_str(",\"isPartOf\":{\"@type\":\"Dataset\",\"name\":");
        push_json(&mut o, self.publisher);
        if let Some(base) = base_url {
            o.push_str(",\"url\":");
            push_json(&mut o, base);
        }
        o.push('}');
        if policy {
            o.push_str(",\"legislationDate\":");
            push_json(&mut o, &self.date_view.iso);
            o.push_str(",\"legislationIdentifier\":");
            push_json(&mut o, &self.id_text);
            if let Some(force) = force {
                o.push_str(",\"legislationLegalForce\":");
                push_json(&mut o, force);
            }
        }
        o.push_str(",\"name\":");
        push_json(&mut o, self.title);
        o.push_str(",\"publisher\":{\"@type\":\"Organization\",\"name\":");
        push_json(&mut o, self.publisher);
        o.push_str("},\"sdDatePublished\":");
        push_json(&mut o, &self.as_of_iso);
        if base_url.is_some() {
            o.push_str(",\"url\":");
            push_json(&mut o, self.url);
        }
        o.push('}');
        o
    }
}

/// A date of CSL-JSON as far as it is known (`[[2025, 1, 31]]`), as the
/// value of a key of the item, pretty-printed.
fn csl_date(o: &mut String, d: crate::content::Date) {
    use chrono::Datelike;
    let s = d.start();
    let parts = [
        i64::from(s.year()),
        i64::from(s.month()),
        i64::from(s.day()),
    ];
    let known = match d.precision() {
        Precision::Year => 1,
        Precision::Month => 2,
        Precision::Day => 3,
    };
    o.push_str("{\n      \"date-parts\": [\n        [");
    for (k, n) in parts[..known].iter().enumerate() {
        o.push_str(if k == 0 {
            "\n          "
        } else {
            ",\n          "
        });
        o.push_str(&n.to_string());
    }
    o.push_str("\n        ]\n      ]\n    }");
}

/// JSON to write inside `<script>` as it is: nothing in it can close the
/// element or open a comment (`</script>`, `<!--`), since `<`, `>` and `&`
/// are written as escapes, and the two line separators JavaScript once
/// refused are escaped too.
fn script_safe(s: String) -> String {
    let bytes = s.as_bytes();
    // One pass that copies runs: nearly always there is nothing to escape,
    // but a title with a dash or a curly quote begins a character with
    // 0xE2 as the two separators do.
    let mut out = String::new();
    let mut plain = 0;
    let mut i = 0;
    // Eight bytes at a time to the next that may need an escape.
    let care = |w: u64| {
        use crate::escape::equal;
        equal(w, b'<') | equal(w, b'>') | equal(w, b'&') | equal(w, 0xe2)
    };
    while i < bytes.len() {
        i = crate::escape::next_care(bytes, i, care);
        let Some(&b) = bytes.get(i) else { break };
        let (escape, width) = match b {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xe2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xa8) => {
                ("\\u2028", 3)
            }
            0xe2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xa9) => {
                ("\\u2029", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if plain == 0 {
            out.reserve(s.len() + 32);
        }
        out.push_str(&s[plain..i]);
        out.push_str(escape);
        i += width;
        plain = i;
    }
    if plain == 0 {
        return s;
    }
    out.push_str(&s[plain..]);
    out
}

/// Text for a BibTeX field: its special characters escaped, so that a
/// title with `&`, `%`, `#` or braces reads the same in the bibliography.
fn bibtex_escape(out: &mut String, s: &str) {
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
}

/// An address for a BibTeX `url` field, where only braces need care: they
/// are percent-encoded, which keeps the address.
fn bibtex_url(out: &mut String, s: &str) {
    for part in s.split_inclusive(['{', '}']) {
        match part.strip_suffix('{') {
            Some(before) => {
                out.push_str(before);
                out.push_str("%7B");
            }
            None => match part.strip_suffix('}') {
                Some(before) => {
                    out.push_str(before);
                    out.push_str("%7D");
                }
                None => out.push_str(part),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// `v` as compact JSON, made safe for `<script>`.
    fn script_json(v: &Value) -> String {
        script_safe(serde_json::to_string(v).unwrap_or_default())
    }

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
            "number": c.id_text.clone(),
            "issued": parts(c.date),
            "accessed": parts(c.as_of),
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
            "identifier": c.id_text.clone(),
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
            v["legislationIdentifier"] = json!(c.id_text.clone());
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
    fn citations_written_by_hand_are_the_bytes_of_json_maps() {
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
                let c = Citation::new(
                    kind,
                    id,
                    "A \"quoted\" title & <more> \u{2028}",
                    "https://example.org/policies/9973-A/",
                    date,
                    day(2026, 11, 30).into(),
                    "The Tracker",
                );
                assert_eq!(
                    Some(c.csl_json()),
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
                                script_safe(c.json_ld(updated, standing, base)),
                                script_json(&json_ld_map(&c, updated, standing, base))
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn script_json_escapes_as_it_did_a_character_at_a_time() {
        let reference = |v: &Value| {
            let mut out = String::new();
            for c in serde_json::to_string(v).unwrap_or_default().chars() {
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
        };
        for s in [
            "",
            "plain",
            "<b>",
            "a – b “c” \u{2028}\u{2029}\u{2027}\u{202a} & x",
            "\u{2028}",
            "\u{e000}\u{2080}",
            "ends with <",
        ] {
            let v = json!({ "name": s });
            assert_eq!(script_json(&v), reference(&v), "{s:?}");
        }
        // Each at every place of the words of eight the scan reads, and
        // two side by side.
        for special in [
            "<",
            ">",
            "&",
            "\u{2028}",
            "\u{2029}",
            "–",
            "<>",
            "\u{2028}&",
        ] {
            for at in 0..20 {
                let s = format!("{}{special}{}", "x".repeat(at), "y".repeat(at % 7));
                let v = json!({ "name": s });
                assert_eq!(script_json(&v), reference(&v), "{s:?}");
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
        let escaped = |s: &str| {
            let mut out = String::new();
            bibtex_escape(&mut out, s);
            out
        };
        let url = |s: &str| {
            let mut out = String::new();
            bibtex_url(&mut out, s);
            out
        };
        assert_eq!(escaped("A & B {50%} #1_x"), "A \\& B \\{50\\%\\} \\#1\\_x");
        for u in ["https://x.org/{a}%20", "", "{", "}}", "a{b}c{", "plain"] {
            assert_eq!(url(u), u.replace('{', "%7B").replace('}', "%7D"), "{u}");
        }
    }

    /// The plain text and BibTeX as `format!` wrote them before.
    fn formatted(c: &Citation<'_>) -> (String, String) {
        use chrono::Datelike;
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let text = format!(
            "{}. \u{201c}{}.\u{201d} {}, ID #{}, {}. {} (data as of {}).",
            c.publisher,
            c.title,
            c.kind.label(),
            c.id_text,
            DateView::new(c.date).display,
            c.url,
            DateView::new(c.as_of).display,
        );
        let month = match c.date.precision() {
            Precision::Year => String::new(),
            _ => format!("\n  month = {},", MONTHS[c.date.start().month0() as usize]),
        };
        let bibtex = format!(
            "@misc{{{key},\n  title = {{{{{title}}}}},\n  author = {{{{{publisher}}}}},\n  year = {{{year}}},{month}\n  howpublished = {{{kind}, ID \\#{id}}},\n  url = {{{url}}},\n  urldate = {{{as_of}}},\n  note = {{Data as of {as_of_display}}}\n}}",
            key = c.key(),
            title = { let mut t = String::new(); bibtex_escape(&mut t, c.title); t },
            publisher = { let mut t = String::new(); bibtex_escape(&mut t, c.publisher); t },
            year = c.date.year(),
            kind = c.kind.label(),
            id = c.id_text,
            url = c.url.replace('{', "%7B").replace('}', "%7D"),
            as_of = c.as_of,
            as_of_display = DateView::new(c.as_of).display,
        );
        (text, bibtex)
    }

    #[test]
    fn text_and_bibtex_are_what_format_wrote() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        for (id, date, as_of) in [
            (
                "1",
                crate::content::Date::day(day(2025, 1, 31)),
                day(2026, 11, 30),
            ),
            (
                "9973-A",
                crate::content::Date::in_month(1948, 6).unwrap_or(day(1948, 6, 1).into()),
                day(12026, 1, 2),
            ),
            (
                "14",
                crate::content::Date::in_year(776).unwrap_or(day(776, 1, 1).into()),
                day(999, 3, 4),
            ),
        ] {
            let Ok(id) = Id::parse(id) else {
                panic!("{id} is an id");
            };
            for kind in [Kind::Policy, Kind::CourtAction, Kind::Commentary] {
                let c = Citation::new(
                    kind,
                    id,
                    "Title {with} braces & 100% #1 ~ ^ \\ _",
                    "https://example.org/{x}/policies/1/",
                    date,
                    as_of.into(),
                    "The {Tracker}",
                );
                let (text, bibtex) = formatted(&c);
                assert_eq!(c.text(), text);
                assert_eq!(c.bibtex(), bibtex);
            }
        }
    }
}
