//! The picture of a contradiction: its sides, their speakers and sources, and the claims of the
//! same propositions carried without endorsement.

use super::read;
use super::{Canvas, EdgeStyle, Painter, Picture, text};
use crate::model::Stance;
use crate::query::Contradiction;

/// Above this many pairs across sides, each claim is joined to one claim of the other side only.
const MAX_CONFLICT_EDGES: usize = 16;

impl Painter<'_> {
    /// A contradiction cluster: the claims of each side (coloured by side), the speaker holding
    /// each (`says`, `denies`), the source each was read in, and red conflict edges across the
    /// sides (for a rebuttal, from each rebutting claim to the claim it rebuts). The claims of
    /// the same propositions that a source only carries, without endorsement, are drawn apart:
    /// grey and dashed, with their carriers and sources. The title holds the rule, the strength
    /// and the reason.
    ///
    /// Arguments: a contradiction found in this painter's graph. Returns the picture.
    /// Complexity: O(claims of the contradiction's proposition groups).
    ///
    /// ```
    /// use claimgraph::picture::{EdgeStyle, Painter};
    /// use claimgraph::query::contradictions;
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let found = contradictions(&graph);
    /// let picture = Painter::new(&graph).contradiction(&found[0]);
    /// assert!(picture.edges().iter().any(|e| e.style == EdgeStyle::Conflict));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contradiction(&self, contradiction: &Contradiction) -> Picture {
        let graph = self.graph;
        let cluster = read::cluster(graph, contradiction);
        let mut canvas = Canvas::new(text::shorten(&cluster.title, 240));
        for (i, side) in cluster.sides.iter().enumerate() {
            for &claim in side {
                let node = self.claim_node(&mut canvas, claim);
                if let Some(node) = canvas.get_mut(&node) {
                    node.side = Some(i);
                    node.focus = true;
                }
                self.speaker_edge(&mut canvas, claim);
                if let Some(c) = graph.claim(claim) {
                    let source = self.source_node(&mut canvas, c.source());
                    canvas.edge(&node, &source, "in".to_owned(), EdgeStyle::Plain);
                }
            }
        }
        for (a, b) in read::conflict_pairs(&cluster.sides, MAX_CONFLICT_EDGES) {
            let (a, b) = (self.claim_node(&mut canvas, a), self.claim_node(&mut canvas, b));
            if cluster.rebuttal {
                canvas.edge(&b, &a, "rebuts".to_owned(), EdgeStyle::Conflict);
            } else {
                canvas.edge(&a, &b, "contradicts".to_owned(), EdgeStyle::Conflict);
            }
        }
        // The carriers: claims of the same propositions that take no stance.
        let mut keys: Vec<_> =
            cluster.claims.iter().filter_map(|&c| graph.claim(c)).map(|c| c.proposition_key()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            for claim in graph.claims_for(key) {
                let Some(c) = graph.claim(claim) else { continue };
                if c.stance() != Stance::Carried || cluster.claims.contains(&claim) {
                    continue;
                }
                let node = self.claim_node(&mut canvas, claim);
                self.speaker_edge(&mut canvas, claim);
                let source = self.source_node(&mut canvas, c.source());
                canvas.edge(&node, &source, "in".to_owned(), EdgeStyle::Carried);
            }
        }
        canvas.finish()
    }
}
