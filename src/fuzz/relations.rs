//! Relation shapes: any bytes read as a graph of `supersedes`,
//! `implements` and `challenges` over up to 256 policies and 63 court
//! actions in two cases; the site built in memory, every page and generated
//! file, and their size held to a bound linear in the entries and the
//! relations. Chains, stars, circles, policies superseding later ones and
//! themselves: whatever the shape, no page may draw more than a bounded
//! part of it.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::content::{meta, Corpus, Entry, Kind};
use crate::diag::Diagnostics;
use crate::render::Rows;
use crate::site::{Derived, Output};
use crate::source::{FileId, SourceFile, Sources};

/// The bytes of a site of no entry: home, lists, vocabularies, the search
/// reader's manifest, the data files' headers, with room to spare.
pub const FIXED_BYTES: u64 = 512 * 1024;
/// The bytes an entry may add: its page (the largest lineage picture is
/// about 25 KB, and the arrows between its boxes), its JSON, its feed, its
/// rows in lists, data and search.
pub const BYTES_PER_ENTRY: u64 = 64 * 1024;
/// The bytes a relation may add: a link in the list of each side, its ids
/// in the data, a filing in a policy's feed, its arrow on a lineage's page.
pub const BYTES_PER_RELATION: u64 = 4 * 1024;

/// What one shape built to: how many entries and relations it has, the
/// bytes of every file of the site, and the bound they are held to.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub entries: usize,
    pub relations: usize,
    pub bytes: u64,
    pub bound: u64,
}

/// The relations read from the bytes: for each policy what it supersedes
/// and implements, for each court action what it challenges (positions).
#[derive(Debug, Default)]
struct Graph {
    supersedes: Vec<BTreeSet<usize>>,
    implements: Vec<BTreeSet<usize>>,
    challenges: Vec<BTreeSet<usize>>,
}

impl Graph {
    /// The first byte is the number of policies less one, the second the
    /// number of court actions; then each three bytes are a relation: its
    /// kind and its two ends. Most go from a later policy to an earlier
    /// one, as in real data; some go any way.
    fn read(bytes: &[u8]) -> Graph {
        let n = 1 + usize::from(bytes.first().copied().unwrap_or(0));
        let filings = usize::from(bytes.get(1).copied().unwrap_or(0)) % 64;
        let mut g = Graph {
            supersedes: vec![BTreeSet::new(); n],
            implements: vec![BTreeSet::new(); n],
            challenges: vec![BTreeSet::new(); filings],
        };
        for r in bytes.get(2..).unwrap_or_default().chunks_exact(3) {
            let (a, b) = (usize::from(r[1]) % n, usize::from(r[2]) % n);
            let (newer, older) = (a.max(b), a.min(b));
            match r[0] % 8 {
                0..=2 if newer != older => {
                    g.supersedes[newer].insert(older);
                }
                3 | 4 if newer != older => {
                    g.implements[newer].insert(older);
                }
                5 if filings > 0 => {
                    g.challenges[a % filings].insert(b);
                }
                6 => {
                    g.supersedes[a].insert(b);
                }
                7 => {
                    g.implements[a].insert(b);
                }
                _ => {}
            }
        }
        // A court action challenges at least one policy.
        for (j, c) in g.challenges.iter_mut().enumerate() {
            if c.is_empty() {
                c.insert(j % n);
            }
        }
        g
    }

    fn relations(&self) -> usize {
        [&self.supersedes, &self.implements, &self.challenges]
            .iter()
            .flat_map(|l| l.iter())
            .map(BTreeSet::len)
            .sum()
    }

    /// The entry files: policy `i` has id `i + 1` and is announced `i`
    /// days into 2000; court actions are in two cases.
    fn files(&self) -> Vec<(Kind, String)> {
        let day = |i: usize| {
            let d = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
            (d + chrono::Days::new(i as u64))
                .format("%Y-%m-%d")
                .to_string()
        };
        let ids = |set: &BTreeSet<usize>| {
            let v: Vec<String> = set.iter().map(|p| (p + 1).to_string()).collect();
            v.join(", ")
        };
        let mut out = Vec::new();
        for i in 0..self.supersedes.len() {
            out.push((
                Kind::Policy,
                format!(
                    "+++\nid = {}\ntitle = \"Policy {i} of a shape\"\nadministration = \"Biden\"\nannounced = {}\nstatus = [\"Proposed\"]\naction = \"Rule\"\nsubjects = [\"Border\"]\nagencies = [\"DHS\"]\nsupersedes = [{}]\nimplements = [{}]\n+++\nPolicy {i}.\n",
                    i + 1,
                    day(i),
                    ids(&self.supersedes[i]),
                    ids(&self.implements[i]),
                ),
            ));
        }
        for (j, challenges) in self.challenges.iter().enumerate() {
            out.push((
                Kind::CourtAction,
                format!(
                    "+++\nid = {}\ntitle = \"Filing {j}\"\ndate = {}\ncase = \"A v. B\"\ndocket = \"1:25-cv-0000{}\"\ncourt = \"D.D.C.\"\nfiling = \"Ruling\"\nchallenges = [{}]\n+++\nFiling {j}.\n",
                    j + 1,
                    day(j),
                    j % 2,
                    ids(challenges),
                ),
            ));
        }
        out
    }
}

/// Builds the shape `bytes` describe into memory and returns its size.
pub fn build(bytes: &[u8]) -> Shape {
    let shape = Graph::read(bytes);
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let config_file = sources.add(SourceFile::new(
        "docket.toml".into(),
        "docket.toml".into(),
        super::CONFIG.into(),
    ));
    let config = crate::config::parse(&sources, config_file, &mut diags)
        .unwrap_or_else(|| panic!("the fuzz configuration is valid: {diags:?}"));
    let mut corpus = Corpus::default();
    let mut ds = Vec::new();
    for (n, (kind, text)) in shape.files().into_iter().enumerate() {
        let name = format!("content/{}/{n}.md", kind.dir());
        let file = FileId(sources.len() as u32);
        let source = SourceFile::new(name.clone(), name.into(), text);
        match meta::parse(kind, file, &source, &config, &mut ds).entry {
            Some(Entry::Policy(p)) => corpus.policies.push(p),
            Some(Entry::CourtAction(c)) => corpus.court_actions.push(c),
            Some(Entry::Commentary(c)) => corpus.commentary.push(c),
            None => panic!("a shape's entry does not parse: {ds:?}"),
        }
        sources.add(source);
    }
    diags.extend(ds);
    let site = crate::pipeline::link(
        std::path::Path::new("fuzz"),
        config,
        sources,
        corpus,
        &mut diags,
    );
    let derived = Derived::new(&site, &mut diags);
    let model = derived.model(&site);
    let written = AtomicU64::new(0);
    let sink = |out: Output| {
        written.fetch_add(out.bytes.len() as u64, Ordering::Relaxed);
        Ok::<(), crate::error::Error>(())
    };
    let theme = super::theme().unwrap_or_else(|| panic!("the default theme compiles"));
    // Circles of supersession are errors; the pages are rendered all the
    // same, as `check` does.
    let _ = crate::pipeline::make(&model, theme, &Rows::new(&model), &sink, None, &mut diags);
    let entries = site.corpus.len();
    let relations = shape.relations();
    Shape {
        entries,
        relations,
        bytes: written.into_inner(),
        bound: FIXED_BYTES
            + BYTES_PER_ENTRY * entries as u64
            + BYTES_PER_RELATION * relations as u64,
    }
}
