//! One entry file through the whole pipeline, in memory: what the fuzz
//! target (`fuzz/`) and the mutation test (`tests/mutations.rs`) run.
//!
//! The bytes are read as an entry of each kind in turn, in a site whose
//! `docket.toml` controls every vocabulary and which holds one other policy
//! to refer to: decoded, split, parsed, checked, linked, its body rendered
//! and its page rendered with the built-in default theme; then the
//! diagnostics are printed in every format. Whatever the bytes, this must
//! end without a panic.
//!
//! [`fuzz_relations`] reads bytes as a shape of relations instead
//! ([`relations`]) and holds the size of the whole site built from it to a
//! bound linear in its entries and relations.

use std::path::Path;
use std::sync::OnceLock;

use codespan_reporting::term::termcolor::NoColor;

use crate::content::{self, meta, split, Corpus, Entry, Kind};
use crate::diag::{self, Diagnostics, Format};
use crate::render::{self, Renderer, Rows, Theme};
use crate::site::markdown;
use crate::site::paths::Page;
use crate::site::Derived;
use crate::source::{FileId, SourceFile, Sources};

pub mod relations;

pub use relations::Shape;

const CONFIG: &str = r#"title = "Fuzz"
base_url = "https://example.org/"
[vocabulary]
administrations = ["Obama", "Trump 1.0", "Biden", "Trump 2.0"]
statuses = ["Proposed", "Final/Actual", "In Litigation"]
actions = ["Presidential Order", "Rule", "Agency Directive"]
current_statuses = ["Fully in Effect", "Not in Effect"]
subjects = ["Border", "Detention", "Interior Enforcement"]
agencies = ["CBP", "DHS", "ICE", "USCIS"]
filings = ["Complaint", "Ruling", "Appeal"]
"#;

/// A policy for the entry to refer to, supersede or be challenged with.
const OTHER: &str = "+++\nid = 1400\ntitle = \"EO 14159\"\nadministration = \"Trump 2.0\"\n\
announced = 2025-01-20\nstatus = [\"Final/Actual\"]\naction = \"Presidential Order\"\n\
subjects = [\"Border\"]\nagencies = [\"DHS\"]\n+++\nThe order.\n";

/// Runs `bytes` through the pipeline as an entry of every kind.
pub fn fuzz_entry(bytes: &[u8]) {
    // The splitter alone, and Markdown on the whole text, whatever it holds.
    let text = String::from_utf8_lossy(bytes);
    let _ = split::split(&text);
    let _ = markdown::render(&text, false, crate::site::Html::Write, &|_| {
        markdown::Target::Keep
    });
    for kind in Kind::ALL {
        one_kind(kind, bytes);
    }
}

fn one_kind(kind: Kind, bytes: &[u8]) {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let config_file = sources.add(SourceFile::new(
        "docket.toml".into(),
        "docket.toml".into(),
        CONFIG.into(),
    ));
    let Some(config) = crate::config::parse(&sources, config_file, &mut diags) else {
        return;
    };
    let mut corpus = Corpus::default();
    let mut ds = Vec::new();

    let other_file = FileId(sources.len() as u32);
    let other = SourceFile::new(
        "content/policies/1400.md".into(),
        "content/policies/1400.md".into(),
        OTHER.into(),
    );
    if let Some(Entry::Policy(p)) =
        meta::parse(Kind::Policy, other_file, &other, &config, &mut ds).entry
    {
        corpus.policies.push(p);
    }
    sources.add(other);

    let file = FileId(sources.len() as u32);
    let name = format!("content/{}/fuzz.md", kind.dir());
    let (source, readable) = content::decode(
        name.clone(),
        Path::new(&name),
        bytes.to_vec(),
        file,
        &mut ds,
    );
    if readable {
        let parsed = meta::parse(kind, file, &source, &config, &mut ds);
        match parsed.entry {
            Some(Entry::Policy(p)) => corpus.policies.push(p),
            Some(Entry::CourtAction(c)) => corpus.court_actions.push(c),
            Some(Entry::Commentary(c)) => corpus.commentary.push(c),
            None => corpus.unparsed_bodies.extend(parsed.body),
        }
    }
    sources.add(source);
    diags.extend(ds);
    corpus.policies.sort_by_key(|p| p.id);

    let site = crate::pipeline::link(Path::new("fuzz"), config, sources, corpus, &mut diags);
    let derived = Derived::new(&site, &mut diags);
    if let Some(theme) = theme() {
        let model = derived.model(&site);
        let rows = Rows::new(&model);
        let renderer = Renderer {
            theme,
            rows: &rows,
            downloads: None,
        };
        // The entry pages, not the lists and vocabulary pages: they are what
        // an entry's content reaches, and rendering all pages would make
        // each run several times slower.
        let pages: Vec<Page> = model
            .pages()
            .into_iter()
            .filter(|page| {
                matches!(
                    page,
                    Page::Policy(_) | Page::CourtAction(_) | Page::Commentary(_) | Page::Case(_)
                )
            })
            .collect();
        let _ = renderer.render_all(&model, &pages, &|_| Ok::<(), ()>(()), &mut diags);
    }
    for format in [Format::Human, Format::Json, Format::Github] {
        let mut out = NoColor::new(Vec::new());
        let _ = diag::emit(&mut out, format, &site.sources, &diags);
    }
}

/// Builds the site of the relations `bytes` describe in memory, every
/// page and generated file, and panics if it is larger than its bound
/// ([`relations::BYTES_PER_ENTRY`] and [`relations::BYTES_PER_RELATION`]).
pub fn fuzz_relations(bytes: &[u8]) -> Shape {
    let shape = relations::build(bytes);
    assert!(
        shape.bytes <= shape.bound,
        "{} entries and {} relations made {} bytes, more than their bound of {}",
        shape.entries,
        shape.relations,
        shape.bytes,
        shape.bound
    );
    shape
}

/// The default theme, compiled once: compiling it on every run would
/// take most of the fuzzer's time.
fn theme() -> Option<&'static Theme> {
    static THEME: OnceLock<Option<Theme>> = OnceLock::new();
    THEME
        .get_or_init(|| render::theme::built_in().ok())
        .as_ref()
}
