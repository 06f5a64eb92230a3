//! RDF: a whole data set as RDF 1.2 on W3C PROV-O, in Turtle, N-Triples, N-Quads or TriG, and
//! back (feature `rdf`).
//!
//! The mapping is described in `data/FORMAT.md` (section "JSON and RDF") and its terms in the
//! namespace document `data/ns/claimgraph.ttl`. In short: actors are `cg:Actor`s (and
//! `prov:Agent`s, `prov:Person`s or `prov:Organization`s where they can act), sources and
//! claims are `prov:Entity`s; a claim reifies the triple subject–predicate–object (an RDF 1.2
//! triple term, or with [`Reification::Statement`] an `rdf:Statement`), is
//! `prov:wasAttributedTo` its speaker with a `prov:qualifiedAttribution` that carries the mode,
//! has `prov:hadPrimarySource` the source it was said in and one `prov:qualifiedDerivation` per
//! relay hop (who performed it is the agent of its `prov:hadActivity`). What PROV has no term
//! for (polarity, stance, modality, time scopes, quantities, the vocabulary, conflicts) is in
//! the `cg:` namespace. Order that the model keeps (aliases, authors, relays...) is kept by RDF
//! lists or `cg:index`.
//!
//! Export writes through oxrdfio's serialisers; import parses with oxrdfio, reads the triples
//! back into the data document and loads it through the RON loader, so every rule is checked.
//! Import problems name the IRI of the node they are about.

use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Write};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxrdfio::{RdfFormat, RdfParser, RdfSerializer};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::bridge::{Placed, Slot, load_doc};
use super::format::{
    ActorDoc, AffiliationDoc, ClaimDoc, ConflictDoc, DefaultsDoc, DerivationDoc, FileDoc, ObjectTypeDoc, PredicateDoc,
    RelayDoc, RoleDoc, SourceDoc, UnitDoc, ValueDoc,
};
use crate::error::EntityKind;
use crate::model::{ActorKind, Amount, DerivationKind, Mode};
use crate::{ClaimGraph, TimeSpec, fold_name};

/// The namespace of claimgraph's own RDF terms, described by `data/ns/claimgraph.ttl`. A
/// placeholder until the vocabulary is published: the IRI is kept stable so that exports stay
/// comparable.
pub const CLAIMGRAPH_NS: &str = "https://claimgraph.example/ns#";
/// The W3C PROV-O namespace.
pub const PROV_NS: &str = "http://www.w3.org/ns/prov#";
/// The base IRI under which entities are named unless [`RdfOptions::with_base`] says otherwise:
/// `<base>actor/<id>`, `<base>source/<id>`, `<base>claim/<id>`... (ids percent-encoded).
pub const DEFAULT_BASE: &str = "https://claimgraph.example/data/";

/// An RDF syntax that [`to_rdf`] writes and [`from_rdf`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RdfSyntax {
    /// Turtle 1.2 (`.ttl`), with prefixes.
    Turtle,
    /// N-Triples 1.2 (`.nt`), one triple a line.
    NTriples,
    /// N-Quads 1.2 (`.nq`); everything is in the default graph.
    NQuads,
    /// TriG 1.2 (`.trig`); everything is in the default graph.
    TriG,
}

impl RdfSyntax {
    /// The syntax of a file extension (`ttl`, `nt`, `nq`, `trig`), if it is one of these.
    pub fn from_extension(extension: &str) -> Option<RdfSyntax> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "ttl" => RdfSyntax::Turtle,
            "nt" => RdfSyntax::NTriples,
            "nq" => RdfSyntax::NQuads,
            "trig" => RdfSyntax::TriG,
            _ => return None,
        })
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            RdfSyntax::Turtle => "ttl",
            RdfSyntax::NTriples => "nt",
            RdfSyntax::NQuads => "nq",
            RdfSyntax::TriG => "trig",
        }
    }

    fn format(self) -> RdfFormat {
        match self {
            RdfSyntax::Turtle => RdfFormat::Turtle,
            RdfSyntax::NTriples => RdfFormat::NTriples,
            RdfSyntax::NQuads => RdfFormat::NQuads,
            RdfSyntax::TriG => RdfFormat::TriG,
        }
    }
}

/// How a claim states the triple it is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reification {
    /// RDF 1.2: `<claim> rdf:reifies <<( subject predicate object )>>`.
    #[default]
    TripleTerm,
    /// RDF 1.1 standard reification, for stores without RDF 1.2: `<claim> a rdf:Statement;
    /// rdf:subject ...; rdf:predicate ...; rdf:object ...`.
    Statement,
}

/// Options of [`to_rdf`] and [`from_rdf`]: the base IRI of entities and the reification.
///
/// ```
/// # #[cfg(feature = "rdf")] {
/// use claimgraph::{RdfOptions, Reification};
/// let options = RdfOptions::new().reification(Reification::Statement).with_base("https://example.org/kz/")?;
/// assert_eq!(options.base(), "https://example.org/kz/");
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RdfOptions {
    base: String,
    reification: Reification,
}

impl Default for RdfOptions {
    fn default() -> RdfOptions {
        RdfOptions::new()
    }
}

impl RdfOptions {
    /// The default options: [`DEFAULT_BASE`] and [`Reification::TripleTerm`].
    pub fn new() -> RdfOptions {
        RdfOptions { base: DEFAULT_BASE.to_owned(), reification: Reification::TripleTerm }
    }

    /// Names entities under `base`, an absolute IRI that ends with `/` or `#`.
    ///
    /// Errors: `base` is not an absolute IRI, or does not end with `/` or `#`.
    pub fn with_base(mut self, base: &str) -> Result<RdfOptions, RdfError> {
        let problem = |message: String| RdfError { problems: vec![RdfProblem { node: None, message }] };
        NamedNode::new(base).map_err(|e| problem(format!("invalid base IRI {base:?}: {e}")))?;
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(problem(format!("the base IRI {base:?} must end with '/' or '#'")));
        }
        self.base = base.to_owned();
        Ok(self)
    }

    /// Sets how claims state their triple on export (import reads both forms).
    pub fn reification(mut self, reification: Reification) -> RdfOptions {
        self.reification = reification;
        self
    }

    /// The base IRI of entities.
    pub fn base(&self) -> &str {
        &self.base
    }
}

/// One problem of an RDF import: the node it is about (an IRI, or a blank node in N-Triples
/// syntax), if any, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RdfProblem {
    /// The node, written `<iri>` or `_:id`.
    pub node: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RdfProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.node {
            Some(node) => write!(f, "{node}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// RDF could not be read into a graph: every problem found, in node order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RdfError {
    problems: Vec<RdfProblem>,
}

impl RdfError {
    /// Every problem found.
    pub fn problems(&self) -> &[RdfProblem] {
        &self.problems
    }
}

impl fmt::Display for RdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "the RDF data has {n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RdfError {}

/// Terms of the two namespaces.
fn cg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{CLAIMGRAPH_NS}{local}"))
}

fn prov(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{PROV_NS}{local}"))
}

/// The individual `cg:<Enum>-<Variant>` of an enum value (serde's variant name).
fn individual<T: Serialize>(enum_name: &str, value: &T) -> NamedNode {
    let variant = serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    cg(&format!("{enum_name}-{variant}"))
}

/// Percent-encodes every byte of `id` outside the IRI-unreserved set.
fn encode(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn segment(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Unit => "unit/",
        EntityKind::Predicate => "predicate/",
        EntityKind::Actor => "actor/",
        EntityKind::Source => "source/",
        EntityKind::Claim => "claim/",
        EntityKind::Conflict => "conflict/",
    }
}

fn organisational(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::State
            | ActorKind::Intergovernmental
            | ActorKind::GovernmentBody
            | ActorKind::Group
            | ActorKind::MediaOutlet
            | ActorKind::Company
            | ActorKind::Institute
    )
}

// ---- Derived triples ----
//
// Redundant triples the export adds so that SPARQL can compare claims as the queries do: the
// day bounds of dates, quantities in base units, folded texts, and direct triples for the
// derivations that carry a text. Each is a function of its entity's other triples; import
// ignores them, after checking that any it finds agrees with what they are derived from.

