//! Saving a graph back to a data directory, one file per origin. A save replaces the whole data
//! set at once: it is written into a fresh sibling directory and switched in by renames, with a
//! recovery rule for a switch that was interrupted (see [`save_dir`] and DESIGN.md).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::format::{
    ActorDoc, AffiliationDoc, ClaimDoc, ConflictDoc, DefaultsDoc, DerivationDoc, FileDoc, ObjectTypeDoc, PredicateDoc,
    RelayDoc, RoleDoc, SourceDoc, UnitDoc, ValueDoc,
};
use super::names;
use crate::error::SaveError;
use crate::model::{ObjectType, Value};
use crate::{ActorId, ClaimGraph, SourceId};

/// Saves the graph as RON files in `dir`: every entity goes back to the file it was loaded from,
/// in its original order; entities added through the API go to `vocabulary.ron`, `actors.ron`,
/// `sources.ron`, `claims.ron` or `conflicts.ron`. Comments in the original files are not kept;
/// use `note` fields for commentary that must survive. Loading the saved directory gives a graph
/// equal to this one.
///
/// **The data set is replaced as a whole.** The new files are written and flushed to disk in a
/// fresh directory beside `dir` (`.<dir>.cg-tmp-<unique>`), which is renamed
/// `.<dir>.cg-new-<unique>` once complete; then `dir` is renamed `.<dir>.cg-old-<unique>`, the
/// new directory renamed `dir`, what `dir` held besides its `.ron` files (subdirectories, other
/// files) moved into the new `dir`, and the old directory deleted. After the save, the `.ron`
/// files of `dir` are exactly the graph's, and no temporary directory remains.
///
/// If the process dies during a save, `dir` holds the old data set or the new one, complete,
/// never a mix; the next [`save_dir`] or [`load_dir`](crate::load_dir) of `dir` finishes or
/// undoes the switch: when `dir` is missing, a complete new directory becomes `dir` (else the
/// old one goes back); the other leftovers are removed. A save that fails with an error leaves
/// the old data set in place unless the switch was already made.
///
/// Saves to one directory are serialised by a lock on the file `.<dir>.cg-lock` beside it
/// (kept there), so concurrent saves never tear a file: each replaces the whole data set in turn.
///
/// As the directory itself is replaced, a process whose working directory is inside `dir`, or
/// that holds it open, keeps seeing the old (deleted) directory; open `dir` again by its path.
/// If `dir` is a symbolic link, the directory it points to is replaced and the link kept.
///
/// Errors: [`SaveError::InvalidName`] before anything is written if a file name the graph holds
/// is not a plain `.ron` file name (a name from [`load_str`](crate::load_str) or a snapshot);
/// [`SaveError::Io`] if the disk refuses.
pub fn save_dir(graph: &ClaimGraph, dir: impl AsRef<Path>) -> Result<(), SaveError> {
    save_dir_steps(graph, dir.as_ref(), &mut Steps::default())
}

/// Counts the file operations of a save, and fails the `fail_at`th (from 0) when asked: the
/// tests interrupt a save after every number of operations this way. A `crash` stops where it
/// is, as a killed process would (a file being written is left half written); otherwise the
/// save cleans up as after any error.
#[derive(Debug, Default)]
pub(crate) struct Steps {
    pub(crate) fail_at: Option<usize>,
    pub(crate) crash: bool,
    pub(crate) done: usize,
    crashed: bool,
}

impl Steps {
    fn step(&mut self) -> std::io::Result<()> {
        let n = self.done;
        self.done += 1;
        if self.fail_at == Some(n) {
            self.crashed = self.crash;
            return Err(std::io::Error::other("injected failure"));
        }
        Ok(())
    }

    /// Whether the next step is the failing one.
    fn fails_next(&self) -> bool {
        self.fail_at == Some(self.done)
    }
}

/// A name no other save (of this or another process) uses.
fn unique() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The places a save of one directory uses: its parent and the names of its siblings.
struct Places {
    dir: PathBuf,
    parent: PathBuf,
    /// `.<dir name>.cg-`: the prefix of every sibling a save makes.
    prefix: OsString,
}

