//! The argumentation view: which claims stand, given what attacks and supports them.
//!
//! Each claim that takes a stance is an argument. Contradictions give the attacks: the claims on
//! one side of a contradiction attack every claim on the other sides (and the claims of a
//! recorded conflict attack each other). Claims on one side support each other. Dung's grounded
//! extension says which claims stand in any reasonable reading (unattacked, or defended against
//! every attacker by claims that stand); preferred extensions, computed for small components,
//! give the maximal consistent readings. Trust can break ties: with
//! [`Framework::with_preference`], an attack fails when its target is strictly preferred to its
//! attacker (preference-based argumentation).
//!
//! A contradiction with sides of many claims would make every pair an attack; instead each side
//! (each *camp*: sides whose values are compatible stand together) is one *side node* that
//! attacks the claims of the other camps and stands when any of its claims stands. Building the
//! framework costs the claims of each contradiction times its camps: linear for the usual two
//! sides, quadratic only for one contradiction of very many distinct values. Within a
//! contradiction, every claim of a camp attacks every claim of the others: the contradiction
//! query has already grouped the claims that overlap in time.

use std::collections::{BTreeMap, HashMap};

use super::compare::{Agreement, compare_values};
use super::contradictions::{Contradiction, Rule, contradictions};
use crate::{ClaimGraph, ClaimId, Polarity};

/// Where a claim stands in a labelling: in (accepted), out (defeated) or undecided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Accepted: every attacker is out.
    In,
    /// Defeated: some attacker is in.
    Out,
    /// Neither: attacked by claims that are themselves undecided (a standoff).
    Undecided,
}

/// One side of an attack: the claims of one side of a contradiction.
#[derive(Clone, Debug, PartialEq)]
struct SideNode {
    /// The claims (arguments, by index) on this side.
    members: Vec<u32>,
    /// The arguments this side attacks: the claims of the other sides of its contradiction.
    targets: Vec<u32>,
    /// The contradiction it comes from, by index in [`Framework::contradictions`].
    contradiction: u32,
}

/// An argumentation framework over the claims of a graph, from [`Framework::from_graph`].
#[derive(Clone, Debug)]
pub struct Framework {
    /// The arguments: every claim that is on a side of some contradiction, in id order.
    claims: Vec<ClaimId>,
    index: HashMap<ClaimId, u32>,
    sides: Vec<SideNode>,
    /// For each argument, the side nodes that attack it.
    attacked_by: Vec<Vec<u32>>,
    /// For each argument, the side node it belongs to, per contradiction.
    member_of: Vec<Vec<u32>>,
    contradictions: Vec<Contradiction>,
    /// Attacks that fail under the preference: (side node, target argument).
    failed: Vec<(u32, u32)>,
}

/// A claim's status with the reason, from [`Framework::explain`].
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The claim.
    pub claim: ClaimId,
    /// Its status in the grounded labelling.
    pub status: Status,
    /// Claims that attack it (one per attacking side: the first claim of the side that stands,
    /// else the side's first claim).
    pub attackers: Vec<ClaimId>,
    /// Claims on its own side (its supporters), itself excluded.
    pub supporters: Vec<ClaimId>,
    /// Why, in words.
    pub reason: String,
}

