//! Safe relative paths for documents an import brings into a project folder:
//! nothing absolute, no `..`, no hidden or reserved names, no collisions.

use crate::model::project::Project;
use std::collections::HashSet;

/// Windows device names that cannot be file names (whatever their extension).
const RESERVED_NAMES: [&str; 32] = [
    "con", "prn", "aux", "nul", "conin$", "conout$", "com0", "com1", "com2", "com3", "com4",
    "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3",
    "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// Longest path component written, in bytes (file systems allow 255; room is
/// left for ` (2)` and `.txt`).
const MAX_COMPONENT_BYTES: usize = 200;

/// `text` cut to at most `max` bytes at a char boundary.
fn truncate_bytes(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One path component made safe on every platform.
fn safe_component(component: &str) -> String {
    let cleaned: String = component
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\' | '/' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = truncate_bytes(cleaned.trim().trim_start_matches('.'), MAX_COMPONENT_BYTES)
        .trim_end_matches(['.', ' '])
        .to_owned();
    // Windows ignores spaces before the extension: `CON .txt` is the console too.
    let stem = trimmed
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_lowercase();
    if RESERVED_NAMES.contains(&stem.as_str()) {
        format!("_{trimmed}")
    } else {
        trimmed
    }
}

/// A relative document path inside the project folder for an imported name:
/// no absolute part (`/x`, `C:\x`, `\\server\share`), no `..`, no hidden or
/// reserved (`CON`, `NUL.txt`, `COM1`…) names, no characters Windows forbids, no
/// component longer than 200 bytes, a `.txt` or `.md` ending, and not colliding
/// (case-insensitively) with `taken`.
pub fn safe_document_path(name: &str, taken: &HashSet<String>) -> String {
    let components: Vec<String> = name
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != "." && *c != "..")
        .map(safe_component)
        .filter(|c| !c.is_empty())
        .collect();
    let mut path = if components.is_empty() {
        "document".to_owned()
    } else {
        components.join("/")
    };
    let lower = path.to_lowercase();
    if !(lower.ends_with(".txt") || lower.ends_with(".md")) {
        path.push_str(".txt");
    }
    if !taken.contains(&path.to_lowercase()) {
        return path;
    }
    let (stem, extension) = match path.rfind('.') {
        Some(dot) => (path[..dot].to_string(), path[dot..].to_string()),
        None => (path.clone(), String::new()),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){extension}"))
        .find(|candidate| !taken.contains(&candidate.to_lowercase()))
        .unwrap_or(path)
}

/// Lowercased paths of the project's documents (for [`safe_document_path`]).
pub fn taken_paths(project: &Project) -> HashSet<String> {
    project
        .documents
        .iter()
        .map(|d| d.path.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_names_stay_inside_the_folder() {
        let taken = HashSet::new();
        assert_eq!(
            safe_document_path("../../etc/passwd", &taken),
            "etc/passwd.txt"
        );
        assert_eq!(safe_document_path("/abs/x.txt", &taken), "abs/x.txt");
        assert_eq!(safe_document_path("C:\\temp\\a.md", &taken), "C_/temp/a.md");
        assert_eq!(safe_document_path(".hidden", &taken), "hidden.txt");
        assert_eq!(safe_document_path("con.txt", &taken), "_con.txt");
        assert_eq!(safe_document_path("CON .txt", &taken), "_CON .txt");
        assert_eq!(safe_document_path("a/lpt¹.md", &taken), "a/_lpt¹.md");
        assert_eq!(
            safe_document_path("\\\\server\\share\\x.txt", &taken),
            "server/share/x.txt"
        );
        let long = "é".repeat(300);
        let cut = safe_document_path(&long, &taken);
        assert!(cut.len() <= 204 && cut.ends_with(".txt"), "{cut}");
        assert_eq!(safe_document_path("", &taken), "document.txt");
        let taken: HashSet<String> = ["interview.txt".to_owned()].into();
        assert_eq!(
            safe_document_path("Interview.txt", &taken),
            "Interview (2).txt"
        );
    }
}
