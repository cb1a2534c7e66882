//! Every environment variable Gloss reads, in one place: the coder's name
//! (`GLOSS_CODER`, else the login name) and the folder overrides
//! (`GLOSS_DATA_DIR`, `GLOSS_CONFIG_DIR`) used by tests and portable installs.

use std::path::PathBuf;

/// The name written as an annotation's coder when none is given: `GLOSS_CODER`,
/// else the login name (`USER`, `USERNAME`), else empty.
pub fn coder_name_from_environment() -> String {
    std::env::var("GLOSS_CODER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

/// `GLOSS_DATA_DIR`: where the sample project goes instead of the user's data folder.
pub(crate) fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("GLOSS_DATA_DIR").map(PathBuf::from)
}

/// `GLOSS_CONFIG_DIR`: where the recent-projects list goes instead of the user's config folder.
pub(crate) fn config_dir_override() -> Option<PathBuf> {
    std::env::var_os("GLOSS_CONFIG_DIR").map(PathBuf::from)
}
