//! The claim store: claims kept compact, because a graph holds many more claims than anything
//! else.
//!
//! A [`Claim`] is the form users build and files hold. Stored, a claim becomes a [`Record`] of
//! 60 bytes: its ids inline, its object encoded in one 32-bit word and a kind byte (a quantity's
//! unit and numbers in a shared array of 32-bit words, since most objects have none), its
//! polarity, modality and mode packed in one flags byte, its texts (key, quote, note, and the
//! object when it is a text) in one text arena shared by every claim, its times interned (a
//! corpus has far fewer distinct dates than claims, and fewer distinct pairs of the time a claim
//! is about and the time it was said: a record names its pair), its relays in one shared array.
//! Reading
//! goes through [`ClaimRef`], a copyable handle with one accessor per field of [`Claim`];
//! [`ClaimRef::to_claim`] gives the owned form back, equal to what was added.

use std::fmt;

use indexmap::IndexSet;
use serde::{Deserialize, Serialize};

use super::hash::IdHasher;
use super::keys::{KeyIndex, Origins, text_run_end};
use super::rows::{BlockProblem, Fields, Row, put_u8, put_u16, put_u32, read_rows, read_text, write_rows};
use super::store::{KeyedRecord, RecordStore, Removable, State};
use super::table::IndexTable;
use crate::model::{Amount, Claim, Modality, Mode, Polarity, Quantity, Relay, Stance, Value};
use crate::{ActorId, ClaimId, PredicateId, PropositionKey, SourceId, TimeSpec, UnitId};

/// "None" for the optional `u32` fields of a [`Record`].
const NONE: u32 = u32::MAX;

fn opt(x: u32) -> Option<u32> {
    (x != NONE).then_some(x)
}

/// Where the [`State`] sits in [`Record::kind`]; below it, the [`UNQUOTED`] bit and the object's
/// kind.
const STATE_SHIFT: u32 = 6;
/// The bit of [`Record::kind`] set when the claim has no quote: the quote's place in the text
/// arena then holds the reason it has none.
const UNQUOTED: u8 = 1 << 5;
/// The object-kind bits of [`Record::kind`].
const OBJECT_BITS: u8 = UNQUOTED - 1;
/// The bits of [`Record::kind`] below the state.
const BELOW_STATE: u8 = (1 << STATE_SHIFT) - 1;

// The object kinds of [`Record::kind`]. A quantity's kind also names its amount's variant:
// `QUANTITY + ` the variant's position in [`amount_parts`].
const ACTOR: u8 = 0;
const BOOL: u8 = 1;
const TEXT: u8 = 2;
const DATE: u8 = 3;
const CLAIM: u8 = 4;
const QUANTITY: u8 = 5;
/// The number of [`Amount`] variants.
const AMOUNTS: u8 = 7;

/// The modalities and modes by their code in [`Record::flags`] (their declaration order).
const MODALITIES: [Modality; 6] = [
    Modality::Asserted,
    Modality::Reported,
    Modality::Hedged,
    Modality::Predicted,
    Modality::Opinion,
    Modality::Question,
];
const MODES: [Mode; 5] = [Mode::Authorial, Mode::DirectQuote, Mode::Paraphrase, Mode::Hedged, Mode::Inserted];

/// [`Record::flags`]: the polarity in bit 0, the modality in bits 1-3, the mode in bits 4-6, the
/// stance in bit 7.
fn pack_flags(polarity: Polarity, modality: Modality, mode: Mode, stance: Stance) -> u8 {
    polarity as u8 | (modality as u8) << 1 | (mode as u8) << 4 | (stance as u8) << 7
}

fn modality_code(flags: u8) -> usize {
    usize::from(flags >> 1 & 0b111)
}

fn mode_code(flags: u8) -> usize {
    usize::from(flags >> 4 & 0b111)
}

/// Whether `flags` is something [`pack_flags`] gives.
fn flags_valid(flags: u8) -> bool {
    modality_code(flags) < MODALITIES.len() && mode_code(flags) < MODES.len()
}

/// An amount's variant (its position in this match) and its numbers; the second is 0 but for
/// a range.
fn amount_parts(amount: Amount) -> (u8, [f64; 2]) {
    match amount {
        Amount::Exact(x) => (0, [x, 0.0]),
        Amount::Around(x) => (1, [x, 0.0]),
        Amount::Range(a, b) => (2, [a, b]),
        Amount::AtLeast(x) => (3, [x, 0.0]),
        Amount::MoreThan(x) => (4, [x, 0.0]),
        Amount::AtMost(x) => (5, [x, 0.0]),
        Amount::LessThan(x) => (6, [x, 0.0]),
    }
}

/// The amount [`amount_parts`] took apart.
fn amount_of(variant: u8, [a, b]: [f64; 2]) -> Amount {
    match variant {
        0 => Amount::Exact(a),
        1 => Amount::Around(a),
        2 => Amount::Range(a, b),
        3 => Amount::AtLeast(a),
        4 => Amount::MoreThan(a),
        5 => Amount::AtMost(a),
        _ => Amount::LessThan(a),
    }
}

/// A claim's object as the store holds it: a [`Value`] whose text is borrowed, so that reading
/// it never allocates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ObjectRef<'a> {
    Actor(ActorId),
    Quantity(Quantity),
    Date(TimeSpec),
    Text(&'a str),
    Bool(bool),
    Claim(ClaimId),
}

impl<'a> From<&'a Value> for ObjectRef<'a> {
    fn from(value: &'a Value) -> Self {
        match value {
            Value::Actor(a) => ObjectRef::Actor(*a),
            Value::Quantity(q) => ObjectRef::Quantity(*q),
            Value::Date(d) => ObjectRef::Date(*d),
            Value::Text(t) => ObjectRef::Text(t),
            Value::Bool(b) => ObjectRef::Bool(*b),
            Value::Claim(c) => ObjectRef::Claim(*c),
        }
    }
}

impl ObjectRef<'_> {
    /// The owned value (which allocates for a text).
    pub(crate) fn to_value(self) -> Value {
        match self {
            ObjectRef::Actor(a) => Value::Actor(a),
            ObjectRef::Quantity(q) => Value::Quantity(q),
            ObjectRef::Date(d) => Value::Date(d),
            ObjectRef::Text(t) => Value::Text(t.to_owned()),
            ObjectRef::Bool(b) => Value::Bool(b),
            ObjectRef::Claim(c) => Value::Claim(c),
        }
    }
}

/// A stored claim. Texts are ranges of the store's text arena: the key at the text offset
/// (`text_lo`, with `text_hi` above it: 48 bits), then the quote, then the note, then the
/// object's text; times and relays are indices into the store's tables.
///
/// The object is `kind`'s low bits and `word`:
///
/// | kind | `word` |
/// |---|---|
/// | [`ACTOR`], [`CLAIM`] | the id |
/// | [`BOOL`] | 0 or 1 |
/// | [`TEXT`] | the text's length in bytes |
/// | [`DATE`] | the index of the time in the store's times |
/// | [`QUANTITY`] + amount variant | where its words start in the store's quantities (see [`quantity_words`]) |
///
/// Unused words are 0, so that equal claims have equal records.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    text_lo: u32,
    key_len: u32,
    quote_len: u32,
    /// [`NONE`] when the claim has no note.
    note_len: u32,
    subject: ActorId,
    predicate: PredicateId,
    qualifier: u32,
    said_by: ActorId,
    source: SourceId,
    said_in: u32,
    /// The index of the claim's pair of times (about, said) in the store's time pairs;
    /// [`NONE`] when it has neither.
    times: u32,
    relays_at: u32,
    word: u32,
    text_hi: u16,
    relays_len: u16,
    /// The [`State`] in the top two bits, the object's kind below.
    kind: u8,
    /// Polarity, modality and mode (see [`pack_flags`]).
    flags: u8,
}

