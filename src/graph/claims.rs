//! The claim store: claims kept compact, because a graph holds many more claims than anything
//! else.
//!
//! A [`Claim`] is the form users build and files hold. Stored, a claim becomes a [`Record`] of
//! 96 bytes: its ids and small values inline, its texts (key, quote, note) in one text arena
//! shared by every claim, its times interned (a corpus has far fewer distinct dates than
//! claims), its relays in one shared array. Reading goes through [`ClaimRef`], a copyable
//! handle with one accessor per field of [`Claim`]; [`ClaimRef::to_claim`] gives the owned form
//! back, equal to what was added.

use std::fmt;

use indexmap::IndexSet;
use serde::{Deserialize, Serialize};

use super::hash::IdHasher;
use super::keys::{KeyIndex, Origins};
use crate::model::{Claim, Modality, Mode, Polarity, Relay, Value};
use crate::{ActorId, ClaimId, PredicateId, PropositionKey, SourceId, TimeSpec};

/// "None" for the optional `u32` fields of a [`Record`].
const NONE: u32 = u32::MAX;

fn opt(x: u32) -> Option<u32> {
    (x != NONE).then_some(x)
}

/// Whether a record's id is reserved (during a load), holds a claim, or was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum State {
    Reserved,
    Live,
    Removed,
}

/// A stored claim. Texts are ranges of the store's text arena: the key at `text_at`, then the
/// quote, then the note; times and relays are indices into the store's tables.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Record {
    object: Value,
    text_at: u64,
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
    about: u32,
    said: u32,
    relays_at: u32,
    relays_len: u16,
    polarity: Polarity,
    modality: Modality,
    mode: Mode,
    state: State,
}

type TimeSet = IndexSet<TimeSpec, std::hash::BuildHasherDefault<IdHasher>>;

/// Every claim of a graph, by dense index, with their keys interned.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClaimStore {
    keys: KeyIndex,
    records: Vec<Record>,
    origins: Origins,
    /// The texts of every record, back to back.
    text: String,
    /// Every distinct time a claim gives, by index.
    times: TimeSet,
    /// The relays of every record, back to back.
    relays: Vec<Relay>,
    live: usize,
    /// Bytes of `text` and entries of `relays` no live record uses (left by edits).
    garbage: usize,
}

impl Record {
    fn reserved(text_at: usize, key_len: usize) -> Record {
        Record {
            object: Value::Bool(false),
            text_at: text_at as u64,
            key_len: key_len as u32,
            quote_len: 0,
            note_len: NONE,
            subject: ActorId(0),
            predicate: PredicateId(0),
            qualifier: NONE,
            said_by: ActorId(0),
            source: SourceId(0),
            said_in: NONE,
            about: NONE,
            said: NONE,
            relays_at: 0,
            relays_len: 0,
            polarity: Polarity::Affirmed,
            modality: Modality::Asserted,
            mode: Mode::Authorial,
            state: State::Reserved,
        }
    }

    fn key<'s>(&self, text: &'s str) -> &'s str {
        let at = self.text_at as usize;
        &text[at..at + self.key_len as usize]
    }

    fn text_len(&self) -> usize {
        self.key_len as usize + self.quote_len as usize + opt(self.note_len).map_or(0, |n| n as usize)
    }
}

fn text_len(n: usize) -> u32 {
    u32::try_from(n).expect("a claim text longer than 4 GiB")
}

