//! The Kafka panels, shown when the program uses `KafkaUtils`: a producer terminal beside the
//! `nc` one (`key value` lines or values alone, a topic picker; records stamped at virtual
//! now), the partitions (each partition's log with its offsets, the offset ranges each batch
//! read, the group's committed offsets, all from the trace and the engine's broker), and the
//! failure lab: a driver crash at a chosen batch and point, a restart from Kafka's offsets or
//! from the checkpoint, and per sink how many records were lost, duplicated or written
//! exactly once, as the engine's delivery simulator counts them, with the integration guide's
//! three delivery guarantees as presets. A crash of the program's own driver
//! (`driver_crash`: a first and a second crash, each with its restart) is set here too.

use serde::{Deserialize, Serialize};
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use dstream_engine::checkpoint::{DriverCrash, DriverCrashes};
use dstream_engine::kafka::delivery::{
    simulate, CommitStrategy, Crash, CrashPoint, DeliveryScenario, Mode, Produced, Restart, Sink,
    TopicSpec,
};
use dstream_engine::kafka::{OffsetReset, Unkeyed};
use dstream_engine::scenario::KafkaInput;

use crate::components::ViewProps;
use crate::model::Action;

/// The failure lab's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lab {
    /// The batch the driver dies in (1-based).
    pub crash_batch: usize,
    /// Where in it.
    pub point: CrashPoint,
    /// How offsets are committed.
    pub commit: CommitStrategy,
    /// How the driver comes back.
    pub restart: Restart,
}

impl Default for Lab {
    fn default() -> Lab {
        Lab {
            crash_batch: 2,
            point: CrashPoint::AfterOutput,
            commit: CommitStrategy::AfterOutput,
            restart: Restart::KafkaOffsets,
        }
    }
}

/// The Kafka part of the session: topics, what the producer sent, the crash settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KafkaSession {
    /// Topics and their partition counts.
    pub topics: Vec<TopicSpec>,
    /// What the producer sent, stamped in virtual ms.
    #[serde(default)]
    pub records: Vec<Produced>,
    /// The producer's topic.
    #[serde(default)]
    pub topic: String,
    /// Whether the first word of a line is the key.
    #[serde(default = "yes")]
    pub parse_key: bool,
    /// Crashes of the program's own driver (saved as one object when there is one, as
    /// before, so older sessions and links still read).
    #[serde(default, skip_serializing_if = "DriverCrashes::is_empty")]
    pub driver_crash: DriverCrashes,
    /// The failure lab.
    #[serde(default)]
    pub lab: Lab,
}

fn yes() -> bool {
    true
}

impl Default for KafkaSession {
    fn default() -> KafkaSession {
        KafkaSession {
            topics: vec![TopicSpec {
                name: "words".into(),
                partitions: 2,
            }],
            records: Vec::new(),
            topic: "words".into(),
            parse_key: true,
            driver_crash: DriverCrashes::default(),
            lab: Lab::default(),
        }
    }
}

impl KafkaSession {
    /// The session a scenario's `kafka` field stands for.
    pub fn from_input(input: &KafkaInput) -> KafkaSession {
        let mut k = KafkaSession {
            topics: input.topics.clone(),
            records: input.records.clone(),
            ..KafkaSession::default()
        };
        if let Some(t) = k.topics.first() {
            k.topic = t.name.clone();
        }
        k
    }

    /// The Kafka part of a scenario (a lesson's preset): its topics, records and driver crash.
    pub fn from_scenario(sc: &dstream_engine::scenario::Scenario) -> Option<KafkaSession> {
        let mut k = KafkaSession::from_input(sc.kafka.as_ref()?);
        k.driver_crash = sc.driver_crash.clone();
        Some(k)
    }

    /// Whether a saved or linked Kafka part is within what the page offers: 1 to 16 topics of
    /// 1 to 64 partitions, records and crashes at no negative time, a driver down for at most
    /// an hour, the failure lab's batch from 1 to 1,000 (its input's range). Anything else
    /// (a hand-made link with four billion partitions, say) is refused as a corrupt save.
    pub fn is_sane(&self) -> bool {
        (1..=16).contains(&self.topics.len())
            && self.topics.iter().all(|t| (1..=64).contains(&t.partitions))
            && self.records.iter().all(|r| r.at_ms >= 0)
            && self.driver_crash.0.len() <= 16
            && (self.driver_crash.0.iter())
                .all(|c| c.at_ms >= 0 && (0..=3_600_000).contains(&c.down_ms))
            && (1..=1000).contains(&self.lab.crash_batch)
    }

