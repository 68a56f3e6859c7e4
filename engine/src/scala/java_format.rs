//! `java.util.Formatter`, as `"%5.2f".format(x)`, `String.format` and the `f""` interpolator
//! run it (JDK 17, Spark 4.3.0's): the whole format string is parsed first, each specifier
//! `%[index$][flags][width][.precision]conversion` checked as `Formatter`'s constructor of it
//! checks (`%-s`: `MissingFormatWidthException`, `%05s`: `FormatFlagsConversionMismatch`,
//! `%.2d`: `IllegalFormatPrecisionException`, `%q`: `UnknownFormatConversionException`), then
//! printed with its argument: ordinary (the next), explicit (`%2$s`) or the previous (`%<s`).
//!
//! Conversions: `b h s c d o x e f g` (and their upper cases), `%` and `n`; flags `-#+ 0,(`.
//! Numbers round as `Formatter` does: half up on the shortest decimal that reads back as the
//! double (`%.2f` of 1.005 is `1.01`, `%.0e` of 2.5 is `3e+00`); `%g` is `%e` or `%f` by the
//! magnitude after rounding. Not run: `%a` and the date conversions `%t`.

use crate::exec::Exn;
use crate::value::Value;

type Res<T> = Result<T, Exn>;

const FLAGS: &str = "-#+ 0,(<";

/// A parsed specifier.
struct Spec {
    /// 0: the next argument; -1 the previous (`<`); n: the n-th (`n$`).
    index: i64,
    /// Each of [`FLAGS`] present, in that order.
    flags: [bool; 8],
    width: Option<usize>,
    precision: Option<usize>,
    /// The conversion, lower case (`upper` says whether it was written upper case).
    conv: char,
    upper: bool,
}

impl Spec {
    fn has(&self, f: char) -> bool {
        FLAGS.find(f).is_some_and(|i| self.flags[i])
    }

    fn flag_text(&self, only: Option<char>) -> String {
        FLAGS
            .chars()
            .zip(self.flags)
            .filter(|(c, on)| *on && only.is_none_or(|o| o == *c))
            .map(|(c, _)| c)
            .collect()
    }

    /// `FormatSpecifier.toString()`: as written, flags in their order.
    fn text(&self) -> String {
        let mut s = format!("%{}", self.flag_text(None));
        if self.index > 0 {
            s += &format!("{}$", self.index);
        }
        if let Some(w) = self.width {
            s += &w.to_string();
        }
        if let Some(p) = self.precision {
            s += &format!(".{p}");
        }
        s.push(if self.upper {
            self.conv.to_ascii_uppercase()
        } else {
            self.conv
        });
        s
    }

    fn mismatch(&self, flag: char) -> Exn {
        Exn::new(
            "java.util.FormatFlagsConversionMismatchException",
            format!("Conversion = {}, Flags = {flag}", self.conv),
        )
    }

    /// `checkBadFlags`: the first of `bad` present is a mismatch.
    fn bad_flags(&self, bad: &str) -> Res<()> {
        match bad.chars().find(|&f| self.has(f)) {
            Some(f) => Err(self.mismatch(f)),
            None => Ok(()),
        }
    }

    fn missing_width(&self) -> Exn {
        Exn::new("java.util.MissingFormatWidthException", self.text())
    }

    fn precision_error(&self) -> Res<()> {
        match self.precision {
            Some(p) => Err(Exn::new(
                "java.util.IllegalFormatPrecisionException",
                p.to_string(),
            )),
            None => Ok(()),
        }
    }

