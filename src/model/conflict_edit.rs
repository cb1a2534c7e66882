//! How an [`Edit::Conflict`](crate::model::edit::Edit::Conflict) changes the
//! project's `conflicts` list: by place, checked against what is there, so
//! that undo puts a resolved conflict back where it was.

use crate::model::edit::Edit;
use crate::model::edit_error::EditError;
use crate::model::merge::conflict::MergeConflict;
use crate::model::project::Project;

impl Edit {
    /// The inverse of an [`Edit::Conflict`] (any other edit is returned as it is).
    pub(crate) fn conflict_inverse(&self) -> Self {
        match self {
            Self::Conflict {
                index,
                before,
                after,
            } => Self::Conflict {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            other => other.clone(),
        }
    }
}

impl Project {
    /// Applies an [`Edit::Conflict`] (any other edit changes nothing here).
    pub(crate) fn apply_conflict(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Conflict {
                index,
                before,
                after,
            } => self.replace_conflict(*index, before.as_deref(), after.as_deref()),
            _ => Ok(()),
        }
    }

    /// Replaces the conflict at `index` (`before` must be there) with `after`.
    fn replace_conflict(
        &mut self,
        index: usize,
        before: Option<&MergeConflict>,
        after: Option<&MergeConflict>,
    ) -> Result<(), EditError> {
        let missing = || EditError::Stale {
            kind: "merge conflict",
            id: index.to_string(),
        };
        match (before, after) {
            (Some(b), after) => {
                let slot = self.conflicts.get_mut(index).ok_or_else(missing)?;
                if slot != b {
                    return Err(missing());
                }
                match after {
                    Some(a) => *slot = a.clone(),
                    None => {
                        self.conflicts.remove(index);
                    }
                }
            }
            (None, Some(a)) => {
                let index = index.min(self.conflicts.len());
                self.conflicts.insert(index, a.clone());
            }
            (None, None) => {}
        }
        Ok(())
    }
}
