//! Counting a document's words: its weighted term frequencies and length,
//! which the postings and BM25 are made of.
//!
//! The same few thousand words recur in every document, so a [`Counter`]
//! numbers each term the first time it meets it and keeps what is known of
//! it under that number: whether it is a stop word, its stem's key, the part
//! of the postings it goes to, and its text, shared by reference count.
//! A word of a document then costs one lookup of its text; its frequency
//! is counted in a plain array, its stem found without hashing, and the
//! document's terms handed on without copying their text. Counting with a
//! map of strings per document, looking stop words, stems and parts up in
//! maps of their own, was nearly a quarter of the instructions of a build
//! of text like real trackers' (the anchors' corpus; see the book's
//! "Performance" chapter).

use std::hash::Hasher;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use super::text;
use super::{FastMap, FastSet, FxHasher, PARTS};

/// What a [`Counter`] knows of a term.
struct Term {
    text: Arc<str>,
    /// The part of the postings it goes to ([`part_of`]).
    part: u8,
    stop: bool,
    stem: Stem,
}

/// A term's stem, once looked for.
#[derive(Clone, Copy)]
enum Stem {
    NotSought,
    /// The term is its own stem, or is not stemmed.
    None,
    /// The number of the stem's key ([`text::stem_key`]).
    Key(u32),
}

/// Counts documents one after the other. Made once for many documents
/// (a thread's share of a batch): what it learns of a term serves them all.
pub(super) struct Counter<'a> {
    stop: &'a FastSet<&'static str>,
    /// Whether terms are stemmed (English sites).
    stems: bool,
    numbers: FastMap<Arc<str>, u32>,
    terms: Vec<Term>,
    /// The current document's frequency of each term, by number; zero for
    /// the terms it does not hold.
    tf: Vec<u32>,
    /// The terms of the current document, in the order met.
    held: Vec<u32>,
    len: u32,
}

/// One document's weighted term frequencies, ordered by the part of the
/// postings each term goes to, and the document's length.
pub(super) struct Counted {
    terms: Vec<(Arc<str>, u32)>,
    /// Where each part's terms start in `terms` (and, last, its length).
    starts: [u32; PARTS + 1],
    pub len: u32,
}

impl Counted {
    /// The terms of part `p`.
    pub fn part(&self, p: usize) -> &[(Arc<str>, u32)] {
        &self.terms[self.starts[p] as usize..self.starts[p + 1] as usize]
    }
}

impl<'a> Counter<'a> {
    pub fn new(stop: &'a FastSet<&'static str>, stems: bool) -> Counter<'a> {
        Counter {
            stop,
            stems,
            numbers: FastMap::default(),
            terms: Vec::new(),
            tf: Vec::new(),
            held: Vec::new(),
            len: 0,
        }
    }

    /// Counts the words of `s`, each `weight` times, in the current document.
    pub fn add(&mut self, s: &str, weight: u32) {
        let folded = text::Folded::new(s);
        text::tokens_of(&folded.text, folded.ascii_words, |t| {
            let n = self.number(t);
            if self.terms[n as usize].stop {
                return;
            }
            self.count(n, weight);
            self.len += weight;
        });
    }

    /// The current document's counts, with those of the stems of its words
    /// (on an English site), under their keys: a query for any form of a
    /// word finds the document through its stem. A word that is its own
    /// stem is found as itself. The stems do not change the document's
    /// length: they are other names for words already counted. The counter
    /// is then ready for the next document.
    pub fn finish(&mut self) -> Counted {
        if self.stems {
            // Only the words: the keys this adds are not stemmed again.
            for i in 0..self.held.len() {
                let n = self.held[i];
                if let Some(key) = self.stem(n) {
                    self.count(key, self.tf[n as usize]);
                }
            }
        }
        let mut starts = [0u32; PARTS + 1];
        for &n in &self.held {
            starts[usize::from(self.terms[n as usize].part) + 1] += 1;
        }
        for p in 0..PARTS {
            starts[p + 1] += starts[p];
        }
        // Each term at the next place of its part: a counting sort, as
        // the order within a part does not matter.
        let mut next = starts;
        let mut order = vec![0u32; self.held.len()];
        for &n in &self.held {
            let p = usize::from(self.terms[n as usize].part);
            order[next[p] as usize] = n;
            next[p] += 1;
        }
        let terms = order
            .iter()
            .map(|&n| {
                let f = std::mem::take(&mut self.tf[n as usize]);
                (Arc::clone(&self.terms[n as usize].text), f)
            })
            .collect();
        self.held.clear();
        Counted {
            terms,
            starts,
            len: std::mem::take(&mut self.len),
        }
    }

    /// The number of term `t`, given it now if it has none.
    fn number(&mut self, t: &str) -> u32 {
        if let Some(&n) = self.numbers.get(t) {
            return n;
        }
        let n = self.terms.len() as u32;
        let text: Arc<str> = Arc::from(t);
        self.terms.push(Term {
            text: Arc::clone(&text),
            part: part_of(t) as u8,
            stop: self.stop.contains(t),
            stem: Stem::NotSought,
        });
        self.tf.push(0);
        self.numbers.insert(text, n);
        n
    }

    fn count(&mut self, n: u32, weight: u32) {
        let f = &mut self.tf[n as usize];
        if *f == 0 {
            self.held.push(n);
        }
        *f += weight;
    }

    /// The number of the key of term `n`'s stem, if it has one of its own.
    fn stem(&mut self, n: u32) -> Option<u32> {
        match self.terms[n as usize].stem {
            Stem::Key(k) => Some(k),
            Stem::None => None,
            Stem::NotSought => {
                let key = text::stem_en(&self.terms[n as usize].text)
                    .map(|stem| self.number(&text::stem_key(&stem)));
                self.terms[n as usize].stem = key.map_or(Stem::None, Stem::Key);
                key
            }
        }
    }
}

