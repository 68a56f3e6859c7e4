//! Static members of `java.lang`'s classes that programs call by their short names, as JDK 17
//! defines them: `Integer.toString(n, 2)`, `Integer.compare`, `Integer.bitCount`,
//! `Character.isDigit(c)`, `Character.digit(c, 16)`, `Math.addExact(a, b)` (with Java's
//! `ArithmeticException: integer overflow`), `Math.PI`, `String.join`,
//! `System.lineSeparator`. `spark_api::module_method` asks here first; `None` sends the call
//! on to the members the rest of the interpreter knows (`Integer.parseInt`, `Math.max`).

use crate::exec::Exn;
use crate::value::Value;

type R = Result<Value, Exn>;

/// The members here that are methods of parameters, by class: what a program may pass as a
/// function value (`w.forall(Character.isLetter)`).
const METHODS: &[(&str, &[&str])] = &[
    (
        "Integer",
        &[
            "toString",
            "max",
            "min",
            "sum",
            "compare",
            "signum",
            "bitCount",
            "reverse",
            "reverseBytes",
            "highestOneBit",
            "lowestOneBit",
            "numberOfLeadingZeros",
            "numberOfTrailingZeros",
            "rotateLeft",
            "rotateRight",
            "toUnsignedString",
            "toUnsignedLong",
            "hashCode",
        ],
    ),
    (
        "Character",
        &[
            "isDigit",
            "isLetter",
            "isLetterOrDigit",
            "isAlphabetic",
            "isUpperCase",
            "isLowerCase",
            "isWhitespace",
            "isSpaceChar",
            "isSurrogate",
            "isHighSurrogate",
            "isLowSurrogate",
            "toUpperCase",
            "toLowerCase",
            "getNumericValue",
            "digit",
            "toString",
            "valueOf",
            "compare",
            "hashCode",
        ],
    ),
    (
        "Math",
        &[
            "addExact",
            "subtractExact",
            "multiplyExact",
            "negateExact",
            "incrementExact",
            "decrementExact",
            "toIntExact",
            "absExact",
        ],
    ),
    ("String", &["join"]),
];

/// `module.name` as a method this file runs, with its static name (for a function value).
pub fn method(module: &str, name: &str) -> Option<(&'static str, &'static str)> {
    let (m, names) = METHODS.iter().find(|(m, _)| *m == module)?;
    let n = names.iter().find(|n| **n == name)?;
    Some((m, n))
}

/// `module.name(args)` (or the field `module.name` when `args` is empty and it is one);
/// `None` when this file does not know the member.
pub fn module_method(module: &str, name: &str, args: &[Value]) -> Option<R> {
    match module {
        "Integer" => integer(name, args),
        "Character" => character(name, args),
        "Math" => math(name, args),
        "String" if name == "join" => Some(join(args)),
        "System" if name == "lineSeparator" => Some(Ok(Value::str("\n"))),
        _ => None,
    }
}

fn missing(name: &str) -> Exn {
    Exn::unsupported(format!("{name}: not enough arguments"))
}

/// The `Int` of argument `i` (a `Char` widened, as Java widens it).
fn int_arg(args: &[Value], i: usize, name: &str) -> Result<i32, Exn> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Char(c)) => Ok(crate::utf16::unit(*c) as i32),
        Some(other) => Err(Exn::unsupported(format!(
            "type mismatch in {name}: found {}, required Int",
            other.type_name()
        ))),
        None => Err(missing(name)),
    }
}

