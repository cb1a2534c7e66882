//! Unit tests of every analysis table on one small hand-made project. The
//! expected numbers are worked out by hand in the comments, from the fixture
//! below, not by the code under test.
//!
//! Fixture (documents, topics, stances, actors):
//! - d1 `a.txt`: outlet X, date 2020-01-15
//! - d2 `b.txt`: outlet Y, date 2020-04-02
//! - d3 `c.txt`: outlet X, no date
//! - topics H (root) with sub-topic M; T (root)
//! - stances sup (+1), crit (−1), neu (0)
//! - actors serbia (country), china (country), vucic (person → serbia),
//!   huawei (organisation → china), eu (organisation, belongs to no one)
//!
//! Annotations:
//! | id | doc | range  | topics | stance | holder | target |
//! |----|-----|--------|--------|--------|--------|--------|
//! | a1 | d1  | 0..10  | H      | sup    | vucic  | china  |
//! | a2 | d1  | 5..15  | M      | sup    | serbia | huawei |  (overlaps a1 on 5..10)
//! | a3 | d1  | 20..30 | T, H   | crit   | eu     | china  |
//! | a4 | d2  | 0..8   | M      | crit   | —      | china  |  (no holder)
//! | a5 | d2  | 10..20 | —      | neu    | eu     | —      |  (no topic, no target)
//! | a6 | d3  | 0..5   | T      | —      | vucic  | eu     |  (no stance)
//! | a7 | d3  | 3..9   | M, T   | sup    | —      | —      |  (overlaps a6 on 3..5)

use super::{
    ActorLevel, Context, Cooccurrence, Dimension, Edge, Frequencies, Matrix, Members, Network,
    OverTime, Percentages, PeriodLength, Rollup, Value, frequencies_table, matrix_table,
    network_table,
};
use crate::model::anchor::AnchorStatus;
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::codebook::{Actor, ActorKind, Codebook, Color, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use crate::model::text::CharOffset;

fn document(id: &str, path: &str, outlet: &str, date: Option<&str>) -> DocumentRecord {
    let mut record = DocumentRecord::new(path, "");
    record.id = DocumentId::from(id);
    record.attributes.insert("outlet".into(), outlet.into());
    if let Some(date) = date {
        record.attributes.insert("date".into(), date.into());
    }
    record
}

fn topic(id: &str, parent: Option<&str>) -> Topic {
    Topic {
        id: TopicId::from(id),
        name: id.to_owned(),
        color: Color::rgb(0, 0, 0),
        parent: parent.map(TopicId::from),
        description: String::new(),
        codable: true,
    }
}

fn stance(id: &str, polarity: i32) -> Stance {
    Stance {
        id: StanceId::from(id),
        name: id.to_owned(),
        color: Color::rgb(0, 0, 0),
        polarity,
        description: String::new(),
    }
}

fn actor(id: &str, kind: ActorKind, belongs_to: Option<&str>) -> Actor {
    Actor {
        id: ActorId::from(id),
        name: id.to_owned(),
        kind: Some(kind),
        belongs_to: belongs_to.map(ActorId::from),
        description: String::new(),
    }
}

type Spec<'a> = (
    &'a str,
    &'a str,
    usize,
    usize,
    &'a [&'a str],
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn annotation(spec: Spec<'_>) -> Annotation {
    let (id, document, start, end, topics, stance, holder, target) = spec;
    Annotation {
        id: AnnotationId::from(id),
        document: DocumentId::from(document),
        start: CharOffset(start),
        end: CharOffset(end),
        anchor: TextAnchor::default(),
        status: AnchorStatus::Exact,
        coded_quote: None,
        topics: topics.iter().map(|t| TopicId::from(*t)).collect(),
        stance: stance.map(StanceId::from),
        holder: holder.map(ActorId::from),
        target: target.map(ActorId::from),
        memo: String::new(),
        coder: "c".into(),
        created: String::new(),
        modified: String::new(),
    }
}

