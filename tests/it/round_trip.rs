//! Load, save, load: nothing is lost, and saving is atomic.

use std::collections::BTreeSet;

use claimgraph::{Actor, ActorKind, ClaimGraph, SaveError};

use super::{bundled, bundled_dir, temp_dir};

fn ron_files(dir: &std::path::Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect()
}

#[test]
fn bundled_data_round_trips() {
    let graph = bundled();
    let dir = temp_dir("round-trip");
    claimgraph::save_dir(&graph, &dir).unwrap();
    assert_eq!(ron_files(&dir), ron_files(&bundled_dir()), "every entity goes back to its own file");
    let again = claimgraph::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(graph, again);
    assert_eq!(graph.claim_count(), again.claim_count());

    // Saving what was loaded from a save writes the same bytes: the format is stable.
    let second = temp_dir("round-trip-2");
    claimgraph::save_dir(&again, &second).unwrap();
    for name in ron_files(&dir) {
        assert_eq!(std::fs::read(dir.join(&name)).unwrap(), std::fs::read(second.join(&name)).unwrap(), "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&second).unwrap();
}

#[test]
fn entities_added_through_the_api_are_saved_too() {
    let mut graph = bundled();
    let mut analyst = Actor::new("new_analyst", ActorKind::Person, "New Analyst");
    analyst.aliases.push("N. Analyst".into());
    graph.add_actor(analyst).unwrap();
    let dir = temp_dir("added");
    claimgraph::save_dir(&graph, &dir).unwrap();
    assert!(dir.join("actors.ron").exists());
    let again = claimgraph::load_dir(&dir).unwrap();
    assert_eq!(graph, again);
    assert!(again.actor_by_name("n analyst").is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_save_leaves_no_half_written_file() {
    let graph = bundled();
    let dir = temp_dir("atomic");
    // A directory where a file must go: the rename fails, the old content stays whole.
    std::fs::create_dir(dir.join("actors.ron")).unwrap();
    std::fs::write(dir.join("vocabulary.ron"), "old").unwrap();
    let err = claimgraph::save_dir(&graph, &dir).unwrap_err();
    assert!(matches!(err, SaveError::Io { ref path, .. } if path.ends_with("actors.ron")), "{err}");
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_graph_round_trips() {
    let dir = temp_dir("empty-graph");
    let mut graph = ClaimGraph::new();
    graph.add_actor(Actor::new("x", ActorKind::Other, "X")).unwrap();
    claimgraph::save_dir(&graph, &dir).unwrap();
    assert_eq!(claimgraph::load_dir(&dir).unwrap(), graph);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Large graphs rebuild their indexes on several threads when loaded: a synthetic graph above
/// that size survives a snapshot with every index and query answer intact, and a removal
/// (which leaves a tombstone and unused text) survives too.
#[test]
fn a_large_graph_survives_a_snapshot_with_its_indexes() {
    use claimgraph::query::{contradictions, corroborations};
    let mut graph = claimgraph::synth::generate(&claimgraph::synth::Config { claims: 60_000, ..Default::default() });
    let ids: Vec<_> = graph.claims().map(|(id, _)| id).step_by(1000).collect();
    let removed: Vec<_> = ids.into_iter().filter(|&id| graph.remove_claim(id).is_ok()).collect();
    assert!(!removed.is_empty());
    let back = claimgraph::from_snapshot_bytes(&claimgraph::snapshot_bytes(&graph)).unwrap();
    assert_eq!(back, graph);
    assert!(removed.iter().all(|&id| back.claim(id).is_none()));
    assert_eq!(contradictions(&back), contradictions(&graph));
    assert_eq!(corroborations(&back, 2), corroborations(&graph, 2));
    for (id, actor) in graph.actors().step_by(97) {
        assert_eq!(back.claims_about(id), graph.claims_about(id), "{}", actor.key());
        assert_eq!(back.claims_by_speaker(id), graph.claims_by_speaker(id));
        assert_eq!(back.claims_with_object(id), graph.claims_with_object(id));
        assert_eq!(
            back.actors_named(actor.name()).collect::<Vec<_>>(),
            graph.actors_named(actor.name()).collect::<Vec<_>>()
        );
    }
    for (id, _) in graph.sources().step_by(97) {
        assert_eq!(back.claims_in_source(id), graph.claims_in_source(id));
        assert_eq!(back.derived_sources(id).collect::<Vec<_>>(), graph.derived_sources(id).collect::<Vec<_>>());
    }
    for (id, c) in graph.claims().step_by(101) {
        assert_eq!(back.claim(id).unwrap().to_claim(), c.to_claim());
        assert_eq!(back.claim_id(c.key()), Some(id));
    }
}