const _: () = assert!(std::mem::size_of::<Record>() == 60);

/// The largest text offset a record can hold (48 bits).
const TEXT_LIMIT: u64 = 1 << 48;

/// The words a quantity object takes in the store's quantities, given its kind: the unit's id,
/// then each number of its amount as `f64` bits in two words, low first (a range has two
/// numbers, the other amounts one).
fn quantity_words(kind: u8) -> usize {
    if kind == QUANTITY + 2 { 5 } else { 3 }
}

/// Appends a quantity's words.
fn push_quantity(words: &mut Vec<u32>, unit: UnitId, numbers: &[f64]) {
    words.push(unit.0);
    for x in numbers {
        let bits = x.to_bits();
        words.extend([bits as u32, (bits >> 32) as u32]);
    }
}

type TimeSet = IndexSet<TimeSpec, std::hash::BuildHasherDefault<IdHasher>>;

/// Every claim of a graph, by dense index, with their keys interned.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClaimStore {
    /// The records, their texts and keys; its garbage also counts entries of `relays` and
    /// `quantities`.
    base: RecordStore<Record>,
    /// Every distinct time a claim gives, by index.
    times: TimeSet,
    /// The relays of every record, back to back.
    relays: Vec<Relay>,
    /// The quantity objects of every record, in record order, as words (see [`quantity_words`]).
    quantities: Vec<u32>,
    /// Every distinct pair of times (about, said) a claim gives, as indices into `times`
    /// ([`NONE`] for none), by index.
    time_pairs: Vec<[u32; 2]>,
    /// The index of each time pair, for interning; a loaded store builds it when the first
    /// claim is added (a graph that is only read never needs it).
    pair_index: Option<IndexTable>,
}

impl KeyedRecord for Record {
    const ENTITIES: &'static str = "claims";

    fn reserved(text_at: usize, key_len: usize) -> Record {
        let mut record = Record {
            text_lo: 0,
            key_len: key_len as u32,
            quote_len: 0,
            note_len: NONE,
            subject: ActorId(0),
            predicate: PredicateId(0),
            qualifier: NONE,
            said_by: ActorId(0),
            source: SourceId(0),
            said_in: NONE,
            times: NONE,
            relays_at: 0,
            word: 0,
            text_hi: 0,
            relays_len: 0,
            kind: (State::Reserved as u8) << STATE_SHIFT | BOOL,
            flags: pack_flags(Polarity::Affirmed, Modality::Asserted, Mode::Authorial, Stance::Own),
        };
        record.set_text_at(text_at);
        record
    }

    #[inline]
    fn state(&self) -> State {
        match self.kind >> STATE_SHIFT {
            0 => State::Reserved,
            1 => State::Live,
            // 3 never passes `ClaimStore::from_parts`.
            _ => State::Removed,
        }
    }

    #[inline]
    fn is_live(&self) -> bool {
        self.kind >> STATE_SHIFT == State::Live as u8
    }

    fn text_at(&self) -> usize {
        // Lossless: `ClaimStore::from_parts` checks every offset against the text's length.
        self.text_offset() as usize
    }

    fn set_text_at(&mut self, at: usize) {
        let at = at as u64;
        assert!(at < TEXT_LIMIT, "claim texts of 256 TiB or more");
        self.text_lo = at as u32;
        self.text_hi = (at >> 32) as u16;
    }

    fn key_len(&self) -> usize {
        self.key_len as usize
    }
}

impl Removable for Record {
    fn set_removed(&mut self) {
        self.kind = (State::Removed as u8) << STATE_SHIFT | self.kind & BELOW_STATE;
    }
}

impl Record {
    #[inline]
    fn object_kind(&self) -> u8 {
        self.kind & OBJECT_BITS
    }

    /// The length of the object's text, when the object is a text.
    fn object_text_len(&self) -> Option<u32> {
        (self.object_kind() == TEXT).then_some(self.word)
    }

    /// Where the object's text starts: after the key, the quote and the note.
    /// Where the record's texts start in the arena.
    #[inline]
    fn text_offset(&self) -> u64 {
        u64::from(self.text_hi) << 32 | u64::from(self.text_lo)
    }

    fn object_text_at(&self) -> usize {
        self.text_at() + self.key_len as usize + self.quote_len as usize + opt(self.note_len).map_or(0, |n| n as usize)
    }

    /// Where the record's quantity starts in the store's quantities, and how many words it takes,
    /// when its object is a quantity.
    #[inline]
    fn quantity_at(&self) -> Option<(usize, usize)> {
        let kind = self.object_kind();
        (kind >= QUANTITY).then(|| (self.word as usize, quantity_words(kind)))
    }

    /// The entries of the store's side arrays (relays, quantity words) the record uses.
    fn entries(&self) -> usize {
        self.relays_len as usize + self.quantity_at().map_or(0, |(_, n)| n)
    }

    fn text_len(&self) -> usize {
        self.key_len as usize
            + self.quote_len as usize
            + opt(self.note_len).map_or(0, |n| n as usize)
            + self.object_text_len().map_or(0, |n| n as usize)
    }

    /// Why the kind and flags bytes and the object's word are not what [`ClaimStore::fill`]
    /// writes, if they are not. Ranges (texts, times, quantity words) are the store's to check,
    /// and only for the records not removed: a removed record's are stale once the store is
    /// compacted.
    fn encoding_problem(&self) -> Option<String> {
        if self.kind >> STATE_SHIFT > State::Removed as u8 {
            return Some(format!("unknown state in kind byte {:#04x}", self.kind));
        }
        if !flags_valid(self.flags) {
            return Some(format!("unknown flags {:#04x}", self.flags));
        }
        match self.object_kind() {
            ACTOR | TEXT | DATE | CLAIM => None,
            BOOL if self.word <= 1 => None,
            BOOL => Some(format!("truth value {}", self.word)),
            k if k >= QUANTITY + AMOUNTS => Some(format!("unknown object kind {k}")),
            _ => None,
        }
    }
}

fn text_len(n: usize) -> u32 {
    u32::try_from(n).expect("a claim text longer than 4 GiB")
}