impl Places {
    fn of(dir: &Path) -> std::io::Result<Places> {
        // A trailing `.` is dropped; a path through `..` (or without a last name) names its
        // directory through the file system only, so it is resolved there.
        let normal: PathBuf = dir.components().collect();
        // A symbolic link is followed: the directory it points to is the one replaced.
        let up = normal.components().any(|c| c == std::path::Component::ParentDir);
        let link = std::fs::symlink_metadata(&normal).is_ok_and(|m| m.file_type().is_symlink());
        let dir = if up || link || normal.file_name().is_none() { std::fs::canonicalize(&normal)? } else { normal };
        let name = dir.file_name().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "the data directory needs a name of its own")
        })?;
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let mut prefix = OsString::from(".");
        prefix.push(name);
        prefix.push(".cg-");
        Ok(Places { dir, parent, prefix })
    }

    fn sibling(&self, kind: &str, unique: &str) -> PathBuf {
        let mut name = self.prefix.clone();
        name.push(kind);
        if !unique.is_empty() {
            name.push("-");
            name.push(unique);
        }
        self.parent.join(name)
    }

    fn lock_path(&self) -> PathBuf {
        self.sibling("lock", "")
    }

    /// The siblings a save left, by kind (`tmp`, `new`, `old`), each list sorted by name.
    fn leftovers(&self) -> std::io::Result<[Vec<PathBuf>; 3]> {
        let mut out: [Vec<PathBuf>; 3] = Default::default();
        let entries = match std::fs::read_dir(&self.parent) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e),
        };
        let prefix = self.prefix.as_encoded_bytes();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let Some(rest) = name.as_encoded_bytes().strip_prefix(prefix) else { continue };
            let slot = if rest.starts_with(b"tmp-") {
                0
            } else if rest.starts_with(b"new-") {
                1
            } else if rest.starts_with(b"old-") {
                2
            } else {
                continue;
            };
            out[slot].push(entry.path());
        }
        out.iter_mut().for_each(|v| v.sort());
        Ok(out)
    }
}

/// Takes the lock of a save of `places.dir` (waiting for a save in progress).
fn lock(places: &Places) -> std::io::Result<File> {
    std::fs::create_dir_all(&places.parent)?;
    let file = File::options().create(true).truncate(false).write(true).open(places.lock_path())?;
    file.lock()?;
    Ok(file)
}

/// Flushes a directory's entries to disk (where the platform can open a directory).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Whether a directory entry is one of the data set's files (a regular `.ron` file).
fn is_data_file(entry: &std::fs::DirEntry) -> bool {
    Path::new(&entry.file_name()).extension().is_some_and(|x| x == "ron")
        && entry.file_type().is_ok_and(|t| t.is_file())
}

/// Moves what `old` holds besides the data set's files into `dir` (what is not there already).
fn carry_over(old: &Path, dir: &Path, steps: &mut Steps) -> std::io::Result<()> {
    for entry in std::fs::read_dir(old)? {
        let entry = entry?;
        if is_data_file(&entry) || dir.join(entry.file_name()).exists() {
            continue;
        }
        steps.step()?;
        std::fs::rename(entry.path(), dir.join(entry.file_name()))?;
    }
    Ok(())
}

/// Finishes or undoes a switch that was interrupted, and removes what saves left; the caller
/// holds the lock. When `dir` is missing, a complete new data set becomes `dir`, else the old
/// one goes back; an old data set's other entries are moved into `dir` before it is removed.
fn recover(places: &Places, steps: &mut Steps) -> std::io::Result<()> {
    let [tmp, new, old] = places.leftovers()?;
    if !places.dir.exists()
        && let Some(last) = new.last().or(old.last())
    {
        steps.step()?;
        std::fs::rename(last, &places.dir)?;
        sync_dir(&places.parent)?;
    }
    for o in old.iter().filter(|o| o.exists()) {
        if places.dir.exists() {
            carry_over(o, &places.dir, steps)?;
        }
        steps.step()?;
        std::fs::remove_dir_all(o)?;
    }
    for t in tmp.iter().chain(&new).filter(|t| t.exists()) {
        steps.step()?;
        std::fs::remove_dir_all(t)?;
    }
    Ok(())
}

