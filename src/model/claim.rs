use serde::{Deserialize, Serialize};

use crate::{ActorId, ClaimId, PredicateId, SourceId, TimeSpec, UnitId};

/// Whether a claim affirms or denies its proposition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Polarity {
    /// The proposition holds.
    #[default]
    Affirmed,
    /// The proposition does not hold.
    Denied,
}

/// Whether the speaker takes a stance on the claim, or the source only carries it.
///
/// A fact-checker asks *who asserts, who denies, who only repeats*. The polarity answers the first
/// two for a speaker who takes a stance; carriage is the third: a source that reports that a claim
/// is going round ("rumours say", "reports claim") without asserting or denying it. Carriage never
/// forms a side of a contradiction and never counts as support; the queries list it apart, as
/// "also carried, without endorsement, by ...".
///
/// A named speaker relayed by a neutral outlet keeps their stance: an accusation an agency relays
/// is the accuser's claim (`said_by` the accuser, `mode: Paraphrase` or `DirectQuote`), with the
/// accuser's stance, not carriage by the agency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stance {
    /// The speaker (named or unnamed) holds the claim as their own: asserts it, or denies it when
    /// the polarity is [`Polarity::Denied`].
    #[default]
    Own,
    /// The source reports that the claim circulates without taking a stance; `said_by` is the
    /// carrier (the outlet or author whose text repeats it).
    Carried,
}

/// How strongly a claim is put forward.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Modality {
    /// Stated as fact.
    #[default]
    Asserted,
    /// Reported as what someone else said or did. The claim is still the speaker's stance; a
    /// source that only repeats a claim without endorsing it is carriage ([`Stance::Carried`]).
    Reported,
    /// Hedged or alleged ("reportedly", "is attributed to", "some claim").
    Hedged,
    /// A prediction or intention about the future.
    Predicted,
    /// An opinion or judgement.
    Opinion,
    /// Raised as a question.
    Question,
}

/// How the speaker's words reach the text: the mode of a "stated by" or "relayed by" link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mode {
    /// The source's own voice (its author or outlet speaking).
    #[default]
    Authorial,
    /// A verbatim quotation.
    DirectQuote,
    /// The speaker's words in the reporter's own.
    Paraphrase,
    /// A hedged attribution: "such a phrase is attributed to...", "according to some...".
    Hedged,
    /// A remark an intermediary (translator, republisher, editor) inserted in another's text; the
    /// claim is the intermediary's, not the author's.
    Inserted,
}

impl Mode {
    pub(crate) fn relay_default() -> Mode {
        Mode::Paraphrase
    }

    pub(crate) fn is_relay_default(mode: &Mode) -> bool {
        *mode == Mode::Paraphrase
    }

    /// Whether the mode weakens the attribution (a hedge).
    pub fn is_hedge(self) -> bool {
        self == Mode::Hedged
    }
}

/// A number as the text gives it: exact, approximate, a range or a bound.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Amount {
    /// Exactly this value ("6,846 km").
    Exact(f64),
    /// About this value ("around 100,000"); read as the value plus or minus
    /// [`Amount::AROUND`] of it.
    Around(f64),
    /// Between two values, inclusive ("hundreds": `Range(200, 999)`).
    Range(f64, f64),
    /// This value or more.
    AtLeast(f64),
    /// More than this value ("more than 40%").
    MoreThan(f64),
    /// This value or less ("never below" is `AtLeast`, "up to" is `AtMost`).
    AtMost(f64),
    /// Less than this value ("does not reach 20 million").
    LessThan(f64),
}

impl Amount {
    /// The relative spread of an [`Amount::Around`] value.
    pub const AROUND: f64 = 0.1;

