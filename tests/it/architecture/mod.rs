//! The architecture's invariants (ARCHITECTURE.md), each stated as the absence of
//! something and checked over every file of `src/` as parsed by `syn`: the core
//! touches nothing outside itself, only `storage` touches the file system, the
//! environment and processes, only `app` uses egui and only `cli` uses clap, layers
//! depend downward, no two files depend on each other through any chain of uses.

mod source_tree;

use source_tree::{CrateMap, SourceFile, read_source_tree, references_of};
use std::collections::{BTreeMap, BTreeSet};

/// Which layers each layer may use (besides itself and other crates). A new top-level
/// module must be added here, with its place in ARCHITECTURE.md.
const ALLOWED_LAYERS: [(&str, &[&str]); 11] = [
    ("model", &[]),
    ("refi_qda", &["model"]),
    ("extract", &["model"]),
    ("storage", &["model", "extract", "sample"]),
    ("import", &["model", "refi_qda", "extract"]),
    ("export", &["model", "refi_qda"]),
    ("sample", &["model"]),
    (
        "cli",
        &["model", "extract", "storage", "import", "export", "sample"],
    ),
    (
        "app",
        &["model", "extract", "storage", "import", "export", "sample"],
    ),
    (
        "lib",
        &[
            "model", "refi_qda", "extract", "storage", "import", "export", "sample", "cli", "app",
        ],
    ),
    ("main", &["cli", "app"]),
];

/// `std` modules that reach the file system, the environment or other processes.
const SYSTEM_MODULES: [&str; 4] = ["fs", "env", "process", "net"];

/// Crates that only the window may use.
const WINDOW_CRATES: [&str; 8] = [
    "egui",
    "eframe",
    "rfd",
    "egui_extras",
    "egui_plot",
    "egui_tiles",
    "egui_kittest",
    "winit",
];

/// Crates that reach the file system or the user's folders.
const SYSTEM_CRATES: [&str; 2] = ["directories", "tempfile"];

/// Each forbidden use in one file, for a readable failure.
struct Violations(Vec<String>);

impl Violations {
    fn new() -> Self {
        Self(Vec::new())
    }

    fn push(&mut self, file: &SourceFile, line: usize, what: String) {
        self.0
            .push(format!("{}:{line}: {what}", file.relative_path));
    }

    fn assert_none(self, rule: &str) {
        assert!(
            self.0.is_empty(),
            "{rule}; found:\n  {}",
            self.0.join("\n  ")
        );
    }
}

/// Every path `file` names (use items, code and macro tokens) made absolute:
/// `crate::…` for this crate, `std::…`/`egui::…` for others.
fn absolute_paths(map: &CrateMap, file: &SourceFile) -> Vec<(Vec<String>, usize)> {
    let references = references_of(file);
    let mut out: Vec<(Vec<String>, usize)> = references
        .paths
        .iter()
        .filter_map(|path| {
            map.absolute(&file.module, &path.segments)
                .map(|absolute| (absolute, path.line))
        })
        .collect();
    out.extend(references.macro_paths);
    out
}

fn is_system_path(path: &[String]) -> bool {
    let first = path.first().map(String::as_str);
    let second = path.get(1).map(String::as_str);
    (matches!(first, Some("std" | "core")) && second.is_some_and(|s| SYSTEM_MODULES.contains(&s)))
        || first.is_some_and(|f| SYSTEM_CRATES.contains(&f))
}

#[test]
fn the_core_uses_nothing_outside_itself() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let mut violations = Violations::new();
    let mut core_files = 0;
    for file in files.iter().filter(|f| f.layer() == "model") {
        core_files += 1;
        for (path, line) in absolute_paths(&map, file) {
            let first = path.first().map(String::as_str);
            let outside_core = first == Some("crate") && path.get(1).is_some_and(|s| s != "model");
            let window = first.is_some_and(|f| WINDOW_CRATES.contains(&f));
            let io = first == Some("std") && path.get(1).is_some_and(|s| s == "io");
            if outside_core || window || io || is_system_path(&path) || first == Some("clap") {
                violations.push(file, line, path.join("::"));
            }
        }
    }
    assert!(core_files >= 8, "found the core: {core_files} files");
    violations.assert_none("src/model uses only itself, std (without I/O) and pure crates");
}

#[test]
fn only_storage_touches_the_file_system_environment_or_processes() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let mut violations = Violations::new();
    for file in files
        .iter()
        .filter(|f| !matches!(f.layer(), "storage" | "main"))
    {
        for (path, line) in absolute_paths(&map, file) {
            if is_system_path(&path) {
                violations.push(file, line, path.join("::"));
            }
        }
    }
    violations
        .assert_none("only src/storage (and main.rs) reach files, the environment or processes");
}

#[test]
fn only_the_window_uses_egui_eframe_or_dialogs() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let mut violations = Violations::new();
    for file in files.iter().filter(|f| f.layer() != "app") {
        for (path, line) in absolute_paths(&map, file) {
            if path
                .first()
                .is_some_and(|f| WINDOW_CRATES.contains(&f.as_str()))
            {
                violations.push(file, line, path.join("::"));
            }
        }
    }
    violations.assert_none("only src/app uses egui, eframe and native dialogs");
}

