//! What `gloss git-setup` writes so that git merges project files with Gloss:
//! a line of the folder's `.gitattributes`, and the repository's
//! `merge.gloss.*` settings, written by running `git config` (this file runs
//! the one process Gloss starts besides itself).

use super::atomic_write::write_atomically;
use super::error::{StorageError, io_error};
use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

/// Adds `line` to `folder/.gitattributes` unless a line equal to it (spacing
/// aside) is there already; keeps the file's other lines. Returns whether it
/// wrote.
pub fn add_git_attributes_line(folder: &Path, line: &str) -> Result<bool, StorageError> {
    let path = folder.join(".gitattributes");
    let existing = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(io_error(&path)(error)),
    };
    let wanted: Vec<&str> = line.split_whitespace().collect();
    if existing
        .lines()
        .any(|l| l.split_whitespace().collect::<Vec<_>>() == wanted)
    {
        return Ok(false);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    write_atomically(&path, text.as_bytes())?;
    Ok(true)
}

/// Runs `git -C folder config key value` (the repository's own settings).
/// Git missing, `folder` outside a repository or git failing is an
/// [`StorageError::Io`] naming the folder, with git's message.
pub fn set_git_config(folder: &Path, key: &str, value: &str) -> Result<(), StorageError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["config", key, value])
        .output()
        .map_err(|error| {
            let message = format!("cannot run git: {error}");
            io_error(folder)(io::Error::new(error.kind(), message))
        })?;
    if output.status.success() {
        return Ok(());
    }
    let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
    Err(io_error(folder)(io::Error::other(format!(
        "git config {key} failed: {message}"
    ))))
}
