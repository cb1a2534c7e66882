//! The egui/eframe window (placeholder until the reader lands).

use std::path::PathBuf;

pub fn run_window(path: Option<PathBuf>) -> Result<(), String> {
    println!("would open {:?}", path);
    Ok(())
}