#[test]
fn only_the_command_line_uses_clap() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let mut violations = Violations::new();
    for file in files
        .iter()
        .filter(|f| !matches!(f.layer(), "cli" | "main"))
    {
        for (path, line) in absolute_paths(&map, file) {
            if path.first().is_some_and(|f| f == "clap") {
                violations.push(file, line, path.join("::"));
            }
        }
    }
    // Derives name clap through attributes (`#[derive(clap::Args)]`, `#[arg]`), which the
    // path walk sees too; this catches any spelling of it the walk might miss.
    for file in files
        .iter()
        .filter(|f| !matches!(f.layer(), "cli" | "main"))
    {
        for (number, line) in file.text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.contains("clap::") || code.contains("#[arg(") || code.contains("#[command(") {
                violations.push(file, number + 1, line.trim().to_string());
            }
        }
    }
    violations.assert_none("only src/cli uses clap");
}

#[test]
fn layers_use_only_the_layers_below_them() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED_LAYERS.into_iter().collect();
    let mut violations = Violations::new();
    for file in &files {
        let layer = file.layer();
        let Some(may_use) = allowed.get(layer) else {
            violations.push(file, 1, format!("layer `{layer}` is not in ALLOWED_LAYERS"));
            continue;
        };
        for (path, line) in absolute_paths(&map, file) {
            if layer != "main"
                && path.first().is_some_and(|f| f == "crate")
                && let Some(used) = path.get(1)
                && used != layer
                && map.defining_file(&path).is_some()
                && !may_use.contains(&used.as_str())
            {
                violations.push(file, line, format!("{layer} uses {}", path.join("::")));
            }
        }
    }
    violations.assert_none("each layer uses only the layers ALLOWED_LAYERS lists for it");
}

#[test]
fn no_two_files_depend_on_each_other() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let library: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].layer() != "main")
        .collect();
    let mut edges: BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>> = BTreeMap::new();
    for &from in &library {
        for dependency in map.dependencies(&files, from) {
            edges
                .entry(from)
                .or_default()
                .entry(dependency.to_file)
                .or_default()
                .insert(format!("{} (line {})", dependency.written, dependency.line));
        }
    }
    let cycles = strongly_connected_components(&library, &edges);
    let described: Vec<String> = cycles
        .iter()
        .map(|component| {
            let mut lines = Vec::new();
            for &from in component {
                for (&to, names) in edges.get(&from).into_iter().flatten() {
                    if component.contains(&to) {
                        let names: Vec<&str> = names.iter().map(String::as_str).take(4).collect();
                        lines.push(format!(
                            "    {} -> {}: {}",
                            files[from].relative_path,
                            files[to].relative_path,
                            names.join(", ")
                        ));
                    }
                }
            }
            lines.join("\n")
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "files that depend on each other (a cycle of uses):\n{}",
        described.join("\n  --\n")
    );
}

