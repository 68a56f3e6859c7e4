//! Lesson 11's receiver-based contrast, checked on the engine against Spark's rules
//! (`spark-semantics.md` §10, "Receiver write-ahead log" and "What it does not restore"): the
//! same numbered `nc` lines read by `socketTextStream`, the driver killed at 4.5 s and
//! recovered with `getOrCreate`. Without the WAL the re-run batch's blocks were only in
//! executor memory (lost, with Spark's warning) and so were the blocks no batch had taken yet;
//! with it both come back, and only what the receiver had not yet stored as a block may be
//! lost. Each goal passes on its own reference and fails on the other's.

use dstream_engine::checkpoint::BLOCKS_LOST;
use dstream_engine::engine::run;
use dstream_engine::lessons::{batch_at, lesson, Goal, Lesson};
use dstream_engine::trace::{Detail, Trace};

fn kafka() -> &'static Lesson {
    lesson("kafka").expect("lesson 11")
}

fn goal(id: &str) -> &'static Goal {
    kafka()
        .goals
        .iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("goal {id}"))
}

fn trace_of(id: &str) -> Trace {
    run(&(goal(id).reference)(), Detail::Full)
}

/// Every batch that finished (not cut short by the crash) and read `text`.
fn read_by(t: &Trace, text: &str) -> Vec<(i64, bool)> {
    t.batches
        .iter()
        .filter(|b| !b.interrupted && b.input.iter().any(|l| l == text))
        .map(|b| (b.time_ms, b.rerun))
        .collect()
}

#[test]
fn both_references_use_a_receiver_and_recover_the_4s_batch_from_the_checkpoint() {
    for id in ["receiver-loses", "receiver-wal"] {
        let t = trace_of(id);
        assert_eq!(t.error, None, "{id}");
        assert_eq!(t.program.scheduling.receivers, 1, "{id}: one receiver");
        assert_eq!(t.program.scheduling.block_interval_ms, 200, "{id}");
        let r = t.restarts.first().expect("the driver crashed");
        assert_eq!(r.crash_ms, 4500, "{id}");
        // The 4 s batch completed (≈ 4.05 s) and wrote the checkpoint; §10: re-run
        // pendingTimes ∪ [checkpointTime, restartTime) = [4000, 5000) stepped by 1 s.
        assert_eq!(r.checkpoint_ms, Some(4000), "{id}");
        assert!(!r.created, "{id}: getOrCreate used the checkpoint");
        assert_eq!(r.reruns_ms, vec![4000], "{id}");
        // Its first run read the lines of [3 s, 4 s): u1 13, u5 14, u3 15, u1 16.
        let first = t
            .batches
            .iter()
            .find(|b| b.time_ms == 4000 && !b.rerun)
            .unwrap();
        assert_eq!(first.input, ["u1 13", "u5 14", "u3 15", "u1 16"], "{id}");
    }
}

#[test]
fn without_the_wal_the_rerun_finds_no_blocks_and_spark_warns() {
    let t = trace_of("receiver-loses");
    let rerun = t.batches.iter().find(|b| b.rerun).unwrap();
    assert_eq!(rerun.time_ms, 4000);
    assert!(rerun.input.is_empty(), "{:?}", rerun.input);
    assert!(t
        .log
        .iter()
        .any(|l| l.message == BLOCKS_LOST && l.level == "WARN" && !l.hidden));
    // Blocks received after 4 s, stored only in executor memory and not yet allocated to a
    // batch, die with the driver: u1 17 (4.1 s) and u5 18 (4.3 s) reach no batch.
    for line in ["u1 17", "u5 18"] {
        assert_eq!(read_by(&t, line), [], "{line}");
    }
    // What the restarted receiver reads is there: u1 20 was sent at 4.7 s.
    assert_eq!(read_by(&t, "u1 20"), [(5000, false)]);
    let wal = goal("receiver-wal");
    assert!(
        !wal.check(kafka(), &t),
        "the WAL goal fails without the WAL"
    );
}

#[test]
fn with_the_wal_stored_blocks_come_back_and_the_output_repeats() {
    let t = trace_of("receiver-wal");
    let rerun = t.batches.iter().find(|b| b.rerun).unwrap();
    assert_eq!(rerun.input, ["u1 13", "u5 14", "u3 15", "u1 16"]);
    assert!(!t.log.iter().any(|l| l.message == BLOCKS_LOST));
    // At least once: the 4 s batch's output was printed before the crash and again.
    let printed: Vec<&str> = t
        .batches
        .iter()
        .filter(|b| b.time_ms == 4000)
        .map(|b| b.stdout.as_str())
        .collect();
    assert_eq!(printed.len(), 2);
    assert!(printed.iter().all(|s| s.contains("(u1,2)")), "{printed:?}");
    // u1 17 (4.1 s) was in a block cut at 4.2 s and written to the log before the crash:
    // recovered, it goes to the first batch after the last allocated one (5 s).
    assert_eq!(read_by(&t, "u1 17"), [(5000, false)]);
    // So was u5 18 (4.3 s): its block was cut at 4.4 s, before the crash.
    assert_eq!(read_by(&t, "u5 18"), [(5000, false)]);
    // And the batch after the restart reads the restarted receiver's lines (u1 20, 4.7 s).
    let b5 = batch_at(&t, 5000).unwrap();
    assert!(b5.input.iter().any(|l| l == "u1 20"), "{:?}", b5.input);
    let loses = goal("receiver-loses");
    assert!(!loses.check(kafka(), &t), "nothing is lost with the WAL");
}
