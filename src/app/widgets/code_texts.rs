//! The short texts and colours that show an annotation's codes in lists and
//! rows ("Topic A, Topic B", "holder → target", a bar per topic), written once
//! for every panel.

use crate::app::theme::code_color;
use crate::model::codebook::Codebook;
use crate::model::ids::{ActorId, TopicId};

/// The topics' names joined by ", " (empty for no topics).
pub fn topics_text(codebook: &Codebook, topics: &[TopicId]) -> String {
    topics
        .iter()
        .map(|topic| codebook.topic_name(topic))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The colours of the topics the codebook still has, in the annotation's order.
pub fn topic_colors(codebook: &Codebook, topics: &[TopicId]) -> Vec<egui::Color32> {
    topics
        .iter()
        .filter_map(|topic| codebook.topic(topic))
        .map(|topic| code_color(topic.color))
        .collect()
}

/// "holder → target", "holder →" or "→ target"; `None` without either.
pub fn actors_text(
    codebook: &Codebook,
    holder: Option<&ActorId>,
    target: Option<&ActorId>,
) -> Option<String> {
    match (holder, target) {
        (Some(h), Some(t)) => Some(format!(
            "{} → {}",
            codebook.actor_name(h),
            codebook.actor_name(t)
        )),
        (Some(h), None) => Some(format!("{} →", codebook.actor_name(h))),
        (None, Some(t)) => Some(format!("→ {}", codebook.actor_name(t))),
        (None, None) => None,
    }
}

/// The text on one line: every run of whitespace (newlines included) becomes one space.
pub fn flatten_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{actors_text, flatten_whitespace};
    use crate::model::codebook::{Actor, Codebook};
    use crate::model::ids::ActorId;

    #[test]
    fn actors_read_as_an_arrow_and_whitespace_flattens() {
        let actor = |id: &str, name: &str| Actor {
            id: ActorId::from(id),
            name: name.to_owned(),
            kind: None,
            belongs_to: None,
            description: String::new(),
        };
        let codebook = Codebook {
            actors: vec![actor("eu", "EU"), actor("cn", "China")],
            ..Codebook::default()
        };
        let (a, b) = (ActorId::from("eu"), ActorId::from("cn"));
        assert_eq!(
            actors_text(&codebook, Some(&a), Some(&b)).as_deref(),
            Some("EU → China")
        );
        assert_eq!(
            actors_text(&codebook, None, Some(&b)).as_deref(),
            Some("→ China")
        );
        assert_eq!(actors_text(&codebook, None, None), None);
        assert_eq!(flatten_whitespace(" a\n\n b\tc "), "a b c");
    }
}
