//! Truth discovery (`claimgraph::trust`): conformance with the Python `truthdiscovery` library's
//! regression vectors, planted cases with known answers, determinism, the provenance-aware mode
//! and input errors.

use std::collections::BTreeMap;
use std::path::Path;

use claimgraph::trust::{
    AverageLog, Distance, HolderId, Investment, MajorityVote, PooledInvestment, Stop, Sums, TrustError, TruthDiscovery,
    TruthFinder, TruthProblem, TruthProblemBuilder, TruthResult, ValueId, VariableId, Voices,
};

// ---------------------------------------------------------------------------------------------
// Conformance

/// The library's regression data set: 35 sources x 20 variables, values as written in the CSV.
struct Regression {
    problem: TruthProblem,
    holders: Vec<HolderId>,
    /// Per variable (column), the value id of each value text ("1.0").
    values: Vec<BTreeMap<String, ValueId>>,
}

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/truthdiscovery")
}

/// Reads `data.csv`; with `implication`, every ordered pair of distinct values of a variable
/// supports each other with exp(-(a - b)² / 2), the implication the library's TruthFinder
/// regression test uses.
fn regression(implication: bool) -> Regression {
    let text = std::fs::read_to_string(data_dir().join("data.csv")).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').map(str::trim).collect()).collect();
    let width = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == width), "ragged data.csv");
    let mut b = TruthProblemBuilder::new();
    let holders: Vec<HolderId> = rows.iter().map(|_| b.add_holder()).collect();
    let variables: Vec<VariableId> = (0..width).map(|_| b.add_variable()).collect();
    let mut values: Vec<BTreeMap<String, ValueId>> = vec![BTreeMap::new(); width];
    for (row, &holder) in rows.iter().zip(&holders) {
        for (col, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let value = match values[col].get(*cell) {
                Some(&v) => v,
                None => {
                    let v = b.add_value(variables[col]).unwrap();
                    values[col].insert(cell.to_string(), v);
                    v
                }
            };
            b.add_claim(holder, value).unwrap();
        }
    }
    if implication {
        for column in &values {
            for (a, &va) in column {
                for (c, &vc) in column {
                    if a != c {
                        let diff: f64 = a.parse::<f64>().unwrap() - c.parse::<f64>().unwrap();
                        b.add_support(va, vc, (-0.5 * diff * diff).exp()).unwrap();
                    }
                }
            }
        }
    }
    Regression { problem: b.build(), holders, values }
}

/// Whether `got` reproduces `want`: to 1e-6 absolute, and to 1e-6 relative so that the tiny
/// beliefs of PooledInvestment (down to 1e-7) are checked too.
fn reproduces(got: f64, want: f64) -> bool {
    let diff = (got - want).abs();
    diff <= 1e-6 && diff <= 1e-6 * want.abs() + 1e-15
}

/// Every trust of a source and belief of a (variable, value) of the vectors in `file` that
/// `result` does not reproduce, as messages.
fn mismatches(data: &Regression, result: &TruthResult, file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(data_dir().join(file)).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut wrong = Vec::new();
    let trust = expected["trust"].as_object().unwrap();
    assert_eq!(trust.len(), data.holders.len(), "{file}: sources");
    for (source, want) in trust {
        let got = result.trust(data.holders[source.parse::<usize>().unwrap()]);
        let want = want.as_f64().unwrap();
        if !reproduces(got, want) {
            wrong.push(format!("trust of source {source}: {got} != {want}"));
        }
    }
    let belief = expected["belief"].as_object().unwrap();
    let mut values = 0;
    for (var, by_value) in belief {
        let column = &data.values[var.parse::<usize>().unwrap()];
        let by_value = by_value.as_object().unwrap();
        assert_eq!(by_value.len(), column.len(), "{file}: values of variable {var}");
        for (value, want) in by_value {
            let got = result.belief(column[value.as_str()]);
            let want = want.as_f64().unwrap();
            if !reproduces(got, want) {
                wrong.push(format!("belief in variable {var} = {value}: {got} != {want}"));
            }
            values += 1;
        }
    }
    assert_eq!(values, 78, "{file}: the README counts 78 distinct claims");
    wrong
}

