//! The network, roll-up, periods, co-occurrence and plain tables on the
//! hand-made fixture of `tests/mod.rs`.

use super::{actor, context, countries, ids, project};
use crate::model::analysis::{
    ActorLevel, Cooccurrence, Dimension, Edge, Frequencies, Matrix, Network, OverTime, Percentages,
    PeriodLength, Rollup, Value, frequencies_table, matrix_table, network_table,
};
use crate::model::codebook::ActorKind;
use crate::model::ids::ActorId;
use crate::model::text::CharOffset;

fn edge<'n>(network: &'n Network, holder: &str, target: &str) -> Option<&'n Edge> {
    network.edges.iter().find(|e| {
        network.nodes[e.holder].actor.label == holder
            && network.nodes[e.target].actor.label == target
    })
}

#[test]
fn the_network_of_actors_as_coded() {
    let project = project();
    let context = context(&project, true, ActorLevel::Actors);
    let network = Network::compute(&context);
    let nodes: Vec<&str> = network
        .nodes
        .iter()
        .map(|n| n.actor.label.as_str())
        .collect();
    assert_eq!(
        nodes,
        [
            "serbia",
            "china",
            "vucic",
            "huawei",
            "eu",
            "(no holder)",
            "(no target)"
        ]
    );
    // Edges: vucic→china (a1 sup), serbia→huawei (a2 sup), eu→china (a3 crit),
    // (no holder)→china (a4 crit), eu→(no target) (a5 neu), vucic→eu (a6 no stance).
    assert_eq!(network.edges.len(), 6);
    let a1 = edge(&network, "vucic", "china").unwrap();
    assert_eq!(ids(&context, Some(&a1.by_stance[0])), ["a1"]);
    assert_eq!(a1.net_polarity, 1);
    assert_eq!(edge(&network, "eu", "china").unwrap().net_polarity, -1);
    assert_eq!(
        ids(
            &context,
            Some(&edge(&network, "(no holder)", "china").unwrap().total)
        ),
        ["a4"]
    );
    assert_eq!(
        ids(
            &context,
            Some(&edge(&network, "eu", "(no target)").unwrap().by_stance[2])
        ),
        ["a5"]
    );
    let a6 = edge(&network, "vucic", "eu").unwrap();
    assert_eq!(network.stances.last().unwrap().label, "(no stance)");
    assert_eq!(ids(&context, a6.by_stance.last()), ["a6"]);
    assert_eq!(a6.net_polarity, 0);
    // a7 has neither holder nor target.
    assert_eq!(ids(&context, Some(&network.without_actors)), ["a7"]);
    // china is the target of a1, a3, a4.
    let china = network
        .nodes
        .iter()
        .find(|n| n.actor.label == "china")
        .unwrap();
    assert_eq!((china.as_holder, china.as_target), (0, 3));
}

#[test]
fn at_the_level_of_countries_people_and_companies_count_as_their_country() {
    let project = project();
    let context = context(&project, true, countries());
    let network = Network::compute(&context);
    // a1 vucic→china and a2 serbia→huawei both become serbia→china, supportive: net +2.
    let serbia_china = edge(&network, "serbia", "china").unwrap();
    assert_eq!(
        ids(&context, Some(&serbia_china.by_stance[0])),
        ["a1", "a2"]
    );
    assert_eq!(serbia_china.net_polarity, 2);
    // a6 vucic→eu becomes serbia→eu; eu (no country) stays itself.
    assert_eq!(
        ids(
            &context,
            Some(&edge(&network, "serbia", "eu").unwrap().total)
        ),
        ["a6"]
    );
    assert!(
        network
            .nodes
            .iter()
            .all(|n| n.actor.label != "vucic" && n.actor.label != "huawei")
    );
    // Which countries support China? Only serbia.
    let supporters: Vec<&str> = network
        .edges
        .iter()
        .filter(|e| network.nodes[e.target].actor.label == "china" && !e.by_stance[0].is_empty())
        .map(|e| network.nodes[e.holder].actor.label.as_str())
        .collect();
    assert_eq!(supporters, ["serbia"]);
}

