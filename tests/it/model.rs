//! The graph's API: typed ids, edits that keep ids valid, indexes and the petgraph.

use claimgraph::{
    Actor, ActorKind, Amount, Claim, ClaimGraph, Edge, GraphError, Modality, Mode, Node, Polarity, Quantity, Source,
    SourceKind, Stance, Value,
};

use super::{BASE, claim, graph_with};

fn new_claim(graph: &ClaimGraph, key: &str, object: Value) -> Claim {
    Claim {
        key: key.to_owned(),
        subject: graph.actor_id("kz").unwrap(),
        predicate: graph.predicate_id("says").unwrap(),
        qualifier: None,
        object,
        polarity: Polarity::Affirmed,
        stance: Stance::Own,
        modality: Modality::Asserted,
        about: None,
        said: None,
        said_by: graph.actor_id("a").unwrap(),
        mode: Mode::Authorial,
        relayed_by: Vec::new(),
        said_in: None,
        source: graph.source_id("s1").unwrap(),
        quote: "q".to_owned(),
        unquoted: None,
        note: None,
    }
}

#[test]
fn add_and_remove_keep_other_ids_valid_and_never_reuse_ids() {
    let mut g = graph_with(
        &[claim("first", "kz", "says", r#"Text("a")"#, ""), claim("second", "kz", "says", r#"Text("b")"#, "")],
        "",
    );
    let first = g.claim_id("first").unwrap();
    let second = g.claim_id("second").unwrap();
    let kz = g.actor_id("kz").unwrap();
    assert_eq!(g.claims_about(kz), [first, second]);
    let removed = g.remove_claim(first).unwrap();
    assert_eq!(removed.key, "first");
    assert_eq!(g.claim(second).unwrap().key(), "second", "other ids stay valid");
    assert!(g.claim(first).is_none());
    assert_eq!(g.claims_about(kz), [second]);
    let third = g.add_claim(new_claim(&g, "third", Value::Text("c".into()))).unwrap();
    assert_ne!(third, first, "a removed id is never reused");
    assert_eq!(g.claims_about(kz), [second, third]);
    // The key is free again after removal.
    let again = g.add_claim(new_claim(&g, "first", Value::Text("d".into()))).unwrap();
    assert_ne!(again, first);
    assert_eq!(g.claim_count(), 3);
}

#[test]
fn edits_are_validated() {
    let mut g = graph_with(&[claim("c", "kz", "says", r#"Text("a")"#, "")], "");
    let dup = g.add_claim(new_claim(&g, "c", Value::Text("x".into()))).unwrap_err();
    assert!(matches!(dup, GraphError::DuplicateKey { .. }));
    let wrong = g.add_claim(new_claim(&g, "w", Value::Bool(true))).unwrap_err();
    assert_eq!(wrong.to_string(), "predicate \"says\" takes a text, but the object is a boolean");
    let mut bad_amount = new_claim(&g, "q", Value::Text("x".into()));
    bad_amount.predicate = g.predicate_id("arrivals").unwrap();
    bad_amount.object =
        Value::Quantity(Quantity { amount: Amount::Range(5.0, 1.0), unit: g.unit_id("person").unwrap() });
    assert!(g.add_claim(bad_amount).unwrap_err().to_string().contains("range starts above its end"));
    let mut other = ClaimGraph::new();
    let stranger = other.add_actor(Actor::new("s", ActorKind::Person, "S")).unwrap();
    let mut foreign = new_claim(&g, "f", Value::Text("x".into()));
    foreign.said_by = claimgraph::ActorId::clone(&stranger);
    // An id of another graph may name nothing here: a dangling reference, never a panic.
    let mut g2 = ClaimGraph::new();
    assert!(matches!(g2.add_claim(foreign), Err(GraphError::DanglingReference { .. })));
    let mut own = Source::new("own", SourceKind::Translation, "t", "en");
    own.derived_from.push(claimgraph::Derivation {
        kind: claimgraph::DerivationKind::TranslationOf,
        source: g.source_id("s1").unwrap(),
        by: None,
    });
    assert!(g.add_source(own).is_ok());
}

#[test]
fn referenced_entities_cannot_be_removed() {
    let mut g =
        graph_with(&[claim("c", "kz", "says", r#"Text("a")"#, ""), claim("d", "b", "denies", r#"Claim("c")"#, "")], "");
    let c = g.claim_id("c").unwrap();
    assert!(g.remove_claim(c).unwrap_err().to_string().contains("still referred to by \"d\""));
    let kz = g.actor_id("kz").unwrap();
    assert!(g.remove_actor(kz).is_err());
    let unused = g.add_actor(Actor::new("unused", ActorKind::Other, "Unused Thing")).unwrap();
    g.remove_actor(unused).unwrap();
    assert!(g.actor_by_name("unused thing").is_none());
}

#[test]
fn the_petgraph_mirrors_the_entities() {
    let g = graph_with(
        &[claim("c", "kz", "condemns", r#"Actor("war")"#, r#"said_by: "tok", mode: DirectQuote, source: "s5""#)],
        "",
    );
    let pg = g.petgraph();
    let c = g.claim_node(g.claim_id("c").unwrap()).unwrap();
    assert_eq!(pg[c], Node::Claim(g.claim_id("c").unwrap()));
    let edges: Vec<(Edge, Node)> =
        pg.edges(c).map(|e| (*e.weight(), pg[petgraph::visit::EdgeRef::target(&e)])).collect();
    assert!(edges.contains(&(Edge::StatedBy(Mode::DirectQuote), Node::Actor(g.actor_id("tok").unwrap()))));
    assert!(edges.contains(&(Edge::Object, Node::Actor(g.actor_id("war").unwrap()))));
    assert!(edges.contains(&(Edge::ReportedIn, Node::Source(g.source_id("s5").unwrap()))));
    let s5 = g.source_node(g.source_id("s5").unwrap()).unwrap();
    assert!(pg.edges(s5).any(|e| *e.weight() == Edge::Derived(claimgraph::DerivationKind::RepublicationOf)));
    let derived: Vec<_> = g.derived_sources(g.source_id("s4").unwrap()).collect();
    assert_eq!(derived, [(g.source_id("s5").unwrap(), claimgraph::DerivationKind::RepublicationOf)]);
}

#[test]
fn alias_lookup_folds_case_diacritics_and_punctuation() {
    let g = claimgraph::load_str("base.ron", &format!("({BASE})")).unwrap();
    let tok = g.actor_id("tok").unwrap();
    for name in ["Tokaev", "TOKAEV", "Kasym-Žomart Tokaev", "kasym zomart  tokaev", "Kassym-Jomart Tokayev"] {
        assert_eq!(g.actor_by_name(name), Some(tok), "{name}");
    }
    assert_eq!(g.actor_by_name("Tokaeva"), None);
}

#[test]
fn exclusions_hold_both_ways_as_declared() {
    let g = claimgraph::load_str("base.ron", &format!("({BASE})")).unwrap();
    let p = |k: &str| g.predicate_id(k).unwrap();
    assert!(g.excludes(p("condemns"), p("supports")));
    assert!(g.excludes(p("supports"), p("condemns")), "declared on one side, it holds on both");
    assert!(!g.excludes(p("supports"), p("recognizes")));
}

#[test]
fn actors_named_only_as_qualifier_relay_or_author_cannot_be_removed() {
    let mut g = graph_with(
        &[claim("c", "kz", "says", r#"Text("a")"#, r#"qualifier: Some("naz"), relayed_by: [(by: Some("b"))]"#)],
        "",
    );
    for (key, by) in [("naz", "claim \"c\""), ("b", "claim \"c\"")] {
        let err = g.remove_actor(g.actor_id(key).unwrap()).unwrap_err().to_string();
        assert!(err.contains(&format!("still referred to by {by}")), "{key}: {err}");
    }
    let mut author = Source::new("authored", SourceKind::Article, "t", "en");
    let writer = g.add_actor(Actor::new("writer", ActorKind::Person, "A Writer")).unwrap();
    author.authors.push(writer);
    g.add_source(author).unwrap();
    assert!(g.remove_actor(writer).unwrap_err().to_string().contains("source \"authored\""));
}

#[test]
fn the_petgraph_once_built_follows_edits() {
    let mut g = graph_with(&[claim("c", "kz", "says", r#"Text("a")"#, "")], "");
    let nodes = g.petgraph().node_count();
    let mut claim = new_claim(&g, "added", Value::Text("b".into()));
    claim.qualifier = g.actor_id("naz");
    let added = g.add_claim(claim).unwrap();
    let node = g.claim_node(added).expect("a claim added after the petgraph was built has a node");
    assert_eq!(g.petgraph().node_count(), nodes + 1);
    let targets: Vec<Node> = g.petgraph().neighbors(node).map(|n| g.petgraph()[n]).collect();
    assert!(targets.contains(&Node::Actor(g.actor_id("naz").unwrap())));
    g.remove_claim(added).unwrap();
    assert_eq!(g.petgraph().node_count(), nodes);
    assert!(g.claim_node(added).is_none());
    // A clone keeps its petgraph; a fresh build of the same graph has the same shape.
    let fresh = claimgraph::from_snapshot_bytes(&claimgraph::snapshot_bytes(&g)).unwrap();
    assert_eq!(fresh.petgraph().node_count(), g.petgraph().node_count());
    assert_eq!(fresh.petgraph().edge_count(), g.petgraph().edge_count());
}

#[test]
fn a_claim_ref_reads_every_field_back() {
    let g = graph_with(
        &[claim(
            "full",
            "kz",
            "says",
            r#"Text("élan")"#,
            r#"qualifier: Some("naz"), polarity: Denied, modality: Hedged, about: Some("2022-11~"), said: Some("2023"), mode: Paraphrase, relayed_by: [(by: Some("b"), source: Some("s2"), mode: Hedged)], said_in: Some("s3"), note: Some("a note — with a dash")"#,
        )],
        "",
    );
    let c = g.claim(g.claim_id("full").unwrap()).unwrap();
    let owned = c.to_claim();
    assert_eq!(c, owned);
    assert_eq!(c.key(), "full");
    assert_eq!(c.quote(), "q full");
    assert_eq!(c.note(), Some("a note — with a dash"));
    assert_eq!(c.qualifier(), g.actor_id("naz"));
    assert_eq!(c.object(), Value::Text("élan".into()));
    assert_eq!(c.object_text(), Some("élan"));
    assert_eq!((c.polarity(), c.modality(), c.mode()), (Polarity::Denied, Modality::Hedged, Mode::Paraphrase));
    assert_eq!(c.about().unwrap().to_string(), "2022-11~");
    assert_eq!(c.said().unwrap().to_string(), "2023");
    assert_eq!(c.relayed_by().len(), 1);
    assert_eq!(c.relayed_by()[0].source, g.source_id("s2"));
    assert_eq!(c.said_in(), g.source_id("s3"));
    assert_eq!(c.proposition_key(), ClaimGraph::proposition_key(&owned));
}

#[test]
fn every_kind_of_object_reads_back_after_edits_compaction_and_a_snapshot() {
    let mut g = graph_with(&[claim("base", "kz", "says", r#"Text("a")"#, "")], "");
    let flag = g
        .add_predicate(claimgraph::Predicate {
            key: "flag".into(),
            label: "is flagged".into(),
            object: claimgraph::ObjectType::Bool,
            cardinality: claimgraph::Cardinality::Multi,
            excludes: Vec::new(),
            rebuts: false,
            tolerance: None,
            note: None,
        })
        .unwrap();
    let (km, person) = (g.unit_id("km").unwrap(), g.unit_id("person").unwrap());
    let quantity = |amount, unit| Value::Quantity(Quantity { amount, unit });
    let base = g.claim_id("base").unwrap();
    let objects = [
        ("border", quantity(Amount::Exact(6846.5), km)),
        ("border", quantity(Amount::Around(-0.25), km)),
        ("border", quantity(Amount::Range(200.0, 999.0), km)),
        ("arrivals", quantity(Amount::AtLeast(1e300), person)),
        ("arrivals", quantity(Amount::MoreThan(40.0), person)),
        ("arrivals", quantity(Amount::AtMost(f64::MIN_POSITIVE), person)),
        ("arrivals", quantity(Amount::LessThan(2e7), person)),
        ("occurred", Value::Date("2022-11~".parse().unwrap())),
        ("occurred", Value::Date("2022-01-05/2022-01-11".parse().unwrap())),
        ("says", Value::Text("Қазақстан — «élan» 🇰🇿".into())),
        ("says", Value::Text(String::new())),
        ("flag", Value::Bool(true)),
        ("flag", Value::Bool(false)),
        ("head", Value::Actor(g.actor_id("tok").unwrap())),
        ("denies", Value::Claim(base)),
    ];
    let modalities = [Modality::Asserted, Modality::Reported, Modality::Hedged, Modality::Predicted, Modality::Opinion];
    let modes = [Mode::Authorial, Mode::DirectQuote, Mode::Paraphrase, Mode::Hedged, Mode::Inserted];
    let mut added = Vec::new();
    for (i, (predicate, object)) in objects.into_iter().enumerate() {
        let mut c = new_claim(&g, &format!("o{i}"), object);
        c.predicate = g.predicate_id(predicate).unwrap_or(flag);
        c.polarity = if i % 2 == 0 { Polarity::Affirmed } else { Polarity::Denied };
        c.modality = if i == 14 { Modality::Question } else { modalities[i % 5] };
        c.mode = modes[i % 5];
        c.note = (i % 3 == 0).then(|| format!("note {i} — ü"));
        // Claims in between, removed below, so that compaction moves every text.
        g.add_claim(new_claim(&g, &format!("pad{i}"), Value::Text(format!("padding {i} é")))).unwrap();
        let id = g.add_claim(c.clone()).unwrap();
        added.push((id, c));
    }
    let check = |g: &ClaimGraph, when: &str| {
        for (id, c) in &added {
            let r = g.claim(*id).unwrap_or_else(|| panic!("{when}: {} is gone", c.key));
            assert_eq!(r.object(), c.object, "{when}: {}", c.key);
            let text = match &c.object {
                Value::Text(t) => Some(t.as_str()),
                _ => None,
            };
            assert_eq!(r.object_text(), text, "{when}: {}", c.key);
            assert_eq!(r.to_claim(), *c, "{when}");
        }
    };
    check(&g, "added");
    for i in 0..added.len() {
        g.remove_claim(g.claim_id(&format!("pad{i}")).unwrap()).unwrap();
    }
    g.compact();
    check(&g, "compacted");
    let back = claimgraph::from_snapshot_bytes(&claimgraph::snapshot_bytes(&g)).unwrap();
    assert_eq!(back, g);
    check(&back, "snapshot");
}
