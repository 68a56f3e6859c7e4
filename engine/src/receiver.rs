//! The receiver on virtual time: which stamped lines it accepts when, under a rate limit, and
//! the PID rate estimator that backpressure feeds it.
//!
//! A socket receiver reads lines one after the other and calls `store(line)`, which first
//! waits on the rate limiter (`receiver/RateLimiter.scala`: Guava's `RateLimiter` in its
//! "smooth bursty" form, at most one second of stored permits). A line sent at `a` is read at
//! `max(a, when the receiver finished waiting for the previous line)` and accepted once the
//! limiter lets it through; the excess waits in the socket and lands in later blocks and later
//! batches. An accepted line goes to the batch whose interval `[t − B, t)` holds its
//! acceptance time, in the block of `spark.streaming.blockInterval` that holds it (one
//! partition per non-empty block, as Spark's `BlockRDD`). Without a limit every line is
//! accepted when it is sent.
//!
//! The limit is `spark.streaming.receiver.maxRate` (records per second per receiver), and with
//! `spark.streaming.backpressure.enabled` also the rate [`PidRateEstimator`] publishes when a
//! batch completes (`scheduler/RateController.scala`), capped by `maxRate`; the first limit
//! is `spark.streaming.backpressure.initialRate` (unlimited by default). Several receiver
//! streams read the one `nc` input, so the playground models one receiver's limit.
//!
//! When the driver dies the receiver dies with it (local mode): [`Receiver::crash`] keeps the
//! blocks whose interval had ended (stored, for the driver's block tracker) and drops the
//! current buffer, lines waiting on the limiter and lines sent until the restart.

use std::collections::VecDeque;

use crate::scenario::StampedLine;

/// Guava's `SmoothRateLimiter.SmoothBursty` with `maxBurstSeconds = 1`, on microseconds.
#[derive(Clone, Debug, PartialEq)]
pub struct RateLimiter {
    rate: f64,
    stable_interval_us: f64,
    max_permits: f64,
    stored_permits: f64,
    next_free_us: i64,
}

impl RateLimiter {
    /// `RateLimiter.create(rate)` at time `now_us`.
    pub fn new(rate: f64, now_us: i64) -> RateLimiter {
        let mut r = RateLimiter {
            rate,
            stable_interval_us: 0.0,
            max_permits: 0.0,
            stored_permits: 0.0,
            next_free_us: now_us,
        };
        r.set_rate(rate, now_us);
        r
    }

    /// The rate, in permits (records) per second.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    fn resync(&mut self, now_us: i64) {
        if now_us > self.next_free_us {
            let fresh = (now_us - self.next_free_us) as f64 / self.stable_interval_us;
            self.stored_permits = self.max_permits.min(self.stored_permits + fresh);
            self.next_free_us = now_us;
        }
    }

    /// `setRate(rate)` at `now_us` (a rate that is not positive and finite is ignored).
    pub fn set_rate(&mut self, rate: f64, now_us: i64) {
        if !(rate > 0.0 && rate.is_finite()) {
            return;
        }
        self.resync(now_us);
        self.rate = rate;
        self.stable_interval_us = 1_000_000.0 / rate;
        let old_max = self.max_permits;
        self.max_permits = rate;
        self.stored_permits = if old_max == f64::INFINITY {
            self.max_permits
        } else if old_max == 0.0 {
            0.0
        } else {
            self.stored_permits * self.max_permits / old_max
        };
    }

    /// `acquire()` at `now_us`: how long the caller waits, in µs.
    pub fn acquire(&mut self, now_us: i64) -> i64 {
        self.resync(now_us);
        let moment = self.next_free_us;
        let spend = self.stored_permits.min(1.0);
        let fresh = 1.0 - spend;
        let wait = (fresh * self.stable_interval_us) as i64;
        self.next_free_us = self.next_free_us.saturating_add(wait);
        self.stored_permits -= spend;
        (moment - now_us).max(0)
    }
}

/// Spark's `PIDRateEstimator` (`scheduler/rate/PIDRateEstimator.scala`), `compute` ported as is.
#[derive(Clone, Debug, PartialEq)]
pub struct PidRateEstimator {
    batch_interval_ms: i64,
    proportional: f64,
    integral: f64,
    derivative: f64,
    min_rate: f64,
    first_run: bool,
    latest_time: i64,
    latest_rate: f64,
    latest_error: f64,
}

impl PidRateEstimator {
    /// An estimator with Spark's defaults: proportional 1.0, integral 0.2, derivative 0.0,
    /// minimum rate 100 records/s.
    pub fn new(batch_interval_ms: i64) -> PidRateEstimator {
        PidRateEstimator::with(batch_interval_ms, 1.0, 0.2, 0.0, 100.0)
    }

