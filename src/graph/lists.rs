//! Per-entity lists of claims (by subject, speaker, source, ...) in one array.
//!
//! A `Vec` per entity costs a 24-byte header and a heap allocation each, which at one actor per
//! twenty claims is most of what the lists weigh. [`ClaimLists`] keeps every list in one shared
//! array. Built in bulk (when a graph is loaded), the lists lie back to back without room and an
//! entity costs 4 bytes, where its list starts. The first edit gives each list a span of the
//! array (12 bytes per entity: start, length, room): a list that outgrows its span moves to the
//! end of the array with room to grow (or grows in place when it is the last one), leaving a
//! hole; the lists are laid out again when holes take more than half of the array.

use crate::ClaimId;

/// One entity's list: `len` ids at `start`, with room for `cap`.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
    cap: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// The claims of each entity, by entity index, each list in the order its claims were pushed.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClaimLists {
    /// When the lists lie back to back without room: list `i` is `ids[starts[i]..starts[i + 1]]`
    /// (and `spans` is empty).
    packed: Option<Vec<u32>>,
    /// Otherwise, a span each, with room to grow.
    spans: Vec<Span>,
    ids: Vec<ClaimId>,
    /// Slots of `ids` no span owns any more.
    holes: usize,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("more than u32::MAX entries in claim lists")
}

/// Lists built in bulk: every list's length counted first, then every claim placed, from the
/// last to the first (see [`ClaimLists::counted`]).
#[derive(Debug)]
pub(crate) struct CountedLists {
    /// Where each list ends, less the claims placed in it so far (so, once every claim is
    /// placed, where it starts), then the length of `ids`.
    ends: Vec<u32>,
    ids: Vec<ClaimId>,
}

impl CountedLists {
    /// Prepends `id` to the list of entity `i` (the claims come in decreasing id order, each
    /// list's as many as were counted for it); an entity beyond those counted is skipped (the
    /// checks that run beside a bulk build refuse such a graph).
    #[inline]
    pub(crate) fn push(&mut self, i: usize, id: ClaimId) {
        if i + 1 < self.ends.len()
            && let Some(end) = self.ends[i].checked_sub(1)
        {
            self.ends[i] = end;
            self.ids[end as usize] = id;
        }
    }

    /// The lists, back to back without room.
    pub(crate) fn finish(self) -> ClaimLists {
        ClaimLists { packed: Some(self.ends), spans: Vec::new(), ids: self.ids, holes: 0 }
    }
}

impl ClaimLists {
    /// Empty lists for entities `0..counts.len()` with room for exactly their counts, to be
    /// filled in bulk, from the last claim to the first. The counts become the lists' bounds in
    /// place (give them room for one more entry), so that the build allocates nothing else.
    pub(crate) fn counted(mut counts: Vec<u32>) -> CountedLists {
        let mut at = 0u32;
        for count in &mut counts {
            at = at.checked_add(*count).expect("more than u32::MAX entries in claim lists");
            *count = at;
        }
        counts.push(at);
        CountedLists { ends: counts, ids: vec![ClaimId(u32::MAX); at as usize] }
    }

