//! Counting, within a proposition group, the claims each claim meets in time and in value, in
//! O(n log n): the machinery that keeps contradictions and corroborations below the square of a
//! group's size.
//!
//! Each fact becomes an [`Item`]: its time scope, and its value as a closed interval of keys such
//! that two values *agree* (are not [`Agreement::Different`](super::Agreement::Different)) exactly
//! when their key intervals meet. Then "claims that overlap in time and agree in value" is the
//! intersection of rectangles, and "overlap in time and differ in value" is the overlap in time
//! minus it; both are counted for every fact by sweeps over sorted bounds with Fenwick trees.
//!
//! The value keys, by kind:
//! - actors, claims, truth values and texts: a point per value (agreement is equality);
//! - dates: the day bounds (dates agree when they overlap);
//! - quantities: `[h⁺, hi]`, where `h` is the largest number such that any value whose upper bound
//!   is at most `h` lies beyond the tolerance below this one, and `h⁺` the next number above it.
//!   When every finite bound is non-negative, the relative gap to a lower value depends on the
//!   higher value alone (its largest finite bound is the scale) and shrinks as the lower value's
//!   upper bound grows, so `h` is found by a binary search on the very test
//!   [`compare_facts`] makes, bit for bit. A quantity with a negative bound, a half-undefined
//!   bound or a negative tolerance has no such key: its group is compared pair by pair.
//!   A wholly undefined quantity (NaN, from an unknown unit) agrees with every quantity.

use super::compare::{Agreement, compare_facts, relative_gap};
use crate::graph::{Fact, FactValue};

/// A fact as the sweeps compare it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    /// The day bounds of its time scope.
    pub(crate) t0: i32,
    pub(crate) t1: i32,
    /// Its value's key interval (see the module documentation).
    pub(crate) e0: u128,
    pub(crate) e1: u128,
}

/// The kind of a value, in the high bits of its keys: values of different kinds never agree.
const fn kind(k: u128) -> u128 {
    k << 64
}

/// A float's bits, mapped so that the integers sort as the floats do.
fn ordered(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

/// The item of a fact, or `None` when its value has no key interval (see the module
/// documentation) and its group must be compared pair by pair.
pub(crate) fn item(tolerance: f64, f: &Fact) -> Option<Item> {
    let (t0, t1) = f.time;
    if t0 > t1 {
        return None;
    }
    let (e0, e1) = match f.value() {
        FactValue::Id(x) => (kind(0) | u128::from(x), kind(0) | u128::from(x)),
        FactValue::Bool(x) => (kind(1) | u128::from(x), kind(1) | u128::from(x)),
        FactValue::Text(x) => (kind(2) | u128::from(x), kind(2) | u128::from(x)),
        FactValue::Date(lo, hi) => {
            if lo > hi {
                return None;
            }
            let key = |d: i32| kind(3) | u128::from((i64::from(d) - i64::from(i32::MIN)) as u64);
            (key(lo), key(hi))
        }
        FactValue::Quantity(lo, hi) => quantity_keys(tolerance, lo, hi)?,
    };
    Some(Item { t0, t1, e0, e1 })
}

fn quantity_keys(tolerance: f64, lo: f64, hi: f64) -> Option<(u128, u128)> {
    if tolerance.is_nan() || tolerance < 0.0 {
        return None;
    }
    if lo.is_nan() && hi.is_nan() {
        return Some((kind(4), kind(4) | u128::from(u64::MAX)));
    }
    // Adding zero turns -0 into 0, which the comparisons treat alike.
    let (lo, hi) = (lo + 0.0, hi + 0.0);
    let regular = !lo.is_nan()
        && !hi.is_nan()
        && lo <= hi
        && lo < f64::INFINITY
        && hi > f64::NEG_INFINITY
        && (lo >= 0.0 || lo == f64::NEG_INFINITY)
        && hi >= 0.0;
    if !regular {
        return None;
    }
    let below = match farthest_below(tolerance, lo, hi) {
        Some(h) => ordered(h.next_up()),
        None => ordered(f64::NEG_INFINITY),
    };
    Some((kind(4) | u128::from(below), kind(4) | u128::from(ordered(hi))))
}

/// The largest non-negative `h` below `lo` such that a value whose upper bound is `h` differs
/// from `[lo, hi]` beyond the tolerance, by the test [`compare_facts`] makes.
fn farthest_below(tolerance: f64, lo: f64, hi: f64) -> Option<f64> {
    if lo <= 0.0 {
        return None;
    }
    let differs = |h: f64| relative_gap((h, h), (lo, hi)) > tolerance;
    if !differs(0.0) {
        return None;
    }
    // The bound in exact arithmetic, then a few steps to where the rounded test turns.
    let scale = if hi.is_finite() { hi } else { lo };
    let guess = (lo - tolerance * scale).max(0.0);
    let mut h = if guess < lo { guess } else { lo.next_down() };
    for _ in 0..16 {
        match (differs(h), h.next_up()) {
            (true, up) if up < lo && !differs(up) => return Some(h),
            (true, up) if up < lo => h = up,
            (true, _) => return Some(h),
            (false, _) if h > 0.0 => h = h.next_down().max(0.0),
            (false, _) => break,
        }
    }
    // Non-negative floats sort as their bits: search the last bit pattern that still differs.
    let (mut yes, mut no) = (0u64, lo.to_bits());
    while no - yes > 1 {
        let mid = yes + (no - yes) / 2;
        if differs(f64::from_bits(mid)) {
            yes = mid;
        } else {
            no = mid;
        }
    }
    Some(f64::from_bits(yes))
}

/// The items of these facts, or `None` if one has no key interval.
pub(crate) fn items<'a>(tolerance: f64, facts: impl IntoIterator<Item = &'a Fact>) -> Option<Vec<Item>> {
    facts.into_iter().map(|f| item(tolerance, f)).collect()
}

