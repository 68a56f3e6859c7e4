//! The play clock: the only code that touches timers (the root `clippy.toml` bans them
//! elsewhere). While playing, an interval reports how many real milliseconds passed since its
//! last tick; the reducer turns that into virtual time at the chosen speed. When the engine
//! has more batches to compute than fit in one frame, [`use_next_slice`] asks for the next
//! slice after the browser has drawn the current one, [`use_warm_up`] runs the engine a
//! few times after loading, so the browser optimises its code before the learner's first edit,
//! [`use_after_frame`] leaves work the learner cannot see (panels out of view) until the
//! browser has drawn what they can, [`in_next_frame`] runs a layout read where it costs no
//! layout of its own, and [`use_save_soon`] writes the learner's session a moment after it changed, off the frame
//! that shows the change, and at once when the page is hidden, closed or unmounted.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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

/// While `pending`, calls `then` once in a task after the browser's next frame (an animation
/// frame, then a timeout from it): work the learner cannot see yet waits until what they see
/// has been drawn. A change of `pending` before then cancels the call.
#[hook]
pub fn use_after_frame(pending: bool, then: Callback<()>) {
    use_effect_with(pending, move |&pending| {
        let timeout = Rc::new(RefCell::new(None::<Timeout>));
        let frame = pending.then(|| {
            let timeout = timeout.clone();
            let after = Closure::once(move || {
                #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
                let t = Timeout::new(0, move || then.emit(()));
                *timeout.borrow_mut() = Some(t);
            });
            #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
            let id = web_sys::window().and_then(|w| {
                w.request_animation_frame(after.as_ref().unchecked_ref())
                    .ok()
            });
            (after, id)
        });
        move || {
            if let (Some((_, Some(id))), Some(w)) = (&frame, web_sys::window()) {
                let _ = w.cancel_animation_frame(*id);
            }
            drop(frame);
            drop(timeout.borrow_mut().take());
        }
    });
}

/// Calls `f` once in the next animation frame, before the browser lays that frame out: where
/// reading the layout adds no layout of its own (see `reveal`).
pub fn in_next_frame(f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
        let _ = w.request_animation_frame(f.unchecked_ref());
    }
}

/// Keeps the model of the previous render alive until a later task, after the browser had
/// the chance to draw: dropping a long run's batches and engine state frees many small
/// allocations, work that need not delay the frame the learner is waiting for.
#[hook]
pub fn use_drop_later<T: 'static>(current: T) {
    let kept = use_mut_ref(|| None::<T>);
    let old = kept.borrow_mut().replace(current);
    if let Some(old) = old {
        // A one-shot closure, freed by wasm-bindgen once it has run (no leak per render).
        // Freeing a run's values can recurse as deep as they nest: marked as the engine's work
        // (`storage::Running`), like running it.
        let f = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _running = crate::storage::Running::start();
            drop(old);
        });
        if let Some(w) = web_sys::window() {
            #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
        }
    }
}

/// Calls `work` `times` times after the page has loaded, each in a task of its own, the first
/// a second after the first render and then every 200 ms (see `model::warm_up`).
#[hook]
pub fn use_warm_up(times: u32, work: fn() -> usize) {
    use_effect_with((), move |_| {
        let timeouts: Vec<Timeout> = (0..times)
            .map(|i| {
                #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
                Timeout::new(1000 + 200 * i, move || {
                    work();
                })
            })
            .collect();
        move || drop(timeouts)
    });
}

/// Real milliseconds a changed session waits before [`use_save_soon`] writes it.
pub const SAVE_AFTER_MS: i32 = 250;

/// The save waiting to be written, and whether a timer will write it.
#[derive(Default)]
struct Pending {
    save: Option<Box<dyn FnOnce()>>,
    timed: bool,
}

/// Writes the waiting save, if any (a later change has replaced an earlier one).
fn write_pending(pending: &RefCell<Pending>) {
    let save = pending.borrow_mut().save.take();
    if let Some(save) = save {
        save();
    }
}

/// Calls `save` at once for the first `deps`, then after each change at most
/// [`SAVE_AFTER_MS`] later, in a task of its own (a burst of changes writes once, the last),
/// so writing the session to `localStorage` (its JSON, tens of KB for a long input) does not
/// delay the frame that shows the edit. A waiting save is written at once when the page is
/// hidden or left (`visibilitychange`, `pagehide`) and when the component unmounts: the
/// learner's work is not lost.
#[hook]
pub fn use_save_soon<D: PartialEq + 'static>(deps: D, save: impl FnOnce() + 'static) {
    let pending = use_mut_ref(Pending::default);
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let on_leave = {
                let pending = pending.clone();
                Closure::<dyn Fn()>::new(move || write_pending(&pending))
            };
            let window = web_sys::window();
            let document = window.as_ref().and_then(|w| w.document());
            let f = on_leave.as_ref().unchecked_ref();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("pagehide", f);
            }
            if let Some(d) = &document {
                let _ = d.add_event_listener_with_callback("visibilitychange", f);
            }
            move || {
                let f = on_leave.as_ref().unchecked_ref();
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("pagehide", f);
                }
                if let Some(d) = &document {
                    let _ = d.remove_event_listener_with_callback("visibilitychange", f);
                }
                write_pending(&pending);
            }
        });
    }
    // The first value, what the page loaded with, is written at once: a first visit has a
    // save from its first render on, to which the cursor saved apart applies (playing
    // without editing, then reloading, keeps the time reached).
    let mounted = use_mut_ref(|| false);
    use_effect_with(deps, move |_| {
        if !std::mem::replace(&mut *mounted.borrow_mut(), true) {
            save();
            return;
        }
        let mut p = pending.borrow_mut();
        p.save = Some(Box::new(save));
        if !p.timed {
            p.timed = true;
            let pending = Rc::clone(&pending);
            let later = Closure::once_into_js(move || {
                pending.borrow_mut().timed = false;
                write_pending(&pending);
            });
            if let Some(w) = web_sys::window() {
                #[allow(clippy::disallowed_methods)] // the clock is the one place timers live
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    later.unchecked_ref(),
                    SAVE_AFTER_MS,
                );
            }
        }
    });
}
