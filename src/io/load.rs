//! Loading a data directory: parse every file, reserve every id, resolve references, check every
//! rule, and report all problems with their file, line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::format::{
    ActorDoc, ClaimDoc, ConflictDoc, FileDoc, ObjectTypeDoc, PredicateDoc, SourceDoc, UnitDoc, ValueDoc,
};
use super::locate::{Lines, Locator, first_invalid_utf8};
use crate::error::{EntityKind, Excerpt, GraphError, LoadError, Location, Problem, ProblemKind};
use crate::model::{
    Actor, Affiliation, Claim, Conflict, Defaults, Derivation, ObjectType, Predicate, Quantity, Relay, Role, Source,
    Unit, Value,
};
use crate::{ActorId, ClaimGraph, ClaimId, PredicateId, SourceId, TimeSpec, UnitId};

/// Loads every `.ron` file of `dir` (not its subdirectories), in file-name order, into a graph.
///
/// Errors: a [`LoadError`] listing every problem found in the directory (unreadable files,
/// syntax errors, duplicate ids, dangling references, unknown predicates or units, values of
/// the wrong type, malformed or impossible dates, sources that translate or republish
/// themselves), each with its file, line and column. Citation cycles between sources are legal.
///
/// A directory written by hand loads as it is. If a [`save_dir`](crate::save_dir) of `dir` was
/// interrupted while switching the data set (so that `dir` is missing and the data set is
/// beside it), the switch is finished first; while a save of `dir` is in progress, loading
/// waits for it.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan");
/// let graph = claimgraph::load_dir(dir)?;
/// assert!(graph.claim_count() > 150);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load_dir(dir: impl AsRef<Path>) -> Result<ClaimGraph, LoadError> {
    let dir = dir.as_ref();
    let fail = |message: String| LoadError {
        problems: vec![Problem::new(Location { path: dir.to_owned(), line: 1, column: 1 }, ProblemKind::Io(message))],
    };
    // A save killed while switching the data set leaves `dir` missing and the set beside it.
    super::save::recover_if_interrupted(dir).map_err(|e| fail(format!("cannot finish an interrupted save: {e}")))?;
    // Held while reading, so that a save in progress is not read half switched.
    let _read_lock = super::save::read_lock(dir);
    let entries = std::fs::read_dir(dir).map_err(|e| fail(e.to_string()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(fail("no .ron files in this directory".to_owned()));
    }
    let mut files = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Err(reason) = super::names::check(&name) {
            problems.push(Problem::new(Location { path, line: 1, column: 1 }, ProblemKind::FileName(reason)));
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((path, text)),
                Err(e) => {
                    let bytes = e.into_bytes();
                    let (line, column, byte) = first_invalid_utf8(&bytes).unwrap_or((1, 1, 0));
                    let mut problem = Problem::new(Location { path, line, column }, ProblemKind::NotUtf8 { byte });
                    problem.excerpt = Excerpt::of(&Lines::new(&String::from_utf8_lossy(&bytes)), line, column);
                    problems.push(problem);
                }
            },
            Err(e) => {
                problems.push(Problem::new(Location { path, line: 1, column: 1 }, ProblemKind::Io(e.to_string())))
            }
        }
    }
    load_texts(files, problems)
}

/// Loads one data file given as text; `name` is used in error locations.
///
/// ```
/// let graph = claimgraph::load_str("inline.ron", r#"(
///     actors: [(id: "tokayev", kind: Person, name: "Kassym-Jomart Tokayev")],
/// )"#)?;
/// assert_eq!(graph.actor_count(), 1);
/// let err = claimgraph::load_str("bad.ron", r#"(actors: [(id: "x", kind: Persn, name: "X")])"#).unwrap_err();
/// assert!(err.to_string().contains("bad.ron:1:"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// `name` is also the file the entities are saved to by [`save_dir`](crate::save_dir), so it
/// must be a valid data-file name: a `.ron` name without separators or `..`, short enough for
/// the saver's temporary names; any other is refused with a [`ProblemKind::FileName`] problem.
pub fn load_str(name: &str, text: &str) -> Result<ClaimGraph, LoadError> {
    if let Err(reason) = super::names::check(name) {
        let location = Location { path: PathBuf::from(name), line: 1, column: 1 };
        return Err(LoadError { problems: vec![Problem::new(location, ProblemKind::FileName(reason))] });
    }
    load_texts(vec![(PathBuf::from(name), text.to_owned())], Vec::new())
}

