//! One panel of the playground: a labelled `<section>` with a heading and its content, or a
//! placeholder saying what the panel will hold.
//!
//! The `area` prop names the panel for CSS (`panel-<area>`, placed on the grid by
//! `static/app.css`), for tests and for the app's watch on what is on screen (`data-panel`).
//! A panel that still shows an older run than the page's (an edit's run is drawn out of view
//! a frame later) is `aria-busy`.

use yew::prelude::*;

use crate::i18n::PanelText;

/// Props of [`Panel`].
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// A stable, untranslated name: `program`, `terminal`, `timeline`, `calls` or `console`.
    pub area: AttrValue,
    /// The title and placeholder, in the current language.
    pub text: &'static PanelText,
    /// Whether the panel shows an older run than the page's, to be drawn again soon.
    #[prop_or_default]
    pub busy: bool,
    /// The panel's content; the placeholder is shown when there is none.
    #[prop_or_default]
    pub children: Html,
}

/// A labelled, empty-for-now section of the page.
#[component]
pub fn Panel(props: &PanelProps) -> Html {
    let empty = props.children == Html::default();
    html! {
        <section
            class={classes!("panel", format!("panel-{}", props.area))}
            data-panel={props.area.clone()}
            aria-label={props.text.title}
            aria-busy={props.busy.then_some("true")}
        >
            <h2 class="panel-title">{ props.text.title }</h2>
            <div class="panel-body">
                if empty {
                    <p class="placeholder">{ props.text.placeholder }</p>
                } else {
                    { props.children.clone() }
                }
            </div>
        </section>
    }
}
