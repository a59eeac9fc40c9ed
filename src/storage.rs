//! The browser's local storage: the manager's saved scenarios and the theme, kept across reloads.
//!
//! Scenarios live one to a key (`frontline.scenario.v2.<id>`), each record the scenario's own
//! JSON with its schema version, and an index (`frontline.index.v2`, versioned too) lists them
//! by name and time of last change and names the one open. The index is rebuilt from the records whenever the two disagree, so a scenario is never
//! lost to a damaged index. The single scenario the first version kept
//! (`frontline.scenario.v1`) moves into the list on first start.
//!
//! Data that cannot be read is never thrown away: it is moved aside to a backup key and
//! reported. Storage that is missing (private modes, blocked cookies) or full gives a notice; the
//! app keeps working without it.

use crate::json::Json;
use crate::model::scenario::MAX_NAME_CHARS;
use crate::model::{LoadError, Scenario};

/// Where the first version kept its single scenario.
pub const LEGACY_KEY: &str = "frontline.scenario.v1";
/// Where a scenario of the first version that could not be read is kept aside.
pub const LEGACY_UNREADABLE_KEY: &str = "frontline.scenario.v1.unreadable";
/// The list of saved scenarios.
pub const INDEX_KEY: &str = "frontline.index.v2";
/// Each saved scenario's key starts with this, followed by its id.
pub const RECORD_PREFIX: &str = "frontline.scenario.v2.";
/// Each scenario's draft key starts with this, followed by its id: edits not saved yet because
/// a field is wrong, kept so that a reload or a switch does not lose them.
pub const DRAFT_PREFIX: &str = "frontline.draft.v1.";
/// The chosen colour theme: "light" or "dark".
pub const THEME_KEY: &str = "frontline.theme.v1";
/// The version of the index and record layout this build writes.
const LAYOUT_VERSION: u32 = 2;

/// One saved scenario, as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable id, part of the record's key.
    pub id: String,
    /// The scenario's name.
    pub name: String,
    /// When it last changed, in milliseconds since 1970 (the browser's `Date.now()`).
    pub changed: f64,
}

/// The index: every saved scenario, and the one open.
#[derive(Debug, Clone, PartialEq)]
struct Index {
    version: u32,
    current: Option<String>,
    scenarios: Vec<Entry>,
}

impl Index {
    /// An index of no scenarios, in this build's layout.
    fn empty() -> Self {
        Index {
            version: LAYOUT_VERSION,
            current: None,
            scenarios: Vec::new(),
        }
    }

    /// The index as JSON: `{"version":2,"current":"…","scenarios":[{"id":…,"name":…,"changed":…}]}`.
    fn to_json(&self) -> String {
        let mut json = Json::Null;
        json.set("version", f64::from(self.version).into());
        let current = self.current.as_deref().map_or(Json::Null, Json::from);
        json.set("current", current);
        let entries = self.scenarios.iter().map(|entry| {
            let mut json = Json::Null;
            json.set("id", entry.id.as_str().into());
            json.set("name", entry.name.as_str().into());
            json.set("changed", entry.changed.into());
            json
        });
        json.set("scenarios", Json::Array(entries.collect()));
        json.to_text()
    }

    /// The index `text` holds, if it is one, of any layout version.
    fn from_json(text: &str) -> Option<Self> {
        let json = Json::parse(text).ok()?;
        let text_at = |json: &Json, key| json.get(key).and_then(Json::as_text).map(str::to_owned);
        let scenarios = json.get("scenarios")?.as_array()?.iter().map(|entry| {
            Some(Entry {
                id: text_at(entry, "id")?,
                name: text_at(entry, "name")?,
                changed: entry.get("changed")?.as_number()?,
            })
        });
        Some(Index {
            version: json.get("version")?.as_whole()?,
            current: match json.get("current")? {
                Json::Null => None,
                current => Some(current.as_text()?.to_owned()),
            },
            scenarios: scenarios.collect::<Option<_>>()?,
        })
    }
}

/// What starting up found in storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The id of the scenario to open; it may not be saved yet.
    pub id: String,
    /// The scenario to open.
    pub scenario: Scenario,
    /// Every saved scenario, newest change first.
    pub saved: Vec<Entry>,
    /// Things the manager should know, such as data kept aside.
    pub notices: Vec<String>,
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

