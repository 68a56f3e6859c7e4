//! Which panels are out of the viewport, so an edit's new run can be drawn where the learner
//! looks first and elsewhere a frame later.
//!
//! [`use_off_screen`] observes the `section[data-panel]` elements under a container with one
//! `IntersectionObserver` (the browser reports crossings as part of drawing a frame; nothing
//! is measured here, so no layout is forced). A panel counts as on screen until the browser
//! has said otherwise, so a page whose observer never reports draws everything at once, as
//! before. When a panel comes into view the widget is drawn again, so a panel that was left
//! for later is brought up to date as soon as it can be seen.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The panels (by `data-panel`) the browser last reported out of the viewport.
#[derive(Default)]
pub struct OffScreen(RefCell<BTreeSet<String>>);

impl OffScreen {
    /// Whether the panel named `area` was last reported out of the viewport.
    pub fn has(&self, area: &str) -> bool {
        self.0.borrow().contains(area)
    }

    /// Whether any panel is out of the viewport.
    pub fn any(&self) -> bool {
        !self.0.borrow().is_empty()
    }

    /// Records a crossing; true when `area` came into view.
    pub fn report(&self, area: &str, on_screen: bool) -> bool {
        let mut set = self.0.borrow_mut();
        if on_screen {
            set.remove(area)
        } else {
            set.insert(area.to_string());
            false
        }
    }
}

/// Observes the panels under `container` (once it is mounted, again when `layout`, what
/// decides which panels there are, changes) and calls `on_view` when one comes into view.
#[hook]
pub fn use_off_screen<D: PartialEq + 'static>(
    container: NodeRef,
    layout: D,
    on_view: Callback<()>,
) -> Rc<OffScreen> {
    let off = use_memo((), |_| OffScreen::default());
    {
        let off = off.clone();
        use_effect_with(layout, move |_| {
            let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let mut came_into_view = false;
                for e in entries.iter() {
                    let e: web_sys::IntersectionObserverEntry = e.unchecked_into();
                    if let Some(area) = e.target().get_attribute("data-panel") {
                        came_into_view |= off.report(&area, e.is_intersecting());
                    }
                }
                if came_into_view {
                    on_view.emit(());
                }
            });
            let observer = web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(root)) = (&observer, container.cast::<web_sys::Element>()) {
                if let Ok(list) = root.query_selector_all("section[data-panel]") {
                    for i in 0..list.length() {
                        if let Some(el) = list.item(i).and_then(|n| n.dyn_into().ok()) {
                            o.observe(&el);
                        }
                    }
                }
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(cb);
            }
        });
    }
    off
}

#[cfg(test)]
mod tests {
    use super::OffScreen;

    #[test]
    fn a_panel_is_on_screen_until_reported_off_and_coming_back_is_news() {
        let off = OffScreen::default();
        assert!(!off.has("stats") && !off.any());
        assert!(!off.report("stats", false));
        assert!(off.has("stats") && off.any());
        assert!(!off.report("stats", false));
        assert!(off.report("stats", true), "came into view");
        assert!(!off.report("stats", true), "already on screen");
        assert!(!off.any());
    }
}
