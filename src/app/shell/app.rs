//! `GlossApp`: the window's state, its construction, what tests may read of
//! it, and the `eframe::App` implementation that sets the frame order.
//! The other rooms of the shell add its behaviour: `opening`, `intents`,
//! `command_handling`, `housekeeping` and `layout`.

use super::background::Job;
use super::jobs::{ExportResult, ProjectJobDone};
use super::path_request::{NativeDialog, PathPurpose};
use super::preferences::Preferences;
use super::responsive::{Drawer, LayoutRects};
use super::start::{OpenError, StartTarget, Startup};
use super::windows::Windows;
use crate::app::agreement_view::AgreementState;
use crate::app::analysis_view::{AnalysisPreferences, AnalysisState, ChartState};
use crate::app::clock::Clock;
use crate::app::codebook_panel::CodebookPanel;
use crate::app::coder_compare::CoderCompareState;
use crate::app::coder_filter::ProjectCoders;
use crate::app::coder_prompt::CoderPrompt;
use crate::app::conflicts_view::ConflictsView;
use crate::app::documents::DocumentsPanel;
use crate::app::file_picker::FilePicker;
use crate::app::import_dialog::ItemReport;
use crate::app::inspector::Inspector;
use crate::app::palette::Palette;
use crate::app::reader::ReaderState;
use crate::app::retrieval_panel::RetrievalState;
use crate::app::search_panel::SearchPanelState;
use crate::app::session::{Loading, Session};
use crate::app::status_bar::Notice;
use crate::app::theme;
use crate::model::ids::{AnnotationId, DocumentId};
use crate::model::workspace::Workspace;
use crate::storage::UserDirs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The window: the open project and everything the panels keep between frames.
pub struct GlossApp {
    pub(super) ctx: egui::Context,
    /// Where autosave, messages and the loading screen read the time.
    pub(super) clock: Clock,
    pub(super) session: Option<Session>,
    pub(super) loading: Option<Loading>,
    /// The last project that failed to open, and why (shown when nothing is open).
    pub(super) open_error: Option<(PathBuf, OpenError)>,
    pub(super) preferences: Preferences,
    pub(super) user_dirs: Option<UserDirs>,
    pub(super) recent_projects: Vec<PathBuf>,
    /// Written as the coder of the annotations made in this window.
    pub(super) coder: String,
    pub(super) current_document: Option<DocumentId>,
    pub(super) reader_state: ReaderState,
    pub(super) selected: Option<AnnotationId>,
    pub(super) scroll_list_to_selected: bool,
    pub(super) documents_panel: DocumentsPanel,
    pub(super) codebook_panel: CodebookPanel,
    pub(super) search_panel: SearchPanelState,
    pub(super) retrieval: RetrievalState,
    pub(super) analysis: AnalysisState,
    /// The coder names of the project's annotations (the coder filter lists them).
    pub(super) project_coders: ProjectCoders,
    /// The comparison of two coders (docked).
    pub(super) coder_compare: CoderCompareState,
    /// The merge conflicts view's cached same-name clashes.
    pub(super) conflicts_view: ConflictsView,
    pub(super) agreement: AgreementState,
    /// The analysis view's chart: shown or not, and its cache.
    pub(super) analysis_chart: ChartState,
    pub(super) inspector: Inspector,
    pub(super) palette: Palette,
    pub(super) notice: Option<Notice>,
    /// The banner above the reader that says files could not be read.
    pub(super) problems_banner: bool,
    pub(super) windows: Windows,
    pub(super) file_dialog: Option<NativeDialog>,
    /// The window's own file picker while it shows, and what it asks for.
    pub(super) file_picker: Option<(PathPurpose, FilePicker)>,
    /// An export being built and written in the background.
    pub(super) export_job: Option<Job<ExportResult>>,
    /// An import or add-documents job running in the background.
    pub(super) project_job: Option<(PathBuf, Job<ProjectJobDone>)>,
    /// The report of the last import or add, while it shows.
    pub(super) item_report: Option<ItemReport>,
    /// The "who is coding?" dialog while it shows.
    pub(super) coder_prompt: Option<CoderPrompt>,
    /// The edit that waits for the coder's name.
    pub(super) waiting_for_coder: Option<crate::app::intent::Intent>,
    pub(super) window_title: String,
    /// Why saving failed when the window was asked to close (the unsaved-edits window is open).
    pub(super) unsaved_on_close: Option<String>,
    /// The user chose to close without saving (or after a rescue copy): let the close through.
    pub(super) closing_without_saving: bool,
    /// The rescue copy written on close, if any.
    pub(super) rescued_to: Option<PathBuf>,
    /// The side panel open as a drawer over the reader (narrow windows).
    pub(super) drawer: Option<Drawer>,
    /// Was the last click in the docked views (Escape then goes back to the reader)?
    pub(super) working_in_dock: bool,
    /// Where the panels and the reader were drawn in the last frame.
    pub(super) layout_rects: LayoutRects,
    /// The reading area of the last frame (drawers open over it).
    pub(super) central_rect: Option<egui::Rect>,
}

