//! The source store: sources kept compact, in the same way as the claims (see `claims.rs`).
//!
//! A [`Source`] is the form users build and files hold. Stored, a source becomes a
//! [`SourceRecord`] of 48 bytes: its texts (key, title, language, URL, note) in one text arena
//! shared by every source, its publication date interned (a corpus has far fewer distinct dates
//! than sources), its authors and derivations in two shared arrays. Reading goes through
//! [`SourceRef`], a copyable handle with one accessor per field of [`Source`];
//! [`SourceRef::to_source`] gives the owned form back, equal to what was added.
//!
//! Sources are never removed, but during a load every key is reserved before any source is
//! filled, so a slot can be [`Filled::Reserved`] for a while.
//!
//! [`DerivedInto`] is the reverse of the derivations (the sources that derive from each source),
//! as linked lists in one array.

use std::fmt;

use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

use super::hash::IdHasher;
use super::keys::{Origins, text_run_end};
use super::rows::{BlockProblem, Fields, Row, put_u8, put_u16, put_u32, read_rows, read_text, write_rows};
use super::store::{KeyedRecord, RecordStore, State};
use super::table::IndexTable;
use crate::model::{Derivation, DerivationKind, Source, SourceKind};
use crate::{ActorId, SourceId, TimeSpec};

/// "None" for the optional `u32` fields of a [`SourceRecord`] and the links of [`DerivedInto`].
const NONE: u32 = u32::MAX;

fn opt(x: u32) -> Option<u32> {
    (x != NONE).then_some(x)
}

/// Whether a record's id is reserved (during a load) or holds a source: a [`State`] without
/// `Removed`, so that a snapshot cannot hold a removed source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Filled {
    Reserved,
    Live,
}

/// A stored source. Its texts are back to back in the store's text arena from `text_at`: the
/// key, the title, the language, then the URL and the note when present. The date is an index
/// into the store's times; authors and derivations are ranges of the store's shared arrays.
///
/// The text offset is split in 32 + 16 bits so that the record packs in 48 bytes with 4-byte
/// alignment (a `u64` would pad it to 56).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct SourceRecord {
    text_lo: u32,
    text_hi: u16,
    authors_len: u16,
    key_len: u32,
    title_len: u32,
    language_len: u32,
    /// [`NONE`] when the source has no URL.
    url_len: u32,
    /// [`NONE`] when the source has no note.
    note_len: u32,
    /// An [`ActorId`], or [`NONE`].
    outlet: u32,
    /// An index into the store's times, or [`NONE`].
    published: u32,
    authors_at: u32,
    derived_at: u32,
    derived_len: u16,
    kind: SourceKind,
    state: Filled,
}

/// Distinct times by index. Sources have dates more varied than claims (a corpus may have a
/// distinct date for every other source), so the table is kept lean: the times in one array,
/// and a hash table of their indices (5 bytes a slot) to find a time already listed.
#[derive(Clone, Debug, Default)]
struct TimeTable {
    times: Vec<TimeSpec>,
    index: IndexTable,
}

fn time_hash(t: &TimeSpec) -> u64 {
    std::hash::BuildHasherDefault::<IdHasher>::default().hash_one(t)
}

impl TimeTable {
    /// The index of `t`, listed first if it is not yet.
    fn intern(&mut self, t: TimeSpec) -> u32 {
        let Self { times, index } = self;
        let hash = time_hash(&t);
        if let Some(i) = index.find(hash, |i| times[i as usize] == t) {
            return i;
        }
        let i = u32::try_from(times.len()).ok().filter(|&i| i != NONE).expect("more than u32::MAX - 1 times");
        times.push(t);
        index.insert_unique(hash, i, |i| time_hash(&times[i as usize]));
        i
    }

    fn get(&self, i: u32) -> Option<&TimeSpec> {
        self.times.get(i as usize)
    }

    fn len(&self) -> usize {
        self.times.len()
    }

    /// The table of `times`; `Err` if one is listed twice.
    fn from_vec(mut times: Vec<TimeSpec>) -> Result<TimeTable, String> {
        times.shrink_to_fit();
        u32::try_from(times.len()).ok().filter(|&n| n != NONE).ok_or("too many times")?;
        let mut index = IndexTable::with_capacity(times.len());
        for (i, t) in times.iter().enumerate() {
            let hash = time_hash(t);
            if index.try_insert(hash, i as u32, |j| times[j as usize] == *t, |j| time_hash(&times[j as usize])).is_err()
            {
                return Err("a time listed twice".to_owned());
            }
        }
        Ok(TimeTable { times, index })
    }
}

