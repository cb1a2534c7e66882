//! What the tag popup edits and offers: its state (the coding being chosen and
//! the topics and actors it creates), the codes a search finds (with a "Create
//! topic …" or "Create actor …" row for a name the codebook does not have), and
//! the keys of the first nine topics and of each stance.

use crate::app::intent::Coding;
use crate::model::codebook::{Actor, Codebook, Color, Topic, names_match};
use crate::model::edit::Edit;
use crate::model::ids::{ActorId, StanceId, TopicId};
use fuzzy_matcher::FuzzyMatcher as _;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::borrow::Cow;

/// How many search results are listed at most.
const MAX_RESULTS: usize = 12;

/// Which slot the search box currently fills.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum PickMode {
    /// Topics, stances and actors together.
    #[default]
    Codes,
    /// Actors, for the stance's holder.
    Holder,
    /// Actors, for the stance's target.
    Target,
}

/// What the popup is editing; kept by the reader while the popup is open.
#[derive(Clone, Debug, Default)]
pub(crate) struct TagPopupState {
    /// The codes chosen so far.
    pub(crate) coding: Coding,
    pub(super) search: String,
    pub(super) mode: PickMode,
    /// Index of the highlighted search result.
    pub(super) highlighted: usize,
    /// After `/`: letters go to the search even when it is empty.
    pub(super) letters_search: bool,
    /// Has the search box been given the keyboard focus once?
    pub(super) focus_given: bool,
    /// Topics created in the popup; added to the codebook with the annotation.
    pub(super) new_topics: Vec<Topic>,
    /// Actors created in the popup; added to the codebook with the annotation.
    pub(super) new_actors: Vec<Actor>,
    /// Height of everything but the lists, as measured in the last frame.
    pub(super) chrome_points: Option<f32>,
    /// Height of the lists as drawn in the last frame.
    pub(super) body_rect_height: f32,
    /// The search result last scrolled into view.
    pub(super) scrolled_to: Option<usize>,
    /// Where the popup was on screen in the last frame.
    pub(crate) last_rect: Option<egui::Rect>,
}

impl TagPopupState {
    /// A popup that starts from `coding` (empty for a new passage).
    pub(crate) fn new(coding: Coding) -> Self {
        Self {
            coding,
            ..Default::default()
        }
    }

    pub(super) fn toggle_topic(&mut self, topic: &TopicId) {
        if let Some(position) = self.coding.topics.iter().position(|t| t == topic) {
            self.coding.topics.remove(position);
        } else {
            self.coding.topics.push(topic.clone());
        }
    }

    pub(super) fn set_stance(&mut self, stance: &StanceId) {
        if self.coding.stance.as_ref() == Some(stance) {
            self.coding.stance = None;
        } else {
            self.coding.stance = Some(stance.clone());
        }
    }

    fn set_actor(&mut self, slot: PickMode, actor: &ActorId) {
        match slot {
            PickMode::Holder => self.coding.holder = Some(actor.clone()),
            PickMode::Target => self.coding.target = Some(actor.clone()),
            PickMode::Codes => {}
        }
    }