/// Whether two facts' values agree (are not `Different`), by [`compare_facts`] itself: the
/// definition the key intervals reproduce, used pair by pair in small groups and as the fallback.
#[inline]
pub(crate) fn agree(tolerance: f64, a: &Fact, b: &Fact) -> bool {
    // Values that agree only when equal are compared as they are stored.
    match (a.exact(), b.exact()) {
        (Some(x), Some(y)) => x == y,
        _ => compare_facts(tolerance, &a.value(), &b.value()) != Agreement::Different,
    }
}

/// A Fenwick tree of counts.
struct Counts(Vec<i32>);

impl Counts {
    fn new(n: usize) -> Counts {
        Counts(vec![0; n + 1])
    }

    fn add(&mut self, at: usize, d: i32) {
        let mut i = at + 1;
        while i < self.0.len() {
            self.0[i] += d;
            i += i & i.wrapping_neg();
        }
    }

    /// The sum over positions below `end`.
    fn below(&self, end: usize) -> i32 {
        let (mut i, mut s) = (end.min(self.0.len() - 1), 0);
        while i > 0 {
            s += self.0[i];
            i &= i - 1;
        }
        s
    }
}

/// The connected components of value agreement among `members`, pair by pair (each in index
/// order, ordered by their first member).
pub(crate) fn agreeing_components(tol: f64, facts: &[Fact], members: &[u32]) -> Vec<Vec<u32>> {
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..members.len() {
        for j in i + 1..members.len() {
            if agree(tol, &facts[members[i] as usize], &facts[members[j] as usize]) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut slot = vec![usize::MAX; members.len()];
    for (i, &m) in members.iter().enumerate() {
        let root = find(&mut parent, i);
        if slot[root] == usize::MAX {
            slot[root] = out.len();
            out.push(Vec::new());
        }
        out[slot[root]].push(m);
    }
    out
}

/// The most members [`small_clusters`] takes.
pub(crate) const SMALL: usize = 8;

/// [`agreeing_clusters`] for at most [`SMALL`] members and no extra facts, pair by pair with
/// its state on the stack: calls `cluster` with the members of each cluster, in index order
/// (the clusters in no particular order). Most proposition groups are this small.
pub(crate) fn small_clusters(tol: f64, facts: &[Fact], members: &[u32], mut cluster: impl FnMut(&[u32])) {
    // Two claims, the most common case: one cluster if they meet, else two.
    if let &[a, b] = members {
        let (fa, fb) = (&facts[a as usize], &facts[b as usize]);
        if fa.overlaps(fb) && agree(tol, fa, fb) {
            cluster(&[a.min(b), a.max(b)]);
        } else {
            cluster(&[a]);
            cluster(&[b]);
        }
        return;
    }
    let n = members.len().min(SMALL);
    let fact = |k: usize| &facts[members[k] as usize];
    let mut root = [0u8; SMALL];
    for (k, r) in root.iter_mut().enumerate() {
        *r = k as u8;
    }
    fn find(root: &[u8; SMALL], mut i: u8) -> u8 {
        while root[i as usize] != i {
            i = root[i as usize];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if agree(tol, fact(i), fact(j)) {
                let (a, b) = (find(&root, i as u8), find(&root, j as u8));
                root[a.max(b) as usize] = a.min(b);
            }
        }
    }
    // By value component, then by the start of the time scope: each component's time runs.
    let mut order = [(0u8, 0i32, 0u8); SMALL];
    for (k, o) in order.iter_mut().enumerate().take(n) {
        *o = (find(&root, k as u8), fact(k).time.0, k as u8);
    }
    let order = &mut order[..n];
    order.sort_unstable();
    let (mut run, mut len) = ([0u32; SMALL], 0);
    let (mut component, mut reach) = (0u8, i32::MIN);
    for &(c, t0, k) in order.iter() {
        if len > 0 && (c != component || t0 > reach) {
            run[..len].sort_unstable();
            cluster(&run[..len]);
            len = 0;
        }
        let t1 = fact(k as usize).time.1;
        (component, reach) = if len == 0 { (c, t1) } else { (c, reach.max(t1)) };
        run[len] = members[k as usize];
        len += 1;
    }
    if len > 0 {
        run[..len].sort_unstable();
        cluster(&run[..len]);
    }
}

/// Clusters of `members` (indices into `facts`) that state one proposition: facts whose values
/// agree in a chain, then whose time scopes overlap in a chain; each with the facts of `extra`
/// that meet its span of values and its span of times (the carriers of the cluster, listed apart).
/// O((m + e) log m) plus the clusters each extra fact meets; pair by pair when a value has no key
/// interval (the extra facts then join the clusters with a member they meet).
pub(crate) fn agreeing_clusters(tol: f64, facts: &[Fact], members: &[u32], extra: &[u32]) -> Vec<(Vec<u32>, Vec<u32>)> {
    let time = |i: u32| facts[i as usize].time;
    // Small cases pair by pair, with the same result: a lone claim's spans are its own, and
    // without extra facts the clusters are the components the chains find.
    if let [only] = members {
        let f = &facts[*only as usize];
        let met = extra.iter().copied().filter(|&x| {
            let fx = &facts[x as usize];
            f.overlaps(fx) && agree(tol, f, fx)
        });
        return vec![(vec![*only], met.collect())];
    }
    if extra.is_empty() && members.len() <= 8 {
        return agreeing_components(tol, facts, members)
            .iter()
            .flat_map(|run| chains(run, time))
            .map(|cluster| (cluster, Vec::new()))
            .collect();
    }
    let keys = items(tol, members.iter().map(|&i| &facts[i as usize]));
    let extra_keys = items(tol, extra.iter().map(|&i| &facts[i as usize]));
    let (Some(keys), Some(extra_keys)) = (keys, extra_keys) else {
        let mut out: Vec<(Vec<u32>, Vec<u32>)> = agreeing_components(tol, facts, members)
            .iter()
            .flat_map(|run| chains(run, time))
            .map(|cluster| (cluster, Vec::new()))
            .collect();
        for &x in extra {
            let fx = &facts[x as usize];
            for (cluster, carried) in &mut out {
                let meets = |&i: &u32| {
                    let f = &facts[i as usize];
                    f.overlaps(fx) && agree(tol, f, fx)
                };
                if cluster.iter().any(meets) {
                    carried.push(x);
                }
            }
        }
        return out;
    };
    // Value runs, in increasing and disjoint spans of keys; in each, time runs likewise.
    let positions: Vec<u32> = (0..members.len() as u32).collect();
    let runs = chains(&positions, |k| (keys[k as usize].e0, keys[k as usize].e1));
    let mut value_spans: Vec<(u128, u128)> = runs
        .iter()
        .map(|run| {
            let lo = run.iter().map(|&k| keys[k as usize].e0).min().unwrap_or(0);
            (lo, run.iter().map(|&k| keys[k as usize].e1).max().unwrap_or(0))
        })
        .collect();
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_unstable_by_key(|&r| value_spans[r]);
    value_spans.sort_unstable();
    let mut out: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
    // For each value run (in span order): its clusters' indices in `out` and their time spans.
    let mut time_runs: Vec<Vec<(i32, i32, usize)>> = Vec::with_capacity(runs.len());
    for &r in &order {
        let run: Vec<u32> = runs[r].iter().map(|&k| members[k as usize]).collect();
        let mut spans = Vec::new();
        for cluster in chains(&run, time) {
            let lo = cluster.iter().map(|&i| facts[i as usize].time.0).min().unwrap_or(0);
            let hi = cluster.iter().map(|&i| facts[i as usize].time.1).max().unwrap_or(0);
            spans.push((lo, hi, out.len()));
            out.push((cluster, Vec::new()));
        }
        spans.sort_unstable();
        time_runs.push(spans);
    }
    for (&x, key) in extra.iter().zip(&extra_keys) {
        let first = value_spans.partition_point(|s| s.1 < key.e0);
        for r in first..value_spans.len() {
            if value_spans[r].0 > key.e1 {
                break;
            }
            let spans = &time_runs[r];
            for &(lo, _, c) in &spans[spans.partition_point(|s| s.1 < key.t0)..] {
                if lo > key.t1 {
                    break;
                }
                out[c].1.push(x);
            }
        }
    }
    out
}

/// For each item of `queries`, how many items of `set` overlap it in time and agree with it in
/// value. O((q + s) log s).
pub(crate) fn meeting(queries: &[Item], set: &[Item]) -> Vec<u32> {
    let mut out = vec![0u32; queries.len()];
    if queries.is_empty() || set.is_empty() {
        return out;
    }
    let mut coords: Vec<u128> = set.iter().flat_map(|s| [s.e0, s.e1]).collect();
    coords.sort_unstable();
    coords.dedup();
    let at = |k: u128| coords.partition_point(|&c| c < k);
    let upto = |k: u128| coords.partition_point(|&c| c <= k);
    let r0: Vec<usize> = set.iter().map(|s| at(s.e0)).collect();
    let r1: Vec<usize> = set.iter().map(|s| at(s.e1)).collect();
    let mut by_start: Vec<u32> = (0..set.len() as u32).collect();
    by_start.sort_unstable_by_key(|&i| set[i as usize].t0);
    let mut by_end = by_start.clone();
    by_end.sort_unstable_by_key(|&i| set[i as usize].t1);
    let mut order: Vec<u32> = (0..queries.len() as u32).collect();
    order.sort_unstable_by_key(|&i| queries[i as usize].t0);
    // Items of `set` whose value starts at or below `e1` and ends below `e0` of a query: those that
    // agree with it are the first minus the second.
    let agreeing = |c0: &Counts, c1: &Counts, q: &Item| c0.below(upto(q.e1)) - c1.below(at(q.e0));

    // Items that began no later than the query and still run when it begins.
    let (mut c0, mut c1) = (Counts::new(coords.len()), Counts::new(coords.len()));
    let (mut i, mut j) = (0, 0);
    for &q in &order {
        let item = &queries[q as usize];
        while i < set.len() && set[by_start[i] as usize].t0 <= item.t0 {
            let s = by_start[i] as usize;
            c0.add(r0[s], 1);
            c1.add(r1[s], 1);
            i += 1;
        }
        // An item that ended before the query began also began before it: it was added.
        while j < set.len() && set[by_end[j] as usize].t1 < item.t0 {
            let s = by_end[j] as usize;
            c0.add(r0[s], -1);
            c1.add(r1[s], -1);
            j += 1;
        }
        out[q as usize] = agreeing(&c0, &c1, item) as u32;
    }

    // Items that begin after the query begins and no later than it ends: a range of `by_start`,
    // counted as the difference of two prefixes, each read when the sweep reaches it.
    let starts: Vec<i32> = by_start.iter().map(|&s| set[s as usize].t0).collect();
    let mut reads: Vec<(u32, u32, bool)> = Vec::with_capacity(2 * queries.len());
    for (q, item) in queries.iter().enumerate() {
        let from = starts.partition_point(|&t| t <= item.t0) as u32;
        let to = starts.partition_point(|&t| t <= item.t1) as u32;
        if to > from {
            reads.push((from, q as u32, false));
            reads.push((to, q as u32, true));
        }
    }
    reads.sort_unstable();
    let (mut c0, mut c1) = (Counts::new(coords.len()), Counts::new(coords.len()));
    let mut added = 0usize;
    for (k, q, plus) in reads {
        while added < k as usize {
            let s = by_start[added] as usize;
            c0.add(r0[s], 1);
            c1.add(r1[s], 1);
            added += 1;
        }
        let n = agreeing(&c0, &c1, &queries[q as usize]);
        let cell = &mut out[q as usize];
        *cell = if plus { cell.wrapping_add(n as u32) } else { cell.wrapping_sub(n as u32) };
    }
    out
}

/// For each item of `queries`, how many items of `set` overlap it in time. O((q + s) log s).
pub(crate) fn meeting_in_time(queries: &[Item], set: &[Item]) -> Vec<u32> {
    let mut starts: Vec<i32> = set.iter().map(|s| s.t0).collect();
    let mut ends: Vec<i32> = set.iter().map(|s| s.t1).collect();
    starts.sort_unstable();
    ends.sort_unstable();
    queries
        .iter()
        .map(|q| (starts.partition_point(|&t| t <= q.t1) - ends.partition_point(|&t| t < q.t0)) as u32)
        .collect()
}

/// Splits `members` (indices into `items`) into runs whose intervals, as `span` reads them, chain
/// together (each overlaps the union of those before it in the run); each run in the order of
/// `members`' indices. O(m log m).
pub(crate) fn chains<K: Ord + Copy>(members: &[u32], span: impl Fn(u32) -> (K, K)) -> Vec<Vec<u32>> {
    let mut sorted = members.to_vec();
    sorted.sort_unstable_by_key(|&i| (span(i).0, i));
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut reach: Option<K> = None;
    for i in sorted {
        let (lo, hi) = span(i);
        match reach {
            Some(r) if lo <= r => {
                out.last_mut().expect("a run is open").push(i);
                reach = Some(r.max(hi));
            }
            _ => {
                out.push(vec![i]);
                reach = Some(hi);
            }
        }
    }
    for run in &mut out {
        run.sort_unstable();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaimId;
    use crate::model::{Modality, Polarity, Stance};

    fn fact(value: FactValue, time: (i32, i32)) -> Fact {
        Fact::new(ClaimId(0), Polarity::Affirmed, Modality::Asserted, Stance::Own, value, time)
    }

    #[test]
    fn key_intervals_meet_exactly_when_values_agree() {
        let mut values = Vec::new();
        for lo in [0.0, -0.0, 1.0, 5.0, 9.0, 10.0, 10.5, 11.0, 90.0, 99.0, 100.0, 110.0, 1e9, f64::NAN] {
            for width in [0.0, 0.5, 1.0, 10.0, f64::INFINITY] {
                values.push(FactValue::Quantity(lo, lo + width));
            }
            values.push(FactValue::Quantity(f64::NEG_INFINITY, lo));
        }
        for tol in [0.0, 0.05, 0.1, 0.5, 1.0, 2.0] {
            for a in &values {
                for b in &values {
                    let (fa, fb) = (fact(*a, (0, 0)), fact(*b, (0, 0)));
                    let (Some(x), Some(y)) = (item(tol, &fa), item(tol, &fb)) else { continue };
                    let meet = x.e0 <= y.e1 && y.e0 <= x.e1;
                    assert_eq!(meet, agree(tol, &fa, &fb), "{a:?} {b:?} at {tol}");
                }
            }
        }
        assert!(item(0.1, &fact(FactValue::Quantity(-5.0, 1.0), (0, 0))).is_none());
        assert!(item(0.1, &fact(FactValue::Quantity(f64::NAN, 1.0), (0, 0))).is_none());
    }

    #[test]
    fn clusters_by_keys_are_the_components_pair_by_pair() {
        let mut state = 3u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for round in 0..300 {
            let facts: Vec<Fact> = (0..9 + next(60) as usize)
                .map(|_| {
                    let value = if round % 2 == 0 {
                        let lo = [100.0, 104.0, 109.0, 150.0, 0.0, f64::NAN][next(6) as usize];
                        FactValue::Quantity(lo, lo + [0.0, 3.0, f64::INFINITY][next(3) as usize])
                    } else {
                        let lo = next(40) as i32;
                        FactValue::Date(lo, lo + next(5) as i32)
                    };
                    let t0 = next(30) as i32;
                    fact(value, (t0, t0 + next(4) as i32))
                })
                .collect();
            let members: Vec<u32> = (0..facts.len() as u32).collect();
            // One extra fact that meets nothing sends the clusters through the keys.
            let mut with_extra = facts.clone();
            with_extra.push(fact(FactValue::Bool(true), (0, 0)));
            let mut by_keys: Vec<Vec<u32>> = agreeing_clusters(0.05, &with_extra, &members, &[facts.len() as u32])
                .into_iter()
                .map(|(cluster, carried)| {
                    assert!(carried.is_empty());
                    cluster
                })
                .collect();
            let mut pairwise: Vec<Vec<u32>> = agreeing_components(0.05, &facts, &members)
                .iter()
                .flat_map(|run| chains(run, |i| facts[i as usize].time))
                .collect();
            by_keys.sort();
            pairwise.sort();
            assert_eq!(by_keys, pairwise, "round {round}");
        }
    }

    #[test]
    fn small_clusters_are_the_clusters() {
        let mut state = 11u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for round in 0..2000 {
            let facts: Vec<Fact> = (0..1 + next(SMALL as u64) as usize + 2)
                .map(|_| {
                    let value = match round % 3 {
                        0 => {
                            let lo = [100.0, 104.0, 109.0, 150.0, 0.0][next(5) as usize];
                            FactValue::Quantity(lo, lo + [0.0, 3.0, f64::INFINITY][next(3) as usize])
                        }
                        1 => {
                            let lo = next(12) as i32;
                            FactValue::Date(lo, lo + next(3) as i32)
                        }
                        _ => FactValue::Id(next(3) as u32),
                    };
                    let t0 = next(10) as i32;
                    fact(value, (t0, t0 + next(3) as i32))
                })
                .collect();
            // A subset of the facts, in index order, of at most SMALL.
            let members: Vec<u32> = (0..facts.len() as u32).filter(|_| next(4) != 0).take(SMALL).collect();
            let mut small = Vec::new();
            small_clusters(0.05, &facts, &members, |c| small.push(c.to_vec()));
            let mut all: Vec<Vec<u32>> =
                agreeing_clusters(0.05, &facts, &members, &[]).into_iter().map(|(c, _)| c).collect();
            small.sort();
            all.sort();
            assert_eq!(small, all, "round {round}");
        }
    }

    #[test]
    fn counts_match_pairs() {
        let mut state = 7u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for _ in 0..200 {
            let (nq, ns) = (1 + next(40) as usize, next(40) as usize);
            let mut make = |n: usize| -> Vec<Item> {
                (0..n)
                    .map(|_| {
                        let (t0, e0) = (next(20) as i32, u128::from(next(20)));
                        Item { t0, t1: t0 + next(6) as i32, e0, e1: e0 + u128::from(next(4)) }
                    })
                    .collect()
            };
            let (q, s) = (make(nq), make(ns));
            let both = meeting(&q, &s);
            let time = meeting_in_time(&q, &s);
            for (i, a) in q.iter().enumerate() {
                let t = s.iter().filter(|b| a.t0 <= b.t1 && b.t0 <= a.t1);
                assert_eq!(time[i] as usize, t.clone().count());
                assert_eq!(both[i] as usize, t.filter(|b| a.e0 <= b.e1 && b.e0 <= a.e1).count());
            }
        }
    }
}