#[test]
fn over_time_by_quarter_and_month_names_the_undated_documents() {
    let project = project();
    let context = context(&project, true, ActorLevel::Actors);
    let quarters = OverTime::compute(&context, "date", PeriodLength::Quarter, &Dimension::Stance);
    let rows: Vec<&str> = quarters
        .matrix
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(rows, ["2020-Q1", "2020-Q2", "(undated)"]);
    // Q1 (d1): sup a1 a2, crit a3. Q2 (d2): crit a4, neu a5. Undated (d3): sup a7, none a6.
    assert_eq!(ids(&context, quarters.matrix.cell(0, 0)), ["a1", "a2"]);
    assert_eq!(ids(&context, quarters.matrix.cell(0, 1)), ["a3"]);
    assert_eq!(ids(&context, quarters.matrix.cell(1, 1)), ["a4"]);
    assert_eq!(ids(&context, quarters.matrix.cell(1, 2)), ["a5"]);
    assert_eq!(ids(&context, quarters.matrix.cell(2, 0)), ["a7"]);
    assert_eq!(ids(&context, quarters.matrix.cell(2, 3)), ["a6"]);
    assert_eq!(quarters.undated.len(), 1);
    assert_eq!(quarters.undated[0].title, "c");
    assert_eq!(quarters.undated[0].reason, "no date");
    assert_eq!(quarters.undated[0].annotations, 2);
    // By month, January to April with February and March empty.
    let months = OverTime::compute(&context, "date", PeriodLength::Month, &Dimension::Topic);
    let rows: Vec<&str> = months
        .matrix
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        rows,
        ["2020-01", "2020-02", "2020-03", "2020-04", "(undated)"]
    );
    assert_eq!(months.matrix.row_totals, [3, 0, 0, 2, 2]);
}

#[test]
fn a_date_too_coarse_for_the_period_is_undated_with_its_reason() {
    let mut project = project();
    project.documents[2]
        .attributes
        .insert("date".into(), "2020".into());
    let context = context(&project, true, ActorLevel::Actors);
    let by_year = OverTime::compute(&context, "date", PeriodLength::Year, &Dimension::Stance);
    assert!(by_year.undated.is_empty());
    assert_eq!(by_year.matrix.row_totals, [7]);
    let by_month = OverTime::compute(&context, "date", PeriodLength::Month, &Dimension::Stance);
    assert_eq!(by_month.undated.len(), 1);
    assert!(
        by_month.undated[0].reason.contains("\"2020\""),
        "{}",
        by_month.undated[0].reason
    );
}

#[test]
fn cooccurrence_counts_shared_annotations_and_overlapping_pairs() {
    let project = project();
    // With sub-topics: a7 = {M, T, H}, a3 = {T, H}, a2 = a4 = {M, H}.
    // H×T: a3; a7; the overlapping pair (a6 T, a7 H) → 3 meetings, members a3 a6 a7.
    // M×T: a7; the pair (a6 T, a7 M) → 2, members a6 a7.
    // H×M: only as ancestor and sub-topic, never counted; a1×a2 meet as H with H.
    let with = context(&project, true, ActorLevel::Actors);
    let table = Cooccurrence::compute(&with);
    assert_eq!((table.count(0, 2), table.count(2, 0)), (3, 3));
    assert_eq!(ids(&with, table.cell(0, 2)), ["a3", "a6", "a7"]);
    assert_eq!(table.count(1, 2), 2);
    assert_eq!(ids(&with, table.cell(1, 2)), ["a6", "a7"]);
    assert_eq!(table.count(0, 1), 0);
    assert_eq!((0..3).map(|i| table.count(i, i)).sum::<usize>(), 0);
    // Own topics only: H×T a3 (1); M×T a7 and (a6, a7) (2); H×M the pair (a1, a2) (1).
    let own = context(&project, false, ActorLevel::Actors);
    let table = Cooccurrence::compute(&own);
    assert_eq!(table.count(0, 2), 1);
    assert_eq!(table.count(1, 2), 2);
    assert_eq!(ids(&own, table.cell(0, 1)), ["a1", "a2"]);
}

