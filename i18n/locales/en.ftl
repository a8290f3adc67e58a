# Ibasho — English. The same messages and arguments as ja.ftl (tests/check.rs).


## app
app-name = Ibasho
app-tagline = an online place to be
app-loading = Loading…
app-skip = Skip to content

## lobby
lobby-welcome-title = Welcome
lobby-welcome-body = This is an online place to be for people who have withdrawn from society, and for their families, without giving your name. There is no registration. Your handle here is not linked to anything. What is said here disappears when the session ends. You can talk, or just listen.
lobby-open_now = Open now
lobby-closed_now = Closed for now
lobby-none_open = No room is open right now.
lobby-present = { $n } here now
lobby-capacity = up to { $n }
lobby-enter = Enter
lobby-full = Full
lobby-closed = Closed
lobby-until = Until { $time }
lobby-loading = Loading the rooms…
lobby-load_failed = The rooms could not be loaded. Please try again in a moment.
lobby-retry = Try again
lobby-for = For
lobby-rooms_label = Rooms

## kind
kind-themed = Themed room
kind-family = Family group
kind-programme = Peer programme

## audience
audience-themed = the people themselves
audience-family = families
audience-anyone = anyone

## entry
entry-word-label = Entry word

## week
week-open = See this week's sessions
week-title = The week ahead
week-none = No sessions are planned this week. Some rooms are always open.
week-failed = The schedule could not be loaded. Please try again in a moment.
week-calendar = Add to your calendar (.ics)
week-calendar_hint = Put the sessions in your phone's calendar. No sign-up, and nothing about you is sent.

## programme
programme-age_band = Meant for: { $band }
programme-facilitators = Peer staff: { $names }
programme-now = Now: { $segment }
programme-agenda = This session's parts

## error
error-staff_login_refused = The staff name or the password is not right.
error-forbidden = Only staff can do this.
error-not_your_turn = People are taking turns now. You can speak when your turn comes; reactions work any time.
error-not_now = That cannot be done now (a room opens at most { $leeway } minutes early and stays at most { $leeway } minutes late).

## round
round-your_turn = It is your turn. You may speak, or pass.
round-yours = It is your turn ({ $turn } of { $turns }). You may speak, or pass.
round-theirs = It is { $handle }'s turn ({ $turn } of { $turns }).
round-wait = You can speak when your turn comes; reactions work any time.
round-pass = Pass

## facilitate
facilitate-label = Facilitator controls
facilitate-extend = { $extend_minutes ->
    [one] Keep open { $extend_minutes } more minute
   *[other] Keep open { $extend_minutes } more minutes
}
facilitate-previous = Previous part
facilitate-next = Next part
facilitate-start_round = Take turns (start a round)
facilitate-next_turn = Next person
facilitate-end_round = End the round
facilitate-open_early = Open early and go in

## staff
staff-open = For staff
staff-title = Staff sign-in
staff-body = This is the way in for facilitators and counselors. Participants never need to sign in.
staff-name = Staff name
staff-password = Password
staff-submit = Sign in
staff-signed_in = Signed in as { $handle }.
staff-sign_out = Sign out

## countdown
countdown-now = soon

## lobby
lobby-next_open_left = Opens { $when } ({ $left })

## countdown
countdown-minutes = in { $m } min
countdown-hours = in { $h } h
countdown-hours_minutes = in { $h } h { $m } min
countdown-days = { $d ->
    [one] in { $d } day
   *[other] in { $d } days
}

## lobby
lobby-next_up = Next to open: “{ $room }”, at { $when } ({ $left })

## staff
staff-expired = Your staff sign-in has ended. Please sign in again.

## room
room-sitting_note = This session lasts until { $time }. When it ends, everything said here is erased.

## entry
entry-word-hint = This room needs the entry word you were given by the organisers.

## error
error-entry_word_refused = The entry word is not right, or this room cannot be entered. Please check the word you were given.

## audience
audience-programme = the people themselves, with peer staff

