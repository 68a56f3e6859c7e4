//! Streaming statistics, as Spark's Streaming tab shows them: input rate, scheduling delay,
//! processing time and total delay per batch as small bar charts, and a table of the latest
//! batches, from the engine's scheduling model (the trace's `BatchInfo` figures). Below it,
//! the in-browser benchmark: re-run a 60-batch scenario of 200 lines and one of 200 lines per
//! batch from scratch and redraw, and step one batch forward; it prints how long each took.

use yew::prelude::*;

use crate::components::TraceProps;
use crate::model::Action;

/// Batches in the chart and table.
const SHOWN: usize = 20;
/// Bar width in SVG units.
const BAR: f64 = 12.0;

/// The Streaming statistics panel.
#[component]
pub fn Stats(props: &TraceProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let batches = &m.trace.batches;
    let start = batches.len().saturating_sub(SHOWN);
    let shown = &batches[start..];
    // Bars sit at their batch's place in the whole run, keyed by batch, inside a group moved
    // left as batches go by: a bar already drawn keeps its element and attributes.
    let shift = format!("translate({} 0)", -(start as f64) * BAR);
    let chart = |title: &str, unit: &str, values: Vec<Option<f64>>| -> Html {
        let max = values.iter().flatten().copied().fold(1.0_f64, f64::max);
        let bars = values.iter().zip(shown).enumerate().map(|(i, (v, b))| {
            let v = v.unwrap_or(0.0);
            let h = 40.0 * v / max;
            html! {
                <rect key={b.time_ms} class="rate-bar" x={((start + i) as f64 * BAR + 1.0).to_string()} y={(42.0 - h).to_string()}
                    width={(BAR - 2.0).to_string()} height={h.to_string()}>
                    <title>{ format!("{} ms: {v:.1} {unit}", b.time_ms) }</title>
                </rect>
            }
        });
        let last = values
            .last()
            .copied()
            .flatten()
            .map_or("–".to_string(), |v| format!("{v:.1} {unit}"));
        html! {
            <figure class="rate">
                <figcaption>{ format!("{title}: {last}") }</figcaption>
                <svg viewBox={format!("0 0 {} 44", SHOWN as f64 * BAR)} role="img" aria-label={format!("{title}: {last}")}><g transform={shift.clone()}>{ for bars }</g></svg>
            </figure>
        }
    };
    let ms = |v: Option<i64>| v.map(|v| v as f64);
    let charts = html! {
        <div class="charts">
            { chart(s.input_rate, "/s", shown.iter().map(|b| Some(b.input_rate)).collect()) }
            { chart(s.scheduling_delay, "ms", shown.iter().map(|b| ms(b.scheduling_delay_ms)).collect()) }
            { chart(s.processing, "ms", shown.iter().map(|b| ms(b.processing_ms)).collect()) }
            { chart(s.total_delay, "ms", shown.iter().map(|b| ms(b.total_delay_ms)).collect()) }
        </div>
    };
    let dash = |v: Option<i64>| v.map_or("–".to_string(), |v| format!("{v} ms"));
    let rows = shown.iter().rev().take(8).map(|b| {
        html! {
            <tr key={b.time_ms} data-time={b.time_ms.to_string()}>
                <th scope="row">{ format!("{} ms", b.time_ms) }</th>
                <td>{ b.num_records }</td>
                <td>{ dash(b.scheduling_delay_ms) }</td>
                <td>{ dash(b.processing_ms) }</td>
                <td>{ dash(b.total_delay_ms) }</td>
                <td>{ b.jobs }</td>
            </tr>
        }
    });
    let c = &m.trace.program.scheduling.cost;
    let ms_of = |us: i64| {
        let v = us as f64 / 1000.0;
        format!("{v}")
    };
    let cost_note = lang.cost_model_note(
        &ms_of(c.job_us),
        &ms_of(c.task_us),
        &ms_of(c.record_us),
        &ms_of(c.call_us),
    );
    let bench = m.bench.as_ref().filter(|b| b.done).map(|b| {
        let lines = b.results.iter().map(|&(batches, lines, run_ms, draw_ms, step_ms)| {
            html! { <li class="bench-result">{ lang.bench_result(batches, lines, run_ms, draw_ms, step_ms) }</li> }
        });
        html! { <ul class="bench-results" role="status">{ for lines }</ul> }
    });
    html! {
        <div class="stats">
            if batches.is_empty() {
                <p class="placeholder">{ s.stats.placeholder }</p>
            } else {
                { charts }
                <div class="grid-scroll">
                    <table class="stats-table">
                        <thead><tr>
                            <th scope="col">{ s.col_batch }</th>
                            <th scope="col">{ s.records }</th>
                            <th scope="col">{ s.scheduling_delay }</th>
                            <th scope="col">{ s.processing }</th>
                            <th scope="col">{ s.total_delay }</th>
                            <th scope="col">{ s.jobs }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            if !batches.is_empty() {
                <p class="cost-model">{ cost_note }</p>
                <p class="engine-time">{ lang.engine_time(m.last_run_ms) }</p>
            }
            <button type="button" class="bench" onclick={props.dispatch.reform(|_| Action::Bench)}>{ s.bench }</button>
            { for bench }
        </div>
    }
}
