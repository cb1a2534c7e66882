//! The codebook: topics (a tree), the stance scale and the actors.
//!
//! Annotations refer to codebook entries by id only, so renaming or recolouring
//! an entry never touches an annotation.

use crate::model::ids::{ActorId, StanceId, TopicId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An sRGB colour written as `#RRGGBB` in the project file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red channel, 0–255.
    pub r: u8,
    /// Green channel, 0–255.
    pub g: u8,
    /// Blue channel, 0–255.
    pub b: u8,
}

impl Color {
    /// The colour with these red, green and blue channels (0–255 each).
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// A pleasant distinct colour for the n-th new entry.
    pub fn palette(n: usize) -> Self {
        const PALETTE: [Color; 12] = [
            Color::rgb(0x4e, 0x79, 0xa7),
            Color::rgb(0xf2, 0x8e, 0x2b),
            Color::rgb(0x59, 0xa1, 0x4f),
            Color::rgb(0xe1, 0x57, 0x59),
            Color::rgb(0x76, 0xb7, 0xb2),
            Color::rgb(0xed, 0xc9, 0x48),
            Color::rgb(0xb0, 0x7a, 0xa1),
            Color::rgb(0xff, 0x9d, 0xa7),
            Color::rgb(0x9c, 0x75, 0x5f),
            Color::rgb(0xba, 0xb0, 0xac),
            Color::rgb(0x86, 0xbc, 0xb6),
            Color::rgb(0xd3, 0x72, 0x95),
        ];
        PALETTE[n % PALETTE.len()]
    }
}

impl Color {
    /// The colour for a new entry that is farthest, in OKLab, from every colour in
    /// `existing` (ties: the first candidate). Candidates are OKLCh colours at four
    /// lightnesses, three chromas and 24 hues that sRGB can show, so each is
    /// readable as a highlight on light and dark paper.
    pub fn distinct_from(existing: &[Self]) -> Self {
        let existing: Vec<[f32; 3]> = existing.iter().map(|c| c.oklab()).collect();
        let mut best = (Self::palette(existing.len()), f32::NEG_INFINITY);
        for candidate in oklch_candidates() {
            let lab = candidate.oklab();
            let nearest = existing
                .iter()
                .map(|other| oklab_distance(lab, *other))
                .fold(f32::INFINITY, f32::min);
            if nearest > best.1 {
                best = (candidate, nearest);
            }
        }
        best.0
    }

    /// Euclidean distance of two colours in OKLab (0: the same; about 0.02 is just noticeable).
    pub fn perceptual_distance(self, other: Self) -> f32 {
        oklab_distance(self.oklab(), other.oklab())
    }

    /// The colour in OKLab (L, a, b), after Björn Ottosson's definition.
    fn oklab(self) -> [f32; 3] {
        let linear = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (linear(self.r), linear(self.g), linear(self.b));
        let l = (0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b).cbrt();
        let m = (0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b).cbrt();
        let s = (0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b).cbrt();
        [
            0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
            1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
            0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
        ]
    }

    /// The sRGB colour of OKLCh (lightness, chroma, hue in radians); `None` outside sRGB.
    fn from_oklch(lightness: f32, chroma: f32, hue: f32) -> Option<Self> {
        let (a, b) = (chroma * hue.cos(), chroma * hue.sin());
        let l = (lightness + 0.396_337_78 * a + 0.215_803_76 * b).powi(3);
        let m = (lightness - 0.105_561_346 * a - 0.063_854_17 * b).powi(3);
        let s = (lightness - 0.089_484_18 * a - 1.291_485_5 * b).powi(3);
        let encode = |x: f32| {
            if !(0.0..=1.0).contains(&x) {
                return None;
            }
            let x = if x <= 0.003_130_8 {
                12.92 * x
            } else {
                1.055 * x.powf(1.0 / 2.4) - 0.055
            };
            Some((x * 255.0).round().clamp(0.0, 255.0) as u8)
        };
        Some(Self::rgb(
            encode(4.076_741_7 * l - 3.307_711_6 * m + 0.230_969_94 * s)?,
            encode(-1.268_438 * l + 2.609_757_4 * m - 0.341_319_38 * s)?,
            encode(-0.004_196_086_3 * l - 0.703_418_6 * m + 1.707_614_7 * s)?,
        ))
    }
}

/// Distance of two OKLab colours.
fn oklab_distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f32>()
        .sqrt()
}