    /// An estimator with the given terms (Spark's `spark.streaming.backpressure.pid.*`).
    pub fn with(
        batch_interval_ms: i64,
        proportional: f64,
        integral: f64,
        derivative: f64,
        min_rate: f64,
    ) -> PidRateEstimator {
        PidRateEstimator {
            batch_interval_ms: batch_interval_ms.max(1),
            proportional: proportional.max(0.0),
            integral: integral.max(0.0),
            derivative: derivative.max(0.0),
            min_rate: if min_rate > 0.0 { min_rate } else { 100.0 },
            first_run: true,
            latest_time: -1,
            latest_rate: -1.0,
            latest_error: -1.0,
        }
    }

    /// A completed batch: its end time, records, processing and scheduling delay (ms). The new
    /// rate in records/s, or `None` (first run, no records, or no processing time).
    pub fn compute(
        &mut self,
        time: i64,
        num_elements: u64,
        processing_delay: i64,
        scheduling_delay: i64,
    ) -> Option<f64> {
        if !(time > self.latest_time && num_elements > 0 && processing_delay > 0) {
            return None;
        }
        let delay_since_update = (time - self.latest_time) as f64 / 1000.0;
        let processing_rate = num_elements as f64 / processing_delay as f64 * 1000.0;
        let error = self.latest_rate - processing_rate;
        let historical_error =
            scheduling_delay as f64 * processing_rate / self.batch_interval_ms as f64;
        let d_error = (error - self.latest_error) / delay_since_update;
        let new_rate = (self.latest_rate
            - self.proportional * error
            - self.integral * historical_error
            - self.derivative * d_error)
            .max(self.min_rate);
        self.latest_time = time;
        if self.first_run {
            self.latest_rate = processing_rate;
            self.latest_error = 0.0;
            self.first_run = false;
            None
        } else {
            self.latest_rate = new_rate;
            self.latest_error = error;
            Some(new_rate)
        }
    }
}

/// One batch's share of what the receiver accepted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Received {
    /// The lines, in acceptance order.
    pub lines: Vec<String>,
    /// The blocks (partitions), as lists of lines.
    pub partitions: Vec<Vec<String>>,
    /// The limiter's rate when the batch's interval ended (`None`: unlimited).
    pub rate_limit: Option<f64>,
    /// Lines sent but not accepted yet when the interval ended.
    pub backlog: u64,
}

/// A receiver reading stamped lines, batch interval by batch interval.
#[derive(Clone, Debug)]
pub struct Receiver {
    lines: Vec<StampedLine>,
    next: usize,
    /// When the receiver thread is free to read the next line (µs).
    free_us: i64,
    /// Accepted lines not yet given to a batch: (acceptance µs, text).
    accepted: VecDeque<(i64, String)>,
    limiter: Option<RateLimiter>,
    max_rate: Option<i64>,
    /// Rate updates (time µs, rate) not applied yet, in time order.
    updates: Vec<(i64, i64)>,
    batch_ms: i64,
    block_ms: i64,
    cut: usize,
    /// The stamp of the last line dropped by [`Receiver::extend`] once read.
    last_ms: i64,
    /// [`Receiver::natural_batches`] of the lines dropped.
    last_natural: usize,
}

impl Receiver {
    /// A receiver of `lines` (those with a negative stamp are dropped), with a limit of
    /// `max_rate` records/s (`None`: unlimited until a rate update).
    pub fn new(
        lines: &[StampedLine],
        batch_ms: i64,
        block_ms: i64,
        max_rate: Option<i64>,
    ) -> Receiver {
        let mut sorted: Vec<StampedLine> = lines.iter().filter(|l| l.at_ms >= 0).cloned().collect();
        crate::sort::sort_by_key(&mut sorted, |l| l.at_ms);
        let max_rate = max_rate.filter(|r| *r > 0);
        Receiver {
            lines: sorted,
            next: 0,
            free_us: 0,
            accepted: VecDeque::new(),
            limiter: max_rate.map(|r| RateLimiter::new(r as f64, 0)),
            max_rate,
            updates: Vec::new(),
            batch_ms: batch_ms.max(1),
            block_ms: block_ms.max(1),
            cut: 0,
            last_ms: 0,
            last_natural: 0,
        }
    }