/// The terms a counter may know before it is let go: a bound on the memory
/// of each thread's counter on a site of hundreds of thousands of entries,
/// whose numbers and docket numbers are terms of their own.
const MOST_TERMS: usize = 1 << 18;

/// Counters lent to the threads that count documents, and taken back when
/// they are done: what one learned of the terms of a batch of documents
/// serves the next batch, where a counter of its own for each share of
/// each batch stemmed the same words again and again.
pub(super) struct Counters<'a> {
    idle: Mutex<Vec<Counter<'a>>>,
    stop: &'a FastSet<&'static str>,
    stems: bool,
}

impl<'a> Counters<'a> {
    pub fn new(stop: &'a FastSet<&'static str>, stems: bool) -> Counters<'a> {
        Counters {
            idle: Mutex::new(Vec::new()),
            stop,
            stems,
        }
    }

    /// An idle counter, or a new one.
    pub fn lend(&self) -> Lent<'_, 'a> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        Lent {
            counter: idle.unwrap_or_else(|| Counter::new(self.stop, self.stems)),
            home: self,
        }
    }
}

/// A counter lent by [`Counters`], given back when dropped.
pub(super) struct Lent<'p, 'a> {
    counter: Counter<'a>,
    home: &'p Counters<'a>,
}

impl<'a> Deref for Lent<'_, 'a> {
    type Target = Counter<'a>;
    fn deref(&self) -> &Counter<'a> {
        &self.counter
    }
}

impl<'a> DerefMut for Lent<'_, 'a> {
    fn deref_mut(&mut self) -> &mut Counter<'a> {
        &mut self.counter
    }
}

impl Drop for Lent<'_, '_> {
    fn drop(&mut self) {
        if self.counter.terms.len() <= MOST_TERMS {
            // An empty counter in its place allocates nothing.
            let empty = Counter::new(self.home.stop, self.home.stems);
            self.home
                .idle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(std::mem::replace(&mut self.counter, empty));
        }
    }
}

/// The part of the postings `term` goes to: the top bits of its hash.
pub(super) fn part_of(term: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(term.as_bytes());
    (h.finish() >> (64 - PARTS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(c: &Counted) -> Vec<(String, u32)> {
        let mut all: Vec<(String, u32)> = (0..PARTS)
            .flat_map(|p| c.part(p).iter().map(|(t, f)| (t.to_string(), *f)))
            .collect();
        all.sort();
        all
    }

    #[test]
    fn documents_are_counted_apart_with_weights_stems_and_no_stop_words() {
        let stop: FastSet<&'static str> = text::STOP_WORDS_EN.iter().copied().collect();
        let mut c = Counter::new(&stop, true);
        c.add("Detention of the detained", 6);
        c.add("detentions, 2:25-cv-09848", 1);
        let first = c.finish();
        // Title words six times, the body's once; the parts of a docket
        // number and the number itself.
        assert_eq!(first.len, 6 + 6 + 1 + 4);
        assert_eq!(
            counts(&first),
            [
                ("09848".into(), 1),
                ("25".into(), 1),
                ("2:25-cv-09848".into(), 1),
                ("cv".into(), 1),
                ("detained".into(), 6),
                ("detain~".into(), 6),
                ("detention".into(), 6),
                ("detentions".into(), 1),
                ("detent~".into(), 7),
            ]
        );
        // Nothing of the first document is left in the second.
        c.add("detention", 1);
        let second = c.finish();
        assert_eq!(second.len, 1);
        assert_eq!(
            counts(&second),
            [("detention".into(), 1), ("detent~".into(), 1)]
        );
        for p in 0..PARTS {
            assert!(second.part(p).iter().all(|(t, _)| part_of(t) == p));
        }
    }

    #[test]
    fn without_stems_words_are_counted_as_written() {
        let stop = FastSet::default();
        let mut c = Counter::new(&stop, false);
        c.add("the detentions the", 2);
        assert_eq!(
            counts(&c.finish()),
            [("detentions".into(), 2), ("the".into(), 4)]
        );
    }
}
