//! The snapshot format: a compact binary image of a graph for machines, loaded in a fraction of
//! the time RON takes. RON stays the format for people.
//!
//! Layout: the magic bytes `CLAIMGRAPH-SNAPSHOT`, a format version (u32, little endian), then the
//! graph's arenas (entities by typed id, tombstones included, with their origin files) and the
//! columns of its claim and source stores, and the data set's defaults, in [postcard](https://docs.rs/postcard) encoding. Ids are kept as they are, so a snapshot loads
//! into a graph whose ids equal the saved graph's. Loading re-checks every entity with the same
//! rules as any edit, so a corrupt or hand-made snapshot gets an error, never a panic.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::save::write_atomically;
use crate::ClaimGraph;
use crate::graph::{
    ActorParts, ActorPartsOwned, ActorStore, Arena, ClaimStore, Origins, Slot, SourceStore, SourceStoreOwned,
    SourceStoreParts, StoreOwned, StoreParts,
};
use crate::model::{Conflict, Defaults, Predicate, Unit};

const MAGIC: &[u8] = b"CLAIMGRAPH-SNAPSHOT";
const VERSION: u32 = 4;

/// A snapshot could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a snapshot of this format version, or it is truncated or corrupt.
    #[error("{path}: not a valid claimgraph snapshot: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

#[derive(Serialize)]
struct ArenaRef<'a, T> {
    slots: &'a [Slot<T>],
    origins: &'a Origins,
}

#[derive(Deserialize)]
struct ArenaOwned<T> {
    slots: Vec<Slot<T>>,
    origins: Origins,
}

#[derive(Serialize)]
struct SnapshotRef<'a> {
    files: &'a [String],
    units: ArenaRef<'a, Unit>,
    predicates: ArenaRef<'a, Predicate>,
    actors: ActorParts<'a>,
    sources: SourceStoreParts<'a>,
    claims: StoreParts<'a>,
    conflicts: ArenaRef<'a, Conflict>,
    defaults: Option<(Defaults, Option<u32>)>,
}

#[derive(Deserialize)]
struct SnapshotOwned {
    files: Vec<String>,
    units: ArenaOwned<Unit>,
    predicates: ArenaOwned<Predicate>,
    actors: ActorPartsOwned,
    sources: SourceStoreOwned,
    claims: StoreOwned,
    conflicts: ArenaOwned<Conflict>,
    defaults: Option<(Defaults, Option<u32>)>,
}

fn borrow<T: crate::graph::Keyed>(arena: &Arena<T>) -> ArenaRef<'_, T> {
    let (slots, origins) = arena.parts();
    ArenaRef { slots, origins }
}

/// The snapshot of a graph, as bytes.
pub fn snapshot_bytes(graph: &ClaimGraph) -> Vec<u8> {
    let doc = SnapshotRef {
        files: &graph.files,
        units: borrow(&graph.units),
        predicates: borrow(&graph.predicates),
        actors: graph.actors.parts(),
        sources: graph.sources.parts(),
        claims: graph.claims.parts(),
        conflicts: borrow(&graph.conflicts),
        defaults: graph.defaults.map(|d| (d, graph.defaults_origin)),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    postcard::to_io(&doc, &mut out).expect("writing to a Vec cannot fail");
    out
}

/// Writes a snapshot of the graph to `path`, atomically (a temporary file renamed over it).
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let path = std::env::temp_dir().join(format!("doc-{}.cgsnap", std::process::id()));
/// claimgraph::save_snapshot(&graph, &path)?;
/// assert_eq!(claimgraph::load_snapshot(&path)?, graph);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn save_snapshot(graph: &ClaimGraph, path: impl AsRef<Path>) -> Result<(), SnapshotError> {
    let path = path.as_ref();
    write_atomically(path, &snapshot_bytes(graph)).map_err(|source| SnapshotError::Io { path: path.to_owned(), source })
}

/// Loads a snapshot written by [`save_snapshot`].
pub fn load_snapshot(path: impl AsRef<Path>) -> Result<ClaimGraph, SnapshotError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| SnapshotError::Io { path: path.to_owned(), source })?;
    from_snapshot_bytes(&bytes).map_err(|reason| SnapshotError::Invalid { path: path.to_owned(), reason })
}