impl ClaimStore {
    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        self.base.reserve(key, origin)
    }

    /// Stores `claim` in the reserved slot `index` (whose key it must have).
    pub(crate) fn fill(&mut self, index: usize, claim: Claim) {
        let text_at = self.base.place_key(index, &claim.key);
        let text = &mut self.base.text;
        let quote = claim.unquoted.as_deref().unwrap_or(&claim.quote);
        text.push_str(quote);
        if let Some(note) = &claim.note {
            text.push_str(note);
        }
        if let Value::Text(t) = &claim.object {
            text.push_str(t);
        }
        let relays_at = u32::try_from(self.relays.len()).expect("more than u32::MAX relays");
        let relays_len = u16::try_from(claim.relayed_by.len()).expect("a claim with more than 65,535 relays");
        self.relays.extend(claim.relayed_by);
        let mut time = |t: Option<TimeSpec>| {
            t.map_or(NONE, |t| u32::try_from(self.times.insert_full(t).0).expect("more than u32::MAX times"))
        };
        let (about, said) = (time(claim.about), time(claim.said));
        let (kind, word) = match claim.object {
            Value::Actor(a) => (ACTOR, a.0),
            Value::Bool(b) => (BOOL, u32::from(b)),
            Value::Text(t) => (TEXT, text_len(t.len())),
            Value::Date(d) => (DATE, time(Some(d))),
            Value::Claim(c) => (CLAIM, c.0),
            Value::Quantity(q) => {
                let (variant, numbers) = amount_parts(q.amount);
                let kind = QUANTITY + variant;
                let at = u32::try_from(self.quantities.len()).expect("more than u32::MAX quantity words");
                push_quantity(&mut self.quantities, q.unit, &numbers[..(quantity_words(kind) - 1) / 2]);
                (kind, at)
            }
        };
        let times = if about == NONE && said == NONE { NONE } else { self.intern_pair([about, said]) };
        let mut record = Record {
            text_lo: 0,
            key_len: text_len(claim.key.len()),
            quote_len: text_len(quote.len()),
            note_len: claim.note.as_ref().map_or(NONE, |n| text_len(n.len())),
            subject: claim.subject,
            predicate: claim.predicate,
            qualifier: claim.qualifier.map_or(NONE, |a| a.0),
            said_by: claim.said_by,
            source: claim.source,
            said_in: claim.said_in.map_or(NONE, |s| s.0),
            times,
            relays_at,
            word,
            text_hi: 0,
            relays_len,
            kind: (State::Live as u8) << STATE_SHIFT | if claim.unquoted.is_some() { UNQUOTED } else { 0 } | kind,
            flags: pack_flags(claim.polarity, claim.modality, claim.mode, claim.stance),
        };
        record.set_text_at(text_at);
        self.base.set_filled(index, record);
    }

    /// The index of the pair of times `pair`, listed first if it is not yet.
    fn intern_pair(&mut self, pair: [u32; 2]) -> u32 {
        let Self { time_pairs, pair_index, .. } = self;
        let hash = |p: &[u32; 2]| u64::from(p[0]) << 32 | u64::from(p[1]);
        let pair_index = pair_index.get_or_insert_with(|| {
            // A loaded store's pairs (a pair listed twice keeps its first index).
            let mut index = IndexTable::with_capacity(time_pairs.len());
            for (i, p) in time_pairs.iter().enumerate() {
                let same = |j: u32| time_pairs[j as usize] == *p;
                let _ = index.try_insert(hash(p), i as u32, same, |j| hash(&time_pairs[j as usize]));
            }
            index
        });
        if let Some(i) = pair_index.find(hash(&pair), |i| time_pairs[i as usize] == pair) {
            return i;
        }
        let i = u32::try_from(time_pairs.len()).ok().filter(|&i| i != NONE).expect("more than u32::MAX - 1 time pairs");
        time_pairs.push(pair);
        pair_index.insert_unique(hash(&pair), i, |j| hash(&time_pairs[j as usize]));
        i
    }

    /// Removes the claim at `index` and returns it.
    pub(crate) fn remove(&mut self, index: usize) -> Option<Claim> {
        let claim = self.get(index)?;
        let freed = claim.record.text_len() + claim.record.entries();
        let claim = claim.to_claim();
        self.base.remove(index, freed);
        Some(claim)
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.base.index_of(key)
    }

    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        self.base.is_issued(index)
    }

    /// The live claim at `index`.
    #[inline]
    pub(crate) fn get(&self, index: usize) -> Option<ClaimRef<'_>> {
        let record = self.base.get(index)?;
        Some(ClaimRef { store: self, record, id: ClaimId::from_index(index) })
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.base.origin(index)
    }

    /// Live claims in id order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = ClaimRef<'_>> + '_ {
        self.base.iter().map(|(i, record)| ClaimRef { store: self, record, id: ClaimId::from_index(i) })
    }

    /// Number of live claims.
    pub(crate) fn len(&self) -> usize {
        self.base.len()
    }

    /// Every distinct time a claim gives, by index.
    pub(crate) fn times(&self) -> impl Iterator<Item = &TimeSpec> + '_ {
        self.times.iter()
    }

    /// Number of ids ever issued (the bound for per-id vectors).
    pub(crate) fn capacity(&self) -> usize {
        self.base.capacity()
    }

    /// Rewrites the text arena, the relays and the quantities without what removed claims left
    /// behind, when that is more than half of them. With `always`, rewrites them if anything is
    /// left behind, and gives back the spare room of every array.
    pub(crate) fn compact(&mut self, always: bool) {
        let garbage = self.base.garbage;
        let used = self.base.text.len() + self.relays.len() + self.quantities.len();
        if (always || garbage * 2 > used) && garbage > 0 {
            let (mut relays, mut quantities) = (Vec::new(), Vec::new());
            self.base.rewrite_text(Record::text_len, |record| {
                let r = record.relays_at as usize;
                record.relays_at = relays.len() as u32;
                relays.extend_from_slice(&self.relays[r..r + record.relays_len as usize]);
                if let Some((at, n)) = record.quantity_at() {
                    record.word = quantities.len() as u32;
                    quantities.extend_from_slice(&self.quantities[at..at + n]);
                }
            });
            self.relays = relays;
            self.quantities = quantities;
        }
        if always {
            self.base.records.shrink_to_fit();
            self.base.text.shrink_to_fit();
            self.relays.shrink_to_fit();
            self.quantities.shrink_to_fit();
            self.time_pairs.shrink_to_fit();
        }
    }

    /// The bytes of heap each part of the store holds, named.
    pub(crate) fn memory_parts(&self, out: &mut Vec<(&'static str, usize)>) {
        let [records, text, keys, origins] = self.base.heap_bytes();
        let times = self.times.capacity() * (std::mem::size_of::<TimeSpec>() + 8 + 9)
            + self.time_pairs.capacity() * std::mem::size_of::<[u32; 2]>()
            + self.pair_index.as_ref().map_or(0, IndexTable::heap_bytes);
        out.extend([
            ("claim records", records),
            ("claim texts", text),
            ("claim key index", keys),
            ("claim origins and times", origins + times),
            ("claim relays", self.relays.capacity() * std::mem::size_of::<Relay>()),
            ("claim quantities", self.quantities.capacity() * std::mem::size_of::<u32>()),
        ]);
    }

    /// The store's parts kept in a snapshot's metadata block: the origins and the times.
    pub(crate) fn meta(&self) -> ClaimMeta<'_> {
        ClaimMeta { origins: &self.base.origins, times: &self.times }
    }

    /// Appends the bytes of the snapshot block `BLOCKS[i]`.
    pub(crate) fn write_block(&self, i: usize, out: &mut Vec<u8>) {
        match i {
            0 => write_rows(&self.base.records, out),
            1 => out.extend_from_slice(self.base.text.as_bytes()),
            2 => write_rows(&self.quantities, out),
            3 => write_rows(&self.relays, out),
            _ => write_rows(&self.time_pairs, out),
        }
    }

    /// Rebuilds a store from a snapshot's blocks (`BLOCKS`, in order) and metadata; `Err` says
    /// what is wrong and where. See [`from_parts`](Self::from_parts) for what is checked.
    pub(crate) fn from_blocks(
        blocks: [&[u8]; 5],
        meta: ClaimMetaOwned,
        files: usize,
    ) -> Result<ClaimStore, BlockProblem> {
        let [records, text, quantities, relays, time_pairs] = blocks;
        // The records are decoded beside the other blocks (on another thread when they are
        // many); a problem in the records is reported before one in the others.
        let others = || -> Result<_, BlockProblem> {
            Ok((
                read_text(BLOCKS[1], text)?,
                read_rows::<4, u32>(BLOCKS[2], quantities)?,
                read_rows::<9, Relay>(BLOCKS[3], relays)?,
                read_rows::<8, [u32; 2]>(BLOCKS[4], time_pairs)?,
            ))
        };
        let (records, others) = if records.len() < PARALLEL_CHECK_FROM * RECORD_BYTES {
            (read_rows::<RECORD_BYTES, Record>(BLOCKS[0], records), others())
        } else {
            std::thread::scope(|s| {
                let others = s.spawn(others);
                let records = read_rows::<RECORD_BYTES, Record>(BLOCKS[0], records);
                (records, others.join().expect("a block-decoding thread panicked"))
            })
        };
        let (records, (text, quantities, relays, time_pairs)) = (records?, others?);
        let parts =
            ClaimParts { records, origins: meta.origins, text, times: meta.times, quantities, relays, time_pairs };
        Self::from_parts(parts, files, RECORD_BYTES)
    }

    /// Rebuilds a store from the parts of a snapshot of format version 4, whose records held a
    /// quantity's numbers and unit themselves.
    pub(crate) fn from_v4(parts: StoreOwnedV4, files: usize) -> Result<ClaimStore, BlockProblem> {
        let StoreOwnedV4 { records: old, origins, text, times, relays } = parts;
        let mut records = Vec::with_capacity(old.len());
        let mut quantities = Vec::new();
        let mut time_pairs = Vec::new();
        let mut pair_index: super::hash::IdMap<[u32; 2], u32> = super::hash::IdMap::default();
        for (i, r) in old.into_iter().enumerate() {
            let bad = |message: &str| BlockProblem::row(BLOCKS[0], "claim", i, 0, message.to_owned());
            if r.text_at >= TEXT_LIMIT {
                return Err(bad("text out of range"));
            }
            let pair = [r.about, r.said];
            let times = if pair == [NONE, NONE] {
                NONE
            } else {
                let next = u32::try_from(time_pairs.len()).map_err(|_| bad("too many time pairs"))?;
                *pair_index.entry(pair).or_insert_with(|| {
                    time_pairs.push(pair);
                    next
                })
            };
            let kind = r.kind & OBJECT_BITS;
            // A range (see `amount_parts`) used both numbers, the other amounts the first, and
            // every other object none.
            let numbers_used = match kind {
                k if (QUANTITY..QUANTITY + AMOUNTS).contains(&k) => (quantity_words(k) - 1) / 2,
                _ => 0,
            };
            if r.numbers[numbers_used..].iter().any(|&n| n != 0) {
                return Err(bad("stray object numbers"));
            }
            let word = if numbers_used > 0 {
                let at = u32::try_from(quantities.len()).map_err(|_| bad("too many quantities"))?;
                let numbers = r.numbers.map(f64::from_bits);
                push_quantity(&mut quantities, UnitId(r.word), &numbers[..numbers_used]);
                at
            } else {
                r.word
            };
            let mut record = Record {
                text_lo: 0,
                key_len: r.key_len,
                quote_len: r.quote_len,
                note_len: r.note_len,
                subject: r.subject,
                predicate: r.predicate,
                qualifier: r.qualifier,
                said_by: r.said_by,
                source: r.source,
                said_in: r.said_in,
                times,
                relays_at: r.relays_at,
                word,
                text_hi: 0,
                relays_len: r.relays_len,
                kind: r.kind,
                flags: r.flags,
            };
            record.set_text_at(r.text_at as usize);
            records.push(record);
        }
        Self::from_parts(ClaimParts { records, origins, text, times, quantities, relays, time_pairs }, files, 0)
    }

    /// Rebuilds a store from a snapshot's parts (records of `row` bytes in the file, 0 if their
    /// size varies); `Err` names what is inconsistent. Every text range, time, quantity and relay
    /// index is checked, so that no accessor can fail afterwards. The keys are not indexed yet:
    /// give the store [`key_index`](Self::key_index) (which checks them for duplicates, and can
    /// run beside other work) with [`set_key_index`](Self::set_key_index).
    pub(crate) fn from_parts(parts: ClaimParts, files: usize, row: usize) -> Result<ClaimStore, BlockProblem> {
        let ClaimParts { mut records, origins, text, times, mut quantities, mut relays, mut time_pairs } = parts;
        // Vectors decoded element by element grow by doubling: give the spare room back.
        records.shrink_to_fit();
        quantities.shrink_to_fit();
        relays.shrink_to_fit();
        time_pairs.shrink_to_fit();
        if let Some(problem) = origins.problem(records.len(), files) {
            return Err(BlockProblem::whole(META, format!("claim origins: {problem}")));
        }
        let count = times.len();
        let times: TimeSet = times.into_iter().collect();
        if times.len() != count {
            return Err(BlockProblem::whole(META, "claim times: a time listed twice"));
        }
        for (i, pair) in time_pairs.iter().enumerate() {
            if let Some(&t) = pair.iter().find(|&&t| t != NONE && t as usize >= times.len()) {
                let message = format!("time #{t} of {}", times.len());
                return Err(BlockProblem::row(BLOCKS[4], "pair", i, if row > 0 { 8 } else { 0 }, message));
            }
        }
        // The records are checked in two halves, side by side; the first problem (in record
        // order) is the one reported.
        let check = |from: usize, records: &[Record]| {
            let arrays = Arrays {
                text: &text,
                times: &times,
                time_pairs: &time_pairs,
                quantities: &quantities,
                relays: &relays,
            };
            check_records(from, records, row, &arrays)
        };
        let (live, used) = if records.len() < PARALLEL_CHECK_FROM {
            check(0, &records)?
        } else {
            let (first, second) = records.split_at(records.len() / 2);
            let (a, b) = std::thread::scope(|s| {
                let b = s.spawn(|| check(first.len(), second));
                (check(0, first), b.join().expect("a record-checking thread panicked"))
            });
            let ((live_a, used_a), (live_b, used_b)) = (a?, b?);
            (live_a + live_b, used_a + used_b)
        };
        u32::try_from(records.len()).map_err(|_| BlockProblem::whole(BLOCKS[0], "too many claims"))?;
        let garbage = (text.len() + relays.len() + quantities.len()).saturating_sub(used);
        let base = RecordStore::from_checked(records, origins, text, live, garbage);
        Ok(ClaimStore { base, times, relays, quantities, time_pairs, pair_index: None })
    }

    /// The key index of the live claims; `Err` names a key held by two claims, where the
    /// second one is.
    pub(crate) fn key_index(&self) -> Result<KeyIndex, BlockProblem> {
        self.base.key_index().map_err(|(i, e)| BlockProblem::row(BLOCKS[0], "claim", i, RECORD_BYTES, e))
    }

    /// Installs the key index [`key_index`](Self::key_index) built.
    pub(crate) fn set_key_index(&mut self, keys: KeyIndex) {
        self.base.keys = keys;
    }
}

