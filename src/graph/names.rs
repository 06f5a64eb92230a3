//! The actors bearing each folded name, without a heap string or vector per name.
//!
//! Every distinct folded name is stored once in one text buffer and interned by a [`KeyIndex`];
//! the actors bearing it form a linked list in one shared array, in the order they were indexed.
//! A name costs about 40 bytes plus its text, instead of a `String` and a `Vec` with their two
//! allocations.

use super::keys::KeyIndex;
use crate::ActorId;

/// The end of an actor list.
const END: u32 = u32::MAX;

/// One distinct folded name: its place in [`NameIndex::text`] and its list of actors.
#[derive(Clone, Copy, Debug)]
struct Name {
    at: u32,
    len: u32,
    /// The first and last link of its actors, [`END`] when every one was unindexed.
    first: u32,
    last: u32,
}

/// One actor bearing a name, and the next link of the name's list.
#[derive(Clone, Copy, Debug)]
struct Link {
    actor: ActorId,
    next: u32,
}

/// Actors by folded name (see [`fold_name`](crate::fold_name)).
#[derive(Clone, Debug, Default)]
pub(crate) struct NameIndex {
    text: String,
    names: Vec<Name>,
    links: Vec<Link>,
    /// The name with each text; a name whose list emptied stays until the next rebuild.
    index: KeyIndex,
    /// Links no list reaches any more (left by removals); the index is rebuilt without them
    /// once they are half of all links.
    orphans: usize,
}

impl NameIndex {
    /// An empty index with room for `names` names of `bytes` bytes in all, so that indexing
    /// them allocates nothing more (folding rarely lengthens a name).
    pub(crate) fn with_capacity(names: usize, bytes: usize) -> NameIndex {
        NameIndex {
            text: String::with_capacity(bytes),
            names: Vec::with_capacity(names),
            links: Vec::with_capacity(names),
            index: KeyIndex::with_capacity(names),
            orphans: 0,
        }
    }

    fn text_of<'a>(text: &'a str, names: &'a [Name]) -> impl Fn(u32) -> &'a str + 'a {
        move |i| {
            let n = names[i as usize];
            &text[n.at as usize..(n.at + n.len) as usize]
        }
    }

    /// The bytes of heap the index holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.names.capacity() * std::mem::size_of::<Name>()
            + self.links.capacity() * std::mem::size_of::<Link>()
            + self.index.heap_bytes()
    }

    fn find(&self, folded: &str) -> Option<&Name> {
        let i = self.index.find(folded, Self::text_of(&self.text, &self.names))?;
        Some(&self.names[i as usize])
    }

    /// The actors bearing `folded`, in the order they were added.
    pub(crate) fn get<'a>(&'a self, folded: &str) -> impl Iterator<Item = ActorId> + use<'a> {
        self.list(self.find(folded).map_or(END, |n| n.first))
    }

    /// The actors of the list starting at link `at`.
    fn list(&self, mut at: u32) -> impl Iterator<Item = ActorId> + '_ {
        std::iter::from_fn(move || {
            let link = self.links.get(at as usize)?;
            at = link.next;
            Some(link.actor)
        })
    }

    /// Adds `actor` to the bearers of `folded`, unless it is among them already. Actors are added
    /// in id order (as the graph issues them), so the list of each name stays in id order.
    pub(crate) fn add(&mut self, folded: &str, actor: ActorId) {
        let found = self.index.find(folded, Self::text_of(&self.text, &self.names));
        let name = match found {
            Some(i) => i as usize,
            None => {
                let i = self.names.len();
                let at = u32::try_from(self.text.len()).expect("names longer than 4 GiB in all");
                let len = u32::try_from(folded.len()).expect("a name longer than 4 GiB");
                self.text.push_str(folded);
                self.names.push(Name { at, len, first: END, last: END });
                let index = u32::try_from(i).expect("more than u32::MAX names");
                self.index.insert(folded, index, Self::text_of(&self.text, &self.names));
                i
            }
        };
        // Actors are indexed in id order (ids only grow), so an actor already bearing this name
        // (under another spelling that folds alike) is the last one listed.
        let last = self.names[name].last;
        if last != END && self.links[last as usize].actor == actor {
            return;
        }
        let link = u32::try_from(self.links.len()).expect("more than u32::MAX name links");
        self.links.push(Link { actor, next: END });
        let entry = &mut self.names[name];
        match entry.last {
            END => entry.first = link,
            last => self.links[last as usize].next = link,
        }
        entry.last = link;
    }

    /// Removes `actor` from the bearers of `folded`.
    pub(crate) fn remove(&mut self, folded: &str, actor: ActorId) {
        let Some(i) = self.index.find(folded, Self::text_of(&self.text, &self.names)) else { return };
        let name = &mut self.names[i as usize];
        let (mut prev, mut at) = (END, name.first);
        while at != END {
            let link = self.links[at as usize];
            if link.actor == actor {
                match prev {
                    END => name.first = link.next,
                    p => self.links[p as usize].next = link.next,
                }
                if name.last == at {
                    name.last = prev;
                }
                self.orphans += 1;
                if self.orphans > 1024 && self.orphans * 2 > self.links.len() {
                    self.rebuild();
                }
                return;
            }
            (prev, at) = (at, link.next);
        }
    }
}

