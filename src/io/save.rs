//! Saving a graph back to a data directory, one file per origin, each written atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::format::{
    ActorDoc, AffiliationDoc, ClaimDoc, ConflictDoc, DefaultsDoc, DerivationDoc, FileDoc, ObjectTypeDoc, PredicateDoc,
    RelayDoc, RoleDoc, SourceDoc, UnitDoc, ValueDoc,
};
use crate::error::SaveError;
use crate::model::{ObjectType, Value};
use crate::{ActorId, ClaimGraph, SourceId};

/// Saves the graph as RON files in `dir` (created if missing): every entity goes back to the
/// file it was loaded from, in its original order; entities added through the API go to
/// `vocabulary.ron`, `actors.ron`, `sources.ron`, `claims.ron` or `conflicts.ron`. Each file is
/// written to a temporary file in `dir` and renamed over the old one, so a failure never leaves
/// a half-written file. Comments in the original files are not kept; use `note` fields for
/// commentary that must survive.
///
/// Loading the saved directory gives a graph equal to this one.
pub fn save_dir(graph: &ClaimGraph, dir: impl AsRef<Path>) -> Result<(), SaveError> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|source| SaveError::Io { path: dir.to_owned(), source })?;
    for (name, doc) in documents(graph) {
        let path = dir.join(&name);
        let config = ron::ser::PrettyConfig::new().indentor("    ".to_owned()).struct_names(false);
        let mut text = ron::ser::to_string_pretty(&doc, config)
            .map_err(|e| SaveError::Serialize { path: path.clone(), message: e.to_string() })?;
        text.push('\n');
        write_atomically(&path, text.as_bytes()).map_err(|source| SaveError::Io { path: path.clone(), source })?;
    }
    Ok(())
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The whole graph as one document, every section sorted by id: two graphs with equal canonical
/// documents hold the same data, whatever their ids and file layout.
pub(crate) fn canonical(graph: &ClaimGraph) -> FileDoc {
    let mut all = FileDoc::default();
    for (_, doc) in documents(graph) {
        all.units.extend(doc.units);
        all.predicates.extend(doc.predicates);
        all.actors.extend(doc.actors);
        all.sources.extend(doc.sources);
        all.claims.extend(doc.claims);
        all.conflicts.extend(doc.conflicts);
        all.defaults.tolerance = all.defaults.tolerance.or(doc.defaults.tolerance);
    }
    all.units.sort_by(|a, b| a.id.cmp(&b.id));
    all.predicates.sort_by(|a, b| a.id.cmp(&b.id));
    all.actors.sort_by(|a, b| a.id.cmp(&b.id));
    all.sources.sort_by(|a, b| a.id.cmp(&b.id));
    all.claims.sort_by(|a, b| a.id.cmp(&b.id));
    all.conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// The file documents of a graph, by file name.
fn documents(graph: &ClaimGraph) -> BTreeMap<String, FileDoc> {
    let mut docs: BTreeMap<String, FileDoc> = graph.files.iter().map(|f| (f.clone(), FileDoc::default())).collect();
    let file = |origin: Option<u32>, default: &str| -> String {
        origin.and_then(|o| graph.files.get(o as usize).cloned()).unwrap_or_else(|| default.to_owned())
    };
    let actor = |id: ActorId| graph.actor(id).map_or_else(|| id.to_string(), |a| a.key().to_owned());
    let source = |id: SourceId| graph.source(id).map_or_else(|| id.to_string(), |s| s.key().to_owned());
    let date = |t: &Option<crate::TimeSpec>| t.as_ref().map(ToString::to_string);

    for (i, u) in graph.units.iter() {
        let name = file(graph.units.origin(i), "vocabulary.ron");
        docs.entry(name).or_default().units.push(UnitDoc {
            id: u.key.clone(),
            dimension: u.dimension.clone(),
            factor: u.factor,
            note: u.note.clone(),
        });
    }
    for (i, p) in graph.predicates.iter() {
        let name = file(graph.predicates.origin(i), "vocabulary.ron");
        let object = match &p.object {
            ObjectType::Actor => ObjectTypeDoc::Actor,
            ObjectType::Quantity(d) => ObjectTypeDoc::Quantity(d.clone()),
            ObjectType::Date => ObjectTypeDoc::Date,
            ObjectType::Text => ObjectTypeDoc::Text,
            ObjectType::Bool => ObjectTypeDoc::Bool,
            ObjectType::Claim => ObjectTypeDoc::Claim,
        };
        docs.entry(name).or_default().predicates.push(PredicateDoc {
            id: p.key.clone(),
            label: p.label.clone(),
            object,
            cardinality: p.cardinality,
            excludes: p.excludes.iter().filter_map(|&q| graph.predicate(q).map(|q| q.key.clone())).collect(),
            rebuts: p.rebuts,
            tolerance: p.tolerance,
            note: p.note.clone(),
        });
    }
    for a in graph.actors.iter() {
        let name = file(graph.actors.origin(a.id().index()), "actors.ron");
        docs.entry(name).or_default().actors.push(ActorDoc {
            id: a.key().to_owned(),
            kind: a.kind(),
            name: a.name().to_owned(),
            aliases: a.aliases().map(str::to_owned).collect(),
            roles: a
                .roles()
                .iter()
                .map(|r| RoleDoc { title: r.title.clone(), of: r.of.map(actor), during: date(&r.during) })
                .collect(),
            affiliations: a
                .affiliations()
                .iter()
                .map(|x| AffiliationDoc { kind: x.kind, target: actor(x.target), during: date(&x.during) })
                .collect(),
            note: a.note().map(str::to_owned),
        });
    }
    for s in graph.sources.iter() {
        let name = file(graph.sources.origin(s.id().index()), "sources.ron");
        docs.entry(name).or_default().sources.push(SourceDoc {
            id: s.key().to_owned(),
            kind: s.kind(),
            title: s.title().to_owned(),
            outlet: s.outlet().map(actor),
            authors: s.authors().iter().map(|&a| actor(a)).collect(),
            language: s.language().to_owned(),
            published: date(&s.published().copied()),
            url: s.url().map(str::to_owned),
            derived_from: s
                .derived_from()
                .iter()
                .map(|d| DerivationDoc { kind: d.kind, source: source(d.source), by: d.by.map(actor) })
                .collect(),
            note: s.note().map(str::to_owned),
        });
    }
    for c in graph.claims.iter() {
        let name = file(graph.claims.origin(c.id().index()), "claims.ron");
        let object = match c.object() {
            Value::Actor(a) => ValueDoc::Actor(actor(a)),
            Value::Claim(k) => ValueDoc::Claim(graph.claim(k).map_or_else(|| k.to_string(), |k| k.key().to_owned())),
            Value::Quantity(q) => ValueDoc::Quantity {
                amount: q.amount,
                unit: graph.unit(q.unit).map_or_else(|| q.unit.to_string(), |u| u.key.clone()),
            },
            Value::Date(t) => ValueDoc::Date(t.to_string()),
            Value::Text(t) => ValueDoc::Text(t),
            Value::Bool(b) => ValueDoc::Bool(b),
        };
        docs.entry(name).or_default().claims.push(ClaimDoc {
            id: c.key().to_owned(),
            subject: actor(c.subject()),
            predicate: graph.predicate(c.predicate()).map_or_else(|| c.predicate().to_string(), |p| p.key.clone()),
            qualifier: c.qualifier().map(actor),
            object,
            polarity: c.polarity(),
            stance: c.stance(),
            modality: c.modality(),
            about: date(&c.about()),
            said: date(&c.said()),
            said_by: actor(c.said_by()),
            mode: c.mode(),
            relayed_by: c
                .relayed_by()
                .iter()
                .map(|r| RelayDoc { by: r.by.map(actor), source: r.source.map(source), mode: r.mode })
                .collect(),
            said_in: c.said_in().map(source),
            source: source(c.source()),
            quote: c.quote().to_owned(),
            unquoted: c.unquoted().map(str::to_owned),
            note: c.note().map(str::to_owned),
        });
    }
    for (i, k) in graph.conflicts.iter() {
        let name = file(graph.conflicts.origin(i), "conflicts.ron");
        docs.entry(name).or_default().conflicts.push(ConflictDoc {
            id: k.key.clone(),
            claims: k.claims.iter().filter_map(|&c| graph.claim(c).map(|c| c.key().to_owned())).collect(),
            note: k.note.clone(),
        });
    }
    if let Some(d) = graph.defaults {
        let name = file(graph.defaults_origin, "vocabulary.ron");
        docs.entry(name).or_default().defaults = DefaultsDoc { tolerance: Some(d.tolerance) };
    }
    docs
}
