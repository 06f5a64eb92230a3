//! Pictures of provenance: attribution chains, contradiction clusters, source derivation trees
//! and actors' neighbourhoods, as Graphviz DOT (and, with the `svg` feature, as SVG drawn in pure
//! Rust, with no Graphviz install).
//!
//! A [`Painter`] reads the graph and draws a [`Picture`]: a small graph of labelled nodes
//! (claims, actors, sources) and styled edges (hops, derivations, conflicts). The picture is
//! plain data ([`Picture::nodes`], [`Picture::edges`]); [`Picture::dot`] writes it as DOT and
//! `Picture::svg` (feature `svg`) lays it out and draws it.
//!
//! | picture | method | shows |
//! |---|---|---|
//! | attribution chain | [`Painter::attribution`] | a claim, the source it was read in, every hop back to its speaker (translations, republications, citations, relays), who performed each |
//! | contradiction cluster | [`Painter::contradiction`] | the claims of each side, their speakers and sources, red conflict edges, and the claims of the same propositions carried without endorsement (grey, dashed) |
//! | derivation tree | [`Painter::derivations`] | a source, the sources it derives from and those deriving from it, each link's kind and who performed it |
//! | actor neighbourhood | [`Painter::actor`] | the claims an actor made, the claims about it or naming it, their speakers, its affiliations, conflicts among those claims |
//!
//! Line styles: a hedged attribution ([`Mode::Hedged`]) is dashed orange,
//! an intermediary's insertion ([`Mode::Inserted`]) is dotted purple, a
//! conflict is red, carriage without endorsement is dashed grey, a hop with no recorded link is
//! dotted grey. Each picture carries a legend of the styles it uses. Quotes are shortened to
//! [`Painter::quote_chars`] characters, with an ellipsis.
//!
//! ```
//! use claimgraph::picture::Painter;
//! let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
//! let claim = graph.claim_id("c002_no_state_before_nazarbayev").expect("a known claim");
//! let picture = Painter::new(&graph).attribution(claim);
//! let dot = picture.dot().to_string();
//! assert!(dot.starts_with("digraph claimgraph {"));
//! assert!(dot.contains("translated from"));
//! assert!(dot.contains("style=dashed")); // the hedged attribution
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod actor;
mod attribution;
mod contradiction;
mod derivation;
mod dot;
mod read;
#[cfg(feature = "svg")]
mod svg;
mod text;

use std::collections::{HashMap, HashSet};

pub use dot::Dot;

use crate::model::{Mode, Polarity, Stance};
use crate::{ActorId, ClaimGraph, ClaimId, SourceId};

/// Draws [`Picture`]s of a graph, with options (quote length, how much to show).
///
/// Created by [`Painter::new`]; the options are set with the builder methods.
#[derive(Clone, Copy, Debug)]
pub struct Painter<'g> {
    graph: &'g ClaimGraph,
    quote_chars: usize,
    max_claims: usize,
    max_sources: usize,
}

impl<'g> Painter<'g> {
    /// A painter of `graph`, with quotes shortened to 70 characters, at most 24 claims in an
    /// actor's neighbourhood and at most 40 sources in a derivation tree.
    pub fn new(graph: &'g ClaimGraph) -> Painter<'g> {
        Painter { graph, quote_chars: 70, max_claims: 24, max_sources: 40 }
    }

    /// Quotes (and titles) longer than `chars` characters are cut on a character boundary and end
    /// with an ellipsis. At least 8.
    pub fn quote_chars(mut self, chars: usize) -> Painter<'g> {
        self.quote_chars = chars.max(8);
        self
    }