fn project() -> Project {
    let documents = vec![
        document("d1", "a.txt", "X", Some("2020-01-15")),
        document("d2", "b.txt", "Y", Some("2020-04-02")),
        document("d3", "c.txt", "X", None),
    ];
    let topics = vec![topic("H", None), topic("M", Some("H")), topic("T", None)];
    let stances = vec![stance("sup", 1), stance("crit", -1), stance("neu", 0)];
    let actors = vec![
        actor("serbia", ActorKind::Country, None),
        actor("china", ActorKind::Country, None),
        actor("vucic", ActorKind::Person, Some("serbia")),
        actor("huawei", ActorKind::Organisation, Some("china")),
        actor("eu", ActorKind::Organisation, None),
    ];
    let specs: [Spec<'_>; 7] = [
        (
            "a1",
            "d1",
            0,
            10,
            &["H"],
            Some("sup"),
            Some("vucic"),
            Some("china"),
        ),
        (
            "a2",
            "d1",
            5,
            15,
            &["M"],
            Some("sup"),
            Some("serbia"),
            Some("huawei"),
        ),
        (
            "a3",
            "d1",
            20,
            30,
            &["T", "H"],
            Some("crit"),
            Some("eu"),
            Some("china"),
        ),
        ("a4", "d2", 0, 8, &["M"], Some("crit"), None, Some("china")),
        ("a5", "d2", 10, 20, &[], Some("neu"), Some("eu"), None),
        ("a6", "d3", 0, 5, &["T"], None, Some("vucic"), Some("eu")),
        ("a7", "d3", 3, 9, &["M", "T"], Some("sup"), None, None),
    ];
    Project {
        documents,
        codebook: Codebook {
            topics,
            stances,
            actors,
        },
        annotations: specs.into_iter().map(annotation).collect(),
        ..Project::default()
    }
}

fn context(project: &Project, subtopics: bool, level: ActorLevel) -> Context<'_> {
    Context::new(
        project,
        project.annotations.iter().collect(),
        subtopics,
        level,
    )
}

fn ids(context: &Context<'_>, members: Option<&Members>) -> Vec<String> {
    members.map_or_else(Vec::new, |m| {
        context.ids(m).iter().map(|id| id.to_string()).collect()
    })
}

fn countries() -> ActorLevel {
    ActorLevel::Kind(ActorKind::Country)
}

#[test]
fn frequencies_count_annotations_characters_and_documents_with_and_without_subtopics() {
    let project = project();
    let context = context(&project, true, ActorLevel::Actors);
    let frequencies = Frequencies::compute(&context, None);
    let all = &frequencies.groups[0];
    assert_eq!(all.annotations, 7);
    let labels: Vec<&str> = all.rows.iter().map(|r| r.topic.label.as_str()).collect();
    assert_eq!(labels, ["H", "M", "T", "(no topic)"]);
    let row = |i: usize| &all.rows[i];
    // H alone: a1, a3, both in d1, 10 + 10 characters.
    assert_eq!(ids(&context, Some(&row(0).own.annotations)), ["a1", "a3"]);
    assert_eq!((row(0).own.characters, row(0).own.documents), (20, 1));
    // H with M: a1, a2, a3, a4, a7. d1: a1 ∪ a2 = 0..15 (15) + a3 (10); d2: a4 (8);
    // d3: a7 (6) → 39 characters in 3 documents.
    assert_eq!(
        ids(&context, Some(&row(0).with_subtopics.annotations)),
        ["a1", "a2", "a3", "a4", "a7"]
    );
    assert_eq!(
        (
            row(0).with_subtopics.characters,
            row(0).with_subtopics.documents
        ),
        (39, 3)
    );
    // M: a2 (10), a4 (8), a7 (6) = 24 characters, 3 documents; no sub-topics, so the same twice.
    assert_eq!(
        (
            row(1).own.annotations.len(),
            row(1).own.characters,
            row(1).own.documents
        ),
        (3, 24, 3)
    );
    assert_eq!(row(1).own, row(1).with_subtopics);
    // T: a3 (10 in d1), a6 ∪ a7 = 0..9 (9 in d3) = 19 characters, 2 documents.
    assert_eq!(
        (
            row(2).own.annotations.len(),
            row(2).own.characters,
            row(2).own.documents
        ),
        (3, 19, 2)
    );
    // No topic: a5, 10 characters.
    assert_eq!(ids(&context, Some(&row(3).own.annotations)), ["a5"]);
    assert_eq!(row(3).own.characters, 10);
}

#[test]
fn frequencies_per_attribute_split_the_annotations_by_value() {
    let project = project();
    let context = context(&project, true, ActorLevel::Actors);
    let frequencies = Frequencies::compute(&context, Some(&Dimension::Attribute("outlet".into())));
    let values: Vec<&str> = frequencies.groups[1..]
        .iter()
        .map(|g| g.value.as_ref().unwrap().label.as_str())
        .collect();
    assert_eq!(values, ["X", "Y"]);
    // Outlet X = d1 and d3: a1, a2, a3, a6, a7. H with M there: a1, a2, a3, a7;
    // d1 0..15 and 20..30 (25) + d3 a7 (6) = 31 characters in 2 documents.
    let x = &frequencies.groups[1];
    assert_eq!(x.annotations, 5);
    assert_eq!(
        ids(&context, Some(&x.rows[0].with_subtopics.annotations)),
        ["a1", "a2", "a3", "a7"]
    );
    assert_eq!(
        (
            x.rows[0].with_subtopics.characters,
            x.rows[0].with_subtopics.documents
        ),
        (31, 2)
    );
    // Outlet Y = d2: H only through M (a4); no topic: a5.
    let y = &frequencies.groups[2];
    assert_eq!(y.annotations, 2);
    assert!(y.rows[0].own.annotations.is_empty());
    assert_eq!(
        ids(&context, Some(&y.rows[0].with_subtopics.annotations)),
        ["a4"]
    );
    assert_eq!(y.rows.last().unwrap().topic.label, "(no topic)");
}