/// The first and last day an EDTF date may denote, in days since 1970-01-01 (as
/// [`TimeSpec::bounds`]), an open end as `None`; `None` for a text that is not a date (the
/// loader reports it).
fn day_bounds(edtf: &str) -> Option<(Option<i64>, Option<i64>)> {
    let (lo, hi) = edtf.parse::<TimeSpec>().ok()?.bounds();
    Some(((lo != i64::MIN).then_some(lo), (hi != i64::MAX).then_some(hi)))
}

/// A quantity's admissible interval in base units of its dimension, as the queries compare it
/// ([`normalized_bounds`](crate::query::normalized_bounds)).
fn normal_bounds(amount: &Amount, factor: f64) -> (f64, f64) {
    let (low, high) = amount.bounds();
    (low * factor, high * factor)
}

/// The direct property written beside the qualified derivation of a kind that carries a text.
fn direct_derivation(kind: DerivationKind) -> Option<&'static str> {
    match kind {
        DerivationKind::TranslationOf => Some("translationOf"),
        DerivationKind::RepublicationOf => Some("republicationOf"),
        DerivationKind::Cites | DerivationKind::PublishesInterview => None,
    }
}

// ---- Export ----

struct Writer<'a> {
    options: &'a RdfOptions,
    triples: Vec<Triple>,
    blank: usize,
    /// The factor of each unit, by id, for the normalised bounds of quantities.
    factors: HashMap<String, f64>,
}

