//! The snapshot format: a compact binary image of a graph for machines, loaded in a fraction of
//! the time RON takes. RON stays the format for people.
//!
//! Layout (format version 5; `data/FORMAT.md` gives every field): the magic bytes
//! `CLAIMGRAPH-SNAPSHOT`, a format version (u32, little endian), then thirteen blocks, each its
//! length (u64, little endian) and its bytes: `meta` (the file list, the vocabulary, the
//! conflicts, the defaults, the stores' origins and interned dates, the actors' roles and
//! affiliations, in [postcard](https://docs.rs/postcard) encoding), then the arrays of the
//! actor, source and claim stores as they are in memory: records and side arrays as
//! fixed-size little-endian rows, texts as UTF-8. Each array is read back in one pass (cut into
//! rows, each field by `from_le_bytes`) into a vector of exactly its size. Ids are kept as they
//! are, so a snapshot loads into a graph whose ids equal the saved graph's. Loading checks every
//! row, range and text, and then every entity with the same rules as any edit, so a corrupt or
//! hand-made snapshot gets an error naming the block, the row and the byte of the file it is
//! about, never a panic.
//!
//! Snapshots of format version 4 (one postcard document) are still read; older ones are refused
//! by their version.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::save::write_atomically;
use crate::ClaimGraph;
use crate::graph::{
    ACTOR_BLOCKS, ACTOR_ROW, ActorMeta, ActorMetaOwned, ActorPartsOwned, ActorStore, Arena, BlockProblem, CLAIM_BLOCKS,
    CLAIM_ROW, ClaimMeta, ClaimMetaOwned, ClaimStore, Origins, SOURCE_BLOCKS, SOURCE_ROW, Slot, SourceMeta,
    SourceMetaOwned, SourceStore, SourceStoreOwned, StoreOwnedV4,
};
use crate::model::{Conflict, Defaults, Predicate, Unit};

const MAGIC: &[u8] = b"CLAIMGRAPH-SNAPSHOT";
/// The format version this build writes.
const VERSION: u32 = 5;
/// The older format version this build still reads.
const VERSION_4: u32 = 4;

/// The claim count from which a snapshot's stores are read on two threads.
const PARALLEL_READ_FROM: usize = 50_000;

/// The name of the metadata block.
const META: &str = "meta";

/// The blocks of a snapshot, in the order they are written.
const BLOCKS: [&str; 13] = [
    META,
    ACTOR_BLOCKS[0],
    ACTOR_BLOCKS[1],
    ACTOR_BLOCKS[2],
    SOURCE_BLOCKS[0],
    SOURCE_BLOCKS[1],
    SOURCE_BLOCKS[2],
    SOURCE_BLOCKS[3],
    CLAIM_BLOCKS[0],
    CLAIM_BLOCKS[1],
    CLAIM_BLOCKS[2],
    CLAIM_BLOCKS[3],
    CLAIM_BLOCKS[4],
];

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
    /// The file is not a snapshot of a format version this build reads, or it is truncated or
    /// corrupt.
    #[error("{path}: not a valid claimgraph snapshot: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where: the block, the row and the byte of the file.
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

/// The metadata block, as it is written.
#[derive(Serialize)]
struct MetaRef<'a> {
    files: &'a [String],
    units: ArenaRef<'a, Unit>,
    predicates: ArenaRef<'a, Predicate>,
    conflicts: ArenaRef<'a, Conflict>,
    defaults: Option<(Defaults, Option<u32>)>,
    actors: ActorMeta<'a>,
    sources: SourceMeta<'a>,
    claims: ClaimMeta<'a>,
}

/// The metadata block, as it is read.
#[derive(Deserialize)]
struct MetaOwned {
    files: Vec<String>,
    units: ArenaOwned<Unit>,
    predicates: ArenaOwned<Predicate>,
    conflicts: ArenaOwned<Conflict>,
    defaults: Option<(Defaults, Option<u32>)>,
    actors: ActorMetaOwned,
    sources: SourceMetaOwned,
    claims: ClaimMetaOwned,
}

/// A snapshot of format version 4: one postcard document.
#[derive(Deserialize)]
struct SnapshotV4 {
    files: Vec<String>,
    units: ArenaOwned<Unit>,
    predicates: ArenaOwned<Predicate>,
    actors: ActorPartsOwned,
    sources: SourceStoreOwned,
    claims: StoreOwnedV4,
    conflicts: ArenaOwned<Conflict>,
    defaults: Option<(Defaults, Option<u32>)>,
}