    /// The codebook with the topics and actors created in the popup.
    pub(super) fn preview_codebook<'a>(&self, codebook: &'a Codebook) -> Cow<'a, Codebook> {
        if self.new_topics.is_empty() && self.new_actors.is_empty() {
            return Cow::Borrowed(codebook);
        }
        let mut preview = codebook.clone();
        preview.topics.extend(self.new_topics.iter().cloned());
        preview.actors.extend(self.new_actors.iter().cloned());
        Cow::Owned(preview)
    }

    /// The edits that add the created topics and actors the confirmed `coding`
    /// uses (one created and then unchecked again is left out).
    pub(crate) fn new_code_edits(&self, coding: &Coding) -> Vec<Edit> {
        let topics = self
            .new_topics
            .iter()
            .filter(|topic| coding.topics.contains(&topic.id))
            .map(|topic| Edit::Topic {
                before: None,
                after: Some(topic.clone()),
            });
        let actors = self
            .new_actors
            .iter()
            .filter(|actor| {
                coding.holder.as_ref() == Some(&actor.id)
                    || coding.target.as_ref() == Some(&actor.id)
            })
            .map(|actor| Edit::Actor {
                before: None,
                after: Some(actor.clone()),
            });
        topics.chain(actors).collect()
    }

    /// Creates a topic named `name` (the colour farthest from the codebook's, as
    /// the codebook panel gives) and checks it.
    fn create_topic(&mut self, name: &str, codebook: &Codebook) {
        let topic = Topic {
            id: TopicId::generate(),
            name: name.to_owned(),
            color: Color::distinct_from(
                &codebook.topics.iter().map(|t| t.color).collect::<Vec<_>>(),
            ),
            parent: None,
            description: String::new(),
            codable: true,
        };
        self.coding.topics.push(topic.id.clone());
        self.new_topics.push(topic);
    }

    /// Creates an actor named `name` and puts it in `slot`.
    fn create_actor(&mut self, slot: PickMode, name: &str) {
        let actor = Actor {
            id: ActorId::generate(),
            name: name.to_owned(),
            kind: None,
            belongs_to: None,
            description: String::new(),
        };
        self.set_actor(slot, &actor.id);
        self.new_actors.push(actor);
    }

    pub(super) fn reset_search(&mut self) {
        self.search.clear();
        self.highlighted = 0;
        self.letters_search = false;
    }
}

/// What happened in the popup this frame.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TagPopupOutcome {
    /// Still open.
    Open,
    /// Enter or the Save button: these codes.
    Confirmed(Coding),
    /// Escape or Cancel.
    Cancelled,
}

/// The single-letter key of each stance: the first letter of its name not taken
/// by an earlier stance nor by `H`/`T` (holder/target).
pub fn stance_keys(codebook: &Codebook) -> Vec<(StanceId, Option<char>)> {
    let mut taken: Vec<char> = vec!['h', 't'];
    codebook
        .stances
        .iter()
        .map(|stance| {
            let key = stance
                .name
                .chars()
                .flat_map(char::to_lowercase)
                .find(|c| c.is_ascii_alphabetic() && !taken.contains(c));
            if let Some(key) = key {
                taken.push(key);
            }
            (stance.id.clone(), key)
        })
        .collect()
}

/// The first nine topics in tree order: the ones `1`–`9` toggle.
pub fn numbered_topics(codebook: &Codebook) -> Vec<TopicId> {
    codebook
        .topic_tree()
        .into_iter()
        .take(9)
        .map(|(_, topic)| topic.id.clone())
        .collect()
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Pick {
    Topic(TopicId),
    Stance(StanceId),
    Actor(PickMode, ActorId),
    /// "Create topic …": a new topic with the typed name, checked.
    CreateTopic(String),
    /// "Create actor …": a new actor with the typed name, as holder or target.
    CreateActor(PickMode, String),
}

/// What the popup offers this frame: the search results and the keyed codes.
pub(super) struct Offer<'a> {
    pub(super) codebook: &'a Codebook,
    /// Results of the current search (empty without one in the codes mode).
    pub(super) results: Vec<Pick>,
    /// The topics `1`–`9` toggle.
    pub(super) numbered: Vec<TopicId>,
    /// Each stance's letter.
    pub(super) stance_keys: Vec<(StanceId, Option<char>)>,
}

impl<'a> Offer<'a> {
    /// What `state`'s search finds in `codebook`, and the keyed codes.
    pub(super) fn new(state: &TagPopupState, codebook: &'a Codebook) -> Self {
        Self {
            codebook,
            results: search_results(state, codebook),
            numbered: numbered_topics(codebook),
            stance_keys: stance_keys(codebook),
        }
    }
}

/// Folds the diacritics of Latin letters (`Vučić` → `Vucic`) so that searches
/// typed without them still match; other chars are kept.
fn fold_diacritics(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'č' | 'ć' | 'ç' => 'c',
            'Č' | 'Ć' | 'Ç' => 'C',
            'š' | 'ś' => 's',
            'Š' | 'Ś' => 'S',
            'ž' | 'ź' | 'ż' => 'z',
            'Ž' | 'Ź' | 'Ż' => 'Z',
            'đ' => 'd',
            'Đ' => 'D',
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ă' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ů' => 'u',
            'ñ' | 'ń' | 'ň' => 'n',
            'ř' => 'r',
            'ł' => 'l',
            'ý' => 'y',
            other => other,
        })
        .collect()
}

