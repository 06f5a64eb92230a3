//! Stance and carriage: who asserts, who denies, who only repeats; unquoted claims; the data
//! set's defaults.

use claimgraph::query::{Rule, contradictions, corroboration, corroborations};
use claimgraph::{Claim, ClaimGraph, ClaimId, Defaults, Stance, ToleranceOrigin, Value};

use super::{BASE, claim, graph_with, temp_dir};

/// What an article does with a rumour.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Act {
    Affirms,
    Denies,
    Repeats,
}

/// Each rumour's claims: key, what the article does, and its outlet.
type Rumours = Vec<Vec<(String, Act, usize)>>;

/// A rumour-stance corpus shaped like the public ones: for each rumour, articles by outlets that
/// affirm it, deny it or only repeat it, recorded as `data/FORMAT.md` recommends. Returns the RON
/// text and, for each rumour, the claim ids by act. Outlets write several articles, so one outlet
/// affirming a rumour twice occurs.
fn rumour_corpus(seed: u64, rumours: usize) -> (String, Rumours) {
    let mut state = seed;
    let mut next = move |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let outlets = 12;
    let mut actors = String::new();
    for o in 0..outlets {
        actors.push_str(&format!(r#"(id: "outlet{o}", kind: MediaOutlet, name: "Outlet {o}"),"#));
    }
    for r in 0..rumours {
        actors.push_str(&format!(r#"(id: "subject{r}", kind: Person, name: "Subject {r}"),"#));
    }
    let (mut sources, mut claims, mut truth) = (String::new(), String::new(), Vec::new());
    for r in 0..rumours {
        let mut acts = Vec::new();
        for a in 0..1 + next(14) as usize {
            let act = [Act::Affirms, Act::Denies, Act::Repeats][next(3) as usize];
            let outlet = next(outlets) as usize;
            let (id, article) = (format!("r{r}_a{a}"), format!("art_{r}_{a}"));
            sources.push_str(&format!(
                r#"(id: "{article}", kind: Article, title: "Article {a} on rumour {r}", outlet: Some("outlet{outlet}"), language: "en"),"#
            ));
            let (polarity, stance, quote) = match act {
                Act::Affirms => ("Affirmed", "Own", "it happened"),
                Act::Denies => ("Denied", "Own", "it did not happen"),
                Act::Repeats => ("Affirmed", "Carried", "rumours say it happened"),
            };
            claims.push_str(&format!(
                r#"(id: "{id}", subject: "subject{r}", predicate: "flag", object: Bool(true), polarity: {polarity}, stance: {stance}, said_by: "outlet{outlet}", source: "{article}", quote: "{quote}"),"#
            ));
            acts.push((id, act, outlet));
        }
        truth.push(acts);
    }
    let text = format!(
        r#"(predicates: [(id: "flag", label: "is true of", object: Bool, cardinality: Single)],
            actors: [{actors}], sources: [{sources}], claims: [{claims}])"#
    );
    (text, truth)
}

fn ids(g: &ClaimGraph, keys: impl IntoIterator<Item = String>) -> Vec<ClaimId> {
    let mut out: Vec<ClaimId> = keys.into_iter().map(|k| g.claim_id(&k).unwrap()).collect();
    out.sort();
    out
}

#[test]
fn a_rumour_stance_corpus_gives_sides_of_exactly_the_affirming_and_denying_articles() {
    let (text, truth) = rumour_corpus(7, 60);
    let g = claimgraph::load_str("rumours.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let found = contradictions(&g);
    let (mut conflicted, mut carried_only) = (0, 0);
    for acts in &truth {
        let of = |want: Act| ids(&g, acts.iter().filter(|(_, a, _)| *a == want).map(|(k, ..)| k.clone()));
        let (affirm, deny, repeat) = (of(Act::Affirms), of(Act::Denies), of(Act::Repeats));
        let mine: Vec<_> =
            found.iter().filter(|c| c.claims.iter().any(|k| affirm.contains(k) || deny.contains(k))).collect();
        if affirm.is_empty() || deny.is_empty() {
            // Nobody affirmed (or nobody denied): repetition alone never makes a side.
            assert!(mine.is_empty(), "{acts:?}: {mine:?}");
            carried_only += usize::from(!repeat.is_empty());
            continue;
        }
        conflicted += 1;
        assert_eq!(mine.len(), 1, "{acts:?}");
        assert_eq!(mine[0].rule, Rule::Polarity);
        let mut both = [affirm.clone(), deny.clone()].concat();
        both.sort();
        assert_eq!(mine[0].claims, both, "the sides are the affirming and the denying articles");
        assert!(mine[0].claims.iter().all(|c| !repeat.contains(c)));
        // Corroboration counts stance holders only, one voice per outlet; repeats are listed apart.
        let support = corroboration(&g, affirm[0]);
        assert_eq!(support.claims, affirm);
        assert_eq!(support.carried, repeat);
        let mut outlets: Vec<usize> = acts.iter().filter(|(_, a, _)| *a == Act::Affirms).map(|(_, _, o)| *o).collect();
        outlets.sort();
        outlets.dedup();
        assert_eq!(support.independent(), outlets.len(), "{acts:?}");
    }
    assert!(conflicted > 20 && carried_only > 3, "the corpus exercises both cases ({conflicted}, {carried_only})");
    // The same in bulk: no corroboration counts a repeat.
    for c in corroborations(&g, 1) {
        assert!(c.claims.iter().all(|&k| g.claim(k).unwrap().stance() == Stance::Own));
        assert!(c.carried.iter().all(|&k| g.claim(k).unwrap().stance() == Stance::Carried));
    }
}

#[test]
fn one_outlet_asserting_in_two_articles_is_one_voice() {
    let g = graph_with(
        &[
            claim("first", "kz", "capital", r#"Text("Astana")"#, r#"said_by: "o1", source: "s1""#),
            claim("second", "kz", "capital", r#"Text("Astana")"#, r#"said_by: "o1", source: "s2""#),
            claim("other", "kz", "capital", r#"Text("Astana")"#, r#"said_by: "o2", source: "old""#),
        ],
        "",
    );
    let support = corroboration(&g, g.claim_id("first").unwrap());
    assert_eq!(support.claims.len(), 3);
    assert_eq!(support.independent(), 2, "{support:?}");
}

#[test]
fn a_named_speaker_relayed_by_an_agency_keeps_their_stance() {
    // An accusation relayed (paraphrased) by a neutral outlet is the accuser's side; the outlet
    // repeating a rumour in its own voice is carriage.
    let g = graph_with(
        &[
            claim("accusation", "kz", "supports", r#"Actor("ru")"#, r#"said_by: "a", mode: Paraphrase, source: "s2""#),
            claim(
                "wire_repeats",
                "kz",
                "supports",
                r#"Actor("ru")"#,
                r#"said_by: "o2", stance: Carried, source: "s2""#,
            ),
            claim("denial", "kz", "supports", r#"Actor("ru")"#, r#"said_by: "tok", polarity: Denied"#),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].claims, ids(&g, ["accusation".to_owned(), "denial".to_owned()]));
}

#[test]
fn a_rebuttal_of_a_claim_nobody_holds_is_no_conflict() {
    let g = graph_with(
        &[
            claim("rumour", "kz", "supports", r#"Actor("ru")"#, r#"stance: Carried, said_by: "o1""#),
            claim("held", "kz", "supports", r#"Actor("ua")"#, r#"said_by: "b""#),
            claim("denies_rumour", "tok", "denies", r#"Claim("rumour")"#, r#"said_by: "tok""#),
            claim("denies_held", "tok", "denies", r#"Claim("held")"#, r#"said_by: "tok""#),
        ],
        "",
    );
    let found = contradictions(&g);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, Rule::Rebuttal);
    assert!(found[0].claims.contains(&g.claim_id("held").unwrap()));
}

#[test]
fn carried_claims_never_side_in_single_valued_or_quantity_conflicts() {
    let g = graph_with(
        &[
            claim("said", "kz", "arrivals", r#"Quantity(amount: Exact(100000), unit: "person")"#, ""),
            claim(
                "repeated",
                "kz",
                "arrivals",
                r#"Quantity(amount: Exact(300000), unit: "person")"#,
                r#"stance: Carried, said_by: "o2""#,
            ),
        ],
        "",
    );
    assert!(contradictions(&g).is_empty());
    let support = corroboration(&g, g.claim_id("repeated").unwrap());
    assert!(support.claims.is_empty() && support.carried == ids(&g, ["repeated".to_owned()]), "{support:?}");
}

#[test]
fn unquoted_claims_load_save_and_snapshot_without_loss() {
    let g = graph_with(
        &[
            claim(
                "table_row",
                "kz",
                "arrivals",
                r#"Quantity(amount: Exact(5), unit: "person")"#,
                r#"unquoted: Some("from a table")"#,
            )
            .replace(r#"quote: "q table_row""#, ""),
            claim("quoted", "kz", "capital", r#"Text("Astana")"#, r#"stance: Carried"#),
        ],
        "",
    );
    let row = g.claim(g.claim_id("table_row").unwrap()).unwrap();
    assert_eq!((row.quote(), row.unquoted()), ("", Some("from a table")));
    assert_eq!(g.claim(g.claim_id("quoted").unwrap()).unwrap().unquoted(), None);
    let dir = temp_dir("unquoted");
    claimgraph::save_dir(&g, &dir).unwrap();
    let text = std::fs::read_to_string(dir.join("test.ron")).unwrap();
    assert!(text.contains(r#"unquoted: Some("from a table")"#) && text.contains("stance: Carried"), "{text}");
    let back = claimgraph::load_dir(&dir).unwrap();
    assert_eq!(back, g);
    assert_eq!(back.claim(back.claim_id("table_row").unwrap()).unwrap().to_claim(), row.to_claim());
    let snap = claimgraph::from_snapshot_bytes(&claimgraph::snapshot_bytes(&g)).unwrap();
    assert_eq!(snap, g);
    assert_eq!(snap.claim(snap.claim_id("quoted").unwrap()).unwrap().stance(), Stance::Carried);
}

#[test]
fn a_claim_needs_a_quote_or_a_reason_it_has_none_but_not_both() {
    let text = |extra: &str| {
        format!(
            r#"({BASE} claims: [(id: "c", subject: "kz", predicate: "capital", object: Text("A"), said_by: "a", source: "s1"{extra})])"#
        )
    };
    let neither = claimgraph::load_str("t.ron", &text("")).unwrap_err().to_string();
    assert!(neither.contains("needs the verbatim quote") && neither.contains("unquoted"), "{neither}");
    let both = claimgraph::load_str("t.ron", &text(r#", quote: "A", unquoted: Some("from a table")"#)).unwrap_err();
    assert!(both.to_string().contains("give one or the other"), "{both}");
    let blank = claimgraph::load_str("t.ron", &text(r#", unquoted: Some(" ")"#)).unwrap_err();
    assert!(blank.to_string().contains("does not say why"), "{blank}");
    // The API applies the same rule.
    let g = claimgraph::load_str("t.ron", &text(r#", quote: "A""#)).unwrap();
    let mut g2 = g.clone();
    let base = g.claim(g.claim_id("c").unwrap()).unwrap().to_claim();
    let mut neither = base.clone();
    neither.key = "d".into();
    neither.quote.clear();
    assert!(g2.add_claim(neither.clone()).is_err());
    assert!(g2.add_claim(neither.unquoted("from a table")).is_ok());
}

#[test]
fn the_data_sets_default_tolerance_applies_and_is_named() {
    let claims = [
        claim("low", "kz", "trade", r#"Quantity(amount: Exact(100), unit: "USD")"#, ""),
        claim("high", "kz", "trade", r#"Quantity(amount: Exact(104), unit: "USD")"#, ""),
    ]
    .join("\n");
    // `trade` declares 10%: swap it for a predicate without a tolerance.
    let base = BASE.replace(
        r#"object: Quantity("money"), cardinality: Single, tolerance: Some(0.1)"#,
        r#"object: Quantity("money"), cardinality: Single"#,
    );
    let with = |defaults: &str| claimgraph::load_str("t.ron", &format!("({base} claims: [{claims}], {defaults})"));
    // Built in: 5%, so a 3.85% gap is compatible.
    let g = with("").unwrap();
    assert!(contradictions(&g).is_empty());
    let trade = g.predicate(g.predicate_id("trade").unwrap()).unwrap();
    assert_eq!(g.tolerance_for(trade), (Defaults::TOLERANCE, ToleranceOrigin::Crate));
    // The data set's 2%: the same claims conflict, and the reason says which tolerance applied.
    let g = with("defaults: (tolerance: Some(0.02))").unwrap();
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    let reason = found[0].reason(&g);
    assert!(reason.contains("the data set's default tolerance of 2%") && reason.contains("differ by 3.8%"), "{reason}");
    // It survives a save and a snapshot.
    let dir = temp_dir("defaults");
    claimgraph::save_dir(&g, &dir).unwrap();
    let back = claimgraph::load_dir(&dir).unwrap();
    assert_eq!(back.defaults(), Defaults { tolerance: 0.02 });
    let snap = claimgraph::from_snapshot_bytes(&claimgraph::snapshot_bytes(&g)).unwrap();
    assert!(snap.declares_defaults() && snap.defaults().tolerance == 0.02);
    // Bad defaults are located errors.
    let bad = with("defaults: (tolerance: Some(-1.0))").unwrap_err().to_string();
    assert!(bad.contains("t.ron:") && bad.contains("default tolerance must be 0 or more"), "{bad}");
    let mut api = g.clone();
    assert!(api.set_defaults(Some(Defaults { tolerance: f64::NAN })).is_err());
    api.set_defaults(None).unwrap();
    assert!(contradictions(&api).is_empty());
}

#[test]
fn defaults_declared_in_two_files_are_refused() {
    let dir = temp_dir("two-defaults");
    std::fs::write(dir.join("a.ron"), "(defaults: (tolerance: Some(0.1)))").unwrap();
    std::fs::write(dir.join("b.ron"), "(\n  defaults: (tolerance: Some(0.2)),\n)").unwrap();
    let err = claimgraph::load_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("b.ron:2:3") && err.contains("declared twice"), "{err}");
}

#[test]
fn the_most_common_claim_fits_in_a_few_lines() {
    let mut g = graph_with(&[], "");
    let (kz, a, s1) = (g.actor_id("kz").unwrap(), g.actor_id("a").unwrap(), g.source_id("s1").unwrap());
    let capital = g.predicate_id("capital").unwrap();
    let claim =
        Claim::new("built", kz, capital, Value::Text("Astana".into()), a, s1).quote("the capital, Astana").denied();
    let id = g.add_claim(claim.clone()).unwrap();
    assert_eq!(g.claim(id).unwrap().to_claim(), claim);
    assert_eq!(g.claim(id).unwrap().polarity(), claimgraph::Polarity::Denied);
}

/// The worked examples of `data/FORMAT.md` ("Who asserts, who denies, who only repeats") load
/// and give what the text says they give.
#[test]
fn the_format_guides_worked_examples_give_what_it_says() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/FORMAT.md")).unwrap();
    let section = guide.split("## Who asserts, who denies, who only repeats").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    let claims: Vec<&str> =
        section.split("```ron").skip(1).map(|block| block.split("```").next().unwrap().trim()).collect();
    assert_eq!(claims.len(), 4, "four worked examples");
    let text = format!(
        r#"(predicates: [(id: "resigned", label: "has resigned", object: Bool, cardinality: Single)],
            actors: [(id: "minister", kind: Person, name: "The minister"), (id: "daily_news", kind: MediaOutlet, name: "Daily News"),
                     (id: "herald", kind: MediaOutlet, name: "Herald"), (id: "wire", kind: MediaOutlet, name: "Wire"),
                     (id: "opposition_mp", kind: Person, name: "An opposition MP")],
            sources: [(id: "a1", kind: Article, title: "1", language: "en"), (id: "a2", kind: Article, title: "2", language: "en"),
                      (id: "a3", kind: Article, title: "3", language: "en"), (id: "a4", kind: Article, title: "4", language: "en")],
            claims: [{}])"#,
        claims.join(",\n")
    );
    let g = claimgraph::load_str("format.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    let keys = ["r1_daily_affirms", "r1_herald_denies", "r1_mp_alleges"].map(str::to_owned);
    assert_eq!(found[0].claims, ids(&g, keys));
    let support = corroboration(&g, g.claim_id("r1_daily_affirms").unwrap());
    assert_eq!(support.carried, ids(&g, ["r1_wire_repeats".to_owned()]));
    assert_eq!(support.independent(), 2, "the outlet and the MP");
}