/// Local storage, if this browser gives access to it. Never panics: the accessor throws when
/// storage is blocked, so availability is checked here first.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The record key of scenario `id`.
pub fn record_key(id: &str) -> String {
    format!("{RECORD_PREFIX}{id}")
}

/// The draft key of scenario `id`.
fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// A new id, unique in this browser: the time and a random part, in base 36.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 36f64.powi(6)) as u64;
    format!("{}{}", base36(now), base36(random))
}

fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// The time now, in milliseconds since 1970.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Reads and checks a scenario written as JSON.
///
/// # Errors
///
/// [`LoadError`] when it is not a scenario, too new, damaged or out of range.
pub fn read_scenario(text: &str) -> Result<Scenario, LoadError> {
    let scenario = Scenario::from_json(text)?;
    scenario
        .validate()
        .map_err(|errors| LoadError::Malformed(errors.to_string()))?;
    Ok(scenario)
}

/// Keeps `text` aside under `aside` and says so; the original key is dropped only once its copy
/// is safe.
fn keep_aside(
    storage: &web_sys::Storage,
    key: &str,
    aside: &str,
    text: &str,
    what: &str,
) -> String {
    let kept = storage.set_item(aside, text).is_ok();
    if kept {
        let _ = storage.remove_item(key);
    }
    let place = if kept {
        format!("It is kept unchanged under \"{aside}\" in this browser's storage")
    } else {
        "It could not be copied aside, so it is left where it was".into()
    };
    format!("{what} {place}.")
}

/// Loads the open scenario and the list of saved ones; the example when nothing is saved.
pub fn load() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded {
            id: new_id(),
            scenario: Scenario::default(),
            saved: Vec::new(),
            notices: vec![
                "This browser does not allow saving here, so changes last only until the page is closed."
                    .into(),
            ],
        };
    };
    let mut notices = Vec::new();
    migrate_legacy(&storage, &mut notices);
    let (mut index, records) = read_all(&storage, &mut notices);

    // Open the scenario the index names, else the newest that reads, else a new example.
    // Each id once: the open one, when the index names it, is also in the list.
    let mut order: Vec<String> = index.current.iter().cloned().collect();
    order.extend(
        index
            .scenarios
            .iter()
            .map(|e| e.id.clone())
            .filter(|id| index.current.as_ref() != Some(id)),
    );
    for id in order {
        let Some(text) = records.iter().find(|(rid, _)| *rid == id).map(|(_, t)| t) else {
            continue;
        };
        match read_scenario(text) {
            Ok(scenario) => {
                if index.current.as_deref() != Some(&id) {
                    index.current = Some(id.clone());
                    let _ = write_index(&storage, &index);
                }
                return Loaded {
                    id,
                    scenario,
                    saved: index.scenarios,
                    notices,
                };
            }
            Err(error) => {
                let key = record_key(&id);
                let name = index
                    .scenarios
                    .iter()
                    .find(|e| e.id == id)
                    .map_or_else(String::new, |e| format!(" \"{}\"", e.name));
                notices.push(keep_aside(
                    &storage,
                    &key,
                    &format!("{key}.unreadable"),
                    text,
                    &format!("Your saved scenario{name} could not be opened: {error}."),
                ));
                index.scenarios.retain(|e| e.id != id);
                let _ = write_index(&storage, &index);
            }
        }
    }
    Loaded {
        id: new_id(),
        scenario: Scenario::default(),
        saved: index.scenarios,
        notices,
    }
}

/// Moves the first version's single scenario into the list, once.
fn migrate_legacy(storage: &web_sys::Storage, notices: &mut Vec<String>) {
    let Ok(Some(text)) = storage.get_item(LEGACY_KEY) else {
        return;
    };
    match read_scenario(&text) {
        Ok(scenario) => {
            let id = new_id();
            // The old key goes only once the scenario is safe under its new one.
            if save_to(storage, &id, &scenario).is_ok() {
                let _ = storage.remove_item(LEGACY_KEY);
            }
        }
        Err(error) => notices.push(keep_aside(
            storage,
            LEGACY_KEY,
            LEGACY_UNREADABLE_KEY,
            &text,
            &format!("Your saved scenario could not be opened: {error}. The example scenario is shown instead."),
        )),
    }
}

