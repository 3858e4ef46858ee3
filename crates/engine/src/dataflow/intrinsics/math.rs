//! `States.MathRandom` and `States.MathAdd`, with the Java generator a seed drives.

use serde_json::{Number, Value};

use super::{int_arg, java_round};
use crate::rng::Random;

/// A number in `[start, end)`. With a seed the draw is Java's `new Random(seed).nextInt(end -
/// start) + start`, so a seed gives the same number on every run; whether AWS draws the same
/// number from a seed is not documented.
pub(super) fn math_random(args: &[Value], rng: &mut Random) -> Option<Value> {
    let start = int_arg(&args[0])?;
    let end = int_arg(&args[1])?;
    if start >= end {
        return None;
    }
    let value = match args.get(2) {
        Some(seed) => {
            let seed = int_arg(seed)?;
            match i32::try_from(end.checked_sub(start)?) {
                Ok(bound) => start + i64::from(JavaRandom::new(seed).next_int(bound)),
                Err(_) => Random::seeded(seed as u64).range_i64(start, end),
            }
        }
        None => rng.range_i64(start, end),
    };
    Some(Value::from(value))
}

pub(super) fn math_add(args: &[Value]) -> Option<Value> {
    let a = java_round(&args[0])?;
    let b = java_round(&args[1])?;
    a.checked_add(b).map(|sum| Value::Number(Number::from(sum)))
}

/// `java.util.Random`, the 48-bit linear congruential generator its Javadoc specifies.
pub(super) struct JavaRandom {
    seed: i64,
}

impl JavaRandom {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;

    pub(super) fn new(seed: i64) -> JavaRandom {
        JavaRandom {
            seed: (seed ^ Self::MULTIPLIER) & Self::MASK,
        }
    }

    pub(super) fn next(&mut self, bits: u32) -> i32 {
        self.seed = (self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        (self.seed >> (48 - bits)) as i32
    }

    /// `nextInt(bound)` for a positive bound.
    pub(super) fn next_int(&mut self, bound: i32) -> i32 {
        if bound & bound.wrapping_neg() == bound {
            return ((i64::from(bound) * i64::from(self.next(31))) >> 31) as i32;
        }
        loop {
            let bits = self.next(31);
            let value = bits % bound;
            if bits.wrapping_sub(value).wrapping_add(bound - 1) >= 0 {
                return value;
            }
        }
    }
}
