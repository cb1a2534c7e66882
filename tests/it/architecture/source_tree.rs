//! `src/` read as a tree of modules: each file parsed with `syn`, its items, its
//! `use` trees and every path it names, resolved to the file that defines the item.
//! The architecture tests (`architecture/mod.rs`) state their rules over this.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module path from the crate root, e.g. `["export", "report"]`.
pub type ModulePath = Vec<String>;

/// One source file of `src/`, parsed.
pub struct SourceFile {
    /// Path relative to the package root, with `/` (e.g. `src/export/csv.rs`).
    pub relative_path: String,
    /// The module this file is (`src/lib.rs` is `[]`; `src/main.rs` is `["<main>"]`).
    pub module: ModulePath,
    /// The file's text.
    pub text: String,
    /// The parsed file.
    pub syntax: syn::File,
}

impl SourceFile {
    /// The file's first layer below `src/` (`model`, `storage`, `app`…; `lib`/`main` for those).
    pub fn layer(&self) -> &str {
        match self.module.first() {
            Some(first) if first == "<main>" => "main",
            Some(first) => first,
            None => "lib",
        }
    }

    /// Lines of code outside `#[cfg(test)]` modules.
    pub fn code_lines(&self) -> usize {
        let mut test_lines = 0;
        for item in &self.syntax.items {
            if let syn::Item::Mod(module) = item
                && is_cfg_test(&module.attrs)
            {
                let span = module_span_lines(module);
                test_lines += span;
            }
        }
        self.text.lines().count().saturating_sub(test_lines)
    }
}

fn module_span_lines(module: &syn::ItemMod) -> usize {
    use syn::spanned::Spanned as _;
    let span = module.span();
    span.end().line.saturating_sub(span.start().line) + 1
}

