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
    mut component: impl FnMut(Component<'_>),
) {
    let links = |s: SourceId| graph.source(s).map_or(&[][..], |s| s.derived_from());
    let mut t = Tarjan::default();
    let mut members: Vec<SourceId> = Vec::new();
    let mut finished = 0u32;
    for &start in starts {
        if t.local.contains_key(&start) {
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
                match t.local.get(&d.source) {
                    None => t.visit(d.source),
                    Some(&w) if t.done[w as usize] == OPEN => t.low[v as usize] = t.low[v as usize].min(w),
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
                links(m)
                    .iter()
                    .filter(|d| follow(d))
                    .any(|d| t.local.get(&d.source).is_some_and(|&w| t.done[w as usize] != finished))
            });
            component(Component { members: &members, exits });
            finished += 1;
        }
    }
}

/// The component number of a source still on the Tarjan stack.
const OPEN: u32 = u32::MAX;

/// The state of [`components`]: each source met gets a local number, its discovery index.
#[derive(Default)]
struct Tarjan {
    local: IdMap<SourceId, u32>,
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
}