/// The colours [`Color::distinct_from`] chooses among.
fn oklch_candidates() -> impl Iterator<Item = Color> {
    const HUES: usize = 24;
    [0.55_f32, 0.65, 0.75, 0.85]
        .into_iter()
        .flat_map(|lightness| {
            [0.08_f32, 0.13, 0.18].into_iter().flat_map(move |chroma| {
                (0..HUES).filter_map(move |step| {
                    let hue = step as f32 * std::f32::consts::TAU / HUES as f32;
                    Color::from_oklch(lightness, chroma, hue)
                })
            })
        })
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

/// A text that is not a `#RRGGBB` colour; holds the text as given.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a colour of the form #RRGGBB")]
pub struct ColorParseError(pub String);

impl FromStr for Color {
    type Err = ColorParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ColorParseError(s.to_string()));
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16);
        match (channel(0), channel(2), channel(4)) {
            (Ok(r), Ok(g), Ok(b)) => Ok(Self { r, g, b }),
            _ => Err(ColorParseError(s.to_string())),
        }
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A topic: a theme passages are coded with. Topics form a tree through `parent`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// Annotations refer to the topic by this id, so renaming or recolouring it
    /// never touches them.
    pub id: TopicId,
    /// Name shown to the researcher; commands also find the topic by it (see [`names_match`]).
    pub name: String,
    /// Colour the topic is shown in.
    pub color: Color,
    /// The topic this one is a sub-topic of; `None` for a root. Edits that would
    /// make the parent chain loop are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TopicId>,
    /// What the topic covers, for the codebook; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// False for a topic that only groups its sub-topics and is not meant to
    /// code passages itself (REFI-QDA `isCodable="false"`); written only when false.
    #[serde(default = "codable_by_default", skip_serializing_if = "is_codable")]
    pub codable: bool,
}

/// Topics are codable unless the project says otherwise.
fn codable_by_default() -> bool {
    true
}

/// Serde's skip test: the default (codable) is not written.
fn is_codable(codable: &bool) -> bool {
    *codable
}

/// A point of the stance scale: the attitude a passage expresses (e.g. supportive, critical).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// Annotations refer to the stance by this id, so renaming it never touches them.
    pub id: StanceId,
    /// Name shown to the researcher; commands also find the stance by it.
    pub name: String,
    /// Colour the stance is shown in.
    pub color: Color,
    /// Direction of the stance: positive supportive, negative critical, 0 neutral or mixed.
    pub polarity: i32,
    /// What the stance means, for the codebook; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What sort of actor an actor is; analyses roll actors up to one kind ("countries").
///
/// Written in the project file as a string: `country`, `person`, `organisation`,
/// or any other name the project uses (a custom kind, e.g. `party`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    /// A state, as a collective actor.
    Country,
    /// One person.
    Person,
    /// A company, institution, party, NGO or other organisation.
    Organisation,
    /// A kind of the project's own, by its name (trimmed, never empty).
    Custom(String),
}

impl ActorKind {
    /// The kind as the project file writes it (`country`, `person`, `organisation`, or the custom name).
    pub fn name(&self) -> &str {
        match self {
            Self::Country => "country",
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Custom(name) => name,
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A blank actor kind; kinds need a name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("an actor kind needs a name (country, person, organisation, or one of the project's own)")]
pub struct BlankActorKind;

impl FromStr for ActorKind {
    type Err = BlankActorKind;
    /// Reads a kind case-insensitively; singular or plural (`countries`), and
    /// `organization` as well as `organisation`. Anything else is a custom kind.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = printable_name(s);
        Ok(match name.to_lowercase().as_str() {
            "" => return Err(BlankActorKind),
            "country" | "countries" => Self::Country,
            "person" | "persons" | "people" => Self::Person,
            "organisation" | "organisations" | "organization" | "organizations" => {
                Self::Organisation
            }
            _ => Self::Custom(name),
        })
    }
}

impl Serialize for ActorKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for ActorKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Someone who holds a stance or is its target: a person, party, country, institution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Annotations refer to the actor by this id, so renaming it never touches them.
    pub id: ActorId,
    /// Name shown to the researcher; commands also find the actor by it.
    pub name: String,
    /// What sort of actor this is; `None` when the project does not say
    /// (files written before kinds existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    /// The actor this one is part of or acts for (Aleksandar Vučić → Serbia,
    /// Huawei → China), so analyses can roll it up; edits and `check` refuse
    /// a chain that loops or an unknown actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub belongs_to: Option<ActorId>,
    /// Who the actor is, for the codebook; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Which list of the codebook an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodebookKind {
    /// [`Codebook::topics`].
    Topic,
    /// [`Codebook::stances`].
    Stance,
    /// [`Codebook::actors`].
    Actor,
}

