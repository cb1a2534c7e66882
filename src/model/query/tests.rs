//! Unit tests of the retrieval filter, sorting and facet counts on small hand-made projects.

use super::{RetrievalFilter, SortOrder, TextScope, TopicMatch, facet_counts, retrieve};
use crate::model::annotation::Annotation;
use crate::model::codebook::{Actor, Color, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::document::LoadedText;
use crate::model::ids::{ActorId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use crate::model::text::CharRange;
use crate::model::workspace::Workspace;
use std::collections::HashMap;

fn topic(id: &str, parent: Option<&str>) -> Topic {
    Topic {
        id: TopicId::from(id),
        name: id.to_uppercase(),
        color: Color::rgb(1, 2, 3),
        parent: parent.map(TopicId::from),
        description: String::new(),
        codable: true,
    }
}

/// (document, start, end, topics, stance, holder, coder, memo)
type Spec = (
    &'static str,
    usize,
    usize,
    &'static [&'static str],
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    &'static str,
);

/// Two documents, topics health > vaccines and trade, two stances, two actors.
fn workspace() -> Workspace {
    let (mut project, loaded) = documents();
    project.codebook.topics = vec![
        topic("health", None),
        topic("vaccines", Some("health")),
        topic("trade", None),
    ];
    project.codebook.stances = stances();
    project.codebook.actors = actors();
    let mut workspace = Workspace::new(project, loaded);
    let annotations = annotations(&workspace);
    workspace.project.annotations = annotations;
    workspace.project.sort_canonically();
    workspace
}

/// A project with documents `doc-a` (Politika, 2021) and `doc-b` (N1, 2020), and their texts.
fn documents() -> (Project, HashMap<DocumentId, LoadedText>) {
    let mut project = Project::default();
    let texts = [
        (
            "doc-a",
            "a.txt",
            "China sends vaccines to Serbia. Trade grows.",
            "2021-03-01",
            "Politika",
        ),
        (
            "doc-b",
            "b.txt",
            "Masks arrive in Belgrade. Critics doubt it.",
            "2020-04-02",
            "N1",
        ),
    ];
    let mut loaded = HashMap::new();
    for (id, path, text, date, outlet) in texts {
        let mut record = DocumentRecord::new(path, "");
        record.id = DocumentId::from(id);
        record.attributes.insert("date".into(), date.into());
        record.attributes.insert("outlet".into(), outlet.into());
        project.documents.push(record);
        loaded.insert(DocumentId::from(id), LoadedText::from_string(text));
    }
    (project, loaded)
}

/// `supportive` (polarity 1) and `critical` (polarity -1).
fn stances() -> Vec<Stance> {
    ["supportive", "critical"]
        .iter()
        .enumerate()
        .map(|(i, name)| Stance {
            id: StanceId::from(*name),
            name: name.to_string(),
            color: Color::rgb(0, 0, 0),
            polarity: 1 - 2 * i as i32,
            description: String::new(),
        })
        .collect()
}

/// `china` and `serbia`.
fn actors() -> Vec<Actor> {
    ["china", "serbia"]
        .iter()
        .map(|name| Actor {
            id: ActorId::from(*name),
            name: name.to_string(),
            kind: None,
            belongs_to: None,
            description: String::new(),
        })
        .collect()
}

/// Four annotations `ann-0` … `ann-3`, two per document.
fn annotations(workspace: &Workspace) -> Vec<Annotation> {
    let specs: [Spec; 4] = [
        (
            "doc-a",
            0,
            30,
            &["vaccines"],
            Some("supportive"),
            Some("serbia"),
            "ana",
            "thanks",
        ),
        (
            "doc-a",
            32,
            44,
            &["trade"],
            Some("critical"),
            Some("china"),
            "bo",
            "",
        ),
        (
            "doc-b",
            0,
            24,
            &["health"],
            Some("supportive"),
            None,
            "ana",
            "masks memo",
        ),
        (
            "doc-b",
            26,
            42,
            &["health", "trade"],
            None,
            Some("china"),
            "bo",
            "",
        ),
    ];
    let mut annotations = Vec::new();
    for (i, (doc, start, end, topics, stance, holder, coder, memo)) in specs.into_iter().enumerate()
    {
        let mut annotation = workspace
            .new_annotation(
                &DocumentId::from(doc),
                CharRange::new(start, end),
                coder,
                "2024-01-01T00:00:00Z",
            )
            .expect("annotation");
        annotation.id = format!("ann-{i}").as_str().into();
        annotation.topics = topics.iter().map(|t| TopicId::from(*t)).collect();
        annotation.stance = stance.map(StanceId::from);
        annotation.holder = holder.map(ActorId::from);
        annotation.memo = memo.into();
        annotations.push(annotation);
    }
    annotations
}

fn ids(annotations: &[&Annotation]) -> Vec<String> {
    annotations.iter().map(|a| a.id.to_string()).collect()
}

#[test]
fn empty_filter_keeps_everything_in_document_order() {
    let workspace = workspace();
    let filter = RetrievalFilter::default();
    assert!(filter.is_empty());
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-0", "ann-1", "ann-2", "ann-3"]
    );
}

