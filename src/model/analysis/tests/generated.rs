//! The tables on generated projects, against answers worked out the plain
//! way in this file (sets of characters, one scan per topic and group, every
//! pair of annotations), not from the context's indexes: documents the
//! project lacks, annotations in any order, overlapping, empty and inverted
//! ranges, several topics, unknown topics, sub-topics two levels deep.

use super::{annotation, document, topic};
use crate::model::analysis::{ActorLevel, Context, Cooccurrence, Dimension, Frequencies, Header};
use crate::model::analysis::{HeaderKey, OverTime, PeriodLength};
use crate::model::annotation::Annotation;
use crate::model::codebook::{Codebook, Topic};
use crate::model::ids::{DocumentId, TopicId};
use crate::model::project::Project;
use proptest::prelude::*;
use std::collections::HashSet;

/// Document ids an annotation may name: four in the project (listed out of
/// path order), two it lacks.
const DOCUMENTS: [&str; 6] = ["d0", "d1", "d2", "d3", "ghost-b", "ghost-a"];
/// Topics an annotation may have: H > M > L, T, and one the codebook lacks.
const TOPICS: [&str; 5] = ["H", "M", "L", "T", "zz"];

/// One generated annotation: document, start, length (may be negative), topic picks.
type Generated = (usize, usize, i64, Vec<usize>);

fn generated_project(annotations: &[Generated]) -> Project {
    let documents = vec![
        document("d2", "a.txt", "X", Some("2021-03-01")),
        document("d0", "b.txt", " ", Some("2020")),
        document("d3", "c.txt", "Y", None),
        document("d1", "d.txt", "X", Some("2020-12-31")),
    ];
    let topics: Vec<Topic> = vec![
        topic("H", None),
        topic("M", Some("H")),
        topic("L", Some("M")),
        topic("T", None),
    ];
    let annotations = annotations
        .iter()
        .enumerate()
        .map(|(n, (document, start, length, picks))| {
            let end = (*start as i64 + length).max(0) as usize;
            let topics: Vec<&str> = picks.iter().map(|&t| TOPICS[t]).collect();
            let id = format!("a{n}");
            annotation((
                &id,
                DOCUMENTS[*document],
                *start,
                end,
                &topics,
                None,
                None,
                None,
            ))
        })
        .collect();
    Project {
        documents,
        codebook: Codebook {
            topics,
            ..Codebook::default()
        },
        annotations,
        ..Project::default()
    }
}

fn generated(min_length: i64) -> impl Strategy<Value = (Vec<Generated>, Vec<usize>)> {
    let one = (
        0..DOCUMENTS.len(),
        0usize..30,
        min_length..12,
        prop::collection::vec(0..TOPICS.len(), 0..3),
    );
    prop::collection::vec(one, 0..24).prop_flat_map(|annotations| {
        let order: Vec<usize> = (0..annotations.len()).collect();
        (Just(annotations), Just(order).prop_shuffle())
    })
}

/// The annotations in document order (the query's default): documents by
/// path (the project's order), those it lacks after them by id, then start, end.
fn document_order(project: &Project) -> Vec<usize> {
    let key = |a: &Annotation| {
        let index = project.documents.iter().position(|d| d.id == a.document);
        (
            index.unwrap_or(usize::MAX),
            a.document.clone(),
            a.start,
            a.end,
        )
    };
    let mut order: Vec<usize> = (0..project.annotations.len()).collect();
    order.sort_by_key(|&n| key(&project.annotations[n]));
    order
}

/// A topic and its ancestors in the codebook.
fn family(codebook: &Codebook, topic: &TopicId) -> Vec<TopicId> {
    let mut out = vec![topic.clone()];
    let mut current = codebook.topic(topic).and_then(|t| t.parent.clone());
    while let Some(parent) = current {
        current = codebook.topic(&parent).and_then(|t| t.parent.clone());
        out.push(parent);
    }
    out
}

/// The topics an annotation counts for: its own, or with their ancestors.
fn counted(codebook: &Codebook, annotation: &Annotation, subtopics: bool) -> HashSet<TopicId> {
    let own = annotation.topics.iter().cloned();
    if subtopics {
        own.flat_map(|t| family(codebook, &t)).collect()
    } else {
        own.collect()
    }
}

/// Positions, characters covered (overlaps once) and documents of some selected annotations.
fn measured(selection: &[&Annotation], positions: &[usize]) -> (Vec<u32>, usize, usize) {
    let mut characters: HashSet<(&DocumentId, usize)> = HashSet::new();
    let mut documents: HashSet<&DocumentId> = HashSet::new();
    for &p in positions {
        let a = selection[p];
        characters.extend((a.start.0..a.end.0).map(|c| (&a.document, c)));
        documents.insert(&a.document);
    }
    let positions = positions.iter().map(|&p| p as u32).collect();
    (positions, characters.len(), documents.len())
}