/// Asserts that `result` reproduces every number of `file`.
fn check_vectors(data: &Regression, result: &TruthResult, file: &str) {
    let wrong = mismatches(data, result, file);
    assert!(wrong.is_empty(), "{file}: {} of 113 numbers differ:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn conformance_majority_vote() {
    let data = regression(false);
    let result = MajorityVote::new().run(&data.problem).unwrap();
    check_vectors(&data, &result, "voting_results.json");
}

#[test]
fn conformance_sums() {
    let data = regression(false);
    let result = Sums::new().stop(Stop::Fixed(20)).run(&data.problem).unwrap();
    assert_eq!((result.iterations(), result.converged()), (20, false));
    check_vectors(&data, &result, "sums_results.json");
}

#[test]
fn conformance_average_log() {
    let data = regression(false);
    let result = AverageLog::new().stop(Stop::Fixed(20)).run(&data.problem).unwrap();
    check_vectors(&data, &result, "average_log_results.json");
}

#[test]
fn conformance_investment() {
    let data = regression(false);
    let result = Investment::new().g(1.2).stop(Stop::Fixed(20)).run(&data.problem).unwrap();
    check_vectors(&data, &result, "investment_results.json");
}

#[test]
fn conformance_pooled_investment() {
    let data = regression(false);
    let result = PooledInvestment::new().g(1.4).stop(Stop::Fixed(10)).run(&data.problem).unwrap();
    check_vectors(&data, &result, "pooled_investment_results.json");
}

#[test]
fn conformance_truth_finder() {
    let data = regression(true);
    let tf = TruthFinder::new().initial_trust(0.9).influence(0.5).dampening(0.3);
    let result = tf.stop(Stop::converged(Distance::Cosine, 0.001)).run(&data.problem).unwrap();
    // The README: it stops after one iteration on this data.
    assert_eq!((result.iterations(), result.converged()), (1, true));
    check_vectors(&data, &result, "truthfinder_results.json");
}

#[test]
fn truth_finder_without_implication_misses_the_vectors() {
    // The implication matters: without it the beliefs differ from the vectors by far more than
    // the tolerance, so the conformance test above does check the support term.
    let data = regression(false);
    let result = TruthFinder::new().run(&data.problem).unwrap();
    assert!(mismatches(&data, &result, "truthfinder_results.json").len() > 100);
}

/// The hand-checkable case of the library's unit tests: Sums to L1 convergence at 1e-5.
#[test]
fn sums_hand_checked() {
    let mut b = TruthProblemBuilder::new();
    let (s1, s2, s3) = (b.add_holder(), b.add_holder(), b.add_holder());
    let (x, y, z) = (b.add_variable(), b.add_variable(), b.add_variable());
    let one = b.add_value(x).unwrap();
    let (nine, eight) = (b.add_value(y).unwrap(), b.add_value(y).unwrap());
    let seven = b.add_value(z).unwrap();
    for (h, v) in [(s1, one), (s1, nine), (s1, seven), (s2, one), (s2, eight), (s3, seven)] {
        b.add_claim(h, v).unwrap();
    }
    let problem = b.build();

    // The first iteration, also from the library's tests: trust 1, 2/3, 1/3; beliefs 1, 3/5,
    // 2/5, 4/5.
    let first = Sums::new().stop(Stop::Fixed(1)).run(&problem).unwrap();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(first.trust(s1), 1.0) && close(first.trust(s2), 2.0 / 3.0) && close(first.trust(s3), 1.0 / 3.0));
    assert!(close(first.belief(one), 1.0) && close(first.belief(nine), 0.6) && close(first.belief(eight), 0.4));
    assert!(close(first.belief(seven), 0.8));

    let result = Sums::new().stop(Stop::converged(Distance::L1, 1e-5)).run(&problem).unwrap();
    assert!(result.converged());
    let expected = [
        (result.trust(s1), 1.0),
        (result.trust(s2), 0.53208889),
        (result.trust(s3), 0.34729636),
        (result.belief(one), 1.0),
        (result.belief(nine), 0.65270364),
        (result.belief(eight), 0.34729636),
        (result.belief(seven), 0.87938524),
    ];
    for (i, (got, want)) in expected.into_iter().enumerate() {
        // The library's check (numpy.isclose: 1e-5 relative plus 1e-8 absolute).
        assert!((got - want).abs() <= 1e-8 + 1e-5 * want.abs(), "entry {i}: {got} != {want}");
    }
    assert_eq!(result.winner(y), Some(nine));
}

