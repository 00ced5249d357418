//! Themes: Tera templates and static files, with the site's own
//! `templates/` and `static/` overriding the theme's file by file, and the
//! theme's settings (`theme.toml`) under the site's `[theme_settings]`. The
//! default theme is built into docket ([`embedded`]): a site needs no copy
//! of it, and a folder `themes/default/` replaces it.
//!
//! Templates are read and compiled once per build. Files are read by
//! docket itself (no glob), without following links, so a theme cannot pull
//! anything from outside the site folder into the output.
//!
//! Tera's own errors name a template but rarely its line, and hide the real
//! cause in their `source()` chain; [`Theme::explain`] turns them into
//! `file:line:column: cause`, the file being the one that was actually used
//! (the site's override or the theme's).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tera::Tera;

use super::embedded;
use crate::config::Config;
use crate::diag::{nearest, Code, Diagnostic, Severity};

pub use crate::sitefs::THEMES_DIR;
/// A theme's description and settings, beside its `templates/`.
pub const THEME_FILE: &str = "theme.toml";

pub struct Theme {
    /// The theme's name, its folder under `themes/`.
    pub name: String,
    pub tera: Tera,
    /// Static files by their path in the site's `static/` folder.
    pub static_files: BTreeMap<String, Source>,
    /// Each template by name: the file it was read from and its text.
    pub templates: BTreeMap<String, TemplateFile>,
    /// The theme's default settings with `[theme_settings]` of
    /// `docket.toml` over them: what templates see as `site.settings`.
    pub settings: toml::Table,
    /// Problems that do not stop a build (a setting the theme does not
    /// have), reported with the build's diagnostics.
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    /// Whether the theme has the template `name`.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

pub struct TemplateFile {
    /// Relative to the site folder (`themes/default/templates/base.html`,
    /// or `templates/base.html` for the site's own), or in the built-in
    /// theme ([`embedded::SHOWN_AS`]).
    pub file: String,
    pub text: String,
}

/// `theme.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    #[allow(dead_code)]
    description: String,
    /// Every setting the theme reads, with its default.
    #[serde(default)]
    settings: Option<toml::Table>,
}

/// Loads the theme named in `docket.toml`, with the site's overrides: the
/// folder `themes/<name>/`, or, for the default theme when the site has no
/// such folder, the one built into docket. No file is read through a
/// symbolic link ([`crate::sitefs`]).
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    if crate::config::theme_name_problem(&config.theme).is_some() {
        // Not a folder name (`/etc`, `../x`): reading it could leave the
        // site. `config::parse` has reported it at its place in docket.toml.
        return Err(Vec::new());
    }
    let theme_dir = root.join(THEMES_DIR).join(&config.theme);
    let templates_dir = theme_dir.join("templates");
    if let Some(link) = crate::sitefs::linked_part(root, &templates_dir) {
        return Err(vec![crate::sitefs::link_error(root, &link)]);
    }
    let mut errors = Vec::new();
    let mut base = if templates_dir.is_dir() {
        Files::folder(root, &theme_dir, &mut errors)
    } else if config.theme == embedded::NAME && std::fs::symlink_metadata(&theme_dir).is_err() {
        Files::built_in()
    } else {
        return Err(vec![not_found(root, config)]);
    };
    // The site's own files go over the theme's, file by file.
    base.templates
        .extend(on_disk(root, &root.join("templates"), &mut errors));
    base.statics
        .extend(on_disk(root, &root.join("static"), &mut errors));
    let declared = base.declared.clone();
    let mut theme = compile(&config.theme, &config.theme_settings, base, &mut errors);
    if let Some(declared) = &declared {
        theme.warnings = unknown_settings(config, declared);
    }
    if errors.is_empty() {
        Ok(theme)
    } else {
        Err(errors)
    }
}

/// Where a file of a theme comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file of the site folder.
    Disk(PathBuf),
    /// A file of the default theme built into docket.
    BuiltIn(&'static [u8]),
}