    /// The checks of `Formatter.FormatSpecifier`'s constructor, by kind of conversion.
    fn check(&self) -> Res<()> {
        let left_without_width = self.has('-') && self.width.is_none();
        match self.conv {
            'b' | 'h' | 's' => {
                if self.conv != 's' && self.has('#') {
                    return Err(self.mismatch('#'));
                }
                if left_without_width {
                    return Err(self.missing_width());
                }
                self.bad_flags("+ 0,(")
            }
            'c' => {
                self.precision_error()?;
                self.bad_flags("#+ 0,(")?;
                if left_without_width {
                    return Err(self.missing_width());
                }
                Ok(())
            }
            'd' | 'o' | 'x' | 'e' | 'f' | 'g' => {
                if self.width.is_none() && (self.has('-') || self.has('0')) {
                    return Err(self.missing_width());
                }
                if (self.has('+') && self.has(' ')) || (self.has('-') && self.has('0')) {
                    return Err(illegal_flags(&self.flag_text(None)));
                }
                match self.conv {
                    'd' | 'o' | 'x' => {
                        self.precision_error()?;
                        self.bad_flags(if self.conv == 'd' { "#" } else { "," })
                    }
                    'e' => self.bad_flags(","),
                    'g' => self.bad_flags("#"),
                    _ => Ok(()),
                }
            }
            '%' => {
                self.precision_error()?;
                let others = self.flag_text(None).replace('-', "");
                if !others.is_empty() {
                    return Err(illegal_flags(&self.flag_text(None)));
                }
                if left_without_width {
                    return Err(self.missing_width());
                }
                Ok(())
            }
            _ => {
                // `n`
                self.precision_error()?;
                if let Some(w) = self.width {
                    return Err(Exn::new(
                        "java.util.IllegalFormatWidthException",
                        w.to_string(),
                    ));
                }
                if self.flags.iter().any(|f| *f) {
                    return Err(illegal_flags(&self.flag_text(None)));
                }
                Ok(())
            }
        }
    }
}

fn illegal_flags(flags: &str) -> Exn {
    Exn::new(
        "java.util.IllegalFormatFlagsException",
        format!("Flags = '{flags}'"),
    )
}

fn unknown(c: char) -> Exn {
    Exn::new(
        "java.util.UnknownFormatConversionException",
        format!("Conversion = '{c}'"),
    )
}

enum Piece {
    Text(String),
    Spec(Spec),
}

/// `Formatter.parse`: text and specifiers, or the first specifier's error.
fn parse(fmt: &str) -> Res<Vec<Piece>> {
    let s: Vec<char> = fmt.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] != '%' {
            text.push(s[i]);
            i += 1;
            continue;
        }
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut text)));
        }
        let Some(&first) = s.get(i + 1) else {
            return Err(unknown('%'));
        };
        // `%(\d+\$)?([-#+ 0,(\<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])`, from just after `%`.
        let mut j = i + 1;
        let digits = |j: &mut usize| {
            let start = *j;
            while s.get(*j).is_some_and(char::is_ascii_digit) {
                *j += 1;
            }
            (start < *j).then(|| s[start..*j].iter().collect::<String>())
        };
        let mut index = 0;
        let save = j;
        if let Some(n) = digits(&mut j) {
            if s.get(j) == Some(&'$') {
                j += 1;
                index = match n.parse::<i64>() {
                    Ok(n) if n > 0 && n <= i64::from(i32::MAX) => n,
                    Ok(n) if n <= i64::from(i32::MAX) => {
                        return Err(Exn::new(
                            "java.util.IllegalFormatArgumentIndexException",
                            format!("Illegal format argument index = {n}"),
                        ))
                    }
                    _ => {
                        return Err(Exn::new(
                            "java.util.IllegalFormatArgumentIndexException",
                            "Format argument index: (not representable as int)",
                        ))
                    }
                };
            } else {
                j = save;
            }
        }
        let mut flags = [false; 8];
        while let Some(k) = s.get(j).and_then(|c| FLAGS.find(*c)) {
            if flags[k] {
                let c = FLAGS.as_bytes()[k] as char;
                return Err(Exn::new(
                    "java.util.DuplicateFormatFlagsException",
                    format!("Flags = '{c}'"),
                ));
            }
            flags[k] = true;
            j += 1;
        }
        let too_long =
            |n: &str| n.len() > 9 || n.parse::<u64>().is_ok_and(|n| n > crate::exec::MAX_TEXT);
        let width = digits(&mut j);
        let mut precision = None;
        if s.get(j) == Some(&'.') {
            let at = j;
            j += 1;
            match digits(&mut j) {
                Some(p) => precision = Some(p),
                None => j = at,
            }
        }
        let conv = s
            .get(j)
            .copied()
            .filter(|c| c.is_ascii_alphabetic() || *c == '%');
        let Some(conv) = conv.filter(|_| s.get(j) != Some(&'.')) else {
            // No specifier matches here: `Formatter` names the character after `%`.
            return Err(unknown(first));
        };
        if width.as_deref().is_some_and(too_long) || precision.as_deref().is_some_and(too_long) {
            return Err(Exn::text_too_large());
        }
        if matches!(conv, 't' | 'T' | 'a' | 'A') {
            return Err(Exn::unsupported(format!(
                "the format conversion %{conv} (dates and hexadecimal floating point)"
            )));
        }
        let lower = conv.to_ascii_lowercase();
        if !"bhscdoxefgn%".contains(lower) || (conv.is_ascii_uppercase() && "dofn".contains(lower))
        {
            return Err(unknown(conv));
        }
        let spec = Spec {
            index: if flags[7] { -1 } else { index },
            flags,
            width: width.map(|w| w.parse().unwrap_or(0)),
            precision: precision.map(|p| p.parse().unwrap_or(0)),
            conv: lower,
            upper: conv.is_ascii_uppercase(),
        };
        spec.check()?;
        out.push(Piece::Spec(spec));
        i = j + 1;
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