/// The index, reconciled with the records present: a record missing from the index is added,
/// an entry without a record dropped. Returns the index and each record's id and text.
fn read_all(
    storage: &web_sys::Storage,
    notices: &mut Vec<String>,
) -> (Index, Vec<(String, String)>) {
    let mut records = Vec::new();
    for i in 0..storage.length().unwrap_or(0) {
        let Ok(Some(key)) = storage.key(i) else {
            continue;
        };
        let Some(id) = key.strip_prefix(RECORD_PREFIX) else {
            continue;
        };
        if id.contains('.') {
            continue; // a record kept aside
        }
        if let Ok(Some(text)) = storage.get_item(&key) {
            records.push((id.to_owned(), text));
        }
    }
    let stored = storage.get_item(INDEX_KEY).ok().flatten();
    let mut index = match stored.as_deref().map(Index::from_json) {
        Some(Some(index)) if index.version == LAYOUT_VERSION => index,
        Some(_) => {
            if let Some(text) = &stored {
                let _ = storage.set_item(&format!("{INDEX_KEY}.unreadable"), text);
            }
            notices.push("The list of your scenarios was damaged; it has been rebuilt from the scenarios saved in this browser.".into());
            Index::empty()
        }
        None => Index::empty(),
    };
    let before = index.clone();
    index
        .scenarios
        .retain(|e| records.iter().any(|(id, _)| *id == e.id));
    for (id, text) in &records {
        if index.scenarios.iter().any(|e| e.id == *id) {
            continue;
        }
        // A record the index lost: listed again, as changed at an unknown time (the oldest).
        if let Ok(scenario) = read_scenario(text) {
            index.scenarios.push(Entry {
                id: id.clone(),
                name: scenario.name,
                changed: 0.0,
            });
        }
    }
    if index != before {
        let _ = write_index(storage, &index);
    }
    (index, records)
}

fn write_index(storage: &web_sys::Storage, index: &Index) -> Result<(), SaveError> {
    let text = index.to_json();
    storage
        .set_item(INDEX_KEY, &text)
        .map_err(|error| SaveError::Refused(js_message(&error)))
}

fn js_message(error: &wasm_bindgen::JsValue) -> String {
    js_sys::Error::from(error.clone())
        .message()
        .as_string()
        .unwrap_or_else(|| "unknown error".into())
}

fn read_index(storage: &web_sys::Storage) -> Index {
    storage
        .get_item(INDEX_KEY)
        .ok()
        .flatten()
        .and_then(|text| Index::from_json(&text))
        .unwrap_or_else(Index::empty)
}

fn save_to(storage: &web_sys::Storage, id: &str, scenario: &Scenario) -> Result<Entry, SaveError> {
    write_record(storage, id, scenario, now())
}

fn write_record(
    storage: &web_sys::Storage,
    id: &str,
    scenario: &Scenario,
    changed: f64,
) -> Result<Entry, SaveError> {
    storage
        .set_item(&record_key(id), &scenario.to_json())
        .map_err(|error| SaveError::Refused(js_message(&error)))?;
    let entry = Entry {
        id: id.to_owned(),
        name: scenario.name.clone(),
        changed,
    };
    let mut index = read_index(storage);
    insert_by_time(&mut index.scenarios, entry.clone());
    index.current = Some(id.to_owned());
    write_index(storage, &index)?;
    Ok(entry)
}

/// Saves `scenario` under `id` (a new entry or an update) and makes it the open one.
///
/// # Errors
///
/// [`SaveError`] when storage is unavailable or refuses the write.
pub fn save(id: &str, scenario: &Scenario) -> Result<Entry, SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    save_to(&storage, id, scenario)
}

/// Puts back a deleted scenario with its id and time of last change, without opening it.
///
/// # Errors
///
/// [`SaveError`] when storage is unavailable or refuses the write.
pub fn restore(entry: &Entry, scenario: &Scenario) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    let current = read_index(&storage).current;
    write_record(&storage, &entry.id, scenario, entry.changed)?;
    let mut index = read_index(&storage);
    index.current = current;
    write_index(&storage, &index)
}

/// Puts `entry` in place of any older copy of itself, keeping `list` newest change first.
pub fn insert_by_time(list: &mut Vec<Entry>, entry: Entry) {
    list.retain(|e| e.id != entry.id);
    let at = list
        .iter()
        .position(|e| e.changed < entry.changed)
        .unwrap_or(list.len());
    list.insert(at, entry);
}

