//! Component tests in a real browser (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use frontline::model::Scenario;
use frontline::storage::{self, INDEX_KEY, LEGACY_KEY, LEGACY_UNREADABLE_KEY};
use frontline::ui::App;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// Mounts the whole app into a fresh wrapper, with `saved` in storage where the first version
/// kept its single scenario (or nothing).
async fn mount_app(saved: Option<&str>) -> (HtmlElement, impl Drop) {
    let storage = local_storage();
    storage.clear().unwrap();
    if let Some(text) = saved {
        storage.set_item(LEGACY_KEY, text).unwrap();
    }
    mount_app_keeping_storage().await
}

struct Unmount<T>(Option<T>, HtmlElement);

impl<T> Drop for Unmount<T> {
    fn drop(&mut self) {
        drop(self.0.take());
        self.1.remove();
    }
}

fn by_test_id(root: &HtmlElement, id: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {id}"))
        .unchecked_into()
}

fn text_of(root: &HtmlElement, id: &str) -> String {
    by_test_id(root, id).text_content().unwrap_or_default()
}

fn type_into(root: &HtmlElement, id: &str, text: &str) {
    let input: HtmlInputElement = by_test_id(root, id).unchecked_into();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn editing_a_lever_updates_the_headline_and_the_table_row() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    let before = text_of(&root, "headline-extra-contribution-value");
    let customers_before = text_of(&root, "rc-customers");
    assert!(before.starts_with('$'), "{before}");

    type_into(&root, "revenue_center.monthly_churn", "1.2");
    tick().await;

    let after = text_of(&root, "headline-extra-contribution-value");
    assert_ne!(before, after, "the headline follows the lever");
    assert_ne!(customers_before, text_of(&root, "rc-customers"));
    assert!(root
        .query_selector("[data-testid=stale-notice]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_bad_value_gets_its_message_and_the_figures_are_marked_stale() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    let before = text_of(&root, "headline-extra-contribution-value");

    type_into(&root, "cost_center.monthly_churn", "150");
    tick().await;
    assert_eq!(
        text_of(&root, "cost_center.monthly_churn-message"),
        "Customers lost (cost center) must be between 0% and 100%; it is 150%."
    );
    assert!(text_of(&root, "stale-notice").contains("1 input needs fixing"));
    assert_eq!(
        text_of(&root, "headline-extra-contribution-value"),
        before,
        "last valid figures stay"
    );

    type_into(&root, "baseline.first_contacts_per_month", "lots");
    tick().await;
    assert_eq!(
        text_of(&root, "baseline.first_contacts_per_month-message"),
        "\"lots\" is not a number."
    );
    assert!(text_of(&root, "stale-notice").contains("2 inputs need fixing"));

    type_into(&root, "cost_center.monthly_churn", "2");
    type_into(&root, "baseline.first_contacts_per_month", "30000");
    tick().await;
    assert_eq!(text_of(&root, "cost_center.monthly_churn-message"), "");
    assert!(root
        .query_selector("[data-testid=stale-notice]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn customers_lost_read_as_fewer_not_as_negative_more() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    assert!(text_of(&root, "headline-customers-kept-detail").starts_with("more customers"));
    type_into(&root, "revenue_center.monthly_churn", "5");
    tick().await;
    assert!(text_of(&root, "headline-customers-kept-value").starts_with('-'));
    assert!(text_of(&root, "headline-customers-kept-detail").starts_with("fewer customers"));
}

#[wasm_bindgen_test]
async fn the_channel_mix_message_names_the_total() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    type_into(&root, "baseline.channel_mix.phone", "50");
    tick().await;
    assert_eq!(text_of(&root, "mix-total"), "95.0%");
    assert_eq!(
        text_of(&root, "baseline.channel_mix-message"),
        "Channel mix adds up to 95%; it must be 100%."
    );
}

#[wasm_bindgen_test]
async fn typed_text_is_kept_while_it_reads_as_the_same_number() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    type_into(&root, "baseline.customers_at_start", "120,000");
    tick().await;
    let input: HtmlInputElement = by_test_id(&root, "baseline.customers_at_start").unchecked_into();
    assert_eq!(input.value(), "120,000");
}

/// Opens "More levers", as a manager would before using a lever there, and waits until the
/// browser has reported it open (the `toggle` event comes a task later).
async fn open_more_levers(root: &HtmlElement) {
    let details: web_sys::HtmlDetailsElement = by_test_id(root, "more-levers").unchecked_into();
    details.set_open(true);
    let toggled = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        details
            .add_event_listener_with_callback_and_add_event_listener_options(
                "toggle", &resolve, &options,
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(toggled).await.unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn a_cost_per_contact_in_simple_mode_replaces_staffing_and_clearing_it_restores_it() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    open_more_levers(&root).await;
    let from_staffing = text_of(&root, "cc-cost-per-contact");
    let revenue_center = text_of(&root, "rc-cost-per-contact");

    type_into(&root, "cost_center.cost_per_contact.chat", "40");
    tick().await;
    assert_ne!(text_of(&root, "cc-cost-per-contact"), from_staffing);
    assert_eq!(
        text_of(&root, "rc-cost-per-contact"),
        revenue_center,
        "only the cost center's chat changed"
    );

    type_into(&root, "cost_center.cost_per_contact.chat", "");
    tick().await;
    assert_eq!(
        text_of(&root, "cost_center.cost_per_contact.chat-message"),
        ""
    );
    assert_eq!(text_of(&root, "cc-cost-per-contact"), from_staffing);
}

#[wasm_bindgen_test]
async fn a_currency_code_is_checked_and_then_used_for_money() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    let field = || by_test_id(&root, "baseline.currency");

    type_into(&root, "baseline.currency", "E1");
    tick().await;
    assert!(text_of(&root, "baseline.currency-message").contains("E1"));
    assert_eq!(
        field().get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(text_of(&root, "stale-notice").contains("1 input needs fixing"));

    type_into(&root, "baseline.currency", "eur");
    tick().await;
    assert_eq!(text_of(&root, "baseline.currency-message"), "");
    assert_eq!(
        field().get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert!(text_of(&root, "headline-extra-contribution-value").contains('€'));
}

#[wasm_bindgen_test]
async fn money_in_another_currency_is_refused_not_read_as_the_plans() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    let revenue = "baseline.revenue_per_customer_per_month";
    let before = text_of(&root, "headline-extra-contribution-value");

    type_into(&root, revenue, "30 EUR");
    tick().await;
    assert_eq!(
        text_of(&root, &format!("{revenue}-message")),
        "The plan is in USD, not EUR: enter the amount in USD."
    );
    assert_eq!(text_of(&root, "headline-extra-contribution-value"), before);

    type_into(&root, "baseline.customers_at_start", "$5,000");
    tick().await;
    assert_eq!(
        text_of(&root, "baseline.customers_at_start-message"),
        "This is not money: leave out the currency."
    );

    type_into(&root, revenue, "$30");
    type_into(&root, "baseline.customers_at_start", "5,000");
    tick().await;
    assert_eq!(text_of(&root, &format!("{revenue}-message")), "");
    assert_eq!(text_of(&root, "baseline.customers_at_start-message"), "");
    assert_ne!(text_of(&root, "headline-extra-contribution-value"), before);
}

/// The scenario saved last, as a reload would open it.
fn saved_scenario() -> Option<Scenario> {
    local_storage().get_item(INDEX_KEY).unwrap()?;
    let loaded = storage::load();
    storage::list()
        .iter()
        .any(|e| e.id == loaded.id)
        .then_some(loaded.scenario)
}

#[wasm_bindgen_test]
async fn valid_edits_are_saved_once_editing_pauses_and_come_back() {
    let (root, app) = mount_app(None).await;
    tick().await;
    type_into(&root, "revenue_center.offer_rate", "55");
    tick().await;
    assert_eq!(saved_scenario(), None, "not written on every keystroke");
    wait_until("the edit is saved once editing pauses", || {
        saved_scenario().is_some()
    })
    .await;
    let saved = saved_scenario().expect("saved");
    assert!((saved.revenue_center.offer_rate - 0.55).abs() < 1e-12);
    drop(app);

    let loaded = storage::load();
    assert_eq!(loaded.scenario, saved);
    assert_eq!(loaded.notices, Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn an_invalid_edit_is_not_saved() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    type_into(&root, "revenue_center.offer_rate", "55");
    tick().await;
    wait_until("the valid edit is saved", || saved_scenario().is_some()).await;
    type_into(&root, "revenue_center.offer_rate", "555");
    tick().await;
    // Leaving the page saves at once whatever can be saved: not the scenario, while a field is
    // invalid (its edits are kept aside as its draft).
    leave_page();
    let saved = saved_scenario().expect("saved");
    assert!(
        (saved.revenue_center.offer_rate - 0.55).abs() < 1e-12,
        "the last valid value stays saved"
    );
}

#[wasm_bindgen_test]
async fn edits_made_while_a_field_is_wrong_come_back_after_a_reload() {
    let (root, app) = mount_app(None).await;
    tick().await;
    type_into(&root, "baseline.horizon_months", "500");
    tick().await;
    type_into(&root, "revenue_center.offer_rate", "55");
    tick().await;
    leave_page();
    // The last valid version is saved, so the scenario is in the list; the edits are its draft.
    let saved = saved_scenario().expect("the example saved as it last was valid");
    assert_eq!(saved, Scenario::default());
    drop(app);

    let (root, _app) = mount_app_keeping_storage().await;
    tick().await;
    let field = |id: &str| {
        by_test_id(&root, id)
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    assert_eq!(field("baseline.horizon_months"), "500");
    assert_eq!(field("revenue_center.offer_rate"), "55");
    assert!(
        !text_of(&root, "baseline.horizon_months-message").is_empty(),
        "the field still says what is wrong"
    );
    // Put right, the edits are saved and the draft goes.
    type_into(&root, "baseline.horizon_months", "48");
    tick().await;
    leave_page();
    let saved = saved_scenario().expect("saved");
    assert_eq!(saved.baseline.horizon_months, 48);
    assert!((saved.revenue_center.offer_rate - 0.55).abs() < 1e-12);
    let id = storage::load().id;
    assert_eq!(storage::draft(&id), None);
}

#[wasm_bindgen_test]
async fn leaving_the_page_saves_an_edit_at_once() {
    let (root, _app) = mount_app(None).await;
    tick().await;
    type_into(&root, "revenue_center.offer_rate", "45");
    tick().await;
    leave_page();
    let saved = saved_scenario().expect("saved on pagehide");
    assert!((saved.revenue_center.offer_rate - 0.45).abs() < 1e-12);
}

#[wasm_bindgen_test]
async fn a_page_left_without_edits_writes_nothing() {
    let (_root, _app) = mount_app(None).await;
    tick().await;
    leave_page();
    assert_eq!(saved_scenario(), None);
}

#[wasm_bindgen_test]
async fn corrupt_storage_is_kept_aside_and_reported() {
    let (root, _app) = mount_app(Some("{\"version\": 1, \"baseline\": \"oops\"")).await;
    tick().await;
    let notice = text_of(&root, "storage-notice");
    assert!(notice.contains("could not be opened"), "{notice}");
    assert!(notice.contains(LEGACY_UNREADABLE_KEY), "{notice}");
    assert_eq!(
        local_storage()
            .get_item(LEGACY_UNREADABLE_KEY)
            .unwrap()
            .as_deref(),
        Some("{\"version\": 1, \"baseline\": \"oops\"")
    );
    assert!(text_of(&root, "example-badge").contains("example"));
}

#[wasm_bindgen_test]
async fn a_scenario_from_a_newer_version_is_not_overwritten_silently() {
    let newer = "{\"version\": 9, \"note\": \"from the future\"}";
    let (root, _app) = mount_app(Some(newer)).await;
    tick().await;
    assert!(text_of(&root, "storage-notice").contains("newer version"));
    assert_eq!(
        local_storage()
            .get_item(LEGACY_UNREADABLE_KEY)
            .unwrap()
            .as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
async fn charts_get_a_canvas_sized_by_device_pixel_ratio() {
    let (root, _app) = mount_app(None).await;
    let canvas: web_sys::HtmlCanvasElement =
        by_test_id(&root, "chart-customers-canvas").unchecked_into();
    // Size and visibility observers report a frame or more after mounting.
    wait_until("the chart is measured and drawn", || canvas.width() > 0).await;
    let ratio = window().device_pixel_ratio();
    let css_width = f64::from(canvas.client_width());
    assert!(css_width > 50.0, "canvas laid out: {css_width}");
    assert!((f64::from(canvas.width()) - css_width * ratio).abs() <= 2.0);
}

/// Leaves the page as a reload or a closed tab does: pending edits are saved at once.
fn leave_page() {
    window()
        .dispatch_event(&Event::new("pagehide").unwrap())
        .unwrap();
}

/// Waits, a frame at a time, until `done` holds; fails after five seconds naming `what`.
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    while !done() {
        assert!(
            js_sys::Date::now() - start < 5_000.0,
            "waited five seconds for: {what}"
        );
        next_frame().await;
    }
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A canvas of `width` x `height` device pixels in the page, and its 2D context.
fn scratch_canvas(
    width: u32,
    height: u32,
) -> (
    web_sys::HtmlCanvasElement,
    web_sys::CanvasRenderingContext2d,
) {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::CanvasRenderingContext2d>();
    (canvas, context)
}

/// The red, green, blue and alpha of one pixel.
fn pixel(context: &web_sys::CanvasRenderingContext2d, x: f64, y: f64) -> [u8; 4] {
    let data = context.get_image_data(x, y, 1.0, 1.0).unwrap().data();
    [data[0], data[1], data[2], data[3]]
}

#[wasm_bindgen_test]
fn chart_canvas_draws_gathered_lines_once_presented() {
    use frontline::ui::chart_canvas::ChartCanvas;
    use plotters::prelude::*;

    let (canvas, context) = scratch_canvas(40, 20);
    let mut backend = ChartCanvas::new(canvas).unwrap();
    let red = RED.stroke_width(2);
    // A horizontal line lands on pixel centres: this one fills row 4.
    backend.draw_line((0, 5), (40, 5), &red).unwrap();
    backend
        .draw_path([(0, 15), (20, 15), (40, 15)], &red)
        .unwrap();
    assert_eq!(
        pixel(&context, 20.0, 4.0)[3],
        0,
        "not stroked before presenting"
    );
    backend.present().unwrap();
    for y in [4.0, 15.0] {
        let [r, g, b, a] = pixel(&context, 20.0, y);
        assert!(r > 200 && g < 60 && b < 60 && a > 200, "red line at y {y}");
    }
}

#[wasm_bindgen_test]
fn chart_canvas_sets_its_colour_again_after_a_drawing_it_hands_on() {
    use frontline::ui::chart_canvas::ChartCanvas;
    use plotters::prelude::*;

    let (canvas, context) = scratch_canvas(40, 40);
    let mut backend = ChartCanvas::new(canvas).unwrap();
    backend
        .draw_line((0, 5), (40, 5), &RED.stroke_width(2))
        .unwrap();
    // Circles are drawn by plotters-canvas, which leaves its own stroke colour behind.
    backend
        .draw_circle((20, 25), 5, &BLUE.stroke_width(1), false)
        .unwrap();
    backend
        .draw_line((0, 35), (40, 35), &RED.stroke_width(2))
        .unwrap();
    backend.present().unwrap();
    let [r, g, b, _] = pixel(&context, 5.0, 34.0);
    assert!(r > 200 && g < 60 && b < 60, "red, not blue: {r} {g} {b}");
}

/// A scenario the first version saved, as it wrote it: it opens unchanged, now in the list.
const FIRST_VERSION_RECORD: &str = include_str!("fixtures/scenario-v1.json");

#[wasm_bindgen_test]
async fn the_scenario_the_first_version_saved_moves_into_the_list() {
    let expected = Scenario::from_json(FIRST_VERSION_RECORD).unwrap();
    assert_eq!(expected.name, "Budget 2027 <b>draft</b>");
    let (root, _app) = mount_app(Some(FIRST_VERSION_RECORD.trim())).await;
    tick().await;
    let name: HtmlInputElement = by_test_id(&root, "scenario-name").unchecked_into();
    assert_eq!(name.value(), expected.name);
    assert_eq!(text_of(&root, "scenario-count"), "1");
    assert_eq!(local_storage().get_item(LEGACY_KEY).unwrap(), None);
    let list = storage::list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, expected.name);
    assert_eq!(storage::open(&list[0].id), Some(expected));
}

/// Puts `fragment` in the test page's address, as a link would.
fn set_fragment(fragment: &str) {
    let history = window().history().unwrap();
    let location = window().location();
    let address = format!(
        "{}{}#{fragment}",
        location.pathname().unwrap(),
        location.search().unwrap()
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_link_opens_its_scenario_and_leaves_the_managers_own_untouched() {
    let (root, app) = mount_app(None).await;
    tick().await;
    type_into(&root, "scenario-name", "Mine");
    tick().await;
    leave_page();
    let own = saved_scenario().expect("own scenario saved");
    drop(app);

    let shared = Scenario {
        name: "Theirs".into(),
        ..Scenario::default()
    };
    set_fragment(&frontline::share::encode(&shared));
    let (root, _app) = mount_app_keeping_storage().await;
    tick().await;
    assert!(!by_test_id(&root, "shared-banner").hidden());
    assert!(text_of(&root, "shared-banner").contains("Theirs"));
    let name: HtmlInputElement = by_test_id(&root, "scenario-name").unchecked_into();
    assert_eq!(name.value(), "Theirs");

    // Edits to the shared scenario stay in the address, never in the manager's storage.
    type_into(&root, "revenue_center.offer_rate", "45");
    tick().await;
    leave_page();
    let fragment = window().location().hash().unwrap();
    let edited = frontline::share::decode(&fragment).unwrap();
    assert!((edited.revenue_center.offer_rate - 0.45).abs() < 1e-12);
    assert_eq!(storage::list().len(), 1);
    assert_eq!(saved_scenario(), Some(own.clone()));

    by_test_id(&root, "close-shared").click();
    wait_until("the manager's own scenario is back", || {
        name.value() == "Mine"
    })
    .await;
    assert_eq!(window().location().hash().unwrap(), "");
    assert!(by_test_id(&root, "shared-banner").hidden());
}

#[wasm_bindgen_test]
async fn a_shared_scenario_saved_gets_a_name_of_its_own() {
    let (root, app) = mount_app(None).await;
    tick().await;
    type_into(&root, "scenario-name", "Budget");
    tick().await;
    leave_page();
    drop(app);

    set_fragment(&frontline::share::encode(&Scenario {
        name: "Budget".into(),
        ..Scenario::default()
    }));
    let (root, _app) = mount_app_keeping_storage().await;
    tick().await;
    by_test_id(&root, "save-shared").click();
    let name: HtmlInputElement = by_test_id(&root, "scenario-name").unchecked_into();
    wait_until("the shared scenario is saved under a new name", || {
        name.value() == "Budget (2)"
    })
    .await;
    let names: Vec<String> = storage::list().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["Budget (2)", "Budget"]);
    assert_eq!(window().location().hash().unwrap(), "");
}

#[wasm_bindgen_test]
async fn a_damaged_link_says_why_and_the_managers_own_scenario_opens() {
    set_fragment("s=1.AAAA");
    let (root, _app) = mount_app(None).await;
    tick().await;
    let notice = text_of(&root, "storage-notice");
    assert!(notice.contains("This link could not be opened"), "{notice}");
    assert!(notice.contains("damaged"), "{notice}");
    assert!(by_test_id(&root, "shared-banner").hidden());
    assert_eq!(window().location().hash().unwrap(), "");
}

/// Mounts the app on empty storage and saves the example under `name`, as leaving the page does.
async fn mount_with_one_saved(name: &str) -> (HtmlElement, impl Drop) {
    let (root, app) = mount_app(None).await;
    tick().await;
    type_into(&root, "scenario-name", name);
    tick().await;
    leave_page();
    (root, app)
}

#[wasm_bindgen_test]
async fn a_deleted_scenario_can_be_brought_back() {
    let (root, _app) = mount_with_one_saved("First").await;
    by_test_id(&root, "scenarios").click();
    tick().await;
    by_test_id(&root, "scenario-new").click();
    let name: HtmlInputElement = by_test_id(&root, "scenario-name").unchecked_into();
    wait_until("the new scenario opens", || name.value() == "New scenario").await;
    assert_eq!(text_of(&root, "scenario-count"), "2");

    // Delete the one open: the other opens in its place.
    let open_entry = root
        .query_selector("[data-testid=scenario-entry].open [data-testid=scenario-delete]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    open_entry.click();
    wait_until("the other scenario opens", || name.value() == "First").await;
    assert_eq!(text_of(&root, "scenario-count"), "1");
    assert!(text_of(&root, "deleted-notice").contains("New scenario"));

    by_test_id(&root, "undo-delete").click();
    wait_until("the deleted scenario is back and open", || {
        name.value() == "New scenario"
    })
    .await;
    assert_eq!(text_of(&root, "scenario-count"), "2");
    let names: Vec<String> = storage::list().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["New scenario", "First"]);
}

/// Mounts the app on whatever storage holds now.
/// Mounts the whole app into a fresh wrapper, and waits, as a person does, until the inputs and
/// the figures below the first chart have been built after the first frame.
async fn mount_app_keeping_storage() -> (HtmlElement, impl Drop) {
    let wrapper = document()
        .create_element("section")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let handle = leptos::mount::mount_to(wrapper.clone(), App);
    let guard = Unmount(Some(handle), wrapper.clone());
    let built = |selector: &str| wrapper.query_selector(selector).unwrap().is_some();
    wait_until("the page built after its first frame", || {
        built(".inputs > *") && built("[data-testid=rc-customers]")
    })
    .await;
    (wrapper, guard)
}

#[wasm_bindgen_test]
async fn a_damaged_open_scenario_is_kept_aside_and_reported_once() {
    let storage = local_storage();
    storage.clear().unwrap();
    let id = "damaged";
    storage
        .set_item(&storage::record_key(id), "{\"version\": 1, \"baseline\":")
        .unwrap();
    storage
        .set_item(
            INDEX_KEY,
            &format!(
                "{{\"version\":2,\"current\":\"{id}\",\"scenarios\":[{{\"id\":\"{id}\",\"name\":\"Budget\",\"changed\":1}}]}}"
            ),
        )
        .unwrap();
    let (root, _app) = mount_app_keeping_storage().await;
    tick().await;
    let notices = root
        .query_selector_all("[data-testid=storage-notice]")
        .unwrap();
    assert_eq!(notices.length(), 1);
    assert!(text_of(&root, "storage-notice").contains("\"Budget\" could not be opened"));
    assert_eq!(
        local_storage()
            .get_item(&format!("{}.unreadable", storage::record_key(id)))
            .unwrap()
            .as_deref(),
        Some("{\"version\": 1, \"baseline\":")
    );
    assert!(storage::list().is_empty());
}

#[wasm_bindgen_test]
async fn opening_a_scenario_leaves_the_comparison() {
    let (root, _app) = mount_with_one_saved("First").await;
    by_test_id(&root, "scenarios").click();
    by_test_id(&root, "scenario-blank").click();
    let name: HtmlInputElement = by_test_id(&root, "scenario-name").unchecked_into();
    wait_until("the blank scenario opens", || {
        name.value() == "Blank scenario"
    })
    .await;

    by_test_id(&root, "scenarios").click();
    let ticks = root
        .query_selector_all("[data-testid=scenario-tick]")
        .unwrap();
    for i in 0..ticks.length() {
        ticks
            .item(i)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click();
    }
    let compare: HtmlElement = by_test_id(&root, "scenario-compare");
    wait_until("two ticked scenarios can be compared", || {
        !compare.has_attribute("disabled")
    })
    .await;
    compare.click();
    // The comparison is built the first time scenarios are compared.
    wait_until("the comparison shows", || {
        root.query_selector("[data-testid=compare]")
            .unwrap()
            .is_some_and(|view| !view.unchecked_into::<HtmlElement>().hidden())
    })
    .await;
    let view = by_test_id(&root, "compare");
    // The strategy the figures are of, then seven figures.
    assert_eq!(
        root.query_selector_all("[data-testid=compare-figure]")
            .unwrap()
            .length(),
        8
    );

    // Opening the other scenario from the list shows it in the planner.
    by_test_id(&root, "scenarios").click();
    let first = root
        .query_selector("[data-testid=scenario-entry]:not(.open) [data-testid=scenario-open]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    first.click();
    wait_until("the comparison closes", || view.hidden()).await;
    assert_eq!(name.value(), "First");
}

#[wasm_bindgen_test]
fn money_in_a_column_keeps_three_digits_and_elsewhere_drops_trailing_zeros() {
    use frontline::ui::format::{money_column, money_compact};

    // The test browser formats in en-US.
    assert_eq!(money_column(10.0e6, "USD"), "$10.0M");
    assert_eq!(money_column(10.1e6, "USD"), "$10.1M");
    assert_eq!(money_column(-586_400.0, "USD"), "-$586K");
    assert_eq!(money_column(0.0, "USD"), "$0");
    assert_eq!(money_compact(10.0e6, "USD"), "$10M");
    assert_eq!(money_compact(60.0e3, "USD"), "$60K");
}

#[wasm_bindgen_test]
fn differing_inputs_lists_each_difference_with_every_value() {
    use frontline::ui::fields::differing_inputs;

    // Values are grouped to be read in the test browser's en-US.
    let example = Scenario::default();
    assert_eq!(differing_inputs(&[&example, &example.clone()]), []);

    let mut leaner = example.clone();
    leaner.revenue_center.monthly_churn = 0.012;
    leaner.baseline.gross_margin = 0.55;
    leaner.cost_center.cost_per_contact.phone = Some(4.5);
    let mut euro = example.clone();
    euro.baseline.currency = "EUR".into();
    let found = differing_inputs(&[&example, &leaner, &euro]);
    let row = |label: &str| {
        found
            .iter()
            .find(|d| d.label == label)
            .unwrap_or_else(|| panic!("{label} missing from {found:?}"))
            .values
            .clone()
    };
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(
        row("Gross margin on that revenue"),
        ["60\u{a0}%", "55\u{a0}%", "60\u{a0}%"]
    );
    assert_eq!(
        row("Customers lost (revenue center)"),
        [
            "1.6\u{a0}% a month",
            "1.2\u{a0}% a month",
            "1.6\u{a0}% a month"
        ]
    );
    assert_eq!(
        row("Phone cost per contact (cost center)"),
        ["from staffing", "4.5\u{a0}USD", "from staffing"]
    );
    assert_eq!(row("Currency"), ["USD", "USD", "EUR"]);
    let mut bigger = example.clone();
    bigger.baseline.customers_at_start = 250_000.0;
    assert_eq!(
        differing_inputs(&[&example, &bigger])[0].values,
        ["100,000\u{a0}customers", "250,000\u{a0}customers"]
    );
}
