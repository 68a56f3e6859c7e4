//! Shareable links: the whole state of a page (program, input, generator, cursor, speed,
//! language, selected batch and key, lesson) packed into the URL fragment.
//!
//! Format of the fragment `#s=<payload>`: `payload` is base64url without padding of one
//! format-version byte ([`LINK_VERSION`]) followed by the raw-deflate (RFC 1951) compression
//! of the state's JSON, written by `miniz_oxide`'s compressor and read by its inflater. (Links
//! written earlier by a small fixed-Huffman encoder of ours are raw deflate too, with the
//! same version byte, and still open.) Decoding never panics: a payload that is
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

/// The compression level: `miniz_oxide`'s default (6); states are a few KB at most.
const LEVEL: u8 = 6;

/// Raw deflate (RFC 1951) of `data`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, LEVEL)
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

    /// A link written by the fixed-Huffman encoder this file had before it used
    /// `miniz_oxide`'s compressor (version byte 1, one fixed-Huffman deflate block).
    const OLD_LINK: &str = "AatWKk4tLs7Mz1OyqlYqSy2CMA11lAqK8tOLEnOVrJTKEnMUiouTFWwVDBX09RUyUnNy8pFJJR2lnMy81GIlq-hqpcSS-Fwgy9DUwEBHqSS1ogRoAFiVQkYmCD3Zu-Dp0r1KtbE6SumpealFiSX5RSCrU_MSk3JSU5Ss0hJzilOxaQVakwp0YCXEfAOQ-WlF-blgrkGtjlJyaVFxfhGYawaWLS5IBRlopAdk5yTmpQONc81TAqosTs1JTS4ByZmAFablAy0pB0qDLUkGWgn0CpgDkge6NAcYRKBgUcrMA7qgOFW3KDWlNDlVqRYA";

    #[test]
    fn links_written_by_the_old_encoder_still_open() {
        let want = Shared {
            session: Session {
                version: crate::model::SESSION_VERSION,
                program: "val ssc = 1 // hello hello hello".into(),
                lines: vec![Line {
                    at_ms: 1500,
                    text: "hello hi hi 你好".into(),
                }],
                generator: crate::model::Generator {
                    enabled: false,
                    text: "hello hi hi".into(),
                    every_ms: 1000,
                    from_ms: 0,
                },
                cursor_ms: 6000,
                speed: 2.0,
                lang: Lang::En,
                input_partitions: None,
                ..Session::default()
            },
            selected: Some(4000),
            follow: Some("hi".into()),
            cell: Some(("hi".into(), 4000)),
            lesson: Some("inverse-reduce".into()),
        };
        assert_eq!(decode(OLD_LINK), Ok(want.clone()));
        // Today's encoder writes another deflate stream for the same state, read the same.
        let now = encode(&want).unwrap();
        assert_ne!(now, OLD_LINK);
        assert_eq!(decode(&now), Ok(want));
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