/// Every source of a graph, by dense index, with their keys interned.
#[derive(Clone, Debug, Default)]
pub(crate) struct SourceStore {
    /// The records, their texts and keys; its garbage is the keys a load reserved and then wrote
    /// again beside the rest of the source's texts.
    base: RecordStore<SourceRecord>,
    /// Every distinct publication date, by index.
    times: TimeTable,
    /// The authors of every record, back to back.
    authors: Vec<ActorId>,
    /// The derivations of every record, back to back.
    derivations: Vec<Derivation>,
}

/// The largest text offset a record can hold (48 bits).
const TEXT_LIMIT: u64 = 1 << 48;

impl KeyedRecord for SourceRecord {
    const ENTITIES: &'static str = "sources";

    fn reserved(text_at: usize, key_len: usize) -> SourceRecord {
        let mut record = SourceRecord {
            text_lo: 0,
            text_hi: 0,
            authors_len: 0,
            key_len: len32(key_len),
            title_len: 0,
            language_len: 0,
            url_len: NONE,
            note_len: NONE,
            outlet: NONE,
            published: NONE,
            authors_at: 0,
            derived_at: 0,
            derived_len: 0,
            kind: SourceKind::Article,
            state: Filled::Reserved,
        };
        record.set_text_at(text_at);
        record
    }

    fn state(&self) -> State {
        match self.state {
            Filled::Reserved => State::Reserved,
            Filled::Live => State::Live,
        }
    }

    fn text_at(&self) -> usize {
        // Lossless: `from_parts` checks every offset against the text's length.
        ((u64::from(self.text_hi) << 32) | u64::from(self.text_lo)) as usize
    }

    fn set_text_at(&mut self, at: usize) {
        let at = at as u64;
        assert!(at < TEXT_LIMIT, "source texts of 256 TiB or more");
        self.text_lo = at as u32;
        self.text_hi = (at >> 32) as u16;
    }

    fn key_len(&self) -> usize {
        self.key_len as usize
    }
}

impl SourceRecord {
    /// The lengths of the texts in arena order: key, title, language, URL, note (absent ones
    /// `None`).
    fn text_lens(&self) -> [Option<usize>; 5] {
        [
            Some(self.key_len as usize),
            Some(self.title_len as usize),
            Some(self.language_len as usize),
            opt(self.url_len).map(|n| n as usize),
            opt(self.note_len).map(|n| n as usize),
        ]
    }

    /// The text number `n` (in the order of [`text_lens`](Self::text_lens)), if present.
    fn text<'s>(&self, text: &'s str, n: usize) -> Option<&'s str> {
        let lens = self.text_lens();
        let len = lens[n]?;
        let at = self.text_at() + lens[..n].iter().flatten().sum::<usize>();
        Some(&text[at..at + len])
    }

    fn text_len(&self) -> usize {
        self.text_lens().into_iter().flatten().sum()
    }
}

fn len32(n: usize) -> u32 {
    // `source_problems` refuses texts of 4 GiB or more.
    u32::try_from(n).ok().filter(|&n| n != NONE).expect("a source text of 4 GiB or more")
}

fn len16(n: usize) -> u16 {
    // `source_problems` refuses more than 65,535 authors or derivations.
    u16::try_from(n).expect("a source with more than 65,535 authors or derivations")
}

