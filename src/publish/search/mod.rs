//! The full-text search index, written as script files that load from
//! `file://` as well as from a web server.
//!
//! Browsers forbid `fetch()` and XHR on `file://`, so every part of the
//! index is a small JavaScript file that hands its data to the reader
//! (`window.docketSearch`) when a `<script>` tag loads it. The reader loads
//! only what a query needs:
//!
//! - `search/index.js`, the manifest: the number of documents, the first
//!   term of every term shard, the stop words, the labels of kinds;
//! - `search/t<n>.js`, term shards: consecutive runs of the sorted term
//!   dictionary of about [`TERM_SHARD_BYTES`] each, every term with its
//!   postings (document number and a precomputed BM25 score, as base-64
//!   numbers, see [`encode`]);
//! - `search/facets.js`, the kind and year of every document, for the
//!   search page's facets (see [`Facets`]);
//! - `search/d<n>.js`, document shards of one document each, or as many
//!   as the site's `search_documents_per_file` says:
//!   kind, date, title, URL, a line of facts and the text (up to
//!   [`TEXT_CHARS`] characters), for showing results with their snippets.
//!
//! A query of a few words thus loads the manifest, one term shard per word
//! (at most [`MAX_PREFIX_SHARDS`] for the word being typed) and the
//! document shards of the results shown, whatever the size of the site.
//! Off-the-shelf readers (lunr, elasticlunr, MiniSearch) load one whole
//! serialized index, which is what this design avoids.

mod count;
pub mod encode;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;

use count::{Counted, Counters};
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Date, Document, Kind};
use crate::site::dates::DateView;
use crate::site::paths;
use crate::site::{Model, Output};

/// Version of the file format, checked by the reader.
pub const FORMAT: u32 = 2;
/// Target size of a term shard, in bytes.
pub const TERM_SHARD_BYTES: usize = 24 * 1024;
/// Characters of each document's text kept for snippets: enough for the
/// whole body of most entries, so that a snippet can show any match.
pub const TEXT_CHARS: usize = 5000;
/// The word being typed is matched as a prefix once it has this many characters…
const MIN_PREFIX: usize = 2;
/// … and when the terms it could begin span at most this many shards.
pub const MAX_PREFIX_SHARDS: usize = 3;

/// Weights of the fields of a document in its score.
const TITLE: u32 = 6;
const NAME: u32 = 4;
const FACT: u32 = 2;
const BODY: u32 = 1;

/// The texts of the fields of the site's own an entry has, searched as
/// facts: a signer's name or a disposition finds the entry.
fn extra_text(extra: &[crate::content::fields::Extra]) -> Vec<(String, u32)> {
    use crate::content::fields::FieldValue;
    let mut out = Vec::new();
    for e in extra {
        match &e.value {
            FieldValue::Text(t) => out.push((t.clone(), FACT)),
            FieldValue::Term(t) => out.push((t.0.clone(), FACT)),
            FieldValue::Terms(ts) => out.extend(ts.iter().map(|t| (t.0.clone(), FACT))),
            FieldValue::List(ts) => out.extend(ts.iter().map(|t| (t.clone(), FACT))),
            FieldValue::Date(_) | FieldValue::Url(_) | FieldValue::Number(_) => {}
        }
    }
    out
}

/// What is searched: one page of the site.
struct Doc<'s> {
    kind: u8,
    date: Date,
    title: &'s str,
    url: String,
    /// One line of facts shown under the title.
    meta: String,
    /// The body, made plain text a batch of documents at a time (see
    /// [`files`]): the plain text of every body at once was a fifth of a
    /// build's peak memory.
    text: Text<'s>,
    /// Text indexed beyond title and body, with its weight.
    fields: Vec<(String, u32)>,
}

/// The text of a document's body.
enum Text<'s> {
    /// Markdown, as written.
    Markdown(&'s str),
    /// Plain text already.
    Plain(String),
}

