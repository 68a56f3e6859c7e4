//! The Kafka timeline, drawn as SVG: one lane per Kafka partition, each record a mark at its
//! produce time with its offset (and key), the batch boundaries on the shared time axis, and
//! under the marks a bracket for the offset range each batch read from that partition (all
//! from the trace's `kafka_ranges` and the engine's broker). It shows what `spark-semantics.md`
//! §9 says of ordering: a batch reads each partition's range in offset order, one RDD
//! partition per Kafka partition, and nothing orders records across partitions. A sentence
//! and a table say it for the selected batch: the order its records were produced in, and the
//! order it reads them.
//!
//! The marks are focusable, in the order the batches read them (then the unread ones), each
//! named with its partition, offset, key, value, produce time and the batches that read it;
//! the table is the same batch's read order as text. The SVG scrolls sideways on a narrow
//! screen; the sentence and the table reflow.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use yew::prelude::*;

use dstream_engine::kafka::{Broker, Record};
use dstream_engine::trace::BatchTrace;

use crate::components::kafka::KafkaSession;
use crate::components::ViewProps;
use crate::reveal::{use_reveal, Align};

/// Batch intervals drawn.
const COLS: i64 = 6;
/// Width of one batch interval, in SVG units.
const CW: f64 = 100.0;
/// Width of the lane labels.
const LABEL_W: f64 = 70.0;
/// Space above the first lane (batch names).
const TOP: f64 = 22.0;
/// A lane's height without brackets.
const LANE_H: f64 = 40.0;
/// Height of one row of brackets.
const ROW_H: f64 = 12.0;
/// A mark's radius.
const R: f64 = 9.0;

/// The broker as the producer filled it, with each record's place in the produce order
/// (`(topic, partition, offset)` → sequence number).
fn produced(k: &KafkaSession, until_ms: i64) -> (Broker, BTreeMap<(String, u32, i64), usize>) {
    let input = k.input(until_ms);
    let mut broker = Broker::new(input.unkeyed);
    for t in &input.topics {
        broker.create_topic(&t.name, t.partitions);
    }
    let mut recs: Vec<_> = input.records.iter().filter(|r| r.at_ms >= 0).collect();
    dstream_engine::sort::sort_by_key(&mut recs, |r| r.at_ms);
    let mut seq = BTreeMap::new();
    for (i, r) in recs.into_iter().enumerate() {
        let (p, o) = broker.produce(&r.topic, r.key.as_deref(), &r.value, r.at_ms);
        seq.insert((r.topic.clone(), p, o), i);
    }
    (broker, seq)
}

/// What a record is called in the ordering sentence: its key, else its value.
fn label(r: &Record) -> String {
    r.key.clone().unwrap_or_else(|| r.value.clone())
}

/// The records a batch reads, partition by partition in the trace's order, each in offset order.
fn read_by(broker: &Broker, b: &BatchTrace) -> Vec<(String, Vec<Record>)> {
    b.kafka_ranges
        .iter()
        .map(|r| {
            (
                format!("{}-{}", r.topic, r.partition),
                broker.read(&r.tp(), r.from, r.until),
            )
        })
        .collect()
}

/// One bracket: a batch's range in a lane.
struct Bracket {
    lane: usize,
    row: usize,
    x0: f64,
    x1: f64,
    batch: usize,
    time_ms: i64,
    rerun: bool,
    from: i64,
    until: i64,
}

