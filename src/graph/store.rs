//! What the claim, source and actor stores share: records by dense index, each entity's key
//! stored once in a text arena with the rest of its texts, the key index over them, and the data
//! file of each entity.
//!
//! [`RecordStore`] holds these and does everything that does not depend on what a record
//! encodes: reserving a key, placing the key when a reserved record is filled, finding a key,
//! telling a live record from a reserved or removed one, and rewriting the text arena without the
//! bytes no record uses. A record type says what it needs to through [`KeyedRecord`] (and
//! [`Removable`], for the stores whose entities can be removed). Each store keeps its own side
//! arrays (times, relays, authors, aliases...), its record's encoding and its handle.

use super::keys::{KeyIndex, Origins, hash as key_hash};

/// Whether a record's id is reserved (during a load), holds an entity, or was removed.
///
/// Actor records serialize it as it is; claim records pack it into their kind byte (hence the
/// explicit values); source records, never removed, keep a two-state enum of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum State {
    Reserved = 0,
    Live = 1,
    Removed = 2,
}

/// A stored entity whose texts are one run of its store's text arena, starting with its key.
pub(crate) trait KeyedRecord {
    /// The entities, plural, for the message of a store outgrowing 32-bit indices.
    const ENTITIES: &'static str;

    /// A reserved record: only the key, `key_len` bytes at `text_at` in the arena.
    fn reserved(text_at: usize, key_len: usize) -> Self;

    fn state(&self) -> State;

    #[inline]
    fn is_live(&self) -> bool {
        self.state() == State::Live
    }

    /// Where the record's texts (its key first) start in the arena.
    fn text_at(&self) -> usize;

    /// Moves the record's texts to `at` (when the arena is rewritten).
    fn set_text_at(&mut self, at: usize);

    fn key_len(&self) -> usize;

    /// The record's key, given the arena.
    #[inline]
    fn key<'s>(&self, text: &'s str) -> &'s str {
        let at = self.text_at();
        &text[at..at + self.key_len()]
    }
}

/// A record whose entity can be removed (claims and actors; sources never are).
pub(crate) trait Removable: KeyedRecord {
    fn set_removed(&mut self);
}

/// Records by dense index, their texts, their keys indexed and their origins.
#[derive(Clone, Debug)]
pub(crate) struct RecordStore<R> {
    pub(crate) keys: KeyIndex,
    pub(crate) records: Vec<R>,
    pub(crate) origins: Origins,
    /// The texts of every record, back to back.
    pub(crate) text: String,
    pub(crate) live: usize,
    /// What no live record uses: bytes of `text`, and entries of the store's side arrays (the
    /// store counts those). Keys a load reserved and then wrote again count here too.
    pub(crate) garbage: usize,
}

impl<R> Default for RecordStore<R> {
    fn default() -> Self {
        RecordStore {
            keys: KeyIndex::default(),
            records: Vec::new(),
            origins: Origins::default(),
            text: String::new(),
            live: 0,
            garbage: 0,
        }
    }
}

impl<R: KeyedRecord> RecordStore<R> {
    /// A store of the records, texts and origins of a snapshot, once the store has checked them;
    /// the keys are not indexed yet (see [`key_index`](Self::key_index)).
    pub(crate) fn from_checked(records: Vec<R>, origins: Origins, text: String, live: usize, garbage: usize) -> Self {
        RecordStore { keys: KeyIndex::default(), records, origins, text, live, garbage }
    }