impl Writer<'_> {
    fn iri(&self, kind: EntityKind, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}{}", self.options.base, segment(kind), encode(id)))
    }

    fn part(&self, node: &NamedNode, fragment: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{fragment}", node.as_str()))
    }

    fn add(&mut self, s: &NamedOrBlankNode, p: NamedNode, o: impl Into<Term>) {
        self.triples.push(Triple::new(s.clone(), p, o));
    }

    fn text(&mut self, s: &NamedOrBlankNode, p: NamedNode, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }

    fn opt_text(&mut self, s: &NamedOrBlankNode, p: NamedNode, value: Option<&String>) {
        if let Some(v) = value {
            self.text(s, p, v);
        }
    }

    fn edtf(&mut self, s: &NamedOrBlankNode, p: NamedNode, value: Option<&String>) {
        if let Some(v) = value {
            self.add(s, p, Literal::new_typed_literal(v.as_str(), cg("EDTF")));
        }
    }

    /// The derived day bounds of an EDTF date (see [`day_bounds`]) as `first` and `last`.
    fn days(&mut self, s: &NamedOrBlankNode, first: &str, last: &str, value: Option<&String>) {
        let Some((lo, hi)) = value.and_then(|v| day_bounds(v)) else { return };
        for (p, day) in [(first, lo), (last, hi)] {
            if let Some(day) = day {
                self.add(s, cg(p), Literal::new_typed_literal(day.to_string(), xsd::INTEGER));
            }
        }
    }

    fn index(&mut self, s: &NamedOrBlankNode, i: usize) {
        self.add(s, cg("index"), Literal::new_typed_literal(i.to_string(), xsd::INTEGER));
    }

    /// An RDF list of `items`, as `p` of `s` (nothing if empty).
    fn list(&mut self, s: &NamedOrBlankNode, p: NamedNode, items: Vec<Term>) {
        if items.is_empty() {
            return;
        }
        let nodes: Vec<NamedOrBlankNode> = items
            .iter()
            .map(|_| {
                self.blank += 1;
                BlankNode::new_unchecked(format!("l{}", self.blank)).into()
            })
            .collect();
        self.add(s, p, Term::from(nodes[0].clone()));
        for (i, item) in items.into_iter().enumerate() {
            self.add(&nodes[i], rdf::FIRST.into(), item);
            let rest = nodes.get(i + 1).map_or_else(|| Term::from(NamedNode::from(rdf::NIL)), |n| n.clone().into());
            self.add(&nodes[i], rdf::REST.into(), rest);
        }
    }

    fn type_(&mut self, s: &NamedOrBlankNode, class: NamedNode) {
        self.add(s, rdf::TYPE.into(), class);
    }

    /// Puts the triples written since `start` (one entity's) in groups by subject, in the order
    /// the subjects first appear, so that the serialisers write each node once.
    fn group(&mut self, start: usize) {
        let mut order: HashMap<NamedOrBlankNode, usize> = HashMap::new();
        for t in &self.triples[start..] {
            let next = order.len();
            order.entry(t.subject.clone()).or_insert(next);
        }
        self.triples[start..].sort_by_key(|t| order[&t.subject]);
    }

    fn document(&mut self, doc: &FileDoc) {
        macro_rules! each {
            ($field:ident, $method:ident) => {
                for x in &doc.$field {
                    let start = self.triples.len();
                    self.$method(x);
                    self.group(start);
                }
            };
        }
        self.factors = doc.units.iter().map(|u| (u.id.clone(), u.factor)).collect();
        each!(units, unit);
        each!(predicates, predicate);
        each!(actors, actor);
        each!(sources, source);
        each!(claims, claim);
        each!(conflicts, conflict);
        if let Some(tolerance) = doc.defaults.tolerance {
            let s: NamedOrBlankNode = NamedNode::new_unchecked(self.options.base.clone()).into();
            self.type_(&s, cg("DataSet"));
            self.add(&s, cg("tolerance"), Literal::from(tolerance));
        }
    }

    fn unit(&mut self, u: &UnitDoc) {
        let s: NamedOrBlankNode = self.iri(EntityKind::Unit, &u.id).into();
        self.type_(&s, cg("Unit"));
        self.text(&s, cg("dimension"), &u.dimension);
        self.add(&s, cg("factor"), Literal::from(u.factor));
        self.opt_text(&s, rdfs::COMMENT.into(), u.note.as_ref());
    }

    fn predicate(&mut self, p: &PredicateDoc) {
        let s: NamedOrBlankNode = self.iri(EntityKind::Predicate, &p.id).into();
        self.type_(&s, cg("Predicate"));
        self.type_(&s, rdf::PROPERTY.into());
        self.text(&s, rdfs::LABEL.into(), &p.label);
        let (object, dimension) = match &p.object {
            ObjectTypeDoc::Actor => ("Actor", None),
            ObjectTypeDoc::Quantity(d) => ("Quantity", Some(d)),
            ObjectTypeDoc::Date => ("Date", None),
            ObjectTypeDoc::Text => ("Text", None),
            ObjectTypeDoc::Bool => ("Bool", None),
            ObjectTypeDoc::Claim => ("Claim", None),
        };
        self.add(&s, cg("objectType"), cg(&format!("ObjectType-{object}")));
        self.opt_text(&s, cg("dimension"), dimension);
        self.add(&s, cg("cardinality"), individual("Cardinality", &p.cardinality));
        let excludes = p.excludes.iter().map(|k| self.iri(EntityKind::Predicate, k).into()).collect();
        self.list(&s, cg("excludes"), excludes);
        self.add(&s, cg("rebuts"), Literal::from(p.rebuts));
        if let Some(t) = p.tolerance {
            self.add(&s, cg("tolerance"), Literal::from(t));
        }
        self.opt_text(&s, rdfs::COMMENT.into(), p.note.as_ref());
    }

    fn actor(&mut self, a: &ActorDoc) {
        let node = self.iri(EntityKind::Actor, &a.id);
        let s: NamedOrBlankNode = node.clone().into();
        self.type_(&s, cg("Actor"));
        match a.kind {
            ActorKind::Person => {
                self.type_(&s, prov("Agent"));
                self.type_(&s, prov("Person"));
            }
            kind if organisational(kind) => {
                self.type_(&s, prov("Agent"));
                self.type_(&s, prov("Organization"));
            }
            ActorKind::Other => self.type_(&s, prov("Agent")),
            _ => {}
        }
        self.add(&s, cg("actorKind"), individual("ActorKind", &a.kind));
        self.text(&s, rdfs::LABEL.into(), &a.name);
        let aliases = a.aliases.iter().map(|x| Literal::new_simple_literal(x).into()).collect();
        self.list(&s, cg("aliases"), aliases);
        for (i, r) in a.roles.iter().enumerate() {
            let role: NamedOrBlankNode = self.part(&node, &format!("role-{i}")).into();
            self.add(&s, cg("role"), Term::from(role.clone()));
            self.type_(&role, cg("Role"));
            self.index(&role, i);
            self.text(&role, cg("title"), &r.title);
            if let Some(of) = &r.of {
                let of = self.iri(EntityKind::Actor, of);
                self.add(&role, cg("of"), of);
            }
            self.edtf(&role, cg("during"), r.during.as_ref());
        }
        for (i, x) in a.affiliations.iter().enumerate() {
            let aff: NamedOrBlankNode = self.part(&node, &format!("affiliation-{i}")).into();
            self.add(&s, cg("affiliation"), Term::from(aff.clone()));
            self.type_(&aff, cg("Affiliation"));
            self.index(&aff, i);
            self.add(&aff, cg("affiliationKind"), individual("AffiliationKind", &x.kind));
            let target = self.iri(EntityKind::Actor, &x.target);
            self.add(&aff, cg("target"), target.clone());
            self.edtf(&aff, cg("during"), x.during.as_ref());
            if x.kind == crate::model::AffiliationKind::WorksFor {
                self.add(&s, prov("actedOnBehalfOf"), target);
            }
        }
        self.opt_text(&s, rdfs::COMMENT.into(), a.note.as_ref());
    }

    /// `prov:hadActivity` of a qualified derivation: an activity the agent `by` performed.
    fn activity(&mut self, derivation: &NamedOrBlankNode, node: &NamedNode, fragment: &str, by: &str) {
        let act: NamedOrBlankNode = self.part(node, fragment).into();
        self.add(derivation, prov("hadActivity"), Term::from(act.clone()));
        self.type_(&act, prov("Activity"));
        let by = self.iri(EntityKind::Actor, by);
        self.add(&act, prov("wasAssociatedWith"), by);
    }

    fn source(&mut self, d: &SourceDoc) {
        let node = self.iri(EntityKind::Source, &d.id);
        let s: NamedOrBlankNode = node.clone().into();
        self.type_(&s, cg("Source"));
        self.type_(&s, prov("Entity"));
        self.add(&s, cg("sourceKind"), individual("SourceKind", &d.kind));
        self.text(&s, rdfs::LABEL.into(), &d.title);
        if let Some(o) = &d.outlet {
            let o = self.iri(EntityKind::Actor, o);
            self.add(&s, cg("outlet"), o);
        }
        let authors: Vec<NamedNode> = d.authors.iter().map(|a| self.iri(EntityKind::Actor, a)).collect();
        for a in &authors {
            self.add(&s, prov("wasAttributedTo"), a.clone());
        }
        self.list(&s, cg("authors"), authors.into_iter().map(Term::from).collect());
        self.text(&s, cg("language"), &d.language);
        self.edtf(&s, cg("published"), d.published.as_ref());
        self.opt_text(&s, cg("url"), d.url.as_ref());
        for (i, x) in d.derived_from.iter().enumerate() {
            let der: NamedOrBlankNode = self.part(&node, &format!("derivation-{i}")).into();
            let from = self.iri(EntityKind::Source, &x.source);
            self.add(&s, prov("wasDerivedFrom"), from.clone());
            if x.kind == DerivationKind::PublishesInterview {
                self.add(&s, prov("hadPrimarySource"), from.clone());
            }
            if let Some(direct) = direct_derivation(x.kind) {
                self.add(&s, cg(direct), from.clone());
            }
            self.add(&s, prov("qualifiedDerivation"), Term::from(der.clone()));
            self.type_(&der, prov("Derivation"));
            self.index(&der, i);
            self.add(&der, cg("derivationKind"), individual("DerivationKind", &x.kind));
            self.add(&der, prov("entity"), from);
            if let Some(by) = &x.by {
                self.activity(&der, &node, &format!("derivation-{i}-activity"), by);
            }
        }
        self.opt_text(&s, rdfs::COMMENT.into(), d.note.as_ref());
    }

    fn claim(&mut self, c: &ClaimDoc) {
        let node = self.iri(EntityKind::Claim, &c.id);
        let s: NamedOrBlankNode = node.clone().into();
        self.type_(&s, cg("Claim"));
        self.type_(&s, prov("Entity"));
        let subject = self.iri(EntityKind::Actor, &c.subject);
        let predicate = self.iri(EntityKind::Predicate, &c.predicate);
        let object: Term = match &c.object {
            ValueDoc::Actor(a) => self.iri(EntityKind::Actor, a).into(),
            ValueDoc::Claim(k) => self.iri(EntityKind::Claim, k).into(),
            ValueDoc::Date(t) => {
                self.days(&s, "objectFirstDay", "objectLastDay", Some(t));
                Literal::new_typed_literal(t.as_str(), cg("EDTF")).into()
            }
            ValueDoc::Text(t) => {
                self.text(&s, cg("objectFolded"), &fold_name(t));
                Literal::new_simple_literal(t).into()
            }
            ValueDoc::Bool(b) => Literal::from(*b).into(),
            ValueDoc::Quantity { amount, unit } => {
                let q: NamedOrBlankNode = self.part(&node, "quantity").into();
                self.type_(&q, cg("Quantity"));
                let (kind, values) = match *amount {
                    Amount::Exact(x) => ("Exact", vec![("value", x)]),
                    Amount::Around(x) => ("Around", vec![("value", x)]),
                    Amount::Range(a, b) => ("Range", vec![("low", a), ("high", b)]),
                    Amount::AtLeast(x) => ("AtLeast", vec![("value", x)]),
                    Amount::MoreThan(x) => ("MoreThan", vec![("value", x)]),
                    Amount::AtMost(x) => ("AtMost", vec![("value", x)]),
                    Amount::LessThan(x) => ("LessThan", vec![("value", x)]),
                };
                self.add(&q, cg("amountKind"), cg(&format!("Amount-{kind}")));
                for (p, x) in values {
                    self.add(&q, cg(p), Literal::from(x));
                }
                if let Some(&factor) = self.factors.get(unit) {
                    let (low, high) = normal_bounds(amount, factor);
                    self.add(&q, cg("normalLow"), Literal::from(low));
                    self.add(&q, cg("normalHigh"), Literal::from(high));
                }
                let unit = self.iri(EntityKind::Unit, unit);
                self.add(&q, cg("unit"), unit);
                Term::from(q)
            }
        };
        match self.options.reification {
            Reification::TripleTerm => {
                let triple = Triple::new(subject, predicate, object);
                self.add(&s, rdf::REIFIES.into(), Term::Triple(Box::new(triple)));
            }
            Reification::Statement => {
                self.type_(&s, rdf::STATEMENT.into());
                self.add(&s, rdf::SUBJECT.into(), subject);
                self.add(&s, rdf::PREDICATE.into(), predicate);
                self.add(&s, rdf::OBJECT.into(), object);
            }
        }
        if let Some(q) = &c.qualifier {
            let q = self.iri(EntityKind::Actor, q);
            self.add(&s, cg("qualifier"), q);
        }
        self.add(&s, cg("polarity"), individual("Polarity", &c.polarity));
        self.add(&s, cg("stance"), individual("Stance", &c.stance));
        self.add(&s, cg("modality"), individual("Modality", &c.modality));
        self.edtf(&s, cg("about"), c.about.as_ref());
        self.days(&s, "aboutFirstDay", "aboutLastDay", c.about.as_ref());
        self.edtf(&s, cg("said"), c.said.as_ref());
        let said_by = self.iri(EntityKind::Actor, &c.said_by);
        self.add(&s, prov("wasAttributedTo"), said_by.clone());
        let attribution: NamedOrBlankNode = self.part(&node, "attribution").into();
        self.add(&s, prov("qualifiedAttribution"), Term::from(attribution.clone()));
        self.type_(&attribution, prov("Attribution"));
        self.add(&attribution, prov("agent"), said_by);
        self.add(&attribution, cg("mode"), individual("Mode", &c.mode));
        for (i, r) in c.relayed_by.iter().enumerate() {
            let relay: NamedOrBlankNode = self.part(&node, &format!("relay-{i}")).into();
            self.add(&s, prov("qualifiedDerivation"), Term::from(relay.clone()));
            self.type_(&relay, prov("Derivation"));
            self.type_(&relay, cg("Relay"));
            self.index(&relay, i);
            if let Some(src) = &r.source {
                let src = self.iri(EntityKind::Source, src);
                self.add(&s, prov("wasDerivedFrom"), src.clone());
                self.add(&relay, prov("entity"), src);
            }
            if let Some(by) = &r.by {
                self.activity(&relay, &node, &format!("relay-{i}-activity"), by);
            }
            self.add(&relay, cg("mode"), individual("Mode", &r.mode));
        }
        if let Some(said_in) = &c.said_in {
            let said_in = self.iri(EntityKind::Source, said_in);
            self.add(&s, prov("hadPrimarySource"), said_in.clone());
            if c.mode == Mode::DirectQuote {
                self.add(&s, prov("wasQuotedFrom"), said_in);
            }
        }
        let source = self.iri(EntityKind::Source, &c.source);
        self.add(&s, cg("readIn"), source.clone());
        self.add(&s, prov("wasDerivedFrom"), source);
        if !c.quote.is_empty() {
            self.text(&s, cg("quote"), &c.quote);
        }
        self.opt_text(&s, cg("unquoted"), c.unquoted.as_ref());
        self.opt_text(&s, rdfs::COMMENT.into(), c.note.as_ref());
    }

    fn conflict(&mut self, k: &ConflictDoc) {
        let s: NamedOrBlankNode = self.iri(EntityKind::Conflict, &k.id).into();
        self.type_(&s, cg("Conflict"));
        let claims = k.claims.iter().map(|c| self.iri(EntityKind::Claim, c).into()).collect();
        self.list(&s, cg("claims"), claims);
        self.text(&s, rdfs::COMMENT.into(), &k.note);
    }
}

