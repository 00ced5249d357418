//! `docket.toml`: the site's settings and its controlled vocabularies.
//!
//! Pure data: run modes (drafts, output folder, serve) are command-line
//! options and never live here.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use toml::de::{DeTable, DeValue, Deserializer};
use toml::Spanned;

use crate::diag::{nearest, Code, Diagnostic, Diagnostics, Severity};
use crate::source::{FileId, SourceFile, Sources, Span};

pub mod fields;
mod force;
pub mod relations;
mod settings;
pub mod tones;
mod vocabulary;

pub use fields::{Field, FieldType, Fields, KindFields, Level};
pub use force::Force;
pub use relations::{Builtin, Builtins, Relation, Relations};
pub use settings::{check_base_url, theme_name_problem, MAX_SEARCH_DOCUMENTS_PER_FILE};

pub use tones::{Tone, Tones};
pub use vocabulary::{Vocab, Vocabulary};

pub const FILE_NAME: &str = crate::source::CONFIG_FILE;

/// `docket.toml` as written, `[vocabulary]` apart (it is read on its own,
/// so that its bad values point at themselves).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    description: Option<String>,
    language: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    unsafe_html: Option<bool>,
    entry_json: Option<bool>,
    policy_feeds: Option<bool>,
    search_documents_per_file: Option<Spanned<i64>>,
    theme_settings: Option<toml::Table>,
}

/// The keys of `docket.toml`, each with an example for the help of a
/// diagnostic about it.
const KEYS: &[(&str, &str)] = &[
    ("title", "title = \"Immigration Policy Tracker\""),
    ("base_url", "base_url = \"https://example.org/tracker/\""),
    ("description", "description = \"What the site tracks\""),
    ("language", "language = \"en\""),
    ("theme", "theme = \"default\""),
    ("unsafe_html", "unsafe_html = false"),
    ("entry_json", "entry_json = true"),
    ("policy_feeds", "policy_feeds = false"),
    ("search_documents_per_file", "search_documents_per_file = 4"),
    (
        "vocabulary",
        "[vocabulary] with lists like subjects = [\"Border\"]",
    ),
    (
        "theme_settings",
        "[theme_settings] with the theme's settings",
    ),
    ("lints", "[lints] with lines like W-unlinked = \"warn\""),
    (
        "force",
        "[force] with lists like ending_statuses = [\"Rescinded\"]",
    ),
    ("tones", "[tones] with lists like ended = [\"Rescinded\"]"),
    (
        "fields",
        "[fields.policy] with lines like subjects = \"optional\"",
    ),
    (
        "relations",
        "[relations.revokes] with inverse = \"Revoked by\"",
    ),
];

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute URL of the published site, always ending in `/`; used only
    /// where an absolute URL is required.
    pub base_url: Option<String>,
    pub description: String,
    pub language: String,
    pub theme: String,
    /// Lets raw HTML in Markdown through unsanitised.
    pub unsafe_html: bool,
    /// Writes each entry's record as JSON beside its page
    /// (`policies/1491/index.json`). Off by default: the record is in the
    /// data exports, and the files are a third of a site's files.
    pub entry_json: bool,
    /// Writes an Atom feed of each policy's developments beside its page
    /// (`policies/1491/feed.xml`), which its page links to as "Follow this
    /// policy". On by default; a site of many policies that does not want
    /// a file per policy turns it off (a site without a `base_url` has no
    /// feeds at all).
    pub policy_feeds: bool,
    /// How many entries each document file of the search index holds
    /// (`search/d<n>.js`), 1 to [`MAX_SEARCH_DOCUMENTS_PER_FILE`]: one by
    /// default, so that a result shown loads its own text and no other;
    /// more make fewer files, for hosts that count them, at the cost of
    /// more bytes per result.
    pub search_documents_per_file: usize,
    pub vocabulary: Vocabulary,
    pub theme_settings: toml::Table,
    /// The levels of warnings, from `[lints]` (the command line's are
    /// added by [`crate::pipeline::load_config`]).
    pub lints: crate::diag::lints::Lints,
    /// `[force]`: which statuses start and end a policy's periods in force.
    pub force: Force,
    /// `[tones]`: what each status says of a policy's standing.
    pub tones: Tones,
    /// `[fields]`: which keys each kind of entry has.
    pub fields: Fields,
    /// `[relations]`: the relations between policies beyond `supersedes`
    /// and `implements`.
    pub relations: Relations,
    pub file: FileId,
    /// Where some values are written, for diagnostics found after loading.
    pub spans: Spans,
}