// ---------------------------------------------------------------------------------------------
// Planted cases

/// A small deterministic generator (SplitMix64), so that the tests need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A planted problem: `variables` variables of `arity` values, value 0 of each true; each
/// holder claims each variable with probability `coverage`, the true value with its accuracy,
/// else a uniformly chosen wrong one.
struct Planted {
    problem: TruthProblem,
    holders: Vec<HolderId>,
    variables: Vec<VariableId>,
    truth: Vec<ValueId>,
}

fn planted(accuracies: &[f64], variables: usize, arity: usize, coverage: f64, seed: u64) -> Planted {
    let mut rng = Rng(seed);
    let mut b = TruthProblemBuilder::new();
    let holders: Vec<HolderId> = accuracies.iter().map(|_| b.add_holder()).collect();
    let mut vars = Vec::new();
    let mut values = Vec::new();
    for _ in 0..variables {
        let x = b.add_variable();
        vars.push(x);
        values.push((0..arity).map(|_| b.add_value(x).unwrap()).collect::<Vec<_>>());
    }
    for (&h, &accuracy) in holders.iter().zip(accuracies) {
        for vals in &values {
            if rng.unit() >= coverage {
                continue;
            }
            let pick = if rng.unit() < accuracy { 0 } else { 1 + rng.below(arity - 1) };
            b.add_claim(h, vals[pick]).unwrap();
        }
    }
    let truth = values.iter().map(|v| v[0]).collect();
    Planted { problem: b.build(), holders, variables: vars, truth }
}

fn all_algorithms() -> Vec<Box<dyn TruthDiscovery>> {
    vec![
        Box::new(MajorityVote::new()),
        Box::new(Sums::new()),
        Box::new(AverageLog::new()),
        Box::new(Investment::new()),
        Box::new(PooledInvestment::new()),
        Box::new(TruthFinder::new()),
    ]
}

fn origin_algorithms() -> Vec<Box<dyn TruthDiscovery>> {
    vec![
        Box::new(MajorityVote::new().voices(Voices::Origins)),
        Box::new(Sums::new().voices(Voices::Origins)),
        Box::new(AverageLog::new().voices(Voices::Origins)),
        Box::new(Investment::new().voices(Voices::Origins)),
        Box::new(PooledInvestment::new().voices(Voices::Origins)),
        Box::new(TruthFinder::new().voices(Voices::Origins)),
    ]
}

fn accuracy(result: &TruthResult, variables: &[VariableId], truth: &[ValueId]) -> f64 {
    let right = variables.iter().zip(truth).filter(|&(&x, &t)| result.winner(x) == Some(t)).count();
    right as f64 / variables.len() as f64
}