    /// At most `claims` claims in an actor's neighbourhood; the others are counted in a note.
    pub fn max_claims(mut self, claims: usize) -> Painter<'g> {
        self.max_claims = claims;
        self
    }

    /// At most `sources` sources in a derivation tree; the others are counted in a note.
    pub fn max_sources(mut self, sources: usize) -> Painter<'g> {
        self.max_sources = sources.max(1);
        self
    }

    /// The node of an actor.
    fn actor_node(&self, canvas: &mut Canvas, actor: ActorId) -> String {
        let id = match self.graph.actor(actor) {
            Some(a) => format!("actor:{}", a.key()),
            None => format!("actor:{actor}"),
        };
        if !canvas.has(&id) {
            let label = self.graph.actor(actor).map_or_else(|| actor.to_string(), |a| a.name().to_owned());
            canvas.node(&id, text::wrap(&text::shorten(&label, self.quote_chars), 28), NodeKind::Actor);
        }
        id
    }

    /// The node of a source: its key and language, its title, its kind.
    fn source_node(&self, canvas: &mut Canvas, source: SourceId) -> String {
        let Some(s) = self.graph.source(source) else {
            let id = format!("source:{source}");
            canvas.node(&id, source.to_string(), NodeKind::Source);
            return id;
        };
        let id = format!("source:{}", s.key());
        if !canvas.has(&id) {
            let mut label = format!("{} ({})\n", s.key(), s.language());
            label.push_str(&text::wrap(&text::shorten(s.title(), self.quote_chars), 32));
            label.push_str(&format!("\n{:?}", s.kind()));
            if let Some(outlet) = s.outlet().and_then(|o| self.graph.actor(o)) {
                label.push_str(&format!(" · {}", text::shorten(outlet.name(), 24)));
            }
            canvas.node(&id, label, NodeKind::Source);
        }
        id
    }

    /// The node of a claim: its key, its modality when not an assertion, and its quote.
    fn claim_node(&self, canvas: &mut Canvas, claim: ClaimId) -> String {
        let Some(c) = self.graph.claim(claim) else {
            let id = format!("claim:{claim}");
            canvas.node(&id, claim.to_string(), NodeKind::Claim);
            return id;
        };
        let id = format!("claim:{}", c.key());
        if !canvas.has(&id) {
            let mut label = c.key().to_owned();
            let mut flags = Vec::new();
            if c.polarity() == Polarity::Denied {
                flags.push("denied".to_owned());
            }
            if c.modality() != crate::Modality::Asserted {
                flags.push(format!("{:?}", c.modality()).to_lowercase());
            }
            if c.stance() == Stance::Carried {
                flags.push("carried".to_owned());
            }
            if !flags.is_empty() {
                label.push_str(&format!(" ({})", flags.join(", ")));
            }
            let words = match c.unquoted() {
                Some(reason) => format!("(no quote: {reason})"),
                None => format!("“{}”", text::shorten(c.quote(), self.quote_chars)),
            };
            label.push('\n');
            label.push_str(&text::wrap(&words, 32));
            let kind = if c.stance() == Stance::Carried { NodeKind::CarriedClaim } else { NodeKind::Claim };
            canvas.node(&id, label, kind);
        }
        id
    }

    /// The edge from a claim's speaker to the claim: `says` or `denies`, in the style of the
    /// claim's mode (carriage grey and dashed).
    fn speaker_edge(&self, canvas: &mut Canvas, claim: ClaimId) {
        let Some(c) = self.graph.claim(claim) else { return };
        let speaker = self.actor_node(canvas, c.said_by());
        let node = self.claim_node(canvas, claim);
        let (label, style) = if c.stance() == Stance::Carried {
            ("carries, without endorsement".to_owned(), EdgeStyle::Carried)
        } else {
            let verb = if c.polarity() == Polarity::Denied { "denies" } else { "says" };
            match c.mode() {
                Mode::Authorial => (verb.to_owned(), EdgeStyle::Plain),
                mode => (format!("{verb} ({})", text::mode_words(mode)), EdgeStyle::of_mode(mode)),
            }
        };
        canvas.edge(&speaker, &node, label, style);
    }
}

/// A drawing of part of a graph: labelled nodes and styled edges, made by a [`Painter`].
///
/// Write it as Graphviz DOT with [`Picture::dot`], or as SVG with `Picture::svg` (feature
/// `svg`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    title: String,
    across: bool,
    nodes: Vec<PictureNode>,
    edges: Vec<PictureEdge>,
}

impl Picture {
    /// What the picture shows, in one line.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether the picture is drawn from left to right (an actor's neighbourhood) rather than
    /// from top to bottom.
    pub fn is_across(&self) -> bool {
        self.across
    }

    /// The nodes, in the order they were drawn.
    pub fn nodes(&self) -> &[PictureNode] {
        &self.nodes
    }

    /// The edges, in the order they were drawn.
    pub fn edges(&self) -> &[PictureEdge] {
        &self.edges
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&PictureNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The line styles the picture uses beyond the plain one, in a fixed order, each once: the
    /// entries of its legend.
    pub fn legend(&self) -> Vec<EdgeStyle> {
        let mut styles: Vec<EdgeStyle> =
            self.edges.iter().map(|e| e.style).filter(|&s| s != EdgeStyle::Plain).collect();
        styles.sort();
        styles.dedup();
        styles
    }

    /// The picture as Graphviz DOT, a [`Display`](std::fmt::Display) wrapper:
    /// `picture.dot().to_string()`, or `write!(file, "{}", picture.dot())`.
    pub fn dot(&self) -> Dot<'_> {
        Dot::new(self)
    }

    /// The picture laid out and drawn as an SVG document, in pure Rust (the `layout-rs` crate);
    /// with the `svg` feature.
    ///
    /// Graphviz clusters have no equivalent there: the legend is drawn as a small tree of its
    /// own beside the picture.
    #[cfg(feature = "svg")]
    pub fn svg(&self) -> String {
        svg::render(self)
    }
}

/// A node of a [`Picture`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureNode {
    /// Unique in the picture: the entity kind and its data-file id (`claim:c001`, `actor:tokayev`,
    /// `source:s002_page`), or `note:N` for notes.
    pub id: String,
    /// The text drawn, lines separated by `\n`.
    pub label: String,
    /// What the node stands for, which sets its shape and colour.
    pub kind: NodeKind,
    /// The entity the picture is about (drawn with a thicker border).
    pub focus: bool,
    /// For the claims of a contradiction: the side the claim is on (sides are coloured apart).
    pub side: Option<usize>,
}

