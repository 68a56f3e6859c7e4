//! The Kafka timeline (`components/kafka_timeline.rs`) mounted on lesson 11's preset, run by
//! the engine: one lane per partition, the marks in the order the batches read them (each
//! partition in offset order), a bracket per non-empty range the trace fixed, and the
//! sentence that a batch reads partition by partition, not in produce order
//! (`spark-semantics.md` §9, "Ordering").
#![cfg(target_arch = "wasm32")]

use dstream_browser_tests::Mounted;
use dstream_engine::kafka::partition_for_key;
use dstream_web::components::kafka::KafkaSession;
use dstream_web::components::kafka_timeline::KafkaTimeline;
use dstream_web::components::ViewProps;
use dstream_web::i18n::Lang;
use dstream_web::model::{Action, Model};
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// Lesson 11's program and Kafka records, `n` batches in, batch `selected` selected.
fn lesson_11(n: i64, selected: i64, lang: Lang) -> Model {
    let sc = (dstream_engine::lessons::lesson("kafka")
        .expect("lesson 11")
        .preset)();
    let mut m = Model::default();
    m.apply(Action::SetLang(lang));
    m.apply(Action::SetProgram(sc.program.clone()));
    m.apply(Action::SetKafka(
        KafkaSession::from_scenario(&sc).expect("the preset has Kafka"),
    ));
    m.apply(Action::SeekBatch(n));
    m.apply(Action::Select(Some(selected)));
    m
}

fn attr(e: &web_sys::Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn lanes_marks_and_ranges_follow_the_trace() {
    let m = lesson_11(3, 2000, Lang::En);
    // What the engine's run says: every range of every batch, in trace order.
    let ranges: Vec<(i64, String, i64, i64)> = m
        .trace
        .batches
        .iter()
        .flat_map(|b| {
            b.kafka_ranges.iter().map(move |r| {
                (
                    b.time_ms,
                    format!("{}-{}", r.topic, r.partition),
                    r.from,
                    r.until,
                )
            })
        })
        .collect();
    assert!(ranges.len() >= 6, "{ranges:?}");
    let t = Mounted::with_props::<KafkaTimeline>(ViewProps::new(m, Callback::noop())).await;

    // One lane per partition of the topic.
    let lanes: Vec<String> = t
        .all(".kt-lane")
        .iter()
        .map(|e| attr(e, "data-tp"))
        .collect();
    assert_eq!(lanes, ["clicks-0", "clicks-1"]);
    assert_eq!(t.attr("svg.kt-svg", "role").as_deref(), Some("group"));

    // A bracket for each non-empty range, with the trace's offsets.
    let drawn: Vec<(i64, String, i64, i64)> = t
        .all(".kt-range")
        .iter()
        .map(|e| {
            (
                attr(e, "data-time").parse().unwrap(),
                attr(e, "data-tp"),
                attr(e, "data-from").parse().unwrap(),
                attr(e, "data-until").parse().unwrap(),
            )
        })
        .collect();
    let want: Vec<_> = ranges.iter().filter(|r| r.3 > r.2).cloned().collect();
    assert_eq!(drawn, want);
    assert!(t.text_of(".kt-range").starts_with('['));

    // The marks in reading order: batch by batch, range by range, each in offset order; every
    // record read so far has its mark, focusable and named.
    let marks: Vec<(String, i64)> = t
        .all(".kt-record.read")
        .iter()
        .map(|e| (attr(e, "data-tp"), attr(e, "data-offset").parse().unwrap()))
        .collect();
    let read_order: Vec<(String, i64)> = want
        .iter()
        .flat_map(|(_, tp, from, until)| (*from..*until).map(move |o| (tp.clone(), o)))
        .collect();
    assert_eq!(marks, read_order);
    let mark = t.one(".kt-record.read");
    assert_eq!(attr(&mark, "tabindex"), "0");
    assert!(
        attr(&mark, "aria-label").contains("offset 0, key u"),
        "{}",
        attr(&mark, "aria-label")
    );
    assert!(attr(&mark, "aria-label").contains("read by batch 1000 ms"));
    // Produce times grow along each lane, as offsets do.
    for lane in &lanes {
        let at: Vec<i64> = t
            .all(&format!(".kt-record[data-tp=\"{lane}\"]"))
            .iter()
            .map(|e| attr(e, "data-at").parse().unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] <= w[1]), "{lane}: {at:?}");
    }
}

#[wasm_bindgen_test]
async fn the_selected_batch_reads_partition_by_partition_not_in_produce_order() {
    let m = lesson_11(3, 2000, Lang::En);
    let b2 = m.trace.batches.iter().find(|b| b.time_ms == 2000).unwrap();
    // The 2 s batch reads the clicks of [1 s, 2 s): u1, u5, u3, u1, produced in that order;
    // the partitioner (murmur2 of the key) decides each one's lane.
    let p = |k: &str| format!("clicks-{}", partition_for_key(k, 2));
    let produced = ["u1", "u5", "u3", "u1"];
    let mut parts: Vec<(String, Vec<&str>)> = Vec::new();
    for r in b2.kafka_ranges.iter().filter(|r| r.count() > 0) {
        let tp = format!("{}-{}", r.topic, r.partition);
        let keys: Vec<&str> = produced.iter().copied().filter(|k| p(k) == tp).collect();
        assert_eq!(keys.len() as i64, r.count(), "{tp}");
        parts.push((tp, keys));
    }
    assert_eq!(parts.len(), 2, "both partitions have records at 2 s");
    let t = Mounted::with_props::<KafkaTimeline>(ViewProps::new(m, Callback::noop())).await;
    let sentence = t.text_of(".kt-order");
    assert!(
        sentence.starts_with("Produced in this order: u1 (clicks-"),
        "{sentence}"
    );
    let read: Vec<String> = parts
        .iter()
        .map(|(tp, keys)| format!("{tp}'s [{}]", keys.join(", ")))
        .collect();
    assert!(
        sentence.contains(&format!("batch 2000 ms reads {}", read.join(", then "))),
        "{sentence}"
    );
    // The table lists the same records in the same order: partition by partition.
    let rows: Vec<String> = t
        .all(".kt-read tbody td.tp")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    let want: Vec<String> = parts
        .iter()
        .flat_map(|(tp, keys)| keys.iter().map(move |_| tp.clone()))
        .collect();
    assert_eq!(rows, want);
    assert!(t.text_of(".kt-read caption").contains("batch 2000 ms"));
    // Its brackets and marks are the highlighted ones.
    assert!(t
        .all(".kt-range.selected")
        .iter()
        .all(|e| attr(e, "data-time") == "2000"));
    assert_eq!(t.all(".kt-record.selected").len(), 4);
}

#[wasm_bindgen_test]
async fn chinese_and_the_rerun_after_the_crash() {
    // Seven batches: the preset's driver dies at 4.5 s and a new context re-reads from the
    // committed offsets, so some records are read by two batches.
    let m = lesson_11(7, 5000, Lang::Zh);
    let t = Mounted::with_props::<KafkaTimeline>(ViewProps::new(m, Callback::noop())).await;
    assert_eq!(t.text_of("h2"), "Kafka 时间线：各分区的记录");
    let twice = t
        .all(".kt-record.read")
        .iter()
        .filter(|e| attr(e, "aria-label").matches("批次").count() >= 2)
        .count();
    assert!(twice > 0, "records read again after the restart");
    assert!(t.text_of(".kt-order").contains("批次 5000 ms"));
}
