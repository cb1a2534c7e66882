//! Every user-facing action, defined once: its label, keyboard shortcut and
//! menu. Menus, the command palette, the keyboard-shortcuts window (F1) and
//! shortcut handling all read this table; the app runs a command in
//! `shell::command_handling`.

use crate::export::ExportFormat;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A user-facing action (the variants name what it does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Pick a folder of documents in a dialog and open it as a project.
    OpenFolder,
    /// Pick a `gloss.json` project file in a dialog and open it.
    OpenProjectFile,
    /// Write the project file now (autosave does it a moment after each edit).
    Save,
    /// Undo the last edit of the project.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Make the reading text one step larger (the interface keeps its size).
    ZoomIn,
    /// Make the reading text one step smaller.
    ZoomOut,
    /// Back to the default reading size.
    ZoomReset,
    /// Open or close the palette that searches commands, documents and topics.
    CommandPalette,
    /// Delete the annotation shown in the inspector.
    DeleteSelectedAnnotation,
    /// Show the next document of the project (wrapping around).
    NextDocument,
    /// Show the previous document of the project (wrapping around).
    PreviousDocument,
    /// Close the window (saving first).
    Quit,
    /// Light or dark as the desktop is.
    ThemeFollowSystem,
    /// Always the light theme.
    ThemeLight,
    /// Always the dark theme.
    ThemeDark,
    /// Show or hide the documents/codebook/search panel.
    ToggleLeftPanel,
    /// Show or hide the inspector and the annotation list.
    ToggleRightPanel,
    /// List the files that could not be read when the project opened.
    ShowProblems,
    /// Show every shortcut (F1), the reader's keys included.
    KeyboardShortcuts,
    /// Version, description and font licence.
    About,
    /// Focus the corpus search in the left panel.
    SearchCorpus,
    /// Open the coded-passages window (filters, export).
    RetrievePassages,
    /// Open the queue of passages re-anchoring could not place exactly.
    ReviewAnchors,
    /// Open the find bar of the reader.
    FindInDocument,
    /// Go to the next match of the find bar.
    FindNext,
    /// Go to the previous match of the find bar.
    FindPrevious,
    /// Export what the coded-passages view retrieves (all annotations unless
    /// filtered there) in this format, asking where with a save dialog.
    Export(ExportFormat),
    // reader
    /// Opens the tag popup for the selected text (heard while the reader has the focus).
    CodeSelection,
    /// Copies the selected text (heard while the reader has the focus).
    CopySelection,
    /// Drops the text selection, or else the selected annotation (heard while the reader has the focus).
    ClearSelection,
    /// Import a REFI-QDA project or codebook, a codebook CSV or Taguette
    /// highlights into the open project (one undoable edit).
    Import,
    /// Copy document files into the project folder and add them (one undoable edit).
    AddDocuments,
    /// Ask who is coding: the name new annotations record as their coder.
    SetCoder,
    /// Use the system's file dialogs again after the window switched to its own picker.
    UseSystemFileDialogs,
    /// Open the analysis view (tables with drill-down to the passages).
    Analysis,
    /// Open two coders side by side on the reader's document, differences marked.
    CompareCoders,
    /// Open the intercoder agreement view (figures and the disagreement walk-through).
    Agreement,
    /// Show the next disagreement of the walk-through (opens the agreement view).
    NextDisagreement,
    /// Show the previous disagreement of the walk-through.
    PreviousDisagreement,
    /// Open the list of merge conflicts the project records, to resolve them.
    MergeConflicts,
    /// Unify codebook entries with the same name and different ids (after a merge), one edit.
    UnifyCodebookNames,
    /// Write every analysis table with its charts as one HTML file, for what
    /// the coded-passages view retrieves, asking where.
    ExportAnalysisReport,
}

/// Which top menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// Opening, saving, exporting, quitting.
    File,
    /// Undo/redo, deleting, searching and finding.
    Edit,
    /// Zoom, theme, panels, documents, the palette and coded passages.
    View,
    /// Shortcuts, problems, about.
    Help,
    /// Only in the palette and by shortcut.
    None,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// The submenu of File that holds the export commands (and the retrieval panel's menu).
