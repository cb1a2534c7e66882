//! Why an edit could not be applied (re-exported as
//! [`crate::model::edit::EditError`]); its own file so that the batch code
//! that [`crate::model::edit`] uses can name it too.

/// Why an edit could not be applied. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit adds an entity whose id the project already has.
    #[error("{kind} `{id}` already exists")]
    AlreadyExists {
        /// What kind of entity: `annotation`, `topic`, `stance`, `actor` or `document`.
        kind: &'static str,
        /// The id already taken.
        id: String,
    },
    /// The edit changes or removes an entity the project does not have, or an
    /// annotation refers to one (its document, a topic, its stance or an actor);
    /// also a document whose text is not loaded ([`Workspace::new_annotation`]).
    ///
    /// [`Workspace::new_annotation`]: crate::model::workspace::Workspace::new_annotation
    #[error("{kind} `{id}` does not exist")]
    Missing {
        /// What kind of entity (`annotation`, `document text`, `topic`, ...).
        kind: &'static str,
        /// The id that was not found.
        id: String,
    },
    /// The edit's `before` differs from the entity in the project: it was
    /// changed meanwhile, so applying the edit would lose that change.
    #[error("{kind} `{id}` was changed meanwhile")]
    Stale {
        /// What kind of entity (`annotation`, `topic`, ...).
        kind: &'static str,
        /// The entity's id.
        id: String,
    },
    /// `before` and `after` have different ids; an edit never changes an id.
    #[error("an edit cannot change an id (`{before}` → `{after}`)")]
    IdChanged {
        /// The id before the edit.
        before: String,
        /// The id the edit would give it.
        after: String,
    },
    /// Anything else the project refuses, as a readable sentence (a used topic
    /// removed, a parent chain that would loop, an empty or out-of-text range).
    #[error("{0}")]
    Invalid(String),
}