impl Framework {
    /// The framework of every contradiction of the graph ([`contradictions`]).
    ///
    /// Complexity: the contradiction scan, plus O(claims of the contradictions) to build.
    ///
    /// ```
    /// use claimgraph::query::{Framework, Status};
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let framework = Framework::from_graph(&graph);
    /// let grounded = framework.grounded();
    /// // Every contested claim gets a status, and the unattacked ones stand.
    /// assert_eq!(grounded.len(), framework.claims().len());
    /// assert!(grounded.iter().any(|(_, s)| *s != Status::In));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_graph(graph: &ClaimGraph) -> Framework {
        Framework::from_contradictions(graph, contradictions(graph))
    }

    /// The framework of the given contradictions (a subset, or [`ContradictionIndex`]'s).
    ///
    /// [`ContradictionIndex`]: super::ContradictionIndex
    pub fn from_contradictions(graph: &ClaimGraph, found: Vec<Contradiction>) -> Framework {
        let mut claims: Vec<ClaimId> = found.iter().flat_map(|c| c.claims.iter().copied()).collect();
        claims.sort();
        claims.dedup();
        let index: HashMap<ClaimId, u32> = claims.iter().enumerate().map(|(i, &c)| (c, i as u32)).collect();
        let mut framework = Framework {
            attacked_by: vec![Vec::new(); claims.len()],
            member_of: vec![Vec::new(); claims.len()],
            claims,
            index,
            sides: Vec::new(),
            contradictions: Vec::new(),
            failed: Vec::new(),
        };
        for (k, contradiction) in found.iter().enumerate() {
            let groups = sides_of(graph, contradiction);
            let first = framework.sides.len() as u32;
            let all: Vec<u32> = groups.iter().flatten().map(|c| framework.index[c]).collect();
            for (g, members) in groups.iter().enumerate() {
                let members: Vec<u32> = members.iter().map(|c| framework.index[c]).collect();
                let targets: Vec<u32> = all.iter().copied().filter(|a| !members.contains(a)).collect();
                let node = first + g as u32;
                for &m in &members {
                    framework.member_of[m as usize].push(node);
                }
                for &t in &targets {
                    framework.attacked_by[t as usize].push(node);
                }
                framework.sides.push(SideNode { members, targets, contradiction: k as u32 });
            }
        }
        framework.contradictions = found;
        framework
    }

    /// The same framework where an attack fails when its target is strictly preferred to every
    /// claim of the attacking side (`preference` gives each claim a weight, e.g. the trust of its
    /// speaker or source). Ties keep the attack.
    pub fn with_preference(mut self, preference: impl Fn(ClaimId) -> f64) -> Framework {
        let weight: Vec<f64> = self.claims.iter().map(|&c| preference(c)).collect();
        self.failed.clear();
        for (s, side) in self.sides.iter().enumerate() {
            let strongest = side.members.iter().map(|&m| weight[m as usize]).fold(f64::NEG_INFINITY, f64::max);
            for &t in &side.targets {
                if weight[t as usize] > strongest {
                    self.failed.push((s as u32, t));
                }
            }
        }
        self.failed.sort_unstable();
        self
    }

    /// The arguments: the claims on a side of some contradiction, in id order.
    pub fn claims(&self) -> &[ClaimId] {
        &self.claims
    }

    /// The contradictions the attacks come from.
    pub fn contradictions(&self) -> &[Contradiction] {
        &self.contradictions
    }

    fn attack_holds(&self, side: u32, target: u32) -> bool {
        self.failed.binary_search(&(side, target)).is_err()
    }

    /// The grounded labelling: each claim in, out or undecided, in claim order. The least fixed
    /// point of "in when every attacker is out, out when some attacker is in".
    ///
    /// Complexity: O(claims + attacks between sides), each side node counted once per target.
    pub fn grounded(&self) -> Vec<(ClaimId, Status)> {
        let n = self.claims.len();
        // Live attacking sides per argument; a side attacks while it is not out (some member
        // not yet out) and its attack holds.
        let mut live_attackers: Vec<u32> = (0..n)
            .map(|a| self.attacked_by[a].iter().filter(|&&s| self.attack_holds(s, a as u32)).count() as u32)
            .collect();
        let mut side_not_out: Vec<u32> = self.sides.iter().map(|s| s.members.len() as u32).collect();
        let mut side_in = vec![false; self.sides.len()];
        let mut status = vec![Status::Undecided; n];
        let mut queue: Vec<u32> = (0..n as u32).filter(|&a| live_attackers[a as usize] == 0).collect();
        // Arguments become in (queue) or out; both propagate.
        let mut outs: Vec<u32> = Vec::new();
        loop {
            if let Some(a) = queue.pop() {
                if status[a as usize] != Status::Undecided {
                    continue;
                }
                status[a as usize] = Status::In;
                for &s in &self.member_of[a as usize] {
                    if side_in[s as usize] {
                        continue;
                    }
                    side_in[s as usize] = true;
                    for &t in &self.sides[s as usize].targets {
                        if self.attack_holds(s, t) && status[t as usize] == Status::Undecided {
                            status[t as usize] = Status::Out;
                            outs.push(t);
                        }
                    }
                }
            } else if let Some(o) = outs.pop() {
                for &s in &self.member_of[o as usize] {
                    side_not_out[s as usize] -= 1;
                    if side_not_out[s as usize] == 0 {
                        // Every claim of this side is out: it attacks no more.
                        for &t in &self.sides[s as usize].targets {
                            if self.attack_holds(s, t) {
                                live_attackers[t as usize] -= 1;
                                if live_attackers[t as usize] == 0 {
                                    queue.push(t);
                                }
                            }
                        }
                    }
                }
            } else {
                break;
            }
        }
        self.claims.iter().copied().zip(status).collect()
    }

    /// The preferred extensions (maximal admissible sets) of each connected component of at most
    /// `max_claims` claims, by component: each extension is a sorted list of claims. Larger
    /// components are left out (the problem is NP-hard); their claims keep their grounded status.
    ///
    /// Complexity: exponential in the component size, hence the cap (16 is a few milliseconds).
    pub fn preferred(&self, max_claims: usize) -> Vec<Vec<Vec<ClaimId>>> {
        let mut out = Vec::new();
        for component in self.components() {
            if component.len() > max_claims.min(30) {
                continue;
            }
            let local: HashMap<u32, usize> = component.iter().enumerate().map(|(i, &a)| (a, i)).collect();
            // attackers[i]: bit set of the local arguments attacking i.
            let mut attackers = vec![0u32; component.len()];
            for (i, &a) in component.iter().enumerate() {
                for &s in &self.attacked_by[a as usize] {
                    if !self.attack_holds(s, a) {
                        continue;
                    }
                    for &m in &self.sides[s as usize].members {
                        attackers[i] |= 1 << local[&m];
                    }
                }
            }
            let n = component.len();
            let attacks_set = |set: u32, i: usize| attackers[i] & set != 0;
            let admissible = |set: u32| {
                (0..n).all(|i| {
                    if set >> i & 1 == 0 {
                        return true;
                    }
                    // Conflict-free, and every attacker of a member is attacked by the set.
                    attackers[i] & set == 0
                        && (0..n).filter(|&b| attackers[i] >> b & 1 == 1).all(|b| attacks_set(set, b))
                })
            };
            let sets: Vec<u32> = (0..1u32 << n).filter(|&s| admissible(s)).collect();
            let maximal: Vec<u32> =
                sets.iter().copied().filter(|&s| !sets.iter().any(|&t| t != s && t & s == s)).collect();
            let mut extensions: Vec<Vec<ClaimId>> = maximal
                .into_iter()
                .map(|s| (0..n).filter(|&i| s >> i & 1 == 1).map(|i| self.claims[component[i] as usize]).collect())
                .collect();
            extensions.sort();
            out.push(extensions);
        }
        out
    }

    /// The connected components of the attack graph, each sorted, in order of their first claim.
    fn components(&self) -> Vec<Vec<u32>> {
        let n = self.claims.len();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn find(parent: &mut [u32], mut i: u32) -> u32 {
            while parent[i as usize] != i {
                parent[i as usize] = parent[parent[i as usize] as usize];
                i = parent[i as usize];
            }
            i
        }
        for side in &self.sides {
            let anchor = side.members.first().or(side.targets.first());
            for &x in side.members.iter().chain(&side.targets) {
                if let Some(&a) = anchor {
                    let (ra, rx) = (find(&mut parent, a), find(&mut parent, x));
                    parent[ra.max(rx) as usize] = ra.min(rx);
                }
            }
        }
        let mut by_root: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for a in 0..n as u32 {
            let root = find(&mut parent, a);
            by_root.entry(root).or_default().push(a);
        }
        by_root.into_values().collect()
    }

    /// Why `claim` stands, falls or is undecided in the grounded labelling, with its attackers
    /// and supporters; `None` for a claim no contradiction involves (it stands unattacked).
    pub fn explain(&self, graph: &ClaimGraph, claim: ClaimId) -> Option<Verdict> {
        let &a = self.index.get(&claim)?;
        let grounded = self.grounded();
        let status_of = |x: u32| grounded[x as usize].1;
        let key = |x: ClaimId| graph.claim(x).map_or_else(|| x.to_string(), |c| c.key().to_owned());
        let mut attackers = Vec::new();
        let mut failed = Vec::new();
        for &s in &self.attacked_by[a as usize] {
            let side = &self.sides[s as usize];
            let standing = side.members.iter().copied().find(|&m| status_of(m) == Status::In);
            let shown = self.claims[standing.unwrap_or(side.members[0]) as usize];
            if self.attack_holds(s, a) {
                attackers.push((shown, standing.is_some()));
            } else {
                failed.push(shown);
            }
        }
        let mut supporters: Vec<ClaimId> = self.member_of[a as usize]
            .iter()
            .flat_map(|&s| self.sides[s as usize].members.iter().map(|&m| self.claims[m as usize]))
            .filter(|&c| c != claim)
            .collect();
        supporters.sort();
        supporters.dedup();
        let status = status_of(a);
        let names = |list: &mut dyn Iterator<Item = ClaimId>| list.map(key).collect::<Vec<_>>().join(", ");
        let mut reason = match status {
            Status::In if attackers.is_empty() => "stands: no attack on it holds".to_owned(),
            Status::In => format!("stands: every attacker falls ({})", names(&mut attackers.iter().map(|&(c, _)| c))),
            Status::Out => format!(
                "falls: attacked by {}, which stands",
                names(&mut attackers.iter().filter(|(_, stands)| *stands).map(|&(c, _)| c))
            ),
            Status::Undecided => format!(
                "undecided: attacked by {} in a standoff no claim settles",
                names(&mut attackers.iter().map(|&(c, _)| c))
            ),
        };
        if !supporters.is_empty() {
            reason.push_str(&format!("; supported by {}", names(&mut supporters.iter().copied())));
        }
        if !failed.is_empty() {
            reason.push_str(&format!("; attacks by less preferred claims fail ({})", names(&mut failed.into_iter())));
        }
        Some(Verdict { claim, status, attackers: attackers.into_iter().map(|(c, _)| c).collect(), supporters, reason })
    }
}