/// Ways to corrupt a stored record, for the tests of snapshot loading: each gives a record that
/// no edit can make.
#[cfg(test)]
#[derive(Clone, Copy, Debug)]
pub(crate) enum Corruption {
    UnknownKind,
    UnknownFlags,
    ObjectTextBeyondArena,
    TimeOutOfRange,
    NanAmount,
}

#[cfg(test)]
impl ClaimStore {
    pub(crate) fn corrupt(&mut self, index: usize, how: Corruption) {
        let times = self.times.len() as u32;
        let r = &mut self.base.records[index];
        let live = (State::Live as u8) << STATE_SHIFT;
        match how {
            Corruption::UnknownKind => r.kind = live | (QUANTITY + AMOUNTS),
            Corruption::UnknownFlags => r.flags |= 0b111 << 1,
            Corruption::ObjectTextBeyondArena => (r.kind, r.word) = (live | TEXT, u32::MAX - 1),
            Corruption::TimeOutOfRange => (r.kind, r.word) = (live | DATE, times),
            Corruption::NanAmount => {
                (r.kind, r.word) = (live | QUANTITY, self.quantities.len() as u32);
                push_quantity(&mut self.quantities, UnitId(0), &[f64::NAN]);
            }
        }
    }
}

/// The record count from which a snapshot's claim records are checked on two threads.
const PARALLEL_CHECK_FROM: usize = 100_000;