impl GlossApp {
    /// Builds the app (fonts, style, preferences) and starts opening `start`.
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartTarget) -> Self {
        Self::with_startup(cc, Startup::from_environment(start))
    }

    /// Like [`GlossApp::new`], with the clock, folders and coder given.
    pub fn with_startup(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let ctx = cc.egui_ctx.clone();
        theme::install(&ctx);
        // Scroll bars that are always there, wide enough to see and to grab.
        ctx.all_styles_mut(|style| {
            style.spacing.scroll = egui::style::ScrollStyle {
                bar_width: 10.0,
                ..egui::style::ScrollStyle::solid()
            };
        });
        let preferences = Preferences::load(cc.storage);
        let preferences_coder = preferences.coder.clone();
        let mut analysis = AnalysisState::default();
        let mut analysis_chart = ChartState::default();
        preferences
            .analysis
            .apply(&mut analysis, &mut analysis_chart);
        ctx.set_theme(preferences.theme.preference());
        let search_panel =
            SearchPanelState::with_saved_searches(preferences.saved_searches.clone());
        let recent_projects = startup
            .user_dirs
            .as_ref()
            .map(UserDirs::recent_projects)
            .unwrap_or_default();
        let mut app = Self {
            ctx,
            clock: startup.clock,
            session: None,
            loading: None,
            open_error: None,
            preferences,
            user_dirs: startup.user_dirs,
            recent_projects,
            coder: Self::known_coder(startup.coder, &preferences_coder),
            current_document: None,
            reader_state: ReaderState::default(),
            selected: None,
            scroll_list_to_selected: false,
            documents_panel: DocumentsPanel::default(),
            codebook_panel: CodebookPanel::default(),
            search_panel,
            retrieval: RetrievalState::default(),
            analysis,
            project_coders: ProjectCoders::default(),
            coder_compare: CoderCompareState::default(),
            conflicts_view: ConflictsView::default(),
            agreement: AgreementState::default(),
            analysis_chart,
            inspector: Inspector::default(),
            palette: Palette::default(),
            notice: None,
            problems_banner: false,
            windows: Windows::default(),
            file_dialog: None,
            file_picker: None,
            export_job: None,
            project_job: None,
            item_report: None,
            coder_prompt: None,
            waiting_for_coder: None,
            window_title: String::new(),
            unsaved_on_close: None,
            closing_without_saving: false,
            rescued_to: None,
            drawer: None,
            working_in_dock: false,
            layout_rects: LayoutRects::default(),
            central_rect: None,
        };
        app.open_start_target(startup.target);
        app
    }

    // ----- What tests and scripts may read -----

    /// Is a project being opened in the background?
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Waits up to `timeout` for the background opening and takes its result in
    /// (without drawing a frame); returns whether nothing is loading any more.
    pub fn wait_for_loading(&mut self, timeout: Duration) -> bool {
        if let Some(result) = self.loading.as_ref().and_then(|l| l.wait(timeout)) {
            self.finish_loading(result);
        }
        !self.is_loading()
    }

    /// The open project, its texts and history.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.session.as_ref().map(|s| &s.workspace)
    }

    /// The open project with its location, lock and save state.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The document the reader shows.
    pub fn current_document(&self) -> Option<&DocumentId> {
        self.current_document.as_ref()
    }

    /// The annotation the inspector shows.
    pub fn selected_annotation(&self) -> Option<&AnnotationId> {
        self.selected.as_ref()
    }

    /// Why the last project failed to open (shown on the welcome screen).
    pub fn open_error(&self) -> Option<&OpenError> {
        self.open_error.as_ref().map(|(_, error)| error)
    }

    /// The reading view's state (selection, tag popup, screen positions).
    pub fn reader_state(&self) -> &ReaderState {
        &self.reader_state
    }

    /// The coded-passages view's filter (also the analysis view's).
    pub fn retrieval_filter(&self) -> &crate::model::query::RetrievalFilter {
        &self.retrieval.filter
    }

    /// The docked comparison of two coders (its choices and last comparison).
    pub fn coder_compare(&self) -> &CoderCompareState {
        &self.coder_compare
    }

    /// The comparison of two coders, to choose as the user would (document, coders).
    pub fn coder_compare_mut(&mut self) -> &mut CoderCompareState {
        &mut self.coder_compare
    }

    /// The agreement view's choices and caches.
    pub fn agreement_state(&self) -> &AgreementState {
        &self.agreement
    }

    /// The window preferences (reading size, theme, panels).
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// Where the reader, the side panels and the docked views were drawn in the last frame.
    pub fn layout_rects(&self) -> LayoutRects {
        self.layout_rects
    }

    /// The window preferences, to change as the user would (panel widths, docked views).
    pub fn preferences_mut(&mut self) -> &mut Preferences {
        &mut self.preferences
    }

    /// Waits up to `timeout` for the corpus search to finish, taking in its
    /// hits (without drawing a frame); for tests, which never poll on wall time.
    pub fn wait_for_search(&mut self, timeout: Duration) {
        self.search_panel.wait_for_search(timeout);
    }

    /// Clears the status bar message.
    pub fn dismiss_notice(&mut self) {
        self.notice = None;
    }

    /// The rescue copy written when the window closed with edits it could not save.
    pub fn rescued_to(&self) -> Option<&Path> {
        self.rescued_to.as_deref()
    }

    /// The title the window shows ("• gloss.json (sample) — Gloss").
    pub fn window_title(&self) -> &str {
        &self.window_title
    }
}

