use serde::{Deserialize, Serialize};

use crate::{ActorId, TimeSpec};

/// What kind of entity an [`Actor`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorKind {
    /// A natural person.
    Person,
    /// A sovereign state, or a self-proclaimed one.
    State,
    /// An intergovernmental organisation or alliance (CSTO, EU, SCO, UN).
    Intergovernmental,
    /// A government body: a ministry, a parliament or one of its houses or committees, a court.
    GovernmentBody,
    /// A political party, movement or informal group ("Russian propagandists").
    Group,
    /// A media outlet: newspaper, portal, agency, broadcaster or one of its sections.
    MediaOutlet,
    /// A company or consortium.
    Company,
    /// A think tank, university or consultancy.
    Institute,
    /// A place or landmark that claims are about.
    Place,
    /// An event (a war, a summit, riots) that claims are about.
    Event,
    /// Anything else, described in the actor's note.
    Other,
}

/// A role an actor holds, possibly for a span of time ("President of Kazakhstan since 2019").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The title as the sources give it.
    pub title: String,
    /// The organisation or state the role is in, if it is an actor of the graph.
    pub of: Option<ActorId>,
    /// When the role was held, if known.
    pub during: Option<TimeSpec>,
}

/// How an actor is linked to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AffiliationKind {
    /// A member state or member organisation.
    MemberOf,
    /// A part of a larger body (a section of a broadcaster, a committee of a parliament).
    PartOf,
    /// Works for (a journalist for an outlet, an official for a ministry).
    WorksFor,
    /// Leads the target.
    Leads,
    /// Owned or controlled by the target.
    OwnedBy,
}

/// A person, state, organisation, outlet, or any other named entity claims speak of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The id used in data files.
    pub key: String,
    /// What kind of entity this is.
    pub kind: ActorKind,
    /// The canonical name.
    pub name: String,
    /// Other names, spellings and transliterations (lookups fold case and diacritics).
    pub aliases: Vec<String>,
    /// Roles held, with their time spans.
    pub roles: Vec<Role>,
    /// Membership and affiliation links to other actors.
    pub affiliations: Vec<Affiliation>,
    /// A free-text note.
    pub note: Option<String>,
}

impl Actor {
    /// A new actor with no aliases, roles or affiliations.
    pub fn new(key: impl Into<String>, kind: ActorKind, name: impl Into<String>) -> Actor {
        Actor {
            key: key.into(),
            kind,
            name: name.into(),
            aliases: Vec::new(),
            roles: Vec::new(),
            affiliations: Vec::new(),
            note: None,
        }
    }

    /// The canonical name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A membership or affiliation of an actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Affiliation {
    /// The kind of link.
    pub kind: AffiliationKind,
    /// The actor linked to.
    pub target: ActorId,
    /// When the link held, if known.
    pub during: Option<TimeSpec>,
}