/// Writes the whole graph as RDF in `syntax` to `writer`; see [`to_rdf`].
///
/// Errors: only those of `writer`.
pub fn write_rdf(
    graph: &ClaimGraph,
    syntax: RdfSyntax,
    options: &RdfOptions,
    writer: impl Write,
) -> std::io::Result<()> {
    let doc = super::canonical(graph);
    let mut w = Writer { options, triples: Vec::new(), blank: 0, factors: HashMap::new() };
    w.document(&doc);
    let mut serializer = RdfSerializer::from_format(syntax.format());
    let base = &options.base;
    for (prefix, iri) in [
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("prov", PROV_NS),
        ("cg", CLAIMGRAPH_NS),
        ("unit", &format!("{base}unit/")),
        ("predicate", &format!("{base}predicate/")),
        ("actor", &format!("{base}actor/")),
        ("source", &format!("{base}source/")),
        ("claim", &format!("{base}claim/")),
        ("conflict", &format!("{base}conflict/")),
    ] {
        serializer = serializer.with_prefix(prefix, iri).map_err(std::io::Error::other)?;
    }
    let mut out = serializer.for_writer(writer);
    for t in &w.triples {
        out.serialize_triple(t)?;
    }
    out.finish()?;
    Ok(())
}

/// The whole graph as RDF text in `syntax`, every entity sorted by id: equal graphs give
/// equal text.
///
/// ```
/// # #[cfg(feature = "rdf")] {
/// use claimgraph::{RdfOptions, RdfSyntax};
/// let graph = claimgraph::load_str("inline.ron", r#"(
///     predicates: [(id: "head", label: "has as head of state", object: Actor)],
///     actors: [(id: "kz", kind: State, name: "Kazakhstan"), (id: "tok", kind: Person, name: "Tokayev")],
///     sources: [(id: "s", kind: Article, title: "T", language: "en")],
///     claims: [(id: "c", subject: "kz", predicate: "head", object: Actor("tok"),
///               said_by: "tok", source: "s", quote: "q")],
/// )"#)?;
/// let turtle = claimgraph::to_rdf(&graph, RdfSyntax::Turtle, &RdfOptions::new());
/// assert!(turtle.contains("rdf:reifies <<( actor:kz predicate:head actor:tok )>>"), "{turtle}");
/// let back = claimgraph::from_rdf(turtle.as_bytes(), RdfSyntax::Turtle, &RdfOptions::new())?;
/// assert_eq!(back, graph);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_rdf(graph: &ClaimGraph, syntax: RdfSyntax, options: &RdfOptions) -> String {
    let mut bytes = Vec::new();
    write_rdf(graph, syntax, options, &mut bytes).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the serialisers write UTF-8")
}

// ---- Import ----

/// The triples read, indexed by subject and, for `rdf:type`, by class. (oxrdf's `Graph`
/// keeps three ordered indexes and is several times slower to fill; the reader needs these two.)
#[derive(Default)]
struct Triples {
    by_subject: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
    by_class: HashMap<NamedNode, Vec<NamedOrBlankNode>>,
    len: usize,
}

impl Triples {
    fn insert(&mut self, subject: NamedOrBlankNode, predicate: NamedNode, object: Term) {
        if predicate == rdf::TYPE
            && let Term::NamedNode(class) = &object
        {
            self.by_class.entry(class.clone()).or_default().push(subject.clone());
        }
        self.by_subject.entry(subject).or_default().push((predicate, object));
        self.len += 1;
    }

    fn of(&self, subject: &NamedOrBlankNode) -> &[(NamedNode, Term)] {
        self.by_subject.get(subject).map_or(&[], Vec::as_slice)
    }
}

struct Reader<'a> {
    graph: Triples,
    base: &'a str,
    problems: Vec<RdfProblem>,
    /// The factor of each unit read, by id, to check the normalised bounds of quantities.
    factors: HashMap<String, f64>,
}

/// The properties of our namespace each class may carry.
fn allowed(class: &str) -> &'static [&'static str] {
    match class {
        "Unit" => &["dimension", "factor"],
        "Predicate" => &["objectType", "dimension", "cardinality", "excludes", "rebuts", "tolerance"],
        "Actor" => &["actorKind", "aliases", "role", "affiliation"],
        "Source" => {
            &["sourceKind", "outlet", "authors", "language", "published", "url", "translationOf", "republicationOf"]
        }
        "Claim" => &[
            "qualifier",
            "polarity",
            "stance",
            "modality",
            "about",
            "said",
            "readIn",
            "quote",
            "unquoted",
            "aboutFirstDay",
            "aboutLastDay",
            "objectFirstDay",
            "objectLastDay",
            "objectFolded",
        ],
        "Conflict" => &["claims"],
        "DataSet" => &["tolerance"],
        "Role" => &["index", "title", "of", "during"],
        "Affiliation" => &["index", "affiliationKind", "target", "during"],
        "Derivation" => &["index", "derivationKind"],
        "Relay" => &["index", "mode"],
        "Attribution" => &["mode"],
        "Quantity" => &["amountKind", "value", "low", "high", "unit", "normalLow", "normalHigh"],
        _ => &[],
    }
}

