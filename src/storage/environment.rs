//! Every environment variable Gloss reads, in one place: the coder's name
//! (`GLOSS_CODER`, else the login name) and the folder overrides
//! (`GLOSS_DATA_DIR`, `GLOSS_CONFIG_DIR`) used by tests and portable installs.

use std::path::{Path, PathBuf};

/// The name written as an annotation's coder when none is given: `GLOSS_CODER`,
/// else the login name (`USER`, `USERNAME`, `LOGNAME`), else the OS account as
/// the home folder names it, else "coder": never empty.
pub fn coder_name_from_environment() -> String {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    coder_name_from(|name| std::env::var(name).ok(), home.as_deref())
}

/// `GLOSS_CODER` when set and not blank: a coder the user named on purpose
/// (the window asks for a name otherwise).
pub fn explicit_coder_from_environment() -> Option<String> {
    std::env::var("GLOSS_CODER")
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
}

/// [`coder_name_from_environment`] over any variable lookup and home folder.
fn coder_name_from(variable: impl Fn(&str) -> Option<String>, home: Option<&Path>) -> String {
    ["GLOSS_CODER", "USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .filter_map(variable)
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
        .or_else(|| {
            home.and_then(Path::file_name)
                .map(|name| name.to_string_lossy().trim().to_owned())
                .filter(|name| !name.is_empty())
        })
        .unwrap_or_else(|| FALLBACK_CODER.to_owned())
}

/// The coder when neither the environment nor the home folder names one.
const FALLBACK_CODER: &str = "coder";

/// `GLOSS_DATA_DIR`: where the sample project goes instead of the user's data folder.
pub(crate) fn data_dir_override() -> Option<PathBuf> {
    folder_override(std::env::var_os("GLOSS_DATA_DIR"))
}

/// `GLOSS_CONFIG_DIR`: where the recent-projects list goes instead of the user's config folder.
pub(crate) fn config_dir_override() -> Option<PathBuf> {
    folder_override(std::env::var_os("GLOSS_CONFIG_DIR"))
}

/// A folder variable's value; set but empty (`GLOSS_CONFIG_DIR= gloss`) counts
/// as unset, not as the current folder, where files would land unasked.
fn folder_override(value: Option<std::ffi::OsString>) -> Option<PathBuf> {
    value.filter(|value| !value.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::{coder_name_from, folder_override};
    use std::path::Path;

    #[test]
    fn an_empty_folder_variable_counts_as_unset() {
        assert_eq!(folder_override(Some("".into())), None);
        assert_eq!(folder_override(None), None);
        assert_eq!(
            folder_override(Some("/tmp/g".into())).as_deref(),
            Some(Path::new("/tmp/g"))
        );
    }

    #[test]
    fn without_user_the_coder_comes_from_logname_or_the_home_folder_or_a_fallback() {
        let only = |key: &'static str, value: &'static str| {
            move |name: &str| (name == key).then(|| value.to_owned())
        };
        assert_eq!(coder_name_from(only("GLOSS_CODER", "Ana"), None), "Ana");
        assert_eq!(coder_name_from(only("USER", "ana"), None), "ana");
        assert_eq!(coder_name_from(only("LOGNAME", "lg"), None), "lg");
        assert_eq!(
            coder_name_from(only("USER", "  "), Some(Path::new("/home/mira"))),
            "mira"
        );
        assert_eq!(
            coder_name_from(|_| None, Some(Path::new("/home/mira"))),
            "mira"
        );
        assert_eq!(coder_name_from(|_| None, Some(Path::new("/"))), "coder");
        assert_eq!(coder_name_from(|_| None, None), "coder");
    }
}