#[test]
fn planted_reliable_majority() {
    // Seven reliable holders (90%) and three poor ones (30%), on 60 variables of 4 values.
    let accuracies = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.3, 0.3, 0.3];
    let case = planted(&accuracies, 60, 4, 0.8, 7);
    for algorithm in all_algorithms() {
        let result = algorithm.run(&case.problem).unwrap();
        let name = algorithm.name();
        let acc = accuracy(&result, &case.variables, &case.truth);
        assert!(acc >= 0.95, "{name}: {acc} of the winners are right");
        if name != "MajorityVote" {
            // The reliable holders are trusted more than the poor ones.
            let reliable = case.holders[..7].iter().map(|&h| result.trust(h)).fold(f64::INFINITY, f64::min);
            let poor = case.holders[7..].iter().map(|&h| result.trust(h)).fold(0.0, f64::max);
            assert!(reliable > poor, "{name}: reliable {reliable} <= poor {poor}");
        }
    }
}

#[test]
fn planted_reliable_minority_beats_majority_vote() {
    // Three reliable holders on every variable; six noisy holders spread their errors over
    // 5 wrong values, so they rarely agree, but they sometimes outvote the reliable ones.
    let mut accuracies = vec![0.95; 3];
    accuracies.extend([0.25; 6]);
    let case = planted(&accuracies, 200, 6, 1.0, 11);
    let vote = MajorityVote::new().run(&case.problem).unwrap();
    let sums = Sums::new().run(&case.problem).unwrap();
    let (vote_acc, sums_acc) =
        (accuracy(&vote, &case.variables, &case.truth), accuracy(&sums, &case.variables, &case.truth));
    // On this seed: 0.965 by vote, 0.995 by Sums.
    assert!(sums_acc > vote_acc, "Sums {sums_acc} <= vote {vote_acc}");
    let reliable = case.holders[..3].iter().map(|&h| sums.trust(h)).fold(f64::INFINITY, f64::min);
    let noisy = case.holders[3..].iter().map(|&h| sums.trust(h)).fold(0.0, f64::max);
    assert!(reliable > noisy);
}

#[test]
fn deterministic() {
    let accuracies = [0.8, 0.7, 0.6, 0.9, 0.5, 0.4];
    for algorithm in all_algorithms().into_iter().chain(origin_algorithms()) {
        // The same input, built twice, gives bit-identical results.
        let first = algorithm.run(&planted(&accuracies, 50, 3, 0.7, 3).problem).unwrap();
        let second = algorithm.run(&planted(&accuracies, 50, 3, 0.7, 3).problem).unwrap();
        assert_eq!(first, second, "{}", algorithm.name());
        let bits = |r: &TruthResult| r.trusts().iter().chain(r.beliefs()).map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&first), bits(&second));
    }
}

// ---------------------------------------------------------------------------------------------
// The provenance-aware mode

/// Five independent holders, each right with probability 0.8 on each of 40 variables; one bad
/// source, wrong on every variable; and `copiers` holders that echo the bad source word for word,
/// all of them (with the bad source) in one origin.
struct Echo {
    problem: TruthProblem,
    variables: Vec<VariableId>,
    truth: Vec<ValueId>,
    independent: Vec<HolderId>,
    echoes: Vec<HolderId>,
}

fn echo_chamber(copiers: usize, seed: u64) -> Echo {
    let mut rng = Rng(seed);
    let mut b = TruthProblemBuilder::new();
    let independent: Vec<HolderId> = (0..5).map(|_| b.add_holder()).collect();
    let wire = b.add_origin();
    let echoes: Vec<HolderId> = (0..=copiers).map(|_| b.add_holder_in(wire).unwrap()).collect();
    let (mut variables, mut truth) = (Vec::new(), Vec::new());
    for _ in 0..40 {
        let x = b.add_variable();
        let values: Vec<ValueId> = (0..3).map(|_| b.add_value(x).unwrap()).collect();
        for &h in &independent {
            let pick = if rng.unit() < 0.8 { 0 } else { 1 + rng.below(2) };
            b.add_claim(h, values[pick]).unwrap();
        }
        let wrong = values[1 + rng.below(2)];
        for &h in &echoes {
            b.add_claim(h, wrong).unwrap();
        }
        variables.push(x);
        truth.push(values[0]);
    }
    Echo { problem: b.build(), variables, truth, independent, echoes }
}

