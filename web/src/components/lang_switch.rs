//! The language switch: one button per language, each labelled in its own language, the
//! current one marked with `aria-pressed="true"`.

use yew::prelude::*;

use crate::i18n::Lang;

/// Props of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// The language shown now.
    pub lang: Lang,
    /// Called with the language the user picked.
    pub on_change: Callback<Lang>,
}

/// Buttons that switch the shell between Chinese and English.
#[component]
pub fn LangSwitch(props: &LangSwitchProps) -> Html {
    let buttons = Lang::ALL.iter().map(|&lang| {
        let pressed = lang == props.lang;
        let onclick = props.on_change.reform(move |_: MouseEvent| lang);
        html! {
            <button
                type="button"
                class="lang-button"
                lang={lang.tag()}
                data-lang={lang.tag()}
                aria-pressed={if pressed { "true" } else { "false" }}
                {onclick}
            >
                { lang.strings().lang_name }
            </button>
        }
    });
    html! {
        <div class="lang-switch" role="group" aria-label={props.lang.strings().lang_switch}>
            { for buttons }
        </div>
    }
}