/// Is this item compiled only for tests (`#[cfg(test)]`)?
pub fn is_cfg_test(attributes: &[syn::Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("cfg")
            && attribute
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// Every `.rs` file below `folder`, sorted.
pub fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("read a source folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The package root (where Cargo.toml is).
pub fn package_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads and parses every file of `src/`.
pub fn read_source_tree() -> Vec<SourceFile> {
    let root = package_root();
    rust_files(&root.join("src"))
        .into_iter()
        .map(|path| {
            let relative_path = path
                .strip_prefix(&root)
                .expect("inside the package")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).expect("read a source file");
            let syntax = syn::parse_file(&text)
                .unwrap_or_else(|error| panic!("{relative_path} does not parse: {error}"));
            SourceFile {
                module: module_of(&relative_path),
                relative_path,
                text,
                syntax,
            }
        })
        .collect()
}

/// `src/a/b.rs` and `src/a/b/mod.rs` → `["a", "b"]`; `src/lib.rs` → `[]`.
fn module_of(relative_path: &str) -> ModulePath {
    let inner = relative_path
        .strip_prefix("src/")
        .unwrap_or(relative_path)
        .trim_end_matches(".rs");
    if inner == "lib" {
        return Vec::new();
    }
    if inner == "main" {
        return vec!["<main>".to_string()];
    }
    let mut parts: Vec<String> = inner.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// A path a file names, flattened to segments, with where it occurs.
#[derive(Clone, Debug)]
pub struct NamedPath {
    /// The segments as written (`crate`, `super`, `self` kept).
    pub segments: Vec<String>,
    /// 1-based line of the first segment.
    pub line: usize,
    /// Did this path come from a `use` item (as opposed to an expression or type)?
    pub from_use: bool,
    /// For `use` items: the name it binds (the last segment, or its `as` rename).
    pub binds: Option<String>,
}

/// The paths a file names outside its `#[cfg(test)]` modules, plus the raw tokens of
/// its macro invocations (which `syn` does not parse), as `a::b::c` strings.
pub struct FileReferences {
    /// Paths from `use` items and from code.
    pub paths: Vec<NamedPath>,
    /// `a::b` sequences found inside macro invocations, with their line.
    pub macro_paths: Vec<(Vec<String>, usize)>,
    /// Names of functions (free or methods) that take a `&mut Ui` parameter, with their line.
    pub ui_functions: Vec<(String, usize)>,
}

/// Collects what `file` names (skipping `#[cfg(test)]` modules).
pub fn references_of(file: &SourceFile) -> FileReferences {
    let mut collector = Collector::default();
    for item in &file.syntax.items {
        collector.visit_item(item);
    }
    FileReferences {
        paths: collector.paths,
        macro_paths: collector.macro_paths,
        ui_functions: collector.ui_functions,
    }
}

#[derive(Default)]
struct Collector {
    paths: Vec<NamedPath>,
    macro_paths: Vec<(Vec<String>, usize)>,
    ui_functions: Vec<(String, usize)>,
}

impl Collector {
    fn push_use_tree(&mut self, prefix: &[String], tree: &syn::UseTree) {
        let mut here = prefix.to_vec();
        match tree {
            syn::UseTree::Path(path) => {
                here.push(path.ident.to_string());
                self.push_use_tree(&here, &path.tree);
            }
            syn::UseTree::Name(name) => {
                let ident = name.ident.to_string();
                let binds = if ident == "self" {
                    prefix.last().cloned()
                } else {
                    here.push(ident.clone());
                    Some(ident)
                };
                self.push_use(here, tree, binds);
            }
            syn::UseTree::Rename(rename) => {
                if rename.ident != "self" {
                    here.push(rename.ident.to_string());
                }
                let binds = Some(rename.rename.to_string());
                self.push_use(here, tree, binds);
            }
            syn::UseTree::Glob(_) => {
                here.push("*".to_string());
                self.push_use(here, tree, None);
            }
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.push_use_tree(prefix, item);
                }
            }
        }
    }

    fn push_use(&mut self, segments: Vec<String>, tree: &syn::UseTree, binds: Option<String>) {
        use syn::spanned::Spanned as _;
        self.paths.push(NamedPath {
            segments,
            line: tree.span().start().line,
            from_use: true,
            binds,
        });
    }

    fn scan_tokens(&mut self, tokens: proc_macro2::TokenStream) {
        let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        let mut index = 0;
        while index < tokens.len() {
            match &tokens[index] {
                proc_macro2::TokenTree::Group(group) => {
                    self.scan_tokens(group.stream());
                    index += 1;
                }
                proc_macro2::TokenTree::Ident(ident) => {
                    let line = ident.span().start().line;
                    let mut segments = vec![ident.to_string()];
                    let mut next = index + 1;
                    while is_path_separator(tokens.get(next..).unwrap_or_default())
                        && let Some(proc_macro2::TokenTree::Ident(following)) = tokens.get(next + 2)
                    {
                        segments.push(following.to_string());
                        next += 3;
                    }
                    if segments.len() > 1 {
                        self.macro_paths.push((segments, line));
                    }
                    index = next;
                }
                proc_macro2::TokenTree::Punct(_) | proc_macro2::TokenTree::Literal(_) => {
                    index += 1;
                }
            }
        }
    }
}

fn is_path_separator(tokens: &[proc_macro2::TokenTree]) -> bool {
    matches!(
        (tokens.first(), tokens.get(1)),
        (Some(proc_macro2::TokenTree::Punct(a)), Some(proc_macro2::TokenTree::Punct(b)))
            if a.as_char() == ':' && b.as_char() == ':'
    )
}

fn takes_mut_ui(inputs: &syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]>) -> bool {
    inputs.iter().any(|input| match input {
        syn::FnArg::Typed(typed) => match &*typed.ty {
            syn::Type::Reference(reference) if reference.mutability.is_some() => {
                matches!(&*reference.elem, syn::Type::Path(path)
                    if path.path.segments.last().is_some_and(|last| last.ident == "Ui"))
            }
            _ => false,
        },
        syn::FnArg::Receiver(_) => false,
    })
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if !is_cfg_test(&module.attrs) {
            syn::visit::visit_item_mod(self, module);
        }
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        if is_cfg_test(&function.attrs) {
            return;
        }
        if takes_mut_ui(&function.sig.inputs) {
            let line = function.sig.ident.span().start().line;
            self.ui_functions
                .push((function.sig.ident.to_string(), line));
        }
        syn::visit::visit_item_fn(self, function);
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        if takes_mut_ui(&function.sig.inputs) {
            let line = function.sig.ident.span().start().line;
            self.ui_functions
                .push((function.sig.ident.to_string(), line));
        }
        syn::visit::visit_impl_item_fn(self, function);
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        if item.leading_colon.is_some() {
            prefix.push(String::new());
        }
        self.push_use_tree(&prefix, &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(first) = path.segments.first() {
            self.paths.push(NamedPath {
                segments,
                line: first.ident.span().start().line,
                from_use: false,
                binds: None,
            });
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.scan_tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// What a module defines at its top level (items and child modules), and what it re-exports.
#[derive(Default)]
struct ModuleTable {
    /// File that holds the module.
    file: usize,
    /// Names of items defined here (structs, enums, functions, traits, consts…).
    items: BTreeSet<String>,
    /// Child modules: name → module path.
    children: BTreeMap<String, ModulePath>,
    /// `pub use` re-exports and private `use` bindings: bound name → absolute path.
    bindings: BTreeMap<String, ModulePath>,
}

/// The crate's modules with their items, for resolving paths to files.
pub struct CrateMap {
    modules: BTreeMap<ModulePath, ModuleTable>,
}

/// One resolved reference from a file to an item of another file.
#[derive(Clone, Debug)]
pub struct Dependency {
    /// Index of the file the item is defined in.
    pub to_file: usize,
    /// The path as written, joined with `::`.
    pub written: String,
    /// Where it is written.
    pub line: usize,
}

impl CrateMap {
    /// Builds the map of the library crate (every file but `main.rs`).
    pub fn new(files: &[SourceFile]) -> Self {
        let mut modules: BTreeMap<ModulePath, ModuleTable> = BTreeMap::new();
        for (index, file) in files.iter().enumerate() {
            let table = modules.entry(file.module.clone()).or_default();
            table.file = index;
            collect_items(&file.syntax.items, &file.module, index, &mut modules);
        }
        // Register every file as the child of its parent.
        for file in files {
            if let Some((name, parent)) = file.module.split_last()
                && let Some(table) = modules.get_mut(parent)
            {
                table.children.insert(name.clone(), file.module.clone());
            }
        }
        let mut map = Self { modules };
        map.collect_bindings(files);
        map
    }

    fn collect_bindings(&mut self, files: &[SourceFile]) {
        for file in files {
            let references = references_of(file);
            for path in references.paths.iter().filter(|p| p.from_use) {
                let (Some(name), Some(absolute)) = (
                    path.binds.clone(),
                    self.absolute(&file.module, &path.segments),
                ) else {
                    continue;
                };
                if absolute.first().is_some_and(|f| f == "crate")
                    && let Some(table) = self.modules.get_mut(&file.module)
                {
                    table.bindings.insert(name, absolute[1..].to_vec());
                }
            }
        }
    }

    /// Turns `crate::`/`super::`/`self::` and names bound in `module` into an absolute
    /// path starting with `crate`; other crates' paths start with their crate name.
    pub fn absolute(&self, module: &ModulePath, segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        let mut here = module.clone();
        let mut rest = segments;
        match first.as_str() {
            "crate" => return Some(segments.to_vec()),
            "" => return Some(segments[1..].to_vec()),
            "self" => rest = &segments[1..],
            "super" => {
                while rest.first().is_some_and(|s| s == "super") {
                    here.pop()?;
                    rest = &rest[1..];
                }
            }
            _ => {
                let table = self.modules.get(module)?;
                if let Some(child) = table.children.get(first) {
                    let mut out = vec!["crate".to_string()];
                    out.extend(child.iter().cloned());
                    out.extend(segments[1..].iter().cloned());
                    return Some(out);
                }
                if let Some(bound) = table.bindings.get(first) {
                    let mut out = vec!["crate".to_string()];
                    out.extend(bound.iter().cloned());
                    out.extend(segments[1..].iter().cloned());
                    return Some(out);
                }
                if table.items.contains(first) {
                    let mut out = vec!["crate".to_string()];
                    out.extend(module.iter().cloned());
                    out.extend(segments.iter().cloned());
                    return Some(out);
                }
                // Another crate (std, egui…) or a local name (a variable, a generic).
                return Some(segments.to_vec());
            }
        }
        let mut out = vec!["crate".to_string()];
        out.extend(here);
        out.extend(rest.iter().cloned());
        Some(out)
    }

    /// The file that defines what `absolute` (starting with `crate`) names, following
    /// re-exports; `None` for a module itself or a name not found.
    pub fn defining_file(&self, absolute: &[String]) -> Option<usize> {
        self.defining_file_depth(absolute, 0)
    }

    fn defining_file_depth(&self, absolute: &[String], depth: usize) -> Option<usize> {
        if depth > 16 || absolute.first().is_none_or(|f| f != "crate") {
            return None;
        }
        let mut module: ModulePath = Vec::new();
        for (index, segment) in absolute.iter().enumerate().skip(1) {
            let table = self.modules.get(&module)?;
            if let Some(child) = table.children.get(segment) {
                module = child.clone();
                continue;
            }
            if table.items.contains(segment) {
                return Some(table.file);
            }
            if let Some(bound) = table.bindings.get(segment) {
                let mut target = vec!["crate".to_string()];
                target.extend(bound.iter().cloned());
                target.extend(absolute[index + 1..].iter().cloned());
                return self.defining_file_depth(&target, depth + 1);
            }
            return None;
        }
        None
    }

    /// Every item of another file that `file` uses (outside its test modules).
    pub fn dependencies(&self, files: &[SourceFile], index: usize) -> Vec<Dependency> {
        let file = &files[index];
        let mut out = Vec::new();
        let references = references_of(file);
        let from_macros = references
            .macro_paths
            .into_iter()
            .map(|(segments, line)| NamedPath {
                segments,
                line,
                from_use: false,
                binds: None,
            });
        for path in references.paths.into_iter().chain(from_macros) {
            if path.segments.len() < 2 && !path.from_use {
                continue;
            }
            let Some(absolute) = self.absolute(&file.module, &path.segments) else {
                continue;
            };
            if let Some(to_file) = self.defining_file(&absolute)
                && to_file != index
            {
                out.push(Dependency {
                    to_file,
                    written: path.segments.join("::"),
                    line: path.line,
                });
            }
        }
        out
    }
}

fn collect_items(
    items: &[syn::Item],
    module: &ModulePath,
    file: usize,
    modules: &mut BTreeMap<ModulePath, ModuleTable>,
) {
    for item in items {
        let name = match item {
            syn::Item::Const(item) => Some(item.ident.to_string()),
            syn::Item::Enum(item) => Some(item.ident.to_string()),
            syn::Item::Fn(item) => Some(item.sig.ident.to_string()),
            syn::Item::Static(item) => Some(item.ident.to_string()),
            syn::Item::Struct(item) => Some(item.ident.to_string()),
            syn::Item::Trait(item) => Some(item.ident.to_string()),
            syn::Item::Type(item) => Some(item.ident.to_string()),
            syn::Item::Union(item) => Some(item.ident.to_string()),
            syn::Item::Macro(item) => item.ident.as_ref().map(ToString::to_string),
            syn::Item::Mod(item) => {
                if let Some((_, inner)) = &item.content
                    && !is_cfg_test(&item.attrs)
                {
                    let mut child = module.clone();
                    child.push(item.ident.to_string());
                    modules.entry(child.clone()).or_default().file = file;
                    collect_items(inner, &child, file, modules);
                    modules
                        .entry(module.clone())
                        .or_default()
                        .children
                        .insert(item.ident.to_string(), child);
                }
                None
            }
            _ => None,
        };
        if let Some(name) = name {
            modules
                .entry(module.clone())
                .or_default()
                .items
                .insert(name);
        }
    }
}