#[test]
fn provenance_copiers_fool_plain_counting() {
    let case = echo_chamber(8, 5);
    for algorithm in [&MajorityVote::new() as &dyn TruthDiscovery, &Sums::new()] {
        let result = algorithm.run(&case.problem).unwrap();
        let acc = accuracy(&result, &case.variables, &case.truth);
        assert!(acc < 0.1, "{}: {acc} right although nine holders echo one wrong source", algorithm.name());
    }
}

#[test]
fn provenance_origins_recover_the_truth() {
    let case = echo_chamber(8, 5);
    // The same claims with the bad source alone: what counting each origin once should give.
    let alone = echo_chamber(0, 5);
    for (by_origin, plain) in origin_algorithms().into_iter().zip(all_algorithms()) {
        let name = by_origin.name();
        let result = by_origin.run(&case.problem).unwrap();
        let reference = plain.run(&alone.problem).unwrap();
        let mut compared = 0;
        // Nine identical echoes sharing one origin weigh as the one source they echo (up to
        // rounding: nine ninths need not add up to exactly 1, so exact ties may break otherwise).
        for (&x, (got, want)) in case.variables.iter().zip(result.winners().iter().zip(reference.winners())) {
            let mut top: Vec<f64> = alone.problem.values_of(x).map(|v| reference.belief(v)).collect();
            top.sort_by(|a, b| b.total_cmp(a));
            if top[0] - top[1] > 1e-9 {
                assert_eq!(got, want, "{name}: winner of {x}");
                compared += 1;
            }
        }
        assert!(compared >= 30, "{name}: only {compared} clear winners to compare");
        for (got, want) in result.beliefs().iter().zip(reference.beliefs()) {
            assert!((got - want).abs() < 1e-9, "{name}: belief {got} != {want}");
        }
        for (&h, &want) in case.independent.iter().zip(&reference.trusts()[..5]) {
            assert!((result.trust(h) - want).abs() < 1e-9, "{name}: trust {} != {want}", result.trust(h));
        }
        // Five independent holders, right 80% of the time, against one wrong voice.
        let acc = accuracy(&result, &case.variables, &case.truth);
        assert!(acc >= 0.8, "{name} by origin: only {acc} right");
        if name != "MajorityVote" {
            let independent = case.independent.iter().map(|&h| result.trust(h)).fold(f64::INFINITY, f64::min);
            let echo = case.echoes.iter().map(|&h| result.trust(h)).fold(0.0, f64::max);
            assert!(independent > echo, "{name}: independent {independent} <= echo {echo}");
        }
    }
}

#[test]
fn origins_change_nothing_without_shared_origins() {
    // Every holder its own origin: both modes agree exactly.
    let case = planted(&[0.9, 0.6, 0.7, 0.5], 30, 3, 0.9, 13);
    for (plain, by_origin) in all_algorithms().into_iter().zip(origin_algorithms()) {
        assert_eq!(plain.run(&case.problem).unwrap(), by_origin.run(&case.problem).unwrap(), "{}", plain.name());
    }
}

#[test]
fn origin_share_is_split_among_its_values() {
    // One origin of three holders: two say `a`, one says `b`; an independent holder says `b`.
    let mut b = TruthProblemBuilder::new();
    let o = b.add_origin();
    let members: Vec<HolderId> = (0..3).map(|_| b.add_holder_in(o).unwrap()).collect();
    let solo = b.add_holder();
    let x = b.add_variable();
    let (va, vb) = (b.add_value(x).unwrap(), b.add_value(x).unwrap());
    b.add_claim(members[0], va).unwrap();
    b.add_claim(members[1], va).unwrap();
    b.add_claim(members[2], vb).unwrap();
    b.add_claim(solo, vb).unwrap();
    let problem = b.build();
    assert_eq!(problem.origin_of(members[1]), Some(o));
    assert_eq!(problem.origin_of(solo), None);
    let result = MajorityVote::new().voices(Voices::Origins).run(&problem).unwrap();
    // Votes: a = 2/3, b = 1/3 + 1 = 4/3; normalised by 4/3.
    assert!((result.belief(va) - 0.5).abs() < 1e-12);
    assert_eq!(result.belief(vb), 1.0);
}

