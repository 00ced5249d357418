//! The vocabulary index: for every term of every vocabulary, the entries
//! that carry it. Built once per build; term pages and tags read it.

use std::collections::{BTreeMap, HashMap};

use super::paths;
use crate::config::Vocab;
use crate::content::Corpus;
use crate::graph::{CourtActionIx, PolicyIx};
use crate::slug::slugify;

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
}

impl TermEntries {
    pub fn count(&self) -> usize {
        self.policies.len() + self.court_actions.len()
    }
}

/// Terms of one vocabulary in display order: the order of `docket.toml`
/// where it controls the vocabulary, then any other value alphabetically.
#[derive(Debug, Default)]
pub struct VocabTerms {
    pub terms: Vec<(String, TermEntries)>,
    by_name: HashMap<String, usize>,
}

impl VocabTerms {
    pub fn get(&self, name: &str) -> Option<&TermEntries> {
        self.by_name.get(name).map(|&i| &self.terms[i].1)
    }
}

#[derive(Debug, Default)]
pub struct Terms {
    pub vocabs: BTreeMap<Vocab, VocabTerms>,
}

impl Terms {
    pub fn build(corpus: &Corpus, config: &crate::config::Config) -> Terms {
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
        let mut vocabs = BTreeMap::new();
        for (v, mut map) in raw {
            let order: Vec<String> = config
                .vocabulary
                .allowed(v)
                .map(|a| a.to_vec())
                .unwrap_or_default();
            let mut terms: Vec<(String, TermEntries)> = Vec::new();
            for name in &order {
                if let Some(e) = map.remove(name.as_str()) {
                    terms.push((name.clone(), e));
                }
            }
            terms.extend(map.into_iter().map(|(k, e)| (k.to_string(), e)));
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
            }
            // Slugs are unique within a vocabulary: a later term whose slug is taken gets a suffix.
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (name, e) in &mut terms {
                let base = slugify(name);
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                e.slug = if *n == 1 { base } else { format!("{base}-{n}") };
                e.url = paths::term(v, &e.slug);
            }
            let by_name = terms
                .iter()
                .enumerate()
                .map(|(i, (n, _))| (n.clone(), i))
                .collect();
            vocabs.insert(v, VocabTerms { terms, by_name });
        }
        Terms { vocabs }
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
