//! The keyboard help: a modal listing the shortcuts, closed by its button, Escape or a click
//! on the backdrop.

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

/// The shortcuts overlay.
#[component]
pub fn Help(props: &HelpProps) -> Html {
    let s = props.lang.strings();
    let rows = s.shortcuts.iter().map(|(key, what)| {
        html! { <tr><th scope="row"><kbd>{ *key }</kbd></th><td>{ *what }</td></tr> }
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    let backdrop = props.on_close.reform(|_: MouseEvent| ());
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());
    html! {
        <div class="overlay" onclick={backdrop}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" onclick={stop}>
                <h2 id="help-title">{ s.help_title }</h2>
                <table class="shortcuts">{ for rows }</table>
                <button type="button" class="close" onclick={close}>{ s.close }</button>
            </div>
        </div>
    }
}