impl SourceStore {
    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        self.base.reserve(key, origin)
    }

    /// Stores `source` in the reserved slot `index` (whose key it must have).
    pub(crate) fn fill(&mut self, index: usize, source: Source) {
        let text_at = self.base.place_key(index, &source.key);
        for t in [Some(&source.title), Some(&source.language), source.url.as_ref(), source.note.as_ref()] {
            self.base.text.push_str(t.map_or("", String::as_str));
        }
        let authors_at = u32::try_from(self.authors.len()).expect("more than u32::MAX authors in all");
        let derived_at = u32::try_from(self.derivations.len()).expect("more than u32::MAX derivations in all");
        let (authors_len, derived_len) = (len16(source.authors.len()), len16(source.derived_from.len()));
        self.authors.extend_from_slice(&source.authors);
        self.derivations.extend(source.derived_from);
        let published = source.published.map_or(NONE, |t| self.times.intern(t));
        let mut record = SourceRecord {
            text_lo: 0,
            text_hi: 0,
            authors_len,
            key_len: len32(source.key.len()),
            title_len: len32(source.title.len()),
            language_len: len32(source.language.len()),
            url_len: source.url.as_ref().map_or(NONE, |u| len32(u.len())),
            note_len: source.note.as_ref().map_or(NONE, |n| len32(n.len())),
            outlet: source.outlet.map_or(NONE, |a| a.0),
            published,
            authors_at,
            derived_at,
            derived_len,
            kind: source.kind,
            state: Filled::Live,
        };
        record.set_text_at(text_at);
        self.base.set_filled(index, record);
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.base.index_of(key)
    }

    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        self.base.is_issued(index)
    }

    /// The live source at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<SourceRef<'_>> {
        let record = self.base.get(index)?;
        Some(SourceRef { store: self, record, id: SourceId::from_index(index) })
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.base.origin(index)
    }

    /// Live sources in id order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = SourceRef<'_>> + '_ {
        self.base.iter().map(|(i, record)| SourceRef { store: self, record, id: SourceId::from_index(i) })
    }

    /// Number of live sources.
    pub(crate) fn len(&self) -> usize {
        self.base.len()
    }

    /// Number of ids ever issued (the bound for per-id vectors).
    pub(crate) fn capacity(&self) -> usize {
        self.base.capacity()
    }

    /// Rewrites the text arena without the keys a load left behind, if it left any; with
    /// `shrink`, also gives the spare room of every array back.
    pub(crate) fn compact(&mut self, shrink: bool) {
        if self.base.garbage > 0 {
            self.base.rewrite_text(SourceRecord::text_len, |_| {});
        }
        if shrink {
            self.base.records.shrink_to_fit();
            self.base.text.shrink_to_fit();
            self.authors.shrink_to_fit();
            self.derivations.shrink_to_fit();
        }
    }

    /// The bytes of heap the store holds (records, texts, key index, origins, times, authors and
    /// derivations).
    pub(crate) fn heap_bytes(&self) -> usize {
        let times = self.times.times.capacity() * std::mem::size_of::<TimeSpec>() + self.times.index.heap_bytes();
        self.base.heap_bytes().iter().sum::<usize>()
            + times
            + self.authors.capacity() * std::mem::size_of::<ActorId>()
            + self.derivations.capacity() * std::mem::size_of::<Derivation>()
    }

    /// The store's parts kept in a snapshot's metadata block: the origins and the times.
    pub(crate) fn meta(&self) -> SourceMeta<'_> {
        SourceMeta { origins: &self.base.origins, times: &self.times.times }
    }

    /// Appends the bytes of the snapshot block `BLOCKS[i]`.
    pub(crate) fn write_block(&self, i: usize, out: &mut Vec<u8>) {
        match i {
            0 => write_rows(&self.base.records, out),
            1 => out.extend_from_slice(self.base.text.as_bytes()),
            2 => write_rows(&self.authors, out),
            _ => write_rows(&self.derivations, out),
        }
    }

    /// Rebuilds a store from a snapshot's blocks (`BLOCKS`, in order) and metadata; `Err` says
    /// what is wrong and where. See [`from_parts`](Self::from_parts) for what is checked.
    pub(crate) fn from_blocks(
        blocks: [&[u8]; 4],
        meta: SourceMetaOwned,
        files: usize,
    ) -> Result<SourceStore, BlockProblem> {
        let [records, text, authors, derivations] = blocks;
        let parts = SourceStoreOwned {
            records: read_rows::<RECORD_BYTES, SourceRecord>(BLOCKS[0], records)?,
            origins: meta.origins,
            text: read_text(BLOCKS[1], text)?,
            times: meta.times,
            authors: read_rows::<4, ActorId>(BLOCKS[2], authors)?,
            derivations: read_rows::<9, Derivation>(BLOCKS[3], derivations)?,
        };
        Self::from_parts(parts, files, RECORD_BYTES)
    }

    /// Rebuilds a store from a snapshot's parts (records of `row` bytes in the file, 0 if their
    /// size varies); `Err` names what is inconsistent. Every text range, time, author and
    /// derivation range is checked, and the keys are indexed (which finds a key held twice),
    /// so that no accessor can fail afterwards. Whether the ids the sources hold name anything
    /// is left to the graph's checks.
    pub(crate) fn from_parts(parts: SourceStoreOwned, files: usize, row: usize) -> Result<SourceStore, BlockProblem> {
        let SourceStoreOwned { mut records, origins, mut text, times, mut authors, mut derivations } = parts;
        // Vectors decoded element by element grow by doubling: give the spare room back.
        records.shrink_to_fit();
        text.shrink_to_fit();
        authors.shrink_to_fit();
        derivations.shrink_to_fit();
        u32::try_from(records.len())
            .ok()
            .filter(|&n| n != NONE)
            .ok_or_else(|| BlockProblem::whole(BLOCKS[0], "too many sources"))?;
        if let Some(problem) = origins.problem(records.len(), files) {
            return Err(BlockProblem::whole(META, format!("source origins: {problem}")));
        }
        let times = TimeTable::from_vec(times).map_err(|e| BlockProblem::whole(META, format!("source times: {e}")))?;
        let bad = |i: usize, message: String| BlockProblem::row(BLOCKS[0], "source", i, row, message);
        let mut used = 0;
        for (i, r) in records.iter().enumerate() {
            if r.state == Filled::Reserved {
                return Err(bad(i, "reserved but empty".to_owned()));
            }
            text_run_end(&text, r.text_at(), r.text_lens().into_iter().flatten())
                .ok_or_else(|| bad(i, "text out of range".to_owned()))?;
            if r.published != NONE && r.published as usize >= times.len() {
                return Err(bad(i, format!("time #{} of {}", r.published, times.len())));
            }
            if r.authors_at as usize + r.authors_len as usize > authors.len() {
                return Err(bad(i, "authors out of range".to_owned()));
            }
            if r.derived_at as usize + r.derived_len as usize > derivations.len() {
                return Err(bad(i, "derivations out of range".to_owned()));
            }
            used += r.text_len();
        }
        let garbage = text.len().saturating_sub(used);
        // Every record is live: reserved ones were refused above.
        let live = records.len();
        let mut base = RecordStore::from_checked(records, origins, text, live, garbage);
        base.keys = base.key_index().map_err(|(i, e)| bad(i, e))?;
        Ok(SourceStore { base, times, authors, derivations })
    }
}

