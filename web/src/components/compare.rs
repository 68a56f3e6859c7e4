//! The Compare panel: a second configuration beside the first, on the same input, with the
//! differences in call counts and `print()` output per batch marked.
//!
//! Three one-click pairs, the ones the lesson contrasts: the inverse on vs off, `updateStateByKey`
//! vs `mapWithState`, and `window` before vs after `reduceByKey`. The second program is the
//! learner's with only the pipeline rewritten (`program::apply`, as the settings would, checkpoint
//! included when the pipeline needs it). When the learner's pipeline is one side of the pair,
//! side A is the page's own trace; otherwise both sides are rewritten. The engine runs again
//! (counts only) only while the panel is open, and only when the scenario changes.

use std::rc::Rc;

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{BatchTrace, Detail, Trace};
use yew::prelude::*;

use crate::components::console::spark_text;
use crate::components::ViewProps;
use crate::model::{role_total, roles_of, Model};
use crate::program::{self, Pipeline};
use crate::trace_view::TraceView;

/// The pairs offered, with a stable id each (for `data-pair` and tests).
pub const PAIRS: [(&str, Pipeline, Pipeline); 3] = [
    (
        "inverse",
        Pipeline::WindowInverse,
        Pipeline::WindowNoInverse,
    ),
    ("state", Pipeline::UpdateStateByKey, Pipeline::MapWithState),
    (
        "window-order",
        Pipeline::WindowThenReduce,
        Pipeline::ReduceThenWindow,
    ),
];

/// Batches listed, ending at the focused one.
const ROWS: usize = 12;

/// The program `program` with its pipeline set to `p` (and a checkpoint when `p` needs one,
/// as the settings do); `None` when the pipeline cannot be rewritten.
pub fn with_pipeline(program: &str, p: Pipeline) -> Option<String> {
    let mut c = program::parse(program);
    if c.pipeline == p {
        return Some(program.to_string());
    }
    c.pipeline = p;
    if p.stateful() || p == Pipeline::WindowInverse {
        c.checkpoint = true;
    }
    let out = program::apply(program, &c);
    (program::parse(&out).pipeline == p).then_some(out)
}

/// The two sides of pair `pair` for the learner's program: each side's pipeline and program;
/// side A keeps the learner's program when its pipeline is one of the pair's (the filtered
/// inverse counts as "inverse on"). `None` when the pipeline cannot be rewritten.
pub fn sides(program: &str, pair: usize) -> Option<[(Pipeline, String); 2]> {
    let (_, x, y) = PAIRS[pair];
    let current = program::parse(program).pipeline;
    let on = |p: Pipeline| {
        p == x || (x == Pipeline::WindowInverse && p == Pipeline::WindowInverseFilter)
    };
    if on(current) {
        return Some([(current, program.into()), (y, with_pipeline(program, y)?)]);
    }
    if current == y {
        return Some([(current, program.into()), (x, with_pipeline(program, x)?)]);
    }
    Some([
        (x, with_pipeline(program, x)?),
        (y, with_pipeline(program, y)?),
    ])
}

/// The learner's scenario with another program.
fn scenario_with(m: &Model, program: &str) -> Scenario {
    let mut session = m.session.clone();
    session.program = program.to_string();
    session.scenario()
}

/// Whether two batches differ in calls (per role over all keys) or in printed output.
pub fn batch_differs(a: Option<&BatchTrace>, b: Option<&BatchTrace>, roles: &[String]) -> bool {
    let calls = |bt: Option<&BatchTrace>, r: &str| bt.map_or(0, |bt| role_total(bt, r));
    roles.iter().any(|r| calls(a, r) != calls(b, r)) || a.map(|x| &x.stdout) != b.map(|x| &x.stdout)
}

/// The batch of `t` at `time`.
fn find(t: &TraceView, time: i64) -> Option<&BatchTrace> {
    t.batches.iter().find(|b| b.time_ms == time).map(|b| &**b)
}

/// The roles either trace ran, in the calls grid's order.
fn roles_of_both(a: &TraceView, b: &TraceView) -> Vec<String> {
    let mut roles = roles_of(a, false);
    for r in roles_of(b, false) {
        if !roles.contains(&r) {
            roles.push(r);
        }
    }
    crate::model::AGG_ROLES
        .iter()
        .filter(|r| roles.iter().any(|x| x == *r))
        .map(|r| r.to_string())
        .collect()
}