    /// The bytes of heap the lists hold.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.packed.as_ref().map_or(0, |starts| starts.capacity() * std::mem::size_of::<u32>())
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.ids.capacity() * std::mem::size_of::<ClaimId>()
    }

    /// The list of entity `i` (empty for an entity never listed).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[ClaimId] {
        match &self.packed {
            Some(starts) => match (starts.get(i), starts.get(i + 1)) {
                (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
                _ => &[],
            },
            None => self.spans.get(i).map_or(&[], |&s| &self.ids[s.range()]),
        }
    }

    /// Whether no entity has a list.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty() || (self.packed.is_none() && self.spans.iter().all(|s| s.len == 0))
    }

    /// The spans of the lists, given to a packed layout first (each list's room its length).
    fn spans(&mut self) -> &mut Vec<Span> {
        if let Some(starts) = self.packed.take() {
            self.spans = starts.windows(2).map(|w| Span { start: w[0], len: w[1] - w[0], cap: w[1] - w[0] }).collect();
        }
        &mut self.spans
    }

    /// Appends `id` to the list of entity `i`.
    pub(crate) fn push(&mut self, i: usize, id: ClaimId) {
        let len = self.ids.len();
        let spans = self.spans();
        if spans.len() <= i {
            spans.resize(i + 1, Span { start: offset(len), len: 0, cap: 0 });
        }
        let span = spans[i];
        if span.len == span.cap {
            self.grow(i);
        }
        let span = &mut self.spans()[i];
        let at = (span.start + span.len) as usize;
        span.len += 1;
        self.ids[at] = id;
    }

    /// Gives the full list `i` room to grow: in place when it ends the array, else at the end.
    fn grow(&mut self, i: usize) {
        let span = self.spans()[i];
        let cap = (span.cap * 2).max(4);
        let end = (span.start + span.cap) as usize;
        if end == self.ids.len() {
            self.ids.resize(span.start as usize + cap as usize, ClaimId(u32::MAX));
            self.spans()[i].cap = cap;
            return;
        }
        if self.holes > 1024 && self.holes * 2 > self.ids.len() {
            // Each list keeps its room: a tight layout would make every next push move a list.
            self.compact(false);
            return self.grow(i);
        }
        let start = self.ids.len();
        self.ids.extend_from_within(span.range());
        self.ids.resize(start + cap as usize, ClaimId(u32::MAX));
        self.holes += span.cap as usize;
        self.spans()[i] = Span { start: offset(start), len: span.len, cap };
    }

    /// Removes `id` from the list of entity `i`, keeping the order of the others.
    pub(crate) fn remove(&mut self, i: usize, id: ClaimId) {
        let Some(&span) = self.spans().get(i) else { return };
        let range = span.range();
        if let Some(at) = self.ids[range.clone()].iter().position(|&c| c == id) {
            self.ids.copy_within(range.start + at + 1..range.end, range.start + at);
            self.spans()[i].len -= 1;
        }
    }

    /// Lays the lists out again back to back, without holes; `tight`, without room (packed, as
    /// a bulk build leaves them: after a bulk of edits), else each keeping its room to grow.
    pub(crate) fn compact(&mut self, tight: bool) {
        if self.packed.is_some() {
            return;
        }
        let spans = &mut self.spans;
        let room = |s: &Span| if tight { s.len } else { s.cap };
        let mut ids = Vec::with_capacity(spans.iter().map(|s| room(s) as usize).sum());
        let mut starts = Vec::with_capacity(if tight { spans.len() + 1 } else { 0 });
        for span in spans.iter_mut() {
            let start = offset(ids.len());
            let cap = room(span);
            ids.extend_from_slice(&self.ids[span.range()]);
            ids.resize(start as usize + cap as usize, ClaimId(u32::MAX));
            *span = Span { start, len: span.len, cap };
            if tight {
                starts.push(start);
            }
        }
        if tight {
            starts.push(offset(ids.len()));
            self.packed = Some(starts);
            self.spans = Vec::new();
        }
        self.ids = ids;
        self.holes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists as plain vectors, for comparing with a model.
    fn lists(l: &ClaimLists, n: usize) -> Vec<Vec<u32>> {
        (0..n).map(|i| l.get(i).iter().map(|c| c.0).collect()).collect()
    }

    #[test]
    fn pushes_and_removals_match_a_vector_per_entity() {
        let mut lists_ = ClaimLists::counted(vec![0, 0, 0]).finish();
        let mut model: Vec<Vec<u32>> = vec![Vec::new(); 6];
        // A deterministic mix of pushes to old and new entities and removals, enough to move
        // lists, grow the last in place, and compact.
        let mut x = 12345u32;
        for step in 0..20_000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let i = (x >> 16) as usize % 6;
            if step % 5 == 4 && !model[i].is_empty() {
                let victim = model[i][(x as usize >> 3) % model[i].len()];
                model[i].retain(|&c| c != victim);
                lists_.remove(i, ClaimId(victim));
            } else {
                model[i].push(step);
                lists_.push(i, ClaimId(step));
            }
        }
        assert_eq!(lists(&lists_, 6), model);
        assert!(lists_.get(99).is_empty());
        lists_.compact(false);
        assert_eq!(lists(&lists_, 6), model);
        assert_eq!(lists_.holes, 0);
        lists_.compact(true);
        assert_eq!(lists(&lists_, 6), model);
        assert_eq!(lists_.ids.len(), model.iter().map(Vec::len).sum::<usize>());
        assert!(lists_.packed.is_some() && lists_.spans.is_empty(), "tight lists are packed");
        // Tight lists still take pushes.
        lists_.push(2, ClaimId(99_999));
        model[2].push(99_999);
        assert_eq!(lists(&lists_, 6), model);
    }

    #[test]
    fn a_counted_build_fills_exactly_and_skips_unknown_entities() {
        // With room for the total the build appends: it allocates nothing else.
        let mut counts = Vec::with_capacity(4);
        counts.extend([1, 2, 0]);
        let mut counted = ClaimLists::counted(counts);
        for (i, id) in [(1, 8), (7, 7), (0, 6), (1, 5)] {
            counted.push(i, ClaimId(id));
        }
        let mut l = counted.finish();
        assert_eq!(lists(&l, 4), [vec![6], vec![5, 8], vec![], vec![]]);
        assert_eq!(l.ids.len(), 3);
        assert_eq!(l.heap_bytes(), 4 * 4 + 3 * 4, "four bounds and three ids");
        assert!(!l.is_empty());
        // The first edit gives every list a span, and the lists stay as they were.
        l.push(2, ClaimId(10));
        l.remove(1, ClaimId(5));
        l.push(0, ClaimId(11));
        assert_eq!(lists(&l, 4), [vec![6, 11], vec![8], vec![10], vec![]]);
        // More claims than counted (never, as the counts and the claims come from the same
        // records) misplace ids but never index out of bounds.
        let mut over = ClaimLists::counted(vec![1, 0]);
        for id in 0..5 {
            over.push(id % 2, ClaimId(id as u32));
        }
        assert_eq!(over.finish().ids.len(), 1);
        let mut removed = ClaimLists::counted(vec![2]);
        removed.push(0, ClaimId(2));
        removed.push(0, ClaimId(1));
        let mut removed = removed.finish();
        removed.remove(0, ClaimId(1));
        assert_eq!(lists(&removed, 1), [vec![2]]);
        let mut tight = ClaimLists::counted(vec![1, 1]);
        tight.push(1, ClaimId(2));
        tight.push(0, ClaimId(1));
        let mut tight = tight.finish();
        tight.compact(true);
        assert_eq!(lists(&tight, 2), [vec![1], vec![2]]);
    }
}