fn integer(name: &str, args: &[Value]) -> Option<R> {
    let a = |i: usize| int_arg(args, i, name);
    let v = |f: &dyn Fn() -> Result<i32, Exn>| Some(f().map(Value::Int));
    match name {
        "SIZE" if args.is_empty() => Some(Ok(Value::Int(32))),
        "BYTES" if args.is_empty() => Some(Ok(Value::Int(4))),
        "toString" if args.len() == 1 => Some(a(0).map(|n| Value::str(&n.to_string()))),
        "toString" => Some(a(0).and_then(|n| Ok(Value::str(&radix_text(n, a(1)?))))),
        "toUnsignedString" => Some(a(0).map(|n| Value::str(&(n as u32).to_string()))),
        "toUnsignedLong" => Some(a(0).map(|n| Value::Long(i64::from(n as u32)))),
        "max" => v(&|| Ok(a(0)?.max(a(1)?))),
        "min" => v(&|| Ok(a(0)?.min(a(1)?))),
        "sum" => v(&|| Ok(a(0)?.wrapping_add(a(1)?))),
        "compare" => v(&|| Ok(a(0)?.cmp(&a(1)?) as i32)),
        "signum" => v(&|| Ok(a(0)?.signum())),
        "hashCode" => v(&|| a(0)),
        "bitCount" => v(&|| Ok(a(0)?.count_ones() as i32)),
        "reverse" => v(&|| Ok(a(0)?.reverse_bits())),
        "reverseBytes" => v(&|| Ok(a(0)?.swap_bytes())),
        "highestOneBit" => v(&|| {
            let n = a(0)? as u32;
            Ok(if n == 0 {
                0
            } else {
                (1u32 << (31 - n.leading_zeros())) as i32
            })
        }),
        "lowestOneBit" => v(&|| {
            let n = a(0)?;
            Ok(n & n.wrapping_neg())
        }),
        "numberOfLeadingZeros" => v(&|| Ok(a(0)?.leading_zeros() as i32)),
        "numberOfTrailingZeros" => v(&|| Ok(a(0)?.trailing_zeros() as i32)),
        // Java takes the distance modulo 32, negative ones too.
        "rotateLeft" => v(&|| Ok(a(0)?.rotate_left(a(1)?.rem_euclid(32) as u32))),
        "rotateRight" => v(&|| Ok(a(0)?.rotate_right(a(1)?.rem_euclid(32) as u32))),
        _ => None,
    }
}

/// `Integer.toString(n, radix)`: lower-case digits after a `-`; a radix outside 2..=36 is 10.
fn radix_text(n: i32, radix: i32) -> String {
    let radix = if (2..=36).contains(&radix) {
        radix as u32
    } else {
        10
    };
    let mut m = i64::from(n).unsigned_abs();
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((m % u64::from(radix)) as u32, radix).unwrap_or('0'));
        m /= u64::from(radix);
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

/// Java's `Character.isWhitespace`: a space, line or paragraph separator that is not a
/// no-break space, or one of the controls `\t \n \u000B \f \r \u001C`-`\u001F`.
pub fn is_java_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1C}'..='\u{1F}' | ' ' | '\u{1680}'
            | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{2028}' | '\u{2029}'
            | '\u{205F}' | '\u{3000}'
    )
}

/// The zero of each block of ten decimal digits (Unicode's `Nd`) in the Basic Multilingual
/// Plane, as JDK 17's `Character.isDigit(char)` knows them: a Scala `Char` is one UTF-16 unit.
const DIGIT_ZEROS: [u32; 37] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
];

/// The value of `c` when it is a decimal digit of any script (`٣`, the full-width `５` a
/// Chinese input method types), as Java's `Character.isDigit` sees it.
fn decimal_digit(c: char) -> Option<u32> {
    let c = c as u32;
    let i = DIGIT_ZEROS.partition_point(|&z| z <= c);
    let zero = DIGIT_ZEROS[i.checked_sub(1)?];
    (c - zero < 10).then_some(c - zero)
}

/// Java's `Character.isLetter` (Scala's `c.isLetter`): Unicode's letters, as Rust's alphabetic
/// but for the letter numbers (`Ⅳ`, the ideographic zero `〇`), which Java does not count.
pub fn is_java_letter(c: char) -> bool {
    c.is_alphabetic()
        && !matches!(
            c,
            '\u{16EE}'..='\u{16F0}'
                | '\u{2160}'..='\u{2182}'
                | '\u{2185}'..='\u{2188}'
                | '\u{3007}'
                | '\u{3021}'..='\u{3029}'
                | '\u{3038}'..='\u{303A}'
                | '\u{A6E6}'..='\u{A6EF}'
        )
}

/// Java's `Character.isDigit` (Scala's `c.isDigit`).
pub fn is_java_digit(c: char) -> bool {
    decimal_digit(c).is_some()
}

/// Java's `Character.digit(c, radix)`: a decimal digit of any script, or a Latin letter (ASCII
/// or full-width) from 10; `None` when that is not below `radix`. `Integer.parseInt` reads
/// each character so, and so does Scala's `toInt`.
pub fn java_digit(c: char, radix: u32) -> Option<u32> {
    let d = match c {
        'a'..='z' => c as u32 - 'a' as u32 + 10,
        'A'..='Z' => c as u32 - 'A' as u32 + 10,
        '\u{FF21}'..='\u{FF3A}' => c as u32 - 0xFF21 + 10,
        '\u{FF41}'..='\u{FF5A}' => c as u32 - 0xFF41 + 10,
        _ => decimal_digit(c)?,
    };
    (d < radix).then_some(d)
}