/// The Compare panel.
#[component]
pub fn Compare(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.strings();
    let open = use_state(|| false);
    let pair = use_state(|| 0usize);
    let sides = (*open).then(|| sides(&m.session.program, *pair)).flatten();
    // What has to run besides the page's own trace: A when rewritten, and B.
    let wanted: Option<(Option<Scenario>, Scenario)> = sides.as_ref().map(|[a, b]| {
        let a = (a.1 != m.session.program).then(|| scenario_with(m, &a.1));
        (a, scenario_with(m, &b.1))
    });
    let traces = use_memo(wanted, |w| {
        w.as_ref().map(|(a, b)| {
            (
                a.as_ref()
                    .map(|a| Rc::new(TraceView::from(run(a, Detail::Counts)))),
                Rc::new(TraceView::from(run(b, Detail::Counts))),
            )
        })
    });

    let pick = |i: usize| {
        let open = open.clone();
        let pair = pair.clone();
        Callback::from(move |_: MouseEvent| {
            pair.set(i);
            open.set(true);
        })
    };
    let buttons = PAIRS.iter().enumerate().map(|(i, (id, ..))| {
        let pressed = *open && *pair == i;
        html! {
            <button type="button" class="compare-pair" data-pair={*id} aria-pressed={pressed.to_string()} onclick={pick(i)}>
                { s.compare_pairs[i] }
            </button>
        }
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let head = html! {
        <div class="compare-head">
            <button type="button" class="compare-toggle" aria-expanded={open.to_string()} onclick={toggle}>
                { if *open { s.compare_close } else { s.compare_open } }
            </button>
            <div class="compare-pairs" role="group" aria-label={s.compare_pick}>{ for buttons }</div>
        </div>
    };
    if !*open {
        return head;
    }
    let (Some([a_side, b_side]), Some((a_run, b_trace))) = (sides, (*traces).clone()) else {
        return html! { <>{ head }<p class="note compare-custom">{ s.compare_custom }</p></> };
    };
    let a_trace: Rc<TraceView> = a_run.unwrap_or_else(|| Rc::new(m.trace.clone()));
    let name = |p: Pipeline| {
        Pipeline::ALL
            .iter()
            .position(|x| *x == p)
            .map_or(s.pipeline_custom, |i| s.pipelines[i])
    };
    let legend = html! {
        <ul class="compare-sides">
            <li data-side="a" data-pipeline={a_side.0.id()}>{ lang.compare_side('A', name(a_side.0)) }</li>
            <li data-side="b" data-pipeline={b_side.0.id()}>{ lang.compare_side('B', name(b_side.0)) }</li>
        </ul>
    };
    let error = |t: &Trace, side: &str| {
        t.error.as_ref().map(|e| {
            html! {
                <div class="error compare-error" data-side={side.to_string()}>
                    <pre class="compare-spark">{ format!("{}  {}", side.to_uppercase(), spark_text(e)) }</pre>
                    <p><strong>{ s.explanation }{ ": " }</strong>{ lang.explain(e) }</p>
                </div>
            }
        })
    };
    let errors = html! { <>{ for error(&a_trace, "a") }{ for error(&b_trace, "b") }</> };

    let roles = roles_of_both(&a_trace, &b_trace);
    let times: Vec<i64> = {
        let mut t: Vec<i64> = a_trace.batches.iter().map(|b| b.time_ms).collect();
        for b in &b_trace.batches {
            if !t.contains(&b.time_ms) {
                t.push(b.time_ms);
            }
        }
        dstream_engine::sort::sort(&mut t);
        t
    };
    let differ = times
        .iter()
        .filter(|&&time| batch_differs(find(&a_trace, time), find(&b_trace, time), &roles))
        .count();
    let end = m
        .focus()
        .and_then(|f| times.iter().position(|&t| t == f.time_ms))
        .map_or(times.len(), |i| i + 1);
    let shown = &times[end.saturating_sub(ROWS)..end];
    let differs_mark = html! {
        <>
            <span class="diff-mark" aria-hidden="true">{ "≠" }</span>
            <span class="visually-hidden">{ format!(" ({})", s.compare_differs) }</span>
        </>
    };
    let rows = shown.iter().rev().map(|&time| {
        let (a, b) = (find(&a_trace, time), find(&b_trace, time));
        let row_differs = batch_differs(a, b, &roles);
        let cells = roles.iter().map(|role| {
            let n = |bt: Option<&BatchTrace>| bt.map_or(0, |bt| role_total(bt, role));
            let (na, nb) = (n(a), n(b));
            let d = na != nb;
            let cell = |side: &str, k: u64| html! {
                <td class={classes!("num", d.then_some("differs"))} data-side={side.to_string()}
                    data-role={role.clone()} data-time={time.to_string()} data-count={k.to_string()}>
                    { k }{ for d.then(|| differs_mark.clone()) }
                </td>
            };
            html! { <>{ cell("a", na) }{ cell("b", nb) }</> }
        });
        let out = |mine: Option<&BatchTrace>, other: Option<&BatchTrace>, side: &str| {
            let text = mine.map_or("", |bt| bt.stdout.as_str());
            let theirs: Vec<&str> = other.map_or("", |bt| bt.stdout.as_str()).lines().collect();
            let d = mine.map(|bt| &bt.stdout) != other.map(|bt| &bt.stdout);
            let lines = text.lines().map(|l| {
                if theirs.contains(&l) {
                    html! { <>{ l }{ "\n" }</> }
                } else {
                    html! { <><mark>{ l }</mark>{ "\n" }</> }
                }
            });
            html! {
                <td class={classes!("compare-out", d.then_some("differs"))} data-side={side.to_string()}>
                    <pre>{ for lines }</pre>{ for d.then(|| differs_mark.clone()) }
                </td>
            }
        };
        html! {
            <tr data-time={time.to_string()} class={classes!(row_differs.then_some("differs"))}>
                <th scope="row">{ lang.batch(time) }</th>
                { for cells }
                { out(a, b, "a") }
                { out(b, a, "b") }
            </tr>
        }
    });
    let role_heads = roles.iter().map(|r| {
        html! { <><th scope="col">{ format!("{r} A") }</th><th scope="col">{ format!("{r} B") }</th></> }
    });
    html! {
        <>
            { head }
            <p class="note">{ s.compare_note }</p>
            { legend }
            { errors }
            <p class="compare-summary" role="status">{ lang.compare_summary(differ, times.len()) }</p>
            <div class="compare-scroll" tabindex="0" role="region" aria-label={s.compare_caption}>
                <table class="compare-table">
                    <caption>{ s.compare_caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ s.col_batch }</th>
                            { for role_heads }
                            <th scope="col">{ format!("{} A", s.col_output) }</th>
                            <th scope="col">{ format!("{} B", s.col_output) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;
    use crate::program::DEFAULT_PROGRAM;

    #[test]
    fn every_pair_rewrites_the_default_program() {
        for (i, (id, x, y)) in PAIRS.iter().enumerate() {
            let [a, b] = sides(DEFAULT_PROGRAM, i).unwrap_or_else(|| panic!("{id}"));
            assert_ne!(a.1, b.1, "{id}");
            assert_eq!(program::parse(&b.1).pipeline, b.0, "{id}");
            if i == 0 {
                assert_eq!(a.1, DEFAULT_PROGRAM, "the learner's own program is side A");
                assert_eq!(b.0, *y);
            } else {
                assert_eq!((a.0, b.0), (*x, *y));
                assert!(program::parse(&b.1).checkpoint || !b.0.stateful());
            }
        }
    }

    #[test]
    fn a_hand_written_pipeline_has_no_comparison() {
        let custom = DEFAULT_PROGRAM.replace(".map((_, 1))", ".map(w => (w, 1))");
        assert_eq!(sides(&custom, 0), None);
    }

    #[test]
    fn inverse_on_and_off_differ_in_calls_at_six_seconds() {
        let mut m = Model::default();
        for _ in 0..6 {
            m.apply(Action::Step);
        }
        let [_, b] = sides(&m.session.program, 0).unwrap();
        let b_trace = TraceView::from(run(&scenario_with(&m, &b.1), Detail::Counts));
        let roles = roles_of_both(&m.trace, &b_trace);
        assert_eq!(roles, ["reduceFunc", "invReduceFunc"]);
        let (a6, b6) = (&m.trace.batches[5], &b_trace.batches[5]);
        assert_eq!(role_total(a6, "reduceFunc"), 3);
        assert_eq!(role_total(a6, "invReduceFunc"), 2);
        assert_eq!(role_total(b6, "invReduceFunc"), 0);
        assert!(batch_differs(Some(a6), Some(b6), &roles));
        // Same window, same counts: the output is the same.
        assert_eq!(a6.stdout, b6.stdout);
    }
}