fn borrow<T: crate::graph::Keyed>(arena: &Arena<T>) -> ArenaRef<'_, T> {
    let (slots, origins) = arena.parts();
    ArenaRef { slots, origins }
}

/// Appends a block: its length, then what `fill` writes.
fn block(out: &mut Vec<u8>, fill: impl FnOnce(&mut Vec<u8>)) {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    fill(out);
    let len = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&len.to_le_bytes());
}

/// The snapshot of a graph, as bytes.
pub fn snapshot_bytes(graph: &ClaimGraph) -> Vec<u8> {
    let meta = MetaRef {
        files: &graph.files,
        units: borrow(&graph.units),
        predicates: borrow(&graph.predicates),
        conflicts: borrow(&graph.conflicts),
        defaults: graph.defaults.map(|d| (d, graph.defaults_origin)),
        actors: graph.actors.meta(),
        sources: graph.sources.meta(),
        claims: graph.claims.meta(),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    block(&mut out, |out| postcard::to_io(&meta, out).map(drop).expect("writing to a Vec cannot fail"));
    for i in 0..ACTOR_BLOCKS.len() {
        block(&mut out, |out| graph.actors.write_block(i, out));
    }
    for i in 0..SOURCE_BLOCKS.len() {
        block(&mut out, |out| graph.sources.write_block(i, out));
    }
    for i in 0..CLAIM_BLOCKS.len() {
        block(&mut out, |out| graph.claims.write_block(i, out));
    }
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

/// Loads a snapshot written by [`save_snapshot`] (of format version 5, or 4 from earlier builds).
pub fn load_snapshot(path: impl AsRef<Path>) -> Result<ClaimGraph, SnapshotError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| SnapshotError::Io { path: path.to_owned(), source })?;
    from_snapshot_bytes(&bytes).map_err(|reason| SnapshotError::Invalid { path: path.to_owned(), reason })
}

/// Loads a snapshot from bytes; `Err` says what is wrong, and where in the bytes.
pub fn from_snapshot_bytes(bytes: &[u8]) -> Result<ClaimGraph, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("missing the CLAIMGRAPH-SNAPSHOT header")?;
    let (version, body) = rest.split_first_chunk::<4>().ok_or("truncated header")?;
    match u32::from_le_bytes(*version) {
        VERSION => read(bytes),
        VERSION_4 => read_v4(body),
        version => Err(format!(
            "format version {version}, but this build reads versions {VERSION_4} and {VERSION} (save the data set \
             as RON with the build that wrote it, and load that)"
        )),
    }
}

/// The blocks of a snapshot of the current version: where each starts in `bytes`, and its bytes.
fn blocks(bytes: &[u8]) -> Result<[(usize, &[u8]); BLOCKS.len()], String> {
    let mut at = MAGIC.len() + 4;
    let mut out = [(0, &bytes[..0]); BLOCKS.len()];
    for (name, slot) in BLOCKS.iter().zip(&mut out) {
        let len = bytes
            .get(at..at + 8)
            .ok_or_else(|| format!("truncated: the length of block {name} (byte {at} of the file) is missing"))?;
        let len = u64::from_le_bytes(len.try_into().expect("eight bytes"));
        let start = at + 8;
        let left = bytes.len() - start;
        let end = usize::try_from(len).ok().filter(|&len| len <= left).map(|len| start + len).ok_or_else(|| {
            format!("truncated: block {name} (from byte {start} of the file) has {len} bytes, {left} are left")
        })?;
        *slot = (start, &bytes[start..end]);
        at = end;
    }
    if at < bytes.len() {
        return Err(format!("{} unexpected bytes after the last block (from byte {at} of the file)", bytes.len() - at));
    }
    Ok(out)
}