#[test]
fn topic_by_stance_counts_and_percentages() {
    let project = project();
    let context = context(&project, true, ActorLevel::Actors);
    let matrix = Matrix::cross(&context, &Dimension::Topic, &Dimension::Stance);
    let columns: Vec<&str> = matrix.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(columns, ["sup", "crit", "neu", "(no stance)"]);
    let rows: Vec<&str> = matrix.rows.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(rows, ["H", "M", "T", "(no topic)"]);
    // H with M: sup a1, a2, a7; crit a3, a4.
    assert_eq!(ids(&context, matrix.cell(0, 0)), ["a1", "a2", "a7"]);
    assert_eq!(ids(&context, matrix.cell(0, 1)), ["a3", "a4"]);
    assert_eq!((matrix.count(0, 2), matrix.count(0, 3)), (0, 0));
    // T: crit a3, (no stance) a6, sup a7.
    assert_eq!(
        [matrix.count(2, 0), matrix.count(2, 1), matrix.count(2, 3)],
        [1, 1, 1]
    );
    assert_eq!(ids(&context, matrix.cell(3, 2)), ["a5"]);
    assert_eq!(matrix.row_totals, [5, 3, 3, 1]);
    // Columns: sup a1 a2 a7, crit a3 a4, neu a5, none a6.
    assert_eq!(matrix.column_totals, [3, 2, 1, 1]);
    assert_eq!(matrix.total, 7);
    // Row %: H sup = 3 of H's 5 = 60 %. Column %: T in crit = 1 of 2 = 50 %;
    // M in sup = 2 of 3.
    assert_eq!(matrix.percent(0, 0, Percentages::Row), Some(60.0));
    assert_eq!(matrix.percent(2, 1, Percentages::Column), Some(50.0));
    assert!((matrix.percent(1, 0, Percentages::Column).unwrap() - 200.0 / 3.0).abs() < 1e-9);
    // Row percentages of a row add up to 100 %.
    let sum: f64 = (0..4)
        .filter_map(|c| matrix.percent(0, c, Percentages::Row))
        .sum();
    assert!((sum - 100.0).abs() < 1e-9);
}

#[test]
fn without_subtopics_a_topic_counts_only_itself() {
    let project = project();
    let context = context(&project, false, ActorLevel::Actors);
    let matrix = Matrix::cross(&context, &Dimension::Topic, &Dimension::Stance);
    // H alone: a1 sup, a3 crit.
    assert_eq!(matrix.row_totals[0], 2);
    assert_eq!(ids(&context, matrix.cell(0, 0)), ["a1"]);
    assert_eq!(ids(&context, matrix.cell(0, 1)), ["a3"]);
}

#[test]
fn topic_by_attribute_and_by_rolled_up_holder() {
    let project = project();
    let context = context(&project, true, countries());
    let outlet = Matrix::cross(
        &context,
        &Dimension::Topic,
        &Dimension::Attribute("outlet".into()),
    );
    // H with M: X has a1, a2, a3, a7; Y has a4.
    assert_eq!(ids(&context, outlet.cell(0, 0)), ["a1", "a2", "a3", "a7"]);
    assert_eq!(ids(&context, outlet.cell(0, 1)), ["a4"]);
    let holders = Matrix::cross(&context, &Dimension::Topic, &Dimension::Holder);
    let columns: Vec<&str> = holders.columns.iter().map(|c| c.label.as_str()).collect();
    // vucic rolls up to serbia; eu stays; a4 and a7 have no holder.
    assert_eq!(columns, ["serbia", "eu", "(no holder)"]);
    // T: a3 (eu), a6 (vucic → serbia), a7 (no holder).
    assert_eq!(ids(&context, holders.cell(2, 0)), ["a6"]);
    assert_eq!(ids(&context, holders.cell(2, 1)), ["a3"]);
    assert_eq!(ids(&context, holders.cell(2, 2)), ["a7"]);
}

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
