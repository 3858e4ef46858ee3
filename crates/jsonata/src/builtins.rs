//! The built-in functions of JSONata 2.0.6 and how many arguments each takes.

use std::ops::RangeInclusive;

/// Name, fewest and most arguments, from jsonata-js 2.0.6's signatures (kept beside each).
/// A parameter marked `-` takes the context value when left out, so it lowers the fewest by
/// one; `+` repeats, so the most is unbounded (`usize::MAX`). `$now` and `$millis` are bound
/// per evaluation in jsonata-js, the others in its static frame.
const BUILTINS: &[(&str, usize, usize)] = &[
    ("sum", 1, 1),                // <a<n>:n>
    ("count", 1, 1),              // <a:n>
    ("max", 1, 1),                // <a<n>:n>
    ("min", 1, 1),                // <a<n>:n>
    ("average", 1, 1),            // <a<n>:n>
    ("string", 0, 2),             // <x-b?:s>
    ("substring", 1, 3),          // <s-nn?:s>
    ("substringBefore", 1, 2),    // <s-s:s>
    ("substringAfter", 1, 2),     // <s-s:s>
    ("lowercase", 0, 1),          // <s-:s>
    ("uppercase", 0, 1),          // <s-:s>
    ("length", 0, 1),             // <s-:n>
    ("trim", 0, 1),               // <s-:s>
    ("pad", 1, 3),                // <s-ns?:s>
    ("match", 1, 3),              // <s-f<s:o>n?:a<o>>
    ("contains", 1, 2),           // <s-(sf):b>
    ("replace", 2, 4),            // <s-(sf)(sf)n?:s>
    ("split", 1, 3),              // <s-(sf)n?:a<s>>
    ("join", 1, 2),               // <a<s>s?:s>
    ("formatNumber", 1, 3),       // <n-so?:s>
    ("formatBase", 0, 2),         // <n-n?:s>
    ("formatInteger", 1, 2),      // <n-s:s>
    ("parseInteger", 1, 2),       // <s-s:n>
    ("number", 0, 1),             // <(nsb)-:n>
    ("floor", 0, 1),              // <n-:n>
    ("ceil", 0, 1),               // <n-:n>
    ("round", 0, 2),              // <n-n?:n>
    ("abs", 0, 1),                // <n-:n>
    ("sqrt", 0, 1),               // <n-:n>
    ("power", 1, 2),              // <n-n:n>
    ("random", 0, 0),             // <:n>
    ("boolean", 0, 1),            // <x-:b>
    ("not", 0, 1),                // <x-:b>
    ("map", 2, 2),                // <af>
    ("zip", 1, usize::MAX),       // <a+>
    ("filter", 2, 2),             // <af>
    ("single", 1, 2),             // <af?>
    ("reduce", 2, 3),             // <afj?:j>
    ("sift", 0, 2),               // <o-f?:o>
    ("keys", 0, 1),               // <x-:a<s>>
    ("lookup", 1, 2),             // <x-s:x>
    ("append", 2, 2),             // <xx:a>
    ("exists", 1, 1),             // <x:b>
    ("spread", 0, 1),             // <x-:a<o>>
    ("merge", 1, 1),              // <a<o>:o>
    ("reverse", 1, 1),            // <a:a>
    ("each", 1, 2),               // <o-f:a>
    ("error", 0, 1),              // <s?:x>
    ("assert", 1, 2),             // <bs?:x>
    ("type", 1, 1),               // <x:s>
    ("sort", 1, 2),               // <af?:a>
    ("shuffle", 1, 1),            // <a:a>
    ("distinct", 1, 1),           // <x:x>
    ("encodeUrlComponent", 0, 1), // <s-:s>
    ("encodeUrl", 0, 1),          // <s-:s>
    ("decodeUrlComponent", 0, 1), // <s-:s>
    ("decodeUrl", 0, 1),          // <s-:s>
    ("eval", 1, 2),               // <sx?:x>
    ("toMillis", 0, 2),           // <s-s?:n>
    ("fromMillis", 0, 3),         // <n-s?s?:s>
    ("clone", 0, 1),              // <(oa)-:o>
    ("now", 0, 2),                // <s?s?:s>
    ("millis", 0, 0),             // <:n>
    ("base64encode", 0, 1),       // <s-:s>
    ("base64decode", 0, 1),       // <s-:s>
];

/// The argument counts a built-in function of JSONata 2.0.6 accepts, `None` if `name`
/// (without `$`) is not one. An unbounded count ends at `usize::MAX`.
pub fn builtin_arity(name: &str) -> Option<RangeInclusive<usize>> {
    BUILTINS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, min, max)| min..=max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arities_as_jsonata_js_checks_them() {
        // Each checked in node against jsonata 2.0.6: one fewer than the minimum, or one
        // more than the maximum, fails with T0410.
        let table = [
            ("count", 1..=1),
            ("string", 0..=2),
            ("substring", 1..=3),
            ("map", 2..=2),
            ("zip", 1..=usize::MAX),
            ("random", 0..=0),
            ("keys", 0..=1),
            ("now", 0..=2),
            ("replace", 2..=4),
            ("base64decode", 0..=1),
        ];
        for (name, want) in table {
            assert_eq!(builtin_arity(name), Some(want), "{name}");
        }
        assert_eq!(builtin_arity("partition"), None);
        assert_eq!(builtin_arity("$count"), None);
        assert_eq!(BUILTINS.len(), 65);
    }
}