/// The values of one group: its header and the selection positions in it.
fn groups(
    project: &Project,
    selection: &[&Annotation],
    by: &Dimension,
) -> Vec<(String, Vec<usize>)> {
    let value = |a: &Annotation| -> Option<String> {
        match by {
            Dimension::Document => Some(
                project
                    .document(&a.document)
                    .map_or_else(|| a.document.to_string(), |d| d.title().to_owned()),
            ),
            Dimension::Attribute(key) => project
                .document(&a.document)
                .and_then(|d| d.attribute(key))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned),
            _ => unreachable!("the test groups by document or attribute"),
        }
    };
    let mut labels: Vec<String> = Vec::new();
    if *by == Dimension::Document {
        // Documents of the project in its order, then the others as they first occur.
        labels.extend(
            project
                .documents
                .iter()
                .filter(|d| selection.iter().any(|a| a.document == d.id))
                .map(|d| d.title().to_owned()),
        );
        for a in selection {
            if project.document(&a.document).is_none() && !labels.contains(&a.document.to_string())
            {
                labels.push(a.document.to_string());
            }
        }
    } else {
        labels = selection.iter().filter_map(|a| value(a)).collect();
        labels.sort();
        labels.dedup();
    }
    let mut out: Vec<(String, Vec<usize>)> = labels
        .into_iter()
        .map(|label| {
            let members = (0..selection.len())
                .filter(|&p| value(selection[p]).as_deref() == Some(label.as_str()))
                .collect();
            (label, members)
        })
        .collect();
    let missing: Vec<usize> = (0..selection.len())
        .filter(|&p| value(selection[p]).is_none())
        .collect();
    if !missing.is_empty() {
        out.push(("(no outlet)".to_owned(), missing));
    }
    out
}

/// Checks one group of computed frequencies against the plain answer.
fn check_group(
    context: &Context<'_>,
    selection: &[&Annotation],
    computed: &crate::model::analysis::FrequencyGroup,
    positions: &[usize],
) -> Result<(), TestCaseError> {
    let codebook = &context.project.codebook;
    prop_assert_eq!(computed.annotations, positions.len());
    let mut expected_labels: Vec<String> = context
        .topic_rows()
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let untopical: Vec<usize> = positions
        .iter()
        .copied()
        .filter(|&p| selection[p].topics.is_empty())
        .collect();
    if !untopical.is_empty() {
        expected_labels.push("(no topic)".into());
    }
    let labels: Vec<String> = computed
        .rows
        .iter()
        .map(|r| r.topic.label.clone())
        .collect();
    prop_assert_eq!(labels, expected_labels);
    for (row, topic) in computed.rows.iter().zip(context.topic_rows()) {
        let with = |subtopics: bool| -> Vec<usize> {
            positions
                .iter()
                .copied()
                .filter(|&p| counted(codebook, selection[p], subtopics).contains(&topic.id))
                .collect()
        };
        for (measures, subtopics) in [(&row.own, false), (&row.with_subtopics, true)] {
            let (members, characters, documents) = measured(selection, &with(subtopics));
            prop_assert_eq!(
                measures.annotations.positions(),
                members.as_slice(),
                "{}",
                topic.name
            );
            prop_assert_eq!(measures.characters, characters, "{}", topic.name);
            prop_assert_eq!(measures.documents, documents, "{}", topic.name);
        }
    }
    if let Some(row) = computed.rows.get(context.topic_rows().len()) {
        let (members, characters, documents) = measured(selection, &untopical);
        prop_assert_eq!(row.own.annotations.positions(), members.as_slice());
        prop_assert_eq!(
            (row.own.characters, row.own.documents),
            (characters, documents)
        );
    }
    Ok(())
}

fn check_frequencies(project: &Project, order: &[usize]) -> Result<(), TestCaseError> {
    let selection: Vec<&Annotation> = order.iter().map(|&n| &project.annotations[n]).collect();
    let context = Context::new(project, selection.clone(), true, ActorLevel::Actors);
    let everyone: Vec<usize> = (0..selection.len()).collect();
    for by in [Dimension::Document, Dimension::Attribute("outlet".into())] {
        let frequencies = Frequencies::compute(&context, Some(&by));
        check_group(&context, &selection, &frequencies.groups[0], &everyone)?;
        let expected = groups(project, &selection, &by);
        let values: Vec<&str> = frequencies.groups[1..]
            .iter()
            .map(|g| g.value.as_ref().map_or("", |v| v.label.as_str()))
            .collect();
        let expected_values: Vec<&str> = expected.iter().map(|(l, _)| l.as_str()).collect();
        prop_assert_eq!(values, expected_values);
        for (group, (_, positions)) in frequencies.groups[1..].iter().zip(&expected) {
            check_group(&context, &selection, group, positions)?;
        }
    }
    Ok(())
}

