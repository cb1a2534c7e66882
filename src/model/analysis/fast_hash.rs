//! A fast hasher for the analysis tables' lookups of ids and small keys
//! (topic, stance, actor and document ids, periods, node pairs), which
//! `std`'s DoS-resistant SipHash made the larger part of a table's time.
//! The keys come from the user's own project, so flooding is no concern.
//! The mixing is rustc's "Fx" hash: rotate, xor, multiply, per word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The multiplier of rustc's Fx hash (64-bit).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Fx hashing: fast and good enough for ids.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_alike_and_a_map_finds_them() {
        let mut map: FastMap<String, u32> = FastMap::default();
        for n in 0..1000u32 {
            map.insert(format!("actor-{n}"), n);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map.get("actor-417"), Some(&417));
        assert_eq!(map.get("actor-1000"), None);
        let hash = |text: &str| {
            let mut hasher = FastHasher::default();
            hasher.write(text.as_bytes());
            hasher.finish()
        };
        assert_eq!(hash("doc-0001"), hash("doc-0001"));
        assert_ne!(hash("doc-0001"), hash("doc-0002"));
        assert_ne!(
            hash("abcdefghi"),
            hash("abcdefghj"),
            "the last partial word counts"
        );
    }
}
