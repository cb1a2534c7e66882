//! The project file's JSON: parsing with precise errors, and stable pretty output.
//!
//! Pure string ↔ value conversion; reading and writing files is `storage`'s job.

use crate::model::project::{FORMAT_NAME, FORMAT_VERSION, Project};
use crate::model::unknown_keys::{insert_unknown_keys, known_fields, read_unknown_keys};
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
    /// A `version` below 1: no Gloss ever wrote it, so the file was made or
    /// edited by something else and is refused rather than guessed at.
    #[error(
        "file version {found} is not a Gloss project-file version (versions start at 1); the file was not written by Gloss"
    )]
    UnsupportedVersion {
        /// The file's `version`.
        found: u64,
    },
    /// The bytes are not UTF-8 text; the position is that of the first invalid byte.
    #[error("not UTF-8 text: invalid byte 0x{byte:02X} at line {line}, column {column}")]
    NotUtf8 {
        /// Line of the first invalid byte, counted from 1.
        line: usize,
        /// Column (in chars) of the first invalid byte on that line, counted from 1.
        column: usize,
        /// The first invalid byte.
        byte: u8,
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

/// Parses a project file's bytes: [`project_from_json`] after checking that
/// they are UTF-8, naming the line and column of the first invalid byte.
pub fn project_from_bytes(bytes: &[u8]) -> Result<Project, FormatError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => project_from_json(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
            let line_start = valid
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |index| index + 1);
            let column = 1 + std::str::from_utf8(&valid[line_start..])
                .map_or(0, |line| line.chars().count());
            Err(FormatError::NotUtf8 {
                line,
                column,
                byte: bytes.get(error.valid_up_to()).copied().unwrap_or(0),
            })
        }
    }
}

/// Parses a project file's text. Refuses other formats, version 0 and newer
/// versions; keeps keys it does not know (see [`crate::model::unknown_keys`]).
pub fn project_from_json(text: &str) -> Result<Project, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Fast path: one typed parse. Only when it fails, or the header is wrong,
    // is the text parsed again loosely to say precisely what is wrong.
    match serde_json::from_str::<Project>(text) {
        Ok(mut project)
            if project.format == FORMAT_NAME && (1..=FORMAT_VERSION).contains(&project.version) =>
        {
            project.version = FORMAT_VERSION;
            project.unknown =
                read_unknown_keys(text, known_fields::<Project>()).map_err(|error| {
                    FormatError::Structure {
                        line: error.line(),
                        column: column_of(&error),
                        message: strip_position(&error),
                    }
                })?;
            Ok(project)
        }
        Ok(_) => Err(diagnose(text).unwrap_or(FormatError::NotAProject { found: None })),
        Err(error) => Err(diagnose(text).unwrap_or_else(|| FormatError::Structure {
            line: error.line(),
            column: column_of(&error),
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
                column: column_of(&error),
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
        Some(0) => Some(FormatError::UnsupportedVersion { found: 0 }),
        Some(_) => None,
        None => Some(FormatError::Structure {
            line: 1,
            column: 1,
            message: "missing or non-numeric \"version\"".into(),
        }),
    }
}

/// The column of a serde_json error counted from 1: serde_json says 0 for
/// an error at the very start of a line (such as the end of a file cut after
/// a line break).
fn column_of(error: &serde_json::Error) -> usize {
    error.column().max(1)
}

/// serde_json appends " at line L column C" to its messages; we report those separately.
fn strip_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message,
    }
}

/// The project as the file stores it: pretty JSON, canonical order, trailing
/// newline; keys it did not know when read are written back after the known
/// ones, sorted by name.
pub fn project_to_json(project: &Project) -> String {
    let mut ordered = project.clone();
    ordered.sort_canonically();
    if project.unknown.is_empty() {
        return to_pretty_json(&ordered);
    }
    match serde_json::to_value(&ordered) {
        Ok(mut value) => {
            insert_unknown_keys(&mut value, &project.unknown);
            to_pretty_json(&value)
        }
        // Plain data always converts; should it not, the known data is still written.
        Err(_) => to_pretty_json(&ordered),
    }
}

/// Two-space pretty JSON with a trailing newline.
pub fn to_pretty_json<T: Serialize>(value: &T) -> String {
    // Serialising plain data structures to a String cannot fail.
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|error| format!("{{\"error\": {:?}}}", error.to_string()));
    text.push('\n');
    text
}