/// Reads a snapshot of the current version (`bytes` from the magic on).
fn read(bytes: &[u8]) -> Result<ClaimGraph, String> {
    let blocks = blocks(bytes)?;
    let start_of = |name: &str| BLOCKS.iter().position(|b| *b == name).map_or(0, |i| blocks[i].0);
    let locate = |p: BlockProblem| p.located(start_of(p.block));
    let (meta_at, meta) = blocks[0];
    let meta: MetaOwned = match postcard::take_from_bytes(meta) {
        Ok((meta, [])) => meta,
        Ok((_, left)) => {
            return Err(format!("{META} (from byte {meta_at} of the file): {} bytes left over", left.len()));
        }
        Err(e) => return Err(format!("{META} (from byte {meta_at} of the file): corrupt: {e}")),
    };
    let block = |i: usize| blocks[i].1;
    let in_meta = |e: String| format!("{META} (from byte {meta_at} of the file): {e}");
    let mut graph =
        graph_of_meta(meta.files, meta.units, meta.predicates, meta.conflicts, meta.defaults).map_err(in_meta)?;
    let files = graph.files.len();
    // The actor and source stores are read beside the claim store (on another thread when the
    // claims are many); a problem in the actors is reported first, then one in the sources, then
    // one in the claims.
    let actors_and_sources = || {
        let actors = ActorStore::from_blocks([block(1), block(2), block(3)], meta.actors, files);
        let sources = SourceStore::from_blocks([block(4), block(5), block(6), block(7)], meta.sources, files);
        (actors, sources)
    };
    let claims = || ClaimStore::from_blocks([block(8), block(9), block(10), block(11), block(12)], meta.claims, files);
    let ((actors, sources), claims) = if block(8).len() < PARALLEL_READ_FROM * CLAIM_ROW {
        (actors_and_sources(), claims())
    } else {
        std::thread::scope(|s| {
            let actors_and_sources = s.spawn(actors_and_sources);
            let claims = claims();
            (actors_and_sources.join().expect("the thread reading actors and sources panicked"), claims)
        })
    };
    graph.actors = actors.map_err(locate)?;
    graph.sources = sources.map_err(locate)?;
    graph.claims = claims.map_err(locate)?;
    checked(graph, |refused| match refused {
        Refused::Block(problem) => locate(problem),
        Refused::Rule(broken) => {
            let Broken { what, index, key, error, row } = *broken;
            let message = format!("{what} {key:?}: {error}");
            match row {
                Some((block, size)) => BlockProblem::row(block, what, index, size, message).located(start_of(block)),
                None => in_meta(message),
            }
        }
    })
}

/// Reads a snapshot of format version 4 (`body` after the version).
fn read_v4(body: &[u8]) -> Result<ClaimGraph, String> {
    let (doc, left): (SnapshotV4, &[u8]) = postcard::take_from_bytes(body).map_err(|e| format!("corrupt body: {e}"))?;
    if !left.is_empty() {
        return Err(format!("{} unexpected bytes after the graph", left.len()));
    }
    let mut graph = graph_of_meta(doc.files, doc.units, doc.predicates, doc.conflicts, doc.defaults)?;
    let files = graph.files.len();
    let message = |p: BlockProblem| p.to_string();
    graph.actors = ActorStore::from_parts(doc.actors, files, 0).map_err(message)?;
    graph.sources = SourceStore::from_parts(doc.sources, files, 0).map_err(message)?;
    graph.claims = ClaimStore::from_v4(doc.claims, files).map_err(message)?;
    checked(graph, |refused| match refused {
        Refused::Block(problem) => problem.to_string(),
        Refused::Rule(broken) => format!("{} {:?}: {}", broken.what, broken.key, broken.error),
    })
}

/// A graph holding the file list, the vocabulary, the conflicts and the defaults, each checked
/// as far as it can be without the stores.
fn graph_of_meta(
    files: Vec<String>,
    units: ArenaOwned<Unit>,
    predicates: ArenaOwned<Predicate>,
    conflicts: ArenaOwned<Conflict>,
    defaults: Option<(Defaults, Option<u32>)>,
) -> Result<ClaimGraph, String> {
    // The graph saves entities back to these files, so they must be plain data-file names.
    for name in &files {
        super::names::check(name).map_err(|e| format!("files: {e}"))?;
    }
    let n = files.len();
    let mut graph = ClaimGraph::new();
    graph.units = Arena::from_parts(units.slots, units.origins, n).map_err(|e| format!("units: {e}"))?;
    graph.predicates =
        Arena::from_parts(predicates.slots, predicates.origins, n).map_err(|e| format!("predicates: {e}"))?;
    graph.conflicts =
        Arena::from_parts(conflicts.slots, conflicts.origins, n).map_err(|e| format!("conflicts: {e}"))?;
    if let Some((defaults, origin)) = defaults {
        if let Some(e) = ClaimGraph::defaults_problems(&defaults).first() {
            return Err(format!("defaults: {e}"));
        }
        if origin.is_some_and(|o| o as usize >= n) {
            return Err("defaults: origin beyond the file list".to_owned());
        }
        graph.defaults = Some(defaults);
        graph.defaults_origin = origin;
    }
    graph.files = files;
    Ok(graph)
}