/// The camps of a contradiction: its sides ([`Contradiction::sides`]), with the sides of a value
/// conflict whose values are compatible (within tolerance: 100 and 105 against 200) merged into one
/// camp, since they do not attack each other; a recorded conflict's claims each stand alone.
/// Camps attack each other. Sides are merged by comparing their first claims pairwise, up to
/// [`MERGE_SIDES_UP_TO`] sides; beyond, each side is its own camp.
fn sides_of(graph: &ClaimGraph, c: &Contradiction) -> Vec<Vec<ClaimId>> {
    let sides = match c.rule {
        Rule::Recorded => return c.claims.iter().map(|&id| vec![id]).collect(),
        _ => c.side_claims(graph),
    };
    if !matches!(c.rule, Rule::SingleValue | Rule::Quantity) || sides.len() > MERGE_SIDES_UP_TO {
        return sides;
    }
    let first = |side: &Vec<ClaimId>| side.first().and_then(|&id| graph.claim(id));
    let mut camp: Vec<usize> = (0..sides.len()).collect();
    for i in 0..sides.len() {
        for j in i + 1..sides.len() {
            let (Some(a), Some(b)) = (first(&sides[i]), first(&sides[j])) else { continue };
            let compatible = graph
                .predicate(a.predicate())
                .is_some_and(|p| compare_values(graph, p, &a.object(), &b.object()) != Agreement::Different);
            if compatible && a.polarity() == Polarity::Affirmed && b.polarity() == Polarity::Affirmed {
                let (ci, cj) = (camp[i], camp[j]);
                camp.iter_mut().filter(|c| **c == cj).for_each(|c| *c = ci);
            }
        }
    }
    let mut camps: BTreeMap<usize, Vec<ClaimId>> = BTreeMap::new();
    for (i, side) in sides.into_iter().enumerate() {
        camps.entry(camp[i]).or_default().extend(side);
    }
    camps
        .into_values()
        .map(|mut c| {
            c.sort();
            c
        })
        .collect()
}