/// The names of the snapshot blocks of a [`SourceStore`], in the order they are written.
pub(crate) const BLOCKS: [&str; 4] = ["sources.records", "sources.text", "sources.authors", "sources.derivations"];

/// The name of the snapshot's metadata block (origins and times are kept there).
const META: &str = "meta";

/// The bytes of a [`SourceRecord`] in a snapshot.
pub(crate) const RECORD_BYTES: usize = 48;

/// Every [`SourceKind`], in declaration order: a row stores `kind as u8`, an index here.
const KINDS: [SourceKind; 9] = {
    use SourceKind::*;
    [Article, Interview, Speech, Broadcast, Report, SocialPost, Statement, Translation, Republication]
};

/// Every [`DerivationKind`], in declaration order (as [`KINDS`]).
const DERIVATIONS: [DerivationKind; 4] = {
    use DerivationKind::*;
    [TranslationOf, RepublicationOf, Cites, PublishesInterview]
};

impl Row<RECORD_BYTES> for SourceRecord {
    const NOUN: &'static str = "source";

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.text_lo);
        put_u16(out, self.text_hi);
        put_u16(out, self.authors_len);
        for x in [
            self.key_len,
            self.title_len,
            self.language_len,
            self.url_len,
            self.note_len,
            self.outlet,
            self.published,
            self.authors_at,
            self.derived_at,
        ] {
            put_u32(out, x);
        }
        put_u16(out, self.derived_len);
        put_u8(out, self.kind as u8);
        put_u8(out, self.state as u8);
    }

    fn read(row: &[u8; RECORD_BYTES]) -> Result<SourceRecord, String> {
        let mut f = Fields::new(row);
        let (text_lo, text_hi, authors_len) = (f.u32(), f.u16(), f.u16());
        let [key_len, title_len, language_len, url_len, note_len, outlet, published, authors_at, derived_at] =
            [(); 9].map(|()| f.u32());
        let (derived_len, kind, state) = (f.u16(), f.u8(), f.u8());
        let kind = *KINDS.get(usize::from(kind)).ok_or_else(|| format!("unknown kind {kind}"))?;
        let state = match state {
            0 => Filled::Reserved,
            1 => Filled::Live,
            _ => return Err(format!("unknown state {state}")),
        };
        Ok(SourceRecord {
            text_lo,
            text_hi,
            authors_len,
            key_len,
            title_len,
            language_len,
            url_len,
            note_len,
            outlet,
            published,
            authors_at,
            derived_at,
            derived_len,
            kind,
            state,
        })
    }
}