/// A theme's files before they are compiled: each by its path inside
/// `templates/` or `static/`, with the name shown to users.
struct Files {
    /// `[settings]` of `theme.toml`: every setting the theme reads.
    declared: Option<toml::Table>,
    templates: BTreeMap<String, (String, Source)>,
    statics: BTreeMap<String, (String, Source)>,
}

impl Files {
    /// The theme in `themes/<name>/`.
    fn folder(root: &Path, theme_dir: &Path, errors: &mut Vec<Diagnostic>) -> Files {
        let declared = match read_theme_file(root, theme_dir) {
            Ok(t) => t.settings,
            Err(d) => {
                errors.push(d);
                None
            }
        };
        Files {
            declared,
            templates: on_disk(root, &theme_dir.join("templates"), errors),
            statics: on_disk(root, &theme_dir.join("static"), errors),
        }
    }

    /// The default theme built into docket.
    fn built_in() -> Files {
        let part = |folder: &str| -> BTreeMap<String, (String, Source)> {
            embedded::DEFAULT_THEME
                .iter()
                .filter_map(|(path, bytes)| {
                    let name = path.strip_prefix(folder)?.strip_prefix('/')?;
                    let shown = format!("{}/{path}", embedded::SHOWN_AS);
                    Some((name.to_string(), (shown, Source::BuiltIn(bytes))))
                })
                .collect()
        };
        Files {
            declared: Some(embedded::default_settings()),
            templates: part("templates"),
            statics: part("static"),
        }
    }
}

/// The default theme built into docket, compiled with its own settings:
/// for rendering in memory, where no site folder is read.
pub fn built_in() -> Result<Theme, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let theme = compile(
        embedded::NAME,
        &toml::Table::new(),
        Files::built_in(),
        &mut errors,
    );
    if errors.is_empty() {
        Ok(theme)
    } else {
        Err(errors)
    }
}

/// Reads the templates and compiles them, with the settings of the theme
/// and the site's (`site_settings`) over them.
fn compile(
    name: &str,
    site_settings: &toml::Table,
    files: Files,
    errors: &mut Vec<Diagnostic>,
) -> Theme {
    let mut sources = BTreeMap::new();
    for (name, (file, source)) in files.templates {
        let text = match &source {
            Source::Disk(path) => crate::sitefs::read_to_string(path),
            Source::BuiltIn(bytes) => String::from_utf8(bytes.to_vec())
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        match text {
            Ok(text) => {
                sources.insert(name, TemplateFile { file, text });
            }
            Err(e) => errors.push(read_error(format!("cannot read template {file}: {e}"), &e)),
        }
    }
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    let raw: Vec<(String, String)> = sources
        .iter()
        .map(|(n, t)| (n.clone(), t.text.clone()))
        .collect();
    let mut theme = Theme {
        name: name.to_string(),
        tera: Tera::default(),
        static_files: files
            .statics
            .into_iter()
            .map(|(k, (_, source))| (k, source))
            .collect(),
        templates: sources,
        settings: files.declared.clone().unwrap_or_default(),
        warnings: Vec::new(),
    };
    if let Err(e) = tera.add_raw_templates(raw) {
        errors.push(template_error(theme.explain(&e)));
    }
    theme.tera = tera;
    merge(&mut theme.settings, site_settings);
    theme
}

/// The themes of a site: real folders of `themes/` with a `templates/`
/// folder, links left out.
fn available(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(THEMES_DIR))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| {
                    std::fs::symlink_metadata(e.path().join("templates")).is_ok_and(|m| m.is_dir())
                })
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn not_found(root: &Path, config: &Config) -> Diagnostic {
    let available = available(root);
    let help = match nearest(&config.theme, available.iter().map(String::as_str)) {
        Some(near) => format!(
            "did you mean theme = \"{near}\"? (themes in this site: {})",
            available.join(", ")
        ),
        None if available.is_empty() => "a theme is a folder themes/<name>/ with templates/ and static/; theme = \"default\" is built into docket, and `docket new site DIR --eject-theme` writes a copy of it to start from".to_string(),
        None => format!("themes in this site: {}", available.join(", ")),
    };
    Diagnostic::new(
        Severity::Error,
        Code::Config,
        config.spans.theme,
        format!(
            "theme \"{}\" not found: there is no folder themes/{}/templates",
            config.theme, config.theme
        ),
    )
    .label("no such theme")
    .help(help)
}

