//! Text metrics for the UI font (Inter), so that nodes and labels are sized to their text
//! without a font engine. The UI uses the same numbers, so a box never clips its name.

/// Advance widths in em for Inter (regular), by character class; bold adds [`BOLD`].
fn em(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        'i' | 'j' | 'l' | '|' | '\'' | '!' | '.' | ',' | ':' | ';' => 0.27,
        'I' => 0.29,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '-' => 0.38,
        'm' | 'w' => 0.86,
        'M' | 'W' => 0.94,
        '@' | '%' => 0.95,
        'A'..='Z' => 0.68,
        '0'..='9' => 0.62,
        'a'..='z' => 0.56,
        '_' | '=' | '+' | '<' | '>' | '~' | '*' | '#' | '$' | '&' | '?' | '"' => 0.6,
        // CJK and other wide scripts take a full em.
        c if (c as u32) >= 0x2E80 => 1.0,
        _ => 0.62,
    }
}

/// Extra width per character of semibold text, in em.
const BOLD: f64 = 0.035;

/// The width in pixels of `s` set in Inter at `size` px.
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let extra = if bold { BOLD } else { 0.0 };
    s.chars().map(|c| em(c) + extra).sum::<f64>() * size
}

/// `s` cut (with an ellipsis) to fit `max` pixels.
pub fn truncate(s: &str, size: f64, bold: bool, max: f64) -> String {
    if text_width(s, size, bold) <= max {
        return s.to_string();
    }
    let budget = max - text_width("…", size, bold);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = (em(c) + if bold { BOLD } else { 0.0 }) * size;
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_letters_are_wider_than_narrow_ones() {
        assert!(text_width("WWWW", 13.0, false) > 2.0 * text_width("iiii", 13.0, false));
        let avg = text_width("Process Payment", 13.0, false) / 15.0;
        assert!((6.0..8.5).contains(&avg), "{avg}");
    }

    #[test]
    fn truncation_fits() {
        let t = truncate(
            "A very long state name that goes on and on",
            13.0,
            true,
            120.0,
        );
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 13.0, true) <= 120.0);
    }
}