impl Text<'_> {
    fn plain(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Text::Markdown(m) => text::plain_text(m).into(),
            Text::Plain(p) => p.as_str().into(),
        }
    }
}

/// A map with the hash function of rustc (FxHash): the index counts
/// millions of words on a large site, and SipHash, the standard one, made
/// a third of the time. No key comes from outside the site's own content.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The documents holding a term, by number, with the term's weighted
/// frequency in each.
type Postings = Vec<(u32, u32)>;

/// The number of parts the postings are built in, side by side.
const PARTS: usize = 64;

/// About this many documents are counted at a time (see [`files`]): a
/// batch is cut to hold whole document shards.
const BATCH: usize = 1024;

#[derive(Default)]
pub(super) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        // The last one to seven bytes as one word, not a step each: most
        // terms are shorter than eight bytes, and every word of every
        // body is hashed. The bytes read (two overlapping halves, or the
        // first, middle and last) tell apart any two of the same length.
        let rest = chunks.remainder();
        let n = rest.len();
        let word = if n >= 4 {
            let half = |at: usize| {
                u64::from(u32::from_le_bytes([
                    rest[at],
                    rest[at + 1],
                    rest[at + 2],
                    rest[at + 3],
                ]))
            };
            half(0) | (half(n - 4) << 32)
        } else if n > 0 {
            u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
        } else {
            return;
        };
        self.add(word);
    }

    /// The end mark `str` hashes after its bytes: one step.
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The labels of document kinds, by their number in the index.
const KINDS: [&str; 4] = ["Policy", "Court action", "Commentary", "Case"];