/// Why a snapshot's graph is refused once its stores are read: a row of a block, or an entity
/// breaking a rule any edit obeys.
enum Refused {
    Block(BlockProblem),
    Rule(Box<Broken>),
}

/// An entity breaking a rule: what it is, its index and key, the rule's error, and for the
/// entities of the stores, the block of their records and the size of a record.
struct Broken {
    what: &'static str,
    index: usize,
    key: String,
    error: crate::GraphError,
    row: Option<(&'static str, usize)>,
}

/// The graph with its indexes, once every entity passes the checks of [`validate`] and the
/// claims' keys are distinct; `render` words a refusal.
fn checked(mut graph: ClaimGraph, render: impl Fn(Refused) -> String) -> Result<ClaimGraph, String> {
    // The claims' key index is built beside the checks and the other indexes.
    let mut keys = None;
    let built = graph.reindex_checked(|g| {
        std::thread::scope(|s| {
            let index = s.spawn(|| g.claims.key_index());
            let checked = validate(g);
            keys = Some(index.join().expect("the key-index thread panicked").map_err(Refused::Block)?);
            checked.map_err(Refused::Rule)
        })
    });
    built.map_err(render)?;
    graph.claims.set_key_index(keys.expect("set when the checks pass"));
    Ok(graph)
}

/// Checks every entity with the rules any edit obeys.
fn validate(graph: &ClaimGraph) -> Result<(), Box<Broken>> {
    let fail = |what: &'static str, index: usize, key: &str, e: &crate::GraphError, row| {
        Err(Box::new(Broken { what, index, key: key.to_owned(), error: e.clone(), row }))
    };
    for (id, u) in graph.units() {
        if let Some(e) = ClaimGraph::unit_problems(u).first() {
            return fail("unit", id.index(), &u.key, e, None);
        }
    }
    for (id, p) in graph.predicates() {
        if let Some(e) = graph.predicate_problems(p, id).first() {
            return fail("predicate", id.index(), &p.key, e, None);
        }
    }
    for (id, a) in graph.actors() {
        if let Some(e) = graph.actor_problems(a.into()).first() {
            return fail("actor", id.index(), a.key(), e, Some((ACTOR_BLOCKS[0], ACTOR_ROW)));
        }
    }
    for (id, s) in graph.sources() {
        if let Some(e) = graph.source_problems(s.into(), Some(id)).first() {
            return fail("source", id.index(), s.key(), e, Some((SOURCE_BLOCKS[0], SOURCE_ROW)));
        }
    }
    if let Some((id, e)) = graph.first_claim_problem() {
        let key = graph.claim(id).map_or("", |c| c.key());
        return fail("claim", id.index(), key, &e, Some((CLAIM_BLOCKS[0], CLAIM_ROW)));
    }
    for (id, k) in graph.conflicts() {
        if let Some(e) = graph.conflict_problems(k).first() {
            return fail("conflict", id.index(), &k.key, e, None);
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
        assert!(from_snapshot_bytes(&wrong_version).unwrap_err().contains("format version 99"));
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
    /// record's words; version 4 adds the data set's defaults; version 5 lays the stores out in
    /// blocks of rows. Versions before 4 are refused by name, and so are later ones.
    #[test]
    fn other_versions_are_refused_by_name() {
        let graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let mut bytes = snapshot_bytes(&graph);
        assert_eq!(bytes[MAGIC.len()..MAGIC.len() + 4], 5u32.to_le_bytes());
        for version in [2u32, 3, 6, u32::MAX] {
            bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&version.to_le_bytes());
            let error = from_snapshot_bytes(&bytes).unwrap_err();
            let expected = format!("format version {version}, but this build reads versions 4 and 5");
            assert!(error.starts_with(&expected), "{error}");
        }
        // A version 5 file read as version 4 is a corrupt version 4 file, not a panic.
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&4u32.to_le_bytes());
        assert!(from_snapshot_bytes(&bytes).is_err());
    }

