//! Each contradiction rule, each case that must not be flagged, attribution chains,
//! corroboration and lookups, on small graphs built from [`super::BASE`].

use claimgraph::query::{
    ClaimFilter, HopKind, InconsistencyKind, Link, Origin, Rule, attribution_chains, circular_reporting,
    contradictions, corroboration, source_inconsistencies, timeline, who_said_about,
};
use claimgraph::{ClaimGraph, TimeSpec};

use super::{claim, graph_with};

fn rules(graph: &ClaimGraph) -> Vec<(Rule, Vec<String>)> {
    contradictions(graph)
        .into_iter()
        .map(|c| (c.rule, c.claims.iter().map(|&id| graph.claim(id).unwrap().key().to_owned()).collect()))
        .collect()
}

fn pair(a: &str, b: &str) -> Vec<String> {
    vec![a.to_owned(), b.to_owned()]
}

#[test]
fn affirmed_and_denied_contradict() {
    let g = graph_with(
        &[
            claim("yes", "kz", "recognizes", r#"Actor("ua")"#, r#"about: Some("2022")"#),
            claim("no", "kz", "recognizes", r#"Actor("ua")"#, r#"polarity: Denied, about: Some("2022-06")"#),
        ],
        "",
    );
    assert_eq!(rules(&g), vec![(Rule::Polarity, pair("yes", "no"))]);
}

#[test]
fn affirmed_and_denied_in_different_years_do_not_contradict() {
    let g = graph_with(
        &[
            claim("ban", "kz", "recognizes", r#"Actor("ua")"#, r#"about: Some("2021")"#),
            claim("lifted", "kz", "recognizes", r#"Actor("ua")"#, r#"polarity: Denied, about: Some("2022")"#),
        ],
        "",
    );
    assert!(rules(&g).is_empty());
}

#[test]
fn denial_of_another_object_is_no_contradiction() {
    let g = graph_with(
        &[
            claim("yes", "kz", "recognizes", r#"Actor("ua")"#, ""),
            claim("no", "kz", "recognizes", r#"Actor("ru")"#, "polarity: Denied"),
        ],
        "",
    );
    assert!(rules(&g).is_empty());
}

#[test]
fn single_valued_predicates_take_one_value_at_a_time() {
    let g = graph_with(
        &[
            claim("astana", "kz", "capital", r#"Text("Astana")"#, r#"about: Some("2020")"#),
            claim("nursultan", "kz", "capital", r#"Text("Nur-Sultan")"#, r#"about: Some("2020-05")"#),
            claim("astana_caps", "kz", "capital", r#"Text("ASTANA")"#, r#"about: Some("2020")"#),
            claim("astana_again", "kz", "capital", r#"Text("Astana")"#, r#"about: Some("2022-09-17/..")"#),
        ],
        "",
    );
    // Case is folded, so the two 2020 Astana claims agree and form one side of one conflict;
    // the later period does not overlap 2020.
    let found = contradictions(&g);
    assert_eq!(rules(&g), vec![(Rule::SingleValue, vec!["astana".into(), "nursultan".into(), "astana_caps".into()])]);
    assert_eq!(
        found[0].reason(&g),
        "Kazakhstan capital takes one value at a time, but claims of overlapping times give “Astana” (2 claims \
         from 1 speaker, 1 independent origin) vs “Nur-Sultan” (1 claim from 1 speaker)"
    );
    let sides = found[0].sides(&g);
    let id = |k: &str| g.claim_id(k).unwrap();
    assert_eq!(sides.len(), 2);
    assert_eq!(sides[0].claims, [id("astana"), id("astana_caps")]);
    assert_eq!(sides[0].holders, [g.actor_id("a").unwrap()]);
    assert_eq!((sides[0].claim_count(), sides[0].holder_count(), sides[0].independent), (2, 1, 1));
    assert_eq!(sides[1].claims, [id("nursultan")]);
    assert_eq!(found[0].opposing_pairs(&g), 2, "each Astana claim against Nur-Sultan");
}

#[test]
fn multi_valued_predicates_never_conflict_on_values() {
    let g = graph_with(
        &[claim("ua", "kz", "recognizes", r#"Actor("ua")"#, ""), claim("ru", "kz", "recognizes", r#"Actor("ru")"#, "")],
        "",
    );
    assert!(rules(&g).is_empty());
}

#[test]
fn quantities_beyond_tolerance_conflict() {
    let g = graph_with(
        &[
            claim("around", "kz", "arrivals", r#"Quantity(amount: Around(100000), unit: "person")"#, ""),
            claim("exact", "kz", "arrivals", r#"Quantity(amount: Exact(200000), unit: "person")"#, ""),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, Rule::Quantity);
    assert_eq!(
        found[0].reason(&g),
        "Kazakhstan arrivals: about 100,000 people (1 claim from 1 speaker) vs 200,000 people (1 claim from 1 \
         speaker) differ by 45% of the larger value after normalisation, beyond the predicate's tolerance of 10%"
    );
    let explained = found[0].explain(&g);
    assert!(explained.contains("\n  tolerance: 10% (the predicate's)"), "{explained}");
    assert!(explained.contains("\n  opposing pairs: 1"), "{explained}");
    assert!(explained.contains("\n  side 2 (200,000 people): 1 claim from 1 speaker\n    exact "), "{explained}");
}

#[test]
fn sides_name_their_holders_origins_and_carriers() {
    let arrivals = |n: u32| format!(r#"Quantity(amount: Exact({n}), unit: "person")"#);
    let g = graph_with(
        &[
            // Analyst A in s1 and its republication s3: one speaker, one origin.
            claim("a_s1", "kz", "arrivals", &arrivals(100_000), ""),
            claim("a_s3", "kz", "arrivals", &arrivals(100_000), r#"source: "s3""#),
            // Analyst B in s2: a second speaker and origin.
            claim("b_s2", "kz", "arrivals", &arrivals(100_000), r#"said_by: "b", source: "s2""#),
            claim("o1_s2", "kz", "arrivals", &arrivals(200_000), r#"said_by: "o1", source: "s2""#),
            // Outlet Two only repeats that 100,000 circulates: listed, not counted.
            claim("carried", "kz", "arrivals", &arrivals(100_000), r#"said_by: "o2", source: "s2", stance: Carried"#),
            claim(
                "carried_far",
                "kz",
                "arrivals",
                &arrivals(150_000),
                r#"said_by: "o2", source: "s2", stance: Carried"#,
            ),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    let id = |k: &str| g.claim_id(k).unwrap();
    let sides = found[0].sides(&g);
    assert_eq!(sides.len(), 2);
    assert_eq!(sides[0].claims, [id("a_s1"), id("a_s3"), id("b_s2")]);
    assert_eq!(sides[0].holders, [g.actor_id("a").unwrap(), g.actor_id("b").unwrap()]);
    assert_eq!(sides[0].independent, 2);
    assert_eq!(sides[0].carried, [id("carried")]);
    assert_eq!(sides[1].claims, [id("o1_s2")]);
    assert!(sides[1].carried.is_empty(), "150,000 is more than 10% from 200,000");
    assert_eq!(found[0].opposing_pairs(&g), 3);
    assert_eq!(
        found[0].reason(&g),
        "Kazakhstan arrivals: 100,000 people (3 claims from 2 speakers, 2 independent origins) vs 200,000 people \
         (1 claim from 1 speaker) differ by 50% of the larger value after normalisation, beyond the predicate's \
         tolerance of 10%; also carried without endorsement by 1 source"
    );
    let explained = found[0].explain(&g);
    let carried_at = explained.find("\n  carried without endorsement:\n    carried ").expect(&explained);
    assert!(carried_at > explained.find("\n  side 2").unwrap(), "carriage is listed after the sides: {explained}");
}

#[test]
fn polarity_sides_read_as_affirmed_and_denied() {
    let g = graph_with(
        &[
            claim("yes_a", "kz", "recognizes", r#"Actor("ua")"#, ""),
            claim("yes_a_again", "kz", "recognizes", r#"Actor("ua")"#, r#"source: "s2""#),
            // Analyst A twice (one voice), and Analyst B in a source of its own.
            claim("yes_b", "kz", "recognizes", r#"Actor("ua")"#, r#"said_by: "b", source: "old""#),
            claim("no_tok", "kz", "recognizes", r#"Actor("ua")"#, r#"said_by: "tok", polarity: Denied"#),
            claim("no_naz", "kz", "recognizes", r#"Actor("ua")"#, r#"said_by: "naz", polarity: Denied, source: "s2""#),
            claim(
                "carried_no",
                "kz",
                "recognizes",
                r#"Actor("ua")"#,
                r#"said_by: "o2", polarity: Denied, stance: Carried"#,
            ),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].opposing_pairs(&g), 6);
    assert_eq!(
        found[0].reason(&g),
        "Kazakhstan recognizes Ukraine: affirmed by 3 claims from 2 speakers (2 independent origins), denied by 2 \
         claims from 2 speakers (2 independent origins); also carried without endorsement by 1 source"
    );
    let sides = found[0].sides(&g);
    assert_eq!(sides[1].carried, [g.claim_id("carried_no").unwrap()]);
    assert!(sides[0].carried.is_empty());
}

#[test]
fn compatible_approximations_do_not_conflict() {
    for (a, b) in [
        ("Around(100000)", "Exact(105000)"),
        ("Range(200, 999)", "Exact(230)"),
        ("MoreThan(40)", "Exact(40)"),
        ("LessThan(20000000)", "Exact(19000000)"),
        ("AtLeast(95)", "Range(97, 99)"),
    ] {
        let g = graph_with(
            &[
                claim("x", "kz", "arrivals", &format!(r#"Quantity(amount: {a}, unit: "person")"#), ""),
                claim("y", "kz", "arrivals", &format!(r#"Quantity(amount: {b}, unit: "person")"#), ""),
            ],
            "",
        );
        assert!(rules(&g).is_empty(), "{a} vs {b} flagged");
    }
    let g = graph_with(
        &[
            claim("x", "kz", "arrivals", r#"Quantity(amount: LessThan(20000000), unit: "person")"#, ""),
            claim("y", "kz", "arrivals", r#"Quantity(amount: Exact(25000000), unit: "person")"#, ""),
        ],
        "",
    );
    assert_eq!(rules(&g).len(), 1, "an upper bound below the other value conflicts");
}

#[test]
fn a_vague_value_does_not_hide_a_conflict_between_precise_ones() {
    let g = graph_with(
        &[
            claim("vague", "kz", "arrivals", r#"Quantity(amount: AtLeast(5), unit: "person")"#, ""),
            claim("ten", "kz", "arrivals", r#"Quantity(amount: Exact(10), unit: "person")"#, ""),
            claim("twenty", "kz", "arrivals", r#"Quantity(amount: Exact(20), unit: "person")"#, ""),
        ],
        "",
    );
    assert_eq!(rules(&g), vec![(Rule::Quantity, pair("ten", "twenty"))]);
}

#[test]
fn currencies_are_normalised_before_comparing() {
    let eur = claim("eur", "kz", "trade", r#"Quantity(amount: Exact(25e9), unit: "EUR")"#, "");
    let close = claim("usd", "kz", "trade", r#"Quantity(amount: Exact(24e9), unit: "USD")"#, "");
    assert!(rules(&graph_with(&[eur.clone(), close], "")).is_empty(), "25 bn EUR and 24 bn USD are within 10%");
    let far = claim("usd", "kz", "trade", r#"Quantity(amount: Exact(15e9), unit: "USD")"#, "");
    assert_eq!(rules(&graph_with(&[eur, far], "")), vec![(Rule::Quantity, pair("eur", "usd"))]);
}

#[test]
fn units_are_normalised_before_comparing() {
    let km = claim("km", "kz", "border", r#"Quantity(amount: Exact(6846), unit: "km")"#, r#"qualifier: Some("ru")"#);
    let m = claim("m", "kz", "border", r#"Quantity(amount: Exact(6846000), unit: "m")"#, r#"qualifier: Some("ru")"#);
    let other =
        claim("other", "kz", "border", r#"Quantity(amount: Exact(7600), unit: "km")"#, r#"qualifier: Some("ru")"#);
    let g = graph_with(&[km, m, other], "");
    assert_eq!(rules(&g), vec![(Rule::Quantity, vec!["km".into(), "m".into(), "other".into()])]);
}

#[test]
fn qualifiers_separate_propositions() {
    let g = graph_with(
        &[
            claim("ru", "kz", "border", r#"Quantity(amount: Exact(6846), unit: "km")"#, r#"qualifier: Some("ru")"#),
            claim("ua", "kz", "border", r#"Quantity(amount: Exact(10), unit: "km")"#, r#"qualifier: Some("ua")"#),
        ],
        "",
    );
    assert!(rules(&g).is_empty());
}

#[test]
fn mutually_exclusive_predicates_conflict() {
    let g = graph_with(
        &[
            claim("condemns", "tok", "condemns", r#"Actor("war")"#, ""),
            claim("supports", "tok", "supports", r#"Actor("war")"#, ""),
            claim("supports_ru", "tok", "supports", r#"Actor("ru")"#, ""),
            claim("not_supports", "tok", "supports", r#"Actor("war")"#, r#"polarity: Denied, said_by: "b""#),
        ],
        "",
    );
    // The denial of support contradicts the support, but does not clash with the condemnation.
    assert_eq!(
        rules(&g),
        vec![(Rule::Polarity, pair("supports", "not_supports")), (Rule::Exclusion, pair("condemns", "supports"))]
    );
}

#[test]
fn rebuttals_and_recorded_conflicts() {
    let g = graph_with(
        &[
            claim("claim", "kz", "says", r#"Text("x")"#, ""),
            claim("denial", "b", "denies", r#"Claim("claim")"#, r#"said_by: "b""#),
            claim("other", "kz", "says", r#"Text("y")"#, ""),
        ],
        r#"(id: "k1", claims: ["other", "claim"], note: "an analyst's reading")"#,
    );
    let found = contradictions(&g);
    assert_eq!(found[0].rule, Rule::Recorded);
    assert_eq!(found[0].reason(&g), "an analyst's reading");
    assert_eq!(found[1].reason(&g), "Analyst B denies claim claim by Analyst A");
    assert_eq!(rules(&g)[1], (Rule::Rebuttal, pair("claim", "denial")));
    assert_eq!(found.len(), 2);
}

#[test]
fn questions_never_contradict_and_hedges_weaken() {
    let g = graph_with(
        &[
            claim("q", "kz", "recognizes", r#"Actor("ua")"#, "modality: Question"),
            claim("no", "kz", "recognizes", r#"Actor("ua")"#, "polarity: Denied"),
        ],
        "",
    );
    assert!(rules(&g).is_empty());
    let g = graph_with(
        &[
            claim("yes", "kz", "recognizes", r#"Actor("ua")"#, ""),
            claim("no", "kz", "recognizes", r#"Actor("ua")"#, "polarity: Denied"),
            claim("hedged_yes", "kz", "recognizes", r#"Actor("ru")"#, "modality: Hedged"),
            claim("hedged_no", "kz", "recognizes", r#"Actor("ru")"#, "polarity: Denied"),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 2);
    assert!(found[0].strength > found[1].strength);
    assert_eq!(g.claim(found[1].claims[0]).unwrap().key(), "hedged_yes");
}

#[test]
fn results_are_deterministic() {
    let claims: Vec<String> = (0..30)
        .map(|i| {
            claim(
                &format!("c{i}"),
                "kz",
                "arrivals",
                &format!(r#"Quantity(amount: Exact({}), unit: "person")"#, 1000 * (i % 7 + 1)),
                "",
            )
        })
        .collect();
    let a = contradictions(&graph_with(&claims, ""));
    let b = contradictions(&graph_with(&claims, ""));
    assert_eq!(a, b);
    // Seven distinct values at overlapping times: one conflict of seven sides listing every claim
    // (not one per pair of values).
    let g = graph_with(&claims, "");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].claims.len(), 30);
    let sides = a[0].sides(&g);
    assert_eq!(sides.iter().map(|s| s.claims.len()).collect::<Vec<_>>(), [5, 5, 4, 4, 4, 4, 4]);
    // Every pair of claims with different values: 435 pairs less 2 × 10 + 5 × 6 of equal values.
    assert_eq!(a[0].opposing_pairs(&g), 385);
    assert!(a[0].reason(&g).contains(" and 1 more values"), "{}", a[0].reason(&g));
}

#[test]
fn claims_after_the_source_date_and_dates_that_cannot_fit() {
    let g = graph_with(
        &[
            claim("late", "kz", "says", r#"Text("war")"#, r#"source: "old", about: Some("2022")"#),
            claim(
                "prediction",
                "kz",
                "says",
                r#"Text("x")"#,
                r#"source: "old", about: Some("2023"), modality: Predicted"#,
            ),
            claim("fine", "kz", "says", r#"Text("x")"#, r#"source: "old", about: Some("2019")"#),
            claim("jan", "riots", "occurred", r#"Date("2022-01")"#, r#"source: "s2""#),
            claim("feb", "riots", "occurred", r#"Date("2021-02~")"#, r#"source: "s2""#),
            claim("elsewhere", "riots", "occurred", r#"Date("2020")"#, r#"source: "s1""#),
        ],
        "",
    );
    let found: Vec<(InconsistencyKind, Vec<String>)> = source_inconsistencies(&g)
        .into_iter()
        .map(|i| (i.kind, i.claims.iter().map(|&c| g.claim(c).unwrap().key().to_owned()).collect()))
        .collect();
    assert_eq!(
        found,
        vec![
            (InconsistencyKind::DatesCannotFit, pair("jan", "feb")),
            (InconsistencyKind::AfterPublication, vec!["late".to_owned()])
        ]
    );
}

#[test]
fn chain_through_republication_translation_relay_and_speech() {
    let g = graph_with(
        &[claim(
            "quote",
            "kz",
            "says",
            r#"Text("x")"#,
            r#"said_by: "tok", mode: DirectQuote, source: "s5", relayed_by: [(by: Some("b"), mode: Hedged)], said_in: Some("speech")"#,
        )],
        "",
    );
    let id = g.claim_id("quote").unwrap();
    let chains = attribution_chains(&g, id);
    assert_eq!(chains.len(), 1);
    let c = &chains[0];
    let kinds: Vec<HopKind> = c.hops.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        vec![
            HopKind::RepublishedFrom,
            HopKind::TranslatedFrom,
            HopKind::RelayedBy,
            HopKind::Unlinked,
            HopKind::StatedBy
        ]
    );
    assert_eq!(c.hops[1].by, g.actor_id("tr"));
    assert_eq!(c.hops[4].to, Link::Actor(g.actor_id("tok").unwrap()));
    assert_eq!(c.earliest_source, g.source_id("speech").unwrap());
    assert!(c.hedged, "the relay's hedge is carried along");
    assert!(!c.inserted);
    assert!(c.render(&g).contains("translated from s1 (by Translator)"));
}

#[test]
fn an_insertion_stays_with_the_intermediary() {
    let g = graph_with(
        &[claim("note", "kz", "says", r#"Text("x")"#, r#"said_by: "tr", mode: Inserted, source: "s5""#)],
        "",
    );
    let chains = attribution_chains(&g, g.claim_id("note").unwrap());
    assert_eq!(chains.len(), 1);
    let c = &chains[0];
    assert!(c.inserted);
    assert_eq!(c.earliest_source, g.source_id("s4").unwrap(), "the remark starts in the translation, not the original");
    assert_eq!(c.hops.last().unwrap().kind, HopKind::InsertedBy);
    assert!(!c.hops.iter().any(|h| h.to == Link::Source(g.source_id("s1").unwrap())));
}

#[test]
fn chains_terminate_on_cycles_and_report_them() {
    let g = graph_with(&[claim("x", "kz", "says", r#"Text("x")"#, r#"source: "r1""#)], "");
    let chains = attribution_chains(&g, g.claim_id("x").unwrap());
    assert_eq!(chains.len(), 1);
    let cycle = chains[0].cycle.as_ref().expect("the republication cycle is reported");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 3);
    let (r1, r2) = (g.source_id("r1").unwrap(), g.source_id("r2").unwrap());
    let (cy1, cy2) = (g.source_id("cy1").unwrap(), g.source_id("cy2").unwrap());
    assert_eq!(circular_reporting(&g), vec![vec![cy1, cy2], vec![r1, r2]]);
}

#[test]
fn republications_count_once_and_independent_reports_count_separately() {
    let g = graph_with(
        &[
            claim("original", "kz", "arrivals", r#"Quantity(amount: Exact(100000), unit: "person")"#, ""),
            claim(
                "republished",
                "kz",
                "arrivals",
                r#"Quantity(amount: Around(100000), unit: "person")"#,
                r#"source: "s3""#,
            ),
            claim(
                "translated",
                "kz",
                "arrivals",
                r#"Quantity(amount: Exact(100000), unit: "person")"#,
                r#"source: "s5""#,
            ),
            claim(
                "independent",
                "kz",
                "arrivals",
                r#"Quantity(amount: Exact(98000), unit: "person")"#,
                r#"source: "s2", said_by: "b""#,
            ),
            claim(
                "other_value",
                "kz",
                "arrivals",
                r#"Quantity(amount: Exact(200000), unit: "person")"#,
                r#"source: "s2""#,
            ),
        ],
        "",
    );
    let support = corroboration(&g, g.claim_id("original").unwrap());
    let keys =
        |ids: &[claimgraph::ClaimId]| ids.iter().map(|&c| g.claim(c).unwrap().key().to_owned()).collect::<Vec<_>>();
    assert_eq!(keys(&support.claims), ["original", "republished", "translated", "independent"]);
    assert_eq!(support.independent(), 2);
    assert_eq!(keys(&support.groups[0].claims), ["original", "republished", "translated"]);
    // The republished and translated reports lead back to s1, and all three are analyst A's voice.
    assert_eq!(
        support.groups[0].origins,
        vec![Origin::Source(g.source_id("s1").unwrap()), Origin::Speaker(g.actor_id("a").unwrap())]
    );
}

#[test]
fn reports_of_one_speaker_count_once() {
    let g = graph_with(
        &[
            claim("in_s1", "kz", "says", r#"Text("x")"#, r#"said_by: "tok", mode: DirectQuote"#),
            claim("in_s2", "kz", "says", r#"Text("X")"#, r#"said_by: "tok", mode: Paraphrase, source: "s2""#),
        ],
        "",
    );
    assert_eq!(corroboration(&g, g.claim_id("in_s1").unwrap()).independent(), 1);
}

#[test]
fn lookups() {
    let g = graph_with(
        &[
            claim(
                "later",
                "tok",
                "condemns",
                r#"Actor("war")"#,
                r#"said_by: "tok", mode: DirectQuote, about: Some("2022-03")"#,
            ),
            claim("earlier", "naz", "supports", r#"Actor("tok")"#, r#"said_by: "b", about: Some("2019")"#),
            claim("untimed", "kz", "says", r#"Text("x")"#, r#"said_by: "tok""#),
        ],
        "",
    );
    let tok = g.actor_by_name("Kasym-Zomart Tokaev").unwrap();
    let keys =
        |ids: Vec<claimgraph::ClaimId>| ids.iter().map(|&c| g.claim(c).unwrap().key().to_owned()).collect::<Vec<_>>();
    assert_eq!(keys(timeline(&g, tok)), ["earlier", "later"]);
    let said: Vec<_> = who_said_about(&g, tok)
        .into_iter()
        .map(|(a, c)| (g.actor(a).unwrap().key().to_owned(), g.claim(c).unwrap().key().to_owned()))
        .collect();
    assert_eq!(said, [("tok".to_owned(), "later".to_owned()), ("b".to_owned(), "earlier".to_owned())]);
    let in_2022: Vec<_> = ClaimFilter::new()
        .speaker(tok)
        .during("2022".parse::<TimeSpec>().unwrap())
        .iter(&g)
        .map(|c| c.key().to_owned())
        .collect();
    assert_eq!(in_2022, ["later"]);
    assert_eq!(ClaimFilter::new().speaker(tok).iter(&g).count(), 2);
    assert_eq!(ClaimFilter::new().source(g.source_id("s2").unwrap()).iter(&g).count(), 0);
    assert_eq!(ClaimFilter::new().iter(&g).count(), 3);
}

#[test]
fn the_incremental_index_matches_a_full_scan_after_every_edit() {
    use claimgraph::query::ContradictionIndex;
    use claimgraph::synth::{Config, generate};
    let mut g = generate(&Config { claims: 3000, seed: 7, ..Config::default() });
    let mut index = ContradictionIndex::new(&g);
    assert_eq!(index.contradictions(&g), contradictions(&g));
    assert!(!index.is_empty(), "the generator plants conflicts");
    // Re-add copies of existing claims with the polarity flipped or the same, in batches of 100,
    // then remove a batch, checking the index against a full scan each time.
    let originals: Vec<_> = g.claims().map(|(_, c)| c.to_claim()).step_by(7).take(300).collect();
    for (batch, chunk) in originals.chunks(100).enumerate() {
        let mut touched = Vec::new();
        for (i, c) in chunk.iter().enumerate() {
            let mut copy = c.clone();
            copy.key = format!("copy_{batch}_{i}");
            if i % 2 == 0 {
                copy.polarity = match copy.polarity {
                    claimgraph::Polarity::Affirmed => claimgraph::Polarity::Denied,
                    claimgraph::Polarity::Denied => claimgraph::Polarity::Affirmed,
                };
            }
            touched.push(ClaimGraph::proposition_key(&copy));
            g.add_claim(copy).unwrap();
        }
        index.update(&g, touched);
        assert_eq!(index.contradictions(&g), contradictions(&g), "after batch {batch}");
    }
    let removable: Vec<_> =
        g.claims().filter(|(_, c)| c.key().starts_with("copy_1_")).map(|(id, c)| (id, c.proposition_key())).collect();
    for &(id, _) in &removable {
        g.remove_claim(id).unwrap();
    }
    index.update(&g, removable.iter().map(|&(_, k)| k));
    assert_eq!(index.contradictions(&g), contradictions(&g), "after removals");
}

#[test]
fn the_incremental_index_matches_a_full_scan_after_removing_and_re_adding_claims() {
    use claimgraph::query::ContradictionIndex;
    use claimgraph::synth::{Config, generate};
    let mut g = generate(&Config { claims: 4000, seed: 11, conflict_share: 0.3, ..Config::default() });
    let mut index = ContradictionIndex::new(&g);
    let check = |index: &ContradictionIndex, g: &ClaimGraph, when: &str| {
        let full = contradictions(g);
        assert_eq!(index.contradictions(g), full, "{when}");
        assert_eq!(index.len(), full.iter().filter(|c| c.rule != Rule::Recorded).count(), "{when}");
    };
    check(&index, &g, "at first");
    // Remove the claims of every other contradiction (those nothing refers to), emptying some
    // groups; report each key twice.
    let mut victims: Vec<_> = contradictions(&g).iter().step_by(2).flat_map(|c| c.claims.clone()).collect();
    victims.sort();
    victims.dedup();
    let removed: Vec<_> = victims.into_iter().filter_map(|id| g.remove_claim(id).ok()).collect();
    assert!(removed.len() > 100, "{} claims removed", removed.len());
    let keys: Vec<_> = removed.iter().map(ClaimGraph::proposition_key).collect();
    index.update(&g, keys.iter().chain(&keys).copied());
    check(&index, &g, "after removals");
    // Add them back under new keys, in two batches, the second also naming groups it leaves as
    // they are.
    let (first, second) = removed.split_at(removed.len() / 2);
    for (batch, claims) in [first, second].into_iter().enumerate() {
        let mut touched = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let mut again = c.clone();
            again.key = format!("again_{batch}_{i}");
            // A rebuttal of a removed claim cannot come back.
            if g.add_claim(again).is_ok() {
                touched.push(ClaimGraph::proposition_key(c));
            }
        }
        assert!(!touched.is_empty());
        if batch == 1 {
            touched.extend(keys.iter().step_by(5));
        }
        index.update(&g, touched);
        check(&index, &g, &format!("after adding batch {batch}"));
    }
    assert!(index.len() > 100, "the corpus still conflicts");
}
