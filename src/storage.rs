//! The browser's local storage: the current scenario and the theme, kept across reloads.
//!
//! Keys carry a version. Data that cannot be read is never thrown away: it is moved aside to a
//! backup key and reported, and the app starts with the example. Storage that is missing
//! (private modes, blocked cookies) or full gives a notice; the app keeps working without it.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage as _};

use crate::model::{LoadError, Scenario};

/// Where the current scenario lives.
pub const SCENARIO_KEY: &str = "frontline.scenario.v1";
/// Where a scenario that could not be read is kept aside.
pub const UNREADABLE_KEY: &str = "frontline.scenario.v1.unreadable";
/// The chosen colour theme: "light" or "dark".
pub const THEME_KEY: &str = "frontline.theme.v1";

/// What starting up found in storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The scenario to start with.
    pub scenario: Scenario,
    /// Something the manager should know, such as data kept aside.
    pub notice: Option<String>,
}

/// Local storage, if this browser gives access to it. Never panics: gloo's own accessor
/// throws when storage is blocked, so availability is checked here first.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Loads the saved scenario, or the example when there is none or it cannot be read.
pub fn load() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded {
            scenario: Scenario::default(),
            notice: Some(
                "This browser does not allow saving here, so changes last only until the page is closed."
                    .into(),
            ),
        };
    };
    let text = match storage.get_item(SCENARIO_KEY) {
        Ok(Some(text)) => text,
        Ok(None) | Err(_) => {
            return Loaded {
                scenario: Scenario::default(),
                notice: None,
            }
        }
    };
    match Scenario::from_json(&text).and_then(|s| match s.validate() {
        Ok(()) => Ok(s),
        Err(errors) => Err(LoadError::Malformed(errors.to_string())),
    }) {
        Ok(scenario) => Loaded {
            scenario,
            notice: None,
        },
        Err(error) => {
            let kept = storage.set_item(UNREADABLE_KEY, &text).is_ok();
            if kept {
                // Only drop the original once its copy is safe.
                let _ = storage.remove_item(SCENARIO_KEY);
            }
            let place = if kept {
                format!("It is kept unchanged under \"{UNREADABLE_KEY}\" in this browser's storage")
            } else {
                "It could not be copied aside, so it is left where it was".into()
            };
            Loaded {
                scenario: Scenario::default(),
                notice: Some(format!(
                    "Your saved scenario could not be opened: {error}. {place}; the example scenario is shown instead."
                )),
            }
        }
    }
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// No local storage in this browser.
    #[error("this browser does not allow saving here; changes last until the page is closed")]
    Unavailable,
    /// Storage refused the write, usually because it is full.
    #[error("the browser refused to save (storage may be full): {0}")]
    Refused(String),
}

/// Saves `scenario` as the current one.
///
/// # Errors
///
/// [`SaveError`] when storage is unavailable or refuses the write.
pub fn save(scenario: &Scenario) -> Result<(), SaveError> {
    local_storage().ok_or(SaveError::Unavailable)?;
    LocalStorage::set(SCENARIO_KEY, scenario).map_err(|error| match error {
        StorageError::JsError(js) => SaveError::Refused(js.message),
        other => SaveError::Refused(other.to_string()),
    })
}

/// The saved theme, if any.
pub fn load_theme() -> Option<String> {
    local_storage()?.get_item(THEME_KEY).ok().flatten()
}

/// Saves the theme; a failure only means the choice is not remembered.
pub fn save_theme(theme: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(THEME_KEY, theme);
    }
}