## entry
entry-title = Enter “{ $room }”
entry-handle-label = Your name here (handle)
entry-handle-hint = Please do not use your real name. Up to { $handle_max } characters.
entry-handle-another = Another one
entry-role-label = You are here as (you don't have to say)
entry-listen-label = Just listen (without writing)
entry-listen-hint = You don't have to write. Others only see how many people are here.
entry-submit = Enter the room
entry-back = Back to the rooms

## role
role-none = Rather not say
role-person = Myself
role-family = Family
role-supporter = Supporter

## room
room-present = { $n } here now
room-leave = Leave
room-composer-label = Message
room-composer-hint = Enter sends, Shift+Enter starts a new line
room-send = Send
room-listening = You are listening. Write whenever you like.
room-start_talking = Write something
room-stop_talking = Just listen
room-you = you
room-empty = Nobody has said anything yet. Take your time.
room-pending = waiting to send
room-failed = not sent
room-dismiss = Remove
room-memory_note = Only recent messages are kept here, and nothing links them to who you are.
room-messages_label = Conversation
room-react = React with { $reaction }
room-announce = { $handle }: { $text }

## reaction
reaction-nod = うん (nod)
reaction-thumbs_up = Thumbs up
reaction-pray = Thank you
reaction-tea = Tea

## link
link-connecting = Connecting…
link-reconnecting = The connection was lost. Reconnecting… Anything you write will be sent once we are back.
link-replaced = This session is open in another tab.
link-take_back = Continue in this tab
link-new_session = The server restarted, so you are back in with a new session.

## exit
exit-button = Quick exit
exit-hint = Pressing Esc twice also leaves.

## settings
settings-title = Display settings
settings-language = 言語 / Language
settings-text_size = Text size
settings-neutral_title = Use a neutral tab title
settings-furigana = Furigana on kanji
settings-language_failed = The words of that language could not be loaded. Please try again shortly.

## size
size-normal = Normal
size-large = Large
size-larger = Larger

## neutral
neutral-title = Notes

## error
error-bad_request = Something went wrong sending that. Please reload the page.
error-too_long = That message is too long. Please keep it to { $max } characters.
error-rate_limited = { $seconds ->
    [one] Please slow down a little. You can send again in about { $seconds } second.
   *[other] Please slow down a little. You can send again in about { $seconds } seconds.
}
error-room_full = This room is full right now. Please come back a little later.
error-room_closed = This room is not open right now.
error-no_such_room = There is no room with that name.
error-not_in_room = You have not joined this room.
error-handle_taken = Someone in this room already uses that name. Please choose another one.
error-handle_invalid = That name cannot be used: no invisible characters, and nothing that could be taken for staff.
error-unavailable = The service is busy. Please try again in a moment.
error-audience_mismatch = Rooms for the people themselves and for families are kept apart: choose “Myself” or “Family” when you enter to come into the rooms meant for you.

## notice
notice-degraded = The service is unsteady for a moment. You can read; what you write is sent once it recovers.
notice-restored = Everything works again.

## room
room-closing = This session ends at { $time }. When it ends, everything said here is erased.
room-closed = This session has ended, and everything said in it is erased. See you next time.

## error
error-no_such_message = That message is no longer here.
error-blocked = Words like these cannot be sent here, so that everyone can feel safe. Could you say it another way?
error-personal_info = This looks like a phone number or contact details. Sending it could let others find out who you are.
error-repeated = You have sent the same words several times. Please wait a little before sending them again.
error-muted = You cannot write in this room for a while (a facilitator asked for a pause). You can still read and react.
error-removed = A facilitator asked you to leave this room. Other rooms are still open to you.
error-slow_mode = The room is taking it slowly now. Please wait a little before sending again.
error-locked = The room is listen-only right now. You can still react.
error-no_such_report = There is no such report.
error-no_such_escalation = There is no such request to talk with a counselor.

# The same refusals, more precisely where the server knows more (the frame's `sentence`).
error-not_now-case = That cannot be done now (another counselor has it, or the person has not answered yet).
error-personal_info-refused = Contact details such as phone numbers or addresses cannot be sent in this room: it keeps you safe.
error-personal_info-confirmable = This looks like a phone number or contact details. Sending it could let others find out who you are. Send it anyway, or edit it.
error-handle_invalid-empty = That name cannot be used. It is empty.
error-handle_invalid-too_long = That name cannot be used. Please keep it to { $max } characters.
error-handle_invalid-invisible = That name cannot be used. Invisible characters and line breaks are not allowed.
error-handle_invalid-looks_like_staff = That name cannot be used. Names that could be taken for staff are not allowed.
error-bad_request-not_json = The frame could not be read (it is not JSON).
error-bad_request-unknown_type = Unknown message type.
error-bad_request-missing_or_wrong_field = A field is missing or has the wrong shape.
error-bad_request-binary = Binary frames are not accepted; send JSON text.
error-bad_request-hello_first = Send hello first.
error-bad_request-hello_twice = Hello was already received on this connection.
error-bad_request-empty_text = An empty message cannot be sent.
error-bad_request-bad_client_id = client_id must be a string of 1 to { $max } bytes.
error-bad_request-bad_resume_token = The resume token is malformed.
error-bad_request-too_many_rooms = You can be in at most { $max } rooms at once.
error-bad_request-bad_position = The since position is malformed.
error-bad_request-not_their_messages = That person is not in the room, or the messages chosen are not theirs.
error-bad_request-not_in_excerpt = Only the messages you were asked about can be shared.
error-bad_request-outcome_missing = Choose an outcome (talked, referred, no_contact or other) to end a case.
error-bad_request-bad_source = from must be participant or crisis.
# For an HTTP API call.
error-http-staff_session = A staff session is needed.
error-http-admin_only = Only an administrator may do this.
error-http-store_away = This cannot be read now; try again shortly.
error-http-bad_time = from and to must be RFC 3339 times like 2026-12-05T00:00:00Z.
error-http-not_found = Not found.
error-http-bad_span = to must come after from, at most { $days ->
    [one] { $days } day
   *[other] { $days } days
} later.
error-already_answered = You have already answered about this one. Thank you.
error-no_such_desk = There is no such desk.
error-bad_request-bad_rating = rating must be a number from 1 to 4.
error-http-bad_months = Months are written like 2026-04, from must not come after to, and at most { $max } months at once (a fiscal year: fiscal_year=2026).
error-http-other = This request cannot be answered.

## counsel
counsel-ask = Talk with a counselor
counsel-ask_hint = You can talk one-to-one with a professional counselor. Nothing you wrote here is passed on unless you choose it.
counsel-waiting-title = Waiting for a counselor
counsel-waiting-position = You are number { $n } in line.
counsel-waiting-on_duty = Counselors taking requests now: { $n }
counsel-waiting-estimate = { $n ->
    [one] About { $n } minute
   *[other] About { $n } minutes
}
counsel-waiting-listen = While you wait, you can keep listening and talking in the room.
counsel-waiting-handed_over = Another counselor will take over. Just a moment, please.
counsel-no_counselor = No counselor is on duty right now
counsel-no_counselor-body = Your request stays. We will let you know when a counselor comes. If it cannot wait, the lines below can help too.
counsel-next_on_duty = A counselor is next here { $time }. Your request stays, and you will be told when one comes.
counsel-cancel = Cancel the request
counsel-connected = You are with a counselor now.
counsel-open_room = Go to the counselor's room
counsel-room_title = With a counselor
counsel-end = End the conversation
counsel-ended = The conversation has ended. Thank you for talking.
counsel-cancelled = Your request was cancelled. You can ask again any time.
counsel-declined = Not this time. You can ask again any time.
counsel-dismiss = Close

## consent
consent-title = Would you like to talk with a counselor?
consent-body = A facilitator suggests talking with a counselor. Only the messages you keep below are passed on; you may remove them all. If you say no, nobody else is told.
consent-remove = Remove
consent-removed = (removed)
consent-nothing = Nothing will be shared.
consent-accept = Talk with a counselor
consent-decline = Not this time

## console
console-open = Counselor console
console-title = Counselor console
console-duty_on = Start taking requests
console-duty_off = Stop taking requests
console-on_duty = You are taking requests.
console-off_duty = You are not taking requests now.
console-queue = Waiting requests
console-queue_empty = Nobody is waiting right now.
console-waited = waiting { $n } min
console-urgency-urgent = Urgent
console-urgency-normal = Normal
console-from-participant = Asked by the person
console-from-facilitator = From a facilitator
console-from-crisis = After crisis words
console-lobby = From the lobby
console-claim = Take it
console-urgent = Urgent: someone in “{ $room }” may need a counselor (before consent).
console-go_to_room = Go to the room
console-mute = Mute the sound
console-unmute = Unmute the sound
console-cases = Your cases
console-case_handle = With: { $handle }
console-excerpt = What the person shared
console-excerpt_none = Nothing was shared.
console-chat = Open the one-to-one room
console-hand_over = Hand over to another counselor
console-outcome = Outcome
console-end = End the case
console-back = To the lobby

## outcome
outcome-talked = We talked
outcome-referred = Referred elsewhere
outcome-no_contact = No contact
outcome-other = Other

## mod
mod-escalate = Connect to a counselor
mod-escalate_urgent = Connect to a counselor urgently

## escalation
escalation-title = Connections to a counselor
escalation-asked = { $handle }: waiting for their answer
escalation-queued = { $handle }: waiting for a counselor
escalation-not_going_ahead = { $handle }: not going ahead
escalation-with_counselor = { $handle }: with a counselor
escalation-ended = { $handle }: ended

## room
room-deleted = A facilitator took this message down
room-topic = Topic now: { $topic }
room-locked = The room is listen-only right now. You can still react.
room-unattended = No staff member is here, so the room is listen-only. You can talk once one comes in.
room-slow_mode = { $n ->
    [one] Taking it slowly: one message every second.
   *[other] Taking it slowly: one message every { $n } seconds.
}

## sanction
sanction-muted = You cannot write in this room for a while (until { $time }). You can still read and react.
sanction-unmuted = You can write again.
sanction-removed = A facilitator asked you to leave this room. Other rooms are still open to you.

## report
report-open = Report
report-title = Report this message to the staff
report-reason = Reason
report-reason-harassment = Harassment or frightening words
report-reason-personal_info = Personal information
report-reason-spam = Advertising or recruiting
report-reason-self_harm = Worried they may hurt themselves
report-reason-other = Something else
report-note = A few words (optional)
report-send = Send the report
report-cancel = Cancel
report-received = Thank you: the staff will look at it. Your name is not passed on to anyone.
report-outcome-message_deleted = The message you reported was taken down.
report-outcome-muted = The person you reported cannot write for a while.
report-outcome-removed = The person you reported was asked to leave.
report-outcome-no_action = Your report was looked at; no action was needed this time.

## hide
hide-person = Hide this person's messages
hide-hidden = Messages from { $handle } are hidden here: { $n } (on this device only)
hide-show = Show

## pi
pi-title = This looks like a phone number or contact details. Sending it could let others find out who you are.
pi-send = Send anyway
pi-edit = Edit

## support
support-title = Thank you for telling us
support-body = There are people you can talk to when things are hard. Only you can see this.
support-open = Open now
support-closed = Closed now
support-close = Close

## mod
mod-menu = Staff actions
mod-delete = Take down
mod-mute = Mute { $mute_minutes } min
mod-remove = Ask to leave
mod-report_details = Report details
mod-controls = Looking after the room
mod-lock = Pause writing
mod-unlock = Resume writing
mod-slow = Slow mode ({ $slow_seconds } s)
mod-slow_off = End slow mode
mod-topic = Topic
mod-topic_set = Set the topic
mod-close = End now

## desk
desk-title = Alerts and reports
desk-empty = Nothing right now.
desk-alert-flagged = A message that may need attention ({ $rule })
desk-alert-trial = A message that matched a rule on trial ({ $rule })
desk-alert-crisis = A message of distress: its writer alone was shown where to get help.
desk-report = Report: { $reason }
desk-note = Note: { $note }
desk-dismiss = Seen
desk-resolve-message_deleted = Took it down
desk-resolve-muted = Muted
desk-resolve-removed = Asked to leave
desk-resolve-no_action = No action

## audit
audit-open = Audit log
audit-title = Audit log ({ $audit_days ->
    [one] { $audit_days } day
   *[other] { $audit_days } days
})
audit-empty = Nothing recorded.
audit-at = When
audit-actor = Who
audit-action = Action
audit-room = Room
audit-target = Target
audit-reason = Reason
audit-desk = Desk

## staff
staff-signed_out = Your staff account was changed, so you were signed out. Please sign in again.

## ask
ask-cancel = Cancel
ask-delete-title = Take this message down?
ask-delete-body = It leaves everyone's screen. Nobody is told who took it down. This cannot be undone.
ask-delete-do = Take down
ask-mute-title = { $mute_minutes ->
    [one] Mute { $handle } for { $mute_minutes } minute?
   *[other] Mute { $handle } for { $mute_minutes } minutes?
}
ask-mute-body = { $mute_minutes ->
    [one] For { $mute_minutes } minute they cannot write (they can still listen and react). Only they are told, and you can lift it.
   *[other] For { $mute_minutes } minutes they cannot write (they can still listen and react). Only they are told, and you can lift it.
}
ask-mute-do = { $mute_minutes ->
    [one] Mute for { $mute_minutes } minute
   *[other] Mute for { $mute_minutes } minutes
}
ask-remove-title = Ask { $handle } to leave?
ask-remove-body = { $removal_hours ->
    [one] They leave the room now and cannot come back until this session ends ({ $removal_hours } hour in a room that is always open). This cannot be undone.
   *[other] They leave the room now and cannot come back until this session ends ({ $removal_hours } hours in a room that is always open). This cannot be undone.
}
ask-remove-do = Ask to leave
ask-escalate-title = Suggest a counselor to { $handle }?
ask-escalate-body = They are asked first: they choose which messages to share, and may say no.
ask-escalate-do = Ask them
ask-close-title = End this session now?
ask-close-body = Everyone leaves the room, and everything said here is erased. This cannot be undone.
ask-close-do = End now
ask-counselor-title = Talk with a counselor?
ask-counselor-body = You can talk one-to-one with a professional counselor, under the name you use here, without signing up. While you wait you can keep listening and talking in the room. You can cancel at any time.
ask-counselor-do = Call a counselor
ask-end_conversation-title = End the conversation?
ask-end_conversation-body = The room with the counselor closes and what was said there is erased. You can call a counselor again whenever you like.
ask-end_conversation-do = End the conversation
ask-end_case-title = End the case?
ask-end_case-body = It ends with the outcome “{ $outcome }”. The one-to-one room closes and what was said there is erased.
ask-end_case-do = End the case
ask-hand_over-title = Hand this over to another counselor?
ask-hand_over-body = The one-to-one room closes and the person waits again, at the front. What they shared goes to the next counselor.
ask-hand_over-do = Hand over
ask-dismiss_alert-title = Mark this alert as seen to?
ask-dismiss_alert-body = It leaves the screen of every staff member in this room, and staff who come later will not see it.
ask-dismiss_alert-do = Mark as seen to

## menu
menu-open = Menu for { $handle }'s message
menu-title = { $handle }'s message
menu-read_aloud = Read aloud
menu-react = React
menu-close = Close

## room
room-menu = Menu
room-info_label = This room now

## entry
entry-audience_in_session = Rooms for the people themselves and for families are kept apart. To come into this one, leave the rooms you are in first, then choose “Family” or “Myself” as you enter.

## room
room-back = To the lobby (staying in the room)
room-new_messages = New messages: { $n }

## report
report-private = Only the staff in this room get the report. Nobody is told that you sent it.

## staff
staff-panel = Facilitator tools

## done
done-deleted = The message was taken down.
done-muted = { $mute_minutes ->
    [one] { $handle } is muted for { $mute_minutes } minute.
   *[other] { $handle } is muted for { $mute_minutes } minutes.
}
done-unmuted = { $handle } is no longer muted.
done-removed = { $handle } was asked to leave.
done-undo = Undo
done-close = Close

## muted
muted-title = Muted now
muted-until = { $handle } (until { $time })
muted-lift = Lift the mute

## desk
desk-waiting = waiting: { $n }
desk-writer = { $handle }:
desk-show_message = Show the message
desk-message_gone = The message is no longer shown

## counsel
counsel-write_here = Write here
counsel-no_counselor-lines = If it cannot wait, you can also talk to:
counsel-parting = Come back whenever you like. You can call a counselor again at any time.
counsel-parting-lines = Where you can talk

## support
support-more_lines = Other lines

## console
console-back_to_console = To the counselor console
console-outcome_choose = Choose one
console-outcome_recorded = The outcome is recorded.
console-person_gone = (the person has left)
console-person_left = { $handle } ended the conversation. Please record the outcome.
console-record = Record the outcome
console-urgent_waiting = An urgent request is waiting.

## settings
settings-theme = Light or dark

## theme
theme-auto = As the device
theme-light = Light
theme-dark = Dark

## neutral
neutral-title_new = Notes (1)

## watch
watch-ask = Tell me when it opens
watch-on = You will be told when it opens (stop)
watch-hint = Only while this tab is open: you are told here when the room opens. Nothing is stored.
watch-calendar = Add to my calendar (.ics)
watch-opened = “{ $room }” is open now.
watch-tab_title = (open now) { $title }

## when
when-today = today { $time }
when-tomorrow = tomorrow { $time }
when-day = { $date } { $time }
when-date = { $weekday ->
    [0] Sun
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
   *[6] Sat
} { $month }/{ $day }
when-with_left = { $when } ({ $left })

## audit
audit-actor-system = Automatic protection
audit-actor-participant = A participant
audit-actor-facilitator = A facilitator
audit-actor-counselor = A counselor
audit-actor-admin = An administrator
audit-actor-supervisor = A supervisor
audit-action-sign_in = Signed in
audit-action-delete = Took a message down
audit-action-mute = Muted
audit-action-unmute = Lifted a mute
audit-action-remove = Asked to leave
audit-action-slow_mode = Slow mode
audit-action-lock = Paused writing
audit-action-unlock = Resumed writing
audit-action-topic = Set the topic
audit-action-close = Ended the session
audit-action-report = Report
audit-action-resolve_report = Answered a report
audit-action-dismiss_alert = Saw to an alert
audit-action-block = Blocked automatically
audit-action-flag = Flagged automatically
audit-action-trial = Rule on trial
audit-action-crisis = Words of distress
audit-action-escalate = Suggested a counselor
audit-action-claim = Took a request
audit-action-hand_over = Handed a case over
audit-action-end_case = Ended a case
audit-action-transfer = Passed a case to another desk
audit-action-observe = Sat in on a case
audit-action-decline_observer = Asked the observer to leave
audit-action-ask_supervisor = Asked a supervisor for help
audit-reason-message_deleted = Message taken down
audit-reason-muted = Muted
audit-reason-removed = Asked to leave
audit-reason-no_action = No action
audit-reason-crisis = Words of distress
audit-reason-abuse = Abuse
audit-reason-discrimination = Discrimination
audit-reason-sexual = Sexual content
audit-reason-contact = Exchanging contacts
audit-reason-solicitation = Solicitation
audit-reason-medication = Medication
audit-reason-dismissive = Dismissive words

## voice (the participants' voice)
voice-title = How was it today?
voice-about-room = About “{ $room }”
voice-about-counselor = About your talk with the counselor
voice-about-service = About this place
voice-rating-1 = It was hard
voice-rating-2 = It was a little hard
voice-rating-3 = It was all right
voice-rating-4 = It was good
voice-rating-label = Choose one of four (1 it was hard … 4 it was good)
voice-comment = A few words (you need not write anything; up to { $max } characters)
voice-anonymous = This answer is anonymous. It is not linked to what you said or to your name.
voice-send = Send
voice-send-anyway = Send as it is
voice-dismiss = Don't answer
voice-thanks = Thank you for answering.
settings-visited = Leave a mark on this device that you have been here, for next time
settings-visited-hint = The mark stays only in this browser, and “Quick exit” removes it. The server learns only whether this is a first visit.

## figures (usage figures, admins)
figures-open = Usage figures
figures-title = Usage figures
figures-year = Financial year
figures-loading = Loading…
figures-failed = Could not load them. Check that you are signed in as an administrator.
figures-download = Download CSV
figures-month = Month
figures-this-year = This year
figures-year-before = Year before
figures-small = fewer than { $k }
figures-withheld = withheld
figures-total = Total
figures-previous = Previous year's total
figures-all = All figures
figures-all-rooms = All rooms
figures-figure = Figure
figures-room = Room
figures-detail = Breakdown
figures-chart = { $figure } (bars by month; the line is the year before)
figures-threshold = A number below { $k } is shown as “fewer than { $k }”, and a number that could be worked out from it is shown as “withheld”.
figure-visits = Place to be: total visits
figure-listening_visits = of which listening only
figure-first_visits = First visits
figure-messages = Messages
figure-staff_messages = Staff messages
figure-reactions = Reactions
figure-peak_presence = Most people present at once
figure-sittings = Sessions held
figure-family_attendance = Family groups: total attendance
figure-programme_attendance = Programmes: total attendance
figure-counselor_requests = Requests to talk with a counselor
figure-consents_given = Agreed to share
figure-consents_declined = Declined to share
figure-cases = Counseling cases (total)
figure-outcomes = Outcomes of counseling
figure-wait_median_seconds = Wait for a counselor (median, seconds)
figure-wait_p90_seconds = Wait for a counselor (90th percentile, seconds)
figure-moderation_actions = Staff actions
figure-reports = Reports
figure-report_outcomes = Action on reports
figure-automatic = Automatic protection
figures-voice-open = Participants' voices

## voices (admin)
voices-title = Participants' voices
voices-month = Month
voices-ratings = How the answers fell
voices-answers = People who answered
voices-comments = Comments received (in shuffled order)
voices-held = There are fewer than { $k } comments, so they are kept until more arrive.
voices-none = No voices yet for this month.
voices-about-room = Rooms
voices-about-counselor = Talks with a counselor
voices-about-service = This place as a whole

## desks: the routing questions, transfer, supervision (issue 19)
counsel-route-why = Answering helps us reach the right people sooner. You don't have to answer.
counsel-route-about = Who is it about?
counsel-route-unsaid = Rather not say
counsel-route-self = Myself
counsel-route-family = Someone in my family
counsel-route-age = Age of the person it is about
counsel-route-young = 15–39
counsel-route-middle = 40–64
counsel-route-older = 65 or over
counsel-desk = Desk: { $desk }
counsel-transferred = Putting you through to { $desk }
counsel-transferred-unnamed = Putting you through to another desk
counsel-transferred-shared = What you have shared goes with you: you don't need to say it all again.
counsel-observer = A supervisor has joined to support the counselor
counsel-observer-body = If you would rather they were not here, you can ask them to leave at any time.
counsel-observer-decline = Ask them to leave
counsel-observer_left = The supervisor has left.
console-arrived = A request has arrived.
console-arrived_urgent = An urgent request has arrived.
console-observer = A supervisor is present.
console-observer_left = The supervisor has left.
console-transferred = Transferred
console-note = Note: { $note }
console-parked = Nobody is on duty at “{ $desk }” now. The request waits there. You can choose another desk.
console-transfer = Transfer to another desk
console-transfer-note = Note for that desk's counselors (staff only, up to { $max } characters, optional)
console-transfer-to = Transfer to “{ $desk }”
console-ask_supervisor = Call a supervisor
console-supervisor_asked = A supervisor has been called.
console-notify = Notifications
console-notify_refused = This browser does not allow notifications from this site. You can allow them in its settings.
console-replies = Canned replies
console-replies-search = Search by title
console-replies-hint = Choosing one puts it in the message box, to edit before sending.
whisper-title = Whispers (never shown to the person)
whisper-label = Whisper (up to { $max } characters)
whisper-send = Whisper
whisper-heard = Whisper from { $from }: { $text }
supervision-open = Supervisor console
supervision-title = Supervisor console
supervision-on_duty = You are on duty.
supervision-off_duty = You are not on duty now.
supervision-duty_on = Go on duty
supervision-duty_off = Go off duty
supervision-call = A counselor at “{ $desk }” is asking for support (for { $n } min).
supervision-observe = Join to observe
supervision-observing = Observing
supervision-desks = Desks
supervision-desk_default = Counselor desk
supervision-queue = Waiting: { $n }
supervision-oldest = longest wait: { $n } min
supervision-counselors = Counselors on duty: { $n }
supervision-open_cases = open cases each: { $list }
supervision-cases = Open cases
supervision-cases_none = There are no open cases now.
supervision-waiting = waiting ({ $n } min)
supervision-connected = with a counselor ({ $n } min)
supervision-help_asked = asking for support
supervision-stop = Stop observing
supervision-stopped = You have stopped observing.
supervision-read_only = You are observing: you cannot write here. You can whisper to the counselor above.
supervision-back_to_console = To the supervisor console