    /// The engine's `kafka` input: records produced before `until_ms`.
    pub fn input(&self, until_ms: i64) -> KafkaInput {
        KafkaInput {
            topics: self.topics.clone(),
            records: self
                .records
                .iter()
                .filter(|r| r.at_ms < until_ms)
                .cloned()
                .collect(),
            unkeyed: Unkeyed::RoundRobin,
        }
    }

    /// Lines typed into the producer at `at_ms`, as records (`key value`, or the value alone).
    pub fn produce(&mut self, lines: &[String], at_ms: i64) {
        let topic = if self.topic.is_empty() {
            self.topics
                .first()
                .map(|t| t.name.clone())
                .unwrap_or_default()
        } else {
            self.topic.clone()
        };
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            let (key, value) = match (self.parse_key, line.split_once(' ')) {
                (true, Some((k, v))) => (Some(k.to_string()), v.to_string()),
                _ => (None, line.clone()),
            };
            self.records.push(Produced {
                at_ms,
                topic: topic.clone(),
                key,
                value,
            });
        }
    }

    /// The delivery scenario of the lab with `sink`, over `batches` batches of `batch_ms`.
    pub fn delivery(&self, batch_ms: i64, batches: usize, sink: Sink) -> DeliveryScenario {
        DeliveryScenario {
            topics: self.topics.clone(),
            records: self.records.clone(),
            unkeyed: Unkeyed::RoundRobin,
            batch_ms,
            batches,
            max_rate_per_partition: 0,
            min_rate_per_partition: 1,
            reset: OffsetReset::Earliest,
            group: "playground".into(),
            mode: Mode::Direct,
            commit: self.lab.commit,
            sink,
            checkpoint: self.lab.restart == Restart::Checkpoint,
            restart: self.lab.restart,
            crash: Some(Crash {
                batch: self.lab.crash_batch.max(1),
                point: self.lab.point,
                down_ms: 0,
            }),
            state: None,
        }
    }
}

/// Whether the program reads Kafka (then the panels show).
pub fn uses_kafka(program: &str) -> bool {
    program.contains("KafkaUtils")
}

const POINTS: [CrashPoint; 3] = [
    CrashPoint::BeforeOutput,
    CrashPoint::AfterOutput,
    CrashPoint::AfterCommit,
];
const COMMITS: [CommitStrategy; 4] = [
    CommitStrategy::None,
    CommitStrategy::AfterOutput,
    CommitStrategy::BeforeOutput,
    CommitStrategy::AutoCommit,
];
const RESTARTS: [Restart; 2] = [Restart::KafkaOffsets, Restart::Checkpoint];
const SINKS: [Sink; 3] = [Sink::Append, Sink::Upsert, Sink::Transactional];

/// The three delivery guarantees of the guide as lab settings: at most once (auto-commit of
/// the driver's position), at least once (`commitAsync` after the output), exactly once
/// (results and offsets in one transaction: no Kafka commit, the store's offsets).
pub fn preset(i: usize, lab: &Lab) -> Lab {
    let commit = [
        CommitStrategy::AutoCommit,
        CommitStrategy::AfterOutput,
        CommitStrategy::None,
    ][i.min(2)];
    Lab {
        commit,
        restart: Restart::KafkaOffsets,
        ..lab.clone()
    }
}

/// An edit of the program's driver crashes.
type EditCrashes = dyn Fn(&mut Vec<DriverCrash>);

/// The Kafka panels.
#[component]
pub fn KafkaPanels(props: &ViewProps) -> Html {
    let m = &props.model;
    if !uses_kafka(&m.session.program) {
        return html! {};
    }
    html! {
        <>
            <KafkaProducer ..props.clone() />
            <KafkaPartitions ..props.clone() />
            <crate::components::kafka_timeline::KafkaTimeline ..props.clone() />
            <KafkaLab ..props.clone() />
        </>
    }
}

