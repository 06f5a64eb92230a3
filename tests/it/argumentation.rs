//! The argumentation view on graphs: which claims stand.

use claimgraph::query::{Framework, Status, contradictions};

use super::{bundled, claim, graph_with};

#[test]
fn a_standoff_is_undecided_until_trust_breaks_it() {
    let g = graph_with(
        &[
            claim("yes", "kz", "supports", r#"Actor("ru")"#, ""),
            claim("also_yes", "kz", "supports", r#"Actor("ru")"#, r#"said_by: "b", source: "s2""#),
            claim("no", "kz", "supports", r#"Actor("ru")"#, r#"polarity: Denied, said_by: "tok""#),
            claim("unrelated", "kz", "capital", r#"Text("Astana")"#, ""),
        ],
        "",
    );
    let id = |k: &str| g.claim_id(k).unwrap();
    let framework = Framework::from_graph(&g);
    assert_eq!(framework.claims(), [id("yes"), id("also_yes"), id("no")]);
    assert!(framework.grounded().iter().all(|(_, s)| *s == Status::Undecided));
    assert_eq!(framework.preferred(16), vec![vec![vec![id("yes"), id("also_yes")], vec![id("no")]]]);
    // A claim no contradiction involves is not an argument: it stands unattacked.
    assert!(framework.explain(&g, id("unrelated")).is_none());
    let verdict = framework.explain(&g, id("no")).unwrap();
    assert_eq!(verdict.status, Status::Undecided);
    assert!(verdict.reason.contains("standoff"), "{}", verdict.reason);
    // Trust the denier more: the affirmations fall, and the verdicts say why.
    let trusted = Framework::from_graph(&g).with_preference(|c| if c == id("no") { 0.9 } else { 0.4 });
    let grounded = trusted.grounded();
    assert_eq!(grounded, vec![(id("yes"), Status::Out), (id("also_yes"), Status::Out), (id("no"), Status::In)]);
    let verdict = trusted.explain(&g, id("yes")).unwrap();
    assert_eq!(verdict.attackers, [id("no")]);
    assert_eq!(verdict.supporters, [id("also_yes")]);
    assert!(verdict.reason.starts_with("falls: attacked by no, which stands"), "{}", verdict.reason);
    let verdict = trusted.explain(&g, id("no")).unwrap();
    assert!(verdict.reason.contains("attacks by less preferred claims fail"), "{}", verdict.reason);
}

#[test]
fn every_contested_claim_of_the_bundled_data_gets_an_explained_verdict() {
    let g = bundled();
    let framework = Framework::from_graph(&g);
    let contested: std::collections::BTreeSet<_> = contradictions(&g).iter().flat_map(|c| c.claims.clone()).collect();
    assert_eq!(framework.claims().iter().copied().collect::<std::collections::BTreeSet<_>>(), contested);
    for (claim, status) in framework.grounded() {
        let verdict = framework.explain(&g, claim).unwrap();
        assert_eq!(verdict.status, status);
        assert!(!verdict.reason.is_empty());
        if status == Status::Out {
            assert!(!verdict.attackers.is_empty());
        }
    }
    // Same data, same answer.
    assert_eq!(Framework::from_graph(&g).grounded(), framework.grounded());
}

#[test]
fn compatible_values_stand_together_against_a_different_one() {
    // 100,000 and 105,000 are within the predicate's 10%: they do not attack each other, and
    // trusting the 200,000 claim least leaves both standing.
    let q = |n: u32| format!(r#"Quantity(amount: Exact({n}), unit: "person")"#);
    let g = graph_with(
        &[
            claim("low", "kz", "arrivals", &q(100_000), ""),
            claim("near", "kz", "arrivals", &q(105_000), r#"said_by: "b""#),
            claim("high", "kz", "arrivals", &q(200_000), r#"said_by: "tok""#),
        ],
        "",
    );
    let id = |k: &str| g.claim_id(k).unwrap();
    let framework = Framework::from_graph(&g).with_preference(|c| if c == id("high") { 0.1 } else { 0.5 });
    let grounded = framework.grounded();
    assert_eq!(grounded, vec![(id("low"), Status::In), (id("near"), Status::In), (id("high"), Status::Out)]);
    let verdict = framework.explain(&g, id("low")).unwrap();
    assert_eq!(verdict.supporters, [id("near")]);
    // The attack of the less trusted claim fails, and the verdict says so.
    assert!(verdict.attackers.is_empty());
    assert!(verdict.reason.contains("attacks by less preferred claims fail (high)"), "{}", verdict.reason);
    // Without trust, the two camps are in a standoff, and 100,000 and 105,000 are never
    // attackers of each other.
    let plain = Framework::from_graph(&g);
    assert_eq!(plain.explain(&g, id("low")).unwrap().attackers, [id("high")]);
    assert_eq!(plain.explain(&g, id("high")).unwrap().attackers.len(), 1);
}
