//! The actor store: actors kept compact, in the same way as claims.
//!
//! An [`Actor`] is the form users build and files hold: a struct of about 150 bytes with three
//! heap strings and three vectors, so at least two allocations per actor (its key and name) and
//! one more per note, alias, role title and non-empty vector. Stored, an actor becomes an [`ActorRecord`] of 48 bytes: its texts (key, name, note, then every alias) back to
//! back in one text arena shared by every actor, the lengths of its aliases a range of one shared
//! array, its roles and affiliations ranges of two shared arrays. Reading goes through
//! [`ActorRef`], a copyable handle with one accessor per field of [`Actor`];
//! [`ActorRef::to_actor`] gives the owned form back, equal to what was added.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::keys::{Origins, text_run_end};
use super::rows::{BlockProblem, Fields, Row, put_u8, put_u32, put_u64, read_rows, read_text, write_rows};
use super::store::{KeyedRecord, RecordStore, Removable, State};
use crate::ActorId;
use crate::model::{Actor, ActorKind, Affiliation, Role};

/// "None" for the note length of an [`ActorRecord`].
const NONE: u32 = u32::MAX;

/// Every [`ActorKind`], in declaration order: a record stores `kind as u8`, an index here.
const KINDS: [ActorKind; 11] = {
    use ActorKind::*;
    [Person, State, Intergovernmental, GovernmentBody, Group, MediaOutlet, Company, Institute, Place, Event, Other]
};

/// A stored actor. Its texts are one range of the store's text arena, starting at `text_at`:
/// the key, the name, the note (when there is one), then the aliases, whose lengths are
/// `alias_lens[aliases_at..][..aliases_len]`. Roles and affiliations are ranges of the store's
/// shared arrays.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ActorRecord {
    text_at: u64,
    key_len: u32,
    name_len: u32,
    /// [`NONE`] when the actor has no note.
    note_len: u32,
    aliases_at: u32,
    aliases_len: u32,
    roles_at: u32,
    roles_len: u32,
    affiliations_at: u32,
    affiliations_len: u32,
    /// An index into [`KINDS`].
    kind: u8,
    state: State,
}

// The point of the store: keep an eye on the record's size.
const _: () = assert!(std::mem::size_of::<ActorRecord>() <= 48);

impl KeyedRecord for ActorRecord {
    const ENTITIES: &'static str = "actors";

    fn reserved(text_at: usize, key_len: usize) -> ActorRecord {
        ActorRecord {
            text_at: text_at as u64,
            key_len: key_len as u32,
            name_len: 0,
            note_len: NONE,
            aliases_at: 0,
            aliases_len: 0,
            roles_at: 0,
            roles_len: 0,
            affiliations_at: 0,
            affiliations_len: 0,
            kind: ActorKind::Other as u8,
            state: State::Reserved,
        }
    }

    fn state(&self) -> State {
        self.state
    }

    fn text_at(&self) -> usize {
        // Lossless: `ActorStore::from_parts` checks every offset against the text's length.
        self.text_at as usize
    }

    fn set_text_at(&mut self, at: usize) {
        self.text_at = at as u64;
    }

    fn key_len(&self) -> usize {
        self.key_len as usize
    }
}

impl Removable for ActorRecord {
    fn set_removed(&mut self) {
        self.state = State::Removed;
    }
}

impl ActorRecord {
    /// Where the aliases' texts start: after the key, the name and the note.
    fn aliases_text_at(&self) -> usize {
        let note = if self.note_len == NONE { 0 } else { self.note_len as usize };
        self.text_at as usize + self.key_len as usize + self.name_len as usize + note
    }

    fn alias_lens<'s>(&self, alias_lens: &'s [u32]) -> &'s [u32] {
        let at = self.aliases_at as usize;
        &alias_lens[at..at + self.aliases_len as usize]
    }

    /// The bytes of text the record uses (with its aliases'), given the store's alias lengths.
    fn text_len(&self, alias_lens: &[u32]) -> usize {
        let aliases: usize = self.alias_lens(alias_lens).iter().map(|&n| n as usize).sum();
        self.aliases_text_at() - self.text_at as usize + aliases
    }

    /// The entries of the shared arrays (alias lengths, roles, affiliations) the record uses.
    fn entries(&self) -> usize {
        self.aliases_len as usize + self.roles_len as usize + self.affiliations_len as usize
    }
}

