//! The template context is documented in the book: every variable any page
//! template can see must be named in docs/themes.md.

use std::collections::{BTreeMap, BTreeSet};

use docket::diag::Diagnostics;
use docket::render::{self, Renderer, Rows};
use docket::site::downloads::{Archive, Downloads};
use docket::site::paths::Page;
use docket::site::Derived;

use crate::common::{repo, Fixture};

/// Collects the key paths of a JSON value (`policy.cases.filings.date.iso`).
fn keys(prefix: &str, v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(path.clone());
                keys(&path, v, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                keys(prefix, v, out);
            }
        }
        _ => {}
    }
}

/// Everything a template sees, as JSON: Tera 2's `Context` has no
/// `into_json`, but the magic variable `__tera_context` is the whole context.
fn context_json(theme: &render::Theme, ctx: &tera::Context) -> serde_json::Value {
    let text = theme
        .tera
        .render_str("{{ __tera_context | json_encode | safe }}", ctx, false)
        .expect("the context dumps");
    serde_json::from_str(&text).expect("json_encode writes JSON")
}

#[test]
fn every_context_variable_is_documented_in_the_book() {
    let f = Fixture::new("publish/site");
    let mut diags = Diagnostics::default();
    let site = docket::load(f.root(), &docket::LoadOptions::default(), &mut diags)
        .unwrap_or_else(|_| panic!("the fixture loads"));
    let theme =
        render::theme::load(f.root(), &site.config).unwrap_or_else(|_| panic!("the theme loads"));
    let derived = Derived::new(&site, &mut diags);
    assert!(!diags.has_errors());
    let model = derived.model(&site);
    let rows = Rows::new(&model);
    // Every template with every variable it can get: the download page
    // also with an archive.
    let downloads = Downloads {
        files: Vec::new(),
        archive: Some(Archive {
            url: "download/x-offline.zip".into(),
            bytes: 1,
            size: "1 bytes".into(),
            folder: "x-offline".into(),
        }),
    };
    let mut by_template: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let without = Downloads::default();
    let renderer = Renderer {
        theme: &theme,
        rows: &rows,
        downloads: Some(&without),
    };
    for page in model.pages() {
        let (_, template, ctx) = renderer.context(&model, page).expect("context");
        keys(
            "",
            &context_json(&theme, &ctx),
            by_template.entry(template).or_default(),
        );
    }
    let with_archive = Renderer {
        downloads: Some(&downloads),
        ..renderer
    };
    let (_, template, ctx) = with_archive
        .context(&model, Page::Download)
        .expect("context");
    keys(
        "",
        &context_json(&theme, &ctx),
        by_template.entry(template).or_default(),
    );
    assert_eq!(by_template.len(), 16, "{:?}", by_template.keys());

    let book = std::fs::read_to_string(repo().join("docs/themes.md")).expect("docs/themes.md");
    let mut missing = BTreeSet::new();
    for (template, paths) in &by_template {
        // Each template's own variables are named in its section; those of
        // every page (site, page, root, cite) in the chapter's general part.
        let section = book
            .split("\n### ")
            .find(|s| s.starts_with(&format!("`{template}`")))
            .unwrap_or_else(|| panic!("docs/themes.md has no section ### `{template}`"));
        for path in paths {
            let name = path.rsplit('.').next().unwrap_or(path);
            let top = path.split('.').next().unwrap_or(path);
            // Named alone (`iso`) or as the end of a dotted name (`page.canonical`).
            let named = book.contains(&format!("`{name}`")) || book.contains(&format!(".{name}`"));
            let documented = named
                && (["site", "page", "root", "cite"].contains(&top)
                    || section.contains(&format!("`{top}`")));
            if !documented {
                missing.insert(format!("{template}: {path}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/themes.md does not document:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}
