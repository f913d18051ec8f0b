//! Near-duplicate documents: MinHash signatures over word shingles, LSH bands for
//! candidate lookup, and an incremental [`DocGrouper`].
//!
//! Why: wire copies of one story are syndicated with new headlines and boilerplate; if
//! each copy counted, a news surge would look like an escalation. MinHash estimates the
//! Jaccard similarity of 5-word shingle sets cheaply; LSH (32 bands of 4 rows) makes
//! lookup sub-linear and finds pairs above ~0.45 similarity with high probability.
//! Everything is deterministic (fixed seeds) so stored signatures stay comparable.

use std::collections::{HashMap, HashSet};

/// Hashes per signature.
pub const NUM_HASHES: usize = 128;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// LSH bands (NUM_HASHES / BANDS rows each).
pub const BANDS: usize = 32;
const ROWS: usize = NUM_HASHES / BANDS;
/// Estimated Jaccard similarity at or above which two documents are one story.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D049BB133111EB);
    x ^ (x >> 31)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Lowercased alphanumeric words (curly quotes, punctuation and spacing differences vanish).
pub fn normalise_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

/// The MinHash signature (NUM_HASHES values) of a text's 5-word shingles.
pub fn minhash(text: &str) -> Vec<u32> {
    let words = normalise_words(text);
    let mut shingles: HashSet<u64> = HashSet::new();
    if words.len() < SHINGLE {
        if !words.is_empty() {
            shingles.insert(fnv1a(words.join(" ").as_bytes()));
        }
    } else {
        for w in words.windows(SHINGLE) {
            shingles.insert(fnv1a(w.join(" ").as_bytes()));
        }
    }
    let mut sig = vec![u32::MAX; NUM_HASHES];
    for s in shingles {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = (splitmix64(s ^ splitmix64(i as u64 + 1)) >> 32) as u32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// Estimated Jaccard similarity: the share of positions where two signatures agree.
pub fn similarity(a: &[u32], b: &[u32]) -> f32 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    // an empty text's signature (all MAX) is similar to nothing
    if a.iter().all(|x| *x == u32::MAX) || b.iter().all(|x| *x == u32::MAX) {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / n as f32
}

/// One hash per LSH band (band index mixed in, so equal values in different bands differ).
pub fn lsh_bands(sig: &[u32]) -> Vec<u64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut h = splitmix64(b as u64 ^ 0x5bd1e995);
            for r in rows {
                h = splitmix64(h ^ *r as u64);
            }
            h
        })
        .collect()
}

/// Assigns group ids to documents as they arrive: a document joins the group of its most
/// similar earlier document (at or above the threshold) among its LSH candidates, or
/// starts a new group. Group ids are 0, 1, 2, ... in order of creation.
pub struct DocGrouper {
    threshold: f32,
    sigs: Vec<Vec<u32>>,
    groups: Vec<u64>,
    index: HashMap<u64, Vec<usize>>,
    next_group: u64,
}

impl Default for DocGrouper {
    fn default() -> Self {
        Self::new()
    }
}

impl DocGrouper {
    pub fn new() -> Self {
        Self::with_threshold(DEFAULT_THRESHOLD)
    }
    pub fn with_threshold(threshold: f32) -> Self {
        DocGrouper { threshold, sigs: Vec::new(), groups: Vec::new(), index: HashMap::new(), next_group: 0 }
    }

    /// Adds a document's text; returns its group id.
    pub fn add(&mut self, text: &str) -> u64 {
        self.add_signature(minhash(text))
    }

    /// Adds a precomputed signature (e.g. one loaded from the store); returns its group id.
    pub fn add_signature(&mut self, sig: Vec<u32>) -> u64 {
        let bands = lsh_bands(&sig);
        let mut best: Option<(f32, usize)> = None;
        let mut seen = HashSet::new();
        for b in &bands {
            for &i in self.index.get(b).into_iter().flatten() {
                if seen.insert(i) {
                    let s = similarity(&sig, &self.sigs[i]);
                    if s >= self.threshold && best.is_none_or(|(bs, _)| s > bs) {
                        best = Some((s, i));
                    }
                }
            }
        }
        let group = match best {
            Some((_, i)) => self.groups[i],
            None => {
                self.next_group += 1;
                self.next_group - 1
            }
        };
        let idx = self.sigs.len();
        for b in bands {
            self.index.entry(b).or_default().push(idx);
        }
        self.sigs.push(sig);
        self.groups.push(group);
        group
    }

    /// Continue numbering after ids already used (when resuming from a store).
    pub fn set_next_group(&mut self, next: u64) {
        self.next_group = self.next_group.max(next);
    }

    pub fn len(&self) -> usize {
        self.sigs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.sigs.is_empty()
    }
    /// Group id of the i-th added document.
    pub fn group_of(&self, i: usize) -> Option<u64> {
        self.groups.get(i).copied()
    }
}
