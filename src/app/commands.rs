//! Every user-facing action, defined once: its label, keyboard shortcut and
//! menu. Menus, the command palette and shortcut handling all read this table.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    OpenFolder,
    OpenProjectFile,
    Save,
    Undo,
    Redo,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    CommandPalette,
    DeleteSelectedAnnotation,
    NextDocument,
    PreviousDocument,
    Quit,
    ThemeFollowSystem,
    ThemeLight,
    ThemeDark,
    ToggleLeftPanel,
    ToggleRightPanel,
    ShowProblems,
    KeyboardShortcuts,
    About,
    SearchCorpus,
    RetrievePassages,
    FindInDocument,
    FindNext,
    FindPrevious,
    // reader
    /// Opens the tag popup for the selected text (heard while the reader has the focus).
    CodeSelection,
    /// Copies the selected text (heard while the reader has the focus).
    CopySelection,
    /// Drops the text selection, or else the selected annotation (heard while the reader has the focus).
    ClearSelection,
}

/// Which top menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
    /// Only in the palette and by shortcut.
    None,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    pub const ALL: [Command; 29] = [
        Command::OpenFolder,
        Command::OpenProjectFile,
        Command::Save,
        Command::Undo,
        Command::Redo,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::CommandPalette,
        Command::DeleteSelectedAnnotation,
        Command::NextDocument,
        Command::PreviousDocument,
        Command::Quit,
        Command::ThemeFollowSystem,
        Command::ThemeLight,
        Command::ThemeDark,
        Command::ToggleLeftPanel,
        Command::ToggleRightPanel,
        Command::ShowProblems,
        Command::KeyboardShortcuts,
        Command::About,
        Command::SearchCorpus,
        Command::RetrievePassages,
        Command::FindInDocument,
        Command::FindNext,
        Command::FindPrevious,
        // reader
        Command::CodeSelection,
        Command::CopySelection,
        Command::ClearSelection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::OpenFolder => "Open folder…",
            Command::OpenProjectFile => "Open project file…",
            Command::Save => "Save",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Reset zoom",
            Command::CommandPalette => "Command palette…",
            Command::DeleteSelectedAnnotation => "Delete selected annotation",
            Command::NextDocument => "Next document",
            Command::PreviousDocument => "Previous document",
            Command::Quit => "Quit",
            Command::ThemeFollowSystem => "Theme: follow system",
            Command::ThemeLight => "Theme: light",
            Command::ThemeDark => "Theme: dark",
            Command::ToggleLeftPanel => "Show/hide documents and codebook",
            Command::ToggleRightPanel => "Show/hide inspector",
            Command::ShowProblems => "Problems while opening…",
            Command::KeyboardShortcuts => "Keyboard shortcuts",
            Command::About => "About Gloss",
            Command::SearchCorpus => "Search the corpus…",
            Command::RetrievePassages => "Coded passages and export…",
            Command::FindInDocument => "Find in document…",
            Command::FindNext => "Find next",
            Command::FindPrevious => "Find previous",
            // reader
            Command::CodeSelection => "Code selection…",
            Command::CopySelection => "Copy",
            Command::ClearSelection => "Clear selection",
        }
    }

    /// The main shortcut (Ctrl on Linux/Windows, Cmd on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let shortcut = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Command::OpenFolder => shortcut(CTRL, Key::O),
            Command::OpenProjectFile => shortcut(CTRL_SHIFT, Key::O),
            Command::Save => shortcut(CTRL, Key::S),
            Command::Undo => shortcut(CTRL, Key::Z),
            Command::Redo => shortcut(CTRL_SHIFT, Key::Z),
            Command::ZoomIn => shortcut(CTRL, Key::Plus),
            Command::ZoomOut => shortcut(CTRL, Key::Minus),
            Command::ZoomReset => shortcut(CTRL, Key::Num0),
            Command::CommandPalette => shortcut(CTRL, Key::P),
            Command::DeleteSelectedAnnotation => shortcut(Modifiers::NONE, Key::Delete),
            Command::NextDocument => shortcut(CTRL, Key::PageDown),
            Command::PreviousDocument => shortcut(CTRL, Key::PageUp),
            Command::Quit => shortcut(CTRL, Key::Q),
            Command::ToggleLeftPanel => shortcut(CTRL, Key::B),
            Command::ToggleRightPanel => shortcut(CTRL, Key::I),
            Command::KeyboardShortcuts => shortcut(Modifiers::NONE, Key::F1),
            Command::SearchCorpus => shortcut(CTRL_SHIFT, Key::F),
            Command::RetrievePassages => shortcut(CTRL_SHIFT, Key::R),
            Command::FindInDocument => shortcut(CTRL, Key::F),
            Command::FindNext => shortcut(Modifiers::NONE, Key::F3),
            Command::FindPrevious => shortcut(Modifiers::SHIFT, Key::F3),
            // reader
            Command::CodeSelection => shortcut(Modifiers::NONE, Key::Enter),
            Command::CopySelection => shortcut(CTRL, Key::C),
            Command::ClearSelection => shortcut(Modifiers::NONE, Key::Escape),
            Command::ThemeFollowSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ShowProblems
            | Command::About => None,
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
            Command::Redo => &REDO,
            Command::ZoomIn => &ZOOM_IN,
            Command::CodeSelection => &CODE_SELECTION,
            _ => &[],
        }
    }

    /// The main shortcut as text for menus and the palette ("Ctrl+S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// Does this command's main or alternative shortcut match `shortcut`?
    pub fn matches(self, shortcut: &KeyboardShortcut) -> bool {
        self.shortcut().as_ref() == Some(shortcut)
            || self.alternative_shortcuts().contains(shortcut)
    }

    pub fn menu(self) -> Menu {
        match self {
            Command::OpenFolder | Command::OpenProjectFile | Command::Save | Command::Quit => {
                Menu::File
            }
            Command::Undo
            | Command::Redo
            | Command::DeleteSelectedAnnotation
            | Command::SearchCorpus
            | Command::FindInDocument
            | Command::FindNext
            | Command::FindPrevious => Menu::Edit,
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::CommandPalette
            | Command::NextDocument
            | Command::PreviousDocument
            | Command::ThemeFollowSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ToggleLeftPanel
            | Command::ToggleRightPanel
            | Command::RetrievePassages => Menu::View,
            Command::ShowProblems | Command::KeyboardShortcuts | Command::About => Menu::Help,
            // reader
            Command::CodeSelection | Command::CopySelection | Command::ClearSelection => Menu::None,
        }
    }

    /// Where this command's shortcut is heard: the window's shortcut handling
    /// must leave the reader's keys to the reader.
    pub fn key_scope(self) -> KeyScope {
        match self {
            // reader
            Command::CodeSelection | Command::CopySelection | Command::ClearSelection => {
                KeyScope::Reader
            }
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