#[test]
fn passages_that_only_touch_do_not_overlap() {
    let mut project = project();
    // a2 now ends where a3 starts (15..20 → 20): touching, not overlapping.
    project.annotations[1].end = CharOffset(20);
    let context = context(&project, false, ActorLevel::Actors);
    let table = Cooccurrence::compute(&context);
    // M×T would need a2 (M) to share a character with a3 (T).
    assert_eq!(table.count(1, 2), 2, "only a7 and (a6, a7) as before");
}

#[test]
fn levels_read_plural_and_custom_kinds() {
    let mut project = project();
    project.codebook.actors[4].kind = Some(ActorKind::Custom("party".into()));
    let codebook = &project.codebook;
    assert_eq!(ActorLevel::parse("countries", codebook), Ok(countries()));
    assert_eq!(
        ActorLevel::parse("Organisations", codebook),
        Ok(ActorLevel::Kind(ActorKind::Organisation))
    );
    assert_eq!(
        ActorLevel::parse("actors", codebook),
        Ok(ActorLevel::Actors)
    );
    assert_eq!(
        ActorLevel::parse("parties", codebook),
        Ok(ActorLevel::Kind(ActorKind::Custom("party".into())))
    );
    assert!(ActorLevel::parse("planets", codebook).is_err());
}

#[test]
fn a_chain_of_belongs_to_rolls_up_to_the_nearest_actor_of_the_level() {
    let mut project = project();
    // A party inside serbia, and a member of the party.
    project
        .codebook
        .actors
        .push(actor("sns", ActorKind::Organisation, Some("serbia")));
    project
        .codebook
        .actors
        .push(actor("member", ActorKind::Person, Some("sns")));
    let countries = Rollup::new(&project.codebook, countries());
    assert_eq!(countries.of(&ActorId::from("member")).as_str(), "serbia");
    assert_eq!(countries.of(&ActorId::from("eu")).as_str(), "eu");
    let organisations = Rollup::new(&project.codebook, ActorLevel::Kind(ActorKind::Organisation));
    assert_eq!(organisations.of(&ActorId::from("member")).as_str(), "sns");
    // A loop in a hand-edited file does not hang the roll-up.
    project.codebook.actors[0].belongs_to = Some(ActorId::from("member"));
    let looped = Rollup::new(
        &project.codebook,
        ActorLevel::Kind(ActorKind::Custom("none".into())),
    );
    assert_eq!(looped.of(&ActorId::from("member")).as_str(), "member");
}

#[test]
fn tables_print_every_count_with_its_annotations() {
    let project = project();
    let context = context(&project, true, countries());
    let table = network_table(&Network::compute(&context), &countries());
    assert_eq!(
        table.headers,
        [
            "holder",
            "target",
            "sup",
            "crit",
            "neu",
            "(no stance)",
            "annotations",
            "net polarity"
        ]
    );
    let first = &table.rows[0];
    assert_eq!(first[0], Value::Text("serbia".into()));
    assert_eq!(first[1], Value::Text("china".into()));
    assert_eq!(ids(&context, first[2].members()), ["a1", "a2"]);
    assert_eq!(first[7], Value::Signed(2));
    assert!(table.notes[0].starts_with("1 annotation(s) have neither"));
    let frequencies = frequencies_table(&Frequencies::compute(&context, None));
    assert_eq!(
        frequencies.rows[1][0],
        Value::Text("  M".into()),
        "sub-topics are indented"
    );
    let matrix = matrix_table(
        &Matrix::cross(&context, &Dimension::Topic, &Dimension::Stance),
        Some(Percentages::Row),
        true,
    );
    let Value::Percent { percent, .. } = &matrix.rows[0][1] else {
        panic!("a percentage")
    };
    assert_eq!(*percent, Some(60.0));
}
