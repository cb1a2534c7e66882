//! Intercoder agreement (issue 13): how far two or more coders who coded the
//! same documents agree, as MAXQDA, NVivo and QualCoder report it.
//!
//! - [`units`] forms the units as NVivo does: per topic, every character of every
//!   compared document, labelled present or absent by each coder, held as
//!   run-length intervals (never one value per character).
//! - [`character`] counts them: percent agreement and Cohen's kappa per pair of
//!   coders, Krippendorff's alpha (nominal) over all coders; per topic and overall.
//! - [`segments`] is MAXQDA's segment view: a passage counts as agreed when the
//!   other coder's passage with the same topic overlaps it enough.
//! - [`stance`] compares stance, holder and target of the passages both coders coded.
//! - [`compare`] sets two coders' passages of one document side by side: only
//!   one coded, different codes, different boundaries, the same.
//! - [`disagreements`] lists the runs of passages where two coders differ, and
//!   [`resolve`] settles one (take A, take B, keep both) as one undoable edit.
//!
//! Definitions, with the conventions for degenerate cases: `docs/agreement.md`.

pub mod character;
pub mod compare;
pub mod disagreements;
pub mod resolve;
pub mod segments;
pub mod stance;
pub mod units;

use crate::model::ids::{DocumentId, TopicId};
use crate::model::project::Project;
use character::{CharacterAgreement, character_agreement};
use segments::{SegmentAgreement, segment_agreement};
use serde::Serialize;
use stance::{StanceAgreement, stance_agreement};
use std::collections::HashMap;
use units::Units;
pub use units::{AgreementOptions, DEFAULT_SEGMENT_OVERLAP_PERCENT, coder_pairs};

/// Every agreement figure for one set of coders.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The coders compared, in the order asked.
    pub coders: Vec<String>,
    /// Documents in which at least one compared coder made an annotation (the units' documents).
    pub documents: Vec<DocumentId>,
    /// Annotations of compared coders left out because their document's text is
    /// unknown (not loaded) or because they lie outside it.
    pub annotations_without_text: usize,
    /// Character level, one entry per topic, in the order of `topics`.
    pub topics: Vec<TopicAgreement>,
    /// Character level over all topics' units together.
    pub overall: CharacterAgreement,
    /// Segment level, one entry per topic, then `segments_overall`.
    pub segments: Vec<SegmentAgreement>,
    /// Segment level over all topics.
    pub segments_overall: SegmentAgreement,
    /// The overlap threshold of the segment view, in percent.
    pub segment_overlap_percent: f64,
    /// Stance, holder and target of the passages both coders of a pair coded.
    pub stance: Vec<StanceAgreement>,
}

/// Character-level agreement on one topic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicAgreement {
    /// The topic.
    pub topic: TopicId,
    /// Its figures.
    pub agreement: CharacterAgreement,
}

/// Computes every figure. `lengths_chars` gives each document's length in chars
/// (of its canonical text); documents without one have no units, and their
/// annotations are counted in `annotations_without_text`.
pub fn agreement(
    project: &Project,
    lengths_chars: &HashMap<DocumentId, usize>,
    options: &AgreementOptions,
) -> AgreementReport {
    let units = Units::form(project, lengths_chars, options);
    let topics: Vec<TopicAgreement> = units
        .topics
        .iter()
        .map(|topic| TopicAgreement {
            topic: topic.clone(),
            agreement: character_agreement(&units, Some(topic)),
        })
        .collect();
    let overall = character_agreement(&units, None);
    let segments = units
        .topics
        .iter()
        .map(|topic| segment_agreement(&units, Some(topic), options.segment_overlap_percent))
        .collect();
    let segments_overall = segment_agreement(&units, None, options.segment_overlap_percent);
    AgreementReport {
        coders: units.coders.clone(),
        documents: units.documents.iter().map(|d| d.id.clone()).collect(),
        annotations_without_text: units.annotations_without_text,
        topics,
        overall,
        segments,
        segments_overall,
        segment_overlap_percent: options.segment_overlap_percent,
        stance: stance_agreement(&units),
    }
}
