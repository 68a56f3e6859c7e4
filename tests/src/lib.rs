//! Helpers for the browser tests: mount a component into a fresh element of the page, let Yew
//! finish rendering, then read, type into, key and click what it rendered; record the actions
//! a component dispatches.
//!
//! The tests themselves live in `tests/tests/*.rs` and run with
//! `wasm-pack test --headless --chrome tests`.

use std::cell::RefCell;
use std::rc::Rc;

use dstream_web::model::{Action, Model};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit,
};
use yew::{BaseComponent, Callback};

/// A component mounted into its own `<div>` at the end of `<body>`; unmounted on drop.
pub struct Mounted {
    root: Element,
    destroy: Option<Box<dyn FnOnce()>>,
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// Forgets the saved session, so the app starts as on a first visit.
pub fn clear_storage() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.clear();
    }
}

/// Sets the saved session text directly.
pub fn set_saved(text: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(dstream_web::storage::KEY, text);
    }
}

/// Sets the saved language choice (`zh` or `en`).
pub fn set_saved_lang(code: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(dstream_web::storage::LANG_KEY, code);
    }
}

/// The saved session text.
pub fn saved() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(dstream_web::storage::KEY).ok().flatten())
}

/// Lets Yew render everything scheduled.
pub async fn flush() {
    yew::scheduler::flush().await;
}

impl Mounted {
    /// Mounts `C` (with default props) into a fresh element and waits until it has rendered.
    pub async fn new<C>() -> Mounted
    where
        C: BaseComponent,
        C::Properties: Default,
    {
        Mounted::with_props::<C>(C::Properties::default()).await
    }

    /// Mounts `C` with `props` into a fresh element and waits until it has rendered.
    pub async fn with_props<C>(props: C::Properties) -> Mounted
    where
        C: BaseComponent,
    {
        let root = document().create_element("div").expect("a new <div>");
        document()
            .body()
            .expect("a <body>")
            .append_child(&root)
            .expect("appending the root");
        let handle = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
        flush().await;
        Mounted {
            root,
            destroy: Some(Box::new(move || handle.destroy())),
        }
    }

    /// The text of everything the component rendered.
    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// All elements matching `selector`, in document order.
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect()
    }

    /// The one element matching `selector`; panics when there is none.
    pub fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .expect("a valid selector")
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    /// Whether something matches `selector`.
    pub fn has(&self, selector: &str) -> bool {
        self.root
            .query_selector(selector)
            .expect("a valid selector")
            .is_some()
    }

    /// The text of the element matching `selector`.
    pub fn text_of(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }

    /// The value of the input, textarea or select matching `selector`.
    pub fn value(&self, selector: &str) -> String {
        let el = self.one(selector);
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.value()
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.value()
        } else {
            String::new()
        }
    }

    /// An attribute of the element matching `selector`.
    pub fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.one(selector).get_attribute(name)
    }

    /// Clicks the element matching `selector` and waits until Yew has re-rendered.
    pub async fn click(&self, selector: &str) {
        self.one(selector)
            .dyn_into::<HtmlElement>()
            .expect("an HTML element")
            .click();
        flush().await;
    }

    /// Sets the value of the input, textarea or select matching `selector` and fires `input`
    /// and `change`, as typing and leaving the field would.
    pub async fn set_value(&self, selector: &str, value: &str) {
        let el = self.one(selector);
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            if i.type_() == "checkbox" {
                i.set_checked(value == "true");
            } else {
                i.set_value(value);
            }
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(value);
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.set_value(value);
        }
        for kind in ["input", "change"] {
            let init = EventInit::new();
            init.set_bubbles(true);
            let e = Event::new_with_event_init_dict(kind, &init).expect("an event");
            el.dispatch_event(&e).expect("dispatching");
        }
        flush().await;
    }

    /// Fires a `keydown` of `key` at the element matching `selector` (or at the window when
    /// `None`); `composing` marks it as part of an IME composition.
    pub async fn key(&self, selector: Option<&str>, key: &str, composing: bool) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_is_composing(composing);
        let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("a keyboard event");
        match selector {
            Some(sel) => {
                self.one(sel).dispatch_event(&e).expect("dispatching");
            }
            None => {
                web_sys::window()
                    .expect("a window")
                    .dispatch_event(&e)
                    .expect("dispatching");
            }
        }
        flush().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(destroy) = self.destroy.take() {
            destroy();
        }
        self.root.remove();
    }
}

/// A dispatch callback that keeps what it was given.
#[derive(Clone, Default)]
pub struct Recorder {
    actions: Rc<RefCell<Vec<Action>>>,
}

impl Recorder {
    /// The callback to hand a component.
    pub fn callback(&self) -> Callback<Action> {
        let actions = self.actions.clone();
        Callback::from(move |a: Action| actions.borrow_mut().push(a))
    }

    /// What was dispatched so far.
    pub fn actions(&self) -> Vec<Action> {
        self.actions.borrow().clone()
    }
}

/// The default model after `n` steps (the generator sends `hello hi hi` every second).
pub fn stepped(n: usize) -> Model {
    let mut m = Model::default();
    for _ in 0..n {
        m.apply(Action::Step);
    }
    settle(&mut m);
    m
}

/// Runs the model's remaining slices (the app would ask for each after drawing the last):
/// the engine's work is cut by real time, so a slow moment leaves a run behind, and a test
/// reading the trace must not depend on the machine's speed.
pub fn settle(m: &mut Model) {
    while m.progress.is_some() {
        m.apply(Action::Continue);
    }
}