impl NameIndex {
    /// The same index without orphaned links or emptied names, names and actors in their order.
    fn rebuild(&mut self) {
        let mut fresh = NameIndex::default();
        for name in &self.names {
            let text = &self.text[name.at as usize..(name.at + name.len) as usize];
            for actor in self.list(name.first) {
                fresh.add(text, actor);
            }
        }
        *self = fresh;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bearers(index: &NameIndex, name: &str) -> Vec<u32> {
        index.get(name).map(|a| a.0).collect()
    }

    #[test]
    fn names_keep_their_actors_in_order_once_each() {
        let mut index = NameIndex::default();
        index.add("tokayev", ActorId(1));
        index.add("tokayev", ActorId(3));
        index.add("kasym zhomart tokayev", ActorId(3));
        index.add("tokayev", ActorId(3));
        index.add("tokayev", ActorId(7));
        assert_eq!(bearers(&index, "tokayev"), [1, 3, 7]);
        assert_eq!(bearers(&index, "kasym zhomart tokayev"), [3]);
        assert_eq!(bearers(&index, "putin"), Vec::<u32>::new());
    }

    #[test]
    fn removal_unlinks_first_middle_and_last_and_allows_re_adding() {
        let mut index = NameIndex::default();
        for a in [1, 2, 3, 4] {
            index.add("csto", ActorId(a));
        }
        index.remove("csto", ActorId(2));
        assert_eq!(bearers(&index, "csto"), [1, 3, 4]);
        index.remove("csto", ActorId(1));
        assert_eq!(bearers(&index, "csto"), [3, 4]);
        index.remove("csto", ActorId(4));
        assert_eq!(bearers(&index, "csto"), [3]);
        index.add("csto", ActorId(5));
        assert_eq!(bearers(&index, "csto"), [3, 5]);
        index.remove("csto", ActorId(3));
        index.remove("csto", ActorId(5));
        index.remove("csto", ActorId(9));
        assert_eq!(bearers(&index, "csto"), Vec::<u32>::new());
        index.add("csto", ActorId(6));
        assert_eq!(bearers(&index, "csto"), [6]);
    }

    #[test]
    fn removals_are_reclaimed_by_a_rebuild_that_keeps_every_list() {
        let mut index = NameIndex::default();
        for a in 0..3000 {
            index.add(&format!("name {}", a % 100), ActorId(a));
            index.add("shared", ActorId(a));
        }
        for a in (0..3000).filter(|a| a % 3 != 0) {
            index.remove(&format!("name {}", a % 100), ActorId(a));
            index.remove("shared", ActorId(a));
        }
        assert!(index.orphans < index.links.len(), "a rebuild ran");
        assert!(index.links.len() < 6000);
        let kept: Vec<u32> = (0..3000).filter(|a| a % 3 == 0).collect();
        assert_eq!(bearers(&index, "shared"), kept);
        for n in 0..100 {
            let expected: Vec<u32> = kept.iter().copied().filter(|a| a % 100 == n).collect();
            assert_eq!(bearers(&index, &format!("name {n}")), expected);
        }
        index.add("shared", ActorId(3000));
        assert_eq!(bearers(&index, "shared").last(), Some(&3000));
    }
}
