//! Storage of one kind of entity: dense typed ids, never reused, with key interning. (Claims and
//! sources, the numerous kinds, have compact stores of their own: `claims.rs`, `sources.rs`.)

use super::keys::{KeyIndex, Origins};

/// The state of one id's slot.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Slot<T> {
    /// The key is taken and the id issued, the entity not yet stored (during a load).
    Reserved(Box<str>),
    /// The entity.
    Live(T),
    /// Removed; the id is never issued again.
    Removed,
}

/// Entities of one kind, by dense index, with their data-file keys interned.
#[derive(Clone, Debug)]
pub(crate) struct Arena<T> {
    /// The index of every reserved or live entity, by key.
    keys: KeyIndex,
    slots: Vec<Slot<T>>,
    /// The data file each entity was loaded from (index into the graph's file list).
    origins: Origins,
    live: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena { keys: KeyIndex::default(), slots: Vec::new(), origins: Origins::default(), live: 0 }
    }
}

fn key_in<'a, T: Keyed>(slots: &'a [Slot<T>]) -> impl Fn(u32) -> &'a str + 'a {
    move |i| match &slots[i as usize] {
        Slot::Reserved(key) => key,
        Slot::Live(item) => item.key(),
        Slot::Removed => "",
    }
}

impl<T: Keyed> Arena<T> {
    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        let index = self.slots.len();
        let at = u32::try_from(index).expect("more than u32::MAX entities");
        if let Some(holder) = self.keys.find(key, key_in(&self.slots)) {
            return Err(holder as usize);
        }
        self.slots.push(Slot::Reserved(key.into()));
        self.keys.insert(key, at, key_in(&self.slots));
        self.origins.push(index, origin);
        Ok(index)
    }

    pub(crate) fn fill(&mut self, index: usize, item: T) {
        debug_assert!(matches!(&self.slots[index], Slot::Reserved(k) if **k == *item.key()));
        self.slots[index] = Slot::Live(item);
        self.live += 1;
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.keys.find(key, key_in(&self.slots)).map(|i| i as usize)
    }
}

impl<T> Arena<T> {
    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        matches!(self.slots.get(index), Some(Slot::Reserved(_) | Slot::Live(_)))
    }

    pub(crate) fn get(&self, index: usize) -> Option<&T> {
        match self.slots.get(index) {
            Some(Slot::Live(item)) => Some(item),
            _ => None,
        }
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.origins.get(index)
    }

    /// Live entities in id order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, &T)> + '_ {
        self.slots.iter().enumerate().filter_map(|(i, s)| match s {
            Slot::Live(item) => Some((i, item)),
            _ => None,
        })
    }

    /// Number of live entities.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Number of ids ever issued (the bound for per-id vectors).
    pub(crate) fn capacity(&self) -> usize {
        self.slots.len()
    }
}

/// An entity with a data-file key.
pub(crate) trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> &str {
                &self.key
            }
        }
    )*};
}
keyed!(crate::Unit, crate::Predicate, crate::Actor, crate::Conflict);

impl<T: Keyed> Arena<T> {
    /// The slots and origins, for a snapshot.
    pub(crate) fn parts(&self) -> (&[Slot<T>], &Origins) {
        (&self.slots, &self.origins)
    }

    /// Rebuilds an arena from a snapshot's slots and origins; `Err` names what is inconsistent.
    pub(crate) fn from_parts(slots: Vec<Slot<T>>, origins: Origins, files: usize) -> Result<Arena<T>, String> {
        if let Some(problem) = origins.problem(slots.len(), files) {
            return Err(problem);
        }
        let mut keys = KeyIndex::with_capacity(slots.len());
        let mut live = 0;
        for (i, slot) in slots.iter().enumerate() {
            match slot {
                Slot::Live(item) => {
                    let index = u32::try_from(i).map_err(|_| "too many entities".to_owned())?;
                    if keys.try_insert(item.key(), index, key_in(&slots)).is_err() {
                        return Err(format!("duplicate id {:?}", item.key()));
                    }
                    live += 1;
                }
                Slot::Reserved(_) => return Err(format!("slot {i} is reserved but empty")),
                Slot::Removed => {}
            }
        }
        Ok(Arena { keys, slots, origins, live })
    }
}