impl fmt::Display for CodebookKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Topic => "topic",
            Self::Stance => "stance",
            Self::Actor => "actor",
        })
    }
}

impl FromStr for CodebookKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "topic" | "topics" => Ok(Self::Topic),
            "stance" | "stances" => Ok(Self::Stance),
            "actor" | "actors" => Ok(Self::Actor),
            _ => Err(format!(
                "`{s}` is not a codebook kind (topic, stance or actor)"
            )),
        }
    }
}

/// The codes of a project: topics, the stance scale and the actors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Codebook {
    /// Every topic, roots and sub-topics alike; the tree comes from each topic's
    /// `parent` (see [`Codebook::topic_tree`]).
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// The stance scale, in the order it is shown.
    #[serde(default)]
    pub stances: Vec<Stance>,
    /// The actors, in the order they are shown.
    #[serde(default)]
    pub actors: Vec<Actor>,
}

/// `name` as a codebook accepts it: trimmed, and when it holds control
/// characters (a tab, a newline, an escape sequence from another tool's
/// export), each replaced by a space with the spaces around it collapsed.
pub fn printable_name(name: &str) -> String {
    if name.chars().any(char::is_control) {
        name.split(|c: char| c.is_control() || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name.trim().to_owned()
    }
}

/// Case- and whitespace-insensitive comparison for names typed by people.
pub fn names_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Without allocating for the common case: commands resolve every name of
    // every imported line against the whole codebook.
    if a.is_ascii() && b.is_ascii() {
        let (mut left, mut right) = (a.split_whitespace(), b.split_whitespace());
        loop {
            match (left.next(), right.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
                _ => return false,
            }
        }
    }
    let normalise = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    normalise(a) == normalise(b)
}

/// The stance scale of a new project: supportive (+1), critical (−1), neutral
/// and mixed (0), with colours and short descriptions. The researcher edits it
/// like any codebook entry.
pub fn default_stance_scale() -> Vec<Stance> {
    let stance = |name: &str, color: Color, polarity: i32, description: &str| Stance {
        id: StanceId(format!("stance-{name}")),
        name: name.to_owned(),
        color,
        polarity,
        description: description.to_owned(),
    };
    vec![
        stance(
            "supportive",
            Color::rgb(0x2e, 0x9e, 0x5b),
            1,
            "The holder speaks favourably of the target, welcomes or endorses it.",
        ),
        stance(
            "critical",
            Color::rgb(0xc8, 0x45, 0x3a),
            -1,
            "The holder criticises, warns against or rejects the target.",
        ),
        stance(
            "neutral",
            Color::rgb(0x8c, 0x93, 0x9a),
            0,
            "Descriptive or factual reporting without an evident evaluation.",
        ),
        stance(
            "mixed",
            Color::rgb(0xe0, 0xa5, 0x26),
            0,
            "Both favourable and critical, or conditional support.",
        ),
    ]
}

impl Codebook {
    /// The codebook a new project starts with: no topics or actors, and an
    /// editable stance scale (see [`default_stance_scale`]).
    pub fn for_new_project() -> Self {
        Self {
            stances: default_stance_scale(),
            ..Self::default()
        }
    }