/// Places in `docket.toml` that later stages point at.
#[derive(Debug, Clone)]
pub struct Spans {
    /// The `theme` value, if written.
    pub theme: Option<Span>,
    /// Each key of `[theme_settings]`.
    pub settings: BTreeMap<String, Span>,
}

/// Reads `docket.toml` from the site root. Problems become diagnostics; `None`
/// means the site cannot be loaded at all.
pub fn load(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join(FILE_NAME);
    let text = match crate::sitefs::read_site_file(root, &path) {
        Ok(Some(t)) => t,
        Ok(None) => {
            diags.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::Io,
                    None,
                    format!("cannot read {}: there is no such file", path.display()),
                )
                .help(
                    "run docket in a site folder (one with a docket.toml), or name it with --root",
                ),
            );
            return None;
        }
        Err(d) => {
            diags.push(d.help(
                "run docket in a site folder (one with a docket.toml), or name it with --root",
            ));
            return None;
        }
    };
    // Replaced before parsing, so that neither the settings nor the
    // excerpts of diagnostics carry one to a page or a terminal.
    let file = crate::source::FileId(sources.len() as u32);
    let mut found = Vec::new();
    let text = crate::sitefs::replace_controls(text, file, &mut found);
    diags.extend(found);
    let file = sources.add(SourceFile::new(FILE_NAME.into(), path, text));
    parse(sources, file, diags)
}

/// Reads the text of `docket.toml`, already in `sources` as `file`. Every
/// problem is reported at its place; the settings come back unless the file
/// is not TOML at all, so that the content is checked in the same run.
pub(crate) fn parse(sources: &Sources, file: FileId, diags: &mut Diagnostics) -> Option<Config> {
    let text = &sources.get(file).text;
    let at = |r: Range<usize>| Span::new(file, r);
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            diags.push(syntax_error(
                text,
                at(e.span().unwrap_or(0..0)),
                e.message(),
            ));
        }
        return None;
    }
    let whole = table.span();
    let mut map = table.into_inner();
    unknown_keys(&mut map, KEYS, "", file, diags);
    let fields = map.remove("fields");
    let own_names = fields::vocabulary_names(fields.as_ref());
    let (vocabulary, own) = vocabulary::read(map.remove("vocabulary"), &own_names, file, diags);
    let relations = map.remove("relations");
    let force = map.remove("force");
    let tones = map.remove("tones");
    let lints = map
        .remove("lints")
        .map(|v| crate::diag::lints::read(v, file, diags))
        .unwrap_or_default();
    let settings = setting_spans(&map, file);
    let raw: RawConfig = read_table(Spanned::new(whole, map), KEYS, "", file, diags);
    let mut config = settle(raw, vocabulary, settings, file, diags);
    config.vocabulary.own = own;
    config.lints = lints;
    config.force = force
        .map(|f| force::read(f, &config.vocabulary, file, diags))
        .unwrap_or_default();
    config.fields = fields
        .map(|f| fields::read(f, &config.vocabulary, file, diags))
        .unwrap_or_default();
    // A site that records no current status names only statuses' tones.
    let no_current = config.fields.absent(Vocab::CurrentStatuses);
    config.tones = tones
        .map(|t| tones::read(t, &config.vocabulary, no_current, file, diags))
        .unwrap_or_default();
    let fields_of = |kind: &str| -> Vec<String> {
        config
            .fields
            .of(kind)
            .extra
            .iter()
            .map(|f| f.key.clone())
            .collect()
    };
    config.relations = relations
        .map(|r| relations::read(r, &fields_of, file, diags))
        .unwrap_or_default();
    let keys = config
        .relations
        .list
        .iter()
        .map(|r| (r.from, r.key.clone()))
        .collect();
    config.fields.declare_relations(keys);
    Some(config)
}

