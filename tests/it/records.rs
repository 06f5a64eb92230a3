//! Query results as records for other tools: their JSON shape is stable.

use claimgraph::query::{
    ContradictionRecord, CorroborationRecord, Framework, VerdictRecord, contradictions, corroboration,
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