fn text_len(n: usize) -> u32 {
    u32::try_from(n).expect("an actor text of 4 GiB or more")
}

fn count(n: usize, what: &str) -> u32 {
    u32::try_from(n).unwrap_or_else(|_| panic!("more than u32::MAX {what}"))
}

/// Every actor of a graph, by dense index, with their keys interned.
#[derive(Clone, Debug, Default)]
pub(crate) struct ActorStore {
    /// The records, their texts and keys; its garbage also counts entries of the shared arrays
    /// below.
    base: RecordStore<ActorRecord>,
    /// The byte lengths of every record's aliases, back to back.
    alias_lens: Vec<u32>,
    /// The roles of every record, back to back.
    roles: Vec<Role>,
    /// The affiliations of every record, back to back.
    affiliations: Vec<Affiliation>,
}

impl ActorStore {
    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        self.base.reserve(key, origin)
    }

    /// Stores `actor` in the reserved slot `index` (whose key it must have).
    pub(crate) fn fill(&mut self, index: usize, actor: Actor) {
        let text_at = self.base.place_key(index, &actor.key);
        let Actor { key, kind, name, aliases, roles, affiliations, note } = actor;
        let text = &mut self.base.text;
        text.push_str(&name);
        if let Some(note) = &note {
            text.push_str(note);
        }
        let aliases_at = count(self.alias_lens.len(), "aliases");
        for alias in &aliases {
            text.push_str(alias);
            self.alias_lens.push(text_len(alias.len()));
        }
        let roles_at = count(self.roles.len(), "roles");
        let roles_len = count(roles.len(), "roles");
        self.roles.extend(roles);
        let affiliations_at = count(self.affiliations.len(), "affiliations");
        let affiliations_len = count(affiliations.len(), "affiliations");
        self.affiliations.extend(affiliations);
        let record = ActorRecord {
            text_at: text_at as u64,
            key_len: text_len(key.len()),
            name_len: text_len(name.len()),
            note_len: note.as_ref().map_or(NONE, |n| text_len(n.len())),
            aliases_at,
            aliases_len: count(aliases.len(), "aliases"),
            roles_at,
            roles_len,
            affiliations_at,
            affiliations_len,
            kind: kind as u8,
            state: State::Live,
        };
        self.base.set_filled(index, record);
    }

    /// Removes the actor at `index` and returns it.
    pub(crate) fn remove(&mut self, index: usize) -> Option<Actor> {
        let actor = self.get(index)?;
        let freed = actor.record.text_len(&self.alias_lens) + actor.record.entries();
        let actor = actor.to_actor();
        self.base.remove(index, freed);
        Some(actor)
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.base.index_of(key)
    }

    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        self.base.is_issued(index)
    }

    /// The live actor at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<ActorRef<'_>> {
        let record = self.base.get(index)?;
        Some(ActorRef { store: self, record, id: ActorId::from_index(index) })
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.base.origin(index)
    }

    /// Live actors in id order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = ActorRef<'_>> + '_ {
        self.base.iter().map(|(i, record)| ActorRef { store: self, record, id: ActorId::from_index(i) })
    }

    /// Number of live actors.
    pub(crate) fn len(&self) -> usize {
        self.base.len()
    }

    /// Number of ids ever issued (the bound for per-id vectors).
    pub(crate) fn capacity(&self) -> usize {
        self.base.capacity()
    }

    /// Rewrites the text arena and the shared arrays without what removed actors (and keys
    /// written twice by a load) left behind, when that is more than half of them. With
    /// `always`, rewrites them if there is anything to drop, and gives back the spare capacity
    /// of every array. The records keep their indices, so ids stay valid.
    pub(crate) fn compact(&mut self, always: bool) {
        let used = self.base.text.len() + self.alias_lens.len() + self.roles.len() + self.affiliations.len();
        let garbage = self.base.garbage;
        if garbage > 0 && (always || garbage * 2 > used) {
            self.rewrite();
        }
        if always {
            self.base.records.shrink_to_fit();
            self.base.text.shrink_to_fit();
            self.alias_lens.shrink_to_fit();
            self.roles.shrink_to_fit();
            self.affiliations.shrink_to_fit();
        }
    }

    /// Copies the texts and the shared arrays the records use, in record order, into new ones.
    fn rewrite(&mut self) {
        let (mut alias_lens, mut roles, mut affiliations) = (Vec::new(), Vec::new(), Vec::new());
        let text_len = |record: &ActorRecord| record.text_len(&self.alias_lens);
        self.base.rewrite_text(text_len, |record| {
            let a = record.aliases_at as usize;
            record.aliases_at = alias_lens.len() as u32;
            alias_lens.extend_from_slice(&self.alias_lens[a..a + record.aliases_len as usize]);
            let r = record.roles_at as usize;
            record.roles_at = roles.len() as u32;
            roles.extend_from_slice(&self.roles[r..r + record.roles_len as usize]);
            let f = record.affiliations_at as usize;
            record.affiliations_at = affiliations.len() as u32;
            affiliations.extend_from_slice(&self.affiliations[f..f + record.affiliations_len as usize]);
        });
        self.alias_lens = alias_lens;
        self.roles = roles;
        self.affiliations = affiliations;
    }

    /// The bytes of heap the store holds (records, texts, key index, origins, alias lengths,
    /// roles with their titles, affiliations).
    pub(crate) fn heap_bytes(&self) -> usize {
        let titles: usize = self.roles.iter().map(|r| r.title.capacity()).sum();
        self.base.heap_bytes().iter().sum::<usize>()
            + self.alias_lens.capacity() * 4
            + self.roles.capacity() * std::mem::size_of::<Role>()
            + titles
            + self.affiliations.capacity() * std::mem::size_of::<Affiliation>()
    }

    /// The store's parts kept in a snapshot's metadata block: the origins, the roles and the
    /// affiliations.
    pub(crate) fn meta(&self) -> ActorMeta<'_> {
        ActorMeta { origins: &self.base.origins, roles: &self.roles, affiliations: &self.affiliations }
    }

    /// Appends the bytes of the snapshot block `BLOCKS[i]`.
    pub(crate) fn write_block(&self, i: usize, out: &mut Vec<u8>) {
        match i {
            0 => write_rows(&self.base.records, out),
            1 => out.extend_from_slice(self.base.text.as_bytes()),
            _ => write_rows(&self.alias_lens, out),
        }
    }

    /// Rebuilds a store from a snapshot's blocks (`BLOCKS`, in order) and metadata; `Err` says
    /// what is wrong and where. See [`from_parts`](Self::from_parts) for what is checked.
    pub(crate) fn from_blocks(
        blocks: [&[u8]; 3],
        meta: ActorMetaOwned,
        files: usize,
    ) -> Result<ActorStore, BlockProblem> {
        let [records, text, alias_lens] = blocks;
        let parts = ActorPartsOwned {
            records: read_rows::<RECORD_BYTES, ActorRecord>(BLOCKS[0], records)?,
            origins: meta.origins,
            text: read_text(BLOCKS[1], text)?,
            alias_lens: read_rows::<4, u32>(BLOCKS[2], alias_lens)?,
            roles: meta.roles,
            affiliations: meta.affiliations,
        };
        Self::from_parts(parts, files, RECORD_BYTES)
    }

    /// Rebuilds a store from a snapshot's parts (records of `row` bytes in the file, 0 if their
    /// size varies); `Err` names what is inconsistent. Every text range (and its char
    /// boundaries), every range of the shared arrays and every kind byte is checked, and keys
    /// held twice are refused, so that no accessor can fail afterwards. The actor ids that roles
    /// and affiliations name are left to the graph's checks.
    pub(crate) fn from_parts(parts: ActorPartsOwned, files: usize, row: usize) -> Result<ActorStore, BlockProblem> {
        let ActorPartsOwned { mut records, origins, text, mut alias_lens, mut roles, mut affiliations } = parts;
        // Vectors decoded element by element grow by doubling: give the spare room back.
        records.shrink_to_fit();
        alias_lens.shrink_to_fit();
        roles.shrink_to_fit();
        affiliations.shrink_to_fit();
        if let Some(problem) = origins.problem(records.len(), files) {
            return Err(BlockProblem::whole(META, format!("actor origins: {problem}")));
        }
        u32::try_from(records.len()).map_err(|_| BlockProblem::whole(BLOCKS[0], "too many actors"))?;
        let bad = |i: usize, message: String| BlockProblem::row(BLOCKS[0], "actor", i, row, message);
        let range = |at: u32, len: u32, of: usize| (at as usize).checked_add(len as usize).is_some_and(|end| end <= of);
        let mut live = 0;
        let mut used = 0;
        for (i, r) in records.iter().enumerate() {
            match r.state {
                State::Removed => continue,
                State::Reserved => return Err(bad(i, "reserved but empty".to_owned())),
                State::Live => live += 1,
            }
            if usize::from(r.kind) >= KINDS.len() {
                return Err(bad(i, format!("kind #{}", r.kind)));
            }
            if !range(r.aliases_at, r.aliases_len, alias_lens.len()) {
                return Err(bad(i, "aliases out of range".to_owned()));
            }
            if !range(r.roles_at, r.roles_len, roles.len()) {
                return Err(bad(i, "roles out of range".to_owned()));
            }
            if !range(r.affiliations_at, r.affiliations_len, affiliations.len()) {
                return Err(bad(i, "affiliations out of range".to_owned()));
            }
            // The key, name, note and aliases follow each other within the arena.
            let note = (r.note_len != NONE).then_some(r.note_len);
            let lens = [Some(r.key_len), Some(r.name_len), note].into_iter().flatten();
            let lens = lens.chain(r.alias_lens(&alias_lens).iter().copied()).map(|len| len as usize);
            let at = usize::try_from(r.text_at).ok();
            let end = at
                .and_then(|at| text_run_end(&text, at, lens))
                .ok_or_else(|| bad(i, "text out of range".to_owned()))?;
            used += end - r.text_at as usize + r.entries();
        }
        let entries = text.len() + alias_lens.len() + roles.len() + affiliations.len();
        let garbage = entries.saturating_sub(used);
        let mut base = RecordStore::from_checked(records, origins, text, live, garbage);
        base.keys = base.key_index().map_err(|(i, e)| bad(i, e))?;
        Ok(ActorStore { base, alias_lens, roles, affiliations })
    }
}

