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