/// The producer terminal.
#[component]
pub fn KafkaProducer(props: &ViewProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings().kafka;
    let k = m.session.kafka.clone().unwrap_or_default();
    let draft = use_state(String::new);
    let send = {
        let (draft, dispatch) = (draft.clone(), props.dispatch.clone());
        move || {
            let lines: Vec<String> = draft.lines().map(str::to_string).collect();
            if !lines.iter().all(|l| l.trim().is_empty()) {
                dispatch.emit(Action::Produce(lines));
                draft.set(String::new());
            }
        }
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.is_composing() {
                e.prevent_default();
                send();
            }
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onclick = Callback::from(move |_| send());
    let on_topic = {
        let (k, dispatch) = (k.clone(), props.dispatch.clone());
        Callback::from(move |e: Event| {
            let mut k = k.clone();
            k.topic = e.target_unchecked_into::<HtmlSelectElement>().value();
            dispatch.emit(Action::SetKafka(k));
        })
    };
    let on_key = {
        let (k, dispatch) = (k.clone(), props.dispatch.clone());
        Callback::from(move |e: Event| {
            let mut k = k.clone();
            k.parse_key = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.emit(Action::SetKafka(k));
        })
    };
    let now = m.session.cursor_ms;
    let lang = m.session.lang;
    let sent = k.records.iter().filter(|r| r.at_ms <= now).rev().take(12);
    html! {
        <section class="panel kafka-producer" aria-label={s.producer}>
            <h2>{ s.producer }</h2>
            <div class="kafka-controls">
                <label>{ s.topic }{" "}
                    <select class="kafka-topic" onchange={on_topic}>
                        { for k.topics.iter().map(|t| html! {
                            <option value={t.name.clone()} selected={t.name == k.topic}>
                                { format!("{} ({})", t.name, t.partitions) }
                            </option>
                        }) }
                    </select>
                </label>
                <label><input type="checkbox" class="kafka-parse-key" checked={k.parse_key} onchange={on_key} />{ s.parse_key }</label>
            </div>
            <ol class="kafka-sent">
                { for sent.map(|r| html! {
                    <li>
                        <span class="stamp">{ lang.sent_at(r.at_ms) }</span>
                        <span class="text">{ format!("{} {}", r.key.as_deref().unwrap_or("∅"), r.value) }</span>
                    </li>
                }) }
            </ol>
            <div class="kafka-prompt">
                <span aria-hidden="true">{ "> " }</span>
                <input class="kafka-input" aria-label={s.produce_placeholder}
                    placeholder={s.produce_placeholder} value={(*draft).clone()}
                    {oninput} {onkeydown} />
                <button class="kafka-send" {onclick}>{ s.send }</button>
            </div>
        </section>
    }
}

/// Each partition's log, the ranges each batch read, the committed offsets.
#[component]
pub fn KafkaPartitions(props: &ViewProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings().kafka;
    let k = m.session.kafka.clone().unwrap_or_default();
    let broker = k.input(m.session.cursor_ms + 1).broker();
    let mut committed = std::collections::BTreeMap::new();
    for b in &m.trace.batches {
        committed.extend(b.kafka_commits.clone());
    }
    let logs = broker.topics.iter().flat_map(|(name, t)| {
        t.partitions.iter().enumerate().map(move |(p, log)| {
            html! {
                <li class="kafka-partition">
                    <span class="tp">{ format!("{name}-{p}") }</span>
                    if log.is_empty() { <span class="empty">{ s.empty_partition }</span> }
                    { for log.iter().map(|r| html! {
                        <span class="kafka-record" title={format!("{} ms", r.timestamp)}>
                            <b>{ r.offset }</b>{ format!(" {}", r.value) }
                        </span>
                    }) }
                </li>
            }
        })
    });
    let ranges = m
        .trace
        .batches
        .iter()
        .filter(|b| !b.kafka_ranges.is_empty())
        .map(|b| {
            let text: Vec<String> = b
                .kafka_ranges
                .iter()
                .map(|r| format!("{}-{} [{}, {})", r.topic, r.partition, r.from, r.until))
                .collect();
            html! {
                <li class={classes!("kafka-range", b.rerun.then_some("rerun"))}>
                    <span class="stamp">{ format!("{} ms", b.time_ms) }</span>{ " " }{ text.join("  ") }
                </li>
            }
        });
    html! {
        <section class="panel kafka-partitions" aria-label={s.partitions}>
            <h2>{ s.partitions }</h2>
            <ul class="kafka-logs">{ for logs }</ul>
            <h3>{ s.ranges }</h3>
            <ol class="kafka-ranges" tabindex="0">{ for ranges }</ol>
            <h3>{ s.committed }</h3>
            if committed.is_empty() {
                <p class="kafka-committed">{ s.nothing_committed }</p>
            } else {
                <p class="kafka-committed">
                    { committed.iter().map(|(tp, o)| format!("{tp}: {o}")).collect::<Vec<_>>().join(", ") }
                </p>
            }
        </section>
    }
}

fn select<T: Copy + PartialEq + 'static>(
    label: &'static str,
    class: &'static str,
    options: &[T],
    names: &[&'static str],
    current: T,
    set: Callback<T>,
) -> Html {
    let opts: Vec<T> = options.to_vec();
    let onchange = Callback::from(move |e: Event| {
        let i: usize = e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(0);
        if let Some(v) = opts.get(i) {
            set.emit(*v);
        }
    });
    html! {
        <label>{ label }{ " " }
            <select {class} {onchange}>
                { for options.iter().zip(names).enumerate().map(|(i, (o, n))| html! {
                    <option value={i.to_string()} selected={*o == current}>{ *n }</option>
                }) }
            </select>
        </label>
    }
}

/// The failure lab.
#[component]
pub fn KafkaLab(props: &ViewProps) -> Html {
    let m = &props.model;
    let s = m.session.lang.strings().kafka;
    let k = m.session.kafka.clone().unwrap_or_default();
    let batch_ms = m.session.batch_ms();
    let last = k.records.iter().map(|r| r.at_ms).max().unwrap_or(0);
    let batches = ((last / batch_ms.max(1)) as usize + 2).max(k.lab.crash_batch + 2);
    let set_lab = {
        let (k, dispatch) = (k.clone(), props.dispatch.clone());
        move |f: Box<dyn Fn(&mut Lab)>| {
            let mut k = k.clone();
            f(&mut k.lab);
            dispatch.emit(Action::SetKafka(k));
        }
    };
    let on_point = {
        let set = set_lab.clone();
        Callback::from(move |p: CrashPoint| set(Box::new(move |l| l.point = p)))
    };
    let on_commit = {
        let set = set_lab.clone();
        Callback::from(move |c: CommitStrategy| set(Box::new(move |l| l.commit = c)))
    };
    let on_restart = {
        let set = set_lab.clone();
        Callback::from(move |r: Restart| set(Box::new(move |l| l.restart = r)))
    };
    let on_batch = {
        let set = set_lab.clone();
        Callback::from(move |e: Event| {
            let n: usize = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
                .unwrap_or(1);
            set(Box::new(move |l| l.crash_batch = n.clamp(1, 1000)))
        })
    };
    let presets = (0..3).map(|i| {
        let (k, dispatch) = (k.clone(), props.dispatch.clone());
        let onclick = Callback::from(move |_| {
            let mut k = k.clone();
            k.lab = preset(i, &k.lab);
            dispatch.emit(Action::SetKafka(k));
        });
        html! { <button class={format!("kafka-preset preset-{i}")} {onclick}>{ s.guarantees[i] }</button> }
    });
    let rows = SINKS.iter().enumerate().map(|(i, sink)| {
        let r = simulate(&k.delivery(batch_ms, batches, *sink));
        html! {
            <tr class={format!("sink-{i}")}>
                <th scope="row">{ s.sinks[i] }</th>
                <td class="lost">{ r.lost }</td>
                <td class="dup">{ r.duplicated }</td>
                <td class="once">{ r.exactly_once }</td>
                <td class="pending">{ r.pending }</td>
            </tr>
        }
    });
    // The program's own driver crashes (at most two here), each with its restart.
    let set_crashes = {
        let (k, dispatch) = (k.clone(), props.dispatch.clone());
        move |f: Box<EditCrashes>| {
            let mut k = k.clone();
            f(&mut k.driver_crash.0);
            dispatch.emit(Action::SetKafka(k));
        }
    };
    let crashes = &k.driver_crash.0;
    let toggle = |second: bool| {
        let set = set_crashes.clone();
        let first_at = crashes.first().map_or(0, |c| c.at_ms);
        let at = if second {
            first_at + batch_ms
        } else {
            m.session.cursor_ms.max(batch_ms)
        };
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            set(Box::new(move |cs| {
                cs.truncate(usize::from(second));
                if on {
                    cs.push(DriverCrash {
                        at_ms: at,
                        ..DriverCrash::default()
                    });
                }
            }))
        })
    };
    let (on_crash, on_second) = (toggle(false), toggle(true));
    let crash_rows = crashes.iter().enumerate().map(|(i, c)| {
        let set = set_crashes.clone();
        let on_at = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(at) = v.parse::<i64>() {
                set(Box::new(move |cs| {
                    if let Some(c) = cs.get_mut(i) {
                        c.at_ms = at.max(0);
                    }
                }))
            }
        });
        let set = set_crashes.clone();
        let on_restart = Callback::from(move |r: Restart| {
            set(Box::new(move |cs| {
                if let Some(c) = cs.get_mut(i) {
                    c.restart = r;
                }
            }))
        });
        html! {
            <div class="kafka-controls kafka-crash">
                <label>{ s.crash_at }{ " " }
                    <input type="number" class="kafka-crash-at" min="0"
                        value={c.at_ms.to_string()} onchange={on_at} />
                </label>
                { select(s.restart, "kafka-crash-restart", &RESTARTS, &s.restarts, c.restart, on_restart) }
            </div>
        }
    });
    let restart = m.trace.restarts.iter().map(|r| {
        let reruns: Vec<String> = r.reruns_ms.iter().map(|t| format!("{t} ms")).collect();
        html! {
            <p class="kafka-restart">
                <b>{ s.restarted }{ ": " }</b>
                { format!("{} ms → {} ms, checkpoint {}, re-run [{}]",
                    r.crash_ms, r.restart_time_ms,
                    r.checkpoint_ms.map_or("—".to_string(), |c| format!("{c} ms")),
                    reruns.join(", ")) }
            </p>
        }
    });
    html! {
        <section class="panel kafka-lab" aria-label={s.lab}>
            <h2>{ s.lab }</h2>
            <p class="note">{ s.lab_note }</p>
            <div class="kafka-presets" role="group" aria-label={s.presets}>{ for presets }</div>
            <div class="kafka-controls">
                <label>{ s.crash_batch }{ " " }
                    <input type="number" class="kafka-crash-batch" min="1"
                        value={k.lab.crash_batch.to_string()} onchange={on_batch} />
                </label>
                { select(s.crash_point, "kafka-point", &POINTS, &s.points, k.lab.point, on_point) }
                { select(s.commit, "kafka-commit", &COMMITS, &s.commits, k.lab.commit, on_commit) }
                { select(s.restart, "kafka-restart-from", &RESTARTS, &s.restarts, k.lab.restart, on_restart) }
            </div>
            <table class="kafka-counts">
                <thead><tr>{ for s.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <div class="kafka-controls">
                <label><input type="checkbox" class="kafka-crash-program"
                    checked={!crashes.is_empty()} onchange={on_crash} />{ s.crash_program }</label>
                if !crashes.is_empty() {
                    <label><input type="checkbox" class="kafka-crash-second"
                        checked={crashes.len() > 1} onchange={on_second} />{ s.crash_second }</label>
                }
            </div>
            { for crash_rows }
            { for restart }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sessions and links saved before a run could have several crashes hold one
    /// `driver_crash` object; they read as one crash and are written back the same way.
    #[test]
    fn a_saved_single_driver_crash_still_reads() {
        let old = r#"{"topics":[{"name":"words","partitions":2}],"driver_crash":{"at_ms":4500,"down_ms":0}}"#;
        let k: KafkaSession = serde_json::from_str(old).expect("an old session");
        assert_eq!(
            k.driver_crash.0,
            vec![DriverCrash {
                at_ms: 4500,
                ..DriverCrash::default()
            }]
        );
        let json = serde_json::to_string(&k).expect("json");
        assert!(
            json.contains(r#""driver_crash":{"at_ms":4500,"down_ms":0}"#),
            "{json}"
        );
        let mut two = k.clone();
        two.driver_crash.0.push(DriverCrash {
            at_ms: 6500,
            restart: Restart::KafkaOffsets,
            ..DriverCrash::default()
        });
        let back: KafkaSession =
            serde_json::from_str(&serde_json::to_string(&two).expect("json")).expect("back");
        assert_eq!(back, two);
        let none: KafkaSession = serde_json::from_str(r#"{"topics":[]}"#).expect("no crash");
        assert!(none.driver_crash.is_empty());
    }
}
