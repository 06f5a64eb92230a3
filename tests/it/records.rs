//! Query results as records for other tools: their JSON shape is stable.

use claimgraph::query::{
    ChainRecord, ContradictionRecord, CorroborationRecord, Framework, VerdictRecord, attribution_chains,
    contradictions, corroboration,
};

use super::{claim, graph_with};

#[test]
fn a_contradiction_serializes_with_keys_sides_and_words() {
    let g = graph_with(
        &[
            claim(
                "yes",
                "kz",
                "arrivals",
                r#"Quantity(amount: Around(100000), unit: "person")"#,
                r#"about: Some("2022-11")"#,
            ),
            claim(
                "no",
                "kz",
                "arrivals",
                r#"Quantity(amount: Around(100000), unit: "person")"#,
                r#"polarity: Denied, said_by: "b""#,
            ),
            claim(
                "rumour",
                "kz",
                "arrivals",
                r#"Quantity(amount: Around(100000), unit: "person")"#,
                r#"stance: Carried, said_by: "o2", source: "s2""#,
            ),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    let json = serde_json::to_value(ContradictionRecord::new(&g, &found[0])).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["claims", "conflict", "kind", "opposing_pairs", "reason", "rule", "sides", "strength"]);
    assert_eq!(json["kind"], "contradiction");
    assert_eq!(json["rule"], "polarity");
    assert_eq!(json["opposing_pairs"], 1);
    assert_eq!(json["sides"][0]["claims"], serde_json::json!(["yes"]));
    assert_eq!(json["sides"][0]["holders"], serde_json::json!(["a"]));
    assert_eq!(json["sides"][0]["carried"], serde_json::json!(["rumour"]));
    assert_eq!(json["sides"][1]["claims"], serde_json::json!(["no"]));
    let first = &json["claims"][0];
    assert_eq!(first["claim"], "yes");
    assert_eq!(first["object"], "about 100,000 people");
    assert_eq!(first["about"], "November 2022");
    assert_eq!(first["polarity"], "affirmed");
    assert_eq!(first["stance"], "own");
    assert_eq!(first["quote"], "q yes");
    assert!(first["unquoted"].is_null());
    // Corroboration and verdicts too.
    let support = corroboration(&g, g.claim_id("yes").unwrap());
    let json = serde_json::to_value(CorroborationRecord::new(&g, &support).unwrap()).unwrap();
    assert_eq!(json["independent_origins"], 1);
    assert_eq!(json["carried"], serde_json::json!(["rumour"]));
    assert_eq!(json["groups"][0]["origins"], serde_json::json!(["source s1", "speaker a"]));
    let verdicts = VerdictRecord::all(&g, &Framework::from_graph(&g));
    let json = serde_json::to_value(&verdicts).unwrap();
    assert_eq!(json[0]["status"], "undecided");
    assert_eq!(json[0]["attackers"], serde_json::json!(["no"]));
}

#[test]
fn an_attribution_chain_serializes_with_typed_hops() {
    let g = graph_with(
        &[claim("relayed", "kz", "capital", r#"Text("Astana")"#, r#"source: "s5", mode: Hedged, said_by: "tok""#)],
        "",
    );
    let chains = attribution_chains(&g, g.claim_id("relayed").unwrap());
    assert_eq!(chains.len(), 1);
    let json = serde_json::to_value(ChainRecord::new(&g, &chains[0])).unwrap();
    assert_eq!(json["kind"], "attribution");
    assert_eq!(json["start"], "s5");
    assert_eq!(json["earliest_source"], "s1");
    assert_eq!(json["speaker"], "tok");
    assert_eq!(json["hedged"], true);
    let hops = json["hops"].as_array().unwrap();
    let kinds: Vec<&str> = hops.iter().map(|h| h["hop"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["republished from", "translated from", "stated by"]);
    assert_eq!(hops[0]["source"], "s4");
    assert_eq!(hops[0]["by"], "o2");
    assert_eq!(hops[2]["actor"], "tok");
    assert_eq!(hops[2]["mode"], "hedged");
    assert_eq!(json["quote"], "q relayed");
}

#[test]
fn trust_results_serialize_as_records() {
    use claimgraph::trust::{DecisionRecord, GraphOptions, MajorityVote, TrustRecord, trust_report};
    let g = graph_with(
        &[
            claim("a1", "kz", "capital", r#"Text("Astana")"#, ""),
            claim("a2", "kz", "capital", r#"Text("Astana")"#, r#"said_by: "b", source: "s2""#),
            claim("n1", "kz", "capital", r#"Text("Nur-Sultan")"#, r#"said_by: "tok", source: "old""#),
        ],
        "",
    );
    let report = trust_report(&g, &GraphOptions::default(), &MajorityVote::new()).unwrap();
    let trust = TrustRecord::all(&g, &report, false);
    assert!(trust.iter().any(|t| t.kind == "speaker_trust" && t.holder == "tok"));
    assert!(trust.iter().any(|t| t.kind == "source_trust" && t.holder == "s2"));
    let decision = report.decisions.iter().find(|d| d.values.len() == 2).unwrap();
    let grounded = Framework::from_graph(&g).grounded();
    let json = serde_json::to_value(DecisionRecord::new(&g, &report, decision, false, Some(&grounded))).unwrap();
    assert_eq!(json["kind"], "decision");
    assert_eq!(json["subject"], "kz");
    assert_eq!(json["predicate"], "capital");
    assert_eq!(json["winner"], "“Astana”");
    assert_eq!(json["values"][0]["claims"][0]["claim"], "a1");
    assert_eq!(json["values"][0]["claims"][0]["grounded"], "undecided");
    assert_eq!(json["values"][0]["holders"].as_array().unwrap().len(), 2);
}