impl Row<4> for ActorId {
    const NOUN: &'static str = "author";

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.0);
    }

    fn read(row: &[u8; 4]) -> Result<ActorId, String> {
        Ok(ActorId(u32::from_le_bytes(*row)))
    }
}

impl Row<9> for Derivation {
    const NOUN: &'static str = "derivation";

    fn write(&self, out: &mut Vec<u8>) {
        put_u8(out, self.kind as u8);
        put_u32(out, self.source.0);
        put_u32(out, self.by.map_or(NONE, |a| a.0));
    }

    fn read(row: &[u8; 9]) -> Result<Derivation, String> {
        let mut f = Fields::new(row);
        let (kind, source, by) = (f.u8(), f.u32(), f.u32());
        let kind = *DERIVATIONS.get(usize::from(kind)).ok_or_else(|| format!("unknown kind {kind}"))?;
        Ok(Derivation { kind, source: SourceId(source), by: opt(by).map(ActorId) })
    }
}

/// A [`SourceStore`]'s parts kept in a snapshot's metadata block, as it writes them.
#[derive(Serialize)]
pub(crate) struct SourceMeta<'a> {
    origins: &'a Origins,
    times: &'a [TimeSpec],
}

/// A [`SourceStore`]'s parts kept in a snapshot's metadata block, as it reads them.
#[derive(Deserialize)]
pub(crate) struct SourceMetaOwned {
    origins: Origins,
    times: Vec<TimeSpec>,
}

/// A [`SourceStore`]'s parts: as a snapshot of format version 4 holds them, and as the blocks
/// of a later one decode.
#[derive(Deserialize)]
pub(crate) struct SourceStoreOwned {
    records: Vec<SourceRecord>,
    origins: Origins,
    text: String,
    times: Vec<TimeSpec>,
    authors: Vec<ActorId>,
    derivations: Vec<Derivation>,
}

/// A source in a graph: a copyable handle with one accessor per field of [`Source`], from
/// [`ClaimGraph::source`](crate::ClaimGraph::source) and
/// [`ClaimGraph::sources`](crate::ClaimGraph::sources).
///
/// Texts, authors, the date and the derivations are borrowed from the graph;
/// [`to_source`](Self::to_source) gives an owned [`Source`] to edit and add again.
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let source = graph.source(graph.source_id("s002_atlantico").unwrap()).unwrap();
/// assert_eq!(source.key(), "s002_atlantico");
/// assert!(!source.derived_from().is_empty());
/// let mut copy = source.to_source();
/// assert_eq!(copy.title, source.title());
/// copy.key = "s002_atlantico_copy".into();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct SourceRef<'g> {
    store: &'g SourceStore,
    record: &'g SourceRecord,
    id: SourceId,
}

impl<'g> SourceRef<'g> {
    /// The source's id.
    pub fn id(&self) -> SourceId {
        self.id
    }
    /// The id used in data files.
    pub fn key(&self) -> &'g str {
        self.record.key(&self.store.base.text)
    }
    /// What kind of document.
    pub fn kind(&self) -> SourceKind {
        self.record.kind
    }
    /// The title, as published.
    pub fn title(&self) -> &'g str {
        self.record.text(&self.store.base.text, 1).unwrap_or_default()
    }
    /// The outlet that published it.
    pub fn outlet(&self) -> Option<ActorId> {
        opt(self.record.outlet).map(ActorId)
    }
    /// Its authors.
    pub fn authors(&self) -> &'g [ActorId] {
        let at = self.record.authors_at as usize;
        &self.store.authors[at..at + self.record.authors_len as usize]
    }
    /// Its language, as an ISO 639-1 code (`en`, `fr`, `ru`, `it`, `kk`).
    pub fn language(&self) -> &'g str {
        self.record.text(&self.store.base.text, 2).unwrap_or_default()
    }
    /// Its publication date, as the source states it (not corrected).
    pub fn published(&self) -> Option<&'g TimeSpec> {
        opt(self.record.published).and_then(|t| self.store.times.get(t))
    }
    /// Where it was found.
    pub fn url(&self) -> Option<&'g str> {
        self.record.text(&self.store.base.text, 3)
    }
    /// The earlier sources it derives from.
    pub fn derived_from(&self) -> &'g [Derivation] {
        let at = self.record.derived_at as usize;
        &self.store.derivations[at..at + self.record.derived_len as usize]
    }
    /// A free-text note.
    pub fn note(&self) -> Option<&'g str> {
        self.record.text(&self.store.base.text, 4)
    }
    /// The source in owned form, equal to the one that was added.
    pub fn to_source(&self) -> Source {
        Source {
            key: self.key().to_owned(),
            kind: self.kind(),
            title: self.title().to_owned(),
            outlet: self.outlet(),
            authors: self.authors().to_vec(),
            language: self.language().to_owned(),
            published: self.published().copied(),
            url: self.url().map(str::to_owned),
            derived_from: self.derived_from().to_vec(),
            note: self.note().map(str::to_owned),
        }
    }
}

