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

/// How strongly a claim is put forward.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Modality {
    /// Stated as fact.
    #[default]
    Asserted,
    /// Reported as what someone else said or did, without endorsement.
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
    /// The verbatim words of `source` that carry the claim.
    pub quote: String,
    /// A free-text note.
    pub note: Option<String>,
}