/// Every file of the index, each handed to `sink` as it is made.
pub fn files<E: Send>(
    model: &Model<'_>,
    sink: &(dyn Fn(Output) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let docs = documents(model);
    let english = model.site.config.language.to_lowercase().starts_with("en");
    let stop_words: &[&str] = if english { text::STOP_WORDS_EN } else { &[] };

    let stop: FastSet<&'static str> = stop_words.iter().copied().collect();
    let counters = Counters::new(&stop, english);
    // Documents are counted in parallel a batch at a time and each batch
    // goes into the postings at once: the counts of every document at once
    // were most of a build's peak memory at 100,000 entries.
    // The postings are kept in PARTS maps by the hash of their term, and
    // every map takes its terms of a batch on its own thread.
    let mut lengths: Vec<u32> = Vec::with_capacity(docs.len());
    let mut parts: Vec<FastMap<Arc<str>, Postings>> =
        (0..PARTS).map(|_| FastMap::default()).collect();
    // A document's shard needs only the beginning of its text: each batch's
    // shards are written as soon as it is counted, and its text dropped.
    // Clamped again: a config made in code is not read through its checks.
    let per_shard = model
        .site
        .config
        .search_documents_per_file
        .clamp(1, crate::config::MAX_SEARCH_DOCUMENTS_PER_FILE);
    let batch_len = BATCH / per_shard * per_shard;
    for (b, batch) in docs.chunks(batch_len).enumerate() {
        let (counted, clipped): (Vec<Counted>, Vec<String>) = batch
            .par_iter()
            .map_init(
                || counters.lend(),
                |counter, d| {
                    let body = d.text.plain();
                    counter.add(d.title, TITLE);
                    counter.add(&body, BODY);
                    for (s, w) in &d.fields {
                        counter.add(s, *w);
                    }
                    (counter.finish(), text::clip(&body, TEXT_CHARS))
                },
            )
            .unzip();
        batch
            .par_chunks(per_shard)
            .zip(clipped.par_chunks(per_shard))
            .enumerate()
            .try_for_each(|(i, (chunk, texts))| {
                let s = b * batch_len / per_shard + i;
                sink(doc_shard(s, chunk, texts))
            })?;
        let first = lengths.len() as u32;
        lengths.extend(counted.iter().map(|c| c.len));
        parts.par_iter_mut().enumerate().for_each(|(p, postings)| {
            for (doc, c) in (first..).zip(&counted) {
                for (term, f) in c.part(p) {
                    match postings.get_mut(&**term) {
                        Some(list) => list.push((doc, *f)),
                        None => {
                            postings.insert(Arc::clone(term), vec![(doc, *f)]);
                        }
                    }
                }
            }
        });
    }
    let n = docs.len() as f64;
    let avg_len = lengths.iter().map(|l| f64::from(*l)).sum::<f64>() / n.max(1.0);
    let mut terms: Vec<(Arc<str>, Postings)> = parts.into_iter().flatten().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // BM25, computed here once so that the reader only adds numbers.
    let encoded: Vec<String> = terms
        .par_iter_mut()
        .map(|(_, list)| {
            list.sort_unstable();
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let scored: Vec<(u32, u32)> = list
                .iter()
                .map(|&(doc, f)| {
                    let (k1, b) = (1.2, 0.75);
                    let f = f64::from(f);
                    let len = f64::from(lengths[doc as usize]);
                    let s = idf * f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * len / avg_len));
                    (doc, ((s * 8.0).round() as u32).clamp(1, 4095))
                })
                .collect();
            encode::postings(&scored)
        })
        .collect();

    let sizes: Vec<usize> = terms
        .iter()
        .zip(&encoded)
        .map(|((t, _), p)| t.len() + p.len() + 6)
        .collect();
    let starts = encode::cut(&sizes, TERM_SHARD_BYTES);
    // Shards go to `sink` as they are made: together they are as large as
    // the documents' text.
    starts.par_iter().enumerate().try_for_each(|(s, &start)| {
        let end = starts.get(s + 1).copied().unwrap_or(terms.len());
        sink(script(
            &paths::search_file(&format!("t{s}")),
            &format!("t({s},"),
            &term_map(&terms[start..end], &encoded[start..end]),
        ))
    })?;
    sink(script(
        &paths::search_file("facets"),
        "f(",
        &serde_json::to_string(&Facets::new(&docs)).unwrap_or_default(),
    ))?;
    let manifest = Manifest {
        v: FORMAT,
        docs: docs.len(),
        doc_shard: per_shard,
        kinds: KINDS,
        shards: starts.iter().map(|&i| &*terms[i].0).collect(),
        stop: stop_words,
        stem: english.then_some("english"),
        min_prefix: MIN_PREFIX,
        max_prefix_shards: MAX_PREFIX_SHARDS,
    };
    sink(script(
        &paths::search_file("index"),
        "i(",
        &serde_json::to_string(&manifest).unwrap_or_default(),
    ))
}

/// A JavaScript file that hands `json` to the reader.
fn script(path: &str, call: &str, json: &str) -> Output {
    Output {
        path: path.to_string(),
        bytes: format!("docketSearch.{call}{json});\n").into_bytes(),
    }
}

/// A term shard's JSON object: each term with its encoded postings, in
/// their order. Written with [`push_json`](crate::escape::push_json)
/// rather than serde_json, whose escape looks at each byte in turn: the
/// shards hold every term of the site.
fn term_map(terms: &[(Arc<str>, Postings)], encoded: &[String]) -> String {
    use crate::escape::push_json;
    let room: usize = terms
        .iter()
        .zip(encoded)
        .map(|((t, _), p)| t.len() + p.len() + 6)
        .sum();
    let mut out = String::with_capacity(room + 2);
    out.push('{');
    for (i, ((term, _), postings)) in terms.iter().zip(encoded).enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json(&mut out, term);
        out.push(':');
        push_json(&mut out, postings);
    }
    out.push('}');
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest<'a> {
    v: u32,
    docs: usize,
    doc_shard: usize,
    kinds: [&'static str; 4],
    shards: Vec<&'a str>,
    stop: &'a [&'a str],
    /// The stemmer whose stems the index holds, by the name of its script
    /// in the theme (`static/snowball-<name>.js`); none on a site in a
    /// language docket has no stemmer for.
    #[serde(skip_serializing_if = "Option::is_none")]
    stem: Option<&'static str>,
    min_prefix: usize,
    max_prefix_shards: usize,
}

