//! The app shell: the heading, the language switch and the five panels of the playground
//! (Program, `nc` terminal, Timeline, Calls, Console).
//!
//! It owns the chosen language and keeps `<html lang>` in step with it, so screen readers and
//! font fallback follow the switch.

use yew::prelude::*;

use crate::components::lang_switch::LangSwitch;
use crate::components::panel::Panel;
use crate::i18n::Lang;

/// The whole playground page.
#[component]
pub fn App() -> Html {
    let lang = use_state(Lang::default);
    use_effect_with(*lang, |lang| set_document_lang(*lang));
    let on_change = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| lang.set(next))
    };
    let s = lang.strings();
    html! {
        <div class="app">
            <header class="app-header">
                <div class="app-titles">
                    <h1>{ s.title }</h1>
                    <p class="subtitle">{ s.subtitle }</p>
                </div>
                <LangSwitch lang={*lang} {on_change} />
            </header>
            <main class="panels">
                <Panel area="program" text={&s.program} />
                <Panel area="terminal" text={&s.terminal} />
                <Panel area="timeline" text={&s.timeline} />
                <Panel area="calls" text={&s.calls} />
                <Panel area="console" text={&s.console} />
            </main>
        </div>
    }
}

/// Sets the `lang` attribute of the document's root element, if there is a document.
fn set_document_lang(lang: Lang) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        // Setting an attribute on <html> cannot fail for a valid name; ignore the Result.
        let _ = root.set_attribute("lang", lang.tag());
    }
}