    const V4: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/snapshot_v4");

    /// A snapshot written by the last build of format version 4 still loads, equal to the RON
    /// that build saved of the same graph, with its tombstones (removed claims and actors keep
    /// their ids) and its quantities moved into the store's slots; saved again, it is version 5.
    #[test]
    fn a_snapshot_of_version_4_still_loads() {
        let old = std::fs::read(format!("{V4}/synthetic.snapshot")).unwrap();
        assert_eq!(old[MAGIC.len()..MAGIC.len() + 4], 4u32.to_le_bytes());
        let graph = from_snapshot_bytes(&old).unwrap();
        let ron = crate::load_dir(format!("{V4}/synthetic")).unwrap();
        assert!(graph == ron, "the version 4 snapshot differs from its RON");
        assert_eq!(graph.claim_count(), 232);
        assert!(graph.claims.capacity() > graph.claim_count(), "removed claims keep their ids");
        assert!(graph.actor_id("gone_actor").is_none() && graph.actor_id("kept_actor").is_some());
        assert_eq!(graph.defaults().tolerance, 0.07);
        let quantities = graph.claims().filter(|(_, c)| matches!(c.object(), crate::Value::Quantity(_))).count();
        assert!(quantities > 30, "{quantities} quantities");
        let again = snapshot_bytes(&graph);
        assert_eq!(again[MAGIC.len()..MAGIC.len() + 4], 5u32.to_le_bytes());
        let back = from_snapshot_bytes(&again).unwrap();
        assert!(back == graph);
        for (id, claim) in graph.claims() {
            assert_eq!(back.claim(id).unwrap().to_claim(), claim.to_claim());
        }
        // A damaged version 4 snapshot is refused with a message, and never panics.
        assert!(from_snapshot_bytes(&old[..old.len() / 2]).unwrap_err().contains("corrupt body"));
        let mut flipped = old.clone();
        for i in (MAGIC.len() + 4..old.len()).step_by(old.len() / 97 + 1) {
            flipped[i] ^= 0xa5;
            if let Err(e) = from_snapshot_bytes(&flipped) {
                assert!(!e.is_empty());
            }
            flipped[i] ^= 0xa5;
        }
    }