/// Documents without a month, as (id, selected annotations), project order then unknown ones by id.
fn check_undated(project: &Project, order: &[usize]) -> Result<(), TestCaseError> {
    let selection: Vec<&Annotation> = order.iter().map(|&n| &project.annotations[n]).collect();
    let context = Context::new(project, selection.clone(), false, ActorLevel::Actors);
    let over_time = OverTime::compute(&context, "date", PeriodLength::Month, &Dimension::Topic);
    let count = |id: &DocumentId| selection.iter().filter(|a| &a.document == id).count();
    let mut expected: Vec<(String, usize)> = project
        .documents
        .iter()
        .filter(|d| d.id.as_str() != "d2" && d.id.as_str() != "d1") // the two with a day
        .map(|d| (d.id.to_string(), count(&d.id)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut ghosts: Vec<&DocumentId> = selection
        .iter()
        .map(|a| &a.document)
        .filter(|id| project.document(id).is_none())
        .collect();
    ghosts.sort();
    ghosts.dedup();
    expected.extend(ghosts.into_iter().map(|id| (id.to_string(), count(id))));
    let undated: Vec<(String, usize)> = over_time
        .undated
        .iter()
        .map(|u| (u.document.to_string(), u.annotations))
        .collect();
    prop_assert_eq!(undated, expected);
    let dated_rows = over_time
        .matrix
        .rows
        .iter()
        .filter(|h| h.key != HeaderKey::Missing);
    let periods: Vec<&str> = dated_rows.map(|h: &Header| h.label.as_str()).collect();
    let any_dated = selection
        .iter()
        .any(|a| ["d1", "d2"].contains(&a.document.as_str()));
    prop_assert_eq!(!periods.is_empty(), any_dated);
    Ok(())
}

/// Every co-occurrence cell against every pair of selected annotations.
fn check_cooccurrence(project: &Project, order: &[usize]) -> Result<(), TestCaseError> {
    let selection: Vec<&Annotation> = order.iter().map(|&n| &project.annotations[n]).collect();
    let codebook = &project.codebook;
    for subtopics in [false, true] {
        let context = Context::new(project, selection.clone(), subtopics, ActorLevel::Actors);
        let table = Cooccurrence::compute(&context);
        let rows = context.topic_rows();
        let related = |a: &TopicId, b: &TopicId| {
            a == b
                || (subtopics
                    && (family(codebook, a).contains(b) || family(codebook, b).contains(a)))
        };
        // Does a meeting of `first` and `second` topic sets make topics x and y meet?
        let meets =
            |first: &HashSet<TopicId>, second: &HashSet<TopicId>, x: &TopicId, y: &TopicId| {
                !related(x, y)
                    && ((first.contains(x) && second.contains(y))
                        || (first.contains(y) && second.contains(x)))
            };
        let topics: Vec<HashSet<TopicId>> = selection
            .iter()
            .map(|a| counted(codebook, a, subtopics))
            .collect();
        for (r, x) in rows.iter().enumerate() {
            for (c, y) in rows.iter().enumerate() {
                let (x, y) = (&x.id, &y.id);
                let mut count = 0;
                let mut members: HashSet<u32> = HashSet::new();
                for (i, a) in selection.iter().enumerate() {
                    if meets(&topics[i], &topics[i], x, y) {
                        count += 1;
                        members.insert(i as u32);
                    }
                    for (j, b) in selection.iter().enumerate().skip(i + 1) {
                        let overlap =
                            a.document == b.document && a.start < b.end && b.start < a.end;
                        if overlap && meets(&topics[i], &topics[j], x, y) {
                            count += 1;
                            members.extend([i as u32, j as u32]);
                        }
                    }
                }
                let mut members: Vec<u32> = members.into_iter().collect();
                members.sort_unstable();
                prop_assert_eq!(table.count(r, c), count, "{} × {}", x, y);
                let computed = table.cell(r, c).map_or(&[][..], |m| m.positions());
                prop_assert_eq!(computed, members.as_slice(), "{} × {}", x, y);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn frequencies_per_document_and_attribute_match_the_plain_count(
        (annotations, order) in generated(-3),
    ) {
        let project = generated_project(&annotations);
        check_frequencies(&project, &order)?;
        let ordered = document_order(&project);
        let selection = ordered.iter().map(|&n| &project.annotations[n]).collect();
        let context = Context::new(&project, selection, true, ActorLevel::Actors);
        prop_assert!(context.in_document_order);
        check_frequencies(&project, &ordered)?;
    }

    #[test]
    fn undated_documents_are_counted_and_named(
        (annotations, order) in generated(-3),
    ) {
        check_undated(&generated_project(&annotations), &order)?;
    }

    #[test]
    fn cooccurrence_matches_every_pair_of_overlapping_passages(
        (annotations, order) in generated(1),
    ) {
        let project = generated_project(&annotations);
        check_cooccurrence(&project, &order)?;
        check_cooccurrence(&project, &document_order(&project))?;
    }
}
