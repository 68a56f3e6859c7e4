//! `java.util.Date` and `java.text.SimpleDateFormat`, as a batch's time is often printed:
//! `new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date(time.milliseconds))`. The
//! zone is UTC, the oracle JVM's own (`Etc/UTC`), and virtual time starts at the epoch, so the
//! first batch prints `1970-01-01 00:00:01` there and here (fixture `date_fmt`). `new Date()`
//! reads the clock: virtual time, with the checker's note that Spark's differs on every run.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::value::{Object, Value};

/// A `Date`: milliseconds since the epoch.
pub struct DateObj(pub i64);

/// A `SimpleDateFormat` of a checked pattern.
pub struct FormatObj(pub String);

impl Object for DateObj {
    fn class_name(&self) -> String {
        "java.util.Date".into()
    }
    fn to_string_scala(&self) -> String {
        // `Date.toString`: "EEE MMM dd HH:mm:ss zzz yyyy".
        format_ms("EEE MMM dd HH:mm:ss zzz yyyy", self.0)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn same(&self, other: &dyn Object) -> bool {
        other
            .as_any()
            .downcast_ref::<DateObj>()
            .is_some_and(|o| o.0 == self.0)
    }
}

impl Object for FormatObj {
    fn class_name(&self) -> String {
        "java.text.SimpleDateFormat".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `new Date(ms)`, or `new Date()` at the run's virtual now (`ms` the caller's clock).
pub fn new_date(args: &[Value], now_ms: i64) -> Result<Value, Exn> {
    let ms = match args.first() {
        None => now_ms,
        Some(Value::Long(l)) => *l,
        Some(Value::Int(i)) => i64::from(*i),
        Some(other) => {
            return Err(Exn::unsupported(format!(
                "new Date takes milliseconds (a Long), not {}",
                other.type_name()
            )))
        }
    };
    Ok(Value::Obj(Rc::new(DateObj(ms))))
}

/// `new SimpleDateFormat(pattern)`: Java's `Illegal pattern character` for a letter it does
/// not know (the playground knows the common ones and refuses the rest by name).
pub fn new_format(args: &[Value]) -> Result<Value, Exn> {
    let pattern = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => {
            return Err(Exn::unsupported(
                "new SimpleDateFormat needs its pattern (a String)",
            ))
        }
    };
    for (c, _) in fields(&pattern)? {
        if let Field::Letter(c) = c {
            if !"yMdHhmsSEakKzZDu".contains(c) {
                return Err(if c.is_ascii_alphabetic() && "GwWFXLYc".contains(c) {
                    Exn::unsupported(format!("the SimpleDateFormat letter '{c}'"))
                } else {
                    Exn::new(
                        "java.lang.IllegalArgumentException",
                        format!("Illegal pattern character '{c}'"),
                    )
                });
            }
        }
    }
    Ok(Value::Obj(Rc::new(FormatObj(pattern))))
}

/// A method of a `Date`.
pub fn date_method(d: &DateObj, name: &str, args: &[Value]) -> Result<Value, Exn> {
    let other = || match args.first().and_then(Value::obj::<DateObj>) {
        Some(o) => Ok(o.0),
        None => Err(Exn::unsupported(format!("Date.{name} needs a Date"))),
    };
    Ok(match name {
        "getTime" => Value::Long(d.0),
        "toString" => Value::str(&d.to_string_scala()),
        "before" => Value::Bool(d.0 < other()?),
        "after" => Value::Bool(d.0 > other()?),
        "compareTo" => Value::Int(d.0.cmp(&other()?) as i32),
        _ => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of java.util.Date (the playground has getTime, before, after, compareTo)"
            )))
        }
    })
}

/// A method of a `SimpleDateFormat`: `format` of a `Date` or of milliseconds.
pub fn format_method(
    rt: &mut Runtime,
    f: &FormatObj,
    name: &str,
    args: &[Value],
) -> Result<Value, Exn> {
    let _ = rt;
    match (name, args.first()) {
        ("format", Some(v)) => {
            let ms = match v {
                Value::Long(l) => *l,
                Value::Int(i) => i64::from(*i),
                v => match v.obj::<DateObj>() {
                    Some(d) => d.0,
                    None => {
                        return Err(Exn::new(
                            "java.lang.IllegalArgumentException",
                            "Cannot format given Object as a Date",
                        ))
                    }
                },
            };
            Ok(Value::str(&format_ms(&f.0, ms)))
        }
        ("toPattern", None) => Ok(Value::str(&f.0)),
        _ => Err(Exn::unsupported(format!(
            "value {name} is not a member of java.text.SimpleDateFormat (the playground has format and toPattern)"
        ))),
    }
}

/// A piece of a pattern: a letter repeated `n` times, or literal text.
enum Field {
    Letter(char),
    Text(String),
}