#[test]
fn topics_any_all_and_subtopics() {
    let workspace = workspace();
    let mut filter = RetrievalFilter {
        topics: vec!["health".into()],
        ..RetrievalFilter::default()
    };
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-0", "ann-2", "ann-3"],
        "vaccines is under health"
    );
    filter.include_subtopics = false;
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2", "ann-3"]);
    filter.topics.push("trade".into());
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-1", "ann-2", "ann-3"]
    );
    filter.topic_match = TopicMatch::AllOf;
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-3"]);
}

#[test]
fn dimensions_combine_with_and_values_with_or() {
    let workspace = workspace();
    let filter = RetrievalFilter {
        stances: vec!["supportive".into(), "critical".into()],
        coders: vec!["ANA".into()],
        ..RetrievalFilter::default()
    };
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0", "ann-2"]);
    let filter = RetrievalFilter {
        holders: vec!["china".into()],
        documents: vec!["doc-b".into()],
        ..RetrievalFilter::default()
    };
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-3"]);
}

#[test]
fn attributes_and_derived_year() {
    let workspace = workspace();
    let filter = RetrievalFilter {
        attributes: vec![("year".into(), "2020".into())],
        ..RetrievalFilter::default()
    };
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2", "ann-3"]);
    let filter = RetrievalFilter {
        attributes: vec![
            ("outlet".into(), "politika".into()),
            ("outlet".into(), "N1".into()),
        ],
        ..RetrievalFilter::default()
    };
    assert_eq!(
        retrieve(&workspace, &filter).len(),
        4,
        "values of one key are OR"
    );
    let filter = RetrievalFilter {
        attributes: vec![
            ("outlet".into(), "politika".into()),
            ("year".into(), "2020".into()),
        ],
        ..RetrievalFilter::default()
    };
    assert!(retrieve(&workspace, &filter).is_empty(), "keys are AND");
}

#[test]
fn text_query_looks_in_excerpt_or_memo() {
    let workspace = workspace();
    let mut filter = RetrievalFilter {
        text: "MASKS".into(),
        ..RetrievalFilter::default()
    };
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2"]);
    filter.text = "memo masks".into();
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-2"],
        "terms may come from memo and excerpt"
    );
    filter.text_scope = TextScope::Excerpt;
    assert!(retrieve(&workspace, &filter).is_empty());
    filter.text = "thanks".into();
    filter.text_scope = TextScope::Memo;
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0"]);
}

#[test]
fn sort_orders() {
    let workspace = workspace();
    let mut filter = RetrievalFilter {
        sort: SortOrder::Date,
        ..RetrievalFilter::default()
    };
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-2", "ann-3", "ann-0", "ann-1"]
    );
    filter.sort = SortOrder::Stance;
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-0", "ann-2", "ann-1", "ann-3"]
    );
    filter.sort = SortOrder::Topic;
    // Tree order: health, vaccines, trade.
    assert_eq!(
        ids(&retrieve(&workspace, &filter)),
        ["ann-2", "ann-3", "ann-0", "ann-1"]
    );
}

