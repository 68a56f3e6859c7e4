//! Java's strings are sequences of UTF-16 units, and a `Char` is one unit: `"😀".length` is 2,
//! `"😀".toList` two `Char`s, the halves of a surrogate pair, which the console prints as `?`
//! each. The engine's strings are Rust's, whole code points; a lone surrogate, which a Rust
//! `char` cannot be, is kept as one of the last 2,048 code points of plane 16 (private use, so
//! no learner's text has them): [`half`] and [`unit`] convert, [`chars`] reads a string as
//! Java's `Char`s, and [`crate::value::Value::str`] joins a high and a low half that meet
//! again into their code point ([`join_halves`]), so that `"😀".toList.mkString` is `"😀"`.

use std::borrow::Cow;

/// Where the stand-ins of the surrogates `U+D800`-`U+DFFF` start.
const BASE: u32 = 0x10_F800;

/// The `Char` of a UTF-16 unit: itself, or a surrogate's stand-in.
pub fn half(u: u16) -> char {
    char::from_u32(u.into()).unwrap_or_else(|| stand_in(u))
}

fn stand_in(u: u16) -> char {
    char::from_u32(BASE + u32::from(u) - 0xD800).unwrap_or('\u{FFFD}')
}

/// The UTF-16 unit of a `Char` (a surrogate for its stand-in): what `c.toInt` gives.
pub fn unit(c: char) -> u32 {
    match c as u32 {
        n if n >= BASE => n - BASE + 0xD800,
        n => n,
    }
}

/// The `Char` of `n.toChar`: the low 16 bits of `n` as a unit.
pub fn from_int(n: i64) -> char {
    half(n as u16)
}

/// Whether `c` stands for a lone surrogate.
pub fn is_half(c: char) -> bool {
    c as u32 >= BASE
}

/// `Character.isSurrogate(c)` and its `isHighSurrogate`, `isLowSurrogate`, by `name`.
pub fn is_surrogate(c: char, name: &str) -> bool {
    let u = unit(c);
    match name {
        "isHighSurrogate" => (0xD800..0xDC00).contains(&u),
        "isLowSurrogate" => (0xDC00..0xE000).contains(&u),
        _ => (0xD800..0xE000).contains(&u),
    }
}

/// `s` as Java's `Char`s: a code point above `U+FFFF` as its two halves.
pub fn chars(s: &str) -> Chars<'_> {
    Chars {
        inner: s.chars(),
        low: None,
    }
}

/// The iterator of [`chars`].
pub struct Chars<'a> {
    inner: std::str::Chars<'a>,
    low: Option<char>,
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(low) = self.low.take() {
            return Some(low);
        }
        let c = self.inner.next()?;
        if (c as u32) < 0x1_0000 || is_half(c) {
            return Some(c);
        }
        let mut buf = [0u16; 2];
        let pair = c.encode_utf16(&mut buf);
        self.low = Some(stand_in(pair[1]));
        Some(stand_in(pair[0]))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lo, hi) = self.inner.size_hint();
        let low = usize::from(self.low.is_some());
        (lo + low, hi.map(|h| h * 2 + low))
    }
}

/// `s` as Java's UTF-16 units.
pub fn units(s: &str) -> impl Iterator<Item = u16> + '_ {
    chars(s).map(|c| unit(c) as u16)
}

/// Java's `s.length`: its UTF-16 units.
pub fn len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars()
        .map(|c| if is_half(c) { 1 } else { c.len_utf16() })
        .sum()
}

/// `chars` made a string, as Java's `new String(char[])` does: a high half followed by a low
/// one is their code point again.
pub fn collect(chars: impl IntoIterator<Item = char>) -> String {
    let s: String = chars.into_iter().collect();
    match join_halves(&s) {
        Some(joined) => joined,
        None => s,
    }
}

/// `s` with each high half that a low half follows joined with it into their code point;
/// `None` when there is none (the usual case, found by one scan for the first byte of plane
/// 16's code points).
pub fn join_halves(s: &str) -> Option<String> {
    if !s.as_bytes().contains(&0xF4) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut joined = false;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let u = unit(c);
        if is_half(c) && (0xD800..0xDC00).contains(&u) {
            if let Some(&next) = it.peek() {
                let v = unit(next);
                if is_half(next) && (0xDC00..0xE000).contains(&v) {
                    let code = 0x1_0000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                    if let Some(whole) = char::from_u32(code) {
                        out.push(whole);
                        it.next();
                        joined = true;
                        continue;
                    }
                }
            }
        }
        out.push(c);
    }
    joined.then_some(out)
}

/// Whether `text` holds a lone surrogate.
pub fn has_halves(text: &str) -> bool {
    text.as_bytes().contains(&0xF4) && text.chars().any(is_half)
}

/// `text` as Java's console writes it in UTF-8: a lone surrogate as `?`.
pub fn for_console(text: &str) -> Cow<'_, str> {
    if !has_halves(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_half(c) { '?' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle for [`chars`] and [`units`]: Rust's own UTF-16 encoding.
    #[test]
    fn a_string_reads_as_its_utf16_units() {
        for s in [
            "",
            "hello",
            "😀",
            "a😀b𠮷",
            "ｈｉ 你好",
            "\u{FFFF}\u{10000}",
        ] {
            let want: Vec<u16> = s.encode_utf16().collect();
            assert_eq!(units(s).collect::<Vec<_>>(), want, "{s}");
            assert_eq!(len(s), want.len(), "{s}");
            assert_eq!(collect(chars(s)), s, "{s}");
        }
    }

    #[test]
    fn halves_join_only_in_order_and_print_as_question_marks() {
        let [hi, lo] = [half(0xD83D), half(0xDE00)];
        assert_eq!([unit(hi), unit(lo)], [0xD83D, 0xDE00]);
        assert_eq!(collect([hi, lo]), "😀");
        let apart = collect([lo, hi]);
        assert_eq!(len(&apart), 2);
        assert_eq!(for_console(&apart), "??");
        assert_eq!(for_console(&collect(['x', hi])), "x?");
        assert_eq!(join_halves("no halves"), None);
        assert_eq!(from_int(0x1_0041), 'A');
        assert_eq!(chars("😀").last().map(unit), Some(0xDE00));
    }
}