struct Parsed<'a> {
    loc: Locator<'a>,
    doc: FileDoc,
    file: u32,
}

/// The byte-order mark some editors put at the start of a UTF-8 file; it is not part of the data.
const BOM: char = '\u{feff}';

fn load_texts(mut files: Vec<(PathBuf, String)>, mut problems: Vec<Problem>) -> Result<ClaimGraph, LoadError> {
    for (_, text) in &mut files {
        if text.starts_with(BOM) {
            text.drain(..BOM.len_utf8());
        }
    }
    let mut graph = ClaimGraph::new();
    let mut parsed = Vec::new();
    for (path, text) in &files {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        match ron::Options::default().from_str::<FileDoc>(text) {
            Ok(doc) => {
                let file = u32::try_from(graph.files.len()).expect("fewer than u32::MAX files");
                graph.files.push(name);
                parsed.push(Parsed { loc: Locator::new(path, text), doc, file });
            }
            Err(e) => problems.push(Problem::new(
                Location { path: path.clone(), line: e.span.start.line, column: e.span.start.col },
                ProblemKind::Syntax(e.code.to_string()),
            )),
        }
    }
    let mut declared: Option<&Path> = None;
    for p in &parsed {
        let Some(tolerance) = p.doc.defaults.tolerance else { continue };
        let location = p.loc.first_field("defaults");
        let mut rule = |error: GraphError| problems.push(Problem::new(location.clone(), ProblemKind::Rule(error)));
        if let Some(first) = declared {
            rule(GraphError::Invalid(format!(
                "the data set's defaults are declared twice (first in {})",
                first.display()
            )));
            continue;
        }
        declared = Some(p.loc.path);
        let defaults = Defaults { tolerance };
        match ClaimGraph::defaults_problems(&defaults).into_iter().next() {
            Some(error) => rule(error),
            None => {
                graph.defaults = Some(defaults);
                graph.defaults_origin = Some(p.file);
            }
        }
    }
    let mut loader = Loader { graph, problems, won: HashMap::new(), seen: HashMap::new() };
    loader.reserve_all(&parsed);
    // Kind by kind across all files: a claim's type check needs every unit and predicate.
    for p in &parsed {
        p.doc.units.iter().enumerate().for_each(|(n, d)| loader.unit(p, n, d));
    }
    for p in &parsed {
        p.doc.predicates.iter().enumerate().for_each(|(n, d)| loader.predicate(p, n, d));
    }
    for p in &parsed {
        p.doc.actors.iter().enumerate().for_each(|(n, d)| loader.actor(p, n, d));
    }
    for p in &parsed {
        p.doc.sources.iter().enumerate().for_each(|(n, d)| loader.source(p, n, d));
    }
    for p in &parsed {
        p.doc.claims.iter().enumerate().for_each(|(n, d)| loader.claim(p, n, d));
    }
    for p in &parsed {
        p.doc.conflicts.iter().enumerate().for_each(|(n, d)| loader.conflict(p, n, d));
    }
    let Loader { mut graph, mut problems, .. } = loader;
    if problems.is_empty() {
        graph.reindex();
        Ok(graph)
    } else {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        attach_excerpts(&mut problems, &parsed, &files);
        Err(LoadError { problems })
    }
}

/// Gives every problem without one the excerpt of its line.
fn attach_excerpts(problems: &mut [Problem], parsed: &[Parsed<'_>], files: &[(PathBuf, String)]) {
    let mut lines: HashMap<&Path, Lines<'_>> = parsed.iter().map(|p| (p.loc.path, p.loc.lines.clone())).collect();
    for problem in problems.iter_mut().filter(|p| p.excerpt.is_none()) {
        let path = problem.location.path.as_path();
        if !lines.contains_key(path) {
            // A file ron refused: its lines are indexed only now that a problem needs them.
            let Some((path, text)) = files.iter().find(|(p, _)| p == path) else { continue };
            lines.insert(path, Lines::new(text));
        }
        problem.excerpt = Excerpt::of(&lines[path], problem.location.line, problem.location.column);
    }
}

type Span = (usize, usize);

/// Which section of a file a declaration is in.
fn section(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Unit => "units",
        EntityKind::Predicate => "predicates",
        EntityKind::Actor => "actors",
        EntityKind::Source => "sources",
        EntityKind::Claim => "claims",
        EntityKind::Conflict => "conflicts",
    }
}

