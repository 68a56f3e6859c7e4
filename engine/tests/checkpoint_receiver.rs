//! Receiver mode across driver crashes, with and without the receiver write-ahead log
//! (`spark.streaming.receiver.writeAheadLog.enable`), line by line: which lines are lost,
//! which come back, and in which batch they appear.
//!
//! The rules, from Spark's source and `spark-semantics.md` §10 ("What it does not restore",
//! "Receiver write-ahead log"):
//! - `BlockGenerator.updateCurrentBuffer` runs on a timer every `spark.streaming.blockInterval`
//!   (200 ms, at multiples of it) and turns the current buffer into a block, which the pushing
//!   thread hands to `ReceiverSupervisorImpl.pushAndReportBlock`: the `ReceivedBlockHandler`
//!   stores it (`WriteAheadLogBasedBlockHandler` also writes it to the receiver's WAL under the
//!   checkpoint directory), then `ReceivedBlockTracker.addBlock` logs a `BlockAdditionEvent`.
//!   What is still in the current buffer when the driver (and, in local mode, the receiver)
//!   dies is lost even with the WAL.
//! - `JobGenerator.restart` calls `allocateBlocksToBatch(time)` for each re-run time. The
//!   recovered tracker (`recoverPastEvents`) gives a re-run batch the blocks allocated to it
//!   before the crash; blocks added but never allocated go to the first time after the last
//!   allocated one (a re-run of a time the driver missed, else the timer's first batch).
//! - `ReceiverInputDStream.createBlockRDD` reads blocks with WAL record handles from the log
//!   (`WriteAheadLogBackedBlockRDD`); others must be in a block manager, which died with the
//!   driver: they are dropped with the warning "Some blocks could not be recovered as they
//!   were not found in memory. To prevent such data loss, enable Write Ahead Log (see
//!   programming guide for more details." logged by the socket stream.
//! - A new context (no checkpoint, or a deleted checkpoint directory) does not read the old
//!   tracker log: nothing from before the crash comes back, and nothing is warned about.
//! - While the driver is down nobody reads the socket: those lines are lost.
//!
//! Every test runs lines sent at the ms their text names (`t2100` at 2100 ms), B = 1 s, the
//! default block interval 200 ms, `local[2]`, `ssc.checkpoint` and `print()`.

use dstream_engine::checkpoint::{DriverCrash, BLOCKS_LOST, BLOCKS_LOST_LOGGER};
use dstream_engine::engine::run;
use dstream_engine::kafka::delivery::Restart;
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::{Detail, Trace};

const LINES: [i64; 10] = [100, 1100, 2100, 2300, 2500, 2650, 3100, 3700, 4100, 5100];

/// The program: `getOrCreate` (or a plain `createContext()` when `!get_or_create`), with the
/// receiver WAL on or off.
fn program(wal: bool, get_or_create: bool) -> String {
    let wal = if wal {
        ".set(\"spark.streaming.receiver.writeAheadLog.enable\", \"true\")"
    } else {
        ""
    };
    let ssc = if get_or_create {
        "StreamingContext.getOrCreate(\"/tmp/checkpoint\", () => createContext())"
    } else {
        "createContext()"
    };
    format!(
        r#"import org.apache.spark.SparkConf
import org.apache.spark.streaming.{{Seconds, StreamingContext}}

object App {{
  def createContext(): StreamingContext = {{
    val conf = new SparkConf().setMaster("local[2]").setAppName("App"){wal}
    val ssc = new StreamingContext(conf, Seconds(1))
    ssc.checkpoint("/tmp/checkpoint")
    ssc.socketTextStream("localhost", 9999).print()
    ssc
  }}
  def main(args: Array[String]): Unit = {{
    val ssc = {ssc}
    ssc.start()
    ssc.awaitTermination()
  }}
}}
"#
    )
}

fn run_crashes(wal: bool, get_or_create: bool, crashes: &[DriverCrash], batches: usize) -> Trace {
    let sc = Scenario {
        program: program(wal, get_or_create),
        lines: Some(
            LINES
                .iter()
                .map(|&at_ms| StampedLine {
                    at_ms,
                    text: format!("t{at_ms}"),
                })
                .collect(),
        ),
        run_batches: Some(batches),
        driver_crash: crashes.to_vec().into(),
        ..Scenario::default()
    };
    let trace = run(&sc, Detail::Full);
    assert!(trace.error.is_none(), "{:?}", trace.error);
    trace
}

fn crash(at_ms: i64, down_ms: i64) -> DriverCrash {
    DriverCrash {
        at_ms,
        down_ms,
        restart: Restart::Checkpoint,
    }
}

