//! Image snapshots of the whole window (light, dark, the codebook panel),
//! behind the `snapshots` feature (they need a wgpu adapter).

use super::fixture::{sample_copy, test_startup, wait_until_loaded};
use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gloss::app::clock::Clock;
use gloss::app::{GlossApp, StartTarget};

use std::path::PathBuf;

fn snapshot_window(theme: egui::Theme, name: &str) {
    let folder = sample_copy();
    let path: PathBuf = folder.path().to_path_buf();
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_theme(theme)
        .build_eframe(move |cc| {
            GlossApp::with_startup(cc, test_startup(StartTarget::Path(path), Clock::system()))
        });
    wait_until_loaded(&mut harness);
    // A selected annotation fills the inspector.
    let first = harness
        .state()
        .current_document()
        .and_then(|d| {
            harness
                .state()
                .workspace()
                .and_then(|w| w.project.annotations_of(d).next().cloned())
        })
        .expect("annotation");
    harness
        .get_by_role_and_label(Role::Button, &first.anchor.exact)
        .click();
    harness.run_ok();
    // The "Opened <temporary folder>" message differs on every run.
    harness.state_mut().dismiss_notice();
    harness.remove_cursor();
    harness.run_ok();
    harness.snapshot(name);
}

#[test]
fn codebook_panel_light() {
    let folder = sample_copy();
    let path: PathBuf = folder.path().to_path_buf();
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| {
            GlossApp::with_startup(cc, test_startup(StartTarget::Path(path), Clock::system()))
        });
    wait_until_loaded(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Codebook")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Health and COVID diplomacy")
        .click();
    harness.run_ok();
    harness.state_mut().dismiss_notice();
    harness.remove_cursor();
    harness.run_ok();
    harness.snapshot("codebook_panel_light");
}

#[test]
fn window_light() {
    snapshot_window(egui::Theme::Light, "window_light");
}

#[test]
fn window_dark() {
    snapshot_window(egui::Theme::Dark, "window_dark");
}