/// The number of sides up to which the sides of a value conflict are compared pairwise to merge
/// compatible ones into camps.
const MERGE_SIDES_UP_TO: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    /// A framework from explicit sides, for the semantics alone.
    fn framework(conflicts: &[&[&[u32]]]) -> Framework {
        let mut claims: Vec<ClaimId> =
            conflicts.iter().flat_map(|c| c.iter().flat_map(|s| s.iter().map(|&x| ClaimId(x)))).collect();
        claims.sort();
        claims.dedup();
        let index: HashMap<ClaimId, u32> = claims.iter().enumerate().map(|(i, &c)| (c, i as u32)).collect();
        let mut f = Framework {
            attacked_by: vec![Vec::new(); claims.len()],
            member_of: vec![Vec::new(); claims.len()],
            claims,
            index,
            sides: Vec::new(),
            contradictions: Vec::new(),
            failed: Vec::new(),
        };
        for (k, sides) in conflicts.iter().enumerate() {
            let all: Vec<u32> = sides.iter().flat_map(|s| s.iter().map(|&x| f.index[&ClaimId(x)])).collect();
            for side in sides.iter() {
                let members: Vec<u32> = side.iter().map(|&x| f.index[&ClaimId(x)]).collect();
                let node = f.sides.len() as u32;
                let targets: Vec<u32> = all.iter().copied().filter(|a| !members.contains(a)).collect();
                for &m in &members {
                    f.member_of[m as usize].push(node);
                }
                for &t in &targets {
                    f.attacked_by[t as usize].push(node);
                }
                f.sides.push(SideNode { members, targets, contradiction: k as u32 });
            }
        }
        f
    }

    fn statuses(f: &Framework) -> Vec<Status> {
        f.grounded().into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn a_standoff_is_undecided_and_has_two_preferred_readings() {
        let f = framework(&[&[&[0], &[1]]]);
        assert_eq!(statuses(&f), [Status::Undecided, Status::Undecided]);
        assert_eq!(f.preferred(16), vec![vec![vec![ClaimId(0)], vec![ClaimId(1)]]]);
    }

    #[test]
    fn a_defended_claim_stands() {
        // 1 and 2 conflict, 2 and 3 conflict, 3 is attacked by nothing else... build a chain:
        // 0 attacks 1 only through a one-way shape is not expressible with symmetric sides, so
        // use the grounded semantics with preferences: 0 is preferred over 1.
        let f = framework(&[&[&[0], &[1]], &[&[1], &[2]]]).with_preference(|c| if c == ClaimId(0) { 2.0 } else { 1.0 });
        // 0 beats 1 (1's attack on 0 fails), so 1 is out and 2, attacked only by 1, stands.
        assert_eq!(statuses(&f), [Status::In, Status::Out, Status::In]);
        assert_eq!(f.preferred(16), vec![vec![vec![ClaimId(0), ClaimId(2)]]]);
    }

    #[test]
    fn a_side_stands_while_any_of_its_claims_stands() {
        // Claims 0 and 1 on one side against 2; 3 beats 0 alone (preferred), 1 keeps the side.
        let f =
            framework(&[&[&[0, 1], &[2]], &[&[0], &[3]]]).with_preference(|c| if c == ClaimId(3) { 5.0 } else { 1.0 });
        let s = statuses(&f);
        assert_eq!(s[3], Status::In);
        assert_eq!(s[0], Status::Out);
        // 1 and 2 are in a standoff: undecided.
        assert_eq!((s[1], s[2]), (Status::Undecided, Status::Undecided));
    }

    /// The grounded labelling is the least fixed point: checked against the naive iteration of
    /// the characteristic function on random frameworks.
    #[test]
    fn grounded_equals_the_naive_fixed_point() {
        let mut state = 11u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for _ in 0..300 {
            let n = 2 + next(9) as u32;
            let mut conflicts: Vec<Vec<Vec<u32>>> = Vec::new();
            for _ in 0..1 + next(5) {
                let (a, b) = (next(n as u64) as u32, next(n as u64) as u32);
                if a != b {
                    conflicts.push(vec![vec![a], vec![b]]);
                }
            }
            let nested: Vec<Vec<&[u32]>> = conflicts.iter().map(|c| c.iter().map(Vec::as_slice).collect()).collect();
            let refs: Vec<&[&[u32]]> = nested.iter().map(Vec::as_slice).collect();
            let weights: Vec<f64> = (0..n).map(|_| next(3) as f64).collect();
            let f = framework(&refs).with_preference(|c| weights[c.index()]);
            let m = f.claims.len();
            // Naive: attackers[a] = arguments attacking a (through a holding side attack).
            let attackers: Vec<Vec<usize>> = (0..m)
                .map(|a| {
                    f.attacked_by[a]
                        .iter()
                        .filter(|&&s| f.attack_holds(s, a as u32))
                        .flat_map(|&s| f.sides[s as usize].members.iter().map(|&x| x as usize))
                        .collect()
                })
                .collect();
            let mut inn = vec![false; m];
            loop {
                let out: Vec<bool> = (0..m).map(|a| attackers[a].iter().any(|&b| inn[b])).collect();
                let next_in: Vec<bool> = (0..m).map(|a| attackers[a].iter().all(|&b| out[b])).collect();
                if next_in == inn {
                    let expect: Vec<Status> = (0..m)
                        .map(|a| {
                            if inn[a] {
                                Status::In
                            } else if out[a] {
                                Status::Out
                            } else {
                                Status::Undecided
                            }
                        })
                        .collect();
                    assert_eq!(statuses(&f), expect, "{conflicts:?} {weights:?}");
                    break;
                }
                inn = next_in;
            }
        }
    }
}