// ---------------------------------------------------------------------------------------------
// Weights and support

#[test]
fn weights_scale_votes() {
    let mut b = TruthProblemBuilder::new();
    let (h1, h2, h3) = (b.add_holder(), b.add_holder(), b.add_holder());
    let x = b.add_variable();
    let (va, vb) = (b.add_value(x).unwrap(), b.add_value(x).unwrap());
    // Every holder also makes one uncontested claim, so that AverageLog (which gives a holder of
    // a single claim trust ln 1 = 0) has something to weigh.
    let z = b.add_variable();
    let vz = b.add_value(z).unwrap();
    for h in [h1, h2, h3] {
        b.add_claim(h, vz).unwrap();
    }
    // Two hedged relays of `a` weigh less than one direct claim of `b`.
    b.add_weighted_claim(h1, va, 0.4).unwrap();
    b.add_weighted_claim(h2, va, 0.4).unwrap();
    b.add_claim(h3, vb).unwrap();
    let problem = b.build();
    for algorithm in all_algorithms() {
        let result = algorithm.run(&problem).unwrap();
        assert_eq!(result.winner(x), Some(vb), "{}", algorithm.name());
    }
    let vote = MajorityVote::new().run(&problem).unwrap();
    // Normalised by the uncontested value's 3 votes.
    assert!((vote.belief(va) - 0.8 / 3.0).abs() < 1e-12);
}

#[test]
fn support_lets_compatible_values_share_votes() {
    // Two holders say 100 and 101 (compatible), three say 250 (each alone on it, but together).
    let mut b = TruthProblemBuilder::new();
    let x = b.add_variable();
    let (v100, v101, v250) = (b.add_value(x).unwrap(), b.add_value(x).unwrap(), b.add_value(x).unwrap());
    // Every holder also makes one uncontested claim (for AverageLog, as above).
    let z = b.add_variable();
    let vz = b.add_value(z).unwrap();
    for v in [v100, v100, v101, v101, v250, v250, v250] {
        let h = b.add_holder();
        b.add_claim(h, v).unwrap();
        b.add_claim(h, vz).unwrap();
    }
    let without = b.clone().build();
    b.add_support(v100, v101, 1.0).unwrap();
    b.add_support(v101, v100, 1.0).unwrap();
    let with = b.build();
    // TruthFinder scales support by its influence ρ: at the default 0.5, 100 scores 2 + 2/2 = 3
    // claims' worth, as much as 250; at 1 it scores 4.
    let mut algorithms = all_algorithms();
    algorithms[5] = Box::new(TruthFinder::new().influence(1.0));
    for algorithm in algorithms {
        let name = algorithm.name();
        assert_eq!(algorithm.run(&without).unwrap().winner(x), Some(v250), "{name} without support");
        let result = algorithm.run(&with).unwrap();
        assert_eq!(result.winner(x), Some(v100), "{name} with support");
        assert!(result.belief(v101) > result.belief(v250), "{name}");
    }
    let vote = MajorityVote::new().run(&with).unwrap();
    // 100 gets its 2 votes and 101's 2; 250 gets 3; the uncontested value 7.
    assert!((vote.belief(v100) - 4.0 / 7.0).abs() < 1e-12);
    assert!((vote.belief(v250) - 3.0 / 7.0).abs() < 1e-12);
}

// ---------------------------------------------------------------------------------------------
// Edges and errors