impl fmt::Debug for SourceRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceRef")
            .field("id", &self.id)
            .field("key", &self.key())
            .field("kind", &self.kind())
            .field("title", &self.title())
            .field("outlet", &self.outlet())
            .field("authors", &self.authors())
            .field("language", &self.language())
            .field("published", &self.published())
            .field("url", &self.url())
            .field("derived_from", &self.derived_from())
            .field("note", &self.note())
            .finish()
    }
}

impl PartialEq<Source> for SourceRef<'_> {
    fn eq(&self, other: &Source) -> bool {
        self.to_source() == *other
    }
}

/// The fields of a source that validation reads, borrowed from a [`Source`] or a [`SourceRef`].
pub(crate) struct SourceFields<'a> {
    pub(crate) key: &'a str,
    pub(crate) outlet: Option<ActorId>,
    pub(crate) authors: &'a [ActorId],
    pub(crate) derived_from: &'a [Derivation],
    /// The title, language, URL and note.
    pub(crate) texts: [Option<&'a str>; 4],
}

impl<'a> From<&'a Source> for SourceFields<'a> {
    fn from(s: &'a Source) -> Self {
        SourceFields {
            key: &s.key,
            outlet: s.outlet,
            authors: &s.authors,
            derived_from: &s.derived_from,
            texts: [Some(&s.title), Some(&s.language), s.url.as_deref(), s.note.as_deref()],
        }
    }
}

impl<'a> From<SourceRef<'a>> for SourceFields<'a> {
    fn from(s: SourceRef<'a>) -> Self {
        SourceFields {
            key: s.key(),
            outlet: s.outlet(),
            authors: s.authors(),
            derived_from: s.derived_from(),
            texts: [Some(s.title()), Some(s.language()), s.url(), s.note()],
        }
    }
}

/// One source deriving from another, as a link of [`DerivedInto`]'s lists (its kind is kept
/// in a parallel array, where it takes one byte instead of four with padding).
#[derive(Clone, Copy, Debug)]
struct Link {
    /// The deriving (later) source.
    by: SourceId,
    /// The next link of the same list.
    next: u32,
}

/// For each source, the sources that derive from it, in the order they were added (id order).
///
/// Each source's list is a circular singly linked list in one shared array of links, reached
/// through its last link: `tails[s]` is the newest link of source `s` ([`NONE`] if none), and
/// the newest link's `next` is the oldest. Appending is O(1), reading a list O(its length), and a
/// source costs 4 bytes plus 9 per derivation.
#[derive(Clone, Debug, Default)]
pub(crate) struct DerivedInto {
    tails: Vec<u32>,
    links: Vec<Link>,
    /// The kind of each link's derivation.
    kinds: Vec<DerivationKind>,
}

impl DerivedInto {
    /// The index of every live source's derivations.
    pub(crate) fn build(store: &SourceStore) -> DerivedInto {
        let n = store.derivations.len();
        let mut out = DerivedInto {
            tails: vec![NONE; store.capacity()],
            links: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
        };
        for s in store.iter() {
            out.add(s);
        }
        out
    }

    /// Records the derivations of `source`, newer than every source recorded so far. A
    /// derivation from a source that is not issued is skipped (the checks of a snapshot, which
    /// run beside the indexing, refuse it).
    pub(crate) fn add(&mut self, source: SourceRef<'_>) {
        for d in source.derived_from() {
            let from = d.source.index();
            if from >= source.store.capacity() {
                continue;
            }
            if self.tails.len() <= from {
                self.tails.resize(from + 1, NONE);
            }
            let new = u32::try_from(self.links.len()).ok().filter(|&n| n != NONE).expect("too many derivations");
            let tail = self.tails[from];
            let next = if tail == NONE {
                new
            } else {
                // The new link goes between the newest and the oldest.
                std::mem::replace(&mut self.links[tail as usize].next, new)
            };
            self.links.push(Link { by: source.id(), next });
            self.kinds.push(d.kind);
            self.tails[from] = new;
        }
    }