/// The names of the snapshot blocks of an [`ActorStore`], in the order they are written.
pub(crate) const BLOCKS: [&str; 3] = ["actors.records", "actors.text", "actors.alias_lens"];

/// The name of the snapshot's metadata block (origins, roles and affiliations are kept there).
const META: &str = "meta";

/// The bytes of an [`ActorRecord`] in a snapshot.
pub(crate) const RECORD_BYTES: usize = 46;

impl Row<RECORD_BYTES> for ActorRecord {
    const NOUN: &'static str = "actor";

    fn write(&self, out: &mut Vec<u8>) {
        put_u64(out, self.text_at);
        for x in [
            self.key_len,
            self.name_len,
            self.note_len,
            self.aliases_at,
            self.aliases_len,
            self.roles_at,
            self.roles_len,
            self.affiliations_at,
            self.affiliations_len,
        ] {
            put_u32(out, x);
        }
        put_u8(out, self.kind);
        put_u8(out, self.state as u8);
    }

    fn read(row: &[u8; RECORD_BYTES]) -> Result<ActorRecord, String> {
        let mut f = Fields::new(row);
        let text_at = f.u64();
        let [
            key_len,
            name_len,
            note_len,
            aliases_at,
            aliases_len,
            roles_at,
            roles_len,
            affiliations_at,
            affiliations_len,
        ] = [(); 9].map(|()| f.u32());
        let (kind, state) = (f.u8(), f.u8());
        let state = match state {
            0 => State::Reserved,
            1 => State::Live,
            2 => State::Removed,
            _ => return Err(format!("unknown state {state}")),
        };
        Ok(ActorRecord {
            text_at,
            key_len,
            name_len,
            note_len,
            aliases_at,
            aliases_len,
            roles_at,
            roles_len,
            affiliations_at,
            affiliations_len,
            kind,
            state,
        })
    }
}

