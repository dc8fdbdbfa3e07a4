"""What Circles publishes: the Meeting Guide feed (meeting_guide), HSDS 3.0 (hsds), iCalendar
(ical) and the API's group JSON (group_json). Plain functions over stored rows; no Flask."""
