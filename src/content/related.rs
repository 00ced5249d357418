//! The relations a site declares (`[relations]` of `docket.toml`) as a
//! policy writes them: `revokes = [13769, "9973-A", { id = 13780, note =
//! "sections 2 and 3" }, { title = "Proclamation 9645", url = "https://…" }]`.
//! Each item is checked at its place; which entries the ids name is the
//! graph's to resolve.

use toml::de::DeValue;
use toml::Spanned;

use super::values::Cx;
use super::Id;
use crate::config::Relation;
use crate::diag::{Code, Diagnostic};
use crate::source::At;
use crate::url::is_web_url;

/// What an item of a relation names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An entry of the kind the relation names (`to`), by its id.
    Entry(Id),
    /// Something that is not an entry of the site, by its name.
    Outside { title: String, url: Option<String> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub target: Target,
    /// What part the relation concerns: "sections 2 and 3".
    pub note: Option<String>,
}

/// The items one entry writes under one declared relation.
#[derive(Clone, Debug)]
pub struct Related {
    /// The position of the relation in [`crate::config::Relations::list`].
    pub relation: usize,
    pub items: Vec<At<Item>>,
}

/// Checks the value of relation `rel` (the `relation`th declared), each
/// item at its place.
pub(super) fn check(
    relation: usize,
    rel: &Relation,
    value: Spanned<DeValue<'_>>,
    cx: &mut Cx<'_>,
) -> Option<Related> {
    let at = cx.span(value.span());
    let DeValue::Array(list) = value.into_inner() else {
        cx.error(
            Diagnostic::error(Code::WrongType, at, format!("`{}` must be a list", rel.key))
                .label("not a list")
                .help(format!("write it like {}", example(rel))),
        );
        return None;
    };
    let items: Vec<At<Item>> = list
        .into_iter()
        .filter_map(|item| {
            let span = cx.span(item.span());
            let value = self::item(rel, item, cx)?;
            Some(At { span, value })
        })
        .collect();
    Some(Related { relation, items })
}

/// An example of the relation's items, with what it allows.
pub fn example(rel: &Relation) -> String {
    let mut items = vec!["1400".to_string()];
    if rel.notes {
        items.push("{ id = 1102, note = \"sections 2 and 3\" }".into());
    }
    if rel.outside {
        items.push("{ title = \"Proclamation 9645\", url = \"https://…\" }".into());
    }
    format!("{} = [{}]", rel.key, items.join(", "))
}

fn item(rel: &Relation, item: Spanned<DeValue<'_>>, cx: &mut Cx<'_>) -> Option<Item> {
    let at = item.span();
    match item.into_inner() {
        DeValue::Table(t) => table(rel, t, at, cx),
        other => {
            let id = id(rel, other, at, cx)?;
            Some(Item {
                target: Target::Entry(id),
                note: None,
            })
        }
    }
}

fn id(
    rel: &Relation,
    value: DeValue<'_>,
    at: std::ops::Range<usize>,
    cx: &mut Cx<'_>,
) -> Option<Id> {
    let parsed = match &value {
        DeValue::Integer(i) => u64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .and_then(Id::number)
            .ok_or_else(|| format!("{} is not an id", i.as_str())),
        DeValue::String(s) => Id::parse(s).map_err(|why| format!("\"{s}\" is not an id: {why}")),
        DeValue::Float(x) => Err(format!("the number {} is not an id", x.as_str())),
        DeValue::Boolean(b) => Err(format!("`{b}` is not an id")),
        DeValue::Datetime(d) => Err(format!("the date {d} is not an id")),
        DeValue::Array(_) => Err("a list is not an id".into()),
        DeValue::Table(_) => Err("a table is not an id".into()),
    };
    match parsed {
        Ok(id) => Some(id),
        Err(why) => {
            let span = cx.span(at);
            cx.error(
                Diagnostic::error(
                    Code::InvalidId,
                    span,
                    format!("bad item in `{}`: {why}", rel.key),
                )
                .label("not an id")
                .help(format!(
                    "an id is a whole number like 1491 or a code in quotes like \"9973-A\"; write it like {}",
                    example(rel)
                )),
            );
            None
        }
    }
}

