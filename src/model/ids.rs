//! Stable, opaque identifiers for everything a project file refers to.
//!
//! Ids never change once given, so that renames, moves and three-way merges can
//! match entities by id. New ids are random (64 bits, hex) with a kind prefix,
//! e.g. `ann-5f3a9c2e1b7d4a60`; ids written by hand (`topic-health`) are fine too.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A new random id with this kind's prefix.
            pub fn generate() -> Self {
                Self(format!("{}-{}", $prefix, random_hex_64()))
            }

            /// The id as written in the project file, e.g. `ann-5f3a9c2e1b7d4a60`.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_string())
            }
        }
    };
}

define_id!(
    /// Identifies a document within a project (stable across renames of its file).
    DocumentId,
    "doc"
);
define_id!(
    /// Identifies an annotation.
    AnnotationId,
    "ann"
);
define_id!(
    /// Identifies a topic of the codebook.
    TopicId,
    "topic"
);
define_id!(
    /// Identifies a point of the stance scale.
    StanceId,
    "stance"
);
define_id!(
    /// Identifies an actor (a stance holder or target).
    ActorId,
    "actor"
);

fn random_hex_64() -> String {
    let uuid = uuid::Uuid::new_v4();
    let bytes = uuid.as_bytes();
    bytes[..8].iter().map(|b| format!("{b:02x}")).collect()
}
