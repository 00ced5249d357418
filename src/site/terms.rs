//! The vocabulary index: for every term of every vocabulary, the entries
//! that carry it. Built once per build; term pages and tags read it.
//!
//! The standard vocabularies are [`Vocab`]s; a field of the site's own of
//! type term or terms has pages too (unless it declares `pages = false`),
//! in a folder named after it, and is known here by its place among them.

use std::collections::{BTreeMap, HashMap};

use super::paths;
use super::similar::{similar, Written};
use crate::config::Vocab;
use crate::content::{Corpus, Kind};
use crate::graph::{CaseIx, CommentaryIx, CourtActionIx, Graph, PolicyIx};
use crate::slug::{unique_slugs, Claim};

/// A set of terms with pages: a standard vocabulary, or a term field of
/// the site's own (its place in [`Terms::fields`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    Vocab(Vocab),
    Field(u16),
}

#[derive(Debug, Default)]
pub struct TermEntries {
    pub slug: String,
    /// Site-relative URL of the term's page, made once: every row shows it.
    pub url: String,
    /// The link to its page as a template sees it (`TermLink`), made on
    /// first use: a term is shown on thousands of pages and rows, and
    /// converting it again for each was a twentieth of `check`.
    pub shown: std::sync::OnceLock<tera::Value>,
    /// Newest first: by announcement date, then id, descending.
    pub policies: Vec<PolicyIx>,
    /// Newest first: by date, then id, descending.
    pub court_actions: Vec<CourtActionIx>,
    /// Newest first, as court actions; only a field of the site's own
    /// gives commentary terms.
    pub commentary: Vec<CommentaryIx>,
    /// A court's cases, with or without filings recorded, by latest date,
    /// newest first as the list of cases orders them: a tracker that
    /// counts cases, each in a case file, finds them by court.
    pub cases: Vec<CaseIx>,
}

impl TermEntries {
    /// The items the term's pages list: its entries, and a court's cases.
    pub fn count(&self) -> usize {
        self.entries() + self.cases.len()
    }

    /// The entries with the term.
    pub fn entries(&self) -> usize {
        self.policies.len() + self.court_actions.len() + self.commentary.len()
    }

    /// The files that write the term: its entries, and the case files of
    /// a court's cases.
    pub fn files(&self, graph: &Graph) -> usize {
        self.entries()
            + self
                .cases
                .iter()
                .filter(|c| graph.cases[c.get()].file.is_some())
                .count()
    }
}

/// Terms of one vocabulary in display order: the order of `docket.toml`
/// where it controls the vocabulary, then any other value alphabetically.
#[derive(Debug, Default)]
pub struct VocabTerms {
    pub terms: Vec<(String, TermEntries)>,
    /// How many of the first terms are the values of the vocabulary's
    /// list in `docket.toml`.
    pub listed: usize,
    by_name: HashMap<String, usize>,
}

impl VocabTerms {
    pub fn get(&self, name: &str) -> Option<&TermEntries> {
        self.by_name.get(name).map(|&i| &self.terms[i].1)
    }