/// `{ id = …, note = … }` or, where the relation allows it, `{ title = …,
/// url = …, note = … }`.
fn table(
    rel: &Relation,
    table: toml::de::DeTable<'_>,
    at: std::ops::Range<usize>,
    cx: &mut Cx<'_>,
) -> Option<Item> {
    let mut allowed = vec!["id"];
    if rel.notes {
        allowed.push("note");
    }
    if rel.outside {
        allowed.extend(["title", "url"]);
    }
    let mut ok = true;
    for key in table.keys() {
        let name = key.get_ref().as_ref();
        if allowed.contains(&name) {
            continue;
        }
        ok = false;
        let why = match name {
            "note" => format!("relations.{} does not allow notes (notes = true)", rel.key),
            "title" | "url" => format!(
                "relations.{} names only entries of the site (outside = true would allow others)",
                rel.key
            ),
            _ => format!(
                "an item of `{}` has the keys {}",
                rel.key,
                allowed
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let span = cx.span(key.span());
        cx.error(
            Diagnostic::error(
                Code::UnknownKey,
                span,
                format!("unknown key `{name}` in an item of `{}`", rel.key),
            )
            .label("not a key of this item")
            .help(why),
        );
    }
    let text = |k: &str, cx: &mut Cx<'_>| -> Option<Option<String>> {
        match table.get(k).map(|v| (v.span(), v.get_ref())) {
            None => Some(None),
            Some((_, DeValue::String(s))) if !s.trim().is_empty() => Some(Some(s.to_string())),
            Some((span, _)) => {
                let span = cx.span(span);
                cx.error(
                    Diagnostic::error(
                        Code::WrongType,
                        span,
                        format!("`{k}` of an item of `{}` must be a text", rel.key),
                    )
                    .label("not a text, or empty")
                    .help(format!("write it like {}", example(rel))),
                );
                None
            }
        }
    };
    let note = if rel.notes { text("note", cx)? } else { None };
    let target = match (table.get("id"), rel.outside) {
        (Some(v), _) if !table.contains_key("title") => {
            Target::Entry(id(rel, v.get_ref().clone(), v.span(), cx)?)
        }
        (None, true) if table.contains_key("title") => {
            let title = text("title", cx)??;
            let url = text("url", cx)?;
            if let Some(u) = url.as_deref().filter(|u| !is_web_url(u)) {
                let span = cx.span(table.get("url").map_or(at.clone(), |v| v.span()));
                cx.error(
                    Diagnostic::error(
                        Code::InvalidUrl,
                        span,
                        format!(
                            "`url` of an item of `{}` must be an http or https URL",
                            rel.key
                        ),
                    )
                    .label("not an http(s) URL")
                    .help(crate::url::web_url_help(u)),
                );
                return None;
            }
            Target::Outside { title, url }
        }
        // Its unknown keys are reported already, and say what it lacks.
        _ if !ok => return None,
        _ => {
            let span = cx.span(at);
            let both = table.contains_key("id") && table.contains_key("title");
            let what = match (rel.outside, both) {
                (true, true) => {
                    "either `id` (an entry of the site) or `title` (something that is not), not both"
                }
                (true, false) => "an `id` (an entry of the site) or a `title` (something that is not)",
                (false, _) => "an `id`",
            };
            cx.error(
                Diagnostic::error(
                    Code::WrongType,
                    span,
                    format!("an item of `{}` needs {what}", rel.key),
                )
                .label("this item")
                .help(format!("write it like {}", example(rel))),
            );
            return None;
        }
    };
    ok.then_some(Item { target, note })
}
