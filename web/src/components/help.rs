//! The keyboard help: a modal `<dialog>` listing the shortcuts. Opened with `showModal()`, so
//! the browser moves focus into it, keeps Tab inside and makes the page behind inert; closed by
//! its button, Escape or a click on the backdrop, after which focus goes back where it was
//! (the `?` button, usually).

use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

use crate::i18n::Lang;

/// Props of [`Help`].
#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// The language.
    pub lang: Lang,
    /// Closes the help.
    pub on_close: Callback<()>,
}

/// The shortcuts dialog.
#[component]
pub fn Help(props: &HelpProps) -> Html {
    let s = props.lang.strings();
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let opener = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                let _ = d.show_modal();
            }
            move || {
                if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                    d.close();
                }
                if let Some(el) = opener {
                    let _ = el.focus();
                }
            }
        });
    }
    let rows = s.shortcuts.iter().map(|(key, what)| {
        html! { <tr><th scope="row"><kbd>{ *key }</kbd></th><td>{ *what }</td></tr> }
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Escape: the model closes it (the dialog unmounts), not the browser on its own.
    let on_close = props.on_close.clone();
    let oncancel = Callback::from(move |e: Event| {
        e.prevent_default();
        on_close.emit(());
    });
    // A click on the backdrop lands on the <dialog> itself (its content is one inner box).
    // (Yew delegates events to its root, so the target is compared with the dialog's node.)
    let on_close = props.on_close.clone();
    let node = dialog.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if target.is_some() && target == node.get() {
            on_close.emit(());
        }
    });
    html! {
        <dialog ref={dialog} class="help" aria-labelledby="help-title" {oncancel} {onclick}>
            <div class="dialog">
                <h2 id="help-title">{ s.help_title }</h2>
                <table class="shortcuts">{ for rows }</table>
                <button type="button" class="close" onclick={close}>{ s.close }</button>
            </div>
        </dialog>
    }
}