/// Each batch that was not cut short: its time, whether it is a re-run, the lines it read.
fn read(t: &Trace) -> Vec<(i64, bool, Vec<String>)> {
    t.batches
        .iter()
        .filter(|b| !b.interrupted)
        .map(|b| (b.time_ms, b.rerun, b.input.clone()))
        .collect()
}

fn want(rows: &[(i64, bool, &[&str])]) -> Vec<(i64, bool, Vec<String>)> {
    rows.iter()
        .map(|(t, rerun, lines)| (*t, *rerun, lines.iter().map(|l| l.to_string()).collect()))
        .collect()
}

/// How many times Spark's warning about blocks not found in memory was logged.
fn warnings(t: &Trace) -> usize {
    t.log
        .iter()
        .filter(|l| l.level == "WARN" && l.logger == BLOCKS_LOST_LOGGER && l.message == BLOCKS_LOST)
        .count()
}

/// Which lines sent before the last batch's time never reached a batch that completed.
fn lost(t: &Trace) -> Vec<i64> {
    let seen: Vec<String> = read(t).into_iter().flat_map(|(_, _, l)| l).collect();
    let end = t.batches.last().map_or(0, |b| b.time_ms);
    LINES
        .iter()
        .copied()
        .filter(|&ms| ms < end && !seen.contains(&format!("t{ms}")))
        .collect()
}

/// The driver dies at 2.55 s, after batch 2 s completed (checkpoint 2 s), and comes back at
/// once: re-run {2 s}, timer at 3 s. Blocks [2.0, 2.2) and [2.2, 2.4) were stored and reported
/// but no batch had taken them; `t2500` was in the current buffer [2.4, 2.6).
#[test]
fn with_the_wal_stored_blocks_come_back_and_only_the_current_buffer_is_lost() {
    let t = run_crashes(true, true, &[crash(2550, 0)], 4);
    let r = &t.restarts[0];
    assert_eq!(
        (r.checkpoint_ms, r.reruns_ms.clone()),
        (Some(2000), vec![2000])
    );
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            // The re-run reads its block back from the WAL.
            (2000, true, &["t1100"]),
            // No re-run time is after the last allocated one (2 s): the unallocated blocks go
            // to the timer's first batch, before what the new receiver stored from 2.55 s on.
            (3000, false, &["t2100", "t2300", "t2650"]),
            (4000, false, &["t3100", "t3700"]),
        ])
    );
    assert_eq!(lost(&t), vec![2500]);
    assert_eq!(warnings(&t), 0);
    // The recovered blocks are partitions of their own (one per block), first.
    let b3 = t.batches.iter().find(|b| b.time_ms == 3000).unwrap();
    assert_eq!(
        b3.input_partitions,
        vec![vec!["t2100"], vec!["t2300"], vec!["t2650"]]
    );
}

/// The same crash without the WAL: the blocks were only in executor memory. The re-run of 2 s
/// and the first batch (which the tracker gives the unallocated blocks) both lose them, each
/// with Spark's warning.
#[test]
fn without_the_wal_every_block_from_before_the_crash_is_lost_with_sparks_warning() {
    let t = run_crashes(false, true, &[crash(2550, 0)], 4);
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            (2000, true, &[]),
            (3000, false, &["t2650"]),
            (4000, false, &["t3100", "t3700"]),
        ])
    );
    assert_eq!(lost(&t), vec![2100, 2300, 2500]);
    assert_eq!(warnings(&t), 2);
    let times: Vec<Option<i64>> = (t.log.iter())
        .filter(|l| l.message == BLOCKS_LOST)
        .map(|l| l.time_ms)
        .collect();
    assert_eq!(times, vec![Some(2000), Some(3000)]);
}

/// A new context (no `getOrCreate`) does not read the tracker's log: even with the WAL the
/// blocks from before the crash are gone, silently; its first batch is the next tick.
#[test]
fn a_new_context_recovers_nothing_even_with_the_wal() {
    let t = run_crashes(true, false, &[crash(2550, 0)], 4);
    assert!(t.restarts[0].created);
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            (3000, false, &["t2650"]),
            (4000, false, &["t3100", "t3700"]),
        ])
    );
    assert_eq!(warnings(&t), 0);
    // So does `restart: "kafka_offsets"` (the checkpoint directory, with the log, deleted).
    let deleted = DriverCrash {
        restart: Restart::KafkaOffsets,
        ..crash(2550, 0)
    };
    let t2 = run_crashes(true, true, &[deleted], 4);
    assert_eq!(read(&t2), read(&t));
}

