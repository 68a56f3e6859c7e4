//! The part of `java.util.regex.Pattern` that programs use: does a topic name match the
//! pattern as a whole (`pattern.matcher(topic).matches()`, how Kafka's consumer picks the
//! topics of a pattern subscription), and where is its next match in a text (`find`, what
//! `String.split`, `replaceAll` and `replaceFirst` use).
//!
//! Supported: literal characters, `.`, the quantifiers `*`, `+`, `?` (greedy, backtracking:
//! the first match in Java's order of trying), character classes `[abc]`, `[a-z0-9_]`, `[^x]`,
//! the escapes `\d`, `\w`, `\s` (and `\D`, `\W`, `\S` outside brackets) and `\` before any
//! other character, groups `( )` and alternation `|`. Anchors, `{n,m}` and the rest are refused
//! (`Err` starting with "unsupported"), never read as literal text; syntax errors give
//! `PatternSyntaxException`'s first words.

/// One piece of a pattern.
#[derive(Clone, Debug, PartialEq)]
enum Atom {
    /// A character.
    Char(char),
    /// `.`.
    Any,
    /// A class: ranges, negated or not.
    Class(Vec<(char, char)>, bool),
    /// A group of alternatives.
    Group(Vec<Vec<Piece>>),
}

/// An atom with its quantifier: `(min, max)` repeats, `max = None` for unbounded.
#[derive(Clone, Debug, PartialEq)]
struct Piece {
    atom: Atom,
    min: usize,
    max: Option<usize>,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// The source text (`Pattern.toString`).
    pub source: String,
    alts: Vec<Vec<Piece>>,
}

fn escape_class(c: char) -> Option<Vec<(char, char)>> {
    Some(match c {
        'd' => vec![('0', '9')],
        'w' => vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')],
        's' => vec![(' ', ' '), ('\t', '\r')],
        _ => return None,
    })
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Parser<'_> {
    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Piece>>, String> {
        let mut alts = vec![Vec::new()];
        while let Some(&c) = self.chars.peek() {
            match c {
                '|' => {
                    self.chars.next();
                    alts.push(Vec::new());
                }
                ')' if depth > 0 => return Ok(alts),
                ')' => return Err("Unmatched closing ')'".into()),
                _ => {
                    let atom = self.atom()?;
                    let (min, max) = match self.chars.peek() {
                        Some('*') => (0, None),
                        Some('+') => (1, None),
                        Some('?') => (0, Some(1)),
                        _ => (1, Some(1)),
                    };
                    if (min, max) != (1, Some(1)) {
                        self.chars.next();
                    }
                    alts.last_mut()
                        .expect("one at least")
                        .push(Piece { atom, min, max });
                }
            }
        }
        if depth > 0 {
            return Err("Unclosed group".into());
        }
        Ok(alts)
    }

    fn atom(&mut self) -> Result<Atom, String> {
        let c = self.chars.next().ok_or("Unexpected end")?;
        Ok(match c {
            '.' => Atom::Any,
            '(' => {
                let alts = self.alternatives(1)?;
                self.chars.next();
                Atom::Group(alts)
            }
            '*' | '+' | '?' => return Err(format!("Dangling meta character '{c}'")),
            '^' | '$' | '{' => return Err(format!("unsupported: `{c}` in a regular expression")),
            '\\' => {
                let e = self.chars.next().ok_or("Unexpected internal error")?;
                match (escape_class(e), escape_class(e.to_ascii_lowercase())) {
                    (Some(r), _) => Atom::Class(r, false),
                    (None, Some(r)) if e.is_ascii_uppercase() => Atom::Class(r, true),
                    _ if e.is_ascii_alphanumeric() => {
                        return Err(format!("unsupported: `\\{e}` in a regular expression"))
                    }
                    _ => Atom::Char(e),
                }
            }
            '[' => {
                let negated = self.chars.peek() == Some(&'^');
                if negated {
                    self.chars.next();
                }
                let mut ranges = Vec::new();
                loop {
                    let c = self.chars.next().ok_or("Unclosed character class")?;
                    match c {
                        ']' if !ranges.is_empty() => break,
                        '\\' => {
                            let e = self.chars.next().ok_or("Unclosed character class")?;
                            match escape_class(e) {
                                Some(r) => ranges.extend(r),
                                None if e.is_ascii_alphanumeric() => {
                                    return Err(format!(
                                        "unsupported: `\\{e}` in a character class"
                                    ))
                                }
                                None => ranges.push((e, e)),
                            }
                        }
                        '[' => return Err("unsupported: a class inside a class".into()),
                        '&' if self.chars.peek() == Some(&'&') => {
                            return Err("unsupported: `&&` in a character class".into())
                        }
                        _ => {
                            let mut look = self.chars.clone();
                            if look.next() == Some('-') && look.peek().is_some_and(|&n| n != ']') {
                                self.chars.next();
                                let hi = self.chars.next().ok_or("Unclosed character class")?;
                                ranges.push((c, hi));
                            } else {
                                ranges.push((c, c));
                            }
                        }
                    }
                }
                Atom::Class(ranges, negated)
            }
            c => Atom::Char(c),
        })
    }
}

