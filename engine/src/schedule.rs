//! Processing time on virtual time: the cost model, what each batch's jobs did, and the job
//! queue that turns both into Spark's `BatchInfo` figures.
//!
//! Spark's real delays are wall-clock figures that no recording pins down, so the playground
//! uses a model of its own, with parameters a learner can see and change
//! (`conf.set("playground.cost.jobMs", "50")`). While a batch runs, [`Ledger`] notes what its
//! code did: every task (with its stage, user calls and `Thread.sleep` time), the Spark jobs
//! they belonged to, the driver-side calls and sleeps, split into the generation phase
//! (`transform` functions, at the batch tick) and one segment per output operation (a
//! streaming job). [`Scheduler`] then prices that work with the [`CostModel`] and places it on
//! the timeline: generation starts at the tick (or when the previous generation ends), the
//! batch is submitted when generation ends, and its streaming jobs queue for the
//! `spark.streaming.concurrentJobs` job threads (default 1: strictly first in, first out
//! across batches), so a batch slower than the interval delays every batch after it.
//!
//! Inside a Spark job, the tasks of a stage run in parallel on the free task slots (the cores
//! the receivers do not hold), each task on the slot that frees first; stages run one after
//! the other. A task's stage is the one its user calls ran in; a task without calls belongs to
//! the stage of the task before it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;

use crate::exec::Conf;
use crate::trace::Scope;

/// Conf key of the per-job overhead, in ms.
pub const KEY_JOB: &str = "playground.cost.jobMs";
/// Conf key of the per-task cost, in ms.
pub const KEY_TASK: &str = "playground.cost.taskMs";
/// Conf key of the per-record cost (reading the batch's blocks), in ms.
pub const KEY_RECORD: &str = "playground.cost.recordMs";
/// Conf key of the per-user-call cost, in ms.
pub const KEY_CALL: &str = "playground.cost.callMs";

/// The playground's cost model, in whole microseconds (so every figure is exact and
/// deterministic). Defaults look like a small local Spark: 20 ms per job, 5 ms per task,
/// 0.01 ms per record read, 0.002 ms per user-function call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CostModel {
    /// Overhead of every Spark job (scheduling its stages, collecting results).
    pub job_us: i64,
    /// Cost of every task (launch, serialization, result).
    pub task_us: i64,
    /// Cost of reading one record of the batch's input blocks.
    pub record_us: i64,
    /// Cost of one call of a user function.
    pub call_us: i64,
}

impl Default for CostModel {
    fn default() -> CostModel {
        CostModel {
            job_us: 20_000,
            task_us: 5_000,
            record_us: 10,
            call_us: 2,
        }
    }
}

impl CostModel {
    /// The defaults, overridden by `playground.cost.*` keys of the conf (values in ms, decimals
    /// allowed; a value that is not a number ≥ 0 keeps the default).
    pub fn from_conf(conf: &Conf) -> CostModel {
        let d = CostModel::default();
        let get = |key: &str, default: i64| {
            conf.settings
                .get(key)
                .and_then(|v| ms_to_us(v))
                .unwrap_or(default)
        };
        CostModel {
            job_us: get(KEY_JOB, d.job_us),
            task_us: get(KEY_TASK, d.task_us),
            record_us: get(KEY_RECORD, d.record_us),
            call_us: get(KEY_CALL, d.call_us),
        }
    }
}

/// `"0.01"` (ms) as 10 µs; `None` unless a finite number in `[0, 1e9]` ms.
fn ms_to_us(v: &str) -> Option<i64> {
    let x: f64 = v.trim().parse().ok()?;
    if !x.is_finite() || !(0.0..=1e9).contains(&x) {
        return None;
    }
    Some((x * 1000.0).round() as i64)
}

/// What one task did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskWork {
    /// The stage it ran in, once a user call inside it showed it.
    pub stage: Option<u32>,
    /// User-function calls.
    pub calls: u64,
    /// `Thread.sleep` inside it, in ms.
    pub sleep_ms: i64,
}

/// What one Spark job did: its tasks, in launch order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SparkJobWork {
    /// The tasks.
    pub tasks: Vec<TaskWork>,
}

/// Work done on the driver in one phase of a batch: generation, or one output operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segment {
    /// User calls on the driver.
    pub driver_calls: u64,
    /// `Thread.sleep` on the driver, in ms.
    pub driver_sleep_ms: i64,
    /// Spark jobs that launched tasks.
    pub jobs: Vec<SparkJobWork>,
    /// Spark jobs counted (with those that launched no task).
    pub job_count: u32,
    jobs_at_start: u32,
    job_seen: Option<u32>,
}