/// An [`ActorStore`]'s parts kept in a snapshot's metadata block, as it writes them.
#[derive(Serialize)]
pub(crate) struct ActorMeta<'a> {
    origins: &'a Origins,
    roles: &'a [Role],
    affiliations: &'a [Affiliation],
}

/// An [`ActorStore`]'s parts kept in a snapshot's metadata block, as it reads them.
#[derive(Deserialize)]
pub(crate) struct ActorMetaOwned {
    origins: Origins,
    roles: Vec<Role>,
    affiliations: Vec<Affiliation>,
}

/// An [`ActorStore`]'s parts: as a snapshot of format version 4 holds them, and as the blocks
/// of a later one decode.
#[derive(Deserialize)]
pub(crate) struct ActorPartsOwned {
    records: Vec<ActorRecord>,
    origins: Origins,
    text: String,
    alias_lens: Vec<u32>,
    roles: Vec<Role>,
    affiliations: Vec<Affiliation>,
}

/// An actor in a graph: a copyable handle with one accessor per field of [`Actor`], from
/// [`ClaimGraph::actor`](crate::ClaimGraph::actor) and
/// [`ClaimGraph::actors`](crate::ClaimGraph::actors).
///
/// Texts, roles and affiliations are borrowed from the graph; [`to_actor`](Self::to_actor)
/// gives an owned [`Actor`] to edit and add again.
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let tokayev = graph.actor(graph.actor_id("tokayev").unwrap()).unwrap();
/// assert_eq!(tokayev.key(), "tokayev");
/// assert!(tokayev.names().any(|n| n == "Kassym-Jomart Tokayev"));
/// let mut copy = tokayev.to_actor();
/// assert_eq!(copy.aliases.len(), tokayev.aliases().len());
/// copy.key = "tokayev_copy".into();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct ActorRef<'g> {
    store: &'g ActorStore,
    record: &'g ActorRecord,
    id: ActorId,
}