impl Reader<'_> {
    fn problem(&mut self, node: &NamedOrBlankNode, message: impl Into<String>) {
        self.problems.push(RdfProblem { node: Some(node.to_string()), message: message.into() });
    }

    /// The subjects typed `class`, sorted.
    fn instances(&self, class: &NamedNode) -> Vec<NamedOrBlankNode> {
        let mut out: Vec<NamedOrBlankNode> = self.graph.by_class.get(class).cloned().unwrap_or_default();
        out.sort_by_cached_key(ToString::to_string);
        out.dedup();
        out
    }

    fn objects(&self, s: &NamedOrBlankNode, p: &NamedNode) -> Vec<Term> {
        let mut out: Vec<Term> = self.graph.of(s).iter().filter(|(q, _)| q == p).map(|(_, o)| o.clone()).collect();
        if out.len() > 1 {
            out.sort_by_cached_key(ToString::to_string);
            out.dedup();
        }
        out
    }

    /// The value of a property that has at most one.
    fn one(&mut self, s: &NamedOrBlankNode, p: &NamedNode) -> Option<Term> {
        let mut values = self.objects(s, p);
        if values.len() > 1 {
            self.problem(s, format!("more than one {p}"));
        }
        values.pop()
    }

    fn required(&mut self, s: &NamedOrBlankNode, p: &NamedNode) -> Option<Term> {
        let value = self.one(s, p);
        if value.is_none() {
            self.problem(s, format!("missing required triple: {s} {p} ..."));
        }
        value
    }

    fn string(&mut self, s: &NamedOrBlankNode, p: &NamedNode, value: Option<Term>) -> Option<String> {
        match value? {
            Term::Literal(l) if l.datatype() == xsd::STRING || l.datatype() == cg("EDTF").as_ref() => {
                Some(l.value().to_owned())
            }
            other => {
                self.problem(s, format!("{p} must be a string literal, not {other}"));
                None
            }
        }
    }

    fn number(&mut self, s: &NamedOrBlankNode, p: &NamedNode, value: Option<Term>) -> Option<f64> {
        match value? {
            Term::Literal(l) if l.value().parse::<f64>().is_ok() => l.value().parse().ok(),
            other => {
                self.problem(s, format!("{p} must be a number, not {other}"));
                None
            }
        }
    }

    fn boolean(&mut self, s: &NamedOrBlankNode, p: &NamedNode, value: Option<Term>) -> Option<bool> {
        match value? {
            Term::Literal(l) if l.datatype() == xsd::BOOLEAN && matches!(l.value(), "true" | "1") => Some(true),
            Term::Literal(l) if l.datatype() == xsd::BOOLEAN && matches!(l.value(), "false" | "0") => Some(false),
            other => {
                self.problem(s, format!("{p} must be an xsd:boolean, not {other}"));
                None
            }
        }
    }

    /// The id named by an entity IRI of `kind`.
    fn id_of(&self, kind: EntityKind, term: &Term) -> Option<String> {
        let Term::NamedNode(n) = term else { return None };
        let prefix = format!("{}{}", self.base, segment(kind));
        let rest = n.as_str().strip_prefix(&prefix)?;
        if rest.contains('#') || rest.contains('/') {
            return None;
        }
        decode(rest)
    }

    fn reference(
        &mut self,
        s: &NamedOrBlankNode,
        p: &NamedNode,
        kind: EntityKind,
        value: Option<Term>,
    ) -> Option<String> {
        let value = value?;
        let id = self.id_of(kind, &value);
        if id.is_none() {
            self.problem(
                s,
                format!("{p} must be the IRI of a {kind} (<{}{}...>), not {value}", self.base, segment(kind)),
            );
        }
        id
    }

    /// An individual `cg:<Enum>-<Variant>`.
    fn variant<T: DeserializeOwned>(
        &mut self,
        s: &NamedOrBlankNode,
        p: &NamedNode,
        enum_name: &str,
        value: Option<Term>,
    ) -> Option<T> {
        let value = value?;
        let parsed = match &value {
            Term::NamedNode(n) => n
                .as_str()
                .strip_prefix(CLAIMGRAPH_NS)
                .and_then(|local| local.strip_prefix(enum_name)?.strip_prefix('-'))
                .and_then(|v| serde_json::from_value(serde_json::Value::String(v.to_owned())).ok()),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(s, format!("unknown term {value} for {p} (expected a cg:{enum_name}-... individual)"));
        }
        parsed
    }

    /// The items of the RDF list that is the `p` of `s` (empty if there is none).
    fn list(&mut self, s: &NamedOrBlankNode, p: &NamedNode) -> Vec<Term> {
        let Some(mut node) = self.one(s, p) else { return Vec::new() };
        let mut items = Vec::new();
        let nil = Term::from(NamedNode::from(rdf::NIL));
        while node != nil {
            let n = match &node {
                Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
                Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
                other => {
                    self.problem(s, format!("{p} must be an RDF list, and {other} is not a list node"));
                    return items;
                }
            };
            let first = self.one(&n, &rdf::FIRST.into());
            let rest = self.one(&n, &rdf::REST.into());
            match (first, rest) {
                (Some(f), Some(r)) if items.len() <= self.graph.len => {
                    items.push(f);
                    node = r;
                }
                _ => {
                    self.problem(s, format!("{p} is a malformed RDF list at {n}"));
                    return items;
                }
            }
        }
        items
    }

    fn node(&mut self, s: &NamedOrBlankNode, term: Term, what: &str) -> Option<NamedOrBlankNode> {
        match term {
            Term::NamedNode(n) => Some(n.into()),
            Term::BlankNode(b) => Some(b.into()),
            other => {
                self.problem(s, format!("{what} must be a node, not {other}"));
                None
            }
        }
    }

    /// Nodes that are the `p` of `s`, in the order of their `cg:index`.
    fn indexed(&mut self, s: &NamedOrBlankNode, p: &NamedNode) -> Vec<NamedOrBlankNode> {
        let mut nodes = Vec::new();
        for term in self.objects(s, p) {
            let Some(n) = self.node(s, term, &p.to_string()) else { continue };
            let index = self.required(&n, &cg("index"));
            if let Some(i) = self.number(&n, &cg("index"), index) {
                nodes.push((i, n));
            }
        }
        nodes.sort_by(|a, b| a.0.total_cmp(&b.0));
        if nodes.windows(2).any(|w| w[0].0 == w[1].0) {
            self.problem(s, format!("two {p} share a cg:index"));
        }
        nodes.into_iter().map(|(_, n)| n).collect()
    }

    /// Checks that `s` carries no property of our namespace outside those of `class`.
    fn check_properties(&mut self, s: &NamedOrBlankNode, class: &str) {
        let allowed = allowed(class);
        let mut unknown: Vec<String> = self
            .graph
            .of(s)
            .iter()
            .filter_map(|(p, _)| p.as_str().strip_prefix(CLAIMGRAPH_NS).map(str::to_owned))
            .filter(|local| !allowed.contains(&local.as_str()))
            .collect();
        unknown.sort();
        unknown.dedup();
        for local in unknown {
            self.problem(s, format!("unknown term cg:{local} on a cg:{class}"));
        }
    }

    fn id(&mut self, s: &NamedOrBlankNode, kind: EntityKind) -> Option<String> {
        let id = self.id_of(kind, &Term::from(s.clone()));
        if id.is_none() {
            self.problem(s, format!("a {kind} must be named <{}{}...>", self.base, segment(kind)));
        }
        id
    }

    fn document(&mut self) -> (FileDoc, Vec<(EntityKind, Vec<NamedOrBlankNode>)>) {
        let mut doc = FileDoc::default();
        let mut nodes = Vec::new();
        let known = [
            "Unit",
            "Predicate",
            "Actor",
            "Source",
            "Claim",
            "Conflict",
            "DataSet",
            "Role",
            "Affiliation",
            "Quantity",
            "Relay",
        ];
        let mut classes: Vec<(NamedOrBlankNode, String)> = self
            .graph
            .by_class
            .iter()
            .filter_map(|(class, subjects)| {
                let local = class.as_str().strip_prefix(CLAIMGRAPH_NS)?;
                (!known.contains(&local)).then(|| subjects.iter().map(move |s| (s.clone(), local.to_owned())))
            })
            .flatten()
            .collect();
        classes.sort_by_cached_key(|(s, c)| (s.to_string(), c.clone()));
        classes.dedup();
        for (s, c) in classes {
            self.problem(&s, format!("unknown term cg:{c}"));
        }
        macro_rules! read {
            ($class:literal, $kind:expr, $field:ident, $method:ident) => {{
                let mut these = Vec::new();
                for s in self.instances(&cg($class)) {
                    self.check_properties(&s, $class);
                    if let Some(d) = self.$method(&s) {
                        doc.$field.push(d);
                        these.push(s);
                    }
                }
                nodes.push(($kind, these));
            }};
        }
        read!("Unit", EntityKind::Unit, units, unit);
        self.factors = doc.units.iter().map(|u| (u.id.clone(), u.factor)).collect();
        read!("Predicate", EntityKind::Predicate, predicates, predicate);
        read!("Actor", EntityKind::Actor, actors, actor);
        read!("Source", EntityKind::Source, sources, source);
        read!("Claim", EntityKind::Claim, claims, claim);
        read!("Conflict", EntityKind::Conflict, conflicts, conflict);
        let sets = self.instances(&cg("DataSet"));
        if sets.len() > 1 {
            self.problem(&sets[1], "a second cg:DataSet (the data set's defaults are declared once)");
        }
        if let Some(s) = sets.first() {
            self.check_properties(s, "DataSet");
            let t = self.required(s, &cg("tolerance"));
            if let Some(tolerance) = self.number(s, &cg("tolerance"), t) {
                doc.defaults = DefaultsDoc { tolerance: Some(tolerance) };
            }
        }
        (doc, nodes)
    }

    fn note(&mut self, s: &NamedOrBlankNode) -> Option<String> {
        let v = self.one(s, &rdfs::COMMENT.into());
        self.string(s, &rdfs::COMMENT.into(), v)
    }

    fn text_of(&mut self, s: &NamedOrBlankNode, p: NamedNode, required: bool) -> Option<String> {
        let v = if required { self.required(s, &p) } else { self.one(s, &p) };
        self.string(s, &p, v)
    }

    /// Checks the derived day bounds `first` and `last` of `s` against `date`, the EDTF text of
    /// `what` they derive from (see [`day_bounds`]); a date that does not parse is left to the
    /// loader.
    fn check_days(&mut self, s: &NamedOrBlankNode, [first, last]: [&str; 2], date: Option<&str>, what: &str) {
        let expected = date.map(day_bounds);
        for (p, end) in [(first, 0), (last, 1)] {
            let Some(term) = self.one(s, &cg(p)) else { continue };
            let want = match (date, expected) {
                (_, Some(None)) => continue,
                (Some(date), Some(Some(bounds))) => {
                    let want = if end == 0 { bounds.0 } else { bounds.1 };
                    match want {
                        Some(day) => Some((date, day)),
                        None => {
                            self.problem(s, format!("cg:{p} on {what} {date:?}, whose end is open"));
                            continue;
                        }
                    }
                }
                _ => None,
            };
            let found = match &term {
                Term::Literal(l) if l.datatype() == xsd::INTEGER => l.value().parse::<i64>().ok(),
                _ => None,
            };
            match (found, want) {
                (None, _) => self.problem(s, format!("cg:{p} must be an xsd:integer day number, not {term}")),
                (Some(_), None) => self.problem(s, format!("cg:{p} without {what}")),
                (Some(day), Some((date, want))) if day != want => {
                    self.problem(s, format!("cg:{p} {day} disagrees with {what} {date:?}, which gives day {want}"))
                }
                _ => {}
            }
        }
    }

    /// Checks the derived triples of a claim about its object (see [`day_bounds`] and
    /// [`fold_name`]), which only a date or a text has.
    fn check_object(&mut self, s: &NamedOrBlankNode, object: Option<&ValueDoc>) {
        let Some(object) = object else { return };
        let date = match object {
            ValueDoc::Date(d) => Some(d.as_str()),
            _ => None,
        };
        let what = if date.is_some() { "the date object" } else { "a date object" };
        self.check_days(s, ["objectFirstDay", "objectLastDay"], date, what);
        let Some(term) = self.one(s, &cg("objectFolded")) else { return };
        match (object, &term) {
            (ValueDoc::Text(text), Term::Literal(l)) if l.datatype() == xsd::STRING => {
                let want = fold_name(text);
                if l.value() != want {
                    self.problem(
                        s,
                        format!(
                            "cg:objectFolded {:?} disagrees with the text object {text:?}, which folds to {want:?}",
                            l.value()
                        ),
                    );
                }
            }
            (ValueDoc::Text(_), _) => self.problem(s, format!("cg:objectFolded must be a string literal, not {term}")),
            _ => self.problem(s, "cg:objectFolded without a text object"),
        }
    }

    /// Checks the normalised bounds of the quantity node `q` (see [`normal_bounds`]); a quantity
    /// of an unknown unit is left to the loader.
    fn check_quantity(&mut self, q: &NamedOrBlankNode, amount: &Amount, unit: &str) {
        let Some(&factor) = self.factors.get(unit) else { return };
        let (low, high) = normal_bounds(amount, factor);
        for (p, want) in [("normalLow", low), ("normalHigh", high)] {
            let Some(term) = self.one(q, &cg(p)) else { continue };
            let Some(found) = self.number(q, &cg(p), Some(term)) else { continue };
            if found != want {
                self.problem(
                    q,
                    format!(
                        "cg:{p} {found} disagrees with the amount and the factor of unit {unit:?}, which give {want}"
                    ),
                );
            }
        }
    }

    /// Checks the direct derivation triples of a source (`cg:translationOf`...): each must
    /// name the source of one of its qualified derivations of that kind.
    fn check_derivations(&mut self, s: &NamedOrBlankNode, derived_from: &[DerivationDoc]) {
        for kind in [DerivationKind::TranslationOf, DerivationKind::RepublicationOf] {
            let Some(p) = direct_derivation(kind) else { continue };
            for term in self.objects(s, &cg(p)) {
                let id = self.id_of(EntityKind::Source, &term);
                if !derived_from.iter().any(|d| d.kind == kind && Some(&d.source) == id.as_ref()) {
                    self.problem(s, format!("cg:{p} {term} without a prov:qualifiedDerivation of that kind from it"));
                }
            }
        }
    }

    fn unit(&mut self, s: &NamedOrBlankNode) -> Option<UnitDoc> {
        let id = self.id(s, EntityKind::Unit);
        let dimension = self.text_of(s, cg("dimension"), true);
        let f = self.required(s, &cg("factor"));
        let factor = self.number(s, &cg("factor"), f);
        let note = self.note(s);
        Some(UnitDoc { id: id?, dimension: dimension?, factor: factor?, note })
    }

    fn predicate(&mut self, s: &NamedOrBlankNode) -> Option<PredicateDoc> {
        let id = self.id(s, EntityKind::Predicate);
        let label = self.text_of(s, rdfs::LABEL.into(), true);
        let o = self.required(s, &cg("objectType"));
        // Read by name: in the model, a quantity's object type carries its dimension.
        let object = match self.variant::<String>(s, &cg("objectType"), "ObjectType", o) {
            Some(name) => match name.as_str() {
                "Actor" => Some(ObjectTypeDoc::Actor),
                "Date" => Some(ObjectTypeDoc::Date),
                "Text" => Some(ObjectTypeDoc::Text),
                "Bool" => Some(ObjectTypeDoc::Bool),
                "Claim" => Some(ObjectTypeDoc::Claim),
                "Quantity" => {
                    let d = self.text_of(s, cg("dimension"), true);
                    d.map(ObjectTypeDoc::Quantity)
                }
                other => {
                    self.problem(s, format!("unknown term cg:ObjectType-{other}"));
                    None
                }
            },
            None => None,
        };
        let c = self.one(s, &cg("cardinality"));
        let cardinality = match c {
            Some(c) => self.variant(s, &cg("cardinality"), "Cardinality", Some(c))?,
            None => Default::default(),
        };
        let mut excludes = Vec::new();
        let mut ok = true;
        for t in self.list(s, &cg("excludes")) {
            match self.reference(s, &cg("excludes"), EntityKind::Predicate, Some(t)) {
                Some(k) => excludes.push(k),
                None => ok = false,
            }
        }
        let r = self.one(s, &cg("rebuts"));
        let rebuts = match r {
            Some(r) => self.boolean(s, &cg("rebuts"), Some(r))?,
            None => false,
        };
        let t = self.one(s, &cg("tolerance"));
        let tolerance = match t {
            Some(t) => Some(self.number(s, &cg("tolerance"), Some(t))?),
            None => None,
        };
        let note = self.note(s);
        ok.then_some(())?;
        Some(PredicateDoc { id: id?, label: label?, object: object?, cardinality, excludes, rebuts, tolerance, note })
    }

    fn actor(&mut self, s: &NamedOrBlankNode) -> Option<ActorDoc> {
        let id = self.id(s, EntityKind::Actor);
        let k = self.required(s, &cg("actorKind"));
        let kind = self.variant(s, &cg("actorKind"), "ActorKind", k);
        let name = self.text_of(s, rdfs::LABEL.into(), true);
        let mut ok = true;
        let mut aliases = Vec::new();
        for t in self.list(s, &cg("aliases")) {
            match self.string(s, &cg("aliases"), Some(t)) {
                Some(a) => aliases.push(a),
                None => ok = false,
            }
        }
        let mut roles = Vec::new();
        for r in self.indexed(s, &cg("role")) {
            self.check_properties(&r, "Role");
            let title = self.text_of(&r, cg("title"), true);
            let of = self.one(&r, &cg("of"));
            let of = match of {
                Some(t) => self.reference(&r, &cg("of"), EntityKind::Actor, Some(t)).map(Some),
                None => Some(None),
            };
            let during = self.text_of(&r, cg("during"), false);
            match (title, of) {
                (Some(title), Some(of)) => roles.push(RoleDoc { title, of, during }),
                _ => ok = false,
            }
        }
        let mut affiliations = Vec::new();
        for a in self.indexed(s, &cg("affiliation")) {
            self.check_properties(&a, "Affiliation");
            let k = self.required(&a, &cg("affiliationKind"));
            let kind = self.variant(&a, &cg("affiliationKind"), "AffiliationKind", k);
            let t = self.required(&a, &cg("target"));
            let target = self.reference(&a, &cg("target"), EntityKind::Actor, t);
            let during = self.text_of(&a, cg("during"), false);
            match (kind, target) {
                (Some(kind), Some(target)) => affiliations.push(AffiliationDoc { kind, target, during }),
                _ => ok = false,
            }
        }
        let note = self.note(s);
        ok.then_some(())?;
        Some(ActorDoc { id: id?, kind: kind?, name: name?, aliases, roles, affiliations, note })
    }

    /// The agent of a qualified derivation's activity, if it has one.
    fn activity_agent(&mut self, d: &NamedOrBlankNode) -> Result<Option<String>, ()> {
        let Some(act) = self.one(d, &prov("hadActivity")) else { return Ok(None) };
        let act = self.node(d, act, "prov:hadActivity").ok_or(())?;
        let agent = self.required(&act, &prov("wasAssociatedWith"));
        self.reference(&act, &prov("wasAssociatedWith"), EntityKind::Actor, agent).map(Some).ok_or(())
    }

    fn source(&mut self, s: &NamedOrBlankNode) -> Option<SourceDoc> {
        let id = self.id(s, EntityKind::Source);
        let k = self.required(s, &cg("sourceKind"));
        let kind = self.variant(s, &cg("sourceKind"), "SourceKind", k);
        let title = self.text_of(s, rdfs::LABEL.into(), true);
        let o = self.one(s, &cg("outlet"));
        let outlet = match o {
            Some(o) => self.reference(s, &cg("outlet"), EntityKind::Actor, Some(o)).map(Some),
            None => Some(None),
        };
        let mut ok = true;
        let mut authors = Vec::new();
        for t in self.list(s, &cg("authors")) {
            match self.reference(s, &cg("authors"), EntityKind::Actor, Some(t)) {
                Some(a) => authors.push(a),
                None => ok = false,
            }
        }
        let language = self.text_of(s, cg("language"), true);
        let published = self.text_of(s, cg("published"), false);
        let url = self.text_of(s, cg("url"), false);
        let mut derived_from = Vec::new();
        for d in self.indexed(s, &prov("qualifiedDerivation")) {
            self.check_properties(&d, "Derivation");
            let k = self.required(&d, &cg("derivationKind"));
            let kind = self.variant(&d, &cg("derivationKind"), "DerivationKind", k);
            let e = self.required(&d, &prov("entity"));
            let source = self.reference(&d, &prov("entity"), EntityKind::Source, e);
            let by = self.activity_agent(&d);
            match (kind, source, by) {
                (Some(kind), Some(source), Ok(by)) => derived_from.push(DerivationDoc { kind, source, by }),
                _ => ok = false,
            }
        }
        let note = self.note(s);
        ok.then_some(())?;
        self.check_derivations(s, &derived_from);
        Some(SourceDoc {
            id: id?,
            kind: kind?,
            title: title?,
            outlet: outlet?,
            authors,
            language: language?,
            published,
            url,
            derived_from,
            note,
        })
    }

    /// The object of a claim's triple.
    fn value(&mut self, s: &NamedOrBlankNode, term: Term) -> Option<ValueDoc> {
        if let Some(a) = self.id_of(EntityKind::Actor, &term) {
            return Some(ValueDoc::Actor(a));
        }
        if let Some(c) = self.id_of(EntityKind::Claim, &term) {
            return Some(ValueDoc::Claim(c));
        }
        match term {
            Term::Literal(l) if l.datatype() == cg("EDTF").as_ref() => Some(ValueDoc::Date(l.value().to_owned())),
            Term::Literal(l) if l.datatype() == xsd::STRING => Some(ValueDoc::Text(l.value().to_owned())),
            Term::Literal(l) if l.datatype() == xsd::BOOLEAN => {
                self.boolean(s, &rdf::OBJECT.into(), Some(Term::Literal(l))).map(ValueDoc::Bool)
            }
            Term::NamedNode(_) | Term::BlankNode(_) => {
                let q = self.node(s, term, "the object")?;
                self.check_properties(&q, "Quantity");
                let k = self.required(&q, &cg("amountKind"));
                let kind = self.variant::<String>(&q, &cg("amountKind"), "Amount", k)?;
                let mut value = |p: &str| {
                    let v = self.required(&q, &cg(p));
                    self.number(&q, &cg(p), v)
                };
                let amount = match kind.as_str() {
                    "Exact" => Amount::Exact(value("value")?),
                    "Around" => Amount::Around(value("value")?),
                    "AtLeast" => Amount::AtLeast(value("value")?),
                    "MoreThan" => Amount::MoreThan(value("value")?),
                    "AtMost" => Amount::AtMost(value("value")?),
                    "LessThan" => Amount::LessThan(value("value")?),
                    "Range" => {
                        let (low, high) = (value("low"), value("high"));
                        Amount::Range(low?, high?)
                    }
                    other => {
                        self.problem(&q, format!("unknown term cg:Amount-{other}"));
                        return None;
                    }
                };
                let u = self.required(&q, &cg("unit"));
                let unit = self.reference(&q, &cg("unit"), EntityKind::Unit, u)?;
                self.check_quantity(&q, &amount, &unit);
                Some(ValueDoc::Quantity { amount, unit })
            }
            other => {
                self.problem(s, format!("the object {other} is neither an actor, a claim, a quantity node, a cg:EDTF date, a string nor a boolean"));
                None
            }
        }
    }

    /// The subject, predicate and object of the triple a claim is about.
    fn statement(&mut self, s: &NamedOrBlankNode) -> Option<(Term, Term, Term)> {
        if let Some(t) = self.one(s, &rdf::REIFIES.into()) {
            return match t {
                Term::Triple(t) => Some((t.subject.into(), t.predicate.into(), t.object)),
                other => {
                    self.problem(s, format!("rdf:reifies must be a triple term, not {other}"));
                    None
                }
            };
        }
        let subject = self.one(s, &rdf::SUBJECT.into());
        let predicate = self.one(s, &rdf::PREDICATE.into());
        let object = self.one(s, &rdf::OBJECT.into());
        match (subject, predicate, object) {
            (Some(a), Some(b), Some(c)) => Some((a, b, c)),
            _ => {
                self.problem(s, "missing required triple: a claim needs rdf:reifies <<( s p o )>>, or rdf:subject, rdf:predicate and rdf:object");
                None
            }
        }
    }

    fn claim(&mut self, s: &NamedOrBlankNode) -> Option<ClaimDoc> {
        let id = self.id(s, EntityKind::Claim);
        let triple = self.statement(s);
        let (subject, predicate, object) = match triple {
            Some((a, b, c)) => (
                self.reference(s, &rdf::SUBJECT.into(), EntityKind::Actor, Some(a)),
                self.reference(s, &rdf::PREDICATE.into(), EntityKind::Predicate, Some(b)),
                self.value(s, c),
            ),
            None => (None, None, None),
        };
        let q = self.one(s, &cg("qualifier"));
        let qualifier = match q {
            Some(q) => self.reference(s, &cg("qualifier"), EntityKind::Actor, Some(q)).map(Some),
            None => Some(None),
        };
        let p = self.one(s, &cg("polarity"));
        let polarity = p.map_or(Some(Default::default()), |p| self.variant(s, &cg("polarity"), "Polarity", Some(p)));
        let t = self.one(s, &cg("stance"));
        let stance = t.map_or(Some(Default::default()), |t| self.variant(s, &cg("stance"), "Stance", Some(t)));
        let m = self.one(s, &cg("modality"));
        let modality = m.map_or(Some(Default::default()), |m| self.variant(s, &cg("modality"), "Modality", Some(m)));
        let about = self.text_of(s, cg("about"), false);
        self.check_days(s, ["aboutFirstDay", "aboutLastDay"], about.as_deref(), "cg:about");
        self.check_object(s, object.as_ref());
        let said = self.text_of(s, cg("said"), false);
        let b = self.required(s, &prov("wasAttributedTo"));
        let said_by = self.reference(s, &prov("wasAttributedTo"), EntityKind::Actor, b);
        let mode = match self.one(s, &prov("qualifiedAttribution")) {
            Some(a) => match self.node(s, a, "prov:qualifiedAttribution") {
                Some(a) => {
                    self.check_properties(&a, "Attribution");
                    let m = self.one(&a, &cg("mode"));
                    m.map_or(Some(Mode::default()), |m| self.variant(&a, &cg("mode"), "Mode", Some(m)))
                }
                None => None,
            },
            None => Some(Mode::default()),
        };
        let mut ok = true;
        let mut relayed_by = Vec::new();
        for r in self.indexed(s, &prov("qualifiedDerivation")) {
            self.check_properties(&r, "Relay");
            let e = self.one(&r, &prov("entity"));
            let source = match e {
                Some(e) => self.reference(&r, &prov("entity"), EntityKind::Source, Some(e)).map(Some),
                None => Some(None),
            };
            let by = self.activity_agent(&r);
            let m = self.one(&r, &cg("mode"));
            let mode = m.map_or(Some(Mode::relay_default()), |m| self.variant(&r, &cg("mode"), "Mode", Some(m)));
            match (source, by, mode) {
                (Some(source), Ok(by), Some(mode)) => relayed_by.push(RelayDoc { by, source, mode }),
                _ => ok = false,
            }
        }
        let i = self.one(s, &prov("hadPrimarySource"));
        let said_in = match i {
            Some(i) => self.reference(s, &prov("hadPrimarySource"), EntityKind::Source, Some(i)).map(Some),
            None => Some(None),
        };
        let r = self.required(s, &cg("readIn"));
        let source = self.reference(s, &cg("readIn"), EntityKind::Source, r);
        let quote = self.text_of(s, cg("quote"), false).unwrap_or_default();
        let unquoted = self.text_of(s, cg("unquoted"), false);
        let note = self.note(s);
        ok.then_some(())?;
        Some(ClaimDoc {
            id: id?,
            subject: subject?,
            predicate: predicate?,
            qualifier: qualifier?,
            object: object?,
            polarity: polarity?,
            stance: stance?,
            modality: modality?,
            about,
            said,
            said_by: said_by?,
            mode: mode?,
            relayed_by,
            said_in: said_in?,
            source: source?,
            quote,
            unquoted,
            note,
        })
    }

    fn conflict(&mut self, s: &NamedOrBlankNode) -> Option<ConflictDoc> {
        let id = self.id(s, EntityKind::Conflict);
        if self.one(s, &cg("claims")).is_none() {
            self.problem(s, format!("missing required triple: {s} {} (...)", cg("claims")));
        }
        let mut ok = true;
        let mut claims = Vec::new();
        for t in self.list(s, &cg("claims")) {
            match self.reference(s, &cg("claims"), EntityKind::Claim, Some(t)) {
                Some(c) => claims.push(c),
                None => ok = false,
            }
        }
        let n = self.required(s, &rdfs::COMMENT.into());
        let note = self.string(s, &rdfs::COMMENT.into(), n);
        ok.then_some(())?;
        Some(ConflictDoc { id: id?, claims, note: note? })
    }
}