/// What the current batch's code did, noted as it runs. Segment 0 is generation; each
/// output operation's job opens a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The segments, in order.
    pub segments: Vec<Segment>,
    sleep_seen: i64,
}

impl Ledger {
    /// Start a batch: one (generation) segment, nothing seen.
    pub fn begin(&mut self) {
        self.segments = vec![Segment::default()];
        self.sleep_seen = 0;
    }

    /// Close the current segment and open the next (an output operation's job), given the
    /// batch's Spark-job counter.
    pub fn next_segment(&mut self, jobs_now: u32) {
        self.close(jobs_now);
        self.segments.push(Segment {
            jobs_at_start: jobs_now,
            ..Segment::default()
        });
    }

    /// Close the current segment: how many Spark jobs it ran.
    pub fn close(&mut self, jobs_now: u32) {
        if let Some(s) = self.segments.last_mut() {
            s.job_count = jobs_now.saturating_sub(s.jobs_at_start);
        }
    }

    /// A task starts, in the Spark job numbered `jobs_now` in this batch.
    pub fn new_task(&mut self, jobs_now: u32) {
        if self.segments.is_empty() {
            self.segments.push(Segment::default());
        }
        let Some(seg) = self.segments.last_mut() else {
            return;
        };
        if seg.job_seen != Some(jobs_now) || seg.jobs.is_empty() {
            seg.jobs.push(SparkJobWork::default());
            seg.job_seen = Some(jobs_now);
        }
        if let Some(job) = seg.jobs.last_mut() {
            job.tasks.push(TaskWork::default());
        }
    }

    /// A call returned in `scope`; `sleep_total` is the batch's `Thread.sleep` total so far
    /// (what was slept since the last note is charged here); `user` says whether it was a
    /// user function (which costs a call).
    pub fn note(&mut self, scope: Scope, sleep_total: i64, user: bool) {
        let slept = (sleep_total - self.sleep_seen).max(0);
        self.sleep_seen = sleep_total;
        if !user && slept == 0 {
            return;
        }
        let Some(seg) = self.segments.last_mut() else {
            return;
        };
        let task = match scope {
            Scope::Task { stage, .. } => seg
                .jobs
                .last_mut()
                .and_then(|j| j.tasks.last_mut())
                .map(|t| (t, stage)),
            _ => None,
        };
        match task {
            Some((t, stage)) => {
                t.stage.get_or_insert(stage);
                t.calls += user as u64;
                t.sleep_ms = t.sleep_ms.saturating_add(slept);
            }
            None => {
                seg.driver_calls += user as u64;
                seg.driver_sleep_ms = seg.driver_sleep_ms.saturating_add(slept);
            }
        }
    }
}

/// The longest a task list may take on `slots` slots, each task on the slot that frees first
/// (the lowest index on ties). The slots wait in a heap, so `local[100000]`'s 100,000 tasks
/// are not 10^10 steps; slots beyond one per task stay idle (`local[2147483647]` is not 2^31
/// slots to allocate).
fn makespan(costs: impl Iterator<Item = i64>, slots: usize) -> i64 {
    let costs: Vec<i64> = costs.collect();
    if slots >= costs.len() && costs.iter().all(|&c| c >= 0) {
        // A slot each: the stage takes as long as its longest task.
        return costs.into_iter().max().unwrap_or(0);
    }
    let slots = slots.min(costs.len()).max(1);
    let mut free: BinaryHeap<Reverse<(i64, usize)>> = (0..slots).map(|i| Reverse((0, i))).collect();
    for c in costs {
        if let Some(Reverse((f, i))) = free.pop() {
            free.push(Reverse((f.saturating_add(c), i)));
        }
    }
    free.into_iter().map(|Reverse((f, _))| f).max().unwrap_or(0)
}

impl CostModel {
    /// A task's cost.
    fn task(&self, t: &TaskWork) -> i64 {
        self.task_us
            .saturating_add(self.call_us.saturating_mul(t.calls as i64))
            .saturating_add(t.sleep_ms.saturating_mul(1000))
    }

    /// A Spark job's cost on `slots` slots: the overhead, then its stages one after the other.
    pub fn spark_job(&self, job: &SparkJobWork, slots: usize) -> i64 {
        let mut total = self.job_us;
        let mut stage: Option<u32> = None;
        let mut group: Vec<i64> = Vec::new();
        for t in &job.tasks {
            let s = t.stage.or(stage);
            if s != stage && !group.is_empty() {
                total = total.saturating_add(makespan(group.drain(..), slots));
            }
            stage = s;
            group.push(self.task(t));
        }
        total.saturating_add(makespan(group.into_iter(), slots))
    }

