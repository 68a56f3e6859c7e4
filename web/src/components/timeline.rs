//! The timeline, drawn as SVG: a column per batch on the time axis (those not run yet faded),
//! the input lines inside the batch that receives them, the window of the selected batch as a
//! bracket with the batches that entered and left it marked, checkpoint marks, and a line at
//! virtual now, and a count of the batches waiting in the job queue when processing is slow. A click (or Enter) on a column selects that batch for every view.

use yew::prelude::*;

use crate::components::ViewProps;
use crate::model::Action;

/// Columns drawn.
const COLS: i64 = 16;
/// Column width in SVG units.
const CW: f64 = 52.0;
/// Left margin.
const LEFT: f64 = 8.0;
/// Where the columns start and end vertically.
const TOP: f64 = 44.0;
const BOTTOM: f64 = 124.0;

/// A time as the axis writes it.
fn tick(ms: i64) -> String {
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.2}s", ms as f64 / 1000.0)
    }
}

/// The Timeline panel.
#[component]
pub fn Timeline(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let b = m.session.batch_ms();
    let ran = m.trace.batches.len() as i64;
    let focus = m.focus();
    // The batch index (1-based) of the first column: keep the focus and now in view.
    let focus_idx = focus.map_or(ran, |f| f.time_ms / b);
    let first = (focus_idx.min(ran) - (COLS - 5)).max(1);
    let width = LEFT * 2.0 + CW * COLS as f64;
    let x_of_time = |t_ms: i64| LEFT + ((t_ms - (first - 1) * b) as f64 / b as f64) * CW;
    let lines = m.session.lines_before((first - 1 + COLS) * b);
    let window = focus.and_then(|f| f.windows.first());
    let in_window = |t: i64| window.is_some_and(|w| w.batches.contains(&t));
    let entered = |t: i64| window.is_some_and(|w| w.entered.contains(&t));
    let left = |t: i64| window.is_some_and(|w| w.left.contains(&t));

    let cols = (first..first + COLS).map(|i| {
        let t = i * b;
        let x = LEFT + (i - first) as f64 * CW;
        let bt = m.trace.batches.get((i - 1) as usize);
        let done = bt.is_some();
        let selected = focus.is_some_and(|f| f.time_ms == t);
        let class = classes!(
            "tl-batch",
            if done { "ran" } else { "future" },
            selected.then_some("selected"),
            in_window(t).then_some("in-window"),
            entered(t).then_some("entered"),
            left(t).then_some("left"),
        );
        let here: Vec<&str> = lines
            .iter()
            .filter(|l| l.at_ms >= t - b && l.at_ms < t)
            .map(|l| l.text.as_str())
            .collect();
        let dots = here.iter().take(6).enumerate().map(|(k, text)| {
            let y = TOP + 6.0 + k as f64 * 11.0;
            html! {
                <rect class="tl-line" x={(x + 8.0).to_string()} y={y.to_string()} width={(CW - 20.0).to_string()} height="8" rx="2">
                    <title>{ text.to_string() }</title>
                </rect>
            }
        });
        let more = (here.len() > 6).then(|| html! {
            <text class="tl-more" x={(x + CW / 2.0 - 2.0).to_string()} y={(BOTTOM - 4.0).to_string()} text-anchor="middle">{ format!("+{}", here.len() - 6) }</text>
        });
        let checkpoint = bt.is_some_and(|bt| !bt.checkpointed.is_empty()).then(|| {
            let cx = x + CW / 2.0 - 2.0;
            html! {
                <path class="tl-checkpoint" d={format!("M{cx} {} l5 5 l-5 5 l-5 -5 z", BOTTOM + 2.0)}>
                    <title>{ s.legend_checkpoint }</title>
                </path>
            }
        });
        let waiting = bt.filter(|bt| bt.waiting_batches > 0).map(|bt| {
            html! {
                <text class="tl-queue" x={(x + 6.0).to_string()} y={(TOP - 2.0).to_string()}>
                    { format!("⏳{}", bt.waiting_batches) }
                    <title>{ format!("{} {}", s.waiting, bt.waiting_batches) }</title>
                </text>
            }
        });
        // Starts with the visible tick, so the accessible name contains the visible label.
        let label = format!(
            "{} · {}{}{}{}",
            tick(t),
            lang.batch(t),
            if entered(t) { format!(" · {}", s.legend_entered) } else { String::new() },
            if left(t) { format!(" · {}", s.legend_left) } else { String::new() },
            if in_window(t) && !entered(t) { format!(" · {}", s.legend_window) } else { String::new() },
        );
        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Select(Some(t)));
        let onkeydown = props.dispatch.reform(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
            }
            Action::Select(Some(t))
        });
        html! {
            <g class={class} data-time={t.to_string()} role="button" tabindex={if done { "0" } else { "-1" }}
                aria-label={label} aria-pressed={selected.to_string()} {onclick} {onkeydown}>
                <rect class="tl-col" x={(x + 2.0).to_string()} y={TOP.to_string()} width={(CW - 4.0).to_string()} height={(BOTTOM - TOP).to_string()} rx="4" />
                { for dots }
                { for more }
                { for checkpoint }
                { for waiting }
                <text class="tl-tick" x={(x + CW - 2.0).to_string()} y={(BOTTOM + 26.0).to_string()} text-anchor="end">{ tick(t) }</text>
            </g>
        }
    });
    let bracket = window.and_then(|w| {
        let lo = *w.batches.iter().min()?;
        let hi = *w.batches.iter().max()?;
        let x0 = x_of_time(lo - b) + 2.0;
        let x1 = x_of_time(hi) - 2.0;
        Some(html! {
            <g class="tl-window">
                <path d={format!("M{x0} {} v-10 H{x1} v10", TOP - 4.0)} />
                <text x={((x0 + x1) / 2.0).to_string()} y={(TOP - 18.0).to_string()} text-anchor="middle">
                    { format!("{} {}–{} ms", w.stream, lo, hi) }
                </text>
            </g>
        })
    });
    let now_x = x_of_time(m.session.cursor_ms);
    let now = (now_x >= LEFT && now_x <= width - LEFT).then(|| html! {
        <g class="tl-now">
            <line x1={now_x.to_string()} x2={now_x.to_string()} y1={(TOP - 6.0).to_string()} y2={(BOTTOM + 12.0).to_string()} />
        </g>
    });
    let height = BOTTOM + 34.0;
    html! {
        <div class="timeline">
            <svg class="timeline-svg" viewBox={format!("0 0 {width} {height}")} role="group" aria-label={s.timeline_label}>
                <line class="tl-axis" x1={LEFT.to_string()} x2={(width - LEFT).to_string()} y1={(BOTTOM + 12.0).to_string()} y2={(BOTTOM + 12.0).to_string()} />
                { for cols }
                { for bracket }
                { for now }
            </svg>
            <ul class="legend" aria-hidden="true">
                <li><span class="sw sw-window" />{ s.legend_window }</li>
                <li><span class="sw sw-entered" />{ s.legend_entered }</li>
                <li><span class="sw sw-left" />{ s.legend_left }</li>
                <li><span class="sw sw-checkpoint" />{ s.legend_checkpoint }</li>
                <li><span class="sw sw-now" />{ s.legend_now }</li>
            </ul>
        </div>
    }
}