    /// The topic with this id, if the codebook has it.
    pub fn topic(&self, id: &TopicId) -> Option<&Topic> {
        self.topics.iter().find(|t| &t.id == id)
    }
    /// The stance with this id, if the codebook has it.
    pub fn stance(&self, id: &StanceId) -> Option<&Stance> {
        self.stances.iter().find(|s| &s.id == id)
    }
    /// The actor with this id, if the codebook has it.
    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actors.iter().find(|a| &a.id == id)
    }
    /// The first topic whose name matches `name` (see [`names_match`]).
    pub fn topic_by_name(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| names_match(&t.name, name))
    }
    /// The first stance whose name matches `name` (see [`names_match`]).
    pub fn stance_by_name(&self, name: &str) -> Option<&Stance> {
        self.stances.iter().find(|s| names_match(&s.name, name))
    }
    /// The first actor whose name matches `name` (see [`names_match`]).
    pub fn actor_by_name(&self, name: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| names_match(&a.name, name))
    }

    /// Name of a topic, or its id when it is missing from the codebook.
    pub fn topic_name<'a>(&'a self, id: &'a TopicId) -> &'a str {
        self.topic(id).map_or(id.as_str(), |t| t.name.as_str())
    }
    /// Name of a stance, or its id when it is missing from the codebook.
    pub fn stance_name<'a>(&'a self, id: &'a StanceId) -> &'a str {
        self.stance(id).map_or(id.as_str(), |s| s.name.as_str())
    }
    /// Name of an actor, or its id when it is missing from the codebook.
    pub fn actor_name<'a>(&'a self, id: &'a ActorId) -> &'a str {
        self.actor(id).map_or(id.as_str(), |a| a.name.as_str())
    }

    /// Topic and all its descendants (the topic first).
    pub fn topic_with_descendants(&self, root: &TopicId) -> Vec<TopicId> {
        let mut out = vec![root.clone()];
        let mut index = 0;
        while index < out.len() {
            let current = out[index].clone();
            for topic in &self.topics {
                if topic.parent.as_ref() == Some(&current) && !out.contains(&topic.id) {
                    out.push(topic.id.clone());
                }
            }
            index += 1;
        }
        out
    }

    /// Topics in tree order with their depth (roots first, children under parents).
    pub fn topic_tree(&self) -> Vec<(usize, &Topic)> {
        let mut out = Vec::with_capacity(self.topics.len());
        fn visit<'a>(
            codebook: &'a Codebook,
            parent: Option<&TopicId>,
            depth: usize,
            out: &mut Vec<(usize, &'a Topic)>,
        ) {
            for topic in &codebook.topics {
                let is_child = match (parent, &topic.parent) {
                    (None, None) => true,
                    (None, Some(p)) => codebook.topic(p).is_none(), // orphan: show at root
                    (Some(p), Some(q)) => p == q,
                    (Some(_), None) => false,
                };
                if is_child && depth < 32 && !out.iter().any(|(_, t)| t.id == topic.id) {
                    out.push((depth, topic));
                    visit(codebook, Some(&topic.id), depth + 1, out);
                }
            }
        }
        visit(self, None, 0, &mut out);
        out
    }

    /// The actors `actor` belongs to, nearest first (its `belongs_to`, that
    /// actor's `belongs_to`, …); stops before an actor repeats or is unknown.
    pub fn actor_ancestors(&self, actor: &ActorId) -> Vec<&Actor> {
        let mut chain: Vec<&Actor> = Vec::new();
        let mut current = self.actor(actor).and_then(|a| a.belongs_to.as_ref());
        while let Some(id) = current {
            match self.actor(id) {
                Some(next) if next.id != *actor && !chain.iter().any(|a| a.id == next.id) => {
                    chain.push(next);
                    current = next.belongs_to.as_ref();
                }
                _ => break,
            }
        }
        chain
    }

    /// Would making `actor` belong to `owner` make the chain of `belongs_to` loop?
    pub fn actor_would_cycle(&self, actor: &ActorId, owner: &ActorId) -> bool {
        owner == actor || self.actor_ancestors(owner).iter().any(|a| &a.id == actor)
    }

    /// Would making `parent` the parent of `child` create a cycle?
    pub fn would_cycle(&self, child: &TopicId, parent: &TopicId) -> bool {
        self.topic_with_descendants(child).contains(parent)
    }
}

#[cfg(test)]
mod tests {
    use super::{Actor, ActorKind, Codebook, Color};
    use crate::model::ids::ActorId;

    /// The sample codebook's 20 topic colours (seeds/gloss.json): a real codebook
    /// made by hand, with reds, blues and oranges close together.
    const SAMPLE_TOPIC_COLORS: [&str; 20] = [
        "#D64545", "#EE9090", "#A8325E", "#1C9BC9", "#7FCBE6", "#E8891C", "#F5B95C", "#B5651D",
        "#1E9E8F", "#6B7780", "#4E9F3D", "#5B4FB0", "#A49AE0", "#556B2F", "#2B4C9B", "#C9A227",
        "#7E8CC9", "#E0679F", "#B07CC6", "#8E5A3C",
    ];

