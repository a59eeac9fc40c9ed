//! Files: the scenario saved as JSON and opened again, and the monthly figures as CSV for a
//! spreadsheet. Nothing leaves the browser but through the manager's own download.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::Planner;
use crate::export::{file_name, monthly_csv};
use crate::model::Scenario;
use crate::storage;

/// Largest scenario file read; a scenario is about 2 KB.
const MAX_FILE_BYTES: f64 = 100_000.0;

/// Today's date in the browser's time zone, as YYYY-MM-DD.
pub(super) fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Hands `text` to the browser as a download named `name`.
fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    offer(name, &url)?;
    web_sys::Url::revoke_object_url(&url)
}

/// Hands what `url` holds (a blob or data URL) to the browser as a download named `name`.
pub(super) fn offer(name: &str, url: &str) -> Result<(), JsValue> {
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// A scenario file's text, checked as a link is: a scenario Frontline reads, within range,
/// with a name of at most [`crate::model::scenario::MAX_NAME_CHARS`] characters.
fn read_scenario_file(text: &str) -> Result<Scenario, String> {
    // Validation checks the name's length too.
    storage::read_scenario(text).map_err(|e| e.to_string())
}

/// Save as file, open a file, and the monthly figures as CSV.
#[component]
pub fn FileActions() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let picker = NodeRef::<leptos::html::Input>::new();

    let save_file = move |_| {
        let (name, json) = planner
            .scenario
            .with_untracked(|s| (s.name.clone(), s.to_json()));
        if download(
            &file_name(&name, &today(), "json"),
            "application/json",
            &json,
        )
        .is_err()
        {
            planner.notify("The browser did not allow the download.".into());
        }
    };
    let save_csv = move |_| {
        let Some(shown) = planner.shown.get_untracked() else {
            return;
        };
        let csv = monthly_csv(&shown.projection, &shown.scenario.baseline.currency);
        let name = file_name(&shown.scenario.name, &today(), "csv");
        if download(&name, "text/csv;charset=utf-8", &csv).is_err() {
            planner.notify("The browser did not allow the download.".into());
        }
    };
    let open_file = move |_| {
        let Some(input) = picker.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file chosen again should be read again.
        input.set_value("");
        let file_label = file.name();
        if file.size() > MAX_FILE_BYTES {
            planner.notify(format!(
                "\u{201c}{file_label}\u{201d} could not be opened: it is far larger than a scenario file."
            ));
            return;
        }
        let text = file.text();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(text)
                .await
                .ok()
                .and_then(|t| t.as_string());
            match text
                .ok_or_else(|| "the browser could not read it".to_owned())
                .and_then(|t| read_scenario_file(&t))
            {
                Ok(scenario) => planner.import(scenario),
                Err(error) => planner.notify(format!(
                    "\u{201c}{file_label}\u{201d} could not be opened: {error}."
                )),
            }
        });
    };

    view! {
        <div class="file-actions">
            <button type="button" class="ghost" data-testid="export-json" on:click=save_file>"Save as file"</button>
            <button type="button" class="ghost" data-testid="import-json" on:click=move |_| {
                if let Some(input) = picker.get_untracked() {
                    input.click();
                }
            }>"Open a file\u{2026}"</button>
            <input type="file" accept=".json,application/json" hidden node_ref=picker data-testid="import-file" aria-label="Scenario file to open" on:change=open_file />
            <button type="button" class="ghost" data-testid="export-csv" on:click=save_csv>"Monthly figures (CSV)"</button>
        </div>
    }
}
