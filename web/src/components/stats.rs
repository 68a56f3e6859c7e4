//! Streaming statistics, in the spirit of Spark's Streaming tab: the input rate per batch as a
//! small bar chart and a table of the latest batches (records, jobs, user-function calls),
//! computed from the trace. Below it, the in-browser benchmark: re-run a 60-batch,
//! 200-lines-per-batch scenario and redraw, and print how long each took.

use yew::prelude::*;

use crate::components::ViewProps;
use crate::model::Action;

/// Batches in the chart and table.
const SHOWN: usize = 20;

/// The Streaming statistics panel.
#[component]
pub fn Stats(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let b_ms = m.session.batch_ms() as f64;
    let batches = &m.trace.batches;
    let shown = &batches[batches.len().saturating_sub(SHOWN)..];
    let rates: Vec<f64> = shown
        .iter()
        .map(|b| b.input.len() as f64 * 1000.0 / b_ms)
        .collect();
    let max = rates.iter().copied().fold(1.0_f64, f64::max);
    let bw = 12.0;
    let bars = rates.iter().zip(shown).enumerate().map(|(i, (r, b))| {
        let h = 40.0 * r / max;
        html! {
            <rect class="rate-bar" x={(i as f64 * bw + 1.0).to_string()} y={(42.0 - h).to_string()}
                width={(bw - 2.0).to_string()} height={h.to_string()}>
                <title>{ format!("{} ms: {r:.1}/s", b.time_ms) }</title>
            </rect>
        }
    });
    let rows = shown.iter().rev().take(8).map(|b| {
        let calls: u64 = b.calls.values().flat_map(|m| m.values()).sum();
        html! {
            <tr>
                <th scope="row">{ format!("{} ms", b.time_ms) }</th>
                <td>{ b.input.len() }</td>
                <td>{ b.jobs }</td>
                <td>{ calls }</td>
            </tr>
        }
    });
    let bench = m.bench.as_ref().and_then(|b| b.done).map(|(run_ms, draw_ms)| {
        html! { <p class="bench-result" role="status">{ lang.bench_result(60, 60 * 200, run_ms, draw_ms) }</p> }
    });
    html! {
        <div class="stats">
            if batches.is_empty() {
                <p class="placeholder">{ s.stats.placeholder }</p>
            } else {
                <figure class="rate">
                    <figcaption>{ format!("{} (/s)", s.input_rate) }</figcaption>
                    <svg viewBox={format!("0 0 {} 44", SHOWN as f64 * bw)} role="img" aria-label={s.input_rate}>{ for bars }</svg>
                </figure>
                <table class="stats-table">
                    <thead><tr>
                        <th scope="col">{ s.col_batch }</th>
                        <th scope="col">{ s.records }</th>
                        <th scope="col">{ "jobs" }</th>
                        <th scope="col">{ s.col_calls }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <p class="engine-time">{ format!("engine: {:.1} ms", m.last_run_ms) }</p>
            <button type="button" class="bench" onclick={props.dispatch.reform(|_| Action::Bench)}>{ s.bench }</button>
            { for bench }
        </div>
    }
}
