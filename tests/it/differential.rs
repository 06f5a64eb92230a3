//! A randomized differential test: seeded random edits (adding actors, sources and claims of every
//! kind of object, removing claims and actors, compacting, a snapshot round trip, a save and load)
//! applied both to a graph and to plain vectors, and everything the graph reports compared with
//! the vectors after each batch. Also: no flipped byte of a snapshot makes loading panic.

use claimgraph::*;

/// The id at dense position `i` (a graph issues ids densely, in insertion order; ids have no
/// public constructor, so it is read as its serialized form).
fn nth<T: serde::de::DeserializeOwned>(i: usize) -> T {
    serde_json::from_str(&i.to_string()).expect("an id is a number")
}

/// A small deterministic generator (xorshift), so that a failing seed can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: u32) -> bool {
        self.below(100) < p as usize
    }
}

const BASE: &str = r#"(
    units: [(id: "person", dimension: "count", factor: 1.0)],
    predicates: [
        (id: "says", label: "says", object: Text),
        (id: "head", label: "head", object: Actor),
        (id: "arrivals", label: "arrivals", object: Quantity("count")),
        (id: "occurred", label: "occurred", object: Date),
        (id: "flag", label: "flag", object: Bool),
        (id: "denies", label: "denies", object: Claim, rebuts: true),
    ],
)"#;

const NAMES: [&str; 6] = ["Alpha", "alpha", "Béta", "Gamma Ölgii", "Қазақстан", "Delta"];

#[derive(Default)]
struct Model {
    actors: Vec<Option<Actor>>,
    sources: Vec<Source>,
    claims: Vec<Option<Claim>>,
}

fn live<T>(v: &[Option<T>]) -> Vec<usize> {
    v.iter().enumerate().filter(|(_, x)| x.is_some()).map(|(i, _)| i).collect()
}

fn pick_text(r: &mut Rng) -> Option<String> {
    match r.below(3) {
        0 => None,
        1 => Some(String::new()),
        _ => Some(format!("t{} — ü", r.below(100))),
    }
}

fn check(g: &ClaimGraph, m: &Model, step: usize) {
    for (i, a) in m.actors.iter().enumerate() {
        let got = g.actor(nth::<ActorId>(i)).map(|a| a.to_actor());
        assert_eq!(got.as_ref(), a.as_ref(), "step {step}: actor {i}");
        if let Some(a) = a {
            assert_eq!(g.actor_id(&a.key), Some(nth::<ActorId>(i)), "step {step}");
        }
    }
    assert_eq!(g.actor_count(), live(&m.actors).len());
    for name in NAMES.iter().copied().chain(["al1", "al2"]) {
        let want: Vec<ActorId> = m
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.as_ref().is_some_and(|a| a.names().any(|n| fold_name(n) == fold_name(name))))
            .map(|(i, _)| nth::<ActorId>(i))
            .collect();
        let got: Vec<ActorId> = g.actors_named(name).collect();
        assert_eq!(got, want, "step {step}: actors named {name}");
    }
    for (i, s) in m.sources.iter().enumerate() {
        let id = nth::<SourceId>(i);
        assert_eq!(g.source(id).unwrap().to_source(), *s, "step {step}: source {i}");
        let want: Vec<(SourceId, DerivationKind)> = m
            .sources
            .iter()
            .enumerate()
            .flat_map(|(j, t)| {
                t.derived_from.iter().filter(|d| d.source == id).map(move |d| (nth::<SourceId>(j), d.kind))
            })
            .collect();
        assert_eq!(g.derived_sources(id).collect::<Vec<_>>(), want, "step {step}: derived from {i}");
        let want: Vec<ClaimId> = m
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.as_ref().is_some_and(|c| c.source == id))
            .map(|(i, _)| nth::<ClaimId>(i))
            .collect();
        assert_eq!(g.claims_in_source(id), want, "step {step}: claims in source {i}");
    }
    for (i, c) in m.claims.iter().enumerate() {
        let got = g.claim(nth::<ClaimId>(i)).map(|c| c.to_claim());
        assert_eq!(got.as_ref(), c.as_ref(), "step {step}: claim {i}");
        if let Some(c) = c {
            assert_eq!(g.claim_id(&c.key), Some(nth::<ClaimId>(i)));
            let key = ClaimGraph::proposition_key(c);
            let want: Vec<ClaimId> = m
                .claims
                .iter()
                .enumerate()
                .filter(|(_, d)| d.as_ref().is_some_and(|d| ClaimGraph::proposition_key(d) == key))
                .map(|(i, _)| nth::<ClaimId>(i))
                .collect();
            assert_eq!(g.claims_for(key).collect::<Vec<_>>(), want, "step {step}: group");
        }
    }
    for a in 0..m.actors.len() + 2 {
        let id = nth::<ActorId>(a);
        let filt = |f: &dyn Fn(&Claim) -> bool| -> Vec<ClaimId> {
            m.claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.as_ref().is_some_and(&f))
                .map(|(i, _)| nth::<ClaimId>(i))
                .collect()
        };
        assert_eq!(g.claims_about(id), filt(&|c| c.subject == id), "step {step}: about {a}");
        assert_eq!(g.claims_by_speaker(id), filt(&|c| c.said_by == id), "step {step}: by {a}");
        assert_eq!(g.claims_with_object(id), filt(&|c| c.object == Value::Actor(id)), "step {step}: obj {a}");
    }
    let groups: std::collections::BTreeSet<_> = m.claims.iter().flatten().map(ClaimGraph::proposition_key).collect();
    assert_eq!(g.proposition_groups().count(), groups.len(), "step {step}: groups");
}

