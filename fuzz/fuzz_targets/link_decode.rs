//! Fuzz target: any text as a link's `#s=` payload and as a saved session. Decoding must
//! give a state or an error (damaged, too large, newer version), never panic, and never
//! inflate past the link's cap.
#![no_main]

use dstream_web::link::{decode, payload_of};
use dstream_web::model::Session;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = decode(&text);
    if let Some(p) = payload_of(&text) {
        let _ = decode(p);
    }
    if let Some(s) = Session::from_json(&text) {
        assert!(s.is_sane());
    }
});