/// The conversion of the specifier `text` starts with (`%05.1f...`: `f`), when it starts with
/// one.
pub fn leading_conversion(text: &str) -> Option<char> {
    let rest = text.strip_prefix('%')?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '$');
    let rest = rest.trim_start_matches(|c: char| FLAGS.contains(c) || c.is_ascii_digit());
    let rest = match rest.strip_prefix('.') {
        Some(r) => r.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    rest.chars()
        .next()
        .filter(|c| c.is_ascii_alphabetic() || *c == '%')
}

/// An argument of `f"..."` as its conversion `conv` takes it: scalac converts an `Int`, a
/// `Long` or a `Char` to a `Double` for `%f`, `%e`, `%g`, and a `Char` to an `Int` for `%d`,
/// `%o`, `%x` (`f"$n%.2f"` of an `Int` prints `5.00`; `String.format` would throw).
pub fn interpolated_arg(conv: char, v: Value) -> Value {
    match (conv.to_ascii_lowercase(), v) {
        ('e' | 'f' | 'g', Value::Int(i)) => Value::Double(f64::from(i)),
        ('e' | 'f' | 'g', Value::Long(l)) => Value::Double(l as f64),
        ('e' | 'f' | 'g', Value::Char(c)) => Value::Double(f64::from(crate::utf16::unit(c))),
        ('d' | 'o' | 'x', Value::Char(c)) => Value::Int(crate::utf16::unit(c) as i32),
        (_, v) => v,
    }
}

/// `String.format(fmt, args)`.
pub fn format(fmt: &str, args: &[Value]) -> Res<String> {
    let pieces = parse(fmt)?;
    let mut out = String::new();
    // `Formatter.format`'s two counters: the last ordinary index, the last used.
    let (mut ordinary, mut last): (i64, i64) = (-1, -1);
    for p in pieces {
        let spec = match p {
            Piece::Text(t) => {
                out += &t;
                continue;
            }
            Piece::Spec(s) => s,
        };
        if spec.conv == '%' {
            out += &justify(&spec, "%".into());
            continue;
        }
        if spec.conv == 'n' {
            out.push('\n');
            continue;
        }
        let at = match spec.index {
            0 => {
                ordinary += 1;
                ordinary
            }
            -1 => last,
            n => n - 1,
        };
        last = at;
        let arg = usize::try_from(at).ok().and_then(|i| args.get(i));
        let Some(arg) = arg else {
            return Err(Exn::new(
                "java.util.MissingFormatArgumentException",
                format!("Format specifier '{}'", spec.text()),
            ));
        };
        out += &print(&spec, arg)?;
    }
    Ok(out)
}