    /// The interval of values the amount admits, in its own unit.
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Amount::Exact(x) => (x, x),
            Amount::Around(x) => {
                let d = (x * Amount::AROUND).abs();
                (x - d, x + d)
            }
            Amount::Range(a, b) => (a, b),
            Amount::AtLeast(x) | Amount::MoreThan(x) => (x, f64::INFINITY),
            Amount::AtMost(x) | Amount::LessThan(x) => (f64::NEG_INFINITY, x),
        }
    }

    /// The numbers written, for validation and display.
    pub fn numbers(&self) -> impl Iterator<Item = f64> {
        let (a, b) = match *self {
            Amount::Range(a, b) => (a, Some(b)),
            Amount::Exact(x)
            | Amount::Around(x)
            | Amount::AtLeast(x)
            | Amount::MoreThan(x)
            | Amount::AtMost(x)
            | Amount::LessThan(x) => (x, None),
        };
        std::iter::once(a).chain(b)
    }

    /// Why the amount is not valid, if it is not: a non-finite number or an inverted range.
    pub fn problem(&self) -> Option<String> {
        if self.numbers().any(|x| !x.is_finite()) {
            return Some("a quantity must be a finite number".to_owned());
        }
        if let Amount::Range(a, b) = *self
            && a > b
        {
            return Some(format!("range starts above its end ({a} > {b})"));
        }
        None
    }
}

/// A number with its unit or currency.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number, exact or approximate.
    pub amount: Amount,
    /// The unit, declared in the vocabulary.
    pub unit: UnitId,
}

/// The object of a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Another actor or entity.
    Actor(ActorId),
    /// A number with a unit.
    Quantity(Quantity),
    /// A date.
    Date(TimeSpec),
    /// A text.
    Text(String),
    /// A truth value.
    Bool(bool),
    /// Another claim: the claim is about it (a denial, a dispute, a rebuttal).
    Claim(ClaimId),
}

/// An intermediary through which a claim travelled before reaching the reporting source, in
/// "A reports that B said that C said P" (B is a relay of C's claim P reported in A).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relay {
    /// The intermediary actor, if named.
    pub by: Option<ActorId>,
    /// The intermediary source (an interview, an agency report), if known.
    pub source: Option<SourceId>,
    /// How the intermediary carried the words.
    pub mode: Mode,
}

/// A structured proposition (subject, predicate, object) as one speaker put it in one source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The id used in data files.
    pub key: String,
    /// What the claim is about.
    pub subject: ActorId,
    /// The predicate, declared in the vocabulary.
    pub predicate: PredicateId,
    /// A second actor that is part of the proposition ("border length *with Russia*").
    pub qualifier: Option<ActorId>,
    /// The object.
    pub object: Value,
    /// Affirmed or denied.
    pub polarity: Polarity,
    /// The speaker's own stance, or carriage without endorsement.
    pub stance: Stance,
    /// Asserted, reported, hedged, predicted, opinion or question.
    pub modality: Modality,
    /// The time the proposition is about.
    pub about: Option<TimeSpec>,
    /// When it was said, if the text says.
    pub said: Option<TimeSpec>,
    /// The original speaker.
    pub said_by: ActorId,
    /// How the reporting source carries the speaker's words.
    pub mode: Mode,
    /// Intermediaries between the reporting source and the speaker, nearest the source first.
    pub relayed_by: Vec<Relay>,
    /// The source in which the speaker originally said it (a speech, an interview), if known.
    pub said_in: Option<SourceId>,
    /// The source the claim was read in.
    pub source: SourceId,
    /// The verbatim words of `source` that carry the claim; empty exactly when `unquoted` says
    /// why there are none.
    pub quote: String,
    /// Why the claim has no verbatim quote, for claims that come from structured data ("from a
    /// table"); `None` for claims read in a text, whose `quote` is then required.
    pub unquoted: Option<String>,
    /// A free-text note.
    pub note: Option<String>,
}