pub const EXPORT_SUBMENU: &str = "Export";

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Self; 51] = [
        Self::OpenFolder,
        Self::OpenProjectFile,
        Self::Import,
        Self::AddDocuments,
        Self::UseSystemFileDialogs,
        Self::Save,
        Self::Export(ExportFormat::Csv),
        Self::Export(ExportFormat::Xlsx),
        Self::Export(ExportFormat::Md),
        Self::Export(ExportFormat::Html),
        Self::Export(ExportFormat::Jsonl),
        Self::Export(ExportFormat::W3c),
        Self::Export(ExportFormat::CodebookCsv),
        Self::Export(ExportFormat::Qdc),
        Self::Export(ExportFormat::Qdpx),
        Self::ExportAnalysisReport,
        Self::Undo,
        Self::Redo,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::CommandPalette,
        Self::DeleteSelectedAnnotation,
        Self::NextDocument,
        Self::PreviousDocument,
        Self::Quit,
        Self::ThemeFollowSystem,
        Self::ThemeLight,
        Self::ThemeDark,
        Self::ToggleLeftPanel,
        Self::ToggleRightPanel,
        Self::ShowProblems,
        Self::KeyboardShortcuts,
        Self::About,
        Self::SearchCorpus,
        Self::RetrievePassages,
        Self::ReviewAnchors,
        Self::FindInDocument,
        Self::FindNext,
        Self::FindPrevious,
        Self::CodeSelection,
        Self::CopySelection,
        Self::ClearSelection,
        Self::SetCoder,
        Self::UnifyCodebookNames,
        Self::Analysis,
        Self::CompareCoders,
        Self::Agreement,
        Self::NextDisagreement,
        Self::PreviousDisagreement,
        Self::MergeConflicts,
    ];

    /// The label in its menu (inside its submenu, if it has one: "Excerpts as CSV…").
    pub fn label(self) -> &'static str {
        match self {
            Self::Export(format) => export_label(format),
            Self::OpenFolder => "Open folder…",
            Self::OpenProjectFile => "Open project file…",
            Self::Save => "Save",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::CommandPalette => "Command palette…",
            Self::DeleteSelectedAnnotation => "Delete selected annotation",
            Self::NextDocument => "Next document",
            Self::PreviousDocument => "Previous document",
            Self::Quit => "Quit",
            Self::ThemeFollowSystem => "Theme: follow system",
            Self::ThemeLight => "Theme: light",
            Self::ThemeDark => "Theme: dark",
            Self::ToggleLeftPanel => "Show/hide documents and codebook",
            Self::ToggleRightPanel => "Show/hide inspector",
            Self::ShowProblems => "Problems while opening…",
            Self::KeyboardShortcuts => "Keyboard shortcuts",
            Self::About => "About Gloss",
            Self::SearchCorpus => "Search the corpus…",
            Self::RetrievePassages => "Coded passages and export…",
            Self::ReviewAnchors => "Review re-anchored passages…",
            Self::FindInDocument => "Find in document…",
            Self::FindNext => "Find next",
            Self::FindPrevious => "Find previous",
            Self::CodeSelection => "Code selection…",
            Self::CopySelection => "Copy",
            Self::ClearSelection => "Clear selection",
            Self::Import => "Import…",
            Self::AddDocuments => "Add documents…",
            Self::SetCoder => "Who is coding…",
            Self::UseSystemFileDialogs => "Use the system file dialogs again",
            Self::Analysis => "Analysis…",
            Self::CompareCoders => "Compare two coders…",
            Self::Agreement => "Intercoder agreement…",
            Self::NextDisagreement => "Next disagreement",
            Self::PreviousDisagreement => "Previous disagreement",
            Self::MergeConflicts => "Merge conflicts…",
            Self::UnifyCodebookNames => "Unify codebook entries with the same name",
            Self::ExportAnalysisReport => "Export analysis report…",
        }
    }

    /// The main shortcut (Ctrl on Linux/Windows, Cmd on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let shortcut = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::OpenFolder => shortcut(CTRL, Key::O),
            Self::OpenProjectFile => shortcut(CTRL_SHIFT, Key::O),
            Self::Save => shortcut(CTRL, Key::S),
            Self::Undo => shortcut(CTRL, Key::Z),
            Self::Redo => shortcut(CTRL_SHIFT, Key::Z),
            Self::ZoomIn => shortcut(CTRL, Key::Plus),
            Self::ZoomOut => shortcut(CTRL, Key::Minus),
            Self::ZoomReset => shortcut(CTRL, Key::Num0),
            Self::CommandPalette => shortcut(CTRL, Key::P),
            Self::DeleteSelectedAnnotation => shortcut(Modifiers::NONE, Key::Delete),
            Self::NextDocument => shortcut(CTRL, Key::PageDown),
            Self::PreviousDocument => shortcut(CTRL, Key::PageUp),
            Self::Quit => shortcut(CTRL, Key::Q),
            Self::ToggleLeftPanel => shortcut(CTRL, Key::B),
            Self::ToggleRightPanel => shortcut(CTRL, Key::I),
            Self::KeyboardShortcuts => shortcut(Modifiers::NONE, Key::F1),
            Self::SearchCorpus => shortcut(CTRL_SHIFT, Key::F),
            Self::RetrievePassages => shortcut(CTRL_SHIFT, Key::R),
            Self::Analysis => shortcut(CTRL_SHIFT, Key::A),
            Self::CompareCoders => shortcut(CTRL_SHIFT, Key::D),
            Self::Agreement => shortcut(CTRL_SHIFT, Key::K),
            Self::NextDisagreement => shortcut(Modifiers::NONE, Key::F7),
            Self::PreviousDisagreement => shortcut(Modifiers::SHIFT, Key::F7),
            Self::FindInDocument => shortcut(CTRL, Key::F),
            Self::FindNext => shortcut(Modifiers::NONE, Key::F3),
            Self::FindPrevious => shortcut(Modifiers::SHIFT, Key::F3),
            Self::CodeSelection => shortcut(Modifiers::NONE, Key::Enter),
            Self::CopySelection => shortcut(CTRL, Key::C),
            Self::ClearSelection => shortcut(Modifiers::NONE, Key::Escape),
            Self::ThemeFollowSystem
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ShowProblems
            | Self::About
            | Self::Export(_)
            | Self::ExportAnalysisReport
            | Self::ReviewAnchors
            | Self::Import
            | Self::AddDocuments
            | Self::SetCoder
            | Self::MergeConflicts
            | Self::UnifyCodebookNames
            | Self::UseSystemFileDialogs => None,
        }
    }

    /// Further shortcuts that do the same (Ctrl+Y for redo, Ctrl+= for zoom in).
    pub fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Y)];
        const ZOOM_IN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Equals)];
        // reader: Enter still codes a selection made with Shift+arrows while Shift is held.
        const CODE_SELECTION: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)];
        match self {
            Self::Redo => &REDO,
            Self::ZoomIn => &ZOOM_IN,
            Self::CodeSelection => &CODE_SELECTION,
            _ => &[],
        }
    }

    /// Does this command's main or alternative shortcut match `shortcut`?
    pub fn matches(self, shortcut: &KeyboardShortcut) -> bool {
        self.shortcut().as_ref() == Some(shortcut)
            || self.alternative_shortcuts().contains(shortcut)
    }

    /// The main shortcut as text for menus and the palette ("Ctrl+S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// The label out of its menu (palette): "Export: Excerpts as CSV…".
    pub fn full_label(self) -> String {
        match self.submenu() {
            Some(submenu) => format!("{submenu}: {}", self.label()),
            None => self.label().to_owned(),
        }
    }

    /// The submenu of [`Command::menu`] the command sits in, if any.
    pub fn submenu(self) -> Option<&'static str> {
        match self {
            Self::Export(_) => Some(EXPORT_SUBMENU),
            _ => None,
        }
    }

    /// The top menu the command appears in.
    pub fn menu(self) -> Menu {
        match self {
            Self::OpenFolder
            | Self::OpenProjectFile
            | Self::Save
            | Self::Export(_)
            | Self::ExportAnalysisReport
            | Self::Import
            | Self::AddDocuments
            | Self::UseSystemFileDialogs
            | Self::Quit => Menu::File,
            Self::Undo
            | Self::Redo
            | Self::DeleteSelectedAnnotation
            | Self::SearchCorpus
            | Self::FindInDocument
            | Self::FindNext
            | Self::FindPrevious
            | Self::SetCoder
            | Self::UnifyCodebookNames => Menu::Edit,
            Self::ZoomIn
            | Self::ZoomOut
            | Self::ZoomReset
            | Self::CommandPalette
            | Self::NextDocument
            | Self::PreviousDocument
            | Self::ThemeFollowSystem
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ToggleLeftPanel
            | Self::ToggleRightPanel
            | Self::RetrievePassages
            | Self::ReviewAnchors
            | Self::Analysis
            | Self::CompareCoders
            | Self::Agreement
            | Self::NextDisagreement
            | Self::PreviousDisagreement
            | Self::MergeConflicts => Menu::View,
            Self::ShowProblems | Self::KeyboardShortcuts | Self::About => Menu::Help,
            Self::CodeSelection | Self::CopySelection | Self::ClearSelection => Menu::None,
        }
    }

    /// Where this command's shortcut is heard: the window's shortcut handling
    /// must leave the reader's keys to the reader.
    pub fn key_scope(self) -> KeyScope {
        match self {
            Self::CodeSelection | Self::CopySelection | Self::ClearSelection => KeyScope::Reader,
            _ => KeyScope::Window,
        }
    }
}

