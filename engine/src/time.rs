//! Virtual time: Spark's `Time` and `Duration`, whole milliseconds since the stream's zero.
//!
//! Spark prints both as `"<millis> ms"` (`Time.toString`, `Duration.toString`), which is
//! what `print()` shows in its `Time: 1000 ms` header. Batch times are `zero + k·B`.

use std::fmt;

/// A point in virtual time, in milliseconds since the stream's zero time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Time(pub i64);

/// A length of virtual time in milliseconds: Spark's `Duration`, `Seconds(n)`, `Minutes(n)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(pub i64);

impl Duration {
    /// `Seconds(n)`.
    pub fn seconds(n: i64) -> Duration {
        Duration(n.saturating_mul(1000))
    }

    /// `Minutes(n)`.
    pub fn minutes(n: i64) -> Duration {
        Duration(n.saturating_mul(60_000))
    }

    /// Spark's `Duration.isMultipleOf`: `millis % other.millis == 0` (`Long` arithmetic, so
    /// `Long.MinValue % -1` is 0). `None` for a zero divisor, where the JVM throws
    /// `java.lang.ArithmeticException: / by zero` ([`crate::exec::Exn::by_zero`]).
    pub fn is_multiple_of(self, other: Duration) -> Option<bool> {
        (other.0 != 0).then(|| self.0.wrapping_rem(other.0) == 0)
    }
}

impl Time {
    /// Spark's `Time.isMultipleOf`.
    pub fn is_multiple_of(self, d: Duration) -> bool {
        d.0 != 0 && self.0 % d.0 == 0
    }

    /// Spark's `Time.floor(d, zeroTime)`: `((t - zero) / d) * d + zero` with integer division.
    pub fn floor(self, d: Duration, zero: Time) -> Time {
        Time((self.0 - zero.0).div_euclid(d.0) * d.0 + zero.0)
    }
}

impl std::ops::Add<Duration> for Time {
    type Output = Time;
    fn add(self, d: Duration) -> Time {
        Time(self.0 + d.0)
    }
}

impl std::ops::Sub<Duration> for Time {
    type Output = Time;
    fn sub(self, d: Duration) -> Time {
        Time(self.0 - d.0)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ms", self.0)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ms", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_spark_does() {
        assert_eq!(Time(1000).to_string(), "1000 ms");
        assert_eq!(Duration::seconds(5).to_string(), "5000 ms");
        assert_eq!(Duration::minutes(1).to_string(), "60000 ms");
    }

    #[test]
    fn multiples_and_floor() {
        assert_eq!(Duration(5000).is_multiple_of(Duration(1000)), Some(true));
        assert_eq!(Duration(5500).is_multiple_of(Duration(1000)), Some(false));
        assert_eq!(Duration(5000).is_multiple_of(Duration(0)), None);
        assert_eq!(Duration(i64::MIN).is_multiple_of(Duration(-1)), Some(true));
        assert_eq!(Time(3500).floor(Duration(1000), Time(0)), Time(3000));
        assert_eq!(Time(-500).floor(Duration(1000), Time(0)), Time(-1000));
    }
}
