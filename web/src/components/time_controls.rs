//! The time controls: step back, play/pause, step, speed (0.1× to 100×), the scrub bar over
//! the run, reset, the shortcuts help, virtual now, and the first-visit hint to press play.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::ViewProps;
use crate::model::{Action, SPEEDS};

/// A small icon drawn in SVG (no font has to carry the media glyphs).
fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d={path} /></svg>
    }
}

const ICON_BACK: &str = "M3 3h2v10H3z M13 3v10L6 8z";
const ICON_PLAY: &str = "M4 2v12l10-6z";
const ICON_PAUSE: &str = "M3 2h4v12H3z M9 2h4v12H9z";
const ICON_STEP: &str = "M11 3h2v10h-2z M3 3v10l7-5z";

/// The bar of time controls above the panels.
#[component]
pub fn TimeControls(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let d = &props.dispatch;
    let b = m.session.batch_ms();
    let horizon = m.session.horizon_ms();
    let speed_opts = SPEEDS.iter().map(|&v| {
        html! { <option value={v.to_string()} selected={(v - m.session.speed).abs() < 1e-9}>{ format!("{v}×") }</option> }
    });
    let on_speed = d.reform(|e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        Action::SetSpeed(el.value().parse().unwrap_or(1.0))
    });
    let on_scrub = d.reform(|e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        Action::Seek(el.value().parse::<f64>().unwrap_or(0.0).round() as i64)
    });
    let playing = m.playing;
    let hint = m.session.cursor_ms == 0 && !playing && m.trace.batches.is_empty();
    html! {
        <div class="time-bar" role="group" aria-label={s.time}>
            <div class="time-buttons">
                <button type="button" class="step-back" aria-label={s.step_back} title={s.step_back}
                    onclick={d.reform(|_| Action::StepBack)}>{ icon(ICON_BACK) }</button>
                <button type="button" class="play" aria-label={if playing { s.pause } else { s.play }}
                    aria-pressed={playing.to_string()} title={if playing { s.pause } else { s.play }}
                    onclick={d.reform(|_| Action::TogglePlay)}>{ icon(if playing { ICON_PAUSE } else { ICON_PLAY }) }</button>
                <button type="button" class="step" aria-label={s.step} title={s.step}
                    onclick={d.reform(|_| Action::Step)}>{ icon(ICON_STEP) }</button>
                <label class="speed">
                    <span>{ s.speed }</span>
                    <select name="speed" onchange={on_speed}>{ for speed_opts }</select>
                </label>
                <button type="button" class="reset" onclick={d.reform(|_| Action::Reset)}>{ s.reset }</button>
                <button type="button" class="help-button" aria-label={s.help} title={s.help}
                    onclick={d.reform(|_| Action::SetHelp(true))}>{ "?" }</button>
            </div>
            <input class="scrub" type="range" aria-label={s.scrub} min="0" max={horizon.to_string()}
                step={(b / 10).max(1).to_string()} value={m.session.cursor_ms.to_string()}
                aria-valuetext={lang.now(m.session.cursor_ms, m.trace.batches.len() as i64)}
                oninput={on_scrub} />
            <output class="now">{ lang.now(m.session.cursor_ms, m.trace.batches.len() as i64) }</output>
            if hint {
                <p class="hint" role="note">{ s.hint }</p>
            }
        </div>
    }
}