/// Tarjan's algorithm; returns the components with more than one file.
fn strongly_connected_components(
    nodes: &[usize],
    edges: &BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>>,
) -> Vec<Vec<usize>> {
    struct State<'a> {
        edges: &'a BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>>,
        index: BTreeMap<usize, usize>,
        low: BTreeMap<usize, usize>,
        stack: Vec<usize>,
        on_stack: BTreeSet<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(state: &mut State<'_>, node: usize) {
        state.index.insert(node, state.next);
        state.low.insert(node, state.next);
        state.next += 1;
        state.stack.push(node);
        state.on_stack.insert(node);
        let targets: Vec<usize> = state
            .edges
            .get(&node)
            .map(|t| t.keys().copied().collect())
            .unwrap_or_default();
        for target in targets {
            if !state.index.contains_key(&target) {
                visit(state, target);
                let low = state.low[&node].min(state.low[&target]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(&target) {
                let low = state.low[&node].min(state.index[&target]);
                state.low.insert(node, low);
            }
        }
        if state.low[&node] == state.index[&node] {
            let mut component = Vec::new();
            while let Some(top) = state.stack.pop() {
                state.on_stack.remove(&top);
                component.push(top);
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort_unstable();
                state.out.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for &node in nodes {
        if !state.index.contains_key(&node) {
            visit(&mut state, node);
        }
    }
    state.out
}

#[test]
fn threads_are_spawned_only_in_the_window_and_storage_and_said_so() {
    let files = read_source_tree();
    let map = CrateMap::new(&files);
    let mut violations = Violations::new();
    for file in &files {
        let spawns = absolute_paths(&map, file).into_iter().find(|(path, _)| {
            path.first().is_some_and(|f| f == "std")
                && path.get(1).is_some_and(|s| s == "thread")
                && path.iter().any(|s| s == "spawn" || s == "Builder")
        });
        let Some((_, line)) = spawns else { continue };
        let module_doc: String = file
            .text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect();
        if !matches!(file.layer(), "app" | "storage") {
            violations.push(
                file,
                line,
                "spawns a thread outside app/ and storage/".into(),
            );
        } else if !module_doc.contains("thread") {
            violations.push(
                file,
                line,
                "spawns a thread; its module doc must say so".into(),
            );
        }
    }
    violations
        .assert_none("long-lived threads are started only by the window and storage, documented");
}

#[test]
fn every_source_file_has_a_module_doc() {
    for file in read_source_tree() {
        assert!(
            file.text.trim_start().starts_with("//!"),
            "{} starts with a //! module doc",
            file.relative_path
        );
    }
}

#[test]
fn no_source_file_has_more_than_600_lines_of_code() {
    const MAX_CODE_LINES: usize = 600;
    let too_long: Vec<String> = read_source_tree()
        .iter()
        .filter(|file| file.code_lines() > MAX_CODE_LINES)
        .map(|file| format!("{} ({} lines)", file.relative_path, file.code_lines()))
        .collect();
    assert!(
        too_long.is_empty(),
        "files over {MAX_CODE_LINES} lines outside their tests (make a folder of it): {too_long:?}"
    );
}

#[test]
fn no_catch_all_modules() {
    const CATCH_ALL: [&str; 5] = ["utils", "util", "helpers", "common", "misc"];
    for file in read_source_tree() {
        assert!(
            !file.module.iter().any(|m| CATCH_ALL.contains(&m.as_str())),
            "{}: name the module after its job",
            file.relative_path
        );
    }
}

#[test]
fn functions_that_draw_into_a_ui_are_named_ui() {
    let files = read_source_tree();
    let mut violations = Violations::new();
    for file in &files {
        for (name, line) in references_of(file).ui_functions {
            if name != "ui" && !name.ends_with("_ui") {
                violations.push(file, line, format!("fn {name} takes &mut Ui"));
            }
        }
    }
    violations.assert_none("functions that take `&mut Ui` are named `*_ui`");
}

/// The checker itself finds what it is meant to find (a rule that cannot fail is no rule).
mod the_checker {
    use super::source_tree::{CrateMap, SourceFile};
    use super::{absolute_paths, is_system_path, strongly_connected_components};
    use std::collections::{BTreeMap, BTreeSet};

    fn file(relative_path: &str, module: &[&str], text: &str) -> SourceFile {
        SourceFile {
            relative_path: relative_path.into(),
            module: module.iter().map(ToString::to_string).collect(),
            text: text.into(),
            syntax: syn::parse_file(text).expect("parses"),
        }
    }

    #[test]
    fn sees_file_system_use_through_groups_renames_and_macros() {
        let files = [
            file("src/lib.rs", &[], "//! lib\nmod a;"),
            file(
                "src/a.rs",
                &["a"],
                "//! a\nuse std::{fs, io::{self, Write}};\nuse std::fs::OpenOptions as O;\n\
                 fn f() { let _ = format!(\"{}\", std::env::var(\"X\").is_ok()); }",
            ),
        ];
        let map = CrateMap::new(&files);
        let found: Vec<String> = absolute_paths(&map, &files[1])
            .into_iter()
            .filter(|(path, _)| is_system_path(path))
            .map(|(path, _)| path.join("::"))
            .collect();
        assert!(found.contains(&"std::fs".to_string()), "{found:?}");
        assert!(
            found.contains(&"std::fs::OpenOptions".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"std::env::var".to_string()), "{found:?}");
    }

    #[test]
    fn finds_a_cycle_through_a_parent_module_and_follows_reexports() {
        let files = [
            file("src/lib.rs", &[], "//! lib\nmod x;"),
            file(
                "src/x/mod.rs",
                &["x"],
                "//! x\nmod a; mod b; pub use b::Thing;\npub struct Shared;\nfn f() { a::go(); }",
            ),
            file(
                "src/x/a.rs",
                &["x", "a"],
                "//! a\nuse super::Shared;\npub fn go() {}",
            ),
            file("src/x/b.rs", &["x", "b"], "//! b\npub struct Thing;"),
            file("src/y.rs", &["y"], "//! y\nuse crate::x::Thing;"),
        ];
        let map = CrateMap::new(&files);
        let mut edges: BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>> = BTreeMap::new();
        for index in 0..files.len() {
            for dependency in map.dependencies(&files, index) {
                edges
                    .entry(index)
                    .or_default()
                    .entry(dependency.to_file)
                    .or_default()
                    .insert(dependency.written);
            }
        }
        // y names x::Thing, which x/mod.rs re-exports from x/b.rs: the edge goes to b.
        assert!(edges[&4].contains_key(&3), "{edges:?}");
        assert!(!edges[&4].contains_key(&1), "{edges:?}");
        let cycles = strongly_connected_components(&[0, 1, 2, 3, 4], &edges);
        assert_eq!(cycles, vec![vec![1, 2]], "x/mod.rs <-> x/a.rs");
    }
}
