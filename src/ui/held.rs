//! Values that hold still while nobody can see them: while presenting, the inputs panel and the
//! charts behind the current view are hidden, and a live edit would otherwise recompute every
//! figure, legend and description they show.

use leptos::prelude::*;

/// `compute`, as a memo that holds its last value while `held` is true, reading nothing else
/// then, and catches up as soon as `held` turns false. The first value is always computed.
pub fn held_while<T>(
    held: impl Fn() -> bool + Send + Sync + 'static,
    compute: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |last: Option<&T>| match last {
        Some(last) if held() => last.clone(),
        _ => compute(),
    })
}
