//! The controls above the editor: batch interval, `local[n]`, the pipeline, window and slide,
//! `numPartitions` and the checkpoint switch. They show what [`crate::program::parse`] reads
//! from the code, and a change dispatches [`Action::SetControls`], which rewrites the code.
//!
//! Window and slide are number inputs in seconds with the multiples of the batch offered in a
//! list; any other value is accepted, so Spark's exception for it can be seen.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::editor::ProgramProps;
use crate::model::Action;
use crate::program::{Controls, Pipeline};

/// How a control's new value changes the controls.
type Edit = Box<dyn Fn(&mut Controls, String)>;

const BATCHES_MS: [i64; 5] = [250, 500, 1000, 2000, 5000];

fn secs(ms: i64) -> String {
    let s = ms as f64 / 1000.0;
    if ms % 1000 == 0 {
        format!("{}", ms / 1000)
    } else {
        format!("{s}")
    }
}

/// Reads seconds typed into a number input as ms; `None` when it is not a positive number.
fn ms_of(text: &str) -> Option<i64> {
    let v: f64 = text.trim().parse().ok()?;
    (v.is_finite() && v > 0.0).then(|| (v * 1000.0).round() as i64)
}

/// The settings row that rewrites the program.
#[component]
pub fn ControlsBar(props: &ProgramProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings();
    let c = m.controls();
    let set = {
        let dispatch = props.dispatch.clone();
        let c = c.clone();
        move |f: Edit| {
            let dispatch = dispatch.clone();
            let c = c.clone();
            Callback::from(move |e: Event| {
                let value = e
                    .target_dyn_into::<HtmlSelectElement>()
                    .map(|el| el.value())
                    .or_else(|| {
                        e.target_dyn_into::<HtmlInputElement>().map(|el| {
                            if el.type_() == "checkbox" {
                                el.checked().to_string()
                            } else {
                                el.value()
                            }
                        })
                    })
                    .unwrap_or_default();
                let mut next = c.clone();
                f(&mut next, value);
                if next != c {
                    dispatch.emit(Action::SetControls(next));
                }
            })
        }
    };
    let on_batch = set(Box::new(|c, v| {
        if let Ok(b) = v.parse::<i64>() {
            // Keep the window and slide the same number of batches.
            let old = c.batch_ms.max(1);
            if c.window_ms % old == 0 && c.slide_ms % old == 0 {
                c.window_ms = c.window_ms / old * b;
                c.slide_ms = c.slide_ms / old * b;
            }
            c.batch_ms = b;
        }
    }));
    let on_cores = set(Box::new(|c, v| c.cores = v.parse().ok()));
    let on_pipeline = set(Box::new(|c, v| {
        c.pipeline = Pipeline::from_id(&v);
        if c.pipeline.stateful() || c.pipeline == Pipeline::WindowInverse {
            c.checkpoint = true;
        }
    }));
    let on_window = set(Box::new(|c, v| {
        if let Some(ms) = ms_of(&v) {
            c.window_ms = ms;
        }
    }));
    let on_slide = set(Box::new(|c, v| {
        if let Some(ms) = ms_of(&v) {
            c.slide_ms = ms;
        }
    }));
    let on_parts = set(Box::new(|c, v| c.partitions = v.parse().ok()));
    let on_checkpoint = set(Box::new(|c, v| c.checkpoint = v == "true"));

    let mut batch_options: Vec<i64> = BATCHES_MS.to_vec();
    if !batch_options.contains(&c.batch_ms) {
        batch_options.push(c.batch_ms);
        dstream_engine::sort::sort(&mut batch_options);
    }
    let batch_opts = batch_options.iter().map(|&b| {
        html! { <option value={b.to_string()} selected={b == c.batch_ms}>{ format!("{} {}", secs(b), s.seconds) }</option> }
    });
    let cores_opts = (1..=4u32).map(|n| {
        html! { <option value={n.to_string()} selected={c.cores == Some(n)}>{ format!("local[{n}]") }</option> }
    });
    let pipe_opts = Pipeline::ALL
        .iter()
        .zip(s.pipelines.iter())
        .map(|(p, name)| {
            html! { <option value={p.id()} selected={*p == c.pipeline}>{ *name }</option> }
        });
    let custom = (c.pipeline == Pipeline::Custom).then(|| {
        html! { <option value="custom" selected=true disabled=true>{ s.pipeline_custom }</option> }
    });
    let parts_opts = std::iter::once(html! {
        <option value="" selected={c.partitions.is_none()}>{ s.default_value }</option>
    })
    .chain((1..=8u32).map(|n| {
        html! { <option value={n.to_string()} selected={c.partitions == Some(n)}>{ n }</option> }
    }));
    let multiples = (1..=10).map(|k| html! { <option value={secs(k * c.batch_ms)} /> });
    let windowed = c.pipeline.windowed();
    let timeout = c.pipeline == Pipeline::MapWithStateTimeout;
    let step = secs(c.batch_ms);
    html! {
        <fieldset class="controls" aria-label={s.controls}>
            <label>
                <span>{ s.batch_interval }</span>
                <select name="batch" onchange={on_batch}>{ for batch_opts }</select>
            </label>
            <label>
                <span>{ s.cores }</span>
                <select name="cores" onchange={on_cores}>{ for cores_opts }</select>
            </label>
            <label class="wide">
                <span>{ s.pipeline }</span>
                <select name="pipeline" onchange={on_pipeline}>{ for custom }{ for pipe_opts }</select>
            </label>
            <label>
                <span>{ if timeout { s.timeout } else { s.window } }</span>
                <input name="window" type="number" min="0" step={step.clone()} list="multiples"
                    disabled={!(windowed || timeout)} value={secs(c.window_ms)} onchange={on_window} />
            </label>
            <label>
                <span>{ s.slide }</span>
                <input name="slide" type="number" min="0" step={step} list="multiples"
                    disabled={!windowed} value={secs(c.slide_ms)} onchange={on_slide} />
            </label>
            <datalist id="multiples">{ for multiples }</datalist>
            <label>
                <span>{ s.partitions }</span>
                <select name="partitions" onchange={on_parts} disabled={c.pipeline == Pipeline::Custom}>{ for parts_opts }</select>
            </label>
            <label class="check">
                <input name="checkpoint" type="checkbox" checked={c.checkpoint} onchange={on_checkpoint} />
                <span>{ s.checkpoint }</span>
            </label>
        </fieldset>
    }
}