/// What a store's records refer to: its text arena, times and side arrays.
struct Arrays<'a> {
    text: &'a str,
    times: &'a TimeSet,
    time_pairs: &'a [[u32; 2]],
    quantities: &'a [u32],
    relays: &'a [Relay],
}

/// Checks `records` (the store's records from index `from`, `row` bytes each in the file)
/// against the arrays they refer to: what [`ClaimStore::from_parts`] checks of each record.
/// Returns the number of live records and the text and side entries they use.
fn check_records(
    from: usize,
    records: &[Record],
    row: usize,
    arrays: &Arrays<'_>,
) -> Result<(usize, usize), BlockProblem> {
    let Arrays { text, times, time_pairs, quantities, relays } = *arrays;
    let bad = |i: usize, message: String| BlockProblem::row(BLOCKS[0], "claim", from + i, row, message);
    let mut live = 0;
    let mut used = 0;
    for (i, r) in records.iter().enumerate() {
        if let Some(problem) = r.encoding_problem() {
            return Err(bad(i, problem));
        }
        match r.state() {
            State::Removed => continue,
            State::Reserved => return Err(bad(i, "reserved but empty".to_owned())),
            State::Live => live += 1,
        }
        // The key, quote, note and object text follow each other; each must end on a
        // character boundary within the arena.
        let lens = [Some(r.key_len), Some(r.quote_len), opt(r.note_len)].into_iter().flatten();
        let end = usize::try_from(r.text_offset())
            .ok()
            .and_then(|at| text_run_end(text, at, lens.map(|len| len as usize)))
            .ok_or_else(|| bad(i, "text out of range".to_owned()))?;
        text_run_end(text, end, r.object_text_len().map(|len| len as usize))
            .ok_or_else(|| bad(i, "object text out of range".to_owned()))?;
        // A date object's index must name a time: unlike the time pair, it has no "none".
        if r.object_kind() == DATE && r.word as usize >= times.len() {
            return Err(bad(i, format!("time #{} of {}", r.word, times.len())));
        }
        if r.times != NONE && r.times as usize >= time_pairs.len() {
            return Err(bad(i, format!("time pair #{} of {}", r.times, time_pairs.len())));
        }
        if let Some((at, n)) = r.quantity_at()
            && at.checked_add(n).is_none_or(|end| end > quantities.len())
        {
            let end = at as u64 + n as u64;
            return Err(bad(i, format!("quantity words {at}..{end} beyond the {} of the store", quantities.len())));
        }
        if r.relays_at as usize + r.relays_len as usize > relays.len() {
            return Err(bad(i, "relays out of range".to_owned()));
        }
        used += r.text_len() + r.entries();
    }
    Ok((live, used))
}

/// The names of the snapshot blocks of a [`ClaimStore`], in the order they are written.
pub(crate) const BLOCKS: [&str; 5] =
    ["claims.records", "claims.text", "claims.quantities", "claims.relays", "claims.time_pairs"];

/// The name of the snapshot's metadata block (origins and times are kept there).
const META: &str = "meta";

/// The bytes of a [`Record`] in a snapshot.
pub(crate) const RECORD_BYTES: usize = 58;

impl Row<RECORD_BYTES> for Record {
    const NOUN: &'static str = "claim";

    fn write(&self, out: &mut Vec<u8>) {
        for x in [
            self.text_lo,
            self.key_len,
            self.quote_len,
            self.note_len,
            self.subject.0,
            self.predicate.0,
            self.qualifier,
            self.said_by.0,
            self.source.0,
            self.said_in,
            self.times,
            self.relays_at,
            self.word,
        ] {
            put_u32(out, x);
        }
        put_u16(out, self.text_hi);
        put_u16(out, self.relays_len);
        put_u8(out, self.kind);
        put_u8(out, self.flags);
    }

    #[inline]
    fn read(row: &[u8; RECORD_BYTES]) -> Result<Record, String> {
        let mut f = Fields::new(row);
        Ok(Record {
            text_lo: f.u32(),
            key_len: f.u32(),
            quote_len: f.u32(),
            note_len: f.u32(),
            subject: ActorId(f.u32()),
            predicate: PredicateId(f.u32()),
            qualifier: f.u32(),
            said_by: ActorId(f.u32()),
            source: SourceId(f.u32()),
            said_in: f.u32(),
            times: f.u32(),
            relays_at: f.u32(),
            word: f.u32(),
            text_hi: f.u16(),
            relays_len: f.u16(),
            kind: f.u8(),
            flags: f.u8(),
        })
    }
}

impl Row<9> for Relay {
    const NOUN: &'static str = "relay";

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.by.map_or(NONE, |a| a.0));
        put_u32(out, self.source.map_or(NONE, |s| s.0));
        put_u8(out, self.mode as u8);
    }

    fn read(row: &[u8; 9]) -> Result<Relay, String> {
        let mut f = Fields::new(row);
        let (by, source, mode) = (f.u32(), f.u32(), f.u8());
        let mode = *MODES.get(usize::from(mode)).ok_or_else(|| format!("unknown mode {mode}"))?;
        Ok(Relay { by: opt(by).map(ActorId), source: opt(source).map(SourceId), mode })
    }
}

/// A [`ClaimStore`]'s parts kept in a snapshot's metadata block, as it writes them.
#[derive(Serialize)]
pub(crate) struct ClaimMeta<'a> {
    origins: &'a Origins,
    times: &'a TimeSet,
}

/// A [`ClaimStore`]'s parts kept in a snapshot's metadata block, as it reads them.
#[derive(Deserialize)]
pub(crate) struct ClaimMetaOwned {
    origins: Origins,
    times: Vec<TimeSpec>,
}

/// A [`ClaimStore`]'s arrays, decoded from a snapshot and not yet checked.
pub(crate) struct ClaimParts {
    records: Vec<Record>,
    origins: Origins,
    text: String,
    times: Vec<TimeSpec>,
    quantities: Vec<u32>,
    relays: Vec<Relay>,
    time_pairs: Vec<[u32; 2]>,
}

/// A claim record as a snapshot of format version 4 holds it: a quantity's numbers in the
/// record, its unit in `word`.
#[derive(Deserialize)]
struct RecordV4 {
    text_at: u64,
    numbers: [u64; 2],
    key_len: u32,
    quote_len: u32,
    note_len: u32,
    subject: ActorId,
    predicate: PredicateId,
    qualifier: u32,
    said_by: ActorId,
    source: SourceId,
    said_in: u32,
    about: u32,
    said: u32,
    relays_at: u32,
    word: u32,
    relays_len: u16,
    kind: u8,
    flags: u8,
}

/// A [`ClaimStore`]'s parts as a snapshot of format version 4 holds them.
#[derive(Deserialize)]
pub(crate) struct StoreOwnedV4 {
    records: Vec<RecordV4>,
    origins: Origins,
    text: String,
    times: Vec<TimeSpec>,
    relays: Vec<Relay>,
}

/// A claim in a graph: a copyable handle with one accessor per field of [`Claim`], from
/// [`ClaimGraph::claim`](crate::ClaimGraph::claim) and
/// [`ClaimGraph::claims`](crate::ClaimGraph::claims).
///
/// Texts and relays are borrowed from the graph; the object is decoded on each call to
/// [`object`](Self::object) (or borrowed, for a text, by [`object_text`](Self::object_text));
/// [`to_claim`](Self::to_claim) gives an owned [`Claim`] to edit and add again.
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let claim = graph.claim(graph.claim_id("c000_arrivals_100000").unwrap()).unwrap();
/// assert_eq!(graph.actor(claim.subject()).unwrap().key(), "kazakhstan");
/// assert!(claim.quote().contains("100,000"));
/// let mut copy = claim.to_claim();
/// assert_eq!(copy.key, claim.key());
/// copy.key = "c000_arrivals_copy".into();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct ClaimRef<'g> {
    store: &'g ClaimStore,
    record: &'g Record,
    id: ClaimId,
}