    /// The bytes of block `name` of a snapshot, and where they start.
    fn block_of<'a>(bytes: &'a [u8], name: &str) -> (usize, &'a [u8]) {
        let i = BLOCKS.iter().position(|b| *b == name).unwrap();
        blocks(bytes).unwrap()[i]
    }

    fn synthetic() -> ClaimGraph {
        crate::synth::generate(&crate::synth::Config { claims: 400, seed: 5, ..Default::default() })
    }

    /// The bundled and a synthetic graph load back equal from their snapshots, and a snapshot of
    /// the loaded graph has the same bytes.
    #[test]
    fn snapshots_round_trip_byte_for_byte() {
        let bundled = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        for graph in [bundled, synthetic(), ClaimGraph::new()] {
            let bytes = snapshot_bytes(&graph);
            let back = from_snapshot_bytes(&bytes).unwrap();
            assert!(back == graph);
            assert_eq!(snapshot_bytes(&back), bytes);
            let (_, records) = block_of(&bytes, CLAIM_BLOCKS[0]);
            assert_eq!(records.len(), graph.claims.capacity() * CLAIM_ROW);
        }
    }

    /// Every way of cutting a snapshot short names what is missing.
    #[test]
    fn a_truncated_snapshot_names_the_block_it_ends_in() {
        let bytes = snapshot_bytes(&synthetic());
        assert_eq!(from_snapshot_bytes(&bytes[..MAGIC.len() + 2]).unwrap_err(), "truncated header");
        for (i, name) in BLOCKS.iter().enumerate() {
            let (start, block) = block_of(&bytes, name);
            let error = from_snapshot_bytes(&bytes[..start - 3]).unwrap_err();
            let expected = format!("truncated: the length of block {name} (byte {} of the file) is missing", start - 8);
            assert_eq!(error, expected);
            if !block.is_empty() {
                let error = from_snapshot_bytes(&bytes[..start + block.len() - 1]).unwrap_err();
                let expected = format!(
                    "truncated: block {name} (from byte {start} of the file) has {} bytes, {} are left",
                    block.len(),
                    block.len() - 1
                );
                assert_eq!(error, expected, "block {i}");
            }
        }
        let mut longer = bytes.clone();
        longer.extend_from_slice(b"xyz");
        let error = from_snapshot_bytes(&longer).unwrap_err();
        assert_eq!(error, format!("3 unexpected bytes after the last block (from byte {} of the file)", bytes.len()));
    }

    /// A damaged block is refused with its name, the row and the byte of the file where the
    /// damage is.
    #[test]
    fn corrupt_blocks_give_the_place_of_the_damage() {
        let graph = synthetic();
        let bytes = snapshot_bytes(&graph);
        let refused = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut damaged = bytes.clone();
            edit(&mut damaged);
            from_snapshot_bytes(&damaged).unwrap_err()
        };
        // The flags byte (the last) of claim 7's record.
        let (records, _) = block_of(&bytes, CLAIM_BLOCKS[0]);
        let at = records + 7 * CLAIM_ROW;
        let error = refused(&|b| b[at + CLAIM_ROW - 1] = 0xff);
        assert_eq!(error, format!("claims.records, claim 7 (byte {at} of the file): unknown flags 0xff"));
        // Claim 9's subject (bytes 16..20 of its record) names no actor.
        let at = records + 9 * CLAIM_ROW;
        let key = graph.claims.get(9).unwrap().key().to_owned();
        let error = refused(&|b| b[at + 16..at + 20].copy_from_slice(&4_000_000u32.to_le_bytes()));
        assert!(
            error.starts_with(&format!("claims.records, claim 9 (byte {at} of the file): claim {key:?}: ")),
            "{error}"
        );
        assert!(error.ends_with("dangling reference: no actor with id \"actor#4000000\""), "{error}");
        // A text that is not UTF-8.
        let (text, _) = block_of(&bytes, CLAIM_BLOCKS[1]);
        let error = refused(&|b| b[text + 10] = 0xff);
        assert_eq!(error, format!("claims.text, byte {} of the file: not UTF-8", text + 10));
        // A relay whose mode names nothing.
        let (relays, block) = block_of(&bytes, CLAIM_BLOCKS[3]);
        assert!(block.len() >= 18, "the synthetic graph has relays");
        let error = refused(&|b| b[relays + 9 + 8] = 9);
        assert_eq!(error, format!("claims.relays, relay 1 (byte {} of the file): unknown mode 9", relays + 9));
        // A source record's kind, an actor record's state.
        let (sources, _) = block_of(&bytes, SOURCE_BLOCKS[0]);
        let error = refused(&|b| b[sources + 2 * SOURCE_ROW + 46] = 200);
        let expected =
            format!("sources.records, source 2 (byte {} of the file): unknown kind 200", sources + 2 * SOURCE_ROW);
        assert_eq!(error, expected);
        let (actors, _) = block_of(&bytes, ACTOR_BLOCKS[0]);
        let error = refused(&|b| b[actors + ACTOR_ROW - 1] = 3);
        assert_eq!(error, format!("actors.records, actor 0 (byte {actors} of the file): unknown state 3"));
        // A block whose length is not a whole number of rows: the quantities without their
        // last byte.
        let (quantities, block) = block_of(&bytes, CLAIM_BLOCKS[2]);
        let error = refused(&|b| {
            b.remove(quantities + block.len() - 1);
            b[quantities - 8..quantities].copy_from_slice(&(block.len() as u64 - 1).to_le_bytes());
        });
        let expected = format!(
            "claims.quantities (from byte {quantities} of the file): {} bytes, not a whole number of 4-byte rows",
            block.len() - 1
        );
        assert_eq!(error, expected);
        // The metadata block.
        let (meta, _) = block_of(&bytes, META);
        let error = refused(&|b| b[meta] = 0xff);
        assert!(error.starts_with(&format!("meta (from byte {meta} of the file): ")), "{error}");
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
        // Refused while decoding the metadata block, where the times are (postcard keeps no
        // message of its own).
        let Err(refused) = from_snapshot_bytes(&snapshot_bytes(&graph)) else { panic!("accepted") };
        assert!(refused.starts_with("meta (from byte 31 of the file): corrupt"), "{refused}");
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