/// What the search page narrows results by, for every document at once
/// (`search/facets.js`, loaded only there): `years`, runs of
/// `[year, documents]` in the order of the documents (newest first, so a
/// year is one run), and `kinds`, the kind of every document, three to a
/// base-64 digit (the first in the lowest two bits). 3.4 KB for 10,000
/// documents, where a list of their numbers would be many times that.
#[derive(Serialize)]
struct Facets {
    years: Vec<(i32, u32)>,
    kinds: String,
}

impl Facets {
    fn new(docs: &[Doc<'_>]) -> Facets {
        let mut years: Vec<(i32, u32)> = Vec::new();
        for d in docs {
            match years.last_mut() {
                Some((y, n)) if *y == d.date.year() => *n += 1,
                _ => years.push((d.date.year(), 1)),
            }
        }
        let kinds = docs
            .chunks(3)
            .map(|c| {
                let packed = c
                    .iter()
                    .enumerate()
                    .fold(0usize, |v, (i, d)| v | usize::from(d.kind & 3) << (2 * i));
                char::from(encode::DIGITS[packed])
            })
            .collect();
        Facets { years, kinds }
    }
}

/// Document shard `s`: each document of `docs` as the reader gets it,
/// `[kind, iso date, display date, title, url, facts, text]`, with the
/// beginning of its text, `texts`. Written by hand, strings escaped as
/// serde_json escapes them ([`crate::escape::push_json`]): these shards hold
/// the text of every body.
fn doc_shard(s: usize, docs: &[Doc<'_>], texts: &[String]) -> Output {
    use crate::escape::push_json;
    let room: usize = docs
        .iter()
        .zip(texts)
        .map(|(d, t)| 64 + d.title.len() + d.url.len() + d.meta.len() + t.len())
        .sum();
    let mut js = String::with_capacity(32 + room + room / 16);
    js.push_str("docketSearch.d(");
    js.push_str(&s.to_string());
    js.push_str(",[");
    for (i, (d, text)) in docs.iter().zip(texts).enumerate() {
        let date = DateView::new(d.date);
        js.push_str(if i == 0 { "[" } else { ",[" });
        js.push_str(&d.kind.to_string());
        for field in [
            date.iso.as_str(),
            &date.display,
            d.title,
            &d.url,
            &d.meta,
            text,
        ] {
            js.push(',');
            push_json(&mut js, field);
        }
        js.push(']');
    }
    js.push_str("]);\n");
    Output {
        path: paths::search_file(&format!("d{s}")),
        bytes: js.into_bytes(),
    }
}

/// Every page worth finding, newest first.
fn documents<'s>(model: &Model<'s>) -> Vec<Doc<'s>> {
    let site = model.site;
    let c = &site.corpus;
    let recorded = site.recorded();
    let sources = &site.sources;
    let docs_text = |docs: &[Document]| -> Vec<(String, u32)> {
        docs.iter().map(|d| (d.title.clone(), BODY)).collect()
    };
    let mut docs: Vec<Doc<'s>> = Vec::with_capacity(c.len() + site.graph.cases.len());
    docs.par_extend(c.policies.par_iter().map(|p| {
        let mut fields = vec![(p.id.to_string(), NAME)];
        for (name, value) in &p.identifiers {
            fields.push((value.clone(), NAME));
            fields.push((name.clone(), FACT));
        }
        let tags = p
            .administration
            .iter()
            .chain(&p.action)
            .chain(&p.status)
            .chain(&p.subjects)
            .chain(&p.agencies)
            .chain(&p.current_status);
        fields.extend(tags.map(|t| (t.0.clone(), FACT)));
        fields.extend(docs_text(&p.documents));
        fields.extend(extra_text(&p.common.extra));
        Doc {
            kind: 0,
            date: p.announced,
            title: &p.common.title,
            url: paths::entry(Kind::Policy, p.id.0),
            meta: std::iter::once(format!("ID #{}", p.id))
                .chain(p.action.iter().map(|t| t.0.clone()))
                .chain(p.administration.iter().map(|t| t.0.clone()))
                .collect::<Vec<_>>()
                .join(" · "),
            text: Text::Markdown(p.common.body(sources)),
            fields,
        }
    }));
    docs.par_extend(c.court_actions.par_iter().map(|a| {
        let mut fields = vec![
            (a.case.value.clone(), NAME),
            (a.docket.clone(), NAME),
            (a.court.0.clone(), FACT),
        ];
        fields.extend(a.filing.iter().map(|t| (t.0.clone(), FACT)));
        fields.extend(docs_text(&a.documents));
        fields.extend(extra_text(&a.common.extra));
        Doc {
            kind: 1,
            date: a.date,
            title: &a.common.title,
            url: paths::entry(Kind::CourtAction, a.id.0),
            meta: match &a.filing {
                Some(filing) => format!(
                    "{} · {}, No. {} ({})",
                    filing.as_str(),
                    a.case.value,
                    a.docket,
                    a.court.as_str()
                ),
                None => format!("{}, No. {} ({})", a.case.value, a.docket, a.court.as_str()),
            },
            text: Text::Markdown(a.common.body(sources)),
            fields,
        }
    }));
    docs.par_extend(c.commentary.par_iter().map(|x| {
        let mut fields: Vec<(String, u32)> = x.source.iter().map(|s| (s.clone(), NAME)).collect();
        fields.extend(docs_text(&x.documents));
        fields.extend(extra_text(&x.common.extra));
        Doc {
            kind: 2,
            date: x.date,
            title: &x.common.title,
            url: paths::entry(Kind::Commentary, x.id.0),
            meta: x.source.clone().unwrap_or_default(),
            text: Text::Markdown(x.common.body(sources)),
            fields,
        }
    }));
    docs.extend(site.graph.cases.iter().map(|case| {
        let filings: Vec<String> = case
            .filings
            .iter()
            .map(|f| {
                let a = &c.court_actions[f.get()];
                match &a.filing {
                    Some(filing) => format!(
                        "{} ({}): {}",
                        filing.as_str(),
                        DateView::new(a.date).display,
                        a.common.title
                    ),
                    None => format!("{}: {}", DateView::new(a.date).display, a.common.title),
                }
            })
            .collect();
        // A case with neither filings nor a date sorts last.
        let latest = case.latest.unwrap_or(Date::day(NaiveDate::default()));
        let status = case
            .status
            .as_ref()
            .map(|t| format!(" · {}", t.as_str()))
            .unwrap_or_default();
        let about = case
            .file
            .map(|f| text::plain_text(&sources.get(c.cases[f].file).text[c.cases[f].body_start..]))
            .unwrap_or_default();
        // What it challenges, by name, as its page lists it: a reader looks
        // for the lawsuits against a policy, or against a firing the site
        // holds no entry for, by that name.
        let mut challenged: Vec<&str> = Vec::new();
        let named = case.challenged.iter().filter_map(|l| match &l.target {
            crate::graph::LinkTarget::Outside { title, .. } => Some(title.as_str()),
            t => t
                .entry_of()
                .filter(|(kind, _)| *kind == Kind::Policy)
                .map(|(_, i)| c.policies[i].common.title.as_str()),
        });
        let through_filings = case
            .policies
            .iter()
            .map(|p| c.policies[p.get()].common.title.as_str());
        for title in named.chain(through_filings) {
            if !challenged.contains(&title) {
                challenged.push(title);
            }
        }
        let mut text = about;
        if !challenged.is_empty() {
            text = format!("{text} Challenges: {}.", challenged.join("; "));
        }
        if !filings.is_empty() {
            text = format!("{text} Filings: {}.", filings.join("; "));
        }
        Doc {
            kind: 3,
            date: latest,
            title: &case.name,
            url: paths::case(case),
            meta: if !recorded.court_actions {
                // A tracker of case files alone counts no filings.
                format!("No. {} ({}){status}", case.docket, case.court.as_str())
            } else {
                format!(
                    "No. {} ({}) · {} filing{}{status}",
                    case.docket,
                    case.court.as_str(),
                    case.filings.len(),
                    if case.filings.len() == 1 { "" } else { "s" }
                )
            },
            text: Text::Plain(text.trim_start().to_string()),
            fields: {
                let mut fields = vec![(case.docket.clone(), NAME), (case.court.0.clone(), FACT)];
                // The fields of `[fields.case]`, as an entry's own.
                if let Some(f) = case.file {
                    fields.extend(extra_text(&c.cases[f].extra));
                }
                fields
            },
        }
    }));
    docs.sort_by(|a, b| (b.date, a.kind, &a.url).cmp(&(a.date, b.kind, &b.url)));
    docs
}