/// Reads a graph from RDF in `syntax` (any of the four; triples of every named graph are
/// read as one graph). Entities are found by their `rdf:type` (`cg:Unit`, `cg:Predicate`,
/// `cg:Actor`, `cg:Source`, `cg:Claim`, `cg:Conflict`, `cg:DataSet`) and must be named under
/// `options.base`; claims may use either [`Reification`]. Triples outside the `cg:` namespace
/// that the mapping does not read (the unqualified PROV shortcuts, statements of other
/// vocabularies) are ignored.
///
/// Errors: an [`RdfError`] with a syntax error (with its line and column), or every problem of
/// the mapping (a missing required triple, an unknown `cg:` term, a literal of the wrong
/// type, a reference that is not an entity IRI), or, when the mapping is sound, every rule
/// the data loader checks (dangling references, wrong value types, malformed dates...), each
/// with the IRI of its node.
pub fn from_rdf(input: impl Read, syntax: RdfSyntax, options: &RdfOptions) -> Result<ClaimGraph, RdfError> {
    let mut graph = Triples::default();
    for quad in RdfParser::from_format(syntax.format()).for_reader(input) {
        match quad {
            Ok(q) => graph.insert(q.subject, q.predicate, q.object),
            Err(e) => {
                return Err(RdfError {
                    problems: vec![RdfProblem { node: None, message: format!("syntax error: {e}") }],
                });
            }
        }
    }
    let mut reader = Reader { graph, base: &options.base, problems: Vec::new(), factors: HashMap::new() };
    let (doc, nodes) = reader.document();
    if !reader.problems.is_empty() {
        let mut problems = reader.problems;
        problems.sort_by(|a, b| (&a.node, &a.message).cmp(&(&b.node, &b.message)));
        problems.dedup();
        return Err(RdfError { problems });
    }
    let nodes: HashMap<EntityKind, Vec<NamedOrBlankNode>> = nodes.into_iter().collect();
    load_doc("rdf", &doc).map_err(|placed| {
        let problems = placed
            .into_iter()
            .map(|Placed { problem, place, .. }| {
                let node = match place.slot {
                    Some(Slot::Entity(kind, i)) => nodes.get(&kind).and_then(|n| n.get(i)).map(ToString::to_string),
                    Some(Slot::Defaults) => Some(format!("<{}>", options.base)),
                    None => None,
                };
                RdfProblem { node, message: problem.kind.to_string() }
            })
            .collect();
        RdfError { problems }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_percent_encoded() {
        for id in ["c000_x", "%", "a b/c#d", "Казахстан", "x%2"] {
            assert_eq!(decode(&encode(id)).as_deref(), Some(id));
            assert!(NamedNode::new(format!("{DEFAULT_BASE}actor/{}", encode(id))).is_ok());
        }
        assert_eq!(encode("%"), "%25");
        assert_eq!(decode("%zz"), None);
    }

    #[test]
    fn individuals_are_named_by_enum_and_variant() {
        assert_eq!(individual("Mode", &Mode::Hedged).as_str(), "https://claimgraph.example/ns#Mode-Hedged");
        assert_eq!(
            individual("ActorKind", &ActorKind::MediaOutlet).as_str(),
            format!("{CLAIMGRAPH_NS}ActorKind-MediaOutlet")
        );
    }

    #[test]
    fn bases_are_checked() {
        assert!(RdfOptions::new().with_base("https://example.org/x/").is_ok());
        assert!(RdfOptions::new().with_base("https://example.org/x").is_err());
        assert!(RdfOptions::new().with_base("not an iri/").is_err());
    }
}