/// The checked settings made of what was read.
fn settle(
    raw: RawConfig,
    vocabulary: vocabulary::RawVocabulary,
    settings: BTreeMap<String, Span>,
    file: FileId,
    diags: &mut Diagnostics,
) -> Config {
    let at = |r: Range<usize>| Span::new(file, r);
    let title = match raw.title {
        Some(t) if t.get_ref().trim().is_empty() => {
            diags.push(
                Diagnostic::error(Code::Config, at(t.span()), "the site's `title` is empty")
                    .label("no title")
                    .help("every page and feed is titled with it: write it like title = \"Immigration Policy Tracker\""),
            );
            t.into_inner()
        }
        Some(t) => t.into_inner(),
        None => {
            diags.push(
                Diagnostic::error(Code::Config, at(0..0), "docket.toml has no `title`")
                    .label("no `title` in this file")
                    .help("add the site's name, like title = \"Immigration Policy Tracker\""),
            );
            String::new()
        }
    };
    let base_url = raw.base_url.and_then(|u| {
        let span = at(u.span());
        check_base_url(u.get_ref())
            .map_err(|why| {
                diags.push(
                    Diagnostic::error(Code::Config, span, format!("base_url {why}"))
                        .label("not the address of a web site")
                        .help("write it like base_url = \"https://example.org/tracker/\""),
                )
            })
            .ok()
    });
    let language = checked(raw.language, "en", file, diags, settings::language_problem);
    let theme = raw.theme.as_ref().map(|t| at(t.span()));
    let theme_name = checked(raw.theme, "default", file, diags, |name| {
        theme_name_problem(name).map(|why| {
            (
                format!("theme \"{name}\" {why}"),
                "write the name of a folder in themes/, like theme = \"default\"".to_string(),
            )
        })
    });
    Config {
        title,
        base_url,
        description: raw.description.unwrap_or_default(),
        language,
        theme: theme_name,
        unsafe_html: raw.unsafe_html.unwrap_or(false),
        entry_json: raw.entry_json.unwrap_or(false),
        policy_feeds: raw.policy_feeds.unwrap_or(true),
        search_documents_per_file: whole(
            raw.search_documents_per_file,
            1,
            file,
            diags,
            settings::documents_per_file,
        ),
        vocabulary: vocabulary::lists(vocabulary, file, diags),
        theme_settings: raw.theme_settings.unwrap_or_default(),
        lints: crate::diag::lints::Lints::default(),
        force: Force::default(),
        tones: Tones::default(),
        fields: Fields::default(),
        relations: Relations::default(),
        file,
        spans: Spans { theme, settings },
    }
}

/// A text setting with its default, checked by `problem` (which gives the
/// message and the help); a bad value is reported at its place and kept,
/// since the build stops on the error anyway.
fn checked(
    value: Option<Spanned<String>>,
    default: &str,
    file: FileId,
    diags: &mut Diagnostics,
    problem: impl Fn(&str) -> Option<(String, String)>,
) -> String {
    let Some(value) = value else {
        return default.to_string();
    };
    if let Some((message, help)) = problem(value.get_ref()) {
        diags.push(
            Diagnostic::error(Code::Config, Span::new(file, value.span()), message)
                .label("this value")
                .help(help),
        );
    }
    value.into_inner()
}

