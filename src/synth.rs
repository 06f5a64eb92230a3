//! Seeded synthetic corpora: a [`ClaimGraph`] of any size with the shape of real data, for
//! benchmarks, load tests and checking queries against a known answer.
//!
//! [`generate`] builds a graph from a [`Config`]: the number of claims and a seed. The same
//! config always gives an equal graph (same entities under the same ids), on every platform:
//! the generator uses its own SplitMix64 generator, no hash-map order and no clock.
//!
//! ```
//! use claimgraph::synth::{self, Config};
//!
//! let config = Config { claims: 5_000, seed: 7, ..Config::default() };
//! let (graph, report) = synth::generate_with_report(&config);
//! assert_eq!(graph.claim_count(), 5_000);
//! assert_eq!(graph.actor_count(), config.actor_count());
//! assert_eq!(graph.proposition_groups().count(), report.groups);
//! // About 5% of the proposition groups hold a planted contradiction.
//! let share = report.conflicting_groups as f64 / report.groups as f64;
//! assert!((0.04..0.06).contains(&share));
//! // Same config, same graph.
//! assert_eq!(graph, synth::generate(&config));
//! ```
//!
//! # What a corpus holds
//!
//! For `N` claims (every count can be overridden in the [`Config`]):
//!
//! - **Vocabulary**: 19 units in 6 dimensions (lengths, counts, ratios, durations, masses, and
//!   five currencies with exchange-rate factors) and 54 predicates of every object type (actor,
//!   quantity, date, text, boolean, claim), single- and multi-valued, with tolerances on
//!   quantities, five `excludes` pairs (`condemns`/`supports`, `neutral_in`/`supports`...) and
//!   two rebutting claim-valued predicates (`denies`, `disputes`).
//! - **Actors**: about `N/20` (at least 32 and `N/50`) of every [`ActorKind`], with unique
//!   names, aliases (variant spellings, some with diacritics), affiliations and roles.
//! - **Sources**: about `N/10` (at least 8), in derivation forests: translations, republications,
//!   citations and published interviews, 1 to `max_depth` (6) derivations deep from their
//!   origin, with branching (some sources derive from two) and a few citation cycles. Cycles run
//!   through [`DerivationKind::Cites`] only: no source translates or republishes itself, and
//!   every source reaches at least one origin (a source that derives from nothing).
//! - **Claims**: `N`, in proposition groups (same subject, predicate and qualifier) of 1 to 8
//!   claims, spread over sources and speakers, in random order. Quantities are exact or
//!   approximate ([`Amount::Around`], [`Amount::Range`], [`Amount::AtLeast`]...) and in
//!   different units of one dimension; dates of year, season, month or day precision; claims
//!   carry time scopes (`about`, sometimes an open interval), modalities (a few questions),
//!   modes, relays (`relayed_by`), `said_in` and `said`.
//!
//! # Planted contradictions
//!
//! A share [`Config::conflict_share`] (5% by default) of the proposition groups holds a
//! contradiction planted on purpose, of one of five kinds ([`Report`] counts each): opposite
//! polarity on the same value, two values of a single-valued predicate, two quantities further
//! apart than the predicate's tolerance (often in different units), a pair of predicates the
//! vocabulary declares exclusive for the same subject and object (this one makes two groups
//! conflict), and a rebuttal (`denies` or `disputes` another claim).
//!
//! Every other group is built to hold *no* contradiction, including traps a careless query
//! falls into: the same value in other units or as overlapping approximations, the same date
//! at other precisions, the same text in other letter case, a single-valued predicate taking
//! different values in non-overlapping years, a denial about another year than the
//! affirmations, denials of values nobody affirmed, and questions. So a contradiction query run
//! on a synthetic corpus must find exactly [`Report::conflicting_groups`] conflicting groups:
//! polarity, single value and quantity inside one group, exclusion across two groups of one
//! subject, rebuttal in the group of the rebutting claim. Time scopes follow
//! [`TimeSpec::overlaps`], quantities are compared after unit normalisation within the
//! predicate's tolerance, texts after [`fold_name`](crate::fold_name). No vague claim (an
//! `AtLeast` compatible with both values) bridges the two sides of a planted conflict, so a
//! query comparing claims pairwise and one that first clusters compatible values find the
//! same groups.
//!
//! # How it is built
//!
//! Everything goes through the public API: units, predicates, actors, sources and claims with
//! the `add_*` methods of [`ClaimGraph`]. The one exception is the few sources on citation
//! cycles: a source can only derive from sources already in the graph, so `add_source` cannot
//! close a cycle, and those sources (four per cycle) are first loaded from a small generated
//! RON text with [`load_str`](crate::load_str).
//!
//! Generation is linear in `N` and streams claims into the graph without holding them twice
//! (groups are planned first, then each claim is made from its group's seed when it is added):
//! a million claims take a few seconds in a release build, two thirds of it in
//! [`ClaimGraph::add_claim`].

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::model::{
    Actor, ActorKind, Affiliation, AffiliationKind, Amount, Cardinality, Claim, Derivation, DerivationKind, Modality,
    Mode, ObjectType, Polarity, Predicate, Quantity, Relay, Role, Source, SourceKind, Stance, Unit, Value,
};
use crate::{ActorId, ClaimGraph, ClaimId, DatePoint, PredicateId, SourceId, TimeSpec, UnitId};

/// What to generate. Counts left at `None` follow from [`claims`](Config::claims).
///
/// ```
/// use claimgraph::synth::Config;
/// let config = Config { claims: 100_000, seed: 42, ..Config::default() };
/// assert_eq!(config.actor_count(), 5_000);
/// assert_eq!(config.source_count(), 10_000);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The number of claims, exactly.
    pub claims: usize,
    /// The seed: equal configs give equal graphs.
    pub seed: u64,
    /// The number of actors; `None` for `claims / 20`. At least 32, and at least `claims / 50`
    /// (so that there are enough distinct propositions), in any case.
    pub actors: Option<usize>,
    /// The number of sources; `None` for `claims / 10`. At least 8 in any case.
    pub sources: Option<usize>,
    /// The share of proposition groups with a planted contradiction, from 0 to 1.
    pub conflict_share: f64,
    /// The longest derivation chain from an origin, in derivations (at least 1).
    pub max_depth: usize,
    /// The number of citation cycles; `None` for one per 500 sources, from 1 to 64. Each takes
    /// four sources, so there are none when the sources are too few.
    pub citation_cycles: Option<usize>,
}

impl Default for Config {
    /// 10,000 claims, seed 0, 5% conflicting groups, derivation chains up to 6 deep.
    fn default() -> Config {
        Config {
            claims: 10_000,
            seed: 0,
            actors: None,
            sources: None,
            conflict_share: 0.05,
            max_depth: 6,
            citation_cycles: None,
        }
    }
}

impl Config {
    /// The number of actors the graph will have.
    pub fn actor_count(&self) -> usize {
        self.actors.unwrap_or(self.claims / 20).max(32).max(self.claims / 50)
    }

    /// The number of sources the graph will have.
    pub fn source_count(&self) -> usize {
        self.sources.unwrap_or(self.claims / 10).max(8)
    }

    /// The number of citation cycles the graph will have.
    pub fn cycle_count(&self) -> usize {
        let wanted = self.citation_cycles.unwrap_or((self.source_count() / 500).clamp(1, 64));
        // Each cycle takes four sources; leave at least half the sources to the forests.
        wanted.min(self.source_count() / 8)
    }
}

/// What [`generate_with_report`] planted: the answers a contradiction query must find.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Proposition groups (distinct subject, predicate and qualifier).
    pub groups: usize,
    /// Groups that hold a contradiction, or one side of an exclusion.
    pub conflicting_groups: usize,
    /// Groups with the same value affirmed and denied at overlapping times.
    pub polarity: usize,
    /// Groups with two values of a single-valued, non-quantity predicate.
    pub single_value: usize,
    /// Groups with two quantities further apart than the predicate's tolerance.
    pub quantity: usize,
    /// Pairs of groups (hence two conflicting groups each) with mutually exclusive predicates
    /// for one subject and object.
    pub exclusion: usize,
    /// Groups of a claim that denies or disputes another claim.
    pub rebuttal: usize,
    /// Citation cycles among sources.
    pub citation_cycles: usize,
}