impl Pattern {
    /// `Pattern.compile(source)`; `Err` with `PatternSyntaxException`'s description.
    pub fn compile(source: &str) -> Result<Pattern, String> {
        let mut p = Parser {
            chars: source.chars().peekable(),
        };
        let alts = p.alternatives(0)?;
        Ok(Pattern {
            source: source.to_string(),
            alts,
        })
    }

    /// `pattern.matcher(text).matches()`: the whole text matches.
    pub fn matches(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        alts_match(&self.alts, &chars, 0, &mut |end| end == chars.len())
    }

    /// `matcher.find()` from `from`: the first match at the leftmost start, as
    /// `(start, end)` in characters.
    pub fn find(&self, chars: &[char], from: usize) -> Option<(usize, usize)> {
        (from..=chars.len()).find_map(|start| {
            let mut end = None;
            alts_match(&self.alts, chars, start, &mut |e| {
                end = Some(e);
                true
            })
            .then(|| (start, end.unwrap_or(start)))
        })
    }
}

fn atom_matches(atom: &Atom, c: char) -> bool {
    match atom {
        Atom::Char(a) => *a == c,
        Atom::Any => c != '\n',
        Atom::Class(ranges, neg) => ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *neg,
        Atom::Group(_) => false,
    }
}

/// Does one of `alts` match at `pos`, with `k` accepting where it ends?
fn alts_match(
    alts: &[Vec<Piece>],
    s: &[char],
    pos: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    alts.iter().any(|seq| seq_match(seq, s, pos, k))
}

fn seq_match(seq: &[Piece], s: &[char], pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((first, rest)) = seq.split_first() else {
        return k(pos);
    };
    piece_match(first, 0, s, pos, &mut |end| seq_match(rest, s, end, k))
}

/// Match `p` having matched it `n` times so far, greedily.
fn piece_match(
    p: &Piece,
    n: usize,
    s: &[char],
    pos: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    let can_more = p.max.is_none_or(|m| n < m);
    if can_more {
        let more = match &p.atom {
            Atom::Group(alts) => alts_match(alts, s, pos, &mut |end| {
                end > pos && piece_match(p, n + 1, s, end, k)
            }),
            a => pos < s.len() && atom_matches(a, s[pos]) && piece_match(p, n + 1, s, pos + 1, k),
        };
        if more {
            return true;
        }
    }
    n >= p.min && k(pos)
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn whole_name_matches() {
        let p = Pattern::compile("words.*").unwrap();
        assert!(p.matches("words"));
        assert!(p.matches("words-2"));
        assert!(!p.matches("my-words"));
        let p = Pattern::compile("(clicks|views)-[0-9]+").unwrap();
        assert!(p.matches("views-12"));
        assert!(!p.matches("views-"));
        assert!(Pattern::compile("topic\\d?").unwrap().matches("topic"));
        assert!(Pattern::compile("*x").is_err());
    }

    #[test]
    fn find_gives_the_first_match_in_javas_order() {
        let chars: Vec<char> = "a1b22c".chars().collect();
        let p = Pattern::compile("\\d+").unwrap();
        assert_eq!(p.find(&chars, 0), Some((1, 2)));
        assert_eq!(p.find(&chars, 2), Some((3, 5)));
        assert_eq!(p.find(&chars, 5), None);
        // Alternatives are tried in order, not for the longest match.
        let p = Pattern::compile("a|ab").unwrap();
        assert_eq!(p.find(&"ab".chars().collect::<Vec<_>>(), 0), Some((0, 1)));
        let p = Pattern::compile("\\W+").unwrap();
        assert_eq!(
            p.find(&"hi, there".chars().collect::<Vec<_>>(), 0),
            Some((2, 4))
        );
    }

    #[test]
    fn what_it_cannot_read_is_refused_not_taken_literally() {
        for src in ["^a", "a$", "a{2}", "\\bword", "[\\p]", "[[a]]"] {
            let e = Pattern::compile(src).unwrap_err();
            assert!(e.starts_with("unsupported"), "{src}: {e}");
        }
    }
}
