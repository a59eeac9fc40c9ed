//! Mounts the what-if analyses, loaded on first use, into the panel the page prepared.
//!
//! Without a panic hook: a panic here shows in the console as a trap, without the hook's
//! message, and the module is a kilobyte smaller.

fn main() {
    frontline::what_if::mount();
}