/// Generates the graph `config` describes. See the [module docs](self).
pub fn generate(config: &Config) -> ClaimGraph {
    generate_with_report(config).0
}

/// Generates the graph `config` describes, with a report of what was planted in it.
pub fn generate_with_report(config: &Config) -> (ClaimGraph, Report) {
    let (mut graph, report) = Generator::new(config).run();
    // Built claim by claim through the API; lay the proposition groups out for fast scans, as a
    // load does.
    graph.compact();
    (graph, report)
}

// ----- randomness ----------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough for test data.
#[derive(Clone, Debug)]
struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(mix(seed.wrapping_add(GOLDEN)))
    }

    /// A generator for one item of a stream, independent of the order items are drawn in.
    fn derive(seed: u64, stream: u64, item: u64) -> Rng {
        Rng::new(mix(seed ^ mix(stream.wrapping_mul(GOLDEN) ^ item)))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`), by Lemire's multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn range(&mut self, lo: i32, hi_inclusive: i32) -> i32 {
        lo + self.below((hi_inclusive - lo + 1) as usize) as i32
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index from a table of weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// ----- the vocabulary ------------------------------------------------------------------------

/// (key, dimension, factor): the first unit of each dimension is the one values are drawn in.
const UNITS: &[(&str, &str, f64)] = &[
    ("km", "length", 1000.0),
    ("m", "length", 1.0),
    ("mi", "length", 1609.344),
    ("person", "count", 1.0),
    ("count", "count", 1.0),
    ("thousand", "count", 1000.0),
    ("%", "ratio", 0.01),
    ("share", "ratio", 1.0),
    ("USD", "money", 1.0),
    ("EUR", "money", 1.053),
    ("RUB", "money", 0.0146),
    ("KZT", "money", 0.002_17),
    ("CNY", "money", 0.1487),
    ("t", "mass", 1.0),
    ("kt", "mass", 1000.0),
    ("Mt", "mass", 1_000_000.0),
    ("year", "duration", 1.0),
    ("month", "duration", 1.0 / 12.0),
    ("day", "duration", 1.0 / 365.25),
];

/// (dimension, low, high): the range values are drawn from, log-uniformly, in the dimension's
/// first unit.
const MAGNITUDES: &[(&str, f64, f64)] = &[
    ("length", 0.5, 7000.0),
    ("count", 100.0, 20_000_000.0),
    ("ratio", 0.5, 95.0),
    ("money", 1e5, 5e10),
    ("mass", 10.0, 5e6),
    ("duration", 1.0, 40.0),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Obj {
    Actor,
    Quantity(&'static str),
    Date,
    Text,
    Bool,
    Claim,
}

/// Which actors an exclusion-prone predicate takes as objects, so that unplanted claims of two
/// exclusive predicates never share an object: class A odd actors, class B actors at 2, 4 or 6
/// modulo 8, planted exclusions actors at 0 modulo 8.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    Any,
    A,
    B,
}

impl Class {
    fn admits(self, index: usize) -> bool {
        match self {
            Class::Any => true,
            Class::A => index % 2 == 1,
            Class::B => index.is_multiple_of(2) && !index.is_multiple_of(8),
        }
    }
}

struct PredSpec {
    key: &'static str,
    label: &'static str,
    object: Obj,
    single: bool,
    tolerance: Option<f64>,
    excludes: &'static [&'static str],
    rebuts: bool,
    /// Claims of the predicate name a second actor (the neighbour, the partner).
    qualified: bool,
    class: Class,
}

const fn p(key: &'static str, label: &'static str, object: Obj, single: bool) -> PredSpec {
    PredSpec {
        key,
        label,
        object,
        single,
        tolerance: None,
        excludes: &[],
        rebuts: false,
        qualified: false,
        class: Class::Any,
    }
}

const fn q(
    key: &'static str,
    label: &'static str,
    dim: &'static str,
    single: bool,
    tolerance: Option<f64>,
) -> PredSpec {
    PredSpec {
        key,
        label,
        object: Obj::Quantity(dim),
        single,
        tolerance,
        excludes: &[],
        rebuts: false,
        qualified: false,
        class: Class::Any,
    }
}

const fn ex(key: &'static str, label: &'static str, class: Class, excludes: &'static [&'static str]) -> PredSpec {
    PredSpec {
        key,
        label,
        object: Obj::Actor,
        single: false,
        tolerance: None,
        excludes,
        rebuts: false,
        qualified: false,
        class,
    }
}

const fn qualified(mut spec: PredSpec) -> PredSpec {
    spec.qualified = true;
    spec
}

const fn rebuts(mut spec: PredSpec) -> PredSpec {
    spec.rebuts = true;
    spec
}

/// The 54 predicates. A predicate listed in another's `excludes` comes before it.
const PREDICATES: &[PredSpec] = &[
    // Actors, single-valued.
    p("head_of_state", "has as head of state", Obj::Actor, true),
    p("located_in", "is located in", Obj::Actor, true),
    p("largest_investor", "has as its largest foreign investor", Obj::Actor, true),
    p("largest_shareholder", "has as its largest shareholder", Obj::Actor, true),
    // Actors, multi-valued; exclusion-prone ones in classes A and B.
    ex("supports", "supports", Class::B, &[]),
    ex("participates_in", "takes part in", Class::B, &[]),
    ex("aligns_with", "aligns with", Class::B, &[]),
    ex("helps_circumvent_sanctions_against", "helps circumvent the sanctions against", Class::B, &[]),
    ex("condemns", "condemns", Class::A, &["supports"]),
    ex("neutral_in", "is neutral in", Class::A, &["supports", "participates_in"]),
    ex("distances_from", "distances itself from", Class::A, &["aligns_with"]),
    ex(
        "complies_with_sanctions_against",
        "complies with the sanctions against",
        Class::A,
        &["helps_circumvent_sanctions_against"],
    ),
    p("borders", "borders", Obj::Actor, false),
    p("cooperates_with", "cooperates with", Obj::Actor, false),
    p("member_of", "is a member of", Obj::Actor, false),
    p("visited", "visited", Obj::Actor, false),
    p("recognizes", "recognises", Obj::Actor, false),
    p("threatens", "threatens", Obj::Actor, false),
    // Quantities, single-valued.
    q("population", "has a population of", "count", true, Some(0.1)),
    qualified(q("border_length", "shares a border of length", "length", true, Some(0.01))),
    q("height", "is this high", "length", true, Some(0.05)),
    q("vote_share", "received a share of the vote of", "ratio", true, Some(0.02)),
    q("poll_rating", "is credited in polls with", "ratio", true, Some(0.05)),
    q("death_toll", "left this many dead", "count", true, Some(0.1)),
    qualified(q("trade_volume", "trades with the qualifier, per year, for", "money", true, Some(0.1))),
    qualified(q("investment_total", "has received in total investment from the qualifier", "money", true, Some(0.1))),
    q("economic_loss", "lost", "money", true, Some(0.3)),
    q("gdp", "has a gross domestic product of", "money", true, Some(0.05)),
    q("oil_output", "produces this much oil per year", "mass", true, Some(0.05)),
    q("military_spending", "spends on its military per year", "money", true, None),
    q("term_length", "has a term of office of", "duration", true, Some(0.02)),
    // Quantities, multi-valued.
    q("aid_pledged", "pledged aid of", "money", false, Some(0.1)),
    qualified(q("arrivals_from", "received arrivals of people from", "count", false, Some(0.2))),
    // Dates.
    p("came_to_power", "came to power on", Obj::Date, true),
    p("occurred_on", "happened on", Obj::Date, true),
    p("founded_on", "was founded on", Obj::Date, true),
    p("resigned", "resigned on", Obj::Date, true),
    p("election_date", "holds an election on", Obj::Date, true),
    p("visited_on", "paid a visit on", Obj::Date, false),
    p("elected", "was elected or re-elected on", Obj::Date, false),
    // Texts.
    p("capital_name", "has a capital named", Obj::Text, true),
    p("official_language", "has as official language", Obj::Text, true),
    p("currency_name", "has a currency named", Obj::Text, true),
    p("described_as", "is described as", Obj::Text, false),
    p("aims_to", "aims to", Obj::Text, false),
    p("states", "states", Obj::Text, false),
    p("ranks_among", "ranks among", Obj::Text, false),
    // Truth values.
    p("is_democracy", "is a democracy", Obj::Bool, true),
    p("has_nuclear_weapons", "has nuclear weapons", Obj::Bool, true),
    p("is_landlocked", "is landlocked", Obj::Bool, true),
    p("claims_victory", "claims victory", Obj::Bool, false),
    // Claims about claims.
    p("endorses", "endorses", Obj::Claim, false),
    rebuts(p("denies", "denies", Obj::Claim, false)),
    rebuts(p("disputes", "disputes", Obj::Claim, false)),
];

const WORDS: &[&str] = &[
    "a multi-vector policy",
    "an artificial country",
    "a strategic partner",
    "a buffer state",
    "a reliable ally",
    "a colony",
    "a bridge between Europe and Asia",
    "the heart of Eurasia",
    "a transit hub",
    "a sovereign state",
    "a puppet regime",
    "a regional power",
    "modernisation",
    "neutrality",
    "stability",
    "reform",
];

const CAPITALS: &[&str] = &["Astana", "Nur-Sultan", "Almaty", "Akmola", "Tselinograd", "Bishkek", "Tashkent", "Moscow"];

const SYLLABLES: &[&str] = &[
    "ka", "ra", "bek", "sul", "tan", "nur", "zhan", "ol", "as", "ta", "na", "mir", "da", "ler", "ai", "gul", "to",
    "kay", "ev", "ser", "ik", "bol", "at", "er", "lan", "ži", "mu", "rat", "sai", "yn", "dos", "kyz",
];

const GIVEN: &[&str] = &[
    "Aigerim",
    "Nursultan",
    "Kassym",
    "Dariga",
    "Yerlan",
    "Saule",
    "Timur",
    "Gulnara",
    "Askar",
    "Dinara",
    "Marat",
    "Zhanna",
];

/// A unique, pronounceable word for `n`, from base-32 syllables.
fn word(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    let mut chars = out.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Calendar points prebuilt for the years values are drawn from, so that drawing a date does
/// not parse text.
struct Dates {
    /// For each year: the months, the three seasons within the year, then days 1, 10 and 20 of
    /// every month.
    points: Vec<DatePoint>,
}

const FIRST_YEAR: i32 = 1980;
const LAST_YEAR: i32 = 2060;
const POINTS_PER_YEAR: usize = 12 + 3 + 36;

impl Dates {
    fn new() -> Dates {
        let mut points = Vec::with_capacity((LAST_YEAR - FIRST_YEAR + 1) as usize * POINTS_PER_YEAR);
        for y in FIRST_YEAR..=LAST_YEAR {
            for m in 1..=12 {
                points.push(format!("{y:04}-{m:02}").parse().expect("valid month"));
            }
            for s in 21..=23 {
                points.push(format!("{y:04}-{s}").parse().expect("valid season"));
            }
            for m in 1..=12u8 {
                for d in [1, 10, 20] {
                    points.push(DatePoint::ymd(y, m, d).expect("valid day"));
                }
            }
        }
        Dates { points }
    }

    /// Any point within `year`, of a random precision.
    fn within(&self, rng: &mut Rng, year: i32) -> DatePoint {
        let year = year.clamp(FIRST_YEAR, LAST_YEAR);
        match rng.below(4) {
            0 => DatePoint::year(year),
            _ => self.points[(year - FIRST_YEAR) as usize * POINTS_PER_YEAR + rng.below(POINTS_PER_YEAR)],
        }
    }

    /// A point of a random precision that contains day `slot` (1st, 10th or 20th) of `month`
    /// (0-11) of `year`: the year, the month, the season or the day itself. All such points of
    /// one day overlap each other.
    fn containing(&self, rng: &mut Rng, year: i32, month: usize, slot: usize) -> DatePoint {
        let year = year.clamp(FIRST_YEAR, LAST_YEAR);
        let at = |i: usize| self.points[(year - FIRST_YEAR) as usize * POINTS_PER_YEAR + i];
        match rng.below(4) {
            0 => DatePoint::year(year),
            1 => at(month),
            2 if (2..=10).contains(&month) => at(12 + (month - 2) / 3),
            _ => at(15 + 3 * month + slot),
        }
    }
}

fn year(y: i32) -> TimeSpec {
    TimeSpec::At(DatePoint::year(y))
}

// ----- plans ---------------------------------------------------------------------------------

/// How the claims of a consistent (contradiction-free) group relate.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Style {
    /// One value, written in compatible ways (units, approximations, precisions, case).
    Same,
    /// One claim per year, in years two apart, values changing (single-valued predicates).
    Timeline,
    /// One value affirmed about a year, and denied about a year five years later.
    DeniedElsewhere,
    /// Several values (multi-valued predicates); maybe a denial of a value nobody affirmed.
    Varied { denial: bool },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Plan {
    Consistent(Style),
    Polarity,
    SingleValue,
    Quantity,
    /// One side of a planted exclusion; `object` is the shared actor.
    Exclusion {
        object: u32,
    },
    Rebuttal,
}

/// A proposition group to generate: its claims are made one by one, in any order, from the
/// group's seed and their position in it.
#[derive(Clone, Copy, Debug)]
struct Group {
    subject: u32,
    predicate: u16,
    size: u8,
    qualifier: Option<u32>,
    plan: Plan,
    seed: u64,
}

/// The group's base value and time scope, drawn from its seed.
#[derive(Clone, Copy, Debug)]
struct Base {
    actor: usize,
    x: f64,
    year: i32,
    /// The month (0-11) and day slot (0-2) of the base date.
    month: usize,
    slot: usize,
    text: usize,
    truth: bool,
    /// Whether the planted pair (members 0 and 1) speak of a year, or of no time in particular.
    dated: bool,
    about_year: i32,
}

struct Ctx {
    actors: usize,
    sources: usize,
    units: Vec<UnitId>,
    predicates: Vec<PredicateId>,
    dates: Dates,
}

impl Ctx {
    /// Units of `dim`: (id, factor), the primary one first.
    fn units_of(&self, dim: &'static str) -> impl Iterator<Item = (UnitId, f64)> + '_ {
        UNITS.iter().zip(&self.units).filter(move |((_, d, _), _)| *d == dim).map(|((_, _, f), &id)| (id, *f))
    }

    fn actor_of(&self, rng: &mut Rng, class: Class) -> usize {
        loop {
            let i = rng.below(self.actors);
            if class.admits(i) {
                return i;
            }
        }
    }

    fn base(&self, g: &Group) -> Base {
        let spec = &PREDICATES[g.predicate as usize];
        let mut rng = Rng::derive(g.seed, 1, 0);
        let x = match spec.object {
            Obj::Quantity(dim) => {
                let &(_, lo, hi) = MAGNITUDES.iter().find(|(d, _, _)| *d == dim).expect("dimension has a magnitude");
                let x = lo * (hi / lo).powf(rng.unit());
                if x > 100.0 { x.round() } else { (x * 10.0).round() / 10.0 }
            }
            _ => 0.0,
        };
        Base {
            actor: self.actor_of(&mut rng, spec.class),
            x,
            year: rng.range(1991, 2015),
            month: rng.below(12),
            slot: rng.below(3),
            text: rng.below(4 * WORDS.len()),
            truth: rng.chance(0.5),
            dated: rng.chance(0.5),
            about_year: rng.range(1995, 2024),
        }
    }

    fn text(&self, spec: &PredSpec, id: usize, variant: usize) -> String {
        let plain = match spec.key {
            "capital_name" => CAPITALS[id % CAPITALS.len()],
            _ => WORDS[id % WORDS.len()],
        };
        let n = match spec.key {
            "capital_name" => id / CAPITALS.len(),
            _ => id / WORDS.len(),
        };
        let text = if n == 0 { plain.to_owned() } else { format!("{plain} {n}") };
        match variant % 3 {
            0 => text,
            1 => text.to_uppercase(),
            _ => text.to_lowercase(),
        }
    }

    fn quantity(&self, dim: &'static str, amount: Amount, unit: usize) -> Value {
        let (unit, factor) = self.units_of(dim).nth(unit).expect("unit of the dimension");
        let scale = |v: f64| v / factor;
        let amount = match amount {
            Amount::Exact(v) => Amount::Exact(scale(v)),
            Amount::Around(v) => Amount::Around(scale(v)),
            Amount::Range(a, b) => Amount::Range(scale(a), scale(b)),
            Amount::AtLeast(v) => Amount::AtLeast(scale(v)),
            Amount::MoreThan(v) => Amount::MoreThan(scale(v)),
            Amount::AtMost(v) => Amount::AtMost(scale(v)),
            Amount::LessThan(v) => Amount::LessThan(scale(v)),
        };
        Value::Quantity(Quantity { amount, unit })
    }

    /// The `k`-th value of the group (k = 0 is the base value): values of different `k` differ
    /// (beyond tolerance, in non-overlapping years); `variant` writes the same value in another
    /// compatible way; `open` admits one-sided bounds (`AtLeast`, `AtMost`), which are
    /// compatible with every larger or smaller value and so only fit groups of one value.
    fn value(&self, rng: &mut Rng, g: &Group, base: &Base, k: usize, variant: bool, open: bool) -> Value {
        let spec = &PREDICATES[g.predicate as usize];
        match spec.object {
            Obj::Actor if k == 0 => Value::Actor(ActorId::from_index(base.actor)),
            Obj::Actor => {
                let mut r = Rng::derive(g.seed, 2, k as u64);
                loop {
                    let a = self.actor_of(&mut r, spec.class);
                    if a != base.actor {
                        return Value::Actor(ActorId::from_index(a));
                    }
                }
            }
            Obj::Quantity(dim) => {
                let x = base.x * 2f64.powi(k as i32);
                if !variant {
                    return self.quantity(dim, Amount::Exact(x), 0);
                }
                let units = self.units_of(dim).count();
                let amount = match rng.below(if open { 6 } else { 4 }) {
                    0 => Amount::Exact(x),
                    1 => Amount::Around(x * 1.05),
                    2 => Amount::Range(x * 0.95, x * 1.05),
                    3 => Amount::Exact(x),
                    4 => Amount::AtLeast(x * 0.9),
                    _ => Amount::AtMost(x * 1.1),
                };
                self.quantity(dim, amount, rng.below(units))
            }
            Obj::Date => {
                let y = base.year + 3 * k as i32;
                let point =
                    if variant { self.dates.containing(rng, y, base.month, base.slot) } else { DatePoint::year(y) };
                Value::Date(TimeSpec::At(point))
            }
            Obj::Text => {
                Value::Text(self.text(spec, base.text + k * 4 * WORDS.len(), if variant { rng.below(3) } else { 0 }))
            }
            Obj::Bool => Value::Bool(base.truth ^ (k % 2 == 1)),
            Obj::Claim => unreachable!("claim values are drawn when the claim is added"),
        }
    }

    fn about(&self, rng: &mut Rng) -> Option<TimeSpec> {
        match rng.below(20) {
            0..=7 => None,
            8..=16 => Some(year(rng.range(1995, 2024))),
            17 | 18 => Some(TimeSpec::Between(Some(DatePoint::year(rng.range(1995, 2020))), None)),
            _ => {
                let a = rng.range(1995, 2018);
                Some(TimeSpec::Between(Some(DatePoint::year(a)), Some(DatePoint::year(a + rng.range(1, 6)))))
            }
        }
    }

    /// The object, polarity and time scope of member `m` of group `g`, and whether its modality
    /// must count (not a question) for the planted contradiction to hold. `None` as object: a
    /// claim, drawn when the claim is added.
    fn proposition(&self, g: &Group, m: usize, rng: &mut Rng) -> (Option<Value>, Polarity, Option<TimeSpec>, bool) {
        let spec = &PREDICATES[g.predicate as usize];
        let base = self.base(g);
        let size = usize::from(g.size);
        let planted_about = if base.dated { Some(year(base.about_year)) } else { None };
        let affirmed = Polarity::Affirmed;
        if spec.object == Obj::Claim {
            let about = if g.plan == Plan::Rebuttal { None } else { self.about(rng) };
            return (None, affirmed, about, g.plan == Plan::Rebuttal);
        }
        match g.plan {
            Plan::Consistent(Style::Same) => {
                (Some(self.value(rng, g, &base, 0, true, true)), affirmed, self.about(rng), false)
            }
            Plan::Consistent(Style::Timeline) => (
                Some(self.value(rng, g, &base, m, false, false)),
                affirmed,
                Some(year(base.about_year - 16 + 2 * m as i32)),
                false,
            ),
            Plan::Consistent(Style::DeniedElsewhere) => {
                let value = self.value(rng, g, &base, 0, true, true);
                if m + 1 == size {
                    (Some(value), Polarity::Denied, Some(year(base.about_year + 5)), false)
                } else {
                    (Some(value), affirmed, Some(year(base.about_year)), false)
                }
            }
            Plan::Consistent(Style::Varied { denial }) => {
                if denial && m + 1 == size {
                    match self.unaffirmed(g, &base) {
                        Some(value) => (Some(value), Polarity::Denied, self.about(rng), false),
                        None => (Some(self.value(rng, g, &base, 0, false, false)), affirmed, self.about(rng), false),
                    }
                } else {
                    let k = Self::varied_k(g, m);
                    (Some(self.value(rng, g, &base, k, true, false)), affirmed, self.about(rng), false)
                }
            }
            Plan::Polarity => match m {
                0 => (Some(self.value(rng, g, &base, 0, true, false)), affirmed, planted_about, true),
                1 => (Some(self.value(rng, g, &base, 0, true, false)), Polarity::Denied, planted_about, true),
                _ => (Some(self.value(rng, g, &base, 0, true, true)), affirmed, self.about(rng), false),
            },
            Plan::SingleValue => match m {
                0 => (Some(self.value(rng, g, &base, 0, false, false)), affirmed, planted_about, true),
                1 => (Some(self.value(rng, g, &base, 1, false, false)), affirmed, planted_about, true),
                _ => (Some(self.value(rng, g, &base, 0, true, true)), affirmed, self.about(rng), false),
            },
            Plan::Quantity => {
                let Obj::Quantity(dim) = spec.object else { unreachable!("quantity plans have quantity predicates") };
                match m {
                    0 => (Some(self.quantity(dim, Amount::Exact(base.x), 0)), affirmed, planted_about, true),
                    1 => {
                        // Beyond the tolerance from the base value and from its closed
                        // approximations (up to 1.155 x), which the other members use.
                        let tolerance = spec.tolerance.unwrap_or(0.05);
                        let y = base.x * (1.3 + 3.0 * tolerance);
                        let unit = if rng.chance(0.5) { rng.below(self.units_of(dim).count()) } else { 0 };
                        let y = if y > 100.0 { y.round() } else { y };
                        (Some(self.quantity(dim, Amount::Exact(y), unit)), affirmed, planted_about, true)
                    }
                    // No open bound (`AtLeast`) here: it would be compatible with both planted
                    // values, and queries that cluster compatible values would merge them.
                    _ => (Some(self.value(rng, g, &base, 0, true, false)), affirmed, self.about(rng), false),
                }
            }
            Plan::Exclusion { object } => {
                (Some(Value::Actor(ActorId::from_index(object as usize))), affirmed, None, m == 0)
            }
            Plan::Rebuttal => unreachable!("rebuttals have claim-valued predicates"),
        }
    }

    /// Which value member `m` of a varied group affirms.
    fn varied_k(g: &Group, m: usize) -> usize {
        Rng::derive(g.seed, 3, m as u64).below(usize::from(g.size))
    }

    /// A value no member of a varied group affirms, if one is found.
    fn unaffirmed(&self, g: &Group, base: &Base) -> Option<Value> {
        let spec = &PREDICATES[g.predicate as usize];
        let size = usize::from(g.size);
        let mut scratch = Rng::new(0);
        match spec.object {
            Obj::Bool => {
                // Every affirmed truth value is the base one or its negation, by k's parity.
                let ks: Vec<usize> = (0..size - 1).map(|m| Self::varied_k(g, m)).collect();
                match ks.first() {
                    None => Some(Value::Bool(base.truth)),
                    Some(&k0) if ks.iter().all(|k| k % 2 == k0 % 2) => Some(Value::Bool(base.truth ^ (k0 % 2 == 0))),
                    Some(_) => None,
                }
            }
            Obj::Actor => {
                let taken: Vec<Value> = (0..size - 1)
                    .map(|m| self.value(&mut scratch, g, base, Self::varied_k(g, m), false, false))
                    .collect();
                (size..size + 64)
                    .map(|k| self.value(&mut scratch, g, base, k, false, false))
                    .find(|v| !taken.contains(v))
            }
            // Values of a k at or above the size are never affirmed.
            _ => Some(self.value(&mut scratch, g, base, size, false, false)),
        }
    }
}

// ----- the generator -------------------------------------------------------------------------

struct Generator<'a> {
    config: &'a Config,
    rng: Rng,
    graph: ClaimGraph,
    report: Report,
}

const KINDS_OF_ACTOR: [ActorKind; 20] = {
    use ActorKind::*;
    [
        Person,
        Person,
        Person,
        Person,
        Person,
        Person,
        Person,
        Person,
        Person,
        Person,
        State,
        State,
        GovernmentBody,
        MediaOutlet,
        MediaOutlet,
        Group,
        Company,
        Institute,
        Place,
        Event,
    ]
};

fn kind_of_actor(i: usize) -> ActorKind {
    KINDS_OF_ACTOR[i % KINDS_OF_ACTOR.len()]
}

/// An actor of `kind` near index `i` (actor kinds repeat with period 20), below `limit`.
fn near_kind(i: usize, kind: ActorKind, limit: usize) -> Option<usize> {
    let offset = KINDS_OF_ACTOR.iter().position(|&k| k == kind)?;
    let base = i - i % KINDS_OF_ACTOR.len();
    [base + offset, base.checked_sub(KINDS_OF_ACTOR.len()).map_or(usize::MAX, |b| b + offset)]
        .into_iter()
        .find(|&j| j < limit)
}

const LANGUAGES: &[&str] = &["ru", "kk", "en", "fr", "it", "de", "zh", "tr"];

/// What the generator knows of each source while drawing later ones and claims.
#[derive(Clone, Copy, Debug)]
struct SourceInfo {
    depth: u8,
    kind: SourceKind,
    year: i32,
    language: u8,
    /// The first origin reached along first derivations.
    root: u32,
    /// The first derivation's source, if any.
    parent: Option<u32>,
}

impl<'a> Generator<'a> {
    fn new(config: &'a Config) -> Generator<'a> {
        Generator { config, rng: Rng::new(config.seed), graph: ClaimGraph::new(), report: Report::default() }
    }

    fn run(mut self) -> (ClaimGraph, Report) {
        let mut infos = self.cycles();
        let units = UNITS
            .iter()
            .map(|&(key, dimension, factor)| {
                let note = (dimension == "money" && key != "USD").then(|| "synthetic exchange rate to USD".to_owned());
                self.graph
                    .add_unit(Unit { key: key.to_owned(), dimension: dimension.to_owned(), factor, note })
                    .expect("unit")
            })
            .collect();
        let predicates = self.predicates();
        self.actors();
        self.sources(&mut infos);
        let ctx = Ctx {
            actors: self.config.actor_count(),
            sources: self.config.source_count(),
            units,
            predicates,
            dates: Dates::new(),
        };
        let groups = self.plan();
        self.claims(&ctx, &groups, &infos);
        (self.graph, self.report)
    }

    /// Loads the sources on citation cycles (see the module docs) and returns what later steps
    /// need to know of them. Per cycle: an interview, an article that publishes it and cites the
    /// third article, which cites the second, which cites the first.
    fn cycles(&mut self) -> Vec<SourceInfo> {
        let cycles = self.config.cycle_count();
        self.report.citation_cycles = cycles;
        let mut infos = Vec::with_capacity(self.config.source_count());
        if cycles == 0 {
            return infos;
        }
        let mut ron = String::from("(sources: [\n");
        for c in 0..cycles {
            let s = 4 * c;
            let y = self.rng.range(1995, 2020);
            let language = self.rng.below(LANGUAGES.len());
            let lang = LANGUAGES[language];
            let _ = writeln!(
                ron,
                "(id: \"s{s}\", kind: Interview, title: \"Interview {s}\", language: \"{lang}\", published: Some(\"{y}\")),"
            );
            let derived = [
                format!("(kind: PublishesInterview, source: \"s{s}\"), (kind: Cites, source: \"s{}\")", s + 3),
                format!("(kind: Cites, source: \"s{}\")", s + 1),
                format!("(kind: Cites, source: \"s{}\")", s + 2),
            ];
            infos.push(SourceInfo {
                depth: 0,
                kind: SourceKind::Interview,
                year: y,
                language: language as u8,
                root: s as u32,
                parent: None,
            });
            for (i, d) in derived.iter().enumerate() {
                let id = s + 1 + i;
                let _ = writeln!(
                    ron,
                    "(id: \"s{id}\", kind: Article, title: \"Article {id}\", language: \"{lang}\", published: Some(\"{}\"), derived_from: [{d}]),",
                    y + 1
                );
                infos.push(SourceInfo {
                    depth: 1 + i as u8,
                    kind: SourceKind::Article,
                    year: y + 1,
                    language: language as u8,
                    root: s as u32,
                    parent: Some((id - 1) as u32),
                });
            }
        }
        ron.push_str("])\n");
        self.graph = crate::load_str("synth-citation-cycles.ron", &ron).expect("generated cycles load");
        infos
    }

    fn predicates(&mut self) -> Vec<PredicateId> {
        let mut ids: Vec<PredicateId> = Vec::with_capacity(PREDICATES.len());
        for spec in PREDICATES {
            let excludes = spec
                .excludes
                .iter()
                .map(|k| ids[PREDICATES.iter().position(|s| s.key == *k).expect("excluded predicate is declared")])
                .collect();
            let object = match spec.object {
                Obj::Actor => ObjectType::Actor,
                Obj::Quantity(d) => ObjectType::Quantity(d.to_owned()),
                Obj::Date => ObjectType::Date,
                Obj::Text => ObjectType::Text,
                Obj::Bool => ObjectType::Bool,
                Obj::Claim => ObjectType::Claim,
            };
            let predicate = Predicate {
                key: spec.key.to_owned(),
                label: spec.label.to_owned(),
                object,
                cardinality: if spec.single { Cardinality::Single } else { Cardinality::Multi },
                excludes,
                rebuts: spec.rebuts,
                tolerance: spec.tolerance,
                note: spec.qualified.then(|| "qualifier: the other party".to_owned()),
            };
            ids.push(self.graph.add_predicate(predicate).expect("predicate"));
        }
        ids
    }

    fn actors(&mut self) {
        let n = self.config.actor_count();
        for i in 0..n {
            let kind = kind_of_actor(i);
            let w = word(i);
            let name = match kind {
                ActorKind::Person => format!("{} {w}ov", self.rng.pick(GIVEN)),
                ActorKind::State => format!("Republic of {w}stan"),
                ActorKind::GovernmentBody => format!("Ministry of {w}"),
                ActorKind::MediaOutlet => format!("{w} News"),
                ActorKind::Group => format!("{w} Movement"),
                ActorKind::Company => format!("{w}Gas"),
                ActorKind::Institute => format!("{w} Institute"),
                ActorKind::Place => format!("{w} Tower"),
                ActorKind::Event => format!("{w} Summit"),
                _ => w.clone(),
            };
            let mut actor = Actor::new(format!("a{i}"), kind, name);
            if self.rng.chance(0.3) {
                actor.aliases.push(match kind {
                    ActorKind::Person => format!("{w}ova"),
                    ActorKind::State => format!("{w}stan"),
                    _ => format!("{w} ({i})"),
                });
                if self.rng.chance(0.3) {
                    actor.aliases.push(actor.name.replace('a', "á").replace('o', "ö"));
                }
            }
            if kind == ActorKind::Person && i >= 20 {
                if self.rng.chance(0.4) {
                    let target = near_kind(self.rng.below(i), ActorKind::MediaOutlet, i);
                    actor.affiliations.extend(target.map(|t| Affiliation {
                        kind: AffiliationKind::WorksFor,
                        target: ActorId::from_index(t),
                        during: None,
                    }));
                }
                if self.rng.chance(0.05) {
                    let of = near_kind(self.rng.below(i), ActorKind::State, i).map(ActorId::from_index);
                    let since = DatePoint::year(self.rng.range(1991, 2022));
                    actor.roles.push(Role {
                        title: "Minister".to_owned(),
                        of,
                        during: Some(TimeSpec::Between(Some(since), None)),
                    });
                }
            }
            self.graph.add_actor(actor).expect("actor");
        }
    }

    /// Whether a source can take one more derivation under it.
    fn eligible(&self, infos: &[SourceInfo], s: usize) -> bool {
        usize::from(infos[s].depth) < self.config.max_depth.max(1)
    }

    /// A source to derive from: half the time a recent one (long chains), else any (branching).
    fn parent(&mut self, infos: &[SourceInfo], avoid: Option<usize>) -> Option<usize> {
        let n = infos.len();
        for _ in 0..8 {
            let s = if self.rng.chance(0.5) { n - 1 - self.rng.below(n.min(16)) } else { self.rng.below(n) };
            if self.eligible(infos, s) && Some(s) != avoid {
                return Some(s);
            }
        }
        None
    }

    fn sources(&mut self, infos: &mut Vec<SourceInfo>) {
        let n = self.config.source_count();
        let actors = self.config.actor_count();
        for i in infos.len()..n {
            let first_year = self.rng.range(1995, 2024);
            let language = self.rng.below(LANGUAGES.len());
            let parent = if infos.is_empty() || self.rng.chance(0.25) { None } else { self.parent(infos, None) };
            let mut info = match parent {
                None => SourceInfo {
                    depth: 0,
                    kind: *self.rng.pick(&[
                        SourceKind::Interview,
                        SourceKind::Speech,
                        SourceKind::Statement,
                        SourceKind::Report,
                        SourceKind::Article,
                        SourceKind::Broadcast,
                        SourceKind::SocialPost,
                    ]),
                    year: first_year,
                    language: language as u8,
                    root: i as u32,
                    parent: None,
                },
                Some(p) => {
                    let up = infos[p];
                    SourceInfo {
                        depth: up.depth + 1,
                        kind: SourceKind::Article,
                        year: (up.year + self.rng.range(0, 1)).min(2025),
                        language: up.language,
                        root: up.root,
                        parent: Some(p as u32),
                    }
                }
            };
            let mut derived_from = Vec::new();
            if let Some(p) = parent {
                let spoken =
                    matches!(infos[p].kind, SourceKind::Interview | SourceKind::Speech | SourceKind::Broadcast);
                let kind = if spoken && self.rng.chance(0.4) {
                    DerivationKind::PublishesInterview
                } else {
                    *self.rng.pick(&[
                        DerivationKind::TranslationOf,
                        DerivationKind::RepublicationOf,
                        DerivationKind::RepublicationOf,
                        DerivationKind::Cites,
                        DerivationKind::Cites,
                        DerivationKind::Cites,
                    ])
                };
                info.kind = match kind {
                    DerivationKind::TranslationOf => {
                        info.language = ((usize::from(info.language) + 1 + self.rng.below(LANGUAGES.len() - 1))
                            % LANGUAGES.len()) as u8;
                        SourceKind::Translation
                    }
                    DerivationKind::RepublicationOf => SourceKind::Republication,
                    DerivationKind::PublishesInterview => *self.rng.pick(&[SourceKind::Article, SourceKind::Broadcast]),
                    DerivationKind::Cites => *self.rng.pick(&[
                        SourceKind::Article,
                        SourceKind::Article,
                        SourceKind::Report,
                        SourceKind::SocialPost,
                    ]),
                };
                let by = if kind == DerivationKind::Cites || self.rng.chance(0.4) {
                    None
                } else {
                    near_kind(self.rng.below(actors), ActorKind::MediaOutlet, actors).map(ActorId::from_index)
                };
                derived_from.push(Derivation { kind, source: SourceId::from_index(p), by });
                // Branching: some sources also cite a second one.
                if self.rng.chance(0.1)
                    && let Some(second) = self.parent(infos, Some(p))
                {
                    info.depth = info.depth.max(infos[second].depth + 1);
                    derived_from.push(Derivation {
                        kind: DerivationKind::Cites,
                        source: SourceId::from_index(second),
                        by: None,
                    });
                }
            }
            let mut source = Source::new(
                format!("s{i}"),
                info.kind,
                format!("{:?} {i}", info.kind),
                LANGUAGES[usize::from(info.language)],
            );
            source.derived_from = derived_from;
            source.outlet = near_kind(self.rng.below(actors), ActorKind::MediaOutlet, actors).map(ActorId::from_index);
            if self.rng.chance(0.6) {
                source
                    .authors
                    .extend(near_kind(self.rng.below(actors), ActorKind::Person, actors).map(ActorId::from_index));
            }
            source.published = match self.rng.below(4) {
                0 => None,
                1 => Some(year(info.year)),
                _ => Some(TimeSpec::At(
                    DatePoint::ymd(info.year, 1 + self.rng.below(12) as u8, 1 + self.rng.below(28) as u8)
                        .expect("valid day"),
                )),
            };
            if self.rng.chance(0.1) {
                source.url = Some(format!("https://example.org/{}/{i}", LANGUAGES[usize::from(info.language)]));
            }
            self.graph.add_source(source).expect("source");
            infos.push(info);
        }
    }

    /// Draws every proposition group: keys, sizes and plans.
    fn plan(&mut self) -> Vec<Group> {
        let n = self.config.claims;
        let share = self.config.conflict_share.clamp(0.0, 1.0);
        let actors = self.config.actor_count();
        let mut groups: Vec<Group> = Vec::with_capacity(n / 3 + 1);
        let mut keys: HashSet<(u32, u16, Option<u32>)> = HashSet::with_capacity(n / 3 + 1);
        let mut planted_exclusions: HashSet<(u32, u32)> = HashSet::new();
        let mut planned = 0;
        let mut conflicting = 0;
        const SIZES: [u8; 12] = [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8];
        let by = |f: &dyn Fn(&PredSpec) -> bool| -> Vec<u16> {
            PREDICATES.iter().enumerate().filter(|(_, s)| f(s)).map(|(i, _)| i as u16).collect()
        };
        let consistent_preds = by(&|s| !s.rebuts);
        let polarity_preds = by(&|s| s.object != Obj::Claim);
        let single_preds = by(&|s| s.single && matches!(s.object, Obj::Actor | Obj::Date | Obj::Text | Obj::Bool));
        let quantity_preds = by(&|s| s.single && matches!(s.object, Obj::Quantity(_)));
        let rebut_preds = by(&|s| s.rebuts);
        let exclusion_pairs: Vec<(u16, u16)> = PREDICATES
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                s.excludes
                    .iter()
                    .map(move |k| (i as u16, PREDICATES.iter().position(|t| t.key == *k).unwrap_or(0) as u16))
            })
            .collect();

        while planned < n {
            let remaining = n - planned;
            let seed = self.rng.next_u64();
            let mut size = (*self.rng.pick(&SIZES)).min(remaining.min(255) as u8);
            // The first group is never about claims: the first claim added has none to refer to.
            let conflict = !groups.is_empty() && (conflicting + 1) as f64 <= share * (groups.len() + 1) as f64;
            // Polarity, single value, quantity, exclusion, rebuttal.
            let mut kind = if conflict { self.rng.weighted(&[30, 25, 25, 10, 10]) } else { usize::MAX };
            if (kind <= 2 || kind == 3) && remaining < 2 {
                kind = 4;
            }
            if kind == 3 && size as usize == remaining {
                size -= 1;
            }
            if kind <= 2 {
                size = size.max(2);
            }
            if kind == 4 {
                size = size.min(2);
            }
            let mut partner = None;
            let (predicate, plan) = match kind {
                0 => (*self.rng.pick(&polarity_preds), Plan::Polarity),
                1 => (*self.rng.pick(&single_preds), Plan::SingleValue),
                2 => (*self.rng.pick(&quantity_preds), Plan::Quantity),
                3 => {
                    let &(a, b) = self.rng.pick(&exclusion_pairs);
                    let (p, q) = if self.rng.chance(0.5) { (a, b) } else { (b, a) };
                    partner = Some(q);
                    (p, Plan::Exclusion { object: 0 })
                }
                4 => (*self.rng.pick(&rebut_preds), Plan::Rebuttal),
                _ => {
                    let p = if groups.is_empty() { polarity_preds[0] } else { *self.rng.pick(&consistent_preds) };
                    let spec = &PREDICATES[p as usize];
                    let style = match (spec.single, self.rng.below(10)) {
                        (_, 0..=4) if spec.object == Obj::Claim => Style::Same,
                        (true, 0..=4) | (false, 0..=2) => Style::Same,
                        (true, 5..=7) => Style::Timeline,
                        (false, 3..=7) => Style::Varied { denial: self.rng.chance(0.4) },
                        _ if size >= 2 => Style::DeniedElsewhere,
                        _ => Style::Same,
                    };
                    let style = if spec.object == Obj::Claim { Style::Same } else { style };
                    (p, Plan::Consistent(style))
                }
            };
            let spec = &PREDICATES[predicate as usize];
            // A fresh key: retry the subject (and qualifier) until unused; skew towards the
            // first actors at first, then uniform.
            let mut found = None;
            for attempt in 0..64 {
                let subject = if attempt < 4 {
                    let u = self.rng.unit();
                    ((u * u) * actors as f64) as usize
                } else {
                    self.rng.below(actors)
                } as u32;
                let qualifier = spec.qualified.then(|| self.rng.below(actors) as u32).filter(|&q| q != subject);
                let qualifier =
                    if spec.qualified && qualifier.is_none() { Some((subject + 1) % actors as u32) } else { qualifier };
                if keys.contains(&(subject, predicate, qualifier)) {
                    continue;
                }
                match partner {
                    Some(q) => {
                        // Both keys fresh, and a reserved object no other planted exclusion of
                        // this subject uses.
                        if keys.contains(&(subject, q, None)) {
                            continue;
                        }
                        let object = (0..8)
                            .map(|_| (self.rng.below(actors.div_ceil(8)) * 8) as u32)
                            .find(|&x| !planted_exclusions.contains(&(subject, x)));
                        let Some(object) = object else { continue };
                        found = Some((subject, qualifier, Some((q, object))));
                    }
                    None => found = Some((subject, qualifier, None)),
                }
                break;
            }
            let Some((subject, qualifier, exclusion)) = found else {
                // Every draw hit a used key: draw another group (rare: with an actor per 50
                // claims or more and 54 predicates, there are more keys than claims).
                continue;
            };
            keys.insert((subject, predicate, qualifier));
            let mut group = Group { subject, predicate, size: size.max(1), qualifier, plan, seed };
            match plan {
                Plan::Consistent(_) => {}
                Plan::Polarity => self.report.polarity += 1,
                Plan::SingleValue => self.report.single_value += 1,
                Plan::Quantity => self.report.quantity += 1,
                Plan::Rebuttal => self.report.rebuttal += 1,
                Plan::Exclusion { .. } => self.report.exclusion += 1,
            }
            if let Some((partner, object)) = exclusion {
                planted_exclusions.insert((subject, object));
                group.plan = Plan::Exclusion { object };
                keys.insert((subject, partner, None));
                groups.push(group);
                groups.push(Group {
                    subject,
                    predicate: partner,
                    size: 1,
                    qualifier: None,
                    plan: Plan::Exclusion { object },
                    seed: self.rng.next_u64(),
                });
                planned += usize::from(group.size) + 1;
                conflicting += 2;
            } else {
                groups.push(group);
                planned += usize::from(group.size);
                conflicting += usize::from(!matches!(plan, Plan::Consistent(_)));
            }
        }
        self.report.groups = groups.len();
        self.report.conflicting_groups = conflicting;
        groups
    }

    /// Makes and adds every claim, in random order across groups.
    fn claims(&mut self, ctx: &Ctx, groups: &[Group], infos: &[SourceInfo]) {
        let mut order: Vec<u64> = Vec::with_capacity(self.config.claims);
        for (g, group) in groups.iter().enumerate() {
            order.extend((0..u64::from(group.size)).map(|m| ((g as u64) << 8) | m));
        }
        for i in (1..order.len()).rev() {
            order.swap(i, self.rng.below(i + 1));
        }
        // The first claim added must not be about another claim (there is none yet).
        let is_claim_valued = |e: u64| PREDICATES[groups[(e >> 8) as usize].predicate as usize].object == Obj::Claim;
        if let Some(first) = order.iter().position(|&e| !is_claim_valued(e)) {
            order.swap(0, first);
        }
        let mut added: Vec<ClaimId> = Vec::with_capacity(order.len());
        for (i, &entry) in order.iter().enumerate() {
            let g = &groups[(entry >> 8) as usize];
            let m = (entry & 0xff) as usize;
            let mut rng = Rng::derive(g.seed, 4, m as u64);
            let (object, polarity, about, planted) = ctx.proposition(g, m, &mut rng);
            let object = object.unwrap_or_else(|| Value::Claim(added[rng.below(added.len().max(1))]));
            let source = rng.below(ctx.sources);
            let info = infos[source];
            let modality = if planted {
                if rng.chance(0.8) { Modality::Asserted } else { Modality::Reported }
            } else {
                [
                    Modality::Asserted,
                    Modality::Reported,
                    Modality::Hedged,
                    Modality::Opinion,
                    Modality::Predicted,
                    Modality::Question,
                ][rng.weighted(&[70, 12, 6, 5, 5, 2])]
            };
            let speaker = if g.plan == Plan::Rebuttal { g.subject as usize } else { rng.below(ctx.actors) };
            let mode =
                [Mode::Authorial, Mode::DirectQuote, Mode::Paraphrase, Mode::Hedged][rng.weighted(&[30, 30, 30, 10])];
            let mut relayed_by = Vec::new();
            if rng.chance(0.1) {
                for _ in 0..1 + rng.below(2) {
                    relayed_by.push(Relay {
                        by: Some(ActorId::from_index(rng.below(ctx.actors))),
                        source: info.parent.filter(|_| rng.chance(0.5)).map(|p| SourceId::from_index(p as usize)),
                        mode: [Mode::Paraphrase, Mode::DirectQuote, Mode::Hedged][rng.below(3)],
                    });
                }
            }
            let said_in =
                (info.root as usize != source && rng.chance(0.25)).then(|| SourceId::from_index(info.root as usize));
            let said = rng.chance(0.2).then(|| TimeSpec::At(ctx.dates.within(&mut rng, info.year)));
            let spec = &PREDICATES[g.predicate as usize];
            let negation = if polarity == Polarity::Denied { "it is not true that it" } else { "it" };
            let quote = format!("{negation} {} (#{i})", spec.label);
            let claim = Claim {
                key: format!("c{i}"),
                subject: ActorId::from_index(g.subject as usize),
                predicate: ctx.predicates[g.predicate as usize],
                qualifier: g.qualifier.map(|q| ActorId::from_index(q as usize)),
                object,
                polarity,
                stance: Stance::Own,
                modality,
                about,
                said,
                said_by: ActorId::from_index(speaker),
                mode,
                relayed_by,
                said_in,
                source: SourceId::from_index(source),
                quote,
                unquoted: None,
                note: None,
            };
            added.push(self.graph.add_claim(claim).expect("synthetic claims are valid"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold_name;

    fn config(claims: usize, seed: u64) -> Config {
        Config { claims, seed, ..Config::default() }
    }

    #[test]
    fn same_seed_same_graph() {
        let a = generate(&config(3_000, 11));
        let b = generate(&config(3_000, 11));
        assert_eq!(a, b);
        assert_ne!(a, generate(&config(3_000, 12)));
    }

    #[test]
    fn counts_match_config() {
        for (claims, seed) in [(0, 1), (1, 2), (7, 3), (250, 4), (20_000, 5)] {
            let c = config(claims, seed);
            let (graph, report) = generate_with_report(&c);
            assert_eq!(graph.claim_count(), claims);
            assert_eq!(graph.actor_count(), c.actor_count());
            assert_eq!(graph.source_count(), c.source_count());
            assert_eq!(graph.predicates().count(), PREDICATES.len());
            assert_eq!(graph.units().count(), UNITS.len());
            assert_eq!(graph.proposition_groups().count(), report.groups);
        }
        let c = Config { claims: 1_000, actors: Some(100), sources: Some(40), ..Config::default() };
        let graph = generate(&c);
        assert_eq!((graph.actor_count(), graph.source_count()), (100, 40));
    }

    /// The depth of every source (fewest derivations to an origin), by breadth-first search
    /// from the origins along derived-source edges.
    fn depths(graph: &ClaimGraph) -> Vec<Option<usize>> {
        let mut depth = vec![None; graph.source_count()];
        let mut queue: std::collections::VecDeque<SourceId> =
            graph.sources().filter(|(_, s)| s.derived_from().is_empty()).map(|(id, _)| id).collect();
        for &s in &queue {
            depth[s.index()] = Some(0);
        }
        while let Some(s) = queue.pop_front() {
            let d = depth[s.index()].expect("queued sources have a depth");
            for (t, _) in graph.derived_sources(s) {
                if depth[t.index()].is_none() {
                    depth[t.index()] = Some(d + 1);
                    queue.push_back(t);
                }
            }
        }
        depth
    }

    #[test]
    fn derivations_are_shallow_forests_with_citation_cycles() {
        let graph = generate(&config(100_000, 9));
        let depth = depths(&graph);
        assert!(depth.iter().all(|d| d.is_some_and(|d| d <= 6)), "every source reaches an origin within 6 derivations");
        assert!(depth.contains(&Some(6)));
        // Branching: sources with several derived ones, and sources deriving from two.
        assert!(graph.sources().any(|(id, _)| graph.derived_sources(id).count() >= 3));
        assert!(graph.sources().any(|(_, s)| s.derived_from().len() == 2));
        // Text-carrying derivations point at earlier sources, so only citations close cycles.
        for (id, s) in graph.sources() {
            for d in s.derived_from() {
                assert!(!d.kind.carries_text() || d.source < id);
            }
        }
        let on_cycle = graph.sources().filter(|(id, s)| s.derived_from().iter().any(|d| d.source > *id)).count();
        assert_eq!(on_cycle, Config { claims: 100_000, ..Config::default() }.cycle_count());
        for kind in [
            DerivationKind::TranslationOf,
            DerivationKind::RepublicationOf,
            DerivationKind::Cites,
            DerivationKind::PublishesInterview,
        ] {
            assert!(graph.sources().any(|(_, s)| s.derived_from().iter().any(|d| d.kind == kind)), "{kind:?}");
        }
    }

    // ----- an independent check of the planted contradictions ---------------------------------

    fn bounds(graph: &ClaimGraph, v: &Value) -> Option<(f64, f64)> {
        match v {
            Value::Quantity(q) => {
                let f = graph.unit(q.unit)?.factor;
                let (a, b) = q.amount.bounds();
                Some((a * f, b * f))
            }
            _ => None,
        }
    }

    fn differ(graph: &ClaimGraph, pred: &Predicate, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Text(x), Value::Text(y)) => fold_name(x) != fold_name(y),
            (Value::Date(x), Value::Date(y)) => !x.overlaps(y),
            (Value::Quantity(_), Value::Quantity(_)) => {
                let (x, y) = (bounds(graph, a).unwrap(), bounds(graph, b).unwrap());
                let gap = if x.1 < y.0 {
                    y.0 - x.1
                } else if y.1 < x.0 {
                    x.0 - y.1
                } else {
                    0.0
                };
                let scale =
                    [x.0, x.1, y.0, y.1].into_iter().filter(|v| v.is_finite()).map(f64::abs).fold(0.0, f64::max);
                gap > 0.0 && (scale == 0.0 || gap / scale > pred.tolerance.unwrap_or(0.05))
            }
            _ => a != b,
        }
    }

    fn overlap(a: &Claim, b: &Claim) -> bool {
        match (a.about, b.about) {
            (Some(x), Some(y)) => x.overlaps(&y),
            _ => true,
        }
    }

    /// The proposition groups holding a contradiction, found by brute force.
    fn conflicting_groups(graph: &ClaimGraph) -> HashSet<(ActorId, PredicateId, Option<ActorId>)> {
        let mut out = HashSet::new();
        let counts = |c: &Claim| c.modality != Modality::Question;
        for (key, ids) in graph.proposition_groups() {
            let pred = graph.predicate(key.1).unwrap();
            let claims: Vec<Claim> = ids.map(|i| graph.claim(i).unwrap().to_claim()).filter(counts).collect();
            if pred.rebuts && claims.iter().any(|c| c.polarity == Polarity::Affirmed) {
                out.insert(key);
            }
            for (i, a) in claims.iter().enumerate() {
                for b in &claims[i + 1..] {
                    if !overlap(a, b) {
                        continue;
                    }
                    let d = differ(graph, pred, &a.object, &b.object);
                    let polarity = a.polarity != b.polarity && !d;
                    let single = a.polarity == b.polarity
                        && a.polarity == Polarity::Affirmed
                        && pred.cardinality == Cardinality::Single
                        && d;
                    if polarity || single {
                        out.insert(key);
                    }
                }
                for &other in &pred.excludes {
                    for j in graph.claims_for((key.0, other, key.2)) {
                        let b = graph.claim(j).unwrap().to_claim();
                        let both = a.polarity == Polarity::Affirmed && b.polarity == Polarity::Affirmed && counts(&b);
                        if both && overlap(a, &b) && !differ(graph, pred, &a.object, &b.object) {
                            out.insert(key);
                            out.insert((key.0, other, key.2));
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn planted_contradictions_and_only_those() {
        for (claims, seed) in [(2_000, 1), (30_000, 2)] {
            let (graph, report) = generate_with_report(&config(claims, seed));
            let found = conflicting_groups(&graph);
            assert_eq!(found.len(), report.conflicting_groups, "seed {seed}: {report:?}");
            let share = report.conflicting_groups as f64 / report.groups as f64;
            assert!((share - 0.05).abs() < 0.005, "share {share}");
            for n in [report.polarity, report.single_value, report.quantity, report.exclusion, report.rebuttal] {
                assert!(n > 0, "every kind is planted: {report:?}");
            }
        }
        let none = Config { claims: 5_000, conflict_share: 0.0, ..Config::default() };
        let (graph, report) = generate_with_report(&none);
        assert_eq!(report.conflicting_groups, 0);
        assert!(conflicting_groups(&graph).is_empty());
    }

    #[test]
    fn traps_are_present() {
        let graph = generate(&config(20_000, 3));
        let claims: Vec<Claim> = graph.claims().map(|(_, c)| c.to_claim()).collect();
        let has = |f: &dyn Fn(&Claim) -> bool| claims.iter().any(f);
        assert!(has(&|c| matches!(c.object, Value::Quantity(Quantity { amount: Amount::Around(_), .. }))));
        assert!(has(&|c| matches!(c.object, Value::Quantity(Quantity { amount: Amount::Range(..), .. }))));
        assert!(has(&|c| matches!(c.object, Value::Quantity(Quantity { amount: Amount::AtLeast(_), .. }))));
        assert!(has(&|c| c.polarity == Polarity::Denied));
        assert!(has(&|c| c.modality == Modality::Question));
        assert!(has(&|c| !c.relayed_by.is_empty()));
        assert!(has(&|c| c.said_in.is_some()));
        assert!(has(&|c| matches!(c.about, Some(TimeSpec::Between(_, None)))));
        assert!(has(&|c| matches!(c.object, Value::Claim(_))));
        assert!(has(&|c| c.qualifier.is_some()));
        assert!(graph.actors().any(|(_, a)| a.aliases().len() > 0));
        let denied_elsewhere = graph.proposition_groups().any(|(_, ids)| {
            let cs: Vec<Claim> = ids.map(|i| graph.claim(i).unwrap().to_claim()).collect();
            cs.iter().any(|a| {
                a.polarity == Polarity::Denied
                    && cs.iter().any(|b| b.polarity == Polarity::Affirmed && b.object == a.object && !overlap(a, b))
            })
        });
        assert!(denied_elsewhere);
    }
}