    pub(crate) fn key_of<'a>(&'a self) -> impl Fn(u32) -> &'a str + 'a {
        |i| self.records[i as usize].key(&self.text)
    }

    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        if let Some(holder) = self.keys.find(key, self.key_of()) {
            return Err(holder as usize);
        }
        let index = self.records.len();
        // `u32::MAX` is kept free: records hold ids with it as "none".
        let at = u32::try_from(index)
            .ok()
            .filter(|&i| i != u32::MAX)
            .unwrap_or_else(|| panic!("more than u32::MAX - 1 {}", R::ENTITIES));
        self.records.push(R::reserved(self.text.len(), key.len()));
        self.text.push_str(key);
        let (keys, records, text) = (&mut self.keys, &self.records, &self.text);
        keys.insert(key, at, |i| records[i as usize].key(text));
        self.origins.push(index, origin);
        Ok(index)
    }

    /// The first step of filling the reserved record `index` with an entity whose key is `key`:
    /// where its texts start. The key stays where it was reserved if nothing followed it; else it
    /// is written again, so that the entity's other texts (which the caller appends next) follow
    /// it, and the old copy is garbage (a load reserves every key before it fills any entity).
    pub(crate) fn place_key(&mut self, index: usize, key: &str) -> usize {
        let reserved = &self.records[index];
        debug_assert!(reserved.state() == State::Reserved && reserved.key(&self.text) == key);
        if reserved.text_at() + reserved.key_len() == self.text.len() {
            reserved.text_at()
        } else {
            self.garbage += reserved.key_len();
            let at = self.text.len();
            self.text.push_str(key);
            at
        }
    }

    /// The last step of filling: `record`, live, replaces the reserved one at `index`.
    pub(crate) fn set_filled(&mut self, index: usize, record: R) {
        debug_assert!(record.is_live());
        self.records[index] = record;
        self.live += 1;
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.keys.find(key, self.key_of()).map(|i| i as usize)
    }

    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        self.records.get(index).is_some_and(|r| r.state() != State::Removed)
    }

    /// The live record at `index`.
    #[inline]
    pub(crate) fn get(&self, index: usize) -> Option<&R> {
        self.records.get(index).filter(|r| r.is_live())
    }

    /// The live records with their indices, in index order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, &R)> + '_ {
        self.records.iter().enumerate().filter(|(_, r)| r.is_live())
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.origins.get(index)
    }

    /// Number of live records.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Number of ids ever issued (the bound for per-id vectors).
    pub(crate) fn capacity(&self) -> usize {
        self.records.len()
    }

    /// Copies the texts the records use, in record order, into a new arena, and clears the
    /// garbage. `text_len` gives the length of a live record's texts (a reserved one has only its
    /// key); `moved` sees every record kept (all but the removed), after its texts moved, so that
    /// the store can move its side arrays in the same pass.
    pub(crate) fn rewrite_text(&mut self, text_len: impl Fn(&R) -> usize, mut moved: impl FnMut(&mut R)) {
        let mut text = String::with_capacity(self.text.len() - self.garbage.min(self.text.len()));
        for record in &mut self.records {
            let len = match record.state() {
                State::Removed => continue,
                State::Live => text_len(record),
                State::Reserved => record.key_len(),
            };
            let at = record.text_at();
            record.set_text_at(text.len());
            text.push_str(&self.text[at..at + len]);
            moved(record);
        }
        self.text = text;
        self.garbage = 0;
    }

    /// The bytes of heap of the records, the text arena, the key index and the origins.
    pub(crate) fn heap_bytes(&self) -> [usize; 4] {
        [
            self.records.capacity() * std::mem::size_of::<R>(),
            self.text.capacity(),
            self.keys.heap_bytes(),
            self.origins.heap_bytes(),
        ]
    }

    /// The key index of the live records; `Err` names a key held by two of them, with the
    /// index of the second.
    pub(crate) fn key_index(&self) -> Result<KeyIndex, (usize, String)> {
        // Lossless: the stores refuse snapshots of more than `u32::MAX` records.
        let entries: Vec<(u64, u32)> = self.iter().map(|(i, r)| (key_hash(r.key(&self.text)), i as u32)).collect();
        let key_of = self.key_of();
        let (a, b) = match KeyIndex::build(entries, |a, b| key_of(a) == key_of(b)) {
            Ok(keys) => return Ok(keys),
            Err(pair) => pair,
        };
        // Some key is held twice: the first record (in index order) holding a key held before
        // is the one named.
        let mut keys = KeyIndex::with_capacity(self.live);
        for (i, record) in self.iter() {
            let key = record.key(&self.text);
            if keys.try_insert(key, i as u32, self.key_of()).is_err() {
                return Err((i, format!("duplicate id {key:?}")));
            }
        }
        let later = a.max(b);
        Err((later as usize, format!("duplicate id {:?}", key_of(later))))
    }
}

impl<R: Removable> RecordStore<R> {
    /// Marks the live record at `index` removed and forgets its key; `freed` is what it used
    /// (bytes of text and entries of side arrays), now garbage.
    pub(crate) fn remove(&mut self, index: usize, freed: usize) {
        let (keys, records, text) = (&mut self.keys, &self.records, &self.text);
        let record = &records[index];
        debug_assert!(record.is_live());
        keys.remove(record.key(text), |i| records[i as usize].key(text));
        self.records[index].set_removed();
        self.garbage += freed;
        self.live -= 1;
    }
}