/// Loads a snapshot from bytes; `Err` says what is wrong.
pub fn from_snapshot_bytes(bytes: &[u8]) -> Result<ClaimGraph, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("missing the CLAIMGRAPH-SNAPSHOT header")?;
    let (version, body) = rest.split_first_chunk::<4>().ok_or("truncated header")?;
    let version = u32::from_le_bytes(*version);
    if version != VERSION {
        return Err(format!("format version {version}, but this build reads version {VERSION}"));
    }
    let (doc, left): (SnapshotOwned, &[u8]) =
        postcard::take_from_bytes(body).map_err(|e| format!("corrupt body: {e}"))?;
    if !left.is_empty() {
        return Err(format!("{} unexpected bytes after the graph", left.len()));
    }
    // The graph saves entities back to these files, so they must be plain data-file names.
    for name in &doc.files {
        super::names::check(name).map_err(|e| format!("files: {e}"))?;
    }
    let files = doc.files.len();
    let mut graph = ClaimGraph::new();
    macro_rules! arena {
        ($field:ident, $what:literal) => {{
            graph.$field = Arena::from_parts(doc.$field.slots, doc.$field.origins, files)
                .map_err(|e| format!("{}: {e}", $what))?;
        }};
    }
    graph.files = doc.files;
    arena!(units, "units");
    arena!(predicates, "predicates");
    graph.actors = ActorStore::from_parts(doc.actors, files).map_err(|e| format!("actors: {e}"))?;
    graph.sources = SourceStore::from_parts(doc.sources, files).map_err(|e| format!("sources: {e}"))?;
    graph.claims = ClaimStore::from_parts(doc.claims, files).map_err(|e| format!("claims: {e}"))?;
    arena!(conflicts, "conflicts");
    if let Some((defaults, origin)) = doc.defaults {
        if let Some(e) = ClaimGraph::defaults_problems(&defaults).first() {
            return Err(format!("defaults: {e}"));
        }
        if origin.is_some_and(|o| o as usize >= files) {
            return Err("defaults: origin beyond the file list".to_owned());
        }
        graph.defaults = Some(defaults);
        graph.defaults_origin = origin;
    }
    // The claims' key index is built beside the checks and the other indexes.
    let mut keys = None;
    graph.reindex_checked(|g| {
        std::thread::scope(|s| {
            let index = s.spawn(|| g.claims.key_index());
            let checked = validate(g);
            keys = Some(index.join().expect("the key-index thread panicked")?);
            checked
        })
    })?;
    graph.claims.set_key_index(keys.expect("set when the checks pass"));
    Ok(graph)
}

