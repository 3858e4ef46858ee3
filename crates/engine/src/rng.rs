//! Seedable randomness for `States.MathRandom`, `States.UUID` and retry jitter.
//!
//! A run seeded with [`Random::seeded`] replays exactly, which is what tests and recorded
//! executions need; the generator is written out here (xoshiro256** fed by SplitMix64) rather
//! than taken from a crate so that a dependency upgrade can never change a replayed run.

/// A small, fast, non-cryptographic generator. Not for secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Random {
    state: [u64; 4],
}

/// SplitMix64: spreads one 64-bit seed over xoshiro's 256 bits of state, so that seeds which
/// differ in one bit still give unrelated streams (and seed 0 does not give the all-zero state
/// xoshiro can never leave).
fn splitmix64(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Random {
    /// A generator whose whole output is determined by `seed`.
    pub fn seeded(seed: u64) -> Random {
        let mut x = seed;
        Random {
            state: [
                splitmix64(&mut x),
                splitmix64(&mut x),
                splitmix64(&mut x),
                splitmix64(&mut x),
            ],
        }
    }

    /// A generator seeded from the operating system's randomness. Should the OS refuse (it
    /// practically never does), the clock and a per-process hash key stand in: an emulator
    /// that cannot draw a UUID must not fail the execution for it.
    pub fn from_entropy() -> Random {
        let seed = getrandom::u64().unwrap_or_else(|_| fallback_seed());
        Random::seeded(seed)
    }

    /// The next 64 uniformly distributed bits (xoshiro256**).
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform float in `[0, 1)` with 53 random bits, every value a multiple of 2^-53.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform integer in `[lo, hi)`; `lo` when the range is empty. Rejection sampling
    /// keeps every value equally likely whatever the width of the range.
    pub fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo);
        // The largest multiple of `span` that fits in u64; draws at or above it would favour
        // the low end of the range.
        let zone = u64::MAX - (u64::MAX - span + 1) % span;
        loop {
            let draw = self.next_u64();
            if draw <= zone {
                return lo.wrapping_add((draw % span) as i64);
            }
        }
    }

    /// A random (version 4, RFC 9562) UUID in its lowercase hyphenated form, as AWS writes
    /// them: `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
    pub fn uuid_v4(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[6] = (bytes[6] & 0x0F) | 0x40;
        bytes[8] = (bytes[8] & 0x3F) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }
}

fn fallback_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    if let Ok(elapsed) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(elapsed.as_nanos());
    }
    hasher.write_u32(std::process::id());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::Random;

    #[test]
    fn same_seed_same_stream_different_seed_different_stream() {
        let mut a = Random::seeded(42);
        let mut b = Random::seeded(42);
        let mut c = Random::seeded(43);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn seed_zero_is_not_stuck() {
        let mut r = Random::seeded(0);
        let draws: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert!(draws.iter().any(|&d| d != 0));
        assert_ne!(draws[0], draws[1]);
    }

    #[test]
    fn floats_stay_in_the_unit_interval() {
        let mut r = Random::seeded(7);
        for _ in 0..10_000 {
            let x = r.next_f64();
            assert!((0.0..1.0).contains(&x), "{x}");
        }
    }

    #[test]
    fn ranges_are_half_open_and_cover_every_value() {
        let mut r = Random::seeded(1);
        let mut seen = [false; 5];
        for _ in 0..1_000 {
            let v = r.range_i64(-2, 3);
            assert!((-2..3).contains(&v), "{v}");
            seen[(v + 2) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s), "{seen:?}");
        assert_eq!(r.range_i64(5, 5), 5);
        assert_eq!(r.range_i64(5, 1), 5);
        let wide = r.range_i64(i64::MIN, i64::MAX);
        assert!(wide < i64::MAX);
    }

    #[test]
    fn uuids_are_version_4_and_distinct() {
        let mut r = Random::seeded(9);
        let a = r.uuid_v4();
        let b = r.uuid_v4();
        assert_ne!(a, b);
        for u in [&a, &b] {
            assert_eq!(u.len(), 36);
            let parts: Vec<&str> = u.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                vec![8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'), "{u}");
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{u}");
            assert!(u
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
        }
    }

    #[test]
    fn entropy_seeded_generators_differ() {
        let a = Random::from_entropy().next_u64();
        let b = Random::from_entropy().next_u64();
        assert_ne!(a, b);
    }
}