/// Finishes or undoes a switch of `dir` a save left (a complete new or an old data set is beside
/// it), waiting for a save in progress; loading calls this before reading `dir`. Temporary
/// directories of unfinished writes are left for the next save to remove.
pub(crate) fn recover_if_interrupted(dir: &Path) -> std::io::Result<()> {
    let Ok(places) = Places::of(dir) else { return Ok(()) };
    // A parent that cannot be listed holds no save's leftovers this process could finish.
    let Ok([_, new, old]) = places.leftovers() else { return Ok(()) };
    if new.is_empty() && old.is_empty() {
        return Ok(());
    }
    let _lock = lock(&places)?;
    recover(&places, &mut Steps::default())
}

/// Takes a shared lock on the lock file of `dir`'s saves, if there is one, so that a load does
/// not read a directory a save is switching; `None` when no save ever locked it.
pub(crate) fn read_lock(dir: &Path) -> Option<File> {
    let places = Places::of(dir).ok()?;
    let file = File::open(places.lock_path()).ok()?;
    file.lock_shared().ok()?;
    Some(file)
}

pub(crate) fn save_dir_steps(graph: &ClaimGraph, dir: &Path, steps: &mut Steps) -> Result<(), SaveError> {
    let docs = documents(graph);
    for name in docs.keys() {
        names::check(name).map_err(|reason| SaveError::InvalidName { name: name.clone(), reason })?;
    }
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_owned()).struct_names(false);
    let mut texts = Vec::with_capacity(docs.len());
    for (name, doc) in docs {
        let mut text = ron::ser::to_string_pretty(&doc, config.clone())
            .map_err(|e| SaveError::Serialize { path: dir.join(&name), message: e.to_string() })?;
        text.push('\n');
        texts.push((name, text));
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| SaveError::Io { path, source }
    };
    let places = Places::of(dir).map_err(io(dir))?;
    let dir = places.dir.as_path();
    let _lock = lock(&places).map_err(io(&places.lock_path()))?;
    recover(&places, steps).map_err(io(dir))?;
    if dir.exists() && !dir.is_dir() {
        let refused = std::io::Error::new(std::io::ErrorKind::NotADirectory, "a file is where the data directory goes");
        return Err(SaveError::Io { path: dir.to_owned(), source: refused });
    }
    let id = unique();
    let (tmp, new, old) = (places.sibling("tmp", &id), places.sibling("new", &id), places.sibling("old", &id));
    let mut switched = false;
    let result = switch(&places, &texts, [&tmp, &new, &old], &mut switched, steps);
    if result.is_err() && !steps.crashed {
        // Undo what this save did, or finish it if the new data set is in place already.
        let (tmp, new, old) = (tmp.clone(), new.clone(), old.clone());
        if !switched && !places.dir.exists() && old.exists() {
            let _ = std::fs::rename(&old, dir);
        }
        for leftover in [&tmp, &new] {
            let _ = std::fs::remove_dir_all(leftover);
        }
        if old.exists() && places.dir.exists() {
            let _ = carry_over(&old, dir, &mut Steps::default()).and_then(|()| std::fs::remove_dir_all(&old));
        }
    }
    result
}

/// Writes the new data set beside `dir` and switches it in; `switched` is set once `dir` is the
/// new data set.
fn switch(
    places: &Places,
    texts: &[(String, String)],
    [tmp, new, old]: [&PathBuf; 3],
    switched: &mut bool,
    steps: &mut Steps,
) -> Result<(), SaveError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| SaveError::Io { path, source }
    };
    steps.step().map_err(io(tmp))?;
    std::fs::create_dir(tmp).map_err(io(tmp))?;
    for (name, text) in texts {
        let path = tmp.join(name);
        write_file(&path, text.as_bytes(), steps).map_err(io(&path))?;
    }
    steps.step().map_err(io(tmp))?;
    sync_dir(tmp).map_err(io(tmp))?;
    // From here the new data set is complete: its directory's name says so.
    steps.step().map_err(io(new))?;
    std::fs::rename(tmp, new).map_err(io(new))?;
    let had_old = places.dir.exists();
    if had_old {
        steps.step().map_err(io(&places.dir))?;
        std::fs::rename(&places.dir, old).map_err(io(&places.dir))?;
    }
    steps.step().map_err(io(&places.dir))?;
    std::fs::rename(new, &places.dir).map_err(io(&places.dir))?;
    *switched = true;
    steps.step().map_err(io(&places.parent))?;
    sync_dir(&places.parent).map_err(io(&places.parent))?;
    if had_old {
        carry_over(old, &places.dir, steps).map_err(io(old))?;
        steps.step().map_err(io(old))?;
        std::fs::remove_dir_all(old).map_err(io(old))?;
    }
    Ok(())
}

