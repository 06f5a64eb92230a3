//! [`IndexTable`]: a hash table of `u32` indices whose keys live elsewhere (the entities'
//! keys in their stores, the proposition groups' keys in their segments), sized to what it
//! holds.
//!
//! A general-purpose table (hashbrown, `std`) has a power of two of buckets, so that it holds
//! between 7/16 and 7/8 of its room: at a million keys, just past a power of two, it uses two
//! million buckets of five bytes. This one has any number of slots: open addressing with linear
//! probing, each slot's home chosen by multiplying the hash into the slot count ("fast range"),
//! a tag byte per slot holding seven bits of the hash (so that a probe compares a key only when
//! the tags agree) and a `u32` per slot. It grows by doubling, but one sized for `n` entries
//! takes `n · 8/7` slots, 5.7 bytes an entry; removals leave tombstones until a rehash.

/// The tag of a slot that never held an entry: probes stop here.
const EMPTY: u8 = 0xFF;
/// The tag of a slot whose entry was removed: probes go on past it, inserts may reuse it.
const TOMBSTONE: u8 = 0xFE;

/// A well-mixed hash: the caller's hashes (FxHash) leave their entropy unevenly spread, and the
/// home slot takes the high bits of this, the tag the low ones.
#[inline]
fn mix(hash: u64) -> u64 {
    let mut h = hash;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn tag_of(mixed: u64) -> u8 {
    (mixed & 0x7F) as u8
}

/// The fewest slots that hold `n` entries at the table's highest load, 7/8 (and one slot free,
/// so that every probe ends).
fn slots_for(n: usize) -> usize {
    (n.saturating_mul(8).div_ceil(7) + 1).max(8)
}

/// `u32` values found by a hash and an equality the caller gives (see the module docs).
#[derive(Clone, Debug, Default)]
pub(crate) struct IndexTable {
    tags: Vec<u8>,
    slots: Vec<u32>,
    /// Live entries.
    len: usize,
    tombstones: usize,
}

impl IndexTable {
    /// A table with room for `n` entries, and no more: the next insert past them doubles it.
    pub(crate) fn with_capacity(n: usize) -> IndexTable {
        if n == 0 {
            return IndexTable::default();
        }
        let slots = slots_for(n);
        IndexTable { tags: vec![EMPTY; slots], slots: vec![0; slots], len: 0, tombstones: 0 }
    }

    /// A table holding `entries` (hashes and values), or `Err` with two values for which `same`
    /// holds. The entries are inserted in their order, no second array allocated: the probes
    /// read the tags (a byte a slot, 1.1 MB for a million entries, mostly in the cache) and the
    /// writes of the slots do not wait on one another. (Permuting the entries in place by home
    /// slot first, to keep the probes local, made every step of the permutation wait for a
    /// cache miss: at 1M claims it was most of the key index's build time.)
    pub(crate) fn build(entries: Vec<(u64, u32)>, same: impl Fn(u32, u32) -> bool) -> Result<IndexTable, (u32, u32)> {
        let mut table = IndexTable::with_capacity(entries.len());
        if entries.is_empty() {
            return Ok(table);
        }
        for &(hash, value) in &entries {
            let mixed = mix(hash);
            let tag = tag_of(mixed);
            let mut at = table.home(mixed);
            loop {
                match table.tags[at] {
                    EMPTY => break,
                    t if t == tag && same(table.slots[at], value) => return Err((table.slots[at], value)),
                    _ => at = table.next(at),
                }
            }
            table.tags[at] = tag;
            table.slots[at] = value;
        }
        table.len = entries.len();
        Ok(table)
    }

    /// Number of entries.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The bytes of heap the table holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.tags.capacity() + self.slots.capacity() * std::mem::size_of::<u32>()
    }

    #[inline]
    fn home(&self, mixed: u64) -> usize {
        ((u128::from(mixed) * self.tags.len() as u128) >> 64) as usize
    }

    #[inline]
    fn next(&self, at: usize) -> usize {
        if at + 1 == self.tags.len() { 0 } else { at + 1 }
    }

    /// The slot holding the value with this hash for which `eq` holds.
    #[inline]
    fn position(&self, hash: u64, mut eq: impl FnMut(u32) -> bool) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let mixed = mix(hash);
        let tag = tag_of(mixed);
        let mut at = self.home(mixed);
        loop {
            match self.tags[at] {
                EMPTY => return None,
                t if t == tag && eq(self.slots[at]) => return Some(at),
                _ => at = self.next(at),
            }
        }
    }

    /// The value with this hash for which `eq` holds.
    #[inline]
    pub(crate) fn find(&self, hash: u64, eq: impl FnMut(u32) -> bool) -> Option<u32> {
        self.position(hash, eq).map(|at| self.slots[at])
    }

    /// Adds `value` under `hash`, which the caller has checked no equal value holds;
    /// `hash_of` gives the hash of a value already in the table (for growing it).
    pub(crate) fn insert_unique(&mut self, hash: u64, value: u32, hash_of: impl Fn(u32) -> u64) {
        self.reserve_one(&hash_of);
        let mixed = mix(hash);
        let mut at = self.home(mixed);
        while self.tags[at] < TOMBSTONE {
            at = self.next(at);
        }
        if self.tags[at] == TOMBSTONE {
            self.tombstones -= 1;
        }
        self.tags[at] = tag_of(mixed);
        self.slots[at] = value;
        self.len += 1;
    }

    /// Adds `value` under `hash` unless a value for which `eq` holds is there: then `Err` with it.
    pub(crate) fn try_insert(
        &mut self,
        hash: u64,
        value: u32,
        mut eq: impl FnMut(u32) -> bool,
        hash_of: impl Fn(u32) -> u64,
    ) -> Result<(), u32> {
        // Room first, so that the probe below finds the slot the value goes in.
        self.reserve_one(&hash_of);
        let mixed = mix(hash);
        let tag = tag_of(mixed);
        let mut at = self.home(mixed);
        let mut free = None;
        loop {
            match self.tags[at] {
                EMPTY => break,
                TOMBSTONE => free = free.or(Some(at)),
                t if t == tag && eq(self.slots[at]) => return Err(self.slots[at]),
                _ => {}
            }
            at = self.next(at);
        }
        let at = match free {
            Some(tombstone) => {
                self.tombstones -= 1;
                tombstone
            }
            None => at,
        };
        self.tags[at] = tag;
        self.slots[at] = value;
        self.len += 1;
        Ok(())
    }

    /// Removes and returns the value with this hash for which `eq` holds.
    pub(crate) fn remove(&mut self, hash: u64, eq: impl FnMut(u32) -> bool) -> Option<u32> {
        let at = self.position(hash, eq)?;
        self.tags[at] = TOMBSTONE;
        self.len -= 1;
        self.tombstones += 1;
        Some(self.slots[at])
    }

    /// Every value, in slot order.
    pub(crate) fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.tags.iter().zip(&self.slots).filter(|(t, _)| **t < TOMBSTONE).map(|(_, &v)| v)
    }

    /// Makes room for one more entry: when live entries and tombstones would pass 7/8 of the
    /// slots, rehashes into twice the room if the live entries take more than half of it, else
    /// into as many slots without the tombstones.
    fn reserve_one(&mut self, hash_of: &impl Fn(u32) -> u64) {
        let used = self.len + self.tombstones + 1;
        let limit = self.tags.len().saturating_sub(1).saturating_mul(7);
        if used * 8 <= limit {
            return;
        }
        let slots = if (self.len + 1) * 16 > limit { slots_for((self.len + 1) * 2) } else { self.tags.len() };
        let mut fresh = IndexTable { tags: vec![EMPTY; slots], slots: vec![0; slots], len: self.len, tombstones: 0 };
        for value in self.values() {
            let mixed = mix(hash_of(value));
            let mut at = fresh.home(mixed);
            while fresh.tags[at] != EMPTY {
                at = fresh.next(at);
            }
            fresh.tags[at] = tag_of(mixed);
            fresh.slots[at] = value;
        }
        *self = fresh;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Keys that collide on purpose: every hash is one of 37.
    fn hash(key: u32) -> u64 {
        u64::from(key % 37)
    }

    #[test]
    fn a_table_agrees_with_a_map_through_inserts_removals_and_growth() {
        let mut table = IndexTable::default();
        let mut model: HashMap<u32, ()> = HashMap::new();
        let mut x = 99u32;
        for step in 0..50_000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let key = (x >> 8) % 3_000;
            if step % 3 == 2 {
                assert_eq!(table.remove(hash(key), |v| v == key), model.remove(&key).map(|()| key), "step {step}");
            } else {
                let inserted = table.try_insert(hash(key), key, |v| v == key, hash);
                assert_eq!(inserted.is_ok(), model.insert(key, ()).is_none(), "step {step}");
            }
            assert_eq!(table.len(), model.len());
            assert!(table.len() + table.tombstones < table.tags.len(), "a probe always ends");
        }
        for key in 0..3_000 {
            assert_eq!(table.find(hash(key), |v| v == key).is_some(), model.contains_key(&key), "key {key}");
        }
        let mut values: Vec<u32> = table.values().collect();
        values.sort_unstable();
        let mut expected: Vec<u32> = model.keys().copied().collect();
        expected.sort_unstable();
        assert_eq!(values, expected);
    }

    #[test]
    fn a_presized_table_holds_its_entries_in_about_eight_sevenths_of_their_slots() {
        let n = 1_000_000;
        let mut table = IndexTable::with_capacity(n);
        let hash = |v: u32| u64::from(v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for v in 0..n as u32 {
            table.insert_unique(hash(v), v, hash);
        }
        assert_eq!(table.tags.len(), slots_for(n), "no growth");
        assert!(table.heap_bytes() < n * 6);
        assert_eq!(table.find(hash(777), |v| v == 777), Some(777));
        assert_eq!(table.find(hash(n as u32), |v| v == n as u32), None);
        table.insert_unique(hash(n as u32), n as u32, hash);
        assert!(table.tags.len() >= 2 * n, "the insert past the room doubles it");
        assert_eq!(table.find(hash(5), |v| v == 5), Some(5));
    }

    #[test]
    fn a_bulk_build_finds_what_inserts_find_and_refuses_a_value_twice() {
        let keys: Vec<u32> = (0..20_000).map(|i| i * 7 + 3).collect();
        let hash = |v: u32| u64::from(v % 1_000) << 40 | u64::from(v);
        let entries: Vec<(u64, u32)> = keys.iter().map(|&k| (hash(k), k)).collect();
        let table = IndexTable::build(entries.clone(), |a, b| a == b).unwrap();
        assert_eq!(table.len(), keys.len());
        assert_eq!(table.tags.len(), slots_for(keys.len()));
        for &k in &keys {
            assert_eq!(table.find(hash(k), |v| v == k), Some(k));
        }
        assert_eq!(table.find(hash(4), |v| v == 4), None);
        // Two values whose keys are the same (here: the same key, 10 values apart): the one
        // built first and the later one are named.
        let mut twice: Vec<(u64, u32)> = entries.iter().map(|&(h, v)| (h, v * 10)).collect();
        twice.push((hash(keys[77]), keys[77] * 10 + 1));
        let same_key = |a: u32, b: u32| a / 10 == b / 10;
        assert_eq!(IndexTable::build(twice, same_key).unwrap_err(), (keys[77] * 10, keys[77] * 10 + 1));
        // Equal hashes, different values: both held.
        let clash = [(5, 1), (5, 2), (5, 3)];
        let table = IndexTable::build(clash.to_vec(), |a, b| a == b).unwrap();
        assert_eq!((1..4).map(|v| table.find(5, |x| x == v)).collect::<Vec<_>>(), [Some(1), Some(2), Some(3)]);
        assert!(IndexTable::build(Vec::new(), |a, b| a == b).unwrap().find(5, |_| true).is_none());
    }

    #[test]
    fn tombstones_are_cleared_by_a_rehash_and_never_grow_the_table_alone() {
        let mut table = IndexTable::with_capacity(100);
        let slots = table.tags.len();
        for round in 0..1_000u32 {
            for v in 0..50 {
                let key = round * 50 + v;
                table.insert_unique(hash(key), key, hash);
            }
            for v in 0..50 {
                let key = round * 50 + v;
                assert_eq!(table.remove(hash(key), |x| x == key), Some(key));
            }
        }
        assert_eq!(table.len(), 0);
        assert_eq!(table.tags.len(), slots, "the live entries never outgrew the room");
    }
}