    /// OKLab distance a new topic colour keeps from every existing one, with up to 30
    /// topics. About 0.02 is a just-noticeable difference; highlights are drawn at
    /// roughly 40 % opacity over paper, which shrinks differences about 2.5×, so
    /// 0.09 stays about two just-noticeable differences apart in the reader.
    const MIN_DISTANCE_UP_TO_30_TOPICS: f32 = 0.09;

    fn sample_colors() -> Vec<Color> {
        SAMPLE_TOPIC_COLORS
            .iter()
            .map(|hex| hex.parse().expect("a colour"))
            .collect()
    }

    fn nearest(color: Color, existing: &[Color]) -> f32 {
        existing
            .iter()
            .map(|other| color.perceptual_distance(*other))
            .fold(f32::INFINITY, f32::min)
    }

    #[test]
    fn new_topic_colours_stay_far_from_every_existing_one() {
        let mut colors = sample_colors();
        while colors.len() < 30 {
            let new = Color::distinct_from(&colors);
            let distance = nearest(new, &colors);
            assert!(
                distance > MIN_DISTANCE_UP_TO_30_TOPICS,
                "topic {} got {new}, {distance:.3} from its nearest neighbour",
                colors.len() + 1
            );
            colors.push(new);
        }
    }

    #[test]
    fn the_old_fixed_palette_picked_a_near_twin_of_a_sample_colour() {
        // What issue 11 saw: the n-th palette colour ignores the existing ones.
        let colors = sample_colors();
        let old = Color::palette(colors.len());
        let new = Color::distinct_from(&colors);
        assert!(nearest(old, &colors) < MIN_DISTANCE_UP_TO_30_TOPICS);
        assert!(nearest(new, &colors) > 2.0 * nearest(old, &colors));
    }

    #[test]
    fn oklab_distance_is_zero_for_equal_colours_and_large_for_black_and_white() {
        let red = Color::rgb(0xd6, 0x45, 0x45);
        assert!(red.perceptual_distance(red) < 1e-6);
        let contrast = Color::rgb(0, 0, 0).perceptual_distance(Color::rgb(255, 255, 255));
        assert!((contrast - 1.0).abs() < 0.01, "{contrast}");
    }

    #[test]
    fn the_first_colour_of_an_empty_codebook_is_a_valid_candidate() {
        let first = Color::distinct_from(&[]);
        assert_ne!(first, Color::rgb(0, 0, 0));
    }

    #[test]
    fn actor_kinds_read_singular_plural_and_custom_and_refuse_blank() {
        let kind = |s: &str| s.parse::<ActorKind>();
        assert_eq!(kind("Countries"), Ok(ActorKind::Country));
        assert_eq!(kind("people"), Ok(ActorKind::Person));
        assert_eq!(kind("organization"), Ok(ActorKind::Organisation));
        assert_eq!(
            kind("  political\tparty "),
            Ok(ActorKind::Custom("political party".into()))
        );
        assert!(kind(" ").is_err());
        let json = serde_json::to_string(&ActorKind::Organisation).unwrap();
        assert_eq!(json, "\"organisation\"");
        assert_eq!(
            serde_json::from_str::<ActorKind>("\"party\"").unwrap(),
            ActorKind::Custom("party".into())
        );
    }

    #[test]
    fn ancestors_follow_belongs_to_and_stop_at_a_loop() {
        let actor = |id: &str, owner: Option<&str>| Actor {
            id: ActorId::from(id),
            name: id.to_owned(),
            kind: None,
            belongs_to: owner.map(ActorId::from),
            description: String::new(),
        };
        let mut codebook = Codebook {
            actors: vec![
                actor("a", Some("b")),
                actor("b", Some("c")),
                actor("c", None),
            ],
            ..Codebook::default()
        };
        let names = |codebook: &Codebook, id: &str| -> Vec<String> {
            codebook
                .actor_ancestors(&ActorId::from(id))
                .iter()
                .map(|a| a.name.clone())
                .collect()
        };
        assert_eq!(names(&codebook, "a"), ["b", "c"]);
        assert!(codebook.actor_would_cycle(&ActorId::from("c"), &ActorId::from("a")));
        assert!(codebook.actor_would_cycle(&ActorId::from("c"), &ActorId::from("c")));
        assert!(!codebook.actor_would_cycle(&ActorId::from("a"), &ActorId::from("c")));
        codebook.actors[2].belongs_to = Some(ActorId::from("a"));
        assert_eq!(
            names(&codebook, "a"),
            ["b", "c"],
            "the loop back to a stops"
        );
    }
}
