//! Spark's `StatCounter`: what `rdd.stats()` returns and `mean`, `stdev` and `variance` read.
//!
//! Each partition's numbers are folded in its task (Welford's running mean and squared
//! deviations, with the largest and smallest), then the tasks' counters are merged on the
//! driver in partition order with Chan's formulas, choosing among three forms of the new mean
//! by the sizes as Spark does, so the last digits are Spark's too. It prints
//! `(count: 3, mean: 2.000000, stdev: 0.816497, max: 3.000000, min: 1.000000)`.

use crate::exec::Exn;
use crate::value::{Object, Value};

/// `org.apache.spark.util.StatCounter`.
#[derive(Clone, Debug, PartialEq)]
pub struct StatCounter {
    n: i64,
    mu: f64,
    m2: f64,
    max: f64,
    min: f64,
}

impl Default for StatCounter {
    fn default() -> StatCounter {
        StatCounter {
            n: 0,
            mu: 0.0,
            m2: 0.0,
            max: f64::NEG_INFINITY,
            min: f64::INFINITY,
        }
    }
}

/// `java.lang.Math.max` / `min` on doubles: NaN wins.
pub fn java_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// See [`java_max`].
pub fn java_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

impl StatCounter {
    /// `merge(value)`.
    pub fn add(&mut self, value: f64) {
        let delta = value - self.mu;
        self.n += 1;
        self.mu += delta / self.n as f64;
        self.m2 += delta * (value - self.mu);
        self.max = java_max(self.max, value);
        self.min = java_min(self.min, value);
    }

    /// `merge(other)`.
    pub fn merge(&mut self, other: &StatCounter) {
        if self.n == 0 {
            *self = other.clone();
        } else if other.n != 0 {
            let (n, on) = (self.n as f64, other.n as f64);
            let delta = other.mu - self.mu;
            self.mu = if other.n * 10 < self.n {
                self.mu + (delta * on) / (n + on)
            } else if self.n * 10 < other.n {
                other.mu - (delta * n) / (n + on)
            } else {
                (self.mu * n + other.mu * on) / (n + on)
            };
            self.m2 += other.m2 + (delta * delta * n * on) / (n + on);
            self.n += other.n;
            self.max = java_max(self.max, other.max);
            self.min = java_min(self.min, other.min);
        }
    }

    /// `variance` (the population's).
    fn variance(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.m2 / self.n as f64
        }
    }

    /// `sampleVariance`.
    fn sample_variance(&self) -> f64 {
        if self.n <= 1 {
            f64::NAN
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }

    /// A method of the counter, by name.
    pub fn method(&self, name: &str) -> Result<Value, Exn> {
        Ok(match name {
            "count" => Value::Long(self.n),
            "mean" => Value::Double(self.mu),
            "sum" => Value::Double(self.n as f64 * self.mu),
            "max" => Value::Double(self.max),
            "min" => Value::Double(self.min),
            "variance" | "popVariance" => Value::Double(self.variance()),
            "sampleVariance" => Value::Double(self.sample_variance()),
            "stdev" | "popStdev" => Value::Double(self.variance().sqrt()),
            "sampleStdev" => Value::Double(self.sample_variance().sqrt()),
            "toString" => Value::str(&self.to_string_scala()),
            _ => {
                return Err(Exn::unsupported(format!(
                    "value {name} is not a member of org.apache.spark.util.StatCounter"
                )))
            }
        })
    }
}

impl Object for StatCounter {
    fn class_name(&self) -> String {
        "StatCounter".into()
    }
    fn to_string_scala(&self) -> String {
        super::builtins::java_format(
            "(count: %d, mean: %f, stdev: %f, max: %f, min: %f)",
            &[
                Value::Long(self.n),
                Value::Double(self.mu),
                Value::Double(self.variance().sqrt()),
                Value::Double(self.max),
                Value::Double(self.min),
            ],
        )
        .unwrap_or_default()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(xs: &[f64]) -> StatCounter {
        let mut s = StatCounter::default();
        xs.iter().for_each(|&x| s.add(x));
        s
    }

    #[test]
    fn merging_partitions_gives_the_whole_statistics() {
        let mut a = of(&[1.0, 2.0]);
        a.merge(&of(&[3.0, 4.0, 5.0]));
        let whole = of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(a.n, 5);
        assert!((a.mu - whole.mu).abs() < 1e-12 && (a.m2 - whole.m2).abs() < 1e-9);
        assert_eq!((a.max, a.min), (5.0, 1.0));
        // An empty counter takes the other's; merging an empty one changes nothing.
        let mut e = StatCounter::default();
        e.merge(&whole);
        e.merge(&StatCounter::default());
        assert_eq!(e, whole);
    }

    #[test]
    fn prints_as_spark_does() {
        assert_eq!(
            of(&[1.0, 2.0, 3.0]).to_string_scala(),
            "(count: 3, mean: 2.000000, stdev: 0.816497, max: 3.000000, min: 1.000000)"
        );
        assert!(of(&[]).method("mean").is_ok());
        assert!(matches!(of(&[1.0]).method("sampleVariance"), Ok(Value::Double(v)) if v.is_nan()));
    }
}