impl Claim {
    /// A claim of `subject predicate object`, said by `said_by` in `source`: affirmed, asserted,
    /// the speaker's own stance, in their own voice, with no quote yet. Give it a quote with
    /// [`Claim::quote`] (or say why it has none with [`Claim::unquoted`]) before adding it to a
    /// graph.
    ///
    /// ```
    /// use claimgraph::{ActorKind, Amount, Claim, ClaimGraph, Polarity, Predicate, Quantity, Source, SourceKind, Unit, Value, ObjectType, Actor};
    /// let mut g = ClaimGraph::new();
    /// let km = g.add_unit(Unit::new("km", "length", 1.0))?;
    /// let border = g.add_predicate(Predicate::new("border_length", "shares a border of length", ObjectType::Quantity("length".into())).single())?;
    /// let kz = g.add_actor(Actor::new("kz", ActorKind::State, "Kazakhstan"))?;
    /// let reporter = g.add_actor(Actor::new("reporter", ActorKind::Person, "A reporter"))?;
    /// let page = g.add_source(Source::new("page", SourceKind::Article, "An article", "en"))?;
    /// let length = Value::Quantity(Quantity { amount: Amount::Exact(6846.0), unit: km });
    /// let claim = Claim::new("c1", kz, border, length, reporter, page).quote("a 6,846km border");
    /// let id = g.add_claim(claim)?;
    /// assert_eq!(g.claim(id).unwrap().polarity(), Polarity::Affirmed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        key: impl Into<String>,
        subject: ActorId,
        predicate: PredicateId,
        object: Value,
        said_by: ActorId,
        source: SourceId,
    ) -> Claim {
        Claim {
            key: key.into(),
            subject,
            predicate,
            qualifier: None,
            object,
            polarity: Polarity::Affirmed,
            stance: Stance::Own,
            modality: Modality::Asserted,
            about: None,
            said: None,
            said_by,
            mode: Mode::Authorial,
            relayed_by: Vec::new(),
            said_in: None,
            source,
            quote: String::new(),
            unquoted: None,
            note: None,
        }
    }

    /// The verbatim words of the source that carry the claim.
    pub fn quote(mut self, quote: impl Into<String>) -> Claim {
        self.quote = quote.into();
        self.unquoted = None;
        self
    }

    /// No verbatim quote, and why ("from a table").
    pub fn unquoted(mut self, reason: impl Into<String>) -> Claim {
        self.quote.clear();
        self.unquoted = Some(reason.into());
        self
    }

    /// Denied rather than affirmed.
    pub fn denied(mut self) -> Claim {
        self.polarity = Polarity::Denied;
        self
    }

    /// Carried without endorsement rather than the speaker's own stance.
    pub fn carried(mut self) -> Claim {
        self.stance = Stance::Carried;
        self
    }

    /// With this modality.
    pub fn modality(mut self, modality: Modality) -> Claim {
        self.modality = modality;
        self
    }

    /// With this mode (how the source carries the speaker's words).
    pub fn mode(mut self, mode: Mode) -> Claim {
        self.mode = mode;
        self
    }

    /// With a qualifier ("border length *with Russia*").
    pub fn qualifier(mut self, qualifier: ActorId) -> Claim {
        self.qualifier = Some(qualifier);
        self
    }

    /// About this time.
    pub fn about(mut self, about: TimeSpec) -> Claim {
        self.about = Some(about);
        self
    }

    /// Said at this time.
    pub fn said(mut self, said: TimeSpec) -> Claim {
        self.said = Some(said);
        self
    }

    /// Originally said in this source (a speech, an interview).
    pub fn said_in(mut self, source: SourceId) -> Claim {
        self.said_in = Some(source);
        self
    }

    /// With one more relay, further from the reading source than those already given.
    pub fn relayed_by(mut self, relay: Relay) -> Claim {
        self.relayed_by.push(relay);
        self
    }

    /// With a note.
    pub fn note(mut self, note: impl Into<String>) -> Claim {
        self.note = Some(note.into());
        self
    }
}