fn class_name(v: &Value) -> String {
    super::class_obj::ClassObj::java_name(v).unwrap_or_else(|| v.type_name())
}

/// `IllegalFormatConversionException`: the conversion in lower case, the argument's class.
fn conversion_error(spec: &Spec, v: &Value) -> Exn {
    Exn::new(
        "java.util.IllegalFormatConversionException",
        format!("{} != {}", spec.conv, class_name(v)),
    )
}

/// `appendJustified`: spaces to the width, after when `-`.
fn justify(spec: &Spec, s: String) -> String {
    let w = spec.width.unwrap_or(0);
    let len = s.chars().count();
    if len >= w {
        s
    } else if spec.has('-') {
        s + &" ".repeat(w - len)
    } else {
        " ".repeat(w - len) + &s
    }
}

fn upper(spec: &Spec, s: String) -> String {
    if spec.upper {
        s.to_uppercase()
    } else {
        s
    }
}

fn print(spec: &Spec, v: &Value) -> Res<String> {
    let general = |s: String| {
        let s = match spec.precision {
            Some(p) => s.chars().take(p).collect(),
            None => s,
        };
        justify(spec, upper(spec, s))
    };
    if matches!(v, Value::Null) && spec.conv != 'b' {
        return Ok(general("null".into()));
    }
    Ok(match spec.conv {
        'b' => general(match v {
            Value::Bool(b) => b.to_string(),
            Value::Null => "false".into(),
            _ => "true".into(),
        }),
        'h' => general(format!("{:x}", v.hash_code() as u32)),
        's' => {
            if spec.has('#') {
                return Err(spec.mismatch('#'));
            }
            general(v.to_string())
        }
        'c' => {
            let c = match v {
                Value::Char(c) => *c,
                Value::Int(i) => char::from_u32(*i as u32)
                    .or_else(|| (0xd800..0xe000).contains(i).then_some('\u{fffd}'))
                    .ok_or_else(|| {
                        Exn::new(
                            "java.util.IllegalFormatCodePointException",
                            format!("Code point = {:#x}", *i as u32),
                        )
                    })?,
                _ => return Err(conversion_error(spec, v)),
            };
            justify(spec, upper(spec, c.to_string()))
        }
        'd' | 'o' | 'x' => {
            let (n, bits) = match v {
                Value::Int(i) => (i128::from(*i), 32),
                Value::Long(l) => (i128::from(*l), 64),
                _ => return Err(conversion_error(spec, v)),
            };
            justify(spec, integer(spec, n, bits)?)
        }
        _ => {
            let Value::Double(d) = v else {
                return Err(conversion_error(spec, v));
            };
            justify(spec, float(spec, *d))
        }
    })
}

/// `leadingSign`: `(` or `-` for a negative number, `+` or a space for another.
fn leading_sign(spec: &Spec, neg: bool) -> &'static str {
    match (neg, spec.has('(')) {
        (true, true) => "(",
        (true, false) => "-",
        _ if spec.has('+') => "+",
        _ if spec.has(' ') => " ",
        _ => "",
    }
}

/// `localizedMagnitude`: `digits` (with perhaps a `.`) grouped by three before the point
/// when `,`, then zeros after the sign up to `width` (the sign's length included) when `0`.
fn magnitude(spec: &Spec, sign: &str, digits: &str, width: Option<usize>) -> String {
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut body = String::new();
    for (k, c) in int.chars().enumerate() {
        if spec.has(',') && k > 0 && (int.len() - k).is_multiple_of(3) {
            body.push(',');
        }
        body.push(c);
    }
    if let Some(f) = frac {
        body.push('.');
        body += f;
    }
    let mut out = sign.to_string();
    if let (Some(w), true) = (width, spec.has('0')) {
        let len = sign.chars().count() + body.chars().count();
        out += &"0".repeat(w.saturating_sub(len));
    }
    out + &body
}