    /// The place of `name` in display order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

/// The terms of a field of the site's own that has pages.
#[derive(Debug, Default)]
pub struct FieldTerms {
    /// The field's key in entry files, which templates see as the
    /// vocabulary's `key`.
    pub key: String,
    /// The field's label, the heading of its pages.
    pub title: String,
    /// The folder of its pages ([`crate::config::fields::Field::folder`]).
    pub folder: String,
    pub terms: VocabTerms,
}

#[derive(Debug, Default)]
pub struct Terms {
    pub vocabs: BTreeMap<Vocab, VocabTerms>,
    /// The term fields of the site's own that have pages, in the order
    /// `docket.toml` declares them (policies' first); a key declared for
    /// several kinds is one set of pages.
    pub fields: Vec<FieldTerms>,
}

impl Terms {
    pub fn build(corpus: &Corpus, graph: &Graph, config: &crate::config::Config) -> Terms {
        let mut raw: BTreeMap<Vocab, BTreeMap<&str, TermEntries>> = BTreeMap::new();
        for v in Vocab::ALL {
            let map = raw.entry(v).or_default();
            for value in config.vocabulary.allowed(v).unwrap_or_default() {
                map.entry(value.as_str()).or_default();
            }
        }
        for (i, p) in corpus.policies.iter().enumerate() {
            let ix = PolicyIx(i as u32);
            let singles = [
                (Vocab::Administrations, p.administration.as_ref()),
                (Vocab::Actions, p.action.as_ref()),
                (Vocab::CurrentStatuses, p.current_status.as_ref()),
            ];
            for (v, t) in singles {
                if let Some(t) = t {
                    raw.entry(v)
                        .or_default()
                        .entry(t.as_str())
                        .or_default()
                        .policies
                        .push(ix);
                }
            }
            for (v, list) in [
                (Vocab::Statuses, &p.status),
                (Vocab::Subjects, &p.subjects),
                (Vocab::Agencies, &p.agencies),
            ] {
                for t in list {
                    let e = raw.entry(v).or_default().entry(t.as_str()).or_default();
                    if e.policies.last() != Some(&ix) {
                        e.policies.push(ix);
                    }
                }
            }
        }
        for (i, c) in corpus.court_actions.iter().enumerate() {
            let ix = CourtActionIx(i as u32);
            raw.entry(Vocab::Courts)
                .or_default()
                .entry(c.court.as_str())
                .or_default()
                .court_actions
                .push(ix);
            if let Some(filing) = &c.filing {
                raw.entry(Vocab::Filings)
                    .or_default()
                    .entry(filing.as_str())
                    .or_default()
                    .court_actions
                    .push(ix);
            }
        }
        for (i, case) in graph.cases.iter().enumerate() {
            raw.entry(Vocab::Courts)
                .or_default()
                .entry(case.court.as_str())
                .or_default()
                .cases
                .push(CaseIx(i as u32));
        }
        let mut vocabs = BTreeMap::new();
        for (v, map) in raw {
            let order = config.vocabulary.allowed(v).unwrap_or_default();
            vocabs.insert(v, ordered(map, order, v.slug(), corpus, graph));
        }
        Terms {
            vocabs,
            fields: field_terms(corpus, graph, config),
        }
    }

    /// The term field `key` of the site's own, if its values have pages.
    pub fn field(&self, key: &str) -> Option<&FieldTerms> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The terms of `t`, in display order.
    pub fn of(&self, t: Taxonomy) -> Option<&VocabTerms> {
        match t {
            Taxonomy::Vocab(v) => self.vocabs.get(&v),
            Taxonomy::Field(i) => self.fields.get(usize::from(i)).map(|f| &f.terms),
        }
    }

    /// The `i`th term of `t` and its entries.
    pub fn term(&self, t: Taxonomy, i: usize) -> &(String, TermEntries) {
        match t {
            Taxonomy::Vocab(v) => &self.vocabs[&v].terms[i],
            Taxonomy::Field(f) => &self.fields[usize::from(f)].terms.terms[i],
        }
    }

    /// Every set of terms with pages: the standard vocabularies a site
    /// has (`present` says which), then the fields of its own.
    pub fn taxonomies(&self, present: impl Fn(Vocab) -> bool) -> Vec<Taxonomy> {
        let vocabs = Vocab::ALL
            .into_iter()
            .filter(|v| present(*v))
            .map(Taxonomy::Vocab);
        let fields = (0..self.fields.len() as u16).map(Taxonomy::Field);
        vocabs.chain(fields).collect()
    }

    /// The name templates see for `t`: the key in `[vocabulary]`, or the
    /// field's key.
    pub fn key(&self, t: Taxonomy) -> &str {
        match t {
            Taxonomy::Vocab(v) => v.key(),
            Taxonomy::Field(i) => &self.fields[usize::from(i)].key,
        }
    }

    /// The heading of `t`'s pages.
    pub fn title(&self, t: Taxonomy) -> &str {
        match t {
            Taxonomy::Vocab(v) => v.title(),
            Taxonomy::Field(i) => &self.fields[usize::from(i)].title,
        }
    }

    /// The folder of `t`'s pages.
    pub fn folder(&self, t: Taxonomy) -> &str {
        match t {
            Taxonomy::Vocab(v) => v.slug(),
            Taxonomy::Field(i) => &self.fields[usize::from(i)].folder,
        }
    }

    pub fn slug(&self, vocab: Vocab, name: &str) -> Option<&str> {
        self.vocabs.get(&vocab)?.get(name).map(|e| e.slug.as_str())
    }