/// Where a command's shortcut is heard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyScope {
    /// Anywhere in the window: the app takes the key before the panels see it.
    Window,
    /// Only while the reading view has the keyboard focus: the reader takes the key
    /// (so Enter, Escape and Ctrl+C keep their usual meaning in text boxes).
    Reader,
}

/// The menu label of an export format (also the title of its save dialog, without "…").
fn export_label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "Excerpts as CSV…",
        ExportFormat::Xlsx => "Excerpts as Excel workbook…",
        ExportFormat::Md => "Report as Markdown…",
        ExportFormat::Html => "Report as HTML…",
        ExportFormat::Jsonl => "Excerpts as JSON Lines…",
        ExportFormat::W3c => "W3C Web Annotations (JSON-LD)…",
        ExportFormat::CodebookCsv => "Codebook as CSV…",
        ExportFormat::Qdc => "Codebook as REFI-QDA (.qdc)…",
        ExportFormat::Qdpx => "Project as REFI-QDA (.qdpx)…",
    }
}

/// Every window-wide shortcut with its command (the reader's keys are left to
/// the reader), those with more modifiers first, so that Ctrl+Shift+Z is
/// consumed as redo before Ctrl+Z could take it as undo.
pub fn bindings_most_specific_first() -> Vec<(KeyboardShortcut, Command)> {
    let mut bindings: Vec<(KeyboardShortcut, Command)> = Command::ALL
        .into_iter()
        .filter(|command| command.key_scope() == KeyScope::Window)
        .flat_map(|command| {
            command
                .shortcut()
                .into_iter()
                .chain(command.alternative_shortcuts().iter().copied())
                .map(move |shortcut| (shortcut, command))
        })
        .collect();
    let modifier_count = |m: Modifiers| {
        [m.alt, m.ctrl, m.shift, m.mac_cmd, m.command]
            .iter()
            .filter(|on| **on)
            .count()
    };
    bindings.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
    bindings
}

/// Commands whose shortcut also means something while typing in a text field
/// (undo, delete, keys without modifiers): they wait until no field has focus.
pub fn yields_to_text_fields(command: Command, shortcut: &KeyboardShortcut) -> bool {
    matches!(
        command,
        Command::Undo | Command::Redo | Command::DeleteSelectedAnnotation
    ) || shortcut.modifiers.is_none()
}