impl<'g> ClaimRef<'g> {
    /// The claim's id.
    #[inline]
    pub fn id(&self) -> ClaimId {
        self.id
    }
    /// The id used in data files.
    pub fn key(&self) -> &'g str {
        self.record.key(&self.store.base.text)
    }
    /// What the claim is about.
    #[inline]
    pub fn subject(&self) -> ActorId {
        self.record.subject
    }
    /// The predicate.
    #[inline]
    pub fn predicate(&self) -> PredicateId {
        self.record.predicate
    }
    /// The second actor of the proposition, if any.
    #[inline]
    pub fn qualifier(&self) -> Option<ActorId> {
        opt(self.record.qualifier).map(ActorId)
    }
    /// The subject, predicate and qualifier: the claim's proposition group.
    #[inline]
    pub fn proposition_key(&self) -> PropositionKey {
        (self.subject(), self.predicate(), self.qualifier())
    }
    /// The object, in owned form: cheap for every kind of value but a text, which this copies
    /// into a new `String` (read it with [`object_text`](Self::object_text) to borrow it instead).
    ///
    /// ```
    /// use claimgraph::{Amount, Value};
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let claim = graph.claim(graph.claim_id("c000_arrivals_100000").unwrap()).unwrap();
    /// let Value::Quantity(q) = claim.object() else { panic!("a number of arrivals") };
    /// assert_eq!(q.amount, Amount::Around(100_000.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn object(&self) -> Value {
        self.object_ref().to_value()
    }
    /// The object's text, borrowed from the graph, when the object is a [`Value::Text`].
    #[inline]
    pub fn object_text(&self) -> Option<&'g str> {
        match self.object_ref() {
            ObjectRef::Text(t) => Some(t),
            _ => None,
        }
    }
    /// The object without allocating: its text borrowed from the graph.
    #[inline]
    pub(crate) fn object_ref(&self) -> ObjectRef<'g> {
        let r = self.record;
        match r.object_kind() {
            ACTOR => ObjectRef::Actor(ActorId(r.word)),
            BOOL => ObjectRef::Bool(r.word != 0),
            TEXT => {
                let at = r.object_text_at();
                ObjectRef::Text(&self.store.base.text[at..at + r.word as usize])
            }
            DATE => ObjectRef::Date(self.store.times[r.word as usize]),
            CLAIM => ObjectRef::Claim(ClaimId(r.word)),
            kind => {
                let words = &self.store.quantities[r.word as usize..];
                let number = |i: usize| f64::from_bits(u64::from(words[1 + 2 * i]) | u64::from(words[2 + 2 * i]) << 32);
                let second = if quantity_words(kind) == 5 { number(1) } else { 0.0 };
                ObjectRef::Quantity(Quantity {
                    amount: amount_of(kind - QUANTITY, [number(0), second]),
                    unit: UnitId(words[0]),
                })
            }
        }
    }
    /// Affirmed or denied.
    #[inline]
    pub fn polarity(&self) -> Polarity {
        if self.record.flags & 1 == 0 { Polarity::Affirmed } else { Polarity::Denied }
    }
    /// The speaker's own stance, or carriage without endorsement.
    #[inline]
    pub fn stance(&self) -> Stance {
        if self.record.flags >> 7 == 0 { Stance::Own } else { Stance::Carried }
    }
    /// Asserted, reported, hedged, predicted, opinion or question.
    #[inline]
    pub fn modality(&self) -> Modality {
        MODALITIES.get(modality_code(self.record.flags)).copied().unwrap_or_default()
    }
    /// The object, when it is an actor (without decoding any other kind of object).
    #[inline]
    pub(crate) fn object_actor(&self) -> Option<ActorId> {
        (self.record.object_kind() == ACTOR).then_some(ActorId(self.record.word))
    }
    /// The index of the time the proposition is about, in the store's times.
    #[inline]
    pub(crate) fn about_at(&self) -> Option<u32> {
        self.time_pair()[0]
    }
    /// The indices of the times the proposition is about and it was said, in the store's times.
    #[inline]
    fn time_pair(&self) -> [Option<u32>; 2] {
        let pair = self.store.time_pairs.get(self.record.times as usize).copied().unwrap_or([NONE; 2]);
        pair.map(opt)
    }
    /// The index of the object's time in the store's times, when the object is a date.
    #[inline]
    pub(crate) fn date_at(&self) -> Option<u32> {
        (self.record.object_kind() == DATE).then_some(self.record.word)
    }
    /// The store's time at index `t`.
    pub(crate) fn time_at(&self, t: u32) -> Option<&'g TimeSpec> {
        self.store.times.get_index(t as usize)
    }
    /// The time the proposition is about.
    pub fn about(&self) -> Option<TimeSpec> {
        self.about_at().and_then(|t| self.store.times.get_index(t as usize)).copied()
    }
    /// When it was said, if the text says.
    pub fn said(&self) -> Option<TimeSpec> {
        self.time_pair()[1].and_then(|t| self.store.times.get_index(t as usize)).copied()
    }
    /// The original speaker.
    #[inline]
    pub fn said_by(&self) -> ActorId {
        self.record.said_by
    }
    /// How the reporting source carries the speaker's words.
    #[inline]
    pub fn mode(&self) -> Mode {
        MODES.get(mode_code(self.record.flags)).copied().unwrap_or_default()
    }
    /// Whether the claim came through intermediaries ([`ClaimRef::relayed_by`] is not empty),
    /// read from the record alone.
    #[inline]
    pub(crate) fn is_relayed(&self) -> bool {
        self.record.relays_len != 0
    }
    /// Intermediaries between the reporting source and the speaker, nearest the source first.
    pub fn relayed_by(&self) -> &'g [Relay] {
        let at = self.record.relays_at as usize;
        &self.store.relays[at..at + self.record.relays_len as usize]
    }
    /// The source in which the speaker originally said it, if known.
    #[inline]
    pub fn said_in(&self) -> Option<SourceId> {
        opt(self.record.said_in).map(SourceId)
    }
    /// The source the claim was read in.
    #[inline]
    pub fn source(&self) -> SourceId {
        self.record.source
    }
    /// The verbatim words of the source that carry the claim; empty when the claim has none
    /// ([`ClaimRef::unquoted`] then says why).
    pub fn quote(&self) -> &'g str {
        if self.record.kind & UNQUOTED != 0 { "" } else { self.quote_slot() }
    }
    /// Why the claim has no verbatim quote ("from a table"), if it has none.
    pub fn unquoted(&self) -> Option<&'g str> {
        (self.record.kind & UNQUOTED != 0).then(|| self.quote_slot())
    }
    /// The quote, or the reason there is none.
    fn quote_slot(&self) -> &'g str {
        let at = self.record.text_at() + self.record.key_len as usize;
        &self.store.base.text[at..at + self.record.quote_len as usize]
    }
    /// The free-text note, if any.
    pub fn note(&self) -> Option<&'g str> {
        let len = opt(self.record.note_len)? as usize;
        let at = self.record.text_at() + self.record.key_len as usize + self.record.quote_len as usize;
        Some(&self.store.base.text[at..at + len])
    }
    /// The claim in owned form, equal to the one that was added.
    pub fn to_claim(&self) -> Claim {
        Claim {
            key: self.key().to_owned(),
            subject: self.subject(),
            predicate: self.predicate(),
            qualifier: self.qualifier(),
            object: self.object(),
            polarity: self.polarity(),
            stance: self.stance(),
            modality: self.modality(),
            about: self.about(),
            said: self.said(),
            said_by: self.said_by(),
            mode: self.mode(),
            relayed_by: self.relayed_by().to_vec(),
            said_in: self.said_in(),
            source: self.source(),
            quote: self.quote().to_owned(),
            unquoted: self.unquoted().map(str::to_owned),
            note: self.note().map(str::to_owned),
        }
    }
}

