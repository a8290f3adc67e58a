//! Keyboard rules, kept apart from the DOM so they can be tested.

/// The keyCode browsers report for keys pressed while an input method (IME) is composing.
pub const IME_PROCESS_KEY: u32 = 229;

/// Whether a keydown in the composer sends the message: Enter without Shift, and never while
/// the Japanese IME is composing (its Enter confirms the conversion, it does not send).
pub fn enter_sends(key: &str, shift: bool, is_composing: bool, key_code: u32) -> bool {
    key == "Enter" && !shift && !is_composing && key_code != IME_PROCESS_KEY
}

/// Whether a keydown is an Escape the person pressed on purpose: not one that cancels an IME
/// conversion (Esc, Esc is how a conversion is undone), and not a held key repeating.
pub fn is_deliberate_escape(key: &str, is_composing: bool, key_code: u32, repeat: bool) -> bool {
    key == "Escape" && !is_composing && key_code != IME_PROCESS_KEY && !repeat
}

/// Counts Escape presses: two within [`EscapeTwice::WINDOW_MS`] trigger the quick exit.
#[derive(Debug, Default, Clone, Copy)]
pub struct EscapeTwice {
    last_ms: Option<f64>,
}

impl EscapeTwice {
    pub const WINDOW_MS: f64 = 1500.0;

    /// Records a press at `now_ms`; true when it is the second one in time.
    pub fn press(&mut self, now_ms: f64) -> bool {
        match self.last_ms {
            Some(last) if now_ms - last <= Self::WINDOW_MS => {
                self.last_ms = None;
                true
            }
            _ => {
                self.last_ms = Some(now_ms);
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_sends_and_shift_enter_is_a_new_line() {
        assert!(enter_sends("Enter", false, false, 13));
        assert!(!enter_sends("Enter", true, false, 13));
        assert!(!enter_sends("a", false, false, 65));
    }

    #[test]
    fn enter_while_composing_never_sends() {
        // Chrome and Firefox: isComposing is true during composition.
        assert!(!enter_sends("Enter", false, true, 13));
        // Safari and older browsers: the confirming Enter comes as keyCode 229.
        assert!(!enter_sends("Enter", false, false, IME_PROCESS_KEY));
        assert!(!enter_sends("Process", false, false, IME_PROCESS_KEY));
    }

    #[test]
    fn escape_that_cancels_a_conversion_or_repeats_is_not_an_exit() {
        assert!(is_deliberate_escape("Escape", false, 27, false));
        assert!(!is_deliberate_escape("Escape", true, 27, false));
        assert!(!is_deliberate_escape(
            "Escape",
            false,
            IME_PROCESS_KEY,
            false
        ));
        assert!(!is_deliberate_escape("Escape", false, 27, true));
        assert!(!is_deliberate_escape("Enter", false, 13, false));
    }

    #[test]
    fn escape_twice_in_time_exits() {
        let mut escape = EscapeTwice::default();
        assert!(!escape.press(0.0));
        assert!(escape.press(800.0));
        // Counting starts again after an exit…
        assert!(!escape.press(900.0));
        // …and a slow second press does not count.
        assert!(!escape.press(5000.0));
        assert!(escape.press(5100.0));
    }
}
