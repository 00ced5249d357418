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
//! Tera 2's errors carry the template, line and column of their cause;
//! [`Theme::explain`] turns them into `file:line:column: cause`, the file
//! being the one that was actually used (the site's override or the theme's).
//! A theme written for Tera 1 (docket before 0.2) fails to load: [`load`]
//! says so, at each `{% macro %}`, `{% import %}` and `m::name()` call.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// The row templates that render once for every depth of folder, with
    /// `root` marked ([`super::marked`]).
    pub marked_rows: Tera,
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
    /// The size of the last page each template made, by template: what
    /// the next one's buffer starts at ([`Theme::page_buffer`]).
    page_sizes: BTreeMap<String, AtomicUsize>,
    /// Whether the HTML docket makes for pages (a lineage's picture, a
    /// citation) is written: not for pages that are discarded.
    pub html: crate::site::Html,
}

impl Theme {
    /// Whether the theme has the template `name`.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// An empty buffer for a page of `template`, as large as the last page
    /// it made and a quarter more. Pages of one template are of about one
    /// size, and one grown from Tera's guess (the template's own length)
    /// was copied again at each doubling.
    pub fn page_buffer(&self, template: &str) -> Vec<u8> {
        let last = self
            .page_sizes
            .get(template)
            .map_or(0, |s| s.load(Ordering::Relaxed));
        Vec::with_capacity(last + last / 4)
    }

    /// Notes the size of a page `template` made, for [`Theme::page_buffer`].
    /// Pages are made on many threads at once: which of them was last only
    /// changes where a buffer starts, never what is written.
    pub fn made_page(&self, template: &str, len: usize) {
        if let Some(s) = self.page_sizes.get(template) {
            s.store(len, Ordering::Relaxed);
        }
    }

    /// The theme as `check` renders with it: what a page writes into
    /// [`super::Discard`] is not escaped, since nothing of it is kept, and
    /// the HTML docket pastes into pages (lineages' pictures, citations) is
    /// not made ([`crate::site::Html::Skip`]).
    pub fn discarding(mut self) -> Theme {
        self.tera.set_escape_fn(super::escape_unless_discarded);
        self.html = crate::site::Html::Skip;
        self
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
    let mut tera = new_tera();
    let raw: Vec<(String, String)> = sources
        .iter()
        .map(|(n, t)| (n.clone(), t.text.clone()))
        .collect();
    let mut theme = Theme {
        name: name.to_string(),
        tera: Tera::default(),
        marked_rows: Tera::default(),
        static_files: files
            .statics
            .into_iter()
            .map(|(k, (_, source))| (k, source))
            .collect(),
        templates: sources,
        settings: files.declared.clone().unwrap_or_default(),
        html: crate::site::Html::Write,
        warnings: Vec::new(),
        page_sizes: BTreeMap::new(),
    };
    if let Err(e) = tera.add_raw_templates(raw) {
        match theme.tera1_syntax() {
            Some(d) => errors.push(d),
            // One diagnostic per error: loading reports them all at once.
            None => errors.extend(
                theme
                    .explain(&e)
                    .lines()
                    .map(|l| template_error(l.to_string())),
            ),
        }
    }
    theme.page_sizes = theme
        .templates
        .keys()
        .map(|name| (name.clone(), AtomicUsize::new(0)))
        .collect();
    theme.tera = tera;
    theme.marked_rows = super::marked::compile(&theme.templates);
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

/// A Tera instance as every theme is rendered with: docket's escape for
/// HTML (`&#39;` for `'`, `/` left alone, so URLs stay readable) and the
/// filters docket adds. Filters come before templates: Tera 2 checks, as it
/// loads them, that every filter, test, function and component exists.
pub fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.set_escape_fn(crate::escape::write_html);
    tera.register_filter("json_encode", json_encode);
    tera
}

/// `value | json_encode`: Tera 1 had it built in; Tera 2 moved it to the
/// tera-contrib crate, and docket has serde_json already.
fn json_encode(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    serde_json::to_string(value).map_err(|e| tera::Error::message(format!("json_encode: {e}")))
}

pub fn template_error(message: String) -> Diagnostic {
    Diagnostic::new(Severity::Error, Code::Template, None, message)
        .help("fix the template at the place named above")
}

/// The Tera 1 syntax that Tera 2 no longer reads, first in `text`: `{% macro %}`,
/// `{% import %}` and a call of an imported macro (`m::pager(…)`), as
/// (line, column, what it is). Only asked when loading failed, so text that
/// merely looks like it can never stop a theme that loads.
pub fn tera1_construct(text: &str) -> Option<(usize, usize, &'static str)> {
    let at = |i: usize| {
        let before = &text[..i];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |n| n + 1)..]
            .chars()
            .count()
            + 1;
        (line, col)
    };
    let mut found: Option<(usize, &'static str)> = None;
    let mut keep = |i: usize, what: &'static str| {
        if found.is_none_or(|(j, _)| i < j) {
            found = Some((i, what));
        }
    };
    for (open, _) in text.match_indices("{%") {
        let rest = text[open + 2..].trim_start_matches('-').trim_start();
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let what = match word.as_str() {
            "macro" | "endmacro" => "`{% macro %}`",
            "import" => "`{% import %}`",
            _ => continue,
        };
        keep(text.len() - rest.len(), what);
    }
    for (open, _) in text.match_indices("{{") {
        let inside = &text[open..text[open..].find("}}").map_or(text.len(), |e| open + e)];
        if let Some(sep) = inside.find("::") {
            let name_end = inside[sep + 2..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map(|n| sep + 2 + n);
            if name_end.is_some_and(|e| inside[e..].trim_start().starts_with('(')) {
                let start = inside[..sep]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |n| n + 1);
                keep(open + start, "a macro call (`m::name(…)`)");
            }
        }
    }
    found.map(|(i, what)| {
        let (line, col) = at(i);
        (line, col, what)
    })
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