/// Down for 1 s (back at 3.55 s, timer at 4 s): the re-runs are {2 s, 3 s}; 3 s is after the
/// last allocated batch, so it takes the unallocated blocks. What was sent while the driver
/// was down (2.65 s and 3.1 s) is lost; 3.7 s reaches the new receiver.
#[test]
fn a_rerun_of_a_missed_time_takes_the_unallocated_blocks() {
    let t = run_crashes(true, true, &[crash(2550, 1000)], 5);
    assert_eq!(t.restarts[0].reruns_ms, vec![2000, 3000]);
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            (2000, true, &["t1100"]),
            (3000, true, &["t2100", "t2300"]),
            (4000, false, &["t3700"]),
            (5000, false, &["t4100"]),
        ])
    );
    assert_eq!(lost(&t), vec![2500, 2650, 3100]);

    let t = run_crashes(false, true, &[crash(2550, 1000)], 5);
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            (2000, true, &[]),
            (3000, true, &[]),
            (4000, false, &["t3700"]),
            (5000, false, &["t4100"]),
        ])
    );
    assert_eq!(warnings(&t), 2);
}

/// The driver dies while batch 2 s runs (at 2.005 s): it is cut short and re-run from the
/// checkpoint written after its generation (pending {2 s}). Its block comes back with the WAL;
/// nothing had been stored since 2 s (the block [2.0, 2.2) was still the current buffer and
/// empty), and everything from 2.1 s on reaches the new receiver.
#[test]
fn a_crash_during_a_batch_reruns_it_from_the_wal() {
    let t = run_crashes(true, true, &[crash(2005, 0)], 3);
    let r = &t.restarts[0];
    assert_eq!(
        (r.interrupted_ms, r.pending_ms.clone(), r.reruns_ms.clone()),
        (Some(2000), vec![2000], vec![2000])
    );
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, true, &["t1100"]),
            (3000, false, &["t2100", "t2300", "t2500", "t2650"]),
        ])
    );
    let t = run_crashes(false, true, &[crash(2005, 0)], 3);
    assert_eq!(read(&t)[1], (2000, true, Vec::new()));
    assert_eq!(warnings(&t), 1);
}

/// A crash exactly at a block boundary (2.4 s): the timer cut [2.2, 2.4) at 2.4 s, so it was
/// stored; `t2500`, sent after the restart, reaches the new receiver.
#[test]
fn a_block_cut_at_the_crash_moment_was_stored() {
    let t = run_crashes(true, true, &[crash(2400, 0)], 3);
    assert_eq!(
        read(&t)[3],
        (
            3000,
            false,
            vec![
                "t2100".into(),
                "t2300".into(),
                "t2500".into(),
                "t2650".into()
            ]
        )
    );
    let t = run_crashes(true, true, &[crash(2399, 0)], 3);
    assert_eq!(
        read(&t)[3],
        (
            3000,
            false,
            vec!["t2100".into(), "t2500".into(), "t2650".into()]
        ),
        "one ms earlier [2.2, 2.4) was still the current buffer: `t2300` is lost"
    );
}

/// Two crashes: the second (2.56 s) comes while the re-run of 2 s is still running, before the
/// restarted driver wrote a checkpoint. The second recovery reads the same checkpoint (2 s)
/// and the same tracker log: the re-run of 2 s finds its block again, and the blocks no batch
/// took are still unallocated, so they reach 3 s as after one crash.
#[test]
fn a_second_crash_before_the_first_restarts_checkpoint_recovers_the_same_blocks() {
    let t = run_crashes(true, true, &[crash(2550, 0), crash(2560, 0)], 4);
    let got: Vec<_> = (t.restarts.iter())
        .map(|r| {
            (
                r.crash_ms,
                r.interrupted_ms,
                r.checkpoint_ms,
                r.reruns_ms.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (2550, None, Some(2000), vec![2000]),
            (2560, Some(2000), Some(2000), vec![2000]),
        ]
    );
    assert!(t.batches[2].rerun && t.batches[2].interrupted);
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            (2000, true, &["t1100"]),
            (3000, false, &["t2100", "t2300", "t2650"]),
            (4000, false, &["t3100", "t3700"]),
        ])
    );
    // A later second crash (4.5 s) after the restarted driver's own checkpoints: it recovers
    // from 4 s, whose block the re-run reads back; [4.0, 4.2) with `t4100` was stored at
    // 4.2 s and no batch had taken it.
    let t = run_crashes(true, true, &[crash(2550, 0), crash(4500, 0)], 6);
    assert_eq!(t.restarts[1].checkpoint_ms, Some(4000));
    assert_eq!(
        read(&t),
        want(&[
            (1000, false, &["t100"]),
            (2000, false, &["t1100"]),
            (2000, true, &["t1100"]),
            (3000, false, &["t2100", "t2300", "t2650"]),
            (4000, false, &["t3100", "t3700"]),
            (4000, true, &["t3100", "t3700"]),
            (5000, false, &["t4100"]),
            (6000, false, &["t5100"]),
        ])
    );
}
