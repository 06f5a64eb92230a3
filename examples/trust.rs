//! Who to trust and what to believe in a data set: truth discovery on the claim graph. Runs an
//! algorithm (TruthFinder by default) in the provenance-aware mode (holders grouped by origin, relayed
//! claims weighed by their attribution chains) with speakers as holders, and prints the trust of
//! speakers and sources, then every contested proposition (more than one value): the winner and
//! why, and where each claim stands in the argumentation view (grounded labelling) when trust
//! breaks ties between the sides of a contradiction.
//!
//! ```text
//! cargo run --example trust [-- DATA_DIR] [--algorithm NAME] [--plain] [--json]
//! ```
//!
//! `NAME` is one of MajorityVote, Sums, AverageLog, Investment, PooledInvestment, TruthFinder;
//! `--plain` turns the provenance-aware mode off. `--json` prints JSON Lines: one
//! `speaker_trust` and one `source_trust` line per holder, one `decision` line per contested
//! proposition.

mod common;

use std::collections::HashMap;
use std::process::ExitCode;

use claimgraph::query::{Framework, Status};
use claimgraph::trust::{
    DecisionRecord, GraphOptions, HolderKind, TrustRecord, TrustReport, Voices, algorithms, trust_report,
};
use claimgraph::{ActorId, ClaimGraph, ClaimId, PropositionKey};

fn proposition(graph: &ClaimGraph, key: PropositionKey) -> String {
    let (subject, predicate, qualifier) = key;
    let label = graph.predicate(predicate).map_or_else(|| predicate.to_string(), |p| p.label.clone());
    let mut out = format!("{} {label}", common::actor_name(graph, subject));
    if let Some(q) = qualifier {
        out.push_str(&format!(" ({})", common::actor_name(graph, q)));
    }
    out
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::In => "in",
        Status::Out => "out",
        Status::Undecided => "undecided",
    }
}

fn main() -> ExitCode {
    let args = common::args();
    let mut dir = None;
    let mut name = "TruthFinder".to_owned();
    let mut plain = false;
    let mut rest = args.rest.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--algorithm" => match rest.next() {
                Some(n) => name = n.clone(),
                None => {
                    eprintln!("error: --algorithm needs a name");
                    return ExitCode::FAILURE;
                }
            },
            "--plain" => plain = true,
            _ => dir = Some(a.as_str()),
        }
    }
    let graph = match common::load(dir) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let voices = if plain { Voices::Holders } else { Voices::Origins };
    let Some(algorithm) = algorithms(voices).into_iter().find(|a| a.name().eq_ignore_ascii_case(&name)) else {
        eprintln!(
            "error: unknown algorithm {name:?}: expected MajorityVote, Sums, AverageLog, Investment, PooledInvestment or TruthFinder"
        );
        return ExitCode::FAILURE;
    };
    let options = GraphOptions::new().holders(HolderKind::Speakers).provenance(!plain);
    let report = match trust_report(&graph, &options, algorithm.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    // The argumentation view, with the speakers' trust as the preference.
    let trust: HashMap<ActorId, f64> = report.speaker_trust.iter().copied().collect();
    let framework = Framework::from_graph(&graph)
        .with_preference(|claim| graph.claim(claim).and_then(|c| trust.get(&c.said_by()).copied()).unwrap_or(0.0));
    let labelling = framework.grounded();
    let grounded: HashMap<ClaimId, Status> = labelling.iter().copied().collect();

    if args.json {
        print_json(&graph, &report, &labelling, !plain);
    } else {
        print_text(&graph, &report, &grounded, !plain);
    }
    ExitCode::SUCCESS
}

fn sorted<T: Copy>(list: &[(T, f64)]) -> Vec<(T, f64)> {
    let mut out = list.to_vec();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

fn print_json(graph: &ClaimGraph, report: &TrustReport, grounded: &[(ClaimId, Status)], provenance: bool) {
    // The records of `claimgraph::trust`: keys for ids, values in words.
    for record in TrustRecord::all(graph, report, provenance) {
        common::json_line(&record);
    }
    for d in report.decisions.iter().filter(|d| d.values.len() > 1) {
        common::json_line(&DecisionRecord::new(graph, report, d, provenance, Some(grounded)));
    }
}

fn print_text(graph: &ClaimGraph, report: &TrustReport, grounded: &HashMap<ClaimId, Status>, provenance: bool) {
    let mode = if provenance { "provenance-aware" } else { "plain" };
    println!(
        "{} ({mode}): {} iterations, {}",
        report.algorithm,
        report.iterations,
        if report.converged { "converged" } else { "not converged" }
    );
    println!("\nSpeakers, most trusted first:");
    for (a, t) in sorted(&report.speaker_trust) {
        println!("  {t:8.3}  {}", common::actor_name(graph, a));
    }
    println!("\nSources, most trusted first:");
    for (s, t) in sorted(&report.source_trust) {
        println!("  {t:8.3}  {}", common::source_key(graph, s));
    }
    let contested: Vec<_> = report.decisions.iter().filter(|d| d.values.len() > 1).collect();
    println!("\nContested propositions ({}):", contested.len());
    for d in contested {
        println!("\n* {}", proposition(graph, d.key));
        for v in &d.values {
            let mark = if Some(v.value) == d.winner { "winner" } else { "      " };
            let claims: Vec<String> = v
                .claims
                .iter()
                .map(|&c| {
                    let status = grounded.get(&c).map_or("in", |&s| status_word(s));
                    format!("{} [{status}]", common::claim_key(graph, c))
                })
                .collect();
            println!("  {mark} {:.3}  {}: {}", v.belief, v.description, claims.join(", "));
        }
        println!("  why: {}", d.explanation);
    }
    println!(
        "\n[in]/[out]/[undecided]: the claim's grounded status in the argumentation view, where an attack \
         fails against a claim whose speaker is trusted more than every claim of the attacking side."
    );
}
