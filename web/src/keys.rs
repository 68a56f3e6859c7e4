//! Keyboard shortcuts for the time controls, listened for on the window and ignored while
//! focus is in a text field (input, textarea, select, contenteditable) or a modifier is held.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::model::Action;

/// The action a key stands for, if any. While the help (a modal dialog) is open, the page
/// behind it does not answer: only Escape, which closes it.
pub fn action_for(key: &str, help_open: bool) -> Option<Action> {
    if help_open {
        return (key == "Escape").then_some(Action::SetHelp(false));
    }
    Some(match key {
        " " | "k" | "K" => Action::TogglePlay,
        "ArrowRight" | "l" | "L" => Action::Step,
        "ArrowLeft" | "j" | "J" => Action::StepBack,
        "+" | "=" => Action::NudgeSpeed(1),
        "-" | "_" => Action::NudgeSpeed(-1),
        "0" => Action::Reset,
        "?" => Action::SetHelp(true),
        _ => return None,
    })
}

/// Whether keys typed with focus on `target` belong to it rather than to the shortcuts.
fn is_text_field(target: Option<Element>) -> bool {
    let Some(el) = target else { return false };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || el
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false")
}

/// Listens for the shortcuts while the component lives.
#[hook]
pub fn use_shortcuts(dispatch: Callback<Action>, help_open: bool) {
    use_effect_with(help_open, move |&help_open| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() || e.is_composing() {
                return;
            }
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let on_button = target.as_ref().is_some_and(|t| {
                matches!(
                    t.tag_name().to_ascii_lowercase().as_str(),
                    "button" | "a" | "summary"
                )
            });
            if is_text_field(target) || (on_button && e.key() == " ") {
                return;
            }
            if let Some(action) = action_for(&e.key(), help_open) {
                e.prevent_default();
                dispatch.emit(action);
            }
        });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
            drop(listener);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::action_for;
    use crate::model::Action;

    #[test]
    fn keys_act_on_the_page_unless_the_help_is_open() {
        assert_eq!(action_for("ArrowRight", false), Some(Action::Step));
        assert_eq!(action_for(" ", false), Some(Action::TogglePlay));
        assert_eq!(action_for("?", false), Some(Action::SetHelp(true)));
        assert_eq!(action_for("Escape", false), None);
        assert_eq!(action_for("x", false), None);
        // The help is modal: the clock behind it does not move.
        assert_eq!(action_for("ArrowRight", true), None);
        assert_eq!(action_for(" ", true), None);
        assert_eq!(action_for("Escape", true), Some(Action::SetHelp(false)));
    }
}
