//! The `s"..."` pattern (`case s"$key=$value" =>`): Scala 2.13's `StringContext.glob`, a
//! glob match of the literal parts with a wildcard for each hole. A hole takes as little
//! as it can, and the match backtracks only to the last hole (`s"$a,$b"` on `"x,y,z"` binds
//! `a = "x"`, `b = "y,z"`), as the classic glob algorithm does.

/// The holes' texts when `input` matches the parts `chunks` (one more than the holes).
pub fn glob(chunks: &[String], input: &str) -> Option<Vec<String>> {
    let input: Vec<char> = input.chars().collect();
    let holes = chunks.len().saturating_sub(1);
    // The pattern as characters, `None` for a hole; which hole each position is.
    let mut pattern: Vec<Option<char>> = Vec::new();
    let mut hole_at: Vec<Option<usize>> = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        for ch in c.chars() {
            pattern.push(Some(ch));
            hole_at.push(None);
        }
        if i < holes {
            pattern.push(None);
            hole_at.push(Some(i));
        }
    }
    hole_at.push(None);
    let mut starts: Vec<Option<usize>> = vec![None; holes];
    let mut ends: Vec<Option<usize>> = vec![None; holes];
    let (mut p, mut i) = (0, 0);
    let (mut next_p, mut next_i) = (0, 0);
    while p < pattern.len() || i < input.len() {
        if let Some(n) = hole_at[p] {
            starts[n] = Some(starts[n].map_or(i, |s| s.min(i)));
            ends[n] = Some(ends[n].map_or(i, |e| e.max(i)));
        }
        let go_on = match pattern.get(p) {
            Some(None) => {
                // Try the hole empty here; if that fails, give it one more character.
                next_p = p;
                next_i = i + 1;
                p += 1;
                true
            }
            Some(Some(c)) if input.get(i) == Some(c) => {
                p += 1;
                i += 1;
                true
            }
            _ => false,
        };
        if !go_on {
            if 0 < next_i && next_i <= input.len() {
                p = next_p;
                i = next_i;
            } else {
                return None;
            }
        }
    }
    Some(
        (0..holes)
            .map(|n| {
                let (s, e) = (starts[n].unwrap_or(0), ends[n].unwrap_or(0));
                input[s..e.max(s)].iter().collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From scratch: every way to cut `input` into the parts and holes (the first hole the
    /// least first). Whether one exists is whether the glob matches; which holes Scala's
    /// glob binds in a tangled case is checked against Spark (oracle fixture
    /// `string_interpolation_patterns`).
    fn oracle(chunks: &[&str], input: &str) -> Option<Vec<String>> {
        fn go(chunks: &[&str], input: &str) -> Option<Vec<String>> {
            let (first, rest) = chunks.split_first()?;
            let after = input.strip_prefix(first)?;
            if rest.is_empty() {
                return after.is_empty().then(Vec::new);
            }
            (0..=after.len())
                .filter(|&k| after.is_char_boundary(k))
                .find_map(|k| {
                    let mut tail = go(rest, &after[k..])?;
                    tail.insert(0, after[..k].to_string());
                    Some(tail)
                })
        }
        go(chunks, input)
    }

    #[test]
    fn a_glob_matches_exactly_when_some_cut_of_the_input_does() {
        let owned = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            glob(&owned(&["", ",", ""]), "x,y,z"),
            Some(vec!["x".into(), "y,z".into()])
        );
        assert_eq!(glob(&owned(&["h", ""]), "hello"), Some(vec!["ello".into()]));
        assert_eq!(glob(&owned(&["h", ""]), "ahello"), None);
        // Every pattern of up to three holes over `a`, `b` and `,` against every short input.
        let alphabet = ["", "a", ",", "ab"];
        let inputs: Vec<String> = (0..4usize.pow(4))
            .map(|mut n| {
                let mut s = String::new();
                for _ in 0..4 {
                    s += ["a", "b", ",", ""][n % 4];
                    n /= 4;
                }
                s
            })
            .collect();
        for holes in 0..3 {
            for n in 0..alphabet.len().pow(holes as u32 + 1) {
                let mut m = n;
                let chunks: Vec<&str> = (0..=holes)
                    .map(|_| {
                        let c = alphabet[m % alphabet.len()];
                        m /= alphabet.len();
                        c
                    })
                    .collect();
                for input in &inputs {
                    let got = glob(&owned(&chunks), input);
                    let want = oracle(&chunks, input);
                    assert_eq!(got.is_some(), want.is_some(), "{chunks:?} on {input:?}");
                }
            }
        }
    }
}
