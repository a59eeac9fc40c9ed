//! Mounts the Frontline planner into the page.

fn main() {
    // Panics name their place in the console in development builds. A release build goes
    // without the hook and its formatting code, as the what-if module does: a panic there shows
    // as a trap, and the same code's development build names it.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(frontline::ui::App);
}