/// Creates `path` and writes `bytes` to disk (three steps: create, write, flush).
fn write_file(path: &Path, bytes: &[u8], steps: &mut Steps) -> std::io::Result<()> {
    steps.step()?;
    let mut file = File::create(path)?;
    if steps.fails_next() && steps.crash {
        // A process killed while writing leaves part of the file.
        file.write_all(&bytes[..bytes.len() / 2])?;
    }
    steps.step()?;
    file.write_all(bytes)?;
    steps.step()?;
    file.sync_all()
}

/// Writes `bytes` to a uniquely named temporary file beside `path`, flushes it and renames it
/// over `path`, so a failure never leaves a half-written file at `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", unique()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The whole graph as one document, every section sorted by id: two graphs with equal canonical
/// documents hold the same data, whatever their ids and file layout.
pub(crate) fn canonical(graph: &ClaimGraph) -> FileDoc {
    let mut all = FileDoc::default();
    for (_, doc) in documents(graph) {
        all.units.extend(doc.units);
        all.predicates.extend(doc.predicates);
        all.actors.extend(doc.actors);
        all.sources.extend(doc.sources);
        all.claims.extend(doc.claims);
        all.conflicts.extend(doc.conflicts);
        all.defaults.tolerance = all.defaults.tolerance.or(doc.defaults.tolerance);
    }
    all.units.sort_by(|a, b| a.id.cmp(&b.id));
    all.predicates.sort_by(|a, b| a.id.cmp(&b.id));
    all.actors.sort_by(|a, b| a.id.cmp(&b.id));
    all.sources.sort_by(|a, b| a.id.cmp(&b.id));
    all.claims.sort_by(|a, b| a.id.cmp(&b.id));
    all.conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// The file documents of a graph, by file name.
fn documents(graph: &ClaimGraph) -> BTreeMap<String, FileDoc> {
    let mut docs: BTreeMap<String, FileDoc> = graph.files.iter().map(|f| (f.clone(), FileDoc::default())).collect();
    let file = |origin: Option<u32>, default: &str| -> String {
        origin.and_then(|o| graph.files.get(o as usize).cloned()).unwrap_or_else(|| default.to_owned())
    };
    let actor = |id: ActorId| graph.actor(id).map_or_else(|| id.to_string(), |a| a.key().to_owned());
    let source = |id: SourceId| graph.source(id).map_or_else(|| id.to_string(), |s| s.key().to_owned());
    let date = |t: &Option<crate::TimeSpec>| t.as_ref().map(ToString::to_string);

    for (i, u) in graph.units.iter() {
        let name = file(graph.units.origin(i), "vocabulary.ron");
        docs.entry(name).or_default().units.push(UnitDoc {
            id: u.key.clone(),
            dimension: u.dimension.clone(),
            factor: u.factor,
            note: u.note.clone(),
        });
    }
    for (i, p) in graph.predicates.iter() {
        let name = file(graph.predicates.origin(i), "vocabulary.ron");
        let object = match &p.object {
            ObjectType::Actor => ObjectTypeDoc::Actor,
            ObjectType::Quantity(d) => ObjectTypeDoc::Quantity(d.clone()),
            ObjectType::Date => ObjectTypeDoc::Date,
            ObjectType::Text => ObjectTypeDoc::Text,
            ObjectType::Bool => ObjectTypeDoc::Bool,
            ObjectType::Claim => ObjectTypeDoc::Claim,
        };
        docs.entry(name).or_default().predicates.push(PredicateDoc {
            id: p.key.clone(),
            label: p.label.clone(),
            object,
            cardinality: p.cardinality,
            excludes: p.excludes.iter().filter_map(|&q| graph.predicate(q).map(|q| q.key.clone())).collect(),
            rebuts: p.rebuts,
            tolerance: p.tolerance,
            note: p.note.clone(),
        });
    }
    for a in graph.actors.iter() {
        let name = file(graph.actors.origin(a.id().index()), "actors.ron");
        docs.entry(name).or_default().actors.push(ActorDoc {
            id: a.key().to_owned(),
            kind: a.kind(),
            name: a.name().to_owned(),
            aliases: a.aliases().map(str::to_owned).collect(),
            roles: a
                .roles()
                .iter()
                .map(|r| RoleDoc { title: r.title.clone(), of: r.of.map(actor), during: date(&r.during) })
                .collect(),
            affiliations: a
                .affiliations()
                .iter()
                .map(|x| AffiliationDoc { kind: x.kind, target: actor(x.target), during: date(&x.during) })
                .collect(),
            note: a.note().map(str::to_owned),
        });
    }
    for s in graph.sources.iter() {
        let name = file(graph.sources.origin(s.id().index()), "sources.ron");
        docs.entry(name).or_default().sources.push(SourceDoc {
            id: s.key().to_owned(),
            kind: s.kind(),
            title: s.title().to_owned(),
            outlet: s.outlet().map(actor),
            authors: s.authors().iter().map(|&a| actor(a)).collect(),
            language: s.language().to_owned(),
            published: date(&s.published().copied()),
            url: s.url().map(str::to_owned),
            derived_from: s
                .derived_from()
                .iter()
                .map(|d| DerivationDoc { kind: d.kind, source: source(d.source), by: d.by.map(actor) })
                .collect(),
            note: s.note().map(str::to_owned),
        });
    }
    for c in graph.claims.iter() {
        let name = file(graph.claims.origin(c.id().index()), "claims.ron");
        let object = match c.object() {
            Value::Actor(a) => ValueDoc::Actor(actor(a)),
            Value::Claim(k) => ValueDoc::Claim(graph.claim(k).map_or_else(|| k.to_string(), |k| k.key().to_owned())),
            Value::Quantity(q) => ValueDoc::Quantity {
                amount: q.amount,
                unit: graph.unit(q.unit).map_or_else(|| q.unit.to_string(), |u| u.key.clone()),
            },
            Value::Date(t) => ValueDoc::Date(t.to_string()),
            Value::Text(t) => ValueDoc::Text(t),
            Value::Bool(b) => ValueDoc::Bool(b),
        };
        docs.entry(name).or_default().claims.push(ClaimDoc {
            id: c.key().to_owned(),
            subject: actor(c.subject()),
            predicate: graph.predicate(c.predicate()).map_or_else(|| c.predicate().to_string(), |p| p.key.clone()),
            qualifier: c.qualifier().map(actor),
            object,
            polarity: c.polarity(),
            stance: c.stance(),
            modality: c.modality(),
            about: date(&c.about()),
            said: date(&c.said()),
            said_by: actor(c.said_by()),
            mode: c.mode(),
            relayed_by: c
                .relayed_by()
                .iter()
                .map(|r| RelayDoc { by: r.by.map(actor), source: r.source.map(source), mode: r.mode })
                .collect(),
            said_in: c.said_in().map(source),
            source: source(c.source()),
            quote: c.quote().to_owned(),
            unquoted: c.unquoted().map(str::to_owned),
            note: c.note().map(str::to_owned),
        });
    }
    for (i, k) in graph.conflicts.iter() {
        let name = file(graph.conflicts.origin(i), "conflicts.ron");
        docs.entry(name).or_default().conflicts.push(ConflictDoc {
            id: k.key.clone(),
            claims: k.claims.iter().filter_map(|&c| graph.claim(c).map(|c| c.key().to_owned())).collect(),
            note: k.note.clone(),
        });
    }
    if let Some(d) = graph.defaults {
        let name = file(graph.defaults_origin, "vocabulary.ron");
        docs.entry(name).or_default().defaults = DefaultsDoc { tolerance: Some(d.tolerance) };
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("claimgraph-save-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Every entry of `parent`, recursively, as relative paths.
    fn tree(parent: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![parent.to_owned()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let path = e.unwrap().path();
                out.push(path.strip_prefix(parent).unwrap().display().to_string());
                if path.is_dir() {
                    stack.push(path);
                }
            }
        }
        out.sort();
        out
    }

    /// An old graph in three files and a new one that adds a file, changes one and drops one.
    fn graphs() -> (ClaimGraph, ClaimGraph) {
        let dir = temp("graphs");
        std::fs::write(dir.join("a.ron"), "(units: [(id: \"m\", dimension: \"length\", factor: 1.0)])").unwrap();
        std::fs::write(dir.join("b.ron"), "(actors: [(id: \"x\", kind: Person, name: \"X\")])").unwrap();
        std::fs::write(dir.join("c.ron"), "(actors: [(id: \"y\", kind: Person, name: \"Y\")])").unwrap();
        let old = crate::load_dir(&dir).unwrap();
        std::fs::remove_file(dir.join("c.ron")).unwrap();
        std::fs::write(dir.join("b.ron"), "(actors: [(id: \"x\", kind: Person, name: \"X, renamed\")])").unwrap();
        std::fs::write(dir.join("d.ron"), "(actors: [(id: \"z\", kind: State, name: \"Z\")])").unwrap();
        let new = crate::load_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_ne!(old, new);
        (old, new)
    }

    /// A save interrupted after every number of file operations, killed (left as it is) or
    /// failing (cleaning up), leaves a directory that loads as the old graph or the new one,
    /// whole; the next save leaves the new graph, what the directory held besides its data
    /// files, and nothing else.
    #[test]
    fn an_interrupted_save_leaves_the_old_or_the_new_data_set() {
        let (old, new) = graphs();
        let mut full = Steps::default();
        let parent = temp("interrupted-count");
        let dir = parent.join("data");
        save_dir(&old, &dir).unwrap();
        save_dir_steps(&new, &dir, &mut full).unwrap();
        let steps = full.done;
        assert!(steps > 15, "{steps}");
        std::fs::remove_dir_all(&parent).unwrap();
        let (mut saw_old, mut saw_new) = (0, 0);
        for crash in [true, false] {
            for k in 0..steps {
                let parent = temp("interrupted");
                let dir = parent.join("data");
                save_dir(&old, &dir).unwrap();
                std::fs::create_dir(dir.join("seeds")).unwrap();
                std::fs::write(dir.join("seeds/text.txt"), "kept").unwrap();
                std::fs::write(dir.join("README"), "kept").unwrap();
                let mut steps = Steps { fail_at: Some(k), crash, ..Steps::default() };
                let result = save_dir_steps(&new, &dir, &mut steps);
                assert!(result.is_err(), "step {k} of {} fails", steps.done);
                let loaded = crate::load_dir(&dir).unwrap_or_else(|e| panic!("crash {crash}, step {k}: {e}"));
                if loaded == old {
                    saw_old += 1;
                } else {
                    assert_eq!(loaded, new, "crash {crash}, step {k}");
                    saw_new += 1;
                }
                if !crash {
                    let left = tree(&parent);
                    assert!(!left.iter().any(|n| n.contains(".cg-") && !n.ends_with("lock")), "step {k}: {left:?}");
                }
                save_dir(&new, &dir).unwrap();
                assert_eq!(crate::load_dir(&dir).unwrap(), new);
                let expected = [
                    ".data.cg-lock",
                    "data",
                    "data/README",
                    "data/a.ron",
                    "data/b.ron",
                    "data/d.ron",
                    "data/seeds",
                    "data/seeds/text.txt",
                ];
                assert_eq!(tree(&parent), expected, "crash {crash}, step {k}");
                std::fs::remove_dir_all(&parent).unwrap();
            }
        }
        assert!(saw_old > 0 && saw_new > 0, "{saw_old} {saw_new}");
    }

    /// A file name the graph holds that is not a plain `.ron` name is refused before anything
    /// is written: nothing lands outside the directory.
    #[test]
    fn unsafe_file_names_are_refused() {
        let parent = temp("names");
        let dir = parent.join("data");
        for name in ["../escaped.ron", "/tmp/claimgraph-absolute.ron", "notes.txt", &"x".repeat(251)] {
            let mut graph = crate::load_str("a.ron", "(actors: [(id: \"x\", kind: Person, name: \"X\")])").unwrap();
            graph.files[0] = name.to_owned();
            let err = save_dir(&graph, &dir).unwrap_err();
            assert!(matches!(&err, SaveError::InvalidName { name: n, .. } if n == name), "{err}");
            assert!(tree(&parent).is_empty(), "{name}: {:?}", tree(&parent));
            let Err(refused) = crate::from_snapshot_bytes(&crate::snapshot_bytes(&graph)) else { panic!("accepted") };
            assert!(refused.contains("files: data file name"), "{refused}");
        }
        assert!(!Path::new("/tmp/claimgraph-absolute.ron").exists());
        std::fs::remove_dir_all(&parent).unwrap();
    }
}
