//! Shareable links: the whole state of a page (program, input, generator, cursor, speed,
//! language, selected batch and key, lesson) packed into the URL fragment.
//!
//! Format of the fragment `#s=<payload>`: `payload` is base64url without padding of one
//! format-version byte ([`LINK_VERSION`]) followed by the raw-deflate (RFC 1951) compression
//! of the state's JSON. Links are read with `miniz_oxide`'s inflater (the side that meets
//! untrusted input); they are written by [`deflate`], a small LZ77 + fixed-Huffman encoder
//! (one deflate block), because `miniz_oxide`'s compressor costs about 9 KB of the gzipped
//! `.wasm` for a few hundred bytes of state (the tests check every output against the
//! inflater). Decoding never panics: a payload that is
//! not base64url, does not inflate, is not the JSON of a sane state, inflates past
//! [`MAX_DECODED`] bytes, or carries a newer version byte gives a [`LinkError`], and the page
//! shows a notice over the default state.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::model::Session;

/// The link format's version byte. A link with a larger one comes from a newer site.
pub const LINK_VERSION: u8 = 1;
/// The most bytes a link's state may inflate to.
pub const MAX_DECODED: usize = 64 * 1024;
/// The most characters a payload may have before it is even decoded.
pub const MAX_ENCODED: usize = 128 * 1024;
/// The fragment's prefix before the payload.
pub const PREFIX: &str = "s=";

/// Everything a link restores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// Program, input, generator, cursor, speed, language.
    pub session: Session,
    /// The batch picked (its time); `None` follows the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<i64>,
    /// The key followed in the calls grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow: Option<String>,
    /// The calls-grid cell picked: key and batch time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<(String, i64)>,
    /// The lesson's slug, when the state belongs to a lesson.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
}

/// Why a link could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Not base64url, not deflate, not a state, or values out of range.
    Damaged,
    /// Longer than [`MAX_ENCODED`] characters or inflating past [`MAX_DECODED`] bytes.
    TooLarge,
    /// Made by a newer version of the site (its version byte).
    FutureVersion(u8),
}

/// The payload (without `#s=`) for a state; `Err(TooLarge)` when its JSON is over the cap.
pub fn encode(shared: &Shared) -> Result<String, LinkError> {
    // (`to_string`/`from_str`, as the session's save uses: one copy of the serde code.)
    let json = serde_json::to_string(shared).map_err(|_| LinkError::Damaged)?;
    if json.len() > MAX_DECODED {
        return Err(LinkError::TooLarge);
    }
    let mut bytes = vec![LINK_VERSION];
    bytes.extend(deflate(json.as_bytes()));
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Bits written least-significant first, as deflate packs them.
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= value << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code: its bits go most-significant first.
    fn code(&mut self, code: u32, len: u32) {
        let mut rev = 0;
        for i in 0..len {
            rev |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(rev, len);
    }

    /// A literal/length symbol in the fixed code (RFC 1951, 3.2.6).
    fn symbol(&mut self, sym: u32) {
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xc0 + sym - 280, 8),
        }
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Raw deflate of `data`: one final block with the fixed Huffman code, matches found through
/// a hash of the next three bytes (the latest position only), within the 32 KB window.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    const HASH_BITS: u32 = 13;
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let hash = |i: usize| {
        let v = u32::from(data[i]) | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]) << 16;
        (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
    };
    let mut w = Bits {
        out: Vec::with_capacity(data.len() / 2 + 8),
        acc: 0,
        n: 0,
    };
    w.put(1, 1); // BFINAL
    w.put(1, 2); // BTYPE = 01, fixed Huffman
    let mut i = 0;
    while i < data.len() {
        let mut len = 0;
        let mut dist = 0;
        if i + 3 <= data.len() {
            let h = hash(i);
            let cand = head[h];
            head[h] = i;
            if cand != usize::MAX && i - cand <= 32_768 {
                let max = (data.len() - i).min(258);
                while len < max && data[cand + len] == data[i + len] {
                    len += 1;
                }
                dist = i - cand;
            }
        }
        if len >= 3 {
            let li = LEN_BASE
                .iter()
                .rposition(|&b| usize::from(b) <= len)
                .unwrap_or(0);
            w.symbol(257 + li as u32);
            w.put(
                (len - usize::from(LEN_BASE[li])) as u32,
                u32::from(LEN_EXTRA[li]),
            );
            let di = DIST_BASE
                .iter()
                .rposition(|&b| usize::from(b) <= dist)
                .unwrap_or(0);
            w.code(di as u32, 5);
            w.put(
                (dist - usize::from(DIST_BASE[di])) as u32,
                u32::from(DIST_EXTRA[di]),
            );
            for j in i + 1..(i + len).min(data.len().saturating_sub(2)) {
                head[hash(j)] = j;
            }
            i += len;
        } else {
            w.symbol(u32::from(data[i]));
            i += 1;
        }
    }
    w.symbol(256);
    if w.n > 0 {
        w.out.push(w.acc as u8);
    }
    w.out
}

/// The state a payload (without `#s=`) stands for.
pub fn decode(payload: &str) -> Result<Shared, LinkError> {
    let payload = payload.trim().trim_end_matches('=');
    if payload.len() > MAX_ENCODED {
        return Err(LinkError::TooLarge);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::Damaged)?;
    let (&version, body) = bytes.split_first().ok_or(LinkError::Damaged)?;
    if version == 0 {
        return Err(LinkError::Damaged);
    }
    if version > LINK_VERSION {
        return Err(LinkError::FutureVersion(version));
    }
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(body, MAX_DECODED).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Damaged,
        },
    )?;
    let json = std::str::from_utf8(&json).map_err(|_| LinkError::Damaged)?;
    let shared: Shared = serde_json::from_str(json).map_err(|_| LinkError::Damaged)?;
    if !shared.session.is_sane() {
        return Err(LinkError::Damaged);
    }
    Ok(shared)
}

