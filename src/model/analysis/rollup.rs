//! Actor roll-up: the level ("countries") an analysis counts holders and
//! targets at. An actor of the level counts as itself; any other actor counts
//! as the nearest actor of the level it belongs to (following `belongs_to`:
//! Aleksandar Vučić → Serbia); an actor that belongs to none of the level
//! counts as itself, so no passage drops out of a table.

use crate::model::codebook::{ActorKind, Codebook, names_match};
use crate::model::ids::ActorId;
use rustc_hash::FxHashMap as FastMap;
use std::fmt;

/// Which actors an analysis counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum ActorLevel {
    /// Every actor as coded (no roll-up).
    #[default]
    Actors,
    /// Actors rolled up to the nearest actor of this kind.
    Kind(ActorKind),
}

impl ActorLevel {
    /// Reads a level as the command line spells it: `actors`, or a kind,
    /// singular or plural (`countries`, `persons`, `organisations`, `party` or
    /// `parties`…). A custom kind is matched against the kinds `codebook` uses,
    /// with or without a plural `s`/`es`/`ies`.
    pub fn parse(text: &str, codebook: &Codebook) -> Result<Self, UnknownLevel> {
        let trimmed = text.trim();
        if names_match(trimmed, "actors") || names_match(trimmed, "actor") || trimmed.is_empty() {
            return Ok(Self::Actors);
        }
        let kind: ActorKind = trimmed.parse().map_err(|_| UnknownLevel(text.to_owned()))?;
        let ActorKind::Custom(name) = &kind else {
            return Ok(Self::Kind(kind));
        };
        let used: Vec<&ActorKind> = codebook
            .actors
            .iter()
            .filter_map(|a| a.kind.as_ref())
            .collect();
        let singulars = [
            Some(name.clone()),
            name.strip_suffix("ies").map(|stem| format!("{stem}y")),
            name.strip_suffix("es").map(str::to_owned),
            name.strip_suffix('s').map(str::to_owned),
        ];
        for candidate in singulars.into_iter().flatten() {
            if let Some(found) = used.iter().find(|k| names_match(k.name(), &candidate)) {
                return Ok(Self::Kind((*found).clone()));
            }
        }
        Err(UnknownLevel(text.to_owned()))
    }
}

impl fmt::Display for ActorLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Actors => f.write_str("actors"),
            Self::Kind(kind) => write!(f, "{kind}"),
        }
    }
}

/// A level that is neither `actors`, a built-in kind, nor a kind the project uses.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "`{0}` is not an actor level: use actors, countries, persons, organisations or a kind the codebook gives its actors"
)]
pub struct UnknownLevel(pub String);

/// Each actor's representative at one level, computed once per codebook.
#[derive(Clone, Debug, Default)]
pub struct Rollup {
    /// The level rolled up to.
    pub level: ActorLevel,
    /// Actor → the actor it counts as, for actors that count as another.
    representative: FastMap<ActorId, ActorId>,
}

impl Rollup {
    /// The roll-up of `codebook`'s actors to `level`.
    pub fn new(codebook: &Codebook, level: ActorLevel) -> Self {
        let mut representative = FastMap::default();
        if let ActorLevel::Kind(kind) = &level {
            for actor in &codebook.actors {
                if actor.kind.as_ref() == Some(kind) {
                    continue;
                }
                if let Some(owner) = codebook
                    .actor_ancestors(&actor.id)
                    .into_iter()
                    .find(|a| a.kind.as_ref() == Some(kind))
                {
                    representative.insert(actor.id.clone(), owner.id.clone());
                }
            }
        }
        Self {
            level,
            representative,
        }
    }

    /// The actor `actor` counts as at this level (itself when it rolls up to no one).
    pub fn of<'a>(&'a self, actor: &'a ActorId) -> &'a ActorId {
        self.representative.get(actor).unwrap_or(actor)
    }
}
