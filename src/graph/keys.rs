//! Key interning without a second copy of the keys, and the data file of each entity.
//!
//! An entity's data-file id (its key) is stored once, with the entity. [`KeyIndex`] is a hash
//! table of entity indices only: it finds an index by key by hashing the key and comparing it
//! with the stored keys of the candidates, so interning costs about six bytes per entity
//! instead of a boxed copy of every key.

use std::hash::Hasher;

use super::hash::IdHasher;
use super::table::IndexTable;

/// Entity indices by key; the keys themselves live with the entities.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyIndex {
    table: IndexTable,
}

/// The hash of a key, as the index files it.
pub(crate) fn hash(key: &str) -> u64 {
    let mut h = IdHasher::default();
    h.write(key.as_bytes());
    h.write_usize(key.len());
    h.finish()
}

impl KeyIndex {
    pub(crate) fn with_capacity(n: usize) -> KeyIndex {
        KeyIndex { table: IndexTable::with_capacity(n) }
    }

    /// An index of entities given by their keys' hashes ([`hash`]) and indices, built in bulk;
    /// `Err` with two indices for which `same` holds (it compares the two entities' keys).
    pub(crate) fn build(entries: Vec<(u64, u32)>, same: impl Fn(u32, u32) -> bool) -> Result<KeyIndex, (u32, u32)> {
        IndexTable::build(entries, same).map(|table| KeyIndex { table })
    }

    /// The index holding `key`; `key_of` gives the key of an indexed entity.
    pub(crate) fn find<'a>(&self, key: &str, key_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        self.table.find(hash(key), |i| key_of(i) == key)
    }

    /// Indexes `index` under `key`, which the caller has checked is not indexed yet.
    pub(crate) fn insert<'a>(&mut self, key: &str, index: u32, key_of: impl Fn(u32) -> &'a str) {
        self.table.insert_unique(hash(key), index, |i| hash(key_of(i)));
    }

    /// Indexes `index` under `key`, unless the key is indexed already: then `Err` with its index.
    pub(crate) fn try_insert<'a>(&mut self, key: &str, index: u32, key_of: impl Fn(u32) -> &'a str) -> Result<(), u32> {
        self.table.try_insert(hash(key), index, |i| key_of(i) == key, |i| hash(key_of(i)))
    }

    /// The bytes of heap the table holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.heap_bytes()
    }

    /// Forgets `key`.
    pub(crate) fn remove<'a>(&mut self, key: &str, key_of: impl Fn(u32) -> &'a str) {
        self.table.remove(hash(key), |i| key_of(i) == key);
    }
}

/// The end of a run of texts stored back to back in `text` from `at`, with these lengths; `None`
/// unless the start and every end fall on a character boundary within `text` (checks a
/// snapshot's stores before any text is sliced).
pub(crate) fn text_run_end(text: &str, at: usize, lens: impl IntoIterator<Item = usize>) -> Option<usize> {
    let mut end = at;
    if !text.is_char_boundary(end) {
        return None;
    }
    for len in lens {
        end = end.checked_add(len).filter(|&end| text.is_char_boundary(end))?;
    }
    Some(end)
}

/// The data file each entity was loaded from, as runs of consecutive indices: entities are
/// loaded file by file, so a whole file's entities share one run.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Origins {
    /// `(first index, file)`, by increasing first index; a run lasts until the next one starts.
    runs: Vec<(u32, Option<u32>)>,
}

impl Origins {
    /// Records the origin of entity `index`, the next index after every one recorded so far.
    pub(crate) fn push(&mut self, index: usize, origin: Option<u32>) {
        if self.runs.last().is_none_or(|&(_, file)| file != origin) {
            self.runs.push((u32::try_from(index).expect("more than u32::MAX entities"), origin));
        }
    }

    /// The file entity `index` came from.
    pub(crate) fn get(&self, index: usize) -> Option<u32> {
        let after = self.runs.partition_point(|&(first, _)| first as usize <= index);
        after.checked_sub(1).and_then(|r| self.runs[r].1)
    }

    /// The bytes of heap the runs hold.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.runs.capacity() * std::mem::size_of::<(u32, Option<u32>)>()
    }

    /// Why the runs are inconsistent with `len` entities and `files` files, if they are.
    pub(crate) fn problem(&self, len: usize, files: usize) -> Option<String> {
        if let Some(&(first, _)) = self.runs.first()
            && first != 0
        {
            return Some(format!("origins start at entity {first}, not 0"));
        }
        if self.runs.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Some("origin runs out of order".to_owned());
        }
        if let Some(&(first, _)) = self.runs.last()
            && first as usize >= len.max(1)
        {
            return Some(format!("an origin run starts at entity {first} of {len}"));
        }
        if let Some(file) = self.runs.iter().filter_map(|r| r.1).find(|&f| f as usize >= files) {
            return Some(format!("origin file #{file} of {files}"));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_run_must_stay_on_character_boundaries_within_the_text() {
        let text = "keyÜquote"; // "Ü" takes bytes 3 and 4
        assert_eq!(text_run_end(text, 0, [3, 2, 5]), Some(10));
        assert_eq!(text_run_end(text, 10, []), Some(10));
        assert_eq!(text_run_end(text, 0, [4]), None, "inside a character");
        assert_eq!(text_run_end(text, 4, [1]), None, "starting inside a character");
        assert_eq!(text_run_end(text, 3, [2, 6]), None, "beyond the text");
        assert_eq!(text_run_end(text, 11, []), None);
        assert_eq!(text_run_end(text, 1, [usize::MAX]), None, "overflow");
    }

    #[test]
    fn keys_are_found_by_content_and_forgotten() {
        let keys = ["a", "b", "claim_1", "claim_10"];
        let mut index = KeyIndex::default();
        for (i, k) in keys.iter().enumerate() {
            index.insert(k, i as u32, |i| keys[i as usize]);
        }
        assert_eq!(index.find("claim_10", |i| keys[i as usize]), Some(3));
        assert_eq!(index.try_insert("b", 9, |i| keys[i as usize]), Err(1));
        index.remove("b", |i| keys[i as usize]);
        assert_eq!(index.find("b", |i| keys[i as usize]), None);
        assert_eq!(index.find("claim_1", |i| keys[i as usize]), Some(2));
    }

    #[test]
    fn origins_are_runs() {
        let mut o = Origins::default();
        for (i, f) in [Some(0), Some(0), None, Some(1), Some(1), Some(0)].into_iter().enumerate() {
            o.push(i, f);
        }
        assert_eq!(o.runs.len(), 4);
        let got: Vec<_> = (0..6).map(|i| o.get(i)).collect();
        assert_eq!(got, [Some(0), Some(0), None, Some(1), Some(1), Some(0)]);
        assert_eq!(o.problem(6, 2), None);
        assert!(o.problem(6, 1).unwrap().contains("file #1"));
        assert!(o.problem(3, 2).is_some());
    }
}
