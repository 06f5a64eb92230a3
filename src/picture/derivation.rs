//! The picture of a source's derivations: the sources it derives from, and those deriving from it.

use std::collections::{HashSet, VecDeque};

use super::{Canvas, EdgeStyle, Painter, Picture, text};
use crate::{ClaimGraph, SourceId};

impl Painter<'_> {
    /// A source derivation tree: the source, every source it derives from (followed back to the
    /// roots) and every source deriving from it (followed forward to the leaves): translations,
    /// republications, citations, published interviews. Each edge goes from the derived source
    /// to the earlier one, labelled with the kind of link and who performed it (the translator,
    /// the republisher).
    ///
    /// Arguments: the source. Returns the picture, with at most [`Painter::max_sources`] sources
    /// (a note counts the others); an unknown source gives a picture with a note.
    /// Complexity: O(sources and links drawn).
    ///
    /// ```
    /// use claimgraph::picture::Painter;
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let inosmi = graph.source_id("s002_inosmi").expect("a known source");
    /// let picture = Painter::new(&graph).derivations(inosmi);
    /// let dot = picture.dot().to_string();
    /// assert!(dot.contains("translation of\\nby InoSMI"));
    /// assert!(picture.node("source:s002_atlantico").is_some() && picture.node("source:s002_page").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn derivations(&self, source: SourceId) -> Picture {
        let graph = self.graph;
        let Some(s) = graph.source(source) else {
            let mut canvas = Canvas::new(format!("derivations of {source}"));
            canvas.note(format!("no source {source} in the graph"));
            return canvas.finish();
        };
        let mut canvas = Canvas::new(format!("derivations of {}", s.key()));
        let focus = self.source_node(&mut canvas, source);
        if let Some(node) = canvas.get_mut(&focus) {
            node.focus = true;
        }
        let mut drawn = HashSet::from([source]);
        let mut left_out = HashSet::new();
        // Back to the roots, then forward to the leaves.
        for forward in [false, true] {
            let mut queue = VecDeque::from([source]);
            while let Some(here) = queue.pop_front() {
                for (later, earlier) in links(graph, here, forward) {
                    let next = if forward { later } else { earlier };
                    if !drawn.contains(&next) {
                        if drawn.len() >= self.max_sources {
                            left_out.insert(next);
                            continue;
                        }
                        drawn.insert(next);
                        queue.push_back(next);
                    }
                    let (from, to) = (self.source_node(&mut canvas, later), self.source_node(&mut canvas, earlier));
                    for (kind, by) in graph
                        .source(later)
                        .into_iter()
                        .flat_map(|s| s.derived_from())
                        .filter(|d| d.source == earlier)
                        .map(|d| (d.kind, d.by))
                    {
                        let mut label = text::derivation_words(kind).to_owned();
                        if let Some(by) = by.and_then(|a| graph.actor(a)) {
                            label.push_str(&format!("\nby {}", text::shorten(by.name(), 24)));
                        }
                        canvas.edge(&from, &to, label, EdgeStyle::Plain);
                    }
                }
            }
        }
        if !left_out.is_empty() {
            canvas.note(format!("{} more linked source(s) not shown", left_out.len()));
        }
        canvas.finish()
    }
}

/// The derivation links at `source`, as (derived source, earlier source): those it derives from,
/// or, `forward`, those deriving from it. Each pair once, in data order.
fn links(graph: &ClaimGraph, source: SourceId, forward: bool) -> Vec<(SourceId, SourceId)> {
    let mut pairs: Vec<(SourceId, SourceId)> = if forward {
        graph.derived_sources(source).map(|(later, _)| (later, source)).collect()
    } else {
        graph.source(source).into_iter().flat_map(|s| s.derived_from()).map(|d| (source, d.source)).collect()
    };
    let mut seen = HashSet::new();
    pairs.retain(|p| seen.insert(*p));
    pairs
}