impl fmt::Debug for ClaimRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClaimRef")
            .field("id", &self.id)
            .field("key", &self.key())
            .field("subject", &self.subject())
            .field("predicate", &self.predicate())
            .field("qualifier", &self.qualifier())
            .field("object", &self.object_ref())
            .field("polarity", &self.polarity())
            .field("stance", &self.stance())
            .field("modality", &self.modality())
            .field("about", &self.about())
            .field("said", &self.said())
            .field("said_by", &self.said_by())
            .field("mode", &self.mode())
            .field("relayed_by", &self.relayed_by())
            .field("said_in", &self.said_in())
            .field("source", &self.source())
            .field("quote", &self.quote())
            .field("unquoted", &self.unquoted())
            .field("note", &self.note())
            .finish()
    }
}

impl PartialEq<Claim> for ClaimRef<'_> {
    fn eq(&self, other: &Claim) -> bool {
        self.to_claim() == *other
    }
}

/// The fields of a claim that validation reads, borrowed from a [`Claim`] or a [`ClaimRef`].
pub(crate) struct ClaimFields<'a> {
    pub(crate) key: &'a str,
    pub(crate) subject: ActorId,
    pub(crate) predicate: PredicateId,
    pub(crate) qualifier: Option<ActorId>,
    pub(crate) object: ObjectRef<'a>,
    pub(crate) said_by: ActorId,
    pub(crate) source: SourceId,
    pub(crate) said_in: Option<SourceId>,
    pub(crate) relayed_by: &'a [Relay],
    pub(crate) quote: &'a str,
    pub(crate) unquoted: Option<&'a str>,
    pub(crate) note: Option<&'a str>,
}

impl<'a> From<&'a Claim> for ClaimFields<'a> {
    fn from(c: &'a Claim) -> Self {
        ClaimFields {
            key: &c.key,
            subject: c.subject,
            predicate: c.predicate,
            qualifier: c.qualifier,
            object: ObjectRef::from(&c.object),
            said_by: c.said_by,
            source: c.source,
            said_in: c.said_in,
            relayed_by: &c.relayed_by,
            quote: &c.quote,
            unquoted: c.unquoted.as_deref(),
            note: c.note.as_deref(),
        }
    }
}

