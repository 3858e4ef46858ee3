//! Intrinsic functions (placeholder until the parser lands).
