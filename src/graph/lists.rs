//! Per-entity lists of claims (by subject, speaker, source, ...) in one array.
//!
//! A `Vec` per entity costs a 24-byte header and a heap allocation each, which at one actor per
//! twenty claims is most of what the lists weigh. [`ClaimLists`] keeps every list as a span of
//! one shared array: 12 bytes per entity. A list that outgrows its span moves to the end of the
//! array with room to grow (or grows in place when it is the last one), leaving a hole; the
//! lists are laid out again when holes take more than half of the array.

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
    spans: Vec<Span>,
    ids: Vec<ClaimId>,
    /// Slots of `ids` no span owns any more.
    holes: usize,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("more than u32::MAX entries in claim lists")
}

impl ClaimLists {
    /// Empty lists for entities `0..counts.len()`, laid out back to back, each with room for
    /// exactly its count (for a bulk build that then pushes every claim).
    pub(crate) fn with_counts(counts: &[u32]) -> ClaimLists {
        let mut start = 0u32;
        let spans = counts
            .iter()
            .map(|&cap| {
                let span = Span { start, len: 0, cap };
                start = start.checked_add(cap).expect("more than u32::MAX entries in claim lists");
                span
            })
            .collect();
        ClaimLists { spans, ids: vec![ClaimId(u32::MAX); start as usize], holes: 0 }
    }

    /// The bytes of heap the lists hold.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.spans.capacity() * std::mem::size_of::<Span>() + self.ids.capacity() * std::mem::size_of::<ClaimId>()
    }

    /// The list of entity `i` (empty for an entity never listed).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[ClaimId] {
        self.spans.get(i).map_or(&[], |&s| &self.ids[s.range()])
    }

    /// Whether no entity has a list.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.len == 0)
    }

    /// Appends `id` to the list of entity `i`.
    pub(crate) fn push(&mut self, i: usize, id: ClaimId) {
        if self.spans.len() <= i {
            self.spans.resize(i + 1, Span { start: offset(self.ids.len()), len: 0, cap: 0 });
        }
        let span = self.spans[i];
        if span.len == span.cap {
            self.grow(i);
        }
        let span = &mut self.spans[i];
        self.ids[(span.start + span.len) as usize] = id;
        span.len += 1;
    }

    /// Appends `id` to the list of entity `i` if that entity was counted in
    /// [`with_counts`](Self::with_counts) (and its list is not full); an index beyond them is
    /// skipped (the checks that run beside a bulk build refuse such a graph).
    #[inline]
    pub(crate) fn push_counted(&mut self, i: usize, id: ClaimId) {
        if let Some(span) = self.spans.get_mut(i)
            && span.len < span.cap
        {
            self.ids[(span.start + span.len) as usize] = id;
            span.len += 1;
        }
    }

    /// Gives the full list `i` room to grow: in place when it ends the array, else at the end.
    fn grow(&mut self, i: usize) {
        let span = self.spans[i];
        let cap = (span.cap * 2).max(4);
        let end = (span.start + span.cap) as usize;
        if end == self.ids.len() {
            self.ids.resize(span.start as usize + cap as usize, ClaimId(u32::MAX));
            self.spans[i].cap = cap;
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
        self.spans[i] = Span { start: offset(start), len: span.len, cap };
    }

    /// Removes `id` from the list of entity `i`, keeping the order of the others.
    pub(crate) fn remove(&mut self, i: usize, id: ClaimId) {
        let Some(&span) = self.spans.get(i) else { return };
        let range = span.range();
        if let Some(at) = self.ids[range.clone()].iter().position(|&c| c == id) {
            self.ids.copy_within(range.start + at + 1..range.end, range.start + at);
            self.spans[i].len -= 1;
        }
    }

    /// Lays the lists out again back to back, without holes; `tight`, each with room for exactly
    /// its claims (after a bulk of edits), else each keeping its room to grow.
    pub(crate) fn compact(&mut self, tight: bool) {
        let room = |s: &Span| if tight { s.len } else { s.cap };
        let mut ids = Vec::with_capacity(self.spans.iter().map(|s| room(s) as usize).sum());
        for span in &mut self.spans {
            let start = offset(ids.len());
            let cap = room(span);
            ids.extend_from_slice(&self.ids[span.range()]);
            ids.resize(start as usize + cap as usize, ClaimId(u32::MAX));
            *span = Span { start, len: span.len, cap };
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
        let mut lists_ = ClaimLists::with_counts(&[2, 0, 1]);
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
        // Tight lists still take pushes.
        lists_.push(2, ClaimId(99_999));
        model[2].push(99_999);
        assert_eq!(lists(&lists_, 6), model);
    }

    #[test]
    fn a_counted_build_fills_exactly_and_skips_unknown_entities() {
        let mut l = ClaimLists::with_counts(&[1, 2]);
        l.push_counted(1, ClaimId(5));
        l.push_counted(0, ClaimId(6));
        l.push_counted(7, ClaimId(7));
        l.push_counted(1, ClaimId(8));
        assert_eq!(lists(&l, 3), [vec![6], vec![5, 8], vec![]]);
        assert_eq!(l.ids.len(), 3);
        assert!(!l.is_empty());
    }
}
