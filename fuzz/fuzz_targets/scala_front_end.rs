//! Fuzz target: any text through the Scala front-end (lexer, recovering parser, static
//! checks). It must return diagnostics, never panic, hang or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let (_file, diags) = dstream_engine::scala::parser::parse(&src);
    // Every diagnostic points inside the text.
    for d in &diags {
        assert!(d.span.start <= d.span.end && d.span.end as usize <= src.len());
    }
});
