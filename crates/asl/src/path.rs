//! JSONPath as Step Functions reads it (placeholder until the parser lands).
