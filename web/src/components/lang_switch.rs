//! The language switch: one button per language, showing its short code (`ZH`, `EN`: Latin
//! letters every font has, where `中文` shows as empty boxes without a CJK font) and named in
//! its own language for assistive technology, the current one marked `aria-pressed="true"`.

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
        let code = if lang == Lang::Zh { "ZH" } else { "EN" };
        // The name contains the visible code (WCAG 2.5.3, label in name).
        let name = format!("{} {code}", lang.strings().lang_name);
        let pressed = lang == props.lang;
        let onclick = props.on_change.reform(move |_: MouseEvent| lang);
        html! {
            <button
                type="button"
                class="lang-button"
                lang={lang.tag()}
                data-lang={lang.tag()}
                aria-pressed={if pressed { "true" } else { "false" }}
                aria-label={name}
                title={lang.strings().lang_name}
                {onclick}
            >
                { code }
            </button>
        }
    });
    html! {
        <div class="lang-switch" role="group" aria-label={props.lang.strings().lang_switch}>
            { for buttons }
        </div>
    }
}