fn referenced(m: &Model, a: ActorId) -> bool {
    m.claims.iter().flatten().any(|c| {
        c.subject == a
            || c.said_by == a
            || c.qualifier == Some(a)
            || c.object == Value::Actor(a)
            || c.relayed_by.iter().any(|r| r.by == Some(a))
    }) || m
        .sources
        .iter()
        .any(|s| s.outlet == Some(a) || s.authors.contains(&a) || s.derived_from.iter().any(|d| d.by == Some(a)))
        || m.actors.iter().enumerate().any(|(i, x)| {
            i != a.index()
                && x.as_ref().is_some_and(|x| {
                    x.affiliations.iter().any(|f| f.target == a) || x.roles.iter().any(|r| r.of == Some(a))
                })
        })
}

fn run(seed: u64, steps: usize, every: usize) {
    let mut r = Rng(seed);
    let mut g = load_str("base.ron", BASE).unwrap();
    let mut m = Model::default();
    let mut n = 0;
    for step in 0..steps {
        n += 1;
        let op = r.below(100);
        let actors = live(&m.actors);
        if op < 15 || actors.is_empty() {
            let removed: Vec<String> = m.actors.iter().flatten().map(|a| a.key.clone()).collect();
            let mut key = format!("a{n}");
            if r.chance(30) {
                // a key of a removed actor, if any
                let gone: Vec<String> = (0..n).map(|k| format!("a{k}")).filter(|k| !removed.contains(k)).collect();
                if !gone.is_empty() {
                    key = gone[r.below(gone.len())].clone();
                }
            }
            let mut a = Actor::new(key, ActorKind::Person, NAMES[r.below(NAMES.len())]);
            for _ in 0..r.below(3) {
                a.aliases.push(if r.chance(50) {
                    NAMES[r.below(NAMES.len())].into()
                } else {
                    format!("al{}", r.below(3))
                });
            }
            a.note = pick_text(&mut r);
            if !actors.is_empty() && r.chance(20) {
                a.affiliations.push(Affiliation {
                    kind: AffiliationKind::WorksFor,
                    target: nth::<ActorId>(actors[r.below(actors.len())]),
                    during: None,
                });
            }
            let id = match g.add_actor(a.clone()) {
                Ok(id) => id,
                Err(GraphError::DuplicateKey { .. }) => continue,
                Err(e) => panic!("{e}"),
            };
            assert_eq!(id.index(), m.actors.len(), "actor ids are dense");
            m.actors.push(Some(a));
        } else if op < 25 || m.sources.is_empty() {
            let mut s = Source::new(
                format!("s{n}"),
                SourceKind::Article,
                format!("title {n}"),
                if r.chance(50) { "" } else { "en" },
            );
            if !m.sources.is_empty() {
                for _ in 0..r.below(4) {
                    s.derived_from.push(Derivation {
                        kind: [DerivationKind::Cites, DerivationKind::TranslationOf][r.below(2)],
                        source: nth::<SourceId>(r.below(m.sources.len())),
                        by: None,
                    });
                }
            }
            if r.chance(30) {
                s.outlet = Some(nth::<ActorId>(actors[r.below(actors.len())]));
            }
            s.url = pick_text(&mut r);
            s.note = pick_text(&mut r);
            if r.chance(30) {
                s.published = Some(format!("20{:02}-0{}", r.below(30), 1 + r.below(9)).parse().unwrap());
            }
            let id = g.add_source(s.clone()).unwrap();
            assert_eq!(id.index(), m.sources.len());
            m.sources.push(s);
        } else if op < 65 {
            let act = |r: &mut Rng| nth::<ActorId>(actors[r.below(actors.len())]);
            let claims = live(&m.claims);
            let (pred, object) = match r.below(6) {
                0 => ("says", Value::Text(pick_text(&mut r).unwrap_or_default())),
                1 => ("head", Value::Actor(act(&mut r))),
                2 => (
                    "arrivals",
                    Value::Quantity(Quantity {
                        amount: if r.chance(50) { Amount::Range(1.0, 2.5) } else { Amount::Around(r.below(10) as f64) },
                        unit: g.unit_id("person").unwrap(),
                    }),
                ),
                3 => ("occurred", Value::Date(format!("2022-0{}", 1 + r.below(9)).parse().unwrap())),
                4 if !claims.is_empty() => ("denies", Value::Claim(nth::<ClaimId>(claims[r.below(claims.len())]))),
                _ => ("flag", Value::Bool(r.chance(50))),
            };
            let c = Claim {
                key: format!("c{n}"),
                subject: act(&mut r),
                predicate: g.predicate_id(pred).unwrap(),
                qualifier: r.chance(20).then(|| act(&mut r)),
                object,
                polarity: if r.chance(50) { Polarity::Affirmed } else { Polarity::Denied },
                stance: Stance::Own,
                modality: Modality::Asserted,
                about: r.chance(30).then(|| format!("20{:02}", r.below(30)).parse().unwrap()),
                said: None,
                said_by: act(&mut r),
                mode: Mode::Paraphrase,
                relayed_by: (0..r.below(3))
                    .map(|_| Relay { by: Some(act(&mut r)), source: None, mode: Mode::DirectQuote })
                    .collect(),
                said_in: None,
                source: nth::<SourceId>(r.below(m.sources.len())),
                quote: format!("quote {n} «ü»"),
                unquoted: None,
                note: pick_text(&mut r),
            };
            let id = g.add_claim(c.clone()).unwrap();
            assert_eq!(id.index(), m.claims.len());
            m.claims.push(Some(c));
        } else if op < 85 {
            let claims = live(&m.claims);
            if claims.is_empty() {
                continue;
            }
            let i = claims[r.below(claims.len())];
            let id = nth::<ClaimId>(i);
            let refd = m.claims.iter().flatten().any(|c| c.object == Value::Claim(id));
            match g.remove_claim(id) {
                Ok(c) => {
                    assert!(!refd);
                    assert_eq!(Some(c), m.claims[i].take());
                }
                Err(e) => assert!(refd, "{e}"),
            }
        } else if op < 93 {
            let i = actors[r.below(actors.len())];
            let id = nth::<ActorId>(i);
            let refd = referenced(&m, id);
            match g.remove_actor(id) {
                Ok(a) => {
                    assert!(!refd, "step {step}: removed a referenced actor");
                    assert_eq!(Some(a), m.actors[i].take());
                }
                Err(e) => assert!(refd, "step {step}: {e}"),
            }
        } else if op < 95 {
            g.compact();
        } else if op < 96 {
            let dir = crate::temp_dir(&format!("differential-{seed}-{steps}"));
            save_dir(&g, &dir).unwrap();
            let back = load_dir(&dir).unwrap_or_else(|e| panic!("step {step}: {e}"));
            assert!(back == g, "step {step}: RON round trip differs");
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            let bytes = snapshot_bytes(&g);
            let back = from_snapshot_bytes(&bytes).unwrap_or_else(|e| panic!("step {step}: {e}"));
            assert!(back == g, "step {step}: snapshot differs");
            g = back;
        }
        if step % every == 0 || step + 1 == steps {
            check(&g, &m, step);
        }
    }
}

