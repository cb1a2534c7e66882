//! Window preferences kept between runs in eframe's storage: reading size,
//! theme, which panels show, the left panel's tab, the panels' widths, the
//! docked views, the saved searches and the analysis view's pickers. Never
//! the project or its undo history (those live in the project file).

use super::responsive::DockLayout;
use crate::app::analysis_view::AnalysisPreferences;
use crate::app::theme::{self, ThemeChoice};
use crate::model::search::SavedSearch;

/// Key of the window preferences in eframe's storage.
const PREFERENCES_KEY: &str = "gloss-window-preferences";

/// Which list the left panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LeftTab {
    /// The project's documents with a filter.
    #[default]
    Documents,
    /// Topics, stances and actors.
    Codebook,
    /// The corpus search.
    Search,
}

/// Window preferences kept between runs (never the project or its undo history).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Size of the reading text (Ctrl+plus/minus); the interface keeps its size.
    pub reader_font_points: f32,
    /// Light, dark or as the desktop is.
    pub theme: ThemeChoice,
    /// Is the documents/codebook/search panel shown?
    pub show_left_panel: bool,
    /// Is the inspector panel shown?
    pub show_right_panel: bool,
    /// The left panel's tab.
    pub left_tab: LeftTab,
    /// Width of the left panel when docked (the user drags its edge).
    pub left_width_points: f32,
    /// Width of the right panel when docked.
    pub right_width_points: f32,
    /// The views docked beside the reader (coded passages, search results) and their size.
    pub dock: DockLayout,
    /// Named corpus searches; they also appear in the command palette.
    #[serde(default)]
    pub saved_searches: Vec<SavedSearch>,
    /// Use the window's own file picker (no system dialog could be shown once).
    pub in_app_file_picker: bool,
    /// Who is coding, as the user confirmed it (new annotations record it).
    pub coder: Option<String>,
    /// The analysis view's pickers (table, over time's split, chart form…).
    pub analysis: AnalysisPreferences,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            reader_font_points: theme::DEFAULT_READER_FONT_POINTS,
            theme: ThemeChoice::FollowSystem,
            show_left_panel: true,
            show_right_panel: true,
            left_tab: LeftTab::Documents,
            left_width_points: super::responsive::LEFT_PANEL.default_points,
            right_width_points: super::responsive::RIGHT_PANEL.default_points,
            dock: DockLayout::default(),
            saved_searches: Vec::new(),
            in_app_file_picker: false,
            coder: None,
            analysis: AnalysisPreferences::default(),
        }
    }
}

impl Preferences {
    /// The preferences eframe kept from the last run (defaults without storage or on the first run).
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|storage| eframe::get_value(storage, PREFERENCES_KEY))
            .unwrap_or_default()
    }

    /// Hands the preferences to eframe, which writes them when the window closes.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, self);
    }

    /// Shows the left panel at `tab`.
    pub fn show_left_tab(&mut self, tab: LeftTab) {
        self.show_left_panel = true;
        self.left_tab = tab;
    }
}