impl<'g> ActorRef<'g> {
    /// The actor's id.
    #[inline]
    pub fn id(&self) -> ActorId {
        self.id
    }
    /// The id used in data files.
    pub fn key(&self) -> &'g str {
        self.record.key(&self.store.base.text)
    }
    /// What kind of entity this is.
    pub fn kind(&self) -> ActorKind {
        // The kind byte was written from an `ActorKind` or checked when a snapshot was read.
        KINDS[usize::from(self.record.kind)]
    }
    /// The canonical name.
    pub fn name(&self) -> &'g str {
        let at = self.record.text_at as usize + self.record.key_len as usize;
        &self.store.base.text[at..at + self.record.name_len as usize]
    }
    /// Other names, spellings and transliterations, in the order they were given.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &'g str> + Clone + use<'g> {
        let text: &'g str = &self.store.base.text;
        let mut at = self.record.aliases_text_at();
        self.record.alias_lens(&self.store.alias_lens).iter().map(move |&len| {
            let alias = &text[at..at + len as usize];
            at += len as usize;
            alias
        })
    }
    /// The canonical name followed by every alias (as [`Actor::names`]).
    pub fn names(&self) -> impl Iterator<Item = &'g str> + Clone + use<'g> {
        std::iter::once(self.name()).chain(self.aliases())
    }
    /// Roles held, with their time spans.
    pub fn roles(&self) -> &'g [Role] {
        let at = self.record.roles_at as usize;
        &self.store.roles[at..at + self.record.roles_len as usize]
    }
    /// Membership and affiliation links to other actors.
    pub fn affiliations(&self) -> &'g [Affiliation] {
        let at = self.record.affiliations_at as usize;
        &self.store.affiliations[at..at + self.record.affiliations_len as usize]
    }
    /// The free-text note, if any.
    pub fn note(&self) -> Option<&'g str> {
        if self.record.note_len == NONE {
            return None;
        }
        let at = self.record.text_at as usize + self.record.key_len as usize + self.record.name_len as usize;
        Some(&self.store.base.text[at..at + self.record.note_len as usize])
    }
    /// The actor in owned form, equal to the one that was added.
    pub fn to_actor(&self) -> Actor {
        Actor {
            key: self.key().to_owned(),
            kind: self.kind(),
            name: self.name().to_owned(),
            aliases: self.aliases().map(str::to_owned).collect(),
            roles: self.roles().to_vec(),
            affiliations: self.affiliations().to_vec(),
            note: self.note().map(str::to_owned),
        }
    }
}