#[test]
fn facet_counts_ignore_their_own_dimension() {
    let workspace = workspace();
    let filter = RetrievalFilter {
        stances: vec!["supportive".into()],
        ..RetrievalFilter::default()
    };
    let counts = facet_counts(&workspace, &filter);
    assert_eq!(counts.total, 4);
    assert_eq!(counts.matching, 2);
    assert_eq!(counts.stances[&StanceId::from("supportive")], 2);
    assert_eq!(
        counts.stances[&StanceId::from("critical")],
        1,
        "what choosing critical would give"
    );
    assert_eq!(
        counts.topics[&TopicId::from("health")],
        2,
        "vaccines counts under health"
    );
    assert_eq!(counts.topics.get(&TopicId::from("trade")), None);
    assert_eq!(counts.coders["ana"], 2);
    assert_eq!(
        counts.attributes[&("year".to_string(), "2021".to_string())],
        1
    );
    assert_eq!(counts.documents[&DocumentId::from("doc-b")], 1);
}

#[test]
fn describe_names_every_dimension() {
    let workspace = workspace();
    let filter = RetrievalFilter {
        topics: vec!["health".into()],
        stances: vec!["critical".into()],
        attributes: vec![("outlet".into(), "N1".into())],
        text: " doubt ".into(),
        ..RetrievalFilter::default()
    };
    let text = filter.describe(&workspace.project.codebook, &workspace.project.documents);
    assert_eq!(
        text,
        "topic: HEALTH; stance: critical; outlet: N1; text contains “doubt”"
    );
}

#[test]
fn exactly_these_annotations_with_the_other_dimensions() {
    let workspace = workspace();
    let chosen = |ids: &[&str]| Some(ids.iter().map(|&id| id.into()).collect());
    let filter = RetrievalFilter {
        annotation_ids: chosen(&["ann-2", "ann-0", "no-such-annotation"]),
        ..RetrievalFilter::default()
    };
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0", "ann-2"]);
    assert!(!filter.is_empty());
    // Without the id condition, stance and coder keep ann-0 and ann-2 (see
    // dimensions_combine_with_and_values_with_or); with it, only ann-2 is left.
    let filter = RetrievalFilter {
        stances: vec!["supportive".into(), "critical".into()],
        coders: vec!["ANA".into()],
        annotation_ids: chosen(&["ann-1", "ann-2"]),
        ..RetrievalFilter::default()
    };
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-2"]);
    let counts = facet_counts(&workspace, &filter);
    assert_eq!(counts.matching, 1);
    // ann-1 fails only the coder, so the coder facet counts it; ann-0 is outside.
    assert_eq!(
        counts.coders.values().sum::<usize>(),
        2,
        "annotations outside the chosen ones count in no facet"
    );
    assert_eq!(counts.documents.values().sum::<usize>(), 1);
    assert_eq!(
        filter.describe(&workspace.project.codebook, &workspace.project.documents),
        "stance: supportive or critical; coder: ANA; 2 chosen passage(s)"
    );
}

#[test]
fn a_chosen_holder_at_a_level_also_matches_the_actors_that_roll_up_to_it() {
    use crate::model::codebook::ActorKind;
    let mut workspace = workspace();
    // vucic (a person) belongs to serbia (a country); ann-1's holder china becomes vucic.
    let codebook = &mut workspace.project.codebook;
    codebook.actors[1].kind = Some(ActorKind::Country);
    codebook.actors.push(Actor {
        id: ActorId::from("vucic"),
        name: "Vučić".into(),
        kind: Some(ActorKind::Person),
        belongs_to: Some(ActorId::from("serbia")),
        description: String::new(),
    });
    workspace.project.annotations[1].holder = Some(ActorId::from("vucic"));
    let mut filter = RetrievalFilter {
        holders: vec!["serbia".into()],
        ..RetrievalFilter::default()
    };
    // As coded: only ann-0 has serbia itself as holder.
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0"]);
    // At the level of countries, vucic counts as serbia: ann-0 and ann-1.
    filter.actor_level = Some(ActorKind::Country);
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0", "ann-1"]);
    assert_eq!(
        filter.describe(&workspace.project.codebook, &workspace.project.documents),
        "holder: serbia; holders and targets counted as: country"
    );
    // At the level of persons, serbia is no person's owner: as coded again, and
    // choosing vucic itself still matches him.
    filter.actor_level = Some(ActorKind::Person);
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-0"]);
    filter.holders = vec!["vucic".into()];
    filter.actor_level = Some(ActorKind::Country);
    assert_eq!(ids(&retrieve(&workspace, &filter)), ["ann-1"]);
}
