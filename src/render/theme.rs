//! Themes: Tera templates and static files, with the site's own
//! `templates/` and `static/` overriding the theme's file by file.
//!
//! Templates are read and compiled once per build. Files are read by
//! docket itself (no glob), without following links, so a theme cannot pull
//! anything from outside the site folder into the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Severity};

pub const THEMES_DIR: &str = "themes";

pub struct Theme {
    pub tera: Tera,
    /// Static files by their path in the site's `static/` folder.
    pub static_files: BTreeMap<String, PathBuf>,
}

/// Loads the theme named in `docket.toml`, with the site's overrides.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let theme_dir = root.join(THEMES_DIR).join(&config.theme);
    if !theme_dir.join("templates").is_dir() {
        let available: Vec<String> = std::fs::read_dir(root.join(THEMES_DIR))
            .map(|rd| {
                let mut v: Vec<String> = rd
                    .filter_map(Result::ok)
                    .filter(|e| e.path().join("templates").is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                v.sort();
                v
            })
            .unwrap_or_default();
        let help = if available.is_empty() {
            "a theme is a folder themes/<name>/ with templates/ and static/; `docket new site` writes the default one".to_string()
        } else {
            format!("themes in this site: {}", available.join(", "))
        };
        return Err(vec![Diagnostic::new(
            Severity::Error,
            Code::Config,
            None,
            format!(
                "theme \"{}\" not found: there is no folder themes/{}/templates",
                config.theme, config.theme
            ),
        )
        .help(help)]);
    }
    let mut templates = files(&theme_dir.join("templates"));
    templates.extend(files(&root.join("templates")));
    let mut static_files = files(&theme_dir.join("static"));
    static_files.extend(files(&root.join("static")));

    let mut errors = Vec::new();
    let mut raw = Vec::new();
    for (name, path) in &templates {
        match std::fs::read_to_string(path) {
            Ok(text) => raw.push((name.clone(), text)),
            Err(e) => errors.push(template_error(format!(
                "cannot read template {}: {e}",
                path.display()
            ))),
        }
    }
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    if let Err(e) = tera.add_raw_templates(raw) {
        errors.push(template_error(format!(
            "a template of theme \"{}\" does not compile: {}",
            config.theme,
            chain(&e)
        )));
    }
    if errors.is_empty() {
        Ok(Theme { tera, static_files })
    } else {
        Err(errors)
    }
}

/// Escapes text for HTML element content and quoted attribute values.
/// Unlike Tera's default it leaves `/` alone, so URLs stay readable.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn template_error(message: String) -> Diagnostic {
    Diagnostic::new(Severity::Error, Code::Template, None, message)
        .help("fix the template named above; its line and column are given where Tera knows them")
}

/// A Tera error with every cause, which is where Tera puts the real reason.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Regular files below `dir`, keyed by their `/`-separated relative path.
fn files(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for e in WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            if let Ok(rel) = e.path().strip_prefix(dir) {
                out.insert(
                    crate::source::display_name(Path::new(""), rel),
                    e.path().to_path_buf(),
                );
            }
        }
    }
    out
}
