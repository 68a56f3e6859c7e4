//! The embed page's `postMessage` API (see `static/embed-demo.html` for a page using it).
//!
//! Every message, both ways, is a plain object with `source: "dstream"` and a `type`.
//!
//! Commands the embedding page sends to the widget's window:
//! `{type: "play"}`, `{type: "pause"}`, `{type: "seek", batch: n}` (virtual time to the end of
//! batch `n`: `n` batches run, `0 ≤ n ≤ MAX_BATCHES`), `{type: "load", state: "<payload>"}` (a link's
//! payload, what follows `#s=`). A command is obeyed only when it comes from the window that
//! embeds the widget (`event.source === window.parent`) and, when the embed URL names the
//! parent's origin (`&parent=`, as `embed.js` does), from that origin; anything of another
//! shape is ignored.
//!
//! Events the widget posts to its parent (to the named origin, else to any): `ready` (with
//! `batch`, `batchMs`, `lesson`), `batch` (whenever the number of batches run changes: `batch`,
//! `timeMs`, `playing`), `answer` (an exercise answered: `lesson`, `exercise`, `kind`,
//! `correct`, `given`) and `resize` (`height` in CSS pixels, for auto-sizing the iframe).

use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;
use yew::prelude::*;

use crate::link::{MAX_ENCODED, PREFIX};
use crate::model::{Action, Model, MAX_BATCHES};

/// The `source` field of every message.
pub const SOURCE: &str = "dstream";

/// A command from the embedding page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start the clock.
    Play,
    /// Stop it.
    Pause,
    /// Go to the end of batch `n`.
    Seek(i64),
    /// Open a link's payload.
    Load(String),
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a command from a message's data; `None` for anything not exactly of a known shape.
pub fn parse_command(data: &JsValue) -> Option<Command> {
    if !data.is_object() || get(data, "source").as_string().as_deref() != Some(SOURCE) {
        return None;
    }
    match get(data, "type").as_string()?.as_str() {
        "play" => Some(Command::Play),
        "pause" => Some(Command::Pause),
        "seek" => {
            let n = get(data, "batch").as_f64()?;
            let ok = n.is_finite() && n.fract() == 0.0 && (0.0..=MAX_BATCHES as f64).contains(&n);
            ok.then_some(Command::Seek(n as i64))
        }
        "load" => {
            let state = get(data, "state").as_string()?;
            let ok = !state.is_empty()
                && state.len() <= MAX_ENCODED
                && state
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            ok.then_some(Command::Load(state))
        }
        _ => None,
    }
}

/// An event object: `{source: "dstream", type, ...fields}`.
pub fn event(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    let _ = Reflect::set(&obj, &"source".into(), &SOURCE.into());
    let _ = Reflect::set(&obj, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&obj, &(*k).into(), v);
    }
    obj.into()
}

/// Posts an event to the embedding page (nothing when the page is not embedded).
fn post(parent_origin: Option<&str>, ev: &JsValue) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if Object::is(&parent, &w) {
        return;
    }
    let _ = parent.post_message(ev, parent_origin.unwrap_or("*"));
}

fn opt_str(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

/// Runs the API while the widget lives, when `embed` is set.
#[hook]
pub fn use_embed_api(
    embed: bool,
    parent_origin: Option<String>,
    model: Rc<Model>,
    dispatch: Callback<Action>,
) {
    {
        let parent_origin = parent_origin.clone();
        use_effect_with(embed, move |&embed| {
            let listener = embed.then(|| {
                let parent_origin = parent_origin.clone();
                Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                    let Some(w) = web_sys::window() else { return };
                    let from_parent = match (e.source(), w.parent()) {
                        (Some(src), Ok(Some(parent))) => Object::is(&src, &parent),
                        _ => false,
                    };
                    let origin_ok = parent_origin.as_deref().is_none_or(|o| e.origin() == o);
                    if !from_parent || !origin_ok {
                        return;
                    }
                    match parse_command(&e.data()) {
                        Some(Command::Play) => dispatch.emit(Action::SetPlaying(true)),
                        Some(Command::Pause) => dispatch.emit(Action::SetPlaying(false)),
                        Some(Command::Seek(n)) => dispatch.emit(Action::SeekBatch(n)),
                        Some(Command::Load(state)) => {
                            let mut hash = String::from(PREFIX);
                            hash.push_str(&state);
                            if let Some(o) = &parent_origin {
                                hash.push_str("&parent=");
                                hash.push_str(&String::from(js_sys::encode_uri_component(o)));
                            }
                            let _ = w.location().set_hash(&hash);
                        }
                        None => {}
                    }
                })
            });
            let window = web_sys::window();
            if let (Some(w), Some(l)) = (&window, &listener) {
                let _ = w.add_event_listener_with_callback("message", l.as_ref().unchecked_ref());
            }
            move || {
                if let (Some(w), Some(l)) = (window, &listener) {
                    let _ = w
                        .remove_event_listener_with_callback("message", l.as_ref().unchecked_ref());
                }
                drop(listener);
            }
        });
    }
    let origin = parent_origin.clone();
    let batches = model.trace.batches.len();
    let batch_ms = model.session.batch_ms();
    let lesson = model.lesson.clone();
    use_effect_with((), {
        let origin = origin.clone();
        move |_| {
            if embed {
                let ev = event(
                    "ready",
                    &[
                        ("batch", (batches as f64).into()),
                        ("batchMs", (batch_ms as f64).into()),
                        ("lesson", opt_str(lesson.as_deref())),
                    ],
                );
                post(origin.as_deref(), &ev);
            }
        }
    });
    let playing = model.playing;
    use_effect_with(batches, {
        let origin = origin.clone();
        move |&n| {
            if embed {
                let ev = event(
                    "batch",
                    &[
                        ("batch", (n as f64).into()),
                        ("timeMs", ((n as i64 * batch_ms) as f64).into()),
                        ("playing", playing.into()),
                    ],
                );
                post(origin.as_deref(), &ev);
            }
        }
    });
    let last_answer = model.answers.last().cloned();
    let lesson = model.lesson.clone();
    use_effect_with(model.answers.len(), {
        let origin = origin.clone();
        move |_| {
            if let (true, Some(a)) = (embed, last_answer) {
                let ev = event(
                    "answer",
                    &[
                        ("lesson", opt_str(lesson.as_deref())),
                        ("exercise", a.id.as_str().into()),
                        ("kind", a.kind.into()),
                        ("correct", a.correct.into()),
                        (
                            "given",
                            a.given.map_or(JsValue::NULL, |g| (g as f64).into()),
                        ),
                    ],
                );
                post(origin.as_deref(), &ev);
            }
        }
    });
    let last_height = use_mut_ref(|| 0.0_f64);
    use_effect(move || {
        if !embed {
            return;
        }
        let h = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .map_or(0.0, |e| e.get_bounding_client_rect().height().ceil());
        if h > 0.0 && (h - *last_height.borrow()).abs() >= 1.0 {
            *last_height.borrow_mut() = h;
            post(origin.as_deref(), &event("resize", &[("height", h.into())]));
        }
    });
}