/// A whole-number setting with its default, checked by `check` (which gives
/// the number, or the message and the help); a bad value is reported at its
/// place and the default kept.
fn whole(
    value: Option<Spanned<i64>>,
    default: usize,
    file: FileId,
    diags: &mut Diagnostics,
    check: impl Fn(i64) -> Result<usize, (String, String)>,
) -> usize {
    let Some(value) = value else {
        return default;
    };
    check(*value.get_ref()).unwrap_or_else(|(message, help)| {
        diags.push(
            Diagnostic::error(Code::Config, Span::new(file, value.span()), message)
                .label("this value")
                .help(help),
        );
        default
    })
}

/// Reports every key of `table` that `keys` does not list, with the
/// nearest known one, and removes it so that the rest can be read.
fn unknown_keys(
    table: &mut DeTable<'_>,
    keys: &[(&str, &str)],
    prefix: &str,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let known = |k: &str| keys.iter().any(|(name, _)| *name == k);
    for key in table.keys().filter(|k| !known(k.get_ref())) {
        let name = key.get_ref();
        let help = match nearest(name, keys.iter().map(|(k, _)| *k)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "the keys here are {}",
                keys.iter()
                    .map(|(k, _)| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                Code::Config,
                Span::new(file, key.span()),
                format!("unknown key `{prefix}{name}` in docket.toml"),
            )
            .label("here")
            .help(help),
        );
    }
    let unknown: Vec<_> = table
        .keys()
        .filter(|k| !known(k.get_ref()))
        .cloned()
        .collect();
    for key in unknown {
        table.remove(&key);
    }
}

/// Reads `table` into `T`. A key whose value is of the wrong kind is
/// reported at that value and left out, and the others are still read.
fn read_table<T: DeserializeOwned + Default>(
    table: Spanned<DeTable<'_>>,
    keys: &[(&str, &str)],
    prefix: &str,
    file: FileId,
    diags: &mut Diagnostics,
) -> T {
    let span = table.span();
    let mut map = table.into_inner();
    let read = |m: DeTable<'_>| T::deserialize(Deserializer::from(Spanned::new(span.clone(), m)));
    if let Ok(t) = read(map.clone()) {
        return t;
    }
    let names: Vec<_> = map.keys().cloned().collect();
    for key in names {
        let mut single = DeTable::new();
        if let Some((k, v)) = map.get_key_value(&key) {
            single.insert(k.clone(), v.clone());
        }
        let Err(e) = read(single) else { continue };
        let name = key.get_ref().as_ref();
        let message = e.message().trim().to_string();
        let message = match crate::syntax::value_error(&message) {
            Some(plain) => format!("wrong kind of value for `{prefix}{name}`: {plain}"),
            None => format!("bad value for `{prefix}{name}`: {message}"),
        };
        let example = keys.iter().find(|(k, _)| *k == name).map_or("", |(_, e)| e);
        diags.push(
            Diagnostic::error(
                Code::Config,
                Span::new(file, e.span().unwrap_or(key.span())),
                message,
            )
            .label("this value")
            .help(format!("write it like {example}")),
        );
        map.remove(&key);
    }
    read(map).unwrap_or_default()
}

/// Where each key of `[theme_settings]` is written.
fn setting_spans(map: &DeTable<'_>, file: FileId) -> BTreeMap<String, Span> {
    match map.get("theme_settings").map(Spanned::get_ref) {
        Some(DeValue::Table(t)) => t
            .keys()
            .map(|k| (k.get_ref().to_string(), Span::new(file, k.span())))
            .collect(),
        _ => BTreeMap::new(),
    }
}

fn syntax_error(text: &str, span: Span, message: &str) -> Diagnostic {
    let x = crate::syntax::explain(text, span.range(), message);
    let words = x.message.replace(
        "front matter is not valid TOML",
        "docket.toml is not valid TOML",
    );
    let mut d = Diagnostic::error(Code::Config, span, words)
        .label(x.label)
        .help(x.help);
    if let Some((at, what)) = x.note {
        d = d.note(Span::new(span.file, at), what);
    }
    d
}