/// Sizes of the index files a build wrote, for its summary line.
#[derive(Default)]
pub struct Tally {
    files: AtomicU64,
    bytes: AtomicU64,
    manifest: AtomicU64,
    largest_terms: AtomicU64,
    largest_docs: AtomicU64,
    filter_data: AtomicU64,
}

impl Tally {
    /// Counts one written file if it is part of the index.
    pub fn add(&self, path: &str, len: usize) {
        let len = len as u64;
        if path.starts_with(paths::FILTERS_DIR) && path.ends_with(".js") {
            self.filter_data.fetch_add(len, Ordering::Relaxed);
            return;
        }
        let Some(name) = path
            .strip_prefix(paths::SEARCH_DIR)
            .and_then(|p| p.strip_prefix('/'))
        else {
            return;
        };
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len, Ordering::Relaxed);
        if name == "index.js" {
            self.manifest.store(len, Ordering::Relaxed);
        } else if name.starts_with('t') {
            self.largest_terms.fetch_max(len, Ordering::Relaxed);
        } else if name.starts_with('d') {
            self.largest_docs.fetch_max(len, Ordering::Relaxed);
        }
    }

    /// `search index 1.2 MB in 160 files (manifest 2 KB, term shards ≤ 25 KB,
    /// document shards ≤ 9 KB); list filter data 120 KB`
    pub fn summary(&self) -> String {
        let kb = |a: &AtomicU64| kilobytes(a.load(Ordering::Relaxed));
        format!(
            "search index {} in {} files (manifest {}, term shards ≤ {}, document shards ≤ {}); list filter data {}",
            kb(&self.bytes),
            self.files.load(Ordering::Relaxed),
            kb(&self.manifest),
            kb(&self.largest_terms),
            kb(&self.largest_docs),
            kb(&self.filter_data),
        )
    }
}

fn kilobytes(b: u64) -> String {
    if b >= 1024 * 1024 {
        format!("{:.1} MB", b as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", b.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_shard_is_the_object_serde_json_writes() {
        let terms: Vec<(Arc<str>, Postings)> =
            ["2:25-cv-09848", "detent~", "quote\"back\\slash", "语"]
                .iter()
                .map(|t| (Arc::from(*t), Vec::new()))
                .collect();
        let encoded: Vec<String> = ["AbC", "", "x\ny", "+/09"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut expected = serde_json::Map::new();
        for ((t, _), p) in terms.iter().zip(&encoded) {
            expected.insert(t.to_string(), p.clone().into());
        }
        // serde_json's own map keeps keys sorted, which these are.
        assert_eq!(
            term_map(&terms, &encoded),
            serde_json::to_string(&expected).unwrap()
        );
        assert_eq!(term_map(&[], &[]), "{}");
    }
}
