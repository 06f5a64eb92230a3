//! The picture of an actor's neighbourhood: claims by it and about it, its affiliations.

use std::collections::HashSet;

use super::read;
use super::{Canvas, EdgeStyle, Painter, Picture, text};
use crate::{ActorId, ClaimId};

impl Painter<'_> {
    /// An actor's neighbourhood: the claims it made (`says`, `denies`, in the style of the mode
    /// of its words), the claims about it (subject) or naming it (object) with their speakers,
    /// its roles and affiliations and those of others in it or with it, and red conflict edges
    /// between the claims drawn that contradict each other. Drawn from left to right.
    ///
    /// Arguments: the actor. Returns the picture, with at most [`Painter::max_claims`] claims,
    /// taken in turn from its own claims, the claims about it and those naming it, each list in
    /// claim order (a note counts the others). An unknown actor gives a picture with a note.
    /// Complexity: O(claims drawn + actors) plus a contradiction scan of the graph (see
    /// [`contradictions`](crate::query::contradictions)).
    ///
    /// ```
    /// use claimgraph::picture::Painter;
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let tokayev = graph.actor_by_name("Tokayev").expect("a known actor");
    /// let picture = Painter::new(&graph).max_claims(12).actor(tokayev);
    /// assert!(picture.node("actor:tokayev").is_some_and(|n| n.focus));
    /// assert!(picture.edges().iter().any(|e| e.label == "President of Kazakhstan"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn actor(&self, actor: ActorId) -> Picture {
        let graph = self.graph;
        let Some(a) = graph.actor(actor) else {
            let mut canvas = Canvas::new(format!("neighbourhood of {actor}"));
            canvas.note(format!("no actor {actor} in the graph"));
            return canvas.finish();
        };
        let mut canvas = Canvas::new(format!("neighbourhood of {}", a.name()));
        canvas.across = true;
        let me = self.actor_node(&mut canvas, actor);
        if let Some(node) = canvas.get_mut(&me) {
            node.focus = true;
        }
        // Roles and affiliations, both ways.
        for role in a.roles() {
            if let Some(of) = role.of {
                let target = self.actor_node(&mut canvas, of);
                canvas.edge(&me, &target, text::shorten(&role.title, 40), EdgeStyle::Plain);
            }
        }
        for (other, o) in graph.actors() {
            for role in o.roles().iter().filter(|r| r.of == Some(actor) && other != actor) {
                let from = self.actor_node(&mut canvas, other);
                canvas.edge(&from, &me, text::shorten(&role.title, 40), EdgeStyle::Plain);
            }
        }
        for link in a.affiliations() {
            let target = self.actor_node(&mut canvas, link.target);
            canvas.edge(&me, &target, text::affiliation_words(link.kind).to_owned(), EdgeStyle::Plain);
        }
        for (other, o) in graph.actors() {
            for link in o.affiliations().iter().filter(|l| l.target == actor && other != actor) {
                let from = self.actor_node(&mut canvas, other);
                canvas.edge(&from, &me, text::affiliation_words(link.kind).to_owned(), EdgeStyle::Plain);
            }
        }
        // Claims: its own, about it, naming it, taken in turn from each list so that a prolific
        // speaker does not hide what others say of it.
        let mut seen = HashSet::new();
        let lists: Vec<Vec<(ClaimId, &str)>> = [
            (graph.claims_by_speaker(actor), ""),
            (graph.claims_about(actor), "about"),
            (graph.claims_with_object(actor), "names"),
        ]
        .into_iter()
        .map(|(list, role)| {
            let mut list = list.to_vec();
            list.sort();
            list.into_iter().filter(|&c| seen.insert(c)).map(|c| (c, role)).collect()
        })
        .collect();
        let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
        let mut claims: Vec<(ClaimId, &str)> =
            (0..longest).flat_map(|i| lists.iter().filter_map(move |list| list.get(i).copied())).collect();
        let total = claims.len();
        claims.truncate(self.max_claims);
        for &(claim, role) in &claims {
            let node = self.claim_node(&mut canvas, claim);
            self.speaker_edge(&mut canvas, claim);
            if !role.is_empty() {
                canvas.edge(&node, &me, role.to_owned(), EdgeStyle::Plain);
            }
        }
        let shown: HashSet<ClaimId> = claims.iter().map(|&(c, _)| c).collect();
        for (a, b) in read::conflicts_among(graph, &shown) {
            let (a, b) = (self.claim_node(&mut canvas, a), self.claim_node(&mut canvas, b));
            canvas.edge(&a, &b, "contradicts".to_owned(), EdgeStyle::Conflict);
        }
        if total > claims.len() {
            canvas.note(format!("{} more claim(s) by, about or naming {} not shown", total - claims.len(), a.name()));
        }
        canvas.finish()
    }
}