    /// Backpressure published `rate` (records/s, as Spark's `Long`) at `time_ms`; it applies
    /// to lines read from then on, capped by `maxRate` (`RateLimiter.updateRate`).
    pub fn update_rate(&mut self, time_ms: i64, rate: i64) {
        if rate <= 0 {
            return;
        }
        let rate = self.max_rate.map_or(rate, |m| rate.min(m));
        let at = time_ms.saturating_mul(1000);
        let pos = self.updates.partition_point(|(t, _)| *t <= at);
        self.updates.insert(pos, (at, rate));
    }

    /// Adds lines sent later: each stamped at or after the end of the last batch cut and
    /// after every line already given (so the order is the one a receiver of all the lines
    /// from the start would read them in). Lines with a negative stamp are dropped, as by
    /// [`Receiver::new`]. Returns `false`, adding nothing, when a line is too early.
    pub fn extend(&mut self, more: &[StampedLine]) -> bool {
        let cut_ms = self.batch_ms.saturating_mul(self.cut as i64);
        let last = self.lines.last().map_or(0, |l| l.at_ms).max(self.last_ms);
        let mut sorted: Vec<StampedLine> = more.iter().filter(|l| l.at_ms >= 0).cloned().collect();
        crate::sort::sort_by_key(&mut sorted, |l| l.at_ms);
        if sorted.first().is_some_and(|l| l.at_ms < cut_ms.max(last)) {
            return false;
        }
        // Lines read long ago are not needed any more (a long run would keep them all).
        if self.next > 1024 && self.next * 2 > self.lines.len() {
            if let Some(l) = self.lines.get(self.next - 1) {
                self.last_ms = self.last_ms.max(l.at_ms);
                self.last_natural = (self.last_ms / self.batch_ms) as usize + 1;
            }
            self.lines.drain(..self.next);
            self.next = 0;
        }
        self.lines.extend(sorted);
        true
    }

    /// Whether every line was handed to a batch.
    pub fn drained(&self) -> bool {
        self.next >= self.lines.len() && self.accepted.is_empty()
    }

    /// The index of the batch holding the last stamped line, if nothing held it back.
    pub fn natural_batches(&self) -> usize {
        self.lines
            .last()
            .map(|l| (l.at_ms / self.batch_ms) as usize + 1)
            .unwrap_or(0)
            .max(self.last_natural)
    }

    fn apply_updates(&mut self, now_us: i64) {
        while let Some(&(at, rate)) = self.updates.first() {
            if at > now_us {
                break;
            }
            self.updates.remove(0);
            match &mut self.limiter {
                Some(l) => l.set_rate(rate as f64, at),
                None => {
                    // From Long.MaxValue: Guava's stored permits fill up to the new burst.
                    let mut l = RateLimiter::new(rate as f64, at);
                    l.stored_permits = l.max_permits;
                    self.limiter = Some(l);
                }
            }
        }
    }

    /// Reads the lines the receiver thread gets to before `cut_us` (each accepted once the
    /// limiter lets it through, possibly later).
    fn read_until(&mut self, cut_us: i64) {
        while let Some(l) = self.lines.get(self.next) {
            let now = l.at_ms.saturating_mul(1000).max(self.free_us);
            if now >= cut_us {
                break;
            }
            let text = l.text.clone();
            self.apply_updates(now);
            let wait = self.limiter.as_mut().map_or(0, |r| r.acquire(now));
            let at = now.saturating_add(wait);
            self.free_us = at;
            self.accepted.push_back((at, text));
            self.next += 1;
        }
    }

    /// The driver dies at `crash_ms` (in local mode the receiver dies with it) and a new
    /// receiver starts at `restart_ms`. Returns the blocks the old one had stored but no
    /// batch had taken yet, one list of lines per block, oldest first: `BlockGenerator`'s
    /// timer cuts its current buffer into a block every block interval (`updateCurrentBuffer`
    /// at each multiple of `spark.streaming.blockInterval`) and the block is pushed and
    /// stored, so a block whose interval ended by the crash was stored. The current buffer
    /// (lines accepted in the crash's block interval), lines waiting on the rate limiter and
    /// lines sent before the restart are lost. The new receiver has a fresh rate limiter and
    /// no backpressure updates (the new context's estimator starts over).
    pub fn crash(&mut self, crash_ms: i64, restart_ms: i64) -> Vec<Vec<String>> {
        let crash_us = crash_ms.saturating_mul(1000);
        self.read_until(crash_us);
        let mut stored: Vec<Vec<String>> = Vec::new();
        let mut last_block = -1;
        for (at, text) in std::mem::take(&mut self.accepted) {
            let block = at / 1000 / self.block_ms;
            if at >= crash_us || (block + 1).saturating_mul(self.block_ms) > crash_ms {
                continue;
            }
            match stored.last_mut() {
                Some(p) if last_block == block => p.push(text),
                _ => stored.push(vec![text]),
            }
            last_block = block;
        }
        let restart_ms = restart_ms.max(crash_ms);
        while self
            .lines
            .get(self.next)
            .is_some_and(|l| l.at_ms < restart_ms)
        {
            self.next += 1;
        }
        let restart_us = restart_ms.saturating_mul(1000);
        self.free_us = restart_us;
        self.limiter = self
            .max_rate
            .map(|r| RateLimiter::new(r as f64, restart_us));
        self.updates.clear();
        stored
    }