fn search_results(state: &TagPopupState, codebook: &Codebook) -> Vec<Pick> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let query = fold_diacritics(state.search.trim());
    let mut scored: Vec<(i64, usize, Pick)> = Vec::new();
    let mut push = |name: &str, order: usize, pick: Pick| {
        if query.is_empty() {
            scored.push((0, order, pick));
        } else if let Some(score) = matcher.fuzzy_match(&fold_diacritics(name), &query) {
            scored.push((score, order, pick));
        }
    };
    match state.mode {
        PickMode::Codes => {
            if query.is_empty() {
                return Vec::new();
            }
            for (order, (_, topic)) in codebook.topic_tree().into_iter().enumerate() {
                push(&topic.name, order, Pick::Topic(topic.id.clone()));
            }
            for (order, stance) in codebook.stances.iter().enumerate() {
                push(&stance.name, 100 + order, Pick::Stance(stance.id.clone()));
            }
            for (order, actor) in codebook.actors.iter().enumerate() {
                let slot = if state.coding.holder.is_none() {
                    PickMode::Holder
                } else {
                    PickMode::Target
                };
                push(
                    &actor.name,
                    200 + order,
                    Pick::Actor(slot, actor.id.clone()),
                );
            }
        }
        slot @ (PickMode::Holder | PickMode::Target) => {
            for (order, actor) in codebook.actors.iter().enumerate() {
                push(&actor.name, order, Pick::Actor(slot, actor.id.clone()));
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut results: Vec<Pick> = scored
        .into_iter()
        .take(MAX_RESULTS)
        .map(|(_, _, pick)| pick)
        .collect();
    results.extend(create_offer(state, codebook));
    results
}

/// The "Create …" row for a typed name the codebook does not have yet: a topic
/// in the codes mode, an actor for the holder or target.
fn create_offer(state: &TagPopupState, codebook: &Codebook) -> Option<Pick> {
    let name = state
        .search
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() || state.letters_search {
        return None;
    }
    match state.mode {
        PickMode::Codes => {
            let taken = codebook.topics.iter().any(|t| names_match(&t.name, &name))
                || codebook.stances.iter().any(|s| names_match(&s.name, &name));
            (!taken).then_some(Pick::CreateTopic(name))
        }
        slot @ (PickMode::Holder | PickMode::Target) => {
            let taken = codebook.actors.iter().any(|a| names_match(&a.name, &name));
            (!taken).then_some(Pick::CreateActor(slot, name))
        }
    }
}

/// Applies a chosen result: a topic toggles, a stance is set, an actor fills
/// its slot, a "Create …" row creates the code (in the popup; the codebook gets
/// it with the annotation, in the same undo step) and applies it.
pub(super) fn apply_pick(state: &mut TagPopupState, pick: &Pick, codebook: &Codebook) {
    match pick {
        Pick::Topic(topic) => state.toggle_topic(topic),
        Pick::Stance(stance) => state.set_stance(stance),
        Pick::Actor(slot, actor) => {
            state.set_actor(*slot, actor);
            state.mode = PickMode::Codes;
        }
        Pick::CreateTopic(name) => state.create_topic(name, codebook),
        Pick::CreateActor(slot, name) => {
            state.create_actor(*slot, name);
            state.mode = PickMode::Codes;
        }
    }
    state.reset_search();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codebook::{Color, Stance};

    fn stance(id: &str, name: &str) -> Stance {
        Stance {
            id: id.into(),
            name: name.into(),
            color: Color::rgb(0, 0, 0),
            polarity: 0,
            description: String::new(),
        }
    }

    #[test]
    fn stance_keys_avoid_collisions_and_holder_target_keys() {
        let codebook = Codebook {
            stances: vec![
                stance("s1", "supportive"),
                stance("s2", "sceptical"),
                stance("s3", "hostile"),
            ],
            ..Default::default()
        };
        let keys: Vec<Option<char>> = stance_keys(&codebook).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, vec![Some('s'), Some('c'), Some('o')]);
    }

    #[test]
    fn searches_match_without_diacritics() {
        assert_eq!(fold_diacritics("Vučić, Đoković"), "Vucic, Dokovic");
        assert_eq!(fold_diacritics("Вучић"), "Вучић");
    }
}
