//! Cluster and scheduling on virtual time, from Scala program text to the trace's figures:
//! receivers holding cores (`local` vs `local[2]`), a slow batch delaying the ones after it,
//! blocks per batch at several block intervals, `maxRate` holding input back, and
//! backpressure's PID estimator bringing the scheduling delay down.

use dstream_engine::engine::run;
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::{BatchTrace, Detail, Trace};

const WARNING: &str = "spark.master should be set as local[n], n > 1 in local mode if you have receivers to get data, otherwise Spark jobs will not get resources to process the received data.";

/// A word count over a socket stream, with `conf` lines added to the `SparkConf` and `map`
/// as the body of the per-word function.
fn program(master: &str, conf: &str, map: &str) -> String {
    format!(
        "val conf = new SparkConf().setMaster(\"{master}\").setAppName(\"sched\"){conf}\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
         val pairs = lines.flatMap(_.split(\" \")).map {{ w => {map} }}\n\
         pairs.reduceByKey(_ + _).print()\n\
         ssc.start()\n\
         ssc.awaitTermination()\n"
    )
}

/// `n` lines, one every `every_ms` from `from_ms`, each from `text(i)`.
fn lines(
    n: usize,
    from_ms: i64,
    every_ms: i64,
    text: impl Fn(usize) -> String,
) -> Vec<StampedLine> {
    (0..n)
        .map(|i| StampedLine {
            at_ms: from_ms + i as i64 * every_ms,
            text: text(i),
        })
        .collect()
}

fn replay(program: String, lines: Vec<StampedLine>, run_batches: Option<usize>) -> Trace {
    let t = run(
        &Scenario {
            name: "scheduling".into(),
            program,
            lines: Some(lines),
            run_batches,
            ..Scenario::default()
        },
        Detail::Counts,
    );
    assert_eq!(t.error, None);
    t
}

fn start(b: &BatchTrace) -> i64 {
    b.processing_start_ms.expect("the batch ran")
}

fn end(b: &BatchTrace) -> i64 {
    b.processing_end_ms.expect("the batch ran")
}

/// The `BatchInfo` identities hold for every batch that ran.
fn check_identities(t: &Trace) {
    for b in &t.batches {
        assert!(b.submission_ms >= b.time_ms);
        if let (Some(s), Some(e)) = (b.processing_start_ms, b.processing_end_ms) {
            assert_eq!(b.scheduling_delay_ms, Some(s - b.submission_ms));
            assert_eq!(b.processing_ms, Some(e - s));
            assert_eq!(b.total_delay_ms, Some(e - b.submission_ms));
            assert!(s >= b.submission_ms && e >= s);
        }
        assert_eq!(b.num_records, b.input.len() as u64);
        let rate = b.num_records as f64 * 1000.0 / t.program.batch_ms as f64;
        assert!((b.input_rate - rate).abs() < 1e-9);
    }
}

#[test]
fn local_starves_the_receiver_local2_runs() {
    let input = lines(20, 50, 250, |i| format!("w{}", i % 3));
    let starved = replay(program("local", "", "(w, 1)"), input.clone(), None);
    assert_eq!(starved.program.cores, 1);
    assert_eq!(starved.program.scheduling.receivers, 1);
    assert_eq!(starved.program.scheduling.task_slots, 0);
    assert!(starved.log.iter().any(|l| l.message == WARNING));
    assert_eq!(starved.batches.len(), 5);
    for (i, b) in starved.batches.iter().enumerate() {
        // Generated and submitted at each tick, but never processed: print shows nothing.
        // The first batch's job is started (Spark's job executor took it, as real Spark's
        // count shows: `spark_oracle/starved_jobs`) and waits for a slot forever; the rest
        // queue behind it.
        assert!(b.has_output);
        assert_eq!(b.stdout, "");
        assert_eq!(b.jobs, u32::from(i == 0));
        assert_eq!(b.submission_ms, b.time_ms);
        let started = (i == 0).then_some(b.submission_ms);
        assert_eq!(b.processing_start_ms, started);
        assert_eq!(b.scheduling_delay_ms, started.map(|_| 0));
        assert_eq!(b.processing_ms, None);
        assert_eq!(b.waiting_batches, i as u32, "the queue grows");
        assert_eq!(b.num_records, 4);
    }

    let ok = replay(program("local[2]", "", "(w, 1)"), input, None);
    assert_eq!(ok.program.scheduling.task_slots, 1);
    assert!(!ok.log.iter().any(|l| l.message == WARNING));
    check_identities(&ok);
    for b in &ok.batches {
        assert!(b.stdout.contains(&format!("Time: {} ms", b.time_ms)));
        assert_eq!(b.scheduling_delay_ms, Some(0));
        assert!(b.processing_ms.is_some_and(|p| p > 0 && p < 1000));
        assert_eq!(b.waiting_batches, 0);
    }

    let star = replay(program("local[*]", "", "(w, 1)"), Vec::new(), Some(1));
    assert_eq!(star.program.cores, 4);
    assert_eq!(star.program.scheduling.task_slots, 3);
}

#[test]
fn a_slow_batch_3_delays_batches_4_5_6() {
    // One line per 100 ms; the line at 2450 ms (batch 3000) makes its task sleep 3.5 s.
    let input = lines(80, 50, 100, |i| {
        if i == 24 {
            "slow".into()
        } else {
            "a b".into()
        }
    });
    let t = replay(
        program(
            "local[2]",
            "",
            "if (w == \"slow\") Thread.sleep(3500); (w, 1)",
        ),
        input,
        None,
    );
    check_identities(&t);
    let b: Vec<&BatchTrace> = t.batches.iter().collect();
    assert_eq!(b[2].time_ms, 3000);
    assert_eq!(b[2].sleep_ms, 3500);
    // Batches 1-3 start on time; batch 3 takes the sleep plus the model's costs.
    assert!(b[..3].iter().all(|x| x.scheduling_delay_ms == Some(0)));
    let p3 = b[2].processing_ms.unwrap_or(0);
    assert!((3500..4500).contains(&p3));
    // One job thread: each later batch starts when the one before ends.
    assert_eq!(b[3].scheduling_delay_ms, Some(end(b[2]) - 4000));
    assert_eq!(start(b[3]), end(b[2]));
    assert_eq!(b[4].scheduling_delay_ms, Some(end(b[3]) - 5000));
    assert_eq!(b[5].scheduling_delay_ms, Some(end(b[4]) - 6000));
    assert!(b[3].scheduling_delay_ms > b[4].scheduling_delay_ms);
    assert!(b[4].scheduling_delay_ms > b[5].scheduling_delay_ms);
    assert!(b[5].scheduling_delay_ms > Some(0));
    assert_eq!(b[3].waiting_batches, 1);
    assert_eq!(b[5].waiting_batches, 3);
    // Every batch after the slow one has the same work, so the same processing time.
    assert_eq!(b[3].processing_ms, b[4].processing_ms);
    // The queue drains: from some batch on, batches start on time again.
    let caught_up = b
        .iter()
        .skip(6)
        .position(|x| x.scheduling_delay_ms == Some(0));
    assert!(caught_up.is_some());
    for k in 6..b.len() {
        assert_eq!(start(b[k]), b[k].time_ms.max(end(b[k - 1])));
    }

    // Two job threads: batch 4 runs beside the slow batch 3.
    let two = replay(
        program(
            "local[2]",
            ".set(\"spark.streaming.concurrentJobs\", \"2\")",
            "if (w == \"slow\") Thread.sleep(3500); (w, 1)",
        ),
        lines(80, 50, 100, |i| {
            if i == 24 {
                "slow".into()
            } else {
                "a b".into()
            }
        }),
        None,
    );
    assert_eq!(two.program.scheduling.concurrent_jobs, 2);
    assert_eq!(two.batches[3].scheduling_delay_ms, Some(0));
}

#[test]
fn blocks_per_batch_follow_the_block_interval() {
    let input = lines(60, 10, 50, |i| format!("w{i}"));
    for (block, per_batch) in [("200ms", 5), ("500ms", 2), ("1s", 1), ("1000", 1)] {
        let t = replay(
            program(
                "local[2]",
                &format!(".set(\"spark.streaming.blockInterval\", \"{block}\")"),
                "(w, 1)",
            ),
            input.clone(),
            None,
        );
        assert_eq!(t.batches.len(), 3);
        for b in &t.batches {
            assert_eq!(b.input_partitions.len(), per_batch, "{block}");
            assert_eq!(b.num_records, 20);
        }
    }
    let default = replay(program("local[2]", "", "(w, 1)"), input, None);
    assert_eq!(default.program.scheduling.block_interval_ms, 200);
    assert_eq!(default.batches[0].input_partitions.len(), 5);
}

#[test]
fn max_rate_holds_input_back() {
    // 100 lines in the first half second; the receiver accepts 25 per second (one per 40 ms).
    let input = lines(100, 0, 5, |i| format!("w{}", i % 7));
    let t = replay(
        program(
            "local[2]",
            ".set(\"spark.streaming.receiver.maxRate\", \"25\")",
            "(w, 1)",
        ),
        input.clone(),
        None,
    );
    check_identities(&t);
    assert_eq!(t.program.scheduling.max_rate, Some(25));
    let n: Vec<u64> = t.batches.iter().map(|b| b.num_records).collect();
    assert_eq!(
        n,
        vec![25, 25, 25, 25],
        "the excess waits for later batches"
    );
    assert_eq!(t.batches[0].rate_limit, Some(25.0));
    assert_eq!(t.batches[0].receiver_backlog, 75);
    assert_eq!(t.batches[3].receiver_backlog, 0);
    // Nothing is lost and the order is kept.
    let got: Vec<String> = t.batches.iter().flat_map(|b| b.input.clone()).collect();
    let sent: Vec<String> = input.iter().map(|l| l.text.clone()).collect();
    assert_eq!(got, sent);

    let free = replay(program("local[2]", "", "(w, 1)"), input, None);
    assert_eq!(free.batches.len(), 1);
    assert_eq!(free.batches[0].num_records, 100);
    assert_eq!(free.batches[0].rate_limit, None);
}

#[test]
fn backpressure_brings_the_delay_down() {
    // 400 records/s for 40 s, each costing ~3 user calls of 2 ms: about 160 records/s fit.
    let input: Vec<StampedLine> = (0..16_000)
        .map(|i| StampedLine {
            at_ms: i * 5 / 2,
            text: format!("w{}", i % 5),
        })
        .collect();
    let conf = ".set(\"playground.cost.callMs\", \"2\")";
    let plain = replay(program("local[2]", conf, "(w, 1)"), input.clone(), Some(40));
    let bp = replay(
        program(
            "local[2]",
            &format!("{conf}.set(\"spark.streaming.backpressure.enabled\", \"true\")"),
            "(w, 1)",
        ),
        input,
        Some(40),
    );
    check_identities(&plain);
    check_identities(&bp);
    assert!(bp.program.scheduling.backpressure);
    let delay = |t: &Trace, k: usize| t.batches[k].scheduling_delay_ms.unwrap_or(0);
    // Without backpressure the delay only grows.
    assert!((1..40).all(|k| delay(&plain, k) >= delay(&plain, k - 1)));
    assert!(delay(&plain, 39) > 30_000);
    // With it, the first completed batches publish rates, the receiver is held to them ...
    let rates: Vec<f64> = bp.batches.iter().filter_map(|b| b.new_rate).collect();
    assert!(rates.len() > 20);
    assert!(bp.batches.iter().skip(10).all(|b| b.rate_limit.is_some()));
    // ... the rate settles near what the model can process ...
    let last = &rates[rates.len() - 5..];
    let (lo, hi) = last
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &r| (a.min(r), b.max(r)));
    assert!(hi - lo < 0.1 * hi, "settled: {last:?}");
    assert!(hi < 300.0 && lo >= 100.0, "{last:?}");
    // ... and the scheduling delay falls back after its peak.
    let peak = (0..40).map(|k| delay(&bp, k)).max().unwrap_or(0);
    assert!(peak > 0);
    assert!(
        delay(&bp, 39) < peak / 4,
        "peak {peak}, last {}",
        delay(&bp, 39)
    );
    assert!(delay(&bp, 39) < 1000);
    assert!(
        bp.batches[39].receiver_backlog > 0,
        "the excess waits in the socket"
    );
}

#[test]
fn cost_model_is_reported_and_settable() {
    let t = replay(
        program(
            "local[3]",
            ".set(\"playground.cost.jobMs\", \"100\").set(\"playground.cost.taskMs\", \"0\").set(\"playground.cost.recordMs\", \"0\").set(\"playground.cost.callMs\", \"0\")",
            "(w, 1)",
        ),
        lines(4, 100, 100, |_| "x".into()),
        None,
    );
    let cost = t.program.scheduling.cost;
    assert_eq!(
        (cost.job_us, cost.task_us, cost.record_us, cost.call_us),
        (100_000, 0, 0, 0)
    );
    // Only job overheads remain: 100 ms per Spark job of the batch.
    let b = &t.batches[0];
    assert_eq!(b.processing_ms, Some(100 * b.jobs as i64));
}