#[test]
fn empty_and_unclaimed() {
    let empty = TruthProblemBuilder::new().build();
    for algorithm in all_algorithms() {
        let result = algorithm.run(&empty).unwrap();
        assert!(result.trusts().is_empty() && result.beliefs().is_empty(), "{}", algorithm.name());
    }
    let mut b = TruthProblemBuilder::new();
    let h = b.add_holder();
    let idle = b.add_holder();
    let (x, y) = (b.add_variable(), b.add_variable());
    let vx = b.add_value(x).unwrap();
    b.add_value(y).unwrap();
    b.add_claim(h, vx).unwrap();
    let problem = b.build();
    for algorithm in all_algorithms() {
        let result = algorithm.run(&problem).unwrap();
        let name = algorithm.name();
        assert_eq!(result.winner(x), Some(vx), "{name}");
        assert_eq!(result.winner(y), None, "{name}: nobody claims y");
        assert!(result.trusts().iter().chain(result.beliefs()).all(|v| v.is_finite()), "{name}");
        if name != "MajorityVote" {
            assert_eq!(result.trust(idle), 0.0, "{name}: a holder with no claims");
        }
    }
}

#[test]
fn convergence_is_reported() {
    let case = planted(&[0.9, 0.8, 0.7, 0.6, 0.5], 40, 3, 0.9, 17);
    let converging = Sums::new().stop(Stop::converged(Distance::L2, 1e-6)).run(&case.problem).unwrap();
    assert!(converging.converged());
    assert!(converging.iterations() > 1 && converging.iterations() < 1000);
    let capped = Stop::Converged { distance: Distance::L2, threshold: 1e-300, max_iterations: 3 };
    let capped = Sums::new().stop(capped).run(&case.problem).unwrap();
    assert_eq!((capped.iterations(), capped.converged()), (3, false));
    let fixed = Investment::new().stop(Stop::Fixed(7)).run(&case.problem).unwrap();
    assert_eq!((fixed.iterations(), fixed.converged()), (7, false));
}

#[test]
fn distances() {
    let (a, b) = ([1.0, 2.0, 2.0], [0.0, 2.0, 4.0]);
    assert_eq!(Distance::L1.between(&a, &b), 3.0);
    assert_eq!(Distance::L2.between(&a, &b), 5f64.sqrt());
    assert_eq!(Distance::LInf.between(&a, &b), 2.0);
    assert!((Distance::Cosine.between(&a, &b) - (1.0 - 12.0 / (3.0 * 20f64.sqrt()))).abs() < 1e-15);
    assert_eq!(Distance::Cosine.between(&a, &[0.0; 3]), 1.0);
    assert_eq!(Distance::Cosine.between(&a, &[2.0, 4.0, 4.0]), 0.0);
}