/// Java's `Character.getNumericValue`: a digit's or letter's [`java_digit`] in base 36, else
/// the value of a superscript, subscript, Roman numeral or circled number; -1 for the rest
/// (fractions, -2 in Java, are not told apart).
fn numeric_value(c: char) -> i32 {
    if let Some(d) = java_digit(c, 36) {
        return d as i32;
    }
    // (first, last, value of the first) of runs of consecutive values.
    const RUNS: [(u32, u32, i32); 14] = [
        (0xB2, 0xB3, 2),
        (0xB9, 0xB9, 1),
        (0x2070, 0x2070, 0),
        (0x2074, 0x2079, 4),
        (0x2080, 0x2089, 0),
        (0x2160, 0x216B, 1),
        (0x2170, 0x217B, 1),
        (0x2460, 0x2473, 1),
        (0x2474, 0x2487, 1),
        (0x2488, 0x249B, 1),
        (0x24EA, 0x24EA, 0),
        (0x2776, 0x277F, 1),
        (0x3007, 0x3007, 0),
        (0x3021, 0x3029, 1),
    ];
    let c = c as u32;
    RUNS.iter()
        .find(|&&(a, b, _)| (a..=b).contains(&c))
        .map_or(-1, |&(a, _, v)| v + (c - a) as i32)
}

/// Java's `Long.parseLong(s, radix)` between `min` and `max` (`Integer.parseInt` passes an
/// `Int`'s bounds): an optional sign, then at least one digit of [`java_digit`]; `None` for
/// anything else or a value out of bounds.
pub fn parse_integer(s: &str, radix: u32, min: i64, max: i64) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() {
        return None;
    }
    // Accumulated negatively, as Java does, so that `min` itself fits.
    let mut n: i64 = 0;
    for c in digits.chars() {
        let d = i64::from(java_digit(c, radix)?);
        n = n.checked_mul(i64::from(radix))?.checked_sub(d)?;
        if n < min {
            return None;
        }
    }
    if neg {
        Some(n)
    } else {
        n.checked_neg().filter(|&v| v <= max)
    }
}