/// The width left for the magnitude: one less for a negative number's `)`.
fn adjust_width(spec: &Spec, less: usize, neg: bool) -> Option<usize> {
    spec.width
        .map(|w| w.saturating_sub(less + usize::from(neg && spec.has('('))))
}

fn integer(spec: &Spec, n: i128, bits: u32) -> Res<String> {
    if spec.conv == 'd' {
        let neg = n < 0;
        let sign = leading_sign(spec, neg);
        let digits = n.unsigned_abs().to_string();
        let close = if neg && spec.has('(') { ")" } else { "" };
        return Ok(magnitude(spec, sign, &digits, adjust_width(spec, 0, neg)) + close);
    }
    spec.bad_flags("( +")?;
    // Two's complement, as `Integer.toHexString` or `Long.toOctalString`.
    let u = if n < 0 { n + (1i128 << bits) } else { n } as u128;
    let (digits, prefix) = match spec.conv {
        'o' => (format!("{u:o}"), "0"),
        _ => (format!("{u:x}"), "0x"),
    };
    let prefix = if spec.has('#') { prefix } else { "" };
    let mut s = prefix.to_string();
    if spec.has('0') {
        let len = prefix.len() + digits.len();
        s += &"0".repeat(spec.width.unwrap_or(0).saturating_sub(len));
    }
    s += &digits;
    Ok(upper(spec, s))
}

/// The shortest decimal digits of `v` (finite, not negative, not zero) that read back as it,
/// and `e` such that `v` is `0.d1d2... * 10^e`.
fn shortest(v: f64) -> (Vec<u8>, i64) {
    let t = format!("{v:e}");
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let digits: Vec<u8> = m
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    (digits, e.parse::<i64>().unwrap_or(0) + 1)
}

/// `digits * 10^e` kept to `keep` significant digits, rounded half up (`keep` may be 0 or
/// less: then all goes, perhaps rounding up to one digit a place higher).
fn round_to(mut digits: Vec<u8>, e: i64, keep: i64) -> (Vec<u8>, i64) {
    if keep < 0 {
        return (vec![0], e);
    }
    let keep = keep as usize;
    if keep >= digits.len() {
        return (digits, e);
    }
    let up = digits[keep] >= 5;
    digits.truncate(keep);
    if !up {
        if digits.is_empty() {
            return (vec![0], e);
        }
        return (digits, e);
    }
    let mut i = digits.len();
    loop {
        if i == 0 {
            digits.insert(0, 1);
            return (digits, e + 1);
        }
        i -= 1;
        if digits[i] == 9 {
            digits[i] = 0;
        } else {
            digits[i] += 1;
            return (digits, e);
        }
    }
}

/// `0.d1d2... * 10^e` with `prec` decimals (the digits past them dropped, already rounded).
fn fixed(digits: &[u8], e: i64, prec: usize) -> String {
    let digit = |k: i64| {
        usize::try_from(k)
            .ok()
            .and_then(|k| digits.get(k))
            .map_or('0', |d| char::from(b'0' + d))
    };
    let mut s: String = if e <= 0 {
        "0".into()
    } else {
        (0..e).map(digit).collect()
    };
    if prec > 0 {
        s.push('.');
        s.extend((e..e + prec as i64).map(digit));
    }
    s
}

/// `d.ddd` with `prec` decimals and the exponent, `+05`, `-300`.
fn scientific(digits: &[u8], e: i64, prec: usize) -> (String, String) {
    let zero = digits.iter().all(|d| *d == 0);
    let mant = fixed(digits, 1, prec);
    let x = if zero { 0 } else { e - 1 };
    let exp = format!("{}{:02}", if x < 0 { '-' } else { '+' }, x.abs());
    (mant, exp)
}