#[test]
fn builder_errors() {
    let mut other = TruthProblemBuilder::new();
    let foreign_holder = (0..3).map(|_| other.add_holder()).last().unwrap();
    let ox = other.add_variable();
    let foreign_value = (0..10).map(|_| other.add_value(ox).unwrap()).last().unwrap();
    let foreign_origin = other.add_origin();

    let mut b = TruthProblemBuilder::new();
    let h = b.add_holder();
    let (x, y) = (b.add_variable(), b.add_variable());
    let (a, c) = (b.add_value(x).unwrap(), b.add_value(x).unwrap());
    let d = b.add_value(y).unwrap();
    assert_eq!(b.add_claim(foreign_holder, a), Err(TrustError::UnknownHolder(foreign_holder)));
    assert_eq!(b.add_claim(h, foreign_value), Err(TrustError::UnknownValue(foreign_value)));
    assert_eq!(b.add_holder_in(foreign_origin), Err(TrustError::UnknownOrigin(foreign_origin)));
    let unknown_variable = (0..5).map(|_| other.add_variable()).last().unwrap();
    assert_eq!(b.add_value(unknown_variable), Err(TrustError::UnknownVariable(unknown_variable)));
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(b.add_weighted_claim(h, a, bad), Err(TrustError::InvalidWeight(_))));
    }
    b.add_claim(h, a).unwrap();
    assert_eq!(b.add_claim(h, a), Err(TrustError::DuplicateClaim { holder: h, value: a }));
    // Another value of the same variable is accepted: the holder contradicts itself.
    b.add_claim(h, c).unwrap();
    assert_eq!(b.add_support(a, a, 0.5), Err(TrustError::SelfSupport(a)));
    assert_eq!(b.add_support(a, d, 0.5), Err(TrustError::SupportAcrossVariables { from: a, to: d }));
    for bad in [0.0, 1.5, f64::NAN] {
        assert!(matches!(b.add_support(a, c, bad), Err(TrustError::InvalidStrength(_))));
    }
    b.add_support(a, c, 1.0).unwrap();
    assert_eq!(b.add_support(a, c, 0.5), Err(TrustError::DuplicateSupport { from: a, to: c }));
    let problem = b.build();
    assert_eq!((problem.claim_count(), problem.support_count()), (2, 1));
    assert_eq!(problem.claims_of(h).collect::<Vec<_>>(), vec![(a, 1.0), (c, 1.0)]);
    assert_eq!(problem.values_of(x).collect::<Vec<_>>(), vec![a, c]);

    // Messages are lowercase and name the offending item.
    assert_eq!(TrustError::DuplicateClaim { holder: h, value: a }.to_string(), "holder#0 already claims value#0");
    assert_eq!(TrustError::InvalidStrength(1.5).to_string(), "support strength 1.5 is not in (0, 1]");
}

#[test]
fn option_errors() {
    let problem = planted(&[0.9, 0.5], 5, 2, 1.0, 1).problem;
    let bad_g = Investment::new().g(-1.0).run(&problem).unwrap_err();
    assert_eq!(bad_g.to_string(), "option `g` = -1 is invalid: expected a finite number > 0");
    assert!(PooledInvestment::new().g(f64::NAN).run(&problem).is_err());
    assert!(TruthFinder::new().initial_trust(1.0).run(&problem).is_err());
    assert!(TruthFinder::new().influence(1.5).run(&problem).is_err());
    assert!(TruthFinder::new().dampening(0.0).run(&problem).is_err());
    let zero_max = Stop::Converged { distance: Distance::L1, threshold: 0.1, max_iterations: 0 };
    assert!(Sums::new().stop(zero_max).run(&problem).is_err());
    assert!(AverageLog::new().stop(Stop::converged(Distance::L1, 0.0)).run(&problem).is_err());
}

#[test]
fn truth_finder_survives_trust_of_one() {
    // Ten holders agreeing, dampening 1: confidence saturates to exactly 1.0, so trust reaches 1
    // and τ = -ln(0) is infinite in the next iteration (where the library stops). With influence
    // 0 the support term must not turn that into NaN.
    let mut b = TruthProblemBuilder::new();
    let x = b.add_variable();
    let (va, vb) = (b.add_value(x).unwrap(), b.add_value(x).unwrap());
    b.add_support(va, vb, 1.0).unwrap();
    for _ in 0..10 {
        let h = b.add_holder();
        b.add_claim(h, va).unwrap();
    }
    let problem = b.build();
    for rho in [0.0, 0.5] {
        let tf = TruthFinder::new().initial_trust(0.999_999_999).dampening(1.0).influence(rho);
        let result = tf.stop(Stop::Fixed(3)).run(&problem).unwrap();
        assert!(result.trusts().iter().all(|&t| t == 1.0), "rho {rho}");
        assert_eq!(result.belief(va), 1.0);
        assert!(result.belief(vb).is_finite() && result.belief(vb) >= 0.5, "rho {rho}");
        assert_eq!(result.winner(x), Some(va));
    }
}
