//! A fast hasher for the pipeline's lookup tables (lexicons, word lists, vocabularies).
//!
//! Why not the standard SipHash: the stages look up nearly every token of every sentence in
//! some table, and SipHash was a visible share of the whole pipeline. SipHash protects tables
//! that are *filled* from untrusted input against collision attacks; these tables are filled
//! once from brink's own data files and only *read* with document text, so a multiplicative
//! hash (FxHash, as used inside rustc) is safe here and several times cheaper.
//!
//! Only for tables that are looked up, never iterated for output: the iteration order differs
//! from `std`'s.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: rotate, xor, multiply, one machine word at a time.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuildHasher = BuildHasherDefault<FxHasher>;
/// A `HashMap` with [`FxHasher`], for lookup tables.
pub type FastMap<K, V> = HashMap<K, V, FxBuildHasher>;
/// A `HashSet` with [`FxHasher`], for lookup tables.
pub type FastSet<K> = HashSet<K, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_by_str_work() {
        let mut m: FastMap<String, u32> = FastMap::default();
        for (i, w) in ["a", "ab", "abcdefgh", "abcdefghi", ""].iter().enumerate() {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.get("abcdefghi"), Some(&3));
        assert_eq!(m.get(""), Some(&4));
        assert_eq!(m.get("abcdefg"), None);
    }
}