/// The Kafka timeline panel.
#[component]
pub fn KafkaTimeline(props: &ViewProps) -> Html {
    let m = &props.model;
    let lang = m.session.lang;
    let s = lang.kafka_timeline();
    let k = m.session.kafka.clone().unwrap_or_default();
    let b = m.session.batch_ms();
    let (broker, seq) = produced(&k, m.session.cursor_ms + 1);
    let lanes: Vec<(String, &Vec<Record>)> = broker
        .topics
        .iter()
        .flat_map(|(name, t)| {
            t.partitions
                .iter()
                .enumerate()
                .map(move |(p, log)| (format!("{name}-{p}"), log))
        })
        .collect();
    let lane_of: BTreeMap<&str, usize> = lanes
        .iter()
        .enumerate()
        .map(|(i, (tp, _))| (tp.as_str(), i))
        .collect();
    let focus = m.focus();
    // On a phone the drawing scrolls sideways: the selected batch is brought into view.
    let scroll_ref = use_node_ref();
    use_reveal(
        scroll_ref.clone(),
        "g.kt-boundary.selected",
        Align::Center,
        focus.map(|f| f.time_ms),
    );
    // The view ends one interval after the selected batch, so the records it did not read
    // yet show too.
    let last = focus.map_or(b, |f| f.time_ms);
    let t1 = last + b;
    let t0 = (t1 - COLS * b).max(0);
    let x_of = |ms: i64| LABEL_W + (ms - t0) as f64 / b as f64 * CW;
    let width = LABEL_W + CW * ((t1 - t0) / b) as f64 + 10.0;

    // Which batches read each record, in the order they read it.
    let mut reads: BTreeMap<(String, i64), Vec<(i64, bool)>> = BTreeMap::new();
    let mut read_order: Vec<(String, i64)> = Vec::new();
    let mut brackets: Vec<Bracket> = Vec::new();
    for (i, bt) in m.trace.batches.iter().enumerate() {
        for r in &bt.kafka_ranges {
            let tp = format!("{}-{}", r.topic, r.partition);
            for o in r.from..r.until {
                let e = reads.entry((tp.clone(), o)).or_default();
                if e.is_empty() {
                    read_order.push((tp.clone(), o));
                }
                e.push((bt.time_ms, bt.rerun));
            }
            let Some(&lane) = lane_of.get(tp.as_str()) else {
                continue;
            };
            let log = lanes[lane].1;
            let (Some(first), Some(last)) = (
                log.get(r.from as usize),
                r.until.checked_sub(1).and_then(|u| log.get(u as usize)),
            ) else {
                continue;
            };
            let (x0, x1) = (x_of(first.timestamp) - R, x_of(last.timestamp) + R);
            if x1 < LABEL_W || x0 > width {
                continue;
            }
            let (x0, x1) = (x0.max(LABEL_W - 2.0), x1.min(width - 2.0));
            // The first row where it overlaps no bracket of the same lane.
            let row = (0..)
                .find(|&row| {
                    !brackets.iter().any(|o| {
                        o.lane == lane && o.row == row && o.x0 < x1 + 4.0 && x0 < o.x1 + 4.0
                    })
                })
                .unwrap_or(0);
            brackets.push(Bracket {
                lane,
                row,
                x0,
                x1,
                batch: i,
                time_ms: bt.time_ms,
                rerun: bt.rerun,
                from: r.from,
                until: r.until,
            });
        }
    }
    let rows: Vec<usize> = (0..lanes.len())
        .map(|l| {
            brackets
                .iter()
                .filter(|br| br.lane == l)
                .map(|br| br.row + 1)
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut lane_y = Vec::with_capacity(lanes.len());
    let mut y = TOP;
    for r in &rows {
        lane_y.push(y);
        y += LANE_H + *r as f64 * ROW_H;
    }
    let axis_y = y + 4.0;
    let height = axis_y + 18.0;

    let lane_bg = lanes.iter().enumerate().map(|(i, (tp, _))| {
        let y = lane_y[i];
        let h = LANE_H + rows[i] as f64 * ROW_H;
        html! {
            <g class="kt-lane" data-tp={tp.clone()}>
                <rect class="kt-lane-bg" x="0" y={y.to_string()} width={width.to_string()} height={(h - 2.0).to_string()} rx="4" />
                <text class="kt-lane-label" x="6" y={(y + LANE_H / 2.0 + 2.0).to_string()}>{ tp.clone() }</text>
            </g>
        }
    });
    let selected = focus.map(|f| f.time_ms);
    let boundaries = (t0 / b + 1..=t1 / b).map(|i| {
        let t = i * b;
        let x = x_of(t);
        let ran = m.trace.batches.iter().any(|bt| bt.time_ms == t);
        let class = classes!(
            "kt-boundary",
            (selected == Some(t)).then_some("selected"),
            (!ran).then_some("future"),
        );
        html! {
            <g {class} data-time={t.to_string()}>
                <line x1={x.to_string()} x2={x.to_string()} y1={(TOP - 6.0).to_string()} y2={axis_y.to_string()} />
                <text class="kt-tick" x={x.to_string()} y={(axis_y + 14.0).to_string()} text-anchor="middle">{ format!("{}s", t as f64 / 1000.0) }</text>
            </g>
        }
    });
    let bracket_marks = brackets.iter().map(|br| {
        let y = lane_y[br.lane] + LANE_H / 2.0 + R + 6.0 + br.row as f64 * ROW_H;
        let tp = &lanes[br.lane].0;
        let name = lang.kt_range(br.time_ms, tp, br.from, br.until);
        let class = classes!(
            "kt-range",
            if br.batch % 2 == 0 { "even" } else { "odd" },
            br.rerun.then_some("rerun"),
            (selected == Some(br.time_ms) && !br.rerun).then_some("selected"),
        );
        html! {
            <g {class} data-time={br.time_ms.to_string()} data-tp={tp.clone()}
                data-from={br.from.to_string()} data-until={br.until.to_string()} role="img" aria-label={name.clone()}>
                <path d={format!("M{} {} v4 H{} v-4", br.x0, y - 4.0, br.x1)} />
                <text x={((br.x0 + br.x1) / 2.0).to_string()} y={(y + 9.0).to_string()} text-anchor="middle">
                    { format!("[{}, {})", br.from, br.until) }
                </text>
                <title>{ name }</title>
            </g>
        }
    });
    // The marks in the order batches read them, then the records no batch read.
    let mut order = read_order.clone();
    for (tp, log) in &lanes {
        for r in log.iter() {
            if !reads.contains_key(&(tp.clone(), r.offset)) {
                order.push((tp.clone(), r.offset));
            }
        }
    }
    let marks = order.iter().enumerate().filter_map(|(n, (tp, offset))| {
        let lane = *lane_of.get(tp.as_str())?;
        let r = lanes[lane].1.get(*offset as usize)?;
        let x = x_of(r.timestamp);
        if x < LABEL_W || x > width {
            return None;
        }
        let cy = lane_y[lane] + LANE_H / 2.0 - 4.0;
        let by = reads.get(&(tp.clone(), *offset));
        let read_text = by.map_or(String::new(), |v| {
            v.iter()
                .map(|(t, rerun)| {
                    if *rerun {
                        format!("{} ({})", lang.batch(*t), s.rerun)
                    } else {
                        lang.batch(*t)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        });
        let name = lang.kt_record(tp, r.offset, r.key.as_deref(), &r.value, r.timestamp, &read_text);
        let in_selected = by.is_some_and(|v| v.iter().any(|(t, rr)| Some(*t) == selected && !rr));
        let class = classes!(
            "kt-record",
            if by.is_some() { "read" } else { "unread" },
            in_selected.then_some("selected"),
        );
        Some(html! {
            <g key={format!("{tp}@{offset}")} {class} tabindex="0" role="img" aria-label={name.clone()}
                data-tp={tp.clone()} data-offset={r.offset.to_string()} data-at={r.timestamp.to_string()}
                data-order={n.to_string()} data-seq={seq.get(&(r.topic.clone(), r.partition, r.offset)).map_or(String::new(), |q| q.to_string())}>
                <circle cx={x.to_string()} cy={cy.to_string()} r={R.to_string()} />
                <text class="kt-offset" x={x.to_string()} y={(cy + 3.5).to_string()} text-anchor="middle">{ r.offset }</text>
                if let Some(key) = &r.key {
                    <text class="kt-key" x={x.to_string()} y={(cy + R + 9.0).to_string()} text-anchor="middle">{ key.clone() }</text>
                }
                <title>{ name }</title>
            </g>
        })
    });

    // The selected batch's read order (or the last batch that read anything), in words and
    // as a table.
    let shown = focus
        .filter(|f| f.kafka_ranges.iter().any(|r| r.count() > 0))
        .or_else(|| {
            m.trace
                .batches
                .iter()
                .rev()
                .find(|bt| bt.kafka_ranges.iter().any(|r| r.count() > 0))
                // A batch, whether the trace holds batches or shared pointers to them.
                .map(Borrow::<BatchTrace>::borrow)
        });
    let explain = shown.map(|bt| {
        let parts: Vec<(String, Vec<Record>)> = read_by(&broker, bt)
            .into_iter()
            .filter(|(_, recs)| !recs.is_empty())
            .collect();
        let mut all: Vec<&Record> = parts.iter().flat_map(|(_, recs)| recs.iter()).collect();
        let read_rows: Vec<&Record> = all.clone();
        dstream_engine::sort::sort_by_key(&mut all, |r| seq.get(&(r.topic.clone(), r.partition, r.offset)).copied());
        let produced: Vec<String> = all
            .iter()
            .map(|r| format!("{} ({}-{}@{})", label(r), r.topic, r.partition, r.offset))
            .collect();
        let read: Vec<(String, Vec<String>)> = parts
            .iter()
            .map(|(tp, recs)| (tp.clone(), recs.iter().map(label).collect()))
            .collect();
        let sentence = lang.kt_order(bt.time_ms, &produced, &read);
        html! {
            <>
                <p class="kt-order" aria-live="polite">{ sentence }</p>
                <div class="kt-table-wrap">
                    <table class="kt-read">
                        <caption>{ lang.kt_read_caption(bt.time_ms) }</caption>
                        <thead><tr>{ for s.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                        <tbody>
                            { for read_rows.iter().enumerate().map(|(i, r)| html! {
                                <tr>
                                    <td>{ i + 1 }</td>
                                    <td class="tp">{ format!("{}-{}", r.topic, r.partition) }</td>
                                    <td class="offset">{ r.offset }</td>
                                    <td>{ r.key.clone().unwrap_or_else(|| "null".into()) }</td>
                                    <td>{ r.value.clone() }</td>
                                    <td>{ lang.kt_at(r.timestamp) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </>
        }
    });

    html! {
        <section class="panel kafka-timeline" aria-label={s.title}>
            <h2>{ s.title }</h2>
            <p class="note">{ s.note }</p>
            if lanes.iter().all(|(_, log)| log.is_empty()) {
                <p class="kt-empty">{ s.no_records }</p>
            }
            <div class="kt-scroll" ref={scroll_ref}>
                <svg class="kt-svg" viewBox={format!("0 0 {width} {height}")} role="group" aria-label={s.svg_label}>
                    { for lane_bg }
                    { for boundaries }
                    <line class="kt-axis" x1={LABEL_W.to_string()} x2={width.to_string()} y1={axis_y.to_string()} y2={axis_y.to_string()} />
                    <g class="kt-ranges">{ for bracket_marks }</g>
                    <g class="kt-records">{ for marks }</g>
                </svg>
            </div>
            <ul class="legend" aria-hidden="true">
                <li><span class="sw kt-sw-record" />{ s.legend_record }</li>
                <li><span class="sw kt-sw-range" />{ s.legend_range }</li>
                <li><span class="sw kt-sw-boundary" />{ s.legend_boundary }</li>
            </ul>
            { for explain }
        </section>
    }
}