    /// The bytes of heap the lists hold.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.tails.capacity() * 4 + self.links.capacity() * std::mem::size_of::<Link>() + self.kinds.capacity()
    }

    /// The sources that derive from `source`, oldest first.
    pub(crate) fn of(&self, source: SourceId) -> impl Iterator<Item = (SourceId, DerivationKind)> + '_ {
        let tail = self.tails.get(source.index()).copied().unwrap_or(NONE);
        let mut at = if tail == NONE { NONE } else { self.links[tail as usize].next };
        std::iter::from_fn(move || {
            let i = at as usize;
            let link = self.links.get(i)?;
            at = if at == tail { NONE } else { link.next };
            Some((link.by, self.kinds[i]))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(key: &str, n: u32) -> Source {
        let odd = n % 2 == 1;
        Source {
            key: key.into(),
            kind: if odd { SourceKind::Translation } else { SourceKind::Report },
            title: format!("Заголовок {key} — «{n}»"),
            outlet: odd.then_some(ActorId(n)),
            authors: (0..n % 3).map(|a| ActorId(10 + a)).collect(),
            language: if odd { "ru".into() } else { String::new() },
            published: odd.then(|| "2022-11~".parse().unwrap()),
            url: n.is_multiple_of(3).then(|| format!("https://example.org/ü/{key}")),
            derived_from: (0..n % 3)
                .map(|i| Derivation {
                    kind: if i == 0 { DerivationKind::TranslationOf } else { DerivationKind::Cites },
                    source: SourceId(i),
                    by: (i == 0).then_some(ActorId(7)),
                })
                .collect(),
            note: n.is_multiple_of(2).then(|| "note ✓".to_owned()),
        }
    }

    #[test]
    fn every_field_reads_back_after_interleaved_reservations() {
        let mut store = SourceStore::default();
        // A load reserves every key first, then fills (here out of order, with a reservation
        // between two fills): keys move beside the other texts.
        let keys = ["a", "bé", "c", "dü"];
        for k in keys {
            store.reserve(k, Some(0)).unwrap();
        }
        assert_eq!(store.reserve("c", None), Err(2));
        store.fill(2, source("c", 2));
        store.fill(0, source("a", 0));
        let e = store.reserve("e", Some(1)).unwrap();
        assert!(store.get(e).is_none() && store.is_issued(e) && store.get(1).is_none());
        store.fill(3, source("dü", 3));
        store.fill(1, source("bé", 1));
        store.fill(e, source("e", 4));
        let f = store.reserve("f", None).unwrap();
        store.fill(f, source("f", 5));
        let expected: Vec<Source> =
            ["a", "bé", "c", "dü", "e", "f"].iter().enumerate().map(|(n, k)| source(k, n as u32)).collect();
        let check = |store: &SourceStore| {
            let back: Vec<Source> = store.iter().map(|s| s.to_source()).collect();
            assert_eq!(back, expected);
            for (n, s) in expected.iter().enumerate() {
                let r = store.get(n).unwrap();
                assert_eq!(r, *s);
                assert_eq!((r.id(), r.key(), r.kind(), r.title()), (SourceId(n as u32), &*s.key, s.kind, &*s.title));
                assert_eq!((r.outlet(), r.authors(), r.language()), (s.outlet, &*s.authors, &*s.language));
                assert_eq!(
                    (r.published(), r.url(), r.note()),
                    (s.published.as_ref(), s.url.as_deref(), s.note.as_deref())
                );
                assert_eq!(r.derived_from(), s.derived_from);
                assert_eq!(store.index_of(&s.key), Some(n));
            }
            assert_eq!((store.len(), store.capacity()), (6, 6));
            assert_eq!(store.origin(4), Some(1));
        };
        check(&store);
        assert!(store.base.garbage > 0);
        store.compact(true);
        assert_eq!(store.base.garbage, 0);
        check(&store);
        let back = SourceStore::from_parts(parts_of(&store), 2, 0).unwrap();
        check(&back);
        let blocks: Vec<Vec<u8>> = (0..4)
            .map(|i| {
                let mut out = Vec::new();
                store.write_block(i, &mut out);
                out
            })
            .collect();
        let meta = SourceMetaOwned { origins: store.base.origins.clone(), times: store.times.times.clone() };
        let back = SourceStore::from_blocks([&blocks[0], &blocks[1], &blocks[2], &blocks[3]], meta, 2).unwrap();
        check(&back);
        assert!(format!("{:?}", back.get(1).unwrap()).contains("Заголовок bé"));
    }

    #[test]
    fn derived_sources_in_the_order_they_were_added() {
        let mut store = SourceStore::default();
        let mut index = DerivedInto::default();
        let mut add = |store: &mut SourceStore, key: &str, from: &[(u32, DerivationKind)]| {
            let i = store.reserve(key, None).unwrap();
            let mut s = Source::new(key, SourceKind::Article, "t", "en");
            s.derived_from = from.iter().map(|&(f, kind)| Derivation { kind, source: SourceId(f), by: None }).collect();
            store.fill(i, s);
            index.add(store.get(i).unwrap());
        };
        use DerivationKind::{Cites, RepublicationOf, TranslationOf};
        add(&mut store, "s0", &[]);
        add(&mut store, "s1", &[(0, TranslationOf)]);
        add(&mut store, "s2", &[(0, Cites), (1, Cites)]);
        add(&mut store, "s3", &[(3, Cites), (0, RepublicationOf)]);
        add(&mut store, "s4", &[(0, Cites), (0, TranslationOf), (9, Cites)]);
        let list = |index: &DerivedInto, s: u32| index.of(SourceId(s)).collect::<Vec<_>>();
        let zero = vec![
            (SourceId(1), TranslationOf),
            (SourceId(2), Cites),
            (SourceId(3), RepublicationOf),
            (SourceId(4), Cites),
            (SourceId(4), TranslationOf),
        ];
        assert_eq!(list(&index, 0), zero);
        assert_eq!(list(&index, 1), [(SourceId(2), Cites)]);
        assert_eq!(list(&index, 3), [(SourceId(3), Cites)]);
        assert!(list(&index, 2).is_empty() && list(&index, 4).is_empty() && list(&index, 99).is_empty());
        let built = DerivedInto::build(&store);
        for s in 0..6 {
            assert_eq!(list(&built, s), list(&index, s));
        }
    }

    fn parts_of(store: &SourceStore) -> SourceStoreOwned {
        SourceStoreOwned {
            records: store.base.records.clone(),
            origins: store.base.origins.clone(),
            text: store.base.text.clone(),
            times: store.times.times.clone(),
            authors: store.authors.clone(),
            derivations: store.derivations.clone(),
        }
    }

    #[test]
    fn inconsistent_parts_are_errors() {
        let mut store = SourceStore::default();
        for (i, k) in ["aé", "b", "c"].into_iter().enumerate() {
            store.reserve(k, Some(0)).unwrap();
            store.fill(i, source(k, i as u32 + 1));
        }
        let back = SourceStore::from_parts(parts_of(&store), 1, 0).unwrap();
        assert_eq!(back.index_of("b"), Some(1));
        let refused =
            |parts: SourceStoreOwned, files: usize| SourceStore::from_parts(parts, files, 0).unwrap_err().to_string();
        let mut twice = parts_of(&store);
        twice.records.push(twice.records[0].clone());
        assert_eq!(refused(twice, 1), "sources: source 3: duplicate id \"aé\"");
        let mut times = parts_of(&store);
        times.times.push(times.times[0]);
        assert!(refused(times, 1).contains("time listed twice"));
        let mut time = parts_of(&store);
        time.times.clear();
        assert!(refused(time, 1).contains("time #0 of 0"));
        let mut text = parts_of(&store);
        text.text.truncate(5);
        assert!(refused(text, 1).contains("text out of range"));
        // Inside "é": not a character boundary.
        let mut cut = parts_of(&store);
        cut.records[0].key_len = 2;
        assert!(refused(cut, 1).contains("source 0: text out of range"));
        let mut far = parts_of(&store);
        far.records[1].text_hi = u16::MAX;
        assert!(refused(far, 1).contains("source 1: text out of range"));
        let mut authors = parts_of(&store);
        authors.authors.pop();
        assert!(refused(authors, 1).contains("authors out of range"));
        let mut derivations = parts_of(&store);
        derivations.records[1].derived_at = 2;
        assert!(refused(derivations, 1).contains("derivations out of range"));
        let mut reserved = parts_of(&store);
        reserved.records[1].state = Filled::Reserved;
        assert!(refused(reserved, 1).contains("source 1: reserved but empty"));
        assert!(refused(parts_of(&store), 0).contains("origin file"));
        let mut origins = parts_of(&store);
        origins.origins = Origins::default();
        origins.origins.push(5, None);
        assert!(refused(origins, 1).contains("origins start at entity 5"));
    }
}
