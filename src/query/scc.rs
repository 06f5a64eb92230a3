//! Strongly connected sets of sources along derivation links: Tarjan's algorithm with an explicit
//! stack, so that the depth of the source graph (a chain or ring of any length) never becomes
//! the depth of the call stack.

use crate::graph::IdMap;
use crate::{ClaimGraph, Derivation, SourceId};

/// One strongly connected set of sources, as found by [`components`].
pub(super) struct Component<'a> {
    /// The sources of the set, in the order the search met them.
    pub(super) members: &'a [SourceId],
    /// Whether a followed link leaves the set.
    pub(super) exits: bool,
}

/// Visits every strongly connected set of the sources reachable from `starts` along the
/// derivation links `follow` accepts, each after every set it links to (reverse topological
/// order), and calls `component` with it.
///
/// Complexity: O(sources + links) of the part of the source graph reachable from `starts`,
/// with memory on the heap only.
pub(super) fn components(
    graph: &ClaimGraph,
    starts: &[SourceId],
    follow: impl Fn(&Derivation) -> bool,
    component: impl FnMut(Component<'_>),
) {
    components_around(graph, starts, follow, |_| false, component);
}

/// [`components`], where the caller has already settled some sources (`settled`): a followed
/// link to a settled source leaves its set (`exits`), and the walk goes no further. A settled
/// source is never a member of a set, nor may it be one of `starts`.
pub(super) fn components_around(
    graph: &ClaimGraph,
    starts: &[SourceId],
    follow: impl Fn(&Derivation) -> bool,
    settled: impl Fn(SourceId) -> bool,
    mut component: impl FnMut(Component<'_>),
) {
    let links = |s: SourceId| graph.source(s).map_or(&[][..], |s| s.derived_from());
    let mut t = Tarjan::default();
    if starts.len() >= Marks::DENSE_FROM {
        // A walk from many sources meets at least as many: sized for them at once.
        t.local = Marks::for_many(starts);
        t.nodes.reserve(starts.len());
        t.low.reserve(starts.len());
        t.done.reserve(starts.len());
    }
    let mut members: Vec<SourceId> = Vec::new();
    let mut finished = 0u32;
    for &start in starts {
        if t.local.contains(start) {
            continue;
        }
        t.visit(start);
        while let Some(&mut (v, ref mut pos)) = t.calls.last_mut() {
            let here = links(t.nodes[v as usize]);
            if let Some(d) = here.get(*pos) {
                *pos += 1;
                if !follow(d) {
                    continue;
                }
                match t.local.get(d.source) {
                    None if settled(d.source) => {}
                    None => t.visit(d.source),
                    Some(w) if t.done[w as usize] == OPEN => t.low[v as usize] = t.low[v as usize].min(w),
                    Some(_) => {}
                }
                continue;
            }
            t.calls.pop();
            if let Some(&(u, _)) = t.calls.last() {
                t.low[u as usize] = t.low[u as usize].min(t.low[v as usize]);
            }
            if t.low[v as usize] != v {
                continue;
            }
            members.clear();
            loop {
                let w = t.stack.pop().expect("the root of a component is on the stack");
                t.done[w as usize] = finished;
                members.push(t.nodes[w as usize]);
                if w == v {
                    break;
                }
            }
            members.reverse();
            let exits = members.iter().any(|&m| {
                links(m).iter().filter(|d| follow(d)).any(|d| match t.local.get(d.source) {
                    Some(w) => t.done[w as usize] != finished,
                    None => settled(d.source),
                })
            });
            component(Component { members: &members, exits });
            finished += 1;
        }
    }
}

/// A map from sources to numbers for a walk: a hash map while the walk is small, an array
/// indexed by source once it has met a good share of the sources up to the highest index seen
/// (a walk over a long chain or a whole graph then pays no hashing or cache misses per source,
/// and a walk over a few sources of a large graph no array of the graph's size).
#[derive(Clone, Debug)]
pub(super) enum Marks {
    /// Few sources met.
    Sparse(IdMap<SourceId, u32>, usize),
    /// The number of each source by index, [`Marks::ABSENT`] for none.
    Dense(Vec<u32>),
}

impl Default for Marks {
    fn default() -> Marks {
        Marks::Sparse(IdMap::default(), 0)
    }
}

impl Marks {
    const ABSENT: u32 = u32::MAX;
    /// The size from which a sparse map turns dense, if dense enough.
    pub(super) const DENSE_FROM: usize = 4096;

    /// Marks for a walk that meets every source of `sources`: dense from the start when they
    /// are many.
    pub(super) fn for_many(sources: &[SourceId]) -> Marks {
        if sources.len() < Self::DENSE_FROM {
            return Marks::default();
        }
        let highest = sources.iter().map(|s| s.index()).max().unwrap_or(0);
        if sources.len() * 8 > highest { Marks::Dense(vec![Self::ABSENT; highest + 1]) } else { Marks::default() }
    }

    pub(super) fn get(&self, s: SourceId) -> Option<u32> {
        match self {
            Marks::Sparse(map, _) => map.get(&s).copied(),
            Marks::Dense(v) => v.get(s.index()).copied().filter(|&x| x != Self::ABSENT),
        }
    }

    pub(super) fn contains(&self, s: SourceId) -> bool {
        self.get(s).is_some()
    }

    pub(super) fn insert(&mut self, s: SourceId, value: u32) {
        debug_assert!(value != Self::ABSENT);
        match self {
            Marks::Sparse(map, highest) => {
                map.insert(s, value);
                *highest = (*highest).max(s.index());
                if map.len() >= Self::DENSE_FROM && map.len() * 8 > *highest {
                    let mut v = vec![Self::ABSENT; *highest + 1];
                    for (k, &x) in map.iter() {
                        v[k.index()] = x;
                    }
                    *self = Marks::Dense(v);
                }
            }
            Marks::Dense(v) => {
                if s.index() >= v.len() {
                    v.resize((s.index() + 1).max(v.len() * 2), Self::ABSENT);
                }
                v[s.index()] = value;
            }
        }
    }

    pub(super) fn remove(&mut self, s: SourceId) {
        match self {
            Marks::Sparse(map, _) => {
                map.remove(&s);
            }
            Marks::Dense(v) => {
                if let Some(x) = v.get_mut(s.index()) {
                    *x = Self::ABSENT;
                }
            }
        }
    }

    /// Forgets every source, keeping a sparse map's room (a dense array, sized to the graph, is
    /// dropped: clearing it would cost the graph's size).
    pub(super) fn clear(&mut self) {
        match self {
            Marks::Sparse(map, highest) => {
                map.clear();
                *highest = 0;
            }
            Marks::Dense(_) => *self = Marks::default(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        match self {
            Marks::Sparse(map, _) => map.is_empty(),
            Marks::Dense(_) => false,
        }
    }
}

/// The component number of a source still on the Tarjan stack.
const OPEN: u32 = u32::MAX;

/// The state of [`components`]: each source met gets a local number, its discovery index.
#[derive(Default)]
struct Tarjan {
    local: Marks,
    nodes: Vec<SourceId>,
    low: Vec<u32>,
    /// The component number of a finished source, or [`OPEN`].
    done: Vec<u32>,
    /// Tarjan's stack of sources whose component is not finished.
    stack: Vec<u32>,
    /// The explicit call stack: a source and the position of its next link to look at.
    calls: Vec<(u32, usize)>,
}

impl Tarjan {
    fn visit(&mut self, s: SourceId) {
        let i = self.nodes.len() as u32;
        self.local.insert(s, i);
        self.nodes.push(s);
        self.low.push(i);
        self.done.push(OPEN);
        self.stack.push(i);
        self.calls.push((i, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_str;

    fn ring_and_tail() -> ClaimGraph {
        // a → b → c → a, c → d, d → d (a self link), e alone.
        let text = r#"(sources: [
            (id: "a", kind: Article, title: "t", language: "en", derived_from: [(kind: Cites, source: "b")]),
            (id: "b", kind: Article, title: "t", language: "en", derived_from: [(kind: Cites, source: "c")]),
            (id: "c", kind: Article, title: "t", language: "en", derived_from: [(kind: Cites, source: "a"), (kind: Cites, source: "d")]),
            (id: "d", kind: Article, title: "t", language: "en", derived_from: [(kind: Cites, source: "d")]),
            (id: "e", kind: Article, title: "t", language: "en"),
        ])"#;
        load_str("t.ron", text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn components_in_reverse_topological_order() {
        let g = ring_and_tail();
        let id = |k: &str| g.source_id(k).unwrap();
        let mut seen = Vec::new();
        components(
            &g,
            &[id("a"), id("e")],
            |_| true,
            |c| {
                let mut m = c.members.to_vec();
                m.sort();
                seen.push((m, c.exits));
            },
        );
        assert_eq!(seen, vec![(vec![id("d")], false), (vec![id("a"), id("b"), id("c")], true), (vec![id("e")], false)]);
    }

    #[test]
    fn links_not_followed_split_components() {
        let g = ring_and_tail();
        let id = |k: &str| g.source_id(k).unwrap();
        let mut seen = Vec::new();
        components(&g, &[id("a")], |d| d.source != id("a"), |c| seen.push(c.members.to_vec()));
        assert_eq!(seen, vec![vec![id("d")], vec![id("c")], vec![id("b")], vec![id("a")]]);
    }

    #[test]
    fn marks_turn_dense_and_keep_their_values() {
        let id = |i: u32| crate::SourceId(i);
        let mut m = Marks::default();
        for i in 0..5000u32 {
            m.insert(id(i * 2), i);
        }
        assert!(matches!(m, Marks::Dense(_)), "5,000 of 10,000 indices: dense");
        assert_eq!(m.get(id(4000)), Some(2000));
        assert_eq!(m.get(id(4001)), None);
        m.remove(id(4000));
        assert!(!m.contains(id(4000)));
        m.insert(id(1_000_000), 7);
        assert_eq!(m.get(id(1_000_000)), Some(7));
        let mut sparse = Marks::default();
        for i in 0..5000u32 {
            sparse.insert(id(i * 1000), i);
        }
        assert!(matches!(sparse, Marks::Sparse(..)), "5,000 of 5,000,000 indices: sparse");
        assert_eq!(sparse.get(id(3_000_000)), Some(3000));
    }
}