fn read_theme_file(root: &Path, theme_dir: &Path) -> Result<ThemeFile, Diagnostic> {
    let path = theme_dir.join(THEME_FILE);
    let Some(text) = crate::sitefs::read_site_file(root, &path)? else {
        return Ok(ThemeFile::default());
    };
    toml::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        let text = text.trim_start_matches('\u{feff}');
        let at = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!(":{line}:{col}")
            })
            .unwrap_or_default();
        Diagnostic::new(
            Severity::Error,
            Code::Config,
            None,
            format!(
                "{}{at}: {}",
                crate::source::display_name(root, &path),
                e.message().trim()
            ),
        )
        .help("theme.toml may hold description = \"…\" and a [settings] table of defaults")
    })
}

/// Puts `over` on top of `base`, table by table: a setting the site gives
/// replaces the theme's default, and a table merges with the theme's.
pub fn merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// A warning for each key of `[theme_settings]` that the theme does not
/// declare: most likely a typo, which would otherwise do nothing silently.
fn unknown_settings(config: &Config, declared: &toml::Table) -> Vec<Diagnostic> {
    config
        .theme_settings
        .keys()
        .filter(|k| !declared.contains_key(*k))
        .map(|k| {
            let span = config.spans.settings.get(k).copied();
            let help = match nearest(k, declared.keys().map(String::as_str)) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!(
                    "the settings of theme \"{}\" are {}",
                    config.theme,
                    declared
                        .keys()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Diagnostic::new(
                Severity::Warning,
                Code::UnknownSetting,
                span,
                format!("theme \"{}\" has no setting `{k}`", config.theme),
            )
            .label("not a setting of this theme")
            .help(help)
        })
        .collect()
}

/// Escapes text for HTML element content and quoted attribute values.
/// Unlike Tera's default it leaves `/` alone, so URLs stay readable.
pub fn escape_html(s: &str) -> String {
    crate::escape::html(s)
}

pub fn template_error(message: String) -> Diagnostic {
    Diagnostic::new(Severity::Error, Code::Template, None, message)
        .help("fix the template at the place named above (Tera gives no line for some errors: then the line shown is where the name in backticks is first used)")
}

/// A theme file that cannot be read: an I/O failure ([`Code::Io`], exit
/// code 2), unless it is only not UTF-8, which is the theme's to fix.
fn read_error(message: String, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::InvalidData {
        template_error(message)
    } else {
        Diagnostic::new(Severity::Error, Code::Io, None, message)
    }
}

impl Theme {
    /// Says where a Tera error is, `file:line:column: cause`, as precisely
    /// as can be found: Tera gives the line of syntax errors; for errors
    /// while rendering it names the template and, in backticks, the name at
    /// fault, which is looked up in that template's text.
    pub fn explain(&self, e: &tera::Error) -> String {
        let mut messages = vec![e.to_string()];
        let mut cur = std::error::Error::source(e);
        while let Some(c) = cur {
            messages.push(c.to_string());
            cur = c.source();
        }
        // The innermost template named is where the error is.
        let name = messages
            .iter()
            .rev()
            .find_map(|m| quoted_template(m))
            .unwrap_or_default();
        let cause = messages
            .last()
            .map(|m| m.trim().to_string())
            .unwrap_or_default();
        let Some(t) = self.templates.get(&name) else {
            if let Some(missing) = cause
                .strip_prefix("Template '")
                .and_then(|c| c.strip_suffix("' not found"))
            {
                return format!(
                    "theme \"{}\" has no template {missing}: add it to themes/{}/templates/ or to the site's templates/ (the default theme's is a starting point)",
                    self.name, self.name
                );
            }
            return crate::error::chain(e);
        };
        // Syntax errors: pest's " --> line:col" and its excerpt.
        if let Some(pos) = cause.find("--> ") {
            let rest = &cause[pos + 4..];
            let lc: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ':')
                .collect();
            let detail = rest[lc.len()..].trim_start_matches(' ');
            let detail = detail.strip_prefix('\n').unwrap_or(detail);
            return format!("{}:{lc}: syntax error\n{detail}", t.file);
        }
        let cause = cause
            .split(" while rendering '")
            .next()
            .unwrap_or(&cause)
            .to_string();
        let at = backticked(&cause)
            .and_then(|needle| self.locate(&name, needle))
            .map(|(file, line, col)| format!("{file}:{line}:{col}"))
            .unwrap_or_else(|| t.file.clone());
        format!("{at}: {cause}")
    }

    /// The first place `needle` is written: in template `name`, else in any
    /// template (an error in a parent or an imported macro file).
    fn locate(&self, name: &str, needle: &str) -> Option<(&str, usize, usize)> {
        let find = |t: &'_ TemplateFile| {
            t.text.find(needle).map(|at| {
                let before = &t.text[..at];
                let line = before.matches('\n').count() + 1;
                let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                    .chars()
                    .count()
                    + 1;
                (line, col)
            })
        };
        let own = self.templates.get(name)?;
        if let Some((l, c)) = find(own) {
            return Some((own.file.as_str(), l, c));
        }
        self.templates
            .values()
            .find_map(|t| find(t).map(|(l, c)| (t.file.as_str(), l, c)))
    }
}

