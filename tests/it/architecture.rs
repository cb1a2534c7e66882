//! Guards the architecture: the core (`src/model`) stays free of egui, eframe
//! and file I/O; one module (`src/storage.rs`) does the file system.

use std::path::Path;

fn rust_files(folder: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_imports_neither_egui_nor_the_file_system() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(files.len() >= 8, "found the core files: {files:?}");
    let forbidden = [
        "egui",
        "eframe",
        "std::fs",
        "File::open",
        "rfd::",
        "directories::",
        "std::process",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        // Comments may name what the core avoids; code may not use it.
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in forbidden {
            assert!(!code.contains(word), "{} uses `{word}`", file.display());
        }
    }
}

#[test]
fn every_source_file_has_a_module_doc() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(
            text.trim_start().starts_with("//!"),
            "{} starts with a //! module doc",
            file.display()
        );
    }
}