impl eframe::App for GlossApp {
    /// Background work and input that is not a panel's: opening, file dialogs,
    /// dropped files, the close request.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_loading();
        self.poll_file_dialog();
        self.poll_export();
        self.poll_project_job();
        self.handle_dropped_files(ctx);
        self.handle_close_request(ctx);
        if self.loading.is_some()
            || self.file_dialog.is_some()
            || self.export_job.is_some()
            || self.project_job.is_some()
        {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Escape in the docked views or a drawer → dialogs (unsaved edits on close,
    /// file picker, coder prompt, import report) → shortcuts → panels (menu,
    /// status bar, left, right, docked views, reader, drawer) → overlays
    /// (palette, windows) → the frame's intents → title and autosave.
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_dock_escape(&ctx);
        // Dialogs first: the keys they answer (Escape closes the import report)
        // are theirs, not the reader's, which takes keys when nothing has the focus.
        self.unsaved_on_close_ui(&ctx);
        self.dialogs_ui(&ctx);
        self.handle_shortcuts(&ctx);
        let mut intents = self.panels_ui(ui);
        intents.extend(self.overlays_ui(&ctx));
        for intent in intents {
            self.apply_intent(intent);
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.preferences.saved_searches = self.search_panel.saved_searches().to_vec();
        self.preferences.analysis = AnalysisPreferences::of(&self.analysis, &self.analysis_chart);
        self.preferences.store(storage);
    }

    fn on_exit(&mut self) {
        // Last resort: the close request normally saved already.
        self.commit_uncommitted_memo();
        if self.closing_without_saving {
            return;
        }
        if let Some(session) = &mut self.session
            && let Err(error) = session.save_if_dirty()
        {
            eprintln!("gloss: could not save on exit: {error}");
        }
    }
}