    /// A segment's cost: driver work, then its Spark jobs (those without tasks cost their
    /// overhead).
    pub fn segment(&self, seg: &Segment, slots: usize) -> i64 {
        let mut total = self
            .call_us
            .saturating_mul(seg.driver_calls as i64)
            .saturating_add(seg.driver_sleep_ms.saturating_mul(1000));
        for j in &seg.jobs {
            total = total.saturating_add(self.spark_job(j, slots));
        }
        let taskless = (seg.job_count as usize).saturating_sub(seg.jobs.len()) as i64;
        total.saturating_add(self.job_us.saturating_mul(taskless))
    }

    /// Reading the batch's blocks: each block's records, the blocks in parallel on the slots.
    pub fn read_blocks(&self, block_sizes: &[usize], slots: usize) -> i64 {
        makespan(
            block_sizes
                .iter()
                .map(|&n| self.record_us.saturating_mul(n as i64)),
            slots,
        )
    }
}

/// Microseconds as whole milliseconds, rounded up (any work takes at least 1 ms).
pub fn us_to_ms(us: i64) -> i64 {
    if us <= 0 {
        0
    } else {
        us.saturating_add(999) / 1000
    }
}

/// One batch placed on the timeline: Spark's `BatchInfo` figures, in virtual ms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchTiming {
    /// When the job set was submitted (generation done).
    pub submission_ms: i64,
    /// When its first job started; `None` if none ran.
    pub processing_start_ms: Option<i64>,
    /// When its last job ended; `None` if none ran.
    pub processing_end_ms: Option<i64>,
    /// Earlier batches not finished at submission (the Streaming UI's waiting batches).
    pub waiting_batches: u32,
    /// When each of its streaming jobs (output operations) started and ended, in order.
    pub jobs: Vec<(i64, i64)>,
}

/// The job queue across batches.
#[derive(Clone, Debug)]
pub struct Scheduler {
    /// The cost model.
    pub cost: CostModel,
    /// Task slots free for jobs (cores minus receivers); 0 means starved.
    pub slots: u32,
    /// When the job generator is free again.
    gen_free: i64,
    /// When each job thread is free again (`spark.streaming.concurrentJobs` of them).
    runners: Vec<i64>,
    /// Ends of the batches placed so far that ran jobs and had not ended at the last
    /// submission (submissions only move forward, so a batch that ended before one never
    /// waits again: dropping it keeps a run of 100,000 batches linear).
    ends: Vec<i64>,
    /// Batches placed whose jobs never run (they wait for ever).
    never: u32,
}

impl Scheduler {
    /// A queue with `concurrent_jobs` job threads.
    pub fn new(cost: CostModel, slots: u32, concurrent_jobs: u32) -> Scheduler {
        Scheduler {
            cost,
            slots,
            gen_free: 0,
            runners: vec![0; concurrent_jobs.clamp(1, 64) as usize],
            ends: Vec::new(),
            never: 0,
        }
    }

