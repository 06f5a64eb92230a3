//! Storage of one kind of entity: dense typed ids, never reused, with key interning.

use indexmap::IndexMap;

/// The state of one id's slot.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Slot<T> {
    /// The key is taken and the id issued, the entity not yet stored (during a load).
    Reserved,
    /// The entity.
    Live(T),
    /// Removed; the id is never issued again.
    Removed,
}

/// Entities of one kind, by dense index, with their data-file keys interned.
#[derive(Clone, Debug)]
pub(crate) struct Arena<T> {
    /// Key of every reserved or live entity, to its index.
    keys: IndexMap<Box<str>, u32>,
    slots: Vec<Slot<T>>,
    /// The data file each entity was loaded from (index into the graph's file list).
    origins: Vec<Option<u32>>,
    live: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena { keys: IndexMap::new(), slots: Vec::new(), origins: Vec::new(), live: 0 }
    }
}

impl<T> Arena<T> {
    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        if let Some(&i) = self.keys.get(key) {
            return Err(i as usize);
        }
        let index = self.slots.len();
        self.keys.insert(key.into(), u32::try_from(index).expect("more than u32::MAX entities"));
        self.slots.push(Slot::Reserved);
        self.origins.push(origin);
        Ok(index)
    }

    pub(crate) fn fill(&mut self, index: usize, item: T) {
        debug_assert!(matches!(self.slots[index], Slot::Reserved));
        self.slots[index] = Slot::Live(item);
        self.live += 1;
    }

    pub(crate) fn remove(&mut self, index: usize, key: &str) -> Option<T> {
        let slot = self.slots.get_mut(index)?;
        if !matches!(slot, Slot::Live(_)) {
            return None;
        }
        self.keys.swap_remove(key);
        self.live -= 1;
        match std::mem::replace(slot, Slot::Removed) {
            Slot::Live(item) => Some(item),
            _ => None,
        }
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.keys.get(key).map(|&i| i as usize)
    }

    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        matches!(self.slots.get(index), Some(Slot::Reserved | Slot::Live(_)))
    }

    pub(crate) fn get(&self, index: usize) -> Option<&T> {
        match self.slots.get(index) {
            Some(Slot::Live(item)) => Some(item),
            _ => None,
        }
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.origins.get(index).copied().flatten()
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