/// `x` in "… 'x' …": the template a Tera message names.
fn quoted_template(message: &str) -> Option<String> {
    let start = message.rfind("rendering '").map(|i| i + 11).or_else(|| {
        ["render '", "parse '"]
            .iter()
            .find_map(|p| message.find(p).map(|i| i + p.len()))
    })?;
    let rest = &message[start..];
    rest.find('\'').map(|end| rest[..end].to_string())
}

/// The first name in backticks, without a filter or call around it.
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    let s = message[start..start + len].trim();
    (!s.is_empty()).then_some(s)
}

/// Regular files below `dir`, keyed by their `/`-separated relative path,
/// with the path shown to users (relative to the site folder). Links are
/// reported in `errors` and left out.
fn on_disk(
    root: &Path,
    dir: &Path,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, (String, Source)> {
    let found = crate::sitefs::files(root, dir, crate::sitefs::Hidden::Include, errors);
    found
        .files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(dir).ok()?;
            let key = crate::source::display_name(Path::new(""), rel);
            Some((
                key,
                (crate::source::display_name(root, &path), Source::Disk(path)),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_settings_go_over_theme_defaults_table_by_table() {
        let mut base: toml::Table = toml::from_str("a = 1\nb = 2\n[t]\nx = 1\ny = 2").unwrap();
        let over: toml::Table = toml::from_str("b = 3\nc = 4\n[t]\ny = 5").unwrap();
        merge(&mut base, &over);
        let want: toml::Table = toml::from_str("a = 1\nb = 3\nc = 4\n[t]\nx = 1\ny = 5").unwrap();
        assert_eq!(base, want);
    }

    #[test]
    fn finds_the_template_and_name_in_tera_messages() {
        assert_eq!(
            quoted_template("Variable `a.b` not found in context while rendering 'policy.html'")
                .as_deref(),
            Some("policy.html")
        );
        assert_eq!(
            quoted_template("Failed to parse 'term.html'").as_deref(),
            Some("term.html")
        );
        assert_eq!(
            backticked("Variable `policy.titel` not found"),
            Some("policy.titel")
        );
    }
}