    /// Site-relative URL of a term's page.
    pub fn url(&self, vocab: Vocab, name: &str) -> String {
        match self.vocabs.get(&vocab).and_then(|v| v.get(name)) {
            Some(e) => e.url.clone(),
            None => paths::vocabulary(vocab),
        }
    }
}

impl Terms {
    /// `W-similar-value` for the vocabularies and term fields with pages
    /// ([`super::similar`]).
    pub fn similar_values(&self, site: &super::Site) -> Vec<crate::diag::Diagnostic> {
        let mut found = Vec::new();
        for t in self.taxonomies(|_| true) {
            let Some(vocab) = self.of(t) else { continue };
            // The key that writes the value, in every kind that has it.
            let key = match t {
                Taxonomy::Field(_) => self.key(t),
                Taxonomy::Vocab(v) => v.source().1,
            };
            let values: Vec<_> = vocab
                .terms
                .iter()
                .enumerate()
                .map(|(i, (name, e))| Written::term(site, name, i < vocab.listed, e))
                .collect();
            found.extend(similar(site, key, &values));
        }
        found
    }
}

impl super::Model<'_> {
    /// The sets of terms the site has pages for: the standard vocabularies
    /// but those whose key `docket.toml` declares absent (it has no values,
    /// and no page to say so) and those of what the site does not record
    /// (a policy's vocabularies on a tracker of lawsuits, the courts of one
    /// of legislation, the kinds of filing of one of case files); then the
    /// term fields of the site's own.
    pub fn taxonomies(&self) -> Vec<Taxonomy> {
        let has = self.site.recorded();
        self.terms.taxonomies(|v| {
            let recorded = match v {
                Vocab::Courts => has.litigation,
                Vocab::Filings => has.court_actions,
                Vocab::CaseStatuses => false,
                Vocab::Subjects
                | Vocab::Agencies
                | Vocab::Statuses
                | Vocab::Actions
                | Vocab::Administrations
                | Vocab::CurrentStatuses => has.policies,
            };
            recorded && !self.site.config.fields.absent(v)
        })
    }
}

/// The terms of `map` in display order (`order`, then the others
/// alphabetically), each with its entries newest first and a slug unique
/// in `folder`.
fn ordered(
    mut map: BTreeMap<&str, TermEntries>,
    order: &[String],
    folder: &str,
    corpus: &Corpus,
    graph: &Graph,
) -> VocabTerms {
    let mut terms: Vec<(String, TermEntries)> = Vec::new();
    for name in order {
        if let Some(e) = map.remove(name.as_str()) {
            terms.push((name.clone(), e));
        }
    }
    let listed = terms.len();
    let mut others: Vec<(&str, TermEntries)> = map.into_iter().collect();
    others.sort_by(|(a, _), (b, _)| crate::slug::alphabetical(a, b));
    terms.extend(others.into_iter().map(|(k, e)| (k.to_string(), e)));
    // Sorted once here, so that term pages only slice.
    for (_, e) in &mut terms {
        e.policies.sort_by_key(|p| {
            let p = &corpus.policies[p.get()];
            std::cmp::Reverse((p.announced, p.id))
        });
        e.court_actions.sort_by_key(|c| {
            let c = &corpus.court_actions[c.get()];
            std::cmp::Reverse((c.date, c.id))
        });
        e.commentary.sort_by_key(|c| {
            let c = &corpus.commentary[c.get()];
            std::cmp::Reverse((c.date, c.id))
        });
        // As the list of cases: cases are sorted by slug, which breaks ties.
        e.cases
            .sort_by_key(|c| std::cmp::Reverse((graph.cases[c.get()].latest, c.get())));
    }
    let claims = terms
        .iter()
        .enumerate()
        .map(|(i, (name, e))| (name.as_str(), Claim::new(i < listed, e.files(graph))));
    let slugs = unique_slugs(claims);
    for ((_, e), slug) in terms.iter_mut().zip(slugs) {
        e.url = paths::term(folder, &slug);
        e.slug = slug;
    }
    let by_name = terms
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.clone(), i))
        .collect();
    VocabTerms {
        terms,
        listed,
        by_name,
    }
}

