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

use super::{ActorLevel, Context, Members};
use crate::model::anchor::AnchorStatus;
use crate::model::annotation::{Annotation, TextAnchor};
use crate::model::codebook::{Actor, ActorKind, Codebook, Color, Stance, Topic};
use crate::model::document::DocumentRecord;
use crate::model::ids::{ActorId, AnnotationId, DocumentId, StanceId, TopicId};
use crate::model::project::Project;
use crate::model::text::CharOffset;

pub(super) fn document(id: &str, path: &str, outlet: &str, date: Option<&str>) -> DocumentRecord {
    let mut record = DocumentRecord::new(path, "");
    record.id = DocumentId::from(id);
    record.attributes.insert("outlet".into(), outlet.into());
    if let Some(date) = date {
        record.attributes.insert("date".into(), date.into());
    }
    record
}

pub(super) fn topic(id: &str, parent: Option<&str>) -> Topic {
    Topic {
        id: TopicId::from(id),
        name: id.to_owned(),
        color: Color::rgb(0, 0, 0),
        parent: parent.map(TopicId::from),
        description: String::new(),
        codable: true,
    }
}

pub(super) fn stance(id: &str, polarity: i32) -> Stance {
    Stance {
        id: StanceId::from(id),
        name: id.to_owned(),
        color: Color::rgb(0, 0, 0),
        polarity,
        description: String::new(),
    }
}

pub(super) fn actor(id: &str, kind: ActorKind, belongs_to: Option<&str>) -> Actor {
    Actor {
        id: ActorId::from(id),
        name: id.to_owned(),
        kind: Some(kind),
        belongs_to: belongs_to.map(ActorId::from),
        description: String::new(),
    }
}

pub(super) type Spec<'a> = (
    &'a str,
    &'a str,
    usize,
    usize,
    &'a [&'a str],
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

pub(super) fn annotation(spec: Spec<'_>) -> Annotation {
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

pub(super) fn project() -> Project {
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

pub(super) fn context(project: &Project, subtopics: bool, level: ActorLevel) -> Context<'_> {
    Context::new(
        project,
        project.annotations.iter().collect(),
        subtopics,
        level,
    )
}

pub(super) fn ids(context: &Context<'_>, members: Option<&Members>) -> Vec<String> {
    members.map_or_else(Vec::new, |m| {
        context.ids(m).iter().map(|id| id.to_string()).collect()
    })
}

pub(super) fn countries() -> ActorLevel {
    ActorLevel::Kind(ActorKind::Country)
}

mod actors;
mod generated;
mod tables;
