//! An annotation's coding by name, as every export writes it: its topics,
//! stance, holder and target resolved against the codebook once.

use crate::model::annotation::Annotation;
use crate::model::codebook::Codebook;

/// The names of an annotation's topics, stance, holder and target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodingNames<'a> {
    /// Topic names, in the annotation's order.
    pub topics: Vec<&'a str>,
    /// The stance's name on the scale.
    pub stance: Option<&'a str>,
    /// Who holds the stance.
    pub holder: Option<&'a str>,
    /// Whom the stance is toward.
    pub target: Option<&'a str>,
}

impl<'a> CodingNames<'a> {
    /// Resolves `annotation`'s ids in `codebook` (an id it lacks stands as itself).
    pub fn of(codebook: &'a Codebook, annotation: &'a Annotation) -> Self {
        Self {
            topics: annotation
                .topics
                .iter()
                .map(|t| codebook.topic_name(t))
                .collect(),
            stance: annotation.stance.as_ref().map(|s| codebook.stance_name(s)),
            holder: annotation.holder.as_ref().map(|a| codebook.actor_name(a)),
            target: annotation.target.as_ref().map(|a| codebook.actor_name(a)),
        }
    }
}
