//! List rows rendered once for every depth of folder.
//!
//! A row is pasted into list pages one folder deep (`policies/`) and two
//! deep (`subjects/asylum/`), and its links differ only by the `root`
//! written before them (`../` or `../../`). When a row template uses
//! `root` in nothing but plain `{{ root }}`, a copy of it with each
//! `{{ root }}` written as the character [`MARK`] renders the row once, and
//! each depth's row is that text with the mark replaced: the same bytes as
//! rendering it with `root`, since `root` has nothing the escaping changes.
//! The mark is a NUL, which Tera's escaping never lets through from a value
//! (docket's escape replaces control characters), so every NUL in the text
//! is one the template wrote. Any other use of `root`, or anything that
//! could see the mark as a value (a filter, a `set`, an include, a
//! component, the context dumped), keeps the template out: its rows are
//! rendered once per depth, as before.

use std::collections::BTreeMap;

use tera::Tera;

use super::theme::{new_tera, TemplateFile};

/// Stands for `root` in a marked row template.
pub const MARK: char = '\0';

/// The row templates whose rows can be rendered once for every depth.
pub const ROW_TEMPLATES: [&str; 2] = ["policy_row.html", "court_action_row.html"];

/// The theme's row templates that qualify, with `root` marked, compiled
/// under their own names; empty when none does (or they do not compile
/// alone, which then shows when they are rendered as they are).
pub fn compile(templates: &BTreeMap<String, TemplateFile>) -> Tera {
    let marked: Vec<(String, String)> = ROW_TEMPLATES
        .iter()
        .filter_map(|&name| {
            let text = marked(&templates.get(name)?.text)?;
            Some((name.to_string(), text))
        })
        .collect();
    let mut tera = new_tera();
    if tera.add_raw_templates(marked).is_err() {
        return new_tera();
    }
    tera
}

/// `text` with each `{{ root }}` written as [`MARK`], if that is all the
/// template does with `root` and nothing in it could tell the mark from
/// `root`: statements are `if` and `for` alone, expressions use no filter
/// and call no component, and nothing reads the whole context.
pub fn marked(text: &str) -> Option<String> {
    if text.contains(MARK) {
        return None;
    }
    let marked = text
        .replace("{{ root }}", &MARK.to_string())
        .replace("{{root}}", &MARK.to_string());
    let code = without_comments(&marked)?;
    if code.contains("root") || code.contains('|') || code.contains("__tera") {
        return None;
    }
    for tag in code.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or(tag);
        let word = tag
            .trim_start_matches('-')
            .trim_start()
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        let allowed = matches!(word, "if" | "elif" | "else" | "endif" | "for" | "endfor");
        if !allowed || tag.contains(MARK) {
            return None;
        }
    }
    for expression in code.split("{{").skip(1) {
        let expression = expression.split("}}").next().unwrap_or(expression);
        if expression
            .trim_start_matches('-')
            .trim_start()
            .starts_with('<')
            || expression.contains(MARK)
        {
            return None;
        }
    }
    Some(marked)
}

/// `text` without its `{# … #}` comments; `None` for a comment left open.
fn without_comments(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("#}")?;
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    Some(out)
}

/// A row rendered from a marked template, for a page `depth` folders deep.
pub fn at_depth(html: &str, depth: usize) -> String {
    let root = "../".repeat(depth);
    let mut out = String::with_capacity(html.len() + 8 * depth);
    let mut parts = html.split(MARK);
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str(&root);
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::embedded::DEFAULT_THEME;

    fn default_template(name: &str) -> String {
        let path = format!("templates/{name}");
        let (_, bytes) = DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == path)
            .expect("the default theme has its row templates");
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    #[test]
    fn the_default_row_templates_qualify() {
        let mut templates = BTreeMap::new();
        for name in ROW_TEMPLATES {
            let text = default_template(name);
            let marked = marked(&text).expect("plain uses of root only");
            assert!(marked.contains(MARK));
            assert!(!marked.contains("{{ root }}"));
            let file = name.to_string();
            templates.insert(file.clone(), TemplateFile { file, text });
        }
        let compiled = compile(&templates);
        let mut names: Vec<&str> = compiled.get_template_names().collect();
        names.sort_unstable();
        assert_eq!(names, ["court_action_row.html", "policy_row.html"]);
    }

    #[test]
    fn a_marked_row_is_the_row_rendered_with_root() {
        let text = "<a href=\"{{ root }}{{ row.url }}\">{{ row.title }}</a>\
                    {% for t in row.tags %}<a href=\"{{root}}{{ t }}\">{{ t }}</a>{% endfor %}";
        let mut plain = new_tera();
        plain.add_raw_template("r.html", text).unwrap();
        let mut marked_tera = new_tera();
        marked_tera
            .add_raw_template("r.html", &marked(text).unwrap())
            .unwrap();
        let mut row = tera::Context::new();
        row.insert(
            "row",
            &serde_json::json!({"url": "p/1/", "title": "A & \"B\" \u{0}", "tags": ["x/", "y"]}),
        );
        let once = marked_tera.render("r.html", &row).unwrap();
        for depth in 1..=3 {
            let mut ctx = row.clone();
            ctx.insert("root", &"../".repeat(depth));
            assert_eq!(
                at_depth(&once, depth),
                plain.render("r.html", &ctx).unwrap()
            );
        }
    }

    #[test]
    fn other_uses_of_root_keep_a_template_out() {
        for text in [
            "{{ root | upper }}{{ row.url }}",
            "{% set r = root %}{{ r }}",
            "{% if root %}x{% endif %}",
            "{{ root ~ row.url }}",
            "{{- root -}}",
            "{% include \"x.html\" %}{{ root }}",
            "{{ __tera_context }}{{ root }}",
            "{{ row.title | safe }}{{ root }}",
            "{% set c %}{{ root }}{% endset %}{{ c }}",
            "{% filter upper %}{{ root }}{% endfilter %}",
            "{{<tag href={{ root }} />}}",
            "{% if x == \"{{ root }}\" %}{% endif %}",
            "{# open comment {{ root }}",
            "a\u{0}{{ root }}",
        ] {
            assert_eq!(marked(text), None, "{text}");
        }
        assert_eq!(
            marked("{# `root` leads back #}{{ root }}x").as_deref(),
            Some("{# `root` leads back #}\u{0}x")
        );
    }
}
