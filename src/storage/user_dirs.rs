//! The user's folders for Gloss: the data folder (the user's copy of the bundled
//! sample) and the config folder (the recent-projects list).

use super::atomic_write::write_atomically;
use super::companion_files::DEFAULT_PROJECT_FILE_NAME;
use super::environment::{config_dir_override, data_dir_override};
use super::error::{StorageError, io_error};
use std::fs;
use std::path::{Path, PathBuf};

/// The window settings' file name in the config folder.
const WINDOW_SETTINGS_FILE_NAME: &str = "window.ron";

/// How many recent projects are remembered.
const RECENT_PROJECTS_KEPT: usize = 10;

/// The user's folders for Gloss: data (the sample project) and config (recent projects).
/// `GLOSS_DATA_DIR` and `GLOSS_CONFIG_DIR` override them (tests, portable installs).
pub struct UserDirs {
    /// Holds the user's copy of the sample project.
    pub data: PathBuf,
    /// Holds `recent.json`.
    pub config: PathBuf,
}

impl UserDirs {
    /// The platform's folders (or the overrides); `None` when the platform has no home folder.
    pub fn locate() -> Option<Self> {
        Self::locate_with(data_dir_override(), config_dir_override())
    }

    /// [`UserDirs::locate`] with the overrides given: each one wins over the platform's folder.
    fn locate_with(
        data_override: Option<PathBuf>,
        config_override: Option<PathBuf>,
    ) -> Option<Self> {
        let project_dirs = directories::ProjectDirs::from("org", "Gloss", "Gloss");
        let data =
            data_override.or_else(|| project_dirs.as_ref().map(|d| d.data_dir().to_path_buf()))?;
        let config = config_override
            .or_else(|| project_dirs.as_ref().map(|d| d.config_dir().to_path_buf()))?;
        Some(Self { data, config })
    }

    fn recent_file(&self) -> PathBuf {
        self.config.join("recent.json")
    }

    /// Recently opened projects, newest first (missing or unreadable list: empty).
    pub fn recent_projects(&self) -> Vec<PathBuf> {
        fs::read_to_string(self.recent_file())
            .ok()
            .and_then(|text| serde_json::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default()
    }

    /// Puts `path` (made absolute) at the front of the recent list, kept to ten entries.
    pub fn remember_recent(&self, path: &Path) -> Result<(), StorageError> {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let mut recent = self.recent_projects();
        recent.retain(|p| p != &path);
        recent.insert(0, path);
        recent.truncate(RECENT_PROJECTS_KEPT);
        fs::create_dir_all(&self.config).map_err(io_error(&self.config))?;
        let text = serde_json::to_string_pretty(&recent).unwrap_or_else(|_| "[]".into());
        write_atomically(&self.recent_file(), text.as_bytes())
    }

    /// The file the window keeps its settings in (eframe's storage: panels,
    /// theme, the coder's name), in the config folder (`GLOSS_CONFIG_DIR` when
    /// set), which is created when missing so the window can write it.
    pub fn window_settings_file(&self) -> Result<PathBuf, StorageError> {
        fs::create_dir_all(&self.config).map_err(io_error(&self.config))?;
        Ok(self.config.join(WINDOW_SETTINGS_FILE_NAME))
    }

    /// Folder that holds the user's copy of the sample project.
    pub fn sample_folder(&self) -> PathBuf {
        self.data.join("sample")
    }

    /// Writes the bundled sample into the data folder unless it is there already
    /// (so the user's edits to it are kept). Returns the sample project file.
    pub fn install_sample(&self) -> Result<PathBuf, StorageError> {
        let folder = self.sample_folder();
        let project_file = folder.join(DEFAULT_PROJECT_FILE_NAME);
        if project_file.is_file() {
            return Ok(project_file);
        }
        write_sample(&folder)?;
        Ok(project_file)
    }
}

/// Writes the bundled sample corpus and project into `folder` (documents that
/// exist already are kept). Returns the project file.
pub fn write_sample(folder: &Path) -> Result<PathBuf, StorageError> {
    fs::create_dir_all(folder).map_err(io_error(folder))?;
    for (name, contents) in crate::sample::SAMPLE_DOCUMENTS {
        let path = folder.join(name);
        if !path.exists() {
            write_atomically(&path, contents.as_bytes())?;
        }
    }
    let project_file = folder.join(DEFAULT_PROJECT_FILE_NAME);
    write_atomically(&project_file, crate::sample::SAMPLE_PROJECT_JSON.as_bytes())?;
    Ok(project_file)
}

#[cfg(test)]
mod tests {
    use super::UserDirs;
    use std::path::PathBuf;

    #[test]
    fn gloss_config_dir_holds_the_window_settings_and_recent_projects() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config");
        let dirs = UserDirs::locate_with(Some(PathBuf::from("/data")), Some(config.clone()))
            .expect("folders");
        assert_eq!(dirs.config, config);
        assert_eq!(dirs.data, PathBuf::from("/data"));
        let settings = dirs.window_settings_file().expect("settings file");
        assert_eq!(settings.parent(), Some(config.as_path()));
        assert!(config.is_dir());
        dirs.remember_recent(dir.path()).expect("recent");
        assert!(config.join("recent.json").is_file());
    }
}