impl fmt::Debug for ActorRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActorRef")
            .field("id", &self.id)
            .field("key", &self.key())
            .field("kind", &self.kind())
            .field("name", &self.name())
            .field("aliases", &self.aliases().collect::<Vec<_>>())
            .field("roles", &self.roles())
            .field("affiliations", &self.affiliations())
            .field("note", &self.note())
            .finish()
    }
}

impl PartialEq<Actor> for ActorRef<'_> {
    fn eq(&self, other: &Actor) -> bool {
        self.key() == other.key
            && self.kind() == other.kind
            && self.name() == other.name
            && self.aliases().eq(other.aliases.iter().map(String::as_str))
            && self.roles() == other.roles
            && self.affiliations() == other.affiliations
            && self.note() == other.note.as_deref()
    }
}

/// The fields of an actor that validation reads, borrowed from an [`Actor`] or an [`ActorRef`].
pub(crate) struct ActorFields<'a> {
    pub(crate) key: &'a str,
    pub(crate) name: &'a str,
    /// The length of the longest of its texts (key, name, note, aliases).
    pub(crate) longest_text: usize,
    pub(crate) roles: &'a [Role],
    pub(crate) affiliations: &'a [Affiliation],
}

impl<'a> From<&'a Actor> for ActorFields<'a> {
    fn from(a: &'a Actor) -> Self {
        let texts = [a.key.len(), a.name.len(), a.note.as_ref().map_or(0, String::len)];
        let longest_text = texts.into_iter().chain(a.aliases.iter().map(String::len)).max().unwrap_or(0);
        ActorFields { key: &a.key, name: &a.name, longest_text, roles: &a.roles, affiliations: &a.affiliations }
    }
}

