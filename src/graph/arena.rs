//! Storage of one kind of entity: dense typed ids, never reused, with key interning.

use indexmap::IndexMap;

/// The state of one id's slot.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
    keys: IndexMap<Box<str>, u32, std::hash::BuildHasherDefault<super::hash::IdHasher>>,
    slots: Vec<Slot<T>>,
    /// The data file each entity was loaded from (index into the graph's file list).
    origins: Vec<Option<u32>>,
    live: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena { keys: IndexMap::default(), slots: Vec::new(), origins: Vec::new(), live: 0 }
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
keyed!(crate::Unit, crate::Predicate, crate::Actor, crate::Source, crate::Claim, crate::Conflict);

impl<T: Keyed> Arena<T> {
    /// The slots and origins, for a snapshot.
    pub(crate) fn parts(&self) -> (&[Slot<T>], &[Option<u32>]) {
        (&self.slots, &self.origins)
    }

    /// Rebuilds an arena from a snapshot's slots and origins; `Err` names what is inconsistent.
    pub(crate) fn from_parts(slots: Vec<Slot<T>>, origins: Vec<Option<u32>>) -> Result<Arena<T>, String> {
        if slots.len() != origins.len() {
            return Err(format!("{} slots but {} origins", slots.len(), origins.len()));
        }
        let mut keys = IndexMap::with_capacity_and_hasher(slots.len(), Default::default());
        let mut live = 0;
        for (i, slot) in slots.iter().enumerate() {
            match slot {
                Slot::Live(item) => {
                    let index = u32::try_from(i).map_err(|_| "too many entities".to_owned())?;
                    if keys.insert(Box::<str>::from(item.key()), index).is_some() {
                        return Err(format!("duplicate id {:?}", item.key()));
                    }
                    live += 1;
                }
                Slot::Reserved => return Err(format!("slot {i} is reserved but empty")),
                Slot::Removed => {}
            }
        }
        Ok(Arena { keys, slots, origins, live })
    }
}