#[test]
fn random_edits_agree_with_plain_vectors() {
    for seed in 1..9u64 {
        run(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 600, 7);
    }
}

#[test]
fn a_long_run_of_random_edits_agrees_with_plain_vectors() {
    run(7u64.wrapping_mul(0x9E37_79B9_7F4A_7C15), 3000, 500);
}

fn build(seed: u64, steps: usize) -> ClaimGraph {
    // Re-run the differential driver's edits without checks, and return the graph.
    let mut r = Rng(seed);
    let mut g = load_str("base.ron", BASE).unwrap();
    let mut actors: Vec<ActorId> = Vec::new();
    let mut sources: Vec<SourceId> = Vec::new();
    let mut claims: Vec<ClaimId> = Vec::new();
    for n in 0..steps {
        let op = r.below(100);
        if op < 20 || actors.len() < 3 {
            let mut a = Actor::new(format!("a{n}é"), ActorKind::Person, NAMES[r.below(NAMES.len())]);
            a.aliases.push(format!("al{} ü", r.below(3)));
            a.note = pick_text(&mut r);
            actors.push(g.add_actor(a).unwrap());
        } else if op < 35 || sources.is_empty() {
            let mut s = Source::new(format!("s{n}"), SourceKind::Article, format!("titre {n} «»"), "fr");
            if !sources.is_empty() {
                s.derived_from.push(Derivation {
                    kind: DerivationKind::Cites,
                    source: sources[r.below(sources.len())],
                    by: None,
                });
            }
            s.url = pick_text(&mut r);
            s.published = r.chance(50).then(|| "2022-11".parse().unwrap());
            sources.push(g.add_source(s).unwrap());
        } else if op < 80 {
            let act = |r: &mut Rng| actors[r.below(actors.len())];
            let (pred, object) = match r.below(5) {
                0 => ("says", Value::Text(format!("текст {n}"))),
                1 => ("head", Value::Actor(act(&mut r))),
                2 => (
                    "arrivals",
                    Value::Quantity(Quantity { amount: Amount::Range(1.0, 2.0), unit: g.unit_id("person").unwrap() }),
                ),
                3 => ("occurred", Value::Date("2022-01-05".parse().unwrap())),
                _ => ("flag", Value::Bool(true)),
            };
            let c = Claim {
                key: format!("c{n}"),
                subject: act(&mut r),
                predicate: g.predicate_id(pred).unwrap(),
                qualifier: None,
                object,
                polarity: Polarity::Affirmed,
                stance: Stance::Own,
                modality: Modality::Hedged,
                about: Some("2021".parse().unwrap()),
                said: None,
                said_by: act(&mut r),
                mode: Mode::Paraphrase,
                relayed_by: vec![Relay { by: Some(act(&mut r)), source: None, mode: Mode::DirectQuote }],
                said_in: None,
                source: sources[r.below(sources.len())],
                quote: format!("q {n} ü"),
                unquoted: None,
                note: pick_text(&mut r),
            };
            claims.push(g.add_claim(c).unwrap());
        } else if op < 92 {
            if !claims.is_empty() {
                let c = claims.swap_remove(r.below(claims.len()));
                g.remove_claim(c).unwrap();
            }
        } else {
            let i = r.below(actors.len());
            if g.remove_actor(actors[i]).is_ok() {
                actors.swap_remove(i);
            }
        }
    }
    g
}

#[test]
fn no_flipped_byte_of_a_snapshot_makes_loading_panic() {
    let g = build(4242, 60);
    let bytes = snapshot_bytes(&g);
    assert!(from_snapshot_bytes(&bytes).unwrap() == g);
    let mut panics = Vec::new();
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for i in 23..bytes.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[i] ^= mask;
            if std::panic::catch_unwind(|| from_snapshot_bytes(&b)).is_err() {
                panics.push((i, mask));
            }
        }
    }
    std::panic::set_hook(prev);
    assert!(panics.is_empty(), "{} panics, first: {:?}", panics.len(), &panics[..panics.len().min(10)]);
}