struct Loader {
    graph: ClaimGraph,
    problems: Vec<Problem>,
    /// The declarations that won their id, by (kind, file, position in its section): the index
    /// reserved and the span of the declaration. A declaration that lost (a duplicate) is absent,
    /// so only the winner is ever filled.
    won: HashMap<(EntityKind, u32, usize), (usize, Span)>,
    /// How many times the entity being loaded has mentioned each string in each field so far,
    /// so that a problem with the second mention of a value points at the second mention.
    seen: HashMap<(&'static str, String), usize>,
}

macro_rules! reserve_kind {
    ($self:ident, $parsed:ident, $field:ident, $arena:ident, $kind:expr) => {{
        let mut seen: HashMap<(u32, &str), usize> = HashMap::new();
        let mut first: HashMap<usize, Location> = HashMap::new();
        for p in $parsed {
            for (n, d) in p.doc.$field.iter().enumerate() {
                let nth = seen.entry((p.file, d.id.as_str())).or_default();
                let span = p.loc.entity(section($kind), &d.id, *nth).unwrap_or((0, 0));
                *nth += 1;
                let here = p.loc.at(span.0);
                // The stores keep text lengths in 32 bits; the rules refuse longer texts, but ids
                // are reserved before the rules run.
                if d.id.len() >= u32::MAX as usize {
                    let error = GraphError::Invalid(format!("a {} id of 4 GiB or more", $kind));
                    $self.problems.push(Problem::new(here, ProblemKind::Rule(error)));
                    continue;
                }
                match $self.graph.$arena.reserve(&d.id, Some(p.file)) {
                    Ok(i) => {
                        $self.won.insert(($kind, p.file, n), (i, span));
                        first.insert(i, here);
                    }
                    Err(i) => $self.problems.push(Problem::new(
                        here,
                        ProblemKind::DuplicateId { kind: $kind, key: d.id.clone(), first: first[&i].clone() },
                    )),
                }
            }
        }
    }};
}

impl Loader {
    fn reserve_all(&mut self, parsed: &[Parsed<'_>]) {
        reserve_kind!(self, parsed, units, units, EntityKind::Unit);
        reserve_kind!(self, parsed, predicates, predicates, EntityKind::Predicate);
        reserve_kind!(self, parsed, actors, actors, EntityKind::Actor);
        reserve_kind!(self, parsed, sources, sources, EntityKind::Source);
        reserve_kind!(self, parsed, claims, claims, EntityKind::Claim);
        reserve_kind!(self, parsed, conflicts, conflicts, EntityKind::Conflict);
    }

    /// The index and span of the `n`th declaration of `kind` in this file, if it won its id; the
    /// references it makes are counted afresh.
    fn winner(&mut self, p: &Parsed<'_>, kind: EntityKind, n: usize) -> Option<(usize, Span)> {
        self.seen.clear();
        self.won.get(&(kind, p.file, n)).copied()
    }

    fn push(&mut self, location: Location, error: GraphError) {
        self.problems.push(Problem::new(location, ProblemKind::Rule(error)));
    }

    /// Counts a mention of the string `value` in the field `field` of the entity.
    fn mention(&mut self, field: &'static str, value: &str) {
        *self.seen.entry((field, value.to_owned())).or_default() += 1;
    }

    /// Reports `error` at the last mention of the string `value` counted in the field `field`
    /// of the entity (a field of the entity itself, such as `relayed_by` for a relay's actor).
    fn report_at_string(&mut self, p: &Parsed<'_>, span: Span, field: &'static str, value: &str, error: GraphError) {
        let nth = self.seen.get(&(field, value.to_owned())).map_or(0, |n| n - 1);
        self.push(p.loc.string(span, field, value, nth), error);
    }

    fn reference(
        &mut self,
        p: &Parsed<'_>,
        span: Span,
        field: &'static str,
        kind: EntityKind,
        key: &str,
    ) -> Option<usize> {
        self.mention(field, key);
        let index = match kind {
            EntityKind::Unit => self.graph.units.index_of(key),
            EntityKind::Predicate => self.graph.predicates.index_of(key),
            EntityKind::Actor => self.graph.actors.index_of(key),
            EntityKind::Source => self.graph.sources.index_of(key),
            EntityKind::Claim => self.graph.claims.index_of(key),
            EntityKind::Conflict => self.graph.conflicts.index_of(key),
        };
        if index.is_none() {
            let error = match kind {
                EntityKind::Predicate => GraphError::UnknownPredicate { key: key.to_owned() },
                EntityKind::Unit => GraphError::UnknownUnit { key: key.to_owned() },
                _ => GraphError::DanglingReference { kind, key: key.to_owned() },
            };
            self.report_at_string(p, span, field, key, error);
        }
        index
    }

    fn actor_ref(&mut self, p: &Parsed<'_>, span: Span, field: &'static str, key: &str) -> Option<ActorId> {
        self.reference(p, span, field, EntityKind::Actor, key).map(ActorId::from_index)
    }

    fn source_ref(&mut self, p: &Parsed<'_>, span: Span, field: &'static str, key: &str) -> Option<SourceId> {
        self.reference(p, span, field, EntityKind::Source, key).map(SourceId::from_index)
    }

    /// A date of the field `field`, written in the entity's field `at` (`roles` for a role's
    /// `during`, else `field` itself).
    fn date(
        &mut self,
        p: &Parsed<'_>,
        span: Span,
        at: &'static str,
        field: &'static str,
        text: &str,
    ) -> Result<TimeSpec, ()> {
        self.mention(at, text);
        text.parse::<TimeSpec>().map_err(|error| {
            self.report_at_string(p, span, at, text, GraphError::Date { field, error });
        })
    }

    fn opt_date(
        &mut self,
        p: &Parsed<'_>,
        span: Span,
        at: &'static str,
        field: &'static str,
        text: Option<&String>,
    ) -> Result<Option<TimeSpec>, ()> {
        text.map(|t| self.date(p, span, at, field, t)).transpose()
    }

    fn rules(&mut self, p: &Parsed<'_>, span: Span, errors: Vec<GraphError>) -> bool {
        let ok = errors.is_empty();
        for e in errors {
            let location = match &e {
                GraphError::WrongValueType { .. } => p.loc.field(span, "object"),
                GraphError::SelfDerivation { .. } => p.loc.field(span, "derived_from"),
                GraphError::UnknownPredicate { .. } => p.loc.field(span, "excludes"),
                _ => p.loc.at(span.0),
            };
            self.push(location, e);
        }
        ok
    }

    fn unit(&mut self, p: &Parsed<'_>, n: usize, d: &UnitDoc) {
        let Some((index, span)) = self.winner(p, EntityKind::Unit, n) else { return };
        let unit = Unit { key: d.id.clone(), dimension: d.dimension.clone(), factor: d.factor, note: d.note.clone() };
        if self.rules(p, span, ClaimGraph::unit_problems(&unit)) {
            self.graph.units.fill(index, unit);
        }
    }

    fn predicate(&mut self, p: &Parsed<'_>, n: usize, d: &PredicateDoc) {
        let Some((index, span)) = self.winner(p, EntityKind::Predicate, n) else { return };
        let mut ok = true;
        let mut excludes = Vec::new();
        for key in &d.excludes {
            match self.reference(p, span, "excludes", EntityKind::Predicate, key) {
                // Every claim of a predicate that excludes itself would contradict itself.
                Some(i) if i == index => {
                    let error = GraphError::Invalid(format!("predicate {:?} excludes itself", d.id));
                    self.report_at_string(p, span, "excludes", key, error);
                    ok = false;
                }
                Some(i) => excludes.push(PredicateId::from_index(i)),
                None => ok = false,
            }
        }
        let object = match &d.object {
            ObjectTypeDoc::Actor => ObjectType::Actor,
            ObjectTypeDoc::Quantity(dim) => ObjectType::Quantity(dim.clone()),
            ObjectTypeDoc::Date => ObjectType::Date,
            ObjectTypeDoc::Text => ObjectType::Text,
            ObjectTypeDoc::Bool => ObjectType::Bool,
            ObjectTypeDoc::Claim => ObjectType::Claim,
        };
        let predicate = Predicate {
            key: d.id.clone(),
            label: d.label.clone(),
            object,
            cardinality: d.cardinality,
            excludes,
            rebuts: d.rebuts,
            tolerance: d.tolerance,
            note: d.note.clone(),
        };
        let own = PredicateId::from_index(index);
        if ok && self.rules(p, span, self.graph.predicate_problems(&predicate, own)) {
            self.graph.predicates.fill(index, predicate);
        }
    }

    fn actor(&mut self, p: &Parsed<'_>, n: usize, d: &ActorDoc) {
        let Some((index, span)) = self.winner(p, EntityKind::Actor, n) else { return };
        let mut ok = true;
        let mut roles = Vec::new();
        for r in &d.roles {
            let of = match &r.of {
                Some(k) => match self.actor_ref(p, span, "roles", k) {
                    Some(id) => Some(id),
                    None => {
                        ok = false;
                        None
                    }
                },
                None => None,
            };
            match self.opt_date(p, span, "roles", "during", r.during.as_ref()) {
                Ok(during) => roles.push(Role { title: r.title.clone(), of, during }),
                Err(()) => ok = false,
            }
        }
        let mut affiliations = Vec::new();
        for a in &d.affiliations {
            let target = self.actor_ref(p, span, "affiliations", &a.target);
            let during = self.opt_date(p, span, "affiliations", "during", a.during.as_ref());
            match (target, during) {
                (Some(target), Ok(during)) => affiliations.push(Affiliation { kind: a.kind, target, during }),
                _ => ok = false,
            }
        }
        let actor = Actor {
            key: d.id.clone(),
            kind: d.kind,
            name: d.name.clone(),
            aliases: d.aliases.clone(),
            roles,
            affiliations,
            note: d.note.clone(),
        };
        if ok && self.rules(p, span, self.graph.actor_problems((&actor).into())) {
            self.graph.actors.fill(index, actor);
        }
    }

    fn source(&mut self, p: &Parsed<'_>, n: usize, d: &SourceDoc) {
        let Some((index, span)) = self.winner(p, EntityKind::Source, n) else { return };
        let mut ok = true;
        let outlet = d.outlet.as_ref().map(|k| self.actor_ref(p, span, "outlet", k));
        ok &= outlet.is_none_or(|o| o.is_some());
        let mut authors = Vec::new();
        for k in &d.authors {
            match self.actor_ref(p, span, "authors", k) {
                Some(a) => authors.push(a),
                None => ok = false,
            }
        }
        let mut derived_from = Vec::new();
        for x in &d.derived_from {
            let source = self.source_ref(p, span, "derived_from", &x.source);
            let by = x.by.as_ref().map(|k| self.actor_ref(p, span, "derived_from", k));
            match (source, by) {
                (Some(source), None) => derived_from.push(Derivation { kind: x.kind, source, by: None }),
                (Some(source), Some(Some(by))) => derived_from.push(Derivation { kind: x.kind, source, by: Some(by) }),
                _ => ok = false,
            }
        }
        let published = self.opt_date(p, span, "published", "published", d.published.as_ref());
        let Ok(published) = published else { return };
        let source = Source {
            key: d.id.clone(),
            kind: d.kind,
            title: d.title.clone(),
            outlet: outlet.flatten(),
            authors,
            language: d.language.clone(),
            published,
            url: d.url.clone(),
            derived_from,
            note: d.note.clone(),
        };
        let own = Some(SourceId::from_index(index));
        if ok && self.rules(p, span, self.graph.source_problems((&source).into(), own)) {
            self.graph.sources.fill(index, source);
        }
    }

    fn claim(&mut self, p: &Parsed<'_>, n: usize, d: &ClaimDoc) {
        let Some((index, span)) = self.winner(p, EntityKind::Claim, n) else { return };
        let subject = self.actor_ref(p, span, "subject", &d.subject);
        let predicate =
            self.reference(p, span, "predicate", EntityKind::Predicate, &d.predicate).map(PredicateId::from_index);
        let qualifier = d.qualifier.as_ref().map(|k| self.actor_ref(p, span, "qualifier", k));
        let said_by = self.actor_ref(p, span, "said_by", &d.said_by);
        let source = self.source_ref(p, span, "source", &d.source);
        let said_in = d.said_in.as_ref().map(|k| self.source_ref(p, span, "said_in", k));
        let mut ok = qualifier.as_ref().is_none_or(Option::is_some) && said_in.as_ref().is_none_or(Option::is_some);
        let mut relayed_by = Vec::new();
        for r in &d.relayed_by {
            let by = r.by.as_ref().map(|k| self.actor_ref(p, span, "relayed_by", k));
            let via = r.source.as_ref().map(|k| self.source_ref(p, span, "relayed_by", k));
            if by.as_ref().is_some_and(Option::is_none) || via.as_ref().is_some_and(Option::is_none) {
                ok = false;
            }
            relayed_by.push(Relay { by: by.flatten(), source: via.flatten(), mode: r.mode });
        }
        let object = match &d.object {
            ValueDoc::Actor(k) => self.actor_ref(p, span, "object", k).map(Value::Actor),
            ValueDoc::Claim(k) => {
                self.reference(p, span, "object", EntityKind::Claim, k).map(|i| Value::Claim(ClaimId::from_index(i)))
            }
            ValueDoc::Quantity { amount, unit } => self
                .reference(p, span, "object", EntityKind::Unit, unit)
                .map(|u| Value::Quantity(Quantity { amount: *amount, unit: UnitId::from_index(u) })),
            ValueDoc::Date(t) => self.date(p, span, "object", "object", t).ok().map(Value::Date),
            ValueDoc::Text(t) => Some(Value::Text(t.clone())),
            ValueDoc::Bool(b) => Some(Value::Bool(*b)),
        };
        let about = self.opt_date(p, span, "about", "about", d.about.as_ref());
        let said = self.opt_date(p, span, "said", "said", d.said.as_ref());
        let (Some(subject), Some(predicate), Some(said_by), Some(source), Some(object), Ok(about), Ok(said)) =
            (subject, predicate, said_by, source, object, about, said)
        else {
            return;
        };
        if !ok {
            return;
        }
        let claim = Claim {
            key: d.id.clone(),
            subject,
            predicate,
            qualifier: qualifier.flatten(),
            object,
            polarity: d.polarity,
            stance: d.stance,
            modality: d.modality,
            about,
            said,
            said_by,
            mode: d.mode,
            relayed_by,
            said_in: said_in.flatten(),
            source,
            quote: d.quote.clone(),
            unquoted: d.unquoted.clone(),
            note: d.note.clone(),
        };
        let own = Some(ClaimId::from_index(index));
        // Units and predicates are filled before any claim, so the type check sees them.
        if self.rules(p, span, self.graph.claim_problems((&claim).into(), own)) {
            self.graph.claims.fill(index, claim);
        }
    }

    fn conflict(&mut self, p: &Parsed<'_>, n: usize, d: &ConflictDoc) {
        let Some((index, span)) = self.winner(p, EntityKind::Conflict, n) else { return };
        let mut claims = Vec::new();
        let mut listed = std::collections::HashSet::new();
        let mut ok = true;
        for k in &d.claims {
            match self.reference(p, span, "claims", EntityKind::Claim, k) {
                Some(i) if !listed.insert(i) => {
                    let error = GraphError::Invalid(format!("conflict {:?} lists claim {k:?} twice", d.id));
                    self.report_at_string(p, span, "claims", k, error);
                    ok = false;
                }
                Some(i) => claims.push(ClaimId::from_index(i)),
                None => ok = false,
            }
        }
        let conflict = Conflict { key: d.id.clone(), claims, note: d.note.clone() };
        if ok && self.rules(p, span, self.graph.conflict_problems(&conflict)) {
            self.graph.conflicts.fill(index, conflict);
        }
    }
}