impl ClaimStore {
    fn key_of<'a>(&'a self) -> impl Fn(u32) -> &'a str + 'a {
        |i| self.records[i as usize].key(&self.text)
    }

    /// Takes `key` and issues its index; `Err` with the holder's index if the key is taken.
    pub(crate) fn reserve(&mut self, key: &str, origin: Option<u32>) -> Result<usize, usize> {
        if let Some(holder) = self.keys.find(key, self.key_of()) {
            return Err(holder as usize);
        }
        let index = self.records.len();
        let at = u32::try_from(index).expect("more than u32::MAX claims");
        self.records.push(Record::reserved(self.text.len(), key.len()));
        self.text.push_str(key);
        let (keys, records, text) = (&mut self.keys, &self.records, &self.text);
        keys.insert(key, at, |i| records[i as usize].key(text));
        self.origins.push(index, origin);
        Ok(index)
    }

    /// Stores `claim` in the reserved slot `index` (whose key it must have).
    pub(crate) fn fill(&mut self, index: usize, claim: Claim) {
        let reserved = &self.records[index];
        debug_assert!(reserved.state == State::Reserved && reserved.key(&self.text) == claim.key);
        // The key stays where it was reserved if nothing followed it; else it is written again
        // beside the quote (a load reserves every key before it fills any claim).
        let text_at = if reserved.text_at as usize + reserved.key_len as usize == self.text.len() {
            reserved.text_at as usize
        } else {
            self.garbage += reserved.key_len as usize;
            let at = self.text.len();
            self.text.push_str(&claim.key);
            at
        };
        self.text.push_str(&claim.quote);
        if let Some(note) = &claim.note {
            self.text.push_str(note);
        }
        let relays_at = u32::try_from(self.relays.len()).expect("more than u32::MAX relays");
        let relays_len = u16::try_from(claim.relayed_by.len()).expect("a claim with more than 65,535 relays");
        self.relays.extend(claim.relayed_by);
        let mut time = |t: Option<TimeSpec>| {
            t.map_or(NONE, |t| u32::try_from(self.times.insert_full(t).0).expect("more than u32::MAX times"))
        };
        let (about, said) = (time(claim.about), time(claim.said));
        self.records[index] = Record {
            object: claim.object,
            text_at: text_at as u64,
            key_len: text_len(claim.key.len()),
            quote_len: text_len(claim.quote.len()),
            note_len: claim.note.as_ref().map_or(NONE, |n| text_len(n.len())),
            subject: claim.subject,
            predicate: claim.predicate,
            qualifier: claim.qualifier.map_or(NONE, |a| a.0),
            said_by: claim.said_by,
            source: claim.source,
            said_in: claim.said_in.map_or(NONE, |s| s.0),
            about,
            said,
            relays_at,
            relays_len,
            polarity: claim.polarity,
            modality: claim.modality,
            mode: claim.mode,
            state: State::Live,
        };
        self.live += 1;
    }

    /// Removes the claim at `index` and returns it.
    pub(crate) fn remove(&mut self, index: usize) -> Option<Claim> {
        let claim = self.get(index)?.to_claim();
        let (keys, records, text) = (&mut self.keys, &self.records, &self.text);
        keys.remove(&claim.key, |i| records[i as usize].key(text));
        let record = &mut self.records[index];
        self.garbage += record.text_len() + record.relays_len as usize;
        record.state = State::Removed;
        record.object = Value::Bool(false);
        self.live -= 1;
        Some(claim)
    }

    /// The index of a reserved or live key.
    pub(crate) fn index_of(&self, key: &str) -> Option<usize> {
        self.keys.find(key, self.key_of()).map(|i| i as usize)
    }

    /// Whether the index is reserved or live.
    pub(crate) fn is_issued(&self, index: usize) -> bool {
        self.records.get(index).is_some_and(|r| r.state != State::Removed)
    }

    /// The live claim at `index`.
    #[inline]
    pub(crate) fn get(&self, index: usize) -> Option<ClaimRef<'_>> {
        match self.records.get(index) {
            Some(record) if record.state == State::Live => {
                Some(ClaimRef { store: self, record, id: ClaimId::from_index(index) })
            }
            _ => None,
        }
    }

    pub(crate) fn origin(&self, index: usize) -> Option<u32> {
        self.origins.get(index)
    }

    /// Live claims in id order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = ClaimRef<'_>> + '_ {
        self.records.iter().enumerate().filter(|(_, r)| r.state == State::Live).map(|(i, record)| ClaimRef {
            store: self,
            record,
            id: ClaimId::from_index(i),
        })
    }

    /// Number of live claims.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Number of ids ever issued (the bound for per-id vectors).
    pub(crate) fn capacity(&self) -> usize {
        self.records.len()
    }

    /// Rewrites the text arena and the relays without what removed claims left behind, when
    /// that is more than half of them.
    pub(crate) fn compact(&mut self, always: bool) {
        if !(always || self.garbage * 2 > self.text.len() + self.relays.len()) || self.garbage == 0 {
            return;
        }
        let mut text = String::with_capacity(self.text.len() - self.garbage.min(self.text.len()));
        let mut relays = Vec::new();
        for record in &mut self.records {
            if record.state == State::Removed {
                continue;
            }
            let at = record.text_at as usize;
            let len = if record.state == State::Live { record.text_len() } else { record.key_len as usize };
            record.text_at = text.len() as u64;
            text.push_str(&self.text[at..at + len]);
            let r = record.relays_at as usize;
            record.relays_at = relays.len() as u32;
            relays.extend_from_slice(&self.relays[r..r + record.relays_len as usize]);
        }
        self.text = text;
        self.relays = relays;
        self.garbage = 0;
    }

    /// The store's parts, for a snapshot.
    pub(crate) fn parts(&self) -> StoreParts<'_> {
        StoreParts {
            records: &self.records,
            origins: &self.origins,
            text: &self.text,
            times: &self.times,
            relays: &self.relays,
        }
    }

    /// Rebuilds a store from a snapshot's parts; `Err` names what is inconsistent. Every text
    /// range, time and relay index is checked, so that no accessor can fail afterwards. The keys
    /// are not indexed yet: give the store [`key_index`](Self::key_index) (which checks them
    /// for duplicates, and can run beside other work) with [`set_key_index`](Self::set_key_index).
    pub(crate) fn from_parts(parts: StoreOwned, files: usize) -> Result<ClaimStore, String> {
        let StoreOwned { mut records, origins, text, times, mut relays } = parts;
        // Decoding grows the vectors by doubling: give the spare room back.
        records.shrink_to_fit();
        relays.shrink_to_fit();
        if let Some(problem) = origins.problem(records.len(), files) {
            return Err(problem);
        }
        let count = times.len();
        let times: TimeSet = times.into_iter().collect();
        if times.len() != count {
            return Err("a time listed twice".to_owned());
        }
        let mut live = 0;
        let mut used = 0;
        for (i, r) in records.iter().enumerate() {
            match r.state {
                State::Removed => continue,
                State::Reserved => return Err(format!("claim {i} is reserved but empty")),
                State::Live => live += 1,
            }
            let at = usize::try_from(r.text_at).map_err(|_| format!("claim {i}: text out of range"))?;
            let ends = [Some(r.key_len as usize), Some(r.quote_len as usize), opt(r.note_len).map(|n| n as usize)];
            let mut end = at;
            for len in ends.into_iter().flatten() {
                end = end.checked_add(len).ok_or_else(|| format!("claim {i}: text out of range"))?;
            }
            let bounds = [at, at + r.key_len as usize, at + r.key_len as usize + r.quote_len as usize, end];
            if end > text.len() || bounds.iter().any(|&b| !text.is_char_boundary(b)) {
                return Err(format!("claim {i}: text out of range"));
            }
            for t in [r.about, r.said] {
                if t != NONE && t as usize >= times.len() {
                    return Err(format!("claim {i}: time #{t} of {}", times.len()));
                }
            }
            if r.relays_at as usize + r.relays_len as usize > relays.len() {
                return Err(format!("claim {i}: relays out of range"));
            }
            used += r.text_len() + r.relays_len as usize;
        }
        u32::try_from(records.len()).map_err(|_| "too many claims".to_owned())?;
        let garbage = (text.len() + relays.len()).saturating_sub(used);
        Ok(ClaimStore { keys: KeyIndex::default(), records, origins, text, times, relays, live, garbage })
    }

    /// The key index of the live claims; `Err` names a key held by two claims.
    pub(crate) fn key_index(&self) -> Result<KeyIndex, String> {
        let mut keys = KeyIndex::with_capacity(self.live);
        for claim in self.iter() {
            let key = claim.key();
            if keys.try_insert(key, claim.id().0, self.key_of()).is_err() {
                return Err(format!("duplicate id {key:?}"));
            }
        }
        Ok(keys)
    }

    /// Installs the key index [`key_index`](Self::key_index) built.
    pub(crate) fn set_key_index(&mut self, keys: KeyIndex) {
        self.keys = keys;
    }
}

