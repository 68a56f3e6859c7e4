//! Fuzz target: any bytes as a scenario file (`dstream replay`'s input). Reading must fail
//! cleanly or give a scenario; a scenario read is then run with its work capped (a few
//! batches, a few lines), which must not panic either.
#![no_main]

use dstream_engine::scenario::Scenario;
use dstream_engine::trace::Detail;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut s) = Scenario::from_json(text) else {
        return;
    };
    s.run_batches = Some(s.run_batches.unwrap_or(3).min(3));
    if let Some(b) = &mut s.batches {
        b.truncate(3);
    }
    if let Some(l) = &mut s.lines {
        l.truncate(20);
    }
    s.input_partitions = s.input_partitions.map(|n| n.min(8));
    if let Some(k) = &mut s.kafka {
        k.records.truncate(20);
        k.topics.truncate(4);
        for t in &mut k.topics {
            t.partitions = t.partitions.min(8);
        }
    }
    let _ = dstream_engine::engine::run(&s, Detail::Counts);
});
