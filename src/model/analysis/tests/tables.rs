//! Topic frequencies and cross tables on the hand-made fixture of `tests/mod.rs`.

use super::{context, countries, ids, project};
use crate::model::analysis::{ActorLevel, Dimension, Frequencies, Matrix, Percentages};

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