impl<'a> From<ActorRef<'a>> for ActorFields<'a> {
    fn from(a: ActorRef<'a>) -> Self {
        let texts = [a.key().len(), a.name().len(), a.note().map_or(0, str::len)];
        let longest_text = texts.into_iter().chain(a.aliases().map(str::len)).max().unwrap_or(0);
        ActorFields { key: a.key(), name: a.name(), longest_text, roles: a.roles(), affiliations: a.affiliations() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AffiliationKind;

    fn actor(key: &str, variant: usize) -> Actor {
        Actor {
            key: key.into(),
            kind: KINDS[variant % KINDS.len()],
            name: format!("Name of {key} — Ölgii"),
            aliases: (0..variant % 3).map(|n| format!("{key} alias {n} «ü»")).collect(),
            roles: (0..variant % 2)
                .map(|n| Role {
                    title: format!("Minister {n}"),
                    of: Some(ActorId(n as u32)),
                    during: Some("2019/..".parse().unwrap()),
                })
                .collect(),
            affiliations: (0..(variant + 1) % 3)
                .map(|n| Affiliation { kind: AffiliationKind::WorksFor, target: ActorId(7 + n as u32), during: None })
                .collect(),
            note: variant.is_multiple_of(2).then(|| format!("a note on {key}: Қазақстан")),
        }
    }

    fn contents(store: &ActorStore) -> Vec<(u32, Actor)> {
        store.iter().map(|a| (a.id().0, a.to_actor())).collect()
    }

    #[test]
    fn kinds_are_indexed_by_their_discriminant() {
        for (i, kind) in KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, i);
        }
        assert_eq!(std::mem::size_of::<ActorRecord>(), 48);
    }

    #[test]
    fn every_field_reads_back() {
        let mut store = ActorStore::default();
        for key in ["a", "bé", "c", "d", "e", "f"] {
            let i = store.reserve(key, Some(0)).unwrap();
            store.fill(i, actor(key, i));
        }
        for a in store.iter() {
            let want = actor(a.key(), a.id().index());
            assert_eq!(a.to_actor(), want);
            assert!(a == want);
            assert_eq!(a.kind(), want.kind);
            assert_eq!(a.name(), want.name);
            assert_eq!(a.aliases().len(), want.aliases.len());
            assert_eq!(a.aliases().collect::<Vec<_>>(), want.aliases);
            assert_eq!(a.names().collect::<Vec<_>>(), want.names().collect::<Vec<_>>());
            assert_eq!(a.roles(), want.roles);
            assert_eq!(a.affiliations(), want.affiliations);
            assert_eq!(a.note(), want.note.as_deref());
        }
        // No note, aliases, roles or affiliations, and an empty-but-present note.
        let mut bare = Actor::new("bare", ActorKind::Other, "Bare");
        let i = store.reserve("bare", None).unwrap();
        store.fill(i, bare.clone());
        assert_eq!(store.get(i).unwrap().to_actor(), bare);
        assert_eq!(store.get(i).unwrap().aliases().len(), 0);
        bare.key = "empty_note".into();
        bare.note = Some(String::new());
        let i = store.reserve("empty_note", None).unwrap();
        store.fill(i, bare.clone());
        assert_eq!(store.get(i).unwrap().note(), Some(""));
        assert!(format!("{:?}", store.get(0).unwrap()).contains("Ölgii"));
    }

    #[test]
    fn interleaved_reservations_fill_in_any_order() {
        let mut store = ActorStore::default();
        let keys = ["k0", "k1", "k2", "k3"];
        for k in keys {
            store.reserve(k, Some(1)).unwrap();
        }
        assert_eq!(store.reserve("k2", None), Err(2));
        assert!(store.get(1).is_none() && store.is_issued(1));
        store.fill(2, actor("k2", 2));
        let late = store.reserve("late", Some(0)).unwrap();
        store.fill(0, actor("k0", 0));
        store.fill(late, actor("late", 5));
        store.fill(3, actor("k3", 3));
        store.fill(1, actor("k1", 1));
        let want: Vec<(u32, Actor)> = [(0, "k0", 0), (1, "k1", 1), (2, "k2", 2), (3, "k3", 3), (4, "late", 5)]
            .map(|(i, k, v)| (i, actor(k, v)))
            .into();
        assert_eq!(contents(&store), want);
        assert_eq!(store.index_of("late"), Some(4));
        assert_eq!((store.origin(1), store.origin(4)), (Some(1), Some(0)));
        // The keys written twice are garbage: compaction keeps everything else.
        store.compact(true);
        assert_eq!(store.base.garbage, 0);
        assert_eq!(contents(&store), want);
        assert_eq!(store.index_of("k3"), Some(3));
    }

    #[test]
    fn removal_then_compaction_keeps_the_others_and_their_ids() {
        let mut store = ActorStore::default();
        for (i, k) in ["a", "b", "c", "d", "e"].into_iter().enumerate() {
            store.reserve(k, None).unwrap();
            store.fill(i, actor(k, i));
        }
        assert_eq!(store.remove(1).unwrap(), actor("b", 1));
        assert_eq!(store.remove(3).unwrap(), actor("d", 3));
        assert!(store.remove(3).is_none());
        assert!(store.get(1).is_none() && !store.is_issued(1));
        assert_eq!(store.index_of("b"), None);
        assert_eq!(store.len(), 3);
        assert!(store.base.garbage > 0);
        let before = contents(&store);
        store.compact(true);
        assert_eq!(contents(&store), before);
        assert_eq!(before.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 2, 4]);
        assert_eq!(store.index_of("d"), None);
        assert_eq!(store.index_of("e"), Some(4));
        let used: usize = store.base.records.iter().filter(|r| r.state == State::Live).map(|r| r.entries()).sum();
        assert_eq!(used, store.alias_lens.len() + store.roles.len() + store.affiliations.len());
        // The removed key is free again, under a new id.
        assert_eq!(store.reserve("b", None), Ok(5));
    }

    fn parts_of(store: &ActorStore) -> ActorPartsOwned {
        ActorPartsOwned {
            records: store.base.records.clone(),
            origins: store.base.origins.clone(),
            text: store.base.text.clone(),
            alias_lens: store.alias_lens.clone(),
            roles: store.roles.clone(),
            affiliations: store.affiliations.clone(),
        }
    }

    #[test]
    fn inconsistent_parts_are_errors() {
        let mut store = ActorStore::default();
        for (i, k) in ["a", "b", "c"].into_iter().enumerate() {
            store.reserve(k, Some(0)).unwrap();
            store.fill(i, actor(k, i + 1));
        }
        store.remove(2);
        let back = ActorStore::from_parts(parts_of(&store), 1, 0).unwrap();
        assert_eq!(contents(&back), contents(&store));
        assert_eq!((back.index_of("b"), back.index_of("c")), (Some(1), None));
        assert_eq!(back.base.garbage, store.base.garbage);
        let refused = |edit: &dyn Fn(&mut ActorPartsOwned), files: usize| {
            let mut parts = parts_of(&store);
            edit(&mut parts);
            ActorStore::from_parts(parts, files, 0).expect_err("refused").to_string()
        };
        assert!(refused(&|_| {}, 0).contains("origin file"));
        assert!(refused(&|p| p.records.push(p.records[0].clone()), 1).contains("duplicate id \"a\""));
        assert!(refused(&|p| p.records[0].state = State::Reserved, 1).contains("reserved but empty"));
        assert!(refused(&|p| p.records[1].kind = 11, 1).contains("kind #11"));
        assert!(refused(&|p| p.text.truncate(5), 1).contains("text out of range"));
        assert!(refused(&|p| p.records[1].text_at = u64::MAX, 1).contains("text out of range"));
        assert!(refused(&|p| p.records[0].note_len = NONE - 1, 1).contains("text out of range"));
        // "Name of a — Ölgii": a name one byte shorter ends inside "—".
        assert!(refused(&|p| p.records[0].name_len = 11, 1).contains("text out of range"));
        assert!(refused(&|p| p.alias_lens[0] = 1000, 1).contains("text out of range"));
        assert!(refused(&|p| p.alias_lens.clear(), 1).contains("aliases out of range"));
        assert!(refused(&|p| p.records[1].aliases_at = u32::MAX, 1).contains("aliases out of range"));
        assert!(refused(&|p| p.roles.clear(), 1).contains("roles out of range"));
        assert!(refused(&|p| p.records[0].affiliations_len = 9, 1).contains("affiliations out of range"));
        // A removed record's ranges are not read.
        let mut removed = parts_of(&store);
        removed.records[2].text_at = u64::MAX;
        assert!(ActorStore::from_parts(removed, 1, 0).is_ok());
        // Through the snapshot's blocks.
        let blocks: Vec<Vec<u8>> = (0..3)
            .map(|i| {
                let mut out = Vec::new();
                store.write_block(i, &mut out);
                out
            })
            .collect();
        let meta = ActorMetaOwned {
            origins: store.base.origins.clone(),
            roles: store.roles.clone(),
            affiliations: store.affiliations.clone(),
        };
        let back = ActorStore::from_blocks([&blocks[0], &blocks[1], &blocks[2]], meta, 1).unwrap();
        assert_eq!(contents(&back), contents(&store));
        let mut bad_state = blocks[0].clone();
        bad_state[45] = 7;
        let meta = ActorMetaOwned { origins: store.base.origins.clone(), roles: Vec::new(), affiliations: Vec::new() };
        let refused = ActorStore::from_blocks([&bad_state, &blocks[1], &blocks[2]], meta, 1).unwrap_err();
        assert_eq!(refused.located(1000), "actors.records, actor 0 (byte 1000 of the file): unknown state 7");
    }
}