/// `name`, or `name (2)`, `name (3)`... whichever no name in `taken` already is, shortened
/// where needed so it stays within the name field's [`MAX_NAME_CHARS`].
///
/// ```
/// use frontline::storage::unique_name;
/// assert_eq!(unique_name("Budget", ["Plan"]), "Budget");
/// assert_eq!(unique_name("Budget", ["Budget", "Budget (2)"]), "Budget (3)");
/// let long = "x".repeat(80);
/// assert_eq!(unique_name(&long, [long.as_str()]).chars().count(), 80);
/// ```
pub fn unique_name<'a>(name: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let free = |candidate: &str| !taken.clone().into_iter().any(|t| t == candidate);
    let within = |suffix: &str| {
        let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
        let stem: String = name.chars().take(room).collect();
        format!("{stem}{suffix}")
    };
    let plain = within("");
    if free(&plain) {
        return plain;
    }
    (2..)
        .map(|n| within(&format!(" ({n})")))
        .find(|candidate| free(candidate))
        .unwrap_or_default()
}

/// The saved scenario `id`, if it is there and reads.
pub fn open(id: &str) -> Option<Scenario> {
    let text = local_storage()?.get_item(&record_key(id)).ok().flatten()?;
    read_scenario(&text).ok()
}

/// Records `id` as the open scenario, so a reload opens it.
pub fn set_current(id: &str) {
    if let Some(storage) = local_storage() {
        let mut index = read_index(&storage);
        if index.scenarios.iter().any(|e| e.id == id) {
            index.current = Some(id.to_owned());
            let _ = write_index(&storage, &index);
        }
    }
}

/// Keeps `scenario`, edits of scenario `id` that do not validate yet, as its draft.
///
/// # Errors
///
/// [`SaveError`] when storage is unavailable or refuses the write.
pub fn save_draft(id: &str, scenario: &Scenario) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(&draft_key(id), &scenario.to_json())
        .map_err(|error| SaveError::Refused(js_message(&error)))
}

/// The draft of scenario `id`, if it has one that reads as a scenario: it is not validated, as
/// it is kept because it did not validate. One that does not read is dropped.
pub fn draft(id: &str) -> Option<Scenario> {
    let storage = local_storage()?;
    let key = draft_key(id);
    let text = storage.get_item(&key).ok().flatten()?;
    let scenario = Scenario::from_json(&text).ok();
    if scenario.is_none() {
        let _ = storage.remove_item(&key);
    }
    scenario
}

/// Drops the draft of scenario `id`, once its edits are saved or given up.
pub fn clear_draft(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&draft_key(id));
    }
}

/// Deletes saved scenario `id`, its entry and any draft of it.
pub fn delete(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&record_key(id));
        let _ = storage.remove_item(&draft_key(id));
        let mut index = read_index(&storage);
        index.scenarios.retain(|e| e.id != id);
        if index.current.as_deref() == Some(id) {
            index.current = None;
        }
        let _ = write_index(&storage, &index);
    }
}

/// Every saved scenario, newest change first.
pub fn list() -> Vec<Entry> {
    local_storage().map_or_else(Vec::new, |s| read_index(&s).scenarios)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_comes_back_from_its_json() {
        let index = Index {
            version: LAYOUT_VERSION,
            current: Some("k3x9".into()),
            scenarios: vec![Entry {
                id: "k3x9".into(),
                name: "Budget \"2027\"".into(),
                changed: 1_764_300_000_123.0,
            }],
        };
        assert_eq!(Index::from_json(&index.to_json()), Some(index));
        let empty = Index::empty();
        assert_eq!(Index::from_json(&empty.to_json()), Some(empty));
        // Written by the layout before: the same members, a version the caller then refuses.
        let older = r#"{"version":1,"current":null,"scenarios":[]}"#;
        assert_eq!(Index::from_json(older).map(|i| i.version), Some(1));
        for damaged in [
            "",
            "{}",
            r#"{"version":2,"current":null,"scenarios":[{"id":"a"}]}"#,
        ] {
            assert_eq!(Index::from_json(damaged), None, "{damaged}");
        }
    }
}