/// A [`ClaimStore`]'s parts as a snapshot writes them.
#[derive(Serialize)]
pub(crate) struct StoreParts<'a> {
    records: &'a [Record],
    origins: &'a Origins,
    text: &'a str,
    times: &'a TimeSet,
    relays: &'a [Relay],
}

/// A [`ClaimStore`]'s parts as a snapshot reads them.
#[derive(Deserialize)]
pub(crate) struct StoreOwned {
    records: Vec<Record>,
    origins: Origins,
    text: String,
    times: Vec<TimeSpec>,
    relays: Vec<Relay>,
}

/// A claim in a graph: a copyable handle with one accessor per field of [`Claim`], from
/// [`ClaimGraph::claim`](crate::ClaimGraph::claim) and
/// [`ClaimGraph::claims`](crate::ClaimGraph::claims).
///
/// Texts, relays and the object are borrowed from the graph; [`to_claim`](Self::to_claim)
/// gives an owned [`Claim`] to edit and add again.
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
        self.record.key(&self.store.text)
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
    /// The object.
    #[inline]
    pub fn object(&self) -> &'g Value {
        &self.record.object
    }
    /// Affirmed or denied.
    #[inline]
    pub fn polarity(&self) -> Polarity {
        self.record.polarity
    }
    /// Asserted, reported, hedged, predicted, opinion or question.
    #[inline]
    pub fn modality(&self) -> Modality {
        self.record.modality
    }
    /// The time the proposition is about.
    pub fn about(&self) -> Option<TimeSpec> {
        opt(self.record.about).and_then(|t| self.store.times.get_index(t as usize)).copied()
    }
    /// When it was said, if the text says.
    pub fn said(&self) -> Option<TimeSpec> {
        opt(self.record.said).and_then(|t| self.store.times.get_index(t as usize)).copied()
    }
    /// The original speaker.
    #[inline]
    pub fn said_by(&self) -> ActorId {
        self.record.said_by
    }
    /// How the reporting source carries the speaker's words.
    #[inline]
    pub fn mode(&self) -> Mode {
        self.record.mode
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
    /// The verbatim words of the source that carry the claim.
    pub fn quote(&self) -> &'g str {
        let at = self.record.text_at as usize + self.record.key_len as usize;
        &self.store.text[at..at + self.record.quote_len as usize]
    }
    /// The free-text note, if any.
    pub fn note(&self) -> Option<&'g str> {
        let len = opt(self.record.note_len)? as usize;
        let at = self.record.text_at as usize + self.record.key_len as usize + self.record.quote_len as usize;
        Some(&self.store.text[at..at + len])
    }
    /// The claim in owned form, equal to the one that was added.
    pub fn to_claim(&self) -> Claim {
        Claim {
            key: self.key().to_owned(),
            subject: self.subject(),
            predicate: self.predicate(),
            qualifier: self.qualifier(),
            object: self.object().clone(),
            polarity: self.polarity(),
            modality: self.modality(),
            about: self.about(),
            said: self.said(),
            said_by: self.said_by(),
            mode: self.mode(),
            relayed_by: self.relayed_by().to_vec(),
            said_in: self.said_in(),
            source: self.source(),
            quote: self.quote().to_owned(),
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
            .field("object", self.object())
            .field("polarity", &self.polarity())
            .field("modality", &self.modality())
            .field("about", &self.about())
            .field("said", &self.said())
            .field("said_by", &self.said_by())
            .field("mode", &self.mode())
            .field("relayed_by", &self.relayed_by())
            .field("said_in", &self.said_in())
            .field("source", &self.source())
            .field("quote", &self.quote())
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
    pub(crate) object: &'a Value,
    pub(crate) said_by: ActorId,
    pub(crate) source: SourceId,
    pub(crate) said_in: Option<SourceId>,
    pub(crate) relayed_by: &'a [Relay],
    pub(crate) quote: &'a str,
    pub(crate) note: Option<&'a str>,
}

impl<'a> From<&'a Claim> for ClaimFields<'a> {
    fn from(c: &'a Claim) -> Self {
        ClaimFields {
            key: &c.key,
            subject: c.subject,
            predicate: c.predicate,
            qualifier: c.qualifier,
            object: &c.object,
            said_by: c.said_by,
            source: c.source,
            said_in: c.said_in,
            relayed_by: &c.relayed_by,
            quote: &c.quote,
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
            object: c.object(),
            said_by: c.said_by(),
            source: c.source(),
            said_in: c.said_in(),
            relayed_by: c.relayed_by(),
            quote: c.quote(),
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
            modality: Modality::Hedged,
            about: Some("2022-11~".parse().unwrap()),
            said: Some("2023".parse().unwrap()),
            said_by: ActorId(4),
            mode: Mode::DirectQuote,
            relayed_by: vec![Relay { by: Some(ActorId(5)), source: None, mode: Mode::Paraphrase }],
            said_in: Some(SourceId(6)),
            source: SourceId(7),
            quote: format!("quote of {key} — «verbatim»"),
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

    fn parts_of(store: &ClaimStore) -> StoreOwned {
        StoreOwned {
            records: store.records.clone(),
            origins: store.origins.clone(),
            text: store.text.clone(),
            times: store.times.iter().copied().collect(),
            relays: store.relays.clone(),
        }
    }

    #[test]
    fn inconsistent_parts_are_errors() {
        let mut store = ClaimStore::default();
        for (i, k) in ["a", "b"].into_iter().enumerate() {
            store.reserve(k, Some(0)).unwrap();
            store.fill(i, claim(k, None));
        }
        let back = ClaimStore::from_parts(parts_of(&store), 1).unwrap();
        assert_eq!(back.key_index().map(|k| k.find("b", back.key_of())), Ok(Some(1)));
        let mut twice = parts_of(&store);
        twice.records.push(twice.records[0].clone());
        let twice = ClaimStore::from_parts(twice, 1).unwrap();
        assert_eq!(twice.key_index().map(|_| ()), Err("duplicate id \"a\"".to_owned()));
        let mut times = parts_of(&store);
        times.times.push(times.times[0]);
        assert!(ClaimStore::from_parts(times, 1).unwrap_err().contains("time listed twice"));
        let mut text = parts_of(&store);
        text.text.truncate(3);
        assert!(ClaimStore::from_parts(text, 1).unwrap_err().contains("text out of range"));
        let mut relays = parts_of(&store);
        relays.relays.clear();
        assert!(ClaimStore::from_parts(relays, 1).unwrap_err().contains("relays out of range"));
        assert!(ClaimStore::from_parts(parts_of(&store), 0).unwrap_err().contains("origin file"));
    }
}
