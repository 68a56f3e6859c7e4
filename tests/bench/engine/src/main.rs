//! The native side of the wasm/native comparison: each workload of the library, best of
//! `RUNS` (default 3) by CPU time (user + system, from `/proc/self/stat`, so a busy shared
//! machine does not count), with the wall time beside it. Prints
//! `name: <cpu> ms cpu <wall> ms wall <words> words` lines that tests/bench/page.mjs reads.

use std::time::Instant;

use dstream_bench_engine::{run_workload, NAMES};

/// This process's CPU time in ms (Linux; clock ticks of 10 ms), or 0 where `/proc` is missing.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) * 10.0
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    for name in NAMES {
        let (mut cpu, mut wall, mut words) = (f64::MAX, 0.0, 0);
        for _ in 0..runs {
            let (c0, t0) = (cpu_ms(), Instant::now());
            words = run_workload(name);
            let c = cpu_ms() - c0;
            if c < cpu {
                cpu = c;
                wall = t0.elapsed().as_secs_f64() * 1000.0;
            }
        }
        assert!(words > 0, "{name} failed");
        println!("{name}: {cpu:.0} ms cpu {wall:.0} ms wall {words} words");
    }
}