/// What a [`PictureNode`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NodeKind {
    /// A claim its speaker holds as their own.
    Claim,
    /// A claim only carried, without endorsement ([`Stance::Carried`]).
    CarriedClaim,
    /// An actor.
    Actor,
    /// A source.
    Source,
    /// A note: what was left out, or why.
    Note,
}

/// An edge of a [`Picture`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureEdge {
    /// The id of the node it starts at.
    pub from: String,
    /// The id of the node it ends at.
    pub to: String,
    /// The text drawn on it (a hop kind, a derivation kind, who performed it), lines separated
    /// by `\n`.
    pub label: String,
    /// How it is drawn.
    pub style: EdgeStyle,
}

/// How a [`PictureEdge`] is drawn, in the order of the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EdgeStyle {
    /// A solid black line: a recorded hop, derivation or link.
    Plain,
    /// Dashed orange: a hedged attribution ([`Mode::Hedged`]).
    Hedged,
    /// Dotted purple: a remark an intermediary inserted ([`Mode::Inserted`]).
    Inserted,
    /// Dashed grey: a claim carried without endorsement ([`Stance::Carried`]).
    Carried,
    /// Dotted grey: a hop with no recorded derivation link.
    Unlinked,
    /// Solid red: claims that cannot all hold.
    Conflict,
}

impl EdgeStyle {
    /// What the style means, as the legend says it.
    pub fn meaning(self) -> &'static str {
        match self {
            EdgeStyle::Plain => "recorded hop or link",
            EdgeStyle::Hedged => "hedged attribution",
            EdgeStyle::Inserted => "inserted by an intermediary",
            EdgeStyle::Carried => "carried without endorsement",
            EdgeStyle::Unlinked => "no recorded link",
            EdgeStyle::Conflict => "conflict",
        }
    }

    /// The colour, as a `#rrggbb` web colour.
    pub fn color(self) -> &'static str {
        match self {
            EdgeStyle::Plain => "#000000",
            EdgeStyle::Hedged => "#d97706",
            EdgeStyle::Inserted => "#7c3aed",
            EdgeStyle::Carried | EdgeStyle::Unlinked => "#9ca3af",
            EdgeStyle::Conflict => "#dc2626",
        }
    }

    /// The style of a hop that carries words in `mode`.
    fn of_mode(mode: Mode) -> EdgeStyle {
        match mode {
            Mode::Hedged => EdgeStyle::Hedged,
            Mode::Inserted => EdgeStyle::Inserted,
            Mode::Authorial | Mode::DirectQuote | Mode::Paraphrase => EdgeStyle::Plain,
        }
    }
}

/// A picture being drawn: nodes added once each, edges once per (from, to, label).
struct Canvas {
    title: String,
    /// Drawn from left to right.
    across: bool,
    nodes: Vec<PictureNode>,
    index: HashMap<String, usize>,
    edges: Vec<PictureEdge>,
    seen: HashSet<(String, String, String)>,
}

impl Canvas {
    fn new(title: String) -> Canvas {
        Canvas {
            title,
            across: false,
            nodes: Vec::new(),
            index: HashMap::new(),
            edges: Vec::new(),
            seen: HashSet::new(),
        }
    }

    fn has(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Adds a node unless one with this id is drawn already.
    fn node(&mut self, id: &str, label: String, kind: NodeKind) {
        if !self.has(id) {
            self.index.insert(id.to_owned(), self.nodes.len());
            self.nodes.push(PictureNode { id: id.to_owned(), label, kind, focus: false, side: None });
        }
    }

    /// The node with this id, drawn already.
    fn get_mut(&mut self, id: &str) -> Option<&mut PictureNode> {
        self.index.get(id).map(|&i| &mut self.nodes[i])
    }

    /// A note node, unconnected: what was left out.
    fn note(&mut self, label: String) {
        let id = format!("note:{}", self.nodes.len());
        self.node(&id, label, NodeKind::Note);
    }

    /// Adds an edge unless the same one is drawn already.
    fn edge(&mut self, from: &str, to: &str, label: String, style: EdgeStyle) {
        if self.seen.insert((from.to_owned(), to.to_owned(), label.clone())) {
            self.edges.push(PictureEdge { from: from.to_owned(), to: to.to_owned(), label, style });
        }
    }

    fn finish(self) -> Picture {
        Picture { title: self.title, across: self.across, nodes: self.nodes, edges: self.edges }
    }
}

/// The fill colour of a node: claims by side (or pale yellow), actors pale blue, sources grey.
fn fill_color(node: &PictureNode) -> &'static str {
    const SIDES: [&str; 4] = ["#dbeafe", "#fee2e2", "#dcfce7", "#f3e8ff"];
    match (node.kind, node.side) {
        (NodeKind::Claim, Some(side)) => SIDES[side % SIDES.len()],
        (NodeKind::Claim, None) => "#fef9c3",
        (NodeKind::CarriedClaim, _) => "#f9fafb",
        (NodeKind::Actor, _) => "#e0e7ff",
        (NodeKind::Source, _) => "#f3f4f6",
        (NodeKind::Note, _) => "#ffffff",
    }
}