/// The term fields of the site's own that have pages, with the entries of
/// each of their values.
fn field_terms(corpus: &Corpus, graph: &Graph, config: &crate::config::Config) -> Vec<FieldTerms> {
    term_fields(config, true)
        .into_iter()
        .map(
            |TermField {
                 field,
                 kinds,
                 cases,
             }| {
                let mut map: BTreeMap<&str, TermEntries> = BTreeMap::new();
                let order = field
                    .vocabulary
                    .as_deref()
                    .and_then(|list| config.vocabulary.list(list))
                    .unwrap_or_default();
                for name in order {
                    map.entry(name.as_str()).or_default();
                }
                for kind in kinds {
                    let count = corpus.count(kind);
                    for i in 0..count {
                        let e = corpus.entry(kind, i);
                        let Some(extra) = e.common.extra.iter().find(|x| x.key == field.key) else {
                            continue;
                        };
                        for t in extra.value.terms() {
                            let entries = map.entry(t.as_str()).or_default();
                            let i = i as u32;
                            match kind {
                                Kind::Policy if entries.policies.last() != Some(&PolicyIx(i)) => {
                                    entries.policies.push(PolicyIx(i))
                                }
                                Kind::CourtAction
                                    if entries.court_actions.last() != Some(&CourtActionIx(i)) =>
                                {
                                    entries.court_actions.push(CourtActionIx(i))
                                }
                                Kind::Commentary
                                    if entries.commentary.last() != Some(&CommentaryIx(i)) =>
                                {
                                    entries.commentary.push(CommentaryIx(i))
                                }
                                _ => {}
                            }
                        }
                    }
                }
                if cases {
                    // The cases whose files give the value, as a court's.
                    for (i, case) in graph.cases.iter().enumerate() {
                        let Some(file) = case.file else { continue };
                        let written = &corpus.cases[file].extra;
                        let Some(extra) = written.iter().find(|x| x.key == field.key) else {
                            continue;
                        };
                        for t in extra.value.terms() {
                            let entries = map.entry(t.as_str()).or_default();
                            if entries.cases.last() != Some(&CaseIx(i as u32)) {
                                entries.cases.push(CaseIx(i as u32));
                            }
                        }
                    }
                }
                let folder = field.folder();
                let terms = ordered(map, order, &folder, corpus, graph);
                FieldTerms {
                    key: field.key.clone(),
                    title: field.label.clone(),
                    folder,
                    terms,
                }
            },
        )
        .collect()
}

/// A term field of the site's own, each key once: a key declared for
/// several kinds (and case files) is one field, its first declaration's
/// label and vocabulary leading.
pub(super) struct TermField<'c> {
    pub field: &'c crate::config::fields::Field,
    /// The kinds of entries that declare it.
    pub kinds: Vec<Kind>,
    /// Whether `[fields.case]` declares it.
    pub cases: bool,
}

/// The term fields of the site's own with pages (or without), in the
/// order `docket.toml` declares them (policies' first, case files' last).
pub(super) fn term_fields(config: &crate::config::Config, pages: bool) -> Vec<TermField<'_>> {
    use crate::config::fields::FieldType;
    let mut keys: Vec<TermField<'_>> = Vec::new();
    let sections = Kind::ALL
        .into_iter()
        .map(|k| (k.name(), Some(k)))
        .chain([("case", None)]);
    for (section, kind) in sections {
        for field in &config.fields.of(section).extra {
            if field.pages != pages || !matches!(field.ty, FieldType::Term | FieldType::Terms) {
                continue;
            }
            let i = match keys.iter().position(|f| f.field.key == field.key) {
                Some(i) => i,
                None => {
                    keys.push(TermField {
                        field,
                        kinds: Vec::new(),
                        cases: false,
                    });
                    keys.len() - 1
                }
            };
            match kind {
                Some(kind) => keys[i].kinds.push(kind),
                None => keys[i].cases = true,
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_slug_alike_each_get_a_page_of_their_own() {
        let even =
            |names: &[&'static str]| unique_slugs(names.iter().map(|n| (*n, Claim::new(false, 1))));
        // "Cafe 2" keeps the slug of its own; "Café" takes the next free one.
        assert_eq!(
            even(&["Cafe", "Café", "Cafe 2", "Cafe-2", "Cafe (2)", "Border"]),
            ["cafe", "cafe-3", "cafe-2", "cafe-2-2", "cafe-2-3", "border"]
        );
        assert_eq!(even(&["A", "B", "A!"]), ["a", "b", "a-2"]);
        assert_eq!(
            even(&["Con", "Nul", "Lab", "COM1"]),
            ["con-2", "nul-2", "lab", "com1-2"]
        );
    }

    #[test]
    fn the_value_of_more_files_keeps_its_address_and_a_listed_value_keeps_its_own() {
        let slugs = unique_slugs(
            [
                ("D.D.C", Claim::new(false, 1)),
                ("D.D.C.", Claim::new(false, 105)),
            ]
            .into_iter(),
        );
        assert_eq!(slugs, ["d-d-c-2", "d-d-c"]);
        let slugs = unique_slugs(
            [
                ("Border", Claim::new(true, 0)),
                ("BORDER", Claim::new(false, 40)),
            ]
            .into_iter(),
        );
        assert_eq!(slugs, ["border", "border-2"]);
    }
}