/// The payload of a fragment (`#s=...` or `s=...`), if it is a state link.
pub fn payload_of(fragment: &str) -> Option<&str> {
    fragment.trim_start_matches('#').strip_prefix(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::{Line, Session};

    fn sample() -> Shared {
        Shared {
            session: Session {
                lines: vec![Line {
                    at_ms: 1500,
                    text: "hello hi hi 你好".into(),
                }],
                cursor_ms: 6000,
                speed: 2.0,
                lang: Lang::En,
                ..Session::default()
            },
            selected: Some(4000),
            follow: Some("hi".into()),
            cell: Some(("hi".into(), 4000)),
            lesson: Some("inverse-reduce".into()),
        }
    }

    #[test]
    fn round_trips() {
        let s = sample();
        let p = encode(&s).unwrap();
        assert!(p
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&p), Ok(s));
        assert!(payload_of(&format!("#s={p}")).is_some());
    }

    /// The encoder's output, read back by `miniz_oxide`.
    fn inflate(d: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(d).expect("valid deflate")
    }

    #[test]
    fn the_encoder_writes_deflate_the_inflater_reads() {
        let cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"a".to_vec(),
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_vec(),
            vec![b'x'; 100_000],
            (0..=255u8).cycle().take(70_000).collect(),
            "hello hi hi 你好 ".repeat(500).into_bytes(),
        ];
        for c in cases {
            let d = deflate(&c);
            assert_eq!(inflate(&d), c);
        }
        // It compresses a state.
        let json = serde_json::to_string(&sample()).unwrap();
        assert!(deflate(json.as_bytes()).len() < json.len() * 3 / 4);
    }

    #[test]
    fn damaged_links_are_refused() {
        let p = encode(&sample()).unwrap();
        assert_eq!(decode("***"), Err(LinkError::Damaged));
        assert_eq!(decode(""), Err(LinkError::Damaged));
        assert_eq!(decode(&p[..p.len() / 2]), Err(LinkError::Damaged));
        // A flipped byte in the compressed body.
        let mut bytes = URL_SAFE_NO_PAD.decode(&p).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x5a;
        assert!(decode(&URL_SAFE_NO_PAD.encode(&bytes)).is_err());
        // Valid deflate of something that is not a state.
        let mut not_state = vec![LINK_VERSION];
        not_state.extend(miniz_oxide::deflate::compress_to_vec(b"{\"a\":1}", 6));
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(not_state)),
            Err(LinkError::Damaged)
        );
    }

    #[test]
    fn future_versions_are_refused() {
        let p = encode(&sample()).unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(&p).unwrap();
        bytes[0] = LINK_VERSION + 1;
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(&bytes)),
            Err(LinkError::FutureVersion(LINK_VERSION + 1))
        );
    }

    #[test]
    fn oversized_links_are_refused() {
        // A deflate bomb: 1 MB of spaces compresses to a few KB but inflates past the cap.
        let mut bomb = vec![LINK_VERSION];
        bomb.extend(miniz_oxide::deflate::compress_to_vec(
            &vec![b' '; 1 << 20],
            9,
        ));
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(bomb)),
            Err(LinkError::TooLarge)
        );
        assert_eq!(
            decode(&"A".repeat(MAX_ENCODED + 1)),
            Err(LinkError::TooLarge)
        );
        let mut big = sample();
        big.session.program = "x".repeat(MAX_DECODED);
        assert_eq!(encode(&big), Err(LinkError::TooLarge));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_state_round_trips(
            program in "\\PC{0,300}",
            texts in proptest::collection::vec(("\\PC{0,30}", 0i64..100_000), 0..20),
            cursor in 0i64..960_000,
            follow in proptest::option::of("[a-z]{1,8}"),
            en in proptest::bool::ANY,
        ) {
            let shared = Shared {
                session: Session {
                    program,
                    lines: texts.into_iter().map(|(text, at_ms)| Line { at_ms, text }).collect(),
                    cursor_ms: cursor,
                    lang: if en { Lang::En } else { Lang::Zh },
                    ..Session::default()
                },
                selected: None,
                follow,
                cell: None,
                lesson: None,
            };
            let p = encode(&shared).unwrap();
            proptest::prop_assert_eq!(decode(&p), Ok(shared));
        }

        #[test]
        fn any_bytes_deflate_and_inflate_back(
            data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000),
            rep in 0usize..40,
        ) {
            let mut d = data.clone();
            // Repeats, so that matches of every length and distance occur.
            for k in 0..rep {
                let from = (k * 37) % d.len().max(1);
                let chunk: Vec<u8> = d.iter().skip(from).take(300).copied().collect();
                d.extend(chunk);
            }
            proptest::prop_assert_eq!(inflate(&deflate(&d)), d);
        }

        #[test]
        fn any_payload_is_refused_or_read_without_panic(p in "[A-Za-z0-9_=-]{0,400}") {
            let _ = decode(&p);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic() {
        // A cheap property test: a deterministic stream of random-ish payloads.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=";
        let good = encode(&sample()).unwrap();
        for i in 0..2000 {
            let mut s = String::new();
            let n = (i % 97) + 1;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(alphabet[(x % alphabet.len() as u64) as usize] as char);
            }
            let _ = decode(&s);
            // Also splice the noise into a good payload.
            let at = (x as usize) % good.len();
            let _ = decode(&format!("{}{}", &good[..at], s));
        }
    }
}