/// The `--> name:line:column` of each report in a Tera 2 message, with the
/// report's first line (`error: …` or `note: called from …`) before it.
fn report_locations(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    let mut head = "";
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            head = m;
        } else if let Some(m) = line.strip_prefix("note: called from ") {
            // The note's location is on its own line: `note: called from name:l:c`.
            if let Some((name, l, c)) = split_location(m) {
                out.push(("called from".to_string(), name, l, c));
            }
        } else if let Some(loc) = line.trim_start().strip_prefix("--> ") {
            if let Some((name, l, c)) = split_location(loc) {
                out.push((head.to_string(), name, l, c));
            }
        }
    }
    out
}

/// `name:line:column`, the name possibly holding `:` itself.
fn split_location(s: &str) -> Option<(String, usize, usize)> {
    let mut parts = s.trim().rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, col))
}

impl Theme {
    /// The file a template was read from (`templates/x.html` or
    /// `themes/<name>/templates/x.html`), or its name.
    fn file<'a>(&'a self, name: &'a str) -> &'a str {
        self.templates.get(name).map_or(name, |t| t.file.as_str())
    }

    /// Says where a Tera error is, `file:line:column: cause`, one line for
    /// each error (loading reports every unknown filter or component at
    /// once). Tera 2 gives the template, line and column of every syntax,
    /// validation and rendering error; an error in a component adds where
    /// the component was called from.
    pub fn explain(&self, e: &tera::Error) -> String {
        use tera::ErrorKind as K;
        match e.kind() {
            K::SyntaxError(r) => format!(
                "{}:{}:{}: syntax error: {}",
                self.file(r.filename()),
                r.span().start_line,
                r.span().start_col + 1,
                r.message()
            ),
            K::RenderingError(r) => {
                let mut s = format!(
                    "{}:{}:{}: {}",
                    self.file(r.filename()),
                    r.span().start_line,
                    r.span().start_col + 1,
                    r.message()
                );
                for (_, name, l, c) in report_locations(&e.to_string())
                    .into_iter()
                    .filter(|(head, ..)| head == "called from")
                {
                    s.push_str(&format!(" (called from {}:{l}:{c})", self.file(&name)));
                }
                s
            }
            K::Msg(m) if m.starts_with("error: ") => report_locations(m)
                .into_iter()
                .map(|(msg, name, l, c)| format!("{}:{l}:{c}: {msg}", self.file(&name)))
                .collect::<Vec<_>>()
                .join("\n"),
            K::MissingParent { current, parent } => format!(
                "{}: extends \"{parent}\", which theme \"{}\" does not have",
                self.file(current),
                self.name
            ),
            K::TemplateNotFound(missing) => format!(
                "theme \"{}\" has no template {missing}: add it to themes/{}/templates/ or to the site's templates/ (the default theme's is a starting point)",
                self.name, self.name
            ),
            _ => crate::error::chain(e),
        }
    }

    /// One error for a theme written for Tera 1 (docket before 0.2): where
    /// its first `{% macro %}`, `{% import %}` or macro call is, and how
    /// many templates have one. `None` when no template has any.
    fn tera1_syntax(&self) -> Option<Diagnostic> {
        let mut old: Vec<String> = self
            .templates
            .values()
            .filter_map(|t| {
                let (line, col, what) = tera1_construct(&t.text)?;
                Some(format!("{}:{line}:{col}: {what}", t.file))
            })
            .collect();
        if old.is_empty() {
            return None;
        }
        let first = old.remove(0);
        let others = match old.len() {
            0 => String::new(),
            1 => " (and 1 other template)".to_string(),
            n => format!(" (and {n} other templates)"),
        };
        Some(
            Diagnostic::new(
                Severity::Error,
                Code::Template,
                None,
                // The first template may be the site's own (`templates/`)
                // rather than the theme's: its path says which.
                format!("{first} is Tera 1 syntax: the template was written for an older docket{others}"),
            )
            .help("macros are now components: `{% component name(arg, @root) %}…{% endcomponent name %}`, called as `{{<name arg={value} />}}`, with no `{% import %}`; see \"Upgrading a theme to Tera 2\" in the book's \"Themes and templates\""),
        )
    }
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
    fn finds_tera_1_syntax() {
        assert_eq!(
            tera1_construct("a\n{% macro x() %}{% endmacro %}"),
            Some((2, 4, "`{% macro %}`"))
        );
        assert_eq!(
            tera1_construct("{%- import \"m.html\" as m %}"),
            Some((1, 5, "`{% import %}`"))
        );
        assert_eq!(
            tera1_construct("<p>\n  {{ m::pager(pager=pager) }}"),
            Some((2, 6, "a macro call (`m::name(…)`)"))
        );
        assert_eq!(
            tera1_construct("{{<pager pager />}} a::b {% if x %}{% endif %}"),
            None
        );
    }

    #[test]
    fn reads_locations_in_tera_reports() {
        let text = "error: Unknown filter `shout`\n --> term.html:3:16\n  |\n\nerror: x\n  --> a:b.html:10:2\n\nnote: called from c.html:1:3\n";
        assert_eq!(
            report_locations(text),
            vec![
                (
                    "Unknown filter `shout`".to_string(),
                    "term.html".to_string(),
                    3,
                    16
                ),
                ("x".to_string(), "a:b.html".to_string(), 10, 2),
                ("called from".to_string(), "c.html".to_string(), 1, 3),
            ]
        );
    }
}