fn float(spec: &Spec, v: f64) -> String {
    // `Double.compare(v, 0.0) == -1`: -0.0 is negative.
    let neg = v < 0.0 || (v == 0.0 && v.is_sign_negative());
    if v.is_nan() {
        return upper(spec, "NaN".into());
    }
    let sign = leading_sign(spec, neg);
    let close = if neg && spec.has('(') { ")" } else { "" };
    if v.is_infinite() {
        return format!("{sign}{}{close}", upper(spec, "Infinity".into()));
    }
    let a = v.abs();
    let (digits, e) = if a == 0.0 { (vec![0], 1) } else { shortest(a) };
    let alt = spec.has('#');
    let point = |mut m: String, prec: usize| {
        if alt && prec == 0 {
            m.push('.');
        }
        m
    };
    let exp_char = if spec.upper { 'E' } else { 'e' };
    let body = match spec.conv {
        'f' => {
            let prec = spec.precision.unwrap_or(6);
            let (d, e) = round_to(digits, e, e + prec as i64);
            let m = point(fixed(&d, e, prec), prec);
            magnitude(spec, sign, &m, adjust_width(spec, 0, neg))
        }
        'e' => {
            let prec = spec.precision.unwrap_or(6);
            let (d, e) = round_to(digits, e, prec as i64 + 1);
            let (m, x) = scientific(&d, e, prec);
            let m = point(m, prec);
            let w = adjust_width(spec, x.len() + 1, neg);
            format!("{}{exp_char}{x}", magnitude(spec, sign, &m, w))
        }
        _ => {
            // `%g`: `precision` significant digits; `%e` below 10^-4 or from 10^precision.
            let p = match spec.precision {
                None => 6,
                Some(0) => 1,
                Some(p) => p,
            };
            let (d, e) = if a == 0.0 {
                (vec![0], 1)
            } else {
                round_to(digits, e, p as i64)
            };
            let x = e - 1;
            if a != 0.0 && (x < -4 || x >= p as i64) {
                let (m, x) = scientific(&d, e, p - 1);
                let w = adjust_width(spec, x.len() + 1, neg);
                format!("{}{exp_char}{x}", magnitude(spec, sign, &m, w))
            } else {
                let prec = (p as i64 - 1 - x).max(0) as usize;
                magnitude(spec, sign, &fixed(&d, e, prec), adjust_width(spec, 0, neg))
            }
        }
    };
    body + close
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: &str, args: &[Value]) -> String {
        match format(fmt, args) {
            Ok(s) => s,
            Err(e) => format!("{}: {}", e.class, e.message),
        }
    }

    #[test]
    fn rounding_is_half_up_on_the_shortest_decimal() {
        // From a from-scratch reading of the digits: 1.005 is "1.005", not 1.00499999...
        let d = |x: f64| Value::Double(x);
        assert_eq!(
            f("%.2f %.0f %.0f %.1f", &[d(1.005), d(0.5), d(1.5), d(0.05)]),
            "1.01 1 2 0.1"
        );
        assert_eq!(
            f("%.0e %.2e %.1e", &[d(2.5), d(1.005), d(0.25)]),
            "3e+00 1.01e+00 2.5e-01"
        );
        assert_eq!(f("%.2f %.3f", &[d(0.004), d(0.0005)]), "0.00 0.001");
        assert_eq!(
            f("%.1f %f", &[d(9.96), d(1e20)]),
            "10.0 100000000000000000000.000000"
        );
        assert_eq!(f("%e %g", &[d(0.0), d(0.0)]), "0.000000e+00 0.00000");
    }

    #[test]
    fn general_picks_scientific_by_the_rounded_magnitude() {
        let d = |x: f64| Value::Double(x);
        assert_eq!(f("%g", &[d(99999.95)]), "100000");
        assert_eq!(f("%g", &[d(999999.5)]), "1.00000e+06");
        assert_eq!(
            f("%g %g", &[d(0.0001), d(0.00009999)]),
            "0.000100000 9.99900e-05"
        );
        assert_eq!(f("%.3g %.0g", &[d(1.23456), d(5.5)]), "1.23 6");
    }
}
