//! The picture of a claim's attribution chains.

use super::read::{self, Target};
use super::{Canvas, EdgeStyle, Painter, Picture, text};
use crate::ClaimId;
use crate::model::Mode;

/// At most this many chains of one claim are drawn (a claim read through many translations
/// branches; the usual claim has one chain).
const MAX_CHAINS: usize = 16;

impl Painter<'_> {
    /// The attribution chains of a claim: the claim, the source it was read in, and every hop
    /// back to its speaker (translations, republications, citations, relays, the speaker),
    /// labelled with the hop's kind, the mode of the words and who performed it. Hedged hops are
    /// dashed orange, an intermediary's insertion dotted purple, a hop with no recorded link
    /// dotted grey. Chains that branch share their common nodes.
    ///
    /// Arguments: the claim. Returns the picture; an unknown claim gives a picture with a note.
    /// Complexity: that of [`attribution_chains`](crate::query::attribution_chains), plus
    /// O(hops) to draw.
    ///
    /// ```
    /// use claimgraph::picture::{EdgeStyle, Painter};
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let claim = graph.claim_id("c002_inosmi_russia_did_not_condemn").expect("a known claim");
    /// let picture = Painter::new(&graph).attribution(claim);
    /// assert!(picture.edges().iter().any(|e| e.style == EdgeStyle::Inserted));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn attribution(&self, claim: ClaimId) -> Picture {
        let graph = self.graph;
        let Some(c) = graph.claim(claim) else {
            let mut canvas = Canvas::new(format!("attribution of {claim}"));
            canvas.note(format!("no claim {claim} in the graph"));
            return canvas.finish();
        };
        let mut canvas = Canvas::new(format!("attribution of {}", c.key()));
        let top = self.claim_node(&mut canvas, claim);
        if let Some(node) = canvas.get_mut(&top) {
            node.focus = true;
        }
        let mut paths = read::chains(graph, claim, MAX_CHAINS + 1);
        let more = paths.len() > MAX_CHAINS;
        paths.truncate(MAX_CHAINS);
        for path in &paths {
            let start = self.source_node(&mut canvas, path.start);
            canvas.edge(&top, &start, "read in".to_owned(), EdgeStyle::Plain);
            let mut here = start;
            for step in &path.steps {
                let to = match step.to {
                    Target::Source(s) => self.source_node(&mut canvas, s),
                    Target::Actor(a) => self.actor_node(&mut canvas, a),
                };
                let mut label = step.label.to_owned();
                if let Some(mode) = step.mode.filter(|&m| m != Mode::Inserted) {
                    label.push_str(&format!("\n({})", text::mode_words(mode)));
                }
                if let Some(by) = step.by.and_then(|a| graph.actor(a)) {
                    label.push_str(&format!("\nby {}", text::shorten(by.name(), 24)));
                }
                canvas.edge(&here, &to, label, step.style);
                here = to;
            }
        }
        if more {
            canvas.note(format!("showing the first {MAX_CHAINS} chains"));
        }
        canvas.finish()
    }
}
