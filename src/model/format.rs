//! The project file's JSON: parsing with precise errors, and stable pretty output.
//!
//! Pure string ↔ value conversion; reading and writing files is `storage`'s job.

use crate::model::project::{FORMAT_NAME, FORMAT_VERSION, Project};
use serde::Serialize;

/// Why the text of a project file could not be read as a project.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FormatError {
    /// The text is not valid JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Line of the error, counted from 1.
        line: usize,
        /// Column of the error on that line, counted from 1.
        column: usize,
        /// What serde_json found wrong, without its position.
        message: String,
    },
    /// Valid JSON, but its `format` is not [`FORMAT_NAME`]: some other file.
    #[error("not a Gloss project file (its \"format\" is {found:?}, expected \"{FORMAT_NAME}\")")]
    NotAProject {
        /// The `format` the file has; `None` when it is missing or not a string.
        found: Option<String>,
    },
    /// A project written by a newer Gloss, in a version this build cannot read.
    #[error(
        "this project was written by a newer Gloss (file version {found}, this build reads up to {FORMAT_VERSION}); update Gloss to open it"
    )]
    NewerVersion {
        /// The file's `version`, greater than [`FORMAT_VERSION`].
        found: u64,
    },
    /// A Gloss project whose content has the wrong shape (a missing field, a
    /// value of the wrong type, a bad colour, a missing `version`).
    #[error("project file is malformed at line {line}, column {column}: {message}")]
    Structure {
        /// Line of the error, counted from 1.
        line: usize,
        /// Column of the error on that line, counted from 1.
        column: usize,
        /// What is wrong, without the position.
        message: String,
    },
}

/// Parses a project file's text. Refuses other formats and newer versions.
pub fn project_from_json(text: &str) -> Result<Project, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Fast path: one typed parse. Only when it fails, or the header is wrong,
    // is the text parsed again loosely to say precisely what is wrong.
    match serde_json::from_str::<Project>(text) {
        Ok(mut project) if project.format == FORMAT_NAME && project.version <= FORMAT_VERSION => {
            project.version = FORMAT_VERSION;
            Ok(project)
        }
        Ok(_) => Err(diagnose(text).unwrap_or(FormatError::NotAProject { found: None })),
        Err(error) => Err(diagnose(text).unwrap_or_else(|| FormatError::Structure {
            line: error.line(),
            column: error.column(),
            message: strip_position(&error),
        })),
    }
}

/// Explains why a text is not a project this build can read: a syntax error,
/// another format, or a newer version. `None` when the header looks right.
fn diagnose(text: &str) -> Option<FormatError> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return Some(FormatError::Syntax {
                line: error.line(),
                column: error.column(),
                message: strip_position(&error),
            });
        }
    };
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT_NAME) {
        return Some(FormatError::NotAProject {
            found: format.map(str::to_string),
        });
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(version) if version > u64::from(FORMAT_VERSION) => {
            Some(FormatError::NewerVersion { found: version })
        }
        Some(_) => None,
        None => Some(FormatError::Structure {
            line: 1,
            column: 1,
            message: "missing or non-numeric \"version\"".into(),
        }),
    }
}

/// serde_json appends " at line L column C" to its messages; we report those separately.
fn strip_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message,
    }
}

/// The project as the file stores it: pretty JSON, canonical order, trailing newline.
pub fn project_to_json(project: &Project) -> String {
    let mut ordered = project.clone();
    ordered.sort_canonically();
    to_pretty_json(&ordered)
}

/// Two-space pretty JSON with a trailing newline.
pub fn to_pretty_json<T: Serialize>(value: &T) -> String {
    // Serialising plain data structures to a String cannot fail.
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|error| format!("{{\"error\": {:?}}}", error.to_string()));
    text.push('\n');
    text
}