/// The pattern's pieces, each with its count (1 for text).
fn fields(pattern: &str) -> Result<Vec<(Field, usize)>, Exn> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // 'quoted text'; '' is one quote.
            let mut text = String::new();
            i += 1;
            if chars.get(i) == Some(&'\'') {
                out.push((Field::Text("'".into()), 1));
                i += 1;
                continue;
            }
            loop {
                match chars.get(i) {
                    None => {
                        return Err(Exn::new(
                            "java.lang.IllegalArgumentException",
                            "Unterminated quote",
                        ))
                    }
                    Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                        text.push('\'');
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        text.push(ch);
                        i += 1;
                    }
                }
            }
            out.push((Field::Text(text), 1));
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while chars.get(i) == Some(&c) {
                i += 1;
            }
            out.push((Field::Letter(c), i - start));
        } else {
            out.push((Field::Text(c.to_string()), 1));
            i += 1;
        }
    }
    Ok(out)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The proleptic Gregorian (year, month 1-12, day 1-31) of a day count from 1970-01-01.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The day count from 1970-01-01 of a proleptic Gregorian date (the inverse of [`civil`]).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `ms` in UTC after `pattern` (checked by [`new_format`]).
pub fn format_ms(pattern: &str, ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil(days);
    let (hour, minute, second, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    let weekday = (days + 3).rem_euclid(7) as usize; // 1970-01-01 was a Thursday (index 3)
    let day_of_year = days - days_from_civil(year, 1, 1) + 1;
    let pad = |n: i64, w: usize| format!("{n:0w$}");
    let mut out = String::new();
    for (f, n) in fields(pattern).unwrap_or_default() {
        match f {
            Field::Text(t) => out.push_str(&t),
            Field::Letter(c) => out.push_str(&match c {
                'y' if n == 2 => pad(year.rem_euclid(100), 2),
                'y' => pad(year, n),
                'M' if n >= 4 => MONTHS[month as usize - 1].into(),
                'M' if n == 3 => MONTHS[month as usize - 1][..3].into(),
                'M' => pad(i64::from(month), n),
                'd' => pad(i64::from(day), n),
                'D' => pad(day_of_year, n),
                'H' => pad(hour, n),
                'k' => pad(if hour == 0 { 24 } else { hour }, n),
                'K' => pad(hour % 12, n),
                'h' => pad(if hour % 12 == 0 { 12 } else { hour % 12 }, n),
                'm' => pad(minute, n),
                's' => pad(second, n),
                'S' => pad(milli, n),
                'E' if n >= 4 => DAYS[weekday].into(),
                'E' => DAYS[weekday][..3].into(),
                'u' => pad(weekday as i64 + 1, n),
                'a' => (if hour < 12 { "AM" } else { "PM" }).into(),
                'z' if n >= 4 => "Coordinated Universal Time".into(),
                'z' => "UTC".into(),
                'Z' => "+0000".into(),
                other => other.to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip_and_agree_with_a_day_by_day_walk() {
        // From scratch: walk the calendar a day at a time from 1900-01-01 (day -25567).
        let (mut y, mut m, mut d) = (1900i64, 1u32, 1u32);
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for days in -25_567..50_000 {
            assert_eq!(civil(days), (y, m, d), "day {days}");
            assert_eq!(days_from_civil(y, m, d), days);
            let len = match m {
                2 if leap(y) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d += 1;
            if d > len {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }

    #[test]
    fn patterns_format_as_javas_simple_date_format_in_utc() {
        // Java's own output (Etc/UTC), asked of the oracle's JVM: fixture `date_fmt`.
        assert_eq!(format_ms("yyyy-MM-dd HH:mm:ss", 0), "1970-01-01 00:00:00");
        assert_eq!(
            format_ms("EEE MMM dd HH:mm:ss zzz yyyy", 1000),
            "Thu Jan 01 00:00:01 UTC 1970"
        );
        let t = 86_400_000 * 45 + 3_723_004;
        assert_eq!(format_ms("yy/M/d H:m:s.SSS", t), "70/2/15 1:2:3.004");
        let t = 86_400_000 * 45 + 50_000_000;
        assert_eq!(
            format_ms("dd.MM.yyyy 'at' hh:mm a, EEE MMM", t),
            "15.02.1970 at 01:53 PM, Sun Feb"
        );
        // Before the epoch: the day before, counted back from midnight.
        assert_eq!(
            format_ms("yyyy-MM-dd HH:mm:ss.SSS D", -1),
            "1969-12-31 23:59:59.999 365"
        );
        assert_eq!(format_ms("''yy''", 0), "'70'");
    }

    #[test]
    fn an_unknown_letter_is_javas_illegal_pattern_character() {
        let Err(e) = new_format(&[Value::str("yyyy-qq")]) else {
            panic!("refused")
        };
        assert_eq!(e.class, "java.lang.IllegalArgumentException");
        assert_eq!(e.message, "Illegal pattern character 'q'");
        let Err(e) = new_format(&[Value::str("'open")]) else {
            panic!("refused")
        };
        assert_eq!(e.message, "Unterminated quote");
    }
}