fn character(name: &str, args: &[Value]) -> Option<R> {
    // A `Char`, or an `Int` code point (Java's overloads of each test and case mapping).
    let (c, code_point) = match args.first() {
        Some(Value::Char(c)) => (*c, false),
        Some(Value::Int(n)) => (char::from_u32(*n as u32).unwrap_or('\u{FFFF}'), true),
        Some(other) => {
            return Some(Err(Exn::unsupported(format!(
                "type mismatch in Character.{name}: found {}, required Char",
                other.type_name()
            ))))
        }
        None => {
            return match name {
                "MIN_VALUE" => Some(Ok(Value::Char('\0'))),
                "MAX_VALUE" => Some(Ok(Value::Char('\u{FFFF}'))),
                "MIN_RADIX" => Some(Ok(Value::Int(2))),
                "MAX_RADIX" => Some(Ok(Value::Int(36))),
                _ => None,
            }
        }
    };
    let test = |b: bool| Some(Ok(Value::Bool(b)));
    let mapped = |m: char| {
        Some(Ok(if code_point {
            Value::Int(m as i32)
        } else {
            Value::Char(m)
        }))
    };
    match name {
        "isDigit" => test(is_java_digit(c)),
        "isLetter" => test(is_java_letter(c)),
        "isAlphabetic" => test(c.is_alphabetic()),
        "isLetterOrDigit" => test(is_java_letter(c) || is_java_digit(c)),
        "isUpperCase" => test(c.is_uppercase()),
        "isLowerCase" => test(c.is_lowercase()),
        "isWhitespace" => test(is_java_whitespace(c)),
        "isSurrogate" | "isHighSurrogate" | "isLowSurrogate" => {
            test(crate::utf16::is_surrogate(c, name))
        }
        "isSpaceChar" => test(matches!(
            c,
            ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        )),
        // One `char` to one: Java's `toUpperCase(char)` keeps `ß` as it is.
        "toUpperCase" => mapped(java_upper(c)),
        "toLowerCase" => mapped(java_lower(c)),
        "getNumericValue" => Some(Ok(Value::Int(numeric_value(c)))),
        "digit" => {
            let radix = match int_arg(args, 1, "Character.digit") {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            let d = (2..=36)
                .contains(&radix)
                .then(|| java_digit(c, radix as u32))
                .flatten();
            Some(Ok(Value::Int(d.map_or(-1, |d| d as i32))))
        }
        "toString" | "valueOf" if !code_point => Some(Ok(if name == "toString" {
            Value::str(&c.to_string())
        } else {
            Value::Char(c)
        })),
        "compare" => Some(
            int_arg(args, 1, "Character.compare")
                .map(|b| Value::Int(crate::utf16::unit(c) as i32 - b)),
        ),
        "hashCode" => Some(Ok(Value::Int(crate::utf16::unit(c) as i32))),
        _ => None,
    }
}

/// Java's `Character.toUpperCase(char)`: one `char` to one, so `ß` stays as it is.
pub fn java_upper(c: char) -> char {
    one_to_one(c.to_uppercase(), c)
}

/// Java's `Character.toLowerCase(char)`: Unicode's simple mapping (`İ` to `i`, where the full
/// one adds a dot above).
pub fn java_lower(c: char) -> char {
    if c == '\u{130}' {
        'i'
    } else {
        one_to_one(c.to_lowercase(), c)
    }
}

/// The case mapping of `c` when it is one character, else `c`.
fn one_to_one(mut m: impl Iterator<Item = char>, c: char) -> char {
    match (m.next(), m.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

fn math(name: &str, args: &[Value]) -> Option<R> {
    let overflow = |long: bool| {
        Exn::new(
            "java.lang.ArithmeticException",
            if long {
                "long overflow"
            } else {
                "integer overflow"
            },
        )
    };
    // Both `Int`s: the `int` overload; a `Long` among them: the `long` one.
    let nums = |n: usize| -> Result<(bool, Vec<i64>), Exn> {
        let mut long = false;
        let mut out = Vec::new();
        for i in 0..n {
            match args.get(i) {
                Some(Value::Int(v)) => out.push(i64::from(*v)),
                Some(Value::Char(c)) => out.push(i64::from(crate::utf16::unit(*c))),
                Some(Value::Long(v)) => {
                    long = true;
                    out.push(*v)
                }
                Some(other) => {
                    return Err(Exn::unsupported(format!(
                        "type mismatch in Math.{name}: found {}, required Int or Long",
                        other.type_name()
                    )))
                }
                None => return Err(missing(name)),
            }
        }
        Ok((long, out))
    };
    let exact = |arity: usize, f: &dyn Fn(i64, i64) -> Option<i64>| -> R {
        let (long, v) = nums(arity)?;
        let (x, y) = (v[0], v.get(1).copied().unwrap_or(0));
        let r = if long {
            f(x, y)
        } else {
            f(x, y).and_then(|r| i32::try_from(r).ok().map(i64::from))
        };
        match r {
            Some(r) if long => Ok(Value::Long(r)),
            Some(r) => Ok(Value::Int(r as i32)),
            None => Err(overflow(long)),
        }
    };
    Some(match name {
        "PI" if args.is_empty() => Ok(Value::Double(std::f64::consts::PI)),
        "E" if args.is_empty() => Ok(Value::Double(std::f64::consts::E)),
        "addExact" => exact(2, &|x, y| x.checked_add(y)),
        "subtractExact" => exact(2, &|x, y| x.checked_sub(y)),
        "multiplyExact" => exact(2, &|x, y| x.checked_mul(y)),
        "negateExact" => exact(1, &|x, _| x.checked_neg()),
        "incrementExact" => exact(1, &|x, _| x.checked_add(1)),
        "decrementExact" => exact(1, &|x, _| x.checked_sub(1)),
        "toIntExact" => match args.first() {
            Some(Value::Long(v)) => i32::try_from(*v)
                .map(Value::Int)
                .map_err(|_| overflow(false)),
            Some(Value::Int(v)) => Ok(Value::Int(*v)),
            _ => Err(missing(name)),
        },
        "absExact" => match nums(1) {
            Ok((long, v)) => {
                let min = if long { i64::MIN } else { i64::from(i32::MIN) };
                if v[0] == min {
                    let class = if long { "Long" } else { "Integer" };
                    Err(Exn::new(
                        "java.lang.ArithmeticException",
                        format!("Overflow to represent absolute value of {class}.MIN_VALUE"),
                    ))
                } else if long {
                    Ok(Value::Long(v[0].abs()))
                } else {
                    Ok(Value::Int(v[0].abs() as i32))
                }
            }
            Err(e) => Err(e),
        },
        _ => return None,
    })
}

/// `String.join(delimiter, elements...)`.
fn join(args: &[Value]) -> R {
    let Some((delim, items)) = args.split_first() else {
        return Err(missing("String.join"));
    };
    let parts: Vec<String> = items.iter().map(Value::to_text).collect();
    Ok(Value::str(&parts.join(&delim.to_text())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(module: &str, name: &str, args: &[Value]) -> String {
        match module_method(module, name, args) {
            Some(Ok(v)) => v.to_string(),
            Some(Err(e)) => format!("{}: {}", e.class, e.message),
            None => "none".into(),
        }
    }

    #[test]
    fn integer_to_string_in_a_radix_as_java_writes_it() {
        let s = |n: i32, r: i32| call("Integer", "toString", &[Value::Int(n), Value::Int(r)]);
        assert_eq!(s(255, 16), "ff");
        assert_eq!(s(-255, 16), "-ff");
        assert_eq!(s(5, 2), "101");
        assert_eq!(s(i32::MIN, 2), format!("-1{}", "0".repeat(31)));
        assert_eq!(s(35, 36), "z");
        assert_eq!(s(12, 99), "12", "a radix out of range is 10");
        assert_eq!(s(0, 7), "0");
    }

    #[test]
    fn integer_bits_as_java_counts_them() {
        let i = |name: &str, n: i32| call("Integer", name, &[Value::Int(n)]);
        assert_eq!(i("bitCount", -1), "32");
        assert_eq!(i("highestOneBit", 100), "64");
        assert_eq!(i("highestOneBit", -5), i32::MIN.to_string());
        assert_eq!(i("highestOneBit", 0), "0");
        assert_eq!(i("lowestOneBit", 12), "4");
        assert_eq!(i("numberOfTrailingZeros", 0), "32");
        assert_eq!(i("reverse", 1), i32::MIN.to_string());
        assert_eq!(i("signum", -9), "-1");
        let two =
            |name: &str, a: i32, b: i32| call("Integer", name, &[Value::Int(a), Value::Int(b)]);
        assert_eq!(two("compare", 3, 9), "-1");
        assert_eq!(two("sum", i32::MAX, 1), i32::MIN.to_string());
        assert_eq!(two("rotateLeft", 1, 33), "2");
        assert_eq!(two("rotateRight", 1, -1), "2");
    }

    #[test]
    fn math_exact_throws_javas_overflow() {
        let two = |name: &str, a: Value, b: Value| call("Math", name, &[a, b]);
        assert_eq!(
            two("addExact", Value::Int(i32::MAX), Value::Int(1)),
            "java.lang.ArithmeticException: integer overflow"
        );
        assert_eq!(
            two("addExact", Value::Int(i32::MAX), Value::Long(1)),
            "2147483648"
        );
        assert_eq!(
            two("multiplyExact", Value::Long(i64::MAX), Value::Int(2)),
            "java.lang.ArithmeticException: long overflow"
        );
        assert_eq!(two("subtractExact", Value::Int(1), Value::Int(3)), "-2");
        assert_eq!(
            call("Math", "toIntExact", &[Value::Long(1 << 40)]),
            "java.lang.ArithmeticException: integer overflow"
        );
        assert_eq!(
            call("Math", "negateExact", &[Value::Int(i32::MIN)]),
            "java.lang.ArithmeticException: integer overflow"
        );
        assert_eq!(
            call("Math", "absExact", &[Value::Int(i32::MIN)]),
            "java.lang.ArithmeticException: Overflow to represent absolute value of Integer.MIN_VALUE"
        );
    }

    #[test]
    fn character_tests_and_mappings() {
        let c = |name: &str, ch: char| call("Character", name, &[Value::Char(ch)]);
        assert_eq!(c("isDigit", '7'), "true");
        assert_eq!(c("isLetter", '词'), "true");
        assert_eq!(
            c("isWhitespace", '\u{A0}'),
            "false",
            "a no-break space is not"
        );
        assert_eq!(c("isWhitespace", '\u{3000}'), "true");
        assert_eq!(c("isSpaceChar", '\u{A0}'), "true");
        assert_eq!(c("toUpperCase", 'ß'), "ß");
        assert_eq!(c("toUpperCase", 'a'), "A");
        assert_eq!(c("getNumericValue", 'z'), "35");
        assert_eq!(c("getNumericValue", '-'), "-1");
        assert_eq!(call("Character", "toUpperCase", &[Value::Int(97)]), "65");
        assert_eq!(
            call("Character", "digit", &[Value::Char('f'), Value::Int(16)]),
            "15"
        );
        assert_eq!(
            call("Character", "digit", &[Value::Char('g'), Value::Int(16)]),
            "-1"
        );
        assert_eq!(
            call(
                "Character",
                "compare",
                &[Value::Char('a'), Value::Char('c')]
            ),
            "-2"
        );
    }

    #[test]
    fn join_and_line_separator() {
        let args = [Value::str("-"), Value::str("a"), Value::str("b")];
        assert_eq!(call("String", "join", &args), "a-b");
        assert_eq!(call("System", "lineSeparator", &[]), "\n");
        assert_eq!(call("Integer", "parseInt", &[Value::str("1")]), "none");
    }
}