    /// Place batch `t`, whose work is `ledger` and whose input blocks have `block_sizes`
    /// records; `run` says whether its jobs run at all (false when starved or when there is
    /// no job).
    pub fn place(
        &mut self,
        t: i64,
        ledger: &Ledger,
        block_sizes: &[usize],
        run: bool,
    ) -> BatchTiming {
        let slots = self.slots.max(1) as usize;
        let mut segs = ledger.segments.iter();
        let gen_cost = segs
            .next()
            .map(|g| self.cost.segment(g, slots))
            .unwrap_or(0);
        let gen_start = t.max(self.gen_free);
        let submission = gen_start.saturating_add(us_to_ms(gen_cost));
        self.gen_free = submission;
        self.ends.retain(|&end| end > submission);
        let waiting = self.never.saturating_add(self.ends.len() as u32);
        let mut timing = BatchTiming {
            submission_ms: submission,
            waiting_batches: waiting,
            ..BatchTiming::default()
        };
        let jobs: Vec<&Segment> = segs.collect();
        if jobs.is_empty() {
            return timing;
        }
        if !run {
            // Jobs that will never get a slot. The first such batch's first job is started
            // (Spark's job executor took it), so its processing starts and never ends.
            if self.never == 0 && self.ends.is_empty() {
                timing.processing_start_ms = Some(submission);
            }
            self.never = self.never.saturating_add(1);
            return timing;
        }
        // The batch's blocks are read by its first Spark job (in generation, or the first
        // streaming job that runs one).
        let mut read = if ledger.segments.first().is_some_and(|g| g.job_count > 0) {
            0
        } else {
            self.cost.read_blocks(block_sizes, slots)
        };
        let (mut start, mut end) = (i64::MAX, i64::MIN);
        for seg in jobs {
            let mut cost = self.cost.segment(seg, slots);
            if seg.job_count > 0 {
                cost = cost.saturating_add(std::mem::take(&mut read));
            }
            let (i, free) = self
                .runners
                .iter()
                .copied()
                .enumerate()
                .min_by_key(|(i, f)| (*f, *i))
                .unwrap_or((0, 0));
            let s = submission.max(free);
            let e = s.saturating_add(us_to_ms(cost));
            if let Some(r) = self.runners.get_mut(i) {
                *r = e;
            }
            start = start.min(s);
            end = end.max(e);
            timing.jobs.push((s, e));
        }
        timing.processing_start_ms = Some(start);
        timing.processing_end_ms = Some(end);
        self.ends.push(end);
        timing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conf_overrides_in_ms() {
        let mut conf = Conf::default();
        conf.settings.insert(KEY_JOB.into(), "50".into());
        conf.settings.insert(KEY_RECORD.into(), "0.5".into());
        conf.settings.insert(KEY_CALL.into(), "-1".into());
        let c = CostModel::from_conf(&conf);
        assert_eq!(c.job_us, 50_000);
        assert_eq!(c.record_us, 500);
        assert_eq!(c.call_us, CostModel::default().call_us);
        assert_eq!(c.task_us, 5_000);
    }

    #[test]
    fn tasks_share_slots_and_stages_follow_each_other() {
        let c = CostModel {
            job_us: 1000,
            task_us: 100,
            record_us: 0,
            call_us: 0,
        };
        let task = |stage| TaskWork {
            stage: Some(stage),
            calls: 0,
            sleep_ms: 0,
        };
        let job = SparkJobWork {
            tasks: vec![task(0), task(0), task(0), task(1), task(1)],
        };
        // Stage 0: 3 tasks on 2 slots = 200; stage 1: 2 tasks = 100.
        assert_eq!(c.spark_job(&job, 2), 1000 + 200 + 100);
        assert_eq!(c.spark_job(&job, 1), 1000 + 300 + 200);
        assert_eq!(makespan([5, 1, 1, 1].into_iter(), 2), 5);
    }

    /// The heap places each task as a scan of every slot for the first free one would (the
    /// model before the heap), for task lists longer and shorter than the slots, negative
    /// costs included.
    #[test]
    fn the_makespan_is_the_first_free_slot_rule() {
        let scan = |costs: &[i64], slots: usize| {
            let mut free = vec![0i64; slots.min(costs.len()).max(1)];
            for &c in costs {
                let i = (0..free.len()).min_by_key(|&i| (free[i], i)).unwrap_or(0);
                free[i] = free[i].saturating_add(c);
            }
            free.into_iter().max().unwrap_or(0)
        };
        let mut x: i64 = 17;
        for n in 0..40usize {
            let costs: Vec<i64> = (0..n)
                .map(|_| {
                    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
                    x % 1000 - if n % 5 == 0 { 300 } else { 0 }
                })
                .collect();
            for slots in [0, 1, 2, 3, 7, 64, usize::MAX] {
                let got = makespan(costs.iter().copied(), slots);
                assert_eq!(got, scan(&costs, slots), "{costs:?} on {slots} slots");
            }
        }
    }

    #[test]
    fn a_slow_batch_delays_the_next() {
        let mut s = Scheduler::new(CostModel::default(), 1, 1);
        let mut slow = Ledger::default();
        slow.begin();
        slow.next_segment(0);
        slow.new_task(1);
        slow.note(
            Scope::Task {
                partition: 0,
                stage: 0,
            },
            3000,
            true,
        );
        slow.close(1);
        let a = s.place(1000, &slow, &[], true);
        assert_eq!(a.processing_start_ms, Some(1000));
        let end = a.processing_end_ms.unwrap_or(0);
        assert!(end > 4000);
        let b = s.place(2000, &slow, &[], true);
        assert_eq!(b.processing_start_ms, Some(end));
        assert_eq!(b.waiting_batches, 1);
    }
}
