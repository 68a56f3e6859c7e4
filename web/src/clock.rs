//! The play clock: the only code that touches timers (the root `clippy.toml` bans them
//! elsewhere). While playing, an interval reports how many real milliseconds passed since its
//! last tick; the reducer turns that into virtual time at the chosen speed. When the engine
//! has more batches to compute than fit in one frame, [`use_next_slice`] asks for the next
//! slice after the browser has drawn the current one.

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

/// Real milliseconds between ticks while playing.
pub const TICK_MS: u32 = 50;

/// Calls `on_tick` with the real milliseconds elapsed, every [`TICK_MS`], while `playing`.
#[hook]
pub fn use_clock(playing: bool, on_tick: Callback<f64>) {
    use_effect_with(playing, move |&playing| {
        let interval = playing.then(|| {
            let mut last = js_sys::Date::now();
            #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
            Interval::new(TICK_MS, move || {
                let now = js_sys::Date::now();
                on_tick.emit(now - last);
                last = now;
            })
        });
        move || drop(interval)
    });
}

/// While `pending` is `Some` (work left, e.g. batches computed so far and due), calls
/// `on_slice` once in a new task after each change of it, so the page draws and handles input
/// between slices of long work.
#[hook]
pub fn use_next_slice(pending: Option<(usize, usize)>, on_slice: Callback<()>) {
    use_effect_with(pending, move |pending| {
        let timeout = pending.is_some().then(|| {
            #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
            Timeout::new(0, move || on_slice.emit(()))
        });
        move || drop(timeout)
    });
}
