//! Helpers for the browser tests: mount a component into a fresh element of the page, let Yew
//! finish rendering, then read and click what it rendered.
//!
//! The tests themselves live in `tests/tests/*.rs` and run with
//! `wasm-pack test --headless --chrome tests`.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::BaseComponent;

/// A component mounted into its own `<div>` at the end of `<body>`.
pub struct Mounted {
    root: Element,
}

impl Mounted {
    /// Mounts `C` (with default props) into a fresh element and waits until it has rendered.
    pub async fn new<C>() -> Mounted
    where
        C: BaseComponent,
        C::Properties: Default,
    {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a browser document");
        let root = document.create_element("div").expect("a new <div>");
        document
            .body()
            .expect("a <body>")
            .append_child(&root)
            .expect("appending the root");
        yew::Renderer::<C>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mounted { root }
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

    /// Clicks the element matching `selector` and waits until Yew has re-rendered.
    pub async fn click(&self, selector: &str) {
        self.one(selector)
            .dyn_into::<HtmlElement>()
            .expect("an HTML element")
            .click();
        yew::scheduler::flush().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}