impl<'a> From<ClaimRef<'a>> for ClaimFields<'a> {
    fn from(c: ClaimRef<'a>) -> Self {
        ClaimFields {
            key: c.key(),
            subject: c.subject(),
            predicate: c.predicate(),
            qualifier: c.qualifier(),
            object: c.object_ref(),
            said_by: c.said_by(),
            source: c.source(),
            said_in: c.said_in(),
            relayed_by: c.relayed_by(),
            quote: c.quote(),
            unquoted: c.unquoted(),
            note: c.note(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(key: &str, note: Option<&str>) -> Claim {
        Claim {
            key: key.into(),
            subject: ActorId(1),
            predicate: PredicateId(2),
            qualifier: Some(ActorId(3)),
            object: Value::Text("ü".into()),
            polarity: Polarity::Denied,
            // Every other claim is carried, and one is unquoted: both read back.
            stance: if key.len().is_multiple_of(2) { Stance::Carried } else { Stance::Own },
            modality: Modality::Hedged,
            about: Some("2022-11~".parse().unwrap()),
            said: Some("2023".parse().unwrap()),
            said_by: ActorId(4),
            mode: Mode::DirectQuote,
            relayed_by: vec![Relay { by: Some(ActorId(5)), source: None, mode: Mode::Paraphrase }],
            said_in: Some(SourceId(6)),
            source: SourceId(7),
            quote: if key == "c" { String::new() } else { format!("quote of {key} — «verbatim»") },
            unquoted: (key == "c").then(|| "from a table".to_owned()),
            note: note.map(str::to_owned),
        }
    }

    #[test]
    fn a_stored_claim_reads_back_equal_after_edits_and_compaction() {
        let mut store = ClaimStore::default();
        // A load reserves every key first, then fills: keys move beside their quotes.
        let keys = ["a", "bé", "c", "d"];
        for k in keys {
            store.reserve(k, Some(0)).unwrap();
        }
        assert_eq!(store.reserve("c", None), Err(2));
        for (i, k) in keys.iter().enumerate() {
            store.fill(i, claim(k, (i % 2 == 0).then_some("a note")));
        }
        let e = store.reserve("e", None).unwrap();
        store.fill(e, claim("e", None));
        assert_eq!(store.remove(1).unwrap(), claim("bé", None));
        assert!(store.get(1).is_none() && !store.is_issued(1) && store.index_of("bé").is_none());
        store.compact(true);
        let back: Vec<Claim> = store.iter().map(|c| c.to_claim()).collect();
        let expected: Vec<Claim> = [(0, "a"), (2, "c"), (3, "d"), (4, "e")]
            .map(|(i, k)| claim(k, (i % 2 == 0 && i < 4).then_some("a note")))
            .into();
        assert_eq!(back, expected);
        assert_eq!(store.index_of("d"), Some(3));
        assert_eq!(store.len(), 4);
        assert_eq!(store.get(2).unwrap().proposition_key(), (ActorId(1), PredicateId(2), Some(ActorId(3))));
    }

    fn parts_of(store: &ClaimStore) -> ClaimParts {
        ClaimParts {
            records: store.base.records.clone(),
            origins: store.base.origins.clone(),
            text: store.base.text.clone(),
            times: store.times.iter().copied().collect(),
            quantities: store.quantities.clone(),
            relays: store.relays.clone(),
            time_pairs: store.time_pairs.clone(),
        }
    }

    /// The store of `parts` with `files` data files, or the message of its problem.
    fn from_parts(parts: ClaimParts, files: usize) -> Result<ClaimStore, String> {
        ClaimStore::from_parts(parts, files, RECORD_BYTES).map_err(|p| p.message)
    }

    /// The store through its snapshot blocks.
    fn through_blocks(store: &ClaimStore) -> Result<ClaimStore, BlockProblem> {
        let blocks: Vec<Vec<u8>> = (0..5)
            .map(|i| {
                let mut out = Vec::new();
                store.write_block(i, &mut out);
                out
            })
            .collect();
        let meta = ClaimMetaOwned { origins: store.base.origins.clone(), times: store.times.iter().copied().collect() };
        ClaimStore::from_blocks([&blocks[0], &blocks[1], &blocks[2], &blocks[3], &blocks[4]], meta, 1)
    }

    #[test]
    fn inconsistent_parts_are_errors() {
        let mut store = ClaimStore::default();
        for (i, k) in ["a", "b"].into_iter().enumerate() {
            store.reserve(k, Some(0)).unwrap();
            store.fill(i, claim(k, None));
        }
        let back = from_parts(parts_of(&store), 1).unwrap();
        assert_eq!(back.key_index().map(|k| k.find("b", back.base.key_of())), Ok(Some(1)));
        let mut twice = parts_of(&store);
        twice.records.push(twice.records[0].clone());
        let twice = from_parts(twice, 1).unwrap();
        assert_eq!(
            twice.key_index().map(|_| ()).map_err(|p| p.to_string()),
            Err("claims: claim 2: duplicate id \"a\"".to_owned())
        );
        let mut times = parts_of(&store);
        times.times.push(times.times[0]);
        assert!(from_parts(times, 1).unwrap_err().contains("time listed twice"));
        let mut text = parts_of(&store);
        text.text.truncate(3);
        let refused = ClaimStore::from_parts(text, 1, RECORD_BYTES).map(|_| ()).unwrap_err();
        assert_eq!((refused.block, refused.at), ("claims.records", super::super::rows::At::Row("claim", 0, 58)));
        assert_eq!(refused.message, "text out of range");
        // Both claims were said at one pair of times (about, said), of the two times.
        assert_eq!((store.time_pairs.len(), store.times.len()), (1, 2));
        let mut pair = parts_of(&store);
        pair.time_pairs[0][1] = 2;
        let refused = ClaimStore::from_parts(pair, 1, RECORD_BYTES).map(|_| ()).unwrap_err();
        assert_eq!(refused.located(100), "claims.time_pairs, pair 0 (byte 100 of the file): time #2 of 2");
        let mut pairs = parts_of(&store);
        pairs.time_pairs.clear();
        assert!(from_parts(pairs, 1).unwrap_err().contains("time pair #0 of 0"));
        let mut relays = parts_of(&store);
        relays.relays.clear();
        assert!(from_parts(relays, 1).unwrap_err().contains("relays out of range"));
        assert!(from_parts(parts_of(&store), 0).unwrap_err().contains("origin file"));
    }

    #[test]
    fn flags_and_amounts_decode_to_what_was_encoded() {
        for (i, m) in MODALITIES.into_iter().enumerate() {
            assert_eq!(m as usize, i);
        }
        for (i, m) in MODES.into_iter().enumerate() {
            assert_eq!(m as usize, i);
        }
        let mut store = ClaimStore::default();
        let mut n = 0;
        for polarity in [Polarity::Affirmed, Polarity::Denied] {
            for modality in MODALITIES {
                for mode in MODES {
                    let mut c = claim(&format!("k{n}"), None);
                    (c.polarity, c.modality, c.mode) = (polarity, modality, mode);
                    store.reserve(&c.key, None).unwrap();
                    store.fill(n, c);
                    let r = store.get(n).unwrap();
                    assert!(flags_valid(r.record.flags));
                    assert_eq!((r.polarity(), r.modality(), r.mode()), (polarity, modality, mode));
                    n += 1;
                }
            }
        }
        let amounts = [
            Amount::Exact(1.5),
            Amount::Around(-2.0),
            Amount::Range(-0.0, 3.0),
            Amount::AtLeast(4.0),
            Amount::MoreThan(5.0),
            Amount::AtMost(6.0),
            Amount::LessThan(7.0),
        ];
        assert_eq!(amounts.len(), usize::from(AMOUNTS));
        for (i, amount) in amounts.into_iter().enumerate() {
            let (variant, numbers) = amount_parts(amount);
            assert_eq!(usize::from(variant), i);
            assert_eq!(amount_of(variant, numbers), amount);
        }
    }

    /// A store of one claim per kind of object, and its parts.
    fn store_of_every_kind() -> ClaimStore {
        let objects = [
            Value::Actor(ActorId(9)),
            Value::Bool(true),
            Value::Text("«ü»".into()),
            Value::Date("2021-03".parse().unwrap()),
            Value::Claim(ClaimId(0)),
            Value::Quantity(Quantity { amount: Amount::Range(1.0, 2.0), unit: UnitId(3) }),
            Value::Quantity(Quantity { amount: Amount::AtMost(2.0), unit: UnitId(3) }),
        ];
        let mut store = ClaimStore::default();
        for (i, object) in objects.into_iter().enumerate() {
            let mut c = claim(&format!("k{i}"), (i % 2 == 0).then_some("nöte"));
            c.object = object;
            store.reserve(&c.key, Some(0)).unwrap();
            store.fill(i, c);
        }
        store
    }

    #[test]
    fn objects_read_back_through_parts_and_compaction() {
        let mut store = store_of_every_kind();
        let before: Vec<Claim> = store.iter().map(|c| c.to_claim()).collect();
        let back = from_parts(parts_of(&store), 1).unwrap();
        assert_eq!(back.iter().map(|c| c.to_claim()).collect::<Vec<_>>(), before);
        let back = through_blocks(&store).unwrap();
        assert_eq!(back.iter().map(|c| c.to_claim()).collect::<Vec<_>>(), before);
        store.remove(0).unwrap();
        store.compact(true);
        assert_eq!(store.iter().map(|c| c.to_claim()).collect::<Vec<_>>(), before[1..]);
        // A removed quantity's words go with compaction; its record stays, and still loads.
        store.remove(5).unwrap();
        store.compact(true);
        assert_eq!(store.quantities.len(), 3);
        let back = through_blocks(&store).unwrap();
        let kept: Vec<Claim> = [1, 2, 3, 4, 6].iter().map(|&i| before[i].clone()).collect();
        assert_eq!(back.iter().map(|c| c.to_claim()).collect::<Vec<_>>(), kept);
        assert_eq!(store.get(2).unwrap().object_text(), Some("«ü»"));
    }

    #[test]
    fn bad_object_encodings_are_errors() {
        let store = store_of_every_kind();
        let refused = |index: usize, edit: &dyn Fn(&mut Record)| {
            let mut parts = parts_of(&store);
            edit(&mut parts.records[index]);
            from_parts(parts, 1).map(|_| ()).unwrap_err()
        };
        let live = (State::Live as u8) << STATE_SHIFT;
        assert!(refused(0, &|r| r.kind = live | (QUANTITY + AMOUNTS)).contains("unknown object kind"));
        assert!(refused(0, &|r| r.kind = live | OBJECT_BITS).contains("unknown object kind"));
        assert!(refused(0, &|r| r.kind |= 3 << STATE_SHIFT).contains("unknown state"));
        assert!(refused(0, &|r| r.flags |= 0b111 << 1).contains("unknown flags"));
        assert!(refused(0, &|r| r.flags |= 0b111 << 4).contains("unknown flags"));
        assert!(refused(1, &|r| r.word = 2).contains("truth value 2"));
        // The range (claim 5) takes words 0..5, `AtMost` (claim 6) words 5..8.
        assert_eq!(parts_of(&store).quantities.len(), 8);
        assert!(refused(6, &|r| r.word = 6).contains("quantity words 6..9 beyond the 8 of the store"));
        assert!(refused(5, &|r| r.word = 4).contains("quantity words 4..9 beyond the 8 of the store"));
        assert!(refused(6, &|r| r.word = u32::MAX).contains("beyond the 8 of the store"));
        // The text `«ü»` takes 6 bytes: 5 end inside `»`, and the arena ends before 1,000.
        assert!(refused(2, &|r| r.word -= 1).contains("object text out of range"));
        assert!(refused(2, &|r| r.word = 1000).contains("object text out of range"));
        // The last claim's object made a text of 3 bytes: the arena ends before them.
        let text_of_3 = |r: &mut Record| (r.kind, r.word) = (live | TEXT, 3);
        assert!(refused(6, &text_of_3).contains("object text out of range"));
        assert!(refused(3, &|r| r.word = 3).contains("time #3 of 3"));
        assert!(refused(3, &|r| r.word = NONE).contains(&format!("time #{NONE} of 3")));
        // A removed record's kind and flags are checked too.
        assert!(refused(0, &|r| r.kind = (State::Removed as u8) << STATE_SHIFT | 60).contains("unknown object kind"));
    }
}