/// Checks every entity with the rules any edit obeys.
fn validate(graph: &ClaimGraph) -> Result<(), String> {
    let fail = |what: &str, key: &str, e: &crate::GraphError| Err(format!("{what} {key:?}: {e}"));
    for (_, u) in graph.units() {
        if let Some(e) = ClaimGraph::unit_problems(u).first() {
            return fail("unit", &u.key, e);
        }
    }
    for (id, p) in graph.predicates() {
        if let Some(e) = graph.predicate_problems(p, id).first() {
            return fail("predicate", &p.key, e);
        }
    }
    for (_, a) in graph.actors() {
        if let Some(e) = graph.actor_problems(a.into()).first() {
            return fail("actor", a.key(), e);
        }
    }
    for (id, s) in graph.sources() {
        if let Some(e) = graph.source_problems(s.into(), Some(id)).first() {
            return fail("source", s.key(), e);
        }
    }
    for (id, c) in graph.claims() {
        if let Some(e) = graph.claim_problems(c.into(), Some(id)).first() {
            return fail("claim", c.key(), e);
        }
    }
    for (_, k) in graph.conflicts() {
        if let Some(e) = graph.conflict_problems(k).first() {
            return fail("conflict", &k.key, e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceId;

    #[test]
    fn corrupt_snapshots_are_errors_not_panics() {
        let graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let bytes = snapshot_bytes(&graph);
        assert_eq!(from_snapshot_bytes(&bytes).unwrap(), graph);
        assert!(from_snapshot_bytes(b"not a snapshot").unwrap_err().contains("header"));
        let mut wrong_version = bytes.clone();
        wrong_version[MAGIC.len()] = 99;
        assert!(from_snapshot_bytes(&wrong_version).unwrap_err().contains("version 99"));
        for cut in (0..bytes.len()).step_by(bytes.len() / 43 + 1) {
            assert!(from_snapshot_bytes(&bytes[..cut]).is_err());
        }
        let mut flipped = bytes.clone();
        let mut errors = 0;
        for i in (MAGIC.len() + 4..bytes.len()).step_by(bytes.len() / 61 + 1) {
            flipped[i] ^= 0x5a;
            errors += usize::from(from_snapshot_bytes(&flipped).is_err());
            flipped[i] ^= 0x5a;
        }
        assert!(errors > 0);
    }

    /// Version 2 held each claim's object as a serialized `Value`; version 3 encodes it in the
    /// record's words; version 4 adds the data set's defaults.
    #[test]
    fn an_older_snapshot_is_refused_by_name() {
        let graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let mut bytes = snapshot_bytes(&graph);
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&2u32.to_le_bytes());
        let error = from_snapshot_bytes(&bytes).unwrap_err();
        assert!(error.contains("format version 2, but this build reads version 4"), "{error}");
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&3u32.to_le_bytes());
        let error = from_snapshot_bytes(&bytes).unwrap_err();
        assert!(error.contains("format version 3, but this build reads version 4"), "{error}");
    }

    #[test]
    fn a_snapshot_with_a_corrupt_claim_record_is_refused() {
        use crate::graph::Corruption;
        let graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let last = graph.claims().last().unwrap().0.index();
        let cases = [
            (Corruption::UnknownKind, "unknown object kind"),
            (Corruption::UnknownFlags, "unknown flags"),
            (Corruption::ObjectTextBeyondArena, "object text out of range"),
            (Corruption::TimeOutOfRange, "time #"),
            (Corruption::NanAmount, "finite"),
        ];
        for (how, message) in cases {
            let mut corrupt = graph.clone();
            corrupt.claims.corrupt(last, how);
            let error = from_snapshot_bytes(&snapshot_bytes(&corrupt)).unwrap_err();
            assert!(error.contains(message), "{how:?}: {error}");
        }
    }

    /// Sources stored without the checks of an edit (as a hand-made snapshot could hold them)
    /// are refused on load: a derivation from a source that does not exist, an unknown outlet.
    #[test]
    fn snapshots_of_sources_naming_nothing_are_refused() {
        let mut graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let mut stray = crate::Source::new("stray", crate::SourceKind::Article, "t", "en");
        stray.derived_from.push(crate::Derivation {
            kind: crate::DerivationKind::Cites,
            source: SourceId(1_000_000),
            by: None,
        });
        let i = graph.sources.reserve("stray", None).unwrap();
        graph.sources.fill(i, stray.clone());
        let refused = from_snapshot_bytes(&snapshot_bytes(&graph)).unwrap_err();
        assert!(refused.contains("source \"stray\"") && refused.contains("dangling"), "{refused}");
        stray.key = "stray_outlet".into();
        stray.derived_from.clear();
        stray.outlet = Some(crate::ActorId(1_000_000));
        let mut graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let i = graph.sources.reserve("stray_outlet", None).unwrap();
        graph.sources.fill(i, stray);
        assert!(from_snapshot_bytes(&snapshot_bytes(&graph)).unwrap_err().contains("source \"stray_outlet\""));
    }

    /// Actors are checked on load as any edit checks them: the roles' and affiliations' actors
    /// must exist, and a name is required. (The store's own columns are checked by
    /// `ActorStore::from_parts`, tested with the store.)
    #[test]
    fn actors_breaking_the_rules_are_refused() {
        use crate::model::{Actor, ActorKind, Affiliation, AffiliationKind, Role};
        let with = |edit: &dyn Fn(&mut Actor)| {
            let mut graph = ClaimGraph::new();
            let kept = graph.add_actor(Actor::new("kept", ActorKind::State, "Kept")).unwrap();
            let mut actor = Actor::new("edited", ActorKind::Person, "Edited");
            actor.roles.push(Role { title: "Minister".into(), of: Some(kept), during: None });
            edit(&mut actor);
            // Stored without the checks of `add_actor`, as a hand-made snapshot could hold it.
            let i = graph.actors.reserve(&actor.key, None).unwrap();
            graph.actors.fill(i, actor);
            from_snapshot_bytes(&snapshot_bytes(&graph))
        };
        assert!(with(&|_| {}).is_ok());
        let dangling = Affiliation { kind: AffiliationKind::MemberOf, target: crate::ActorId(9), during: None };
        let err = with(&|a| a.affiliations.push(dangling.clone())).unwrap_err();
        assert!(err.contains("actor \"edited\"") && err.contains("#9"), "{err}");
        assert!(with(&|a| a.roles[0].of = Some(crate::ActorId(5))).unwrap_err().contains("actor \"edited\""));
        assert!(with(&|a| a.name = " ".into()).unwrap_err().contains("needs a name"));
    }

    /// Vocabulary and conflicts stored without the checks of an edit, as a hand-made snapshot
    /// could hold them: a predicate excluding itself, a conflict listing a claim twice.
    #[test]
    fn snapshots_breaking_vocabulary_and_conflict_rules_are_refused() {
        let graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let mut selfish = graph.clone();
        let own = selfish.predicates.capacity();
        let mut predicate = graph.predicates().next().unwrap().1.clone();
        predicate.key = "selfish".into();
        predicate.excludes = vec![crate::PredicateId::from_index(own)];
        let i = selfish.predicates.reserve("selfish", None).unwrap();
        selfish.predicates.fill(i, predicate);
        let Err(refused) = from_snapshot_bytes(&snapshot_bytes(&selfish)) else { panic!("accepted") };
        assert!(refused.contains("\"selfish\" excludes itself"), "{refused}");

        let mut twice = graph.clone();
        let (a, b) = (graph.claims().next().unwrap().0, graph.claims().nth(1).unwrap().0);
        let conflict = Conflict { key: "twice".into(), claims: vec![a, a, b], note: "n".into() };
        let i = twice.conflicts.reserve("twice", None).unwrap();
        twice.conflicts.fill(i, conflict);
        let Err(refused) = from_snapshot_bytes(&snapshot_bytes(&twice)) else { panic!("accepted") };
        assert!(refused.contains("conflict \"twice\"") && refused.contains("twice"), "{refused}");
    }

    /// An interval that ends before it starts cannot be written in RON (it is refused there), so
    /// a snapshot holding one is refused too: otherwise it would load, and its RON would not.
    #[test]
    fn a_snapshot_with_an_inverted_interval_is_refused() {
        use crate::time::DatePoint;
        let mut graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let inverted = crate::TimeSpec::Between(Some(DatePoint::year(2023)), Some(DatePoint::year(2020)));
        let id = graph.claims().next().unwrap().0;
        let mut claim = graph.claim(id).unwrap().to_claim();
        claim.key = "inverted".into();
        claim.about = Some(inverted);
        let i = graph.claims.reserve("inverted", None).unwrap();
        graph.claims.fill(i, claim);
        // Refused while decoding (postcard keeps no message of its own).
        let Err(refused) = from_snapshot_bytes(&snapshot_bytes(&graph)) else { panic!("accepted") };
        assert!(refused.contains("corrupt body"), "{refused}");
        // The same claim with its interval the right way round loads.
        let fixed = graph.clone();
        let i = fixed.claims.index_of("inverted").unwrap();
        let mut claim = fixed.claims.get(i).unwrap().to_claim();
        claim.key = "upright".into();
        claim.about = Some(crate::TimeSpec::Between(Some(DatePoint::year(2020)), Some(DatePoint::year(2023))));
        let mut upright = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        upright.add_claim(claim).unwrap();
        assert!(from_snapshot_bytes(&snapshot_bytes(&upright)).is_ok());
    }

    #[test]
    fn removed_actors_stay_removed_and_ids_stay_put() {
        let mut graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let unused = graph.add_actor(crate::Actor::new("unused", crate::ActorKind::Other, "Unused")).unwrap();
        let last = graph.add_actor(crate::Actor::new("last", crate::ActorKind::Other, "Last")).unwrap();
        graph.remove_actor(unused).unwrap();
        let back = from_snapshot_bytes(&snapshot_bytes(&graph)).unwrap();
        assert_eq!(back, graph);
        assert!(back.actor(unused).is_none() && back.actor_id("unused").is_none());
        assert_eq!(back.actor_id("last"), Some(last));
        assert_eq!(back.actor(last).unwrap().to_actor(), graph.actor(last).unwrap().to_actor());
    }
}
