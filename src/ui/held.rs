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
    held_while_compared(held, compute, |old, new| old != new)
}

/// [`held_while`] for values told apart by `changed` (given the last value and the new one)
/// rather than by equality: a projection, say, told apart by its address.
pub fn held_while_compared<T>(
    held: impl Fn() -> bool + Send + Sync + 'static,
    compute: impl Fn() -> T + Send + Sync + 'static,
    changed: fn(Option<&T>, Option<&T>) -> bool,
) -> Memo<T>
where
    T: Clone + Send + Sync + 'static,
{
    Memo::new_with_compare(
        move |last: Option<&T>| match last {
            Some(last) if held() => last.clone(),
            _ => compute(),
        },
        changed,
    )
}
