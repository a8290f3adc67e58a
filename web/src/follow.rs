//! Keeping the newest message in view, the way chat apps do: a conversation at its end stays
//! at its end as messages come (and as the on-screen keyboard takes space); one's own
//! message always brings it to the end; someone scrolled up to read keeps their place, and
//! is told how many new messages wait below instead. Pure: the room view feeds it scroll
//! positions and new messages, and does what it says.

/// How close to the end (in CSS pixels) still counts as "at the end".
pub const AT_END_PX: i32 = 48;

/// What to do about the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Nothing (the person is reading further up).
    Stay,
    /// Scroll to the end.
    ToEnd,
}

/// Where the person is in one room's conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Follow {
    at_end: bool,
    unread: u32,
}

impl Default for Follow {
    /// A room opens at its newest message.
    fn default() -> Follow {
        Follow {
            at_end: true,
            unread: 0,
        }
    }
}

impl Follow {
    /// The person scrolled (or the view changed size): `from_end` pixels above the end.
    pub fn scrolled(&mut self, from_end: i32) {
        self.at_end = from_end <= AT_END_PX;
        if self.at_end {
            self.unread = 0;
        }
    }

    /// `added` messages arrived (`mine`: one of them is the person's own).
    pub fn arrived(&mut self, added: u32, mine: bool) -> Move {
        if mine || self.at_end {
            self.at_end = true;
            self.unread = 0;
            Move::ToEnd
        } else {
            self.unread = self.unread.saturating_add(added);
            Move::Stay
        }
    }

    /// The view got smaller or larger (the keyboard came or went): at the end stays there.
    pub fn resized(&self) -> Move {
        if self.at_end { Move::ToEnd } else { Move::Stay }
    }

    /// The person asked for the newest messages (the 「新しいメッセージ ↓」 button).
    pub fn jump(&mut self) -> Move {
        self.at_end = true;
        self.unread = 0;
        Move::ToEnd
    }

    /// New messages waiting below (the button shows while this is more than 0).
    pub fn unread(&self) -> u32 {
        self.unread
    }

    pub fn at_end(&self) -> bool {
        self.at_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_end_it_follows_and_scrolled_up_it_counts_instead() {
        let mut follow = Follow::default();
        assert_eq!(follow.arrived(1, false), Move::ToEnd, "opens at the newest");
        follow.scrolled(600);
        assert!(!follow.at_end());
        assert_eq!(follow.arrived(2, false), Move::Stay);
        assert_eq!(follow.arrived(1, false), Move::Stay);
        assert_eq!(follow.unread(), 3);
        assert_eq!(follow.resized(), Move::Stay, "the reader keeps their place");
        // Back at the end by hand: the count goes.
        follow.scrolled(10);
        assert_eq!(follow.unread(), 0);
        assert_eq!(follow.resized(), Move::ToEnd);
    }

    #[test]
    fn ones_own_message_and_the_button_bring_it_to_the_end() {
        let mut follow = Follow::default();
        follow.scrolled(900);
        assert_eq!(follow.arrived(1, true), Move::ToEnd);
        assert!(follow.at_end());
        follow.scrolled(900);
        follow.arrived(4, false);
        assert_eq!(follow.jump(), Move::ToEnd);
        assert_eq!(follow.unread(), 0);
    }
}
