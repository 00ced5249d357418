//! The fields a site declares of its own (`[fields]` of `docket.toml`), as
//! an entry's page shows them: each with its label, in the order
//! `docket.toml` declares them, after the standard facts.

use serde::Serialize;

use crate::content::fields::{Extra, FieldValue};
use crate::content::{Common, Kind};
use crate::site::dates::DateView;
use crate::site::terms::Terms;
use crate::site::Model;

use super::views::TermLink;

/// One field of the site's own with its value. Which of `text`, `url`,
/// `date` and `items` is set depends on `type`.
#[derive(Serialize)]
pub struct FieldView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// `text`, `date`, `url`, `number`, `term`, `terms` or `list`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// A text, a number as written, or an address as a reader reads it
    /// (its host and short form, as a court action's `external_label`).
    pub text: Option<String>,
    /// A web address (the template escapes it).
    pub url: Option<&'a str>,
    pub date: Option<DateView>,
    /// The values of a term, terms or list field.
    pub items: Vec<&'a str>,
    /// For a term or terms field with pages: its values as links to
    /// them (`name`, `url`), in the order of `items`; empty otherwise.
    pub terms: Vec<TermLink<'a>>,
}

impl<'s> Model<'s> {
    /// The fields of the site's own that an entry has, in declaration
    /// order.
    pub fn field_views(&self, kind: Kind, common: &'s Common) -> Vec<FieldView<'s>> {
        self.declared_views(kind.name(), &common.extra)
    }

    /// The fields of the site's own that `[fields.SECTION]` declares, of
    /// the values `written` (an entry's, a case file's), in declaration
    /// order.
    pub fn declared_views(&self, section: &str, written: &'s [Extra]) -> Vec<FieldView<'s>> {
        let declared = &self.site.config.fields.of(section).extra;
        declared
            .iter()
            .filter_map(|field| {
                let extra = written.iter().find(|e| e.key == field.key)?;
                let mut v = view(&field.label, field.ty.name(), extra);
                if field.pages {
                    v.terms = self.field_terms(&field.key, &v.items);
                }
                Some(v)
            })
            .collect()
    }

    /// The values of `common`'s term fields with pages, each with its
    /// field's label, in the order `docket.toml` declares the fields: the
    /// tags of its row in lists.
    pub fn field_tags(&self, kind: Kind, common: &'s Common) -> Vec<FieldTag<'s>> {
        self.declared_tags(kind.name(), &common.extra)
    }

    /// The values of the term fields with pages that `[fields.SECTION]`
    /// declares, of the fields `written` (an entry's, a case file's), as
    /// [`Model::field_tags`].
    pub fn declared_tags(&self, section: &str, written: &'s [Extra]) -> Vec<FieldTag<'s>> {
        let declared = &self.site.config.fields.of(section).extra;
        let mut tags = Vec::new();
        for field in declared.iter().filter(|f| f.pages) {
            let Some(extra) = written.iter().find(|e| e.key == field.key) else {
                continue;
            };
            let terms: &'s Terms = self.terms;
            let Some(paged) = terms.field(&field.key) else {
                continue;
            };
            // In display order, each once, as the list's filter draws them.
            let values = extra.value.terms().iter();
            let mut at: Vec<usize> = values
                .filter_map(|t| paged.terms.position(t.as_str()))
                .collect();
            at.sort_unstable();
            at.dedup();
            tags.extend(at.into_iter().map(|i| {
                let (name, e) = &paged.terms.terms[i];
                FieldTag {
                    label: &field.label,
                    term: TermLink::of_term(name, e, None),
                }
            }));
        }
        tags
    }

    /// Links to the pages of the values `names` of the term field `key`.
    fn field_terms(&self, key: &str, names: &[&'s str]) -> Vec<TermLink<'s>> {
        let terms: &'s Terms = self.terms;
        let Some(field) = terms.field(key) else {
            return Vec::new();
        };
        names
            .iter()
            .filter_map(|name| Some(TermLink::of_term(name, field.terms.get(name)?, None)))
            .collect()
    }
}

/// A value of a term field with pages, as a tag of a row: the field's
/// label (`Disposition`) and the link to the value's page.
#[derive(Serialize)]
pub struct FieldTag<'a> {
    pub label: &'a str,
    pub term: TermLink<'a>,
}

fn view<'a>(label: &'a str, ty: &'static str, extra: &'a Extra) -> FieldView<'a> {
    let mut v = FieldView {
        key: &extra.key,
        label,
        ty,
        text: None,
        url: None,
        date: None,
        items: Vec::new(),
        terms: Vec::new(),
    };
    match &extra.value {
        FieldValue::Text(t) => v.text = Some(t.clone()),
        FieldValue::Number(n) => v.text = Some(n.to_string()),
        FieldValue::Url(u) => {
            v.url = Some(u);
            v.text = Some(super::external::short_label(u));
        }
        FieldValue::Date(d) => v.date = Some(DateView::new(*d)),
        FieldValue::Term(t) => v.items = vec![t.as_str()],
        FieldValue::Terms(ts) => v.items = ts.iter().map(|t| t.as_str()).collect(),
        FieldValue::List(ts) => v.items = ts.iter().map(String::as_str).collect(),
    }
    v
}