    /// The next batch's input: what was accepted before the end of its interval.
    pub fn next_batch(&mut self) -> Received {
        self.cut += 1;
        let cut_us = (self.batch_ms.saturating_mul(self.cut as i64)).saturating_mul(1000);
        self.read_until(cut_us);
        self.apply_updates(cut_us - 1);
        let mut out = Received {
            rate_limit: self.limiter.as_ref().map(RateLimiter::rate),
            ..Received::default()
        };
        let mut last_block = -1;
        while let Some((at, _)) = self.accepted.front() {
            if *at >= cut_us {
                break;
            }
            let block = at / 1000 / self.block_ms;
            let Some((_, text)) = self.accepted.pop_front() else {
                break;
            };
            out.lines.push(text.clone());
            match out.partitions.last_mut() {
                Some(p) if last_block == block => p.push(text),
                _ => out.partitions.push(vec![text]),
            }
            last_block = block;
        }
        out.backlog = (self.accepted.len() + self.lines.len() - self.next) as u64;
        // Lines not sent yet are not a backlog (the lines are in stamp order).
        let rest = &self.lines[self.next..];
        let unsent =
            (rest.len() - rest.partition_point(|l| l.at_ms.saturating_mul(1000) < cut_us)) as u64;
        out.backlog = out.backlog.saturating_sub(unsent);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize, every_ms: i64) -> Vec<StampedLine> {
        (0..n)
            .map(|i| StampedLine {
                at_ms: i as i64 * every_ms,
                text: format!("l{i}"),
            })
            .collect()
    }

    #[test]
    fn guava_bursty_spaces_permits() {
        let mut r = RateLimiter::new(10.0, 0);
        // No stored permits at creation: the first is free, the next waits 100 ms.
        assert_eq!(r.acquire(0), 0);
        assert_eq!(r.acquire(0), 100_000);
        // After 5 s idle, at most one second (10 permits) is stored.
        let t = 5_000_000;
        for _ in 0..11 {
            assert_eq!(r.acquire(t), 0);
        }
        assert_eq!(r.acquire(t), 100_000);
    }

    #[test]
    fn unlimited_receiver_matches_the_half_open_rule() {
        let mut rx = Receiver::new(&lines(10, 150), 1000, 200, None);
        let a = rx.next_batch();
        assert_eq!(a.lines.len(), 7); // 0..=900 ms
        assert_eq!(a.partitions.len(), 5);
        assert_eq!(a.backlog, 0);
        let b = rx.next_batch();
        assert_eq!(b.lines.len(), 3);
        assert!(rx.drained());
    }

    #[test]
    fn max_rate_holds_back_the_excess() {
        let mut rx = Receiver::new(&lines(50, 10), 1000, 200, Some(20));
        let a = rx.next_batch();
        assert_eq!(a.lines.len(), 20);
        assert_eq!(a.backlog, 30);
        assert_eq!(a.rate_limit, Some(20.0));
        let b = rx.next_batch();
        assert_eq!(b.lines.len(), 20);
        let c = rx.next_batch();
        assert_eq!(c.lines.len(), 10);
        assert!(rx.drained());
    }

    #[test]
    fn pid_first_run_is_skipped_then_rate_follows_processing() {
        let mut pid = PidRateEstimator::new(1000);
        assert_eq!(pid.compute(1500, 1000, 500, 0), None);
        // Processing rate 2000/s, latest rate 2000: no error, no delay.
        assert_eq!(pid.compute(2500, 1000, 500, 0), Some(2000.0));
        // Scheduling delay 500 ms: historical error 1000/s, times 0.2.
        let r = pid.compute(3600, 1000, 500, 500).unwrap_or(0.0);
        assert!((r - 1800.0).abs() < 1e-9, "{r}");
        assert_eq!(pid.compute(3600, 1000, 500, 0), None);
        assert_eq!(pid.compute(4000, 0, 500, 0), None);
    }
}
